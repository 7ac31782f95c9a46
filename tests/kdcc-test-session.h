/* kdcc-test-session.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kdcc-session.h"
#include "kdcc-test-util.h"

G_BEGIN_DECLS

/* Creates a session and spins the default main context until it is there
 * or failed (at most 60 s). out_peer_fingerprint (may be NULL) receives
 * kdcc_session_new_dup_peer_fingerprint() of the attempt. */
KdccSession *kdcc_test_session_new (KdccProfile       *profile,
                                    const char        *password,
                                    KdccSessionFlags   flags,
                                    char             **out_peer_fingerprint,
                                    GError           **error);

/* Profiles for a test cluster: direct (its ceph.conf and keyring), and
 * dashboard (url, or the cluster's own dashboard when NULL). */
KdccProfile *kdcc_test_direct_profile    (KdccTestCluster *cluster);
/* The same named NAME, as a profile the window lists. */
KdccProfile *kdcc_test_named_profile     (KdccTestCluster *cluster,
                                          const char      *name);
KdccProfile *kdcc_test_dashboard_profile (KdccTestCluster *cluster,
                                          const char      *url);

/* Counts the refreshes of one monitor: "started" when busy turns TRUE,
 * "done" at each refresh-done, split into successes and failures, with a
 * copy of the last error. Lets a fault test wait for "the next refresh
 * that starts from now" rather than for a fixed time. */
typedef struct
{
  KdccMonitor *monitor;
  guint        started;
  guint        done;
  guint        successes;
  guint        failures;
  GError      *last_error;
  gulong       busy_id;
  gulong       done_id;
} KdccTestRefreshes;

void         kdcc_test_refreshes_watch  (KdccTestRefreshes *refreshes,
                                         KdccMonitor       *monitor);
void         kdcc_test_refreshes_clear  (KdccTestRefreshes *refreshes);
/* Spins until N refreshes that start after this call have completed (a
 * refresh in flight now does not count), or timeout_ms passed. */
gboolean     kdcc_test_refreshes_wait_next (KdccTestRefreshes *refreshes,
                                            guint              n,
                                            guint              timeout_ms);

/* A session of a test cluster whose monitor refreshes every second and
 * retries at least every max_backoff seconds, started, with its
 * refreshes counted. */
void         kdcc_test_session_start_fast (KdccSession       *session,
                                           guint              max_backoff,
                                           KdccTestRefreshes *refreshes);

G_END_DECLS
