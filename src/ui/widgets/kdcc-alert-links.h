/* kdcc-alert-links.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kdcc-health-check.h"

G_BEGIN_DECLS

/* What a health check names, as a subject string ("osd.3", "osds/down",
 * "pool/rbd", "host/node1", "pgs", "mons", "mgrs"; "pgs/CODE" when its
 * detail lines name PGs), read from its code and detail lines; NULL when
 * it names nothing a page shows. */
char      *kdcc_health_check_dup_link_subject (KdccHealthCheck *check);
/* A short label for a link to subject: "osd.3", "Pool rbd", "Down OSDs". */
char      *kdcc_subject_dup_link_label        (const char      *subject);

/* Adds to a dashboard alert row a button that opens what the check names
 * (win.show-subject) and, inside, a row to mute or unmute the check
 * (win.mute-health / win.unmute-health, which the window enables only
 * when the connection can). Both follow the check's changes. */
void       kdcc_alert_row_add_links           (AdwExpanderRow  *row,
                                               KdccHealthCheck *check);
/* The link button added to row, or NULL. */
GtkWidget *kdcc_alert_row_get_link_button     (AdwExpanderRow  *row);
GtkWidget *kdcc_alert_row_get_mute_button     (AdwExpanderRow  *row);

G_END_DECLS
