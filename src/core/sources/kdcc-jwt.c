/* kdcc-jwt.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Design note: the token is untrusted input until kdcc_jwt_verify() and
 * kdcc_jwt_check_claims() have both passed. The algorithm is taken from the
 * token only to refuse it when it is not RS256 or ES256, and the key must be
 * of the matching type: an RSA key is never used for ES256 nor a public key
 * as an HMAC secret (the classic algorithm confusion).
 */
#define G_LOG_DOMAIN "kdcc-jwt"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gnutls/abstract.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <string.h>

#include "kdcc-json.h"
#include "kdcc-jwt.h"

/* Far above any real ID token or key set; the caps keep a hostile provider
 * from making KDCC decode megabytes. */
#define MAX_TOKEN_BYTES (64 * 1024)
#define MAX_JWKS_KEYS   64
#define MIN_RSA_BITS    2048

G_DEFINE_QUARK (kdcc-oidc-error-quark, kdcc_oidc_error)

struct _KdccJwt
{
  char       *alg;
  char       *kid;
  JsonNode   *claims;         /* an object */
  char       *signing_input;  /* "header.payload", as signed */
  GBytes     *signature;
};

typedef enum
{
  KEY_RSA,
  KEY_EC_P256,
} KeyType;

typedef struct
{
  KeyType           type;
  char             *kid;
  gnutls_pubkey_t   pubkey;
} Jwk;

struct _KdccJwks
{
  GPtrArray *keys;   /* of Jwk */
};

char *
kdcc_base64url_encode (const guint8 *data,
                       gsize         len)
{
  g_autofree char *b64 = g_base64_encode (data, len);
  char *p;

  for (p = b64; *p != '\0'; p++)
    {
      if (*p == '+')
        *p = '-';
      else if (*p == '/')
        *p = '_';
      else if (*p == '=')
        {
          *p = '\0';
          break;
        }
    }
  return g_steal_pointer (&b64);
}

GBytes *
kdcc_base64url_decode (const char *text,
                       gssize      len)
{
  g_autoptr(GString) b64 = NULL;
  guchar *data;
  gsize out_len = 0;
  gsize i;

  g_return_val_if_fail (text != NULL, NULL);

  if (len < 0)
    len = strlen (text);
  /* One leftover character cannot encode a byte. */
  if (len % 4 == 1)
    return NULL;

  b64 = g_string_sized_new (len + 4);
  for (i = 0; i < (gsize) len; i++)
    {
      char c = text[i];

      if (g_ascii_isalnum (c))
        g_string_append_c (b64, c);
      else if (c == '-')
        g_string_append_c (b64, '+');
      else if (c == '_')
        g_string_append_c (b64, '/');
      else
        return NULL;   /* g_base64_decode() would skip it silently */
    }
  while (b64->len % 4 != 0)
    g_string_append_c (b64, '=');

  if (b64->len == 0)
    return g_bytes_new (NULL, 0);

  data = g_base64_decode (b64->str, &out_len);
  return g_bytes_new_take (data, out_len);
}

gboolean
kdcc_oidc_set_error (GError        **error,
                     KdccOidcError   code,
                     const char     *format,
                     ...)
{
  g_autofree char *message = NULL;
  g_autofree char *valid = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  /* Messages quote what the provider sent (a kid, an issuer, an error
   * code), and json-glib can hand over strings that are not UTF-8 (an
   * octal escape such as "\777", found by fuzz-oidc-parse). */
  valid = g_utf8_make_valid (message, -1);
  g_set_error_literal (error, KDCC_OIDC_ERROR, code, valid);
  return FALSE;
}

#define set_error kdcc_oidc_set_error

static JsonNode *
decode_json_part (const char  *part,
                  gsize        len,
                  const char  *what,
                  GError     **error)
{
  g_autoptr(GBytes) bytes = kdcc_base64url_decode (part, len);
  g_autoptr(GError) local_error = NULL;
  JsonNode *node;
  gsize size;
  const char *data;

  if (bytes == NULL || g_bytes_get_size (bytes) == 0)
    {
      /* TRANSLATORS: %s is "header" or "claims" of a token. */
      set_error (error, KDCC_OIDC_ERROR_MALFORMED, _("The token's %s is not base64url"), what);
      return NULL;
    }
  data = g_bytes_get_data (bytes, &size);
  node = kdcc_json_load_root (what, data, size, JSON_NODE_OBJECT, &local_error);
  if (node == NULL)
    {
      /* json-glib may quote a non-UTF-8 byte (see kdcc-oidc-parse.c). */
      g_autofree char *valid = g_utf8_make_valid (local_error->message, -1);

      set_error (error, KDCC_OIDC_ERROR_MALFORMED, _("The token is malformed: %s"), valid);
    }
  return node;
}

