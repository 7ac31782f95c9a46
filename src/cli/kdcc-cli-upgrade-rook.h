/* kdcc-cli-upgrade-rook.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kdcc-upgrade-run.h"

G_BEGIN_DECLS

/* What `kdcc-cli upgrade SUB --kubeconfig PATH` was given. */
typedef struct
{
  const char         *kubeconfig;
  const char         *context;       /* NULL: the current context */
  const char         *namespace;     /* NULL: the context's */
  const char         *to;            /* Ceph release, or NULL */
  const char         *rook_version;  /* "v1.13.10", or NULL */
  const char * const *accepted;      /* health warnings accepted, or NULL */
  gboolean            resuming;
  gboolean            manual_done;   /* the admin ran the step KDCC cannot do */
  gboolean            json;
  KdccUpgradeTiming   timing;
} KdccCliRookArgs;

/* plan|preflight|start|status|pause|resume|abort for a Rook cluster;
 * returns the exit status (start and resume: 0 done, 3 paused, 1 failed
 * or aborted). */
int kdcc_cli_upgrade_rook (const char            *sub,
                           const KdccCliRookArgs *args);

G_END_DECLS
