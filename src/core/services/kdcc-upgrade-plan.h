/* kdcc-upgrade-plan.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "kdcc-cluster.h"
#include "kdcc-daemon-versions.h"
#include "kdcc-release-catalog.h"

G_BEGIN_DECLS

/* The upgrade planner (issue 15): the path from the running release to a
 * target the release catalog knows, under Ceph's and Rook's rules
 * (ceph-facts.md §7), and the ordered steps of a package-based roll, each
 * with its exact `ceph` command. Pure (no I/O), so the CLI, the GUI and the
 * tests share it. Nothing here executes a step. */

typedef enum
{
  KDCC_UPGRADE_HOP_CEPH,   /* from/to: release names, "pacific" → "reef" */
  KDCC_UPGRADE_HOP_ROOK,   /* from/to: Rook lines, "1.12" → "1.13" */
} KdccUpgradeHopKind;

typedef struct
{
  KdccUpgradeHopKind  kind;
  char               *from;
  char               *to;
} KdccUpgradeHop;

void kdcc_upgrade_hop_free (KdccUpgradeHop *hop);

/* The hops from the running Ceph version (any form kdcc_ceph_version_parse
 * reads) to target_release ("reef"): each Ceph hop skips at most one major
 * release. With rook_line ("1.12"; NULL for clusters without Rook) the Rook
 * operator moves one minor at a time, each Rook hop placed before the Ceph
 * hop that needs it, so every Rook line on the way runs the Ceph release
 * of its moment. (element-type KdccUpgradeHop), in order. Fails with
 * KDCC_ERROR_INVALID_INPUT and the reason: unknown release, a downgrade,
 * the target already running, no Rook line on the way. */
GPtrArray *kdcc_upgrade_path (KdccReleaseCatalog  *catalog,
                              const char          *running,
                              const char          *target_release,
                              const char          *rook_line,
                              GError             **error);

/* The path as text: "Pacific → Reef → Squid" (Rook hops as "Rook 1.13"). */
char      *kdcc_upgrade_path_to_string (const GPtrArray *path);

typedef enum
{
  KDCC_UPGRADE_STEP_SET_FLAG,       /* ceph osd set noout */
  KDCC_UPGRADE_STEP_DAEMON,         /* restart one daemon on the new release */
  KDCC_UPGRADE_STEP_GATE,           /* wait until the command says it is safe */
  KDCC_UPGRADE_STEP_PREPARE,        /* e.g. max_mds 1 before the MDS */
  KDCC_UPGRADE_STEP_REQUIRE_RELEASE,/* ceph osd require-osd-release NEW */
  KDCC_UPGRADE_STEP_UNSET_FLAG,     /* ceph osd unset noout */
  /* Rook (kdcc-upgrade-rook.h): target is the version or image set. */
  KDCC_UPGRADE_STEP_ROOK_MANIFESTS, /* CRDs and common resources: by the admin */
  KDCC_UPGRADE_STEP_ROOK_OPERATOR,  /* the operator image (or its Helm chart) */
  KDCC_UPGRADE_STEP_ROOK_CEPH,      /* CephCluster.spec.cephVersion.image */
  KDCC_UPGRADE_STEP_ORCH_UPGRADE,   /* ceph orch upgrade start --image IMAGE (cephadm) */
} KdccUpgradeStepKind;

typedef struct
{
  KdccUpgradeStepKind  kind;
  char                *daemon_type;     /* DAEMON: "mon", "osd"; else NULL */
  char                *daemon_id;       /* DAEMON: "a", "3" */
  char                *host;            /* DAEMON, GATE of a host: NULL when unknown */
  char                *description;     /* translated */
  char                *command;         /* the exact `ceph …` command: the action,
                                         * or for a daemon the check once it is back */
  char                *restart_command; /* DAEMON: the template filled in, NULL without one */
  char                *target;          /* ROOK_*: the version or image it sets; else NULL */
} KdccUpgradeStep;

void kdcc_upgrade_step_free (KdccUpgradeStep *step);

typedef struct
{
  char      *running;          /* "16.2.15": the oldest daemon's version */
  char      *running_release;  /* "pacific" */
  char      *target_release;   /* "reef" */
  char      *target_version;   /* "18.2.8": its newest point release */
  GPtrArray *path;             /* (element-type KdccUpgradeHop) one Ceph hop */
  GPtrArray *steps;            /* (element-type KdccUpgradeStep) in order */
} KdccUpgradePlan;

void kdcc_upgrade_plan_free (KdccUpgradePlan *plan);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdccUpgradePlan, kdcc_upgrade_plan_free)

/* The plan of a package-based cluster to target_release. survey decides the
 * running version (its oldest); the daemons, hosts, OSDs and filesystems
 * come from cluster. restart_template ("ssh {host} sudo systemctl restart
 * ceph-{type}@{id}") fills each daemon step's restart_command; NULL leaves
 * them NULL. A target Ceph's rules refuse in one step fails with
 * KDCC_ERROR_INVALID_INPUT, the message naming the path to take. */
KdccUpgradePlan *kdcc_upgrade_plan_new (KdccReleaseCatalog  *catalog,
                                        KdccCluster         *cluster,
                                        KdccVersionSurvey   *survey,
                                        const char          *target_release,
                                        const char          *restart_template,
                                        GError             **error);

/* The plan option "pause the PG autoscaler during the upgrade": a step
 * `ceph osd pool set noautoscale` after noout is set, before the first
 * daemon, and `ceph osd pool unset noautoscale` before noout is unset at
 * the end. The run unsets it only when the upgrade set it, and puts back
 * each pool's pg_autoscale_mode, which Pacific's unset turns on for every
 * pool (kdcc-upgrade-noautoscale.c). */
void      kdcc_upgrade_plan_add_noautoscale (KdccUpgradePlan       *plan);
gboolean  kdcc_upgrade_step_is_noautoscale  (const KdccUpgradeStep *step);

/* "{type}", "{id}" and "{host}" replaced; an unknown host stays "{host}". */
char *kdcc_upgrade_fill_template (const char *template_,
                                  const char *type,
                                  const char *id,
                                  const char *host);

G_END_DECLS
