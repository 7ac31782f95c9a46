/* test-http-limits-kube.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every answer bounded (issue 17), for the Kubernetes REST client
 * (kdcc-kube-client.c, kdcc-kube-verbs.c): tests/hostile/kdcc-hostile-relay
 * in front of the fake Kubernetes API server (tests/kube), reached through a
 * kubeconfig whose server is the relay's http:// address, with the admin
 * token. Everything but the one path under test is the fake server's real
 * answer. One misbehaviour per case, on a list (with its pages) or a get:
 * a KDCC_ERROR naming the request, within the deadline, with peak memory
 * bounded, the connection dropped, and the same client listing again once
 * the relay behaves. And a watch whose connection is reset mid-stream
 * resumes from the resourceVersion of its last event, without listing
 * again and without missing or repeating an event.
 */
#define G_LOG_DOMAIN "test-http-limits-kube"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "kdcc-error.h"
#include "kdcc-kube-client.h"
#include "kdcc-kube-watch.h"
#include "kdcc-kubeconfig.h"
#include "kdcc-rados-source.h"
#include "kdcc-test-kube.h"
#include "kdcc-test-relay.h"
#include "kdcc-test-util.h"

#define DEADLINE_MS   3000
#define MAX_BODY      (4 * 1000 * 1000)
/* Scheduling slack on two shared cores with AddressSanitizer. */
#define SLACK_MS      2000
/* An unbounded reader grows by hundreds of megabytes in these cases, a
 * bounded one by a few times the 4 MB limit. */
#define MAX_GROWTH_KB (40 * 1024)

#define N_PODS        3
#define LIST_PATH     "/api/v1/namespaces/rook-ceph/pods"
#define GET_PATH      LIST_PATH "/rook-ceph-mon-a"

typedef struct
{
  const char *name;
  const char *mode;
  const char *param;      /* NULL: the mode's default */
  gboolean    get;        /* GET_PATH with kdcc_kube_client_get (); else a list */
  int         code;       /* KDCC_ERROR_* */
  const char *needle;     /* must appear in the message */
  gboolean    waits;      /* must take about the whole deadline */
  gboolean    streams;    /* the relay writes until the client hangs up */
} Case;

static const Case cases[] = {
  { "endless-body", "endless", NULL, FALSE, KDCC_ERROR_LIMIT, "limit of 4.0", FALSE, TRUE },
  { "content-length-too-large", "big-length", NULL, FALSE, KDCC_ERROR_LIMIT, "announces",
    FALSE, TRUE },
  { "chunked-too-large", "big-chunked", NULL, FALSE, KDCC_ERROR_LIMIT, "larger than", FALSE,
    TRUE },
  { "trickle", "trickle", NULL, FALSE, KDCC_ERROR_TIMEOUT, "deadline of 3 seconds", TRUE,
    FALSE },
  /* One header line every 50 ms: never too many for libsoup, never done. */
  { "headers-never-end", "endless-headers", "0.05", FALSE, KDCC_ERROR_TIMEOUT,
    "deadline of 3 seconds", TRUE, FALSE },
  { "gzip-bomb", "gzip-bomb", NULL, FALSE, KDCC_ERROR_LIMIT, "unpacks", FALSE, FALSE },
  { "redirect-loop", "redirect-loop", NULL, FALSE, KDCC_ERROR_HTTP, "redirected", FALSE, FALSE },
  /* A proxy's sign-in page instead of the API server's JSON. */
  { "wrong-content-type", "wrong-type", NULL, TRUE, KDCC_ERROR_HTTP, "content type", FALSE,
    FALSE },
  { "truncated-json", "truncated-json", NULL, FALSE, KDCC_ERROR_PARSE, "not valid JSON", FALSE,
    FALSE },
  { "truncated-json-get", "truncated-json", NULL, TRUE, KDCC_ERROR_PARSE, "not valid JSON",
    FALSE, FALSE },
  { "reset-mid-body", "reset", NULL, FALSE, KDCC_ERROR_CONNECT, "broke", FALSE, FALSE },
};

static KdccTestKube *kube;
static KdccTestRelay *relay;

/* A client whose kubeconfig points at the relay in plain HTTP, with the
 * admin token of the fake server. */
static KdccKubeClient *
client_new (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = g_strdup_printf (
    "apiVersion: v1\nkind: Config\ncurrent-context: relay\n"
    "clusters:\n- name: relay\n  cluster: {server: '%s'}\n"
    "users:\n- name: alice\n  user: {token: admin-token}\n"
    "contexts:\n- name: relay\n  context: {cluster: relay, user: alice, namespace: rook-ceph}\n",
    kdcc_test_relay_get_url (relay));
  g_autoptr(KdccKubeconfig) kc = kdcc_kubeconfig_new_from_data (data, -1, "relay.kubeconfig",
                                                                &error);
  g_autoptr(KdccKubeContext) ctx = NULL;
  KdccKubeClient *client;

  g_assert_no_error (error);
  ctx = kdcc_kubeconfig_resolve (kc, NULL, &error);
  g_assert_no_error (error);
  client = kdcc_kube_client_new (ctx);
  kdcc_kube_client_set_limits (client, MAX_BODY, DEADLINE_MS);
  /* Two pages for three pods: the pager goes through the relay too. */
  kdcc_kube_client_set_page_size (client, 2);
  return client;
}

