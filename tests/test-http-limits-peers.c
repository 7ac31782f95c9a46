/* test-http-limits-peers.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every answer bounded (issue 17), for the HTTP clients beside the
 * Dashboard's: KdccPrometheus (query_range) and KdccAlertmanager (list
 * alerts), each through tests/hostile/kdcc-hostile-relay in front of the
 * real Prometheus or Alertmanager that the test cluster starts. One path
 * misbehaves in one way per case; each case must fail with a clear
 * KDCC_ERROR within the deadline, with peak memory bounded, and the same
 * client must read the real server again once the relay behaves.
 *
 * The limits are set small through the clients' API (a 3 s deadline, 4 MB
 * bodies) to keep the test short.
 */
#define G_LOG_DOMAIN "test-http-limits-peers"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "kdcc-alertmanager.h"
#include "kdcc-error.h"
#include "kdcc-prometheus.h"
#include "kdcc-rados-source.h"
#include "kdcc-test-relay.h"
#include "kdcc-test-util.h"

#define DEADLINE_MS   3000
#define MAX_BODY      (4 * 1000 * 1000)
/* Scheduling slack on two shared cores with AddressSanitizer. */
#define SLACK_MS      2000
/* As in test-http-limits.c: an unbounded reader grows by hundreds of
 * megabytes in these cases, a bounded one by a few times the 4 MB limit. */
#define MAX_GROWTH_KB (40 * 1024)

#define QUERY_PATH  "/api/v1/query_range"
#define ALERTS_PATH "/api/v2/alerts"

typedef enum
{
  PEER_PROMETHEUS,
  PEER_ALERTMANAGER,
} Peer;

typedef struct
{
  const char *name;
  const char *mode;
  const char *param;        /* NULL: the mode's default */
  int         code;         /* KDCC_ERROR code, or -1 for TIMEOUT or HTTP */
  const char *needle;       /* must appear in the message, or NULL */
  gboolean    names_path;   /* the message names the request */
  gboolean    waits;        /* must take about the whole deadline */
  gboolean    streams;      /* the relay writes until the client hangs up */
} Case;

static const Case cases[] = {
  { "endless-body", "endless", NULL, KDCC_ERROR_LIMIT, "limit of 4.0", TRUE, FALSE, TRUE },
  { "trickle", "trickle", NULL, KDCC_ERROR_TIMEOUT, "deadline of 3 seconds", TRUE, TRUE,
    FALSE },
  { "gzip-bomb", "gzip-bomb", NULL, KDCC_ERROR_LIMIT, "unpacks", TRUE, FALSE, FALSE },
  { "reset-mid-body", "reset", NULL, KDCC_ERROR_CONNECT, "broke", TRUE, FALSE, FALSE },
  /* The parser's error: it does not know the URL, only that it is broken. */
  { "truncated-json", "truncated-json", NULL, KDCC_ERROR_PARSE, NULL, FALSE, FALSE, FALSE },
  { "wrong-content-type", "wrong-type", NULL, KDCC_ERROR_HTTP, "text/html", TRUE, FALSE,
    FALSE },
  { "content-length-too-large", "big-length", NULL, KDCC_ERROR_LIMIT, "announces", TRUE, FALSE,
    TRUE },
  { "chunked-too-large", "big-chunked", NULL, KDCC_ERROR_LIMIT, "larger than", TRUE, FALSE,
    TRUE },
  /* One header line every 50 ms: never too many for libsoup, never done. */
  { "headers-never-end", "endless-headers", "0.05", KDCC_ERROR_TIMEOUT,
    "deadline of 3 seconds", TRUE, TRUE, FALSE },
  /* Header lines as fast as the relay can write: libsoup's header limit or
   * the deadline, whichever comes first. */
  { "headers-flood", "endless-headers", NULL, -1, NULL, TRUE, FALSE, FALSE },
  { "redirect-loop", "redirect-loop", NULL, KDCC_ERROR_HTTP, "redirected", TRUE, FALSE, FALSE },
};

