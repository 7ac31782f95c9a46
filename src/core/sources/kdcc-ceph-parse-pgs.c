/* kdcc-ceph-parse-pgs.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Parsers of the per-item figures the drill-down pages show: the PG list
 * (`pg ls`, `pg ls-by-osd`, `pg dump pgs_brief`), OSD latency (`osd perf`),
 * per-pool client IO (`osd pool stats`) and erasure-code profiles.
 */
#define G_LOG_DOMAIN "kdcc-ceph-parse"

#include "config.h"

#include <string.h>

#include "kdcc-ceph-parse-private.h"

/* ------------------------------------------------------------------------
 * PG lists */

/* Ceph's stamps: "2026-11-30T20:50:38.734560+0000". 0 when absent or
 * unreadable, which the problem classification reads as "unknown". */
static gint64
parse_stamp (JsonObject *obj,
             const char *member)
{
  const char *text = kdcc_json_find_string (obj, member);
  g_autoptr(GDateTime) when = NULL;

  if (text == NULL || *text == '\0')
    return 0;
  when = g_date_time_new_from_iso8601 (text, NULL);
  if (when == NULL)
    return 0;
  /* Never scrubbed PGs carry the epoch; treat them as unknown. */
  return MAX (g_date_time_to_unix (when), 0);
}

static gboolean
read_ids (KdccJson   *ctx,
          JsonObject *obj,
          const char *where,
          const char *member,
          GArray     *out)
{
  JsonArray *array = NULL;
  guint n;

  if (!kdcc_json_get_array (ctx, obj, where, member, FALSE, &array))
    return FALSE;
  if (array == NULL)
    return TRUE;
  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      char path[KDCC_JSON_PATH_SIZE];
      gint64 id = 0;

      g_snprintf (path, sizeof path, "%s.%s[%u]", where, member, i);
      if (!kdcc_json_node_get_int (ctx, json_array_get_element (array, i), path, NULL, &id))
        return FALSE;
      g_array_append_val (out, id);
    }
  return TRUE;
}

static int
compare_pgs (gconstpointer a,
             gconstpointer b)
{
  return kdcc_pg_data_compare (*(KdccPgData * const *) a, *(KdccPgData * const *) b);
}

gboolean
kdcc_ceph_parse_pg_list (const char  *json,
                         gssize       length,
                         gint64       now,
                         GPtrArray  **pgs,
                         GError     **error)
{
  KdccJson ctx_data = { "pg ls", KDCC_JSON_LENIENT, error };
  KdccJson *ctx = &ctx_data;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) list = NULL;
  JsonArray *array = NULL;
  guint n;

  g_return_val_if_fail (pgs != NULL, FALSE);

  if (!(root = kdcc_json_load (ctx->source, json, length, error)))
    return FALSE;
  /* Pacific and later wrap the list in {"pg_ready":..., "pg_stats":[...]};
   * older releases print the bare array. */
  if (JSON_NODE_HOLDS_ARRAY (root))
    array = json_node_get_array (root);
  else if (JSON_NODE_HOLDS_OBJECT (root))
    {
      if (!kdcc_json_get_array (ctx, json_node_get_object (root), NULL, "pg_stats", TRUE, &array))
        return FALSE;
    }
  else
    return kdcc_json_error (ctx, NULL, NULL, KDCC_JSON_NOT_OBJECT);

  n = json_array_get_length (array);
  list = g_ptr_array_new_full (n, (GDestroyNotify) kdcc_pg_data_free);
  for (guint i = 0; i < n; i++)
    {
      char where[KDCC_JSON_PATH_SIZE];
      JsonObject *obj;
      JsonObject *stat_sum = NULL;
      const char *pgid = NULL;
      const char *state = NULL;
      KdccPgData *pg;

      if (!kdcc_json_element_object (ctx, array, i, "pg_stats", where, &obj)
          || !kdcc_json_get_string (ctx, obj, where, "pgid", TRUE, &pgid)
          || !kdcc_json_get_string (ctx, obj, where, "state", TRUE, &state))
        return FALSE;

      pg = kdcc_pg_data_new (pgid);
      g_ptr_array_add (list, pg);
      pg->state = g_strdup (state);
      if (!read_ids (ctx, obj, where, "up", pg->up)
          || !read_ids (ctx, obj, where, "acting", pg->acting)
          || !kdcc_json_get_int (ctx, obj, where, "up_primary", FALSE, &pg->up_primary)
          || !kdcc_json_get_int (ctx, obj, where, "acting_primary", FALSE, &pg->acting_primary)
          || !kdcc_json_get_object (ctx, obj, where, "stat_sum", FALSE, &stat_sum))
        return FALSE;
      pg->last_scrub_stamp = parse_stamp (obj, "last_scrub_stamp");
      pg->last_deep_scrub_stamp = parse_stamp (obj, "last_deep_scrub_stamp");
      pg->last_active_stamp = parse_stamp (obj, "last_active");
      pg->last_clean_stamp = parse_stamp (obj, "last_clean");
      /* Quincy added it; Pacific's PGs have none. */
      pg->last_scrub_duration = kdcc_json_find_number (obj, "last_scrub_duration", -1);
      if (stat_sum != NULL)
        {
          pg->objects = (guint64) MAX (kdcc_json_find_number (stat_sum, "num_objects", 0), 0);
          pg->bytes = (guint64) MAX (kdcc_json_find_number (stat_sum, "num_bytes", 0), 0);
        }
      kdcc_pg_data_classify (pg, now);
    }
  /* Ceph lists PGs in its own order; the model's (by pool and seed) is
   * set here, on the worker, so the main thread's sync finds the list in
   * order (a linear check) and can match it to the last one element by
   * element (100,000 PGs: a sort there cost tens of milliseconds). */
  g_ptr_array_sort (list, compare_pgs);

  g_clear_pointer (pgs, g_ptr_array_unref);
  *pgs = g_steal_pointer (&list);
  return TRUE;
}

