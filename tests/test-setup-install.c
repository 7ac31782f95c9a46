/* test-setup-install.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The set-up wizard's preflight and install against the fake Kubernetes API
 * server (tests/kube) with its fake Rook operator: preflight's checks and
 * their reasons for nodes, resources and devices; the install of the
 * operator (a subset of Rook's manifests, tests/fixtures/kube/rook-operator)
 * and a template's objects, followed to Ready, to Failure, and cancelled;
 * the refusal to install over another CephCluster; the audit log; and
 * `kdcc-cli setup preflight|install`. The real kubectl reads back what KDCC
 * applied (the CRDs Established through `kubectl wait`, the CephCluster's
 * phase).
 */
#define G_LOG_DOMAIN "test-setup-install"

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "kdcc-audit-log.h"
#include "kdcc-error.h"
#include "kdcc-kube-client.h"
#include "kdcc-kubeconfig.h"
#include "kdcc-setup-install.h"
#include "kdcc-setup-preflight.h"
#include "kdcc-test-kube.h"
#include "kdcc-test-util.h"

static char *data_home;

/* Four nodes of 4 CPUs and 8 GiB: three Ready, one cordoned. Devices on
 * the three Ready ones as Rook's discovery daemon reports them: one empty
 * 200 GB disk each, and a disk with a filesystem (not usable). */
static char *
cluster_objects (gboolean with_devices,
                 gboolean with_cephcluster)
{
  g_autoptr(GString) s = g_string_new ("[");

  for (guint i = 1; i <= 4; i++)
    g_string_append_printf (s,
      "%s{\"apiVersion\": \"v1\", \"kind\": \"Node\", \"metadata\": {\"name\": \"node%u\"},"
      " \"spec\": {%s},"
      " \"status\": {\"allocatable\": {\"cpu\": \"4\", \"memory\": \"8Gi\"},"
      "  \"conditions\": [{\"type\": \"Ready\", \"status\": \"True\"}]}}",
      i > 1 ? "," : "", i, i == 4 ? "\"unschedulable\": true" : "");
  for (guint i = 1; with_devices && i <= 3; i++)
    g_string_append_printf (s,
      ",{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": "
      "\"local-device-node%u\", \"namespace\": \"rook-ceph\", \"labels\": {\"app\": "
      "\"rook-discover\", \"rook.io/node\": \"node%u\"}}, \"data\": {\"devices\": "
      "\"[{\\\"name\\\": \\\"sdb\\\", \\\"size\\\": 200000000000, \\\"type\\\": \\\"disk\\\", "
      "\\\"filesystem\\\": \\\"\\\"}, {\\\"name\\\": \\\"sda\\\", \\\"size\\\": 100000000000, "
      "\\\"type\\\": \\\"disk\\\", \\\"filesystem\\\": \\\"ext4\\\"}]\"}}", i, i);
  if (with_cephcluster)
    g_string_append (s, ",{\"apiVersion\": \"ceph.rook.io/v1\", \"kind\": \"CephCluster\","
                        " \"metadata\": {\"name\": \"production\", \"namespace\": \"rook-ceph\"},"
                        " \"spec\": {\"cephVersion\": {\"image\": \"quay.io/ceph/ceph:v18\"}}}");
  g_string_append (s, "]");
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static KdccKubeClient *
admin_client (KdccTestKube *kube)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdccKubeconfig) kc = kdcc_kubeconfig_load (kube->kubeconfig, &error);
  g_autoptr(KdccKubeContext) ctx = NULL;

  g_assert_no_error (error);
  ctx = kdcc_kubeconfig_resolve (kc, "admin", &error);
  g_assert_no_error (error);
  return kdcc_kube_client_new (ctx);
}

static KdccSetupParams *
params_for (const char *id,
            ...)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) templates = kdcc_setup_templates_load (&error);
  KdccSetupParams *params;
  const char *assignment;
  va_list args;

  g_assert_no_error (error);
  params = kdcc_setup_params_new (kdcc_setup_templates_find (templates, id));
  va_start (args, id);
  while ((assignment = va_arg (args, const char *)) != NULL)
    {
      kdcc_setup_params_assign (params, assignment, &error);
      g_assert_no_error (error);
    }
  va_end (args);
  return params;
}

static const KdccSetupCheck *
find_check (GPtrArray  *checks,
            const char *id)
{
  for (guint i = 0; i < checks->len; i++)
    if (g_str_equal (((KdccSetupCheck *) g_ptr_array_index (checks, i))->id, id))
      return g_ptr_array_index (checks, i);
  g_error ("no check %s", id);
  return NULL;
}

