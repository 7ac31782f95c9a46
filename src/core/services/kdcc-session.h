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
 * or an unreachable cluster fails the creation with a KdccError. */

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
KdccSession      *kdcc_session_new_finish       (GAsyncResult         *result,
                                                 GError              **error);
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
/* The refresh errors seen so far, oldest first, bounded; each a string with
 * its time ("2026-11-30 20:31:07 timed out after 10 s"). */
GPtrArray        *kdcc_session_dup_errors       (KdccSession          *self);

void              kdcc_session_start            (KdccSession          *self);
/* Stops the monitor and disconnects the source on the calling (main)
 * thread, so no librados handle is dropped on a worker at exit. */
void              kdcc_session_close            (KdccSession          *self);

G_END_DECLS
