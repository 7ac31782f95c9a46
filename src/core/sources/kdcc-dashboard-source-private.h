/* kdcc-dashboard-source-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "kdcc-dashboard-source.h"

G_BEGIN_DECLS

/*< private >*/
/* Shared by kdcc-dashboard-source.c (the source and its snapshot) and
 * kdcc-dashboard-request.c (login, requests, their limits and errors). */

/* The defaults of the "max-body-size" and "deadline" properties: see
 * kdcc-dashboard-request.c for why. */
#define DEFAULT_MAX_BODY_SIZE (64 * 1000 * 1000)
#define MIN_MAX_BODY_SIZE     (64 * 1000)
#define DEFAULT_DEADLINE_MS   20000

struct _KdccDashboardSource
{
  GObject       parent_instance;

  /* Guards everything below. Worker threads call the vfuncs concurrently;
   * one request at a time keeps the token and the session consistent. */
  GMutex        mutex;

  char         *base_url;             /* without a trailing slash */
  char         *user;
  char         *password;
  char         *trusted_fingerprint;  /* normalized "AB:CD:..." or NULL */
  char         *api_version;          /* "1.0" */

  /* A gateway in front of the dashboard (the Kubernetes service proxy),
   * or NULL; see kdcc_dashboard_source_set_gateway(). */
  GObject      *gateway;
  const KdccHttpGatewayFuncs *gateway_funcs;

  SoupSession  *session;
  char         *token;
  char         *peer_fingerprint;
  guint         login_count;

  /* Limits of every request; see DEFAULT_MAX_BODY_SIZE. */
  guint64       max_body_size;
  guint         deadline_ms;

  gint64        last_osdmap_epoch;
  /* Capacity per device class comes from /api/osd; light refreshes reuse
   * the one of the last heavy refresh. (element-type KdccClassCapacityData) */
  GPtrArray    *last_classes;
};

/* All called with self->mutex held. */
GBytes   *_kdcc_dashboard_send_locked    (KdccDashboardSource  *self,
                                          const char           *method,
                                          const char           *path,
                                          const char           *json_body,
                                          gboolean              with_token,
                                          guint                *status,
                                          GCancellable         *cancellable,
                                          GError              **error);
void      _kdcc_dashboard_set_auth_error (KdccDashboardSource  *self,
                                          GError              **error);
gboolean  _kdcc_dashboard_login_locked   (KdccDashboardSource  *self,
                                          GCancellable         *cancellable,
                                          GError              **error);
GBytes   *_kdcc_dashboard_get_locked     (KdccDashboardSource  *self,
                                          const char           *path,
                                          GCancellable         *cancellable,
                                          GError              **error);

G_END_DECLS
