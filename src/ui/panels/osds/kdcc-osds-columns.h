/* kdcc-osds-columns.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/*< private >*/
/* The OSD table's columns (cells and sorters), apart from the panel that
 * filters and shows them; sorted by id at first. */
void _kdcc_osds_panel_add_columns (GtkColumnView *view);

G_END_DECLS
