/* kdcc-kubeconfig.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * kubeconfig files: parsing (through kdcc-yaml), kubectl's merge of several
 * files, and resolving one context into what a client needs.
 */
#define G_LOG_DOMAIN "kdcc-kubeconfig"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "kdcc-error.h"
#include "kdcc-kubeconfig.h"
#include "kdcc-yaml.h"

/* A kubeconfig is a small file; anything much larger is not one. */
#define MAX_KUBECONFIG_BYTES (4 * 1024 * 1024)

#include "kdcc-kubeconfig-private.h"

static void
entry_free (Entry *entry)
{
  json_object_unref (entry->object);
  g_free (entry->origin);
  g_free (entry->dir);
  g_free (entry);
}

static Entry *
entry_copy (const Entry *entry)
{
  Entry *ret = g_new0 (Entry, 1);

  ret->object = json_object_ref (entry->object);
  ret->origin = g_strdup (entry->origin);
  ret->dir = g_strdup (entry->dir);
  return ret;
}

static KdccKubeconfig *
kubeconfig_new (void)
{
  KdccKubeconfig *self = g_new0 (KdccKubeconfig, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->clusters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                     (GDestroyNotify) entry_free);
  self->users = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                  (GDestroyNotify) entry_free);
  self->contexts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                     (GDestroyNotify) entry_free);
  return self;
}

KdccKubeconfig *
kdcc_kubeconfig_ref (KdccKubeconfig *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
kdcc_kubeconfig_unref (KdccKubeconfig *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_hash_table_unref (self->clusters);
  g_hash_table_unref (self->users);
  g_hash_table_unref (self->contexts);
  g_free (self->current_context);
  g_free (self);
}

/* Reads one list of named entries ("clusters", "users", "contexts"), each
 * {name: N, KEY: {...}}. */
static gboolean
read_named_list (JsonObject   *root,
                 const char   *list,
                 const char   *key,
                 const char   *path,
                 GHashTable   *into,
                 GError      **error)
{
  JsonNode *node = json_object_get_member (root, list);
  JsonArray *array;
  g_autofree char *dir = g_path_get_dirname (path);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_PARSE, _("%s: “%s” is not a list"), path, list);
      return FALSE;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *object;
      JsonNode *name;
      JsonNode *value;
      Entry *entry;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          g_set_error (error, KDCC_ERROR, KDCC_ERROR_PARSE,
                       _("%s: entry %u of “%s” is not a mapping"), path, i + 1, list);
          return FALSE;
        }
      object = json_node_get_object (element);
      name = json_object_get_member (object, "name");
      if (name == NULL || json_node_get_value_type (name) != G_TYPE_STRING ||
          *json_node_get_string (name) == '\0')
        {
          g_set_error (error, KDCC_ERROR, KDCC_ERROR_PARSE,
                       _("%s: entry %u of “%s” has no name"), path, i + 1, list);
          return FALSE;
        }
      value = json_object_get_member (object, key);
      if (value != NULL && !JSON_NODE_HOLDS_OBJECT (value) && !JSON_NODE_HOLDS_NULL (value))
        {
          g_set_error (error, KDCC_ERROR, KDCC_ERROR_PARSE,
                       _("%s: “%s” of %s “%s” is not a mapping"), path, key, list,
                       json_node_get_string (name));
          return FALSE;
        }
      if (g_hash_table_contains (into, json_node_get_string (name)))
        continue;

      entry = g_new0 (Entry, 1);
      entry->object = value != NULL && JSON_NODE_HOLDS_OBJECT (value)
                      ? json_object_ref (json_node_get_object (value)) : json_object_new ();
      entry->origin = g_strdup (path);
      entry->dir = g_strdup (dir);
      g_hash_table_insert (into, g_strdup (json_node_get_string (name)), entry);
    }
  return TRUE;
}

