/* test-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * KdccApplication run as `kdcc` runs it (g_application_run with a command
 * line), under Xvfb with the real gnome-keyring of build-aux/run-tests:
 *
 * - a cluster removed while its Undo toast is up loses its saved password
 *   when the app quits (app.quit, or its last window closed) before the
 *   toast times out; after Undo the password stays. The keyring is read by
 *   `secret-tool` right after g_application_run() returns, before anything
 *   runs the main loop again: what a real process leaves behind at exit.
 * - `kdcc --conf ... --show SUBJECT` opens the window on that subject
 *   (osd.N, pool/NAME, health/CODE) against the live cluster; a subject
 *   that is no subject fails with a clear message before any window, and
 *   one the cluster does not have says so in a toast.
 * - the About window shows the app's icon, found in the build tree.
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "kdcc-application.h"
#include "kdcc-dashboard-panel.h"
#include "kdcc-osd-page.h"
#include "kdcc-pools-panel.h"
#include "kdcc-test-screenshot.h"
#include "kdcc-test-util.h"
#include "kdcc-window.h"

/* A fresh application that does not hand over to another instance: the
 * tests run side by side on one session bus. */
static KdccApplication *
app_new (void)
{
  KdccApplication *app = kdcc_application_new ();

  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) |
                           G_APPLICATION_NON_UNIQUE);
  return app;
}

static KdccWindow *
app_window (KdccApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  return KDCC_IS_WINDOW (window) ? KDCC_WINDOW (window) : NULL;
}

/* Steps a test takes while g_application_run() runs, one per poll until
 * it returns TRUE; the last quits. A deadline quits too and fails. */
typedef gboolean (*Step) (KdccApplication *app,
                          gpointer         data);

typedef struct
{
  KdccApplication *app;
  const Step      *steps;
  guint            n_steps;
  guint            current;
  gpointer         data;
  gint64           deadline;
  gboolean         timed_out;
} Driver;

static gboolean
drive_cb (gpointer user_data)
{
  Driver *driver = user_data;

  if (g_get_monotonic_time () > driver->deadline)
    {
      driver->timed_out = TRUE;
      g_test_message ("timed out in step %u", driver->current);
      g_application_quit (G_APPLICATION (driver->app));
      return G_SOURCE_REMOVE;
    }

  if (driver->steps[driver->current] (driver->app, driver->data))
    driver->current++;

  return driver->current < driver->n_steps ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

/* Runs APP with ARGV and the steps; returns its exit status. */
static int
run_app (KdccApplication    *app,
         const char * const *argv,
         const Step         *steps,
         guint               n_steps,
         gpointer            data)
{
  Driver driver = { app, steps, n_steps, 0, data, 0, FALSE };
  guint source;
  int status;

  driver.deadline = g_get_monotonic_time () + 90 * G_USEC_PER_SEC;
  source = g_timeout_add (100, drive_cb, &driver);
  status = g_application_run (G_APPLICATION (app), g_strv_length ((char **) argv),
                              (char **) argv);
  if (driver.current < n_steps)
    g_source_remove (source);
  g_assert_false (driver.timed_out);
  g_assert_cmpuint (driver.current, ==, n_steps);

  return status;
}

/* The saved password of PROFILE, read by secret-tool from the keyring
 * (never printed); NULL when there is none. */
static char *
keyring_lookup (KdccProfile *profile)
{
  const char *argv[] = {
    "secret-tool", "lookup", "profile-id", kdcc_profile_get_id (profile), NULL
  };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, &status, &error))
    g_error ("secret-tool: %s", error->message);

  return status == 0 && out != NULL && *out != '\0' ? g_steal_pointer (&out) : NULL;
}

/* Removal and the keyring ------------------------------------------------------------------- */

typedef enum
{
  END_QUIT,          /* app.quit (Ctrl+Q) */
  END_CLOSE_WINDOW,  /* the window's close button */
  END_UNDO_QUIT,     /* Undo, then app.quit */
} RemoveEnd;

typedef struct
{
  KdccProfile *profile;
  RemoveEnd    end;
  char        *toast;
  char        *screenshot;
} RemoveCase;

/* The About window shows the app's icon, which an uninstalled build finds
 * in the build tree (no icon theme has it). */
