/* kdcc-dashboard-parse.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The small Dashboard answers (/api/auth, error bodies, /api/osd,
 * /api/summary) and what every Dashboard parser shares; /api/health/full
 * has kdcc-dashboard-parse-health.c to itself.
 */
#define G_LOG_DOMAIN "kdcc-dashboard-parse"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdcc-dashboard-parse-private.h"

/* Every read names where it looks ("health.checks[2].severity"), so a
 * wrongly typed answer produces an error an admin can report, not a crash
 * or a silently wrong number. Sections a user lacks the permission for are
 * simply absent from the dashboard's answers; absent optional members keep
 * the snapshot's defaults, present but wrongly typed ones are errors. The
 * dashboard writes proper JSON types, so the reads are strict. */

/* The start of every error message, which names the endpoint. */
char *
_kdcc_dashboard_source_for (const char *endpoint)
{
  return g_strdup_printf (_("Unexpected answer from the dashboard for %s"), endpoint);
}

/* An error the typed reads cannot know about, such as an unknown status;
 * PROBLEM completes the sentence about the member at PATH. */
gboolean
_kdcc_dashboard_fail (KdccJson   *r,
                      const char *path,
                      const char *problem)
{
  if (r->error != NULL && *r->error == NULL)
    g_set_error (r->error, KDCC_ERROR, KDCC_ERROR_PARSE, _("%s: \"%s\" %s"),
                 r->source, path, problem);
  return FALSE;
}

int
_kdcc_dashboard_compare_version (gconstpointer a,
                                 gconstpointer b)
{
  const KdccVersionData *va = *(KdccVersionData * const *) a;
  const KdccVersionData *vb = *(KdccVersionData * const *) b;
  int cmp = g_strcmp0 (va->daemon_type, vb->daemon_type);

  return cmp != 0 ? cmp : g_strcmp0 (va->version, vb->version);
}

