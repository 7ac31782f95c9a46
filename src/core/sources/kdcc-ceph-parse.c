/* kdcc-ceph-parse.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-ceph-parse"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "kdcc-ceph-parse.h"
#include "kdcc-error.h"
#include "kdcc-json.h"

/* A list of strings, e.g. quorum_names, into OUT. */
static gboolean
read_string_list (KdccJson   *ctx,
                  JsonArray  *array,
                  const char *array_path,
                  GPtrArray  *out)
{
  guint n = json_array_get_length (array);

  for (guint i = 0; i < n; i++)
    {
      char where[KDCC_JSON_PATH_SIZE];
      const char *str = NULL;

      g_snprintf (where, KDCC_JSON_PATH_SIZE, "%s[%u]", array_path, i);
      if (!kdcc_json_node_get_string (ctx, json_array_get_element (array, i), where, NULL, &str))
        return FALSE;
      g_ptr_array_add (out, g_strdup (str));
    }
  return TRUE;
}

static void
replace_ptr_array (GPtrArray **dest,
                   GPtrArray **src)
{
  g_clear_pointer (dest, g_ptr_array_unref);
  *dest = g_steal_pointer (src);
}

static void
replace_string (char **dest,
                char **src)
{
  g_free (*dest);
  *dest = g_steal_pointer (src);
}

/* ------------------------------------------------------------------------
 * Health checks, shared by status and health detail */

static int
severity_rank (KdccHealthStatus severity)
{
  switch (severity)
    {
    case KDCC_HEALTH_ERR:
      return 0;
    case KDCC_HEALTH_WARN:
      return 1;
    case KDCC_HEALTH_OK:
      return 2;
    case KDCC_HEALTH_UNKNOWN:
    default:
      return 3;
    }
}

static int
compare_checks (gconstpointer a,
                gconstpointer b)
{
  const KdccHealthCheckData *ca = *(KdccHealthCheckData * const *) a;
  const KdccHealthCheckData *cb = *(KdccHealthCheckData * const *) b;
  int ra = severity_rank (ca->severity);
  int rb = severity_rank (cb->severity);

  if (ra != rb)
    return ra - rb;
  return strcmp (ca->code, cb->code);
}

/* HEALTH is the object holding "status" and "checks" (the root of
 * `health detail`, or "health" inside `status`). */
static gboolean
parse_health (KdccJson         *ctx,
              JsonObject       *health,
              const char       *path,
              KdccHealthStatus *status_out,
              GPtrArray       **checks_out)
{
  g_autoptr(GPtrArray) checks = NULL;
  g_autoptr(GList) codes = NULL;
  char checks_path[KDCC_JSON_PATH_SIZE];
  const char *status = NULL;
  JsonObject *checks_obj = NULL;

  if (json_object_has_member (health, "status")
      || !json_object_has_member (health, "overall_status"))
    {
      if (!kdcc_json_get_string (ctx, health, path, "status", TRUE, &status))
        return FALSE;
    }
  /* Luminous and older only had "overall_status". */
  else if (!kdcc_json_get_string (ctx, health, path, "overall_status", TRUE, &status))
    return FALSE;

  if (!kdcc_json_get_object (ctx, health, path, "checks", FALSE, &checks_obj))
    return FALSE;

  checks = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_health_check_data_free);
  kdcc_json_path (checks_path, path, "checks");
  if (checks_obj != NULL)
    codes = json_object_get_members (checks_obj);

  for (const GList *l = codes; l != NULL; l = l->next)
    {
      const char *code = l->data;
      KdccHealthCheckData *check;
      char where[KDCC_JSON_PATH_SIZE];
      const char *severity = NULL;
      const char *message = NULL;
      JsonObject *check_obj = NULL;
      JsonObject *summary = NULL;
      JsonArray *detail = NULL;

      kdcc_json_path (where, checks_path, code);
      if (!kdcc_json_get_object (ctx, checks_obj, checks_path, code, TRUE, &check_obj))
        return FALSE;

      /* Owned by the list at once, so an early return frees it. */
      check = kdcc_health_check_data_new ();
      check->code = g_strdup (code);
      g_ptr_array_add (checks, check);

      if (!kdcc_json_get_string (ctx, check_obj, where, "severity", TRUE, &severity))
        return FALSE;
      check->severity = kdcc_health_status_from_string (severity);

      if (!kdcc_json_get_object (ctx, check_obj, where, "summary", FALSE, &summary))
        return FALSE;
      if (summary != NULL)
        {
          char summary_path[KDCC_JSON_PATH_SIZE];

          kdcc_json_path (summary_path, where, "summary");
          if (!kdcc_json_get_string (ctx, summary, summary_path, "message", FALSE, &message)
              || !kdcc_json_get_int (ctx, summary, summary_path, "count", FALSE, &check->count))
            return FALSE;
        }
      check->summary = g_strdup (message != NULL ? message : code);

      if (!kdcc_json_get_bool (ctx, check_obj, where, "muted", FALSE, &check->muted)
          || !kdcc_json_get_array (ctx, check_obj, where, "detail", FALSE, &detail))
        return FALSE;

      if (detail != NULL)
        {
          char detail_path[KDCC_JSON_PATH_SIZE];
          guint n = json_array_get_length (detail);

          kdcc_json_path (detail_path, where, "detail");
          for (guint i = 0; i < n; i++)
            {
              char item_path[KDCC_JSON_PATH_SIZE];
              JsonObject *item;
              const char *line = NULL;

              if (!kdcc_json_element_object (ctx, detail, i, detail_path, item_path, &item)
                  || !kdcc_json_get_string (ctx, item, item_path, "message", TRUE, &line))
                return FALSE;
              g_ptr_array_add (check->detail, g_strdup (line));
            }
        }
    }

  g_ptr_array_sort (checks, compare_checks);
  *status_out = kdcc_health_status_from_string (status);
  *checks_out = g_steal_pointer (&checks);
  return TRUE;
}

