/* kdcc-http-stream.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Design note. Each connection is a Connection shared by the stream (main
 * context) and one worker thread of its own that reads the answer. The worker
 * splits it into lines and queues them; an idle source on the main context
 * hands them to "event" one at a time and only then counts them as
 * delivered, so a consumer that is slow (its handler takes long, or the main
 * context is busy) really makes the queue grow, and max_buffered_bytes
 * really bounds it. The worker never waits for the consumer: it breaks the
 * stream instead, because a watch that falls behind by megabytes is better
 * re-listed than slowed down until the server drops it.
 *
 * The end of a connection is handled on the main context after every event
 * it read has been delivered, so the resume token the caller set from the
 * last event is the one the next connection asks for.
 */
#define G_LOG_DOMAIN "kdcc-http-stream"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kdcc-error.h"
#include "kdcc-http-private.h"
#include "kdcc-http-stream.h"

#define READ_SIZE (16 * 1024)
/* Events handed out per dispatch of the idle source, so a burst does not
 * hold the main context. */
#define EVENTS_PER_DISPATCH 64

G_DEFINE_QUARK (kdcc-http-stream-error-quark, kdcc_http_stream_error)

typedef struct
{
  gatomicrefcount  ref;
  /* Main context only: NULL once the stream has let go of it. */
  KdccHttpStream  *stream;

  /* Set before the worker starts, read-only afterwards. */
  SoupSession     *session;
  SoupMessage     *msg;
  KdccHttpStreamLimits limits;
  GMainContext    *context;
  GCancellable    *cancellable;

  GMutex           mutex;
  GQueue           events;         /* GBytes, under mutex */
  guint64          buffered;       /* queued bytes and the partial line */
  GSource         *deliver;        /* pending idle source, under mutex */
  gboolean         connected;      /* "connected" not yet emitted */
  gboolean         done;           /* the worker has ended */

  /* Written by the worker before it ends. */
  GError          *error;
  gboolean         retry;          /* a new connection may cure error */
  gboolean         clean;          /* the server ended the answer */
} Connection;

struct _KdccHttpStream
{
  GObject                    parent_instance;

  SoupSession               *session;
  KdccHttpStreamLimits       limits;
  KdccHttpStreamRequestFunc  request_func;
  gpointer                   user_data;
  GDestroyNotify             user_data_destroy;

  char                      *resume_token;
  GMainContext              *context;
  GCancellable              *cancellable;
  GSource                   *cancel_source;
  Connection                *conn;
  GSource                   *backoff;
  GError                    *last_error;
  gboolean                   last_clean;
  guint                      attempts;
  guint                      connections;
  gboolean                   running;
};

