/* kdcc-pgs-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-pgs-panel"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdcc-format.h"
#include "kdcc-health-check.h"
#include "kdcc-health-links.h"
#include "kdcc-pg-state.h"
#include "kdcc-pg.h"
#include "kdcc-pool.h"
#include "kdcc-pgs-panel.h"
#include "kdcc-table.h"

struct _KdccPgsPanel
{
  KdccPanel            parent_instance;

  AdwPreferencesGroup *summary_group;
  GtkWidget           *total_row;
  GtkWidget           *healthy_row;
  AdwPreferencesGroup *states_group;
  GtkListBox          *states_list;
  AdwPreferencesGroup *filter_group;
  AdwActionRow        *filter_row;
  GtkWidget           *overflow_row;
  AdwPreferencesGroup *problems_group;
  gboolean             holding;    /* holds the cluster's PG list while shown */
  char                *filter;     /* pgs/CODE: the health check whose PGs are shown */
  GPtrArray           *shown;      /* the PG ids of the rows shown (for tests) */
  /* The unfiltered rows are out of date: the problem list changed, or a
   * PG shown did. A refresh that changed neither (most, with 100,000 PGs)
   * keeps the 200 rows instead of building them again (~200 ms). */
  gboolean             problems_dirty;
};

/* A page of rows is for reading; past this the count says the rest. */
#define MAX_PROBLEM_ROWS 200

G_DEFINE_FINAL_TYPE (KdccPgsPanel, kdcc_pgs_panel, KDCC_TYPE_PANEL)

static void
state_row_update (AdwActionRow *row,
                  KdccPgState  *state)
{
  GtkWidget *label = g_object_get_data (G_OBJECT (row), "kdcc-count");
  g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, kdcc_pg_state_get_count (state));

  gtk_label_set_label (GTK_LABEL (label), count);
}

static void
state_changed_cb (KdccPgState  *state,
                  GParamSpec   *pspec,
                  AdwActionRow *row)
{
  state_row_update (row, state);
}

static GtkWidget *
create_state_row_cb (gpointer item,
                     gpointer user_data)
{
  KdccPgState *state = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *count = gtk_label_new (NULL);
  gboolean healthy = kdcc_pg_state_get_healthy (state);
  KdccHealthStatus status = healthy ? KDCC_HEALTH_OK : KDCC_HEALTH_WARN;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), kdcc_pg_state_get_state (state));
  gtk_image_set_from_icon_name (GTK_IMAGE (icon), kdcc_format_health_icon_name (status));
  gtk_widget_add_css_class (icon, kdcc_format_health_css_class (status));
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  healthy ? _("Healthy") : _("Not healthy"), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_widget_add_css_class (count, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), count);
  g_object_set_data (G_OBJECT (row), "kdcc-count", count);
  g_object_set_data (G_OBJECT (row), "kdcc-state", state);

  state_row_update (ADW_ACTION_ROW (row), state);
  g_signal_connect_object (state, "notify::count", G_CALLBACK (state_changed_cb), row, 0);

  return row;
}

static void
update_summary (KdccPgsPanel *self)
{
  KdccCluster *cluster = kdcc_panel_get_cluster (KDCC_PANEL (self));
  GListModel *states;
  gint64 healthy = 0;
  gint64 total;
  g_autofree char *total_text = NULL;
  g_autofree char *healthy_text = NULL;

  if (cluster == NULL)
    return;

  states = kdcc_cluster_get_pg_states (cluster);
  for (guint i = 0; i < g_list_model_get_n_items (states); i++)
    {
      g_autoptr(KdccPgState) state = g_list_model_get_item (states, i);

      if (kdcc_pg_state_get_healthy (state))
        healthy += kdcc_pg_state_get_count (state);
    }

  total = kdcc_cluster_get_pgs_total (cluster);
  total_text = g_strdup_printf ("%" G_GINT64_FORMAT, total);
  kdcc_detail_row_set_value (self->total_row, total_text);
  healthy_text = kdcc_format_count_of (healthy, total);
  kdcc_detail_row_set_value (self->healthy_row, healthy_text);
}

