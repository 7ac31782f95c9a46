/* kdcc-rados-apply.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The librados source's write path: each operation is one mon command,
 * the same the `ceph` CLI sends for the operation's CLI equivalent, and is
 * read back from the map or database it changed.
 */
#define G_LOG_DOMAIN "kdcc-rados-source"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kdcc-error.h"
#include "kdcc-json.h"
#include "kdcc-operation-apply.h"

char *
_kdcc_operation_node_to_text (JsonNode *node)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;

  switch (json_node_get_value_type (node) == G_TYPE_STRING ? 's'
          : json_node_get_value_type (node) == G_TYPE_BOOLEAN ? 'b'
          : json_node_get_value_type (node) == G_TYPE_INT64 ? 'i' : 'd')
    {
    case 's':
      return g_strdup (json_node_get_string (node));
    case 'b':
      return g_strdup (json_node_get_boolean (node) ? "true" : "false");
    case 'i':
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    default:
      return g_strdup (g_ascii_dtostr (buf, sizeof buf, json_node_get_double (node)));
    }
}

/* The mon command for OPERATION, as the `ceph` CLI would send it. */
static char *
build_command (KdccOperation *operation)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  const char *target = kdcc_operation_get_target (operation);
  const char *key = kdcc_operation_get_key (operation);
  const char *value = kdcc_operation_get_value (operation);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                         kdcc_operation_get_osd_id (operation));

#define MEMBER_S(name, v) (json_builder_set_member_name (builder, name), \
                           json_builder_add_string_value (builder, v))
  json_builder_begin_object (builder);
  switch (kdcc_operation_get_kind (operation))
    {
    case KDCC_OPERATION_CONFIG_SET:
      MEMBER_S ("prefix", "config set");
      MEMBER_S ("who", target);
      MEMBER_S ("name", key);
      MEMBER_S ("value", value);
      break;
    case KDCC_OPERATION_CONFIG_RM:
      MEMBER_S ("prefix", "config rm");
      MEMBER_S ("who", target);
      MEMBER_S ("name", key);
      break;
    case KDCC_OPERATION_OSD_FLAG_SET:
    case KDCC_OPERATION_OSD_FLAG_UNSET:
      MEMBER_S ("prefix", kdcc_operation_get_kind (operation) == KDCC_OPERATION_OSD_FLAG_SET
                          ? "osd set" : "osd unset");
      MEMBER_S ("key", key);
      break;
    case KDCC_OPERATION_POOL_SET:
      MEMBER_S ("prefix", "osd pool set");
      MEMBER_S ("pool", target);
      MEMBER_S ("var", key);
      MEMBER_S ("val", value);
      /* As in the CLI equivalent: the mon refuses size 1 without it. */
      if (g_str_equal (key, "size") && g_str_equal (value, "1"))
        {
          json_builder_set_member_name (builder, "yes_i_really_mean_it");
          json_builder_add_boolean_value (builder, TRUE);
        }
      break;
    case KDCC_OPERATION_OSD_IN:
    case KDCC_OPERATION_OSD_OUT:
      MEMBER_S ("prefix", kdcc_operation_get_kind (operation) == KDCC_OPERATION_OSD_IN
                          ? "osd in" : "osd out");
      json_builder_set_member_name (builder, "ids");
      json_builder_begin_array (builder);
      json_builder_add_string_value (builder, id);
      json_builder_end_array (builder);
      break;
    case KDCC_OPERATION_OSD_REWEIGHT:
      MEMBER_S ("prefix", "osd reweight");
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, kdcc_operation_get_osd_id (operation));
      json_builder_set_member_name (builder, "weight");
      json_builder_add_double_value (builder, kdcc_operation_get_weight (operation));
      break;
    case KDCC_OPERATION_OSD_PRIMARY_AFFINITY:
      MEMBER_S ("prefix", "osd primary-affinity");
      /* A CephOsdName: the CLI takes "osd.N" and sends N. */
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, kdcc_operation_get_osd_id (operation));
      json_builder_set_member_name (builder, "weight");
      json_builder_add_double_value (builder, kdcc_operation_get_weight (operation));
      break;
    case KDCC_OPERATION_POOL_SET_QUOTA:
      MEMBER_S ("prefix", "osd pool set-quota");
      MEMBER_S ("pool", target);
      MEMBER_S ("field", key);
      MEMBER_S ("val", value);
      break;
    case KDCC_OPERATION_POOL_APP_ENABLE:
    case KDCC_OPERATION_POOL_APP_DISABLE:
      MEMBER_S ("prefix", kdcc_operation_get_kind (operation) == KDCC_OPERATION_POOL_APP_ENABLE
                          ? "osd pool application enable" : "osd pool application disable");
      MEMBER_S ("pool", target);
      MEMBER_S ("app", key);
      /* As in the CLI equivalent. */
      json_builder_set_member_name (builder, "yes_i_really_mean_it");
      json_builder_add_boolean_value (builder, TRUE);
      break;
    case KDCC_OPERATION_HEALTH_MUTE:
      MEMBER_S ("prefix", "health mute");
      MEMBER_S ("code", target);
      if (kdcc_operation_get_ttl (operation) != NULL)
        MEMBER_S ("ttl", kdcc_operation_get_ttl (operation));
      if (kdcc_operation_get_sticky (operation))
        {
          json_builder_set_member_name (builder, "sticky");
          json_builder_add_boolean_value (builder, TRUE);
        }
      break;
    case KDCC_OPERATION_HEALTH_UNMUTE:
      MEMBER_S ("prefix", "health unmute");
      MEMBER_S ("code", target);
      break;
    case KDCC_OPERATION_PG_DEEP_SCRUB:
      MEMBER_S ("prefix", "pg deep-scrub");
      MEMBER_S ("pgid", target);
      break;
    case KDCC_OPERATION_REQUIRE_OSD_RELEASE:
      MEMBER_S ("prefix", "osd require-osd-release");
      MEMBER_S ("release", value);
      break;
    case KDCC_OPERATION_NOAUTOSCALE_SET:
    case KDCC_OPERATION_NOAUTOSCALE_UNSET:
      MEMBER_S ("prefix", kdcc_operation_get_kind (operation) == KDCC_OPERATION_NOAUTOSCALE_SET
                          ? "osd pool set noautoscale" : "osd pool unset noautoscale");
      break;
    default:
      g_assert_not_reached ();
    }
  json_builder_end_object (builder);