typedef struct
{
  Peer        peer;
  const Case *c;
} PeerCase;

static KdccTestRelay *prometheus_relay;
static KdccTestRelay *alertmanager_relay;
static PeerCase peer_cases[2][G_N_ELEMENTS (cases)];

static const char *
need_env (const char *name)
{
  const char *value = g_getenv (name);

  /* A live test fails, never skips, without its parts. */
  if (value == NULL || value[0] == '\0')
    g_error ("%s is not set: run the tests through build-aux/run-tests", name);
  return value;
}

/* One request of the peer's client: query_range of the last five minutes,
 * or the list of alerts. Returns the result (freed here) or NULL. */
static gboolean
peer_request (GObject  *client,
              Peer      peer,
              GError  **error)
{
  g_autoptr(GPtrArray) result = NULL;

  if (peer == PEER_PROMETHEUS)
    {
      gint64 now = g_get_real_time () / 1000;

      result = kdcc_prometheus_query_range (KDCC_PROMETHEUS (client), "up", now - 300 * 1000,
                                            now, 15 * 1000, NULL, error);
    }
  else
    {
      result = kdcc_alertmanager_list_alerts_sync (KDCC_ALERTMANAGER (client), NULL, error);
    }
  return result != NULL;
}

static GObject *
peer_client (Peer peer)
{
  if (peer == PEER_PROMETHEUS)
    {
      KdccPrometheus *p = kdcc_prometheus_new (kdcc_test_relay_get_url (prometheus_relay));

      kdcc_prometheus_set_limits (p, MAX_BODY, DEADLINE_MS);
      return G_OBJECT (p);
    }
  else
    {
      KdccAlertmanager *a = kdcc_alertmanager_new (kdcc_test_relay_get_url (alertmanager_relay));

      kdcc_alertmanager_set_limits (a, MAX_BODY, DEADLINE_MS);
      return G_OBJECT (a);
    }
}

static void
set_deadline (GObject *client,
              Peer     peer,
              guint    deadline_ms)
{
  if (peer == PEER_PROMETHEUS)
    kdcc_prometheus_set_limits (KDCC_PROMETHEUS (client), MAX_BODY, deadline_ms);
  else
    kdcc_alertmanager_set_limits (KDCC_ALERTMANAGER (client), MAX_BODY, deadline_ms);
}

/* The control read through the relay passing the real server on. The
 * small deadline is for the hostile answers only (as in test-http-limits.c,
 * where the real dashboard's login once took over 3 s on a loaded machine):
 * the control gets a generous one, then the small one is put back. */
static void
assert_request_works (GObject *client,
                      Peer     peer)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  set_deadline (client, peer, 120 * 1000);
  ok = peer_request (client, peer, &error);
  set_deadline (client, peer, DEADLINE_MS);
  g_assert_no_error (error);
  g_assert_true (ok);
}

