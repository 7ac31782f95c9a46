/* test-upgrade-preflight-live.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Issue 15's preflight and plan against a real private Pacific cluster
 * through `kdcc-cli upgrade`: the preflight passes on the settled cluster
 * (its standing warnings accepted one by one); with `noout` set the health
 * check fails naming OSDMAP_FLAGS; with osd.0 stopped "all OSDs up and in"
 * fails naming it; restarted and unset, it passes again. `plan --to squid`
 * is refused with the reason; `plan --to reef` lists mon.a, mgr.x, the
 * OSDs, then `ceph osd require-osd-release reef`.
 *
 * Headroom to lose one failure domain: the test cluster's rule spreads
 * copies over OSDs (osd_crush_chooseleaf_type 0), so with pools of size 3
 * on three OSDs there is nowhere to recover to (a warning naming noout);
 * with every pool at size 2 it passes below nearfull; a nearfull ratio
 * below what the OSDs left would hold makes it fail with the numbers; the
 * ratio put back, it passes again.
 */
#define G_LOG_DOMAIN "kdcc-test"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "kdcc-test-util.h"

/* Ceph settles in seconds here; under the load of parallel tests a PG
 * peering round or a mon tick can take much longer. */
#define SETTLE_MS 180000

static char *config_home;

typedef struct
{
  int   status;
  char *out;
  char *err;
} CliResult;

static void
cli_result_free (CliResult *result)
{
  g_free (result->out);
  g_free (result->err);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CliResult, cli_result_free)

static CliResult *
run_cli (KdccTestCluster    *cluster,
         const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("KDCC_CLI");
  CliResult *result = g_new0 (CliResult, 1);

  if (cli == NULL)
    g_error ("KDCC_CLI is not set; run the tests through meson");

  g_ptr_array_add (argv, (gpointer) cli);
  g_ptr_array_add (argv, (gpointer) "upgrade");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, (gpointer) "--conf");
  g_ptr_array_add (argv, cluster->conf);
  g_ptr_array_add (argv, (gpointer) "--keyring");
  g_ptr_array_add (argv, cluster->keyring);
  g_ptr_array_add (argv, (gpointer) "--id");
  g_ptr_array_add (argv, cluster->client_id);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config_home, TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &result->out, &result->err, &error);
  g_assert_no_error (error);
  result->status = g_subprocess_get_exit_status (process);
  g_test_message ("kdcc-cli upgrade %s -> %d; stdout:\n%s\nstderr: %s", args[0],
                  result->status, result->out, result->err);
  return result;
}

/* What Ceph itself says, polled until the condition holds. */
typedef struct
{
  KdccTestCluster *cluster;
  const char      *check;      /* a health check code that must be there, or NULL */
  const char      *absent;     /* one that must be gone, or NULL */
  gboolean         clean;      /* all PGs active+clean */
  gint64           osds_up;    /* -1: any */
} Settled;

/* PGs active+clean in a `ceph status` pgmap. */
static gint64
active_clean (JsonObject *pgmap)
{
  JsonArray *states = json_object_get_array_member (pgmap, "pgs_by_state");

  for (guint i = 0; i < json_array_get_length (states); i++)
    {
      JsonObject *st = json_array_get_object_element (states, i);

      if (g_str_equal (json_object_get_string_member (st, "state_name"), "active+clean"))
        return json_object_get_int_member (st, "count");
    }
  return 0;
}

