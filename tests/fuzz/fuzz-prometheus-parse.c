/* fuzz-prometheus-parse.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer entry point over the parsers of Prometheus and Alertmanager
 * answers; see README.md. The first input byte picks the parser.
 */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "kdcc-error.h"
#include "kdcc-prometheus-parse.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* What every parser promises: a result or an error, never both; a parse
 * error (or, for an error answer, an HTTP error) and nothing else. */
static void
check_error (gboolean  ok,
             GError   *error)
{
  g_assert (ok == (error == NULL));
  if (error != NULL)
    g_assert (g_error_matches (error, KDCC_ERROR, KDCC_ERROR_PARSE) ||
              g_error_matches (error, KDCC_ERROR, KDCC_ERROR_HTTP));
}

static void
check_matrix (GPtrArray *matrix)
{
  for (guint i = 0; i < matrix->len; i++)
    {
      KdccPrometheusSeries *series = g_ptr_array_index (matrix, i);

      /* Points are in strictly increasing time order. */
      for (guint j = 1; j < series->points->len; j++)
        g_assert (g_array_index (series->points, KdccPrometheusPoint, j).time >
                  g_array_index (series->points, KdccPrometheusPoint, j - 1).time);
      g_assert (series->labels != NULL);
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

  switch (data[0] % 5)
    {
    case 0:
      {
        GPtrArray *matrix = kdcc_prometheus_parse_matrix (json, len, &error);

        check_error (matrix != NULL, error);
        if (matrix != NULL)
          {
            check_matrix (matrix);
            g_ptr_array_unref (matrix);
          }
        break;
      }
    case 1:
      {
        char *message = kdcc_prometheus_parse_error_message (json, len);

        if (message != NULL)
          g_assert (g_utf8_validate (message, -1, NULL));
        g_free (message);
        break;
      }
    case 2:
      {
        char **urls = kdcc_prometheus_parse_alertmanagers (json, len, &error);

        check_error (urls != NULL, error);
        for (guint i = 0; urls != NULL && urls[i] != NULL; i++)
          g_assert (strstr (urls[i], "/api/v") == NULL);
        g_strfreev (urls);
        break;
      }
    case 3:
      {
        GPtrArray *alerts = kdcc_prometheus_parse_alerts (json, len, &error);

        check_error (alerts != NULL, error);
        for (guint i = 0; alerts != NULL && i < alerts->len; i++)
          {
            KdccAlert *alert = g_ptr_array_index (alerts, i);

            g_assert (alert->fingerprint != NULL && alert->state != NULL);
          }
        if (alerts != NULL)
          g_ptr_array_unref (alerts);
        break;
      }
    default:
      {
        char *id = kdcc_prometheus_parse_silence_id (json, len, &error);

        check_error (id != NULL, error);
        g_free (id);
        break;
      }
    }
  g_clear_error (&error);
  return 0;
}
