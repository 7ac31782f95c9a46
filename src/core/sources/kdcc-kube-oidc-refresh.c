/* kdcc-kube-oidc-refresh.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Refreshes an `oidc` auth-provider user's expired id-token with the
 * kubeconfig's refresh-token at the issuer's token endpoint; the new
 * tokens are kept in memory only (kdcc-kube-oidc-refresh.h says why).
 */
#define G_LOG_DOMAIN "kdcc-kube-auth"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "kdcc-error.h"
#include "kdcc-http.h"
#include "kdcc-kube-auth.h"
#include "kdcc-kube-client-private.h"
#include "kdcc-kube-client.h"
#include "kdcc-kube-oidc-refresh.h"
#include "kdcc-oidc-parse.h"

/* A provider's discovery document and token answers are small. */
#define MAX_ANSWER_BYTES    (1024 * 1024)
#define REQUEST_DEADLINE_MS (30 * 1000)
/* The provider's error description is quoted, but not at any length. */
#define MAX_DESCRIPTION     300

typedef struct
{
  char   *id_token;
  char   *refresh_token;   /* the provider's newest: it may rotate them */
  gint64  expires_at;
} Refreshed;

/* Held across a whole refresh, network included: a rotated refresh token
 * used twice makes providers with reuse detection (oidc-provider, Okta,
 * Auth0) revoke the whole grant, so two threads of one user must never
 * both refresh. Refreshes are rare (about one an hour per user). */
static GMutex refresh_lock;
/* SHA-256 of issuer, client id and the kubeconfig's refresh token ->
 * Refreshed. A hash, so no second copy of the token is kept as a key. */
static GHashTable *refreshed;

static void
wipe_free (char *secret)
{
  if (secret != NULL)
    explicit_bzero (secret, strlen (secret));
  g_free (secret);
}

static void
refreshed_free (gpointer data)
{
  Refreshed *r = data;

  wipe_free (r->id_token);
  wipe_free (r->refresh_token);
  g_free (r);
}

void
kdcc_kube_oidc_refresh_forget_all (void)
{
  g_mutex_lock (&refresh_lock);
  g_clear_pointer (&refreshed, g_hash_table_unref);
  g_mutex_unlock (&refresh_lock);
}

typedef struct
{
  const char  *user;
  const char  *issuer;
  GPtrArray   *ca_certs;   /* NULL: the system CAs */
  SoupSession *session;
} Refresher;

static void
refresher_clear (Refresher *r)
{
  g_clear_pointer (&r->ca_certs, g_ptr_array_unref);
  g_clear_object (&r->session);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Refresher, refresher_clear)

static const char *
config_get (const KdccKubeContext *context,
            const char            *key)
{
  const char *value = g_hash_table_lookup (context->auth_provider_config, key);

  return value != NULL && *value != '\0' ? value : NULL;
}

/* idp-certificate-authority-data (base64 PEM) or idp-certificate-authority
 * (a file; relative to the kubeconfig that named it, as kubeconfig paths
 * are, since KDCC's working directory means nothing to the user). */
static gboolean
load_ca (Refresher              *r,
         const KdccKubeContext  *context,
         GError                **error)
{
  const char *data = config_get (context, "idp-certificate-authority-data");
  const char *file = config_get (context, "idp-certificate-authority");
  g_autoptr(GBytes) pem = NULL;

  if (data != NULL)
    {
      gsize len = 0;
      guchar *raw = g_base64_decode (data, &len);

      pem = g_bytes_new_take (raw, len);
    }
  else if (file != NULL)
    {
      g_autofree char *dir = context->origin ? g_path_get_dirname (context->origin) : NULL;
      g_autofree char *path = g_path_is_absolute (file) || dir == NULL
                                ? g_strdup (file) : g_build_filename (dir, file, NULL);
      g_autoptr(GError) local_error = NULL;
      char *contents = NULL;
      gsize len = 0;

      if (!g_file_get_contents (path, &contents, &len, &local_error))
        {
          g_set_error (error, KDCC_ERROR, KDCC_ERROR_TLS,
                       _("Cannot read the idp-certificate-authority of user “%s”: %s"),
                       r->user, local_error->message);
          return FALSE;
        }
      pem = g_bytes_new_take (contents, len);
    }
  else
    return TRUE;

  r->ca_certs = _kdcc_kube_parse_ca_bundle (pem);
  if (r->ca_certs->len == 0)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_TLS,
                   _("The idp-certificate-authority of user “%s” holds no PEM certificate"),
                   r->user);
      return FALSE;
    }
  return TRUE;
}

