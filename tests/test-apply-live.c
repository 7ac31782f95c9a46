/* test-apply-live.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Operations applied to the real test cluster through both sources and
 * read back with the real `ceph` CLI (`ceph -c $KDCC_TEST_CONF … -f json`);
 * each operation's CLI equivalent run with the real `ceph` has the same
 * effect, which proves the text exact. The cluster is shared with other
 * tests: every test puts back what it changed, and clears it first too,
 * in case an earlier run died half-way.
 */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "kdcc-dashboard-source.h"
#include "kdcc-error.h"
#include "kdcc-operation-runner.h"
#include "kdcc-rados-source.h"
#include "kdcc-test-util.h"

/* Harmless on a test cluster and changeable at runtime, so the Dashboard
 * accepts it too. */
#define OPTION "osd_recovery_sleep"
#define POOL_VAR "deep_scrub_interval"
#define MUTE_CODE "KDCC_TEST_NO_SUCH_CHECK"

static KdccSource *
source_new (KdccTestCluster *cluster,
            const char      *kind)
{
  if (g_str_equal (kind, "rados"))
    return KDCC_SOURCE (kdcc_rados_source_new (cluster->conf, cluster->keyring,
                                               cluster->client_id));
  return KDCC_SOURCE (kdcc_dashboard_source_new (cluster->dashboard_url, cluster->dashboard_user,
                                                 cluster->dashboard_password, NULL));
}

/* ------------------------------------------------------------------------
 * The cluster as the CLI sees it */

static char *
node_text (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (node) ? "true" : "false");
  return g_strdup_printf ("%g", json_node_get_double (node));
}

/* The value `config dump` shows for exactly SECTION + MASK, or NULL. */
static char *
cli_config (KdccTestCluster *cluster,
            const char      *section,
            const char      *mask,
            const char      *name)
{
  g_autoptr(JsonNode) dump = kdcc_test_ceph_json (cluster, "config", "dump", NULL);
  JsonArray *entries = json_node_get_array (dump);

  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *e = json_array_get_object_element (entries, i);

      if (g_str_equal (json_object_get_string_member (e, "name"), name)
          && g_str_equal (json_object_get_string_member (e, "section"), section)
          && g_str_equal (json_object_get_string_member_with_default (e, "mask", ""), mask))
        return g_strdup (json_object_get_string_member (e, "value"));
    }
  return NULL;
}

static gboolean
cli_flag (KdccTestCluster *cluster,
          const char      *flag)
{
  g_autoptr(JsonNode) dump = kdcc_test_ceph_json (cluster, "osd", "dump", NULL);
  g_auto(GStrv) flags = g_strsplit (json_object_get_string_member (json_node_get_object (dump),
                                                                   "flags"), ",", -1);

  return g_strv_contains ((const char * const *) flags, flag);
}

static char *
cli_pool (KdccTestCluster *cluster,
          const char      *var)
{
  g_autoptr(JsonNode) all = kdcc_test_ceph_json (cluster, "osd", "pool", "get", cluster->pool,
                                                 "all", NULL);

  return node_text (json_object_get_member (json_node_get_object (all), var));
}

static gboolean
cli_muted (KdccTestCluster *cluster,
           const char      *code)
{
  g_autoptr(JsonNode) health = kdcc_test_ceph_json (cluster, "health", NULL);
  JsonArray *mutes = json_object_get_array_member (json_node_get_object (health), "mutes");

  for (guint i = 0; i < json_array_get_length (mutes); i++)
    if (g_str_equal (json_object_get_string_member (json_array_get_object_element (mutes, i),
                                                    "code"), code))
      return TRUE;
  return FALSE;
}

/* Runs OP's CLI equivalent, word for word as a shell splits it, with the
 * real `ceph` against the test cluster. */
static void
run_cli_equivalent (KdccTestCluster *cluster,
                    KdccOperation   *op)
{
  g_autofree char *cli = kdcc_operation_dup_cli_equivalent (op);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) words = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_assert_true (g_shell_parse_argv (cli, NULL, &words, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (words[0], ==, "ceph");

  g_ptr_array_add (argv, (char *) "ceph");
  g_ptr_array_add (argv, (char *) "-c");
  g_ptr_array_add (argv, cluster->conf);
  for (guint i = 1; words[i] != NULL; i++)
    g_ptr_array_add (argv, words[i]);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("`%s` failed: %s", cli, err);
}

/* ------------------------------------------------------------------------
 * Applying through a source */

static void
ready_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
is_set (gpointer data)
{
  return *(gpointer *) data != NULL;
}

/* Through the public asynchronous path, as a service would. */
static gboolean
apply (KdccSource     *source,
       KdccOperation  *op,
       GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  kdcc_source_apply_operation_async (source, op, NULL, ready_cb, &result);
  g_assert_true (kdcc_test_wait_until (is_set, &result, 60000));
  return kdcc_source_apply_operation_finish (source, result, error);
}

static void
apply_ok (KdccSource    *source,
          KdccOperation *op)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (apply (source, op, &error));
  g_assert_no_error (error);
}