static gboolean
settled_cb (gpointer data)
{
  Settled *s = data;
  g_autoptr(JsonNode) status = kdcc_test_ceph_json (s->cluster, "status", NULL);
  JsonObject *root = json_node_get_object (status);
  JsonObject *checks = json_object_get_object_member (json_object_get_object_member (root, "health"),
                                                      "checks");
  JsonObject *pgmap = json_object_get_object_member (root, "pgmap");
  JsonObject *osdmap = json_object_get_object_member (root, "osdmap");
  gint64 clean = active_clean (pgmap);

  /* Pacific nests the counts one level deeper in some builds. */
  if (json_object_has_member (osdmap, "osdmap"))
    osdmap = json_object_get_object_member (osdmap, "osdmap");
  if (s->check != NULL && !json_object_has_member (checks, s->check))
    return FALSE;
  if (s->absent != NULL && json_object_has_member (checks, s->absent))
    return FALSE;
  if (s->clean && clean != json_object_get_int_member (pgmap, "num_pgs"))
    return FALSE;
  if (s->osds_up >= 0 && json_object_get_int_member (osdmap, "num_up_osds") != s->osds_up)
    return FALSE;
  return TRUE;
}

static void
wait_settled (KdccTestCluster *cluster,
              const char      *check,
              const char      *absent,
              gboolean         clean,
              gint64           osds_up)
{
  Settled s = { cluster, check, absent, clean, osds_up };

  if (!kdcc_test_wait_until (settled_cb, &s, SETTLE_MS))
    g_error ("The cluster did not settle (check %s, absent %s, clean %d, up %" G_GINT64_FORMAT ")",
             check, absent, clean, osds_up);
}

/* The standing warnings of the settled cluster, accepted one by one. */
static GPtrArray *
accept_args (KdccTestCluster *cluster)
{
  g_autoptr(JsonNode) health = kdcc_test_ceph_json (cluster, "health", NULL);
  JsonObject *checks = json_object_get_object_member (json_node_get_object (health), "checks");
  g_autoptr(GList) codes = json_object_get_members (checks);
  GPtrArray *args = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (args, g_strdup ("preflight"));
  g_ptr_array_add (args, g_strdup ("--json"));
  for (GList *l = codes; l != NULL; l = l->next)
    {
      /* These are the faults the test makes; they must never be accepted. */
      g_assert_cmpstr (l->data, !=, "OSDMAP_FLAGS");
      g_assert_cmpstr (l->data, !=, "OSD_DOWN");
      g_ptr_array_add (args, g_strdup_printf ("--accept-warning=%s", (char *) l->data));
    }
  g_ptr_array_add (args, NULL);
  return args;
}

typedef struct
{
  KdccTestCluster *cluster;
  GPtrArray       *args;
  char            *extra;   /* the last unaccepted codes seen */
} OnlyAccepted;

/* Ceph raises no health check beyond those ARGS accept, and every PG is
 * active+clean. */
static gboolean
only_accepted_cb (gpointer data)
{
  OnlyAccepted *o = data;
  g_autoptr(JsonNode) status = kdcc_test_ceph_json (o->cluster, "status", NULL);
  JsonObject *root = json_node_get_object (status);
  JsonObject *checks = json_object_get_object_member (json_object_get_object_member (root, "health"),
                                                      "checks");
  JsonObject *pgmap = json_object_get_object_member (root, "pgmap");
  g_autoptr(GList) codes = json_object_get_members (checks);
  g_autoptr(GString) extra = g_string_new (NULL);
  gint64 clean = active_clean (pgmap);

  if (clean != json_object_get_int_member (pgmap, "num_pgs"))
    g_string_append_printf (extra, " (%" G_GINT64_FORMAT " of %" G_GINT64_FORMAT " PGs active+clean)",
                            clean, json_object_get_int_member (pgmap, "num_pgs"));

  for (GList *l = codes; l != NULL; l = l->next)
    {
      g_autofree char *arg = g_strdup_printf ("--accept-warning=%s", (char *) l->data);
      gboolean accepted = FALSE;

      for (guint i = 0; i < o->args->len && o->args->pdata[i] != NULL; i++)
        accepted = accepted || g_str_equal (o->args->pdata[i], arg);
      if (!accepted)
        g_string_append_printf (extra, " %s", (char *) l->data);
    }
  g_free (o->extra);
  o->extra = g_strdup (extra->str);
  if (extra->len > 0)
    g_usleep (G_USEC_PER_SEC);
  return extra->len == 0;
}

