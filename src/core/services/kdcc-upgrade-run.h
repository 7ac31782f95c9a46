/* kdcc-upgrade-run.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kdcc-audit-log.h"
#include "kdcc-source.h"
#include "kdcc-upgrade-state.h"

G_BEGIN_DECLS

/* Executes an upgrade plan on a package-based cluster (issue 15), one
 * daemon at a time. Before each daemon its gates: the mons all in quorum
 * (and `mon ok-to-stop` with three mons or more), for an OSD all PGs
 * active+clean and `osd ok-to-stop`. Then the restart: with a restart
 * command template ("ssh {host} sudo systemctl restart ceph-{type}@{id}")
 * KDCC runs it (bounded in time, output kept for the audit log); without
 * one ("manual" mode) it says which command to run and waits. Then it
 * waits until the daemon is back on the new release before the next.
 * Flags (noout) and `osd require-osd-release` go through the write path.
 *
 * The state is saved after every change (kdcc-upgrade-state.h), so a new
 * process resumes where the last one stopped. Every action goes to the
 * cluster's audit log. A wait is explained while it lasts: which daemon,
 * which gate, Ceph's reason and since when. */

#define KDCC_TYPE_UPGRADE_RUN (kdcc_upgrade_run_get_type ())

G_DECLARE_FINAL_TYPE (KdccUpgradeRun, kdcc_upgrade_run, KDCC, UPGRADE_RUN, GObject)

typedef struct
{
  guint poll_ms;            /* between two checks of a gate (default 1000) */
  guint stall_after_s;      /* a wait this long is reported as a stall (default 60) */
  guint restart_timeout_s;  /* bound of one restart command (default 600) */
} KdccUpgradeTiming;

/* STATE is taken; it is saved to kdcc_upgrade_state_path (fsid). AUDIT
 * may be NULL (no audit log, e.g. in a unit test). */
KdccUpgradeRun    *kdcc_upgrade_run_new            (KdccSource         *source,
                                                    KdccAuditLog       *audit,
                                                    KdccUpgradeState   *state);
void               kdcc_upgrade_run_set_timing     (KdccUpgradeRun     *self,
                                                    const KdccUpgradeTiming *timing);
/* A copy of the state as it is now; any thread. */
KdccUpgradeState  *kdcc_upgrade_run_dup_state      (KdccUpgradeRun     *self);

/* Stop before the next daemon (a daemon being restarted is finished
 * first); abort also unsets noout when this upgrade set it. Any thread.
 * Another process asks the same through kdcc_upgrade_control_request. */
void               kdcc_upgrade_run_request_pause  (KdccUpgradeRun     *self);
void               kdcc_upgrade_run_request_abort  (KdccUpgradeRun     *self);

/* Runs from the state's next step until the upgrade is done, paused,
 * failed (the state's message says why; resume retries the step) or
 * aborted. The signal "progress" (one translated line) is emitted on the
 * caller's thread-default main context while it runs. Cancelling stops
 * it like a pause and fails with G_IO_ERROR_CANCELLED. */
void                kdcc_upgrade_run_execute_async  (KdccUpgradeRun      *self,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
KdccUpgradeRunState kdcc_upgrade_run_execute_finish (KdccUpgradeRun      *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* Aborts an upgrade no process drives: unsets noout if this upgrade set
 * it (audited), saves the state ABORTED with the way back as message.
 * Blocking (a worker thread or a CLI). */
gboolean           kdcc_upgrade_run_abort_sync     (KdccUpgradeRun     *self,
                                                    GCancellable       *cancellable,
                                                    GError            **error);

/* What can go back and how, for the daemons done so far (translated):
 * daemons on the new release can be restarted on the old packages until
 * `require-osd-release` moved (OSDs) and while not every mon runs it
 * (mons: min_mon_release moves then and older mons can no longer join). */
char              *kdcc_upgrade_way_back           (const KdccUpgradeState *state);

G_END_DECLS
