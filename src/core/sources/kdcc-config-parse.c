/* kdcc-config-parse.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Parsers for the config database and option metadata. Ceph writes
 * defaults, min and max as JSON numbers, booleans or strings depending on
 * the option's type (Option::dump_value); they are all kept as text here,
 * in the form `config set` would take.
 */
#define G_LOG_DOMAIN "kdcc-config-parse"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "kdcc-config-parse.h"
#include "kdcc-error.h"
#include "kdcc-json.h"

static char *
scalar_text (JsonObject *object,
             const char *member)
{
  JsonNode *node = json_object_get_member (object, member);
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return g_strdup ("");
  type = json_node_get_value_type (node);
  if (type == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if (type == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (node) ? "true" : "false");
  if (type == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  {
    char buf[G_ASCII_DTOSTR_BUF_SIZE];

    return g_strdup (g_ascii_dtostr (buf, sizeof buf, json_node_get_double (node)));
  }
}

static GStrv
string_list (JsonObject *object,
             const char *member)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (element)
              && json_node_get_value_type (element) == G_TYPE_STRING)
            g_strv_builder_add (builder, json_node_get_string (element));
        }
    }
  return g_strv_builder_end (builder);
}

KdccConfigOption *
kdcc_config_parse_option_node (JsonNode *node)
{
  JsonObject *object;
  const char *name;
  KdccConfigOption *option;
  g_autofree char *def = NULL, *daemon_def = NULL, *min = NULL, *max = NULL;
  g_auto(GStrv) enums = NULL, see_also = NULL, services = NULL, tags = NULL, flags = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  object = json_node_get_object (node);
  name = json_object_get_string_member_with_default (object, "name", NULL);
  if (name == NULL || *name == '\0')
    return NULL;

  option = kdcc_config_option_new (name,
                                   kdcc_config_type_from_string (
                                     json_object_get_string_member_with_default (object, "type",
                                                                                 "str")),
                                   kdcc_config_level_from_string (
                                     json_object_get_string_member_with_default (object, "level",
                                                                                 "unknown")));
  def = scalar_text (object, "default");
  daemon_def = scalar_text (object, "daemon_default");
  kdcc_config_option_set_texts (option,
                                json_object_get_string_member_with_default (object, "desc", ""),
                                json_object_get_string_member_with_default (object, "long_desc",
                                                                            ""),
                                def, daemon_def);
  min = scalar_text (object, "min");
  max = scalar_text (object, "max");
  kdcc_config_option_set_range (option, min, max);
  enums = string_list (object, "enum_values");
  see_also = string_list (object, "see_also");
  services = string_list (object, "services");
  tags = string_list (object, "tags");
  flags = string_list (object, "flags");
  kdcc_config_option_set_lists (option, (const char * const *) enums,
                                (const char * const *) see_also,
                                (const char * const *) services,
                                (const char * const *) tags, (const char * const *) flags);
  kdcc_config_option_set_runtime (option,
                                  json_object_get_boolean_member_with_default (
                                    object, "can_update_at_runtime", TRUE));
  return option;
}

