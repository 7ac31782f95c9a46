/* kdcc-versions-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-versions-panel"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "kdcc-daemon-versions.h"
#include "kdcc-kube-source.h"
#include "kdcc-mgr-module.h"
#include "kdcc-release-catalog.h"
#include "kdcc-rook-upgrade-view.h"
#include "kdcc-upgrade-auto-group.h"
#include "kdcc-upgrade-page.h"
#include "kdcc-versions-exporters.h"
#include "kdcc-versions-panel.h"

struct _KdccVersionsPanel
{
  KdccPanel           parent_instance;

  /* Template widgets */
  AdwActionRow       *running_row;
  AdwActionRow       *verdict_row;
  GtkImage           *verdict_icon;
  AdwActionRow       *eol_row;
  AdwActionRow       *targets_row;
  AdwActionRow       *catalog_row;
  AdwActionRow       *service_row;
  AdwActionRow       *mixed_row;
  GtkListBox         *daemons_list;
  GtkListBox         *modules_list;
  KdccVersionsExporters *exporters_group;
  KdccUpgradeAutoGroup *auto_group;
  GtkWidget          *upgrade_button;

  /* Owned references */
  KdccReleaseCatalog *catalog;
  GPtrArray          *named;          /* KdccDaemonVersion from metadata, or NULL */
  char               *versions_key;   /* what the survey was built from */
  GString            *daemons_text;
  GString            *modules_text;
  GCancellable       *cancellable;
  gboolean            service_asked;
  char               *upgrade_target;  /* the next release, for the assistant */
};

G_DEFINE_FINAL_TYPE (KdccVersionsPanel, kdcc_versions_panel, KDCC_TYPE_PANEL)

enum {
  SIGNAL_UPDATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *daemon_types[] = { "mon", "mgr", "osd", "mds", "rgw", "rbd-mirror" };

/* Removes the rows of list but keep (the mixed-versions row, which
 * stays on top of the daemons). */
static void
clear_list (GtkListBox *list,
            GtkWidget  *keep)
{
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list));

  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      if (child != keep)
        gtk_list_box_remove (list, child);
      child = next;
    }
}

static GtkWidget *
text_row_new (const char *title,
              const char *subtitle,
              const char *icon_name)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (icon_name != NULL)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);

      gtk_widget_add_css_class (icon, "warning");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
    }
  return row;
}

static char *
release_title (const char *name)
{
  if (name == NULL)
    return g_strdup (_("Unknown release"));
  /* Release names are lower case in Ceph's tables and capitalised in prose. */
  return g_strdup_printf ("%c%s", g_ascii_toupper (name[0]), name + 1);
}

static gboolean
lags (KdccVersionSurvey *survey,
      GPtrArray         *behind,
      KdccDaemonVersion *daemon)
{
  for (guint i = 0; survey->mixed && i < behind->len; i++)
    if (g_ptr_array_index (behind, i) == daemon)
      return TRUE;
  return FALSE;
}

/* Daemons --------------------------------------------------------------------- */

