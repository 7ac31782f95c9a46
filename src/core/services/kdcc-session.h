/* kdcc-session.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kdcc-cluster.h"
#include "kdcc-monitor.h"
#include "kdcc-profile.h"
#include "kdcc-secret-store.h"
#include "kdcc-source.h"

G_BEGIN_DECLS

#define KDCC_TYPE_SESSION (kdcc_session_get_type ())

G_DECLARE_FINAL_TYPE (KdccSession, kdcc_session, KDCC, SESSION, GObject)

/* One connected cluster: the profile it was opened from, the source that
 * reaches it, the KdccCluster model, the KdccMonitor that refreshes it, the
 * history of refresh errors, the connection's capabilities and the services
 * bound to it. The window, each panel, kdcc-cli and the tests all start from
 * a session; nothing above src/core builds a source itself.
 *
 * A session is created asynchronously: the password of a Dashboard profile is
 * read from the Secret Service when none is given, the source is built and
 * (unless told otherwise) the first snapshot is fetched, so a wrong password
 * or an unreachable cluster fails the creation with a KdccError.
 *
 * Properties (all read-only; none changes after creation except "closed"):
 * "profile" (KdccProfile), "source" (KdccSource), "cluster" (KdccCluster,
 * named after kdcc_profile_dup_display_name()), "monitor" (KdccMonitor),
 * "capabilities" (KdccCapabilities, the source's), "closed" (boolean, TRUE
 * once kdcc_session_close() ran; notified once).
 * Signal "error-added" (const char *line) after each refresh error recorded
 * in the history, with the line kdcc_session_dup_errors() will return. */

typedef enum /*< flags >*/
{
  KDCC_SESSION_FLAGS_NONE           = 0,
  /* Return as soon as the source exists; the first refresh happens in the
   * monitor, and its failure shows as the cluster's last-error. */
  KDCC_SESSION_FLAGS_NO_FIRST_FETCH = 1 << 0,
} KdccSessionFlags;

void              kdcc_session_new_async        (KdccProfile          *profile,
                                                 const char           *password,
                                                 KdccSecretStore      *secret_store,
                                                 KdccSessionFlags      flags,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
/* password: for a Dashboard profile, or NULL to read it from secret_store
 * (a missing one fails with KDCC_ERROR_AUTH); ignored for other kinds.
 * secret_store may be NULL: one is made when a password must be read.
 * Fails with the profile's validation error (KDCC_ERROR_INVALID_INPUT: no
 * such ceph.conf, ...), the source's error of the first fetch
 * (KDCC_ERROR_AUTH, _CONNECT, _TLS, _TIMEOUT, ...), or G_IO_ERROR_CANCELLED. */
KdccSession      *kdcc_session_new_finish       (GAsyncResult         *result,
                                                 GError              **error);
/* After kdcc_session_new_async() failed with KDCC_ERROR_TLS on a Dashboard
 * profile: the SHA-256 fingerprint of the certificate the server presented,
 * so the user can be asked whether to trust it. NULL otherwise. */
char             *kdcc_session_new_dup_peer_fingerprint (GAsyncResult *result);
/* For a source built elsewhere (the demo cluster, tests). */
KdccSession      *kdcc_session_new_for_source   (KdccProfile          *profile,
                                                 KdccSource           *source);

KdccProfile      *kdcc_session_get_profile      (KdccSession          *self);
KdccSource       *kdcc_session_get_source       (KdccSession          *self);
KdccCluster      *kdcc_session_get_cluster      (KdccSession          *self);
KdccMonitor      *kdcc_session_get_monitor      (KdccSession          *self);
KdccCapabilities  kdcc_session_get_capabilities (KdccSession          *self);
gboolean          kdcc_session_has_capabilities (KdccSession          *self,
                                                 KdccCapabilities      needed);
/* The refresh errors seen so far, oldest first, the last
 * KDCC_SESSION_MAX_ERRORS; each a one-line string with its UTC time
 * ("2026-11-30 20:31:07 timed out after 10 s"). A new array of strings
 * (free with g_ptr_array_unref); pdata is also NULL-terminated, so it can be
 * passed as a const char * const * (kdcc_diagnostics_set_refresh_errors). */
#define KDCC_SESSION_MAX_ERRORS 20
GPtrArray        *kdcc_session_dup_errors       (KdccSession          *self);
gboolean          kdcc_session_get_closed       (KdccSession          *self);

/* Starts the monitor's refreshes. Not after close(). */
void              kdcc_session_start            (KdccSession          *self);
/* Stops the monitor and disconnects the source on the calling (main)
 * thread, so no librados handle is dropped on a worker at exit. Idempotent;
 * dispose calls it. The cluster keeps its last data. */
void              kdcc_session_close            (KdccSession          *self);

G_END_DECLS
