/* test-http-stream.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * KdccHttpStream (issue 17: streamed answers get their own bounds) against
 * tests/hostile/kdcc-hostile-stream, a real HTTP server in its own process
 * that sends newline-delimited JSON events in a chunked answer, as a
 * Kubernetes watch does, and misbehaves in one way per path. The server is
 * a separate process, so a slow consumer here does not slow it down.
 *
 * Each case asserts what the caller sees (events in order, the error, its
 * message naming the request and the limit), the time it takes, what the
 * server saw (the resumed request with its token, the client hanging up),
 * and for the cases that would grow without a bound, peak memory.
 */
#define G_LOG_DOMAIN "test-http-stream"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "kdcc-error.h"
#include "kdcc-http-stream.h"
#include "kdcc-rados-source.h"
#include "kdcc-test-util.h"

/* Scheduling slack on two shared cores with AddressSanitizer. */
#define SLACK_MS      2000
/* Peak memory growth allowed in the unbounded-input cases: a reader without
 * bounds grows by the whole answer (hundreds of megabytes in a minute); this
 * one holds one event or the buffered limit (64 kB) plus libsoup's and the
 * worker thread's buffers. */
#define MAX_GROWTH_KB (16 * 1024)

typedef struct
{
  GSubprocess      *process;
  GOutputStream    *commands;
  GDataInputStream *answers;
  char             *url;
} Server;

static Server server;
static SoupSession *session;

/* The server ------------------------------------------------------------------ */

static char *
server_read_line (void)
{
  g_autoptr(GError) error = NULL;
  char *line = g_data_input_stream_read_line_utf8 (server.answers, NULL, NULL, &error);

  g_assert_no_error (error);
  if (line == NULL)
    g_error ("The hostile stream server stopped unexpectedly");
  return line;
}

static void
server_start (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *script = NULL;
  g_autofree char *port = NULL;
  const char *root = g_getenv ("KDCC_SOURCE_ROOT");

  if (root == NULL)
    g_error ("KDCC_SOURCE_ROOT is not set; run the tests through meson");
  script = g_build_filename (root, "tests", "hostile", "kdcc-hostile-stream", NULL);
  server.process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                     G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                                     &error, "python3", script, NULL);
  g_assert_no_error (error);
  server.commands = g_object_ref (g_subprocess_get_stdin_pipe (server.process));
  server.answers = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server.process));
  port = server_read_line ();
  g_assert_cmpint (atoi (port), >, 0);
  server.url = g_strdup_printf ("http://127.0.0.1:%s", port);
}

static void
server_stop (void)
{
  g_autoptr(GError) error = NULL;

  g_output_stream_close (server.commands, NULL, NULL);
  if (!g_subprocess_wait_check (server.process, NULL, &error))
    g_test_message ("The hostile stream server ended badly: %s", error->message);
  g_clear_object (&server.commands);
  g_clear_object (&server.answers);
  g_clear_object (&server.process);
  g_clear_pointer (&server.url, g_free);
}

/* What the server has seen: whether request (path?query) was made, and
 * whether a client hung up in the middle of an answer. */
static gboolean
server_saw (const char *request,
            gboolean   *client_closed)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *answer = NULL;
  JsonObject *seen;
  JsonArray *requests;
  gboolean found = FALSE;

  g_output_stream_write_all (server.commands, "requests\n", 9, NULL, NULL, &error);
  g_assert_no_error (error);
  answer = server_read_line ();
  json_parser_load_from_data (parser, answer, -1, &error);
  g_assert_no_error (error);
  seen = json_node_get_object (json_parser_get_root (parser));
  requests = json_object_get_array_member (seen, "requests");
  for (guint i = 0; request != NULL && i < json_array_get_length (requests); i++)
    found |= g_str_equal (json_array_get_string_element (requests, i), request);
  if (client_closed != NULL)
    *client_closed = json_object_get_boolean_member (seen, "client_closed");
  return found;
}

/* Memory ------------------------------------------------------------------------- */

/* One stream and what its signals said ----------------------------------------- */

typedef struct
{
  const char     *path;
  const char     *query;         /* extra query parameters, or NULL */
  guint           max_requests;  /* the request function declines after */
  guint           consumer_ms;   /* a slow consumer: each event takes this */
  gboolean        stop_on_event; /* kdcc_http_stream_stop() in the first event */

  KdccHttpStream *stream;
  guint           requests;
  GArray         *events;        /* the n of each event, in order */
  GPtrArray      *reasons;       /* "reconnecting" errors' messages */
  GArray         *delays;
  guint           connected;
  gboolean        finished;
  GError         *error;
  gint64          start;
  gint64          elapsed_ms;
} Run;

