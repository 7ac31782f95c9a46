/* test-controls-live.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The controls of issue 7 against the real test cluster, through both
 * sources where the source can do it: the option catalog, staging, apply,
 * read back, rollback, drift, fsid, the audit log and its place in the
 * diagnostics bundle, kdcc-cli, and pending restarts (on a private
 * cluster, since an OSD is restarted). Every change is read back with the
 * real `ceph … -f json` and put back afterwards; each test also clears
 * what it touches first, in case an earlier run died half-way.
 */
#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "kdcc-audit-log.h"
#include "kdcc-config-catalog.h"
#include "kdcc-dashboard-source.h"
#include "kdcc-diagnostics.h"
#include "kdcc-error.h"
#include "kdcc-pending-restarts.h"
#include "kdcc-rados-source.h"
#include "kdcc-staging.h"
#include "kdcc-test-util.h"

#define RUNTIME_OPTION "osd_recovery_sleep"
#define RESTART_OPTION "gss_target_name"
#define POOL_VAR "deep_scrub_interval"

static char *data_home;

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
  const char *flags = json_object_get_string_member (json_node_get_object (dump), "flags");
  g_auto(GStrv) parts = g_strsplit (flags, ",", -1);

  return g_strv_contains ((const char * const *) parts, flag);
}

/* A pool option as `osd pool ls detail` shows it; -1 when unset. */
static gint64
cli_pool_var (KdccTestCluster *cluster,
              const char      *var)
{
  g_autoptr(JsonNode) pools = kdcc_test_ceph_json (cluster, "osd", "pool", "ls", "detail", NULL);
  JsonArray *array = json_node_get_array (pools);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *pool = json_array_get_object_element (array, i);
      JsonObject *options;

      if (!g_str_equal (json_object_get_string_member (pool, "pool_name"), cluster->pool))
        continue;
      options = json_object_get_object_member (pool, "options");
      if (options == NULL || !json_object_has_member (options, var))
        return -1;
      return (gint64) json_object_get_double_member (options, var);
    }
  g_error ("no pool %s", cluster->pool);
  return -1;
}

static void
clear_config (KdccTestCluster *cluster)
{
  const char *whos[] = { "global", "osd", "osd.0", "osd/class:kdcc-none" };
  const char *names[] = { RUNTIME_OPTION, RESTART_OPTION, "osd_max_backfills" };

  for (guint i = 0; i < G_N_ELEMENTS (whos); i++)
    for (guint j = 0; j < G_N_ELEMENTS (names); j++)
      g_free (kdcc_test_ceph_text (cluster, "config", "rm", whos[i], names[j], NULL));
}

