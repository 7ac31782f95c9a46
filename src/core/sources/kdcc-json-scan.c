/* kdcc-json-scan.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-json"

#include "config.h"

#include <math.h>
#include <string.h>

#include "kdcc-json-scan.h"

/* 2^63 as a double; every double below it converts to gint64 exactly. */
#define TWO_POW_63 9223372036854775808.0

static gboolean
fail (KdccJsonScan *scan)
{
  scan->failed = TRUE;
  return FALSE;
}

void
kdcc_json_scan_init (KdccJsonScan *scan,
                     const char   *text,
                     gsize         length)
{
  scan->p = text;
  scan->end = text + length;
  scan->depth = 0;
  scan->after_open = FALSE;
  scan->failed = text == NULL || length == 0;
}

gboolean
kdcc_json_scan_failed (KdccJsonScan *scan)
{
  return scan->failed;
}

/* JSON's four blanks only: json-glib's scanner takes more, and text it
 * takes that we do not makes us give up, never the other way round. */
static inline void
skip_blanks (KdccJsonScan *scan)
{
  const char *p = scan->p;

  while (p < scan->end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t'))
    p++;
  scan->p = p;
}

char
kdcc_json_scan_peek (KdccJsonScan *scan)
{
  if (scan->failed)
    return 0;
  skip_blanks (scan);
  return scan->p < scan->end ? *scan->p : 0;
}

static gboolean
read_string (KdccJsonScan  *scan,
             const char   **str,
             gsize         *len)
{
  const char *p = scan->p;
  const char *start;

  if (p >= scan->end || *p != '"')
    return fail (scan);
  start = ++p;
  for (; p < scan->end; p++)
    {
      guchar c = (guchar) *p;

      if (c == '"')
        {
          *str = start;
          *len = p - start;
          scan->p = p + 1;
          return TRUE;
        }
      /* Escapes, control characters and anything non-ASCII (which is
       * where invalid UTF-8 would hide): json-glib's business. */
      if (c == '\\' || c < 0x20 || c >= 0x80)
        return fail (scan);
    }
  return fail (scan);
}

static gboolean
read_number (KdccJsonScan      *scan,
             KdccJsonScanValue *value)
{
  const char *p = scan->p;
  const char *start = p;
  const char *end = scan->end;
  gboolean negative = FALSE;
  gboolean is_int = TRUE;
  guint64 acc = 0;
  guint digits = 0;

  if (p < end && *p == '-')
    {
      negative = TRUE;
      p++;
    }
  if (p >= end || !g_ascii_isdigit (*p))
    return fail (scan);
  if (*p == '0')
    {
      p++;
      digits = 1;
    }
  else
    for (; p < end && g_ascii_isdigit (*p); p++, digits++)
      acc = acc * 10 + (guint64) (*p - '0');
  if (p < end && *p == '.')
    {
      is_int = FALSE;
      p++;
      if (p >= end || !g_ascii_isdigit (*p))
        return fail (scan);
      while (p < end && g_ascii_isdigit (*p))
        p++;
    }
  if (p < end && (*p == 'e' || *p == 'E'))
    {
      is_int = FALSE;
      p++;
      if (p < end && (*p == '+' || *p == '-'))
        p++;
      if (p >= end || !g_ascii_isdigit (*p))
        return fail (scan);
      while (p < end && g_ascii_isdigit (*p))
        p++;
    }
  /* A number must end where a value ends. */
  if (p < end && !(*p == ',' || *p == '}' || *p == ']' || *p == ' ' || *p == '\n'
                   || *p == '\r' || *p == '\t'))
    return fail (scan);

  value->kind = KDCC_JSON_SCAN_NUMBER;
  value->is_int = is_int;
  if (is_int)
    {
      /* 18 digits always fit; longer ones are json-glib's call. */
      if (digits > 18)
        return fail (scan);
      value->i = negative ? -(gint64) acc : (gint64) acc;
      value->d = (double) value->i;
    }
  else
    {
      char buf[32];
      char *tail = NULL;
      gsize n = p - start;

      if (n >= sizeof buf)
        return fail (scan);
      memcpy (buf, start, n);
      buf[n] = '\0';
      value->d = g_ascii_strtod (buf, &tail);
      if (tail != buf + n || !isfinite (value->d))
        return fail (scan);
    }
  scan->p = p;
  return TRUE;
}

static gboolean
read_literal (KdccJsonScan *scan,
              const char   *word,
              gsize         len)
{
  if ((gsize) (scan->end - scan->p) < len || memcmp (scan->p, word, len) != 0)
    return fail (scan);
  scan->p += len;
  return TRUE;
}

static gboolean
open_container (KdccJsonScan *scan,
                char          open)
{
  if (kdcc_json_scan_peek (scan) != open)
    return fail (scan);
  if (++scan->depth > KDCC_JSON_SCAN_MAX_DEPTH)
    return fail (scan);
  scan->p++;
  scan->after_open = TRUE;
  return TRUE;
}

/* Before the next member or element: the closing character (taken, FALSE)
 * or, unless right after the opening one, a comma (taken, TRUE). */
static gboolean
next_item (KdccJsonScan *scan,
           char          close)
{
  char c = kdcc_json_scan_peek (scan);

  if (scan->failed)
    return FALSE;
  if (c == close)
    {
      scan->p++;
      scan->depth--;
      scan->after_open = FALSE;
      return FALSE;
    }
  if (scan->after_open)
    {
      scan->after_open = FALSE;
      return TRUE;
    }
  if (c != ',')
    return fail (scan);
  scan->p++;
  skip_blanks (scan);
  /* A comma must be followed by an item, not by the closing character. */
  if (scan->p >= scan->end || *scan->p == close)
    return fail (scan);
  return TRUE;
}

gboolean
kdcc_json_scan_object_begin (KdccJsonScan *scan)
{
  return open_container (scan, '{');
}

gboolean
kdcc_json_scan_object_next (KdccJsonScan  *scan,
                            const char   **key,
                            gsize         *key_len)
{
  if (!next_item (scan, '}'))
    return FALSE;
  skip_blanks (scan);
  if (!read_string (scan, key, key_len))
    return FALSE;
  if (kdcc_json_scan_peek (scan) != ':')
    return fail (scan);
  scan->p++;
  return TRUE;
}

gboolean
kdcc_json_scan_array_begin (KdccJsonScan *scan)
{
  return open_container (scan, '[');
}

gboolean
kdcc_json_scan_array_next (KdccJsonScan *scan)
{
  return next_item (scan, ']');
}

gboolean
kdcc_json_scan_value (KdccJsonScan      *scan,
                      KdccJsonScanValue *value)
{
  char c = kdcc_json_scan_peek (scan);

  memset (value, 0, sizeof *value);
  if (scan->failed)
    return FALSE;
  switch (c)
    {
    case '"':
      value->kind = KDCC_JSON_SCAN_STRING;
      return read_string (scan, &value->str, &value->len);
    case 't':
      value->kind = KDCC_JSON_SCAN_TRUE;
      return read_literal (scan, "true", 4);
    case 'f':
      value->kind = KDCC_JSON_SCAN_FALSE;
      return read_literal (scan, "false", 5);
    case 'n':
      value->kind = KDCC_JSON_SCAN_ABSENT;
      return read_literal (scan, "null", 4);
    case '{':
      {
        const char *key;
        gsize key_len;

        value->kind = KDCC_JSON_SCAN_OTHER;
        if (!kdcc_json_scan_object_begin (scan))
          return FALSE;
        while (kdcc_json_scan_object_next (scan, &key, &key_len))
          if (!kdcc_json_scan_skip (scan))
            return FALSE;
        return !scan->failed;
      }
    case '[':
      value->kind = KDCC_JSON_SCAN_OTHER;
      if (!kdcc_json_scan_array_begin (scan))
        return FALSE;
      while (kdcc_json_scan_array_next (scan))
        if (!kdcc_json_scan_skip (scan))
          return FALSE;
      return !scan->failed;
    default:
      return read_number (scan, value);
    }
}

gboolean
kdcc_json_scan_skip (KdccJsonScan *scan)
{
  KdccJsonScanValue value;

  return kdcc_json_scan_value (scan, &value);
}

gboolean
kdcc_json_scan_at_end (KdccJsonScan *scan)
{
  if (scan->failed)
    return FALSE;
  skip_blanks (scan);
  return scan->p == scan->end;
}

/* ------------------------------------------------------------------------
 * Typed reads, as kdcc-json.c's node_get_whole, _double and _bool */

gboolean
kdcc_json_scan_whole (const KdccJsonScanValue *value,
                      double                   min,
                      gint64                  *out)
{
  gint64 i;

  if (value->kind != KDCC_JSON_SCAN_NUMBER)
    return FALSE;
  if (value->is_int)
    i = value->i;
  else
    {
      if (value->d != floor (value->d) || value->d < min || value->d >= TWO_POW_63)
        return FALSE;
      i = (gint64) value->d;
    }
  if ((double) i < min)
    return FALSE;
  *out = i;
  return TRUE;
}

gboolean
kdcc_json_scan_double (const KdccJsonScanValue *value,
                       double                  *out)
{
  if (value->kind != KDCC_JSON_SCAN_NUMBER)
    return FALSE;
  *out = value->d;
  return TRUE;
}

gboolean
kdcc_json_scan_bool (const KdccJsonScanValue *value,
                     gboolean                *out)
{
  if (value->kind == KDCC_JSON_SCAN_TRUE || value->kind == KDCC_JSON_SCAN_FALSE)
    {
      *out = value->kind == KDCC_JSON_SCAN_TRUE;
      return TRUE;
    }
  if (value->kind == KDCC_JSON_SCAN_NUMBER && value->is_int && (value->i == 0 || value->i == 1))
    {
      *out = value->i == 1;
      return TRUE;
    }
  return FALSE;
}

gboolean
kdcc_json_scan_str_is (const KdccJsonScanValue *value,
                       const char              *want)
{
  return value->kind == KDCC_JSON_SCAN_STRING
         && kdcc_json_scan_key_is (value->str, value->len, want);
}
