/* kdcc-dashboard-parse.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-dashboard-parse"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "kdcc-dashboard-parse.h"
#include "kdcc-error.h"

/* Every read names where it looks ("health.checks[2].severity"), so a
 * wrongly typed answer produces an error an admin can report, not a crash
 * or a silently wrong number. Sections a user lacks the permission for are
 * simply absent from the dashboard's answers; absent optional members keep
 * the snapshot's defaults, present but wrongly typed ones are errors. */
typedef struct
{
  const char  *endpoint;
  GError     **error;
} Reader;

static gboolean
fail (Reader     *r,
      const char *path,
      const char *problem)
{
  if (r->error != NULL && *r->error == NULL)
    g_set_error (r->error, KDCC_ERROR, KDCC_ERROR_PARSE,
                 _("Unexpected answer from the dashboard for %s: “%s” %s"),
                 r->endpoint, path, problem);
  return FALSE;
}

static char *
join_path (const char *parent,
           const char *member)
{
  if (parent == NULL || *parent == '\0')
    return g_strdup (member);
  return g_strconcat (parent, ".", member, NULL);
}

static JsonNode *
parse_document (Reader     *r,
                const char *data,
                gssize      length,
                JsonParser *parser)
{
  g_autoptr(GError) local_error = NULL;

  if (data == NULL)
    {
      fail (r, "", _("is empty"));
      return NULL;
    }
  if (length < 0)
    length = strlen (data);
  /* json-glib would accept an embedded NUL as the end of the text. */
  if (memchr (data, '\0', length) != NULL)
    {
      g_set_error (r->error, KDCC_ERROR, KDCC_ERROR_PARSE,
                   _("The dashboard sent invalid JSON for %s: it contains a NUL byte"),
                   r->endpoint);
      return NULL;
    }
  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_set_error (r->error, KDCC_ERROR, KDCC_ERROR_PARSE,
                   _("The dashboard sent invalid JSON for %s: %s"),
                   r->endpoint, local_error->message);
      return NULL;
    }
  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error (r->error, KDCC_ERROR, KDCC_ERROR_PARSE,
                   _("The dashboard sent an empty answer for %s"), r->endpoint);
      return NULL;
    }
  return json_parser_get_root (parser);
}

static JsonObject *
root_object (Reader   *r,
             JsonNode *root)
{
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (r->error, KDCC_ERROR, KDCC_ERROR_PARSE,
                   _("Unexpected answer from the dashboard for %s: it is not a JSON object"),
                   r->endpoint);
      return NULL;
    }
  return json_node_get_object (root);
}

/* Looks up a member. Returns FALSE only on error; *out is NULL when the
 * member is absent (or null) and that is allowed. */
static gboolean
member (Reader      *r,
        JsonObject  *obj,
        const char  *path,
        const char  *name,
        gboolean     required,
        JsonNode   **out)
{
  JsonNode *node = json_object_get_member (obj, name);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        {
          g_autofree char *full = join_path (path, name);

          return fail (r, full, _("is missing"));
        }
      return TRUE;
    }
  *out = node;
  return TRUE;
}

static gboolean
get_object (Reader      *r,
            JsonObject  *obj,
            const char  *path,
            const char  *name,
            gboolean     required,
            JsonObject **out)
{
  JsonNode *node;

  *out = NULL;
  if (!member (r, obj, path, name, required, &node))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *full = join_path (path, name);

      return fail (r, full, _("is not an object"));
    }
  *out = json_node_get_object (node);
  return TRUE;
}

static gboolean
get_array (Reader      *r,
           JsonObject  *obj,
           const char  *path,
           const char  *name,
           gboolean     required,
           JsonArray  **out)
{
  JsonNode *node;

  *out = NULL;
  if (!member (r, obj, path, name, required, &node))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_autofree char *full = join_path (path, name);

      return fail (r, full, _("is not a list"));
    }
  *out = json_node_get_array (node);
  return TRUE;
}

static gboolean
node_is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
node_is_number (JsonNode *node)
{
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
}

static gboolean
get_string (Reader      *r,
            JsonObject  *obj,
            const char  *path,
            const char  *name,
            gboolean     required,
            const char **out)
{
  JsonNode *node;

  *out = NULL;
  if (!member (r, obj, path, name, required, &node))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!node_is_string (node))
    {
      g_autofree char *full = join_path (path, name);

      return fail (r, full, _("is not a string"));
    }
  *out = json_node_get_string (node);
  return TRUE;
}

