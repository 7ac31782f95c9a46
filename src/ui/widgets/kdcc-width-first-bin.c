/* kdcc-width-first-bin.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-width-first-bin"

#include "config.h"

#include "kdcc-width-first-bin.h"

struct _KdccWidthFirstBin
{
  GtkWidget  parent_instance;

  GtkWidget *child;
};

G_DEFINE_FINAL_TYPE (KdccWidthFirstBin, kdcc_width_first_bin, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CHILD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kdcc_width_first_bin_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  KdccWidthFirstBin *self = KDCC_WIDTH_FIRST_BIN (widget);

  if (self->child == NULL || !gtk_widget_should_layout (self->child))
    return;
  gtk_widget_measure (self->child, orientation,
                      orientation == GTK_ORIENTATION_HORIZONTAL ? -1 : for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static void
kdcc_width_first_bin_size_allocate (GtkWidget *widget,
                                    int        width,
                                    int        height,
                                    int        baseline)
{
  KdccWidthFirstBin *self = KDCC_WIDTH_FIRST_BIN (widget);

  if (self->child != NULL && gtk_widget_should_layout (self->child))
    gtk_widget_allocate (self->child, width, height, baseline, NULL);
}

static GtkSizeRequestMode
kdcc_width_first_bin_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
kdcc_width_first_bin_compute_expand (GtkWidget *widget,
                                     gboolean  *hexpand,
                                     gboolean  *vexpand)
{
  KdccWidthFirstBin *self = KDCC_WIDTH_FIRST_BIN (widget);

  *hexpand = self->child != NULL && gtk_widget_compute_expand (self->child,
                                                               GTK_ORIENTATION_HORIZONTAL);
  *vexpand = self->child != NULL && gtk_widget_compute_expand (self->child,
                                                               GTK_ORIENTATION_VERTICAL);
}

static void
kdcc_width_first_bin_dispose (GObject *object)
{
  KdccWidthFirstBin *self = KDCC_WIDTH_FIRST_BIN (object);

  g_clear_pointer (&self->child, gtk_widget_unparent);

  G_OBJECT_CLASS (kdcc_width_first_bin_parent_class)->dispose (object);
}

static void
kdcc_width_first_bin_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  KdccWidthFirstBin *self = KDCC_WIDTH_FIRST_BIN (object);

  switch (prop_id)
    {
    case PROP_CHILD:
      g_value_set_object (value, self->child);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_width_first_bin_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  KdccWidthFirstBin *self = KDCC_WIDTH_FIRST_BIN (object);

  switch (prop_id)
    {
    case PROP_CHILD:
      kdcc_width_first_bin_set_child (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_width_first_bin_class_init (KdccWidthFirstBinClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kdcc_width_first_bin_dispose;
  object_class->get_property = kdcc_width_first_bin_get_property;
  object_class->set_property = kdcc_width_first_bin_set_property;
  widget_class->measure = kdcc_width_first_bin_measure;
  widget_class->size_allocate = kdcc_width_first_bin_size_allocate;
  widget_class->get_request_mode = kdcc_width_first_bin_get_request_mode;
  widget_class->compute_expand = kdcc_width_first_bin_compute_expand;

  properties[PROP_CHILD] =
    g_param_spec_object ("child", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kdcc_width_first_bin_init (KdccWidthFirstBin *self)
{
}

GtkWidget *
kdcc_width_first_bin_new (void)
{
  return g_object_new (KDCC_TYPE_WIDTH_FIRST_BIN, NULL);
}

void
kdcc_width_first_bin_set_child (KdccWidthFirstBin *self,
                                GtkWidget         *child)
{
  g_return_if_fail (KDCC_IS_WIDTH_FIRST_BIN (self));
  g_return_if_fail (child == NULL || GTK_IS_WIDGET (child));

  if (self->child == child)
    return;
  g_clear_pointer (&self->child, gtk_widget_unparent);
  if (child != NULL)
    {
      self->child = child;
      gtk_widget_set_parent (child, GTK_WIDGET (self));
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHILD]);
}

GtkWidget *
kdcc_width_first_bin_get_child (KdccWidthFirstBin *self)
{
  g_return_val_if_fail (KDCC_IS_WIDTH_FIRST_BIN (self), NULL);

  return self->child;
}
