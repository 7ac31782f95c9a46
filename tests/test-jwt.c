/* test-jwt.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * JWT, JWKS and OpenID answer parsing and checks. The RS256 and ES256
 * vectors are made by the real openssl at the start of the run (a fresh
 * RSA-2048 and P-256 key, signatures by `openssl dgst -sha256 -sign`), so
 * KDCC's verification is checked against an independent signer.
 */
#define G_LOG_DOMAIN "test-jwt"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "kdcc-jwt.h"
#include "kdcc-oidc-parse.h"
#include "kdcc-test-util.h"

#define ISSUER "https://id.example.test/realms/ceph"
#define CLIENT "kdcc"
#define NOW    1900000000

static char *dir;
static char *rsa_jwk;    /* {"kty":"RSA",...} of the RSA key, kid "rsa-1" */
static char *ec_jwk;     /* {"kty":"EC",...} of the P-256 key, kid "ec-1" */

static char *
run (const char *const *argv,
     gsize             *len)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (dir, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", argv[0], err);
  /* Binary output may hold NUL bytes: the length is what counts. */
  if (len != NULL)
    {
      g_autofree char *path = g_build_filename (dir, "out.bin", NULL);

      *len = 0;
      g_free (out);
      g_assert_true (g_file_get_contents (path, &out, len, NULL));
    }
  return out;
}

static char *
b64u (const guint8 *data,
      gsize         len)
{
  return kdcc_base64url_encode (data, len);
}

static guint8 *
hex_to_bytes (const char *hex,
              gsize      *len)
{
  gsize n = strlen (hex) / 2, i;
  guint8 *bytes = g_new (guint8, n);

  for (i = 0; i < n; i++)
    bytes[i] = g_ascii_xdigit_value (hex[2 * i]) << 4 | g_ascii_xdigit_value (hex[2 * i + 1]);
  *len = n;
  return bytes;
}

static void
make_keys (void)
{
  const char *rsa_gen[] = { "openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt",
                            "rsa_keygen_bits:2048", "-out", "rsa.pem", NULL };
  const char *ec_gen[] = { "openssl", "genpkey", "-algorithm", "EC", "-pkeyopt",
                           "ec_paramgen_curve:P-256", "-out", "ec.pem", NULL };
  const char *rsa_mod[] = { "openssl", "rsa", "-in", "rsa.pem", "-noout", "-modulus", NULL };
  const char *ec_pub[] = { "openssl", "pkey", "-in", "ec.pem", "-pubout", "-outform", "DER",
                           "-out", "out.bin", NULL };
  g_autofree char *modulus = NULL;
  g_autofree guint8 *n = NULL;
  g_autofree char *n64 = NULL;
  g_autofree char *der = NULL;
  g_autofree char *x64 = NULL;
  g_autofree char *y64 = NULL;
  gsize n_len, der_len;
  const guint8 *point;

  g_free (run (rsa_gen, NULL));
  g_free (run (ec_gen, NULL));

  modulus = run (rsa_mod, NULL);
  g_assert_true (g_str_has_prefix (modulus, "Modulus="));
  g_strstrip (modulus);
  n = hex_to_bytes (modulus + strlen ("Modulus="), &n_len);
  n64 = b64u (n, n_len);
  rsa_jwk = g_strdup_printf ("{\"kty\":\"RSA\",\"kid\":\"rsa-1\",\"use\":\"sig\",\"n\":\"%s\","
                             "\"e\":\"AQAB\"}", n64);

  /* A P-256 SubjectPublicKeyInfo ends with the uncompressed point
   * 04 || X || Y. */
  der = run (ec_pub, &der_len);
  g_assert_cmpuint (der_len, ==, 91);
  point = (const guint8 *) der + der_len - 65;
  g_assert_cmpuint (point[0], ==, 4);
  x64 = b64u (point + 1, 32);
  y64 = b64u (point + 33, 32);
  ec_jwk = g_strdup_printf ("{\"kty\":\"EC\",\"kid\":\"ec-1\",\"crv\":\"P-256\",\"x\":\"%s\","
                            "\"y\":\"%s\"}", x64, y64);
}

