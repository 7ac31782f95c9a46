/* kdcc-test-relay.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-test-relay"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "kdcc-test-relay.h"

struct _KdccTestRelay
{
  GSubprocess      *process;
  GOutputStream    *commands;
  GDataInputStream *answers;
  char             *url;
};

static char *
read_answer (KdccTestRelay *self)
{
  g_autoptr(GError) error = NULL;
  char *line = g_data_input_stream_read_line_utf8 (self->answers, NULL, NULL, &error);

  g_assert_no_error (error);
  if (line == NULL)
    g_error ("The hostile relay stopped unexpectedly");
  return line;
}

static char *
command (KdccTestRelay *self,
         const char    *line)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *with_newline = g_strconcat (line, "\n", NULL);

  g_output_stream_write_all (self->commands, with_newline, strlen (with_newline), NULL, NULL,
                             &error);
  g_assert_no_error (error);
  g_output_stream_flush (self->commands, NULL, &error);
  g_assert_no_error (error);
  return read_answer (self);
}

KdccTestRelay *
kdcc_test_relay_start (const char *upstream_url)
{
  return kdcc_test_relay_start_with_ca (upstream_url, NULL);
}

KdccTestRelay *
kdcc_test_relay_start_with_ca (const char *upstream_url,
                               const char *ca_path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *script = NULL;
  g_autofree char *port = NULL;
  const char *root = g_getenv ("KDCC_SOURCE_ROOT");
  KdccTestRelay *self = g_new0 (KdccTestRelay, 1);

  if (root == NULL)
    g_error ("KDCC_SOURCE_ROOT is not set; run the tests through meson");

  script = g_build_filename (root, "tests", "hostile", "kdcc-hostile-relay", NULL);
  self->process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                    G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                                    &error, "python3", script, upstream_url, ca_path, NULL);
  g_assert_no_error (error);
  self->commands = g_object_ref (g_subprocess_get_stdin_pipe (self->process));
  self->answers = g_data_input_stream_new (g_subprocess_get_stdout_pipe (self->process));

  port = read_answer (self);
  g_assert_cmpint (atoi (port), >, 0);
  self->url = g_strdup_printf ("http://127.0.0.1:%s", port);
  return self;
}

void
kdcc_test_relay_free (KdccTestRelay *self)
{
  g_autoptr(GError) error = NULL;

  if (self == NULL)
    return;

  /* Closing stdin ends its command loop, and with it the process. */
  g_output_stream_close (self->commands, NULL, NULL);
  if (!g_subprocess_wait_check (self->process, NULL, &error))
    g_test_message ("The hostile relay ended badly: %s", error->message);

  g_clear_object (&self->commands);
  g_clear_object (&self->answers);
  g_clear_object (&self->process);
  g_free (self->url);
  g_free (self);
}

const char *
kdcc_test_relay_get_url (KdccTestRelay *self)
{
  return self->url;
}

void
kdcc_test_relay_set_mode (KdccTestRelay *self,
                          const char    *mode,
                          const char    *path,
                          const char    *param)
{
  g_autofree char *line = g_strdup_printf ("mode %s %s%s%s", mode,
                                           path ? path : "/api/health/full",
                                           param ? " " : "", param ? param : "");
  g_autofree char *answer = command (self, line);

  g_assert_cmpstr (answer, ==, "ok");
}

JsonObject *
kdcc_test_relay_get_stats (KdccTestRelay *self)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *answer = command (self, "stats");

  json_parser_load_from_data (parser, answer, -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

gboolean
kdcc_test_relay_client_closed (KdccTestRelay *self,
                               guint64       *sent)
{
  g_autoptr(JsonObject) stats = kdcc_test_relay_get_stats (self);

  if (sent != NULL)
    *sent = json_object_get_int_member (stats, "sent");
  return json_object_get_boolean_member (stats, "client_closed");
}
