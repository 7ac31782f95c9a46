/* kdcc-upgrade-auto-group.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kdcc-upgrade-auto.h"

G_BEGIN_DECLS

#define KDCC_TYPE_UPGRADE_AUTO_GROUP (kdcc_upgrade_auto_group_get_type ())

G_DECLARE_FINAL_TYPE (KdccUpgradeAutoGroup, kdcc_upgrade_auto_group, KDCC, UPGRADE_AUTO_GROUP,
                      AdwPreferencesGroup)

/* "Automatic Upgrades" on the Versions page (issue 15): the cluster's mode
 * (off, notify, upgrade in a maintenance window), the window, the restart
 * command its roll uses, and whether the app sends desktop notifications;
 * each change is saved at once (kdcc-upgrade-auto.h), where the app's
 * scheduler and `kdcc-cli upgrade auto` read it. Insensitive until it has
 * the cluster's fsid. */
GtkWidget *kdcc_upgrade_auto_group_new          (void);
/* Loads the cluster's setting; NULL empties the group. */
void       kdcc_upgrade_auto_group_set_fsid     (KdccUpgradeAutoGroup *self,
                                                 const char           *fsid);
/* What the rows do, for tests: select a mode; apply a window text (FALSE,
 * with the row marked as an error and nothing saved, when it does not
 * read as one); switch notifications. */
void       kdcc_upgrade_auto_group_set_mode     (KdccUpgradeAutoGroup *self,
                                                 KdccAutoUpgradeMode   mode);
gboolean   kdcc_upgrade_auto_group_apply_window (KdccUpgradeAutoGroup *self,
                                                 const char           *text);
void       kdcc_upgrade_auto_group_set_notifications (KdccUpgradeAutoGroup *self,
                                                      gboolean              enabled);
/* The status row's text: when the next window opens, or why nothing runs. */
const char *kdcc_upgrade_auto_group_get_status  (KdccUpgradeAutoGroup *self);

G_END_DECLS
