/* test-http-limits.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every answer bounded (issue 17): KdccDashboardSource, and through it
 * kdcc_http_send(), against tests/hostile/kdcc-hostile-relay in front of the
 * real dashboard of the shared test cluster. The login and the good path go
 * to the real dashboard; one endpoint misbehaves in one way per case. Each
 * case must fail with a clear error naming the endpoint and the limit,
 * within the deadline, with peak memory bounded, and the same source must
 * read the cluster again as soon as the relay behaves.
 *
 * The limits are set small through the API (a 3 s deadline, 4 MB bodies)
 * to keep the test short.
 */
#define G_LOG_DOMAIN "test-http-limits"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "kdcc-dashboard-source.h"
#include "kdcc-error.h"
#include "kdcc-rados-source.h"
#include "kdcc-test-relay.h"
#include "kdcc-test-util.h"

#define DEADLINE_MS   3000
#define MAX_BODY      (4 * 1000 * 1000)
/* Scheduling slack on two shared cores with AddressSanitizer. */
#define SLACK_MS      2000
/* Peak memory during one hostile fetch may grow this much above the
 * resident size just before it. An unbounded reader grows by hundreds of
 * megabytes in these cases; a bounded one by a few times the 4 MB limit
 * (AddressSanitizer keeps freed blocks in quarantine, so every reallocation
 * of the growing body counts again). */
#define MAX_GROWTH_KB (40 * 1024)

static KdccTestCluster *shared;
static KdccTestRelay *relay;

typedef struct
{
  const char *name;
  const char *mode;
  const char *path;         /* NULL: /api/health/full */
  const char *param;        /* NULL: the mode's default */
  int         code;         /* KDCC_ERROR code, or -1 for TIMEOUT or HTTP */
  const char *needle;       /* must appear in the message */
  gboolean    waits;        /* must take about the whole deadline */
  gboolean    streams;      /* the relay writes until the client hangs up */
} Case;

static const Case cases[] = {
  { "endless-body", "endless", NULL, NULL, KDCC_ERROR_LIMIT, "limit of 4.0", FALSE, TRUE },
  { "content-length-too-large", "big-length", NULL, NULL, KDCC_ERROR_LIMIT, "announces",
    FALSE, TRUE },
  { "chunked-too-large", "big-chunked", NULL, NULL, KDCC_ERROR_LIMIT, "larger than", FALSE,
    TRUE },
  { "map-too-large", "big-chunked", "/api/osd", NULL, KDCC_ERROR_LIMIT, "--max-body-mb", FALSE,
    TRUE },
  { "trickle", "trickle", NULL, NULL, KDCC_ERROR_TIMEOUT, "deadline of 3 seconds", TRUE,
    FALSE },
  { "headers-never-end", "endless-headers", NULL, "0.05", KDCC_ERROR_TIMEOUT,
    "deadline of 3 seconds", TRUE, FALSE },
  { "headers-flood", "endless-headers", NULL, NULL, -1, "/api/health/full", FALSE, FALSE },
  { "gzip-bomb", "gzip-bomb", NULL, NULL, KDCC_ERROR_LIMIT, "unpacks", FALSE, FALSE },
  { "redirect-loop", "redirect-loop", NULL, NULL, KDCC_ERROR_HTTP, "redirected", FALSE, FALSE },
  { "wrong-content-type", "wrong-type", NULL, NULL, KDCC_ERROR_HTTP, "text/html", FALSE, FALSE },
  { "truncated-json", "truncated-json", NULL, NULL, KDCC_ERROR_PARSE, "/api/health/full",
    FALSE, FALSE },
  { "reset-mid-body", "reset", NULL, NULL, KDCC_ERROR_CONNECT, "broke", FALSE, FALSE },
  { "summary-flood", "endless", "/api/summary", NULL, KDCC_ERROR_LIMIT, "/api/summary", FALSE,
    TRUE },
  { "login-flood", "endless", "/api/auth", NULL, KDCC_ERROR_LIMIT, "/api/auth", FALSE, TRUE },
};

