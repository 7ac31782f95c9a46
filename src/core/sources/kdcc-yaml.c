/* kdcc-yaml.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * YAML into JsonNode trees with libyaml's document loader, bounded in size,
 * depth and expansion (see kdcc-yaml.h).
 */
#define G_LOG_DOMAIN "kdcc-yaml"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <yaml.h>

#include <glib/gi18n-lib.h>

#include "kdcc-error.h"
#include "kdcc-yaml.h"

typedef struct
{
  const char    *source;
  yaml_document_t *doc;
  guint          values;
  GError       **error;
} Converter;

static gboolean
is_plain_int (const char *s,
              gint64     *out)
{
  const char *p = s;
  guint base = 10;
  guint64 magnitude;
  gboolean negative = FALSE;
  char *end = NULL;

  if (*p == '-' || *p == '+')
    negative = *p++ == '-';
  if (p[0] == '0' && (p[1] == 'x' || p[1] == 'o') && s == p)
    {
      base = p[1] == 'x' ? 16 : 8;
      p += 2;
    }
  if (*p == '\0')
    return FALSE;
  for (const char *q = p; *q; q++)
    if (!g_ascii_isxdigit (*q) || (base == 10 && !g_ascii_isdigit (*q)) ||
        (base == 8 && (*q < '0' || *q > '7')))
      return FALSE;

  errno = 0;
  magnitude = g_ascii_strtoull (p, &end, base);
  if (errno != 0 || *end != '\0')
    return FALSE;
  if (negative ? magnitude > (guint64) G_MAXINT64 + 1 : magnitude > G_MAXINT64)
    return FALSE;
  *out = negative ? (gint64) (0 - magnitude) : (gint64) magnitude;
  return TRUE;
}

static gboolean
is_plain_float (const char *s,
                double     *out)
{
  const char *p = s;
  gboolean digits = FALSE;
  char *end = NULL;

  if (g_str_equal (s, ".inf") || g_str_equal (s, ".Inf") || g_str_equal (s, ".INF") ||
      g_str_equal (s, ".nan") || g_str_equal (s, ".NaN") || g_str_equal (s, ".NAN") ||
      g_str_has_suffix (s, ".inf") || g_str_has_suffix (s, ".Inf"))
    return FALSE; /* JSON has no infinities or NaN: keep them as text. */

  /* [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )? */
  if (*p == '-' || *p == '+')
    p++;
  while (g_ascii_isdigit (*p))
    p++, digits = TRUE;
  if (*p == '.')
    {
      p++;
      while (g_ascii_isdigit (*p))
        p++, digits = TRUE;
    }
  if (!digits)
    return FALSE;
  if (*p == 'e' || *p == 'E')
    {
      p++;
      if (*p == '-' || *p == '+')
        p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }
  if (*p != '\0')
    return FALSE;
  *out = g_ascii_strtod (s, &end);
  return end != NULL && *end == '\0' && isfinite (*out);
}

