/* kdcc-redactor-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Redacts JSON without re-serialising it: a scanner copies the document
 * byte for byte and replaces only the string (or number) values that are
 * secrets, knowing which member of which object is one.
 */
#define G_LOG_DOMAIN "kdcc-redactor"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kdcc-error.h"
#include "kdcc-redactor-private.h"

/* ------------------------------------------------------------------------
 * JSON
 * ------------------------------------------------------------------------ */

typedef enum
{
  VALUE_STRING,
  VALUE_NUMBER,
  VALUE_LITERAL,
  VALUE_OBJECT,
  VALUE_ARRAY,
} ValueKind;

typedef struct
{
  const char          *s;
  gsize                len;
  gsize                pos;
  gboolean             all_values;
  int                  depth;
  KdccRedactionCounts *counts;
  GError             **error;
} Parser;

typedef struct
{
  ValueKind  kind;
  GString   *decoded;   /* strings only: the value after text redaction */
} ValueInfo;

static void
value_info_clear (ValueInfo *info)
{
  if (info->decoded != NULL)
    g_string_free (info->decoded, TRUE);
  info->decoded = NULL;
}

static gboolean
fail (Parser     *p,
      const char *what)
{
  if (p->error != NULL && *p->error == NULL)
    g_set_error (p->error, KDCC_ERROR, KDCC_ERROR_PARSE,
                 _("Malformed JSON at byte %" G_GSIZE_FORMAT ": %s"), p->pos, what);
  return FALSE;
}

static void
copy_ws (Parser  *p,
         GString *out)
{
  gsize start = p->pos;

  while (p->pos < p->len && (p->s[p->pos] == ' ' || p->s[p->pos] == '\t'
                             || p->s[p->pos] == '\n' || p->s[p->pos] == '\r'))
    p->pos++;
  if (out != NULL)
    g_string_append_len (out, p->s + start, p->pos - start);
}

static void
append_utf8 (GString  *out,
             gunichar  c)
{
  char buf[8];
  int n = g_unichar_to_utf8 (c, buf);

  g_string_append_len (out, buf, n);
}

static gboolean
read_hex4 (Parser *p,
           guint  *value)
{
  *value = 0;
  if (p->pos + 4 > p->len)
    return FALSE;
  for (int i = 0; i < 4; i++)
    {
      int d = g_ascii_xdigit_value (p->s[p->pos + i]);

      if (d < 0)
        return FALSE;
      *value = (*value << 4) | (guint) d;
    }
  p->pos += 4;
  return TRUE;
}

/* Parses a string token at p->pos into decoded; p->pos ends after it. */
static gboolean
parse_string (Parser  *p,
              GString *decoded)
{
  if (p->pos >= p->len || p->s[p->pos] != '"')
    return fail (p, "expected a string");
  p->pos++;

  while (p->pos < p->len)
    {
      char c = p->s[p->pos++];

      if (c == '"')
        return TRUE;
      if ((guchar) c < 0x20)
        return fail (p, "control character in a string");
      if (c != '\\')
        {
          g_string_append_c (decoded, c);
          continue;
        }
      if (p->pos >= p->len)
        break;
      c = p->s[p->pos++];
      switch (c)
        {
        case '"': g_string_append_c (decoded, '"'); break;
        case '\\': g_string_append_c (decoded, '\\'); break;
        case '/': g_string_append_c (decoded, '/'); break;
        case 'b': g_string_append_c (decoded, '\b'); break;
        case 'f': g_string_append_c (decoded, '\f'); break;
        case 'n': g_string_append_c (decoded, '\n'); break;
        case 'r': g_string_append_c (decoded, '\r'); break;
        case 't': g_string_append_c (decoded, '\t'); break;
        case 'u':
          {
            guint cp, lo;

            if (!read_hex4 (p, &cp))
              return fail (p, "bad \\u escape");
            if (cp >= 0xD800 && cp < 0xDC00 && p->pos + 6 <= p->len
                && p->s[p->pos] == '\\' && p->s[p->pos + 1] == 'u')
              {
                gsize save = p->pos;

                p->pos += 2;
                if (read_hex4 (p, &lo) && lo >= 0xDC00 && lo < 0xE000)
                  cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                else
                  p->pos = save;
              }
            if (cp >= 0xD800 && cp < 0xE000)
              cp = 0xFFFD;
            if (cp == 0)
              g_string_append_c (decoded, '\0');
            else
              append_utf8 (decoded, cp);
          }
          break;
        default:
          return fail (p, "bad escape");
        }
    }
  return fail (p, "unterminated string");
}

