/* test-http.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * kdcc_http_send() against a real libsoup SoupServer on 127.0.0.1, run on a
 * thread of its own: the exact edges of the limits (a body of exactly the
 * limit passes, one byte more fails), content coding undone correctly, the
 * content type rules, and the certificate fingerprint helpers. The hostile
 * peers in front of the real dashboard are in test-http-limits.c.
 */
#define G_LOG_DOMAIN "test-http"

#include "config.h"

#include <string.h>

#include "kdcc-error.h"
#include "kdcc-http.h"
#include "kdcc-rados-source.h"

static char *base_url;

static GBytes *
gzip_bytes (const char           *text,
            GZlibCompressorFormat format)
{
  g_autoptr(GConverter) compressor = G_CONVERTER (g_zlib_compressor_new (format, 9));
  g_autoptr(GInputStream) plain = g_memory_input_stream_new_from_data (text, strlen (text), NULL);
  g_autoptr(GInputStream) packed = g_converter_input_stream_new (plain, compressor);
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_output_stream_splice (out, packed, G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE |
                          G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &error);
  g_assert_no_error (error);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

/* The 1000-byte JSON document every path serves in some form. */
static char *
document (void)
{
  GString *text = g_string_new ("[");

  while (text->len < 998)
    g_string_append (text, "1,");
  g_string_truncate (text, 998);
  g_string_append (text, "1]");
  g_assert_cmpuint (text->len, ==, 1000);
  return g_string_free (text, FALSE);
}

static void
handler_cb (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autofree char *doc = document ();
  g_autoptr(GBytes) body = NULL;
  const char *type = "application/json";

  if (g_str_equal (path, "/gzip"))
    {
      body = gzip_bytes (doc, G_ZLIB_COMPRESSOR_FORMAT_GZIP);
      soup_message_headers_replace (headers, "Content-Encoding", "gzip");
    }
  else if (g_str_equal (path, "/deflate"))
    {
      body = gzip_bytes (doc, G_ZLIB_COMPRESSOR_FORMAT_ZLIB);
      soup_message_headers_replace (headers, "Content-Encoding", "deflate");
    }
  else if (g_str_equal (path, "/brotli"))
    soup_message_headers_replace (headers, "Content-Encoding", "br");
  else if (g_str_equal (path, "/vnd"))
    type = "application/vnd.ceph.api.v1.0+json";
  else if (g_str_equal (path, "/jsonp"))
    type = "application/jsonp";
  else if (g_str_equal (path, "/html"))
    type = "text/html";
  else if (g_str_equal (path, "/no-content"))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NO_CONTENT, NULL);
      return;
    }
  else if (g_str_equal (path, "/no-content-gzip"))
    {
      /* What the Ceph Dashboard answers to a DELETE: 204 naming gzip. */
      soup_server_message_set_status (msg, SOUP_STATUS_NO_CONTENT, NULL);
      soup_message_headers_replace (headers, "Content-Encoding", "gzip");
      return;
    }
  else if (g_str_equal (path, "/empty"))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, NULL, SOUP_MEMORY_STATIC, NULL, 0);
      return;
    }
  else if (g_str_equal (path, "/error"))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_COPY, "<p>oops</p>", 11);
      return;
    }

  if (body == NULL)
    body = g_bytes_new (doc, strlen (doc));
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, type, SOUP_MEMORY_COPY,
                                    g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

static gpointer
server_thread (gpointer data)
{
  GMainContext *context = g_main_context_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (context, FALSE);
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (context);
  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, NULL, handler_cb, NULL, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  g_atomic_pointer_set (&base_url,
                        g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data)));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  /* Serves until the process ends. */
  g_main_loop_run (loop);
  return NULL;
}

static GBytes *
get (const char            *path,
     const KdccHttpLimits  *limits,
     guint                 *status,
     GError               **error)
{
  g_autoptr(SoupSession) session = kdcc_http_session_new ();
  g_autofree char *url = g_strconcat (base_url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  GBytes *body;

  body = kdcc_http_send (session, msg, limits, NULL, error);
  if (status != NULL)
    *status = soup_message_get_status (msg);
  return body;
}

static void
test_exact_limits (void)
{
  KdccHttpLimits limits = { 1000, 1000, 5000, 0, "application/json" };
  const char *paths[] = { "/plain", "/gzip", "/deflate" };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GBytes) body = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *doc = document ();

      limits.max_decoded_bytes = 1000;
      body = get (paths[i], &limits, NULL, &error);
      g_assert_no_error (error);
      /* Decoded exactly, whatever the coding. */
      g_assert_cmpmem (g_bytes_get_data (body, NULL), g_bytes_get_size (body), doc, 1000);
      g_clear_pointer (&body, g_bytes_unref);

      limits.max_decoded_bytes = 999;
      body = get (paths[i], &limits, NULL, &error);
      g_assert_null (body);
      g_assert_error (error, KDCC_ERROR, KDCC_ERROR_LIMIT);
      g_assert_nonnull (strstr (error->message, paths[i]));
    }

  /* The wire limit: the plain body announces 1000 bytes. */
  {
    g_autoptr(GBytes) body = NULL;
    g_autoptr(GError) error = NULL;

    limits.max_body_bytes = 999;
    limits.max_decoded_bytes = 0;
    body = get ("/plain", &limits, NULL, &error);
    g_assert_error (error, KDCC_ERROR, KDCC_ERROR_LIMIT);
    g_assert_nonnull (strstr (error->message, "announces"));
  }
}

