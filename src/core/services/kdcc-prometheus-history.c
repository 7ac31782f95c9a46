/* kdcc-prometheus-history.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-prometheus-history"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "kdcc-error.h"
#include "kdcc-prometheus-history.h"

struct _KdccPrometheusHistory
{
  GObject         parent_instance;

  KdccPrometheus *prometheus;
};

static void history_iface_init (KdccHistoryInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KdccPrometheusHistory, kdcc_prometheus_history, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (KDCC_TYPE_HISTORY, history_iface_init))

/* The label that names one series of a labelled metric. */
static const char *
label_key (KdccHistoryMetric metric)
{
  switch ((int) metric)
    {
    case KDCC_HISTORY_PG_STATES:
      return "__name__";
    case KDCC_HISTORY_POOL_READ_OPS:
    case KDCC_HISTORY_POOL_WRITE_OPS:
    case KDCC_HISTORY_POOL_READ_BYTES:
    case KDCC_HISTORY_POOL_WRITE_BYTES:
    case KDCC_HISTORY_POOL_STORED:
    case KDCC_HISTORY_POOL_MAX_AVAIL:
      return "name";
    case KDCC_HISTORY_OSD_APPLY_LATENCY:
    case KDCC_HISTORY_OSD_COMMIT_LATENCY:
    case KDCC_HISTORY_OSD_UTILIZATION:
      return "ceph_daemon";
    default:
      return NULL;
    }
}

/* A PromQL string literal: backslash and double quote escaped. */
static char *
quote (const char *value)
{
  GString *s = g_string_new ("\"");

  for (const char *p = value; *p; p++)
    {
      if (*p == '\\' || *p == '"')
        g_string_append_c (s, '\\');
      if (*p == '\n')
        g_string_append (s, "\\n");
      else
        g_string_append_c (s, *p);
    }
  g_string_append_c (s, '"');
  return g_string_free (s, FALSE);
}

char *
kdcc_prometheus_history_dup_promql (const KdccHistoryQuery *query)
{
  /* rate() needs at least two scrapes in its window; the mgr exporter
   * refreshes every 15 s, so a minute, or two steps when they are longer. */
  gint64 window = MAX (60, 2 * ((query->step + 999) / 1000));
  g_autofree char *label = query->label ? quote (query->label) : NULL;
  g_autofree char *pool = label ? g_strdup_printf ("{name=%s}", label) : g_strdup ("");
  g_autofree char *osd = label ? g_strdup_printf ("{ceph_daemon=%s}", label) : g_strdup ("");
  const char *counter = NULL, *gauge = NULL;

  switch (query->metric)
    {
    case KDCC_HISTORY_CLIENT_READ_OPS:
      return g_strdup_printf ("sum(rate(ceph_pool_rd[%" G_GINT64_FORMAT "s]))", window);
    case KDCC_HISTORY_CLIENT_WRITE_OPS:
      return g_strdup_printf ("sum(rate(ceph_pool_wr[%" G_GINT64_FORMAT "s]))", window);
    case KDCC_HISTORY_CLIENT_READ_BYTES:
      return g_strdup_printf ("sum(rate(ceph_pool_rd_bytes[%" G_GINT64_FORMAT "s]))", window);
    case KDCC_HISTORY_CLIENT_WRITE_BYTES:
      return g_strdup_printf ("sum(rate(ceph_pool_wr_bytes[%" G_GINT64_FORMAT "s]))", window);
    case KDCC_HISTORY_RECOVERY_BYTES:
      return g_strdup ("sum(ceph_pool_recovering_bytes_per_sec)");
    case KDCC_HISTORY_RECOVERY_OBJECTS:
      return g_strdup ("sum(ceph_pool_recovering_objects_per_sec)");
    /* max(), not sum(): one cluster-wide value, however many targets
     * (active and standby mgrs) export it. */
    case KDCC_HISTORY_CAPACITY_USED:
      return g_strdup ("max(ceph_cluster_total_used_raw_bytes)");
    case KDCC_HISTORY_CAPACITY_TOTAL:
      return g_strdup ("max(ceph_cluster_total_bytes)");
    case KDCC_HISTORY_PG_STATES:
      if (query->label != NULL)
        {
          g_autofree char *name = g_strdup_printf ("ceph_pg_%s", query->label);
          g_autofree char *quoted = quote (name);

          return g_strdup_printf ("sum by (__name__) ({__name__=%s})", quoted);
        }
      else
        {
          g_autofree char *words = g_strjoinv ("|", (GStrv) kdcc_history_pg_state_words ());

          return g_strdup_printf ("sum by (__name__) ({__name__=~\"ceph_pg_(%s)\"})", words);
        }
    case KDCC_HISTORY_POOL_READ_OPS:
      counter = "ceph_pool_rd";
      break;
    case KDCC_HISTORY_POOL_WRITE_OPS:
      counter = "ceph_pool_wr";
      break;
    case KDCC_HISTORY_POOL_READ_BYTES:
      counter = "ceph_pool_rd_bytes";
      break;
    case KDCC_HISTORY_POOL_WRITE_BYTES:
      counter = "ceph_pool_wr_bytes";
      break;
    case KDCC_HISTORY_POOL_STORED:
      gauge = "ceph_pool_stored";
      break;
    case KDCC_HISTORY_POOL_MAX_AVAIL:
      gauge = "ceph_pool_max_avail";
      break;
    case KDCC_HISTORY_OSD_APPLY_LATENCY:
      return g_strdup_printf ("ceph_osd_apply_latency_ms%s", osd);
    case KDCC_HISTORY_OSD_COMMIT_LATENCY:
      return g_strdup_printf ("ceph_osd_commit_latency_ms%s", osd);
    case KDCC_HISTORY_OSD_UTILIZATION:
      return g_strdup_printf ("ceph_osd_stat_bytes_used%s / ceph_osd_stat_bytes%s * 100",
                              osd, osd);
    case KDCC_HISTORY_N_METRICS:
    default:
      g_return_val_if_reached (NULL);
    }

  /* Pool series carry only pool_id; ceph_pool_metadata (value 1) lends
   * them the pool's name, and filters them by it. */
  if (counter != NULL)
    return g_strdup_printf ("rate(%s[%" G_GINT64_FORMAT "s]) * on (pool_id) group_left (name) "
                            "ceph_pool_metadata%s", counter, window, pool);
  return g_strdup_printf ("%s * on (pool_id) group_left (name) ceph_pool_metadata%s",
                          gauge, pool);
}

