/* kdcc-chart-layer.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kdcc-chart-math.h"
#include "kdcc-chart-series.h"

G_BEGIN_DECLS

#define KDCC_TYPE_CHART_LAYER (kdcc_chart_layer_get_type ())

G_DECLARE_DERIVABLE_TYPE (KdccChartLayer, kdcc_chart_layer, KDCC, CHART_LAYER, GtkWidget)

/* One way of drawing series on a KdccChart (lines, stacked areas). A layer
 * is a child widget of the chart, allocated to its plot area; it reads the
 * time window and value axis from the chart and draws its series'
 * decimated columns with cairo in its snapshot. Series are added in code or
 * as <child> objects in a .ui file. */
struct _KdccChartLayerClass
{
  GtkWidgetClass parent_class;

  /* The smallest and largest value the layer draws in the chart's window
   * when n_columns wide (a stacked layer: its sums). FALSE when it draws
   * nothing there. */
  gboolean (*get_extent) (KdccChartLayer *self,
                          guint           n_columns,
                          double         *out_min,
                          double         *out_max);
};

void             kdcc_chart_layer_add_series    (KdccChartLayer  *self,
                                                 KdccChartSeries *series);
void             kdcc_chart_layer_remove_series (KdccChartLayer  *self,
                                                 KdccChartSeries *series);
guint            kdcc_chart_layer_get_n_series  (KdccChartLayer  *self);
KdccChartSeries *kdcc_chart_layer_get_series    (KdccChartLayer  *self,
                                                 guint            index);
gboolean         kdcc_chart_layer_get_extent    (KdccChartLayer  *self,
                                                 guint            n_columns,
                                                 double          *out_min,
                                                 double          *out_max);

/* For subclasses. The columns of series index over the chart's window,
 * n_columns wide, decimated once and kept until the series, the window or
 * the width changes. Borrowed. NULL when the layer is not in a chart. */
const KdccChartColumn *kdcc_chart_layer_get_columns (KdccChartLayer *self,
                                                     guint           index,
                                                     guint           n_columns);
/* The chart's window and value axis, and the colour of a series. FALSE
 * when the layer is not in a chart. */
gboolean         kdcc_chart_layer_get_view      (KdccChartLayer  *self,
                                                 gint64          *start,
                                                 gint64          *end,
                                                 double          *value_min,
                                                 double          *value_max);
void             kdcc_chart_layer_get_color     (KdccChartLayer  *self,
                                                 guint            index,
                                                 GdkRGBA         *rgba);

G_END_DECLS
