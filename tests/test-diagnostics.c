/* test-diagnostics.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Live tests of the diagnostic bundle against the real test cluster: a
 * complete bundle whose manifest matches its files and whose summary names
 * the cluster's real health checks; canary secrets planted in a private
 * cluster appear in no file (and do appear with redaction off, which
 * proves the scan); a stopped mgr fails only the mgr items; cancel leaves
 * nothing behind; `kdcc-cli diagnose` works without a display.
 */
#define G_LOG_DOMAIN "test-diagnostics"

#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include <archive.h>
#include <archive_entry.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#ifndef SOUP_VERSION_MIN_REQUIRED
#define SOUP_VERSION_MIN_REQUIRED SOUP_VERSION_3_0
#endif
#include <libsoup/soup.h>

#include "kdcc-dashboard-source.h"
#include "kdcc-diagnostics.h"
#include "kdcc-error.h"
#include "kdcc-rados-source.h"
#include "kdcc-test-util.h"

/* ------------------------------------------------------------------------
 * Helpers
 * ------------------------------------------------------------------------ */

/* Reads a .tar.gz back with libarchive: path inside the bundle folder →
 * GBytes. Asserts that every entry sits under one top folder. */
static GHashTable *
read_bundle (const char *path)
{
  GHashTable *files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) g_bytes_unref);
  struct archive *archive = archive_read_new ();
  struct archive_entry *entry;
  g_autofree char *folder = NULL;
  int r;

  archive_read_support_filter_gzip (archive);
  archive_read_support_format_tar (archive);
  r = archive_read_open_filename (archive, path, 65536);
  g_assert_cmpint (r, ==, ARCHIVE_OK);

  while ((r = archive_read_next_header (archive, &entry)) == ARCHIVE_OK)
    {
      const char *name = archive_entry_pathname (entry);
      const char *slash = strchr (name, '/');
      g_autoptr(GByteArray) data = g_byte_array_new ();
      char buf[16384];
      la_ssize_t n;

      g_assert_nonnull (slash);
      if (folder == NULL)
        folder = g_strndup (name, slash - name);
      g_assert_cmpint (strncmp (name, folder, slash - name), ==, 0);
      while ((n = archive_read_data (archive, buf, sizeof buf)) > 0)
        g_byte_array_append (data, (const guint8 *) buf, n);
      g_assert_cmpint (n, ==, 0);
      g_assert_false (g_hash_table_contains (files, slash + 1));
      g_hash_table_insert (files, g_strdup (slash + 1), g_byte_array_free_to_bytes (g_steal_pointer (&data)));
    }
  g_assert_cmpint (r, ==, ARCHIVE_EOF);
  archive_read_free (archive);
  return files;
}

static gboolean
bytes_contain (GBytes     *bytes,
               const char *needle)
{
  gsize len, nlen = strlen (needle);
  const char *data = g_bytes_get_data (bytes, &len);

  for (gsize i = 0; i + nlen <= len; i++)
    if (memcmp (data + i, needle, nlen) == 0)
      return TRUE;
  return FALSE;
}

static JsonObject *
parse_manifest (GHashTable *files,
                JsonParser *parser)
{
  GBytes *manifest = g_hash_table_lookup (files, "manifest.json");
  g_autoptr(GError) error = NULL;
  gsize len;
  const char *data;

  g_assert_nonnull (manifest);
  data = g_bytes_get_data (manifest, &len);
  json_parser_load_from_data (parser, data, len, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_node_get_object (json_parser_get_root (parser));
}

static JsonObject *
find_item (JsonObject *manifest,
           const char *name)
{
  JsonArray *items = json_object_get_array_member (manifest, "items");

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      if (g_strcmp0 (json_object_get_string_member (item, "item"), name) == 0)
        return item;
    }
  return NULL;
}

static char *
make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("kdcc-diag-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

typedef struct
{
  GMainLoop       *loop;
  char            *path;
  GError          *error;
  guint            n_progress;
  guint            last_done;
  guint            last_total;
  gboolean         monotonic;
  GCancellable    *cancel_after_first;
} Gather;

static void
progress_cb (KdccDiagnostics *diagnostics,
             guint            done,
             guint            total,
             const char      *item,
             gpointer         user_data)
{
  Gather *gather = user_data;

  g_assert_nonnull (item);
  g_assert_cmpuint (done, <=, total);
  if (done < gather->last_done)
    gather->monotonic = FALSE;
  gather->last_done = done;
  gather->last_total = total;
  gather->n_progress++;
  if (gather->cancel_after_first != NULL && gather->n_progress == 2)
    g_cancellable_cancel (gather->cancel_after_first);
}

static void
gathered_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Gather *gather = user_data;

  gather->path = kdcc_diagnostics_gather_finish (KDCC_DIAGNOSTICS (object), result, &gather->error);
  g_main_loop_quit (gather->loop);
}

