/* kdcc-cli-upgrade.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* `kdcc-cli upgrade plan --to RELEASE` and `kdcc-cli upgrade preflight`.
 * argv[0] is "upgrade". Returns the process exit status: 0; 1 cluster
 * unreadable, a plan Ceph's rules refuse, or a failed preflight check;
 * 2 usage. */
int kdcc_cli_upgrade (int    argc,
                      char **argv);

G_END_DECLS
