/* test-dashboard-source.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * KdccDashboardSource against the real Ceph Dashboard (mgr module) of the
 * shared test cluster, and for TLS against the real dashboard of a private
 * cluster switched to HTTPS with its own self-signed certificate
 * (`ceph dashboard create-self-signed-cert`). Every failure here is a real
 * answer of the real dashboard: a wrong password, a closed port, an API
 * version it does not serve (415), an endpoint that really fails with 500
 * (GET /api/osd/999 on 16.2.15), a token revoked by a real logout, a user
 * deleted while logged in.
 */
#define G_LOG_DOMAIN "test-dashboard-source"

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#ifndef SOUP_VERSION_MIN_REQUIRED
#define SOUP_VERSION_MIN_REQUIRED SOUP_VERSION_3_0
#endif
#include <libsoup/soup.h>

#include "kdcc-dashboard-source.h"
#include "kdcc-error.h"
#include "kdcc-rados-source.h"
#include "kdcc-test-compare.h"
#include "kdcc-test-util.h"

static KdccTestCluster *shared;
/* The private HTTPS cluster of the TLS test, reused by the timeout test. */
static KdccTestCluster *private_cluster;
static char *private_url;
static char *private_fingerprint;

/* Everything logged in this process, also debug messages, so the last test
 * can prove that no secret was ever logged. */
static GMutex log_mutex;
static GString *log_text;
static char *seen_token;

static GLogWriterOutput
capture_writer (GLogLevelFlags   log_level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  g_mutex_lock (&log_mutex);
  for (gsize i = 0; i < n_fields; i++)
    if (fields[i].length < 0 && fields[i].value != NULL)
      g_string_append_printf (log_text, "%s=%s\n", fields[i].key,
                              (const char *) fields[i].value);
  g_mutex_unlock (&log_mutex);

  /* Debug messages are captured, but printed only on request: on stdout
   * they would break the TAP stream. */
  if ((log_level & (G_LOG_LEVEL_DEBUG | G_LOG_LEVEL_INFO)) != 0 &&
      g_getenv ("G_MESSAGES_DEBUG") == NULL)
    return G_LOG_WRITER_HANDLED;
  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

static KdccDashboardSource *
shared_source (void)
{
  return kdcc_dashboard_source_new (shared->dashboard_url, shared->dashboard_user,
                                    shared->dashboard_password, NULL);
}

static int
compare_str (gconstpointer a,
             gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Joins strings sorted, so sets compare as strings with a readable diff. */
static char *
join_sorted (GPtrArray *strings)
{
  g_ptr_array_sort (strings, compare_str);
  g_ptr_array_add (strings, NULL);
  return g_strjoinv (",", (char **) strings->pdata);
}

typedef struct
{
  char    *fsid;
  char    *health;
  char    *checks;
  char    *osds;      /* "0:up:in,1:up:in,..." */
  char    *pools;
  guint64  total_bytes;
  guint64  used_bytes;
} View;

static void
view_clear (View *view)
{
  g_free (view->fsid);
  g_free (view->health);
  g_free (view->checks);
  g_free (view->osds);
  g_free (view->pools);
  memset (view, 0, sizeof *view);
}

static char *
osd_line (gint64   id,
          gboolean up,
          gboolean in)
{
  return g_strdup_printf ("%03" G_GINT64_FORMAT ":%s:%s", id, up ? "up" : "down",
                          in ? "in" : "out");
}

static void
view_from_snapshot (View         *view,
                    KdccSnapshot *snap)
{
  g_autoptr(GPtrArray) checks = g_ptr_array_new ();
  g_autoptr(GPtrArray) osds = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) pools = g_ptr_array_new ();

  g_assert_nonnull (snap->osds);
  g_assert_nonnull (snap->pools);
  view->fsid = g_strdup (snap->fsid);
  view->health = g_strdup (kdcc_health_status_to_string (snap->health));
  for (guint i = 0; i < snap->checks->len; i++)
    g_ptr_array_add (checks, ((KdccHealthCheckData *) g_ptr_array_index (snap->checks, i))->code);
  view->checks = join_sorted (checks);
  for (guint i = 0; i < snap->osds->len; i++)
    {
      KdccOsdData *osd = g_ptr_array_index (snap->osds, i);

      g_ptr_array_add (osds, osd_line (osd->id, osd->up, osd->in));
    }
  view->osds = join_sorted (osds);
  for (guint i = 0; i < snap->pools->len; i++)
    g_ptr_array_add (pools, ((KdccPoolData *) g_ptr_array_index (snap->pools, i))->name);
  view->pools = join_sorted (pools);
  view->total_bytes = snap->total_bytes;
  view->used_bytes = snap->used_bytes;
}

/* The same facts from the real `ceph` CLI. */
static void
view_from_cli (View *view)
{
  g_autoptr(JsonNode) status = kdcc_test_ceph_json (shared, "status", NULL);
  g_autoptr(JsonNode) dump = kdcc_test_ceph_json (shared, "osd", "dump", NULL);
  g_autoptr(JsonNode) pool_ls = kdcc_test_ceph_json (shared, "osd", "pool", "ls", NULL);
  g_autoptr(JsonNode) df = kdcc_test_ceph_json (shared, "df", NULL);
  g_autoptr(GPtrArray) checks = g_ptr_array_new ();
  g_autoptr(GPtrArray) osds = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) pools = g_ptr_array_new ();
  JsonObject *status_obj = json_node_get_object (status);
  JsonObject *health = json_object_get_object_member (status_obj, "health");
  JsonArray *osd_array = json_object_get_array_member (json_node_get_object (dump), "osds");
  JsonArray *pool_array = json_node_get_array (pool_ls);
  JsonObject *stats = json_object_get_object_member (json_node_get_object (df), "stats");
  g_autoptr(GList) codes = json_object_get_members (json_object_get_object_member (health,
                                                                                    "checks"));

  view->fsid = g_strdup (json_object_get_string_member (status_obj, "fsid"));
  view->health = g_strdup (json_object_get_string_member (health, "status"));
  for (GList *l = codes; l; l = l->next)
    g_ptr_array_add (checks, l->data);
  view->checks = join_sorted (checks);
  for (guint i = 0; i < json_array_get_length (osd_array); i++)
    {
      JsonObject *osd = json_array_get_object_element (osd_array, i);

      g_ptr_array_add (osds, osd_line (json_object_get_int_member (osd, "osd"),
                                       json_object_get_int_member (osd, "up") == 1,
                                       json_object_get_int_member (osd, "in") == 1));
    }
  view->osds = join_sorted (osds);
  for (guint i = 0; i < json_array_get_length (pool_array); i++)
    g_ptr_array_add (pools, (char *) json_array_get_string_element (pool_array, i));
  view->pools = join_sorted (pools);
  view->total_bytes = json_object_get_int_member (stats, "total_bytes");
  view->used_bytes = json_object_get_int_member (stats, "total_used_raw_bytes");
}

