/* kdcc-upgrade-preflight.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "kdcc-cluster.h"
#include "kdcc-daemon-versions.h"
#include "kdcc-release-catalog.h"
#include "kdcc-source.h"

G_BEGIN_DECLS

/* The checks before an upgrade (issue 15, ceph-facts.md §7's
 * health-verification list), each with its result and the reason. Pure:
 * it reads the model, the version survey and what `osd dump` said. */

typedef enum
{
  KDCC_PREFLIGHT_PASS,
  KDCC_PREFLIGHT_WARN,   /* allowed, with a risk said */
  KDCC_PREFLIGHT_FAIL,
} KdccPreflightResult;

typedef struct
{
  char                *id;      /* "health", "pgs", "mons", "mgr", "osds", "full",
                                 * "headroom", "require-osd-release", "versions" */
  char                *title;   /* translated */
  KdccPreflightResult  result;
  char                *reason;  /* translated */
} KdccPreflightCheck;

void kdcc_preflight_check_free (KdccPreflightCheck *check);

/* The pools' CRUSH rules and tree (kdcc-upgrade-headroom.h). */
typedef struct _KdccCrushLayout KdccCrushLayout;

typedef struct
{
  /* Health check codes the admin accepts, one by one; NULL-terminated or NULL. */
  const char * const *accepted_warnings;
  /* From `osd dump`: "pacific"; NULL when unknown. */
  const char         *require_osd_release;
  /* From `osd dump`, 0..1; 0 means Ceph's default 0.85. */
  double              nearfull_ratio;
  /* An upgrade in progress is resumed: mixed versions are expected. */
  gboolean            resuming;
  /* From kdcc_crush_layout_read(); NULL: the headroom check assumes
   * host failure domains, from the model. */
  const KdccCrushLayout *crush;
} KdccPreflightInput;

/* (element-type KdccPreflightCheck) in the order above. */
GPtrArray *kdcc_upgrade_preflight_run    (KdccCluster              *cluster,
                                          KdccVersionSurvey        *survey,
                                          KdccReleaseCatalog       *catalog,
                                          const KdccPreflightInput *input);
/* TRUE when no check failed. */
gboolean   kdcc_upgrade_preflight_passed (const GPtrArray          *checks);
/* The check with this id, or NULL. */
KdccPreflightCheck *kdcc_upgrade_preflight_find (const GPtrArray *checks,
                                                 const char      *id);
const char *kdcc_preflight_result_to_string (KdccPreflightResult result);

/* Reads require_osd_release and nearfull_ratio from `osd dump -f json`.
 * KDCC_ERROR_PARSE when json is not an object. */
gboolean   kdcc_upgrade_parse_osd_dump   (const char               *json,
                                          gssize                    length,
                                          char                    **require_osd_release,
                                          double                   *nearfull_ratio,
                                          GError                  **error);

/* Asks `osd dump` through SOURCE (blocking: a worker thread) and reads it
 * as kdcc_upgrade_parse_osd_dump does. */
gboolean   kdcc_upgrade_read_osd_dump    (KdccSource               *source,
                                          char                    **require_osd_release,
                                          double                   *nearfull_ratio,
                                          GCancellable             *cancellable,
                                          GError                  **error);

G_END_DECLS
