/* kdcc-profile-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kdcc-profile.h"
#include "kdcc-snapshot.h"

G_BEGIN_DECLS

#define KDCC_TYPE_PROFILE_ROW (kdcc_profile_row_get_type ())

G_DECLARE_FINAL_TYPE (KdccProfileRow, kdcc_profile_row, KDCC, PROFILE_ROW, GtkListBoxRow)

/* One saved cluster in the sidebar: its kind's icon and its name (following
 * the profile's "name"), its health, and a menu (a button on the row, right
 * click, long press) that activates "win.edit-profile" and
 * "win.remove-profile" with the profile's id. Property: "profile"
 * (KdccProfile, construct-only). */
GtkWidget   *kdcc_profile_row_new         (KdccProfile    *profile);
KdccProfile *kdcc_profile_row_get_profile (KdccProfileRow *self);
/* The name shown, for tests. */
const char  *kdcc_profile_row_get_title   (KdccProfileRow *self);

/* The small health icon: the open cluster's live health (LIVE) or another
 * one's last known; hidden for KDCC_HEALTH_UNKNOWN. */
void              kdcc_profile_row_set_health      (KdccProfileRow   *self,
                                                    KdccHealthStatus  health,
                                                    gboolean          live);
KdccHealthStatus  kdcc_profile_row_get_health      (KdccProfileRow   *self);
GtkWidget        *kdcc_profile_row_get_menu_button (KdccProfileRow   *self);

G_END_DECLS
