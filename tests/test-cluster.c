/* test-cluster.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Unit tests of the model: KdccCluster and its items, fed with snapshots
 * built in code (no cluster needed). They check what the UI relies on:
 * items keep their identity across refreshes, only changed properties
 * notify, and lists emit minimal items-changed.
 */
#include "config.h"

#include "kdcc-cluster.h"
#include "kdcc-enums.h"
#include "kdcc-error.h"
#include "kdcc-health-check.h"
#include "kdcc-host.h"
#include "kdcc-osd.h"
#include "kdcc-pg.h"
#include "kdcc-pg-state.h"
#include "kdcc-pool.h"

/* Recorders ---------------------------------------------------------------- */

typedef struct
{
  guint position;
  guint removed;
  guint added;
} Change;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GArray     *changes)
{
  Change change = { position, removed, added };

  g_array_append_val (changes, change);
}

static GArray *
record_items_changed (GListModel *model)
{
  GArray *changes = g_array_new (FALSE, FALSE, sizeof (Change));

  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), changes);
  return changes;
}

static void
stop_recording (GListModel *model,
                GArray     *changes)
{
  g_signal_handlers_disconnect_by_data (model, changes);
  g_array_unref (changes);
}

static void
assert_change (GArray *changes,
               guint   index,
               guint   position,
               guint   removed,
               guint   added)
{
  Change *c;

  g_assert_cmpuint (index, <, changes->len);
  c = &g_array_index (changes, Change, index);
  g_assert_cmpuint (c->position, ==, position);
  g_assert_cmpuint (c->removed, ==, removed);
  g_assert_cmpuint (c->added, ==, added);
}

/* Counts notify emissions by property name, across any number of objects. */
static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           GHashTable *counts)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, pspec->name));

  g_hash_table_insert (counts, (gpointer) pspec->name, GUINT_TO_POINTER (n + 1));
}

static GHashTable *
notify_counter_new (void)
{
  return g_hash_table_new (g_str_hash, g_str_equal);
}

static void
count_notifies (gpointer    object,
                GHashTable *counts)
{
  g_signal_connect (object, "notify", G_CALLBACK (notify_cb), counts);
}

static guint
notify_count (GHashTable *counts,
              const char *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (counts, name));
}

static guint
notify_total (GHashTable *counts)
{
  GHashTableIter iter;
  gpointer value;
  guint total = 0;

  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    total += GPOINTER_TO_UINT (value);
  return total;
}

