/* kdcc-osd-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kdcc-cluster.h"
#include "kdcc-osd.h"
#include "kdcc-session.h"
#include "kdcc-source.h"

G_BEGIN_DECLS

/* One OSD: its state, usage, weights and latency, its host (a link), the
 * health checks that name it, and, read from source when the page opens,
 * its metadata (`osd metadata`) and PGs (`pg ls-by-osd`). Follows the
 * OSD's "changed" signal while shown. source may be NULL (no connection):
 * the page then says the details cannot be read. */
GtkWidget *kdcc_osd_page_new            (KdccCluster *cluster,
                                         KdccOsd     *osd,
                                         KdccSource  *source);
/* The metadata rows' "title=value" lines once read, else NULL, for tests. */
GStrv      kdcc_osd_page_dup_metadata   (GtkWidget   *page);
/* The status row's text ("Down · Out"), for tests. */
const char *kdcc_osd_page_get_status    (GtkWidget   *page);

/* Shows the OSD's controls (kdcc-osd-controls.h), staging on SESSION's
 * staging area, in the group below its state. */
void       kdcc_osd_page_add_controls   (GtkWidget   *page,
                                         KdccSession *session);
/* That group, for tests. */
AdwPreferencesGroup *kdcc_osd_page_get_controls (GtkWidget *page);

/* Whether a health check's summary or detail names osd.ID as a whole word. */
gboolean   kdcc_health_check_names_osd  (gpointer     check,
                                         gint64       id);

G_END_DECLS
