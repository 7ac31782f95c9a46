/* kdcc-chart-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a chart and its layers tell each other.
 */
#pragma once

#include "kdcc-chart.h"

G_BEGIN_DECLS

#define PLOT_TOP       8
#define PLOT_RIGHT     12
#define LABEL_GAP      6
#define READOUT_OFFSET 14

typedef struct
{
  gint64  time;   /* µs */
  char   *text;
} KdccChartMarker;

struct _KdccChart
{
  GtkWidget       parent_instance;

  /* Owned references (children) */
  GPtrArray      *layers;
  GtkWidget      *legend;
  GtkWidget      *readout;
  GtkWidget      *empty_label;

  KdccChartRange  range;
  gint64          end_time;
  KdccChartUnit   unit;
  gint64          hover_time;
  char           *readout_text;
  GArray         *markers;        /* KdccChartMarker, by time */

  /* Computed during allocation */
  graphene_rect_t plot;
  gint64          view_start;
  gint64          view_end;
  double          value_min;
  double          value_max;
  double          value_step;
  int             last_plot_width;
  gboolean        has_data;

  /* Label layouts, kept between frames: shaping text is a large part of a
   * frame otherwise. Value labels are rebuilt with the axis; time labels
   * are kept by tick time while the step stays the same. */
  PangoAttrList  *label_attrs;
  GTimeZone      *tz;
  GPtrArray      *value_labels;   /* PangoLayout, bottom to top */
  GHashTable     *time_labels;    /* gint64 tick → PangoLayout */
  gint64          time_label_step;
  gboolean        dark;
};


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

/* kdcc-chart-draw.c */
char        *_kdcc_chart_format_axis_value (KdccChart   *self,
                                            double       value);
PangoLayout *_kdcc_chart_small_layout      (KdccChart   *self,
                                            const char  *text);
void         _kdcc_chart_clear_label_cache (KdccChart   *self);
void         _kdcc_chart_snapshot          (GtkWidget   *widget,
                                            GtkSnapshot *snapshot);
void         _kdcc_chart_update_legend     (KdccChart   *self);
void         _kdcc_chart_update_readout    (KdccChart   *self);

/* kdcc-chart-markers.c */
void         _kdcc_chart_marker_clear      (gpointer     marker);
void         _kdcc_chart_snapshot_markers  (KdccChart     *self,
                                            GtkSnapshot   *snapshot,
                                            const GdkRGBA *fg);
/* The markers within a few pixels of the hover time, one line each. */
void         _kdcc_chart_append_markers_readout (KdccChart *self,
                                                 GString   *markup,
                                                 GString   *text);

G_END_DECLS
