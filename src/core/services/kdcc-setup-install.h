/* kdcc-setup-install.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kdcc-audit-log.h"
#include "kdcc-job.h"
#include "kdcc-kube-client.h"
#include "kdcc-setup-render.h"

G_BEGIN_DECLS

/* The set-up wizard's install (issue 12) as a job: the Rook operator, from
 * a release's manifests (crds.yaml, then common.yaml and operator.yaml
 * once the CRDs are Established) by server-side apply, or through `helm`;
 * then the template's objects by server-side apply; then the CephCluster
 * watched until its phase is Ready (the job succeeds) or Failure (it
 * fails). Every step has its kubectl or helm equivalent, shown before it
 * runs and recorded in the audit log with its outcome. Cancelling the job
 * stops at the next request (objects already applied stay: the audit log
 * says which); the job then ends CANCELLED with G_IO_ERROR_CANCELLED.
 *
 * Refuses (before applying anything) when the namespace already has a
 * CephCluster that KDCC did not apply (field manager "kdcc"). */

#define KDCC_SETUP_FIELD_MANAGER "kdcc"

typedef enum
{
  KDCC_SETUP_STEP_APPLY,      /* server-side apply of objects */
  KDCC_SETUP_STEP_WAIT_CRDS,  /* until the CRDs are Established */
  KDCC_SETUP_STEP_HELM,       /* runs helm */
  KDCC_SETUP_STEP_WATCH,      /* the CephCluster's phase until Ready */
} KdccSetupStepKind;

typedef enum
{
  KDCC_SETUP_STEP_PENDING,
  KDCC_SETUP_STEP_RUNNING,
  KDCC_SETUP_STEP_DONE,
  KDCC_SETUP_STEP_FAILED,
  KDCC_SETUP_STEP_CANCELLED,
} KdccSetupStepState;

typedef struct
{
  KdccSetupStepKind   kind;
  KdccSetupStepState  state;     /* owner thread's view */
  char               *title;     /* translated */
  char               *command;   /* the kubectl or helm equivalent */
  GPtrArray          *objects;   /* APPLY, WAIT_CRDS: KdccSetupObject */
  GStrv               argv;      /* HELM */
} KdccSetupStep;

#define KDCC_TYPE_SETUP_INSTALL (kdcc_setup_install_get_type ())

G_DECLARE_FINAL_TYPE (KdccSetupInstall, kdcc_setup_install, KDCC, SETUP_INSTALL, GObject)

/* Renders PARAMS (invalid parameters: NULL with the reasons). KUBECONFIG
 * (may be NULL) is only for the commands shown. Without an operator source
 * only the cluster objects are applied (the operator is already there). */
KdccSetupInstall *kdcc_setup_install_new           (KdccKubeClient    *client,
                                                    KdccSetupParams   *params,
                                                    const char        *kubeconfig,
                                                    GError           **error);
/* The operator from DIR/crds.yaml, DIR/common.yaml, DIR/operator.yaml
 * (each may hold several documents). KDCC_ERROR_INVALID_INPUT names the
 * file and the kind KDCC does not know how to apply. */
gboolean          kdcc_setup_install_set_operator_manifests (KdccSetupInstall *self,
                                                             const char       *dir,
                                                             GError          **error);
/* The operator through HELM (a path, e.g. g_find_program_in_path ("helm"))
 * and CHART ("rook-release/rook-ceph" adds Rook's chart repository first). */
void              kdcc_setup_install_set_operator_helm      (KdccSetupInstall *self,
                                                             const char       *helm,
                                                             const char       *chart);
void              kdcc_setup_install_set_audit_log (KdccSetupInstall  *self,
                                                    KdccAuditLog      *log);
/* The steps in order (element-type KdccSetupStep); fixed once started. */
GPtrArray        *kdcc_setup_install_get_steps     (KdccSetupInstall  *self);
/* The rendered objects and the Helm chart's values, for the preview. */
GPtrArray        *kdcc_setup_install_get_objects   (KdccSetupInstall  *self);
JsonObject       *kdcc_setup_install_get_values    (KdccSetupInstall  *self);

/* Starts the job (transfer none: SELF owns it) on the caller's thread-default main context, which must
 * run until it ends). CANCELLABLE may be NULL. "step-changed" (guint
 * index) is emitted there when a step's state changes; the properties
 * phase, message, health (the CephCluster's status.phase, .message,
 * .ceph.health) notify there. Once only. */
KdccJob          *kdcc_setup_install_start         (KdccSetupInstall  *self,
                                                    GCancellable      *cancellable);
/* The job once started, or NULL. */
KdccJob          *kdcc_setup_install_get_job       (KdccSetupInstall  *self);
const char       *kdcc_setup_install_get_phase     (KdccSetupInstall  *self);
const char       *kdcc_setup_install_get_message   (KdccSetupInstall  *self);
const char       *kdcc_setup_install_get_health    (KdccSetupInstall  *self);

/* What the audit log of set-up installs is called (its "fsid": the new
 * cluster has none yet). */
#define KDCC_SETUP_AUDIT_ID "setup"

G_END_DECLS