static KdccConfigCatalog *
catalog_load (KdccSource *source)
{
  g_autoptr(KdccConfigCatalog) catalog = kdcc_config_catalog_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (kdcc_config_catalog_load_sync (catalog, source, NULL, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&catalog);
}

static KdccStaging *
staging_new (KdccTestCluster *cluster)
{
  g_autoptr(KdccStaging) staging = kdcc_staging_new (cluster->fsid, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (kdcc_staging_load (staging, &error));
  g_assert_no_error (error);
  g_assert_true (kdcc_staging_discard (staging, &error));
  return g_steal_pointer (&staging);
}

static KdccStagedChange *
stage (KdccStaging       *staging,
       KdccConfigCatalog *catalog,
       KdccSource        *source,
       KdccOperation     *operation,
       const char        *confirmation)
{
  g_autoptr(GError) error = NULL;
  KdccStagedChange *change;

  g_assert_true (kdcc_config_catalog_check_operation (catalog, operation, NULL, &error));
  g_assert_no_error (error);
  change = kdcc_staging_add_sync (staging, source, operation, confirmation, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (change);
  return change;
}

static gboolean
job_finished (gpointer data)
{
  return kdcc_job_is_finished (KDCC_JOB (data));
}

static void
wait_job (KdccJob *job)
{
  g_assert_true (kdcc_test_wait_until (job_finished, job, 120000));
  /* Queued audit lines and model updates. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
apply_all_ok (KdccStaging  *staging,
              KdccSource   *source,
              const char   *fsid,
              KdccAuditLog *audit)
{
  g_autoptr(KdccJob) job = kdcc_staging_apply (staging, source, fsid, NULL, 0,
                                               KDCC_STAGING_APPLY_NONE, audit, NULL);

  wait_job (job);
  if (kdcc_job_get_state (job) != KDCC_JOB_STATE_SUCCEEDED)
    g_error ("apply failed: %s", kdcc_job_get_error (job)->message);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (staging)), ==, 0);
}

static void
rollback_ok (KdccStaging  *staging,
             KdccSource   *source,
             const char   *fsid,
             KdccAuditLog *audit)
{
  g_autoptr(KdccJob) job = kdcc_staging_rollback (staging, source, fsid, audit, NULL);

  wait_job (job);
  if (kdcc_job_get_state (job) != KDCC_JOB_STATE_SUCCEEDED)
    g_error ("rollback failed: %s", kdcc_job_get_error (job)->message);
  g_assert_null (kdcc_staging_get_last_batch (staging));
}

/* ------------------------------------------------------------------------ */

static void
test_catalog (gconstpointer data)
{
  const char *kind = data;
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autoptr(KdccSource) source = source_new (cluster, kind);
  g_autoptr(KdccConfigCatalog) catalog = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) names = kdcc_test_ceph_json (cluster, "config", "ls", NULL);
  KdccConfigOption *option;

  clear_config (cluster);
  g_free (kdcc_test_ceph_text (cluster, "config", "set", "osd.0", "osd_max_backfills", "2", NULL));
  catalog = catalog_load (source);

  g_assert_true (kdcc_config_catalog_get_loaded (catalog));
  g_test_message ("%u options by %s in %.2f s", g_list_model_get_n_items (G_LIST_MODEL (catalog)),
                  kdcc_config_catalog_get_method (catalog),
                  kdcc_config_catalog_get_load_seconds (catalog));
  g_assert_cmpstr (kdcc_config_catalog_get_method (catalog), ==,
                   g_str_equal (kind, "rados") ? "osd-table" : "dashboard");
  /* librados: everything `config ls` lists; the Dashboard leaves out some
   * mgr module options. */
  if (g_str_equal (kind, "rados"))
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (catalog)), ==,
                      json_array_get_length (json_node_get_array (names)));
  else
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (catalog)), >, 1500);

  option = kdcc_config_catalog_lookup (catalog, "osd_max_backfills");
  g_assert_nonnull (option);
  g_assert_true (kdcc_config_option_get_runtime (option));
  g_assert_true (kdcc_config_option_get_changed (option));
  g_assert_cmpstr (kdcc_config_option_lookup_value (option, "osd.0"), ==, "2");
  option = kdcc_config_catalog_lookup (catalog, RESTART_OPTION);
  g_assert_nonnull (option);
  g_assert_false (kdcc_config_option_get_runtime (option));
  g_assert_null (kdcc_config_catalog_lookup (catalog, "kdcc_no_such_option"));
  if (g_str_equal (kind, "rados"))
    g_assert_nonnull (kdcc_config_catalog_lookup (catalog, "mgr/dashboard/ssl"));

  /* A change behind the catalog's back shows after refreshing the values. */
  g_free (kdcc_test_ceph_text (cluster, "config", "rm", "osd.0", "osd_max_backfills", NULL));
  g_assert_true (kdcc_config_catalog_refresh_values_sync (catalog, source, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (kdcc_config_option_lookup_value (kdcc_config_catalog_lookup (catalog,
                                                                              "osd_max_backfills"),
                                                  "osd.0"));
}

static void
test_levels (gconstpointer data)
{
  const char *kind = data;
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autoptr(KdccSource) source = source_new (cluster, kind);
  g_autoptr(KdccConfigCatalog) catalog = catalog_load (source);
  g_autoptr(KdccStaging) staging = staging_new (cluster);
  g_autoptr(KdccAuditLog) audit = kdcc_audit_log_new (cluster->fsid, NULL);
  struct { const char *who, *section, *mask, *value; } levels[] = {
    { "global", "global", "", "0.125" },
    { "osd", "osd", "", "0.25" },
    { "osd.0", "osd.0", "", "0.375" },
    { "osd/class:kdcc-none", "osd", "class:kdcc-none", "0.5" },
  };
  GListModel *batch;
  guint n_lines, n_levels;

  clear_config (cluster);
  g_assert_true (kdcc_audit_log_load (audit, NULL));
  n_lines = g_list_model_get_n_items (G_LIST_MODEL (audit));
  /* The Dashboard can neither read a masked value back nor, so, undo it. */
  n_levels = g_str_equal (kind, "rados") ? G_N_ELEMENTS (levels) : G_N_ELEMENTS (levels) - 1;
  for (guint i = 0; i < n_levels; i++)
    {
      g_autoptr(KdccOperation) op = kdcc_operation_new_config_set (levels[i].who, RUNTIME_OPTION,
                                                                   levels[i].value);
      g_autoptr(KdccStagedChange) change = stage (staging, catalog, source, op, NULL);

      g_assert_null (kdcc_staged_change_get_old_value (change));
      g_assert_false (kdcc_staged_change_needs_restart (change));
    }

  apply_all_ok (staging, source, cluster->fsid, audit);
  batch = kdcc_staging_get_last_batch (staging);
  g_assert_cmpuint (g_list_model_get_n_items (batch), ==, n_levels);
  for (guint i = 0; i < n_levels; i++)
    {
      g_autofree char *value = cli_config (cluster, levels[i].section, levels[i].mask,
                                           RUNTIME_OPTION);
      g_autoptr(KdccStagedChange) change = g_list_model_get_item (batch, i);
      KdccStagedState state = kdcc_staged_change_get_state (change);

      g_assert_nonnull (value);
      g_assert_cmpfloat_with_epsilon (g_ascii_strtod (value, NULL),
                                      g_ascii_strtod (levels[i].value, NULL), 1e-9);
      g_assert_cmpint (state, ==, KDCC_STAGED_VERIFIED);
    }

  /* One audit line per applied change, with its result. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (audit)), ==,
                    n_lines + n_levels);
  for (guint i = 0; i < n_levels; i++)
    {
      g_autoptr(KdccAuditEntry) entry = g_list_model_get_item (G_LIST_MODEL (audit), n_lines + i);
      g_autofree char *cli = g_strdup_printf ("ceph config set %s %s %s", levels[i].who,
                                              RUNTIME_OPTION, levels[i].value);

      g_assert_cmpstr (kdcc_audit_entry_get_cli (entry), ==, cli);
      g_assert_cmpstr (kdcc_audit_entry_get_action (entry), ==, "apply");
      g_assert_cmpstr (kdcc_audit_entry_get_fsid (entry), ==, cluster->fsid);
      g_assert_cmpstr (kdcc_audit_entry_get_connection (entry), ==, kdcc_source_get_kind (source));
      g_assert_cmpstr (kdcc_audit_entry_get_result (entry), ==, "verified");
    }

  rollback_ok (staging, source, cluster->fsid, audit);
  for (guint i = 0; i < n_levels; i++)
    {
      g_autofree char *value = cli_config (cluster, levels[i].section, levels[i].mask,
                                           RUNTIME_OPTION);

      g_assert_null (value);
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (audit)), ==,
                    n_lines + 2 * n_levels);
}

static void
test_pool_and_flag (gconstpointer data)
{
  const char *kind = data;
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autoptr(KdccSource) source = source_new (cluster, kind);
  g_autoptr(KdccConfigCatalog) catalog = catalog_load (source);
  g_autoptr(KdccStaging) staging = staging_new (cluster);
  g_autoptr(KdccOperation) pool = kdcc_operation_new_pool_set (cluster->pool, POOL_VAR, "1234567");
  g_autoptr(KdccOperation) flag = kdcc_operation_new_osd_flag ("noscrub", TRUE);
  g_autoptr(KdccOperation) pause = kdcc_operation_new_osd_flag ("pause", TRUE);
  g_autoptr(KdccStagedChange) c1 = NULL;
  g_autoptr(KdccStagedChange) c2 = NULL;
  g_autoptr(GError) error = NULL;

  g_free (kdcc_test_ceph_text (cluster, "osd", "unset", "noscrub", NULL));
  g_free (kdcc_test_ceph_text (cluster, "osd", "pool", "set", cluster->pool, POOL_VAR, "0", NULL));

  /* A risky change needs a reason. */
  g_assert_cmpint (kdcc_operation_get_risk (pause), >, KDCC_RISK_LOW);
  g_assert_null (kdcc_staging_add_sync (staging, source, pause, NULL, NULL, &error));
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (staging)), ==, 0);

  c1 = stage (staging, catalog, source, pool, NULL);
  c2 = stage (staging, catalog, source, flag, "test: scrubbing off for a moment");
  g_assert_null (kdcc_staged_change_get_old_value (c2));
  apply_all_ok (staging, source, cluster->fsid, NULL);
  g_assert_cmpint (cli_pool_var (cluster, POOL_VAR), ==, 1234567);
  g_assert_true (cli_flag (cluster, "noscrub"));

  rollback_ok (staging, source, cluster->fsid, NULL);
  g_assert_false (cli_flag (cluster, "noscrub"));
  g_assert_cmpint (cli_pool_var (cluster, POOL_VAR), <=, 0);
}

