/* kdcc-page-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-page-row"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdcc-page-row.h"

struct _KdccPageRow
{
  GtkListBoxRow        parent_instance;

  /* Template widgets */
  GtkImage            *icon;
  GtkLabel            *title_label;
  GtkLabel            *reason_label;
  GtkLabel            *badge_label;

  /* Borrowed: registry entries live as long as the process. */
  const KdccPageEntry *entry;
  char                *reason;
  char                *badge;
};

G_DEFINE_FINAL_TYPE (KdccPageRow, kdcc_page_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_BADGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kdcc_page_row_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  KdccPageRow *self = KDCC_PAGE_ROW (object);

  switch (prop_id)
    {
    case PROP_BADGE:
      g_value_set_string (value, self->badge);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_page_row_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  KdccPageRow *self = KDCC_PAGE_ROW (object);

  switch (prop_id)
    {
    case PROP_BADGE:
      kdcc_page_row_set_badge (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_page_row_dispose (GObject *object)
{
  KdccPageRow *self = (KdccPageRow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), KDCC_TYPE_PAGE_ROW);
  g_clear_pointer (&self->reason, g_free);
  g_clear_pointer (&self->badge, g_free);

  G_OBJECT_CLASS (kdcc_page_row_parent_class)->dispose (object);
}

static void
kdcc_page_row_class_init (KdccPageRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kdcc_page_row_dispose;
  object_class->get_property = kdcc_page_row_get_property;
  object_class->set_property = kdcc_page_row_set_property;

  properties[PROP_BADGE] =
    g_param_spec_string ("badge", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/kdcc-page-row.ui");
  gtk_widget_class_bind_template_child (widget_class, KdccPageRow, icon);
  gtk_widget_class_bind_template_child (widget_class, KdccPageRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, KdccPageRow, reason_label);
  gtk_widget_class_bind_template_child (widget_class, KdccPageRow, badge_label);
}

static void
kdcc_page_row_init (KdccPageRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kdcc_page_row_new (const KdccPageEntry *entry)
{
  KdccPageRow *self;

  g_return_val_if_fail (entry != NULL, NULL);

  self = g_object_new (KDCC_TYPE_PAGE_ROW, NULL);
  self->entry = entry;
  gtk_image_set_from_icon_name (self->icon, entry->icon_name);
  gtk_label_set_label (self->title_label, _(entry->title));

  return GTK_WIDGET (self);
}

const KdccPageEntry *
kdcc_page_row_get_entry (KdccPageRow *self)
{
  g_return_val_if_fail (KDCC_IS_PAGE_ROW (self), NULL);

  return self->entry;
}

void
kdcc_page_row_set_reason (KdccPageRow *self,
                          const char  *reason)
{
  g_return_if_fail (KDCC_IS_PAGE_ROW (self));

  if (g_strcmp0 (self->reason, reason) == 0)
    return;

  g_free (self->reason);
  self->reason = g_strdup (reason);

  /* Shown, not hidden: the admin learns the page exists and what it takes. */
  gtk_label_set_label (self->reason_label, reason != NULL ? reason : "");
  gtk_widget_set_visible (GTK_WIDGET (self->reason_label), reason != NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), reason);
  gtk_widget_set_sensitive (GTK_WIDGET (self), reason == NULL);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (self), reason == NULL);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), reason == NULL);
}

const char *
kdcc_page_row_get_reason (KdccPageRow *self)
{
  g_return_val_if_fail (KDCC_IS_PAGE_ROW (self), NULL);

  return self->reason;
}

void
kdcc_page_row_set_badge (KdccPageRow *self,
                         const char  *badge)
{
  g_return_if_fail (KDCC_IS_PAGE_ROW (self));

  if (badge != NULL && *badge == '\0')
    badge = NULL;
  if (g_strcmp0 (self->badge, badge) == 0)
    return;
  g_free (self->badge);
  self->badge = g_strdup (badge);
  gtk_label_set_label (self->badge_label, badge != NULL ? badge : "");
  gtk_widget_set_visible (GTK_WIDGET (self->badge_label), badge != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BADGE]);
}

const char *
kdcc_page_row_get_badge (KdccPageRow *self)
{
  g_return_val_if_fail (KDCC_IS_PAGE_ROW (self), NULL);
  return self->badge;
}
