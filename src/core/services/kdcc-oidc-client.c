/* kdcc-oidc-client.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The provider's endpoints, spoken to as a public client. Tokens never go
 * into a log message or an error: errors quote the provider's error code
 * and description only.
 */
#define G_LOG_DOMAIN "kdcc-oidc"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <libsoup/soup.h>
#include <string.h>

#include "kdcc-error.h"
#include "kdcc-http.h"
#include "kdcc-oidc-client-private.h"

#define DEFAULT_SCOPE       "openid profile email offline_access"
#define MAX_ANSWER_BYTES    (1024 * 1024)
#define REQUEST_DEADLINE_MS (30 * 1000)
/* Clock skew allowed between this computer and the provider. */
#define CLOCK_LEEWAY_S      120

struct _KdccOidcClient
{
  GObject             parent_instance;

  char               *issuer;
  char               *client_id;
  char               *scope;
  char               *client_secret;   /* NULL for a public client */

  /* Guards everything below: the client is used from worker threads. */
  GMutex              lock;
  SoupSession        *session;
  KdccOidcDiscovery  *discovery;
  KdccJwks           *jwks;
};

G_DEFINE_FINAL_TYPE (KdccOidcClient, kdcc_oidc_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ISSUER,
  PROP_CLIENT_ID,
  PROP_SCOPE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
wipe_free (char *secret)
{
  if (secret == NULL)
    return;
  explicit_bzero (secret, strlen (secret));
  g_free (secret);
}

KdccOidcTokens *
kdcc_oidc_tokens_copy (const KdccOidcTokens *tokens)
{
  KdccOidcTokens *copy = g_new0 (KdccOidcTokens, 1);

  copy->issuer = g_strdup (tokens->issuer);
  copy->client_id = g_strdup (tokens->client_id);
  copy->subject = g_strdup (tokens->subject);
  copy->display_name = g_strdup (tokens->display_name);
  copy->id_token = g_strdup (tokens->id_token);
  copy->access_token = g_strdup (tokens->access_token);
  copy->refresh_token = g_strdup (tokens->refresh_token);
  copy->expires_at = tokens->expires_at;
  return copy;
}

void
kdcc_oidc_tokens_free (KdccOidcTokens *tokens)
{
  if (tokens == NULL)
    return;
  g_free (tokens->issuer);
  g_free (tokens->client_id);
  g_free (tokens->subject);
  g_free (tokens->display_name);
  wipe_free (tokens->id_token);
  wipe_free (tokens->access_token);
  wipe_free (tokens->refresh_token);
  g_free (tokens);
}

static char *
random_string (void)
{
  guint8 bytes[32];

  /* A key-grade random source: state, nonce and verifier are what stands
   * between a sign-in and a forged redirect. */
  if (gnutls_rnd (GNUTLS_RND_KEY, bytes, sizeof bytes) < 0)
    g_error ("No random numbers from GnuTLS");
  return kdcc_base64url_encode (bytes, sizeof bytes);
}

KdccOidcPkce *
kdcc_oidc_pkce_new (void)
{
  KdccOidcPkce *pkce = g_new0 (KdccOidcPkce, 1);
  guint8 digest[32];
  gsize digest_len = sizeof digest;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  pkce->state = random_string ();
  pkce->nonce = random_string ();
  pkce->code_verifier = random_string ();
  g_checksum_update (checksum, (const guchar *) pkce->code_verifier, -1);
  g_checksum_get_digest (checksum, digest, &digest_len);
  pkce->code_challenge = kdcc_base64url_encode (digest, digest_len);
  return pkce;
}

void
kdcc_oidc_pkce_free (KdccOidcPkce *pkce)
{
  if (pkce == NULL)
    return;
  wipe_free (pkce->state);
  wipe_free (pkce->nonce);
  wipe_free (pkce->code_verifier);
  g_free (pkce->code_challenge);
  g_free (pkce);
}

static void
kdcc_oidc_client_finalize (GObject *object)
{
  KdccOidcClient *self = (KdccOidcClient *) object;

  g_free (self->issuer);
  g_free (self->client_id);
  g_free (self->scope);
  wipe_free (self->client_secret);
  g_clear_object (&self->session);
  g_clear_pointer (&self->discovery, kdcc_oidc_discovery_free);
  g_clear_pointer (&self->jwks, kdcc_jwks_free);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (kdcc_oidc_client_parent_class)->finalize (object);
}

static void
kdcc_oidc_client_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  KdccOidcClient *self = KDCC_OIDC_CLIENT (object);

  switch (prop_id)
    {
    case PROP_ISSUER:
      g_value_set_string (value, self->issuer);
      break;
    case PROP_CLIENT_ID:
      g_value_set_string (value, self->client_id);
      break;
    case PROP_SCOPE:
      g_value_set_string (value, self->scope);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_oidc_client_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  KdccOidcClient *self = KDCC_OIDC_CLIENT (object);

  switch (prop_id)
    {
    case PROP_ISSUER:
      self->issuer = g_value_dup_string (value);
      break;
    case PROP_CLIENT_ID:
      self->client_id = g_value_dup_string (value);
      break;
    case PROP_SCOPE:
      kdcc_oidc_client_set_scope (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_oidc_client_class_init (KdccOidcClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kdcc_oidc_client_finalize;
  object_class->get_property = kdcc_oidc_client_get_property;
  object_class->set_property = kdcc_oidc_client_set_property;

  properties[PROP_ISSUER] =
    g_param_spec_string ("issuer", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLIENT_ID] =
    g_param_spec_string ("client-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SCOPE] =
    g_param_spec_string ("scope", NULL, NULL, DEFAULT_SCOPE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kdcc_oidc_client_init (KdccOidcClient *self)
{
  g_mutex_init (&self->lock);
  self->scope = g_strdup (DEFAULT_SCOPE);
}

KdccOidcClient *
kdcc_oidc_client_new (const char *issuer,
                      const char *client_id)
{
  g_return_val_if_fail (issuer != NULL, NULL);
  g_return_val_if_fail (client_id != NULL, NULL);

  return g_object_new (KDCC_TYPE_OIDC_CLIENT, "issuer", issuer, "client-id", client_id, NULL);
}

const char *
kdcc_oidc_client_get_issuer (KdccOidcClient *self)
{
  g_return_val_if_fail (KDCC_IS_OIDC_CLIENT (self), NULL);
  return self->issuer;
}

const char *
kdcc_oidc_client_get_client_id (KdccOidcClient *self)
{
  g_return_val_if_fail (KDCC_IS_OIDC_CLIENT (self), NULL);
  return self->client_id;
}

const char *
kdcc_oidc_client_get_scope (KdccOidcClient *self)
{
  g_return_val_if_fail (KDCC_IS_OIDC_CLIENT (self), NULL);
  return self->scope;
}

void
kdcc_oidc_client_set_scope (KdccOidcClient *self,
                            const char     *scope)
{
  g_return_if_fail (KDCC_IS_OIDC_CLIENT (self));

  if (scope == NULL)
    scope = DEFAULT_SCOPE;
  if (g_strcmp0 (scope, self->scope) == 0)
    return;
  g_free (self->scope);
  self->scope = g_strdup (scope);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCOPE]);
}

void
kdcc_oidc_client_set_client_secret (KdccOidcClient *self,
                                    const char     *client_secret)
{
  g_return_if_fail (KDCC_IS_OIDC_CLIENT (self));

  wipe_free (self->client_secret);
  self->client_secret = client_secret != NULL && *client_secret != '\0'
                          ? g_strdup (client_secret) : NULL;
}

char *
_kdcc_oidc_client_with_secret (KdccOidcClient *self,
                               char           *form)
{
  g_autofree char *secret = NULL;
  char *joined;

  if (self->client_secret == NULL)
    return form;
  /* client_secret_post (RFC 6749 §2.3.1), which kubelogin's confidential
   * clients use. */
  secret = soup_form_encode ("client_secret", self->client_secret, NULL);
  joined = g_strconcat (form, "&", secret, NULL);
  wipe_free (form);
  explicit_bzero (secret, strlen (secret));
  return joined;
}

/* One exchange; returns the body and sets *STATUS. Takes ownership of MSG. */
GBytes *
_kdcc_oidc_client_send (KdccOidcClient  *self,
      SoupMessage     *msg_owned,
      guint            max_redirects,
      guint           *status,
      GCancellable    *cancellable,
      GError         **error)
{
  g_autoptr(SoupMessage) msg = msg_owned;
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
  g_mutex_lock (&self->lock);
  if (self->session == NULL)
    self->session = kdcc_http_session_new ();
  g_mutex_unlock (&self->lock);

  /* SoupSession serializes its own use; only its creation is guarded. */
  answer = kdcc_http_send (self->session, msg, &limits, cancellable, error);
  if (answer != NULL)
    *status = soup_message_get_status (msg);
  return answer;
}

static KdccOidcDiscovery *
discovery_copy (const KdccOidcDiscovery *d)
{
  KdccOidcDiscovery *copy = g_new0 (KdccOidcDiscovery, 1);

  copy->issuer = g_strdup (d->issuer);
  copy->authorization_endpoint = g_strdup (d->authorization_endpoint);
  copy->token_endpoint = g_strdup (d->token_endpoint);
  copy->jwks_uri = g_strdup (d->jwks_uri);
  copy->revocation_endpoint = g_strdup (d->revocation_endpoint);
  copy->device_authorization_endpoint = g_strdup (d->device_authorization_endpoint);
  copy->end_session_endpoint = g_strdup (d->end_session_endpoint);
  copy->supports_s256 = d->supports_s256;
  return copy;
}

KdccOidcDiscovery *
kdcc_oidc_client_discover_sync (KdccOidcClient  *self,
                                GCancellable    *cancellable,
                                GError         **error)
{
  g_autoptr(KdccOidcDiscovery) discovery = NULL;
  g_autoptr(GBytes) answer = NULL;
  g_autofree char *url = NULL;
  SoupMessage *msg;
  guint status = 0;
  gsize size;
  const char *data;

  g_return_val_if_fail (KDCC_IS_OIDC_CLIENT (self), NULL);

  g_mutex_lock (&self->lock);
  if (self->discovery != NULL)
    discovery = discovery_copy (self->discovery);
  g_mutex_unlock (&self->lock);
  if (discovery != NULL)
    return g_steal_pointer (&discovery);

  if (!kdcc_oidc_url_is_acceptable (self->issuer))
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("The identity provider \"%s\" is not an https URL (plain http is accepted "
                     "only on this computer)"), self->issuer);
      return NULL;
    }

  /* OpenID Discovery §4: the issuer, without a trailing slash, then the
   * well-known path. */
  url = g_strconcat (self->issuer, g_str_has_suffix (self->issuer, "/") ? "" : "/",
                     ".well-known/openid-configuration", NULL);
  msg = soup_message_new ("GET", url);
  if (msg == NULL)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("The identity provider \"%s\" is not a valid URL"), self->issuer);
      return NULL;
    }
  {
    g_autoptr(GError) local_error = NULL;

    answer = _kdcc_oidc_client_send (self, msg, 3, &status, cancellable, &local_error);
    /* The first contact: say which provider could not be reached. */
    if (answer == NULL && (local_error->domain == G_IO_ERROR || local_error->domain == G_RESOLVER_ERROR
                           || local_error->domain == G_TLS_ERROR)
        && !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
      {
        g_set_error (error, KDCC_ERROR,
                     local_error->domain == G_TLS_ERROR ? KDCC_ERROR_TLS : KDCC_ERROR_CONNECT,
                     _("Could not reach the identity provider at %s: %s"), self->issuer,
                     local_error->message);
        return NULL;
      }
    if (answer == NULL)
      {
        g_propagate_error (error, g_steal_pointer (&local_error));
        return NULL;
      }
  }
  if (status != SOUP_STATUS_OK)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_HTTP,
                   _("The identity provider answered %u to %s: is \"%s\" its issuer URL?"),
                   status, url, self->issuer);
      return NULL;
    }
  data = g_bytes_get_data (answer, &size);
  discovery = kdcc_oidc_parse_discovery (self->issuer, data, size, error);
  if (discovery == NULL)
    return NULL;
  if (!discovery->supports_s256)
    {
      kdcc_oidc_set_error (error, KDCC_OIDC_ERROR_ALGORITHM,
                   _("The identity provider does not support PKCE with S256, which KDCC needs "
                     "to sign in safely"));
      return NULL;
    }

  g_mutex_lock (&self->lock);
  if (self->discovery == NULL)
    self->discovery = discovery_copy (discovery);
  g_mutex_unlock (&self->lock);
  return g_steal_pointer (&discovery);
}