static void
show_daemons (KdccVersionsPanel *self,
              KdccVersionSurvey *survey)
{
  g_autoptr(GPtrArray) behind = kdcc_version_survey_dup_lagging (survey);
  GPtrArray *daemons = survey->named != NULL && survey->named->len > 0 ? survey->named
                                                                       : survey->counted;

  clear_list (self->daemons_list, GTK_WIDGET (self->mixed_row));
  g_string_truncate (self->daemons_text, 0);

  for (guint t = 0; t < G_N_ELEMENTS (daemon_types); t++)
    for (guint i = 0; i < daemons->len; i++)
      {
        KdccDaemonVersion *d = g_ptr_array_index (daemons, i);
        g_autofree char *version = d->parsed_ok ? kdcc_ceph_version_to_string (&d->parsed)
                                                : g_strdup (d->version);
        g_autofree char *title = NULL;
        gboolean behind_newest;

        if (!g_str_equal (d->type, daemon_types[t]))
          continue;
        behind_newest = lags (survey, behind, d);
        if (d->name != NULL)
          title = g_strdup (d->name);
        else
          /* Translators: daemons counted by type when their names are unknown: "3 × osd" */
          title = g_strdup_printf (_("%lld × %s"), (long long) d->count, d->type);
        gtk_list_box_append (self->daemons_list,
                             text_row_new (title, version,
                                           behind_newest ? "dialog-warning-symbolic" : NULL));
        g_string_append_printf (self->daemons_text, "%s\t%s%s\n", title, version,
                                behind_newest ? "\tlags" : "");
      }
  gtk_widget_set_visible (GTK_WIDGET (self->daemons_list), self->daemons_text->len > 0);

  if (survey->mixed)
    {
      g_autoptr(GString) value = g_string_new (NULL);

      /* Translators: followed by the daemons that run an older version */
      g_string_printf (value, _("Behind %s:"), survey->newest);
      for (guint i = 0; i < behind->len; i++)
        {
          KdccDaemonVersion *d = g_ptr_array_index (behind, i);
          g_autofree char *v = kdcc_ceph_version_to_string (&d->parsed);

          if (d->name != NULL)
            g_string_append_printf (value, "%s %s (%s)", i > 0 ? "," : "", d->name, v);
          else
            /* Translators: "2 osd on 16.2.14" when the daemons' names are unknown */
            g_string_append_printf (value, _("%s %lld %s on %s"), i > 0 ? "," : "",
                                    (long long) d->count, d->type, v);
        }
      adw_action_row_set_subtitle (self->mixed_row, value->str);
    }
  else
    adw_action_row_set_subtitle (self->mixed_row, "");
  gtk_widget_set_visible (GTK_WIDGET (self->mixed_row), survey->mixed);
}

/* Release --------------------------------------------------------------------- */

static void
show_release (KdccVersionsPanel *self,
              KdccVersionSurvey *survey)
{
  g_autoptr(KdccReleaseCheck) check = kdcc_release_catalog_check (self->catalog, survey->oldest,
                                                                  NULL);
  g_autofree char *release = release_title (check->release_name);
  g_autofree char *running = NULL;
  g_autofree char *verdict = NULL;
  g_autofree char *eol = NULL;
  g_autofree char *catalog = NULL;
  g_autoptr(GString) targets = g_string_new (NULL);
  const char *icon = "emblem-ok-symbolic";
  const char *service;
  gint age = MAX (0, kdcc_release_catalog_get_age_days (self->catalog, NULL));

  if (!survey->have_versions)
    running = g_strdup (_("No daemon reported a version"));
  else
    /* Translators: the running version and its release: "16.2.15 (Pacific)" */
    running = g_strdup_printf (_("%s (%s)"), survey->oldest, release);
  adw_action_row_set_subtitle (self->running_row, running);

  switch (check->state)
    {
    case KDCC_RELEASE_STATE_CURRENT:
      /* Translators: the newest point release of the running release is running */
      verdict = g_strdup_printf (_("Up to date: %s is the newest point release"), check->newest);
      break;
    case KDCC_RELEASE_STATE_UPDATE_AVAILABLE:
      icon = "software-update-available-symbolic";
      verdict = check->newest_released != NULL
                /* Translators: "Update available: 16.2.15 (released 2024-03-04)" */
                ? g_strdup_printf (_("Update available: %s (released %s)"), check->newest,
                                   check->newest_released)
                : g_strdup_printf (_("Update available: %s"), check->newest);
      break;
    case KDCC_RELEASE_STATE_CATALOG_OUTDATED:
      icon = "dialog-information-symbolic";
      verdict = g_strdup_printf (_("%s is newer than the release catalog knows"), check->running);
      break;
    case KDCC_RELEASE_STATE_UNKNOWN_VERSION:
    default:
      icon = "dialog-question-symbolic";
      verdict = g_strdup (_("Unknown: the running version is not in the release catalog"));
      break;
    }
  gtk_image_set_from_icon_name (self->verdict_icon, icon);
  adw_action_row_set_subtitle (self->verdict_row, verdict);

  if (check->end_of_life == NULL)
    eol = g_strdup (_("Unknown"));
  else if (check->is_end_of_life)
    /* Translators: "Since 2024-03-04: no more fixes for this release" */
    eol = g_strdup_printf (_("Since %s: this release gets no more fixes"), check->end_of_life);
  else
    /* Translators: "On 2027-06-01 (estimated)" */
    eol = g_strdup_printf (_("On %s%s"), check->end_of_life,
                           check->end_of_life_estimated ? _(" (estimated)") : "");
  adw_action_row_set_subtitle (self->eol_row, eol);
  if (check->is_end_of_life)
    gtk_widget_add_css_class (GTK_WIDGET (self->eol_row), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->eol_row), "warning");

  for (guint i = 0; i < check->upgrade_targets->len; i++)
    {
      KdccReleaseTarget *target = g_ptr_array_index (check->upgrade_targets, i);
      g_autofree char *title = release_title (target->name);

      g_string_append_printf (targets, "%s%s %s", i > 0 ? ", " : "", title, target->newest);
    }
  g_clear_pointer (&self->upgrade_target, g_free);
  if (check->upgrade_targets->len > 0)
    self->upgrade_target = g_strdup (((KdccReleaseTarget *) check->upgrade_targets->pdata[0])->name);
  gtk_widget_set_sensitive (self->upgrade_button, self->upgrade_target != NULL);
  if (targets->len == 0)
    g_string_append (targets, _("No newer release known"));
  g_string_append (targets, _(" (Ceph skips at most one major release)"));
  adw_action_row_set_subtitle (self->targets_row, targets->str);

  /* Translators: "2026-11-30, 3 days old" */
  catalog = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %d day old", "%s, %d days old",
                                          (gulong) age),
                             kdcc_release_catalog_get_date (self->catalog), age);
  adw_action_row_set_subtitle (self->catalog_row, catalog);

  if (!self->service_asked)
    service = _("Off: only the shipped catalog is used");
  else if (kdcc_release_catalog_get_version_service_message (self->catalog) != NULL)
    service = kdcc_release_catalog_get_version_service_message (self->catalog);
  else if (kdcc_release_catalog_get_version_service_state (self->catalog) ==
           KDCC_VERSION_SERVICE_NOT_ASKED)
    service = _("Asking…");
  else
    service = _("Answered; the catalog took what was newer");
  adw_action_row_set_subtitle (self->service_row, service);
}