static gboolean
get_double (Reader     *r,
            JsonObject *obj,
            const char *path,
            const char *name,
            gboolean    required,
            double     *out)
{
  JsonNode *node;
  double value;

  if (!member (r, obj, path, name, required, &node))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!node_is_number (node))
    {
      g_autofree char *full = join_path (path, name);

      return fail (r, full, _("is not a number"));
    }
  value = json_node_get_double (node);
  if (!isfinite (value))
    {
      g_autofree char *full = join_path (path, name);

      return fail (r, full, _("is not a finite number"));
    }
  *out = value;
  return TRUE;
}

/* Integers may arrive as 1 or 1.0 (Python floats); anything else that is not
 * a whole number in range is an error. */
static gboolean
node_to_int (JsonNode *node,
             gint64   *out)
{
  double value;

  if (!node_is_number (node))
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    {
      *out = json_node_get_int (node);
      return TRUE;
    }
  value = json_node_get_double (node);
  if (!isfinite (value) || value != floor (value) ||
      value < -9.2e18 || value > 9.2e18)
    return FALSE;
  *out = (gint64) value;
  return TRUE;
}

static gboolean
get_int (Reader     *r,
         JsonObject *obj,
         const char *path,
         const char *name,
         gboolean    required,
         gint64     *out)
{
  JsonNode *node;

  if (!member (r, obj, path, name, required, &node))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!node_to_int (node, out))
    {
      g_autofree char *full = join_path (path, name);

      return fail (r, full, _("is not a whole number"));
    }
  return TRUE;
}

static gboolean
get_bytes (Reader     *r,
           JsonObject *obj,
           const char *path,
           const char *name,
           gboolean    required,
           guint64    *out)
{
  gint64 value = -1;
  JsonNode *node;

  if (!member (r, obj, path, name, required, &node))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!get_int (r, obj, path, name, required, &value))
    return FALSE;
  if (value < 0)
    {
      g_autofree char *full = join_path (path, name);

      return fail (r, full, _("is negative"));
    }
  *out = (guint64) value;
  return TRUE;
}

/* Ceph writes flags as true/false in some maps and as 0/1 in others. */
static gboolean
get_flag (Reader     *r,
          JsonObject *obj,
          const char *path,
          const char *name,
          gboolean    required,
          gboolean   *out)
{
  JsonNode *node;
  gint64 value;

  if (!member (r, obj, path, name, required, &node))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    {
      *out = json_node_get_boolean (node);
      return TRUE;
    }
  if (node_to_int (node, &value) && (value == 0 || value == 1))
    {
      *out = value == 1;
      return TRUE;
    }
  {
    g_autofree char *full = join_path (path, name);

    return fail (r, full, _("is not true or false"));
  }
}

/* The element of a list that must be an object. */
static JsonObject *
array_object (Reader     *r,
              JsonArray  *array,
              guint       index,
              const char *path,
              char      **elem_path)
{
  JsonNode *node = json_array_get_element (array, index);

  *elem_path = g_strdup_printf ("%s[%u]", path, index);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      fail (r, *elem_path, _("is not an object"));
      return NULL;
    }
  return json_node_get_object (node);
}

char *
kdcc_dashboard_parse_auth (const char  *data,
                           gssize       length,
                           GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  Reader r = { "/api/auth", error };
  JsonNode *root;
  JsonObject *obj;
  const char *token = NULL;

  if (!(root = parse_document (&r, data, length, parser)) || !(obj = root_object (&r, root)))
    return NULL;
  if (!get_string (&r, obj, "", "token", TRUE, &token))
    return NULL;
  if (*token == '\0')
    {
      fail (&r, "token", _("is empty"));
      return NULL;
    }
  return g_strdup (token);
}

