/* kdcc-http.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Design note. libsoup's own timeouts are idle timeouts: a peer that sends
 * one byte every few seconds, or header lines forever, never trips them, and
 * soup_session_send_and_read() keeps whatever arrives in memory. So the body
 * is read here in chunks with byte counters, and the whole exchange runs
 * under a private GCancellable that a timer cancels at the deadline. The
 * timers live on one small thread of their own with its own main context,
 * because the requests run on worker threads that have no main loop to
 * dispatch a timeout. A silence deadline for streamed answers is the same
 * timer re-armed after every chunk.
 *
 * Content coding is undone here, not by SoupContentDecoder, so the bytes on
 * the wire and the bytes in memory are both counted: a gzip bomb is a few
 * kilobytes on the wire and gigabytes decoded.
 */
#define G_LOG_DOMAIN "kdcc-http"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kdcc-error.h"
#include "kdcc-http.h"
#include "kdcc-http-private.h"

#define CHUNK_SIZE (64 * 1024)

/* Deadlines ------------------------------------------------------------------ */

static GMainContext *
deadline_context (void)
{
  static GMainContext *context;

  if (g_once_init_enter (&context))
    {
      GMainContext *ctx = g_main_context_new ();
      GMainLoop *loop = g_main_loop_new (ctx, FALSE);

      /* Lives as long as the process, like GLib's own worker thread. */
      g_thread_unref (g_thread_new ("kdcc-http-deadline", (GThreadFunc) g_main_loop_run, loop));
      g_once_init_leave (&context, ctx);
    }
  return context;
}

/* Shared by the request and its timer source, so a timer that fires while
 * the request is being torn down still finds a live cancellable. */
typedef KdccHttpDeadlineState DeadlineState;
typedef KdccHttpDeadline Deadline;

static void
deadline_state_clear (DeadlineState *state)
{
  g_clear_object (&state->cancellable);
}

static void
deadline_state_unref (gpointer data)
{
  g_atomic_rc_box_release_full (data, (GDestroyNotify) deadline_state_clear);
}

static gboolean
deadline_fired_cb (gpointer user_data)
{
  DeadlineState *state = user_data;

  g_atomic_int_set (&state->fired, TRUE);
  g_cancellable_cancel (state->cancellable);
  return G_SOURCE_REMOVE;
}

