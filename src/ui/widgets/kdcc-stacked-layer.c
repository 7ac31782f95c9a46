/* kdcc-stacked-layer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-stacked-layer"

#include "config.h"

#include "kdcc-stacked-layer.h"

struct _KdccStackedLayer
{
  KdccChartLayer parent_instance;

  /* Reused between frames: the running sums, (n_series + 1) × width, and
   * whether each column stacks (every series has a value there). */
  GArray        *sums;
  GArray        *ok;
  GArray        *joined;
};

G_DEFINE_FINAL_TYPE (KdccStackedLayer, kdcc_stacked_layer, KDCC_TYPE_CHART_LAYER)

/* Fills self->sums with the running sums of the series' column means;
 * row 0 is all zeros. Returns FALSE when no column stacks. */
static gboolean
stack (KdccStackedLayer *self,
       guint             n_columns)
{
  KdccChartLayer *layer = KDCC_CHART_LAYER (self);
  guint n_series = kdcc_chart_layer_get_n_series (layer);
  double *sums;
  guint8 *ok, *joined;
  gboolean any = FALSE;

  g_array_set_size (self->sums, (n_series + 1) * n_columns);
  g_array_set_size (self->ok, n_columns);
  g_array_set_size (self->joined, n_columns);
  sums = (double *) (gpointer) self->sums->data;
  ok = (guint8 *) self->ok->data;
  joined = (guint8 *) self->joined->data;

  for (guint c = 0; c < n_columns; c++)
    {
      sums[c] = 0;
      ok[c] = n_series > 0;
      joined[c] = TRUE;
    }

  for (guint i = 0; i < n_series; i++)
    {
      const KdccChartColumn *columns = kdcc_chart_layer_get_columns (layer, i, n_columns);
      double *row = sums + (i + 1) * n_columns;
      double *below = sums + i * n_columns;

      for (guint c = 0; c < n_columns; c++)
        {
          if (columns == NULL || !columns[c].valid)
            {
              ok[c] = FALSE;
              row[c] = below[c];
              continue;
            }
          if (columns[c].gap_before)
            joined[c] = FALSE;
          row[c] = below[c] + columns[c].mean;
        }
    }

  for (guint c = 0; c < n_columns && !any; c++)
    any = ok[c];
  return any;
}

static gboolean
kdcc_stacked_layer_get_extent (KdccChartLayer *layer,
                               guint           n_columns,
                               double         *out_min,
                               double         *out_max)
{
  KdccStackedLayer *self = KDCC_STACKED_LAYER (layer);
  guint n_series = kdcc_chart_layer_get_n_series (layer);
  const double *sums;
  const guint8 *ok;
  double lo = 0, hi = 0;

  if (n_columns == 0 || !stack (self, n_columns))
    return FALSE;

  sums = (const double *) (gpointer) self->sums->data;
  ok = (const guint8 *) self->ok->data;
  for (guint c = 0; c < n_columns; c++)
    if (ok[c])
      for (guint i = 1; i <= n_series; i++)
        {
          lo = MIN (lo, sums[i * n_columns + c]);
          hi = MAX (hi, sums[i * n_columns + c]);
        }

  *out_min = lo;
  *out_max = hi;
  return TRUE;
}

static void
kdcc_stacked_layer_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  KdccStackedLayer *self = KDCC_STACKED_LAYER (widget);
  KdccChartLayer *layer = KDCC_CHART_LAYER (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  guint n_series = kdcc_chart_layer_get_n_series (layer);
  const double *sums;
  const guint8 *ok, *joined;
  double value_min, value_max, scale;
  cairo_t *cr;

  if (width <= 0 || height <= 0 || n_series == 0
      || !kdcc_chart_layer_get_view (layer, NULL, NULL, &value_min, &value_max)
      || value_max <= value_min || !stack (self, width))
    return;

  sums = (const double *) (gpointer) self->sums->data;
  ok = (const guint8 *) self->ok->data;
  joined = (const guint8 *) self->joined->data;
  scale = height / (value_max - value_min);

#define Y(v) (height - ((v) - value_min) * scale)

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, -2, width, height + 4));
  cairo_set_line_width (cr, 1.5);
  /* As in the line layer: cheaper to rasterise, no visible difference. */
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_BEVEL);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_FAST);

  for (guint i = 1; i <= n_series; i++)
    {
      GdkRGBA color;

      kdcc_chart_layer_get_color (layer, i - 1, &color);

      /* Each run of stacking columns: along the top left to right, back
       * along the series below right to left. */
      for (guint c = 0; c < (guint) width; )
        {
          guint from, to;

          if (!ok[c])
            {
              c++;
              continue;
            }
          from = c;
          to = c + 1;
          while (to < (guint) width && ok[to] && joined[to])
            to++;

          if (to - from == 1)
            {
              /* A lone column: a one-pixel bar. */
              double y_top = Y (sums[i * width + from]);
              double y_bottom = Y (sums[(i - 1) * width + from]);

              cairo_rectangle (cr, from, MIN (y_top, y_bottom), 1, ABS (y_bottom - y_top));
            }
          else
            {
              cairo_move_to (cr, from + 0.5, Y (sums[i * width + from]));
              for (guint k = from + 1; k < to; k++)
                cairo_line_to (cr, k + 0.5, Y (sums[i * width + k]));
              for (guint k = to; k > from; k--)
                cairo_line_to (cr, k - 0.5, Y (sums[(i - 1) * width + k - 1]));
              cairo_close_path (cr);
            }

          c = to;
        }

      cairo_set_source_rgba (cr, color.red, color.green, color.blue, color.alpha * 0.45);
      cairo_fill (cr);

      /* The top edge as a line in the full colour, as the line layer
       * draws it, so the legend's colours read the same on both. */
      for (guint c = 0; c < (guint) width; c++)
        {
          if (!ok[c])
            continue;
          if (c == 0 || !ok[c - 1] || !joined[c])
            cairo_move_to (cr, c + 0.5, Y (sums[i * width + c]));
          else
            cairo_line_to (cr, c + 0.5, Y (sums[i * width + c]));
        }
      gdk_cairo_set_source_rgba (cr, &color);
      cairo_stroke (cr);
    }

#undef Y

  cairo_destroy (cr);
}

static void
kdcc_stacked_layer_finalize (GObject *object)
{
  KdccStackedLayer *self = (KdccStackedLayer *)object;

  g_clear_pointer (&self->sums, g_array_unref);
  g_clear_pointer (&self->ok, g_array_unref);
  g_clear_pointer (&self->joined, g_array_unref);

  G_OBJECT_CLASS (kdcc_stacked_layer_parent_class)->finalize (object);
}

static void
kdcc_stacked_layer_class_init (KdccStackedLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KdccChartLayerClass *layer_class = KDCC_CHART_LAYER_CLASS (klass);

  object_class->finalize = kdcc_stacked_layer_finalize;
  widget_class->snapshot = kdcc_stacked_layer_snapshot;
  layer_class->get_extent = kdcc_stacked_layer_get_extent;

  gtk_widget_class_set_css_name (widget_class, "stackedlayer");
}

static void
kdcc_stacked_layer_init (KdccStackedLayer *self)
{
  self->sums = g_array_new (FALSE, TRUE, sizeof (double));
  self->ok = g_array_new (FALSE, TRUE, sizeof (guint8));
  self->joined = g_array_new (FALSE, TRUE, sizeof (guint8));
}

KdccChartLayer *
kdcc_stacked_layer_new (void)
{
  return g_object_new (KDCC_TYPE_STACKED_LAYER, NULL);
}