static void
check_about (KdccApplication *app)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  GListModel *toplevels = gtk_window_get_toplevels ();
  g_autofree char *png = NULL;
  GtkWindow *about = NULL;

  /* gtk_icon_theme_has_icon() of GTK 4.8 does not see icons that lie
   * loose in a search path folder, as the build tree's does; a lookup
   * does, and is what the About window does. */
  {
    g_autoptr(GtkIconPaintable) icon = gtk_icon_theme_lookup_icon (theme, APP_ID, NULL, 128, 1,
                                                                   GTK_TEXT_DIR_NONE, 0);
    g_autoptr(GFile) file = gtk_icon_paintable_get_file (icon);
    g_autofree char *base = file != NULL ? g_file_get_basename (file) : NULL;

    g_test_message ("app icon: %s", file != NULL ? g_file_peek_path (file) : "(none)");
    g_assert_nonnull (base);
    g_assert_true (g_str_has_prefix (base, APP_ID "."));
  }
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_ABOUT_WINDOW (window))
        about = window;
    }
  g_assert_nonnull (about);
  g_assert_cmpstr (adw_about_window_get_application_icon (ADW_ABOUT_WINDOW (about)), ==, APP_ID);
  kdcc_test_settle (500);
  png = kdcc_test_screenshot (GTK_WIDGET (about), "application-about");
  gtk_window_destroy (about);
}

static gboolean
step_remove (KdccApplication *app,
             gpointer         data)
{
  RemoveCase *rc = data;
  KdccWindow *window = app_window (app);

  if (window == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window)))
    return FALSE;
  if (rc->end == END_QUIT)
    check_about (app);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.remove-profile", "s",
                                             kdcc_profile_get_id (rc->profile)));
  return TRUE;
}

static gboolean
step_toast (KdccApplication *app,
            gpointer         data)
{
  RemoveCase *rc = data;
  KdccWindow *window = app_window (app);

  if (g_strcmp0 (kdcc_window_get_last_toast (window), rc->toast) != 0)
    return FALSE;
  /* Removed from the saved connections at once; the password waits for
   * the toast. */
  g_assert_null (kdcc_profile_store_lookup (kdcc_application_get_profile_store (app),
                                            kdcc_profile_get_id (rc->profile)));
  if (rc->screenshot == NULL)
    {
      g_autofree char *png_name = g_strdup_printf ("application-removed-toast-%d", (int) rc->end);

      rc->screenshot = kdcc_test_screenshot (GTK_WIDGET (window), png_name);
    }
  if (rc->end == END_UNDO_QUIT)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-remove", "s",
                                                 kdcc_profile_get_id (rc->profile)));
      g_assert_nonnull (kdcc_profile_store_lookup (kdcc_application_get_profile_store (app),
                                                   kdcc_profile_get_id (rc->profile)));
    }
  return TRUE;
}

static gboolean
step_end (KdccApplication *app,
          gpointer         data)
{
  RemoveCase *rc = data;

  /* Well before the toast's 10 s: its Undo is still offered. */
  if (rc->end == END_CLOSE_WINDOW)
    gtk_window_close (GTK_WINDOW (app_window (app)));
  else
    g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  return TRUE;
}

static void
stored_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (kdcc_secret_store_store_finish (KDCC_SECRET_STORE (object), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

static void
test_remove_then_quit (gconstpointer data)
{
  RemoveEnd end = GPOINTER_TO_INT (data);
  g_autoptr(KdccApplication) app = app_new ();
  g_autoptr(KdccProfile) profile = kdcc_profile_new (KDCC_PROFILE_KIND_DASHBOARD);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("Lab %d", (int) end);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  KdccSecretStore *secrets = kdcc_application_get_secret_store (app);
  RemoveCase rc = { profile, end, NULL, NULL };
  static const Step steps[] = { step_remove, step_toast, step_end };
  const char *argv[] = { "kdcc", NULL };
  gboolean stored = FALSE;

  /* A saved connection with a password in the real keyring; nothing
   * answers at TEST-NET-1, and nothing connects to it. */
  kdcc_profile_set_name (profile, name);
  kdcc_profile_set_url (profile, "https://192.0.2.10:8443");
  kdcc_profile_set_user (profile, "admin");
  g_assert_true (kdcc_profile_store_add (kdcc_application_get_profile_store (app), profile,
                                         &error));
  g_assert_no_error (error);
  g_assert_true (kdcc_secret_store_get_persistent (secrets));
  kdcc_secret_store_store_async (secrets, profile, "test-password-not-real", NULL, stored_cb,
                                 &stored);
  g_assert_true (kdcc_test_wait_until (is_true, &stored, 20000));
  before = keyring_lookup (profile);
  g_assert_nonnull (before);
  g_clear_pointer (&before, g_free);

  rc.toast = g_strdup_printf ("Removed %s", name);
  g_assert_cmpint (run_app (app, argv, steps, G_N_ELEMENTS (steps), &rc), ==, 0);

  /* As the process would exit now: nothing has run the main loop since
   * g_application_run() returned. */
  after = keyring_lookup (profile);
  if (end == END_UNDO_QUIT)
    {
      g_assert_nonnull (after);
      g_assert_nonnull (kdcc_profile_store_lookup (kdcc_application_get_profile_store (app),
                                                   kdcc_profile_get_id (profile)));
    }
  else
    {
      g_assert_null (after);
    }
  g_assert_cmpuint (kdcc_secret_store_get_n_pending (secrets), ==, 0);

  g_free (rc.toast);
  g_free (rc.screenshot);
}

/* kdcc --show ------------------------------------------------------------------------------ */

typedef struct
{
  const char *subject;
  const char *wait_toast;  /* the toast that says it is not there, or NULL */
  char       *panel;       /* the panel_stack child shown */
  char       *page_title;  /* its title (a sub-page's is its subject) */
  char       *detail;      /* what the page says about the subject */
  char       *toast;
  char       *screenshot;
} ShowCase;

static GtkWidget *
visible_panel (KdccWindow *window)
{
  GtkStack *stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                              KDCC_TYPE_WINDOW, "panel_stack"));

  return gtk_stack_get_visible_child (stack);
}

