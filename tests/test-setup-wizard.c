/* test-setup-wizard.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The set-up wizard under Xvfb against the fake Kubernetes API server and
 * its fake Rook operator (tests/kube): the block storage template through
 * every page to a Ready cluster (parameters checked as typed, preflight,
 * the preview and its export, the install with the operator's manifests);
 * the S3 object store template stopped by preflight (six hosts wanted);
 * the test template's install cancelled while the cluster comes up.
 * Screenshots of each page, light and dark.
 */
#define G_LOG_DOMAIN "test-setup-wizard"

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include <adwaita.h>

#include "kdcc-setup-wizard.h"
#include "kdcc-test-kube.h"
#include "kdcc-test-screenshot.h"
#include "kdcc-test-util.h"

typedef struct
{
  KdccTestKube    *kube;
  KdccSetupWizard *wizard;
  KdccJobManager  *jobs;
} Fixture;

/* Three Ready nodes of 8 CPUs and 16 GiB. */
static const char nodes[] =
  "[{\"apiVersion\": \"v1\", \"kind\": \"Node\", \"metadata\": {\"name\": \"node1\"},"
  "  \"status\": {\"allocatable\": {\"cpu\": \"8\", \"memory\": \"16Gi\"},"
  "   \"conditions\": [{\"type\": \"Ready\", \"status\": \"True\"}]}},"
  " {\"apiVersion\": \"v1\", \"kind\": \"Node\", \"metadata\": {\"name\": \"node2\"},"
  "  \"status\": {\"allocatable\": {\"cpu\": \"8\", \"memory\": \"16Gi\"},"
  "   \"conditions\": [{\"type\": \"Ready\", \"status\": \"True\"}]}},"
  " {\"apiVersion\": \"v1\", \"kind\": \"Node\", \"metadata\": {\"name\": \"node3\"},"
  "  \"status\": {\"allocatable\": {\"cpu\": \"8\", \"memory\": \"16Gi\"},"
  "   \"conditions\": [{\"type\": \"Ready\", \"status\": \"True\"}]}}]";

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->kube = kdcc_test_kube_start_with_operator (nodes, NULL, data);
  f->wizard = KDCC_SETUP_WIZARD (kdcc_setup_wizard_new (NULL));
  g_object_add_weak_pointer (G_OBJECT (f->wizard), (gpointer *) &f->wizard);
  f->jobs = kdcc_job_manager_new ();
  kdcc_setup_wizard_set_job_manager (f->wizard, f->jobs);
  gtk_window_set_default_size (GTK_WINDOW (f->wizard), 820, 900);
  gtk_window_present (GTK_WINDOW (f->wizard));
  kdcc_setup_wizard_set_kubeconfig (f->wizard, f->kube->kubeconfig);
  g_assert_true (kdcc_setup_wizard_set_context (f->wizard, "admin"));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->wizard != NULL)
    gtk_window_destroy (GTK_WINDOW (f->wizard));
  kdcc_test_settle (500);
  g_assert_null (f->wizard);
  g_assert_finalize_object (f->jobs);
  kdcc_test_kube_free (f->kube);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_LIGHT);
}

static void
screenshots (Fixture    *f,
             const char *name)
{
  for (guint dark = 0; dark <= 1; dark++)
    {
      g_autofree char *file = g_strdup_printf ("setup-wizard-%s%s", name, dark ? "-dark" : "");
      g_autofree char *png = NULL;

      adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                          dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                               : ADW_COLOR_SCHEME_FORCE_LIGHT);
      kdcc_test_settle (300);
      kdcc_test_wait_for_paint (GTK_WIDGET (f->wizard), 10000);
      png = kdcc_test_screenshot (GTK_WIDGET (f->wizard), file);
      g_assert_nonnull (png);
    }
}

static void
next (Fixture    *f,
      const char *expected_page)
{
  g_assert_true (kdcc_setup_wizard_get_can_next (f->wizard));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->wizard), "wizard.next", NULL));
  g_assert_cmpstr (kdcc_setup_wizard_get_page (f->wizard), ==, expected_page);
  /* The stack's slide. */
  kdcc_test_settle (400);
}

static gboolean
preflight_done (gpointer data)
{
  KdccSetupWizard *wizard = data;

  return !kdcc_setup_wizard_get_preflight_busy (wizard) &&
         kdcc_setup_wizard_get_checks (wizard) != NULL;
}

