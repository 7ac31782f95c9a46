/* kdcc-settings.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define KDCC_TYPE_SETTINGS (kdcc_settings_get_type ())

G_DECLARE_FINAL_TYPE (KdccSettings, kdcc_settings, KDCC, SETTINGS, GObject)

/* The application's preferences as GObject properties, kept in sync with
 * the GSettings schema APP_ID through g_settings_bind, so widgets bind to
 * properties and tests can use the memory backend.
 *
 * Properties: "refresh-interval", "heavy-refresh-interval" (uint seconds),
 * "window-width", "window-height" (int), "window-maximized" (boolean),
 * "last-profile", "color-scheme" (string: "default", "light", "dark"),
 * "health-notifications" (boolean: notify about new or worse health
 * checks while the window is not focused), "history-max-days",
 * "history-max-mb" (uint: the flight recorder's bounds, applied to every
 * open cluster's recorder), "version-service-enabled" (boolean, off by
 * default) and "version-service-url" (string: Koor's version service). */
KdccSettings *kdcc_settings_new                      (void);
/* Uses the given GSettings instead of the schema APP_ID (for tests). */
KdccSettings *kdcc_settings_new_for_settings         (GSettings    *settings);
guint         kdcc_settings_get_refresh_interval     (KdccSettings *self);
guint         kdcc_settings_get_heavy_refresh_interval (KdccSettings *self);
const char   *kdcc_settings_get_last_profile         (KdccSettings *self);
void          kdcc_settings_set_last_profile         (KdccSettings *self,
                                                      const char   *profile_id);
const char   *kdcc_settings_get_color_scheme         (KdccSettings *self);
void          kdcc_settings_set_color_scheme         (KdccSettings *self,
                                                      const char   *scheme);
void          kdcc_settings_get_window_state         (KdccSettings *self,
                                                      int          *width,
                                                      int          *height,
                                                      gboolean     *maximized);
void          kdcc_settings_set_window_state         (KdccSettings *self,
                                                      int           width,
                                                      int           height,
                                                      gboolean      maximized);

gboolean      kdcc_settings_get_health_notifications (KdccSettings *self);
void          kdcc_settings_set_health_notifications (KdccSettings *self,
                                                      gboolean      enabled);
/* The folder diagnostics bundles were last saved to, NULL for none. */
char         *kdcc_settings_dup_diagnostics_folder   (KdccSettings *self);
void          kdcc_settings_set_diagnostics_folder   (KdccSettings *self,
                                                      const char   *path);
/* The health last seen of a saved cluster (KDCC_HEALTH_UNKNOWN when never
 * seen); setting KDCC_HEALTH_UNKNOWN forgets it. Writes only on change. */
int           kdcc_settings_get_profile_health       (KdccSettings *self,
                                                      const char   *profile_id);
void          kdcc_settings_set_profile_health       (KdccSettings *self,
                                                      const char   *profile_id,
                                                      int           health);

guint         kdcc_settings_get_history_max_days     (KdccSettings *self);
guint         kdcc_settings_get_history_max_mb       (KdccSettings *self);
/* The version service to ask, or NULL while it is turned off. */
char         *kdcc_settings_dup_version_service      (KdccSettings *self);

G_END_DECLS
