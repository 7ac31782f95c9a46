/* kdcc-cli-config.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* `kdcc-cli config get|set|rm|diff`. argv[0] is "config". */
int kdcc_cli_config (int    argc,
                     char **argv);

G_END_DECLS
