/* kdcc-demo-cluster.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define KDCC_TYPE_DEMO_CLUSTER (kdcc_demo_cluster_get_type ())

G_DECLARE_FINAL_TYPE (KdccDemoCluster, kdcc_demo_cluster, KDCC, DEMO_CLUSTER, GObject)

/* A throwaway Ceph cluster on 127.0.0.1 for trying the app out, started by
 * the kdcc-demo-cluster tool (tests/cluster/kdcc-test-cluster, installed as
 * libexecdir/kdcc/kdcc-demo-cluster) in a subprocess, never blocking the
 * caller. It is stopped by kdcc_demo_cluster_stop() or when the object is
 * finalized.
 *
 * The tool is looked up in $KDCC_DEMO_CLUSTER_TOOL, then the installed
 * path, then the source tree. */
KdccDemoCluster *kdcc_demo_cluster_new           (void);
/* The tool path, or NULL when the tool or Ceph's daemons (ceph-mon,
 * ceph-mgr, ceph-osd in PATH) are missing. */
char            *kdcc_demo_cluster_find_tool     (void);
gboolean         kdcc_demo_cluster_is_available  (void);

void             kdcc_demo_cluster_start_async   (KdccDemoCluster     *self,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean         kdcc_demo_cluster_start_finish  (KdccDemoCluster     *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
gboolean         kdcc_demo_cluster_get_running   (KdccDemoCluster     *self);
const char      *kdcc_demo_cluster_get_dir       (KdccDemoCluster     *self);
const char      *kdcc_demo_cluster_get_conf      (KdccDemoCluster     *self);
const char      *kdcc_demo_cluster_get_keyring   (KdccDemoCluster     *self);
const char      *kdcc_demo_cluster_get_client_id (KdccDemoCluster     *self);
/* Stops the daemons and removes the directory. Waits for the tool: call
 * it when quitting, not while the window is in use. */
void             kdcc_demo_cluster_stop          (KdccDemoCluster     *self);

G_END_DECLS
