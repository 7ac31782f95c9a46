/* test-pg-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The PG list at scale: 100,000 PGs from a generated `pg dump pgs_brief`
 * answer (the shape of pacific-16.2.15-cephfs/pg-dump-pgs-brief.json),
 * parsed and applied to the model, then applied again unchanged and with
 * one PG changed. Times are reported, not asserted (benchmarks/ measures).
 */
#include "config.h"

#include "kdcc-ceph-parse.h"
#include "kdcc-cluster.h"
#include "kdcc-pg.h"
#include "kdcc-test-util.h"

#define N_POOLS 10
#define PGS_PER_POOL 10000

/* PG 3.a7 is degraded, 7.1 is inconsistent; everything else is clean. */
static char *
generate (const char *changed_pgid,
          const char *changed_state)
{
  const KdccTestPgState states[] = {
    { "3.a7", "active+undersized+degraded" },
    { "7.1", "active+clean+inconsistent" },
    { changed_pgid != NULL ? changed_pgid : "", changed_state },
  };

  return kdcc_test_pg_dump (N_POOLS, PGS_PER_POOL, states, G_N_ELEMENTS (states));
}

static KdccSnapshot *
snapshot_from (const char *json)
{
  KdccSnapshot *snap = kdcc_snapshot_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (kdcc_ceph_parse_pg_list (json, -1, 1796072400, &snap->pgs, &error));
  g_assert_no_error (error);
  return snap;
}

static void
count_changes_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *count)
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

