/* kdcc-redactor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-redactor"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kdcc-error.h"
#include "kdcc-redactor.h"

/* Nesting beyond this is not Ceph output; refusing it keeps a hostile or
 * corrupt document from exhausting the stack. */
#define MAX_DEPTH 256

static const char * const kind_names[KDCC_REDACTION_N_KINDS] = {
  "cephx_key",
  "secret_field",
  "config_key",
  "url_credentials",
  "bearer_token",
  "private_key",
};

const char *
kdcc_redaction_kind_to_string (KdccRedactionKind kind)
{
  g_return_val_if_fail (kind < KDCC_REDACTION_N_KINDS, NULL);
  return kind_names[kind];
}

guint
kdcc_redaction_counts_total (const KdccRedactionCounts *counts)
{
  guint total = 0;

  for (guint i = 0; i < KDCC_REDACTION_N_KINDS; i++)
    total += counts->counts[i];
  return total;
}

void
kdcc_redaction_counts_add (KdccRedactionCounts       *into,
                           const KdccRedactionCounts *counts)
{
  for (guint i = 0; i < KDCC_REDACTION_N_KINDS; i++)
    into->counts[i] += counts->counts[i];
}

static void
count (KdccRedactionCounts *counts,
       KdccRedactionKind    kind)
{
  if (counts != NULL)
    counts->counts[kind]++;
}

static gboolean
has_suffix_ci (const char *s,
               gsize       len,
               const char *suffix)
{
  gsize slen = strlen (suffix);

  return len >= slen && g_ascii_strncasecmp (s + len - slen, suffix, slen) == 0;
}

static gboolean
equal_ci (const char *s,
          gsize       len,
          const char *word)
{
  return strlen (word) == len && g_ascii_strncasecmp (s, word, len) == 0;
}

gboolean
kdcc_redactor_is_secret_name (const char *name,
                              gssize      length)
{
  static const char * const exact[] = {
    "key", "secret", "password", "passwd", "pwd", "token", "access_key", "secret_key",
    "private_key", "auth_token", "api_key", "apikey",
  };
  static const char * const suffixes[] = {
    "_key", "-key", "_secret", "-secret", "password", "passwd", "_token", "-token",
  };
  gsize len;

  if (name == NULL)
    return FALSE;
  len = length < 0 ? strlen (name) : (gsize) length;

  for (gsize i = len; i > 0; i--)
    {
      if (name[i - 1] == '/')
        {
          name += i;
          len -= i;
          break;
        }
    }
  if (len == 0)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (exact); i++)
    if (equal_ci (name, len, exact[i]))
      return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    if (has_suffix_ci (name, len, suffixes[i]))
      return TRUE;
  return FALSE;
}

/* ------------------------------------------------------------------------
 * Text rules
 * ------------------------------------------------------------------------ */

typedef struct
{
  GRegex *pem;
  GRegex *cephx;
  GRegex *url;
  GRegex *bearer;
} Regexes;

static const Regexes *
get_regexes (void)
{
  static Regexes regexes;
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      /* A PEM private key block, whatever its type (RSA, EC, ENCRYPTED…). */
      regexes.pem = g_regex_new ("-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----.*?"
                                 "(-----END [A-Z0-9 ]*PRIVATE KEY-----|$)",
                                 G_REGEX_DOTALL | G_REGEX_RAW | G_REGEX_OPTIMIZE, 0, NULL);
      /* A cephx secret is 28 bytes of base64: "AQ" (the type and the start
       * of the creation stamp), 36 more characters and "==". Accept longer
       * and unpadded forms as well: missing one costs more than an extra
       * replacement. */
      regexes.cephx = g_regex_new ("(?<![A-Za-z0-9+/])AQ[A-Za-z0-9+/]{36,}={0,2}",
                                   G_REGEX_RAW | G_REGEX_OPTIMIZE, 0, NULL);
      regexes.url = g_regex_new ("((?:[A-Za-z][A-Za-z0-9+.-]*)?://)([^/\\s:@\"'<>]*):([^/\\s@\"'<>]+)@",
                                 G_REGEX_RAW | G_REGEX_OPTIMIZE, 0, NULL);
      regexes.bearer = g_regex_new ("((?:authorization|x-auth-token|x-api-key)[\"']?\\s*[:=]\\s*[\"']?"
                                    "(?:(?:basic|bearer|token)\\s+)?|\\bbearer\\s+)"
                                    "([A-Za-z0-9._~+/=-]{6,})",
                                    G_REGEX_CASELESS | G_REGEX_RAW | G_REGEX_OPTIMIZE, 0, NULL);
      g_assert (regexes.pem && regexes.cephx && regexes.url && regexes.bearer);
      g_once_init_leave (&initialized, 1);
    }
  return &regexes;
}

