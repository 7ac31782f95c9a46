/* kdcc-json-scan.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <string.h>

G_BEGIN_DECLS

/* A pull scanner over JSON text for the few answers that are megabytes at
 * 10,000 OSDs (`osd tree`, `osd df`): it walks the text once and builds
 * nothing, where json-glib makes a node, a hash table and copies of every
 * key and string first (about 60 and 120 ms for those two answers here).
 *
 * It is deliberately narrower than JSON: it gives up (kdcc_json_scan_failed)
 * on anything beyond plain strict JSON, i.e. on escapes or non-ASCII bytes
 * in strings, control characters, numbers outside gint64 or written in
 * more than 31 characters, nesting deeper than 128 and text after the
 * value. A parser built on it returns "not handled" then and its caller
 * takes the json-glib path, which accepts or refuses the text with its
 * proper error message; so a scanner-based parser must accept exactly what
 * its json-glib twin accepts, with the same result, or give up. */

#define KDCC_JSON_SCAN_MAX_DEPTH 128

typedef struct
{
  const char *p;
  const char *end;
  guint       depth;
  gboolean    after_open;  /* right after '{' or '[': no comma expected */
  gboolean    failed;
} KdccJsonScan;

typedef enum
{
  KDCC_JSON_SCAN_ABSENT = 0,   /* not present, or JSON null */
  KDCC_JSON_SCAN_STRING,
  KDCC_JSON_SCAN_NUMBER,
  KDCC_JSON_SCAN_TRUE,
  KDCC_JSON_SCAN_FALSE,
  KDCC_JSON_SCAN_OTHER,        /* an object or a list, skipped */
} KdccJsonScanKind;

/* One scalar value, read in place: a string is not NUL-terminated. */
typedef struct
{
  KdccJsonScanKind  kind;
  const char       *str;
  gsize             len;
  double            d;
  gint64            i;
  gboolean          is_int;   /* written without '.' or exponent: I holds it */
} KdccJsonScanValue;

void     kdcc_json_scan_init          (KdccJsonScan       *scan,
                                       const char         *text,
                                       gsize               length);
gboolean kdcc_json_scan_failed        (KdccJsonScan       *scan);
/* The next non-blank character without taking it, or 0 at the end. */
char     kdcc_json_scan_peek          (KdccJsonScan       *scan);

gboolean kdcc_json_scan_object_begin  (KdccJsonScan       *scan);
/* TRUE with the next member's key (in place, no escapes), its ':' taken;
 * FALSE at the closing '}' (taken) or on failure. */
gboolean kdcc_json_scan_object_next   (KdccJsonScan       *scan,
                                       const char        **key,
                                       gsize              *key_len);
gboolean kdcc_json_scan_array_begin   (KdccJsonScan       *scan);
/* TRUE when an element follows, FALSE at the closing ']' or on failure. */
gboolean kdcc_json_scan_array_next   (KdccJsonScan       *scan);

/* Reads any value: a scalar into VALUE, a container skipped (OTHER). */
gboolean kdcc_json_scan_value         (KdccJsonScan       *scan,
                                       KdccJsonScanValue  *value);
gboolean kdcc_json_scan_skip          (KdccJsonScan       *scan);
/* TRUE when only blanks remain. */
gboolean kdcc_json_scan_at_end        (KdccJsonScan       *scan);

static inline gboolean
kdcc_json_scan_key_is (const char *key,
                       gsize       key_len,
                       const char *want)
{
  return strncmp (key, want, key_len) == 0 && want[key_len] == '\0';
}

/* The typed reads of kdcc-json.c, on a scanned value, for the forms the
 * scanner keeps (JSON numbers and booleans; a lenient reader's strings
 * holding numbers give up instead). FALSE means "give up". */
gboolean kdcc_json_scan_whole         (const KdccJsonScanValue *value,
                                       double                   min,
                                       gint64                  *out);
gboolean kdcc_json_scan_double        (const KdccJsonScanValue *value,
                                       double                  *out);
gboolean kdcc_json_scan_bool          (const KdccJsonScanValue *value,
                                       gboolean                *out);
/* A string value equal to WANT. */
gboolean kdcc_json_scan_str_is        (const KdccJsonScanValue *value,
                                       const char              *want);

G_END_DECLS
