/* kdcc-pg-state.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "kdcc-list-sync.h"
#include "kdcc-snapshot.h"

G_BEGIN_DECLS

#define KDCC_TYPE_PG_STATE (kdcc_pg_state_get_type ())

G_DECLARE_FINAL_TYPE (KdccPgState, kdcc_pg_state, KDCC, PG_STATE, GObject)

/* Properties: "state" (string, construct-only key, e.g. "active+clean"),
 * "count" (int64), "healthy" (boolean: kdcc_pg_class_is_clean(), i.e.
 * active+clean, optionally with scrubbing/deep/snaptrim/snaptrim_wait).
 * Signal "changed" after the count changed. */
KdccPgState *kdcc_pg_state_new         (const char  *state);
const char  *kdcc_pg_state_get_state   (KdccPgState *self);
gint64       kdcc_pg_state_get_count   (KdccPgState *self);
gboolean     kdcc_pg_state_get_healthy (KdccPgState *self);
void         kdcc_pg_state_set_count   (KdccPgState *self,
                                        gint64       count);
gboolean     kdcc_pg_state_is_healthy_name (const char *state);

/* The list sync of KdccPgState items from KdccPgStateData elements,
 * most PGs first, then by name. */
extern const KdccListSync kdcc_pg_state_list_sync;

G_END_DECLS