char *
kdcc_oidc_client_build_auth_url (KdccOidcClient           *self,
                                 const KdccOidcDiscovery  *discovery,
                                 const KdccOidcPkce       *pkce,
                                 const char               *redirect_uri)
{
  g_autofree char *query = NULL;
  const char *endpoint = discovery->authorization_endpoint;

  query = soup_form_encode ("response_type", "code",
                            "client_id", self->client_id,
                            "redirect_uri", redirect_uri,
                            "scope", self->scope,
                            "state", pkce->state,
                            "nonce", pkce->nonce,
                            "code_challenge", pkce->code_challenge,
                            "code_challenge_method", "S256",
                            NULL);
  return g_strconcat (endpoint, strchr (endpoint, '?') != NULL ? "&" : "?", query, NULL);
}

/* A non-2xx answer of the token or device endpoint as an error. */
void
_kdcc_oidc_set_endpoint_error (GError     **error,
                    const char  *what,
                    guint        status,
                    GBytes      *answer)
{
  g_autofree char *code = NULL;
  g_autofree char *description = NULL;
  gsize size = 0;
  const char *data = answer != NULL ? g_bytes_get_data (answer, &size) : NULL;
  KdccOidcError reason = KDCC_OIDC_ERROR_PROVIDER;

  if (!kdcc_oidc_parse_oauth_error (data, size, &code, &description))
    {
      kdcc_oidc_set_error (error, KDCC_OIDC_ERROR_PROVIDER,
                   _("The identity provider's %s answered HTTP %u"), what, status);
      return;
    }
  if (g_str_equal (code, "invalid_grant"))
    reason = KDCC_OIDC_ERROR_SIGN_IN_AGAIN;
  else if (g_str_equal (code, "access_denied"))
    reason = KDCC_OIDC_ERROR_DENIED;
  else if (g_str_equal (code, "expired_token"))
    reason = KDCC_OIDC_ERROR_EXPIRED;

  kdcc_oidc_set_error (error, reason,
               /* TRANSLATORS: "the token endpoint refused: invalid_grant (grant request is invalid)" */
               _("The identity provider's %s refused: %s (%s)"), what, code,
               description != NULL ? description : "");
}

