/* kdcc-cli-explain.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* `kdcc-cli explain CODE [--release R] [--json]`: what a health check code
 * means, what to do and where Ceph documents it. Needs no cluster. argv[0]
 * is "explain". Returns the exit status: 0 known code, 1 the code is not in
 * the catalog (the health-checks page is still printed), 2 usage error. */
int kdcc_cli_explain (int    argc,
                      char **argv);

G_END_DECLS
