/* kdcc-chart-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a chart and its layers tell each other.
 */
#pragma once

#include "kdcc-chart.h"

G_BEGIN_DECLS

void _kdcc_chart_get_view         (KdccChart       *self,
                                   gint64          *start,
                                   gint64          *end,
                                   double          *value_min,
                                   double          *value_max);
void _kdcc_chart_get_series_color (KdccChart       *self,
                                   KdccChartSeries *series,
                                   GdkRGBA         *rgba);
/* A layer's series were added, removed or changed: the axis, the legend
 * and the read-out may have to follow. */
void _kdcc_chart_layer_changed    (KdccChart       *self,
                                   gboolean         series_list_changed);

G_END_DECLS
