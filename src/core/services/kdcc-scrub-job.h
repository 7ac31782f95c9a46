/* kdcc-scrub-job.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kdcc-audit-log.h"
#include "kdcc-job.h"
#include "kdcc-source.h"

G_BEGIN_DECLS

/* Asks for a deep scrub of each PG of PGIDS in turn (`ceph pg deep-scrub
 * PGID`, an operation run through KdccOperationRunner and recorded in
 * AUDIT, nullable, under CONNECTION), waiting SPACING seconds between two
 * requests so that the OSDs' scrub queues are not flooded. The job's
 * progress counts the requests; after each but the last its status is
 * "Asked for I of N; waiting before the next" (the request is done and
 * audited by then); cancelling stops before the next one. The
 * job fails when a request is refused; its result is NULL. Ceph runs the
 * scrubs in the background: the PGs' last_deep_scrub_stamp moves when each
 * is done. */
KdccJob *kdcc_scrub_deep_scrub_job_new (KdccSource   *source,
                                        KdccAuditLog *audit,
                                        const char   *connection,
                                        const char   *title,
                                        GPtrArray    *pgids,
                                        double        spacing);

/* The default spacing between two requests, seconds. */
#define KDCC_SCRUB_DEFAULT_SPACING 2.0

G_END_DECLS
