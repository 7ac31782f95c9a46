/* kdcc-scrub-planner.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Where each pool stands with its scrubs, and when PG_NOT_DEEP_SCRUBBED
 * will fire. The overdue counts use the mgr's own test (PGMap.cc,
 * get_health_checks): a PG is late when its stamp is before
 * now - (ratio × interval + interval), the interval being the pool's
 * option when set, else the value *the mgr* reads.
 *
 * The forecast runs the deep-scrub queue forward (kdcc_scrub_simulate):
 * each PG becomes due when the OSDs' interval has passed since its last
 * deep scrub, and the OSDs work through due PGs at most as fast as the
 * schedule allows: osd_max_scrubs slots on each OSD, a scrub holding one
 * on every OSD of the PG's acting set, only inside the windows, each
 * scrub taking the measured or estimated duration. The first PG that
 * passes the mgr's warn age before its turn dates the warning.
 */
#define G_LOG_DOMAIN "kdcc-scrub"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "kdcc-osd.h"
#include "kdcc-pg.h"
#include "kdcc-pool.h"
#include "kdcc-scrub-planner.h"

/* ------------------------------------------------------------------------
 * Inputs */

static void
pool_input_clear (KdccScrubPoolInput *pool)
{
  g_free (pool->name);
}

static void
pg_input_clear (KdccScrubPgInput *pg)
{
  g_free (pg->pgid);
  g_clear_pointer (&pg->acting, g_array_unref);
}

KdccScrubInputs *
kdcc_scrub_inputs_new (void)
{
  KdccScrubInputs *self = g_new0 (KdccScrubInputs, 1);

  self->settings = kdcc_scrub_settings_new ();
  self->pools = g_array_new (FALSE, TRUE, sizeof (KdccScrubPoolInput));
  g_array_set_clear_func (self->pools, (GDestroyNotify) pool_input_clear);
  self->pgs = g_array_new (FALSE, TRUE, sizeof (KdccScrubPgInput));
  g_array_set_clear_func (self->pgs, (GDestroyNotify) pg_input_clear);
  self->now = g_get_real_time () / (double) G_USEC_PER_SEC;
  return self;
}

void
kdcc_scrub_inputs_free (KdccScrubInputs *self)
{
  if (self == NULL)
    return;
  kdcc_scrub_settings_free (self->settings);
  g_array_unref (self->pools);
  g_array_unref (self->pgs);
  g_clear_pointer (&self->recorded, g_array_unref);
  g_free (self);
}

void
kdcc_scrub_inputs_add_pool (KdccScrubInputs *self,
                            gint64           id,
                            const char      *name,
                            gint64           size,
                            double           scrub_min_interval,
                            double           scrub_max_interval,
                            double           deep_scrub_interval)
{
  KdccScrubPoolInput pool = { 0 };

  pool.id = id;
  pool.name = g_strdup (name);
  pool.size = MAX (size, 1);
  pool.scrub_min_interval = scrub_min_interval;
  pool.scrub_max_interval = scrub_max_interval;
  pool.deep_scrub_interval = deep_scrub_interval;
  g_array_append_val (self->pools, pool);
}

void
kdcc_scrub_inputs_add_pg (KdccScrubInputs *self,
                          const char      *pgid,
                          double           last_scrub,
                          double           last_deep_scrub,
                          const char      *state)
{
  KdccScrubPgInput pg = { 0 };

  pg.pgid = g_strdup (pgid);
  pg.pool_id = g_ascii_strtoll (pgid, NULL, 10);
  pg.last_scrub = last_scrub;
  pg.last_deep_scrub = last_deep_scrub;
  if (state != NULL)
    {
      g_auto(GStrv) words = g_strsplit (state, "+", -1);

      pg.scrubbing = g_strv_contains ((const char * const *) words, "scrubbing");
      pg.deep_scrubbing = pg.scrubbing && g_strv_contains ((const char * const *) words, "deep");
      /* What keeps OSDs from scrubbing unless osd_scrub_during_recovery. */
      self->recovering |= g_strv_contains ((const char * const *) words, "recovering")
                          || g_strv_contains ((const char * const *) words, "backfilling");
    }
  g_array_append_val (self->pgs, pg);
}

