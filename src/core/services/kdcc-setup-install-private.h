/* kdcc-setup-install-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by kdcc-setup-install.c (the steps) and kdcc-setup-install-run.c
 * (the job that runs them).
 */
#pragma once

#include "kdcc-kube-watch.h"
#include "kdcc-setup-install.h"

G_BEGIN_DECLS

enum {
  PROP_0,
  PROP_PHASE,
  PROP_MESSAGE,
  PROP_HEALTH,
  N_PROPS
};

enum {
  STEP_CHANGED,
  N_SIGNALS
};

extern GParamSpec *_kdcc_setup_install_properties[N_PROPS];
extern guint _kdcc_setup_install_signals[N_SIGNALS];
extern const KdccKubeResource _kdcc_setup_crds;

struct _KdccSetupInstall
{
  GObject           parent_instance;

  /* Owned References */
  KdccKubeClient   *client;
  KdccSetupParams  *params;
  KdccAuditLog     *audit;
  GPtrArray        *objects;      /* KdccSetupObject: the template's */
  JsonObject       *values;
  GPtrArray        *operator;     /* KdccSetupStep: the operator's steps */
  GPtrArray        *steps;        /* KdccSetupStep: all, built at start */
  char             *kubeconfig;
  char             *context;
  KdccJob          *job;
  KdccKubeWatch    *watch;
  GMainContext     *owner;
  gulong            cancel_id;

  char             *phase;
  char             *message;
  char             *health;
};

#define CRD_WAIT_SECONDS 60

void _kdcc_setup_install_build_steps (KdccSetupInstall *self);

G_END_DECLS
