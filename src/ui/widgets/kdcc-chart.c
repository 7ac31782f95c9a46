/* kdcc-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Design note. The chart does the layout and the axes; layers only draw.
 * During allocation the chart resolves the time window, asks each layer for
 * the extent of what it draws (which decimates each series once into pixel
 * columns, kept by the layer for its snapshot), picks round value ticks and
 * measures their labels for the left margin. The snapshot then draws grid
 * lines and labels, the layers, and the hover line; nothing in it walks raw
 * samples. The read-out is a child label positioned beside the pointer, so
 * it lives inside the chart's own render node (and its screenshots).
 */
#define G_LOG_DOMAIN "kdcc-chart"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <math.h>

#include "kdcc-chart-private.h"
#include "kdcc-enums.h"
#include "kdcc-format.h"
#include "kdcc-line-layer.h"

#define PLOT_TOP       8
#define PLOT_RIGHT     12
#define LABEL_GAP      6
#define READOUT_OFFSET 14

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

  /* Computed during allocation */
  graphene_rect_t plot;
  gint64          view_start;
  gint64          view_end;
  double          value_min;
  double          value_max;
  double          value_step;
  int             last_plot_width;
  gboolean        has_data;
  gboolean        dark;
};

static void buildable_iface_init (GtkBuildableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KdccChart, kdcc_chart, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE, buildable_iface_init))

enum {
  PROP_0,
  PROP_RANGE,
  PROP_END_TIME,
  PROP_UNIT,
  PROP_HOVER_TIME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];
static GtkBuildableIface *parent_buildable;

/* GNOME's palette: the darker shades on light backgrounds, the lighter
 * ones on dark, so each line keeps its contrast. */
static const char *palette_light[] = {
  "#1c71d8", "#26a269", "#e66100", "#9141ac", "#c01c28", "#865e3c",
};
static const char *palette_dark[] = {
  "#62a0ea", "#57e389", "#ffa348", "#c061cb", "#f66151", "#cdab8f",
};

static void update_legend  (KdccChart *self);
static void update_readout (KdccChart *self);

static guint
series_index (KdccChart       *self,
              KdccChartSeries *series)
{
  guint index = 0;

  for (guint i = 0; i < self->layers->len; i++)
    {
      KdccChartLayer *layer = g_ptr_array_index (self->layers, i);

      for (guint j = 0; j < kdcc_chart_layer_get_n_series (layer); j++, index++)
        if (kdcc_chart_layer_get_series (layer, j) == series)
          return index;
    }

  return index;
}

void
_kdcc_chart_get_series_color (KdccChart       *self,
                              KdccChartSeries *series,
                              GdkRGBA         *rgba)
{
  guint index = series_index (self, series);
  const char **palette = self->dark ? palette_dark : palette_light;

  gdk_rgba_parse (rgba, palette[index % G_N_ELEMENTS (palette_light)]);
}

void
_kdcc_chart_get_view (KdccChart *self,
                      gint64    *start,
                      gint64    *end,
                      double    *value_min,
                      double    *value_max)
{
  *start = self->view_start;
  *end = self->view_end;
  *value_min = self->value_min;
  *value_max = self->value_max;
}

