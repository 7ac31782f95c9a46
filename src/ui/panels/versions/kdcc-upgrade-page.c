/* kdcc-upgrade-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The upgrade assistant's page. Everything it shows comes from core: the
 * planner and the preflight (pure), the facts they need (daemon names and
 * `osd dump`, read on workers), and KdccUpgradeRun with its saved state,
 * the same the CLI drives, so a roll started in a terminal shows here too.
 */
#define G_LOG_DOMAIN "kdcc-upgrade-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdcc-audit-log.h"
#include "kdcc-daemon-versions.h"
#include "kdcc-health-check.h"
#include "kdcc-release-catalog.h"
#include "kdcc-upgrade-page-private.h"
#include "kdcc-upgrade-plan.h"
#include "kdcc-upgrade-preflight.h"
#include "kdcc-upgrade-run.h"


G_DEFINE_FINAL_TYPE (KdccUpgradePage, kdcc_upgrade_page, ADW_TYPE_BIN)

enum { PROP_0, PROP_LOADED, N_PROPS };
enum { SIGNAL_CHANGED, N_SIGNALS };

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];


/* Rows ------------------------------------------------------------------------------ */

static void
clear_rows (AdwPreferencesGroup *group,
            GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static GtkWidget *
add_row (AdwPreferencesGroup *group,
         GPtrArray           *rows,
         const char          *title,
         const char          *subtitle,
         const char          *icon_name,
         const char          *css_class)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (icon_name != NULL)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);

      if (css_class != NULL)
        gtk_widget_add_css_class (icon, css_class);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
    }
  adw_preferences_group_add (group, row);
  g_ptr_array_add (rows, row);
  return row;
}

gboolean
_kdcc_upgrade_page_in_progress (const KdccUpgradeState *state)
{
  return state != NULL && state->state != KDCC_UPGRADE_RUN_DONE
         && state->state != KDCC_UPGRADE_RUN_ABORTED;
}

KdccUpgradeState *
_kdcc_upgrade_page_current_state (KdccUpgradePage *self)
{
  if (self->run != NULL)
    return kdcc_upgrade_run_dup_state (self->run);
  if (self->saved != NULL)
    return kdcc_upgrade_state_copy (self->saved);
  return NULL;
}

void
_kdcc_upgrade_page_show_steps (KdccUpgradePage        *self,
                               const KdccUpgradeState *state)
{
  g_autoptr(GString) key = g_string_new (NULL);

  if (state != NULL)
    for (guint i = 0; i < state->steps->len; i++)
      g_string_append_c (key, '0' + ((KdccUpgradeStepRecord *) state->steps->pdata[i])->state);
  else if (self->plan != NULL)
    g_string_append_printf (key, "plan %u %d %s", self->plan->steps->len,
                            gtk_switch_get_active (self->noautoscale_switch),
                            gtk_editable_get_text (GTK_EDITABLE (self->template_row)));
  else
    g_string_append (key, self->plan_error != NULL ? self->plan_error : "");
  if (g_strcmp0 (key->str, self->steps_key) == 0)
    return;
  g_free (self->steps_key);
  self->steps_key = g_strdup (key->str);

  clear_rows (self->plan_group, self->plan_rows);
  if (state != NULL)
    {
      for (guint i = 0; i < state->steps->len; i++)
        {
          const KdccUpgradeStepRecord *r = g_ptr_array_index (state->steps, i);
          const KdccUpgradeStep *s = r->step;
          g_autofree char *subtitle = r->note != NULL
                                      ? g_strdup_printf ("%s — %s",
                                                         s->restart_command ? s->restart_command
                                                                            : s->command, r->note)
                                      : g_strdup (s->restart_command ? s->restart_command : s->command);

          add_row (self->plan_group, self->plan_rows, s->description, subtitle,
                   r->state == KDCC_UPGRADE_STEP_DONE ? "emblem-ok-symbolic"
                   : r->state == KDCC_UPGRADE_STEP_ACTIVE ? "media-playback-start-symbolic"
                   : "content-loading-symbolic",
                   r->state == KDCC_UPGRADE_STEP_DONE ? "success" : NULL);
        }
      return;
    }
  if (self->plan == NULL)
    {
      add_row (self->plan_group, self->plan_rows, _("This upgrade is refused"),
               self->plan_error, "dialog-error-symbolic", "error");
      return;
    }
  for (guint i = 0; i < self->plan->steps->len; i++)
    {
      const KdccUpgradeStep *s = g_ptr_array_index (self->plan->steps, i);

      add_row (self->plan_group, self->plan_rows, s->description,
               s->restart_command != NULL ? s->restart_command : s->command, NULL, NULL);
    }
}

