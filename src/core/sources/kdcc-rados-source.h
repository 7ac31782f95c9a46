/* kdcc-rados-source.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kdcc-source.h"

G_BEGIN_DECLS

#define KDCC_TYPE_RADOS_SOURCE (kdcc_rados_source_get_type ())

G_DECLARE_FINAL_TYPE (KdccRadosSource, kdcc_rados_source, KDCC, RADOS_SOURCE, GObject)

/* A KdccSource (kind "rados") that talks to the cluster directly through
 * librados mon and mgr commands.
 *
 * CONF_PATH is a ceph.conf (NULL: librados' default search path),
 * KEYRING_PATH the client keyring (NULL: whatever the conf names) and
 * CLIENT_ID the client name without "client.", e.g. "admin" (NULL: "admin").
 *
 * The connection is made lazily by the first call, with every librados
 * timeout set to KDCC_RADOS_TIMEOUT_S, and is dropped after a connection
 * failure so the next call reconnects. Errors: an unreadable keyring or a
 * refused key give KDCC_ERROR_AUTH, an unreadable conf or unreachable
 * monitors KDCC_ERROR_CONNECT, silent monitors KDCC_ERROR_TIMEOUT, and a
 * failing command KDCC_ERROR_COMMAND. */
#define KDCC_RADOS_TIMEOUT_S 10

KdccRadosSource *kdcc_rados_source_new              (const char      *conf_path,
                                                     const char      *keyring_path,
                                                     const char      *client_id);

const char      *kdcc_rados_source_get_conf_path    (KdccRadosSource *self);
const char      *kdcc_rados_source_get_keyring_path (KdccRadosSource *self);
const char      *kdcc_rados_source_get_client_id    (KdccRadosSource *self);

/* The librados handles of the process not shut down yet. A source drops
 * its handle when disconnected or finalized, a worker still fetching on it
 * when its call returns, and a disconnected source's task may need the
 * main context to finish. Wait for none before the process exits:
 * librados' threads still at work while exit() cleans OpenSSL up crash
 * the process. */
guint            kdcc_rados_source_get_open_handles (void);
/* Connection attempts SELF has started: callers that arrive while one is
 * under way wait for it and share its outcome instead of starting their
 * own. */
guint            kdcc_rados_source_get_connect_attempts (KdccRadosSource *self);
/* Spins the default main context (a finished task may hold a closed
 * session's source) until no handle is open or TIMEOUT_MS passes; returns
 * whether none is open. */
gboolean         kdcc_rados_source_wait_closed      (guint            timeout_ms);

G_END_DECLS
