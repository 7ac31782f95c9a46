/* kdcc-upgrade-auto.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The automated upgrade setting of a cluster and the scheduler's decision.
 * The window is worked out on calendar dates in the clock's own time zone,
 * never by adding multiples of 24 hours to a timestamp: a week that
 * crosses a change to or from summer time would move the window by an
 * hour otherwise.
 */
#define G_LOG_DOMAIN "kdcc-upgrade"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "kdcc-error.h"
#include "kdcc-upgrade-auto.h"
#include "kdcc-upgrade-preflight.h"
#include "kdcc-json.h"

#define SETTINGS_FORMAT 1
#define ALL_DAYS 0x7f

static const char *modes[] = { "disabled", "notify", "window" };
static const char *actions[] = { "nothing", "notify-available", "start", "wait-until" };
/* G_DATE_MONDAY is 1: index weekday - 1. English on purpose: the text
 * form is a setting that must read the same in every locale. */
static const char *day_names[] = { "monday", "tuesday", "wednesday", "thursday", "friday",
                                   "saturday", "sunday" };
static const char *day_short[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };

const char *
kdcc_auto_upgrade_mode_to_string (KdccAutoUpgradeMode mode)
{
  return mode < G_N_ELEMENTS (modes) ? modes[mode] : "disabled";
}

gboolean
kdcc_auto_upgrade_mode_parse (const char          *text,
                              KdccAutoUpgradeMode *mode)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (modes); i++)
    if (g_ascii_strcasecmp (text, modes[i]) == 0)
      {
        *mode = (KdccAutoUpgradeMode) i;
        return TRUE;
      }
  return FALSE;
}

const char *
kdcc_auto_upgrade_action_to_string (KdccAutoUpgradeAction action)
{
  return action < G_N_ELEMENTS (actions) ? actions[action] : "nothing";
}

/* Settings ------------------------------------------------------------------------ */

KdccAutoUpgradeSettings *
kdcc_auto_upgrade_settings_new (void)
{
  KdccAutoUpgradeSettings *settings = g_new0 (KdccAutoUpgradeSettings, 1);

  settings->mode = KDCC_AUTO_UPGRADE_DISABLED;
  settings->notifications = TRUE;
  return settings;
}

void
kdcc_auto_upgrade_settings_free (KdccAutoUpgradeSettings *settings)
{
  if (settings == NULL)
    return;
  g_free (settings->restart_template);
  g_free (settings->notified_target);
  g_strfreev (settings->accepted_warnings);
  g_free (settings);
}

char *
kdcc_auto_upgrade_settings_path (const char *fsid)
{
  g_autofree char *name = g_strconcat (fsid, ".auto.json", NULL);

  return g_build_filename (g_get_user_state_dir (), "kdcc", "upgrade", name, NULL);
}

