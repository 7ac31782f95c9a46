/* kdcc-upgrade-rook.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kdcc-audit-log.h"
#include "kdcc-kube-client.h"
#include "kdcc-release-catalog.h"
#include "kdcc-rook.h"
#include "kdcc-upgrade-preflight.h"
#include "kdcc-upgrade-run.h"
#include "kdcc-upgrade-state.h"

G_BEGIN_DECLS

/* The Rook upgrade (issue 15, ceph-facts.md §7): the operator first (CRDs
 * and common resources, then the operator image; or the Helm charts in
 * their order), then CephCluster.spec.cephVersion.image, applied through
 * the Kubernetes API and watched by the daemons' Deployments: their
 * `rook-version` and `ceph-version` labels and their ready replicas. */

/* One Ceph daemon's Deployment (selector rook_cluster=NAMESPACE). */
typedef struct
{
  char     *type;          /* ceph_daemon_type: "mon", "mgr", "osd", … */
  char     *id;            /* ceph_daemon_id: "a", "0" */
  char     *deployment;    /* "rook-ceph-osd-0" */
  char     *rook_version;  /* label "v1.13.10"; NULL when absent */
  char     *ceph_version;  /* label "18.2.7-0"; NULL when absent */
  char     *image;         /* the pod template's first container */
  gint64    replicas;
  gint64    ready_replicas;
  gint64    updated_replicas;
  gboolean  ready;         /* ready and updated replicas reach spec.replicas,
                            * and status.observedGeneration the generation */
} KdccRookDaemon;

/* One container of the Ceph-CSI driver Rook deploys: the csi-rbdplugin and
 * csi-cephfsplugin DaemonSets and their -provisioner Deployments. */
typedef struct
{
  char *workload;          /* "csi-rbdplugin-provisioner" */
  char *kind;              /* "DaemonSet" or "Deployment" */
  char *container;         /* "csi-provisioner" */
  char *image;             /* "registry.k8s.io/sig-storage/csi-provisioner:v3.6.2" */
} KdccRookCsiImage;

void kdcc_rook_csi_image_free (KdccRookCsiImage *image);

/* What an upgrade needs to know about one Rook cluster, read in one go. */
typedef struct
{
  KdccRookCluster *cluster;             /* the CephCluster and its operator */
  char            *state_id;            /* the fsid, else the CephCluster's uid */
  char            *operator_deployment; /* "rook-ceph-operator" */
  char            *operator_container;  /* its first container's name */
  gint64           operator_replicas;   /* spec.replicas */
  gboolean         operator_ready;      /* rolled out and ready */
  char            *helm_release;        /* meta.helm.sh/release-name when Helm manages it */
  char            *ceph_running;        /* "17.2.7": the oldest ceph-version label, else
                                         * status.version.version */
  GPtrArray       *daemons;             /* (element-type KdccRookDaemon) in Rook's order:
                                         * mons, mgrs, OSDs, MDS, RGW, the others */
  GPtrArray       *csi;                 /* (element-type KdccRookCsiImage) by workload, then
                                         * container; empty when none is visible (no CSI,
                                         * or no right to list DaemonSets) */
} KdccRookFacts;

void           kdcc_rook_daemon_free (KdccRookDaemon *daemon);
void           kdcc_rook_facts_free  (KdccRookFacts  *facts);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdccRookFacts, kdcc_rook_facts_free)

/* Reads the CephCluster in NAMESPACE (the first there), its operator and
 * its daemons' Deployments. Blocking. KDCC_ERROR_INVALID_INPUT when there
 * is no CephCluster or no operator Deployment. */
KdccRookFacts *kdcc_rook_facts_read  (KdccKubeClient  *client,
                                      const char      *namespace,
                                      GCancellable    *cancellable,
                                      GError         **error);

/* The Ceph-CSI images in NAMESPACE (the operator's: Rook deploys the driver
 * there): every container of the csi-* DaemonSets and Deployments, by
 * workload then container. Blocking. A listing the server refuses (403,
 * or DaemonSets not served) leaves that kind out: CSI is shown where it is
 * visible, and its absence never stops an upgrade. */
GPtrArray     *kdcc_rook_csi_read    (KdccKubeClient  *client,
                                      const char      *namespace,
                                      GCancellable    *cancellable,
                                      GError         **error);

/* "v1.13.10" from "docker.io/rook/ceph:v1.13.10"; NULL for a digest. */
char          *kdcc_rook_image_tag   (const char      *image);
/* "1.13" from "v1.13.10"; NULL when it is not a version. */
char          *kdcc_rook_line_of     (const char      *rook_version);

