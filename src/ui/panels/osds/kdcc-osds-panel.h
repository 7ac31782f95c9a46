/* kdcc-osds-panel.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kdcc-panel.h"

G_BEGIN_DECLS

#define KDCC_TYPE_OSDS_PANEL (kdcc_osds_panel_get_type ())

G_DECLARE_FINAL_TYPE (KdccOsdsPanel, kdcc_osds_panel, KDCC, OSDS_PANEL, KdccPanel)

/* What the state filter can narrow the table to; the words are those of the
 * "osds/FILTER" subject. */
typedef enum
{
  KDCC_OSD_FILTER_ALL,
  KDCC_OSD_FILTER_UP,
  KDCC_OSD_FILTER_DOWN,
  KDCC_OSD_FILTER_IN,
  KDCC_OSD_FILTER_OUT,
  KDCC_OSD_FILTER_NEARFULL,
  KDCC_OSD_FILTER_FULL,
} KdccOsdFilter;

/* The OSD table: a GtkColumnView over the cluster's OSDs, sortable by every
 * column, filtered by state, device class and host and searched by id or
 * host; activating a row (or showing osd.N) opens that OSD's page. Shows
 * the subjects osd.N and osds[/FILTER]. */
GtkWidget     *kdcc_osds_panel_new              (void);

/* For tests and links: the state filter, the class and host (NULL: all)
 * and the search text. */
void           kdcc_osds_panel_set_state_filter (KdccOsdsPanel *self,
                                                 KdccOsdFilter  filter);
KdccOsdFilter  kdcc_osds_panel_get_state_filter (KdccOsdsPanel *self);
void           kdcc_osds_panel_set_search       (KdccOsdsPanel *self,
                                                 const char    *text);
void           kdcc_osds_panel_set_class_filter (KdccOsdsPanel *self,
                                                 const char    *device_class);
void           kdcc_osds_panel_set_host_filter  (KdccOsdsPanel *self,
                                                 const char    *host);
/* The rows as shown (sorted and filtered), KdccOsd items. */
GListModel    *kdcc_osds_panel_get_rows         (KdccOsdsPanel *self);
GtkColumnView *kdcc_osds_panel_get_column_view  (KdccOsdsPanel *self);
/* Whether sorting and filtering have finished (both run in steps). */
gboolean       kdcc_osds_panel_is_settled       (KdccOsdsPanel *self);
/* The AdwStatusPage shown instead of the table, or "table". */
const char    *kdcc_osds_panel_get_visible_state (KdccOsdsPanel *self);

/* "down" -> KDCC_OSD_FILTER_DOWN; -1 for a word that is no filter. */
int            kdcc_osd_filter_from_string      (const char    *word);
/* Whether the filter keeps this OSD. */
gboolean       kdcc_osd_filter_matches          (KdccOsdFilter  filter,
                                                 gpointer       osd);

G_END_DECLS
