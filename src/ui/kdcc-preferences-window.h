/* kdcc-preferences-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kdcc-settings.h"

G_BEGIN_DECLS

#define KDCC_TYPE_PREFERENCES_WINDOW (kdcc_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (KdccPreferencesWindow, kdcc_preferences_window, KDCC, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

/* Style (follow the system, light, dark) and the refresh intervals, bound
 * to KdccSettings. */
GtkWidget *kdcc_preferences_window_new (GtkWindow    *parent,
                                        KdccSettings *settings);

G_END_DECLS
