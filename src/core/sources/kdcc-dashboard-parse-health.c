/* kdcc-dashboard-parse-health.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GET /api/health/full: the one Dashboard answer that carries most of a
 * snapshot (health, mon and mgr maps, PGs, capacity and IO, pools, the
 * CRUSH tree, the osdmap). See kdcc-dashboard-parse.c for how reads fail.
 */
#define G_LOG_DOMAIN "kdcc-dashboard-parse"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdcc-dashboard-parse-private.h"

static gboolean
parse_health (KdccJson     *r,
              KdccSnapshot *snapshot,
              JsonObject   *root)
{
  JsonObject *health = NULL;
  JsonArray *checks = NULL;
  const char *status = NULL;

  if (!kdcc_json_get_object (r, root, NULL, "health", TRUE, &health) ||
      !kdcc_json_get_string (r, health, "health", "status", TRUE, &status) ||
      !kdcc_json_get_array (r, health, "health", "checks", FALSE, &checks))
    return FALSE;

  snapshot->health = kdcc_health_status_from_string (status);
  if (snapshot->health == KDCC_HEALTH_UNKNOWN)
    return _kdcc_dashboard_fail (r, "health.status", _("is not a known health status"));

  for (guint i = 0; checks != NULL && i < json_array_get_length (checks); i++)
    {
      KdccHealthCheckData *check;
      char path[KDCC_JSON_PATH_SIZE];
      char sub_path[KDCC_JSON_PATH_SIZE];
      JsonObject *obj = NULL;
      JsonObject *summary = NULL;
      JsonArray *detail = NULL;
      const char *code = NULL;
      const char *severity = NULL;
      const char *message = NULL;

      if (!kdcc_json_element_object (r, checks, i, "health.checks", path, &obj) ||
          !kdcc_json_get_string (r, obj, path, "type", TRUE, &code) ||
          !kdcc_json_get_string (r, obj, path, "severity", TRUE, &severity) ||
          !kdcc_json_get_object (r, obj, path, "summary", FALSE, &summary) ||
          !kdcc_json_get_array (r, obj, path, "detail", FALSE, &detail))
        return FALSE;

      /* Owned by the snapshot from here on, also when a later field fails. */
      check = kdcc_health_check_data_new ();
      g_ptr_array_add (snapshot->checks, check);
      check->code = g_strdup (code);
      check->severity = kdcc_health_status_from_string (severity);
      if (!kdcc_json_get_bool (r, obj, path, "muted", FALSE, &check->muted))
        return FALSE;

      if (summary != NULL)
        {
          kdcc_json_path (sub_path, path, "summary");
          if (!kdcc_json_get_string (r, summary, sub_path, "message", FALSE, &message) ||
              !kdcc_json_get_int (r, summary, sub_path, "count", FALSE, &check->count))
            return FALSE;
        }
      check->summary = g_strdup (message ? message : code);

      kdcc_json_path (sub_path, path, "detail");
      for (guint j = 0; detail != NULL && j < json_array_get_length (detail); j++)
        {
          char line_path[KDCC_JSON_PATH_SIZE];
          JsonObject *line = NULL;
          const char *text = NULL;

          if (!kdcc_json_element_object (r, detail, j, sub_path, line_path, &line) ||
              !kdcc_json_get_string (r, line, line_path, "message", TRUE, &text))
            return FALSE;
          g_ptr_array_add (check->detail, g_strdup (text));
        }
    }
  return TRUE;
}