/* Reads one DER INTEGER at *p into 32 big-endian bytes. */
static void
der_integer (const guint8 **p,
             guint8        *out)
{
  gsize len;

  g_assert_cmpuint ((*p)[0], ==, 0x02);
  len = (*p)[1];
  *p += 2;
  while (len > 32)
    {
      g_assert_cmpuint (**p, ==, 0);
      (*p)++;
      len--;
    }
  memset (out, 0, 32);
  memcpy (out + 32 - len, *p, len);
  *p += len;
}

/* A compact JWS of HEADER and CLAIMS (JSON texts) signed by openssl with
 * key file KEY ("rsa.pem" or "ec.pem"). */
static char *
sign (const char *key,
      const char *header,
      const char *claims)
{
  g_autofree char *h64 = b64u ((const guint8 *) header, strlen (header));
  g_autofree char *c64 = b64u ((const guint8 *) claims, strlen (claims));
  g_autofree char *input = g_strconcat (h64, ".", c64, NULL);
  g_autofree char *input_path = g_build_filename (dir, "input.txt", NULL);
  g_autofree char *sig = NULL;
  g_autofree char *s64 = NULL;
  const char *argv[] = { "openssl", "dgst", "-sha256", "-sign", key, "-out", "out.bin",
                         "input.txt", NULL };
  gsize sig_len;

  g_assert_true (g_file_set_contents (input_path, input, -1, NULL));
  sig = run (argv, &sig_len);
  if (g_str_equal (key, "ec.pem"))
    {
      const guint8 *p = (const guint8 *) sig;
      guint8 rs[64];

      /* DER SEQUENCE { r, s } to JWS's r || s. */
      g_assert_cmpuint (p[0], ==, 0x30);
      p += 2;
      der_integer (&p, rs);
      der_integer (&p, rs + 32);
      s64 = b64u (rs, 64);
    }
  else
    s64 = b64u ((const guint8 *) sig, sig_len);
  return g_strjoin (".", input, s64, NULL);
}

static char *
claims_json (const char *extra)
{
  return g_strdup_printf ("{\"iss\":\"" ISSUER "\",\"aud\":\"" CLIENT "\",\"sub\":\"alice-1\","
                          "\"exp\":%d,\"iat\":%d,\"nonce\":\"n-0S6\"%s%s}",
                          NOW + 300, NOW - 10, extra != NULL ? "," : "",
                          extra != NULL ? extra : "");
}

static KdccJwks *
jwks_of (const char *keys)
{
  g_autofree char *text = g_strdup_printf ("{\"keys\":[%s]}", keys);
  g_autoptr(GError) error = NULL;
  KdccJwks *jwks = kdcc_jwks_parse (text, -1, &error);

  g_assert_no_error (error);
  return jwks;
}

static void
check_refused (const char    *token,
               KdccJwks      *jwks,
               KdccOidcError  code)
{
  g_autoptr(KdccJwt) jwt = NULL;
  g_autoptr(GError) error = NULL;

  jwt = kdcc_jwt_parse (token, &error);
  g_assert_no_error (error);
  g_assert_false (kdcc_jwt_verify (jwt, jwks, &error));
  g_assert_error (error, KDCC_OIDC_ERROR, (int) code);
}