static gboolean
job_finished (gpointer data)
{
  KdccJob *job = kdcc_setup_wizard_get_job (data);

  return job != NULL && kdcc_job_is_finished (job);
}

static gboolean
watching (gpointer data)
{
  KdccJob *job = kdcc_setup_wizard_get_job (data);

  /* The last step (the CephCluster's phase) pulses. */
  return job != NULL && kdcc_job_get_pulsing (job);
}

static void
test_block (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *manifests = g_build_filename (g_getenv ("KDCC_FIXTURES"), "kube",
                                                 "rook-operator", NULL);
  g_autofree char *export_dir = g_dir_make_tmp ("kdcc-wizard-export-XXXXXX", NULL);
  g_autofree char *cluster_file = g_build_filename (export_dir, "01-cephcluster-rook-ceph.yaml",
                                                    NULL);
  g_autofree char *values_file = g_build_filename (export_dir, "helm", "values.yaml", NULL);
  g_autofree char *helm_dir = g_build_filename (export_dir, "helm", NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;
  g_autofree char *out = NULL;
  KdccJob *job;

  /* Template page: the block storage template. */
  g_assert_cmpstr (kdcc_setup_wizard_get_page (f->wizard), ==, "template");
  g_assert_true (kdcc_setup_wizard_select_template (f->wizard, "block"));
  screenshots (f, "template");
  next (f, "parameters");

  /* Parameters, checked as typed: a word where a number goes, then a
   * min_size above the size; each says why and Next waits. */
  g_assert_false (kdcc_setup_wizard_set_param (f->wizard, "replicas", "three"));
  g_assert_nonnull (strstr (kdcc_setup_wizard_get_problems (f->wizard), "replicas"));
  g_assert_false (kdcc_setup_wizard_get_can_next (f->wizard));
  g_assert_true (kdcc_setup_wizard_set_param (f->wizard, "replicas", "2"));
  g_assert_false (kdcc_setup_wizard_set_param (f->wizard, "min_size", "3"));
  g_assert_nonnull (strstr (kdcc_setup_wizard_get_problems (f->wizard), "min_size"));
  screenshots (f, "parameters-invalid");
  g_assert_true (kdcc_setup_wizard_set_param (f->wizard, "replicas", "3"));
  g_assert_true (kdcc_setup_wizard_set_param (f->wizard, "min_size", "2"));
  g_assert_cmpstr (kdcc_setup_wizard_get_problems (f->wizard), ==, "");
  screenshots (f, "parameters");
  next (f, "preflight");

  /* Preflight against the fake API: three nodes for three hosts. */
  g_assert_true (kdcc_test_wait_until (preflight_done, f->wizard, 60000));
  g_assert_true (kdcc_setup_preflight_passed (kdcc_setup_wizard_get_checks (f->wizard)));
  screenshots (f, "preflight");
  next (f, "preview");

  /* Preview: each object and the chart's values; export writes them. */
  names = kdcc_setup_wizard_dup_preview_names (f->wizard);
  g_assert_cmpuint (g_strv_length (names), ==, 4);
  g_assert_cmpstr (names[0], ==, "01-cephcluster-rook-ceph.yaml");
  g_assert_cmpstr (names[3], ==, "values.yaml");
  screenshots (f, "preview");
  kdcc_setup_wizard_show_preview (f->wizard, "values.yaml");
  screenshots (f, "preview-values");
  g_assert_true (kdcc_setup_wizard_export (f->wizard, export_dir, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (cluster_file, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_get_contents (values_file, &out, NULL, NULL));
  g_assert_nonnull (strstr (out, "cephBlockPools:"));
  next (f, "install");

  /* Install: the operator from its manifests, then the objects. */
  g_assert_true (kdcc_setup_wizard_set_operator_manifests (f->wizard, manifests));
  screenshots (f, "install-steps");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->wizard), "wizard.next", NULL));
  job = kdcc_setup_wizard_get_job (f->wizard);
  g_assert_nonnull (job);
  g_assert_false (kdcc_setup_wizard_get_can_next (f->wizard));
  /* In the window's jobs too. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->jobs)), ==, 1);
  {
    g_autoptr(KdccJob) listed = g_list_model_get_item (G_LIST_MODEL (f->jobs), 0);

    g_assert_true (listed == job);
  }
  g_assert_true (kdcc_test_wait_until (watching, f->wizard, 60000));
  screenshots (f, "install-progress");
  g_assert_true (kdcc_test_wait_until (job_finished, f->wizard, 60000));
  if (kdcc_job_get_error (job) != NULL)
    g_error ("install failed: %s", kdcc_job_get_error (job)->message);
  g_assert_cmpint (kdcc_job_get_state (job), ==, KDCC_JOB_STATE_SUCCEEDED);
  kdcc_test_settle (300);
  screenshots (f, "install-ready");

  g_unlink (cluster_file);
  for (guint i = 1; names[i] != NULL && names[i + 1] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (export_dir, names[i], NULL);

      g_assert_cmpint (g_unlink (path), ==, 0);
    }
  g_assert_cmpint (g_unlink (values_file), ==, 0);
  g_assert_cmpint (g_rmdir (helm_dir), ==, 0);
  g_assert_cmpint (g_rmdir (export_dir), ==, 0);
}

static void
test_object_preflight (Fixture       *f,
                       gconstpointer  data)
{
  GPtrArray *checks;
  gboolean found = FALSE;

  g_assert_true (kdcc_setup_wizard_select_template (f->wizard, "object"));
  screenshots (f, "template-object");
  next (f, "parameters");
  /* EC 4+2 on six hosts; k+m above the hosts is a problem. */
  g_assert_false (kdcc_setup_wizard_set_param (f->wizard, "ec_k", "6"));
  g_assert_nonnull (strstr (kdcc_setup_wizard_get_problems (f->wizard), "6+2"));
  g_assert_true (kdcc_setup_wizard_set_param (f->wizard, "ec_k", "4"));
  screenshots (f, "parameters-object");
  next (f, "preflight");
  g_assert_true (kdcc_test_wait_until (preflight_done, f->wizard, 60000));
  checks = kdcc_setup_wizard_get_checks (f->wizard);
  g_assert_false (kdcc_setup_preflight_passed (checks));
  for (guint i = 0; i < checks->len; i++)
    {
      KdccSetupCheck *check = g_ptr_array_index (checks, i);

      if (g_str_equal (check->id, "nodes"))
        {
          g_assert_cmpint (check->result, ==, KDCC_SETUP_CHECK_FAILED);
          g_assert_nonnull (strstr (check->detail, "needs 6 storage hosts"));
          found = TRUE;
        }
    }
  g_assert_true (found);
  /* Refused: Next stays off, Back goes on. */
  g_assert_false (kdcc_setup_wizard_get_can_next (f->wizard));
  screenshots (f, "preflight-object");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->wizard), "wizard.back", NULL));
  g_assert_cmpstr (kdcc_setup_wizard_get_page (f->wizard), ==, "parameters");
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  KdccJob *job;

  g_assert_true (kdcc_setup_wizard_select_template (f->wizard, "test"));
  next (f, "parameters");
  next (f, "preflight");
  g_assert_true (kdcc_test_wait_until (preflight_done, f->wizard, 60000));
  next (f, "preview");
  next (f, "install");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->wizard), "wizard.next", NULL));
  job = kdcc_setup_wizard_get_job (f->wizard);
  g_assert_nonnull (job);
  /* No operator runs here: the cluster waits for one until cancelled. */
  g_assert_true (kdcc_test_wait_until (watching, f->wizard, 60000));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->wizard), "wizard.cancel-install",
                                             NULL));
  g_assert_true (kdcc_test_wait_until (job_finished, f->wizard, 60000));
  g_assert_cmpint (kdcc_job_get_state (job), ==, KDCC_JOB_STATE_CANCELLED);
  kdcc_test_settle (300);
  screenshots (f, "install-cancelled");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  kdcc_test_ui_init ();

  g_test_add ("/setup-wizard/block", Fixture, "ready", fixture_setup, test_block,
              fixture_teardown);
  g_test_add ("/setup-wizard/object-preflight", Fixture, "ready", fixture_setup,
              test_object_preflight, fixture_teardown);
  g_test_add ("/setup-wizard/cancel", Fixture, "off", fixture_setup, test_cancel,
              fixture_teardown);
  return kdcc_test_run ();
}
