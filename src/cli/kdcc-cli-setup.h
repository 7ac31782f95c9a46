/* kdcc-cli-setup.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* `kdcc-cli setup templates [--json]` and `kdcc-cli setup render TEMPLATE
 * [--set KEY=VALUE …] -o DIR`: the set-up templates and what they make
 * (one YAML file per Rook object and the rook-ceph-cluster chart's
 * values.yaml in DIR/helm). Needs no cluster. argv[0] is "setup". Exit status: 0
 * success, 1 the files could not be written, 2 usage error or invalid
 * parameters (then nothing is written). */
int kdcc_cli_setup (int    argc,
                    char **argv);

G_END_DECLS
