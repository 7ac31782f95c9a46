/* kdcc-pool-controls.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kdcc-pool.h"
#include "kdcc-session.h"

G_BEGIN_DECLS

/* Adds to a pool's page (an AdwPreferencesPage) the groups that change
 * the pool: size and min_size, PG autoscaling, pg_num and
 * target_size_ratio, quotas, compression, scrub intervals and
 * applications. Each control starts at the pool's current value and
 * follows it as the model refreshes until the admin touches it; a touched
 * one keeps the admin's value and notes what the cluster holds once that
 * moved ("Cluster now: 3"). A change is checked as it is staged and goes to
 * the staging area of SESSION's cluster (kdcc_stage_request: risky ones
 * ask first). */
void        kdcc_pool_controls_add        (GtkWidget   *page,
                                           KdccSession *session,
                                           KdccPool    *pool);

/* For tests, as a user would: puts VALUE into the control KEY and presses
 * its Stage button. KEY is a variable of `osd pool set` (size, min_size,
 * pg_num, pg_autoscale_mode, target_size_ratio, compression_mode,
 * compression_algorithm, scrub_min_interval, scrub_max_interval,
 * deep_scrub_interval), a quota (max_bytes, max_objects), or
 * "application-enable" / "application-disable" with the application as
 * VALUE. FALSE when the page has no such control. */
gboolean    kdcc_pool_controls_stage      (GtkWidget   *page,
                                           const char  *key,
                                           const char  *value);
/* The status line: the last staged command or why it was not staged. */
const char *kdcc_pool_controls_get_status (GtkWidget   *page);
/* For tests: types VALUE into the control KEY (not an application)
 * without staging it; FALSE when there is no such control. */
gboolean    kdcc_pool_controls_edit       (GtkWidget   *page,
                                           const char  *key,
                                           const char  *value);
/* The value the control KEY shows, and its note on the cluster's value
 * (NULL when none is shown). */
char       *kdcc_pool_controls_dup_value  (GtkWidget   *page,
                                           const char  *key);
const char *kdcc_pool_controls_get_note   (GtkWidget   *page,
                                           const char  *key);

G_END_DECLS