static double
pool_option (KdccPool   *pool,
             const char *name)
{
  const char * const *options = kdcc_pool_get_options (pool);
  gsize len = strlen (name);

  for (guint i = 0; options != NULL && options[i] != NULL; i++)
    if (strncmp (options[i], name, len) == 0 && options[i][len] == '=')
      return g_ascii_strtod (options[i] + len + 1, NULL);
  return 0;
}

/* Without last_scrub_duration (Pacific has none) a deep scrub is assumed
 * to read 100 MiB/s and to sleep osd_scrub_sleep between chunks of up to
 * 25 objects (osd_scrub_chunk_max), plus a few seconds of reservations. */
#define ASSUMED_READ_BYTES_PER_S (100.0 * 1024 * 1024)
#define ASSUMED_OVERHEAD_S       5.0
#define CHUNK_OBJECTS            25.0

gboolean
kdcc_scrub_inputs_fill_from_cluster (KdccScrubInputs *self,
                                     KdccCluster     *cluster)
{
  GListModel *pools = kdcc_cluster_get_pools (cluster);
  GListModel *pgs = kdcc_cluster_get_pgs (cluster);
  GListModel *osds = kdcc_cluster_get_osds (cluster);
  double sleep_s = self->settings->options[KDCC_SCRUB_OPT_SLEEP].value;
  double total_duration = 0, measured = 0;
  guint n_measured = 0;
  gboolean any_stamp = FALSE;
  guint n_pgs = g_list_model_get_n_items (pgs);

  g_array_set_size (self->pools, 0);
  g_array_set_size (self->pgs, 0);
  self->recovering = FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (pools); i++)
    {
      g_autoptr(KdccPool) pool = g_list_model_get_item (pools, i);

      kdcc_scrub_inputs_add_pool (self, kdcc_pool_get_id (pool), kdcc_pool_get_name (pool),
                                  kdcc_pool_get_size (pool),
                                  pool_option (pool, "scrub_min_interval"),
                                  pool_option (pool, "scrub_max_interval"),
                                  pool_option (pool, "deep_scrub_interval"));
    }
  for (guint i = 0; i < n_pgs; i++)
    {
      g_autoptr(KdccPg) pg = g_list_model_get_item (pgs, i);
      double objects = (double) kdcc_pg_get_objects (pg);

      kdcc_scrub_inputs_add_pg (self, kdcc_pg_get_pgid (pg),
                                (double) kdcc_pg_get_last_scrub_stamp (pg),
                                (double) kdcc_pg_get_last_deep_scrub_stamp (pg),
                                kdcc_pg_get_state (pg));
      if (kdcc_pg_get_acting (pg) != NULL)
        {
          KdccScrubPgInput *added = &g_array_index (self->pgs, KdccScrubPgInput,
                                                    self->pgs->len - 1);
          const GArray *acting = kdcc_pg_get_acting (pg);

          added->acting = g_array_sized_new (FALSE, FALSE, sizeof (gint64), acting->len);
          g_array_append_vals (added->acting, acting->data, acting->len);
        }
      any_stamp |= kdcc_pg_get_last_deep_scrub_stamp (pg) > 0;
      if (kdcc_pg_get_last_scrub_duration (pg) > 0)
        {
          measured += kdcc_pg_get_last_scrub_duration (pg);
          n_measured++;
        }
      total_duration += ASSUMED_OVERHEAD_S + kdcc_pg_get_bytes (pg) / ASSUMED_READ_BYTES_PER_S
                        + ceil (objects / CHUNK_OBJECTS) * sleep_s;
    }

  self->n_osds = 0;
  for (guint i = 0; i < g_list_model_get_n_items (osds); i++)
    {
      g_autoptr(KdccOsd) osd = g_list_model_get_item (osds, i);

      if (kdcc_osd_get_up (osd) && kdcc_osd_get_in (osd))
        self->n_osds++;
    }
  if (self->n_osds == 0)
    self->n_osds = (guint) MAX (kdcc_cluster_get_osds_up (cluster), 0);

  /* Quincy and later say how long the last scrub took (shallow or deep:
   * the mean is a floor for deep scrubs rather than their exact length). */
  self->duration_measured = n_measured > 0;
  if (n_measured > 0)
    self->deep_scrub_duration = measured / n_measured;
  else
    self->deep_scrub_duration = n_pgs > 0 ? total_duration / n_pgs : ASSUMED_OVERHEAD_S;
  self->now = g_get_real_time () / (double) G_USEC_PER_SEC;
  return any_stamp;
}