GBytes *
_kdcc_oidc_client_post_form (KdccOidcClient  *self,
           const char      *endpoint,
           const char      *what,
           char            *form_owned,
           GCancellable    *cancellable,
           GError         **error)
{
  g_autofree char *form = _kdcc_oidc_client_with_secret (self, form_owned);
  g_autoptr(GBytes) answer = NULL;
  SoupMessage *msg;
  guint status = 0;

  msg = soup_message_new_from_encoded_form ("POST", endpoint, g_steal_pointer (&form));
  if (msg == NULL)
    {
      kdcc_oidc_set_error (error, KDCC_OIDC_ERROR_MALFORMED,
                   _("The identity provider's %s is not a valid URL"), what);
      return NULL;
    }
  answer = _kdcc_oidc_client_send (self, msg, 0, &status, cancellable, error);
  if (answer == NULL)
    return NULL;
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      _kdcc_oidc_set_endpoint_error (error, what, status, answer);
      return NULL;
    }
  return g_steal_pointer (&answer);
}

static gboolean
fetch_jwks (KdccOidcClient  *self,
            const char      *jwks_uri,
            GCancellable    *cancellable,
            GError         **error)
{
  g_autoptr(GBytes) answer = NULL;
  KdccJwks *jwks;
  SoupMessage *msg;
  guint status = 0;
  gsize size;
  const char *data;

  msg = soup_message_new ("GET", jwks_uri);
  if (msg == NULL)
    {
      kdcc_oidc_set_error (error, KDCC_OIDC_ERROR_MALFORMED,
                   _("The identity provider's key set URL is not valid"));
      return FALSE;
    }
  /* The JWKS is served as application/json or application/jwk-set+json. */
  answer = _kdcc_oidc_client_send (self, msg, 3, &status, cancellable, error);
  if (answer == NULL)
    return FALSE;
  if (status != SOUP_STATUS_OK)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_HTTP,
                   _("The identity provider's key set answered HTTP %u"), status);
      return FALSE;
    }
  data = g_bytes_get_data (answer, &size);
  jwks = kdcc_jwks_parse (data, size, error);
  if (jwks == NULL)
    return FALSE;

  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->jwks, kdcc_jwks_free);
  self->jwks = jwks;
  g_mutex_unlock (&self->lock);
  return TRUE;
}

