/* kdcc-dashboard-panel.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kdcc-panel.h"

G_BEGIN_DECLS

#define KDCC_TYPE_DASHBOARD_PANEL (kdcc_dashboard_panel_get_type ())

G_DECLARE_FINAL_TYPE (KdccDashboardPanel, kdcc_dashboard_panel, KDCC, DASHBOARD_PANEL, KdccPanel)

/* The landing page: overall health, active alerts, capacity, client IO,
 * placement groups and the daemon counts of one cluster. Shows the subject
 * health/CODE by expanding that alert's row and scrolling to it. */
GtkWidget  *kdcc_dashboard_panel_new                 (void);

/* For tests and the window: the headline health sentence ("2 warnings"),
 * the alerts list (one KdccAlertRow per health check, worst impact first,
 * see kdcc_health_check_compare_by_impact()) and the headline badge. */
const char *kdcc_dashboard_panel_get_health_sentence (KdccDashboardPanel *self);
GtkListBox *kdcc_dashboard_panel_get_alerts_list     (KdccDashboardPanel *self);
GtkWidget  *kdcc_dashboard_panel_get_health_badge    (KdccDashboardPanel *self);
/* The PG numbers shown, counted with KdccPgCounts: active+clean, not
 * active (stale included) and the total; and the sentence saying them. */
void        kdcc_dashboard_panel_get_pg_numbers      (KdccDashboardPanel *self,
                                                      gint64             *clean,
                                                      gint64             *not_active,
                                                      gint64             *total);
const char *kdcc_dashboard_panel_get_pgs_description (KdccDashboardPanel *self);
/* "mgr.x active, no standby" */
const char *kdcc_dashboard_panel_get_mgrs_text       (KdccDashboardPanel *self);
/* The KdccTileGrid of the four cards at the top. */
GtkWidget  *kdcc_dashboard_panel_get_tiles           (KdccDashboardPanel *self);
/* The KdccAlertRow of the check with this code, or NULL. */
GtkWidget  *kdcc_dashboard_panel_get_alert_row       (KdccDashboardPanel *self,
                                                      const char         *code);

G_END_DECLS
