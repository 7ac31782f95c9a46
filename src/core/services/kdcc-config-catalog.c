/* kdcc-config-catalog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Measured on the test cluster (Pacific 16.2.15, 2,008 options): the
 * Dashboard's /api/cluster_conf answers in 0.13 s; `tell osd.N config
 * help` returns the 1,744 compiled-in options in one 540 kB answer, while
 * `config help NAME` costs one mon round trip per option. So the table
 * comes from an OSD and the mon is asked only for the rest (the mgr
 * module options). See benchmarks/README.md.
 */
#define G_LOG_DOMAIN "kdcc-config-catalog"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "kdcc-config-catalog.h"
#include "kdcc-config-parse.h"
#include "kdcc-dashboard-source.h"
#include "kdcc-error.h"
#include "kdcc-host.h"
#include "kdcc-osd.h"
#include "kdcc-pool.h"
#include "kdcc-json.h"

struct _KdccConfigCatalog
{
  GObject     parent_instance;

  GPtrArray  *options;      /* KdccConfigOption, by name */
  GHashTable *by_name;      /* name -> option (borrowed) */
  gboolean    loaded;
  guint       n_changed;
  char       *method;
  double      load_seconds;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KdccConfigCatalog, kdcc_config_catalog, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_N_ITEMS,
  PROP_LOADED,
  PROP_N_CHANGED,
  PROP_METHOD,
  PROP_LOAD_SECONDS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What a worker thread gathers. */
typedef struct
{
  GPtrArray *options;   /* NULL when only values were read */
  GPtrArray *values;
  char      *method;
  double     seconds;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_pointer (&data->options, g_ptr_array_unref);
  g_clear_pointer (&data->values, g_ptr_array_unref);
  g_free (data->method);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadData, load_data_free)

static GType
list_get_item_type (GListModel *model)
{
  return KDCC_TYPE_CONFIG_OPTION;
}

static guint
list_get_n_items (GListModel *model)
{
  return KDCC_CONFIG_CATALOG (model)->options->len;
}

static gpointer
list_get_item (GListModel *model,
               guint       position)
{
  KdccConfigCatalog *self = KDCC_CONFIG_CATALOG (model);

  if (position >= self->options->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->options, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = list_get_item_type;
  iface->get_n_items = list_get_n_items;
  iface->get_item = list_get_item;
}

static void
kdcc_config_catalog_finalize (GObject *object)
{
  KdccConfigCatalog *self = KDCC_CONFIG_CATALOG (object);

  g_hash_table_unref (self->by_name);
  g_ptr_array_unref (self->options);
  g_free (self->method);
  G_OBJECT_CLASS (kdcc_config_catalog_parent_class)->finalize (object);
}

static void
kdcc_config_catalog_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  KdccConfigCatalog *self = KDCC_CONFIG_CATALOG (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS: g_value_set_uint (value, self->options->len); break;
    case PROP_LOADED: g_value_set_boolean (value, self->loaded); break;
    case PROP_N_CHANGED: g_value_set_uint (value, self->n_changed); break;
    case PROP_METHOD: g_value_set_string (value, self->method); break;
    case PROP_LOAD_SECONDS: g_value_set_double (value, self->load_seconds); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_config_catalog_class_init (KdccConfigCatalogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = kdcc_config_catalog_finalize;
  object_class->get_property = kdcc_config_catalog_get_property;

  properties[PROP_N_ITEMS] = g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_LOADED] = g_param_spec_boolean ("loaded", NULL, NULL, FALSE, ro);
  properties[PROP_N_CHANGED] = g_param_spec_uint ("n-changed", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_METHOD] = g_param_spec_string ("method", NULL, NULL, NULL, ro);
  properties[PROP_LOAD_SECONDS] = g_param_spec_double ("load-seconds", NULL, NULL, 0, G_MAXDOUBLE,
                                                       0, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kdcc_config_catalog_init (KdccConfigCatalog *self)
{
  self->options = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_name = g_hash_table_new (g_str_hash, g_str_equal);
}

KdccConfigCatalog *
kdcc_config_catalog_new (void)
{
  return g_object_new (KDCC_TYPE_CONFIG_CATALOG, NULL);
}

/* ------------------------------------------------------------------------
 * Fetching (worker thread) */

static GBytes *
command (KdccSource    *source,
         const char    *target,
         const char    *json,
         GCancellable  *cancellable,
         GError       **error)
{
  return kdcc_source_run_command_sync (source, target, json, NULL, cancellable, error);
}

/* The id of one up OSD, from the smallest answer that has it. */
static char *
find_up_osd (KdccSource   *source,
             GCancellable *cancellable)
{
  g_autoptr(GBytes) bytes = command (source, "mon",
                                     "{\"prefix\":\"osd tree\",\"states\":[\"up\"],"
                                     "\"format\":\"json\"}", cancellable, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  JsonArray *nodes;

  if (bytes == NULL
      || !kdcc_json_parser_load (parser, "config catalog", g_bytes_get_data (bytes, NULL),
                                 g_bytes_get_size (bytes), NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  root = json_node_get_object (json_parser_get_root (parser));
  if (!json_object_has_member (root, "nodes")
      || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "nodes")))
    return NULL;
  nodes = json_object_get_array_member (root, "nodes");
  for (guint i = 0; i < json_array_get_length (nodes); i++)
    {
      JsonNode *node = json_array_get_element (nodes, i);
      JsonObject *object;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      object = json_node_get_object (node);
      if (g_strcmp0 (json_object_get_string_member_with_default (object, "type", ""), "osd") == 0
          && g_strcmp0 (json_object_get_string_member_with_default (object, "status", "up"),
                        "up") == 0)
        return g_strdup_printf ("osd.%" G_GINT64_FORMAT,
                                json_object_get_int_member_with_default (object, "id", 0));
    }
  return NULL;
}

static GPtrArray *
fetch_rados_options (KdccSource    *source,
                     char         **method,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(GBytes) names_bytes = NULL;
  g_autoptr(GPtrArray) options = NULL;
  g_autoptr(GHashTable) known = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto(GStrv) names = NULL;
  g_autofree char *osd = NULL;

  names_bytes = command (source, "mon", "{\"prefix\":\"config ls\",\"format\":\"json\"}",
                         cancellable, error);
  if (names_bytes == NULL)
    return NULL;
  names = kdcc_config_parse_names (g_bytes_get_data (names_bytes, NULL),
                                   g_bytes_get_size (names_bytes), error);
  if (names == NULL)
    return NULL;

  osd = find_up_osd (source, cancellable);
  if (osd != NULL)
    {
      g_autoptr(GBytes) table = command (source, osd,
                                         "{\"prefix\":\"config help\",\"format\":\"json\"}",
                                         cancellable, NULL);

      if (table != NULL)
        options = kdcc_config_parse_options (g_bytes_get_data (table, NULL),
                                             g_bytes_get_size (table), NULL, NULL);
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  *method = g_strdup (options != NULL && options->len > 0 ? "osd-table" : "mon-help");
  if (options == NULL)
    options = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < options->len; i++)
    g_hash_table_add (known, (gpointer) kdcc_config_option_get_name (g_ptr_array_index (options,
                                                                                          i)));

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(JsonBuilder) builder = NULL;
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(GBytes) help = NULL;
      g_autoptr(GPtrArray) one = NULL;
      g_autofree char *json = NULL;
      g_autoptr(GError) local_error = NULL;

      if (g_hash_table_contains (known, names[i]))
        continue;
      builder = json_builder_new ();
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "prefix");
      json_builder_add_string_value (builder, "config help");
      json_builder_set_member_name (builder, "key");
      json_builder_add_string_value (builder, names[i]);
      json_builder_set_member_name (builder, "format");
      json_builder_add_string_value (builder, "json");
      json_builder_end_object (builder);
      node = json_builder_get_root (builder);
      json = json_to_string (node, FALSE);
      help = command (source, "mon", json, cancellable, &local_error);
      if (help == NULL)
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
          /* An option the mon cannot describe is still listed. */
          g_ptr_array_add (options, kdcc_config_option_new (names[i], KDCC_CONFIG_TYPE_STR,
                                                            KDCC_CONFIG_LEVEL_UNKNOWN));
          continue;
        }
      one = kdcc_config_parse_options (g_bytes_get_data (help, NULL), g_bytes_get_size (help),
                                       NULL, NULL);
      if (one != NULL && one->len > 0)
        g_ptr_array_add (options, g_object_ref (g_ptr_array_index (one, 0)));
    }
  return g_steal_pointer (&options);
}

static GPtrArray *
fetch_values (KdccSource    *source,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GBytes) dump = command (source, "mon", "{\"prefix\":\"config dump\",\"format\":\"json\"}",
                                    cancellable, error);

  if (dump == NULL)
    return NULL;
  return kdcc_config_parse_dump (g_bytes_get_data (dump, NULL), g_bytes_get_size (dump), error);
}

static LoadData *
fetch (KdccSource    *source,
       gboolean       with_options,
       GCancellable  *cancellable,
       GError       **error)
{
  g_autoptr(LoadData) data = g_new0 (LoadData, 1);
  gint64 start = g_get_monotonic_time ();

  if (KDCC_IS_DASHBOARD_SOURCE (source))
    {
      g_autoptr(GBytes) answer = kdcc_dashboard_source_get_sync (KDCC_DASHBOARD_SOURCE (source),
                                                                 "/api/cluster_conf",
                                                                 cancellable, error);
      g_autoptr(GPtrArray) options = NULL;

      if (answer == NULL)
        return NULL;
      options = kdcc_config_parse_options (g_bytes_get_data (answer, NULL),
                                           g_bytes_get_size (answer), &data->values, error);
      if (options == NULL)
        return NULL;
      if (with_options)
        data->options = g_steal_pointer (&options);
      data->method = g_strdup ("dashboard");
    }
  else
    {
      if (with_options)
        {
          data->options = fetch_rados_options (source, &data->method, cancellable, error);
          if (data->options == NULL)
            return NULL;
        }
      data->values = fetch_values (source, cancellable, error);
      if (data->values == NULL)
        return NULL;
    }
  data->seconds = (g_get_monotonic_time () - start) / 1e6;
  return g_steal_pointer (&data);
}

/* ------------------------------------------------------------------------
 * Applying (owner thread) */

static int
compare_by_name (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (kdcc_config_option_get_name (*(KdccConfigOption **) a),
                 kdcc_config_option_get_name (*(KdccConfigOption **) b));
}

static void
apply_values (KdccConfigCatalog *self,
              GPtrArray         *values)
{
  g_autoptr(GHashTable) grouped = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                         (GDestroyNotify) g_ptr_array_unref);
  guint n_changed = 0;

