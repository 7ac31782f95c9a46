/* kdcc-option-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdcc-option-row"

#include "config.h"

#include "kdcc-option-row.h"

#define MARGIN_X 12
#define MARGIN_Y 8
#define LINE_GAP 3
#define COLUMN_GAP 12
#define VALUE_CHARS 24
#define TAG_CHARS 16

enum { TEXT_NAME, TEXT_DESCRIPTION, TEXT_VALUE, TEXT_TAG, N_TEXTS };

struct _KdccOptionRow
{
  GtkWidget    parent_instance;

  char        *texts[N_TEXTS];
  char        *accessible;
  PangoLayout *layouts[N_TEXTS];  /* made when first drawn, dropped when the style changes */
  int          line_height;       /* pixels; 0 until measured */
  int          char_width;
};

G_DEFINE_FINAL_TYPE (KdccOptionRow, kdcc_option_row, GTK_TYPE_WIDGET)

static void
drop_layouts (KdccOptionRow *self)
{
  for (guint i = 0; i < N_TEXTS; i++)
    g_clear_object (&self->layouts[i]);
  self->line_height = 0;
}

/* The font's line height and average character width, from its metrics:
 * the row's height never depends on its texts, so a bind never measures
 * text. */
static void
ensure_metrics (KdccOptionRow *self)
{
  PangoContext *context;
  PangoFontMetrics *metrics;

  if (self->line_height > 0)
    return;
  context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  metrics = pango_context_get_metrics (context, pango_context_get_font_description (context), NULL);
  self->line_height = PANGO_PIXELS_CEIL (pango_font_metrics_get_ascent (metrics)
                                         + pango_font_metrics_get_descent (metrics));
  self->char_width = PANGO_PIXELS_CEIL (pango_font_metrics_get_approximate_char_width (metrics));
  pango_font_metrics_unref (metrics);
}

static PangoLayout *
get_layout (KdccOptionRow *self,
            guint          which)
{
  if (self->layouts[which] == NULL)
    {
      PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
      PangoAttrList *attrs = pango_attr_list_new ();

      if (which == TEXT_NAME)
        pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      else if (which == TEXT_TAG)
        pango_attr_list_insert (attrs, pango_attr_scale_new (0.8333));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_single_paragraph_mode (layout, TRUE);
      if (which == TEXT_TAG)
        pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
      self->layouts[which] = layout;
    }
  pango_layout_set_text (self->layouts[which], self->texts[which] != NULL ? self->texts[which] : "",
                         -1);
  return self->layouts[which];
}

static void
kdcc_option_row_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  KdccOptionRow *self = KDCC_OPTION_ROW (widget);

  ensure_metrics (self);
  if (orientation == GTK_ORIENTATION_VERTICAL)
    *minimum = *natural = 2 * MARGIN_Y + 2 * self->line_height + LINE_GAP;
  else
    {
      *minimum = 2 * MARGIN_X + (VALUE_CHARS / 2 + TAG_CHARS) * self->char_width;
      *natural = *minimum + 40 * self->char_width;
    }
}

static void
draw (GtkSnapshot   *snapshot,
      PangoLayout   *layout,
      int            x,
      int            y,
      int            width,
      const GdkRGBA *color)
{
  pango_layout_set_width (layout, MAX (width, 1) * PANGO_SCALE);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
static void
kdcc_option_row_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  KdccOptionRow *self = KDCC_OPTION_ROW (widget);
  GtkStyleContext *style = gtk_widget_get_style_context (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int tag_width, value_width = 0, text_width, middle;
  GdkRGBA color, dim, accent;

  ensure_metrics (self);
  /* The theme's colours, as .dim-label and .accent give them. */
  gtk_style_context_get_color (style, &color);
  dim = color;
  dim.alpha *= 0.55;
  if (!gtk_style_context_lookup_color (style, "accent_color", &accent))
    accent = color;

  tag_width = TAG_CHARS * self->char_width;
  middle = (height - self->line_height) / 2;
  draw (snapshot, get_layout (self, TEXT_TAG), width - MARGIN_X - tag_width, middle, tag_width,
        &dim);
  if (self->texts[TEXT_VALUE] != NULL)
    {
      PangoLayout *layout = get_layout (self, TEXT_VALUE);
      int natural;

      pango_layout_set_width (layout, -1);
      pango_layout_get_pixel_size (layout, &natural, NULL);
      value_width = MIN (natural, VALUE_CHARS * self->char_width);
      draw (snapshot, layout, width - MARGIN_X - tag_width - COLUMN_GAP - value_width, middle,
            value_width, &accent);
      value_width += COLUMN_GAP;
    }
  text_width = width - 2 * MARGIN_X - tag_width - COLUMN_GAP - value_width;
  draw (snapshot, get_layout (self, TEXT_NAME), MARGIN_X, MARGIN_Y, text_width, &color);
  draw (snapshot, get_layout (self, TEXT_DESCRIPTION), MARGIN_X,
        MARGIN_Y + self->line_height + LINE_GAP, text_width, &dim);
}
G_GNUC_END_IGNORE_DEPRECATIONS

static void
kdcc_option_row_css_changed (GtkWidget         *widget,
                             GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (kdcc_option_row_parent_class)->css_changed (widget, change);
  /* A new font or scale: new layouts and metrics. */
  drop_layouts (KDCC_OPTION_ROW (widget));
  gtk_widget_queue_resize (widget);
}

static void
kdcc_option_row_finalize (GObject *object)
{
  KdccOptionRow *self = KDCC_OPTION_ROW (object);

  drop_layouts (self);
  for (guint i = 0; i < N_TEXTS; i++)
    g_free (self->texts[i]);
  g_free (self->accessible);

  G_OBJECT_CLASS (kdcc_option_row_parent_class)->finalize (object);
}

static void
kdcc_option_row_class_init (KdccOptionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = kdcc_option_row_finalize;
  widget_class->measure = kdcc_option_row_measure;
  widget_class->snapshot = kdcc_option_row_snapshot;
  widget_class->css_changed = kdcc_option_row_css_changed;
  gtk_widget_class_set_css_name (widget_class, "optionrow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
kdcc_option_row_init (KdccOptionRow *self)
{
}

GtkWidget *
kdcc_option_row_new (void)
{
  return g_object_new (KDCC_TYPE_OPTION_ROW, NULL);
}

void
kdcc_option_row_set (KdccOptionRow *self,
                     const char    *name,
                     const char    *description,
                     const char    *value,
                     const char    *tag)
{
  const char *texts[N_TEXTS] = { name, description, value, tag };

  g_return_if_fail (KDCC_IS_OPTION_ROW (self));

  for (guint i = 0; i < N_TEXTS; i++)
    {
      g_free (self->texts[i]);
      self->texts[i] = g_strdup (texts[i]);
    }
  g_free (self->accessible);
  self->accessible = description != NULL && *description != '\0'
                     ? g_strconcat (name, ": ", description, NULL) : g_strdup (name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->accessible, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
kdcc_option_row_get_text (KdccOptionRow *self)
{
  g_return_val_if_fail (KDCC_IS_OPTION_ROW (self), NULL);
  return self->accessible;
}
