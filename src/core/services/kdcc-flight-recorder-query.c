/* kdcc-flight-recorder-query.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-flight-recorder"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "kdcc-error.h"
#include "kdcc-flight-recorder-private.h"

/* The KdccHistory half of the flight recorder: reads raw samples in time
 * order and averages them into the requested steps. */

static const char *
cluster_column (KdccHistoryMetric metric)
{
  switch ((int) metric)
    {
    case KDCC_HISTORY_CLIENT_READ_OPS: return "read_ops";
    case KDCC_HISTORY_CLIENT_WRITE_OPS: return "write_ops";
    case KDCC_HISTORY_CLIENT_READ_BYTES: return "read_bytes";
    case KDCC_HISTORY_CLIENT_WRITE_BYTES: return "write_bytes";
    case KDCC_HISTORY_RECOVERY_BYTES: return "recovery_bytes";
    case KDCC_HISTORY_RECOVERY_OBJECTS: return "recovery_objects";
    case KDCC_HISTORY_CAPACITY_USED: return "used_bytes";
    case KDCC_HISTORY_CAPACITY_TOTAL: return "total_bytes";
    default: return NULL;
    }
}

static const char *
pool_column (KdccHistoryMetric metric)
{
  switch ((int) metric)
    {
    case KDCC_HISTORY_POOL_STORED: return "stored";
    case KDCC_HISTORY_POOL_MAX_AVAIL: return "max_avail";
    case KDCC_HISTORY_POOL_READ_OPS: return "read_ops";
    case KDCC_HISTORY_POOL_WRITE_OPS: return "write_ops";
    case KDCC_HISTORY_POOL_READ_BYTES: return "read_bytes";
    case KDCC_HISTORY_POOL_WRITE_BYTES: return "write_bytes";
    default: return NULL;
    }
}

static const char *
osd_column (KdccHistoryMetric metric)
{
  switch ((int) metric)
    {
    case KDCC_HISTORY_OSD_UTILIZATION: return "utilization";
    case KDCC_HISTORY_OSD_COMMIT_LATENCY: return "commit_latency";
    case KDCC_HISTORY_OSD_APPLY_LATENCY: return "apply_latency";
    default: return NULL;
    }
}

/* Raw samples of one label, in time order. */
static GArray *
raw_for (GHashTable *raw,
         const char *label)
{
  GArray *samples = g_hash_table_lookup (raw, label);

  if (samples == NULL)
    {
      samples = g_array_new (FALSE, FALSE, sizeof (KdccHistoryPoint));
      g_hash_table_insert (raw, g_strdup (label), samples);
    }
  return samples;
}

static void
raw_add (GHashTable *raw,
         const char *label,
         gint64      time,
         double      value)
{
  KdccHistoryPoint p = { time, value };

  g_array_append_val (raw_for (raw, label), p);
}

/* Adds the PG state counts of one "word=N;word=N" text. A sample exists for
 * every word the chart shows: a word absent from the text had no PG. */
static void
add_pg_states (GHashTable *raw,
               const char *filter,
               gint64      time,
               const char *text)
{
  const char * const *words = kdcc_history_pg_state_words ();
  g_auto(GStrv) parts = g_strsplit (text ? text : "", ";", -1);

  for (guint i = 0; words[i] != NULL; i++)
    {
      double count = 0;

      if (filter != NULL && !g_str_equal (filter, words[i]))
        continue;
      for (guint j = 0; parts[j] != NULL; j++)
        {
          const char *eq = strchr (parts[j], '=');

          if (eq != NULL && (gsize) (eq - parts[j]) == strlen (words[i]) &&
              strncmp (parts[j], words[i], eq - parts[j]) == 0)
            {
              count = g_ascii_strtod (eq + 1, NULL);
              break;
            }
        }
      raw_add (raw, words[i], time, count);
    }
}

static gint
compare_labels (gconstpointer a,
                gconstpointer b)
{
  const KdccHistorySeries *sa = *(KdccHistorySeries **) a;
  const KdccHistorySeries *sb = *(KdccHistorySeries **) b;

  return g_strcmp0 (sa->label, sb->label);
}

