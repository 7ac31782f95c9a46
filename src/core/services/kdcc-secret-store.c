/* kdcc-secret-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-secret-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>
#include <string.h>

#include "kdcc-error.h"
#include "kdcc-secret-store.h"

#define SECRETS_BUS_NAME "org.freedesktop.secrets"

struct _KdccSecretStore
{
  GObject       parent_instance;

  /* Owned References */
  GMainContext *main_context;
  GCancellable *probe_cancellable;

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

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    "tech.koor.DataControlCenter.Password", SECRET_SCHEMA_NONE,
    {
      { "profile-id", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

void
kdcc_secret_store_free_password (char *password)
{
  if (password == NULL)
    return;

  /* Overwrite before freeing so the password does not linger in freed
   * heap memory (core dumps, swap). */
  secret_password_wipe (password);
  g_free (password);
}

static char *
dup_label (KdccProfile *profile)
{
  g_autofree char *name = kdcc_profile_dup_display_name (profile);

  /* TRANSLATORS: the label of the password in the desktop keyring
   * (Seahorse, "Passwords and Keys"); %s is the connection name. */
  return g_strdup_printf (_("Ceph password for %s (Koor Data Control Center)"), name);
}

/* Whether error says nobody provides the Secret Service (no bus, nothing
 * owns or can activate org.freedesktop.secrets), as opposed to a Secret
 * Service that answered with a failure (locked, denied, dismissed). */
static gboolean
is_unavailable_error (const GError *error)
{
  if (error == NULL)
    return FALSE;

  if (error->domain == G_SPAWN_ERROR)
    return TRUE;

  /* Only the errors that mean "nobody there". A provider that answers
   * with UnknownMethod or AccessDenied exists and is misconfigured or
   * locked: that must be reported, not papered over with memory. */
  if (error->domain == G_DBUS_ERROR)
    {
      switch (error->code)
        {
        case G_DBUS_ERROR_SERVICE_UNKNOWN:
        case G_DBUS_ERROR_NAME_HAS_NO_OWNER:
        case G_DBUS_ERROR_NO_SERVER:
        case G_DBUS_ERROR_BAD_ADDRESS:
        case G_DBUS_ERROR_DISCONNECTED:
        case G_DBUS_ERROR_FILE_NOT_FOUND:
        case G_DBUS_ERROR_SPAWN_EXEC_FAILED:
        case G_DBUS_ERROR_SPAWN_FORK_FAILED:
        case G_DBUS_ERROR_SPAWN_CHILD_EXITED:
        case G_DBUS_ERROR_SPAWN_CHILD_SIGNALED:
        case G_DBUS_ERROR_SPAWN_FAILED:
        case G_DBUS_ERROR_SPAWN_SERVICE_INVALID:
        case G_DBUS_ERROR_SPAWN_SERVICE_NOT_FOUND:
        case G_DBUS_ERROR_SPAWN_NO_MEMORY:
          return TRUE;
        default:
          return FALSE;
        }
    }

  if (error->domain == G_IO_ERROR)
    return error->code != G_IO_ERROR_CANCELLED && error->code != G_IO_ERROR_DBUS_ERROR;

  return FALSE;
}

/* Wraps a libsecret failure into KDCC_ERROR with what we were doing;
 * cancellation stays G_IO_ERROR_CANCELLED so callers can ignore it. */
static GError *
wrap_error (GError     *src,
            const char *what)
{
  GError *ret;

  if (g_error_matches (src, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return src;

  ret = g_error_new (KDCC_ERROR, KDCC_ERROR_FAILED, "%s: %s", what, src->message);
  g_error_free (src);
  return ret;
}

static gboolean
notify_persistent_cb (gpointer data)
{
  KdccSecretStore *self = data;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERSISTENT]);
  return G_SOURCE_REMOVE;
}

static void
mark_unavailable (KdccSecretStore *self,
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
  g_main_context_invoke_full (self->main_context, G_PRIORITY_DEFAULT, notify_persistent_cb,
                              g_object_ref (self), g_object_unref);
}

static gboolean
is_persistent (KdccSecretStore *self)
{
  gboolean ret;

  g_mutex_lock (&self->mutex);
  ret = self->persistent;
  g_mutex_unlock (&self->mutex);

  return ret;
}

static void
memory_store (KdccSecretStore *self,
              const char      *id,
              const char      *password)
{
  g_mutex_lock (&self->mutex);
  g_hash_table_replace (self->memory, g_strdup (id), g_strdup (password));
  g_mutex_unlock (&self->mutex);
}

static char *
memory_lookup (KdccSecretStore *self,
               const char      *id)
{
  char *ret;

  g_mutex_lock (&self->mutex);
  ret = g_strdup (g_hash_table_lookup (self->memory, id));
  g_mutex_unlock (&self->mutex);

  return ret;
}

static void
memory_clear (KdccSecretStore *self,
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
      mark_unavailable (self, error);
      return;
    }

  g_variant_get (reply, "(^a&s)", &names);
  if (!g_strv_contains (names, SECRETS_BUS_NAME))
    mark_unavailable (self, NULL);
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
      mark_unavailable (self, error);
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
      mark_unavailable (self, error);
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
  g_clear_pointer (&self->main_context, g_main_context_unref);
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
  self->main_context = g_main_context_ref_thread_default ();
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
  return is_persistent (self);
}

/* Async operations. The task data keeps the profile id, and for store the
 * password (wiped when the task goes), so a Secret Service that turns out
 * to be missing can still be answered from memory. */

typedef struct
{
  char *id;
  char *kind;
  char *label;
  char *password;
} OpData;

static void
op_data_free (OpData *data)
{
  g_free (data->id);
  g_free (data->kind);
  g_free (data->label);
  kdcc_secret_store_free_password (data->password);
  g_free (data);
}

static GTask *
op_task_new (KdccSecretStore     *self,
             KdccProfile         *profile,
             const char          *password,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data,
             gpointer             source_tag)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  OpData *data = g_new0 (OpData, 1);

  data->id = g_strdup (kdcc_profile_get_id (profile));
  data->kind = g_strdup (kdcc_profile_kind_to_string (kdcc_profile_get_kind (profile)));
  data->label = dup_label (profile);
  data->password = g_strdup (password);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, data, (GDestroyNotify) op_data_free);

  return task;
}

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  KdccSecretStore *self = g_task_get_source_object (task);
  OpData *data = g_task_get_task_data (task);

  if (secret_password_store_finish (result, &error))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (is_unavailable_error (error))
    {
      mark_unavailable (self, error);
      memory_store (self, data->id, data->password);
      g_task_return_boolean (task, TRUE);
      return;
    }

  g_task_return_error (task, wrap_error (g_steal_pointer (&error),
                                          _("Could not save the password in the keyring")));
}

