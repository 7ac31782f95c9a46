/* kdcc-cli-diagnose.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

G_BEGIN_DECLS

/* `kdcc-cli diagnose`: gathers a redacted diagnostic bundle. argv[0] is
 * "diagnose". Returns the process exit status (0, 1 cluster unreadable,
 * 2 usage). */
int kdcc_cli_diagnose (int    argc,
                       char **argv);

G_END_DECLS