void
kdcc_scrub_inputs_set_recorded (KdccScrubInputs *self,
                                GArray          *recorded)
{
  g_clear_pointer (&self->recorded, g_array_unref);
  self->recorded = recorded != NULL ? g_array_ref (recorded) : NULL;
}

gboolean
kdcc_scrub_inputs_load_history_sync (KdccScrubInputs    *self,
                                     KdccFlightRecorder *recorder,
                                     GError            **error)
{
  g_autoptr(GArray) recorded = NULL;
  gint64 since = (gint64) (self->now - KDCC_SCRUB_HISTORY_DAYS * 86400.0) * 1000;

  recorded = kdcc_flight_recorder_get_deep_scrubs (recorder, MAX (since, 0), error);
  if (recorded == NULL)
    return FALSE;
  kdcc_scrub_inputs_set_recorded (self, recorded);
  return TRUE;
}

/* ------------------------------------------------------------------------
 * Report */

static void
pool_status_free (KdccScrubPoolStatus *status)
{
  g_free (status->name);
  g_free (status->sentence);
  g_free (status);
}

void
kdcc_scrub_report_free (KdccScrubReport *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->pools);
  g_ptr_array_unref (self->warnings);
  g_free (self->observed_text);
  g_free (self);
}

const KdccScrubPoolStatus *
kdcc_scrub_report_find_pool (const KdccScrubReport *self,
                             const char            *name)
{
  for (guint i = 0; i < self->pools->len; i++)
    {
      const KdccScrubPoolStatus *status = g_ptr_array_index (self->pools, i);

      if (g_strcmp0 (status->name, name) == 0)
        return status;
    }
  return NULL;
}

static const KdccScrubPoolInput *
find_pool_input (const KdccScrubInputs *inputs,
                 gint64                 id,
                 guint                 *index)
{
  for (guint i = 0; i < inputs->pools->len; i++)
    {
      const KdccScrubPoolInput *pool = &g_array_index (inputs->pools, KdccScrubPoolInput, i);

      if (pool->id == id)
        {
          if (index != NULL)
            *index = i;
          return pool;
        }
    }
  return NULL;
}

char *
kdcc_scrub_format_span (double seconds)
{
  if (seconds >= 2 * 86400)
    {
      guint days = (guint) floor (seconds / 86400);

      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day", "%u days", days), days);
    }
  if (seconds >= 2 * 3600)
    {
      guint hours = (guint) floor (seconds / 3600);

      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u hour", "%u hours", hours), hours);
    }
  if (seconds >= 120)
    {
      guint minutes = (guint) floor (seconds / 60);

      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute", "%u minutes", minutes),
                              minutes);
    }
  {
    guint secs = (guint) MAX (floor (seconds), 0);

    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u second", "%u seconds", secs), secs);
  }
}

