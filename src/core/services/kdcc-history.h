/* kdcc-history.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* One interface for the history of a cluster, whichever store answers: a
 * Prometheus server scraping the mgr exporter (KdccPrometheus) or KDCC's own
 * flight recorder (KdccFlightRecorder). Charts, the forecast and the "what
 * changed" list ask a KdccHistory and never learn which one it is.
 *
 * Times are Unix time in milliseconds throughout: Prometheus answers with
 * millisecond precision and SQLite stores integers exactly. */

/* The series the dashboard and the OSD, pool and host pages draw. The
 * cluster-wide ones have one series; the per-pool, per-OSD and PG state ones
 * have one series per pool name, "osd.N" or PG state word (the label). */
typedef enum
{
  KDCC_HISTORY_CLIENT_READ_OPS,       /* ops/s, cluster */
  KDCC_HISTORY_CLIENT_WRITE_OPS,      /* ops/s, cluster */
  KDCC_HISTORY_CLIENT_READ_BYTES,     /* B/s, cluster */
  KDCC_HISTORY_CLIENT_WRITE_BYTES,    /* B/s, cluster */
  KDCC_HISTORY_RECOVERY_BYTES,        /* B/s, cluster */
  KDCC_HISTORY_RECOVERY_OBJECTS,      /* objects/s, cluster */
  KDCC_HISTORY_CAPACITY_USED,         /* bytes, cluster (raw used) */
  KDCC_HISTORY_CAPACITY_TOTAL,        /* bytes, cluster (raw) */
  KDCC_HISTORY_PG_STATES,             /* PGs, per state word ("degraded"):
                                       * a PG in active+clean counts for both */
  KDCC_HISTORY_POOL_READ_OPS,         /* ops/s, per pool */
  KDCC_HISTORY_POOL_WRITE_OPS,        /* ops/s, per pool */
  KDCC_HISTORY_POOL_READ_BYTES,       /* B/s, per pool */
  KDCC_HISTORY_POOL_WRITE_BYTES,      /* B/s, per pool */
  KDCC_HISTORY_POOL_STORED,           /* bytes, per pool (user data, before replication) */
  KDCC_HISTORY_POOL_MAX_AVAIL,        /* bytes, per pool (what can still be stored) */
  KDCC_HISTORY_OSD_APPLY_LATENCY,     /* ms, per OSD */
  KDCC_HISTORY_OSD_COMMIT_LATENCY,    /* ms, per OSD */
  KDCC_HISTORY_OSD_UTILIZATION,       /* percent 0..100, per OSD */
  KDCC_HISTORY_N_METRICS,
} KdccHistoryMetric;

typedef enum
{
  KDCC_HISTORY_UNIT_OPS_PER_SECOND,
  KDCC_HISTORY_UNIT_BYTES_PER_SECOND,
  KDCC_HISTORY_UNIT_OBJECTS_PER_SECOND,
  KDCC_HISTORY_UNIT_BYTES,
  KDCC_HISTORY_UNIT_COUNT,
  KDCC_HISTORY_UNIT_MILLISECONDS,
  KDCC_HISTORY_UNIT_PERCENT,
} KdccHistoryUnit;

/* Stable names ("client-read-ops", "pool-stored", ...): the flight
 * recorder stores them, kdcc-cli accepts them. from_string returns FALSE for
 * an unknown name. */
const char       *kdcc_history_metric_to_string   (KdccHistoryMetric   metric);
gboolean          kdcc_history_metric_from_string (const char         *str,
                                                   KdccHistoryMetric  *metric);
KdccHistoryUnit   kdcc_history_metric_get_unit    (KdccHistoryMetric   metric);
/* Whether the metric has one series per pool, OSD or PG state. */
gboolean          kdcc_history_metric_is_labelled (KdccHistoryMetric   metric);

/* The state words of KDCC_HISTORY_PG_STATES, in the order charts stack
 * them: the ones Prometheus' mgr exporter has a ceph_pg_<word> for. */
const char * const *kdcc_history_pg_state_words   (void);

typedef struct
{
  gint64 time;    /* Unix ms */
  double value;   /* NAN marks a gap: no sample from here to the next point */
} KdccHistoryPoint;

#define KDCC_TYPE_HISTORY_SERIES (kdcc_history_series_get_type ())

/* One line on a chart. Points are in time order. Where the store has no
 * sample for one step or more, a single point with value NAN sits at the
 * first missing step, so a chart breaks its line there. */
typedef struct
{
  /*< private >*/
  gint               ref_count;
  /*< public >*/
  KdccHistoryMetric  metric;
  char              *label;       /* NULL for a cluster-wide series */
  GArray            *points;      /* (element-type KdccHistoryPoint) */
} KdccHistorySeries;

GType              kdcc_history_series_get_type (void) G_GNUC_CONST;
KdccHistorySeries *kdcc_history_series_new      (KdccHistoryMetric        metric,
                                                 const char              *label);
KdccHistorySeries *kdcc_history_series_ref      (KdccHistorySeries       *self);
void               kdcc_history_series_unref    (KdccHistorySeries       *self);
void               kdcc_history_series_add      (KdccHistorySeries       *self,
                                                 gint64                   time,
                                                 double                   value);
/* Number of points that are not gaps. */
guint              kdcc_history_series_count_values (const KdccHistorySeries *self);

/* What to ask for: one metric, optionally only the series with one label
 * (a pool name, "osd.3", a PG state word), from start to end (inclusive) at
 * step. A store returns at most one point per step. */
typedef struct
{
  KdccHistoryMetric  metric;
  const char        *label;       /* NULL: every series of the metric */
  gint64             start;       /* Unix ms */
  gint64             end;         /* Unix ms */
  gint64             step;        /* ms, > 0 */
} KdccHistoryQuery;

