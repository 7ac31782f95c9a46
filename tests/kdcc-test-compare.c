/* kdcc-test-compare.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Live comparisons of a source's snapshot with the real `ceph` CLI that go
 * beyond sets of codes and ids: each check's severity, summary, detail
 * lines and muted flag, PG counts by state, per-OSD and per-pool usage,
 * and the pools' size, min_size and pg_num.
 */
#define G_LOG_DOMAIN "kdcc-test"

#include "config.h"

#include <math.h>
#include <string.h>

#include "kdcc-test-compare.h"

typedef struct
{
  char      *severity;
  char      *summary;
  GPtrArray *detail;   /* (element-type utf8) */
  gboolean   muted;
} Check;

typedef struct
{
  gboolean has_usage;
  guint64  total_bytes;
  guint64  used_bytes;
  guint64  avail_bytes;
  double   utilization;   /* percent */
  gint64   pgs;
} Osd;

typedef struct
{
  gint64   size;
  gint64   min_size;
  gint64   pg_num;
  gboolean has_usage;
  guint64  stored_bytes;
  guint64  objects;
  guint64  max_avail_bytes;
  double   percent_used;  /* percent */
} Pool;

struct _KdccTestFacts
{
  GHashTable *checks;     /* code -> Check */
  GHashTable *pg_states;  /* state -> gint64 * */
  GHashTable *osds;       /* "osd.N" -> Osd */
  GHashTable *pools;      /* name -> Pool */
};

static void
check_free (Check *check)
{
  g_free (check->severity);
  g_free (check->summary);
  g_ptr_array_unref (check->detail);
  g_free (check);
}

static KdccTestFacts *
facts_new (void)
{
  KdccTestFacts *facts = g_new0 (KdccTestFacts, 1);

  facts->checks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) check_free);
  facts->pg_states = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  facts->osds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  facts->pools = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return facts;
}

void
kdcc_test_facts_free (KdccTestFacts *facts)
{
  if (facts == NULL)
    return;
  g_hash_table_unref (facts->checks);
  g_hash_table_unref (facts->pg_states);
  g_hash_table_unref (facts->osds);
  g_hash_table_unref (facts->pools);
  g_free (facts);
}

/* Some summaries and detail lines count time: "pg 1.8 is stuck undersized
 * for 66s" (then "for 2m", "for 1h"), "oldest one blocked for 35 sec".
 * They change every second, so two reads a moment apart never agree on
 * them: the number is left out of the comparison, the rest of the line is
 * not. */
static char *
without_durations (const char *line)
{
  static GRegex *duration;

  if (g_once_init_enter (&duration))
    g_once_init_leave (&duration,
                       g_regex_new ("\\bfor [0-9]+(\\.[0-9]+)? ?"
                                    "(s|sec|secs|seconds|m|min|mins|minutes|h|d|w)\\b",
                                    G_REGEX_OPTIMIZE, 0, NULL));
  return g_regex_replace_literal (duration, line, -1, 0, "for <duration>", 0, NULL);
}

static Check *
add_check (KdccTestFacts *facts,
           const char    *code)
{
  Check *check = g_new0 (Check, 1);

  check->detail = g_ptr_array_new_with_free_func (g_free);
  g_hash_table_replace (facts->checks, g_strdup (code), check);
  return check;
}

static void
add_pg_state (KdccTestFacts *facts,
              const char    *state,
              gint64         count)
{
  g_hash_table_replace (facts->pg_states, g_strdup (state), g_memdup2 (&count, sizeof count));
}

/* The CLI prints integers, but a few fields come as doubles in some
 * releases; read any number. */
static gint64
member_int (JsonObject *obj,
            const char *name)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    g_error ("the ceph CLI printed no number %s", name);
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    return (gint64) json_node_get_double (node);
  return json_node_get_int (node);
}

static double
member_double (JsonObject *obj,
               const char *name)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    g_error ("the ceph CLI printed no number %s", name);
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    return json_node_get_double (node);
  return (double) json_node_get_int (node);
}