static void
parent_cancelled_cb (GCancellable *parent,
                     gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

/* (Re-)arms the timer to fire ms milliseconds from now; 0 disarms it. */
static void
deadline_arm (Deadline *self,
              guint     ms)
{
  if (self->timer != NULL)
    {
      g_source_destroy (self->timer);
      g_clear_pointer (&self->timer, g_source_unref);
    }
  if (ms == 0)
    return;

  self->timer = g_timeout_source_new (ms);
  g_source_set_static_name (self->timer, "[kdcc-http] deadline");
  g_source_set_callback (self->timer, deadline_fired_cb,
                         g_atomic_rc_box_acquire (self->state), deadline_state_unref);
  g_source_attach (self->timer, deadline_context ());
}

static void
deadline_init (Deadline     *self,
               GCancellable *parent,
               guint         ms)
{
  memset (self, 0, sizeof *self);
  self->state = g_atomic_rc_box_new0 (DeadlineState);
  self->state->cancellable = g_cancellable_new ();
  if (parent != NULL)
    {
      self->parent = g_object_ref (parent);
      /* Runs at once when parent is already cancelled. */
      self->parent_handler = g_cancellable_connect (parent, G_CALLBACK (parent_cancelled_cb),
                                                    g_object_ref (self->state->cancellable),
                                                    g_object_unref);
    }
  deadline_arm (self, ms);
}

static void
deadline_clear (Deadline *self)
{
  deadline_arm (self, 0);
  if (self->parent != NULL)
    {
      g_cancellable_disconnect (self->parent, self->parent_handler);
      g_clear_object (&self->parent);
    }
  g_clear_pointer (&self->state, deadline_state_unref);
}

static gboolean
deadline_passed (Deadline *self)
{
  return g_atomic_int_get (&self->state->fired);
}

/* Errors --------------------------------------------------------------------- */

static char *
format_duration (guint ms)
{
  if (ms % 1000 == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u second", "%u seconds", ms / 1000),
                            ms / 1000);
  return g_strdup_printf (_("%.1f seconds"), ms / 1000.0);
}

static void
set_deadline_error (KdccHttpExchange  *ex,
                    GError   **error)
{
  g_autofree char *limit = format_duration (ex->limits->deadline_ms);
  g_autofree char *got = g_format_size (ex->wire_bytes);

  /* TRANSLATORS: "GET http://host:8443/api/osd did not complete within its
   * deadline of 20 seconds (12.3 kB received)…" */
  g_set_error (error, KDCC_ERROR, KDCC_ERROR_TIMEOUT,
               _("%s did not complete within its deadline of %s (%s received); "
                 "the connection was dropped"),
               ex->what, limit, got);
}

static void
set_size_error (KdccHttpExchange  *ex,
                gboolean   decoded,
                guint64    announced,
                GError   **error)
{
  g_autofree char *limit = g_format_size (decoded ? ex->limits->max_decoded_bytes
                                                  : ex->limits->max_body_bytes);

  if (announced > 0)
    {
      g_autofree char *size = g_format_size (announced);

      g_set_error (error, KDCC_ERROR, KDCC_ERROR_LIMIT,
                   _("The answer to %s announces %s, more than its limit of %s; "
                     "the connection was dropped"),
                   ex->what, size, limit);
    }
  else if (decoded)
    {
      g_autofree char *wire = g_format_size (ex->wire_bytes);

      g_set_error (error, KDCC_ERROR, KDCC_ERROR_LIMIT,
                   _("The answer to %s unpacks to more than its limit of %s (from %s "
                     "compressed); the connection was dropped"),
                   ex->what, limit, wire);
    }
  else
    g_set_error (error, KDCC_ERROR, KDCC_ERROR_LIMIT,
                 _("The answer to %s is larger than its limit of %s; "
                   "the connection was dropped"),
                 ex->what, limit);
}

/* For a failure while the request is on its way or the headers arrive. */
static void
set_send_error (KdccHttpExchange  *ex,
                GError    *send_error,
                GError   **error)
{
  if (ex->redirect_loop ||
      g_error_matches (send_error, SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_TOO_MANY_REDIRECTS) ||
      g_error_matches (send_error, SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_REDIRECT_BAD_URI) ||
      g_error_matches (send_error, SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_REDIRECT_NO_LOCATION))
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_HTTP,
                   _("%s was redirected %u times, more than the %u allowed: "
                     "the server sends it round in a loop"),
                   ex->what, ex->restarts, ex->limits->max_redirects);
      return;
    }

  if (deadline_passed (&ex->deadline))
    {
      set_deadline_error (ex, error);
      return;
    }

  /* A flood of header lines (libsoup stops at its own header size limit),
   * a status line that is not HTTP, a peer that hangs up half-way. */
  if (send_error->domain == SOUP_SESSION_ERROR ||
      g_error_matches (send_error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_HTTP,
                   _("The answer to %s is not valid HTTP: %s"), ex->what, send_error->message);
      return;
    }

  g_propagate_error (error, g_error_copy (send_error));
}