static void
add_string_or_null (JsonBuilder *b,
                    const char  *member,
                    const char  *value)
{
  json_builder_set_member_name (b, member);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

char *
kdcc_auto_upgrade_settings_to_json (const KdccAutoUpgradeSettings *settings)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *window = kdcc_auto_upgrade_window_to_string (&settings->window);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_int_value (b, SETTINGS_FORMAT);
  add_string_or_null (b, "mode", kdcc_auto_upgrade_mode_to_string (settings->mode));
  add_string_or_null (b, "window", *window != '\0' ? window : NULL);
  add_string_or_null (b, "restart_command", settings->restart_template);
  json_builder_set_member_name (b, "notifications");
  json_builder_add_boolean_value (b, settings->notifications);
  add_string_or_null (b, "notified_target", settings->notified_target);
  json_builder_set_member_name (b, "accepted_warnings");
  json_builder_begin_array (b);
  for (guint i = 0; settings->accepted_warnings != NULL && settings->accepted_warnings[i] != NULL; i++)
    json_builder_add_string_value (b, settings->accepted_warnings[i]);
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

gboolean
kdcc_auto_upgrade_settings_save (const KdccAutoUpgradeSettings *settings,
                                 const char                    *fsid,
                                 GError                       **error)
{
  g_autofree char *path = kdcc_auto_upgrade_settings_path (fsid);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *json = kdcc_auto_upgrade_settings_to_json (settings);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Cannot create %s: %s"), dir, g_strerror (saved));
      return FALSE;
    }
  return g_file_set_contents_full (path, json, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

/* A string member, NULL when absent or null; FALSE when of another type. */
static gboolean
read_string (JsonObject  *o,
             const char  *member,
             char       **value)
{
  JsonNode *node = json_object_get_member (o, member);

  *value = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;
  *value = g_strdup (json_node_get_string (node));
  return TRUE;
}

KdccAutoUpgradeSettings *
kdcc_auto_upgrade_settings_load (const char  *fsid,
                                 GError     **error)
{
  g_autofree char *path = kdcc_auto_upgrade_settings_path (fsid);
  g_autoptr(KdccAutoUpgradeSettings) settings = kdcc_auto_upgrade_settings_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *mode = NULL;
  g_autofree char *window = NULL;
  JsonObject *o;
  JsonNode *notifications;
  JsonNode *accepted;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&settings);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (!kdcc_json_parser_load (parser, "upgrade automation", contents, (gssize) length, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    goto bad;
  o = json_node_get_object (json_parser_get_root (parser));
  if (!read_string (o, "mode", &mode) || !read_string (o, "window", &window)
      || !read_string (o, "restart_command", &settings->restart_template)
      || !read_string (o, "notified_target", &settings->notified_target))
    goto bad;
  if (mode != NULL && !kdcc_auto_upgrade_mode_parse (mode, &settings->mode))
    goto bad;
  if (window != NULL && !kdcc_auto_upgrade_window_parse (window, &settings->window, NULL))
    goto bad;
  notifications = json_object_get_member (o, "notifications");
  if (notifications != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (notifications)
          || json_node_get_value_type (notifications) != G_TYPE_BOOLEAN)
        goto bad;
      settings->notifications = json_node_get_boolean (notifications);
    }
  accepted = json_object_get_member (o, "accepted_warnings");
  if (accepted != NULL && !JSON_NODE_HOLDS_NULL (accepted))
    {
      g_autoptr(GStrvBuilder) codes = g_strv_builder_new ();
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (accepted))
        goto bad;
      array = json_node_get_array (accepted);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *code = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_VALUE (code) || json_node_get_value_type (code) != G_TYPE_STRING)
            goto bad;
          g_strv_builder_add (codes, json_node_get_string (code));
        }
      settings->accepted_warnings = g_strv_builder_end (codes);
    }
  return g_steal_pointer (&settings);

bad:
  g_set_error (error, KDCC_ERROR, KDCC_ERROR_PARSE,
               _("%s is not an automatic upgrade setting"), path);
  return NULL;
}

/* The window ------------------------------------------------------------------------ */

static int
day_index (const char *word,
           gsize       length)
{
  /* "sat", "Saturday": three letters at least, a prefix of the name. */
  for (guint i = 0; length >= 3 && i < G_N_ELEMENTS (day_names); i++)
    if (length <= strlen (day_names[i]) && g_ascii_strncasecmp (word, day_names[i], length) == 0)
      return (int) i;
  return -1;
}

static gboolean
parse_days (const char *text,
            guint8     *days)
{
  g_auto(GStrv) parts = NULL;

  *days = 0;
  if (g_ascii_strcasecmp (text, "daily") == 0)
    {
      *days = ALL_DAYS;
      return TRUE;
    }
  parts = g_strsplit (text, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *dash = strchr (parts[i], '-');
      int from, to;

      if (dash != NULL)
        {
          from = day_index (parts[i], (gsize) (dash - parts[i]));
          to = day_index (dash + 1, strlen (dash + 1));
        }
      else
        from = to = day_index (parts[i], strlen (parts[i]));
      if (from < 0 || to < 0)
        return FALSE;
      /* "Fri-Mon" wraps over the weekend. */
      for (int d = from;; d = (d + 1) % 7)
        {
          *days |= 1u << d;
          if (d == to)
            break;
        }
    }
  return *days != 0;
}

static gboolean
parse_time (const char *text,
            guint      *minute)
{
  guint h, m;
  char extra;

  if (sscanf (text, "%2u:%2u%c", &h, &m, &extra) != 2 || strlen (text) != 5 || h > 23 || m > 59)
    return FALSE;
  *minute = h * 60 + m;
  return TRUE;
}

