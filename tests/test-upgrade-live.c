/* test-upgrade-live.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A real rolling upgrade, Pacific 16.2.15 → Reef 18.2.7, on a private
 * cluster of tests/cluster: the mon, the mgr and osd.0 are restarted on the
 * Reef binaries (Debian 13's, from the harness's chroot) while osd.1 and
 * osd.2 stay on Pacific. That mixed cluster is what every upgrade passes
 * through; KDCC must read it through librados (KdccSession and
 * `kdcc-cli status --json`), show which daemon types lag on which version,
 * and its diagnostics summary must name the mixed versions. Then the roll
 * completes (`osd require-osd-release reef`): one version everywhere, and
 * every object written before the roll reads back byte for byte.
 *
 * Known limit (tests/cluster/README.md): the Reef mgr here cannot load its
 * PyO3-based modules, so the dashboard and the exporter go away when the
 * mgr is upgraded; only the librados side is tested on Reef.
 */
#define G_LOG_DOMAIN "kdcc-test"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "kdcc-diagnostics.h"
#include "kdcc-error.h"
#include "kdcc-session.h"
#include "kdcc-test-util.h"

#define PACIFIC_VERSION "ceph version 16.2.15 "
#define REEF_VERSION    "ceph version 18.2.7 "
#define N_OBJECTS       12

/* Helpers ---------------------------------------------------------------- */

typedef struct
{
  GAsyncResult *result;
} AsyncData;

static void
async_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  AsyncData *data = user_data;

  data->result = g_object_ref (result);
}

static gboolean
have_result (gpointer user_data)
{
  return ((AsyncData *) user_data)->result != NULL;
}

/* A direct (librados) session with its first full fetch done. */
static KdccSession *
open_session (KdccTestCluster *cluster)
{
  g_autoptr(KdccProfile) profile = kdcc_profile_new (KDCC_PROFILE_KIND_DIRECT);
  g_autoptr(GError) error = NULL;
  AsyncData data = { NULL };
  KdccSession *session;

  kdcc_profile_set_conf_path (profile, cluster->conf);
  kdcc_profile_set_keyring_path (profile, cluster->keyring);
  kdcc_profile_set_client_id (profile, cluster->client_id);
  kdcc_session_new_async (profile, NULL, NULL, KDCC_SESSION_FLAGS_NONE, NULL, async_done_cb,
                          &data);
  g_assert_true (kdcc_test_wait_until (have_result, &data, 60000));
  session = kdcc_session_new_finish (data.result, &error);
  g_object_unref (data.result);
  g_assert_no_error (error);
  g_assert_nonnull (session);
  return session;
}

/* The count of TYPE daemons whose version starts with PREFIX in KDCC's
 * model; -1 when the model has no such row. */
static gint64
model_count (const GPtrArray *versions,
             const char      *type,
             const char      *prefix)
{
  gint64 count = -1;

  for (guint i = 0; i < versions->len; i++)
    {
      const KdccVersionData *v = g_ptr_array_index ((GPtrArray *) versions, i);

      if (g_strcmp0 (v->daemon_type, type) == 0 && g_str_has_prefix (v->version, prefix))
        count = MAX (count, 0) + v->count;
    }
  return count;
}

static guint
model_n_rows (const GPtrArray *versions,
              const char      *type)
{
  guint n = 0;

  for (guint i = 0; i < versions->len; i++)
    if (g_strcmp0 (((KdccVersionData *) g_ptr_array_index ((GPtrArray *) versions, i))->daemon_type,
                   type) == 0)
      n++;
  return n;
}

/* The same in a `versions` object of JSON ({"mon": {"VERSION": N}, ...}),
 * as both `ceph versions` and `kdcc-cli status --json` print it. */
static gint64
json_count (JsonObject *versions,
            const char *type,
            const char *prefix)
{
  JsonObject *per_type;
  g_autoptr(GList) members = NULL;
  gint64 count = -1;

  if (!json_object_has_member (versions, type))
    return -1;
  per_type = json_object_get_object_member (versions, type);
  members = json_object_get_members (per_type);
  for (const GList *l = members; l != NULL; l = l->next)
    if (g_str_has_prefix (l->data, prefix))
      count = MAX (count, 0) + json_object_get_int_member (per_type, l->data);
  return count;
}

