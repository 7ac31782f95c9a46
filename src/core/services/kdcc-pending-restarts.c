/* kdcc-pending-restarts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A daemon reads an option that cannot change at runtime only when it
 * starts; the mon stores the new value at once. Seen on the test cluster
 * (Pacific): after `config set osd gss_target_name x`, `config get osd.1`
 * shows x with can_update_at_runtime false while `config show osd.1` (the
 * values the daemon reports to the mgr) still shows the old one, marked
 * "ignores": "mon". Comparing the two finds every pending restart,
 * whoever made the change.
 */
#define G_LOG_DOMAIN "kdcc-pending-restarts"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "kdcc-error.h"
#include "kdcc-osd.h"
#include "kdcc-pending-restarts.h"
#include "kdcc-json.h"

/* ------------------------------------------------------------------------
 * KdccRestartItem */

struct _KdccRestartItem
{
  GObject  parent_instance;

  char    *daemon;
  char    *type;
  char    *id;
  char    *host;
  GStrv    options;
  char    *details;
};

G_DEFINE_FINAL_TYPE (KdccRestartItem, kdcc_restart_item, G_TYPE_OBJECT)

enum {
  IPROP_0,
  IPROP_DAEMON,
  IPROP_DAEMON_TYPE,
  IPROP_DAEMON_ID,
  IPROP_HOST,
  IPROP_OPTIONS,
  IPROP_DETAILS,
  N_IPROPS
};

static GParamSpec *item_properties[N_IPROPS];

static void
kdcc_restart_item_finalize (GObject *object)
{
  KdccRestartItem *self = KDCC_RESTART_ITEM (object);

  g_free (self->daemon);
  g_free (self->type);
  g_free (self->id);
  g_free (self->host);
  g_strfreev (self->options);
  g_free (self->details);
  G_OBJECT_CLASS (kdcc_restart_item_parent_class)->finalize (object);
}