/* Ceph names the PGs it warns about in the detail lines of its PG health
 * checks ("pg 1.0 not deep-scrubbed since ...", "pg 2.5 is stuck inactive
 * for 3m, current state ..."), by its own thresholds: those override the
 * default thresholds kdcc_pg_data_classify() has to assume. */
void
kdcc_ceph_mark_pg_problems (KdccSnapshot *snap)
{
  g_autoptr(GHashTable) by_id = NULL;

  if (snap->pgs == NULL || snap->checks == NULL)
    return;

  by_id = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < snap->pgs->len; i++)
    {
      KdccPgData *pg = g_ptr_array_index (snap->pgs, i);

      g_hash_table_insert (by_id, pg->pgid, pg);
    }

  for (guint i = 0; i < snap->checks->len; i++)
    {
      KdccHealthCheckData *check = g_ptr_array_index (snap->checks, i);
      KdccPgProblems flag;

      if (g_strcmp0 (check->code, "PG_NOT_SCRUBBED") == 0)
        flag = KDCC_PG_PROBLEM_NOT_SCRUBBED;
      else if (g_strcmp0 (check->code, "PG_NOT_DEEP_SCRUBBED") == 0)
        flag = KDCC_PG_PROBLEM_NOT_DEEP_SCRUBBED;
      else if (g_strcmp0 (check->code, "PG_DAMAGED") == 0)
        flag = KDCC_PG_PROBLEM_INCONSISTENT;
      else if (g_strcmp0 (check->code, "PG_AVAILABILITY") == 0
               || g_strcmp0 (check->code, "PG_DEGRADED") == 0)
        flag = KDCC_PG_PROBLEM_STUCK;
      else
        continue;

      for (guint j = 0; j < check->detail->len; j++)
        {
          const char *line = g_ptr_array_index (check->detail, j);
          g_autofree char *pgid = NULL;
          const char *end;
          KdccPgData *pg;

          if (!g_str_has_prefix (line, "pg "))
            continue;
          end = strchr (line + 3, ' ');
          pgid = end != NULL ? g_strndup (line + 3, end - line - 3) : g_strdup (line + 3);
          if ((pg = g_hash_table_lookup (by_id, pgid)) == NULL)
            continue;
          /* PG_AVAILABILITY and PG_DEGRADED also list PGs that are merely
           * inactive or degraded now; only "is stuck" lines mean stuck. */
          if (flag == KDCC_PG_PROBLEM_STUCK && strstr (line, " is stuck ") == NULL)
            continue;
          pg->problems |= flag;
        }
    }
}

