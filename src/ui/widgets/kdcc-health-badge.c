/* kdcc-health-badge.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-health-badge"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdcc-enums.h"
#include "kdcc-format.h"
#include "kdcc-health-badge.h"

struct _KdccHealthBadge
{
  GtkWidget         parent_instance;

  GtkWidget        *box;
  GtkWidget        *icon;
  GtkWidget        *label;

  KdccHealthStatus  status;
};

G_DEFINE_FINAL_TYPE (KdccHealthBadge, kdcc_health_badge, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STATUS,
  PROP_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update (KdccHealthBadge *self)
{
  static const KdccHealthStatus all[] = {
    KDCC_HEALTH_UNKNOWN, KDCC_HEALTH_OK, KDCC_HEALTH_WARN, KDCC_HEALTH_ERR
  };

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self), kdcc_format_health_css_class (all[i]));
  gtk_widget_add_css_class (GTK_WIDGET (self), kdcc_format_health_css_class (self->status));

  gtk_image_set_from_icon_name (GTK_IMAGE (self->icon),
                                kdcc_format_health_icon_name (self->status));
  gtk_label_set_label (GTK_LABEL (self->label), kdcc_format_health_label (self->status));
}

static void
kdcc_health_badge_dispose (GObject *object)
{
  KdccHealthBadge *self = (KdccHealthBadge *)object;

  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (kdcc_health_badge_parent_class)->dispose (object);
}

static void
kdcc_health_badge_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  KdccHealthBadge *self = KDCC_HEALTH_BADGE (object);

  switch (prop_id)
    {
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_LABEL:
      g_value_set_string (value, kdcc_health_badge_get_label (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_health_badge_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  KdccHealthBadge *self = KDCC_HEALTH_BADGE (object);

  switch (prop_id)
    {
    case PROP_STATUS:
      kdcc_health_badge_set_status (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_health_badge_class_init (KdccHealthBadgeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kdcc_health_badge_dispose;
  object_class->get_property = kdcc_health_badge_get_property;
  object_class->set_property = kdcc_health_badge_set_property;

  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       KDCC_TYPE_HEALTH_STATUS, KDCC_HEALTH_UNKNOWN,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "healthbadge");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_STATUS);
}

static void
kdcc_health_badge_init (KdccHealthBadge *self)
{
  self->status = KDCC_HEALTH_UNKNOWN;

  self->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);

  self->icon = gtk_image_new ();
  gtk_box_append (GTK_BOX (self->box), self->icon);
  self->label = gtk_label_new (NULL);
  gtk_box_append (GTK_BOX (self->box), self->label);

  update (self);
}

GtkWidget *
kdcc_health_badge_new (void)
{
  return g_object_new (KDCC_TYPE_HEALTH_BADGE, NULL);
}

KdccHealthStatus
kdcc_health_badge_get_status (KdccHealthBadge *self)
{
  g_return_val_if_fail (KDCC_IS_HEALTH_BADGE (self), KDCC_HEALTH_UNKNOWN);

  return self->status;
}

void
kdcc_health_badge_set_status (KdccHealthBadge  *self,
                              KdccHealthStatus  status)
{
  g_return_if_fail (KDCC_IS_HEALTH_BADGE (self));

  if (self->status == status)
    return;

  self->status = status;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
}

const char *
kdcc_health_badge_get_label (KdccHealthBadge *self)
{
  g_return_val_if_fail (KDCC_IS_HEALTH_BADGE (self), NULL);

  return gtk_label_get_label (GTK_LABEL (self->label));
}