/* Runs one gathering on the default main context (as the GUI would). */
static char *
gather_bundle (KdccDiagnostics *diagnostics,
               const char      *path,
               GCancellable    *cancellable,
               gboolean         cancel_after_first,
               guint           *n_progress,
               GError         **error)
{
  Gather gather = { 0 };
  gulong id;

  gather.loop = g_main_loop_new (NULL, FALSE);
  gather.monotonic = TRUE;
  gather.cancel_after_first = cancel_after_first ? cancellable : NULL;
  id = g_signal_connect (diagnostics, "progress", G_CALLBACK (progress_cb), &gather);

  kdcc_diagnostics_gather_async (diagnostics, path, cancellable, gathered_cb, &gather);
  g_assert_true (kdcc_diagnostics_get_running (diagnostics));
  g_main_loop_run (gather.loop);
  g_signal_handler_disconnect (diagnostics, id);
  g_main_loop_unref (gather.loop);

  g_assert_false (kdcc_diagnostics_get_running (diagnostics));
  g_assert_true (gather.monotonic);
  if (n_progress != NULL)
    *n_progress = gather.n_progress;
  if (gather.error != NULL)
    g_propagate_error (error, gather.error);
  return gather.path;
}

static KdccSource *
rados_source_for (KdccTestCluster *cluster)
{
  return KDCC_SOURCE (kdcc_rados_source_new (cluster->conf, cluster->keyring, cluster->client_id));
}

/* Every manifest item is either "ok" with a file of exactly its size, or
 * recorded with its error; every file but the manifest and summary belongs
 * to exactly one item. */
static void
assert_manifest_matches (GHashTable *files,
                         JsonObject *manifest)
{
  JsonArray *items = json_object_get_array_member (manifest, "items");
  g_autoptr(GHashTable) claimed = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key;

  g_assert_nonnull (g_hash_table_lookup (files, "SUMMARY.txt"));
  g_assert_cmpuint (json_array_get_length (items), ==, json_object_get_int_member (manifest, "n_items"));

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      const char *status = json_object_get_string_member (item, "status");
      const char *name = json_object_get_string_member (item, "item");

      g_assert_nonnull (name);
      g_assert_true (json_object_has_member (item, "command"));
      g_assert_true (json_object_has_member (item, "started"));
      g_assert_true (json_object_has_member (item, "duration_ms"));
      g_assert_true (json_object_has_member (item, "bytes"));
      g_assert_true (json_object_has_member (item, "error"));
      if (g_strcmp0 (status, "ok") == 0)
        {
          const char *file = json_object_get_string_member (item, "file");
          GBytes *data = g_hash_table_lookup (files, file);

          if (data == NULL)
            g_error ("item %s: file %s missing from the bundle", name, file);
          g_assert_cmpint (json_object_get_int_member (item, "bytes"), ==, g_bytes_get_size (data));
          g_assert_false (g_hash_table_contains (claimed, file));
          g_hash_table_add (claimed, (gpointer) file);
        }
      else
        {
          const char *error = json_object_get_string_member_with_default (item, "error", NULL);

          if (error == NULL || error[0] == '\0')
            g_error ("item %s has status %s but no error", name, status);
          g_assert_true (json_node_is_null (json_object_get_member (item, "file")));
        }
    }

  g_hash_table_iter_init (&iter, files);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      if (g_str_equal (key, "manifest.json") || g_str_equal (key, "SUMMARY.txt"))
        continue;
      if (!g_hash_table_contains (claimed, key))
        g_error ("file %s is in the bundle but not in the manifest", (const char *) key);
    }
}

/* Every item of a Dashboard bundle has the status this transport implies:
 * each Dashboard endpoint gathered ("ok", with a JSON file), each Ceph
 * command it cannot run "not-available", and nothing "failed". */