KdccJwt *
kdcc_oidc_client_verify_id_token_sync (KdccOidcClient  *self,
                                       const char      *id_token,
                                       const char      *nonce,
                                       GCancellable    *cancellable,
                                       GError         **error)
{
  g_autoptr(KdccOidcDiscovery) discovery = NULL;
  g_autoptr(KdccJwt) jwt = NULL;
  KdccJwtExpect expect = { 0 };
  gboolean have_key, verified;

  g_return_val_if_fail (KDCC_IS_OIDC_CLIENT (self), NULL);
  g_return_val_if_fail (id_token != NULL, NULL);

  discovery = kdcc_oidc_client_discover_sync (self, cancellable, error);
  if (discovery == NULL)
    return NULL;
  jwt = kdcc_jwt_parse (id_token, error);
  if (jwt == NULL)
    return NULL;

  g_mutex_lock (&self->lock);
  have_key = self->jwks != NULL
             && kdcc_jwks_has_key (self->jwks, kdcc_jwt_get_kid (jwt), kdcc_jwt_get_alg (jwt));
  g_mutex_unlock (&self->lock);
  /* A key not seen yet: the provider may have rotated its keys, so fetch
   * the set again, once per token. */
  if (!have_key && !fetch_jwks (self, discovery->jwks_uri, cancellable, error))
    return NULL;

  g_mutex_lock (&self->lock);
  verified = kdcc_jwt_verify (jwt, self->jwks, error);
  g_mutex_unlock (&self->lock);
  if (!verified)
    return NULL;

  expect.issuer = discovery->issuer;
  expect.client_id = self->client_id;
  expect.nonce = nonce;
  expect.leeway = CLOCK_LEEWAY_S;
  if (!kdcc_jwt_check_claims (jwt, &expect, error))
    return NULL;

  return g_steal_pointer (&jwt);
}

