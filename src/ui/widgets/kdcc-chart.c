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
    _kdcc_chart_update_legend (self);
  if (self->hover_time != 0)
    _kdcc_chart_update_readout (self);
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
  g_autoptr(PangoLayout) probe = _kdcc_chart_small_layout (self, "0");
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
    double old_min = self->value_min, old_max = self->value_max, old_step = self->value_step;

    kdcc_chart_value_axis (any ? lo : 0, any ? hi : 0, MAX (2, plot_height / 36), self->unit,
                           &self->value_min, &self->value_max, &self->value_step);
    view_changed |= old_min != self->value_min || old_max != self->value_max;
    if (view_changed || old_step != self->value_step || any != self->has_data)
      g_ptr_array_set_size (self->value_labels, 0);
  }

  self->has_data = any;

  /* The left margin fits the widest value label; without data there are
   * no values to label. */
  if (any && self->value_labels->len == 0)
    for (double v = self->value_min; v <= self->value_max + self->value_step / 2;
         v += self->value_step)
      {
        g_autofree char *text = _kdcc_chart_format_axis_value (self, v);

        g_ptr_array_add (self->value_labels, _kdcc_chart_small_layout (self, text));
      }
  for (guint i = 0; i < self->value_labels->len; i++)
    {
      int w;

      pango_layout_get_pixel_size (g_ptr_array_index (self->value_labels, i), &w, NULL);
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
  _kdcc_chart_update_legend (self);
  if (self->hover_time != 0)
    _kdcc_chart_update_readout (self);
  for (guint i = 0; i < self->layers->len; i++)
    gtk_widget_queue_draw (g_ptr_array_index (self->layers, i));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
kdcc_chart_system_setting_changed (GtkWidget        *widget,
                                   GtkSystemSetting  setting)
{
  KdccChart *self = KDCC_CHART (widget);

  /* Fonts and the time zone live in the cached labels. */
  _kdcc_chart_clear_label_cache (self);
  g_clear_pointer (&self->tz, g_time_zone_unref);
  self->tz = g_time_zone_new_local ();
  gtk_widget_queue_allocate (widget);

  GTK_WIDGET_CLASS (kdcc_chart_parent_class)->system_setting_changed (widget, setting);
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
  g_ptr_array_set_size (self->value_labels, 0);
  g_hash_table_remove_all (self->time_labels);
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
  g_clear_pointer (&self->markers, g_array_unref);
  g_clear_pointer (&self->value_labels, g_ptr_array_unref);
  g_clear_pointer (&self->time_labels, g_hash_table_unref);
  g_clear_pointer (&self->label_attrs, pango_attr_list_unref);
  g_clear_pointer (&self->tz, g_time_zone_unref);

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
  widget_class->snapshot = _kdcc_chart_snapshot;
  widget_class->system_setting_changed = kdcc_chart_system_setting_changed;

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
  self->markers = g_array_new (FALSE, FALSE, sizeof (KdccChartMarker));
  g_array_set_clear_func (self->markers, _kdcc_chart_marker_clear);
  self->value_labels = g_ptr_array_new_with_free_func (g_object_unref);
  self->time_labels = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->tz = g_time_zone_new_local ();
  self->label_attrs = pango_attr_list_new ();
  pango_attr_list_insert (self->label_attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
  pango_attr_list_insert (self->label_attrs, pango_attr_font_features_new ("tnum=1"));

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
      g_ptr_array_set_size (self->value_labels, 0);
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
  _kdcc_chart_update_readout (self);
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
