/* kdcc-secret-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store itself: whether a Secret Service answers (probed on the bus,
 * without starting one), and the in-memory fallback when none does. The
 * store, lookup and clear operations are in kdcc-secret-store-ops.c.
 */
#define G_LOG_DOMAIN "kdcc-secret-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>
#include <string.h>

#include "kdcc-error.h"
#include "kdcc-owner.h"
#include "kdcc-secret-store-private.h"

#define SECRETS_BUS_NAME "org.freedesktop.secrets"

struct _KdccSecretStore
{
  GObject       parent_instance;

  /* Owned References */
  KdccOwner     owner;
  GCancellable *probe_cancellable;
  guint         n_pending;     /* async operations not completed yet */

  /* Guarded by mutex: the sync variants may run on a worker thread. */
  GMutex        mutex;
  GHashTable   *memory;        /* profile id -> password, when not persistent */
  gboolean      persistent;
};

G_DEFINE_FINAL_TYPE (KdccSecretStore, kdcc_secret_store, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PERSISTENT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static gboolean
notify_persistent_cb (gpointer data)
{
  KdccSecretStore *self = data;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERSISTENT]);
  return G_SOURCE_REMOVE;
}

void
secret_store_mark_unavailable (KdccSecretStore *self,
                               const GError    *error)
{
  gboolean changed;

  g_mutex_lock (&self->mutex);
  changed = self->persistent;
  self->persistent = FALSE;
  g_mutex_unlock (&self->mutex);

  if (!changed)
    return;

  /* The reason may name a socket path but never a password. */
  g_debug ("No Secret Service, keeping passwords in memory: %s",
           error != NULL ? error->message : "org.freedesktop.secrets is not provided");

  /* Notify where the store was made, so UI handlers run on the main
   * thread even when a sync variant found out on a worker. */
  kdcc_owner_invoke (&self->owner, G_PRIORITY_DEFAULT, notify_persistent_cb,
                     g_object_ref (self), g_object_unref);
}

gboolean
secret_store_is_persistent (KdccSecretStore *self)
{
  gboolean ret;

  g_mutex_lock (&self->mutex);
  ret = self->persistent;
  g_mutex_unlock (&self->mutex);

  return ret;
}

void
secret_store_memory_store (KdccSecretStore *self,
                           const char      *id,
                           const char      *password)
{
  g_mutex_lock (&self->mutex);
  g_hash_table_replace (self->memory, g_strdup (id), g_strdup (password));
  g_mutex_unlock (&self->mutex);
}

char *
secret_store_memory_lookup (KdccSecretStore *self,
                            const char      *id)
{
  char *ret;

  g_mutex_lock (&self->mutex);
  ret = g_strdup (g_hash_table_lookup (self->memory, id));
  g_mutex_unlock (&self->mutex);

  return ret;
}

void
secret_store_memory_clear (KdccSecretStore *self,
                           const char      *id)
{
  g_mutex_lock (&self->mutex);
  g_hash_table_remove (self->memory, id);
  g_mutex_unlock (&self->mutex);
}

/* The probe: is there a session bus, and does anything own or activate
 * org.freedesktop.secrets on it? It runs once in the background so the UI
 * can tell the user before they type a password. Callbacks check for
 * cancellation before touching self: dispose cancels the probe. */

static void
list_activatable_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree const char **names = NULL;
  KdccSecretStore *self = user_data;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (reply == NULL)
    {
      secret_store_mark_unavailable (self, error);
      return;
    }

  g_variant_get (reply, "(^a&s)", &names);
  if (!g_strv_contains (names, SECRETS_BUS_NAME))
    secret_store_mark_unavailable (self, NULL);
}

static void
name_has_owner_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  KdccSecretStore *self = user_data;
  gboolean has_owner = FALSE;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (reply == NULL)
    {
      secret_store_mark_unavailable (self, error);
      return;
    }

  g_variant_get (reply, "(b)", &has_owner);
  if (has_owner)
    return;

  g_dbus_connection_call (G_DBUS_CONNECTION (object), "org.freedesktop.DBus",
                          "/org/freedesktop/DBus", "org.freedesktop.DBus",
                          "ListActivatableNames", NULL, G_VARIANT_TYPE ("(as)"),
                          G_DBUS_CALL_FLAGS_NONE, -1, self->probe_cancellable,
                          list_activatable_cb, self);
}

