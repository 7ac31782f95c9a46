/* kdcc-pg.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "kdcc-list-sync.h"
#include "kdcc-snapshot.h"

G_BEGIN_DECLS

#define KDCC_TYPE_PG (kdcc_pg_get_type ())

G_DECLARE_FINAL_TYPE (KdccPg, kdcc_pg, KDCC, PG, GObject)

/* One placement group. Properties (read-only, notified on change): "pgid" (construct-only key),
 * "pool-id", "state", "up", "acting", "up-primary", "acting-primary", "last-scrub-stamp",
 * "last-deep-scrub-stamp", "last-scrub-duration", "objects", "bytes", "problems". The OSD id lists ("up", "acting") are
 * strings such as "[1,0,2]" as properties and GArrays of gint64 through the getters. Signal
 * "changed" after an update that changed anything. */
KdccPg              *kdcc_pg_new                        (const char *pgid);
const char          *kdcc_pg_get_pgid                   (KdccPg *self);
gint64               kdcc_pg_get_pool_id                (KdccPg *self);
/* The PG id's hex part (Ceph's placement seed): 0x1f for "2.1f". */
gint64               kdcc_pg_get_seed                   (KdccPg *self);
/* An interned string (g_intern_string()): PGs in one state share it. */
const char          *kdcc_pg_get_state                  (KdccPg *self);
const GArray        *kdcc_pg_get_up                     (KdccPg *self);
const GArray        *kdcc_pg_get_acting                 (KdccPg *self);
gint64               kdcc_pg_get_up_primary             (KdccPg *self);
gint64               kdcc_pg_get_acting_primary         (KdccPg *self);
gint64               kdcc_pg_get_last_scrub_stamp       (KdccPg *self);
gint64               kdcc_pg_get_last_deep_scrub_stamp  (KdccPg *self);
/* Seconds the last scrub took (Quincy and later); -1 unknown. */
double               kdcc_pg_get_last_scrub_duration    (KdccPg *self);
guint64              kdcc_pg_get_objects                (KdccPg *self);
guint64              kdcc_pg_get_bytes                  (KdccPg *self);
KdccPgProblems       kdcc_pg_get_problems               (KdccPg *self);
gboolean             kdcc_pg_update                     (KdccPg           *self,
                                                         const KdccPgData *data);

/* The list sync of KdccPg items from KdccPgData elements. */
extern const KdccListSync kdcc_pg_list_sync;

G_END_DECLS