static void
kdcc_restart_item_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  KdccRestartItem *self = KDCC_RESTART_ITEM (object);

  switch (prop_id)
    {
    case IPROP_DAEMON: g_value_set_string (value, self->daemon); break;
    case IPROP_DAEMON_TYPE: g_value_set_string (value, self->type); break;
    case IPROP_DAEMON_ID: g_value_set_string (value, self->id); break;
    case IPROP_HOST: g_value_set_string (value, self->host); break;
    case IPROP_OPTIONS: g_value_set_boxed (value, self->options); break;
    case IPROP_DETAILS: g_value_set_string (value, self->details); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_restart_item_class_init (KdccRestartItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = kdcc_restart_item_finalize;
  object_class->get_property = kdcc_restart_item_get_property;
  item_properties[IPROP_DAEMON] = g_param_spec_string ("daemon", NULL, NULL, NULL, ro);
  item_properties[IPROP_DAEMON_TYPE] = g_param_spec_string ("daemon-type", NULL, NULL, NULL, ro);
  item_properties[IPROP_DAEMON_ID] = g_param_spec_string ("daemon-id", NULL, NULL, NULL, ro);
  item_properties[IPROP_HOST] = g_param_spec_string ("host", NULL, NULL, NULL, ro);
  item_properties[IPROP_OPTIONS] = g_param_spec_boxed ("options", NULL, NULL, G_TYPE_STRV, ro);
  item_properties[IPROP_DETAILS] = g_param_spec_string ("details", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_IPROPS, item_properties);
}

static void
kdcc_restart_item_init (KdccRestartItem *self)
{
}

static KdccRestartItem *
restart_item_new (const char *daemon,
                  const char *host)
{
  KdccRestartItem *self = g_object_new (KDCC_TYPE_RESTART_ITEM, NULL);
  const char *dot = strchr (daemon, '.');

  self->daemon = g_strdup (daemon);
  self->type = dot != NULL ? g_strndup (daemon, dot - daemon) : g_strdup (daemon);
  self->id = g_strdup (dot != NULL ? dot + 1 : "");
  self->host = g_strdup (host != NULL ? host : "");
  return self;
}

static void
restart_item_update (KdccRestartItem *self,
                     GStrv            options,
                     const char      *details)
{
  if (self->options == NULL || !g_strv_equal ((const char * const *) self->options,
                                              (const char * const *) options))
    {
      g_strfreev (self->options);
      self->options = g_strdupv (options);
      g_object_notify_by_pspec (G_OBJECT (self), item_properties[IPROP_OPTIONS]);
    }
  if (g_strcmp0 (self->details, details) != 0)
    {
      g_free (self->details);
      self->details = g_strdup (details);
      g_object_notify_by_pspec (G_OBJECT (self), item_properties[IPROP_DETAILS]);
    }
}

const char *kdcc_restart_item_get_daemon (KdccRestartItem *self) { return self->daemon; }
const char *kdcc_restart_item_get_daemon_type (KdccRestartItem *self) { return self->type; }
const char *kdcc_restart_item_get_daemon_id (KdccRestartItem *self) { return self->id; }
const char *kdcc_restart_item_get_host (KdccRestartItem *self) { return self->host; }
const char * const *kdcc_restart_item_get_options (KdccRestartItem *self) { return (const char * const *) self->options; }
const char *kdcc_restart_item_get_details (KdccRestartItem *self) { return self->details; }

char *
kdcc_restart_item_dup_ok_to_stop_command (KdccRestartItem *self)
{
  if (g_str_equal (self->type, "osd") || g_str_equal (self->type, "mon")
      || g_str_equal (self->type, "mds"))
    return g_strdup_printf ("ceph %s ok-to-stop %s", self->type, self->id);
  return NULL;
}

/* ------------------------------------------------------------------------
 * KdccPendingRestarts */

struct _KdccPendingRestarts
{
  GObject    parent_instance;

  GPtrArray *items;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KdccPendingRestarts, kdcc_pending_restarts, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType list_get_item_type (GListModel *m) { return KDCC_TYPE_RESTART_ITEM; }
static guint list_get_n_items (GListModel *m) { return KDCC_PENDING_RESTARTS (m)->items->len; }

static gpointer
list_get_item (GListModel *model,
               guint       position)
{
  KdccPendingRestarts *self = KDCC_PENDING_RESTARTS (model);

  return position < self->items->len ? g_object_ref (g_ptr_array_index (self->items, position))
                                     : NULL;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = list_get_item_type;
  iface->get_n_items = list_get_n_items;
  iface->get_item = list_get_item;
}

static void
kdcc_pending_restarts_finalize (GObject *object)
{
  g_ptr_array_unref (KDCC_PENDING_RESTARTS (object)->items);
  G_OBJECT_CLASS (kdcc_pending_restarts_parent_class)->finalize (object);
}

static void
kdcc_pending_restarts_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_N_ITEMS: g_value_set_uint (value, KDCC_PENDING_RESTARTS (object)->items->len); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_pending_restarts_class_init (KdccPendingRestartsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kdcc_pending_restarts_finalize;
  object_class->get_property = kdcc_pending_restarts_get_property;
  properties[PROP_N_ITEMS] = g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS
                                                | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kdcc_pending_restarts_init (KdccPendingRestarts *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

KdccPendingRestarts *
kdcc_pending_restarts_new (void)
{
  return g_object_new (KDCC_TYPE_PENDING_RESTARTS, NULL);
}

KdccRestartItem *
kdcc_pending_restarts_lookup (KdccPendingRestarts *self,
                              const char          *daemon)
{
  for (guint i = 0; i < self->items->len; i++)
    {
      KdccRestartItem *item = g_ptr_array_index (self->items, i);

      if (g_strcmp0 (item->daemon, daemon) == 0)
        return item;
    }
  return NULL;
}

/* What a worker finds for one daemon. */
typedef struct
{
  char  *daemon;
  char  *host;
  GStrv  options;
  char  *details;
} Found;

static void
found_free (Found *found)
{
  g_free (found->daemon);
  g_free (found->host);
  g_strfreev (found->options);
  g_free (found->details);
  g_free (found);
}

/* Ceph's answers are not NUL-terminated. */
static JsonNode *
bytes_to_json (GBytes  *bytes,
               GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (g_bytes_get_size (bytes) == 0)
    return json_from_string ("{}", error);
  if (!kdcc_json_parser_load (parser, "pending restarts", g_bytes_get_data (bytes, NULL),
                              g_bytes_get_size (bytes), error))
    return NULL;
  return json_node_copy (json_parser_get_root (parser));
}

static JsonNode *
run_json (KdccSource    *source,
          const char    *target,
          const char    *prefix,
          const char    *who,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) command = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GBytes) answer = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "prefix");
  json_builder_add_string_value (builder, prefix);
  json_builder_set_member_name (builder, "who");
  json_builder_add_string_value (builder, who);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, "json");
  json_builder_end_object (builder);
  command = json_builder_get_root (builder);
  text = json_to_string (command, FALSE);
  answer = kdcc_source_run_command_sync (source, target, text, NULL, cancellable, error);
  if (answer == NULL)
    return NULL;
  return bytes_to_json (answer, error);
}