#undef MEMBER_S

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static JsonNode *query_command (KdccSource    *source,
                                const char    *label,
                                const char    *command,
                                JsonNodeType   want,
                                GCancellable  *cancellable,
                                GError       **error);

/* How long the pg_autoscaler may go on after KDCC stopped waiting for its
 * answer: Pacific sets the pools one mon command (one paxos proposal, about
 * a second) after another, so a cluster with many pools takes minutes. */
#define NOAUTOSCALE_WAIT_S 300

/* TRUE once every pool's pg_autoscale_mode is MODE; *PENDING names the
 * first that is not. */
static gboolean
pools_have_mode (KdccSource    *source,
                 const char    *mode,
                 char         **pending,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(JsonNode) root =
    query_command (source, "osd pool ls detail",
                   "{\"prefix\":\"osd pool ls\",\"detail\":\"detail\",\"format\":\"json\"}",
                   JSON_NODE_ARRAY, cancellable, error);
  JsonArray *pools;

  if (root == NULL)
    return FALSE;
  pools = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (pools); i++)
    {
      JsonNode *node = json_array_get_element (pools, i);
      JsonObject *pool;
      const char *now;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return FALSE;
      pool = json_node_get_object (node);
      now = json_object_get_string_member_with_default (pool, "pg_autoscale_mode", "");
      if (g_strcmp0 (now, mode) != 0)
        {
          g_free (*pending);
          *pending = g_strdup_printf ("%s is %s",
                                      json_object_get_string_member_with_default (pool, "pool_name",
                                                                                  "?"),
                                      now);
          return FALSE;
        }
    }
  return TRUE;
}

