/* kdcc-health-check.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "kdcc-list-sync.h"

#include "kdcc-snapshot.h"

G_BEGIN_DECLS

#define KDCC_TYPE_HEALTH_CHECK (kdcc_health_check_get_type ())

G_DECLARE_FINAL_TYPE (KdccHealthCheck, kdcc_health_check, KDCC, HEALTH_CHECK, GObject)

/* Properties: "code" (string, construct-only key), "severity" (KdccHealthStatus),
 * "summary" (string), "detail" (GStrv), "detail-text" (string, lines joined by
 * "\n"), "muted" (boolean), "count" (int64). */
KdccHealthCheck    *kdcc_health_check_new         (const char                *code);
const char         *kdcc_health_check_get_code    (KdccHealthCheck           *self);
KdccHealthStatus    kdcc_health_check_get_severity (KdccHealthCheck          *self);
const char         *kdcc_health_check_get_summary (KdccHealthCheck           *self);
const char * const *kdcc_health_check_get_detail  (KdccHealthCheck           *self);
const char         *kdcc_health_check_get_detail_text (KdccHealthCheck       *self);
gboolean            kdcc_health_check_get_muted   (KdccHealthCheck           *self);
gint64              kdcc_health_check_get_count   (KdccHealthCheck           *self);
/* Copies data in, notifying only the properties whose value changed and
 * emitting "changed" once when any did. Returns TRUE when anything changed. */
gboolean            kdcc_health_check_update      (KdccHealthCheck           *self,
                                                   const KdccHealthCheckData *data);

/* Whether LINE is Ceph's own overflow line, which ends a check's detail
 * when Ceph left lines out (mon_health_max_detail): "31 more pgs... "
 * after the late-scrub lines (PG_NOT_SCRUBBED, PG_NOT_DEEP_SCRUBBED) and
 * "(additional pgs left out for brevity)" after OBJECT_UNFOUND's
 * (src/mon/PGMap.cc). N_MORE (may be NULL) receives how many items the
 * line stands for, 0 when Ceph does not say. Shown as Ceph writes it;
 * counts use N_MORE instead of counting the line as one. */
gboolean            kdcc_health_detail_is_overflow (const char               *line,
                                                    guint64                  *n_more);
/* How many detail lines DETAIL (NULL-terminated, may be NULL) has before
 * Ceph's overflow line, and in *N_MORE (may be NULL) what that line
 * stands for (0 without one). */
guint               kdcc_health_detail_count_lines (const char * const       *detail,
                                                    gboolean                 *has_overflow,
                                                    guint64                  *n_more);

/* The list sync of KdccHealthCheck items from KdccHealthCheckData elements,
 * worst first, then by code. */
extern const KdccListSync kdcc_health_check_list_sync;

G_END_DECLS
