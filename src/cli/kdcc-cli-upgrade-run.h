/* kdcc-cli-upgrade-run.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kdcc-session.h"
#include "kdcc-upgrade-run.h"

G_BEGIN_DECLS

#define KDCC_CLI_EXIT_PAUSED 3

/* The roll behind `kdcc-cli upgrade start|status|pause|resume|abort`;
 * each returns the exit status (kdcc-cli-upgrade.h). */

/* FALSE (and why) when the cluster already has an upgrade that is not
 * done or aborted: start refuses a second one. */
gboolean kdcc_cli_upgrade_check_none (KdccSession              *session,
                                      GError                  **error);
/* Runs PLAN (taken) in the foreground until done, paused or failed. */
int      kdcc_cli_upgrade_start      (KdccSession              *session,
                                      KdccUpgradePlan          *plan,
                                      const char               *restart_template,
                                      const KdccUpgradeTiming  *timing);
int      kdcc_cli_upgrade_resume     (KdccSession              *session,
                                      const KdccUpgradeTiming  *timing);
int      kdcc_cli_upgrade_status     (KdccSession              *session,
                                      gboolean                  json);
int      kdcc_cli_upgrade_pause      (KdccSession              *session);
int      kdcc_cli_upgrade_abort      (KdccSession              *session,
                                      const KdccUpgradeTiming  *timing);

G_END_DECLS
