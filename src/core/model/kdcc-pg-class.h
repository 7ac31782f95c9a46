/* kdcc-pg-class.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kdcc-impact.h"

G_BEGIN_DECLS

/* The one classification of PG states in KDCC: the dashboard, the
 * diagnostics summary, the CLI and the pages all count with it, so their
 * numbers agree with each other and with `ceph -s`.
 *
 * STATE is Ceph's "+"-joined state string ("active+clean+scrubbing",
 * "stale+active+clean", "unknown").
 *
 * - clean: "active" first, "clean", and otherwise only the routine activity
 *   words scrubbing, deep, snaptrim and snaptrim_wait. Anything else
 *   ("stale+active+clean", "active+clean+remapped", "active+clean+laggy")
 *   is not clean.
 * - active: the word "active" and none of the words that mean the PG does
 *   not serve IO: stale, unknown, creating, activating, peering, peered,
 *   down, incomplete. A stale PG keeps its last reported "active" word, but
 *   nobody has vouched for it since: it is not active.
 * - degraded: "degraded" or "undersized" (fewer copies than the pool's size).
 * - impact: the worst impact of its words (see kdcc_pg_class_word_impact());
 *   a PG that is not clean for no named reason is at risk, as Ceph's
 *   PG_DEGRADED counts PGs stuck unclean. */
gboolean   kdcc_pg_class_is_clean      (const char *state);
gboolean   kdcc_pg_class_is_active     (const char *state);
gboolean   kdcc_pg_class_is_stale      (const char *state);
gboolean   kdcc_pg_class_is_degraded   (const char *state);
KdccImpact kdcc_pg_class_get_impact    (const char *state);

/* One state word (e.g. "backfill_toofull"). Unknown words are FALSE / NONE. */
gboolean   kdcc_pg_class_is_known_word (const char *word);
KdccImpact kdcc_pg_class_word_impact   (const char *word);

/* Counters over (state, count) pairs, such as status's pgs_by_state. */
typedef struct
{
  gint64 total;
  gint64 clean;
  gint64 not_clean;       /* total - clean: "not active+clean" */
  gint64 active;
  gint64 not_active;      /* total - active, stale ones included */
  gint64 stale;
  gint64 unknown;         /* state "unknown": no OSD has reported the PG */
  gint64 degraded;
  gint64 by_impact[KDCC_IMPACT_LAST + 1];
} KdccPgCounts;

void       kdcc_pg_counts_init      (KdccPgCounts *counts);
void       kdcc_pg_counts_add       (KdccPgCounts *counts,
                                     const char   *state,
                                     gint64        count);
/* Adds every item of STATES, a list of KdccPgState. */
void       kdcc_pg_counts_add_model (KdccPgCounts *counts,
                                     GListModel   *states);

G_END_DECLS