enum
{
  SIGNAL_CONNECTED,
  SIGNAL_EVENT,
  SIGNAL_RECONNECTING,
  SIGNAL_FINISHED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (KdccHttpStream, kdcc_http_stream, G_TYPE_OBJECT)

static void connect_next (KdccHttpStream *self);

/* Connections ------------------------------------------------------------------ */

static Connection *
connection_ref (Connection *conn)
{
  g_atomic_ref_count_inc (&conn->ref);
  return conn;
}

static void
connection_unref (gpointer data)
{
  Connection *conn = data;

  if (!g_atomic_ref_count_dec (&conn->ref))
    return;
  g_queue_clear_full (&conn->events, (GDestroyNotify) g_bytes_unref);
  g_clear_pointer (&conn->deliver, g_source_unref);
  g_clear_object (&conn->session);
  g_clear_object (&conn->msg);
  g_clear_pointer (&conn->context, g_main_context_unref);
  g_clear_object (&conn->cancellable);
  g_clear_error (&conn->error);
  g_mutex_clear (&conn->mutex);
  g_free (conn);
}

static gboolean deliver_cb (gpointer user_data);

/* Under conn->mutex. */
static void
schedule_delivery_locked (Connection *conn)
{
  if (conn->deliver != NULL)
    return;
  conn->deliver = g_idle_source_new ();
  g_source_set_static_name (conn->deliver, "[kdcc-http-stream] deliver");
  g_source_set_callback (conn->deliver, deliver_cb, connection_ref (conn), connection_unref);
  g_source_attach (conn->deliver, conn->context);
}

/* The worker ------------------------------------------------------------------- */

static char *
format_ms (guint ms)
{
  if (ms % 1000 == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u second", "%u seconds", ms / 1000),
                            ms / 1000);
  return g_strdup_printf (_("%.1f seconds"), ms / 1000.0);
}

/* Sorts a failure to send or to get the headers: only these are worth a new
 * connection. A redirect loop, a reply that is not HTTP, a wrong content
 * type and TLS failures are not. */
static gboolean
send_error_is_transient (const GError *error)
{
  if (error->domain == KDCC_ERROR)
    return error->code == KDCC_ERROR_TIMEOUT || error->code == KDCC_ERROR_CONNECT;
  return error->domain == G_IO_ERROR || error->domain == G_RESOLVER_ERROR;
}

static void
fail_on_status (Connection       *conn,
                KdccHttpExchange *ex,
                GInputStream     *stream)
{
  guint status = soup_message_get_status (conn->msg);
  g_autoptr(GBytes) body = NULL;

  /* Read (bounded) so the connection can be reused; the body is not shown:
   * the status says what the caller needs to know. */
  body = _kdcc_http_exchange_read_body (ex, stream, NULL);
  (void) body;

  if (status == SOUP_STATUS_GONE)
    g_set_error (&conn->error, KDCC_HTTP_STREAM_ERROR, KDCC_HTTP_STREAM_ERROR_EXPIRED,
                 _("%s answered HTTP 410 Gone: what it asks to resume from is too old"),
                 ex->what);
  else if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN)
    g_set_error (&conn->error, KDCC_ERROR, KDCC_ERROR_AUTH,
                 _("%s was refused (HTTP %u)"), ex->what, status);
  else
    {
      g_set_error (&conn->error, KDCC_ERROR, KDCC_ERROR_HTTP,
                   _("%s answered HTTP %u"), ex->what, status);
      conn->retry = status == 429 || status >= 500;   /* 429 Too Many Requests */
    }
}

/* Queues the line in partial (without its newline) and empties partial. */
static void
queue_line (Connection *conn,
            GByteArray *partial)
{
  gsize len = partial->len;
  guint8 *data;

  if (len > 0 && partial->data[len - 1] == '\r')
    len--;
  /* The NUL that the header promises, not counted in the size. */
  data = g_malloc (len + 1);
  memcpy (data, partial->data, len);
  data[len] = '\0';
  g_byte_array_set_size (partial, 0);

  g_mutex_lock (&conn->mutex);
  g_queue_push_tail (&conn->events, g_bytes_new_take (data, len));
  conn->buffered += len;
  schedule_delivery_locked (conn);
  g_mutex_unlock (&conn->mutex);
}

/* Splits n bytes of chunk into lines; FALSE with conn->error on a breach. */
static gboolean
take_chunk (Connection   *conn,
            const char   *what,
            GByteArray   *partial,
            const guint8 *chunk,
            gsize         n)
{
  const KdccHttpStreamLimits *limits = &conn->limits;

  while (n > 0)
    {
      const guint8 *nl = memchr (chunk, '\n', n);
      gsize span = nl ? (gsize) (nl - chunk) : n;
      guint64 buffered;

      /* Checked before the bytes are kept: an endless line costs no more
       * than the limit. */
      if (limits->max_event_bytes > 0 && partial->len + span > limits->max_event_bytes)
        {
          g_autofree char *limit = g_format_size (limits->max_event_bytes);

          g_set_error (&conn->error, KDCC_ERROR, KDCC_ERROR_LIMIT,
                       _("An event in the answer to %s is longer than its limit of %s; "
                         "the connection was dropped"), what, limit);
          return FALSE;
        }
      g_byte_array_append (partial, chunk, span);

      g_mutex_lock (&conn->mutex);
      buffered = conn->buffered;
      g_mutex_unlock (&conn->mutex);
      if (limits->max_buffered_bytes > 0 && buffered + partial->len > limits->max_buffered_bytes)
        {
          g_autofree char *limit = g_format_size (limits->max_buffered_bytes);

          g_set_error (&conn->error, KDCC_ERROR, KDCC_ERROR_LIMIT,
                       _("The answer to %s has more than its limit of %s waiting to be handled; "
                         "the connection was dropped"), what, limit);
          return FALSE;
        }

      if (nl == NULL)
        break;
      queue_line (conn, partial);
      chunk += span + 1;
      n -= span + 1;
    }
  return TRUE;
}

