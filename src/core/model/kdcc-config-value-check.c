/* kdcc-config-value-check.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Local validation of a value for an option, accepting what the mon's
 * parser accepts (Ceph's src/common/options.cc parse_value and validate,
 * strtol.cc and ceph_time.cc, Pacific) so that nothing is staged that the
 * cluster would refuse for its syntax:
 *
 * - bool: "true" or "false" in any case, or a decimal integer (0 false).
 * - int, uint: a decimal integer, optionally with one SI suffix K M G T P
 *   E (powers of 1000); uint refuses negatives.
 * - size: a decimal integer with an optional IEC prefix: K M G T P E or
 *   Ki Mi ..., each optionally followed by B ("4G", "512Ki", "1MiB");
 *   all are powers of 1024; negative refused.
 * - secs: a duration: numbers each followed by a unit (s sec second
 *   seconds, m min minute minutes, h hr hour hours, d day days, w wk
 *   week weeks, mo month months, y yr year years), separated by optional
 *   spaces; a bare number counts as seconds.
 * - millisecs: a decimal integer.
 * - float: what strtod takes, the whole text.
 * - uuid, addr: their textual forms.
 * - str: free text; when the option lists enum values, one of them.
 * Then min and max, compared as numbers.
 */
#define G_LOG_DOMAIN "kdcc-config-option"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "kdcc-config-option.h"
#include "kdcc-error.h"

/* A whole decimal integer, sign allowed, as strtoll reads it. */
static gboolean
parse_decimal (const char *text,
               gsize       len,
               gint64     *out)
{
  char buf[64];
  char *end = NULL;
  gint64 v;

  if (len == 0 || len >= sizeof buf)
    return FALSE;
  memcpy (buf, text, len);
  buf[len] = '\0';
  if (!g_ascii_isdigit (buf[0]) && buf[0] != '-' && buf[0] != '+')
    return FALSE;
  errno = 0;
  v = g_ascii_strtoll (buf, &end, 10);
  if (end == buf || *end != '\0' || errno != 0)
    return FALSE;
  *out = v;
  return TRUE;
}

gboolean
kdcc_config_parse_bool (const char *text,
                        gboolean   *out)
{
  gint64 v;

  if (text == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (text, "true") == 0)
    v = 1;
  else if (g_ascii_strcasecmp (text, "false") == 0)
    v = 0;
  else if (!parse_decimal (text, strlen (text), &v) || v < G_MININT32 || v > G_MAXINT32)
    return FALSE;
  if (out != NULL)
    *out = v != 0;
  return TRUE;
}

gboolean
kdcc_config_parse_si_int (const char *text,
                          gboolean    is_unsigned,
                          gint64     *out)
{
  gsize len;
  int exponent = 0;
  gint64 v, factor = 1;

  if (text == NULL || (len = strlen (text)) == 0)
    return FALSE;

  if (strspn (text, "0123456789+-") != len)
    {
      const char *units = "KMGTPE";
      const char *u = strchr (units, text[len - 1]);

      if (u == NULL || text[len - 1] == '\0')
        return FALSE;
      exponent = 3 * (int) (u - units + 1);
      len--;
    }
  if (!parse_decimal (text, len, &v))
    return FALSE;
  if (is_unsigned && v < 0)
    return FALSE;
  for (int i = 0; i < exponent; i++)
    factor *= 10;
  if (v > G_MAXINT64 / factor || v < G_MININT64 / factor)
    return FALSE;
  if (out != NULL)
    *out = v * factor;
  return TRUE;
}