/* The PG states of each pool, counted from the PG list, most PGs first. */
static int
compare_state_count (gconstpointer a,
                     gconstpointer b)
{
  const KdccPgStateData *x = *(KdccPgStateData * const *) a;
  const KdccPgStateData *y = *(KdccPgStateData * const *) b;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return g_strcmp0 (x->state, y->state);
}

void
kdcc_ceph_count_pool_pg_states (KdccSnapshot *snap)
{
  if (snap->pgs == NULL || snap->pools == NULL)
    return;

  for (guint i = 0; i < snap->pools->len; i++)
    {
      KdccPoolData *pool = g_ptr_array_index (snap->pools, i);

      g_clear_pointer (&pool->pg_states, g_ptr_array_unref);
      pool->pg_states = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_pg_state_data_free);
    }
  for (guint i = 0; i < snap->pgs->len; i++)
    {
      KdccPgData *pg = g_ptr_array_index (snap->pgs, i);
      KdccPoolData *pool = snap->pool_index != NULL
                           ? g_hash_table_lookup (snap->pool_index, &pg->pool_id) : NULL;
      KdccPgStateData *found = NULL;

      if (pool == NULL)
        continue;
      for (guint j = 0; j < pool->pg_states->len && found == NULL; j++)
        {
          KdccPgStateData *state = g_ptr_array_index (pool->pg_states, j);

          if (g_strcmp0 (state->state, pg->state) == 0)
            found = state;
        }
      if (found != NULL)
        found->count++;
      else
        g_ptr_array_add (pool->pg_states, kdcc_pg_state_data_new (pg->state, 1));
    }
  for (guint i = 0; i < snap->pools->len; i++)
    {
      KdccPoolData *pool = g_ptr_array_index (snap->pools, i);

      g_ptr_array_sort (pool->pg_states, compare_state_count);
    }
}

/* ------------------------------------------------------------------------
 * osd perf */

gboolean
kdcc_ceph_parse_osd_perf (KdccSnapshot  *snap,
                          const char    *json,
                          gssize         length,
                          GError       **error)
{
  KdccJson ctx_data = { "osd perf", KDCC_JSON_LENIENT, error };
  KdccJson *ctx = &ctx_data;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *obj;
  JsonObject *stats = NULL;
  JsonArray *infos = NULL;
  guint n;

  g_return_val_if_fail (snap != NULL, FALSE);

  if (!(root = kdcc_json_load_root (ctx->source, json, length, JSON_NODE_OBJECT, error)))
    return FALSE;
  obj = json_node_get_object (root);
  /* Pacific wraps the infos in "osdstats"; Nautilus printed them at the top. */
  if (!kdcc_json_get_object (ctx, obj, NULL, "osdstats", FALSE, &stats))
    return FALSE;
  if (!kdcc_json_get_array (ctx, stats != NULL ? stats : obj,
                            stats != NULL ? "osdstats" : NULL, "osd_perf_infos", TRUE, &infos))
    return FALSE;

  n = json_array_get_length (infos);
  for (guint i = 0; i < n; i++)
    {
      char where[KDCC_JSON_PATH_SIZE];
      JsonObject *info;
      JsonObject *perf = NULL;
      KdccOsdData *osd;
      gint64 id = 0;
      double commit = 0;
      double apply = 0;

      if (!kdcc_json_element_object (ctx, infos, i, "osd_perf_infos", where, &info)
          || !kdcc_json_get_int (ctx, info, where, "id", TRUE, &id)
          || !kdcc_json_get_object (ctx, info, where, "perf_stats", TRUE, &perf)
          || !kdcc_json_get_double (ctx, perf, where, "commit_latency_ms", TRUE, &commit)
          || !kdcc_json_get_double (ctx, perf, where, "apply_latency_ms", TRUE, &apply))
        return FALSE;

      /* Only OSDs the osdmap lists: osd perf may still report a removed one. */
      if (snap->osd_index == NULL || (osd = g_hash_table_lookup (snap->osd_index, &id)) == NULL)
        continue;
      osd->has_perf = TRUE;
      osd->commit_latency_ms = commit;
      osd->apply_latency_ms = apply;
    }
  return TRUE;
}