/* Reads one connection's answer until it ends; the outcome is left in
 * conn->error, conn->retry and conn->clean. */
static void
read_connection (Connection *conn)
{
  g_autoptr(GByteArray) partial = g_byte_array_new ();
  g_autofree guint8 *chunk = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *coding;
  GInputStream *stream;
  KdccHttpExchange ex;
  gboolean complete = FALSE;

  _kdcc_http_exchange_init (&ex, conn->msg, &conn->limits.open, conn->cancellable);
  /* A stream asks for no content coding: a gzip'd watch could not be
   * bounded per event before it is unpacked. */
  stream = _kdcc_http_exchange_open (&ex, conn->session, "identity", &local_error);
  if (stream == NULL)
    {
      conn->retry = send_error_is_transient (local_error);
      conn->error = g_steal_pointer (&local_error);
      goto out;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (conn->msg)))
    {
      fail_on_status (conn, &ex, stream);
      goto out;
    }

  coding = soup_message_headers_get_one (soup_message_get_response_headers (conn->msg),
                                         "Content-Encoding");
  if (coding != NULL && *coding != '\0' && g_ascii_strcasecmp (coding, "identity") != 0)
    {
      g_set_error (&conn->error, KDCC_ERROR, KDCC_ERROR_HTTP,
                   _("The answer to %s uses the content encoding “%s”, which KDCC does not read "
                     "in a stream"), ex.what, coding);
      goto out;
    }

  g_mutex_lock (&conn->mutex);
  conn->connected = TRUE;
  schedule_delivery_locked (conn);
  g_mutex_unlock (&conn->mutex);

  chunk = g_malloc (READ_SIZE);
  for (;;)
    {
      gssize n;

      _kdcc_http_exchange_rearm (&ex, conn->limits.silence_ms);
      n = g_input_stream_read (stream, chunk, READ_SIZE,
                               _kdcc_http_exchange_get_cancellable (&ex), &local_error);
      if (n > 0 && _kdcc_http_exchange_timed_out (&ex))
        n = -1;   /* the timer fired just as the bytes came: still silent too long */

      if (n < 0 && _kdcc_http_exchange_timed_out (&ex))
        {
          g_autofree char *limit = format_ms (conn->limits.silence_ms);

          g_clear_error (&local_error);
          g_set_error (&conn->error, KDCC_ERROR, KDCC_ERROR_TIMEOUT,
                       _("Nothing of the answer to %s arrived for %s; the connection was dropped"),
                       ex.what, limit);
          conn->retry = TRUE;
          break;
        }
      if (n < 0)
        {
          g_autofree char *got = g_format_size (ex.wire_bytes);

          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              conn->error = g_steal_pointer (&local_error);
              break;
            }
          g_set_error (&conn->error, KDCC_ERROR, KDCC_ERROR_CONNECT,
                       _("The connection broke while reading the answer to %s, after %s: %s"),
                       ex.what, got, local_error->message);
          conn->retry = TRUE;
          break;
        }
      if (n == 0)
        {
          conn->retry = TRUE;
          if (partial->len > 0)
            g_set_error (&conn->error, KDCC_ERROR, KDCC_ERROR_CONNECT,
                         _("The answer to %s ended in the middle of an event"), ex.what);
          else
            {
              g_set_error (&conn->error, KDCC_ERROR, KDCC_ERROR_CONNECT,
                           _("The server ended its answer to %s"), ex.what);
              conn->clean = TRUE;
              complete = TRUE;
            }
          break;
        }

      ex.wire_bytes += n;
      if (!take_chunk (conn, ex.what, partial, chunk, n))
        break;
    }