gboolean
kdcc_config_parse_size (const char *text,
                        guint64    *out)
{
  gsize len, digits;
  int shift = 0;
  gint64 v;

  if (text == NULL || (len = strlen (text)) == 0)
    return FALSE;

  digits = strspn (text, "0123456789+-");
  if (digits < len)
    {
      char unit[4] = "";
      gsize ulen = len - digits;

      if (ulen > 3)
        return FALSE;
      memcpy (unit, text + digits, ulen);
      /* "KB", "KiB": the trailing B is only a byte sign. */
      if (ulen > 1 && unit[ulen - 1] == 'B')
        unit[--ulen] = '\0';
      if (ulen > 2 || (ulen == 2 && unit[1] != 'i'))
        return FALSE;
      switch (unit[0])
        {
        case 'K': shift = 10; break;
        case 'M': shift = 20; break;
        case 'G': shift = 30; break;
        case 'T': shift = 40; break;
        case 'P': shift = 50; break;
        case 'E': shift = 60; break;
        case 'B':
          if (ulen == 2)
            return FALSE;
          break;
        default:
          return FALSE;
        }
    }
  if (!parse_decimal (text, digits, &v) || v < 0)
    return FALSE;
  if ((guint64) v > (G_MAXUINT64 >> shift))
    return FALSE;
  if (out != NULL)
    *out = (guint64) v << shift;
  return TRUE;
}

gboolean
kdcc_config_parse_duration (const char *text,
                            gint64     *seconds)
{
  static const struct { const char *unit; gint64 seconds; } units[] = {
    { "s", 1 }, { "sec", 1 }, { "second", 1 }, { "seconds", 1 },
    { "m", 60 }, { "min", 60 }, { "minute", 60 }, { "minutes", 60 },
    { "h", 3600 }, { "hr", 3600 }, { "hour", 3600 }, { "hours", 3600 },
    { "d", 86400 }, { "day", 86400 }, { "days", 86400 },
    { "w", 604800 }, { "wk", 604800 }, { "week", 604800 }, { "weeks", 604800 },
    { "mo", 2592000 }, { "month", 2592000 }, { "months", 2592000 },
    { "y", 31536000 }, { "yr", 31536000 }, { "year", 31536000 }, { "years", 31536000 },
  };
  const char *p = text;
  gint64 total = 0;
  gboolean any = FALSE;

  if (text == NULL)
    return FALSE;

  while (*p != '\0')
    {
      const char *start;
      gint64 value;
      gint64 factor = 0;
      gsize ulen;

      while (g_ascii_isspace (*p))
        p++;
      if (*p == '\0')
        break;
      start = p;
      while (g_ascii_isdigit (*p))
        p++;
      if (p == start || !parse_decimal (start, p - start, &value))
        return FALSE;
      while (g_ascii_isspace (*p))
        p++;
      start = p;
      while (g_ascii_isalpha (*p))
        p++;
      ulen = p - start;
      if (ulen == 0)
        {
          /* A bare number: seconds, and only at the end. */
          while (g_ascii_isspace (*p))
            p++;
          if (*p != '\0')
            return FALSE;
          factor = 1;
        }
      for (guint i = 0; ulen > 0 && i < G_N_ELEMENTS (units); i++)
        if (strlen (units[i].unit) == ulen && strncmp (units[i].unit, start, ulen) == 0)
          factor = units[i].seconds;
      if (factor == 0 || value > (G_MAXINT64 - total) / factor)
        return FALSE;
      total += value * factor;
      any = TRUE;
    }
  if (!any)
    return FALSE;
  if (seconds != NULL)
    *seconds = total;
  return TRUE;
}

gboolean
kdcc_config_parse_float (const char *text,
                         double     *out)
{
  char *end = NULL;
  double v;

  if (text == NULL || *text == '\0' || g_ascii_isspace (*text))
    return FALSE;
  errno = 0;
  v = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || errno == ERANGE || isnan (v))
    return FALSE;
  if (out != NULL)
    *out = v;
  return TRUE;
}

/* One address: [v1:|v2:|any:]IP[:PORT][/NONCE], IPv6 in brackets when a
 * port follows. */
static gboolean
parse_one_addr (const char *text)
{
  g_autofree char *copy = NULL;
  g_autoptr(GInetAddress) address = NULL;
  char *host, *port = NULL, *slash;

  if (g_str_has_prefix (text, "v1:") || g_str_has_prefix (text, "v2:"))
    text += 3;
  else if (g_str_has_prefix (text, "any:"))
    text += 4;
  copy = g_strdup (text);
  slash = strchr (copy, '/');
  if (slash != NULL)
    {
      gint64 nonce;

      *slash = '\0';
      if (!parse_decimal (slash + 1, strlen (slash + 1), &nonce) || nonce < 0)
        return FALSE;
    }
  host = copy;
  if (host[0] == '[')
    {
      char *close = strchr (host, ']');

      if (close == NULL)
        return FALSE;
      *close = '\0';
      host++;
      if (close[1] == ':')
        port = close + 2;
      else if (close[1] != '\0')
        return FALSE;
    }
  else if (strchr (host, ':') == strrchr (host, ':') && strchr (host, ':') != NULL)
    {
      port = strchr (host, ':');
      *port++ = '\0';
    }
  if (port != NULL)
    {
      gint64 p;

      if (!parse_decimal (port, strlen (port), &p) || p < 0 || p > 65535)
        return FALSE;
    }
  address = g_inet_address_new_from_string (host);
  return address != NULL;
}