static void
append_json_string (GString    *out,
                    const char *s,
                    gsize       len)
{
  g_string_append_c (out, '"');
  for (gsize i = 0; i < len; i++)
    {
      guchar c = (guchar) s[i];

      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
        }
    }
  g_string_append_c (out, '"');
}

static gboolean parse_value (Parser *p, GString *out, ValueInfo *info);

static gboolean
parse_scalar_word (Parser    *p,
                   GString   *out,
                   ValueInfo *info)
{
  gsize start = p->pos;
  const char *w;
  gsize wlen;

  while (p->pos < p->len && (g_ascii_isalnum (p->s[p->pos]) || strchr ("+-.", p->s[p->pos]) != NULL)
         && p->s[p->pos] != '\0')
    p->pos++;
  w = p->s + start;
  wlen = p->pos - start;
  if (wlen == 0)
    return fail (p, "unexpected character");

  if ((wlen == 4 && memcmp (w, "true", 4) == 0) || (wlen == 5 && memcmp (w, "false", 5) == 0)
      || (wlen == 4 && memcmp (w, "null", 4) == 0))
    {
      info->kind = VALUE_LITERAL;
    }
  else if (w[0] == '-' || g_ascii_isdigit (w[0]) || equal_ci (w, wlen, "nan")
           || equal_ci (w, wlen, "inf") || equal_ci (w, wlen, "infinity"))
    {
      /* Ceph's formatter prints non-finite doubles as nan/-nan/inf; take
       * them as numbers rather than refusing the whole document. */
      for (gsize i = 0; i < wlen; i++)
        if (!g_ascii_isdigit (w[i]) && strchr ("+-.eE", w[i]) == NULL
            && !(equal_ci (w, wlen, "nan") || equal_ci (w, wlen, "-nan") || equal_ci (w, wlen, "inf")
                 || equal_ci (w, wlen, "-inf") || equal_ci (w, wlen, "infinity")
                 || equal_ci (w, wlen, "-infinity")))
          return fail (p, "bad number");
      info->kind = VALUE_NUMBER;
    }
  else
    return fail (p, "unexpected word");

  g_string_append_len (out, w, wlen);
  return TRUE;
}

typedef struct
{
  GString   *pre;       /* whitespace, name and colon, verbatim */
  GString   *name;
  GString   *value;     /* output of the value */
  GString   *post;      /* whitespace after the value, verbatim */
  ValueInfo  info;
} Member;

static void
member_free (gpointer data)
{
  Member *m = data;

  g_string_free (m->pre, TRUE);
  g_string_free (m->name, TRUE);
  g_string_free (m->value, TRUE);
  g_string_free (m->post, TRUE);
  value_info_clear (&m->info);
  g_free (m);
}

static gboolean
name_is (const Member *m,
         const char   *name)
{
  return m->name->len == strlen (name) && memcmp (m->name->str, name, m->name->len) == 0;
}

static gboolean
is_replaceable (const Member *m)
{
  if (m->info.kind == VALUE_NUMBER)
    return TRUE;
  if (m->info.kind != VALUE_STRING)
    return FALSE;
  return m->info.decoded->len > 0 && strcmp (m->info.decoded->str, KDCC_REDACTED) != 0;
}

static void
replace_member (Parser            *p,
                Member            *m,
                KdccRedactionKind  kind)
{
  g_string_assign (m->value, "\"" KDCC_REDACTED "\"");
  redactor_count (p->counts, kind);
}

static const Member *
find_member (GPtrArray  *members,
             const char *name)
{
  for (guint i = 0; i < members->len; i++)
    {
      const Member *m = g_ptr_array_index (members, i);

      if (name_is (m, name))
        return m;
    }
  return NULL;
}

/* The rules that need a whole object: which command an argument belongs to,
 * or which option a "value" is the value of. */
