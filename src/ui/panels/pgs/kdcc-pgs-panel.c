/* kdcc-pgs-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-pgs-panel"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kdcc-format.h"
#include "kdcc-health-check.h"
#include "kdcc-health-links.h"
#include "kdcc-pg-state.h"
#include "kdcc-pg.h"
#include "kdcc-pgs-columns.h"
#include "kdcc-pgs-panel.h"
#include "kdcc-pool.h"
#include "kdcc-table-model.h"
#include "kdcc-table.h"
#include "kdcc-width-first-bin.h"

struct _KdccPgsPanel
{
  KdccPanel            parent_instance;

  AdwPreferencesGroup *summary_group;
  GtkWidget           *total_row;
  GtkWidget           *healthy_row;
  AdwPreferencesGroup *states_group;
  GtkListBox          *states_list;
  GtkSearchEntry      *search_entry;
  GtkDropDown         *show_dropdown;
  AdwPreferencesGroup *filter_group;
  AdwActionRow        *filter_row;
  GtkWidget           *overflow_row;
  GtkStack            *stack;
  AdwStatusPage       *note_page;
  GtkColumnView       *column_view;
  GtkLabel            *count_label;

  /* Every PG of the cluster, sorted by the view and filtered here: only
   * the rows on screen exist, so 100,000 PGs cost what 50 do. */
  KdccTableModel      *table;
  GtkColumnViewColumn *pool_column;
  GHashTable          *pool_names;   /* gint64 pool id -> name */
  GHashTable          *search_memo;  /* text -> whether it holds the search */
  gboolean             holding;      /* holds the cluster's PG list while shown */
  guint                pgs_serial;   /* the cluster's, when last sorted */

  /* What the list shows: the PGs health check `filter` names, or those in
   * `state_filter`, or (neither) the problem PGs or all of them; then
   * narrowed by the search. */
  char                *filter;
  char                *state_filter;
  GHashTable          *filter_ids;   /* the filter's check's PGs, by pg_key() */
  KdccPgProblems       filter_problem;
  gboolean             show_all;
  char                *search;       /* casefolded, or NULL */
};

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
  /* A state row lists that state's PGs. */
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

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

/* A PG id as one number: pool and seed, as parsed once per PG by the
 * model. The check filter asks about every PG, 100,000 of them, and hashing
 * their id strings was most of the filter's time. */
static gint64
pg_key (gint64 pool_id,
        gint64 seed)
{
  return (gint64) ((guint64) pool_id << 32 | (guint64) (seed & G_MAXUINT32));
}

/* The PGs the filter's check names, by pg_key(); NULL without a filter. Says
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
  ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

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
    {
      gint64 pool_id, seed;

      if (kdcc_pg_id_parse (g_ptr_array_index (links->pgids, i), &pool_id, &seed))
        g_hash_table_add (ids, g_memdup2 (&(gint64) { pg_key (pool_id, seed) }, sizeof (gint64)));
    }

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


/* Filtering ------------------------------------------------------------------ */

static gboolean
contains_casefolded (const char *text,
                     const char *needle)
{
  g_autofree char *folded = NULL;

  if (text == NULL)
    return FALSE;
  folded = g_utf8_casefold (text, -1);
  return strstr (folded, needle) != NULL;
}

/* Whether text holds the search, casefolded. The answer is kept for each
 * distinct text until the search changes: 100,000 PGs share a handful of
 * states and pool names, and casefolding each PG's two cost ~40 ms a
 * keystroke. Keyed by content: the pool names are made anew when the
 * pools change. */
static gboolean
matches_search (KdccPgsPanel *self,
                const char   *text)
{
  gpointer known;
  gboolean found;

  if (text == NULL)
    return FALSE;
  if (g_hash_table_lookup_extended (self->search_memo, text, NULL, &known))
    return GPOINTER_TO_INT (known);
  found = contains_casefolded (text, self->search);
  g_hash_table_insert (self->search_memo, g_strdup (text), GINT_TO_POINTER (found));
  return found;
}

