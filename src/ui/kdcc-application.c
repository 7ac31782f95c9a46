/* kdcc-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-application"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdcc-accounts-page.h"
#include "kdcc-application.h"
#include "kdcc-connection-options.h"
#include "kdcc-oidc-kube.h"
#include "kdcc-preferences-window.h"
#include "kdcc-rados-source.h"
#include "kdcc-setup-wizard.h"
#include "kdcc-subject.h"
#include "kdcc-window.h"

struct _KdccApplication
{
  AdwApplication    parent_instance;

  KdccSettings     *settings;
  KdccProfileStore *profile_store;
  KdccSecretStore  *secret_store;
  KdccDemoCluster  *demo_cluster;
  KdccOidcAccounts *oidc_accounts;
};

G_DEFINE_FINAL_TYPE (KdccApplication, kdcc_application, ADW_TYPE_APPLICATION)

static void
ensure_services (KdccApplication *self)
{
  g_autoptr(GError) error = NULL;

  if (self->settings != NULL)
    return;

  self->settings = kdcc_settings_new ();
  self->profile_store = kdcc_profile_store_new (NULL);
  self->secret_store = kdcc_secret_store_new ();
  self->demo_cluster = kdcc_demo_cluster_new ();

  /* A damaged profiles file has been moved aside by the store; the window
   * still opens with whatever could be read. */
  if (!kdcc_profile_store_load (self->profile_store, &error))
    g_warning ("%s", error->message);
}

static void
apply_color_scheme (KdccApplication *self)
{
  const char *scheme = kdcc_settings_get_color_scheme (self->settings);
  AdwColorScheme adw_scheme = ADW_COLOR_SCHEME_DEFAULT;

  if (g_strcmp0 (scheme, "light") == 0)
    adw_scheme = ADW_COLOR_SCHEME_FORCE_LIGHT;
  else if (g_strcmp0 (scheme, "dark") == 0)
    adw_scheme = ADW_COLOR_SCHEME_FORCE_DARK;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), adw_scheme);
}

static void
color_scheme_changed_cb (KdccSettings    *settings,
                         GParamSpec      *pspec,
                         KdccApplication *self)
{
  apply_color_scheme (self);
}

static KdccWindow *
get_window (KdccApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (KDCC_IS_WINDOW (window))
    return KDCC_WINDOW (window);

  ensure_services (self);

  return kdcc_window_new (GTK_APPLICATION (self), self->settings, self->profile_store,
                          self->secret_store, self->demo_cluster);
}

static void
kdcc_application_activate (GApplication *app)
{
  KdccApplication *self = KDCC_APPLICATION (app);
  gboolean fresh = gtk_application_get_active_window (GTK_APPLICATION (app)) == NULL;
  KdccWindow *window = get_window (self);

  if (fresh)
    {
      const char *last = kdcc_settings_get_last_profile (self->settings);
      KdccProfile *profile = NULL;

      if (last != NULL && *last != '\0')
        profile = kdcc_profile_store_lookup (self->profile_store, last);
      if (profile != NULL)
        kdcc_window_open_profile (window, profile, NULL);
    }

  gtk_window_present (GTK_WINDOW (window));
}

