/* test-cli-kube.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The built `kdcc-cli kube` and `kdcc-cli diagnose --kubeconfig` (KDCC_CLI)
 * against the fake Kubernetes API server: the Rook resources, pods and
 * deployments as the Kubernetes page shows them, a section the user may
 * not read named on stderr while the others print, a pod's log bounded
 * (read back identically by kubectl logs) and followed, and a bundle
 * gathered through the kubeconfig. No Ceph cluster.
 */
#define G_LOG_DOMAIN "test-cli-kube"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "kdcc-test-kube.h"

#define NS "rook-ceph"

static KdccTestKube *kube;

static const char extra_objects[] =
  "["
  " {\"apiVersion\": \"ceph.rook.io/v1\", \"kind\": \"CephBlockPool\","
  "  \"metadata\": {\"name\": \"replicapool\", \"namespace\": \"rook-ceph\"},"
  "  \"spec\": {}, \"status\": {\"phase\": \"Ready\", \"conditions\": [{\"type\": \"Ready\","
  "   \"status\": \"True\"}]}},"
  " {\"apiVersion\": \"ceph.rook.io/v1\", \"kind\": \"CephObjectStore\","
  "  \"metadata\": {\"name\": \"my-store\", \"namespace\": \"rook-ceph\"},"
  "  \"spec\": {}, \"status\": {\"phase\": \"Progressing\"}},"
  " {\"apiVersion\": \"v1\", \"kind\": \"Pod\","
  "  \"metadata\": {\"name\": \"rook-ceph-osd-0-77c9\", \"namespace\": \"rook-ceph\","
  "   \"labels\": {\"app\": \"rook-ceph-osd\"}},"
  "  \"spec\": {\"nodeName\": \"node-2\", \"containers\": ["
  "   {\"name\": \"osd\", \"image\": \"quay.io/ceph/ceph:v19.2.0\"}]},"
  "  \"status\": {\"phase\": \"Running\", \"containerStatuses\": ["
  "   {\"name\": \"osd\", \"ready\": false, \"restartCount\": 4,"
  "    \"state\": {\"waiting\": {\"reason\": \"CrashLoopBackOff\"}}}]}},"
  " {\"apiVersion\": \"v1\", \"kind\": \"Pod\","
  "  \"metadata\": {\"name\": \"rook-ceph-mds-a-1\", \"namespace\": \"rook-ceph\"},"
  "  \"spec\": {\"containers\": [{\"name\": \"mds\", \"image\": \"ceph\"}]},"
  "  \"status\": {\"phase\": \"Running\"}}"
  "]";

/* Runs kdcc-cli with ARGS; returns its exit status. */
static int
run_cli (char      **out,
         char      **err,
         const char *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("KDCC_CLI");
  const char *arg;
  va_list ap;

  if (cli == NULL)
    g_error ("KDCC_CLI is not set; run the tests through meson");
  g_ptr_array_add (argv, (char *) cli);
  va_start (ap, first);
  for (arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, out, err, &error);
  g_assert_no_error (error);
  return g_subprocess_get_exit_status (process);
}

