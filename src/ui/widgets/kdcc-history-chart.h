/* kdcc-history-chart.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kdcc-chart.h"
#include "kdcc-history.h"

G_BEGIN_DECLS

#define KDCC_TYPE_HISTORY_CHART (kdcc_history_chart_get_type ())

G_DECLARE_FINAL_TYPE (KdccHistoryChart, kdcc_history_chart, KDCC, HISTORY_CHART, GtkWidget)

/* One titled KdccChart fed from a KdccHistory: the series of one or more
 * history metrics over a time range, asked for on a worker thread. It does
 * not know whether Prometheus or the flight recorder answers.
 *
 * A metric added with a NULL series title gives one series per label the
 * store answers (one per pool, OSD or PG state), named by the label; a
 * label filter then keeps only the listed labels (the OSDs of one host).
 *
 * Signal "loaded" after each load finished (all its queries answered or
 * failed). */
GtkWidget  *kdcc_history_chart_new              (const char          *title,
                                                 KdccChartUnit        unit,
                                                 gboolean             stacked);
void        kdcc_history_chart_add_metric       (KdccHistoryChart    *self,
                                                 KdccHistoryMetric    metric,
                                                 const char          *label,
                                                 const char          *series_title);
void        kdcc_history_chart_set_label_filter (KdccHistoryChart    *self,
                                                 const char * const  *labels);
/* Multiplies every value before it is drawn: 0.01 turns the history's
 * percent (0..100) into the chart's fraction (KDCC_CHART_UNIT_PERCENT). */
void        kdcc_history_chart_set_value_scale  (KdccHistoryChart    *self,
                                                 double               scale);
/* Asks history for query's range (its metric and label are ignored: each
 * added metric is asked) and shows the answer in a chart of range. A load
 * started while another runs cancels that one. */
void        kdcc_history_chart_load             (KdccHistoryChart       *self,
                                                 KdccHistory            *history,
                                                 const KdccHistoryQuery *query,
                                                 KdccChartRange          range);
/* "What changed" markers: (element-type KdccHistoryEvent). */
void        kdcc_history_chart_set_events       (KdccHistoryChart    *self,
                                                 GPtrArray           *events);
KdccChart  *kdcc_history_chart_get_chart        (KdccHistoryChart    *self);
const char *kdcc_history_chart_get_title        (KdccHistoryChart    *self);
/* The last load's error message, NULL when it succeeded. */
const char *kdcc_history_chart_get_error        (KdccHistoryChart    *self);
/* How many loads finished so far. */
guint       kdcc_history_chart_get_n_loads      (KdccHistoryChart    *self);

G_END_DECLS
