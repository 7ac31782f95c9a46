/* kdcc-upgrade-run-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kdcc-operation-runner.h"
#include "kdcc-owner.h"
#include "kdcc-upgrade-run.h"

G_BEGIN_DECLS

/* Shared by kdcc-upgrade-run.c (the object, the loop, the state) and
 * kdcc-upgrade-steps.c (what each kind of step does). */

struct _KdccUpgradeRun
{
  GObject              parent_instance;

  KdccSource          *source;
  KdccAuditLog        *audit;
  KdccOperationRunner *runner;
  KdccUpgradeTiming    timing;

  GMutex               lock;       /* guards state */
  KdccUpgradeState    *state;
  char                *state_path;
  KdccOwner            owner;      /* where "progress" is emitted */
  int                  requested;  /* atomic: REQUEST_* */
};

enum
{
  REQUEST_NONE,
  REQUEST_PAUSE,
  REQUEST_ABORT,
};

typedef enum
{
  STEP_OK,
  STEP_INTERRUPTED,   /* pause or abort asked at a check point */
  STEP_FAILED,        /* *message says why */
  STEP_CANCELLED,
} StepOutcome;

/* The probe behind a wait: TRUE when it may go on, else *reason. */
typedef gboolean (*UpgradeProbe) (KdccUpgradeRun  *self,
                                  gpointer         data,
                                  GCancellable    *cancellable,
                                  char           **reason);

void        _kdcc_upgrade_run_progress (KdccUpgradeRun *self,
                                        const char     *format,
                                        ...) G_GNUC_PRINTF (2, 3);
void        _kdcc_upgrade_run_save     (KdccUpgradeRun *self);
void        _kdcc_upgrade_run_audit    (KdccUpgradeRun *self,
                                        const char     *action,
                                        const char     *change,
                                        const char     *cli,
                                        const char     *result,
                                        const char     *message);
/* The pending pause/abort, from this process or the control file. */
int         _kdcc_upgrade_run_pending  (KdccUpgradeRun *self);
/* Waits until PROBE says yes, saving the wait (DAEMON, GATE, the reason,
 * since when) in the state. INTERRUPTIBLE: a pause or abort ends the wait
 * with STEP_INTERRUPTED (nothing was touched yet). */
StepOutcome _kdcc_upgrade_run_wait     (KdccUpgradeRun *self,
                                        const char     *daemon,
                                        const char     *gate,
                                        gboolean        interruptible,
                                        UpgradeProbe    probe,
                                        gpointer        data,
                                        GCancellable   *cancellable);

/* Runs the step at INDEX; on STEP_OK the caller marks it done. *note: what
 * it found (NULL or translated); *message: why it failed. */
StepOutcome _kdcc_upgrade_run_step     (KdccUpgradeRun *self,
                                        guint           index,
                                        GCancellable   *cancellable,
                                        char          **note,
                                        char          **message);
/* Applies OPERATION through the runner, audited; FALSE with *message
 * when it was not applied. */
gboolean    _kdcc_upgrade_run_apply    (KdccUpgradeRun  *self,
                                        KdccOperation   *operation,
                                        GCancellable    *cancellable,
                                        char           **message);
/* The PG autoscaler paused for the upgrade (kdcc-upgrade-noautoscale.c):
 * set records what Pacific's unset does not give back; unset (also on
 * abort) unsets it when this upgrade set it and restores that. */
StepOutcome _kdcc_upgrade_run_set_noautoscale   (KdccUpgradeRun  *self,
                                                 GCancellable    *cancellable,
                                                 char           **note,
                                                 char           **message);
gboolean    _kdcc_upgrade_run_unset_noautoscale (KdccUpgradeRun  *self,
                                                 GCancellable    *cancellable,
                                                 char           **note,
                                                 char           **message);
/* The one step of a cephadm upgrade (kdcc-upgrade-orch-run.c). */
StepOutcome _kdcc_upgrade_run_orch_step (KdccUpgradeRun        *self,
                                         const KdccUpgradeStep *step,
                                         GCancellable          *cancellable,
                                         char                 **note,
                                         char                 **message);
/* On abort: `orch upgrade stop` while the cephadm step is not done. */
void        _kdcc_upgrade_run_orch_abort (KdccUpgradeRun *self,
                                          GCancellable   *cancellable);
/* Unsets noout when this upgrade set it (audited). */
gboolean    _kdcc_upgrade_run_unset_noout (KdccUpgradeRun *self,
                                           GCancellable   *cancellable,
                                           char          **message);

G_END_DECLS
