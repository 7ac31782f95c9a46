/* kdcc-usage-cell.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-usage-cell"

#include "config.h"

#include "kdcc-format.h"
#include "kdcc-usage-cell.h"

/* Ceph's default ratios, as KdccCapacityBar colours them. */
#define NEARFULL_RATIO 0.85
#define FULL_RATIO     0.95
#define BAR_WIDTH      60
#define BAR_HEIGHT     8
#define SPACING        6

struct _KdccUsageCell
{
  GtkWidget    parent_instance;

  guint64      used;
  guint64      total;
  char        *percent;
  PangoLayout *layout;
};

G_DEFINE_FINAL_TYPE (KdccUsageCell, kdcc_usage_cell, GTK_TYPE_WIDGET)

static double
fraction (KdccUsageCell *self)
{
  return self->total > 0 ? CLAMP ((double) self->used / (double) self->total, 0, 1) : 0;
}

static PangoLayout *
get_layout (KdccUsageCell *self)
{
  if (self->layout == NULL)
    self->layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), self->percent);
  return self->layout;
}

static void
kdcc_usage_cell_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  int width, height;

  pango_layout_get_pixel_size (get_layout (KDCC_USAGE_CELL (widget)), &width, &height);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = BAR_WIDTH + SPACING + width;
  else
    *minimum = *natural = MAX (height, BAR_HEIGHT);
}

static void
rounded_bar (GtkSnapshot   *snapshot,
             float          x,
             float          y,
             float          width,
             const GdkRGBA *color)
{
  GskRoundedRect rect;

  if (width <= 0)
    return;
  gsk_rounded_rect_init_from_rect (&rect, &GRAPHENE_RECT_INIT (x, y, width, BAR_HEIGHT),
                                   BAR_HEIGHT / 2.0f);
  gtk_snapshot_push_rounded_clip (snapshot, &rect);
  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x, y, width, BAR_HEIGHT));
  gtk_snapshot_pop (snapshot);
}

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
static void
kdcc_usage_cell_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  KdccUsageCell *self = KDCC_USAGE_CELL (widget);
  GtkStyleContext *style = gtk_widget_get_style_context (widget);
  PangoLayout *layout = get_layout (self);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double used = fraction (self);
  const char *name = used >= FULL_RATIO ? "error_color"
                     : used >= NEARFULL_RATIO ? "warning_color" : "accent_bg_color";
  int text_width, text_height;
  float bar_width, y;
  GdkRGBA color, trough, fill;

  /* The theme's colours, as the capacity bar's CSS uses them. */
  gtk_style_context_get_color (style, &color);
  trough = color;
  trough.alpha *= 0.15;
  if (!gtk_style_context_lookup_color (style, name, &fill))
    fill = color;

  pango_layout_get_pixel_size (layout, &text_width, &text_height);
  bar_width = MAX (width - SPACING - text_width, 0);
  y = (height - BAR_HEIGHT) / 2.0f;
  rounded_bar (snapshot, 0, y, bar_width, &trough);
  rounded_bar (snapshot, 0, y, bar_width * used, &fill);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (width - text_width, (height - text_height) / 2.0f));
  gtk_snapshot_append_layout (snapshot, layout, &color);
  gtk_snapshot_restore (snapshot);
}
G_GNUC_END_IGNORE_DEPRECATIONS

static void
kdcc_usage_cell_css_changed (GtkWidget         *widget,
                             GtkCssStyleChange *change)
{
  KdccUsageCell *self = KDCC_USAGE_CELL (widget);

  GTK_WIDGET_CLASS (kdcc_usage_cell_parent_class)->css_changed (widget, change);
  /* A new font: lay the text out again. */
  g_clear_object (&self->layout);
  gtk_widget_queue_resize (widget);
}

static void
kdcc_usage_cell_finalize (GObject *object)
{
  KdccUsageCell *self = KDCC_USAGE_CELL (object);

  g_clear_object (&self->layout);
  g_free (self->percent);

  G_OBJECT_CLASS (kdcc_usage_cell_parent_class)->finalize (object);
}

static void
kdcc_usage_cell_class_init (KdccUsageCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = kdcc_usage_cell_finalize;
  widget_class->measure = kdcc_usage_cell_measure;
  widget_class->snapshot = kdcc_usage_cell_snapshot;
  widget_class->css_changed = kdcc_usage_cell_css_changed;
  gtk_widget_class_set_css_name (widget_class, "usagecell");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_METER);
}

static void
kdcc_usage_cell_init (KdccUsageCell *self)
{
  self->percent = kdcc_format_percent (0);
  gtk_widget_add_css_class (GTK_WIDGET (self), "numeric");
}

GtkWidget *
kdcc_usage_cell_new (void)
{
  return g_object_new (KDCC_TYPE_USAGE_CELL, NULL);
}

void
kdcc_usage_cell_set_values (KdccUsageCell *self,
                            guint64        used,
                            guint64        total)
{
  g_autofree char *percent = NULL;

  g_return_if_fail (KDCC_IS_USAGE_CELL (self));

  if (self->used == used && self->total == total)
    return;

  self->used = used;
  self->total = total;
  percent = kdcc_format_percent (fraction (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, 0.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, 100.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, fraction (self) * 100.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, percent,
                                  -1);
  if (g_strcmp0 (percent, self->percent) != 0)
    {
      g_free (self->percent);
      self->percent = g_steal_pointer (&percent);
      if (self->layout != NULL)
        pango_layout_set_text (self->layout, self->percent, -1);
      gtk_widget_queue_resize (GTK_WIDGET (self));
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
kdcc_usage_cell_get_percent_text (KdccUsageCell *self)
{
  g_return_val_if_fail (KDCC_IS_USAGE_CELL (self), NULL);

  return self->percent;
}
