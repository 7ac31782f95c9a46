/* kdcc-flight-recorder-scrub.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-flight-recorder"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdcc-error.h"
#include "kdcc-flight-recorder-private.h"

/* The scrub planner's history: how many PGs of each pool were
 * deep-scrubbed between two refreshes. The stamps alone show only the last
 * deep scrub of each PG; counting the stamps that move shows the rate the
 * cluster actually achieves, including PGs scrubbed twice in one
 * interval. */

GHashTable *
_kdcc_flight_recorder_scrub_capture (KdccSnapshot *snapshot)
{
  g_autoptr(GHashTable) stamps = NULL;
  gboolean any = FALSE;

  if (snapshot->pgs == NULL || snapshot->pgs->len == 0)
    return NULL;
  stamps = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < snapshot->pgs->len; i++)
    {
      KdccPgData *pg = g_ptr_array_index (snapshot->pgs, i);

      if (pg->pgid == NULL || pg->last_deep_scrub_stamp <= 0)
        continue;
      g_hash_table_replace (stamps, g_strdup (pg->pgid),
                            GSIZE_TO_POINTER ((gsize) pg->last_deep_scrub_stamp));
      any = TRUE;
    }
  /* `pg dump pgs_brief` (very large clusters) has no stamps. */
  return any ? g_steal_pointer (&stamps) : NULL;
}

int
_kdcc_flight_recorder_scrub_write (KdccFlightRecorder *self,
                                   gint64              time,
                                   GHashTable         *stamps)
{
  GHashTableIter iter;
  gpointer key, value;
  int rc = SQLITE_OK;

  if (self->deep_stamps != NULL && time <= self->deep_stamps_time)
    return SQLITE_OK;   /* out of order: keep the newer baseline */

  if (self->deep_stamps != NULL)
    {
      g_autoptr(GArray) pools = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GArray) numbers = g_array_new (FALSE, TRUE, sizeof (gint64));

      g_hash_table_iter_init (&iter, stamps);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          gpointer old = NULL;
          gint64 pool = g_ascii_strtoll (key, NULL, 10);
          guint j;

          for (j = 0; j < pools->len && g_array_index (pools, gint64, j) != pool; j++)
            ;
          if (j == pools->len)
            {
              gint64 zero = 0;

              g_array_append_val (pools, pool);
              g_array_append_val (numbers, zero);
            }
          /* A PG new since the previous refresh has no earlier stamp to
           * compare: not counted. */
          if (g_hash_table_lookup_extended (self->deep_stamps, key, NULL, &old)
              && GPOINTER_TO_SIZE (value) > GPOINTER_TO_SIZE (old))
            g_array_index (numbers, gint64, j)++;
        }
      for (guint j = 0; rc == SQLITE_OK && j < pools->len; j++)
        {
          sqlite3_stmt *stmt = NULL;

          rc = sqlite3_prepare_v2 (self->db, "INSERT OR REPLACE INTO scrub_samples"
                                   " (time, pool, since, deep_scrubs) VALUES (?, ?, ?, ?)",
                                   -1, &stmt, NULL);
          if (rc != SQLITE_OK)
            break;
          sqlite3_bind_int64 (stmt, 1, time);
          sqlite3_bind_int64 (stmt, 2, g_array_index (pools, gint64, j));
          sqlite3_bind_int64 (stmt, 3, self->deep_stamps_time);
          sqlite3_bind_int64 (stmt, 4, g_array_index (numbers, gint64, j));
          rc = sqlite3_step (stmt);
          sqlite3_finalize (stmt);
          rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
        }
    }
  if (rc == SQLITE_OK)
    {
      g_clear_pointer (&self->deep_stamps, g_hash_table_unref);
      self->deep_stamps = g_hash_table_ref (stamps);
      self->deep_stamps_time = time;
    }
  return rc;
}

GArray *
kdcc_flight_recorder_get_deep_scrubs (KdccFlightRecorder *self,
                                      gint64              since,
                                      GError            **error)
{
  g_autoptr(GArray) result = g_array_new (FALSE, TRUE, sizeof (KdccRecordedDeepScrubs));
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (KDCC_IS_FLIGHT_RECORDER (self), NULL);

  g_mutex_lock (&self->mutex);
  if (self->db == NULL)
    {
      g_mutex_unlock (&self->mutex);
      g_set_error_literal (error, KDCC_ERROR, KDCC_ERROR_FAILED,
                           _("The flight recorder has no store"));
      return NULL;
    }
  rc = sqlite3_prepare_v2 (self->db, "SELECT pool, sum(deep_scrubs), sum(time - since)"
                           " FROM scrub_samples WHERE since >= ? GROUP BY pool ORDER BY pool",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, since);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          KdccRecordedDeepScrubs row;

          row.pool_id = sqlite3_column_int64 (stmt, 0);
          row.deep_scrubs = (guint64) MAX (sqlite3_column_int64 (stmt, 1), 0);
          row.span = sqlite3_column_int64 (stmt, 2) / 1000.0;
          g_array_append_val (result, row);
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_OK)
    {
      _kdcc_flight_recorder_set_db_error (self, _("the scrub history could not be read"), error);
      g_mutex_unlock (&self->mutex);
      return NULL;
    }
  g_mutex_unlock (&self->mutex);
  return g_steal_pointer (&result);
}
