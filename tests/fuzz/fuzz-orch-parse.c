/* fuzz-orch-parse.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer entry point over the parsers of the orchestrator's answers
 * (kdcc-upgrade-orch.h); see README.md. The first input byte picks the
 * parser: 0 `orch status`, 1 `orch upgrade status`.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "kdcc-error.h"
#include "kdcc-upgrade-orch.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* A result or an error of KDCC's own domain, never both. */
static void
check_error (gboolean  ok,
             GError   *error)
{
  g_assert (ok == (error == NULL));
  if (error != NULL)
    {
      g_assert (error->domain == KDCC_ERROR);
      g_assert (g_utf8_validate (error->message, -1, NULL));
      g_error_free (error);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *json;
  GError *error = NULL;
  gsize len;

  if (size < 1)
    return 0;
  json = (const char *) data + 1;
  len = size - 1;

  if (data[0] % 2 == 0)
    {
      KdccOrchStatus *status = kdcc_orch_status_parse (json, (gssize) len, &error);

      check_error (status != NULL, error);
      if (status != NULL)
        {
          char *text = kdcc_orch_status_describe (status);

          /* A backend is always named; the sentence is text. */
          g_assert (status->backend != NULL && status->configured);
          g_assert (g_utf8_validate (text, -1, NULL));
          g_free (text);
          kdcc_orch_status_free (status);
        }
    }
  else
    {
      KdccOrchUpgradeStatus *status = kdcc_orch_upgrade_status_parse (json, (gssize) len, &error);

      check_error (status != NULL, error);
      if (status != NULL)
        {
          g_assert (status->services_complete != NULL);
          for (guint i = 0; status->services_complete[i] != NULL; i++)
            g_assert (g_utf8_validate (status->services_complete[i], -1, NULL));
          kdcc_orch_upgrade_status_free (status);
        }
    }
  return 0;
}
