/* kdcc-cli-kube-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* `kdcc-cli kube resources|pods|deployments|logs POD` with --kubeconfig,
 * --context and --namespace: the Kubernetes page headless. */
int kdcc_cli_kube (int    argc,
                   char **argv);

G_END_DECLS