static char *
because_text (const KdccScrubReport     *report,
              const KdccScrubPoolStatus *status,
              const KdccScrubSettings   *settings,
              const KdccScrubPoolInput  *pool)
{
  switch (status->reason)
    {
    case KDCC_SCRUB_FORECAST_FLAG:
      if (pool->nodeep_scrub)
        return g_strdup (_("the pool’s nodeep-scrub flag is set"));
      return g_strdup (_("the cluster’s nodeep-scrub flag is set"));
    case KDCC_SCRUB_FORECAST_INTERVAL:
      {
        g_autofree char *osd = kdcc_scrub_format_span (status->osd_deep_interval);
        g_autofree char *warn = kdcc_scrub_format_span (status->warn_age_deep);

        if (settings->options[KDCC_SCRUB_OPT_DEEP_INTERVAL].hidden_from_mgr != NULL
            && pool->deep_scrub_interval <= 0)
          /* TRANSLATORS: two spans such as "14 days" and "12 days". */
          return g_strdup_printf (_("the OSDs deep-scrub every %s but the mgr warns after %s: "
                                    "osd_deep_scrub_interval is set for the OSDs only; set it "
                                    "at global scope"), osd, warn);
        return g_strdup_printf (_("the OSDs deep-scrub every %s but the mgr warns after %s"),
                                osd, warn);
      }
    case KDCC_SCRUB_FORECAST_CAPACITY:
      /* TRANSLATORS: two rates, deep scrubs per day. */
      return g_strdup_printf (_("%.0f deep scrubs a day are needed but the schedule allows "
                                "about %.0f"), report->needed_per_day, report->capacity_per_day);
    case KDCC_SCRUB_FORECAST_OBSERVED:
      {
        g_autofree char *span = kdcc_scrub_format_span (report->observed_span);

        /* TRANSLATORS: a rate (deep scrubs a day), a span ("3 days"), a rate. */
        return g_strdup_printf (_("the cluster deep-scrubbed only about %.0f PGs a day over the "
                                  "last %s (flight recorder) while %.0f are needed"),
                                report->observed_per_day, span, report->needed_per_day);
      }
    case KDCC_SCRUB_FORECAST_BACKLOG:
    default:
      return g_strdup (_("its oldest PGs reach the warning age before the schedule gets to "
                         "them"));
    }
}

static char *
sentence_for (const KdccScrubReport     *report,
              const KdccScrubPoolStatus *status,
              const KdccScrubSettings   *settings,
              const KdccScrubPoolInput  *pool)
{
  switch (status->reason)
    {
    case KDCC_SCRUB_FORECAST_ON_TRACK:
      /* TRANSLATORS: %s a pool; %u the days the forecast looks ahead. */
      return g_strdup_printf (_("Pool %s is on track (no warning within %u days)"), status->name,
                              (guint) KDCC_SCRUB_HORIZON_DAYS);
    case KDCC_SCRUB_FORECAST_CHECK_DISABLED:
      return g_strdup_printf (_("Pool %s: PG_NOT_DEEP_SCRUBBED is disabled "
                                "(mon_warn_pg_not_deep_scrubbed_ratio is 0)"), status->name);
    case KDCC_SCRUB_FORECAST_OVERDUE_NOW:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "PG_NOT_DEEP_SCRUBBED now: %u PG of pool %s is not "
                                           "deep-scrubbed in time",
                                           "PG_NOT_DEEP_SCRUBBED now: %u PGs of pool %s are not "
                                           "deep-scrubbed in time", status->overdue_deep),
                              status->overdue_deep, status->name);
    case KDCC_SCRUB_FORECAST_FLAG:
    case KDCC_SCRUB_FORECAST_INTERVAL:
    case KDCC_SCRUB_FORECAST_CAPACITY:
    case KDCC_SCRUB_FORECAST_BACKLOG:
    case KDCC_SCRUB_FORECAST_OBSERVED:
    default:
      {
        g_autofree char *because = because_text (report, status, settings, pool);
        double days = MAX (status->warn_at - report->now, 0) / 86400;

        if (days < 1)
          {
            g_autofree char *span = kdcc_scrub_format_span (days * 86400);

            /* TRANSLATORS: a span ("5 hours"), a pool, then the reason. */
            return g_strdup_printf (_("PG_NOT_DEEP_SCRUBBED expected in %s for pool %s, "
                                      "because %s"), span, status->name, because);
          }
        /* TRANSLATORS: %u days, %s a pool, then the reason. */
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "PG_NOT_DEEP_SCRUBBED expected in %u day for pool "
                                             "%s, because %s",
                                             "PG_NOT_DEEP_SCRUBBED expected in %u days for pool "
                                             "%s, because %s", (guint) floor (days)),
                                (guint) floor (days), status->name, because);
      }
    }
}