static void
count_signal_cb (gpointer  object,
                 guint    *count)
{
  (*count)++;
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

/* Snapshots ---------------------------------------------------------------- */

static KdccOsdData *
add_osd (KdccSnapshot *snap,
         gint64        id,
         const char   *host)
{
  KdccOsdData *osd = kdcc_snapshot_ensure_osd (snap, id);

  osd->host = g_strdup (host);
  osd->device_class = g_strdup ("hdd");
  osd->up = TRUE;
  osd->in = TRUE;
  osd->crush_weight = 0.5;
  osd->reweight = 1.0;
  osd->has_usage = TRUE;
  osd->utilization = 10.0 + id % 7;
  osd->total_bytes = 1000;
  osd->used_bytes = 100;
  osd->avail_bytes = 900;
  osd->pgs = 32;
  return osd;
}

static KdccHealthCheckData *
add_check (KdccSnapshot     *snap,
           const char       *code,
           KdccHealthStatus  severity,
           const char       *summary)
{
  KdccHealthCheckData *check = kdcc_health_check_data_new ();

  check->code = g_strdup (code);
  check->severity = severity;
  check->summary = g_strdup (summary);
  g_ptr_array_add (check->detail, g_strdup_printf ("%s detail 1", code));
  check->count = 1;
  g_ptr_array_add (snap->checks, check);
  return check;
}

/* A small cluster: OSDs 0..n-1 on hosts node-a/node-b, two pools, two
 * checks, three PG states. The OSDs are added in descending order on
 * purpose so the model has to sort them. */
static KdccSnapshot *
make_snapshot (guint n_osds)
{
  KdccSnapshot *snap = kdcc_snapshot_new ();
  KdccPoolData *pool;
  KdccClassCapacityData *cls;

  snap->fsid = g_strdup ("0b1c0ffe-0000-4000-8000-000000000001");
  snap->health = KDCC_HEALTH_WARN;
  snap->total_bytes = 3000;
  snap->used_bytes = 300;
  snap->avail_bytes = 2700;
  snap->read_ops = 1.5;
  snap->write_ops = 2.5;
  snap->read_bytes = 1024;
  snap->write_bytes = 2048;
  snap->pgs_total = 96;
  snap->osds_total = n_osds;
  snap->osds_up = n_osds;
  snap->osds_in = n_osds;
  snap->pools_total = 2;
  snap->mgr_active = g_strdup ("x");
  snap->source_kind = g_strdup ("rados");
  snap->fetched_at = G_GINT64_CONSTANT (1764322200) * G_USEC_PER_SEC;
  g_ptr_array_add (snap->mons, g_strdup ("a"));
  g_ptr_array_add (snap->mons, g_strdup ("b"));
  g_ptr_array_add (snap->quorum, g_strdup ("a"));
  g_ptr_array_add (snap->mgr_standbys, g_strdup ("y"));
  g_ptr_array_add (snap->versions, kdcc_version_data_new ("mon", "ceph version 16.2.15", 2));
  g_ptr_array_add (snap->versions, kdcc_version_data_new ("osd", "ceph version 16.2.15", 3));
  cls = kdcc_class_capacity_data_new ("hdd");
  cls->total_bytes = 3000;
  cls->used_bytes = 300;
  cls->avail_bytes = 2700;
  g_ptr_array_add (snap->classes, cls);

  add_check (snap, "POOL_NO_REDUNDANCY", KDCC_HEALTH_WARN, "1 pool(s) have no replicas");
  add_check (snap, "MON_DISK_LOW", KDCC_HEALTH_WARN, "mon a is low on available space");

  g_ptr_array_add (snap->pg_states, kdcc_pg_state_data_new ("active+clean", 90));
  g_ptr_array_add (snap->pg_states, kdcc_pg_state_data_new ("active+clean+scrubbing", 4));
  g_ptr_array_add (snap->pg_states, kdcc_pg_state_data_new ("peering", 2));

  for (guint i = n_osds; i > 0; i--)
    {
      const char *host = (i - 1) % 2 == 0 ? "node-a" : "node-b";
      gint64 id = i - 1;

      add_osd (snap, id, host);
      g_array_append_val (kdcc_snapshot_ensure_host (snap, host)->osd_ids, id);
    }

  pool = kdcc_snapshot_ensure_pool (snap, 2);
  pool->name = g_strdup ("rbd");
  pool->type = g_strdup ("replicated");
  pool->size = 3;
  pool->min_size = 2;
  pool->pg_num = 32;
  pool->autoscale_mode = g_strdup ("on");
  g_ptr_array_add (pool->applications, g_strdup ("rbd"));
  pool->has_usage = TRUE;
  pool->stored_bytes = 100;
  pool->max_avail_bytes = 800;
  pool->percent_used = 11.1;

  pool = kdcc_snapshot_ensure_pool (snap, 1);
  pool->name = g_strdup (".mgr");
  pool->type = g_strdup ("replicated");
  pool->size = 1;
  pool->min_size = 1;
  pool->pg_num = 1;
  pool->autoscale_mode = g_strdup ("on");
  g_ptr_array_add (pool->applications, g_strdup ("mgr"));

  return snap;
}

static gpointer
list_item (GListModel *model,
           guint       position)
{
  /* The model keeps its own reference, so a borrowed pointer is enough to
   * compare identities in these tests. */
  GObject *item = g_list_model_get_item (model, position);

  g_object_unref (item);
  return item;
}

/* Tests -------------------------------------------------------------------- */

static void
test_lifecycle (void)
{
  KdccCluster *cluster = kdcc_cluster_new ("lab");
  g_autoptr(KdccSnapshot) snap = make_snapshot (4);

  g_assert_cmpstr (kdcc_cluster_get_name (cluster), ==, "lab");
  g_assert_false (kdcc_cluster_get_has_data (cluster));
  g_assert_cmpint (kdcc_cluster_get_health (cluster), ==, KDCC_HEALTH_UNKNOWN);
  g_assert_cmpint (kdcc_cluster_get_last_update (cluster), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (kdcc_cluster_get_osds (cluster)), ==, 0);

  kdcc_cluster_apply_snapshot (cluster, snap);
  g_assert_finalize_object (cluster);

  g_assert_finalize_object (kdcc_osd_new (1));
  g_assert_finalize_object (kdcc_pool_new (1));
  g_assert_finalize_object (kdcc_host_new ("node-a"));
  g_assert_finalize_object (kdcc_health_check_new ("OSD_DOWN"));
  g_assert_finalize_object (kdcc_pg_state_new ("active+clean"));
}

static void
test_first_apply (void)
{
  g_autoptr(KdccCluster) cluster = kdcc_cluster_new ("lab");
  g_autoptr(KdccSnapshot) snap = make_snapshot (5);
  g_autoptr(GHashTable) counts = notify_counter_new ();
  GListModel *osds = kdcc_cluster_get_osds (cluster);
  GListModel *checks = kdcc_cluster_get_health_checks (cluster);
  GListModel *states = kdcc_cluster_get_pg_states (cluster);
  GListModel *hosts = kdcc_cluster_get_hosts (cluster);
  GListModel *pools = kdcc_cluster_get_pools (cluster);
  GArray *osd_changes = record_items_changed (osds);
  guint refreshed = 0;
  KdccHealthStatus health;

  count_notifies (cluster, counts);
  g_signal_connect (cluster, "refreshed", G_CALLBACK (count_signal_cb), &refreshed);

  kdcc_cluster_apply_snapshot (cluster, snap);

  g_assert_cmpuint (refreshed, ==, 1);
  g_assert_true (kdcc_cluster_get_has_data (cluster));
  g_assert_cmpstr (kdcc_cluster_get_fsid (cluster), ==, "0b1c0ffe-0000-4000-8000-000000000001");
  g_assert_cmpint (kdcc_cluster_get_health (cluster), ==, KDCC_HEALTH_WARN);
  g_object_get (cluster, "health", &health, NULL);
  g_assert_cmpint (health, ==, KDCC_HEALTH_WARN);
  g_assert_cmpint (kdcc_cluster_get_last_update (cluster), ==, snap->fetched_at);
  g_assert_cmpuint (kdcc_cluster_get_total_bytes (cluster), ==, 3000);
  g_assert_cmpint (kdcc_cluster_get_osds_total (cluster), ==, 5);

  /* Each changed property notified exactly once, unchanged ones not at all. */
  g_assert_cmpuint (notify_count (counts, "fsid"), ==, 1);
  g_assert_cmpuint (notify_count (counts, "health"), ==, 1);
  g_assert_cmpuint (notify_count (counts, "has-data"), ==, 1);
  g_assert_cmpuint (notify_count (counts, "mons-total"), ==, 1);
  g_assert_cmpuint (notify_count (counts, "mons-in-quorum"), ==, 1);
  g_assert_cmpuint (notify_count (counts, "mgrs-standby"), ==, 1);
  g_assert_cmpuint (notify_count (counts, "stale"), ==, 0);
  g_assert_cmpuint (notify_count (counts, "last-error"), ==, 0);
  g_assert_cmpuint (notify_count (counts, "recovering-bytes"), ==, 0);
  g_assert_cmpuint (notify_count (counts, "name"), ==, 0);

  /* One insertion of all OSDs, sorted by id although given in reverse. */
  g_assert_cmpuint (osd_changes->len, ==, 1);
  assert_change (osd_changes, 0, 0, 0, 5);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpint (kdcc_osd_get_id (list_item (osds, i)), ==, i);
  g_assert_cmpstr (kdcc_osd_get_name (list_item (osds, 3)), ==, "osd.3");
  g_assert_cmpstr (kdcc_osd_get_host (list_item (osds, 3)), ==, "node-b");

  g_assert_cmpuint (g_list_model_get_n_items (pools), ==, 2);
  g_assert_cmpint (kdcc_pool_get_id (list_item (pools, 0)), ==, 1);
  g_assert_cmpstr (kdcc_pool_get_name (list_item (pools, 1)), ==, "rbd");
  g_assert_cmpstr (kdcc_pool_get_applications (list_item (pools, 1))[0], ==, "rbd");

  g_assert_cmpuint (g_list_model_get_n_items (hosts), ==, 2);
  g_assert_cmpstr (kdcc_host_get_name (list_item (hosts, 0)), ==, "node-a");
  g_assert_cmpuint (kdcc_host_get_osd_count (list_item (hosts, 0)), ==, 3);

  /* Same severity: ordered by code. */
  g_assert_cmpstr (kdcc_health_check_get_code (list_item (checks, 0)), ==, "MON_DISK_LOW");
  g_assert_cmpstr (kdcc_health_check_get_code (list_item (checks, 1)), ==, "POOL_NO_REDUNDANCY");

  g_assert_cmpstr (kdcc_pg_state_get_state (list_item (states, 0)), ==, "active+clean");
  g_assert_cmpstr (kdcc_pg_state_get_state (list_item (states, 2)), ==, "peering");
  g_assert_true (kdcc_pg_state_get_healthy (list_item (states, 1)));
  g_assert_false (kdcc_pg_state_get_healthy (list_item (states, 2)));

  g_assert_cmpuint (kdcc_cluster_get_mons (cluster)->len, ==, 2);
  g_assert_cmpuint (kdcc_cluster_get_versions (cluster)->len, ==, 2);
  g_assert_cmpuint (kdcc_cluster_get_device_classes (cluster)->len, ==, 1);

  stop_recording (osds, osd_changes);
}

static void
test_identity_and_exact_notify (void)
{
  g_autoptr(KdccCluster) cluster = kdcc_cluster_new ("lab");
  g_autoptr(KdccSnapshot) snap1 = make_snapshot (6);
  g_autoptr(KdccSnapshot) snap2 = make_snapshot (6);
  g_autoptr(KdccSnapshot) snap3 = make_snapshot (6);
  g_autoptr(GHashTable) cluster_counts = notify_counter_new ();
  g_autoptr(GHashTable) osd_counts = notify_counter_new ();
  GListModel *osds = kdcc_cluster_get_osds (cluster);
  GArray *changes;
  KdccOsd *osd4;
  KdccHealthCheck *check0;
  guint osd4_changed = 0;
  guint refreshed = 0;

  kdcc_cluster_apply_snapshot (cluster, snap1);
  osd4 = list_item (osds, 4);
  check0 = list_item (kdcc_cluster_get_health_checks (cluster), 0);

  count_notifies (cluster, cluster_counts);
  for (guint i = 0; i < 6; i++)
    count_notifies (list_item (osds, i), osd_counts);
  g_signal_connect (osd4, "changed", G_CALLBACK (count_signal_cb), &osd4_changed);
  g_signal_connect (cluster, "refreshed", G_CALLBACK (count_signal_cb), &refreshed);
  changes = record_items_changed (osds);

  /* An identical snapshot changes nothing: no notify at all. */
  kdcc_cluster_apply_snapshot (cluster, snap2);
  g_assert_cmpuint (notify_total (cluster_counts), ==, 0);
  g_assert_cmpuint (notify_total (osd_counts), ==, 0);
  g_assert_cmpuint (osd4_changed, ==, 0);
  g_assert_cmpuint (changes->len, ==, 0);
  g_assert_cmpuint (refreshed, ==, 1);

  /* One OSD goes down and its utilization moves; the cluster counts and the
   * IO rate change. Exactly those properties notify, once each. */
  ((KdccOsdData *) g_hash_table_lookup (snap3->osd_index, &(gint64) { 4 }))->up = FALSE;
  ((KdccOsdData *) g_hash_table_lookup (snap3->osd_index, &(gint64) { 4 }))->utilization = 55.25;
  snap3->osds_up = 5;
  snap3->read_ops = 1.75;
  snap3->fetched_at += G_USEC_PER_SEC;
  kdcc_cluster_apply_snapshot (cluster, snap3);

  g_assert_true (list_item (osds, 4) == osd4);
  g_assert_true (list_item (kdcc_cluster_get_health_checks (cluster), 0) == check0);
  g_assert_false (kdcc_osd_get_up (osd4));
  g_assert_cmpfloat (kdcc_osd_get_utilization (osd4), ==, 55.25);
  g_assert_cmpuint (notify_count (osd_counts, "up"), ==, 1);
  g_assert_cmpuint (notify_count (osd_counts, "utilization"), ==, 1);
  g_assert_cmpuint (notify_total (osd_counts), ==, 2);
  g_assert_cmpuint (osd4_changed, ==, 1);
  g_assert_cmpuint (notify_count (cluster_counts, "osds-up"), ==, 1);
  g_assert_cmpuint (notify_count (cluster_counts, "read-ops"), ==, 1);
  g_assert_cmpuint (notify_count (cluster_counts, "last-update"), ==, 1);
  g_assert_cmpuint (notify_total (cluster_counts), ==, 3);
  g_assert_cmpuint (changes->len, ==, 0);
  g_assert_cmpuint (refreshed, ==, 2);

  stop_recording (osds, changes);
}

static void
test_remove_and_insert (void)
{
  g_autoptr(KdccCluster) cluster = kdcc_cluster_new ("lab");
  g_autoptr(KdccSnapshot) snap1 = make_snapshot (6);
  g_autoptr(KdccSnapshot) snap2 = kdcc_snapshot_new ();
  GListModel *osds = kdcc_cluster_get_osds (cluster);
  GListModel *hosts = kdcc_cluster_get_hosts (cluster);
  GArray *changes;
  GArray *host_changes;
  KdccOsd *kept[6];

  kdcc_cluster_apply_snapshot (cluster, snap1);
  for (guint i = 0; i < 6; i++)
    kept[i] = list_item (osds, i);

  /* OSDs 1 and 2 are destroyed, OSD 4 stays out of the list because it no
   * longer exists, 7 and 8 are new at the end, and a new host appears. */
  for (gint64 id = 0; id < 9; id++)
    {
      KdccOsdData *osd;

      if (id == 1 || id == 2 || id == 6)
        continue;
      osd = add_osd (snap2, id, id >= 7 ? "node-c" : "node-a");
      if (id == 4)
        osd->exists = FALSE;
    }
  kdcc_snapshot_ensure_host (snap2, "node-a");
  kdcc_snapshot_ensure_host (snap2, "node-b");
  kdcc_snapshot_ensure_host (snap2, "node-c");

  changes = record_items_changed (osds);
  host_changes = record_items_changed (hosts);
  kdcc_cluster_apply_snapshot (cluster, snap2);

  /* Removals come back to front, one per run; then one insertion run. */
  g_assert_cmpuint (changes->len, ==, 3);
  assert_change (changes, 0, 4, 1, 0);
  assert_change (changes, 1, 1, 2, 0);
  assert_change (changes, 2, 3, 0, 2);

  g_assert_cmpuint (g_list_model_get_n_items (osds), ==, 5);
  g_assert_true (list_item (osds, 0) == kept[0]);
  g_assert_true (list_item (osds, 1) == kept[3]);
  g_assert_true (list_item (osds, 2) == kept[5]);
  g_assert_cmpint (kdcc_osd_get_id (list_item (osds, 3)), ==, 7);
  g_assert_cmpint (kdcc_osd_get_id (list_item (osds, 4)), ==, 8);

  g_assert_cmpuint (host_changes->len, ==, 1);
  assert_change (host_changes, 0, 2, 0, 1);
  g_assert_cmpstr (kdcc_host_get_name (list_item (hosts, 2)), ==, "node-c");

  stop_recording (osds, changes);
  stop_recording (hosts, host_changes);
}

static void
test_insert_in_middle (void)
{
  g_autoptr(KdccCluster) cluster = kdcc_cluster_new ("lab");
  g_autoptr(KdccSnapshot) snap1 = kdcc_snapshot_new ();
  g_autoptr(KdccSnapshot) snap2 = kdcc_snapshot_new ();
  GListModel *osds = kdcc_cluster_get_osds (cluster);
  GArray *changes;

  add_osd (snap1, 0, "h");
  add_osd (snap1, 10, "h");
  add_osd (snap1, 20, "h");
  kdcc_cluster_apply_snapshot (cluster, snap1);

  add_osd (snap2, 0, "h");
  add_osd (snap2, 5, "h");
  add_osd (snap2, 6, "h");
  add_osd (snap2, 10, "h");
  add_osd (snap2, 20, "h");
  add_osd (snap2, 30, "h");

  changes = record_items_changed (osds);
  kdcc_cluster_apply_snapshot (cluster, snap2);
  g_assert_cmpuint (changes->len, ==, 2);
  assert_change (changes, 0, 1, 0, 2);
  assert_change (changes, 1, 5, 0, 1);
  for (guint i = 0; i < 6; i++)
    g_assert_cmpint (kdcc_osd_get_id (list_item (osds, i)), ==,
                     ((const gint64[]) { 0, 5, 6, 10, 20, 30 })[i]);
  stop_recording (osds, changes);
}

static void
test_null_lists_kept (void)
{
  g_autoptr(KdccCluster) cluster = kdcc_cluster_new ("lab");
  g_autoptr(KdccSnapshot) snap1 = make_snapshot (4);
  g_autoptr(KdccSnapshot) light = make_snapshot (0);
  GListModel *osds = kdcc_cluster_get_osds (cluster);
  GListModel *pools = kdcc_cluster_get_pools (cluster);
  GListModel *hosts = kdcc_cluster_get_hosts (cluster);
  GArray *osd_changes, *pool_changes, *host_changes;
  KdccOsd *osd0;

  kdcc_cluster_apply_snapshot (cluster, snap1);
  osd0 = list_item (osds, 0);

  /* A light refresh: status only, heavy maps not fetched. */
  g_clear_pointer (&light->osds, g_ptr_array_unref);
  g_clear_pointer (&light->pools, g_ptr_array_unref);
  g_clear_pointer (&light->hosts, g_ptr_array_unref);
  light->osds_total = 4;

  osd_changes = record_items_changed (osds);
  pool_changes = record_items_changed (pools);
  host_changes = record_items_changed (hosts);
  kdcc_cluster_apply_snapshot (cluster, light);

  g_assert_cmpuint (osd_changes->len + pool_changes->len + host_changes->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (osds), ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (pools), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (hosts), ==, 2);
  g_assert_true (list_item (osds, 0) == osd0);

  /* An empty (not NULL) list does mean "none any more". */
  light->pools = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_pool_data_free);
  kdcc_cluster_apply_snapshot (cluster, light);
  g_assert_cmpuint (g_list_model_get_n_items (pools), ==, 0);
  g_assert_cmpuint (pool_changes->len, ==, 1);
  assert_change (pool_changes, 0, 0, 2, 0);

  stop_recording (osds, osd_changes);
  stop_recording (pools, pool_changes);
  stop_recording (hosts, host_changes);
}

