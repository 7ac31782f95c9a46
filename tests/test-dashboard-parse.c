/* test-dashboard-parse.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Ceph Dashboard REST parsers on real answers. The fixtures in
 * tests/fixtures/pacific-16.2.15/dashboard-*.json were captured from the
 * dashboard module (Debian's ceph-mgr-dashboard 16.2.15) of a cluster
 * started by tests/cluster/kdcc-test-cluster (1 mon "a", 1 mgr "x", 3
 * memstore OSDs of 1 GiB on host "vm", pool "kdcc-test" with test objects):
 * POST /api/auth, then GET /api/health/full, /api/osd and /api/summary with
 * the Bearer token and "Accept: application/vnd.ceph.api.v1.0+json". The
 * token in dashboard-auth.json is redacted (a placeholder string).
 */
#define G_LOG_DOMAIN "test-dashboard-parse"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "kdcc-dashboard-parse.h"
#include "kdcc-error.h"
#include "kdcc-test-util.h"

#define FIXTURE_DIR "pacific-16.2.15/"
#define GIB (G_GUINT64_CONSTANT (1) << 30)

static char *
fixture (const char *name,
         gsize      *length)
{
  g_autofree char *rel = g_strconcat (FIXTURE_DIR, name, NULL);

  return kdcc_test_read_fixture (rel, length);
}

static KdccSnapshot *
parse_health_fixture (void)
{
  g_autoptr(GError) error = NULL;
  gsize len;
  g_autofree char *data = fixture ("dashboard-health-full.json", &len);
  KdccSnapshot *snap = kdcc_snapshot_new ();

  g_assert_true (kdcc_dashboard_parse_health_full (snap, data, len, &error));
  g_assert_no_error (error);
  return snap;
}

static KdccVersionData *
find_version (KdccSnapshot *snap,
              const char   *daemon_type)
{
  for (guint i = 0; i < snap->versions->len; i++)
    {
      KdccVersionData *version = g_ptr_array_index (snap->versions, i);

      if (g_str_equal (version->daemon_type, daemon_type))
        return version;
    }
  return NULL;
}

/* The fsid the osdmap carries, read independently of the parser (which
 * takes it from the monmap). */
