/* kdcc-pool.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-pool"

#include "config.h"

#include "kdcc-model-private.h"
#include "kdcc-pool.h"

struct _KdccPool
{
  GObject   parent_instance;

  gint64    id;
  char     *name;
  char     *pool_type;
  char     *autoscale_mode;
  gint64    size;
  gint64    min_size;
  gint64    pg_num;
  char    **applications;
  guint64   stored_bytes;
  guint64   max_avail_bytes;
  guint64   objects;
  double    percent_used;
  gint64 crush_rule;
  char *erasure_code_profile;
  gint64 ec_k;
  gint64 ec_m;
  char *failure_domain;
  guint64 quota_max_bytes;
  guint64 quota_max_objects;
  char **options;
  gboolean has_io;
  double read_ops;
  double write_ops;
  double read_bytes;
  double write_bytes;
  double recovering_bytes;
  char *pg_states_text;
};

G_DEFINE_FINAL_TYPE (KdccPool, kdcc_pool, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_POOL_TYPE,
  PROP_AUTOSCALE_MODE,
  PROP_SIZE,
  PROP_MIN_SIZE,
  PROP_PG_NUM,
  PROP_APPLICATIONS,
  PROP_STORED_BYTES,
  PROP_MAX_AVAIL_BYTES,
  PROP_OBJECTS,
  PROP_PERCENT_USED,
  PROP_CRUSH_RULE,
  PROP_ERASURE_CODE_PROFILE,
  PROP_EC_K,
  PROP_EC_M,
  PROP_FAILURE_DOMAIN,
  PROP_QUOTA_MAX_BYTES,
  PROP_QUOTA_MAX_OBJECTS,
  PROP_OPTIONS,
  PROP_HAS_IO,
  PROP_READ_OPS,
  PROP_WRITE_OPS,
  PROP_READ_BYTES,
  PROP_WRITE_BYTES,
  PROP_RECOVERING_BYTES,
  PROP_PG_STATES_TEXT,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
kdcc_pool_finalize (GObject *object)
{
  KdccPool *self = (KdccPool *) object;

  g_free (self->name);
  g_free (self->pool_type);
  g_free (self->autoscale_mode);
  g_strfreev (self->applications);

  g_free (self->erasure_code_profile);
  g_free (self->failure_domain);
  g_free (self->pg_states_text);
  g_strfreev (self->options);

  G_OBJECT_CLASS (kdcc_pool_parent_class)->finalize (object);
}

static void
kdcc_pool_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  KdccPool *self = KDCC_POOL (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_POOL_TYPE:
      g_value_set_string (value, self->pool_type);
      break;
    case PROP_AUTOSCALE_MODE:
      g_value_set_string (value, self->autoscale_mode);
      break;
    case PROP_SIZE:
      g_value_set_int64 (value, self->size);
      break;
    case PROP_MIN_SIZE:
      g_value_set_int64 (value, self->min_size);
      break;
    case PROP_PG_NUM:
      g_value_set_int64 (value, self->pg_num);
      break;
    case PROP_APPLICATIONS:
      g_value_set_boxed (value, self->applications);
      break;
    case PROP_STORED_BYTES:
      g_value_set_uint64 (value, self->stored_bytes);
      break;
    case PROP_MAX_AVAIL_BYTES:
      g_value_set_uint64 (value, self->max_avail_bytes);
      break;
    case PROP_OBJECTS:
      g_value_set_uint64 (value, self->objects);
      break;
    case PROP_PERCENT_USED:
      g_value_set_double (value, self->percent_used);
      break;
    case PROP_CRUSH_RULE:
      g_value_set_int64 (value, self->crush_rule);
      break;
    case PROP_ERASURE_CODE_PROFILE:
      g_value_set_string (value, self->erasure_code_profile);
      break;
    case PROP_EC_K:
      g_value_set_int64 (value, self->ec_k);
      break;
    case PROP_EC_M:
      g_value_set_int64 (value, self->ec_m);
      break;
    case PROP_FAILURE_DOMAIN:
      g_value_set_string (value, self->failure_domain);
      break;
    case PROP_QUOTA_MAX_BYTES:
      g_value_set_uint64 (value, self->quota_max_bytes);
      break;
    case PROP_QUOTA_MAX_OBJECTS:
      g_value_set_uint64 (value, self->quota_max_objects);
      break;
    case PROP_OPTIONS:
      g_value_set_boxed (value, self->options);
      break;
    case PROP_HAS_IO:
      g_value_set_boolean (value, self->has_io);
      break;
    case PROP_READ_OPS:
      g_value_set_double (value, self->read_ops);
      break;
    case PROP_WRITE_OPS:
      g_value_set_double (value, self->write_ops);
      break;
    case PROP_READ_BYTES:
      g_value_set_double (value, self->read_bytes);
      break;
    case PROP_WRITE_BYTES:
      g_value_set_double (value, self->write_bytes);
      break;
    case PROP_RECOVERING_BYTES:
      g_value_set_double (value, self->recovering_bytes);
      break;
    case PROP_PG_STATES_TEXT:
      g_value_set_string (value, self->pg_states_text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_pool_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  KdccPool *self = KDCC_POOL (object);

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
kdcc_pool_class_init (KdccPoolClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = kdcc_pool_finalize;
  object_class->get_property = kdcc_pool_get_property;
  object_class->set_property = kdcc_pool_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, ro);
  properties[PROP_POOL_TYPE] = g_param_spec_string ("pool-type", NULL, NULL, NULL, ro);
  properties[PROP_AUTOSCALE_MODE] = g_param_spec_string ("autoscale-mode", NULL, NULL, NULL, ro);
  properties[PROP_SIZE] = g_param_spec_int64 ("size", NULL, NULL, G_MININT64, G_MAXINT64, 0, ro);
  properties[PROP_MIN_SIZE] =
    g_param_spec_int64 ("min-size", NULL, NULL, G_MININT64, G_MAXINT64, 0, ro);
  properties[PROP_PG_NUM] =
    g_param_spec_int64 ("pg-num", NULL, NULL, G_MININT64, G_MAXINT64, 0, ro);
  properties[PROP_APPLICATIONS] =
    g_param_spec_boxed ("applications", NULL, NULL, G_TYPE_STRV, ro);
  properties[PROP_STORED_BYTES] =
    g_param_spec_uint64 ("stored-bytes", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties[PROP_MAX_AVAIL_BYTES] =
    g_param_spec_uint64 ("max-avail-bytes", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties[PROP_OBJECTS] = g_param_spec_uint64 ("objects", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties[PROP_PERCENT_USED] =
    g_param_spec_double ("percent-used", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, ro);

  properties[PROP_CRUSH_RULE] =
    g_param_spec_int64 ("crush-rule", NULL, NULL, G_MININT64, G_MAXINT64, -1, ro);
  properties[PROP_ERASURE_CODE_PROFILE] = g_param_spec_string ("erasure-code-profile", NULL, NULL, NULL, ro);
  properties[PROP_EC_K] =
    g_param_spec_int64 ("ec-k", NULL, NULL, G_MININT64, G_MAXINT64, -1, ro);
  properties[PROP_EC_M] =
    g_param_spec_int64 ("ec-m", NULL, NULL, G_MININT64, G_MAXINT64, -1, ro);
  properties[PROP_FAILURE_DOMAIN] = g_param_spec_string ("failure-domain", NULL, NULL, NULL, ro);
  properties[PROP_QUOTA_MAX_BYTES] =
    g_param_spec_uint64 ("quota-max-bytes", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties[PROP_QUOTA_MAX_OBJECTS] =
    g_param_spec_uint64 ("quota-max-objects", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties[PROP_OPTIONS] =
    g_param_spec_boxed ("options", NULL, NULL, G_TYPE_STRV, ro);
  properties[PROP_HAS_IO] = g_param_spec_boolean ("has-io", NULL, NULL, FALSE, ro);
  properties[PROP_READ_OPS] =
    g_param_spec_double ("read-ops", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, ro);
  properties[PROP_WRITE_OPS] =
    g_param_spec_double ("write-ops", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, ro);
  properties[PROP_READ_BYTES] =
    g_param_spec_double ("read-bytes", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, ro);
  properties[PROP_WRITE_BYTES] =
    g_param_spec_double ("write-bytes", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, ro);
  properties[PROP_RECOVERING_BYTES] =
    g_param_spec_double ("recovering-bytes", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, ro);
  properties[PROP_PG_STATES_TEXT] = g_param_spec_string ("pg-states-text", NULL, NULL, NULL, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
kdcc_pool_init (KdccPool *self)
{
  self->crush_rule = -1;
  self->ec_k = -1;
  self->ec_m = -1;

  self->applications = g_new0 (char *, 1);
}

KdccPool *
kdcc_pool_new (gint64 id)
{
  return g_object_new (KDCC_TYPE_POOL, "id", id, NULL);
}

gint64
kdcc_pool_get_id (KdccPool *self)
{
  g_return_val_if_fail (KDCC_IS_POOL (self), -1);
  return self->id;
}

const char *
kdcc_pool_get_name (KdccPool *self)
{
  g_return_val_if_fail (KDCC_IS_POOL (self), NULL);
  return self->name;
}

const char *
kdcc_pool_get_pool_type (KdccPool *self)
{
  g_return_val_if_fail (KDCC_IS_POOL (self), NULL);
  return self->pool_type;
}

gint64
kdcc_pool_get_size (KdccPool *self)
{
  g_return_val_if_fail (KDCC_IS_POOL (self), 0);
  return self->size;
}

gint64
kdcc_pool_get_min_size (KdccPool *self)
{
  g_return_val_if_fail (KDCC_IS_POOL (self), 0);
  return self->min_size;
}

gint64
kdcc_pool_get_pg_num (KdccPool *self)
{
  g_return_val_if_fail (KDCC_IS_POOL (self), 0);
  return self->pg_num;
}

const char *
kdcc_pool_get_autoscale_mode (KdccPool *self)
{
  g_return_val_if_fail (KDCC_IS_POOL (self), NULL);
  return self->autoscale_mode;
}

const char * const *
kdcc_pool_get_applications (KdccPool *self)
{
  g_return_val_if_fail (KDCC_IS_POOL (self), NULL);
  return (const char * const *) self->applications;
}

guint64
kdcc_pool_get_stored_bytes (KdccPool *self)
{
  g_return_val_if_fail (KDCC_IS_POOL (self), 0);
  return self->stored_bytes;
}

guint64
kdcc_pool_get_max_avail_bytes (KdccPool *self)
{
  g_return_val_if_fail (KDCC_IS_POOL (self), 0);
  return self->max_avail_bytes;
}

guint64
kdcc_pool_get_objects (KdccPool *self)
{
  g_return_val_if_fail (KDCC_IS_POOL (self), 0);
  return self->objects;
}

double
kdcc_pool_get_percent_used (KdccPool *self)
{
  g_return_val_if_fail (KDCC_IS_POOL (self), 0);
  return self->percent_used;
}

gint64
kdcc_pool_get_crush_rule (KdccPool *self)
{
  g_return_val_if_fail (KDCC_IS_POOL (self), -1);
  return self->crush_rule;
}

const char *
kdcc_pool_get_erasure_code_profile (KdccPool *self)
{
  g_return_val_if_fail (KDCC_IS_POOL (self), NULL);
  return self->erasure_code_profile;
}

gint64
kdcc_pool_get_ec_k (KdccPool *self)
{
  g_return_val_if_fail (KDCC_IS_POOL (self), -1);
  return self->ec_k;
}

gint64
kdcc_pool_get_ec_m (KdccPool *self)
{
  g_return_val_if_fail (KDCC_IS_POOL (self), -1);
  return self->ec_m;
}

const char *
kdcc_pool_get_failure_domain (KdccPool *self)
{
  g_return_val_if_fail (KDCC_IS_POOL (self), NULL);
  return self->failure_domain;
}

guint64
kdcc_pool_get_quota_max_bytes (KdccPool *self)
{
  g_return_val_if_fail (KDCC_IS_POOL (self), 0);
  return self->quota_max_bytes;
}

guint64
kdcc_pool_get_quota_max_objects (KdccPool *self)
{
  g_return_val_if_fail (KDCC_IS_POOL (self), 0);
  return self->quota_max_objects;
}

const char * const *
kdcc_pool_get_options (KdccPool *self)
{
  g_return_val_if_fail (KDCC_IS_POOL (self), NULL);
  return (const char * const *) self->options;
}

gboolean
kdcc_pool_get_has_io (KdccPool *self)
{
  g_return_val_if_fail (KDCC_IS_POOL (self), FALSE);
  return self->has_io;
}

double
kdcc_pool_get_read_ops (KdccPool *self)
{
  g_return_val_if_fail (KDCC_IS_POOL (self), 0);
  return self->read_ops;
}

double
kdcc_pool_get_write_ops (KdccPool *self)
{
  g_return_val_if_fail (KDCC_IS_POOL (self), 0);
  return self->write_ops;
}

double
kdcc_pool_get_read_bytes (KdccPool *self)
{
  g_return_val_if_fail (KDCC_IS_POOL (self), 0);
  return self->read_bytes;
}

double
kdcc_pool_get_write_bytes (KdccPool *self)
{
  g_return_val_if_fail (KDCC_IS_POOL (self), 0);
  return self->write_bytes;
}

double
kdcc_pool_get_recovering_bytes (KdccPool *self)
{
  g_return_val_if_fail (KDCC_IS_POOL (self), 0);
  return self->recovering_bytes;
}

const char *
kdcc_pool_get_pg_states_text (KdccPool *self)
{
  g_return_val_if_fail (KDCC_IS_POOL (self), NULL);
  return self->pg_states_text;
}

/* "32 active+clean, 1 active+clean+scrubbing", most PGs first as listed. */
static char *
pg_states_to_text (const GPtrArray *states)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < states->len; i++)
    {
      const KdccPgStateData *state = g_ptr_array_index (states, i);

      g_string_append_printf (text, "%s%" G_GINT64_FORMAT " %s", i > 0 ? ", " : "",
                              state->count, state->state);
    }
  return g_string_free (text, FALSE);
}

