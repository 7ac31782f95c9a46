/* test-scrub.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The scrub planner without a cluster: windows as the OSD reads them, the
 * mgr's overdue counts on months of stamps (tests/fixtures/scrub: made by
 * make-stamps.py, which computes the expected counts independently), the
 * settings' origins and the forecast.
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "kdcc-ceph-parse.h"
#include "kdcc-cluster.h"
#include "kdcc-config-option.h"
#include "kdcc-error.h"
#include "kdcc-flight-recorder.h"
#include "kdcc-operation.h"
#include "kdcc-scrub-math.h"
#include "kdcc-scrub-planner.h"
#include "kdcc-scrub-settings.h"
#include "kdcc-test-util.h"

#define DAY 86400.0

/* ------------------------------------------------------------------------
 * Windows */

static void
test_window_always (void)
{
  KdccScrubWindow all = { 0, 0, 0, 0 };
  KdccScrubWindow same = { 5, 5, 3, 3 };

  g_assert_cmpuint (kdcc_scrub_window_hours_per_week (&all), ==, 168);
  g_assert_cmpfloat (kdcc_scrub_window_share (&all), ==, 1.0);
  /* begin == end is "always" for any value, not just 0. */
  g_assert_cmpuint (kdcc_scrub_window_hours_per_week (&same), ==, 168);
  g_assert_true (kdcc_scrub_window_allows (&all, 6, 23));
  g_assert_true (kdcc_scrub_window_is_valid (&all));
}

static void
test_window_wraps_midnight (void)
{
  KdccScrubWindow night = { 22, 6, 0, 0 };

  g_assert_true (kdcc_scrub_window_allows (&night, 2, 22));
  g_assert_true (kdcc_scrub_window_allows (&night, 2, 23));
  g_assert_true (kdcc_scrub_window_allows (&night, 2, 0));
  g_assert_true (kdcc_scrub_window_allows (&night, 2, 5));
  /* Half open: the end hour itself is outside. */
  g_assert_false (kdcc_scrub_window_allows (&night, 2, 6));
  g_assert_false (kdcc_scrub_window_allows (&night, 2, 21));
  g_assert_cmpuint (kdcc_scrub_window_hours_per_week (&night), ==, 8 * 7);
}

static void
test_window_hour_23_and_day_6 (void)
{
  KdccScrubWindow late = { 23, 0, 6, 0 };
  KdccScrubWindow bad = { 24, 0, 0, 7 };
  gboolean week[7][24];

  g_assert_true (kdcc_scrub_window_is_valid (&late));
  g_assert_false (kdcc_scrub_window_is_valid (&bad));
  /* Saturday only, 23:00 to midnight only. */
  g_assert_cmpuint (kdcc_scrub_window_hours_per_week (&late), ==, 1);
  kdcc_scrub_window_fill_week (&late, week);
  g_assert_true (week[6][23]);
  g_assert_false (week[0][23]);
  g_assert_false (week[6][22]);
}

static void
test_window_wraps_week (void)
{
  /* Friday (5) to Monday (1): Friday, Saturday, Sunday. */
  KdccScrubWindow weekend = { 0, 0, 5, 1 };
  /* Both wrap: Saturday and Sunday nights, 20:00 to 02:00. */
  KdccScrubWindow both = { 20, 2, 6, 1 };
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  g_assert_true (kdcc_scrub_window_allows (&weekend, 5, 0));
  g_assert_true (kdcc_scrub_window_allows (&weekend, 6, 12));
  g_assert_true (kdcc_scrub_window_allows (&weekend, 0, 23));
  g_assert_false (kdcc_scrub_window_allows (&weekend, 1, 0));
  g_assert_false (kdcc_scrub_window_allows (&weekend, 4, 23));
  g_assert_cmpuint (kdcc_scrub_window_hours_per_week (&weekend), ==, 72);

  /* The hour window is tested against the day of the hour itself: Sunday
   * 01:00 is allowed, Monday 01:00 is not (day 1 is outside). */
  g_assert_true (kdcc_scrub_window_allows (&both, 0, 1));
  g_assert_false (kdcc_scrub_window_allows (&both, 1, 1));
  g_assert_cmpuint (kdcc_scrub_window_hours_per_week (&both), ==, 12);

  /* 2026-11-29 is a Sunday: 23:30 UTC is in, Monday 00:30 is not. */
  g_assert_true (kdcc_scrub_window_allows_at (&weekend, 1795995000, utc));
  g_assert_false (kdcc_scrub_window_allows_at (&weekend, 1795998600, utc));
}

/* ------------------------------------------------------------------------
 * The fixture */