static int
kdcc_application_command_line (GApplication            *app,
                                GApplicationCommandLine *command_line)
{
  KdccApplication *self = KDCC_APPLICATION (app);
  g_autoptr(KdccConnectionOptions) options = kdcc_connection_options_new ();
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(KdccProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *password = NULL;
  KdccWindow *window;
  GVariantDict *dict = g_application_command_line_get_options_dict (command_line);
  const char *show = NULL;

  ensure_services (self);
  kdcc_connection_options_load_dict (options, dict, g_application_command_line_get_cwd (command_line));

  /* --show is checked before anything opens: a typo is an error, not a
   * window on the dashboard. */
  if (g_variant_dict_lookup (dict, "show", "&s", &show))
    {
      g_autoptr(KdccSubject) subject = kdcc_subject_parse (show, &error);

      if (subject == NULL)
        {
          g_application_command_line_printerr (command_line, "%s\n", error->message);
          return EXIT_FAILURE;
        }
    }

  if (!kdcc_connection_options_is_set (options))
    {
      g_application_activate (app);
      if (show != NULL)
        kdcc_window_show_subject (get_window (self), show);
      return EXIT_SUCCESS;
    }

  /* A saved profile's password comes from the keyring asynchronously, in
   * the window; only explicit flags are resolved here (they read at most a
   * small password file). */
  if (options->profile != NULL && options->password_file == NULL)
    {
      KdccProfile *saved = kdcc_profile_store_find (self->profile_store, options->profile);

      if (saved == NULL)
        {
          g_application_command_line_printerr (command_line,
                                               _("No saved connection is called “%s”\n"),
                                               options->profile);
          return EXIT_FAILURE;
        }

      if (options->trust_fingerprint != NULL)
        kdcc_profile_set_trusted_fingerprint (saved, options->trust_fingerprint);
      profile = g_object_ref (saved);
    }
  else if (!kdcc_connection_options_resolve (options, self->profile_store, self->secret_store,
                                             &profile, &password, warnings, &error))
    {
      g_application_command_line_printerr (command_line, "%s\n", error->message);
      return EXIT_FAILURE;
    }

  for (guint i = 0; i < warnings->len; i++)
    g_application_command_line_printerr (command_line, "%s\n",
                                         (const char *) g_ptr_array_index (warnings, i));

  window = get_window (self);
  kdcc_window_open_profile (window, profile, password);
  if (show != NULL)
    kdcc_window_show_subject (window, show);
  gtk_window_present (GTK_WINDOW (window));

  if (password != NULL)
    memset (password, 0, strlen (password));

  return EXIT_SUCCESS;
}

static void
kdcc_application_startup (GApplication *app)
{
  KdccApplication *self = KDCC_APPLICATION (app);
  static const char *refresh_accels[] = { "F5", "<Control>r", NULL };
  static const char *connect_accels[] = { "<Control>n", NULL };
  static const char *back_accels[] = { "<Alt>Left", "Back", NULL };
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (kdcc_application_parent_class)->startup (app);

  /* Uninstalled (from the build tree or in tests) no icon theme has the
   * app's icon: the build tree does, as an unthemed icon. */
  {
    GdkDisplay *display = gdk_display_get_default ();
    GtkIconTheme *theme = display ? gtk_icon_theme_get_for_display (display) : NULL;

    if (theme != NULL && !gtk_icon_theme_has_icon (theme, APP_ID) &&
        g_file_test (KDCC_BUILD_ICON_DIR, G_FILE_TEST_IS_DIR))
      gtk_icon_theme_add_search_path (theme, KDCC_BUILD_ICON_DIR);
  }

  ensure_services (self);
  /* Kubernetes users of an OpenID provider sign in with KDCC's accounts. */
  self->oidc_accounts = kdcc_oidc_accounts_new (self->secret_store, NULL);
  kdcc_oidc_kube_install (self->oidc_accounts);
  g_signal_connect_object (self->settings, "notify::color-scheme",
                           G_CALLBACK (color_scheme_changed_cb), self, 0);
  apply_color_scheme (self);

  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.refresh", refresh_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.connect", connect_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.go-back", back_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences",
                                         preferences_accels);
}

/* The closed sessions' librados handles are shut down by their workers
 * once the fetch in flight returns (within KDCC_RADOS_TIMEOUT_S), and a
 * finished task may need this context to let its source go. Exiting
 * before that crashes: librados' threads would run on under OpenSSL's
 * clean-up. */
static void
wait_for_librados (void)
{
  if (!kdcc_rados_source_wait_closed ((KDCC_RADOS_TIMEOUT_S + 5) * 1000))
    g_warning ("Exiting with %u librados handles still open", kdcc_rados_source_get_open_handles ());
}

static void
kdcc_application_shutdown (GApplication *app)
{
  KdccApplication *self = KDCC_APPLICATION (app);

  /* The demo cluster lives only as long as the app. */
  if (self->demo_cluster != NULL)
    kdcc_demo_cluster_stop (self->demo_cluster);

  /* A cluster removed while its Undo toast was up loses its password when
   * its window goes; the main loop has stopped by now, so wait here for
   * the keyring to answer rather than leave the password behind. */
  for (GList *l = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (app)));
       l != NULL; l = g_list_delete_link (l, l))
    if (KDCC_IS_WINDOW (l->data))
      gtk_window_destroy (l->data);
  if (self->secret_store != NULL)
    kdcc_secret_store_flush (self->secret_store, 10000);
  kdcc_oidc_kube_uninstall ();
  wait_for_librados ();

  G_APPLICATION_CLASS (kdcc_application_parent_class)->shutdown (app);
}

static void
kdcc_application_dispose (GObject *object)
{
  KdccApplication *self = (KdccApplication *)object;

  g_clear_object (&self->settings);
  g_clear_object (&self->profile_store);
  g_clear_object (&self->oidc_accounts);
  g_clear_object (&self->secret_store);
  g_clear_object (&self->demo_cluster);

  G_OBJECT_CLASS (kdcc_application_parent_class)->dispose (object);
}