static void
test_checks_reorder (void)
{
  g_autoptr(KdccCluster) cluster = kdcc_cluster_new ("lab");
  g_autoptr(KdccSnapshot) snap1 = kdcc_snapshot_new ();
  g_autoptr(KdccSnapshot) snap2 = kdcc_snapshot_new ();
  GListModel *checks = kdcc_cluster_get_health_checks (cluster);
  g_autoptr(GHashTable) counts = notify_counter_new ();
  GArray *changes;
  KdccHealthCheck *a, *b, *c;
  g_autofree char *detail_text = NULL;

  add_check (snap1, "AAA_WARN", KDCC_HEALTH_WARN, "a");
  add_check (snap1, "BBB_WARN", KDCC_HEALTH_WARN, "b");
  add_check (snap1, "CCC_WARN", KDCC_HEALTH_WARN, "c");
  kdcc_cluster_apply_snapshot (cluster, snap1);
  a = list_item (checks, 0);
  b = list_item (checks, 1);
  c = list_item (checks, 2);
  count_notifies (c, counts);

  /* CCC escalates to an error and moves to the top; its detail changes. */
  add_check (snap2, "AAA_WARN", KDCC_HEALTH_WARN, "a");
  add_check (snap2, "BBB_WARN", KDCC_HEALTH_WARN, "b");
  g_ptr_array_add (add_check (snap2, "CCC_WARN", KDCC_HEALTH_ERR, "c")->detail,
                   g_strdup ("second line"));

  changes = record_items_changed (checks);
  kdcc_cluster_apply_snapshot (cluster, snap2);

  g_assert_true (list_item (checks, 0) == c);
  g_assert_true (list_item (checks, 1) == a);
  g_assert_true (list_item (checks, 2) == b);
  /* One splice: common suffix is empty, common prefix is empty. */
  g_assert_cmpuint (changes->len, ==, 1);
  assert_change (changes, 0, 0, 3, 3);

  g_assert_cmpint (kdcc_health_check_get_severity (c), ==, KDCC_HEALTH_ERR);
  g_assert_cmpuint (notify_count (counts, "severity"), ==, 1);
  g_assert_cmpuint (notify_count (counts, "detail"), ==, 1);
  g_assert_cmpuint (notify_count (counts, "detail-text"), ==, 1);
  g_assert_cmpuint (notify_total (counts), ==, 3);
  g_object_get (c, "detail-text", &detail_text, NULL);
  g_assert_cmpstr (detail_text, ==, "CCC_WARN detail 1\nsecond line");

  stop_recording (checks, changes);
}