/* ------------------------------------------------------------------------
 * osd pool stats */

gboolean
kdcc_ceph_parse_osd_pool_stats (KdccSnapshot  *snap,
                                const char    *json,
                                gssize         length,
                                GError       **error)
{
  KdccJson ctx_data = { "osd pool stats", KDCC_JSON_LENIENT, error };
  KdccJson *ctx = &ctx_data;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *array;
  guint n;

  g_return_val_if_fail (snap != NULL, FALSE);

  if (!(root = kdcc_json_load_root (ctx->source, json, length, JSON_NODE_ARRAY, error)))
    return FALSE;
  array = json_node_get_array (root);
  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      char where[KDCC_JSON_PATH_SIZE];
      JsonObject *obj;
      JsonObject *io = NULL;
      JsonObject *recovery = NULL;
      KdccPoolData *pool;
      gint64 id = 0;

      if (!kdcc_json_element_object (ctx, array, i, "pools", where, &obj)
          || !kdcc_json_get_int (ctx, obj, where, "pool_id", TRUE, &id)
          || !kdcc_json_get_object (ctx, obj, where, "client_io_rate", FALSE, &io)
          || !kdcc_json_get_object (ctx, obj, where, "recovery_rate", FALSE, &recovery))
        return FALSE;
      if (snap->pool_index == NULL || (pool = g_hash_table_lookup (snap->pool_index, &id)) == NULL)
        continue;
      /* Idle pools have empty objects: their rates are zero. */
      pool->has_io = TRUE;
      pool->read_ops = io != NULL ? kdcc_json_find_number (io, "read_op_per_sec", 0) : 0;
      pool->write_ops = io != NULL ? kdcc_json_find_number (io, "write_op_per_sec", 0) : 0;
      pool->read_bytes = io != NULL ? kdcc_json_find_number (io, "read_bytes_sec", 0) : 0;
      pool->write_bytes = io != NULL ? kdcc_json_find_number (io, "write_bytes_sec", 0) : 0;
      pool->recovering_bytes = recovery != NULL
                               ? kdcc_json_find_number (recovery, "recovering_bytes_per_sec", 0)
                               : 0;
    }
  return TRUE;
}

/* ------------------------------------------------------------------------
 * osd erasure-code-profile get */

gboolean
kdcc_ceph_parse_ec_profile (KdccSnapshot  *snap,
                            const char    *profile,
                            const char    *json,
                            gssize         length,
                            GError       **error)
{
  KdccJson ctx_data = { "osd erasure-code-profile get", KDCC_JSON_LENIENT, error };
  KdccJson *ctx = &ctx_data;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *obj;
  gint64 k = -1;
  gint64 m = -1;
  const char *domain = NULL;

  g_return_val_if_fail (snap != NULL, FALSE);
  g_return_val_if_fail (profile != NULL, FALSE);

  if (!(root = kdcc_json_load_root (ctx->source, json, length, JSON_NODE_OBJECT, error)))
    return FALSE;
  obj = json_node_get_object (root);
  /* Every value is a string ("k": "2"); lenient parsing reads them. */
  if (!kdcc_json_get_int (ctx, obj, NULL, "k", FALSE, &k)
      || !kdcc_json_get_int (ctx, obj, NULL, "m", FALSE, &m)
      || !kdcc_json_get_string (ctx, obj, NULL, "crush-failure-domain", FALSE, &domain))
    return FALSE;

  for (guint i = 0; snap->pools != NULL && i < snap->pools->len; i++)
    {
      KdccPoolData *pool = g_ptr_array_index (snap->pools, i);

      if (g_strcmp0 (pool->erasure_code_profile, profile) != 0)
        continue;
      pool->ec_k = k;
      pool->ec_m = m;
      g_free (pool->failure_domain);
      /* Ceph's default when the profile does not say. */
      pool->failure_domain = g_strdup (domain != NULL ? domain : "host");
    }
  return TRUE;
}
