/* kdcc-kube-logs.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-kube-logs"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdcc-error.h"
#include "kdcc-kube-logs.h"

/* One log line longer than this is cut off by the stream (KDCC_ERROR_LIMIT):
 * Ceph daemons write lines of a few hundred bytes. */
#define MAX_LINE_BYTES (256 * 1024)

static char *
log_query (const char *container,
           guint       tail_lines,
           guint64     limit_bytes,
           gboolean    follow)
{
  GString *query = g_string_new (NULL);

  g_string_append_printf (query, "tailLines=%u", tail_lines ? tail_lines : KDCC_KUBE_LOG_DEFAULT_LINES);
  if (limit_bytes > 0)
    g_string_append_printf (query, "&limitBytes=%" G_GUINT64_FORMAT, limit_bytes);
  if (follow)
    g_string_append (query, "&follow=true");
  if (container != NULL)
    {
      g_string_append (query, "&container=");
      g_string_append_uri_escaped (query, container, NULL, FALSE);
    }
  return g_string_free (query, FALSE);
}

char *
kdcc_kube_pod_log_get (KdccKubeClient  *client,
                       const char      *namespace,
                       const char      *pod,
                       const char      *container,
                       guint            tail_lines,
                       guint64          limit_bytes,
                       GCancellable    *cancellable,
                       GError         **error)
{
  g_autofree char *query = NULL;
  g_autoptr(GBytes) body = NULL;
  gsize len;
  const char *data;

  g_return_val_if_fail (KDCC_IS_KUBE_CLIENT (client), NULL);
  g_return_val_if_fail (namespace != NULL && pod != NULL, NULL);

  query = log_query (container, tail_lines, limit_bytes ? limit_bytes : KDCC_KUBE_LOG_DEFAULT_BYTES,
                     FALSE);
  body = kdcc_kube_client_get_subresource (client, &kdcc_kube_pods, namespace, pod, "log", query,
                                           "text/plain", cancellable, error);
  if (body == NULL)
    return NULL;
  data = g_bytes_get_data (body, &len);
  return g_utf8_make_valid (data ? data : "", len);
}

typedef struct
{
  KdccKubeClient *client;
  char           *url;
} FollowData;

static void
follow_data_free (gpointer data)
{
  FollowData *fd = data;

  g_object_unref (fd->client);
  g_free (fd->url);
  g_free (fd);
}

static SoupMessage *
follow_request_cb (KdccHttpStream *stream,
                   const char     *resume_token,
                   gpointer        user_data)
{
  FollowData *fd = user_data;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GError) error = NULL;

  msg = soup_message_new ("GET", fd->url);
  if (msg == NULL)
    return NULL;
  if (!kdcc_kube_client_prepare_message (fd->client, msg, NULL, &error))
    {
      g_debug ("Cannot prepare the log request: %s", error->message);
      return NULL;
    }
  return g_steal_pointer (&msg);
}

KdccHttpStream *
kdcc_kube_pod_log_follow (KdccKubeClient *client,
                          const char     *namespace,
                          const char     *pod,
                          const char     *container,
                          guint           tail_lines)
{
  g_autoptr(SoupSession) session = NULL;
  g_autofree char *path = NULL;
  g_autofree char *query = NULL;
  KdccHttpStreamLimits limits = { { 0 } };
  FollowData *fd;

  g_return_val_if_fail (KDCC_IS_KUBE_CLIENT (client), NULL);
  g_return_val_if_fail (namespace != NULL && pod != NULL, NULL);

  path = kdcc_kube_resource_path (&kdcc_kube_pods, namespace, pod);
  query = log_query (container, tail_lines, KDCC_KUBE_LOG_FOLLOW_BYTES, TRUE);
  fd = g_new0 (FollowData, 1);
  fd->client = g_object_ref (client);
  fd->url = g_strdup_printf ("%s%s/log?%s", kdcc_kube_client_get_context (client)->server, path,
                             query);

  limits.open.max_body_bytes = 1024 * 1024;
  limits.open.deadline_ms = 30000;
  limits.open.max_redirects = 3;
  limits.open.content_type = "text/plain";
  limits.max_event_bytes = MAX_LINE_BYTES;
  limits.max_buffered_bytes = 4 * 1024 * 1024;
  /* A quiet daemon writes nothing for a long time; the server's limitBytes
   * and the user's Stop end the stream, not silence. */
  limits.silence_ms = 0;
  limits.max_reconnects = 0;

  session = kdcc_kube_client_new_session (client);
  return kdcc_http_stream_new (session, &limits, follow_request_cb, fd, follow_data_free);
}