static SoupMessage *
request_cb (KdccHttpStream *stream,
            const char     *resume_token,
            gpointer        user_data)
{
  Run *run = user_data;
  g_autofree char *url = NULL;

  if (run->max_requests > 0 && run->requests >= run->max_requests)
    return NULL;
  run->requests++;
  url = g_strdup_printf ("%s%s%s%s%s%s%s", server.url, run->path,
                         run->query || resume_token ? "?" : "", run->query ? run->query : "",
                         run->query && resume_token ? "&" : "", resume_token ? "rv=" : "",
                         resume_token ? resume_token : "");
  return soup_message_new ("GET", url);
}

static void
event_cb (KdccHttpStream *stream,
          GBytes         *line,
          Run            *run)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  gsize len;
  const char *text = g_bytes_get_data (line, &len);
  gint64 n;

  /* The promised NUL after the data. */
  g_assert_cmpint (text[len], ==, '\0');
  json_parser_load_from_data (parser, text, len, &error);
  g_assert_no_error (error);
  n = json_object_get_int_member (
    json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                   "object"), "n");
  g_array_append_val (run->events, n);

  /* The resume token is the last event's, as a resourceVersion. */
  token = g_strdup_printf ("%" G_GINT64_FORMAT, n);
  kdcc_http_stream_set_resume_token (stream, token);

  if (run->consumer_ms > 0)
    g_usleep (run->consumer_ms * 1000);
  if (run->stop_on_event)
    kdcc_http_stream_stop (stream);
}

static void
connected_cb (KdccHttpStream *stream,
              Run            *run)
{
  run->connected++;
}

static void
reconnecting_cb (KdccHttpStream *stream,
                 GError         *reason,
                 guint           attempt,
                 guint           delay_ms,
                 Run            *run)
{
  g_assert_nonnull (reason);
  /* Counted from 1 again after every event. */
  g_assert_cmpuint (attempt, >=, 1);
  g_assert_cmpuint (attempt, <=, 3);
  g_test_message ("reconnecting (%u) in %u ms: %s", attempt, delay_ms, reason->message);
  g_ptr_array_add (run->reasons, g_strdup (reason->message));
  g_array_append_val (run->delays, delay_ms);
}

static void
finished_cb (KdccHttpStream *stream,
             GError         *error,
             Run            *run)
{
  g_assert_false (run->finished);
  run->finished = TRUE;
  run->error = error ? g_error_copy (error) : NULL;
  run->elapsed_ms = (g_get_monotonic_time () - run->start) / 1000;
  g_assert_false (kdcc_http_stream_is_running (stream));
}

static void
run_init (Run                        *run,
          const KdccHttpStreamLimits *limits)
{
  run->events = g_array_new (FALSE, FALSE, sizeof (gint64));
  run->reasons = g_ptr_array_new_with_free_func (g_free);
  run->delays = g_array_new (FALSE, FALSE, sizeof (guint));
  run->stream = kdcc_http_stream_new (session, limits, request_cb, run, NULL);
  g_signal_connect (run->stream, "event", G_CALLBACK (event_cb), run);
  g_signal_connect (run->stream, "connected", G_CALLBACK (connected_cb), run);
  g_signal_connect (run->stream, "reconnecting", G_CALLBACK (reconnecting_cb), run);
  g_signal_connect (run->stream, "finished", G_CALLBACK (finished_cb), run);
}

static void
run_clear (Run *run)
{
  g_clear_object (&run->stream);
  g_clear_pointer (&run->events, g_array_unref);
  g_clear_pointer (&run->reasons, g_ptr_array_unref);
  g_clear_pointer (&run->delays, g_array_unref);
  g_clear_error (&run->error);
}

static gboolean
flag_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates the main context until the stream finishes or timeout_ms pass. */
static void
run_until_finished (Run          *run,
                    GCancellable *cancellable,
                    guint         timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, flag_cb, &timed_out);

  run->start = g_get_monotonic_time ();
  kdcc_http_stream_start (run->stream, cancellable);
  while (!run->finished && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  g_test_message ("%s: %" G_GINT64_FORMAT " ms, %u events, %u connections: %s", run->path,
                  run->elapsed_ms, run->events->len,
                  kdcc_http_stream_get_connections (run->stream),
                  run->error ? run->error->message : "no error");
  g_assert_true (run->finished);
}

/* Events 1..count, in order. */
static void
assert_events (Run  *run,
               guint count)
{
  g_assert_cmpuint (run->events->len, ==, count);
  for (guint i = 0; i < count; i++)
    g_assert_cmpint (g_array_index (run->events, gint64, i), ==, i + 1);
}