static double
parse_stamp (const char *text)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (text, NULL);

  g_assert_nonnull (when);
  return g_date_time_to_unix (when) + g_date_time_get_microsecond (when) / 1e6;
}

static JsonNode *
load_fixture (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("KDCC_FIXTURES"), "scrub", "stamps.json",
                                            NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static KdccScrubInputs *
inputs_from_fixture (JsonObject *root,
                     JsonArray  *config)
{
  KdccScrubInputs *inputs = kdcc_scrub_inputs_new ();
  JsonArray *pools = json_object_get_array_member (root, "pools");
  JsonArray *pgs = json_object_get_array_member (root, "pgs");
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_object_unref);

  inputs->now = parse_stamp (json_object_get_string_member (root, "now"));
  inputs->n_osds = 3;
  inputs->deep_scrub_duration = 60;
  for (guint i = 0; i < json_array_get_length (pools); i++)
    {
      JsonObject *pool = json_array_get_object_element (pools, i);
      JsonObject *options = json_object_get_object_member (pool, "options");

      kdcc_scrub_inputs_add_pool (inputs, json_object_get_int_member (pool, "id"),
                                  json_object_get_string_member (pool, "name"),
                                  json_object_get_int_member (pool, "size"), 0,
                                  json_object_get_double_member_with_default (
                                    options, "scrub_max_interval", 0),
                                  json_object_get_double_member_with_default (
                                    options, "deep_scrub_interval", 0));
    }
  for (guint i = 0; i < json_array_get_length (pgs); i++)
    {
      JsonObject *pg = json_array_get_object_element (pgs, i);

      kdcc_scrub_inputs_add_pg (inputs, json_object_get_string_member (pg, "pgid"),
                                parse_stamp (json_object_get_string_member (pg,
                                                                            "last_scrub_stamp")),
                                parse_stamp (json_object_get_string_member (
                                  pg, "last_deep_scrub_stamp")),
                                json_object_get_string_member (pg, "state"));
    }
  for (guint i = 0; config != NULL && i < json_array_get_length (config); i++)
    {
      JsonArray *c = json_array_get_array_element (config, i);

      g_ptr_array_add (values, kdcc_config_value_new (json_array_get_string_element (c, 2),
                                                      json_array_get_string_element (c, 0),
                                                      json_array_get_string_element (c, 1),
                                                      json_array_get_string_element (c, 3)));
    }
  kdcc_scrub_settings_resolve (inputs->settings, values);
  return inputs;
}

static void
test_overdue_counts_match_fixture (void)
{
  g_autoptr(JsonNode) node = load_fixture ();
  JsonObject *root = json_node_get_object (node);
  JsonArray *scenarios = json_object_get_array_member (root, "scenarios");

  g_assert_cmpuint (json_array_get_length (scenarios), >=, 4);
  for (guint i = 0; i < json_array_get_length (scenarios); i++)
    {
      JsonObject *scenario = json_array_get_object_element (scenarios, i);
      JsonObject *expected = json_object_get_object_member (scenario, "expected");
      g_autoptr(KdccScrubInputs) inputs =
        inputs_from_fixture (root, json_object_get_array_member (scenario, "config"));
      g_autoptr(KdccScrubReport) report = kdcc_scrub_report_new (inputs);
      g_autoptr(GList) names = json_object_get_members (expected);

      g_test_message ("scenario %s", json_object_get_string_member (scenario, "name"));
      g_assert_cmpuint (report->pools->len, ==, 3);
      for (GList *l = names; l != NULL; l = l->next)
        {
          JsonArray *counts = json_object_get_array_member (expected, l->data);
          const KdccScrubPoolStatus *status = kdcc_scrub_report_find_pool (report, l->data);

          g_assert_nonnull (status);
          g_assert_cmpint (status->overdue_scrub, ==, json_array_get_int_element (counts, 0));
          g_assert_cmpint (status->overdue_deep, ==, json_array_get_int_element (counts, 1));
        }
    }
}

/* The strict "<" of the mgr, to the microsecond. */
static void
test_overdue_boundary (void)
{
  g_autoptr(JsonNode) node = load_fixture ();
  g_autoptr(KdccScrubInputs) inputs = inputs_from_fixture (json_node_get_object (node), NULL);
  double age = kdcc_scrub_warn_age (0.75, 0, 7 * DAY);
  const KdccScrubPgInput *at = &g_array_index (inputs->pgs, KdccScrubPgInput, 0);
  const KdccScrubPgInput *past = &g_array_index (inputs->pgs, KdccScrubPgInput, 1);

  g_assert_cmpfloat (age, ==, 12.25 * DAY);
  g_assert_false (kdcc_scrub_is_overdue (at->last_deep_scrub, inputs->now, age));
  g_assert_true (kdcc_scrub_is_overdue (past->last_deep_scrub, inputs->now, age));
  /* Ratio 0 switches the check off. */
  g_assert_cmpfloat (kdcc_scrub_warn_age (0, 0, 7 * DAY), <, 0);
  g_assert_false (kdcc_scrub_is_overdue (0, inputs->now, -1));
  /* The pool's interval wins when set. */
  g_assert_cmpfloat (kdcc_scrub_warn_age (0.5, 2 * DAY, 7 * DAY), ==, 3 * DAY);
}

