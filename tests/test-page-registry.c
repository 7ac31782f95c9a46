/* test-page-registry.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page registry and the sidebar built from it, against the real test
 * cluster: a page that needs raw mon commands is offered to a direct
 * (librados) session and shown insensitive, with the reason, to a Dashboard
 * one. Saves screenshots of the sidebar (light and dark) to
 * $KDCC_SCREENSHOT_DIR.
 */
#include "config.h"

#include <adwaita.h>

#include "kdcc-dashboard-source.h"
#include "kdcc-page-registry.h"
#include "kdcc-page-row.h"
#include "kdcc-panel.h"
#include "kdcc-rados-source.h"
#include "kdcc-test-screenshot.h"
#include "kdcc-test-session.h"
#include "kdcc-test-util.h"
#include "kdcc-test-window.h"
#include "kdcc-window.h"

typedef KdccTestWindow Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  kdcc_test_window_open (f, 0, 0);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  kdcc_test_window_close (f, 50);
}

/* A page that needs raw mon commands, registered for these tests only: the
 * sidebar must offer it to a direct session and not to a Dashboard one. It
 * shows "mons" subjects and records the last one. */
#define TEST_TYPE_PANEL (test_panel_get_type ())
G_DECLARE_FINAL_TYPE (TestPanel, test_panel, TEST, PANEL, KdccPanel)

struct _TestPanel
{
  KdccPanel  parent_instance;
  char      *shown;
};

G_DEFINE_FINAL_TYPE (TestPanel, test_panel, KDCC_TYPE_PANEL)

static gboolean
test_panel_show_subject (KdccPanel         *panel,
                         const KdccSubject *subject)
{
  TestPanel *self = TEST_PANEL (panel);

  g_free (self->shown);
  self->shown = kdcc_subject_to_string (subject);
  return TRUE;
}

static void
test_panel_finalize (GObject *object)
{
  g_free (TEST_PANEL (object)->shown);
  G_OBJECT_CLASS (test_panel_parent_class)->finalize (object);
}

static void
test_panel_class_init (TestPanelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_panel_finalize;
  KDCC_PANEL_CLASS (klass)->show_subject = test_panel_show_subject;
}

static void
test_panel_init (TestPanel *self)
{
  gtk_widget_set_parent (gtk_label_new ("Test page"), GTK_WIDGET (self));
}

static const KdccPageEntry test_entry = {
  /* In the first section, so it comes before the monitors page that also
   * shows "mons", and subjects of that kind reach it. */
  "test-mon-commands", "Test Page", "utilities-terminal-symbolic", KDCC_PAGE_SECTION_OVERVIEW,
  KDCC_CAPABILITY_MON_COMMANDS, KDCC_SUBJECT_KIND_FLAG (KDCC_SUBJECT_MONS),
  test_panel_get_type,
};

static KdccPageRow *
page_row (KdccWindow *window,
          const char *id)
{
  GtkListBox *list = GTK_LIST_BOX (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                  KDCC_TYPE_WINDOW,
                                                                  "pages_list"));
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    if (g_str_equal (kdcc_page_row_get_entry (KDCC_PAGE_ROW (row))->id, id))
      return KDCC_PAGE_ROW (row);

  return NULL;
}

static GtkWidget *
template_child (KdccWindow *window,
                const char *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), KDCC_TYPE_WINDOW, name));
}

static KdccProfile *
dashboard_profile (KdccTestCluster *cluster,
                   const char      *name)
{
  KdccProfile *profile = kdcc_profile_new (KDCC_PROFILE_KIND_DASHBOARD);

  kdcc_profile_set_name (profile, name);
  kdcc_profile_set_url (profile, cluster->dashboard_url);
  kdcc_profile_set_user (profile, cluster->dashboard_user);

  return profile;
}

