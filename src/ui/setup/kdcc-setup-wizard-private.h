/* kdcc-setup-wizard-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by kdcc-setup-wizard.c (the window, navigation, the template and
 * parameters pages) and kdcc-setup-wizard-pages.c (preflight, preview,
 * install).
 */
#pragma once

#include "kdcc-kube-client.h"
#include "kdcc-setup-install.h"
#include "kdcc-setup-template.h"
#include "kdcc-setup-wizard.h"

G_BEGIN_DECLS

struct _KdccSetupWizard
{
  AdwWindow         parent_instance;

  /* Template Widgets */
  AdwWindowTitle   *window_title;
  GtkWidget        *back_button;
  GtkWidget        *close_button;
  GtkWidget        *next_button;
  GtkWidget        *cancel_button;
  AdwToastOverlay  *toasts;
  GtkStack         *stack;
  AdwPreferencesGroup *templates_group;
  AdwEntryRow      *kubeconfig_row;
  AdwComboRow      *context_row;
  GtkWidget        *problems_group;
  GtkLabel         *problems_label;
  AdwPreferencesGroup *params_group;
  AdwPreferencesGroup *checks_group;
  GtkSpinner       *preflight_spinner;
  GtkStack         *preview_stack;
  GtkWidget        *operator_group;
  GtkCheckButton   *operator_none;
  GtkCheckButton   *operator_manifests;
  GtkCheckButton   *operator_helm;
  AdwActionRow     *operator_manifests_row;
  GtkWidget        *operator_helm_row;
  AdwPreferencesGroup *steps_group;
  GtkProgressBar   *progress;
  GtkLabel         *status_label;

  /* Owned References */
  GPtrArray        *templates;       /* KdccSetupTemplate */
  GPtrArray        *template_checks; /* GtkCheckButton, as templates */
  KdccSetupParams  *params;
  GPtrArray        *param_rows;      /* GtkWidget, the rows of the parameters page */
  GHashTable       *type_errors;     /* key → message for values that are not of their type */
  char             *problems;
  char             *kubeconfig;
  GtkStringList    *contexts;
  GPtrArray        *checks;
  GPtrArray        *check_rows;      /* the rows of the checks group */
  GCancellable     *cancellable;     /* cancelled when the window closes */
  KdccSetupInstall *install;
  KdccJobManager   *jobs;
  GPtrArray        *step_rows;       /* AdwActionRow, as the install's steps */
  char             *manifests;
  char             *helm;
  gboolean          preflight_busy;
  gboolean          installing;
  GPtrArray        *preview_rows;    /* the preview stack's children */
};

typedef enum
{
  PAGE_TEMPLATE,
  PAGE_PARAMETERS,
  PAGE_PREFLIGHT,
  PAGE_PREVIEW,
  PAGE_INSTALL,
  N_PAGES
} WizardPage;

WizardPage _kdcc_setup_wizard_page           (KdccSetupWizard *self);
void       _kdcc_setup_wizard_update_buttons (KdccSetupWizard *self);
/* A client for the chosen context, or NULL with the error. */
KdccKubeClient *_kdcc_setup_wizard_client    (KdccSetupWizard *self,
                                              GError         **error);
void       _kdcc_setup_wizard_toast          (KdccSetupWizard *self,
                                              const char      *text);

/* kdcc-setup-wizard-pages.c */
void       _kdcc_setup_wizard_run_preflight  (KdccSetupWizard *self);
void       _kdcc_setup_wizard_build_preview  (KdccSetupWizard *self);
void       _kdcc_setup_wizard_build_steps    (KdccSetupWizard *self);
void       _kdcc_setup_wizard_start_install  (KdccSetupWizard *self);
void       _kdcc_setup_wizard_pages_class_init (GtkWidgetClass *widget_class);

G_END_DECLS
