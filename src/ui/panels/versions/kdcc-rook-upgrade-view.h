/* kdcc-rook-upgrade-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kdcc-kube-client.h"
#include "kdcc-upgrade-state.h"

G_BEGIN_DECLS

#define KDCC_TYPE_ROOK_UPGRADE_VIEW (kdcc_rook_upgrade_view_get_type ())

G_DECLARE_FINAL_TYPE (KdccRookUpgradeView, kdcc_rook_upgrade_view, KDCC, ROOK_UPGRADE_VIEW,
                      AdwBin)

/* The Rook upgrade (issue 15, kdcc-upgrade-rook.h) of the CephCluster in
 * NAMESPACE: the plan to TARGET_RELEASE (with ROOK_VERSION, may be NULL)
 * with each step's kubectl or helm command, the preflight with reasons, the
 * run's state (Start, Pause, Abort) with the wait in progress explained,
 * and every daemon's Deployment with its rook-version and ceph-version
 * labels and readiness, read again every second. An upgrade another
 * process (kdcc-cli) runs or left is shown, and Pause and Abort reach it.
 *
 * Property (read-only): "loaded" (boolean), TRUE once the first read is in. */
GtkWidget        *kdcc_rook_upgrade_view_new           (KdccKubeClient      *client,
                                                        const char          *namespace,
                                                        const char          *target_release,
                                                        const char          *rook_version);
gboolean          kdcc_rook_upgrade_view_get_loaded    (KdccRookUpgradeView *self);
/* A copy of the last state read (NULL before any upgrade). */
KdccUpgradeState *kdcc_rook_upgrade_view_dup_state     (KdccRookUpgradeView *self);
/* "osd.1 waits at pod-not-ready for 12 s: REASON", or NULL. */
char             *kdcc_rook_upgrade_view_dup_wait_text (KdccRookUpgradeView *self);
/* Start runs the plan in a worker thread; "--manual-done" as in the CLI:
 * MANUAL_DONE says the admin ran the step KDCC cannot do. */
void              kdcc_rook_upgrade_view_set_timing    (KdccRookUpgradeView *self,
                                                        guint                poll_ms,
                                                        guint                stall_after_s);
void              kdcc_rook_upgrade_view_start         (KdccRookUpgradeView *self,
                                                        gboolean             manual_done);
void              kdcc_rook_upgrade_view_pause         (KdccRookUpgradeView *self);
void              kdcc_rook_upgrade_view_abort         (KdccRookUpgradeView *self);
/* Whether a run started here is still going. */
gboolean          kdcc_rook_upgrade_view_get_running   (KdccRookUpgradeView *self);

G_END_DECLS