static void
test_settings_origins (void)
{
  g_autoptr(KdccScrubSettings) settings = kdcc_scrub_settings_new ();
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_object_unref);
  const KdccScrubSetting *deep = &settings->options[KDCC_SCRUB_OPT_DEEP_INTERVAL];
  const KdccScrubSetting *hour = &settings->options[KDCC_SCRUB_OPT_BEGIN_HOUR];
  const KdccScrubSetting *max = &settings->options[KDCC_SCRUB_OPT_MAX_SCRUBS];
  const KdccScrubSetting *ratio = &settings->options[KDCC_SCRUB_OPT_WARN_DEEP_RATIO];

  g_ptr_array_add (values, kdcc_config_value_new ("osd_deep_scrub_interval", "osd", "",
                                                  "1209600.000000"));
  g_ptr_array_add (values, kdcc_config_value_new ("osd_scrub_begin_hour", "global", "", "23"));
  g_ptr_array_add (values, kdcc_config_value_new ("osd_max_scrubs", "osd", "class:ssd", "3"));
  g_ptr_array_add (values, kdcc_config_value_new ("osd_max_scrubs", "osd.2", "", "2"));
  g_ptr_array_add (values, kdcc_config_value_new ("mon_warn_pg_not_deep_scrubbed_ratio", "mgr",
                                                  "", "1.000000"));
  kdcc_scrub_settings_resolve (settings, values);

  /* Under osd only: the OSDs use 14 days, the mgr the default 7. */
  g_assert_cmpfloat (deep->value, ==, 14 * DAY);
  g_assert_cmpint (deep->origin, ==, KDCC_SCRUB_ORIGIN_SECTION);
  g_assert_cmpfloat (deep->mgr_value, ==, 7 * DAY);
  g_assert_cmpint (deep->mgr_origin, ==, KDCC_SCRUB_ORIGIN_DEFAULT);
  g_assert_cmpstr (deep->hidden_from_mgr, ==, "osd");

  g_assert_cmpfloat (hour->value, ==, 23);
  g_assert_cmpint (hour->origin, ==, KDCC_SCRUB_ORIGIN_GLOBAL);
  g_assert_null (hour->hidden_from_mgr);

  g_assert_cmpfloat (max->value, ==, 1);
  g_assert_cmpint (max->origin, ==, KDCC_SCRUB_ORIGIN_DEFAULT);
  g_assert_cmpuint (max->overrides->len, ==, 2);
  g_assert_cmpint (((KdccScrubOverride *) g_ptr_array_index (max->overrides, 0))->origin, ==,
                   KDCC_SCRUB_ORIGIN_MASK);
  g_assert_cmpstr (((KdccScrubOverride *) g_ptr_array_index (max->overrides, 0))->who, ==,
                   "osd/class:ssd");
  g_assert_cmpint (((KdccScrubOverride *) g_ptr_array_index (max->overrides, 1))->origin, ==,
                   KDCC_SCRUB_ORIGIN_DAEMON);

  g_assert_cmpfloat (ratio->mgr_value, ==, 1.0);
  g_assert_cmpint (ratio->mgr_origin, ==, KDCC_SCRUB_ORIGIN_SECTION);

  /* Trying a value in the editor stores it for everyone. */
  kdcc_scrub_settings_try_value (settings, KDCC_SCRUB_OPT_DEEP_INTERVAL, 10 * DAY);
  g_assert_cmpfloat (deep->mgr_value, ==, 10 * DAY);
  g_assert_null (deep->hidden_from_mgr);
}

/* ------------------------------------------------------------------------
 * Forecast */

