/* kdcc-alertmanager.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kdcc-prometheus-parse.h"

G_BEGIN_DECLS

#define KDCC_TYPE_ALERTMANAGER (kdcc_alertmanager_get_type ())

G_DECLARE_FINAL_TYPE (KdccAlertmanager, kdcc_alertmanager, KDCC, ALERTMANAGER, GObject)

/* A client of an Alertmanager's API v2 (e.g. url "http://am.example:9093",
 * as KdccPrometheus' dup_alertmanagers() or the Dashboard's
 * ALERTMANAGER_API_HOST gives it), through the bounded HTTP layer. Its
 * alerts appear beside the health checks, marked as coming from there, and
 * can be silenced for a while with a comment.
 *
 * The _sync calls block (worker threads, kdcc-cli); the _async ones run
 * them on a worker thread. Thread-safe. Errors as KdccPrometheus'
 * (KDCC_ERROR_CONNECT, _TIMEOUT, _HTTP with the Alertmanager's own
 * sentence, _PARSE, _LIMIT, G_IO_ERROR_CANCELLED), and
 * KDCC_ERROR_INVALID_INPUT for a silence without a comment, duration or
 * matcher.
 *
 * Properties: "url" (string, construct-only). */
KdccAlertmanager *kdcc_alertmanager_new                  (const char        *url);
const char       *kdcc_alertmanager_get_url              (KdccAlertmanager  *self);
/* As kdcc_prometheus_set_limits(): the largest answer (bytes) and the
 * deadline of one exchange (ms) for every later request; 0 for the default
 * (KDCC_PROMETHEUS_DEADLINE_MS, and each call's own size limit). */
void              kdcc_alertmanager_set_limits           (KdccAlertmanager  *self,
                                                          guint64            max_body,
                                                          guint              deadline_ms);

/* GET /api/v2/alerts: every alert the Alertmanager holds, silenced ones
 * included (their state says "suppressed"). (element-type KdccAlert) */
GPtrArray        *kdcc_alertmanager_list_alerts_sync     (KdccAlertmanager  *self,
                                                          GCancellable      *cancellable,
                                                          GError           **error);
void              kdcc_alertmanager_list_alerts_async    (KdccAlertmanager  *self,
                                                          GCancellable      *cancellable,
                                                          GAsyncReadyCallback callback,
                                                          gpointer           user_data);
GPtrArray        *kdcc_alertmanager_list_alerts_finish   (KdccAlertmanager  *self,
                                                          GAsyncResult      *result,
                                                          GError           **error);

/* The Alertmanager's version, from GET /api/v2/status (versionInfo). */
char             *kdcc_alertmanager_dup_version_sync     (KdccAlertmanager  *self,
                                                          GCancellable      *cancellable,
                                                          GError           **error);

/* POST /api/v2/silences: silences the alerts whose labels equal matchers
 * (element-type utf8 utf8; an alert's own labels silence exactly it) from
 * now for duration_s seconds, with comment, created by created_by (NULL:
 * "KDCC"). Returns the silence id. */
char             *kdcc_alertmanager_create_silence_sync  (KdccAlertmanager  *self,
                                                          GHashTable        *matchers,
                                                          guint              duration_s,
                                                          const char        *comment,
                                                          const char        *created_by,
                                                          GCancellable      *cancellable,
                                                          GError           **error);
void              kdcc_alertmanager_create_silence_async (KdccAlertmanager  *self,
                                                          GHashTable        *matchers,
                                                          guint              duration_s,
                                                          const char        *comment,
                                                          const char        *created_by,
                                                          GCancellable      *cancellable,
                                                          GAsyncReadyCallback callback,
                                                          gpointer           user_data);
char             *kdcc_alertmanager_create_silence_finish (KdccAlertmanager *self,
                                                           GAsyncResult     *result,
                                                           GError          **error);

/* DELETE /api/v2/silence/ID: ends the silence now (Alertmanager keeps it as
 * "expired"). */
gboolean          kdcc_alertmanager_delete_silence_sync  (KdccAlertmanager  *self,
                                                          const char        *silence_id,
                                                          GCancellable      *cancellable,
                                                          GError           **error);
void              kdcc_alertmanager_delete_silence_async (KdccAlertmanager  *self,
                                                          const char        *silence_id,
                                                          GCancellable      *cancellable,
                                                          GAsyncReadyCallback callback,
                                                          gpointer           user_data);
gboolean          kdcc_alertmanager_delete_silence_finish (KdccAlertmanager *self,
                                                           GAsyncResult     *result,
                                                           GError          **error);

G_END_DECLS