/* For a failure while the body is read. */
static void
set_read_error (KdccHttpExchange  *ex,
                GError    *read_error,
                GError   **error)
{
  if (deadline_passed (&ex->deadline))
    set_deadline_error (ex, error);
  else if (g_error_matches (read_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_error_copy (read_error));
  else
    {
      g_autofree char *got = g_format_size (ex->wire_bytes);

      g_set_error (error, KDCC_ERROR, KDCC_ERROR_CONNECT,
                   _("The connection broke while reading the answer to %s, after %s: %s"),
                   ex->what, got, read_error->message);
    }
}

/* Content checks --------------------------------------------------------------- */

static gboolean
content_type_matches (const char *actual,
                      const char *expected)
{
  const char *slash;

  if (actual == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (actual, expected) == 0)
    return TRUE;

  /* "application/json" accepts "application/<anything>+json" (RFC 6839). */
  slash = strchr (expected, '/');
  if (slash != NULL && strchr (actual, '/') != NULL &&
      g_ascii_strncasecmp (actual, expected, slash - expected + 1) == 0)
    {
      g_autofree char *suffix = g_strconcat ("+", slash + 1, NULL);
      gsize alen = strlen (actual), slen = strlen (suffix);

      return alen > slen && g_ascii_strcasecmp (actual + alen - slen, suffix) == 0;
    }
  return FALSE;
}

/* An answer without a body has no content type to check (204 No Content,
 * a write that answers 200 with Content-Length: 0). */
static gboolean
is_empty (SoupMessage *msg)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (msg);

  if (soup_message_get_status (msg) == SOUP_STATUS_NO_CONTENT)
    return TRUE;

  switch (soup_message_headers_get_encoding (headers))
    {
    case SOUP_ENCODING_NONE:
      return TRUE;
    case SOUP_ENCODING_CONTENT_LENGTH:
      return soup_message_headers_get_content_length (headers) == 0;
    case SOUP_ENCODING_UNRECOGNIZED:
    case SOUP_ENCODING_EOF:
    case SOUP_ENCODING_CHUNKED:
    case SOUP_ENCODING_BYTERANGES:
    default:
      return FALSE;
    }
}

/* Returns FALSE for an encoding we do not undo; *out is NULL for identity. */
static gboolean
decoder_for (SoupMessage  *msg,
             GConverter  **out)
{
  const char *coding = soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                     "Content-Encoding");

  *out = NULL;
  if (coding == NULL || *coding == '\0' || g_ascii_strcasecmp (coding, "identity") == 0)
    return TRUE;
  if (g_ascii_strcasecmp (coding, "gzip") == 0 || g_ascii_strcasecmp (coding, "x-gzip") == 0)
    {
      *out = G_CONVERTER (g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP));
      return TRUE;
    }
  if (g_ascii_strcasecmp (coding, "deflate") == 0)
    {
      *out = G_CONVERTER (g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB));
      return TRUE;
    }
  return FALSE;
}

/* Appends decoded bytes, refusing to go past the decoded limit. */
static gboolean
take_decoded (KdccHttpExchange    *ex,
              GByteArray  *out,
              const void  *data,
              gsize        len,
              GError     **error)
{
  ex->decoded_bytes += len;
  if (ex->limits->max_decoded_bytes > 0 && ex->decoded_bytes > ex->limits->max_decoded_bytes)
    {
      set_size_error (ex, TRUE, 0, error);
      return FALSE;
    }
  g_byte_array_append (out, data, len);
  return TRUE;
}

/* Runs len wire bytes (or the end of input, len 0 with at_end) through the
 * decoder. */
static gboolean
decode_chunk (KdccHttpExchange     *ex,
              GConverter   *decoder,
              const guint8 *in,
              gsize         len,
              gboolean      at_end,
              gboolean     *finished,
              GByteArray   *out,
              GError      **error)
{
  g_autofree guint8 *buffer = g_malloc (CHUNK_SIZE);

  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      gsize bytes_read = 0, bytes_written = 0;
      GConverterResult result;

      result = g_converter_convert (decoder, in, len, buffer, CHUNK_SIZE,
                                    at_end ? G_CONVERTER_INPUT_AT_END : G_CONVERTER_NO_FLAGS,
                                    &bytes_read, &bytes_written, &local_error);
      if (result == G_CONVERTER_ERROR)
        {
          /* More input is needed before anything can come out. */
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT) && !at_end)
            return TRUE;
          g_set_error (error, KDCC_ERROR, KDCC_ERROR_HTTP,
                       _("The compressed answer to %s cannot be unpacked: %s"),
                       ex->what, local_error->message);
          return FALSE;
        }

      in += bytes_read;
      len -= bytes_read;
      if (!take_decoded (ex, out, buffer, bytes_written, error))
        return FALSE;

      if (result == G_CONVERTER_FINISHED)
        {
          *finished = TRUE;
          return TRUE;
        }
      /* All input taken and the output buffer not filled: nothing is
       * pending inside the decoder until more input arrives. */
      if (len == 0 && bytes_written < CHUNK_SIZE && !at_end)
        return TRUE;
      if (at_end && bytes_read == 0 && bytes_written == 0)
        {
          g_set_error (error, KDCC_ERROR, KDCC_ERROR_HTTP,
                       _("The compressed answer to %s ends early"), ex->what);
          return FALSE;
        }
    }
}