  for (guint i = 0; values != NULL && i < values->len; i++)
    {
      KdccConfigValue *value = g_ptr_array_index (values, i);
      const char *name = kdcc_config_value_get_name (value);
      GPtrArray *list = g_hash_table_lookup (grouped, name);

      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func (g_object_unref);
          g_hash_table_insert (grouped, (gpointer) name, list);
        }
      g_ptr_array_add (list, g_object_ref (value));
    }

  for (guint i = 0; i < self->options->len; i++)
    {
      KdccConfigOption *option = g_ptr_array_index (self->options, i);
      GPtrArray *list = g_hash_table_lookup (grouped, kdcc_config_option_get_name (option));

      kdcc_config_option_set_values (option, list);
      if (list != NULL)
        n_changed++;
    }
  if (n_changed != self->n_changed)
    {
      self->n_changed = n_changed;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CHANGED]);
    }
}

static void
apply_data (KdccConfigCatalog *self,
            LoadData          *data)
{
  g_object_freeze_notify (G_OBJECT (self));
  if (data->options != NULL)
    {
      guint before = self->options->len;
      g_autoptr(GPtrArray) old = g_steal_pointer (&self->options);

      g_ptr_array_sort (data->options, compare_by_name);
      self->options = g_steal_pointer (&data->options);
      g_hash_table_remove_all (self->by_name);
      for (guint i = 0; i < self->options->len; i++)
        {
          KdccConfigOption *option = g_ptr_array_index (self->options, i);

          g_hash_table_insert (self->by_name, (gpointer) kdcc_config_option_get_name (option),
                               option);
        }
      /* Values before items-changed, so a view sees complete options. */
      apply_values (self, data->values);
      g_list_model_items_changed (G_LIST_MODEL (self), 0, before, self->options->len);
      if (before != self->options->len)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
      g_free (self->method);
      self->method = g_strdup (data->method);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_METHOD]);
      self->load_seconds = data->seconds;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOAD_SECONDS]);
      if (!self->loaded)
        {
          self->loaded = TRUE;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
        }
    }
  else
    apply_values (self, data->values);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  LoadData *data = fetch (KDCC_SOURCE (task_data), TRUE, cancellable, &error);

  if (data == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, data, (GDestroyNotify) load_data_free);
}