static KdccDashboardSource *
relay_source (void)
{
  KdccDashboardSource *source;

  source = kdcc_dashboard_source_new (kdcc_test_relay_get_url (relay), shared->dashboard_user,
                                      shared->dashboard_password, NULL);
  g_object_set (source, "deadline", DEADLINE_MS, "max-body-size", (guint64) MAX_BODY, NULL);
  return source;
}

/* A read through the relay passing the real dashboard on: the control
 * before and after each hostile answer. The small deadline is for the
 * hostile server only; the real mgr's login alone took over 3 s once on a
 * loaded machine (a fresh-clone run with other work beside it), so the
 * control reads get a generous one and the source's own is put back. */
static void
assert_fetch_works (KdccDashboardSource *source)
{
  g_autoptr(KdccSnapshot) snap = NULL;
  g_autoptr(GError) error = NULL;
  guint deadline = 0;

  g_object_get (source, "deadline", &deadline, NULL);
  g_object_set (source, "deadline", 120 * 1000, NULL);
  snap = kdcc_source_fetch_snapshot_sync (KDCC_SOURCE (source), TRUE, NULL, &error);
  g_object_set (source, "deadline", deadline, NULL);
  g_assert_no_error (error);
  g_assert_nonnull (snap);
  g_assert_cmpstr (snap->fsid, ==, shared->fsid);
  g_assert_nonnull (snap->osds);
  g_assert_cmpuint (snap->osds->len, ==, 3);
}

static void
test_limit_case (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(KdccDashboardSource) source = relay_source ();
  g_autoptr(KdccSnapshot) snap = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start, elapsed_ms;
  guint64 baseline_kb, hwm_kb, sent = 0;

  /* Logged in and read once, like a window showing the cluster. */
  kdcc_test_relay_set_mode (relay, "pass", NULL, NULL);
  assert_fetch_works (source);

  kdcc_test_relay_set_mode (relay, c->mode, c->path, c->param);
  if (g_strcmp0 (c->path, "/api/auth") == 0)
    kdcc_dashboard_source_set_token (source, "expired");

  baseline_kb = kdcc_test_reset_peak_kb ();
  start = g_get_monotonic_time ();
  snap = kdcc_source_fetch_snapshot_sync (KDCC_SOURCE (source), TRUE, NULL, &error);
  elapsed_ms = (g_get_monotonic_time () - start) / 1000;
  hwm_kb = kdcc_test_proc_status_kb ("VmHWM");
  g_test_message ("%s: %" G_GINT64_FORMAT " ms, VmHWM %" G_GUINT64_FORMAT " kB "
                  "(baseline %" G_GUINT64_FORMAT " kB), VmRSS %" G_GUINT64_FORMAT " kB: %s",
                  c->name, elapsed_ms, hwm_kb, baseline_kb, kdcc_test_proc_status_kb ("VmRSS"),
                  error ? error->message : "no error");

  g_assert_null (snap);
  g_assert_nonnull (error);
  g_assert_true (error->domain == KDCC_ERROR);
  if (c->code >= 0)
    g_assert_cmpint (error->code, ==, c->code);
  else
    g_assert_true (error->code == KDCC_ERROR_TIMEOUT || error->code == KDCC_ERROR_HTTP);
  /* A clear error: it names the endpoint and the limit, on one line. */
  g_assert_nonnull (strstr (error->message, c->path ? c->path : "/api/health/full"));
  g_assert_nonnull (strstr (error->message, c->needle));
  g_assert_null (strchr (error->message, '\n'));

  g_assert_cmpint (elapsed_ms, <, DEADLINE_MS + SLACK_MS);
  if (c->waits)
    g_assert_cmpint (elapsed_ms, >=, DEADLINE_MS - 100);

  g_assert_cmpuint (hwm_kb, <, baseline_kb + MAX_GROWTH_KB);

  /* The connection was dropped: a relay that writes until the client hangs
   * up has seen it hang up, after little more than the limit. */
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

  /* The server behaves again: the same source reads the cluster. */
  kdcc_test_relay_set_mode (relay, "pass", NULL, NULL);
  assert_fetch_works (source);
}

/* Cancellation still wins over the deadline and says so. */
static gboolean
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

typedef struct
{
  KdccDashboardSource *source;
  GCancellable        *cancellable;
} FetchData;