static void
add_setting_warnings (KdccScrubReport         *report,
                      const KdccScrubSettings *settings)
{
  static const KdccScrubOption mgr_reads[] = {
    KDCC_SCRUB_OPT_DEEP_INTERVAL, KDCC_SCRUB_OPT_MAX_INTERVAL,
    KDCC_SCRUB_OPT_WARN_RATIO, KDCC_SCRUB_OPT_WARN_DEEP_RATIO,
  };

  for (guint i = 0; i < G_N_ELEMENTS (mgr_reads); i++)
    {
      const KdccScrubSetting *s = &settings->options[mgr_reads[i]];

      if (s->hidden_from_mgr == NULL)
        continue;
      /* TRANSLATORS: an option, the section it is set in ("osd"), its
       * value there, and the value the mgr uses. */
      g_ptr_array_add (report->warnings,
                       g_strdup_printf (_("%s is set under “%s” to %g, where the mgr does not "
                                          "read it; the mgr raises the scrub health checks with "
                                          "%g. Set it at global scope (or for both mgr and osd)."),
                                        kdcc_scrub_option_name (mgr_reads[i]),
                                        s->hidden_from_mgr, s->hidden_value, s->mgr_value));
    }
  if (settings->flags_known && settings->nodeep_scrub)
    g_ptr_array_add (report->warnings,
                     g_strdup (_("The nodeep-scrub flag is set: no PG is deep-scrubbed on "
                                 "schedule.")));
  if (settings->flags_known && settings->noscrub)
    g_ptr_array_add (report->warnings,
                     g_strdup (_("The noscrub flag is set: no PG is scrubbed on schedule.")));
}

/* What the forecast does not model, said as caveats. */
static void
add_caveats (KdccScrubReport       *report,
             const KdccScrubInputs *inputs)
{
  const KdccScrubSetting *opt = inputs->settings->options;

  if (inputs->recovering && opt[KDCC_SCRUB_OPT_DURING_RECOVERY].value == 0)
    g_ptr_array_add (report->warnings,
                     g_strdup (_("Recovery is under way and osd_scrub_during_recovery is false: "
                                 "OSDs with recovery in progress start no scrubs until it ends, "
                                 "so the forecast is optimistic while it lasts.")));
  /* Above the threshold (load average per CPU) an OSD starts regular
   * scrubs only while its load falls below the daily average. Said when
   * set below Squid's default 0.5 (itself low enough that Tentacle raised
   * it to 10), not for every cluster that keeps the default. */
  if (opt[KDCC_SCRUB_OPT_LOAD_THRESHOLD].value < 0.5)
    g_ptr_array_add (report->warnings,
                     g_strdup_printf (_("osd_scrub_load_threshold is %g: on a host whose load "
                                        "average per CPU is above it the OSDs start regular "
                                        "scrubs only while the load is falling. The forecast "
                                        "does not model load; on busy hosts it is optimistic."),
                                      opt[KDCC_SCRUB_OPT_LOAD_THRESHOLD].value));
}

/* The recorded rate, per pool and in all, when the history covers
 * enough time; the stamps' rate otherwise. */
static void
observe_rate (KdccScrubReport       *report,
              const KdccScrubInputs *inputs,
              double                 stamps_per_day)
{
  g_autofree char *duration = kdcc_scrub_format_span (report->deep_scrub_duration);
  const char *duration_source = report->duration_measured
                                ? _("reported by Ceph (last_scrub_duration)")
                                : _("estimated from the PGs’ sizes");
  double sum = 0, span = 0;

  for (guint i = 0; inputs->recorded != NULL && i < inputs->recorded->len; i++)
    {
      const KdccRecordedDeepScrubs *r = &g_array_index (inputs->recorded,
                                                        KdccRecordedDeepScrubs, i);
      guint index;

      if (r->span < KDCC_SCRUB_HISTORY_MIN_SPAN || !find_pool_input (inputs, r->pool_id, &index))
        continue;
      ((KdccScrubPoolStatus *) g_ptr_array_index (report->pools, index))->observed_per_day =
        r->deep_scrubs * 86400.0 / r->span;
      sum += r->deep_scrubs * 86400.0 / r->span;
      span = MAX (span, r->span);
    }

  if (span > 0)
    {
      g_autofree char *over = kdcc_scrub_format_span (span);

      report->observed_source = KDCC_SCRUB_RATE_HISTORY;
      report->observed_per_day = sum;
      report->observed_span = span;
      /* TRANSLATORS: a rate, a span ("3 days"), a duration, its source. */
      report->observed_text = g_strdup_printf (_("Observed %.1f deep scrubs a day over %s "
                                                 "recorded by the flight recorder; a scrub "
                                                 "takes about %s, %s"),
                                               sum, over, duration, duration_source);
    }
  else if (stamps_per_day >= 0)
    {
      report->observed_source = KDCC_SCRUB_RATE_STAMPS;
      report->observed_per_day = stamps_per_day;
      /* TRANSLATORS: a rate, a duration, its source. */
      report->observed_text = g_strdup_printf (_("Observed %.1f deep scrubs a day from the PGs’ "
                                                 "deep-scrub stamps (no day of flight recorder "
                                                 "history yet); a scrub takes about %s, %s"),
                                               stamps_per_day, duration, duration_source);
    }
  else
    {
      report->observed_source = KDCC_SCRUB_RATE_NONE;
      report->observed_per_day = -1;
      /* TRANSLATORS: a duration, its source. */
      report->observed_text = g_strdup_printf (_("No deep-scrub rate observed yet; a scrub "
                                                 "takes about %s, %s"),
                                               duration, duration_source);
    }
}

