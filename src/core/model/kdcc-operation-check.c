/* kdcc-operation-check.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What can be known about an operation without the cluster: whether its
 * arguments are well-formed (before anything is sent), and whether a value
 * read back from the cluster shows it in force (after).
 */
#define G_LOG_DOMAIN "kdcc-operation"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "kdcc-error.h"
#include "kdcc-operation-private.h"

static const char * const who_types[] = { "mon", "mgr", "osd", "mds", "client", "rgw" };

static gboolean
all_chars (const char *text,
           const char *extra)
{
  if (text == NULL || *text == '\0')
    return FALSE;
  for (const char *p = text; *p; p++)
    if (!g_ascii_isalnum (*p) && strchr (extra, *p) == NULL)
      return FALSE;
  return TRUE;
}

static gboolean
is_who_type (const char *word,
             gsize       len)
{
  for (guint i = 0; i < G_N_ELEMENTS (who_types); i++)
    if (strlen (who_types[i]) == len && strncmp (word, who_types[i], len) == 0)
      return TRUE;
  return FALSE;
}

/* WHO is global, a daemon type (osd), one daemon (osd.3, mon.a,
 * client.rgw.gw1), optionally followed by masks "/host:node1" or
 * "/class:ssd" as ConfigMap::parse_mask reads them. */
static gboolean
check_who (const char  *who,
           GError     **error)
{
  g_auto(GStrv) parts = NULL;
  const char *section;
  const char *dot;
  gboolean daemon = FALSE;

  if (who == NULL || *who == '\0')
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("The target is empty: use global, a daemon type such as osd, one daemon "
                     "such as osd.3, or a mask such as osd/class:ssd"));
      return FALSE;
    }

  parts = g_strsplit (who, "/", -1);
  section = parts[0];
  dot = strchr (section, '.');

  if (g_str_equal (section, "global"))
    ;
  else if (dot == NULL && is_who_type (section, strlen (section)))
    ;
  else if (dot != NULL && is_who_type (section, dot - section)
           && all_chars (dot + 1, "_.-"))
    {
      daemon = TRUE;
      /* OSDs are numbered; "osd.a" would never match a daemon. */
      if (g_str_has_prefix (section, "osd."))
        for (const char *p = dot + 1; *p; p++)
          if (!g_ascii_isdigit (*p))
            goto bad_section;
    }
  else
    goto bad_section;

  for (guint i = 1; parts[i] != NULL; i++)
    {
      const char *colon = strchr (parts[i], ':');
      g_autofree char *type = colon ? g_strndup (parts[i], colon - parts[i]) : NULL;

      if (daemon)
        {
          g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                       _("The target “%s” names one daemon and cannot have a mask"), who);
          return FALSE;
        }
      if (colon == NULL || !all_chars (type, "_") || !all_chars (colon + 1, "_.-"))
        {
          g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                       _("“%s” in the target “%s” is not a mask: use class:NAME or a CRUSH "
                         "location such as host:NAME"), parts[i], who);
          return FALSE;
        }
    }
  return TRUE;

bad_section:
  g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
               _("“%s” is not a valid target: use global, mon, mgr, osd, mds, client or rgw, "
                 "one daemon such as osd.3 or mon.a, or a mask such as osd/class:ssd"), who);
  return FALSE;
}

static gboolean
check_config_name (const char  *name,
                   GError     **error)
{
  /* Mgr module options are named mgr/MODULE/OPTION. */
  if (!all_chars (name, "_-./"))
    {
      if (name == NULL || *name == '\0')
        g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT, _("The option name is empty"));
      else
        g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                     _("“%s” is not a valid option name"), name);
      return FALSE;
    }
  return TRUE;
}

/* A Ceph duration as `health mute` takes it: "600", "30m", "1h", "2d". */
static gboolean
is_duration (const char *text)
{
  static const char * const units[] = {
    "", "s", "sec", "secs", "second", "seconds", "m", "min", "mins", "minute", "minutes",
    "h", "hr", "hrs", "hour", "hours", "d", "day", "days", "w", "wk", "wks", "week", "weeks",
  };
  const char *p = text;

  if (p == NULL || *p == '\0')
    return FALSE;
  while (*p)
    {
      const char *unit;
      gsize len;
      gboolean known = FALSE;

      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
      unit = p;
      while (g_ascii_isalpha (*p))
        p++;
      len = p - unit;
      for (guint i = 0; i < G_N_ELEMENTS (units); i++)
        if (strlen (units[i]) == len && strncmp (unit, units[i], len) == 0)
          known = TRUE;
      if (!known)
        return FALSE;
    }
  return TRUE;
}

