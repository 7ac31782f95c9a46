/* test-upgrade-rook.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Rook upgrade (issue 15) through the built `kdcc-cli upgrade …
 * --kubeconfig` against the fake Kubernetes API and its fake Rook operator
 * (tests/kube/kdcc_fake_rook_upgrade.py), checked with the real kubectl:
 * a whole upgrade (the operator first, then the daemons in Rook's order,
 * every label on the new versions at the end, each action in the audit
 * log), a stall explained by `status` while it lasts, paused (the operator
 * scaled to 0) and aborted (scaled back, the way back said), and a
 * failure reported with the CephCluster condition's message; the Ceph-CSI
 * images the plan reports are kubectl's.
 */
#define G_LOG_DOMAIN "test-upgrade-rook"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "kdcc-test-kube.h"

#define NS "rook-ceph"
#define FSID "5c1d15a0-0000-4000-8000-00000000a015"
#define TIMEOUT_S 120

typedef struct
{
  KdccTestKube *kube;
  char         *home;   /* XDG_STATE_HOME and XDG_DATA_HOME of the CLI */
} Fixture;

static void
fixture_start_objects (Fixture    *f,
                       const char *objects,
                       const char *mode)
{
  g_autofree char *control = g_strdup_printf ("rook-upgrade/%s", mode);
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GError) error = NULL;

  f->kube = kdcc_test_kube_start (objects, NULL);
  answer = kdcc_test_kube_control (f->kube, control);
  g_assert_cmpstr (json_object_get_string_member (answer, "rook-upgrade"), ==, mode);
  f->home = g_dir_make_tmp ("kdcc-rookup-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_start (Fixture    *f,
               const char *rook,
               const char *ceph,
               const char *mode)
{
  g_autofree char *objects = kdcc_test_kube_rook_upgrade_objects (rook, ceph, FSID);

  fixture_start_objects (f, objects, mode);
}

