/* kdcc-am-alerts.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kdcc-session.h"

G_BEGIN_DECLS

#define KDCC_TYPE_AM_ALERTS (kdcc_am_alerts_get_type ())

G_DECLARE_FINAL_TYPE (KdccAmAlerts, kdcc_am_alerts, KDCC, AM_ALERTS, GtkWidget)

/* The active alerts of the Alertmanager the session's Prometheus sends to
 * (kdcc-session-history.h), beside the health checks and marked as coming
 * from there; each can be silenced for a while with a comment (action
 * "am.silence" with the alert's fingerprint opens the dialog). Hidden while
 * the cluster has no Alertmanager. Follows the session of the KdccPanel it
 * is placed in; polls every KDCC_AM_ALERTS_POLL seconds while mapped.
 *
 * Signal "updated" after each answer (or failure) of the Alertmanager;
 * "silenced" (const char *id) after a silence was created. */
#define KDCC_AM_ALERTS_POLL 15

GtkWidget        *kdcc_am_alerts_new                 (void);
void              kdcc_am_alerts_set_session         (KdccAmAlerts *self,
                                                      KdccSession  *session);
void              kdcc_am_alerts_reload              (KdccAmAlerts *self);
/* The alerts shown: one "NAME\tSTATE" line each, for tests. */
char             *kdcc_am_alerts_dup_summary         (KdccAmAlerts *self);
/* Opens the silence dialog of the alert with fingerprint (as "am.silence"
 * does) and returns it, or NULL when no such alert is shown. */
AdwMessageDialog *kdcc_am_alerts_open_silence_dialog (KdccAmAlerts *self,
                                                      const char   *fingerprint);
/* The durations the dialog offers, in seconds (its drop-down's order). */
extern const guint kdcc_am_alerts_durations[4];

G_END_DECLS