gboolean
kdcc_config_parse_addr (const char *text)
{
  return text != NULL && *text != '\0' && parse_one_addr (text);
}

static gboolean
parse_addrvec (const char *text)
{
  g_auto(GStrv) parts = NULL;
  gsize len;

  if (text == NULL || *text == '\0')
    return FALSE;
  len = strlen (text);
  if (text[0] != '[')
    return parse_one_addr (text);
  if (text[len - 1] != ']')
    return FALSE;
  {
    g_autofree char *inner = g_strndup (text + 1, len - 2);

    parts = g_strsplit (inner, ",", -1);
  }
  for (guint i = 0; parts[i] != NULL; i++)
    if (!parse_one_addr (parts[i]))
      return FALSE;
  return parts[0] != NULL;
}

/* VALUE as a number for the min/max comparison; FALSE when the type has
 * no order or the text is not valid. */
static gboolean
to_number (KdccConfigType  type,
           const char     *text,
           double         *out)
{
  gint64 i;
  guint64 u;
  gboolean b;

  switch (type)
    {
    case KDCC_CONFIG_TYPE_INT:
    case KDCC_CONFIG_TYPE_UINT:
      if (!kdcc_config_parse_si_int (text, type == KDCC_CONFIG_TYPE_UINT, &i))
        return FALSE;
      *out = (double) i;
      return TRUE;
    case KDCC_CONFIG_TYPE_SIZE:
      if (!kdcc_config_parse_size (text, &u))
        return FALSE;
      *out = (double) u;
      return TRUE;
    case KDCC_CONFIG_TYPE_SECS:
      if (!kdcc_config_parse_duration (text, &i))
        return FALSE;
      *out = (double) i;
      return TRUE;
    case KDCC_CONFIG_TYPE_MILLISECS:
      if (!parse_decimal (text, strlen (text), &i))
        return FALSE;
      *out = (double) i;
      return TRUE;
    case KDCC_CONFIG_TYPE_FLOAT:
      return kdcc_config_parse_float (text, out);
    case KDCC_CONFIG_TYPE_BOOL:
      if (!kdcc_config_parse_bool (text, &b))
        return FALSE;
      *out = b;
      return TRUE;
    case KDCC_CONFIG_TYPE_STR:
    case KDCC_CONFIG_TYPE_ADDR:
    case KDCC_CONFIG_TYPE_ADDRVEC:
    case KDCC_CONFIG_TYPE_UUID:
    default:
      return FALSE;
    }
}

/* Min and max come as numbers or as text in the option's own syntax. */
static gboolean
bound (KdccConfigOption *self,
       const char       *text,
       double           *out)
{
  if (text == NULL || *text == '\0')
    return FALSE;
  return to_number (kdcc_config_option_get_option_type (self), text, out)
         || kdcc_config_parse_float (text, out);
}

static const char *
syntax_hint (KdccConfigType type)
{
  switch (type)
    {
    case KDCC_CONFIG_TYPE_BOOL:
      return _("expected true or false");
    case KDCC_CONFIG_TYPE_INT:
      return _("expected an integer, optionally with K, M, G, T, P or E");
    case KDCC_CONFIG_TYPE_UINT:
      return _("expected a non-negative integer, optionally with K, M, G, T, P or E");
    case KDCC_CONFIG_TYPE_FLOAT:
      return _("expected a number");
    case KDCC_CONFIG_TYPE_SIZE:
      return _("expected a size such as 4096, 512Ki, 4M or 1GiB");
    case KDCC_CONFIG_TYPE_SECS:
      return _("expected a duration such as 30, 30s, 5m, 1h or 2d 12h");
    case KDCC_CONFIG_TYPE_MILLISECS:
      return _("expected an integer number of milliseconds");
    case KDCC_CONFIG_TYPE_ADDR:
    case KDCC_CONFIG_TYPE_ADDRVEC:
      return _("expected an address such as 10.0.0.1:6789 or v2:[::1]:3300");
    case KDCC_CONFIG_TYPE_UUID:
      return _("expected a UUID");
    case KDCC_CONFIG_TYPE_STR:
    default:
      return _("not a valid value");
    }
}