/* ------------------------------------------------------------------------
 * status */

typedef struct
{
  char            *fsid;
  KdccHealthStatus health;
  GPtrArray       *checks;
  GPtrArray       *quorum;
  gint64           monmap_epoch;
  gint64           osdmap_epoch;
  gint64           osds_total;
  gint64           osds_up;
  gint64           osds_in;
  gint64           pgmap_version;
  gint64           pgs_total;
  gint64           pools_total;
  GPtrArray       *pg_states;
  guint64          total_bytes;
  guint64          used_bytes;
  guint64          avail_bytes;
  double           read_ops;
  double           write_ops;
  double           read_bytes;
  double           write_bytes;
  double           recovering_bytes;
  double           recovering_objects;
  /* From the mgrmap; only Nautilus and older name the daemons here. */
  gboolean         mgr_available;
  gboolean         has_mgr_available;
  char            *mgr_active;
  GPtrArray       *mgr_standbys;
} StatusData;

static void
status_data_clear (StatusData *data)
{
  g_free (data->fsid);
  g_free (data->mgr_active);
  g_clear_pointer (&data->checks, g_ptr_array_unref);
  g_clear_pointer (&data->quorum, g_ptr_array_unref);
  g_clear_pointer (&data->pg_states, g_ptr_array_unref);
  g_clear_pointer (&data->mgr_standbys, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (StatusData, status_data_clear)

static gboolean
parse_status_mgrmap (KdccJson   *ctx,
                     JsonObject *mgrmap,
                     StatusData *data)
{
  const char *active = NULL;
  JsonArray *standbys = NULL;
  JsonNode *node;

  if ((node = json_object_get_member (mgrmap, "available")) != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!kdcc_json_get_bool (ctx, mgrmap, "mgrmap", "available", FALSE, &data->mgr_available))
        return FALSE;
      data->has_mgr_available = TRUE;
    }
  if (!kdcc_json_get_string (ctx, mgrmap, "mgrmap", "active_name", FALSE, &active)
      || !kdcc_json_get_array (ctx, mgrmap, "mgrmap", "standbys", FALSE, &standbys))
    return FALSE;

  if (active != NULL && *active != '\0')
    data->mgr_active = g_strdup (active);

  if (standbys != NULL)
    {
      guint n = json_array_get_length (standbys);

      data->mgr_standbys = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < n; i++)
        {
          char where[KDCC_JSON_PATH_SIZE];
          JsonObject *standby;
          const char *name = NULL;

          if (!kdcc_json_element_object (ctx, standbys, i, "mgrmap.standbys", where, &standby)
              || !kdcc_json_get_string (ctx, standby, where, "name", TRUE, &name))
            return FALSE;
          g_ptr_array_add (data->mgr_standbys, g_strdup (name));
        }
    }
  return TRUE;
}

static gboolean
parse_status_pgmap (KdccJson   *ctx,
                    JsonObject *pgmap,
                    StatusData *data)
{
  JsonArray *by_state = NULL;

  if (!kdcc_json_get_int (ctx, pgmap, "pgmap", "version", FALSE, &data->pgmap_version)
      || !kdcc_json_get_int (ctx, pgmap, "pgmap", "num_pgs", FALSE, &data->pgs_total)
      || !kdcc_json_get_int (ctx, pgmap, "pgmap", "num_pools", FALSE, &data->pools_total)
      || !kdcc_json_get_uint (ctx, pgmap, "pgmap", "bytes_total", FALSE, &data->total_bytes)
      || !kdcc_json_get_uint (ctx, pgmap, "pgmap", "bytes_used", FALSE, &data->used_bytes)
      || !kdcc_json_get_uint (ctx, pgmap, "pgmap", "bytes_avail", FALSE, &data->avail_bytes)
      /* The rates are left out of the output while they are zero. */
      || !kdcc_json_get_double (ctx, pgmap, "pgmap", "read_op_per_sec", FALSE, &data->read_ops)
      || !kdcc_json_get_double (ctx, pgmap, "pgmap", "write_op_per_sec", FALSE, &data->write_ops)
      || !kdcc_json_get_double (ctx, pgmap, "pgmap", "read_bytes_sec", FALSE, &data->read_bytes)
      || !kdcc_json_get_double (ctx, pgmap, "pgmap", "write_bytes_sec", FALSE, &data->write_bytes)
      || !kdcc_json_get_double (ctx, pgmap, "pgmap", "recovering_bytes_per_sec", FALSE,
                                &data->recovering_bytes)
      || !kdcc_json_get_double (ctx, pgmap, "pgmap", "recovering_objects_per_sec", FALSE,
                                &data->recovering_objects)
      || !kdcc_json_get_array (ctx, pgmap, "pgmap", "pgs_by_state", FALSE, &by_state))
    return FALSE;

  if (by_state != NULL)
    {
      guint n = json_array_get_length (by_state);

      for (guint i = 0; i < n; i++)
        {
          char where[KDCC_JSON_PATH_SIZE];
          JsonObject *item;
          const char *state = NULL;
          gint64 count = 0;

          if (!kdcc_json_element_object (ctx, by_state, i, "pgmap.pgs_by_state", where, &item)
              || !kdcc_json_get_string (ctx, item, where, "state_name", TRUE, &state)
              || !kdcc_json_get_int (ctx, item, where, "count", TRUE, &count))
            return FALSE;
          g_ptr_array_add (data->pg_states, kdcc_pg_state_data_new (state, count));
        }
    }
  return TRUE;
}