/* The plan to CEPH_RELEASE ("reef"; NULL: keep Ceph, move Rook only to
 * ROOK_VERSION) as steps of kinds ROOK_MANIFESTS, ROOK_OPERATOR and
 * ROOK_CEPH, each with its exact kubectl or helm command and the version
 * or image it sets (step->target). The path comes from
 * kdcc_upgrade_path(): Rook one minor at a time, each hop before the Ceph
 * hop that needs it. ROOK_VERSION ("v1.13.10") is the operator version of
 * the last Rook hop, or the only one when CEPH_RELEASE is NULL; without
 * it a hop goes to the line's first release (vX.Y.0) because the catalog
 * does not list Rook's patch releases. Ceph images keep the repository of
 * the running image, tagged with the newest point release the catalog
 * knows. A path Ceph's or Rook's rules refuse fails with
 * KDCC_ERROR_INVALID_INPUT and the reason. */
KdccUpgradePlan *kdcc_rook_upgrade_plan_new (KdccReleaseCatalog   *catalog,
                                             const KdccRookFacts  *facts,
                                             const char           *ceph_release,
                                             const char           *rook_version,
                                             GError              **error);

/* The Rook checks before an upgrade, each with its reason (ids
 * "rook-cluster" (phase Ready, no failed condition), "health"
 * (status.ceph.health, warnings accepted one by one), "rook-operator"
 * (rolled out and ready), "rook-daemons" (every daemon Deployment ready),
 * "versions" (one ceph-version and one rook-version across the daemons,
 * unless RESUMING)). (element-type KdccPreflightCheck) */
GPtrArray *kdcc_rook_upgrade_preflight (const KdccRookFacts *facts,
                                        const char * const  *accepted_warnings,
                                        gboolean             resuming);

/* Called with one translated line about what changed (a daemon moved, a
 * step done, a stall explained). */
typedef void (*KdccRookProgressFunc) (const char *line,
                                      gpointer    user_data);

/* Runs STATE (a Rook plan's state, saved to kdcc_upgrade_state_path
 * (state->fsid) after every change) from its next step in NAMESPACE,
 * blocking, until done, paused, failed or aborted; returns that state.
 *
 * - ROOK_MANIFESTS, and with Helm ROOK_OPERATOR and ROOK_CEPH: KDCC cannot
 *   do these through the API (it does not carry Rook's manifests; a Helm
 *   release is Helm's); unless MANUAL_DONE says the admin ran the step's
 *   command, the run pauses there saying what to run. The Helm steps are
 *   then watched like the others.
 * - ROOK_OPERATOR: a JSON patch of the operator Deployment's image
 *   (`kubectl set image`), then waits for its rollout and for every
 *   daemon's rook-version label to show the new version.
 * - ROOK_CEPH: a merge patch of spec.cephVersion.image, then waits until
 *   every daemon's ceph-version label shows the new version and its pod is
 *   ready, and the CephCluster is Ready with status.version at it. A
 *   CephCluster in phase Failure fails the run with its conditions'
 *   message. A wait longer than TIMING->stall_after_s is a stall: the
 *   state's wait_* say which deployment, which gate ("pod-not-ready",
 *   "label-not-moved", "operator-rollout") and since when.
 *
 * Between two looks the run waits on a watch of the Deployments
 * (kdcc-kube-watch.h, on a context of its own thread), so a moved label
 * wakes it at once; it lists again at least every TIMING->poll_ms.
 *
 * A pause (kdcc_upgrade_control_request (fsid, "pause")) during the Ceph
 * roll scales the operator to 0 replicas, Rook's way to stop reconciling:
 * the daemon being restarted finishes, no other starts; resume scales it
 * back to 1. An abort stops KDCC; it cannot take the cluster back (see
 * kdcc_rook_upgrade_way_back). Every action goes to AUDIT (may be NULL)
 * with its kubectl equivalent. Cancelling stops like a pause without
 * touching the operator and fails with G_IO_ERROR_CANCELLED. */
KdccUpgradeRunState kdcc_rook_upgrade_execute (KdccKubeClient          *client,
                                               const char              *namespace,
                                               KdccUpgradeState        *state,
                                               KdccAuditLog            *audit,
                                               const KdccUpgradeTiming *timing,
                                               gboolean                 manual_done,
                                               KdccRookProgressFunc     progress,
                                               gpointer                 user_data,
                                               GCancellable            *cancellable,
                                               GError                 **error);

/* Aborts a Rook upgrade no process drives: scales a paused operator back
 * up (the roll then continues to the image already set), saves the state
 * ABORTED with the way back as its message, audited. Blocking. */
gboolean kdcc_rook_upgrade_abort (KdccKubeClient    *client,
                                  const char        *namespace,
                                  KdccUpgradeState  *state,
                                  KdccAuditLog      *audit,
                                  GCancellable      *cancellable,
                                  GError           **error);

/* What can be undone and what cannot, for the steps done (translated). */
char *kdcc_rook_upgrade_way_back (const KdccUpgradeState *state);

G_END_DECLS
