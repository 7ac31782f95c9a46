/* kdcc-osd-controls.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kdcc-osd.h"
#include "kdcc-session.h"

G_BEGIN_DECLS

/* Fills GROUP (on an OSD's page) with what changes the OSD: mark it in or
 * out, its reweight and its primary affinity, each staged with its exact
 * `ceph osd …` command on the staging area of SESSION's cluster
 * (kdcc_stage_request: out and reweight ask for confirmation first).
 * Follows the OSD's in/out state. */
void        kdcc_osd_controls_fill       (AdwPreferencesGroup *group,
                                          KdccSession         *session,
                                          KdccOsd             *osd);

/* For tests, as a user would: KEY "in" or "out" presses that button
 * (VALUE unused); "reweight" or "primary-affinity" puts VALUE into the
 * spin and presses its Stage button. FALSE when there is no such control. */
gboolean    kdcc_osd_controls_stage      (AdwPreferencesGroup *group,
                                          const char          *key,
                                          const char          *value);
/* The status line: the last staged command or why it was not staged. */
const char *kdcc_osd_controls_get_status (AdwPreferencesGroup *group);

G_END_DECLS