static void
assert_dashboard_items (GHashTable *files,
                        JsonObject *manifest)
{
  JsonArray *all = json_object_get_array_member (manifest, "items");
  const KdccDiagnosticsItem *items;
  guint n_items, n_dashboard = 0, n_ceph = 0;

  items = kdcc_diagnostics_get_dashboard_items (&n_items);
  g_assert_cmpuint (n_items, >, 0);
  for (guint i = 0; i < n_items; i++)
    {
      JsonObject *item = find_item (manifest, items[i].name);
      g_autofree char *file = g_strconcat (items[i].file, ".json", NULL);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      GBytes *data;

      if (item == NULL)
        g_error ("dashboard item %s missing from the manifest", items[i].name);
      if (g_strcmp0 (json_object_get_string_member (item, "status"), "ok") != 0)
        g_error ("dashboard item %s (%s): %s: %s", items[i].name, items[i].command,
                 json_object_get_string_member (item, "status"),
                 json_object_get_string_member_with_default (item, "error", ""));
      g_assert_cmpstr (json_object_get_string_member (item, "file"), ==, file);
      data = g_hash_table_lookup (files, file);
      g_assert_nonnull (data);
      if (!json_parser_load_from_data (parser, g_bytes_get_data (data, NULL),
                                       g_bytes_get_size (data), &error))
        g_error ("%s is not JSON: %s", file, error->message);
    }

  for (guint i = 0; i < json_array_get_length (all); i++)
    {
      JsonObject *item = json_array_get_object_element (all, i);
      const char *name = json_object_get_string_member (item, "item");
      const char *target = json_object_get_string_member (item, "target");
      const char *status = json_object_get_string_member (item, "status");

      if (g_strcmp0 (target, "dashboard") == 0)
        {
          g_assert_cmpstr (status, ==, "ok");
          n_dashboard++;
        }
      else if (g_strcmp0 (target, "mon") == 0 || g_strcmp0 (target, "mgr") == 0)
        {
          if (g_strcmp0 (status, "not-available") != 0)
            g_error ("Ceph item %s through the Dashboard: %s, expected not-available", name,
                     status);
          n_ceph++;
        }
      else if (g_strcmp0 (status, "failed") == 0)
        g_error ("item %s (%s) failed: %s", name, target,
                 json_object_get_string_member_with_default (item, "error", ""));
    }
  g_assert_cmpuint (n_dashboard, ==, n_items);
  kdcc_diagnostics_get_ceph_items (&n_items);
  g_assert_cmpuint (n_ceph, ==, n_items);
}

/* ------------------------------------------------------------------------
 * Tests
 * ------------------------------------------------------------------------ */

static void
test_complete_bundle (void)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autoptr(KdccSource) source = rados_source_for (cluster);
  g_autoptr(KdccDiagnostics) diagnostics = kdcc_diagnostics_new (source);
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *target = g_build_filename (dir, "bundle.tar.gz", NULL);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) files = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonNode) health = NULL;
  g_autoptr(GList) codes = NULL;
  const char * const refresh_errors[] = { "Refresh failed: timed out", NULL };
  const KdccDiagnosticsItem *items;
  JsonObject *manifest, *checks;
  GBytes *summary_bytes;
  g_autofree char *summary = NULL;
  guint n_items, n_progress = 0, n_checks = 0;
  GStatBuf st;

  kdcc_diagnostics_set_refresh_errors (diagnostics, refresh_errors);
  path = gather_bundle (diagnostics, target, NULL, FALSE, &n_progress, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (path, ==, target);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_size, ==, kdcc_diagnostics_get_bundle_size (diagnostics));
  /* Only the bundle: no temporary file left next to it. */
  g_assert_cmpuint (kdcc_test_count_dir_entries (dir), ==, 1);
  g_assert_cmpfloat (kdcc_diagnostics_get_fraction (diagnostics), ==, 1.0);
  g_test_message ("bundle: %" G_GOFFSET_FORMAT " bytes, %u items, %u failed, %.2f s, "
                  "%u secrets replaced",
                  (goffset) st.st_size, kdcc_diagnostics_get_n_items (diagnostics),
                  kdcc_diagnostics_get_n_failed (diagnostics),
                  kdcc_diagnostics_get_duration (diagnostics),
                  kdcc_diagnostics_get_n_redactions (diagnostics));

  files = read_bundle (path);
  manifest = parse_manifest (files, parser);
  assert_manifest_matches (files, manifest);
  /* One progress signal per item gathered from the cluster. */
  {
    JsonArray *all = json_object_get_array_member (manifest, "items");
    guint n_cluster = 0;

    for (guint i = 0; i < json_array_get_length (all); i++)
      {
        JsonObject *item = json_array_get_object_element (all, i);

        if (g_strcmp0 (json_object_get_string_member (item, "target"), "kdcc") != 0)
          n_cluster++;
      }
    g_assert_cmpuint (n_progress, ==, n_cluster);
  }

  /* Every Ceph item of the table is in the manifest, gathered. */
  items = kdcc_diagnostics_get_ceph_items (&n_items);
  for (guint i = 0; i < n_items; i++)
    {
      JsonObject *item = find_item (manifest, items[i].name);

      if (item == NULL)
        g_error ("item %s missing from the manifest", items[i].name);
      if (g_strcmp0 (json_object_get_string_member (item, "status"), "ok") != 0)
        g_error ("item %s: %s: %s", items[i].name, json_object_get_string_member (item, "status"),
                 json_object_get_string_member_with_default (item, "error", ""));
      if (items[i].flags & KDCC_DIAGNOSTICS_ITEM_TEXT)
        {
          g_autofree char *text_file = g_strconcat (items[i].file, ".txt", NULL);

          g_assert_true (g_hash_table_contains (files, text_file));
        }
    }
  g_assert_cmpuint (kdcc_diagnostics_get_n_failed (diagnostics), ==, 0);
  g_assert_true (json_object_get_boolean_member (manifest, "redacted"));
  g_assert_cmpstr (json_object_get_string_member (manifest, "fsid"), ==, cluster->fsid);

  /* KDCC's own items: what exists is there, what does not is recorded. */
  g_assert_true (g_hash_table_contains (files, "kdcc/version.json"));
  g_assert_true (g_hash_table_contains (files, "kdcc/connection.json"));
  g_assert_true (bytes_contain (g_hash_table_lookup (files, "kdcc/refresh-errors.json"),
                                "Refresh failed: timed out"));
  g_assert_cmpstr (json_object_get_string_member (find_item (manifest, "KDCC staging area"),
                                                  "status"), ==, "ok");
  g_assert_cmpstr (json_object_get_string_member (find_item (manifest, "KDCC audit log"),
                                                  "status"), ==, "ok");
  g_assert_true (g_hash_table_contains (files, "kdcc/staging.json"));
  g_assert_true (g_hash_table_contains (files, "kdcc/audit-log.json"));

  /* The summary names every real health check, with the file showing it. */
  summary_bytes = g_hash_table_lookup (files, "SUMMARY.txt");
  summary = g_strndup (g_bytes_get_data (summary_bytes, NULL), g_bytes_get_size (summary_bytes));
  g_assert_cmpstr (summary, ==, kdcc_diagnostics_get_summary (diagnostics));
  health = kdcc_test_ceph_json (cluster, "health", "detail", NULL);
  checks = json_object_get_object_member (json_node_get_object (health), "checks");
  codes = json_object_get_members (checks);
  for (GList *l = codes; l != NULL; l = l->next, n_checks++)
    if (strstr (summary, l->data) == NULL)
      g_error ("SUMMARY.txt does not name the health check %s:\n%s", (const char *) l->data, summary);
  /* A fresh test cluster has real warnings (see ceph-facts.md §10). */
  g_assert_cmpuint (n_checks, >, 0);
  g_assert_nonnull (strstr (summary, "see ceph/health-detail.json"));

  g_unlink (path);
  g_rmdir (dir);
}