static gboolean
parse_status_osdmap (KdccJson   *ctx,
                     JsonObject *osdmap,
                     StatusData *data)
{
  JsonObject *nested = NULL;
  const char *path = "osdmap";

  /* Nautilus and older wrap the counters in a second "osdmap" object. */
  if (!kdcc_json_get_object (ctx, osdmap, "osdmap", "osdmap", FALSE, &nested))
    return FALSE;
  if (nested != NULL)
    {
      osdmap = nested;
      path = "osdmap.osdmap";
    }

  return kdcc_json_get_int (ctx, osdmap, path, "epoch", FALSE, &data->osdmap_epoch)
         && kdcc_json_get_int (ctx, osdmap, path, "num_osds", FALSE, &data->osds_total)
         && kdcc_json_get_int (ctx, osdmap, path, "num_up_osds", FALSE, &data->osds_up)
         && kdcc_json_get_int (ctx, osdmap, path, "num_in_osds", FALSE, &data->osds_in);
}

gboolean
kdcc_ceph_parse_status (KdccSnapshot  *snap,
                        const char    *json,
                        gssize         length,
                        GError       **error)
{
  KdccJson ctx_data = { "status", KDCC_JSON_LENIENT, error };
  KdccJson *ctx = &ctx_data;
  g_autoptr(JsonNode) root = NULL;
  g_auto(StatusData) data = { 0, };
  JsonObject *obj;
  JsonObject *health = NULL;
  JsonObject *monmap = NULL;
  JsonObject *osdmap = NULL;
  JsonObject *pgmap = NULL;
  JsonObject *mgrmap = NULL;
  JsonArray *quorum_names = NULL;
  const char *fsid = NULL;

  g_return_val_if_fail (snap != NULL, FALSE);

  if (!(root = kdcc_json_load_root (ctx->source, json, length, JSON_NODE_OBJECT, error)))
    return FALSE;
  obj = json_node_get_object (root);

  data.monmap_epoch = snap->monmap_epoch;
  data.osdmap_epoch = snap->osdmap_epoch;
  data.pgmap_version = snap->pgmap_version;
  data.pg_states = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_pg_state_data_free);
  data.quorum = g_ptr_array_new_with_free_func (g_free);

  if (!kdcc_json_get_string (ctx, obj, NULL, "fsid", TRUE, &fsid)
      || !kdcc_json_get_object (ctx, obj, NULL, "health", TRUE, &health)
      || !parse_health (ctx, health, "health", &data.health, &data.checks)
      || !kdcc_json_get_array (ctx, obj, NULL, "quorum_names", FALSE, &quorum_names)
      || (quorum_names != NULL
          && !read_string_list (ctx, quorum_names, "quorum_names", data.quorum))
      || !kdcc_json_get_object (ctx, obj, NULL, "monmap", FALSE, &monmap)
      || (monmap != NULL
          && !kdcc_json_get_int (ctx, monmap, "monmap", "epoch", FALSE, &data.monmap_epoch))
      || !kdcc_json_get_object (ctx, obj, NULL, "osdmap", FALSE, &osdmap)
      || (osdmap != NULL && !parse_status_osdmap (ctx, osdmap, &data))
      || !kdcc_json_get_object (ctx, obj, NULL, "pgmap", FALSE, &pgmap)
      || (pgmap != NULL && !parse_status_pgmap (ctx, pgmap, &data))
      || !kdcc_json_get_object (ctx, obj, NULL, "mgrmap", FALSE, &mgrmap)
      || (mgrmap != NULL && !parse_status_mgrmap (ctx, mgrmap, &data)))
    return FALSE;

  /* Everything was understood: merge. */
  data.fsid = g_strdup (fsid);
  replace_string (&snap->fsid, &data.fsid);
  snap->health = data.health;
  replace_ptr_array (&snap->checks, &data.checks);
  replace_ptr_array (&snap->quorum, &data.quorum);
  replace_ptr_array (&snap->pg_states, &data.pg_states);
  snap->monmap_epoch = data.monmap_epoch;
  snap->osdmap_epoch = data.osdmap_epoch;
  snap->pgmap_version = data.pgmap_version;
  snap->osds_total = data.osds_total;
  snap->osds_up = data.osds_up;
  snap->osds_in = data.osds_in;
  snap->pgs_total = data.pgs_total;
  snap->pools_total = data.pools_total;
  snap->total_bytes = data.total_bytes;
  snap->used_bytes = data.used_bytes;
  snap->avail_bytes = data.avail_bytes;
  snap->read_ops = data.read_ops;
  snap->write_ops = data.write_ops;
  snap->read_bytes = data.read_bytes;
  snap->write_bytes = data.write_bytes;
  snap->recovering_bytes = data.recovering_bytes;
  snap->recovering_objects = data.recovering_objects;

  if (data.has_mgr_available && !data.mgr_available)
    g_clear_pointer (&snap->mgr_active, g_free);
  else if (data.mgr_active != NULL)
    replace_string (&snap->mgr_active, &data.mgr_active);
  if (data.mgr_standbys != NULL)
    replace_ptr_array (&snap->mgr_standbys, &data.mgr_standbys);

  return TRUE;
}