/* Modules --------------------------------------------------------------------- */

static void
show_modules (KdccVersionsPanel *self)
{
  KdccCluster *cluster = kdcc_panel_get_cluster (KDCC_PANEL (self));
  GListModel *modules = cluster != NULL ? kdcc_cluster_get_mgr_modules (cluster) : NULL;
  guint disabled = 0;

  clear_list (self->modules_list, NULL);
  g_string_truncate (self->modules_text, 0);

  for (guint i = 0; modules != NULL && i < g_list_model_get_n_items (modules); i++)
    {
      g_autoptr(KdccMgrModule) module = g_list_model_get_item (modules, i);
      const char *state;
      g_autofree char *failed = NULL;

      if (kdcc_mgr_module_get_failed (module))
        {
          /* Translators: a mgr module that failed, with Ceph's reason */
          failed = g_strdup_printf (_("Failed: %s"), kdcc_mgr_module_get_error (module) != NULL
                                                       ? kdcc_mgr_module_get_error (module) : "");
          state = failed;
        }
      else if (kdcc_mgr_module_get_always_on (module))
        state = _("Always on");
      else if (kdcc_mgr_module_get_enabled (module))
        state = _("Enabled");
      else
        {
          disabled++;
          continue;
        }
      gtk_list_box_append (self->modules_list,
                           text_row_new (kdcc_mgr_module_get_name (module), state,
                                         kdcc_mgr_module_get_failed (module)
                                           ? "dialog-warning-symbolic" : NULL));
      g_string_append_printf (self->modules_text, "%s\t%s\n", kdcc_mgr_module_get_name (module),
                              state);
    }

  if (disabled > 0)
    {
      g_autofree char *text =
        /* Translators: the mgr modules that are available but not enabled */
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u more module is available, not enabled",
                                      "%u more modules are available, not enabled", disabled),
                         disabled);
      GtkWidget *row = text_row_new (text, NULL, NULL);

      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (self->modules_list, row);
    }
  if (self->modules_text->len == 0 && disabled == 0)
    gtk_list_box_append (self->modules_list,
                         text_row_new (_("The connection did not list the manager modules"),
                                       NULL, NULL));
}