static gboolean
views_agree (const View *a,
             const View *b)
{
  guint64 used_diff = a->used_bytes > b->used_bytes ? a->used_bytes - b->used_bytes
                                                    : b->used_bytes - a->used_bytes;

  /* Used bytes move with every write (and the mgr reports them with a
   * delay), so they agree within 16 MiB; everything else exactly. */
  return g_strcmp0 (a->fsid, b->fsid) == 0 && g_strcmp0 (a->health, b->health) == 0 &&
         g_strcmp0 (a->checks, b->checks) == 0 && g_strcmp0 (a->osds, b->osds) == 0 &&
         g_strcmp0 (a->pools, b->pools) == 0 && a->total_bytes == b->total_bytes &&
         used_diff <= 16 * 1024 * 1024;
}

static void
assert_views_equal (const char *what,
                    const View *a,
                    const View *b)
{
  g_test_message ("comparing the dashboard with %s", what);
  g_assert_cmpstr (a->fsid, ==, b->fsid);
  g_assert_cmpstr (a->health, ==, b->health);
  g_assert_cmpstr (a->checks, ==, b->checks);
  g_assert_cmpstr (a->osds, ==, b->osds);
  g_assert_cmpstr (a->pools, ==, b->pools);
  g_assert_cmpuint (a->total_bytes, ==, b->total_bytes);
  g_assert_true (views_agree (a, b));
}