static gboolean
parse_mon_status (KdccJson     *r,
                  KdccSnapshot *snapshot,
                  JsonObject   *root)
{
  g_autoptr(GHashTable) rank_names = NULL;
  JsonObject *mon_status = NULL;
  JsonObject *monmap = NULL;
  JsonArray *mons = NULL;
  JsonArray *quorum = NULL;
  const char *fsid = NULL;

  if (!kdcc_json_get_object (r, root, NULL, "mon_status", FALSE, &mon_status))
    return FALSE;
  if (mon_status == NULL)
    return TRUE;
  if (!kdcc_json_get_object (r, mon_status, "mon_status", "monmap", TRUE, &monmap) ||
      !kdcc_json_get_string (r, monmap, "mon_status.monmap", "fsid", FALSE, &fsid) ||
      !kdcc_json_get_int (r, monmap, "mon_status.monmap", "epoch", FALSE,
                          &snapshot->monmap_epoch) ||
      !kdcc_json_get_array (r, monmap, "mon_status.monmap", "mons", TRUE, &mons) ||
      !kdcc_json_get_array (r, mon_status, "mon_status", "quorum", FALSE, &quorum))
    return FALSE;

  if (fsid != NULL)
    {
      g_free (snapshot->fsid);
      snapshot->fsid = g_strdup (fsid);
    }

  rank_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < json_array_get_length (mons); i++)
    {
      char path[KDCC_JSON_PATH_SIZE];
      JsonObject *mon = NULL;
      const char *name = NULL;
      gint64 rank = i;

      if (!kdcc_json_element_object (r, mons, i, "mon_status.monmap.mons", path, &mon) ||
          !kdcc_json_get_string (r, mon, path, "name", TRUE, &name) ||
          !kdcc_json_get_int (r, mon, path, "rank", FALSE, &rank))
        return FALSE;
      g_ptr_array_add (snapshot->mons, g_strdup (name));
      g_hash_table_insert (rank_names, g_memdup2 (&rank, sizeof rank), (gpointer) name);
    }

  /* mon_status lists the quorum as ranks; the model wants names. */
  for (guint i = 0; quorum != NULL && i < json_array_get_length (quorum); i++)
    {
      char path[KDCC_JSON_PATH_SIZE];
      gint64 rank;
      const char *name;

      g_snprintf (path, sizeof path, "mon_status.quorum[%u]", i);
      if (!kdcc_json_node_get_int (r, json_array_get_element (quorum, i), path, NULL, &rank))
        return FALSE;
      name = g_hash_table_lookup (rank_names, &rank);
      if (name == NULL)
        return _kdcc_dashboard_fail (r, path, _("names a monitor rank that is not in the monmap"));
      g_ptr_array_add (snapshot->quorum, g_strdup (name));
    }
  return TRUE;
}

static gboolean
parse_mgr_map (KdccJson     *r,
               KdccSnapshot *snapshot,
               JsonObject   *root)
{
  JsonObject *mgr_map = NULL;
  JsonArray *standbys = NULL;
  const char *active = NULL;
  gboolean available = TRUE;

  if (!kdcc_json_get_object (r, root, NULL, "mgr_map", FALSE, &mgr_map))
    return FALSE;
  if (mgr_map == NULL)
    return TRUE;
  if (!kdcc_json_get_string (r, mgr_map, "mgr_map", "active_name", FALSE, &active) ||
      !kdcc_json_get_bool (r, mgr_map, "mgr_map", "available", FALSE, &available) ||
      !kdcc_json_get_array (r, mgr_map, "mgr_map", "standbys", FALSE, &standbys))
    return FALSE;

  g_clear_pointer (&snapshot->mgr_active, g_free);
  if (active != NULL && *active != '\0' && available)
    snapshot->mgr_active = g_strdup (active);

  for (guint i = 0; standbys != NULL && i < json_array_get_length (standbys); i++)
    {
      char path[KDCC_JSON_PATH_SIZE];
      JsonObject *standby = NULL;
      const char *name = NULL;

      if (!kdcc_json_element_object (r, standbys, i, "mgr_map.standbys", path, &standby) ||
          !kdcc_json_get_string (r, standby, path, "name", TRUE, &name))
        return FALSE;
      g_ptr_array_add (snapshot->mgr_standbys, g_strdup (name));
    }
  return TRUE;
}

static gboolean
parse_pg_info (KdccJson     *r,
               KdccSnapshot *snapshot,
               JsonObject   *root)
{
  JsonObject *pg_info = NULL;
  JsonObject *statuses = NULL;
  JsonObjectIter iter;
  const char *state;
  JsonNode *node;

  if (!kdcc_json_get_object (r, root, NULL, "pg_info", FALSE, &pg_info))
    return FALSE;
  if (pg_info == NULL)
    return TRUE;
  if (!kdcc_json_get_object (r, pg_info, "pg_info", "statuses", TRUE, &statuses))
    return FALSE;

  snapshot->pgs_total = 0;
  json_object_iter_init (&iter, statuses);
  while (json_object_iter_next (&iter, &state, &node))
    {
      gint64 count;

      if (!kdcc_json_node_get_int (r, node, "pg_info.statuses", state, &count))
        return FALSE;
      if (count < 0)
        {
          char path[KDCC_JSON_PATH_SIZE];

          kdcc_json_path (path, "pg_info.statuses", state);
          return _kdcc_dashboard_fail (r, path, _("is not a count"));
        }
      g_ptr_array_add (snapshot->pg_states, kdcc_pg_state_data_new (state, count));
      snapshot->pgs_total += count;
    }
  return TRUE;
}

