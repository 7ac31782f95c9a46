/* kdcc-health-badge.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kdcc-snapshot.h"

G_BEGIN_DECLS

#define KDCC_TYPE_HEALTH_BADGE (kdcc_health_badge_get_type ())

G_DECLARE_FINAL_TYPE (KdccHealthBadge, kdcc_health_badge, KDCC, HEALTH_BADGE, GtkWidget)

/* A coloured pill that says "Healthy", "Warning", "Error" or "Unknown".
 * The colour is never the only cue: the text and an icon say the same.
 * Add the "large" style class for the dashboard's headline. */
GtkWidget        *kdcc_health_badge_new        (void);
KdccHealthStatus  kdcc_health_badge_get_status (KdccHealthBadge  *self);
void              kdcc_health_badge_set_status (KdccHealthBadge  *self,
                                                KdccHealthStatus  status);
const char       *kdcc_health_badge_get_label  (KdccHealthBadge  *self);

G_END_DECLS