static void
test_fetch_agrees (void)
{
  g_autoptr(KdccDashboardSource) source = shared_source ();
  g_autoptr(KdccRadosSource) rados = kdcc_rados_source_new (shared->conf, shared->keyring,
                                                            shared->client_id);
  g_autoptr(KdccSnapshot) snap = NULL;
  g_autoptr(KdccSnapshot) light = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;
  View dash = { 0 }, cli = { 0 }, direct = { 0 };
  GBytes *out;
  gint64 start;

  g_assert_cmpstr (kdcc_source_get_kind (KDCC_SOURCE (source)), ==, "dashboard");

  /* The mgr serves health a moment later than the mon: the three views
   * are taken again (at most 5 times) until they describe the same moment. */
  for (guint attempt = 0; attempt < 5; attempt++)
    {
      g_autoptr(KdccSnapshot) rados_snap = NULL;

      view_clear (&dash);
      view_clear (&cli);
      view_clear (&direct);
      g_clear_pointer (&snap, kdcc_snapshot_unref);

      start = g_get_monotonic_time ();
      snap = kdcc_source_fetch_snapshot_sync (KDCC_SOURCE (source), TRUE, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (snap);
      g_test_message ("forced refresh (with /api/osd%s): %.1f ms",
                      attempt == 0 ? " and the login" : "",
                      (g_get_monotonic_time () - start) / 1000.0);
      view_from_snapshot (&dash, snap);
      view_from_cli (&cli);
      rados_snap = kdcc_source_fetch_snapshot_sync (KDCC_SOURCE (rados), TRUE, NULL, &error);
      g_assert_no_error (error);
      view_from_snapshot (&direct, rados_snap);

      if (views_agree (&dash, &cli) && views_agree (&dash, &direct))
        break;
      g_test_message ("attempt %u: the views differ, trying again", attempt);
      g_usleep (2 * G_USEC_PER_SEC);
    }

  g_assert_cmpstr (dash.fsid, ==, shared->fsid);
  assert_views_equal ("the ceph CLI", &dash, &cli);
  assert_views_equal ("the rados source", &dash, &direct);

  /* What else the model needs is there. */
  g_assert_cmpstr (snap->source_kind, ==, "dashboard");
  g_assert_cmpint (snap->fetched_at, >, 0);
  g_assert_cmpint (snap->osds_total, ==, (gint64) snap->osds->len);
  g_assert_cmpuint (snap->mons->len, >=, 1);
  g_assert_cmpuint (snap->quorum->len, >=, 1);
  g_assert_nonnull (snap->mgr_active);
  g_assert_cmpint (snap->pgs_total, >, 0);
  g_assert_cmpuint (snap->classes->len, >=, 1);
  g_assert_nonnull (snap->hosts);
  g_assert_cmpuint (snap->hosts->len, >=, 1);
  g_assert_cmpuint (snap->versions->len, >=, 2);
  for (guint i = 0; i < snap->osds->len; i++)
    {
      KdccOsdData *osd = g_ptr_array_index (snap->osds, i);

      g_assert_nonnull (osd->host);
      if (osd->up)
        {
          g_assert_true (osd->has_usage);
          g_assert_cmpuint (osd->total_bytes, >, 0);
        }
    }
  if (shared->pool != NULL)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < snap->pools->len; i++)
        {
          KdccPoolData *pool = g_ptr_array_index (snap->pools, i);

          if (g_str_equal (pool->name, shared->pool))
            {
              found = TRUE;
              g_assert_true (pool->has_usage);
              g_assert_cmpint (pool->size, >=, 1);
              g_assert_cmpint (pool->pg_num, >=, 1);
            }
        }
      g_assert_true (found);
    }

  /* A refresh without force keeps the OSD list when the osdmap did not
   * move: NULL means "keep what you have". */
  start = g_get_monotonic_time ();
  light = kdcc_source_fetch_snapshot_sync (KDCC_SOURCE (source), FALSE, NULL, &error);
  g_assert_no_error (error);
  g_test_message ("light refresh (health/full + summary): %.1f ms",
                  (g_get_monotonic_time () - start) / 1000.0);
  if (light->osdmap_epoch == snap->osdmap_epoch)
    {
      g_assert_null (light->osds);
      g_assert_null (light->hosts);
      g_assert_cmpuint (light->classes->len, ==, snap->classes->len);
    }
  else
    g_assert_nonnull (light->osds);
  g_assert_cmpint (light->osds_total, ==, snap->osds_total);
  /* One login served every request. */
  g_assert_cmpuint (kdcc_dashboard_source_get_login_count (source), ==, 1);

  out = kdcc_source_run_command_sync (KDCC_SOURCE (source), "mon",
                                      "{\"prefix\":\"status\",\"format\":\"json\"}",
                                      &status, NULL, &error);
  g_assert_null (out);
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_NOT_SUPPORTED);

  view_clear (&dash);
  view_clear (&cli);
  view_clear (&direct);
}

/* Beyond sets of codes and ids: each check's severity, summary, detail lines
 * and muted flag, the PG counts by state, each OSD's usage and each pool's
 * size, min_size, pg_num and usage, against the real ceph CLI. The
 * Dashboard serves the mgr's copy of these, refreshed every few seconds, so
 * a difference is retried (bounded) even when the cluster stood still. */
static void
test_details_match_cli (void)
{
  g_autoptr(KdccDashboardSource) source = shared_source ();

  kdcc_test_assert_source_matches_cli (shared, KDCC_SOURCE (source), KDCC_TEST_FACTS_ALL, TRUE,
                                       120);
}

/* The fields each endpoint must carry ------------------------------------ */

static JsonNode *
parse_body (const char *path,
            GBytes     *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  if (!json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                   &error))
    g_error ("GET %s: not JSON: %s", path, error->message);
  return json_node_copy (json_parser_get_root (parser));
}

/* Asserts that OBJ (at WHERE) has every member of SPEC, a space-separated
 * list of "name:t" where t says the JSON type: o object, a array,
 * s string, n number, b boolean. Returns OBJ for chaining. */
static JsonObject *
assert_members (const char *where,
                JsonObject *obj,
                const char *spec)
{
  g_auto(GStrv) items = g_strsplit (spec, " ", -1);

  if (obj == NULL)
    g_error ("%s: not an object", where);
  for (guint i = 0; items[i] != NULL; i++)
    {
      const char *colon = strrchr (items[i], ':');
      g_autofree char *name = NULL;
      JsonNode *node;
      gboolean ok = FALSE;

      g_assert_nonnull (colon);
      name = g_strndup (items[i], colon - items[i]);
      node = json_object_get_member (obj, name);
      if (node == NULL)
        g_error ("%s: no member \"%s\"", where, name);
      switch (colon[1])
        {
        case 'o': ok = JSON_NODE_HOLDS_OBJECT (node); break;
        case 'a': ok = JSON_NODE_HOLDS_ARRAY (node); break;
        case 's': ok = JSON_NODE_HOLDS_VALUE (node) &&
                       json_node_get_value_type (node) == G_TYPE_STRING; break;
        case 'n': ok = JSON_NODE_HOLDS_VALUE (node) &&
                       (json_node_get_value_type (node) == G_TYPE_INT64 ||
                        json_node_get_value_type (node) == G_TYPE_DOUBLE); break;
        case 'b': ok = JSON_NODE_HOLDS_VALUE (node) &&
                       json_node_get_value_type (node) == G_TYPE_BOOLEAN; break;
        default: g_assert_not_reached ();
        }
      if (!ok)
        g_error ("%s.%s: not of type %c", where, name, colon[1]);
    }
  return obj;
}

static JsonObject *
member_object (JsonObject *obj,
               const char *name)
{
  return json_object_get_object_member (obj, name);
}

