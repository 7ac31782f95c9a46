/* test-oidc-live.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * KDCC's own sign-in against a real OpenID provider (npm oidc-provider,
 * kdcc-test-oidc.h), with the provider's login and consent forms filled
 * over HTTP by a browser stand-in on a thread of its own while the
 * sign-in runs on the main context, as in the app.
 */
#define G_LOG_DOMAIN "test-oidc-live"

#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "kdcc-error.h"
#include "kdcc-kube-auth.h"
#include "kdcc-kube-client.h"
#include "kdcc-kube-oidc-refresh.h"
#include "kdcc-kube-source.h"
#include "kdcc-kubeconfig.h"
#include "kdcc-oidc-accounts.h"
#include "kdcc-oidc-kube.h"
#include "kdcc-oidc-signin.h"
#include "kdcc-profile.h"
#include "kdcc-test-kube.h"
#include "kdcc-test-oidc.h"
#include "kdcc-test-util.h"

static KdccTestOidc *provider;

/* The canary scan: every token a test obtained, and every log message of
 * the run; at the end no token may be in any message. */
static GPtrArray *seen_tokens;
static GString *log_text;
static GMutex log_lock;

static GLogWriterOutput
log_writer_cb (GLogLevelFlags   log_level,
               const GLogField *fields,
               gsize            n_fields,
               gpointer         user_data)
{
  const char *domain = NULL;
  g_autofree char *message = NULL;
  gsize i;

  for (i = 0; i < n_fields; i++)
    {
      if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].value != NULL)
        message = fields[i].length < 0 ? g_strdup (fields[i].value)
                                       : g_strndup (fields[i].value, fields[i].length);
      else if (g_str_equal (fields[i].key, "GLIB_DOMAIN") && fields[i].length < 0)
        domain = fields[i].value;
    }
  if (message == NULL)
    return G_LOG_WRITER_UNHANDLED;

  g_mutex_lock (&log_lock);
  g_string_append (log_text, message);
  g_string_append_c (log_text, '\n');
  g_mutex_unlock (&log_lock);
  /* As a TAP comment, as GTest prints messages; fatal levels still abort
   * (GLib does that after the writer). */
  g_test_message ("%s: %s", domain != NULL ? domain : "", message);
  return G_LOG_WRITER_HANDLED;
}

static void
remember_tokens (const KdccOidcTokens *tokens)
{
  g_ptr_array_add (seen_tokens, g_strdup (tokens->id_token));
  g_ptr_array_add (seen_tokens, g_strdup (tokens->access_token));
  if (tokens->refresh_token != NULL)
    g_ptr_array_add (seen_tokens, g_strdup (tokens->refresh_token));
}

/* How the browser stand-in misbehaves, for the refusal cases. */
typedef enum
{
  BROWSER_NORMAL,
  BROWSER_FORGE_STATE,    /* delivers the redirect with another state */
  BROWSER_SWAP_NONCE,     /* asks the provider with another nonce */
} BrowserMode;

typedef struct
{
  BrowserMode  mode;
  char        *auth_url;
  char        *redirect_url;
  guint        redirect_status;   /* what the loopback server answered */
  GThread     *thread;
} Browser;

static char *
replace_param (const char *url,
               const char *name,
               const char *value)
{
  g_autofree char *pattern = g_strdup_printf ("([?&]%s=)[^&]*", name);
  g_autofree char *replacement = g_strdup_printf ("\\1%s", value);
  g_autoptr(GRegex) regex = g_regex_new (pattern, 0, 0, NULL);
  char *result = g_regex_replace (regex, url, -1, 0, replacement, 0, NULL);

  g_assert_cmpstr (result, !=, url);
  return result;
}

static gpointer
browser_thread (gpointer data)
{
  Browser *browser = data;
  g_autofree char *url = g_strdup (browser->auth_url);
  g_autofree char *redirect = NULL;

  if (browser->mode == BROWSER_SWAP_NONCE)
    {
      g_free (url);
      url = replace_param (browser->auth_url, "nonce", "a-nonce-of-another-sign-in");
    }
  redirect = kdcc_test_oidc_browse (provider, url, KDCC_TEST_OIDC_LOGIN,
                                    KDCC_TEST_OIDC_PASSWORD, NULL);
  g_assert_nonnull (redirect);
  g_assert_true (g_str_has_prefix (redirect, "http://127.0.0.1:"));
  g_assert_nonnull (strstr (redirect, "/callback?"));
  if (browser->mode == BROWSER_FORGE_STATE)
    {
      char *forged = replace_param (redirect, "state", "forged-state");

      g_free (redirect);
      redirect = forged;
    }
  browser->redirect_url = g_strdup (redirect);
  browser->redirect_status = kdcc_test_oidc_get (redirect);
  return NULL;
}

static void
open_uri_cb (const char *uri,
             gpointer    user_data)
{
  Browser *browser = user_data;

  g_assert_null (browser->thread);
  browser->auth_url = g_strdup (uri);
  browser->thread = g_thread_new ("browser", browser_thread, browser);
}

