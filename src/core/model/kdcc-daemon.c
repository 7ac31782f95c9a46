/* kdcc-daemon.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-daemon"

#include "config.h"

#include "kdcc-model-private.h"
#include "kdcc-daemon.h"

struct _KdccDaemon
{
  GObject parent_instance;

  char *full_name;
  char *daemon_type;
  char *name;
  char *host;
  char *addr;
  char *version;
  char *state;
  gint64 rank;
  gboolean in_quorum;
  gboolean leader;
  gboolean active;
  char *filesystem;
};

G_DEFINE_FINAL_TYPE (KdccDaemon, kdcc_daemon, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FULL_NAME,
  PROP_DAEMON_TYPE,
  PROP_NAME,
  PROP_HOST,
  PROP_ADDR,
  PROP_VERSION,
  PROP_STATE,
  PROP_RANK,
  PROP_IN_QUORUM,
  PROP_LEADER,
  PROP_ACTIVE,
  PROP_FILESYSTEM,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
kdcc_daemon_finalize (GObject *object)
{
  KdccDaemon *self = (KdccDaemon *) object;

  g_free (self->full_name);
  g_free (self->daemon_type);
  g_free (self->name);
  g_free (self->host);
  g_free (self->addr);
  g_free (self->version);
  g_free (self->state);
  g_free (self->filesystem);

  G_OBJECT_CLASS (kdcc_daemon_parent_class)->finalize (object);
}

static void
kdcc_daemon_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  KdccDaemon *self = KDCC_DAEMON (object);

  switch (prop_id)
    {
    case PROP_FULL_NAME:
      g_value_set_string (value, self->full_name);
      break;
    case PROP_DAEMON_TYPE:
      g_value_set_string (value, self->daemon_type);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_HOST:
      g_value_set_string (value, self->host);
      break;
    case PROP_ADDR:
      g_value_set_string (value, self->addr);
      break;
    case PROP_VERSION:
      g_value_set_string (value, self->version);
      break;
    case PROP_STATE:
      g_value_set_string (value, self->state);
      break;
    case PROP_RANK:
      g_value_set_int64 (value, self->rank);
      break;
    case PROP_IN_QUORUM:
      g_value_set_boolean (value, self->in_quorum);
      break;
    case PROP_LEADER:
      g_value_set_boolean (value, self->leader);
      break;
    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;
    case PROP_FILESYSTEM:
      g_value_set_string (value, self->filesystem);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_daemon_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  KdccDaemon *self = KDCC_DAEMON (object);

  switch (prop_id)
    {
    case PROP_FULL_NAME:
      self->full_name = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_daemon_class_init (KdccDaemonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = kdcc_daemon_finalize;
  object_class->get_property = kdcc_daemon_get_property;
  object_class->set_property = kdcc_daemon_set_property;

  properties[PROP_FULL_NAME] =
    g_param_spec_string ("full-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DAEMON_TYPE] = g_param_spec_string ("daemon-type", NULL, NULL, NULL, ro);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, ro);
  properties[PROP_HOST] = g_param_spec_string ("host", NULL, NULL, NULL, ro);
  properties[PROP_ADDR] = g_param_spec_string ("addr", NULL, NULL, NULL, ro);
  properties[PROP_VERSION] = g_param_spec_string ("version", NULL, NULL, NULL, ro);
  properties[PROP_STATE] = g_param_spec_string ("state", NULL, NULL, NULL, ro);
  properties[PROP_RANK] =
    g_param_spec_int64 ("rank", NULL, NULL, G_MININT64, G_MAXINT64, -1, ro);
  properties[PROP_IN_QUORUM] = g_param_spec_boolean ("in-quorum", NULL, NULL, FALSE, ro);
  properties[PROP_LEADER] = g_param_spec_boolean ("leader", NULL, NULL, FALSE, ro);
  properties[PROP_ACTIVE] = g_param_spec_boolean ("active", NULL, NULL, FALSE, ro);
  properties[PROP_FILESYSTEM] = g_param_spec_string ("filesystem", NULL, NULL, NULL, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
kdcc_daemon_init (KdccDaemon *self)
{
  self->rank = -1;
}

KdccDaemon *
kdcc_daemon_new (const char *full_name)
{
  return g_object_new (KDCC_TYPE_DAEMON, "full-name", full_name, NULL);
}

const char *
kdcc_daemon_get_full_name (KdccDaemon *self)
{
  g_return_val_if_fail (KDCC_IS_DAEMON (self), NULL);
  return self->full_name;
}

const char *
kdcc_daemon_get_daemon_type (KdccDaemon *self)
{
  g_return_val_if_fail (KDCC_IS_DAEMON (self), NULL);
  return self->daemon_type;
}

const char *
kdcc_daemon_get_name (KdccDaemon *self)
{
  g_return_val_if_fail (KDCC_IS_DAEMON (self), NULL);
  return self->name;
}

const char *
kdcc_daemon_get_host (KdccDaemon *self)
{
  g_return_val_if_fail (KDCC_IS_DAEMON (self), NULL);
  return self->host;
}

const char *
kdcc_daemon_get_addr (KdccDaemon *self)
{
  g_return_val_if_fail (KDCC_IS_DAEMON (self), NULL);
  return self->addr;
}

const char *
kdcc_daemon_get_version (KdccDaemon *self)
{
  g_return_val_if_fail (KDCC_IS_DAEMON (self), NULL);
  return self->version;
}

const char *
kdcc_daemon_get_state (KdccDaemon *self)
{
  g_return_val_if_fail (KDCC_IS_DAEMON (self), NULL);
  return self->state;
}

gint64
kdcc_daemon_get_rank (KdccDaemon *self)
{
  g_return_val_if_fail (KDCC_IS_DAEMON (self), -1);
  return self->rank;
}

gboolean
kdcc_daemon_get_in_quorum (KdccDaemon *self)
{
  g_return_val_if_fail (KDCC_IS_DAEMON (self), FALSE);
  return self->in_quorum;
}

gboolean
kdcc_daemon_get_leader (KdccDaemon *self)
{
  g_return_val_if_fail (KDCC_IS_DAEMON (self), FALSE);
  return self->leader;
}

gboolean
kdcc_daemon_get_active (KdccDaemon *self)
{
  g_return_val_if_fail (KDCC_IS_DAEMON (self), FALSE);
  return self->active;
}

const char *
kdcc_daemon_get_filesystem (KdccDaemon *self)
{
  g_return_val_if_fail (KDCC_IS_DAEMON (self), NULL);
  return self->filesystem;
}

gboolean
kdcc_daemon_update (KdccDaemon *self,
                   const KdccDaemonData *data)
{
  gboolean changed = FALSE;
  gboolean frozen = FALSE;

  g_return_val_if_fail (KDCC_IS_DAEMON (self), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  KDCC_UPDATE_STRING (daemon_type, data->daemon_type, PROP_DAEMON_TYPE);
  KDCC_UPDATE_STRING (name, data->name, PROP_NAME);
  KDCC_UPDATE_STRING (host, data->host, PROP_HOST);
  KDCC_UPDATE_STRING (addr, data->addr, PROP_ADDR);
  KDCC_UPDATE_STRING (version, data->version, PROP_VERSION);
  KDCC_UPDATE_STRING (state, data->state, PROP_STATE);
  KDCC_UPDATE_SCALAR (rank, data->rank, PROP_RANK);
  KDCC_UPDATE_SCALAR (in_quorum, !!data->in_quorum, PROP_IN_QUORUM);
  KDCC_UPDATE_SCALAR (leader, !!data->leader, PROP_LEADER);
  KDCC_UPDATE_SCALAR (active, !!data->active, PROP_ACTIVE);
  KDCC_UPDATE_STRING (filesystem, data->filesystem, PROP_FILESYSTEM);
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
  const KdccDaemonData *data = element;

  if (data->full_name == NULL)
    return FALSE;
  key->string = data->full_name;
  return TRUE;
}

static void
list_item_key (gpointer     item,
               KdccListKey *key)
{
  key->string = ((KdccDaemon *) item)->full_name;
}

static gpointer
list_create (gconstpointer element)
{
  return kdcc_daemon_new (((KdccDaemonData *) element)->full_name);
}

static void
list_update (gpointer      item,
             gconstpointer element)
{
  kdcc_daemon_update (item, element);
}

/* mons, mgrs, MDS, RGW, then by name. */
static int
type_order (const char *type)
{
  static const char * const order[] = { "mon", "mgr", "mds", "rgw" };

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (g_strcmp0 (type, order[i]) == 0)
      return i;
  return G_N_ELEMENTS (order);
}

static int
list_compare (gconstpointer a,
              gconstpointer b)
{
  const KdccDaemonData *x = a;
  const KdccDaemonData *y = b;
  int tx = type_order (x->daemon_type);
  int ty = type_order (y->daemon_type);

  if (tx != ty)
    return tx - ty;
  return g_strcmp0 (x->full_name, y->full_name);
}

const KdccListSync kdcc_daemon_list_sync = {
  .key_kind = KDCC_LIST_KEY_STRING,
  .element_key = list_element_key,
  .item_key = list_item_key,
  .create = list_create,
  .update = list_update,
  .compare = list_compare,
};
