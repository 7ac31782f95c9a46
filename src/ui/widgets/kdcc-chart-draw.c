/* kdcc-chart-draw.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a KdccChart draws and writes: the axes with their labels, the hover
 * line, the legend and the read-out. The layout is in kdcc-chart.c.
 */
#define G_LOG_DOMAIN "kdcc-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "kdcc-chart-private.h"
#include "kdcc-format.h"
#include "kdcc-line-layer.h"

char *
_kdcc_chart_format_axis_value (KdccChart *self,
                               double     value)
{
  if (fabs (value) < self->value_step * 1e-6)
    return g_strdup ("0");
  return kdcc_format_chart_value (self->unit, value, FALSE);
}

PangoLayout *
_kdcc_chart_small_layout (KdccChart  *self,
                          const char *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);

  pango_layout_set_attributes (layout, self->label_attrs);
  return layout;
}

void
_kdcc_chart_clear_label_cache (KdccChart *self)
{
  g_ptr_array_set_size (self->value_labels, 0);
  g_hash_table_remove_all (self->time_labels);
  self->value_step = 0;
  self->time_label_step = 0;
}

static void
append_label (KdccChart     *self,
              GtkSnapshot   *snapshot,
              PangoLayout   *layout,
              double         x,
              double         y,
              double         xalign,
              double         yalign,
              const GdkRGBA *color)
{
  int w, h;
  int width = gtk_widget_get_width (GTK_WIDGET (self));

  pango_layout_get_pixel_size (layout, &w, &h);
  x = CLAMP (x - w * xalign, 0, MAX (0, width - w));
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (round (x), round (y - h * yalign)));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static double
value_to_y (KdccChart *self,
            double     value)
{
  double f = (value - self->value_min) / (self->value_max - self->value_min);

  return self->plot.origin.y + self->plot.size.height - f * self->plot.size.height;
}

static double
time_to_x (KdccChart *self,
           gint64     time)
{
  double f = (double) (time - self->view_start) / (double) (self->view_end - self->view_start);

  return self->plot.origin.x + f * self->plot.size.width;
}

static void
snapshot_axes (KdccChart   *self,
               GtkSnapshot *snapshot,
               GdkRGBA     *fg)
{
  GdkRGBA grid = { fg->red, fg->green, fg->blue, fg->alpha * 0.12 };
  GdkRGBA faint = { fg->red, fg->green, fg->blue, fg->alpha * 0.06 };
  GdkRGBA text = { fg->red, fg->green, fg->blue, fg->alpha * 0.65 };
  g_autoptr(GArray) ticks = NULL;
  graphene_rect_t *p = &self->plot;
  gint64 step;

  if (!self->has_data)
    gtk_snapshot_append_color (snapshot, &grid,
                               &GRAPHENE_RECT_INIT (p->origin.x, p->origin.y + p->size.height,
                                                    p->size.width, 1));

  for (guint i = 0; self->has_data && i < self->value_labels->len; i++)
    {
      double y = round (value_to_y (self, self->value_min + i * self->value_step));

      gtk_snapshot_append_color (snapshot, &grid,
                                 &GRAPHENE_RECT_INIT (p->origin.x, y, p->size.width, 1));
      append_label (self, snapshot, g_ptr_array_index (self->value_labels, i),
                    p->origin.x - LABEL_GAP, y, 1.0, 0.5, &text);
    }

  ticks = kdcc_chart_time_ticks (self->view_start, self->view_end,
                                 MAX (2, (guint) (p->size.width / 90)), self->tz, &step);
  /* A live chart moves its ticks every frame but keeps their labels. */
  if (step != self->time_label_step || g_hash_table_size (self->time_labels) > 64)
    {
      g_hash_table_remove_all (self->time_labels);
      self->time_label_step = step;
    }

  for (guint i = 0; i < ticks->len; i++)
    {
      gint64 t = g_array_index (ticks, gint64, i);
      PangoLayout *layout = g_hash_table_lookup (self->time_labels, &t);
      double x = round (time_to_x (self, t));

      if (layout == NULL)
        {
          g_autofree char *label = kdcc_chart_format_time_tick (t, step, self->tz);

          layout = _kdcc_chart_small_layout (self, label);
          g_hash_table_insert (self->time_labels, g_memdup2 (&t, sizeof t), layout);
        }

      gtk_snapshot_append_color (snapshot, &faint,
                                 &GRAPHENE_RECT_INIT (x, p->origin.y, 1, p->size.height));
      append_label (self, snapshot, layout, x, p->origin.y + p->size.height + LABEL_GAP / 2,
                    0.5, 0.0, &text);
    }
}