/* health.checks as both health endpoints send it (ceph-facts.md §5): a list
 * with "type" = the code, and the codes `ceph health detail` reports. */
static void
assert_health_fields (const char *path,
                      JsonObject *root)
{
  g_autoptr(JsonNode) cli = kdcc_test_ceph_json (shared, "health", "detail", NULL);
  JsonObject *health = assert_members ("health", member_object (root, "health"),
                                       "status:s checks:a mutes:a");
  JsonArray *checks = json_object_get_array_member (health, "checks");
  const char *status = json_object_get_string_member (health, "status");

  g_assert_true (g_str_equal (status, "HEALTH_OK") || g_str_equal (status, "HEALTH_WARN") ||
                 g_str_equal (status, "HEALTH_ERR"));
  for (guint i = 0; i < json_array_get_length (checks); i++)
    {
      JsonObject *check = json_array_get_object_element (checks, i);

      assert_members ("health.checks[]", check, "type:s severity:s summary:o detail:a muted:b");
      assert_members ("health.checks[].summary", member_object (check, "summary"), "message:s");
    }
  /* The fresh test cluster has real warnings, and the dashboard shows them
   * (it may lag the mon, so only those that are there for a while). */
  g_assert_cmpuint (json_array_get_length (checks), >, 0);
  g_assert_cmpuint (json_object_get_size (json_object_get_object_member (
                      json_node_get_object (cli), "checks")), >, 0);
  g_test_message ("GET %s: %u health checks", path, json_array_get_length (checks));
}

static void
assert_health_full_fields (JsonObject *root)
{
  JsonObject *mon_status, *monmap, *osd_map, *pg_info, *df, *pool;
  JsonArray *pools, *osds;
  g_autoptr(JsonNode) osd_ls = kdcc_test_ceph_json (shared, "osd", "ls", NULL);
  g_autoptr(JsonNode) pool_ls = kdcc_test_ceph_json (shared, "osd", "pool", "ls", NULL);

  assert_members ("/api/health/full", root,
                  "health:o mon_status:o osd_map:o pg_info:o df:o client_perf:o pools:a "
                  "mgr_map:o fs_map:o hosts:n scrub_status:s");
  assert_health_fields ("/api/health/full", root);

  mon_status = assert_members ("mon_status", member_object (root, "mon_status"),
                               "monmap:o quorum:a");
  monmap = assert_members ("mon_status.monmap", member_object (mon_status, "monmap"),
                           "epoch:n fsid:s mons:a");
  g_assert_cmpstr (json_object_get_string_member (monmap, "fsid"), ==, shared->fsid);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (monmap, "mons")), >=,
                    1);
  assert_members ("mon_status.monmap.mons[]",
                  json_array_get_object_element (json_object_get_array_member (monmap, "mons"), 0),
                  "name:s rank:n");

  osd_map = assert_members ("osd_map", member_object (root, "osd_map"),
                            "epoch:n osds:a pools:a tree:o");
  osds = json_object_get_array_member (osd_map, "osds");
  g_assert_cmpuint (json_array_get_length (osds), ==,
                    json_array_get_length (json_node_get_array (osd_ls)));
  for (guint i = 0; i < json_array_get_length (osds); i++)
    assert_members ("osd_map.osds[]", json_array_get_object_element (osds, i),
                    "osd:n up:n in:n state:a");
  assert_members ("osd_map.tree", member_object (osd_map, "tree"), "nodes:a");

  pg_info = assert_members ("pg_info", member_object (root, "pg_info"),
                            "statuses:o object_stats:o");
  g_assert_cmpuint (json_object_get_size (member_object (pg_info, "statuses")), >, 0);
  assert_members ("pg_info.object_stats", member_object (pg_info, "object_stats"),
                  "num_objects:n num_objects_degraded:n num_objects_misplaced:n");

  df = assert_members ("df", member_object (root, "df"), "stats:o pools:a");
  assert_members ("df.stats", member_object (df, "stats"),
                  "total_bytes:n total_avail_bytes:n total_used_raw_bytes:n");
  g_assert_cmpint (json_object_get_int_member (member_object (df, "stats"), "total_bytes"), >, 0);
  assert_members ("client_perf", member_object (root, "client_perf"),
                  "read_bytes_sec:n read_op_per_sec:n write_bytes_sec:n write_op_per_sec:n");
  assert_members ("mgr_map", member_object (root, "mgr_map"),
                  "active_name:s available:b standbys:a");

  pools = json_object_get_array_member (root, "pools");
  g_assert_cmpuint (json_array_get_length (pools), ==,
                    json_array_get_length (json_node_get_array (pool_ls)));
  for (guint i = 0; i < json_array_get_length (pools); i++)
    {
      pool = assert_members ("pools[]", json_array_get_object_element (pools, i),
                             "pool:n pool_name:s type:n size:n min_size:n pg_num:n "
                             "pg_autoscale_mode:s application_metadata:o stats:o");
      /* Each statistic is {"latest", "rate", "rates"} in 16.2.15. */
      assert_members ("pools[].stats.stored",
                      member_object (member_object (pool, "stats"), "stored"), "latest:n");
      assert_members ("pools[].stats", member_object (pool, "stats"),
                      "max_avail:o percent_used:o objects:o");
    }
}