static void
test_pg_states_reorder (void)
{
  g_autoptr(KdccCluster) cluster = kdcc_cluster_new ("lab");
  g_autoptr(KdccSnapshot) snap1 = kdcc_snapshot_new ();
  g_autoptr(KdccSnapshot) snap2 = kdcc_snapshot_new ();
  GListModel *states = kdcc_cluster_get_pg_states (cluster);
  GArray *changes;
  KdccPgState *clean, *peering, *degraded;
  g_autoptr(GHashTable) counts = notify_counter_new ();

  g_ptr_array_add (snap1->pg_states, kdcc_pg_state_data_new ("active+clean", 100));
  g_ptr_array_add (snap1->pg_states, kdcc_pg_state_data_new ("peering", 10));
  g_ptr_array_add (snap1->pg_states, kdcc_pg_state_data_new ("active+undersized+degraded", 5));
  g_ptr_array_add (snap1->pg_states, kdcc_pg_state_data_new ("unknown", 1));
  kdcc_cluster_apply_snapshot (cluster, snap1);
  clean = list_item (states, 0);
  peering = list_item (states, 1);
  degraded = list_item (states, 2);
  count_notifies (clean, counts);

  /* Degraded overtakes peering; "unknown" goes away; clean unchanged. */
  g_ptr_array_add (snap2->pg_states, kdcc_pg_state_data_new ("active+clean", 100));
  g_ptr_array_add (snap2->pg_states, kdcc_pg_state_data_new ("peering", 3));
  g_ptr_array_add (snap2->pg_states, kdcc_pg_state_data_new ("active+undersized+degraded", 20));

  changes = record_items_changed (states);
  kdcc_cluster_apply_snapshot (cluster, snap2);

  g_assert_cmpuint (g_list_model_get_n_items (states), ==, 3);
  g_assert_true (list_item (states, 0) == clean);
  g_assert_true (list_item (states, 1) == degraded);
  g_assert_true (list_item (states, 2) == peering);
  g_assert_cmpint (kdcc_pg_state_get_count (degraded), ==, 20);
  /* The removal of "unknown", then one splice of the two swapped items. */
  g_assert_cmpuint (changes->len, ==, 2);
  assert_change (changes, 0, 3, 1, 0);
  assert_change (changes, 1, 1, 2, 2);
  g_assert_cmpuint (notify_total (counts), ==, 0);

  stop_recording (states, changes);
}