static gint
compare_labels (gconstpointer a,
                gconstpointer b)
{
  const KdccHistorySeries *sa = *(KdccHistorySeries **) a;
  const KdccHistorySeries *sb = *(KdccHistorySeries **) b;

  return g_strcmp0 (sa->label, sb->label);
}

/* Prometheus answers at start + k·step and leaves out the steps it has no
 * sample for; a hole becomes one NAN point at its first missing step. */
static KdccHistorySeries *
convert (KdccPrometheusSeries *raw,
         KdccHistoryMetric     metric,
         const char           *label,
         gint64                step)
{
  KdccHistorySeries *series = kdcc_history_series_new (metric, label);

  for (guint i = 0; i < raw->points->len; i++)
    {
      KdccPrometheusPoint *p = &g_array_index (raw->points, KdccPrometheusPoint, i);

      if (i > 0)
        {
          gint64 previous = g_array_index (raw->points, KdccPrometheusPoint, i - 1).time;

          if (p->time - previous > step)
            kdcc_history_series_add (series, previous + step, NAN);
        }
      kdcc_history_series_add (series, p->time, p->value);
    }
  return series;
}

static GPtrArray *
prometheus_history_query_range (KdccHistory             *history,
                                const KdccHistoryQuery  *query,
                                GCancellable            *cancellable,
                                GError                 **error)
{
  KdccPrometheusHistory *self = KDCC_PROMETHEUS_HISTORY (history);
  g_autoptr(GPtrArray) raw = NULL;
  g_autoptr(GPtrArray) result = NULL;
  g_autofree char *promql = kdcc_prometheus_history_dup_promql (query);
  const char *key = label_key (query->metric);

  raw = kdcc_prometheus_query_range (self->prometheus, promql, query->start, query->end,
                                     query->step, cancellable, error);
  if (raw == NULL)
    return NULL;

  result = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_history_series_unref);
  for (guint i = 0; i < raw->len; i++)
    {
      KdccPrometheusSeries *one = g_ptr_array_index (raw, i);
      const char *label = NULL;

      if (key != NULL)
        {
          label = g_hash_table_lookup (one->labels, key);
          /* A pool without metadata or an OSD without a name cannot be
           * told apart from the others: leave it out. */
          if (label == NULL)
            continue;
          if (query->metric == KDCC_HISTORY_PG_STATES && g_str_has_prefix (label, "ceph_pg_"))
            label += strlen ("ceph_pg_");
        }
      g_ptr_array_add (result, convert (one, query->metric, label, query->step));
    }
  g_ptr_array_sort (result, compare_labels);
  return g_steal_pointer (&result);
}

