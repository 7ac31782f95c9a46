/* test-pool-osd-live.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pool and OSD operations the controls stage, on a PRIVATE test
 * cluster (they move data: size, out, reweight), through both sources
 * where each can: applied, read back with the real `ceph … -f json`, their
 * CLI equivalents run with the real `ceph` to the same effect, and undone
 * by their inverse. Then the same operations staged, applied as one job,
 * audited and rolled back, and staged with `kdcc-cli stage add`.
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "kdcc-audit-log.h"
#include "kdcc-config-catalog.h"
#include "kdcc-dashboard-source.h"
#include "kdcc-error.h"
#include "kdcc-rados-source.h"
#include "kdcc-staging.h"
#include "kdcc-test-util.h"

#define APP "kdcc-test-app"

static KdccTestCluster *private_cluster;
static char *data_home;

static KdccSource *
source_new (const char *kind)
{
  KdccTestCluster *cluster = private_cluster;

  if (g_str_equal (kind, "rados"))
    return KDCC_SOURCE (kdcc_rados_source_new (cluster->conf, cluster->keyring,
                                               cluster->client_id));
  return KDCC_SOURCE (kdcc_dashboard_source_new (cluster->dashboard_url, cluster->dashboard_user,
                                                 cluster->dashboard_password, NULL));
}

/* ------------------------------------------------------------------------
 * The cluster as the real CLI shows it */

static char *
node_text (JsonNode *node)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (node) ? "true" : "false");
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.6g", json_node_get_double (node)));
}

/* What `ceph` says about the thing OP changes, in the terms of OP's read
 * back: the pool variable, the quota, "enabled" for an application, the
 * OSD's "in"/"out", weight or primary affinity. */
static char *
cli_read (KdccOperation *op)
{
  KdccTestCluster *cluster = private_cluster;
  const char *pool = kdcc_operation_get_target (op);
  const char *key = kdcc_operation_get_key (op);

  switch (kdcc_operation_get_kind (op))
    {
    case KDCC_OPERATION_POOL_SET:
      {
        g_autoptr(JsonNode) all = kdcc_test_ceph_json (cluster, "osd", "pool", "get", pool, "all",
                                                       NULL);

        return node_text (json_object_get_member (json_node_get_object (all), key));
      }
    case KDCC_OPERATION_POOL_SET_QUOTA:
      {
        g_autoptr(JsonNode) quota = kdcc_test_ceph_json (cluster, "osd", "pool", "get-quota",
                                                         pool, NULL);
        g_autofree char *member = g_strconcat ("quota_", key, NULL);

        return node_text (json_object_get_member (json_node_get_object (quota), member));
      }
    case KDCC_OPERATION_POOL_APP_ENABLE:
    case KDCC_OPERATION_POOL_APP_DISABLE:
      {
        g_autoptr(JsonNode) apps = kdcc_test_ceph_json (cluster, "osd", "pool", "application",
                                                        "get", pool, NULL);

        return json_object_has_member (json_node_get_object (apps), key) ? g_strdup ("enabled")
                                                                         : NULL;
      }
    case KDCC_OPERATION_OSD_IN:
    case KDCC_OPERATION_OSD_OUT:
    case KDCC_OPERATION_OSD_REWEIGHT:
    case KDCC_OPERATION_OSD_PRIMARY_AFFINITY:
      {
        g_autoptr(JsonNode) dump = kdcc_test_ceph_json (cluster, "osd", "dump", NULL);
        JsonArray *osds = json_object_get_array_member (json_node_get_object (dump), "osds");

        for (guint i = 0; i < json_array_get_length (osds); i++)
          {
            JsonObject *osd = json_array_get_object_element (osds, i);

            if (json_object_get_int_member (osd, "osd") != kdcc_operation_get_osd_id (op))
              continue;
            if (kdcc_operation_get_kind (op) == KDCC_OPERATION_OSD_REWEIGHT)
              return node_text (json_object_get_member (osd, "weight"));
            if (kdcc_operation_get_kind (op) == KDCC_OPERATION_OSD_PRIMARY_AFFINITY)
              return node_text (json_object_get_member (osd, "primary_affinity"));
            return g_strdup (json_object_get_int_member (osd, "in") ? "in" : "out");
          }
        g_error ("no %s in osd dump", kdcc_operation_get_target (op));
      }
    default:
      g_assert_not_reached ();
    }
  return NULL;
}