static gboolean
step_shown (KdccApplication *app,
            gpointer         data)
{
  ShowCase *sc = data;
  KdccWindow *window = app_window (app);
  GtkStack *stack;
  GtkWidget *child;
  KdccCluster *cluster;

  if (window == NULL || (cluster = kdcc_window_get_cluster (window)) == NULL ||
      !kdcc_cluster_get_has_data (cluster))
    return FALSE;
  stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), KDCC_TYPE_WINDOW,
                                                    "panel_stack"));
  child = gtk_stack_get_visible_child (stack);
  /* The window shows the dashboard until the subject's page is up, or
   * the toast that says it is not there. */
  if (sc->wait_toast != NULL
      ? g_strcmp0 (kdcc_window_get_last_toast (window), sc->wait_toast) != 0
      : (!g_str_has_prefix (sc->subject, "health/") &&
         !g_str_has_prefix (kdcc_window_get_visible_panel (window), "subpage-")))
    return FALSE;

  sc->panel = g_strdup (kdcc_window_get_visible_panel (window));
  sc->page_title = g_strdup (gtk_stack_page_get_title (gtk_stack_get_page (stack, child)));
  sc->toast = g_strdup (kdcc_window_get_last_toast (window));
  if (g_str_has_prefix (sc->subject, "osd.") && g_str_has_prefix (sc->panel, "subpage-"))
    sc->detail = g_strdup (kdcc_osd_page_get_status (visible_panel (window)));
  else if (g_str_has_prefix (sc->subject, "pool/") && g_str_has_prefix (sc->panel, "subpage-"))
    sc->detail = g_strdup (kdcc_pool_page_get_replication (visible_panel (window)));
  else if (g_str_has_prefix (sc->subject, "health/"))
    {
      GtkWidget *row = kdcc_dashboard_panel_get_alert_row (
        KDCC_DASHBOARD_PANEL (kdcc_window_get_panel (window, "dashboard")),
        sc->subject + strlen ("health/"));

      if (row == NULL || !adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)))
        return FALSE;
      sc->detail = g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
    }
  return TRUE;
}

static gboolean
step_screenshot_quit (KdccApplication *app,
                      gpointer         data)
{
  ShowCase *sc = data;
  g_autofree char *name = g_strdup_printf ("application-show-%s", sc->subject);

  g_strdelimit (name, "/.", '-');
  kdcc_test_settle (600);
  sc->screenshot = kdcc_test_screenshot (GTK_WIDGET (app_window (app)), name);
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  return TRUE;
}

static void
show_case (KdccTestCluster *cluster,
           ShowCase        *sc)
{
  g_autoptr(KdccApplication) app = app_new ();
  static const Step steps[] = { step_shown, step_screenshot_quit };
  const char *argv[] = {
    "kdcc", "--conf", cluster->conf, "--keyring", cluster->keyring, "--id", cluster->client_id,
    "--show", sc->subject, NULL
  };

  g_assert_cmpint (run_app (app, argv, steps, G_N_ELEMENTS (steps), sc), ==, 0);
  g_test_message ("--show %s: panel %s, title %s, detail %s, toast %s", sc->subject, sc->panel,
                  sc->page_title, sc->detail, sc->toast);
}

static void
show_case_clear (ShowCase *sc)
{
  g_free (sc->panel);
  g_free (sc->page_title);
  g_free (sc->detail);
  g_free (sc->toast);
  g_free (sc->screenshot);
}

/* The real `kdcc` binary with a subject that is not one: it must fail
 * with the reason, before connecting or opening anything. */
