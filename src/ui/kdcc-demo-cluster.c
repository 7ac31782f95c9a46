/* kdcc-demo-cluster.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-demo-cluster"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdcc-demo-cluster.h"
#include "kdcc-error.h"

struct _KdccDemoCluster
{
  GObject  parent_instance;

  char    *tool;
  char    *dir;
  char    *conf;
  char    *keyring;
  char    *client_id;
};

G_DEFINE_FINAL_TYPE (KdccDemoCluster, kdcc_demo_cluster, G_TYPE_OBJECT)

static void
kdcc_demo_cluster_finalize (GObject *object)
{
  KdccDemoCluster *self = (KdccDemoCluster *)object;

  kdcc_demo_cluster_stop (self);

  g_clear_pointer (&self->tool, g_free);
  g_clear_pointer (&self->conf, g_free);
  g_clear_pointer (&self->keyring, g_free);
  g_clear_pointer (&self->client_id, g_free);

  G_OBJECT_CLASS (kdcc_demo_cluster_parent_class)->finalize (object);
}

static void
kdcc_demo_cluster_class_init (KdccDemoClusterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kdcc_demo_cluster_finalize;
}

static void
kdcc_demo_cluster_init (KdccDemoCluster *self)
{
}

KdccDemoCluster *
kdcc_demo_cluster_new (void)
{
  return g_object_new (KDCC_TYPE_DEMO_CLUSTER, NULL);
}

char *
kdcc_demo_cluster_find_tool (void)
{
  static const char *daemons[] = { "ceph-mon", "ceph-mgr", "ceph-osd" };
  const char *candidates[] = {
    g_getenv ("KDCC_DEMO_CLUSTER_TOOL"),
    KDCC_DEMO_TOOL_INSTALLED,
    KDCC_DEMO_TOOL_SOURCE,
  };

  for (guint i = 0; i < G_N_ELEMENTS (daemons); i++)
    {
      g_autofree char *path = g_find_program_in_path (daemons[i]);

      if (path == NULL)
        return NULL;
    }

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    if (candidates[i] != NULL && *candidates[i] != '\0' &&
        g_file_test (candidates[i], G_FILE_TEST_IS_EXECUTABLE))
      return g_strdup (candidates[i]);

  return NULL;
}

gboolean
kdcc_demo_cluster_is_available (void)
{
  g_autofree char *tool = kdcc_demo_cluster_find_tool ();

  return tool != NULL;
}

static void
take_string (char **field,
             char **value)
{
  g_free (*field);
  *field = g_steal_pointer (value);
}

/* cluster.env is written by the tool with printf %q, i.e. shell quoting. */
static gboolean
load_env (KdccDemoCluster  *self,
          const char       *dir,
          GError          **error)
{
  g_autofree char *path = g_build_filename (dir, "cluster.env", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (path, &contents, NULL, error))
    return FALSE;

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *eq = strchr (lines[i], '=');
      g_autofree char *key = NULL;
      g_autofree char *value = NULL;

      if (lines[i][0] == '#' || eq == NULL)
        continue;

      key = g_strndup (lines[i], eq - lines[i]);
      value = g_shell_unquote (eq + 1, NULL);
      if (value == NULL)
        continue;

      if (g_str_equal (key, "KDCC_TEST_CONF"))
        take_string (&self->conf, &value);
      else if (g_str_equal (key, "KDCC_TEST_KEYRING"))
        take_string (&self->keyring, &value);
      else if (g_str_equal (key, "KDCC_TEST_CLIENT_ID"))
        take_string (&self->client_id, &value);
    }

  if (self->conf == NULL || self->keyring == NULL)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_FAILED,
                   _("The demo cluster did not say where its configuration is (%s)"), path);
      return FALSE;
    }

  return TRUE;
}

