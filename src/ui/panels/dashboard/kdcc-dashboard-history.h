/* kdcc-dashboard-history.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kdcc-history-section.h"

G_BEGIN_DECLS

#define KDCC_TYPE_DASHBOARD_HISTORY (kdcc_dashboard_history_get_type ())

G_DECLARE_FINAL_TYPE (KdccDashboardHistory, kdcc_dashboard_history, KDCC, DASHBOARD_HISTORY, GtkWidget)

/* The dashboard's history: client throughput and operations, recovery and
 * capacity used over time, the cluster's capacity forecast and what
 * changed. Shows the session of the KdccPanel it is placed in (followed
 * through the panel's "session"), so the dashboard only places it. */
GtkWidget          *kdcc_dashboard_history_new         (void);
KdccHistorySection *kdcc_dashboard_history_get_section (KdccDashboardHistory *self);

G_END_DECLS