static gboolean
parse_df_and_io (KdccJson     *r,
                 KdccSnapshot *snapshot,
                 JsonObject   *root)
{
  JsonObject *df = NULL;
  JsonObject *stats = NULL;
  JsonObject *perf = NULL;

  if (!kdcc_json_get_object (r, root, NULL, "df", FALSE, &df) ||
      !kdcc_json_get_object (r, root, NULL, "client_perf", FALSE, &perf))
    return FALSE;

  if (df != NULL)
    {
      if (!kdcc_json_get_object (r, df, "df", "stats", TRUE, &stats) ||
          !kdcc_json_get_uint (r, stats, "df.stats", "total_bytes", TRUE,
                               &snapshot->total_bytes) ||
          !kdcc_json_get_uint (r, stats, "df.stats", "total_avail_bytes", TRUE,
                               &snapshot->avail_bytes) ||
          !kdcc_json_get_uint (r, stats, "df.stats", "total_used_raw_bytes", TRUE,
                               &snapshot->used_bytes))
        return FALSE;
    }

  if (perf != NULL)
    {
      if (!kdcc_json_get_double (r, perf, "client_perf", "read_op_per_sec", FALSE,
                                 &snapshot->read_ops) ||
          !kdcc_json_get_double (r, perf, "client_perf", "write_op_per_sec", FALSE,
                                 &snapshot->write_ops) ||
          !kdcc_json_get_double (r, perf, "client_perf", "read_bytes_sec", FALSE,
                                 &snapshot->read_bytes) ||
          !kdcc_json_get_double (r, perf, "client_perf", "write_bytes_sec", FALSE,
                                 &snapshot->write_bytes) ||
          !kdcc_json_get_double (r, perf, "client_perf", "recovering_bytes_per_sec", FALSE,
                                 &snapshot->recovering_bytes))
        return FALSE;
    }
  return TRUE;
}

/* The pools of /api/health/full carry each statistic as
 * {"latest": N, "rate": R, "rates": [...]}; older releases send N. */
static gboolean
get_pool_stat (KdccJson   *r,
               JsonObject *stats,
               const char *path,
               const char *name,
               double     *out,
               gboolean   *found)
{
  JsonNode *node;

  if (!kdcc_json_get_member (r, stats, path, name, FALSE, &node))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      char sub[KDCC_JSON_PATH_SIZE];

      kdcc_json_path (sub, path, name);
      *found = TRUE;
      return kdcc_json_get_double (r, json_node_get_object (node), sub, "latest", TRUE, out);
    }
  *found = TRUE;
  return kdcc_json_get_double (r, stats, path, name, TRUE, out);
}

