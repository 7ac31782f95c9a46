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
 * Follows the OSD's in/out state; the spins follow its values until the
 * admin touches them, then keep the admin's value and note what the
 * cluster holds once that moved (kdcc-control-value.h). */
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
/* For tests: types VALUE into "reweight" or "primary-affinity" without
 * staging it; the value that control shows; its note on the cluster's
 * value (NULL when none is shown). */
gboolean    kdcc_osd_controls_edit       (AdwPreferencesGroup *group,
                                          const char          *key,
                                          const char          *value);
char       *kdcc_osd_controls_dup_value  (AdwPreferencesGroup *group,
                                          const char          *key);
const char *kdcc_osd_controls_get_note   (AdwPreferencesGroup *group,
                                          const char          *key);

G_END_DECLS
