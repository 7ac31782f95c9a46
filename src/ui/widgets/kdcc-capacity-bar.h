/* kdcc-capacity-bar.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KDCC_TYPE_CAPACITY_BAR (kdcc_capacity_bar_get_type ())

G_DECLARE_FINAL_TYPE (KdccCapacityBar, kdcc_capacity_bar, KDCC, CAPACITY_BAR, GtkWidget)

/* "1.2 GiB of 300 GiB used" above a level bar, with the percentage at the
 * end. The bar turns warning-coloured from 85% (Ceph's default nearfull
 * ratio) and error-coloured from 95% (full ratio).
 *
 * Properties: "title" (string, e.g. "hdd"; NULL for none), "used", "total"
 * (uint64 bytes), "text" (string, read-only: the summary sentence),
 * "percent-text" (string, read-only). */
GtkWidget  *kdcc_capacity_bar_new              (void);
void        kdcc_capacity_bar_set_title        (KdccCapacityBar *self,
                                                const char      *title);
const char *kdcc_capacity_bar_get_title        (KdccCapacityBar *self);
void        kdcc_capacity_bar_set_values       (KdccCapacityBar *self,
                                                guint64          used,
                                                guint64          total);
guint64     kdcc_capacity_bar_get_used         (KdccCapacityBar *self);
guint64     kdcc_capacity_bar_get_total        (KdccCapacityBar *self);
const char *kdcc_capacity_bar_get_text         (KdccCapacityBar *self);
const char *kdcc_capacity_bar_get_percent_text (KdccCapacityBar *self);
/* One line, bar then percentage, no sentence: for table cells. */
void        kdcc_capacity_bar_set_compact      (KdccCapacityBar *self,
                                                gboolean         compact);

G_END_DECLS
