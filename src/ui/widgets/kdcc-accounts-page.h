/* kdcc-accounts-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kdcc-oidc-accounts.h"
#include "kdcc-oidc-signin.h"

G_BEGIN_DECLS

#define KDCC_TYPE_ACCOUNTS_PAGE (kdcc_accounts_page_get_type ())

G_DECLARE_FINAL_TYPE (KdccAccountsPage, kdcc_accounts_page, KDCC, ACCOUNTS_PAGE,
                      AdwPreferencesPage)

/* The preferences' "Accounts" page: the accounts KDCC is signed in with at
 * OpenID Connect providers (name, provider, "sign in again" when their
 * refresh was refused), each with "Sign out", and a sign-in with an issuer
 * URL and a client id that opens the system browser.
 *
 * Actions: "accounts.sign-in" (no parameter), "accounts.sign-out"
 * ("(sss)": issuer, client id, subject) and "accounts.cancel" (stops the
 * sign-in waiting for the browser). Property "busy" (read-only) is
 * TRUE while a sign-in or sign-out runs. */
GtkWidget  *kdcc_accounts_page_new              (KdccOidcAccounts    *accounts);
gboolean    kdcc_accounts_page_get_busy         (KdccAccountsPage    *self);
/* The number of accounts listed. */
guint       kdcc_accounts_page_get_n_accounts   (KdccAccountsPage    *self);
/* The last sign-in's or sign-out's outcome, as shown under the form. */
const char *kdcc_accounts_page_get_status       (KdccAccountsPage    *self);
/* Replaces how the browser is opened (the default launches the desktop's
 * browser with g_app_info_launch_default_for_uri()); for tests. */
void        kdcc_accounts_page_set_open_uri_func (KdccAccountsPage   *self,
                                                  KdccOidcOpenUriFunc func,
                                                  gpointer            user_data);

G_END_DECLS
