/* kdcc-dashboard-source.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kdcc-http.h"
#include "kdcc-source.h"

G_BEGIN_DECLS

#define KDCC_TYPE_DASHBOARD_SOURCE (kdcc_dashboard_source_get_type ())

G_DECLARE_FINAL_TYPE (KdccDashboardSource, kdcc_dashboard_source, KDCC, DASHBOARD_SOURCE, GObject)

/* A KdccSource that reads the cluster through the Ceph Dashboard REST API
 * (the mgr "dashboard" module), e.g. url "https://mgr.example:8443".
 *
 * TLS is verified against the system CAs. trusted_fingerprint (the SHA-256
 * of the certificate's DER, hex, with or without colons, any case) makes the
 * source accept exactly that one certificate as well, for self-signed
 * dashboards; NULL trusts the system CAs only. */
KdccDashboardSource *kdcc_dashboard_source_new                 (const char           *url,
                                                                const char           *user,
                                                                const char           *password,
                                                                const char           *trusted_fingerprint);

/* A gateway in front of the dashboard, such as the Kubernetes API server's
 * service proxy: PREPARE gives every request what the gateway needs (its
 * Authorization header, client certificate and certificate check) and
 * SETUP_SESSION sets up the source's libsoup session for it (e.g. the
 * proxy). With a gateway, the dashboard's own token travels in its "token"
 * cookie, which the Ceph Dashboard accepts like its Authorization header,
 * because the gateway takes the Authorization header for itself; the system
 * CAs play no part (the gateway's PREPARE decides on certificates); and an
 * error the gateway itself answers (a Kubernetes Status) is reported as the
 * gateway's. */
typedef struct
{
  gboolean (*prepare)       (GObject       *gateway,
                             SoupMessage   *msg,
                             GCancellable  *cancellable,
                             GError       **error);
  void     (*setup_session) (GObject       *gateway,
                             SoupSession   *session);
} KdccHttpGatewayFuncs;

/* Call before the first request. GATEWAY is kept alive by the source. */
void                 kdcc_dashboard_source_set_gateway          (KdccDashboardSource        *self,
                                                                 GObject                    *gateway,
                                                                 const KdccHttpGatewayFuncs *funcs);

/* The SHA-256 fingerprint of the last certificate the server presented, as
 * colon-separated uppercase hex; NULL before the first TLS handshake. */
char                *kdcc_dashboard_source_get_peer_fingerprint (KdccDashboardSource  *self);

/* GET path (e.g. "/api/summary") with the session's token, logging in
 * first when needed. Returns the body of a 2xx answer. */
GBytes              *kdcc_dashboard_source_get_sync            (KdccDashboardSource  *self,
                                                                const char           *path,
                                                                GCancellable         *cancellable,
                                                                GError              **error);

/* Every request goes through kdcc_http_send() with limits of its own, set
 * through two properties:
 *
 * "max-body-size" (guint64, bytes, default 64 MB): the largest answer
 *   accepted for the maps (/api/osd, /api/health/full and any endpoint not
 *   known to be small), on the wire and decoded. Answers known to be small
 *   (/api/auth, /api/summary) keep their own smaller limit. Raise it for very
 *   large clusters; /api/osd is 13 MB at 10,000 OSDs.
 * "deadline" (guint, milliseconds, default 20,000): the whole exchange of
 *   one request, headers and body, not an idle timeout.
 *
 * A broken limit fails the request with KDCC_ERROR_LIMIT, KDCC_ERROR_TIMEOUT
 * or KDCC_ERROR_HTTP naming the request and the limit, and drops every
 * connection of the source. */

/*< private >*/
/* Test hooks. They exist so the live tests can drive real failure paths of a
 * real dashboard: an API version it does not serve (HTTP 415) and a token
 * it no longer accepts (transparent re-login). */
void                 kdcc_dashboard_source_set_api_version     (KdccDashboardSource  *self,
                                                                const char           *version);
void                 kdcc_dashboard_source_set_token           (KdccDashboardSource  *self,
                                                                const char           *token);
guint                kdcc_dashboard_source_get_login_count     (KdccDashboardSource  *self);

/* For the write path (kdcc-dashboard-apply.c): METHOD PATH with an
 * optional JSON body and the session's token, logging in when needed.
 * Returns the body of any answer but a refused log-in, with its HTTP
 * status in *STATUS; only transport and log-in failures are errors. */
GBytes              *_kdcc_dashboard_source_request_sync       (KdccDashboardSource  *self,
                                                                const char           *method,
                                                                const char           *path,
                                                                const char           *json_body,
                                                                guint                *status,
                                                                GCancellable         *cancellable,
                                                                GError              **error);

G_END_DECLS