/* Runs the preflight and checks its exit status, then the check ID: its
 * result (NULL: anything but fail) and a part of its reason. A preflight
 * that must pass runs once Ceph raises only the accepted warnings and
 * every PG is active+clean: the test cluster moves on its own (passing
 * warnings on a loaded machine, one of two concurrent runs; a PG not
 * active+clean a while after the pool sizes changed, in a run alone),
 * and the preflight rightly refuses both. */
static void
preflight (KdccTestCluster *cluster,
           GPtrArray       *args,
           gboolean         expect_pass,
           const char      *id,
           const char      *result,
           const char      *reason_part)
{
  g_autoptr(CliResult) r = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *checks;
  gboolean found = FALSE;

  if (expect_pass)
    {
      OnlyAccepted o = { cluster, args, NULL };

      if (!kdcc_test_wait_until (only_accepted_cb, &o, SETTLE_MS))
        g_error ("The cluster did not settle: health checks the test does not accept, or PGs not "
                 "active+clean:%s", o.extra);
      g_free (o.extra);
    }
  r = run_cli (cluster, (const char * const *) args->pdata);
  if (r->status != (expect_pass ? 0 : 1))
    g_error ("kdcc-cli preflight exited with %d, not %d (checking %s)\nstdout: %s\nstderr: %s",
             r->status, expect_pass ? 0 : 1, id, r->out, r->err);
  json_parser_load_from_data (parser, r->out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_boolean_member (root, "passed"), ==, expect_pass);
  checks = json_object_get_array_member (root, "checks");
  g_assert_cmpuint (json_array_get_length (checks), ==, 9);
  for (guint i = 0; i < json_array_get_length (checks); i++)
    {
      JsonObject *c = json_array_get_object_element (checks, i);
      const char *reason = json_object_get_string_member (c, "reason");

      if (!g_str_equal (json_object_get_string_member (c, "id"), id))
        continue;
      found = TRUE;
      if (result != NULL)
        g_assert_cmpstr (json_object_get_string_member (c, "result"), ==, result);
      else
        g_assert_cmpstr (json_object_get_string_member (c, "result"), !=, "fail");
      if (reason_part != NULL && strstr (reason, reason_part) == NULL)
        g_error ("%s: “%s” does not say “%s”", id, reason, reason_part);
    }
  g_assert_true (found);
}

