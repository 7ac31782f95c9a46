/* kdcc-redactor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The redaction counts, secret names, and the text rules (PEM blocks,
 * cephx keys, credentials in URLs, bearer tokens, "key = value" lines, and
 * the JSON commands the audit log embeds). The byte-preserving JSON scanner
 * is in kdcc-redactor-json.c.
 */
#define G_LOG_DOMAIN "kdcc-redactor"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kdcc-error.h"
#include "kdcc-redactor-private.h"

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

void
redactor_count (KdccRedactionCounts *counts,
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
  redactor_count (data->counts, KDCC_REDACTION_PRIVATE_KEY);
  return FALSE;
}

static gboolean
plain_eval_cb (const GMatchInfo *info,
               GString          *result,
               gpointer          user_data)
{
  EvalData *data = user_data;

  g_string_append (result, KDCC_REDACTED);
  redactor_count (data->counts, data->kind);
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
    redactor_count (data->counts, KDCC_REDACTION_URL_CREDENTIALS);
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
  redactor_count (data->counts, KDCC_REDACTION_BEARER_TOKEN);
  return FALSE;
}

/* Runs one regex over buf, replacing buf's contents when anything matched. */
static void
apply_regex (GString             *buf,
             GRegex              *regex,
             GRegexEvalCallback   eval,
             KdccRedactionKind    kind,
             KdccRedactionCounts *counts)
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
      redactor_count (counts, KDCC_REDACTION_SECRET_FIELD);
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
      redacted = redactor_json (s + start, end - start, FALSE, depth + 1,
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

void
redactor_text_buffer (GString             *buf,
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
  redactor_text_buffer (buf, 0, counts);
  if (out_length != NULL)
    *out_length = buf->len;
  return g_string_free (buf, FALSE);
}