static void
kdcc_application_class_init (KdccApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = kdcc_application_dispose;
  app_class->activate = kdcc_application_activate;
  app_class->command_line = kdcc_application_command_line;
  app_class->startup = kdcc_application_startup;
  app_class->shutdown = kdcc_application_shutdown;
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  GApplication *app = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  /* Closing the windows first lets them save their size and stop their
   * refreshes before the app goes. */
  for (GList *l = g_list_copy (windows); l != NULL; l = g_list_delete_link (l, l))
    gtk_window_close (l->data);

  g_application_quit (app);
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  GtkApplication *app = user_data;
  static const char *developers[] = { "Koor Technologies, Inc.", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "application-name", _("Data Control Center"),
                        "application-icon", APP_ID,
                        "developer-name", "Koor Technologies, Inc.",
                        "version", PACKAGE_VERSION,
                        "website", "https://koor.tech",
                        "issue-url", "https://github.com/koor-tech/kdcc/issues",
                        "comments", _("See what is happening in your Ceph storage and change it safely."),
                        "developers", developers,
                        "copyright", "© 2026 Koor Technologies, Inc.",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: put your names here, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  KdccApplication *self = user_data;
  GtkWidget *preferences;

  ensure_services (self);
  preferences = kdcc_preferences_window_new (gtk_application_get_active_window (GTK_APPLICATION (self)),
                                             self->settings);
  if (self->oidc_accounts != NULL)
    adw_preferences_window_add (ADW_PREFERENCES_WINDOW (preferences),
                                ADW_PREFERENCES_PAGE (kdcc_accounts_page_new (self->oidc_accounts)));
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
setup_wizard_activated (GSimpleAction *action,
                        GVariant      *param,
                        gpointer       user_data)
{
  KdccApplication *self = user_data;
  KdccWindow *window = get_window (self);
  GtkWidget *wizard = kdcc_setup_wizard_new (GTK_WINDOW (window));

  kdcc_setup_wizard_set_job_manager (KDCC_SETUP_WIZARD (wizard),
                                     kdcc_window_get_job_manager (window));
  gtk_window_present (GTK_WINDOW (wizard));
}

/* A notification's or another app's link to a subject ("osd.3"). */
static void
show_subject_activated (GSimpleAction *action,
                        GVariant      *param,
                        gpointer       user_data)
{
  KdccApplication *self = user_data;
  KdccWindow *window = get_window (self);

  kdcc_window_show_subject (window, g_variant_get_string (param, NULL));
  gtk_window_present (GTK_WINDOW (window));
}

/* The automated upgrade's notifications (kdcc-upgrade-watch.h): the
 * Versions page, with the cluster's Automatic Upgrades and the assistant. */
static void
show_upgrade_activated (GSimpleAction *action,
                        GVariant      *param,
                        gpointer       user_data)
{
  KdccApplication *self = user_data;
  KdccWindow *window = get_window (self);

  kdcc_window_show_page (window, "versions");
  gtk_window_present (GTK_WINDOW (window));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "show-subject", show_subject_activated, "s" },
  { "show-upgrade", show_upgrade_activated, "s" },
  { "about", about_activated },
  { "preferences", preferences_activated },
  { "setup-wizard", setup_wizard_activated },
};

/* `kdcc --show osd.3`: the subject to open once the cluster's data is in. */
static const GOptionEntry show_entries[] = {
  { "show", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Open on SUBJECT: osd.ID, pool/NAME, host/NAME, health/CODE, pgs, pgs/CODE, mons, mgrs, "
       "osds, pools or hosts"),
    N_("SUBJECT") },
  { NULL },
};

static void
kdcc_application_init (KdccApplication *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  g_application_add_main_option_entries (G_APPLICATION (self),
                                         kdcc_connection_options_get_entries ());
  g_application_add_main_option_entries (G_APPLICATION (self), show_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), NULL);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                             _("Open a Ceph cluster, or the last one used."));
}

KdccApplication *
kdcc_application_new (void)
{
  return g_object_new (KDCC_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}

KdccSettings *
kdcc_application_get_settings (KdccApplication *self)
{
  g_return_val_if_fail (KDCC_IS_APPLICATION (self), NULL);

  ensure_services (self);
  return self->settings;
}

KdccProfileStore *
kdcc_application_get_profile_store (KdccApplication *self)
{
  g_return_val_if_fail (KDCC_IS_APPLICATION (self), NULL);

  ensure_services (self);
  return self->profile_store;
}

KdccSecretStore *
kdcc_application_get_secret_store (KdccApplication *self)
{
  g_return_val_if_fail (KDCC_IS_APPLICATION (self), NULL);

  ensure_services (self);
  return self->secret_store;
}

KdccDemoCluster *
kdcc_application_get_demo_cluster (KdccApplication *self)
{
  g_return_val_if_fail (KDCC_IS_APPLICATION (self), NULL);

  ensure_services (self);
  return self->demo_cluster;
}