static void
test_hundred_thousand (void)
{
  g_autofree char *json = generate (NULL, NULL);
  g_autofree char *json2 = generate ("5.3e8", "active+recovering+degraded");
  g_autoptr(KdccCluster) model = kdcc_cluster_new ("scale");
  g_autoptr(KdccSnapshot) snap = NULL;
  g_autoptr(KdccSnapshot) again = NULL;
  g_autoptr(KdccSnapshot) changed = NULL;
  g_autoptr(KdccPg) first = NULL;
  g_autoptr(KdccPg) last = NULL;
  g_autoptr(KdccPg) watched = NULL;
  g_autoptr(KdccPg) same = NULL;
  g_autoptr(KdccPg) problem = NULL;
  GListModel *pgs = kdcc_cluster_get_pgs (model);
  GListModel *problems = kdcc_cluster_get_problem_pgs (model);
  guint changes = 0;
  guint problem_changes = 0;
  guint notifies = 0;
  gint64 t0, t1, t2, t3;

  t0 = g_get_monotonic_time ();
  snap = snapshot_from (json);
  t1 = g_get_monotonic_time ();
  kdcc_cluster_apply_snapshot (model, snap);
  t2 = g_get_monotonic_time ();
  g_test_message ("100,000 PGs: parse %.0f ms, first apply %.0f ms",
                  (t1 - t0) / 1000.0, (t2 - t1) / 1000.0);

  g_assert_cmpuint (g_list_model_get_n_items (pgs), ==, N_POOLS * PGS_PER_POOL);
  first = g_list_model_get_item (pgs, 0);
  last = g_list_model_get_item (pgs, N_POOLS * PGS_PER_POOL - 1);
  g_assert_cmpstr (kdcc_pg_get_pgid (first), ==, "1.0");
  g_assert_cmpstr (kdcc_pg_get_pgid (last), ==, "10.270f");
  /* 5.3e8 is seed 1000 of pool 5. */
  watched = g_list_model_get_item (pgs, 4 * PGS_PER_POOL + 0x3e8);
  g_assert_cmpstr (kdcc_pg_get_pgid (watched), ==, "5.3e8");
  g_assert_cmpstr (kdcc_pg_get_state (watched), ==, "active+clean");
  /* The numbers tables sort by, parsed from the id once. */
  g_assert_cmpint (kdcc_pg_get_pool_id (watched), ==, 5);
  g_assert_cmpint (kdcc_pg_get_seed (watched), ==, 0x3e8);
  g_assert_cmpint (kdcc_pg_get_pool_id (last), ==, 10);
  g_assert_cmpint (kdcc_pg_get_seed (last), ==, 0x270f);
  /* PGs in one state share one interned string. */
  g_assert_true (kdcc_pg_get_state (watched) == kdcc_pg_get_state (first));
  g_assert_true (kdcc_pg_get_state (watched) == g_intern_static_string ("active+clean"));

  g_assert_cmpuint (g_list_model_get_n_items (problems), ==, 2);
  problem = g_list_model_get_item (problems, 0);
  g_assert_cmpstr (kdcc_pg_get_pgid (problem), ==, "3.a7");
  g_assert_cmpint (kdcc_pg_get_problems (problem), ==, KDCC_PG_PROBLEM_NOT_CLEAN);
  g_clear_object (&problem);
  problem = g_list_model_get_item (problems, 1);
  g_assert_cmpstr (kdcc_pg_get_pgid (problem), ==, "7.1");
  g_assert_cmpint (kdcc_pg_get_problems (problem), ==,
                   KDCC_PG_PROBLEM_NOT_CLEAN | KDCC_PG_PROBLEM_INCONSISTENT);
  g_clear_object (&problem);

  /* The same list again: no items-changed, no notification. */
  g_signal_connect (pgs, "items-changed", G_CALLBACK (count_changes_cb), &changes);
  g_signal_connect (problems, "items-changed", G_CALLBACK (count_changes_cb), &problem_changes);
  g_signal_connect (watched, "notify", G_CALLBACK (count_notify_cb), &notifies);
  again = snapshot_from (json);
  t2 = g_get_monotonic_time ();
  kdcc_cluster_apply_snapshot (model, again);
  t3 = g_get_monotonic_time ();
  g_test_message ("100,000 PGs unchanged: apply %.0f ms", (t3 - t2) / 1000.0);
  g_assert_cmpuint (changes, ==, 0);
  g_assert_cmpuint (problem_changes, ==, 0);
  g_assert_cmpuint (notifies, ==, 0);

  /* One PG changes state: that item notifies, keeps its identity, and
   * joins the problem list in its place. */
  changed = snapshot_from (json2);
  kdcc_cluster_apply_snapshot (model, changed);
  g_assert_cmpuint (changes, ==, 0);
  g_assert_cmpuint (notifies, >=, 1);
  same = g_list_model_get_item (pgs, 4 * PGS_PER_POOL + 0x3e8);
  g_assert_true (same == watched);
  g_assert_cmpstr (kdcc_pg_get_state (watched), ==, "active+recovering+degraded");
  g_assert_true (kdcc_pg_get_state (watched) == g_intern_string ("active+recovering+degraded"));
  g_assert_cmpuint (problem_changes, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (problems), ==, 3);
  problem = g_list_model_get_item (problems, 1);
  g_assert_cmpstr (kdcc_pg_get_pgid (problem), ==, "5.3e8");
}

/* The worker's part: the parser sorts the list, kdcc_snapshot_compute_digests()
 * gives every PG a digest, and the model then updates only the PGs whose
 * digest changed. Shown by a PG whose state changed under an unchanged
 * digest (what a collision would do): the model does not look at it. */