static const char *
pool_name (KdccCluster *cluster,
           gint64       pool_id)
{
  GListModel *pools = kdcc_cluster_get_pools (cluster);

  for (guint i = 0; i < g_list_model_get_n_items (pools); i++)
    {
      g_autoptr(KdccPool) pool = g_list_model_get_item (pools, i);

      if (kdcc_pool_get_id (pool) == pool_id)
        return kdcc_pool_get_name (pool);
    }

  return NULL;
}

static char *
format_osds (const GArray *ids)
{
  GString *text = g_string_new ("[");

  for (guint i = 0; ids != NULL && i < ids->len; i++)
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", g_array_index (ids, gint64, i));
  g_string_append_c (text, ']');

  return g_string_free (text, FALSE);
}

static void
add_osd_links (AdwPreferencesGroup *group,
               const char          *title,
               const GArray        *ids)
{
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    {
      g_autofree char *subject = g_strdup_printf ("osd.%" G_GINT64_FORMAT, g_array_index (ids, gint64, i));

      adw_preferences_group_add (group, kdcc_link_row_new (subject, title, subject));
    }
}

/* One PG: its state and problems, and links to its pool and OSDs. */
static GtkWidget *
pg_page_new (KdccCluster *cluster,
             KdccPg      *pg)
{
  GtkWidget *prefs = adw_preferences_page_new ();
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *osds = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  const char *pool = pool_name (cluster, kdcc_pg_get_pool_id (pg));
  KdccPgProblems problems = kdcc_pg_get_problems (pg);
  g_autoptr(GPtrArray) words = g_ptr_array_new ();
  g_autofree char *problem_text = NULL;

  adw_preferences_group_set_title (group, _("Placement Group"));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (prefs), group);
  adw_preferences_group_add (group, kdcc_detail_row_new (_("State"), kdcc_pg_get_state (pg)));
  if (problems & KDCC_PG_PROBLEM_NOT_CLEAN)
    g_ptr_array_add (words, (gpointer) _("not active and clean"));
  if (problems & KDCC_PG_PROBLEM_INCONSISTENT)
    g_ptr_array_add (words, (gpointer) _("inconsistent"));
  if (problems & KDCC_PG_PROBLEM_STUCK)
    g_ptr_array_add (words, (gpointer) _("stuck"));
  if (problems & KDCC_PG_PROBLEM_NOT_SCRUBBED)
    g_ptr_array_add (words, (gpointer) _("not scrubbed in time"));
  if (problems & KDCC_PG_PROBLEM_NOT_DEEP_SCRUBBED)
    g_ptr_array_add (words, (gpointer) _("not deep-scrubbed in time"));
  g_ptr_array_add (words, NULL);
  problem_text = g_strjoinv (", ", (char **) words->pdata);
  adw_preferences_group_add (group, kdcc_detail_row_new (_("Problems"), problem_text));
  if (pool != NULL)
    {
      g_autofree char *subject = g_strconcat ("pool/", pool, NULL);

      adw_preferences_group_add (group, kdcc_link_row_new (pool, _("Pool"), subject));
    }

  adw_preferences_group_set_title (osds, _("OSDs"));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (prefs), osds);
  add_osd_links (osds, _("Acting"), kdcc_pg_get_acting (pg));
  add_osd_links (osds, _("Up"), kdcc_pg_get_up (pg));

  return prefs;
}

static void
problems_changed_cb (KdccPgsPanel *self)
{
  self->problems_dirty = TRUE;
}

static void
problem_row_activated_cb (AdwActionRow *row,
                          KdccPgsPanel *self)
{
  KdccPg *pg = g_object_get_data (G_OBJECT (row), "kdcc-pg");

  kdcc_panel_push_subpage (KDCC_PANEL (self),
                           pg_page_new (kdcc_panel_get_cluster (KDCC_PANEL (self)), pg),
                           kdcc_pg_get_pgid (pg));
}

