/* kdcc-cli-upgrade-auto.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* `kdcc-cli upgrade auto …`; argv[0] is "auto". Returns the exit status. */
int kdcc_cli_upgrade_auto (int    argc,
                           char **argv);

G_END_DECLS
