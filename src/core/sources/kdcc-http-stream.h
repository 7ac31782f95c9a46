/* kdcc-http-stream.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "kdcc-http.h"

G_BEGIN_DECLS

/* A bounded reader for streamed, newline-delimited answers: a Kubernetes
 * watch (one JSON object per line) or a followed pod log (one line of text
 * per event). It sends its request through the same KdccHttp layer as
 * kdcc_http_send() (the caller's SoupSession, so the same TLS trust; the
 * caller's SoupMessage, so the same auth headers; the same redirect cap and
 * content-type check) and hands every complete line to the "event" signal on
 * the main context of the thread that called kdcc_http_stream_start(). The
 * network is read on a worker thread: nothing here blocks that context.
 *
 * Usage, for a watch:
 *
 *   static SoupMessage *
 *   watch_request_cb (KdccHttpStream *stream, const char *resume_token,
 *                     gpointer user_data)
 *   {
 *     // resume_token is what the caller last set (a resourceVersion), or
 *     // NULL. Return NULL to end the stream instead of reconnecting.
 *     g_autofree char *url = g_strdup_printf (
 *       "%s/api/v1/pods?watch=1&allowWatchBookmarks=true&resourceVersion=%s",
 *       base, resume_token);
 *     SoupMessage *msg = soup_message_new ("GET", url);
 *     // add the Authorization header as for any other request
 *     return msg;
 *   }
 *
 *   static void
 *   watch_event_cb (KdccHttpStream *stream, GBytes *line, gpointer user_data)
 *   {
 *     // parse one {"type":…,"object":…}; on success remember the object's
 *     // metadata.resourceVersion:
 *     kdcc_http_stream_set_resume_token (stream, rv);
 *   }
 *
 *   stream = kdcc_http_stream_new (session, &limits, watch_request_cb, self, NULL);
 *   kdcc_http_stream_set_resume_token (stream, list_resource_version);
 *   g_signal_connect (stream, "event", G_CALLBACK (watch_event_cb), self);
 *   g_signal_connect (stream, "finished", G_CALLBACK (watch_finished_cb), self);
 *   kdcc_http_stream_start (stream, cancellable);
 *   …
 *   kdcc_http_stream_stop (stream);   // no signal is emitted after this
 *
 * Reconnection. When a connection is lost for a reason that a new
 * connection may cure (the silence deadline passed, the connection broke or
 * was refused, the server ended the answer, HTTP 429 or 5xx), the stream
 * emits "reconnecting", waits a backoff delay (reconnect_initial_ms,
 * doubling up to reconnect_max_ms) and calls the request function again
 * with the current resume token. Events already read are all delivered
 * before that, so the token the caller set from the last event is the right
 * one. After max_reconnects attempts in a row without an event in between,
 * the stream finishes with the last error. An event resets the count.
 *
 * It finishes ("finished" with an error) without reconnecting when
 *  - an event line is longer than max_event_bytes, or the events read but not
 *    yet delivered (the main context is busy) exceed max_buffered_bytes:
 *    KDCC_ERROR_LIMIT, naming the request and the limit; reconnecting would
 *    meet the same event or the same slow consumer;
 *  - the server answers 410 Gone: KDCC_HTTP_STREAM_ERROR_EXPIRED (Kubernetes:
 *    the resourceVersion is too old; list again and start a new watch from
 *    the list's resourceVersion);
 *  - the server answers 401 or 403 (KDCC_ERROR_AUTH), another 4xx, a 2xx of
 *    the wrong content type, a content encoding, or too many redirects
 *    (KDCC_ERROR_HTTP); or TLS fails (the transport's G_TLS_ERROR);
 *  - the cancellable given to kdcc_http_stream_start() is cancelled:
 *    G_IO_ERROR_CANCELLED;
 *  - the request function returns NULL: the error that ended the last
 *    connection, or no error when the server ended it cleanly;
 *  - a failure to connect is not worded here: it is the transport's error
 *    (G_IO_ERROR, G_RESOLVER_ERROR) as kdcc_http_send() returns it, after
 *    the reconnection attempts.
 *
 * A Kubernetes watch also reports an expired resourceVersion inside the
 * stream, as an event {"type":"ERROR","object":{"kind":"Status","code":410}}:
 * that one is the caller's to see; it then calls kdcc_http_stream_stop(),
 * lists again and starts a new stream.
 *
 * Silence and trickles. The silence deadline is the time allowed without any
 * byte arriving, re-armed after every chunk, whether or not it completed a
 * line. A peer that trickles one byte every few seconds inside one event
 * keeps the stream alive, but cannot make it hold more than max_event_bytes:
 * a trickle costs time, never memory. (A Kubernetes watch with
 * allowWatchBookmarks=true sends a bookmark about once a minute, and the
 * apiserver ends a watch after its timeoutSeconds, so a silence deadline of
 * a few minutes never cuts a healthy watch.) */