static gpointer
fetch_thread (gpointer data)
{
  FetchData *fetch = data;
  GError *error = NULL;
  KdccSnapshot *snap;

  snap = kdcc_source_fetch_snapshot_sync (KDCC_SOURCE (fetch->source), TRUE, fetch->cancellable,
                                          &error);
  g_assert_null (snap);
  return error;
}

static void
test_cancel_during_trickle (void)
{
  g_autoptr(KdccDashboardSource) source = relay_source ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  FetchData fetch = { source, cancellable };
  GThread *thread;
  gint64 start;

  kdcc_test_relay_set_mode (relay, "pass", NULL, NULL);
  assert_fetch_works (source);
  g_object_set (source, "deadline", 60 * 1000, NULL);
  kdcc_test_relay_set_mode (relay, "trickle", NULL, "1");

  start = g_get_monotonic_time ();
  g_timeout_add (500, cancel_cb, cancellable);
  thread = g_thread_new ("fetch", fetch_thread, &fetch);
  while (!g_cancellable_is_cancelled (cancellable))
    g_main_context_iteration (NULL, TRUE);
  error = g_thread_join (thread);
  g_test_message ("cancelled after %.2f s: %s", (g_get_monotonic_time () - start) / 1e6,
                  error->message);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);

  kdcc_test_relay_set_mode (relay, "pass", NULL, NULL);
  g_object_set (source, "deadline", DEADLINE_MS, NULL);
  assert_fetch_works (source);
}

static void
count_cb (guint *count)
{
  (*count)++;
}

/* The limit is a setting: a body over the default passes with a higher one. */
static void
test_raised_limit (void)
{
  guint notified = 0;
  g_autoptr(KdccDashboardSource) source = relay_source ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;

  guint64 max_body = 0;

  g_object_get (source, "max-body-size", &max_body, NULL);
  g_assert_cmpuint (max_body, ==, MAX_BODY);
  kdcc_test_relay_set_mode (relay, "big-chunked", "/api/osd", "6");

  body = kdcc_dashboard_source_get_sync (source, "/api/osd", NULL, &error);
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_LIMIT);
  g_clear_error (&error);

  /* Notified once per change, not per set. */
  g_signal_connect_swapped (source, "notify::max-body-size", G_CALLBACK (count_cb), &notified);
  g_object_set (source, "max-body-size", (guint64) 16 * 1000 * 1000, NULL);
  g_object_set (source, "max-body-size", (guint64) 16 * 1000 * 1000, NULL);
  g_assert_cmpuint (notified, ==, 1);
  body = kdcc_dashboard_source_get_sync (source, "/api/osd", NULL, &error);
  g_assert_no_error (error);
  /* 6 MiB of "0," plus the brackets and the last element. */
  g_assert_cmpuint (g_bytes_get_size (body), ==, (6 << 20) + 3);

  kdcc_test_relay_set_mode (relay, "pass", NULL, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(KdccDashboardSource) warm = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);

  /* Links librados, and with it libstdc++, from the start: AddressSanitizer
   * only intercepts C++ exceptions of libraries loaded after it when
   * libstdc++ was there at start, and libproxy (a GIO module that libsoup
   * loads on first use) throws and catches internally. */
  g_type_ensure (KDCC_TYPE_RADOS_SOURCE);

  shared = kdcc_test_cluster_get_shared ();
  relay = kdcc_test_relay_start (shared->dashboard_url);

  /* Whatever a good fetch allocates once (libsoup, the proxy resolver, the
   * JSON parser) is allocated before the first measurement. */
  warm = relay_source ();
  assert_fetch_works (warm);
  g_clear_object (&warm);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strconcat ("/http-limits/", cases[i].name, NULL);

      g_test_add_data_func (path, &cases[i], test_limit_case);
    }
  g_test_add_func ("/http-limits/cancel-during-trickle", test_cancel_during_trickle);
  g_test_add_func ("/http-limits/raised-limit", test_raised_limit);

  ret = g_test_run ();

  g_clear_pointer (&relay, kdcc_test_relay_free);
  kdcc_test_cluster_free (shared);
  return kdcc_test_exit (ret);
}
