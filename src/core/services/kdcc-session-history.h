/* kdcc-session-history.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kdcc-alertmanager.h"
#include "kdcc-flight-recorder.h"
#include "kdcc-forecast.h"
#include "kdcc-history.h"
#include "kdcc-prometheus.h"
#include "kdcc-session.h"

G_BEGIN_DECLS

#define KDCC_TYPE_SESSION_HISTORY (kdcc_session_history_get_type ())

G_DECLARE_FINAL_TYPE (KdccSessionHistory, kdcc_session_history, KDCC, SESSION_HISTORY, GObject)

/* The history of one session's cluster, as the pages draw it: one
 * KdccHistory, chosen once per session. A Prometheus server when the
 * profile names one or the Ceph Dashboard knows one (its
 * PROMETHEUS_API_HOST), else KDCC's own flight recorder, which records
 * every refresh of the session's monitor from the moment the history is
 * asked for. The flight recorder records even when Prometheus answers, so
 * the history survives the Prometheus server going away.
 *
 * The Alertmanager, when there is one: the one the Prometheus in use sends
 * its alerts to, else the Dashboard's ALERTMANAGER_API_HOST.
 *
 * Properties (read-only): "history" (KdccHistory, NULL until resolved),
 * "alertmanager" (KdccAlertmanager, NULL when there is none), "resolved"
 * (boolean: TRUE once discovery finished), "description" (string: where
 * the history comes from, for the pages), "problem" (string, nullable: why
 * the flight recorder could not be used, or was started afresh).
 * Read-write: "max-days", "max-mb" (uint): the flight recorder's bounds. */

/* The session's history, made and attached to the session on the first
 * call; discovery starts then. Borrowed: it lives as long as the session. */
KdccSessionHistory *kdcc_session_history_get              (KdccSession        *session);
KdccHistory        *kdcc_session_history_get_history      (KdccSessionHistory *self);
KdccAlertmanager   *kdcc_session_history_get_alertmanager (KdccSessionHistory *self);
/* The Prometheus server in use, NULL when there is none (or discovery has
 * not finished: see "resolved"). */
KdccPrometheus     *kdcc_session_history_get_prometheus   (KdccSessionHistory *self);
KdccFlightRecorder *kdcc_session_history_get_recorder     (KdccSessionHistory *self);
gboolean            kdcc_session_history_get_resolved     (KdccSessionHistory *self);
const char         *kdcc_session_history_get_description  (KdccSessionHistory *self);
const char         *kdcc_session_history_get_problem      (KdccSessionHistory *self);
void                kdcc_session_history_set_limits       (KdccSessionHistory *self,
                                                           guint               max_days,
                                                           guint               max_mb);

/* The capacity forecast of the cluster (pool NULL: raw used against the
 * raw total) or of one pool (stored against stored + max avail, and its
 * quota when it has one), from the last 7 days of history, at the
 * cluster's nearfull and full ratios (read from the OSD map when the
 * connection runs mon commands, else Ceph's defaults 0.85 and 0.95).
 * capacity and quota in bytes as the latest refresh has them. */
typedef struct
{
  KdccCapacityForecast forecast;
  double               nearfull_ratio;
  double               full_ratio;
  gboolean             ratios_read;   /* FALSE: Ceph's defaults were assumed */
} KdccSessionForecast;

#define KDCC_SESSION_FORECAST_WINDOW ((gint64) 7 * 24 * 3600 * 1000)   /* ms */
#define KDCC_SESSION_FORECAST_STEP   ((gint64) 5 * 60 * 1000)           /* ms */

void                 kdcc_session_history_forecast_async  (KdccSessionHistory  *self,
                                                           const char          *pool,
                                                           double               capacity,
                                                           double               quota,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
/* (transfer full): free with g_free. */
KdccSessionForecast *kdcc_session_history_forecast_finish (KdccSessionHistory  *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);

G_END_DECLS
