/* kdcc-scrub-gather.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the planner needs beyond the model: the scrub flags, which only
 * `osd dump` carries.
 */
#define G_LOG_DOMAIN "kdcc-scrub"

#include "config.h"

#include "kdcc-ceph-parse-scrub.h"
#include "kdcc-scrub-planner.h"

static gboolean
contains (GArray *ids,
          gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

gboolean
kdcc_scrub_inputs_load_flags_sync (KdccScrubInputs *self,
                                   KdccSource      *source,
                                   GCancellable    *cancellable,
                                   GError         **error)
{
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GArray) no = NULL;
  g_autoptr(GArray) nodeep = NULL;
  g_autofree char *status = NULL;
  gboolean noscrub = FALSE, nodeep_scrub = FALSE;
  gsize len = 0;
  const char *data;

  out = kdcc_source_run_command_sync (source, "mon",
                                      "{\"prefix\":\"osd dump\",\"format\":\"json\"}",
                                      &status, cancellable, error);
  if (out == NULL)
    return FALSE;
  data = g_bytes_get_data (out, &len);
  if (!kdcc_ceph_parse_scrub_flags (data, len, &noscrub, &nodeep_scrub, &no, &nodeep, error))
    return FALSE;

  self->settings->flags_known = TRUE;
  self->settings->noscrub = noscrub;
  self->settings->nodeep_scrub = nodeep_scrub;
  for (guint i = 0; i < self->pools->len; i++)
    {
      KdccScrubPoolInput *pool = &g_array_index (self->pools, KdccScrubPoolInput, i);

      pool->noscrub = contains (no, pool->id);
      pool->nodeep_scrub = contains (nodeep, pool->id);
    }
  return TRUE;
}

gboolean
kdcc_scrub_fetch_pgs_sync (KdccSource    *source,
                           KdccCluster   *cluster,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(KdccSnapshot) snap = NULL;

  kdcc_cluster_hold_pg_list (cluster);
  kdcc_source_set_wanted (source, KDCC_MODEL_PART_PG_LIST);
  snap = kdcc_source_fetch_snapshot_sync (source, TRUE, cancellable, error);
  if (snap == NULL)
    return FALSE;
  kdcc_cluster_apply_snapshot (cluster, snap);
  return TRUE;
}
