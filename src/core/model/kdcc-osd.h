/* kdcc-osd.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "kdcc-list-sync.h"

#include "kdcc-snapshot.h"

G_BEGIN_DECLS

#define KDCC_TYPE_OSD (kdcc_osd_get_type ())

G_DECLARE_FINAL_TYPE (KdccOsd, kdcc_osd, KDCC, OSD, GObject)

/* Properties: "id" (int64, construct-only key), "name", "host", "device-class"
 * (strings), "up", "in" (booleans), "crush-weight", "reweight",
 * "primary-affinity" (1 when the transport does not say),
 * "utilization" (doubles, utilization in percent), "total-bytes",
 * "used-bytes", "avail-bytes" (uint64), "pgs" (int64, -1 unknown),
 * "has-latency" (boolean: osd perf was fetched), "commit-latency-ms",
 * "apply-latency-ms" (doubles, from osd perf).
 * Signal "changed" after an update that changed anything. */
KdccOsd    *kdcc_osd_new              (gint64             id);
gint64      kdcc_osd_get_id           (KdccOsd           *self);
const char *kdcc_osd_get_name         (KdccOsd           *self);
const char *kdcc_osd_get_host         (KdccOsd           *self);
const char *kdcc_osd_get_device_class (KdccOsd           *self);
gboolean    kdcc_osd_get_up           (KdccOsd           *self);
gboolean    kdcc_osd_get_in           (KdccOsd           *self);
double      kdcc_osd_get_crush_weight (KdccOsd           *self);
double      kdcc_osd_get_reweight     (KdccOsd           *self);
double      kdcc_osd_get_primary_affinity (KdccOsd       *self);
double      kdcc_osd_get_utilization  (KdccOsd           *self);
gint64      kdcc_osd_get_pgs          (KdccOsd           *self);
guint64     kdcc_osd_get_total_bytes  (KdccOsd           *self);
guint64     kdcc_osd_get_used_bytes   (KdccOsd           *self);
guint64     kdcc_osd_get_avail_bytes  (KdccOsd           *self);
gboolean    kdcc_osd_get_has_latency  (KdccOsd           *self);
double      kdcc_osd_get_commit_latency_ms (KdccOsd      *self);
double      kdcc_osd_get_apply_latency_ms  (KdccOsd      *self);
gboolean    kdcc_osd_update           (KdccOsd           *self,
                                       const KdccOsdData *data);

/* The list sync of KdccOsd items from KdccOsdData elements,
 * by id. */
extern const KdccListSync kdcc_osd_list_sync;

G_END_DECLS