char *
kdcc_dashboard_parse_error_body (const char *data,
                                 gssize      length)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  Reader r = { "error", &local_error };
  JsonNode *root;
  JsonObject *obj;
  const char *detail = NULL;
  const char *code = NULL;

  if (data == NULL || length == 0)
    return NULL;
  if (!(root = parse_document (&r, data, length, parser)) || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  obj = json_node_get_object (root);
  if (!get_string (&r, obj, "", "detail", TRUE, &detail))
    return NULL;
  /* "code" is a string in DashboardException bodies; CherryPy's own error
   * pages carry "status" instead. */
  if (json_object_has_member (obj, "code") &&
      node_is_string (json_object_get_member (obj, "code")))
    code = json_object_get_string_member (obj, "code");
  if (code != NULL && *code != '\0')
    return g_strdup_printf ("%s (%s)", detail, code);
  return g_strdup (detail);
}

static gboolean
parse_health (Reader       *r,
              KdccSnapshot *snapshot,
              JsonObject   *root)
{
  JsonObject *health;
  JsonArray *checks;
  const char *status;

  if (!get_object (r, root, "", "health", TRUE, &health) ||
      !get_string (r, health, "health", "status", TRUE, &status) ||
      !get_array (r, health, "health", "checks", FALSE, &checks))
    return FALSE;

  snapshot->health = kdcc_health_status_from_string (status);
  if (snapshot->health == KDCC_HEALTH_UNKNOWN)
    return fail (r, "health.status", _("is not a known health status"));

  for (guint i = 0; checks != NULL && i < json_array_get_length (checks); i++)
    {
      KdccHealthCheckData *check;
      g_autofree char *path = NULL;
      g_autofree char *summary_path = NULL;
      JsonObject *obj = array_object (r, checks, i, "health.checks", &path);
      JsonObject *summary;
      JsonArray *detail;
      const char *code;
      const char *severity;
      const char *message = NULL;

      if (obj == NULL)
        return FALSE;
      if (!get_string (r, obj, path, "type", TRUE, &code) ||
          !get_string (r, obj, path, "severity", TRUE, &severity) ||
          !get_object (r, obj, path, "summary", FALSE, &summary) ||
          !get_array (r, obj, path, "detail", FALSE, &detail))
        return FALSE;

      /* Owned by the snapshot from here on, also when a later field fails. */
      check = kdcc_health_check_data_new ();
      g_ptr_array_add (snapshot->checks, check);
      check->code = g_strdup (code);
      check->severity = kdcc_health_status_from_string (severity);
      if (!get_flag (r, obj, path, "muted", FALSE, &check->muted))
        return FALSE;

      if (summary != NULL)
        {
          summary_path = join_path (path, "summary");
          if (!get_string (r, summary, summary_path, "message", FALSE, &message) ||
              !get_int (r, summary, summary_path, "count", FALSE, &check->count))
            return FALSE;
        }
      check->summary = g_strdup (message ? message : code);

      for (guint j = 0; detail != NULL && j < json_array_get_length (detail); j++)
        {
          g_autofree char *detail_path = NULL;
          g_autofree char *detail_base = join_path (path, "detail");
          JsonObject *line = array_object (r, detail, j, detail_base, &detail_path);
          const char *text;

          if (line == NULL || !get_string (r, line, detail_path, "message", TRUE, &text))
            return FALSE;
          g_ptr_array_add (check->detail, g_strdup (text));
        }
    }
  return TRUE;
}

