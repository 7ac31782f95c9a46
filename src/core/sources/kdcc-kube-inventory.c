/* kdcc-kube-inventory.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-kube-inventory"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdcc-error.h"
#include "kdcc-json.h"
#include "kdcc-kube-inventory.h"
#include "kdcc-kube-watch.h"

const KdccKubeResource kdcc_kube_inventory_cephobjectstoreusers = {
  "ceph.rook.io", "v1", "cephobjectstoreusers", "CephObjectStoreUser", TRUE
};

const KdccKubeResource *
kdcc_kube_section_get_resource (KdccKubeSection section)
{
  switch (section)
    {
    case KDCC_KUBE_SECTION_BLOCK_POOLS: return &kdcc_kube_cephblockpools;
    case KDCC_KUBE_SECTION_FILESYSTEMS: return &kdcc_kube_cephfilesystems;
    case KDCC_KUBE_SECTION_OBJECT_STORES: return &kdcc_kube_cephobjectstores;
    case KDCC_KUBE_SECTION_OBJECT_STORE_USERS: return &kdcc_kube_inventory_cephobjectstoreusers;
    case KDCC_KUBE_SECTION_PODS: return &kdcc_kube_pods;
    case KDCC_KUBE_SECTION_DEPLOYMENTS: return &kdcc_kube_deployments;
    case KDCC_KUBE_N_SECTIONS:
    default: g_return_val_if_reached (NULL);
    }
}

const char *
kdcc_kube_section_get_title (KdccKubeSection section)
{
  switch (section)
    {
    case KDCC_KUBE_SECTION_BLOCK_POOLS: return _("Block Pools");
    case KDCC_KUBE_SECTION_FILESYSTEMS: return _("Filesystems");
    case KDCC_KUBE_SECTION_OBJECT_STORES: return _("Object Stores");
    case KDCC_KUBE_SECTION_OBJECT_STORE_USERS: return _("Object Store Users");
    case KDCC_KUBE_SECTION_PODS: return _("Pods");
    case KDCC_KUBE_SECTION_DEPLOYMENTS: return _("Deployments");
    case KDCC_KUBE_N_SECTIONS:
    default: g_return_val_if_reached (NULL);
    }
}

static int
compare_items (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  return g_strcmp0 (kdcc_kube_item_get_name ((KdccKubeItem *) a),
                    kdcc_kube_item_get_name ((KdccKubeItem *) b));
}

static int
compare_item_ptrs (gconstpointer a,
                   gconstpointer b)
{
  return compare_items (*(KdccKubeItem **) a, *(KdccKubeItem **) b, NULL);
}

/* A list's items as KdccKubeItems, sorted; objects without a name are
 * skipped (the API server never sends one). */
static GPtrArray *
items_from_array (JsonArray              *array,
                  const KdccKubeResource *resource)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *object = kdcc_json_as_object (json_array_get_element (array, i));
      KdccKubeItem *item;

      if (object == NULL)
        continue;
      /* A list's items carry no kind: the list's kind says it. */
      if (!json_object_has_member (object, "kind"))
        json_object_set_string_member (object, "kind", resource->kind);
      item = kdcc_kube_item_new_from_json (object, now, NULL);
      if (item != NULL)
        g_ptr_array_add (items, item);
    }
  g_ptr_array_sort (items, compare_item_ptrs);
  return items;
}

GPtrArray *
kdcc_kube_inventory_list_section (KdccKubeClient   *client,
                                  const char       *namespace,
                                  KdccKubeSection   section,
                                  GCancellable     *cancellable,
                                  GError          **error)
{
  const KdccKubeResource *resource = kdcc_kube_section_get_resource (section);
  g_autoptr(JsonArray) array = NULL;

  g_return_val_if_fail (KDCC_IS_KUBE_CLIENT (client), NULL);
  g_return_val_if_fail (resource != NULL, NULL);

  array = kdcc_kube_client_list (client, resource, namespace, NULL, NULL, cancellable, error);
  if (array == NULL)
    return NULL;
  return items_from_array (array, resource);
}

/* The object ---------------------------------------------------------------- */

typedef struct
{
  GListStore    *store;
  char          *error;
  KdccKubeWatch *watch;
  gboolean       listed;
} Section;

