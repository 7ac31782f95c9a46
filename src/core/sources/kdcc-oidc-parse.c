/* kdcc-oidc-parse.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The provider's JSON answers, read with kdcc-json's typed readers.
 */
#define G_LOG_DOMAIN "kdcc-oidc"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <string.h>

#include "kdcc-json.h"
#include "kdcc-jwt.h"
#include "kdcc-oidc-parse.h"

/* kdcc-json's errors are KDCC_ERROR_PARSE; they become MALFORMED here so
 * every refusal of a provider's answer is in one domain. json-glib's
 * messages quote the input, and its scanner turns an octal escape such as
 * "\777" into a byte that is not UTF-8 (found by fuzz-oidc-parse): the
 * message is made valid before it can reach a label. */
static gboolean
rewrap (GError **error,
        GError  *parse_error)
{
  g_autofree char *valid = g_utf8_make_valid (parse_error->message, -1);

  kdcc_oidc_set_error (error, KDCC_OIDC_ERROR_MALFORMED,
               _("The identity provider's answer cannot be read: %s"), valid);
  g_error_free (parse_error);
  return FALSE;
}

static JsonObject *
load_object (const char  *source,
             const char  *text,
             gssize       len,
             JsonNode   **root,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  *root = kdcc_json_load_root (source, text, len, JSON_NODE_OBJECT, &local_error);
  if (*root == NULL)
    {
      rewrap (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return json_node_get_object (*root);
}


gboolean
kdcc_oidc_url_is_acceptable (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme, *host;

  if (url == NULL)
    return FALSE;
  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return FALSE;
  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  if (host == NULL || *host == '\0')
    return FALSE;
  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;
  if (g_ascii_strcasecmp (scheme, "http") != 0)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0 || g_str_equal (host, "::1"))
    return TRUE;
  {
    g_autoptr(GInetAddress) address = g_inet_address_new_from_string (host);

    return address != NULL && g_inet_address_get_is_loopback (address);
  }
}

static gboolean
get_url (KdccJson    *json,
         JsonObject  *object,
         const char  *member,
         gboolean     required,
         char       **value,
         GError     **error)
{
  const char *text = NULL;

  if (!kdcc_json_get_string (json, object, NULL, member, required, &text))
    return FALSE;
  if (text == NULL)
    return TRUE;
  if (!kdcc_oidc_url_is_acceptable (text))
    {
      kdcc_oidc_set_error (error, KDCC_OIDC_ERROR_MALFORMED,
                   _("The identity provider's \"%s\" is not an https URL (plain http is "
                     "accepted only on this computer): %s"), member, text);
      return FALSE;
    }
  *value = g_strdup (text);
  return TRUE;
}

KdccOidcDiscovery *
kdcc_oidc_parse_discovery (const char  *expected_issuer,
                           const char  *text,
                           gssize       len,
                           GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(KdccOidcDiscovery) discovery = NULL;
  g_autoptr(GError) parse_error = NULL;
  KdccJson json = { "openid-configuration", KDCC_JSON_STRICT, &parse_error };
  JsonObject *object;
  JsonArray *methods = NULL;
  const char *issuer = NULL;

  g_return_val_if_fail (expected_issuer != NULL, NULL);

  object = load_object ("openid-configuration", text, len, &root, error);
  if (object == NULL)
    return NULL;

  if (!kdcc_json_get_string (&json, object, NULL, "issuer", TRUE, &issuer))
    {
      rewrap (error, g_steal_pointer (&parse_error));
      return NULL;
    }
  if (!g_str_equal (issuer, expected_issuer))
    {
      kdcc_oidc_set_error (error, KDCC_OIDC_ERROR_ISSUER,
                   _("The identity provider at \"%s\" calls itself \"%s\"; the two must be the same"),
                   expected_issuer, issuer);
      return NULL;
    }

  discovery = g_new0 (KdccOidcDiscovery, 1);
  discovery->issuer = g_strdup (issuer);
  if (!get_url (&json, object, "authorization_endpoint", TRUE,
                &discovery->authorization_endpoint, error)
      || !get_url (&json, object, "token_endpoint", TRUE, &discovery->token_endpoint, error)
      || !get_url (&json, object, "jwks_uri", TRUE, &discovery->jwks_uri, error)
      || !get_url (&json, object, "revocation_endpoint", FALSE,
                   &discovery->revocation_endpoint, error)
      || !get_url (&json, object, "device_authorization_endpoint", FALSE,
                   &discovery->device_authorization_endpoint, error)
      || !get_url (&json, object, "end_session_endpoint", FALSE,
                   &discovery->end_session_endpoint, error)
      || !kdcc_json_get_array (&json, object, NULL, "code_challenge_methods_supported", FALSE,
                               &methods))
    {
      if (parse_error != NULL)
        rewrap (error, g_steal_pointer (&parse_error));
      return NULL;
    }

  discovery->supports_s256 = methods == NULL;
  if (methods != NULL)
    {
      guint i;

      for (i = 0; i < json_array_get_length (methods); i++)
        {
          JsonNode *node = json_array_get_element (methods, i);

          if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
              && g_str_equal (json_node_get_string (node), "S256"))
            discovery->supports_s256 = TRUE;
        }
    }

  return g_steal_pointer (&discovery);
}

void
kdcc_oidc_discovery_free (KdccOidcDiscovery *discovery)
{
  if (discovery == NULL)
    return;
  g_free (discovery->issuer);
  g_free (discovery->authorization_endpoint);
  g_free (discovery->token_endpoint);
  g_free (discovery->jwks_uri);
  g_free (discovery->revocation_endpoint);
  g_free (discovery->device_authorization_endpoint);
  g_free (discovery->end_session_endpoint);
  g_free (discovery);
}

