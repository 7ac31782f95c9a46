/* kdcc-host.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-host"

#include "config.h"

#include <string.h>

#include "kdcc-host.h"
#include "kdcc-model-private.h"

struct _KdccHost
{
  GObject  parent_instance;

  char    *name;
  GArray  *osd_ids;
  gint64 osds_up;
  gint64 osds_in;
  guint64 total_bytes;
  guint64 used_bytes;
  guint64 avail_bytes;
  char **daemons;
};

G_DEFINE_FINAL_TYPE (KdccHost, kdcc_host, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_OSD_COUNT,
  PROP_OSDS_UP,
  PROP_OSDS_IN,
  PROP_TOTAL_BYTES,
  PROP_USED_BYTES,
  PROP_AVAIL_BYTES,
  PROP_DAEMONS,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
kdcc_host_finalize (GObject *object)
{
  KdccHost *self = (KdccHost *) object;

  g_free (self->name);
  g_clear_pointer (&self->osd_ids, g_array_unref);

  g_strfreev (self->daemons);

  G_OBJECT_CLASS (kdcc_host_parent_class)->finalize (object);
}

static void
kdcc_host_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  KdccHost *self = KDCC_HOST (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_OSD_COUNT:
      g_value_set_uint (value, self->osd_ids->len);
      break;
    case PROP_OSDS_UP:
      g_value_set_int64 (value, self->osds_up);
      break;
    case PROP_OSDS_IN:
      g_value_set_int64 (value, self->osds_in);
      break;
    case PROP_TOTAL_BYTES:
      g_value_set_uint64 (value, self->total_bytes);
      break;
    case PROP_USED_BYTES:
      g_value_set_uint64 (value, self->used_bytes);
      break;
    case PROP_AVAIL_BYTES:
      g_value_set_uint64 (value, self->avail_bytes);
      break;
    case PROP_DAEMONS:
      g_value_set_boxed (value, self->daemons);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_host_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  KdccHost *self = KDCC_HOST (object);

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
kdcc_host_class_init (KdccHostClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = kdcc_host_finalize;
  object_class->get_property = kdcc_host_get_property;
  object_class->set_property = kdcc_host_set_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OSD_COUNT] =
    g_param_spec_uint ("osd-count", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_OSDS_UP] =
    g_param_spec_int64 ("osds-up", NULL, NULL, G_MININT64, G_MAXINT64, 0, ro);
  properties[PROP_OSDS_IN] =
    g_param_spec_int64 ("osds-in", NULL, NULL, G_MININT64, G_MAXINT64, 0, ro);
  properties[PROP_TOTAL_BYTES] =
    g_param_spec_uint64 ("total-bytes", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties[PROP_USED_BYTES] =
    g_param_spec_uint64 ("used-bytes", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties[PROP_AVAIL_BYTES] =
    g_param_spec_uint64 ("avail-bytes", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties[PROP_DAEMONS] =
    g_param_spec_boxed ("daemons", NULL, NULL, G_TYPE_STRV, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
kdcc_host_init (KdccHost *self)
{

  self->osd_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

KdccHost *
kdcc_host_new (const char *name)
{
  return g_object_new (KDCC_TYPE_HOST, "name", name, NULL);
}

const char *
kdcc_host_get_name (KdccHost *self)
{
  g_return_val_if_fail (KDCC_IS_HOST (self), NULL);
  return self->name;
}

guint
kdcc_host_get_osd_count (KdccHost *self)
{
  g_return_val_if_fail (KDCC_IS_HOST (self), 0);
  return self->osd_ids->len;
}

const GArray *
kdcc_host_get_osd_ids (KdccHost *self)
{
  g_return_val_if_fail (KDCC_IS_HOST (self), NULL);
  return self->osd_ids;
}

gint64
kdcc_host_get_osds_up (KdccHost *self)
{
  g_return_val_if_fail (KDCC_IS_HOST (self), -1);
  return self->osds_up;
}

gint64
kdcc_host_get_osds_in (KdccHost *self)
{
  g_return_val_if_fail (KDCC_IS_HOST (self), -1);
  return self->osds_in;
}

guint64
kdcc_host_get_total_bytes (KdccHost *self)
{
  g_return_val_if_fail (KDCC_IS_HOST (self), 0);
  return self->total_bytes;
}

guint64
kdcc_host_get_used_bytes (KdccHost *self)
{
  g_return_val_if_fail (KDCC_IS_HOST (self), 0);
  return self->used_bytes;
}

guint64
kdcc_host_get_avail_bytes (KdccHost *self)
{
  g_return_val_if_fail (KDCC_IS_HOST (self), 0);
  return self->avail_bytes;
}

const char * const *
kdcc_host_get_daemons (KdccHost *self)
{
  g_return_val_if_fail (KDCC_IS_HOST (self), NULL);
  return (const char * const *) self->daemons;
}

/* The OSD ids have no property of their own (GArray is not a nice property
 * type); a change of the ids alone is announced by "changed". */
gboolean
kdcc_host_update (KdccHost           *self,
                  const KdccHostData *data)
{
  guint old_len;
  guint new_len;
  gboolean changed = FALSE;
  gboolean frozen = FALSE;

  g_return_val_if_fail (KDCC_IS_HOST (self), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  old_len = self->osd_ids->len;
  new_len = data->osd_ids != NULL ? data->osd_ids->len : 0;

  if (old_len != new_len ||
      (new_len > 0 &&
       memcmp (self->osd_ids->data, data->osd_ids->data, new_len * sizeof (gint64)) != 0))
    {
      g_array_set_size (self->osd_ids, 0);
      if (new_len > 0)
        g_array_append_vals (self->osd_ids, data->osd_ids->data, new_len);
      if (old_len != new_len)
        KDCC_NOTIFY (PROP_OSD_COUNT);
      changed = TRUE;
    }
  KDCC_UPDATE_SCALAR (osds_up, data->osds_up, PROP_OSDS_UP);
  KDCC_UPDATE_SCALAR (osds_in, data->osds_in, PROP_OSDS_IN);
  KDCC_UPDATE_SCALAR (total_bytes, data->total_bytes, PROP_TOTAL_BYTES);
  KDCC_UPDATE_SCALAR (used_bytes, data->used_bytes, PROP_USED_BYTES);
  KDCC_UPDATE_SCALAR (avail_bytes, data->avail_bytes, PROP_AVAIL_BYTES);
  if (!_kdcc_strv_equals_array ((const char * const *) self->daemons, data->daemons))
    {
      g_strfreev (self->daemons);
      self->daemons = _kdcc_strv_from_array (data->daemons);
      KDCC_NOTIFY (PROP_DAEMONS);
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
  key->string = ((const KdccHostData *) element)->name;
  return key->string != NULL;
}

static void
list_item_key (gpointer     item,
               KdccListKey *key)
{
  key->string = kdcc_host_get_name (item);
}

static gpointer
list_create (gconstpointer element)
{
  return kdcc_host_new (((const KdccHostData *) element)->name);
}

static void
list_update (gpointer      item,
             gconstpointer element)
{
  kdcc_host_update (item, element);
}

static int
list_compare (gconstpointer a,
              gconstpointer b)
{
  return g_strcmp0 (((const KdccHostData *) a)->name, ((const KdccHostData *) b)->name);
}

const KdccListSync kdcc_host_list_sync = {
  .key_kind = KDCC_LIST_KEY_STRING,
  .element_key = list_element_key,
  .item_key = list_item_key,
  .create = list_create,
  .update = list_update,
  .compare = list_compare,
};
