/* kdcc-profile-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-profile-store"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "kdcc-error.h"
#include "kdcc-profile-store.h"

struct _KdccProfileStore
{
  GObject    parent_instance;

  char      *path;
  GPtrArray *profiles;   /* (element-type KdccProfile) */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KdccProfileStore, kdcc_profile_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_PATH,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* The string properties saved per profile; the key is the property name so
 * the file reads like the API. "id" is the group name and "kind" is saved
 * separately as a word. There is deliberately no password key. */
static const char * const string_keys[] = {
  "name",
  "conf-path",
  "keyring-path",
  "client-id",
  "url",
  "user",
  "trusted-fingerprint",
  "kubeconfig",
  "kube-context",
  "fsid",
  "rook-namespace",
  "sso-issuer",
  "sso-client-id",
  "prometheus-url",
};

static GType
list_model_get_item_type (GListModel *model)
{
  return KDCC_TYPE_PROFILE;
}

static guint
list_model_get_n_items (GListModel *model)
{
  return KDCC_PROFILE_STORE (model)->profiles->len;
}

static gpointer
list_model_get_item (GListModel *model,
                     guint       position)
{
  KdccProfileStore *self = KDCC_PROFILE_STORE (model);

  if (position >= self->profiles->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->profiles, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = list_model_get_item_type;
  iface->get_n_items = list_model_get_n_items;
  iface->get_item = list_model_get_item;
}

static void
kdcc_profile_store_constructed (GObject *object)
{
  KdccProfileStore *self = KDCC_PROFILE_STORE (object);

  G_OBJECT_CLASS (kdcc_profile_store_parent_class)->constructed (object);

  if (self->path == NULL)
    self->path = g_build_filename (g_get_user_config_dir (), "kdcc", "profiles.ini", NULL);
}

static void
kdcc_profile_store_finalize (GObject *object)
{
  KdccProfileStore *self = KDCC_PROFILE_STORE (object);

  g_free (self->path);
  g_ptr_array_unref (self->profiles);

  G_OBJECT_CLASS (kdcc_profile_store_parent_class)->finalize (object);
}

static void
kdcc_profile_store_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  KdccProfileStore *self = KDCC_PROFILE_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_profile_store_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  KdccProfileStore *self = KDCC_PROFILE_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_free (self->path);
      self->path = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_profile_store_class_init (KdccProfileStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = kdcc_profile_store_constructed;
  object_class->finalize = kdcc_profile_store_finalize;
  object_class->get_property = kdcc_profile_store_get_property;
  object_class->set_property = kdcc_profile_store_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kdcc_profile_store_init (KdccProfileStore *self)
{
  self->profiles = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * kdcc_profile_store_new:
 * @path: (nullable): the INI file, or %NULL for
 *   $XDG_CONFIG_HOME/kdcc/profiles.ini
 *
 * Creates an empty store; call kdcc_profile_store_load() to read the file.
 */
KdccProfileStore *
kdcc_profile_store_new (const char *path)
{
  return g_object_new (KDCC_TYPE_PROFILE_STORE, "path", path, NULL);
}

const char *
kdcc_profile_store_get_path (KdccProfileStore *self)
{
  g_return_val_if_fail (KDCC_IS_PROFILE_STORE (self), NULL);
  return self->path;
}

static gboolean
find_index (KdccProfileStore *self,
            const char       *id,
            guint            *index)
{
  for (guint i = 0; i < self->profiles->len; i++)
    {
      KdccProfile *profile = g_ptr_array_index (self->profiles, i);

      if (g_strcmp0 (kdcc_profile_get_id (profile), id) == 0)
        {
          if (index != NULL)
            *index = i;
          return TRUE;
        }
    }

  return FALSE;
}

/* Builds a profile from one group, or returns NULL with a message that
 * names the group and the problem. */
static KdccProfile *
profile_from_group (GKeyFile    *key_file,
                    const char  *group,
                    GError     **error)
{
  g_autoptr(KdccProfile) profile = NULL;
  g_autofree char *kind_str = NULL;
  KdccProfileKind kind;

  /* GKeyFile takes any bytes as a group name, but the id travels into
   * GSettings and D-Bus (the Secret Service attributes), which need UTF-8.
   * Found by fuzz-profile-store. */
  if (group[0] == '\0' || !g_utf8_validate (group, -1, NULL))
    {
      g_autofree char *shown = g_utf8_make_valid (group, -1);

      g_set_error (error, KDCC_ERROR, KDCC_ERROR_PARSE,
                   _("The connection [%s] has a name that is not valid text"), shown);
      return NULL;
    }

  kind_str = g_key_file_get_string (key_file, group, "kind", NULL);
  if (kind_str == NULL)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_PARSE,
                   _("The connection [%s] has no “kind”"), group);
      return NULL;
    }

  if (!kdcc_profile_kind_from_string (kind_str, &kind))
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_PARSE,
                   _("The connection [%s] has an unknown kind “%s”"), group, kind_str);
      return NULL;
    }

  profile = g_object_new (KDCC_TYPE_PROFILE, "id", group, "kind", kind, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (string_keys); i++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *value = NULL;

      value = g_key_file_get_string (key_file, group, string_keys[i], &local_error);
      if (value == NULL)
        {
          if (g_error_matches (local_error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_KEY_NOT_FOUND))
            continue;

          g_set_error (error, KDCC_ERROR, KDCC_ERROR_PARSE,
                       _("The connection [%s] has an unreadable “%s”: %s"),
                       group, string_keys[i], local_error->message);
          return NULL;
        }

      g_object_set (profile, string_keys[i], value, NULL);
    }

  if (g_key_file_has_key (key_file, group, "max-body-mb", NULL))
    {
      g_autoptr(GError) local_error = NULL;
      guint64 mb = g_key_file_get_uint64 (key_file, group, "max-body-mb", &local_error);

      if (local_error != NULL || mb > 100000)
        {
          g_set_error (error, KDCC_ERROR, KDCC_ERROR_PARSE,
                       _("The connection [%s] has an unreadable “%s”: %s"), group,
                       "max-body-mb",
                       local_error != NULL ? local_error->message : _("over 100000"));
          return NULL;
        }
      kdcc_profile_set_max_body_mb (profile, (guint) mb);
    }

  return g_steal_pointer (&profile);
}