static char *
pick_display_name (KdccJwt *jwt)
{
  const char *claims[] = { "preferred_username", "email", "name", "sub" };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (claims); i++)
    {
      const char *value = kdcc_jwt_get_string (jwt, claims[i]);

      if (value != NULL && *value != '\0')
        return g_strdup (value);
    }
  return NULL;
}

/* Turns a token answer into tokens; PREVIOUS (nullable) supplies what a
 * refresh answer may leave out. */
KdccOidcTokens *
_kdcc_oidc_client_tokens_from_answer (KdccOidcClient        *self,
                    GBytes                *answer,
                    const char            *nonce,
                    const KdccOidcTokens  *previous,
                    GCancellable          *cancellable,
                    GError               **error)
{
  g_autoptr(KdccOidcTokenResponse) response = NULL;
  g_autoptr(KdccOidcTokens) tokens = NULL;
  g_autoptr(KdccJwt) jwt = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gsize size;
  const char *data = g_bytes_get_data (answer, &size);

  response = kdcc_oidc_parse_token_response (data, size, error);
  if (response == NULL)
    return NULL;

  tokens = g_new0 (KdccOidcTokens, 1);
  tokens->issuer = g_strdup (self->issuer);
  tokens->client_id = g_strdup (self->client_id);
  tokens->access_token = g_steal_pointer (&response->access_token);
  tokens->refresh_token = g_steal_pointer (&response->refresh_token);
  tokens->expires_at = response->expires_in > 0 ? now + response->expires_in : G_MAXINT64;

  if (response->id_token != NULL)
    {
      jwt = kdcc_oidc_client_verify_id_token_sync (self, response->id_token, nonce, cancellable,
                                                   error);
      if (jwt == NULL)
        return NULL;
      tokens->subject = g_strdup (kdcc_jwt_get_string (jwt, "sub"));
      tokens->display_name = pick_display_name (jwt);
      tokens->id_token = g_steal_pointer (&response->id_token);
      tokens->expires_at = MIN (tokens->expires_at, kdcc_jwt_get_int (jwt, "exp"));
      /* OpenID Connect Core 12.2: a refreshed ID token is of the same
       * person. */
      if (previous != NULL && g_strcmp0 (previous->subject, tokens->subject) != 0)
        {
          kdcc_oidc_set_error (error, KDCC_OIDC_ERROR_SIGN_IN_AGAIN,
                       _("The identity provider returned tokens of another user"));
          return NULL;
        }
    }
  else if (previous != NULL)
    {
      tokens->subject = g_strdup (previous->subject);
      tokens->display_name = g_strdup (previous->display_name);
      tokens->id_token = g_strdup (previous->id_token);
      /* The old ID token is no younger for the refresh: its expiry still
       * bounds these tokens' (a Kubernetes API checks it). */
      if (previous->id_token != NULL)
        {
          g_autoptr(KdccJwt) old = kdcc_jwt_parse (previous->id_token, NULL);

          if (old != NULL)
            tokens->expires_at = MIN (tokens->expires_at, kdcc_jwt_get_int (old, "exp"));
        }
    }
  else
    {
      kdcc_oidc_set_error (error, KDCC_OIDC_ERROR_MALFORMED,
                   _("The identity provider returned no ID token: is \"openid\" in the scope?"));
      return NULL;
    }

  return g_steal_pointer (&tokens);
}

