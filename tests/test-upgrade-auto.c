/* test-upgrade-auto.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The automated upgrade scheduler: the maintenance window's text form, its
 * edges (opening inclusive, closing exclusive, a window over midnight), the
 * weeks in which summer time starts or ends (the window stays on the wall
 * clock), and the decisions: off, notify, wait for the window, start, and
 * the reasons not to start (no safe target, already on it, preflight
 * failed or not run, an upgrade in progress). The setting survives a save
 * and a load; a damaged file is an error.
 */
#define G_LOG_DOMAIN "kdcc-test"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "kdcc-error.h"
#include "kdcc-upgrade-auto.h"
#include "kdcc-upgrade-preflight.h"

/* Central European time without tzdata: summer time from the last Sunday
 * of March 02:00 to the last Sunday of October 03:00. */
#define BERLIN "CET-1CEST,M3.5.0,M10.5.0/3"

static GDateTime *
at (const char *zone,
    int         y,
    int         mo,
    int         d,
    int         h,
    int         mi)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (zone);

  g_assert_nonnull (tz);
  return g_date_time_new (tz, y, mo, d, h, mi, 0);
}

static KdccAutoUpgradeWindow
window (const char *text)
{
  KdccAutoUpgradeWindow w = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (kdcc_auto_upgrade_window_parse (text, &w, &error));
  g_assert_no_error (error);
  return w;
}

static void
assert_local (GDateTime *time,
              int        d,
              int        h,
              int        mi)
{
  g_assert_nonnull (time);
  g_assert_cmpint (g_date_time_get_day_of_month (time), ==, d);
  g_assert_cmpint (g_date_time_get_hour (time), ==, h);
  g_assert_cmpint (g_date_time_get_minute (time), ==, mi);
}

static void
test_window_text (void)
{
  const struct { const char *in; const char *out; guint8 days; guint start, length; } good[] = {
    { "Sat 02:00 4h", "Sat 02:00 4h", 1 << 5, 120, 240 },
    { "saturday,SUN 22:30 90m", "Sat,Sun 22:30 1h30m", 3 << 5, 1350, 90 },
    { "Mon-Fri   01:00 2h30m", "Mon-Fri 01:00 2h30m", 0x1f, 60, 150 },
    { "Fri-Mon 00:00 45m", "Mon,Fri-Sun 00:00 45m", 0x71, 0, 45 },
    { "daily 03:00 24h", "daily 03:00 24h", 0x7f, 180, 1440 },
  };
  const char *bad[] = { NULL, "", "Sat 02:00", "Sat 2:00 4h", "Sat 24:00 4h", "Sat 02:60 4h",
                        "Sa 02:00 4h", "Satx 02:00 4h", "Sat 02:00 0h", "Sat 02:00 25h",
                        "Sat 02:00 4", "Sat 02:00 h", "Sat 02:00 4h extra", "Sat-Xyz 02:00 1h",
                        "Sat, 02:00 1h" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      KdccAutoUpgradeWindow w = window (good[i].in);
      g_autofree char *text = kdcc_auto_upgrade_window_to_string (&w);
      KdccAutoUpgradeWindow back = window (text);

      g_assert_cmpuint (w.days, ==, good[i].days);
      g_assert_cmpuint (w.start_minute, ==, good[i].start);
      g_assert_cmpuint (w.duration_minutes, ==, good[i].length);
      g_assert_cmpstr (text, ==, good[i].out);
      g_assert_cmpmem (&back, sizeof back, &w, sizeof w);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      KdccAutoUpgradeWindow w = { 0x7f, 1, 1 };
      g_autoptr(GError) error = NULL;

      g_test_message ("bad window: %s", bad[i] != NULL ? bad[i] : "(null)");
      g_assert_false (kdcc_auto_upgrade_window_parse (bad[i], &w, &error));
      g_assert_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT);
      /* Untouched on failure. */
      g_assert_cmpuint (w.days, ==, 0x7f);
    }
}