/* Pacific's `osd pool set|unset noautoscale` answers only once it has set
 * every pool's mode, one paxos proposal each: with a dozen pools that is
 * past the timeout KDCC gives an mgr command (KDCC_RADOS_TIMEOUT_S), and the
 * module goes on after KDCC stopped listening (ceph-facts). A timeout is
 * therefore not yet a failure: KDCC waits until every pool shows the mode
 * the command sets ("off" for set, "on" for unset: Pacific turns every pool
 * on), and reports the timeout only if they never do. */
static gboolean
wait_noautoscale (KdccSource     *source,
                  KdccOperation  *operation,
                  GCancellable   *cancellable,
                  GError        **error)
{
  const char *mode = kdcc_operation_get_kind (operation) == KDCC_OPERATION_NOAUTOSCALE_SET
                     ? "off" : "on";
  gint64 deadline = g_get_monotonic_time () + NOAUTOSCALE_WAIT_S * G_USEC_PER_SEC;
  g_autofree char *pending = NULL;

  g_debug ("The pg_autoscaler did not answer in time; waiting for every pool's mode to be %s",
           mode);
  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr(GError) local_error = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (pools_have_mode (source, mode, &pending, cancellable, &local_error))
        return TRUE;
      g_debug ("Waiting for the pg_autoscaler: %s",
               local_error != NULL ? local_error->message : pending);
      /* A cluster that does not answer for a moment is waited for; any
       * other answer will not change by waiting. */
      if (local_error != NULL
          && !g_error_matches (local_error, KDCC_ERROR, KDCC_ERROR_TIMEOUT)
          && !g_error_matches (local_error, KDCC_ERROR, KDCC_ERROR_CONNECT))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_usleep (G_USEC_PER_SEC);
    }
  return FALSE;
}

gboolean
_kdcc_rados_apply_operation (KdccSource     *source,
                             KdccOperation  *operation,
                             GCancellable   *cancellable,
                             GError        **error)
{
  g_autofree char *command = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autofree char *status = NULL;
  g_autoptr(GError) local_error = NULL;
  KdccOperationKind kind = kdcc_operation_get_kind (operation);

  if (kdcc_capability_for_operation (operation) == KDCC_CAPABILITY_DASHBOARD_SSO)
    return _kdcc_rados_sso_apply (source, operation, cancellable, error);
  command = build_command (operation);
  g_debug ("Applying %s", command);
  /* noautoscale is a command of the mgr's pg_autoscaler module. */
  out = kdcc_source_run_command_sync (source,
                                      kdcc_capability_for_operation (operation)
                                      == KDCC_CAPABILITY_MGR_COMMANDS ? "mgr" : "mon",
                                      command, &status, cancellable, &local_error);
  if (out != NULL)
    return TRUE;
  if ((kind == KDCC_OPERATION_NOAUTOSCALE_SET || kind == KDCC_OPERATION_NOAUTOSCALE_UNSET)
      && g_error_matches (local_error, KDCC_ERROR, KDCC_ERROR_TIMEOUT))
    {
      g_autoptr(GError) wait_error = NULL;

      if (wait_noautoscale (source, operation, cancellable, &wait_error))
        return TRUE;
      if (wait_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&wait_error));
          return FALSE;
        }
      g_prefix_error (&local_error,
                      _("Every pool’s autoscaler did not reach its new mode within %d s: "),
                      NOAUTOSCALE_WAIT_S);
    }
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* Runs PREFIX (with the extra JSON members EXTRA, e.g. ",\"pool\":\"rbd\"")
 * in JSON format and returns the root of its output. */
static JsonNode *
query_command (KdccSource    *source,
               const char    *label,
               const char    *command,
               JsonNodeType   want,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GBytes) out = NULL;
  gsize len = 0;
  const char *data;

  out = kdcc_source_run_command_sync (source, "mon", command, NULL, cancellable, error);
  if (out == NULL)
    return NULL;
  data = g_bytes_get_data (out, &len);
  return kdcc_json_load_root (label, data, len, want, error);
}