static void
restarted_cb (SoupMessage *msg,
              KdccHttpExchange    *ex)
{
  ex->restarts++;
  if (ex->restarts > ex->limits->max_redirects)
    {
      ex->redirect_loop = TRUE;
      g_cancellable_cancel (ex->deadline.state->cancellable);
    }
}

/* The exchange ------------------------------------------------------------------ */

SoupSession *
kdcc_http_session_new (void)
{
  SoupSession *session;

  session = soup_session_new_with_options ("timeout", 0,
                                           "idle-timeout", 60,
                                           "user-agent", "KDCC/" PACKAGE_VERSION,
                                           NULL);
  soup_session_remove_feature_by_type (session, SOUP_TYPE_CONTENT_DECODER);
  return session;
}

static GBytes *
read_body (KdccHttpExchange      *ex,
           GInputStream  *stream,
           GError       **error)
{
  g_autoptr(GConverter) decoder = NULL;
  g_autoptr(GByteArray) body = NULL;
  g_autofree guint8 *chunk = NULL;
  SoupMessageHeaders *headers = soup_message_get_response_headers (ex->msg);
  GCancellable *cancellable = ex->deadline.state->cancellable;
  gboolean finished = FALSE;
  goffset announced = 0;

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH)
    announced = soup_message_headers_get_content_length (headers);
  if (ex->limits->max_body_bytes > 0 && (guint64) announced > ex->limits->max_body_bytes)
    {
      set_size_error (ex, FALSE, announced, error);
      return NULL;
    }

  if (!decoder_for (ex->msg, &decoder))
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_HTTP,
                   _("The answer to %s uses the content encoding “%s”, which KDCC does not read"),
                   ex->what, soup_message_headers_get_one (headers, "Content-Encoding"));
      return NULL;
    }

  /* Without an announced size, start small: most answers are. An announced
   * size is within the limit here, but "no limit" must not trust it. */
  body = g_byte_array_sized_new (decoder == NULL && announced > 0
                                 ? (guint) MIN (announced, 64 << 20) : 4096);
  chunk = g_malloc (CHUNK_SIZE);

  for (;;)
    {
      g_autoptr(GError) read_error = NULL;
      gssize n;

      n = g_input_stream_read (stream, chunk, CHUNK_SIZE, cancellable, &read_error);
      if (n < 0)
        {
          set_read_error (ex, read_error, error);
          return NULL;
        }

      /* The timer may not have been dispatched yet when a fast peer keeps
       * the read from ever blocking. */
      if (deadline_passed (&ex->deadline))
        {
          set_deadline_error (ex, error);
          return NULL;
        }

      ex->wire_bytes += n;
      if (ex->limits->max_body_bytes > 0 && ex->wire_bytes > ex->limits->max_body_bytes)
        {
          set_size_error (ex, FALSE, 0, error);
          return NULL;
        }

      if (decoder == NULL)
        {
          if (n == 0)
            break;
          if (!take_decoded (ex, body, chunk, n, error))
            return NULL;
        }
      else if (n == 0 && ex->wire_bytes == 0)
        {
          /* An empty answer that still names an encoding (the Dashboard's
           * 204 to a DELETE says gzip): there is nothing to unpack. */
          break;
        }
      else if (!finished)
        {
          if (!decode_chunk (ex, decoder, chunk, n, n == 0, &finished, body, error))
            return NULL;
          if (n == 0)
            break;
        }
      else if (n == 0)
        break;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&body));
}

