/* fuzz-redactor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer entry point over the diagnostics redactor; see README.md. The
 * first input byte picks text, JSON, JSON with every value replaced, or
 * auto-detection.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "kdcc-error.h"
#include "kdcc-redactor.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  KdccRedactionCounts counts = { 0 };
  const char *input;
  gsize len, out_len = 0;
  char *out = NULL;
  GError *error = NULL;

  if (size < 1)
    return 0;
  input = (const char *) data + 1;
  len = size - 1;

  switch (data[0] % 4)
    {
    case 0:
      out = kdcc_redact_text (input, len, &out_len, &counts);
      break;
    case 1:
    case 2:
      out = kdcc_redact_json (input, len, data[0] % 4 == 2, &out_len, &counts, &error);
      g_assert ((out == NULL) == (error != NULL));
      if (out == NULL)
        g_assert (g_error_matches (error, KDCC_ERROR, KDCC_ERROR_PARSE));
      g_clear_error (&error);
      break;
    default:
      out = kdcc_redact_auto (input, len, TRUE, &out_len, &counts);
      g_assert (out != NULL);
      break;
    }

  if (out != NULL)
    {
      /* Every result is NUL-terminated at its stated length, and redacting
       * it again must not crash either. */
      g_assert (out[out_len] == '\0');
      g_free (kdcc_redact_auto (out, out_len, FALSE, NULL, NULL));
    }
  (void) kdcc_redaction_counts_total (&counts);
  (void) kdcc_redactor_is_secret_name (input, len > 64 ? 64 : len);
  g_free (out);
  return 0;
}