static void
communicate_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GSubprocess *subprocess = G_SUBPROCESS (object);
  g_autoptr(GTask) task = user_data;
  KdccDemoCluster *self = g_task_get_source_object (task);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  const char *dir = NULL;

  if (!g_subprocess_communicate_utf8_finish (subprocess, result, &out, &err, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!g_subprocess_get_successful (subprocess))
    {
      g_autofree char *tail = NULL;
      g_auto(GStrv) err_lines = g_strsplit (err ? g_strstrip (err) : "", "\n", -1);
      guint n = g_strv_length (err_lines);

      /* The last lines of the tool's log say what went wrong. */
      tail = g_strjoinv ("\n", err_lines + (n > 3 ? n - 3 : 0));
      g_task_return_new_error (task, KDCC_ERROR, KDCC_ERROR_FAILED,
                               _("The demo cluster could not be started: %s"),
                               *tail ? tail : _("the tool failed without a message"));
      return;
    }

  lines = g_strsplit (out ? g_strstrip (out) : "", "\n", -1);
  if (lines[0] != NULL)
    dir = lines[g_strv_length (lines) - 1];

  if (dir == NULL || !g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_task_return_new_error (task, KDCC_ERROR, KDCC_ERROR_FAILED,
                               _("The demo cluster tool did not print its directory"));
      return;
    }

  g_free (self->dir);
  self->dir = g_strdup (dir);

  if (!load_env (self, dir, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

void
kdcc_demo_cluster_start_async (KdccDemoCluster     *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GSubprocess) subprocess = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (KDCC_IS_DEMO_CLUSTER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kdcc_demo_cluster_start_async);

  if (self->dir != NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  g_clear_pointer (&self->tool, g_free);
  self->tool = kdcc_demo_cluster_find_tool ();
  if (self->tool == NULL)
    {
      g_task_return_new_error (task, KDCC_ERROR, KDCC_ERROR_NOT_SUPPORTED,
                               _("A demo cluster needs ceph-mon, ceph-mgr and ceph-osd, "
                                 "and the kdcc-demo-cluster tool"));
      return;
    }

  subprocess = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                                 &error, self->tool, "start", NULL);
  if (subprocess == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_subprocess_communicate_utf8_async (subprocess, NULL, cancellable, communicate_cb,
                                       g_steal_pointer (&task));
}

gboolean
kdcc_demo_cluster_start_finish (KdccDemoCluster  *self,
                                GAsyncResult     *result,
                                GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
kdcc_demo_cluster_get_running (KdccDemoCluster *self)
{
  g_return_val_if_fail (KDCC_IS_DEMO_CLUSTER (self), FALSE);

  return self->dir != NULL;
}

const char *
kdcc_demo_cluster_get_dir (KdccDemoCluster *self)
{
  g_return_val_if_fail (KDCC_IS_DEMO_CLUSTER (self), NULL);

  return self->dir;
}

const char *
kdcc_demo_cluster_get_conf (KdccDemoCluster *self)
{
  g_return_val_if_fail (KDCC_IS_DEMO_CLUSTER (self), NULL);

  return self->conf;
}

const char *
kdcc_demo_cluster_get_keyring (KdccDemoCluster *self)
{
  g_return_val_if_fail (KDCC_IS_DEMO_CLUSTER (self), NULL);

  return self->keyring;
}

const char *
kdcc_demo_cluster_get_client_id (KdccDemoCluster *self)
{
  g_return_val_if_fail (KDCC_IS_DEMO_CLUSTER (self), NULL);

  return self->client_id ? self->client_id : "admin";
}

void
kdcc_demo_cluster_stop (KdccDemoCluster *self)
{
  g_autoptr(GSubprocess) subprocess = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (KDCC_IS_DEMO_CLUSTER (self));

  if (self->dir == NULL || self->tool == NULL)
    return;

  subprocess = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error,
                                 self->tool, "stop", self->dir, NULL);
  if (subprocess == NULL || !g_subprocess_wait (subprocess, NULL, &error))
    g_warning ("Could not stop the demo cluster in %s: %s", self->dir, error->message);

  g_clear_pointer (&self->dir, g_free);
}