static void
sign_in_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static gboolean
have_result (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

/* Signs in with CLIENT_ID through the browser stand-in in MODE. */
static KdccOidcTokens *
sign_in (KdccOidcClient *client,
         BrowserMode     mode,
         Browser        *browser,
         GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  KdccOidcTokens *tokens;

  browser->mode = mode;
  kdcc_oidc_sign_in_async (client, open_uri_cb, browser, 120, NULL, sign_in_done_cb, &result);
  g_assert_true (kdcc_test_wait_until (have_result, &result, 120 * 1000));
  tokens = kdcc_oidc_sign_in_finish (client, result, error);
  g_assert_nonnull (browser->thread);
  g_thread_join (browser->thread);
  browser->thread = NULL;
  return tokens;
}

static void
browser_clear (Browser *browser)
{
  g_clear_pointer (&browser->auth_url, g_free);
  g_clear_pointer (&browser->redirect_url, g_free);
}

static void
check_alice (const KdccOidcTokens *tokens,
             const char           *client_id)
{
  g_assert_nonnull (tokens);
  g_assert_cmpstr (tokens->issuer, ==, provider->issuer);
  g_assert_cmpstr (tokens->client_id, ==, client_id);
  g_assert_cmpstr (tokens->subject, ==, KDCC_TEST_OIDC_SUBJECT);
  g_assert_cmpstr (tokens->display_name, ==, KDCC_TEST_OIDC_LOGIN);
  g_assert_nonnull (tokens->id_token);
  g_assert_nonnull (tokens->access_token);
  g_assert_nonnull (tokens->refresh_token);
  g_assert_cmpint (tokens->expires_at, >, g_get_real_time () / G_USEC_PER_SEC);
  remember_tokens (tokens);
}

static void
test_code_pkce (gconstpointer data)
{
  const char *client_id = data;
  g_autoptr(KdccOidcClient) client = kdcc_oidc_client_new (provider->issuer, client_id);
  g_autoptr(KdccOidcTokens) tokens = NULL;
  g_autoptr(KdccJwt) jwt = NULL;
  g_autoptr(GError) error = NULL;
  Browser browser = { 0 };

  tokens = sign_in (client, BROWSER_NORMAL, &browser, &error);
  g_assert_no_error (error);
  check_alice (tokens, client_id);
  g_assert_cmpuint (browser.redirect_status, ==, 200);

  /* PKCE S256 was asked for, and the redirect went to a loopback port. */
  g_assert_nonnull (strstr (browser.auth_url, "code_challenge_method=S256"));
  g_assert_nonnull (strstr (browser.auth_url, "redirect_uri=http%3A%2F%2F127.0.0.1%3A"));
  /* The loopback server served its one request and closed. */
  g_assert_true (kdcc_test_port_refuses (browser.redirect_url));

  jwt = kdcc_jwt_parse (tokens->id_token, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kdcc_jwt_get_alg (jwt), ==,
                   g_str_equal (client_id, "kdcc-es256") ? "ES256" : "RS256");
  browser_clear (&browser);
}

static void
test_wrong_state (void)
{
  g_autoptr(KdccOidcClient) client = kdcc_oidc_client_new (provider->issuer, "kdcc");
  g_autoptr(KdccOidcTokens) tokens = NULL;
  g_autoptr(GError) error = NULL;
  Browser browser = { 0 };

  tokens = sign_in (client, BROWSER_FORGE_STATE, &browser, &error);
  g_assert_null (tokens);
  g_assert_error (error, KDCC_OIDC_ERROR, KDCC_OIDC_ERROR_STATE);
  g_assert_nonnull (strstr (error->message, "state"));
  /* The browser was told too. */
  g_assert_cmpuint (browser.redirect_status, ==, 400);
  g_assert_true (kdcc_test_port_refuses (browser.redirect_url));
  browser_clear (&browser);
}

static void
test_wrong_nonce (void)
{
  g_autoptr(KdccOidcClient) client = kdcc_oidc_client_new (provider->issuer, "kdcc");
  g_autoptr(KdccOidcTokens) tokens = NULL;
  g_autoptr(GError) error = NULL;
  Browser browser = { 0 };

  tokens = sign_in (client, BROWSER_SWAP_NONCE, &browser, &error);
  g_assert_null (tokens);
  g_assert_error (error, KDCC_OIDC_ERROR, KDCC_OIDC_ERROR_NONCE);
  browser_clear (&browser);
}

static void
test_swapped_keys (void)
{
  g_autoptr(KdccOidcClient) client = kdcc_oidc_client_new (provider->issuer, "kdcc");
  g_autoptr(KdccOidcTokens) tokens = NULL;
  g_autoptr(GError) error = NULL;
  Browser browser = { 0 };

  /* The provider's JWKS now carries other keys under the same key ids:
   * the real ID token must not verify with them. */
  kdcc_test_oidc_control (provider, "swap-jwks");
  tokens = sign_in (client, BROWSER_NORMAL, &browser, &error);
  kdcc_test_oidc_control (provider, "restore-jwks");
  g_assert_null (tokens);
  g_assert_error (error, KDCC_OIDC_ERROR, KDCC_OIDC_ERROR_SIGNATURE);
  browser_clear (&browser);
}

/* A signed token with its claims replaced and its signature kept. */
static char *
tamper (const char *token,
        const char *claim,
        const char *value)
{
  g_auto(GStrv) parts = g_strsplit (token, ".", 3);
  g_autoptr(GBytes) claims = kdcc_base64url_decode (parts[1], -1);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;
  g_autofree char *encoded = NULL;
  JsonNode *root;

  g_assert_nonnull (claims);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (claims, NULL),
                                             g_bytes_get_size (claims), NULL));
  root = json_parser_get_root (parser);
  json_object_set_string_member (json_node_get_object (root), claim, value);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  encoded = kdcc_base64url_encode ((const guint8 *) text, strlen (text));
  return g_strjoin (".", parts[0], encoded, parts[2], NULL);
}

static void
test_tampered_and_audience (void)
{
  g_autoptr(KdccOidcClient) other = kdcc_oidc_client_new (provider->issuer, "other-app");
  g_autoptr(KdccOidcClient) kdcc = kdcc_oidc_client_new (provider->issuer, "kdcc");
  g_autoptr(KdccOidcTokens) tokens = NULL;
  g_autoptr(KdccJwt) jwt = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tampered = NULL;
  Browser browser = { 0 };

  tokens = sign_in (other, BROWSER_NORMAL, &browser, &error);
  g_assert_no_error (error);
  check_alice (tokens, "other-app");

  /* The same token is good for the application it was issued to... */
  jwt = kdcc_oidc_client_verify_id_token_sync (other, tokens->id_token, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (jwt);
  g_clear_pointer (&jwt, kdcc_jwt_free);

  /* ...but not for KDCC: a token another application obtained cannot be
   * replayed to it. */
  jwt = kdcc_oidc_client_verify_id_token_sync (kdcc, tokens->id_token, NULL, NULL, &error);
  g_assert_null (jwt);
  g_assert_error (error, KDCC_OIDC_ERROR, KDCC_OIDC_ERROR_AUDIENCE);
  g_clear_error (&error);

  /* Changing the audience breaks the signature. */
  tampered = tamper (tokens->id_token, "aud", "kdcc");
  jwt = kdcc_oidc_client_verify_id_token_sync (kdcc, tampered, NULL, NULL, &error);
  g_assert_null (jwt);
  g_assert_error (error, KDCC_OIDC_ERROR, KDCC_OIDC_ERROR_SIGNATURE);
  browser_clear (&browser);
}

typedef struct
{
  char              *dir;
  char              *path;
  KdccSecretStore   *secrets;
  KdccOidcAccounts  *accounts;
} Store;

static void
store_open (Store *store)
{
  g_autoptr(GError) error = NULL;

  store->dir = g_dir_make_tmp ("kdcc-oidc-XXXXXX", &error);
  g_assert_no_error (error);
  store->path = g_build_filename (store->dir, "oidc-accounts.json", NULL);
  store->secrets = kdcc_secret_store_new ();
  store->accounts = kdcc_oidc_accounts_new (store->secrets, store->path);
}

static void
store_close (Store *store)
{
  g_clear_object (&store->accounts);
  if (store->secrets != NULL)
    g_assert_true (kdcc_secret_store_flush (store->secrets, 10000));
  g_clear_object (&store->secrets);
  g_unlink (store->path);
  g_rmdir (store->dir);
  g_clear_pointer (&store->path, g_free);
  g_clear_pointer (&store->dir, g_free);
}

/* The refresh token the Secret Service holds for the account, read through
 * a store of its own (so not from this process's memory fallback). */
static char *
stored_refresh_token (const KdccOidcTokens *tokens)
{
  g_autoptr(KdccSecretStore) secrets = kdcc_secret_store_new ();
  g_autofree char *id = kdcc_oidc_accounts_secret_id (tokens->issuer, tokens->client_id,
                                                      tokens->subject);
  g_autoptr(GError) error = NULL;
  char *token;

  token = kdcc_secret_store_lookup_id_sync (secrets, id, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (kdcc_secret_store_get_persistent (secrets));
  return token;
}

static void
check_no_token_in_file (const char           *path,
                        const KdccOidcTokens *tokens)
{
  g_autofree char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, tokens->subject));
  g_assert_null (strstr (text, tokens->refresh_token));
  g_assert_null (strstr (text, tokens->access_token));
  g_assert_null (strstr (text, tokens->id_token));
}

static GPtrArray *
list_accounts (KdccOidcAccounts *accounts)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *list = kdcc_oidc_accounts_list (accounts, &error);

  g_assert_no_error (error);
  return list;
}