static void
test_registry_filter (void)
{
  /* Capabilities are the transport's, fixed before any connection, so
   * sources that never connect will do. */
  g_autoptr(KdccRadosSource) rados = kdcc_rados_source_new ("/nonexistent/ceph.conf", NULL,
                                                            "admin");
  g_autoptr(KdccDashboardSource) dashboard = kdcc_dashboard_source_new ("http://127.0.0.1:9",
                                                                        "admin", "not-used",
                                                                        NULL);
  KdccCapabilities direct_caps = kdcc_source_get_capabilities (KDCC_SOURCE (rados));
  KdccCapabilities dashboard_caps = kdcc_source_get_capabilities (KDCC_SOURCE (dashboard));
  const KdccPageEntry *const *entries;
  guint n;

  /* The pure filter, with both transports' real capabilities. */
  g_assert_false (kdcc_page_entry_is_offered (&test_entry, dashboard_caps));
  g_assert_cmpstr (kdcc_page_entry_get_missing_reason (&test_entry, dashboard_caps), ==,
                   "Needs a direct (librados) connection");
  g_assert_true (kdcc_page_entry_is_offered (&test_entry, direct_caps));
  g_assert_null (kdcc_page_entry_get_missing_reason (&test_entry, direct_caps));

  /* Today's pages work with either connection, but Single Sign-On, set
   * up with mgr commands the Dashboard's API does not have. */
  entries = kdcc_page_registry_get_entries (&n);
  g_assert_cmpuint (n, >=, 2);
  g_assert_false (kdcc_page_entry_is_offered (kdcc_page_registry_lookup ("sso"), dashboard_caps));
  g_assert_cmpstr (kdcc_page_entry_get_missing_reason (kdcc_page_registry_lookup ("sso"),
                                                       dashboard_caps), ==,
                   "Needs a direct (librados) connection");
  g_assert_true (kdcc_page_entry_is_offered (kdcc_page_registry_lookup ("sso"), direct_caps));
  for (guint i = 0; i < n; i++)
    if (entries[i] != &test_entry && !g_str_equal (entries[i]->id, "sso"))
      {
        g_assert_true (kdcc_page_entry_is_offered (entries[i], dashboard_caps));
        g_assert_true (kdcc_page_entry_is_offered (entries[i], direct_caps));
      }

  /* Sorted by section; subjects find their page. */
  for (guint i = 1; i < n; i++)
    g_assert_cmpint (entries[i - 1]->section, <=, entries[i]->section);
  g_assert_cmpstr (kdcc_page_registry_lookup ("dashboard")->title, ==, "Dashboard");
  g_assert_cmpint (kdcc_page_registry_lookup ("dashboard")->section, ==,
                   KDCC_PAGE_SECTION_OVERVIEW);
  g_assert_cmpint (kdcc_page_registry_lookup ("diagnostics")->section, ==,
                   KDCC_PAGE_SECTION_OPERATIONS);
  g_assert_true (kdcc_page_registry_find_for_kind (KDCC_SUBJECT_HEALTH_CHECK) ==
                 kdcc_page_registry_lookup ("dashboard"));
  g_assert_true (kdcc_page_registry_find_for_kind (KDCC_SUBJECT_MONS) == &test_entry);
  g_assert_true (kdcc_page_registry_find_for_kind (KDCC_SUBJECT_OSD) ==
                 kdcc_page_registry_lookup ("osds"));
  g_assert_true (kdcc_page_registry_find_for_kind (KDCC_SUBJECT_OSDS) ==
                 kdcc_page_registry_lookup ("osds"));
  g_assert_true (kdcc_page_registry_find_for_kind (KDCC_SUBJECT_MGRS) ==
                 kdcc_page_registry_lookup ("daemons"));
  g_assert_true (kdcc_page_registry_find_for_kind (KDCC_SUBJECT_POOL) ==
                 kdcc_page_registry_lookup ("pools"));
  g_assert_true (kdcc_page_registry_find_for_kind (KDCC_SUBJECT_HOST) ==
                 kdcc_page_registry_lookup ("hosts"));
  g_assert_true (kdcc_page_registry_find_for_kind (KDCC_SUBJECT_PGS) ==
                 kdcc_page_registry_lookup ("pgs"));
  g_assert_cmpstr (kdcc_page_section_get_title (KDCC_PAGE_SECTION_SETUP), ==, "Setup");
}

static const char *
source_kind (KdccWindow *window)
{
  return kdcc_source_get_kind (kdcc_session_get_source (kdcc_window_get_session (window)));
}

static gboolean
session_has_data (gpointer data)
{
  KdccCluster *cluster = kdcc_window_get_cluster (data);

  return cluster != NULL && kdcc_cluster_get_has_data (cluster);
}