static void
assert_cli_shows (KdccOperation *op)
{
  g_autofree char *cli = kdcc_operation_dup_cli_equivalent (op);
  g_autofree char *shown = cli_read (op);

  if (!kdcc_operation_read_back_matches (op, shown))
    g_error ("after `%s` the CLI shows %s", cli, shown);
}

/* Runs OP's CLI equivalent, word for word as a shell splits it. */
static void
run_cli_equivalent (KdccOperation *op)
{
  g_autofree char *cli = kdcc_operation_dup_cli_equivalent (op);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) words = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_assert_true (g_shell_parse_argv (cli, NULL, &words, &error));
  g_assert_cmpstr (words[0], ==, "ceph");
  g_ptr_array_add (argv, (char *) "ceph");
  g_ptr_array_add (argv, (char *) "-c");
  g_ptr_array_add (argv, private_cluster->conf);
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
 * Through a source */

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

static gboolean
apply (KdccSource     *source,
       KdccOperation  *op,
       GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  kdcc_source_apply_operation_async (source, op, NULL, ready_cb, &result);
  g_assert_true (kdcc_test_wait_until (is_set, &result, 120000));
  return kdcc_source_apply_operation_finish (source, result, error);
}

/* The source's read back, retried briefly while it does not match: the
 * Dashboard reads the OSD map from the mgr, a moment behind the mon. */
static char *
read_back (KdccSource    *source,
           KdccOperation *op)
{
  char *value = NULL;

  for (guint attempt = 0; attempt < 40; attempt++)
    {
      g_autoptr(GError) error = NULL;

      g_clear_pointer (&value, g_free);
      g_assert_true (kdcc_source_read_back_sync (source, op, &value, NULL, &error));
      g_assert_no_error (error);
      if (kdcc_operation_read_back_matches (op, value))
        break;
      g_usleep (250 * 1000);
    }
  return value;
}

/* Applies OP through SOURCE and checks it with the CLI and the source's
 * read back; undoes it with its inverse and checks that; then runs both
 * CLI equivalents with the real `ceph` and checks again. The cluster ends
 * as it began. */
static void
apply_check_undo (KdccSource    *source,
                  KdccOperation *op)
{
  g_autofree char *cli = kdcc_operation_dup_cli_equivalent (op);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *restored = NULL;
  g_autoptr(KdccOperation) undo = NULL;
  g_autoptr(GError) error = NULL;

  g_test_message ("%s", cli);
  before = cli_read (op);
  g_assert_false (kdcc_operation_read_back_matches (op, before));

  g_assert_true (apply (source, op, &error));
  g_assert_no_error (error);
  assert_cli_shows (op);
  after = read_back (source, op);
  g_assert_true (kdcc_operation_read_back_matches (op, after));

  undo = kdcc_operation_new_inverse (op, before);
  g_assert_nonnull (undo);
  g_assert_true (apply (source, undo, &error));
  g_assert_no_error (error);
  assert_cli_shows (undo);
  restored = read_back (source, undo);
  g_assert_true (kdcc_operation_read_back_matches (undo, restored));

  run_cli_equivalent (op);
  assert_cli_shows (op);
  run_cli_equivalent (undo);
  assert_cli_shows (undo);
}

static void
test_pool_settings (gconstpointer data)
{
  g_autoptr(KdccSource) source = source_new (data);
  const char *pool = private_cluster->pool;
  g_autoptr(KdccOperation) probe = kdcc_operation_new_pool_set (pool, "pg_autoscale_mode", "on");
  g_autofree char *mode = cli_read (probe);
  KdccOperation *ops[] = {
    kdcc_operation_new_pool_set (pool, "min_size", "3"),
    kdcc_operation_new_pool_set (pool, "size", "2"),
    kdcc_operation_new_pool_set (pool, "pg_autoscale_mode",
                                 g_strcmp0 (mode, "warn") == 0 ? "off" : "warn"),
    kdcc_operation_new_pool_set (pool, "target_size_ratio", "0.2"),
    kdcc_operation_new_pool_set (pool, "compression_mode", "aggressive"),
    kdcc_operation_new_pool_set (pool, "compression_algorithm", "zstd"),
    kdcc_operation_new_pool_set (pool, "scrub_min_interval", "3600"),
    kdcc_operation_new_pool_set (pool, "scrub_max_interval", "86400"),
    kdcc_operation_new_pool_set (pool, "deep_scrub_interval", "1209600"),
  };

  for (guint i = 0; i < G_N_ELEMENTS (ops); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (kdcc_operation_validate (ops[i], &error));
      apply_check_undo (source, ops[i]);
      g_object_unref (ops[i]);
    }
}