static void
test_limit_case (gconstpointer data)
{
  const PeerCase *pc = data;
  const Case *c = pc->c;
  KdccTestRelay *relay = pc->peer == PEER_PROMETHEUS ? prometheus_relay : alertmanager_relay;
  const char *path = pc->peer == PEER_PROMETHEUS ? QUERY_PATH : ALERTS_PATH;
  g_autoptr(GObject) client = peer_client (pc->peer);
  g_autoptr(GError) error = NULL;
  gint64 start, elapsed_ms;
  guint64 baseline_kb, hwm_kb, sent = 0;
  gboolean ok;

  /* Read once through the relay, like a chart or the health panel. */
  kdcc_test_relay_set_mode (relay, "pass", NULL, NULL);
  assert_request_works (client, pc->peer);

  kdcc_test_relay_set_mode (relay, c->mode, path, c->param);

  baseline_kb = kdcc_test_reset_peak_kb ();
  start = g_get_monotonic_time ();
  ok = peer_request (client, pc->peer, &error);
  elapsed_ms = (g_get_monotonic_time () - start) / 1000;
  hwm_kb = kdcc_test_proc_status_kb ("VmHWM");
  g_test_message ("%s: %" G_GINT64_FORMAT " ms, VmHWM %" G_GUINT64_FORMAT " kB "
                  "(baseline %" G_GUINT64_FORMAT " kB): %s",
                  c->name, elapsed_ms, hwm_kb, baseline_kb, error ? error->message : "no error");

  g_assert_false (ok);
  g_assert_nonnull (error);
  g_assert_true (error->domain == KDCC_ERROR);
  if (c->code >= 0)
    g_assert_cmpint (error->code, ==, c->code);
  else
    g_assert_true (error->code == KDCC_ERROR_TIMEOUT || error->code == KDCC_ERROR_HTTP);
  /* A clear error, on one line. */
  g_assert_cmpuint (strlen (error->message), >, 10);
  g_assert_null (strchr (error->message, '\n'));
  if (c->names_path)
    g_assert_nonnull (strstr (error->message, path));
  if (c->needle != NULL)
    g_assert_nonnull (strstr (error->message, c->needle));

  g_assert_cmpint (elapsed_ms, <, DEADLINE_MS + SLACK_MS);
  if (c->waits)
    g_assert_cmpint (elapsed_ms, >=, DEADLINE_MS - 100);

  g_assert_cmpuint (hwm_kb, <, baseline_kb + MAX_GROWTH_KB);

  /* The connection was dropped: the relay saw the client hang up. */
  if (c->streams)
    {
      gboolean closed = FALSE;

      for (guint i = 0; i < 50 && !closed; i++)
        {
          closed = kdcc_test_relay_client_closed (relay, &sent);
          if (!closed)
            g_usleep (100 * 1000);
        }
      g_test_message ("%s: the relay sent %" G_GUINT64_FORMAT " bytes before the hang-up",
                      c->name, sent);
      g_assert_true (closed);
    }

  /* The server behaves again: the same client reads it. */
  kdcc_test_relay_set_mode (relay, "pass", NULL, NULL);
  assert_request_works (client, pc->peer);
}

int
main (int   argc,
      char *argv[])
{
  KdccTestCluster *shared;
  int ret;

  g_test_init (&argc, &argv, NULL);

  /* As test-http-limits.c: libstdc++ loaded from the start, for ASan. */
  g_type_ensure (KDCC_TYPE_RADOS_SOURCE);

  shared = kdcc_test_cluster_get_shared ();
  prometheus_relay = kdcc_test_relay_start (need_env ("KDCC_TEST_PROMETHEUS_SERVER_URL"));
  alertmanager_relay = kdcc_test_relay_start (need_env ("KDCC_TEST_ALERTMANAGER_URL"));

  /* Whatever a good request allocates once is allocated before the first
   * measurement. */
  for (Peer peer = PEER_PROMETHEUS; peer <= PEER_ALERTMANAGER; peer++)
    {
      g_autoptr(GObject) warm = peer_client (peer);

      assert_request_works (warm, peer);
    }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *p = g_strconcat ("/http-limits-peers/prometheus/", cases[i].name, NULL);
      g_autofree char *a = g_strconcat ("/http-limits-peers/alertmanager/", cases[i].name,
                                        NULL);

      peer_cases[PEER_PROMETHEUS][i] = (PeerCase) { PEER_PROMETHEUS, &cases[i] };
      peer_cases[PEER_ALERTMANAGER][i] = (PeerCase) { PEER_ALERTMANAGER, &cases[i] };
      g_test_add_data_func (p, &peer_cases[PEER_PROMETHEUS][i], test_limit_case);
      g_test_add_data_func (a, &peer_cases[PEER_ALERTMANAGER][i], test_limit_case);
    }

  ret = g_test_run ();

  g_clear_pointer (&prometheus_relay, kdcc_test_relay_free);
  g_clear_pointer (&alertmanager_relay, kdcc_test_relay_free);
  kdcc_test_cluster_free (shared);
  return kdcc_test_exit (ret);
}