/* Events: value changes of 0/1 series between two steps. */

typedef struct
{
  const char           *promql;
  const char           *label;       /* the subject's label */
  const char           *strip;       /* prefix removed from the subject */
  KdccHistoryEventKind  on_one;      /* the value became 1 */
  KdccHistoryEventKind  on_zero;     /* it became 0, or the series ended */
} EventSource;

static const EventSource event_sources[] = {
  { "ceph_health_detail", "name", NULL,
    KDCC_HISTORY_EVENT_HEALTH_RAISED, KDCC_HISTORY_EVENT_HEALTH_CLEARED },
  { "ceph_osd_up", "ceph_daemon", NULL, KDCC_HISTORY_EVENT_OSD_UP, KDCC_HISTORY_EVENT_OSD_DOWN },
  { "ceph_osd_in", "ceph_daemon", NULL, KDCC_HISTORY_EVENT_OSD_IN, KDCC_HISTORY_EVENT_OSD_OUT },
  { "max by (__name__) ({__name__=~\"ceph_osd_flag_.+\"})", "__name__", "ceph_osd_flag_",
    KDCC_HISTORY_EVENT_FLAG_SET, KDCC_HISTORY_EVENT_FLAG_UNSET },
};

static gint
compare_events (gconstpointer a,
                gconstpointer b)
{
  const KdccHistoryEvent *ea = *(KdccHistoryEvent **) a;
  const KdccHistoryEvent *eb = *(KdccHistoryEvent **) b;

  if (ea->time != eb->time)
    return ea->time < eb->time ? -1 : 1;
  return g_strcmp0 (ea->subject, eb->subject);
}

/* The events of one 0/1 series. A health check series exists only while
 * the exporter lists the check: one that starts after the range starts was
 * raised there, and one that stops (or has a hole) while 1 was cleared. A
 * hole in an OSD or flag series is a missed scrape, not a change. */
static void
add_transitions (GPtrArray             *events,
                 KdccPrometheusSeries  *one,
                 const EventSource     *source,
                 const char            *subject,
                 gint64                 start,
                 gint64                 end,
                 gint64                 step)
{
  gboolean health = source->on_one == KDCC_HISTORY_EVENT_HEALTH_RAISED;
  gboolean known = FALSE, was = FALSE;

  for (guint j = 0; j < one->points->len; j++)
    {
      KdccPrometheusPoint *p = &g_array_index (one->points, KdccPrometheusPoint, j);
      gboolean now = p->value > 0.5;

      if (health && j == 0)
        known = p->time > start + step;
      else if (health && p->time - (p - 1)->time > step)
        {
          if (was)
            g_ptr_array_add (events, kdcc_history_event_new ((p - 1)->time + step,
                                                             source->on_zero, subject, NULL));
          was = FALSE;
        }

      if (known && was != now)
        g_ptr_array_add (events, kdcc_history_event_new (p->time,
                                                         now ? source->on_one : source->on_zero,
                                                         subject, NULL));
      was = now;
      known = TRUE;
    }

  if (health && was && one->points->len > 0)
    {
      KdccPrometheusPoint *last = &g_array_index (one->points, KdccPrometheusPoint,
                                                  one->points->len - 1);

      if (last->time + step <= end)
        g_ptr_array_add (events, kdcc_history_event_new (last->time + step, source->on_zero,
                                                         subject, NULL));
    }
}