static void
assert_refused_locally (KdccConfigCatalog *catalog,
                        KdccCluster       *cluster,
                        KdccOperation     *op)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (kdcc_config_catalog_check_operation (catalog, op, cluster, &error));
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT);
  g_test_message ("refused: %s", error->message);
}

static void
test_refused_locally (gconstpointer data)
{
  const char *kind = data;
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autoptr(KdccSource) source = source_new (cluster, kind);
  g_autoptr(KdccConfigCatalog) catalog = catalog_load (source);
  g_autoptr(KdccCluster) model = kdcc_cluster_new ("test");
  g_autoptr(KdccSnapshot) snap = NULL;
  g_autoptr(GError) error = NULL;
  KdccOperation *ops[] = {
    kdcc_operation_new_config_set ("osd", "ms_async_op_threads", "99"),      /* out of range */
    kdcc_operation_new_config_set ("osd", "osd_max_backfills", "three"),     /* wrong type */
    kdcc_operation_new_config_set ("osd", "osd_memory_target", "4 G"),       /* bad size */
    kdcc_operation_new_config_set ("osd", "kdcc_no_such_option", "1"),       /* unknown */
    kdcc_operation_new_config_set ("osd.99", "osd_max_backfills", "2"),      /* no osd.99 */
    kdcc_operation_new_config_set ("bogus", "osd_max_backfills", "2"),       /* no such WHO */
    kdcc_operation_new_pool_set ("kdcc-no-such-pool", "size", "3"),          /* no pool */
  };

  snap = kdcc_source_fetch_snapshot_sync (source, TRUE, NULL, &error);
  g_assert_no_error (error);
  kdcc_cluster_apply_snapshot (model, snap);
  for (guint i = 0; i < G_N_ELEMENTS (ops); i++)
    {
      assert_refused_locally (catalog, model, ops[i]);
      g_object_unref (ops[i]);
    }
}