static void
test_lists (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  /* The namespace comes from the CephCluster found. */
  g_assert_cmpint (run_cli (&out, &err, "kube", "pods", "--kubeconfig", kube->kubeconfig,
                            "--context", "admin", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "RESTARTS"));
  g_assert_nonnull (strstr (out, "rook-ceph-osd-0-77c9"));
  g_assert_nonnull (strstr (out, "CrashLoopBackOff"));
  g_assert_nonnull (strstr (out, "node-2"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&out, &err, "kube", "resources", "--kubeconfig", kube->kubeconfig,
                            "--context", "admin", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "CephBlockPool"));
  g_assert_nonnull (strstr (out, "Ready=True"));
  g_assert_nonnull (strstr (out, "Progressing"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&out, &err, "kube", "deployments", "--kubeconfig",
                            kube->kubeconfig, "--context", "admin", "-n", NS, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "rook-ceph-operator"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* bob may read pods only: each other section names what is missing. */
  g_assert_cmpint (run_cli (&out, &err, "kube", "resources", "--kubeconfig", kube->kubeconfig,
                            "--context", "restricted", "-n", NS, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "cephblockpools.ceph.rook.io"));
  g_assert_nonnull (strstr (err, "“list”"));
  g_assert_nonnull (strstr (err, "cephobjectstores"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "kube", "pods", "--kubeconfig", kube->kubeconfig,
                            "--context", "restricted", "-n", NS, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "rook-ceph-osd-0-77c9"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Usage errors exit 2. */
  g_assert_cmpint (run_cli (&out, &err, "kube", "nodes", "--kubeconfig", kube->kubeconfig,
                            NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "kube", "logs", "--kubeconfig", kube->kubeconfig,
                            NULL), ==, 2);
}

static void
test_logs (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *kubectl_out = NULL;

  kdcc_test_kube_append_log (kube, NS, "rook-ceph-osd-0-77c9", "osd", "a\nb\nc\nd\n");
  g_assert_cmpint (run_cli (&out, &err, "kube", "logs", "rook-ceph-osd-0-77c9", "--tail", "2",
                            "--kubeconfig", kube->kubeconfig, "--context", "admin", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "c\nd\n");
  g_assert_cmpint (kdcc_test_kube_kubectl (kube, "admin", &kubectl_out, NULL, "-n", NS, "logs",
                                           "rook-ceph-osd-0-77c9", "--tail=2", NULL), ==, 0);
  g_assert_cmpstr (kubectl_out, ==, out);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&out, &err, "kube", "logs", "rook-ceph-osd-0-77c9",
                            "--kubeconfig", kube->kubeconfig, "--context", "restricted", NULL),
                   ==, 1);
  g_assert_nonnull (strstr (err, "pods/log"));
}

static void
read_line_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  char **line = user_data;
  g_autoptr(GError) error = NULL;

  *line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (object), result,
                                                     NULL, &error);
  g_assert_no_error (error);
  if (*line == NULL)
    *line = g_strdup ("<EOF>");
}

static char *
read_line (GDataInputStream *stream)
{
  char *line = NULL;
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  g_data_input_stream_read_line_async (stream, G_PRIORITY_DEFAULT, NULL, read_line_cb, &line);
  while (line == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  return line;
}

static void
test_follow (void)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) stdout_lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  int rc;

  kdcc_test_kube_append_log (kube, NS, "rook-ceph-mds-a-1", "mds", "old\n");
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, g_getenv ("KDCC_CLI"),
                              "kube", "logs", "rook-ceph-mds-a-1", "--follow", "--tail", "1",
                              "--kubeconfig", kube->kubeconfig, "--context", "admin", "-n", NS,
                              NULL);
  g_assert_no_error (error);
  stdout_lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));

  line = read_line (stdout_lines);
  g_assert_cmpstr (line, ==, "old");
  g_clear_pointer (&line, g_free);
  kdcc_test_kube_append_log (kube, NS, "rook-ceph-mds-a-1", "mds", "new\n");
  line = read_line (stdout_lines);
  g_assert_cmpstr (line, ==, "new");
  g_clear_pointer (&line, g_free);

  /* The pod goes: the log ends and so does kdcc-cli, successfully. */
  rc = kdcc_test_kube_kubectl (kube, "admin", NULL, NULL, "-n", NS, "delete", "pod",
                               "rook-ceph-mds-a-1", "--wait=false", NULL);
  g_assert_cmpint (rc, ==, 0);
  line = read_line (stdout_lines);
  g_assert_cmpstr (line, ==, "<EOF>");
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
}

static void
test_diagnose (void)
{
  g_autofree char *dir = g_dir_make_tmp ("kdcc-cli-kube-XXXXXX", NULL);
  g_autofree char *target = g_build_filename (dir, "bundle.tar.gz", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_nonnull (dir);
  g_assert_cmpint (run_cli (&out, &err, "diagnose", "--kubeconfig", kube->kubeconfig,
                            "--context", "admin", "--namespace", NS, "-o", target, "-q",
                            "--timeout", "30", NULL), ==, 0);
  g_assert_nonnull (strstr (out, target));
  g_assert_true (g_file_test (target, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (g_unlink (target), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *rook = NULL;
  g_autofree char *objects = NULL;
  g_autoptr(JsonNode) all = NULL;
  g_autoptr(JsonNode) more = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);

  rook = kdcc_test_kube_rook_objects ("0b5e7c4e-1111-4222-8333-944445555666", "not-used");
  all = json_from_string (rook, NULL);
  more = json_from_string (extra_objects, NULL);
  g_assert_nonnull (all);
  g_assert_nonnull (more);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (more)); i++)
    json_array_add_element (json_node_get_array (all),
                            json_node_copy (json_array_get_element (json_node_get_array (more), i)));
  objects = json_to_string (all, FALSE);
  kube = kdcc_test_kube_start (objects, NULL);

  g_test_add_func ("/cli-kube/lists", test_lists);
  g_test_add_func ("/cli-kube/logs", test_logs);
  g_test_add_func ("/cli-kube/follow", test_follow);
  g_test_add_func ("/cli-kube/diagnose", test_diagnose);

  ret = g_test_run ();
  kdcc_test_kube_free (kube);
  return ret;
}