/* Runs PREFIX, which takes no arguments, in JSON format. */
static JsonNode *
query (KdccSource    *source,
       const char    *prefix,
       JsonNodeType   want,
       GCancellable  *cancellable,
       GError       **error)
{
  g_autofree char *command = g_strdup_printf ("{\"prefix\":\"%s\",\"format\":\"json\"}",
                                              prefix);

  return query_command (source, prefix, command, want, cancellable, error);
}

static gboolean
read_config (KdccSource     *source,
             KdccOperation  *operation,
             char          **value,
             GCancellable   *cancellable,
             GError        **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *section = NULL;
  g_autofree char *mask = NULL;
  JsonArray *entries;

  root = query (source, "config dump", JSON_NODE_ARRAY, cancellable, error);
  if (root == NULL)
    return FALSE;

  kdcc_operation_split_who (kdcc_operation_get_target (operation), &section, &mask);
  entries = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonNode *node = json_array_get_element (entries, i);
      JsonObject *entry;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      entry = json_node_get_object (node);
      if (g_strcmp0 (json_object_get_string_member_with_default (entry, "name", NULL),
                     kdcc_operation_get_key (operation)) == 0
          && g_strcmp0 (json_object_get_string_member_with_default (entry, "section", NULL),
                        section) == 0
          && g_strcmp0 (json_object_get_string_member_with_default (entry, "mask", ""),
                        mask) == 0)
        {
          *value = _kdcc_operation_node_to_text (json_object_get_member (entry, "value"));
          return TRUE;
        }
    }
  return TRUE;
}

static gboolean
flag_in (JsonObject *dump,
         const char *flag)
{
  JsonArray *set = _kdcc_member_array (dump, "flags_set");
  g_auto(GStrv) flags = NULL;

  /* `osd set pause` sets pauserd and pausewr. */
  if (g_str_equal (flag, "pause"))
    return flag_in (dump, "pauserd") && flag_in (dump, "pausewr");

  if (set != NULL)
    {
      for (guint i = 0; i < json_array_get_length (set); i++)
        if (g_strcmp0 (json_array_get_string_element (set, i), flag) == 0)
          return TRUE;
      return FALSE;
    }
  flags = g_strsplit (json_object_get_string_member_with_default (dump, "flags", ""), ",", -1);
  return g_strv_contains ((const char * const *) flags, flag);
}

static gboolean
read_osd (KdccSource     *source,
          KdccOperation  *operation,
          char          **value,
          GCancellable   *cancellable,
          GError        **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *dump;
  JsonArray *osds;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  root = query (source, "osd dump", JSON_NODE_OBJECT, cancellable, error);
  if (root == NULL)
    return FALSE;
  dump = json_node_get_object (root);

  switch (kdcc_operation_get_kind (operation))
    {
    case KDCC_OPERATION_OSD_FLAG_SET:
    case KDCC_OPERATION_OSD_FLAG_UNSET:
      *value = flag_in (dump, kdcc_operation_get_key (operation)) ? g_strdup ("set") : NULL;
      return TRUE;
    default:
      break;
    }

  osds = _kdcc_member_array (dump, "osds");
  for (guint i = 0; osds != NULL && i < json_array_get_length (osds); i++)
    {
      JsonObject *osd = _kdcc_element_object (osds, i);

      if (osd == NULL
          || json_object_get_int_member_with_default (osd, "osd", -1)
             != kdcc_operation_get_osd_id (operation))
        continue;
      if (kdcc_operation_get_kind (operation) == KDCC_OPERATION_OSD_REWEIGHT)
        *value = g_strdup (g_ascii_formatd (buf, sizeof buf, "%.6g",
                                            json_object_get_double_member_with_default (osd, "weight", 0.0)));
      else if (kdcc_operation_get_kind (operation) == KDCC_OPERATION_OSD_PRIMARY_AFFINITY)
        *value = g_strdup (g_ascii_formatd (buf, sizeof buf, "%.6g",
                                            json_object_get_double_member_with_default (
                                              osd, "primary_affinity", 1.0)));
      else
        *value = g_strdup (json_object_get_int_member_with_default (osd, "in", 0) ? "in" : "out");
      return TRUE;
    }

  g_set_error (error, KDCC_ERROR, KDCC_ERROR_COMMAND, _("%s does not exist"),
               kdcc_operation_get_target (operation));
  return FALSE;
}