KdccJwt *
kdcc_jwt_parse (const char  *token,
                GError     **error)
{
  g_autoptr(KdccJwt) jwt = NULL;
  g_autoptr(JsonNode) header = NULL;
  const char *dot1, *dot2;
  JsonObject *header_object;
  JsonNode *node;
  gsize len;

  g_return_val_if_fail (token != NULL, NULL);

  len = strnlen (token, MAX_TOKEN_BYTES + 1);
  if (len > MAX_TOKEN_BYTES)
    {
      set_error (error, KDCC_OIDC_ERROR_MALFORMED, _("The token is larger than %u bytes"),
                 (guint) MAX_TOKEN_BYTES);
      return NULL;
    }

  dot1 = strchr (token, '.');
  dot2 = dot1 != NULL ? strchr (dot1 + 1, '.') : NULL;
  if (dot1 == NULL || dot2 == NULL || strchr (dot2 + 1, '.') != NULL)
    {
      set_error (error, KDCC_OIDC_ERROR_MALFORMED,
                 _("The token is not a signed JWT (three parts separated by dots)"));
      return NULL;
    }

  jwt = g_new0 (KdccJwt, 1);
  header = decode_json_part (token, dot1 - token, "header", error);
  if (header == NULL)
    return NULL;
  jwt->claims = decode_json_part (dot1 + 1, dot2 - dot1 - 1, "claims", error);
  if (jwt->claims == NULL)
    return NULL;

  header_object = json_node_get_object (header);
  node = json_object_get_member (header_object, "alg");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      set_error (error, KDCC_OIDC_ERROR_MALFORMED, _("The token's header has no algorithm"));
      return NULL;
    }
  jwt->alg = g_strdup (json_node_get_string (node));
  node = json_object_get_member (header_object, "kid");
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node)
      && json_node_get_value_type (node) == G_TYPE_STRING)
    jwt->kid = g_strdup (json_node_get_string (node));

  jwt->signature = kdcc_base64url_decode (dot2 + 1, -1);
  if (jwt->signature == NULL)
    {
      set_error (error, KDCC_OIDC_ERROR_MALFORMED, _("The token's signature is not base64url"));
      return NULL;
    }
  jwt->signing_input = g_strndup (token, dot2 - token);

  return g_steal_pointer (&jwt);
}

void
kdcc_jwt_free (KdccJwt *jwt)
{
  if (jwt == NULL)
    return;
  g_free (jwt->alg);
  g_free (jwt->kid);
  g_clear_pointer (&jwt->claims, json_node_unref);
  g_free (jwt->signing_input);
  g_clear_pointer (&jwt->signature, g_bytes_unref);
  g_free (jwt);
}

const char *
kdcc_jwt_get_alg (KdccJwt *jwt)
{
  return jwt->alg;
}

const char *
kdcc_jwt_get_kid (KdccJwt *jwt)
{
  return jwt->kid;
}

JsonObject *
kdcc_jwt_get_claims (KdccJwt *jwt)
{
  return json_node_get_object (jwt->claims);
}