static gboolean
parse_number (const char *text,
              gboolean    integer,
              double     *out)
{
  char *end = NULL;

  if (text == NULL || *text == '\0' || g_ascii_isspace (*text))
    return FALSE;
  if (integer)
    {
      for (const char *p = text; *p; p++)
        if (!g_ascii_isdigit (*p))
          return FALSE;
    }
  *out = g_ascii_strtod (text, &end);
  return end != text && *end == '\0' && isfinite (*out);
}

/* Pool variables whose values Ceph reads as a number in [MIN, MAX]. */
static const struct
{
  const char *var;
  gboolean    integer;
  double      min;
  double      max;
} pool_numbers[] = {
  { "size", TRUE, 1, 10 },
  { "min_size", TRUE, 1, 10 },
  { "pg_num", TRUE, 1, 65536 },
  { "pgp_num", TRUE, 1, 65536 },
  { "pg_num_min", TRUE, 0, 65536 },
  { "pg_num_max", TRUE, 0, 65536 },
  { "target_size_bytes", TRUE, 0, G_MAXINT64 },
  { "target_size_ratio", FALSE, 0, G_MAXDOUBLE },
  { "compression_required_ratio", FALSE, 0, 1 },
  { "scrub_min_interval", FALSE, 0, G_MAXDOUBLE },
  { "scrub_max_interval", FALSE, 0, G_MAXDOUBLE },
  { "deep_scrub_interval", FALSE, 0, G_MAXDOUBLE },
  { "recovery_priority", TRUE, 0, 10 },
};

static const struct
{
  const char *var;
  const char *words;   /* |-separated */
} pool_words[] = {
  { "pg_autoscale_mode", "on|off|warn" },
  { "compression_mode", "none|passive|aggressive|force|unset" },
  { "compression_algorithm", "none|snappy|zlib|zstd|lz4|unset" },
  { "hashpspool", "true|false|1|0" },
  { "nodelete", "true|false|1|0" },
  { "nopgchange", "true|false|1|0" },
  { "nosizechange", "true|false|1|0" },
  { "noscrub", "true|false|1|0" },
  { "nodeep-scrub", "true|false|1|0" },
  { "bulk", "true|false|1|0" },
  { "fast_read", "true|false|1|0" },
};

gboolean
kdcc_operation_check_pool_value (const char  *var,
                                 const char  *value,
                                 GError     **error)
{
  if (value == NULL || *value == '\0')
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("The new value of the pool property %s is empty"), var ? var : "");
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (pool_numbers); i++)
    if (g_strcmp0 (var, pool_numbers[i].var) == 0)
      {
        double number = 0;

        if (!parse_number (value, pool_numbers[i].integer, &number))
          {
            g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                         pool_numbers[i].integer
                           ? _("%s takes a whole number, not “%s”")
                           : _("%s takes a number, not “%s”"), var, value);
            return FALSE;
          }
        if (number < pool_numbers[i].min || number > pool_numbers[i].max)
          {
            char min[G_ASCII_DTOSTR_BUF_SIZE], max[G_ASCII_DTOSTR_BUF_SIZE];

            g_ascii_formatd (min, sizeof min, "%g", pool_numbers[i].min);
            if (pool_numbers[i].max >= (double) G_MAXINT64)
              g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                           _("%s must be at least %s, not %s"), var, min, value);
            else
              g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                           _("%s must be from %s to %s, not %s"), var, min,
                           g_ascii_formatd (max, sizeof max, "%g", pool_numbers[i].max), value);
            return FALSE;
          }
        return TRUE;
      }
  for (guint i = 0; i < G_N_ELEMENTS (pool_words); i++)
    if (g_strcmp0 (var, pool_words[i].var) == 0)
      {
        g_auto(GStrv) words = g_strsplit (pool_words[i].words, "|", -1);
        g_autofree char *listed = NULL;

        if (g_strv_contains ((const char * const *) words, value))
          return TRUE;
        listed = g_strjoinv (", ", words);
        g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                     _("%s takes one of %s, not “%s”"), var, listed, value);
        return FALSE;
      }
  return TRUE;
}

