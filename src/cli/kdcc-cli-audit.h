/* kdcc-cli-audit.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* `kdcc-cli audit`: the cluster's audit log. argv[0] is "audit". */
int kdcc_cli_audit (int    argc,
                    char **argv);

G_END_DECLS