/* The source's own read back, retried briefly: the Dashboard reads the
 * OSD map from the mgr, which follows the mon a moment later. */
static char *
read_back_settled (KdccSource    *source,
                   KdccOperation *op,
                   gboolean       want_match)
{
  char *value = NULL;

  for (guint attempt = 0; attempt < 20; attempt++)
    {
      g_autoptr(GError) error = NULL;

      g_clear_pointer (&value, g_free);
      g_assert_true (kdcc_source_read_back_sync (source, op, &value, NULL, &error));
      g_assert_no_error (error);
      if (kdcc_operation_read_back_matches (op, value) == want_match)
        break;
      g_usleep (250 * 1000);
    }
  return value;
}

static void
assert_in_force (KdccSource    *source,
                 KdccOperation *op)
{
  g_autofree char *value = read_back_settled (source, op, TRUE);

  if (!kdcc_operation_read_back_matches (op, value))
    g_error ("%s reads back %s", kdcc_operation_get_expected_value (op), value);
}

static void
clear_config (KdccTestCluster *cluster)
{
  g_free (kdcc_test_ceph_text (cluster, "config", "rm", "global", OPTION, NULL));
  g_free (kdcc_test_ceph_text (cluster, "config", "rm", "osd.0", OPTION, NULL));
  g_free (kdcc_test_ceph_text (cluster, "config", "rm", "osd/class:kdcc-none", OPTION, NULL));
  g_free (kdcc_test_ceph_text (cluster, "config", "rm", "osd.0", "osd_max_backfills", NULL));
}

/* ------------------------------------------------------------------------
 * Tests */

static void
test_config (gconstpointer data)
{
  const char *kind = data;
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autoptr(KdccSource) source = source_new (cluster, kind);
  const char *whos[] = { "global", "osd.0" };
  const char *values[] = { "0.125", "0.25" };

  clear_config (cluster);

  for (guint i = 0; i < G_N_ELEMENTS (whos); i++)
    {
      g_autoptr(KdccOperation) set = kdcc_operation_new_config_set (whos[i], OPTION, values[i]);
      g_autoptr(KdccOperation) rm = kdcc_operation_new_config_rm (whos[i], OPTION);
      g_autofree char *shown = NULL;
      g_autofree char *gone = NULL;
      g_autofree char *by_cli = NULL;
      g_autofree char *removed_by_cli = NULL;

      apply_ok (source, set);
      shown = cli_config (cluster, whos[i], "", OPTION);
      g_assert_nonnull (shown);
      g_assert_true (kdcc_operation_read_back_matches (set, shown));
      assert_in_force (source, set);

      apply_ok (source, rm);
      gone = cli_config (cluster, whos[i], "", OPTION);
      g_assert_null (gone);
      assert_in_force (source, rm);

      /* The texts, run by the real CLI, do the same. */
      run_cli_equivalent (cluster, set);
      by_cli = cli_config (cluster, whos[i], "", OPTION);
      g_assert_true (kdcc_operation_read_back_matches (set, by_cli));
      assert_in_force (source, set);
      run_cli_equivalent (cluster, rm);
      removed_by_cli = cli_config (cluster, whos[i], "", OPTION);
      g_assert_null (removed_by_cli);
    }

  clear_config (cluster);
}