static void
test_refresh (void)
{
  g_autoptr(KdccOidcClient) client = kdcc_oidc_client_new (provider->issuer, "kdcc");
  g_autoptr(KdccOidcTokens) tokens = NULL;
  g_autoptr(KdccOidcTokens) cached = NULL;
  g_autoptr(KdccOidcTokens) refreshed = NULL;
  g_autoptr(KdccOidcTokens) soon = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;
  Browser browser = { 0 };
  Store store = { 0 };

  store_open (&store);
  tokens = sign_in (client, BROWSER_NORMAL, &browser, &error);
  g_assert_no_error (error);
  check_alice (tokens, "kdcc");
  g_assert_true (kdcc_oidc_accounts_add_sync (store.accounts, tokens, NULL, &error));
  g_assert_no_error (error);

  stored = stored_refresh_token (tokens);
  g_assert_cmpstr (stored, ==, tokens->refresh_token);
  check_no_token_in_file (store.path, tokens);
  list = list_accounts (store.accounts);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((KdccOidcAccount *) list->pdata[0])->display_name, ==, "alice");
  g_assert_false (((KdccOidcAccount *) list->pdata[0])->needs_sign_in);

  /* Fresh tokens come from memory... */
  cached = kdcc_oidc_accounts_get_tokens_sync (store.accounts, client, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cached->access_token, ==, tokens->access_token);

  /* ...and tokens about to expire are refreshed without asking anyone. */
  soon = kdcc_oidc_tokens_copy (tokens);
  soon->expires_at = g_get_real_time () / G_USEC_PER_SEC + KDCC_OIDC_REFRESH_MARGIN_S / 2;
  g_assert_true (kdcc_oidc_accounts_add_sync (store.accounts, soon, NULL, &error));
  refreshed = kdcc_oidc_accounts_get_tokens_sync (store.accounts, client,
                                                  KDCC_TEST_OIDC_SUBJECT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (refreshed->subject, ==, KDCC_TEST_OIDC_SUBJECT);
  g_assert_cmpstr (refreshed->access_token, !=, tokens->access_token);
  g_assert_cmpstr (refreshed->id_token, !=, tokens->id_token);
  g_assert_cmpint (refreshed->expires_at, >,
                   g_get_real_time () / G_USEC_PER_SEC + KDCC_OIDC_REFRESH_MARGIN_S);
  /* The provider rotates refresh tokens of public clients: the new one is
   * what the Secret Service holds now. */
  g_assert_cmpstr (refreshed->refresh_token, !=, tokens->refresh_token);
  remember_tokens (refreshed);
  g_free (stored);
  stored = stored_refresh_token (tokens);
  g_assert_cmpstr (stored, ==, refreshed->refresh_token);

  /* Sign out: the provider forgets the refresh token, and so do the
   * keyring and the accounts file. */
  g_assert_true (kdcc_oidc_accounts_remove_sync (store.accounts, provider->issuer, "kdcc",
                                                 KDCC_TEST_OIDC_SUBJECT, client, NULL, &error));
  g_assert_no_error (error);
  g_free (stored);
  stored = stored_refresh_token (tokens);
  g_assert_null (stored);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = list_accounts (store.accounts);
  g_assert_cmpuint (list->len, ==, 0);
  {
    g_autoptr(KdccOidcTokens) after = NULL;

    after = kdcc_oidc_client_refresh_sync (client, refreshed->refresh_token, refreshed, NULL,
                                           &error);
    g_assert_null (after);
    g_assert_error (error, KDCC_OIDC_ERROR, KDCC_OIDC_ERROR_SIGN_IN_AGAIN);
  }

  store_close (&store);
  browser_clear (&browser);
}

typedef struct
{
  KdccOidcAccounts *accounts;
  KdccOidcClient   *client;
  KdccOidcTokens   *tokens;
  GError           *error;
} Refresher;

static gpointer
refresher_thread (gpointer data)
{
  Refresher *refresher = data;

  refresher->tokens = kdcc_oidc_accounts_get_tokens_sync (refresher->accounts, refresher->client,
                                                          NULL, NULL, &refresher->error);
  return NULL;
}

/* Two connections asking at once for tokens that are due: one refresh,
 * both get its tokens (a second refresh with the rotated token would be
 * refused, and the account lost). */
static void
test_refresh_concurrent (void)
{
  g_autoptr(KdccOidcClient) client = kdcc_oidc_client_new (provider->issuer, "kdcc");
  g_autoptr(KdccOidcTokens) tokens = NULL;
  g_autoptr(GError) error = NULL;
  Refresher refreshers[3] = { { 0 } };
  GThread *threads[G_N_ELEMENTS (refreshers)];
  Browser browser = { 0 };
  Store store = { 0 };
  guint i;

  store_open (&store);
  tokens = sign_in (client, BROWSER_NORMAL, &browser, &error);
  g_assert_no_error (error);
  check_alice (tokens, "kdcc");
  tokens->expires_at = g_get_real_time () / G_USEC_PER_SEC;
  g_assert_true (kdcc_oidc_accounts_add_sync (store.accounts, tokens, NULL, &error));

  for (i = 0; i < G_N_ELEMENTS (refreshers); i++)
    {
      refreshers[i].accounts = store.accounts;
      refreshers[i].client = client;
      threads[i] = g_thread_new ("refresher", refresher_thread, &refreshers[i]);
    }
  for (i = 0; i < G_N_ELEMENTS (refreshers); i++)
    {
      g_thread_join (threads[i]);
      g_assert_no_error (refreshers[i].error);
      g_assert_nonnull (refreshers[i].tokens);
      g_assert_cmpstr (refreshers[i].tokens->access_token, !=, tokens->access_token);
      g_assert_cmpstr (refreshers[i].tokens->access_token, ==, refreshers[0].tokens->access_token);
      remember_tokens (refreshers[i].tokens);
    }
  for (i = 0; i < G_N_ELEMENTS (refreshers); i++)
    kdcc_oidc_tokens_free (refreshers[i].tokens);

  g_assert_true (kdcc_oidc_accounts_remove_sync (store.accounts, provider->issuer, "kdcc", NULL,
                                                 client, NULL, NULL));
  store_close (&store);
  browser_clear (&browser);
}

/* A confidential client (kubelogin's --oidc-client-secret): the secret goes
 * with the code exchange and the refresh; without it the provider refuses. */
static void
test_confidential (void)
{
  g_autoptr(KdccOidcClient) client = kdcc_oidc_client_new (provider->issuer, "kdcc-confidential");
  g_autoptr(KdccOidcClient) no_secret = kdcc_oidc_client_new (provider->issuer,
                                                              "kdcc-confidential");
  g_autoptr(KdccOidcTokens) tokens = NULL;
  g_autoptr(KdccOidcTokens) refreshed = NULL;
  g_autoptr(GError) error = NULL;
  Browser browser = { 0 };

  kdcc_oidc_client_set_client_secret (client, KDCC_TEST_OIDC_CLIENT_SECRET);
  /* The canary looks for the secret in the log too. */
  g_ptr_array_add (seen_tokens, g_strdup (KDCC_TEST_OIDC_CLIENT_SECRET));
  tokens = sign_in (client, BROWSER_NORMAL, &browser, &error);
  g_assert_no_error (error);
  check_alice (tokens, "kdcc-confidential");
  refreshed = kdcc_oidc_client_refresh_sync (client, tokens->refresh_token, tokens, NULL, &error);
  g_assert_no_error (error);
  remember_tokens (refreshed);
  browser_clear (&browser);

  g_clear_pointer (&tokens, kdcc_oidc_tokens_free);
  tokens = sign_in (no_secret, BROWSER_NORMAL, &browser, &error);
  g_assert_null (tokens);
  g_assert_error (error, KDCC_OIDC_ERROR, KDCC_OIDC_ERROR_PROVIDER);
  g_assert_nonnull (strstr (error->message, "invalid_client"));
  browser_clear (&browser);
}