const char *
kdcc_jwt_get_string (KdccJwt    *jwt,
                     const char *claim)
{
  JsonNode *node = json_object_get_member (kdcc_jwt_get_claims (jwt), claim);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

gint64
kdcc_jwt_get_int (KdccJwt    *jwt,
                  const char *claim)
{
  JsonNode *node = json_object_get_member (kdcc_jwt_get_claims (jwt), claim);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return 0;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return json_node_get_int (node);
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    {
      double d = json_node_get_double (node);

      /* Seconds far beyond any real date are refused as 0 rather than
       * converted with undefined behaviour. */
      if (d > -1e15 && d < 1e15)
        return (gint64) d;
    }
  return 0;
}

/* Key sets */

static void
jwk_free (gpointer data)
{
  Jwk *jwk = data;

  g_free (jwk->kid);
  if (jwk->pubkey != NULL)
    gnutls_pubkey_deinit (jwk->pubkey);
  g_free (jwk);
}

static const char *
member_string (JsonObject *object,
               const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* A base64url member as a datum; the bytes stay owned by *holder. */
static gboolean
member_datum (JsonObject      *object,
              const char      *member,
              GBytes         **holder,
              gnutls_datum_t  *datum)
{
  const char *text = member_string (object, member);
  gsize size = 0;

  if (text == NULL)
    return FALSE;
  *holder = kdcc_base64url_decode (text, -1);
  if (*holder == NULL || g_bytes_get_size (*holder) == 0)
    return FALSE;
  datum->data = (unsigned char *) g_bytes_get_data (*holder, &size);
  datum->size = size;
  return TRUE;
}

/* Returns NULL for a key KDCC skips (other types, curves, uses); sets
 * error only for a key that claims to be usable but is broken. */
static Jwk *
jwk_parse (JsonObject  *object,
           guint        index,
           GError     **error)
{
  g_autoptr(GBytes) a = NULL;
  g_autoptr(GBytes) b = NULL;
  gnutls_datum_t da, db;
  gnutls_pubkey_t pubkey = NULL;
  const char *kty = member_string (object, "kty");
  const char *use = member_string (object, "use");
  const char *kid = member_string (object, "kid");
  KeyType type;
  int rc;

  if (kty == NULL)
    return NULL;
  if (use != NULL && g_strcmp0 (use, "sig") != 0)
    return NULL;

  if (g_str_equal (kty, "RSA"))
    {
      type = KEY_RSA;
      if (!member_datum (object, "n", &a, &da) || !member_datum (object, "e", &b, &db))
        {
          set_error (error, KDCC_OIDC_ERROR_MALFORMED,
                     _("Key %u of the provider's key set has no valid modulus or exponent"), index);
          return NULL;
        }
      gnutls_pubkey_init (&pubkey);
      rc = gnutls_pubkey_import_rsa_raw (pubkey, &da, &db);
    }
  else if (g_str_equal (kty, "EC"))
    {
      if (g_strcmp0 (member_string (object, "crv"), "P-256") != 0)
        return NULL;
      type = KEY_EC_P256;
      if (!member_datum (object, "x", &a, &da) || !member_datum (object, "y", &b, &db)
          || da.size != 32 || db.size != 32)
        {
          set_error (error, KDCC_OIDC_ERROR_MALFORMED,
                     _("Key %u of the provider's key set has no valid P-256 point"), index);
          return NULL;
        }
      gnutls_pubkey_init (&pubkey);
      rc = gnutls_pubkey_import_ecc_raw (pubkey, GNUTLS_ECC_CURVE_SECP256R1, &da, &db);
    }
  else
    return NULL;

  if (rc < 0)
    {
      gnutls_pubkey_deinit (pubkey);
      set_error (error, KDCC_OIDC_ERROR_MALFORMED,
                 _("Key %u of the provider's key set cannot be read: %s"), index,
                 gnutls_strerror (rc));
      return NULL;
    }

  if (type == KEY_RSA)
    {
      unsigned int bits = 0;

      gnutls_pubkey_get_pk_algorithm (pubkey, &bits);
      if (bits < MIN_RSA_BITS)
        {
          gnutls_pubkey_deinit (pubkey);
          set_error (error, KDCC_OIDC_ERROR_ALGORITHM,
                     _("Key %u of the provider's key set is an RSA key of %u bits; at least %u are needed"),
                     index, bits, (guint) MIN_RSA_BITS);
          return NULL;
        }
    }

  {
    Jwk *jwk = g_new0 (Jwk, 1);

    jwk->type = type;
    jwk->kid = g_strdup (kid);
    jwk->pubkey = pubkey;
    return jwk;
  }
}

KdccJwks *
kdcc_jwks_parse (const char  *text,
                 gssize       len,
                 GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  JsonNode *node;
  JsonArray *array;
  guint i, n;

  root = kdcc_json_load_root ("jwks", text, len, JSON_NODE_OBJECT, &local_error);
  if (root == NULL)
    {
      g_autofree char *valid = g_utf8_make_valid (local_error->message, -1);

      set_error (error, KDCC_OIDC_ERROR_MALFORMED, _("The provider's key set is malformed: %s"),
                 valid);
      return NULL;
    }
  node = json_object_get_member (json_node_get_object (root), "keys");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      set_error (error, KDCC_OIDC_ERROR_MALFORMED, _("The provider's key set has no \"keys\" list"));
      return NULL;
    }
  array = json_node_get_array (node);
  n = json_array_get_length (array);
  if (n > MAX_JWKS_KEYS)
    {
      set_error (error, KDCC_OIDC_ERROR_MALFORMED,
                 _("The provider's key set has %u keys; at most %u are accepted"), n,
                 (guint) MAX_JWKS_KEYS);
      return NULL;
    }

  keys = g_ptr_array_new_with_free_func (jwk_free);
  for (i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      Jwk *jwk;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      jwk = jwk_parse (json_node_get_object (element), i, error);
      if (jwk != NULL)
        g_ptr_array_add (keys, jwk);
      else if (error != NULL && *error != NULL)
        return NULL;
    }

  if (keys->len == 0)
    {
      set_error (error, KDCC_OIDC_ERROR_UNKNOWN_KEY,
                 _("The provider's key set has no RSA or P-256 signing key"));
      return NULL;
    }

  {
    KdccJwks *jwks = g_new0 (KdccJwks, 1);

    jwks->keys = g_steal_pointer (&keys);
    return jwks;
  }
}

void
kdcc_jwks_free (KdccJwks *jwks)
{
  if (jwks == NULL)
    return;
  g_clear_pointer (&jwks->keys, g_ptr_array_unref);
  g_free (jwks);
}

guint
kdcc_jwks_get_n_keys (KdccJwks *jwks)
{
  return jwks->keys->len;
}

static gboolean
alg_key_type (const char *alg,
              KeyType    *type)
{
  if (g_strcmp0 (alg, "RS256") == 0)
    *type = KEY_RSA;
  else if (g_strcmp0 (alg, "ES256") == 0)
    *type = KEY_EC_P256;
  else
    return FALSE;
  return TRUE;
}

/* The key named by kid, or the only key of the type when kid is NULL;
 * NULL when there is none or (without a kid) more than one. */
static Jwk *
find_key (KdccJwks   *jwks,
          const char *kid,
          KeyType     type)
{
  Jwk *found = NULL;
  guint i;

  for (i = 0; i < jwks->keys->len; i++)
    {
      Jwk *jwk = g_ptr_array_index (jwks->keys, i);

      if (jwk->type != type)
        continue;
      if (kid != NULL)
        {
          if (g_strcmp0 (jwk->kid, kid) == 0)
            return jwk;
          continue;
        }
      if (found != NULL)
        return NULL;
      found = jwk;
    }
  return found;
}

gboolean
kdcc_jwks_has_key (KdccJwks   *jwks,
                   const char *kid,
                   const char *alg)
{
  KeyType type;

  if (!alg_key_type (alg, &type))
    return FALSE;
  return find_key (jwks, kid, type) != NULL;
}

gboolean
kdcc_jwt_verify (KdccJwt   *jwt,
                 KdccJwks  *jwks,
                 GError   **error)
{
  gnutls_datum_t data, signature;
  gnutls_datum_t der = { NULL, 0 };
  gnutls_sign_algorithm_t sign_algo;
  KeyType type;
  Jwk *jwk;
  gsize sig_len = 0;
  const guint8 *sig = g_bytes_get_data (jwt->signature, &sig_len);
  int rc;

  g_return_val_if_fail (jwt != NULL, FALSE);
  g_return_val_if_fail (jwks != NULL, FALSE);

  if (!alg_key_type (jwt->alg, &type))
    return set_error (error, KDCC_OIDC_ERROR_ALGORITHM,
                      _("The token is signed with \"%s\"; KDCC accepts only RS256 and ES256"),
                      jwt->alg);

  jwk = find_key (jwks, jwt->kid, type);
  if (jwk == NULL)
    return set_error (error, KDCC_OIDC_ERROR_UNKNOWN_KEY,
                      _("The provider's key set has no %s key \"%s\" that signed the token"),
                      jwt->alg, jwt->kid != NULL ? jwt->kid : "");

  data.data = (unsigned char *) jwt->signing_input;
  data.size = strlen (jwt->signing_input);

  if (type == KEY_RSA)
    {
      sign_algo = GNUTLS_SIGN_RSA_SHA256;
      signature.data = (unsigned char *) sig;
      signature.size = sig_len;
    }
  else
    {
      gnutls_datum_t r, s;

      /* JWS carries ECDSA as r || s, 32 bytes each (RFC 7518 §3.4);
       * GnuTLS wants the DER SEQUENCE of X.509. */
      if (sig_len != 64)
        return set_error (error, KDCC_OIDC_ERROR_SIGNATURE,
                          _("The token's ES256 signature is %u bytes long instead of 64"),
                          (guint) sig_len);
      r.data = (unsigned char *) sig;
      r.size = 32;
      s.data = (unsigned char *) sig + 32;
      s.size = 32;
      rc = gnutls_encode_rs_value (&der, &r, &s);
      if (rc < 0)
        return set_error (error, KDCC_OIDC_ERROR_SIGNATURE,
                          _("The token's signature cannot be read: %s"), gnutls_strerror (rc));
      sign_algo = GNUTLS_SIGN_ECDSA_SHA256;
      signature = der;
    }

  rc = gnutls_pubkey_verify_data2 (jwk->pubkey, sign_algo, 0, &data, &signature);
  gnutls_free (der.data);
  if (rc < 0)
    return set_error (error, KDCC_OIDC_ERROR_SIGNATURE,
                      _("The token's signature does not verify with the provider's key \"%s\": "
                        "it was not signed by the provider, or was changed"),
                      jwk->kid != NULL ? jwk->kid : "");
  return TRUE;
}

static gboolean
audience_contains (KdccJwt    *jwt,
                   const char *client_id,
                   guint      *n_audiences)
{
  JsonNode *node = json_object_get_member (kdcc_jwt_get_claims (jwt), "aud");
  gboolean found = FALSE;

  *n_audiences = 0;
  if (node == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      *n_audiences = 1;
      return g_strcmp0 (json_node_get_string (node), client_id) == 0;
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      guint i;

      for (i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (element)
              && json_node_get_value_type (element) == G_TYPE_STRING)
            {
              (*n_audiences)++;
              if (g_strcmp0 (json_node_get_string (element), client_id) == 0)
                found = TRUE;
            }
        }
    }
  return found;
}

