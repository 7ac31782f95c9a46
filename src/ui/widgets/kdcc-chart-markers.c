/* kdcc-chart-markers.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "What changed" markers on a KdccChart: a health check raised, an OSD
 * going down, a flag set. They are drawn over the layers so a spike can be
 * read against the event next to it, and named in the hover read-out.
 */
#define G_LOG_DOMAIN "kdcc-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "kdcc-chart-private.h"

/* How near the pointer (pixels) a marker is named in the read-out. */
#define MARKER_NEAR 8

void
_kdcc_chart_marker_clear (gpointer marker)
{
  g_clear_pointer (&((KdccChartMarker *) marker)->text, g_free);
}

static double
marker_x (KdccChart *self,
          gint64     time)
{
  double f = (double) (time - self->view_start) / (double) (self->view_end - self->view_start);

  return self->plot.origin.x + f * self->plot.size.width;
}

/* Markers are drawn in the foreground colour: every palette colour may
 * already be a series. */
void
_kdcc_chart_snapshot_markers (KdccChart     *self,
                              GtkSnapshot   *snapshot,
                              const GdkRGBA *fg)
{
  cairo_t *cr = NULL;
  GdkRGBA color = { fg->red, fg->green, fg->blue, fg->alpha * 0.75 };

  if (self->markers->len == 0 || self->view_end <= self->view_start)
    return;

  for (guint i = 0; i < self->markers->len; i++)
    {
      const KdccChartMarker *marker = &g_array_index (self->markers, KdccChartMarker, i);
      double x;

      if (marker->time < self->view_start || marker->time > self->view_end)
        continue;
      x = round (marker_x (self, marker->time)) + 0.5;
      if (cr == NULL)
        cr = gtk_snapshot_append_cairo (snapshot, &self->plot);

      cairo_set_line_width (cr, 1);
      cairo_set_dash (cr, (double[]) { 3, 3 }, 2, 0);
      gdk_cairo_set_source_rgba (cr, &(GdkRGBA) { fg->red, fg->green, fg->blue, fg->alpha * 0.45 });
      cairo_move_to (cr, x, self->plot.origin.y);
      cairo_line_to (cr, x, self->plot.origin.y + self->plot.size.height);
      cairo_stroke (cr);

      /* A small flag at the top, so a marker stays visible over a filled
       * area of the same hue. */
      cairo_set_dash (cr, NULL, 0, 0);
      gdk_cairo_set_source_rgba (cr, &color);
      cairo_move_to (cr, x - 4, self->plot.origin.y);
      cairo_line_to (cr, x + 4, self->plot.origin.y);
      cairo_line_to (cr, x, self->plot.origin.y + 6);
      cairo_close_path (cr);
      cairo_fill (cr);
    }
  g_clear_pointer (&cr, cairo_destroy);
}

void
_kdcc_chart_append_markers_readout (KdccChart *self,
                                    GString   *markup,
                                    GString   *text)
{
  gint64 near;

  if (self->markers->len == 0 || self->plot.size.width <= 0 ||
      self->view_end <= self->view_start)
    return;

  near = (gint64) (MARKER_NEAR * (double) (self->view_end - self->view_start)
                   / self->plot.size.width);
  for (guint i = 0; i < self->markers->len; i++)
    {
      const KdccChartMarker *marker = &g_array_index (self->markers, KdccChartMarker, i);
      g_autofree char *escaped = NULL;

      if (ABS (marker->time - self->hover_time) > near)
        continue;
      escaped = g_markup_escape_text (marker->text, -1);
      g_string_append_printf (markup, "\n▼ %s", escaped);
      g_string_append_c (text, '\n');
      g_string_append (text, marker->text);
    }
}

void
kdcc_chart_set_markers (KdccChart          *self,
                        const gint64       *times,
                        const char * const *texts,
                        guint               n_markers)
{
  g_return_if_fail (KDCC_IS_CHART (self));
  g_return_if_fail (n_markers == 0 || (times != NULL && texts != NULL));

  g_array_set_size (self->markers, 0);
  for (guint i = 0; i < n_markers; i++)
    {
      KdccChartMarker marker = { times[i], g_strdup (texts[i] != NULL ? texts[i] : "") };

      g_array_append_val (self->markers, marker);
    }
  _kdcc_chart_update_readout (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
kdcc_chart_get_n_markers (KdccChart *self)
{
  g_return_val_if_fail (KDCC_IS_CHART (self), 0);

  return self->markers->len;
}