static void
assert_osd_fields (JsonArray *osds)
{
  g_autoptr(JsonNode) osd_ls = kdcc_test_ceph_json (shared, "osd", "ls", NULL);

  g_assert_cmpuint (json_array_get_length (osds), ==,
                    json_array_get_length (json_node_get_array (osd_ls)));
  for (guint i = 0; i < json_array_get_length (osds); i++)
    {
      JsonObject *osd = assert_members ("/api/osd[]", json_array_get_object_element (osds, i),
                                        "osd:n id:n up:n in:n weight:n osd_stats:o tree:o "
                                        "host:o stats:o");

      assert_members ("/api/osd[].osd_stats", member_object (osd, "osd_stats"),
                      "kb:n kb_used:n kb_avail:n num_pgs:n");
      assert_members ("/api/osd[].tree", member_object (osd, "tree"),
                      "name:s device_class:s crush_weight:n");
      assert_members ("/api/osd[].host", member_object (osd, "host"), "name:s");
      g_assert_cmpint (json_object_get_int_member (member_object (osd, "osd_stats"), "kb"), >, 0);
    }
}

static void
assert_summary_fields (JsonObject *root)
{
  g_autoptr(JsonNode) mgr_stat = kdcc_test_ceph_json (shared, "mgr", "stat", NULL);

  assert_members ("/api/summary", root,
                  "health_status:s mgr_id:s mgr_host:s have_mon_connection:b "
                  "executing_tasks:a finished_tasks:a version:s");
  g_assert_cmpstr (json_object_get_string_member (root, "mgr_id"), ==,
                   json_object_get_string_member (json_node_get_object (mgr_stat), "active_name"));
  g_assert_true (json_object_get_boolean_member (root, "have_mon_connection"));
  g_assert_true (g_str_has_prefix (json_object_get_string_member (root, "version"),
                                   "ceph version "));
  g_assert_true (g_str_has_prefix (json_object_get_string_member (root, "health_status"),
                                   "HEALTH_"));
}

static void
assert_health_minimal_fields (JsonObject *root)
{
  JsonObject *mon_status;

  assert_members ("/api/health/minimal", root,
                  "health:o mon_status:o osd_map:o pg_info:o df:o client_perf:o pools:a "
                  "mgr_map:o hosts:n scrub_status:s");
  assert_health_fields ("/api/health/minimal", root);
  mon_status = assert_members ("mon_status", member_object (root, "mon_status"),
                               "monmap:o quorum:a");
  assert_members ("mon_status.monmap", member_object (mon_status, "monmap"), "mons:a");
  assert_members ("osd_map", member_object (root, "osd_map"), "osds:a");
  assert_members ("pg_info", member_object (root, "pg_info"), "statuses:o object_stats:o");
  assert_members ("df.stats", member_object (member_object (root, "df"), "stats"),
                  "total_bytes:n total_avail_bytes:n total_used_raw_bytes:n");
  assert_members ("mgr_map", member_object (root, "mgr_map"), "active_name:s standbys:a");
}

static void
assert_endpoint_fields (const char *path,
                        GBytes     *body)
{
  g_autoptr(JsonNode) root = parse_body (path, body);

  if (g_str_equal (path, "/api/osd"))
    {
      g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
      assert_osd_fields (json_node_get_array (root));
      return;
    }
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  if (g_str_equal (path, "/api/health/full"))
    assert_health_full_fields (json_node_get_object (root));
  else if (g_str_equal (path, "/api/summary"))
    assert_summary_fields (json_node_get_object (root));
  else if (g_str_equal (path, "/api/health/minimal"))
    assert_health_minimal_fields (json_node_get_object (root));
  else
    g_error ("no field list for %s", path);
}

static void
test_endpoints (void)
{
  static const char * const paths[] = {
    "/api/health/full", "/api/osd", "/api/summary", "/api/health/minimal",
  };
  g_autoptr(KdccDashboardSource) source = shared_source ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) first = kdcc_dashboard_source_get_sync (source, "/api/summary", NULL, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GBytes) body = kdcc_dashboard_source_get_sync (source, paths[i], NULL, &error);

      g_assert_no_error (error);
      assert_endpoint_fields (paths[i], body);
      g_test_message ("GET %s: %" G_GSIZE_FORMAT " bytes in %.1f ms", paths[i],
                      g_bytes_get_size (body), (g_get_monotonic_time () - start) / 1000.0);
    }
}

static void
test_wrong_password (void)
{
  g_autoptr(KdccDashboardSource) source =
    kdcc_dashboard_source_new (shared->dashboard_url, shared->dashboard_user,
                               "not-the-password", NULL);
  g_autoptr(KdccSnapshot) snap = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = g_strdup_printf ("The dashboard refused user %s: wrong user name "
                                               "or password", shared->dashboard_user);

  snap = kdcc_source_fetch_snapshot_sync (KDCC_SOURCE (source), FALSE, NULL, &error);
  g_assert_null (snap);
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_AUTH);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_null (strstr (error->message, "not-the-password"));
  g_assert_cmpuint (kdcc_dashboard_source_get_login_count (source), ==, 1);

  /* A successful login resets the dashboard's failed-attempt counter, so
   * repeated runs never lock the shared account. */
  g_clear_error (&error);
  {
    g_autoptr(KdccDashboardSource) good = shared_source ();
    g_autoptr(GBytes) body = kdcc_dashboard_source_get_sync (good, "/api/summary", NULL, &error);

    g_assert_no_error (error);
  }
}

