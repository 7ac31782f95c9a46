/* kdcc-alert-links.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-alert-links"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdcc-alert-links.h"
#include "kdcc-health-links.h"
#include "kdcc-subject.h"

char *
kdcc_health_check_dup_link_subject (KdccHealthCheck *check)
{
  const char *code;
  g_autoptr(KdccHealthLinks) links = NULL;

  g_return_val_if_fail (KDCC_IS_HEALTH_CHECK (check), NULL);

  code = kdcc_health_check_get_code (check);
  links = kdcc_health_links_new (code, kdcc_health_check_get_summary (check),
                                 kdcc_health_check_get_detail (check));

  /* Several OSDs: the list of those in that state beats the first one. */
  if (links->subjects->len > 1 &&
      kdcc_subject_get_kind (g_ptr_array_index (links->subjects, 0)) == KDCC_SUBJECT_OSD)
    {
      if (g_str_equal (code, "OSD_DOWN"))
        return g_strdup ("osds/down");
      if (g_str_equal (code, "OSD_NEARFULL") || g_str_equal (code, "OSD_BACKFILLFULL"))
        return g_strdup ("osds/nearfull");
      if (g_str_equal (code, "OSD_FULL"))
        return g_strdup ("osds/full");
    }

  /* PGs named one by one: the PG page narrowed to them. */
  if (links->subjects->len > 0 && links->pgids->len > 0 &&
      kdcc_subject_get_kind (g_ptr_array_index (links->subjects, 0)) == KDCC_SUBJECT_PGS)
    return g_strconcat ("pgs/", code, NULL);

  if (links->subjects->len > 0)
    return kdcc_subject_to_string (g_ptr_array_index (links->subjects, 0));

  /* Flags are set on the OSD map: the OSD page is where they show. */
  if (g_str_equal (code, "OSDMAP_FLAGS"))
    return g_strdup ("osds");

  return NULL;
}

char *
kdcc_subject_dup_link_label (const char *text)
{
  g_autoptr(KdccSubject) subject = kdcc_subject_parse (text, NULL);

  if (subject == NULL)
    return g_strdup (text);

  switch (kdcc_subject_get_kind (subject))
    {
    case KDCC_SUBJECT_OSD:
      return g_strdup (text);
    case KDCC_SUBJECT_POOL:
      /* Translators: a link to a pool's page */
      return g_strdup_printf (_("Pool %s"), kdcc_subject_get_name (subject));
    case KDCC_SUBJECT_HOST:
      /* Translators: a link to a host's page */
      return g_strdup_printf (_("Host %s"), kdcc_subject_get_name (subject));
    case KDCC_SUBJECT_OSDS:
      if (g_strcmp0 (kdcc_subject_get_name (subject), "down") == 0)
        return g_strdup (_("Down OSDs"));
      if (g_strcmp0 (kdcc_subject_get_name (subject), "nearfull") == 0)
        return g_strdup (_("Nearfull OSDs"));
      if (g_strcmp0 (kdcc_subject_get_name (subject), "full") == 0)
        return g_strdup (_("Full OSDs"));
      return g_strdup (_("OSDs"));
    case KDCC_SUBJECT_PGS:
      if (kdcc_subject_get_name (subject) != NULL)
        return g_strdup (_("Affected PGs"));
      return g_strdup (_("Placement Groups"));
    case KDCC_SUBJECT_MONS:
      return g_strdup (_("Monitors"));
    case KDCC_SUBJECT_MGRS:
      return g_strdup (_("Managers"));
    case KDCC_SUBJECT_POOLS:
      return g_strdup (_("Pools"));
    case KDCC_SUBJECT_HOSTS:
      return g_strdup (_("Hosts"));
    case KDCC_SUBJECT_HEALTH_CHECK:
    default:
      return g_strdup (text);
    }
}

static void
update_links (AdwExpanderRow  *row,
              KdccHealthCheck *check)
{
  GtkWidget *link = g_object_get_data (G_OBJECT (row), "kdcc-link-button");
  GtkWidget *mute = g_object_get_data (G_OBJECT (row), "kdcc-mute-button");
  GtkWidget *mute_row = g_object_get_data (G_OBJECT (row), "kdcc-mute-row");
  g_autofree char *subject = kdcc_health_check_dup_link_subject (check);
  gboolean muted = kdcc_health_check_get_muted (check);

  gtk_widget_set_visible (link, subject != NULL);
  if (subject != NULL)
    {
      g_autofree char *label = kdcc_subject_dup_link_label (subject);
      /* Translators: tooltip of an alert's link, e.g. "Show osd.3" */
      g_autofree char *tooltip = g_strdup_printf (_("Show %s"), label);

      gtk_label_set_label (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (link))), label);
      gtk_widget_set_tooltip_text (link, tooltip);
      /* Target first: a name without its target is a type mismatch. */
      gtk_actionable_set_action_target (GTK_ACTIONABLE (link), "s", subject);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (link), "win.show-subject");
    }
  else
    {
      gtk_actionable_set_action_name (GTK_ACTIONABLE (link), NULL);
    }

  gtk_button_set_label (GTK_BUTTON (mute), muted ? _("Unmute") : _("Mute…"));
  gtk_actionable_set_action_target (GTK_ACTIONABLE (mute), "s", kdcc_health_check_get_code (check));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (mute),
                                  muted ? "win.unmute-health" : "win.mute-health");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (mute_row),
                                 muted ? _("This check is muted: it does not count toward the cluster’s health")
                                       : _("Mute this check while you work on it"));
}

static void
check_changed_cb (KdccHealthCheck *check,
                  AdwExpanderRow  *row)
{
  update_links (row, check);
}

void
kdcc_alert_row_add_links (AdwExpanderRow  *row,
                          KdccHealthCheck *check)
{
  GtkWidget *link = gtk_button_new ();
  GtkWidget *link_label;
  GtkWidget *mute_row = adw_action_row_new ();
  GtkWidget *mute = gtk_button_new ();

  g_return_if_fail (ADW_IS_EXPANDER_ROW (row));
  g_return_if_fail (KDCC_IS_HEALTH_CHECK (check));

  /* The label gives way on a narrow window (the tooltip has it whole), so
   * the link never sets the dashboard's minimum width. */
  link_label = gtk_label_new (NULL);
  gtk_label_set_ellipsize (GTK_LABEL (link_label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (link_label), 18);
  gtk_button_set_child (GTK_BUTTON (link), link_label);
  gtk_widget_set_valign (link, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (link, "flat");
  adw_expander_row_add_action (row, link);

  gtk_widget_set_valign (mute, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (mute_row), mute);
  adw_expander_row_add_row (row, mute_row);

  g_object_set_data (G_OBJECT (row), "kdcc-link-button", link);
  g_object_set_data (G_OBJECT (row), "kdcc-mute-button", mute);
  g_object_set_data (G_OBJECT (row), "kdcc-mute-row", mute_row);

  update_links (row, check);
  g_signal_connect_object (check, "changed", G_CALLBACK (check_changed_cb), row, 0);
}

GtkWidget *
kdcc_alert_row_get_link_button (AdwExpanderRow *row)
{
  return g_object_get_data (G_OBJECT (row), "kdcc-link-button");
}

GtkWidget *
kdcc_alert_row_get_mute_button (AdwExpanderRow *row)
{
  return g_object_get_data (G_OBJECT (row), "kdcc-mute-button");
}