/* Checks a query (end after start, step positive, at most
 * KDCC_HISTORY_MAX_POINTS steps): KDCC_ERROR_INVALID_INPUT otherwise. */
#define KDCC_HISTORY_MAX_POINTS 11000
gboolean           kdcc_history_query_check     (const KdccHistoryQuery  *query,
                                                 GError                 **error);

/* What changed and when: markers on the charts and the "what changed" list. */
typedef enum
{
  KDCC_HISTORY_EVENT_HEALTH_RAISED,   /* subject: the check code ("OSD_DOWN") */
  KDCC_HISTORY_EVENT_HEALTH_CLEARED,
  KDCC_HISTORY_EVENT_OSD_DOWN,        /* subject: "osd.3" */
  KDCC_HISTORY_EVENT_OSD_UP,
  KDCC_HISTORY_EVENT_OSD_OUT,
  KDCC_HISTORY_EVENT_OSD_IN,
  KDCC_HISTORY_EVENT_FLAG_SET,        /* subject: the flag ("noout") */
  KDCC_HISTORY_EVENT_FLAG_UNSET,
  KDCC_HISTORY_EVENT_CONFIG_CHANGED,  /* subject: "WHO/OPTION"; detail: the values */
  KDCC_HISTORY_EVENT_OPERATION,       /* any other change applied through KDCC */
} KdccHistoryEventKind;

const char       *kdcc_history_event_kind_to_string   (KdccHistoryEventKind   kind);
gboolean          kdcc_history_event_kind_from_string (const char            *str,
                                                       KdccHistoryEventKind  *kind);

#define KDCC_TYPE_HISTORY_EVENT (kdcc_history_event_get_type ())

typedef struct
{
  gint64                time;     /* Unix ms */
  KdccHistoryEventKind  kind;
  char                 *subject;
  char                 *detail;   /* nullable: a summary, "1 → 3", the CLI command */
} KdccHistoryEvent;

GType             kdcc_history_event_get_type  (void) G_GNUC_CONST;
KdccHistoryEvent *kdcc_history_event_new       (gint64                  time,
                                                KdccHistoryEventKind    kind,
                                                const char             *subject,
                                                const char             *detail);
KdccHistoryEvent *kdcc_history_event_copy      (const KdccHistoryEvent *self);
void              kdcc_history_event_free      (KdccHistoryEvent       *self);
/* One line for the "what changed" list, e.g. "Health check OSD_DOWN raised:
 * 1 osds down" (without the time). */
char             *kdcc_history_event_describe  (const KdccHistoryEvent *self);

#define KDCC_TYPE_HISTORY (kdcc_history_get_type ())

G_DECLARE_INTERFACE (KdccHistory, kdcc_history, KDCC, HISTORY, GObject)

/* The vfuncs block and are called on worker threads only (as KdccSource's);
 * implementations are thread-safe. */
struct _KdccHistoryInterface
{
  GTypeInterface parent_iface;

  /* A short description of the store for tooltips and kdcc-cli
   * ("Prometheus at http://…", "KDCC flight recorder"). */
  char      *(*dup_description) (KdccHistory             *self);

  /* (element-type KdccHistorySeries): one per label, sorted by label; empty
   * when the store has no such series in the range. */
  GPtrArray *(*query_range)     (KdccHistory             *self,
                                 const KdccHistoryQuery  *query,
                                 GCancellable            *cancellable,
                                 GError                 **error);

  /* (element-type KdccHistoryEvent) between start and end (Unix ms,
   * inclusive), oldest first. */
  GPtrArray *(*list_events)     (KdccHistory             *self,
                                 gint64                   start,
                                 gint64                   end,
                                 GCancellable            *cancellable,
                                 GError                 **error);
};

char      *kdcc_history_dup_description   (KdccHistory             *self);

/* Blocking calls, for worker threads and kdcc-cli. */
GPtrArray *kdcc_history_query_range       (KdccHistory             *self,
                                           const KdccHistoryQuery  *query,
                                           GCancellable            *cancellable,
                                           GError                 **error);
GPtrArray *kdcc_history_list_events       (KdccHistory             *self,
                                           gint64                   start,
                                           gint64                   end,
                                           GCancellable            *cancellable,
                                           GError                 **error);

/* The same on a worker thread. The query is copied. */
void       kdcc_history_query_range_async  (KdccHistory             *self,
                                            const KdccHistoryQuery  *query,
                                            GCancellable            *cancellable,
                                            GAsyncReadyCallback      callback,
                                            gpointer                 user_data);
GPtrArray *kdcc_history_query_range_finish (KdccHistory             *self,
                                            GAsyncResult            *result,
                                            GError                 **error);
void       kdcc_history_list_events_async  (KdccHistory             *self,
                                            gint64                   start,
                                            gint64                   end,
                                            GCancellable            *cancellable,
                                            GAsyncReadyCallback      callback,
                                            gpointer                 user_data);
GPtrArray *kdcc_history_list_events_finish (KdccHistory             *self,
                                            GAsyncResult            *result,
                                            GError                 **error);

/* Averages raw samples (time order) into one point per step bucket
 * [start + k·step, start + (k+1)·step), stamped at the bucket's start, and
 * puts one NAN point at the first empty bucket of each run of empty buckets
 * between samples. Used by stores that keep raw samples. */
GArray    *kdcc_history_downsample        (const KdccHistoryPoint  *samples,
                                           guint                    n_samples,
                                           gint64                   start,
                                           gint64                   end,
                                           gint64                   step);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdccHistorySeries, kdcc_history_series_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdccHistoryEvent, kdcc_history_event_free)

G_END_DECLS
