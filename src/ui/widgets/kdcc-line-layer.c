/* kdcc-line-layer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-line-layer"

#include "config.h"

#include "kdcc-line-layer.h"

struct _KdccLineLayer
{
  KdccChartLayer parent_instance;

  gboolean       fill;
};

G_DEFINE_FINAL_TYPE (KdccLineLayer, kdcc_line_layer, KDCC_TYPE_CHART_LAYER)

enum {
  PROP_0,
  PROP_FILL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define Y(v) (height - ((v) - value_min) * scale)

/* The runs of joined columns: [from, to). Returns FALSE after the last. */
static gboolean
next_run (const KdccChartColumn *columns,
          guint                  n_columns,
          guint                 *from,
          guint                 *to)
{
  guint c = *to;

  while (c < n_columns && !columns[c].valid)
    c++;
  if (c >= n_columns)
    return FALSE;

  *from = c++;
  while (c < n_columns && columns[c].valid && !columns[c].gap_before)
    c++;
  *to = c;
  return TRUE;
}

/* Where a pixel column holds samples that differ, their range as a band:
 * along the maxima, back along the minima. A week of noisy samples stays
 * one polygon per run instead of a zigzag with thousands of joins, which
 * both reads better and rasterises several times faster. */
static void
trace_band (cairo_t               *cr,
            const KdccChartColumn *columns,
            guint                  n_columns,
            double                 height,
            double                 value_min,
            double                 scale)
{
  guint from = 0, to = 0;

  while (next_run (columns, n_columns, &from, &to))
    {
      cairo_move_to (cr, from + 0.5 - (to - from == 1 ? 0.5 : 0), Y (columns[from].max));
      for (guint c = from + 1; c < to; c++)
        cairo_line_to (cr, c + 0.5, Y (columns[c].max));
      if (to - from == 1)
        cairo_line_to (cr, from + 1.0, Y (columns[from].max));
      for (guint c = to; c > from; c--)
        cairo_line_to (cr, to - from == 1 && c == to ? from + 1.0 : c - 0.5,
                       Y (columns[c - 1].min));
      if (to - from == 1)
        cairo_line_to (cr, from, Y (columns[from].min));
      cairo_close_path (cr);
    }
}

/* The line through the columns' means; with fill, closed down to zero. */
static void
trace_line (cairo_t               *cr,
            const KdccChartColumn *columns,
            guint                  n_columns,
            double                 height,
            double                 value_min,
            double                 scale,
            gboolean               fill)
{
  double baseline = MIN (height, Y (0));
  guint from = 0, to = 0;

  while (next_run (columns, n_columns, &from, &to))
    {
      double x0 = from + 0.5, x1 = to - 0.5;

      /* A lone sample still shows: a short flat stroke a pixel wide. */
      if (to - from == 1)
        {
          x0 = from;
          x1 = from + 1.0;
        }

      cairo_move_to (cr, x0, Y (columns[from].mean));
      for (guint c = from + 1; c < to; c++)
        cairo_line_to (cr, c + 0.5, Y (columns[c].mean));
      if (to - from == 1)
        cairo_line_to (cr, x1, Y (columns[from].mean));

      if (fill)
        {
          cairo_line_to (cr, x1, baseline);
          cairo_line_to (cr, x0, baseline);
          cairo_close_path (cr);
        }
    }
}

#undef Y

static void
kdcc_line_layer_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  KdccLineLayer *self = KDCC_LINE_LAYER (widget);
  KdccChartLayer *layer = KDCC_CHART_LAYER (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  guint n_series = kdcc_chart_layer_get_n_series (layer);
  double value_min, value_max, scale;
  cairo_t *cr;

  if (width <= 0 || height <= 0 || n_series == 0
      || !kdcc_chart_layer_get_view (layer, NULL, NULL, &value_min, &value_max)
      || value_max <= value_min)
    return;

  scale = height / (value_max - value_min);

  /* A little room above and below so a line at 0 or at the top of the
   * axis is not cut in half. */
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, -2, width, height + 4));
  cairo_set_line_width (cr, 1.5);
  /* Rasterising the series is most of a frame's cost (benchmarks/README.md):
   * bevel joins and cairo's faster antialiasing halve it with no visible
   * difference for 1.5 px lines. */
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_BEVEL);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_FAST);

  for (guint i = 0; i < n_series; i++)
    {
      const KdccChartColumn *columns = kdcc_chart_layer_get_columns (layer, i, width);
      GdkRGBA color;

      if (columns == NULL)
        continue;

      kdcc_chart_layer_get_color (layer, i, &color);

      if (self->fill)
        {
          trace_line (cr, columns, width, height, value_min, scale, TRUE);
          cairo_set_source_rgba (cr, color.red, color.green, color.blue, color.alpha * 0.2);
          cairo_fill (cr);
        }

      trace_band (cr, columns, width, height, value_min, scale);
      cairo_set_source_rgba (cr, color.red, color.green, color.blue, color.alpha * 0.6);
      cairo_fill (cr);

      trace_line (cr, columns, width, height, value_min, scale, FALSE);
      gdk_cairo_set_source_rgba (cr, &color);
      cairo_stroke (cr);
    }

  cairo_destroy (cr);
}

static void
kdcc_line_layer_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  KdccLineLayer *self = KDCC_LINE_LAYER (object);

  switch (prop_id)
    {
    case PROP_FILL:
      g_value_set_boolean (value, self->fill);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_line_layer_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  KdccLineLayer *self = KDCC_LINE_LAYER (object);

  switch (prop_id)
    {
    case PROP_FILL:
      kdcc_line_layer_set_fill (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_line_layer_class_init (KdccLineLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = kdcc_line_layer_get_property;
  object_class->set_property = kdcc_line_layer_set_property;

  widget_class->snapshot = kdcc_line_layer_snapshot;

  properties[PROP_FILL] =
    g_param_spec_boolean ("fill", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "linelayer");
}

static void
kdcc_line_layer_init (KdccLineLayer *self)
{
}

KdccChartLayer *
kdcc_line_layer_new (void)
{
  return g_object_new (KDCC_TYPE_LINE_LAYER, NULL);
}

gboolean
kdcc_line_layer_get_fill (KdccLineLayer *self)
{
  g_return_val_if_fail (KDCC_IS_LINE_LAYER (self), FALSE);

  return self->fill;
}

void
kdcc_line_layer_set_fill (KdccLineLayer *self,
                          gboolean       fill)
{
  g_return_if_fail (KDCC_IS_LINE_LAYER (self));

  fill = !!fill;
  if (fill != self->fill)
    {
      self->fill = fill;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILL]);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}