typedef struct
{
  KdccRedactionCounts *counts;
  KdccRedactionKind    kind;
} EvalData;

static gboolean
pem_eval_cb (const GMatchInfo *info,
             GString          *result,
             gpointer          user_data)
{
  EvalData *data = user_data;
  g_autofree char *type = g_match_info_fetch (info, 1);

  g_string_append_printf (result, "-----BEGIN %sPRIVATE KEY-----\n" KDCC_REDACTED "\n"
                          "-----END %sPRIVATE KEY-----", type, type);
  count (data->counts, KDCC_REDACTION_PRIVATE_KEY);
  return FALSE;
}

static gboolean
plain_eval_cb (const GMatchInfo *info,
               GString          *result,
               gpointer          user_data)
{
  EvalData *data = user_data;

  g_string_append (result, KDCC_REDACTED);
  count (data->counts, data->kind);
  return FALSE;
}

static gboolean
url_eval_cb (const GMatchInfo *info,
             GString          *result,
             gpointer          user_data)
{
  EvalData *data = user_data;
  g_autofree char *scheme = g_match_info_fetch (info, 1);
  g_autofree char *user = g_match_info_fetch (info, 2);
  g_autofree char *password = g_match_info_fetch (info, 3);

  g_string_append_printf (result, "%s%s:%s@", scheme, user, KDCC_REDACTED);
  if (g_strcmp0 (password, KDCC_REDACTED) != 0)
    count (data->counts, KDCC_REDACTION_URL_CREDENTIALS);
  return FALSE;
}

static gboolean
bearer_eval_cb (const GMatchInfo *info,
                GString          *result,
                gpointer          user_data)
{
  EvalData *data = user_data;
  g_autofree char *lead = g_match_info_fetch (info, 1);

  g_string_append_printf (result, "%s%s", lead, KDCC_REDACTED);
  count (data->counts, KDCC_REDACTION_BEARER_TOKEN);
  return FALSE;
}

/* Runs one regex over buf, replacing buf's contents when anything matched. */
static void
apply_regex (GString                *buf,
             GRegex                 *regex,
             GRegexEvalCallback      eval,
             KdccRedactionKind       kind,
             KdccRedactionCounts    *counts)
{
  EvalData data = { counts, kind };
  g_autofree char *out = NULL;
  GString *tmp;
  g_autoptr(GMatchInfo) info = NULL;
  gsize pos = 0;
  gboolean any = FALSE;

  /* g_regex_replace_eval() stops at the first NUL: walk the matches by
   * hand instead so text with NULs is redacted in full. */
  tmp = g_string_sized_new (buf->len);
  g_regex_match_full (regex, buf->str, buf->len, 0, 0, &info, NULL);
  while (g_match_info_matches (info))
    {
      int start, end;

      g_match_info_fetch_pos (info, 0, &start, &end);
      g_string_append_len (tmp, buf->str + pos, start - pos);
      eval (info, tmp, &data);
      pos = end;
      any = TRUE;
      if (!g_match_info_next (info, NULL))
        break;
    }
  if (!any)
    {
      g_string_free (tmp, TRUE);
      return;
    }
  g_string_append_len (tmp, buf->str + pos, buf->len - pos);
  g_string_truncate (buf, 0);
  g_string_append_len (buf, tmp->str, tmp->len);
  g_string_free (tmp, TRUE);
}

static gboolean
is_word_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '-';
}

static gboolean
is_literal_value (const char *s,
                  gsize       len)
{
  /* Literals, and the placeholders of documentation ("key=value" in an
   * option's description) carry no secret. */
  return equal_ci (s, len, "null") || equal_ci (s, len, "true") || equal_ci (s, len, "false")
         || equal_ci (s, len, "none") || equal_ci (s, len, "(null)")
         || equal_ci (s, len, "value") || equal_ci (s, len, "val") || equal_ci (s, len, "values")
         || (len >= 2 && s[0] == '<' && s[len - 1] == '>')
         || (len >= strlen (KDCC_REDACTED)
             && strncmp (s, KDCC_REDACTED, strlen (KDCC_REDACTED)) == 0);
}

static gsize find_json_end (const char *s, gsize len, gsize start);
static gsize embedded_command_end (const char *s, gsize len, gsize i);

