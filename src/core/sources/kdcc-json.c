/* kdcc-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-json"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "kdcc-error.h"
#include "kdcc-json.h"

/* Ceph's deepest output nests fewer than ten levels; anything far deeper is
 * garbage, and refusing it up front keeps json-glib's recursive parser away
 * from the stack limit. */
#define MAX_NESTING 128

/* 2^63 as a double; every double below it converts to gint64 exactly. */
#define TWO_POW_63 9223372036854775808.0

/* ------------------------------------------------------------------------
 * Loading */

typedef enum
{
  PRESCAN_OK,
  PRESCAN_TOO_DEEP,
  PRESCAN_BAD_ESCAPE,
} Prescan;

static int
hex4 (const char *p,
      const char *end)
{
  int value = 0;

  if (end - p < 4)
    return -1;
  for (int i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (p[i]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }
  return value;
}

/* One pass over the text before json-glib sees it. Nesting: see
 * MAX_NESTING. Escapes: json-glib 1.6 (Debian 12) also takes escapes that
 * JSON does not have, such as the octal "\777", and a lone low surrogate
 * "\udc00", and turns them into bytes that are not UTF-8 inside strings
 * it hands out as text (found by fuzz-diagnostics-summary: a health
 * check's detail line carried byte 0xff into SUMMARY.txt). Only the
 * escapes RFC 8259 defines pass, a \u of a surrogate only as a pair. */
static Prescan
prescan (const char *text,
         gsize       length,
         gsize      *where)
{
  const char *end = text + length;
  gboolean in_string = FALSE;
  guint depth = 0;

  for (const char *p = text; p < end; p++)
    {
      char c = *p;

      if (in_string)
        {
          if (c == '"')
            in_string = FALSE;
          else if (c == '\\')
            {
              int unit;

              *where = p - text;
              if (++p >= end)
                return PRESCAN_BAD_ESCAPE;
              if (strchr ("\"\\/bfnrt", *p) != NULL && *p != '\0')
                continue;
              if (*p != 'u' || (unit = hex4 (p + 1, end)) < 0 || (unit >= 0xdc00 && unit <= 0xdfff))
                return PRESCAN_BAD_ESCAPE;
              p += 4;
              if (unit >= 0xd800 && unit <= 0xdbff)
                {
                  /* A high surrogate must be followed by a low one. */
                  if (end - p < 3 || p[1] != '\\' || p[2] != 'u'
                      || (unit = hex4 (p + 3, end)) < 0xdc00 || unit > 0xdfff)
                    return PRESCAN_BAD_ESCAPE;
                  p += 6;
                }
            }
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > MAX_NESTING)
            return PRESCAN_TOO_DEEP;
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }
  return PRESCAN_OK;
}

/* The checks json-glib 1.6 does not make: it would take a NUL byte as the
 * end, recurse without limit and turn the octal escape "\777" or a lone
 * low surrogate into bytes that are not UTF-8 inside a string. */
static gboolean
check_text (const char  *source,
            const char  *text,
            gsize        len,
            GError     **error)
{
  gsize where = 0;

  if (!g_utf8_validate (text, len, NULL))
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_PARSE,
                   _("%s: the output is not valid UTF-8 text"), source);
      return FALSE;
    }
  switch (prescan (text, len, &where))
    {
    case PRESCAN_TOO_DEEP:
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_PARSE,
                   _("%s: the output is nested more than %d levels deep"),
                   source, MAX_NESTING);
      return FALSE;
    case PRESCAN_BAD_ESCAPE:
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_PARSE,
                   _("%s: the output is not valid JSON: an invalid escape at byte %" G_GSIZE_FORMAT),
                   source, where);
      return FALSE;
    case PRESCAN_OK:
    default:
      return TRUE;
    }
}

gboolean
kdcc_json_parser_load (JsonParser  *parser,
                       const char  *source,
                       const char  *text,
                       gssize       length,
                       GError     **error)
{
  gsize len = text == NULL ? 0 : length < 0 ? strlen (text) : (gsize) length;

  g_return_val_if_fail (JSON_IS_PARSER (parser), FALSE);
  g_return_val_if_fail (source != NULL, FALSE);

  if (len > 0 && !check_text (source, text, len, error))
    return FALSE;
  return json_parser_load_from_data (parser, text != NULL ? text : "", (gssize) len, error);
}

