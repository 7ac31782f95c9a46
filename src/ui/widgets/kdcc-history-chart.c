/* kdcc-history-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-history-chart"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdcc-history-chart.h"
#include "kdcc-line-layer.h"
#include "kdcc-stacked-layer.h"

typedef struct
{
  KdccHistoryMetric  metric;
  char              *label;
  char              *title;   /* NULL: one series per label, named by it */
} MetricSpec;

struct _KdccHistoryChart
{
  GtkWidget          parent_instance;

  /* Children */
  GtkWidget         *box;
  GtkWidget         *title_label;
  GtkWidget         *error_label;
  KdccChart         *chart;
  KdccChartLayer    *layer;

  /* Owned references */
  GArray            *metrics;        /* MetricSpec */
  GStrv              label_filter;
  GCancellable      *cancellable;
  GPtrArray         *results;        /* per metric: GPtrArray of KdccHistorySeries, or NULL */
  GPtrArray         *shown_keys;     /* char*: the series on the layer, in order */
  char              *error;
  gint64             step;
  double             scale;
  guint              pending;
  guint              generation;
  guint              n_loads;
  KdccChartUnit      unit;
};

G_DEFINE_FINAL_TYPE (KdccHistoryChart, kdcc_history_chart, GTK_TYPE_WIDGET)

enum {
  SIGNAL_LOADED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  KdccHistoryChart *self;
  guint             generation;
  guint             index;
} LoadOp;

static void
metric_spec_clear (gpointer data)
{
  MetricSpec *spec = data;

  g_clear_pointer (&spec->label, g_free);
  g_clear_pointer (&spec->title, g_free);
}

/* Results are NULL until their query answers. */
static void
results_free (gpointer data)
{
  if (data != NULL)
    g_ptr_array_unref (data);
}

static gboolean
label_wanted (KdccHistoryChart *self,
              const char       *label)
{
  if (self->label_filter == NULL || label == NULL)
    return TRUE;
  return g_strv_contains ((const char * const *) self->label_filter, label);
}

/* Moves the answers onto the chart. A series keeps its KdccChartSeries
 * (and so its colour) across loads while the set of series stays the same. */
static void
apply_results (KdccHistoryChart *self)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  gboolean same;

  for (guint i = 0; i < self->metrics->len; i++)
    {
      MetricSpec *spec = &g_array_index (self->metrics, MetricSpec, i);
      GPtrArray *series = g_ptr_array_index (self->results, i);

      for (guint j = 0; series != NULL && j < series->len; j++)
        {
          KdccHistorySeries *one = g_ptr_array_index (series, j);

          if (!label_wanted (self, one->label))
            continue;
          g_ptr_array_add (keys, g_strdup_printf ("%u|%s", i, one->label ? one->label : ""));
          g_ptr_array_add (titles, g_strdup (spec->title != NULL ? spec->title
                                             : one->label != NULL ? one->label : ""));
          g_ptr_array_add (found, one);
          /* A fixed title names one series: the first is the one. */
          if (spec->title != NULL)
            break;
        }
    }

  same = keys->len == self->shown_keys->len;
  for (guint i = 0; same && i < keys->len; i++)
    same = g_str_equal (g_ptr_array_index (keys, i), g_ptr_array_index (self->shown_keys, i));

  if (!same)
    {
      while (kdcc_chart_layer_get_n_series (self->layer) > 0)
        kdcc_chart_layer_remove_series (self->layer,
                                        kdcc_chart_layer_get_series (self->layer, 0));
      for (guint i = 0; i < keys->len; i++)
        {
          g_autoptr(KdccChartSeries) series =
            kdcc_chart_series_new (g_ptr_array_index (titles, i), self->unit);

          kdcc_chart_layer_add_series (self->layer, series);
        }
      g_ptr_array_set_size (self->shown_keys, 0);
      for (guint i = 0; i < keys->len; i++)
        g_ptr_array_add (self->shown_keys, g_strdup (g_ptr_array_index (keys, i)));
      if (KDCC_IS_LINE_LAYER (self->layer))
        kdcc_line_layer_set_fill (KDCC_LINE_LAYER (self->layer), keys->len == 1);
    }

  for (guint i = 0; i < found->len; i++)
    {
      KdccHistorySeries *one = g_ptr_array_index (found, i);
      KdccChartSeries *series = kdcc_chart_layer_get_series (self->layer, i);
      g_autofree gint64 *times = g_new (gint64, MAX (1, one->points->len));
      g_autofree double *values = g_new (double, MAX (1, one->points->len));

      /* History speaks milliseconds, the chart wall-clock microseconds. */
      for (guint k = 0; k < one->points->len; k++)
        {
          KdccHistoryPoint *p = &g_array_index (one->points, KdccHistoryPoint, k);

          times[k] = p->time * 1000;
          values[k] = p->value * self->scale;
        }
      kdcc_chart_series_set_interval (series, MAX (1, self->step / 1000));
      kdcc_chart_series_set_points (series, times, values, one->points->len);
    }
}

