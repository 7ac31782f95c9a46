/* kdcc-http-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kdcc-http.h"

G_BEGIN_DECLS

/* The parts of kdcc_http_send() that KdccHttpStream shares: one exchange
 * under a deadline timer, opened (sent, redirects counted, status and
 * headers read, the content type checked) and closed (the connection
 * dropped unless the answer was read to its end). */

/* Shared by the exchange and its timer source (reference counted), so a
 * timer that fires while the exchange is torn down finds a live
 * cancellable. */
typedef struct
{
  GCancellable *cancellable;
  gint          fired;
} KdccHttpDeadlineState;

typedef struct
{
  KdccHttpDeadlineState *state;
  GSource               *timer;
  GCancellable          *parent;
  gulong                 parent_handler;
} KdccHttpDeadline;

typedef struct
{
  const KdccHttpLimits *limits;
  SoupMessage          *msg;
  KdccHttpDeadline      deadline;
  char                 *what;        /* "GET http://host/path", for messages */
  guint                 restarts;
  gboolean              redirect_loop;
  guint64               wire_bytes;
  guint64               decoded_bytes;
  gulong                restarted_id;
} KdccHttpExchange;

/* Arms the deadline (limits->deadline_ms) and ties it to cancellable. */
void          _kdcc_http_exchange_init       (KdccHttpExchange      *ex,
                                              SoupMessage           *msg,
                                              const KdccHttpLimits  *limits,
                                              GCancellable          *cancellable);
/* Sends the request, asking for accept_encoding, and returns the body
 * stream once the headers have arrived and a 2xx answer has the expected
 * content type. Errors as kdcc_http_send(). */
GInputStream *_kdcc_http_exchange_open       (KdccHttpExchange      *ex,
                                              SoupSession           *session,
                                              const char            *accept_encoding,
                                              GError               **error);
/* Reads the rest of the body within the limits (kdcc_http_send()). */
GBytes       *_kdcc_http_exchange_read_body  (KdccHttpExchange      *ex,
                                              GInputStream          *stream,
                                              GError               **error);
/* Re-arms the deadline to ms from now (0: none). */
void          _kdcc_http_exchange_rearm      (KdccHttpExchange      *ex,
                                              guint                  ms);
gboolean      _kdcc_http_exchange_timed_out  (KdccHttpExchange      *ex);
/* Cancelled by the deadline, a redirect loop or the caller's cancellable. */
GCancellable *_kdcc_http_exchange_get_cancellable (KdccHttpExchange *ex);
/* Closes stream (may be NULL); drops the connection unless complete. */
void          _kdcc_http_exchange_clear      (KdccHttpExchange      *ex,
                                              GInputStream          *stream,
                                              gboolean               complete);

G_END_DECLS