/* ------------------------------------------------------------------------
 * health detail */

gboolean
kdcc_ceph_parse_health_detail (KdccSnapshot  *snap,
                               const char    *json,
                               gssize         length,
                               GError       **error)
{
  KdccJson ctx_data = { "health detail", KDCC_JSON_LENIENT, error };
  KdccJson *ctx = &ctx_data;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) checks = NULL;
  KdccHealthStatus status;

  g_return_val_if_fail (snap != NULL, FALSE);

  if (!(root = kdcc_json_load_root (ctx->source, json, length, JSON_NODE_OBJECT, error)))
    return FALSE;
  if (!parse_health (ctx, json_node_get_object (root), NULL, &status, &checks))
    return FALSE;

  snap->health = status;
  replace_ptr_array (&snap->checks, &checks);
  return TRUE;
}

/* ------------------------------------------------------------------------
 * versions */

gboolean
kdcc_ceph_parse_versions (KdccSnapshot  *snap,
                          const char    *json,
                          gssize         length,
                          GError       **error)
{
  KdccJson ctx_data = { "versions", KDCC_JSON_LENIENT, error };
  KdccJson *ctx = &ctx_data;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GList) types = NULL;
  JsonObject *obj;

  g_return_val_if_fail (snap != NULL, FALSE);

  if (!(root = kdcc_json_load_root (ctx->source, json, length, JSON_NODE_OBJECT, error)))
    return FALSE;
  obj = json_node_get_object (root);

  versions = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_version_data_free);
  types = json_object_get_members (obj);
  for (const GList *l = types; l != NULL; l = l->next)
    {
      const char *type = l->data;
      g_autoptr(GList) strings = NULL;
      JsonObject *by_version = NULL;

      if (!kdcc_json_get_object (ctx, obj, NULL, type, TRUE, &by_version))
        return FALSE;
      strings = json_object_get_members (by_version);
      for (const GList *s = strings; s != NULL; s = s->next)
        {
          gint64 count = 0;

          if (!kdcc_json_get_int (ctx, by_version, type, s->data, TRUE, &count))
            return FALSE;
          g_ptr_array_add (versions, kdcc_version_data_new (type, s->data, count));
        }
    }

  replace_ptr_array (&snap->versions, &versions);
  return TRUE;
}

/* ------------------------------------------------------------------------
 * mon dump */

gboolean
kdcc_ceph_parse_mon_dump (KdccSnapshot  *snap,
                          const char    *json,
                          gssize         length,
                          GError       **error)
{
  KdccJson ctx_data = { "mon dump", KDCC_JSON_LENIENT, error };
  KdccJson *ctx = &ctx_data;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) mons = NULL;
  JsonObject *obj;
  JsonArray *array = NULL;
  gint64 epoch = 0;
  guint n;

  g_return_val_if_fail (snap != NULL, FALSE);

  if (!(root = kdcc_json_load_root (ctx->source, json, length, JSON_NODE_OBJECT, error)))
    return FALSE;
  obj = json_node_get_object (root);

  if (!kdcc_json_get_int (ctx, obj, NULL, "epoch", TRUE, &epoch)
      || !kdcc_json_get_array (ctx, obj, NULL, "mons", TRUE, &array))
    return FALSE;

  mons = g_ptr_array_new_with_free_func (g_free);
  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      char where[KDCC_JSON_PATH_SIZE];
      JsonObject *mon;
      const char *name = NULL;

      if (!kdcc_json_element_object (ctx, array, i, "mons", where, &mon)
          || !kdcc_json_get_string (ctx, mon, where, "name", TRUE, &name))
        return FALSE;
      g_ptr_array_add (mons, g_strdup (name));
    }

  snap->monmap_epoch = epoch;
  replace_ptr_array (&snap->mons, &mons);
  return TRUE;
}

/* ------------------------------------------------------------------------
 * mgr dump and mgr stat */

static gboolean
parse_mgr_map (KdccSnapshot  *snap,
               const char    *cmd,
               gboolean       with_standbys,
               const char    *json,
               gssize         length,
               GError       **error)
{
  KdccJson ctx_data = { cmd, KDCC_JSON_LENIENT, error };
  KdccJson *ctx = &ctx_data;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) standbys = NULL;
  JsonObject *obj;
  JsonArray *array = NULL;
  const char *active = NULL;
  gboolean available = FALSE;

  g_return_val_if_fail (snap != NULL, FALSE);

  if (!(root = kdcc_json_load_root (ctx->source, json, length, JSON_NODE_OBJECT, error)))
    return FALSE;
  obj = json_node_get_object (root);

  if (!kdcc_json_get_bool (ctx, obj, NULL, "available", TRUE, &available)
      || !kdcc_json_get_string (ctx, obj, NULL, "active_name", FALSE, &active))
    return FALSE;

  if (with_standbys)
    {
      guint n;

      if (!kdcc_json_get_array (ctx, obj, NULL, "standbys", TRUE, &array))
        return FALSE;
      standbys = g_ptr_array_new_with_free_func (g_free);
      n = json_array_get_length (array);
      for (guint i = 0; i < n; i++)
        {
          char where[KDCC_JSON_PATH_SIZE];
          JsonObject *standby;
          const char *name = NULL;

          if (!kdcc_json_element_object (ctx, array, i, "standbys", where, &standby)
              || !kdcc_json_get_string (ctx, standby, where, "name", TRUE, &name))
            return FALSE;
          g_ptr_array_add (standbys, g_strdup (name));
        }
    }

  /* An active_name without "available" is a mgr that the mon still lists
   * but that does not serve (failed, or still starting its modules). */
  g_free (snap->mgr_active);
  snap->mgr_active = available && active != NULL && *active != '\0' ? g_strdup (active) : NULL;
  if (standbys != NULL)
    replace_ptr_array (&snap->mgr_standbys, &standbys);
  return TRUE;
}

