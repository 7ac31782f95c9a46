/* kdcc-upgrade-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kdcc-session.h"
#include "kdcc-upgrade-state.h"

G_BEGIN_DECLS

#define KDCC_TYPE_UPGRADE_PAGE (kdcc_upgrade_page_get_type ())

G_DECLARE_FINAL_TYPE (KdccUpgradePage, kdcc_upgrade_page, KDCC, UPGRADE_PAGE, AdwBin)

/* The upgrade assistant's sub-page of the Versions page (issue 15): the
 * plan to TARGET_RELEASE with each step's command, the preflight with each
 * check's reason (the cluster's warnings accepted one by one with a
 * switch), the restart command template, and the roll itself (start,
 * pause, resume, abort) with its progress and, while a gate holds it,
 * which daemon waits at which gate, why and for how long. An upgrade the
 * CLI or an earlier run left in progress is shown and can be resumed.
 *
 * Property (read-only): "loaded" (boolean), TRUE once the plan and the
 * preflight are in. Signal "changed": the progress moved. */
GtkWidget        *kdcc_upgrade_page_new               (KdccSession      *session,
                                                       const char       *target_release);
gboolean          kdcc_upgrade_page_get_loaded        (KdccUpgradePage  *self);
/* The roll's state now (NULL before any); a copy. */
KdccUpgradeState *kdcc_upgrade_page_dup_state         (KdccUpgradePage  *self);
/* What the entry and the switches do, for tests and `kdcc --show`. */
void              kdcc_upgrade_page_set_restart_command (KdccUpgradePage *self,
                                                         const char      *template_);
/* The switch "Pause the PG autoscaler during the upgrade". */
void              kdcc_upgrade_page_set_noautoscale   (KdccUpgradePage  *self,
                                                       gboolean          noautoscale);
void              kdcc_upgrade_page_accept_warning    (KdccUpgradePage  *self,
                                                       const char       *code);
void              kdcc_upgrade_page_set_stall_after   (KdccUpgradePage  *self,
                                                       guint             seconds);
/* Reads the cluster again ("Check Again"): "loaded" goes FALSE, then TRUE. */
void              kdcc_upgrade_page_reload            (KdccUpgradePage  *self);
/* The buttons' actions, and whether Start is offered (plan allowed,
 * preflight passed, no upgrade in progress). */
void              kdcc_upgrade_page_start             (KdccUpgradePage  *self);
void              kdcc_upgrade_page_pause             (KdccUpgradePage  *self);
void              kdcc_upgrade_page_abort             (KdccUpgradePage  *self);
gboolean          kdcc_upgrade_page_get_can_start     (KdccUpgradePage  *self);
/* "osd.0 waits at ok-to-stop for 12 s\nREASON", or NULL when nothing waits. */
char             *kdcc_upgrade_page_dup_wait_text     (KdccUpgradePage  *self);

G_END_DECLS