static gboolean
filter_cb (gpointer item,
           gpointer user_data)
{
  KdccPgsPanel *self = user_data;
  KdccPg *pg = item;
  const char *pgid = kdcc_pg_get_pgid (pg);

  if (self->filter_ids != NULL)
    {
      gint64 key = pg_key (kdcc_pg_get_pool_id (pg), kdcc_pg_get_seed (pg));

      /* Every PG the check names, whatever KDCC's own classification. */
      if (!g_hash_table_contains (self->filter_ids, &key) &&
          (self->filter_problem == KDCC_PG_PROBLEM_NONE ||
           (kdcc_pg_get_problems (pg) & self->filter_problem) == 0))
        return FALSE;
    }
  else if (self->state_filter != NULL)
    {
      if (g_strcmp0 (kdcc_pg_get_state (pg), self->state_filter) != 0)
        return FALSE;
    }
  else if (!self->show_all && kdcc_pg_get_problems (pg) == KDCC_PG_PROBLEM_NONE)
    {
      return FALSE;
    }

  if (self->search != NULL)
    {
      gint64 pool_id = kdcc_pg_get_pool_id (pg);

      return g_str_has_prefix (pgid, self->search) ||
             matches_search (self, kdcc_pg_get_state (pg)) ||
             matches_search (self, g_hash_table_lookup (self->pool_names, &pool_id));
    }

  return TRUE;
}

/* Says what the list shows, or why it shows nothing. */
static void
update_view_state (KdccPgsPanel *self)
{
  KdccCluster *cluster = kdcc_panel_get_cluster (KDCC_PANEL (self));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->table));
  const char *reason = cluster != NULL ? kdcc_cluster_get_missing_reason (cluster, KDCC_MODEL_PART_PG_LIST) : NULL;
  g_autofree char *count = NULL;
  const char *title = NULL;
  const char *description = NULL;
  const char *icon = "view-list-symbolic";

  if (cluster == NULL || !kdcc_cluster_get_has_data (cluster))
    {
      title = _("Waiting for the Cluster");
      description = _("The placement groups are shown when the first refresh completes");
    }
  else if (reason != NULL)
    {
      title = _("No Placement Group List");
      description = reason;
    }
  else if (!kdcc_cluster_get_pg_list_loaded (cluster))
    {
      title = _("Reading the Placement Groups…");
      description = _("The list of every placement group is read while this page is open");
    }
  else if (n == 0 && self->search == NULL && self->filter == NULL && self->state_filter == NULL &&
           !self->show_all)
    {
      title = _("Every Placement Group Is Healthy");
      description = _("Every placement group is active, clean and scrubbed in time");
      icon = "emblem-ok-symbolic";
    }
  else if (n == 0)
    {
      title = _("No Matching Placement Groups");
      description = _("No placement group matches the search and filter");
      icon = "edit-find-symbolic";
    }

  if (title != NULL)
    {
      adw_status_page_set_title (self->note_page, title);
      adw_status_page_set_description (self->note_page, description);
      adw_status_page_set_icon_name (self->note_page, icon);
      gtk_stack_set_visible_child_name (self->stack, "note");
      gtk_label_set_label (self->count_label, "");
      return;
    }

  gtk_stack_set_visible_child_name (self->stack, "table");
  if (self->filter != NULL)
    /* Translators: %u PGs, %s a health check code */
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u placement group named by %s",
                                          "%u placement groups named by %s", n),
                             n, self->filter);
  else if (self->state_filter != NULL || self->show_all || self->search != NULL)
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u placement group", "%u placement groups", n), n);
  else
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u placement group needs attention",
                                          "%u placement groups need attention", n), n);
  gtk_label_set_label (self->count_label, count);
}

/* The filter row: what an alert's link or a state row narrowed the list
 * to, one click from gone. */
static void
update_filter_row (KdccPgsPanel *self,
                   KdccCluster  *cluster)
{
  g_clear_pointer (&self->filter_ids, g_hash_table_unref);
  self->filter_problem = KDCC_PG_PROBLEM_NONE;

  if (self->filter != NULL)
    {
      self->filter_ids = update_filter (self, cluster);
      self->filter_problem = problem_of_code (self->filter);
      return;
    }

  gtk_widget_set_visible (self->overflow_row, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->filter_group), self->state_filter != NULL);
  if (self->state_filter != NULL)
    {
      /* Translators: %s is a PG state, e.g. active+undersized+degraded */
      g_autofree char *title = g_strdup_printf (_("Only the placement groups in state %s"),
                                                self->state_filter);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->filter_row), title);
      adw_action_row_set_subtitle (self->filter_row, NULL);
    }
}

