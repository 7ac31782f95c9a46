/* kdcc-scrub-planner.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "kdcc-cluster.h"
#include "kdcc-flight-recorder.h"
#include "kdcc-scrub-math.h"
#include "kdcc-scrub-settings.h"
#include "kdcc-source.h"

G_BEGIN_DECLS

/* One pool as the planner needs it. Intervals are the pool's own options
 * (osd pool set P scrub_min_interval|scrub_max_interval|
 * deep_scrub_interval, seconds); 0 means unset. */
typedef struct
{
  gint64   id;
  char    *name;
  gint64   size;           /* PG width: replicas, or k+m */
  double   scrub_min_interval;
  double   scrub_max_interval;
  double   deep_scrub_interval;
  gboolean noscrub;        /* pool flags, when known */
  gboolean nodeep_scrub;
} KdccScrubPoolInput;

/* One PG: its stamps (unix seconds, fractions allowed) and whether it is
 * scrubbing now. */
typedef struct
{
  char     *pgid;
  gint64    pool_id;
  double    last_scrub;
  double    last_deep_scrub;
  gboolean  scrubbing;
  gboolean  deep_scrubbing;
  GArray   *acting;          /* (element-type gint64) OSD ids; NULL unknown */
} KdccScrubPgInput;

typedef struct
{
  KdccScrubSettings *settings;
  GArray            *pools;   /* (element-type KdccScrubPoolInput) */
  GArray            *pgs;     /* (element-type KdccScrubPgInput) */
  guint              n_osds;  /* OSDs up and in: the ones that scrub */
  double             now;     /* unix seconds */
  /* Seconds one deep scrub of one PG takes; 0: estimate from the data
   * (kdcc_scrub_inputs_estimate_duration()). duration_measured says
   * whether Ceph reported it (last_scrub_duration, Quincy and later). */
  double             deep_scrub_duration;
  gboolean           duration_measured;
  /* Deep scrubs the flight recorder counted, per pool
   * (element-type KdccRecordedDeepScrubs); NULL: no history. */
  GArray            *recorded;
  /* Some PG is recovering or backfilling now (from the PG states). */
  gboolean           recovering;
} KdccScrubInputs;

KdccScrubInputs *kdcc_scrub_inputs_new        (void);
void             kdcc_scrub_inputs_free       (KdccScrubInputs *self);
void             kdcc_scrub_inputs_add_pool   (KdccScrubInputs *self,
                                               gint64           id,
                                               const char      *name,
                                               gint64           size,
                                               double           scrub_min_interval,
                                               double           scrub_max_interval,
                                               double           deep_scrub_interval);
void             kdcc_scrub_inputs_add_pg     (KdccScrubInputs *self,
                                               const char      *pgid,
                                               double           last_scrub,
                                               double           last_deep_scrub,
                                               const char      *state);
/* Fills pools and PGs from the model (the PG list must be held and
 * fetched: kdcc_cluster_hold_pg_list()), the OSD count from its OSDs and
 * the scrub duration: the mean last_scrub_duration where the cluster
 * reports it (Quincy and later), else an estimate from the PGs' sizes (a
 * deep scrub reads about 100 MiB/s plus osd_scrub_sleep per chunk of 25
 * objects). Call after the settings are loaded (the sleep). Returns FALSE
 * when the cluster has no PG stamps (no PG list yet, or only `pg dump
 * pgs_brief` on a very large cluster). */
gboolean         kdcc_scrub_inputs_fill_from_cluster (KdccScrubInputs *self,
                                                      KdccCluster     *cluster);

/* Reads the cluster's and pools' noscrub / nodeep-scrub flags (`osd dump`)
 * through SOURCE; blocks, for a worker thread or the CLI. Call after the
 * pools are added. A source without raw commands (the Dashboard) fails
 * with KDCC_ERROR_NOT_SUPPORTED and the flags stay unknown. */
gboolean         kdcc_scrub_inputs_load_flags_sync (KdccScrubInputs *self,
                                                    KdccSource      *source,
                                                    GCancellable    *cancellable,
                                                    GError         **error);

/* For the CLI and tests, which have no monitor refreshing the model:
 * holds CLUSTER's PG list (release it with kdcc_cluster_release_pg_list),
 * fetches a full snapshot through SOURCE and applies it. Blocks; main
 * thread only (the model lives there). */
gboolean         kdcc_scrub_fetch_pgs_sync     (KdccSource      *source,
                                                KdccCluster     *cluster,
                                                GCancellable    *cancellable,
                                                GError         **error);

/* Reads what RECORDER counted (kdcc_flight_recorder_get_deep_scrubs, the
 * last KDCC_SCRUB_HISTORY_DAYS) into the inputs' recorded. Blocks on the
 * store: a worker thread, the CLI or tests. */
gboolean         kdcc_scrub_inputs_load_history_sync (KdccScrubInputs    *self,
                                                      KdccFlightRecorder *recorder,
                                                      GError            **error);
/* Sets (a reference to) RECORDED, nullable. */
void             kdcc_scrub_inputs_set_recorded (KdccScrubInputs *self,
                                                 GArray          *recorded);

#define KDCC_SCRUB_HISTORY_DAYS 30
/* The recorded span below which the history is not trusted: one day holds
 * one of every daily window. */