gboolean
kdcc_jwt_check_claims (KdccJwt              *jwt,
                       const KdccJwtExpect  *expect,
                       GError              **error)
{
  const char *iss = kdcc_jwt_get_string (jwt, "iss");
  const char *azp = kdcc_jwt_get_string (jwt, "azp");
  const char *nonce = kdcc_jwt_get_string (jwt, "nonce");
  gint64 now = expect->now != 0 ? expect->now : g_get_real_time () / G_USEC_PER_SEC;
  gint64 exp = kdcc_jwt_get_int (jwt, "exp");
  gint64 iat = kdcc_jwt_get_int (jwt, "iat");
  guint n_audiences;

  g_return_val_if_fail (expect->issuer != NULL && expect->client_id != NULL, FALSE);

  if (g_strcmp0 (iss, expect->issuer) != 0)
    return set_error (error, KDCC_OIDC_ERROR_ISSUER,
                      _("The token was issued by \"%s\", not by the provider \"%s\""),
                      iss != NULL ? iss : "", expect->issuer);

  if (!audience_contains (jwt, expect->client_id, &n_audiences))
    return set_error (error, KDCC_OIDC_ERROR_AUDIENCE,
                      _("The token is meant for another application (its audience does not "
                        "include the client \"%s\")"), expect->client_id);
  /* Core 3.1.3.7 points 4 and 5: with several audiences, azp must name us. */
  if ((azp != NULL || n_audiences > 1) && g_strcmp0 (azp, expect->client_id) != 0)
    return set_error (error, KDCC_OIDC_ERROR_AUDIENCE,
                      _("The token was issued to another application (\"%s\"), not to \"%s\""),
                      azp != NULL ? azp : "", expect->client_id);

  if (exp == 0)
    return set_error (error, KDCC_OIDC_ERROR_MALFORMED, _("The token has no expiry time"));
  if (now > exp + expect->leeway)
    return set_error (error, KDCC_OIDC_ERROR_EXPIRED,
                      _("The token expired %" G_GINT64_FORMAT " seconds ago"), now - exp);
  if (iat != 0 && iat > now + expect->leeway)
    return set_error (error, KDCC_OIDC_ERROR_EXPIRED,
                      _("The token was issued %" G_GINT64_FORMAT " seconds in the future: "
                        "check this computer's clock"), iat - now);

  if (expect->nonce != NULL && g_strcmp0 (nonce, expect->nonce) != 0)
    return set_error (error, KDCC_OIDC_ERROR_NONCE,
                      _("The token's nonce is not the one this sign-in sent: it may have been "
                        "replayed from another sign-in"));

  if (kdcc_jwt_get_string (jwt, "sub") == NULL)
    return set_error (error, KDCC_OIDC_ERROR_MALFORMED, _("The token names no subject (\"sub\")"));

  return TRUE;
}