static void
show_preflight (KdccUpgradePage *self)
{
  clear_rows (self->preflight_group, self->preflight_rows);
  for (guint i = 0; self->checks != NULL && i < self->checks->len; i++)
    {
      const KdccPreflightCheck *c = g_ptr_array_index (self->checks, i);

      add_row (self->preflight_group, self->preflight_rows, c->title, c->reason,
               c->result == KDCC_PREFLIGHT_PASS ? "emblem-ok-symbolic"
               : c->result == KDCC_PREFLIGHT_WARN ? "dialog-warning-symbolic"
               : "dialog-error-symbolic",
               c->result == KDCC_PREFLIGHT_PASS ? "success"
               : c->result == KDCC_PREFLIGHT_WARN ? "warning" : "error");
    }
}

/* Plan and preflight -------------------------------------------------------------- */

void
_kdcc_upgrade_page_compute (KdccUpgradePage *self)
{
  KdccCluster *cluster = kdcc_session_get_cluster (self->session);
  const char *template_ = gtk_editable_get_text (GTK_EDITABLE (self->template_row));
  g_autoptr(GError) error = NULL;
  g_autoptr(KdccUpgradeState) state = NULL;
  KdccPreflightInput input = { 0 };

  if (self->survey == NULL)
    return;
  g_clear_pointer (&self->plan, kdcc_upgrade_plan_free);
  g_clear_pointer (&self->plan_error, g_free);
  if (self->orch != NULL && self->orch->can_upgrade)
    self->plan = kdcc_upgrade_plan_new_orch (self->catalog, cluster, self->survey, self->target,
                                             NULL, &error);
  else
    self->plan = kdcc_upgrade_plan_new (self->catalog, cluster, self->survey, self->target,
                                        *template_ != '\0' ? template_ : NULL, &error);
  if (self->orch != NULL)
    {
      g_autofree char *text = kdcc_orch_status_describe (self->orch);

      adw_preferences_group_set_description (self->plan_group, text);
    }
  if (self->plan == NULL)
    self->plan_error = g_strdup (error->message);
  else if (gtk_switch_get_active (self->noautoscale_switch))
    kdcc_upgrade_plan_add_noautoscale (self->plan);

  g_ptr_array_add (self->accepted, NULL);
  input.accepted_warnings = (const char * const *) self->accepted->pdata;
  input.require_osd_release = self->require_osd_release;
  input.nearfull_ratio = self->nearfull_ratio;
  input.crush = self->crush;
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  self->checks = kdcc_upgrade_preflight_run (cluster, self->survey, self->catalog, &input);
  g_ptr_array_remove_index (self->accepted, self->accepted->len - 1);

  state = _kdcc_upgrade_page_current_state (self);
  _kdcc_upgrade_page_show_steps (self, _kdcc_upgrade_page_in_progress (state) ? state : NULL);
  show_preflight (self);
  _kdcc_upgrade_page_refresh (self);
}

static void
accept_toggled_cb (GtkSwitch       *toggle,
                   GParamSpec      *pspec,
                   KdccUpgradePage *self)
{
  const char *code = g_object_get_data (G_OBJECT (toggle), "code");
  guint index;

  if (gtk_switch_get_active (toggle))
    {
      if (!g_ptr_array_find_with_equal_func (self->accepted, code, g_str_equal, NULL))
        g_ptr_array_add (self->accepted, g_strdup (code));
    }
  else if (g_ptr_array_find_with_equal_func (self->accepted, code, g_str_equal, &index))
    g_ptr_array_remove_index (self->accepted, index);
  _kdcc_upgrade_page_compute (self);
}

/* One switch per health warning: the preflight fails on a warning until
 * the admin accepts it, one by one. */
