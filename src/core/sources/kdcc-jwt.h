/* kdcc-jwt.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* JSON Web Tokens as an OpenID provider signs its ID tokens (RFC 7515,
 * compact serialization), the provider's key set (RFC 7517) and the checks
 * an ID token must pass before KDCC believes who signed in (OpenID Connect
 * Core 3.1.3.7). Pure functions: no I/O, any thread; the signature is
 * checked with GnuTLS. Only RS256 and ES256 are accepted: "none" and the
 * HMAC algorithms are refused, so a token cannot choose to be trusted.
 *
 * Every refusal is a KDCC_OIDC_ERROR whose code is the reason, with a
 * message an admin understands. */

#define KDCC_OIDC_ERROR (kdcc_oidc_error_quark ())

/* Why a sign-in (or a token) was refused. Its own domain beside KdccError
 * because the UI acts on the reason: SIGN_IN_AGAIN asks the admin to sign
 * in once more, the others are a misconfigured or hostile provider. */
typedef enum
{
  KDCC_OIDC_ERROR_MALFORMED,      /* not a JWT, JWKS, or provider answer */
  KDCC_OIDC_ERROR_ALGORITHM,      /* alg not RS256/ES256, or key of another type */
  KDCC_OIDC_ERROR_UNKNOWN_KEY,    /* no key in the JWKS for the token's kid */
  KDCC_OIDC_ERROR_SIGNATURE,      /* the signature does not verify */
  KDCC_OIDC_ERROR_ISSUER,         /* iss is not the provider */
  KDCC_OIDC_ERROR_AUDIENCE,       /* aud (or azp) is not this client */
  KDCC_OIDC_ERROR_EXPIRED,        /* exp passed (or iat far in the future) */
  KDCC_OIDC_ERROR_NONCE,          /* nonce is not the one this sign-in sent */
  KDCC_OIDC_ERROR_STATE,          /* the redirect's state is not this sign-in's */
  KDCC_OIDC_ERROR_DENIED,         /* the provider or the user refused (error=access_denied, ...) */
  KDCC_OIDC_ERROR_SIGN_IN_AGAIN,  /* the refresh token expired or was revoked */
  KDCC_OIDC_ERROR_PROVIDER,       /* any other error answer of the provider */
} KdccOidcError;

GQuark kdcc_oidc_error_quark (void);

/* Sets a KDCC_OIDC_ERROR whose message is made valid UTF-8 (it quotes the
 * provider's input); always returns FALSE. */
gboolean kdcc_oidc_set_error (GError        **error,
                              KdccOidcError   code,
                              const char     *format,
                              ...) G_GNUC_PRINTF (3, 4);

/* Base64url without padding (RFC 7515 §2). decode refuses any character
 * outside the alphabet and impossible lengths; returns NULL then. */
char      *kdcc_base64url_encode (const guint8 *data,
                                  gsize         len);
GBytes    *kdcc_base64url_decode (const char   *text,
                                  gssize        len);

typedef struct _KdccJwt KdccJwt;

/* Splits and decodes a compact JWS. Checks the shape (three parts, JSON
 * objects, alg a string) but not the signature or any claim. */
KdccJwt    *kdcc_jwt_parse          (const char    *token,
                                     GError       **error);
void        kdcc_jwt_free           (KdccJwt       *jwt);
const char *kdcc_jwt_get_alg        (KdccJwt       *jwt);
/* NULL when the header has no kid. */
const char *kdcc_jwt_get_kid        (KdccJwt       *jwt);
JsonObject *kdcc_jwt_get_claims     (KdccJwt       *jwt);
/* A string claim, or NULL when absent or not a string. */
const char *kdcc_jwt_get_string     (KdccJwt       *jwt,
                                     const char    *claim);
/* An integer claim (exp, iat), or 0. */
gint64      kdcc_jwt_get_int        (KdccJwt       *jwt,
                                     const char    *claim);

typedef struct _KdccJwks KdccJwks;

/* Parses a JWK Set. Keys of a type KDCC cannot use (oct, OKP, other curves)
 * and keys whose "use" is not "sig" are skipped, not refused, as providers
 * publish encryption keys beside signing keys; a set without any usable
 * key is an error. RSA keys under 2048 bits are refused. */
KdccJwks   *kdcc_jwks_parse         (const char    *text,
                                     gssize         len,
                                     GError       **error);
void        kdcc_jwks_free          (KdccJwks      *jwks);
guint       kdcc_jwks_get_n_keys    (KdccJwks      *jwks);
/* Whether a key with this kid (or, for NULL, any key) of a type fit for
 * alg is in the set: a miss makes the caller fetch the set again once,
 * as providers rotate keys. */
gboolean    kdcc_jwks_has_key       (KdccJwks      *jwks,
                                     const char    *kid,
                                     const char    *alg);

/* Verifies the signature with the key named by the token's kid (or the
 * only key fit for its alg when it names none). */
gboolean    kdcc_jwt_verify         (KdccJwt       *jwt,
                                     KdccJwks      *jwks,
                                     GError       **error);

/* What an ID token must say (OpenID Connect Core 3.1.3.7). */
typedef struct
{
  const char *issuer;      /* iss, exactly */
  const char *client_id;   /* in aud; azp, when present, equal to it */
  const char *nonce;       /* NULL: no nonce expected (a refreshed ID token may omit it) */
  gint64      now;         /* Unix seconds; 0: the system clock */
  gint64      leeway;      /* seconds of clock skew allowed on exp and iat */
} KdccJwtExpect;

gboolean    kdcc_jwt_check_claims   (KdccJwt              *jwt,
                                     const KdccJwtExpect  *expect,
                                     GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdccJwt, kdcc_jwt_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdccJwks, kdcc_jwks_free)

G_END_DECLS
