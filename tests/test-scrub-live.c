/* test-scrub-live.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The scrub planner against a private real cluster (it changes scrub
 * settings, so never the shared one): "deep-scrub now" (kdcc-cli and the
 * job) advances the PGs' last_deep_scrub_stamp and is audited; then a small
 * osd_deep_scrub_interval at global scope makes the mgr raise
 * PG_NOT_DEEP_SCRUBBED, and KDCC's count (in process and through
 * `kdcc-cli scrub status --json`) equals the health check's count exactly.
 *
 * The OSDs must not deep-scrub on their own meanwhile, so the OSDs get a
 * huge interval under "osd" (the OSDs read it, the mgr does not: the very
 * situation the planner warns about). The interval the mgr sees is chosen
 * so that its cutoff falls in the middle of the gap between the untouched
 * PGs' stamps (the cluster's start) and the fresh ones, which leaves tens
 * of seconds in which both counts are stable.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "kdcc-audit-log.h"
#include "kdcc-config-catalog.h"
#include "kdcc-error.h"
#include "kdcc-operation-runner.h"
#include "kdcc-pool.h"
#include "kdcc-rados-source.h"
#include "kdcc-scrub-job.h"
#include "kdcc-scrub-planner.h"
#include "kdcc-test-util.h"

/* Seconds between the untouched PGs' stamps and the fresh ones. */
#define GAP_S 150

static double
parse_stamp (const char *text)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (text, NULL);

  g_assert_nonnull (when);
  return g_date_time_to_unix (when) + g_date_time_get_microsecond (when) / 1e6;
}

static double
now_s (void)
{
  return g_get_real_time () / (double) G_USEC_PER_SEC;
}

/* pgid -> last_deep_scrub_stamp (unix s), as the real `ceph` reads them. */
static GHashTable *
read_deep_stamps (KdccTestCluster *cluster)
{
  g_autoptr(JsonNode) root = kdcc_test_ceph_json (cluster, "pg", "ls", NULL);
  JsonArray *pgs = json_object_get_array_member (json_node_get_object (root), "pg_stats");
  GHashTable *stamps = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < json_array_get_length (pgs); i++)
    {
      JsonObject *pg = json_array_get_object_element (pgs, i);
      double *stamp = g_new (double, 1);

      *stamp = parse_stamp (json_object_get_string_member (pg, "last_deep_scrub_stamp"));
      g_hash_table_insert (stamps, g_strdup (json_object_get_string_member (pg, "pgid")), stamp);
    }
  return stamps;
}

/* One private cluster for the whole file: the subtests deep-scrub PGs and
 * change scrub settings, which tests comparing the shared cluster's PG
 * states with `ceph` would trip over. */
static KdccTestCluster *private_cluster;

static KdccTestCluster *
get_private (void)
{
  if (private_cluster == NULL)
    private_cluster = kdcc_test_cluster_start_private ();
  return private_cluster;
}

static void
apply (KdccOperationRunner *runner,
       KdccOperation       *operation)
{
  g_autoptr(KdccOperation) op = operation;
  g_autoptr(KdccOperationResult) result = kdcc_operation_runner_run_sync (runner, op, NULL);

  g_assert_no_error (kdcc_operation_result_get_error (result));
  g_assert_cmpint (kdcc_operation_result_get_outcome (result), ==,
                   KDCC_OPERATION_OUTCOME_VERIFIED);
}

typedef struct
{
  KdccTestCluster *cluster;
  GHashTable      *before;
  GPtrArray       *pgids;
} Advance;

static gboolean
all_advanced (gpointer data)
{
  Advance *a = data;
  g_autoptr(GHashTable) now = read_deep_stamps (a->cluster);

  for (guint i = 0; i < a->pgids->len; i++)
    {
      const char *pgid = g_ptr_array_index (a->pgids, i);
      double *before = g_hash_table_lookup (a->before, pgid);
      double *after = g_hash_table_lookup (now, pgid);

      if (after == NULL || before == NULL || *after <= *before)
        return FALSE;
    }
  return TRUE;
}

static gint64
health_count (KdccTestCluster *cluster,
              const char      *code)
{
  g_autoptr(JsonNode) root = kdcc_test_ceph_json (cluster, "health", "detail", NULL);
  JsonObject *checks = json_object_get_object_member (json_node_get_object (root), "checks");
  JsonObject *check;

  if (!json_object_has_member (checks, code))
    return 0;
  check = json_object_get_object_member (checks, code);
  return json_object_get_int_member (json_object_get_object_member (check, "summary"), "count");
}

static gboolean
deep_check_raised (gpointer data)
{
  return health_count (data, "PG_NOT_DEEP_SCRUBBED") > 0;
}

static gboolean
job_finished (gpointer data)
{
  return kdcc_job_is_finished (data);
}

