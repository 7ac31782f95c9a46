/* kdcc-upgrade-orch.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kdcc-source.h"
#include "kdcc-upgrade-plan.h"

G_BEGIN_DECLS

/* Upgrades through Ceph's orchestrator (issue 15). When the cluster's
 * orchestrator backend is cephadm, the plan is one step, `ceph orch upgrade
 * start --image IMAGE`, watched through `ceph orch upgrade status`;
 * KDCC's pause, resume and abort become `orch upgrade pause|resume|stop`.
 * Any other answer (no orchestrator, another backend, one that cannot
 * upgrade) is said in Ceph's own words and the package plan is used. */

/* `ceph orch status -f json`: {"available": true, "backend": "cephadm",
 * "paused": false, "workers": 10} (the last two from cephadm only), with
 * "reason" when not available. */
typedef struct
{
  gboolean  configured;    /* FALSE: Ceph said no orchestrator is configured */
  gboolean  available;
  char     *backend;       /* "cephadm", "rook", "test_orchestrator"; NULL when none */
  gboolean  paused;        /* cephadm's own pause of its background work */
  gboolean  can_upgrade;   /* cephadm, available, and `orch upgrade status` answers */
  char     *reason;        /* why not: Ceph's own words; NULL when it can upgrade */
} KdccOrchStatus;

void kdcc_orch_status_free (KdccOrchStatus *status);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdccOrchStatus, kdcc_orch_status_free)

/* `ceph orch upgrade status` (always JSON): in_progress FALSE with every
 * other field empty when no upgrade runs (an upgrade that finished is
 * forgotten). progress: "12/25 daemons upgraded"; message: what cephadm
 * does now, "Upgrade paused" or "Error: UPGRADE_FAILED_PULL: …". */
typedef struct
{
  char      *target_image;
  gboolean   in_progress;
  char      *which;              /* "Upgrading all daemon types on all hosts" */
  GStrv      services_complete;  /* daemon types done: "mgr", "mon" */
  char      *progress;
  char      *message;
  gboolean   is_paused;
} KdccOrchUpgradeStatus;

void kdcc_orch_upgrade_status_free (KdccOrchUpgradeStatus *status);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdccOrchUpgradeStatus, kdcc_orch_upgrade_status_free)

/* Parsers (no I/O). KDCC_ERROR_PARSE when the text is not such an answer. */
KdccOrchStatus        *kdcc_orch_status_parse         (const char  *text,
                                                       gssize       length,
                                                       GError     **error);
KdccOrchUpgradeStatus *kdcc_orch_upgrade_status_parse (const char  *text,
                                                       gssize       length,
                                                       GError     **error);

/* Asks the cluster (blocking; a worker thread or the CLI): `orch status`,
 * then, when cephadm is available, `orch upgrade status`. Fails only when
 * the cluster cannot be asked at all; "no orchestrator" and a backend that
 * cannot upgrade come back as a status with its reason. */
KdccOrchStatus        *kdcc_orch_detect_sync          (KdccSource    *source,
                                                       GCancellable  *cancellable,
                                                       GError       **error);
/* `orch upgrade status` now. */
KdccOrchUpgradeStatus *kdcc_orch_upgrade_status_sync  (KdccSource    *source,
                                                       GCancellable  *cancellable,
                                                       GError       **error);

/* One sentence for the plan (translated): "Orchestrator: cephadm; it
 * upgrades the cluster" or "Orchestrator: test_orchestrator cannot upgrade
 * (Ceph: This Orchestrator does not support `orch upgrade status`); the
 * package plan follows". */
char                  *kdcc_orch_status_describe      (const KdccOrchStatus *status);

/* "quay.io/ceph/ceph:v18.2.7": cephadm's default registry and image. */
char                  *kdcc_orch_default_image        (const char  *target_version);

/* The plan of a cephadm cluster: Ceph's rules checked as for a package plan
 * (kdcc_upgrade_plan_new), one step KDCC_UPGRADE_STEP_ORCH_UPGRADE whose
 * command is `ceph orch upgrade start --image IMAGE` (IMAGE NULL: the
 * default image of the target's newest point release). */
KdccUpgradePlan       *kdcc_upgrade_plan_new_orch     (KdccReleaseCatalog  *catalog,
                                                       KdccCluster         *cluster,
                                                       KdccVersionSurvey   *survey,
                                                       const char          *target_release,
                                                       const char          *image,
                                                       GError             **error);
/* The image of an ORCH_UPGRADE step's command (the word after --image). */
char                  *kdcc_orch_step_image           (const KdccUpgradeStep *step);

G_END_DECLS