KdccKubeconfig *
kdcc_kubeconfig_new_from_data (const char  *data,
                               gssize       length,
                               const char  *path,
                               GError     **error)
{
  g_autoptr(KdccKubeconfig) self = kubeconfig_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *abs_path = NULL;
  JsonObject *object;
  JsonNode *current;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  abs_path = g_canonicalize_filename (path, NULL);
  root = kdcc_yaml_load (path, data ? data : "", length, error);
  if (root == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_PARSE, _("%s: not a kubeconfig (no mapping)"), path);
      return NULL;
    }
  object = json_node_get_object (root);

  if (!read_named_list (object, "clusters", "cluster", abs_path, self->clusters, error) ||
      !read_named_list (object, "users", "user", abs_path, self->users, error) ||
      !read_named_list (object, "contexts", "context", abs_path, self->contexts, error))
    return NULL;

  current = json_object_get_member (object, "current-context");
  if (current != NULL && json_node_get_value_type (current) == G_TYPE_STRING &&
      *json_node_get_string (current) != '\0')
    self->current_context = g_strdup (json_node_get_string (current));

  return g_steal_pointer (&self);
}

static void
merge_table (GHashTable *into,
             GHashTable *from)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, from);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (into, key))
      g_hash_table_insert (into, g_strdup (key), entry_copy (value));
}

void
kdcc_kubeconfig_merge (KdccKubeconfig *self,
                       KdccKubeconfig *other)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (other != NULL);

  merge_table (self->clusters, other->clusters);
  merge_table (self->users, other->users);
  merge_table (self->contexts, other->contexts);
  if (self->current_context == NULL)
    self->current_context = g_strdup (other->current_context);
}

KdccKubeconfig *
kdcc_kubeconfig_load (const char  *paths,
                      GError     **error)
{
  g_autoptr(KdccKubeconfig) self = NULL;
  g_auto(GStrv) list = NULL;
  g_autofree char *fallback = NULL;
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();

  if (paths == NULL || *paths == '\0')
    paths = g_getenv ("KUBECONFIG");
  if (paths == NULL || *paths == '\0')
    {
      fallback = g_build_filename (g_get_home_dir (), ".kube", "config", NULL);
      paths = fallback;
    }

  list = g_strsplit (paths, G_SEARCHPATH_SEPARATOR_S, -1);
  for (guint i = 0; list[i] != NULL; i++)
    {
      g_autofree char *contents = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autoptr(KdccKubeconfig) one = NULL;
      gsize len = 0;

      if (*list[i] == '\0')
        continue;
      if (!g_file_get_contents (list[i], &contents, &len, &local_error))
        {
          if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
            {
              g_ptr_array_add (missing, list[i]);
              continue;
            }
          g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                       _("Cannot read the kubeconfig %s: %s"), list[i], local_error->message);
          return NULL;
        }
      if (len > MAX_KUBECONFIG_BYTES)
        {
          g_set_error (error, KDCC_ERROR, KDCC_ERROR_PARSE,
                       _("%s: larger than %d MiB, not a kubeconfig"), list[i],
                       MAX_KUBECONFIG_BYTES / (1024 * 1024));
          return NULL;
        }
      one = kdcc_kubeconfig_new_from_data (contents, len, list[i], error);
      if (one == NULL)
        return NULL;
      if (self == NULL)
        self = g_steal_pointer (&one);
      else
        kdcc_kubeconfig_merge (self, one);
    }

  if (self == NULL)
    {
      g_autofree char *looked = NULL;

      g_ptr_array_add (missing, NULL);
      looked = missing->len > 1 ? g_strjoinv (", ", (char **) missing->pdata) : g_strdup (paths);
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("No kubeconfig found (looked for %s)"), looked);
      return NULL;
    }
  return g_steal_pointer (&self);
}

const char *
kdcc_kubeconfig_get_current_context (KdccKubeconfig *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->current_context;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

GStrv
kdcc_kubeconfig_dup_context_names (KdccKubeconfig *self)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (self != NULL, NULL);

  g_hash_table_iter_init (&iter, self->contexts);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (names, g_strdup (key));
  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_add (names, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}