/* The health check the filter names, from the cluster's list. */
static KdccHealthCheck *
find_check (KdccCluster *cluster,
            const char  *code)
{
  GListModel *checks = kdcc_cluster_get_health_checks (cluster);

  for (guint i = 0; i < g_list_model_get_n_items (checks); i++)
    {
      g_autoptr(KdccHealthCheck) check = g_list_model_get_item (checks, i);

      if (g_str_equal (kdcc_health_check_get_code (check), code))
        return check;
    }

  return NULL;
}

/* What the late-scrub and damage checks mean, for the PGs Ceph's detail
 * lines do not name (its "31 more pgs... "). */
static KdccPgProblems
problem_of_code (const char *code)
{
  if (g_str_equal (code, "PG_NOT_SCRUBBED"))
    return KDCC_PG_PROBLEM_NOT_SCRUBBED;
  if (g_str_equal (code, "PG_NOT_DEEP_SCRUBBED"))
    return KDCC_PG_PROBLEM_NOT_DEEP_SCRUBBED;
  if (g_str_equal (code, "PG_DAMAGED") || g_str_equal (code, "OSD_SCRUB_ERRORS"))
    return KDCC_PG_PROBLEM_INCONSISTENT;
  return KDCC_PG_PROBLEM_NONE;
}

/* The PGs the filter's check names, by id; NULL without a filter. Says
 * on the filter row what the filter is and what Ceph left out. */
static GHashTable *
update_filter (KdccPgsPanel *self,
               KdccCluster  *cluster)
{
  KdccHealthCheck *check;
  g_autoptr(KdccHealthLinks) links = NULL;
  g_autofree char *title = NULL;
  GHashTable *ids;
  gboolean overflow = FALSE;
  guint n_named;

  gtk_widget_set_visible (GTK_WIDGET (self->filter_group), self->filter != NULL);
  gtk_widget_set_visible (self->overflow_row, FALSE);
  if (self->filter == NULL)
    return NULL;

  /* Translators: the PG page shows only the PGs a health check names;
   * %s is its code, e.g. PG_AVAILABILITY */
  title = g_strdup_printf (_("Only the placement groups %s names"), self->filter);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->filter_row), title);
  ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  check = find_check (cluster, self->filter);
  if (check == NULL)
    {
      adw_action_row_set_subtitle (self->filter_row, _("This health check is no longer raised"));
      return ids;
    }

  /* Ceph's summary, as Ceph writes it. */
  adw_action_row_set_subtitle (self->filter_row, kdcc_health_check_get_summary (check));
  links = kdcc_health_links_new (self->filter, kdcc_health_check_get_summary (check),
                                 kdcc_health_check_get_detail (check));
  for (guint i = 0; i < links->pgids->len; i++)
    g_hash_table_add (ids, g_strdup (g_ptr_array_index (links->pgids, i)));

  n_named = kdcc_health_detail_count_lines (kdcc_health_check_get_detail (check), &overflow, NULL);
  if (overflow)
    {
      const char * const *detail = kdcc_health_check_get_detail (check);
      g_autofree char *ceph_line = g_strstrip (g_strdup (detail[n_named]));
      /* Translators: %u is how many PGs Ceph's detail lines name, %s is
       * Ceph's own last line, e.g. "31 more pgs... " */
      g_autofree char *text = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE,
                     "Ceph’s health detail names %u placement group, then says “%s”",
                     "Ceph’s health detail names %u placement groups, then says “%s”",
                     n_named),
        n_named, ceph_line);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->overflow_row), text);
      gtk_widget_set_visible (self->overflow_row, TRUE);
    }

  return ids;
}