static void
test_window_edges (void)
{
  KdccAutoUpgradeWindow sat = window ("Sat 02:00 4h");
  KdccAutoUpgradeWindow late = window ("Sat 22:00 4h");
  KdccAutoUpgradeWindow none = { 0 };
  /* 2026-12-05 is a Saturday. */
  struct { KdccAutoUpgradeWindow *w; int d, h, m; gboolean inside; int sd, sh, ed, eh; } cases[] = {
    { &sat, 5, 1, 59, FALSE, 5, 2, 5, 6 },     /* a minute before it opens */
    { &sat, 5, 2, 0, TRUE, 5, 2, 5, 6 },       /* opening: inside */
    { &sat, 5, 5, 59, TRUE, 5, 2, 5, 6 },
    { &sat, 5, 6, 0, FALSE, 12, 2, 12, 6 },    /* closing: outside, next week */
    { &sat, 1, 12, 0, FALSE, 5, 2, 5, 6 },     /* Tuesday */
    { &late, 6, 1, 30, TRUE, 5, 22, 6, 2 },    /* opened yesterday, over midnight */
    { &late, 6, 2, 0, FALSE, 12, 22, 13, 2 },
    { &late, 5, 21, 0, FALSE, 5, 22, 6, 2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) now = at ("UTC", 2026, 12, cases[i].d, cases[i].h, cases[i].m);
      g_autoptr(GDateTime) start = NULL;
      g_autoptr(GDateTime) end = NULL;

      g_test_message ("edge case %u", i);
      g_assert_cmpint (kdcc_auto_upgrade_window_find (cases[i].w, now, &start, &end), ==,
                       cases[i].inside);
      assert_local (start, cases[i].sd, cases[i].sh, 0);
      assert_local (end, cases[i].ed, cases[i].eh, 0);
    }

  {
    g_autoptr(GDateTime) now = at ("UTC", 2026, 12, 5, 3, 0);
    GDateTime *start = (GDateTime *) 0x1, *end = (GDateTime *) 0x1;

    g_assert_false (kdcc_auto_upgrade_window_find (&none, now, &start, &end));
    g_assert_null (start);
    g_assert_null (end);
  }
}

static void
test_window_summer_time (void)
{
  KdccAutoUpgradeWindow sun4 = window ("Sun 04:00 1h");
  KdccAutoUpgradeWindow sun1 = window ("Sun 01:00 4h");

  /* A week before summer time starts (2026-03-29): the next window is at
   * 04:00 on the wall clock, 02:00 UTC, not 7 × 24 h after the last one
   * (03:00 UTC, which would be 05:00 summer time). */
  {
    g_autoptr(GDateTime) now = at (BERLIN, 2026, 3, 22, 5, 0);
    g_autoptr(GDateTime) start = NULL;
    g_autoptr(GDateTime) end = NULL;
    g_autoptr(GDateTime) utc = NULL;

    g_assert_false (kdcc_auto_upgrade_window_find (&sun4, now, &start, &end));
    assert_local (start, 29, 4, 0);
    assert_local (end, 29, 5, 0);
    utc = g_date_time_to_utc (start);
    g_assert_cmpint (g_date_time_get_hour (utc), ==, 2);
  }

  /* On that Sunday the window 01:00–05:00 lasts three real hours. */
  {
    g_autoptr(GDateTime) now = at (BERLIN, 2026, 3, 29, 4, 30);
    g_autoptr(GDateTime) start = NULL;
    g_autoptr(GDateTime) end = NULL;

    g_assert_true (kdcc_auto_upgrade_window_find (&sun1, now, &start, &end));
    assert_local (start, 29, 1, 0);
    assert_local (end, 29, 5, 0);
    g_assert_cmpint (g_date_time_difference (end, start), ==, 3 * G_TIME_SPAN_HOUR);
  }

  /* When summer time ends (2026-10-25) it lasts five. */
  {
    g_autoptr(GDateTime) now = at (BERLIN, 2026, 10, 25, 4, 30);
    g_autoptr(GDateTime) start = NULL;
    g_autoptr(GDateTime) end = NULL;

    g_assert_true (kdcc_auto_upgrade_window_find (&sun1, now, &start, &end));
    assert_local (start, 25, 1, 0);
    assert_local (end, 25, 5, 0);
    g_assert_cmpint (g_date_time_difference (end, start), ==, 5 * G_TIME_SPAN_HOUR);
  }
}

/* Decisions ------------------------------------------------------------------------- */

static GPtrArray *
preflight (KdccPreflightResult pgs)
{
  GPtrArray *checks = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_preflight_check_free);
  const char *ids[] = { "health", "pgs", "mons" };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      KdccPreflightCheck *c = g_new0 (KdccPreflightCheck, 1);

      c->id = g_strdup (ids[i]);
      c->title = g_strdup_printf ("Check %s", ids[i]);
      c->result = i == 1 ? pgs : KDCC_PREFLIGHT_PASS;
      c->reason = g_strdup (c->result == KDCC_PREFLIGHT_FAIL ? "3 PGs are not active+clean"
                                                             : "fine");
      g_ptr_array_add (checks, c);
    }
  return checks;
}

