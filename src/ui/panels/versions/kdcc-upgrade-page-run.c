/* kdcc-upgrade-page-run.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The roll on the upgrade page: a KdccUpgradeRun driven from the buttons,
 * or the saved state of one another process drives (then pause and abort
 * go through the control file, as `kdcc-cli upgrade pause` does).
 */
#define G_LOG_DOMAIN "kdcc-upgrade-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdcc-audit-log.h"
#include "kdcc-upgrade-page-private.h"
#include "kdcc-upgrade-preflight.h"

/* The roll ------------------------------------------------------------------------ */

void
_kdcc_upgrade_page_refresh (KdccUpgradePage *self)
{
  g_autoptr(KdccUpgradeState) state = _kdcc_upgrade_page_current_state (self);
  gboolean passed = self->checks != NULL && kdcc_upgrade_preflight_passed (self->checks);
  gboolean running = self->run_active;
  gboolean progress = _kdcc_upgrade_page_in_progress (state);
  gboolean other = !running && progress && state->state == KDCC_UPGRADE_RUN_RUNNING
                   && kdcc_upgrade_state_driver_alive (state);
  g_autofree char *subtitle = NULL;
  /* The gates are mon and mgr commands, which only librados runs. */
  gboolean direct = self->session == NULL
                    || kdcc_session_has_capabilities (self->session,
                                                      KDCC_CAPABILITY_MON_COMMANDS
                                                      | KDCC_CAPABILITY_MGR_COMMANDS);

  if (!direct)
    subtitle = g_strdup (_("Running an upgrade needs a direct (librados) connection: its gates "
                           "are mon and mgr commands"));
  else if (state == NULL)
    subtitle = g_strdup (_("Not started"));
  else if (other)
    /* TRANSLATORS: "Running in process 4242 (kdcc-cli)" */
    subtitle = g_strdup_printf (_("Running in process %" G_GINT64_FORMAT), state->pid);
  else
    {
      const char *words[] = { N_("Not started"), N_("Running"), N_("Paused"), N_("Stopped on a "
                              "failure"), N_("Aborted"), N_("Done") };

      subtitle = state->message != NULL
                 ? g_strdup_printf ("%s: %s", _(words[state->state]), state->message)
                 : g_strdup (_(words[state->state]));
    }
  adw_action_row_set_subtitle (self->state_row, subtitle);

  if (state != NULL && state->wait_since != 0)
    {
      double waited = (g_get_real_time () - state->wait_since) / 1e6;
      /* TRANSLATORS: "osd.0 waits at ok-to-stop for 12 s" */
      g_autofree char *title = g_strdup_printf (_("%s waits at %s for %.0f s"),
                                                state->wait_daemon != NULL ? state->wait_daemon
                                                                           : _("The cluster"),
                                                state->wait_gate, waited);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->wait_row), title);
      adw_action_row_set_subtitle (self->wait_row, state->wait_reason);
      gtk_image_set_from_icon_name (self->wait_icon, waited >= self->stall_after
                                                     ? "dialog-warning-symbolic"
                                                     : "content-loading-symbolic");
      gtk_widget_set_visible (GTK_WIDGET (self->wait_row), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->wait_row), FALSE);

  if (progress)
    _kdcc_upgrade_page_show_steps (self, state);
  gtk_widget_set_sensitive (self->start_button, !progress && !running && passed && direct
                                                && self->plan != NULL);
  gtk_widget_set_sensitive (self->pause_button, running || other);
  gtk_widget_set_sensitive (self->resume_button, progress && !running && !other && direct);
  gtk_widget_set_sensitive (self->abort_button, progress);
  /* Once a roll is under way its steps matter, not the checks before it. */
  gtk_widget_set_visible (GTK_WIDGET (self->preflight_group), !progress && !running);
  gtk_widget_set_visible (GTK_WIDGET (self->accept_group),
                          !progress && !running && self->accept_rows->len > 0);
  /* Not insensitive: that would take the focus from its text without a
   * focus-out event. */
  gtk_editable_set_editable (GTK_EDITABLE (self->template_row), !progress && !running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->noautoscale_switch), !progress && !running);
  _kdcc_upgrade_page_emit_changed (self);
}

static gboolean
tick_cb (gpointer user_data)
{
  KdccUpgradePage *self = user_data;

  /* Driven by another process (kdcc-cli): follow its saved state. */
  if (self->run == NULL && self->saved != NULL)
    {
      g_autofree char *path = kdcc_upgrade_state_path (self->saved->fsid);
      KdccUpgradeState *state = kdcc_upgrade_state_load (path, NULL);

      if (state != NULL)
        {
          kdcc_upgrade_state_free (self->saved);
          self->saved = state;
        }
    }
  _kdcc_upgrade_page_refresh (self);
  return G_SOURCE_CONTINUE;
}

void
_kdcc_upgrade_page_follow (KdccUpgradePage *self)
{
  if (self->tick_id == 0)
    self->tick_id = g_timeout_add_seconds (1, tick_cb, self);
}

