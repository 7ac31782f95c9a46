/* kdcc-restart-plan.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How a pending restart is carried out: the ok-to-stop gate, the command
 * for the deployment in use, and the per-cluster command template.
 */
#define G_LOG_DOMAIN "kdcc-pending-restarts"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "kdcc-error.h"
#include "kdcc-pending-restarts.h"
#include "kdcc-json.h"

static char *
expand (const char      *text,
        KdccRestartItem *item)
{
  g_autoptr(GString) out = g_string_new (text);

  g_string_replace (out, "{type}", kdcc_restart_item_get_daemon_type (item), 0);
  g_string_replace (out, "{id}", kdcc_restart_item_get_daemon_id (item), 0);
  g_string_replace (out, "{host}", kdcc_restart_item_get_host (item), 0);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
kdcc_restart_item_dup_restart_command (KdccRestartItem *self,
                                       KdccDeployment   deployment,
                                       const char      *template)
{
  if (template != NULL && *template != '\0')
    return expand (template, self);
  switch (deployment)
    {
    case KDCC_DEPLOYMENT_CEPHADM:
      return g_strdup_printf ("ceph orch daemon restart %s", kdcc_restart_item_get_daemon (self));
    case KDCC_DEPLOYMENT_ROOK:
      return g_strdup_printf ("kubectl -n rook-ceph rollout restart deployment/rook-ceph-%s-%s",
                              kdcc_restart_item_get_daemon_type (self), kdcc_restart_item_get_daemon_id (self));
    case KDCC_DEPLOYMENT_PACKAGES:
    default:
      return g_strdup_printf ("systemctl restart ceph-%s@%s", kdcc_restart_item_get_daemon_type (self), kdcc_restart_item_get_daemon_id (self));
    }
}

gboolean
kdcc_restart_item_ok_to_stop_sync (KdccRestartItem  *self,
                                   KdccSource       *source,
                                   char            **reason,
                                   GCancellable     *cancellable,
                                   GError          **error)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) command = NULL;
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *prefix = NULL;

  if (!g_str_equal (kdcc_restart_item_get_daemon_type (self), "osd") && !g_str_equal (kdcc_restart_item_get_daemon_type (self), "mon")
      && !g_str_equal (kdcc_restart_item_get_daemon_type (self), "mds"))
    return TRUE;

  prefix = g_strdup_printf ("%s ok-to-stop", kdcc_restart_item_get_daemon_type (self));
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "prefix");
  json_builder_add_string_value (builder, prefix);
  json_builder_set_member_name (builder, "ids");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, kdcc_restart_item_get_daemon_id (self));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  command = json_builder_get_root (builder);
  text = json_to_string (command, FALSE);
  answer = kdcc_source_run_command_sync (source, "mon", text, NULL, cancellable, &local_error);
  if (answer != NULL)
    return TRUE;
  /* Ceph answers EBUSY ("not enough monitors would be available"), a
   * refusal with its reason; anything else means the check did not run. */
  if (g_error_matches (local_error, KDCC_ERROR, KDCC_ERROR_COMMAND))
    {
      if (reason != NULL)
        *reason = g_strdup (local_error->message);
      return FALSE;
    }
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

typedef struct
{
  gboolean  ok;
  char     *reason;
} OkToStop;

static void
ok_to_stop_free (OkToStop *answer)
{
  g_free (answer->reason);
  g_free (answer);
}

static void
ok_to_stop_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  OkToStop *answer = g_new0 (OkToStop, 1);
  GError *error = NULL;

  answer->ok = kdcc_restart_item_ok_to_stop_sync (source_object, task_data, &answer->reason,
                                                  cancellable, &error);
  if (error != NULL)
    {
      ok_to_stop_free (answer);
      g_task_return_error (task, error);
    }
  else
    g_task_return_pointer (task, answer, (GDestroyNotify) ok_to_stop_free);
}

void
kdcc_restart_item_ok_to_stop_async (KdccRestartItem     *self,
                                    KdccSource          *source,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, kdcc_restart_item_ok_to_stop_async);
  g_task_set_task_data (task, g_object_ref (source), g_object_unref);
  g_task_run_in_thread (task, ok_to_stop_thread);
}

