/* kdcc-secret-store-ops.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Storing, looking up and clearing a profile's password through libsecret,
 * async and sync, falling back to memory when no Secret Service answers.
 */
#define G_LOG_DOMAIN "kdcc-secret-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>
#include <string.h>

#include "kdcc-error.h"
#include "kdcc-secret-store-private.h"

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

  secret_store_track_task (self, task);

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
      secret_store_mark_unavailable (self, error);
      secret_store_memory_store (self, data->id, data->password);
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
          secret_store_mark_unavailable (self, error);
          secret_store_memory_store (self, data->id, data->password);
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

  if (!secret_store_is_persistent (self))
    {
      secret_store_memory_store (self, kdcc_profile_get_id (profile), password);
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
        secret_store_mark_unavailable (self, error);
      g_task_return_pointer (task, secret_store_memory_lookup (self, data->id),
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

  if (!secret_store_is_persistent (self))
    {
      g_task_return_pointer (task, secret_store_memory_lookup (self, kdcc_profile_get_id (profile)),
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
      secret_store_mark_unavailable (self, error);
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

  secret_store_memory_clear (self, kdcc_profile_get_id (profile));

  if (!secret_store_is_persistent (self))
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
kdcc_secret_store_store_id_sync (KdccSecretStore  *self,
                                 const char       *id,
                                 const char       *kind,
                                 const char       *label,
                                 const char       *password,
                                 GCancellable     *cancellable,
                                 GError          **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (KDCC_IS_SECRET_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL && kind != NULL && label != NULL, FALSE);
  g_return_val_if_fail (password != NULL, FALSE);

  if (secret_store_is_persistent (self))
    {
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
          secret_store_mark_unavailable (self, local_error);
          secret_store_memory_store (self, id, password);
          return TRUE;
        }

      if (secret_password_store_sync (get_schema (), SECRET_COLLECTION_DEFAULT, label, password,
                                      cancellable, &local_error,
                                      "profile-id", id,
                                      "kind", kind,
                                      NULL))
        return TRUE;

      if (!is_unavailable_error (local_error))
        {
          g_propagate_error (error, wrap_error (g_steal_pointer (&local_error),
                                                _("Could not save the password in the keyring")));
          return FALSE;
        }

      secret_store_mark_unavailable (self, local_error);
    }

  secret_store_memory_store (self, id, password);
  return TRUE;
}

gboolean
kdcc_secret_store_store_sync (KdccSecretStore  *self,
                              KdccProfile      *profile,
                              const char       *password,
                              GCancellable     *cancellable,
                              GError          **error)
{
  g_autofree char *label = NULL;

  g_return_val_if_fail (KDCC_IS_SECRET_STORE (self), FALSE);
  g_return_val_if_fail (KDCC_IS_PROFILE (profile), FALSE);
  g_return_val_if_fail (password != NULL, FALSE);

  label = dup_label (profile);
  return kdcc_secret_store_store_id_sync (self, kdcc_profile_get_id (profile),
                                          kdcc_profile_kind_to_string (kdcc_profile_get_kind (profile)),
                                          label, password, cancellable, error);
}

char *
kdcc_secret_store_lookup_id_sync (KdccSecretStore  *self,
                                  const char       *id,
                                  GCancellable     *cancellable,
                                  GError          **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (KDCC_IS_SECRET_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  if (secret_store_is_persistent (self))
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
        secret_store_mark_unavailable (self, local_error);
    }

  return secret_store_memory_lookup (self, id);
}

char *
kdcc_secret_store_lookup_sync (KdccSecretStore  *self,
                               KdccProfile      *profile,
                               GCancellable     *cancellable,
                               GError          **error)
{
  g_return_val_if_fail (KDCC_IS_PROFILE (profile), NULL);

  return kdcc_secret_store_lookup_id_sync (self, kdcc_profile_get_id (profile), cancellable,
                                           error);
}

gboolean
kdcc_secret_store_clear_id_sync (KdccSecretStore  *self,
                                 const char       *id,
                                 GCancellable     *cancellable,
                                 GError          **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (KDCC_IS_SECRET_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  secret_store_memory_clear (self, id);

  if (!secret_store_is_persistent (self))
    return TRUE;

  if (secret_password_clear_sync (get_schema (), cancellable, &local_error,
                                  "profile-id", id,
                                  NULL) || local_error == NULL)
    return TRUE;

  if (is_unavailable_error (local_error))
    {
      secret_store_mark_unavailable (self, local_error);
      return TRUE;
    }

  g_propagate_error (error,
                     wrap_error (g_steal_pointer (&local_error),
                                 _("Could not remove the password from the keyring")));
  return FALSE;
}

gboolean
kdcc_secret_store_clear_sync (KdccSecretStore  *self,
                              KdccProfile      *profile,
                              GCancellable     *cancellable,
                              GError          **error)
{
  g_return_val_if_fail (KDCC_IS_PROFILE (profile), FALSE);

  return kdcc_secret_store_clear_id_sync (self, kdcc_profile_get_id (profile), cancellable,
                                          error);
}