/* The issuer's certificate against the user's idp-certificate-authority,
 * and nothing else (the session has no TLS database then). */
static gboolean
accept_certificate_cb (SoupMessage          *msg,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       gpointer              user_data)
{
  GPtrArray *ca_certs = user_data;
  GUri *uri = soup_message_get_uri (msg);
  g_autoptr(GSocketConnectable) identity =
    g_network_address_new (g_uri_get_host (uri),
                           g_uri_get_port (uri) > 0 ? g_uri_get_port (uri) : 443);

  for (guint i = 0; i < ca_certs->len; i++)
    if (g_tls_certificate_verify (certificate, identity, g_ptr_array_index (ca_certs, i)) == 0)
      return TRUE;
  return FALSE;
}

/* One exchange with the issuer; the body of any status, the status in
 * *STATUS. Takes MSG. */
static GBytes *
send (Refresher     *r,
      SoupMessage   *msg_owned,
      guint          max_redirects,
      guint         *status,
      GCancellable  *cancellable,
      GError       **error)
{
  g_autoptr(SoupMessage) msg = msg_owned;
  g_autoptr(GError) local_error = NULL;
  KdccHttpLimits limits = {
    .max_body_bytes = MAX_ANSWER_BYTES,
    .max_decoded_bytes = MAX_ANSWER_BYTES,
    .deadline_ms = REQUEST_DEADLINE_MS,
    .max_redirects = max_redirects,
    .content_type = "application/json",
  };
  GBytes *answer;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept",
                                "application/json");
  if (r->ca_certs != NULL)
    g_signal_connect (msg, "accept-certificate", G_CALLBACK (accept_certificate_cb), r->ca_certs);
  answer = kdcc_http_send (r->session, msg, &limits, cancellable, &local_error);
  if (answer == NULL)
    {
      if (local_error->domain == KDCC_ERROR
          || g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, KDCC_ERROR,
                     local_error->domain == G_TLS_ERROR ? KDCC_ERROR_TLS : KDCC_ERROR_CONNECT,
                     _("Could not reach the identity provider %s to refresh the OIDC id-token "
                       "of user “%s”: %s"), r->issuer, r->user, local_error->message);
      return NULL;
    }
  *status = soup_message_get_status (msg);
  return answer;
}

static KdccOidcDiscovery *
discover (Refresher     *r,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autofree char *url = g_strconcat (r->issuer, g_str_has_suffix (r->issuer, "/") ? "" : "/",
                                      ".well-known/openid-configuration", NULL);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) local_error = NULL;
  KdccOidcDiscovery *discovery;
  SoupMessage *msg = soup_message_new ("GET", url);
  guint status = 0;
  gsize size;
  const char *data;

  if (msg == NULL)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("The idp-issuer-url “%s” of user “%s” is not a valid URL"), r->issuer,
                   r->user);
      return NULL;
    }
  answer = send (r, msg, 3, &status, cancellable, error);
  if (answer == NULL)
    return NULL;
  if (status != SOUP_STATUS_OK)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_HTTP,
                   _("The identity provider %s answered HTTP %u to its discovery request "
                     "(refreshing the OIDC id-token of user “%s”)"), r->issuer, status, r->user);
      return NULL;
    }
  data = g_bytes_get_data (answer, &size);
  discovery = kdcc_oidc_parse_discovery (r->issuer, data, size, &local_error);
  if (discovery == NULL)
    g_set_error (error, KDCC_ERROR, KDCC_ERROR_AUTH,
                 _("Cannot refresh the OIDC id-token of user “%s” at %s: %s"), r->user,
                 r->issuer, local_error->message);
  return discovery;
}