/* Moves a file we could not read out of the way instead of overwriting it
 * on the next save, so a hand edit that went wrong can be repaired. */
static char *
keep_aside (const char  *path,
            GError     **error)
{
  g_autofree char *bad_path = g_strconcat (path, ".bad", NULL);

  if (g_file_test (bad_path, G_FILE_TEST_EXISTS))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");

      g_free (bad_path);
      bad_path = g_strdup_printf ("%s.%s.bad", path, stamp);
    }

  if (g_rename (path, bad_path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "%s", g_strerror (saved_errno));
      return NULL;
    }

  return g_steal_pointer (&bad_path);
}

static void
replace_all (KdccProfileStore *self,
             GPtrArray        *profiles)
{
  guint removed = self->profiles->len;
  guint added = profiles->len;

  g_ptr_array_set_size (self->profiles, 0);
  for (guint i = 0; i < profiles->len; i++)
    g_ptr_array_add (self->profiles, g_object_ref (g_ptr_array_index (profiles, i)));

  if (removed > 0 || added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, added);
}

gboolean
kdcc_profile_store_load (KdccProfileStore  *self,
                         GError           **error)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GPtrArray) profiles = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GError) first_problem = NULL;
  g_auto(GStrv) groups = NULL;
  g_autofree char *bad_path = NULL;

  g_return_val_if_fail (KDCC_IS_PROFILE_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_key_file_load_from_file (key_file, self->path, G_KEY_FILE_NONE, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          replace_all (self, profiles);
          return TRUE;
        }

      if (local_error->domain != G_KEY_FILE_ERROR)
        {
          /* Unreadable (permissions, I/O): not our file to move. */
          g_set_error (error, KDCC_ERROR, KDCC_ERROR_FAILED,
                       _("The saved connections in %s cannot be read: %s"),
                       self->path, local_error->message);
          return FALSE;
        }

      first_problem = g_steal_pointer (&local_error);
    }
  else
    {
      groups = g_key_file_get_groups (key_file, NULL);
      for (guint i = 0; groups[i] != NULL; i++)
        {
          KdccProfile *profile;

          profile = profile_from_group (key_file, groups[i],
                                        first_problem == NULL ? &first_problem : NULL);
          if (profile != NULL)
            g_ptr_array_add (profiles, profile);
        }
    }

  replace_all (self, profiles);

  if (first_problem == NULL)
    return TRUE;

  bad_path = keep_aside (self->path, &local_error);

  /* Write the profiles that were fine back at once, so they stay usable
   * for the next start and for kdcc-cli even if nothing else is saved. */
  if (bad_path != NULL && self->profiles->len > 0)
    {
      g_autoptr(GError) save_error = NULL;

      if (!kdcc_profile_store_save (self, &save_error))
        g_warning ("%s", save_error->message);
    }

  if (bad_path == NULL)
    g_set_error (error, KDCC_ERROR, KDCC_ERROR_PARSE,
                 _("The saved connections in %s are damaged (%s) and the file could not be "
                   "moved aside: %s"),
                 self->path, first_problem->message, local_error->message);
  else
    g_set_error (error, KDCC_ERROR, KDCC_ERROR_PARSE,
                 _("The saved connections in %s are damaged (%s); the file was kept as %s"),
                 self->path, first_problem->message, bad_path);

  return FALSE;
}