/* Updating -------------------------------------------------------------------- */

static char *
dup_versions_key (KdccCluster *cluster)
{
  const GPtrArray *versions = kdcc_cluster_get_versions (cluster);
  GString *key = g_string_new (NULL);

  for (guint i = 0; versions != NULL && i < versions->len; i++)
    {
      const KdccVersionData *v = g_ptr_array_index ((GPtrArray *) versions, i);

      g_string_append_printf (key, "%s|%s|%lld;", v->daemon_type, v->version,
                              (long long) v->count);
    }
  return g_string_free (key, FALSE);
}

static void fetch_named (KdccVersionsPanel *self);

static void
update (KdccVersionsPanel *self)
{
  KdccCluster *cluster = kdcc_panel_get_cluster (KDCC_PANEL (self));
  g_autoptr(KdccVersionSurvey) survey = NULL;
  GPtrArray *named = NULL;

  if (cluster == NULL)
    return;

  /* The survey takes the named daemons; the page keeps its own until the
   * versions move, then reads them again. */
  if (self->named != NULL)
    {
      named = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_daemon_version_free);
      for (guint i = 0; i < self->named->len; i++)
        {
          KdccDaemonVersion *d = g_ptr_array_index (self->named, i);
          KdccDaemonVersion *copy = g_new0 (KdccDaemonVersion, 1);

          *copy = *d;
          copy->type = g_strdup (d->type);
          copy->name = g_strdup (d->name);
          copy->version = g_strdup (d->version);
          g_ptr_array_add (named, copy);
        }
    }
  survey = kdcc_version_survey_new (kdcc_cluster_get_versions (cluster), named);
  show_daemons (self, survey);
  show_release (self, survey);
  show_modules (self);
  kdcc_versions_exporters_update_module (self->exporters_group, cluster);
  kdcc_upgrade_auto_group_set_fsid (self->auto_group, kdcc_cluster_get_fsid (cluster));
  g_signal_emit (self, signals[SIGNAL_UPDATED], 0);
}

static void
named_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(KdccVersionsPanel) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *named;

  named = kdcc_daemon_versions_fetch_named_finish (KDCC_SOURCE (object), result, &error);
  if (named == NULL)
    return;
  g_clear_pointer (&self->named, g_ptr_array_unref);
  self->named = named;
  update (self);
}

static void
fetch_named (KdccVersionsPanel *self)
{
  KdccSession *session = kdcc_panel_get_session (KDCC_PANEL (self));

  g_clear_pointer (&self->named, g_ptr_array_unref);
  if (session == NULL || !kdcc_session_has_capabilities (session, KDCC_CAPABILITY_MON_COMMANDS))
    return;
  kdcc_daemon_versions_fetch_named_async (kdcc_session_get_source (session), self->cancellable,
                                          named_cb, g_object_ref (self));
}

static void
cluster_refreshed_cb (KdccCluster       *cluster,
                      KdccVersionsPanel *self)
{
  g_autofree char *key = dup_versions_key (cluster);

  if (g_strcmp0 (key, self->versions_key) != 0)
    {
      g_free (self->versions_key);
      self->versions_key = g_steal_pointer (&key);
      fetch_named (self);
    }
  update (self);
}

static void
catalog_refreshed_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(KdccVersionsPanel) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!kdcc_release_catalog_refresh_finish (KDCC_RELEASE_CATALOG (object), result, &error))
    return;
  update (self);
}

