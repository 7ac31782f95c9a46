/* kdcc-cli-upgrade.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* `kdcc-cli upgrade plan|preflight|start|status|pause|resume|abort`.
 * argv[0] is "upgrade". Returns the process exit status: 0 (start and
 * resume: the upgrade is done); 1 cluster unreadable, a plan Ceph's rules
 * refuse, a failed preflight check, a failed or aborted upgrade; 2 usage;
 * 3 the upgrade paused. */
int kdcc_cli_upgrade (int    argc,
                      char **argv);

G_END_DECLS
