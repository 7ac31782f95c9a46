/* kdcc-scrub-charts.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kdcc-scrub-math.h"

G_BEGIN_DECLS

/* A drawing area showing the week (rows Sunday to Saturday, columns the
 * hours) with the hours WINDOW allows filled. */
GtkWidget *kdcc_scrub_week_view_new        (void);
void       kdcc_scrub_week_view_set_window (GtkWidget             *view,
                                            const KdccScrubWindow *window);

/* A drawing area with one pool's PG age histogram: bars left of WARN_AGE
 * (seconds; < 0: none) in the accent colour, bars at or past it in red,
 * and a line at the warn age. */
GtkWidget *kdcc_scrub_histogram_new        (const KdccScrubHistogram *histogram,
                                            double                    warn_age);

G_END_DECLS