static void
test_cluster_refuses (gconstpointer data)
{
  const char *kind = data;
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autoptr(KdccSource) source = source_new (cluster, kind);
  g_autoptr(KdccConfigCatalog) catalog = catalog_load (source);
  g_autoptr(KdccStaging) staging = staging_new (cluster);
  g_autoptr(KdccOperation) a = kdcc_operation_new_config_set ("global", RUNTIME_OPTION, "0.125");
  /* Valid text for a str option, but the mon stores no `chdir`. */
  g_autoptr(KdccOperation) b = kdcc_operation_new_config_set ("global", "chdir", "/tmp");
  g_autoptr(KdccOperation) c = kdcc_operation_new_config_set ("osd.0", "osd_max_backfills", "2");
  g_autoptr(KdccStagedChange) ca = NULL, cb = NULL, cc = NULL;
  g_autoptr(KdccJob) job = NULL;
  g_autofree char *value_c = NULL;
  g_autofree char *value_a = NULL;

  clear_config (cluster);
  ca = stage (staging, catalog, source, a, NULL);
  cb = stage (staging, catalog, source, b, NULL);
  cc = stage (staging, catalog, source, c, NULL);
  job = kdcc_staging_apply (staging, source, cluster->fsid, NULL, 0, KDCC_STAGING_APPLY_NONE, NULL,
                            NULL);
  wait_job (job);
  g_assert_cmpint (kdcc_job_get_state (job), ==, KDCC_JOB_STATE_FAILED);
  g_test_message ("refused by the cluster: %s", kdcc_job_get_error (job)->message);
  g_assert_nonnull (strstr (kdcc_job_get_error (job)->message, "chdir"));

  g_assert_cmpint (kdcc_staged_change_get_state (ca), ==, KDCC_STAGED_VERIFIED);
  g_assert_cmpint (kdcc_staged_change_get_state (cb), ==, KDCC_STAGED_FAILED);
  g_assert_nonnull (kdcc_staged_change_get_message (cb));
  g_assert_cmpint (kdcc_staged_change_get_state (cc), ==, KDCC_STAGED_PENDING);
  /* The failed and the untried change stay staged; the applied one left. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (staging)), ==, 2);
  value_a = cli_config (cluster, "global", "", RUNTIME_OPTION);
  g_assert_cmpstr (value_a, !=, NULL);
  value_c = cli_config (cluster, "osd.0", "", "osd_max_backfills");
  g_assert_null (value_c);

  rollback_ok (staging, source, cluster->fsid, NULL);
  g_clear_pointer (&value_a, g_free);
  value_a = cli_config (cluster, "global", "", RUNTIME_OPTION);
  g_assert_null (value_a);
  g_assert_true (kdcc_staging_discard (staging, NULL));
}

static void
ready_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
is_set_ptr (gpointer data)
{
  return *(gpointer *) data != NULL;
}

static void
test_drift (gconstpointer data)
{
  const char *kind = data;
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autoptr(KdccSource) source = source_new (cluster, kind);
  g_autoptr(KdccConfigCatalog) catalog = catalog_load (source);
  g_autoptr(KdccStaging) staging = staging_new (cluster);
  g_autoptr(KdccOperation) op = kdcc_operation_new_config_set ("global", RUNTIME_OPTION, "0.25");
  g_autoptr(KdccStagedChange) change = NULL;
  g_autoptr(KdccJob) job = NULL;
  g_autoptr(KdccJob) job2 = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;

  clear_config (cluster);
  change = stage (staging, catalog, source, op, NULL);
  g_assert_cmpint (kdcc_staging_check_drift_sync (staging, source, NULL, &error), ==, 0);
  g_assert_no_error (error);

  /* Behind KDCC's back. */
  g_free (kdcc_test_ceph_text (cluster, "config", "set", "global", RUNTIME_OPTION, "0.5", NULL));
  /* As the staging page does it: read on a worker, marked on this thread. */
  kdcc_staging_check_drift_async (staging, source, NULL, ready_cb, &result);
  g_assert_true (kdcc_test_wait_until (is_set_ptr, &result, 60000));
  g_assert_cmpint (kdcc_staging_check_drift_finish (staging, result, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_true (kdcc_staged_change_get_drifted (change));
  g_assert_cmpuint (kdcc_staging_get_n_drifted (staging), ==, 1);
  g_assert_cmpfloat (g_ascii_strtod (kdcc_staged_change_get_current_value (change), NULL), ==, 0.5);

  job = kdcc_staging_apply (staging, source, cluster->fsid, NULL, 0, KDCC_STAGING_APPLY_NONE, NULL,
                            NULL);
  wait_job (job);
  g_assert_cmpint (kdcc_job_get_state (job), ==, KDCC_JOB_STATE_FAILED);
  g_assert_nonnull (strstr (kdcc_job_get_error (job)->message, "drifted"));
  value = cli_config (cluster, "global", "", RUNTIME_OPTION);
  g_assert_cmpfloat (g_ascii_strtod (value, NULL), ==, 0.5);

  job2 = kdcc_staging_apply (staging, source, cluster->fsid, NULL, 0,
                             KDCC_STAGING_APPLY_ALLOW_DRIFT, NULL, NULL);
  wait_job (job2);
  g_assert_cmpint (kdcc_job_get_state (job2), ==, KDCC_JOB_STATE_SUCCEEDED);
  g_clear_pointer (&value, g_free);
  value = cli_config (cluster, "global", "", RUNTIME_OPTION);
  g_assert_cmpfloat (g_ascii_strtod (value, NULL), ==, 0.25);

  /* Rollback restores what was there when it was applied. */
  rollback_ok (staging, source, cluster->fsid, NULL);
  g_clear_pointer (&value, g_free);
  value = cli_config (cluster, "global", "", RUNTIME_OPTION);
  g_assert_cmpfloat (g_ascii_strtod (value, NULL), ==, 0.5);
  clear_config (cluster);
}

static void
test_other_fsid (void)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autoptr(KdccSource) source = source_new (cluster, "rados");
  g_autoptr(KdccConfigCatalog) catalog = catalog_load (source);
  g_autoptr(KdccStaging) staging = kdcc_staging_new ("00000000-0000-0000-0000-0000000000aa", NULL);
  g_autoptr(KdccOperation) op = kdcc_operation_new_config_set ("global", RUNTIME_OPTION, "0.25");
  g_autoptr(KdccStagedChange) change = NULL;
  g_autoptr(KdccJob) job = NULL;
  g_autofree char *value = NULL;

  clear_config (cluster);
  change = stage (staging, catalog, source, op, NULL);
  job = kdcc_staging_apply (staging, source, cluster->fsid, NULL, 0,
                            KDCC_STAGING_APPLY_ALLOW_DRIFT, NULL, NULL);
  wait_job (job);
  g_assert_cmpint (kdcc_job_get_state (job), ==, KDCC_JOB_STATE_FAILED);
  g_assert_error (kdcc_job_get_error (job), KDCC_ERROR, KDCC_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (kdcc_job_get_error (job)->message, cluster->fsid));
  value = cli_config (cluster, "global", "", RUNTIME_OPTION);
  g_assert_null (value);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (staging)), ==, 1);
  g_assert_true (kdcc_staging_discard (staging, NULL));
}

