/* kdcc-rook-upgrade-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-upgrade"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdcc-rook-upgrade-view.h"
#include "kdcc-upgrade-rook.h"

struct _KdccRookUpgradeView
{
  AdwBin               parent_instance;

  KdccKubeClient      *client;
  char                *namespace;
  char                *target_release;
  char                *rook_version;
  KdccUpgradeTiming    timing;
  GCancellable        *cancellable;
  guint                timer_id;
  gboolean             reading;
  gboolean             loaded;
  gboolean             running;

  KdccRookFacts       *facts;
  KdccUpgradePlan     *plan;
  char                *plan_error;
  GPtrArray           *checks;
  KdccUpgradeState    *state;

  AdwPreferencesGroup *plan_group;
  AdwPreferencesGroup *preflight_group;
  AdwPreferencesGroup *daemons_group;
  GPtrArray           *rows;        /* the rows rebuilt after every read */
  AdwActionRow        *state_row;
  AdwActionRow        *wait_row;
  GtkWidget           *start_button;
  GtkWidget           *pause_button;
  GtkWidget           *abort_button;
};

G_DEFINE_FINAL_TYPE (KdccRookUpgradeView, kdcc_rook_upgrade_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_LOADED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void read_again (KdccRookUpgradeView *self);

/* What one read in a worker thread found. */
typedef struct
{
  KdccRookFacts    *facts;
  KdccUpgradePlan  *plan;
  char             *plan_error;
  GPtrArray        *checks;
  KdccUpgradeState *state;
  char             *error;
} Read;

static void
read_free (Read *r)
{
  g_clear_pointer (&r->facts, kdcc_rook_facts_free);
  g_clear_pointer (&r->plan, kdcc_upgrade_plan_free);
  g_free (r->plan_error);
  g_clear_pointer (&r->checks, g_ptr_array_unref);
  g_clear_pointer (&r->state, kdcc_upgrade_state_free);
  g_free (r->error);
  g_free (r);
}

static gboolean
in_progress (const KdccUpgradeState *state)
{
  return state != NULL && state->state != KDCC_UPGRADE_RUN_DONE
         && state->state != KDCC_UPGRADE_RUN_ABORTED;
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  KdccRookUpgradeView *self = source_object;
  Read *r = g_new0 (Read, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(KdccReleaseCatalog) catalog = NULL;
  g_autofree char *path = NULL;

  r->facts = kdcc_rook_facts_read (self->client, self->namespace, cancellable, &error);
  if (r->facts == NULL)
    {
      r->error = g_strdup (error->message);
      g_task_return_pointer (task, r, (GDestroyNotify) read_free);
      return;
    }
  path = kdcc_upgrade_state_path (r->facts->state_id);
  r->state = kdcc_upgrade_state_load (path, NULL);
  catalog = kdcc_release_catalog_new ();
  if (!in_progress (r->state))
    {
      r->plan = kdcc_rook_upgrade_plan_new (catalog, r->facts, self->target_release,
                                            self->rook_version, &error);
      if (r->plan == NULL)
        r->plan_error = g_strdup (error->message);
    }
  r->checks = kdcc_rook_upgrade_preflight (r->facts, NULL, in_progress (r->state));
  g_task_return_pointer (task, r, (GDestroyNotify) read_free);
}

static GtkWidget *
add_row (KdccRookUpgradeView *self,
         AdwPreferencesGroup *group,
         const char          *title,
         const char          *subtitle,
         const char          *icon)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (icon != NULL)
    adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name (icon));
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, row);
  return row;
}

static void
clear_rows (KdccRookUpgradeView *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->rows, 0);
}

