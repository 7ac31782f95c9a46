/* kdcc-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-format"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "kdcc-format.h"

char *
kdcc_format_size (guint64 bytes)
{
  return g_format_size_full (bytes, G_FORMAT_SIZE_IEC_UNITS);
}

char *
kdcc_format_byte_rate (double bytes_per_second)
{
  g_autofree char *size = NULL;

  if (!isfinite (bytes_per_second) || bytes_per_second < 0)
    bytes_per_second = 0;

  size = g_format_size_full ((guint64) llround (bytes_per_second), G_FORMAT_SIZE_IEC_UNITS);
  /* Translators: a transfer rate, e.g. "12.0 MiB/s" */
  return g_strdup_printf (_("%s/s"), size);
}

char *
kdcc_format_op_rate (double ops_per_second)
{
  if (!isfinite (ops_per_second) || ops_per_second < 0)
    ops_per_second = 0;

  /* Translators: operations per second, as Ceph abbreviates them */
  if (ops_per_second < 1000)
    return g_strdup_printf (_("%.0f op/s"), ops_per_second);
  else if (ops_per_second < 1000000)
    return g_strdup_printf (_("%.1fk op/s"), ops_per_second / 1000.0);
  else
    return g_strdup_printf (_("%.1fM op/s"), ops_per_second / 1000000.0);
}

char *
kdcc_format_percent (double fraction)
{
  double percent;

  if (!isfinite (fraction) || fraction < 0)
    fraction = 0;
  if (fraction > 1)
    fraction = 1;

  percent = fraction * 100.0;

  /* A nearly empty cluster should not read as "0%" while it holds data. */
  if (percent > 0 && percent < 0.1)
    /* Translators: a percentage too small to show, e.g. 220 KiB of 3 GiB */
    return g_strdup (_("<0.1%"));

  if (percent > 0 && percent < 10)
    /* Translators: a percentage with one decimal, e.g. "4.2%" */
    return g_strdup_printf (_("%.1f%%"), percent);

  /* Translators: a whole percentage, e.g. "42%" */
  return g_strdup_printf (_("%.0f%%"), floor (percent));
}

const char *
kdcc_format_health_label (KdccHealthStatus status)
{
  switch (status)
    {
    case KDCC_HEALTH_OK:
      return _("Healthy");
    case KDCC_HEALTH_WARN:
      return _("Warning");
    case KDCC_HEALTH_ERR:
      return _("Error");
    case KDCC_HEALTH_UNKNOWN:
    default:
      return _("Unknown");
    }
}

const char *
kdcc_format_health_icon_name (KdccHealthStatus status)
{
  switch (status)
    {
    case KDCC_HEALTH_OK:
      return "emblem-ok-symbolic";
    case KDCC_HEALTH_WARN:
      return "dialog-warning-symbolic";
    case KDCC_HEALTH_ERR:
      return "dialog-error-symbolic";
    case KDCC_HEALTH_UNKNOWN:
    default:
      return "dialog-question-symbolic";
    }
}

const char *
kdcc_format_health_css_class (KdccHealthStatus status)
{
  switch (status)
    {
    case KDCC_HEALTH_OK:
      return "success";
    case KDCC_HEALTH_WARN:
      return "warning";
    case KDCC_HEALTH_ERR:
      return "error";
    case KDCC_HEALTH_UNKNOWN:
    default:
      return "dim-label";
    }
}

const char *
kdcc_format_health_tag (KdccHealthStatus status)
{
  switch (status)
    {
    case KDCC_HEALTH_OK:
      return "[OK]";
    case KDCC_HEALTH_WARN:
      return "[WRN]";
    case KDCC_HEALTH_ERR:
      return "[ERR]";
    case KDCC_HEALTH_UNKNOWN:
    default:
      return "[?]";
    }
}

char *
kdcc_format_health_sentence (KdccHealthStatus status,
                             guint            n_errors,
                             guint            n_warnings)
{
  g_autofree char *errors = NULL;
  g_autofree char *warnings = NULL;

  if (n_errors == 0 && n_warnings == 0)
    return g_strdup (kdcc_format_health_label (status));

  if (n_errors > 0)
    errors = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors", n_errors),
                              n_errors);
  if (n_warnings > 0)
    warnings = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning", "%u warnings",
                                             n_warnings),
                                n_warnings);

  if (errors != NULL && warnings != NULL)
    /* Translators: "1 error, 2 warnings" */
    return g_strdup_printf (_("%s, %s"), errors, warnings);

  return g_strdup (errors != NULL ? errors : warnings);
}