void
_kdcc_http_exchange_init (KdccHttpExchange      *ex,
                          SoupMessage           *msg,
                          const KdccHttpLimits  *limits,
                          GCancellable          *cancellable)
{
  g_autofree char *uri = NULL;

  memset (ex, 0, sizeof *ex);
  uri = g_uri_to_string_partial (soup_message_get_uri (msg), G_URI_HIDE_PASSWORD);
  ex->limits = limits;
  ex->msg = g_object_ref (msg);
  ex->what = g_strdup_printf ("%s %s", soup_message_get_method (msg), uri);
  deadline_init (&ex->deadline, cancellable, limits->deadline_ms);
}

GInputStream *
_kdcc_http_exchange_open (KdccHttpExchange  *ex,
                          SoupSession       *session,
                          const char        *accept_encoding,
                          GError           **error)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  guint status;

  soup_message_headers_replace (soup_message_get_request_headers (ex->msg), "Accept-Encoding",
                                accept_encoding);
  ex->restarted_id = g_signal_connect (ex->msg, "restarted", G_CALLBACK (restarted_cb), ex);

  stream = soup_session_send (session, ex->msg, ex->deadline.state->cancellable, &local_error);
  if (stream == NULL)
    {
      set_send_error (ex, local_error, error);
      return NULL;
    }

  status = soup_message_get_status (ex->msg);
  if (SOUP_STATUS_IS_SUCCESSFUL (status) && ex->limits->content_type != NULL &&
      !is_empty (ex->msg))
    {
      const char *type = soup_message_headers_get_content_type (
        soup_message_get_response_headers (ex->msg), NULL);

      if (!content_type_matches (type, ex->limits->content_type))
        {
          g_set_error (error, KDCC_ERROR, KDCC_ERROR_HTTP,
                       _("The answer to %s has the content type “%s” instead of “%s”; "
                         "this is not the server KDCC expected"),
                       ex->what, type ? type : "", ex->limits->content_type);
          g_cancellable_cancel (ex->deadline.state->cancellable);
          g_input_stream_close (stream, NULL, NULL);
          return NULL;
        }
    }
  return g_steal_pointer (&stream);
}

GBytes *
_kdcc_http_exchange_read_body (KdccHttpExchange  *ex,
                               GInputStream      *stream,
                               GError           **error)
{
  return read_body (ex, stream, error);
}

void
_kdcc_http_exchange_rearm (KdccHttpExchange *ex,
                           guint             ms)
{
  deadline_arm (&ex->deadline, ms);
}

gboolean
_kdcc_http_exchange_timed_out (KdccHttpExchange *ex)
{
  return deadline_passed (&ex->deadline);
}

GCancellable *
_kdcc_http_exchange_get_cancellable (KdccHttpExchange *ex)
{
  return ex->deadline.state->cancellable;
}

void
_kdcc_http_exchange_clear (KdccHttpExchange *ex,
                           GInputStream     *stream,
                           gboolean          complete)
{
  if (stream != NULL)
    {
      /* Cancelling before closing makes libsoup close the connection instead
       * of keeping a half-read one for the next request. */
      if (!complete)
        g_cancellable_cancel (ex->deadline.state->cancellable);
      g_input_stream_close (stream, NULL, NULL);
      g_object_unref (stream);
    }
  if (ex->msg != NULL && ex->restarted_id != 0)
    g_signal_handler_disconnect (ex->msg, ex->restarted_id);
  ex->restarted_id = 0;
  if (ex->deadline.state != NULL)
    deadline_clear (&ex->deadline);
  g_clear_object (&ex->msg);
  g_clear_pointer (&ex->what, g_free);
}

