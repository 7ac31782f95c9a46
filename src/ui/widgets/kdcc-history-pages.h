/* kdcc-history-pages.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kdcc-history-section.h"

G_BEGIN_DECLS

/* The history sections of the drill-down pages, each appended to an
 * AdwPreferencesPage as a group of its own, so a page adds its charts with
 * one call. Nothing is added without a session (a page shown without a
 * connection). Return the section, or NULL. */

/* One OSD ("osd.3"): its commit and apply latency and its utilization. */
KdccHistorySection *kdcc_history_pages_add_osd  (AdwPreferencesPage *page,
                                                 KdccSession        *session,
                                                 gint64              osd_id);
/* One pool: its client IO, stored bytes, and its capacity forecast. */
KdccHistorySection *kdcc_history_pages_add_pool (AdwPreferencesPage *page,
                                                 KdccSession        *session,
                                                 const char         *pool);
/* One host: the latency of each of its OSDs. */
KdccHistorySection *kdcc_history_pages_add_host (AdwPreferencesPage *page,
                                                 KdccSession        *session,
                                                 const GArray       *osd_ids);

G_END_DECLS
