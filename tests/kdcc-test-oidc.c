/* kdcc-test-oidc.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-test-oidc"

#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "kdcc-test-oidc.h"

KdccTestOidc *
kdcc_test_oidc_start (void)
{
  const char *root = g_getenv ("KDCC_SOURCE_ROOT");
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *dir = NULL;
  g_autofree char *modules = NULL;
  g_autofree char *line = NULL;
  KdccTestOidc *oidc;

  g_assert_nonnull (root);
  dir = g_build_filename (root, "tests", "oidc", NULL);
  modules = g_build_filename (dir, "node_modules", "oidc-provider", NULL);
  if (!g_file_test (modules, G_FILE_TEST_IS_DIR))
    g_error ("%s is missing: run `npm ci` in %s (build-aux/run-tests does)", modules, dir);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE
                                        | G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_cwd (launcher, dir);
  oidc = g_new0 (KdccTestOidc, 1);
  oidc->process = g_subprocess_launcher_spawn (launcher, &error, "node",
                                               "kdcc-test-oidc-provider.mjs", NULL);
  g_assert_no_error (error);

  /* The provider prints its issuer once it listens; reading blocks until
   * then (or fails when it died). */
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (oidc->process));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  json_parser_load_from_data (parser, line, -1, &error);
  g_assert_no_error (error);
  oidc->issuer = g_strdup (json_object_get_string_member (
                             json_node_get_object (json_parser_get_root (parser)), "issuer"));
  g_assert_true (g_str_has_prefix (oidc->issuer, "http://127.0.0.1:"));
  return oidc;
}

void
kdcc_test_oidc_free (KdccTestOidc *oidc)
{
  if (oidc == NULL)
    return;
  if (oidc->process != NULL)
    {
      /* Closing its stdin ends it; force_exit is for a hung one. */
      g_output_stream_close (g_subprocess_get_stdin_pipe (oidc->process), NULL, NULL);
      g_subprocess_force_exit (oidc->process);
      g_subprocess_wait (oidc->process, NULL, NULL);
      g_object_unref (oidc->process);
    }
  g_free (oidc->issuer);
  g_free (oidc);
}

static GBytes *
send_message (SoupSession *session,
              SoupMessage *msg)
{
  g_autoptr(GError) error = NULL;
  GBytes *body;

  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  return body;
}

void
kdcc_test_oidc_control (KdccTestOidc *oidc,
                        const char   *path)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (oidc->issuer, "/test/", path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(GBytes) body = send_message (session, msg);

  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
}

guint
kdcc_test_oidc_get (const char *url)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GBytes) body = send_message (session, msg);

  return soup_message_get_status (msg);
}

static char *
attribute (const char *tag,
           const char *name)
{
  g_autofree char *pattern = g_strdup_printf ("\\b%s\\s*=\\s*\"([^\"]*)\"", name);
  g_autoptr(GRegex) regex = g_regex_new (pattern, G_REGEX_CASELESS, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  if (!g_regex_match (regex, tag, 0, &match))
    return NULL;
  return g_match_info_fetch (match, 1);
}

/* The first form of PAGE as a message to send, or NULL when there is none. */
static SoupMessage *
form_message (const char *page_url,
              const char *page,
              const char *login,
              const char *password)
{
  g_autoptr(GRegex) form_regex = g_regex_new ("<form([^>]*)>(.*?)</form>",
                                              G_REGEX_CASELESS | G_REGEX_DOTALL, 0, NULL);
  g_autoptr(GRegex) input_regex = g_regex_new ("<input([^>]*)>", G_REGEX_CASELESS, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GMatchInfo) inputs = NULL;
  g_autoptr(GHashTable) fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *form_tag = NULL;
  g_autofree char *body = NULL;
  g_autofree char *action = NULL;
  g_autofree char *target = NULL;

  if (!g_regex_match (form_regex, page, 0, &match))
    return NULL;
  form_tag = g_match_info_fetch (match, 1);
  body = g_match_info_fetch (match, 2);
  action = attribute (form_tag, "action");
  g_assert_nonnull (action);
  target = g_uri_resolve_relative (page_url, action, G_URI_FLAGS_NONE, NULL);
  g_assert_nonnull (target);

  g_regex_match (input_regex, body, 0, &inputs);
  while (g_match_info_matches (inputs))
    {
      g_autofree char *tag = g_match_info_fetch (inputs, 1);
      g_autofree char *name = attribute (tag, "name");
      g_autofree char *value = attribute (tag, "value");

      if (name != NULL)
        {
          if (g_str_equal (name, "login"))
            g_hash_table_replace (fields, g_strdup (name), g_strdup (login));
          else if (g_str_equal (name, "password"))
            g_hash_table_replace (fields, g_strdup (name), g_strdup (password));
          else
            g_hash_table_replace (fields, g_strdup (name), g_strdup (value != NULL ? value : ""));
        }
      g_match_info_next (inputs, NULL);
    }

  return soup_message_new_from_encoded_form ("POST", target, soup_form_encode_hash (fields));
}

char *
kdcc_test_oidc_browse (KdccTestOidc *oidc,
                       const char   *url,
                       const char   *login,
                       const char   *password,
                       guint        *last_status)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autofree char *current = g_strdup (url);
  guint step;

  soup_session_add_feature_by_type (session, SOUP_TYPE_COOKIE_JAR);
  g_assert_nonnull (msg);

  /* A sign-in is a handful of redirects and two or three forms. */
  for (step = 0; step < 30; step++)
    {
      g_autoptr(GBytes) body = send_message (session, msg);
      guint status = soup_message_get_status (msg);
      g_autofree char *page = NULL;
      SoupMessage *next;

      if (last_status != NULL)
        *last_status = status;
      if (SOUP_STATUS_IS_REDIRECTION (status))
        {
          const char *location = soup_message_headers_get_one (
            soup_message_get_response_headers (msg), "Location");
          g_autofree char *target = NULL;

          g_assert_nonnull (location);
          target = g_uri_resolve_relative (current, location, G_URI_FLAGS_NONE, NULL);
          if (!g_str_has_prefix (target, oidc->issuer))
            return g_steal_pointer (&target);
          g_clear_object (&msg);
          msg = soup_message_new ("GET", target);
          g_free (current);
          current = g_steal_pointer (&target);
          continue;
        }

      page = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
      if (status != SOUP_STATUS_OK)
        return NULL;
      next = form_message (current, page, login, password);
      if (next == NULL)
        return NULL;
      g_clear_object (&msg);
      msg = next;
      g_free (current);
      current = g_uri_to_string (soup_message_get_uri (msg));
    }
  g_error ("The provider's sign-in did not end after 30 steps at %s", current);
  return NULL;
}