static void
query_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  LoadOp *op = user_data;
  g_autoptr(KdccHistoryChart) self = op->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) series = NULL;
  guint index = op->index;
  guint generation = op->generation;

  g_free (op);
  series = kdcc_history_query_range_finish (KDCC_HISTORY (object), result, &error);
  if (generation != self->generation)
    return;

  if (series != NULL)
    g_ptr_array_index (self->results, index) = g_steal_pointer (&series);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && self->error == NULL)
    self->error = g_strdup (error->message);

  if (--self->pending > 0)
    return;

  apply_results (self);
  gtk_label_set_label (GTK_LABEL (self->error_label), self->error);
  gtk_widget_set_visible (self->error_label, self->error != NULL);
  self->n_loads++;
  g_signal_emit (self, signals[SIGNAL_LOADED], 0);
}

void
kdcc_history_chart_load (KdccHistoryChart       *self,
                         KdccHistory            *history,
                         const KdccHistoryQuery *query,
                         KdccChartRange          range)
{
  g_return_if_fail (KDCC_IS_HISTORY_CHART (self));
  g_return_if_fail (KDCC_IS_HISTORY (history));
  g_return_if_fail (query != NULL);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->generation++;
  self->step = query->step;
  g_clear_pointer (&self->error, g_free);
  g_ptr_array_set_size (self->results, 0);
  g_ptr_array_set_size (self->results, self->metrics->len);
  kdcc_chart_set_range (self->chart, range);

  self->pending = self->metrics->len;
  for (guint i = 0; i < self->metrics->len; i++)
    {
      MetricSpec *spec = &g_array_index (self->metrics, MetricSpec, i);
      KdccHistoryQuery q = *query;
      LoadOp *op = g_new0 (LoadOp, 1);

      q.metric = spec->metric;
      q.label = spec->label;
      op->self = g_object_ref (self);
      op->generation = self->generation;
      op->index = i;
      kdcc_history_query_range_async (history, &q, self->cancellable, query_done_cb, op);
    }
}

void
kdcc_history_chart_set_events (KdccHistoryChart *self,
                               GPtrArray        *events)
{
  g_autofree gint64 *times = NULL;
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  guint n = events != NULL ? events->len : 0;

  g_return_if_fail (KDCC_IS_HISTORY_CHART (self));

  times = g_new (gint64, MAX (1, n));
  for (guint i = 0; i < n; i++)
    {
      KdccHistoryEvent *event = g_ptr_array_index (events, i);

      times[i] = event->time * 1000;
      g_ptr_array_add (texts, kdcc_history_event_describe (event));
    }
  g_ptr_array_add (texts, NULL);
  kdcc_chart_set_markers (self->chart, times, (const char * const *) texts->pdata, n);
}

void
kdcc_history_chart_add_metric (KdccHistoryChart  *self,
                               KdccHistoryMetric  metric,
                               const char        *label,
                               const char        *series_title)
{
  MetricSpec spec = { metric, g_strdup (label), g_strdup (series_title) };

  g_return_if_fail (KDCC_IS_HISTORY_CHART (self));

  g_array_append_val (self->metrics, spec);
}

