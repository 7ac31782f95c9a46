/* kdcc-setup-install-run.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The install job: the applying steps on one worker thread, each step's
 * state handed to the owner's main context in order, then the CephCluster
 * watched there until Ready or Failure (see kdcc-setup-install.c).
 */
#define G_LOG_DOMAIN "kdcc-setup-install"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdcc-error.h"
#include "kdcc-json.h"
#include "kdcc-rook.h"
#include "kdcc-setup-install-private.h"



typedef struct
{
  KdccSetupInstall   *self;
  guint               index;
  KdccSetupStepState  state;
} StepUpdate;

static gboolean
step_update_cb (gpointer user_data)
{
  StepUpdate *update = user_data;
  KdccSetupStep *step = g_ptr_array_index (update->self->steps, update->index);

  if (step->state != update->state)
    {
      step->state = update->state;
      g_signal_emit (update->self, _kdcc_setup_install_signals[STEP_CHANGED], 0, update->index);
    }
  g_object_unref (update->self);
  g_free (update);
  return G_SOURCE_REMOVE;
}

/* Any thread; applied on the owner's context, in order. */
static void
set_step_state (KdccSetupInstall   *self,
                guint               index,
                KdccSetupStepState  state)
{
  StepUpdate *update = g_new0 (StepUpdate, 1);
  g_autoptr(GSource) source = g_idle_source_new ();

  update->self = g_object_ref (self);
  update->index = index;
  update->state = state;
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, step_update_cb, update, NULL);
  g_source_attach (source, self->owner);
}

static void
record (KdccSetupInstall *self,
        KdccSetupStep    *step,
        const GError     *error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *connection = g_strdup_printf ("kubernetes:%s",
                                                 self->context ? self->context : "");
  const char *result = error == NULL ? "done"
                       : g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ? "cancelled"
                       : "failed";

  if (self->audit == NULL)
    return;
  if (!kdcc_audit_log_append_event (self->audit, connection, "setup", step->title, step->command,
                                   result, error ? error->message : NULL, &local_error))
    g_warning ("%s", local_error->message);
}

/* A CephCluster in the namespace that KDCC did not apply is another
 * cluster: never install over it. One KDCC applied is this install again
 * (after a cancel or a failure), and server-side apply is idempotent. */