/* Usage values come from `df`; when data->has_usage is FALSE they keep
 * their previous values. */
gboolean
kdcc_pool_update (KdccPool           *self,
                  const KdccPoolData *data)
{
  gboolean changed = FALSE;
  gboolean frozen = FALSE;

  g_return_val_if_fail (KDCC_IS_POOL (self), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  KDCC_UPDATE_STRING (name, data->name, PROP_NAME);
  KDCC_UPDATE_STRING (pool_type, data->type, PROP_POOL_TYPE);
  KDCC_UPDATE_STRING (autoscale_mode, data->autoscale_mode, PROP_AUTOSCALE_MODE);
  KDCC_UPDATE_SCALAR (size, data->size, PROP_SIZE);
  KDCC_UPDATE_SCALAR (min_size, data->min_size, PROP_MIN_SIZE);
  KDCC_UPDATE_SCALAR (pg_num, data->pg_num, PROP_PG_NUM);
  if (!_kdcc_strv_equals_array ((const char * const *) self->applications, data->applications))
    {
      g_strfreev (self->applications);
      self->applications = _kdcc_strv_from_array (data->applications);
      KDCC_NOTIFY (PROP_APPLICATIONS);
      changed = TRUE;
    }
  if (data->has_usage)
    {
      KDCC_UPDATE_SCALAR (stored_bytes, data->stored_bytes, PROP_STORED_BYTES);
      KDCC_UPDATE_SCALAR (max_avail_bytes, data->max_avail_bytes, PROP_MAX_AVAIL_BYTES);
      KDCC_UPDATE_SCALAR (objects, data->objects, PROP_OBJECTS);
      KDCC_UPDATE_SCALAR (percent_used, data->percent_used, PROP_PERCENT_USED);
    }
  KDCC_UPDATE_SCALAR (crush_rule, data->crush_rule, PROP_CRUSH_RULE);
  KDCC_UPDATE_STRING (erasure_code_profile, data->erasure_code_profile, PROP_ERASURE_CODE_PROFILE);
  KDCC_UPDATE_SCALAR (ec_k, data->ec_k, PROP_EC_K);
  KDCC_UPDATE_SCALAR (ec_m, data->ec_m, PROP_EC_M);
  KDCC_UPDATE_STRING (failure_domain, data->failure_domain, PROP_FAILURE_DOMAIN);
  KDCC_UPDATE_SCALAR (quota_max_bytes, data->quota_max_bytes, PROP_QUOTA_MAX_BYTES);
  KDCC_UPDATE_SCALAR (quota_max_objects, data->quota_max_objects, PROP_QUOTA_MAX_OBJECTS);
  if (!_kdcc_strv_equals_array ((const char * const *) self->options, data->options))
    {
      g_strfreev (self->options);
      self->options = _kdcc_strv_from_array (data->options);
      KDCC_NOTIFY (PROP_OPTIONS);
      changed = TRUE;
    }
  if (data->has_io)
    {
    KDCC_UPDATE_SCALAR (read_ops, data->read_ops, PROP_READ_OPS);
    KDCC_UPDATE_SCALAR (write_ops, data->write_ops, PROP_WRITE_OPS);
    KDCC_UPDATE_SCALAR (read_bytes, data->read_bytes, PROP_READ_BYTES);
    KDCC_UPDATE_SCALAR (write_bytes, data->write_bytes, PROP_WRITE_BYTES);
    KDCC_UPDATE_SCALAR (recovering_bytes, data->recovering_bytes, PROP_RECOVERING_BYTES);
    }
  if (data->has_io)
    KDCC_UPDATE_SCALAR (has_io, TRUE, PROP_HAS_IO);
  if (data->pg_states != NULL)
    {
      g_autofree char *text = pg_states_to_text (data->pg_states);

      KDCC_UPDATE_STRING (pg_states_text, text, PROP_PG_STATES_TEXT);
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
  key->number = ((const KdccPoolData *) element)->id;
  return TRUE;
}

static void
list_item_key (gpointer     item,
               KdccListKey *key)
{
  key->number = kdcc_pool_get_id (item);
}

static gpointer
list_create (gconstpointer element)
{
  return kdcc_pool_new (((const KdccPoolData *) element)->id);
}

static void
list_update (gpointer      item,
             gconstpointer element)
{
  kdcc_pool_update (item, element);
}

static int
list_compare (gconstpointer a,
              gconstpointer b)
{
  const KdccPoolData *x = a;
  const KdccPoolData *y = b;

  return (x->id > y->id) - (x->id < y->id);
}

const KdccListSync kdcc_pool_list_sync = {
  .key_kind = KDCC_LIST_KEY_INT64,
  .element_key = list_element_key,
  .item_key = list_item_key,
  .create = list_create,
  .update = list_update,
  .compare = list_compare,
};