#define KDCC_SCRUB_HISTORY_MIN_SPAN 86400.0

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdccScrubInputs, kdcc_scrub_inputs_free)

/* Why the forecast says what it says. */
typedef enum
{
  KDCC_SCRUB_FORECAST_ON_TRACK,
  KDCC_SCRUB_FORECAST_CHECK_DISABLED,  /* the warn ratio is 0 */
  KDCC_SCRUB_FORECAST_OVERDUE_NOW,
  KDCC_SCRUB_FORECAST_FLAG,            /* nodeep-scrub on the cluster or pool */
  KDCC_SCRUB_FORECAST_INTERVAL,        /* the OSDs' interval passes the mgr's warn age */
  KDCC_SCRUB_FORECAST_CAPACITY,        /* more deep scrubs needed than the schedule allows */
  KDCC_SCRUB_FORECAST_BACKLOG,         /* PGs already too old to be reached in time */
  KDCC_SCRUB_FORECAST_OBSERVED,        /* the recorded rate is below the one needed */
} KdccScrubForecastReason;

/* Where the observed deep-scrub rate comes from. */
typedef enum
{
  KDCC_SCRUB_RATE_NONE,      /* no PG stamps */
  KDCC_SCRUB_RATE_STAMPS,    /* PGs deep-scrubbed within their interval, now */
  KDCC_SCRUB_RATE_HISTORY,   /* stamps that moved, counted by the flight recorder */
} KdccScrubRateSource;

typedef struct
{
  gint64   id;
  char    *name;
  guint    n_pgs;
  guint    overdue_scrub;       /* as PG_NOT_SCRUBBED counts */
  guint    overdue_deep;        /* as PG_NOT_DEEP_SCRUBBED counts */
  guint    scrubbing;           /* scrubbing now (deep included) */
  guint    deep_scrubbing;
  double   warn_age_scrub;      /* seconds; < 0: check disabled */
  double   warn_age_deep;
  KdccScrubOrigin deep_interval_origin;   /* POOL or where the mgr's value comes from */
  double   deep_interval;       /* what the mgr uses for this pool */
  double   osd_deep_interval;   /* what the OSDs schedule by */
  KdccScrubHistogram deep_ages;
  KdccScrubHistogram scrub_ages;
  double   oldest_deep_age;     /* seconds */
  double   observed_per_day;    /* recorded by the flight recorder; < 0 unknown */
  /* The forecast for PG_NOT_DEEP_SCRUBBED. */
  KdccScrubForecastReason reason;
  double   warn_at;             /* unix s of the first warning; 0: none in the horizon */
  char    *sentence;            /* translated: "on track" or "expected in N days … because …" */
} KdccScrubPoolStatus;

typedef struct
{
  double     now;
  GPtrArray *pools;            /* (element-type KdccScrubPoolStatus) by pool id */
  guint      overdue_scrub;
  guint      overdue_deep;
  guint      scrubbing;
  guint      n_pgs;
  double     window_share;     /* 0..1 */
  double     needed_per_day;   /* deep scrubs a day to meet the intervals */
  double     capacity_per_day; /* deep scrubs a day the schedule allows */
  double     observed_per_day; /* deep scrubs a day observed; < 0 unknown */
  KdccScrubRateSource observed_source;
  double     observed_span;    /* seconds the observed rate covers */
  /* With a backlog (PGs past their interval now), the OSDs work at their
   * real capacity: the forecast then runs at the recorded rate when it is
   * below the schedule's. */
  gboolean   forecast_at_observed;
  char      *observed_text;    /* translated: the rate, its source, the duration's */
  double     deep_scrub_duration;
  gboolean   duration_measured;
  GPtrArray *warnings;         /* (element-type utf8) translated */
  gboolean   on_track;
} KdccScrubReport;

/* How far ahead the forecast looks. */
#define KDCC_SCRUB_HORIZON_DAYS 180

KdccScrubReport *kdcc_scrub_report_new       (const KdccScrubInputs *inputs);
void             kdcc_scrub_report_free      (KdccScrubReport       *self);
const KdccScrubPoolStatus *kdcc_scrub_report_find_pool (const KdccScrubReport *self,
                                                        const char            *name);
/* The report as `kdcc-cli scrub status --json` prints it. */
JsonNode        *kdcc_scrub_report_to_json   (const KdccScrubReport *self,
                                              const KdccScrubSettings *settings);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdccScrubReport, kdcc_scrub_report_free)

/* The same for the PGs whose acting set holds OSD_ID, in any pool. */
GPtrArray       *kdcc_scrub_pick_deep_scrub_osd (const KdccScrubInputs *inputs,
                                                 gint64                 osd_id,
                                                 gboolean               all,
                                                 guint                  max);

/* "3 days", "5 hours", "40 minutes", "30 seconds" (rounded down): a span
 * for sentences and tables. */
char            *kdcc_scrub_format_span      (double                 seconds);

/* The PG ids of POOL that are overdue for a deep scrub by the mgr's
 * formula (or, with ALL, every PG of the pool), oldest deep scrub first,
 * at most MAX (0: no limit). */
GPtrArray       *kdcc_scrub_pick_deep_scrub  (const KdccScrubInputs *inputs,
                                              gint64                 pool_id,
                                              gboolean               all,
                                              guint                  max);

G_END_DECLS