static guint16
closed_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  guint16 port;

  g_assert_true (g_socket_bind (socket, any, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  /* Bound but never listening: connecting is refused. */
  g_socket_close (socket, NULL);
  return port;
}

static void
test_closed_port (void)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u", closed_port ());
  g_autoptr(KdccDashboardSource) source =
    kdcc_dashboard_source_new (url, shared->dashboard_user, shared->dashboard_password, NULL);
  g_autoptr(KdccSnapshot) snap = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  snap = kdcc_source_fetch_snapshot_sync (KDCC_SOURCE (source), FALSE, NULL, &error);
  g_assert_null (snap);
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_CONNECT);
  g_assert_nonnull (strstr (error->message, url));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 11 * G_USEC_PER_SEC);
}

static void
test_unsupported_version (void)
{
  g_autoptr(KdccDashboardSource) source = shared_source ();
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  /* Log in with the real version first, so the 415 comes from a data
   * endpoint, then ask for a version the dashboard does not serve. */
  body = kdcc_dashboard_source_get_sync (source, "/api/summary", NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&body, g_bytes_unref);

  kdcc_dashboard_source_set_api_version (source, "99.0");
  body = kdcc_dashboard_source_get_sync (source, "/api/health/full", NULL, &error);
  g_assert_null (body);
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_HTTP);
  g_test_message ("415: %s", error->message);
  g_assert_nonnull (strstr (error->message, "415"));
  g_assert_nonnull (strstr (error->message, "version 99.0"));
  /* The dashboard's own explanation is passed on. */
  g_assert_nonnull (strstr (error->message, "Incorrect version"));
}

static void
test_server_error (void)
{
  g_autoptr(KdccDashboardSource) source = shared_source ();
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  /* Pacific's OSD controller raises a KeyError for an OSD id that does not
   * exist, which CherryPy turns into a real 500. */
  body = kdcc_dashboard_source_get_sync (source, "/api/osd/999", NULL, &error);
  g_assert_null (body);
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_HTTP);
  g_test_message ("500: %s", error->message);
  g_assert_nonnull (strstr (error->message, "HTTP 500"));
  g_assert_nonnull (strstr (error->message, "/api/osd/999"));
  g_assert_nonnull (strstr (error->message, "unexpected condition"));
}

/* Logs in and out with a session of the test's own, as a second client of
 * the same account would. */
static char *
login_token (SoupSession *session)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) request = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = g_strconcat (shared->dashboard_url, "/api/auth", NULL);
  char *text;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "username");
  json_builder_add_string_value (builder, shared->dashboard_user);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, shared->dashboard_password);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  text = json_to_string (root, FALSE);
  request = g_bytes_new_take (text, strlen (text));

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

static void
logout_token (SoupSession *session,
              const char  *token)
{
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = g_strconcat (shared->dashboard_url, "/api/auth/logout", NULL);
  g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);

  msg = soup_message_new ("POST", url);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept",
                                "application/vnd.ceph.api.v1.0+json");
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
}

static void
test_relogin (void)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(KdccDashboardSource) source = shared_source ();
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = login_token (session);

  seen_token = g_strdup (token);
  /* A valid token from elsewhere is used as is: no login. */
  kdcc_dashboard_source_set_token (source, token);
  body = kdcc_dashboard_source_get_sync (source, "/api/summary", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kdcc_dashboard_source_get_login_count (source), ==, 0);
  g_clear_pointer (&body, g_bytes_unref);

  /* The token is revoked (the dashboard blocklists it on logout): the next
   * request gets a real 401 and the source logs in again by itself. */
  logout_token (session, token);
  body = kdcc_dashboard_source_get_sync (source, "/api/summary", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (body);
  g_assert_cmpuint (kdcc_dashboard_source_get_login_count (source), ==, 1);
  g_clear_pointer (&body, g_bytes_unref);

  /* A token the dashboard never issued (damaged) is also replaced. */
  kdcc_dashboard_source_set_token (source, "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.e30.broken");
  body = kdcc_dashboard_source_get_sync (source, "/api/health/minimal", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kdcc_dashboard_source_get_login_count (source), ==, 2);
}

static void
test_user_deleted (void)
{
  g_autofree char *user = g_strdup_printf ("kdcc-tmp-%d", (int) getpid ());
  g_autofree char *pw_path = g_build_filename (shared->dir, "kdcc-tmp-password", NULL);
  g_autofree char *out = NULL;
  g_autoptr(KdccDashboardSource) source = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = g_strdup_printf ("The dashboard refused user %s: wrong user name "
                                               "or password", user);

  g_assert_true (g_file_set_contents_full (pw_path, "Tmp-Only-7q3Zx!", -1,
                                           G_FILE_SET_CONTENTS_NONE, 0600, NULL));
  out = kdcc_test_ceph_text (shared, "dashboard", "ac-user-create", "--force-password", user,
                             "-i", pw_path, "read-only", NULL);
  g_unlink (pw_path);

  source = kdcc_dashboard_source_new (shared->dashboard_url, user, "Tmp-Only-7q3Zx!", NULL);
  body = kdcc_dashboard_source_get_sync (source, "/api/health/full", NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&body, g_bytes_unref);

  /* The account disappears while the source holds a valid token: the
   * dashboard answers 401, the re-login is refused, and that is reported as
   * an authentication failure, not retried forever. */
  g_clear_pointer (&out, g_free);
  out = kdcc_test_ceph_text (shared, "dashboard", "ac-user-delete", user, NULL);
  body = kdcc_dashboard_source_get_sync (source, "/api/health/full", NULL, &error);
  g_assert_null (body);
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_AUTH);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_cmpuint (kdcc_dashboard_source_get_login_count (source), ==, 2);
}