gboolean
kdcc_config_option_check_value (KdccConfigOption  *self,
                                const char        *value,
                                GError           **error)
{
  KdccConfigType type = kdcc_config_option_get_option_type (self);
  const char *name = kdcc_config_option_get_name (self);
  const char * const *enums = kdcc_config_option_get_enum_values (self);
  gboolean valid = TRUE;
  double number, lo, hi;

  g_return_val_if_fail (KDCC_IS_CONFIG_OPTION (self), FALSE);

  if (value == NULL)
    value = "";

  switch (type)
    {
    case KDCC_CONFIG_TYPE_STR:
      if (enums[0] != NULL && !g_strv_contains (enums, value))
        {
          g_autofree char *allowed = g_strjoinv (", ", (char **) enums);

          /* TRANSLATORS: option name, the value, the allowed values. */
          g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                       _("%s: “%s” is not one of %s"), name, value, allowed);
          return FALSE;
        }
      return TRUE;
    case KDCC_CONFIG_TYPE_UUID:
      valid = g_uuid_string_is_valid (value);
      break;
    case KDCC_CONFIG_TYPE_ADDR:
      valid = kdcc_config_parse_addr (value);
      break;
    case KDCC_CONFIG_TYPE_ADDRVEC:
      valid = parse_addrvec (value);
      break;
    case KDCC_CONFIG_TYPE_BOOL:
    case KDCC_CONFIG_TYPE_INT:
    case KDCC_CONFIG_TYPE_UINT:
    case KDCC_CONFIG_TYPE_FLOAT:
    case KDCC_CONFIG_TYPE_SIZE:
    case KDCC_CONFIG_TYPE_SECS:
    case KDCC_CONFIG_TYPE_MILLISECS:
    default:
      valid = to_number (type, value, &number);
      break;
    }

  if (!valid)
    {
      /* TRANSLATORS: option name, the value typed, what was expected. */
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT, _("%s: “%s” is not valid (%s)"),
                   name, value, syntax_hint (type));
      return FALSE;
    }

  if (type == KDCC_CONFIG_TYPE_ADDR || type == KDCC_CONFIG_TYPE_ADDRVEC
      || type == KDCC_CONFIG_TYPE_UUID || type == KDCC_CONFIG_TYPE_BOOL)
    return TRUE;

  if ((bound (self, kdcc_config_option_get_min (self), &lo) && number < lo)
      || (bound (self, kdcc_config_option_get_max (self), &hi) && number > hi))
    {
      const char *min = kdcc_config_option_get_min (self);
      const char *max = kdcc_config_option_get_max (self);

      /* TRANSLATORS: option name, value, the lowest and the highest
       * allowed value ("" when there is no such limit). */
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("%s: %s is out of range (minimum %s, maximum %s)"), name, value,
                   *min != '\0' ? min : "-", *max != '\0' ? max : "-");
      return FALSE;
    }
  return TRUE;
}

gboolean
kdcc_config_option_values_equal (KdccConfigOption *self,
                                 const char       *a,
                                 const char       *b)
{
  KdccConfigType type = kdcc_config_option_get_option_type (self);
  double x, y;

  if (a == NULL || b == NULL)
    return a == b;
  if (g_str_equal (a, b))
    return TRUE;
  if (!to_number (type, a, &x) || !to_number (type, b, &y))
    return FALSE;
  if (type == KDCC_CONFIG_TYPE_FLOAT)
    return fabs (x - y) <= 1e-9 * MAX (1.0, MAX (fabs (x), fabs (y)));
  return x == y;
}
