/* kdcc-history-section.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kdcc-history-chart.h"
#include "kdcc-session.h"

G_BEGIN_DECLS

#define KDCC_TYPE_HISTORY_SECTION (kdcc_history_section_get_type ())

G_DECLARE_FINAL_TYPE (KdccHistorySection, kdcc_history_section, KDCC, HISTORY_SECTION, GtkWidget)

/* The history part of a page: a header naming where the history comes from
 * (Prometheus or KDCC's flight recorder, kdcc-session-history.h) with the
 * time range (1 h, 6 h, 24 h, 7 d), the page's KdccHistoryCharts, the
 * capacity forecast when asked for, and "what changed" in the range, also
 * shown as markers on every chart. Reloads when the range changes, when the
 * session's history is found, and every KDCC_HISTORY_SECTION_RELOAD seconds
 * while mapped.
 *
 * Property "range" (KdccChartRange). Signal "loaded" after every chart,
 * the events and the forecast of one reload arrived. */
#define KDCC_HISTORY_SECTION_RELOAD 30

GtkWidget     *kdcc_history_section_new          (void);
void           kdcc_history_section_set_session  (KdccHistorySection *self,
                                                  KdccSession        *session);
void           kdcc_history_section_add_chart    (KdccHistorySection *self,
                                                  KdccHistoryChart   *chart);
/* Shows the capacity forecast of the cluster (pool NULL) or of one pool,
 * with the capacity the cluster model has at each reload. */
void           kdcc_history_section_set_forecast (KdccHistorySection *self,
                                                  gboolean            enabled,
                                                  const char         *pool);
KdccChartRange kdcc_history_section_get_range    (KdccHistorySection *self);
void           kdcc_history_section_set_range    (KdccHistorySection *self,
                                                  KdccChartRange      range);
void           kdcc_history_section_reload       (KdccHistorySection *self);

/* For tests: the charts, the forecast rows' sentences ("" when hidden),
 * the events listed and the header's source line. */
GPtrArray     *kdcc_history_section_get_charts   (KdccHistorySection *self);
const char    *kdcc_history_section_get_forecast_text (KdccHistorySection *self,
                                                       const char         *which);
guint          kdcc_history_section_get_n_events (KdccHistorySection *self);
const char    *kdcc_history_section_get_source_text (KdccHistorySection *self);
guint          kdcc_history_section_get_n_loads  (KdccHistorySection *self);

/* The query a section sends for range ending at end_ms: its start and step
 * (about 240 points per range). */
void           kdcc_history_section_range_query  (KdccChartRange      range,
                                                  gint64              end_ms,
                                                  KdccHistoryQuery   *query);

G_END_DECLS