static gboolean
parse_pools (KdccJson     *r,
             KdccSnapshot *snapshot,
             JsonObject   *root)
{
  JsonArray *pools = NULL;

  if (!kdcc_json_get_array (r, root, NULL, "pools", FALSE, &pools))
    return FALSE;
  if (pools == NULL)
    return TRUE;

  /* An empty array is "no pools", not "not fetched". */
  if (snapshot->pools == NULL)
    snapshot->pools = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_pool_data_free);

  for (guint i = 0; i < json_array_get_length (pools); i++)
    {
      char path[KDCC_JSON_PATH_SIZE];
      char stats_path[KDCC_JSON_PATH_SIZE];
      JsonObject *obj = NULL;
      JsonObject *apps = NULL;
      JsonObject *stats = NULL;
      KdccPoolData *pool;
      const char *name = NULL;
      const char *autoscale = NULL;
      const char *type_name = NULL;
      gint64 id;
      gint64 type = -1;
      JsonNode *type_node;

      if (!kdcc_json_element_object (r, pools, i, "pools", path, &obj) ||
          !kdcc_json_get_int (r, obj, path, "pool", TRUE, &id) ||
          !kdcc_json_get_string (r, obj, path, "pool_name", TRUE, &name) ||
          !kdcc_json_get_string (r, obj, path, "pg_autoscale_mode", FALSE, &autoscale) ||
          !kdcc_json_get_object (r, obj, path, "application_metadata", FALSE, &apps) ||
          !kdcc_json_get_object (r, obj, path, "stats", FALSE, &stats) ||
          !kdcc_json_get_member (r, obj, path, "type", FALSE, &type_node))
        return FALSE;

      pool = kdcc_snapshot_ensure_pool (snapshot, id);
      g_free (pool->name);
      pool->name = g_strdup (name);
      if (!kdcc_json_get_int (r, obj, path, "size", TRUE, &pool->size) ||
          !kdcc_json_get_int (r, obj, path, "min_size", TRUE, &pool->min_size) ||
          !kdcc_json_get_int (r, obj, path, "pg_num", TRUE, &pool->pg_num))
        return FALSE;

      /* The osdmap's pool type is 1 (replicated) or 3 (erasure); newer
       * dashboards also send the name. */
      if (type_node != NULL && _kdcc_dashboard_node_is_string (type_node))
        type_name = json_node_get_string (type_node);
      else if (!kdcc_json_get_int (r, obj, path, "type", FALSE, &type))
        return FALSE;
      else if (type == 1)
        type_name = "replicated";
      else if (type == 3)
        type_name = "erasure";
      g_free (pool->type);
      pool->type = g_strdup (type_name);
      g_free (pool->autoscale_mode);
      pool->autoscale_mode = g_strdup (autoscale);

      g_ptr_array_set_size (pool->applications, 0);
      if (apps != NULL)
        {
          g_autoptr(GList) names = json_object_get_members (apps);

          names = g_list_sort (names, (GCompareFunc) g_strcmp0);
          for (GList *l = names; l; l = l->next)
            g_ptr_array_add (pool->applications, g_strdup (l->data));
        }

      if (stats != NULL)
        {
          double stored = 0, max_avail = 0, percent = 0, objects = 0;
          gboolean found = FALSE;

          kdcc_json_path (stats_path, path, "stats");
          if (!get_pool_stat (r, stats, stats_path, "stored", &stored, &found) ||
              !get_pool_stat (r, stats, stats_path, "max_avail", &max_avail, &found) ||
              !get_pool_stat (r, stats, stats_path, "percent_used", &percent, &found) ||
              !get_pool_stat (r, stats, stats_path, "objects", &objects, &found))
            return FALSE;
          if (stored < 0 || max_avail < 0 || objects < 0 || percent < 0)
            return _kdcc_dashboard_fail (r, stats_path, _("holds a negative value"));
          pool->has_usage = found;
          pool->stored_bytes = (guint64) stored;
          pool->max_avail_bytes = (guint64) max_avail;
          pool->objects = (guint64) objects;
          /* Ceph reports a ratio 0..1 here, the model a percentage. */
          pool->percent_used = percent * 100.0;
        }
    }
  snapshot->pools_total = snapshot->pools->len;
  return TRUE;
}

/* Each pool's own "stats" above is the dashboard's short history of each
 * figure, and its "latest" is the oldest of the last ten samples: the
 * dashboard takes stat_series[0] of a deque(maxlen=10) that grows by one at
 * every request (dashboard/services/ceph_service.py, module.py in 16.2.15),
 * so after a change it lags by ten requests. df.pools holds the mgr's
 * current figures, the same as `ceph df`; they win where present. */