JsonNode *
kdcc_json_load (const char  *source,
                const char  *text,
                gssize       length,
                GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize len;
  JsonNode *root;

  g_return_val_if_fail (source != NULL, NULL);

  if (text == NULL)
    length = 0;
  len = length < 0 ? strlen (text) : (gsize) length;

  if (len == 0)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_PARSE, _("%s: the output is empty"), source);
      return NULL;
    }
  /* This also refuses NUL bytes, which json-glib would take as the end. */
  if (!check_text (source, text, len, error))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, text, len, &local_error))
    {
      /* json-glib quotes the offending text, which can be a byte that is
       * not UTF-8 (an octal escape such as "\777" in a string): every KDCC
       * message is shown and logged, so it is made valid (fuzz-orch-parse). */
      g_autofree char *why = g_utf8_make_valid (local_error->message, -1);

      g_set_error (error, KDCC_ERROR, KDCC_ERROR_PARSE, _("%s: the output is not valid JSON: %s"),
                   source, why);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_PARSE, _("%s: the output is empty"), source);
      return NULL;
    }
  return json_node_ref (root);
}

JsonNode *
kdcc_json_load_root (const char    *source,
                     const char    *text,
                     gssize         length,
                     JsonNodeType   want,
                     GError       **error)
{
  g_autoptr(JsonNode) root = kdcc_json_load (source, text, length, error);

  if (root == NULL)
    return NULL;
  if (JSON_NODE_TYPE (root) != want)
    {
      if (want == JSON_NODE_OBJECT)
        g_set_error (error, KDCC_ERROR, KDCC_ERROR_PARSE,
                     _("%s: the output is not a JSON object"), source);
      else
        g_set_error (error, KDCC_ERROR, KDCC_ERROR_PARSE,
                     _("%s: the output is not a JSON array"), source);
      return NULL;
    }
  return g_steal_pointer (&root);
}

/* ------------------------------------------------------------------------
 * Errors */

void
kdcc_json_path (char       *buf,
                const char *parent,
                const char *member)
{
  if (parent != NULL && *parent == '\0')
    parent = NULL;
  if (parent != NULL && member != NULL)
    g_snprintf (buf, KDCC_JSON_PATH_SIZE, "%s.%s", parent, member);
  else
    g_snprintf (buf, KDCC_JSON_PATH_SIZE, "%s",
                parent != NULL ? parent : (member != NULL ? member : ""));
}

gboolean
kdcc_json_error (KdccJson        *json,
                 const char      *parent,
                 const char      *member,
                 KdccJsonProblem  problem)
{
  const char *source = json->source;
  GError **error = json->error;
  char path[KDCC_JSON_PATH_SIZE];

  kdcc_json_path (path, parent, member);
  /* One literal format per case, so translators see whole sentences and
   * the compiler can check the arguments. */
  switch (problem)
    {
    case KDCC_JSON_MISSING:
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_PARSE, _("%s: \"%s\" is missing"), source, path);
      break;
    case KDCC_JSON_NOT_STRING:
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_PARSE, _("%s: \"%s\" is not a string"),
                   source, path);
      break;
    case KDCC_JSON_NOT_NUMBER:
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_PARSE, _("%s: \"%s\" is not a number"),
                   source, path);
      break;
    case KDCC_JSON_NOT_INTEGER:
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_PARSE, _("%s: \"%s\" is not a whole number"),
                   source, path);
      break;
    case KDCC_JSON_OUT_OF_RANGE:
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_PARSE, _("%s: \"%s\" is out of range"),
                   source, path);
      break;
    case KDCC_JSON_NOT_BOOL:
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_PARSE, _("%s: \"%s\" is not true or false"),
                   source, path);
      break;
    case KDCC_JSON_NOT_OBJECT:
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_PARSE, _("%s: \"%s\" is not an object"),
                   source, path);
      break;
    case KDCC_JSON_NOT_ARRAY:
    default:
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_PARSE, _("%s: \"%s\" is not a list"),
                   source, path);
      break;
    }
  return FALSE;
}

/* ------------------------------------------------------------------------
 * Typed reads of a node */

gboolean
kdcc_json_node_get_string (KdccJson    *json,
                           JsonNode    *node,
                           const char  *parent,
                           const char  *member,
                           const char **value)
{
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return kdcc_json_error (json, parent, member, KDCC_JSON_NOT_STRING);
  *value = json_node_get_string (node);
  return TRUE;
}

/* Reads a number node (or, when lenient, a string holding one) as a
 * double; *is_int tells whether it was written as an integer, *ival then
 * holds it exactly. */
