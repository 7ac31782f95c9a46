/* kdcc-cli-setup.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "kdcc-setup-template.h"

G_BEGIN_DECLS

/* `kdcc-cli setup templates [--json]` and `kdcc-cli setup render TEMPLATE
 * [--set KEY=VALUE …] -o DIR`: the set-up templates and what they make
 * (one YAML file per Rook object and the rook-ceph-cluster chart's
 * values.yaml in DIR/helm). Needs no cluster. `setup preflight TEMPLATE`
 * and `setup install TEMPLATE` (--kubeconfig, --context,
 * --operator-manifests DIR or --helm CHART) check and install against a
 * Kubernetes cluster. argv[0] is "setup". Exit status: 0
 * success, 1 the files could not be written, 2 usage error or invalid
 * parameters (then nothing is written). */
int kdcc_cli_setup (int    argc,
                    char **argv);

/* The target of `setup preflight` and `setup install` (--kubeconfig,
 * --context; either may be NULL: KUBECONFIG and its current context). */
typedef struct
{
  const char *kubeconfig;
  const char *context;
} KdccCliSetupTarget;

/* kdcc-cli-setup-install.c. Exit status: 0 passed / Ready, 1 a check
 * failed / the install failed or was cancelled, 2 usage. */
int kdcc_cli_setup_preflight (KdccSetupParams          *params,
                              const KdccCliSetupTarget *target,
                              gboolean                  json);
int kdcc_cli_setup_install   (KdccSetupParams          *params,
                              const KdccCliSetupTarget *target,
                              const char               *manifests,
                              const char               *helm_chart);
/* `setup audit [--json]`: the installs' audit log (before a cluster has an
 * fsid its steps have their own log). */
int kdcc_cli_setup_audit     (gboolean                  json);

G_END_DECLS
