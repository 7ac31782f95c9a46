/* kdcc-controls-state.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "kdcc-audit-log.h"
#include "kdcc-config-catalog.h"
#include "kdcc-pending-restarts.h"
#include "kdcc-session.h"
#include "kdcc-staging.h"

G_BEGIN_DECLS

#define KDCC_TYPE_CONTROLS_STATE (kdcc_controls_state_get_type ())

G_DECLARE_FINAL_TYPE (KdccControlsState, kdcc_controls_state, KDCC, CONTROLS_STATE, GObject)

/* What the Configuration and Staging pages share for one session: the
 * option catalog, the staging area and audit log of the session's cluster
 * (opened once its fsid is known) and the pending restarts. Attached to
 * the session, so every page of a window sees the same staging area.
 * Transfer none. */
KdccControlsState   *kdcc_controls_state_get             (KdccSession       *session);

KdccSession         *kdcc_controls_state_get_session     (KdccControlsState *self);
KdccConfigCatalog   *kdcc_controls_state_get_catalog     (KdccControlsState *self);
KdccPendingRestarts *kdcc_controls_state_get_restarts    (KdccControlsState *self);
/* NULL until the cluster's fsid is known; then loaded from disk. Emits
 * notify::staging when it appears. */
KdccStaging         *kdcc_controls_state_get_staging     (KdccControlsState *self);
KdccAuditLog        *kdcc_controls_state_get_audit       (KdccControlsState *self);
/* Starts loading the catalog unless it is loaded or loading. */
void                 kdcc_controls_state_ensure_catalog  (KdccControlsState *self);
/* The last catalog load error, or NULL. */
const GError        *kdcc_controls_state_get_catalog_error (KdccControlsState *self);

G_END_DECLS