static void
test_refresh_refused (gconstpointer data)
{
  gboolean revoke = GPOINTER_TO_INT (data);
  const char *client_id = revoke ? "kdcc" : "kdcc-short";
  g_autoptr(KdccOidcClient) client = kdcc_oidc_client_new (provider->issuer, client_id);
  g_autoptr(KdccOidcTokens) tokens = NULL;
  g_autoptr(KdccOidcTokens) old = NULL;
  g_autoptr(KdccOidcTokens) refreshed = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;
  Browser browser = { 0 };
  Store store = { 0 };

  store_open (&store);
  tokens = sign_in (client, BROWSER_NORMAL, &browser, &error);
  g_assert_no_error (error);
  check_alice (tokens, client_id);

  if (revoke)
    {
      /* RFC 7009, as an admin revoking sessions at the provider would. */
      g_assert_true (kdcc_oidc_client_revoke_sync (client, tokens->refresh_token,
                                                   "refresh_token", NULL, &error));
      g_assert_no_error (error);
    }
  else
    {
      /* kdcc-short's refresh tokens live 3 seconds: let that time pass
       * (the provider's clock is the thing waited for here). */
      g_usleep (4500 * 1000);
    }

  /* Make the accounts need a refresh: the stored tokens are about to
   * expire. */
  old = kdcc_oidc_tokens_copy (tokens);
  old->expires_at = g_get_real_time () / G_USEC_PER_SEC;
  g_assert_true (kdcc_oidc_accounts_add_sync (store.accounts, old, NULL, &error));
  g_assert_no_error (error);

  refreshed = kdcc_oidc_accounts_get_tokens_sync (store.accounts, client, NULL, NULL, &error);
  g_assert_null (refreshed);
  g_assert_error (error, KDCC_OIDC_ERROR, KDCC_OIDC_ERROR_SIGN_IN_AGAIN);
  g_assert_nonnull (strstr (error->message, "invalid_grant"));
  g_clear_error (&error);

  /* "Sign in again": the account is still listed, marked, and its useless
   * refresh token is gone from the keyring. */
  list = list_accounts (store.accounts);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_true (((KdccOidcAccount *) list->pdata[0])->needs_sign_in);
  stored = stored_refresh_token (tokens);
  g_assert_null (stored);

  /* Asking again fails at once, without the provider. */
  refreshed = kdcc_oidc_accounts_get_tokens_sync (store.accounts, client, NULL, NULL, &error);
  g_assert_null (refreshed);
  g_assert_error (error, KDCC_OIDC_ERROR, KDCC_OIDC_ERROR_SIGN_IN_AGAIN);

  g_assert_true (kdcc_oidc_accounts_remove_sync (store.accounts, provider->issuer, client_id,
                                                 NULL, NULL, NULL, NULL));
  store_close (&store);
  browser_clear (&browser);
}

typedef struct
{
  char *url;
  guint status;
  char *end;
} DeviceBrowser;

static gpointer
device_browser_thread (gpointer data)
{
  DeviceBrowser *browser = data;

  browser->end = kdcc_test_oidc_browse (provider, browser->url, KDCC_TEST_OIDC_LOGIN,
                                        KDCC_TEST_OIDC_PASSWORD, &browser->status);
  return NULL;
}

static void
test_device_flow (void)
{
  g_autoptr(KdccOidcClient) client = kdcc_oidc_client_new (provider->issuer, "kdcc");
  g_autoptr(KdccOidcDeviceAuth) auth = NULL;
  g_autoptr(KdccOidcTokens) tokens = NULL;
  g_autoptr(GError) error = NULL;
  DeviceBrowser browser = { 0 };
  GThread *thread;

  auth = kdcc_oidc_client_device_start_sync (client, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (auth->user_code);
  g_assert_true (g_str_has_prefix (auth->verification_uri, provider->issuer));

  /* The user types the code on another device: the stand-in opens the
   * verification page with the code, confirms it and signs in, while KDCC
   * polls. */
  browser.url = g_strdup (auth->verification_uri_complete != NULL
                            ? auth->verification_uri_complete : auth->verification_uri);
  thread = g_thread_new ("device-browser", device_browser_thread, &browser);
  tokens = kdcc_oidc_client_device_poll_sync (client, auth, NULL, &error);
  g_thread_join (thread);
  g_assert_no_error (error);
  check_alice (tokens, "kdcc");
  g_assert_cmpuint (browser.status, ==, 200);
  g_assert_null (browser.end);
  g_free (browser.url);
}

static void
test_device_cancel (void)
{
  g_autoptr(KdccOidcClient) client = kdcc_oidc_client_new (provider->issuer, "kdcc");
  g_autoptr(KdccOidcDeviceAuth) auth = NULL;
  g_autoptr(KdccOidcTokens) tokens = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  auth = kdcc_oidc_client_device_start_sync (client, NULL, &error);
  g_assert_no_error (error);
  g_cancellable_cancel (cancellable);
  tokens = kdcc_oidc_client_device_poll_sync (client, auth, cancellable, &error);
  g_assert_null (tokens);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_discovery_wrong_issuer (void)
{
  g_autofree char *issuer = g_strconcat (provider->issuer, "/", NULL);
  g_autoptr(KdccOidcClient) client = kdcc_oidc_client_new (issuer, "kdcc");
  g_autoptr(KdccOidcDiscovery) discovery = NULL;
  g_autoptr(GError) error = NULL;

  /* The provider calls itself without the slash: OpenID Discovery wants
   * the two to be the same string. */
  discovery = kdcc_oidc_client_discover_sync (client, NULL, &error);
  g_assert_null (discovery);
  g_assert_error (error, KDCC_OIDC_ERROR, KDCC_OIDC_ERROR_ISSUER);
}

/* Browses, and delivers a loopback redirect at the end, as a browser. */
static gpointer
cli_browser_thread (gpointer data)
{
  DeviceBrowser *browser = data;

  device_browser_thread (browser);
  if (browser->end != NULL)
    browser->status = kdcc_test_oidc_get (browser->end);
  return NULL;
}

/* kdcc-cli, as a separate process with its own loopback server or device
 * polling; the accounts file goes to a private XDG_CONFIG_HOME. */
typedef struct
{
  char     *config_home;
  char     *output;
  gboolean  with_stderr;   /* output has stderr too (error messages) */
} Cli;

static int
cli_run (Cli         *cli,
         const char  *const *args,
         gboolean     browse)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                               | (cli->with_stderr ? G_SUBPROCESS_FLAGS_STDERR_MERGE : 0));
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GString) output = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  GThread *thread = NULL;
  DeviceBrowser browser = { 0 };
  const char *cli_path = g_getenv ("KDCC_CLI");
  char *line;

  g_assert_nonnull (cli_path);
  g_ptr_array_add (argv, (char *) cli_path);
  for (; *args != NULL; args++)
    g_ptr_array_add (argv, (char *) *args);
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", cli->config_home, TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));

  while ((line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error)) != NULL)
    {
      g_string_append_printf (output, "%s\n", line);
      /* The address to open is the indented line; the browser stand-in
       * takes it, and for a loopback sign-in delivers the redirect. */
      if (browse && thread == NULL && g_str_has_prefix (line, "  http"))
        {
          browser.url = g_strdup (line + 2);
          thread = g_thread_new ("cli-browser", cli_browser_thread, &browser);
        }
      g_free (line);
    }
  g_assert_no_error (error);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  if (thread != NULL)
    {
      g_thread_join (thread);
      /* Both end on a page of 200: the provider's "done" page of a device
       * sign-in, or the CLI's own answer to the loopback redirect. */
      g_assert_cmpuint (browser.status, ==, 200);
      g_free (browser.end);
      g_free (browser.url);
    }
  g_assert_true (!browse || thread != NULL);

  g_free (cli->output);
  cli->output = g_string_free (g_steal_pointer (&output), FALSE);
  return g_subprocess_get_exit_status (process);
}

