/* kdcc-json.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Checked loading and typed reads of JSON documents, shared by the parsers
 * of Ceph's command output and of the dashboard's REST answers. They do no
 * I/O and may run on any thread.
 *
 * Every error is KDCC_ERROR_PARSE with a message that starts with the
 * reader's SOURCE and names the member's path, e.g.
 * 'status: "osdmap.epoch" is not a number'. */

/* Room for a member path in an error message; longer paths are cut. */
#define KDCC_JSON_PATH_SIZE 256

typedef enum
{
  /* Numbers must be JSON numbers; booleans true/false or 0/1. */
  KDCC_JSON_STRICT  = 0,
  /* Ceph's CLI writes some numbers as strings and some booleans as
   * "true"/"false"/"0"/"1": accept those too. */
  KDCC_JSON_LENIENT = 1 << 0,
} KdccJsonFlags;

typedef struct
{
  const char     *source;   /* the command or endpoint, first in every message */
  KdccJsonFlags   flags;
  GError        **error;
} KdccJson;

typedef enum
{
  KDCC_JSON_MISSING,
  KDCC_JSON_NOT_STRING,
  KDCC_JSON_NOT_NUMBER,
  KDCC_JSON_NOT_INTEGER,
  KDCC_JSON_OUT_OF_RANGE,
  KDCC_JSON_NOT_BOOL,
  KDCC_JSON_NOT_OBJECT,
  KDCC_JSON_NOT_ARRAY,
} KdccJsonProblem;

/* json_parser_load_from_data() behind the checks of kdcc_json_load()
 * (UTF-8 without NUL bytes, nesting, only JSON's own escapes), for callers
 * that keep their own JsonParser. SOURCE names the text in the messages of
 * those checks; json-glib's own errors come unchanged. Empty text goes to
 * json-glib unchecked, as before. */
gboolean  kdcc_json_parser_load  (JsonParser      *parser,
                                  const char      *source,
                                  const char      *text,
                                  gssize           length,
                                  GError         **error);

/* Loads JSON text after checking that it is not empty, is valid UTF-8
 * without NUL bytes and is not nested absurdly deep. LENGTH may be -1 for
 * a NUL-terminated string. Returns the root node. */
JsonNode *kdcc_json_load        (const char      *source,
                                 const char      *text,
                                 gssize           length,
                                 GError         **error);
/* The same, and the root must be of type WANT (an object or an array). */
JsonNode *kdcc_json_load_root   (const char      *source,
                                 const char      *text,
                                 gssize           length,
                                 JsonNodeType     want,
                                 GError         **error);

/* Writes "PARENT.MEMBER" (either may be NULL or empty) into BUF, which
 * holds KDCC_JSON_PATH_SIZE bytes. */
void      kdcc_json_path        (char            *buf,
                                 const char      *parent,
                                 const char      *member);

/* Sets the error for PROBLEM at PARENT.MEMBER; always returns FALSE. */
gboolean  kdcc_json_error       (KdccJson        *json,
                                 const char      *parent,
                                 const char      *member,
                                 KdccJsonProblem  problem);

/* Typed member reads. The numeric readers refuse a number outside the
 * target type's range, the integer ones also a fraction. A member that is
 * absent or JSON null is an error only when REQUIRED; otherwise the readers
 * return TRUE and leave *value untouched. PARENT is the path of OBJECT and
 * may be NULL. */
gboolean  kdcc_json_get_member  (KdccJson        *json,
                                 JsonObject      *object,
                                 const char      *parent,
                                 const char      *member,
                                 gboolean         required,
                                 JsonNode       **value);
gboolean  kdcc_json_get_string  (KdccJson        *json,
                                 JsonObject      *object,
                                 const char      *parent,
                                 const char      *member,
                                 gboolean         required,
                                 const char     **value);
gboolean  kdcc_json_get_int     (KdccJson        *json,
                                 JsonObject      *object,
                                 const char      *parent,
                                 const char      *member,
                                 gboolean         required,
                                 gint64          *value);
gboolean  kdcc_json_get_uint    (KdccJson        *json,
                                 JsonObject      *object,
                                 const char      *parent,
                                 const char      *member,
                                 gboolean         required,
                                 guint64         *value);
gboolean  kdcc_json_get_double  (KdccJson        *json,
                                 JsonObject      *object,
                                 const char      *parent,
                                 const char      *member,
                                 gboolean         required,
                                 double          *value);
gboolean  kdcc_json_get_bool    (KdccJson        *json,
                                 JsonObject      *object,
                                 const char      *parent,
                                 const char      *member,
                                 gboolean         required,
                                 gboolean        *value);
gboolean  kdcc_json_get_object  (KdccJson        *json,
                                 JsonObject      *object,
                                 const char      *parent,
                                 const char      *member,
                                 gboolean         required,
                                 JsonObject     **value);
gboolean  kdcc_json_get_array   (KdccJson        *json,
                                 JsonObject      *object,
                                 const char      *parent,
                                 const char      *member,
                                 gboolean         required,
                                 JsonArray      **value);

/* The same checks on a node that is already at hand, e.g. an array
 * element; PARENT and MEMBER only name it in errors. */
gboolean  kdcc_json_node_get_string (KdccJson    *json,
                                     JsonNode    *node,
                                     const char  *parent,
                                     const char  *member,
                                     const char **value);
gboolean  kdcc_json_node_get_int    (KdccJson    *json,
                                     JsonNode    *node,
                                     const char  *parent,
                                     const char  *member,
                                     gint64      *value);
gboolean  kdcc_json_node_get_uint   (KdccJson    *json,
                                     JsonNode    *node,
                                     const char  *parent,
                                     const char  *member,
                                     guint64     *value);
gboolean  kdcc_json_node_get_double (KdccJson    *json,
                                     JsonNode    *node,
                                     const char  *parent,
                                     const char  *member,
                                     double      *value);
gboolean  kdcc_json_node_get_bool   (KdccJson    *json,
                                     JsonNode    *node,
                                     const char  *parent,
                                     const char  *member,
                                     gboolean    *value);

/* Element INDEX of ARRAY, which must be an object; PATH receives its path
 * "ARRAY_PATH[INDEX]" (KDCC_JSON_PATH_SIZE bytes). */
gboolean  kdcc_json_element_object  (KdccJson    *json,
                                     JsonArray   *array,
                                     guint        index,
                                     const char  *array_path,
                                     char        *path,
                                     JsonObject **value);

/* Soft reads, for analyses that skip what they cannot read instead of
 * failing (the diagnostics summary): NULL, or FALLBACK, when NODE or
 * OBJECT is NULL, the member is absent, or it has another type. A number
 * may be a JSON integer, a fraction or a boolean (Ceph writes some flags as
 * 0/1 and others as true/false). */
JsonObject *kdcc_json_as_object   (JsonNode    *node);
JsonArray  *kdcc_json_as_array    (JsonNode    *node);
JsonObject *kdcc_json_find_object (JsonObject  *object,
                                   const char  *member);
JsonArray  *kdcc_json_find_array  (JsonObject  *object,
                                   const char  *member);
const char *kdcc_json_find_string (JsonObject  *object,
                                   const char  *member);
double      kdcc_json_find_number (JsonObject  *object,
                                   const char  *member,
                                   double       fallback);

G_END_DECLS