static KdccHttpStreamLimits
default_limits (void)
{
  KdccHttpStreamLimits limits = { { 0, }, };

  limits.open.deadline_ms = 5000;
  limits.open.max_body_bytes = 64 * 1000;
  limits.open.max_redirects = 3;
  limits.open.content_type = "application/json";
  limits.max_event_bytes = 64 * 1000;
  limits.max_buffered_bytes = 256 * 1000;
  limits.silence_ms = 10 * 1000;
  limits.max_reconnects = 3;
  limits.reconnect_initial_ms = 100;
  limits.reconnect_max_ms = 400;
  return limits;
}

/* The cases --------------------------------------------------------------------- */

/* N events in order; the server ends the answer, the stream resumes from
 * the last event, and ends when the request function declines. */
static void
test_good (void)
{
  KdccHttpStreamLimits limits = default_limits ();
  Run run = { .path = "/good", .query = "n=500", .max_requests = 2 };

  run_init (&run, &limits);
  run_until_finished (&run, NULL, 10 * 1000);
  /* 500 from the first answer, 501 and 502 from the resumed one (rv=500);
   * its end is the second reason, and then the request function declines. */
  g_assert_no_error (run.error);
  assert_events (&run, 502);
  g_assert_cmpuint (run.connected, ==, 2);
  g_assert_cmpuint (run.reasons->len, ==, 2);
  g_assert_nonnull (strstr (g_ptr_array_index (run.reasons, 0), "ended its answer"));
  g_assert_true (server_saw ("/good?n=500&rv=500", NULL));
  g_assert_cmpint (run.elapsed_ms, <, 5000 + SLACK_MS);
  run_clear (&run);
}

static void
test_event_too_large (void)
{
  KdccHttpStreamLimits limits = default_limits ();
  Run run = { .path = "/big-event", .query = "size=100000" };
  guint64 baseline_kb = kdcc_test_reset_peak_kb ();

  run_init (&run, &limits);
  run_until_finished (&run, NULL, 10 * 1000);
  g_assert_error (run.error, KDCC_ERROR, KDCC_ERROR_LIMIT);
  g_assert_nonnull (strstr (run.error->message, "GET http://127.0.0.1"));
  g_assert_nonnull (strstr (run.error->message, "/big-event"));
  g_assert_nonnull (strstr (run.error->message, "limit of 64.0"));
  g_assert_null (strchr (run.error->message, '\n'));
  /* The event before it was delivered; nothing was retried. */
  assert_events (&run, 1);
  g_assert_cmpuint (run.reasons->len, ==, 0);
  g_assert_cmpuint (kdcc_http_stream_get_connections (run.stream), ==, 1);
  /* Not the server's 30 s of silence after it. */
  g_assert_cmpint (run.elapsed_ms, <, SLACK_MS);
  g_assert_cmpuint (kdcc_test_proc_status_kb ("VmHWM"), <, baseline_kb + MAX_GROWTH_KB);
  run_clear (&run);
}

static void
test_endless_line (void)
{
  KdccHttpStreamLimits limits = default_limits ();
  Run run = { .path = "/endless-line" };
  guint64 baseline_kb = kdcc_test_reset_peak_kb ();
  gboolean closed = FALSE;

  run_init (&run, &limits);
  run_until_finished (&run, NULL, 10 * 1000);
  g_assert_error (run.error, KDCC_ERROR, KDCC_ERROR_LIMIT);
  g_assert_nonnull (strstr (run.error->message, "/endless-line"));
  g_assert_nonnull (strstr (run.error->message, "limit of 64.0"));
  g_assert_cmpuint (run.events->len, ==, 0);
  g_assert_cmpint (run.elapsed_ms, <, SLACK_MS);
  g_assert_cmpuint (kdcc_test_proc_status_kb ("VmHWM"), <, baseline_kb + MAX_GROWTH_KB);

  /* The connection was dropped: the server, writing until the client
   * hangs up, saw it hang up. */
  for (guint i = 0; i < 50 && !closed; i++)
    {
      server_saw (NULL, &closed);
      if (!closed)
        g_usleep (100 * 1000);
    }
  g_assert_true (closed);
  run_clear (&run);
}

/* The server writes 64 MB as fast as it can; each event takes the consumer
 * 5 ms, so events pile up beyond the 256 kB buffered limit. */