static gboolean
parse_df_pools (KdccJson     *r,
                KdccSnapshot *snapshot,
                JsonObject   *root)
{
  JsonObject *df = NULL;
  JsonArray *pools = NULL;

  if (!kdcc_json_get_object (r, root, NULL, "df", FALSE, &df))
    return FALSE;
  if (df == NULL || snapshot->pool_index == NULL)
    return TRUE;
  if (!kdcc_json_get_array (r, df, "df", "pools", FALSE, &pools))
    return FALSE;

  for (guint i = 0; pools != NULL && i < json_array_get_length (pools); i++)
    {
      char path[KDCC_JSON_PATH_SIZE];
      char stats_path[KDCC_JSON_PATH_SIZE];
      JsonObject *obj = NULL;
      JsonObject *stats = NULL;
      KdccPoolData *pool;
      guint64 stored = 0, max_avail = 0, objects = 0;
      double percent = 0;
      gint64 id;

      if (!kdcc_json_element_object (r, pools, i, "df.pools", path, &obj) ||
          !kdcc_json_get_int (r, obj, path, "id", TRUE, &id) ||
          !kdcc_json_get_object (r, obj, path, "stats", TRUE, &stats))
        return FALSE;
      kdcc_json_path (stats_path, path, "stats");
      if (!kdcc_json_get_uint (r, stats, stats_path, "stored", TRUE, &stored) ||
          !kdcc_json_get_uint (r, stats, stats_path, "max_avail", TRUE, &max_avail) ||
          !kdcc_json_get_uint (r, stats, stats_path, "objects", TRUE, &objects) ||
          !kdcc_json_get_double (r, stats, stats_path, "percent_used", TRUE, &percent))
        return FALSE;
      if (percent < 0)
        return _kdcc_dashboard_fail (r, stats_path, _("holds a negative value"));

      /* Only pools the osdmap lists: a pool made of df alone would lack its
       * size, type and applications. */
      pool = g_hash_table_lookup (snapshot->pool_index, &id);
      if (pool == NULL)
        continue;
      pool->has_usage = TRUE;
      pool->stored_bytes = stored;
      pool->max_avail_bytes = max_avail;
      pool->objects = objects;
      /* A ratio 0..1 here too. */
      pool->percent_used = percent * 100.0;
    }
  return TRUE;
}

/* The CRUSH tree of /api/health/full: hosts (also empty ones), and for each
 * OSD its host, device class and weights. */
static gboolean
parse_tree (KdccJson     *r,
            KdccSnapshot *snapshot,
            JsonObject   *osd_map)
{
  JsonObject *tree = NULL;
  JsonArray *nodes = NULL;

  if (!kdcc_json_get_object (r, osd_map, "osd_map", "tree", FALSE, &tree))
    return FALSE;
  if (tree == NULL)
    return TRUE;
  if (!kdcc_json_get_array (r, tree, "osd_map.tree", "nodes", TRUE, &nodes))
    return FALSE;

  if (snapshot->hosts == NULL)
    snapshot->hosts = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_host_data_free);

  for (guint i = 0; i < json_array_get_length (nodes); i++)
    {
      char path[KDCC_JSON_PATH_SIZE];
      JsonObject *node = NULL;
      const char *type = NULL;
      const char *name = NULL;
      gint64 id;

      if (!kdcc_json_element_object (r, nodes, i, "osd_map.tree.nodes", path, &node) ||
          !kdcc_json_get_int (r, node, path, "id", TRUE, &id) ||
          !kdcc_json_get_string (r, node, path, "type", TRUE, &type) ||
          !kdcc_json_get_string (r, node, path, "name", TRUE, &name))
        return FALSE;

      if (g_str_equal (type, "osd") && id >= 0)
        {
          KdccOsdData *osd = kdcc_snapshot_ensure_osd (snapshot, id);
          const char *device_class = NULL;

          if (!kdcc_json_get_string (r, node, path, "device_class", FALSE, &device_class) ||
              !kdcc_json_get_double (r, node, path, "crush_weight", FALSE, &osd->crush_weight))
            return FALSE;
          g_free (osd->device_class);
          osd->device_class = g_strdup (device_class);
          g_free (osd->name);
          osd->name = g_strdup (name);
        }
      else if (g_str_equal (type, "host"))
        {
          KdccHostData *host = kdcc_snapshot_ensure_host (snapshot, name);
          JsonArray *children = NULL;

          if (!kdcc_json_get_array (r, node, path, "children", FALSE, &children))
            return FALSE;
          for (guint j = 0; children != NULL && j < json_array_get_length (children); j++)
            {
              char child_path[KDCC_JSON_PATH_SIZE];
              gint64 child;

              g_snprintf (child_path, sizeof child_path, "%s.children[%u]", path, j);
              if (!kdcc_json_node_get_int (r, json_array_get_element (children, j), child_path,
                                           NULL, &child))
                return FALSE;
              if (child >= 0)
                {
                  KdccOsdData *osd = kdcc_snapshot_ensure_osd (snapshot, child);

                  g_array_append_val (host->osd_ids, child);
                  g_free (osd->host);
                  osd->host = g_strdup (name);
                }
            }
        }
    }
  return TRUE;
}

