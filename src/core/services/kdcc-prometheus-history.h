/* kdcc-prometheus-history.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kdcc-history.h"
#include "kdcc-profile.h"
#include "kdcc-prometheus.h"

G_BEGIN_DECLS

#define KDCC_TYPE_PROMETHEUS_HISTORY (kdcc_prometheus_history_get_type ())

G_DECLARE_FINAL_TYPE (KdccPrometheusHistory, kdcc_prometheus_history, KDCC, PROMETHEUS_HISTORY, GObject)

/* KdccHistory answered by a Prometheus server that scrapes the Ceph mgr
 * exporter (its metric names: ceph-facts.md §5). It lives in services
 * because it maps KDCC's series onto PromQL; the HTTP client and the parser
 * are KdccPrometheus in sources.
 *
 * Labels: pool series are named by pool name (joined through
 * ceph_pool_metadata), OSD series by "osd.N" (ceph_daemon), PG states by the
 * word after "ceph_pg_". A point Prometheus has no sample for is not in the
 * answer; where that leaves a hole, a NAN point marks the gap.
 *
 * Events come from the same server: ceph_health_detail (checks raised and
 * cleared), ceph_osd_up / ceph_osd_in and ceph_osd_flag_* changing value
 * between two steps of the range. */
KdccPrometheusHistory *kdcc_prometheus_history_new        (KdccPrometheus         *prometheus);
KdccPrometheus        *kdcc_prometheus_history_get_prometheus (KdccPrometheusHistory *self);

/* The PromQL KDCC sends for query (step decides the rate window). Public
 * so tests and kdcc-cli can show or send the same query. */
char                  *kdcc_prometheus_history_dup_promql  (const KdccHistoryQuery *query);

/* Where this profile's Prometheus is: its "prometheus-url" when set, else
 * the Ceph Dashboard's PROMETHEUS_API_HOST read through source (which may
 * be NULL). Returns NULL without an error when neither says. Blocks. */
char                  *kdcc_prometheus_history_discover_url (KdccProfile          *profile,
                                                             KdccSource           *source,
                                                             GCancellable         *cancellable,
                                                             GError              **error);
/* The same on a worker thread; the result is a KdccPrometheusHistory or
 * NULL (no error) when the cluster has no known Prometheus. */
void                   kdcc_prometheus_history_discover_async  (KdccProfile         *profile,
                                                                KdccSource          *source,
                                                                GCancellable        *cancellable,
                                                                GAsyncReadyCallback  callback,
                                                                gpointer             user_data);
KdccPrometheusHistory *kdcc_prometheus_history_discover_finish (GAsyncResult        *result,
                                                                GError             **error);

G_END_DECLS
