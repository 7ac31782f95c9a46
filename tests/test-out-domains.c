/* test-out-domains.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Issue 7's "marking out more than one failure domain" is a risky change:
 * kdcc_operation_check_out_domains raises an OSD out to HIGH when another
 * host already has an OSD out in the cluster or staged to go out, and
 * leaves it alone within one host. The cluster is a model fed by a
 * snapshot made here (three hosts, two OSDs each); the staging area is
 * loaded from a file in the format KDCC writes.
 */
#define G_LOG_DOMAIN "test-out-domains"

#include "config.h"

#include <glib/gstdio.h>

#include "kdcc-cluster.h"
#include "kdcc-config-catalog.h"
#include "kdcc-operation.h"
#include "kdcc-snapshot.h"
#include "kdcc-staging.h"

#define FSID "6a6f3c7e-0000-4000-8000-00000000d0d0"

/* osd.0, osd.1 on host a; osd.2, osd.3 on b; osd.4, osd.5 on c. OUT lists
 * the OSDs the cluster has out, -1 terminated. */
static KdccCluster *
cluster_new (const gint64 *out)
{
  KdccCluster *cluster = kdcc_cluster_new ("domains");
  g_autoptr(KdccSnapshot) snap = kdcc_snapshot_new ();

  snap->fsid = g_strdup (FSID);
  kdcc_snapshot_ensure_osd_list (snap);
  for (gint64 id = 0; id < 6; id++)
    {
      KdccOsdData *osd = kdcc_snapshot_ensure_osd (snap, id);

      /* ensure_osd names it "osd.N". */
      g_assert_cmpstr (osd->name, !=, NULL);
      osd->host = g_strdup_printf ("%c", (char) ('a' + id / 2));
      osd->exists = osd->up = osd->in = TRUE;
      osd->crush_weight = osd->reweight = 1.0;
    }
  for (const gint64 *id = out; *id >= 0; id++)
    kdcc_snapshot_ensure_osd (snap, *id)->in = FALSE;
  kdcc_cluster_apply_snapshot (cluster, snap);
  return cluster;
}

static KdccRisk
risk_of_out (KdccCluster *cluster,
             GListModel  *staged,
             gint64       id)
{
  g_autoptr(KdccOperation) op = kdcc_operation_new_osd_out (id);

  g_assert_cmpint (kdcc_operation_get_risk (op), ==, KDCC_RISK_MEDIUM);
  kdcc_operation_check_out_domains (op, cluster, staged);
  if (kdcc_operation_get_risk (op) == KDCC_RISK_HIGH)
    g_assert_nonnull (g_strstr_len (kdcc_operation_get_risk_reason (op), -1, "failure domains"));
  return kdcc_operation_get_risk (op);
}

static void
test_cluster_state (void)
{
  const gint64 none[] = { -1 };
  const gint64 one_on_a[] = { 0, -1 };
  g_autoptr(KdccCluster) healthy = cluster_new (none);
  g_autoptr(KdccCluster) a_out = cluster_new (one_on_a);
  g_autoptr(KdccOperation) in = kdcc_operation_new_osd_in (2);

  /* Nothing out: one OSD out is the usual medium risk. */
  g_assert_cmpint (risk_of_out (healthy, NULL, 3), ==, KDCC_RISK_MEDIUM);
  /* Host a has one out: its neighbour may follow, another host may not. */
  g_assert_cmpint (risk_of_out (a_out, NULL, 1), ==, KDCC_RISK_MEDIUM);
  g_assert_cmpint (risk_of_out (a_out, NULL, 2), ==, KDCC_RISK_HIGH);
  g_assert_cmpint (risk_of_out (a_out, NULL, 5), ==, KDCC_RISK_HIGH);
  /* Only outs are concerned. */
  kdcc_operation_check_out_domains (in, a_out, NULL);
  g_assert_cmpint (kdcc_operation_get_risk (in), ==, KDCC_RISK_LOW);
  /* Without a model nothing can be said. */
  g_assert_cmpint (risk_of_out (NULL, NULL, 2), ==, KDCC_RISK_MEDIUM);
}

static void
test_staged (void)
{
  const gint64 none[] = { -1 };
  g_autoptr(KdccCluster) cluster = cluster_new (none);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kdcc-out-domains-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, FSID ".json", NULL);
  g_autoptr(KdccStaging) staging = NULL;
  /* What KDCC writes for `kdcc-cli stage add osd out 2`. */
  const char *file =
    "{\"fsid\":\"" FSID "\",\"changes\":[{\"operation\":{\"kind\":\"osd-out\","
    "\"target\":\"osd.2\",\"osd_id\":2},\"cli\":\"ceph osd out osd.2\","
    "\"has_old_value\":true,\"old_value\":\"in\",\"confirmation\":\"maintenance of b\"}]}";

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, file, -1, &error));
  staging = kdcc_staging_new (FSID, path);
  g_assert_true (kdcc_staging_load (staging, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (staging)), ==, 1);

  /* osd.2 of host b staged out: osd.3 (b) stays medium, osd.0 (a) is high. */
  g_assert_cmpint (risk_of_out (cluster, G_LIST_MODEL (staging), 3), ==, KDCC_RISK_MEDIUM);
  g_assert_cmpint (risk_of_out (cluster, G_LIST_MODEL (staging), 0), ==, KDCC_RISK_HIGH);

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/out-domains/cluster-state", test_cluster_state);
  g_test_add_func ("/out-domains/staged", test_staged);

  return g_test_run ();
}