out:
  g_debug ("%s: %" G_GUINT64_FORMAT " bytes, %s", ex.what, ex.wire_bytes,
           conn->error ? conn->error->message : "no error");
  _kdcc_http_exchange_clear (&ex, stream, complete);
}

/* A thread of its own, not GTask's pool: a watch holds its thread for
 * hours, and a few of them would starve the pool that every source's
 * fetches share. */
static gpointer
read_thread (gpointer data)
{
  Connection *conn = data;

  read_connection (conn);

  g_mutex_lock (&conn->mutex);
  conn->done = TRUE;
  /* The delivery source ends the connection once the queue is empty. */
  schedule_delivery_locked (conn);
  g_mutex_unlock (&conn->mutex);
  connection_unref (conn);
  return NULL;
}

/* The main context -------------------------------------------------------------- */

static void
finish (KdccHttpStream *self,
        const GError   *error)
{
  g_autoptr(GObject) keep = g_object_ref (G_OBJECT (self));

  if (!self->running)
    return;
  kdcc_http_stream_stop (self);
  g_signal_emit (self, signals[SIGNAL_FINISHED], 0, error);
}

static gboolean
backoff_done_cb (gpointer user_data)
{
  KdccHttpStream *self = user_data;

  g_clear_pointer (&self->backoff, g_source_unref);
  connect_next (self);
  return G_SOURCE_REMOVE;
}

/* All of conn's events are delivered: reconnect, or finish. */
static void
connection_ended (KdccHttpStream *self,
                  Connection     *conn)
{
  g_autoptr(GObject) keep = g_object_ref (G_OBJECT (self));
  gboolean retry = conn->retry;
  guint delay;

  self->conn = NULL;
  g_clear_error (&self->last_error);
  self->last_error = g_steal_pointer (&conn->error);
  self->last_clean = conn->clean;
  conn->stream = NULL;
  connection_unref (conn);

  /* cancelled_cb reports a cancellation, whatever the worker saw. */
  if (self->cancellable != NULL && g_cancellable_is_cancelled (self->cancellable))
    return;

  if (!retry || self->attempts >= self->limits.max_reconnects)
    {
      finish (self, self->last_clean && self->limits.max_reconnects == 0 ? NULL
                                                                         : self->last_error);
      return;
    }

  self->attempts++;
  delay = self->limits.reconnect_initial_ms;
  for (guint i = 1; i < self->attempts && delay < self->limits.reconnect_max_ms; i++)
    delay *= 2;
  if (self->limits.reconnect_max_ms > 0)
    delay = MIN (delay, self->limits.reconnect_max_ms);

  g_debug ("reconnecting (attempt %u) in %u ms: %s", self->attempts, delay,
           self->last_error->message);
  g_signal_emit (self, signals[SIGNAL_RECONNECTING], 0, self->last_error, self->attempts, delay);
  if (!self->running)
    return;   /* stopped by a handler */

  self->backoff = g_timeout_source_new (delay);
  g_source_set_static_name (self->backoff, "[kdcc-http-stream] backoff");
  g_source_set_callback (self->backoff, backoff_done_cb, self, NULL);
  g_source_attach (self->backoff, self->context);
}