static gboolean
node_get_number (KdccJson   *json,
                 JsonNode   *node,
                 const char *parent,
                 const char *member,
                 double     *dval,
                 gint64     *ival,
                 gboolean   *is_int)
{
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return kdcc_json_error (json, parent, member, KDCC_JSON_NOT_NUMBER);

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    {
      *ival = json_node_get_int (node);
      *dval = (double) *ival;
      *is_int = TRUE;
      return TRUE;
    }
  if (type == G_TYPE_DOUBLE)
    {
      *dval = json_node_get_double (node);
      *is_int = FALSE;
      if (!isfinite (*dval))
        return kdcc_json_error (json, parent, member, KDCC_JSON_OUT_OF_RANGE);
      return TRUE;
    }
  if (type == G_TYPE_STRING && (json->flags & KDCC_JSON_LENIENT) != 0)
    {
      const char *str = json_node_get_string (node);
      g_autoptr(GError) local_error = NULL;
      char *end = NULL;

      while (g_ascii_isspace (*str))
        str++;
      if (*str == '\0')
        return kdcc_json_error (json, parent, member, KDCC_JSON_NOT_NUMBER);

      if (g_ascii_string_to_signed (str, 10, G_MININT64, G_MAXINT64, ival, &local_error))
        {
          *dval = (double) *ival;
          *is_int = TRUE;
          return TRUE;
        }
      if (g_error_matches (local_error, G_NUMBER_PARSER_ERROR, G_NUMBER_PARSER_ERROR_OUT_OF_BOUNDS))
        return kdcc_json_error (json, parent, member, KDCC_JSON_OUT_OF_RANGE);

      *dval = g_ascii_strtod (str, &end);
      if (end == str || *end != '\0')
        return kdcc_json_error (json, parent, member, KDCC_JSON_NOT_NUMBER);
      if (!isfinite (*dval))
        return kdcc_json_error (json, parent, member, KDCC_JSON_OUT_OF_RANGE);
      *is_int = FALSE;
      return TRUE;
    }
  return kdcc_json_error (json, parent, member, KDCC_JSON_NOT_NUMBER);
}

/* A whole number in [MIN, 2^63); integers may also be written as 1.0. */
static gboolean
node_get_whole (KdccJson   *json,
                JsonNode   *node,
                const char *parent,
                const char *member,
                double      min,
                gint64     *value)
{
  double d;
  gint64 i;
  gboolean is_int;

  if (!node_get_number (json, node, parent, member, &d, &i, &is_int))
    return FALSE;
  if (!is_int)
    {
      if (d != floor (d))
        return kdcc_json_error (json, parent, member, KDCC_JSON_NOT_INTEGER);
      if (d < min || d >= TWO_POW_63)
        return kdcc_json_error (json, parent, member, KDCC_JSON_OUT_OF_RANGE);
      i = (gint64) d;
    }
  if ((double) i < min)
    return kdcc_json_error (json, parent, member, KDCC_JSON_OUT_OF_RANGE);
  *value = i;
  return TRUE;
}

gboolean
kdcc_json_node_get_int (KdccJson   *json,
                        JsonNode   *node,
                        const char *parent,
                        const char *member,
                        gint64     *value)
{
  return node_get_whole (json, node, parent, member, -TWO_POW_63, value);
}

gboolean
kdcc_json_node_get_uint (KdccJson   *json,
                         JsonNode   *node,
                         const char *parent,
                         const char *member,
                         guint64    *value)
{
  gint64 i = 0;

  /* Byte counts beyond 2^63 (8 EiB) are not a real cluster: reading them
   * as signed keeps one code path and still refuses negatives. */
  if (!node_get_whole (json, node, parent, member, 0, &i))
    return FALSE;
  *value = (guint64) i;
  return TRUE;
}

gboolean
kdcc_json_node_get_double (KdccJson   *json,
                           JsonNode   *node,
                           const char *parent,
                           const char *member,
                           double     *value)
{
  gint64 i;
  gboolean is_int;

  return node_get_number (json, node, parent, member, value, &i, &is_int);
}

gboolean
kdcc_json_node_get_bool (KdccJson   *json,
                         JsonNode   *node,
                         const char *parent,
                         const char *member,
                         gboolean   *value)
{
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return kdcc_json_error (json, parent, member, KDCC_JSON_NOT_BOOL);

  type = json_node_get_value_type (node);
  if (type == G_TYPE_BOOLEAN)
    {
      *value = json_node_get_boolean (node);
      return TRUE;
    }
  if (type == G_TYPE_INT64)
    {
      gint64 i = json_node_get_int (node);

      if (i != 0 && i != 1)
        return kdcc_json_error (json, parent, member, KDCC_JSON_NOT_BOOL);
      *value = i == 1;
      return TRUE;
    }
  if (type == G_TYPE_STRING && (json->flags & KDCC_JSON_LENIENT) != 0)
    {
      const char *str = json_node_get_string (node);

      if (g_str_equal (str, "true") || g_str_equal (str, "1"))
        *value = TRUE;
      else if (g_str_equal (str, "false") || g_str_equal (str, "0"))
        *value = FALSE;
      else
        return kdcc_json_error (json, parent, member, KDCC_JSON_NOT_BOOL);
      return TRUE;
    }
  return kdcc_json_error (json, parent, member, KDCC_JSON_NOT_BOOL);
}

/* ------------------------------------------------------------------------
 * Typed reads of a member */