/* Storing replaces only an item with the same attributes; a profile whose
 * kind changed would keep its old item too, and a lookup by id could then
 * find either. So every store first clears what the id has. */
static void
store_clear_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  KdccSecretStore *self = g_task_get_source_object (task);
  OpData *data = g_task_get_task_data (task);

  if (!secret_password_clear_finish (result, &error) && error != NULL)
    {
      if (is_unavailable_error (error))
        {
          mark_unavailable (self, error);
          memory_store (self, data->id, data->password);
          g_task_return_boolean (task, TRUE);
          return;
        }

      g_task_return_error (task, wrap_error (g_steal_pointer (&error),
                                              _("Could not save the password in the keyring")));
      return;
    }

  secret_password_store (get_schema (), SECRET_COLLECTION_DEFAULT, data->label, data->password,
                         g_task_get_cancellable (task), store_cb, g_object_ref (task),
                         "profile-id", data->id,
                         "kind", data->kind,
                         NULL);
}

void
kdcc_secret_store_store_async (KdccSecretStore     *self,
                               KdccProfile         *profile,
                               const char          *password,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (KDCC_IS_SECRET_STORE (self));
  g_return_if_fail (KDCC_IS_PROFILE (profile));
  g_return_if_fail (password != NULL);

  task = op_task_new (self, profile, password, cancellable, callback, user_data,
                      kdcc_secret_store_store_async);

  if (!is_persistent (self))
    {
      memory_store (self, kdcc_profile_get_id (profile), password);
      g_task_return_boolean (task, TRUE);
      return;
    }

  secret_password_clear (get_schema (), cancellable, store_clear_cb, g_steal_pointer (&task),
                         "profile-id", kdcc_profile_get_id (profile),
                         NULL);
}

gboolean
kdcc_secret_store_store_finish (KdccSecretStore  *self,
                                GAsyncResult     *result,
                                GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  KdccSecretStore *self = g_task_get_source_object (task);
  OpData *data = g_task_get_task_data (task);
  char *password;

  password = secret_password_lookup_finish (result, &error);
  if (password != NULL)
    {
      g_task_return_pointer (task, password, (GDestroyNotify) kdcc_secret_store_free_password);
      return;
    }

  if (error == NULL || is_unavailable_error (error))
    {
      if (error != NULL)
        mark_unavailable (self, error);
      g_task_return_pointer (task, memory_lookup (self, data->id),
                             (GDestroyNotify) kdcc_secret_store_free_password);
      return;
    }

  g_task_return_error (task, wrap_error (g_steal_pointer (&error),
                                          _("Could not read the password from the keyring")));
}

void
kdcc_secret_store_lookup_async (KdccSecretStore     *self,
                                KdccProfile         *profile,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (KDCC_IS_SECRET_STORE (self));
  g_return_if_fail (KDCC_IS_PROFILE (profile));

  task = op_task_new (self, profile, NULL, cancellable, callback, user_data,
                      kdcc_secret_store_lookup_async);

  if (!is_persistent (self))
    {
      g_task_return_pointer (task, memory_lookup (self, kdcc_profile_get_id (profile)),
                             (GDestroyNotify) kdcc_secret_store_free_password);
      return;
    }

  secret_password_lookup (get_schema (), cancellable, lookup_cb, g_steal_pointer (&task),
                          "profile-id", kdcc_profile_get_id (profile),
                          NULL);
}

