/* kdcc-scrub-panel.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kdcc-job.h"
#include "kdcc-panel.h"
#include "kdcc-scrub-planner.h"

G_BEGIN_DECLS

#define KDCC_TYPE_SCRUB_PANEL (kdcc_scrub_panel_get_type ())

G_DECLARE_FINAL_TYPE (KdccScrubPanel, kdcc_scrub_panel, KDCC, SCRUB_PANEL, KdccPanel)

/* The scrub planner: the scrub settings in force and where they come from,
 * per pool the PGs not (deep-)scrubbed in time (the mgr's formula), age
 * histograms and PGs scrubbing now, a week view of the scrub windows and
 * the forecast; a schedule editor whose values recompute the forecast at
 * once and are staged ("Stage", confirmed when risky), and "Deep-scrub
 * now" per pool and per OSD as a job.
 * It holds the cluster's PG list while it exists. Property "job-manager"
 * (KdccJobManager, set by the window) receives the deep-scrub jobs. */
GtkWidget             *kdcc_scrub_panel_new             (void);
/* The report shown now (NULL before the PG list arrived). */
const KdccScrubReport *kdcc_scrub_panel_get_report      (KdccScrubPanel  *self);
/* As the editor's fields: tries VALUE for OPTION and recomputes. */
void                   kdcc_scrub_panel_edit            (KdccScrubPanel  *self,
                                                         KdccScrubOption  option,
                                                         double           value);
/* As "Stage": stages the edited values (`config set global ...`, and
 * `config rm osd ...` where the OSDs' section hides a value from the mgr).
 * Returns how many changes were sent to the staging area. */
guint                  kdcc_scrub_panel_stage           (KdccScrubPanel  *self);
/* As a pool's "Deep-scrub now": a job for its overdue PGs, oldest first
 * (NULL when there is none or no connection). Transfer full. */
KdccJob               *kdcc_scrub_panel_deep_scrub_pool (KdccScrubPanel  *self,
                                                         const char      *pool);
/* As the OSD row's "Deep-Scrub Now": the same job for the overdue PGs
 * whose acting set holds OSD_ID, in any pool, oldest first (NULL when
 * there is none or no connection). Transfer full. */
KdccJob               *kdcc_scrub_panel_deep_scrub_osd  (KdccScrubPanel  *self,
                                                         gint64           osd_id);
/* The status line under the editor ("Staged 2 changes", errors). */
const char            *kdcc_scrub_panel_get_status      (KdccScrubPanel  *self);

G_END_DECLS