static gboolean
parse_duration (const char *text,
                guint      *minutes)
{
  guint64 total = 0;
  const char *p = text;

  while (*p != '\0')
    {
      char *end = NULL;
      guint64 n;

      if (!g_ascii_isdigit (*p))
        return FALSE;
      n = g_ascii_strtoull (p, &end, 10);
      if (n > 100000 || (*end != 'h' && *end != 'm'))
        return FALSE;
      total += *end == 'h' ? n * 60 : n;
      p = end + 1;
    }
  if (total < 1 || total > 24 * 60)
    return FALSE;
  *minutes = (guint) total;
  return TRUE;
}

gboolean
kdcc_auto_upgrade_window_parse (const char            *text,
                                KdccAutoUpgradeWindow *window,
                                GError               **error)
{
  g_auto(GStrv) words = NULL;
  KdccAutoUpgradeWindow parsed = { 0 };
  guint n = 0;

  if (text != NULL)
    {
      words = g_strsplit_set (text, " \t", -1);
      for (guint i = 0; words[i] != NULL; i++)
        if (*words[i] != '\0')
          words[n++] = words[i];
        else
          g_free (words[i]);
      words[n] = NULL;
    }
  if (n != 3)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("A maintenance window is days, start time and length, "
                     "e.g. “Sat 02:00 4h” or “Mon-Fri 01:30 90m”"));
      return FALSE;
    }
  if (!parse_days (words[0], &parsed.days))
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("“%s” is not a list of days (Mon, Tue, … Sun, ranges like Mon-Fri, or daily)"),
                   words[0]);
      return FALSE;
    }
  if (!parse_time (words[1], &parsed.start_minute))
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("“%s” is not a start time (HH:MM, 24-hour local time)"), words[1]);
      return FALSE;
    }
  if (!parse_duration (words[2], &parsed.duration_minutes))
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("“%s” is not a length between 1m and 24h (e.g. 4h, 90m, 2h30m)"), words[2]);
      return FALSE;
    }
  *window = parsed;
  return TRUE;
}

char *
kdcc_auto_upgrade_window_to_string (const KdccAutoUpgradeWindow *window)
{
  GString *s = g_string_new (NULL);
  guint d = 0;

  if (window->days == 0)
    return g_string_free (s, FALSE);
  if ((window->days & ALL_DAYS) == ALL_DAYS)
    g_string_append (s, "daily");
  /* Runs of three days or more as ranges: "Mon-Fri,Sun". */
  while (d < 7 && (window->days & ALL_DAYS) != ALL_DAYS)
    {
      guint run = d;

      if (!(window->days & (1u << d)))
        {
          d++;
          continue;
        }
      while (run + 1 < 7 && (window->days & (1u << (run + 1))))
        run++;
      if (s->len > 0)
        g_string_append_c (s, ',');
      if (run - d >= 2)
        g_string_append_printf (s, "%s-%s", day_short[d], day_short[run]);
      else
        for (guint i = d; i <= run; i++)
          g_string_append_printf (s, "%s%s", i > d ? "," : "", day_short[i]);
      d = run + 1;
    }
  g_string_append_printf (s, " %02u:%02u ", window->start_minute / 60, window->start_minute % 60);
  if (window->duration_minutes % 60 == 0)
    g_string_append_printf (s, "%uh", window->duration_minutes / 60);
  else if (window->duration_minutes > 60)
    g_string_append_printf (s, "%uh%um", window->duration_minutes / 60,
                            window->duration_minutes % 60);
  else
    g_string_append_printf (s, "%um", window->duration_minutes);
  return g_string_free (s, FALSE);
}

/* MINUTE (may pass midnight) on DATE, on the wall clock of TZ. */
static GDateTime *
wall_clock (GTimeZone   *tz,
            const GDate *date,
            guint        minute)
{
  GDate day = *date;

  g_date_add_days (&day, minute / (24 * 60));
  minute %= 24 * 60;
  return g_date_time_new (tz, g_date_get_year (&day), g_date_get_month (&day),
                          g_date_get_day (&day), (int) (minute / 60), (int) (minute % 60), 0);
}

