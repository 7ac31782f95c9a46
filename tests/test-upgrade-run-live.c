/* test-upgrade-run-live.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * KDCC rolls a real Pacific 16.2.15 cluster (private, with data) to Reef
 * 18.2.7 by itself: `kdcc-cli upgrade start --to reef --restart-command
 * TEMPLATE`, the template being the harness's `upgrade-daemon DIR
 * {type}.{id} reef`, which restarts one daemon on the Reef binaries of the
 * chroot with the same conf and data (tests/cluster/README.md).
 *
 * On the way: the pool's min_size is raised to its size, so `osd
 * ok-to-stop` refuses every OSD; the roll must wait at that gate and say
 * so (daemon, gate, Ceph's reason, how long), with the mons and the mgr
 * already done and no OSD touched. Once min_size is back the gate passes;
 * after osd.0 the gate is made to refuse again and, while the roll waits
 * at the next OSD, the test asks for a pause from a second process: the
 * first one exits (status 3) with OSDs left on Pacific, and a third
 * process resumes from the saved state to the end. Then require_osd_release is
 * reef, noout is cleared, every daemon runs 18.2.7, the restarts ran in
 * the order mons, mgr, OSDs, MDS (once each, in the audit log), and every
 * object written before the roll reads back byte for byte.
 *
 * The cluster has a CephFS with its MDS (Pacific's ceph-mds, then Reef's
 * from the chroot): the MDS step comes after the OSDs, with standby-replay
 * off and max_mds 1 first. The PG autoscaler is paused for the roll
 * (--noautoscale) and comes back exactly as it was.
 *
 * It also has an RGW (Debian's radosgw, `kdcc-test-cluster start-rgw`),
 * which the model lists from the service map: its step comes last, after
 * the MDS, through the same template (`upgrade-daemon DIR rgw.a reef`),
 * and its S3 endpoint answers an anonymous ListAllMyBuckets before and
 * after the roll.
 */
#define G_LOG_DOMAIN "kdcc-test"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "kdcc-test-util.h"
#include "kdcc-upgrade-state.h"

#define REEF_VERSION "ceph version 18.2.7 "
#define N_OBJECTS    12

/* Helpers ------------------------------------------------------------------ */

static char *
rados (KdccTestCluster *cluster,
       const char      *verb,
       const char      *object,
       const char      *file)
{
  const char *argv[] = { "rados", "-c", cluster->conf, "-k", cluster->keyring, "-p",
                         cluster->pool, verb, object, file, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("rados %s %s failed: %s\n%s", verb, object ? object : "", error->message, err);
  return out;
}

/* Writes N_OBJECTS of random bytes and returns what every object in the
 * pool holds (name → GBytes), read back on Pacific. */
static GHashTable *
write_objects (KdccTestCluster *cluster,
               const char      *tmpdir)
{
  GHashTable *contents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                (GDestroyNotify) g_bytes_unref);
  g_autofree char *listing = NULL;
  g_auto(GStrv) names = NULL;

  for (guint i = 0; i < N_OBJECTS; i++)
    {
      g_autofree char *name = g_strdup_printf ("roll-%02u", i);
      g_autofree char *file = g_build_filename (tmpdir, name, NULL);
      gsize size = 1 + g_random_int_range (0, 64 * 1024);
      g_autofree guint8 *bytes = g_malloc (size);
      g_autoptr(GError) error = NULL;

      for (gsize j = 0; j < size; j++)
        bytes[j] = g_random_int_range (0, 256);
      g_assert_true (g_file_set_contents (file, (char *) bytes, size, &error));
      g_assert_no_error (error);
      g_free (rados (cluster, "put", name, file));
      g_unlink (file);
    }
  listing = rados (cluster, "ls", NULL, NULL);
  names = g_strsplit (listing, "\n", -1);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *file = g_build_filename (tmpdir, "get", NULL);
      g_autoptr(GError) error = NULL;
      char *data = NULL;
      gsize len = 0;

      if (*names[i] == '\0')
        continue;
      g_free (rados (cluster, "get", names[i], file));
      g_assert_true (g_file_get_contents (file, &data, &len, &error));
      g_assert_no_error (error);
      g_hash_table_insert (contents, g_strdup (names[i]), g_bytes_new_take (data, len));
      g_unlink (file);
    }
  g_assert_cmpuint (g_hash_table_size (contents), >=, N_OBJECTS);
  return contents;
}

