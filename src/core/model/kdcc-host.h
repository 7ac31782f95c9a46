/* kdcc-host.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "kdcc-list-sync.h"

#include "kdcc-snapshot.h"

G_BEGIN_DECLS

#define KDCC_TYPE_HOST (kdcc_host_get_type ())

G_DECLARE_FINAL_TYPE (KdccHost, kdcc_host, KDCC, HOST, GObject)

/* Properties: "name" (string, construct-only key), "osd-count" (uint),
 * "osds-up", "osds-in" (int64), "total-bytes", "used-bytes", "avail-bytes"
 * (uint64, sums over its OSDs), "daemons" (GStrv: "mon.a", "mgr.x", "mds.a"
 * running on it where the cluster says).
 * Signal "changed". */
KdccHost     *kdcc_host_new           (const char         *name);
const char   *kdcc_host_get_name      (KdccHost           *self);
guint         kdcc_host_get_osd_count (KdccHost           *self);
/* (element-type gint64) */
const GArray *kdcc_host_get_osd_ids   (KdccHost           *self);
gint64        kdcc_host_get_osds_up   (KdccHost           *self);
gint64        kdcc_host_get_osds_in   (KdccHost           *self);
guint64       kdcc_host_get_total_bytes (KdccHost           *self);
guint64       kdcc_host_get_used_bytes (KdccHost           *self);
guint64       kdcc_host_get_avail_bytes (KdccHost           *self);
const char * const*kdcc_host_get_daemons   (KdccHost           *self);
gboolean      kdcc_host_update        (KdccHost           *self,
                                       const KdccHostData *data);

/* The list sync of KdccHost items from KdccHostData elements,
 * by name. */
extern const KdccListSync kdcc_host_list_sync;

G_END_DECLS