static void
test_flag (gconstpointer data)
{
  const char *kind = data;
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autoptr(KdccSource) source = source_new (cluster, kind);
  g_autoptr(KdccOperation) set = kdcc_operation_new_osd_flag ("noscrub", TRUE);
  g_autoptr(KdccOperation) unset = kdcc_operation_new_osd_flag ("noscrub", FALSE);

  g_free (kdcc_test_ceph_text (cluster, "osd", "unset", "noscrub", NULL));
  g_assert_false (cli_flag (cluster, "noscrub"));

  apply_ok (source, set);
  g_assert_true (cli_flag (cluster, "noscrub"));
  /* The flags Ceph keeps set for itself survive the Dashboard's
   * whole-set replacement. */
  g_assert_true (cli_flag (cluster, "sortbitwise"));
  g_assert_true (cli_flag (cluster, "recovery_deletes"));
  assert_in_force (source, set);

  apply_ok (source, unset);
  g_assert_false (cli_flag (cluster, "noscrub"));
  g_assert_true (cli_flag (cluster, "sortbitwise"));
  assert_in_force (source, unset);

  run_cli_equivalent (cluster, set);
  g_assert_true (cli_flag (cluster, "noscrub"));
  assert_in_force (source, set);
  run_cli_equivalent (cluster, unset);
  g_assert_false (cli_flag (cluster, "noscrub"));
  assert_in_force (source, unset);
}

static void
test_pool (gconstpointer data)
{
  const char *kind = data;
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autoptr(KdccSource) source = source_new (cluster, kind);
  g_autoptr(KdccOperation) set = kdcc_operation_new_pool_set (cluster->pool, POOL_VAR, "1209600");
  g_autoptr(KdccOperation) undo = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *restored = NULL;
  g_autofree char *by_cli = NULL;
  g_autofree char *previous = NULL;

  g_free (kdcc_test_ceph_text (cluster, "osd", "pool", "set", cluster->pool, POOL_VAR, "0", NULL));
  before = cli_pool (cluster, POOL_VAR);
  g_assert_null (before);
  previous = read_back_settled (source, set, FALSE);
  g_assert_null (previous);

  apply_ok (source, set);
  after = cli_pool (cluster, POOL_VAR);
  g_assert_cmpstr (after, ==, "1209600");
  assert_in_force (source, set);

  /* Undo with the value read before: the option goes back to unset. */
  undo = kdcc_operation_new_inverse (set, previous);
  g_assert_nonnull (undo);
  apply_ok (source, undo);
  restored = cli_pool (cluster, POOL_VAR);
  g_assert_null (restored);
  assert_in_force (source, undo);

  run_cli_equivalent (cluster, set);
  by_cli = cli_pool (cluster, POOL_VAR);
  g_assert_cmpstr (by_cli, ==, "1209600");
  run_cli_equivalent (cluster, undo);
  g_clear_pointer (&by_cli, g_free);
  by_cli = cli_pool (cluster, POOL_VAR);
  g_assert_null (by_cli);
}

static void
test_refused (gconstpointer data)
{
  const char *kind = data;
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autoptr(KdccSource) source = source_new (cluster, kind);
  g_autoptr(KdccOperation) bad = kdcc_operation_new_config_set ("osd.0", "osd_max_backfills",
                                                                "many");
  /* Well-formed, so KDCC sends it; the pool's size is 3, so Ceph refuses. */
  g_autoptr(KdccOperation) bad_pool = kdcc_operation_new_pool_set (cluster->pool, "min_size",
                                                                   "5");
  g_autoptr(KdccOperation) unknown = kdcc_operation_new_config_set ("osd", "kdcc_no_such_option",
                                                                    "1");
  g_autoptr(KdccOperation) invalid = kdcc_operation_new_config_set ("osd.x", OPTION, "1");
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *pool_value = NULL;

  clear_config (cluster);

  /* Ceph's own words come through: "error parsing value: ...". */
  g_assert_false (apply (source, bad, &error));
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_COMMAND);
  g_assert_nonnull (strstr (error->message, "error parsing value"));
  stored = cli_config (cluster, "osd.0", "", "osd_max_backfills");
  g_assert_null (stored);
  g_clear_error (&error);

  g_assert_false (apply (source, bad_pool, &error));
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_COMMAND);
  g_assert_nonnull (strstr (error->message, "min_size"));
  pool_value = cli_pool (cluster, "min_size");
  g_assert_cmpstr (pool_value, ==, "2");
  g_clear_error (&error);

  g_assert_false (apply (source, unknown, &error));
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_COMMAND);
  g_assert_nonnull (strstr (error->message, "kdcc_no_such_option"));
  g_clear_error (&error);

  /* Refused locally, before anything is sent. */
  g_assert_false (apply (source, invalid, &error));
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT);
}

static void
run_ready_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(KdccOperationResult **) user_data =
    kdcc_operation_runner_run_finish (KDCC_OPERATION_RUNNER (object), result);
}