char *
kdcc_format_age (gint64 seconds)
{
  gint64 n;

  if (seconds < 5)
    return g_strdup (_("just now"));

  if (seconds < 60)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d second ago", "%d seconds ago",
                                         (gulong) seconds),
                            (int) seconds);

  if (seconds < 3600)
    {
      n = seconds / 60;
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute ago", "%d minutes ago",
                                           (gulong) n),
                              (int) n);
    }

  if (seconds < 86400)
    {
      n = seconds / 3600;
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour ago", "%d hours ago",
                                           (gulong) n),
                              (int) n);
    }

  n = seconds / 86400;
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day ago", "%d days ago", (gulong) n),
                          (int) n);
}

char *
kdcc_format_stale_message (gint64 last_update_usec,
                           gint64 now_usec)
{
  g_autofree char *age = NULL;

  if (last_update_usec <= 0)
    return g_strdup (_("Cannot reach the cluster. Retrying…"));

  age = kdcc_format_age (MAX (0, (now_usec - last_update_usec) / G_USEC_PER_SEC));
  /* Translators: %s is an age such as "2 minutes ago" */
  return g_strdup_printf (_("Cannot reach the cluster — showing data from %s. Retrying…"), age);
}

char *
kdcc_format_count_of (gint64 part,
                      gint64 total)
{
  /* Translators: e.g. "3 of 3" (OSDs up, mons in quorum, ...) */
  return g_strdup_printf (_("%" G_GINT64_FORMAT " of %" G_GINT64_FORMAT), part, total);
}

char *
kdcc_format_mgrs (const char *active,
                  guint       standbys)
{
  if (active != NULL && *active != '\0')
    {
      if (standbys == 0)
        /* Translators: %s is the active mgr's name, e.g. "mgr.x active, no standby" */
        return g_strdup_printf (_("mgr.%s active, no standby"), active);
      /* Translators: "mgr.x active, 2 standbys"; %s is the mgr's name */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "mgr.%s active, %u standby",
                                           "mgr.%s active, %u standbys", standbys),
                              active, standbys);
    }

  if (standbys == 0)
    return g_strdup (_("None active, no standby"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "None active, %u standby",
                                       "None active, %u standbys", standbys),
                          standbys);
}

char *
kdcc_format_chart_value (KdccChartUnit unit,
                         double        value,
                         gboolean      exact)
{
  if (isnan (value))
    /* Translators: no value at this time on a chart */
    return g_strdup (_("—"));

  switch (unit)
    {
    case KDCC_CHART_UNIT_OPS:
      if (exact)
        /* Translators: an exact operation rate, e.g. "1234.5 op/s" */
        return g_strdup_printf (_("%.1f op/s"), value);
      return kdcc_format_op_rate (value);

    case KDCC_CHART_UNIT_BYTES:
      {
        guint64 bytes = value > 0 ? (guint64) llround (value) : 0;

        if (exact)
          return g_format_size_full (bytes, G_FORMAT_SIZE_IEC_UNITS | G_FORMAT_SIZE_LONG_FORMAT);
        return kdcc_format_size (bytes);
      }

    case KDCC_CHART_UNIT_BYTES_PER_SECOND:
      if (exact && value >= 1024)
        {
          g_autofree char *rate = kdcc_format_byte_rate (value);

          /* Translators: a rate and the same in bytes per second,
           * e.g. "12.0 MiB/s (12582912 B/s)" */
          return g_strdup_printf (_("%s (%.0f B/s)"), rate, value);
        }
      return kdcc_format_byte_rate (value);

    case KDCC_CHART_UNIT_PERCENT:
      if (exact)
        /* Translators: an exact percentage, e.g. "42.37%" */
        return g_strdup_printf (_("%.2f%%"), value * 100.0);
      /* kdcc_format_percent() floors, which is right for capacity but
       * makes axis labels of 0.25 steps read "25%" and 0.5 "50%" alike. */
      if (value > 0 && value < 0.1)
        return g_strdup_printf (_("%.1f%%"), value * 100.0);
      return g_strdup_printf (_("%.0f%%"), round (value * 100.0));

    case KDCC_CHART_UNIT_MILLISECONDS:
      if (exact)
        /* Translators: an exact latency in milliseconds, e.g. "12.25 ms" */
        return g_strdup_printf (_("%.2f ms"), value);
      /* Translators: a latency on a chart's axis, e.g. "20 ms" */
      return g_strdup_printf (_("%.3g ms"), value);

    case KDCC_CHART_UNIT_NONE:
    default:
      return exact ? g_strdup_printf ("%.6g", value) : g_strdup_printf ("%.3g", value);
    }
}