KdccScrubReport *
kdcc_scrub_report_new (const KdccScrubInputs *inputs)
{
  const KdccScrubSettings *settings = inputs->settings;
  const KdccScrubSetting *opt = settings->options;
  g_autoptr(KdccScrubReport) report = g_new0 (KdccScrubReport, 1);
  KdccScrubWindow window = kdcc_scrub_settings_get_window (settings);
  guint n_pools = inputs->pools->len;
  g_autofree KdccScrubSimPg *sim = NULL;
  g_autofree double *first_warn = NULL;
  double width_sum = 0, slots_per_s, observed_window = 0;
  guint observed = 0, due = 0;

  report->now = inputs->now;
  report->pools = g_ptr_array_new_with_free_func ((GDestroyNotify) pool_status_free);
  report->warnings = g_ptr_array_new_with_free_func (g_free);
  report->window_share = kdcc_scrub_window_share (&window);
  report->deep_scrub_duration = MAX (inputs->deep_scrub_duration, 1);
  report->duration_measured = inputs->duration_measured;
  add_setting_warnings (report, settings);
  add_caveats (report, inputs);

  for (guint i = 0; i < n_pools; i++)
    {
      const KdccScrubPoolInput *pool = &g_array_index (inputs->pools, KdccScrubPoolInput, i);
      KdccScrubPoolStatus *status = g_new0 (KdccScrubPoolStatus, 1);

      status->id = pool->id;
      status->name = g_strdup (pool->name);
      status->observed_per_day = -1;
      status->warn_age_scrub = kdcc_scrub_warn_age (opt[KDCC_SCRUB_OPT_WARN_RATIO].mgr_value,
                                                    pool->scrub_max_interval,
                                                    opt[KDCC_SCRUB_OPT_MAX_INTERVAL].mgr_value);
      status->warn_age_deep = kdcc_scrub_warn_age (opt[KDCC_SCRUB_OPT_WARN_DEEP_RATIO].mgr_value,
                                                   pool->deep_scrub_interval,
                                                   opt[KDCC_SCRUB_OPT_DEEP_INTERVAL].mgr_value);
      status->deep_interval = pool->deep_scrub_interval > 0
                              ? pool->deep_scrub_interval
                              : opt[KDCC_SCRUB_OPT_DEEP_INTERVAL].mgr_value;
      status->deep_interval_origin = pool->deep_scrub_interval > 0
                                     ? KDCC_SCRUB_ORIGIN_POOL
                                     : opt[KDCC_SCRUB_OPT_DEEP_INTERVAL].mgr_origin;
      status->osd_deep_interval = pool->deep_scrub_interval > 0
                                  ? pool->deep_scrub_interval
                                  : opt[KDCC_SCRUB_OPT_DEEP_INTERVAL].value;
      kdcc_scrub_histogram_init (&status->deep_ages,
                                 kdcc_scrub_histogram_pick_width (status->warn_age_deep,
                                                                  status->deep_interval));
      kdcc_scrub_histogram_init (&status->scrub_ages,
                                 kdcc_scrub_histogram_pick_width (
                                   status->warn_age_scrub,
                                   opt[KDCC_SCRUB_OPT_MAX_INTERVAL].mgr_value));
      g_ptr_array_add (report->pools, status);
    }

  sim = g_new0 (KdccScrubSimPg, MAX (inputs->pgs->len, 1));
  for (guint i = 0; i < inputs->pgs->len; i++)
    {
      const KdccScrubPgInput *pg = &g_array_index (inputs->pgs, KdccScrubPgInput, i);
      const KdccScrubPoolInput *pool;
      KdccScrubPoolStatus *status;
      KdccScrubSimPg *s;
      guint index = 0;

      /* The mgr skips PGs of pools that no longer exist. */
      if (!(pool = find_pool_input (inputs, pg->pool_id, &index)))
        continue;
      status = g_ptr_array_index (report->pools, index);
      status->n_pgs++;
      report->n_pgs++;
      if (kdcc_scrub_is_overdue (pg->last_scrub, inputs->now, status->warn_age_scrub))
        status->overdue_scrub++;
      if (kdcc_scrub_is_overdue (pg->last_deep_scrub, inputs->now, status->warn_age_deep))
        status->overdue_deep++;
      status->scrubbing += pg->scrubbing ? 1 : 0;
      status->deep_scrubbing += pg->deep_scrubbing ? 1 : 0;
      kdcc_scrub_histogram_add (&status->deep_ages, inputs->now - pg->last_deep_scrub);
      kdcc_scrub_histogram_add (&status->scrub_ages, inputs->now - pg->last_scrub);
      status->oldest_deep_age = MAX (status->oldest_deep_age, inputs->now - pg->last_deep_scrub);

      width_sum += pool->size;
      report->needed_per_day += 86400 / MAX (status->osd_deep_interval, 1);
      if (pg->last_deep_scrub >= inputs->now - status->osd_deep_interval)
        observed++;
      else
        due++;
      observed_window = MAX (observed_window, status->osd_deep_interval);

      s = &sim[report->n_pgs - 1];
      s->stamp = pg->last_deep_scrub;
      s->interval = status->osd_deep_interval;
      s->warn_age = status->warn_age_deep;
      s->group = index;
    }

  /* Each scrub reserves a slot on every OSD of the acting set. */
  slots_per_s = report->n_pgs > 0 && inputs->n_osds > 0
                ? opt[KDCC_SCRUB_OPT_MAX_SCRUBS].value * inputs->n_osds
                  / (width_sum / report->n_pgs) / report->deep_scrub_duration
                : 0;
  slots_per_s *= report->window_share;
  if (settings->flags_known && settings->nodeep_scrub)
    slots_per_s = 0;
  report->capacity_per_day = slots_per_s * 86400;
  observe_rate (report, inputs,
                observed_window > 0 ? observed * 86400 / observed_window : -1);
  if (report->observed_source == KDCC_SCRUB_RATE_HISTORY && due > 0
      && report->observed_per_day < report->capacity_per_day)
    {
      report->forecast_at_observed = TRUE;
      slots_per_s = report->observed_per_day / 86400;
    }

  first_warn = g_new0 (double, MAX (n_pools, 1));
  kdcc_scrub_simulate (sim, report->n_pgs, inputs->now, slots_per_s,
                       KDCC_SCRUB_HORIZON_DAYS * 86400.0, first_warn, n_pools);

  report->on_track = TRUE;
  for (guint i = 0; i < n_pools; i++)
    {
      const KdccScrubPoolInput *pool = &g_array_index (inputs->pools, KdccScrubPoolInput, i);
      KdccScrubPoolStatus *status = g_ptr_array_index (report->pools, i);

      report->overdue_scrub += status->overdue_scrub;
      report->overdue_deep += status->overdue_deep;
      report->scrubbing += status->scrubbing;
      status->warn_at = first_warn[i];

      if (status->warn_age_deep < 0)
        status->reason = KDCC_SCRUB_FORECAST_CHECK_DISABLED;
      else if (status->overdue_deep > 0)
        status->reason = KDCC_SCRUB_FORECAST_OVERDUE_NOW;
      else if (status->n_pgs == 0 || status->warn_at == 0)
        status->reason = KDCC_SCRUB_FORECAST_ON_TRACK;
      else if ((settings->flags_known && settings->nodeep_scrub) || pool->nodeep_scrub)
        status->reason = KDCC_SCRUB_FORECAST_FLAG;
      else if (status->osd_deep_interval >= status->warn_age_deep)
        status->reason = KDCC_SCRUB_FORECAST_INTERVAL;
      else if (report->forecast_at_observed
               && report->needed_per_day > report->observed_per_day)
        status->reason = KDCC_SCRUB_FORECAST_OBSERVED;
      else if (report->needed_per_day > report->capacity_per_day)
        status->reason = KDCC_SCRUB_FORECAST_CAPACITY;
      else
        status->reason = KDCC_SCRUB_FORECAST_BACKLOG;

      if (status->reason != KDCC_SCRUB_FORECAST_ON_TRACK
          && status->reason != KDCC_SCRUB_FORECAST_CHECK_DISABLED)
        report->on_track = FALSE;
      status->sentence = sentence_for (report, status, settings, pool);
    }

  return g_steal_pointer (&report);
}