static GPtrArray *
prometheus_history_list_events (KdccHistory   *history,
                                gint64         start,
                                gint64         end,
                                GCancellable  *cancellable,
                                GError       **error)
{
  KdccPrometheusHistory *self = KDCC_PROMETHEUS_HISTORY (history);
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_history_event_free);
  /* Fine enough to place a change within a step of a chart's pixel, and
   * never more steps than Prometheus allows. */
  gint64 step = MAX ((end - start) / 2000, 2000);

  for (guint s = 0; s < G_N_ELEMENTS (event_sources); s++)
    {
      const EventSource *source = &event_sources[s];
      g_autoptr(GPtrArray) raw = NULL;

      raw = kdcc_prometheus_query_range (self->prometheus, source->promql, start, end, step,
                                         cancellable, error);
      if (raw == NULL)
        return NULL;

      for (guint i = 0; i < raw->len; i++)
        {
          KdccPrometheusSeries *one = g_ptr_array_index (raw, i);
          const char *subject = g_hash_table_lookup (one->labels, source->label);

          if (subject == NULL)
            continue;
          if (source->strip != NULL && g_str_has_prefix (subject, source->strip))
            subject += strlen (source->strip);

          add_transitions (events, one, source, subject, start, end, step);
        }
    }

  g_ptr_array_sort (events, compare_events);
  return g_steal_pointer (&events);
}

static char *
prometheus_history_dup_description (KdccHistory *history)
{
  KdccPrometheusHistory *self = KDCC_PROMETHEUS_HISTORY (history);

  return g_strdup_printf (_("Prometheus at %s"), kdcc_prometheus_get_url (self->prometheus));
}

static void
history_iface_init (KdccHistoryInterface *iface)
{
  iface->dup_description = prometheus_history_dup_description;
  iface->query_range = prometheus_history_query_range;
  iface->list_events = prometheus_history_list_events;
}

/* Discovery */

char *
kdcc_prometheus_history_discover_url (KdccProfile   *profile,
                                      KdccSource    *source,
                                      GCancellable  *cancellable,
                                      GError       **error)
{
  g_return_val_if_fail (profile == NULL || KDCC_IS_PROFILE (profile), NULL);

  if (profile != NULL && kdcc_profile_get_prometheus_url (profile) != NULL)
    return g_strdup (kdcc_profile_get_prometheus_url (profile));
  if (source == NULL)
    return NULL;
  return kdcc_prometheus_discover_url (source, KDCC_PROMETHEUS_SETTING_PROMETHEUS,
                                       cancellable, error);
}

static void
discover_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  KdccProfile *profile = g_object_get_data (G_OBJECT (task), "profile");
  KdccSource *source = task_data;
  GError *error = NULL;
  g_autofree char *url = kdcc_prometheus_history_discover_url (profile, source, cancellable,
                                                               &error);
  g_autoptr(KdccPrometheus) prometheus = NULL;

  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (url == NULL)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  prometheus = kdcc_prometheus_new (url);
  g_task_return_pointer (task, kdcc_prometheus_history_new (prometheus), g_object_unref);
}

void
kdcc_prometheus_history_discover_async (KdccProfile         *profile,
                                        KdccSource          *source,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, kdcc_prometheus_history_discover_async);
  if (profile != NULL)
    g_object_set_data_full (G_OBJECT (task), "profile", g_object_ref (profile), g_object_unref);
  if (source != NULL)
    g_task_set_task_data (task, g_object_ref (source), g_object_unref);
  g_task_run_in_thread (task, discover_thread);
}

KdccPrometheusHistory *
kdcc_prometheus_history_discover_finish (GAsyncResult  *result,
                                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The object */

KdccPrometheusHistory *
kdcc_prometheus_history_new (KdccPrometheus *prometheus)
{
  KdccPrometheusHistory *self;

  g_return_val_if_fail (KDCC_IS_PROMETHEUS (prometheus), NULL);

  self = g_object_new (KDCC_TYPE_PROMETHEUS_HISTORY, NULL);
  self->prometheus = g_object_ref (prometheus);
  return self;
}

KdccPrometheus *
kdcc_prometheus_history_get_prometheus (KdccPrometheusHistory *self)
{
  g_return_val_if_fail (KDCC_IS_PROMETHEUS_HISTORY (self), NULL);

  return self->prometheus;
}

static void
kdcc_prometheus_history_finalize (GObject *object)
{
  KdccPrometheusHistory *self = KDCC_PROMETHEUS_HISTORY (object);

  g_clear_object (&self->prometheus);

  G_OBJECT_CLASS (kdcc_prometheus_history_parent_class)->finalize (object);
}

static void
kdcc_prometheus_history_class_init (KdccPrometheusHistoryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kdcc_prometheus_history_finalize;
}

static void
kdcc_prometheus_history_init (KdccPrometheusHistory *self)
{
}