static void
kdcc_versions_panel_session_changed (KdccPanel   *panel,
                                     KdccSession *old_session)
{
  KdccVersionsPanel *self = KDCC_VERSIONS_PANEL (panel);
  KdccCluster *cluster = kdcc_panel_get_cluster (panel);
  g_autofree char *endpoint = kdcc_release_catalog_dup_endpoint_from_settings ();
  g_autoptr(KdccVersionSurvey) survey = NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_pointer (&self->versions_key, g_free);
  g_clear_object (&self->catalog);
  self->catalog = kdcc_release_catalog_new ();
  self->service_asked = FALSE;
  kdcc_versions_exporters_set_session (self->exporters_group, kdcc_panel_get_session (panel));
  if (cluster == NULL)
    {
      kdcc_upgrade_auto_group_set_fsid (self->auto_group, NULL);
      return;
    }

  cluster_refreshed_cb (cluster, self);
  /* The version service only when the user turned it on; the shipped
   * catalog answers at once meanwhile. */
  if (endpoint != NULL && kdcc_panel_get_session (panel) != NULL)
    {
      survey = kdcc_version_survey_new (kdcc_cluster_get_versions (cluster), NULL);
      self->service_asked = TRUE;
      kdcc_release_catalog_refresh_async (self->catalog, endpoint, survey->newest,
                                          self->cancellable, catalog_refreshed_cb,
                                          g_object_ref (self));
      update (self);
    }
}

static void
kdcc_versions_panel_cluster_changed (KdccPanel   *panel,
                                     KdccCluster *old_cluster)
{
  KdccVersionsPanel *self = KDCC_VERSIONS_PANEL (panel);
  KdccCluster *cluster = kdcc_panel_get_cluster (panel);

  if (old_cluster != NULL)
    {
      g_signal_handlers_disconnect_by_data (old_cluster, self);
      g_signal_handlers_disconnect_by_data (kdcc_cluster_get_mgr_modules (old_cluster), self);
    }
  if (cluster == NULL)
    return;
  g_signal_connect_object (cluster, "refreshed", G_CALLBACK (cluster_refreshed_cb), self, 0);
  g_signal_connect_object (kdcc_cluster_get_mgr_modules (cluster), "items-changed",
                           G_CALLBACK (show_modules), self, G_CONNECT_SWAPPED);
  cluster_refreshed_cb (cluster, self);
}

/* Public ---------------------------------------------------------------------- */