/* ---------------------------------------------------------------------- */
/* TLS: a private cluster whose dashboard serves HTTPS with a self-signed
 * certificate made by the dashboard itself. */

static char *
openssl_fingerprint (const char *pem_path)
{
  const char *argv[] = { "openssl", "x509", "-noout", "-fingerprint", "-sha256", "-in",
                         pem_path, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  char *eq;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                     &status, &error))
    g_error ("Cannot run openssl: %s", error->message);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  /* "sha256 Fingerprint=AB:CD:..." */
  eq = strchr (out, '=');
  g_assert_nonnull (eq);
  return g_strdup (g_strstrip (eq + 1));
}

static void
test_tls (void)
{
  KdccTestCluster *cluster = private_cluster = kdcc_test_cluster_start_private ();
  g_autofree char *port_str = g_strdup_printf ("%u", closed_port ());
  g_autofree char *url = g_strdup_printf ("https://127.0.0.1:%s", port_str);
  g_autofree char *pem = NULL;
  g_autofree char *pem_path = g_build_filename (cluster->dir, "dashboard-crt.pem", NULL);
  g_autofree char *expected = NULL;
  g_autofree char *mine = NULL;
  g_autofree char *peer = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GTlsCertificate) cert = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KdccDashboardSource) untrusted = NULL;
  g_autoptr(KdccDashboardSource) pinned = NULL;
  g_autoptr(KdccDashboardSource) other = NULL;
  g_autoptr(KdccSnapshot) snap = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GString) compact = NULL;
  gint64 deadline;

  out = kdcc_test_ceph_text (cluster, "dashboard", "create-self-signed-cert", NULL);
  g_clear_pointer (&out, g_free);
  out = kdcc_test_ceph_text (cluster, "config", "set", "mgr", "mgr/dashboard/ssl_server_port",
                             port_str, "--force", NULL);
  g_clear_pointer (&out, g_free);
  out = kdcc_test_ceph_text (cluster, "config", "set", "mgr", "mgr/dashboard/ssl", "true",
                             "--force", NULL);
  g_clear_pointer (&out, g_free);
  /* The module reads ssl at start: restart it. */
  out = kdcc_test_ceph_text (cluster, "mgr", "module", "disable", "dashboard", NULL);
  g_clear_pointer (&out, g_free);
  out = kdcc_test_ceph_text (cluster, "mgr", "module", "enable", "dashboard", NULL);
  g_clear_pointer (&out, g_free);

  pem = kdcc_test_ceph_text (cluster, "config-key", "get", "mgr/dashboard/crt", NULL);
  g_assert_true (g_file_set_contents (pem_path, pem, -1, NULL));
  expected = openssl_fingerprint (pem_path);
  g_test_message ("openssl: the dashboard certificate is %s", expected);

  /* The standalone helper agrees with openssl. */
  cert = g_tls_certificate_new_from_file (pem_path, &error);
  g_assert_no_error (error);
  mine = kdcc_tls_fingerprint_sha256 (cert);
  g_assert_cmpstr (mine, ==, expected);

  /* Verified by default: the self-signed certificate is refused, and the
   * error shows the fingerprint so the user can compare and trust it. */
  untrusted = kdcc_dashboard_source_new (url, cluster->dashboard_user,
                                         cluster->dashboard_password, NULL);
  deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  for (;;)
    {
      g_clear_error (&error);
      body = kdcc_dashboard_source_get_sync (untrusted, "/api/summary", NULL, &error);
      g_assert_null (body);
      /* Until the module listens again the port is closed. */
      if (!g_error_matches (error, KDCC_ERROR, KDCC_ERROR_CONNECT) &&
          !g_error_matches (error, KDCC_ERROR, KDCC_ERROR_TIMEOUT))
        break;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (G_USEC_PER_SEC / 2);
    }
  g_test_message ("untrusted: %s", error->message);
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_TLS);
  g_assert_nonnull (strstr (error->message, expected));
  peer = kdcc_dashboard_source_get_peer_fingerprint (untrusted);
  g_assert_cmpstr (peer, ==, expected);

  /* Trusted by fingerprint (given as lowercase hex without colons). */
  compact = g_string_new (NULL);
  for (const char *p = expected; *p; p++)
    if (*p != ':')
      g_string_append_c (compact, g_ascii_tolower (*p));
  pinned = kdcc_dashboard_source_new (url, cluster->dashboard_user,
                                      cluster->dashboard_password, compact->str);
  g_clear_error (&error);
  snap = kdcc_source_fetch_snapshot_sync (KDCC_SOURCE (pinned), TRUE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (snap);
  g_assert_cmpstr (snap->fsid, ==, cluster->fsid);
  g_clear_pointer (&peer, g_free);
  peer = kdcc_dashboard_source_get_peer_fingerprint (pinned);
  g_assert_cmpstr (peer, ==, expected);

  /* Another fingerprint: refused again, naming both. */
  other = kdcc_dashboard_source_new (url, cluster->dashboard_user, cluster->dashboard_password,
                                     "00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:"
                                     "00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF");
  body = kdcc_dashboard_source_get_sync (other, "/api/summary", NULL, &error);
  g_assert_null (body);
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_TLS);
  g_test_message ("other pin: %s", error->message);
  g_assert_nonnull (strstr (error->message, expected));

  private_url = g_strdup (url);
  private_fingerprint = g_strdup (expected);
}

