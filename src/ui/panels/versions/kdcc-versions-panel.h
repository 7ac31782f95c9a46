/* kdcc-versions-panel.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kdcc-panel.h"

G_BEGIN_DECLS

#define KDCC_TYPE_VERSIONS_PANEL (kdcc_versions_panel_get_type ())

G_DECLARE_FINAL_TYPE (KdccVersionsPanel, kdcc_versions_panel, KDCC, VERSIONS_PANEL, KdccPanel)

/* Versions and updates: the Ceph version of every daemon (by name where the
 * connection runs mon commands, else counted per type), mixed versions
 * flagged with the daemons that lag, the mgr modules and their state, and
 * what the release catalog (kdcc-release-catalog.h) says about the running
 * release: update available, end of life, where an upgrade may go, how old
 * the catalog is, and what the optional version service answered (asked
 * only when turned on in the preferences).
 *
 * Signal "updated" after the page was rebuilt from new data. */
GtkWidget  *kdcc_versions_panel_new              (void);
/* For tests: a row's subtitle ("running", "verdict", "eol", "targets",
 * "catalog", "service", "mixed", and the operators and exporters: "exporter",
 * "prometheus", "alertmanager", "operator"), and the daemon rows as "NAME\tVERSION"
 * lines (a lagging daemon's line ends in "\tlags"). */
const char *kdcc_versions_panel_get_row_text     (KdccVersionsPanel *self,
                                                  const char        *row);
char       *kdcc_versions_panel_dup_daemons_text (KdccVersionsPanel *self);
/* The mgr modules as "NAME\tSTATE" lines. */
char       *kdcc_versions_panel_dup_modules_text (KdccVersionsPanel *self);

G_END_DECLS