static void
redact_members (Parser    *p,
                GPtrArray *members)
{
  const Member *prefix = find_member (members, "prefix");
  const Member *name = find_member (members, "name");
  gboolean config_key_cmd = FALSE;
  gboolean secret_option = FALSE;

  if (prefix != NULL && prefix->info.kind == VALUE_STRING)
    config_key_cmd = g_str_has_prefix (prefix->info.decoded->str, "config-key");
  if (name != NULL && name->info.kind == VALUE_STRING)
    secret_option = kdcc_redactor_is_secret_name (name->info.decoded->str, name->info.decoded->len);

  for (guint i = 0; i < members->len; i++)
    {
      Member *m = g_ptr_array_index (members, i);

      /* The dashboard's /api/cluster_conf gives an option's values as a
       * list of {section, value}: a secret option loses the whole list. */
      if (secret_option && !p->all_values
          && (m->info.kind == VALUE_ARRAY || m->info.kind == VALUE_OBJECT)
          && (name_is (m, "value") || name_is (m, "values")) && m->value->len > 2)
        {
          replace_member (p, m, KDCC_REDACTION_SECRET_FIELD);
          continue;
        }
      if (!is_replaceable (m))
        continue;
      if (p->all_values)
        replace_member (p, m, KDCC_REDACTION_CONFIG_KEY);
      else if (config_key_cmd && (name_is (m, "val") || name_is (m, "value")))
        replace_member (p, m, KDCC_REDACTION_CONFIG_KEY);
      else if (prefix != NULL && name_is (m, "key"))
        continue;   /* a command argument: the config-key name, the flag of `osd set` */
      else if (secret_option && (name_is (m, "value") || name_is (m, "val")
                                 || name_is (m, "new_value") || name_is (m, "old_value")))
        replace_member (p, m, KDCC_REDACTION_SECRET_FIELD);
      else if (kdcc_redactor_is_secret_name (m->name->str, m->name->len))
        replace_member (p, m, KDCC_REDACTION_SECRET_FIELD);
    }
}

static gboolean
parse_object (Parser  *p,
              GString *out)
{
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (member_free);
  g_autoptr(GString) tail = g_string_new (NULL);

  p->pos++;   /* '{' */
  g_string_append_c (out, '{');

  for (;;)
    {
      Member *m;
      gsize save = p->pos;

      copy_ws (p, NULL);
      if (p->pos < p->len && p->s[p->pos] == '}' && members->len == 0)
        {
          g_string_append_len (tail, p->s + save, p->pos - save);
          break;
        }
      p->pos = save;

      m = g_new0 (Member, 1);
      m->pre = g_string_new (NULL);
      m->name = g_string_new (NULL);
      m->value = g_string_new (NULL);
      m->post = g_string_new (NULL);
      g_ptr_array_add (members, m);

      copy_ws (p, m->pre);
      save = p->pos;
      if (!parse_string (p, m->name))
        return FALSE;
      g_string_append_len (m->pre, p->s + save, p->pos - save);
      copy_ws (p, m->pre);
      if (p->pos >= p->len || p->s[p->pos] != ':')
        return fail (p, "expected ':'");
      g_string_append_c (m->pre, ':');
      p->pos++;
      copy_ws (p, m->pre);
      if (!parse_value (p, m->value, &m->info))
        return FALSE;
      copy_ws (p, m->post);
      if (p->pos >= p->len)
        return fail (p, "unterminated object");
      if (p->s[p->pos] == ',')
        {
          p->pos++;
          continue;
        }
      if (p->s[p->pos] == '}')
        break;
      return fail (p, "expected ',' or '}'");
    }

  p->pos++;   /* '}' */
  redact_members (p, members);
  for (guint i = 0; i < members->len; i++)
    {
      Member *m = g_ptr_array_index (members, i);

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append_len (out, m->pre->str, m->pre->len);
      g_string_append_len (out, m->value->str, m->value->len);
      g_string_append_len (out, m->post->str, m->post->len);
    }
  g_string_append_len (out, tail->str, tail->len);
  g_string_append_c (out, '}');
  return TRUE;
}

static gboolean
parse_array (Parser  *p,
             GString *out)
{
  gboolean first = TRUE;

  p->pos++;   /* '[' */
  g_string_append_c (out, '[');

  for (;;)
    {
      ValueInfo info = { 0 };
      gsize save = p->pos;
      gsize value_start;

      copy_ws (p, NULL);
      if (first && p->pos < p->len && p->s[p->pos] == ']')
        {
          g_string_append_len (out, p->s + save, p->pos - save);
          break;
        }
      p->pos = save;
      copy_ws (p, out);
      value_start = out->len;
      if (!parse_value (p, out, &info))
        {
          value_info_clear (&info);
          return FALSE;
        }
      if (p->all_values && (info.kind == VALUE_NUMBER
                            || (info.kind == VALUE_STRING && info.decoded->len > 0)))
        {
          g_string_truncate (out, value_start);
          g_string_append (out, "\"" KDCC_REDACTED "\"");
          redactor_count (p->counts, KDCC_REDACTION_CONFIG_KEY);
        }
      value_info_clear (&info);
      first = FALSE;
      copy_ws (p, out);
      if (p->pos >= p->len)
        return fail (p, "unterminated array");
      if (p->s[p->pos] == ',')
        {
          g_string_append_c (out, ',');
          p->pos++;
          continue;
        }
      if (p->s[p->pos] == ']')
        break;
      return fail (p, "expected ',' or ']'");
    }

  p->pos++;   /* ']' */
  g_string_append_c (out, ']');
  return TRUE;
}

