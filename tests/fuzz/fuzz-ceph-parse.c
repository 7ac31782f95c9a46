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

#include "kdcc-ceph-parse-private.h"
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

/* osd tree and osd df try a scanner before json-glib (kdcc-json-scan.h):
 * with and without it they must agree, on the outcome, the error message
 * and every field. */
static void
differential (ParseFunc   parse,
              const char *json,
              gsize       len)
{
  KdccSnapshot *fast = kdcc_snapshot_new ();
  KdccSnapshot *slow = kdcc_snapshot_new ();
  GError *fast_error = NULL;
  GError *slow_error = NULL;
  gboolean fast_ok, slow_ok;

  _kdcc_ceph_parse_set_scanner (TRUE);
  fast_ok = parse (fast, json, len, &fast_error);
  _kdcc_ceph_parse_set_scanner (FALSE);
  slow_ok = parse (slow, json, len, &slow_error);
  _kdcc_ceph_parse_set_scanner (TRUE);

  g_assert (fast_ok == slow_ok);
  if (!slow_ok)
    g_assert (g_str_equal (fast_error->message, slow_error->message));
  g_assert ((fast->osds != NULL ? fast->osds->len : 0)
            == (slow->osds != NULL ? slow->osds->len : 0));
  for (guint i = 0; fast->osds != NULL && i < fast->osds->len; i++)
    {
      KdccOsdData *a = g_ptr_array_index (fast->osds, i);
      KdccOsdData *b = g_ptr_array_index (slow->osds, i);

      g_assert (a->id == b->id && g_strcmp0 (a->name, b->name) == 0
                && g_strcmp0 (a->host, b->host) == 0
                && g_strcmp0 (a->device_class, b->device_class) == 0
                && a->exists == b->exists && a->up == b->up && a->in == b->in
                && a->crush_weight == b->crush_weight && a->reweight == b->reweight
                && a->primary_affinity == b->primary_affinity && a->has_usage == b->has_usage
                && a->utilization == b->utilization && a->total_bytes == b->total_bytes
                && a->used_bytes == b->used_bytes && a->avail_bytes == b->avail_bytes
                && a->pgs == b->pgs);
    }
  g_assert ((fast->hosts != NULL ? fast->hosts->len : 0)
            == (slow->hosts != NULL ? slow->hosts->len : 0));
  for (guint i = 0; fast->hosts != NULL && i < fast->hosts->len; i++)
    {
      KdccHostData *a = g_ptr_array_index (fast->hosts, i);
      KdccHostData *b = g_ptr_array_index (slow->hosts, i);

      g_assert (g_str_equal (a->name, b->name) && a->osd_ids->len == b->osd_ids->len);
      g_assert (memcmp (a->osd_ids->data, b->osd_ids->data, a->osd_ids->len * sizeof (gint64))
                == 0);
    }
  g_clear_error (&fast_error);
  g_clear_error (&slow_error);
  kdcc_snapshot_unref (fast);
  kdcc_snapshot_unref (slow);
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
  if (parsers[which] == kdcc_ceph_parse_osd_tree || parsers[which] == kdcc_ceph_parse_osd_df)
    differential (parsers[which], json, len);
  (void) kdcc_ceph_parse_epoch (json, len);
  return 0;
}