static void
update_problems (KdccPgsPanel *self)
{
  KdccCluster *cluster = kdcc_panel_get_cluster (KDCC_PANEL (self));
  GListModel *problems;
  g_autoptr(GListStore) filtered = NULL;
  g_autoptr(GHashTable) filter_ids = NULL;
  const char *reason;
  guint n;
  g_autofree char *description = NULL;

  if (cluster == NULL)
    return;

  kdcc_table_group_clear (self->problems_group);
  g_ptr_array_set_size (self->shown, 0);
  self->problems_dirty = FALSE;
  /* The filter shows at once, also while the PG list is still read. */
  filter_ids = update_filter (self, cluster);
  reason = kdcc_cluster_get_missing_reason (cluster, KDCC_MODEL_PART_PG_LIST);
  if (reason != NULL)
    {
      kdcc_table_group_add (self->problems_group, kdcc_note_row_new (reason));
      return;
    }
  if (!kdcc_cluster_get_pg_list_loaded (cluster))
    {
      kdcc_table_group_add (self->problems_group, kdcc_note_row_new (_("Reading the placement groups…")));
      return;
    }

  if (filter_ids != NULL)
    {
      GListModel *all = kdcc_cluster_get_pgs (cluster);
      KdccPgProblems problem = problem_of_code (self->filter);

      /* Every PG the check names, whatever KDCC's own classification. */
      problems = G_LIST_MODEL (filtered = g_list_store_new (KDCC_TYPE_PG));
      for (guint i = 0; i < g_list_model_get_n_items (all); i++)
        {
          g_autoptr(KdccPg) pg = g_list_model_get_item (all, i);

          if (g_hash_table_contains (filter_ids, kdcc_pg_get_pgid (pg)) ||
              (problem != KDCC_PG_PROBLEM_NONE && (kdcc_pg_get_problems (pg) & problem) != 0))
            g_list_store_append (filtered, pg);
        }
    }
  else
    {
      problems = kdcc_cluster_get_problem_pgs (cluster);
    }
  n = g_list_model_get_n_items (problems);
  if (filter_ids != NULL)
    /* Translators: %u PGs, %s a health check code */
    description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u placement group named by %s",
                                                "%u placement groups named by %s", n),
                                   n, self->filter);
  else
    description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u placement group needs attention",
                                                "%u placement groups need attention", n), n);
  adw_preferences_group_set_description (self->problems_group, description);
  if (n == 0)
    kdcc_table_group_add (self->problems_group,
                          kdcc_note_row_new (filter_ids != NULL
                                             ? _("No placement group matches the filter")
                                             : _("Every placement group is active, clean and scrubbed")));

  for (guint i = 0; i < n && i < MAX_PROBLEM_ROWS; i++)
    {
      g_autoptr(KdccPg) pg = g_list_model_get_item (problems, i);
      const char *pool = pool_name (cluster, kdcc_pg_get_pool_id (pg));
      g_autofree char *up = format_osds (kdcc_pg_get_up (pg));
      g_autofree char *acting = format_osds (kdcc_pg_get_acting (pg));
      /* Translators: a problem PG: "2.1f · active+undersized" */
      g_autofree char *title = g_strdup_printf (_("%s · %s"), kdcc_pg_get_pgid (pg), kdcc_pg_get_state (pg));
      /* Translators: pool, then the up and acting OSD sets, e.g. "Pool rbd · up [1,0,2] · acting [1,0]" */
      g_autofree char *subtitle = g_strdup_printf (_("Pool %s · up %s · acting %s"),
                                                   pool != NULL ? pool : "?", up, acting);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "kdcc-pg", g_object_ref (pg), g_object_unref);
      g_signal_connect_object (row, "activated", G_CALLBACK (problem_row_activated_cb), self, 0);
      /* The row shows its state: a change in place makes the rows stale. */
      g_signal_connect_object (pg, "changed", G_CALLBACK (problems_changed_cb), self, G_CONNECT_SWAPPED);
      kdcc_table_group_add (self->problems_group, row);
      g_ptr_array_add (self->shown, g_strdup (kdcc_pg_get_pgid (pg)));
    }
  if (n > MAX_PROBLEM_ROWS)
    {
      g_autofree char *more = g_strdup_printf (_("And %u more"), n - MAX_PROBLEM_ROWS);

      kdcc_table_group_add (self->problems_group, kdcc_note_row_new (more));
    }
}

static void
cluster_refreshed_cb (KdccCluster  *cluster,
                      KdccPgsPanel *self)
{
  update_summary (self);
  /* A filtered list depends on every PG and on the check's detail: built
   * again each time (a link's list, seldom shown for long). */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)) &&
      (self->problems_dirty || self->filter != NULL || !kdcc_cluster_get_pg_list_loaded (cluster) ||
       self->shown->len == 0))
    update_problems (self);
}

