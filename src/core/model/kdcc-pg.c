/* kdcc-pg.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-pg"

#include "config.h"

#include <string.h>

#include "kdcc-model-private.h"
#include "kdcc-pg.h"

struct _KdccPg
{
  GObject parent_instance;

  char *pgid;
  gint64 pool_id;
  gint64 seed;          /* the PG id's hex part, parsed once: tables sort by it */
  const char *state;    /* interned: 100,000 PGs share a handful of states */
  GArray *up;
  char *up_text;
  GArray *acting;
  char *acting_text;
  gint64 up_primary;
  gint64 acting_primary;
  gint64 last_scrub_stamp;
  gint64 last_deep_scrub_stamp;
  double last_scrub_duration;
  guint64 objects;
  guint64 bytes;
  KdccPgProblems problems;
};

G_DEFINE_FINAL_TYPE (KdccPg, kdcc_pg, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PGID,
  PROP_POOL_ID,
  PROP_STATE,
  PROP_UP,
  PROP_ACTING,
  PROP_UP_PRIMARY,
  PROP_ACTING_PRIMARY,
  PROP_LAST_SCRUB_STAMP,
  PROP_LAST_DEEP_SCRUB_STAMP,
  PROP_LAST_SCRUB_DURATION,
  PROP_OBJECTS,
  PROP_BYTES,
  PROP_PROBLEMS,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
kdcc_pg_finalize (GObject *object)
{
  KdccPg *self = (KdccPg *) object;

  g_free (self->pgid);
  g_clear_pointer (&self->up, g_array_unref);
  g_free (self->up_text);
  g_clear_pointer (&self->acting, g_array_unref);
  g_free (self->acting_text);

  G_OBJECT_CLASS (kdcc_pg_parent_class)->finalize (object);
}

static void
kdcc_pg_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  KdccPg *self = KDCC_PG (object);

  switch (prop_id)
    {
    case PROP_PGID:
      g_value_set_string (value, self->pgid);
      break;
    case PROP_POOL_ID:
      g_value_set_int64 (value, self->pool_id);
      break;
    case PROP_STATE:
      g_value_set_string (value, self->state);
      break;
    case PROP_UP:
      g_value_set_string (value, self->up_text);
      break;
    case PROP_ACTING:
      g_value_set_string (value, self->acting_text);
      break;
    case PROP_UP_PRIMARY:
      g_value_set_int64 (value, self->up_primary);
      break;
    case PROP_ACTING_PRIMARY:
      g_value_set_int64 (value, self->acting_primary);
      break;
    case PROP_LAST_SCRUB_STAMP:
      g_value_set_int64 (value, self->last_scrub_stamp);
      break;
    case PROP_LAST_DEEP_SCRUB_STAMP:
      g_value_set_int64 (value, self->last_deep_scrub_stamp);
      break;
    case PROP_LAST_SCRUB_DURATION:
      g_value_set_double (value, self->last_scrub_duration);
      break;
    case PROP_OBJECTS:
      g_value_set_uint64 (value, self->objects);
      break;
    case PROP_BYTES:
      g_value_set_uint64 (value, self->bytes);
      break;
    case PROP_PROBLEMS:
      g_value_set_uint (value, self->problems);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_pg_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  KdccPg *self = KDCC_PG (object);

  switch (prop_id)
    {
    case PROP_PGID:
      self->pgid = g_value_dup_string (value);
      if (self->pgid != NULL)
        kdcc_pg_id_parse (self->pgid, &self->pool_id, &self->seed);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_pg_class_init (KdccPgClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = kdcc_pg_finalize;
  object_class->get_property = kdcc_pg_get_property;
  object_class->set_property = kdcc_pg_set_property;

  properties[PROP_PGID] =
    g_param_spec_string ("pgid", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_POOL_ID] =
    g_param_spec_int64 ("pool-id", NULL, NULL, G_MININT64, G_MAXINT64, -1, ro);
  properties[PROP_STATE] = g_param_spec_string ("state", NULL, NULL, NULL, ro);
  properties[PROP_UP] = g_param_spec_string ("up", NULL, NULL, NULL, ro);
  properties[PROP_ACTING] = g_param_spec_string ("acting", NULL, NULL, NULL, ro);
  properties[PROP_UP_PRIMARY] =
    g_param_spec_int64 ("up-primary", NULL, NULL, G_MININT64, G_MAXINT64, -1, ro);
  properties[PROP_ACTING_PRIMARY] =
    g_param_spec_int64 ("acting-primary", NULL, NULL, G_MININT64, G_MAXINT64, -1, ro);
  properties[PROP_LAST_SCRUB_STAMP] =
    g_param_spec_int64 ("last-scrub-stamp", NULL, NULL, G_MININT64, G_MAXINT64, 0, ro);
  properties[PROP_LAST_DEEP_SCRUB_STAMP] =
    g_param_spec_int64 ("last-deep-scrub-stamp", NULL, NULL, G_MININT64, G_MAXINT64, 0, ro);
  properties[PROP_LAST_SCRUB_DURATION] =
    g_param_spec_double ("last-scrub-duration", NULL, NULL, -1, G_MAXDOUBLE, -1, ro);
  properties[PROP_OBJECTS] =
    g_param_spec_uint64 ("objects", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties[PROP_BYTES] =
    g_param_spec_uint64 ("bytes", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties[PROP_PROBLEMS] =
    g_param_spec_uint ("problems", NULL, NULL, 0, G_MAXUINT, 0, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
kdcc_pg_init (KdccPg *self)
{
  self->pool_id = -1;
  self->up = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->acting = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->up_primary = -1;
  self->acting_primary = -1;
  self->last_scrub_duration = -1;
}

KdccPg *
kdcc_pg_new (const char *pgid)
{
  return g_object_new (KDCC_TYPE_PG, "pgid", pgid, NULL);
}

const char *
kdcc_pg_get_pgid (KdccPg *self)
{
  g_return_val_if_fail (KDCC_IS_PG (self), NULL);
  return self->pgid;
}

gint64
kdcc_pg_get_pool_id (KdccPg *self)
{
  g_return_val_if_fail (KDCC_IS_PG (self), -1);
  return self->pool_id;
}

gint64
kdcc_pg_get_seed (KdccPg *self)
{
  g_return_val_if_fail (KDCC_IS_PG (self), 0);

  return self->seed;
}

const char *
kdcc_pg_get_state (KdccPg *self)
{
  g_return_val_if_fail (KDCC_IS_PG (self), NULL);
  return self->state;
}

const GArray *
kdcc_pg_get_up (KdccPg *self)
{
  g_return_val_if_fail (KDCC_IS_PG (self), NULL);
  return self->up;
}

const GArray *
kdcc_pg_get_acting (KdccPg *self)
{
  g_return_val_if_fail (KDCC_IS_PG (self), NULL);
  return self->acting;
}

gint64
kdcc_pg_get_up_primary (KdccPg *self)
{
  g_return_val_if_fail (KDCC_IS_PG (self), -1);
  return self->up_primary;
}

gint64
kdcc_pg_get_acting_primary (KdccPg *self)
{
  g_return_val_if_fail (KDCC_IS_PG (self), -1);
  return self->acting_primary;
}

gint64
kdcc_pg_get_last_scrub_stamp (KdccPg *self)
{
  g_return_val_if_fail (KDCC_IS_PG (self), -1);
  return self->last_scrub_stamp;
}

gint64
kdcc_pg_get_last_deep_scrub_stamp (KdccPg *self)
{
  g_return_val_if_fail (KDCC_IS_PG (self), -1);
  return self->last_deep_scrub_stamp;
}

double
kdcc_pg_get_last_scrub_duration (KdccPg *self)
{
  g_return_val_if_fail (KDCC_IS_PG (self), -1);
  return self->last_scrub_duration;
}

guint64
kdcc_pg_get_objects (KdccPg *self)
{
  g_return_val_if_fail (KDCC_IS_PG (self), 0);
  return self->objects;
}

guint64
kdcc_pg_get_bytes (KdccPg *self)
{
  g_return_val_if_fail (KDCC_IS_PG (self), 0);
  return self->bytes;
}

KdccPgProblems
kdcc_pg_get_problems (KdccPg *self)
{
  g_return_val_if_fail (KDCC_IS_PG (self), 0);
  return self->problems;
}

/* "[1,0,2]", as Ceph prints an OSD set. */
static char *
ids_to_text (const GArray *ids)
{
  GString *text = g_string_new ("[");

  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                            g_array_index (ids, gint64, i));
  g_string_append_c (text, ']');
  return g_string_free (text, FALSE);
}

static gboolean
ids_equal (const GArray *a,
           const GArray *b)
{
  return a->len == b->len
         && (a->len == 0 || memcmp (a->data, b->data, a->len * sizeof (gint64)) == 0);
}

gboolean
kdcc_pg_update (KdccPg *self,
               const KdccPgData *data)
{
  gboolean changed = FALSE;
  gboolean frozen = FALSE;

  g_return_val_if_fail (KDCC_IS_PG (self), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  KDCC_UPDATE_SCALAR (pool_id, data->pool_id, PROP_POOL_ID);
  if (g_strcmp0 (self->state, data->state) != 0)
    {
      self->state = g_intern_string (data->state);
      KDCC_NOTIFY (PROP_STATE);
      changed = TRUE;
    }
  if (data->up != NULL && (!ids_equal (self->up, data->up) || self->up_text == NULL))
    {
      g_array_set_size (self->up, 0);
      g_array_append_vals (self->up, data->up->data, data->up->len);
      g_free (self->up_text);
      self->up_text = ids_to_text (self->up);
      KDCC_NOTIFY (PROP_UP);
      changed = TRUE;
    }
  if (data->acting != NULL && (!ids_equal (self->acting, data->acting) || self->acting_text == NULL))
    {
      g_array_set_size (self->acting, 0);
      g_array_append_vals (self->acting, data->acting->data, data->acting->len);
      g_free (self->acting_text);
      self->acting_text = ids_to_text (self->acting);
      KDCC_NOTIFY (PROP_ACTING);
      changed = TRUE;
    }
  KDCC_UPDATE_SCALAR (up_primary, data->up_primary, PROP_UP_PRIMARY);
  KDCC_UPDATE_SCALAR (acting_primary, data->acting_primary, PROP_ACTING_PRIMARY);
  KDCC_UPDATE_SCALAR (last_scrub_stamp, data->last_scrub_stamp, PROP_LAST_SCRUB_STAMP);
  KDCC_UPDATE_SCALAR (last_deep_scrub_stamp, data->last_deep_scrub_stamp, PROP_LAST_DEEP_SCRUB_STAMP);
  KDCC_UPDATE_SCALAR (last_scrub_duration, data->last_scrub_duration, PROP_LAST_SCRUB_DURATION);
  KDCC_UPDATE_SCALAR (objects, data->objects, PROP_OBJECTS);
  KDCC_UPDATE_SCALAR (bytes, data->bytes, PROP_BYTES);
  KDCC_UPDATE_SCALAR (problems, data->problems, PROP_PROBLEMS);
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
  const KdccPgData *data = element;

  if (data->pgid == NULL)
    return FALSE;
  key->string = data->pgid;
  return TRUE;
}

static void
list_item_key (gpointer     item,
               KdccListKey *key)
{
  key->string = ((KdccPg *) item)->pgid;
}

static gpointer
list_create (gconstpointer element)
{
  return kdcc_pg_new (((KdccPgData *) element)->pgid);
}

static void
list_update (gpointer      item,
             gconstpointer element)
{
  kdcc_pg_update (item, element);
}

static int
list_compare (gconstpointer a,
              gconstpointer b)
{
  return kdcc_pg_data_compare (a, b);
}

static guint64
list_element_digest (gconstpointer element)
{
  return ((const KdccPgData *) element)->digest;
}

const KdccListSync kdcc_pg_list_sync = {
  .key_kind = KDCC_LIST_KEY_STRING,
  .element_key = list_element_key,
  .item_key = list_item_key,
  .create = list_create,
  .update = list_update,
  .compare = list_compare,
  .element_digest = list_element_digest,
};