GBytes *
kdcc_http_send (SoupSession           *session,
                SoupMessage           *msg,
                const KdccHttpLimits  *limits,
                GCancellable          *cancellable,
                GError               **error)
{
  GInputStream *stream;
  GBytes *body = NULL;
  KdccHttpExchange ex;

  g_return_val_if_fail (SOUP_IS_SESSION (session), NULL);
  g_return_val_if_fail (SOUP_IS_MESSAGE (msg), NULL);
  g_return_val_if_fail (limits != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  _kdcc_http_exchange_init (&ex, msg, limits, cancellable);
  stream = _kdcc_http_exchange_open (&ex, session, "gzip, deflate", error);
  if (stream != NULL)
    {
      body = read_body (&ex, stream, error);
      g_debug ("%s -> %u, %" G_GUINT64_FORMAT " bytes (%" G_GUINT64_FORMAT " decoded)%s",
               ex.what, soup_message_get_status (msg), ex.wire_bytes, ex.decoded_bytes,
               body ? "" : ", failed");
    }
  _kdcc_http_exchange_clear (&ex, stream, body != NULL);
  return body;
}

/* Certificates ------------------------------------------------------------------ */

char *
kdcc_tls_fingerprint_sha256 (GTlsCertificate *cert)
{
  g_autoptr(GByteArray) der = NULL;
  g_autoptr(GChecksum) checksum = NULL;
  guint8 digest[32];
  gsize digest_len = sizeof digest;
  GString *out;

  g_return_val_if_fail (G_IS_TLS_CERTIFICATE (cert), NULL);

  g_object_get (cert, "certificate", &der, NULL);
  if (der == NULL)
    return NULL;

  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (checksum, der->data, der->len);
  g_checksum_get_digest (checksum, digest, &digest_len);

  out = g_string_sized_new (digest_len * 3);
  for (gsize i = 0; i < digest_len; i++)
    g_string_append_printf (out, i == 0 ? "%02X" : ":%02X", digest[i]);
  return g_string_free (out, FALSE);
}

/* Accepts "ab:cd:..", "ABCD..", with spaces or a "SHA256 Fingerprint="
 * prefix as openssl prints it; returns NULL unless it is 32 bytes of hex. */
char *
kdcc_http_normalize_fingerprint (const char *text)
{
  const char *p = text;
  GString *hex = g_string_new (NULL);
  GString *out;

  /* openssl's "SHA256 Fingerprint=AB:CD:…" and a "sha256:" prefix. */
  if (strchr (p, '='))
    p = strchr (p, '=') + 1;
  else if (g_ascii_strncasecmp (p, "sha256:", 7) == 0)
    p += 7;

  for (; *p; p++)
    {
      if (g_ascii_isxdigit (*p))
        g_string_append_c (hex, g_ascii_toupper (*p));
      else if (*p != ':' && !g_ascii_isspace (*p))
        {
          g_string_free (hex, TRUE);
          return NULL;
        }
    }

  if (hex->len != 64)
    {
      g_string_free (hex, TRUE);
      return NULL;
    }

  out = g_string_sized_new (96);
  for (gsize i = 0; i < hex->len; i += 2)
    {
      if (i > 0)
        g_string_append_c (out, ':');
      g_string_append_len (out, hex->str + i, 2);
    }
  g_string_free (hex, TRUE);
  return g_string_free (out, FALSE);
}

char *
kdcc_http_describe_certificate_errors (GTlsCertificateFlags errors)
{
  if (errors & G_TLS_CERTIFICATE_UNKNOWN_CA)
    return g_strdup (_("it is not signed by a trusted certificate authority"));
  if (errors & G_TLS_CERTIFICATE_BAD_IDENTITY)
    return g_strdup (_("it is not valid for this host name"));
  if (errors & G_TLS_CERTIFICATE_EXPIRED)
    return g_strdup (_("it has expired"));
  if (errors & G_TLS_CERTIFICATE_NOT_ACTIVATED)
    return g_strdup (_("it is not valid yet"));
  if (errors & G_TLS_CERTIFICATE_REVOKED)
    return g_strdup (_("it has been revoked"));
  if (errors & G_TLS_CERTIFICATE_INSECURE)
    return g_strdup (_("it uses an insecure algorithm"));
  return g_strdup (_("it could not be verified"));
}
