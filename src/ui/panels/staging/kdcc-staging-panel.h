/* kdcc-staging-panel.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kdcc-job-manager.h"
#include "kdcc-panel.h"

G_BEGIN_DECLS

#define KDCC_TYPE_STAGING_PANEL (kdcc_staging_panel_get_type ())

G_DECLARE_FINAL_TYPE (KdccStagingPanel, kdcc_staging_panel, KDCC, STAGING_PANEL, KdccPanel)

/* The staged changes with their CLI equivalents, reordered with their
 * buttons or Alt+Up / Alt+Down (actions staging.move-up and
 * staging.move-down on the selected or focused change), applied or rolled
 * back as a job; the last applied batch; the daemons that need a restart and the
 * audit log. Property: job-manager (where the apply jobs go). */
GtkWidget *kdcc_staging_panel_new          (void);
/* As the buttons; the job started, or NULL (nothing to apply). Transfer
 * none. */
KdccJob   *kdcc_staging_panel_apply_all    (KdccStagingPanel *self);
KdccJob   *kdcc_staging_panel_roll_back    (KdccStagingPanel *self);
/* Starts reading the pending restarts again. */
void       kdcc_staging_panel_refresh_restarts (KdccStagingPanel *self);
/* As Export Script…: the staged changes as a shell script (their `ceph`
 * commands in order) written to PATH. */
gboolean   kdcc_staging_panel_export_script (KdccStagingPanel  *self,
                                             const char        *path,
                                             GError           **error);
/* The text of the status line (last result). */
const char *kdcc_staging_panel_get_status  (KdccStagingPanel *self);

G_END_DECLS