/* Random enough that no other file of the bundle contains it by chance. */
static char *
make_canary (const char *prefix)
{
  return g_strdup_printf ("%s%08x%08x", prefix, g_random_int (), g_random_int ());
}

static void
scan_for (GHashTable *files,
          const char *canary,
          gboolean    expect_found,
          const char *what)
{
  GHashTableIter iter;
  gpointer key, value;
  guint found = 0;

  g_hash_table_iter_init (&iter, files);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (bytes_contain (value, canary))
      {
        found++;
        if (!expect_found)
          g_error ("the %s canary leaked into %s", what, (const char *) key);
      }
  if (expect_found && found == 0)
    g_error ("the %s canary is in no file even without redaction: the scan proves nothing", what);
  g_test_message ("%s canary: in %u files", what, found);
}

static KdccTestCluster *private_cluster;

static KdccTestCluster *
get_private_cluster (void)
{
  if (private_cluster == NULL)
    private_cluster = kdcc_test_cluster_start_private ();
  return private_cluster;
}

static void
test_canaries (void)
{
  KdccTestCluster *cluster = get_private_cluster ();
  g_autoptr(KdccSource) source = rados_source_for (cluster);
  g_autoptr(KdccDiagnostics) diagnostics = kdcc_diagnostics_new (source);
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *redacted_path = g_build_filename (dir, "redacted.tar.gz", NULL);
  g_autofree char *plain_path = g_build_filename (dir, "plain.tar.gz", NULL);
  g_autofree char *config_key = make_canary ("ckcanary");
  g_autofree char *url_password = make_canary ("urlcanary");
  g_autofree char *url = g_strdup_printf ("https://canaryuser:%s@keystone.example", url_password);
  g_autofree char *auth_key = NULL;
  g_autofree char *out = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) files = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonNode) key_node = NULL;
  JsonObject *manifest, *redactions;

  /* Plant the canaries with the real ceph CLI. */
  out = kdcc_test_ceph_text (cluster, "config-key", "set", "kdcc/canary", config_key, NULL);
  g_clear_pointer (&out, g_free);
  out = kdcc_test_ceph_text (cluster, "auth", "get-or-create", "client.kdcc-canary", "mon", "allow r",
                             NULL);
  g_clear_pointer (&out, g_free);
  key_node = kdcc_test_ceph_json (cluster, "auth", "print-key", "client.kdcc-canary", NULL);
  if (JSON_NODE_HOLDS_VALUE (key_node))
    auth_key = g_strdup (json_node_get_string (key_node));
  else
    auth_key = g_strdup (json_object_get_string_member (json_node_get_object (key_node), "key"));
  g_assert_nonnull (auth_key);
  g_assert_true (g_str_has_prefix (auth_key, "AQ"));
  out = kdcc_test_ceph_text (cluster, "config", "set", "global", "rgw_keystone_url", url, NULL);
  g_clear_pointer (&out, g_free);

  path = gather_bundle (diagnostics, redacted_path, NULL, FALSE, NULL, &error);
  g_assert_no_error (error);
  files = read_bundle (path);
  scan_for (files, config_key, FALSE, "config-key value");
  scan_for (files, auth_key, FALSE, "auth key");
  scan_for (files, url_password, FALSE, "URL password");
  /* The URL stays readable without its password. */
  g_assert_true (bytes_contain (g_hash_table_lookup (files, "ceph/config-dump.json"),
                                "https://canaryuser:[REDACTED]@keystone.example"));

  /* The manifest says how many were replaced where. */
  manifest = parse_manifest (files, parser);
  redactions = json_object_get_object_member (find_item (manifest, "config-key dump"), "redactions");
  g_assert_cmpint (json_object_get_int_member_with_default (redactions, "config_key", 0), >, 0);
  redactions = json_object_get_object_member (find_item (manifest, "auth ls"), "redactions");
  g_assert_cmpint (json_object_get_int_member_with_default (redactions, "cephx_key", 0), >, 0);
  redactions = json_object_get_object_member (find_item (manifest, "config dump"), "redactions");
  g_assert_cmpint (json_object_get_int_member_with_default (redactions, "url_credentials", 0), ==, 1);
  g_clear_pointer (&files, g_hash_table_unref);
  g_clear_pointer (&path, g_free);

  /* Without redaction the same scan finds every canary. */
  kdcc_diagnostics_set_redact (diagnostics, FALSE);
  path = gather_bundle (diagnostics, plain_path, NULL, FALSE, NULL, &error);
  g_assert_no_error (error);
  files = read_bundle (path);
  scan_for (files, config_key, TRUE, "config-key value");
  scan_for (files, auth_key, TRUE, "auth key");
  scan_for (files, url_password, TRUE, "URL password");
  /* The bundle's bytes are not NUL-terminated: search them with their length. */
  g_assert_true (bytes_contain (g_hash_table_lookup (files, "SUMMARY.txt"), "OFF"));

  kdcc_test_remove_tree (dir);
}