static void
show_accept_rows (KdccUpgradePage *self)
{
  GListModel *checks = kdcc_cluster_get_health_checks (kdcc_session_get_cluster (self->session));

  clear_rows (self->accept_group, self->accept_rows);
  for (guint i = 0; i < g_list_model_get_n_items (checks); i++)
    {
      g_autoptr(KdccHealthCheck) check = g_list_model_get_item (checks, i);
      const char *code = kdcc_health_check_get_code (check);
      GtkWidget *row, *toggle;

      if (kdcc_health_check_get_severity (check) != KDCC_HEALTH_WARN)
        continue;
      row = add_row (self->accept_group, self->accept_rows, code,
                     kdcc_health_check_get_summary (check), NULL, NULL);
      toggle = gtk_switch_new ();
      gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
      g_object_set_data_full (G_OBJECT (toggle), "code", g_strdup (code), g_free);
      gtk_switch_set_active (GTK_SWITCH (toggle),
                             g_ptr_array_find_with_equal_func (self->accepted, code, g_str_equal,
                                                               NULL));
      g_signal_connect (toggle, "notify::active", G_CALLBACK (accept_toggled_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
    }
  _kdcc_upgrade_page_refresh (self);
}

static void
load_saved (KdccUpgradePage *self)
{
  const char *fsid = kdcc_cluster_get_fsid (kdcc_session_get_cluster (self->session));
  g_autofree char *path = fsid != NULL ? kdcc_upgrade_state_path (fsid) : NULL;
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->saved, kdcc_upgrade_state_free);
  if (path != NULL)
    self->saved = kdcc_upgrade_state_load (path, &error);
  if (error != NULL)
    g_warning ("%s", error->message);
  if (self->saved != NULL && !_kdcc_upgrade_page_in_progress (self->saved))
    g_clear_pointer (&self->saved, kdcc_upgrade_state_free);
}

static void
osd_dump_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  KdccUpgradePage *self = task_data;
  g_autoptr(GError) error = NULL;
  char *require = NULL;
  double nearfull = 0;

  if (!kdcc_upgrade_read_osd_dump (source_object, &require, &nearfull, cancellable, &error))
    g_debug ("osd dump: %s", error->message);
  g_clear_error (&error);
  /* Handed to the main thread by osd_dump_cb, which runs after this. */
  self->crush_read = kdcc_crush_layout_read (source_object, cancellable, &error);
  if (self->crush_read == NULL)
    g_debug ("CRUSH layout: %s", error->message);
  self->nearfull_ratio = nearfull;
  /* cephadm upgrades the cluster itself when it is the orchestrator. */
  g_clear_pointer (&self->orch, kdcc_orch_status_free);
  g_clear_error (&error);
  if (kdcc_session_has_capabilities (self->session, KDCC_CAPABILITY_MGR_COMMANDS))
    self->orch = kdcc_orch_detect_sync (source_object, cancellable, &error);
  if (error != NULL)
    g_debug ("orch status: %s", error->message);
  g_task_return_pointer (task, require, g_free);
}

static void
osd_dump_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(KdccUpgradePage) self = user_data;
  char *require = g_task_propagate_pointer (G_TASK (result), NULL);

  if (g_task_had_error (G_TASK (result)) || g_cancellable_is_cancelled (self->cancellable))
    {
      g_free (require);
      return;
    }
  g_free (self->require_osd_release);
  self->require_osd_release = require;
  g_clear_pointer (&self->crush, kdcc_crush_layout_free);
  self->crush = g_steal_pointer (&self->crush_read);
  load_saved (self);
  if (self->saved != NULL)
    _kdcc_upgrade_page_follow (self);
  show_accept_rows (self);
  _kdcc_upgrade_page_compute (self);
  self->loaded = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
}

static void
named_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(KdccUpgradePage) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *named = kdcc_daemon_versions_fetch_named_finish (KDCC_SOURCE (object), result, &error);
  g_autoptr(GTask) task = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_pointer (&self->survey, kdcc_version_survey_free);
  self->survey = kdcc_version_survey_new (
    kdcc_cluster_get_versions (kdcc_session_get_cluster (self->session)), named);
  task = g_task_new (object, self->cancellable, osd_dump_cb, g_object_ref (self));
  g_task_set_source_tag (task, named_cb);
  g_task_set_task_data (task, self, NULL);
  g_task_run_in_thread (task, osd_dump_thread);
}

static void
load (KdccUpgradePage *self)
{
  kdcc_daemon_versions_fetch_named_async (kdcc_session_get_source (self->session),
                                          self->cancellable, named_cb, g_object_ref (self));
}

static void
template_changed_cb (KdccUpgradePage *self)
{
  if (self->loaded && self->run == NULL)
    _kdcc_upgrade_page_compute (self);
}

void
_kdcc_upgrade_page_emit_changed (KdccUpgradePage *self)
{
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

/* Object ---------------------------------------------------------------------------- */

static void
kdcc_upgrade_page_dispose (GObject *object)
{
  KdccUpgradePage *self = KDCC_UPGRADE_PAGE (object);

  /* A roll in progress stops like a pause; its state says where. */
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->run != NULL)
    g_signal_handlers_disconnect_by_data (self->run, self);
  G_OBJECT_CLASS (kdcc_upgrade_page_parent_class)->dispose (object);
}