static void
test_signatures (void)
{
  g_autofree char *both = g_strconcat (rsa_jwk, ",", ec_jwk, NULL);
  g_autoptr(KdccJwks) jwks = jwks_of (both);
  g_autofree char *claims = claims_json (NULL);
  g_autofree char *rs = sign ("rsa.pem", "{\"alg\":\"RS256\",\"kid\":\"rsa-1\"}", claims);
  g_autofree char *es = sign ("ec.pem", "{\"alg\":\"ES256\",\"kid\":\"ec-1\"}", claims);
  g_autofree char *es_no_kid = sign ("ec.pem", "{\"alg\":\"ES256\"}", claims);
  g_autofree char *rs_as_es = sign ("rsa.pem", "{\"alg\":\"ES256\",\"kid\":\"rsa-1\"}", claims);
  g_autofree char *hs = sign ("rsa.pem", "{\"alg\":\"HS256\",\"kid\":\"rsa-1\"}", claims);
  g_autofree char *none = NULL;
  g_autofree char *tampered = NULL;
  g_autofree char *short_sig = NULL;
  const char *tokens[] = { rs, es, es_no_kid };
  guint i;

  g_assert_cmpuint (kdcc_jwks_get_n_keys (jwks), ==, 2);
  for (i = 0; i < G_N_ELEMENTS (tokens); i++)
    {
      g_autoptr(KdccJwt) jwt = NULL;
      g_autoptr(GError) error = NULL;

      jwt = kdcc_jwt_parse (tokens[i], &error);
      g_assert_no_error (error);
      g_assert_true (kdcc_jwt_verify (jwt, jwks, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (kdcc_jwt_get_string (jwt, "sub"), ==, "alice-1");
      g_assert_cmpint (kdcc_jwt_get_int (jwt, "exp"), ==, NOW + 300);
    }

  /* The token does not choose to be trusted. */
  check_refused (hs, jwks, KDCC_OIDC_ERROR_ALGORITHM);
  {
    g_autofree char *h = b64u ((const guint8 *) "{\"alg\":\"none\"}", 14);
    g_auto(GStrv) parts = g_strsplit (rs, ".", 3);

    none = g_strconcat (h, ".", parts[1], ".", NULL);
    check_refused (none, jwks, KDCC_OIDC_ERROR_ALGORITHM);
  }
  /* An RSA key is never used for ES256. */
  check_refused (rs_as_es, jwks, KDCC_OIDC_ERROR_UNKNOWN_KEY);

  /* Another payload under the same signature. */
  {
    g_autofree char *other = claims_json ("\"admin\":true");
    g_autofree char *o64 = b64u ((const guint8 *) other, strlen (other));
    g_auto(GStrv) parts = g_strsplit (rs, ".", 3);

    tampered = g_strjoin (".", parts[0], o64, parts[2], NULL);
    check_refused (tampered, jwks, KDCC_OIDC_ERROR_SIGNATURE);
  }
  /* A cut ES256 signature. */
  short_sig = g_strndup (es, strlen (es) - 4);
  check_refused (short_sig, jwks, KDCC_OIDC_ERROR_SIGNATURE);

  /* The token's kid naming a key of another type (the provider's set was
   * replaced): no RSA key to verify with. The same kid with another key of
   * the same type is the swap the live test does with real keys. */
  {
    g_autoptr(KdccJwks) ec_only = jwks_of (ec_jwk);
    g_autoptr(GRegex) regex = g_regex_new ("\"ec-1\"", 0, 0, NULL);
    g_autofree char *renamed = g_regex_replace_literal (regex, ec_jwk, -1, 0, "\"rsa-1\"", 0,
                                                        NULL);
    g_autoptr(KdccJwks) wrong = jwks_of (renamed);

    check_refused (rs, ec_only, KDCC_OIDC_ERROR_UNKNOWN_KEY);
    check_refused (rs, wrong, KDCC_OIDC_ERROR_UNKNOWN_KEY);
  }
}

static void
check_claims (const char    *extra_or_claims,
              gboolean       whole,
              const char    *nonce,
              gint64         now,
              KdccOidcError  expected,
              gboolean       ok)
{
  g_autofree char *claims = whole ? g_strdup (extra_or_claims) : claims_json (extra_or_claims);
  g_autofree char *token = sign ("rsa.pem", "{\"alg\":\"RS256\",\"kid\":\"rsa-1\"}", claims);
  g_autoptr(KdccJwt) jwt = kdcc_jwt_parse (token, NULL);
  g_autoptr(GError) error = NULL;
  KdccJwtExpect expect = { ISSUER, CLIENT, nonce, now, 60 };

  g_assert_nonnull (jwt);
  if (ok)
    {
      g_assert_true (kdcc_jwt_check_claims (jwt, &expect, &error));
      g_assert_no_error (error);
    }
  else
    {
      g_assert_false (kdcc_jwt_check_claims (jwt, &expect, &error));
      g_assert_error (error, KDCC_OIDC_ERROR, (int) expected);
    }
}

static void
test_claims (void)
{
  g_autofree char *wrong_iss = NULL;

  check_claims (NULL, FALSE, "n-0S6", NOW, 0, TRUE);
  check_claims (NULL, FALSE, NULL, NOW, 0, TRUE);
  /* Within the leeway of 60 s after exp, and not past it. */
  check_claims (NULL, FALSE, "n-0S6", NOW + 359, 0, TRUE);
  check_claims (NULL, FALSE, "n-0S6", NOW + 361, KDCC_OIDC_ERROR_EXPIRED, FALSE);
  /* Issued in the future: a clock far off. */
  check_claims (NULL, FALSE, "n-0S6", NOW - 1000, KDCC_OIDC_ERROR_EXPIRED, FALSE);
  check_claims (NULL, FALSE, "another", NOW, KDCC_OIDC_ERROR_NONCE, FALSE);

  wrong_iss = g_strdup_printf ("{\"iss\":\"" ISSUER "/\",\"aud\":\"" CLIENT "\",\"sub\":\"a\","
                               "\"exp\":%d}", NOW + 300);
  check_claims (wrong_iss, TRUE, NULL, NOW, KDCC_OIDC_ERROR_ISSUER, FALSE);
  {
    g_autofree char *c = g_strdup_printf ("{\"iss\":\"" ISSUER "\",\"aud\":\"other\","
                                          "\"sub\":\"a\",\"exp\":%d}", NOW + 300);
    check_claims (c, TRUE, NULL, NOW, KDCC_OIDC_ERROR_AUDIENCE, FALSE);
  }
  {
    /* Several audiences need azp naming KDCC. */
    g_autofree char *c1 = g_strdup_printf ("{\"iss\":\"" ISSUER "\",\"aud\":[\"other\",\""
                                           CLIENT "\"],\"sub\":\"a\",\"exp\":%d}", NOW + 300);
    g_autofree char *c2 = g_strdup_printf ("{\"iss\":\"" ISSUER "\",\"aud\":[\"other\",\""
                                           CLIENT "\"],\"azp\":\"" CLIENT "\",\"sub\":\"a\","
                                           "\"exp\":%d}", NOW + 300);
    g_autofree char *c3 = g_strdup_printf ("{\"iss\":\"" ISSUER "\",\"aud\":\"" CLIENT "\","
                                           "\"azp\":\"other\",\"sub\":\"a\",\"exp\":%d}",
                                           NOW + 300);

    check_claims (c1, TRUE, NULL, NOW, KDCC_OIDC_ERROR_AUDIENCE, FALSE);
    check_claims (c2, TRUE, NULL, NOW, 0, TRUE);
    check_claims (c3, TRUE, NULL, NOW, KDCC_OIDC_ERROR_AUDIENCE, FALSE);
  }
  {
    g_autofree char *no_exp = g_strdup ("{\"iss\":\"" ISSUER "\",\"aud\":\"" CLIENT "\","
                                        "\"sub\":\"a\"}");
    check_claims (no_exp, TRUE, NULL, NOW, KDCC_OIDC_ERROR_MALFORMED, FALSE);
  }
}

static void
test_jwks_parse (void)
{
  const char *refused[][2] = {
    { "not json", "malformed" },
    { "{\"keys\":{}}", "malformed" },
    { "{\"keys\":[]}", "no key" },
    { "{\"keys\":[{\"kty\":\"oct\",\"k\":\"c2VjcmV0\"}]}", "no key" },
    { "{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-384\",\"x\":\"AA\",\"y\":\"AA\"}]}", "no key" },
    { "{\"keys\":[{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB\"}]}", "small" },
    { "{\"keys\":[{\"kty\":\"RSA\",\"n\":\"!!\",\"e\":\"AQAB\"}]}", "malformed" },
    { "{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"AAAA\",\"y\":\"AAAA\"}]}", "malformed" },
  };
  KdccOidcError codes[] = {
    KDCC_OIDC_ERROR_MALFORMED, KDCC_OIDC_ERROR_MALFORMED, KDCC_OIDC_ERROR_UNKNOWN_KEY,
    KDCC_OIDC_ERROR_UNKNOWN_KEY, KDCC_OIDC_ERROR_UNKNOWN_KEY, KDCC_OIDC_ERROR_ALGORITHM,
    KDCC_OIDC_ERROR_MALFORMED, KDCC_OIDC_ERROR_MALFORMED,
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KdccJwks) jwks = kdcc_jwks_parse (refused[i][0], -1, &error);

      g_test_message ("%s (%s)", refused[i][0], refused[i][1]);
      g_assert_null (jwks);
      g_assert_error (error, KDCC_OIDC_ERROR, (int) codes[i]);
    }

  /* Encryption keys and unknown types beside a signing key are skipped. */
  {
    g_autofree char *keys = g_strconcat ("{\"kty\":\"RSA\",\"use\":\"enc\",\"n\":\"AQAB\","
                                         "\"e\":\"AQAB\"},{\"kty\":\"OKP\",\"crv\":\"Ed25519\","
                                         "\"x\":\"AA\"},", ec_jwk, NULL);
    g_autoptr(KdccJwks) jwks = jwks_of (keys);

    g_assert_cmpuint (kdcc_jwks_get_n_keys (jwks), ==, 1);
    g_assert_true (kdcc_jwks_has_key (jwks, "ec-1", "ES256"));
    g_assert_true (kdcc_jwks_has_key (jwks, NULL, "ES256"));
    g_assert_false (kdcc_jwks_has_key (jwks, "ec-1", "RS256"));
    g_assert_false (kdcc_jwks_has_key (jwks, "ec-2", "ES256"));
  }
}

/* RFC 7515 appendix A.3: a known ES256 vector from another implementation. */
static void
test_rfc7515_es256 (void)
{
  const char *jwks_text = "{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\","
                          "\"x\":\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\","
                          "\"y\":\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0\"}]}";
  const char *token =
    "eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFt"
    "cGxlLmNvbS9pc19yb290Ijp0cnVlfQ.DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxL"
    "a8ISlSApmWQxfKTUJqPP3-Kg6NU1Q";
  g_autoptr(GError) error = NULL;
  g_autoptr(KdccJwks) jwks = kdcc_jwks_parse (jwks_text, -1, &error);
  g_autoptr(KdccJwt) jwt = kdcc_jwt_parse (token, &error);
  g_autofree char *flipped = g_strdup (token);

  g_assert_no_error (error);
  g_assert_true (kdcc_jwt_verify (jwt, jwks, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (kdcc_jwt_get_string (jwt, "iss"), ==, "joe");
  g_assert_cmpint (kdcc_jwt_get_int (jwt, "exp"), ==, 1300819380);

  /* One bit of the signature's r changed. */
  flipped[strlen (flipped) - 60] = flipped[strlen (flipped) - 60] == 'A' ? 'B' : 'A';
  check_refused (flipped, jwks, KDCC_OIDC_ERROR_SIGNATURE);
}

static void
test_jwt_parse (void)
{
  const char *refused[] = {
    "", "abc", "a.b", "a.b.c.d", "e30.e30.!!", "eyJ.e30.AA", "W10.e30.AA", "e30.e30.AA",
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KdccJwt) jwt = kdcc_jwt_parse (refused[i], &error);

      g_test_message ("%s", refused[i]);
      g_assert_null (jwt);
      g_assert_error (error, KDCC_OIDC_ERROR, KDCC_OIDC_ERROR_MALFORMED);
    }
}

static void
test_base64url (void)
{
  const guint8 data[] = { 0xfb, 0xff, 0x3e, 0x00, 0x41 };
  g_autofree char *text = kdcc_base64url_encode (data, sizeof data);
  g_autoptr(GBytes) back = kdcc_base64url_decode (text, -1);
  g_autoptr(GBytes) padded = kdcc_base64url_decode ("AQAB==", -1);
  g_autoptr(GBytes) plus = kdcc_base64url_decode ("+/8A", -1);
  g_autoptr(GBytes) one = kdcc_base64url_decode ("AQABA", -1);

  g_assert_cmpstr (text, ==, "-_8-AEE");
  g_assert_nonnull (back);
  g_assert_cmpmem (g_bytes_get_data (back, NULL), g_bytes_get_size (back), data, sizeof data);
  g_assert_null (padded);
  g_assert_null (plus);
  g_assert_null (one);
}

static void
test_discovery_parse (void)
{
  const char *good = "{\"issuer\":\"" ISSUER "\","
                     "\"authorization_endpoint\":\"" ISSUER "/auth\","
                     "\"token_endpoint\":\"" ISSUER "/token\","
                     "\"jwks_uri\":\"" ISSUER "/certs\","
                     "\"device_authorization_endpoint\":\"" ISSUER "/device\","
                     "\"code_challenge_methods_supported\":[\"plain\",\"S256\"]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(KdccOidcDiscovery) discovery = kdcc_oidc_parse_discovery (ISSUER, good, -1, &error);
  g_autoptr(KdccOidcDiscovery) other = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (discovery->token_endpoint, ==, ISSUER "/token");
  g_assert_cmpstr (discovery->device_authorization_endpoint, ==, ISSUER "/device");
  g_assert_null (discovery->revocation_endpoint);
  g_assert_true (discovery->supports_s256);

  other = kdcc_oidc_parse_discovery (ISSUER "/", good, -1, &error);
  g_assert_null (other);
  g_assert_error (error, KDCC_OIDC_ERROR, KDCC_OIDC_ERROR_ISSUER);
  g_clear_error (&error);

  /* A token endpoint in the clear on the network. */
  other = kdcc_oidc_parse_discovery (ISSUER,
                                     "{\"issuer\":\"" ISSUER "\","
                                     "\"authorization_endpoint\":\"" ISSUER "/auth\","
                                     "\"token_endpoint\":\"http://id.example.test/token\","
                                     "\"jwks_uri\":\"" ISSUER "/certs\"}", -1, &error);
  g_assert_null (other);
  g_assert_error (error, KDCC_OIDC_ERROR, KDCC_OIDC_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "token_endpoint"));
  g_clear_error (&error);

  other = kdcc_oidc_parse_discovery (ISSUER, "{\"issuer\":\"" ISSUER "\"}", -1, &error);
  g_assert_null (other);
  g_assert_error (error, KDCC_OIDC_ERROR, KDCC_OIDC_ERROR_MALFORMED);
  g_clear_error (&error);

  other = kdcc_oidc_parse_discovery (ISSUER,
                                     "{\"issuer\":\"" ISSUER "\","
                                     "\"authorization_endpoint\":\"" ISSUER "/auth\","
                                     "\"token_endpoint\":\"" ISSUER "/token\","
                                     "\"jwks_uri\":\"" ISSUER "/certs\","
                                     "\"code_challenge_methods_supported\":[\"plain\"]}",
                                     -1, &error);
  g_assert_no_error (error);
  g_assert_false (other->supports_s256);

  g_assert_true (kdcc_oidc_url_is_acceptable ("http://127.0.0.1:8080/x"));
  g_assert_true (kdcc_oidc_url_is_acceptable ("http://[::1]:8080/x"));
  g_assert_true (kdcc_oidc_url_is_acceptable ("http://localhost/x"));
  g_assert_false (kdcc_oidc_url_is_acceptable ("http://10.0.0.1/x"));
  g_assert_false (kdcc_oidc_url_is_acceptable ("ftp://id.example.test/"));
  g_assert_false (kdcc_oidc_url_is_acceptable ("https:///nohost"));
}

static void
test_token_parse (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdccOidcTokenResponse) response = NULL;
  g_autoptr(KdccOidcDeviceAuth) auth = NULL;
  g_autofree char *code = NULL;
  g_autofree char *description = NULL;

  response = kdcc_oidc_parse_token_response ("{\"access_token\":\"at\",\"token_type\":\"bearer\","
                                             "\"expires_in\":300,\"id_token\":\"x.y.z\"}", -1,
                                             &error);
  g_assert_no_error (error);
  g_assert_cmpstr (response->access_token, ==, "at");
  g_assert_cmpint (response->expires_in, ==, 300);
  g_assert_null (response->refresh_token);
  g_clear_pointer (&response, kdcc_oidc_token_response_free);

  response = kdcc_oidc_parse_token_response ("{\"access_token\":\"at\",\"token_type\":\"mac\"}",
                                             -1, &error);
  g_assert_null (response);
  g_assert_error (error, KDCC_OIDC_ERROR, KDCC_OIDC_ERROR_MALFORMED);
  g_clear_error (&error);

  response = kdcc_oidc_parse_token_response ("{\"token_type\":\"Bearer\"}", -1, &error);
  g_assert_null (response);
  g_assert_error (error, KDCC_OIDC_ERROR, KDCC_OIDC_ERROR_MALFORMED);
  g_clear_error (&error);

  auth = kdcc_oidc_parse_device_auth ("{\"device_code\":\"dc\",\"user_code\":\"ABCD-EFGH\","
                                      "\"verification_uri\":\"https://id.example.test/device\","
                                      "\"expires_in\":600,\"interval\":0}", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (auth->user_code, ==, "ABCD-EFGH");
  g_assert_cmpint (auth->interval, ==, 1);

  g_assert_true (kdcc_oidc_parse_oauth_error ("{\"error\":\"invalid_grant\","
                                              "\"error_description\":\"grant request is invalid\"}",
                                              -1, &code, &description));
  g_assert_cmpstr (code, ==, "invalid_grant");
  g_assert_cmpstr (description, ==, "grant request is invalid");
  g_clear_pointer (&code, g_free);
  g_clear_pointer (&description, g_free);
  g_assert_false (kdcc_oidc_parse_oauth_error ("<html>", -1, &code, &description));
  g_assert_null (code);

  /* json-glib turns an octal escape into a byte that is not UTF-8 and
   * quotes it in its message (found by fuzz-oidc-parse): the error shown
   * to the admin stays valid UTF-8. */
  response = kdcc_oidc_parse_token_response ("{\"\\77777777777777d\"}", -1, &error);
  g_assert_null (response);
  g_assert_error (error, KDCC_OIDC_ERROR, KDCC_OIDC_ERROR_MALFORMED);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_clear_error (&error);
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  kdcc_test_ignore_glib_quark_arrays ();
  g_test_init (&argc, &argv, NULL);

  dir = g_dir_make_tmp ("kdcc-jwt-XXXXXX", &error);
  g_assert_no_error (error);
  make_keys ();

  g_test_add_func ("/jwt/base64url", test_base64url);
  g_test_add_func ("/jwt/parse", test_jwt_parse);
  g_test_add_func ("/jwt/signatures", test_signatures);
  g_test_add_func ("/jwt/rfc7515-es256", test_rfc7515_es256);
  g_test_add_func ("/jwt/claims", test_claims);
  g_test_add_func ("/jwt/jwks-parse", test_jwks_parse);
  g_test_add_func ("/oidc-parse/discovery", test_discovery_parse);
  g_test_add_func ("/oidc-parse/token", test_token_parse);

  status = g_test_run ();

  kdcc_test_remove_tree (dir);
  g_free (dir);
  g_free (rsa_jwk);
  g_free (ec_jwk);
  return kdcc_test_exit (status);
}