static gboolean
parse_mon_status (Reader       *r,
                  KdccSnapshot *snapshot,
                  JsonObject   *root)
{
  g_autoptr(GHashTable) rank_names = NULL;
  JsonObject *mon_status;
  JsonObject *monmap;
  JsonArray *mons;
  JsonArray *quorum;
  const char *fsid;

  if (!get_object (r, root, "", "mon_status", FALSE, &mon_status))
    return FALSE;
  if (mon_status == NULL)
    return TRUE;
  if (!get_object (r, mon_status, "mon_status", "monmap", TRUE, &monmap) ||
      !get_string (r, monmap, "mon_status.monmap", "fsid", FALSE, &fsid) ||
      !get_int (r, monmap, "mon_status.monmap", "epoch", FALSE, &snapshot->monmap_epoch) ||
      !get_array (r, monmap, "mon_status.monmap", "mons", TRUE, &mons) ||
      !get_array (r, mon_status, "mon_status", "quorum", FALSE, &quorum))
    return FALSE;

  if (fsid != NULL)
    {
      g_free (snapshot->fsid);
      snapshot->fsid = g_strdup (fsid);
    }

  rank_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < json_array_get_length (mons); i++)
    {
      g_autofree char *path = NULL;
      JsonObject *mon = array_object (r, mons, i, "mon_status.monmap.mons", &path);
      const char *name;
      gint64 rank = i;

      if (mon == NULL ||
          !get_string (r, mon, path, "name", TRUE, &name) ||
          !get_int (r, mon, path, "rank", FALSE, &rank))
        return FALSE;
      g_ptr_array_add (snapshot->mons, g_strdup (name));
      g_hash_table_insert (rank_names, g_memdup2 (&rank, sizeof rank), (gpointer) name);
    }

  /* mon_status lists the quorum as ranks; the model wants names. */
  for (guint i = 0; quorum != NULL && i < json_array_get_length (quorum); i++)
    {
      gint64 rank;
      const char *name;

      if (!node_to_int (json_array_get_element (quorum, i), &rank))
        {
          g_autofree char *path = g_strdup_printf ("mon_status.quorum[%u]", i);

          return fail (r, path, _("is not a whole number"));
        }
      name = g_hash_table_lookup (rank_names, &rank);
      if (name == NULL)
        {
          g_autofree char *path = g_strdup_printf ("mon_status.quorum[%u]", i);

          return fail (r, path, _("names a monitor rank that is not in the monmap"));
        }
      g_ptr_array_add (snapshot->quorum, g_strdup (name));
    }
  return TRUE;
}

static gboolean
parse_mgr_map (Reader       *r,
               KdccSnapshot *snapshot,
               JsonObject   *root)
{
  JsonObject *mgr_map;
  JsonArray *standbys;
  const char *active = NULL;
  gboolean available = TRUE;

  if (!get_object (r, root, "", "mgr_map", FALSE, &mgr_map))
    return FALSE;
  if (mgr_map == NULL)
    return TRUE;
  if (!get_string (r, mgr_map, "mgr_map", "active_name", FALSE, &active) ||
      !get_flag (r, mgr_map, "mgr_map", "available", FALSE, &available) ||
      !get_array (r, mgr_map, "mgr_map", "standbys", FALSE, &standbys))
    return FALSE;

  g_clear_pointer (&snapshot->mgr_active, g_free);
  if (active != NULL && *active != '\0' && available)
    snapshot->mgr_active = g_strdup (active);

  for (guint i = 0; standbys != NULL && i < json_array_get_length (standbys); i++)
    {
      g_autofree char *path = NULL;
      JsonObject *standby = array_object (r, standbys, i, "mgr_map.standbys", &path);
      const char *name;

      if (standby == NULL || !get_string (r, standby, path, "name", TRUE, &name))
        return FALSE;
      g_ptr_array_add (snapshot->mgr_standbys, g_strdup (name));
    }
  return TRUE;
}

static gboolean
parse_pg_info (Reader       *r,
               KdccSnapshot *snapshot,
               JsonObject   *root)
{
  JsonObject *pg_info;
  JsonObject *statuses;
  JsonObjectIter iter;
  const char *state;
  JsonNode *node;

  if (!get_object (r, root, "", "pg_info", FALSE, &pg_info))
    return FALSE;
  if (pg_info == NULL)
    return TRUE;
  if (!get_object (r, pg_info, "pg_info", "statuses", TRUE, &statuses))
    return FALSE;

  snapshot->pgs_total = 0;
  json_object_iter_init (&iter, statuses);
  while (json_object_iter_next (&iter, &state, &node))
    {
      gint64 count;

      if (!node_to_int (node, &count) || count < 0)
        {
          g_autofree char *path = g_strdup_printf ("pg_info.statuses.%s", state);

          return fail (r, path, _("is not a count"));
        }
      g_ptr_array_add (snapshot->pg_states, kdcc_pg_state_data_new (state, count));
      snapshot->pgs_total += count;
    }
  return TRUE;
}

