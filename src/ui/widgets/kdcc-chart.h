/* kdcc-chart.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kdcc-chart-layer.h"
#include "kdcc-chart-series.h"

G_BEGIN_DECLS

#define KDCC_TYPE_CHART (kdcc_chart_get_type ())

G_DECLARE_FINAL_TYPE (KdccChart, kdcc_chart, KDCC, CHART, GtkWidget)

/* A time chart (CSS name "chart"), sysprof's split: the chart owns the time
 * window, the value axis, the legend and the hover read-out; its layers
 * (KdccLineLayer, KdccStackedLayer) draw series (KdccChartSeries) into the
 * plot area. Layers are added in code or as <child> objects in a .ui file.
 *
 * Properties:
 *  - "range" (KdccChartRange): how much time the chart shows (1 h … 7 d);
 *  - "end-time" (int64, wall-clock µs): the right edge; 0 follows the
 *    newest sample of any series (or now when there is none);
 *  - "unit" (KdccChartUnit): how the value axis and read-out format values;
 *  - "hover-time" (int64, read-only, 0 when none): where the read-out is.
 *
 * The read-out appears while the pointer is over the plot: the time and
 * each series' exact value there, in its colour. Colours follow the light
 * or dark style (AdwStyleManager). */
GtkWidget     *kdcc_chart_new               (void);
void           kdcc_chart_add_layer         (KdccChart      *self,
                                             KdccChartLayer *layer);
void           kdcc_chart_remove_layer      (KdccChart      *self,
                                             KdccChartLayer *layer);
KdccChartRange kdcc_chart_get_range         (KdccChart      *self);
void           kdcc_chart_set_range         (KdccChart      *self,
                                             KdccChartRange  range);
gint64         kdcc_chart_get_end_time      (KdccChart      *self);
void           kdcc_chart_set_end_time      (KdccChart      *self,
                                             gint64          end_time);
KdccChartUnit  kdcc_chart_get_unit          (KdccChart      *self);
void           kdcc_chart_set_unit          (KdccChart      *self,
                                             KdccChartUnit   unit);
/* The window shown now, after "end-time" 0 was resolved. */
void           kdcc_chart_get_window        (KdccChart      *self,
                                             gint64         *start,
                                             gint64         *end);

/* What the pointer does, callable directly (tests, keyboard): show the
 * read-out for a time, or hide it. */
void           kdcc_chart_set_hover_time    (KdccChart      *self,
                                             gint64          time);
void           kdcc_chart_clear_hover       (KdccChart      *self);
gint64         kdcc_chart_get_hover_time    (KdccChart      *self);
/* The read-out as plain text, one line per series after the time ("" when
 * hidden): what the screen shows and what assistive technology reads. */
const char    *kdcc_chart_get_readout_text  (KdccChart      *self);

/* "What changed" markers: a thin line at each time (wall-clock µs) with a
 * flag on top; the read-out lists the texts of the markers near the
 * pointer. Replaces the markers shown before. */
void           kdcc_chart_set_markers       (KdccChart          *self,
                                             const gint64       *times,
                                             const char * const *texts,
                                             guint               n_markers);
guint          kdcc_chart_get_n_markers     (KdccChart          *self);

G_END_DECLS