static void
test_digests (void)
{
  g_autofree char *json = generate (NULL, NULL);
  g_autofree char *json2 = generate ("5.3e8", "active+recovering+degraded");
  g_autoptr(KdccCluster) model = kdcc_cluster_new ("digests");
  g_autoptr(KdccSnapshot) snap = snapshot_from (json);
  g_autoptr(KdccSnapshot) changed = snapshot_from (json2);
  g_autoptr(KdccSnapshot) hidden = snapshot_from (json2);
  g_autoptr(KdccPg) watched = NULL;
  GListModel *pgs = kdcc_cluster_get_pgs (model);
  const guint at = 4 * PGS_PER_POOL + 0x3e8;
  const KdccPgData *a, *b;
  const guint *updated;
  guint n_updated = 0;
  guint changes = 0;
  guint notifies = 0;
  gint64 t0, t1;

  /* Sorted by pool and seed on the worker. */
  g_assert_cmpuint (snap->pgs->len, ==, N_POOLS * PGS_PER_POOL);
  for (guint i = 1; i < snap->pgs->len; i++)
    g_assert_cmpint (kdcc_pg_data_compare (g_ptr_array_index (snap->pgs, i - 1),
                                           g_ptr_array_index (snap->pgs, i)), <, 0);
  a = g_ptr_array_index (snap->pgs, 0);
  g_assert_cmpstr (a->pgid, ==, "1.0");

  kdcc_snapshot_compute_digests (snap);
  kdcc_snapshot_compute_digests (changed);
  a = g_ptr_array_index (snap->pgs, at);
  b = g_ptr_array_index (changed->pgs, at);
  g_assert_cmpstr (a->pgid, ==, "5.3e8");
  g_assert_cmpuint (a->digest, !=, 0);
  g_assert_cmpuint (a->digest, !=, b->digest);
  g_assert_cmpuint (((const KdccPgData *) g_ptr_array_index (snap->pgs, at + 1))->digest, ==,
                    ((const KdccPgData *) g_ptr_array_index (changed->pgs, at + 1))->digest);
  g_assert_cmpuint (snap->pgs_digest, !=, changed->pgs_digest);

  kdcc_cluster_apply_snapshot (model, snap);
  /* The first apply filled the list: nothing was updated in place. */
  g_assert_null (kdcc_cluster_get_pgs_updated (model, &n_updated));
  /* The digests beside the list, and the problem PGs, come with it. */
  g_assert_nonnull (snap->pg_digests);
  g_assert_cmpuint (snap->pg_digests->len, ==, snap->pgs->len);
  g_assert_cmpuint (g_array_index (snap->pg_digests, guint64, at), ==,
                    ((const KdccPgData *) g_ptr_array_index (snap->pgs, at))->digest);
  g_assert_cmpuint (snap->problem_pgs->len, ==, 2);
  watched = g_list_model_get_item (pgs, at);
  g_signal_connect (pgs, "items-changed", G_CALLBACK (count_changes_cb), &changes);
  g_signal_connect (watched, "notify", G_CALLBACK (count_notify_cb), &notifies);

  /* The changed PG only: its state, in place. */
  t0 = g_get_monotonic_time ();
  kdcc_cluster_apply_snapshot (model, changed);
  t1 = g_get_monotonic_time ();
  g_test_message ("100,000 PGs with digests, one changed: apply %.1f ms", (t1 - t0) / 1000.0);
  g_assert_cmpuint (changes, ==, 0);
  g_assert_cmpuint (notifies, >=, 1);
  g_assert_cmpstr (kdcc_pg_get_state (watched), ==, "active+recovering+degraded");
  g_assert_cmpuint (g_list_model_get_n_items (kdcc_cluster_get_problem_pgs (model)), ==, 3);
  /* What a table sorting the list needs to move only that PG. */
  updated = kdcc_cluster_get_pgs_updated (model, &n_updated);
  g_assert_nonnull (updated);
  g_assert_cmpuint (n_updated, ==, 1);
  g_assert_cmpuint (updated[0], ==, at);

  /* Back to clean, but the snapshot says the digest did not change: the
   * model trusts it and leaves the item alone. (The list digest differs,
   * so the list is not skipped as a whole.) */
  kdcc_snapshot_compute_digests (hidden);
  ((KdccPgData *) g_ptr_array_index (hidden->pgs, at))->digest =
    ((const KdccPgData *) g_ptr_array_index (changed->pgs, at))->digest;
  g_array_index (hidden->pg_digests, guint64, at) = g_array_index (changed->pg_digests, guint64, at);
  g_free (((KdccPgData *) g_ptr_array_index (hidden->pgs, at))->state);
  ((KdccPgData *) g_ptr_array_index (hidden->pgs, at))->state = g_strdup ("active+clean");
  hidden->pgs_digest = 12345;
  notifies = 0;
  kdcc_cluster_apply_snapshot (model, hidden);
  g_assert_cmpuint (notifies, ==, 0);
  g_assert_cmpstr (kdcc_pg_get_state (watched), ==, "active+recovering+degraded");
  updated = kdcc_cluster_get_pgs_updated (model, &n_updated);
  g_assert_nonnull (updated);
  g_assert_cmpuint (n_updated, ==, 0);

  /* A PG gone: the list is spliced, and the positions are not known. */
  g_ptr_array_remove_index (hidden->pgs, 0);
  kdcc_snapshot_compute_digests (hidden);
  kdcc_cluster_apply_snapshot (model, hidden);
  g_assert_cmpuint (g_list_model_get_n_items (pgs), ==, N_POOLS * PGS_PER_POOL - 1);
  g_assert_null (kdcc_cluster_get_pgs_updated (model, &n_updated));
  g_assert_cmpuint (n_updated, ==, 0);
}