static KdccOperationResult *
run (KdccOperationRunner *runner,
     KdccOperation       *op)
{
  KdccOperationResult *result = NULL;

  kdcc_operation_runner_run_async (runner, op, NULL, run_ready_cb, &result);
  g_assert_true (kdcc_test_wait_until (is_set, &result, 60000));
  return result;
}

static void
test_runner (gconstpointer data)
{
  const char *kind = data;
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autoptr(KdccSource) source = source_new (cluster, kind);
  g_autoptr(KdccOperationRunner) runner = kdcc_operation_runner_new (source);
  g_autoptr(KdccOperation) set = kdcc_operation_new_config_set ("osd.0", OPTION, "0.5");
  g_autoptr(KdccOperation) bad = kdcc_operation_new_config_set ("osd.0", "osd_max_backfills",
                                                                "many");
  g_autoptr(KdccOperation) invalid = kdcc_operation_new_osd_reweight (0, 2.0);
  g_autoptr(KdccOperation) undo = NULL;
  g_autoptr(KdccOperationResult) result = NULL;
  g_autoptr(KdccOperationResult) undone = NULL;
  g_autoptr(KdccOperationResult) refused = NULL;
  g_autoptr(KdccOperationResult) rejected = NULL;
  g_autoptr(KdccOperation) tiny = kdcc_operation_new_config_set ("osd.0", OPTION, "0.0000001");
  g_autoptr(KdccOperation) tiny_undo = NULL;
  g_autoptr(KdccOperationResult) tiny_result = NULL;
  g_autofree char *tiny_shown = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *gone = NULL;

  clear_config (cluster);

  result = run (runner, set);
  g_assert_cmpint (kdcc_operation_result_get_outcome (result), ==,
                   KDCC_OPERATION_OUTCOME_VERIFIED);
  g_assert_true (kdcc_operation_result_was_applied (result));
  g_assert_null (kdcc_operation_result_get_error (result));
  g_assert_true (kdcc_operation_result_has_previous_value (result));
  g_assert_null (kdcc_operation_result_get_previous_value (result));
  g_assert_cmpstr (kdcc_operation_result_get_expected_value (result), ==, "0.5");
  /* Ceph stores the value normalized. */
  g_assert_cmpstr (kdcc_operation_result_get_read_back_value (result), ==, "0.500000");
  shown = cli_config (cluster, "osd.0", "", OPTION);
  g_assert_cmpstr (shown, ==, "0.500000");

  undo = kdcc_operation_result_dup_inverse (result);
  g_assert_nonnull (undo);
  g_assert_cmpint (kdcc_operation_get_kind (undo), ==, KDCC_OPERATION_CONFIG_RM);
  undone = run (runner, undo);
  g_assert_cmpint (kdcc_operation_result_get_outcome (undone), ==,
                   KDCC_OPERATION_OUTCOME_VERIFIED);
  g_assert_cmpstr (kdcc_operation_result_get_previous_value (undone), ==, "0.500000");
  gone = cli_config (cluster, "osd.0", "", OPTION);
  g_assert_null (gone);

  refused = run (runner, bad);
  g_assert_cmpint (kdcc_operation_result_get_outcome (refused), ==,
                   KDCC_OPERATION_OUTCOME_FAILED);
  g_assert_false (kdcc_operation_result_was_applied (refused));
  g_assert_error ((GError *) kdcc_operation_result_get_error (refused), KDCC_ERROR,
                  KDCC_ERROR_COMMAND);
  g_assert_null (kdcc_operation_result_dup_inverse (refused));

  rejected = run (runner, invalid);
  g_assert_cmpint (kdcc_operation_result_get_outcome (rejected), ==,
                   KDCC_OPERATION_OUTCOME_FAILED);
  g_assert_error ((GError *) kdcc_operation_result_get_error (rejected), KDCC_ERROR,
                  KDCC_ERROR_INVALID_INPUT);

  /* Ceph keeps floats with six decimals: 1e-7 is stored as 0. The change
   * went through, but what is in force is not what was asked for, and
   * the runner says so with both values. */
  tiny_result = run (runner, tiny);
  g_assert_cmpint (kdcc_operation_result_get_outcome (tiny_result), ==,
                   KDCC_OPERATION_OUTCOME_DIFFERS);
  g_assert_true (kdcc_operation_result_was_applied (tiny_result));
  g_assert_cmpstr (kdcc_operation_result_get_expected_value (tiny_result), ==, "0.0000001");
  g_assert_cmpstr (kdcc_operation_result_get_read_back_value (tiny_result), ==, "0.000000");
  tiny_shown = cli_config (cluster, "osd.0", "", OPTION);
  g_assert_cmpstr (tiny_shown, ==, "0.000000");
  tiny_undo = kdcc_operation_result_dup_inverse (tiny_result);
  g_assert_nonnull (tiny_undo);
  g_assert_cmpint (kdcc_operation_get_kind (tiny_undo), ==, KDCC_OPERATION_CONFIG_RM);

  clear_config (cluster);
}