struct _KdccKubeInventory
{
  GObject         parent_instance;

  KdccKubeClient *client;
  char           *namespace;
  Section         sections[KDCC_KUBE_N_SECTIONS];
  guint           n_refreshing;
  gboolean        watching;
};

G_DEFINE_FINAL_TYPE (KdccKubeInventory, kdcc_kube_inventory, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
kdcc_kube_inventory_dispose (GObject *object)
{
  KdccKubeInventory *self = (KdccKubeInventory *) object;

  kdcc_kube_inventory_stop (self);
  G_OBJECT_CLASS (kdcc_kube_inventory_parent_class)->dispose (object);
}

static void
kdcc_kube_inventory_finalize (GObject *object)
{
  KdccKubeInventory *self = (KdccKubeInventory *) object;

  for (guint i = 0; i < KDCC_KUBE_N_SECTIONS; i++)
    {
      g_clear_object (&self->sections[i].store);
      g_free (self->sections[i].error);
    }
  g_clear_object (&self->client);
  g_free (self->namespace);

  G_OBJECT_CLASS (kdcc_kube_inventory_parent_class)->finalize (object);
}

static void
kdcc_kube_inventory_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  KdccKubeInventory *self = KDCC_KUBE_INVENTORY (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, kdcc_kube_inventory_get_loading (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_kube_inventory_class_init (KdccKubeInventoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kdcc_kube_inventory_dispose;
  object_class->finalize = kdcc_kube_inventory_finalize;
  object_class->get_property = kdcc_kube_inventory_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
kdcc_kube_inventory_init (KdccKubeInventory *self)
{
  for (guint i = 0; i < KDCC_KUBE_N_SECTIONS; i++)
    self->sections[i].store = g_list_store_new (KDCC_TYPE_KUBE_ITEM);
}

KdccKubeInventory *
kdcc_kube_inventory_new (KdccKubeClient *client,
                         const char     *namespace)
{
  KdccKubeInventory *self;

  g_return_val_if_fail (KDCC_IS_KUBE_CLIENT (client), NULL);
  g_return_val_if_fail (namespace != NULL, NULL);

  self = g_object_new (KDCC_TYPE_KUBE_INVENTORY, NULL);
  self->client = g_object_ref (client);
  self->namespace = g_strdup (namespace);
  return self;
}

KdccKubeClient *
kdcc_kube_inventory_get_client (KdccKubeInventory *self)
{
  g_return_val_if_fail (KDCC_IS_KUBE_INVENTORY (self), NULL);
  return self->client;
}

const char *
kdcc_kube_inventory_get_namespace (KdccKubeInventory *self)
{
  g_return_val_if_fail (KDCC_IS_KUBE_INVENTORY (self), NULL);
  return self->namespace;
}

GListModel *
kdcc_kube_inventory_get_model (KdccKubeInventory *self,
                               KdccKubeSection    section)
{
  g_return_val_if_fail (KDCC_IS_KUBE_INVENTORY (self), NULL);
  g_return_val_if_fail (section < KDCC_KUBE_N_SECTIONS, NULL);
  return G_LIST_MODEL (self->sections[section].store);
}

const char *
kdcc_kube_inventory_get_error (KdccKubeInventory *self,
                               KdccKubeSection    section)
{
  g_return_val_if_fail (KDCC_IS_KUBE_INVENTORY (self), NULL);
  g_return_val_if_fail (section < KDCC_KUBE_N_SECTIONS, NULL);
  return self->sections[section].error;
}

gboolean
kdcc_kube_inventory_get_loading (KdccKubeInventory *self)
{
  g_return_val_if_fail (KDCC_IS_KUBE_INVENTORY (self), FALSE);

  if (self->n_refreshing > 0)
    return TRUE;
  for (guint i = 0; self->watching && i < KDCC_KUBE_N_SECTIONS; i++)
    if (!self->sections[i].listed && self->sections[i].error == NULL)
      return TRUE;
  return FALSE;
}

static void
set_loading_around (KdccKubeInventory *self,
                    gboolean           was_loading)
{
  if (was_loading != kdcc_kube_inventory_get_loading (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* Replaces a section's items (ITEMS NULL: none) and error. */
static void
section_set (KdccKubeInventory *self,
             KdccKubeSection    section,
             GPtrArray         *items,
             const char        *error)
{
  Section *s = &self->sections[section];

  if (items != NULL)
    g_list_store_splice (s->store, 0, g_list_model_get_n_items (G_LIST_MODEL (s->store)),
                         items->pdata, items->len);
  else if (error != NULL)
    g_list_store_remove_all (s->store);
  g_free (s->error);
  s->error = g_strdup (error);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0, (guint) section);
}

/* Refresh --------------------------------------------------------------------- */

typedef struct
{
  GPtrArray *items[KDCC_KUBE_N_SECTIONS];
  char      *errors[KDCC_KUBE_N_SECTIONS];
} RefreshResult;

static void
refresh_result_free (gpointer data)
{
  RefreshResult *result = data;

  for (guint i = 0; i < KDCC_KUBE_N_SECTIONS; i++)
    {
      g_clear_pointer (&result->items[i], g_ptr_array_unref);
      g_free (result->errors[i]);
    }
  g_free (result);
}

static void
refresh_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  KdccKubeInventory *self = source_object;
  RefreshResult *result = g_new0 (RefreshResult, 1);

  for (guint i = 0; i < KDCC_KUBE_N_SECTIONS; i++)
    {
      g_autoptr(GError) error = NULL;

      result->items[i] = kdcc_kube_inventory_list_section (self->client, self->namespace, i,
                                                           cancellable, &error);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          refresh_result_free (result);
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      if (error != NULL)
        result->errors[i] = g_strdup (error->message);
    }
  g_task_return_pointer (task, result, refresh_result_free);
}

static void
refresh_cb (GObject      *object,
            GAsyncResult *res,
            gpointer      user_data)
{
  KdccKubeInventory *self = KDCC_KUBE_INVENTORY (object);
  g_autoptr(GTask) task = user_data;
  RefreshResult *result;
  g_autoptr(GError) error = NULL;
  gboolean was_loading = kdcc_kube_inventory_get_loading (self);

  self->n_refreshing--;
  result = g_task_propagate_pointer (G_TASK (res), &error);
  if (result == NULL)
    {
      set_loading_around (self, was_loading);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  for (guint i = 0; i < KDCC_KUBE_N_SECTIONS; i++)
    section_set (self, i, result->items[i], result->errors[i]);
  refresh_result_free (result);
  set_loading_around (self, was_loading);
  g_task_return_boolean (task, TRUE);
}

void
kdcc_kube_inventory_refresh_async (KdccKubeInventory   *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) worker = NULL;
  gboolean was_loading;

  g_return_if_fail (KDCC_IS_KUBE_INVENTORY (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kdcc_kube_inventory_refresh_async);
  was_loading = kdcc_kube_inventory_get_loading (self);
  self->n_refreshing++;
  set_loading_around (self, was_loading);
  /* The worker's own task, so its result lands in refresh_cb on this
   * context before the caller's callback runs. */
  worker = g_task_new (self, cancellable, refresh_cb, g_steal_pointer (&task));
  g_task_set_source_tag (worker, kdcc_kube_inventory_refresh_async);
  g_task_run_in_thread (worker, refresh_thread);
}

gboolean
kdcc_kube_inventory_refresh_finish (KdccKubeInventory  *self,
                                    GAsyncResult       *result,
                                    GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Watches ----------------------------------------------------------------------- */

static KdccKubeSection
section_of_watch (KdccKubeInventory *self,
                  KdccKubeWatch     *watch)
{
  for (guint i = 0; i < KDCC_KUBE_N_SECTIONS; i++)
    if (self->sections[i].watch == watch)
      return i;
  return KDCC_KUBE_N_SECTIONS;
}

static void
watch_listed_cb (KdccKubeWatch     *watch,
                 JsonArray         *array,
                 KdccKubeInventory *self)
{
  KdccKubeSection section = section_of_watch (self, watch);
  g_autoptr(GPtrArray) items = NULL;
  gboolean was_loading = kdcc_kube_inventory_get_loading (self);

  g_return_if_fail (section < KDCC_KUBE_N_SECTIONS);
  items = items_from_array (array, kdcc_kube_section_get_resource (section));
  self->sections[section].listed = TRUE;
  section_set (self, section, items, NULL);
  set_loading_around (self, was_loading);
}

static gboolean
same_name (gconstpointer a,
           gconstpointer b)
{
  return g_strcmp0 (kdcc_kube_item_get_name ((KdccKubeItem *) a),
                    kdcc_kube_item_get_name ((KdccKubeItem *) b)) == 0;
}

static void
watch_event_cb (KdccKubeWatch     *watch,
                const char        *type,
                JsonObject        *object,
                KdccKubeInventory *self)
{
  KdccKubeSection section = section_of_watch (self, watch);
  const KdccKubeResource *resource;
  g_autoptr(KdccKubeItem) item = NULL;
  GListStore *store;
  guint position;

  g_return_if_fail (section < KDCC_KUBE_N_SECTIONS);
  resource = kdcc_kube_section_get_resource (section);
  store = self->sections[section].store;
  if (!json_object_has_member (object, "kind"))
    json_object_set_string_member (object, "kind", resource->kind);
  item = kdcc_kube_item_new_from_json (object, g_get_real_time () / G_USEC_PER_SEC, NULL);
  if (item == NULL)
    return;

  if (g_list_store_find_with_equal_func (store, item, same_name, &position))
    {
      if (g_str_equal (type, "DELETED"))
        g_list_store_remove (store, position);
      else
        g_list_store_splice (store, position, 1, (gpointer *) &item, 1);
    }
  else if (!g_str_equal (type, "DELETED"))
    g_list_store_insert_sorted (store, item, compare_items, NULL);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0, (guint) section);
}

static void
watch_failed_cb (KdccKubeWatch     *watch,
                 GError            *error,
                 KdccKubeInventory *self)
{
  KdccKubeSection section = section_of_watch (self, watch);
  Section *s;
  gboolean was_loading = kdcc_kube_inventory_get_loading (self);

  g_return_if_fail (section < KDCC_KUBE_N_SECTIONS);
  s = &self->sections[section];
  /* Items already listed stay: stale rows beat an empty list, and the
   * error says they are no longer followed. */
  if (s->listed)
    {
      g_autofree char *message = g_strdup_printf (_("No longer kept up to date: %s"),
                                                  error->message);

      g_free (s->error);
      s->error = g_steal_pointer (&message);
      g_signal_emit (self, signals[SIGNAL_CHANGED], 0, (guint) section);
    }
  else
    section_set (self, section, NULL, error->message);
  set_loading_around (self, was_loading);
}

void
kdcc_kube_inventory_start (KdccKubeInventory *self)
{
  gboolean was_loading;

  g_return_if_fail (KDCC_IS_KUBE_INVENTORY (self));

  if (self->watching)
    return;
  was_loading = kdcc_kube_inventory_get_loading (self);
  self->watching = TRUE;
  for (guint i = 0; i < KDCC_KUBE_N_SECTIONS; i++)
    {
      Section *s = &self->sections[i];

      s->listed = FALSE;
      g_clear_pointer (&s->error, g_free);
      s->watch = kdcc_kube_watch_new (self->client, kdcc_kube_section_get_resource (i),
                                      self->namespace, NULL);
      g_signal_connect (s->watch, "listed", G_CALLBACK (watch_listed_cb), self);
      g_signal_connect (s->watch, "event", G_CALLBACK (watch_event_cb), self);
      g_signal_connect (s->watch, "failed", G_CALLBACK (watch_failed_cb), self);
    }
  for (guint i = 0; i < KDCC_KUBE_N_SECTIONS; i++)
    kdcc_kube_watch_start (self->sections[i].watch);
  set_loading_around (self, was_loading);
}

void
kdcc_kube_inventory_stop (KdccKubeInventory *self)
{
  gboolean was_loading;

  g_return_if_fail (KDCC_IS_KUBE_INVENTORY (self));

  if (!self->watching)
    return;
  was_loading = kdcc_kube_inventory_get_loading (self);
  for (guint i = 0; i < KDCC_KUBE_N_SECTIONS; i++)
    {
      Section *s = &self->sections[i];

      if (s->watch != NULL)
        {
          kdcc_kube_watch_stop (s->watch);
          g_signal_handlers_disconnect_by_data (s->watch, self);
          g_clear_object (&s->watch);
        }
    }
  self->watching = FALSE;
  set_loading_around (self, was_loading);
}