static JsonNode *
scalar_to_node (yaml_node_t *node)
{
  const char *text = (const char *) node->data.scalar.value;
  JsonNode *ret = json_node_alloc ();
  gint64 i;
  double d;

  if (node->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
    return json_node_init_string (ret, text);

  if (*text == '\0' || g_str_equal (text, "~") || g_str_equal (text, "null") ||
      g_str_equal (text, "Null") || g_str_equal (text, "NULL"))
    return json_node_init_null (ret);
  if (g_str_equal (text, "true") || g_str_equal (text, "True") || g_str_equal (text, "TRUE"))
    return json_node_init_boolean (ret, TRUE);
  if (g_str_equal (text, "false") || g_str_equal (text, "False") || g_str_equal (text, "FALSE"))
    return json_node_init_boolean (ret, FALSE);
  if (is_plain_int (text, &i))
    return json_node_init_int (ret, i);
  if (is_plain_float (text, &d))
    return json_node_init_double (ret, d);
  return json_node_init_string (ret, text);
}

static JsonNode *
convert (Converter   *conv,
         yaml_node_t *node,
         guint        depth)
{
  if (depth > KDCC_YAML_MAX_DEPTH)
    {
      g_set_error (conv->error, KDCC_ERROR, KDCC_ERROR_PARSE,
                   _("%s: line %lu: nested deeper than %d levels"), conv->source,
                   (unsigned long) node->start_mark.line + 1, KDCC_YAML_MAX_DEPTH);
      return NULL;
    }
  if (++conv->values > KDCC_YAML_MAX_VALUES)
    {
      g_set_error (conv->error, KDCC_ERROR, KDCC_ERROR_PARSE,
                   _("%s: expands to more than %d values (through aliases?)"),
                   conv->source, KDCC_YAML_MAX_VALUES);
      return NULL;
    }

  switch (node->type)
    {
    case YAML_SCALAR_NODE:
      return scalar_to_node (node);

    case YAML_SEQUENCE_NODE:
      {
        g_autoptr(JsonArray) array = json_array_new ();

        for (yaml_node_item_t *item = node->data.sequence.items.start;
             item < node->data.sequence.items.top; item++)
          {
            JsonNode *child = convert (conv, yaml_document_get_node (conv->doc, *item), depth + 1);

            if (child == NULL)
              return NULL;
            json_array_add_element (array, child);
          }
        return json_node_init_array (json_node_alloc (), array);
      }

    case YAML_MAPPING_NODE:
      {
        g_autoptr(JsonObject) object = json_object_new ();

        for (yaml_node_pair_t *pair = node->data.mapping.pairs.start;
             pair < node->data.mapping.pairs.top; pair++)
          {
            yaml_node_t *key = yaml_document_get_node (conv->doc, pair->key);
            JsonNode *child;
            const char *name;

            if (key == NULL || key->type != YAML_SCALAR_NODE)
              {
                g_set_error (conv->error, KDCC_ERROR, KDCC_ERROR_PARSE,
                             _("%s: line %lu: a mapping key is not a plain value"), conv->source,
                             (unsigned long) (key ? key->start_mark.line
                                                  : node->start_mark.line) + 1);
                return NULL;
              }
            name = (const char *) key->data.scalar.value;
            if (strlen (name) != key->data.scalar.length)
              {
                g_set_error (conv->error, KDCC_ERROR, KDCC_ERROR_PARSE,
                             _("%s: line %lu: a mapping key contains a NUL character"),
                             conv->source, (unsigned long) key->start_mark.line + 1);
                return NULL;
              }
            child = convert (conv, yaml_document_get_node (conv->doc, pair->value), depth + 1);
            if (child == NULL)
              return NULL;
            if (json_object_has_member (object, name))
              json_node_unref (child);
            else
              json_object_set_member (object, name, child);
          }
        return json_node_init_object (json_node_alloc (), object);
      }

    case YAML_NO_NODE:
    default:
      return json_node_init_null (json_node_alloc ());
    }
}

GPtrArray *
kdcc_yaml_load_all (const char  *source,
                    const char  *text,
                    gssize       length,
                    GError     **error)
{
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  yaml_parser_t parser;
  gsize len;
  gboolean ok = TRUE;
  Converter conv = { source, NULL, 0, error };

  g_return_val_if_fail (source != NULL, NULL);
  g_return_val_if_fail (text != NULL || length == 0, NULL);

  len = length < 0 ? strlen (text) : (gsize) length;
  if (len > KDCC_YAML_MAX_BYTES)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_PARSE,
                   _("%s: larger than %d MiB"), source, KDCC_YAML_MAX_BYTES / (1024 * 1024));
      return NULL;
    }
  if (!g_utf8_validate (text, len, NULL))
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_PARSE, _("%s: not valid UTF-8"), source);
      return NULL;
    }

  if (!yaml_parser_initialize (&parser))
    g_error ("libyaml could not allocate a parser");
  yaml_parser_set_input_string (&parser, (const unsigned char *) (text ? text : ""), len);
  yaml_parser_set_encoding (&parser, YAML_UTF8_ENCODING);

  while (ok)
    {
      yaml_document_t doc;
      yaml_node_t *root;

      if (!yaml_parser_load (&parser, &doc))
        {
          g_set_error (error, KDCC_ERROR, KDCC_ERROR_PARSE, _("%s: line %lu: %s%s%s"), source,
                       (unsigned long) (parser.problem_mark.line + 1),
                       parser.problem ? parser.problem : "invalid YAML",
                       parser.context ? " " : "", parser.context ? parser.context : "");
          ok = FALSE;
          break;
        }
      root = yaml_document_get_root_node (&doc);
      if (root == NULL)
        {
          /* libyaml ends the stream with a document without a root; an
           * empty document inside the stream has a null root instead. */
          yaml_document_delete (&doc);
          break;
        }
      conv.doc = &doc;
      {
        JsonNode *node = convert (&conv, root, 0);

        if (node == NULL)
          ok = FALSE;
        else if (JSON_NODE_HOLDS_NULL (node))
          json_node_unref (node);
        else
          g_ptr_array_add (docs, node);
      }
      yaml_document_delete (&doc);
    }
  yaml_parser_delete (&parser);

  return ok ? g_steal_pointer (&docs) : NULL;
}

JsonNode *
kdcc_yaml_load (const char  *source,
                const char  *text,
                gssize       length,
                GError     **error)
{
  g_autoptr(GPtrArray) docs = kdcc_yaml_load_all (source, text, length, error);

  if (docs == NULL)
    return NULL;
  if (docs->len == 0)
    return json_node_init_object (json_node_alloc (), json_object_new ());
  if (docs->len > 1)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_PARSE,
                   _("%s: holds %u documents where one was expected"), source, docs->len);
      return NULL;
    }
  return json_node_ref (g_ptr_array_index (docs, 0));
}