static void
test_quota (gconstpointer data)
{
  g_autoptr(KdccSource) source = source_new (data);
  g_autoptr(KdccOperation) bytes = kdcc_operation_new_pool_set_quota (private_cluster->pool,
                                                                      "max_bytes", "10G");
  g_autoptr(KdccOperation) objects = kdcc_operation_new_pool_set_quota (private_cluster->pool,
                                                                        "max_objects", "5000");
  g_autofree char *shown = NULL;

  apply_check_undo (source, bytes);
  apply_check_undo (source, objects);
  /* "10G" is binary to Ceph, as the read back assumes. */
  run_cli_equivalent (bytes);
  shown = cli_read (bytes);
  g_assert_cmpstr (shown, ==, "10737418240");
  {
    g_autoptr(KdccOperation) none = kdcc_operation_new_pool_set_quota (private_cluster->pool,
                                                                       "max_bytes", "0");

    run_cli_equivalent (none);
    assert_cli_shows (none);
  }
}

static void
test_application (gconstpointer data)
{
  g_autoptr(KdccSource) source = source_new (data);
  g_autoptr(KdccOperation) enable = kdcc_operation_new_pool_application (private_cluster->pool,
                                                                         APP, TRUE);
  g_autoptr(KdccOperation) disable = kdcc_operation_new_pool_application (private_cluster->pool,
                                                                          APP, FALSE);
  g_autoptr(KdccOperation) rados_app = kdcc_operation_new_pool_application (private_cluster->pool,
                                                                            "rados", TRUE);
  g_autoptr(GError) error = NULL;
  g_autofree char *own = cli_read (rados_app);

  /* The pool's own application is kept through all of it. */
  g_assert_cmpstr (own, ==, "enabled");
  apply_check_undo (source, enable);
  g_assert_true (apply (source, enable, &error));
  g_assert_no_error (error);
  apply_check_undo (source, disable);
  g_assert_true (apply (source, disable, &error));
  g_assert_no_error (error);
  {
    g_autofree char *app = cli_read (rados_app);

    g_assert_cmpstr (app, ==, "enabled");
  }
}

static void
test_osd (gconstpointer data)
{
  g_autoptr(KdccSource) source = source_new (data);
  g_autoptr(KdccOperation) out = kdcc_operation_new_osd_out (2);
  g_autoptr(KdccOperation) reweight = kdcc_operation_new_osd_reweight (2, 0.8);

  apply_check_undo (source, out);
  apply_check_undo (source, reweight);
}

/* osd.N's primary affinity as KIND's snapshot carries it into the model. */
static double
snapshot_affinity (const char *kind,
                   gint64      id)
{
  g_autoptr(KdccSource) source = source_new (kind);
  g_autoptr(GError) error = NULL;
  g_autoptr(KdccSnapshot) snap = kdcc_source_fetch_snapshot_sync (source, TRUE, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (snap->osds);
  for (guint i = 0; i < snap->osds->len; i++)
    {
      KdccOsdData *osd = g_ptr_array_index (snap->osds, i);

      if (osd->id == id)
        return osd->primary_affinity;
    }
  g_assert_not_reached ();
  return -1;
}

typedef struct
{
  const char *kind;
  double      expected;
} AffinityWait;

static gboolean
affinity_is (gpointer data)
{
  AffinityWait *w = data;

  return snapshot_affinity (w->kind, 1) == w->expected;
}

static void
test_primary_affinity (gconstpointer data)
{
  const char *kind = data;
  g_autoptr(KdccSource) source = source_new (kind);
  g_autoptr(KdccOperation) affinity = kdcc_operation_new_osd_primary_affinity (1, 0.5);

  if (g_str_equal (kind, "rados"))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KdccOperation) back = kdcc_operation_new_osd_primary_affinity (1, 1.0);
      AffinityWait rados = { "rados", 0.5 }, dashboard = { "dashboard", 0.5 };

      apply_check_undo (source, affinity);

      /* The value in force reaches the model through both transports (the
       * OSD page's control starts from it); the Dashboard's OSD map may
       * trail the mon's by a moment. */
      g_assert_cmpfloat (snapshot_affinity ("rados", 1), ==, 1.0);
      g_assert_true (apply (source, affinity, &error));
      g_assert_no_error (error);
      g_assert_true (kdcc_test_wait_until (affinity_is, &rados, 30000));
      g_assert_true (kdcc_test_wait_until (affinity_is, &dashboard, 30000));
      g_assert_true (apply (source, back, &error));
      g_assert_no_error (error);
      rados.expected = dashboard.expected = 1.0;
      g_assert_true (kdcc_test_wait_until (affinity_is, &rados, 30000));
      g_assert_true (kdcc_test_wait_until (affinity_is, &dashboard, 30000));
      return;
    }

  /* Pacific's Dashboard has no endpoint for it: refused, nothing sent,
   * but it reads the value back from its OSD map. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *shown = NULL;
    g_autofree char *value = NULL;

    g_assert_false (apply (source, affinity, &error));
    g_assert_error (error, KDCC_ERROR, KDCC_ERROR_NOT_SUPPORTED);
    shown = cli_read (affinity);
    g_assert_cmpstr (shown, ==, "1");
    g_clear_error (&error);
    g_assert_true (kdcc_source_read_back_sync (source, affinity, &value, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (value, ==, "1");
  }
}

/* ------------------------------------------------------------------------
 * Staged, applied as a job, audited, rolled back */

