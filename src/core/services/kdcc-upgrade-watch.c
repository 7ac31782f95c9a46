/* kdcc-upgrade-watch.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The automated upgrade in the app: a timer that asks the scheduler, the
 * roll it starts, and the desktop notifications about both. The setting
 * is read again at every decision, so what `kdcc-cli upgrade auto` or the
 * versions page changed applies without a restart.
 */
#define G_LOG_DOMAIN "kdcc-upgrade"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdcc-audit-log.h"
#include "kdcc-cluster.h"
#include "kdcc-daemon-versions.h"
#include "kdcc-upgrade-headroom.h"
#include "kdcc-upgrade-preflight.h"
#include "kdcc-upgrade-watch.h"

#define DEFAULT_INTERVAL_S 300

struct _KdccUpgradeWatch
{
  GObject              parent_instance;

  KdccSession         *session;
  GApplication        *application;
  KdccReleaseCatalog  *catalog;
  GCancellable        *cancellable;
  KdccUpgradeTiming    timing;
  guint                interval;
  guint                timer_id;
  guint                poll_id;
  gulong               refreshed_id;
  gboolean             deciding;
  gboolean             notifications;
  char                *reason;

  /* The roll this watch started. */
  KdccUpgradeRun      *run;
  char                *target;
  GDateTime           *window_end;
  gboolean             pause_requested;
  gint64               stall_told;    /* wait_since of the stall told last */
};

G_DEFINE_FINAL_TYPE (KdccUpgradeWatch, kdcc_upgrade_watch, G_TYPE_OBJECT)

enum { SIGNAL_NOTIFIED, SIGNAL_DECIDED, N_SIGNALS };
static guint signals[N_SIGNALS];

static const char *
fsid_of (KdccUpgradeWatch *self)
{
  return kdcc_cluster_get_fsid (kdcc_session_get_cluster (self->session));
}

static char *
release_title (const char *release)
{
  return release != NULL ? g_strdup_printf ("%c%s", g_ascii_toupper (release[0]), release + 1)
                         : g_strdup ("");
}

/* KIND: "available", "started", "stalled", "ended" (also the notification
 * id's first word, so a newer one of a kind replaces the older). */
static void
notify (KdccUpgradeWatch *self,
        const char       *kind,
        const char       *title,
        const char       *body,
        gboolean          urgent)
{
  g_signal_emit (self, signals[SIGNAL_NOTIFIED], 0, kind, title, body);

  if (self->application != NULL && self->notifications
      && g_application_get_is_registered (self->application)
      && !g_application_get_is_remote (self->application))
    {
      g_autoptr(GNotification) notification = g_notification_new (title);
      g_autofree char *id = g_strdup_printf ("upgrade-%s-%s", kind, fsid_of (self));

      g_notification_set_body (notification, body);
      g_notification_set_priority (notification, urgent ? G_NOTIFICATION_PRIORITY_HIGH
                                                        : G_NOTIFICATION_PRIORITY_NORMAL);
      g_notification_set_default_action_and_target (notification, "app.show-upgrade", "s",
                                                    fsid_of (self));
      g_application_send_notification (self->application, id, notification);
    }
}

static void
set_reason (KdccUpgradeWatch *self,
            const char       *reason)
{
  g_free (self->reason);
  self->reason = g_strdup (reason);
}

/* Watching the roll ------------------------------------------------------------------ */

