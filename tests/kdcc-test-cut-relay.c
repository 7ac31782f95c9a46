/* kdcc-test-cut-relay.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A TCP relay that can cut a connection in the middle of an answer; see
 * kdcc-test-cut-relay.h.
 */
#define G_LOG_DOMAIN "kdcc-test"

#include "config.h"

#include <errno.h>
#include <poll.h>
#include <string.h>

#include <gio/gio.h>

#include "kdcc-test-cut-relay.h"

struct _KdccTestCutRelay
{
  GSocket   *listener;
  guint16    port;
  guint16    target_port;
  char      *request_prefix;
  GThread   *accept_thread;
  GMutex     mutex;
  GPtrArray *threads;       /* (element-type GThread), guarded by mutex */
  gint       stopping;      /* atomic */
  gint       cut_after;     /* atomic; 0: pass everything */
  gint       cuts;          /* atomic */
  gint       answer_bytes;  /* atomic */
};

typedef struct
{
  KdccTestCutRelay *relay;
  GSocket       *client;
} Conn;

static gboolean
send_all (GSocket    *socket,
          const char *buf,
          gsize       len)
{
  while (len > 0)
    {
      gssize n = g_socket_send (socket, buf, len, NULL, NULL);

      if (n <= 0)
        return FALSE;
      buf += n;
      len -= n;
    }
  return TRUE;
}

static gboolean
is_request_start (const char *buf,
                  gssize      n)
{
  static const char * const methods[] = { "GET ", "POST ", "PUT ", "DELETE ", "HEAD " };

  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    if (n >= (gssize) strlen (methods[i]) && memcmp (buf, methods[i], strlen (methods[i])) == 0)
      return TRUE;
  return FALSE;
}

static gpointer
conn_thread (gpointer user_data)
{
  Conn *conn = user_data;
  KdccTestCutRelay *relay = conn->relay;
  g_autoptr(GSocket) server = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) target = g_inet_socket_address_new (loopback, relay->target_port);
  gsize prefix_len = strlen (relay->request_prefix);
  gboolean watched = FALSE;
  gsize answer_bytes = 0;
  char buf[16384];

  server = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  if (server == NULL || !g_socket_connect (server, target, NULL, NULL))
    goto out;

  while (!g_atomic_int_get (&relay->stopping))
    {
      struct pollfd fds[2] = {
        { g_socket_get_fd (conn->client), POLLIN, 0 },
        { g_socket_get_fd (server), POLLIN, 0 },
      };
      int r = poll (fds, 2, 100);

      if (r < 0 && errno == EINTR)
        continue;
      if (r < 0)
        break;
      if (fds[0].revents != 0)
        {
          gssize n = g_socket_receive (conn->client, buf, sizeof buf, NULL, NULL);

          if (n <= 0)
            break;
          /* libsoup sends one request at a time on a connection and waits
           * for its answer, so the answer bytes that follow belong to the
           * request that starts here. */
          if (is_request_start (buf, n))
            {
              watched = (gsize) n >= prefix_len && memcmp (buf, relay->request_prefix,
                                                           prefix_len) == 0;
              answer_bytes = 0;
            }
          if (!send_all (server, buf, n))
            break;
        }
      if (fds[1].revents != 0)
        {
          gssize n = g_socket_receive (server, buf, sizeof buf, NULL, NULL);
          gsize cut_after = (guint) g_atomic_int_get (&relay->cut_after);

          if (n <= 0)
            break;
          if (watched && cut_after > 0 && answer_bytes + n > cut_after)
            {
              send_all (conn->client, buf, cut_after - answer_bytes);
              g_atomic_int_inc (&relay->cuts);
              break;
            }
          answer_bytes += n;
          if (watched)
            g_atomic_int_set (&relay->answer_bytes, (gint) answer_bytes);
          if (!send_all (conn->client, buf, n))
            break;
        }
    }

out:
  /* Closing both sides is the cut: the client sees the connection end
   * before the answer is complete. */
  if (server != NULL)
    g_socket_close (server, NULL);
  g_socket_close (conn->client, NULL);
  g_object_unref (conn->client);
  g_free (conn);
  return NULL;
}

static gpointer
accept_thread (gpointer user_data)
{
  KdccTestCutRelay *relay = user_data;

  while (!g_atomic_int_get (&relay->stopping))
    {
      Conn *conn;
      GSocket *client;

      if (!g_socket_condition_timed_wait (relay->listener, G_IO_IN, 100 * 1000, NULL, NULL))
        continue;
      client = g_socket_accept (relay->listener, NULL, NULL);
      if (client == NULL)
        continue;
      g_socket_set_blocking (client, TRUE);
      conn = g_new0 (Conn, 1);
      conn->relay = relay;
      conn->client = client;
      g_mutex_lock (&relay->mutex);
      g_ptr_array_add (relay->threads, g_thread_new ("relay-conn", conn_thread, conn));
      g_mutex_unlock (&relay->mutex);
    }
  return NULL;
}

KdccTestCutRelay *
kdcc_test_cut_relay_new (const char *target_url,
                     const char *request_prefix)
{
  KdccTestCutRelay *relay = g_new0 (KdccTestCutRelay, 1);
  g_autoptr(GUri) uri = g_uri_parse (target_url, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (uri);
  g_assert_cmpint (g_uri_get_port (uri), >, 0);
  relay->target_port = g_uri_get_port (uri);
  relay->request_prefix = g_strdup (request_prefix);
  g_mutex_init (&relay->mutex);
  relay->threads = g_ptr_array_new ();
  relay->listener = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                  G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_assert_true (g_socket_bind (relay->listener, any, TRUE, &error));
  g_assert_true (g_socket_listen (relay->listener, &error));
  bound = g_socket_get_local_address (relay->listener, &error);
  g_assert_no_error (error);
  relay->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  relay->accept_thread = g_thread_new ("relay-accept", accept_thread, relay);
  return relay;
}

guint16
kdcc_test_cut_relay_get_port (KdccTestCutRelay *self)
{
  return self->port;
}

guint
kdcc_test_cut_relay_get_answer_bytes (KdccTestCutRelay *self)
{
  return (guint) g_atomic_int_get (&self->answer_bytes);
}

void
kdcc_test_cut_relay_set_cut_after (KdccTestCutRelay *self,
                               guint          cut_after)
{
  g_assert_cmpuint (cut_after, <=, G_MAXINT);
  g_atomic_int_set (&self->cut_after, (gint) cut_after);
}

guint
kdcc_test_cut_relay_get_cuts (KdccTestCutRelay *self)
{
  return (guint) g_atomic_int_get (&self->cuts);
}

void
kdcc_test_cut_relay_free (KdccTestCutRelay *self)
{
  g_atomic_int_set (&self->stopping, 1);
  g_thread_join (self->accept_thread);
  /* The accept thread is gone: nothing adds threads any more, and each
   * connection thread sees "stopping" within its 100 ms poll. */
  for (guint i = 0; i < self->threads->len; i++)
    g_thread_join (g_ptr_array_index (self->threads, i));
  g_ptr_array_unref (self->threads);
  g_socket_close (self->listener, NULL);
  g_object_unref (self->listener);
  g_mutex_clear (&self->mutex);
  g_free (self->request_prefix);
  g_free (self);
}