static void
refilter (KdccPgsPanel *self)
{
  KdccCluster *cluster = kdcc_panel_get_cluster (KDCC_PANEL (self));

  if (cluster != NULL)
    update_filter_row (self, cluster);
  else
    gtk_widget_set_visible (GTK_WIDGET (self->filter_group), self->filter != NULL || self->state_filter != NULL);
  kdcc_table_model_refilter (self->table);
  update_view_state (self);
}

static void
search_changed_cb (KdccPgsPanel *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  g_clear_pointer (&self->search, g_free);
  g_hash_table_remove_all (self->search_memo);
  if (*stripped != '\0')
    self->search = g_utf8_casefold (stripped, -1);
  kdcc_table_model_refilter (self->table);
  update_view_state (self);
}

static void
show_changed_cb (KdccPgsPanel *self)
{
  gboolean all = gtk_drop_down_get_selected (self->show_dropdown) == 1;

  if (all == self->show_all)
    return;
  self->show_all = all;
  refilter (self);
}

/* Only the PGs in STATE (NULL: no state filter); replaces a check filter. */
static void
set_state_filter (KdccPgsPanel *self,
                  const char   *state)
{
  g_clear_pointer (&self->filter, g_free);
  g_free (self->state_filter);
  self->state_filter = g_strdup (state);
  refilter (self);
}

static void
state_row_activated_cb (KdccPgsPanel  *self,
                        GtkListBoxRow *row)
{
  KdccPgState *state = g_object_get_data (G_OBJECT (row), "kdcc-state");

  if (state != NULL)
    set_state_filter (self, kdcc_pg_state_get_state (state));
}

/* Pools ------------------------------------------------------------------------ */

/* The pool cells read the names from this table; it changes in place, and
 * only a changed name rebinds the cells on screen. */
static void
update_pool_names (KdccPgsPanel *self)
{
  KdccCluster *cluster = kdcc_panel_get_cluster (KDCC_PANEL (self));
  GListModel *pools;
  gboolean changed = FALSE;
  guint n;

  if (cluster == NULL)
    return;

  pools = kdcc_cluster_get_pools (cluster);
  n = g_list_model_get_n_items (pools);
  if (n != g_hash_table_size (self->pool_names))
    changed = TRUE;
  for (guint i = 0; i < n && !changed; i++)
    {
      g_autoptr(KdccPool) pool = g_list_model_get_item (pools, i);
      gint64 id = kdcc_pool_get_id (pool);

      changed = g_strcmp0 (g_hash_table_lookup (self->pool_names, &id), kdcc_pool_get_name (pool)) != 0;
    }
  if (!changed)
    return;

  g_hash_table_remove_all (self->pool_names);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KdccPool) pool = g_list_model_get_item (pools, i);
      gint64 *id = g_new (gint64, 1);

      *id = kdcc_pool_get_id (pool);
      g_hash_table_insert (self->pool_names, id, g_strdup (kdcc_pool_get_name (pool)));
    }
  kdcc_table_column_rebind (self->pool_column);
}

/* One PG ------------------------------------------------------------------------ */

static void
open_pg (KdccPgsPanel *self,
         KdccPg       *pg)
{
  kdcc_panel_push_subpage (KDCC_PANEL (self),
                           pg_page_new (kdcc_panel_get_cluster (KDCC_PANEL (self)), pg),
                           kdcc_pg_get_pgid (pg));
}

static void
row_activated_cb (KdccPgsPanel  *self,
                  guint          position)
{
  KdccPg *pg = kdcc_table_model_peek_item (self->table, position);

  if (pg != NULL)
    open_pg (self, pg);
}

/* Cluster ---------------------------------------------------------------------- */