static void
test_cli (gconstpointer data)
{
  gboolean device = GPOINTER_TO_INT (data);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *id = NULL;
  g_autoptr(KdccSecretStore) secrets = kdcc_secret_store_new ();
  g_auto(KdccSecretPassword) refresh_token = NULL;
  const char *login[] = { "login", "--issuer", provider->issuer, "--client-id", "kdcc",
                          device ? "--device" : NULL, NULL };
  const char *accounts[] = { "accounts", "--json", NULL };
  const char *logout[] = { "logout", "--issuer", provider->issuer, "--client-id", "kdcc", NULL };
  Cli cli = { 0 };

  cli.config_home = g_dir_make_tmp ("kdcc-oidc-cli-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (cli.config_home, "kdcc", "oidc-accounts.json", NULL);

  g_assert_cmpint (cli_run (&cli, login, TRUE), ==, 0);
  g_assert_nonnull (strstr (cli.output, "Signed in as alice at "));
  if (device)
    g_assert_nonnull (strstr (cli.output, "enter the code "));

  /* The refresh token is in the keyring, and nowhere in what the CLI
   * printed or wrote. */
  id = kdcc_oidc_accounts_secret_id (provider->issuer, "kdcc", KDCC_TEST_OIDC_SUBJECT);
  refresh_token = kdcc_secret_store_lookup_id_sync (secrets, id, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (refresh_token);
  g_assert_null (strstr (cli.output, refresh_token));
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_null (strstr (text, refresh_token));

  g_assert_cmpint (cli_run (&cli, accounts, FALSE), ==, 0);
  g_assert_nonnull (strstr (cli.output, "\"subject\" : \"" KDCC_TEST_OIDC_SUBJECT "\""));
  g_assert_nonnull (strstr (cli.output, "\"needs_sign_in\" : false"));

  g_assert_cmpint (cli_run (&cli, logout, FALSE), ==, 0);
  g_assert_cmpint (cli_run (&cli, accounts, FALSE), ==, 0);
  g_assert_cmpstr (g_strstrip (cli.output), ==, "[]");
  {
    g_auto(KdccSecretPassword) after = kdcc_secret_store_lookup_id_sync (secrets, id, NULL,
                                                                         &error);
    g_assert_no_error (error);
    g_assert_null (after);
  }

  g_unlink (path);
  {
    g_autofree char *kdcc_dir = g_build_filename (cli.config_home, "kdcc", NULL);

    g_rmdir (kdcc_dir);
  }
  g_rmdir (cli.config_home);
  g_free (cli.config_home);
  g_free (cli.output);
}

/* A kubeconfig's users of the provider sign in with KDCC's accounts, and
 * the Kubernetes API (the fake, checking the provider's JWKS as
 * kube-apiserver's --oidc-* flags do) accepts the ID token; the real
 * kubectl is refused a tampered one. */
static void
test_kube (void)
{
  g_autoptr(KdccOidcClient) client = kdcc_oidc_client_new (provider->issuer, "kdcc");
  g_autoptr(KdccOidcTokens) tokens = NULL;
  g_autoptr(KdccTestKube) kube = NULL;
  g_autoptr(KdccKubeconfig) kc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *path = NULL;
  g_autofree char *tampered = NULL;
  const char *contexts[] = { "sso-auth-provider", "sso-kubelogin" };
  Browser browser = { 0 };
  Store store = { 0 };
  guint i;

  store_open (&store);
  tokens = sign_in (client, BROWSER_NORMAL, &browser, &error);
  g_assert_no_error (error);
  g_assert_true (kdcc_oidc_accounts_add_sync (store.accounts, tokens, NULL, &error));
  kdcc_oidc_kube_install (store.accounts);

  kube = kdcc_test_kube_start_oidc (provider->issuer, "kdcc");
  text = g_strdup_printf (
    "apiVersion: v1\nkind: Config\ncurrent-context: sso-auth-provider\n"
    "clusters:\n- name: fake\n  cluster: {server: '%s', certificate-authority: '%s'}\n"
    "users:\n"
    "- name: ap\n  user:\n    auth-provider:\n      name: oidc\n"
    "      config: {idp-issuer-url: '%s', client-id: kdcc}\n"
    "- name: kubelogin\n  user:\n    exec:\n"
    "      apiVersion: client.authentication.k8s.io/v1beta1\n      command: kubectl\n"
    "      args: [oidc-login, get-token, '--oidc-issuer-url=%s', --oidc-client-id, kdcc]\n"
    "- name: not-signed-in\n  user:\n    auth-provider:\n      name: oidc\n"
    "      config: {idp-issuer-url: '%s', client-id: other-app}\n"
    "- name: kubelogin-other\n  user:\n    exec:\n"
    "      apiVersion: client.authentication.k8s.io/v1beta1\n      command: kubectl\n"
    "      args: [oidc-login, get-token, '--oidc-issuer-url=%s', --oidc-client-id=other-app]\n"
    "contexts:\n"
    "- name: sso-auth-provider\n  context: {cluster: fake, user: ap, namespace: rook-ceph}\n"
    "- name: sso-kubelogin\n  context: {cluster: fake, user: kubelogin, namespace: rook-ceph}\n"
    "- name: sso-other\n  context: {cluster: fake, user: not-signed-in, namespace: rook-ceph}\n"
    "- name: sso-kubelogin-other\n  context: {cluster: fake, user: kubelogin-other}\n",
    kube->url, kube->ca_path, provider->issuer, provider->issuer, provider->issuer,
    provider->issuer);
  path = g_build_filename (kube->dir, "sso-kubeconfig", NULL);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  kc = kdcc_kubeconfig_new_from_data (text, -1, path, &error);
  g_assert_no_error (error);

  for (i = 0; i < G_N_ELEMENTS (contexts); i++)
    {
      g_autoptr(KdccKubeContext) context = kdcc_kubeconfig_resolve (kc, contexts[i], &error);
      g_autoptr(KdccKubeCredentials) creds = NULL;
      g_autoptr(KdccKubeClient) kube_client = NULL;
      g_autoptr(JsonObject) ns = NULL;

      g_assert_no_error (error);
      creds = kdcc_kube_credentials_obtain (context, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (creds->token, ==, tokens->id_token);
      g_assert_nonnull (strstr (creds->origin, provider->issuer));
      g_assert_cmpint (creds->expires_at, ==, tokens->expires_at);

      kube_client = kdcc_kube_client_new (context);
      ns = kdcc_kube_client_get (kube_client, &kdcc_kube_namespaces, NULL, "rook-ceph", NULL,
                                 &error);
      g_assert_no_error (error);
      g_assert_nonnull (ns);
    }

  /* Not signed in at that client: a clear way out, not a plugin run. */
  {
    g_autoptr(KdccKubeContext) context = kdcc_kubeconfig_resolve (kc, "sso-other", &error);
    g_autoptr(KdccKubeCredentials) creds = NULL;

    g_assert_no_error (error);
    creds = kdcc_kube_credentials_obtain (context, NULL, &error);
    g_assert_null (creds);
    g_assert_error (error, KDCC_ERROR, KDCC_ERROR_AUTH);
    g_assert_nonnull (strstr (error->message, "kdcc-cli login --issuer"));
    g_clear_error (&error);
  }
  /* Without an account at that client, a kubelogin user goes on through
   * its plugin, as before (not installed here: its failure is reported). */
  {
    g_autoptr(KdccKubeContext) context = kdcc_kubeconfig_resolve (kc, "sso-kubelogin-other",
                                                                  &error);
    g_autoptr(KdccKubeCredentials) creds = NULL;

    g_assert_no_error (error);
    creds = kdcc_kube_credentials_obtain (context, NULL, &error);
    g_assert_null (creds);
    g_assert_error (error, KDCC_ERROR, KDCC_ERROR_AUTH);
    g_assert_nonnull (strstr (error->message, "kubectl"));
    g_assert_null (strstr (error->message, "kdcc-cli login"));
    g_clear_error (&error);
  }

  /* The real kubectl with the same ID token, and with a tampered one. */
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_cmpint (kdcc_test_kube_kubectl (kube, "admin", &out, &err, "--token",
                                             tokens->id_token, "get", "namespace", "rook-ceph",
                                             "-o", "name", NULL), ==, 0);
    g_assert_cmpstr (g_strstrip (out), ==, "namespace/rook-ceph");
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);

    tampered = tamper (tokens->id_token, "preferred_username", "carol");
    g_assert_cmpint (kdcc_test_kube_kubectl (kube, "admin", &out, &err, "--token", tampered,
                                             "get", "namespace", "rook-ceph", NULL), !=, 0);
    g_assert_nonnull (strstr (err, "Unauthorized"));
  }

  kdcc_oidc_kube_uninstall ();
  g_assert_true (kdcc_oidc_accounts_remove_sync (store.accounts, provider->issuer, "kdcc", NULL,
                                                 NULL, NULL, NULL));
  store_close (&store);
  browser_clear (&browser);
}

/* A connection set to sign in with SSO (the profile's issuer and client
 * id, kdcc-cli status --sso-issuer): the API server gets KDCC's account's
 * ID token, whatever the kubeconfig's user says (here a token the server
 * refuses); without an account there, a clear error saying how to sign
 * in, never the user's own token. */
static void
test_kube_sso (void)
{
  g_autoptr(KdccOidcClient) client = kdcc_oidc_client_new (provider->issuer, "kdcc");
  g_autoptr(KdccOidcTokens) tokens = NULL;
  g_autoptr(KdccTestKube) kube = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *path = NULL;
  Browser browser = { 0 };
  Store store = { 0 };

  store_open (&store);
  tokens = sign_in (client, BROWSER_NORMAL, &browser, &error);
  g_assert_no_error (error);
  g_assert_true (kdcc_oidc_accounts_add_sync (store.accounts, tokens, NULL, &error));
  kdcc_oidc_kube_install (store.accounts);

  kube = kdcc_test_kube_start_oidc (provider->issuer, "kdcc");
  text = g_strdup_printf (
    "apiVersion: v1\nkind: Config\ncurrent-context: bogus\n"
    "clusters:\n- name: fake\n  cluster: {server: '%s', certificate-authority: '%s'}\n"
    "users:\n- name: bogus\n  user: {token: not-a-valid-token}\n"
    "contexts:\n- name: bogus\n  context: {cluster: fake, user: bogus, namespace: rook-ceph}\n",
    kube->url, kube->ca_path);
  path = g_build_filename (kube->dir, "sso-bogus-kubeconfig", NULL);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));

  /* The user's own token is refused: what SSO is for. */
  {
    g_autoptr(KdccProfile) profile = kdcc_profile_new (KDCC_PROFILE_KIND_KUBERNETES);
    g_autoptr(KdccSource) source = NULL;
    g_autoptr(KdccKubeClient) kube_client = NULL;
    g_autoptr(JsonObject) ns = NULL;

    kdcc_profile_set_kubeconfig (profile, path);
    kdcc_profile_set_kube_context (profile, "bogus");
    source = kdcc_profile_create_source (profile, NULL, &error);
    g_assert_no_error (error);
    kube_client = kdcc_kube_source_open_client (KDCC_KUBE_SOURCE (source), NULL, &error);
    g_assert_no_error (error);
    ns = kdcc_kube_client_get (kube_client, &kdcc_kube_namespaces, NULL, "rook-ceph", NULL,
                               &error);
    g_assert_null (ns);
    g_assert_error (error, KDCC_ERROR, KDCC_ERROR_AUTH);
    g_clear_error (&error);
  }

  /* Set to sign in with SSO: the account's ID token, accepted as
   * oidc:alice (the fake server's only OIDC admin; the namespace is
   * admins' only). */
  {
    g_autoptr(KdccProfile) profile = kdcc_profile_new (KDCC_PROFILE_KIND_KUBERNETES);
    g_autoptr(KdccSource) source = NULL;
    g_autoptr(KdccKubeClient) kube_client = NULL;
    g_autoptr(KdccKubeCredentials) creds = NULL;
    g_autoptr(JsonObject) ns = NULL;

    kdcc_profile_set_kubeconfig (profile, path);
    kdcc_profile_set_kube_context (profile, "bogus");
    kdcc_profile_set_sso (profile, provider->issuer, "kdcc");
    source = kdcc_profile_create_source (profile, NULL, &error);
    g_assert_no_error (error);
    kube_client = kdcc_kube_source_open_client (KDCC_KUBE_SOURCE (source), NULL, &error);
    g_assert_no_error (error);
    creds = kdcc_kube_credentials_obtain (kdcc_kube_client_get_context (kube_client), NULL,
                                          &error);
    g_assert_no_error (error);
    g_assert_cmpstr (creds->token, ==, tokens->id_token);
    g_assert_nonnull (strstr (creds->origin, provider->issuer));
    ns = kdcc_kube_client_get (kube_client, &kdcc_kube_namespaces, NULL, "rook-ceph", NULL,
                               &error);
    g_assert_no_error (error);
    g_assert_nonnull (ns);
  }

  /* Not signed in at that client: a clear error naming the issuer and how
   * to sign in; the kubeconfig's token is not tried. */
  {
    g_autoptr(KdccProfile) profile = kdcc_profile_new (KDCC_PROFILE_KIND_KUBERNETES);
    g_autoptr(KdccSource) source = NULL;
    g_autoptr(KdccKubeClient) kube_client = NULL;
    g_autoptr(JsonObject) ns = NULL;
    g_autofree char *how = g_strdup_printf ("kdcc-cli login --issuer %s --client-id other-app",
                                            provider->issuer);

    kdcc_profile_set_kubeconfig (profile, path);
    kdcc_profile_set_kube_context (profile, "bogus");
    kdcc_profile_set_sso (profile, provider->issuer, "other-app");
    source = kdcc_profile_create_source (profile, NULL, &error);
    g_assert_no_error (error);
    kube_client = kdcc_kube_source_open_client (KDCC_KUBE_SOURCE (source), NULL, &error);
    g_assert_no_error (error);
    ns = kdcc_kube_client_get (kube_client, &kdcc_kube_namespaces, NULL, "rook-ceph", NULL,
                               &error);
    g_assert_null (ns);
    g_assert_error (error, KDCC_ERROR, KDCC_ERROR_AUTH);
    g_assert_nonnull (strstr (error->message, "signs in with SSO at"));
    g_assert_nonnull (strstr (error->message, how));
    g_clear_error (&error);
  }

  /* kdcc-cli status does the same headless: signed in (its own accounts,
   * in a private XDG_CONFIG_HOME), the API server lets it look for
   * CephClusters (there are none); the user's token alone does not. */
  {
    const char *login[] = { "login", "--issuer", provider->issuer, "--client-id", "kdcc", NULL };
    const char *logout[] = { "logout", "--issuer", provider->issuer, "--client-id", "kdcc",
                             NULL };
    const char *with_sso[] = { "status", "--kubeconfig", path, "--sso-issuer", provider->issuer,
                               "--sso-client-id", "kdcc", NULL };
    const char *other[] = { "status", "--kubeconfig", path, "--sso-issuer", provider->issuer,
                            "--sso-client-id", "other-app", NULL };
    const char *without[] = { "status", "--kubeconfig", path, NULL };
    const char *half[] = { "status", "--kubeconfig", path, "--sso-issuer", provider->issuer,
                           NULL };
    g_autofree char *kdcc_dir = NULL;
    g_autofree char *accounts_path = NULL;
    Cli cli = { 0 };

    cli.config_home = g_dir_make_tmp ("kdcc-oidc-cli-XXXXXX", &error);
    g_assert_no_error (error);
    kdcc_dir = g_build_filename (cli.config_home, "kdcc", NULL);
    accounts_path = g_build_filename (kdcc_dir, "oidc-accounts.json", NULL);
    g_assert_cmpint (cli_run (&cli, login, TRUE), ==, 0);
    cli.with_stderr = TRUE;

    g_assert_cmpint (cli_run (&cli, with_sso, FALSE), !=, 0);
    g_test_message ("status with SSO: %s", cli.output);
    g_assert_nonnull (strstr (cli.output, "There is no CephCluster"));

    g_assert_cmpint (cli_run (&cli, without, FALSE), !=, 0);
    g_test_message ("status without SSO: %s", cli.output);
    g_assert_null (strstr (cli.output, "There is no CephCluster"));

    g_assert_cmpint (cli_run (&cli, other, FALSE), !=, 0);
    g_assert_nonnull (strstr (cli.output, "kdcc-cli login --issuer"));
    g_assert_nonnull (strstr (cli.output, "other-app"));

    g_assert_cmpint (cli_run (&cli, half, FALSE), !=, 0);
    g_assert_nonnull (strstr (cli.output, "--sso-client-id"));

    cli.with_stderr = FALSE;
    g_assert_cmpint (cli_run (&cli, logout, FALSE), ==, 0);
    g_unlink (accounts_path);
    g_rmdir (kdcc_dir);
    g_rmdir (cli.config_home);
    g_free (cli.config_home);
    g_free (cli.output);
  }

  g_unlink (path);
  kdcc_oidc_kube_uninstall ();
  g_assert_true (kdcc_oidc_accounts_remove_sync (store.accounts, provider->issuer, "kdcc", NULL,
                                                 NULL, NULL, NULL));
  store_close (&store);
  browser_clear (&browser);
}