KdccOidcTokens *
kdcc_oidc_client_exchange_code_sync (KdccOidcClient      *self,
                                     const char          *code,
                                     const char          *redirect_uri,
                                     const KdccOidcPkce  *pkce,
                                     GCancellable        *cancellable,
                                     GError             **error)
{
  g_autoptr(KdccOidcDiscovery) discovery = NULL;
  g_autoptr(GBytes) answer = NULL;

  g_return_val_if_fail (KDCC_IS_OIDC_CLIENT (self), NULL);

  discovery = kdcc_oidc_client_discover_sync (self, cancellable, error);
  if (discovery == NULL)
    return NULL;
  answer = _kdcc_oidc_client_post_form (self, discovery->token_endpoint, _("token endpoint"),
                      soup_form_encode ("grant_type", "authorization_code",
                                        "code", code,
                                        "redirect_uri", redirect_uri,
                                        "client_id", self->client_id,
                                        "code_verifier", pkce->code_verifier,
                                        NULL),
                      cancellable, error);
  if (answer == NULL)
    return NULL;
  return _kdcc_oidc_client_tokens_from_answer (self, answer, pkce->nonce, NULL, cancellable, error);
}

KdccOidcTokens *
kdcc_oidc_client_refresh_sync (KdccOidcClient        *self,
                               const char            *refresh_token,
                               const KdccOidcTokens  *previous,
                               GCancellable          *cancellable,
                               GError               **error)
{
  g_autoptr(KdccOidcDiscovery) discovery = NULL;
  g_autoptr(GBytes) answer = NULL;
  KdccOidcTokens *tokens;

  g_return_val_if_fail (KDCC_IS_OIDC_CLIENT (self), NULL);
  g_return_val_if_fail (refresh_token != NULL, NULL);

  discovery = kdcc_oidc_client_discover_sync (self, cancellable, error);
  if (discovery == NULL)
    return NULL;
  answer = _kdcc_oidc_client_post_form (self, discovery->token_endpoint, _("token endpoint"),
                      soup_form_encode ("grant_type", "refresh_token",
                                        "refresh_token", refresh_token,
                                        "client_id", self->client_id,
                                        NULL),
                      cancellable, error);
  if (answer == NULL)
    return NULL;
  tokens = _kdcc_oidc_client_tokens_from_answer (self, answer, NULL, previous, cancellable, error);
  /* Without rotation the provider keeps the old refresh token valid. */
  if (tokens != NULL && tokens->refresh_token == NULL)
    tokens->refresh_token = g_strdup (refresh_token);
  return tokens;
}