static gboolean
check_namespace_free (KdccSetupInstall  *self,
                      GCancellable      *cancellable,
                      GError           **error)
{
  const char *namespace = kdcc_setup_params_get (self->params, "namespace");
  const char *name = kdcc_setup_params_get (self->params, "name");
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonArray) items = kdcc_kube_client_list (self->client, &kdcc_kube_cephclusters,
                                                      namespace, NULL, NULL, cancellable,
                                                      &local_error);

  if (items == NULL)
    {
      /* No CephCluster CRD yet: nothing can be in the way. */
      if (g_error_matches (local_error, KDCC_KUBE_ERROR, KDCC_KUBE_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *metadata = kdcc_json_find_object (
        kdcc_json_as_object (json_array_get_element (items, i)), "metadata");
      JsonArray *managed = kdcc_json_find_array (metadata, "managedFields");
      const char *other = kdcc_json_find_string (metadata, "name");
      gboolean ours = FALSE;

      for (guint j = 0; managed != NULL && j < json_array_get_length (managed); j++)
        ours |= g_strcmp0 (kdcc_json_find_string (
                             kdcc_json_as_object (json_array_get_element (managed, j)), "manager"),
                           KDCC_SETUP_FIELD_MANAGER) == 0;
      if (!ours || g_strcmp0 (other, name) != 0)
        {
          g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                       _("CephCluster “%s” already exists in namespace “%s”: Rook runs one "
                         "cluster per namespace, and KDCC does not install over an existing "
                         "one"), other ? other : "?", namespace);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
is_established (JsonObject *crd)
{
  JsonArray *conditions = kdcc_json_find_array (kdcc_json_find_object (crd, "status"),
                                                "conditions");

  for (guint i = 0; conditions != NULL && i < json_array_get_length (conditions); i++)
    {
      JsonObject *cond = kdcc_json_as_object (json_array_get_element (conditions, i));

      if (g_strcmp0 (kdcc_json_find_string (cond, "type"), "Established") == 0)
        return g_strcmp0 (kdcc_json_find_string (cond, "status"), "True") == 0;
    }
  return FALSE;
}

static gboolean
wait_crds (KdccSetupInstall  *self,
           KdccSetupStep     *step,
           GCancellable      *cancellable,
           GError           **error)
{
  gint64 deadline = g_get_monotonic_time () + CRD_WAIT_SECONDS * G_USEC_PER_SEC;

  for (guint i = 0; i < step->objects->len; i++)
    {
      KdccSetupObject *object = g_ptr_array_index (step->objects, i);
      const char *name = kdcc_json_find_string (kdcc_json_find_object (object->object,
                                                                       "metadata"), "name");

      if (object->resource != &_kdcc_setup_crds)
        continue;
      for (;;)
        {
          g_autoptr(GError) local_error = NULL;
          g_autoptr(JsonObject) crd = kdcc_kube_client_get (self->client, &_kdcc_setup_crds, NULL, name,
                                                            cancellable, &local_error);

          if (crd != NULL && is_established (crd))
            break;
          if (crd == NULL && !g_error_matches (local_error, KDCC_KUBE_ERROR,
                                               KDCC_KUBE_ERROR_NOT_FOUND))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          if (g_get_monotonic_time () > deadline)
            {
              g_set_error (error, KDCC_ERROR, KDCC_ERROR_TIMEOUT,
                           _("The CRD “%s” was not established within %d seconds"), name,
                           CRD_WAIT_SECONDS);
              return FALSE;
            }
          /* The API server establishes a CRD within a second or two;
           * kubectl wait polls too. */
          g_usleep (G_USEC_PER_SEC / 5);
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
run_helm (KdccSetupStep  *step,
          GCancellable   *cancellable,
          GError        **error)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *output = NULL;

  process = g_subprocess_newv ((const char * const *) step->argv,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE,
                               error);
  if (process == NULL)
    return FALSE;
  if (!g_subprocess_communicate_utf8 (process, NULL, cancellable, &output, NULL, error))
    {
      g_subprocess_force_exit (process);
      return FALSE;
    }
  if (!g_subprocess_get_successful (process))
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_COMMAND, _("“%s” failed: %s"), step->command,
                   output != NULL ? g_strstrip (output) : "");
      return FALSE;
    }
  return TRUE;
}

static gboolean
run_step (KdccSetupInstall  *self,
          KdccSetupStep     *step,
          GCancellable      *cancellable,
          GError           **error)
{
  switch (step->kind)
    {
    case KDCC_SETUP_STEP_APPLY:
      for (guint i = 0; i < step->objects->len; i++)
        {
          KdccSetupObject *object = g_ptr_array_index (step->objects, i);
          g_autoptr(JsonObject) applied = kdcc_kube_client_apply (self->client, object->resource,
                                                                  object->object,
                                                                  KDCC_SETUP_FIELD_MANAGER,
                                                                  FALSE, cancellable, error);

          if (applied == NULL)
            return FALSE;
        }
      return TRUE;
    case KDCC_SETUP_STEP_WAIT_CRDS:
      return wait_crds (self, step, cancellable, error);
    case KDCC_SETUP_STEP_HELM:
      return run_helm (step, cancellable, error);
    case KDCC_SETUP_STEP_WATCH:
    default:
      g_return_val_if_reached (FALSE);
    }
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  KdccSetupInstall *self = source_object;
  guint n = self->steps->len;
  GError *error = NULL;

  kdcc_job_set_progress (self->job, 0, _("Checking the namespace"));
  if (!check_namespace_free (self, cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i + 1 < n; i++)
    {
      KdccSetupStep *step = g_ptr_array_index (self->steps, i);
      gboolean ok;

      set_step_state (self, i, KDCC_SETUP_STEP_RUNNING);
      kdcc_job_set_progress (self->job, (double) i / n, step->title);
      ok = !g_cancellable_set_error_if_cancelled (cancellable, &error) &&
           run_step (self, step, cancellable, &error);
      record (self, step, error);
      if (!ok)
        {
          set_step_state (self, i, g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                                   ? KDCC_SETUP_STEP_CANCELLED : KDCC_SETUP_STEP_FAILED);
          g_task_return_error (task, error);
          return;
        }
      set_step_state (self, i, KDCC_SETUP_STEP_DONE);
    }
  g_task_return_boolean (task, TRUE);
}

static void
set_string (KdccSetupInstall  *self,
            char             **field,
            const char        *value,
            guint              prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), _kdcc_setup_install_properties[prop]);
}

/* Ends the watch step and the job; ERROR NULL for success. */
static void
finish (KdccSetupInstall *self,
        const GError     *error)
{
  guint last = self->steps->len - 1;
  KdccSetupStep *step = g_ptr_array_index (self->steps, last);

  if (self->watch == NULL)
    return;
  kdcc_kube_watch_stop (self->watch);
  g_clear_object (&self->watch);
  if (self->cancel_id != 0)
    g_cancellable_disconnect (kdcc_job_get_cancellable (self->job), self->cancel_id);
  self->cancel_id = 0;
  record (self, step, error);
  set_step_state (self, last, error == NULL ? KDCC_SETUP_STEP_DONE
                              : g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                              ? KDCC_SETUP_STEP_CANCELLED : KDCC_SETUP_STEP_FAILED);
  kdcc_job_set_pulsing (self->job, FALSE);
  if (error == NULL)
    {
      kdcc_job_set_progress (self->job, 1.0, self->message);
      kdcc_job_succeed (self->job, NULL);
    }
  else
    kdcc_job_fail (self->job, error);
}

static void
update_from (KdccSetupInstall *self,
             JsonObject       *object)
{
  const char *name = kdcc_setup_params_get (self->params, "name");
  g_autoptr(KdccRookCluster) cluster = NULL;
  g_autofree char *status = NULL;

  if (g_strcmp0 (kdcc_json_find_string (kdcc_json_find_object (object, "metadata"), "name"),
                 name) != 0)
    return;
  cluster = kdcc_rook_cluster_parse (object, NULL);
  if (cluster == NULL)
    return;
  set_string (self, &self->phase, cluster->phase, PROP_PHASE);
  set_string (self, &self->message, cluster->message, PROP_MESSAGE);
  set_string (self, &self->health, cluster->health, PROP_HEALTH);
  /* TRANSLATORS: the CephCluster's phase and Rook's message, e.g.
   * "Progressing: Configuring Ceph Mons". */
  if (cluster->phase == NULL)
    status = g_strdup (_("Waiting for the Rook operator to take up the CephCluster"));
  else
    status = g_strdup_printf (_("%s: %s"), cluster->phase,
                              cluster->message ? cluster->message : "");
  kdcc_job_set_status (self->job, status);

  if (g_strcmp0 (cluster->phase, "Ready") == 0)
    finish (self, NULL);
  else if (g_strcmp0 (cluster->phase, "Failure") == 0)
    {
      g_autoptr(GError) error = g_error_new (KDCC_ERROR, KDCC_ERROR_FAILED,
                                             _("The Rook operator could not create the "
                                               "cluster: %s"),
                                             cluster->message ? cluster->message : "");
      finish (self, error);
    }
}

static void
watch_listed_cb (KdccSetupInstall *self,
                 JsonArray        *items)
{
  for (guint i = 0; self->watch != NULL && i < json_array_get_length (items); i++)
    update_from (self, kdcc_json_as_object (json_array_get_element (items, i)));
}

static void
watch_event_cb (KdccSetupInstall *self,
                const char       *type,
                JsonObject       *object)
{
  if (!g_str_equal (type, "DELETED"))
    update_from (self, object);
  else if (g_strcmp0 (kdcc_json_find_string (kdcc_json_find_object (object, "metadata"), "name"),
                      kdcc_setup_params_get (self->params, "name")) == 0)
    {
      g_autoptr(GError) error = g_error_new (KDCC_ERROR, KDCC_ERROR_FAILED,
                                             _("The CephCluster was deleted during the install"));
      finish (self, error);
    }
}

static void
watch_failed_cb (KdccSetupInstall *self,
                 GError           *error)
{
  finish (self, error);
}

static gboolean
cancelled_idle_cb (gpointer user_data)
{
  KdccSetupInstall *self = user_data;
  g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                 _("The install was cancelled"));

  finish (self, error);
  return G_SOURCE_REMOVE;
}

static void
cancelled_cb (GCancellable     *cancellable,
              KdccSetupInstall *self)
{
  /* Any thread, possibly inside g_cancellable_cancel() on the owner: go
   * through an idle, since finish() disconnects this handler. */
  g_autoptr(GSource) source = g_idle_source_new ();

  g_source_set_callback (source, cancelled_idle_cb, g_object_ref (self), g_object_unref);
  g_source_attach (source, self->owner);
}

static void
run_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  KdccSetupInstall *self = KDCC_SETUP_INSTALL (object);
  g_autoptr(GError) error = NULL;
  const char *namespace = kdcc_setup_params_get (self->params, "namespace");
  guint last = self->steps->len - 1;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      kdcc_job_fail (self->job, error);
      return;
    }
  set_step_state (self, last, KDCC_SETUP_STEP_RUNNING);
  kdcc_job_set_progress (self->job, (double) last / self->steps->len,
                         ((KdccSetupStep *) g_ptr_array_index (self->steps, last))->title);
  kdcc_job_set_pulsing (self->job, TRUE);
  self->watch = kdcc_kube_watch_new (self->client, &kdcc_kube_cephclusters, namespace, NULL);
  g_signal_connect_object (self->watch, "listed", G_CALLBACK (watch_listed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->watch, "event", G_CALLBACK (watch_event_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->watch, "failed", G_CALLBACK (watch_failed_cb), self,
                           G_CONNECT_SWAPPED);
  kdcc_kube_watch_start (self->watch);
  self->cancel_id = g_cancellable_connect (kdcc_job_get_cancellable (self->job),
                                           G_CALLBACK (cancelled_cb), self, NULL);
}

KdccJob *
kdcc_setup_install_start (KdccSetupInstall *self,
                          GCancellable     *cancellable)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GCancellable) own = NULL;
  const char *name = kdcc_setup_params_get (self->params, "name");
  g_autofree char *title = NULL;

  g_return_val_if_fail (KDCC_IS_SETUP_INSTALL (self), NULL);
  g_return_val_if_fail (self->job == NULL, NULL);

  kdcc_setup_install_get_steps (self);
  self->owner = g_main_context_ref_thread_default ();
  if (cancellable == NULL)
    cancellable = own = g_cancellable_new ();
  /* TRANSLATORS: a job's title; %s is the new CephCluster's name. */
  title = g_strdup_printf (_("Install the Ceph cluster “%s”"), name);
  self->job = kdcc_job_new (title, cancellable);
  task = g_task_new (self, cancellable, run_done_cb, NULL);
  g_task_set_source_tag (task, kdcc_setup_install_start);
  g_task_run_in_thread (task, run_thread);
  return self->job;
}