static void
kdcc_upgrade_page_finalize (GObject *object)
{
  KdccUpgradePage *self = KDCC_UPGRADE_PAGE (object);

  g_clear_object (&self->session);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->catalog);
  g_clear_object (&self->run);
  g_clear_pointer (&self->survey, kdcc_version_survey_free);
  g_clear_pointer (&self->plan, kdcc_upgrade_plan_free);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_pointer (&self->crush, kdcc_crush_layout_free);
  g_clear_pointer (&self->crush_read, kdcc_crush_layout_free);
  g_clear_pointer (&self->saved, kdcc_upgrade_state_free);
  g_clear_pointer (&self->orch, kdcc_orch_status_free);
  g_clear_pointer (&self->accepted, g_ptr_array_unref);
  g_clear_pointer (&self->plan_rows, g_ptr_array_unref);
  g_clear_pointer (&self->preflight_rows, g_ptr_array_unref);
  g_clear_pointer (&self->accept_rows, g_ptr_array_unref);
  g_free (self->target);
  g_free (self->require_osd_release);
  g_free (self->plan_error);
  g_free (self->steps_key);
  G_OBJECT_CLASS (kdcc_upgrade_page_parent_class)->finalize (object);
}

static void
kdcc_upgrade_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_LOADED:
      g_value_set_boolean (value, KDCC_UPGRADE_PAGE (object)->loaded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_upgrade_page_class_init (KdccUpgradePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kdcc_upgrade_page_dispose;
  object_class->finalize = kdcc_upgrade_page_finalize;
  object_class->get_property = kdcc_upgrade_page_get_property;
  properties[PROP_LOADED] = g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                                                  G_PARAM_READABLE | G_PARAM_STATIC_STRINGS
                                                  | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);
}

static GtkWidget *
button_new (KdccUpgradePage *self,
            const char      *label,
            GCallback        callback)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  g_signal_connect_swapped (button, "clicked", callback, self);
  return button;
}

static AdwPreferencesGroup *
group_new (GtkWidget  *page,
           const char *title,
           const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  return ADW_PREFERENCES_GROUP (group);
}

static void
kdcc_upgrade_page_init (KdccUpgradePage *self)
{
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  self->cancellable = g_cancellable_new ();
  self->catalog = kdcc_release_catalog_new ();
  self->accepted = g_ptr_array_new_with_free_func (g_free);
  self->plan_rows = g_ptr_array_new ();
  self->preflight_rows = g_ptr_array_new ();
  self->accept_rows = g_ptr_array_new ();
  self->stall_after = 60;
  adw_bin_set_child (ADW_BIN (self), page);

  self->run_group = group_new (page, _("Run"), _("One daemon at a time: each waits for its "
                                                 "gates, restarts, and must be back on the new "
                                                 "release before the next."));
  self->start_button = button_new (self, _("_Start"),
                                  G_CALLBACK (_kdcc_upgrade_page_start_clicked_cb));
  gtk_widget_add_css_class (self->start_button, "suggested-action");
  self->pause_button = button_new (self, _("_Pause"),
                                  G_CALLBACK (_kdcc_upgrade_page_pause_clicked_cb));
  self->resume_button = button_new (self, _("_Resume"),
                                   G_CALLBACK (_kdcc_upgrade_page_resume_clicked_cb));
  self->abort_button = button_new (self, _("A_bort"),
                                  G_CALLBACK (_kdcc_upgrade_page_abort_clicked_cb));
  gtk_widget_add_css_class (self->abort_button, "destructive-action");
  gtk_widget_set_valign (buttons, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (buttons), self->start_button);
  gtk_box_append (GTK_BOX (buttons), self->pause_button);
  gtk_box_append (GTK_BOX (buttons), self->resume_button);
  gtk_box_append (GTK_BOX (buttons), self->abort_button);
  adw_preferences_group_set_header_suffix (self->run_group, buttons);

  self->template_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->template_row),
                                 _("Restart command ({type}, {id}, {host}); empty: you restart "
                                   "each daemon"));
  g_signal_connect_swapped (self->template_row, "changed", G_CALLBACK (template_changed_cb), self);
  adw_preferences_group_add (self->run_group, GTK_WIDGET (self->template_row));

  {
    GtkWidget *row = adw_action_row_new ();

    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                   _("Pause the PG autoscaler during the upgrade"));
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                 _("ceph osd pool set noautoscale before the first daemon, unset "
                                   "at the end; each pool’s autoscale mode is put back"));
    self->noautoscale_switch = GTK_SWITCH (gtk_switch_new ());
    gtk_widget_set_valign (GTK_WIDGET (self->noautoscale_switch), GTK_ALIGN_CENTER);
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (self->noautoscale_switch));
    adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row),
                                           GTK_WIDGET (self->noautoscale_switch));
    g_signal_connect_swapped (self->noautoscale_switch, "notify::active",
                              G_CALLBACK (template_changed_cb), self);
    adw_preferences_group_add (self->run_group, row);
  }

  self->state_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->state_row), _("State"));
  adw_action_row_set_subtitle (self->state_row, _("Reading the cluster…"));
  adw_preferences_group_add (self->run_group, GTK_WIDGET (self->state_row));

  self->wait_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->wait_row), FALSE);
  self->wait_icon = GTK_IMAGE (gtk_image_new_from_icon_name ("content-loading-symbolic"));
  gtk_widget_add_css_class (GTK_WIDGET (self->wait_icon), "warning");
  adw_action_row_add_prefix (self->wait_row, GTK_WIDGET (self->wait_icon));
  gtk_widget_set_visible (GTK_WIDGET (self->wait_row), FALSE);
  adw_preferences_group_add (self->run_group, GTK_WIDGET (self->wait_row));

  self->preflight_group = group_new (page, _("Preflight"), NULL);
  {
    GtkWidget *again = gtk_button_new_with_mnemonic (_("_Check Again"));

    gtk_widget_add_css_class (again, "flat");
    g_signal_connect_swapped (again, "clicked", G_CALLBACK (kdcc_upgrade_page_reload), self);
    adw_preferences_group_set_header_suffix (self->preflight_group, again);
  }
  self->accept_group = group_new (page, _("Health Warnings"),
                                  _("The preflight fails on a warning until you accept it."));
  self->plan_group = group_new (page, _("Plan"), NULL);
  _kdcc_upgrade_page_refresh (self);
}

