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

/* The list sync of KdccHealthCheck items from KdccHealthCheckData elements,
 * worst first, then by code. */
extern const KdccListSync kdcc_health_check_list_sync;

G_END_DECLS
