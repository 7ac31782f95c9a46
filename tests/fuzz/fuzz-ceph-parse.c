/* fuzz-ceph-parse.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer entry point over every Ceph JSON parser; see README.md. The
 * first input byte picks the parser, so seed files need one leading byte.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "kdcc-ceph-parse.h"
#include "kdcc-error.h"

typedef gboolean (*ParseFunc) (KdccSnapshot *snap, const char *json, gssize length,
                               GError **error);

static const ParseFunc parsers[] = {
  kdcc_ceph_parse_status,
  kdcc_ceph_parse_health_detail,
  kdcc_ceph_parse_versions,
  kdcc_ceph_parse_mon_dump,
  kdcc_ceph_parse_mgr_dump,
  kdcc_ceph_parse_mgr_stat,
  kdcc_ceph_parse_osd_tree,
  kdcc_ceph_parse_osd_df,
  kdcc_ceph_parse_osd_pool_ls_detail,
  kdcc_ceph_parse_df,
};

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Touches every string a parser may have stored, so ASan sees dangling
 * or unterminated values. */
static void
walk (KdccSnapshot *snap)
{
  volatile gsize total = 0;

  if (snap->fsid != NULL)
    total += strlen (snap->fsid);
  for (guint i = 0; i < snap->checks->len; i++)
    {
      KdccHealthCheckData *c = g_ptr_array_index (snap->checks, i);

      total += strlen (c->code) + strlen (c->summary);
      for (guint j = 0; j < c->detail->len; j++)
        total += strlen (g_ptr_array_index (c->detail, j));
    }
  for (guint i = 0; snap->osds != NULL && i < snap->osds->len; i++)
    {
      KdccOsdData *o = g_ptr_array_index (snap->osds, i);

      total += strlen (o->name) + (o->host ? strlen (o->host) : 0);
      g_assert (o->utilization >= 0 && o->utilization <= 100);
    }
  for (guint i = 0; snap->pools != NULL && i < snap->pools->len; i++)
    {
      KdccPoolData *p = g_ptr_array_index (snap->pools, i);

      total += p->name ? strlen (p->name) : 0;
      g_assert (p->percent_used >= 0 && p->percent_used <= 100);
      for (guint j = 0; j < p->applications->len; j++)
        total += strlen (g_ptr_array_index (p->applications, j));
    }
  for (guint i = 0; snap->hosts != NULL && i < snap->hosts->len; i++)
    total += strlen (((KdccHostData *) g_ptr_array_index (snap->hosts, i))->name);
  for (guint i = 0; i < snap->versions->len; i++)
    total += strlen (((KdccVersionData *) g_ptr_array_index (snap->versions, i))->version);
  (void) total;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  KdccSnapshot *merged;
  const char *json;
  gsize len;
  guint which;

  /* The first byte picks the parser, the rest is its input; a second
   * parser of the same input then merges into what the first produced. */
  if (size < 1)
    return 0;
  which = data[0] % G_N_ELEMENTS (parsers);
  json = (const char *) data + 1;
  len = size - 1;

  merged = kdcc_snapshot_new ();
  for (guint k = 0; k < 2; k++)
    {
      ParseFunc parse = parsers[(which + k * (1 + data[0] / G_N_ELEMENTS (parsers)))
                                % G_N_ELEMENTS (parsers)];
      GError *error = NULL;

      if (parse (merged, json, len, &error))
        g_assert (error == NULL);
      else
        g_assert (g_error_matches (error, KDCC_ERROR, KDCC_ERROR_PARSE));
      g_clear_error (&error);
      walk (merged);
    }
  kdcc_snapshot_unref (merged);
  (void) kdcc_ceph_parse_epoch (json, len);
  return 0;
}
