/* kdcc-impact.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What a problem means for the data, worst last so that MAX() of two
 * impacts is the worse one. Ceph's own severity (HEALTH_WARN/ERR) does not
 * say this: "6 PGs inactive" and "insecure global_id reclaim allowed" are
 * both HEALTH_WARN. Shared by the PG state classification and the health
 * check ranking, so every view orders problems the same way. */
typedef enum
{
  KDCC_IMPACT_NONE,
  KDCC_IMPACT_HYGIENE,           /*< nick=hygiene >*/
  KDCC_IMPACT_PERFORMANCE,       /*< nick=performance >*/
  KDCC_IMPACT_DATA_AT_RISK,      /*< nick=data-at-risk >*/
  KDCC_IMPACT_DATA_UNAVAILABLE,  /*< nick=data-unavailable >*/
} KdccImpact;

#define KDCC_IMPACT_LAST KDCC_IMPACT_DATA_UNAVAILABLE

/* "none", "hygiene", "performance", "data-at-risk", "data-unavailable":
 * stable, for JSON and data files. */
const char *kdcc_impact_to_string   (KdccImpact   impact);
gboolean    kdcc_impact_from_string (const char  *str,
                                     KdccImpact  *impact);
/* A short translated label, e.g. "Data unavailable". */
const char *kdcc_impact_get_label   (KdccImpact   impact);

G_END_DECLS
