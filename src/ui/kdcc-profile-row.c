/* kdcc-profile-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-profile-row"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdcc-format.h"
#include "kdcc-profile-row.h"

struct _KdccProfileRow
{
  GtkListBoxRow  parent_instance;

  /* Template widgets */
  GtkImage      *icon;
  GtkLabel      *title_label;
  GtkImage      *health_icon;
  GtkWidget     *menu_button;
  GtkPopover    *popover;

  KdccHealthStatus health;

  /* Owned references */
  KdccProfile   *profile;
};

G_DEFINE_FINAL_TYPE (KdccProfileRow, kdcc_profile_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_PROFILE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_name (KdccProfileRow *self)
{
  g_autofree char *name = kdcc_profile_dup_display_name (self->profile);

  gtk_label_set_label (self->title_label, name);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), name);
}

static void
name_changed_cb (KdccProfileRow *self)
{
  update_name (self);
}

static void
popup_at (KdccProfileRow *self,
          double          x,
          double          y)
{
  gtk_popover_set_pointing_to (self->popover, &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (self->popover);
}

static void
secondary_pressed_cb (GtkGestureClick *gesture,
                      int              n_press,
                      double           x,
                      double           y,
                      KdccProfileRow  *self)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  popup_at (self, x, y);
}

static void
long_pressed_cb (GtkGestureLongPress *gesture,
                 double               x,
                 double               y,
                 KdccProfileRow      *self)
{
  popup_at (self, x, y);
}

/* The row's own actions forward to the window's, with the profile's id, so
 * the menu in the template needs no per-row target. */
static void
forward_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  KdccProfileRow *self = KDCC_PROFILE_ROW (widget);
  const char *target = g_str_equal (action_name, "profile-row.edit") ? "win.edit-profile"
                                                                      : "win.remove-profile";

  gtk_widget_activate_action (widget, target, "s", kdcc_profile_get_id (self->profile));
}

static void
kdcc_profile_row_constructed (GObject *object)
{
  KdccProfileRow *self = (KdccProfileRow *)object;

  G_OBJECT_CLASS (kdcc_profile_row_parent_class)->constructed (object);

  g_return_if_fail (KDCC_IS_PROFILE (self->profile));

  gtk_image_set_from_icon_name (self->icon,
                                kdcc_profile_get_kind (self->profile) == KDCC_PROFILE_KIND_DASHBOARD
                                  ? "web-browser-symbolic" : "drive-multidisk-symbolic");
  update_name (self);
  g_signal_connect_object (self->profile, "notify::name", G_CALLBACK (name_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
kdcc_profile_row_dispose (GObject *object)
{
  KdccProfileRow *self = (KdccProfileRow *)object;

  /* GtkListBoxRow knows nothing of the popover: unparent it before GTK
   * checks that no children are left. */
  if (self->popover != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->popover));
  self->popover = NULL;

  gtk_widget_dispose_template (GTK_WIDGET (self), KDCC_TYPE_PROFILE_ROW);
  g_clear_object (&self->profile);

  G_OBJECT_CLASS (kdcc_profile_row_parent_class)->dispose (object);
}

static void
kdcc_profile_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  KdccProfileRow *self = KDCC_PROFILE_ROW (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      g_value_set_object (value, self->profile);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_profile_row_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  KdccProfileRow *self = KDCC_PROFILE_ROW (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      self->profile = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_profile_row_class_init (KdccProfileRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kdcc_profile_row_constructed;
  object_class->dispose = kdcc_profile_row_dispose;
  object_class->get_property = kdcc_profile_row_get_property;
  object_class->set_property = kdcc_profile_row_set_property;

  properties[PROP_PROFILE] =
    g_param_spec_object ("profile", NULL, NULL, KDCC_TYPE_PROFILE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/kdcc-profile-row.ui");
  gtk_widget_class_bind_template_child (widget_class, KdccProfileRow, icon);
  gtk_widget_class_bind_template_child (widget_class, KdccProfileRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, KdccProfileRow, popover);
  gtk_widget_class_bind_template_child (widget_class, KdccProfileRow, health_icon);
  gtk_widget_class_bind_template_child (widget_class, KdccProfileRow, menu_button);
  gtk_widget_class_bind_template_callback (widget_class, secondary_pressed_cb);
  gtk_widget_class_bind_template_callback (widget_class, long_pressed_cb);

  gtk_widget_class_install_action (widget_class, "profile-row.edit", NULL, forward_action);
  gtk_widget_class_install_action (widget_class, "profile-row.remove", NULL, forward_action);
}

static void
kdcc_profile_row_init (KdccProfileRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_widget_set_parent (GTK_WIDGET (self->popover), GTK_WIDGET (self));
}

GtkWidget *
kdcc_profile_row_new (KdccProfile *profile)
{
  g_return_val_if_fail (KDCC_IS_PROFILE (profile), NULL);

  return g_object_new (KDCC_TYPE_PROFILE_ROW, "profile", profile, NULL);
}

KdccProfile *
kdcc_profile_row_get_profile (KdccProfileRow *self)
{
  g_return_val_if_fail (KDCC_IS_PROFILE_ROW (self), NULL);

  return self->profile;
}

const char *
kdcc_profile_row_get_title (KdccProfileRow *self)
{
  g_return_val_if_fail (KDCC_IS_PROFILE_ROW (self), NULL);

  return gtk_label_get_label (self->title_label);
}

void
kdcc_profile_row_set_health (KdccProfileRow   *self,
                             KdccHealthStatus  health,
                             gboolean          live)
{
  static const KdccHealthStatus all[] = {
    KDCC_HEALTH_UNKNOWN, KDCC_HEALTH_OK, KDCC_HEALTH_WARN, KDCC_HEALTH_ERR
  };
  g_autofree char *tooltip = NULL;

  g_return_if_fail (KDCC_IS_PROFILE_ROW (self));

  self->health = health;
  gtk_widget_set_visible (GTK_WIDGET (self->health_icon), health != KDCC_HEALTH_UNKNOWN);
  if (health == KDCC_HEALTH_UNKNOWN)
    return;

  gtk_image_set_from_icon_name (self->health_icon, kdcc_format_health_icon_name (health));
  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->health_icon),
                                 kdcc_format_health_css_class (all[i]));
  gtk_widget_add_css_class (GTK_WIDGET (self->health_icon), kdcc_format_health_css_class (health));

  if (live)
    tooltip = g_strdup (kdcc_format_health_label (health));
  else
    /* Translators: a sidebar cluster's health; %s is "Healthy", "Warning" or "Error" */
    tooltip = g_strdup_printf (_("%s when last seen"), kdcc_format_health_label (health));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->health_icon), tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->health_icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
}

KdccHealthStatus
kdcc_profile_row_get_health (KdccProfileRow *self)
{
  g_return_val_if_fail (KDCC_IS_PROFILE_ROW (self), KDCC_HEALTH_UNKNOWN);

  return self->health;
}

GtkWidget *
kdcc_profile_row_get_menu_button (KdccProfileRow *self)
{
  g_return_val_if_fail (KDCC_IS_PROFILE_ROW (self), NULL);

  return self->menu_button;
}
