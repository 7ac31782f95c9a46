/* kdcc-prometheus-parse.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Parsers of the answers of a Prometheus server (HTTP API v1) and of its
 * Alertmanager (API v2). Outside input: every shape is checked, nothing is
 * trusted to be there, and they are fuzzed (tests/fuzz). No I/O; any thread.
 * Errors are KDCC_ERROR_PARSE naming the member, as kdcc-json's. */

typedef struct
{
  gint64 time;    /* Unix ms */
  double value;   /* as Prometheus wrote it; "NaN" is NAN */
} KdccPrometheusPoint;

typedef struct
{
  GHashTable *labels;   /* (element-type utf8 utf8) the series' labels, __name__ included */
  GArray     *points;   /* (element-type KdccPrometheusPoint) in time order */
} KdccPrometheusSeries;

void        kdcc_prometheus_series_free (KdccPrometheusSeries *series);

/* A range query's answer ({"status":"success","data":{"resultType":
 * "matrix","result":[{"metric":{…},"values":[[1764547200.5,"1"],…]}]}}).
 * Returns (element-type KdccPrometheusSeries). An answer with
 * "status":"error" fails with its errorType and error. */
GPtrArray  *kdcc_prometheus_parse_matrix        (const char  *text,
                                                 gsize        length,
                                                 GError     **error);

/* The "error" member of a Prometheus error answer (HTTP 400, 422, 503) or
 * the "message" of an Alertmanager one, or NULL when text is neither. */
char       *kdcc_prometheus_parse_error_message (const char  *text,
                                                 gsize        length);

/* /api/v1/alertmanagers: the base URLs ("http://host:9093") of the active
 * Alertmanagers, without their "/api/v2/alerts" path. NULL-terminated. */
char      **kdcc_prometheus_parse_alertmanagers (const char  *text,
                                                 gsize        length,
                                                 GError     **error);

/* The version a server reports: Prometheus' /api/v1/status/buildinfo
 * (data.version) when alertmanager is FALSE, Alertmanager's /api/v2/status
 * (versionInfo.version) when TRUE. */
char       *kdcc_prometheus_parse_version       (const char  *text,
                                                 gsize        length,
                                                 gboolean     alertmanager,
                                                 GError     **error);

/* One alert as the Alertmanager lists it (GET /api/v2/alerts). */
typedef struct
{
  char       *fingerprint;
  char       *name;          /* labels.alertname */
  char       *severity;      /* labels.severity, or NULL */
  char       *summary;       /* annotations.summary, else .description, or NULL */
  char       *state;         /* status.state: "active", "suppressed", "unprocessed" */
  GPtrArray  *silenced_by;   /* (element-type utf8) silence ids */
  GHashTable *labels;        /* (element-type utf8 utf8) */
  gint64      starts_at;     /* Unix ms, 0 when absent or unreadable */
} KdccAlert;

void        kdcc_alert_free (KdccAlert *alert);

/* Returns (element-type KdccAlert). */
GPtrArray  *kdcc_prometheus_parse_alerts        (const char  *text,
                                                 gsize        length,
                                                 GError     **error);

/* POST /api/v2/silences answers {"silenceID":"…"}. */
char       *kdcc_prometheus_parse_silence_id    (const char  *text,
                                                 gsize        length,
                                                 GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdccPrometheusSeries, kdcc_prometheus_series_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdccAlert, kdcc_alert_free)

G_END_DECLS