static gboolean
poll_cb (gpointer user_data)
{
  KdccUpgradeWatch *self = user_data;
  g_autoptr(KdccUpgradeState) state = NULL;
  gint64 now = g_get_real_time ();

  if (self->run == NULL)
    {
      self->poll_id = 0;
      return G_SOURCE_REMOVE;
    }
  state = kdcc_upgrade_run_dup_state (self->run);

  if (state->wait_since != 0 && state->wait_since != self->stall_told
      && now - state->wait_since >= (gint64) self->timing.stall_after_s * G_USEC_PER_SEC)
    {
      g_autofree char *target = release_title (self->target);
      /* TRANSLATORS: "The upgrade of ceph-prod to Reef stalled" */
      g_autofree char *title = g_strdup_printf (_("The upgrade of %s to %s stalled"),
                                                kdcc_cluster_get_name (kdcc_session_get_cluster (self->session)),
                                                target);
      /* TRANSLATORS: "osd.0 waits at ok-to-stop for 62 s: REASON" */
      g_autofree char *body = g_strdup_printf (_("%s waits at %s for %" G_GINT64_FORMAT " s: %s"),
                                               state->wait_daemon != NULL ? state->wait_daemon
                                                                          : _("The cluster"),
                                               state->wait_gate,
                                               (now - state->wait_since) / G_USEC_PER_SEC,
                                               state->wait_reason != NULL ? state->wait_reason : "");

      self->stall_told = state->wait_since;
      notify (self, "stalled", title, body, TRUE);
    }

  /* Never past the window: the daemon in progress is finished, then the
   * roll stops until the next window or a resume. */
  if (self->window_end != NULL && !self->pause_requested)
    {
      g_autoptr(GDateTime) wall = g_date_time_new_now (g_date_time_get_timezone (self->window_end));

      if (g_date_time_compare (wall, self->window_end) >= 0)
        {
          self->pause_requested = TRUE;
          kdcc_upgrade_run_request_pause (self->run);
        }
    }
  return G_SOURCE_CONTINUE;
}

static void
executed_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(KdccUpgradeWatch) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(KdccUpgradeState) state = NULL;
  g_autofree char *target = release_title (self->target);
  g_autofree char *title = NULL;
  const char *name;
  KdccUpgradeRunState end;

  end = kdcc_upgrade_run_execute_finish (KDCC_UPGRADE_RUN (object), result, &error);
  g_clear_handle_id (&self->poll_id, g_source_remove);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->session == NULL)
    {
      /* Stopped with the watch (the app closing): the state on disk says
       * where, and the upgrade page or the CLI resumes it. */
      g_clear_object (&self->run);
      return;
    }
  state = kdcc_upgrade_run_dup_state (KDCC_UPGRADE_RUN (object));
  g_clear_object (&self->run);
  name = kdcc_cluster_get_name (kdcc_session_get_cluster (self->session));

  switch (end)
    {
    case KDCC_UPGRADE_RUN_DONE:
      /* TRANSLATORS: "ceph-prod runs Reef now" */
      title = g_strdup_printf (_("%s runs %s now"), name, target);
      break;
    case KDCC_UPGRADE_RUN_PAUSED:
      title = g_strdup_printf (_("The upgrade of %s to %s paused"), name, target);
      break;
    case KDCC_UPGRADE_RUN_ABORTED:
      title = g_strdup_printf (_("The upgrade of %s to %s was aborted"), name, target);
      break;
    case KDCC_UPGRADE_RUN_IDLE:
    case KDCC_UPGRADE_RUN_RUNNING:
    case KDCC_UPGRADE_RUN_FAILED:
    default:
      title = g_strdup_printf (_("The upgrade of %s to %s failed"), name, target);
      break;
    }
  notify (self, "ended", title,
          error != NULL ? error->message
                        : state->message != NULL ? state->message
                                                 : end == KDCC_UPGRADE_RUN_PAUSED
                                                   ? _("It stopped after the daemon in progress; "
                                                       "resume it on the upgrade page")
                                                   : _("Every daemon runs the new release"),
          end != KDCC_UPGRADE_RUN_DONE);
}

static void
start (KdccUpgradeWatch              *self,
       const KdccAutoUpgradeSettings *settings,
       const KdccAutoUpgradeDecision *decision,
       KdccVersionSurvey             *survey)
{
  g_autoptr(KdccUpgradePlan) plan = NULL;
  g_autoptr(KdccAuditLog) audit = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *target = release_title (decision->target_release);
  g_autofree char *title = NULL;
  KdccCephVersion version;
  KdccUpgradeState *state;

  plan = kdcc_upgrade_plan_new (self->catalog, kdcc_session_get_cluster (self->session), survey,
                                decision->target_release, settings->restart_template, &error);
  if (plan == NULL || !kdcc_ceph_version_parse (plan->target_version, &version))
    {
      set_reason (self, error != NULL ? error->message : _("The plan names no target version"));
      return;
    }

  state = kdcc_upgrade_state_new_from_plan (fsid_of (self), plan, version.major,
                                            settings->restart_template);
  audit = kdcc_audit_log_new (fsid_of (self), NULL);
  self->run = kdcc_upgrade_run_new (kdcc_session_get_source (self->session), audit, state);
  kdcc_upgrade_run_set_timing (self->run, &self->timing);
  g_free (self->target);
  self->target = g_strdup (decision->target_release);
  g_clear_pointer (&self->window_end, g_date_time_unref);
  self->window_end = g_date_time_ref (decision->window_end);
  self->pause_requested = FALSE;
  self->stall_told = 0;
  kdcc_upgrade_run_execute_async (self->run, self->cancellable, executed_cb, g_object_ref (self));
  self->poll_id = g_timeout_add_seconds (1, poll_cb, self);

  /* TRANSLATORS: "The upgrade of ceph-prod to Reef started" */
  title = g_strdup_printf (_("The upgrade of %s to %s started"),
                           kdcc_cluster_get_name (kdcc_session_get_cluster (self->session)), target);
  notify (self, "started", title, decision->reason, FALSE);
}