static void
assert_objects_intact (KdccTestCluster *cluster,
                       GHashTable      *contents,
                       const char      *tmpdir)
{
  g_autofree char *listing = rados (cluster, "ls", NULL, NULL);
  g_auto(GStrv) names = g_strsplit (listing, "\n", -1);
  GHashTableIter iter;
  gpointer key, value;
  guint n = 0;

  for (guint i = 0; names[i] != NULL; i++)
    n += *names[i] != '\0';
  g_assert_cmpuint (n, ==, g_hash_table_size (contents));
  g_hash_table_iter_init (&iter, contents);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autofree char *file = g_build_filename (tmpdir, "get", NULL);
      g_autoptr(GError) error = NULL;
      g_autofree char *data = NULL;
      gsize len = 0;

      g_free (rados (cluster, "get", key, file));
      g_assert_true (g_file_get_contents (file, &data, &len, &error));
      g_assert_no_error (error);
      g_assert_cmpmem (data, len, g_bytes_get_data (value, NULL), g_bytes_get_size (value));
      g_unlink (file);
    }
  g_test_message ("%u objects read back intact on Reef", g_hash_table_size (contents));
}

/* kdcc-cli upgrade SUB with the cluster's connection flags and EXTRA. */
static GPtrArray *
cli_argv (KdccTestCluster    *cluster,
          const char         *sub,
          const char * const *extra)
{
  const char *cli = g_getenv ("KDCC_CLI");
  GPtrArray *argv = g_ptr_array_new_with_free_func (g_free);

  if (cli == NULL)
    g_error ("KDCC_CLI is not set; run the tests through meson");
  g_ptr_array_add (argv, g_strdup (cli));
  g_ptr_array_add (argv, g_strdup ("upgrade"));
  g_ptr_array_add (argv, g_strdup (sub));
  g_ptr_array_add (argv, g_strdup_printf ("--conf=%s", cluster->conf));
  g_ptr_array_add (argv, g_strdup_printf ("--keyring=%s", cluster->keyring));
  g_ptr_array_add (argv, g_strdup_printf ("--id=%s", cluster->client_id));
  for (guint i = 0; extra != NULL && extra[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (extra[i]));
  g_ptr_array_add (argv, NULL);
  return argv;
}

/* Runs it to the end (the tests' one kdcc-cli runner): its exit status,
 * *out its stdout. */
static int
cli_run (KdccTestCluster    *cluster,
         const char         *sub,
         const char * const *extra,
         char              **out)
{
  g_autoptr(GPtrArray) argv = cli_argv (cluster, sub, extra);
  g_autoptr(KdccTestCli) run = kdcc_test_cli_runv (NULL, (const char * const *) argv->pdata + 1);

  if (out != NULL)
    *out = g_steal_pointer (&run->out);
  return run->status;
}

/* The state file, read at most five times a second. */
typedef struct
{
  char             *path;
  KdccUpgradeState *state;
  gint64            read_at;
} StateWatch;

static KdccUpgradeState *
watch_read (StateWatch *w)
{
  gint64 now = g_get_monotonic_time ();

  if (w->state == NULL || now - w->read_at >= 200 * 1000)
    {
      g_autoptr(GError) error = NULL;
      KdccUpgradeState *state = kdcc_upgrade_state_load (w->path, &error);

      /* The file is replaced atomically: a reader never sees half of it. */
      g_assert_no_error (error);
      if (state != NULL)
        {
          g_clear_pointer (&w->state, kdcc_upgrade_state_free);
          w->state = state;
        }
      w->read_at = now;
    }
  return w->state;
}

static const KdccUpgradeStepRecord *
daemon_record (const KdccUpgradeState *state,
               const char             *name)
{
  for (guint i = 0; i < state->steps->len; i++)
    {
      const KdccUpgradeStepRecord *r = g_ptr_array_index (state->steps, i);
      g_autofree char *n = r->step->kind == KDCC_UPGRADE_STEP_DAEMON
                           ? g_strdup_printf ("%s.%s", r->step->daemon_type, r->step->daemon_id)
                           : NULL;

      if (g_strcmp0 (n, name) == 0)
        return r;
    }
  g_error ("no step restarts %s", name);
  return NULL;
}

/* Stalled at osd.0's ok-to-stop for at least 3 s. */
static gboolean
stalled_at_ok_to_stop (gpointer data)
{
  KdccUpgradeState *s = watch_read (data);

  return s != NULL && g_strcmp0 (s->wait_gate, "ok-to-stop") == 0
         && g_strcmp0 (s->wait_daemon, "osd.0") == 0
         && g_get_real_time () - s->wait_since >= 3 * G_USEC_PER_SEC;
}

/* Held again at the ok-to-stop of an OSD after osd.0. */
static gboolean
stalled_at_later_osd (gpointer data)
{
  KdccUpgradeState *s = watch_read (data);

  return s != NULL && g_strcmp0 (s->wait_gate, "ok-to-stop") == 0
         && (g_strcmp0 (s->wait_daemon, "osd.1") == 0 || g_strcmp0 (s->wait_daemon, "osd.2") == 0);
}

static gboolean
osd0_done (gpointer data)
{
  KdccUpgradeState *s = watch_read (data);

  return s != NULL && daemon_record (s, "osd.0")->state == KDCC_UPGRADE_STEP_DONE;
}

typedef struct
{
  GSubprocess *process;
  gboolean     exited;
  char        *out;
} Driver;

static void
driver_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Driver *d = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result, &d->out, NULL, &error);
  g_assert_no_error (error);
  d->exited = TRUE;
}