static gboolean
job_finished (gpointer data)
{
  return kdcc_job_is_finished (KDCC_JOB (data));
}

static void
wait_job (KdccJob *job)
{
  g_assert_true (kdcc_test_wait_until (job_finished, job, 180000));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_staged (void)
{
  g_autoptr(KdccSource) source = source_new ("rados");
  g_autoptr(KdccStaging) staging = kdcc_staging_new (private_cluster->fsid, NULL);
  g_autoptr(KdccAuditLog) audit = kdcc_audit_log_new (private_cluster->fsid, NULL);
  const char *pool = private_cluster->pool;
  KdccOperation *ops[] = {
    kdcc_operation_new_pool_set_quota (pool, "max_objects", "7000"),
    kdcc_operation_new_pool_application (pool, APP, TRUE),
    kdcc_operation_new_pool_set (pool, "compression_mode", "passive"),
    kdcc_operation_new_osd_primary_affinity (0, 0.25),
    kdcc_operation_new_osd_reweight (0, 0.9),
  };
  char *before[G_N_ELEMENTS (ops)];
  g_autoptr(KdccJob) job = NULL;
  g_autoptr(KdccJob) rollback = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *batch;
  guint n_audit;

  g_assert_true (kdcc_staging_load (staging, &error));
  g_assert_true (kdcc_staging_discard (staging, &error));
  g_assert_true (kdcc_audit_log_load (audit, &error));
  n_audit = g_list_model_get_n_items (G_LIST_MODEL (audit));

  for (guint i = 0; i < G_N_ELEMENTS (ops); i++)
    {
      g_autoptr(KdccStagedChange) change = NULL;
      const char *reason = kdcc_operation_get_risk (ops[i]) > KDCC_RISK_LOW
                           ? "test: a private cluster" : NULL;

      before[i] = cli_read (ops[i]);
      g_assert_true (kdcc_operation_check_target (ops[i], NULL, &error));
      change = kdcc_staging_add_sync (staging, source, ops[i], reason, NULL, &error);
      g_assert_no_error (error);
      /* The old value is what the CLI shows. */
      if (before[i] == NULL)
        g_assert_null (kdcc_staged_change_get_old_value (change));
      else
        g_assert_true (kdcc_staged_change_get_old_value (change) != NULL);
      g_assert_false (kdcc_staged_change_needs_restart (change));
    }

  /* The staging file keeps them for the app and kdcc-cli. */
  {
    g_autoptr(KdccStaging) reloaded = kdcc_staging_new (private_cluster->fsid, NULL);

    g_assert_true (kdcc_staging_load (reloaded, &error));
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (reloaded)), ==, G_N_ELEMENTS (ops));
  }

  job = kdcc_staging_apply (staging, source, private_cluster->fsid, NULL, 0,
                            KDCC_STAGING_APPLY_NONE, audit, "rados");
  wait_job (job);
  if (kdcc_job_get_state (job) != KDCC_JOB_STATE_SUCCEEDED)
    g_error ("apply failed: %s", kdcc_job_get_error (job)->message);
  batch = kdcc_staging_get_last_batch (staging);
  g_assert_cmpuint (g_list_model_get_n_items (batch), ==, G_N_ELEMENTS (ops));
  for (guint i = 0; i < G_N_ELEMENTS (ops); i++)
    {
      g_autoptr(KdccStagedChange) change = g_list_model_get_item (batch, i);

      g_assert_cmpint (kdcc_staged_change_get_state (change), ==, KDCC_STAGED_VERIFIED);
      g_assert_nonnull (kdcc_staged_change_get_inverse (change));
      assert_cli_shows (ops[i]);
    }
  /* One audit line per applied change, with its command and result. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (audit)), ==,
                    n_audit + G_N_ELEMENTS (ops));
  for (guint i = 0; i < G_N_ELEMENTS (ops); i++)
    {
      g_autoptr(KdccAuditEntry) entry = g_list_model_get_item (G_LIST_MODEL (audit), n_audit + i);
      g_autofree char *cli = kdcc_operation_dup_cli_equivalent (ops[i]);

      g_assert_cmpstr (kdcc_audit_entry_get_cli (entry), ==, cli);
      g_assert_cmpstr (kdcc_audit_entry_get_result (entry), ==, "verified");
    }

  rollback = kdcc_staging_rollback (staging, source, private_cluster->fsid, audit, "rados");
  wait_job (rollback);
  if (kdcc_job_get_state (rollback) != KDCC_JOB_STATE_SUCCEEDED)
    g_error ("rollback failed: %s", kdcc_job_get_error (rollback)->message);
  for (guint i = 0; i < G_N_ELEMENTS (ops); i++)
    {
      g_autofree char *now = cli_read (ops[i]);
      g_autoptr(KdccOperation) undo = kdcc_operation_new_inverse (ops[i], before[i]);

      /* Back to exactly what the CLI showed before. */
      g_assert_nonnull (undo);
      if (!kdcc_operation_read_back_matches (undo, now))
        g_error ("%s: %s before, %s after the rollback", kdcc_operation_get_target (ops[i]),
                 before[i], now);
      g_free (before[i]);
      g_object_unref (ops[i]);
    }
}