/* Deciding ------------------------------------------------------------------------- */

typedef struct
{
  KdccUpgradeWatch        *self;
  KdccAutoUpgradeSettings *settings;
  KdccVersionSurvey       *survey;
  char                    *require_osd_release;
  double                   nearfull_ratio;
  KdccCrushLayout         *crush;     /* NULL: the headroom check assumes hosts */
} Check;

static void
check_free (Check *check)
{
  g_clear_object (&check->self);
  kdcc_auto_upgrade_settings_free (check->settings);
  g_clear_pointer (&check->survey, kdcc_version_survey_free);
  g_free (check->require_osd_release);
  kdcc_crush_layout_free (check->crush);
  g_free (check);
}

static void
decide (Check *check)
{
  KdccUpgradeWatch *self = check->self;
  KdccCluster *cluster = kdcc_session_get_cluster (self->session);
  g_autofree char *state_path = kdcc_upgrade_state_path (fsid_of (self));
  g_autoptr(KdccUpgradeState) busy = kdcc_upgrade_state_load (state_path, NULL);
  g_autoptr(GPtrArray) checks = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(KdccAutoUpgradeDecision) decision = NULL;
  KdccPreflightInput input = { 0 };
  KdccAutoUpgradeInput auto_input = { 0 };
  gboolean drives = kdcc_session_has_capabilities (self->session,
                                                   KDCC_CAPABILITY_MON_COMMANDS
                                                   | KDCC_CAPABILITY_MGR_COMMANDS);

  input.accepted_warnings = (const char * const *) check->settings->accepted_warnings;
  input.require_osd_release = check->require_osd_release;
  input.nearfull_ratio = check->nearfull_ratio;
  input.crush = check->crush;
  checks = kdcc_upgrade_preflight_run (cluster, check->survey, self->catalog, &input);
  auto_input.running = check->survey->have_versions ? check->survey->oldest : NULL;
  auto_input.preflight = checks;
  auto_input.in_progress = busy;
  decision = kdcc_auto_upgrade_decide (check->settings, self->catalog, now, &auto_input);
  set_reason (self, decision->reason);

  switch (decision->action)
    {
    case KDCC_AUTO_UPGRADE_START:
      if (drives)
        {
          start (self, check->settings, decision, check->survey);
          break;
        }
      set_reason (self, _("The maintenance window is open, but running an upgrade needs a direct "
                          "(librados) connection: its gates are mon and mgr commands"));
      G_GNUC_FALLTHROUGH;
    case KDCC_AUTO_UPGRADE_NOTIFY_AVAILABLE:
    case KDCC_AUTO_UPGRADE_WAIT_UNTIL:
      /* Once per target: the admin heard it, and it does not go away. */
      if (g_strcmp0 (check->settings->notified_target, decision->target_release) != 0)
        {
          g_autofree char *target = release_title (decision->target_release);
          /* TRANSLATORS: "Ceph Reef (18.2.8) is available for ceph-prod" */
          g_autofree char *title = g_strdup_printf (_("Ceph %s (%s) is available for %s"), target,
                                                    decision->target_version,
                                                    kdcc_cluster_get_name (cluster));
          g_autoptr(GError) error = NULL;

          notify (self, "available", title, decision->reason, FALSE);
          g_free (check->settings->notified_target);
          check->settings->notified_target = g_strdup (decision->target_release);
          if (!kdcc_auto_upgrade_settings_save (check->settings, fsid_of (self), &error))
            g_warning ("Cannot save the automatic upgrade setting: %s", error->message);
        }
      break;
    case KDCC_AUTO_UPGRADE_NOTHING:
    default:
      break;
    }
  g_signal_emit (self, signals[SIGNAL_DECIDED], 0, decision);
}

