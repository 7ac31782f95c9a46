/* fuzz-kubeconfig.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer entry point over what KDCC reads from kubeconfig files and
 * credential plugins; see README.md. The first byte selects: 0 a kubeconfig
 * (parsed, every context resolved), 1 an ExecCredential, 2 a YAML stream,
 * 3 a JWT's expiry. Credentials are never obtained here: that would run
 * the plugins the input names.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "kdcc-error.h"
#include "kdcc-kube-auth.h"
#include "kdcc-kubeconfig.h"
#include "kdcc-yaml.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
fuzz_kubeconfig (const char *text,
                 size_t      size)
{
  GError *error = NULL;
  KdccKubeconfig *kc = kdcc_kubeconfig_new_from_data (text, size, "/nonexistent/fuzz/config",
                                                      &error);
  char **names;

  if (kc == NULL)
    {
      g_assert (error != NULL && error->domain == KDCC_ERROR);
      g_assert (g_utf8_validate (error->message, -1, NULL));
      g_clear_error (&error);
      return;
    }
  g_assert (error == NULL);

  names = kdcc_kubeconfig_dup_context_names (kc);
  for (guint i = 0; names[i] != NULL; i++)
    {
      KdccKubeContext *ctx = kdcc_kubeconfig_resolve (kc, names[i], &error);

      if (ctx == NULL)
        {
          g_assert (error != NULL);
          g_clear_error (&error);
          continue;
        }
      g_assert (ctx->server != NULL && ctx->namespace != NULL);
      g_assert (g_str_has_prefix (ctx->server, "http"));
      {
        KdccKubeContext *copy = kdcc_kube_context_copy (ctx);

        g_assert_cmpstr (copy->server, ==, ctx->server);
        kdcc_kube_context_free (copy);
      }
      kdcc_kube_context_free (ctx);
    }
  g_strfreev (names);
  kdcc_kubeconfig_unref (kc);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *text = (const char *) data + 1;
  GError *error = NULL;

  if (size < 1)
    return 0;
  size--;

  switch (data[0] % 4)
    {
    case 0:
      fuzz_kubeconfig (text, size);
      break;

    case 1:
      {
        KdccKubeCredentials *creds = g_new0 (KdccKubeCredentials, 1);

        if (!kdcc_kube_parse_exec_credential (text, size, "client.authentication.k8s.io/v1",
                                              creds, &error))
          g_assert (error != NULL);
        g_clear_error (&error);
        kdcc_kube_credentials_free (creds);
      }
      break;

    case 2:
      {
        GPtrArray *docs = kdcc_yaml_load_all ("fuzz", text, size, &error);

        if (docs == NULL)
          g_assert (error != NULL);
        else
          g_ptr_array_unref (docs);
        g_clear_error (&error);
      }
      break;

    default:
      {
        char *jwt = g_strndup (text, size);

        (void) kdcc_kube_jwt_expiry (jwt);
        g_free (jwt);
      }
      break;
    }
  return 0;
}