/* "key = AQ…", "password: x", "\"secret\": \"x\"" and the option rows of
 * `config dump` ("rgw_keystone_admin_password   x"): a secret-like word,
 * a separator, a value. */
static void
apply_secret_words (GString             *buf,
                    KdccRedactionCounts *counts)
{
  GString *out = NULL;
  gsize copied = 0;
  gsize i = 0;
  const char *s = buf->str;
  gsize len = buf->len;

  while (i < len)
    {
      gsize j, k, v, vend;
      char quote = 0, sep = 0;
      gboolean space_before = FALSE, space_after = FALSE;

      /* Embedded commands went through the JSON rules already, which know
       * that the "key" of a config-key command is a name, not a secret. */
      vend = embedded_command_end (s, len, i);
      if (vend > 0)
        {
          i = vend;
          continue;
        }
      if (!is_word_char (s[i]) || (i > 0 && is_word_char (s[i - 1])))
        {
          i++;
          continue;
        }
      for (j = i; j < len && is_word_char (s[j]); j++)
        ;
      if (!kdcc_redactor_is_secret_name (s + i, j - i))
        {
          i = j;
          continue;
        }

      k = j;
      if (i > 0 && (s[i - 1] == '"' || s[i - 1] == '\'') && k < len && s[k] == s[i - 1])
        k++;
      while (k < len && (s[k] == ' ' || s[k] == '\t'))
        {
          k++;
          space_before = TRUE;
        }
      if (k < len && (s[k] == '=' || s[k] == ':'))
        {
          sep = s[k];
          k++;
          /* "a::b" and "a==b" are not assignments. */
          if (k < len && s[k] == sep)
            {
              i = j;
              continue;
            }
        }
      else if (!(space_before && memchr (s + i, '_', j - i) != NULL))
        {
          i = j;
          continue;
        }
      while (k < len && (s[k] == ' ' || s[k] == '\t'))
        {
          k++;
          space_after = TRUE;
        }
      v = k;
      if (v >= len || s[v] == '\n' || s[v] == '\r' || s[v] == '{' || s[v] == '[')
        {
          i = j;
          continue;
        }

      if (s[v] == '"' || s[v] == '\'')
        {
          quote = s[v];
          v++;
          for (vend = v; vend < len && s[vend] != quote && s[vend] != '\n'; vend++)
            if (s[vend] == '\\' && vend + 1 < len)
              vend++;
        }
      else if (sep == '=' && space_after)
        {
          for (vend = v; vend < len && s[vend] != '\n' && s[vend] != '\r'; vend++)
            ;
          while (vend > v && (s[vend - 1] == ' ' || s[vend - 1] == '\t'))
            vend--;
        }
      else
        {
          for (vend = v; vend < len && !g_ascii_isspace (s[vend]) && strchr (",;}])\"'", s[vend]) == NULL
                         && s[vend] != '\0'; vend++)
            ;
        }

      if (vend == v || is_literal_value (s + v, vend - v))
        {
          i = vend > j ? vend : j;
          continue;
        }

      if (out == NULL)
        out = g_string_sized_new (len);
      g_string_append_len (out, s + copied, v - copied);
      g_string_append (out, KDCC_REDACTED);
      copied = vend;
      count (counts, KDCC_REDACTION_SECRET_FIELD);
      i = vend;
    }

  if (out != NULL)
    {
      g_string_append_len (out, s + copied, len - copied);
      g_string_truncate (buf, 0);
      g_string_append_len (buf, out->str, out->len);
      g_string_free (out, TRUE);
    }
}

/* Where a balanced JSON array or object starting at s[start] ends (one past
 * its closing bracket), or 0 when it does not close. */