static void
test_ten_thousand_osds (void)
{
  g_autoptr(KdccCluster) cluster = kdcc_cluster_new ("big");
  g_autoptr(KdccSnapshot) snap1 = kdcc_snapshot_new ();
  g_autoptr(KdccSnapshot) snap2 = kdcc_snapshot_new ();
  g_autoptr(GHashTable) counts = notify_counter_new ();
  GListModel *osds = kdcc_cluster_get_osds (cluster);
  GArray *changes;
  gint64 start, first_us, second_us;
  guint up_notifies = 0;
  const guint n = 10000;

  for (guint i = 0; i < n; i++)
    {
      add_osd (snap1, i, "h");
      add_osd (snap2, i, "h")->up = i != 4321;
    }

  start = g_get_monotonic_time ();
  kdcc_cluster_apply_snapshot (cluster, snap1);
  first_us = g_get_monotonic_time () - start;
  g_assert_cmpuint (g_list_model_get_n_items (osds), ==, n);

  for (guint i = 0; i < n; i++)
    count_notifies (list_item (osds, i), counts);
  g_signal_connect (list_item (osds, 4321), "notify::up",
                    G_CALLBACK (count_notify_cb), &up_notifies);
  changes = record_items_changed (osds);

  start = g_get_monotonic_time ();
  kdcc_cluster_apply_snapshot (cluster, snap2);
  second_us = g_get_monotonic_time () - start;

  g_assert_cmpuint (up_notifies, ==, 1);
  g_assert_cmpuint (notify_count (counts, "up"), ==, 1);
  g_assert_cmpuint (notify_total (counts), ==, 1);
  g_assert_cmpuint (changes->len, ==, 0);
  g_assert_false (kdcc_osd_get_up (list_item (osds, 4321)));

  g_test_message ("10,000 OSDs: first apply %.1f ms, second apply %.1f ms",
                  first_us / 1000.0, second_us / 1000.0);
  /* Generous bound (sanitizers, a busy 2-core machine); a quadratic diff
   * takes far longer than this at 10,000 items. */
  g_assert_cmpint (second_us, <, 2 * G_USEC_PER_SEC);

  stop_recording (osds, changes);
}

/* The OSD list's serial tells pages whether a refresh brought an OSD list
 * that may differ: an unchanged list (same digest) leaves it, a changed one
 * or one without a digest moves it. */
static void
test_osds_serial (void)
{
  g_autoptr(KdccCluster) cluster = kdcc_cluster_new ("lab");
  g_autoptr(KdccSnapshot) first = make_snapshot (3);
  g_autoptr(KdccSnapshot) same = make_snapshot (3);
  g_autoptr(KdccSnapshot) changed = make_snapshot (3);
  g_autoptr(KdccSnapshot) no_digest = make_snapshot (3);
  g_autoptr(KdccSnapshot) no_list = make_snapshot (3);
  guint serial;

  kdcc_snapshot_ensure_osd (changed, 1)->up = !kdcc_snapshot_ensure_osd (changed, 1)->up;
  kdcc_snapshot_compute_digests (first);
  kdcc_snapshot_compute_digests (same);
  kdcc_snapshot_compute_digests (changed);
  g_clear_pointer (&no_list->osds, g_ptr_array_unref);
  g_assert_cmpuint (first->osds_digest, ==, same->osds_digest);
  g_assert_cmpuint (first->osds_digest, !=, changed->osds_digest);

  kdcc_cluster_apply_snapshot (cluster, first);
  serial = kdcc_cluster_get_osds_serial (cluster);
  kdcc_cluster_apply_snapshot (cluster, same);
  g_assert_cmpuint (kdcc_cluster_get_osds_serial (cluster), ==, serial);
  kdcc_cluster_apply_snapshot (cluster, no_list);
  g_assert_cmpuint (kdcc_cluster_get_osds_serial (cluster), ==, serial);
  kdcc_cluster_apply_snapshot (cluster, changed);
  g_assert_cmpuint (kdcc_cluster_get_osds_serial (cluster), !=, serial);
  serial = kdcc_cluster_get_osds_serial (cluster);
  g_assert_cmpuint (no_digest->osds_digest, ==, 0);
  kdcc_cluster_apply_snapshot (cluster, no_digest);
  g_assert_cmpuint (kdcc_cluster_get_osds_serial (cluster), !=, serial);
}