static GPtrArray *
preflight (KdccTestKube    *kube,
           KdccSetupParams *params)
{
  g_autoptr(KdccKubeClient) client = admin_client (kube);
  g_autoptr(GError) error = NULL;
  GPtrArray *checks = kdcc_setup_preflight_run (client, params, NULL, &error);

  g_assert_no_error (error);
  return checks;
}

static void
test_quantity (void)
{
  double v;

  g_assert_true (kdcc_kube_quantity_parse ("500m", &v));
  g_assert_cmpfloat_with_epsilon (v, 0.5, 1e-9);
  g_assert_true (kdcc_kube_quantity_parse ("4Gi", &v));
  g_assert_cmpfloat (v, ==, 4.0 * 1024 * 1024 * 1024);
  g_assert_true (kdcc_kube_quantity_parse ("1.5G", &v));
  g_assert_cmpfloat (v, ==, 1.5e9);
  g_assert_true (kdcc_kube_quantity_parse ("16", &v));
  g_assert_cmpfloat (v, ==, 16);
  g_assert_false (kdcc_kube_quantity_parse ("", &v));
  g_assert_false (kdcc_kube_quantity_parse ("4 Gi", &v));
  g_assert_false (kdcc_kube_quantity_parse ("4GB", &v));
  g_assert_false (kdcc_kube_quantity_parse ("-1", &v));
}

static void
test_preflight_nodes (void)
{
  g_autofree char *objects = cluster_objects (TRUE, FALSE);
  g_autoptr(KdccTestKube) kube = kdcc_test_kube_start (objects, NULL);
  g_autoptr(KdccSetupParams) block = params_for ("block", NULL);
  g_autoptr(KdccSetupParams) object = params_for ("object", NULL);
  g_autoptr(GPtrArray) ok = preflight (kube, block);
  g_autoptr(GPtrArray) short_of_nodes = preflight (kube, object);
  const KdccSetupCheck *check;

  /* Three usable nodes for three storage hosts; node4 is cordoned. */
  g_assert_true (kdcc_setup_preflight_passed (ok));
  g_assert_cmpint (find_check (ok, "nodes")->result, ==, KDCC_SETUP_CHECK_PASSED);
  check = find_check (ok, "node/node4");
  g_assert_cmpint (check->result, ==, KDCC_SETUP_CHECK_WARNING);
  g_assert_nonnull (strstr (check->detail, "cordoned"));
  g_assert_cmpint (find_check (ok, "existing-cluster")->result, ==, KDCC_SETUP_CHECK_PASSED);
  /* One empty disk on each Ready node; the ext4 ones do not count. */
  check = find_check (ok, "devices");
  g_assert_cmpint (check->result, ==, KDCC_SETUP_CHECK_PASSED);
  g_assert_nonnull (strstr (check->detail, /* g_format_size () puts a no-break space before the unit. */
                                           "3 empty devices (600.0\xc2\xa0GB) on 3 usable nodes"));
  /* Koor's production minimums are warnings with the numbers. */
  check = find_check (ok, "production-nodes");
  g_assert_cmpint (check->result, ==, KDCC_SETUP_CHECK_WARNING);
  g_assert_nonnull (strstr (check->detail, "3 usable nodes; Koor recommends at least 4"));
  g_assert_cmpint (find_check (ok, "production-cpu")->result, ==, KDCC_SETUP_CHECK_WARNING);
  g_assert_nonnull (strstr (find_check (ok, "production-cpu")->detail, "12 CPUs"));
  g_assert_cmpint (find_check (ok, "production-memory")->result, ==, KDCC_SETUP_CHECK_WARNING);
  g_assert_cmpint (find_check (ok, "production-storage")->result, ==, KDCC_SETUP_CHECK_PASSED);

  /* EC 4+2 needs six hosts. */
  g_assert_false (kdcc_setup_preflight_passed (short_of_nodes));
  check = find_check (short_of_nodes, "nodes");
  g_assert_cmpint (check->result, ==, KDCC_SETUP_CHECK_FAILED);
  g_assert_nonnull (strstr (check->detail, "3 of 4 nodes are Ready and schedulable, but the "
                                           "template needs 6 storage hosts"));
  g_assert_cmpint (find_check (short_of_nodes, "devices")->result, ==, KDCC_SETUP_CHECK_FAILED);
}

