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

/* One subpath per run of joined columns; x at pixel centres. Each column
 * goes to its minimum and maximum, in the order nearer to where the line
 * comes from, so a flat line stays one stroke and noise becomes a band. */
static void
trace_columns (cairo_t               *cr,
               const KdccChartColumn *columns,
               guint                  n_columns,
               double                 height,
               double                 value_min,
               double                 value_max,
               gboolean               fill)
{
  double scale = height / (value_max - value_min);
  double baseline = height + value_min * scale;
  gboolean pen = FALSE;
  double run_start = 0, last_x = 0, last_y = 0;

#define Y(v) (height - ((v) - value_min) * scale)

  for (guint c = 0; c < n_columns; c++)
    {
      const KdccChartColumn *col = &columns[c];
      double x = c + 0.5;
      double y_lo, y_hi;

      if (!col->valid || (pen && col->gap_before))
        {
          if (pen && fill)
            {
              cairo_line_to (cr, last_x, MIN (baseline, height));
              cairo_line_to (cr, run_start, MIN (baseline, height));
              cairo_close_path (cr);
            }
          pen = FALSE;
          if (!col->valid)
            continue;
        }

      y_lo = Y (col->min);
      y_hi = Y (col->max);

      if (!pen)
        {
          run_start = x;
          if (fill)
            {
              cairo_move_to (cr, x, MIN (baseline, height));
              cairo_line_to (cr, x, y_lo);
            }
          else
            cairo_move_to (cr, x, y_lo);
          if (y_hi != y_lo)
            cairo_line_to (cr, x, y_hi);
          last_y = y_hi;
          pen = TRUE;
        }
      else if (y_hi == y_lo)
        {
          cairo_line_to (cr, x, y_lo);
          last_y = y_lo;
        }
      else if (ABS (last_y - y_lo) < ABS (last_y - y_hi))
        {
          cairo_line_to (cr, x, y_lo);
          cairo_line_to (cr, x, y_hi);
          last_y = y_hi;
        }
      else
        {
          cairo_line_to (cr, x, y_hi);
          cairo_line_to (cr, x, y_lo);
          last_y = y_lo;
        }
      last_x = x;
    }

  if (pen && fill)
    {
      cairo_line_to (cr, last_x, MIN (baseline, height));
      cairo_line_to (cr, run_start, MIN (baseline, height));
      cairo_close_path (cr);
    }

#undef Y
}

static void
kdcc_line_layer_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  KdccLineLayer *self = KDCC_LINE_LAYER (widget);
  KdccChartLayer *layer = KDCC_CHART_LAYER (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  guint n_series = kdcc_chart_layer_get_n_series (layer);
  double value_min, value_max;
  cairo_t *cr;

  if (width <= 0 || height <= 0 || n_series == 0
      || !kdcc_chart_layer_get_view (layer, NULL, NULL, &value_min, &value_max)
      || value_max <= value_min)
    return;

  /* A little room above and below so a line at 0 or at the top of the
   * axis is not cut in half. */
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, -2, width, height + 4));
  cairo_set_line_width (cr, 1.5);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  for (guint i = 0; i < n_series; i++)
    {
      const KdccChartColumn *columns = kdcc_chart_layer_get_columns (layer, i, width);
      GdkRGBA color;

      if (columns == NULL)
        continue;

      kdcc_chart_layer_get_color (layer, i, &color);

      if (self->fill)
        {
          trace_columns (cr, columns, width, height, value_min, value_max, TRUE);
          cairo_set_source_rgba (cr, color.red, color.green, color.blue, color.alpha * 0.2);
          cairo_fill (cr);
        }

      trace_columns (cr, columns, width, height, value_min, value_max, FALSE);
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
