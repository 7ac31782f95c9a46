/* kdcc-scrub-rows.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-scrub-panel"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "kdcc-scrub-charts.h"
#include "kdcc-scrub-rows.h"

static char *
setting_subtitle (const KdccScrubSetting *s,
                  KdccScrubOption         option)
{
  GString *text = g_string_new (kdcc_scrub_origin_to_label (s->origin));

  if (s->mgr_value != s->value || s->mgr_origin != s->origin)
    {
      g_autofree char *mgr = kdcc_scrub_option_is_interval (option)
                             ? kdcc_scrub_format_span (s->mgr_value)
                             : g_strdup_printf ("%g", s->mgr_value);

      /* TRANSLATORS: the value the mgr reads and where it comes from. */
      g_string_append_printf (text, _(" · mgr: %s (%s)"), mgr,
                              kdcc_scrub_origin_to_label (s->mgr_origin));
    }
  for (guint i = 0; i < s->overrides->len; i++)
    {
      const KdccScrubOverride *o = g_ptr_array_index (s->overrides, i);
      g_autofree char *value = kdcc_scrub_option_is_interval (option)
                               ? kdcc_scrub_format_span (o->value)
                               : g_strdup_printf ("%g", o->value);

      g_string_append_printf (text, " · %s: %s", o->who, value);
    }
  return g_string_free (text, FALSE);
}

GtkWidget *
kdcc_scrub_setting_row_new (const KdccScrubSetting *s,
                            KdccScrubOption         option)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = setting_subtitle (s, option);
  g_autofree char *value = kdcc_scrub_option_is_interval (option)
                           ? kdcc_scrub_format_span (s->value)
                           : g_strdup_printf ("%g", s->value);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), kdcc_scrub_option_name (option));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_label_new (value));
  return row;
}

GtkWidget *
kdcc_scrub_pool_row_new (const KdccScrubPoolStatus  *p,
                         GtkWidget                 **out_button)
{
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *sentence = gtk_label_new (p->sentence);
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Deep-scrub Now"));
  GtkWidget *icon;
  g_autofree char *interval = kdcc_scrub_format_span (p->deep_interval);
  g_autofree char *subtitle = NULL;
  gboolean ok = p->reason == KDCC_SCRUB_FORECAST_ON_TRACK
                || p->reason == KDCC_SCRUB_FORECAST_CHECK_DISABLED;

  /* TRANSLATORS: PGs, not deep-scrubbed, not scrubbed, scrubbing now, the
   * deep scrub interval ("7 days") and where it comes from. */
  subtitle = g_strdup_printf (_("%u PGs · %u not deep-scrubbed in time · %u not scrubbed in "
                                "time · %u scrubbing now · deep interval %s (%s)"),
                              p->n_pgs, p->overdue_deep, p->overdue_scrub, p->scrubbing,
                              interval, kdcc_scrub_origin_to_label (p->deep_interval_origin));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), p->name);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  icon = gtk_image_new_from_icon_name (ok ? "emblem-ok-symbolic" : "dialog-warning-symbolic");
  gtk_widget_add_css_class (icon, ok ? "success" : "warning");
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), button);

  gtk_label_set_wrap (GTK_LABEL (sentence), TRUE);
  gtk_label_set_xalign (GTK_LABEL (sentence), 0);
  gtk_widget_add_css_class (sentence, ok ? "success" : "warning");
  gtk_box_append (GTK_BOX (box), sentence);
  gtk_box_append (GTK_BOX (box), kdcc_scrub_histogram_new (&p->deep_ages, p->warn_age_deep));
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), box);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  *out_button = button;
  return row;
}
