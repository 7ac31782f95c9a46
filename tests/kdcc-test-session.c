/* kdcc-test-session.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sessions and refresh counting shared by the live fault and TLS tests.
 */
#define G_LOG_DOMAIN "kdcc-test"

#include "config.h"

#include <string.h>

#include "kdcc-test-session.h"

typedef struct
{
  GAsyncResult *result;
} AsyncData;

static void
session_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  AsyncData *data = user_data;

  data->result = g_object_ref (result);
}

static gboolean
have_result (gpointer user_data)
{
  return ((AsyncData *) user_data)->result != NULL;
}

KdccSession *
kdcc_test_session_new (KdccProfile       *profile,
                       const char        *password,
                       KdccSessionFlags   flags,
                       char             **out_peer_fingerprint,
                       GError           **error)
{
  AsyncData data = { NULL };
  KdccSession *session;

  kdcc_session_new_async (profile, password, NULL, flags, NULL, session_done_cb, &data);
  if (!kdcc_test_wait_until (have_result, &data, 60000))
    g_error ("creating a session did not end within 60 s");
  session = kdcc_session_new_finish (data.result, error);
  if (out_peer_fingerprint != NULL)
    *out_peer_fingerprint = kdcc_session_new_dup_peer_fingerprint (data.result);
  g_object_unref (data.result);
  return session;
}

KdccProfile *
kdcc_test_direct_profile (KdccTestCluster *cluster)
{
  KdccProfile *profile = kdcc_profile_new (KDCC_PROFILE_KIND_DIRECT);

  kdcc_profile_set_name (profile, "Direct test profile");
  kdcc_profile_set_conf_path (profile, cluster->conf);
  kdcc_profile_set_keyring_path (profile, cluster->keyring);
  kdcc_profile_set_client_id (profile, cluster->client_id);
  return profile;
}

KdccProfile *
kdcc_test_named_profile (KdccTestCluster *cluster,
                         const char      *name)
{
  KdccProfile *profile = kdcc_test_direct_profile (cluster);

  kdcc_profile_set_name (profile, name);
  return profile;
}

KdccProfile *
kdcc_test_dashboard_profile (KdccTestCluster *cluster,
                             const char      *url)
{
  KdccProfile *profile = kdcc_profile_new (KDCC_PROFILE_KIND_DASHBOARD);

  kdcc_profile_set_name (profile, "Dashboard test profile");
  kdcc_profile_set_url (profile, url != NULL ? url : cluster->dashboard_url);
  kdcc_profile_set_user (profile, cluster->dashboard_user);
  return profile;
}

static void
busy_changed_cb (KdccMonitor       *monitor,
                 GParamSpec        *pspec,
                 KdccTestRefreshes *refreshes)
{
  gboolean busy = FALSE;

  g_object_get (monitor, "busy", &busy, NULL);
  if (busy)
    refreshes->started++;
}

static void
refresh_done_cb (KdccMonitor       *monitor,
                 const GError      *error,
                 KdccTestRefreshes *refreshes)
{
  refreshes->done++;
  if (error == NULL)
    refreshes->successes++;
  else
    {
      refreshes->failures++;
      g_clear_error (&refreshes->last_error);
      refreshes->last_error = g_error_copy (error);
    }
}

void
kdcc_test_refreshes_watch (KdccTestRefreshes *refreshes,
                           KdccMonitor       *monitor)
{
  gboolean busy = FALSE;

  memset (refreshes, 0, sizeof *refreshes);
  refreshes->monitor = g_object_ref (monitor);
  /* A refresh already in flight counts as started. */
  g_object_get (monitor, "busy", &busy, NULL);
  refreshes->started = busy ? 1 : 0;
  refreshes->busy_id = g_signal_connect (monitor, "notify::busy", G_CALLBACK (busy_changed_cb),
                                         refreshes);
  refreshes->done_id = g_signal_connect (monitor, "refresh-done", G_CALLBACK (refresh_done_cb),
                                         refreshes);
}

void
kdcc_test_refreshes_clear (KdccTestRefreshes *refreshes)
{
  if (refreshes->monitor != NULL)
    {
      g_clear_signal_handler (&refreshes->busy_id, refreshes->monitor);
      g_clear_signal_handler (&refreshes->done_id, refreshes->monitor);
      g_clear_object (&refreshes->monitor);
    }
  g_clear_error (&refreshes->last_error);
}

typedef struct
{
  KdccTestRefreshes *refreshes;
  guint              want_done;
} WaitNext;

static gboolean
enough_done (gpointer user_data)
{
  WaitNext *wait = user_data;

  return wait->refreshes->done >= wait->want_done;
}

gboolean
kdcc_test_refreshes_wait_next (KdccTestRefreshes *refreshes,
                               guint              n,
                               guint              timeout_ms)
{
  /* At most one refresh is in flight, so "done" trails "started" by at
   * most one: the refreshes numbered started+1 .. started+n are those that
   * start from now on. */
  WaitNext wait = { refreshes, refreshes->started + n };

  return kdcc_test_wait_until (enough_done, &wait, timeout_ms);
}

void
kdcc_test_session_start_fast (KdccSession       *session,
                              guint              max_backoff,
                              KdccTestRefreshes *refreshes)
{
  KdccMonitor *monitor = kdcc_session_get_monitor (session);

  g_object_set (monitor, "interval", 1, "max-backoff", max_backoff, NULL);
  kdcc_test_refreshes_watch (refreshes, monitor);
  kdcc_session_start (session);
}