void
kdcc_history_chart_set_label_filter (KdccHistoryChart   *self,
                                     const char * const *labels)
{
  g_return_if_fail (KDCC_IS_HISTORY_CHART (self));

  g_strfreev (self->label_filter);
  self->label_filter = g_strdupv ((char **) labels);
}

void
kdcc_history_chart_set_value_scale (KdccHistoryChart *self,
                                    double            scale)
{
  g_return_if_fail (KDCC_IS_HISTORY_CHART (self));

  self->scale = scale;
}

KdccChart *
kdcc_history_chart_get_chart (KdccHistoryChart *self)
{
  g_return_val_if_fail (KDCC_IS_HISTORY_CHART (self), NULL);

  return self->chart;
}

const char *
kdcc_history_chart_get_title (KdccHistoryChart *self)
{
  g_return_val_if_fail (KDCC_IS_HISTORY_CHART (self), NULL);

  return gtk_label_get_label (GTK_LABEL (self->title_label));
}

const char *
kdcc_history_chart_get_error (KdccHistoryChart *self)
{
  g_return_val_if_fail (KDCC_IS_HISTORY_CHART (self), NULL);

  return self->error;
}

guint
kdcc_history_chart_get_n_loads (KdccHistoryChart *self)
{
  g_return_val_if_fail (KDCC_IS_HISTORY_CHART (self), 0);

  return self->n_loads;
}

static void
kdcc_history_chart_dispose (GObject *object)
{
  KdccHistoryChart *self = KDCC_HISTORY_CHART (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (kdcc_history_chart_parent_class)->dispose (object);
}

static void
kdcc_history_chart_finalize (GObject *object)
{
  KdccHistoryChart *self = KDCC_HISTORY_CHART (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->metrics, g_array_unref);
  g_clear_pointer (&self->label_filter, g_strfreev);
  g_clear_pointer (&self->results, g_ptr_array_unref);
  g_clear_pointer (&self->shown_keys, g_ptr_array_unref);
  g_clear_pointer (&self->error, g_free);

  G_OBJECT_CLASS (kdcc_history_chart_parent_class)->finalize (object);
}

static void
kdcc_history_chart_class_init (KdccHistoryChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kdcc_history_chart_dispose;
  object_class->finalize = kdcc_history_chart_finalize;

  signals[SIGNAL_LOADED] =
    g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (widget_class, "historychart");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
kdcc_history_chart_init (KdccHistoryChart *self)
{
  self->metrics = g_array_new (FALSE, TRUE, sizeof (MetricSpec));
  g_array_set_clear_func (self->metrics, metric_spec_clear);
  self->results = g_ptr_array_new_with_free_func (results_free);
  self->shown_keys = g_ptr_array_new_with_free_func (g_free);
  self->cancellable = g_cancellable_new ();
  self->scale = 1.0;

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->title_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->title_label), 0);
  gtk_widget_add_css_class (self->title_label, "heading");
  gtk_box_append (GTK_BOX (self->box), self->title_label);

  self->chart = KDCC_CHART (kdcc_chart_new ());
  gtk_widget_set_size_request (GTK_WIDGET (self->chart), -1, 170);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->chart));

  self->error_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->error_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->error_label), TRUE);
  gtk_widget_add_css_class (self->error_label, "error");
  gtk_widget_add_css_class (self->error_label, "caption");
  gtk_widget_set_visible (self->error_label, FALSE);
  gtk_box_append (GTK_BOX (self->box), self->error_label);
}

GtkWidget *
kdcc_history_chart_new (const char    *title,
                        KdccChartUnit  unit,
                        gboolean       stacked)
{
  KdccHistoryChart *self = g_object_new (KDCC_TYPE_HISTORY_CHART, NULL);

  gtk_label_set_label (GTK_LABEL (self->title_label), title);
  self->unit = unit;
  kdcc_chart_set_unit (self->chart, unit);
  self->layer = stacked ? kdcc_stacked_layer_new () : kdcc_line_layer_new ();
  kdcc_chart_add_layer (self->chart, self->layer);
  return GTK_WIDGET (self);
}