static void
wipe_free (char *secret)
{
  if (secret == NULL)
    return;
  explicit_bzero (secret, strlen (secret));
  g_free (secret);
}

static gboolean
dup_string (KdccJson    *json,
            JsonObject  *object,
            const char  *member,
            gboolean     required,
            char       **value)
{
  const char *text = NULL;

  if (!kdcc_json_get_string (json, object, NULL, member, required, &text))
    return FALSE;
  if (text != NULL && required && *text == '\0')
    return kdcc_json_error (json, NULL, member, KDCC_JSON_MISSING);
  *value = g_strdup (text);
  return TRUE;
}

KdccOidcTokenResponse *
kdcc_oidc_parse_token_response (const char  *text,
                                gssize       len,
                                GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(KdccOidcTokenResponse) response = NULL;
  g_autoptr(GError) parse_error = NULL;
  KdccJson json = { "token", KDCC_JSON_STRICT, &parse_error };
  JsonObject *object;

  object = load_object ("token", text, len, &root, error);
  if (object == NULL)
    return NULL;

  response = g_new0 (KdccOidcTokenResponse, 1);
  if (!dup_string (&json, object, "access_token", TRUE, &response->access_token)
      || !dup_string (&json, object, "token_type", TRUE, &response->token_type)
      || !dup_string (&json, object, "id_token", FALSE, &response->id_token)
      || !dup_string (&json, object, "refresh_token", FALSE, &response->refresh_token)
      || !dup_string (&json, object, "scope", FALSE, &response->scope)
      || !kdcc_json_get_int (&json, object, NULL, "expires_in", FALSE, &response->expires_in))
    {
      rewrap (error, g_steal_pointer (&parse_error));
      return NULL;
    }
  if (g_ascii_strcasecmp (response->token_type, "Bearer") != 0)
    {
      kdcc_oidc_set_error (error, KDCC_OIDC_ERROR_MALFORMED,
                   _("The identity provider issued a \"%s\" token; KDCC uses only Bearer tokens"),
                   response->token_type);
      return NULL;
    }
  if (response->expires_in < 0)
    response->expires_in = 0;
  return g_steal_pointer (&response);
}

void
kdcc_oidc_token_response_free (KdccOidcTokenResponse *response)
{
  if (response == NULL)
    return;
  wipe_free (response->access_token);
  wipe_free (response->id_token);
  wipe_free (response->refresh_token);
  g_free (response->token_type);
  g_free (response->scope);
  g_free (response);
}

KdccOidcDeviceAuth *
kdcc_oidc_parse_device_auth (const char  *text,
                             gssize       len,
                             GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(KdccOidcDeviceAuth) auth = NULL;
  g_autoptr(GError) parse_error = NULL;
  KdccJson json = { "device_authorization", KDCC_JSON_STRICT, &parse_error };
  JsonObject *object;

  object = load_object ("device_authorization", text, len, &root, error);
  if (object == NULL)
    return NULL;

  auth = g_new0 (KdccOidcDeviceAuth, 1);
  auth->interval = 5;   /* RFC 8628 §3.2 */
  if (!dup_string (&json, object, "device_code", TRUE, &auth->device_code)
      || !dup_string (&json, object, "user_code", TRUE, &auth->user_code)
      || !get_url (&json, object, "verification_uri", TRUE, &auth->verification_uri, error)
      || !get_url (&json, object, "verification_uri_complete", FALSE,
                   &auth->verification_uri_complete, error)
      || !kdcc_json_get_int (&json, object, NULL, "expires_in", TRUE, &auth->expires_in)
      || !kdcc_json_get_int (&json, object, NULL, "interval", FALSE, &auth->interval))
    {
      if (parse_error != NULL)
        rewrap (error, g_steal_pointer (&parse_error));
      return NULL;
    }
  /* A provider asking to be polled more than once a second, or less than
   * once an hour, is not believed. */
  auth->interval = CLAMP (auth->interval, 1, 3600);
  if (auth->expires_in <= 0)
    {
      kdcc_oidc_set_error (error, KDCC_OIDC_ERROR_MALFORMED,
                   _("The identity provider's device code has already expired"));
      return NULL;
    }
  return g_steal_pointer (&auth);
}

void
kdcc_oidc_device_auth_free (KdccOidcDeviceAuth *auth)
{
  if (auth == NULL)
    return;
  wipe_free (auth->device_code);
  g_free (auth->user_code);
  g_free (auth->verification_uri);
  g_free (auth->verification_uri_complete);
  g_free (auth);
}

gboolean
kdcc_oidc_parse_oauth_error (const char  *text,
                             gssize       len,
                             char       **code,
                             char       **description)
{
  g_autoptr(JsonNode) root = NULL;
  const char *error_code, *error_description;
  JsonObject *object;

  *code = NULL;
  *description = NULL;
  if (text == NULL)
    return FALSE;
  root = kdcc_json_load_root ("oauth-error", text, len, JSON_NODE_OBJECT, NULL);
  if (root == NULL)
    return FALSE;
  object = json_node_get_object (root);
  error_code = kdcc_json_find_string (object, "error");
  if (error_code == NULL || *error_code == '\0')
    return FALSE;
  error_description = kdcc_json_find_string (object, "error_description");
  *code = g_strdup (error_code);
  *description = g_strdup (error_description);
  return TRUE;
}