/* The same for the PG list: an unchanged list (same digest) is not applied
 * again, which keeps the PG page from sorting 100,000 PGs per refresh. */
static void
test_pgs_serial (void)
{
  g_autoptr(KdccCluster) cluster = kdcc_cluster_new ("lab");
  g_autoptr(KdccSnapshot) first = make_snapshot (3);
  g_autoptr(KdccSnapshot) same = make_snapshot (3);
  g_autoptr(KdccSnapshot) changed = make_snapshot (3);
  KdccSnapshot *snaps[] = { first, same, changed };
  KdccPgData *pg;
  guint serial;

  for (guint i = 0; i < G_N_ELEMENTS (snaps); i++)
    {
      snaps[i]->pgs = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_pg_data_free);
      for (guint j = 0; j < 4; j++)
        {
          g_autofree char *pgid = g_strdup_printf ("1.%x", j);

          pg = kdcc_pg_data_new (pgid);
          pg->state = g_strdup ("active+clean");
          g_ptr_array_add (snaps[i]->pgs, pg);
        }
    }
  pg = g_ptr_array_index (changed->pgs, 2);
  g_free (pg->state);
  pg->state = g_strdup ("active+clean+scrubbing+deep");
  for (guint i = 0; i < G_N_ELEMENTS (snaps); i++)
    kdcc_snapshot_compute_digests (snaps[i]);
  g_assert_cmpuint (first->pgs_digest, !=, 0);
  g_assert_cmpuint (first->pgs_digest, ==, same->pgs_digest);
  g_assert_cmpuint (first->pgs_digest, !=, changed->pgs_digest);

  kdcc_cluster_apply_snapshot (cluster, first);
  serial = kdcc_cluster_get_pgs_serial (cluster);
  g_assert_cmpuint (g_list_model_get_n_items (kdcc_cluster_get_pgs (cluster)), ==, 4);
  kdcc_cluster_apply_snapshot (cluster, same);
  g_assert_cmpuint (kdcc_cluster_get_pgs_serial (cluster), ==, serial);
  kdcc_cluster_apply_snapshot (cluster, changed);
  g_assert_cmpuint (kdcc_cluster_get_pgs_serial (cluster), !=, serial);
  {
    g_autoptr(KdccPg) item = g_list_model_get_item (kdcc_cluster_get_pgs (cluster), 2);

    g_assert_cmpstr (kdcc_pg_get_state (item), ==, "active+clean+scrubbing+deep");
  }
}

static void
test_stale_keeps_data (void)
{
  g_autoptr(KdccCluster) cluster = kdcc_cluster_new ("lab");
  g_autoptr(KdccSnapshot) snap = make_snapshot (3);
  g_autoptr(GError) error = g_error_new_literal (KDCC_ERROR, KDCC_ERROR_TIMEOUT, "timed out");
  g_autoptr(GHashTable) counts = notify_counter_new ();
  GListModel *osds = kdcc_cluster_get_osds (cluster);
  KdccOsd *osd1;
  gint64 last_update;

  kdcc_cluster_apply_snapshot (cluster, snap);
  osd1 = list_item (osds, 1);
  last_update = kdcc_cluster_get_last_update (cluster);
  count_notifies (cluster, counts);

  kdcc_cluster_mark_stale (cluster, error);
  g_assert_true (kdcc_cluster_get_stale (cluster));
  g_assert_cmpstr (kdcc_cluster_get_last_error (cluster), ==, "timed out");
  g_assert_true (kdcc_cluster_get_has_data (cluster));
  g_assert_cmpint (kdcc_cluster_get_last_update (cluster), ==, last_update);
  g_assert_cmpuint (g_list_model_get_n_items (osds), ==, 3);
  g_assert_true (list_item (osds, 1) == osd1);
  g_assert_cmpint (kdcc_cluster_get_health (cluster), ==, KDCC_HEALTH_WARN);
  g_assert_cmpuint (notify_count (counts, "stale"), ==, 1);
  g_assert_cmpuint (notify_count (counts, "last-error"), ==, 1);
  g_assert_cmpuint (notify_total (counts), ==, 2);

  /* The same failure again changes nothing. */
  kdcc_cluster_mark_stale (cluster, error);
  g_assert_cmpuint (notify_total (counts), ==, 2);

  /* A successful refresh clears both. */
  snap->fetched_at += G_USEC_PER_SEC;
  kdcc_cluster_apply_snapshot (cluster, snap);
  g_assert_false (kdcc_cluster_get_stale (cluster));
  g_assert_null (kdcc_cluster_get_last_error (cluster));
  g_assert_cmpuint (notify_count (counts, "stale"), ==, 2);
  g_assert_cmpuint (notify_count (counts, "last-error"), ==, 2);
}

static JsonObject *
member_object (JsonObject *object,
               const char *name)
{
  g_assert_true (json_object_has_member (object, name));
  g_assert_cmpint (JSON_NODE_TYPE (json_object_get_member (object, name)), ==, JSON_NODE_OBJECT);
  return json_object_get_object_member (object, name);
}

static JsonArray *
member_array (JsonObject *object,
              const char *name)
{
  g_assert_true (json_object_has_member (object, name));
  g_assert_cmpint (JSON_NODE_TYPE (json_object_get_member (object, name)), ==, JSON_NODE_ARRAY);
  return json_object_get_array_member (object, name);
}

