/* kdcc-cluster-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kdcc-cluster.h"

G_BEGIN_DECLS

/* The cluster's fields, shared by kdcc-cluster.c (properties, applying a
 * snapshot) and kdcc-cluster-json.c (the `kdcc-cli status --json` export),
 * which reads them directly rather than through a getter per field. */
struct _KdccCluster
{
  GObject           parent_instance;

  char             *name;
  char             *fsid;
  KdccHealthStatus  health;
  gboolean          has_data;
  gboolean          has_status;

  guint64           total_bytes;
  guint64           used_bytes;
  guint64           avail_bytes;

  double            read_ops;
  double            write_ops;
  double            read_bytes;
  double            write_bytes;
  double            recovering_bytes;
  double            recovering_objects;

  gint64            pgs_total;
  guint             mons_total;
  guint             mons_in_quorum;
  char             *mgr_active;
  guint             mgrs_standby;
  gint64            osds_total;
  gint64            osds_up;
  gint64            osds_in;
  gint64            pools_total;

  char             *source_kind;
  gint64            last_update;
  gboolean          stale;
  char             *last_error;

  GListStore       *checks;
  GListStore       *osds;
  GListStore       *pools;
  GListStore       *hosts;
  GListStore       *pg_states;
  GListStore       *daemons;
  GListStore       *mgr_modules;
  GListStore       *filesystems;
  GListStore       *pgs;
  GListStore       *problem_pgs;

  guint64           osds_digest;
  guint64           pools_digest;
  guint64           hosts_digest;
  /* Counts the refreshes that applied an OSD list (not skipped by digest). */
  guint             osds_serial;
  guint64           pgs_digest;
  /* Counts the refreshes that applied a PG list (not skipped by digest). */
  guint             pgs_serial;
  /* The positions the apply that last moved pgs_serial updated in place,
   * or NULL when it changed the list otherwise. */
  GArray           *pgs_updated;
  guint             pg_list_holds;
  gboolean          pg_list_loaded;
  KdccModelPart     missing;
  char             *missing_reasons[16];
  char             *mon_leader;

  GPtrArray        *mons;
  GPtrArray        *quorum;
  GPtrArray        *mgr_standbys;
  GPtrArray        *versions;
  GPtrArray        *classes;
};

/* Notifies one of the cluster's properties by name (kdcc-cluster-lists.c
 * has no access to the property specs). */
void _kdcc_cluster_notify      (KdccCluster  *self,
                                const char   *name);
/* Applies the lists kdcc-cluster-lists.c keeps (daemons, modules,
 * filesystems, PGs) and the missing parts' reasons. */
void _kdcc_cluster_apply_lists (KdccCluster  *self,
                                KdccSnapshot *snapshot);

G_END_DECLS
