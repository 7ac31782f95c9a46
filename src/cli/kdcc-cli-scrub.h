/* kdcc-cli-scrub.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* `kdcc-cli scrub status|deep-scrub ...`; argv[0] is "scrub". */
int kdcc_cli_scrub (int    argc,
                    char **argv);

G_END_DECLS
