/* kdcc-cli-versions.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* `kdcc-cli versions`: each daemon type's Ceph versions, mixed versions
 * and the daemons that lag, and what the release catalog says (end of
 * life, newest point release, releases an upgrade may go to, the catalog's
 * date). argv[0] is "versions". Returns the process exit status (0, 1
 * cluster unreadable, 2 usage). */
int kdcc_cli_versions (int    argc,
                       char **argv);

G_END_DECLS
