/* kdcc-pool.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "kdcc-list-sync.h"

#include "kdcc-snapshot.h"

G_BEGIN_DECLS

#define KDCC_TYPE_POOL (kdcc_pool_get_type ())

G_DECLARE_FINAL_TYPE (KdccPool, kdcc_pool, KDCC, POOL, GObject)

/* Properties: "id" (int64, construct-only key), "name", "pool-type",
 * "autoscale-mode" (strings), "size", "min-size", "pg-num" (int64),
 * "applications" (GStrv), "stored-bytes", "max-avail-bytes", "objects"
 * (uint64), "percent-used" (double, 0..100). Signal "changed". */
KdccPool           *kdcc_pool_new                (gint64              id);
gint64              kdcc_pool_get_id             (KdccPool           *self);
const char         *kdcc_pool_get_name           (KdccPool           *self);
const char         *kdcc_pool_get_pool_type      (KdccPool           *self);
gint64              kdcc_pool_get_size           (KdccPool           *self);
gint64              kdcc_pool_get_min_size       (KdccPool           *self);
gint64              kdcc_pool_get_pg_num         (KdccPool           *self);
const char         *kdcc_pool_get_autoscale_mode (KdccPool           *self);
const char * const *kdcc_pool_get_applications   (KdccPool           *self);
guint64             kdcc_pool_get_stored_bytes   (KdccPool           *self);
guint64             kdcc_pool_get_max_avail_bytes (KdccPool          *self);
double              kdcc_pool_get_percent_used   (KdccPool           *self);
guint64             kdcc_pool_get_objects        (KdccPool           *self);
gboolean            kdcc_pool_update             (KdccPool           *self,
                                                  const KdccPoolData *data);

/* The list sync of KdccPool items from KdccPoolData elements,
 * by id. */
extern const KdccListSync kdcc_pool_list_sync;

G_END_DECLS