gboolean
kdcc_restart_item_ok_to_stop_finish (KdccRestartItem  *self,
                                     GAsyncResult     *result,
                                     char            **reason,
                                     GError          **error)
{
  OkToStop *answer;
  gboolean ok;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  answer = g_task_propagate_pointer (G_TASK (result), error);
  if (answer == NULL)
    return FALSE;
  ok = answer->ok;
  if (reason != NULL)
    *reason = g_steal_pointer (&answer->reason);
  ok_to_stop_free (answer);
  return ok;
}

KdccDeployment
kdcc_deployment_detect_sync (KdccSource   *source,
                             GCancellable *cancellable)
{
  g_autoptr(GBytes) answer = kdcc_source_run_command_sync (source, "mgr",
                                                           "{\"prefix\":\"orch status\","
                                                           "\"format\":\"json\"}",
                                                           NULL, cancellable, NULL);
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;
  const char *backend;

  if (answer == NULL || g_bytes_get_size (answer) == 0)
    return KDCC_DEPLOYMENT_PACKAGES;
  parser = json_parser_new ();
  if (!kdcc_json_parser_load (parser, "restart plan", g_bytes_get_data (answer, NULL),
                              g_bytes_get_size (answer), NULL))
    return KDCC_DEPLOYMENT_PACKAGES;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return KDCC_DEPLOYMENT_PACKAGES;
  if (!json_object_get_boolean_member_with_default (json_node_get_object (root), "available",
                                                    FALSE))
    return KDCC_DEPLOYMENT_PACKAGES;
  backend = json_object_get_string_member_with_default (json_node_get_object (root), "backend", "");
  if (g_str_equal (backend, "cephadm"))
    return KDCC_DEPLOYMENT_CEPHADM;
  if (g_str_equal (backend, "rook"))
    return KDCC_DEPLOYMENT_ROOK;
  return KDCC_DEPLOYMENT_PACKAGES;
}

const char *
kdcc_deployment_to_string (KdccDeployment deployment)
{
  switch (deployment)
    {
    case KDCC_DEPLOYMENT_CEPHADM: return "cephadm";
    case KDCC_DEPLOYMENT_ROOK: return "rook";
    case KDCC_DEPLOYMENT_PACKAGES:
    default: return "packages";
    }
}

static char *
template_file (void)
{
  return g_build_filename (g_get_user_config_dir (), "kdcc", "restart.ini", NULL);
}

char *
kdcc_restart_template_load (const char *fsid)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autofree char *path = template_file ();

  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, NULL))
    return NULL;
  return g_key_file_get_string (file, fsid, "template", NULL);
}

gboolean
kdcc_restart_template_save (const char  *fsid,
                            const char  *template,
                            GError     **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autofree char *path = template_file ();
  g_autofree char *dir = g_path_get_dirname (path);

  g_key_file_load_from_file (file, path, G_KEY_FILE_KEEP_COMMENTS, NULL);
  if (template != NULL && *template != '\0')
    g_key_file_set_string (file, fsid, "template", template);
  else
    g_key_file_remove_group (file, fsid, NULL);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, _("Cannot create %s"), dir);
      return FALSE;
    }
  return g_key_file_save_to_file (file, path, error);
}

gboolean
kdcc_restart_item_run_template_sync (KdccRestartItem  *self,
                                     const char       *template,
                                     GCancellable     *cancellable,
                                     GError          **error)
{
  g_auto(GStrv) argv = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *err = NULL;

  if (!g_shell_parse_argv (template, NULL, &argv, error))
    return FALSE;
  /* Placeholders are replaced inside the words, after splitting, so a
   * host name can never become a second word or a shell construct. */
  for (guint i = 0; argv[i] != NULL; i++)
    {
      char *expanded = expand (argv[i], self);

      g_free (argv[i]);
      argv[i] = expanded;
    }
  process = g_subprocess_newv ((const char * const *) argv,
                               G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               error);
  if (process == NULL
      || !g_subprocess_communicate_utf8 (process, NULL, cancellable, NULL, &err, error))
    return FALSE;
  if (!g_subprocess_get_successful (process))
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_COMMAND, _("%s failed: %s"), argv[0],
                   err != NULL ? g_strstrip (err) : "");
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  KdccSource *source;
  KdccJob    *job;
  GPtrArray  *plan;      /* GPtrArray of KdccRestartItem per failure domain */
  char       *template;
  guint       wait_seconds;
} PlanRun;

