/* kdcc-dashboard-apply.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Dashboard source's write path, through the REST endpoints of the
 * Pacific dashboard (src/pybind/mgr/dashboard/controllers), as checked on
 * the live test cluster:
 *
 * - config set: PUT /api/cluster_conf {"options":{NAME:{"section":WHO,
 *   "value":V}}} runs exactly `config set WHO NAME V`, for any WHO. (POST
 *   /api/cluster_conf would also `config rm` NAME from every section of
 *   global/mon/mgr/osd/mds/client it is not given, and cannot reach osd.0.)
 *   Both refuse options that cannot change at runtime, and neither knows
 *   mgr module options (mgr/MODULE/OPTION): those are refused here first.
 * - config rm: DELETE /api/cluster_conf/NAME?section=WHO.
 * - OSD flags: PUT /api/osd/flags replaces the whole set, so the current
 *   set is read first; a change made by someone else in between is lost.
 * - pool: PUT /api/pool/NAME {VAR: VALUE} runs `osd pool set`; it cannot
 *   pass --yes-i-really-mean-it, so size 1 is refused here. It is a
 *   dashboard task and answers 202 when it takes over 2 s.
 * - OSDs: PUT /api/osd/ID/mark {"action":"in"|"out"} (PUT, not POST),
 *   POST /api/osd/ID/reweight {"weight":W}.
 * - Health mutes: no endpoint in Pacific.
 *
 * Read back: /api/cluster_conf/NAME lists values by section only, without
 * their mask, so a masked WHO cannot be read back; /api/osd/flags,
 * /api/osd/ID and /api/pool/NAME come from the mgr's copy of the OSD map,
 * which may lag a moment behind the mon.
 */
#define G_LOG_DOMAIN "kdcc-dashboard-source"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "kdcc-dashboard-source.h"
#include "kdcc-error.h"
#include "kdcc-json.h"
#include "kdcc-operation-apply.h"

/* The "detail" of a dashboard error body without the "[errno -22] " that
 * SendCommandError puts before Ceph's own message. */
static char *
error_detail (GBytes *body)
{
  g_autoptr(JsonNode) root = NULL;
  const char *detail;
  gsize len = 0;
  const char *data;

  if (body == NULL)
    return NULL;
  data = g_bytes_get_data (body, &len);
  root = kdcc_json_load_root ("error", data, len, JSON_NODE_OBJECT, NULL);
  if (root == NULL)
    return NULL;
  detail = json_object_get_string_member_with_default (json_node_get_object (root), "detail",
                                                       NULL);
  if (detail == NULL)
    return NULL;
  if (g_str_has_prefix (detail, "[errno ") && strstr (detail, "] ") != NULL)
    detail = strstr (detail, "] ") + 2;
  return g_strdup (detail);
}

/* Sends one request; a non-2xx answer becomes an error: 400 carries
 * Ceph's refusal of COMMAND (KDCC_ERROR_COMMAND), 403 a missing
 * permission, anything else KDCC_ERROR_HTTP. */
static GBytes *
request (KdccSource    *source,
         const char    *method,
         const char    *path,
         const char    *body,
         const char    *command,
         guint         *status_out,
         GCancellable  *cancellable,
         GError       **error)
{
  g_autoptr(GBytes) answer = NULL;
  g_autofree char *detail = NULL;
  guint status = 0;

  answer = _kdcc_dashboard_source_request_sync (KDCC_DASHBOARD_SOURCE (source), method, path,
                                                body, &status, cancellable, error);
  if (answer == NULL)
    return NULL;
  if (status_out != NULL)
    *status_out = status;
  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    return g_steal_pointer (&answer);

  detail = error_detail (answer);
  if (status == SOUP_STATUS_BAD_REQUEST && detail != NULL)
    g_set_error (error, KDCC_ERROR, KDCC_ERROR_COMMAND, _("The command \"%s\" failed: %s"),
                 command, detail);
  else if (status == SOUP_STATUS_FORBIDDEN)
    g_set_error (error, KDCC_ERROR, KDCC_ERROR_AUTH,
                 _("The dashboard user may not run \"%s\" (HTTP %u): %s"), command, status,
                 detail != NULL ? detail : "");
  else
    g_set_error (error, KDCC_ERROR, KDCC_ERROR_HTTP,
                 _("The dashboard answered %s %s with HTTP %u %s%s%s"), method, path, status,
                 soup_status_get_phrase (status), detail != NULL ? ": " : "",
                 detail != NULL ? detail : "");
  return NULL;
}

