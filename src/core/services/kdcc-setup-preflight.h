/* kdcc-setup-preflight.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kdcc-kube-client.h"
#include "kdcc-setup-template.h"

G_BEGIN_DECLS

/* The set-up wizard's preflight (issue 12): what the target Kubernetes
 * cluster offers (nodes that are Ready and schedulable, their allocatable
 * CPU and memory, raw devices where Rook's discovery daemon reported them)
 * against what the template and its parameters need, and against Koor's
 * production minimums (ceph-facts.md §8: 4 nodes, 500 GB, 19 CPUs,
 * 44 GiB). A CephCluster already in the target namespace refuses the
 * install. Each check that does not pass says why. */

typedef enum
{
  KDCC_SETUP_CHECK_PASSED,
  KDCC_SETUP_CHECK_WARNING,   /* below a recommendation; the install may go on */
  KDCC_SETUP_CHECK_UNKNOWN,   /* could not be found out (e.g. devices not discoverable) */
  KDCC_SETUP_CHECK_FAILED,    /* the install would not work, or is refused */
} KdccSetupCheckResult;

typedef struct
{
  char                 *id;      /* "existing-cluster", "nodes", "cpu", "memory", "devices",
                                  * "production-nodes", "production-cpu", "production-memory",
                                  * "production-storage", "node/NAME" */
  char                 *title;   /* translated */
  KdccSetupCheckResult  result;
  char                 *detail;  /* translated: what was found, and why it fails */
} KdccSetupCheck;

void        kdcc_setup_check_free          (KdccSetupCheck       *check);
/* "passed", "warning", "unknown", "failed" (for JSON). */
const char *kdcc_setup_check_result_to_string (KdccSetupCheckResult result);
/* Translated, for display. */
const char *kdcc_setup_check_result_to_label  (KdccSetupCheckResult result);

/* Koor's production minimums (ceph-facts.md §8). */
#define KDCC_SETUP_MIN_NODES         4
#define KDCC_SETUP_MIN_STORAGE_BYTES (500 * G_GUINT64_CONSTANT (1000000000))
#define KDCC_SETUP_MIN_CPU           19.0
#define KDCC_SETUP_MIN_MEMORY_BYTES  (44 * G_GUINT64_CONSTANT (1073741824))

/* A Kubernetes quantity ("500m", "2", "4Gi", "1.5G", "100k") as a number
 * (cores, bytes); FALSE when TEXT is not one. */
gboolean    kdcc_kube_quantity_parse       (const char           *text,
                                            double               *value);

/* Runs every check (blocking: call it on a worker thread). Returns
 * (element-type KdccSetupCheck) in display order, or NULL with the error
 * when the nodes cannot be listed at all (connection, 403). Other reads
 * that fail (the CephClusters, the discovery config maps) become checks
 * that say why. */
GPtrArray  *kdcc_setup_preflight_run       (KdccKubeClient       *client,
                                            KdccSetupParams      *params,
                                            GCancellable         *cancellable,
                                            GError              **error);
/* TRUE when no check FAILED. */
gboolean    kdcc_setup_preflight_passed    (GPtrArray            *checks);

/* The same on a worker thread. PARAMS is copied (its values now), so the
 * caller may change it meanwhile. */
void        kdcc_setup_preflight_run_async  (KdccKubeClient      *client,
                                             KdccSetupParams     *params,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
GPtrArray  *kdcc_setup_preflight_run_finish (GAsyncResult        *result,
                                             GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdccSetupCheck, kdcc_setup_check_free)

G_END_DECLS