char *
kdcc_secret_store_lookup_finish (KdccSecretStore  *self,
                                 GAsyncResult     *result,
                                 GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
clear_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  KdccSecretStore *self = g_task_get_source_object (task);

  /* FALSE without an error only means nothing was saved. */
  if (secret_password_clear_finish (result, &error) || error == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (is_unavailable_error (error))
    {
      mark_unavailable (self, error);
      g_task_return_boolean (task, TRUE);
      return;
    }

  g_task_return_error (task, wrap_error (g_steal_pointer (&error),
                                          _("Could not remove the password from the keyring")));
}

void
kdcc_secret_store_clear_async (KdccSecretStore     *self,
                               KdccProfile         *profile,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (KDCC_IS_SECRET_STORE (self));
  g_return_if_fail (KDCC_IS_PROFILE (profile));

  task = op_task_new (self, profile, NULL, cancellable, callback, user_data,
                      kdcc_secret_store_clear_async);

  memory_clear (self, kdcc_profile_get_id (profile));

  if (!is_persistent (self))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  secret_password_clear (get_schema (), cancellable, clear_cb, g_steal_pointer (&task),
                         "profile-id", kdcc_profile_get_id (profile),
                         NULL);
}

gboolean
kdcc_secret_store_clear_finish (KdccSecretStore  *self,
                                GAsyncResult     *result,
                                GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
kdcc_secret_store_store_sync (KdccSecretStore  *self,
                              KdccProfile      *profile,
                              const char       *password,
                              GCancellable     *cancellable,
                              GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *label = NULL;
  const char *id;

  g_return_val_if_fail (KDCC_IS_SECRET_STORE (self), FALSE);
  g_return_val_if_fail (KDCC_IS_PROFILE (profile), FALSE);
  g_return_val_if_fail (password != NULL, FALSE);

  id = kdcc_profile_get_id (profile);

  if (is_persistent (self))
    {
      label = dup_label (profile);
      /* See store_clear_cb() for why the old item goes first. */
      if (!secret_password_clear_sync (get_schema (), cancellable, &local_error,
                                       "profile-id", id,
                                       NULL) && local_error != NULL)
        {
          if (!is_unavailable_error (local_error))
            {
              g_propagate_error (error,
                                 wrap_error (g_steal_pointer (&local_error),
                                             _("Could not save the password in the keyring")));
              return FALSE;
            }
          mark_unavailable (self, local_error);
          memory_store (self, id, password);
          return TRUE;
        }

      if (secret_password_store_sync (get_schema (), SECRET_COLLECTION_DEFAULT, label, password,
                                      cancellable, &local_error,
                                      "profile-id", id,
                                      "kind",
                                      kdcc_profile_kind_to_string (kdcc_profile_get_kind (profile)),
                                      NULL))
        return TRUE;

      if (!is_unavailable_error (local_error))
        {
          g_propagate_error (error, wrap_error (g_steal_pointer (&local_error),
                                                _("Could not save the password in the keyring")));
          return FALSE;
        }

      mark_unavailable (self, local_error);
    }

  memory_store (self, id, password);
  return TRUE;
}

char *
kdcc_secret_store_lookup_sync (KdccSecretStore  *self,
                               KdccProfile      *profile,
                               GCancellable     *cancellable,
                               GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *id;

  g_return_val_if_fail (KDCC_IS_SECRET_STORE (self), NULL);
  g_return_val_if_fail (KDCC_IS_PROFILE (profile), NULL);

  id = kdcc_profile_get_id (profile);

  if (is_persistent (self))
    {
      char *password;

      password = secret_password_lookup_sync (get_schema (), cancellable, &local_error,
                                              "profile-id", id,
                                              NULL);
      if (password != NULL)
        return password;

      if (local_error != NULL && !is_unavailable_error (local_error))
        {
          g_propagate_error (error, wrap_error (g_steal_pointer (&local_error),
                                                _("Could not read the password from the keyring")));
          return NULL;
        }

      if (local_error != NULL)
        mark_unavailable (self, local_error);
    }

  return memory_lookup (self, id);
}

gboolean
kdcc_secret_store_clear_sync (KdccSecretStore  *self,
                              KdccProfile      *profile,
                              GCancellable     *cancellable,
                              GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *id;

  g_return_val_if_fail (KDCC_IS_SECRET_STORE (self), FALSE);
  g_return_val_if_fail (KDCC_IS_PROFILE (profile), FALSE);

  id = kdcc_profile_get_id (profile);
  memory_clear (self, id);

  if (!is_persistent (self))
    return TRUE;

  if (secret_password_clear_sync (get_schema (), cancellable, &local_error,
                                  "profile-id", id,
                                  NULL) || local_error == NULL)
    return TRUE;

  if (is_unavailable_error (local_error))
    {
      mark_unavailable (self, local_error);
      return TRUE;
    }

  g_propagate_error (error,
                     wrap_error (g_steal_pointer (&local_error),
                                 _("Could not remove the password from the keyring")));
  return FALSE;
}