/* PGS PGs of one pool, deep-scrubbed evenly over the last SPREAD seconds. */
static KdccScrubInputs *
even_inputs (guint  pgs,
             double spread,
             guint  osds,
             double duration)
{
  KdccScrubInputs *inputs = kdcc_scrub_inputs_new ();

  inputs->now = 1764504000;
  inputs->n_osds = osds;
  inputs->deep_scrub_duration = duration;
  kdcc_scrub_inputs_add_pool (inputs, 1, "data", 3, 0, 0, 0);
  for (guint i = 0; i < pgs; i++)
    {
      g_autofree char *pgid = g_strdup_printf ("1.%x", i);
      double stamp = inputs->now - spread * (i + 0.5) / pgs;

      kdcc_scrub_inputs_add_pg (inputs, pgid, stamp, stamp, "active+clean");
    }
  return inputs;
}

static void
test_forecast_on_track (void)
{
  /* 128 PGs a week, 3 OSDs, 1 slot, 60 s each: ~1440 scrubs a day possible. */
  g_autoptr(KdccScrubInputs) inputs = even_inputs (128, 7 * DAY, 3, 60);
  g_autoptr(KdccScrubReport) report = kdcc_scrub_report_new (inputs);
  const KdccScrubPoolStatus *status = g_ptr_array_index (report->pools, 0);

  g_assert_true (report->on_track);
  g_assert_cmpint (status->reason, ==, KDCC_SCRUB_FORECAST_ON_TRACK);
  g_assert_cmpuint (status->overdue_deep, ==, 0);
  g_assert_cmpfloat_with_epsilon (report->needed_per_day, 128 / 7.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (report->capacity_per_day, 1 * 3 / 3.0 * 86400 / 60, 1e-6);
  g_assert_true (g_str_has_prefix (status->sentence, "Pool data is on track"));
  g_assert_cmpuint (status->deep_ages.total, ==, 128);
}

static void
test_forecast_capacity (void)
{
  /* 4096 PGs, 3 OSDs, scrubs of an hour, 2 hours a day: far too slow. */
  g_autoptr(KdccScrubInputs) inputs = even_inputs (4096, 7 * DAY, 3, 3600);
  g_autoptr(KdccScrubReport) report = NULL;
  const KdccScrubPoolStatus *status;
  g_autofree char *expected = NULL;
  double days;

  kdcc_scrub_settings_try_value (inputs->settings, KDCC_SCRUB_OPT_BEGIN_HOUR, 1);
  kdcc_scrub_settings_try_value (inputs->settings, KDCC_SCRUB_OPT_END_HOUR, 3);
  report = kdcc_scrub_report_new (inputs);
  status = g_ptr_array_index (report->pools, 0);

  g_assert_false (report->on_track);
  g_assert_cmpfloat_with_epsilon (report->window_share, 2 / 24.0, 1e-9);
  g_assert_cmpint (status->reason, ==, KDCC_SCRUB_FORECAST_CAPACITY);
  g_assert_cmpfloat (status->warn_at, >, inputs->now);
  days = (status->warn_at - inputs->now) / DAY;
  /* The oldest PG is nearly 7 days old and due at once; only ~2 scrubs a
   * day happen, so the warning comes when it reaches 12.25 days. */
  g_assert_cmpfloat (days, >, 5.0);
  g_assert_cmpfloat (days, <, 5.5);
  expected = g_strdup_printf ("PG_NOT_DEEP_SCRUBBED expected in %u days for pool data, because ",
                              (guint) floor (days));
  g_assert_true (g_str_has_prefix (status->sentence, expected));
}

static void
test_forecast_interval_hidden_from_mgr (void)
{
  g_autoptr(KdccScrubInputs) inputs = even_inputs (64, 7 * DAY, 3, 60);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(KdccScrubReport) report = NULL;
  const KdccScrubPoolStatus *status;

  g_ptr_array_add (values, kdcc_config_value_new ("osd_deep_scrub_interval", "osd", "",
                                                  "1814400"));
  kdcc_scrub_settings_resolve (inputs->settings, values);
  report = kdcc_scrub_report_new (inputs);
  status = g_ptr_array_index (report->pools, 0);

  /* OSDs wait 21 days, the mgr warns after 12.25: the oldest PG (about 7
   * days old) warns in about 5.25 days. */
  g_assert_cmpint (status->reason, ==, KDCC_SCRUB_FORECAST_INTERVAL);
  g_assert_cmpfloat_with_epsilon ((status->warn_at - inputs->now) / DAY, 12.25 - 7 * 63.5 / 64,
                                  1e-6);
  g_assert_cmpuint (report->warnings->len, ==, 1);
  g_assert_nonnull (strstr (status->sentence, "set it at global scope"));
}

static void
test_forecast_flag (void)
{
  g_autoptr(KdccScrubInputs) inputs = even_inputs (16, 7 * DAY, 3, 60);
  g_autoptr(KdccScrubReport) report = NULL;
  const KdccScrubPoolStatus *status;

  inputs->settings->flags_known = TRUE;
  inputs->settings->nodeep_scrub = TRUE;
  report = kdcc_scrub_report_new (inputs);
  status = g_ptr_array_index (report->pools, 0);
  g_assert_cmpint (status->reason, ==, KDCC_SCRUB_FORECAST_FLAG);
  g_assert_cmpfloat (report->capacity_per_day, ==, 0);
}


/* ------------------------------------------------------------------------
 * The flight recorder's scrub history */

#define HISTORY_FSID "0f4e2c1a-7b3d-4e5f-9a8b-1c2d3e4f5a6c"
#define T0_MS        G_GINT64_CONSTANT (1764000000000)

/* A refresh at T0 + DAYS carrying the PG list: STAMPS[i] is the deep-scrub
 * stamp of PGIDS[i], 0 to leave the PG out. */
static void
record_pgs (KdccFlightRecorder *recorder,
            double              days,
            const char * const *pgids,
            const gint64       *stamps)
{
  g_autoptr(KdccSnapshot) snap = kdcc_snapshot_new ();

  snap->fsid = g_strdup (HISTORY_FSID);
  snap->fetched_at = (T0_MS + (gint64) (days * DAY * 1000)) * 1000;
  snap->pgs = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_pg_data_free);
  for (guint i = 0; pgids[i] != NULL; i++)
    if (stamps[i] > 0)
      {
        KdccPgData *pg = kdcc_pg_data_new (pgids[i]);

        pg->last_deep_scrub_stamp = stamps[i];
        g_ptr_array_add (snap->pgs, pg);
      }
  kdcc_flight_recorder_record_snapshot (recorder, snap);
}