static void
test_preflight_resources (void)
{
  g_autofree char *objects = cluster_objects (FALSE, FALSE);
  g_autoptr(KdccTestKube) kube = kdcc_test_kube_start (objects, NULL);
  /* edge: 3 mons and 1 mgr at 500m, 3 OSDs at 1 CPU: 5 of 12 CPUs. */
  g_autoptr(KdccSetupParams) edge = params_for ("edge", NULL);
  g_autoptr(KdccSetupParams) heavy = params_for ("edge", "osd_cpu=4", "osd_memory=9Gi", NULL);
  g_autoptr(KdccSetupParams) named = params_for ("edge", "nodes=node1,node2,node9", NULL);
  g_autoptr(KdccSetupParams) test = params_for ("test", NULL);
  g_autoptr(GPtrArray) fits = preflight (kube, edge);
  g_autoptr(GPtrArray) too_much = preflight (kube, heavy);
  g_autoptr(GPtrArray) missing = preflight (kube, named);
  g_autoptr(GPtrArray) small = preflight (kube, test);
  const KdccSetupCheck *check;

  check = find_check (fits, "cpu");
  g_assert_cmpint (check->result, ==, KDCC_SETUP_CHECK_PASSED);
  g_assert_nonnull (strstr (check->detail, "request 5 CPUs"));
  /* No discovery config maps: said so, not failed. */
  check = find_check (fits, "devices");
  g_assert_cmpint (check->result, ==, KDCC_SETUP_CHECK_UNKNOWN);
  g_assert_nonnull (strstr (check->detail, "Not discoverable"));
  g_assert_true (kdcc_setup_preflight_passed (fits));

  check = find_check (too_much, "cpu");
  g_assert_cmpint (check->result, ==, KDCC_SETUP_CHECK_FAILED);
  g_assert_nonnull (strstr (check->detail, "12 CPUs allocatable on the usable nodes, but the "
                                           "mons, mgrs and OSDs request 14 CPUs"));
  g_assert_cmpint (find_check (too_much, "memory")->result, ==, KDCC_SETUP_CHECK_FAILED);
  g_assert_false (kdcc_setup_preflight_passed (too_much));

  /* A named storage host that does not exist. */
  check = find_check (missing, "node/node9");
  g_assert_cmpint (check->result, ==, KDCC_SETUP_CHECK_FAILED);
  g_assert_cmpint (find_check (missing, "nodes")->result, ==, KDCC_SETUP_CHECK_FAILED);
  g_assert_cmpint (find_check (missing, "node/node3")->result, ==, KDCC_SETUP_CHECK_PASSED);
  g_assert_nonnull (strstr (find_check (missing, "node/node3")->detail, "not one of the storage"));

  /* A test cluster is not measured against production minimums. */
  for (guint i = 0; i < small->len; i++)
    g_assert_false (g_str_has_prefix (((KdccSetupCheck *) g_ptr_array_index (small, i))->id,
                                      "production-"));
  g_assert_true (kdcc_setup_preflight_passed (small));
}

static void
test_preflight_existing (void)
{
  g_autofree char *objects = cluster_objects (FALSE, TRUE);
  g_autoptr(KdccTestKube) kube = kdcc_test_kube_start (objects, NULL);
  g_autoptr(KdccSetupParams) params = params_for ("block", NULL);
  g_autoptr(GPtrArray) checks = preflight (kube, params);
  const KdccSetupCheck *check = find_check (checks, "existing-cluster");

  g_assert_cmpint (check->result, ==, KDCC_SETUP_CHECK_FAILED);
  g_assert_nonnull (strstr (check->detail, "CephCluster “production” already exists in "
                                           "namespace “rook-ceph”"));
  g_assert_false (kdcc_setup_preflight_passed (checks));
}

/* Preflight needs the nodes: a user who may not list them is told which
 * permission is missing. */
static void
test_preflight_denied (void)
{
  g_autofree char *objects = cluster_objects (FALSE, FALSE);
  g_autoptr(KdccTestKube) kube = kdcc_test_kube_start (objects, NULL);
  g_autoptr(KdccKubeconfig) kc = kdcc_kubeconfig_load (kube->kubeconfig, NULL);
  g_autoptr(KdccKubeContext) ctx = kdcc_kubeconfig_resolve (kc, "restricted", NULL);
  g_autoptr(KdccKubeClient) client = kdcc_kube_client_new (ctx);
  g_autoptr(KdccSetupParams) params = params_for ("block", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) checks = kdcc_setup_preflight_run (client, params, NULL, &error);

  g_assert_null (checks);
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_AUTH);
  g_assert_nonnull (strstr (error->message, "list"));
  g_assert_nonnull (strstr (error->message, "nodes"));
}

static void
job_finished_cb (KdccJob    *job,
                 GParamSpec *pspec,
                 gboolean   *done)
{
  if (kdcc_job_is_finished (job))
    *done = TRUE;
}

typedef struct
{
  GPtrArray *seen;   /* "INDEX:STATE" */
} StepLog;

static void
step_changed_cb (KdccSetupInstall *install,
                 guint             index,
                 StepLog          *log)
{
  KdccSetupStep *step = g_ptr_array_index (kdcc_setup_install_get_steps (install), index);

  g_ptr_array_add (log->seen, g_strdup_printf ("%u:%d", index, step->state));
}