/* GET PATH and parse it; a 404 is NOT_FOUND_MESSAGE as KDCC_ERROR_COMMAND. */
static JsonNode *
get_json (KdccSource    *source,
          const char    *path,
          JsonNodeType   want,
          const char    *not_found_message,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) local_error = NULL;
  guint status = 0;
  gsize len = 0;
  const char *data;

  body = request (source, "GET", path, NULL, path, &status, cancellable, &local_error);
  if (body == NULL)
    {
      if (status == SOUP_STATUS_NOT_FOUND && not_found_message != NULL)
        g_set_error_literal (error, KDCC_ERROR, KDCC_ERROR_COMMAND, not_found_message);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  data = g_bytes_get_data (body, &len);
  return kdcc_json_load_root (path, data, len, want, error);
}

static char *
to_json (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  return json_to_string (root, FALSE);
}

static gboolean
config_set (KdccSource     *source,
            KdccOperation  *operation,
            GCancellable   *cancellable,
            GError        **error)
{
  const char *name = kdcc_operation_get_key (operation);
  g_autofree char *escaped = g_uri_escape_string (name, NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("/api/cluster_conf/%s", escaped);
  g_autofree char *unknown = g_strdup_printf (_("The cluster does not know the option %s"), name);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) option = NULL;
  g_autoptr(GBytes) answer = NULL;
  g_autofree char *body = NULL;

  if (strchr (name, '/') != NULL)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_NOT_SUPPORTED,
                   _("The Ceph Dashboard cannot change manager module options such as %s; "
                     "connect directly to the cluster to change it"), name);
      return FALSE;
    }

  /* The dashboard refuses restart-needing options only after it looked
   * the option up; asking first keeps that refusal a NOT_SUPPORTED. */
  option = get_json (source, path, JSON_NODE_OBJECT, unknown, cancellable, error);
  if (option == NULL)
    return FALSE;
  if (!json_object_get_boolean_member_with_default (json_node_get_object (option),
                                                    "can_update_at_runtime", TRUE))
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_NOT_SUPPORTED,
                   _("The Ceph Dashboard only changes options that apply at runtime, and %s "
                     "needs a restart; connect directly to the cluster to change it"), name);
      return FALSE;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "options");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "section");
  json_builder_add_string_value (builder, kdcc_operation_get_target (operation));
  json_builder_set_member_name (builder, "value");
  json_builder_add_string_value (builder, kdcc_operation_get_value (operation));
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  body = to_json (builder);

  answer = request (source, "PUT", "/api/cluster_conf", body, "config set", NULL, cancellable,
                    error);
  return answer != NULL;
}

