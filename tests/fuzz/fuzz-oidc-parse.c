/* fuzz-oidc-parse.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer entry point over what KDCC reads from an OpenID provider; see
 * README.md. The first byte selects: 0 a JWT (parsed, verified against a
 * fixed key set, its claims checked), 1 a JWKS (parsed, a fixed token
 * verified against it), 2 a discovery document, 3 a token answer, 4 a
 * device authorization answer, 5 an OAuth error answer, 6 base64url.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "kdcc-jwt.h"
#include "kdcc-oidc-parse.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* A P-256 key (RFC 7515 appendix A.3) and a token of that appendix. */
static const char jwks_text[] =
  "{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"a3\","
  "\"x\":\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\","
  "\"y\":\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0\"}]}";
static const char token_text[] =
  "eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFt"
  "cGxlLmNvbS9pc19yb290Ijp0cnVlfQ.DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxL"
  "a8ISlSApmWQxfKTUJqPP3-Kg6NU1Q";

static void
check_error (GError *error)
{
  g_assert (error != NULL && error->domain == KDCC_OIDC_ERROR);
  g_assert (g_utf8_validate (error->message, -1, NULL));
  g_error_free (error);
}

static void
fuzz_jwt (const char *text)
{
  GError *error = NULL;
  KdccJwks *jwks = kdcc_jwks_parse (jwks_text, -1, NULL);
  KdccJwt *jwt = kdcc_jwt_parse (text, &error);
  KdccJwtExpect expect = { "joe", "kdcc", "n", 1300000000, 60 };

  g_assert (jwks != NULL);
  if (jwt == NULL)
    check_error (error);
  else
    {
      if (!kdcc_jwt_verify (jwt, jwks, &error))
        check_error (g_steal_pointer (&error));
      if (!kdcc_jwt_check_claims (jwt, &expect, &error))
        check_error (g_steal_pointer (&error));
      (void) kdcc_jwt_get_string (jwt, "sub");
      (void) kdcc_jwt_get_int (jwt, "exp");
      kdcc_jwt_free (jwt);
    }
  kdcc_jwks_free (jwks);
}

static void
fuzz_jwks (const char *text,
           size_t      size)
{
  GError *error = NULL;
  KdccJwks *jwks = kdcc_jwks_parse (text, size, &error);
  KdccJwt *jwt;

  if (jwks == NULL)
    {
      check_error (error);
      return;
    }
  g_assert (kdcc_jwks_get_n_keys (jwks) > 0);
  jwt = kdcc_jwt_parse (token_text, NULL);
  g_assert (jwt != NULL);
  (void) kdcc_jwks_has_key (jwks, kdcc_jwt_get_kid (jwt), kdcc_jwt_get_alg (jwt));
  if (!kdcc_jwt_verify (jwt, jwks, &error))
    check_error (error);
  kdcc_jwt_free (jwt);
  kdcc_jwks_free (jwks);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  GError *error = NULL;
  char *text;
  size_t len;

  if (size < 1)
    return 0;
  len = size - 1;
  text = g_strndup ((const char *) data + 1, len);

  switch (data[0] % 7)
    {
    case 0:
      fuzz_jwt (text);
      break;
    case 1:
      fuzz_jwks ((const char *) data + 1, len);
      break;
    case 2:
      {
        KdccOidcDiscovery *d = kdcc_oidc_parse_discovery ("http://127.0.0.1:38327",
                                                          (const char *) data + 1, len, &error);
        if (d == NULL)
          check_error (error);
        else
          {
            g_assert (kdcc_oidc_url_is_acceptable (d->token_endpoint));
            g_assert (kdcc_oidc_url_is_acceptable (d->jwks_uri));
            kdcc_oidc_discovery_free (d);
          }
      }
      break;
    case 3:
      {
        KdccOidcTokenResponse *r = kdcc_oidc_parse_token_response ((const char *) data + 1, len,
                                                                   &error);
        if (r == NULL)
          check_error (error);
        else
          {
            g_assert (r->access_token != NULL && r->expires_in >= 0);
            kdcc_oidc_token_response_free (r);
          }
      }
      break;
    case 4:
      {
        KdccOidcDeviceAuth *a = kdcc_oidc_parse_device_auth ((const char *) data + 1, len, &error);
        if (a == NULL)
          check_error (error);
        else
          {
            g_assert (a->interval >= 1 && a->interval <= 3600 && a->expires_in > 0);
            kdcc_oidc_device_auth_free (a);
          }
      }
      break;
    case 5:
      {
        char *code = NULL, *description = NULL;

        if (kdcc_oidc_parse_oauth_error ((const char *) data + 1, len, &code, &description))
          g_assert (code != NULL && *code != '\0');
        g_free (code);
        g_free (description);
      }
      break;
    default:
      {
        GBytes *bytes = kdcc_base64url_decode ((const char *) data + 1, len);

        if (bytes != NULL)
          {
            gsize n;
            const guint8 *raw = g_bytes_get_data (bytes, &n);
            char *again = kdcc_base64url_encode (raw, n);

            g_assert (strlen (again) <= len);
            g_free (again);
            g_bytes_unref (bytes);
          }
      }
      break;
    }

  g_free (text);
  return 0;
}
