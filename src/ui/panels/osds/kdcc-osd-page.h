/* kdcc-osd-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kdcc-cluster.h"
#include "kdcc-osd.h"

G_BEGIN_DECLS

/* One OSD: its state, usage and weights, its host (a link), the health
 * checks that name it, and what else the model knows of it. Follows the
 * OSD's "changed" signal while shown. */
GtkWidget *kdcc_osd_page_new            (KdccCluster *cluster,
                                         KdccOsd     *osd);
/* The status row's text ("Down · Out"), for tests. */
const char *kdcc_osd_page_get_status    (GtkWidget   *page);

/* Whether a health check's summary or detail names osd.ID as a whole word. */
gboolean   kdcc_health_check_names_osd  (gpointer     check,
                                         gint64       id);

G_END_DECLS