static gboolean
read_pool (KdccSource     *source,
           KdccOperation  *operation,
           char          **value,
           GCancellable   *cancellable,
           GError        **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) args = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *command = NULL;

  /* "all" lists every property that is set; an unset option is absent. */
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "prefix");
  json_builder_add_string_value (builder, "osd pool get");
  json_builder_set_member_name (builder, "pool");
  json_builder_add_string_value (builder, kdcc_operation_get_target (operation));
  json_builder_set_member_name (builder, "var");
  json_builder_add_string_value (builder, "all");
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, "json");
  json_builder_end_object (builder);
  args = json_builder_get_root (builder);
  command = json_to_string (args, FALSE);

  root = query_command (source, "osd pool get", command, JSON_NODE_OBJECT, cancellable, error);
  if (root == NULL)
    return FALSE;
  *value = _kdcc_operation_node_to_text (
    json_object_get_member (json_node_get_object (root), kdcc_operation_get_key (operation)));
  return TRUE;
}

/* The pool's entry in `osd dump`, or NULL with ERROR. */
static JsonObject *
dump_pool (JsonNode      *root,
           const char    *name,
           GError       **error)
{
  JsonArray *pools = _kdcc_member_array (json_node_get_object (root), "pools");

  for (guint i = 0; pools != NULL && i < json_array_get_length (pools); i++)
    {
      JsonObject *pool = _kdcc_element_object (pools, i);

      if (pool != NULL
          && g_strcmp0 (json_object_get_string_member_with_default (pool, "pool_name", NULL),
                        name) == 0)
        return pool;
    }
  g_set_error (error, KDCC_ERROR, KDCC_ERROR_COMMAND, _("The pool %s does not exist"), name);
  return NULL;
}

/* Quotas and applications, from the pool's entry in the OSD map (what
 * `osd pool get-quota` and `osd pool application get` print too). */
static gboolean
read_pool_map (KdccSource     *source,
               KdccOperation  *operation,
               char          **value,
               GCancellable   *cancellable,
               GError        **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *field = NULL;
  JsonObject *pool;
  JsonObject *apps;

  root = query (source, "osd dump", JSON_NODE_OBJECT, cancellable, error);
  if (root == NULL)
    return FALSE;
  pool = dump_pool (root, kdcc_operation_get_target (operation), error);
  if (pool == NULL)
    return FALSE;

  if (kdcc_operation_get_kind (operation) == KDCC_OPERATION_POOL_SET_QUOTA)
    {
      field = g_strconcat ("quota_", kdcc_operation_get_key (operation), NULL);
      *value = _kdcc_operation_node_to_text (json_object_get_member (pool, field));
      return TRUE;
    }
  apps = _kdcc_member_object (pool, "application_metadata");
  if (apps != NULL && json_object_has_member (apps, kdcc_operation_get_key (operation)))
    *value = g_strdup ("enabled");
  return TRUE;
}

/* The pg_autoscaler module answers in its status text only, on Pacific
 * and Reef alike: "noautoscale is on" or "noautoscale is off" (measured on
 * 16.2.15; `-f json` changes nothing). */
static gboolean
read_noautoscale (KdccSource     *source,
                  char          **value,
                  GCancellable   *cancellable,
                  GError        **error)
{
  g_autoptr(GBytes) out = NULL;
  g_autofree char *status = NULL;
  g_autofree char *output = NULL;
  g_autofree char *text = NULL;

  out = kdcc_source_run_command_sync (source, "mgr", "{\"prefix\":\"osd pool get noautoscale\"}",
                                      &status, cancellable, error);
  if (out == NULL)
    return FALSE;
  /* The words may come as the status or the output, as the module's
   * version puts them. */
  output = g_strndup (g_bytes_get_size (out) > 0 ? g_bytes_get_data (out, NULL) : "",
                      g_bytes_get_size (out));
  text = g_strconcat (status != NULL ? status : "", " ", output, NULL);
  if (strstr (text, "noautoscale is on") != NULL)
    *value = g_strdup ("set");
  else if (strstr (text, "noautoscale is off") == NULL)
    {
      g_strstrip (text);
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_PARSE,
                   _("osd pool get noautoscale answered “%s”"), text);
      return FALSE;
    }
  return TRUE;
}

