/* kdcc-scrub-report-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The scrub report as JSON (`kdcc-cli scrub status --json`). Keys are
 * stable; spans are seconds, rates deep scrubs per day.
 */
#define G_LOG_DOMAIN "kdcc-scrub"

#include "config.h"

#include "kdcc-scrub-planner.h"

static const char * const reason_names[] = {
  [KDCC_SCRUB_FORECAST_ON_TRACK] = "on-track",
  [KDCC_SCRUB_FORECAST_CHECK_DISABLED] = "check-disabled",
  [KDCC_SCRUB_FORECAST_OVERDUE_NOW] = "overdue-now",
  [KDCC_SCRUB_FORECAST_FLAG] = "nodeep-scrub-flag",
  [KDCC_SCRUB_FORECAST_INTERVAL] = "osd-interval-exceeds-warn-age",
  [KDCC_SCRUB_FORECAST_CAPACITY] = "capacity",
  [KDCC_SCRUB_FORECAST_BACKLOG] = "backlog",
  [KDCC_SCRUB_FORECAST_OBSERVED] = "observed-rate",
};

static const char * const rate_sources[] = {
  [KDCC_SCRUB_RATE_NONE] = "none",
  [KDCC_SCRUB_RATE_STAMPS] = "stamps",
  [KDCC_SCRUB_RATE_HISTORY] = "flight-recorder",
};

static void
add_double (JsonBuilder *b,
            const char  *name,
            double       value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_double_value (b, value);
}

static void
add_int (JsonBuilder *b,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

static void
add_string (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_bool (JsonBuilder *b,
          const char  *name,
          gboolean     value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_boolean_value (b, value);
}

static void
add_histogram (JsonBuilder              *b,
               const char               *name,
               const KdccScrubHistogram *h)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  add_double (b, "bin_width_s", h->bin_width);
  json_builder_set_member_name (b, "counts");
  json_builder_begin_array (b);
  for (guint i = 0; i < KDCC_SCRUB_HISTOGRAM_BINS; i++)
    json_builder_add_int_value (b, h->counts[i]);
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static void
add_settings (JsonBuilder             *b,
              const KdccScrubSettings *settings)
{
  json_builder_set_member_name (b, "settings");
  json_builder_begin_object (b);
  for (guint i = 0; i < KDCC_SCRUB_N_OPTS; i++)
    {
      const KdccScrubSetting *s = &settings->options[i];

      json_builder_set_member_name (b, kdcc_scrub_option_name (i));
      json_builder_begin_object (b);
      add_double (b, "value", s->value);
      add_string (b, "origin", kdcc_scrub_origin_to_string (s->origin));
      add_double (b, "mgr_value", s->mgr_value);
      add_string (b, "mgr_origin", kdcc_scrub_origin_to_string (s->mgr_origin));
      add_double (b, "default", s->default_value);
      if (s->hidden_from_mgr != NULL)
        add_string (b, "hidden_from_mgr_in", s->hidden_from_mgr);
      json_builder_set_member_name (b, "overrides");
      json_builder_begin_array (b);
      for (guint j = 0; j < s->overrides->len; j++)
        {
          const KdccScrubOverride *o = g_ptr_array_index (s->overrides, j);

          json_builder_begin_object (b);
          add_string (b, "who", o->who);
          add_string (b, "origin", kdcc_scrub_origin_to_string (o->origin));
          add_double (b, "value", o->value);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "flags");
  json_builder_begin_object (b);
  if (settings->flags_known)
    {
      add_bool (b, "noscrub", settings->noscrub);
      add_bool (b, "nodeep-scrub", settings->nodeep_scrub);
    }
  json_builder_end_object (b);
}

JsonNode *
kdcc_scrub_report_to_json (const KdccScrubReport   *self,
                           const KdccScrubSettings *settings)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  add_double (b, "now", self->now);
  add_bool (b, "on_track", self->on_track);
  add_int (b, "pgs", self->n_pgs);
  add_int (b, "not_scrubbed", self->overdue_scrub);
  add_int (b, "not_deep_scrubbed", self->overdue_deep);
  add_int (b, "scrubbing", self->scrubbing);
  add_double (b, "window_share", self->window_share);
  add_double (b, "needed_per_day", self->needed_per_day);
  add_double (b, "capacity_per_day", self->capacity_per_day);
  add_double (b, "observed_per_day", self->observed_per_day);
  add_string (b, "observed_source", rate_sources[self->observed_source]);
  add_double (b, "observed_span_s", self->observed_span);
  add_bool (b, "forecast_at_observed", self->forecast_at_observed);
  add_string (b, "observed", self->observed_text);
  add_double (b, "deep_scrub_duration_s", self->deep_scrub_duration);
  add_bool (b, "duration_measured", self->duration_measured);
  if (settings != NULL)
    add_settings (b, settings);
  json_builder_set_member_name (b, "warnings");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->warnings->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (self->warnings, i));
  json_builder_end_array (b);

  json_builder_set_member_name (b, "pools");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->pools->len; i++)
    {
      const KdccScrubPoolStatus *p = g_ptr_array_index (self->pools, i);

      json_builder_begin_object (b);
      add_int (b, "id", p->id);
      add_string (b, "name", p->name);
      add_int (b, "pgs", p->n_pgs);
      add_int (b, "not_scrubbed", p->overdue_scrub);
      add_int (b, "not_deep_scrubbed", p->overdue_deep);
      add_int (b, "scrubbing", p->scrubbing);
      add_int (b, "deep_scrubbing", p->deep_scrubbing);
      add_double (b, "warn_age_scrub_s", p->warn_age_scrub);
      add_double (b, "warn_age_deep_s", p->warn_age_deep);
      add_double (b, "deep_interval_s", p->deep_interval);
      add_string (b, "deep_interval_origin", kdcc_scrub_origin_to_string (p->deep_interval_origin));
      add_double (b, "osd_deep_interval_s", p->osd_deep_interval);
      add_double (b, "oldest_deep_age_s", p->oldest_deep_age);
      if (p->observed_per_day >= 0)
        add_double (b, "observed_per_day", p->observed_per_day);
      add_string (b, "forecast", reason_names[p->reason]);
      if (p->warn_at > 0)
        {
          add_double (b, "warn_at", p->warn_at);
          add_double (b, "warn_in_days", MAX (p->warn_at - self->now, 0) / 86400);
        }
      add_string (b, "sentence", p->sentence);
      add_histogram (b, "deep_age_histogram", &p->deep_ages);
      add_histogram (b, "scrub_age_histogram", &p->scrub_ages);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}
