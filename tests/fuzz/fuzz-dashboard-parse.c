/* fuzz-dashboard-parse.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer entry point over every Ceph Dashboard REST parser; see
 * README.md. The first input byte picks the parser.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "kdcc-dashboard-parse.h"
#include "kdcc-error.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

typedef gboolean (*ParseFunc) (KdccSnapshot *snap, const char *json, gssize length,
                               GError **error);

static const ParseFunc parsers[] = {
  kdcc_dashboard_parse_health_full,
  kdcc_dashboard_parse_osds,
  kdcc_dashboard_parse_summary,
};

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *json;
  gsize len;
  guint which;

  if (size < 1)
    return 0;
  which = data[0] % (G_N_ELEMENTS (parsers) + 2);
  json = (const char *) data + 1;
  len = size - 1;

  if (which < G_N_ELEMENTS (parsers))
    {
      KdccSnapshot *snap = kdcc_snapshot_new ();
      GError *error = NULL;

      /* A failed parse must say so with a parse error, never anything
       * else; a second parser then merges into the same snapshot, as the
       * source does with /api/health/full followed by /api/osd. */
      if (!parsers[which] (snap, json, len, &error))
        g_assert (g_error_matches (error, KDCC_ERROR, KDCC_ERROR_PARSE));
      else
        g_assert (error == NULL);
      g_clear_error (&error);
      if (!parsers[(which + 1) % G_N_ELEMENTS (parsers)] (snap, json, len, &error))
        g_assert (g_error_matches (error, KDCC_ERROR, KDCC_ERROR_PARSE));
      g_clear_error (&error);
      kdcc_snapshot_unref (snap);
    }
  else if (which == G_N_ELEMENTS (parsers))
    {
      GError *error = NULL;
      char *token = kdcc_dashboard_parse_auth (json, len, &error);

      g_assert ((token == NULL) == (error != NULL));
      if (token != NULL)
        g_assert (strlen (token) > 0);
      g_free (token);
      g_clear_error (&error);
    }
  else
    {
      char *message = kdcc_dashboard_parse_error_body (json, len);

      if (message != NULL)
        g_assert (g_utf8_validate (message, -1, NULL));
      g_free (message);
    }
  return 0;
}