static int
compare_deep_stamps (gconstpointer a,
                     gconstpointer b)
{
  const KdccScrubPgInput *pa = *(KdccScrubPgInput * const *) a;
  const KdccScrubPgInput *pb = *(KdccScrubPgInput * const *) b;

  return (pa->last_deep_scrub > pb->last_deep_scrub) - (pa->last_deep_scrub < pb->last_deep_scrub);
}

static gboolean
acting_holds (const KdccScrubPgInput *pg,
              gint64                  osd_id)
{
  for (guint i = 0; pg->acting != NULL && i < pg->acting->len; i++)
    if (g_array_index (pg->acting, gint64, i) == osd_id)
      return TRUE;
  return FALSE;
}

/* POOL_ID or OSD_ID (-1: any) picks the PGs; each is tested against its
 * own pool's warn age. */
static GPtrArray *
pick (const KdccScrubInputs *inputs,
      gint64                 pool_id,
      gint64                 osd_id,
      gboolean               all,
      guint                  max)
{
  const KdccScrubSetting *opt = inputs->settings->options;
  g_autoptr(GPtrArray) picked = g_ptr_array_new ();
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < inputs->pgs->len; i++)
    {
      KdccScrubPgInput *pg = &g_array_index (inputs->pgs, KdccScrubPgInput, i);
      const KdccScrubPoolInput *pool = find_pool_input (inputs, pg->pool_id, NULL);
      double warn_age;

      if (pool == NULL || (pool_id >= 0 && pg->pool_id != pool_id)
          || (osd_id >= 0 && !acting_holds (pg, osd_id)))
        continue;
      warn_age = kdcc_scrub_warn_age (opt[KDCC_SCRUB_OPT_WARN_DEEP_RATIO].mgr_value,
                                      pool->deep_scrub_interval,
                                      opt[KDCC_SCRUB_OPT_DEEP_INTERVAL].mgr_value);
      if (all || kdcc_scrub_is_overdue (pg->last_deep_scrub, inputs->now, warn_age))
        g_ptr_array_add (picked, pg);
    }
  /* Oldest first; the sort is stable, so ties keep the PG order. */
  g_ptr_array_sort (picked, compare_deep_stamps);
  for (guint i = 0; i < picked->len && (max == 0 || i < max); i++)
    g_ptr_array_add (ids, g_strdup (((KdccScrubPgInput *) g_ptr_array_index (picked, i))->pgid));
  return ids;
}

GPtrArray *
kdcc_scrub_pick_deep_scrub (const KdccScrubInputs *inputs,
                            gint64                 pool_id,
                            gboolean               all,
                            guint                  max)
{
  if (pool_id < 0)
    return g_ptr_array_new_with_free_func (g_free);
  return pick (inputs, pool_id, -1, all, max);
}

GPtrArray *
kdcc_scrub_pick_deep_scrub_osd (const KdccScrubInputs *inputs,
                                gint64                 osd_id,
                                gboolean               all,
                                guint                  max)
{
  if (osd_id < 0)
    return g_ptr_array_new_with_free_func (g_free);
  return pick (inputs, -1, osd_id, all, max);
}