gboolean
kdcc_json_get_member (KdccJson    *json,
                      JsonObject  *object,
                      const char  *parent,
                      const char  *member,
                      gboolean     required,
                      JsonNode   **value)
{
  JsonNode *found = json_object_get_member (object, member);

  if (found != NULL && JSON_NODE_HOLDS_NULL (found))
    found = NULL;
  *value = found;
  if (found == NULL && required)
    return kdcc_json_error (json, parent, member, KDCC_JSON_MISSING);
  return TRUE;
}

gboolean
kdcc_json_get_string (KdccJson    *json,
                      JsonObject  *object,
                      const char  *parent,
                      const char  *member,
                      gboolean     required,
                      const char **value)
{
  JsonNode *node;

  if (!kdcc_json_get_member (json, object, parent, member, required, &node))
    return FALSE;
  return node == NULL || kdcc_json_node_get_string (json, node, parent, member, value);
}

gboolean
kdcc_json_get_int (KdccJson    *json,
                   JsonObject  *object,
                   const char  *parent,
                   const char  *member,
                   gboolean     required,
                   gint64      *value)
{
  JsonNode *node;

  if (!kdcc_json_get_member (json, object, parent, member, required, &node))
    return FALSE;
  return node == NULL || kdcc_json_node_get_int (json, node, parent, member, value);
}

gboolean
kdcc_json_get_uint (KdccJson    *json,
                    JsonObject  *object,
                    const char  *parent,
                    const char  *member,
                    gboolean     required,
                    guint64     *value)
{
  JsonNode *node;

  if (!kdcc_json_get_member (json, object, parent, member, required, &node))
    return FALSE;
  return node == NULL || kdcc_json_node_get_uint (json, node, parent, member, value);
}

gboolean
kdcc_json_get_double (KdccJson    *json,
                      JsonObject  *object,
                      const char  *parent,
                      const char  *member,
                      gboolean     required,
                      double      *value)
{
  JsonNode *node;

  if (!kdcc_json_get_member (json, object, parent, member, required, &node))
    return FALSE;
  return node == NULL || kdcc_json_node_get_double (json, node, parent, member, value);
}

gboolean
kdcc_json_get_bool (KdccJson    *json,
                    JsonObject  *object,
                    const char  *parent,
                    const char  *member,
                    gboolean     required,
                    gboolean    *value)
{
  JsonNode *node;

  if (!kdcc_json_get_member (json, object, parent, member, required, &node))
    return FALSE;
  return node == NULL || kdcc_json_node_get_bool (json, node, parent, member, value);
}

gboolean
kdcc_json_get_object (KdccJson    *json,
                      JsonObject  *object,
                      const char  *parent,
                      const char  *member,
                      gboolean     required,
                      JsonObject **value)
{
  JsonNode *node;

  if (!kdcc_json_get_member (json, object, parent, member, required, &node))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return kdcc_json_error (json, parent, member, KDCC_JSON_NOT_OBJECT);
  *value = json_node_get_object (node);
  return TRUE;
}

gboolean
kdcc_json_get_array (KdccJson    *json,
                     JsonObject  *object,
                     const char  *parent,
                     const char  *member,
                     gboolean     required,
                     JsonArray  **value)
{
  JsonNode *node;

  if (!kdcc_json_get_member (json, object, parent, member, required, &node))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return kdcc_json_error (json, parent, member, KDCC_JSON_NOT_ARRAY);
  *value = json_node_get_array (node);
  return TRUE;
}

gboolean
kdcc_json_element_object (KdccJson    *json,
                          JsonArray   *array,
                          guint        index,
                          const char  *array_path,
                          char        *path,
                          JsonObject **value)
{
  JsonNode *node = json_array_get_element (array, index);

  g_snprintf (path, KDCC_JSON_PATH_SIZE, "%s[%u]", array_path, index);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return kdcc_json_error (json, path, NULL, KDCC_JSON_NOT_OBJECT);
  *value = json_node_get_object (node);
  return TRUE;
}

/* ------------------------------------------------------------------------
 * Soft reads
 * ------------------------------------------------------------------------ */

JsonObject *
kdcc_json_as_object (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonArray *
kdcc_json_as_array (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

JsonObject *
kdcc_json_find_object (JsonObject *object,
                       const char *member)
{
  return object != NULL ? kdcc_json_as_object (json_object_get_member (object, member)) : NULL;
}

JsonArray *
kdcc_json_find_array (JsonObject *object,
                      const char *member)
{
  return object != NULL ? kdcc_json_as_array (json_object_get_member (object, member)) : NULL;
}

const char *
kdcc_json_find_string (JsonObject *object,
                       const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

double
kdcc_json_find_number (JsonObject *object,
                       const char *member,
                       double      fallback)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return fallback;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    return (double) json_node_get_int (node);
  if (type == G_TYPE_DOUBLE)
    return json_node_get_double (node);
  if (type == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node) ? 1 : 0;
  return fallback;
}