void
_kdcc_chart_layer_changed (KdccChart *self,
                           gboolean   series_list_changed)
{
  if (series_list_changed)
    update_legend (self);
  if (self->hover_time != 0)
    update_readout (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
resolve_window (KdccChart *self,
                gint64    *start,
                gint64    *end)
{
  gint64 e = self->end_time;

  if (e == 0)
    {
      for (guint i = 0; i < self->layers->len; i++)
        {
          KdccChartLayer *layer = g_ptr_array_index (self->layers, i);

          for (guint j = 0; j < kdcc_chart_layer_get_n_series (layer); j++)
            {
              guint n;
              const gint64 *times = kdcc_chart_series_get_times (kdcc_chart_layer_get_series (layer, j),
                                                                 &n);

              if (n > 0)
                e = MAX (e, times[n - 1]);
            }
        }
      if (e == 0)
        e = g_get_real_time ();
    }

  *end = e;
  *start = e - kdcc_chart_range_get_seconds (self->range) * G_USEC_PER_SEC;
}

/* "0" needs no unit, and a chart reads calmer without "0 bytes/s". */
static char *
format_axis_value (KdccChart *self,
                   double     value)
{
  if (fabs (value) < self->value_step * 1e-6)
    return g_strdup ("0");
  return kdcc_format_chart_value (self->unit, value, FALSE);
}

static PangoLayout *
small_layout (KdccChart  *self,
              const char *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

static void
kdcc_chart_measure (GtkWidget      *widget,
                    GtkOrientation  orientation,
                    int             for_size,
                    int            *minimum,
                    int            *natural,
                    int            *minimum_baseline,
                    int            *natural_baseline)
{
  KdccChart *self = KDCC_CHART (widget);
  int legend_min = 0, legend_nat = 0;

  gtk_widget_measure (self->legend, orientation, for_size, &legend_min, &legend_nat, NULL, NULL);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MAX (200, legend_min);
      *natural = MAX (480, legend_nat);
    }
  else
    {
      *minimum = 140 + legend_min;
      *natural = 200 + legend_nat;
    }
}

static void
kdcc_chart_size_allocate (GtkWidget *widget,
                          int        width,
                          int        height,
                          int        baseline)
{
  KdccChart *self = KDCC_CHART (widget);
  gint64 start, end;
  int legend_height = 0, text_height, left = 0;
  double lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE;
  gboolean any = FALSE;
  int columns_guess, plot_height;
  g_autoptr(PangoLayout) probe = small_layout (self, "0");
  gboolean view_changed;

  gtk_widget_measure (self->legend, GTK_ORIENTATION_VERTICAL, width, NULL, &legend_height,
                      NULL, NULL);
  pango_layout_get_pixel_size (probe, NULL, &text_height);

  resolve_window (self, &start, &end);
  view_changed = start != self->view_start || end != self->view_end;
  self->view_start = start;
  self->view_end = end;

  /* The extent is taken at last frame's plot width, so in the steady state
   * the columns decimated here are the ones the layers draw. */
  columns_guess = self->last_plot_width > 0 ? self->last_plot_width : MAX (1, width - 64);
  for (guint i = 0; i < self->layers->len; i++)
    {
      double a, b;

      if (kdcc_chart_layer_get_extent (g_ptr_array_index (self->layers, i), columns_guess, &a, &b))
        {
          lo = MIN (lo, a);
          hi = MAX (hi, b);
          any = TRUE;
        }
    }

  plot_height = MAX (1, height - legend_height - text_height - LABEL_GAP - PLOT_TOP - 4);
  {
    double old_min = self->value_min, old_max = self->value_max;

    kdcc_chart_value_axis (any ? lo : 0, any ? hi : 0, MAX (2, plot_height / 36), self->unit,
                           &self->value_min, &self->value_max, &self->value_step);
    view_changed |= old_min != self->value_min || old_max != self->value_max;
  }

  self->has_data = any;

  /* The left margin fits the widest value label; without data there are
   * no values to label. */
  for (double v = self->value_min; any && v <= self->value_max + self->value_step / 2;
       v += self->value_step)
    {
      g_autofree char *text = format_axis_value (self, v);
      g_autoptr(PangoLayout) layout = small_layout (self, text);
      int w;

      pango_layout_get_pixel_size (layout, &w, NULL);
      left = MAX (left, w);
    }
  left += 2 * LABEL_GAP;

  self->plot = GRAPHENE_RECT_INIT (left, PLOT_TOP, MAX (1, width - left - PLOT_RIGHT),
                                   plot_height);
  self->last_plot_width = (int) self->plot.size.width;

  for (guint i = 0; i < self->layers->len; i++)
    {
      GtkWidget *layer = g_ptr_array_index (self->layers, i);

      gtk_widget_allocate (layer, (int) self->plot.size.width, (int) self->plot.size.height, -1,
                           gsk_transform_translate (NULL, &self->plot.origin));
      if (view_changed)
        gtk_widget_queue_draw (layer);
    }

  gtk_widget_allocate (self->legend, width, legend_height, -1,
                       gsk_transform_translate (NULL,
                                                &GRAPHENE_POINT_INIT (0, height - legend_height)));

  gtk_widget_set_visible (self->empty_label, !any);
  if (!any)
    {
      int w, h;

      gtk_widget_measure (self->empty_label, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &w, NULL, NULL);
      gtk_widget_measure (self->empty_label, GTK_ORIENTATION_VERTICAL, w, NULL, &h, NULL, NULL);
      gtk_widget_allocate (self->empty_label, w, h, -1,
                           gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (
                             self->plot.origin.x + (self->plot.size.width - w) / 2,
                             self->plot.origin.y + (self->plot.size.height - h) / 2)));
    }

  if (gtk_widget_get_visible (self->readout))
    {
      double span = (double) (self->view_end - self->view_start);
      double x = self->plot.origin.x
                 + (double) (self->hover_time - self->view_start) / span * self->plot.size.width;
      int w, h;

      gtk_widget_measure (self->readout, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &w, NULL, NULL);
      gtk_widget_measure (self->readout, GTK_ORIENTATION_VERTICAL, w, NULL, &h, NULL, NULL);
      /* Beside the pointer, on the side with room. */
      x = x + READOUT_OFFSET + w <= width ? x + READOUT_OFFSET : x - READOUT_OFFSET - w;
      gtk_widget_allocate (self->readout, w, h, -1,
                           gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (
                             CLAMP (x, 0, MAX (0, width - w)), self->plot.origin.y + 4)));
    }
}