static void
facts_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Check *check = task_data;
  g_autoptr(GError) error = NULL;

  /* Without it the preflight says the release is unknown; not fatal. */
  if (!kdcc_upgrade_read_osd_dump (source_object, &check->require_osd_release,
                                   &check->nearfull_ratio, cancellable, &error))
    g_debug ("osd dump: %s", error->message);
  g_clear_error (&error);
  check->crush = kdcc_crush_layout_read (source_object, cancellable, &error);
  if (check->crush == NULL)
    g_debug ("CRUSH layout: %s", error->message);
  g_task_return_boolean (task, TRUE);
}

static void
facts_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Check *check = user_data;

  check->self->deciding = FALSE;
  if (!g_cancellable_is_cancelled (check->self->cancellable))
    decide (check);
  check_free (check);
}

static void
named_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Check *check = user_data;
  KdccUpgradeWatch *self = check->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  GPtrArray *named = NULL;

  if (result != NULL)
    named = kdcc_daemon_versions_fetch_named_finish (KDCC_SOURCE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      self->deciding = FALSE;
      check_free (check);
      return;
    }
  check->survey = kdcc_version_survey_new (kdcc_cluster_get_versions (kdcc_session_get_cluster (self->session)),
                                           named);

  task = g_task_new (kdcc_session_get_source (self->session), self->cancellable, facts_cb, check);
  g_task_set_source_tag (task, named_cb);
  g_task_set_task_data (task, check, NULL);
  if (kdcc_session_has_capabilities (self->session, KDCC_CAPABILITY_MON_COMMANDS))
    g_task_run_in_thread (task, facts_thread);
  else
    g_task_return_boolean (task, TRUE);
}

void
kdcc_upgrade_watch_check (KdccUpgradeWatch *self)
{
  g_autoptr(GError) error = NULL;
  KdccAutoUpgradeSettings *settings;
  Check *check;

  g_return_if_fail (KDCC_IS_UPGRADE_WATCH (self));

  if (self->deciding || self->run != NULL || kdcc_session_get_closed (self->session)
      || !kdcc_cluster_get_has_data (kdcc_session_get_cluster (self->session))
      || fsid_of (self) == NULL || *fsid_of (self) == '\0')
    return;
  settings = kdcc_auto_upgrade_settings_load (fsid_of (self), &error);
  if (settings == NULL)
    {
      set_reason (self, error->message);
      return;
    }
  self->notifications = settings->notifications;
  if (settings->mode == KDCC_AUTO_UPGRADE_DISABLED)
    {
      KdccAutoUpgradeInput input = { 0 };
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autoptr(KdccAutoUpgradeDecision) decision = kdcc_auto_upgrade_decide (settings, self->catalog,
                                                                              now, &input);

      set_reason (self, decision->reason);
      kdcc_auto_upgrade_settings_free (settings);
      g_signal_emit (self, signals[SIGNAL_DECIDED], 0, decision);
      return;
    }

  check = g_new0 (Check, 1);
  check->self = g_object_ref (self);
  check->settings = settings;
  self->deciding = TRUE;
  if (kdcc_session_has_capabilities (self->session, KDCC_CAPABILITY_MON_COMMANDS))
    kdcc_daemon_versions_fetch_named_async (kdcc_session_get_source (self->session),
                                            self->cancellable, named_cb, check);
  else
    named_cb (G_OBJECT (kdcc_session_get_source (self->session)), NULL, check);
}

/* The timer --------------------------------------------------------------------------- */

static gboolean
timer_cb (gpointer user_data)
{
  kdcc_upgrade_watch_check (KDCC_UPGRADE_WATCH (user_data));
  return G_SOURCE_CONTINUE;
}

static void
refreshed_cb (KdccCluster      *cluster,
              KdccUpgradeWatch *self)
{
  if (!kdcc_cluster_get_has_data (cluster))
    return;
  /* The first decision as soon as there is data; then the timer's. */
  g_clear_signal_handler (&self->refreshed_id, cluster);
  kdcc_upgrade_watch_check (self);
}