static void
assert_value_type (JsonObject *object,
                   const char *name,
                   GType       type)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL)
    g_error ("JSON member \"%s\" missing", name);
  g_assert_cmpint (JSON_NODE_TYPE (node), ==, JSON_NODE_VALUE);
  g_assert_cmpstr (g_type_name (json_node_get_value_type (node)), ==, g_type_name (type));
}

static void
assert_text_as_generator (KdccCluster *cluster)
{
  g_autoptr(JsonNode) root = kdcc_cluster_to_json (cluster);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *theirs = NULL;
  g_autofree char *ours = NULL;
  gsize theirs_len = 0, ours_len = 0;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  theirs = json_generator_to_data (generator, &theirs_len);
  ours = kdcc_cluster_to_json_text (cluster, &ours_len);
  g_assert_cmpstr (ours, ==, theirs);
  g_assert_cmpuint (ours_len, ==, theirs_len);
}

/* kdcc-cli writes the document straight into text: byte for byte what
 * JsonGenerator makes of kdcc_cluster_to_json(), for every kind of value. */
static void
test_to_json_text (void)
{
  g_autoptr(KdccCluster) cluster = kdcc_cluster_new ("lab \"quoted\" \\ name");
  g_autoptr(KdccSnapshot) snap = make_snapshot (300);
  g_autoptr(GString) every_byte = g_string_new (NULL);
  static const double doubles[] = {
    0.0, -0.0, 0.1, 1.0 / 3.0, 100.0, 99.99999999999999, 1e-7, 1e21, 1.5e300, -42.25,
    123456789.0, 4.9e-324,
  };

  /* Before any data. */
  assert_text_as_generator (cluster);

  for (int c = 1; c < 128; c++)
    g_string_append_c (every_byte, (char) c);
  g_string_append (every_byte, "\xc3\xa9\xe2\x82\xac");
  for (guint i = 0; i < G_N_ELEMENTS (doubles); i++)
    {
      KdccOsdData *osd = g_ptr_array_index (snap->osds, i);

      osd->utilization = doubles[i];
      osd->reweight = doubles[G_N_ELEMENTS (doubles) - 1 - i];
      osd->crush_weight = doubles[i] * 3;
      osd->pgs = i % 2 == 0 ? -1 : (gint64) i;
    }
  g_free (((KdccOsdData *) g_ptr_array_index (snap->osds, 0))->device_class);
  ((KdccOsdData *) g_ptr_array_index (snap->osds, 0))->device_class = g_strdup (every_byte->str);
  g_free (((KdccOsdData *) g_ptr_array_index (snap->osds, 1))->device_class);
  ((KdccOsdData *) g_ptr_array_index (snap->osds, 1))->device_class = NULL;
  ((KdccOsdData *) g_ptr_array_index (snap->osds, 2))->total_bytes = G_MAXUINT64;
  g_ptr_array_add (snap->pg_states, kdcc_pg_state_data_new (every_byte->str, 1));
  add_check (snap, "EVERY_BYTE", KDCC_HEALTH_ERR, every_byte->str);
  snap->read_ops = 1e-300;
  snap->write_ops = -1.25e15;

  kdcc_cluster_apply_snapshot (cluster, snap);
  assert_text_as_generator (cluster);
}