/* A quota: a count of objects, or bytes with an optional binary suffix
 * ("10G" is 10 GiB: `set-quota` reads max_bytes with strict_iecstrtoll). */
static gboolean
check_quota (const char  *field,
             const char  *value,
             GError     **error)
{
  const char *p = value;

  if (g_strcmp0 (field, "max_bytes") != 0 && g_strcmp0 (field, "max_objects") != 0)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("“%s” is not a pool quota: use max_bytes or max_objects"),
                   field ? field : "");
      return FALSE;
    }
  while (p != NULL && g_ascii_isdigit (*p))
    p++;
  if (p == NULL || p == value
      || (*p != '\0' && (g_str_equal (field, "max_objects")
                         || strchr ("KMGT", *p) == NULL
                         || !(p[1] == '\0' || g_str_equal (p + 1, "i")
                              || g_str_equal (p + 1, "iB") || g_str_equal (p + 1, "B")))))
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   g_str_equal (field, "max_bytes")
                     ? _("The quota max_bytes takes a number of bytes such as 1073741824 or "
                         "10G (0: no quota), not “%s”")
                     : _("The quota max_objects takes a number of objects (0: no quota), "
                         "not “%s”"), value ? value : "");
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_pool_name (const char  *pool,
                 GError     **error)
{
  if (pool == NULL || *pool == '\0')
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT, _("The pool name is empty"));
      return FALSE;
    }
  for (const char *p = pool; *p; p++)
    if (g_ascii_iscntrl (*p))
      {
        g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                     _("The pool name contains a control character"));
        return FALSE;
      }
  return TRUE;
}

gboolean
kdcc_operation_validate (KdccOperation  *self,
                         GError        **error)
{
  const char *target, *key, *value;

  g_return_val_if_fail (KDCC_IS_OPERATION (self), FALSE);

  target = kdcc_operation_get_target (self);
  key = kdcc_operation_get_key (self);
  value = kdcc_operation_get_value (self);

  switch (kdcc_operation_get_kind (self))
    {
    case KDCC_OPERATION_CONFIG_SET:
      if (!check_who (target, error) || !check_config_name (key, error))
        return FALSE;
      if (value == NULL || *value == '\0')
        {
          g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                       _("The new value of %s is empty; to go back to the default, remove "
                         "the value instead"), key);
          return FALSE;
        }
      return TRUE;

    case KDCC_OPERATION_CONFIG_RM:
      return check_who (target, error) && check_config_name (key, error);

    case KDCC_OPERATION_OSD_FLAG_SET:
    case KDCC_OPERATION_OSD_FLAG_UNSET:
      if (!kdcc_operation_is_known_flag (key))
        {
          g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                       _("“%s” is not an OSD flag that can be set and unset: use noout, noin, "
                         "noup, nodown, noscrub, nodeep-scrub, norebalance, nobackfill, "
                         "norecover, notieragent, nosnaptrim or pause"), key ? key : "");
          return FALSE;
        }
      return TRUE;

    case KDCC_OPERATION_POOL_SET:
      if (!check_pool_name (target, error))
        return FALSE;
      if (!kdcc_operation_is_known_pool_var (key))
        {
          g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                       _("“%s” is not a pool property that can be set"), key ? key : "");
          return FALSE;
        }
      return kdcc_operation_check_pool_value (key, value, error);

    case KDCC_OPERATION_POOL_SET_QUOTA:
      return check_pool_name (target, error) && check_quota (key, value, error);

    case KDCC_OPERATION_POOL_APP_ENABLE:
    case KDCC_OPERATION_POOL_APP_DISABLE:
      if (!check_pool_name (target, error))
        return FALSE;
      /* The mon's goodchars for an application name. */
      if (!all_chars (key, "-_."))
        {
          g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                       _("“%s” is not an application name such as rbd, rgw or cephfs"),
                       key ? key : "");
          return FALSE;
        }
      return TRUE;

    case KDCC_OPERATION_OSD_IN:
    case KDCC_OPERATION_OSD_OUT:
    case KDCC_OPERATION_OSD_REWEIGHT:
    case KDCC_OPERATION_OSD_PRIMARY_AFFINITY:
      if (kdcc_operation_get_osd_id (self) < 0)
        {
          g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                       _("%" G_GINT64_FORMAT " is not an OSD id"),
                       kdcc_operation_get_osd_id (self));
          return FALSE;
        }
      if (kdcc_operation_get_kind (self) == KDCC_OPERATION_OSD_REWEIGHT
          || kdcc_operation_get_kind (self) == KDCC_OPERATION_OSD_PRIMARY_AFFINITY)
        {
          double weight = kdcc_operation_get_weight (self);

          if (!isfinite (weight) || weight < 0.0 || weight > 1.0)
            {
              g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                           kdcc_operation_get_kind (self) == KDCC_OPERATION_OSD_REWEIGHT
                             ? _("The weight %s of %s is outside 0 to 1")
                             : _("The primary affinity %s of %s is outside 0 to 1"),
                           value, target);
              return FALSE;
            }
        }
      return TRUE;

    case KDCC_OPERATION_HEALTH_MUTE:
    case KDCC_OPERATION_HEALTH_UNMUTE:
      if (!all_chars (target, "_") || g_ascii_isdigit (*target))
        {
          g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                       _("“%s” is not a health check code such as OSD_DOWN"),
                       target ? target : "");
          return FALSE;
        }
      for (const char *p = target; *p; p++)
        if (g_ascii_islower (*p))
          {
            g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                         _("“%s” is not a health check code such as OSD_DOWN"), target);
            return FALSE;
          }
      if (kdcc_operation_get_ttl (self) != NULL && !is_duration (kdcc_operation_get_ttl (self)))
        {
          g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                       _("“%s” is not a duration such as 30m, 4h or 2d"),
                       kdcc_operation_get_ttl (self));
          return FALSE;
        }
      return TRUE;

    case KDCC_OPERATION_PG_DEEP_SCRUB:
      if (!kdcc_operation_is_pgid (target))
        {
          g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                       _("“%s” is not a placement group id such as 2.1f"),
                       target ? target : "");
          return FALSE;
        }
      return TRUE;

    case KDCC_OPERATION_SSO_SETUP_SAML2:
    case KDCC_OPERATION_SSO_DISABLE:
    case KDCC_OPERATION_DASHBOARD_USER_CREATE:
    case KDCC_OPERATION_DASHBOARD_USER_DELETE:
    case KDCC_OPERATION_DASHBOARD_USER_SET_ROLES:
      return _kdcc_operation_sso_validate (self, error);

    case KDCC_OPERATION_REQUIRE_OSD_RELEASE:
    case KDCC_OPERATION_NOAUTOSCALE_SET:
    case KDCC_OPERATION_NOAUTOSCALE_UNSET:
      return _kdcc_operation_upgrade_validate (self, error);

    default:
      g_assert_not_reached ();
    }
}