static void
test_sidebar_capabilities (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autoptr(KdccProfile) dashboard = dashboard_profile (cluster, "Dashboard Connection");
  g_autoptr(KdccProfile) direct = kdcc_test_named_profile (cluster, "Direct Connection");
  KdccPageRow *row;
  GtkWidget *list;
  TestPanel *panel;
  g_autoptr(KdccSession) old = NULL;
  g_autofree char *png = NULL;

  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 760);
  gtk_window_present (GTK_WINDOW (f->window));
  list = template_child (f->window, "pages_list");
  row = page_row (f->window, "test-mon-commands");
  g_assert_nonnull (row);
  panel = TEST_PANEL (kdcc_window_get_panel (f->window, "test-mon-commands"));

  /* Through the Dashboard: shown, insensitive, saying why. */
  kdcc_window_open_profile (f->window, dashboard, cluster->dashboard_password);
  g_assert_true (kdcc_test_wait_until (session_has_data, f->window, 60000));
  g_assert_cmpstr (source_kind (f->window), ==, "dashboard");
  g_assert_true (gtk_widget_get_visible (list));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (row)));
  g_assert_cmpstr (kdcc_page_row_get_reason (row), ==, "Needs a direct (librados) connection");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (row)), ==,
                   "Needs a direct (librados) connection");
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (page_row (f->window, "dashboard"))));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (page_row (f->window, "diagnostics"))));

  kdcc_test_settle (400);
  png = kdcc_test_screenshot (GTK_WIDGET (f->window), "sidebar");
  g_clear_pointer (&png, g_free);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  kdcc_test_settle (400);
  png = kdcc_test_screenshot (GTK_WIDGET (f->window), "sidebar-dark");
  g_clear_pointer (&png, g_free);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);

  /* Choosing it anyway (or asking for its subject) shows nothing empty. */
  g_signal_emit_by_name (list, "row-activated", row);
  g_assert_cmpstr (kdcc_window_get_visible_panel (f->window), ==, "dashboard");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-subject", "s",
                                             "mons"));
  g_assert_cmpstr (kdcc_window_get_visible_panel (f->window), ==, "dashboard");
  g_assert_cmpstr (kdcc_window_get_last_toast (f->window), ==,
                   "Needs a direct (librados) connection");
  g_assert_null (panel->shown);

  /* Directly through librados: offered, and the subject reaches it. The
   * Dashboard session is closed as the window switches. */
  old = g_object_ref (kdcc_window_get_session (f->window));
  g_assert_false (kdcc_session_get_closed (old));
  kdcc_window_open_profile (f->window, direct, NULL);
  g_assert_true (kdcc_session_get_closed (old));
  g_assert_true (kdcc_test_wait_until (session_has_data, f->window, 60000));
  g_assert_true (kdcc_window_get_session (f->window) != old);
  g_assert_cmpstr (source_kind (f->window), ==, "rados");
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (row)));
  g_assert_null (kdcc_page_row_get_reason (row));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-subject", "s",
                                             "mons"));
  g_assert_cmpstr (kdcc_window_get_visible_panel (f->window), ==, "test-mon-commands");
  g_assert_cmpstr (panel->shown, ==, "mons");
  g_assert_true (gtk_list_box_get_selected_row (GTK_LIST_BOX (list)) == GTK_LIST_BOX_ROW (row));

  /* The window's settings drive the session's monitor. */
  g_object_set (f->settings, "refresh-interval", 9, NULL);
  g_assert_cmpuint (kdcc_monitor_get_interval (kdcc_window_get_monitor (f->window)), ==, 9);

  /* And closing the window closes the session, on this thread. */
  g_clear_object (&old);
  old = g_object_ref (kdcc_window_get_session (f->window));
  gtk_window_destroy (GTK_WINDOW (f->window));
  kdcc_test_settle (50);
  g_assert_true (kdcc_session_get_closed (old));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  kdcc_test_ui_init ();
  kdcc_page_registry_add_for_testing (&test_entry);

  g_test_add_func ("/page-registry/filter", test_registry_filter);

  /* These need the real test cluster (not run with -Dlive_tests=false). */
  if (kdcc_test_have_cluster ())
    {
      g_test_add ("/page-registry/sidebar-capabilities", Fixture, NULL, fixture_setup,
                  test_sidebar_capabilities, fixture_teardown);
    }

  return kdcc_test_run ();
}