static char *
fixture_osdmap_fsid (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize len;
  g_autofree char *data = fixture ("dashboard-health-full.json", &len);
  JsonObject *root;

  g_assert_true (json_parser_load_from_data (parser, data, len, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  return g_strdup (json_object_get_string_member (json_object_get_object_member (root,
                                                                                  "osd_map"),
                                                  "fsid"));
}

static void
test_health_full (void)
{
  g_autoptr(KdccSnapshot) snap = parse_health_fixture ();
  g_autofree char *osdmap_fsid = fixture_osdmap_fsid ();
  KdccHealthCheckData *check;
  KdccPoolData *pool;
  KdccVersionData *version;
  gint64 pg_sum = 0;

  /* Identity and health */
  g_assert_true (g_uuid_string_is_valid (snap->fsid));
  g_assert_cmpstr (snap->fsid, ==, osdmap_fsid);
  g_assert_cmpint (snap->health, ==, KDCC_HEALTH_WARN);
  check = kdcc_test_find_check (snap, "AUTH_INSECURE_GLOBAL_ID_RECLAIM_ALLOWED");
  g_assert_nonnull (check);
  g_assert_cmpint (check->severity, ==, KDCC_HEALTH_WARN);
  g_assert_cmpstr (check->summary, ==, "mon is allowing insecure global_id reclaim");
  g_assert_cmpint (check->count, ==, 1);
  g_assert_cmpuint (check->detail->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (check->detail, 0), ==,
                   "mon.a has auth_allow_insecure_global_id_reclaim set to true");
  g_assert_false (check->muted);
  check = kdcc_test_find_check (snap, "MGR_MODULE_DEPENDENCY");
  g_assert_nonnull (check);
  g_assert_nonnull (strstr (check->summary, "restful"));

  /* Daemons */
  g_assert_cmpuint (snap->mons->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (snap->mons, 0), ==, "a");
  g_assert_cmpuint (snap->quorum->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (snap->quorum, 0), ==, "a");
  g_assert_cmpint (snap->monmap_epoch, >=, 1);
  g_assert_cmpstr (snap->mgr_active, ==, "x");
  g_assert_cmpuint (snap->mgr_standbys->len, ==, 0);

  /* OSDs, from the osdmap and the CRUSH tree */
  g_assert_cmpint (snap->osdmap_epoch, >, 0);
  g_assert_cmpint (snap->osds_total, ==, 3);
  g_assert_cmpint (snap->osds_up, ==, 3);
  g_assert_cmpint (snap->osds_in, ==, 3);
  g_assert_nonnull (snap->osds);
  g_assert_cmpuint (snap->osds->len, ==, 3);
  for (guint i = 0; i < snap->osds->len; i++)
    {
      KdccOsdData *osd = g_ptr_array_index (snap->osds, i);
      g_autofree char *name = g_strdup_printf ("osd.%" G_GINT64_FORMAT, osd->id);

      g_assert_cmpint (osd->id, >=, 0);
      g_assert_cmpint (osd->id, <, 3);
      g_assert_cmpstr (osd->name, ==, name);
      g_assert_cmpstr (osd->host, ==, "vm");
      g_assert_cmpstr (osd->device_class, ==, "hdd");
      g_assert_true (osd->up);
      g_assert_true (osd->in);
      g_assert_cmpfloat (osd->reweight, ==, 1.0);
      g_assert_cmpfloat (osd->crush_weight, >, 0.0);
      /* Usage is not in /api/health/full. */
      g_assert_false (osd->has_usage);
    }
  g_assert_nonnull (snap->hosts);
  g_assert_cmpuint (snap->hosts->len, ==, 1);
  g_assert_cmpstr (((KdccHostData *) g_ptr_array_index (snap->hosts, 0))->name, ==, "vm");
  g_assert_cmpuint (((KdccHostData *) g_ptr_array_index (snap->hosts, 0))->osd_ids->len, ==, 3);

  /* PGs */
  g_assert_cmpint (snap->pgs_total, >, 0);
  g_assert_cmpuint (snap->pg_states->len, >=, 1);
  for (guint i = 0; i < snap->pg_states->len; i++)
    pg_sum += ((KdccPgStateData *) g_ptr_array_index (snap->pg_states, i))->count;
  g_assert_cmpint (pg_sum, ==, snap->pgs_total);

  /* Capacity: three memstore OSDs of 1 GiB each. */
  g_assert_cmpuint (snap->total_bytes, ==, 3 * GIB);
  g_assert_cmpuint (snap->used_bytes, >, 0);
  g_assert_cmpuint (snap->avail_bytes, >, 0);
  g_assert_cmpuint (snap->used_bytes + snap->avail_bytes, <=, snap->total_bytes);
  g_assert_cmpfloat (snap->read_ops, >=, 0);
  g_assert_cmpfloat (snap->write_bytes, >=, 0);

  /* Pools */
  g_assert_cmpint (snap->pools_total, ==, 2);
  pool = kdcc_test_find_pool (snap, "kdcc-test");
  g_assert_nonnull (pool);
  g_assert_cmpstr (pool->type, ==, "replicated");
  g_assert_cmpint (pool->size, ==, 3);
  g_assert_cmpint (pool->min_size, ==, 2);
  g_assert_cmpint (pool->pg_num, >=, 8);
  g_assert_cmpstr (pool->autoscale_mode, ==, "on");
  g_assert_cmpuint (pool->applications->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (pool->applications, 0), ==, "rados");
  g_assert_true (pool->has_usage);
  g_assert_cmpuint (pool->stored_bytes, >, 0);
  g_assert_cmpuint (pool->objects, >=, 1);
  g_assert_cmpuint (pool->max_avail_bytes, >, 0);
  g_assert_cmpuint (pool->max_avail_bytes, <, 3 * GIB);
  g_assert_cmpfloat (pool->percent_used, >, 0.0);
  g_assert_cmpfloat (pool->percent_used, <, 1.0);
  g_assert_nonnull (kdcc_test_find_pool (snap, "device_health_metrics"));

  /* Versions: every OSD reports one in its metadata. */
  version = find_version (snap, "osd");
  g_assert_nonnull (version);
  g_assert_cmpint (version->count, ==, 3);
  g_assert_true (g_str_has_prefix (version->version, "ceph version 16.2.15 "));
}

static void
test_osds (void)
{
  g_autoptr(KdccSnapshot) snap = parse_health_fixture ();
  g_autoptr(GError) error = NULL;
  gsize len;
  g_autofree char *data = fixture ("dashboard-osd.json", &len);
  KdccClassCapacityData *cls;

  g_assert_true (kdcc_dashboard_parse_osds (snap, data, len, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (snap->osds->len, ==, 3);
  for (guint i = 0; i < snap->osds->len; i++)
    {
      KdccOsdData *osd = g_ptr_array_index (snap->osds, i);

      g_assert_true (osd->has_usage);
      g_assert_cmpuint (osd->total_bytes, ==, GIB);
      g_assert_cmpuint (osd->used_bytes, >, 0);
      g_assert_cmpuint (osd->used_bytes + osd->avail_bytes, <=, osd->total_bytes);
      g_assert_cmpfloat (osd->utilization, >, 0.0);
      g_assert_cmpfloat (osd->utilization, <, 100.0);
      g_assert_cmpint (osd->pgs, >, 0);
      g_assert_cmpstr (osd->host, ==, "vm");
      g_assert_cmpstr (osd->device_class, ==, "hdd");
    }
  /* Merging did not duplicate the host's OSDs. */
  g_assert_cmpuint (snap->hosts->len, ==, 1);
  g_assert_cmpuint (((KdccHostData *) g_ptr_array_index (snap->hosts, 0))->osd_ids->len, ==, 3);

  g_assert_cmpuint (snap->classes->len, ==, 1);
  cls = g_ptr_array_index (snap->classes, 0);
  g_assert_cmpstr (cls->device_class, ==, "hdd");
  g_assert_cmpuint (cls->total_bytes, ==, 3 * GIB);
  g_assert_cmpuint (cls->used_bytes, >, 0);
}

static void
test_osds_alone (void)
{
  g_autoptr(KdccSnapshot) snap = kdcc_snapshot_new ();
  g_autoptr(GError) error = NULL;
  gsize len;
  g_autofree char *data = fixture ("dashboard-osd.json", &len);

  /* /api/osd alone also gives a complete list. */
  g_assert_true (kdcc_dashboard_parse_osds (snap, data, len, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (snap->osds->len, ==, 3);
  g_assert_cmpuint (snap->hosts->len, ==, 1);
}

static void
test_summary (void)
{
  g_autoptr(KdccSnapshot) snap = kdcc_snapshot_new ();
  g_autoptr(GError) error = NULL;
  gsize len;
  g_autofree char *data = fixture ("dashboard-summary.json", &len);
  KdccVersionData *version;

  g_assert_true (kdcc_dashboard_parse_summary (snap, data, len, &error));
  g_assert_no_error (error);
  version = find_version (snap, "mgr");
  g_assert_nonnull (version);
  g_assert_cmpint (version->count, ==, 1);
  g_assert_cmpstr (version->version, ==,
                   "ceph version 16.2.15 (618f440892089921c3e944a991122ddc44e60516) "
                   "pacific (stable)");
  /* health_status fills in when /api/health/full was not parsed. */
  g_assert_cmpint (snap->health, ==, KDCC_HEALTH_WARN);
}

static void
test_auth (void)
{
  g_autoptr(GError) error = NULL;
  gsize len;
  g_autofree char *data = fixture ("dashboard-auth.json", &len);
  g_autofree char *token = kdcc_dashboard_parse_auth (data, len, &error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;

  g_assert_no_error (error);
  /* The placeholder, read independently of the parser under test. */
  g_assert_true (json_parser_load_from_data (parser, data, len, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (token, ==, json_object_get_string_member (root, "token"));
  g_assert_cmpstr (json_object_get_string_member (root, "username"), ==, "kdcc-admin");

  g_clear_pointer (&token, g_free);
  token = kdcc_dashboard_parse_auth ("{\"token\": 42}", -1, &error);
  g_assert_null (token);
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "token"));
  g_clear_error (&error);

  token = kdcc_dashboard_parse_auth ("{\"token\": \"\"}", -1, &error);
  g_assert_null (token);
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_PARSE);
}

static void
test_error_body (void)
{
  /* Bodies as the 16.2.15 dashboard really sends them (wrong password,
   * unsupported API version, CherryPy's 500 page). */
  const char *invalid_credentials =
    "{\"detail\": \"Invalid credentials\", \"code\": \"invalid_credentials\", "
    "\"component\": \"auth\"}";
  const char *version =
    "{\"status\": \"415 Unsupported Media Type\", \"detail\": \"Incorrect version: endpoint "
    "is '1.0', client requested '99.0'\", \"request_id\": \"b136d04f\"}";
  g_autofree char *a = kdcc_dashboard_parse_error_body (invalid_credentials, -1);
  g_autofree char *b = kdcc_dashboard_parse_error_body (version, -1);
  g_autofree char *c = kdcc_dashboard_parse_error_body ("<html>500</html>", -1);
  g_autofree char *d = kdcc_dashboard_parse_error_body ("{\"detail\": 5}", -1);
  g_autofree char *e = kdcc_dashboard_parse_error_body ("", 0);

  g_assert_cmpstr (a, ==, "Invalid credentials (invalid_credentials)");
  g_assert_cmpstr (b, ==, "Incorrect version: endpoint is '1.0', client requested '99.0'");
  g_assert_null (c);
  g_assert_null (d);
  g_assert_null (e);
}

typedef gboolean (*ParseFunc) (KdccSnapshot *snapshot,
                               const char   *data,
                               gssize        length,
                               GError      **error);

static void
assert_parse_error (ParseFunc   func,
                    const char *data,
                    gssize      length,
                    const char *endpoint,
                    const char *expect_in_message)
{
  g_autoptr(KdccSnapshot) snap = kdcc_snapshot_new ();
  g_autoptr(GError) error = NULL;

  if (func (snap, data, length, &error))
    g_error ("Parsing %.80s succeeded but must fail", data);
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, endpoint));
  if (expect_in_message != NULL && strstr (error->message, expect_in_message) == NULL)
    g_error ("Error “%s” does not mention “%s”", error->message, expect_in_message);
}

static void
test_malformed (void)
{
  const char health_ok[] = "{\"health\": {\"status\": \"HEALTH_OK\", \"checks\": []}}";
  g_autoptr(KdccSnapshot) snap = kdcc_snapshot_new ();
  g_autoptr(GError) error = NULL;

  /* The smallest valid answer: a user who may read only the health. */
  g_assert_true (kdcc_dashboard_parse_health_full (snap, health_ok, -1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (snap->health, ==, KDCC_HEALTH_OK);
  g_assert_null (snap->osds);

  assert_parse_error (kdcc_dashboard_parse_health_full, "", 0, "/api/health/full", NULL);
  assert_parse_error (kdcc_dashboard_parse_health_full, "{", -1, "/api/health/full", NULL);
  assert_parse_error (kdcc_dashboard_parse_health_full, "null", -1, "/api/health/full", NULL);
  assert_parse_error (kdcc_dashboard_parse_health_full, "[]", -1, "/api/health/full", NULL);
  assert_parse_error (kdcc_dashboard_parse_health_full, "{}", -1, "/api/health/full", "health");
  assert_parse_error (kdcc_dashboard_parse_health_full, "{\"health\": 5}", -1,
                      "/api/health/full", "health");
  assert_parse_error (kdcc_dashboard_parse_health_full,
                      "{\"health\": {\"status\": \"HEALTH_BAD\"}}", -1,
                      "/api/health/full", "health.status");
  assert_parse_error (kdcc_dashboard_parse_health_full,
                      "{\"health\": {\"status\": \"HEALTH_OK\", \"checks\": \"none\"}}", -1,
                      "/api/health/full", "health.checks");
  assert_parse_error (kdcc_dashboard_parse_health_full,
                      "{\"health\": {\"status\": \"HEALTH_OK\", \"checks\": [{\"type\": 1}]}}",
                      -1, "/api/health/full", "health.checks[0].type");
  assert_parse_error (kdcc_dashboard_parse_health_full,
                      "{\"health\": {\"status\": \"HEALTH_OK\"}, \"osd_map\": {\"osds\": "
                      "[{\"osd\": 0, \"up\": \"yes\", \"in\": 1}]}}", -1,
                      "/api/health/full", "osd_map.osds[0].up");
  assert_parse_error (kdcc_dashboard_parse_health_full,
                      "{\"health\": {\"status\": \"HEALTH_OK\"}, \"osd_map\": {\"osds\": "
                      "[{\"osd\": 1.5, \"up\": 1, \"in\": 1}]}}", -1,
                      "/api/health/full", "osd_map.osds[0].osd");
  assert_parse_error (kdcc_dashboard_parse_health_full,
                      "{\"health\": {\"status\": \"HEALTH_OK\"}, \"mon_status\": {\"monmap\": "
                      "{\"mons\": [{\"name\": \"a\", \"rank\": 0}]}, \"quorum\": [3]}}", -1,
                      "/api/health/full", "mon_status.quorum[0]");
  assert_parse_error (kdcc_dashboard_parse_health_full,
                      "{\"health\": {\"status\": \"HEALTH_OK\"}, \"df\": {\"stats\": "
                      "{\"total_bytes\": -5, \"total_avail_bytes\": 1, "
                      "\"total_used_raw_bytes\": 1}}}", -1,
                      "/api/health/full", "df.stats.total_bytes");
  assert_parse_error (kdcc_dashboard_parse_health_full,
                      "{\"health\": {\"status\": \"HEALTH_OK\"}, \"pg_info\": {\"statuses\": "
                      "{\"active+clean\": \"many\"}}}", -1,
                      "/api/health/full", "pg_info.statuses.active+clean");
  assert_parse_error (kdcc_dashboard_parse_health_full,
                      "{\"health\": {\"status\": \"HEALTH_OK\"}, \"pools\": [{\"pool\": 1, "
                      "\"pool_name\": \"p\", \"size\": \"3\", \"min_size\": 2, \"pg_num\": 8}]}",
                      -1, "/api/health/full", "pools[0].size");
  assert_parse_error (kdcc_dashboard_parse_health_full,
                      "{\"health\": {\"status\": \"HEALTH_OK\"}, \"client_perf\": "
                      "{\"read_op_per_sec\": 1e999}}", -1, "/api/health/full", NULL);
  /* An embedded NUL must not end the document early. */
  assert_parse_error (kdcc_dashboard_parse_health_full, health_ok, sizeof health_ok,
                      "/api/health/full", NULL);

  assert_parse_error (kdcc_dashboard_parse_osds, "{}", -1, "/api/osd", NULL);
  assert_parse_error (kdcc_dashboard_parse_osds, "[5]", -1, "/api/osd", "[0]");
  assert_parse_error (kdcc_dashboard_parse_osds,
                      "[{\"osd\": 0, \"up\": 1, \"in\": 1, \"osd_stats\": {\"kb\": \"1\", "
                      "\"kb_used\": 0, \"kb_avail\": 1}}]", -1, "/api/osd", "[0].osd_stats.kb");
  assert_parse_error (kdcc_dashboard_parse_osds,
                      "[{\"osd\": -1, \"up\": 1, \"in\": 1}]", -1, "/api/osd", "[0]");
  assert_parse_error (kdcc_dashboard_parse_summary, "{\"version\": null}", -1, "/api/summary",
                      "version");
  assert_parse_error (kdcc_dashboard_parse_summary, "\"x\"", -1, "/api/summary", NULL);
}

static void
test_truncated (void)
{
  static const char * const names[] = {
    "dashboard-health-full.json", "dashboard-osd.json", "dashboard-summary.json",
  };
  static const ParseFunc funcs[] = {
    kdcc_dashboard_parse_health_full, kdcc_dashboard_parse_osds, kdcc_dashboard_parse_summary,
  };
  static const char * const endpoints[] = { "/api/health/full", "/api/osd", "/api/summary" };

  for (guint f = 0; f < G_N_ELEMENTS (names); f++)
    {
      gsize len;
      g_autofree char *data = fixture (names[f], &len);
      guint step = MAX (1, (guint) (len / 97));
      guint tried = 0;

      /* Trailing whitespace would make a shorter prefix still valid. */
      while (len > 0 && g_ascii_isspace (data[len - 1]))
        len--;
      for (gsize cut = 0; cut < len; cut += step, tried++)
        assert_parse_error (funcs[f], data, cut, endpoints[f], NULL);
      assert_parse_error (funcs[f], data, len - 1, endpoints[f], NULL);
      g_assert_cmpuint (tried, >=, 90);
    }
}

/* Collects every object member of a tree as (object, name) pairs, depth
 * first, so one of them can be replaced through the JsonObject API. */
typedef struct
{
  JsonObject *object;
  const char *name;
} Member;

static void
collect_members (JsonNode *node,
                 GArray   *out)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      JsonObjectIter iter;
      const char *name;
      JsonNode *child;

      json_object_iter_init (&iter, object);
      while (json_object_iter_next (&iter, &name, &child))
        {
          Member m = { object, name };

          g_array_append_val (out, m);
          collect_members (child, out);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        collect_members (json_array_get_element (array, i), out);
    }
}

static JsonNode *
node_of_other_type (GRand *rand)
{
  switch (g_rand_int_range (rand, 0, 6))
    {
    case 0:
      return json_node_init_string (json_node_alloc (), "mutated");
    case 1:
      return json_node_init_int (json_node_alloc (), -g_rand_int_range (rand, 1, 1000));
    case 2:
      return json_node_init_double (json_node_alloc (), 0.5);
    case 3:
      return json_node_init_boolean (json_node_alloc (), TRUE);
    case 4:
      return json_node_init_null (json_node_alloc ());
    default:
      {
        g_autoptr(JsonObject) empty = json_object_new ();

        return json_node_init_object (json_node_alloc (), empty);
      }
    }
}

static void
check_outcome (ParseFunc   func,
               const char *data,
               gsize       len,
               guint      *accepted,
               guint      *rejected)
{
  g_autoptr(KdccSnapshot) snap = kdcc_snapshot_new ();
  g_autoptr(GError) error = NULL;

  if (func (snap, data, len, &error))
    {
      g_assert_no_error (error);
      (*accepted)++;
    }
  else
    {
      g_assert_error (error, KDCC_ERROR, KDCC_ERROR_PARSE);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      (*rejected)++;
    }
}

/* Random byte damage and random type changes of single fields, with a fixed
 * seed so a failure reproduces: every outcome must be a snapshot or a
 * KDCC_ERROR_PARSE, never a crash, a critical or another error. */
static void
test_mutations (void)
{
  static const char * const names[] = { "dashboard-health-full.json", "dashboard-osd.json" };
  static const ParseFunc funcs[] = { kdcc_dashboard_parse_health_full, kdcc_dashboard_parse_osds };
  static const char junk[] = "{}[]\",:0123456789-.eEtrufalsn \\";
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261128);
  guint accepted = 0, rejected = 0;

  for (guint f = 0; f < G_N_ELEMENTS (names); f++)
    {
      gsize len;
      g_autofree char *data = fixture (names[f], &len);
      guint structural_rejected = 0;

      for (guint i = 0; i < 400; i++)
        {
          g_autofree char *copy = g_memdup2 (data, len);
          gsize copy_len = len;
          guint edits = g_rand_int_range (rand, 1, 4);

          for (guint e = 0; e < edits; e++)
            {
              gsize pos = g_rand_int_range (rand, 0, (gint32) copy_len);

              if (g_rand_boolean (rand))
                copy[pos] = junk[g_rand_int_range (rand, 0, sizeof junk - 1)];
              else
                {
                  gsize cut = MIN ((gsize) g_rand_int_range (rand, 1, 64), copy_len - pos);

                  memmove (copy + pos, copy + pos + cut, copy_len - pos - cut);
                  copy_len -= cut;
                  if (copy_len == 0)
                    break;
                }
            }
          check_outcome (funcs[f], copy, copy_len, &accepted, &rejected);
        }

      for (guint i = 0; i < 200; i++)
        {
          /* A fresh tree each time: json_node_copy () shares containers. */
          g_autoptr(JsonParser) parser = json_parser_new ();
          g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (Member));
          JsonNode *root;
          Member *m;
          g_autofree char *text = NULL;
          guint before = rejected;

          g_assert_true (json_parser_load_from_data (parser, data, len, NULL));
          root = json_parser_get_root (parser);
          collect_members (root, members);
          m = &g_array_index (members, Member, g_rand_int_range (rand, 0, members->len));
          json_object_set_member (m->object, m->name, node_of_other_type (rand));
          text = json_to_string (root, FALSE);
          check_outcome (funcs[f], text, strlen (text), &accepted, &rejected);
          structural_rejected += rejected - before;
        }
      /* Most fields are optional or unused, but many are not: a parser
       * that accepts every type change is not checking anything. */
      g_assert_cmpuint (structural_rejected, >, 2);
    }

  g_test_message ("mutations: %u accepted, %u rejected", accepted, rejected);
  g_assert_cmpuint (accepted, >, 0);
  g_assert_cmpuint (rejected, >, 0);
}

/* The pools' "stats.*.latest" of /api/health/full is the dashboard's
 * oldest of ten samples, ten requests behind after a change (measured live
 * by tests/test-faults-live.c after an OSD went down); df.pools carries the
 * current figures, and the parser takes those. The captured answer has the
 * same figures in both, so here df.pools is changed and must win. */
static void
test_pool_usage_from_df (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(KdccSnapshot) snap = kdcc_snapshot_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *changed = NULL;
  JsonArray *df_pools;
  JsonObject *stats = NULL;
  KdccPoolData *pool;
  gint64 id = -1;
  gsize len;

  data = fixture ("dashboard-health-full.json", &len);
  g_assert_true (json_parser_load_from_data (parser, data, len, NULL));
  df_pools = json_object_get_array_member (
               json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                              "df"), "pools");
  for (guint i = 0; i < json_array_get_length (df_pools); i++)
    {
      JsonObject *entry = json_array_get_object_element (df_pools, i);

      if (g_str_equal (json_object_get_string_member (entry, "name"), "kdcc-test"))
        {
          id = json_object_get_int_member (entry, "id");
          stats = json_object_get_object_member (entry, "stats");
        }
    }
  g_assert_nonnull (stats);
  json_object_set_int_member (stats, "stored", 123456);
  json_object_set_int_member (stats, "max_avail", 987654321);
  json_object_set_int_member (stats, "objects", 42);
  json_object_set_double_member (stats, "percent_used", 0.25);
  changed = json_to_string (json_parser_get_root (parser), FALSE);

  g_assert_true (kdcc_dashboard_parse_health_full (snap, changed, -1, &error));
  g_assert_no_error (error);
  pool = kdcc_test_find_pool (snap, "kdcc-test");
  g_assert_nonnull (pool);
  g_assert_cmpint (pool->id, ==, id);
  g_assert_true (pool->has_usage);
  g_assert_cmpuint (pool->stored_bytes, ==, 123456);
  g_assert_cmpuint (pool->max_avail_bytes, ==, 987654321);
  g_assert_cmpuint (pool->objects, ==, 42);
  g_assert_cmpfloat_with_epsilon (pool->percent_used, 25.0, 1e-9);
  /* The other pool keeps the figures both places agree on. */
  g_assert_true (kdcc_test_find_pool (snap, "device_health_metrics")->has_usage);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dashboard-parse/health-full", test_health_full);
  g_test_add_func ("/dashboard-parse/osds", test_osds);
  g_test_add_func ("/dashboard-parse/osds-alone", test_osds_alone);
  g_test_add_func ("/dashboard-parse/summary", test_summary);
  g_test_add_func ("/dashboard-parse/auth", test_auth);
  g_test_add_func ("/dashboard-parse/error-body", test_error_body);
  g_test_add_func ("/dashboard-parse/malformed", test_malformed);
  g_test_add_func ("/dashboard-parse/truncated", test_truncated);
  g_test_add_func ("/dashboard-parse/mutations", test_mutations);
  g_test_add_func ("/dashboard-parse/pool-usage-from-df", test_pool_usage_from_df);

  return kdcc_test_run ();
}
