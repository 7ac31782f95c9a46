/* kdcc-pgs-panel.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kdcc-panel.h"

G_BEGIN_DECLS

#define KDCC_TYPE_PGS_PANEL (kdcc_pgs_panel_get_type ())

G_DECLARE_FINAL_TYPE (KdccPgsPanel, kdcc_pgs_panel, KDCC, PGS_PANEL, KdccPanel)

/* Placement groups: the count in each state, problem states first, and a
 * table of the PGs (id, state, pool, acting and up OSDs, bytes stored,
 * last deep scrub), sortable by every column, that lists those needing
 * attention or all of them, searchable by PG id, pool or state. A state
 * row narrows the table to that state. Shows the subjects pgs and
 * pgs/CODE: the latter lists only the PGs health check CODE names (its
 * detail lines, and for the late-scrub and damage checks the PGs in that
 * state), under a visible filter row whose "Show All" (action
 * "pgs.clear-filter") clears it. A row opens that PG's page. */
GtkWidget  *kdcc_pgs_panel_new              (void);
/* "state=count" per row shown, for tests. */
GStrv       kdcc_pgs_panel_dup_rows         (KdccPgsPanel *self);
/* The health check code the list is filtered by, or NULL. */
const char *kdcc_pgs_panel_get_filter       (KdccPgsPanel *self);
/* The PG ids the table lists (all of them, not only the rows on
 * screen), in order, for tests. */
GStrv       kdcc_pgs_panel_dup_shown_pgids  (KdccPgsPanel *self);
/* What the search entry, the "Needs Attention / All" choice and a state
 * row do, for tests and benchmarks. */
void        kdcc_pgs_panel_set_search       (KdccPgsPanel *self,
                                             const char   *text);
void        kdcc_pgs_panel_set_show_all     (KdccPgsPanel *self,
                                             gboolean      show_all);
void        kdcc_pgs_panel_set_state_filter (KdccPgsPanel *self,
                                             const char   *state);
/* The PGs listed, in order (a GListModel of KdccPg). */
GListModel *kdcc_pgs_panel_get_rows         (KdccPgsPanel *self);

G_END_DECLS