static gboolean
driver_exited (gpointer data)
{
  return ((Driver *) data)->exited;
}

static gint64
json_count (JsonObject *versions,
            const char *type,
            const char *prefix)
{
  JsonObject *per_type = json_object_has_member (versions, type)
                         ? json_object_get_object_member (versions, type) : NULL;
  g_autoptr(GList) members = per_type != NULL ? json_object_get_members (per_type) : NULL;
  gint64 count = 0;

  for (const GList *l = members; l != NULL; l = l->next)
    if (g_str_has_prefix (l->data, prefix))
      count += json_object_get_int_member (per_type, l->data);
  return count;
}

/* The restarts and other upgrade actions in the audit log, in order. */
static GPtrArray *
audit_actions (const char *data_home,
               const char *fsid,
               const char *action)
{
  g_autofree char *file = g_strconcat (fsid, ".jsonl", NULL);
  g_autofree char *path = g_build_filename (data_home, "kdcc", "audit", file, NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *changes = g_ptr_array_new_with_free_func (g_free);

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonNode) node = *lines[i] != '\0' ? json_from_string (lines[i], NULL) : NULL;
      JsonObject *o = node != NULL ? json_node_get_object (node) : NULL;

      if (o != NULL && g_strcmp0 (json_object_get_string_member_with_default (o, "action", ""),
                                  action) == 0)
        g_ptr_array_add (changes, g_strdup (json_object_get_string_member (o, "change")));
    }
  return changes;
}

/* "pool=mode;…" for every pool, in the order Ceph lists them. */
static char *
pool_modes (KdccTestCluster *cluster)
{
  g_autoptr(JsonNode) root = kdcc_test_ceph_json (cluster, "osd", "pool", "ls", "detail", NULL);
  JsonArray *pools = json_node_get_array (root);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (pools); i++)
    {
      JsonObject *pool = json_array_get_object_element (pools, i);

      g_string_append_printf (text, "%s=%s;", json_object_get_string_member (pool, "pool_name"),
                              json_object_get_string_member (pool, "pg_autoscale_mode"));
    }
  return g_string_free (text, FALSE);
}

/* The config database's lines that name the PG autoscaler's settings. */
static gboolean
config_has (KdccTestCluster *cluster,
            const char      *name)
{
  g_autofree char *dump = kdcc_test_ceph_text (cluster, "config", "dump", NULL);

  return strstr (dump, name) != NULL;
}

/* The test -------------------------------------------------------------------------- */