/* Asserts that KDCC's model, `kdcc-cli status --json` and the real
 * `ceph versions` all count N_REEF of TYPE on Reef and N_PACIFIC on
 * Pacific (0: no row for that version at all). */
typedef struct
{
  const char *type;
  gint64      n_pacific;
  gint64      n_reef;
} Expect;

static gint64
or_zero (gint64 n)
{
  return n < 0 ? 0 : n;
}

static void
assert_versions (KdccTestCluster *cluster,
                 const GPtrArray *model,
                 JsonObject      *cli_versions,
                 const Expect    *expect,
                 guint            n_expect)
{
  g_autoptr(JsonNode) ceph = kdcc_test_ceph_json (cluster, "versions", NULL);
  JsonObject *ceph_versions = json_node_get_object (ceph);

  for (guint i = 0; i < n_expect; i++)
    {
      const Expect *e = &expect[i];
      guint n_versions = (e->n_pacific > 0) + (e->n_reef > 0);

      g_test_message ("%s: expect %" G_GINT64_FORMAT " on Pacific, %" G_GINT64_FORMAT
                      " on Reef; KDCC %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT
                      ", kdcc-cli %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT,
                      e->type, e->n_pacific, e->n_reef,
                      model_count (model, e->type, PACIFIC_VERSION),
                      model_count (model, e->type, REEF_VERSION),
                      json_count (cli_versions, e->type, PACIFIC_VERSION),
                      json_count (cli_versions, e->type, REEF_VERSION));
      /* The real cluster is in the state we made. */
      g_assert_cmpint (or_zero (json_count (ceph_versions, e->type, PACIFIC_VERSION)), ==,
                       e->n_pacific);
      g_assert_cmpint (or_zero (json_count (ceph_versions, e->type, REEF_VERSION)), ==,
                       e->n_reef);
      /* KDCC's model shows it: one row per version, with its count. */
      g_assert_cmpint (or_zero (model_count (model, e->type, PACIFIC_VERSION)), ==, e->n_pacific);
      g_assert_cmpint (or_zero (model_count (model, e->type, REEF_VERSION)), ==, e->n_reef);
      g_assert_cmpuint (model_n_rows (model, e->type), ==, n_versions);
      /* And so does kdcc-cli. */
      g_assert_cmpint (or_zero (json_count (cli_versions, e->type, PACIFIC_VERSION)), ==,
                       e->n_pacific);
      g_assert_cmpint (or_zero (json_count (cli_versions, e->type, REEF_VERSION)), ==, e->n_reef);
      g_assert_cmpuint (json_object_get_size (json_object_get_object_member (cli_versions,
                                                                             e->type)),
                        ==, n_versions);
    }
}