static void
show_bad_subject (const char *subject,
                  gboolean    with_cluster)
{
  g_autoptr(KdccTestCluster) cluster = with_cluster ? kdcc_test_cluster_get_shared () : NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *asan = NULL;
  g_auto(GStrv) envp = NULL;
  int status;

  g_ptr_array_add (argv, (gpointer) g_getenv ("KDCC_APP"));
  if (with_cluster)
    {
      g_ptr_array_add (argv, (gpointer) "--conf");
      g_ptr_array_add (argv, cluster->conf);
      g_ptr_array_add (argv, (gpointer) "--keyring");
      g_ptr_array_add (argv, cluster->keyring);
    }
  g_ptr_array_add (argv, (gpointer) "--show");
  g_ptr_array_add (argv, (gpointer) subject);
  g_ptr_array_add (argv, NULL);
  g_assert_nonnull (g_ptr_array_index (argv, 0));

  /* What is tested is the message and the status; the GLib quark arrays
   * that tests mark as not leaked (kdcc-test-quarks.c) are not marked in
   * the real binary, and LeakSanitizer would replace its status. */
  envp = g_environ_setenv (g_get_environ (), "ASAN_OPTIONS",
                           g_getenv ("ASAN_OPTIONS") != NULL
                           ? (asan = g_strconcat (g_getenv ("ASAN_OPTIONS"), ":detect_leaks=0",
                                                  NULL))
                           : "detect_leaks=0", TRUE);
  if (!g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                     &status, &error))
    g_error ("%s", error->message);
  g_test_message ("kdcc --show %s: %s", subject, err);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 1);
  expected = g_strdup_printf ("“%s” is not something to show: use osd.ID, pool/NAME, host/NAME, "
                              "health/CODE", subject);
  g_assert_nonnull (strstr (err, expected));
}

static void
test_show (void)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autoptr(JsonNode) health = kdcc_test_ceph_json (cluster, "health", "detail", NULL);
  JsonObject *checks = json_object_get_object_member (json_node_get_object (health), "checks");
  g_autoptr(GList) codes = json_object_get_members (checks);
  g_autofree char *health_subject = NULL;
  g_autofree char *pool_subject = g_strconcat ("pool/", cluster->pool, NULL);

  {
    ShowCase sc = { "osd.1" };

    show_case (cluster, &sc);
    g_assert_true (g_str_has_prefix (sc.panel, "subpage-"));
    g_assert_cmpstr (sc.page_title, ==, "osd.1");
    g_assert_cmpstr (sc.detail, ==, "Up · In");
    show_case_clear (&sc);
  }

  {
    ShowCase sc = { pool_subject };

    show_case (cluster, &sc);
    g_assert_true (g_str_has_prefix (sc.panel, "subpage-"));
    g_assert_cmpstr (sc.page_title, ==, cluster->pool);
    g_assert_cmpstr (sc.detail, ==, "Replicated, 3 copies (min. 2)");
    show_case_clear (&sc);
  }

  /* A check the cluster really raises (the harness leaves real warnings
   * on): its alert row, opened, on the dashboard. */
  g_assert_nonnull (codes);
  health_subject = g_strconcat ("health/", (const char *) codes->data, NULL);
  {
    ShowCase sc = { health_subject };
    const char *summary = json_object_get_string_member (
      json_object_get_object_member (json_object_get_object_member (checks, codes->data),
                                     "summary"), "message");

    show_case (cluster, &sc);
    g_assert_cmpstr (sc.panel, ==, "dashboard");
    g_assert_cmpstr (sc.detail, ==, summary);
    show_case_clear (&sc);
  }

  /* A subject the cluster does not have: the window says so. */
  {
    ShowCase sc = { "osd.4096", "osd.4096 is not in this cluster" };

    show_case (cluster, &sc);
    g_assert_cmpstr (sc.toast, ==, "osd.4096 is not in this cluster");
    g_assert_cmpstr (sc.panel, ==, "dashboard");
    show_case_clear (&sc);
  }

  /* Not a subject at all: an error on stderr, exit status 1. */
  show_bad_subject ("osd.zero", TRUE);
  show_bad_subject ("bogus", FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  kdcc_test_ui_init ();

  g_test_add_data_func ("/application/remove-then-quit", GINT_TO_POINTER (END_QUIT),
                        test_remove_then_quit);
  g_test_add_data_func ("/application/remove-then-close-window",
                        GINT_TO_POINTER (END_CLOSE_WINDOW), test_remove_then_quit);
  g_test_add_data_func ("/application/remove-undo-quit", GINT_TO_POINTER (END_UNDO_QUIT),
                        test_remove_then_quit);
  if (kdcc_test_have_cluster ())
    g_test_add_func ("/application/show", test_show);

  return kdcc_test_run ();
}