static void
test_content_types (void)
{
  const KdccHttpLimits limits = { 0, 0, 5000, 0, "application/json" };
  const struct { const char *path; gboolean ok; } cases[] = {
    { "/plain", TRUE },
    { "/vnd", TRUE },
    { "/jsonp", FALSE },
    { "/html", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) body = NULL;
      g_autoptr(GError) error = NULL;

      body = get (cases[i].path, &limits, NULL, &error);
      if (cases[i].ok)
        g_assert_no_error (error);
      else
        {
          g_assert_error (error, KDCC_ERROR, KDCC_ERROR_HTTP);
          g_assert_nonnull (strstr (error->message, "content type"));
        }
    }
}

/* Nor are answers without a body, as writes often give. */
static void
test_empty_answers (void)
{
  const KdccHttpLimits limits = { 1000, 1000, 5000, 0, "application/json" };
  const char *paths[] = { "/no-content", "/empty", "/no-content-gzip" };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GBytes) body = NULL;
      g_autoptr(GError) error = NULL;
      guint status = 0;

      body = get (paths[i], &limits, &status, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (status, ==, i == 1 ? 200 : 204);
      g_assert_cmpuint (g_bytes_get_size (body), ==, 0);
    }
}

/* Error answers are not held to the content type: their body is a detail. */
static void
test_error_answer (void)
{
  const KdccHttpLimits limits = { 1000, 1000, 5000, 0, "application/json" };
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  guint status = 0;

  body = get ("/error", &limits, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status, ==, 500);
  g_assert_cmpmem (g_bytes_get_data (body, NULL), g_bytes_get_size (body), "<p>oops</p>", 11);
}

static void
test_unknown_encoding (void)
{
  const KdccHttpLimits limits = { 0, 0, 5000, 0, NULL };
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  body = get ("/brotli", &limits, NULL, &error);
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_HTTP);
  g_assert_nonnull (strstr (error->message, "“br”"));
}

static void
test_fingerprints (void)
{
  const char *canonical = "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:"
                          "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89";
  g_autofree char *a = kdcc_http_normalize_fingerprint (
    "abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789");
  g_autofree char *b = kdcc_http_normalize_fingerprint (
    "SHA256 Fingerprint=ab:cd:ef:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:"
    "ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89");
  g_autofree char *short_one = kdcc_http_normalize_fingerprint ("AB:CD");
  g_autofree char *not_hex = kdcc_http_normalize_fingerprint (
    "zzcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789");
  g_autofree char *expired = kdcc_http_describe_certificate_errors (G_TLS_CERTIFICATE_EXPIRED);

  g_assert_cmpstr (a, ==, canonical);
  g_assert_cmpstr (b, ==, canonical);
  g_assert_null (short_one);
  g_assert_null (not_hex);
  g_assert_cmpstr (expired, ==, "it has expired");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* Links librados, and with it libstdc++, from the start: AddressSanitizer
   * only intercepts the C++ exceptions that libproxy (a GIO module libsoup
   * loads on first use) throws internally when libstdc++ was there at start. */
  g_type_ensure (KDCC_TYPE_RADOS_SOURCE);

  g_thread_unref (g_thread_new ("server", server_thread, NULL));
  while (g_atomic_pointer_get (&base_url) == NULL)
    g_usleep (10 * 1000);

  g_test_add_func ("/http/exact-limits", test_exact_limits);
  g_test_add_func ("/http/content-types", test_content_types);
  g_test_add_func ("/http/error-answer", test_error_answer);
  g_test_add_func ("/http/empty-answers", test_empty_answers);
  g_test_add_func ("/http/unknown-encoding", test_unknown_encoding);
  g_test_add_func ("/http/fingerprints", test_fingerprints);

  return g_test_run ();
}