GtkWidget *
kdcc_upgrade_page_new (KdccSession *session,
                       const char  *target_release)
{
  KdccUpgradePage *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (KDCC_IS_SESSION (session), NULL);
  g_return_val_if_fail (target_release != NULL, NULL);

  self = g_object_new (KDCC_TYPE_UPGRADE_PAGE, NULL);
  self->session = g_object_ref (session);
  self->target = g_strdup (target_release);
  /* TRANSLATORS: "Steps to Reef" */
  title = g_strdup_printf (_("Steps to %c%s"), g_ascii_toupper (target_release[0]),
                           target_release + 1);
  adw_preferences_group_set_title (self->plan_group, title);
  load (self);
  return GTK_WIDGET (self);
}

gboolean
kdcc_upgrade_page_get_loaded (KdccUpgradePage *self)
{
  g_return_val_if_fail (KDCC_IS_UPGRADE_PAGE (self), FALSE);
  return self->loaded;
}

KdccUpgradeState *
kdcc_upgrade_page_dup_state (KdccUpgradePage *self)
{
  g_return_val_if_fail (KDCC_IS_UPGRADE_PAGE (self), NULL);
  return _kdcc_upgrade_page_current_state (self);
}

void
kdcc_upgrade_page_set_restart_command (KdccUpgradePage *self,
                                       const char      *template_)
{
  g_return_if_fail (KDCC_IS_UPGRADE_PAGE (self));
  gtk_editable_set_text (GTK_EDITABLE (self->template_row), template_ != NULL ? template_ : "");
}

void
kdcc_upgrade_page_set_noautoscale (KdccUpgradePage *self,
                                   gboolean         noautoscale)
{
  g_return_if_fail (KDCC_IS_UPGRADE_PAGE (self));
  gtk_switch_set_active (self->noautoscale_switch, noautoscale);
}

void
kdcc_upgrade_page_accept_warning (KdccUpgradePage *self,
                                  const char      *code)
{
  g_return_if_fail (KDCC_IS_UPGRADE_PAGE (self));

  for (guint i = 0; i < self->accept_rows->len; i++)
    {
      AdwPreferencesRow *row = g_ptr_array_index (self->accept_rows, i);
      GtkWidget *toggle = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row));

      if (g_strcmp0 (adw_preferences_row_get_title (row), code) == 0)
        gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
    }
}

void
kdcc_upgrade_page_set_stall_after (KdccUpgradePage *self,
                                   guint            seconds)
{
  g_return_if_fail (KDCC_IS_UPGRADE_PAGE (self));
  self->stall_after = MAX (seconds, 1);
}

void
kdcc_upgrade_page_reload (KdccUpgradePage *self)
{
  g_return_if_fail (KDCC_IS_UPGRADE_PAGE (self));

  if (self->loaded)
    {
      self->loaded = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
    }
  load (self);
}