static void
show_steps (KdccRookUpgradeView *self)
{
  static const char *icons[] = { "content-loading-symbolic", "media-playback-start-symbolic",
                                 "object-select-symbolic" };

  if (in_progress (self->state) || (self->plan == NULL && self->state != NULL))
    {
      for (guint i = 0; i < self->state->steps->len; i++)
        {
          KdccUpgradeStepRecord *r = g_ptr_array_index (self->state->steps, i);
          g_autofree char *sub = r->note != NULL ? g_strdup_printf ("%s\n%s", r->step->command,
                                                                    r->note)
                                                 : g_strdup (r->step->command);

          add_row (self, self->plan_group, r->step->description, sub, icons[r->state]);
        }
      return;
    }
  if (self->plan == NULL)
    {
      add_row (self, self->plan_group, _("No plan"), self->plan_error, "dialog-error-symbolic");
      return;
    }
  {
    g_autofree char *path = kdcc_upgrade_path_to_string (self->plan->path);
    g_autofree char *desc = g_strdup_printf (_("Ceph %s under Rook %s → Ceph %s (%s)"),
                                             self->plan->running,
                                             self->facts->cluster->operator_version,
                                             self->plan->target_version, path);

    adw_preferences_group_set_description (self->plan_group, desc);
  }
  for (guint i = 0; i < self->plan->steps->len; i++)
    {
      KdccUpgradeStep *s = g_ptr_array_index (self->plan->steps, i);

      add_row (self, self->plan_group, s->description, s->command, NULL);
    }
}

static void
show_checks (KdccRookUpgradeView *self)
{
  for (guint i = 0; self->checks != NULL && i < self->checks->len; i++)
    {
      KdccPreflightCheck *c = g_ptr_array_index (self->checks, i);

      add_row (self, self->preflight_group, c->title, c->reason,
               c->result == KDCC_PREFLIGHT_PASS ? "emblem-ok-symbolic"
               : c->result == KDCC_PREFLIGHT_WARN ? "dialog-warning-symbolic"
               : "dialog-error-symbolic");
    }
}

static void
show_daemons (KdccRookUpgradeView *self)
{
  for (guint i = 0; self->facts != NULL && i < self->facts->daemons->len; i++)
    {
      KdccRookDaemon *d = g_ptr_array_index (self->facts->daemons, i);
      g_autofree char *title = g_strdup_printf ("%s.%s", d->type, d->id);
      /* TRANSLATORS: "rook-ceph-osd-1 · rook-version v1.12.11 · ceph-version 18.2.8-0 · 0/1 ready" */
      g_autofree char *sub = g_strdup_printf (_("%s · rook-version %s · ceph-version %s · "
                                                "%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT
                                                " ready"),
                                              d->deployment, d->rook_version ? d->rook_version : "-",
                                              d->ceph_version ? d->ceph_version : "-",
                                              d->ready_replicas, d->replicas);

      add_row (self, self->daemons_group, title, sub,
               d->ready ? "emblem-ok-symbolic" : "content-loading-symbolic");
    }
}

static void
update_state_rows (KdccRookUpgradeView *self)
{
  g_autofree char *wait = kdcc_rook_upgrade_view_dup_wait_text (self);
  gboolean passed = self->checks != NULL && kdcc_upgrade_preflight_passed (self->checks);
  gboolean resumable = in_progress (self->state) && !self->running
                       && (self->state->state != KDCC_UPGRADE_RUN_RUNNING
                           || !kdcc_upgrade_state_driver_alive (self->state));
  gboolean active = self->running
                    || (self->state != NULL && self->state->state == KDCC_UPGRADE_RUN_RUNNING
                        && kdcc_upgrade_state_driver_alive (self->state));

  if (self->state == NULL)
    adw_action_row_set_subtitle (self->state_row, _("Not started"));
  else
    {
      g_autofree char *text = g_strdup_printf ("%s%s%s",
                                               kdcc_upgrade_run_state_to_string (self->state->state),
                                               self->state->message ? " — " : "",
                                               self->state->message ? self->state->message : "");

      adw_action_row_set_subtitle (self->state_row, text);
    }
  adw_action_row_set_subtitle (self->wait_row, wait != NULL ? wait : _("Nothing waits"));
  gtk_button_set_label (GTK_BUTTON (self->start_button), resumable ? _("_Resume") : _("_Start"));
  gtk_widget_set_sensitive (self->start_button,
                            self->loaded && !active
                            && (resumable || (self->plan != NULL && passed
                                              && !in_progress (self->state))));
  gtk_widget_set_sensitive (self->pause_button, active);
  gtk_widget_set_sensitive (self->abort_button, in_progress (self->state));
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  KdccRookUpgradeView *self = KDCC_ROOK_UPGRADE_VIEW (object);
  Read *r = g_task_propagate_pointer (G_TASK (result), NULL);

  self->reading = FALSE;
  if (r == NULL)
    return;   /* cancelled: the view is going away */
  clear_rows (self);
  if (r->error != NULL)
    add_row (self, self->plan_group, _("Cannot read the Rook cluster"), r->error,
             "dialog-error-symbolic");
  else
    {
      g_clear_pointer (&self->facts, kdcc_rook_facts_free);
      self->facts = g_steal_pointer (&r->facts);
      g_clear_pointer (&self->plan, kdcc_upgrade_plan_free);
      self->plan = g_steal_pointer (&r->plan);
      g_free (self->plan_error);
      self->plan_error = g_steal_pointer (&r->plan_error);
      g_clear_pointer (&self->checks, g_ptr_array_unref);
      self->checks = g_steal_pointer (&r->checks);
      g_clear_pointer (&self->state, kdcc_upgrade_state_free);
      self->state = g_steal_pointer (&r->state);
      show_steps (self);
      show_checks (self);
      show_daemons (self);
    }
  read_free (r);
  if (!self->loaded)
    {
      self->loaded = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
    }
  update_state_rows (self);
}