static void
bus_get_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GError) error = NULL;
  KdccSecretStore *self = user_data;

  bus = g_bus_get_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (bus == NULL)
    {
      secret_store_mark_unavailable (self, error);
      return;
    }

  g_dbus_connection_call (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                          "org.freedesktop.DBus", "NameHasOwner",
                          g_variant_new ("(s)", SECRETS_BUS_NAME), G_VARIANT_TYPE ("(b)"),
                          G_DBUS_CALL_FLAGS_NONE, -1, self->probe_cancellable,
                          name_has_owner_cb, self);
}

static void
kdcc_secret_store_constructed (GObject *object)
{
  KdccSecretStore *self = KDCC_SECRET_STORE (object);

  G_OBJECT_CLASS (kdcc_secret_store_parent_class)->constructed (object);

  g_bus_get (G_BUS_TYPE_SESSION, self->probe_cancellable, bus_get_cb, self);
}

static void
kdcc_secret_store_dispose (GObject *object)
{
  KdccSecretStore *self = KDCC_SECRET_STORE (object);

  g_cancellable_cancel (self->probe_cancellable);

  G_OBJECT_CLASS (kdcc_secret_store_parent_class)->dispose (object);
}

static void
kdcc_secret_store_finalize (GObject *object)
{
  KdccSecretStore *self = KDCC_SECRET_STORE (object);

  g_clear_object (&self->probe_cancellable);
  kdcc_owner_clear (&self->owner);
  g_hash_table_unref (self->memory);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (kdcc_secret_store_parent_class)->finalize (object);
}

static void
kdcc_secret_store_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  KdccSecretStore *self = KDCC_SECRET_STORE (object);

  switch (prop_id)
    {
    case PROP_PERSISTENT:
      g_value_set_boolean (value, kdcc_secret_store_get_persistent (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_secret_store_class_init (KdccSecretStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = kdcc_secret_store_constructed;
  object_class->dispose = kdcc_secret_store_dispose;
  object_class->finalize = kdcc_secret_store_finalize;
  object_class->get_property = kdcc_secret_store_get_property;

  properties[PROP_PERSISTENT] =
    g_param_spec_boolean ("persistent", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kdcc_secret_store_init (KdccSecretStore *self)
{
  g_mutex_init (&self->mutex);
  self->persistent = TRUE;
  self->memory = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) kdcc_secret_store_free_password);
  kdcc_owner_init (&self->owner);
  self->probe_cancellable = g_cancellable_new ();
}

KdccSecretStore *
kdcc_secret_store_new (void)
{
  return g_object_new (KDCC_TYPE_SECRET_STORE, NULL);
}

gboolean
kdcc_secret_store_get_persistent (KdccSecretStore *self)
{
  g_return_val_if_fail (KDCC_IS_SECRET_STORE (self), FALSE);
  return secret_store_is_persistent (self);
}

static void
task_completed_cb (GTask           *task,
                   GParamSpec      *pspec,
                   KdccSecretStore *self)
{
  if (!g_task_get_completed (task))
    return;

  g_signal_handlers_disconnect_by_func (task, task_completed_cb, self);
  g_assert (self->n_pending > 0);
  self->n_pending--;
}

/* Called on the store's main context, where the tasks complete too. */
void
secret_store_track_task (KdccSecretStore *self,
                         GTask           *task)
{
  self->n_pending++;
  /* The task holds the store (its source object) until it completes. */
  g_signal_connect (task, "notify::completed", G_CALLBACK (task_completed_cb), self);
}

guint
kdcc_secret_store_get_n_pending (KdccSecretStore *self)
{
  g_return_val_if_fail (KDCC_IS_SECRET_STORE (self), 0);

  return self->n_pending;
}

static gboolean
flush_timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
kdcc_secret_store_flush (KdccSecretStore *self,
                         guint            timeout_ms)
{
  g_autoptr(GSource) timeout = NULL;
  gboolean timed_out = FALSE;

  g_return_val_if_fail (KDCC_IS_SECRET_STORE (self), FALSE);

  if (self->n_pending == 0)
    return TRUE;

  timeout = g_timeout_source_new (timeout_ms);
  g_source_set_callback (timeout, flush_timeout_cb, &timed_out, NULL);
  g_source_attach (timeout, self->owner.context);

  while (self->n_pending > 0 && !timed_out)
    g_main_context_iteration (self->owner.context, TRUE);

  g_source_destroy (timeout);
  if (self->n_pending > 0)
    g_warning ("%u keyring operations did not finish in time", self->n_pending);

  return self->n_pending == 0;
}
