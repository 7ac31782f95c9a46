/* kdcc-osd.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-osd"

#include "config.h"

#include "kdcc-model-private.h"
#include "kdcc-osd.h"

struct _KdccOsd
{
  GObject   parent_instance;

  gint64    id;
  char     *name;
  char     *host;
  char     *device_class;
  gboolean  up;
  gboolean  in;
  double    crush_weight;
  double    reweight;
  double    primary_affinity;
  double    utilization;
  guint64   total_bytes;
  guint64   used_bytes;
  guint64   avail_bytes;
  gint64    pgs;
  gboolean  has_latency;
  double    commit_latency_ms;
  double    apply_latency_ms;
};

G_DEFINE_FINAL_TYPE (KdccOsd, kdcc_osd, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_HOST,
  PROP_DEVICE_CLASS,
  PROP_UP,
  PROP_IN,
  PROP_CRUSH_WEIGHT,
  PROP_REWEIGHT,
  PROP_PRIMARY_AFFINITY,
  PROP_UTILIZATION,
  PROP_TOTAL_BYTES,
  PROP_USED_BYTES,
  PROP_AVAIL_BYTES,
  PROP_PGS,
  PROP_HAS_LATENCY,
  PROP_COMMIT_LATENCY_MS,
  PROP_APPLY_LATENCY_MS,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
kdcc_osd_finalize (GObject *object)
{
  KdccOsd *self = (KdccOsd *) object;

  g_free (self->name);
  g_free (self->host);
  g_free (self->device_class);

  G_OBJECT_CLASS (kdcc_osd_parent_class)->finalize (object);
}

static void
kdcc_osd_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  KdccOsd *self = KDCC_OSD (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_HOST:
      g_value_set_string (value, self->host);
      break;
    case PROP_DEVICE_CLASS:
      g_value_set_string (value, self->device_class);
      break;
    case PROP_UP:
      g_value_set_boolean (value, self->up);
      break;
    case PROP_IN:
      g_value_set_boolean (value, self->in);
      break;
    case PROP_CRUSH_WEIGHT:
      g_value_set_double (value, self->crush_weight);
      break;
    case PROP_REWEIGHT:
      g_value_set_double (value, self->reweight);
      break;
    case PROP_PRIMARY_AFFINITY:
      g_value_set_double (value, self->primary_affinity);
      break;
    case PROP_UTILIZATION:
      g_value_set_double (value, self->utilization);
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
    case PROP_PGS:
      g_value_set_int64 (value, self->pgs);
      break;
    case PROP_HAS_LATENCY:
      g_value_set_boolean (value, self->has_latency);
      break;
    case PROP_COMMIT_LATENCY_MS:
      g_value_set_double (value, self->commit_latency_ms);
      break;
    case PROP_APPLY_LATENCY_MS:
      g_value_set_double (value, self->apply_latency_ms);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_osd_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  KdccOsd *self = KDCC_OSD (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_get_int64 (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_osd_class_init (KdccOsdClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = kdcc_osd_finalize;
  object_class->get_property = kdcc_osd_get_property;
  object_class->set_property = kdcc_osd_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, ro);
  properties[PROP_HOST] = g_param_spec_string ("host", NULL, NULL, NULL, ro);
  properties[PROP_DEVICE_CLASS] = g_param_spec_string ("device-class", NULL, NULL, NULL, ro);
  properties[PROP_UP] = g_param_spec_boolean ("up", NULL, NULL, FALSE, ro);
  properties[PROP_IN] = g_param_spec_boolean ("in", NULL, NULL, FALSE, ro);
  properties[PROP_CRUSH_WEIGHT] =
    g_param_spec_double ("crush-weight", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, ro);
  properties[PROP_REWEIGHT] =
    g_param_spec_double ("reweight", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 1.0, ro);
  properties[PROP_PRIMARY_AFFINITY] =
    g_param_spec_double ("primary-affinity", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 1.0, ro);
  properties[PROP_UTILIZATION] =
    g_param_spec_double ("utilization", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, ro);
  properties[PROP_TOTAL_BYTES] =
    g_param_spec_uint64 ("total-bytes", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties[PROP_USED_BYTES] =
    g_param_spec_uint64 ("used-bytes", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties[PROP_AVAIL_BYTES] =
    g_param_spec_uint64 ("avail-bytes", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties[PROP_PGS] = g_param_spec_int64 ("pgs", NULL, NULL, -1, G_MAXINT64, -1, ro);
  properties[PROP_HAS_LATENCY] = g_param_spec_boolean ("has-latency", NULL, NULL, FALSE, ro);
  properties[PROP_COMMIT_LATENCY_MS] =
    g_param_spec_double ("commit-latency-ms", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, ro);
  properties[PROP_APPLY_LATENCY_MS] =
    g_param_spec_double ("apply-latency-ms", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
kdcc_osd_init (KdccOsd *self)
{
  self->reweight = 1.0;
  self->primary_affinity = 1.0;
  self->pgs = -1;
}

KdccOsd *
kdcc_osd_new (gint64 id)
{
  return g_object_new (KDCC_TYPE_OSD, "id", id, NULL);
}

gint64
kdcc_osd_get_id (KdccOsd *self)
{
  g_return_val_if_fail (KDCC_IS_OSD (self), -1);
  return self->id;
}

const char *
kdcc_osd_get_name (KdccOsd *self)
{
  g_return_val_if_fail (KDCC_IS_OSD (self), NULL);
  return self->name;
}

const char *
kdcc_osd_get_host (KdccOsd *self)
{
  g_return_val_if_fail (KDCC_IS_OSD (self), NULL);
  return self->host;
}

const char *
kdcc_osd_get_device_class (KdccOsd *self)
{
  g_return_val_if_fail (KDCC_IS_OSD (self), NULL);
  return self->device_class;
}

gboolean
kdcc_osd_get_up (KdccOsd *self)
{
  g_return_val_if_fail (KDCC_IS_OSD (self), FALSE);
  return self->up;
}

gboolean
kdcc_osd_get_in (KdccOsd *self)
{
  g_return_val_if_fail (KDCC_IS_OSD (self), FALSE);
  return self->in;
}

double
kdcc_osd_get_crush_weight (KdccOsd *self)
{
  g_return_val_if_fail (KDCC_IS_OSD (self), 0);
  return self->crush_weight;
}

double
kdcc_osd_get_reweight (KdccOsd *self)
{
  g_return_val_if_fail (KDCC_IS_OSD (self), 0);
  return self->reweight;
}

double
kdcc_osd_get_primary_affinity (KdccOsd *self)
{
  g_return_val_if_fail (KDCC_IS_OSD (self), 1.0);
  return self->primary_affinity;
}

double
kdcc_osd_get_utilization (KdccOsd *self)
{
  g_return_val_if_fail (KDCC_IS_OSD (self), 0);
  return self->utilization;
}

guint64
kdcc_osd_get_total_bytes (KdccOsd *self)
{
  g_return_val_if_fail (KDCC_IS_OSD (self), 0);
  return self->total_bytes;
}

guint64
kdcc_osd_get_used_bytes (KdccOsd *self)
{
  g_return_val_if_fail (KDCC_IS_OSD (self), 0);
  return self->used_bytes;
}

guint64
kdcc_osd_get_avail_bytes (KdccOsd *self)
{
  g_return_val_if_fail (KDCC_IS_OSD (self), 0);
  return self->avail_bytes;
}

gint64
kdcc_osd_get_pgs (KdccOsd *self)
{
  g_return_val_if_fail (KDCC_IS_OSD (self), -1);
  return self->pgs;
}

gboolean
kdcc_osd_get_has_latency (KdccOsd *self)
{
  g_return_val_if_fail (KDCC_IS_OSD (self), FALSE);
  return self->has_latency;
}

double
kdcc_osd_get_commit_latency_ms (KdccOsd *self)
{
  g_return_val_if_fail (KDCC_IS_OSD (self), 0);
  return self->commit_latency_ms;
}

double
kdcc_osd_get_apply_latency_ms (KdccOsd *self)
{
  g_return_val_if_fail (KDCC_IS_OSD (self), 0);
  return self->apply_latency_ms;
}

/* Usage values (utilization, bytes, PG count) come from `osd df`, which a
 * light refresh does not fetch; when data->has_usage is FALSE they keep
 * their previous values instead of dropping to zero. Doubles are compared
 * exactly on purpose: any change the cluster reports is a change. */
