/* kdcc-connection-options.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-connection-options"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "kdcc-connection-options.h"
#include "kdcc-error.h"

#define MAX_PASSWORD_FILE_SIZE 4096

/* arg_data is filled in by create_group(); the order here is the order
 * of the fields it points at there. */
static const GOptionEntry entries[] = {
  { "conf", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Connect directly with this Ceph configuration file"), N_("PATH") },
  { "keyring", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Keyring for the direct connection (default: as ceph.conf says)"), N_("PATH") },
  { "id", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Ceph client name for the direct connection (default: admin)"), N_("NAME") },
  { "dashboard", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Connect through the Ceph Dashboard at this URL"), N_("URL") },
  { "user", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Dashboard user name"), N_("NAME") },
  { "password-file", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Read the dashboard password from this file (“-” for standard input)"), N_("PATH") },
  { "trust-fingerprint", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Trust the dashboard certificate with this SHA-256 fingerprint"), N_("SHA256") },
  { "profile", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Use a saved connection (its id or name)"), N_("ID") },
  { NULL }
};

KdccConnectionOptions *
kdcc_connection_options_new (void)
{
  return g_new0 (KdccConnectionOptions, 1);
}

void
kdcc_connection_options_free (KdccConnectionOptions *self)
{
  if (self == NULL)
    return;

  g_free (self->conf_path);
  g_free (self->keyring_path);
  g_free (self->client_id);
  g_free (self->dashboard_url);
  g_free (self->user);
  g_free (self->password_file);
  g_free (self->trust_fingerprint);
  g_free (self->profile);
  g_free (self);
}

static char **
field_for_index (KdccConnectionOptions *self,
                 guint                  index)
{
  char **fields[] = {
    &self->conf_path,
    &self->keyring_path,
    &self->client_id,
    &self->dashboard_url,
    &self->user,
    &self->password_file,
    &self->trust_fingerprint,
    &self->profile,
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (fields) == G_N_ELEMENTS (entries) - 1);
  g_assert (index < G_N_ELEMENTS (fields));

  return fields[index];
}

GOptionGroup *
kdcc_connection_options_create_group (KdccConnectionOptions *self)
{
  GOptionEntry copy[G_N_ELEMENTS (entries)];
  GOptionGroup *group;

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      copy[i] = entries[i];
      if (entries[i].long_name != NULL)
        copy[i].arg_data = field_for_index (self, i);
    }

  group = g_option_group_new ("connection",
                              _("Connection Options:"),
                              _("Show how to choose the cluster"),
                              NULL, NULL);
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  /* GOptionGroup copies the entries, so the stack array may go. */
  g_option_group_add_entries (group, copy);

  return group;
}

const GOptionEntry *
kdcc_connection_options_get_entries (void)
{
  return entries;
}

static char *
absolute_path (const char *path,
               const char *cwd)
{
  if (path == NULL)
    return NULL;

  /* "-" means standard input for --password-file. */
  if (g_strcmp0 (path, "-") == 0)
    return g_strdup (path);

  return g_canonicalize_filename (path, cwd);
}

void
kdcc_connection_options_load_dict (KdccConnectionOptions *self,
                                   GVariantDict          *dict,
                                   const char            *cwd)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (dict != NULL);

  for (guint i = 0; entries[i].long_name != NULL; i++)
    {
      char **field = field_for_index (self, i);
      char *value = NULL;

      /* GApplication hands filenames over as bytestrings. */
      if (entries[i].arg == G_OPTION_ARG_FILENAME)
        {
          if (!g_variant_dict_lookup (dict, entries[i].long_name, "^ay", &value))
            continue;
          g_free (*field);
          *field = absolute_path (value, cwd);
          g_free (value);
        }
      else
        {
          if (!g_variant_dict_lookup (dict, entries[i].long_name, "s", &value))
            continue;
          g_free (*field);
          *field = value;
        }
    }
}

gboolean
kdcc_connection_options_is_set (KdccConnectionOptions *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  for (guint i = 0; entries[i].long_name != NULL; i++)
    {
      if (*field_for_index (self, i) != NULL)
        return TRUE;
    }

  return FALSE;
}

static void
add_warning (GPtrArray  *warnings,
             char       *message)
{
  if (warnings != NULL)
    g_ptr_array_add (warnings, message);
  else
    g_free (message);
}

/* explicit_bzero, unlike memset, is not dropped as a dead store before the
 * free, so the password does not stay in freed memory. */
static void
wipe_and_free (char  *data,
               gsize  length)
{
  if (data == NULL)
    return;

  explicit_bzero (data, length);
  g_free (data);
}

char *
kdcc_connection_options_read_password_file (const char  *path,
                                            GPtrArray   *warnings,
                                            GError     **error)
{
  char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *shown_path;
  gsize length = 0;
  GStatBuf st;

  g_return_val_if_fail (path != NULL, NULL);

  if (g_strcmp0 (path, "-") == 0)
    {
      GString *buffer = g_string_new (NULL);
      char chunk[512];
      size_t n;

      shown_path = _("standard input");
      while ((n = fread (chunk, 1, sizeof chunk, stdin)) > 0 &&
             buffer->len <= MAX_PASSWORD_FILE_SIZE)
        g_string_append_len (buffer, chunk, n);
      length = buffer->len;
      contents = g_string_free (buffer, FALSE);
    }
  else
    {
      shown_path = path;
      if (!g_file_get_contents (path, &contents, &length, &local_error))
        {
          g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                       _("Cannot read the password file: %s"), local_error->message);
          return NULL;
        }

      /* Warn only: refusing would break setups that work, but a password
       * others can read is worth knowing about. */
      if (g_stat (path, &st) == 0 && S_ISREG (st.st_mode) && (st.st_mode & S_IROTH) != 0)
        add_warning (warnings,
                     g_strdup_printf (_("The password file %s can be read by other users; "
                                        "run “chmod 600 %s”"),
                                      path, path));
    }

  if (length > MAX_PASSWORD_FILE_SIZE)
    {
      wipe_and_free (contents, length);
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("The password file %s is too large to hold a password"), shown_path);
      return NULL;
    }

  while (length > 0 && (contents[length - 1] == '\n' || contents[length - 1] == '\r'))
    contents[--length] = '\0';

  if (length == 0)
    {
      g_free (contents);
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("The password file %s is empty"), shown_path);
      return NULL;
    }

  if (memchr (contents, '\0', length) != NULL || !g_utf8_validate (contents, length, NULL))
    {
      wipe_and_free (contents, length);
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("The password file %s does not hold text"), shown_path);
      return NULL;
    }

  return contents;
}

/* A copy that the flags may change without touching the saved profile. */
static KdccProfile *
copy_profile (KdccProfile *profile)
{
  static const char * const props[] = {
    "name", "conf-path", "keyring-path", "client-id", "url", "user",
    "trusted-fingerprint", "kubeconfig", "kube-context", "rook-namespace",
  };
  KdccProfile *copy;

  copy = g_object_new (KDCC_TYPE_PROFILE,
                       "id", kdcc_profile_get_id (profile),
                       "kind", kdcc_profile_get_kind (profile),
                       NULL);

  for (guint i = 0; i < G_N_ELEMENTS (props); i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      g_value_init (&value, G_TYPE_STRING);
      g_object_get_property (G_OBJECT (profile), props[i], &value);
      g_object_set_property (G_OBJECT (copy), props[i], &value);
    }

  return copy;
}

static gboolean
resolve_saved (KdccConnectionOptions  *self,
               KdccProfileStore       *store,
               KdccSecretStore        *secrets,
               KdccProfile           **out_profile,
               char                  **out_password,
               GPtrArray              *warnings,
               GError                **error)
{
  g_autoptr(KdccProfileStore) own_store = NULL;
  g_autoptr(KdccSecretStore) own_secrets = NULL;
  g_autoptr(KdccProfile) profile = NULL;
  g_autoptr(GError) local_error = NULL;
  g_auto(KdccSecretPassword) password = NULL;
  g_autofree char *name = NULL;
  KdccProfile *saved;

  if (store == NULL)
    {
      own_store = kdcc_profile_store_new (NULL);
      if (!kdcc_profile_store_load (own_store, &local_error))
        {
          /* A damaged file still yields its valid profiles (the file was
           * kept aside); only an unreadable one stops us. */
          if (!g_error_matches (local_error, KDCC_ERROR, KDCC_ERROR_PARSE))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          add_warning (warnings, g_strdup (local_error->message));
          g_clear_error (&local_error);
        }
      store = own_store;
    }

  saved = kdcc_profile_store_find (store, self->profile);
  if (saved == NULL)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("There is no saved connection “%s” (give its id or its name)"),
                   self->profile);
      return FALSE;
    }

  profile = copy_profile (saved);
  name = kdcc_profile_dup_display_name (profile);

  if (self->trust_fingerprint != NULL)
    {
      if (kdcc_profile_get_kind (profile) != KDCC_PROFILE_KIND_DASHBOARD)
        {
          g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                       _("--trust-fingerprint is only for dashboard connections, and “%s” "
                         "is not one"),
                       name);
          return FALSE;
        }
      kdcc_profile_set_trusted_fingerprint (profile, self->trust_fingerprint);
    }

  if (kdcc_profile_get_kind (profile) == KDCC_PROFILE_KIND_DASHBOARD)
    {
      if (self->password_file != NULL)
        {
          password = kdcc_connection_options_read_password_file (self->password_file, warnings,
                                                                 error);
          if (password == NULL)
            return FALSE;
        }
      else
        {
          if (secrets == NULL)
            secrets = own_secrets = kdcc_secret_store_new ();

          password = kdcc_secret_store_lookup_sync (secrets, profile, NULL, &local_error);
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          if (password == NULL && !kdcc_secret_store_get_persistent (secrets))
            {
              g_set_error (error, KDCC_ERROR, KDCC_ERROR_AUTH,
                           _("No password is saved for “%s”: no Secret Service is running; give "
                             "one with --password-file"),
                           name);
              return FALSE;
            }
          if (password == NULL)
            {
              g_set_error (error, KDCC_ERROR, KDCC_ERROR_AUTH,
                           _("No password is saved for “%s”; give one with --password-file"),
                           name);
              return FALSE;
            }
        }
    }
  else if (self->password_file != NULL)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("--password-file is only for dashboard connections, and “%s” is not one"),
                   name);
      return FALSE;
    }

  if (!kdcc_profile_validate (profile, error))
    return FALSE;

  *out_profile = g_steal_pointer (&profile);
  *out_password = g_steal_pointer (&password);
  return TRUE;
}