gboolean
kdcc_ceph_parse_mgr_dump (KdccSnapshot  *snap,
                          const char    *json,
                          gssize         length,
                          GError       **error)
{
  return parse_mgr_map (snap, "mgr dump", TRUE, json, length, error);
}

gboolean
kdcc_ceph_parse_mgr_stat (KdccSnapshot  *snap,
                          const char    *json,
                          gssize         length,
                          GError       **error)
{
  return parse_mgr_map (snap, "mgr stat", FALSE, json, length, error);
}

gint64
kdcc_ceph_parse_epoch (const char *json,
                       gssize      length)
{
  g_autoptr(JsonNode) root = kdcc_json_load_root ("epoch", json, length, JSON_NODE_OBJECT, NULL);
  KdccJson ctx = { "epoch", KDCC_JSON_LENIENT, NULL };
  gint64 epoch = -1;

  if (root == NULL ||
      !kdcc_json_get_int (&ctx, json_node_get_object (root), NULL, "epoch", TRUE, &epoch))
    return -1;
  return epoch;
}

/* ------------------------------------------------------------------------
 * osd tree */

static gboolean
parse_tree_node (KdccJson     *ctx,
                 JsonObject   *node,
                 const char   *where,
                 KdccSnapshot *scratch,
                 GHashTable   *host_of)
{
  const char *type = NULL;
  const char *name = NULL;
  gint64 id = 0;

  if (!kdcc_json_get_int (ctx, node, where, "id", TRUE, &id)
      || !kdcc_json_get_string (ctx, node, where, "type", FALSE, &type)
      || !kdcc_json_get_string (ctx, node, where, "name", FALSE, &name))
    return FALSE;

  if (id >= 0 && (type == NULL || g_str_equal (type, "osd")))
    {
      const char *device_class = NULL;
      const char *status = NULL;
      KdccOsdData *osd = kdcc_snapshot_ensure_osd (scratch, id);

      if (!kdcc_json_get_string (ctx, node, where, "device_class", FALSE, &device_class)
          || !kdcc_json_get_string (ctx, node, where, "status", FALSE, &status)
          || !kdcc_json_get_bool (ctx, node, where, "exists", FALSE, &osd->exists)
          || !kdcc_json_get_double (ctx, node, where, "reweight", FALSE, &osd->reweight)
          || !kdcc_json_get_double (ctx, node, where, "crush_weight", FALSE, &osd->crush_weight))
        return FALSE;

      if (name != NULL)
        {
          g_free (osd->name);
          osd->name = g_strdup (name);
        }
      g_free (osd->device_class);
      osd->device_class = g_strdup (device_class);
      osd->up = status != NULL && g_str_equal (status, "up");
      /* In the tree, "reweight" is the in/out weight: 0 means out. */
      osd->in = osd->reweight > 0;
      return TRUE;
    }

  if (type != NULL && g_str_equal (type, "host"))
    {
      char children_path[KDCC_JSON_PATH_SIZE];
      JsonArray *children = NULL;
      KdccHostData *host;
      guint n;

      if (name == NULL)
        return kdcc_json_error (ctx, where, "name", KDCC_JSON_MISSING);
      if (!kdcc_json_get_array (ctx, node, where, "children", FALSE, &children))
        return FALSE;

      host = kdcc_snapshot_ensure_host (scratch, name);
      if (children == NULL)
        return TRUE;

      kdcc_json_path (children_path, where, "children");
      n = json_array_get_length (children);
      for (guint i = 0; i < n; i++)
        {
          char child_path[KDCC_JSON_PATH_SIZE];
          gint64 child = 0;

          g_snprintf (child_path, KDCC_JSON_PATH_SIZE, "%s[%u]", children_path, i);
          if (!kdcc_json_node_get_int (ctx, json_array_get_element (children, i), child_path, NULL,
                                       &child))
            return FALSE;
          if (child < 0)
            continue;
          g_array_append_val (host->osd_ids, child);
          if (!g_hash_table_contains (host_of, &child))
            {
              gint64 *key = g_new (gint64, 1);

              *key = child;
              g_hash_table_insert (host_of, key, host->name);
            }
        }
    }
  return TRUE;
}

static gboolean
parse_tree_nodes (KdccJson     *ctx,
                  JsonObject   *obj,
                  const char   *member,
                  gboolean      required,
                  KdccSnapshot *scratch,
                  GHashTable   *host_of)
{
  JsonArray *nodes = NULL;
  guint n;

  if (!kdcc_json_get_array (ctx, obj, NULL, member, required, &nodes))
    return FALSE;
  if (nodes == NULL)
    return TRUE;

  n = json_array_get_length (nodes);
  for (guint i = 0; i < n; i++)
    {
      char where[KDCC_JSON_PATH_SIZE];
      JsonObject *node;

      if (!kdcc_json_element_object (ctx, nodes, i, member, where, &node)
          || !parse_tree_node (ctx, node, where, scratch, host_of))
        return FALSE;
    }
  return TRUE;
}

