/* kdcc-cli-session.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-cli"

#include "config.h"

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