static void
test_buffered_too_much (void)
{
  KdccHttpStreamLimits limits = default_limits ();
  Run run = { .path = "/flood", .query = "n=65536&size=1000", .consumer_ms = 5 };
  guint64 baseline_kb = kdcc_test_reset_peak_kb ();

  run_init (&run, &limits);
  run_until_finished (&run, NULL, 30 * 1000);
  g_assert_error (run.error, KDCC_ERROR, KDCC_ERROR_LIMIT);
  g_assert_nonnull (strstr (run.error->message, "/flood"));
  g_assert_nonnull (strstr (run.error->message, "limit of 256.0"));
  g_assert_nonnull (strstr (run.error->message, "waiting"));
  /* What was read before the breach is delivered, in order, and it is far
   * from the whole answer. */
  g_assert_cmpuint (run.events->len, >, 0);
  g_assert_cmpuint (run.events->len, <, 1000);
  assert_events (&run, run.events->len);
  g_assert_cmpuint (run.reasons->len, ==, 0);
  /* At most the buffered limit's worth of events at 5 ms each after the
   * breach (about 250). */
  g_assert_cmpint (run.elapsed_ms, <, 3000 + SLACK_MS);
  g_assert_cmpuint (kdcc_test_proc_status_kb ("VmHWM"), <, baseline_kb + MAX_GROWTH_KB);
  run_clear (&run);
}

/* Silence: dropped after 1.5 s and re-established with the resume token. */
static void
test_silence_reconnects (void)
{
  KdccHttpStreamLimits limits = default_limits ();
  Run run = { .path = "/silent", .max_requests = 2 };

  limits.silence_ms = 1500;
  run_init (&run, &limits);
  run_until_finished (&run, NULL, 15 * 1000);
  /* The resumed answer ended cleanly and the request function declined. */
  g_assert_no_error (run.error);
  assert_events (&run, 4);
  g_assert_cmpuint (run.reasons->len, ==, 2);
  g_assert_nonnull (strstr (g_ptr_array_index (run.reasons, 0), "arrived for 1.5 seconds"));
  g_assert_nonnull (strstr (g_ptr_array_index (run.reasons, 0), "/silent"));
  g_assert_cmpuint (g_array_index (run.delays, guint, 0), ==, 100);
  /* The second request carried the token of the last event it had. */
  g_assert_true (server_saw ("/silent?rv=2", NULL));
  g_assert_cmpuint (run.connected, ==, 2);
  g_assert_cmpint (run.elapsed_ms, >=, 1500);
  g_assert_cmpint (run.elapsed_ms, <, 1500 + SLACK_MS);
  run_clear (&run);
}

/* One byte a second inside one event, with a 2.5 s silence deadline: the
 * silence deadline counts bytes, not events, so the trickle is slow but
 * legal; the event arrives whole and nothing reconnects. The memory a
 * trickle can hold is bounded by max_event_bytes (test_endless_line). */
static void
test_trickle_in_event (void)
{
  KdccHttpStreamLimits limits = default_limits ();
  Run run = { .path = "/trickle", .query = "interval=1", .max_requests = 1 };

  limits.silence_ms = 2500;
  run_init (&run, &limits);
  run_until_finished (&run, NULL, 15 * 1000);
  g_assert_no_error (run.error);
  assert_events (&run, 2);
  g_assert_cmpuint (run.reasons->len, ==, 1);   /* the end of the answer */
  g_assert_nonnull (strstr (g_ptr_array_index (run.reasons, 0), "ended its answer"));
  g_assert_cmpuint (kdcc_http_stream_get_connections (run.stream), ==, 1);
  g_assert_cmpint (run.elapsed_ms, >=, 4000);
  g_assert_cmpint (run.elapsed_ms, <, 4000 + SLACK_MS);
  run_clear (&run);
}

/* A reset in the middle of the second event: the first is delivered, the
 * half one is not, and the stream resumes after the first. */
static void
test_reset_reconnects (void)
{
  KdccHttpStreamLimits limits = default_limits ();
  Run run = { .path = "/reset", .max_requests = 2 };

  run_init (&run, &limits);
  run_until_finished (&run, NULL, 10 * 1000);
  g_assert_no_error (run.error);
  assert_events (&run, 3);
  g_assert_cmpuint (run.reasons->len, ==, 2);
  g_assert_nonnull (strstr (g_ptr_array_index (run.reasons, 0), "/reset"));
  g_assert_true (server_saw ("/reset?rv=1", NULL));
  g_assert_cmpint (run.elapsed_ms, <, SLACK_MS);
  run_clear (&run);
}