static gboolean
parse_osd_map (KdccJson     *r,
               KdccSnapshot *snapshot,
               JsonObject   *root)
{
  JsonObject *osd_map = NULL;
  JsonObject *metadata = NULL;
  JsonArray *osds = NULL;
  const char *fsid = NULL;

  if (!kdcc_json_get_object (r, root, NULL, "osd_map", FALSE, &osd_map))
    return FALSE;
  if (osd_map == NULL)
    return TRUE;
  if (!kdcc_json_get_int (r, osd_map, "osd_map", "epoch", FALSE, &snapshot->osdmap_epoch) ||
      !kdcc_json_get_string (r, osd_map, "osd_map", "fsid", FALSE, &fsid) ||
      !kdcc_json_get_array (r, osd_map, "osd_map", "osds", TRUE, &osds) ||
      !kdcc_json_get_object (r, osd_map, "osd_map", "osd_metadata", FALSE, &metadata))
    return FALSE;

  if (snapshot->fsid == NULL && fsid != NULL)
    snapshot->fsid = g_strdup (fsid);

  /* Also a cluster with no OSDs at all has an (empty) list. */
  kdcc_snapshot_ensure_osd_list (snapshot);

  snapshot->osds_total = 0;
  snapshot->osds_up = 0;
  snapshot->osds_in = 0;
  for (guint i = 0; i < json_array_get_length (osds); i++)
    {
      char path[KDCC_JSON_PATH_SIZE];
      JsonObject *obj = NULL;
      KdccOsdData *osd;
      gint64 id;

      if (!kdcc_json_element_object (r, osds, i, "osd_map.osds", path, &obj) ||
          !kdcc_json_get_int (r, obj, path, "osd", TRUE, &id))
        return FALSE;
      if (id < 0)
        return _kdcc_dashboard_fail (r, path, _("has a negative OSD id"));

      osd = kdcc_snapshot_ensure_osd (snapshot, id);
      if (!kdcc_json_get_bool (r, obj, path, "up", TRUE, &osd->up) ||
          !kdcc_json_get_bool (r, obj, path, "in", TRUE, &osd->in) ||
          !kdcc_json_get_double (r, obj, path, "weight", FALSE, &osd->reweight) ||
          !kdcc_json_get_double (r, obj, path, "primary_affinity", FALSE, &osd->primary_affinity))
        return FALSE;
      osd->exists = TRUE;
      snapshot->osds_total++;
      snapshot->osds_up += osd->up ? 1 : 0;
      snapshot->osds_in += osd->in ? 1 : 0;
    }

  if (!parse_tree (r, snapshot, osd_map))
    return FALSE;

  if (metadata != NULL)
    {
      JsonObjectIter iter;
      const char *key;
      JsonNode *node;

      json_object_iter_init (&iter, metadata);
      while (json_object_iter_next (&iter, &key, &node))
        {
          char path[KDCC_JSON_PATH_SIZE];
          const char *version = NULL;

          kdcc_json_path (path, "osd_map.osd_metadata", key);
          if (!JSON_NODE_HOLDS_OBJECT (node))
            return kdcc_json_error (r, path, NULL, KDCC_JSON_NOT_OBJECT);
          if (!kdcc_json_get_string (r, json_node_get_object (node), path, "ceph_version", FALSE,
                                     &version))
            return FALSE;
          if (version != NULL)
            _kdcc_dashboard_add_version (snapshot, "osd", version);
        }
    }
  return TRUE;
}

gboolean
kdcc_dashboard_parse_health_full (KdccSnapshot  *snapshot,
                                  const char    *data,
                                  gssize         length,
                                  GError       **error)
{
  g_autofree char *source = _kdcc_dashboard_source_for ("/api/health/full");
  KdccJson r = { source, KDCC_JSON_STRICT, error };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *obj;

  g_return_val_if_fail (snapshot != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(root = kdcc_json_load_root (source, data, length, JSON_NODE_OBJECT, error)))
    return FALSE;
  obj = json_node_get_object (root);

  if (!parse_health (&r, snapshot, obj) ||
      !parse_mon_status (&r, snapshot, obj) ||
      !parse_mgr_map (&r, snapshot, obj) ||
      !parse_pg_info (&r, snapshot, obj) ||
      !parse_df_and_io (&r, snapshot, obj) ||
      !parse_pools (&r, snapshot, obj) ||
      !parse_df_pools (&r, snapshot, obj) ||
      !parse_osd_map (&r, snapshot, obj) ||
      !_kdcc_dashboard_parse_drill (&r, snapshot, obj))
    return FALSE;

  g_ptr_array_sort (snapshot->versions, _kdcc_dashboard_compare_version);
  return TRUE;
}