/* A masked value: librados reads it back from `config dump`; the
 * Dashboard applies it but cannot tell it apart from the unmasked one,
 * so the runner says it is applied but not verified. */
static void
test_runner_mask (gconstpointer data)
{
  const char *kind = data;
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autoptr(KdccSource) source = source_new (cluster, kind);
  g_autoptr(KdccOperationRunner) runner = kdcc_operation_runner_new (source);
  g_autoptr(KdccOperation) set = kdcc_operation_new_config_set ("osd/class:kdcc-none", OPTION,
                                                                "0.75");
  g_autoptr(KdccOperation) rm = kdcc_operation_new_config_rm ("osd/class:kdcc-none", OPTION);
  g_autoptr(KdccOperationResult) result = NULL;
  g_autoptr(KdccOperationResult) removed = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *gone = NULL;
  gboolean dashboard = g_str_equal (kind, "dashboard");

  clear_config (cluster);

  result = run (runner, set);
  g_assert_cmpint (kdcc_operation_result_get_outcome (result), ==,
                   dashboard ? KDCC_OPERATION_OUTCOME_UNVERIFIED
                             : KDCC_OPERATION_OUTCOME_VERIFIED);
  g_assert_true (kdcc_operation_result_was_applied (result));
  if (dashboard)
    g_assert_error ((GError *) kdcc_operation_result_get_error (result), KDCC_ERROR,
                    KDCC_ERROR_NOT_SUPPORTED);
  shown = cli_config (cluster, "osd", "class:kdcc-none", OPTION);
  g_assert_cmpstr (shown, ==, "0.750000");

  removed = run (runner, rm);
  g_assert_true (kdcc_operation_result_was_applied (removed));
  gone = cli_config (cluster, "osd", "class:kdcc-none", OPTION);
  g_assert_null (gone);

  clear_config (cluster);
}

/* OSD operations that change nothing on the shared cluster: osd.0 is in
 * with weight 1, and stays so. */
static void
test_osd_noop (gconstpointer data)
{
  const char *kind = data;
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autoptr(KdccSource) source = source_new (cluster, kind);
  g_autoptr(KdccOperation) in = kdcc_operation_new_osd_in (0);
  g_autoptr(KdccOperation) reweight = kdcc_operation_new_osd_reweight (0, 1.0);
  g_autoptr(KdccOperation) missing = kdcc_operation_new_osd_in (999);
  g_autoptr(JsonNode) dump = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  JsonArray *osds;

  apply_ok (source, in);
  assert_in_force (source, in);
  apply_ok (source, reweight);
  assert_in_force (source, reweight);

  dump = kdcc_test_ceph_json (cluster, "osd", "dump", NULL);
  osds = json_object_get_array_member (json_node_get_object (dump), "osds");
  for (guint i = 0; i < json_array_get_length (osds); i++)
    {
      JsonObject *osd = json_array_get_object_element (osds, i);

      if (json_object_get_int_member (osd, "osd") == 0)
        {
          g_assert_cmpint (json_object_get_int_member (osd, "in"), ==, 1);
          g_assert_cmpfloat (json_object_get_double_member (osd, "weight"), ==, 1.0);
        }
    }

  /* An OSD that does not exist cannot be read back. */
  g_assert_false (kdcc_source_read_back_sync (source, missing, &value, NULL, &error));
  g_assert_nonnull (error);
  g_assert_null (value);
}

