/* kdcc-upgrade-watch.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kdcc-session.h"
#include "kdcc-upgrade-auto.h"
#include "kdcc-upgrade-run.h"

G_BEGIN_DECLS

/* The automated upgrade of one connected cluster (issue 15), run by the
 * app: on a timer it asks the scheduler (kdcc-upgrade-auto.h) with the
 * cluster's versions, the preflight and the upgrade in progress, then
 * acts: tells once per target that an update is available, or starts the
 * roll when the maintenance window is open, and watches it, telling when
 * it starts, stalls (a gate held longer than the stall time) and ends
 * (done, failed, paused, aborted). A roll still running when the window
 * closes is paused: it stops after the daemon in progress.
 *
 * Nothing blocks the main loop: the versions and `osd dump` are read on
 * worker threads; the roll is a KdccUpgradeRun.
 *
 * Notifications are GNotifications of APPLICATION (when it is not NULL and
 * the cluster's setting allows them) with the default action
 * "app.show-upgrade" and the fsid as target; the signal "notified"
 * (kind, title, body) is emitted for each either way, kind being
 * "available", "started", "stalled" or "ended". The signal "decided"
 * (KdccAutoUpgradeDecision *) follows each decision. */

#define KDCC_TYPE_UPGRADE_WATCH (kdcc_upgrade_watch_get_type ())

G_DECLARE_FINAL_TYPE (KdccUpgradeWatch, kdcc_upgrade_watch, KDCC, UPGRADE_WATCH, GObject)

KdccUpgradeWatch *kdcc_upgrade_watch_new          (KdccSession             *session,
                                                   GApplication            *application);
/* Seconds between two decisions (default 300); the first comes once the
 * cluster has data. 0 stops the timer (kdcc_upgrade_watch_check still works). */
void              kdcc_upgrade_watch_set_interval (KdccUpgradeWatch        *self,
                                                   guint                    seconds);
/* The roll's timing (its stall_after_s is also when "stalled" is told). */
void              kdcc_upgrade_watch_set_timing   (KdccUpgradeWatch        *self,
                                                   const KdccUpgradeTiming *timing);
/* Decides now (unless a decision or a roll is under way). */
void              kdcc_upgrade_watch_check        (KdccUpgradeWatch        *self);
/* The roll this watch drives, NULL when none. */
KdccUpgradeRun   *kdcc_upgrade_watch_get_run      (KdccUpgradeWatch        *self);
/* The last decision's reason (translated), NULL before the first. */
const char       *kdcc_upgrade_watch_get_reason   (KdccUpgradeWatch        *self);
/* Stops the timer and the roll (like a pause, at once). */
void              kdcc_upgrade_watch_stop         (KdccUpgradeWatch        *self);

G_END_DECLS