static KdccAutoUpgradeDecision *
decide (KdccReleaseCatalog  *catalog,
        KdccAutoUpgradeMode  mode,
        const char          *window_text,
        GDateTime           *now,
        const char          *running,
        const GPtrArray     *checks,
        KdccUpgradeState    *busy)
{
  g_autoptr(KdccAutoUpgradeSettings) settings = kdcc_auto_upgrade_settings_new ();
  KdccAutoUpgradeInput input = { running, checks, busy };
  KdccAutoUpgradeDecision *decision;

  settings->mode = mode;
  if (window_text != NULL)
    settings->window = window (window_text);
  decision = kdcc_auto_upgrade_decide (settings, catalog, now, &input);
  g_assert_nonnull (decision);
  g_assert_nonnull (decision->reason);
  g_test_message ("%s: %s", kdcc_auto_upgrade_action_to_string (decision->action),
                  decision->reason);
  return decision;
}

static void
test_decide (void)
{
  g_autoptr(KdccReleaseCatalog) catalog = kdcc_release_catalog_new ();
  g_autoptr(GPtrArray) pass = preflight (KDCC_PREFLIGHT_WARN);
  g_autoptr(GPtrArray) fail = preflight (KDCC_PREFLIGHT_FAIL);
  /* Saturday 2026-12-05 03:00 in Berlin: inside "Sat 02:00 4h". */
  g_autoptr(GDateTime) in_window = at (BERLIN, 2026, 12, 5, 3, 0);
  g_autoptr(GDateTime) before = at (BERLIN, 2026, 12, 3, 12, 0);
  KdccAutoUpgradeDecision *d;

  /* Off. */
  d = decide (catalog, KDCC_AUTO_UPGRADE_DISABLED, "Sat 02:00 4h", in_window, "16.2.15", pass,
              NULL);
  g_assert_cmpint (d->action, ==, KDCC_AUTO_UPGRADE_NOTHING);
  g_assert_null (d->target_release);
  kdcc_auto_upgrade_decision_free (d);

  /* Notify: Pacific may go to Quincy or Reef; Reef is the newest. */
  d = decide (catalog, KDCC_AUTO_UPGRADE_NOTIFY, NULL, in_window, "16.2.15", NULL, NULL);
  g_assert_cmpint (d->action, ==, KDCC_AUTO_UPGRADE_NOTIFY_AVAILABLE);
  g_assert_cmpstr (d->target_release, ==, "reef");
  g_assert_cmpstr (d->target_version, ==, "18.2.8");
  g_assert_nonnull (strstr (d->reason, "16.2.15"));
  kdcc_auto_upgrade_decision_free (d);

  /* Window mode without a window: only notify. */
  d = decide (catalog, KDCC_AUTO_UPGRADE_WINDOW, NULL, in_window, "16.2.15", pass, NULL);
  g_assert_cmpint (d->action, ==, KDCC_AUTO_UPGRADE_NOTIFY_AVAILABLE);
  kdcc_auto_upgrade_decision_free (d);

  /* Outside the window: wait until Saturday 02:00. */
  d = decide (catalog, KDCC_AUTO_UPGRADE_WINDOW, "Sat 02:00 4h", before, "16.2.15", pass, NULL);
  g_assert_cmpint (d->action, ==, KDCC_AUTO_UPGRADE_WAIT_UNTIL);
  g_assert_cmpstr (d->target_release, ==, "reef");
  assert_local (d->window_start, 5, 2, 0);
  assert_local (d->window_end, 5, 6, 0);
  kdcc_auto_upgrade_decision_free (d);

  /* Inside, preflight passed (a warning is allowed): start. */
  d = decide (catalog, KDCC_AUTO_UPGRADE_WINDOW, "Sat 02:00 4h", in_window, "16.2.15", pass, NULL);
  g_assert_cmpint (d->action, ==, KDCC_AUTO_UPGRADE_START);
  g_assert_cmpstr (d->target_release, ==, "reef");
  assert_local (d->window_end, 5, 6, 0);
  kdcc_auto_upgrade_decision_free (d);

  /* Inside, preflight failed: nothing, and why. */
  d = decide (catalog, KDCC_AUTO_UPGRADE_WINDOW, "Sat 02:00 4h", in_window, "16.2.15", fail, NULL);
  g_assert_cmpint (d->action, ==, KDCC_AUTO_UPGRADE_NOTHING);
  g_assert_nonnull (strstr (d->reason, "3 PGs are not active+clean"));
  kdcc_auto_upgrade_decision_free (d);

  /* Inside, no preflight: nothing. */
  d = decide (catalog, KDCC_AUTO_UPGRADE_WINDOW, "Sat 02:00 4h", in_window, "16.2.15", NULL, NULL);
  g_assert_cmpint (d->action, ==, KDCC_AUTO_UPGRADE_NOTHING);
  kdcc_auto_upgrade_decision_free (d);

  /* Already on the newest safe release (Umbrella 21.2.0 is the newest the
   * shipped catalog knows): nothing. */
  d = decide (catalog, KDCC_AUTO_UPGRADE_WINDOW, "Sat 02:00 4h", in_window, "21.2.0", pass, NULL);
  g_assert_cmpint (d->action, ==, KDCC_AUTO_UPGRADE_NOTHING);
  g_assert_null (d->target_release);
  kdcc_auto_upgrade_decision_free (d);

  /* The version not known yet: nothing. */
  d = decide (catalog, KDCC_AUTO_UPGRADE_WINDOW, "Sat 02:00 4h", in_window, NULL, pass, NULL);
  g_assert_cmpint (d->action, ==, KDCC_AUTO_UPGRADE_NOTHING);
  kdcc_auto_upgrade_decision_free (d);

  /* An upgrade in progress (paused): nothing starts; a done one does not
   * hold the next. */
  {
    KdccUpgradeState busy = { 0 };

    busy.target_release = (char *) "quincy";
    busy.state = KDCC_UPGRADE_RUN_PAUSED;
    d = decide (catalog, KDCC_AUTO_UPGRADE_WINDOW, "Sat 02:00 4h", in_window, "16.2.15", pass,
                &busy);
    g_assert_cmpint (d->action, ==, KDCC_AUTO_UPGRADE_NOTHING);
    g_assert_nonnull (strstr (d->reason, "quincy"));
    kdcc_auto_upgrade_decision_free (d);

    busy.state = KDCC_UPGRADE_RUN_DONE;
    d = decide (catalog, KDCC_AUTO_UPGRADE_WINDOW, "Sat 02:00 4h", in_window, "16.2.15", pass,
                &busy);
    g_assert_cmpint (d->action, ==, KDCC_AUTO_UPGRADE_START);
    kdcc_auto_upgrade_decision_free (d);
  }
}