static void
plan_run_free (PlanRun *run)
{
  g_clear_object (&run->source);
  g_clear_object (&run->job);
  g_clear_pointer (&run->plan, g_ptr_array_unref);
  g_free (run->template);
  g_free (run);
}

static gboolean
run_one (PlanRun          *run,
         KdccRestartItem  *item,
         GCancellable     *cancellable,
         GError          **error)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) run->wait_seconds * G_USEC_PER_SEC;
  g_autofree char *reason = NULL;

  for (;;)
    {
      g_clear_pointer (&reason, g_free);
      if (kdcc_restart_item_ok_to_stop_sync (item, run->source, &reason, cancellable, error))
        break;
      if (reason == NULL)
        return FALSE;
      if (g_get_monotonic_time () >= deadline)
        {
          /* TRANSLATORS: the daemon, then Ceph's reason. */
          g_set_error (error, KDCC_ERROR, KDCC_ERROR_COMMAND, _("%s is not safe to stop: %s"),
                       kdcc_restart_item_get_daemon (item), reason);
          return FALSE;
        }
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      g_usleep (2 * G_USEC_PER_SEC);
    }
  return kdcc_restart_item_run_template_sync (item, run->template, cancellable, error);
}

static void
plan_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  PlanRun *run = task_data;
  guint total = 0, done = 0;

  for (guint g = 0; g < run->plan->len; g++)
    total += ((GPtrArray *) g_ptr_array_index (run->plan, g))->len;
  for (guint g = 0; g < run->plan->len; g++)
    {
      GPtrArray *group = g_ptr_array_index (run->plan, g);

      for (guint i = 0; i < group->len; i++)
        {
          KdccRestartItem *item = g_ptr_array_index (group, i);
          g_autofree char *status = NULL;
          GError *error = NULL;

          /* TRANSLATORS: a daemon, then its host */
          status = g_strdup_printf (_("Restarting %s on %s"), kdcc_restart_item_get_daemon (item),
                                    *kdcc_restart_item_get_host (item) != '\0'
                                      ? kdcc_restart_item_get_host (item) : "?");
          kdcc_job_set_progress (run->job, (double) done / MAX (total, 1), status);
          if (!run_one (run, item, cancellable, &error))
            {
              kdcc_job_fail (run->job, error);
              g_task_return_error (task, error);
              return;
            }
          done++;
        }
    }
  kdcc_job_set_fraction (run->job, 1.0);
  kdcc_job_succeed (run->job, NULL);
  g_task_return_boolean (task, TRUE);
}

KdccJob *
kdcc_pending_restarts_run_plan (KdccPendingRestarts *self,
                                KdccSource          *source,
                                const char          *template,
                                guint                wait_seconds)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GTask) task = NULL;
  KdccJob *job = kdcc_job_new (_("Restarting daemons"), cancellable);
  PlanRun *run;

  if (template == NULL || *template == '\0')
    {
      g_autoptr(GError) error = g_error_new_literal (KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                                                     _("No restart command is set for this "
                                                       "cluster"));

      kdcc_job_fail (job, error);
      return job;
    }
  run = g_new0 (PlanRun, 1);
  run->source = g_object_ref (source);
  run->job = g_object_ref (job);
  run->plan = kdcc_pending_restarts_dup_plan (self);
  run->template = g_strdup (template);
  run->wait_seconds = wait_seconds;
  task = g_task_new (self, cancellable, NULL, NULL);
  g_task_set_source_tag (task, kdcc_pending_restarts_run_plan);
  g_task_set_task_data (task, run, (GDestroyNotify) plan_run_free);
  g_task_run_in_thread (task, plan_thread);
  return job;
}