const char *
kdcc_versions_panel_get_row_text (KdccVersionsPanel *self,
                                  const char        *row)
{
  struct { const char *name; AdwActionRow *row; } rows[] = {
    { "running", self->running_row }, { "verdict", self->verdict_row },
    { "eol", self->eol_row }, { "targets", self->targets_row },
    { "catalog", self->catalog_row }, { "service", self->service_row },
    { "mixed", self->mixed_row },
  };

  g_return_val_if_fail (KDCC_IS_VERSIONS_PANEL (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (g_strcmp0 (rows[i].name, row) == 0)
      return adw_action_row_get_subtitle (rows[i].row);
  return kdcc_versions_exporters_get_row_text (self->exporters_group, row);
}

char *
kdcc_versions_panel_dup_daemons_text (KdccVersionsPanel *self)
{
  g_return_val_if_fail (KDCC_IS_VERSIONS_PANEL (self), NULL);

  return g_strdup (self->daemons_text->str);
}

char *
kdcc_versions_panel_dup_modules_text (KdccVersionsPanel *self)
{
  g_return_val_if_fail (KDCC_IS_VERSIONS_PANEL (self), NULL);

  return g_strdup (self->modules_text->str);
}

/* GObject --------------------------------------------------------------------- */

static void
kdcc_versions_panel_dispose (GObject *object)
{
  KdccVersionsPanel *self = KDCC_VERSIONS_PANEL (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), KDCC_TYPE_VERSIONS_PANEL);

  G_OBJECT_CLASS (kdcc_versions_panel_parent_class)->dispose (object);
}

static void
kdcc_versions_panel_finalize (GObject *object)
{
  KdccVersionsPanel *self = KDCC_VERSIONS_PANEL (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->catalog);
  g_clear_pointer (&self->named, g_ptr_array_unref);
  g_clear_pointer (&self->versions_key, g_free);
  g_clear_pointer (&self->upgrade_target, g_free);
  g_string_free (self->daemons_text, TRUE);
  g_string_free (self->modules_text, TRUE);

  G_OBJECT_CLASS (kdcc_versions_panel_parent_class)->finalize (object);
}

static void
kdcc_versions_panel_class_init (KdccVersionsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KdccPanelClass *panel_class = KDCC_PANEL_CLASS (klass);

  object_class->dispose = kdcc_versions_panel_dispose;
  object_class->finalize = kdcc_versions_panel_finalize;
  panel_class->cluster_changed = kdcc_versions_panel_cluster_changed;
  panel_class->session_changed = kdcc_versions_panel_session_changed;

  signals[SIGNAL_UPDATED] =
    g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  g_type_ensure (KDCC_TYPE_VERSIONS_EXPORTERS);
  g_type_ensure (KDCC_TYPE_UPGRADE_AUTO_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/kdcc-versions-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, KdccVersionsPanel, running_row);
  gtk_widget_class_bind_template_child (widget_class, KdccVersionsPanel, verdict_row);
  gtk_widget_class_bind_template_child (widget_class, KdccVersionsPanel, verdict_icon);
  gtk_widget_class_bind_template_child (widget_class, KdccVersionsPanel, eol_row);
  gtk_widget_class_bind_template_child (widget_class, KdccVersionsPanel, targets_row);
  gtk_widget_class_bind_template_child (widget_class, KdccVersionsPanel, catalog_row);
  gtk_widget_class_bind_template_child (widget_class, KdccVersionsPanel, service_row);
  gtk_widget_class_bind_template_child (widget_class, KdccVersionsPanel, mixed_row);
  gtk_widget_class_bind_template_child (widget_class, KdccVersionsPanel, daemons_list);
  gtk_widget_class_bind_template_child (widget_class, KdccVersionsPanel, modules_list);
  gtk_widget_class_bind_template_child (widget_class, KdccVersionsPanel, exporters_group);
  gtk_widget_class_bind_template_child (widget_class, KdccVersionsPanel, auto_group);
}

static void
upgrade_clicked_cb (KdccVersionsPanel *self)
{
  KdccSession *session = kdcc_panel_get_session (KDCC_PANEL (self));
  g_autofree char *title = NULL;

  if (session == NULL || self->upgrade_target == NULL)
    return;
  /* TRANSLATORS: "Upgrade to Reef" */
  title = g_strdup_printf (_("Upgrade to %c%s"), g_ascii_toupper (self->upgrade_target[0]),
                           self->upgrade_target + 1);
  /* A Rook cluster is upgraded through the Kubernetes API, not daemon by daemon. */
  if (KDCC_IS_KUBE_SOURCE (kdcc_session_get_source (session)))
    {
      g_autofree char *ns = NULL;
      g_autoptr(KdccKubeClient) client =
        kdcc_kube_source_open_client (KDCC_KUBE_SOURCE (kdcc_session_get_source (session)), &ns,
                                      NULL);

      if (client != NULL)
        {
          kdcc_panel_push_subpage (KDCC_PANEL (self),
                                   kdcc_rook_upgrade_view_new (client, ns, self->upgrade_target,
                                                               NULL), title);
          return;
        }
    }
  kdcc_panel_push_subpage (KDCC_PANEL (self), kdcc_upgrade_page_new (session, self->upgrade_target),
                           title);
}

static void
kdcc_versions_panel_init (KdccVersionsPanel *self)
{
  self->daemons_text = g_string_new (NULL);
  self->modules_text = g_string_new (NULL);
  self->cancellable = g_cancellable_new ();
  self->catalog = kdcc_release_catalog_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  self->upgrade_button = gtk_button_new_with_mnemonic (_("_Plan Upgrade…"));
  gtk_widget_set_valign (self->upgrade_button, GTK_ALIGN_CENTER);
  gtk_widget_set_sensitive (self->upgrade_button, FALSE);
  g_signal_connect_swapped (self->upgrade_button, "clicked", G_CALLBACK (upgrade_clicked_cb), self);
  adw_action_row_add_suffix (self->targets_row, self->upgrade_button);
}

GtkWidget *
kdcc_versions_panel_new (void)
{
  return g_object_new (KDCC_TYPE_VERSIONS_PANEL, NULL);
}
