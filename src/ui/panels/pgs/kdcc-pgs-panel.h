/* kdcc-pgs-panel.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kdcc-panel.h"

G_BEGIN_DECLS

#define KDCC_TYPE_PGS_PANEL (kdcc_pgs_panel_get_type ())

G_DECLARE_FINAL_TYPE (KdccPgsPanel, kdcc_pgs_panel, KDCC, PGS_PANEL, KdccPanel)

/* Placement groups: the count in each state, problem states first, and
 * the problem PGs. Shows the subjects pgs and pgs/CODE: the latter lists
 * only the PGs health check CODE names (its detail lines, and for the
 * late-scrub and damage checks the PGs in that state), under a visible
 * filter row whose "Show All" (action "pgs.clear-filter") clears it. */
GtkWidget  *kdcc_pgs_panel_new             (void);
/* "state=count" per row shown, for tests. */
GStrv       kdcc_pgs_panel_dup_rows        (KdccPgsPanel *self);
/* The health check code the list is filtered by, or NULL. */
const char *kdcc_pgs_panel_get_filter      (KdccPgsPanel *self);
/* The PG ids of the problem rows shown, in order, for tests. */
GStrv       kdcc_pgs_panel_dup_shown_pgids (KdccPgsPanel *self);

G_END_DECLS