static void
test_persist (void)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autoptr(KdccSource) source = source_new (cluster, "rados");
  g_autoptr(KdccConfigCatalog) catalog = catalog_load (source);
  g_autoptr(KdccStaging) staging = staging_new (cluster);
  g_autoptr(KdccStaging) again = NULL;
  g_autoptr(KdccOperation) a = kdcc_operation_new_config_set ("osd", RESTART_OPTION, "kdcc-x");
  g_autoptr(KdccOperation) b = kdcc_operation_new_config_set ("osd.0", "osd_max_backfills", "2");
  g_autoptr(KdccStagedChange) ca = NULL, cb = NULL, first = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *script = NULL;

  clear_config (cluster);
  ca = stage (staging, catalog, source, a, NULL);
  cb = stage (staging, catalog, source, b, NULL);
  g_assert_true (kdcc_staged_change_needs_restart (ca));
  g_assert_cmpstr (kdcc_staged_change_get_restart_who (ca), ==, "osd");
  g_assert_false (kdcc_staged_change_needs_restart (cb));
  script = kdcc_staging_dup_script (staging);
  g_assert_nonnull (strstr (script, "ceph config set osd gss_target_name kdcc-x\n"));
  g_assert_nonnull (strstr (script, "ceph config set osd.0 osd_max_backfills 2\n"));
  g_assert_true (kdcc_staging_move (staging, 1, 0, &error));
  g_assert_no_error (error);

  /* As after a restart of the app: a new object reads the same file. */
  again = kdcc_staging_new (cluster->fsid, NULL);
  g_assert_true (kdcc_staging_load (again, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 2);
  first = g_list_model_get_item (G_LIST_MODEL (again), 0);
  g_assert_cmpstr (kdcc_staged_change_get_cli (first), ==,
                   "ceph config set osd.0 osd_max_backfills 2");
  g_clear_object (&first);
  first = g_list_model_get_item (G_LIST_MODEL (again), 1);
  g_assert_true (kdcc_staged_change_needs_restart (first));
  g_assert_true (kdcc_staging_drop (again, 0, &error));
  g_assert_true (kdcc_staging_discard (again, &error));
  g_assert_true (kdcc_staging_load (staging, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (staging)), ==, 0);
}

static gboolean
is_set (gpointer data)
{
  return *(gpointer *) data != NULL;
}

static void
gathered_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GBytes *
bundle_file (const char *path,
             const char *member)
{
  struct archive *archive = archive_read_new ();
  struct archive_entry *entry;
  GBytes *found = NULL;

  archive_read_support_filter_gzip (archive);
  archive_read_support_format_tar (archive);
  g_assert_cmpint (archive_read_open_filename (archive, path, 65536), ==, ARCHIVE_OK);
  while (archive_read_next_header (archive, &entry) == ARCHIVE_OK)
    {
      const char *slash = strchr (archive_entry_pathname (entry), '/');
      g_autoptr(GByteArray) data = g_byte_array_new ();
      char buf[16384];
      la_ssize_t n;

      while ((n = archive_read_data (archive, buf, sizeof buf)) > 0)
        g_byte_array_append (data, (const guint8 *) buf, n);
      if (slash != NULL && g_str_equal (slash + 1, member))
        found = g_byte_array_free_to_bytes (g_steal_pointer (&data));
    }
  archive_read_free (archive);
  return found;
}

static void
test_audit_bundle (void)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autoptr(KdccSource) source = source_new (cluster, "rados");
  g_autoptr(KdccConfigCatalog) catalog = catalog_load (source);
  g_autoptr(KdccStaging) staging = staging_new (cluster);
  g_autoptr(KdccAuditLog) audit = kdcc_audit_log_new (cluster->fsid, NULL);
  g_autoptr(KdccOperation) op = kdcc_operation_new_config_set ("osd", RUNTIME_OPTION, "0.0625");
  g_autoptr(KdccStagedChange) change = NULL;
  g_autoptr(KdccStagedChange) pending = NULL;
  g_autoptr(KdccOperation) later = kdcc_operation_new_config_set ("osd.0", "osd_max_backfills", "2");
  g_autoptr(KdccDiagnostics) diagnostics = kdcc_diagnostics_new (source);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) audit_json = NULL;
  g_autoptr(GBytes) staging_json = NULL;
  g_autofree char *path = g_build_filename (data_home, "bundle.tar.gz", NULL);
  g_autofree char *bundle = NULL;
  g_autofree char *audit_text = NULL;
  g_autofree char *staging_text = NULL;
  g_autofree char *export_path = g_build_filename (data_home, "audit-export.jsonl", NULL);
  g_autofree char *exported = NULL;

  clear_config (cluster);
  g_assert_true (kdcc_audit_log_load (audit, NULL));
  change = stage (staging, catalog, source, op, NULL);
  apply_all_ok (staging, source, cluster->fsid, audit);
  pending = stage (staging, catalog, source, later, NULL);

  g_assert_true (kdcc_audit_log_export (audit, export_path, &error));
  g_assert_true (g_file_get_contents (export_path, &exported, NULL, NULL));
  g_assert_nonnull (strstr (exported, "ceph config set osd osd_recovery_sleep 0.0625"));

  kdcc_diagnostics_set_fsid (diagnostics, cluster->fsid);
  kdcc_diagnostics_set_max_parallel (diagnostics, 2);
  kdcc_diagnostics_gather_async (diagnostics, path, NULL, gathered_cb, &result);
  g_assert_true (kdcc_test_wait_until (is_set, &result, 300000));
  bundle = kdcc_diagnostics_gather_finish (diagnostics, result, &error);
  g_assert_no_error (error);

  audit_json = bundle_file (bundle, "kdcc/audit-log.json");
  staging_json = bundle_file (bundle, "kdcc/staging.json");
  g_assert_nonnull (audit_json);
  g_assert_nonnull (staging_json);
  audit_text = g_strndup (g_bytes_get_data (audit_json, NULL), g_bytes_get_size (audit_json));
  staging_text = g_strndup (g_bytes_get_data (staging_json, NULL), g_bytes_get_size (staging_json));
  g_assert_nonnull (strstr (audit_text, "ceph config set osd osd_recovery_sleep 0.0625"));
  g_assert_nonnull (strstr (audit_text, "\"verified\""));
  g_assert_nonnull (strstr (audit_text, cluster->fsid));
  g_assert_nonnull (strstr (staging_text, "ceph config set osd.0 osd_max_backfills 2"));

  rollback_ok (staging, source, cluster->fsid, audit);
  g_assert_true (kdcc_staging_discard (staging, NULL));
  g_unlink (bundle);
}