static gboolean
config_rm (KdccSource     *source,
           KdccOperation  *operation,
           GCancellable   *cancellable,
           GError        **error)
{
  g_autofree char *name = g_uri_escape_string (kdcc_operation_get_key (operation), NULL, FALSE);
  g_autofree char *who = g_uri_escape_string (kdcc_operation_get_target (operation), NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("/api/cluster_conf/%s?section=%s", name, who);
  g_autoptr(GBytes) answer = NULL;

  answer = request (source, "DELETE", path, NULL, "config rm", NULL, cancellable, error);
  return answer != NULL;
}

static gboolean
flag_in (JsonArray  *flags,
         const char *flag)
{
  for (guint i = 0; i < json_array_get_length (flags); i++)
    if (g_strcmp0 (json_array_get_string_element (flags, i), flag) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
osd_flag (KdccSource     *source,
          KdccOperation  *operation,
          GCancellable   *cancellable,
          GError        **error)
{
  const char *flag = kdcc_operation_get_key (operation);
  gboolean set = kdcc_operation_get_kind (operation) == KDCC_OPERATION_OSD_FLAG_SET;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) current = NULL;
  g_autoptr(GBytes) answer = NULL;
  g_autofree char *body = NULL;
  JsonArray *flags;

  current = get_json (source, "/api/osd/flags", JSON_NODE_ARRAY, NULL, cancellable, error);
  if (current == NULL)
    return FALSE;
  flags = json_node_get_array (current);
  if (flag_in (flags, flag) == set)
    return TRUE;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "flags");
  json_builder_begin_array (builder);
  for (guint i = 0; i < json_array_get_length (flags); i++)
    {
      const char *other = json_array_get_string_element (flags, i);

      if (other != NULL && !g_str_equal (other, flag))
        json_builder_add_string_value (builder, other);
    }
  if (set)
    json_builder_add_string_value (builder, flag);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  body = to_json (builder);

  answer = request (source, "PUT", "/api/osd/flags", body, set ? "osd set" : "osd unset", NULL,
                    cancellable, error);
  return answer != NULL;
}

/* A pool edit that took over 2 s runs on as a dashboard task: wait for it
 * to end and take its result. */
static gboolean
wait_pool_task (KdccSource     *source,
                const char     *pool,
                GCancellable   *cancellable,
                GError        **error)
{
  for (guint attempt = 0; attempt < 240; attempt++)
    {
      g_autoptr(JsonNode) root = NULL;
      JsonArray *tasks;
      gboolean running = FALSE;

      root = get_json (source, "/api/task?name=pool/edit", JSON_NODE_OBJECT, NULL, cancellable,
                       error);
      if (root == NULL)
        return FALSE;
      tasks = _kdcc_member_array (json_node_get_object (root), "executing_tasks");
      for (guint i = 0; tasks != NULL && i < json_array_get_length (tasks); i++)
        {
          JsonObject *task = _kdcc_element_object (tasks, i);
          JsonObject *meta = task ? _kdcc_member_object (task, "metadata") : NULL;

          if (meta != NULL
              && g_strcmp0 (json_object_get_string_member_with_default (meta, "pool_name", NULL),
                            pool) == 0)
            running = TRUE;
        }
      if (!running)
        return TRUE;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      g_usleep (G_USEC_PER_SEC / 2);
    }
  g_set_error (error, KDCC_ERROR, KDCC_ERROR_TIMEOUT,
               _("The dashboard is still changing pool %s after 2 minutes"), pool);
  return FALSE;
}

/* PUT /api/pool/POOL with what BUILDER holds, which the dashboard turns into
 * COMMAND; waits for the task it may become. */
static gboolean
pool_put (KdccSource     *source,
          const char     *pool,
          JsonBuilder    *builder,
          const char     *command,
          GCancellable   *cancellable,
          GError        **error)
{
  g_autofree char *escaped = g_uri_escape_string (pool, NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("/api/pool/%s", escaped);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) answer = NULL;
  g_autofree char *body = to_json (builder);
  guint status = 0;

  answer = request (source, "PUT", path, body, command, &status, cancellable, &local_error);
  if (answer == NULL)
    {
      if (status == SOUP_STATUS_NOT_FOUND)
        g_set_error (error, KDCC_ERROR, KDCC_ERROR_COMMAND, _("The pool %s does not exist"),
                     pool);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (status == SOUP_STATUS_ACCEPTED)
    return wait_pool_task (source, pool, cancellable, error);
  return TRUE;
}

static gboolean
pool_set (KdccSource     *source,
          KdccOperation  *operation,
          GCancellable   *cancellable,
          GError        **error)
{
  const char *var = kdcc_operation_get_key (operation);
  const char *value = kdcc_operation_get_value (operation);
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (g_str_equal (var, "size") && g_str_equal (value, "1"))
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_NOT_SUPPORTED,
                   _("The Ceph Dashboard cannot confirm a pool size of 1 as Ceph requires; "
                     "connect directly to the cluster to set it"));
      return FALSE;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, var);
  json_builder_add_string_value (builder, value);
  json_builder_end_object (builder);
  return pool_put (source, kdcc_operation_get_target (operation), builder, "osd pool set",
                   cancellable, error);
}

