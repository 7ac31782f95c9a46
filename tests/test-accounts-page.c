/* test-accounts-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The preferences' Accounts page against the real OpenID provider of the
 * tests: sign in through the page (the browser stand-in of
 * kdcc-test-oidc.h fills the provider's forms), the account listed, sign
 * out, cancel. Screenshots: accounts-empty, accounts-signed-in,
 * accounts-refused, accounts-waiting.
 */
#define G_LOG_DOMAIN "test-accounts-page"

#include "config.h"

#include <glib/gstdio.h>

#include "kdcc-accounts-page.h"
#include "kdcc-preferences-window.h"
#include "kdcc-settings.h"
#include "kdcc-test-oidc.h"
#include "kdcc-test-screenshot.h"
#include "kdcc-test-util.h"

static KdccTestOidc *provider;

typedef struct
{
  char    *url;
  GThread *thread;
} Browser;

static gpointer
browser_thread (gpointer data)
{
  Browser *browser = data;
  g_autofree char *redirect = kdcc_test_oidc_browse (provider, browser->url,
                                                     KDCC_TEST_OIDC_LOGIN,
                                                     KDCC_TEST_OIDC_PASSWORD, NULL);

  g_assert_nonnull (redirect);
  g_assert_cmpuint (kdcc_test_oidc_get (redirect), ==, 200);
  return NULL;
}

static void
open_uri_cb (const char *uri,
             gpointer    user_data)
{
  Browser *browser = user_data;

  browser->url = g_strdup (uri);
  browser->thread = g_thread_new ("browser", browser_thread, browser);
}

static void
remember_uri_cb (const char *uri,
                 gpointer    user_data)
{
  Browser *browser = user_data;

  browser->url = g_strdup (uri);
}

static gboolean
have_url (gpointer data)
{
  return ((Browser *) data)->url != NULL;
}

/* The redirect_uri parameter of an authorization URL. */
static char *
redirect_of (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED_QUERY, NULL);
  g_autoptr(GHashTable) params = NULL;

  g_assert_nonnull (uri);
  params = g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_NONE, NULL);
  g_assert_nonnull (params);
  return g_strdup (g_hash_table_lookup (params, "redirect_uri"));
}

static gboolean
not_busy (gpointer data)
{
  return !kdcc_accounts_page_get_busy (data);
}

static void
set_text (GtkWidget  *root,
          const char *title,
          const char *text)
{
  GtkWidget *child;

  /* Entry rows are found by their title, as a user finds them. */
  for (child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (ADW_IS_ENTRY_ROW (child)
          && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), title) == 0)
        {
          gtk_editable_set_text (GTK_EDITABLE (child), text);
          return;
        }
      set_text (child, title, text);
    }
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  GtkWidget *child;

  for (child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0)
        return child;
      if ((found = find_button (child, label)) != NULL)
        return found;
    }
  return NULL;
}