static void
assert_client_works (KdccKubeClient *client)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) items = NULL;
  g_autoptr(JsonObject) pod = NULL;
  g_autofree char *version = NULL;

  items = kdcc_kube_client_list (client, &kdcc_kube_pods, "rook-ceph", NULL, &version, NULL,
                                 &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (items), ==, N_PODS);
  g_assert_nonnull (version);

  pod = kdcc_kube_client_get (client, &kdcc_kube_pods, "rook-ceph", "rook-ceph-mon-a", NULL,
                              &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (pod,
                                                                                 "metadata"),
                                                  "name"), ==, "rook-ceph-mon-a");
}

static void
test_limit_case (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(KdccKubeClient) client = client_new ();
  g_autoptr(GError) error = NULL;
  gint64 start, elapsed_ms;
  guint64 baseline_kb, hwm_kb, sent = 0;

  kdcc_test_relay_set_mode (relay, c->mode, c->get ? GET_PATH : LIST_PATH, c->param);

  baseline_kb = kdcc_test_reset_peak_kb ();
  start = g_get_monotonic_time ();
  if (c->get)
    {
      g_autoptr(JsonObject) pod = kdcc_kube_client_get (client, &kdcc_kube_pods, "rook-ceph",
                                                        "rook-ceph-mon-a", NULL, &error);

      g_assert_null (pod);
    }
  else
    {
      g_autoptr(JsonArray) items = kdcc_kube_client_list (client, &kdcc_kube_pods, "rook-ceph",
                                                          NULL, NULL, NULL, &error);

      g_assert_null (items);
    }
  elapsed_ms = (g_get_monotonic_time () - start) / 1000;
  hwm_kb = kdcc_test_proc_status_kb ("VmHWM");
  g_assert_nonnull (error);
  g_test_message ("%s: %" G_GINT64_FORMAT " ms, VmHWM %" G_GUINT64_FORMAT " kB "
                  "(baseline %" G_GUINT64_FORMAT " kB): %s", c->name, elapsed_ms, hwm_kb,
                  baseline_kb, error->message);

  /* A clear error naming the request, on one line. */
  g_assert_error (error, KDCC_ERROR, c->code);
  g_assert_null (strchr (error->message, '\n'));
  g_assert_nonnull (strstr (error->message, kdcc_test_relay_get_url (relay)));
  g_assert_nonnull (strstr (error->message, c->get ? GET_PATH : LIST_PATH));
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

  /* The API server behaves again: the same client lists and gets. */
  kdcc_test_relay_set_mode (relay, "pass", NULL, NULL);
  assert_client_works (client);
}

typedef struct
{
  guint      listed;
  GPtrArray *events;   /* "TYPE name" */
  GError    *error;
} WatchLog;

static void
watch_listed_cb (KdccKubeWatch *watch,
                 JsonArray     *items,
                 WatchLog      *log)
{
  log->listed++;
  g_assert_cmpuint (json_array_get_length (items), ==, N_PODS);
}

static void
watch_event_cb (KdccKubeWatch *watch,
                const char    *type,
                JsonObject    *object,
                WatchLog      *log)
{
  JsonObject *metadata = json_object_get_object_member (object, "metadata");

  g_ptr_array_add (log->events, g_strdup_printf ("%s %s", type,
                                                 json_object_get_string_member (metadata,
                                                                                "name")));
}

static void
watch_failed_cb (KdccKubeWatch *watch,
                 GError        *error,
                 WatchLog      *log)
{
  g_clear_error (&log->error);
  log->error = g_error_copy (error);
}

static gboolean
wake_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Spins the main context until the watch has listed and seen N_EVENTS
 * events (or failed, or 20 s passed). */
static void
wait_for_events (WatchLog *log,
                 guint     n_events)
{
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  guint wake = g_timeout_add (100, wake_cb, NULL);

  while ((log->listed == 0 || log->events->len < n_events) && log->error == NULL &&
         g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake);
  g_assert_no_error (log->error);
  g_assert_cmpuint (log->events->len, >=, n_events);
}

static JsonObject *
create_pod (KdccKubeClient *client,
            const char     *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strdup_printf (
    "{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {\"name\": \"%s\", "
    "\"namespace\": \"rook-ceph\"}, \"spec\": {\"containers\": [{\"name\": \"c\", "
    "\"image\": \"busybox\"}]}}", name);
  g_autoptr(JsonNode) node = json_from_string (text, &error);
  JsonObject *created;

  g_assert_no_error (error);
  created = kdcc_kube_client_create (client, &kdcc_kube_pods, "rook-ceph",
                                     json_node_get_object (node), NULL, &error);
  g_assert_no_error (error);
  return created;
}