/* Runs `kdcc-cli status --json` against the cluster (librados). */
static JsonNode *
cli_status_json (KdccTestCluster *cluster)
{
  const char *cli = g_getenv ("KDCC_CLI");
  const char *argv[] = { cli, "status", "--json", "--conf", cluster->conf, "--keyring",
                         cluster->keyring, "--id", cluster->client_id, NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  if (cli == NULL)
    g_error ("KDCC_CLI is not set; run the tests through meson");
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out,
                               &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("kdcc-cli status failed: %s\n%s", error->message, err);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

typedef struct
{
  GMainLoop *loop;
  char      *path;
  GError    *error;
} Gather;

static void
gathered_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Gather *gather = user_data;

  gather->path = kdcc_diagnostics_gather_finish (KDCC_DIAGNOSTICS (object), result,
                                                 &gather->error);
  g_main_loop_quit (gather->loop);
}

/* Gathers a real diagnostic bundle through the session's source and
 * returns its SUMMARY.txt. */
static char *
diagnostics_summary (KdccSession *session,
                     const char  *tmpdir,
                     const char  *name)
{
  g_autoptr(KdccDiagnostics) diagnostics = kdcc_diagnostics_new (kdcc_session_get_source (session));
  g_autofree char *path = g_build_filename (tmpdir, name, NULL);
  Gather gather = { 0 };
  char *summary;

  gather.loop = g_main_loop_new (NULL, FALSE);
  kdcc_diagnostics_gather_async (diagnostics, path, NULL, gathered_cb, &gather);
  g_main_loop_run (gather.loop);
  g_main_loop_unref (gather.loop);
  g_assert_no_error (gather.error);
  g_assert_nonnull (gather.path);
  g_assert_true (g_file_test (gather.path, G_FILE_TEST_IS_REGULAR));
  g_unlink (gather.path);
  g_free (gather.path);
  summary = g_strdup (kdcc_diagnostics_get_summary (diagnostics));
  g_assert_nonnull (summary);
  return summary;
}

/* rados put/get/ls with the host's client (Pacific librados). */
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

static GHashTable *
object_names (KdccTestCluster *cluster)
{
  g_autofree char *out = rados (cluster, "ls", NULL, NULL);
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    if (*lines[i] != '\0')
      g_hash_table_add (names, g_strdup (lines[i]));
  return names;
}

/* The test ------------------------------------------------------------------ */

static void
test_pacific_to_reef (void)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_start_private_release ("pacific");
  g_autofree char *tmpdir = g_dir_make_tmp ("kdcc-test-upgrade-XXXXXX", NULL);
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(GHashTable) contents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                          (GDestroyNotify) g_bytes_unref);
  g_autoptr(JsonNode) cli = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *out = NULL;
  KdccSession *session;
  GHashTableIter iter;
  gpointer key, value;
  gint64 start;
  const Expect pacific[] = { { "mon", 1, 0 }, { "mgr", 1, 0 }, { "osd", 3, 0 },
                             { "overall", 5, 0 } };
  const Expect mixed[] = { { "mon", 0, 1 }, { "mgr", 0, 1 }, { "osd", 2, 1 },
                           { "overall", 2, 3 } };
  const Expect reef[] = { { "mon", 0, 1 }, { "mgr", 0, 1 }, { "osd", 0, 3 },
                          { "overall", 0, 5 } };

  g_assert_cmpstr (cluster->release, ==, "pacific");
  g_assert_nonnull (tmpdir);

  /* Objects of our own beside the harness's four, each with random bytes,
   * all written on Pacific. */
  for (guint i = 0; i < N_OBJECTS; i++)
    {
      g_autofree char *name = g_strdup_printf ("upgrade-%02u", i);
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
  /* What every object holds now, read back on Pacific. */
  before = object_names (cluster);
  g_assert_cmpuint (g_hash_table_size (before), ==, N_OBJECTS + 4);
  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_autofree char *file = g_build_filename (tmpdir, "get", NULL);
      g_autoptr(GError) error = NULL;
      char *data = NULL;
      gsize len = 0;

      g_free (rados (cluster, "get", key, file));
      g_assert_true (g_file_get_contents (file, &data, &len, &error));
      g_assert_no_error (error);
      g_hash_table_insert (contents, g_strdup (key), g_bytes_new_take (data, len));
      g_unlink (file);
    }

  /* Before: one version, and KDCC says so. */
  session = open_session (cluster);
  cli = cli_status_json (cluster);
  assert_versions (cluster, kdcc_cluster_get_versions (kdcc_session_get_cluster (session)),
                   json_object_get_object_member (json_node_get_object (cli), "versions"),
                   pacific, G_N_ELEMENTS (pacific));
  kdcc_session_close (session);
  g_clear_object (&session);
  g_clear_pointer (&cli, json_node_unref);

  /* The roll, as the upgrade guides order it: noout, mons, mgrs, OSDs. */
  g_free (kdcc_test_ceph_text (cluster, "osd", "set", "noout", NULL));
  start = g_get_monotonic_time ();
  kdcc_test_cluster_upgrade_daemon (cluster, "mon", "reef");
  kdcc_test_cluster_upgrade_daemon (cluster, "mgr", "reef");
  kdcc_test_cluster_upgrade_daemon (cluster, "osd.0", "reef");
  g_test_message ("mon, mgr and osd.0 on Reef after %.1f s",
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);

  /* Mid-upgrade: mon and mgr on Reef, osd.1 and osd.2 lag on Pacific. */
  session = open_session (cluster);
  g_assert_cmpstr (kdcc_cluster_get_fsid (kdcc_session_get_cluster (session)), ==,
                   cluster->fsid);
  g_assert_cmpint (kdcc_cluster_get_osds_total (kdcc_session_get_cluster (session)), ==, 3);
  cli = cli_status_json (cluster);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (cli), "fsid"), ==,
                   cluster->fsid);
  assert_versions (cluster, kdcc_cluster_get_versions (kdcc_session_get_cluster (session)),
                   json_object_get_object_member (json_node_get_object (cli), "versions"),
                   mixed, G_N_ELEMENTS (mixed));
  summary = diagnostics_summary (session, tmpdir, "mixed.tar.gz");
  g_test_message ("mid-upgrade SUMMARY.txt:\n%s", summary);
  g_assert_nonnull (strstr (summary, "Daemons run 2 different Ceph versions"));
  g_assert_nonnull (strstr (summary, "osd: 2 × " PACIFIC_VERSION));
  g_assert_nonnull (strstr (summary, "osd: 1 × " REEF_VERSION));
  g_assert_nonnull (strstr (summary, "mon: 1 × " REEF_VERSION));
  g_assert_nonnull (strstr (summary, "mgr: 1 × " REEF_VERSION));
  g_assert_null (strstr (summary, "mon: 1 × " PACIFIC_VERSION));
  g_clear_pointer (&summary, g_free);
  kdcc_session_close (session);
  g_clear_object (&session);
  g_clear_pointer (&cli, json_node_unref);

  /* Complete the roll. */
  start = g_get_monotonic_time ();
  kdcc_test_cluster_upgrade_daemon (cluster, "osd.1", "reef");
  kdcc_test_cluster_upgrade_daemon (cluster, "osd.2", "reef");
  g_free (kdcc_test_ceph_text (cluster, "osd", "require-osd-release", "reef", NULL));
  g_free (kdcc_test_ceph_text (cluster, "osd", "unset", "noout", NULL));
  g_test_message ("osd.1 and osd.2 on Reef after %.1f s",
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  out = kdcc_test_ceph_text (cluster, "osd", "dump", NULL);
  g_assert_nonnull (strstr (out, "require_osd_release reef"));

  /* After: one version, and KDCC says so. */
  session = open_session (cluster);
  cli = cli_status_json (cluster);
  assert_versions (cluster, kdcc_cluster_get_versions (kdcc_session_get_cluster (session)),
                   json_object_get_object_member (json_node_get_object (cli), "versions"),
                   reef, G_N_ELEMENTS (reef));
  summary = diagnostics_summary (session, tmpdir, "reef.tar.gz");
  g_assert_null (strstr (summary, "different Ceph versions"));
  g_assert_nonnull (strstr (summary, "All daemons run " REEF_VERSION));
  kdcc_session_close (session);
  g_clear_object (&session);

  /* No object lost, none changed. */
  after = object_names (cluster);
  g_assert_cmpuint (g_hash_table_size (after), ==, g_hash_table_size (before));
  g_hash_table_iter_init (&iter, contents);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autofree char *file = g_build_filename (tmpdir, "get", NULL);
      g_autoptr(GError) error = NULL;
      g_autofree char *data = NULL;
      gsize len = 0;

      g_assert_true (g_hash_table_contains (after, key));
      g_free (rados (cluster, "get", key, file));
      g_assert_true (g_file_get_contents (file, &data, &len, &error));
      g_assert_no_error (error);
      g_assert_cmpmem (data, len, g_bytes_get_data (value, NULL), g_bytes_get_size (value));
      g_unlink (file);
    }
  g_test_message ("%u objects read back intact on Reef", g_hash_table_size (contents));

  g_rmdir (tmpdir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/upgrade-live/pacific-to-reef", test_pacific_to_reef);

  return kdcc_test_run ();
}
