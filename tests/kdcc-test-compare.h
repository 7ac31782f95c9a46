/* kdcc-test-compare.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "kdcc-snapshot.h"
#include "kdcc-source.h"
#include "kdcc-test-util.h"

G_BEGIN_DECLS

/* The facts a live comparison checks, in one shape whether they come from
 * the real `ceph … -f json` CLI or from a snapshot: every health check with
 * its severity, summary, detail lines and muted flag; the PG count of each
 * state; each OSD's usage (osd df) and each pool's size, min_size, pg_num
 * and usage (osd pool ls detail, df detail). */
typedef struct _KdccTestFacts KdccTestFacts;

typedef enum
{
  KDCC_TEST_FACTS_CHECKS    = 1 << 0,
  KDCC_TEST_FACTS_PG_STATES = 1 << 1,
  KDCC_TEST_FACTS_OSD_USAGE = 1 << 2,
  KDCC_TEST_FACTS_POOLS     = 1 << 3,
  KDCC_TEST_FACTS_ALL       = 0xf,
} KdccTestFactsParts;

/* Five CLI calls: health detail, status, osd df, osd pool ls detail and
 * df detail. */
KdccTestFacts *kdcc_test_facts_from_cli      (KdccTestCluster    *cluster);
/* The snapshot must carry its OSD and pool lists (a full fetch). */
KdccTestFacts *kdcc_test_facts_from_snapshot (KdccSnapshot       *snap);
void           kdcc_test_facts_free          (KdccTestFacts      *facts);

/* NULL when the two agree on PARTS, else one line per difference.
 * exact: every number must be equal (to tell whether the cluster moved
 * between two CLI reads); otherwise percentages, which one side computes
 * from byte counts, agree within rounding (0.01 percentage points). */
char          *kdcc_test_facts_diff          (KdccTestFacts      *expected,
                                              KdccTestFacts      *actual,
                                              KdccTestFactsParts  parts,
                                              gboolean            exact);

/* Fetches SOURCE's snapshot between two CLI reads until the CLI read the
 * same twice (the cluster did not move meanwhile), for at most timeout_s
 * seconds with a second between attempts, and asserts that the snapshot
 * agrees with it. Every fetch forces the heavy maps, since a light
 * snapshot has no OSD and pool lists. lags: the source reads a delayed
 * copy of what the CLI reads (the Dashboard serves the mgr's view), so a
 * difference on a still cluster is retried too; otherwise it fails at
 * once. (This comparison found that the pools' own figures in
 * /api/health/full lag ten requests behind `ceph df`; the source now reads
 * df.pools instead.) */
void           kdcc_test_assert_source_matches_cli (KdccTestCluster    *cluster,
                                                    KdccSource         *source,
                                                    KdccTestFactsParts  parts,
                                                    gboolean            lags,
                                                    guint               timeout_s);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdccTestFacts, kdcc_test_facts_free)

G_END_DECLS
