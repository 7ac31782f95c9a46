/* kdcc-test-relay.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* tests/hostile/kdcc-hostile-relay, started in front of a real HTTP peer:
 * it relays everything to upstream_url except the requests for one path,
 * which it answers in the hostile way it was told (see the script for the
 * modes). Stopped and reaped by _free. */
typedef struct _KdccTestRelay KdccTestRelay;

KdccTestRelay *kdcc_test_relay_start    (const char    *upstream_url);
/* The same in front of an https:// upstream (the fake Kubernetes API
 * server) whose certificate CA_PATH's CA signed; the relay itself still
 * listens in plain HTTP. */
KdccTestRelay *kdcc_test_relay_start_with_ca (const char *upstream_url,
                                              const char *ca_path);
void           kdcc_test_relay_free     (KdccTestRelay *self);
/* "http://127.0.0.1:PORT" */
const char    *kdcc_test_relay_get_url  (KdccTestRelay *self);
/* Misbehave as mode on path (NULL: /api/health/full); param NULL for the
 * mode's default. "pass" relays everything again. */
void           kdcc_test_relay_set_mode (KdccTestRelay *self,
                                         const char    *mode,
                                         const char    *path,
                                         const char    *param);
/* Whether the client hung up in the middle of the last hostile answer, and
 * how many bytes of it the relay had sent by then. */
gboolean       kdcc_test_relay_client_closed (KdccTestRelay *self,
                                              guint64       *sent);

/* The relay's "stats" answer (see the script), e.g. "watches": the query
 * of every watch request it relayed. */
JsonObject    *kdcc_test_relay_get_stats (KdccTestRelay *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdccTestRelay, kdcc_test_relay_free)

G_END_DECLS
