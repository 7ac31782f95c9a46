/* kdcc-ceph-parse-status.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Parsers of `status` and `health detail`, and the health checks both carry.
 */
#define G_LOG_DOMAIN "kdcc-ceph-parse"

#include "config.h"

#include <string.h>

#include "kdcc-ceph-parse-private.h"

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
  JsonObject *fsmap = NULL;
  JsonArray *quorum_names = NULL;
  gint64 fsmap_epoch = -1;
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
          && !_kdcc_ceph_read_string_list (ctx, quorum_names, "quorum_names", data.quorum))
      || !kdcc_json_get_object (ctx, obj, NULL, "monmap", FALSE, &monmap)
      || (monmap != NULL
          && !kdcc_json_get_int (ctx, monmap, "monmap", "epoch", FALSE, &data.monmap_epoch))
      || !kdcc_json_get_object (ctx, obj, NULL, "osdmap", FALSE, &osdmap)
      || (osdmap != NULL && !parse_status_osdmap (ctx, osdmap, &data))
      || !kdcc_json_get_object (ctx, obj, NULL, "pgmap", FALSE, &pgmap)
      || (pgmap != NULL && !parse_status_pgmap (ctx, pgmap, &data))
      || !kdcc_json_get_object (ctx, obj, NULL, "mgrmap", FALSE, &mgrmap)
      || (mgrmap != NULL && !parse_status_mgrmap (ctx, mgrmap, &data))
      || !kdcc_json_get_object (ctx, obj, NULL, "fsmap", FALSE, &fsmap)
      || (fsmap != NULL && !kdcc_json_get_int (ctx, fsmap, "fsmap", "epoch", FALSE, &fsmap_epoch)))
    return FALSE;

  /* Everything was understood: merge. */
  data.fsid = g_strdup (fsid);
  _kdcc_ceph_replace_string (&snap->fsid, &data.fsid);
  snap->health = data.health;
  _kdcc_ceph_replace_ptr_array (&snap->checks, &data.checks);
  _kdcc_ceph_replace_ptr_array (&snap->quorum, &data.quorum);
  _kdcc_ceph_replace_ptr_array (&snap->pg_states, &data.pg_states);
  snap->monmap_epoch = data.monmap_epoch;
  snap->osdmap_epoch = data.osdmap_epoch;
  snap->pgmap_version = data.pgmap_version;
  snap->fsmap_epoch = fsmap_epoch;
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
    _kdcc_ceph_replace_string (&snap->mgr_active, &data.mgr_active);
  if (data.mgr_standbys != NULL)
    _kdcc_ceph_replace_ptr_array (&snap->mgr_standbys, &data.mgr_standbys);

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
  _kdcc_ceph_replace_ptr_array (&snap->checks, &checks);
  return TRUE;
}
