/* kdcc-upgrade-probe.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kdcc-source.h"

G_BEGIN_DECLS

/* The questions the upgrade run asks the cluster before, during and after
 * each daemon (the gates), one Ceph command each, blocking (call them on a
 * worker thread). A probe returns TRUE when the condition holds; FALSE
 * with *reason (translated, naming Ceph's own words where it gave some)
 * when it does not, or when the cluster could not be asked: during a roll
 * a mon restarting makes commands fail for a moment, which is a wait, not
 * an error. */

/* Every mon of the monmap is in quorum (`quorum_status`); *n_mons gets
 * the monmap's size (0 when unknown). */
gboolean kdcc_upgrade_probe_quorum          (KdccSource    *source,
                                             guint         *n_mons,
                                             GCancellable  *cancellable,
                                             char         **reason);
/* Every PG is active+clean (`status`). */
gboolean kdcc_upgrade_probe_pgs_clean       (KdccSource    *source,
                                             GCancellable  *cancellable,
                                             char         **reason);
/* `TYPE ok-to-stop ID` (mon: a mon command; osd: an mgr command) says
 * yes. Refused: Ceph's message is the reason. */
gboolean kdcc_upgrade_probe_ok_to_stop      (KdccSource    *source,
                                             const char    *type,
                                             const char    *id,
                                             GCancellable  *cancellable,
                                             char         **reason);
/* TYPE.ID runs release MAJOR or newer and is back in service: a mon in
 * quorum, the mgr active and available (or a standby), an OSD up. From
 * `TYPE metadata`; *version gets the version it reports (NULL when none). */
gboolean kdcc_upgrade_probe_daemon_back     (KdccSource    *source,
                                             const char    *type,
                                             const char    *id,
                                             guint          major,
                                             GCancellable  *cancellable,
                                             char         **version,
                                             char         **reason);
/* `mon dump`'s min_mon_release is MAJOR or newer. */
gboolean kdcc_upgrade_probe_min_mon_release (KdccSource    *source,
                                             guint          major,
                                             GCancellable  *cancellable,
                                             char         **reason);
/* Every OSD reports release MAJOR (`versions`). */
gboolean kdcc_upgrade_probe_osds_on         (KdccSource    *source,
                                             guint          major,
                                             GCancellable  *cancellable,
                                             char         **reason);
/* From `osd dump`: whether FLAG is set, and require_osd_release. */
gboolean kdcc_upgrade_probe_osd_dump        (KdccSource    *source,
                                             const char    *flag,
                                             gboolean      *flag_set,
                                             char         **require_osd_release,
                                             GCancellable  *cancellable,
                                             GError       **error);

G_END_DECLS