static char *
run_cli (const char * const *args,
         int                *status)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;

  g_ptr_array_add (argv, (gpointer) g_getenv ("KDCC_CLI"));
  g_assert_nonnull (argv->pdata[0]);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  *status = g_subprocess_get_exit_status (process);
  g_test_message ("kdcc-cli %s %s -> %d; stderr: %s", args[0], args[1], *status, err);
  return out;
}

static KdccScrubReport *
kdcc_report (KdccSource        *source,
             KdccScrubInputs  **out_inputs)
{
  g_autoptr(KdccCluster) model = kdcc_cluster_new ("private");
  g_autoptr(KdccConfigCatalog) catalog = kdcc_config_catalog_new ();
  g_autoptr(KdccScrubInputs) inputs = kdcc_scrub_inputs_new ();
  g_autoptr(GError) error = NULL;
  KdccScrubReport *report;

  g_assert_true (kdcc_config_catalog_load_sync (catalog, source, NULL, &error));
  g_assert_no_error (error);
  kdcc_scrub_settings_load_catalog (inputs->settings, catalog);
  g_assert_true (kdcc_scrub_fetch_pgs_sync (source, model, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (kdcc_scrub_inputs_fill_from_cluster (inputs, model));
  kdcc_cluster_release_pg_list (model);
  g_assert_true (kdcc_scrub_inputs_load_flags_sync (inputs, source, NULL, &error));
  g_assert_no_error (error);
  report = kdcc_scrub_report_new (inputs);
  *out_inputs = g_steal_pointer (&inputs);
  return report;
}

static void
test_deep_scrub_and_overdue (void)
{
  KdccTestCluster *cluster = get_private ();
  g_autoptr(KdccSource) source = KDCC_SOURCE (kdcc_rados_source_new (cluster->conf,
                                                                     cluster->keyring,
                                                                     cluster->client_id));
  g_autoptr(KdccOperationRunner) runner = kdcc_operation_runner_new (source);
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(GPtrArray) fresh = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) job_pgids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(KdccJob) job = NULL;
  g_autoptr(KdccAuditLog) audit = kdcc_audit_log_new (cluster->fsid, NULL);
  g_autoptr(KdccScrubInputs) inputs = NULL;
  g_autoptr(KdccScrubReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *out = NULL;
  g_autofree char *interval = NULL;
  const KdccScrubPoolStatus *test_pool;
  const KdccScrubPoolStatus *health_pool;
  GHashTableIter iter;
  gpointer key, value;
  double untouched_max = 0, fresh_min = G_MAXDOUBLE, warn_age;
  gint64 pool_id = -1, count, audited = 0;
  guint audit_before;
  Advance advance;
  int status;
  const char *cli_args[] = { "scrub", "deep-scrub", "--pool", cluster->pool, "--all",
                             "--max", "2", "--spacing", "0.5", "--conf", cluster->conf,
                             "--keyring", cluster->keyring, "--id", cluster->client_id, NULL };
  const char *status_args[] = { "scrub", "status", "--json", "--conf", cluster->conf,
                                "--keyring", cluster->keyring, "--id", cluster->client_id, NULL };

  /* The OSDs keep to themselves; device_health_metrics gets a long pool
   * interval of its own, which the mgr honours over the global one. */
  g_assert_true (kdcc_audit_log_load (audit, &error));
  g_assert_no_error (error);
  audit_before = g_list_model_get_n_items (G_LIST_MODEL (audit));
  apply (runner, kdcc_operation_new_config_set ("osd", "osd_deep_scrub_interval", "10000000"));
  apply (runner, kdcc_operation_new_pool_set ("device_health_metrics", "deep_scrub_interval",
                                              "1000000"));

  /* Let the cluster's own stamps age GAP_S seconds first. */
  before = read_deep_stamps (cluster);
  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &key, &value))
    untouched_max = MAX (untouched_max, *(double *) value);
  while (now_s () < untouched_max + GAP_S)
    g_usleep (G_USEC_PER_SEC);

  /* Deep-scrub now: two PGs through kdcc-cli (the oldest), two through the
   * job the planner page starts. */
  out = run_cli (cli_args, &status);
  g_assert_cmpint (status, ==, 0);
  {
    g_auto(GStrv) lines = g_strsplit (out, "\n", -1);

    for (guint i = 0; lines[i] != NULL; i++)
      if (g_str_has_prefix (lines[i], "ceph pg deep-scrub "))
        g_ptr_array_add (fresh, g_strdup (lines[i] + strlen ("ceph pg deep-scrub ")));
  }
  g_assert_cmpuint (fresh->len, ==, 2);
  pool_id = g_ascii_strtoll (g_ptr_array_index (fresh, 0), NULL, 10);
  for (guint seed = 0x10; job_pgids->len < 2; seed++)
    {
      g_autofree char *pgid = g_strdup_printf ("%" G_GINT64_FORMAT ".%x", pool_id, seed);

      if (!g_ptr_array_find_with_equal_func (fresh, pgid, g_str_equal, NULL))
        g_ptr_array_add (job_pgids, g_steal_pointer (&pgid));
    }
  job = kdcc_scrub_deep_scrub_job_new (source, audit, "rados", "deep-scrub", job_pgids, 0.5);
  g_assert_true (kdcc_test_wait_until (job_finished, job, 60000));
  g_assert_cmpint (kdcc_job_get_state (job), ==, KDCC_JOB_STATE_SUCCEEDED);
  g_assert_cmpfloat (kdcc_job_get_fraction (job), ==, 1.0);
  for (guint i = 0; i < job_pgids->len; i++)
    g_ptr_array_add (fresh, g_strdup (g_ptr_array_index (job_pgids, i)));

  advance = (Advance) { cluster, before, fresh };
  g_assert_true (kdcc_test_wait_until (all_advanced, &advance, 240000));

  /* Every request is in the audit log, with its CLI equivalent (after
   * what the cancel subtest left there on the same cluster). */
  g_assert_true (kdcc_audit_log_load (audit, &error));
  g_assert_no_error (error);
  for (guint i = audit_before; i < g_list_model_get_n_items (G_LIST_MODEL (audit)); i++)
    {
      g_autoptr(KdccAuditEntry) entry = g_list_model_get_item (G_LIST_MODEL (audit), i);

      if (g_str_has_prefix (kdcc_audit_entry_get_cli (entry), "ceph pg deep-scrub "))
        {
          audited++;
          g_assert_cmpstr (kdcc_audit_entry_get_result (entry), ==, "unverified");
        }
    }
  g_assert_cmpint (audited, ==, 4);

  /* The cutoff goes in the middle of the gap. */
  after = read_deep_stamps (cluster);
  untouched_max = 0;
  g_hash_table_iter_init (&iter, after);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_ptr_array_find_with_equal_func (fresh, key, g_str_equal, NULL))
      fresh_min = MIN (fresh_min, *(double *) value);
    else
      untouched_max = MAX (untouched_max, *(double *) value);
  g_assert_cmpfloat (fresh_min - untouched_max, >=, GAP_S - 5);
  warn_age = floor (now_s () - (untouched_max + fresh_min) / 2);
  interval = g_strdup_printf ("%.0f", warn_age / 2);
  apply (runner, kdcc_operation_new_config_set ("global", "mon_warn_pg_not_deep_scrubbed_ratio",
                                                "1"));
  apply (runner, kdcc_operation_new_config_set ("global", "osd_deep_scrub_interval", interval));
  g_assert_true (kdcc_test_wait_until (deep_check_raised, cluster, 60000));

  report = kdcc_report (source, &inputs);
  count = health_count (cluster, "PG_NOT_DEEP_SCRUBBED");
  /* Still inside the stable span: otherwise the machine was too slow for
   * the comparison to mean anything. */
  g_assert_cmpfloat (now_s (), <, fresh_min + 2 * atof (interval) - 5);

  test_pool = kdcc_scrub_report_find_pool (report, cluster->pool);
  health_pool = kdcc_scrub_report_find_pool (report, "device_health_metrics");
  g_assert_nonnull (test_pool);
  g_assert_nonnull (health_pool);
  g_assert_cmpint (report->overdue_deep, ==, count);
  g_assert_cmpint (test_pool->overdue_deep, ==, test_pool->n_pgs - 4);
  g_assert_cmpuint (health_pool->overdue_deep, ==, 0);
  g_assert_cmpint (health_pool->deep_interval_origin, ==, KDCC_SCRUB_ORIGIN_POOL);
  g_assert_cmpint (report->overdue_scrub, ==, health_count (cluster, "PG_NOT_SCRUBBED"));
  g_assert_cmpint (test_pool->reason, ==, KDCC_SCRUB_FORECAST_OVERDUE_NOW);
  /* Where the values come from: the OSDs' under osd, the mgr's global. */
  g_assert_cmpint (inputs->settings->options[KDCC_SCRUB_OPT_DEEP_INTERVAL].origin, ==,
                   KDCC_SCRUB_ORIGIN_SECTION);
  g_assert_cmpint (inputs->settings->options[KDCC_SCRUB_OPT_DEEP_INTERVAL].mgr_origin, ==,
                   KDCC_SCRUB_ORIGIN_GLOBAL);
  g_assert_cmpfloat (inputs->settings->options[KDCC_SCRUB_OPT_DEEP_INTERVAL].mgr_value, ==,
                     atof (interval));
  g_assert_cmpuint (report->warnings->len, >=, 1);

  /* The same through kdcc-cli. */
  g_clear_pointer (&out, g_free);
  out = run_cli (status_args, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (json_parser_get_root (parser)),
                                               "not_deep_scrubbed"), ==,
                   health_count (cluster, "PG_NOT_DEEP_SCRUBBED"));
  g_assert_cmpfloat (now_s (), <, fresh_min + 2 * atof (interval) - 1);
}