static void
test_to_json (void)
{
  g_autoptr(KdccCluster) cluster = kdcc_cluster_new ("lab");
  g_autoptr(KdccSnapshot) snap = make_snapshot (3);
  g_autoptr(JsonNode) empty = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GDateTime) parsed = NULL;
  JsonObject *obj, *health, *check, *osds, *osd, *capacity, *io, *pgs, *pool, *host;
  JsonObject *mons, *mgrs, *versions;
  const char *type_names[] = { "mon", "osd" };

  /* Before any data the document is still complete and typed. */
  empty = kdcc_cluster_to_json (cluster);
  obj = json_node_get_object (empty);
  g_assert_true (json_object_get_null_member (obj, "last_update"));
  g_assert_false (json_object_get_boolean_member (obj, "has_data"));
  g_assert_cmpstr (json_object_get_string_member (member_object (obj, "health"), "status"), ==,
                   "HEALTH_UNKNOWN");

  kdcc_cluster_apply_snapshot (cluster, snap);
  root = kdcc_cluster_to_json (cluster);
  obj = json_node_get_object (root);

  g_assert_cmpstr (json_object_get_string_member (obj, "name"), ==, "lab");
  g_assert_cmpstr (json_object_get_string_member (obj, "fsid"), ==,
                   "0b1c0ffe-0000-4000-8000-000000000001");
  g_assert_cmpstr (json_object_get_string_member (obj, "source"), ==, "rados");
  assert_value_type (obj, "stale", G_TYPE_BOOLEAN);
  g_assert_false (json_object_get_boolean_member (obj, "stale"));
  assert_value_type (obj, "last_update", G_TYPE_STRING);
  parsed = g_date_time_new_from_iso8601 (json_object_get_string_member (obj, "last_update"),
                                         NULL);
  g_assert_nonnull (parsed);
  g_assert_cmpint (g_date_time_to_unix (parsed), ==, 1764322200);

  health = member_object (obj, "health");
  g_assert_cmpstr (json_object_get_string_member (health, "status"), ==, "HEALTH_WARN");
  g_assert_cmpuint (json_array_get_length (member_array (health, "checks")), ==, 2);
  check = json_array_get_object_element (member_array (health, "checks"), 0);
  g_assert_cmpstr (json_object_get_string_member (check, "code"), ==, "MON_DISK_LOW");
  g_assert_cmpstr (json_object_get_string_member (check, "severity"), ==, "HEALTH_WARN");
  g_assert_cmpstr (json_object_get_string_member (check, "summary"), ==,
                   "mon a is low on available space");
  g_assert_cmpstr (json_array_get_string_element (member_array (check, "detail"), 0), ==,
                   "MON_DISK_LOW detail 1");
  assert_value_type (check, "muted", G_TYPE_BOOLEAN);
  assert_value_type (check, "count", G_TYPE_INT64);
  g_assert_cmpint (json_object_get_int_member (check, "count"), ==, 1);

  osds = member_object (obj, "osds");
  g_assert_cmpint (json_object_get_int_member (osds, "total"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (osds, "up"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (osds, "in"), ==, 3);
  g_assert_cmpuint (json_array_get_length (member_array (osds, "list")), ==, 3);
  osd = json_array_get_object_element (member_array (osds, "list"), 1);
  g_assert_cmpint (json_object_get_int_member (osd, "id"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (osd, "name"), ==, "osd.1");
  g_assert_cmpstr (json_object_get_string_member (osd, "host"), ==, "node-b");
  g_assert_cmpstr (json_object_get_string_member (osd, "device_class"), ==, "hdd");
  g_assert_true (json_object_get_boolean_member (osd, "up"));
  g_assert_true (json_object_get_boolean_member (osd, "in"));
  assert_value_type (osd, "reweight", G_TYPE_DOUBLE);
  assert_value_type (osd, "crush_weight", G_TYPE_DOUBLE);
  g_assert_cmpfloat (json_object_get_double_member (osd, "utilization"), ==, 11.0);
  g_assert_cmpint (json_object_get_int_member (osd, "pgs"), ==, 32);
  g_assert_cmpint (json_object_get_int_member (osd, "used_bytes"), ==, 100);

  capacity = member_object (obj, "capacity");
  g_assert_cmpint (json_object_get_int_member (capacity, "total_bytes"), ==, 3000);
  g_assert_cmpint (json_object_get_int_member (capacity, "used_bytes"), ==, 300);
  g_assert_cmpint (json_object_get_int_member (capacity, "avail_bytes"), ==, 2700);
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (member_array (capacity, "by_class"), 0),
                     "device_class"), ==, "hdd");

  io = member_object (obj, "io");
  g_assert_cmpfloat (json_object_get_double_member (io, "read_ops"), ==, 1.5);
  g_assert_cmpfloat (json_object_get_double_member (io, "write_bytes"), ==, 2048);
  assert_value_type (io, "recovering_bytes", G_TYPE_DOUBLE);
  assert_value_type (io, "recovering_objects", G_TYPE_DOUBLE);
  assert_value_type (io, "write_ops", G_TYPE_DOUBLE);
  assert_value_type (io, "read_bytes", G_TYPE_DOUBLE);

  pgs = member_object (obj, "pgs");
  g_assert_cmpint (json_object_get_int_member (pgs, "total"), ==, 96);
  g_assert_cmpint (json_object_get_int_member (member_object (pgs, "by_state"), "active+clean"),
                   ==, 90);
  g_assert_cmpint (json_object_get_int_member (member_object (pgs, "by_state"), "peering"), ==, 2);

  g_assert_cmpuint (json_array_get_length (member_array (obj, "pools")), ==, 2);
  pool = json_array_get_object_element (member_array (obj, "pools"), 1);
  g_assert_cmpint (json_object_get_int_member (pool, "id"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (pool, "name"), ==, "rbd");
  g_assert_cmpstr (json_object_get_string_member (pool, "type"), ==, "replicated");
  g_assert_cmpint (json_object_get_int_member (pool, "size"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (pool, "min_size"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (pool, "pg_num"), ==, 32);
  g_assert_cmpstr (json_object_get_string_member (pool, "autoscale_mode"), ==, "on");
  g_assert_cmpstr (json_array_get_string_element (member_array (pool, "applications"), 0), ==,
                   "rbd");
  g_assert_cmpint (json_object_get_int_member (pool, "stored_bytes"), ==, 100);
  g_assert_cmpint (json_object_get_int_member (pool, "max_avail_bytes"), ==, 800);
  g_assert_cmpfloat (json_object_get_double_member (pool, "percent_used"), ==, 11.1);

  g_assert_cmpuint (json_array_get_length (member_array (obj, "hosts")), ==, 2);
  host = json_array_get_object_element (member_array (obj, "hosts"), 0);
  g_assert_cmpstr (json_object_get_string_member (host, "name"), ==, "node-a");
  g_assert_cmpuint (json_array_get_length (member_array (host, "osds")), ==, 2);
  g_assert_cmpint (json_array_get_int_element (member_array (host, "osds"), 0), ==, 2);

  mons = member_object (obj, "mons");
  g_assert_cmpint (json_object_get_int_member (mons, "total"), ==, 2);
  g_assert_cmpuint (json_array_get_length (member_array (mons, "names")), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (member_array (mons, "quorum"), 0), ==, "a");
  mgrs = member_object (obj, "mgrs");
  g_assert_cmpstr (json_object_get_string_member (mgrs, "active"), ==, "x");
  g_assert_cmpstr (json_array_get_string_element (member_array (mgrs, "standbys"), 0), ==, "y");

  versions = member_object (obj, "versions");
  for (guint i = 0; i < G_N_ELEMENTS (type_names); i++)
    g_assert_true (json_object_has_member (member_object (versions, type_names[i]),
                                           "ceph version 16.2.15"));
  g_assert_cmpint (json_object_get_int_member (member_object (versions, "osd"),
                                               "ceph version 16.2.15"), ==, 3);

  /* Stale shows up in the document with its reason. */
  {
    g_autoptr(GError) error = g_error_new_literal (KDCC_ERROR, KDCC_ERROR_CONNECT, "no route");
    g_autoptr(JsonNode) stale = NULL;

    kdcc_cluster_mark_stale (cluster, error);
    stale = kdcc_cluster_to_json (cluster);
    g_assert_true (json_object_get_boolean_member (json_node_get_object (stale), "stale"));
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (stale), "last_error"),
                     ==, "no route");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cluster/lifecycle", test_lifecycle);
  g_test_add_func ("/cluster/first-apply", test_first_apply);
  g_test_add_func ("/cluster/identity-and-exact-notify", test_identity_and_exact_notify);
  g_test_add_func ("/cluster/remove-and-insert", test_remove_and_insert);
  g_test_add_func ("/cluster/insert-in-middle", test_insert_in_middle);
  g_test_add_func ("/cluster/null-lists-kept", test_null_lists_kept);
  g_test_add_func ("/cluster/checks-reorder", test_checks_reorder);
  g_test_add_func ("/cluster/pg-states-reorder", test_pg_states_reorder);
  g_test_add_func ("/cluster/ten-thousand-osds", test_ten_thousand_osds);
  g_test_add_func ("/cluster/osds-serial", test_osds_serial);
  g_test_add_func ("/cluster/pgs-serial", test_pgs_serial);
  g_test_add_func ("/cluster/stale-keeps-data", test_stale_keeps_data);
  g_test_add_func ("/cluster/to-json", test_to_json);
  g_test_add_func ("/cluster/to-json-text", test_to_json_text);

  return g_test_run ();
}