/* The relay resets the watch's connection right after its first event;
 * the watch reconnects with that event's resourceVersion, so the pod made
 * meanwhile arrives once and nothing before it comes again. */
static void
test_watch_reset (void)
{
  g_autoptr(KdccKubeClient) client = client_new ();
  g_autoptr(KdccKubeWatch) watch = NULL;
  g_autoptr(JsonObject) stats = NULL;
  g_autoptr(JsonObject) first = NULL;
  g_autoptr(JsonObject) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *resume = NULL;
  WatchLog log = { 0, g_ptr_array_new_with_free_func (g_free), NULL };
  JsonArray *watches;
  guint n_watches;

  kdcc_test_relay_set_mode (relay, "watch-reset", LIST_PATH, "1");

  watch = kdcc_kube_watch_new (client, &kdcc_kube_pods, "rook-ceph", NULL);
  g_signal_connect (watch, "listed", G_CALLBACK (watch_listed_cb), &log);
  g_signal_connect (watch, "event", G_CALLBACK (watch_event_cb), &log);
  g_signal_connect (watch, "failed", G_CALLBACK (watch_failed_cb), &log);
  kdcc_kube_watch_start (watch);
  wait_for_events (&log, 0);

  first = create_pod (client, "rook-ceph-mon-d");
  wait_for_events (&log, 1);
  /* Made while the watch is cut off or just back. */
  second = create_pod (client, "rook-ceph-mon-e");
  wait_for_events (&log, 2);

  g_assert_cmpstr (g_ptr_array_index (log.events, 0), ==, "ADDED rook-ceph-mon-d");
  g_assert_cmpstr (g_ptr_array_index (log.events, 1), ==, "ADDED rook-ceph-mon-e");
  g_assert_cmpuint (kdcc_kube_watch_get_lists (watch), ==, 1);
  g_assert_cmpuint (log.listed, ==, 1);

  /* The relay cut the first watch and saw the second resume from the
   * first event's version. */
  stats = kdcc_test_relay_get_stats (relay);
  g_assert_cmpstr (json_object_get_string_member (stats, "mode"), ==, "watch-reset");
  watches = json_object_get_array_member (stats, "watches");
  n_watches = json_array_get_length (watches);
  g_assert_cmpuint (n_watches, >=, 2);
  resume = g_strdup_printf ("resourceVersion=%s", json_object_get_string_member (
                              json_object_get_object_member (first, "metadata"),
                              "resourceVersion"));
  g_test_message ("watch requests: %s ... %s", json_array_get_string_element (watches, 0),
                  json_array_get_string_element (watches, n_watches - 1));
  g_assert_nonnull (strstr (json_array_get_string_element (watches, n_watches - 1), resume));

  kdcc_kube_watch_stop (watch);
  g_assert_true (kdcc_kube_client_delete (client, &kdcc_kube_pods, "rook-ceph",
                                          "rook-ceph-mon-d", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (kdcc_kube_client_delete (client, &kdcc_kube_pods, "rook-ceph",
                                          "rook-ceph-mon-e", NULL, &error));
  g_assert_no_error (error);
  g_ptr_array_unref (log.events);
}

int
main (int   argc,
      char *argv[])
{
  GString *objects = g_string_new ("[");
  int ret;

  g_test_init (&argc, &argv, NULL);

  /* As test-http.c: links librados, and with it libstdc++, from the start,
   * so AddressSanitizer intercepts the C++ exceptions that libproxy (a GIO
   * module libsoup loads on first use) throws and catches internally. */
  g_type_ensure (KDCC_TYPE_RADOS_SOURCE);

  for (guint i = 0; i < N_PODS; i++)
    g_string_append_printf (objects,
                            "%s{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": "
                            "{\"name\": \"rook-ceph-mon-%c\", \"namespace\": \"rook-ceph\", "
                            "\"labels\": {\"app\": \"rook-ceph-mon\"}}, \"spec\": "
                            "{\"containers\": [{\"name\": \"mon\", \"image\": "
                            "\"quay.io/ceph/ceph:v16.2.15\"}]}}",
                            i ? ", " : "", 'a' + i);
  g_string_append_c (objects, ']');
  kube = kdcc_test_kube_start (objects->str, NULL);
  g_string_free (objects, TRUE);
  relay = kdcc_test_relay_start_with_ca (kube->url, kube->ca_path);

  /* Whatever a good request allocates once is allocated before the first
   * measurement; it also proves the relay passes the API server through. */
  {
    g_autoptr(KdccKubeClient) warm = client_new ();

    assert_client_works (warm);
  }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strconcat ("/http-limits-kube/", cases[i].name, NULL);

      g_test_add_data_func (path, &cases[i], test_limit_case);
    }

  g_test_add_func ("/http-limits-kube/watch-reset-resumes", test_watch_reset);

  ret = g_test_run ();

  g_clear_pointer (&relay, kdcc_test_relay_free);
  g_clear_pointer (&kube, kdcc_test_kube_free);
  return kdcc_test_exit (ret);
}
