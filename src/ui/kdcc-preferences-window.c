/* kdcc-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-preferences-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdcc-preferences-window.h"

struct _KdccPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  KdccSettings         *settings;
  AdwComboRow          *style_row;
};

G_DEFINE_FINAL_TYPE (KdccPreferencesWindow, kdcc_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* Same order as the combo row's model. */
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

static GtkWidget *
spin_row (KdccSettings *settings,
          const char   *key,
          const char   *title,
          const char   *subtitle,
          double        min,
          double        max)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (min, max, 1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  g_object_bind_property (settings, key, spin, "value",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);

  return row;
}

static void
kdcc_preferences_window_dispose (GObject *object)
{
  KdccPreferencesWindow *self = (KdccPreferencesWindow *)object;

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (kdcc_preferences_window_parent_class)->dispose (object);
}

static void
kdcc_preferences_window_class_init (KdccPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kdcc_preferences_window_dispose;
}

static void
kdcc_preferences_window_init (KdccPreferencesWindow *self)
{
}

GtkWidget *
kdcc_preferences_window_new (GtkWindow    *parent,
                             KdccSettings *settings)
{
  KdccPreferencesWindow *self;
  AdwPreferencesPage *page;
  AdwPreferencesGroup *group;
  g_autoptr(GtkStringList) styles = NULL;
  const char *current;

  g_return_val_if_fail (KDCC_IS_SETTINGS (settings), NULL);

  self = g_object_new (KDCC_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", TRUE,
                       "search-enabled", FALSE,
                       "default-width", 520,
                       "default-height", 420,
                       NULL);
  self->settings = g_object_ref (settings);

  page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Appearance"));
  styles = gtk_string_list_new (NULL);
  gtk_string_list_append (styles, _("Follow System Style"));
  gtk_string_list_append (styles, _("Light"));
  gtk_string_list_append (styles, _("Dark"));
  self->style_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->style_row), _("Style"));
  adw_combo_row_set_model (self->style_row, G_LIST_MODEL (styles));
  current = kdcc_settings_get_color_scheme (settings);
  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    if (g_strcmp0 (current, schemes[i]) == 0)
      adw_combo_row_set_selected (self->style_row, i);
  g_signal_connect_object (self->style_row, "notify::selected",
                           G_CALLBACK (style_selected_cb), self, 0);
  adw_preferences_group_add (group, GTK_WIDGET (self->style_row));
  adw_preferences_page_add (page, group);

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Refresh"));
  adw_preferences_group_set_description (group,
    _("Shorter intervals show changes sooner and put more load on the cluster’s monitors."));
  adw_preferences_group_add (group,
                             spin_row (settings, "refresh-interval", _("Status Interval"),
                                       _("Seconds between two reads of health and activity"),
                                       1, 3600));
  adw_preferences_group_add (group,
                             spin_row (settings, "heavy-refresh-interval",
                                       _("Inventory Interval"),
                                       _("Seconds between two full reads of OSDs, pools and hosts"),
                                       10, 3600));
  adw_preferences_page_add (page, group);

  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), page);

  return GTK_WIDGET (self);
}
