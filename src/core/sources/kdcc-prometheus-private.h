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

/* The request both clients send: method on base_url + path_and_query,
 * asking for JSON, with json_body (or no body). NULL with
 * KDCC_ERROR_INVALID_INPUT when base_url does not make a URL. */
SoupMessage *_kdcc_prometheus_message_new (const char  *what,
                                           const char  *base_url,
                                           const char  *method,
                                           const char  *path_and_query,
                                           const char  *json_body,
                                           GError     **error);

G_END_DECLS