static void
snapshot_hover (KdccChart   *self,
                GtkSnapshot *snapshot,
                GdkRGBA     *fg)
{
  GdkRGBA line = { fg->red, fg->green, fg->blue, fg->alpha * 0.4 };
  double x = round (time_to_x (self, self->hover_time));
  cairo_t *cr = NULL;

  gtk_snapshot_append_color (snapshot, &line,
                             &GRAPHENE_RECT_INIT (x, self->plot.origin.y, 1, self->plot.size.height));

  /* A dot where each line meets the hover line (stacked areas are read
   * from the read-out). */
  for (guint i = 0; i < self->layers->len; i++)
    {
      KdccChartLayer *layer = g_ptr_array_index (self->layers, i);

      if (!KDCC_IS_LINE_LAYER (layer))
        continue;
      for (guint j = 0; j < kdcc_chart_layer_get_n_series (layer); j++)
        {
          KdccChartSeries *series = kdcc_chart_layer_get_series (layer, j);
          gint64 t;
          double v;
          GdkRGBA color;

          if (!kdcc_chart_series_get_nearest (series, self->hover_time,
                                              kdcc_chart_series_get_max_gap (series), &t, &v))
            continue;
          if (cr == NULL)
            cr = gtk_snapshot_append_cairo (snapshot, &self->plot);
          _kdcc_chart_get_series_color (self, series, &color);
          cairo_arc (cr, time_to_x (self, t), value_to_y (self, v), 3.5, 0, 2 * G_PI);
          gdk_cairo_set_source_rgba (cr, &color);
          cairo_fill (cr);
        }
    }
  g_clear_pointer (&cr, cairo_destroy);
}

void
_kdcc_chart_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  KdccChart *self = KDCC_CHART (widget);
  GdkRGBA fg;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS

  if (self->value_max > self->value_min && self->view_end > self->view_start)
    snapshot_axes (self, snapshot, &fg);

  for (guint i = 0; i < self->layers->len; i++)
    gtk_widget_snapshot_child (widget, g_ptr_array_index (self->layers, i), snapshot);

  _kdcc_chart_snapshot_markers (self, snapshot, &fg);
  gtk_widget_snapshot_child (widget, self->empty_label, snapshot);
  gtk_widget_snapshot_child (widget, self->legend, snapshot);

  if (self->hover_time != 0)
    {
      snapshot_hover (self, snapshot, &fg);
      gtk_widget_snapshot_child (widget, self->readout, snapshot);
    }
}

static void
append_swatch_markup (GString       *str,
                      const GdkRGBA *color)
{
  g_string_append_printf (str, "<span foreground=\"#%02x%02x%02x\">●</span> ",
                          (guint) round (color->red * 255), (guint) round (color->green * 255),
                          (guint) round (color->blue * 255));
}