/* TEXT made valid UTF-8 and cut at MAX_DESCRIPTION characters. */
static char *
safe_text (const char *text)
{
  char *valid = g_utf8_make_valid (text, -1);

  if (g_utf8_strlen (valid, -1) > MAX_DESCRIPTION)
    *g_utf8_offset_to_pointer (valid, MAX_DESCRIPTION) = '\0';
  return valid;
}

/* "invalid_grant (grant request is invalid)", the provider's words made
 * safe to show. */
static char *
describe_refusal (GBytes *answer,
                  guint   status)
{
  g_autofree char *code = NULL;
  g_autofree char *description = NULL;
  g_autofree char *valid_code = NULL;
  g_autofree char *valid_description = NULL;
  gsize size;
  const char *data = g_bytes_get_data (answer, &size);

  if (!kdcc_oidc_parse_oauth_error (data, size, &code, &description))
    return g_strdup_printf (_("HTTP %u"), status);
  valid_code = safe_text (code);
  if (description == NULL)
    return g_steal_pointer (&valid_code);
  valid_description = safe_text (description);
  return g_strdup_printf ("%s (%s)", valid_code, valid_description);
}

/* The token endpoint's answer to a refresh grant (RFC 6749 §6). */
static Refreshed *
refresh (Refresher              *r,
         const KdccKubeContext  *context,
         const char             *refresh_token,
         GCancellable           *cancellable,
         GError                **error)
{
  const char *client_id = config_get (context, "client-id");
  const char *client_secret = config_get (context, "client-secret");
  g_autoptr(KdccOidcDiscovery) discovery = NULL;
  g_autoptr(KdccOidcTokenResponse) response = NULL;
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree Refreshed *result = NULL;
  char *form;
  SoupMessage *msg;
  guint status = 0;
  gsize size;
  const char *data;

  discovery = discover (r, cancellable, error);
  if (discovery == NULL)
    return NULL;

  form = soup_form_encode ("grant_type", "refresh_token", "refresh_token", refresh_token,
                           "client_id", client_id, NULL);
  if (client_secret != NULL)
    {
      /* client_secret_post (RFC 6749 §2.3.1), as KDCC's own sign-in. */
      g_autofree char *secret = soup_form_encode ("client_secret", client_secret, NULL);
      char *joined = g_strconcat (form, "&", secret, NULL);

      wipe_free (form);
      explicit_bzero (secret, strlen (secret));
      form = joined;
    }
  msg = soup_message_new_from_encoded_form ("POST", discovery->token_endpoint, form);
  if (msg == NULL)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_AUTH,
                   _("Cannot refresh the OIDC id-token of user “%s”: the token endpoint of %s "
                     "is not a valid URL"), r->user, r->issuer);
      return NULL;
    }
  answer = send (r, msg, 0, &status, cancellable, error);
  if (answer == NULL)
    return NULL;

  if (status == SOUP_STATUS_BAD_REQUEST || status == SOUP_STATUS_UNAUTHORIZED)
    {
      g_autofree char *why = describe_refusal (answer, status);

      /* TRANSLATORS: the first %s is a URL, the last the provider's reason
       * (e.g. "invalid_grant (grant request is invalid)"). */
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_AUTH,
                   _("The identity provider %s refused to refresh the OIDC id-token of user "
                     "“%s”: %s. Sign in again with the tool that wrote the kubeconfig's tokens, "
                     "then try again"), r->issuer, r->user, why);
      return NULL;
    }
  if (status != SOUP_STATUS_OK)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_HTTP,
                   _("The identity provider %s answered HTTP %u when refreshing the OIDC "
                     "id-token of user “%s”"), r->issuer, status, r->user);
      return NULL;
    }

  data = g_bytes_get_data (answer, &size);
  response = kdcc_oidc_parse_token_response (data, size, &local_error);
  if (response == NULL)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_AUTH,
                   _("Cannot refresh the OIDC id-token of user “%s” at %s: %s"), r->user,
                   r->issuer, local_error->message);
      return NULL;
    }
  /* An access token is no use to the API server, which wants an ID token
   * (kubectl refuses such an answer too). */
  if (response->id_token == NULL)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_AUTH,
                   _("The identity provider %s returned no id-token when refreshing the one "
                     "of user “%s”"), r->issuer, r->user);
      return NULL;
    }

  result = g_new0 (Refreshed, 1);
  result->id_token = g_steal_pointer (&response->id_token);
  result->refresh_token = response->refresh_token != NULL
                            ? g_steal_pointer (&response->refresh_token)
                            : g_strdup (refresh_token);
  result->expires_at = kdcc_kube_jwt_expiry (result->id_token);
  if (result->expires_at == 0 && response->expires_in > 0)
    result->expires_at = g_get_real_time () / G_USEC_PER_SEC + response->expires_in;
  return g_steal_pointer (&result);
}