static void
test_no_safe_target (void)
{
  /* Squid's only release is a release candidate (19.1.0): from Quincy,
   * Reef is the safe target; from Reef there is none. */
  const char *json = "{\"format\": 1, \"date\": \"2026-11-30\", \"ceph\": ["
                     "{\"name\": \"quincy\", \"major\": 17, \"latest\": \"17.2.9\"},"
                     "{\"name\": \"reef\", \"major\": 18, \"latest\": \"18.2.8\"},"
                     "{\"name\": \"squid\", \"major\": 19, \"latest\": \"19.1.0\"}]}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (json, strlen (json));
  g_autoptr(GError) error = NULL;
  g_autoptr(KdccReleaseCatalog) catalog = kdcc_release_catalog_new_from_bytes (bytes, &error);
  g_autoptr(GDateTime) now = at ("UTC", 2026, 12, 5, 3, 0);
  g_autoptr(GPtrArray) pass = preflight (KDCC_PREFLIGHT_PASS);
  KdccReleaseTarget *target;
  KdccAutoUpgradeDecision *d;

  g_assert_no_error (error);
  target = kdcc_auto_upgrade_safe_target (catalog, "17.2.7", now);
  g_assert_nonnull (target);
  g_assert_cmpstr (target->name, ==, "reef");
  kdcc_auto_upgrade_target_free (target);
  g_assert_null (kdcc_auto_upgrade_safe_target (catalog, "18.2.4", now));

  d = decide (catalog, KDCC_AUTO_UPGRADE_WINDOW, "Sat 02:00 4h", now, "18.2.4", pass, NULL);
  g_assert_cmpint (d->action, ==, KDCC_AUTO_UPGRADE_NOTHING);
  g_assert_null (d->target_release);
  g_assert_nonnull (strstr (d->reason, "18.2.4"));
  kdcc_auto_upgrade_decision_free (d);
}

/* The setting on disk ------------------------------------------------------------- */

