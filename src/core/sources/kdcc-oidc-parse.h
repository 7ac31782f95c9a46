/* kdcc-oidc-parse.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Parsers of an OpenID provider's JSON answers: its discovery document,
 * token answers (RFC 6749 §5), device authorization answers (RFC 8628
 * §3.2) and OAuth error answers. Pure; any thread. Errors are
 * KDCC_OIDC_ERROR (kdcc-jwt.h). */

typedef struct
{
  char *issuer;
  char *authorization_endpoint;
  char *token_endpoint;
  char *jwks_uri;
  char *revocation_endpoint;            /* nullable */
  char *device_authorization_endpoint;  /* nullable */
  char *end_session_endpoint;           /* nullable */
  gboolean supports_s256;               /* code_challenge_methods_supported has S256 (or is absent) */
} KdccOidcDiscovery;

/* EXPECTED_ISSUER is the issuer the discovery document was fetched for:
 * its "issuer" must be that exactly (OpenID Discovery §4.3), trailing
 * slash and all. Every endpoint must be an absolute http(s) URL; plain
 * http only for a loopback host, so a token never crosses a network in
 * the clear. */
KdccOidcDiscovery *kdcc_oidc_parse_discovery      (const char   *expected_issuer,
                                                   const char   *text,
                                                   gssize        len,
                                                   GError      **error);
void               kdcc_oidc_discovery_free       (KdccOidcDiscovery *discovery);

/* Whether URL is https, or http to 127.0.0.0/8, ::1 or localhost. */
gboolean           kdcc_oidc_url_is_acceptable    (const char   *url);

typedef struct
{
  char   *access_token;
  char   *id_token;       /* nullable (a refresh may return none) */
  char   *refresh_token;  /* nullable */
  char   *token_type;
  char   *scope;          /* nullable */
  gint64  expires_in;     /* seconds; 0 when not given */
} KdccOidcTokenResponse;

/* A 200 answer of the token endpoint. */
KdccOidcTokenResponse *kdcc_oidc_parse_token_response (const char *text,
                                                       gssize      len,
                                                       GError    **error);
/* Overwrites the tokens before freeing them. */
void                   kdcc_oidc_token_response_free  (KdccOidcTokenResponse *response);

typedef struct
{
  char   *device_code;
  char   *user_code;
  char   *verification_uri;
  char   *verification_uri_complete;  /* nullable */
  gint64  expires_in;
  gint64  interval;                   /* seconds; 5 when not given */
} KdccOidcDeviceAuth;

KdccOidcDeviceAuth *kdcc_oidc_parse_device_auth   (const char *text,
                                                   gssize      len,
                                                   GError    **error);
void                kdcc_oidc_device_auth_free    (KdccOidcDeviceAuth *auth);

/* Reads an OAuth error answer ({"error": "...", "error_description": "..."})
 * into *CODE (e.g. "invalid_grant") and *DESCRIPTION (nullable). FALSE when
 * the text is not one. */
gboolean            kdcc_oidc_parse_oauth_error   (const char  *text,
                                                   gssize       len,
                                                   char       **code,
                                                   char       **description);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdccOidcDiscovery, kdcc_oidc_discovery_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdccOidcTokenResponse, kdcc_oidc_token_response_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdccOidcDeviceAuth, kdcc_oidc_device_auth_free)

G_END_DECLS