/* ------------------------------------------------------------------------
 * kdcc-cli stage add */

typedef struct
{
  int   status;
  char *out;
  char *err;
} Cli;

static Cli
run_kdcc_cli (const char * const *args)
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
  g_ptr_array_add (argv, private_cluster->conf);
  g_ptr_array_add (argv, (gpointer) "--keyring");
  g_ptr_array_add (argv, private_cluster->keyring);
  g_ptr_array_add (argv, NULL);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data_home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", data_home, TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &cli.out, &cli.err, &error);
  g_assert_no_error (error);
  cli.status = g_subprocess_get_exit_status (process);
  g_test_message ("kdcc-cli %s %s %s -> %d; out: %s; err: %s", args[0], args[1],
                  args[2] ? args[2] : "", cli.status, cli.out, cli.err);
  return cli;
}

#define kdcc_cli(...) run_kdcc_cli ((const char * const []) { __VA_ARGS__, NULL })

static void
cli_clear (Cli *cli)
{
  g_free (cli->out);
  g_free (cli->err);
}

static void
test_cli_stage_add (void)
{
  const char *pool = private_cluster->pool;
  g_autoptr(KdccOperation) quota = kdcc_operation_new_pool_set_quota (pool, "max_bytes", "1G");
  g_autoptr(KdccOperation) interval = kdcc_operation_new_pool_set (pool, "deep_scrub_interval",
                                                                   "604800");
  g_autoptr(KdccOperation) affinity = kdcc_operation_new_osd_primary_affinity (2, 0.5);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  const char *expected[] = {
    "ceph osd pool set-quota kdcc-test max_bytes 1G",
    "ceph osd pool set kdcc-test deep_scrub_interval 604800",
    "ceph osd primary-affinity osd.2 0.5",
    "ceph osd set noout",
  };
  const char *bad[][8] = {
    { "stage", "add", "pool", "set", pool, "size", "0", NULL },                 /* range */
    { "stage", "add", "pool", "set", "kdcc-no-such-pool", "size", "3", NULL },  /* no pool */
    { "stage", "add", "osd", "primary-affinity", "2", "1.5", NULL },            /* range */
    { "stage", "add", "osd", "out", "99", NULL },                                /* no OSD */
    { "stage", "add", "osd", "out", "2", NULL },                     /* risky, no --confirm */
    { "stage", "add", "flag", "set", "nosuchflag", NULL },
    { "stage", "add", "pool", "set-quota", pool, "max_bytes", NULL },           /* words */
  };
  JsonArray *list;
  Cli cli;

  g_assert_cmpstr (pool, ==, "kdcc-test");
  cli = kdcc_cli ("stage", "add", "pool", "set-quota", pool, "max_bytes", "1G");
  g_assert_cmpint (cli.status, ==, 0);
  cli_clear (&cli);
  cli = kdcc_cli ("stage", "add", "pool", "set", pool, "deep_scrub_interval", "604800");
  g_assert_cmpint (cli.status, ==, 0);
  cli_clear (&cli);
  cli = kdcc_cli ("stage", "add", "osd", "primary-affinity", "osd.2", "0.5");
  g_assert_cmpint (cli.status, ==, 0);
  cli_clear (&cli);
  cli = kdcc_cli ("stage", "add", "flag", "set", "noout", "--confirm", "test: maintenance");
  g_assert_cmpint (cli.status, ==, 0);
  cli_clear (&cli);

  /* Bad input: one line, status 2 or 1, nothing staged. */
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      cli = run_kdcc_cli (bad[i]);
      g_assert_cmpint (cli.status, !=, 0);
      g_assert_cmpstr (cli.out, ==, "");
      g_assert_nonnull (strstr (cli.err, "kdcc-cli"));
      cli_clear (&cli);
    }

  cli = kdcc_cli ("stage", "list", "--json");
  g_assert_cmpint (cli.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, cli.out, -1, &error));
  list = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (list), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (list, i), "cli"),
                     ==, expected[i]);
  cli_clear (&cli);

  cli = kdcc_cli ("stage", "apply");
  g_assert_cmpint (cli.status, ==, 0);
  cli_clear (&cli);
  assert_cli_shows (quota);
  assert_cli_shows (interval);
  assert_cli_shows (affinity);
  {
    g_autoptr(JsonNode) dump = kdcc_test_ceph_json (private_cluster, "osd", "dump", NULL);
    const char *flags = json_object_get_string_member (json_node_get_object (dump), "flags");

    g_assert_nonnull (strstr (flags, "noout"));
  }

  cli = kdcc_cli ("stage", "rollback");
  g_assert_cmpint (cli.status, ==, 0);
  cli_clear (&cli);
  {
    g_autofree char *bytes = cli_read (quota);
    g_autofree char *deep = cli_read (interval);
    g_autofree char *weight = cli_read (affinity);
    g_autoptr(JsonNode) dump = kdcc_test_ceph_json (private_cluster, "osd", "dump", NULL);
    const char *flags = json_object_get_string_member (json_node_get_object (dump), "flags");

    g_assert_cmpstr (bytes, ==, "0");
    g_assert_null (deep);
    g_assert_cmpstr (weight, ==, "1");
    g_assert_null (strstr (flags, "noout"));
  }
}