/* A refreshed token this close to its expiry counts as expired too, so it
 * does not run out between here and the API server. */
static gboolean
still_valid (const Refreshed *r)
{
  return r->expires_at == 0
         || r->expires_at > g_get_real_time () / G_USEC_PER_SEC + KDCC_KUBE_OIDC_REFRESH_MARGIN_S;
}

char *
kdcc_kube_oidc_refresh_id_token (const KdccKubeContext  *context,
                                 gint64                 *expires_at,
                                 GCancellable           *cancellable,
                                 GError                **error)
{
  g_auto(Refresher) r = { 0 };
  g_autoptr(GError) local_error = NULL;
  g_autofree char *key = NULL;
  const char *client_id, *file_refresh_token, *refresh_token;
  Refreshed *entry, *fresh;
  char *id_token;

  g_return_val_if_fail (context != NULL && context->auth_provider_config != NULL, NULL);

  r.user = context->user_name ? context->user_name : "";
  r.issuer = config_get (context, "idp-issuer-url");
  client_id = config_get (context, "client-id");
  file_refresh_token = config_get (context, "refresh-token");
  if (r.issuer == NULL || client_id == NULL || file_refresh_token == NULL)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_AUTH,
                   _("The OIDC id-token of user “%s” cannot be refreshed: its auth-provider "
                     "config needs idp-issuer-url, client-id and refresh-token"), r.user);
      return NULL;
    }
  /* The refresh token must not cross a network in the clear. */
  if (!kdcc_oidc_url_is_acceptable (r.issuer))
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_AUTH,
                   _("The OIDC id-token of user “%s” is not refreshed at %s: not an https URL "
                     "(plain http is accepted only on this computer)"), r.user, r.issuer);
      return NULL;
    }
  {
    g_autofree char *material = g_strjoin ("\n", r.issuer, client_id, file_refresh_token, NULL);

    key = g_compute_checksum_for_string (G_CHECKSUM_SHA256, material, -1);
    explicit_bzero (material, strlen (material));
  }

  g_mutex_lock (&refresh_lock);
  if (refreshed == NULL)
    refreshed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, refreshed_free);
  entry = g_hash_table_lookup (refreshed, key);
  if (entry != NULL && still_valid (entry))
    {
      *expires_at = entry->expires_at;
      id_token = g_strdup (entry->id_token);
      g_mutex_unlock (&refresh_lock);
      return id_token;
    }
  refresh_token = entry != NULL ? entry->refresh_token : file_refresh_token;

  if (!load_ca (&r, context, error))
    {
      g_mutex_unlock (&refresh_lock);
      return NULL;
    }
  r.session = kdcc_http_session_new ();
  /* The proxy as for the API server (kubectl's rules), not the desktop's. */
  kdcc_kube_configure_session (r.session);
  if (r.ca_certs != NULL)
    soup_session_set_tls_database (r.session, NULL);

  g_debug ("Refreshing the OIDC id-token of user %s at %s", r.user, r.issuer);
  fresh = refresh (&r, context, refresh_token, cancellable, &local_error);
  if (fresh == NULL)
    {
      /* A refused rotated token is of no further use either. */
      if (entry != NULL && g_error_matches (local_error, KDCC_ERROR, KDCC_ERROR_AUTH))
        g_hash_table_remove (refreshed, key);
      g_mutex_unlock (&refresh_lock);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  g_hash_table_replace (refreshed, g_steal_pointer (&key), fresh);
  *expires_at = fresh->expires_at;
  id_token = g_strdup (fresh->id_token);
  g_mutex_unlock (&refresh_lock);
  return id_token;
}