/* POST /api/auth as the test itself: the token is then known here, and a
 * source that is handed it reads the whole bundle with it. */
static char *
dashboard_login (KdccTestCluster *cluster)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) request = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) login = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = g_strconcat (cluster->dashboard_url, "/api/auth", NULL);
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "username");
  json_builder_add_string_value (builder, cluster->dashboard_user);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, cluster->dashboard_password);
  json_builder_end_object (builder);
  login = json_builder_get_root (builder);
  text = json_to_string (login, FALSE);
  request = g_bytes_new (text, strlen (text));

  msg = soup_message_new ("POST", url);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept",
                                "application/vnd.ceph.api.v1.0+json");
  soup_message_set_request_body_from_bytes (msg, "application/json", request);
  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 201);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                             g_bytes_get_size (body), NULL));
  return g_strdup (json_object_get_string_member (json_node_get_object (
                     json_parser_get_root (parser)), "token"));
}

/* A Dashboard bundle carries /api/cluster_conf (every Ceph option with its
 * values) and /api/logs/all. A password-named option's value, the
 * dashboard's own password and the token the bundle was read with appear in
 * no file; the option's value appears with redaction off, which proves the
 * scan. (A Dashboard module option such as mgr/dashboard/GRAFANA_API_PASSWORD
 * is in no answer of this bundle, even unredacted: /api/cluster_conf lists
 * Ceph's own options only, and the mgr's log does not carry the audit
 * lines of `config set`. The librados bundle's canaries test covers it
 * through `config dump`.) */
