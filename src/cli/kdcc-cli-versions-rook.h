/* kdcc-cli-versions-rook.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "kdcc-session.h"

G_BEGIN_DECLS

/* What `kdcc-cli versions` adds for a Kubernetes (Rook) connection: the
 * operator's version and the Ceph-CSI images Rook deployed. */
typedef struct
{
  char      *operator_version;  /* "v1.16.0"; NULL when unknown */
  char      *operator_namespace;
  char      *problem;           /* why something is unknown, or NULL */
  GPtrArray *csi;               /* (element-type KdccRookCsiImage), maybe empty */
} KdccCliRookVersions;

void                 kdcc_cli_rook_versions_free (KdccCliRookVersions *rook);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdccCliRookVersions, kdcc_cli_rook_versions_free)

/* NULL unless SESSION's source is a Kubernetes one or a kubeconfig, context
 * or namespace is given (`--kubeconfig`, whose session reads the dashboard
 * behind the API server). Blocking. */
KdccCliRookVersions *kdcc_cli_rook_versions_read (KdccSession         *session,
                                                  const char          *kubeconfig,
                                                  const char          *context,
                                                  const char          *namespace);
void                 kdcc_cli_rook_versions_print (const KdccCliRookVersions *rook);
/* Adds the member "rook" to the object B is building. */
void                 kdcc_cli_rook_versions_add_json (const KdccCliRookVersions *rook,
                                                      JsonBuilder               *b);

G_END_DECLS