static void
read_again (KdccRookUpgradeView *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->reading)
    return;
  self->reading = TRUE;
  task = g_task_new (self, self->cancellable, read_cb, NULL);
  g_task_set_source_tag (task, read_again);
  g_task_run_in_thread (task, read_thread);
}

static gboolean
timer_cb (gpointer user_data)
{
  read_again (user_data);
  return G_SOURCE_CONTINUE;
}

/* The run, in its own worker thread. */
typedef struct
{
  KdccUpgradeState *state;
  KdccUpgradeTiming timing;
  gboolean          manual_done;
} RunData;

static void
run_data_free (RunData *d)
{
  g_clear_pointer (&d->state, kdcc_upgrade_state_free);
  g_free (d);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  KdccRookUpgradeView *self = source_object;
  RunData *d = task_data;
  g_autoptr(KdccAuditLog) audit = kdcc_audit_log_new (d->state->fsid, NULL);
  g_autoptr(GError) error = NULL;

  kdcc_rook_upgrade_execute (self->client, self->namespace, d->state, audit, &d->timing,
                             d->manual_done, NULL, NULL, cancellable, &error);
  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
run_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  KdccRookUpgradeView *self = KDCC_ROOK_UPGRADE_VIEW (object);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("The Rook upgrade stopped: %s", error->message);
  self->running = FALSE;
  if (!g_cancellable_is_cancelled (self->cancellable))
    {
      update_state_rows (self);
      read_again (self);
    }
}

void
kdcc_rook_upgrade_view_start (KdccRookUpgradeView *self,
                              gboolean             manual_done)
{
  g_autoptr(GTask) task = NULL;
  RunData *d;

  g_return_if_fail (KDCC_IS_ROOK_UPGRADE_VIEW (self));
  if (self->running || self->facts == NULL)
    return;
  d = g_new0 (RunData, 1);
  d->timing = self->timing;
  d->manual_done = manual_done;
  if (in_progress (self->state))
    d->state = kdcc_upgrade_state_copy (self->state);
  else if (self->plan != NULL)
    {
      KdccCephVersion v;
      g_autoptr(KdccUpgradePlan) plan = g_steal_pointer (&self->plan);

      d->state = kdcc_upgrade_state_new_from_plan (self->facts->state_id, plan,
                                                   kdcc_ceph_version_parse (plan->target_version,
                                                                            &v) ? v.major : 0,
                                                   NULL);
    }
  else
    {
      run_data_free (d);
      return;
    }
  self->running = TRUE;
  task = g_task_new (self, self->cancellable, run_cb, NULL);
  g_task_set_source_tag (task, kdcc_rook_upgrade_view_start);
  g_task_set_task_data (task, d, (GDestroyNotify) run_data_free);
  g_task_run_in_thread (task, run_thread);
  update_state_rows (self);
}

void
kdcc_rook_upgrade_view_pause (KdccRookUpgradeView *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (KDCC_IS_ROOK_UPGRADE_VIEW (self));
  if (self->facts != NULL
      && !kdcc_upgrade_control_request (self->facts->state_id, "pause", &error))
    g_warning ("Cannot ask for a pause: %s", error->message);
}