/* ------------------------------------------------------------------------
 * kdcc-cli */

typedef struct
{
  int   status;
  char *out;
  char *err;
} Cli;

static Cli
run_cli_argv (KdccTestCluster    *cluster,
              const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (
    G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  Cli cli = { 0 };

  g_ptr_array_add (argv, (gpointer) g_getenv ("KDCC_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, (gpointer) "--conf");
  g_ptr_array_add (argv, cluster->conf);
  g_ptr_array_add (argv, (gpointer) "--keyring");
  g_ptr_array_add (argv, cluster->keyring);
  g_ptr_array_add (argv, NULL);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data_home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", data_home, TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &cli.out, &cli.err, &error);
  g_assert_no_error (error);
  cli.status = g_subprocess_get_exit_status (process);
  g_test_message ("kdcc-cli %s %s -> %d; out: %s; err: %s", args[0], args[1], cli.status,
                  cli.out, cli.err);
  return cli;
}

#define run_cli(cluster, ...) run_cli_argv (cluster, (const char * const []) { __VA_ARGS__, NULL })

static void
cli_clear (Cli *cli)
{
  g_free (cli->out);
  g_free (cli->err);
}

static void
assert_cli_refused (KdccTestCluster    *cluster,
                    const char * const *args)
{
  Cli cli = run_cli_argv (cluster, args);

  g_assert_cmpint (cli.status, ==, 2);
  /* One line. */
  g_assert_true (g_str_has_prefix (cli.err, "kdcc-cli: "));
  g_assert_true (strchr (cli.err, '\n') == cli.err + strlen (cli.err) - 1);
  cli_clear (&cli);
}

static void
test_cli (void)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autoptr(KdccStaging) staging = staging_new (cluster);
  g_autoptr(KdccAuditLog) audit = kdcc_audit_log_new (cluster->fsid, NULL);
  g_autoptr(JsonNode) listed = NULL;
  g_autofree char *value = NULL;
  JsonObject *first;
  Cli cli;

  clear_config (cluster);

  cli = run_cli (cluster, "config", "set", "osd.0", "osd_max_backfills", "2");
  g_assert_cmpint (cli.status, ==, 0);
  g_assert_nonnull (strstr (cli.out, "verified\tceph config set osd.0 osd_max_backfills 2"));
  cli_clear (&cli);
  value = cli_config (cluster, "osd.0", "", "osd_max_backfills");
  g_assert_cmpstr (value, ==, "2");

  cli = run_cli (cluster, "config", "get", "osd.0", "osd_max_backfills");
  g_assert_cmpint (cli.status, ==, 0);
  g_assert_cmpstr (cli.out, ==, "2\n");
  cli_clear (&cli);

  cli = run_cli (cluster, "config", "diff", "--json");
  g_assert_cmpint (cli.status, ==, 0);
  g_assert_nonnull (strstr (cli.out, "\"osd_max_backfills\""));
  cli_clear (&cli);

  cli = run_cli (cluster, "config", "rm", "osd.0", "osd_max_backfills");
  g_assert_cmpint (cli.status, ==, 0);
  cli_clear (&cli);
  g_clear_pointer (&value, g_free);
  value = cli_config (cluster, "osd.0", "", "osd_max_backfills");
  g_assert_null (value);

  /* Bad input: one line, status 2, nothing staged or changed. */
  assert_cli_refused (cluster, (const char * const []) { "config", "set", "osd.0",
                                                         "osd_max_backfills", "many", NULL });
  assert_cli_refused (cluster, (const char * const []) { "config", "set", "osd",
                                                         "ms_async_op_threads", "99", NULL });
  assert_cli_refused (cluster, (const char * const []) { "config", "set", "osd",
                                                         "kdcc_no_such_option", "1", NULL });
  assert_cli_refused (cluster, (const char * const []) { "stage", "add", "osd.99",
                                                         "osd_max_backfills", "2", NULL });
  assert_cli_refused (cluster, (const char * const []) { "stage", "drop", "7", NULL });
  g_assert_true (kdcc_staging_load (staging, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (staging)), ==, 0);

  /* Staged from the CLI, seen by the library (the app's view). */
  cli = run_cli (cluster, "stage", "add", "osd", RESTART_OPTION, "kdcc cli");
  g_assert_cmpint (cli.status, ==, 0);
  cli_clear (&cli);
  cli = run_cli (cluster, "stage", "list", "--json");
  g_assert_cmpint (cli.status, ==, 0);
  listed = json_from_string (cli.out, NULL);
  cli_clear (&cli);
  g_assert_nonnull (listed);
  first = json_array_get_object_element (json_node_get_array (listed), 0);
  /* Exactly as a shell would run it: the space is quoted. */
  g_assert_cmpstr (json_object_get_string_member (first, "cli"), ==,
                   "ceph config set osd gss_target_name 'kdcc cli'");
  g_assert_true (json_object_get_boolean_member (first, "needs_restart"));
  g_assert_true (kdcc_staging_load (staging, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (staging)), ==, 1);
  cli = run_cli (cluster, "stage", "list");
  g_assert_nonnull (strstr (cli.out, "needs restart: osd"));
  cli_clear (&cli);
  cli = run_cli (cluster, "stage", "drop", "1");
  g_assert_cmpint (cli.status, ==, 0);
  cli_clear (&cli);
  g_assert_true (kdcc_staging_load (staging, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (staging)), ==, 0);

  /* Stage, apply and roll back, all from the CLI. */
  cli = run_cli (cluster, "stage", "add", "global", RUNTIME_OPTION, "0.125");
  g_assert_cmpint (cli.status, ==, 0);
  cli_clear (&cli);
  cli = run_cli (cluster, "stage", "apply");
  g_assert_cmpint (cli.status, ==, 0);
  cli_clear (&cli);
  g_clear_pointer (&value, g_free);
  value = cli_config (cluster, "global", "", RUNTIME_OPTION);
  g_assert_nonnull (value);
  cli = run_cli (cluster, "stage", "rollback");
  g_assert_cmpint (cli.status, ==, 0);
  cli_clear (&cli);
  g_clear_pointer (&value, g_free);
  value = cli_config (cluster, "global", "", RUNTIME_OPTION);
  g_assert_null (value);

  cli = run_cli (cluster, "audit", "--json");
  g_assert_cmpint (cli.status, ==, 0);
  g_assert_nonnull (strstr (cli.out, "ceph config set osd.0 osd_max_backfills 2"));
  g_assert_nonnull (strstr (cli.out, "ceph config rm osd.0 osd_max_backfills"));
  g_assert_nonnull (strstr (cli.out, "\"rollback\""));
  cli_clear (&cli);
  g_assert_true (kdcc_audit_log_load (audit, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (audit)), >=, 4);
}

/* ------------------------------------------------------------------------
 * Pending restarts, on a private cluster: an OSD is restarted. */

static KdccCluster *
model_of (KdccSource *source)
{
  g_autoptr(KdccCluster) model = kdcc_cluster_new ("private");
  g_autoptr(KdccSnapshot) snap = NULL;
  g_autoptr(GError) error = NULL;

  snap = kdcc_source_fetch_snapshot_sync (source, TRUE, NULL, &error);
  g_assert_no_error (error);
  kdcc_cluster_apply_snapshot (model, snap);
  return g_steal_pointer (&model);
}

static void
refresh (KdccPendingRestarts *restarts,
         KdccSource          *source)
{
  g_autoptr(KdccCluster) model = model_of (source);
  g_autoptr(GError) error = NULL;

  g_assert_true (kdcc_pending_restarts_refresh_sync (restarts, source, model, NULL, &error));
  g_assert_no_error (error);
}

static void
test_pending_restarts (void)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_start_private ();
  g_autoptr(KdccSource) source = source_new (cluster, "rados");
  g_autoptr(KdccConfigCatalog) catalog = catalog_load (source);
  g_autoptr(KdccStaging) staging = staging_new (cluster);
  g_autoptr(KdccPendingRestarts) restarts = kdcc_pending_restarts_new ();
  g_autoptr(KdccOperation) op = kdcc_operation_new_config_set ("osd", RESTART_OPTION, "kdcc-test");
  g_autoptr(KdccStagedChange) change = NULL;
  g_autoptr(KdccDashboardSource) dashboard = NULL;
  g_autoptr(GPtrArray) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *command = NULL;
  KdccRestartItem *item;
  gboolean ok;

  refresh (restarts, source);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (restarts)); i++)
    {
      g_autoptr(KdccRestartItem) pending = g_list_model_get_item (G_LIST_MODEL (restarts), i);

      g_test_message ("already pending: %s: %s", kdcc_restart_item_get_daemon (pending),
                      kdcc_restart_item_get_details (pending));
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (restarts)), ==, 0);

  change = stage (staging, catalog, source, op, NULL);
  g_assert_true (kdcc_staged_change_needs_restart (change));
  apply_all_ok (staging, source, cluster->fsid, NULL);

  refresh (restarts, source);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (restarts)), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *daemon = g_strdup_printf ("osd.%u", i);

      item = kdcc_pending_restarts_lookup (restarts, daemon);
      g_assert_nonnull (item);
      g_assert_cmpstr (kdcc_restart_item_get_options (item)[0], ==, RESTART_OPTION);
      g_assert_nonnull (strstr (kdcc_restart_item_get_details (item), "kdcc-test"));
    }
  g_assert_null (kdcc_pending_restarts_lookup (restarts, "mon.a"));

  /* One failure domain (the one host) at a time, each gated. */
  plan = kdcc_pending_restarts_dup_plan (restarts);
  g_assert_cmpuint (plan->len, ==, 1);
  g_assert_cmpuint (((GPtrArray *) g_ptr_array_index (plan, 0))->len, ==, 3);
  item = kdcc_pending_restarts_lookup (restarts, "osd.0");
  command = kdcc_restart_item_dup_restart_command (item, KDCC_DEPLOYMENT_PACKAGES, NULL);
  g_assert_cmpstr (command, ==, "systemctl restart ceph-osd@0");
  g_clear_pointer (&command, g_free);
  command = kdcc_restart_item_dup_restart_command (item, KDCC_DEPLOYMENT_CEPHADM, NULL);
  g_assert_cmpstr (command, ==, "ceph orch daemon restart osd.0");
  g_clear_pointer (&command, g_free);
  command = kdcc_restart_item_dup_restart_command (item, KDCC_DEPLOYMENT_PACKAGES,
                                                   "ssh {host} systemctl restart ceph-{type}@{id}");
  g_assert_true (g_str_has_suffix (command, " systemctl restart ceph-osd@0"));
  g_clear_pointer (&command, g_free);
  command = kdcc_restart_item_dup_ok_to_stop_command (item);
  g_assert_cmpstr (command, ==, "ceph osd ok-to-stop 0");
  g_assert_cmpint (kdcc_deployment_detect_sync (source, NULL), ==, KDCC_DEPLOYMENT_PACKAGES);
  ok = kdcc_restart_item_ok_to_stop_sync (item, source, &reason, NULL, &error);
  g_assert_no_error (error);
  g_test_message ("ok-to-stop osd.0: %s %s", ok ? "yes" : "no", reason != NULL ? reason : "");
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autofree char *reason2 = NULL;

    kdcc_restart_item_ok_to_stop_async (item, source, NULL, ready_cb, &result);
    g_assert_true (kdcc_test_wait_until (is_set_ptr, &result, 60000));
    g_assert_cmpint (kdcc_restart_item_ok_to_stop_finish (item, result, &reason2, &error), ==, ok);
    g_assert_no_error (error);
  }


  /* The template is kept per cluster. */
  g_assert_true (kdcc_restart_template_save (cluster->fsid, "true {type} {id}", &error));
  g_clear_pointer (&command, g_free);
  command = kdcc_restart_template_load (cluster->fsid);
  g_assert_cmpstr (command, ==, "true {type} {id}");
  g_assert_true (kdcc_restart_item_run_template_sync (item, command, NULL, &error));
  g_assert_no_error (error);

  kdcc_test_cluster_stop_daemon (cluster, "osd.0");
  kdcc_test_cluster_start_daemon (cluster, "osd.0");

  /* Its flag clears by itself, the others stay. */
  for (guint attempt = 0; attempt < 30; attempt++)
    {
      refresh (restarts, source);
      if (kdcc_pending_restarts_lookup (restarts, "osd.0") == NULL)
        break;
      g_usleep (G_USEC_PER_SEC);
    }
  g_assert_null (kdcc_pending_restarts_lookup (restarts, "osd.0"));
  g_assert_nonnull (kdcc_pending_restarts_lookup (restarts, "osd.1"));
  g_assert_nonnull (kdcc_pending_restarts_lookup (restarts, "osd.2"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (restarts)), ==, 2);

  /* KDCC runs the plan itself with the cluster's template: each daemon
   * gated on ok-to-stop, restarted, and its flag then clears. */
  {
    const char *tool = g_getenv ("KDCC_TEST_CLUSTER_TOOL");
    g_autofree char *qtool = g_shell_quote (tool);
    g_autofree char *qdir = g_shell_quote (cluster->dir);
    g_autofree char *inner = g_strdup_printf ("%s stop-daemon %s {type}.{id} && %s start-daemon %s "
                                              "{type}.{id}", qtool, qdir, qtool, qdir);
    g_autofree char *qinner = g_shell_quote (inner);
    g_autofree char *template = g_strdup_printf ("sh -c %s", qinner);
    g_autoptr(KdccJob) job = kdcc_pending_restarts_run_plan (restarts, source, template, 120);

    wait_job (job);
    if (kdcc_job_get_state (job) != KDCC_JOB_STATE_SUCCEEDED)
      g_error ("restart plan failed: %s", kdcc_job_get_error (job)->message);
    for (guint attempt = 0; attempt < 30; attempt++)
      {
        refresh (restarts, source);
        if (g_list_model_get_n_items (G_LIST_MODEL (restarts)) == 0)
          break;
        g_usleep (G_USEC_PER_SEC);
      }
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (restarts)), ==, 0);
  }

  /* The Dashboard cannot run `config show`: said so, not guessed. */
  dashboard = kdcc_dashboard_source_new (cluster->dashboard_url, cluster->dashboard_user,
                                         cluster->dashboard_password, NULL);
  {
    g_autoptr(KdccCluster) model = model_of (source);

    g_assert_false (kdcc_pending_restarts_refresh_sync (restarts, KDCC_SOURCE (dashboard), model,
                                                        NULL, &error));
    g_assert_error (error, KDCC_ERROR, KDCC_ERROR_NOT_SUPPORTED);
  }
}