/* {"quota_max_bytes": VALUE}: the dashboard runs `osd pool set-quota`
 * with str(VALUE), so the text goes through as it is. */
static gboolean
pool_quota (KdccSource     *source,
            KdccOperation  *operation,
            GCancellable   *cancellable,
            GError        **error)
{
  g_autofree char *member = g_strconcat ("quota_", kdcc_operation_get_key (operation), NULL);
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, kdcc_operation_get_value (operation));
  json_builder_end_object (builder);
  return pool_put (source, kdcc_operation_get_target (operation), builder,
                   "osd pool set-quota", cancellable, error);
}

/* The pool's applications by name, as GET /api/pool/NAME lists them. */
static JsonArray *
pool_applications (JsonNode *pool)
{
  return _kdcc_member_array (json_node_get_object (pool), "application_metadata");
}

/* application_metadata replaces the whole list (the dashboard enables
 * and disables the difference, always with yes_i_really_mean_it), so the
 * current list is read first; a change made by someone else in between
 * is lost. */
static gboolean
pool_application (KdccSource     *source,
                  KdccOperation  *operation,
                  GCancellable   *cancellable,
                  GError        **error)
{
  const char *pool = kdcc_operation_get_target (operation);
  const char *app = kdcc_operation_get_key (operation);
  gboolean enable = kdcc_operation_get_kind (operation) == KDCC_OPERATION_POOL_APP_ENABLE;
  g_autofree char *escaped = g_uri_escape_string (pool, NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("/api/pool/%s", escaped);
  g_autofree char *missing = g_strdup_printf (_("The pool %s does not exist"), pool);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) current = NULL;
  JsonArray *apps;

  current = get_json (source, path, JSON_NODE_OBJECT, missing, cancellable, error);
  if (current == NULL)
    return FALSE;
  apps = pool_applications (current);
  if (apps != NULL && flag_in (apps, app) == enable)
    return TRUE;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "application_metadata");
  json_builder_begin_array (builder);
  for (guint i = 0; apps != NULL && i < json_array_get_length (apps); i++)
    {
      const char *other = json_array_get_string_element (apps, i);

      if (other != NULL && !g_str_equal (other, app))
        json_builder_add_string_value (builder, other);
    }
  if (enable)
    json_builder_add_string_value (builder, app);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return pool_put (source, pool, builder,
                   enable ? "osd pool application enable" : "osd pool application disable",
                   cancellable, error);
}

static gboolean
osd_mark (KdccSource     *source,
          KdccOperation  *operation,
          GCancellable   *cancellable,
          GError        **error)
{
  KdccOperationKind kind = kdcc_operation_get_kind (operation);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GBytes) answer = NULL;
  g_autofree char *path = NULL;
  g_autofree char *body = NULL;
  const char *method = "PUT";
  const char *command;

  json_builder_begin_object (builder);
  if (kind == KDCC_OPERATION_OSD_REWEIGHT)
    {
      path = g_strdup_printf ("/api/osd/%" G_GINT64_FORMAT "/reweight",
                              kdcc_operation_get_osd_id (operation));
      method = "POST";
      command = "osd reweight";
      json_builder_set_member_name (builder, "weight");
      json_builder_add_double_value (builder, kdcc_operation_get_weight (operation));
    }
  else
    {
      path = g_strdup_printf ("/api/osd/%" G_GINT64_FORMAT "/mark",
                              kdcc_operation_get_osd_id (operation));
      command = kind == KDCC_OPERATION_OSD_IN ? "osd in" : "osd out";
      json_builder_set_member_name (builder, "action");
      json_builder_add_string_value (builder, kind == KDCC_OPERATION_OSD_IN ? "in" : "out");
    }
  json_builder_end_object (builder);
  body = to_json (builder);

  answer = request (source, method, path, body, command, NULL, cancellable, error);
  return answer != NULL;
}