static void
signal_mgr (KdccTestCluster *cluster,
            const char      *signal_name)
{
  g_autofree char *pid_path = g_build_filename (cluster->dir, "run", "mgr.x.pid", NULL);
  g_autofree char *pid = NULL;
  const char *argv[] = { "kill", signal_name, NULL, NULL };
  int status = 0;

  g_assert_true (g_file_get_contents (pid_path, &pid, NULL, NULL));
  argv[2] = g_strstrip (pid);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               NULL, NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static void
test_timeout (void)
{
  g_autoptr(KdccDashboardSource) source = NULL;
  g_autoptr(KdccSnapshot) snap = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;

  if (private_cluster == NULL || private_url == NULL)
    g_error ("The timeout test needs the private cluster of /dashboard-source/tls");

  source = kdcc_dashboard_source_new (private_url, private_cluster->dashboard_user,
                                      private_cluster->dashboard_password,
                                      private_fingerprint);
  snap = kdcc_source_fetch_snapshot_sync (KDCC_SOURCE (source), FALSE, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&snap, kdcc_snapshot_unref);

  /* A frozen mgr: the kernel still accepts the connection, but nobody
   * answers, as with a hung dashboard. */
  signal_mgr (private_cluster, "-STOP");
  start = g_get_monotonic_time ();
  snap = kdcc_source_fetch_snapshot_sync (KDCC_SOURCE (source), FALSE, NULL, &error);
  signal_mgr (private_cluster, "-CONT");
  g_test_message ("frozen mgr after %.1f s: %s", (g_get_monotonic_time () - start) / 1e6,
                  error ? error->message : "no error");
  g_assert_null (snap);
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_TIMEOUT);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 9 * G_USEC_PER_SEC);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 25 * G_USEC_PER_SEC);
}

typedef struct
{
  KdccDashboardSource *source;
  guint                failures;
} ThreadData;

static gpointer
hammer_thread (gpointer user_data)
{
  ThreadData *data = user_data;

  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) body = kdcc_dashboard_source_get_sync (data->source, "/api/summary",
                                                               NULL, &error);

      if (body == NULL)
        {
          g_test_message ("thread: %s", error->message);
          g_atomic_int_inc (&data->failures);
        }
    }
  return NULL;
}

static void
test_threads (void)
{
  g_autoptr(KdccDashboardSource) source = shared_source ();
  ThreadData data = { source, 0 };
  GThread *threads[4];

  /* Worker threads of the GTask pool share one source. */
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("dashboard-test", hammer_thread, &data);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
  g_assert_cmpuint (data.failures, ==, 0);
  g_assert_cmpuint (kdcc_dashboard_source_get_login_count (source), ==, 1);
}

static void
test_no_secrets_logged (void)
{
  g_mutex_lock (&log_mutex);
  /* The debug messages were really captured... */
  g_assert_nonnull (strstr (log_text->str, "Logging in to"));
  /* ...and none holds a password or a token. */
  g_assert_null (strstr (log_text->str, shared->dashboard_password));
  if (private_cluster != NULL)
    g_assert_null (strstr (log_text->str, private_cluster->dashboard_password));
  g_assert_null (strstr (log_text->str, "Tmp-Only-7q3Zx!"));
  g_assert_nonnull (seen_token);
  g_assert_null (strstr (log_text->str, seen_token));
  g_assert_null (strstr (log_text->str, "Bearer"));
  g_mutex_unlock (&log_mutex);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  log_text = g_string_new (NULL);
  g_log_set_debug_enabled (TRUE);
  g_log_set_writer_func (capture_writer, NULL, NULL);
  shared = kdcc_test_cluster_get_shared ();

  g_test_add_func ("/dashboard-source/fetch-agrees", test_fetch_agrees);
  g_test_add_func ("/dashboard-source/endpoints", test_endpoints);
  g_test_add_func ("/dashboard-source/details-match-cli", test_details_match_cli);
  g_test_add_func ("/dashboard-source/wrong-password", test_wrong_password);
  g_test_add_func ("/dashboard-source/closed-port", test_closed_port);
  g_test_add_func ("/dashboard-source/unsupported-version", test_unsupported_version);
  g_test_add_func ("/dashboard-source/server-error", test_server_error);
  g_test_add_func ("/dashboard-source/relogin", test_relogin);
  g_test_add_func ("/dashboard-source/user-deleted", test_user_deleted);
  g_test_add_func ("/dashboard-source/threads", test_threads);
  g_test_add_func ("/dashboard-source/tls", test_tls);
  g_test_add_func ("/dashboard-source/timeout", test_timeout);
  g_test_add_func ("/dashboard-source/no-secrets-logged", test_no_secrets_logged);

  ret = g_test_run ();
  kdcc_test_cluster_free (private_cluster);
  kdcc_test_cluster_free (shared);
  g_free (private_url);
  g_free (private_fingerprint);
  g_free (seen_token);
  return kdcc_test_exit (ret);
}