static gboolean
deliver_cb (gpointer user_data)
{
  Connection *conn = user_data;
  KdccHttpStream *self = conn->stream;
  g_autoptr(GObject) keep = NULL;
  gboolean connected, ended = FALSE, emptied = FALSE;

  if (self == NULL)
    {
      /* Stopped: the worker scheduled this as it ended. */
      g_mutex_lock (&conn->mutex);
      g_clear_pointer (&conn->deliver, g_source_unref);
      g_mutex_unlock (&conn->mutex);
      return G_SOURCE_REMOVE;
    }
  keep = g_object_ref (G_OBJECT (self));

  g_mutex_lock (&conn->mutex);
  connected = conn->connected;
  conn->connected = FALSE;
  g_mutex_unlock (&conn->mutex);
  if (connected)
    {
      g_signal_emit (self, signals[SIGNAL_CONNECTED], 0);
      if (conn->stream == NULL)
        return G_SOURCE_REMOVE;
    }

  for (guint i = 0; i < EVENTS_PER_DISPATCH; i++)
    {
      GBytes *line;

      g_mutex_lock (&conn->mutex);
      line = g_queue_peek_head (&conn->events);
      if (line == NULL)
        {
          /* Nothing more to hand out: the source goes, the next queued
           * line makes a new one. */
          g_clear_pointer (&conn->deliver, g_source_unref);
          emptied = TRUE;
          ended = conn->done;
          g_mutex_unlock (&conn->mutex);
          break;
        }
      /* A handler may stop the stream, which frees the queue. */
      g_bytes_ref (line);
      g_mutex_unlock (&conn->mutex);

      /* Counted as buffered until the handler has returned: a slow handler
       * is what max_buffered_bytes bounds. */
      self->attempts = 0;
      g_signal_emit (self, signals[SIGNAL_EVENT], 0, line);
      if (conn->stream == NULL)
        {
          g_bytes_unref (line);
          return G_SOURCE_REMOVE;
        }

      g_mutex_lock (&conn->mutex);
      g_bytes_unref (g_queue_pop_head (&conn->events));
      conn->buffered -= g_bytes_get_size (line);
      g_mutex_unlock (&conn->mutex);
      g_bytes_unref (line);
    }

  if (ended)
    {
      connection_ended (self, conn);
      return G_SOURCE_REMOVE;
    }
  /* Dropped above when the queue ran empty; a line queued since then has
   * made a new source. */
  return emptied ? G_SOURCE_REMOVE : G_SOURCE_CONTINUE;
}

static gboolean
cancelled_cb (GCancellable *cancellable,
              gpointer      user_data)
{
  KdccHttpStream *self = user_data;
  g_autoptr(GError) error = NULL;

  g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                       _("The stream was cancelled"));
  finish (self, error);
  return G_SOURCE_REMOVE;
}

static void
connect_next (KdccHttpStream *self)
{
  SoupMessage *msg;
  Connection *conn;

  msg = self->request_func (self, self->resume_token, self->user_data);
  if (!self->running)
    {
      g_clear_object (&msg);
      return;   /* stopped by the request function */
    }
  if (msg == NULL)
    {
      g_autoptr(GError) error = g_steal_pointer (&self->last_error);

      finish (self, self->last_clean ? NULL : error);
      return;
    }

  conn = g_new0 (Connection, 1);
  g_atomic_ref_count_init (&conn->ref);
  g_mutex_init (&conn->mutex);
  conn->stream = self;
  conn->session = g_object_ref (self->session);
  conn->msg = msg;
  conn->limits = self->limits;
  conn->context = g_main_context_ref (self->context);
  conn->cancellable = g_cancellable_new ();
  self->conn = conn;
  self->connections++;

  g_thread_unref (g_thread_new ("kdcc-http-stream", read_thread, connection_ref (conn)));
}

/* The object -------------------------------------------------------------------- */

static void
kdcc_http_stream_dispose (GObject *object)
{
  kdcc_http_stream_stop (KDCC_HTTP_STREAM (object));

  G_OBJECT_CLASS (kdcc_http_stream_parent_class)->dispose (object);
}

static void
kdcc_http_stream_finalize (GObject *object)
{
  KdccHttpStream *self = KDCC_HTTP_STREAM (object);

  if (self->user_data_destroy != NULL)
    self->user_data_destroy (self->user_data);
  g_clear_object (&self->session);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_error (&self->last_error);
  g_free (self->resume_token);

  G_OBJECT_CLASS (kdcc_http_stream_parent_class)->finalize (object);
}