/* `osd dump`'s require_osd_release. */
static gboolean
read_require_osd_release (KdccSource     *source,
                          char          **value,
                          GCancellable   *cancellable,
                          GError        **error)
{
  g_autoptr(JsonNode) root = query (source, "osd dump", JSON_NODE_OBJECT, cancellable, error);

  if (root == NULL)
    return FALSE;
  *value = g_strdup (json_object_get_string_member_with_default (json_node_get_object (root),
                                                                 "require_osd_release", NULL));
  return TRUE;
}

static gboolean
read_mute (KdccSource     *source,
           KdccOperation  *operation,
           char          **value,
           GCancellable   *cancellable,
           GError        **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonArray *mutes;

  root = query (source, "health", JSON_NODE_OBJECT, cancellable, error);
  if (root == NULL)
    return FALSE;
  mutes = _kdcc_member_array (json_node_get_object (root), "mutes");
  for (guint i = 0; mutes != NULL && i < json_array_get_length (mutes); i++)
    {
      JsonObject *mute = _kdcc_element_object (mutes, i);

      if (mute != NULL
          && g_strcmp0 (json_object_get_string_member_with_default (mute, "code", NULL),
                        kdcc_operation_get_target (operation)) == 0)
        {
          *value = g_strdup ("muted");
          break;
        }
    }
  return TRUE;
}

gboolean
_kdcc_rados_read_back (KdccSource     *source,
                       KdccOperation  *operation,
                       char          **value,
                       GCancellable   *cancellable,
                       GError        **error)
{
  if (kdcc_capability_for_operation (operation) == KDCC_CAPABILITY_DASHBOARD_SSO)
    return _kdcc_rados_sso_read_back (source, operation, value, cancellable, error);

  switch (kdcc_operation_get_kind (operation))
    {
    case KDCC_OPERATION_CONFIG_SET:
    case KDCC_OPERATION_CONFIG_RM:
      return read_config (source, operation, value, cancellable, error);
    case KDCC_OPERATION_OSD_FLAG_SET:
    case KDCC_OPERATION_OSD_FLAG_UNSET:
    case KDCC_OPERATION_OSD_IN:
    case KDCC_OPERATION_OSD_OUT:
    case KDCC_OPERATION_OSD_REWEIGHT:
    case KDCC_OPERATION_OSD_PRIMARY_AFFINITY:
      return read_osd (source, operation, value, cancellable, error);
    case KDCC_OPERATION_POOL_SET:
      return read_pool (source, operation, value, cancellable, error);
    case KDCC_OPERATION_POOL_SET_QUOTA:
    case KDCC_OPERATION_POOL_APP_ENABLE:
    case KDCC_OPERATION_POOL_APP_DISABLE:
      return read_pool_map (source, operation, value, cancellable, error);
    case KDCC_OPERATION_HEALTH_MUTE:
    case KDCC_OPERATION_HEALTH_UNMUTE:
      return read_mute (source, operation, value, cancellable, error);
    case KDCC_OPERATION_PG_DEEP_SCRUB:
      /* The OSD queues the scrub and runs it when its scheduler allows;
       * the stamp moves minutes later, so there is nothing to compare now. */
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_NOT_SUPPORTED,
                   _("A deep scrub runs in the background; the PG’s last deep scrub stamp "
                     "moves when it is done"));
      return FALSE;
    case KDCC_OPERATION_REQUIRE_OSD_RELEASE:
      return read_require_osd_release (source, value, cancellable, error);
    case KDCC_OPERATION_NOAUTOSCALE_SET:
    case KDCC_OPERATION_NOAUTOSCALE_UNSET:
      return read_noautoscale (source, value, cancellable, error);
    default:
      g_assert_not_reached ();
    }
}