gboolean
kdcc_ceph_parse_osd_tree (KdccSnapshot  *snap,
                          const char    *json,
                          gssize         length,
                          GError       **error)
{
  KdccJson ctx_data = { "osd tree", KDCC_JSON_LENIENT, error };
  KdccJson *ctx = &ctx_data;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(KdccSnapshot) scratch = NULL;
  g_autoptr(GHashTable) host_of = NULL;
  JsonObject *obj;

  g_return_val_if_fail (snap != NULL, FALSE);

  if (!(root = kdcc_json_load_root (ctx->source, json, length, JSON_NODE_OBJECT, error)))
    return FALSE;
  obj = json_node_get_object (root);

  scratch = kdcc_snapshot_new ();
  /* OSD id -> name of the first host bucket listing it (owned by scratch). */
  host_of = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  if (!parse_tree_nodes (ctx, obj, "nodes", TRUE, scratch, host_of)
      || !parse_tree_nodes (ctx, obj, "stray", FALSE, scratch, host_of))
    return FALSE;

  /* Merge: the tree owns placement, state and weights. */
  kdcc_snapshot_ensure_osd_list (snap);
  if (snap->hosts == NULL)
    snap->hosts = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_host_data_free);

  for (guint i = 0; scratch->osds != NULL && i < scratch->osds->len; i++)
    {
      KdccOsdData *src = g_ptr_array_index (scratch->osds, i);
      KdccOsdData *dst = kdcc_snapshot_ensure_osd (snap, src->id);

      replace_string (&dst->name, &src->name);
      g_free (dst->host);
      dst->host = g_strdup (g_hash_table_lookup (host_of, &src->id));
      replace_string (&dst->device_class, &src->device_class);
      dst->exists = src->exists;
      dst->up = src->up;
      dst->in = src->in;
      dst->crush_weight = src->crush_weight;
      dst->reweight = src->reweight;
    }

  for (guint i = 0; scratch->hosts != NULL && i < scratch->hosts->len; i++)
    {
      KdccHostData *src = g_ptr_array_index (scratch->hosts, i);
      KdccHostData *dst = kdcc_snapshot_ensure_host (snap, src->name);

      g_array_set_size (dst->osd_ids, 0);
      g_array_append_vals (dst->osd_ids, src->osd_ids->data, src->osd_ids->len);
    }
  return TRUE;
}

/* ------------------------------------------------------------------------
 * osd df */

static gboolean
kb_to_bytes (KdccJson   *ctx,
             const char *where,
             const char *member,
             guint64     kb,
             guint64    *bytes)
{
  if (kb > G_MAXUINT64 / 1024)
    return kdcc_json_error (ctx, where, member, KDCC_JSON_OUT_OF_RANGE);
  *bytes = kb * 1024;
  return TRUE;
}

static gboolean
parse_df_nodes (KdccJson     *ctx,
                JsonObject   *obj,
                const char   *member,
                gboolean      required,
                KdccSnapshot *scratch)
{
  JsonArray *nodes = NULL;
  guint n;

  if (!kdcc_json_get_array (ctx, obj, NULL, member, required, &nodes))
    return FALSE;
  if (nodes == NULL)
    return TRUE;

  n = json_array_get_length (nodes);
  for (guint i = 0; i < n; i++)
    {
      char where[KDCC_JSON_PATH_SIZE];
      JsonObject *node;
      const char *type = NULL;
      const char *device_class = NULL;
      KdccOsdData *osd;
      gint64 id = 0;
      guint64 kb = 0, kb_used = 0, kb_avail = 0;

      if (!kdcc_json_element_object (ctx, nodes, i, member, where, &node)
          || !kdcc_json_get_int (ctx, node, where, "id", TRUE, &id)
          || !kdcc_json_get_string (ctx, node, where, "type", FALSE, &type))
        return FALSE;

      /* `osd df tree` also lists the buckets. */
      if (id < 0 || (type != NULL && !g_str_equal (type, "osd")))
        continue;

      osd = kdcc_snapshot_ensure_osd (scratch, id);
      if (!kdcc_json_get_string (ctx, node, where, "device_class", FALSE, &device_class)
          || !kdcc_json_get_uint (ctx, node, where, "kb", TRUE, &kb)
          || !kdcc_json_get_uint (ctx, node, where, "kb_used", TRUE, &kb_used)
          || !kdcc_json_get_uint (ctx, node, where, "kb_avail", TRUE, &kb_avail)
          || !kdcc_json_get_double (ctx, node, where, "utilization", FALSE, &osd->utilization)
          || !kdcc_json_get_int (ctx, node, where, "pgs", FALSE, &osd->pgs)
          || !kdcc_json_get_double (ctx, node, where, "crush_weight", FALSE, &osd->crush_weight)
          || !kdcc_json_get_double (ctx, node, where, "reweight", FALSE, &osd->reweight)
          || !kb_to_bytes (ctx, where, "kb", kb, &osd->total_bytes)
          || !kb_to_bytes (ctx, where, "kb_used", kb_used, &osd->used_bytes)
          || !kb_to_bytes (ctx, where, "kb_avail", kb_avail, &osd->avail_bytes))
        return FALSE;

      g_free (osd->device_class);
      osd->device_class = g_strdup (device_class);
      osd->utilization = CLAMP (osd->utilization, 0.0, 100.0);
      osd->has_usage = TRUE;
    }
  return TRUE;
}