static void
kdcc_http_stream_class_init (KdccHttpStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kdcc_http_stream_dispose;
  object_class->finalize = kdcc_http_stream_finalize;

  signals[SIGNAL_CONNECTED] =
    g_signal_new ("connected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_EVENT] =
    g_signal_new ("event", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1,
                  G_TYPE_BYTES | G_SIGNAL_TYPE_STATIC_SCOPE);
  signals[SIGNAL_RECONNECTING] =
    g_signal_new ("reconnecting", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 3,
                  G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE, G_TYPE_UINT, G_TYPE_UINT);
  signals[SIGNAL_FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1,
                  G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
kdcc_http_stream_init (KdccHttpStream *self)
{
}

KdccHttpStream *
kdcc_http_stream_new (SoupSession                *session,
                      const KdccHttpStreamLimits *limits,
                      KdccHttpStreamRequestFunc   request_func,
                      gpointer                    user_data,
                      GDestroyNotify              user_data_destroy)
{
  KdccHttpStream *self;

  g_return_val_if_fail (SOUP_IS_SESSION (session), NULL);
  g_return_val_if_fail (limits != NULL, NULL);
  g_return_val_if_fail (request_func != NULL, NULL);

  self = g_object_new (KDCC_TYPE_HTTP_STREAM, NULL);
  self->session = g_object_ref (session);
  /* open.content_type is kept as a pointer: a static string. */
  self->limits = *limits;
  self->request_func = request_func;
  self->user_data = user_data;
  self->user_data_destroy = user_data_destroy;
  return self;
}

void
kdcc_http_stream_set_resume_token (KdccHttpStream *self,
                                   const char     *token)
{
  g_return_if_fail (KDCC_IS_HTTP_STREAM (self));

  if (g_strcmp0 (self->resume_token, token) == 0)
    return;
  g_free (self->resume_token);
  self->resume_token = g_strdup (token);
}

const char *
kdcc_http_stream_get_resume_token (KdccHttpStream *self)
{
  g_return_val_if_fail (KDCC_IS_HTTP_STREAM (self), NULL);

  return self->resume_token;
}

void
kdcc_http_stream_start (KdccHttpStream *self,
                        GCancellable   *cancellable)
{
  g_return_if_fail (KDCC_IS_HTTP_STREAM (self));
  g_return_if_fail (self->context == NULL);

  self->context = g_main_context_ref_thread_default ();
  self->running = TRUE;
  if (cancellable != NULL)
    {
      self->cancellable = g_object_ref (cancellable);
      self->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_static_name (self->cancel_source, "[kdcc-http-stream] cancelled");
      g_source_set_callback (self->cancel_source, G_SOURCE_FUNC (cancelled_cb), self, NULL);
      g_source_attach (self->cancel_source, self->context);
    }
  connect_next (self);
}

void
kdcc_http_stream_stop (KdccHttpStream *self)
{
  Connection *conn;

  g_return_if_fail (KDCC_IS_HTTP_STREAM (self));

  self->running = FALSE;
  if (self->cancel_source != NULL)
    {
      g_source_destroy (self->cancel_source);
      g_clear_pointer (&self->cancel_source, g_source_unref);
    }
  if (self->backoff != NULL)
    {
      g_source_destroy (self->backoff);
      g_clear_pointer (&self->backoff, g_source_unref);
    }

  conn = g_steal_pointer (&self->conn);
  if (conn != NULL)
    {
      conn->stream = NULL;
      g_cancellable_cancel (conn->cancellable);
      g_mutex_lock (&conn->mutex);
      if (conn->deliver != NULL)
        {
          g_source_destroy (conn->deliver);
          g_clear_pointer (&conn->deliver, g_source_unref);
        }
      g_queue_clear_full (&conn->events, (GDestroyNotify) g_bytes_unref);
      conn->buffered = 0;
      g_mutex_unlock (&conn->mutex);
      connection_unref (conn);
    }
}

gboolean
kdcc_http_stream_is_running (KdccHttpStream *self)
{
  g_return_val_if_fail (KDCC_IS_HTTP_STREAM (self), FALSE);

  return self->running;
}

guint
kdcc_http_stream_get_connections (KdccHttpStream *self)
{
  g_return_val_if_fail (KDCC_IS_HTTP_STREAM (self), 0);

  return self->connections;
}