gboolean
kdcc_auto_upgrade_window_find (const KdccAutoUpgradeWindow *window,
                               GDateTime                   *now,
                               GDateTime                  **start,
                               GDateTime                  **end)
{
  GTimeZone *tz = g_date_time_get_timezone (now);
  g_autoptr(GDateTime) next_start = NULL;
  g_autoptr(GDateTime) next_end = NULL;
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now), (GDateYear) g_date_time_get_year (now));

  /* A window lasts 24 hours at most, so one open now opened today or
   * yesterday; the next opens within a week. */
  for (int offset = -1; offset <= 7 && (window->days & ALL_DAYS) != 0; offset++)
    {
      GDate date = today;
      g_autoptr(GDateTime) s = NULL;
      g_autoptr(GDateTime) e = NULL;

      if (offset < 0)
        g_date_subtract_days (&date, (guint) -offset);
      else
        g_date_add_days (&date, (guint) offset);
      if (!(window->days & (1u << (g_date_get_weekday (&date) - 1))))
        continue;
      s = wall_clock (tz, &date, window->start_minute);
      e = wall_clock (tz, &date, window->start_minute + window->duration_minutes);
      if (s == NULL || e == NULL)
        continue;
      if (g_date_time_compare (s, now) <= 0 && g_date_time_compare (now, e) < 0)
        {
          if (start != NULL)
            *start = g_steal_pointer (&s);
          if (end != NULL)
            *end = g_steal_pointer (&e);
          return TRUE;
        }
      if (next_start == NULL && g_date_time_compare (s, now) > 0)
        {
          next_start = g_steal_pointer (&s);
          next_end = g_steal_pointer (&e);
        }
    }

  if (start != NULL)
    *start = g_steal_pointer (&next_start);
  if (end != NULL)
    *end = g_steal_pointer (&next_end);
  return FALSE;
}

/* The target --------------------------------------------------------------------------- */

void
kdcc_auto_upgrade_target_free (KdccReleaseTarget *target)
{
  if (target == NULL)
    return;
  g_free (target->name);
  g_free (target->newest);
  g_free (target);
}

KdccReleaseTarget *
kdcc_auto_upgrade_safe_target (KdccReleaseCatalog *catalog,
                               const char         *running,
                               GDateTime          *now_utc)
{
  g_autoptr(KdccReleaseCheck) check = kdcc_release_catalog_check (catalog, running, now_utc);

  for (guint i = check->upgrade_targets->len; i > 0; i--)
    {
      KdccReleaseTarget *target = g_ptr_array_index (check->upgrade_targets, i - 1);
      KdccReleaseTarget *copy;
      KdccCephVersion version;

      /* x.2.z are Ceph's stable point releases. */
      if (!kdcc_ceph_version_parse (target->newest, &version) || version.minor != 2)
        continue;
      copy = g_new0 (KdccReleaseTarget, 1);
      copy->name = g_strdup (target->name);
      copy->major = target->major;
      copy->newest = g_strdup (target->newest);
      return copy;
    }
  return NULL;
}

/* The decision ------------------------------------------------------------------------ */

void
kdcc_auto_upgrade_decision_free (KdccAutoUpgradeDecision *decision)
{
  if (decision == NULL)
    return;
  g_free (decision->target_release);
  g_free (decision->target_version);
  g_clear_pointer (&decision->window_start, g_date_time_unref);
  g_clear_pointer (&decision->window_end, g_date_time_unref);
  g_free (decision->reason);
  g_free (decision);
}

static char *
title_of (const char *release)
{
  return g_strdup_printf ("%c%s", g_ascii_toupper (release[0]), release + 1);
}

/* "Sat 02:00" in the user's words ("%a %H:%M" in the locale). */
static char *
when (GDateTime *time)
{
  return g_date_time_format (time, "%a %H:%M");
}

static const KdccPreflightCheck *
first_failed (const GPtrArray *checks)
{
  for (guint i = 0; i < checks->len; i++)
    {
      const KdccPreflightCheck *c = g_ptr_array_index (checks, i);

      if (c->result == KDCC_PREFLIGHT_FAIL)
        return c;
    }
  return NULL;
}