static void
test_dashboard_canaries (void)
{
  KdccTestCluster *cluster = get_private_cluster ();
  const char *ceph_option = "rgw_keystone_admin_password";
  g_autofree char *ceph_canary = make_canary ("keystonecanary");
  g_autofree char *token = dashboard_login (cluster);
  g_autofree char *signature = NULL;
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *redacted_path = g_build_filename (dir, "dashboard-redacted.tar.gz", NULL);
  g_autofree char *plain_path = g_build_filename (dir, "dashboard-plain.tar.gz", NULL);
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  g_autoptr(KdccDashboardSource) source = NULL;
  g_autoptr(KdccDiagnostics) diagnostics = NULL;
  g_autoptr(GHashTable) files = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  const char *dot;

  /* The JWT's last part is its signature, the secret part. */
  dot = strrchr (token, '.');
  g_assert_nonnull (dot);
  signature = g_strdup (dot + 1);
  g_assert_cmpuint (strlen (signature), >=, 16);

  out = kdcc_test_ceph_text (cluster, "config", "set", "global", ceph_option, ceph_canary, NULL);
  g_clear_pointer (&out, g_free);

  source = kdcc_dashboard_source_new (cluster->dashboard_url, cluster->dashboard_user,
                                      cluster->dashboard_password, NULL);
  kdcc_dashboard_source_set_token (source, token);
  diagnostics = kdcc_diagnostics_new (KDCC_SOURCE (source));

  path = gather_bundle (diagnostics, redacted_path, NULL, FALSE, NULL, &error);
  g_assert_no_error (error);
  /* Read with the token the test knows: no login of its own. */
  g_assert_cmpuint (kdcc_dashboard_source_get_login_count (source), ==, 0);
  files = read_bundle (path);
  assert_manifest_matches (files, parse_manifest (files, parser));
  assert_dashboard_items (files, parse_manifest (files, parser));
  g_assert_true (bytes_contain (g_hash_table_lookup (files, "dashboard/cluster-conf.json"),
                                ceph_option));
  scan_for (files, ceph_canary, FALSE, ceph_option);
  scan_for (files, cluster->dashboard_password, FALSE, "dashboard password");
  scan_for (files, token, FALSE, "dashboard token");
  scan_for (files, signature, FALSE, "dashboard token signature");
  g_clear_pointer (&files, g_hash_table_unref);
  g_clear_pointer (&path, g_free);

  /* Without redaction the option's value is found where it belongs, so
   * the scan above could have found it. The password and the token are in
   * no answer of the cluster at all. */
  kdcc_diagnostics_set_redact (diagnostics, FALSE);
  path = gather_bundle (diagnostics, plain_path, NULL, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kdcc_dashboard_source_get_login_count (source), ==, 0);
  files = read_bundle (path);
  scan_for (files, ceph_canary, TRUE, ceph_option);
  g_assert_true (bytes_contain (g_hash_table_lookup (files, "dashboard/cluster-conf.json"),
                                ceph_canary));
  scan_for (files, cluster->dashboard_password, FALSE, "dashboard password");
  scan_for (files, token, FALSE, "dashboard token");

  out = kdcc_test_ceph_text (cluster, "config", "rm", "global", ceph_option, NULL);
  g_clear_pointer (&out, g_free);
  out = kdcc_test_ceph_text (cluster, "config", "dump", NULL);
  g_assert_null (strstr (out, ceph_canary));
  kdcc_test_remove_tree (dir);
}

static void
test_mgr_stopped (void)
{
  KdccTestCluster *cluster = get_private_cluster ();
  g_autoptr(KdccSource) source = rados_source_for (cluster);
  g_autoptr(KdccDiagnostics) diagnostics = kdcc_diagnostics_new (source);
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *target = g_build_filename (dir, "no-mgr.tar.gz", NULL);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) files = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  const KdccDiagnosticsItem *items;
  JsonObject *manifest;
  guint n_items, n_mgr = 0, n_mon = 0;
  gint64 start;

  kdcc_test_cluster_stop_daemon (cluster, "mgr");
  kdcc_diagnostics_set_item_timeout (diagnostics, 20000);
  start = g_get_monotonic_time ();
  path = gather_bundle (diagnostics, target, NULL, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_test_message ("without a mgr: %.1f s, %u of %u items failed",
                  (g_get_monotonic_time () - start) / 1e6,
                  kdcc_diagnostics_get_n_failed (diagnostics), kdcc_diagnostics_get_n_items (diagnostics));

  files = read_bundle (path);
  manifest = parse_manifest (files, parser);
  assert_manifest_matches (files, manifest);

  items = kdcc_diagnostics_get_ceph_items (&n_items);
  for (guint i = 0; i < n_items; i++)
    {
      JsonObject *item = find_item (manifest, items[i].name);
      const char *status = json_object_get_string_member (item, "status");

      if (items[i].target == KDCC_DIAGNOSTICS_TARGET_MGR)
        {
          if (g_strcmp0 (status, "ok") == 0)
            g_error ("mgr item %s succeeded without a mgr", items[i].name);
          g_assert_nonnull (json_object_get_string_member (item, "error"));
          n_mgr++;
        }
      else
        {
          if (g_strcmp0 (status, "ok") != 0)
            g_error ("mon item %s failed: %s", items[i].name,
                     json_object_get_string_member_with_default (item, "error", ""));
          n_mon++;
        }
    }
  g_assert_cmpuint (n_mgr, >, 0);
  g_assert_cmpuint (n_mon, >, 0);
  /* The summary says what failed, and what the gathered maps show. */
  g_assert_nonnull (strstr (kdcc_diagnostics_get_summary (diagnostics), "osd perf"));
  g_assert_nonnull (strstr (kdcc_diagnostics_get_summary (diagnostics), "Items that failed"));

  /* The private cluster is torn down next; no need to wait for a new mgr. */
  kdcc_test_remove_tree (dir);
}