static void
phase_cb (KdccSetupInstall *install,
          GParamSpec       *pspec,
          GPtrArray        *phases)
{
  g_ptr_array_add (phases, g_strdup (kdcc_setup_install_get_phase (install)));
}

static char *
manifests_dir (void)
{
  return g_build_filename (g_getenv ("KDCC_FIXTURES"), "kube", "rook-operator", NULL);
}

/* Runs the job until it ends (a generous deadline: a loaded machine). */
static void
wait_job (KdccJob *job)
{
  gboolean done = kdcc_job_is_finished (job);
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  gulong id = g_signal_connect (job, "notify::state", G_CALLBACK (job_finished_cb), &done);

  while (!done && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (job, id);
  g_assert_true (done);
  /* The last step states arrive right behind the job's end. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_install_ready (void)
{
  g_autofree char *objects = cluster_objects (FALSE, FALSE);
  /* The operator starts once the install watches, so that the watch sees
   * every phase however long the steps before took. */
  g_autoptr(KdccTestKube) kube = kdcc_test_kube_start_with_operator (objects, NULL, "off");
  g_autoptr(KdccKubeClient) client = admin_client (kube);
  g_autoptr(KdccSetupParams) params = params_for ("block", NULL);
  g_autoptr(KdccSetupInstall) install = NULL;
  g_autoptr(KdccAuditLog) audit = NULL;
  g_autoptr(JsonObject) answer = NULL;
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  g_autoptr(GPtrArray) phases = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = manifests_dir ();
  g_autofree char *audit_path = g_build_filename (data_home, "install-ready.jsonl", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  StepLog log = { g_ptr_array_new_with_free_func (g_free) };
  GPtrArray *steps;
  KdccJob *job;

  install = kdcc_setup_install_new (client, params, kube->kubeconfig, &error);
  g_assert_no_error (error);
  kdcc_setup_install_set_operator_manifests (install, dir, &error);
  g_assert_no_error (error);
  audit = kdcc_audit_log_new (KDCC_SETUP_AUDIT_ID, audit_path);
  kdcc_setup_install_set_audit_log (install, audit);

  /* crds.yaml, wait, common.yaml, operator.yaml, the template's three
   * objects, the watch; each with its kubectl equivalent. */
  steps = kdcc_setup_install_get_steps (install);
  g_assert_cmpuint (steps->len, ==, 8);
  g_assert_nonnull (strstr (((KdccSetupStep *) steps->pdata[0])->command,
                            "--context admin apply --server-side --field-manager=kdcc -f "));
  g_assert_nonnull (strstr (((KdccSetupStep *) steps->pdata[0])->command, "crds.yaml"));
  g_assert_cmpstr (((KdccSetupStep *) steps->pdata[0])->title, ==, "Apply crds.yaml (4 objects)");
  g_assert_nonnull (strstr (((KdccSetupStep *) steps->pdata[1])->command,
                            "wait --for=condition=Established --timeout=60s -f "));
  g_assert_cmpstr (((KdccSetupStep *) steps->pdata[2])->title, ==, "Apply common.yaml (6 objects)");
  g_assert_cmpstr (((KdccSetupStep *) steps->pdata[4])->title, ==, "Apply CephCluster rook-ceph");
  g_assert_nonnull (strstr (((KdccSetupStep *) steps->pdata[4])->command,
                            "-f 01-cephcluster-rook-ceph.yaml"));
  g_assert_nonnull (strstr (((KdccSetupStep *) steps->pdata[7])->command,
                            "--namespace rook-ceph get cephcluster rook-ceph --watch"));

  g_signal_connect (install, "step-changed", G_CALLBACK (step_changed_cb), &log);
  g_signal_connect (install, "notify::phase", G_CALLBACK (phase_cb), phases);
  job = kdcc_setup_install_start (install, NULL);
  /* Listed: the CephCluster is there, without a status yet. */
  while (g_strcmp0 (kdcc_job_get_status (job),
                    "Waiting for the Rook operator to take up the CephCluster") != 0 &&
         !kdcc_job_is_finished (job) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (kdcc_job_get_status (job), ==,
                   "Waiting for the Rook operator to take up the CephCluster");
  answer = kdcc_test_kube_control (kube, "operator/ready");
  g_assert_cmpstr (json_object_get_string_member (answer, "operator"), ==, "ready");
  wait_job (job);
  if (kdcc_job_get_error (job) != NULL)
    g_error ("install failed: %s", kdcc_job_get_error (job)->message);
  g_assert_cmpint (kdcc_job_get_state (job), ==, KDCC_JOB_STATE_SUCCEEDED);

  /* Progressing, then Ready with HEALTH_OK, every step done in order. */
  g_assert_cmpuint (phases->len, >=, 2);
  g_assert_cmpstr (g_ptr_array_index (phases, 0), ==, "Progressing");
  g_assert_cmpstr (kdcc_setup_install_get_phase (install), ==, "Ready");
  g_assert_cmpstr (kdcc_setup_install_get_health (install), ==, "HEALTH_OK");
  g_assert_cmpuint (log.seen->len, ==, 2 * steps->len);
  for (guint i = 0; i < steps->len; i++)
    {
      g_autofree char *running = g_strdup_printf ("%u:%d", i, KDCC_SETUP_STEP_RUNNING);
      g_autofree char *done = g_strdup_printf ("%u:%d", i, KDCC_SETUP_STEP_DONE);

      g_assert_cmpstr (g_ptr_array_index (log.seen, 2 * i), ==, running);
      g_assert_cmpstr (g_ptr_array_index (log.seen, 2 * i + 1), ==, done);
      g_assert_cmpint (((KdccSetupStep *) steps->pdata[i])->state, ==, KDCC_SETUP_STEP_DONE);
    }

  /* The real kubectl agrees: the CRDs are Established, the operator and
   * the cluster exist, the cluster is Ready. */
  g_assert_cmpint (kdcc_test_kube_kubectl (kube, "admin", &out, &err, "wait",
                                           "--for=condition=Established", "--timeout=10s",
                                           "crd/cephclusters.ceph.rook.io",
                                           "crd/cephobjectstores.ceph.rook.io", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (kdcc_test_kube_kubectl (kube, "admin", &out, &err, "-n", "rook-ceph", "get",
                                           "deployment", "rook-ceph-operator", "-o",
                                           "jsonpath={.spec.template.spec.containers[0].image}",
                                           NULL), ==, 0);
  g_assert_cmpstr (out, ==, "docker.io/rook/ceph:v1.16.0");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (kdcc_test_kube_kubectl (kube, "admin", &out, &err, "-n", "rook-ceph", "get",
                                           "cephcluster", "rook-ceph", "-o",
                                           "jsonpath={.status.phase} {.status.ceph.health}",
                                           NULL), ==, 0);
  g_assert_cmpstr (out, ==, "Ready HEALTH_OK");

  /* One audit line per step, with its command and outcome. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (audit)), ==, steps->len);
  for (guint i = 0; i < steps->len; i++)
    {
      g_autoptr(KdccAuditEntry) entry = g_list_model_get_item (G_LIST_MODEL (audit), i);
      KdccSetupStep *step = steps->pdata[i];

      g_assert_cmpstr (kdcc_audit_entry_get_action (entry), ==, "setup");
      g_assert_cmpstr (kdcc_audit_entry_get_change (entry), ==, step->title);
      g_assert_cmpstr (kdcc_audit_entry_get_cli (entry), ==, step->command);
      g_assert_cmpstr (kdcc_audit_entry_get_result (entry), ==, "done");
      g_assert_cmpstr (kdcc_audit_entry_get_connection (entry), ==, "kubernetes:admin");
    }
  {
    /* And it is on disk. */
    g_autoptr(KdccAuditLog) again = kdcc_audit_log_new (KDCC_SETUP_AUDIT_ID, audit_path);

    g_assert_true (kdcc_audit_log_load (again, &error));
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, steps->len);
  }
  g_ptr_array_unref (log.seen);
}

static void
test_install_failure (void)
{
  g_autofree char *objects = cluster_objects (FALSE, FALSE);
  g_autoptr(KdccTestKube) kube = kdcc_test_kube_start_with_operator (objects, NULL, "fail");
  g_autoptr(KdccKubeClient) client = admin_client (kube);
  g_autoptr(KdccSetupParams) params = params_for ("test", NULL);
  g_autoptr(KdccSetupInstall) install = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *steps;
  KdccJob *job;

  /* No operator source: the operator is assumed to run already. */
  install = kdcc_setup_install_new (client, params, NULL, &error);
  g_assert_no_error (error);
  steps = kdcc_setup_install_get_steps (install);
  g_assert_cmpuint (steps->len, ==, 4);
  g_assert_cmpstr (((KdccSetupStep *) steps->pdata[0])->command, ==,
                   "kubectl --context admin apply --server-side --field-manager=kdcc -f "
                   "01-cephcluster-rook-ceph.yaml");
  job = kdcc_setup_install_start (install, NULL);
  wait_job (job);
  g_assert_cmpint (kdcc_job_get_state (job), ==, KDCC_JOB_STATE_FAILED);
  g_assert_nonnull (strstr (kdcc_job_get_error (job)->message,
                            "The Rook operator could not create the cluster: failed to create "
                            "cluster: failed to start ceph monitors"));
  g_assert_cmpstr (kdcc_setup_install_get_phase (install), ==, "Failure");
  g_assert_cmpint (((KdccSetupStep *) steps->pdata[0])->state, ==, KDCC_SETUP_STEP_DONE);
  g_assert_cmpint (((KdccSetupStep *) steps->pdata[2])->state, ==, KDCC_SETUP_STEP_DONE);
  g_assert_cmpint (((KdccSetupStep *) steps->pdata[3])->state, ==, KDCC_SETUP_STEP_FAILED);
}

static void
test_install_cancel (void)
{
  g_autofree char *objects = cluster_objects (FALSE, FALSE);
  /* No operator: the cluster never leaves its first state. */
  g_autoptr(KdccTestKube) kube = kdcc_test_kube_start (objects, NULL);
  g_autoptr(KdccKubeClient) client = admin_client (kube);
  g_autoptr(KdccSetupParams) params = params_for ("test", NULL);
  g_autoptr(KdccSetupInstall) install = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *steps;
  KdccJob *job;
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  install = kdcc_setup_install_new (client, params, NULL, &error);
  g_assert_no_error (error);
  steps = kdcc_setup_install_get_steps (install);
  job = kdcc_setup_install_start (install, NULL);
  while (((KdccSetupStep *) steps->pdata[steps->len - 1])->state != KDCC_SETUP_STEP_RUNNING &&
         !kdcc_job_is_finished (job) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (((KdccSetupStep *) steps->pdata[steps->len - 1])->state, ==,
                   KDCC_SETUP_STEP_RUNNING);
  kdcc_job_cancel (job);
  wait_job (job);
  g_assert_cmpint (kdcc_job_get_state (job), ==, KDCC_JOB_STATE_CANCELLED);
  g_assert_true (g_error_matches (kdcc_job_get_error (job), G_IO_ERROR, G_IO_ERROR_CANCELLED));
  g_assert_cmpint (((KdccSetupStep *) steps->pdata[steps->len - 1])->state, ==,
                   KDCC_SETUP_STEP_CANCELLED);
}

/* Cancelled before anything was applied: the job ends CANCELLED and the
 * namespace stays empty. */
static void
test_install_cancel_early (void)
{
  g_autofree char *objects = cluster_objects (FALSE, FALSE);
  g_autoptr(KdccTestKube) kube = kdcc_test_kube_start_with_operator (objects, NULL, "ready");
  g_autoptr(KdccKubeClient) client = admin_client (kube);
  g_autoptr(KdccSetupParams) params = params_for ("test", NULL);
  g_autoptr(KdccSetupInstall) install = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) clusters = NULL;
  KdccJob *job;

  install = kdcc_setup_install_new (client, params, NULL, &error);
  g_assert_no_error (error);
  g_cancellable_cancel (cancellable);
  job = kdcc_setup_install_start (install, cancellable);
  wait_job (job);
  g_assert_cmpint (kdcc_job_get_state (job), ==, KDCC_JOB_STATE_CANCELLED);
  g_assert_true (g_error_matches (kdcc_job_get_error (job), G_IO_ERROR, G_IO_ERROR_CANCELLED));
  clusters = kdcc_kube_client_list (client, &kdcc_kube_cephclusters, "rook-ceph", NULL, NULL,
                                    NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (clusters), ==, 0);
}

static void
test_install_refuses (void)
{
  g_autofree char *objects = cluster_objects (FALSE, TRUE);
  g_autoptr(KdccTestKube) kube = kdcc_test_kube_start_with_operator (objects, NULL, "ready");
  g_autoptr(KdccKubeClient) client = admin_client (kube);
  g_autoptr(KdccSetupParams) params = params_for ("test", NULL);
  g_autoptr(KdccSetupInstall) install = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  KdccJob *job;

  install = kdcc_setup_install_new (client, params, NULL, &error);
  g_assert_no_error (error);
  job = kdcc_setup_install_start (install, NULL);
  wait_job (job);
  g_assert_cmpint (kdcc_job_get_state (job), ==, KDCC_JOB_STATE_FAILED);
  g_assert_nonnull (strstr (kdcc_job_get_error (job)->message,
                            "CephCluster “production” already exists"));
  /* Nothing was applied. */
  g_assert_cmpint (kdcc_test_kube_kubectl (kube, "admin", &out, NULL, "-n", "rook-ceph", "get",
                                           "cephclusters", "-o",
                                           "jsonpath={.items[*].metadata.name}", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "production");
}

static void
test_bad_manifests (void)
{
  g_autofree char *objects = cluster_objects (FALSE, FALSE);
  g_autoptr(KdccTestKube) kube = kdcc_test_kube_start (objects, NULL);
  g_autoptr(KdccKubeClient) client = admin_client (kube);
  g_autoptr(KdccSetupParams) params = params_for ("test", NULL);
  g_autoptr(KdccSetupInstall) install = kdcc_setup_install_new (client, params, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (data_home, "bad-manifests", NULL);
  g_autofree char *crds = g_build_filename (dir, "crds.yaml", NULL);

  g_assert_nonnull (install);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_false (kdcc_setup_install_set_operator_manifests (install, dir, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_clear_error (&error);
  g_assert_true (g_file_set_contents (crds, "apiVersion: policy/v1beta1\nkind: "
                                      "PodSecurityPolicy\nmetadata: {name: old}\n", -1, NULL));
  g_assert_false (kdcc_setup_install_set_operator_manifests (install, dir, &error));
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==, "crds.yaml: KDCC does not know how to apply a "
                                       "PodSecurityPolicy (policy/v1beta1) such as “old”");
}

/* helm cannot be installed here: a stand-in script records its arguments
 * and, for `upgrade --install`, does what the rook-ceph chart does first
 * (its CRDs, applied with the real kubectl). What is tested is KDCC's part:
 * the commands, their order and arguments, and that the CRD wait follows. */
static void
test_install_helm (void)
{
  g_autofree char *objects = cluster_objects (FALSE, FALSE);
  g_autoptr(KdccTestKube) kube = kdcc_test_kube_start_with_operator (objects, NULL, "ready");
  g_autoptr(KdccKubeClient) client = admin_client (kube);
  g_autoptr(KdccSetupParams) params = params_for ("test", NULL);
  g_autoptr(KdccSetupInstall) install = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = manifests_dir ();
  g_autofree char *helm = g_build_filename (data_home, "helm", NULL);
  g_autofree char *log = g_build_filename (data_home, "helm.log", NULL);
  g_autofree char *script = NULL;
  g_autofree char *calls = NULL;
  g_autofree char *expected = NULL;
  GPtrArray *steps;
  KdccJob *job;

  script = g_strdup_printf ("#!/bin/sh\n"
                            "echo \"$*\" >> '%s'\n"
                            "if [ \"$1\" = upgrade ]; then\n"
                            "  exec kubectl --kubeconfig '%s' --context admin apply --server-side "
                            "--field-manager=helm -f '%s/crds.yaml' >/dev/null\n"
                            "fi\n", log, kube->kubeconfig, dir);
  g_assert_true (g_file_set_contents (helm, script, -1, NULL));
  g_assert_cmpint (g_chmod (helm, 0700), ==, 0);

  install = kdcc_setup_install_new (client, params, NULL, &error);
  g_assert_no_error (error);
  kdcc_setup_install_set_operator_helm (install, helm, "rook-release/rook-ceph");
  steps = kdcc_setup_install_get_steps (install);
  /* repo add, upgrade --install, CRD wait, three objects, the watch. */
  g_assert_cmpuint (steps->len, ==, 7);
  g_assert_cmpstr (((KdccSetupStep *) steps->pdata[0])->command, ==,
                   "helm repo add --force-update rook-release https://charts.rook.io/release");
  g_assert_cmpstr (((KdccSetupStep *) steps->pdata[1])->command, ==,
                   "helm --kube-context admin upgrade --install --create-namespace --namespace "
                   "rook-ceph rook-ceph rook-release/rook-ceph");
  g_assert_cmpstr (((KdccSetupStep *) steps->pdata[2])->command, ==,
                   "kubectl --context admin wait --for=condition=Established --timeout=60s "
                   "crd/cephclusters.ceph.rook.io");

  job = kdcc_setup_install_start (install, NULL);
  wait_job (job);
  if (kdcc_job_get_error (job) != NULL)
    g_error ("install failed: %s", kdcc_job_get_error (job)->message);
  g_assert_true (g_file_get_contents (log, &calls, NULL, NULL));
  expected = g_strdup_printf ("repo add --force-update rook-release https://charts.rook.io/release\n"
                              "upgrade --install --create-namespace --namespace rook-ceph "
                              "rook-ceph rook-release/rook-ceph --kube-context admin\n");
  g_assert_cmpstr (calls, ==, expected);
  g_assert_cmpstr (kdcc_setup_install_get_phase (install), ==, "Ready");
}

/* kdcc-cli through the tests' runner, as a varargs call. */
static int
run_cli (char **out,
         char **err,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(KdccTestCli) cli = NULL;
  const char *arg;
  va_list ap;

  va_start (ap, err);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  cli = kdcc_test_cli_runv (NULL, (const char * const *) args->pdata);
  *out = g_steal_pointer (&cli->out);
  *err = g_steal_pointer (&cli->err);
  return cli->status;
}

static void
test_cli (void)
{
  g_autofree char *objects = cluster_objects (TRUE, FALSE);
  g_autoptr(KdccTestKube) kube = kdcc_test_kube_start_with_operator (objects, NULL, "ready");
  g_autofree char *dir = manifests_dir ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *audit = NULL;
  g_autofree char *audit_path = g_build_filename (data_home, "kdcc", "audit", "setup.jsonl",
                                                  NULL);

  /* Preflight: six hosts wanted, three usable: exit 1 with the reason. */
  g_assert_cmpint (run_cli (&out, &err, "setup", "preflight", "object", "--kubeconfig",
                            kube->kubeconfig, "--context", "admin", NULL), ==, 1);
  g_assert_nonnull (strstr (out, "Failed   Nodes for the storage hosts: 3 of 4 nodes are Ready "
                                 "and schedulable, but the template needs 6 storage hosts"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  if (run_cli (&out, &err, "setup", "preflight", "block", "--json", "--kubeconfig",
               kube->kubeconfig, "--context", "admin", NULL) != 0)
    g_error ("setup preflight failed: %s\n%s", out, err);
  g_assert_nonnull (strstr (out, "\"passed\" : true"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Install: the steps with their commands first, then the progress. */
  if (run_cli (&out, &err, "setup", "install", "block", "--set", "name=kdcc-cli",
               "--operator-manifests", dir, "--kubeconfig", kube->kubeconfig, "--context",
               "admin", NULL) != 0)
    g_error ("setup install failed: %s\n%s", out, err);
  g_assert_nonnull (strstr (out, "1. Apply crds.yaml (4 objects)\n   $ kubectl --kubeconfig "));
  g_assert_nonnull (strstr (out, "8. Wait until the CephCluster is Ready\n   $ kubectl "));
  g_assert_nonnull (strstr (out, "[8] Wait until the CephCluster is Ready: done"));
  g_assert_nonnull (strstr (out, "CephCluster “kdcc-cli” in namespace “rook-ceph” is Ready "
                                 "(HEALTH_OK)"));
  g_assert_true (g_file_get_contents (audit_path, &audit, NULL, NULL));
  g_assert_nonnull (strstr (audit, "\"change\":\"Apply CephCluster kdcc-cli\""));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "setup", "audit", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\tkubernetes:admin\tdone\tApply CephCluster kdcc-cli\tkubectl "));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Install again: the same cluster, applied by KDCC, is not in the way. */
  g_assert_cmpint (run_cli (&out, &err, "setup", "install", "block", "--set", "name=kdcc-cli",
                            "--kubeconfig", kube->kubeconfig, "--context", "admin", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  /* Another name in the same namespace is. */
  g_assert_cmpint (run_cli (&out, &err, "setup", "install", "block", "--set", "name=second",
                            "--kubeconfig", kube->kubeconfig, "--context", "admin", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "CephCluster “kdcc-cli” already exists"));
}

/* kdcc_test_remove_tree () takes one level; the audit log is two down. */
static void
remove_all (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_all (child);
      else
        g_assert_cmpint (g_unlink (child), ==, 0);
    }
  g_assert_cmpint (g_rmdir (path), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  int rc;

  data_home = g_dir_make_tmp ("kdcc-setup-install-XXXXXX", NULL);
  g_assert_nonnull (data_home);
  /* The audit log goes to $XDG_DATA_HOME: a private one. */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/setup-install/quantity", test_quantity);
  g_test_add_func ("/setup-install/preflight/nodes", test_preflight_nodes);
  g_test_add_func ("/setup-install/preflight/resources", test_preflight_resources);
  g_test_add_func ("/setup-install/preflight/existing", test_preflight_existing);
  g_test_add_func ("/setup-install/preflight/denied", test_preflight_denied);
  g_test_add_func ("/setup-install/install/ready", test_install_ready);
  g_test_add_func ("/setup-install/install/failure", test_install_failure);
  g_test_add_func ("/setup-install/install/cancel", test_install_cancel);
  g_test_add_func ("/setup-install/install/cancel-early", test_install_cancel_early);
  g_test_add_func ("/setup-install/install/refuses", test_install_refuses);
  g_test_add_func ("/setup-install/install/bad-manifests", test_bad_manifests);
  g_test_add_func ("/setup-install/install/helm", test_install_helm);
  g_test_add_func ("/setup-install/cli", test_cli);
  rc = g_test_run ();
  remove_all (data_home);
  g_free (data_home);
  return kdcc_test_exit (rc);
}