static void
test_roll (void)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_start_private_release ("pacific");
  g_autofree char *tmpdir = g_dir_make_tmp ("kdcc-test-upgrade-run-XXXXXX", NULL);
  g_autofree char *state_home = g_build_filename (tmpdir, "state", NULL);
  g_autofree char *data_home = g_build_filename (tmpdir, "data", NULL);
  g_autofree char *template_ = NULL;
  g_autofree char *restart_arg = NULL;
  g_autofree char *status_text = NULL;
  g_autofree char *out = NULL;
  g_autofree char *modes_before = NULL;
  g_autofree char *modes = NULL;
  g_autoptr(GHashTable) contents = NULL;
  g_autoptr(GPtrArray) start_argv = NULL;
  g_autoptr(GPtrArray) accept = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) restarts = NULL;
  g_autoptr(JsonNode) health = NULL;
  g_autoptr(JsonNode) versions = NULL;
  g_autoptr(GList) codes = NULL;
  g_autoptr(GError) error = NULL;
  StateWatch watch = { 0 };
  Driver driver = { 0 };
  const char *tool = g_getenv ("KDCC_TEST_CLUSTER_TOOL");
  const char *stall_args[] = { "--stall-after=2", NULL };
  const KdccUpgradeStepRecord *mon, *mgr, *osd0, *osd1, *osd2, *mds, *rgw;
  g_autofree char *s3_url = NULL;
  gint64 start = g_get_monotonic_time ();
  JsonObject *v;

  g_assert_nonnull (tmpdir);
  g_assert_nonnull (tool);
  g_assert_cmpstr (cluster->release, ==, "pacific");
  /* Both kdcc-cli processes share the state and audit log through these. */
  g_setenv ("XDG_STATE_HOME", state_home, TRUE);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  watch.path = g_build_filename (state_home, "kdcc", "upgrade", cluster->fsid, NULL);
  {
    g_autofree char *p = g_strconcat (watch.path, ".json", NULL);

    g_free (watch.path);
    watch.path = g_steal_pointer (&p);
  }

  contents = write_objects (cluster, tmpdir);

  /* A CephFS and its MDS, which the roll upgrades after the OSDs. Its
   * pools' autoscaler is off, as the harness makes them. */
  g_free (kdcc_test_ceph_text (cluster, "osd", "pool", "create", "cephfs.kdccfs.meta", "8", "8",
                               "replicated", "--autoscale-mode=off", NULL));
  g_free (kdcc_test_ceph_text (cluster, "osd", "pool", "create", "cephfs.kdccfs.data", "8", "8",
                               "replicated", "--autoscale-mode=off", NULL));
  g_free (kdcc_test_ceph_text (cluster, "fs", "new", "kdccfs", "cephfs.kdccfs.meta",
                               "cephfs.kdccfs.data", NULL));
  kdcc_test_cluster_start_daemon (cluster, "mds");

  /* ok-to-stop refuses every OSD while a PG cannot lose a copy. Set before
   * the RGW starts: a new min_size starts a new interval, so the pool's PGs
   * peer again, and `upgrade start`'s preflight refuses PGs that are not
   * active+clean. Set just before the start, the preflight found the 32
   * PGs of the pool still peering once under load (fresh-clone run r8).
   * kdcc_test_cluster_set_min_size() returns once they peered again. */
  kdcc_test_cluster_set_min_size (cluster, 3);

  /* An RGW, rolled last. Started before the autoscale modes are read:
   * its first start creates its pools. */
  s3_url = kdcc_test_cluster_start_rgw (cluster, "a");
  out = kdcc_test_s3_list_buckets (s3_url);
  g_assert_nonnull (strstr (out, "<ListAllMyBucketsResult"));
  g_clear_pointer (&out, g_free);
  /* The RGW's four pools make nine, and Pacific's `osd pool set
   * noautoscale` sets each pool's mode one mon command (one paxos
   * proposal, paxos_propose_interval = 1 s) after another: about 10 s
   * here, around the 10 s librados gives an mgr command. KDCC waits for the
   * pools when the module outlasts that (upgrade-orch-live proves it at
   * 4 s a proposal); proposals every 0.1 s here keep this roll short. */
  g_free (kdcc_test_ceph_text (cluster, "config", "set", "mon", "paxos_propose_interval", "0.1",
                               NULL));
  g_test_message ("cluster, CephFS and RGW ready after %.0f s",
                  (g_get_monotonic_time () - start) / 1e6);

  /* The standing warnings of a fresh test cluster, accepted one by one. */
  health = kdcc_test_ceph_json (cluster, "health", NULL);
  codes = json_object_get_members (json_object_get_object_member (json_node_get_object (health),
                                                                  "checks"));
  for (GList *l = codes; l != NULL; l = l->next)
    g_ptr_array_add (accept, g_strdup_printf ("--accept-warning=%s", (char *) l->data));

  /* Ceph's rules first: Pacific cannot go straight to Squid. */
  {
    const char *squid[] = { "--to=squid", NULL };

    g_assert_cmpint (cli_run (cluster, "start", squid, &out), ==, 1);
    g_assert_false (g_file_test (watch.path, G_FILE_TEST_EXISTS));
    g_clear_pointer (&out, g_free);
    g_assert_cmpint (cli_run (cluster, "resume", NULL, NULL), ==, 1);
  }

  /* The PG autoscaler is paused for the roll (--noautoscale) and must
   * come back exactly as it was: Pacific's unset would turn every pool's
   * mode on, and the Reef mgr here has no pg_autoscaler at all. */
  modes_before = pool_modes (cluster);
  g_assert_nonnull (strstr (modes_before, "=on;"));
  g_assert_false (config_has (cluster, "osd_pool_default_pg_autoscale_mode"));
  g_assert_false (config_has (cluster, "mgr/pg_autoscaler/noautoscale"));

  /* The preflight refuses PGs that are not active+clean: the RGW's pools
   * (autoscaler on) may still be changing. */
  kdcc_test_cluster_wait_pgs_clean (cluster);

  template_ = g_strdup_printf ("%s upgrade-daemon %s {type}.{id} reef", tool, cluster->dir);
  restart_arg = g_strdup_printf ("--restart-command=%s", template_);
  g_ptr_array_add (accept, g_strdup ("--to=reef"));
  g_ptr_array_add (accept, g_strdup (restart_arg));
  g_ptr_array_add (accept, g_strdup ("--stall-after=2"));
  g_ptr_array_add (accept, g_strdup ("--noautoscale"));
  g_ptr_array_add (accept, NULL);
  start_argv = cli_argv (cluster, "start", (const char * const *) accept->pdata);
  driver.process = g_subprocess_newv ((const char * const *) start_argv->pdata,
                                      G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (driver.process, NULL, NULL, driver_done_cb, &driver);

  /* 1. The gate holds osd.0, after the mons and the mgr, and says why. */
  if (!kdcc_test_wait_until (stalled_at_ok_to_stop, &watch, 300000))
    g_error ("no stall at osd.0's ok-to-stop; state %s, wait %s/%s: %s; exited %d\n%s",
             watch.state ? kdcc_upgrade_run_state_to_string (watch.state->state) : "none",
             watch.state ? watch.state->wait_daemon : "", watch.state ? watch.state->wait_gate : "",
             watch.state ? watch.state->wait_reason : "", driver.exited, driver.out);
  g_test_message ("stalled at osd.0's ok-to-stop after %.0f s",
                  (g_get_monotonic_time () - start) / 1e6);
  g_assert_false (driver.exited);
  g_assert_cmpint (watch.state->state, ==, KDCC_UPGRADE_RUN_RUNNING);
  g_assert_nonnull (strstr (watch.state->wait_reason, "ok-to-stop refused"));
  g_assert_nonnull (strstr (watch.state->wait_reason, "unsafe to stop"));
  mon = daemon_record (watch.state, "mon.a");
  mgr = daemon_record (watch.state, "mgr.x");
  g_assert_cmpint (mon->state, ==, KDCC_UPGRADE_STEP_DONE);
  g_assert_cmpstr (mon->note, ==, "18.2.7");
  g_assert_cmpint (mgr->state, ==, KDCC_UPGRADE_STEP_DONE);
  g_assert_cmpstr (mgr->note, ==, "18.2.7");
  g_assert_cmpint (mon->finished, <=, mgr->started);
  g_assert_cmpint (daemon_record (watch.state, "osd.0")->state, ==, KDCC_UPGRADE_STEP_ACTIVE);
  /* Paused before the first daemon: every pool's autoscaler off, the
   * Pacific module's flag stored (the Reef mgr keeps it as it found it). */
  {
    const KdccUpgradeStepRecord *pause = NULL;

    for (guint i = 0; i < watch.state->steps->len && pause == NULL; i++)
      if (kdcc_upgrade_step_is_noautoscale (((KdccUpgradeStepRecord *) watch.state->steps->pdata[i])->step))
        pause = watch.state->steps->pdata[i];
    g_assert_nonnull (pause);
    g_assert_cmpint (pause->step->kind, ==, KDCC_UPGRADE_STEP_SET_FLAG);
    g_assert_cmpint (pause->state, ==, KDCC_UPGRADE_STEP_DONE);
    g_assert_cmpint (pause->finished, <=, mon->started);
    g_assert_false (watch.state->noautoscale_was_set);
    g_assert_nonnull (watch.state->autoscale_restore);
  }
  modes = pool_modes (cluster);
  g_assert_null (strstr (modes, "=on;"));
  g_assert_null (strstr (modes, "=warn;"));
  g_clear_pointer (&modes, g_free);
  g_assert_true (config_has (cluster, "mgr/pg_autoscaler/noautoscale"));
  versions = kdcc_test_ceph_json (cluster, "versions", NULL);
  v = json_node_get_object (versions);
  g_assert_cmpint (json_count (v, "mon", REEF_VERSION), ==, 1);
  g_assert_cmpint (json_count (v, "mgr", REEF_VERSION), ==, 1);
  g_assert_cmpint (json_count (v, "osd", REEF_VERSION), ==, 0);
  g_assert_cmpint (json_count (v, "rgw", "ceph version 16.2.15 "), ==, 1);
  g_clear_pointer (&versions, json_node_unref);
  /* Another process explains the stall. */
  g_assert_cmpint (cli_run (cluster, "status", NULL, &status_text), ==, 0);
  g_assert_nonnull (strstr (status_text, "osd.0, gate ok-to-stop: ok-to-stop refused"));
  g_assert_nonnull (strstr (status_text, "running (process"));

  /* 2. The gate clears: osd.0 goes. Then ok-to-stop refuses again, which
   * holds the roll at the next OSD's gate (osd.1's, or osd.2's if osd.1
   * passed its gate just before): the pause from a second process lands
   * there, mid-way, whatever the machine's load. */
  g_free (kdcc_test_ceph_text (cluster, "osd", "pool", "set", cluster->pool, "min_size", "2",
                               NULL));
  g_assert_true (kdcc_test_wait_until (osd0_done, &watch, 300000));
  g_free (kdcc_test_ceph_text (cluster, "osd", "pool", "set", cluster->pool, "min_size", "3",
                               NULL));
  if (!kdcc_test_wait_until (stalled_at_later_osd, &watch, 300000))
    g_error ("no stall at osd.1's or osd.2's ok-to-stop; wait %s/%s",
             watch.state->wait_daemon, watch.state->wait_gate);
  g_assert_cmpint (cli_run (cluster, "pause", NULL, NULL), ==, 0);
  g_assert_true (kdcc_test_wait_until (driver_exited, &driver, 300000));
  g_assert_true (g_subprocess_get_if_exited (driver.process));
  g_test_message ("first driver:\n%s", driver.out);
  g_assert_cmpint (g_subprocess_get_exit_status (driver.process), ==, 3);
  g_assert_nonnull (strstr (driver.out, "osd.0: ok-to-stop passed after"));
  g_assert_nonnull (strstr (driver.out, "Stalled for"));
  g_assert_nonnull (strstr (driver.out, "Upgrade paused"));

  watch.read_at = 0;
  g_clear_pointer (&watch.state, kdcc_upgrade_state_free);
  g_assert_nonnull (watch_read (&watch));
  g_assert_cmpint (watch.state->state, ==, KDCC_UPGRADE_RUN_PAUSED);
  g_assert_cmpint (watch.state->pid, ==, 0);
  g_assert_cmpint (watch.state->wait_since, ==, 0);
  g_assert_cmpint (daemon_record (watch.state, "osd.2")->state, ==, KDCC_UPGRADE_STEP_PENDING);
  versions = kdcc_test_ceph_json (cluster, "versions", NULL);
  g_assert_cmpint (json_count (json_node_get_object (versions), "osd", "ceph version 16.2.15 "),
                   >=, 1);
  g_clear_pointer (&versions, json_node_unref);
  out = kdcc_test_ceph_text (cluster, "osd", "dump", NULL);
  g_assert_nonnull (strstr (out, "noout"));
  g_assert_null (strstr (out, "require_osd_release reef"));
  g_clear_pointer (&out, g_free);
  g_free (kdcc_test_ceph_text (cluster, "osd", "pool", "set", cluster->pool, "min_size", "2",
                               NULL));

  /* 3. A new process resumes from the saved state to the end. */
  g_assert_cmpint (cli_run (cluster, "resume", stall_args, &out), ==, 0);
  g_assert_nonnull (strstr (out, "Upgrade to reef done."));
  g_clear_pointer (&out, g_free);
  g_test_message ("rolled in %.0f s", (g_get_monotonic_time () - start) / 1e6);

  watch.read_at = 0;
  g_clear_pointer (&watch.state, kdcc_upgrade_state_free);
  g_assert_nonnull (watch_read (&watch));
  g_assert_cmpint (watch.state->state, ==, KDCC_UPGRADE_RUN_DONE);
  g_assert_cmpuint (watch.state->next_step, ==, watch.state->steps->len);
  mon = daemon_record (watch.state, "mon.a");
  mgr = daemon_record (watch.state, "mgr.x");
  osd0 = daemon_record (watch.state, "osd.0");
  osd1 = daemon_record (watch.state, "osd.1");
  osd2 = daemon_record (watch.state, "osd.2");
  /* The order: mons, mgr, OSDs, each finished before the next began. */
  g_assert_cmpint (mon->finished, <=, mgr->started);
  g_assert_cmpint (mgr->finished, <=, osd0->started);
  g_assert_cmpint (osd0->finished, <=, osd1->started);
  g_assert_cmpint (osd1->finished, <=, osd2->started);
  g_assert_cmpstr (osd2->note, ==, "18.2.7");
  /* The MDS after the OSDs, its filesystem prepared first. */
  mds = daemon_record (watch.state, "mds.a");
  g_assert_cmpint (osd2->finished, <=, mds->started);
  g_assert_cmpstr (mds->note, ==, "18.2.7");
  {
    guint prepared = 0;

    for (guint i = 0; i < watch.state->steps->len; i++)
      {
        const KdccUpgradeStepRecord *r = watch.state->steps->pdata[i];

        if (r->step->kind != KDCC_UPGRADE_STEP_PREPARE)
          continue;
        g_assert_cmpint (r->state, ==, KDCC_UPGRADE_STEP_DONE);
        g_assert_cmpint (r->finished, <=, mds->started);
        g_assert_cmpint (r->started, >=, osd2->finished);
        g_assert_true (g_str_equal (r->step->command,
                                    "ceph fs set kdccfs allow_standby_replay false")
                       || g_str_equal (r->step->command, "ceph fs set kdccfs max_mds 1"));
        prepared++;
      }
    g_assert_cmpuint (prepared, ==, 2);
  }
  /* The RGW last, after the MDS, before require-osd-release. */
  rgw = daemon_record (watch.state, "rgw.a");
  g_assert_cmpint (mds->finished, <=, rgw->started);
  g_assert_cmpstr (rgw->note, ==, "18.2.7");
  g_assert_cmpstr (rgw->step->restart_command, !=, NULL);
  g_assert_nonnull (strstr (rgw->step->restart_command, " upgrade-daemon "));
  g_assert_nonnull (strstr (rgw->step->restart_command, " rgw.a reef"));
  for (guint i = 0; i < watch.state->steps->len; i++)
    {
      const KdccUpgradeStepRecord *r = watch.state->steps->pdata[i];

      if (r->step->kind == KDCC_UPGRADE_STEP_REQUIRE_RELEASE)
        g_assert_cmpint (rgw->finished, <=, r->started);
    }

  /* Each daemon restarted exactly once, in that order (audit log). */
  restarts = audit_actions (data_home, cluster->fsid, "upgrade-restart");
  g_assert_cmpuint (restarts->len, ==, 7);
  g_assert_cmpstr (restarts->pdata[0], ==, "mon.a");
  g_assert_cmpstr (restarts->pdata[1], ==, "mgr.x");
  g_assert_cmpstr (restarts->pdata[2], ==, "osd.0");
  g_assert_cmpstr (restarts->pdata[3], ==, "osd.1");
  g_assert_cmpstr (restarts->pdata[4], ==, "osd.2");
  g_assert_cmpstr (restarts->pdata[5], ==, "mds.a");
  g_assert_cmpstr (restarts->pdata[6], ==, "rgw.a");
  g_clear_pointer (&restarts, g_ptr_array_unref);
  restarts = audit_actions (data_home, cluster->fsid, "upgrade-stall");
  g_assert_cmpuint (restarts->len, >=, 1);
  g_assert_cmpstr (restarts->pdata[0], ==, "osd.0 ok-to-stop");
  g_clear_pointer (&restarts, g_ptr_array_unref);
  restarts = audit_actions (data_home, cluster->fsid, "apply");
  g_assert_true (g_ptr_array_find_with_equal_func (restarts, "require_osd_release = reef",
                                                   g_str_equal, NULL));
  /* noout set, noautoscale set, the two MDS preparations,
   * require-osd-release, noautoscale unset, the autoscale settings put
   * back (the RGW's four pools among them), noout unset. */
  g_assert_true (g_ptr_array_find_with_equal_func (restarts, ".rgw.root pg_autoscale_mode = on",
                                                   g_str_equal, NULL));
  g_assert_cmpuint (restarts->len, >=, 12);
  g_assert_cmpuint (restarts->len, <=, 16);
  {
    guint n_noautoscale = 0;

    for (guint i = 0; i < restarts->len; i++)
      n_noautoscale += g_str_equal (restarts->pdata[i], "noautoscale");
    g_assert_cmpuint (n_noautoscale, ==, 2);
  }
  g_assert_true (g_ptr_array_find_with_equal_func (restarts,
                                                   "global osd_pool_default_pg_autoscale_mode",
                                                   g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (restarts, "mgr mgr/pg_autoscaler/noautoscale",
                                                   g_str_equal, NULL));
  {
    g_autofree char *pool_on = g_strdup_printf ("%s pg_autoscale_mode = on", cluster->pool);

    g_assert_true (g_ptr_array_find_with_equal_func (restarts, pool_on, g_str_equal, NULL));
  }
  for (const char *const *a = (const char *[]) { "upgrade-start", "upgrade-pause",
                                                 "upgrade-resume", "upgrade-done", NULL };
       *a != NULL; a++)
    {
      g_autoptr(GPtrArray) entries = audit_actions (data_home, cluster->fsid, *a);

      g_assert_cmpuint (entries->len, ==, 1);
    }

  /* The cluster: one release, required, noout gone, no object lost. */
  out = kdcc_test_ceph_text (cluster, "osd", "dump", NULL);
  g_assert_nonnull (strstr (out, "require_osd_release reef"));
  g_assert_null (strstr (out, "noout"));
  g_assert_null (strstr (out, "noautoscale"));
  g_clear_pointer (&out, g_free);
  /* The autoscaler exactly as before the roll. */
  modes = pool_modes (cluster);
  g_assert_cmpstr (modes, ==, modes_before);
  g_assert_false (config_has (cluster, "osd_pool_default_pg_autoscale_mode"));
  g_assert_false (config_has (cluster, "mgr/pg_autoscaler/noautoscale"));
  versions = kdcc_test_ceph_json (cluster, "versions", NULL);
  v = json_node_get_object (versions);
  g_assert_cmpint (json_count (v, "overall", REEF_VERSION), ==, 7);
  g_assert_cmpint (json_count (v, "osd", REEF_VERSION), ==, 3);
  g_assert_cmpint (json_count (v, "mds", REEF_VERSION), ==, 1);
  g_assert_cmpint (json_count (v, "rgw", REEF_VERSION), ==, 1);
  g_assert_cmpuint (json_object_get_size (json_object_get_object_member (v, "overall")), ==, 1);
  assert_objects_intact (cluster, contents, tmpdir);
  /* S3 still answers, now from Reef's radosgw. */
  out = kdcc_test_s3_list_buckets (s3_url);
  g_assert_nonnull (strstr (out, "<ListAllMyBucketsResult"));
  g_clear_pointer (&out, g_free);

  /* status after the end; nothing left to pause, resume or abort. */
  g_assert_cmpint (cli_run (cluster, "status", NULL, &out), ==, 0);
  g_assert_nonnull (strstr (out, ": done"));
  g_assert_cmpint (cli_run (cluster, "pause", NULL, NULL), ==, 1);
  g_assert_cmpint (cli_run (cluster, "resume", NULL, NULL), ==, 1);
  g_assert_cmpint (cli_run (cluster, "abort", NULL, NULL), ==, 1);

  g_clear_pointer (&watch.state, kdcc_upgrade_state_free);
  g_free (watch.path);
  g_free (driver.out);
  g_clear_object (&driver.process);
  kdcc_test_remove_tree (tmpdir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/upgrade-run-live/pacific-to-reef", test_roll);

  return kdcc_test_run ();
}