/* A PG id as Ceph prints it: the pool id, a dot, the seed in hex. */
gboolean
kdcc_operation_is_pgid (const char *text)
{
  const char *p = text;

  if (p == NULL || !g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p))
    p++;
  if (*p++ != '.' || !g_ascii_isxdigit (*p))
    return FALSE;
  while (g_ascii_isxdigit (*p))
    p++;
  return *p == '\0' && p - text < 32;
}

/* ------------------------------------------------------------------------
 * WHO as `config dump` shows it */

void
kdcc_operation_split_who (const char  *who,
                          char       **section,
                          char       **mask)
{
  g_auto(GStrv) parts = g_strsplit (who != NULL ? who : "", "/", -1);
  GString *location = g_string_new (NULL);
  GString *klass = g_string_new (NULL);

  /* MaskedOption's mask string puts the CRUSH location first and the
   * device class after it. */
  for (guint i = 1; parts[i] != NULL; i++)
    {
      GString *into = g_str_has_prefix (parts[i], "class:") ? klass : location;

      if (into->len > 0)
        g_string_append_c (into, '/');
      g_string_append (into, parts[i]);
    }
  if (location->len > 0 && klass->len > 0)
    g_string_append_c (location, '/');
  g_string_append (location, klass->str);
  g_string_free (klass, TRUE);

  *section = g_strdup (parts[0] != NULL ? parts[0] : "");
  *mask = g_string_free (location, FALSE);
}

/* ------------------------------------------------------------------------
 * Read back */

/* The numbers TEXT may stand for: a plain number or boolean has one; a
 * size or duration with a suffix ("1G", "1h") has the decimal and the
 * binary reading, since which one Ceph uses depends on the option's type. */