GPtrArray *
kdcc_config_parse_options (const char  *text,
                           gssize       length,
                           GPtrArray  **values_out,
                           GError     **error)
{
  g_autoptr(JsonNode) root = kdcc_json_load ("config help", text, length, error);
  g_autoptr(GPtrArray) options = g_ptr_array_new_with_free_func (g_object_unref);
  JsonArray *array = NULL;

  if (root == NULL)
    return NULL;
  if (values_out != NULL && *values_out == NULL)
    *values_out = g_ptr_array_new_with_free_func (g_object_unref);
  if (JSON_NODE_HOLDS_ARRAY (root))
    array = json_node_get_array (root);
  else if (JSON_NODE_HOLDS_OBJECT (root)
           && json_object_has_member (json_node_get_object (root), "options")
           && JSON_NODE_HOLDS_ARRAY (json_object_get_member (json_node_get_object (root),
                                                             "options")))
    array = json_object_get_array_member (json_node_get_object (root), "options");
  else if (JSON_NODE_HOLDS_OBJECT (root)
           && json_object_has_member (json_node_get_object (root), "name"))
    {
      KdccConfigOption *option = kdcc_config_parse_option_node (root);

      if (option != NULL)
        g_ptr_array_add (options, option);
      return g_steal_pointer (&options);
    }

  if (array == NULL)
    {
      g_set_error_literal (error, KDCC_ERROR, KDCC_ERROR_PARSE,
                           _("The option list is neither an array nor {\"options\": [...]}"));
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      KdccConfigOption *option = kdcc_config_parse_option_node (node);
      JsonArray *values;

      if (option == NULL)
        continue;
      g_ptr_array_add (options, option);
      if (values_out == NULL || *values_out == NULL
          || !json_object_has_member (json_node_get_object (node), "value")
          || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (json_node_get_object (node),
                                                             "value")))
        continue;
      values = json_object_get_array_member (json_node_get_object (node), "value");
      for (guint j = 0; j < json_array_get_length (values); j++)
        {
          JsonNode *v = json_array_get_element (values, j);
          g_autofree char *value = NULL;
          JsonObject *vo;

          if (!JSON_NODE_HOLDS_OBJECT (v))
            continue;
          vo = json_node_get_object (v);
          value = scalar_text (vo, "value");
          g_ptr_array_add (*values_out,
                           kdcc_config_value_new (kdcc_config_option_get_name (option),
                                                  json_object_get_string_member_with_default (
                                                    vo, "section", "global"),
                                                  "", value));
        }
    }
  return g_steal_pointer (&options);
}

GPtrArray *
kdcc_config_parse_dump (const char  *text,
                        gssize       length,
                        GError     **error)
{
  g_autoptr(JsonNode) root = kdcc_json_load_root ("config dump", text, length, JSON_NODE_ARRAY,
                                                  error);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_object_unref);
  JsonArray *array;

  if (root == NULL)
    return NULL;
  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *object;
      g_autofree char *value = NULL;
      const char *name;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      object = json_node_get_object (node);
      name = json_object_get_string_member_with_default (object, "name", NULL);
      if (name == NULL)
        continue;
      value = scalar_text (object, "value");
      g_ptr_array_add (values,
                       kdcc_config_value_new (name,
                                              json_object_get_string_member_with_default (
                                                object, "section", "global"),
                                              json_object_get_string_member_with_default (
                                                object, "mask", ""),
                                              value));
    }
  return g_steal_pointer (&values);
}

GHashTable *
kdcc_config_parse_name_values (const char  *text,
                               gssize       length,
                               GError     **error)
{
  g_autoptr(JsonNode) root = kdcc_json_load ("config show", text, length, error);
  g_autoptr(GHashTable) table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (root == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *array = json_node_get_array (root);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);
          const char *name;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            continue;
          name = json_object_get_string_member_with_default (json_node_get_object (node),
                                                             "name", NULL);
          if (name != NULL)
            g_hash_table_replace (table, g_strdup (name),
                                  scalar_text (json_node_get_object (node), "value"));
        }
    }
  else if (JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *node;

      json_object_iter_init (&iter, json_node_get_object (root));
      while (json_object_iter_next (&iter, &name, &node))
        {
          if (JSON_NODE_HOLDS_OBJECT (node))
            g_hash_table_replace (table, g_strdup (name),
                                  scalar_text (json_node_get_object (node), "value"));
        }
    }
  else
    {
      g_set_error_literal (error, KDCC_ERROR, KDCC_ERROR_PARSE,
                           _("The configuration answer is neither an array nor an object"));
      return NULL;
    }
  return g_steal_pointer (&table);
}

GStrv
kdcc_config_parse_names (const char  *text,
                         gssize       length,
                         GError     **error)
{
  g_autoptr(JsonNode) root = kdcc_json_load_root ("config ls", text, length, JSON_NODE_ARRAY,
                                                  error);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;

  if (root == NULL)
    return NULL;
  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        g_strv_builder_add (builder, json_node_get_string (node));
    }
  return g_strv_builder_end (builder);
}
