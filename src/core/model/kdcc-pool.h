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
 * (uint64), "percent-used" (double, 0..100), "crush-rule", "ec-k", "ec-m"
 * (int64, -1 unknown or replicated), "erasure-code-profile",
 * "failure-domain" (strings, NULL for replicated pools or unknown),
 * "quota-max-bytes", "quota-max-objects" (uint64, 0 none), "options" (GStrv
 * of "name=value"), "has-io" (boolean: osd pool stats was fetched),
 * "read-ops", "write-ops", "read-bytes", "write-bytes", "recovering-bytes"
 * (doubles, per second), "pg-states-text" (string such as
 * "32 active+clean", NULL until the PG list was fetched). Signal "changed". */
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
gint64              kdcc_pool_get_crush_rule      (KdccPool           *self);
const char         *kdcc_pool_get_erasure_code_profile (KdccPool           *self);
gint64              kdcc_pool_get_ec_k            (KdccPool           *self);
gint64              kdcc_pool_get_ec_m            (KdccPool           *self);
const char         *kdcc_pool_get_failure_domain  (KdccPool           *self);
guint64             kdcc_pool_get_quota_max_bytes (KdccPool           *self);
guint64             kdcc_pool_get_quota_max_objects (KdccPool           *self);
const char * const *kdcc_pool_get_options         (KdccPool           *self);
gboolean            kdcc_pool_get_has_io          (KdccPool           *self);
double              kdcc_pool_get_read_ops        (KdccPool           *self);
double              kdcc_pool_get_write_ops       (KdccPool           *self);
double              kdcc_pool_get_read_bytes      (KdccPool           *self);
double              kdcc_pool_get_write_bytes     (KdccPool           *self);
double              kdcc_pool_get_recovering_bytes (KdccPool           *self);
const char         *kdcc_pool_get_pg_states_text  (KdccPool           *self);
gboolean            kdcc_pool_update             (KdccPool           *self,
                                                  const KdccPoolData *data);

/* The list sync of KdccPool items from KdccPoolData elements,
 * by id. */
extern const KdccListSync kdcc_pool_list_sync;

G_END_DECLS