/* The PG list is heavy: the cluster fetches it only while this page is
 * on screen. */
static void
set_holding (KdccPgsPanel *self,
             gboolean      hold)
{
  KdccCluster *cluster = kdcc_panel_get_cluster (KDCC_PANEL (self));

  if (self->holding == hold || cluster == NULL)
    return;

  self->holding = hold;
  if (hold)
    kdcc_cluster_hold_pg_list (cluster);
  else
    kdcc_cluster_release_pg_list (cluster);
}

static void
kdcc_pgs_panel_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (kdcc_pgs_panel_parent_class)->map (widget);
  set_holding (KDCC_PGS_PANEL (widget), TRUE);
  update_problems (KDCC_PGS_PANEL (widget));
}

static void
kdcc_pgs_panel_unmap (GtkWidget *widget)
{
  set_holding (KDCC_PGS_PANEL (widget), FALSE);
  GTK_WIDGET_CLASS (kdcc_pgs_panel_parent_class)->unmap (widget);
}

static void
kdcc_pgs_panel_cluster_changed (KdccPanel   *panel,
                                KdccCluster *old_cluster)
{
  KdccPgsPanel *self = KDCC_PGS_PANEL (panel);
  KdccCluster *cluster = kdcc_panel_get_cluster (panel);

  if (old_cluster != NULL)
    {
      g_signal_handlers_disconnect_by_data (old_cluster, self);
      g_signal_handlers_disconnect_by_data (kdcc_cluster_get_problem_pgs (old_cluster), self);
      g_signal_handlers_disconnect_by_data (kdcc_cluster_get_pools (old_cluster), self);
      if (self->holding)
        kdcc_cluster_release_pg_list (old_cluster);
      self->holding = FALSE;
    }
  if (cluster != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    set_holding (self, TRUE);

  if (cluster == NULL)
    {
      gtk_list_box_bind_model (self->states_list, NULL, NULL, NULL, NULL);
      return;
    }

  gtk_list_box_bind_model (self->states_list, kdcc_cluster_get_pg_states (cluster),
                           create_state_row_cb, self, NULL);
  g_signal_connect_object (cluster, "refreshed", G_CALLBACK (cluster_refreshed_cb), self, 0);
  g_signal_connect_object (kdcc_cluster_get_problem_pgs (cluster), "items-changed",
                           G_CALLBACK (problems_changed_cb), self, G_CONNECT_SWAPPED);
  /* The rows name their pools. */
  g_signal_connect_object (kdcc_cluster_get_pools (cluster), "items-changed",
                           G_CALLBACK (problems_changed_cb), self, G_CONNECT_SWAPPED);
  self->problems_dirty = TRUE;
  update_summary (self);
}

static void
set_filter (KdccPgsPanel *self,
            const char   *code)
{
  if (g_strcmp0 (self->filter, code) == 0)
    return;

  g_free (self->filter);
  self->filter = g_strdup (code);
  if (kdcc_panel_get_cluster (KDCC_PANEL (self)) != NULL)
    update_problems (self);
  else
    gtk_widget_set_visible (GTK_WIDGET (self->filter_group), code != NULL);
}

/* pgs/CODE narrows the list to the PGs that check names; pgs shows them
 * all again. */
static gboolean
kdcc_pgs_panel_show_subject (KdccPanel         *panel,
                             const KdccSubject *subject)
{
  if (kdcc_subject_get_kind (subject) != KDCC_SUBJECT_PGS)
    return FALSE;

  set_filter (KDCC_PGS_PANEL (panel), kdcc_subject_get_name (subject));
  return TRUE;
}

static void
clear_filter_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  set_filter (KDCC_PGS_PANEL (widget), NULL);
}

static void
kdcc_pgs_panel_dispose (GObject *object)
{
  KdccPgsPanel *self = KDCC_PGS_PANEL (object);

  if (self->states_list != NULL)
    gtk_list_box_bind_model (self->states_list, NULL, NULL, NULL, NULL);
  self->states_list = NULL;
  set_holding (self, FALSE);
  g_clear_pointer (&self->filter, g_free);
  g_clear_pointer (&self->shown, g_ptr_array_unref);

  G_OBJECT_CLASS (kdcc_pgs_panel_parent_class)->dispose (object);
}