static GArray *
recorded (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdccFlightRecorder) recorder = kdcc_flight_recorder_new (HISTORY_FSID, dir, &error);
  GArray *rows;

  g_assert_no_error (error);
  rows = kdcc_flight_recorder_get_deep_scrubs (recorder, 0, &error);
  g_assert_no_error (error);
  return rows;
}

static void
test_history_recorded (void)
{
  static const char * const pgids[] = { "1.0", "1.1", "1.2", "1.3", "1.4", "2.0", NULL };
  /* Stamps at T0 - 10 days: 1.4 appears only on day 1 (not counted); day
   * 1: 1.0 and 1.1 move; day 2: 1.0 again, 1.2 and 2.0 move. A refresh
   * without the PG list at day 1.5 changes nothing. */
  static const gint64 day0[] = { 100, 100, 100, 100, 0, 100 };
  static const gint64 day1[] = { 200, 200, 100, 100, 50, 100 };
  static const gint64 day2[] = { 300, 200, 300, 100, 50, 300 };
  g_autofree char *dir = g_dir_make_tmp ("kdcc-scrub-history-XXXXXX", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GArray) after_restart = NULL;

  {
    g_autoptr(KdccFlightRecorder) recorder = kdcc_flight_recorder_new (HISTORY_FSID, dir, &error);
    g_autoptr(KdccSnapshot) bare = kdcc_snapshot_new ();

    g_assert_no_error (error);
    record_pgs (recorder, 0, pgids, day0);
    record_pgs (recorder, 1, pgids, day1);
    bare->fsid = g_strdup (HISTORY_FSID);
    bare->fetched_at = (T0_MS + (gint64) (1.5 * DAY * 1000)) * 1000;
    kdcc_flight_recorder_record_snapshot (recorder, bare);
    record_pgs (recorder, 2, pgids, day2);
    g_assert_true (kdcc_flight_recorder_flush (recorder, &error));
    g_assert_no_error (error);
  }

  rows = recorded (dir);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpint (g_array_index (rows, KdccRecordedDeepScrubs, 0).pool_id, ==, 1);
  g_assert_cmpuint (g_array_index (rows, KdccRecordedDeepScrubs, 0).deep_scrubs, ==, 4);
  g_assert_cmpfloat_with_epsilon (g_array_index (rows, KdccRecordedDeepScrubs, 0).span,
                                  2 * DAY, 1e-6);
  g_assert_cmpint (g_array_index (rows, KdccRecordedDeepScrubs, 1).pool_id, ==, 2);
  g_assert_cmpuint (g_array_index (rows, KdccRecordedDeepScrubs, 1).deep_scrubs, ==, 1);

  /* After a restart the first refresh is a baseline: the scrubs done
   * meanwhile (all of them here) are not counted. */
  {
    static const gint64 day5[] = { 900, 900, 900, 900, 900, 900 };
    g_autoptr(KdccFlightRecorder) recorder = kdcc_flight_recorder_new (HISTORY_FSID, dir, &error);

    g_assert_no_error (error);
    record_pgs (recorder, 5, pgids, day5);
    g_assert_true (kdcc_flight_recorder_flush (recorder, &error));
  }
  after_restart = recorded (dir);
  g_assert_cmpuint (after_restart->len, ==, 2);
  g_assert_cmpuint (g_array_index (after_restart, KdccRecordedDeepScrubs, 0).deep_scrubs, ==, 4);
  g_assert_cmpfloat_with_epsilon (g_array_index (after_restart, KdccRecordedDeepScrubs, 0).span,
                                  2 * DAY, 1e-6);
  kdcc_test_remove_tree (dir);
}

