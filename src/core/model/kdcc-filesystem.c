/* kdcc-filesystem.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-filesystem"

#include "config.h"

#include "kdcc-model-private.h"
#include "kdcc-filesystem.h"

struct _KdccFilesystem
{
  GObject parent_instance;

  char *name;
  gint64 id;
  char *metadata_pool;
  char **data_pools;
  gint64 max_mds;
  gint64 ranks_up;
  gint64 ranks_failed;
  gint64 standbys;
  gint64 clients;
  char **mds_names;
};

G_DEFINE_FINAL_TYPE (KdccFilesystem, kdcc_filesystem, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_ID,
  PROP_METADATA_POOL,
  PROP_DATA_POOLS,
  PROP_MAX_MDS,
  PROP_RANKS_UP,
  PROP_RANKS_FAILED,
  PROP_STANDBYS,
  PROP_CLIENTS,
  PROP_MDS_NAMES,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
kdcc_filesystem_finalize (GObject *object)
{
  KdccFilesystem *self = (KdccFilesystem *) object;

  g_free (self->name);
  g_free (self->metadata_pool);
  g_strfreev (self->data_pools);
  g_strfreev (self->mds_names);

  G_OBJECT_CLASS (kdcc_filesystem_parent_class)->finalize (object);
}

static void
kdcc_filesystem_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  KdccFilesystem *self = KDCC_FILESYSTEM (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_METADATA_POOL:
      g_value_set_string (value, self->metadata_pool);
      break;
    case PROP_DATA_POOLS:
      g_value_set_boxed (value, self->data_pools);
      break;
    case PROP_MAX_MDS:
      g_value_set_int64 (value, self->max_mds);
      break;
    case PROP_RANKS_UP:
      g_value_set_int64 (value, self->ranks_up);
      break;
    case PROP_RANKS_FAILED:
      g_value_set_int64 (value, self->ranks_failed);
      break;
    case PROP_STANDBYS:
      g_value_set_int64 (value, self->standbys);
      break;
    case PROP_CLIENTS:
      g_value_set_int64 (value, self->clients);
      break;
    case PROP_MDS_NAMES:
      g_value_set_boxed (value, self->mds_names);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_filesystem_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  KdccFilesystem *self = KDCC_FILESYSTEM (object);

  switch (prop_id)
    {
    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_filesystem_class_init (KdccFilesystemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = kdcc_filesystem_finalize;
  object_class->get_property = kdcc_filesystem_get_property;
  object_class->set_property = kdcc_filesystem_set_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, -1, ro);
  properties[PROP_METADATA_POOL] = g_param_spec_string ("metadata-pool", NULL, NULL, NULL, ro);
  properties[PROP_DATA_POOLS] =
    g_param_spec_boxed ("data-pools", NULL, NULL, G_TYPE_STRV, ro);
  properties[PROP_MAX_MDS] =
    g_param_spec_int64 ("max-mds", NULL, NULL, G_MININT64, G_MAXINT64, 0, ro);
  properties[PROP_RANKS_UP] =
    g_param_spec_int64 ("ranks-up", NULL, NULL, G_MININT64, G_MAXINT64, 0, ro);
  properties[PROP_RANKS_FAILED] =
    g_param_spec_int64 ("ranks-failed", NULL, NULL, G_MININT64, G_MAXINT64, 0, ro);
  properties[PROP_STANDBYS] =
    g_param_spec_int64 ("standbys", NULL, NULL, G_MININT64, G_MAXINT64, -1, ro);
  properties[PROP_CLIENTS] =
    g_param_spec_int64 ("clients", NULL, NULL, G_MININT64, G_MAXINT64, -1, ro);
  properties[PROP_MDS_NAMES] =
    g_param_spec_boxed ("mds-names", NULL, NULL, G_TYPE_STRV, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
kdcc_filesystem_init (KdccFilesystem *self)
{
  self->id = -1;
  self->standbys = -1;
  self->clients = -1;
}

KdccFilesystem *
kdcc_filesystem_new (const char *name)
{
  return g_object_new (KDCC_TYPE_FILESYSTEM, "name", name, NULL);
}

const char *
kdcc_filesystem_get_name (KdccFilesystem *self)
{
  g_return_val_if_fail (KDCC_IS_FILESYSTEM (self), NULL);
  return self->name;
}

gint64
kdcc_filesystem_get_id (KdccFilesystem *self)
{
  g_return_val_if_fail (KDCC_IS_FILESYSTEM (self), -1);
  return self->id;
}

const char *
kdcc_filesystem_get_metadata_pool (KdccFilesystem *self)
{
  g_return_val_if_fail (KDCC_IS_FILESYSTEM (self), NULL);
  return self->metadata_pool;
}

const char * const *
kdcc_filesystem_get_data_pools (KdccFilesystem *self)
{
  g_return_val_if_fail (KDCC_IS_FILESYSTEM (self), NULL);
  return (const char * const *) self->data_pools;
}

gint64
kdcc_filesystem_get_max_mds (KdccFilesystem *self)
{
  g_return_val_if_fail (KDCC_IS_FILESYSTEM (self), -1);
  return self->max_mds;
}

gint64
kdcc_filesystem_get_ranks_up (KdccFilesystem *self)
{
  g_return_val_if_fail (KDCC_IS_FILESYSTEM (self), -1);
  return self->ranks_up;
}

gint64
kdcc_filesystem_get_ranks_failed (KdccFilesystem *self)
{
  g_return_val_if_fail (KDCC_IS_FILESYSTEM (self), -1);
  return self->ranks_failed;
}

gint64
kdcc_filesystem_get_standbys (KdccFilesystem *self)
{
  g_return_val_if_fail (KDCC_IS_FILESYSTEM (self), -1);
  return self->standbys;
}

gint64
kdcc_filesystem_get_clients (KdccFilesystem *self)
{
  g_return_val_if_fail (KDCC_IS_FILESYSTEM (self), -1);
  return self->clients;
}

const char * const *
kdcc_filesystem_get_mds_names (KdccFilesystem *self)
{
  g_return_val_if_fail (KDCC_IS_FILESYSTEM (self), NULL);
  return (const char * const *) self->mds_names;
}

gboolean
kdcc_filesystem_update (KdccFilesystem *self,
                       const KdccFilesystemData *data)
{
  gboolean changed = FALSE;
  gboolean frozen = FALSE;

  g_return_val_if_fail (KDCC_IS_FILESYSTEM (self), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  KDCC_UPDATE_SCALAR (id, data->id, PROP_ID);
  KDCC_UPDATE_STRING (metadata_pool, data->metadata_pool, PROP_METADATA_POOL);
  if (!_kdcc_strv_equals_array ((const char * const *) self->data_pools, data->data_pools))
    {
      g_strfreev (self->data_pools);
      self->data_pools = _kdcc_strv_from_array (data->data_pools);
      KDCC_NOTIFY (PROP_DATA_POOLS);
      changed = TRUE;
    }
  KDCC_UPDATE_SCALAR (max_mds, data->max_mds, PROP_MAX_MDS);
  KDCC_UPDATE_SCALAR (ranks_up, data->ranks_up, PROP_RANKS_UP);
  KDCC_UPDATE_SCALAR (ranks_failed, data->ranks_failed, PROP_RANKS_FAILED);
  KDCC_UPDATE_SCALAR (standbys, data->standbys, PROP_STANDBYS);
  KDCC_UPDATE_SCALAR (clients, data->clients, PROP_CLIENTS);
  if (!_kdcc_strv_equals_array ((const char * const *) self->mds_names, data->mds_names))
    {
      g_strfreev (self->mds_names);
      self->mds_names = _kdcc_strv_from_array (data->mds_names);
      KDCC_NOTIFY (PROP_MDS_NAMES);
      changed = TRUE;
    }
  KDCC_UPDATE_END ();

  if (changed)
    g_signal_emit (self, signals[CHANGED], 0);
  return changed;
}

/* List sync --------------------------------------------------------------- */

static gboolean
list_element_key (gconstpointer  element,
                  KdccListKey   *key)
{
  const KdccFilesystemData *data = element;

  if (data->name == NULL)
    return FALSE;
  key->string = data->name;
  return TRUE;
}

static void
list_item_key (gpointer     item,
               KdccListKey *key)
{
  key->string = ((KdccFilesystem *) item)->name;
}

static gpointer
list_create (gconstpointer element)
{
  return kdcc_filesystem_new (((KdccFilesystemData *) element)->name);
}

static void
list_update (gpointer      item,
             gconstpointer element)
{
  kdcc_filesystem_update (item, element);
}

static int
list_compare (gconstpointer a,
              gconstpointer b)
{
  return g_strcmp0 (((const KdccFilesystemData *) a)->name,
                    ((const KdccFilesystemData *) b)->name);
}

const KdccListSync kdcc_filesystem_list_sync = {
  .key_kind = KDCC_LIST_KEY_STRING,
  .element_key = list_element_key,
  .item_key = list_item_key,
  .create = list_create,
  .update = list_update,
  .compare = list_compare,
};
