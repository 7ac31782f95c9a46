/* kdcc-daemons-panel.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kdcc-panel.h"

G_BEGIN_DECLS

#define KDCC_TYPE_DAEMONS_PANEL (kdcc_daemons_panel_get_type ())

G_DECLARE_FINAL_TYPE (KdccDaemonsPanel, kdcc_daemons_panel, KDCC, DAEMONS_PANEL, KdccPanel)

/* Monitors (quorum) and managers (active, standbys). Shows the subjects
 * mons and mgrs. */
GtkWidget *kdcc_daemons_panel_new            (void);
/* The monitor rows' names, in order, and which are in quorum, for tests:
 * "a" or "a (out of quorum)". */
GStrv      kdcc_daemons_panel_dup_mon_rows   (KdccDaemonsPanel *self);
GtkWidget *kdcc_daemons_panel_get_mgrs_group (KdccDaemonsPanel *self);

G_END_DECLS