static gboolean
same_value (const char *a,
            const char *b)
{
  char *end_a = NULL, *end_b = NULL;
  double x, y;

  if (g_strcmp0 (a, b) == 0)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;
  x = g_ascii_strtod (a, &end_a);
  y = g_ascii_strtod (b, &end_b);
  return end_a != a && end_b != b && *end_a == '\0' && *end_b == '\0' && x == y;
}

static char *
node_text (JsonObject *object,
           const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (node) ? "true" : "false");
  return g_strdup_printf ("%g", json_node_get_double (node));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static Found *
check_daemon (KdccSource   *source,
              const char   *daemon,
              const char   *host,
              GCancellable *cancellable)
{
  g_autoptr(JsonNode) stored = run_json (source, "mon", "config get", daemon, cancellable, NULL);
  g_autoptr(JsonNode) running = NULL;
  g_autoptr(GHashTable) run_values = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_autoptr(GString) details = g_string_new (NULL);
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;
  Found *found;

  if (stored == NULL || !JSON_NODE_HOLDS_OBJECT (stored))
    return NULL;
  running = run_json (source, "mgr", "config show", daemon, cancellable, NULL);
  if (running == NULL || !JSON_NODE_HOLDS_ARRAY (running))
    return NULL;
  for (guint i = 0; i < json_array_get_length (json_node_get_array (running)); i++)
    {
      JsonNode *entry = json_array_get_element (json_node_get_array (running), i);
      JsonObject *o = JSON_NODE_HOLDS_OBJECT (entry) ? json_node_get_object (entry) : NULL;
      const char *entry_name = o != NULL ? json_object_get_string_member_with_default (o, "name",
                                                                                       NULL)
                                         : NULL;

      if (entry_name != NULL)
        g_hash_table_replace (run_values, (gpointer) entry_name, node_text (o, "value"));
    }

  json_object_iter_init (&iter, json_node_get_object (stored));
  while (json_object_iter_next (&iter, &name, &node))
    {
      JsonObject *o = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      g_autofree char *want = node_text (o, "value");
      const char *have;

      if (o == NULL || json_object_get_boolean_member_with_default (o, "can_update_at_runtime",
                                                                    TRUE))
        continue;
      /* Module options (mgr/MODULE/NAME) are not among the values a daemon
       * reports, so `config show` cannot tell whether they are in force. */
      if (strchr (name, '/') != NULL)
        continue;
      have = g_hash_table_lookup (run_values, name);
      if (same_value (have, want))
        continue;
      g_strv_builder_add (names, name);
      /* TRANSLATORS: option name, the value the daemon runs, the stored one. */
      g_string_append_printf (details, _("%s: runs %s, stored %s\n"), name,
                              have != NULL ? have : _("(default)"), want != NULL ? want : "");
    }

  found = g_new0 (Found, 1);
  found->daemon = g_strdup (daemon);
  found->host = g_strdup (host);
  found->options = g_strv_builder_end (names);
  if (details->len > 0)
    g_string_truncate (details, details->len - 1);
  found->details = g_string_free (g_steal_pointer (&details), FALSE);
  if (found->options[0] == NULL)
    {
      found_free (found);
      return NULL;
    }
  g_qsort_with_data (found->options, g_strv_length (found->options), sizeof (char *),
                     compare_strings, NULL);
  return found;
}

/* The daemons to check, as (name, host) pairs, read on the owner thread. */
static GPtrArray *
list_daemons (KdccCluster *cluster)
{
  GPtrArray *daemons = g_ptr_array_new_with_free_func (g_free);
  GListModel *osds = kdcc_cluster_get_osds (cluster);
  const GPtrArray *mons = kdcc_cluster_get_mons (cluster);
  const char *mgr = kdcc_cluster_get_mgr_active (cluster);

  for (guint i = 0; mons != NULL && i < mons->len; i++)
    {
      g_ptr_array_add (daemons, g_strdup_printf ("mon.%s", (const char *) g_ptr_array_index (mons, i)));
      g_ptr_array_add (daemons, g_strdup (""));
    }
  if (mgr != NULL)
    {
      g_ptr_array_add (daemons, g_strdup_printf ("mgr.%s", mgr));
      g_ptr_array_add (daemons, g_strdup (""));
    }
  for (guint i = 0; i < g_list_model_get_n_items (osds); i++)
    {
      g_autoptr(KdccOsd) osd = g_list_model_get_item (osds, i);

      if (!kdcc_osd_get_up (osd))
        continue;
      g_ptr_array_add (daemons, g_strdup_printf ("osd.%" G_GINT64_FORMAT, kdcc_osd_get_id (osd)));
      g_ptr_array_add (daemons, g_strdup (kdcc_osd_get_host (osd) != NULL
                                            ? kdcc_osd_get_host (osd) : ""));
    }
  return daemons;
}