static gboolean
parse_value (Parser    *p,
             GString   *out,
             ValueInfo *info)
{
  char c;
  gboolean ok;

  if (p->pos >= p->len)
    return fail (p, "unexpected end");
  c = p->s[p->pos];

  if (c == '{' || c == '[')
    {
      if (p->depth >= MAX_DEPTH)
        return fail (p, "nested too deeply");
      p->depth++;
      info->kind = c == '{' ? VALUE_OBJECT : VALUE_ARRAY;
      ok = c == '{' ? parse_object (p, out) : parse_array (p, out);
      p->depth--;
      return ok;
    }

  if (c == '"')
    {
      gsize start = p->pos;
      g_autofree char *redacted = NULL;
      gsize redacted_len = 0;

      info->kind = VALUE_STRING;
      info->decoded = g_string_new (NULL);
      if (!parse_string (p, info->decoded))
        return FALSE;
      if (p->all_values)
        {
          /* The whole value goes; no need to look inside it. */
          g_string_append_len (out, p->s + start, p->pos - start);
          return TRUE;
        }

      {
        GString *buf = g_string_new_len (info->decoded->str, info->decoded->len);

        redactor_text_buffer (buf, p->depth + 1, p->counts);
        redacted_len = buf->len;
        redacted = g_string_free (buf, FALSE);
      }
      if (redacted_len == info->decoded->len
          && memcmp (redacted, info->decoded->str, redacted_len) == 0)
        {
          g_string_append_len (out, p->s + start, p->pos - start);
        }
      else
        {
          append_json_string (out, redacted, redacted_len);
          g_string_truncate (info->decoded, 0);
          g_string_append_len (info->decoded, redacted, redacted_len);
        }
      return TRUE;
    }

  return parse_scalar_word (p, out, info);
}

char *
redactor_json (const char           *json,
               gsize                 length,
               gboolean              all_values,
               int                   depth,
               gsize                *out_length,
               KdccRedactionCounts  *counts,
               GError              **error)
{
  KdccRedactionCounts local = { { 0 } };
  Parser p = { json, length, 0, all_values, depth, &local, error };
  ValueInfo info = { 0 };
  GString *out = g_string_sized_new (length + 16);
  gsize value_start;
  gboolean ok;

  copy_ws (&p, out);
  value_start = out->len;
  ok = parse_value (&p, out, &info);
  if (ok && all_values && (info.kind == VALUE_NUMBER
                           || (info.kind == VALUE_STRING && info.decoded->len > 0)))
    {
      /* A bare value at the top level is the whole secret. */
      g_string_truncate (out, value_start);
      g_string_append (out, "\"" KDCC_REDACTED "\"");
      redactor_count (&local, KDCC_REDACTION_CONFIG_KEY);
    }
  value_info_clear (&info);
  if (ok)
    {
      copy_ws (&p, out);
      if (p.pos < p.len)
        ok = fail (&p, "trailing data after the document");
    }
  if (!ok)
    {
      g_string_free (out, TRUE);
      return NULL;
    }

  if (counts != NULL)
    kdcc_redaction_counts_add (counts, &local);
  if (out_length != NULL)
    *out_length = out->len;
  return g_string_free (out, FALSE);
}

char *
kdcc_redact_json (const char           *json,
                  gsize                 length,
                  gboolean              all_values,
                  gsize                *out_length,
                  KdccRedactionCounts  *counts,
                  GError              **error)
{
  g_return_val_if_fail (json != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length == 0)
    {
      g_set_error_literal (error, KDCC_ERROR, KDCC_ERROR_PARSE, _("Empty JSON document"));
      return NULL;
    }
  return redactor_json (json, length, all_values, 0, out_length, counts, error);
}

char *
kdcc_redact_auto (const char          *data,
                  gsize                length,
                  gboolean             all_values,
                  gsize               *out_length,
                  KdccRedactionCounts *counts)
{
  char *result = NULL;

  if (length > 0)
    result = kdcc_redact_json (data, length, all_values, out_length, counts, NULL);
  if (result == NULL)
    result = kdcc_redact_text (data, length, out_length, counts);
  return result;
}
