/* kdcc-alert-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kdcc-cluster.h"
#include "kdcc-health-check.h"

G_BEGIN_DECLS

#define KDCC_TYPE_ALERT_ROW (kdcc_alert_row_get_type ())

G_DECLARE_FINAL_TYPE (KdccAlertRow, kdcc_alert_row, KDCC, ALERT_ROW, AdwExpanderRow)

/* One health check on the dashboard: Ceph's summary as Ceph writes it, a
 * severity icon (Ceph's own severity), an impact tag, and when expanded
 * KDCC's one-line explanation, what to do, a "Documentation" link for the
 * cluster's release, and the detail lines. KDCC shows at most
 * KDCC_ALERT_ROW_PAGE_LINES detail lines at a time; the rest sit behind a
 * "Show N More Lines" button that counts them. Ceph's own overflow line
 * ("31 more pgs... ", kdcc_health_detail_is_overflow()) is always shown,
 * as Ceph wrote it, last; the button does not count it.
 *
 * Properties: "check" (KdccHealthCheck, construct-only), "release" (the
 * cluster's Ceph release or version for the docs link, may be NULL). */
#define KDCC_ALERT_ROW_PAGE_LINES 50

GtkWidget       *kdcc_alert_row_new                (KdccHealthCheck *check,
                                                    const char      *release);
KdccHealthCheck *kdcc_alert_row_get_check          (KdccAlertRow    *self);
const char      *kdcc_alert_row_get_code           (KdccAlertRow    *self);
void             kdcc_alert_row_set_release        (KdccAlertRow    *self,
                                                    const char      *release);
const char      *kdcc_alert_row_get_docs_url       (KdccAlertRow    *self);
/* The detail lines shown now (Ceph's overflow line included), and the
 * hidden ones the button counts. */
guint            kdcc_alert_row_get_n_shown_lines  (KdccAlertRow    *self);
guint            kdcc_alert_row_get_n_hidden_lines (KdccAlertRow    *self);
/* What the "more" button says, NULL when nothing is hidden. */
const char      *kdcc_alert_row_get_more_label     (KdccAlertRow    *self);
/* Shows the next page of hidden lines, as the button does. */
void             kdcc_alert_row_show_more          (KdccAlertRow    *self);

/* The release for the docs link from CLUSTER's versions ("18.2.4" from
 * "ceph version 18.2.4 (...) reef (stable)"), NULL when unknown. */
char            *kdcc_alert_row_dup_release        (KdccCluster     *cluster);

G_END_DECLS