static gboolean
parse_df_and_io (Reader       *r,
                 KdccSnapshot *snapshot,
                 JsonObject   *root)
{
  JsonObject *df;
  JsonObject *stats;
  JsonObject *perf;

  if (!get_object (r, root, "", "df", FALSE, &df) ||
      !get_object (r, root, "", "client_perf", FALSE, &perf))
    return FALSE;

  if (df != NULL)
    {
      if (!get_object (r, df, "df", "stats", TRUE, &stats) ||
          !get_bytes (r, stats, "df.stats", "total_bytes", TRUE, &snapshot->total_bytes) ||
          !get_bytes (r, stats, "df.stats", "total_avail_bytes", TRUE,
                      &snapshot->avail_bytes) ||
          !get_bytes (r, stats, "df.stats", "total_used_raw_bytes", TRUE,
                      &snapshot->used_bytes))
        return FALSE;
    }

  if (perf != NULL)
    {
      if (!get_double (r, perf, "client_perf", "read_op_per_sec", FALSE, &snapshot->read_ops) ||
          !get_double (r, perf, "client_perf", "write_op_per_sec", FALSE,
                       &snapshot->write_ops) ||
          !get_double (r, perf, "client_perf", "read_bytes_sec", FALSE,
                       &snapshot->read_bytes) ||
          !get_double (r, perf, "client_perf", "write_bytes_sec", FALSE,
                       &snapshot->write_bytes) ||
          !get_double (r, perf, "client_perf", "recovering_bytes_per_sec", FALSE,
                       &snapshot->recovering_bytes))
        return FALSE;
    }
  return TRUE;
}

/* The pools of /api/health/full carry each statistic as
 * {"latest": N, "rate": R, "rates": [...]}; older releases send N. */
static gboolean
get_pool_stat (Reader     *r,
               JsonObject *stats,
               const char *path,
               const char *name,
               double     *out,
               gboolean   *found)
{
  JsonNode *node;

  if (!member (r, stats, path, name, FALSE, &node))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *sub = join_path (path, name);

      *found = TRUE;
      return get_double (r, json_node_get_object (node), sub, "latest", TRUE, out);
    }
  *found = TRUE;
  return get_double (r, stats, path, name, TRUE, out);
}