KdccAutoUpgradeDecision *
kdcc_auto_upgrade_decide (const KdccAutoUpgradeSettings *settings,
                          KdccReleaseCatalog            *catalog,
                          GDateTime                     *now,
                          const KdccAutoUpgradeInput    *input)
{
  KdccAutoUpgradeDecision *decision = g_new0 (KdccAutoUpgradeDecision, 1);
  g_autoptr(GDateTime) now_utc = g_date_time_to_utc (now);
  g_autoptr(KdccReleaseCheck) check = NULL;
  g_autofree char *title = NULL;
  KdccReleaseTarget *target;
  const KdccUpgradeState *busy = input->in_progress;
  const KdccPreflightCheck *failed;

  decision->action = KDCC_AUTO_UPGRADE_NOTHING;
  if (settings->mode == KDCC_AUTO_UPGRADE_DISABLED)
    {
      decision->reason = g_strdup (_("Automatic upgrades are off for this cluster"));
      return decision;
    }
  check = input->running != NULL ? kdcc_release_catalog_check (catalog, input->running, now_utc)
                                 : NULL;
  if (check == NULL || check->state == KDCC_RELEASE_STATE_UNKNOWN_VERSION)
    {
      decision->reason = g_strdup (_("The version the cluster runs is not known yet"));
      return decision;
    }

  target = kdcc_auto_upgrade_safe_target (catalog, input->running, now_utc);
  if (target == NULL)
    {
      /* TRANSLATORS: "Ceph 18.2.7 runs the newest release the catalog marks safe" */
      decision->reason = g_strdup_printf (_("Ceph %s runs the newest release the catalog marks "
                                            "safe to upgrade to"), check->running);
      return decision;
    }
  decision->target_release = g_strdup (target->name);
  decision->target_version = g_strdup (target->newest);
  kdcc_auto_upgrade_target_free (target);
  title = title_of (decision->target_release);

  if (busy != NULL && busy->state != KDCC_UPGRADE_RUN_DONE
      && busy->state != KDCC_UPGRADE_RUN_ABORTED)
    {
      /* TRANSLATORS: "An upgrade to reef is paused: resume or abort it first" */
      decision->reason = g_strdup_printf (_("An upgrade to %s is %s: nothing new starts until "
                                            "it is done or aborted"),
                                          busy->target_release,
                                          kdcc_upgrade_run_state_to_string (busy->state));
      return decision;
    }

  if (settings->mode == KDCC_AUTO_UPGRADE_NOTIFY || settings->window.days == 0)
    {
      decision->action = KDCC_AUTO_UPGRADE_NOTIFY_AVAILABLE;
      /* TRANSLATORS: "Reef (18.2.8) is available; the cluster runs 16.2.15" */
      decision->reason = settings->mode == KDCC_AUTO_UPGRADE_NOTIFY
        ? g_strdup_printf (_("%s (%s) is available; the cluster runs %s"), title,
                           decision->target_version, check->running)
        : g_strdup_printf (_("%s (%s) is available; no maintenance window is set, so nothing "
                             "starts"), title, decision->target_version);
      return decision;
    }

  if (!kdcc_auto_upgrade_window_find (&settings->window, now, &decision->window_start,
                                      &decision->window_end))
    {
      g_autofree char *opens = when (decision->window_start);

      decision->action = KDCC_AUTO_UPGRADE_WAIT_UNTIL;
      /* TRANSLATORS: "The upgrade to Reef (18.2.8) waits for the maintenance window: Sat 02:00" */
      decision->reason = g_strdup_printf (_("The upgrade to %s (%s) waits for the maintenance "
                                            "window: %s"), title, decision->target_version, opens);
      return decision;
    }

  if (input->preflight == NULL)
    {
      decision->reason = g_strdup (_("The maintenance window is open, but the preflight has not "
                                     "run: nothing starts without it"));
      return decision;
    }
  failed = first_failed (input->preflight);
  if (failed != NULL)
    {
      /* TRANSLATORS: "The maintenance window is open, but the preflight failed: PGs: 3 PGs are
       * not active+clean" */
      decision->reason = g_strdup_printf (_("The maintenance window is open, but the preflight "
                                            "failed: %s: %s"), failed->title, failed->reason);
      return decision;
    }

  {
    g_autofree char *closes = g_date_time_format (decision->window_end, "%H:%M");

    decision->action = KDCC_AUTO_UPGRADE_START;
    /* TRANSLATORS: "The maintenance window is open until 06:00: upgrading to Reef (18.2.8)" */
    decision->reason = g_strdup_printf (_("The maintenance window is open until %s: upgrading to "
                                          "%s (%s)"), closes, title, decision->target_version);
  }
  return decision;
}