static void
test_cancel (void)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autoptr(KdccSource) source = rados_source_for (cluster);
  g_autoptr(KdccDiagnostics) diagnostics = kdcc_diagnostics_new (source);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *target = g_build_filename (dir, "cancelled.tar.gz", NULL);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  guint n_progress = 0;

  /* One at a time, so the cancel lands in the middle of the items. */
  kdcc_diagnostics_set_max_parallel (diagnostics, 1);
  path = gather_bundle (diagnostics, target, cancellable, TRUE, &n_progress, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (path);
  g_assert_cmpuint (n_progress, >=, 2);
  /* Neither the bundle nor its temporary file. */
  g_assert_cmpuint (kdcc_test_count_dir_entries (dir), ==, 0);
  g_assert_null (kdcc_diagnostics_get_summary (diagnostics));

  /* The same object gathers again afterwards. */
  g_clear_error (&error);
  path = gather_bundle (diagnostics, target, NULL, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (target, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (kdcc_test_count_dir_entries (dir), ==, 1);

  kdcc_test_remove_tree (dir);
}

static void
test_cancel_before_start (void)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autoptr(KdccSource) source = rados_source_for (cluster);
  g_autoptr(KdccDiagnostics) diagnostics = kdcc_diagnostics_new (source);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *target = g_build_filename (dir, "never.tar.gz", NULL);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  path = gather_bundle (diagnostics, target, cancellable, FALSE, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (path);
  g_assert_cmpuint (kdcc_test_count_dir_entries (dir), ==, 0);
  kdcc_test_remove_tree (dir);
}

static void
test_bad_target (void)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autoptr(KdccSource) source = rados_source_for (cluster);
  g_autoptr(KdccDiagnostics) diagnostics = kdcc_diagnostics_new (source);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  path = gather_bundle (diagnostics, "/nonexistent-kdcc-folder/b.tar.gz", NULL, FALSE, NULL, &error);
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "/nonexistent-kdcc-folder"));
  g_assert_null (path);
}

static void
test_dashboard (void)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autoptr(KdccDashboardSource) source = kdcc_dashboard_source_new (cluster->dashboard_url,
                                                                     cluster->dashboard_user,
                                                                     cluster->dashboard_password,
                                                                     NULL);
  g_autoptr(KdccDiagnostics) diagnostics = kdcc_diagnostics_new (KDCC_SOURCE (source));
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *target = g_build_filename (dir, "dashboard.tar.gz", NULL);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) files = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonNode) health = NULL;
  g_autoptr(GList) codes = NULL;
  JsonObject *manifest;
  const char *summary;

  path = gather_bundle (diagnostics, target, NULL, FALSE, NULL, &error);
  g_assert_no_error (error);
  files = read_bundle (path);
  manifest = parse_manifest (files, parser);
  assert_manifest_matches (files, manifest);
  g_assert_cmpstr (json_object_get_string_member (manifest, "source_kind"), ==, "dashboard");

  assert_dashboard_items (files, manifest);
  g_assert_cmpuint (kdcc_diagnostics_get_n_failed (diagnostics), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (find_item (manifest, "health full"), "status"),
                   ==, "ok");
  g_assert_true (g_hash_table_contains (files, "dashboard/health-full.json"));

  /* What this transport cannot gather is said in the summary. */
  summary = kdcc_diagnostics_get_summary (diagnostics);
  g_assert_nonnull (strstr (summary, "Not gathered through this connection"));
  g_assert_nonnull (strstr (summary, "osd perf"));
  health = kdcc_test_ceph_json (cluster, "health", "detail", NULL);
  codes = json_object_get_members (json_object_get_object_member (json_node_get_object (health),
                                                                  "checks"));
  for (GList *l = codes; l != NULL; l = l->next)
    if (strstr (summary, l->data) == NULL)
      g_error ("SUMMARY.txt does not name the health check %s:\n%s", (const char *) l->data, summary);
  g_assert_nonnull (strstr (summary, "see dashboard/health-full.json"));
  g_assert_cmpstr (json_object_get_string_member (find_item (manifest, "osd perf"), "status"), ==,
                   "not-available");
  kdcc_test_remove_tree (dir);
}