/* A copy of TOKEN whose exp claim is EXP (its signature no longer
 * matches: the API server refuses it whatever the time). */
static char *
with_exp (const char *token,
          gint64      exp)
{
  g_auto(GStrv) parts = g_strsplit (token, ".", 3);
  g_autoptr(GBytes) claims = kdcc_base64url_decode (parts[1], -1);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;
  g_autofree char *encoded = NULL;
  JsonNode *root;

  g_assert_nonnull (claims);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (claims, NULL),
                                             g_bytes_get_size (claims), NULL));
  root = json_parser_get_root (parser);
  json_object_set_int_member (json_node_get_object (root), "exp", exp);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  encoded = kdcc_base64url_encode ((const guint8 *) text, strlen (text));
  return g_strjoin (".", parts[0], encoded, parts[2], NULL);
}

/* The oidc auth-provider's own refresh, without KDCC's accounts: a
 * kubeconfig whose id-token has expired reaches the API with a new one
 * from its refresh-token, kept in memory (the file is left as it was); a
 * revoked refresh-token gives a clear error naming the user and the
 * issuer. */
static void
test_kube_refresh (void)
{
  g_autoptr(KdccOidcClient) client = kdcc_oidc_client_new (provider->issuer, "kdcc");
  g_autoptr(KdccOidcTokens) tokens = NULL;
  g_autoptr(KdccOidcTokens) revoked = NULL;
  g_autoptr(KdccTestKube) kube = NULL;
  g_autoptr(KdccKubeconfig) kc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expired = NULL;
  g_autofree char *text = NULL;
  g_autofree char *path = NULL;
  g_autofree char *after = NULL;
  g_autofree char *first_token = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  Browser browser = { 0 };
  guint round;

  /* Nothing installed: this is the kubeconfig's own way, not an account. */
  kdcc_oidc_kube_uninstall ();
  kdcc_kube_oidc_refresh_forget_all ();

  tokens = sign_in (client, BROWSER_NORMAL, &browser, &error);
  g_assert_no_error (error);
  check_alice (tokens, "kdcc");
  browser_clear (&browser);
  revoked = sign_in (client, BROWSER_NORMAL, &browser, &error);
  g_assert_no_error (error);
  check_alice (revoked, "kdcc");
  browser_clear (&browser);
  g_assert_true (kdcc_oidc_client_revoke_sync (client, revoked->refresh_token, "refresh_token",
                                               NULL, &error));
  g_assert_no_error (error);

  expired = with_exp (tokens->id_token, now - 600);
  g_assert_cmpint (kdcc_kube_jwt_expiry (expired), ==, now - 600);

  kube = kdcc_test_kube_start_oidc (provider->issuer, "kdcc");
  text = g_strdup_printf (
    "apiVersion: v1\nkind: Config\ncurrent-context: refreshing\n"
    "clusters:\n- name: fake\n  cluster: {server: '%s', certificate-authority: '%s'}\n"
    "users:\n"
    "- name: refresher\n  user:\n    auth-provider:\n      name: oidc\n"
    "      config: {idp-issuer-url: '%s', client-id: kdcc, id-token: '%s', "
    "refresh-token: '%s'}\n"
    "- name: revoked-user\n  user:\n    auth-provider:\n      name: oidc\n"
    "      config: {idp-issuer-url: '%s', client-id: kdcc, id-token: '%s', "
    "refresh-token: '%s'}\n"
    "contexts:\n"
    "- name: refreshing\n  context: {cluster: fake, user: refresher, namespace: rook-ceph}\n"
    "- name: revoked\n  context: {cluster: fake, user: revoked-user, namespace: rook-ceph}\n",
    kube->url, kube->ca_path, provider->issuer, expired, tokens->refresh_token,
    provider->issuer, expired, revoked->refresh_token);
  path = g_build_filename (kube->dir, "refresh-kubeconfig", NULL);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));

  /* Twice, from the file each time: the second gets the token refreshed
   * the first time (the provider rotates refresh tokens of public clients
   * and would refuse the file's one again). */
  for (round = 0; round < 2; round++)
    {
      g_autoptr(KdccKubeContext) context = NULL;
      g_autoptr(KdccKubeCredentials) creds = NULL;
      g_autoptr(KdccKubeClient) kube_client = NULL;
      g_autoptr(JsonObject) ns = NULL;

      g_clear_pointer (&kc, kdcc_kubeconfig_unref);
      kc = kdcc_kubeconfig_load (path, &error);
      g_assert_no_error (error);
      context = kdcc_kubeconfig_resolve (kc, "refreshing", &error);
      g_assert_no_error (error);
      creds = kdcc_kube_credentials_obtain (context, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (creds->token);
      g_assert_cmpstr (creds->token, !=, expired);
      g_assert_cmpint (creds->expires_at, >, now);
      g_assert_cmpint (creds->expires_at, ==, kdcc_kube_jwt_expiry (creds->token));
      g_assert_nonnull (strstr (creds->origin, provider->issuer));
      if (round == 0)
        {
          first_token = g_strdup (creds->token);
          g_ptr_array_add (seen_tokens, g_strdup (creds->token));
        }
      else
        g_assert_cmpstr (creds->token, ==, first_token);

      /* The fake API checks the token's signature, issuer, audience and
       * expiry against the provider: the expired one would be refused. */
      kube_client = kdcc_kube_client_new (context);
      ns = kdcc_kube_client_get (kube_client, &kdcc_kube_namespaces, NULL, "rook-ceph", NULL,
                                 &error);
      g_assert_no_error (error);
      g_assert_nonnull (ns);
    }

  /* The revoked refresh-token: a clear error naming the user and the
   * issuer, with the provider's reason. */
  {
    g_autoptr(KdccKubeContext) context = kdcc_kubeconfig_resolve (kc, "revoked", &error);
    g_autoptr(KdccKubeCredentials) creds = NULL;
    g_autoptr(KdccKubeClient) kube_client = NULL;
    g_autoptr(JsonObject) ns = NULL;

    g_assert_no_error (error);
    creds = kdcc_kube_credentials_obtain (context, NULL, &error);
    g_assert_null (creds);
    g_assert_error (error, KDCC_ERROR, KDCC_ERROR_AUTH);
    g_assert_nonnull (strstr (error->message, "“revoked-user”"));
    g_assert_nonnull (strstr (error->message, provider->issuer));
    /* The provider's code and description, and nothing after them. */
    g_assert_nonnull (strstr (error->message, ": invalid_grant ("));
    g_test_message ("refused: %s", error->message);
    g_clear_error (&error);

    /* And through the client, as the Kubernetes page meets it. */
    kube_client = kdcc_kube_client_new (context);
    ns = kdcc_kube_client_get (kube_client, &kdcc_kube_namespaces, NULL, "rook-ceph", NULL,
                               &error);
    g_assert_null (ns);
    g_assert_error (error, KDCC_ERROR, KDCC_ERROR_AUTH);
    g_assert_nonnull (strstr (error->message, "“revoked-user”"));
    g_clear_error (&error);
  }

  /* The user's kubeconfig was not rewritten. */
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, text);

  kdcc_kube_oidc_refresh_forget_all ();
}