void
_kdcc_dashboard_add_version (KdccSnapshot *snapshot,
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

char *
kdcc_dashboard_parse_auth (const char  *data,
                           gssize       length,
                           GError     **error)
{
  g_autofree char *source = _kdcc_dashboard_source_for ("/api/auth");
  KdccJson r = { source, KDCC_JSON_STRICT, error };
  g_autoptr(JsonNode) root = kdcc_json_load_root (source, data, length, JSON_NODE_OBJECT, error);
  const char *token = NULL;

  if (root == NULL ||
      !kdcc_json_get_string (&r, json_node_get_object (root), NULL, "token", TRUE, &token))
    return NULL;
  if (*token == '\0')
    {
      _kdcc_dashboard_fail (&r, "token", _("is empty"));
      return NULL;
    }
  return g_strdup (token);
}

char *
kdcc_dashboard_parse_error_body (const char *data,
                                 gssize      length)
{
  KdccJson r = { "error", KDCC_JSON_STRICT, NULL };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *obj;
  const char *detail = NULL;
  const char *code = NULL;

  if (data == NULL || length == 0)
    return NULL;
  root = kdcc_json_load_root (r.source, data, length, JSON_NODE_OBJECT, NULL);
  if (root == NULL)
    return NULL;
  obj = json_node_get_object (root);
  if (!kdcc_json_get_string (&r, obj, NULL, "detail", TRUE, &detail))
    return NULL;
  /* "code" is a string in DashboardException bodies; CherryPy's own error
   * pages carry "status" instead. */
  if (json_object_has_member (obj, "code") &&
      _kdcc_dashboard_node_is_string (json_object_get_member (obj, "code")))
    code = json_object_get_string_member (obj, "code");
  if (code != NULL && *code != '\0')
    return g_strdup_printf ("%s (%s)", detail, code);
  return g_strdup (detail);
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
  g_autofree char *source = _kdcc_dashboard_source_for ("/api/osd");
  KdccJson r = { source, KDCC_JSON_STRICT, error };
  g_autoptr(JsonNode) root = NULL;
  JsonArray *osds;

  g_return_val_if_fail (snapshot != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(root = kdcc_json_load_root (source, data, length, JSON_NODE_ARRAY, error)))
    return FALSE;
  osds = json_node_get_array (root);

  kdcc_snapshot_ensure_osd_list (snapshot);

  g_ptr_array_set_size (snapshot->classes, 0);
  for (guint i = 0; i < json_array_get_length (osds); i++)
    {
      char path[KDCC_JSON_PATH_SIZE];
      char sub_path[KDCC_JSON_PATH_SIZE];
      JsonObject *obj = NULL;
      JsonObject *osd_stats = NULL;
      JsonObject *tree = NULL;
      JsonObject *host = NULL;
      KdccOsdData *osd;
      gint64 id;

      if (!kdcc_json_element_object (&r, osds, i, "", path, &obj) ||
          !kdcc_json_get_int (&r, obj, path, "osd", TRUE, &id) ||
          !kdcc_json_get_object (&r, obj, path, "osd_stats", FALSE, &osd_stats) ||
          !kdcc_json_get_object (&r, obj, path, "tree", FALSE, &tree) ||
          !kdcc_json_get_object (&r, obj, path, "host", FALSE, &host))
        return FALSE;
      if (id < 0)
        return _kdcc_dashboard_fail (&r, path, _("has a negative OSD id"));

      osd = kdcc_snapshot_ensure_osd (snapshot, id);
      if (!kdcc_json_get_bool (&r, obj, path, "up", TRUE, &osd->up) ||
          !kdcc_json_get_bool (&r, obj, path, "in", TRUE, &osd->in) ||
          !kdcc_json_get_double (&r, obj, path, "weight", FALSE, &osd->reweight) ||
          !kdcc_json_get_double (&r, obj, path, "primary_affinity", FALSE,
                                 &osd->primary_affinity))
        return FALSE;

      if (tree != NULL)
        {
          const char *device_class = NULL;
          const char *name = NULL;

          kdcc_json_path (sub_path, path, "tree");
          if (!kdcc_json_get_string (&r, tree, sub_path, "device_class", FALSE, &device_class) ||
              !kdcc_json_get_string (&r, tree, sub_path, "name", FALSE, &name) ||
              !kdcc_json_get_double (&r, tree, sub_path, "crush_weight", FALSE,
                                     &osd->crush_weight))
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
          const char *name = NULL;
          KdccHostData *host_data;
          gboolean listed = FALSE;

          kdcc_json_path (sub_path, path, "host");
          if (!kdcc_json_get_string (&r, host, sub_path, "name", TRUE, &name))
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

          kdcc_json_path (sub_path, path, "osd_stats");
          if (!kdcc_json_get_int (&r, osd_stats, sub_path, "kb", TRUE, &kb) ||
              !kdcc_json_get_int (&r, osd_stats, sub_path, "kb_used", TRUE, &kb_used) ||
              !kdcc_json_get_int (&r, osd_stats, sub_path, "kb_avail", TRUE, &kb_avail) ||
              !kdcc_json_get_int (&r, osd_stats, sub_path, "num_pgs", FALSE, &osd->pgs))
            return FALSE;
          if (kb < 0 || kb_used < 0 || kb_avail < 0 ||
              kb > G_MAXINT64 / 1024 || kb_used > G_MAXINT64 / 1024 ||
              kb_avail > G_MAXINT64 / 1024)
            return _kdcc_dashboard_fail (&r, sub_path, _("holds an impossible size"));

          osd->has_usage = TRUE;
          osd->total_bytes = (guint64) kb * 1024;
          osd->used_bytes = (guint64) kb_used * 1024;
          osd->avail_bytes = (guint64) kb_avail * 1024;
          osd->utilization = kb > 0 ? 100.0 * (double) kb_used / (double) kb : 0.0;

          /* The same figures as `osd perf`. */
          {
            JsonObject *perf = kdcc_json_find_object (osd_stats, "perf_stat");

            if (perf != NULL)
              {
                osd->has_perf = TRUE;
                osd->commit_latency_ms = kdcc_json_find_number (perf, "commit_latency_ms", 0);
                osd->apply_latency_ms = kdcc_json_find_number (perf, "apply_latency_ms", 0);
              }
          }

          if (osd->device_class != NULL && kb > 0)
            {
              KdccClassCapacityData *cls = ensure_class (snapshot, osd->device_class);

              cls->total_bytes += osd->total_bytes;
              cls->used_bytes += osd->used_bytes;
              cls->avail_bytes += osd->avail_bytes;
            }
        }
    }
  /* Each host's OSDs up and in, and its capacity. */
  kdcc_snapshot_finish_hosts (snapshot);
  return TRUE;
}

gboolean
kdcc_dashboard_parse_summary (KdccSnapshot  *snapshot,
                              const char    *data,
                              gssize         length,
                              GError       **error)
{
  g_autofree char *source = _kdcc_dashboard_source_for ("/api/summary");
  KdccJson r = { source, KDCC_JSON_STRICT, error };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *obj;
  const char *version = NULL;
  const char *status = NULL;

  g_return_val_if_fail (snapshot != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(root = kdcc_json_load_root (source, data, length, JSON_NODE_OBJECT, error)))
    return FALSE;
  obj = json_node_get_object (root);
  if (!kdcc_json_get_string (&r, obj, NULL, "version", TRUE, &version) ||
      !kdcc_json_get_string (&r, obj, NULL, "health_status", FALSE, &status))
    return FALSE;

  if (snapshot->health == KDCC_HEALTH_UNKNOWN && status != NULL)
    snapshot->health = kdcc_health_status_from_string (status);
  _kdcc_dashboard_add_version (snapshot, "mgr", version);
  g_ptr_array_sort (snapshot->versions, _kdcc_dashboard_compare_version);
  return TRUE;
}