gboolean
_kdcc_dashboard_apply_operation (KdccSource     *source,
                                 KdccOperation  *operation,
                                 GCancellable   *cancellable,
                                 GError        **error)
{
  switch (kdcc_operation_get_kind (operation))
    {
    case KDCC_OPERATION_CONFIG_SET:
      return config_set (source, operation, cancellable, error);
    case KDCC_OPERATION_CONFIG_RM:
      return config_rm (source, operation, cancellable, error);
    case KDCC_OPERATION_OSD_FLAG_SET:
    case KDCC_OPERATION_OSD_FLAG_UNSET:
      return osd_flag (source, operation, cancellable, error);
    case KDCC_OPERATION_POOL_SET:
      return pool_set (source, operation, cancellable, error);
    case KDCC_OPERATION_POOL_SET_QUOTA:
      return pool_quota (source, operation, cancellable, error);
    case KDCC_OPERATION_POOL_APP_ENABLE:
    case KDCC_OPERATION_POOL_APP_DISABLE:
      return pool_application (source, operation, cancellable, error);
    case KDCC_OPERATION_OSD_IN:
    case KDCC_OPERATION_OSD_OUT:
    case KDCC_OPERATION_OSD_REWEIGHT:
      return osd_mark (source, operation, cancellable, error);
    case KDCC_OPERATION_OSD_PRIMARY_AFFINITY:
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_NOT_SUPPORTED,
                   _("The Ceph Dashboard cannot set an OSD's primary affinity; connect "
                     "directly to the cluster to do it"));
      return FALSE;
    case KDCC_OPERATION_PG_DEEP_SCRUB:
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_NOT_SUPPORTED,
                   _("The Ceph Dashboard cannot deep-scrub one placement group; connect "
                     "directly to the cluster to do it"));
      return FALSE;
    case KDCC_OPERATION_SSO_SETUP_SAML2:
    case KDCC_OPERATION_SSO_DISABLE:
    case KDCC_OPERATION_DASHBOARD_USER_CREATE:
    case KDCC_OPERATION_DASHBOARD_USER_DELETE:
    case KDCC_OPERATION_DASHBOARD_USER_SET_ROLES:
      /* Pacific's REST API has no SSO endpoints; KDCC keeps accounts and
       * SSO together on the mgr commands. */
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_NOT_SUPPORTED,
                   _("Single sign-on and its accounts are not available through the Dashboard "
                     "API; connect directly to the cluster to set them up"));
      return FALSE;
    case KDCC_OPERATION_REQUIRE_OSD_RELEASE:
    case KDCC_OPERATION_NOAUTOSCALE_SET:
    case KDCC_OPERATION_NOAUTOSCALE_UNSET:
      /* Pacific's REST API has neither (ceph-facts.md §4). */
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_NOT_SUPPORTED,
                   _("The Ceph Dashboard cannot change require_osd_release or the PG "
                     "autoscaler’s noautoscale flag; connect directly to the cluster to do it"));
      return FALSE;
    case KDCC_OPERATION_HEALTH_MUTE:
    case KDCC_OPERATION_HEALTH_UNMUTE:
    default:
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_NOT_SUPPORTED,
                   _("The Ceph Dashboard cannot mute or unmute health alerts; connect directly "
                     "to the cluster to do it"));
      return FALSE;
    }
}

/* ------------------------------------------------------------------------
 * Read back */

static gboolean
read_config (KdccSource     *source,
             KdccOperation  *operation,
             char          **value,
             GCancellable   *cancellable,
             GError        **error)
{
  const char *name = kdcc_operation_get_key (operation);
  const char *who = kdcc_operation_get_target (operation);
  g_autofree char *escaped = g_uri_escape_string (name, NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("/api/cluster_conf/%s", escaped);
  g_autofree char *unknown = g_strdup_printf (_("The cluster does not know the option %s"), name);
  g_autoptr(JsonNode) option = NULL;
  JsonArray *values;

  if (strchr (who, '/') != NULL || strchr (name, '/') != NULL)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_NOT_SUPPORTED,
                   _("The Ceph Dashboard does not show values set with a mask or of manager "
                     "module options (%s for %s)"), name, who);
      return FALSE;
    }

  option = get_json (source, path, JSON_NODE_OBJECT, unknown, cancellable, error);
  if (option == NULL)
    return FALSE;
  values = _kdcc_member_array (json_node_get_object (option), "value");
  for (guint i = 0; values != NULL && i < json_array_get_length (values); i++)
    {
      JsonObject *entry = _kdcc_element_object (values, i);

      if (entry != NULL
          && g_strcmp0 (json_object_get_string_member_with_default (entry, "section", NULL),
                        who) == 0)
        {
          *value = _kdcc_operation_node_to_text (json_object_get_member (entry, "value"));
          break;
        }
    }
  return TRUE;
}

