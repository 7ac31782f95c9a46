/* kdcc-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-preferences-window"

#include "config.h"

#include "kdcc-preferences-window.h"

struct _KdccPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  AdwComboRow          *style_row;
  GtkSpinButton        *interval_spin;
  GtkSpinButton        *heavy_spin;
  GtkSwitch            *notify_switch;
  GtkSpinButton        *history_days_spin;
  GtkSpinButton        *history_mb_spin;
  GtkSwitch            *version_switch;
  AdwEntryRow          *version_url_row;

  /* Owned references */
  KdccSettings         *settings;
};

G_DEFINE_FINAL_TYPE (KdccPreferencesWindow, kdcc_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* Same order as the combo row's model in the template. */
static const char *schemes[] = { "default", "light", "dark" };

static void
style_selected_cb (AdwComboRow           *row,
                   GParamSpec            *pspec,
                   KdccPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (row);

  if (selected < G_N_ELEMENTS (schemes))
    kdcc_settings_set_color_scheme (self->settings, schemes[selected]);
}

/* The address is kept only when applied (Enter or the apply button), so a
 * half-typed address is never asked. */
static void
version_url_apply_cb (AdwEntryRow           *row,
                      KdccPreferencesWindow *self)
{
  g_autofree char *url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (url[0] != '\0')
    g_object_set (self->settings, "version-service-url", url, NULL);
}

static void
kdcc_preferences_window_dispose (GObject *object)
{
  KdccPreferencesWindow *self = (KdccPreferencesWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), KDCC_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (kdcc_preferences_window_parent_class)->dispose (object);
}

static void
kdcc_preferences_window_class_init (KdccPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kdcc_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/kdcc-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KdccPreferencesWindow, style_row);
  gtk_widget_class_bind_template_child (widget_class, KdccPreferencesWindow, interval_spin);
  gtk_widget_class_bind_template_child (widget_class, KdccPreferencesWindow, heavy_spin);
  gtk_widget_class_bind_template_child (widget_class, KdccPreferencesWindow, notify_switch);
  gtk_widget_class_bind_template_child (widget_class, KdccPreferencesWindow, history_days_spin);
  gtk_widget_class_bind_template_child (widget_class, KdccPreferencesWindow, history_mb_spin);
  gtk_widget_class_bind_template_child (widget_class, KdccPreferencesWindow, version_switch);
  gtk_widget_class_bind_template_child (widget_class, KdccPreferencesWindow, version_url_row);
}

static void
kdcc_preferences_window_init (KdccPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kdcc_preferences_window_new (GtkWindow    *parent,
                             KdccSettings *settings)
{
  KdccPreferencesWindow *self;
  const char *current;

  g_return_val_if_fail (KDCC_IS_SETTINGS (settings), NULL);

  self = g_object_new (KDCC_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);
  self->settings = g_object_ref (settings);

  current = kdcc_settings_get_color_scheme (settings);
  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    if (g_strcmp0 (current, schemes[i]) == 0)
      adw_combo_row_set_selected (self->style_row, i);
  g_signal_connect_object (self->style_row, "notify::selected",
                           G_CALLBACK (style_selected_cb), self, 0);

  g_object_bind_property (settings, "refresh-interval", self->interval_spin, "value",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_object_bind_property (settings, "heavy-refresh-interval", self->heavy_spin, "value",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_object_bind_property (settings, "health-notifications", self->notify_switch, "active",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_object_bind_property (settings, "history-max-days", self->history_days_spin, "value",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_object_bind_property (settings, "history-max-mb", self->history_mb_spin, "value",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_object_bind_property (settings, "version-service-enabled", self->version_switch, "active",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_object_bind_property (settings, "version-service-url", self->version_url_row, "text",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->version_switch, "active", self->version_url_row, "sensitive",
                          G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->version_url_row, "apply", G_CALLBACK (version_url_apply_cb),
                           self, 0);

  return GTK_WIDGET (self);
}