static gsize
find_json_end (const char *s,
               gsize       len,
               gsize       start)
{
  int depth = 0;
  gboolean in_string = FALSE;

  for (gsize i = start; i < len; i++)
    {
      char c = s[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        depth++;
      else if (c == ']' || c == '}')
        {
          if (--depth == 0)
            return i + 1;
        }
      else if (c == '\n')
        return 0;
    }
  return 0;
}

/* When s[i] starts "cmd=[…]" or "cmd={…}", where that JSON ends; else 0. */
static gsize
embedded_command_end (const char *s,
                      gsize       len,
                      gsize       i)
{
  gsize start;

  if (i + 4 >= len || (memcmp (s + i, "cmd=", 4) != 0 && memcmp (s + i, "cmd:", 4) != 0))
    return 0;
  start = i + 4;
  while (start < len && (s[start] == ' ' || s[start] == '\''))
    start++;
  if (start >= len || (s[start] != '[' && s[start] != '{'))
    return 0;
  return find_json_end (s, len, start);
}

static char *redact_json_internal (const char *json, gsize length, gboolean all_values, int depth,
                                   gsize *out_length, KdccRedactionCounts *counts, GError **error);

/* The audit channel logs every command with its arguments as JSON:
 * "cmd=[{\"prefix\": \"config-key set\", \"key\": …, \"val\": \"secret\"}]".
 * Redact that JSON with the JSON rules, which know which argument of which
 * command is a secret. */
static void
apply_embedded_commands (GString             *buf,
                         int                  depth,
                         KdccRedactionCounts *counts)
{
  GString *out = NULL;
  gsize copied = 0;
  const char *s = buf->str;
  gsize len = buf->len;

  if (depth >= MAX_DEPTH)
    return;

  for (gsize i = 0; i + 4 < len; i++)
    {
      gsize start, end;
      g_autofree char *redacted = NULL;
      gsize redacted_len;

      if (memcmp (s + i, "cmd=", 4) != 0 && memcmp (s + i, "cmd:", 4) != 0)
        continue;
      /* The mon logs "cmd=[…]: dispatch" and "cmd='[…]': finished". */
      start = i + 4;
      while (start < len && (s[start] == ' ' || s[start] == '\''))
        start++;
      if (start >= len || (s[start] != '[' && s[start] != '{'))
        continue;
      end = find_json_end (s, len, start);
      if (end == 0)
        continue;
      redacted = redact_json_internal (s + start, end - start, FALSE, depth + 1,
                                       &redacted_len, counts, NULL);
      if (redacted != NULL
          && (redacted_len != end - start || memcmp (redacted, s + start, redacted_len) != 0))
        {
          if (out == NULL)
            out = g_string_sized_new (len);
          g_string_append_len (out, s + copied, start - copied);
          g_string_append_len (out, redacted, redacted_len);
          copied = end;
        }
      i = end - 1;
    }

  if (out != NULL)
    {
      g_string_append_len (out, s + copied, len - copied);
      g_string_truncate (buf, 0);
      g_string_append_len (buf, out->str, out->len);
      g_string_free (out, TRUE);
    }
}

static void
redact_text_buffer (GString             *buf,
                    int                  depth,
                    KdccRedactionCounts *counts)
{
  const Regexes *re = get_regexes ();

  /* Order matters only for how a secret is counted: the specific rules run
   * before the generic "secret word" rule. */
  apply_regex (buf, re->pem, pem_eval_cb, KDCC_REDACTION_PRIVATE_KEY, counts);
  apply_regex (buf, re->cephx, plain_eval_cb, KDCC_REDACTION_CEPHX_KEY, counts);
  apply_embedded_commands (buf, depth, counts);
  apply_regex (buf, re->url, url_eval_cb, KDCC_REDACTION_URL_CREDENTIALS, counts);
  apply_regex (buf, re->bearer, bearer_eval_cb, KDCC_REDACTION_BEARER_TOKEN, counts);
  apply_secret_words (buf, counts);
}

char *
kdcc_redact_text (const char          *text,
                  gsize                length,
                  gsize               *out_length,
                  KdccRedactionCounts *counts)
{
  GString *buf;

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  buf = g_string_new_len (text != NULL ? text : "", length);
  redact_text_buffer (buf, 0, counts);
  if (out_length != NULL)
    *out_length = buf->len;
  return g_string_free (buf, FALSE);
}

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
read_hex4 (Parser  *p,
           guint   *value)
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
  count (p->counts, kind);
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
          count (p->counts, KDCC_REDACTION_CONFIG_KEY);
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

        redact_text_buffer (buf, p->depth + 1, p->counts);
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

static char *
redact_json_internal (const char          *json,
                      gsize                length,
                      gboolean             all_values,
                      int                  depth,
                      gsize               *out_length,
                      KdccRedactionCounts *counts,
                      GError             **error)
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
      count (&local, KDCC_REDACTION_CONFIG_KEY);
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
kdcc_redact_json (const char          *json,
                  gsize                length,
                  gboolean             all_values,
                  gsize               *out_length,
                  KdccRedactionCounts *counts,
                  GError             **error)
{
  g_return_val_if_fail (json != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length == 0)
    {
      g_set_error_literal (error, KDCC_ERROR, KDCC_ERROR_PARSE, _("Empty JSON document"));
      return NULL;
    }
  return redact_json_internal (json, length, all_values, 0, out_length, counts, error);
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