void
kdcc_config_catalog_load_async (KdccConfigCatalog   *self,
                                KdccSource          *source,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (KDCC_IS_CONFIG_CATALOG (self));
  g_return_if_fail (KDCC_IS_SOURCE (source));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kdcc_config_catalog_load_async);
  g_task_set_task_data (task, g_object_ref (source), g_object_unref);
  g_task_run_in_thread (task, load_thread);
}

gboolean
kdcc_config_catalog_load_finish (KdccConfigCatalog  *self,
                                 GAsyncResult       *result,
                                 GError            **error)
{
  g_autoptr(LoadData) data = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == kdcc_config_catalog_load_async,
                        FALSE);

  data = g_task_propagate_pointer (G_TASK (result), error);
  if (data == NULL)
    return FALSE;
  apply_data (self, data);
  return TRUE;
}

gboolean
kdcc_config_catalog_load_sync (KdccConfigCatalog  *self,
                               KdccSource         *source,
                               GCancellable       *cancellable,
                               GError            **error)
{
  g_autoptr(LoadData) data = fetch (source, TRUE, cancellable, error);

  if (data == NULL)
    return FALSE;
  apply_data (self, data);
  return TRUE;
}

gboolean
kdcc_config_catalog_refresh_values_sync (KdccConfigCatalog  *self,
                                         KdccSource         *source,
                                         GCancellable       *cancellable,
                                         GError            **error)
{
  g_autoptr(LoadData) data = fetch (source, FALSE, cancellable, error);

  if (data == NULL)
    return FALSE;
  apply_data (self, data);
  return TRUE;
}