gboolean
kdcc_connection_options_resolve (KdccConnectionOptions  *self,
                                 KdccProfileStore       *store,
                                 KdccSecretStore        *secrets,
                                 KdccProfile           **out_profile,
                                 char                  **out_password,
                                 GPtrArray              *warnings,
                                 GError                **error)
{
  g_autoptr(KdccProfile) profile = NULL;
  g_auto(KdccSecretPassword) password = NULL;
  g_autofree char *conf_path = NULL;
  g_autofree char *keyring_path = NULL;
  gboolean direct, dashboard;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (out_profile != NULL, FALSE);
  g_return_val_if_fail (out_password != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *out_profile = NULL;
  *out_password = NULL;

  direct = self->conf_path != NULL || self->keyring_path != NULL || self->client_id != NULL;
  dashboard = self->dashboard_url != NULL || self->user != NULL;

  if (self->profile != NULL)
    {
      if (direct || dashboard)
        {
          g_set_error_literal (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                               _("--profile cannot be combined with --conf, --keyring, --id, "
                                 "--dashboard or --user"));
          return FALSE;
        }

      return resolve_saved (self, store, secrets, out_profile, out_password, warnings, error);
    }

  if (direct && dashboard)
    {
      g_set_error_literal (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                           _("Use either --conf, --keyring and --id for a direct connection or "
                             "--dashboard and --user for the Ceph Dashboard, not both"));
      return FALSE;
    }

  if (direct)
    {
      if (self->conf_path == NULL)
        {
          g_set_error_literal (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                               _("--keyring and --id need --conf"));
          return FALSE;
        }

      if (self->password_file != NULL || self->trust_fingerprint != NULL)
        {
          g_set_error_literal (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                               _("--password-file and --trust-fingerprint are only for "
                                 "--dashboard connections"));
          return FALSE;
        }

      /* Paths from a GOptionGroup are relative to our own directory;
       * librados would resolve them the same way, but the profile may be
       * saved and used from elsewhere. */
      conf_path = absolute_path (self->conf_path, NULL);
      keyring_path = absolute_path (self->keyring_path, NULL);

      profile = kdcc_profile_new (KDCC_PROFILE_KIND_DIRECT);
      kdcc_profile_set_conf_path (profile, conf_path);
      kdcc_profile_set_keyring_path (profile, keyring_path);
      kdcc_profile_set_client_id (profile, self->client_id);
    }
  else if (dashboard)
    {
      if (self->dashboard_url == NULL)
        {
          g_set_error_literal (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                               _("--user needs --dashboard"));
          return FALSE;
        }

      if (self->user == NULL)
        {
          g_set_error_literal (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                               _("--dashboard needs --user"));
          return FALSE;
        }

      if (self->password_file == NULL)
        {
          g_set_error_literal (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                               _("--dashboard needs --password-file, a file that holds the "
                                 "dashboard password"));
          return FALSE;
        }

      profile = kdcc_profile_new (KDCC_PROFILE_KIND_DASHBOARD);
      kdcc_profile_set_url (profile, self->dashboard_url);
      kdcc_profile_set_user (profile, self->user);
      kdcc_profile_set_trusted_fingerprint (profile, self->trust_fingerprint);
    }
  else
    {
      if (self->password_file != NULL || self->trust_fingerprint != NULL)
        g_set_error_literal (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                             _("--password-file and --trust-fingerprint need --dashboard or "
                               "--profile"));
      else
        g_set_error_literal (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                             _("No cluster given: use --profile, --conf or --dashboard"));
      return FALSE;
    }

  /* Check the fields before reading a password, so a typo in the URL is
   * reported as such rather than as a password problem. */
  if (!kdcc_profile_validate (profile, error))
    return FALSE;

  if (dashboard)
    {
      password = kdcc_connection_options_read_password_file (self->password_file, warnings,
                                                             error);
      if (password == NULL)
        return FALSE;
    }

  *out_profile = g_steal_pointer (&profile);
  *out_password = g_steal_pointer (&password);
  return TRUE;
}