static GPtrArray *
flight_recorder_query_range (KdccHistory             *history,
                             const KdccHistoryQuery  *query,
                             GCancellable            *cancellable,
                             GError                 **error)
{
  KdccFlightRecorder *self = KDCC_FLIGHT_RECORDER (history);
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_history_series_unref);
  g_autoptr(GHashTable) raw = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                     (GDestroyNotify) g_array_unref);
  g_autofree char *sql = NULL;
  const char *column = cluster_column (query->metric);
  gboolean per_label = FALSE, pg = FALSE;
  sqlite3_stmt *stmt = NULL;
  GHashTableIter iter;
  gpointer key, value;
  int rc;

  if (column != NULL)
    sql = g_strdup_printf ("SELECT time, %s FROM cluster_samples WHERE time BETWEEN ?1 AND ?2 "
                           "ORDER BY time", column);
  else if (query->metric == KDCC_HISTORY_PG_STATES)
    {
      sql = g_strdup ("SELECT time, pg_states FROM cluster_samples WHERE time BETWEEN ?1 AND ?2 "
                      "ORDER BY time");
      pg = TRUE;
    }
  else if ((column = pool_column (query->metric)) != NULL)
    {
      /* Rows of a refresh that fetched only usage or only IO hold NULL in
       * the other columns; those are not gaps in this series. */
      sql = g_strdup_printf ("SELECT time, %s, pool FROM pool_samples WHERE time BETWEEN ?1 AND ?2 "
                             "AND (?3 IS NULL OR pool = ?3) AND %s IS NOT NULL ORDER BY pool, time",
                             column, column);
      per_label = TRUE;
    }
  else if ((column = osd_column (query->metric)) != NULL)
    {
      sql = g_strdup_printf ("SELECT time, %s, osd FROM osd_samples WHERE time BETWEEN ?1 AND ?2 "
                             "AND (?3 IS NULL OR osd = ?3) AND %s IS NOT NULL ORDER BY osd, time",
                             column, column);
      per_label = TRUE;
    }
  else
    return g_steal_pointer (&result);

  g_mutex_lock (&self->mutex);
  rc = self->db ? sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) : SQLITE_CANTOPEN;
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, query->start);
      sqlite3_bind_int64 (stmt, 2, query->end);
      if (per_label && query->label != NULL)
        sqlite3_bind_text (stmt, 3, query->label, -1, SQLITE_TRANSIENT);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 time = sqlite3_column_int64 (stmt, 0);

          if (pg)
            add_pg_states (raw, query->label, time, (const char *) sqlite3_column_text (stmt, 1));
          else
            raw_add (raw, per_label ? (const char *) sqlite3_column_text (stmt, 2) : "", time,
                     sqlite3_column_type (stmt, 1) == SQLITE_NULL
                       ? NAN : sqlite3_column_double (stmt, 1));
        }
      if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }
  if (rc != SQLITE_OK)
    _kdcc_flight_recorder_set_db_error (self, _("the history could not be read"), error);
  sqlite3_finalize (stmt);
  g_mutex_unlock (&self->mutex);

  if (rc != SQLITE_OK)
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  g_hash_table_iter_init (&iter, raw);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GArray *samples = value;
      g_autoptr(KdccHistorySeries) series = NULL;

      series = kdcc_history_series_new (query->metric,
                                        kdcc_history_metric_is_labelled (query->metric) ? key : NULL);
      g_array_unref (series->points);
      series->points = kdcc_history_downsample ((KdccHistoryPoint *) samples->data, samples->len,
                                                query->start, query->end, query->step);
      if (series->points->len > 0)
        g_ptr_array_add (result, g_steal_pointer (&series));
    }
  g_ptr_array_sort (result, compare_labels);
  return g_steal_pointer (&result);
}

static GPtrArray *
flight_recorder_list_events (KdccHistory   *history,
                             gint64         start,
                             gint64         end,
                             GCancellable  *cancellable,
                             GError       **error)
{
  KdccFlightRecorder *self = KDCC_FLIGHT_RECORDER (history);
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_history_event_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_mutex_lock (&self->mutex);
  rc = self->db ? sqlite3_prepare_v2 (self->db,
                                      "SELECT time, kind, subject, detail FROM events "
                                      "WHERE time BETWEEN ? AND ? ORDER BY time, rowid",
                                      -1, &stmt, NULL)
                : SQLITE_CANTOPEN;
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, start);
      sqlite3_bind_int64 (stmt, 2, end);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          KdccHistoryEventKind kind;

          /* A kind this version does not know (a newer KDCC wrote it) is
           * skipped, not misread. */
          if (!kdcc_history_event_kind_from_string ((const char *) sqlite3_column_text (stmt, 1),
                                                    &kind))
            continue;
          g_ptr_array_add (events,
                           kdcc_history_event_new (sqlite3_column_int64 (stmt, 0), kind,
                                                   (const char *) sqlite3_column_text (stmt, 2),
                                                   (const char *) sqlite3_column_text (stmt, 3)));
        }
      if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }
  if (rc != SQLITE_OK)
    _kdcc_flight_recorder_set_db_error (self, _("the events could not be read"), error);
  sqlite3_finalize (stmt);
  g_mutex_unlock (&self->mutex);

  if (rc != SQLITE_OK)
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return g_steal_pointer (&events);
}

static char *
flight_recorder_dup_description (KdccHistory *history)
{
  KdccFlightRecorder *self = KDCC_FLIGHT_RECORDER (history);

  return g_strdup_printf (_("KDCC flight recorder (%s)"), self->path);
}

void
_kdcc_flight_recorder_history_init (KdccHistoryInterface *iface)
{
  iface->dup_description = flight_recorder_dup_description;
  iface->query_range = flight_recorder_query_range;
  iface->list_events = flight_recorder_list_events;
}
