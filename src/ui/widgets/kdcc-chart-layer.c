/* kdcc-chart-layer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-chart-layer"

#include "config.h"

#include "kdcc-chart-layer.h"
#include "kdcc-chart-private.h"

/* The decimated columns of one series, with what they were computed
 * from: a redraw with the same window, width and points reuses them, so
 * the value axis (computed during allocation) and the snapshot decimate
 * only once per frame. */
typedef struct
{
  KdccChartSeries *series;
  gulong           changed_id;
  GArray          *columns;    /* KdccChartColumn */
  guint64          stamp;
  gint64           start;
  gint64           end;
} SeriesEntry;

typedef struct
{
  GPtrArray *entries;  /* SeriesEntry */
} KdccChartLayerPrivate;

static void buildable_iface_init (GtkBuildableIface *iface);

G_DEFINE_ABSTRACT_TYPE_WITH_CODE (KdccChartLayer, kdcc_chart_layer, GTK_TYPE_WIDGET,
                                  G_ADD_PRIVATE (KdccChartLayer)
                                  G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE, buildable_iface_init))

static GtkBuildableIface *parent_buildable;

static void
series_entry_free (SeriesEntry *entry)
{
  g_clear_signal_handler (&entry->changed_id, entry->series);
  g_clear_object (&entry->series);
  g_clear_pointer (&entry->columns, g_array_unref);
  g_free (entry);
}

static KdccChart *
get_chart (KdccChartLayer *self)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));

  return KDCC_IS_CHART (parent) ? KDCC_CHART (parent) : NULL;
}

static void
series_changed_cb (KdccChartLayer  *self,
                   KdccChartSeries *series)
{
  KdccChart *chart = get_chart (self);

  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (chart != NULL)
    _kdcc_chart_layer_changed (chart, FALSE);
}

static void
kdcc_chart_layer_buildable_add_child (GtkBuildable *buildable,
                                      GtkBuilder   *builder,
                                      GObject      *child,
                                      const char   *type)
{
  if (KDCC_IS_CHART_SERIES (child))
    kdcc_chart_layer_add_series (KDCC_CHART_LAYER (buildable), KDCC_CHART_SERIES (child));
  else
    parent_buildable->add_child (buildable, builder, child, type);
}

static void
buildable_iface_init (GtkBuildableIface *iface)
{
  parent_buildable = g_type_interface_peek_parent (iface);
  iface->add_child = kdcc_chart_layer_buildable_add_child;
}

static gboolean
kdcc_chart_layer_real_get_extent (KdccChartLayer *self,
                                  guint           n_columns,
                                  double         *out_min,
                                  double         *out_max)
{
  KdccChartLayerPrivate *priv = kdcc_chart_layer_get_instance_private (self);
  double lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE;
  gboolean any = FALSE;

  for (guint i = 0; i < priv->entries->len; i++)
    {
      const KdccChartColumn *columns = kdcc_chart_layer_get_columns (self, i, n_columns);
      double a, b;

      if (columns != NULL && kdcc_chart_columns_extent (columns, n_columns, &a, &b))
        {
          lo = MIN (lo, a);
          hi = MAX (hi, b);
          any = TRUE;
        }
    }

  if (any)
    {
      *out_min = lo;
      *out_max = hi;
    }
  return any;
}

static void
kdcc_chart_layer_dispose (GObject *object)
{
  KdccChartLayer *self = (KdccChartLayer *)object;
  KdccChartLayerPrivate *priv = kdcc_chart_layer_get_instance_private (self);

  g_ptr_array_set_size (priv->entries, 0);

  G_OBJECT_CLASS (kdcc_chart_layer_parent_class)->dispose (object);
}

static void
kdcc_chart_layer_finalize (GObject *object)
{
  KdccChartLayer *self = (KdccChartLayer *)object;
  KdccChartLayerPrivate *priv = kdcc_chart_layer_get_instance_private (self);

  g_clear_pointer (&priv->entries, g_ptr_array_unref);

  G_OBJECT_CLASS (kdcc_chart_layer_parent_class)->finalize (object);
}

static void
kdcc_chart_layer_class_init (KdccChartLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kdcc_chart_layer_dispose;
  object_class->finalize = kdcc_chart_layer_finalize;

  klass->get_extent = kdcc_chart_layer_real_get_extent;
}

static void
kdcc_chart_layer_init (KdccChartLayer *self)
{
  KdccChartLayerPrivate *priv = kdcc_chart_layer_get_instance_private (self);

  priv->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) series_entry_free);
  /* The chart handles the pointer; a layer must not take its motion. */
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