/* 410 Gone: told apart from other failures, and not retried. */
static void
test_gone (void)
{
  KdccHttpStreamLimits limits = default_limits ();
  Run run = { .path = "/gone" };

  run_init (&run, &limits);
  kdcc_http_stream_set_resume_token (run.stream, "12345");
  run_until_finished (&run, NULL, 10 * 1000);
  g_assert_error (run.error, KDCC_HTTP_STREAM_ERROR, KDCC_HTTP_STREAM_ERROR_EXPIRED);
  g_assert_nonnull (strstr (run.error->message, "/gone?rv=12345"));
  g_assert_cmpuint (run.reasons->len, ==, 0);
  g_assert_cmpuint (run.connected, ==, 0);
  g_assert_cmpuint (kdcc_http_stream_get_connections (run.stream), ==, 1);
  g_assert_cmpint (run.elapsed_ms, <, SLACK_MS);
  run_clear (&run);
}

/* Nobody listens: bounded attempts with a doubling, capped backoff. */
static void
test_backoff_bounded (void)
{
  KdccHttpStreamLimits limits = default_limits ();
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *saved_url = server.url;
  guint16 port;
  Run run = { .path = "/good" };

  /* A port that was just free and is closed again: connections are
   * refused. */
  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (listener);
  server.url = g_strdup_printf ("http://127.0.0.1:%u", port);

  run_init (&run, &limits);
  run_until_finished (&run, NULL, 10 * 1000);
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
  g_assert_cmpuint (run.reasons->len, ==, 3);
  g_assert_cmpuint (g_array_index (run.delays, guint, 0), ==, 100);
  g_assert_cmpuint (g_array_index (run.delays, guint, 1), ==, 200);
  g_assert_cmpuint (g_array_index (run.delays, guint, 2), ==, 400);
  g_assert_cmpuint (kdcc_http_stream_get_connections (run.stream), ==, 4);
  g_assert_cmpint (run.elapsed_ms, >=, 700);
  g_assert_cmpint (run.elapsed_ms, <, 700 + SLACK_MS);
  run_clear (&run);

  g_free (server.url);
  server.url = g_steal_pointer (&saved_url);
}

static gboolean
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (void)
{
  KdccHttpStreamLimits limits = default_limits ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Run run = { .path = "/quiet" };

  limits.silence_ms = 30 * 1000;
  run_init (&run, &limits);
  g_timeout_add (500, cancel_cb, cancellable);
  run_until_finished (&run, cancellable, 10 * 1000);
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  assert_events (&run, 1);
  g_assert_cmpint (run.elapsed_ms, >=, 500);
  g_assert_cmpint (run.elapsed_ms, <, 500 + SLACK_MS);
  g_assert_cmpuint (run.reasons->len, ==, 0);
  run_clear (&run);
}

/* A clean stop from the event handler: nothing more is emitted. */
static void
test_stop (void)
{
  KdccHttpStreamLimits limits = default_limits ();
  Run run = { .path = "/good", .query = "n=100", .stop_on_event = TRUE };
  gboolean waited = FALSE;

  run_init (&run, &limits);
  kdcc_http_stream_start (run.stream, NULL);
  g_assert_true (kdcc_http_stream_is_running (run.stream));
  g_timeout_add (1500, flag_cb, &waited);
  while (!waited)
    g_main_context_iteration (NULL, TRUE);
  assert_events (&run, 1);
  g_assert_false (run.finished);
  g_assert_false (kdcc_http_stream_is_running (run.stream));
  kdcc_http_stream_stop (run.stream);
  run_clear (&run);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  /* As test-http.c: links librados, and with it libstdc++, from the start,
   * so AddressSanitizer intercepts the C++ exceptions that libproxy (a GIO
   * module libsoup loads on first use) throws and catches internally. */
  g_type_ensure (KDCC_TYPE_RADOS_SOURCE);

  server_start ();
  session = kdcc_http_session_new ();

  g_test_add_func ("/http-stream/good", test_good);
  g_test_add_func ("/http-stream/event-too-large", test_event_too_large);
  g_test_add_func ("/http-stream/endless-line", test_endless_line);
  g_test_add_func ("/http-stream/buffered-too-much", test_buffered_too_much);
  g_test_add_func ("/http-stream/silence-reconnects", test_silence_reconnects);
  g_test_add_func ("/http-stream/trickle-in-event", test_trickle_in_event);
  g_test_add_func ("/http-stream/reset-reconnects", test_reset_reconnects);
  g_test_add_func ("/http-stream/gone", test_gone);
  g_test_add_func ("/http-stream/backoff-bounded", test_backoff_bounded);
  g_test_add_func ("/http-stream/cancel", test_cancel);
  g_test_add_func ("/http-stream/stop", test_stop);

  ret = g_test_run ();

  g_clear_object (&session);
  server_stop ();
  return kdcc_test_exit (ret);
}