/* The staging and audit files' home, with its kdcc/ subfolders. */
static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  const char *kinds[] = { "rados", "dashboard" };
  int status;

  kdcc_test_ignore_glib_quark_arrays ();
  data_home = g_dir_make_tmp ("kdcc-pool-osd-live-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", data_home, TRUE);
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      struct { const char *name; GTestDataFunc func; } tests[] = {
        { "pool-settings", test_pool_settings },
        { "quota", test_quota },
        { "application", test_application },
        { "osd", test_osd },
        { "primary-affinity", test_primary_affinity },
      };

      for (guint j = 0; j < G_N_ELEMENTS (tests); j++)
        {
          g_autofree char *path = g_strdup_printf ("/pool-osd/%s/%s", kinds[i], tests[j].name);

          g_test_add_data_func (path, kinds[i], tests[j].func);
        }
    }
  /* Under a group of their own: meson runs each group as a test of its
   * own with one -p (GLib 2.74 prints a TAP plan per -p). */
  g_test_add_func ("/pool-osd/staging/staged", test_staged);
  g_test_add_func ("/pool-osd/staging/cli-stage-add", test_cli_stage_add);

  /* One private cluster for all: these change size, in/out and weights,
   * which the shared cluster's other tests rely on. */
  private_cluster = kdcc_test_cluster_start_private ();
  /* The pg_autoscaler off for the test pool: the size and
   * target_size_ratio changes below would make it resize the pool a
   * minute later, and while its PG count moves the Dashboard holds every
   * pool edit as a task until pg_num and pgp_num agree (minutes under
   * load: a fresh-clone run's dashboard phase timed out after 120 s on
   * one). The pg_autoscale_mode test then goes off -> warn -> off. */
  g_free (kdcc_test_ceph_text (private_cluster, "osd", "pool", "set", private_cluster->pool,
                               "pg_autoscale_mode", "off", NULL));
  status = g_test_run ();
  kdcc_test_cluster_free (private_cluster);
  remove_tree (data_home);
  g_free (data_home);
  return kdcc_test_exit (status);
}