void
kdcc_upgrade_watch_set_interval (KdccUpgradeWatch *self,
                                 guint             seconds)
{
  g_return_if_fail (KDCC_IS_UPGRADE_WATCH (self));

  self->interval = seconds;
  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (seconds > 0)
    self->timer_id = g_timeout_add_seconds (seconds, timer_cb, self);
}

void
kdcc_upgrade_watch_set_timing (KdccUpgradeWatch        *self,
                               const KdccUpgradeTiming *timing)
{
  g_return_if_fail (KDCC_IS_UPGRADE_WATCH (self));

  self->timing = *timing;
  if (self->run != NULL)
    kdcc_upgrade_run_set_timing (self->run, timing);
}

KdccUpgradeRun *
kdcc_upgrade_watch_get_run (KdccUpgradeWatch *self)
{
  g_return_val_if_fail (KDCC_IS_UPGRADE_WATCH (self), NULL);
  return self->run;
}

const char *
kdcc_upgrade_watch_get_reason (KdccUpgradeWatch *self)
{
  g_return_val_if_fail (KDCC_IS_UPGRADE_WATCH (self), NULL);
  return self->reason;
}

void
kdcc_upgrade_watch_stop (KdccUpgradeWatch *self)
{
  g_return_if_fail (KDCC_IS_UPGRADE_WATCH (self));

  g_clear_handle_id (&self->timer_id, g_source_remove);
  g_clear_handle_id (&self->poll_id, g_source_remove);
  if (self->session != NULL)
    g_clear_signal_handler (&self->refreshed_id, kdcc_session_get_cluster (self->session));
  g_cancellable_cancel (self->cancellable);
}

KdccUpgradeWatch *
kdcc_upgrade_watch_new (KdccSession  *session,
                        GApplication *application)
{
  KdccUpgradeWatch *self;
  KdccCluster *cluster;

  g_return_val_if_fail (KDCC_IS_SESSION (session), NULL);
  g_return_val_if_fail (application == NULL || G_IS_APPLICATION (application), NULL);

  self = g_object_new (KDCC_TYPE_UPGRADE_WATCH, NULL);
  self->session = g_object_ref (session);
  if (application != NULL)
    g_set_weak_pointer (&self->application, application);
  /* A closed session's source is gone: nothing more to decide or drive. */
  g_signal_connect_object (session, "notify::closed", G_CALLBACK (kdcc_upgrade_watch_stop), self,
                           G_CONNECT_SWAPPED);
  cluster = kdcc_session_get_cluster (session);
  if (kdcc_cluster_get_has_data (cluster))
    kdcc_upgrade_watch_check (self);
  else
    self->refreshed_id = g_signal_connect (cluster, "refreshed", G_CALLBACK (refreshed_cb), self);
  kdcc_upgrade_watch_set_interval (self, DEFAULT_INTERVAL_S);
  return self;
}

static void
kdcc_upgrade_watch_dispose (GObject *object)
{
  KdccUpgradeWatch *self = KDCC_UPGRADE_WATCH (object);

  kdcc_upgrade_watch_stop (self);
  g_clear_weak_pointer (&self->application);
  g_clear_object (&self->run);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (kdcc_upgrade_watch_parent_class)->dispose (object);
}

static void
kdcc_upgrade_watch_finalize (GObject *object)
{
  KdccUpgradeWatch *self = KDCC_UPGRADE_WATCH (object);

  g_clear_object (&self->catalog);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->window_end, g_date_time_unref);
  g_free (self->target);
  g_free (self->reason);

  G_OBJECT_CLASS (kdcc_upgrade_watch_parent_class)->finalize (object);
}

static void
kdcc_upgrade_watch_class_init (KdccUpgradeWatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kdcc_upgrade_watch_dispose;
  object_class->finalize = kdcc_upgrade_watch_finalize;

  signals[SIGNAL_NOTIFIED] = g_signal_new ("notified", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING,
                                           G_TYPE_STRING);
  /* The decision is borrowed for the emission. */
  signals[SIGNAL_DECIDED] = g_signal_new ("decided", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
kdcc_upgrade_watch_init (KdccUpgradeWatch *self)
{
  KdccUpgradeTiming timing = { 1000, 60, 600 };

  self->timing = timing;
  self->catalog = kdcc_release_catalog_new ();
  self->cancellable = g_cancellable_new ();
  self->notifications = TRUE;
}
