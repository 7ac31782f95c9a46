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
 * the alerts list (one AdwExpanderRow per health check, in model order) and
 * the headline badge. */
const char *kdcc_dashboard_panel_get_health_sentence (KdccDashboardPanel *self);
GtkListBox *kdcc_dashboard_panel_get_alerts_list     (KdccDashboardPanel *self);
GtkWidget  *kdcc_dashboard_panel_get_health_badge    (KdccDashboardPanel *self);
/* The AdwExpanderRow of the check with this code, or NULL. */
GtkWidget  *kdcc_dashboard_panel_get_alert_row       (KdccDashboardPanel *self,
                                                      const char         *code);

G_END_DECLS