/* Last: no token of any test in any log message (KDCC's own debug output
 * of HTTP exchanges included). */
static void
test_canary (void)
{
  guint i;

  g_assert_cmpuint (seen_tokens->len, >=, 15);
  g_assert_cmpuint (log_text->len, >, 0);
  /* The scan can see: the provider's URL is in the HTTP debug lines. */
  g_assert_nonnull (strstr (log_text->str, provider->issuer));
  for (i = 0; i < seen_tokens->len; i++)
    if (strstr (log_text->str, g_ptr_array_index (seen_tokens, i)) != NULL)
      g_error ("token %u leaked into the log", i);
}

int
main (int argc, char *argv[])
{
  int status;

  kdcc_test_ignore_glib_quark_arrays ();
  g_test_init (&argc, &argv, NULL);
  /* Debug messages too (the HTTP layer's), so the canary sees them. */
  g_log_set_debug_enabled (TRUE);
  seen_tokens = g_ptr_array_new_with_free_func (g_free);
  log_text = g_string_new (NULL);
  g_log_set_writer_func (log_writer_cb, NULL, NULL);

  provider = kdcc_test_oidc_start ();

  g_test_add_data_func ("/oidc/code-pkce/rs256", "kdcc", test_code_pkce);
  g_test_add_data_func ("/oidc/code-pkce/es256", "kdcc-es256", test_code_pkce);
  g_test_add_func ("/oidc/refused/state", test_wrong_state);
  g_test_add_func ("/oidc/refused/nonce", test_wrong_nonce);
  g_test_add_func ("/oidc/refused/swapped-keys", test_swapped_keys);
  g_test_add_func ("/oidc/refused/audience-and-tampered", test_tampered_and_audience);
  g_test_add_func ("/oidc/refused/discovery-issuer", test_discovery_wrong_issuer);
  g_test_add_func ("/oidc/refresh-and-sign-out", test_refresh);
  g_test_add_func ("/oidc/refresh-concurrent", test_refresh_concurrent);
  g_test_add_func ("/oidc/confidential-client", test_confidential);
  g_test_add_data_func ("/oidc/refresh-refused/expired", GINT_TO_POINTER (FALSE),
                        test_refresh_refused);
  g_test_add_data_func ("/oidc/refresh-refused/revoked", GINT_TO_POINTER (TRUE),
                        test_refresh_refused);
  g_test_add_func ("/oidc/device/approved", test_device_flow);
  g_test_add_func ("/oidc/device/cancelled", test_device_cancel);
  g_test_add_data_func ("/oidc/cli/loopback", GINT_TO_POINTER (FALSE), test_cli);
  g_test_add_data_func ("/oidc/cli/device", GINT_TO_POINTER (TRUE), test_cli);
  g_test_add_func ("/oidc/kube", test_kube);
  g_test_add_func ("/oidc/kube-sso", test_kube_sso);
  g_test_add_func ("/oidc/kube-refresh", test_kube_refresh);
  /* In a suite of its own, created last: GTest runs it after the others. */
  g_test_add_func ("/oidc/zz/canary", test_canary);

  status = g_test_run ();
  kdcc_test_oidc_free (provider);
  g_ptr_array_unref (seen_tokens);
  g_string_free (log_text, TRUE);
  return kdcc_test_exit (status);
}
