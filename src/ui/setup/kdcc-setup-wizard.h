/* kdcc-setup-wizard.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kdcc-job.h"
#include "kdcc-job-manager.h"
#include "kdcc-setup-preflight.h"

G_BEGIN_DECLS

#define KDCC_TYPE_SETUP_WIZARD (kdcc_setup_wizard_get_type ())

G_DECLARE_FINAL_TYPE (KdccSetupWizard, kdcc_setup_wizard, KDCC, SETUP_WIZARD, AdwWindow)

/* The set-up wizard (issue 12): a GtkStack of pages with Back and Next in
 * the header bar: the template (each with its "when to use") and the
 * Kubernetes target (kubeconfig, context); its parameters, checked as they
 * are typed (the problems inline); preflight against the target; a preview
 * of every object's YAML and the Helm chart's values.yaml, with export to
 * a folder; the install with each step's command, its progress from the
 * CephCluster's phase, and cancel. Everything it does is in
 * src/core/services/kdcc-setup-*.
 *
 * Actions (group "wizard"): next, back, preflight, export,
 * choose-manifests, cancel-install.
 * Properties (read-only): page ("template", "parameters", "preflight",
 * "preview", "install"), can-next. */
GtkWidget  *kdcc_setup_wizard_new                 (GtkWindow       *parent);

/* The install's job is added to JOBS (the window's, for its jobs button),
 * so it stays in sight when the wizard is closed. */
void        kdcc_setup_wizard_set_job_manager     (KdccSetupWizard *self,
                                                   KdccJobManager  *jobs);

/* For the app and the tests: what the pages' widgets set. */
/* PATHS as in KUBECONFIG; NULL or "" for kubectl's default. */
void        kdcc_setup_wizard_set_kubeconfig      (KdccSetupWizard *self,
                                                   const char      *paths);
gboolean    kdcc_setup_wizard_set_context         (KdccSetupWizard *self,
                                                   const char      *context);
gboolean    kdcc_setup_wizard_select_template     (KdccSetupWizard *self,
                                                   const char      *id);
/* Types VALUE into KEY's row; returns whether the parameters are valid. */
gboolean    kdcc_setup_wizard_set_param           (KdccSetupWizard *self,
                                                   const char      *key,
                                                   const char      *value);
/* The problems shown on the parameters page (empty when valid). */
const char *kdcc_setup_wizard_get_problems        (KdccSetupWizard *self);
const char *kdcc_setup_wizard_get_page            (KdccSetupWizard *self);
gboolean    kdcc_setup_wizard_get_can_next        (KdccSetupWizard *self);
/* The preflight's checks (NULL while running or before). */
GPtrArray  *kdcc_setup_wizard_get_checks          (KdccSetupWizard *self);
gboolean    kdcc_setup_wizard_get_preflight_busy  (KdccSetupWizard *self);
/* Writes the preview's files into DIR (as `kdcc-cli setup render`). */
gboolean    kdcc_setup_wizard_export              (KdccSetupWizard *self,
                                                   const char      *dir,
                                                   GError         **error);
/* The operator from DIR's manifests (NULL: already installed). */
gboolean    kdcc_setup_wizard_set_operator_manifests (KdccSetupWizard *self,
                                                      const char      *dir);
/* The install's job once started, or NULL. */
KdccJob    *kdcc_setup_wizard_get_job             (KdccSetupWizard *self);
/* The preview page's documents: "01-cephcluster-rook-ceph.yaml", …,
 * "values.yaml". */
GStrv       kdcc_setup_wizard_dup_preview_names   (KdccSetupWizard *self);
/* Shows the preview document NAME. */
void        kdcc_setup_wizard_show_preview        (KdccSetupWizard *self,
                                                   const char      *name);

G_END_DECLS