static void
test_cli (void)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  const char *cli = g_getenv ("KDCC_CLI");
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *target = g_build_filename (dir, "cli.tar.gz", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *last_line = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) files = NULL;
  g_auto(GStrv) env = g_get_environ ();
  int status;
  const char *argv[] = { cli, "diagnose", "-o", target, "--conf", cluster->conf, "--keyring",
                         cluster->keyring, "--id", cluster->client_id, NULL };

  g_assert_nonnull (cli);
  env = g_environ_unsetenv (env, "DISPLAY");
  env = g_environ_unsetenv (env, "WAYLAND_DISPLAY");
  g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("kdcc-cli diagnose failed:\n%s\n%s", out, err);

  g_assert_true (g_file_test (target, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (kdcc_test_count_dir_entries (dir), ==, 1);
  /* Progress lines on standard error, the summary and the path on
   * standard output. */
  g_assert_nonnull (strstr (err, "] status\n"));
  g_assert_nonnull (strstr (err, "] osd dump\n"));
  g_assert_nonnull (strstr (out, "KDCC diagnostic bundle"));
  last_line = g_strconcat (target, "\n", NULL);
  g_assert_true (g_str_has_suffix (out, last_line));

  files = read_bundle (target);
  g_assert_true (g_hash_table_contains (files, "manifest.json"));
  g_assert_true (g_hash_table_contains (files, "SUMMARY.txt"));
  g_assert_true (g_hash_table_contains (files, "ceph/status.json"));
  kdcc_test_remove_tree (dir);
}

static void
test_cli_usage (void)
{
  const char *cli = g_getenv ("KDCC_CLI");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status;
  const char *argv[] = { cli, "diagnose", "-o", "/nonexistent-kdcc-folder/x.tar.gz", "--conf",
                         "/dev/null", NULL };

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 2);
  g_assert_nonnull (strstr (err, "kdcc-cli: "));
  g_assert_nonnull (strstr (err, "/nonexistent-kdcc-folder"));
}

/* A cluster that cannot be reached: the bundle is still made and records
 * why, every item is accounted for, and it takes one timeout, not one per
 * item. */
static void
test_cli_unreachable (void)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  const char *cli = g_getenv ("KDCC_CLI");
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *conf = g_build_filename (dir, "dead.conf", NULL);
  g_autofree char *target = g_build_filename (dir, "dead.tar.gz", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) files = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *manifest, *status;
  gint64 start;
  int wait_status;
  const char *argv[] = { cli, "diagnose", "-q", "-o", target, "--conf", conf, "--keyring",
                         cluster->keyring, NULL };

  /* Nothing listens on port 1. */
  g_file_set_contents (conf, "[global]\nmon_host = 127.0.0.1:1\n", -1, &error);
  g_assert_no_error (error);
  start = g_get_monotonic_time ();
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &wait_status,
                &error);
  g_assert_no_error (error);
  g_test_message ("unreachable cluster: %.1f s", (g_get_monotonic_time () - start) / 1e6);
  g_assert_true (WIFEXITED (wait_status));
  g_assert_cmpint (WEXITSTATUS (wait_status), ==, 1);
  g_assert_nonnull (strstr (err, "kdcc-cli: Nothing could be read from the cluster"));
  g_assert_cmpint ((g_get_monotonic_time () - start) / G_USEC_PER_SEC, <, 45);

  files = read_bundle (target);
  manifest = parse_manifest (files, parser);
  assert_manifest_matches (files, manifest);
  status = find_item (manifest, "status");
  g_assert_cmpstr (json_object_get_string_member (status, "status"), !=, "ok");
  g_assert_cmpstr (json_object_get_string_member (find_item (manifest, "osd perf"), "status"), ==,
                   "failed");
  /* KDCC's own: version, connection, refresh errors, staging area, audit log. */
  g_assert_cmpint (json_object_get_int_member (manifest, "n_ok"), ==, 5);
  kdcc_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/diagnostics/complete-bundle", test_complete_bundle);
  g_test_add_func ("/diagnostics/cancel", test_cancel);
  g_test_add_func ("/diagnostics/cancel-before-start", test_cancel_before_start);
  g_test_add_func ("/diagnostics/bad-target", test_bad_target);
  g_test_add_func ("/diagnostics/dashboard", test_dashboard);
  g_test_add_func ("/diagnostics/cli", test_cli);
  g_test_add_func ("/diagnostics/cli-usage", test_cli_usage);
  g_test_add_func ("/diagnostics/cli-unreachable", test_cli_unreachable);
  g_test_add_func ("/diagnostics/private/canaries", test_canaries);
  g_test_add_func ("/diagnostics/private/dashboard-canaries", test_dashboard_canaries);
  g_test_add_func ("/diagnostics/private/mgr-stopped", test_mgr_stopped);

  ret = g_test_run ();
  g_clear_pointer (&private_cluster, kdcc_test_cluster_free);
  return kdcc_test_exit (ret);
}