typedef struct
{
  KdccJob *job;
  guint    cancels;
} CancelAfterFirst;

/* Cancels as soon as the job says the first request is done; the pause
 * before the second is long enough (10 minutes) that the cancel, not the
 * clock, decides what is asked for. */
static void
status_cb (KdccJob          *job,
           GParamSpec       *pspec,
           CancelAfterFirst *state)
{
  const char *status = kdcc_job_get_status (job);

  if (status != NULL && g_str_has_prefix (status, "Asked for 1 of 3") && state->cancels++ == 0)
    kdcc_job_cancel (job);
}

static void
test_deep_scrub_cancel (void)
{
  KdccTestCluster *cluster = get_private ();
  g_autoptr(KdccSource) source = KDCC_SOURCE (kdcc_rados_source_new (cluster->conf,
                                                                     cluster->keyring,
                                                                     cluster->client_id));
  g_autoptr(KdccAuditLog) audit = kdcc_audit_log_new (cluster->fsid, NULL);
  g_autoptr(GPtrArray) pgids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(KdccJob) job = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) pgs = kdcc_test_ceph_json (cluster, "pg", "ls", NULL);
  JsonArray *stats = json_object_get_array_member (json_node_get_object (pgs), "pg_stats");
  CancelAfterFirst state = { 0 };
  guint before = 0, after = 0;
  Advance first = { cluster, read_deep_stamps (cluster), NULL };

  g_assert_cmpuint (json_array_get_length (stats), >=, 3);
  for (guint i = 0; i < 3; i++)
    g_ptr_array_add (pgids, g_strdup (json_object_get_string_member (
      json_array_get_object_element (stats, i), "pgid")));
  g_assert_true (kdcc_audit_log_load (audit, &error));
  before = g_list_model_get_n_items (G_LIST_MODEL (audit));

  job = kdcc_scrub_deep_scrub_job_new (source, audit, "rados", "deep-scrub", pgids, 600);
  state.job = job;
  g_signal_connect (job, "notify::status", G_CALLBACK (status_cb), &state);
  g_assert_true (kdcc_test_wait_until (job_finished, job, 120000));
  g_signal_handlers_disconnect_by_data (job, &state);
  g_assert_cmpuint (state.cancels, ==, 1);
  g_assert_cmpint (kdcc_job_get_state (job), ==, KDCC_JOB_STATE_CANCELLED);
  g_assert_true (g_error_matches (kdcc_job_get_error (job), G_IO_ERROR, G_IO_ERROR_CANCELLED));

  /* Only the first PG was asked for, and only it is audited. */
  g_assert_true (kdcc_audit_log_load (audit, &error));
  after = g_list_model_get_n_items (G_LIST_MODEL (audit));
  g_assert_cmpuint (after, ==, before + 1);
  {
    g_autoptr(KdccAuditEntry) entry = g_list_model_get_item (G_LIST_MODEL (audit), after - 1);
    g_autofree char *expected = g_strdup_printf ("ceph pg deep-scrub %s",
                                                 (char *) g_ptr_array_index (pgids, 0));

    g_assert_cmpstr (kdcc_audit_entry_get_cli (entry), ==, expected);
  }

  /* The one request took effect; waiting for it also keeps its scrub out
   * of the next subtest's measurements. */
  first.pgids = g_ptr_array_new ();
  g_ptr_array_add (first.pgids, g_ptr_array_index (pgids, 0));
  g_assert_true (kdcc_test_wait_until (all_advanced, &first, 120000));
  g_ptr_array_unref (first.pgids);
  g_hash_table_unref (first.before);
}

/* The audit log lives two folders down (kdcc/audit/FSID.jsonl). */
static void
remove_recursive (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        g_ptr_array_add (names, g_build_filename (path, name, NULL));
      for (guint i = 0; i < names->len; i++)
        remove_recursive (g_ptr_array_index (names, i));
      g_assert_cmpint (g_rmdir (path), ==, 0);
    }
  else
    g_assert_cmpint (g_unlink (path), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = g_dir_make_tmp ("kdcc-scrub-live-XXXXXX", NULL);
  int status;

  /* The audit log goes to a private folder the CLI shares. */
  g_assert_nonnull (data_home);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/scrub-live/deep-scrub-cancel", test_deep_scrub_cancel);
  g_test_add_func ("/scrub-live/deep-scrub-and-overdue", test_deep_scrub_and_overdue);

  status = g_test_run ();
  g_clear_pointer (&private_cluster, kdcc_test_cluster_free);
  remove_recursive (data_home);
  return kdcc_test_exit (status);
}
