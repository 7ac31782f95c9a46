/* kdcc-profile-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kdcc-profile.h"

G_BEGIN_DECLS

#define KDCC_TYPE_PROFILE_ROW (kdcc_profile_row_get_type ())

G_DECLARE_FINAL_TYPE (KdccProfileRow, kdcc_profile_row, KDCC, PROFILE_ROW, GtkListBoxRow)

/* One saved cluster in the sidebar: its kind's icon and its name (following
 * the profile's "name"), with a context menu (right click, long press) that
 * activates "win.edit-profile" and "win.remove-profile" with the profile's
 * id. Property: "profile" (KdccProfile, construct-only). */
GtkWidget   *kdcc_profile_row_new         (KdccProfile    *profile);
KdccProfile *kdcc_profile_row_get_profile (KdccProfileRow *self);
/* The name shown, for tests. */
const char  *kdcc_profile_row_get_title   (KdccProfileRow *self);

G_END_DECLS