gboolean
kdcc_ceph_parse_osd_df (KdccSnapshot  *snap,
                        const char    *json,
                        gssize         length,
                        GError       **error)
{
  KdccJson ctx_data = { "osd df", KDCC_JSON_LENIENT, error };
  KdccJson *ctx = &ctx_data;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(KdccSnapshot) scratch = NULL;
  JsonObject *obj;

  g_return_val_if_fail (snap != NULL, FALSE);

  if (!(root = kdcc_json_load_root (ctx->source, json, length, JSON_NODE_OBJECT, error)))
    return FALSE;
  obj = json_node_get_object (root);

  scratch = kdcc_snapshot_new ();
  if (!parse_df_nodes (ctx, obj, "nodes", TRUE, scratch)
      || !parse_df_nodes (ctx, obj, "stray", FALSE, scratch))
    return FALSE;

  kdcc_snapshot_ensure_osd_list (snap);
  for (guint i = 0; scratch->osds != NULL && i < scratch->osds->len; i++)
    {
      KdccOsdData *src = g_ptr_array_index (scratch->osds, i);
      KdccOsdData *dst = kdcc_snapshot_ensure_osd (snap, src->id);
      gboolean known = dst->device_class != NULL || dst->host != NULL;

      dst->has_usage = TRUE;
      dst->utilization = src->utilization;
      dst->total_bytes = src->total_bytes;
      dst->used_bytes = src->used_bytes;
      dst->avail_bytes = src->avail_bytes;
      dst->pgs = src->pgs;
      /* The tree is the authority for these; fill them only for OSDs the
       * tree did not describe (yet). */
      if (dst->device_class == NULL)
        replace_string (&dst->device_class, &src->device_class);
      if (!known)
        {
          dst->crush_weight = src->crush_weight;
          dst->reweight = src->reweight;
        }
    }
  return TRUE;
}

/* ------------------------------------------------------------------------
 * osd pool ls detail */

static const char *
pool_type_name (gint64 type)
{
  switch (type)
    {
    case 1:
      return "replicated";
    case 3:
      return "erasure";
    default:
      return NULL;
    }
}

gboolean
kdcc_ceph_parse_osd_pool_ls_detail (KdccSnapshot  *snap,
                                    const char    *json,
                                    gssize         length,
                                    GError       **error)
{
  KdccJson ctx_data = { "osd pool ls detail", KDCC_JSON_LENIENT, error };
  KdccJson *ctx = &ctx_data;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(KdccSnapshot) scratch = NULL;
  JsonArray *array;
  guint n;

  g_return_val_if_fail (snap != NULL, FALSE);

  if (!(root = kdcc_json_load_root (ctx->source, json, length, JSON_NODE_ARRAY, error)))
    return FALSE;
  array = json_node_get_array (root);

  scratch = kdcc_snapshot_new ();
  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      char where[KDCC_JSON_PATH_SIZE];
      JsonObject *obj;
      JsonObject *apps = NULL;
      const char *name = NULL;
      const char *mode = NULL;
      const char *id_member;
      KdccPoolData *pool;
      gint64 id = 0;
      gint64 type = 0;

      if (!kdcc_json_element_object (ctx, array, i, "pools", where, &obj))
        return FALSE;
      /* `osd dump` names the id "pool"; `osd pool ls detail` "pool_id". */
      id_member = json_object_has_member (obj, "pool_id") || !json_object_has_member (obj, "pool")
                  ? "pool_id" : "pool";
      if (!kdcc_json_get_int (ctx, obj, where, id_member, TRUE, &id)
          || !kdcc_json_get_string (ctx, obj, where, "pool_name", TRUE, &name))
        return FALSE;

      pool = kdcc_snapshot_ensure_pool (scratch, id);
      if (!kdcc_json_get_int (ctx, obj, where, "type", FALSE, &type)
          || !kdcc_json_get_int (ctx, obj, where, "size", FALSE, &pool->size)
          || !kdcc_json_get_int (ctx, obj, where, "min_size", FALSE, &pool->min_size)
          || !kdcc_json_get_int (ctx, obj, where, "pg_num", FALSE, &pool->pg_num)
          || !kdcc_json_get_string (ctx, obj, where, "pg_autoscale_mode", FALSE, &mode)
          || !kdcc_json_get_object (ctx, obj, where, "application_metadata", FALSE, &apps))
        return FALSE;

      g_free (pool->name);
      pool->name = g_strdup (name);
      g_free (pool->type);
      pool->type = g_strdup (pool_type_name (type));
      g_free (pool->autoscale_mode);
      pool->autoscale_mode = g_strdup (mode);
      g_ptr_array_set_size (pool->applications, 0);
      if (apps != NULL)
        {
          g_autoptr(GList) keys = json_object_get_members (apps);

          for (const GList *l = keys; l != NULL; l = l->next)
            g_ptr_array_add (pool->applications, g_strdup (l->data));
        }
    }

  if (snap->pools == NULL)
    snap->pools = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_pool_data_free);
  for (guint i = 0; scratch->pools != NULL && i < scratch->pools->len; i++)
    {
      KdccPoolData *src = g_ptr_array_index (scratch->pools, i);
      KdccPoolData *dst = kdcc_snapshot_ensure_pool (snap, src->id);
      GPtrArray *tmp;

      replace_string (&dst->name, &src->name);
      replace_string (&dst->type, &src->type);
      replace_string (&dst->autoscale_mode, &src->autoscale_mode);
      dst->size = src->size;
      dst->min_size = src->min_size;
      dst->pg_num = src->pg_num;
      tmp = dst->applications;
      dst->applications = src->applications;
      src->applications = tmp;
    }
  return TRUE;
}

/* ------------------------------------------------------------------------
 * df */