static void
cluster_refreshed_cb (KdccCluster  *cluster,
                      KdccPgsPanel *self)
{
  gboolean filtered = FALSE;

  update_summary (self);
  update_pool_names (self);
  /* Values changed in place: the rows are re-pointed, not rebuilt. A
   * check's detail lines can change with its PGs: the filter is read
   * again first. A refresh that brought the same PG list (its digest)
   * sorts nothing: 100,000 PGs took ~120 ms to sort again. */
  if (self->filter != NULL)
    update_filter_row (self, cluster);
  if (kdcc_cluster_get_pgs_serial (cluster) != self->pgs_serial)
    {
      guint n_updated;
      const guint *updated = kdcc_cluster_get_pgs_updated (cluster, &n_updated);

      /* A few PGs changed state in place (the usual refresh): only they
       * move, instead of sorting 100,000 again (~12 ms). */
      if (updated != NULL && kdcc_cluster_get_pgs_serial (cluster) == self->pgs_serial + 1)
        kdcc_table_model_items_updated (self->table, updated, n_updated);
      else
        {
          kdcc_table_model_resort (self->table);
          filtered = TRUE;
        }
    }
  if (self->filter != NULL && !filtered)
    kdcc_table_model_refilter (self->table);
  self->pgs_serial = kdcc_cluster_get_pgs_serial (cluster);
  update_view_state (self);
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
  update_view_state (KDCC_PGS_PANEL (widget));
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
      g_signal_handlers_disconnect_by_data (kdcc_cluster_get_pools (old_cluster), self);
      if (self->holding)
        kdcc_cluster_release_pg_list (old_cluster);
      self->holding = FALSE;
    }
  if (cluster != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    set_holding (self, TRUE);

  g_hash_table_remove_all (self->pool_names);
  kdcc_table_model_set_source (self->table, cluster != NULL ? kdcc_cluster_get_pgs (cluster) : NULL);
  /* set_source sorted what the cluster has now: the next refresh sorts
   * only what moves after this. */
  self->pgs_serial = cluster != NULL ? kdcc_cluster_get_pgs_serial (cluster) : 0;
  if (cluster == NULL)
    {
      gtk_list_box_bind_model (self->states_list, NULL, NULL, NULL, NULL);
      update_view_state (self);
      return;
    }

  gtk_list_box_bind_model (self->states_list, kdcc_cluster_get_pg_states (cluster),
                           create_state_row_cb, self, NULL);
  g_signal_connect_object (cluster, "refreshed", G_CALLBACK (cluster_refreshed_cb), self, 0);
  g_signal_connect_object (kdcc_cluster_get_pools (cluster), "items-changed",
                           G_CALLBACK (update_pool_names), self, G_CONNECT_SWAPPED);
  update_pool_names (self);
  update_summary (self);
  refilter (self);
}

static void
set_filter (KdccPgsPanel *self,
            const char   *code)
{
  if (g_strcmp0 (self->filter, code) == 0 && self->state_filter == NULL)
    return;

  g_free (self->filter);
  self->filter = g_strdup (code);
  g_clear_pointer (&self->state_filter, g_free);
  refilter (self);
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
  set_holding (self, FALSE);
  if (self->table != NULL)
    kdcc_table_model_detach (self->table);
  gtk_widget_dispose_template (GTK_WIDGET (self), KDCC_TYPE_PGS_PANEL);
  self->states_list = NULL;
  self->column_view = NULL;
  self->pool_column = NULL;
  g_clear_object (&self->table);
  g_clear_pointer (&self->filter_ids, g_hash_table_unref);
  g_clear_pointer (&self->filter, g_free);
  g_clear_pointer (&self->state_filter, g_free);
  g_clear_pointer (&self->search, g_free);

  G_OBJECT_CLASS (kdcc_pgs_panel_parent_class)->dispose (object);
}

static void
kdcc_pgs_panel_finalize (GObject *object)
{
  KdccPgsPanel *self = KDCC_PGS_PANEL (object);

  g_hash_table_unref (self->pool_names);
  g_hash_table_unref (self->search_memo);

  G_OBJECT_CLASS (kdcc_pgs_panel_parent_class)->finalize (object);
}