static void
test_health_mute (void)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autoptr(KdccSource) source = source_new (cluster, "rados");
  /* Sticky, because Ceph mutes only raised alerts otherwise; the code is
   * never raised, so the cluster's health does not change. */
  g_autoptr(KdccOperation) mute = kdcc_operation_new_health_mute (MUTE_CODE, "1h", TRUE);
  g_autoptr(KdccOperation) unmute = kdcc_operation_new_health_unmute (MUTE_CODE);

  g_free (kdcc_test_ceph_text (cluster, "health", "unmute", MUTE_CODE, NULL));

  apply_ok (source, mute);
  g_assert_true (cli_muted (cluster, MUTE_CODE));
  assert_in_force (source, mute);
  apply_ok (source, unmute);
  g_assert_false (cli_muted (cluster, MUTE_CODE));
  assert_in_force (source, unmute);

  run_cli_equivalent (cluster, mute);
  g_assert_true (cli_muted (cluster, MUTE_CODE));
  run_cli_equivalent (cluster, unmute);
  g_assert_false (cli_muted (cluster, MUTE_CODE));
}

static void
assert_not_supported (KdccSource    *source,
                      KdccOperation *op)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (apply (source, op, &error));
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_NOT_SUPPORTED);
  g_object_unref (op);
}

static void
test_capabilities (void)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autoptr(KdccSource) rados = source_new (cluster, "rados");
  g_autoptr(KdccSource) dashboard = source_new (cluster, "dashboard");
  g_autofree char *size = NULL;
  g_autofree char *objectstore = NULL;

  g_assert_cmpint (kdcc_source_get_capabilities (rados), ==,
                   KDCC_CAPABILITY_MON_COMMANDS | KDCC_CAPABILITY_MGR_COMMANDS |
                   KDCC_CAPABILITY_CONFIG_READ | KDCC_CAPABILITY_CONFIG_WRITE |
                   KDCC_CAPABILITY_POOL_WRITE | KDCC_CAPABILITY_OSD_FLAGS |
                   KDCC_CAPABILITY_OSD_WRITE | KDCC_CAPABILITY_HEALTH_MUTE |
                   KDCC_CAPABILITY_PG_DETAIL | KDCC_CAPABILITY_DIAGNOSTICS |
                   KDCC_CAPABILITY_PG_SCRUB |
                   KDCC_CAPABILITY_DASHBOARD_SSO);
  g_assert_cmpint (kdcc_source_get_capabilities (dashboard), ==,
                   KDCC_CAPABILITY_CONFIG_READ | KDCC_CAPABILITY_CONFIG_WRITE |
                   KDCC_CAPABILITY_POOL_WRITE | KDCC_CAPABILITY_OSD_FLAGS |
                   KDCC_CAPABILITY_OSD_WRITE);

  /* What the Dashboard cannot do is refused before anything is sent. */
  assert_not_supported (dashboard, kdcc_operation_new_sso_disable ());
  g_free (kdcc_test_ceph_text (cluster, "health", "unmute", MUTE_CODE, NULL));
  assert_not_supported (dashboard, kdcc_operation_new_health_mute (MUTE_CODE, NULL, TRUE));
  g_assert_false (cli_muted (cluster, MUTE_CODE));
  assert_not_supported (dashboard, kdcc_operation_new_pool_set (cluster->pool, "size", "1"));
  size = cli_pool (cluster, "size");
  g_assert_cmpstr (size, !=, "1");
  assert_not_supported (dashboard, kdcc_operation_new_config_set ("mgr", "mgr/dashboard/debug",
                                                                  "true"));
  /* osd_objectstore needs a restart; the Dashboard only writes runtime
   * options. */
  assert_not_supported (dashboard, kdcc_operation_new_config_set ("osd.0", "osd_objectstore",
                                                                  "memstore"));
  objectstore = cli_config (cluster, "osd.0", "", "osd_objectstore");
  g_assert_null (objectstore);
}

int
main (int   argc,
      char *argv[])
{
  const char *kinds[] = { "rados", "dashboard" };

  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      struct { const char *name; GTestDataFunc func; } tests[] = {
        { "config", test_config },
        { "flag", test_flag },
        { "pool", test_pool },
        { "refused", test_refused },
        { "runner", test_runner },
        { "runner-mask", test_runner_mask },
        { "osd-noop", test_osd_noop },
      };

      for (guint j = 0; j < G_N_ELEMENTS (tests); j++)
        {
          g_autofree char *path = g_strdup_printf ("/apply/%s/%s", kinds[i], tests[j].name);

          g_test_add_data_func (path, kinds[i], tests[j].func);
        }
    }
  g_test_add_func ("/apply/rados/health-mute", test_health_mute);
  g_test_add_func ("/apply/capabilities", test_capabilities);

  return kdcc_test_run ();
}
