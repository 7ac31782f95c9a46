/* kdcc-daemon.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "kdcc-list-sync.h"
#include "kdcc-snapshot.h"

G_BEGIN_DECLS

#define KDCC_TYPE_DAEMON (kdcc_daemon_get_type ())

G_DECLARE_FINAL_TYPE (KdccDaemon, kdcc_daemon, KDCC, DAEMON, GObject)

/* One daemon other than an OSD: a mon, mgr, MDS or RGW, keyed by "TYPE.NAME". Properties (read-
 * only, notified on change): "full-name" (construct-only key), "daemon-type", "name", "host",
 * "addr", "version", "state", "rank", "in-quorum", "leader", "active", "filesystem". Signal
 * "changed" after an update that changed anything. */
KdccDaemon          *kdcc_daemon_new                    (const char *full_name);
const char          *kdcc_daemon_get_full_name          (KdccDaemon *self);
const char          *kdcc_daemon_get_daemon_type        (KdccDaemon *self);
const char          *kdcc_daemon_get_name               (KdccDaemon *self);
const char          *kdcc_daemon_get_host               (KdccDaemon *self);
const char          *kdcc_daemon_get_addr               (KdccDaemon *self);
const char          *kdcc_daemon_get_version            (KdccDaemon *self);
const char          *kdcc_daemon_get_state              (KdccDaemon *self);
gint64               kdcc_daemon_get_rank               (KdccDaemon *self);
gboolean             kdcc_daemon_get_in_quorum          (KdccDaemon *self);
gboolean             kdcc_daemon_get_leader             (KdccDaemon *self);
gboolean             kdcc_daemon_get_active             (KdccDaemon *self);
const char          *kdcc_daemon_get_filesystem         (KdccDaemon *self);
gboolean             kdcc_daemon_update                 (KdccDaemon           *self,
                                                         const KdccDaemonData *data);

/* The list sync of KdccDaemon items from KdccDaemonData elements. */
extern const KdccListSync kdcc_daemon_list_sync;

G_END_DECLS