int
main (int   argc,
      char *argv[])
{
  const char *kinds[] = { "rados", "dashboard" };
  g_autoptr(GError) error = NULL;
  int status;

  /* The staging area, audit log and templates of this run only; set
   * before GLib caches the user folders. */
  data_home = g_dir_make_tmp ("kdcc-controls-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", data_home, TRUE);

  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      struct { const char *name; GTestDataFunc func; } tests[] = {
        { "catalog", test_catalog },
        { "levels", test_levels },
        { "pool-and-flag", test_pool_and_flag },
        { "refused-locally", test_refused_locally },
        { "cluster-refuses", test_cluster_refuses },
        { "drift", test_drift },
      };

      for (guint j = 0; j < G_N_ELEMENTS (tests); j++)
        {
          g_autofree char *path = g_strdup_printf ("/controls/%s/%s", kinds[i], tests[j].name);

          g_test_add_data_func (path, kinds[i], tests[j].func);
        }
    }
  g_test_add_func ("/controls/other-fsid", test_other_fsid);
  g_test_add_func ("/controls/persist", test_persist);
  g_test_add_func ("/controls/audit-bundle", test_audit_bundle);
  g_test_add_func ("/controls/cli", test_cli);
  g_test_add_func ("/controls/pending-restarts", test_pending_restarts);

  status = g_test_run ();
  {
    g_autofree char *quoted = g_shell_quote (data_home);
    g_autofree char *command = g_strdup_printf ("rm -rf %s", quoted);

    g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);
  }
  return kdcc_test_exit (status);
}