gboolean
kdcc_profile_store_save (KdccProfileStore  *self,
                         GError           **error)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *data = NULL;
  gsize length;

  g_return_val_if_fail (KDCC_IS_PROFILE_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_key_file_set_comment (key_file, NULL, NULL,
                          " Koor Data Control Center connections. Passwords are kept in the\n"
                          " desktop keyring (Secret Service), never in this file.",
                          NULL);

  for (guint i = 0; i < self->profiles->len; i++)
    {
      KdccProfile *profile = g_ptr_array_index (self->profiles, i);
      const char *id = kdcc_profile_get_id (profile);

      g_key_file_set_string (key_file, id, "kind",
                             kdcc_profile_kind_to_string (kdcc_profile_get_kind (profile)));

      for (guint k = 0; k < G_N_ELEMENTS (string_keys); k++)
        {
          g_autofree char *value = NULL;

          g_object_get (profile, string_keys[k], &value, NULL);
          if (value != NULL)
            g_key_file_set_string (key_file, id, string_keys[k], value);
        }
      if (kdcc_profile_get_max_body_mb (profile) > 0)
        g_key_file_set_uint64 (key_file, id, "max-body-mb",
                               kdcc_profile_get_max_body_mb (profile));
    }

  data = g_key_file_to_data (key_file, &length, NULL);

  dir = g_path_get_dirname (self->path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, KDCC_ERROR, KDCC_ERROR_FAILED,
                   _("Cannot create the folder %s for the saved connections: %s"),
                   dir, g_strerror (saved_errno));
      return FALSE;
    }

  /* The file names keyrings and users: readable by its owner only. */
  if (!g_file_set_contents_full (self->path, data, length, G_FILE_SET_CONTENTS_CONSISTENT,
                                 0600, &local_error))
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_FAILED,
                   _("Cannot save the connections to %s: %s"), self->path, local_error->message);
      return FALSE;
    }

  return TRUE;
}

/* GKeyFile group names cannot hold brackets or line breaks. */
static gboolean
id_is_valid (const char *id)
{
  if (id == NULL || id[0] == '\0' || !g_utf8_validate (id, -1, NULL))
    return FALSE;

  for (const char *p = id; *p != '\0'; p++)
    {
      if (*p == '[' || *p == ']' || g_ascii_iscntrl (*p))
        return FALSE;
    }

  return TRUE;
}

