/* kdcc-scrub-charts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The planner's two small charts. Both are plain drawing areas: the week
 * is 168 cells and a histogram 14 bars, far below anything that needs the
 * chart widget's decimation.
 */
#define G_LOG_DOMAIN "kdcc-scrub-panel"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kdcc-scrub-charts.h"
#include "kdcc-scrub-planner.h"

#define LABEL_W 44.0
#define LABEL_H 18.0

static void
accent (cairo_t *cr,
        double   alpha)
{
  cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, alpha);
}

static void
foreground (GtkWidget *widget,
            cairo_t   *cr,
            double     alpha)
{
  GdkRGBA color;

  /* GTK 4.8 has no gtk_widget_get_color (4.10). */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS
  cairo_set_source_rgba (cr, color.red, color.green, color.blue, color.alpha * alpha);
}

static void
text_at (GtkWidget  *widget,
         cairo_t    *cr,
         const char *text,
         double      x,
         double      y,
         double      align)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, x - w * align, y - h / 2.0);
  pango_cairo_show_layout (cr, layout);
}

/* ------------------------------------------------------------------------
 * Week view */

static void
draw_week (GtkDrawingArea *area,
           cairo_t        *cr,
           int             width,
           int             height,
           gpointer        user_data)
{
  GtkWidget *widget = GTK_WIDGET (area);
  const KdccScrubWindow *window = user_data;
  /* TRANSLATORS: short week day names, Sunday first, as in the OSD's
   * osd_scrub_begin_week_day (0 = Sunday). */
  const char *days[] = { N_("Sun"), N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"),
                         N_("Sat") };
  double cw = (width - LABEL_W) / 24.0;
  double ch = (height - LABEL_H) / 7.0;

  for (int hour = 0; hour < 24; hour += 3)
    {
      g_autofree char *label = g_strdup_printf ("%02d", hour);

      foreground (widget, cr, 0.7);
      text_at (widget, cr, label, LABEL_W + hour * cw, LABEL_H / 2, 0);
    }
  for (int day = 0; day < 7; day++)
    {
      double y = LABEL_H + day * ch;

      foreground (widget, cr, 0.8);
      text_at (widget, cr, _(days[day]), 0, y + ch / 2, 0);
      for (int hour = 0; hour < 24; hour++)
        {
          gboolean on = kdcc_scrub_window_allows (window, day, hour);

          if (on)
            accent (cr, 0.85);
          else
            foreground (widget, cr, 0.08);
          cairo_rectangle (cr, LABEL_W + hour * cw + 1, y + 1, cw - 2, ch - 2);
          cairo_fill (cr);
        }
    }
}

GtkWidget *
kdcc_scrub_week_view_new (void)
{
  GtkWidget *area = gtk_drawing_area_new ();
  KdccScrubWindow *window = g_new0 (KdccScrubWindow, 1);

  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), 7 * 18 + (int) LABEL_H);
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), 400);
  gtk_widget_set_hexpand (area, TRUE);
  g_object_set_data_full (G_OBJECT (area), "kdcc-window", window, g_free);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_week, window, NULL);
  return area;
}

void
kdcc_scrub_week_view_set_window (GtkWidget             *view,
                                 const KdccScrubWindow *window)
{
  KdccScrubWindow *current = g_object_get_data (G_OBJECT (view), "kdcc-window");

  g_return_if_fail (current != NULL);
  if (memcmp (current, window, sizeof *window) == 0)
    return;
  *current = *window;
  gtk_widget_queue_draw (view);
}

/* ------------------------------------------------------------------------
 * Histogram */

typedef struct
{
  KdccScrubHistogram histogram;
  double             warn_age;
} HistogramData;

static void
draw_histogram (GtkDrawingArea *area,
                cairo_t        *cr,
                int             width,
                int             height,
                gpointer        user_data)
{
  GtkWidget *widget = GTK_WIDGET (area);
  HistogramData *data = user_data;
  const KdccScrubHistogram *h = &data->histogram;
  double plot_h = height - LABEL_H;
  double bw = (double) width / KDCC_SCRUB_HISTOGRAM_BINS;
  guint max = 1;
  g_autofree char *last = NULL;

  for (guint i = 0; i < KDCC_SCRUB_HISTOGRAM_BINS; i++)
    max = MAX (max, h->counts[i]);
  for (guint i = 0; i < KDCC_SCRUB_HISTOGRAM_BINS; i++)
    {
      double bar = plot_h * h->counts[i] / max;
      double start = i * h->bin_width;

      if (data->warn_age >= 0 && start + h->bin_width > data->warn_age)
        cairo_set_source_rgba (cr, 0.88, 0.11, 0.14, 0.85);
      else
        accent (cr, 0.85);
      cairo_rectangle (cr, i * bw + 1, plot_h - bar, bw - 2, bar);
      cairo_fill (cr);
    }
  if (data->warn_age >= 0)
    {
      double x = MIN (data->warn_age / h->bin_width, KDCC_SCRUB_HISTOGRAM_BINS) * bw;

      cairo_set_source_rgba (cr, 0.88, 0.11, 0.14, 1);
      cairo_set_line_width (cr, 2);
      cairo_move_to (cr, x, 0);
      cairo_line_to (cr, x, plot_h);
      cairo_stroke (cr);
    }
  foreground (widget, cr, 0.7);
  text_at (widget, cr, "0", 0, plot_h + LABEL_H / 2, 0);
  {
    g_autofree char *span = kdcc_scrub_format_span (h->bin_width * (KDCC_SCRUB_HISTOGRAM_BINS - 1));

    /* TRANSLATORS: the last histogram bin: this age and older. */
    last = g_strdup_printf (_("≥ %s"), span);
  }
  text_at (widget, cr, last, width, plot_h + LABEL_H / 2, 1);
}

GtkWidget *
kdcc_scrub_histogram_new (const KdccScrubHistogram *histogram,
                          double                    warn_age)
{
  GtkWidget *area = gtk_drawing_area_new ();
  HistogramData *data = g_new0 (HistogramData, 1);

  data->histogram = *histogram;
  data->warn_age = warn_age;
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), 90);
  gtk_widget_set_hexpand (area, TRUE);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_histogram, data, g_free);
  return area;
}