static void
kdcc_pgs_panel_class_init (KdccPgsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  KdccPanelClass *panel_class = KDCC_PANEL_CLASS (klass);

  object_class->dispose = kdcc_pgs_panel_dispose;
  GTK_WIDGET_CLASS (klass)->map = kdcc_pgs_panel_map;
  GTK_WIDGET_CLASS (klass)->unmap = kdcc_pgs_panel_unmap;
  panel_class->cluster_changed = kdcc_pgs_panel_cluster_changed;
  panel_class->show_subject = kdcc_pgs_panel_show_subject;

  gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), "pgs.clear-filter", NULL,
                                   clear_filter_action);
}

static void
kdcc_pgs_panel_init (KdccPgsPanel *self)
{
  GtkWidget *page = adw_preferences_page_new ();

  gtk_widget_set_parent (page, GTK_WIDGET (self));
  self->shown = g_ptr_array_new_with_free_func (g_free);

  /* The filter an alert's link sets, visible and one click from gone. */
  self->filter_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  gtk_widget_set_visible (GTK_WIDGET (self->filter_group), FALSE);
  self->filter_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->filter_row), FALSE);
  adw_action_row_add_prefix (self->filter_row,
                             gtk_image_new_from_icon_name ("edit-find-symbolic"));
  {
    GtkWidget *clear = gtk_button_new_with_mnemonic (_("Show _All"));

    gtk_widget_set_valign (clear, GTK_ALIGN_CENTER);
    gtk_actionable_set_action_name (GTK_ACTIONABLE (clear), "pgs.clear-filter");
    gtk_widget_set_tooltip_text (clear, _("Show every placement group that needs attention"));
    adw_action_row_add_suffix (self->filter_row, clear);
  }
  adw_preferences_group_add (self->filter_group, GTK_WIDGET (self->filter_row));
  self->overflow_row = kdcc_note_row_new (NULL);
  adw_preferences_group_add (self->filter_group, self->overflow_row);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), self->filter_group);

  self->summary_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->summary_group, _("Placement Groups"));
  self->total_row = kdcc_detail_row_new (_("Total"), NULL);
  adw_preferences_group_add (self->summary_group, self->total_row);
  self->healthy_row = kdcc_detail_row_new (_("Active and clean"), NULL);
  adw_preferences_group_add (self->summary_group, self->healthy_row);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), self->summary_group);

  self->states_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->states_group, _("States"));
  self->states_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->states_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->states_list), "boxed-list");
  adw_preferences_group_add (self->states_group, GTK_WIDGET (self->states_list));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), self->states_group);

  self->problems_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->problems_group, _("Problem Placement Groups"));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), self->problems_group);
}

GtkWidget *
kdcc_pgs_panel_new (void)
{
  return g_object_new (KDCC_TYPE_PGS_PANEL, NULL);
}

GStrv
kdcc_pgs_panel_dup_rows (KdccPgsPanel *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GtkListBoxRow *row;

  g_return_val_if_fail (KDCC_IS_PGS_PANEL (self), NULL);

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->states_list, i)) != NULL; i++)
    {
      KdccPgState *state = g_object_get_data (G_OBJECT (row), "kdcc-state");
      g_autofree char *text = g_strdup_printf ("%s=%" G_GINT64_FORMAT, kdcc_pg_state_get_state (state),
                                               kdcc_pg_state_get_count (state));

      g_strv_builder_add (builder, text);
    }

  return g_strv_builder_end (builder);
}

const char *
kdcc_pgs_panel_get_filter (KdccPgsPanel *self)
{
  g_return_val_if_fail (KDCC_IS_PGS_PANEL (self), NULL);

  return self->filter;
}

GStrv
kdcc_pgs_panel_dup_shown_pgids (KdccPgsPanel *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (KDCC_IS_PGS_PANEL (self), NULL);

  for (guint i = 0; i < self->shown->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->shown, i));

  return g_strv_builder_end (builder);
}
