/* kdcc-upgrade-page-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kdcc-release-catalog.h"
#include "kdcc-upgrade-headroom.h"
#include "kdcc-upgrade-orch.h"
#include "kdcc-upgrade-page.h"
#include "kdcc-upgrade-plan.h"
#include "kdcc-upgrade-run.h"

G_BEGIN_DECLS

/* Shared by kdcc-upgrade-page.c (the page, the plan and the preflight)
 * and kdcc-upgrade-page-run.c (the roll: buttons, progress, the wait). */

struct _KdccUpgradePage
{
  AdwBin               parent_instance;

  KdccSession         *session;
  char                *target;
  GCancellable        *cancellable;
  KdccReleaseCatalog  *catalog;
  KdccVersionSurvey   *survey;
  char                *require_osd_release;
  KdccOrchStatus      *orch;         /* NULL when it cannot be asked */
  double               nearfull_ratio;
  KdccCrushLayout     *crush;        /* NULL until read: host assumed */
  KdccCrushLayout     *crush_read;   /* written by the osd dump worker only */
  GPtrArray           *accepted;     /* health codes (char *) */
  KdccUpgradePlan     *plan;         /* NULL when refused: plan_error says why */
  char                *plan_error;
  GPtrArray           *checks;       /* KdccPreflightCheck */
  KdccUpgradeRun      *run;          /* while this page drives a roll */
  gboolean             run_active;
  KdccUpgradeState    *saved;        /* an upgrade in progress found on disk */
  char                *steps_key;    /* what the step rows show */
  gboolean             loaded;
  guint                tick_id;
  guint                stall_after;

  AdwPreferencesGroup *plan_group;
  AdwPreferencesGroup *preflight_group;
  AdwPreferencesGroup *accept_group;
  AdwPreferencesGroup *run_group;
  GPtrArray           *plan_rows;
  GPtrArray           *preflight_rows;
  GPtrArray           *accept_rows;
  AdwEntryRow         *template_row;
  GtkSwitch           *noautoscale_switch;
  AdwActionRow        *state_row;
  AdwActionRow        *wait_row;
  GtkImage            *wait_icon;
  GtkWidget           *start_button;
  GtkWidget           *pause_button;
  GtkWidget           *resume_button;
  GtkWidget           *abort_button;
};

gboolean          _kdcc_upgrade_page_in_progress   (const KdccUpgradeState *state);
KdccUpgradeState *_kdcc_upgrade_page_current_state (KdccUpgradePage        *self);
void              _kdcc_upgrade_page_show_steps    (KdccUpgradePage        *self,
                                                    const KdccUpgradeState *state);
void              _kdcc_upgrade_page_compute       (KdccUpgradePage        *self);
void              _kdcc_upgrade_page_emit_changed  (KdccUpgradePage        *self);
/* Shows the state: the buttons, the wait, the steps. */
void              _kdcc_upgrade_page_refresh       (KdccUpgradePage        *self);
/* Updates the page every second: the wait's duration, and the saved
 * state of an upgrade another process drives. */
void              _kdcc_upgrade_page_follow        (KdccUpgradePage        *self);
void              _kdcc_upgrade_page_start_clicked_cb  (KdccUpgradePage    *self);
void              _kdcc_upgrade_page_pause_clicked_cb  (KdccUpgradePage    *self);
void              _kdcc_upgrade_page_resume_clicked_cb (KdccUpgradePage    *self);
void              _kdcc_upgrade_page_abort_clicked_cb  (KdccUpgradePage    *self);

G_END_DECLS
