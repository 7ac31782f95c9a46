/* kdcc-pgs-panel.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kdcc-panel.h"

G_BEGIN_DECLS

#define KDCC_TYPE_PGS_PANEL (kdcc_pgs_panel_get_type ())

G_DECLARE_FINAL_TYPE (KdccPgsPanel, kdcc_pgs_panel, KDCC, PGS_PANEL, KdccPanel)

/* Placement groups: the count in each state, problem states first. Shows
 * the subject pgs. */
GtkWidget *kdcc_pgs_panel_new          (void);
/* "state=count" per row shown, for tests. */
GStrv      kdcc_pgs_panel_dup_rows     (KdccPgsPanel *self);

G_END_DECLS