static void
abort_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  KdccRookUpgradeView *self = source_object;
  KdccUpgradeState *state = task_data;
  g_autoptr(KdccAuditLog) audit = kdcc_audit_log_new (state->fsid, NULL);
  g_autoptr(GError) error = NULL;

  if (!kdcc_rook_upgrade_abort (self->client, self->namespace, state, audit, cancellable,
                                &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
abort_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot abort the Rook upgrade: %s", error->message);
      return;
    }
  read_again (KDCC_ROOK_UPGRADE_VIEW (object));
}

void
kdcc_rook_upgrade_view_abort (KdccRookUpgradeView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (KDCC_IS_ROOK_UPGRADE_VIEW (self));
  if (!in_progress (self->state))
    return;
  if (self->running || (self->state->state == KDCC_UPGRADE_RUN_RUNNING
                        && kdcc_upgrade_state_driver_alive (self->state)))
    {
      /* The run (here or in another process) aborts at its next check. */
      if (!kdcc_upgrade_control_request (self->state->fsid, "abort", &error))
        g_warning ("Cannot ask for an abort: %s", error->message);
      return;
    }
  task = g_task_new (self, self->cancellable, abort_cb, NULL);
  g_task_set_source_tag (task, kdcc_rook_upgrade_view_abort);
  g_task_set_task_data (task, kdcc_upgrade_state_copy (self->state),
                        (GDestroyNotify) kdcc_upgrade_state_free);
  g_task_run_in_thread (task, abort_thread);
}

static void
start_clicked_cb (KdccRookUpgradeView *self)
{
  kdcc_rook_upgrade_view_start (self, FALSE);
}

gboolean
kdcc_rook_upgrade_view_get_loaded (KdccRookUpgradeView *self)
{
  g_return_val_if_fail (KDCC_IS_ROOK_UPGRADE_VIEW (self), FALSE);
  return self->loaded;
}

gboolean
kdcc_rook_upgrade_view_get_running (KdccRookUpgradeView *self)
{
  g_return_val_if_fail (KDCC_IS_ROOK_UPGRADE_VIEW (self), FALSE);
  return self->running;
}

KdccUpgradeState *
kdcc_rook_upgrade_view_dup_state (KdccRookUpgradeView *self)
{
  g_return_val_if_fail (KDCC_IS_ROOK_UPGRADE_VIEW (self), NULL);
  return self->state != NULL ? kdcc_upgrade_state_copy (self->state) : NULL;
}

char *
kdcc_rook_upgrade_view_dup_wait_text (KdccRookUpgradeView *self)
{
  KdccUpgradeState *s = self->state;

  g_return_val_if_fail (KDCC_IS_ROOK_UPGRADE_VIEW (self), NULL);
  if (s == NULL || s->wait_since == 0 || s->state != KDCC_UPGRADE_RUN_RUNNING)
    return NULL;
  /* TRANSLATORS: "osd.1 waits at pod-not-ready for 12 s: deployment rook-ceph-osd-1: …" */
  return g_strdup_printf (_("%s waits at %s for %" G_GINT64_FORMAT " s: %s"),
                          s->wait_daemon ? s->wait_daemon : "-", s->wait_gate,
                          (g_get_real_time () - s->wait_since) / G_USEC_PER_SEC,
                          s->wait_reason ? s->wait_reason : "");
}

void
kdcc_rook_upgrade_view_set_timing (KdccRookUpgradeView *self,
                                   guint                poll_ms,
                                   guint                stall_after_s)
{
  g_return_if_fail (KDCC_IS_ROOK_UPGRADE_VIEW (self));
  self->timing.poll_ms = poll_ms;
  self->timing.stall_after_s = stall_after_s;
}

static void
kdcc_rook_upgrade_view_dispose (GObject *object)
{
  KdccRookUpgradeView *self = KDCC_ROOK_UPGRADE_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timer_id, g_source_remove);
  G_OBJECT_CLASS (kdcc_rook_upgrade_view_parent_class)->dispose (object);
}

