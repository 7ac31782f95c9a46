/* kdcc-text-cell.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-text-cell"

#include "config.h"

#include "kdcc-text-cell.h"

struct _KdccTextCell
{
  GtkWidget    parent_instance;

  char        *text;
  PangoLayout *layout;
  gboolean     numeric;

  /* The whole text's size in pixels, valid while sized_serial is the
   * pango context's serial (it moves when the font does). */
  guint        sized_serial;
  gboolean     sized;
  int          text_width;
  int          text_height;
  int          baseline;
  int          ellipsis_width;
};

G_DEFINE_FINAL_TYPE (KdccTextCell, kdcc_text_cell, GTK_TYPE_WIDGET)

static PangoLayout *
get_layout (KdccTextCell *self)
{
  if (self->layout == NULL)
    {
      self->layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), self->text);
      pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);
      if (self->numeric)
        {
          /* What the "numeric" class asks of a GtkLabel; a widget that
           * lays out its own text applies it itself. */
          PangoAttrList *attrs = pango_attr_list_new ();

          pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
          pango_layout_set_attributes (self->layout, attrs);
          pango_attr_list_unref (attrs);
        }
    }
  return self->layout;
}

/* The width of "…" in this font: the least an ellipsized cell shows. One
 * value per font, kept for the process: every cell of a table has the
 * same few fonts. */
static int
ellipsis_width (KdccTextCell *self)
{
  static PangoFontDescription *last_font;
  static int last_width;
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  const PangoFontDescription *font = pango_context_get_font_description (context);

  if (last_font == NULL || !pango_font_description_equal (last_font, font))
    {
      g_autoptr(PangoLayout) layout = pango_layout_new (context);

      pango_layout_set_text (layout, "…", -1);
      pango_layout_get_pixel_size (layout, &last_width, NULL);
      g_clear_pointer (&last_font, pango_font_description_free);
      last_font = pango_font_description_copy (font);
    }
  return last_width;
}

static void
ensure_size (KdccTextCell *self)
{
  guint serial = pango_context_get_serial (gtk_widget_get_pango_context (GTK_WIDGET (self)));
  PangoLayout *layout;
  PangoRectangle logical;

  if (self->sized && self->sized_serial == serial)
    return;

  layout = get_layout (self);
  pango_layout_set_width (layout, -1);
  pango_layout_get_pixel_extents (layout, NULL, &logical);
  self->text_width = logical.width;
  self->text_height = logical.height;
  self->baseline = PANGO_PIXELS_CEIL (pango_layout_get_baseline (layout));
  self->ellipsis_width = MIN (ellipsis_width (self), self->text_width);
  self->sized_serial = serial;
  self->sized = TRUE;
}

static void
kdcc_text_cell_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  KdccTextCell *self = KDCC_TEXT_CELL (widget);

  ensure_size (self);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = self->ellipsis_width;
      *natural = self->text_width;
    }
  else
    {
      *minimum = *natural = self->text_height;
      *minimum_baseline = *natural_baseline = self->baseline;
    }
}

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
static void
kdcc_text_cell_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  KdccTextCell *self = KDCC_TEXT_CELL (widget);
  PangoLayout *layout;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int shown_width;
  gboolean end;
  GdkRGBA color;

  if (self->text == NULL || *self->text == '\0')
    return;

  ensure_size (self);
  layout = get_layout (self);
  /* Lay the text out at the cell's width only when it does not fit. */
  if (self->text_width > width)
    {
      if (pango_layout_get_width (layout) != width * PANGO_SCALE)
        pango_layout_set_width (layout, width * PANGO_SCALE);
      shown_width = width;
    }
  else
    {
      if (pango_layout_get_width (layout) != -1)
        pango_layout_set_width (layout, -1);
      shown_width = self->text_width;
    }

  /* Numbers line up on the right, text on the left, mirrored in a
   * right-to-left locale. */
  end = self->numeric != (gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL);
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot,
                          &GRAPHENE_POINT_INIT (end ? width - shown_width : 0,
                                                (height - self->text_height) / 2));
  gtk_snapshot_append_layout (snapshot, layout, &color);
  gtk_snapshot_restore (snapshot);
}
G_GNUC_END_IGNORE_DEPRECATIONS

static void
kdcc_text_cell_finalize (GObject *object)
{
  KdccTextCell *self = KDCC_TEXT_CELL (object);

  g_clear_object (&self->layout);
  g_free (self->text);

  G_OBJECT_CLASS (kdcc_text_cell_parent_class)->finalize (object);
}

static void
kdcc_text_cell_class_init (KdccTextCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = kdcc_text_cell_finalize;
  widget_class->measure = kdcc_text_cell_measure;
  widget_class->snapshot = kdcc_text_cell_snapshot;
  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
kdcc_text_cell_init (KdccTextCell *self)
{
}

GtkWidget *
kdcc_text_cell_new (gboolean numeric)
{
  KdccTextCell *self = g_object_new (KDCC_TYPE_TEXT_CELL, NULL);

  self->numeric = !!numeric;
  if (numeric)
    gtk_widget_add_css_class (GTK_WIDGET (self), "numeric");
  return GTK_WIDGET (self);
}

void
kdcc_text_cell_set_text (KdccTextCell *self,
                         const char   *text)
{
  g_return_if_fail (KDCC_IS_TEXT_CELL (self));

  if (g_strcmp0 (self->text, text) == 0)
    return;

  g_free (self->text);
  self->text = g_strdup (text);
  if (self->layout != NULL)
    pango_layout_set_text (self->layout, self->text != NULL ? self->text : "", -1);
  self->sized = FALSE;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->text != NULL ? self->text : "", -1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

const char *
kdcc_text_cell_get_text (KdccTextCell *self)
{
  g_return_val_if_fail (KDCC_IS_TEXT_CELL (self), NULL);

  return self->text != NULL ? self->text : "";
}