/* Limits of a streamed answer. Zero means "no limit" for each field. */
typedef struct
{
  /* For the request until its headers have arrived: deadline_ms is the
   * deadline for connecting, sending and the status line and headers;
   * max_redirects and content_type as for kdcc_http_send() ("application/json"
   * for a watch, "text/plain" for pod logs). max_body_bytes caps an error
   * answer's body (4xx/5xx), which is read whole for its message; the
   * stream's own bytes are bounded by the two fields below instead.
   * max_decoded_bytes is not used: a stream asks for no content coding. */
  KdccHttpLimits open;
  /* One line, without its newline. */
  guint64        max_event_bytes;
  /* Lines read but not yet handed to "event", plus the incomplete line. */
  guint64        max_buffered_bytes;
  /* No byte for this long: the connection is dropped and re-established. */
  guint          silence_ms;
  /* Reconnection attempts in a row without an event in between; 0 never
   * reconnects (the first lost connection finishes the stream). */
  guint          max_reconnects;
  /* The first backoff delay, doubled for each attempt in a row, and its
   * ceiling (0: every delay is reconnect_initial_ms). */
  guint          reconnect_initial_ms;
  guint          reconnect_max_ms;
} KdccHttpStreamLimits;

#define KDCC_HTTP_STREAM_ERROR (kdcc_http_stream_error_quark ())

/* Protocol answers for the caller's logic, not failures to show as such. */
typedef enum
{
  /* HTTP 410 Gone: the resume token is too old (Kubernetes: re-list). */
  KDCC_HTTP_STREAM_ERROR_EXPIRED,
} KdccHttpStreamError;

GQuark kdcc_http_stream_error_quark (void);

#define KDCC_TYPE_HTTP_STREAM (kdcc_http_stream_get_type ())

G_DECLARE_FINAL_TYPE (KdccHttpStream, kdcc_http_stream, KDCC, HTTP_STREAM, GObject)

/* Builds the request of one connection, on the main context, for the given
 * resume token (NULL until the caller sets one). Returns a new message
 * (transfer full), or NULL to end the stream. */
typedef SoupMessage *(*KdccHttpStreamRequestFunc) (KdccHttpStream *stream,
                                                   const char     *resume_token,
                                                   gpointer        user_data);

/* Signals, all emitted on the main context of kdcc_http_stream_start():
 *
 *   "connected"    (KdccHttpStream *stream)
 *       a connection's 2xx headers arrived; events follow.
 *   "event"        (KdccHttpStream *stream, GBytes *line)
 *       one line, in order, without its "\n" or "\r\n"; may be empty (a
 *       blank log line; a watch has none). The data is followed by a NUL
 *       byte that is not counted in its size, so it can be read as a string.
 *   "reconnecting" (KdccHttpStream *stream, GError *reason, guint attempt,
 *                   guint delay_ms)
 *       the connection was lost for reason; attempt (1, 2, …) starts after
 *       delay_ms with the current resume token.
 *   "finished"     (KdccHttpStream *stream, GError *error)
 *       the stream ended for good; error is NULL when the server ended its
 *       answer and the request function declined to reconnect (or
 *       max_reconnects is 0). Emitted once, never after
 *       kdcc_http_stream_stop().
 *
 * Every KDCC_ERROR message names the request's method and URL. */

/* session and limits are kept (the limits are copied). */
KdccHttpStream *kdcc_http_stream_new               (SoupSession                 *session,
                                                    const KdccHttpStreamLimits  *limits,
                                                    KdccHttpStreamRequestFunc    request_func,
                                                    gpointer                     user_data,
                                                    GDestroyNotify               user_data_destroy);
/* The token passed to the request function of the next connection. */
void            kdcc_http_stream_set_resume_token  (KdccHttpStream              *self,
                                                    const char                  *token);
const char     *kdcc_http_stream_get_resume_token  (KdccHttpStream              *self);
/* Starts the first connection. Call once. */
void            kdcc_http_stream_start             (KdccHttpStream              *self,
                                                    GCancellable                *cancellable);
/* Ends the stream now: drops the connection and any undelivered events.
 * No signal is emitted once it returns. Safe to call at any time, also from
 * a signal handler and more than once. */
void            kdcc_http_stream_stop              (KdccHttpStream              *self);
/* Between kdcc_http_stream_start() and "finished" or a stop. */
gboolean        kdcc_http_stream_is_running        (KdccHttpStream              *self);
/* Connections made so far (1 after the first one is sent). */
guint           kdcc_http_stream_get_connections   (KdccHttpStream              *self);

G_END_DECLS