KdccTestFacts *
kdcc_test_facts_from_cli (KdccTestCluster *cluster)
{
  KdccTestFacts *facts = facts_new ();
  g_autoptr(JsonNode) health = kdcc_test_ceph_json (cluster, "health", "detail", NULL);
  g_autoptr(JsonNode) status = kdcc_test_ceph_json (cluster, "status", NULL);
  g_autoptr(JsonNode) osd_df = kdcc_test_ceph_json (cluster, "osd", "df", NULL);
  g_autoptr(JsonNode) pool_ls = kdcc_test_ceph_json (cluster, "osd", "pool", "ls", "detail", NULL);
  g_autoptr(JsonNode) df = kdcc_test_ceph_json (cluster, "df", "detail", NULL);
  g_autoptr(GHashTable) pool_names = g_hash_table_new (g_int64_hash, g_int64_equal);
  JsonObject *checks, *pgmap;
  JsonArray *array;
  JsonObjectIter iter;
  const char *code;
  JsonNode *node;

  checks = json_object_get_object_member (json_node_get_object (health), "checks");
  json_object_iter_init (&iter, checks);
  while (json_object_iter_next (&iter, &code, &node))
    {
      JsonObject *obj = json_node_get_object (node);
      JsonObject *summary = json_object_get_object_member (obj, "summary");
      JsonArray *detail = json_object_get_array_member (obj, "detail");
      Check *check = add_check (facts, code);

      check->severity = g_strdup (json_object_get_string_member (obj, "severity"));
      check->summary = without_durations (json_object_get_string_member (summary, "message"));
      check->muted = json_object_get_boolean_member_with_default (obj, "muted", FALSE);
      for (guint i = 0; detail != NULL && i < json_array_get_length (detail); i++)
        g_ptr_array_add (check->detail,
                         without_durations (json_object_get_string_member (
                                              json_array_get_object_element (detail, i),
                                              "message")));
    }

  pgmap = json_object_get_object_member (json_node_get_object (status), "pgmap");
  array = json_object_get_array_member (pgmap, "pgs_by_state");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *obj = json_array_get_object_element (array, i);

      add_pg_state (facts, json_object_get_string_member (obj, "state_name"),
                    member_int (obj, "count"));
    }

  array = json_object_get_array_member (json_node_get_object (osd_df), "nodes");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *obj = json_array_get_object_element (array, i);
      Osd *osd = g_new0 (Osd, 1);

      osd->has_usage = TRUE;
      osd->total_bytes = member_int (obj, "kb") * 1024;
      osd->used_bytes = member_int (obj, "kb_used") * 1024;
      osd->avail_bytes = member_int (obj, "kb_avail") * 1024;
      osd->utilization = member_double (obj, "utilization");
      osd->pgs = member_int (obj, "pgs");
      g_hash_table_replace (facts->osds,
                            g_strdup_printf ("osd.%" G_GINT64_FORMAT, member_int (obj, "id")),
                            osd);
    }

  array = json_node_get_array (pool_ls);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *obj = json_array_get_object_element (array, i);
      Pool *pool = g_new0 (Pool, 1);
      const char *name = json_object_get_string_member (obj, "pool_name");

      pool->size = member_int (obj, "size");
      pool->min_size = member_int (obj, "min_size");
      pool->pg_num = member_int (obj, "pg_num");
      g_hash_table_replace (facts->pools, g_strdup (name), pool);
    }

  array = json_object_get_array_member (json_node_get_object (df), "pools");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *obj = json_array_get_object_element (array, i);
      JsonObject *stats = json_object_get_object_member (obj, "stats");
      Pool *pool = g_hash_table_lookup (facts->pools, json_object_get_string_member (obj, "name"));

      /* A pool created between the two commands is in df only. */
      if (pool == NULL)
        continue;
      pool->has_usage = TRUE;
      pool->stored_bytes = member_int (stats, "stored");
      pool->objects = member_int (stats, "objects");
      pool->max_avail_bytes = member_int (stats, "max_avail");
      /* A ratio in Ceph's answer, a percentage in the model. */
      pool->percent_used = member_double (stats, "percent_used") * 100.0;
    }
  return facts;
}