/* `osd pool get` variables that are bits of the pool's flags. */
static const char * const pool_flag_vars[] = {
  "hashpspool", "nodelete", "nopgchange", "nosizechange", "write_fadvise_dontneed", "noscrub",
  "nodeep-scrub", "bulk",
};

static gboolean
read_pool (KdccSource     *source,
           KdccOperation  *operation,
           char          **value,
           GCancellable   *cancellable,
           GError        **error)
{
  const char *pool_name = kdcc_operation_get_target (operation);
  const char *var = kdcc_operation_get_key (operation);
  g_autofree char *escaped = g_uri_escape_string (pool_name, NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("/api/pool/%s", escaped);
  g_autofree char *missing = g_strdup_printf (_("The pool %s does not exist"), pool_name);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *pool;
  JsonObject *options;

  root = get_json (source, path, JSON_NODE_OBJECT, missing, cancellable, error);
  if (root == NULL)
    return FALSE;
  pool = json_node_get_object (root);

  for (guint i = 0; i < G_N_ELEMENTS (pool_flag_vars); i++)
    if (g_str_equal (var, pool_flag_vars[i]))
      {
        g_auto(GStrv) flags =
          g_strsplit (json_object_get_string_member_with_default (pool, "flags_names", ""),
                      ",", -1);

        *value = g_strdup (g_strv_contains ((const char * const *) flags, var)
                           ? "true" : "false");
        return TRUE;
      }

  if (kdcc_operation_get_kind (operation) == KDCC_OPERATION_POOL_SET_QUOTA)
    {
      g_autofree char *field = g_strconcat ("quota_", var, NULL);

      *value = _kdcc_operation_node_to_text (json_object_get_member (pool, field));
      return TRUE;
    }
  if (kdcc_operation_get_kind (operation) == KDCC_OPERATION_POOL_APP_ENABLE
      || kdcc_operation_get_kind (operation) == KDCC_OPERATION_POOL_APP_DISABLE)
    {
      JsonArray *apps = pool_applications (root);

      if (apps != NULL && flag_in (apps, var))
        *value = g_strdup ("enabled");
      return TRUE;
    }

  /* The dashboard names a few fields after the OSD map, not the command. */
  if (g_str_equal (var, "pgp_num"))
    var = "pg_placement_num";

  if (json_object_has_member (pool, var))
    {
      *value = _kdcc_operation_node_to_text (json_object_get_member (pool, var));
      return TRUE;
    }
  options = _kdcc_member_object (pool, "options");
  if (options != NULL && json_object_has_member (options, var))
    *value = _kdcc_operation_node_to_text (json_object_get_member (options, var));
  return TRUE;
}

static gboolean
read_osd (KdccSource     *source,
          KdccOperation  *operation,
          char          **value,
          GCancellable   *cancellable,
          GError        **error)
{
  g_autofree char *path = g_strdup_printf ("/api/osd/%" G_GINT64_FORMAT,
                                           kdcc_operation_get_osd_id (operation));
  g_autofree char *missing = g_strdup_printf (_("%s does not exist"),
                                              kdcc_operation_get_target (operation));
  g_autoptr(JsonNode) root = NULL;
  JsonObject *map;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  /* The dashboard answers 500 (a KeyError) for an OSD that does not
   * exist; either way there is nothing to read. */
  root = get_json (source, path, JSON_NODE_OBJECT, missing, cancellable, error);
  if (root == NULL)
    return FALSE;
  map = _kdcc_member_object (json_node_get_object (root), "osd_map");
  if (map == NULL)
    {
      g_set_error_literal (error, KDCC_ERROR, KDCC_ERROR_PARSE, missing);
      return FALSE;
    }
  if (kdcc_operation_get_kind (operation) == KDCC_OPERATION_OSD_REWEIGHT)
    *value = g_strdup (g_ascii_formatd (buf, sizeof buf, "%.6g",
                                        json_object_get_double_member_with_default (map, "weight",
                                                                                    0.0)));
  else if (kdcc_operation_get_kind (operation) == KDCC_OPERATION_OSD_PRIMARY_AFFINITY)
    *value = g_strdup (g_ascii_formatd (buf, sizeof buf, "%.6g",
                                        json_object_get_double_member_with_default (
                                          map, "primary_affinity", 1.0)));
  else
    *value = g_strdup (json_object_get_int_member_with_default (map, "in", 0) ? "in" : "out");
  return TRUE;
}

gboolean
_kdcc_dashboard_read_back (KdccSource     *source,
                           KdccOperation  *operation,
                           char          **value,
                           GCancellable   *cancellable,
                           GError        **error)
{
  switch (kdcc_operation_get_kind (operation))
    {
    case KDCC_OPERATION_CONFIG_SET:
    case KDCC_OPERATION_CONFIG_RM:
      return read_config (source, operation, value, cancellable, error);

    case KDCC_OPERATION_OSD_FLAG_SET:
    case KDCC_OPERATION_OSD_FLAG_UNSET:
      {
        g_autoptr(JsonNode) flags = get_json (source, "/api/osd/flags", JSON_NODE_ARRAY, NULL,
                                              cancellable, error);

        if (flags == NULL)
          return FALSE;
        if (flag_in (json_node_get_array (flags), kdcc_operation_get_key (operation)))
          *value = g_strdup ("set");
        return TRUE;
      }

    case KDCC_OPERATION_POOL_SET:
    case KDCC_OPERATION_POOL_SET_QUOTA:
    case KDCC_OPERATION_POOL_APP_ENABLE:
    case KDCC_OPERATION_POOL_APP_DISABLE:
      return read_pool (source, operation, value, cancellable, error);

    case KDCC_OPERATION_OSD_IN:
    case KDCC_OPERATION_OSD_OUT:
    case KDCC_OPERATION_OSD_REWEIGHT:
    case KDCC_OPERATION_OSD_PRIMARY_AFFINITY:
      return read_osd (source, operation, value, cancellable, error);

    case KDCC_OPERATION_PG_DEEP_SCRUB:
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_NOT_SUPPORTED,
                   _("The Ceph Dashboard cannot deep-scrub one placement group; connect "
                     "directly to the cluster to do it"));
      return FALSE;
    case KDCC_OPERATION_SSO_SETUP_SAML2:
    case KDCC_OPERATION_SSO_DISABLE:
    case KDCC_OPERATION_DASHBOARD_USER_CREATE:
    case KDCC_OPERATION_DASHBOARD_USER_DELETE:
    case KDCC_OPERATION_DASHBOARD_USER_SET_ROLES:
      /* Pacific's REST API has no SSO endpoints; KDCC keeps accounts and
       * SSO together on the mgr commands. */
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_NOT_SUPPORTED,
                   _("Single sign-on and its accounts are not available through the Dashboard "
                     "API; connect directly to the cluster to set them up"));
      return FALSE;
    case KDCC_OPERATION_REQUIRE_OSD_RELEASE:
    case KDCC_OPERATION_NOAUTOSCALE_SET:
    case KDCC_OPERATION_NOAUTOSCALE_UNSET:
      /* Pacific's REST API has neither (ceph-facts.md §4). */
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_NOT_SUPPORTED,
                   _("The Ceph Dashboard cannot change require_osd_release or the PG "
                     "autoscaler’s noautoscale flag; connect directly to the cluster to do it"));
      return FALSE;
    case KDCC_OPERATION_HEALTH_MUTE:
    case KDCC_OPERATION_HEALTH_UNMUTE:
    default:
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_NOT_SUPPORTED,
                   _("The Ceph Dashboard cannot mute or unmute health alerts; connect directly "
                     "to the cluster to do it"));
      return FALSE;
    }
}