static void
kdcc_pgs_panel_class_init (KdccPgsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KdccPanelClass *panel_class = KDCC_PANEL_CLASS (klass);

  object_class->dispose = kdcc_pgs_panel_dispose;
  object_class->finalize = kdcc_pgs_panel_finalize;
  widget_class->map = kdcc_pgs_panel_map;
  widget_class->unmap = kdcc_pgs_panel_unmap;
  panel_class->cluster_changed = kdcc_pgs_panel_cluster_changed;
  panel_class->show_subject = kdcc_pgs_panel_show_subject;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/kdcc-pgs-panel.ui");
  g_type_ensure (KDCC_TYPE_WIDTH_FIRST_BIN);
  gtk_widget_class_bind_template_child (widget_class, KdccPgsPanel, summary_group);
  gtk_widget_class_bind_template_child (widget_class, KdccPgsPanel, states_group);
  gtk_widget_class_bind_template_child (widget_class, KdccPgsPanel, states_list);
  gtk_widget_class_bind_template_child (widget_class, KdccPgsPanel, search_entry);
  gtk_widget_class_bind_template_child (widget_class, KdccPgsPanel, show_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KdccPgsPanel, filter_group);
  gtk_widget_class_bind_template_child (widget_class, KdccPgsPanel, filter_row);
  gtk_widget_class_bind_template_child (widget_class, KdccPgsPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, KdccPgsPanel, note_page);
  gtk_widget_class_bind_template_child (widget_class, KdccPgsPanel, column_view);
  gtk_widget_class_bind_template_child (widget_class, KdccPgsPanel, count_label);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, show_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, state_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "pgs.clear-filter", NULL, clear_filter_action);
}

static void
kdcc_pgs_panel_init (KdccPgsPanel *self)
{
  self->pool_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->search_memo = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->overflow_row = kdcc_note_row_new (NULL);
  gtk_widget_set_visible (self->overflow_row, FALSE);
  adw_preferences_group_add (self->filter_group, self->overflow_row);
  self->total_row = kdcc_detail_row_new (_("Total"), NULL);
  adw_preferences_group_add (self->summary_group, self->total_row);
  self->healthy_row = kdcc_detail_row_new (_("Active and clean"), NULL);
  adw_preferences_group_add (self->summary_group, self->healthy_row);
  /* Typing anywhere on the page searches. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));

  self->pool_column = _kdcc_pgs_panel_add_columns (self->column_view, self->pool_names);
  self->table = kdcc_table_model_new (KDCC_TYPE_PG);
  kdcc_table_model_set_filter_func (self->table, filter_cb, self);
  kdcc_table_model_attach (self->table, self->column_view);
  g_signal_connect_object (self->table, "items-changed", G_CALLBACK (update_view_state), self,
                           G_CONNECT_SWAPPED);

  update_view_state (self);
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
  GListModel *shown;

  g_return_val_if_fail (KDCC_IS_PGS_PANEL (self), NULL);

  shown = G_LIST_MODEL (self->table);
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    g_strv_builder_add (builder, kdcc_pg_get_pgid (kdcc_table_model_peek_item (self->table, i)));

  return g_strv_builder_end (builder);
}

void
kdcc_pgs_panel_set_search (KdccPgsPanel *self,
                           const char   *text)
{
  g_return_if_fail (KDCC_IS_PGS_PANEL (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  /* Not waiting for the entry's search delay. */
  search_changed_cb (self);
}

void
kdcc_pgs_panel_set_show_all (KdccPgsPanel *self,
                             gboolean      show_all)
{
  g_return_if_fail (KDCC_IS_PGS_PANEL (self));

  gtk_drop_down_set_selected (self->show_dropdown, show_all ? 1 : 0);
}

void
kdcc_pgs_panel_set_state_filter (KdccPgsPanel *self,
                                 const char   *state)
{
  g_return_if_fail (KDCC_IS_PGS_PANEL (self));

  set_state_filter (self, state);
}

GListModel *
kdcc_pgs_panel_get_rows (KdccPgsPanel *self)
{
  g_return_val_if_fail (KDCC_IS_PGS_PANEL (self), NULL);

  return G_LIST_MODEL (self->table);
}