void
_kdcc_chart_update_legend (KdccChart *self)
{
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *accessible = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->legend)) != NULL)
    gtk_box_remove (GTK_BOX (self->legend), child);

  for (guint i = 0; i < self->layers->len; i++)
    {
      KdccChartLayer *layer = g_ptr_array_index (self->layers, i);

      for (guint j = 0; j < kdcc_chart_layer_get_n_series (layer); j++)
        {
          KdccChartSeries *series = kdcc_chart_layer_get_series (layer, j);
          g_autoptr(GString) markup = g_string_new (NULL);
          g_autofree char *title = g_markup_escape_text (kdcc_chart_series_get_title (series) != NULL
                                                           ? kdcc_chart_series_get_title (series)
                                                           : "", -1);
          GdkRGBA color;
          GtkWidget *label;

          _kdcc_chart_get_series_color (self, series, &color);
          append_swatch_markup (markup, &color);
          g_string_append (markup, title);
          label = gtk_label_new (NULL);
          gtk_label_set_markup (GTK_LABEL (label), markup->str);
          gtk_box_append (GTK_BOX (self->legend), label);

          g_string_append_printf (names, "%s%s", names->len > 0 ? ", " : "",
                                  kdcc_chart_series_get_title (series) != NULL
                                    ? kdcc_chart_series_get_title (series) : "");
        }
    }

  /* A screen reader names the picture by what it shows; the read-out
   * (the description) gives the values. */
  /* Translators: the accessible name of a chart, e.g. "Chart of Read, Write" */
  accessible = g_strdup_printf (_("Chart of %s"), names->str);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

void
_kdcc_chart_update_readout (KdccChart *self)
{
  g_autoptr(GString) markup = g_string_new (NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *time_text = NULL;
  gint64 shown = self->hover_time;

  if (self->hover_time == 0)
    {
      g_clear_pointer (&self->readout_text, g_free);
      self->readout_text = g_strdup ("");
      gtk_widget_set_visible (self->readout, FALSE);
      return;
    }

  /* The time of the first sample found, so the read-out names the moment
   * its values were taken, not where the pointer happens to be. */
  for (guint i = 0; i < self->layers->len && shown == self->hover_time; i++)
    {
      KdccChartLayer *layer = g_ptr_array_index (self->layers, i);

      for (guint j = 0; j < kdcc_chart_layer_get_n_series (layer); j++)
        {
          KdccChartSeries *series = kdcc_chart_layer_get_series (layer, j);
          gint64 t;

          if (kdcc_chart_series_get_nearest (series, self->hover_time,
                                             kdcc_chart_series_get_max_gap (series), &t, NULL))
            {
              shown = t;
              break;
            }
        }
    }

  when = g_date_time_new_from_unix_local (shown / G_USEC_PER_SEC);
  /* Translators: the time of the values in a chart's read-out, e.g.
   * "Tue 14 Nov, 21:15:30"; see g_date_time_format() for the codes. */
  time_text = when != NULL ? g_date_time_format (when, _("%a %-d %b, %H:%M:%S")) : g_strdup ("");
  g_string_append_printf (markup, "<b>%s</b>", time_text);
  g_string_append (text, time_text);

  for (guint i = 0; i < self->layers->len; i++)
    {
      KdccChartLayer *layer = g_ptr_array_index (self->layers, i);

      for (guint j = 0; j < kdcc_chart_layer_get_n_series (layer); j++)
        {
          KdccChartSeries *series = kdcc_chart_layer_get_series (layer, j);
          const char *title = kdcc_chart_series_get_title (series);
          g_autofree char *escaped = g_markup_escape_text (title != NULL ? title : "", -1);
          g_autofree char *value_text = NULL;
          double v = NAN;
          GdkRGBA color;

          kdcc_chart_series_get_nearest (series, self->hover_time,
                                         kdcc_chart_series_get_max_gap (series), NULL, &v);
          value_text = kdcc_format_chart_value (kdcc_chart_series_get_unit (series), v, TRUE);
          _kdcc_chart_get_series_color (self, series, &color);

          g_string_append_c (markup, '\n');
          append_swatch_markup (markup, &color);
          /* Translators: one line of a chart's read-out: series, value */
          g_string_append_printf (markup, _("%s: %s"), escaped, value_text);
          g_string_append_c (text, '\n');
          g_string_append_printf (text, _("%s: %s"), title != NULL ? title : "", value_text);
        }
    }
  _kdcc_chart_append_markers_readout (self, markup, text);

  gtk_label_set_markup (GTK_LABEL (self->readout), markup->str);
  g_free (self->readout_text);
  self->readout_text = g_string_free (g_steal_pointer (&text), FALSE);
  gtk_widget_set_visible (self->readout, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  self->readout_text, -1);
}
