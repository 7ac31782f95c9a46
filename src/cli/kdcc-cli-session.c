/* kdcc-cli-session.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-cli"

#include "config.h"

#include <string.h>

#include "kdcc-cli-session.h"

typedef struct
{
  GMainLoop    *loop;
  GAsyncResult *result;
} Opening;

static void
session_created_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Opening *opening = user_data;

  opening->result = g_object_ref (result);
  g_main_loop_quit (opening->loop);
}

KdccSession *
kdcc_cli_open_session (KdccProfile       *profile,
                       const char        *password,
                       KdccSessionFlags   flags,
                       char             **out_peer_fingerprint,
                       GError           **error)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GAsyncResult) result = NULL;
  KdccSession *session;
  Opening opening = { loop, NULL };

  if (out_peer_fingerprint != NULL)
    *out_peer_fingerprint = NULL;

  /* The connection flags already resolved the password, so no Secret
   * Service is asked here. */
  kdcc_session_new_async (profile, password, NULL, flags, NULL, session_created_cb, &opening);
  g_main_loop_run (loop);
  result = g_steal_pointer (&opening.result);

  session = kdcc_session_new_finish (result, error);
  if (session == NULL && out_peer_fingerprint != NULL)
    *out_peer_fingerprint = kdcc_session_new_dup_peer_fingerprint (result);

  return session;
}

static void
print_warning (const char *message)
{
  g_autofree char *line = g_strdup (message);

  g_strdelimit (line, "\r\n", ' ');
  g_strstrip (line);
  g_printerr ("kdcc-cli: %s\n", line);
}

KdccSession *
kdcc_cli_connect (KdccConnectionOptions  *options,
                  GError                **error)
{
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(KdccProfile) profile = NULL;
  g_auto(KdccSecretPassword) password = NULL;
  g_autofree char *fingerprint = NULL;
  gboolean resolved;

  resolved = kdcc_connection_options_resolve (options, NULL, NULL, &profile, &password, warnings,
                                              error);
  for (guint i = 0; i < warnings->len; i++)
    print_warning (g_ptr_array_index (warnings, i));
  if (!resolved)
    return NULL;
  return kdcc_cli_open_session (profile, password, KDCC_SESSION_FLAGS_NONE, &fingerprint, error);
}

static void
named_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Opening *opening = user_data;

  opening->result = g_object_ref (result);
  g_main_loop_quit (opening->loop);
}

GPtrArray *
kdcc_cli_fetch_named_daemons (KdccSession *session)
{
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  KdccSource *source = kdcc_session_get_source (session);
  Opening opening = { NULL, NULL };

  if (!kdcc_session_has_capabilities (session, KDCC_CAPABILITY_MON_COMMANDS))
    return NULL;
  loop = g_main_loop_new (NULL, FALSE);
  opening.loop = loop;
  kdcc_daemon_versions_fetch_named_async (source, NULL, named_cb, &opening);
  g_main_loop_run (loop);
  result = g_steal_pointer (&opening.result);
  /* Names are a refinement: without them the counts still say that
   * versions are mixed and which types lag. */
  return kdcc_daemon_versions_fetch_named_finish (source, result, NULL);
}

KdccVersionSurvey *
kdcc_cli_version_survey (KdccSession *session)
{
  return kdcc_version_survey_new (kdcc_cluster_get_versions (kdcc_session_get_cluster (session)),
                                  kdcc_cli_fetch_named_daemons (session));
}

static void
refreshed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

KdccReleaseCatalog *
kdcc_cli_load_catalog (const char  *service,
                       const char  *newest,
                       gboolean    *asked,
                       GError     **error)
{
  g_autoptr(KdccReleaseCatalog) catalog = kdcc_release_catalog_new ();
  g_autofree char *endpoint = service != NULL ? g_strdup (service)
                                              : kdcc_release_catalog_dup_endpoint_from_settings ();
  g_autoptr(GAsyncResult) result = NULL;

  if (asked != NULL)
    *asked = endpoint != NULL;
  if (endpoint == NULL)
    return g_steal_pointer (&catalog);
  kdcc_release_catalog_refresh_async (catalog, endpoint, newest, NULL, refreshed_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  if (!kdcc_release_catalog_refresh_finish (catalog, result, error))
    return NULL;
  return g_steal_pointer (&catalog);
}