static guint
numeric_readings (const char *text,
                  double      out[2])
{
  static const struct { char suffix; double dec; double bin; } units[] = {
    { 'K', 1e3, 1024.0 }, { 'M', 1e6, 1048576.0 }, { 'G', 1e9, 1073741824.0 },
    { 'T', 1e12, 1099511627776.0 }, { 's', 1, 1 }, { 'm', 60, 60 }, { 'h', 3600, 3600 },
    { 'd', 86400, 86400 }, { 'w', 604800, 604800 },
  };
  char *end = NULL;
  double value;

  if (text == NULL || *text == '\0')
    return 0;
  if (g_ascii_strcasecmp (text, "true") == 0)
    return out[0] = 1.0, 1;
  if (g_ascii_strcasecmp (text, "false") == 0)
    return out[0] = 0.0, 1;

  value = g_ascii_strtod (text, &end);
  if (end == text || !isfinite (value))
    return 0;
  if (*end == '\0')
    return out[0] = value, 1;

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (*end == units[i].suffix
        && (end[1] == '\0' || g_str_equal (end + 1, "i") || g_str_equal (end + 1, "iB")
            || g_str_equal (end + 1, "B")))
      {
        out[0] = value * units[i].dec;
        out[1] = value * units[i].bin;
        return 2;
      }
  return 0;
}

static gboolean
same_value (const char *wanted,
            const char *read_back,
            double      tolerance)
{
  double a[2], b[2];
  guint na, nb;

  if (wanted == NULL || read_back == NULL)
    return wanted == read_back;
  if (g_str_equal (wanted, read_back))
    return TRUE;

  na = numeric_readings (wanted, a);
  nb = numeric_readings (read_back, b);
  for (guint i = 0; i < na; i++)
    for (guint j = 0; j < nb; j++)
      if (fabs (a[i] - b[j]) <= tolerance * MAX (1.0, MAX (fabs (a[i]), fabs (b[j]))))
        return TRUE;
  return FALSE;
}

gboolean
kdcc_operation_read_back_matches (KdccOperation *self,
                                  const char    *read_back)
{
  const char *expected;
  double zero[2];

  g_return_val_if_fail (KDCC_IS_OPERATION (self), FALSE);

  expected = kdcc_operation_get_expected_value (self);

  switch (kdcc_operation_get_kind (self))
    {
    case KDCC_OPERATION_OSD_REWEIGHT:
    case KDCC_OPERATION_OSD_PRIMARY_AFFINITY:
      /* The mon keeps weights in 1/65536 steps. */
      return same_value (expected, read_back, 1.0 / 65536);

    case KDCC_OPERATION_POOL_SET_QUOTA:
      /* No quota reads back as 0 or not at all. */
      if (read_back == NULL)
        return same_value (expected, "0", 0);
      /* Ceph reads max_bytes' suffixes as binary: "1G" is 1073741824. */
      if (numeric_readings (expected, zero) == 2)
        {
          char bin[G_ASCII_DTOSTR_BUF_SIZE];

          return same_value (g_ascii_formatd (bin, sizeof bin, "%.0f", zero[1]), read_back, 0);
        }
      return same_value (expected, read_back, 0);

    case KDCC_OPERATION_POOL_SET:
      /* Setting a pool option to 0 unsets it, as "unset" does a text one. */
      if (read_back == NULL && numeric_readings (expected, zero) == 1 && zero[0] == 0.0)
        return TRUE;
      if (read_back == NULL && g_strcmp0 (expected, "unset") == 0)
        return TRUE;
      return same_value (expected, read_back, 1e-9);

    case KDCC_OPERATION_CONFIG_SET:
    case KDCC_OPERATION_CONFIG_RM:
    case KDCC_OPERATION_OSD_FLAG_SET:
    case KDCC_OPERATION_OSD_FLAG_UNSET:
    case KDCC_OPERATION_OSD_IN:
    case KDCC_OPERATION_OSD_OUT:
    case KDCC_OPERATION_HEALTH_MUTE:
    case KDCC_OPERATION_HEALTH_UNMUTE:
    case KDCC_OPERATION_POOL_APP_ENABLE:
    case KDCC_OPERATION_POOL_APP_DISABLE:
    case KDCC_OPERATION_PG_DEEP_SCRUB:
    default:
      return same_value (expected, read_back, 1e-9);
    }
}
