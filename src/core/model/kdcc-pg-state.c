/* kdcc-pg-state.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-pg-state"

#include "config.h"

#include "kdcc-pg-class.h"
#include "kdcc-pg-state.h"

struct _KdccPgState
{
  GObject   parent_instance;

  char     *state;
  gint64    count;
  gboolean  healthy;
};

G_DEFINE_FINAL_TYPE (KdccPgState, kdcc_pg_state, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  PROP_COUNT,
  PROP_HEALTHY,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Kept for its callers; the rule lives in kdcc-pg-class.c so that every
 * view counts clean PGs the same way. */
gboolean
kdcc_pg_state_is_healthy_name (const char *state)
{
  return kdcc_pg_class_is_clean (state);
}

static void
kdcc_pg_state_finalize (GObject *object)
{
  KdccPgState *self = (KdccPgState *) object;

  g_free (self->state);

  G_OBJECT_CLASS (kdcc_pg_state_parent_class)->finalize (object);
}

static void
kdcc_pg_state_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  KdccPgState *self = KDCC_PG_STATE (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_string (value, self->state);
      break;
    case PROP_COUNT:
      g_value_set_int64 (value, self->count);
      break;
    case PROP_HEALTHY:
      g_value_set_boolean (value, self->healthy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_pg_state_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  KdccPgState *self = KDCC_PG_STATE (object);

  switch (prop_id)
    {
    case PROP_STATE:
      self->state = g_value_dup_string (value);
      self->healthy = kdcc_pg_state_is_healthy_name (self->state);
      break;
    case PROP_COUNT:
      kdcc_pg_state_set_count (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_pg_state_class_init (KdccPgStateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kdcc_pg_state_finalize;
  object_class->get_property = kdcc_pg_state_get_property;
  object_class->set_property = kdcc_pg_state_set_property;

  properties[PROP_STATE] =
    g_param_spec_string ("state", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COUNT] =
    g_param_spec_int64 ("count", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HEALTHY] =
    g_param_spec_boolean ("healthy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
kdcc_pg_state_init (KdccPgState *self)
{
}

KdccPgState *
kdcc_pg_state_new (const char *state)
{
  return g_object_new (KDCC_TYPE_PG_STATE, "state", state, NULL);
}

const char *
kdcc_pg_state_get_state (KdccPgState *self)
{
  g_return_val_if_fail (KDCC_IS_PG_STATE (self), NULL);
  return self->state;
}

gint64
kdcc_pg_state_get_count (KdccPgState *self)
{
  g_return_val_if_fail (KDCC_IS_PG_STATE (self), 0);
  return self->count;
}

gboolean
kdcc_pg_state_get_healthy (KdccPgState *self)
{
  g_return_val_if_fail (KDCC_IS_PG_STATE (self), FALSE);
  return self->healthy;
}

void
kdcc_pg_state_set_count (KdccPgState *self,
                         gint64       count)
{
  g_return_if_fail (KDCC_IS_PG_STATE (self));

  if (self->count == count)
    return;

  self->count = count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT]);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* List sync --------------------------------------------------------------- */

static gboolean
list_element_key (gconstpointer  element,
                  KdccListKey   *key)
{
  key->string = ((const KdccPgStateData *) element)->state;
  return key->string != NULL;
}

static void
list_item_key (gpointer     item,
               KdccListKey *key)
{
  key->string = kdcc_pg_state_get_state (item);
}

static gpointer
list_create (gconstpointer element)
{
  return kdcc_pg_state_new (((const KdccPgStateData *) element)->state);
}

static void
list_update (gpointer      item,
             gconstpointer element)
{
  kdcc_pg_state_set_count (item, ((const KdccPgStateData *) element)->count);
}

static int
list_compare (gconstpointer a,
              gconstpointer b)
{
  const KdccPgStateData *x = a;
  const KdccPgStateData *y = b;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return g_strcmp0 (x->state, y->state);
}

const KdccListSync kdcc_pg_state_list_sync = {
  .key_kind = KDCC_LIST_KEY_STRING,
  .element_key = list_element_key,
  .item_key = list_item_key,
  .create = list_create,
  .update = list_update,
  .compare = list_compare,
};
