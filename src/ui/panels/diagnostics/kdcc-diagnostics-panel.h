/* kdcc-diagnostics-panel.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kdcc-diagnostics.h"
#include "kdcc-job-manager.h"
#include "kdcc-panel.h"
#include "kdcc-settings.h"

G_BEGIN_DECLS

#define KDCC_TYPE_DIAGNOSTICS_PANEL (kdcc_diagnostics_panel_get_type ())

G_DECLARE_FINAL_TYPE (KdccDiagnosticsPanel, kdcc_diagnostics_panel, KDCC, DIAGNOSTICS_PANEL, KdccPanel)

/* Troubleshooting: one button gathers a redacted diagnostic bundle of the
 * connected cluster (KdccDiagnostics), with a progress bar showing the
 * current item and a Cancel button, then shows SUMMARY.txt before the user
 * shares anything and offers to open the folder.
 *
 * The source and the refresh errors that go into the bundle are the
 * panel's session's (kdcc_panel_set_session).
 *
 * Each gathering is a KdccJob; with a "job-manager" (the window's) it is
 * also listed there, so the header shows it and can cancel it. */
GtkWidget       *kdcc_diagnostics_panel_new             (void);

KdccJobManager  *kdcc_diagnostics_panel_get_job_manager (KdccDiagnosticsPanel *self);
void             kdcc_diagnostics_panel_set_job_manager (KdccDiagnosticsPanel *self,
                                                         KdccJobManager       *job_manager);
/* The job of the current or last gathering (NULL before the first). */
KdccJob         *kdcc_diagnostics_panel_get_job         (KdccDiagnosticsPanel *self);

/* The folder the bundle is saved in (default: Downloads, else home). */
const char      *kdcc_diagnostics_panel_get_folder      (KdccDiagnosticsPanel *self);
void             kdcc_diagnostics_panel_set_folder      (KdccDiagnosticsPanel *self,
                                                         const char           *folder);

/* What the Gather and Cancel buttons do. */
void             kdcc_diagnostics_panel_gather          (KdccDiagnosticsPanel *self);
void             kdcc_diagnostics_panel_cancel          (KdccDiagnosticsPanel *self);

/* For tests: "idle", "running", "done", "failed" or "cancelled"; the
 * gatherer of the current or last run (NULL before the first); the bundle
 * written and the summary shown (NULL unless "done"); the status line. */
const char      *kdcc_diagnostics_panel_get_state       (KdccDiagnosticsPanel *self);
KdccDiagnostics *kdcc_diagnostics_panel_get_diagnostics (KdccDiagnosticsPanel *self);
const char      *kdcc_diagnostics_panel_get_bundle_path (KdccDiagnosticsPanel *self);
char            *kdcc_diagnostics_panel_dup_summary     (KdccDiagnosticsPanel *self);
const char      *kdcc_diagnostics_panel_get_status_text (KdccDiagnosticsPanel *self);
GtkWidget       *kdcc_diagnostics_panel_get_progress_bar (KdccDiagnosticsPanel *self);

/* The "Save to" folder is remembered in SETTINGS (may be NULL); setting it
 * takes the remembered folder when it still exists. Property "settings". */
void        kdcc_diagnostics_panel_set_settings (KdccDiagnosticsPanel *self,
                                                 KdccSettings         *settings);

G_END_DECLS
