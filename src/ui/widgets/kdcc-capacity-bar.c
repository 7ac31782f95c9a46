/* kdcc-capacity-bar.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-capacity-bar"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdcc-capacity-bar.h"
#include "kdcc-format.h"

/* Ceph's default mon_osd_nearfull_ratio and mon_osd_full_ratio. */
#define NEARFULL_RATIO 0.85
#define FULL_RATIO     0.95

struct _KdccCapacityBar
{
  GtkWidget  parent_instance;

  GtkWidget *box;
  GtkWidget *top;
  GtkWidget *title_label;
  GtkWidget *text_label;
  GtkWidget *percent_label;
  GtkWidget *level;

  char      *title;
  guint64    used;
  guint64    total;
};

G_DEFINE_FINAL_TYPE (KdccCapacityBar, kdcc_capacity_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_USED,
  PROP_TOTAL,
  PROP_TEXT,
  PROP_PERCENT_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update (KdccCapacityBar *self)
{
  g_autofree char *used = kdcc_format_size (self->used);
  g_autofree char *total = kdcc_format_size (self->total);
  g_autofree char *text = NULL;
  g_autofree char *percent = NULL;
  double fraction = self->total > 0 ? (double) self->used / (double) self->total : 0;

  /* Translators: capacity, e.g. "1.2 GiB of 300 GiB used" */
  text = g_strdup_printf (_("%s of %s used"), used, total);
  percent = kdcc_format_percent (fraction);

  gtk_label_set_label (GTK_LABEL (self->text_label), text);
  gtk_label_set_label (GTK_LABEL (self->percent_label), percent);
  gtk_level_bar_set_value (GTK_LEVEL_BAR (self->level), CLAMP (fraction, 0, 1));

  gtk_widget_set_visible (self->title_label, self->title != NULL && *self->title != '\0');
  gtk_label_set_label (GTK_LABEL (self->title_label), self->title);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->level),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text,
                                  -1);
}

static void
kdcc_capacity_bar_dispose (GObject *object)
{
  KdccCapacityBar *self = (KdccCapacityBar *)object;

  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (kdcc_capacity_bar_parent_class)->dispose (object);
}

static void
kdcc_capacity_bar_finalize (GObject *object)
{
  KdccCapacityBar *self = (KdccCapacityBar *)object;

  g_clear_pointer (&self->title, g_free);

  G_OBJECT_CLASS (kdcc_capacity_bar_parent_class)->finalize (object);
}