static void
test_settings_round_trip (void)
{
  const char *fsid = "1b6f1e5c-test-auto";
  g_autoptr(KdccAutoUpgradeSettings) fresh = NULL;
  g_autoptr(KdccAutoUpgradeSettings) settings = kdcc_auto_upgrade_settings_new ();
  g_autoptr(KdccAutoUpgradeSettings) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = kdcc_auto_upgrade_settings_path (fsid);

  /* A private XDG_STATE_HOME (main): nothing saved yet. */
  fresh = kdcc_auto_upgrade_settings_load (fsid, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fresh->mode, ==, KDCC_AUTO_UPGRADE_DISABLED);
  g_assert_true (fresh->notifications);
  g_assert_cmpuint (fresh->window.days, ==, 0);

  settings->mode = KDCC_AUTO_UPGRADE_WINDOW;
  settings->window = window ("Mon-Fri 01:30 90m");
  settings->restart_template = g_strdup ("ssh {host} sudo systemctl restart ceph-{type}@{id}");
  settings->notifications = FALSE;
  settings->notified_target = g_strdup ("reef");
  settings->accepted_warnings = g_strsplit ("MON_DISK_LOW,POOL_NO_REDUNDANCY", ",", -1);
  g_assert_true (kdcc_auto_upgrade_settings_save (settings, fsid, &error));
  g_assert_no_error (error);

  back = kdcc_auto_upgrade_settings_load (fsid, &error);
  g_assert_no_error (error);
  g_assert_cmpint (back->mode, ==, KDCC_AUTO_UPGRADE_WINDOW);
  g_assert_cmpmem (&back->window, sizeof back->window, &settings->window, sizeof settings->window);
  g_assert_cmpstr (back->restart_template, ==, settings->restart_template);
  g_assert_false (back->notifications);
  g_assert_cmpstr (back->notified_target, ==, "reef");
  g_assert_nonnull (back->accepted_warnings);
  g_assert_cmpstrv (back->accepted_warnings, settings->accepted_warnings);

  /* Damaged: an error, not the defaults (which would silently turn the
   * automated upgrade off or on). */
  {
    const char *damaged[] = { "{", "[]", "{\"mode\": \"sometimes\"}", "{\"window\": \"Sat\"}",
                              "{\"mode\": 3}", "{\"notifications\": \"yes\"}",
                              "{\"accepted_warnings\": \"OSD_DOWN\"}",
                              "{\"accepted_warnings\": [1]}" };

    for (guint i = 0; i < G_N_ELEMENTS (damaged); i++)
      {
        g_autoptr(GError) parse_error = NULL;

        g_assert_true (g_file_set_contents (path, damaged[i], -1, NULL));
        g_assert_null (kdcc_auto_upgrade_settings_load (fsid, &parse_error));
        g_assert_error (parse_error, KDCC_ERROR, KDCC_ERROR_PARSE);
      }
  }
  g_assert_cmpint (g_unlink (path), ==, 0);
}

static void
test_modes (void)
{
  KdccAutoUpgradeMode mode = KDCC_AUTO_UPGRADE_DISABLED;

  for (guint i = 0; i <= KDCC_AUTO_UPGRADE_WINDOW; i++)
    {
      g_assert_true (kdcc_auto_upgrade_mode_parse (kdcc_auto_upgrade_mode_to_string (i), &mode));
      g_assert_cmpuint (mode, ==, i);
    }
  g_assert_false (kdcc_auto_upgrade_mode_parse ("weekly", &mode));
  g_assert_false (kdcc_auto_upgrade_mode_parse (NULL, &mode));
  g_assert_cmpstr (kdcc_auto_upgrade_action_to_string (KDCC_AUTO_UPGRADE_WAIT_UNTIL), ==,
                   "wait-until");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *state_home = g_dir_make_tmp ("kdcc-test-upgrade-auto-XXXXXX", NULL);
  g_autofree char *kdcc_dir = NULL;
  g_autofree char *upgrade_dir = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  /* The setting's file goes to a private XDG_STATE_HOME, removed at the end. */
  g_assert_nonnull (state_home);
  g_setenv ("XDG_STATE_HOME", state_home, TRUE);
  kdcc_dir = g_build_filename (state_home, "kdcc", NULL);
  upgrade_dir = g_build_filename (kdcc_dir, "upgrade", NULL);

  g_test_add_func ("/upgrade-auto/window-text", test_window_text);
  g_test_add_func ("/upgrade-auto/window-edges", test_window_edges);
  g_test_add_func ("/upgrade-auto/window-summer-time", test_window_summer_time);
  g_test_add_func ("/upgrade-auto/decide", test_decide);
  g_test_add_func ("/upgrade-auto/no-safe-target", test_no_safe_target);
  g_test_add_func ("/upgrade-auto/settings", test_settings_round_trip);
  g_test_add_func ("/upgrade-auto/modes", test_modes);

  status = g_test_run ();
  g_rmdir (upgrade_dir);
  g_rmdir (kdcc_dir);
  g_assert_cmpint (g_rmdir (state_home), ==, 0);
  return status;
}