typedef struct
{
  guint  state_notifies;
  guint  notifies;
  char  *up_seen;        /* the "up" property when "state" was notified */
  guint  problems_seen;
} Seen;

static void
state_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 Seen       *seen)
{
  seen->state_notifies++;
  g_free (seen->up_seen);
  g_object_get (object, "up", &seen->up_seen, "problems", &seen->problems_seen, NULL);
}

/* An update notifies only what changed, and only once the whole item is
 * updated: the "state" handler already reads the new up set and problems
 * although those fields come after the state in kdcc_pg_update(). An
 * update that changes nothing notifies nothing (notifications are frozen
 * lazily, at the first change). */
static void
test_update_notifies_whole (void)
{
  g_autoptr(KdccPg) pg = kdcc_pg_new ("2.1f");
  g_autoptr(GArray) up1 = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) up2 = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 a[] = { 0, 1, 2 }, b[] = { 3, 1, 2 };
  KdccPgData data = { .pgid = (char *) "2.1f", .pool_id = 2, .seed = 0x1f,
                      .state = (char *) "active+clean", .up = up1, .acting = up1,
                      .up_primary = 0, .acting_primary = 0 };
  Seen seen = { 0 };

  g_array_append_vals (up1, a, G_N_ELEMENTS (a));
  g_array_append_vals (up2, b, G_N_ELEMENTS (b));
  g_assert_true (kdcc_pg_update (pg, &data));
  g_signal_connect (pg, "notify::state", G_CALLBACK (state_notify_cb), &seen);
  g_signal_connect (pg, "notify", G_CALLBACK (count_notify_cb), &seen.notifies);

  /* Nothing changed. */
  g_assert_false (kdcc_pg_update (pg, &data));
  g_assert_cmpuint (seen.notifies, ==, 0);

  /* State, up set and problems change together. */
  data.state = (char *) "active+undersized+degraded";
  data.up = up2;
  data.up_primary = 3;
  data.problems = KDCC_PG_PROBLEM_NOT_CLEAN;
  g_assert_true (kdcc_pg_update (pg, &data));
  g_assert_cmpuint (seen.state_notifies, ==, 1);
  g_assert_cmpstr (seen.up_seen, ==, "[3,1,2]");
  g_assert_cmpuint (seen.problems_seen, ==, KDCC_PG_PROBLEM_NOT_CLEAN);
  /* state, up, up-primary, problems */
  g_assert_cmpuint (seen.notifies, ==, 4);

  g_assert_false (kdcc_pg_update (pg, &data));
  g_assert_cmpuint (seen.notifies, ==, 4);
  g_free (seen.up_seen);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pg-list/hundred-thousand", test_hundred_thousand);
  g_test_add_func ("/pg-list/update-notifies-whole", test_update_notifies_whole);
  g_test_add_func ("/pg-list/digests", test_digests);

  return kdcc_test_run ();
}