static void
test_preflight_and_plan (void)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_start_private ();
  g_autoptr(GPtrArray) args = NULL;
  g_autofree char *out = NULL;

  g_assert_cmpstr (cluster->release, ==, "pacific");
  wait_settled (cluster, NULL, NULL, TRUE, 3);
  args = accept_args (cluster);

  preflight (cluster, args, TRUE, "osds", "pass", "3 OSDs up and in");
  preflight (cluster, args, TRUE, "pgs", "pass", "active+clean");
  preflight (cluster, args, TRUE, "require-osd-release", "pass", "pacific");
  /* One mgr in the test cluster: allowed, with the risk said. */
  preflight (cluster, args, TRUE, "mgr", "warn", "without a standby");

  out = kdcc_test_ceph_text (cluster, "osd", "set", "noout", NULL);
  wait_settled (cluster, "OSDMAP_FLAGS", NULL, FALSE, -1);
  preflight (cluster, args, FALSE, "health", "fail", "OSDMAP_FLAGS");

  kdcc_test_cluster_stop_daemon (cluster, "osd.0");
  wait_settled (cluster, "OSD_DOWN", NULL, FALSE, 2);
  preflight (cluster, args, FALSE, "osds", "fail", "osd.0 (down)");

  kdcc_test_cluster_start_daemon (cluster, "osd.0");
  g_clear_pointer (&out, g_free);
  out = kdcc_test_ceph_text (cluster, "osd", "unset", "noout", NULL);
  wait_settled (cluster, NULL, "OSDMAP_FLAGS", TRUE, 3);
  wait_settled (cluster, NULL, "OSD_DOWN", TRUE, 3);
  /* Pass, or warn with the standing warnings accepted. */
  preflight (cluster, args, TRUE, "health", NULL, NULL);
  preflight (cluster, args, TRUE, "osds", "pass", "3 OSDs up and in");

  /* The plans. */
  {
    const char *squid[] = { "plan", "--to", "squid", NULL };
    g_autoptr(CliResult) r = run_cli (cluster, squid);

    g_assert_cmpint (r->status, ==, 1);
    g_assert_cmpstr (r->out, ==, "");
    g_assert_nonnull (strstr (r->err, "Pacific cannot go straight to Squid"));
    g_assert_nonnull (strstr (r->err, "Pacific → Reef → Squid"));
  }
  {
    const char *text[] = { "plan", "--to", "reef", NULL };
    g_autoptr(CliResult) r = run_cli (cluster, text);

    g_assert_cmpint (r->status, ==, 0);
    g_assert_nonnull (strstr (r->out, "Upgrade 16.2.15 → 18.2.8 (Pacific → Reef)"));
    g_assert_nonnull (strstr (r->out, "$ ceph osd ok-to-stop 0 1 2"));
    g_assert_nonnull (strstr (r->out, "$ ceph osd require-osd-release reef"));
    /* Without a template the admin restarts each daemon. */
    g_assert_nonnull (strstr (r->out, "--restart-command"));
  }
  {
    const char *reef[] = { "plan", "--to", "reef", "--json",
                           "--restart-command", "restart {type} {id}", NULL };
    g_autoptr(CliResult) r = run_cli (cluster, reef);
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autoptr(GError) error = NULL;
    g_autoptr(GString) daemons = g_string_new (NULL);
    JsonArray *steps;
    guint n;

    g_assert_cmpint (r->status, ==, 0);
    json_parser_load_from_data (parser, r->out, -1, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)),
                                                    "running"), ==, "16.2.15");
    steps = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                          "steps");
    n = json_array_get_length (steps);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (steps, 0),
                                                    "command"), ==, "ceph osd set noout");
    for (guint i = 0; i < n; i++)
      {
        JsonObject *s = json_array_get_object_element (steps, i);

        if (g_str_equal (json_object_get_string_member (s, "kind"), "daemon"))
          {
            g_autofree char *expected = NULL;
            const char *daemon = json_object_get_string_member (s, "daemon");
            const char *dot = strchr (daemon, '.');

            g_string_append_printf (daemons, "%s ", daemon);
            expected = g_strdup_printf ("restart %.*s %s", (int) (dot - daemon), daemon, dot + 1);
            g_assert_cmpstr (json_object_get_string_member (s, "restart_command"), ==, expected);
          }
      }
    g_assert_cmpstr (daemons->str, ==, "mon.a mgr.x osd.0 osd.1 osd.2 ");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (steps, n - 2),
                                                    "command"), ==,
                     "ceph osd require-osd-release reef");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (steps, n - 1),
                                                    "command"), ==, "ceph osd unset noout");
  }
}

/* What the OSDs left without the largest would hold: used / (raw − the
 * largest OSD's raw), from `osd df` as Ceph reports it. */
static double
headroom_fraction (KdccTestCluster *cluster)
{
  g_autoptr(JsonNode) df = kdcc_test_ceph_json (cluster, "osd", "df", NULL);
  JsonArray *nodes = json_object_get_array_member (json_node_get_object (df), "nodes");
  gint64 used = 0, raw = 0, largest = 0;

  for (guint i = 0; i < json_array_get_length (nodes); i++)
    {
      JsonObject *osd = json_array_get_object_element (nodes, i);
      gint64 kb = json_object_get_int_member (osd, "kb");

      used += json_object_get_int_member (osd, "kb_used");
      raw += kb;
      largest = MAX (largest, kb);
    }
  g_assert_cmpint (raw - largest, >, 0);
  return (double) used / (double) (raw - largest);
}