KdccTestFacts *
kdcc_test_facts_from_snapshot (KdccSnapshot *snap)
{
  KdccTestFacts *facts = facts_new ();

  g_assert_nonnull (snap->osds);
  g_assert_nonnull (snap->pools);

  for (guint i = 0; i < snap->checks->len; i++)
    {
      KdccHealthCheckData *data = g_ptr_array_index (snap->checks, i);
      Check *check = add_check (facts, data->code);

      check->severity = g_strdup (kdcc_health_status_to_string (data->severity));
      check->summary = without_durations (data->summary);
      check->muted = data->muted;
      for (guint j = 0; j < data->detail->len; j++)
        g_ptr_array_add (check->detail, without_durations (g_ptr_array_index (data->detail, j)));
    }

  for (guint i = 0; i < snap->pg_states->len; i++)
    {
      KdccPgStateData *data = g_ptr_array_index (snap->pg_states, i);

      add_pg_state (facts, data->state, data->count);
    }

  for (guint i = 0; i < snap->osds->len; i++)
    {
      KdccOsdData *data = g_ptr_array_index (snap->osds, i);
      Osd *osd = g_new0 (Osd, 1);

      osd->has_usage = data->has_usage;
      osd->total_bytes = data->total_bytes;
      osd->used_bytes = data->used_bytes;
      osd->avail_bytes = data->avail_bytes;
      osd->utilization = data->utilization;
      osd->pgs = data->pgs;
      g_hash_table_replace (facts->osds, g_strdup_printf ("osd.%" G_GINT64_FORMAT, data->id), osd);
    }

  for (guint i = 0; i < snap->pools->len; i++)
    {
      KdccPoolData *data = g_ptr_array_index (snap->pools, i);
      Pool *pool = g_new0 (Pool, 1);

      pool->size = data->size;
      pool->min_size = data->min_size;
      pool->pg_num = data->pg_num;
      pool->has_usage = data->has_usage;
      pool->stored_bytes = data->stored_bytes;
      pool->objects = data->objects;
      pool->max_avail_bytes = data->max_avail_bytes;
      pool->percent_used = data->percent_used;
      g_hash_table_replace (facts->pools, g_strdup (data->name), pool);
    }
  return facts;
}

static char *
join_detail (GPtrArray *detail)
{
  g_autoptr(GString) out = g_string_new ("[");

  for (guint i = 0; i < detail->len; i++)
    g_string_append_printf (out, "%s\"%s\"", i > 0 ? ", " : "",
                            (const char *) g_ptr_array_index (detail, i));
  g_string_append_c (out, ']');
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Both tables have the same keys; reports the keys one of them lacks. */
static void
diff_keys (GString    *out,
           const char *what,
           GHashTable *expected,
           GHashTable *actual)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, expected);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (actual, key))
      g_string_append_printf (out, "%s %s: missing\n", what, (const char *) key);
  g_hash_table_iter_init (&iter, actual);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (expected, key))
      g_string_append_printf (out, "%s %s: not in the expected facts\n", what, (const char *) key);
}

static void
diff_uint (GString    *out,
           const char *what,
           const char *key,
           const char *field,
           guint64     expected,
           guint64     actual)
{
  if (expected != actual)
    g_string_append_printf (out, "%s %s: %s %" G_GUINT64_FORMAT ", expected %" G_GUINT64_FORMAT
                            "\n", what, key, field, actual, expected);
}

static void
diff_int (GString    *out,
          const char *what,
          const char *key,
          const char *field,
          gint64      expected,
          gint64      actual)
{
  if (expected != actual)
    g_string_append_printf (out, "%s %s: %s %" G_GINT64_FORMAT ", expected %" G_GINT64_FORMAT
                            "\n", what, key, field, actual, expected);
}