gboolean kdcc_config_catalog_get_loaded (KdccConfigCatalog *self) { return self->loaded; }
guint kdcc_config_catalog_get_n_changed (KdccConfigCatalog *self) { return self->n_changed; }
const char *kdcc_config_catalog_get_method (KdccConfigCatalog *self) { return self->method; }
double kdcc_config_catalog_get_load_seconds (KdccConfigCatalog *self) { return self->load_seconds; }

KdccConfigOption *
kdcc_config_catalog_lookup (KdccConfigCatalog *self,
                            const char        *name)
{
  g_return_val_if_fail (KDCC_IS_CONFIG_CATALOG (self), NULL);

  return name != NULL ? g_hash_table_lookup (self->by_name, name) : NULL;
}

GPtrArray *
kdcc_config_catalog_dup_changed (KdccConfigCatalog *self)
{
  GPtrArray *changed = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < self->options->len; i++)
    if (kdcc_config_option_get_changed (g_ptr_array_index (self->options, i)))
      g_ptr_array_add (changed, g_object_ref (g_ptr_array_index (self->options, i)));
  return changed;
}

static int
service_rank (const char *service)
{
  static const char * const order[] = { "global", "mon", "mgr", "osd", "mds", "client", "rgw",
                                        NULL };

  for (int i = 0; order[i] != NULL; i++)
    if (g_str_equal (order[i], service))
      return i;
  return G_N_ELEMENTS (order);
}

int
kdcc_config_option_compare_grouped (gconstpointer a,
                                    gconstpointer b,
                                    gpointer      user_data)
{
  KdccConfigOption *x = (KdccConfigOption *) a;
  KdccConfigOption *y = (KdccConfigOption *) b;
  int d = service_rank (kdcc_config_option_get_service (x))
          - service_rank (kdcc_config_option_get_service (y));

  if (d == 0)
    d = (int) kdcc_config_option_get_level (x) - (int) kdcc_config_option_get_level (y);
  if (d == 0)
    d = strcmp (kdcc_config_option_get_name (x), kdcc_config_option_get_name (y));
  return d;
}