/* Every pool of the private cluster to SIZE, then settled. */
static void
set_pool_sizes (KdccTestCluster *cluster,
                const char      *size)
{
  g_autoptr(JsonNode) pools = kdcc_test_ceph_json (cluster, "osd", "pool", "ls", NULL);
  JsonArray *names = json_node_get_array (pools);

  g_assert_cmpuint (json_array_get_length (names), >, 0);
  for (guint i = 0; i < json_array_get_length (names); i++)
    {
      g_autofree char *out = kdcc_test_ceph_text (cluster, "osd", "pool", "set",
                                                  json_array_get_string_element (names, i),
                                                  "size", size, NULL);
    }
  wait_settled (cluster, NULL, NULL, TRUE, 3);
}

static void
test_headroom (void)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_start_private ();
  g_autoptr(GPtrArray) args = NULL;
  g_autoptr(JsonNode) dump = NULL;
  g_autofree char *nearfull = NULL;
  g_autofree char *small = NULL;
  g_autofree char *out = NULL;
  double fraction;

  wait_settled (cluster, NULL, NULL, TRUE, 3);
  args = accept_args (cluster);
  dump = kdcc_test_ceph_json (cluster, "osd", "dump", NULL);
  nearfull = g_strdup_printf ("%g", json_object_get_double_member (json_node_get_object (dump),
                                                                   "nearfull_ratio"));

  /* Three OSDs, pools of size 3: nowhere to recover to, allowed with noout. */
  preflight (cluster, args, TRUE, "headroom", "warn",
             "osd domains are left for pool");
  preflight (cluster, args, TRUE, "headroom", "warn", "noout");

  set_pool_sizes (cluster, "2");
  preflight (cluster, args, TRUE, "headroom", "pass", "the largest of 3 osd domains");
  {
    g_autofree char *part = g_strdup_printf ("below the nearfull ratio %s", nearfull);

    preflight (cluster, args, TRUE, "headroom", "pass", part);
  }

  /* Half of what the two OSDs left would hold: the roll has no headroom. */
  fraction = headroom_fraction (cluster);
  g_assert_cmpfloat (fraction, >, 0);
  small = g_strdup_printf ("%.6f", fraction / 2);
  out = kdcc_test_ceph_text (cluster, "osd", "set-nearfull-ratio", small, NULL);
  g_clear_pointer (&args, g_ptr_array_unref);
  wait_settled (cluster, "OSD_NEARFULL", NULL, TRUE, 3);
  args = accept_args (cluster);
  preflight (cluster, args, FALSE, "headroom", "fail", "at or past the nearfull ratio");
  preflight (cluster, args, FALSE, "headroom", "fail", "used on the");

  /* The ratio put back: it passes again. */
  g_clear_pointer (&out, g_free);
  out = kdcc_test_ceph_text (cluster, "osd", "set-nearfull-ratio", nearfull, NULL);
  wait_settled (cluster, NULL, "OSD_NEARFULL", TRUE, 3);
  g_clear_pointer (&args, g_ptr_array_unref);
  args = accept_args (cluster);
  preflight (cluster, args, TRUE, "headroom", "pass", "below the nearfull ratio");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  kdcc_test_ignore_glib_quark_arrays ();
  config_home = g_dir_make_tmp ("kdcc-test-upgrade-preflight-XXXXXX", &error);
  g_assert_no_error (error);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/upgrade-preflight-live/preflight-and-plan", test_preflight_and_plan);
  g_test_add_func ("/upgrade-preflight-live/headroom", test_headroom);

  ret = g_test_run ();
  kdcc_test_remove_tree (config_home);
  g_free (config_home);
  return kdcc_test_exit (ret);
}
