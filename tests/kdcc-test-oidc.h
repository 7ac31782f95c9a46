/* kdcc-test-oidc.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The real OpenID provider of the tests: npm oidc-provider, run by node
 * from tests/oidc (kdcc-test-oidc-provider.mjs; `npm ci` there is done by
 * build-aux/run-tests). Clients, all public, PKCE, loopback redirect,
 * refresh and device grants:
 *
 *   kdcc        ID tokens signed RS256
 *   kdcc-es256  ID tokens signed ES256
 *   kdcc-short  refresh tokens that live 3 seconds
 *   other-app   another application (the wrong audience)
 *   kdcc-confidential  a confidential client (client_secret_post) with the
 *               secret KDCC_TEST_OIDC_CLIENT_SECRET
 *
 * The test user: alice / wonderland, subject "alice-0001". */
#define KDCC_TEST_OIDC_LOGIN    "alice"
#define KDCC_TEST_OIDC_PASSWORD "wonderland"
#define KDCC_TEST_OIDC_SUBJECT  "alice-0001"
#define KDCC_TEST_OIDC_CLIENT_SECRET "kdcc-test-client-secret"

typedef struct
{
  char        *issuer;    /* http://127.0.0.1:PORT */
  GSubprocess *process;
} KdccTestOidc;

KdccTestOidc *kdcc_test_oidc_start (void);
void          kdcc_test_oidc_free  (KdccTestOidc *oidc);
/* POST ISSUER/test/PATH (the provider's test switches, "swap-jwks",
 * "restore-jwks"). */
void          kdcc_test_oidc_control (KdccTestOidc *oidc,
                                      const char   *path);

/* A browser stand-in: opens URL with a cookie jar of its own and follows
 * the provider's redirects and forms (login and password filled in, the
 * device code confirmed), without running any script. Stops at the first
 * redirect that leaves the provider (the loopback redirect of a sign-in),
 * which it returns without following it, or at a page without a form
 * (the end of a device sign-in), where it returns NULL. The status of the
 * last answer goes to *LAST_STATUS (nullable). */
char         *kdcc_test_oidc_browse (KdccTestOidc *oidc,
                                     const char   *url,
                                     const char   *login,
                                     const char   *password,
                                     guint        *last_status);

/* GETs URL (the loopback redirect) and returns its HTTP status. */
guint         kdcc_test_oidc_get    (const char   *url);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdccTestOidc, kdcc_test_oidc_free)

G_END_DECLS