static void
diff_percent (GString    *out,
              const char *what,
              const char *key,
              const char *field,
              double      expected,
              double      actual,
              gboolean    exact)
{
  if (exact ? expected != actual : fabs (expected - actual) > 0.01)
    g_string_append_printf (out, "%s %s: %s %.6f%%, expected %.6f%%\n", what, key, field,
                            actual, expected);
}

char *
kdcc_test_facts_diff (KdccTestFacts      *expected,
                      KdccTestFacts      *actual,
                      KdccTestFactsParts  parts,
                      gboolean            exact)
{
  g_autoptr(GString) out = g_string_new (NULL);
  GHashTableIter iter;
  gpointer key, value;

  if (parts & KDCC_TEST_FACTS_CHECKS)
    {
      diff_keys (out, "check", expected->checks, actual->checks);
      g_hash_table_iter_init (&iter, expected->checks);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          Check *e = value, *a = g_hash_table_lookup (actual->checks, key);
          g_autofree char *e_detail = NULL;
          g_autofree char *a_detail = NULL;

          if (a == NULL)
            continue;
          if (g_strcmp0 (e->severity, a->severity) != 0)
            g_string_append_printf (out, "check %s: severity %s, expected %s\n",
                                    (const char *) key, a->severity, e->severity);
          if (g_strcmp0 (e->summary, a->summary) != 0)
            g_string_append_printf (out, "check %s: summary \"%s\", expected \"%s\"\n",
                                    (const char *) key, a->summary, e->summary);
          if (e->muted != a->muted)
            g_string_append_printf (out, "check %s: muted %d, expected %d\n",
                                    (const char *) key, a->muted, e->muted);
          e_detail = join_detail (e->detail);
          a_detail = join_detail (a->detail);
          if (!g_str_equal (e_detail, a_detail))
            g_string_append_printf (out, "check %s: detail %s, expected %s\n",
                                    (const char *) key, a_detail, e_detail);
        }
    }

  if (parts & KDCC_TEST_FACTS_PG_STATES)
    {
      diff_keys (out, "PG state", expected->pg_states, actual->pg_states);
      g_hash_table_iter_init (&iter, expected->pg_states);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          gint64 *a = g_hash_table_lookup (actual->pg_states, key);

          if (a != NULL)
            diff_int (out, "PG state", key, "count", *(gint64 *) value, *a);
        }
    }

  if (parts & KDCC_TEST_FACTS_OSD_USAGE)
    {
      diff_keys (out, "OSD", expected->osds, actual->osds);
      g_hash_table_iter_init (&iter, expected->osds);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          Osd *e = value, *a = g_hash_table_lookup (actual->osds, key);

          if (a == NULL)
            continue;
          if (e->has_usage != a->has_usage)
            {
              g_string_append_printf (out, "OSD %s: has usage %d, expected %d\n",
                                      (const char *) key, a->has_usage, e->has_usage);
              continue;
            }
          diff_uint (out, "OSD", key, "total bytes", e->total_bytes, a->total_bytes);
          diff_uint (out, "OSD", key, "used bytes", e->used_bytes, a->used_bytes);
          diff_uint (out, "OSD", key, "available bytes", e->avail_bytes, a->avail_bytes);
          diff_percent (out, "OSD", key, "utilization", e->utilization, a->utilization, exact);
          diff_int (out, "OSD", key, "PGs", e->pgs, a->pgs);
        }
    }

  if (parts & KDCC_TEST_FACTS_POOLS)
    {
      diff_keys (out, "pool", expected->pools, actual->pools);
      g_hash_table_iter_init (&iter, expected->pools);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          Pool *e = value, *a = g_hash_table_lookup (actual->pools, key);

          if (a == NULL)
            continue;
          diff_int (out, "pool", key, "size", e->size, a->size);
          diff_int (out, "pool", key, "min_size", e->min_size, a->min_size);
          diff_int (out, "pool", key, "pg_num", e->pg_num, a->pg_num);
          if (e->has_usage != a->has_usage)
            {
              g_string_append_printf (out, "pool %s: has usage %d, expected %d\n",
                                      (const char *) key, a->has_usage, e->has_usage);
              continue;
            }
          diff_uint (out, "pool", key, "stored bytes", e->stored_bytes, a->stored_bytes);
          diff_uint (out, "pool", key, "objects", e->objects, a->objects);
          diff_uint (out, "pool", key, "max available bytes", e->max_avail_bytes,
                     a->max_avail_bytes);
          diff_percent (out, "pool", key, "used", e->percent_used, a->percent_used, exact);
        }
    }

  if (out->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

void
kdcc_test_assert_source_matches_cli (KdccTestCluster    *cluster,
                                     KdccSource         *source,
                                     KdccTestFactsParts  parts,
                                     gboolean            lags,
                                     guint               timeout_s)
{
  g_autofree char *last_diff = NULL;
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_s * G_USEC_PER_SEC;

  for (guint attempt = 0; attempt == 0 || g_get_monotonic_time () < deadline; attempt++)
    {
      g_autoptr(KdccTestFacts) before = NULL;
      g_autoptr(KdccTestFacts) after = NULL;
      g_autoptr(KdccTestFacts) ours = NULL;
      g_autoptr(KdccSnapshot) snap = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *moved = NULL;

      if (attempt > 0)
        g_usleep (G_USEC_PER_SEC);
      before = kdcc_test_facts_from_cli (cluster);
      /* A light snapshot (heavy maps skipped because no epoch moved) has
       * no OSD and pool lists to compare: every fetch asks for them, also
       * the first (the source may have fetched before, as a session's
       * has), and every retry. */
      snap = kdcc_source_fetch_snapshot_sync (source, TRUE, NULL, &error);
      g_assert_no_error (error);
      after = kdcc_test_facts_from_cli (cluster);

      moved = kdcc_test_facts_diff (before, after, parts, TRUE);
      if (moved != NULL)
        {
          g_test_message ("attempt %u: the cluster moved between two reads:\n%s", attempt, moved);
          g_clear_pointer (&last_diff, g_free);
          last_diff = g_steal_pointer (&moved);
          continue;
        }
      if (snap->osds == NULL || snap->pools == NULL)
        g_error ("attempt %u: the %s source returned no OSD or pool list from a forced fetch",
                 attempt, kdcc_source_get_kind (source));

      ours = kdcc_test_facts_from_snapshot (snap);
      g_clear_pointer (&last_diff, g_free);
      last_diff = kdcc_test_facts_diff (after, ours, parts, FALSE);
      if (last_diff == NULL)
        {
          g_test_message ("the %s source agrees with the ceph CLI (attempt %u): %u checks, "
                          "%u PG states, %u OSDs, %u pools", kdcc_source_get_kind (source),
                          attempt, g_hash_table_size (after->checks),
                          g_hash_table_size (after->pg_states), g_hash_table_size (after->osds),
                          g_hash_table_size (after->pools));
          /* Something was compared: a fresh cluster has real checks, PGs,
           * OSDs and pools. */
          g_assert_cmpuint (g_hash_table_size (after->pg_states), >, 0);
          g_assert_cmpuint (g_hash_table_size (after->osds), >, 0);
          g_assert_cmpuint (g_hash_table_size (after->pools), >, 0);
          return;
        }
      /* The cluster stood still around the fetch: a source that reads
       * what the CLI reads must agree now. */
      if (!lags)
        {
          /* Line by line as TAP comments: a multi-line g_error would break
           * the TAP stream. */
          g_test_message ("the %s source differs from the ceph CLI:\n%s",
                          kdcc_source_get_kind (source), last_diff);
          g_error ("the %s source differs from the ceph CLI on a cluster that did not move "
                   "(differences above)", kdcc_source_get_kind (source));
        }
      g_test_message ("attempt %u: the %s source differs from the ceph CLI:\n%s", attempt,
                      kdcc_source_get_kind (source), last_diff);
    }
  g_error ("the %s source never agreed with the ceph CLI within %u s (last difference above)",
           kdcc_source_get_kind (source), timeout_s);
}