static void
append_label (KdccChart     *self,
              GtkSnapshot   *snapshot,
              const char    *text,
              double         x,
              double         y,
              double         xalign,
              double         yalign,
              const GdkRGBA *color)
{
  g_autoptr(PangoLayout) layout = small_layout (self, text);
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
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(GArray) ticks = NULL;
  graphene_rect_t *p = &self->plot;
  gint64 step;

  if (!self->has_data)
    gtk_snapshot_append_color (snapshot, &grid,
                               &GRAPHENE_RECT_INIT (p->origin.x, p->origin.y + p->size.height,
                                                    p->size.width, 1));

  for (double v = self->value_min; self->has_data && v <= self->value_max + self->value_step / 2;
       v += self->value_step)
    {
      g_autofree char *label = format_axis_value (self, v);
      double y = round (value_to_y (self, v));

      gtk_snapshot_append_color (snapshot, &grid,
                                 &GRAPHENE_RECT_INIT (p->origin.x, y, p->size.width, 1));
      append_label (self, snapshot, label, p->origin.x - LABEL_GAP, y, 1.0, 0.5, &text);
    }

  ticks = kdcc_chart_time_ticks (self->view_start, self->view_end,
                                 MAX (2, (guint) (p->size.width / 90)), tz, &step);
  for (guint i = 0; i < ticks->len; i++)
    {
      gint64 t = g_array_index (ticks, gint64, i);
      g_autofree char *label = kdcc_chart_format_time_tick (t, step, tz);
      double x = round (time_to_x (self, t));

      gtk_snapshot_append_color (snapshot, &faint,
                                 &GRAPHENE_RECT_INIT (x, p->origin.y, 1, p->size.height));
      append_label (self, snapshot, label, x, p->origin.y + p->size.height + LABEL_GAP / 2,
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

static void
kdcc_chart_snapshot (GtkWidget   *widget,
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

static void
update_legend (KdccChart *self)
{
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
        }
    }
}

static void
update_readout (KdccChart *self)
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

  gtk_label_set_markup (GTK_LABEL (self->readout), markup->str);
  g_free (self->readout_text);
  self->readout_text = g_string_free (g_steal_pointer (&text), FALSE);
  gtk_widget_set_visible (self->readout, TRUE);
}

static void
motion_cb (KdccChart                *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *controller)
{
  graphene_rect_t *p = &self->plot;

  if (x < p->origin.x || x > p->origin.x + p->size.width || p->size.width <= 0)
    {
      kdcc_chart_clear_hover (self);
      return;
    }

  kdcc_chart_set_hover_time (self, self->view_start
                                   + (gint64) ((x - p->origin.x) / p->size.width
                                               * (double) (self->view_end - self->view_start)));
}

static void
leave_cb (KdccChart                *self,
          GtkEventControllerMotion *controller)
{
  kdcc_chart_clear_hover (self);
}

static void
dark_changed_cb (KdccChart       *self,
                 GParamSpec      *pspec,
                 AdwStyleManager *manager)
{
  self->dark = adw_style_manager_get_dark (manager);
  update_legend (self);
  if (self->hover_time != 0)
    update_readout (self);
  for (guint i = 0; i < self->layers->len; i++)
    gtk_widget_queue_draw (g_ptr_array_index (self->layers, i));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
kdcc_chart_buildable_add_child (GtkBuildable *buildable,
                                GtkBuilder   *builder,
                                GObject      *child,
                                const char   *type)
{
  if (KDCC_IS_CHART_LAYER (child))
    kdcc_chart_add_layer (KDCC_CHART (buildable), KDCC_CHART_LAYER (child));
  else
    parent_buildable->add_child (buildable, builder, child, type);
}

static void
buildable_iface_init (GtkBuildableIface *iface)
{
  parent_buildable = g_type_interface_peek_parent (iface);
  iface->add_child = kdcc_chart_buildable_add_child;
}

static void
kdcc_chart_dispose (GObject *object)
{
  KdccChart *self = (KdccChart *)object;
  GtkWidget *child;

  g_ptr_array_set_size (self->layers, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  self->legend = self->readout = self->empty_label = NULL;

  G_OBJECT_CLASS (kdcc_chart_parent_class)->dispose (object);
}

static void
kdcc_chart_finalize (GObject *object)
{
  KdccChart *self = (KdccChart *)object;

  g_clear_pointer (&self->layers, g_ptr_array_unref);
  g_clear_pointer (&self->readout_text, g_free);

  G_OBJECT_CLASS (kdcc_chart_parent_class)->finalize (object);
}

static void
kdcc_chart_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  KdccChart *self = KDCC_CHART (object);

  switch (prop_id)
    {
    case PROP_RANGE:
      g_value_set_enum (value, self->range);
      break;
    case PROP_END_TIME:
      g_value_set_int64 (value, self->end_time);
      break;
    case PROP_UNIT:
      g_value_set_enum (value, self->unit);
      break;
    case PROP_HOVER_TIME:
      g_value_set_int64 (value, self->hover_time);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_chart_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  KdccChart *self = KDCC_CHART (object);

  switch (prop_id)
    {
    case PROP_RANGE:
      kdcc_chart_set_range (self, g_value_get_enum (value));
      break;
    case PROP_END_TIME:
      kdcc_chart_set_end_time (self, g_value_get_int64 (value));
      break;
    case PROP_UNIT:
      kdcc_chart_set_unit (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_chart_class_init (KdccChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kdcc_chart_dispose;
  object_class->finalize = kdcc_chart_finalize;
  object_class->get_property = kdcc_chart_get_property;
  object_class->set_property = kdcc_chart_set_property;

  widget_class->measure = kdcc_chart_measure;
  widget_class->size_allocate = kdcc_chart_size_allocate;
  widget_class->snapshot = kdcc_chart_snapshot;

  properties[PROP_RANGE] =
    g_param_spec_enum ("range", NULL, NULL, KDCC_TYPE_CHART_RANGE, KDCC_CHART_RANGE_1H,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_END_TIME] =
    g_param_spec_int64 ("end-time", NULL, NULL, 0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_UNIT] =
    g_param_spec_enum ("unit", NULL, NULL, KDCC_TYPE_CHART_UNIT, KDCC_CHART_UNIT_NONE,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_HOVER_TIME] =
    g_param_spec_int64 ("hover-time", NULL, NULL, 0, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
kdcc_chart_init (KdccChart *self)
{
  GtkEventController *motion;
  AdwStyleManager *manager = adw_style_manager_get_default ();

  self->layers = g_ptr_array_new ();

  self->empty_label = gtk_label_new (_("No data for this time range"));
  gtk_widget_add_css_class (self->empty_label, "empty");
  gtk_widget_set_parent (self->empty_label, GTK_WIDGET (self));

  self->legend = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  gtk_widget_add_css_class (self->legend, "legend");
  gtk_widget_set_halign (self->legend, GTK_ALIGN_CENTER);
  gtk_widget_set_parent (self->legend, GTK_WIDGET (self));

  self->readout = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->readout, "readout");
  gtk_label_set_xalign (GTK_LABEL (self->readout), 0);
  gtk_widget_set_can_target (self->readout, FALSE);
  gtk_widget_set_visible (self->readout, FALSE);
  gtk_widget_set_parent (self->readout, GTK_WIDGET (self));
  self->readout_text = g_strdup ("");

  motion = gtk_event_controller_motion_new ();
  g_signal_connect_object (motion, "motion", G_CALLBACK (motion_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (motion, "leave", G_CALLBACK (leave_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  self->dark = adw_style_manager_get_dark (manager);
  g_signal_connect_object (manager, "notify::dark", G_CALLBACK (dark_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

GtkWidget *
kdcc_chart_new (void)
{
  return g_object_new (KDCC_TYPE_CHART, NULL);
}

void
kdcc_chart_add_layer (KdccChart      *self,
                      KdccChartLayer *layer)
{
  g_return_if_fail (KDCC_IS_CHART (self));
  g_return_if_fail (KDCC_IS_CHART_LAYER (layer));
  g_return_if_fail (gtk_widget_get_parent (GTK_WIDGET (layer)) == NULL);

  g_ptr_array_add (self->layers, layer);
  /* Layers are drawn under the read-out: insert before it. */
  gtk_widget_insert_before (GTK_WIDGET (layer), GTK_WIDGET (self), self->empty_label);
  _kdcc_chart_layer_changed (self, TRUE);
}

void
kdcc_chart_remove_layer (KdccChart      *self,
                         KdccChartLayer *layer)
{
  g_return_if_fail (KDCC_IS_CHART (self));

  if (!g_ptr_array_remove (self->layers, layer))
    return;
  gtk_widget_unparent (GTK_WIDGET (layer));
  _kdcc_chart_layer_changed (self, TRUE);
}

KdccChartRange
kdcc_chart_get_range (KdccChart *self)
{
  g_return_val_if_fail (KDCC_IS_CHART (self), KDCC_CHART_RANGE_1H);

  return self->range;
}

void
kdcc_chart_set_range (KdccChart      *self,
                      KdccChartRange  range)
{
  g_return_if_fail (KDCC_IS_CHART (self));

  if (range != self->range)
    {
      self->range = range;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RANGE]);
      _kdcc_chart_layer_changed (self, FALSE);
    }
}

gint64
kdcc_chart_get_end_time (KdccChart *self)
{
  g_return_val_if_fail (KDCC_IS_CHART (self), 0);

  return self->end_time;
}

void
kdcc_chart_set_end_time (KdccChart *self,
                         gint64     end_time)
{
  g_return_if_fail (KDCC_IS_CHART (self));

  if (end_time != self->end_time)
    {
      self->end_time = end_time;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_END_TIME]);
      _kdcc_chart_layer_changed (self, FALSE);
    }
}

KdccChartUnit
kdcc_chart_get_unit (KdccChart *self)
{
  g_return_val_if_fail (KDCC_IS_CHART (self), KDCC_CHART_UNIT_NONE);

  return self->unit;
}

void
kdcc_chart_set_unit (KdccChart     *self,
                     KdccChartUnit  unit)
{
  g_return_if_fail (KDCC_IS_CHART (self));

  if (unit != self->unit)
    {
      self->unit = unit;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNIT]);
      _kdcc_chart_layer_changed (self, FALSE);
    }
}

void
kdcc_chart_get_window (KdccChart *self,
                       gint64    *start,
                       gint64    *end)
{
  g_return_if_fail (KDCC_IS_CHART (self));

  resolve_window (self, start, end);
}

void
kdcc_chart_set_hover_time (KdccChart *self,
                           gint64     time)
{
  g_return_if_fail (KDCC_IS_CHART (self));

  if (time == self->hover_time)
    return;

  self->hover_time = time;
  update_readout (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOVER_TIME]);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
kdcc_chart_clear_hover (KdccChart *self)
{
  kdcc_chart_set_hover_time (self, 0);
}

gint64
kdcc_chart_get_hover_time (KdccChart *self)
{
  g_return_val_if_fail (KDCC_IS_CHART (self), 0);

  return self->hover_time;
}

const char *
kdcc_chart_get_readout_text (KdccChart *self)
{
  g_return_val_if_fail (KDCC_IS_CHART (self), NULL);

  return self->readout_text;
}