gboolean
kdcc_profile_store_add (KdccProfileStore  *self,
                        KdccProfile       *profile,
                        GError           **error)
{
  const char *id;

  g_return_val_if_fail (KDCC_IS_PROFILE_STORE (self), FALSE);
  g_return_val_if_fail (KDCC_IS_PROFILE (profile), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  id = kdcc_profile_get_id (profile);
  if (!id_is_valid (id))
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("“%s” cannot be used as a connection id"), id);
      return FALSE;
    }

  if (find_index (self, id, NULL))
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("A connection with the id “%s” is already saved"), id);
      return FALSE;
    }

  g_ptr_array_add (self->profiles, g_object_ref (profile));
  g_list_model_items_changed (G_LIST_MODEL (self), self->profiles->len - 1, 0, 1);

  if (!kdcc_profile_store_save (self, error))
    {
      /* Keep the list what the file says, so the user can retry. */
      g_ptr_array_remove_index (self->profiles, self->profiles->len - 1);
      g_list_model_items_changed (G_LIST_MODEL (self), self->profiles->len, 1, 0);
      return FALSE;
    }

  return TRUE;
}

gboolean
kdcc_profile_store_update (KdccProfileStore  *self,
                           KdccProfile       *profile,
                           GError           **error)
{
  guint index;

  g_return_val_if_fail (KDCC_IS_PROFILE_STORE (self), FALSE);
  g_return_val_if_fail (KDCC_IS_PROFILE (profile), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!find_index (self, kdcc_profile_get_id (profile), &index))
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("There is no saved connection with the id “%s”"),
                   kdcc_profile_get_id (profile));
      return FALSE;
    }

  if (g_ptr_array_index (self->profiles, index) != (gpointer) profile)
    {
      g_object_unref (g_ptr_array_index (self->profiles, index));
      g_ptr_array_index (self->profiles, index) = g_object_ref (profile);
      g_list_model_items_changed (G_LIST_MODEL (self), index, 1, 1);
    }

  return kdcc_profile_store_save (self, error);
}

gboolean
kdcc_profile_store_remove (KdccProfileStore  *self,
                           const char        *id,
                           GError           **error)
{
  guint index;

  g_return_val_if_fail (KDCC_IS_PROFILE_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!find_index (self, id, &index))
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("There is no saved connection with the id “%s”"), id);
      return FALSE;
    }

  g_ptr_array_remove_index (self->profiles, index);
  g_list_model_items_changed (G_LIST_MODEL (self), index, 1, 0);

  return kdcc_profile_store_save (self, error);
}

KdccProfile *
kdcc_profile_store_lookup (KdccProfileStore *self,
                           const char       *id)
{
  guint index;

  g_return_val_if_fail (KDCC_IS_PROFILE_STORE (self), NULL);

  if (id == NULL || !find_index (self, id, &index))
    return NULL;

  return g_ptr_array_index (self->profiles, index);
}

KdccProfile *
kdcc_profile_store_find (KdccProfileStore *self,
                         const char       *id_or_name)
{
  KdccProfile *found = NULL;

  g_return_val_if_fail (KDCC_IS_PROFILE_STORE (self), NULL);

  if (id_or_name == NULL)
    return NULL;

  found = kdcc_profile_store_lookup (self, id_or_name);
  if (found != NULL)
    return found;

  for (guint i = 0; i < self->profiles->len; i++)
    {
      KdccProfile *profile = g_ptr_array_index (self->profiles, i);

      if (g_strcmp0 (kdcc_profile_get_name (profile), id_or_name) == 0)
        {
          /* Two profiles with the same name: ambiguous, make the user pick
           * by id rather than guess. */
          if (found != NULL)
            return NULL;
          found = profile;
        }
    }

  return found;
}

KdccProfile *
kdcc_profile_store_lookup_fsid (KdccProfileStore *self,
                                const char       *fsid,
                                const char       *except_id)
{
  g_return_val_if_fail (KDCC_IS_PROFILE_STORE (self), NULL);

  if (fsid == NULL || *fsid == '\0')
    return NULL;

  for (guint i = 0; i < self->profiles->len; i++)
    {
      KdccProfile *profile = g_ptr_array_index (self->profiles, i);

      if (g_strcmp0 (kdcc_profile_get_fsid (profile), fsid) == 0 &&
          g_strcmp0 (kdcc_profile_get_id (profile), except_id) != 0)
        return profile;
    }

  return NULL;
}