static void
kdcc_rook_upgrade_view_finalize (GObject *object)
{
  KdccRookUpgradeView *self = KDCC_ROOK_UPGRADE_VIEW (object);

  g_clear_object (&self->client);
  g_clear_object (&self->cancellable);
  g_free (self->namespace);
  g_free (self->target_release);
  g_free (self->rook_version);
  g_clear_pointer (&self->facts, kdcc_rook_facts_free);
  g_clear_pointer (&self->plan, kdcc_upgrade_plan_free);
  g_free (self->plan_error);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_pointer (&self->state, kdcc_upgrade_state_free);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  G_OBJECT_CLASS (kdcc_rook_upgrade_view_parent_class)->finalize (object);
}

static void
kdcc_rook_upgrade_view_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  KdccRookUpgradeView *self = KDCC_ROOK_UPGRADE_VIEW (object);

  switch (prop_id)
    {
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_rook_upgrade_view_class_init (KdccRookUpgradeViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kdcc_rook_upgrade_view_dispose;
  object_class->finalize = kdcc_rook_upgrade_view_finalize;
  object_class->get_property = kdcc_rook_upgrade_view_get_property;
  properties[PROP_LOADED] = g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                                                  G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                                  G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static AdwPreferencesGroup *
group_new (GtkWidget  *page,
           const char *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  return ADW_PREFERENCES_GROUP (group);
}

static void
kdcc_rook_upgrade_view_init (KdccRookUpgradeView *self)
{
  GtkWidget *page = adw_preferences_page_new ();
  AdwPreferencesGroup *progress;
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  self->cancellable = g_cancellable_new ();
  self->rows = g_ptr_array_new ();
  self->timing = (KdccUpgradeTiming) { 1000, 60, 600 };

  self->plan_group = group_new (page, _("Rook Upgrade Plan"));
  self->preflight_group = group_new (page, _("Preflight"));
  progress = group_new (page, _("Progress"));
  self->daemons_group = group_new (page, _("Daemons"));
  adw_preferences_group_set_description (self->daemons_group,
                                         _("Each daemon’s Deployment, in the order Rook "
                                           "restarts them"));

  self->start_button = gtk_button_new_with_mnemonic (_("_Start"));
  gtk_widget_add_css_class (self->start_button, "suggested-action");
  g_signal_connect_swapped (self->start_button, "clicked", G_CALLBACK (start_clicked_cb), self);
  self->pause_button = gtk_button_new_with_mnemonic (_("_Pause"));
  g_signal_connect_swapped (self->pause_button, "clicked",
                            G_CALLBACK (kdcc_rook_upgrade_view_pause), self);
  self->abort_button = gtk_button_new_with_mnemonic (_("_Abort"));
  gtk_widget_add_css_class (self->abort_button, "destructive-action");
  g_signal_connect_swapped (self->abort_button, "clicked",
                            G_CALLBACK (kdcc_rook_upgrade_view_abort), self);
  gtk_box_append (GTK_BOX (buttons), self->start_button);
  gtk_box_append (GTK_BOX (buttons), self->pause_button);
  gtk_box_append (GTK_BOX (buttons), self->abort_button);
  adw_preferences_group_set_header_suffix (progress, buttons);

  self->state_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->state_row), _("State"));
  adw_preferences_group_add (progress, GTK_WIDGET (self->state_row));
  self->wait_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->wait_row), _("Waiting"));
  adw_preferences_group_add (progress, GTK_WIDGET (self->wait_row));

  adw_bin_set_child (ADW_BIN (self), page);
  update_state_rows (self);
}

GtkWidget *
kdcc_rook_upgrade_view_new (KdccKubeClient *client,
                            const char     *namespace,
                            const char     *target_release,
                            const char     *rook_version)
{
  KdccRookUpgradeView *self;

  g_return_val_if_fail (KDCC_IS_KUBE_CLIENT (client), NULL);
  self = g_object_new (KDCC_TYPE_ROOK_UPGRADE_VIEW, NULL);
  self->client = g_object_ref (client);
  self->namespace = g_strdup (namespace);
  self->target_release = g_strdup (target_release);
  self->rook_version = g_strdup (rook_version);
  read_again (self);
  self->timer_id = g_timeout_add_seconds (1, timer_cb, self);
  return GTK_WIDGET (self);
}
