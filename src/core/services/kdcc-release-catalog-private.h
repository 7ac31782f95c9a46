/* kdcc-release-catalog-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by kdcc-release-catalog.c (the catalog and its answers) and
 * kdcc-version-service.c (Koor's version service protocol).
 */
#pragma once

#include "kdcc-release-catalog.h"

G_BEGIN_DECLS

/* Takes what the service answered: raises the newest point release of the
 * version's release (adding the release when the catalog has none of that
 * major). Returns TRUE when the catalog changed. */
gboolean _kdcc_release_catalog_apply_newest (KdccReleaseCatalog      *self,
                                             const KdccCephVersion   *newest);
void     _kdcc_release_catalog_set_service  (KdccReleaseCatalog      *self,
                                             KdccVersionServiceState  state,
                                             const char              *message);
void     _kdcc_release_catalog_get_service_limits (KdccReleaseCatalog *self,
                                                   guint64            *max_body_bytes,
                                                   guint              *deadline_ms);

/* The protocol, pure so the tests reach it: the request body for a running
 * version, and the newest Ceph version in an answer (HTTP status, the
 * Version-Service-Version header or NULL, the body). */
char                   *_kdcc_version_service_request_body (const char      *running);
KdccVersionServiceState _kdcc_version_service_parse        (guint            status,
                                                            const char      *service_version,
                                                            GBytes          *body,
                                                            KdccCephVersion *newest,
                                                            char           **message);

G_END_DECLS