static void
test_sign_in_out (void)
{
  g_autoptr(KdccSettings) settings = kdcc_settings_new ();
  g_autoptr(KdccSecretStore) secrets = kdcc_secret_store_new ();
  g_autoptr(KdccOidcAccounts) accounts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kdcc-accounts-page-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "oidc-accounts.json", NULL);
  g_autofree char *expected = NULL;
  Browser browser = { 0 };
  GtkWidget *window, *page, *sign_out;

  g_assert_no_error (error);
  accounts = kdcc_oidc_accounts_new (secrets, path);
  window = kdcc_preferences_window_new (NULL, settings);
  page = kdcc_accounts_page_new (accounts);
  kdcc_accounts_page_set_open_uri_func (KDCC_ACCOUNTS_PAGE (page), open_uri_cb, &browser);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (window), ADW_PREFERENCES_PAGE (page));
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (window),
                                           ADW_PREFERENCES_PAGE (page));
  gtk_window_set_default_size (GTK_WINDOW (window), 720, 640);
  gtk_window_present (GTK_WINDOW (window));
  kdcc_test_wait_for_paint (window, 10000);
  g_assert_cmpuint (kdcc_accounts_page_get_n_accounts (KDCC_ACCOUNTS_PAGE (page)), ==, 0);
  g_free (kdcc_test_screenshot (window, "accounts-empty"));

  /* Sign in as the user would: the issuer and client typed in, "Sign In…". */
  set_text (page, "Issuer URL", provider->issuer);
  set_text (page, "Client ID", "kdcc");
  g_assert_true (gtk_widget_activate_action (page, "accounts.sign-in", NULL));
  g_assert_true (kdcc_accounts_page_get_busy (KDCC_ACCOUNTS_PAGE (page)));
  g_assert_true (kdcc_test_wait_until (not_busy, page, 120000));
  g_assert_nonnull (browser.thread);
  g_thread_join (browser.thread);
  expected = g_strdup_printf ("Signed in as alice at %s", provider->issuer);
  g_assert_cmpstr (kdcc_accounts_page_get_status (KDCC_ACCOUNTS_PAGE (page)), ==, expected);
  g_assert_cmpuint (kdcc_accounts_page_get_n_accounts (KDCC_ACCOUNTS_PAGE (page)), ==, 1);
  kdcc_test_wait_for_paint (window, 10000);
  g_free (kdcc_test_screenshot (window, "accounts-signed-in"));

  /* Sign out with the row's button. */
  sign_out = find_button (page, "Sign Out");
  g_assert_nonnull (sign_out);
  g_signal_emit_by_name (sign_out, "clicked");
  g_assert_true (kdcc_test_wait_until (not_busy, page, 60000));
  g_assert_cmpuint (kdcc_accounts_page_get_n_accounts (KDCC_ACCOUNTS_PAGE (page)), ==, 0);
  g_assert_true (g_str_has_prefix (kdcc_accounts_page_get_status (KDCC_ACCOUNTS_PAGE (page)),
                                   "Signed out of "));

  /* A provider that is not there: the reason shown under the form. */
  set_text (page, "Issuer URL", "http://127.0.0.1:9/nothing");
  g_assert_true (gtk_widget_activate_action (page, "accounts.sign-in", NULL));
  g_assert_true (kdcc_test_wait_until (not_busy, page, 60000));
  g_assert_true (g_str_has_prefix (kdcc_accounts_page_get_status (KDCC_ACCOUNTS_PAGE (page)),
                                   "Could not reach the identity provider at "));
  kdcc_test_wait_for_paint (window, 10000);
  g_free (kdcc_test_screenshot (window, "accounts-refused"));

  /* A sign-in whose browser never comes back: Cancel ends the wait and
   * closes the loopback server. */
  g_clear_pointer (&browser.url, g_free);
  kdcc_accounts_page_set_open_uri_func (KDCC_ACCOUNTS_PAGE (page), remember_uri_cb, &browser);
  set_text (page, "Issuer URL", provider->issuer);
  g_assert_true (gtk_widget_activate_action (page, "accounts.sign-in", NULL));
  g_assert_true (kdcc_test_wait_until (have_url, &browser, 60000));
  kdcc_test_wait_for_paint (window, 10000);
  g_free (kdcc_test_screenshot (window, "accounts-waiting"));
  g_assert_true (gtk_widget_activate_action (page, "accounts.cancel", NULL));
  g_assert_true (kdcc_test_wait_until (not_busy, page, 60000));
  g_assert_cmpstr (kdcc_accounts_page_get_status (KDCC_ACCOUNTS_PAGE (page)), ==,
                   "Sign-in cancelled");
  {
    g_autofree char *redirect_uri = redirect_of (browser.url);

    g_assert_true (kdcc_test_port_refuses (redirect_uri));
  }
  /* And the page signs in again after that. */
  g_assert_true (gtk_widget_is_sensitive (find_button (page, "Sign In…")));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_true (kdcc_secret_store_flush (secrets, 10000));
  g_free (browser.url);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  kdcc_test_ui_init ();
  provider = kdcc_test_oidc_start ();

  g_test_add_func ("/accounts-page/sign-in-out", test_sign_in_out);

  status = g_test_run ();
  kdcc_test_oidc_free (provider);
  return kdcc_test_exit (status);
}