static void
rm_rf (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        rm_rf (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_stop (Fixture *f)
{
  g_clear_pointer (&f->kube, kdcc_test_kube_free);
  rm_rf (f->home);
  g_clear_pointer (&f->home, g_free);
}

static GSubprocess *
spawn_cli (Fixture            *f,
           const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("KDCC_CLI");
  GSubprocess *process;

  if (cli == NULL)
    g_error ("KDCC_CLI is not set; run the tests through meson");
  g_ptr_array_add (argv, g_strdup (cli));
  g_ptr_array_add (argv, g_strdup ("upgrade"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, g_strdup_printf ("--kubeconfig=%s", f->kube->kubeconfig));
  g_ptr_array_add (argv, g_strdup ("--context=admin"));
  g_ptr_array_add (argv, g_strdup ("--namespace=" NS));
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_STATE_HOME", f->home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", f->home, TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  return process;
}

static int
wait_cli (GSubprocess  *process,
          char        **out,
          char        **err)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8 (process, NULL, NULL, out, err, &error);
  g_assert_no_error (error);
  return g_subprocess_get_exit_status (process);
}

static int
run_cli (Fixture    *f,
         char      **out,
         char      **err,
         const char *first,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  va_list ap;

  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  process = spawn_cli (f, (const char * const *) args->pdata);
  return wait_cli (process, out, err);
}

/* kubectl's view: "NAME rook-version ceph-version ready rv" per deployment. */
static char *
kubectl_deployments (Fixture *f)
{
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = kdcc_test_kube_kubectl (f->kube, "admin", &out, &err, "--namespace", NS, "get",
                                       "deploy", "-o",
                                       "jsonpath={range .items[*]}{.metadata.name} "
                                       "{.metadata.labels.rook-version} "
                                       "{.metadata.labels.ceph-version} "
                                       "{.status.readyReplicas}/{.spec.replicas} "
                                       "{.metadata.resourceVersion}{\"\\n\"}{end}", NULL);

  g_assert_cmpint (status, ==, 0);
  return out;
}

static char *
kubectl_get (Fixture    *f,
             const char *what,
             const char *jsonpath)
{
  g_autofree char *err = NULL;
  g_autofree char *expr = g_strdup_printf ("jsonpath=%s", jsonpath);
  char *out = NULL;

  g_assert_cmpint (kdcc_test_kube_kubectl (f->kube, "admin", &out, &err, "--namespace", NS,
                                           "get", what, "-o", expr, NULL), ==, 0);
  return out;
}

static void
assert_before (const char *text,
               const char *first,
               const char *second)
{
  const char *a = strstr (text, first);
  const char *b = strstr (text, second);

  if (a == NULL || b == NULL || a >= b)
    g_error ("“%s” should come before “%s” in:\n%s", first, second, text);
}

static void
test_success (void)
{
  Fixture f = { 0 };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *deploys = NULL;
  g_autofree char *audit = NULL;
  g_autofree char *audit_path = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) order = g_ptr_array_new_with_free_func (g_free);
  guint64 operator_rv = 0;
  int status;

  fixture_start (&f, "v1.11.11", "16.2.15", "ok");

  /* The plan: Rook 1.11 runs no Reef, so the operator moves to 1.12 first. */
  status = run_cli (&f, &out, &err, "plan", "--to", "reef", "--rook-version", "v1.12.11", NULL);
  g_assert_cmpint (status, ==, 0);
  assert_before (out, "crds.yaml", "kubectl --namespace rook-ceph set image "
                 "deploy/rook-ceph-operator rook-ceph-operator=docker.io/rook/ceph:v1.12.11");
  assert_before (out, "set image deploy/rook-ceph-operator",
                 "kubectl --namespace rook-ceph patch cephcluster rook-ceph --type merge");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A skip Rook refuses: one minor at a time. */
  status = run_cli (&f, &out, &err, "plan", "--rook-version", "v1.13.0", NULL);
  g_assert_cmpint (status, !=, 0);
  g_assert_nonnull (strstr (err, "Rook moves one minor release at a time: from 1.11 the next "
                                 "is 1.12"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A Rook version the path does not reach is refused, not ignored. */
  status = run_cli (&f, &out, &err, "plan", "--to", "reef", "--rook-version", "v1.13.1", NULL);
  g_assert_cmpint (status, !=, 0);
  g_assert_nonnull (strstr (err, "Rook v1.13.1 is not the last Rook step on the way to reef"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  status = run_cli (&f, &out, &err, "preflight", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "Preflight passed."));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The CRDs are the admin's to apply: start stops there and says how. */
  status = run_cli (&f, &out, &err, "start", "--to", "reef", "--rook-version", "v1.12.11",
                    "--poll-ms", "100", NULL);
  g_assert_cmpint (status, ==, 3);
  g_assert_nonnull (strstr (out, "kubectl apply --server-side"));
  g_assert_nonnull (strstr (out, "--manual-done"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  deploys = kubectl_deployments (&f);
  g_assert_nonnull (strstr (deploys, "rook-ceph-mon-a v1.11.11 16.2.15-0 1/1"));
  g_clear_pointer (&deploys, g_free);

  status = run_cli (&f, &out, &err, "resume", "--manual-done", "--poll-ms", "60000", NULL);
  if (status != 0)
    g_error ("resume exited %d:\n%s\n%s", status, out, err);
  g_assert_nonnull (strstr (out, "The Rook upgrade is done."));
  /* KDCC waited for the operator before touching Ceph. */
  assert_before (out, "Rook operator image docker.io/rook/ceph:v1.11.11 → "
                 "docker.io/rook/ceph:v1.12.11", "Done: Set the Rook operator image");
  assert_before (out, "Done: Set the Rook operator image",
                 "CephCluster rook-ceph image quay.io/ceph/ceph:v16.2.15 → quay.io/ceph/ceph:v18.2");
  g_assert_nonnull (strstr (out, "ceph-version 18.2"));

  /* kubectl: every daemon on the new versions and ready; the last change
   * to each daemon (its pod ready on the new Ceph) came in Rook's order,
   * after the operator's own rollout. */
  deploys = kubectl_deployments (&f);
  lines = g_strsplit (g_strstrip (deploys), "\n", -1);
  {
    g_autoptr(GPtrArray) rows = g_ptr_array_new ();
    const char *expected[] = { "rook-ceph-mon-a", "rook-ceph-mon-b", "rook-ceph-mon-c",
                               "rook-ceph-mgr-a", "rook-ceph-osd-0", "rook-ceph-osd-1",
                               "rook-ceph-osd-2" };

    g_assert_cmpuint (g_strv_length (lines), ==, 8);
    for (guint i = 0; lines[i] != NULL; i++)
      {
        g_auto(GStrv) w = g_strsplit (lines[i], " ", -1);

        if (g_str_equal (w[0], "rook-ceph-operator"))
          {
            operator_rv = g_ascii_strtoull (w[g_strv_length (w) - 1], NULL, 10);
            continue;
          }
        g_assert_cmpuint (g_strv_length (w), ==, 5);
        g_assert_cmpstr (w[1], ==, "v1.12.11");
        g_assert_true (g_str_has_prefix (w[2], "18.2."));
        g_assert_cmpstr (w[3], ==, "1/1");
        g_ptr_array_add (rows, g_strdup (lines[i]));
      }
    /* Sorted by resourceVersion: the order of their last change. */
    for (guint n = 0; n < G_N_ELEMENTS (expected); n++)
      {
        guint64 best = G_MAXUINT64;
        guint best_i = 0;

        for (guint i = 0; i < rows->len; i++)
          {
            g_auto(GStrv) w = g_strsplit (g_ptr_array_index (rows, i), " ", -1);
            guint64 rv = g_ascii_strtoull (w[4], NULL, 10);

            if (rv < best)
              best = rv, best_i = i;
          }
        {
          g_auto(GStrv) w = g_strsplit (g_ptr_array_index (rows, best_i), " ", -1);

          g_assert_cmpuint (best, >, operator_rv);
          g_ptr_array_add (order, g_strdup (w[0]));
        }
        g_free (g_ptr_array_steal_index (rows, best_i));
      }
    for (guint n = 0; n < G_N_ELEMENTS (expected); n++)
      g_assert_cmpstr (g_ptr_array_index (order, n), ==, expected[n]);
    g_ptr_array_set_free_func (rows, g_free);
  }
  {
    g_autofree char *phase = kubectl_get (&f, "cephcluster/rook-ceph",
                                          "{.status.phase} {.status.version.version}");

    g_assert_true (g_str_has_prefix (phase, "Ready 18.2."));
  }

  /* status says done; the audit log has each action with its kubectl. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&f, &out, &err, "status", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "rook-ceph/rook-ceph: done"));
  audit_path = g_build_filename (f.home, "kdcc", "audit", FSID ".jsonl", NULL);
  g_assert_true (g_file_get_contents (audit_path, &audit, NULL, NULL));
  assert_before (audit, "\"upgrade-rook-operator\"", "\"upgrade-rook-ceph\"");
  assert_before (audit, "\"upgrade-rook-ceph\"", "\"upgrade-done\"");
  g_assert_nonnull (strstr (audit, "set image deploy/rook-ceph-operator"));
  g_assert_nonnull (strstr (audit, "\"upgrade-manual-step\""));

  /* A second start of a finished upgrade is a new one: nothing left to do
   * is refused by the planner (the target runs already). */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&f, &out, &err, "start", "--to", "reef", NULL), !=, 0);

  fixture_stop (&f);
}

/* Polls `upgrade status` until it says the upgrade waits for DAEMON at
 * GATE for at least MIN_S seconds; *LAST is what it said last. */
static gboolean
wait_for_wait (Fixture    *f,
               const char *daemon_gate,
               int         min_s,
               char      **last)
{
  gint64 deadline = g_get_monotonic_time () + TIMEOUT_S * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      g_autofree char *err = NULL;
      const char *at;

      g_clear_pointer (last, g_free);
      run_cli (f, last, &err, "status", NULL);
      at = strstr (*last, daemon_gate);
      if (at != NULL && atoi (at + strlen (daemon_gate)) >= min_s)
        return TRUE;
      g_usleep (200 * 1000);
    }
  return FALSE;
}

static void
test_stall (void)
{
  Fixture f = { 0 };
  g_autoptr(GSubprocess) start = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *status_text = NULL;
  g_autofree char *replicas = NULL;
  const char *args[] = { "start", "--to", "reef", "--poll-ms", "100", "--stall-after", "2",
                         NULL };
  const char *waiting;
  int status;

  /* Rook 1.12 runs Pacific and Reef: a Ceph-only upgrade. */
  fixture_start (&f, "v1.12.11", "16.2.15", "stall");
  start = spawn_cli (&f, args);

  /* status, from another process, explains the stall while it lasts:
   * which deployment, which gate, for how long. */
  if (!wait_for_wait (&f, "Waiting for osd.1 (gate pod-not-ready) for ", 2, &status_text))
    g_error ("no stall explained:\n%s", status_text);
  waiting = strstr (status_text, "Waiting for osd.1 (gate pod-not-ready) for ");
  g_assert_nonnull (strstr (waiting, "deployment rook-ceph-osd-1: pod not ready (0 of 1"));
  g_assert_cmpint (atoi (waiting + strlen ("Waiting for osd.1 (gate pod-not-ready) for ")), >=, 2);
  {
    g_autoptr(JsonNode) node = NULL;
    g_autoptr(GError) error = NULL;
    JsonObject *o;
    JsonArray *daemons;

    g_assert_cmpint (run_cli (&f, &out, &err, "status", "--json", NULL), ==, 0);
    node = json_from_string (out, &error);
    g_assert_no_error (error);
    o = json_node_get_object (node);
    g_assert_cmpint (json_object_get_int_member (o, "wait_seconds"), >=, 2);
    daemons = json_object_get_array_member (o, "daemons");
    g_assert_cmpuint (json_array_get_length (daemons), ==, 7);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (daemons, 5),
                                                    "deployment"), ==, "rook-ceph-osd-1");
    g_assert_false (json_object_get_boolean_member (json_array_get_object_element (daemons, 5),
                                                    "ready"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }

  /* Pause: the operator is scaled to 0 and start exits 3. */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (&f, &out, &err, "pause", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  status = wait_cli (start, &out, &err);
  if (status != 3)
    g_error ("start exited %d:\n%s\n%s", status, out, err);
  g_assert_nonnull (strstr (out, "Stalled for "));
  g_assert_nonnull (strstr (out, "rook-ceph-osd-1: pod not ready"));
  replicas = kubectl_get (&f, "deploy/rook-ceph-operator", "{.spec.replicas}");
  g_assert_cmpstr (replicas, ==, "0");
  g_clear_pointer (&replicas, g_free);

  /* Abort: the operator back, and what cannot be undone said. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&f, &out, &err, "abort", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "cannot go back"));
  replicas = kubectl_get (&f, "deploy/rook-ceph-operator", "{.spec.replicas}");
  g_assert_cmpstr (replicas, ==, "1");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&f, &out, &err, "status", NULL), ==, 0);
  g_assert_nonnull (strstr (out, ": aborted"));

  fixture_stop (&f);
}

static void
test_failure (void)
{
  Fixture f = { 0 };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *phase = NULL;
  int status;

  fixture_start (&f, "v1.12.11", "16.2.15", "fail");
  status = run_cli (&f, &out, &err, "start", "--to", "reef", "--poll-ms", "100", NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "phase Failure"));
  g_assert_nonnull (strstr (err, "deployment rook-ceph-mgr-a did not become ready"));
  phase = kubectl_get (&f, "cephcluster/rook-ceph", "{.status.phase}");
  g_assert_cmpstr (phase, ==, "Failure");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&f, &out, &err, "status", NULL), ==, 0);
  g_assert_nonnull (strstr (out, ": failed"));
  g_assert_nonnull (strstr (out, "the fake operator was told to fail"));

  /* The preflight names the CR's failed condition. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&f, &out, &err, "preflight", "--resuming", NULL), ==, 1);
  g_assert_nonnull (strstr (out, "FAIL  CephCluster conditions: CephCluster rook-ceph/rook-ceph "
                                 "is in phase Failure: Failure: failed to upgrade ceph daemons"));
  g_assert_nonnull (strstr (out, "Preflight failed"));

  fixture_stop (&f);
}

/* With Helm, KDCC says which `helm upgrade` to run, waits for the admin
 * (resume --manual-done), then watches the result as for kubectl. The
 * admin's helm is played here by kubectl doing what the charts change. */
static void
test_helm (void)
{
  Fixture f = { 0 };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *deploys = NULL;
  g_autofree char *label = NULL;
  int status;

  fixture_start (&f, "v1.11.11", "16.2.15", "ok");
  g_assert_cmpint (kdcc_test_kube_kubectl (f.kube, "admin", NULL, NULL, "--namespace", NS, "label",
                                           "deploy/rook-ceph-operator",
                                           "app.kubernetes.io/managed-by=Helm", NULL), ==, 0);
  g_assert_cmpint (kdcc_test_kube_kubectl (f.kube, "admin", NULL, NULL, "--namespace", NS,
                                           "annotate", "deploy/rook-ceph-operator",
                                           "meta.helm.sh/release-name=rook-ceph", NULL), ==, 0);

  status = run_cli (&f, &out, &err, "plan", "--to", "reef", "--rook-version", "v1.12.11", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_null (strstr (out, "crds.yaml"));
  assert_before (out, "helm repo update && helm upgrade --namespace rook-ceph rook-ceph "
                 "rook-release/rook-ceph --version v1.12.11",
                 "helm upgrade --namespace rook-ceph rook-ceph-cluster "
                 "rook-release/rook-ceph-cluster --reuse-values "
                 "--set cephClusterSpec.cephVersion.image=quay.io/ceph/ceph:v18.2");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The operator chart is the admin's to upgrade. */
  status = run_cli (&f, &out, &err, "start", "--to", "reef", "--rook-version", "v1.12.11",
                    "--poll-ms", "100", NULL);
  g_assert_cmpint (status, ==, 3);
  g_assert_nonnull (strstr (out, "Run: helm repo update && helm upgrade"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (kdcc_test_kube_kubectl (f.kube, "admin", NULL, NULL, "--namespace", NS, "set",
                                           "image", "deploy/rook-ceph-operator",
                                           "rook-ceph-operator=docker.io/rook/ceph:v1.12.11",
                                           NULL), ==, 0);

  /* Watched until every daemon shows the new Rook, then the cluster chart.
   * A list only every 60 s: the watch of the deployments wakes KDCC as
   * soon as the operator moves them, or this would take many minutes. */
  status = run_cli (&f, &out, &err, "resume", "--manual-done", "--poll-ms", "60000", NULL);
  g_assert_cmpint (status, ==, 3);
  g_assert_nonnull (strstr (out, "Done: Upgrade the Rook operator chart to v1.12.11"));
  g_assert_nonnull (strstr (out, "Run: helm upgrade --namespace rook-ceph rook-ceph-cluster"));
  deploys = kubectl_deployments (&f);
  g_assert_nonnull (strstr (deploys, "rook-ceph-osd-2 v1.12.11 16.2.15-0 1/1"));
  g_clear_pointer (&deploys, g_free);
  {
    /* The image the plan chose (the catalog's newest Reef). */
    const char *at = strstr (out, "cephClusterSpec.cephVersion.image=");
    g_autofree char *image = NULL;
    g_autofree char *patch = NULL;

    g_assert_nonnull (at);
    at += strlen ("cephClusterSpec.cephVersion.image=");
    image = g_strndup (at, strcspn (at, " "));
    g_assert_true (g_str_has_prefix (image, "quay.io/ceph/ceph:v18.2."));
    label = g_strdup_printf ("rook-ceph-osd-2 v1.12.11 %s-0 1/1",
                             image + strlen ("quay.io/ceph/ceph:v"));
    patch = g_strdup_printf ("{\"spec\":{\"cephVersion\":{\"image\":\"%s\"}}}", image);
    g_assert_cmpint (kdcc_test_kube_kubectl (f.kube, "admin", NULL, NULL, "--namespace", NS,
                                             "patch", "cephcluster", "rook-ceph", "--type",
                                             "merge", "-p", patch, NULL), ==, 0);
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  status = run_cli (&f, &out, &err, "resume", "--manual-done", "--poll-ms", "60000", NULL);
  if (status != 0)
    g_error ("resume exited %d:\n%s\n%s", status, out, err);
  g_assert_nonnull (strstr (out, "The Rook upgrade is done."));
  deploys = kubectl_deployments (&f);
  g_assert_nonnull (strstr (deploys, label));

  fixture_stop (&f);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* CSI where visible: the fake holds Rook's Ceph-CSI DaemonSets and
 * provisioner Deployments (checked with kubectl), and the plan's facts
 * report exactly kubectl's csi-* containers and images, beside the Rook
 * operator's version. */
static void
test_csi (void)
{
  Fixture f = { 0 };
  g_autofree char *objects = kdcc_test_kube_rook_upgrade_objects_csi ("v1.12.11", "17.2.7", FSID,
                                                                      "v3.9.0");
  g_autofree char *listed = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) reported = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  JsonObject *root;
  JsonArray *csi;

  fixture_start_objects (&f, objects, "ok");

  /* kubectl's view: "Kind/name container=image ..." per workload. */
  listed = kubectl_get (&f, "daemonsets,deployments",
                        "{range .items[*]}{.kind}/{.metadata.name}"
                        "{range .spec.template.spec.containers[*]} {.name}={.image}{end}"
                        "{\"\\n\"}{end}");
  lines = g_strsplit (g_strstrip (listed), "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) w = g_strsplit (lines[i], " ", -1);
      const char *slash = strchr (w[0], '/');

      g_assert_nonnull (slash);
      if (!g_str_has_prefix (slash + 1, "csi-"))
        continue;
      for (guint j = 1; w[j] != NULL; j++)
        {
          const char *eq = strchr (w[j], '=');

          g_assert_nonnull (eq);
          g_ptr_array_add (expected, g_strdup_printf ("%s %.*s %s", w[0], (int) (eq - w[j]), w[j],
                                                      eq + 1));
        }
    }
  /* Two DaemonSets (registrar + plugin), the RBD provisioner's five
   * containers and the CephFS provisioner's two. */
  g_assert_cmpuint (expected->len, ==, 11);
  g_assert_true (g_ptr_array_find_with_equal_func (expected,
                                                   "DaemonSet/csi-rbdplugin csi-rbdplugin "
                                                   "quay.io/cephcsi/cephcsi:v3.9.0",
                                                   g_str_equal, NULL));

  g_assert_cmpint (run_cli (&f, &out, &err, "plan", "--to", "reef", "--json", NULL), ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "rook_running"), ==, "v1.12.11");
  csi = json_object_get_array_member (root, "csi");
  for (guint i = 0; i < json_array_get_length (csi); i++)
    {
      JsonObject *c = json_array_get_object_element (csi, i);

      g_ptr_array_add (reported, g_strdup_printf ("%s/%s %s %s",
                                                  json_object_get_string_member (c, "kind"),
                                                  json_object_get_string_member (c, "workload"),
                                                  json_object_get_string_member (c, "container"),
                                                  json_object_get_string_member (c, "image")));
    }
  g_ptr_array_sort (expected, (GCompareFunc) compare_strings);
  g_ptr_array_sort (reported, (GCompareFunc) compare_strings);
  g_assert_cmpuint (reported->len, ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    g_assert_cmpstr (g_ptr_array_index (reported, i), ==, g_ptr_array_index (expected, i));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The text plan says them too. */
  g_assert_cmpint (run_cli (&f, &out, &err, "plan", "--to", "reef", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Ceph-CSI images now"));
  g_assert_nonnull (strstr (out, "Deployment/csi-rbdplugin-provisioner csi-snapshotter: "
                                 "registry.k8s.io/sig-storage/csi-snapshotter:v6.2.2"));

  fixture_stop (&f);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/upgrade-rook/success", test_success);
  g_test_add_func ("/upgrade-rook/stall", test_stall);
  g_test_add_func ("/upgrade-rook/failure", test_failure);
  g_test_add_func ("/upgrade-rook/helm", test_helm);
  g_test_add_func ("/upgrade-rook/csi", test_csi);
  return g_test_run ();
}