typedef struct
{
  KdccSource *source;
  GPtrArray  *daemons;
} RefreshData;

static void
refresh_data_free (RefreshData *data)
{
  g_clear_object (&data->source);
  g_clear_pointer (&data->daemons, g_ptr_array_unref);
  g_free (data);
}

static GPtrArray *
gather (KdccSource    *source,
        GPtrArray     *daemons,
        GCancellable  *cancellable,
        GError       **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) found_free);

  if (!(kdcc_source_get_capabilities (source) & KDCC_CAPABILITY_MON_COMMANDS)
      || !(kdcc_source_get_capabilities (source) & KDCC_CAPABILITY_MGR_COMMANDS))
    {
      g_set_error_literal (error, KDCC_ERROR, KDCC_ERROR_NOT_SUPPORTED,
                           _("Finding pending restarts needs a direct (librados) connection"));
      return NULL;
    }
  for (guint i = 0; i + 1 < daemons->len; i += 2)
    {
      Found *one;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      one = check_daemon (source, g_ptr_array_index (daemons, i),
                          g_ptr_array_index (daemons, i + 1), cancellable);
      if (one != NULL)
        g_ptr_array_add (found, one);
    }
  return g_steal_pointer (&found);
}

static int
compare_found (gconstpointer a,
               gconstpointer b)
{
  const Found *x = *(const Found * const *) a;
  const Found *y = *(const Found * const *) b;
  int d = strcmp (x->host, y->host);

  return d != 0 ? d : strcmp (x->daemon, y->daemon);
}

static void
apply_found (KdccPendingRestarts *self,
             GPtrArray           *found)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint before = self->items->len;

  g_ptr_array_sort (found, compare_found);
  for (guint i = 0; i < found->len; i++)
    {
      Found *one = g_ptr_array_index (found, i);
      KdccRestartItem *item = kdcc_pending_restarts_lookup (self, one->daemon);

      item = item != NULL ? g_object_ref (item) : restart_item_new (one->daemon, one->host);
      restart_item_update (item, one->options, one->details);
      g_ptr_array_add (items, item);
    }
  g_ptr_array_unref (self->items);
  self->items = g_steal_pointer (&items);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, before, self->items->len);
  if (before != self->items->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

gboolean
kdcc_pending_restarts_refresh_sync (KdccPendingRestarts  *self,
                                    KdccSource           *source,
                                    KdccCluster          *cluster,
                                    GCancellable         *cancellable,
                                    GError              **error)
{
  g_autoptr(GPtrArray) daemons = list_daemons (cluster);
  g_autoptr(GPtrArray) found = gather (source, daemons, cancellable, error);

  if (found == NULL)
    return FALSE;
  apply_found (self, found);
  return TRUE;
}

static void
refresh_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  RefreshData *data = task_data;
  GError *error = NULL;
  GPtrArray *found = gather (data->source, data->daemons, cancellable, &error);

  if (found == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, found, (GDestroyNotify) g_ptr_array_unref);
}

void
kdcc_pending_restarts_refresh_async (KdccPendingRestarts *self,
                                     KdccSource          *source,
                                     KdccCluster         *cluster,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  RefreshData *data = g_new0 (RefreshData, 1);

  g_task_set_source_tag (task, kdcc_pending_restarts_refresh_async);
  data->source = g_object_ref (source);
  data->daemons = list_daemons (cluster);
  g_task_set_task_data (task, data, (GDestroyNotify) refresh_data_free);
  g_task_run_in_thread (task, refresh_thread);
}

gboolean
kdcc_pending_restarts_refresh_finish (KdccPendingRestarts  *self,
                                      GAsyncResult         *result,
                                      GError              **error)
{
  g_autoptr(GPtrArray) found = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  found = g_task_propagate_pointer (G_TASK (result), error);
  if (found == NULL)
    return FALSE;
  apply_found (self, found);
  return TRUE;
}

GPtrArray *
kdcc_pending_restarts_dup_plan (KdccPendingRestarts *self)
{
  GPtrArray *plan = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *group = NULL;
  const char *host = NULL;

  /* Items are sorted by host already: a new group starts at each host. */
  for (guint i = 0; i < self->items->len; i++)
    {
      KdccRestartItem *item = g_ptr_array_index (self->items, i);

      if (group == NULL || g_strcmp0 (host, item->host) != 0)
        {
          group = g_ptr_array_new_with_free_func (g_object_unref);
          g_ptr_array_add (plan, group);
          host = item->host;
        }
      g_ptr_array_add (group, g_object_ref (item));
    }
  return plan;
}

