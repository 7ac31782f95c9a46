/* kdcc-prometheus-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kdcc-http.h"

G_BEGIN_DECLS

/* Shared by kdcc-prometheus.c and kdcc-alertmanager.c: sends one request
 * through the bounded HTTP layer and turns transport failures and non-2xx
 * answers into KDCC_ERRORs that name the peer (what: "Prometheus",
 * "Alertmanager") and its url. A GET's successful answer must be JSON; the
 * other methods may answer with nothing. */
GBytes *_kdcc_prometheus_http_send (SoupSession   *session,
                                    SoupMessage   *msg,
                                    const char    *what,
                                    const char    *url,
                                    guint64        max_body,
                                    guint          deadline_ms,
                                    GCancellable  *cancellable,
                                    GError       **error);

G_END_DECLS
