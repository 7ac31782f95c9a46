/* kdcc-scrub-rows.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kdcc-scrub-planner.h"

G_BEGIN_DECLS

/* One setting: its name, the value the OSDs read, where it comes from, the
 * mgr's value where it differs, and the masks and daemons that differ. */
GtkWidget *kdcc_scrub_setting_row_new (const KdccScrubSetting     *setting,
                                       KdccScrubOption             option);
/* One pool: counts, deep interval and its origin, the forecast sentence and
 * the deep scrub age histogram. *OUT_BUTTON receives its "Deep-scrub Now"
 * button for the caller to wire. */
GtkWidget *kdcc_scrub_pool_row_new    (const KdccScrubPoolStatus  *status,
                                       GtkWidget                 **out_button);

G_END_DECLS