static void
kdcc_capacity_bar_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  KdccCapacityBar *self = KDCC_CAPACITY_BAR (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_USED:
      g_value_set_uint64 (value, self->used);
      break;
    case PROP_TOTAL:
      g_value_set_uint64 (value, self->total);
      break;
    case PROP_TEXT:
      g_value_set_string (value, kdcc_capacity_bar_get_text (self));
      break;
    case PROP_PERCENT_TEXT:
      g_value_set_string (value, kdcc_capacity_bar_get_percent_text (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_capacity_bar_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  KdccCapacityBar *self = KDCC_CAPACITY_BAR (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      kdcc_capacity_bar_set_title (self, g_value_get_string (value));
      break;
    case PROP_USED:
      kdcc_capacity_bar_set_values (self, g_value_get_uint64 (value), self->total);
      break;
    case PROP_TOTAL:
      kdcc_capacity_bar_set_values (self, self->used, g_value_get_uint64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_capacity_bar_class_init (KdccCapacityBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kdcc_capacity_bar_dispose;
  object_class->finalize = kdcc_capacity_bar_finalize;
  object_class->get_property = kdcc_capacity_bar_get_property;
  object_class->set_property = kdcc_capacity_bar_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_USED] =
    g_param_spec_uint64 ("used", NULL, NULL, 0, G_MAXUINT64, 0,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TOTAL] =
    g_param_spec_uint64 ("total", NULL, NULL, 0, G_MAXUINT64, 0,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_PERCENT_TEXT] =
    g_param_spec_string ("percent-text", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "capacitybar");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
kdcc_capacity_bar_init (KdccCapacityBar *self)
{
  GtkWidget *top;

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  top = self->top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_box_append (GTK_BOX (self->box), top);

  self->title_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->title_label, "heading");
  gtk_label_set_xalign (GTK_LABEL (self->title_label), 0);
  gtk_box_append (GTK_BOX (top), self->title_label);

  self->text_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->text_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->text_label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (self->text_label, TRUE);
  gtk_box_append (GTK_BOX (top), self->text_label);

  self->percent_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->percent_label, "numeric");
  gtk_widget_add_css_class (self->percent_label, "heading");
  gtk_label_set_xalign (GTK_LABEL (self->percent_label), 1);
  gtk_box_append (GTK_BOX (top), self->percent_label);

  self->level = gtk_level_bar_new_for_interval (0, 1);
  /* Replace GTK's battery-style offsets with Ceph's fullness thresholds. */
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (self->level), GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (self->level), GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (self->level), GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_level_bar_add_offset_value (GTK_LEVEL_BAR (self->level), "capacity-ok", NEARFULL_RATIO);
  gtk_level_bar_add_offset_value (GTK_LEVEL_BAR (self->level), "capacity-nearfull", FULL_RATIO);
  gtk_level_bar_add_offset_value (GTK_LEVEL_BAR (self->level), "capacity-full", 1.0);
  gtk_box_append (GTK_BOX (self->box), self->level);

  update (self);
}

GtkWidget *
kdcc_capacity_bar_new (void)
{
  return g_object_new (KDCC_TYPE_CAPACITY_BAR, NULL);
}

void
kdcc_capacity_bar_set_title (KdccCapacityBar *self,
                             const char      *title)
{
  g_return_if_fail (KDCC_IS_CAPACITY_BAR (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;

  g_free (self->title);
  self->title = g_strdup (title);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
kdcc_capacity_bar_get_title (KdccCapacityBar *self)
{
  g_return_val_if_fail (KDCC_IS_CAPACITY_BAR (self), NULL);

  return self->title;
}

void
kdcc_capacity_bar_set_values (KdccCapacityBar *self,
                              guint64          used,
                              guint64          total)
{
  gboolean used_changed, total_changed;

  g_return_if_fail (KDCC_IS_CAPACITY_BAR (self));

  used_changed = self->used != used;
  total_changed = self->total != total;
  if (!used_changed && !total_changed)
    return;

  self->used = used;
  self->total = total;
  update (self);

  if (used_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USED]);
  if (total_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERCENT_TEXT]);
}

guint64
kdcc_capacity_bar_get_used (KdccCapacityBar *self)
{
  g_return_val_if_fail (KDCC_IS_CAPACITY_BAR (self), 0);

  return self->used;
}

guint64
kdcc_capacity_bar_get_total (KdccCapacityBar *self)
{
  g_return_val_if_fail (KDCC_IS_CAPACITY_BAR (self), 0);

  return self->total;
}

const char *
kdcc_capacity_bar_get_text (KdccCapacityBar *self)
{
  g_return_val_if_fail (KDCC_IS_CAPACITY_BAR (self), NULL);

  return gtk_label_get_label (GTK_LABEL (self->text_label));
}

const char *
kdcc_capacity_bar_get_percent_text (KdccCapacityBar *self)
{
  g_return_val_if_fail (KDCC_IS_CAPACITY_BAR (self), NULL);

  return gtk_label_get_label (GTK_LABEL (self->percent_label));
}

void
kdcc_capacity_bar_set_compact (KdccCapacityBar *self,
                               gboolean         compact)
{
  g_return_if_fail (KDCC_IS_CAPACITY_BAR (self));

  /* In a table cell: the bar and the percentage on one line; the sentence
   * would repeat the columns beside it. */
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->box),
                                  compact ? GTK_ORIENTATION_HORIZONTAL : GTK_ORIENTATION_VERTICAL);
  gtk_widget_set_visible (self->title_label, !compact);
  gtk_widget_set_visible (self->text_label, !compact);
  gtk_widget_set_hexpand (self->level, compact);
  gtk_widget_set_valign (self->level, compact ? GTK_ALIGN_CENTER : GTK_ALIGN_FILL);
  if (compact)
    {
      gtk_box_reorder_child_after (GTK_BOX (self->box), self->top, self->level);
      gtk_widget_set_size_request (self->level, 60, -1);
      gtk_widget_add_css_class (GTK_WIDGET (self), "compact");
    }
  else
    {
      gtk_box_reorder_child_after (GTK_BOX (self->box), self->level, self->top);
      gtk_widget_remove_css_class (GTK_WIDGET (self), "compact");
    }
  gtk_widget_remove_css_class (self->percent_label, "heading");
  if (!compact)
    gtk_widget_add_css_class (self->percent_label, "heading");
}