void
kdcc_chart_layer_add_series (KdccChartLayer  *self,
                             KdccChartSeries *series)
{
  KdccChartLayerPrivate *priv = kdcc_chart_layer_get_instance_private (self);
  SeriesEntry *entry;
  KdccChart *chart;

  g_return_if_fail (KDCC_IS_CHART_LAYER (self));
  g_return_if_fail (KDCC_IS_CHART_SERIES (series));

  entry = g_new0 (SeriesEntry, 1);
  entry->series = g_object_ref (series);
  entry->columns = g_array_new (FALSE, TRUE, sizeof (KdccChartColumn));
  entry->stamp = G_MAXUINT64;
  entry->changed_id = g_signal_connect_object (series, "changed",
                                               G_CALLBACK (series_changed_cb), self,
                                               G_CONNECT_SWAPPED);
  g_ptr_array_add (priv->entries, entry);

  gtk_widget_queue_draw (GTK_WIDGET (self));
  if ((chart = get_chart (self)) != NULL)
    _kdcc_chart_layer_changed (chart, TRUE);
}

void
kdcc_chart_layer_remove_series (KdccChartLayer  *self,
                                KdccChartSeries *series)
{
  KdccChartLayerPrivate *priv = kdcc_chart_layer_get_instance_private (self);
  KdccChart *chart;

  g_return_if_fail (KDCC_IS_CHART_LAYER (self));

  for (guint i = 0; i < priv->entries->len; i++)
    {
      SeriesEntry *entry = g_ptr_array_index (priv->entries, i);

      if (entry->series == series)
        {
          g_ptr_array_remove_index (priv->entries, i);
          gtk_widget_queue_draw (GTK_WIDGET (self));
          if ((chart = get_chart (self)) != NULL)
            _kdcc_chart_layer_changed (chart, TRUE);
          return;
        }
    }
}

guint
kdcc_chart_layer_get_n_series (KdccChartLayer *self)
{
  KdccChartLayerPrivate *priv = kdcc_chart_layer_get_instance_private (self);

  g_return_val_if_fail (KDCC_IS_CHART_LAYER (self), 0);

  return priv->entries->len;
}

KdccChartSeries *
kdcc_chart_layer_get_series (KdccChartLayer *self,
                             guint           index)
{
  KdccChartLayerPrivate *priv = kdcc_chart_layer_get_instance_private (self);

  g_return_val_if_fail (KDCC_IS_CHART_LAYER (self), NULL);
  g_return_val_if_fail (index < priv->entries->len, NULL);

  return ((SeriesEntry *) g_ptr_array_index (priv->entries, index))->series;
}

gboolean
kdcc_chart_layer_get_extent (KdccChartLayer *self,
                             guint           n_columns,
                             double         *out_min,
                             double         *out_max)
{
  g_return_val_if_fail (KDCC_IS_CHART_LAYER (self), FALSE);

  return KDCC_CHART_LAYER_GET_CLASS (self)->get_extent (self, n_columns, out_min, out_max);
}

const KdccChartColumn *
kdcc_chart_layer_get_columns (KdccChartLayer *self,
                              guint           index,
                              guint           n_columns)
{
  KdccChartLayerPrivate *priv = kdcc_chart_layer_get_instance_private (self);
  SeriesEntry *entry;
  gint64 start, end;

  g_return_val_if_fail (KDCC_IS_CHART_LAYER (self), NULL);
  g_return_val_if_fail (index < priv->entries->len, NULL);

  if (!kdcc_chart_layer_get_view (self, &start, &end, NULL, NULL) || n_columns == 0)
    return NULL;

  entry = g_ptr_array_index (priv->entries, index);
  if (entry->stamp != kdcc_chart_series_get_stamp (entry->series)
      || entry->start != start || entry->end != end || entry->columns->len != n_columns)
    {
      const gint64 *times;
      const double *values;
      guint n;

      times = kdcc_chart_series_get_times (entry->series, &n);
      values = kdcc_chart_series_get_values (entry->series, NULL);
      g_array_set_size (entry->columns, n_columns);
      kdcc_chart_decimate (times, values, n, start, end,
                           kdcc_chart_series_get_max_gap (entry->series),
                           (KdccChartColumn *) (gpointer) entry->columns->data, n_columns);
      entry->stamp = kdcc_chart_series_get_stamp (entry->series);
      entry->start = start;
      entry->end = end;
    }

  return (const KdccChartColumn *) (gpointer) entry->columns->data;
}

gboolean
kdcc_chart_layer_get_view (KdccChartLayer *self,
                           gint64         *start,
                           gint64         *end,
                           double         *value_min,
                           double         *value_max)
{
  KdccChart *chart = get_chart (self);
  gint64 s, e;
  double lo, hi;

  if (chart == NULL)
    return FALSE;

  _kdcc_chart_get_view (chart, &s, &e, &lo, &hi);
  if (start != NULL)
    *start = s;
  if (end != NULL)
    *end = e;
  if (value_min != NULL)
    *value_min = lo;
  if (value_max != NULL)
    *value_max = hi;
  return TRUE;
}

void
kdcc_chart_layer_get_color (KdccChartLayer *self,
                            guint           index,
                            GdkRGBA        *rgba)
{
  KdccChart *chart = get_chart (self);

  if (chart == NULL)
    {
      *rgba = (GdkRGBA) { 0.5, 0.5, 0.5, 1 };
      return;
    }

  _kdcc_chart_get_series_color (chart, kdcc_chart_layer_get_series (self, index), rgba);
}