static gboolean
parse_df_totals (KdccJson   *ctx,
                 JsonObject *stats,
                 const char *where,
                 guint64    *total,
                 guint64    *used,
                 guint64    *avail)
{
  /* "Used" here is raw use, as in the status pgmap's bytes_used; only
   * releases before Nautilus lack total_used_raw_bytes. */
  const char *used_member = json_object_has_member (stats, "total_used_raw_bytes")
                            ? "total_used_raw_bytes" : "total_used_bytes";

  return kdcc_json_get_uint (ctx, stats, where, "total_bytes", TRUE, total)
         && kdcc_json_get_uint (ctx, stats, where, used_member, TRUE, used)
         && kdcc_json_get_uint (ctx, stats, where, "total_avail_bytes", TRUE, avail);
}

gboolean
kdcc_ceph_parse_df (KdccSnapshot  *snap,
                    const char    *json,
                    gssize         length,
                    GError       **error)
{
  KdccJson ctx_data = { "df", KDCC_JSON_LENIENT, error };
  KdccJson *ctx = &ctx_data;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(KdccSnapshot) scratch = NULL;
  g_autoptr(GPtrArray) classes = NULL;
  g_autoptr(GList) class_names = NULL;
  JsonObject *obj;
  JsonObject *stats = NULL;
  JsonObject *by_class = NULL;
  JsonArray *pools = NULL;
  guint64 total = 0, used = 0, avail = 0;
  guint n;

  g_return_val_if_fail (snap != NULL, FALSE);

  if (!(root = kdcc_json_load_root (ctx->source, json, length, JSON_NODE_OBJECT, error)))
    return FALSE;
  obj = json_node_get_object (root);

  if (!kdcc_json_get_object (ctx, obj, NULL, "stats", TRUE, &stats)
      || !parse_df_totals (ctx, stats, "stats", &total, &used, &avail)
      || !kdcc_json_get_object (ctx, obj, NULL, "stats_by_class", FALSE, &by_class)
      || !kdcc_json_get_array (ctx, obj, NULL, "pools", FALSE, &pools))
    return FALSE;

  classes = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_class_capacity_data_free);
  if (by_class != NULL)
    class_names = json_object_get_members (by_class);
  for (const GList *l = class_names; l != NULL; l = l->next)
    {
      KdccClassCapacityData *cls = kdcc_class_capacity_data_new (l->data);
      char where[KDCC_JSON_PATH_SIZE];
      JsonObject *cls_obj = NULL;

      g_ptr_array_add (classes, cls);
      kdcc_json_path (where, "stats_by_class", l->data);
      if (!kdcc_json_get_object (ctx, by_class, "stats_by_class", l->data, TRUE, &cls_obj)
          || !parse_df_totals (ctx, cls_obj, where, &cls->total_bytes, &cls->used_bytes,
                               &cls->avail_bytes))
        return FALSE;
    }

  scratch = kdcc_snapshot_new ();
  n = pools != NULL ? json_array_get_length (pools) : 0;
  for (guint i = 0; i < n; i++)
    {
      char where[KDCC_JSON_PATH_SIZE];
      char stats_path[KDCC_JSON_PATH_SIZE];
      JsonObject *pool_obj;
      JsonObject *pool_stats = NULL;
      const char *name = NULL;
      KdccPoolData *pool;
      gint64 id = 0;

      if (!kdcc_json_element_object (ctx, pools, i, "pools", where, &pool_obj)
          || !kdcc_json_get_int (ctx, pool_obj, where, "id", TRUE, &id)
          || !kdcc_json_get_string (ctx, pool_obj, where, "name", FALSE, &name)
          || !kdcc_json_get_object (ctx, pool_obj, where, "stats", TRUE, &pool_stats))
        return FALSE;

      kdcc_json_path (stats_path, where, "stats");
      pool = kdcc_snapshot_ensure_pool (scratch, id);
      g_free (pool->name);
      pool->name = g_strdup (name);
      /* Before Nautilus there was no "stored", only "bytes_used". */
      if (!kdcc_json_get_uint (ctx, pool_stats, stats_path,
                               json_object_has_member (pool_stats, "stored") ? "stored"
                                                                             : "bytes_used",
                               TRUE, &pool->stored_bytes)
          || !kdcc_json_get_uint (ctx, pool_stats, stats_path, "max_avail", FALSE,
                                  &pool->max_avail_bytes)
          || !kdcc_json_get_double (ctx, pool_stats, stats_path, "percent_used", FALSE,
                                    &pool->percent_used)
          || !kdcc_json_get_uint (ctx, pool_stats, stats_path, "objects", FALSE, &pool->objects))
        return FALSE;
      /* Ceph writes a 0..1 ratio under this name. */
      pool->percent_used = CLAMP (pool->percent_used * 100.0, 0.0, 100.0);
      pool->has_usage = TRUE;
    }

  snap->total_bytes = total;
  snap->used_bytes = used;
  snap->avail_bytes = avail;
  replace_ptr_array (&snap->classes, &classes);

  for (guint i = 0; scratch->pools != NULL && i < scratch->pools->len; i++)
    {
      KdccPoolData *src = g_ptr_array_index (scratch->pools, i);
      KdccPoolData *dst = kdcc_snapshot_ensure_pool (snap, src->id);

      if (dst->name == NULL)
        replace_string (&dst->name, &src->name);
      dst->has_usage = TRUE;
      dst->stored_bytes = src->stored_bytes;
      dst->max_avail_bytes = src->max_avail_bytes;
      dst->percent_used = src->percent_used;
      dst->objects = src->objects;
    }
  return TRUE;
}