static void
add_recorded (KdccScrubInputs *inputs,
              gint64           pool_id,
              guint64          deep_scrubs,
              double           span)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (KdccRecordedDeepScrubs));
  KdccRecordedDeepScrubs row = { pool_id, deep_scrubs, span };

  g_array_append_val (rows, row);
  kdcc_scrub_inputs_set_recorded (inputs, rows);
}

static void
test_history_forecast (void)
{
  /* 128 PGs spread over 10 days: the schedule allows 1440 scrubs a day
   * (3 OSDs, 60 s), so by the schedule alone the pool is on track. */
  g_autoptr(KdccScrubInputs) inputs = even_inputs (128, 10 * DAY, 3, 60);
  g_autoptr(KdccScrubReport) by_schedule = kdcc_scrub_report_new (inputs);
  g_autoptr(KdccScrubReport) short_history = NULL;
  g_autoptr(KdccScrubReport) report = NULL;
  const KdccScrubPoolStatus *status;
  double days;

  g_assert_true (by_schedule->on_track);
  g_assert_cmpint (by_schedule->observed_source, ==, KDCC_SCRUB_RATE_STAMPS);
  g_assert_nonnull (strstr (by_schedule->observed_text, "deep-scrub stamps"));

  /* Less than a day of history is not trusted. */
  add_recorded (inputs, 1, 3, 0.5 * DAY);
  short_history = kdcc_scrub_report_new (inputs);
  g_assert_cmpint (short_history->observed_source, ==, KDCC_SCRUB_RATE_STAMPS);

  /* The flight recorder saw 8 deep scrubs in 4 days while 38 PGs are past
   * their 7-day interval: the OSDs manage 2 a day, not 1440. */
  add_recorded (inputs, 1, 8, 4 * DAY);
  report = kdcc_scrub_report_new (inputs);
  status = g_ptr_array_index (report->pools, 0);
  g_assert_cmpint (report->observed_source, ==, KDCC_SCRUB_RATE_HISTORY);
  g_assert_cmpfloat_with_epsilon (report->observed_per_day, 2.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (status->observed_per_day, 2.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (report->observed_span, 4 * DAY, 1e-9);
  g_assert_true (report->forecast_at_observed);
  g_assert_nonnull (strstr (report->observed_text, "flight recorder"));
  g_assert_false (report->on_track);
  g_assert_cmpint (status->reason, ==, KDCC_SCRUB_FORECAST_OBSERVED);
  /* The oldest PG (9.96 days) is scrubbed at once; at 2 a day the k-th
   * in the queue waits k/2 days while its age is 9.96 - 10 k/128: the 6th
   * passes the 12.25-day warn age first, after about 2.7 days. */
  days = (status->warn_at - inputs->now) / DAY;
  g_assert_cmpfloat (days, >, 2.3);
  g_assert_cmpfloat (days, <, 3.0);
  g_assert_nonnull (strstr (status->sentence, "PGs a day over the last 4 days (flight recorder)"));
}

static void
test_caveats (void)
{
  g_autoptr(KdccScrubInputs) inputs = even_inputs (8, 7 * DAY, 3, 60);
  g_autoptr(KdccScrubReport) quiet = kdcc_scrub_report_new (inputs);
  g_autoptr(KdccScrubReport) report = NULL;

  g_assert_cmpuint (quiet->warnings->len, ==, 0);
  kdcc_scrub_inputs_add_pg (inputs, "1.ff", inputs->now, inputs->now,
                            "active+recovering+degraded");
  kdcc_scrub_settings_try_value (inputs->settings, KDCC_SCRUB_OPT_LOAD_THRESHOLD, 0.2);
  report = kdcc_scrub_report_new (inputs);
  g_assert_true (inputs->recovering);
  g_assert_cmpuint (report->warnings->len, ==, 2);
  g_assert_nonnull (strstr (g_ptr_array_index (report->warnings, 0),
                            "osd_scrub_during_recovery is false"));
  g_assert_nonnull (strstr (g_ptr_array_index (report->warnings, 1),
                            "osd_scrub_load_threshold is 0.2"));
  kdcc_scrub_settings_try_value (inputs->settings, KDCC_SCRUB_OPT_DURING_RECOVERY, 1);
  g_clear_pointer (&report, kdcc_scrub_report_free);
  report = kdcc_scrub_report_new (inputs);
  g_assert_cmpuint (report->warnings->len, ==, 1);
}

static void
test_pick_oldest_first (void)
{
  g_autoptr(JsonNode) node = load_fixture ();
  g_autoptr(KdccScrubInputs) inputs = inputs_from_fixture (json_node_get_object (node), NULL);
  g_autoptr(GPtrArray) all = kdcc_scrub_pick_deep_scrub (inputs, 1, FALSE, 0);
  g_autoptr(GPtrArray) three = kdcc_scrub_pick_deep_scrub (inputs, 1, FALSE, 3);
  double last = 0;

  /* Scenario "defaults": 58 PGs of rbd are overdue. */
  g_assert_cmpuint (all->len, ==, 58);
  g_assert_cmpuint (three->len, ==, 3);
  for (guint i = 0; i < all->len; i++)
    for (guint j = 0; j < inputs->pgs->len; j++)
      {
        const KdccScrubPgInput *pg = &g_array_index (inputs->pgs, KdccScrubPgInput, j);

        if (g_str_equal (pg->pgid, g_ptr_array_index (all, i)))
          {
            g_assert_cmpfloat (pg->last_deep_scrub, >=, last);
            last = pg->last_deep_scrub;
          }
      }
  g_assert_cmpstr (g_ptr_array_index (three, 0), ==, g_ptr_array_index (all, 0));
}

static void
test_pick_by_osd (void)
{
  g_autoptr(JsonNode) node = load_fixture ();
  g_autoptr(KdccScrubInputs) inputs = inputs_from_fixture (json_node_get_object (node), NULL);
  g_autoptr(GPtrArray) on_osd = NULL;
  g_autoptr(GPtrArray) all_on_osd = NULL;
  g_autoptr(GPtrArray) none = NULL;
  guint expected = 0;

  /* Every third PG has osd.7 in its acting set. */
  for (guint i = 0; i < inputs->pgs->len; i++)
    {
      KdccScrubPgInput *pg = &g_array_index (inputs->pgs, KdccScrubPgInput, i);
      gint64 ids[3] = { 1, i % 3 == 0 ? 7 : 2, 3 };

      pg->acting = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_array_append_vals (pg->acting, ids, 3);
    }
  all_on_osd = kdcc_scrub_pick_deep_scrub_osd (inputs, 7, TRUE, 0);
  g_assert_cmpuint (all_on_osd->len, ==, (inputs->pgs->len + 2) / 3);
  on_osd = kdcc_scrub_pick_deep_scrub_osd (inputs, 7, FALSE, 0);
  /* Overdue by each PG's own pool, as in scenario "defaults". */
  for (guint i = 0; i < inputs->pgs->len; i += 3)
    {
      const KdccScrubPgInput *pg = &g_array_index (inputs->pgs, KdccScrubPgInput, i);
      double interval = pg->pool_id == 2 ? 30 * DAY : pg->pool_id == 3 ? 2 * DAY : 7 * DAY;

      expected += kdcc_scrub_is_overdue (pg->last_deep_scrub, inputs->now,
                                         kdcc_scrub_warn_age (0.75, interval, 0)) ? 1 : 0;
    }
  g_assert_cmpuint (on_osd->len, ==, expected);
  g_assert_cmpuint (on_osd->len, >, 0);
  g_assert_cmpuint (on_osd->len, <, all_on_osd->len);
  none = kdcc_scrub_pick_deep_scrub_osd (inputs, 99, TRUE, 0);
  g_assert_cmpuint (none->len, ==, 0);
}

/* Reef reports last_scrub_duration (captured: 0, never scrubbed yet),
 * Pacific does not; the planner takes the mean of the reported ones. */
static void
test_scrub_duration (void)
{
  g_autofree char *reef = kdcc_test_read_fixture ("reef-18.2/pg-dump.json", NULL);
  g_autofree char *pacific = kdcc_test_read_fixture ("pacific-16.2.15-cephfs/pg-ls.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GPtrArray) pgs = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KdccCluster) cluster = kdcc_cluster_new ("durations");
  g_autoptr(KdccSnapshot) snap = kdcc_snapshot_new ();
  g_autoptr(KdccScrubInputs) inputs = kdcc_scrub_inputs_new ();
  g_autofree char *stats = NULL;
  JsonNode *node;

  g_assert_true (json_parser_load_from_data (parser, reef, -1, &error));
  node = json_object_get_member (json_object_get_object_member (
                                   json_node_get_object (json_parser_get_root (parser)), "pg_map"),
                                 "pg_stats");
  json_generator_set_root (generator, node);
  stats = json_generator_to_data (generator, NULL);
  g_assert_true (kdcc_ceph_parse_pg_list (stats, -1, 0, &pgs, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pgs->len, ==, 32);
  for (guint i = 0; i < pgs->len; i++)
    g_assert_cmpfloat (((KdccPgData *) g_ptr_array_index (pgs, i))->last_scrub_duration, ==, 0);
  g_clear_pointer (&pgs, g_ptr_array_unref);
  g_assert_true (kdcc_ceph_parse_pg_list (pacific, -1, 0, &pgs, &error));
  g_assert_cmpuint (pgs->len, >, 0);
  for (guint i = 0; i < pgs->len; i++)
    g_assert_cmpfloat (((KdccPgData *) g_ptr_array_index (pgs, i))->last_scrub_duration, ==, -1);

  /* Two of four PGs say 100 s and 300 s: the mean of those is used. */
  snap->pgs = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_pg_data_free);
  kdcc_snapshot_ensure_pool (snap, 1)->name = g_strdup ("rbd");
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *pgid = g_strdup_printf ("1.%u", i);
      KdccPgData *pg = kdcc_pg_data_new (pgid);

      pg->state = g_strdup ("active+clean");
      pg->last_scrub_stamp = pg->last_deep_scrub_stamp = 1764504000;
      pg->last_scrub_duration = i == 0 ? 100 : i == 1 ? 300 : -1;
      g_ptr_array_add (snap->pgs, pg);
    }
  kdcc_cluster_hold_pg_list (cluster);
  kdcc_cluster_apply_snapshot (cluster, snap);
  g_assert_true (kdcc_scrub_inputs_fill_from_cluster (inputs, cluster));
  g_assert_true (inputs->duration_measured);
  g_assert_cmpfloat (inputs->deep_scrub_duration, ==, 200);
  kdcc_cluster_release_pg_list (cluster);
}

static void
test_operation (void)
{
  g_autoptr(KdccOperation) op = kdcc_operation_new_pg_deep_scrub ("2.1f");
  g_autoptr(KdccOperation) bad = kdcc_operation_new_pg_deep_scrub ("2.1g");
  g_autoptr(GError) error = NULL;
  g_autofree char *cli = kdcc_operation_dup_cli_equivalent (op);

  g_assert_cmpstr (cli, ==, "ceph pg deep-scrub 2.1f");
  g_assert_true (kdcc_operation_validate (op, &error));
  g_assert_no_error (error);
  g_assert_false (kdcc_operation_validate (bad, &error));
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT);
  g_assert_null (kdcc_operation_new_inverse (op, NULL));
  g_assert_true (kdcc_operation_is_pgid ("12.0"));
  g_assert_false (kdcc_operation_is_pgid ("12."));
  g_assert_false (kdcc_operation_is_pgid (".1"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/scrub/window/always", test_window_always);
  g_test_add_func ("/scrub/window/wraps-midnight", test_window_wraps_midnight);
  g_test_add_func ("/scrub/window/hour-23-day-6", test_window_hour_23_and_day_6);
  g_test_add_func ("/scrub/window/wraps-week", test_window_wraps_week);
  g_test_add_func ("/scrub/overdue/fixture", test_overdue_counts_match_fixture);
  g_test_add_func ("/scrub/overdue/boundary", test_overdue_boundary);
  g_test_add_func ("/scrub/settings/origins", test_settings_origins);
  g_test_add_func ("/scrub/forecast/on-track", test_forecast_on_track);
  g_test_add_func ("/scrub/forecast/capacity", test_forecast_capacity);
  g_test_add_func ("/scrub/forecast/interval-hidden-from-mgr",
                   test_forecast_interval_hidden_from_mgr);
  g_test_add_func ("/scrub/forecast/flag", test_forecast_flag);
  g_test_add_func ("/scrub/history/recorded", test_history_recorded);
  g_test_add_func ("/scrub/history/forecast", test_history_forecast);
  g_test_add_func ("/scrub/forecast/caveats", test_caveats);
  g_test_add_func ("/scrub/pick-oldest-first", test_pick_oldest_first);
  g_test_add_func ("/scrub/pick-by-osd", test_pick_by_osd);
  g_test_add_func ("/scrub/scrub-duration", test_scrub_duration);
  g_test_add_func ("/scrub/operation", test_operation);

  return kdcc_test_run ();
}