static void
executed_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(KdccUpgradePage) self = user_data;
  g_autoptr(GError) error = NULL;

  kdcc_upgrade_run_execute_finish (KDCC_UPGRADE_RUN (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->run_active = FALSE;
  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_pointer (&self->saved, kdcc_upgrade_state_free);
  /* Kept when it ended too, so the page says "Done" or what the abort
   * said until the next start. */
  self->saved = kdcc_upgrade_run_dup_state (self->run);
  g_clear_object (&self->run);
  g_clear_pointer (&self->steps_key, g_free);
  _kdcc_upgrade_page_compute (self);
}

static void
progress_cb (KdccUpgradeRun  *run,
             const char      *line,
             KdccUpgradePage *self)
{
  _kdcc_upgrade_page_refresh (self);
}

/* ABORTING: the run stops at once for an abort, before any step. */
static void
drive (KdccUpgradePage  *self,
       KdccUpgradeState *state,
       gboolean          aborting)
{
  g_autoptr(KdccAuditLog) audit = kdcc_audit_log_new (state->fsid, NULL);
  KdccUpgradeTiming timing = { 1000, self->stall_after, 600 };

  self->run = kdcc_upgrade_run_new (kdcc_session_get_source (self->session), audit, state);
  kdcc_upgrade_run_set_timing (self->run, &timing);
  g_signal_connect_object (self->run, "progress", G_CALLBACK (progress_cb), self, 0);
  if (aborting)
    kdcc_upgrade_run_request_abort (self->run);
  self->run_active = TRUE;
  /* The page stays alive until the run ends (a closed page cancels it,
   * which stops it like a pause). */
  kdcc_upgrade_run_execute_async (self->run, self->cancellable, executed_cb, g_object_ref (self));
  _kdcc_upgrade_page_follow (self);
  _kdcc_upgrade_page_refresh (self);
}

void
_kdcc_upgrade_page_start_clicked_cb (KdccUpgradePage *self)
{
  const char *fsid = kdcc_cluster_get_fsid (kdcc_session_get_cluster (self->session));
  const char *template_ = gtk_editable_get_text (GTK_EDITABLE (self->template_row));
  KdccCephVersion target;
  KdccUpgradePlan *plan;

  if (self->plan == NULL || self->run != NULL
      || !kdcc_ceph_version_parse (self->plan->target_version, &target))
    return;
  plan = g_steal_pointer (&self->plan);
  drive (self, kdcc_upgrade_state_new_from_plan (fsid, plan, target.major,
                                                 *template_ != '\0' ? template_ : NULL), FALSE);
  kdcc_upgrade_plan_free (plan);
}

void
_kdcc_upgrade_page_pause_clicked_cb (KdccUpgradePage *self)
{
  if (self->run != NULL)
    kdcc_upgrade_run_request_pause (self->run);
  else if (self->saved != NULL)
    kdcc_upgrade_control_request (self->saved->fsid, "pause", NULL);
}

void
_kdcc_upgrade_page_resume_clicked_cb (KdccUpgradePage *self)
{
  if (self->run != NULL || !_kdcc_upgrade_page_in_progress (self->saved))
    return;
  drive (self, g_steal_pointer (&self->saved), FALSE);
}

void
_kdcc_upgrade_page_abort_clicked_cb (KdccUpgradePage *self)
{
  if (self->run != NULL)
    {
      kdcc_upgrade_run_request_abort (self->run);
      return;
    }
  if (!_kdcc_upgrade_page_in_progress (self->saved))
    return;
  if (self->saved->state == KDCC_UPGRADE_RUN_RUNNING && kdcc_upgrade_state_driver_alive (self->saved))
    {
      kdcc_upgrade_control_request (self->saved->fsid, "abort", NULL);
      return;
    }
  /* Nobody drives it: a run that stops at once for the abort unsets
   * noout (if the upgrade set it) and says the way back. */
  drive (self, g_steal_pointer (&self->saved), TRUE);
}

void
kdcc_upgrade_page_start (KdccUpgradePage *self)
{
  g_return_if_fail (KDCC_IS_UPGRADE_PAGE (self));
  if (gtk_widget_get_sensitive (self->start_button))
    _kdcc_upgrade_page_start_clicked_cb (self);
}

void
kdcc_upgrade_page_pause (KdccUpgradePage *self)
{
  g_return_if_fail (KDCC_IS_UPGRADE_PAGE (self));
  _kdcc_upgrade_page_pause_clicked_cb (self);
}

void
kdcc_upgrade_page_abort (KdccUpgradePage *self)
{
  g_return_if_fail (KDCC_IS_UPGRADE_PAGE (self));
  _kdcc_upgrade_page_abort_clicked_cb (self);
}

gboolean
kdcc_upgrade_page_get_can_start (KdccUpgradePage *self)
{
  g_return_val_if_fail (KDCC_IS_UPGRADE_PAGE (self), FALSE);
  return gtk_widget_get_sensitive (self->start_button);
}

char *
kdcc_upgrade_page_dup_wait_text (KdccUpgradePage *self)
{
  g_return_val_if_fail (KDCC_IS_UPGRADE_PAGE (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->wait_row)))
    return NULL;
  return g_strdup_printf ("%s\n%s", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->wait_row)),
                          adw_action_row_get_subtitle (self->wait_row));
}