static gboolean
parse_pools (Reader       *r,
             KdccSnapshot *snapshot,
             JsonObject   *root)
{
  JsonArray *pools;

  if (!get_array (r, root, "", "pools", FALSE, &pools))
    return FALSE;
  if (pools == NULL)
    return TRUE;

  /* An empty array is "no pools", not "not fetched". */
  if (snapshot->pools == NULL)
    snapshot->pools = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_pool_data_free);

  for (guint i = 0; i < json_array_get_length (pools); i++)
    {
      g_autofree char *path = NULL;
      g_autofree char *stats_path = NULL;
      JsonObject *obj = array_object (r, pools, i, "pools", &path);
      JsonObject *apps;
      JsonObject *stats;
      KdccPoolData *pool;
      const char *name;
      const char *autoscale;
      const char *type_name = NULL;
      gint64 id;
      gint64 type = -1;
      JsonNode *type_node;

      if (obj == NULL ||
          !get_int (r, obj, path, "pool", TRUE, &id) ||
          !get_string (r, obj, path, "pool_name", TRUE, &name) ||
          !get_string (r, obj, path, "pg_autoscale_mode", FALSE, &autoscale) ||
          !get_object (r, obj, path, "application_metadata", FALSE, &apps) ||
          !get_object (r, obj, path, "stats", FALSE, &stats) ||
          !member (r, obj, path, "type", FALSE, &type_node))
        return FALSE;

      pool = kdcc_snapshot_ensure_pool (snapshot, id);
      g_free (pool->name);
      pool->name = g_strdup (name);
      if (!get_int (r, obj, path, "size", TRUE, &pool->size) ||
          !get_int (r, obj, path, "min_size", TRUE, &pool->min_size) ||
          !get_int (r, obj, path, "pg_num", TRUE, &pool->pg_num))
        return FALSE;

      /* The osdmap's pool type is 1 (replicated) or 3 (erasure); newer
       * dashboards also send the name. */
      if (type_node != NULL && node_is_string (type_node))
        type_name = json_node_get_string (type_node);
      else if (!get_int (r, obj, path, "type", FALSE, &type))
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

          stats_path = join_path (path, "stats");
          if (!get_pool_stat (r, stats, stats_path, "stored", &stored, &found) ||
              !get_pool_stat (r, stats, stats_path, "max_avail", &max_avail, &found) ||
              !get_pool_stat (r, stats, stats_path, "percent_used", &percent, &found) ||
              !get_pool_stat (r, stats, stats_path, "objects", &objects, &found))
            return FALSE;
          if (stored < 0 || max_avail < 0 || objects < 0 || percent < 0)
            return fail (r, stats_path, _("holds a negative value"));
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

/* The CRUSH tree of /api/health/full: hosts (also empty ones), and for each
 * OSD its host, device class and weights. */
static gboolean
parse_tree (Reader       *r,
            KdccSnapshot *snapshot,
            JsonObject   *osd_map)
{
  JsonObject *tree;
  JsonArray *nodes;

  if (!get_object (r, osd_map, "osd_map", "tree", FALSE, &tree))
    return FALSE;
  if (tree == NULL)
    return TRUE;
  if (!get_array (r, tree, "osd_map.tree", "nodes", TRUE, &nodes))
    return FALSE;

  if (snapshot->hosts == NULL)
    snapshot->hosts = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_host_data_free);

  for (guint i = 0; i < json_array_get_length (nodes); i++)
    {
      g_autofree char *path = NULL;
      JsonObject *node = array_object (r, nodes, i, "osd_map.tree.nodes", &path);
      const char *type;
      const char *name;
      gint64 id;

      if (node == NULL ||
          !get_int (r, node, path, "id", TRUE, &id) ||
          !get_string (r, node, path, "type", TRUE, &type) ||
          !get_string (r, node, path, "name", TRUE, &name))
        return FALSE;

      if (g_str_equal (type, "osd") && id >= 0)
        {
          KdccOsdData *osd = kdcc_snapshot_ensure_osd (snapshot, id);
          const char *device_class;

          if (!get_string (r, node, path, "device_class", FALSE, &device_class) ||
              !get_double (r, node, path, "crush_weight", FALSE, &osd->crush_weight))
            return FALSE;
          g_free (osd->device_class);
          osd->device_class = g_strdup (device_class);
          g_free (osd->name);
          osd->name = g_strdup (name);
        }
      else if (g_str_equal (type, "host"))
        {
          KdccHostData *host = kdcc_snapshot_ensure_host (snapshot, name);
          JsonArray *children;

          if (!get_array (r, node, path, "children", FALSE, &children))
            return FALSE;
          for (guint j = 0; children != NULL && j < json_array_get_length (children); j++)
            {
              gint64 child;

              if (!node_to_int (json_array_get_element (children, j), &child))
                {
                  g_autofree char *child_path = g_strdup_printf ("%s.children[%u]", path, j);

                  return fail (r, child_path, _("is not a whole number"));
                }
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

static int
compare_version (gconstpointer a,
                 gconstpointer b)
{
  const KdccVersionData *va = *(KdccVersionData * const *) a;
  const KdccVersionData *vb = *(KdccVersionData * const *) b;
  int cmp = g_strcmp0 (va->daemon_type, vb->daemon_type);

  return cmp != 0 ? cmp : g_strcmp0 (va->version, vb->version);
}

static void
add_version (KdccSnapshot *snapshot,
             const char   *daemon_type,
             const char   *version)
{
  for (guint i = 0; i < snapshot->versions->len; i++)
    {
      KdccVersionData *data = g_ptr_array_index (snapshot->versions, i);

      if (g_str_equal (data->daemon_type, daemon_type) && g_str_equal (data->version, version))
        {
          data->count++;
          return;
        }
    }
  g_ptr_array_add (snapshot->versions, kdcc_version_data_new (daemon_type, version, 1));
}

static gboolean
parse_osd_map (Reader       *r,
               KdccSnapshot *snapshot,
               JsonObject   *root)
{
  JsonObject *osd_map;
  JsonObject *metadata;
  JsonArray *osds;
  const char *fsid;

  if (!get_object (r, root, "", "osd_map", FALSE, &osd_map))
    return FALSE;
  if (osd_map == NULL)
    return TRUE;
  if (!get_int (r, osd_map, "osd_map", "epoch", FALSE, &snapshot->osdmap_epoch) ||
      !get_string (r, osd_map, "osd_map", "fsid", FALSE, &fsid) ||
      !get_array (r, osd_map, "osd_map", "osds", TRUE, &osds) ||
      !get_object (r, osd_map, "osd_map", "osd_metadata", FALSE, &metadata))
    return FALSE;

  if (snapshot->fsid == NULL && fsid != NULL)
    snapshot->fsid = g_strdup (fsid);

  /* Also a cluster with no OSDs at all has an (empty) list. */
  if (snapshot->osds == NULL)
    snapshot->osds = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_osd_data_free);

  snapshot->osds_total = 0;
  snapshot->osds_up = 0;
  snapshot->osds_in = 0;
  for (guint i = 0; i < json_array_get_length (osds); i++)
    {
      g_autofree char *path = NULL;
      JsonObject *obj = array_object (r, osds, i, "osd_map.osds", &path);
      KdccOsdData *osd;
      gint64 id;

      if (obj == NULL || !get_int (r, obj, path, "osd", TRUE, &id))
        return FALSE;
      if (id < 0)
        return fail (r, path, _("has a negative OSD id"));

      osd = kdcc_snapshot_ensure_osd (snapshot, id);
      if (!get_flag (r, obj, path, "up", TRUE, &osd->up) ||
          !get_flag (r, obj, path, "in", TRUE, &osd->in) ||
          !get_double (r, obj, path, "weight", FALSE, &osd->reweight))
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
          g_autofree char *path = g_strdup_printf ("osd_map.osd_metadata.%s", key);
          const char *version;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            return fail (r, path, _("is not an object"));
          if (!get_string (r, json_node_get_object (node), path, "ceph_version", FALSE,
                           &version))
            return FALSE;
          if (version != NULL)
            add_version (snapshot, "osd", version);
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
  g_autoptr(JsonParser) parser = json_parser_new ();
  Reader r = { "/api/health/full", error };
  JsonNode *root;
  JsonObject *obj;

  g_return_val_if_fail (snapshot != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(root = parse_document (&r, data, length, parser)) || !(obj = root_object (&r, root)))
    return FALSE;

  if (!parse_health (&r, snapshot, obj) ||
      !parse_mon_status (&r, snapshot, obj) ||
      !parse_mgr_map (&r, snapshot, obj) ||
      !parse_pg_info (&r, snapshot, obj) ||
      !parse_df_and_io (&r, snapshot, obj) ||
      !parse_pools (&r, snapshot, obj) ||
      !parse_osd_map (&r, snapshot, obj))
    return FALSE;

  g_ptr_array_sort (snapshot->versions, compare_version);
  return TRUE;
}

static KdccClassCapacityData *
ensure_class (KdccSnapshot *snapshot,
              const char   *device_class)
{
  KdccClassCapacityData *data;

  for (guint i = 0; i < snapshot->classes->len; i++)
    {
      data = g_ptr_array_index (snapshot->classes, i);
      if (g_str_equal (data->device_class, device_class))
        return data;
    }
  data = kdcc_class_capacity_data_new (device_class);
  g_ptr_array_add (snapshot->classes, data);
  return data;
}

gboolean
kdcc_dashboard_parse_osds (KdccSnapshot  *snapshot,
                           const char    *data,
                           gssize         length,
                           GError       **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  Reader r = { "/api/osd", error };
  JsonNode *root;
  JsonArray *osds;

  g_return_val_if_fail (snapshot != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(root = parse_document (&r, data, length, parser)))
    return FALSE;
  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_PARSE,
                   _("Unexpected answer from the dashboard for %s: it is not a JSON list"),
                   r.endpoint);
      return FALSE;
    }
  osds = json_node_get_array (root);

  if (snapshot->osds == NULL)
    snapshot->osds = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_osd_data_free);

  g_ptr_array_set_size (snapshot->classes, 0);
  for (guint i = 0; i < json_array_get_length (osds); i++)
    {
      g_autofree char *path = NULL;
      g_autofree char *stats_path = NULL;
      g_autofree char *tree_path = NULL;
      g_autofree char *host_path = NULL;
      JsonObject *obj = array_object (&r, osds, i, "", &path);
      JsonObject *osd_stats;
      JsonObject *tree;
      JsonObject *host;
      KdccOsdData *osd;
      gint64 id;

      if (obj == NULL ||
          !get_int (&r, obj, path, "osd", TRUE, &id) ||
          !get_object (&r, obj, path, "osd_stats", FALSE, &osd_stats) ||
          !get_object (&r, obj, path, "tree", FALSE, &tree) ||
          !get_object (&r, obj, path, "host", FALSE, &host))
        return FALSE;
      if (id < 0)
        return fail (&r, path, _("has a negative OSD id"));

      osd = kdcc_snapshot_ensure_osd (snapshot, id);
      if (!get_flag (&r, obj, path, "up", TRUE, &osd->up) ||
          !get_flag (&r, obj, path, "in", TRUE, &osd->in) ||
          !get_double (&r, obj, path, "weight", FALSE, &osd->reweight))
        return FALSE;

      if (tree != NULL)
        {
          const char *device_class;
          const char *name;

          tree_path = join_path (path, "tree");
          if (!get_string (&r, tree, tree_path, "device_class", FALSE, &device_class) ||
              !get_string (&r, tree, tree_path, "name", FALSE, &name) ||
              !get_double (&r, tree, tree_path, "crush_weight", FALSE, &osd->crush_weight))
            return FALSE;
          if (device_class != NULL)
            {
              g_free (osd->device_class);
              osd->device_class = g_strdup (device_class);
            }
          if (name != NULL)
            {
              g_free (osd->name);
              osd->name = g_strdup (name);
            }
        }

      if (host != NULL)
        {
          const char *name;
          KdccHostData *host_data;
          gboolean listed = FALSE;

          host_path = join_path (path, "host");
          if (!get_string (&r, host, host_path, "name", TRUE, &name))
            return FALSE;
          g_free (osd->host);
          osd->host = g_strdup (name);
          host_data = kdcc_snapshot_ensure_host (snapshot, name);
          for (guint j = 0; j < host_data->osd_ids->len; j++)
            listed |= g_array_index (host_data->osd_ids, gint64, j) == id;
          if (!listed)
            g_array_append_val (host_data->osd_ids, id);
        }

      if (osd_stats != NULL)
        {
          gint64 kb = 0, kb_used = 0, kb_avail = 0;

          stats_path = join_path (path, "osd_stats");
          if (!get_int (&r, osd_stats, stats_path, "kb", TRUE, &kb) ||
              !get_int (&r, osd_stats, stats_path, "kb_used", TRUE, &kb_used) ||
              !get_int (&r, osd_stats, stats_path, "kb_avail", TRUE, &kb_avail) ||
              !get_int (&r, osd_stats, stats_path, "num_pgs", FALSE, &osd->pgs))
            return FALSE;
          if (kb < 0 || kb_used < 0 || kb_avail < 0 ||
              kb > G_MAXINT64 / 1024 || kb_used > G_MAXINT64 / 1024 ||
              kb_avail > G_MAXINT64 / 1024)
            return fail (&r, stats_path, _("holds an impossible size"));

          osd->has_usage = TRUE;
          osd->total_bytes = (guint64) kb * 1024;
          osd->used_bytes = (guint64) kb_used * 1024;
          osd->avail_bytes = (guint64) kb_avail * 1024;
          osd->utilization = kb > 0 ? 100.0 * (double) kb_used / (double) kb : 0.0;

          if (osd->device_class != NULL && kb > 0)
            {
              KdccClassCapacityData *cls = ensure_class (snapshot, osd->device_class);

              cls->total_bytes += osd->total_bytes;
              cls->used_bytes += osd->used_bytes;
              cls->avail_bytes += osd->avail_bytes;
            }
        }
    }
  return TRUE;
}

gboolean
kdcc_dashboard_parse_summary (KdccSnapshot  *snapshot,
                              const char    *data,
                              gssize         length,
                              GError       **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  Reader r = { "/api/summary", error };
  JsonNode *root;
  JsonObject *obj;
  const char *version;
  const char *status;

  g_return_val_if_fail (snapshot != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(root = parse_document (&r, data, length, parser)) || !(obj = root_object (&r, root)) ||
      !get_string (&r, obj, "", "version", TRUE, &version) ||
      !get_string (&r, obj, "", "health_status", FALSE, &status))
    return FALSE;

  if (snapshot->health == KDCC_HEALTH_UNKNOWN && status != NULL)
    snapshot->health = kdcc_health_status_from_string (status);
  add_version (snapshot, "mgr", version);
  g_ptr_array_sort (snapshot->versions, compare_version);
  return TRUE;
}
