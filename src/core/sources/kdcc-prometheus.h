/* kdcc-prometheus.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kdcc-prometheus-parse.h"
#include "kdcc-source.h"

G_BEGIN_DECLS

#define KDCC_TYPE_PROMETHEUS (kdcc_prometheus_get_type ())

G_DECLARE_FINAL_TYPE (KdccPrometheus, kdcc_prometheus, KDCC, PROMETHEUS, GObject)

/* A client of one Prometheus server's HTTP API (v1), e.g. url
 * "http://prometheus.example:9090", through the bounded HTTP layer
 * (kdcc-http): every answer has a size limit and a whole-exchange deadline.
 * The calls block: run them on a worker thread (KdccPrometheusHistory in
 * services does, behind KdccHistory). Thread-safe.
 *
 * Properties: "url" (string, construct-only, without a trailing slash). */
KdccPrometheus *kdcc_prometheus_new               (const char      *url);
const char     *kdcc_prometheus_get_url           (KdccPrometheus  *self);

/* The largest answer accepted, decoded, and the deadline of one exchange.
 * A range query over every OSD of a large cluster is the big one: 10,000
 * OSDs × 240 steps is about 60 MB of JSON. */
#define KDCC_PROMETHEUS_MAX_BODY   (128 * 1000 * 1000)
#define KDCC_PROMETHEUS_DEADLINE_MS 30000

/* Overrides the limits of every later request: the largest answer
 * accepted (bytes, on the wire and decoded) and the deadline of one whole
 * exchange (ms). 0 restores each one's default. Tests set them small. */
void            kdcc_prometheus_set_limits        (KdccPrometheus  *self,
                                                   guint64          max_body,
                                                   guint            deadline_ms);

/* GET /api/v1/query_range for promql from start to end (Unix ms) at step
 * (ms). Returns (element-type KdccPrometheusSeries), as the server sent
 * them. Fails with KDCC_ERROR_CONNECT / _TIMEOUT / _TLS when the server
 * cannot be reached, KDCC_ERROR_HTTP with Prometheus' own message when it
 * refuses the query, KDCC_ERROR_LIMIT, KDCC_ERROR_PARSE, or
 * G_IO_ERROR_CANCELLED. */
GPtrArray      *kdcc_prometheus_query_range       (KdccPrometheus  *self,
                                                   const char      *promql,
                                                   gint64           start,
                                                   gint64           end,
                                                   gint64           step,
                                                   GCancellable    *cancellable,
                                                   GError         **error);

/* The base URLs of the Alertmanagers this Prometheus sends alerts to
 * (GET /api/v1/alertmanagers); empty when it has none. */
char          **kdcc_prometheus_dup_alertmanagers (KdccPrometheus  *self,
                                                   GCancellable    *cancellable,
                                                   GError         **error);

/* The server's version, from GET /api/v1/status/buildinfo ("2.42.0"). */
char           *kdcc_prometheus_dup_version       (KdccPrometheus  *self,
                                                   GCancellable    *cancellable,
                                                   GError         **error);

/* Formats a Unix ms time as the seconds Prometheus takes ("1764547200.5"). */
char           *kdcc_prometheus_format_time       (gint64           time);

/* Where the Ceph Dashboard says its Prometheus or Alertmanager is (the
 * PROMETHEUS_API_HOST and ALERTMANAGER_API_HOST settings that
 * `ceph dashboard set-prometheus-api-host` writes), read through source:
 * the mgr command with librados, GET /api/settings/... with the Dashboard.
 * Returns NULL without an error when the setting is empty. Blocks. */
typedef enum
{
  KDCC_PROMETHEUS_SETTING_PROMETHEUS,
  KDCC_PROMETHEUS_SETTING_ALERTMANAGER,
} KdccPrometheusSetting;

char           *kdcc_prometheus_discover_url      (KdccSource             *source,
                                                   KdccPrometheusSetting   setting,
                                                   GCancellable           *cancellable,
                                                   GError                **error);

G_END_DECLS
