/* kdcc-upgrade-state.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "kdcc-upgrade-plan.h"

G_BEGIN_DECLS

/* The state of one upgrade in progress (issue 15), persisted per cluster
 * so that a restart of the app, or another kdcc-cli process, resumes it:
 * $XDG_STATE_HOME/kdcc/upgrade/FSID.json, written atomically (a temporary
 * file renamed over it). Beside it, FSID.control carries a request from
 * another process ("pause" or "abort") that the running roll reads at its
 * next check point; a separate file, so the roll's own writes of the
 * state never overwrite a request. */

typedef enum
{
  KDCC_UPGRADE_RUN_IDLE,      /* planned, not started */
  KDCC_UPGRADE_RUN_RUNNING,
  KDCC_UPGRADE_RUN_PAUSED,    /* stopped after a daemon; resume continues */
  KDCC_UPGRADE_RUN_FAILED,    /* a step failed; resume retries it */
  KDCC_UPGRADE_RUN_ABORTED,   /* given up; see the way back */
  KDCC_UPGRADE_RUN_DONE,
} KdccUpgradeRunState;

typedef enum
{
  KDCC_UPGRADE_STEP_PENDING,
  KDCC_UPGRADE_STEP_ACTIVE,
  KDCC_UPGRADE_STEP_DONE,
} KdccUpgradeStepState;

typedef struct
{
  KdccUpgradeStep      *step;       /* owned */
  KdccUpgradeStepState  state;
  gint64                started;    /* wall clock, µs; 0 when not yet */
  gint64                finished;
  char                 *note;       /* what the step found, e.g. "18.2.7"; may be NULL */
} KdccUpgradeStepRecord;

typedef struct
{
  char                *fsid;
  char                *running_release;   /* "pacific" */
  char                *target_release;    /* "reef" */
  guint                target_major;      /* 18 */
  char                *restart_template;  /* NULL: manual mode */
  KdccUpgradeRunState  state;
  guint                next_step;         /* index of the first step not done */
  gint64               started;           /* µs, wall clock */
  gint64               updated;
  gint64               pid;               /* the process driving it, 0 when none */
  gboolean             noout_was_set;     /* noout was set before we started */
  /* The PG autoscaler paused for the upgrade (plan option noautoscale):
   * whether it was paused already, and what `osd pool unset noautoscale`
   * does not give back on Pacific, to restore after it: "pool\tNAME\tMODE"
   * (pg_autoscale_mode) and "config\tWHO\tNAME\tVALUE" (VALUE "" when the
   * config database had none). NULL until the pause step ran. */
  gboolean             noautoscale_was_set;
  char               **autoscale_restore;
  GPtrArray           *steps;             /* (element-type KdccUpgradeStepRecord) */
  /* The wait in progress, if any: which daemon, which gate, since when. */
  char                *wait_daemon;       /* "osd.0"; NULL when none */
  char                *wait_gate;         /* "ok-to-stop", "pgs-clean", "quorum",
                                           * "min-mon-release", "back", "restart" */
  char                *wait_reason;       /* translated, Ceph's own words where it has some */
  gint64               wait_since;        /* µs; 0 when no wait */
  char                *message;           /* the last failure or what abort said; may be NULL */
} KdccUpgradeState;

void              kdcc_upgrade_state_free        (KdccUpgradeState *state);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdccUpgradeState, kdcc_upgrade_state_free)

/* A new state from PLAN (its steps are taken: plan->steps is left NULL). */
KdccUpgradeState *kdcc_upgrade_state_new_from_plan (const char      *fsid,
                                                    KdccUpgradePlan *plan,
                                                    guint            target_major,
                                                    const char      *restart_template);
KdccUpgradeState *kdcc_upgrade_state_copy        (const KdccUpgradeState *state);

/* $XDG_STATE_HOME/kdcc/upgrade/FSID.json and FSID.control */
char             *kdcc_upgrade_state_path        (const char        *fsid);
char             *kdcc_upgrade_control_path      (const char        *fsid);

/* NULL with no error when the file does not exist; KDCC_ERROR_PARSE when
 * it does not read as a state. */
KdccUpgradeState *kdcc_upgrade_state_load        (const char        *path,
                                                  GError           **error);
/* Atomic: readers see the old file or the new one, never half of one. */
gboolean          kdcc_upgrade_state_save        (KdccUpgradeState  *state,
                                                  const char        *path,
                                                  GError           **error);
char             *kdcc_upgrade_state_to_json     (const KdccUpgradeState *state);

/* Requests from another process: "pause" or "abort". */
gboolean          kdcc_upgrade_control_request   (const char        *fsid,
                                                  const char        *request,
                                                  GError           **error);
/* The pending request (NULL when none); with consume, the file is removed. */
char             *kdcc_upgrade_control_take      (const char        *fsid,
                                                  gboolean           consume);

const char       *kdcc_upgrade_run_state_to_string (KdccUpgradeRunState state);
/* The step kind as the CLI's JSON names it: "set-flag", "daemon", ... */
const char       *kdcc_upgrade_step_kind_to_string (KdccUpgradeStepKind kind);

/* Whether the process PID (as saved in a state) still runs on this machine. */
gboolean          kdcc_upgrade_state_driver_alive (const KdccUpgradeState *state);

G_END_DECLS