gboolean
kdcc_osd_update (KdccOsd           *self,
                 const KdccOsdData *data)
{
  gboolean changed = FALSE;
  gboolean frozen = FALSE;

  g_return_val_if_fail (KDCC_IS_OSD (self), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  KDCC_UPDATE_STRING (name, data->name, PROP_NAME);
  KDCC_UPDATE_STRING (host, data->host, PROP_HOST);
  KDCC_UPDATE_STRING (device_class, data->device_class, PROP_DEVICE_CLASS);
  KDCC_UPDATE_SCALAR (up, !!data->up, PROP_UP);
  KDCC_UPDATE_SCALAR (in, !!data->in, PROP_IN);
  KDCC_UPDATE_SCALAR (crush_weight, data->crush_weight, PROP_CRUSH_WEIGHT);
  KDCC_UPDATE_SCALAR (reweight, data->reweight, PROP_REWEIGHT);
  KDCC_UPDATE_SCALAR (primary_affinity, data->primary_affinity, PROP_PRIMARY_AFFINITY);
  if (data->has_usage)
    {
      KDCC_UPDATE_SCALAR (utilization, data->utilization, PROP_UTILIZATION);
      KDCC_UPDATE_SCALAR (total_bytes, data->total_bytes, PROP_TOTAL_BYTES);
      KDCC_UPDATE_SCALAR (used_bytes, data->used_bytes, PROP_USED_BYTES);
      KDCC_UPDATE_SCALAR (avail_bytes, data->avail_bytes, PROP_AVAIL_BYTES);
      KDCC_UPDATE_SCALAR (pgs, data->pgs, PROP_PGS);
    }
  /* Latency from osd perf, kept like usage when not fetched this time. */
  if (data->has_perf)
    {
      KDCC_UPDATE_SCALAR (has_latency, TRUE, PROP_HAS_LATENCY);
      KDCC_UPDATE_SCALAR (commit_latency_ms, data->commit_latency_ms, PROP_COMMIT_LATENCY_MS);
      KDCC_UPDATE_SCALAR (apply_latency_ms, data->apply_latency_ms, PROP_APPLY_LATENCY_MS);
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
  const KdccOsdData *data = element;

  /* Ids that the osdmap lists but that do not exist (destroyed OSDs) are
   * not OSDs to show. */
  if (!data->exists)
    return FALSE;
  key->number = data->id;
  return TRUE;
}

static void
list_item_key (gpointer     item,
               KdccListKey *key)
{
  key->number = kdcc_osd_get_id (item);
}

static gpointer
list_create (gconstpointer element)
{
  return kdcc_osd_new (((const KdccOsdData *) element)->id);
}

static void
list_update (gpointer      item,
             gconstpointer element)
{
  kdcc_osd_update (item, element);
}

static int
list_compare (gconstpointer a,
              gconstpointer b)
{
  const KdccOsdData *x = a;
  const KdccOsdData *y = b;

  return (x->id > y->id) - (x->id < y->id);
}

const KdccListSync kdcc_osd_list_sync = {
  .key_kind = KDCC_LIST_KEY_INT64,
  .element_key = list_element_key,
  .item_key = list_item_key,
  .create = list_create,
  .update = list_update,
  .compare = list_compare,
};
