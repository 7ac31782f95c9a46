/* test-http-limits-version.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every answer bounded (issue 17), for the version service client
 * (kdcc-version-service.c): tests/hostile/kdcc-hostile-relay in front of a
 * local server speaking Koor's protocol (ceph-facts.md §8; no public
 * instance is reachable here). One misbehaviour per case; the service is
 * optional, so a breach is never an error of the caller but the state
 * "unreachable" or "invalid answer" with a message naming the request,
 * reached within the deadline, with peak memory bounded, the shipped
 * catalog unchanged, and a good answer taken again once the relay behaves.
 */
#define G_LOG_DOMAIN "test-http-limits-version"

#include "config.h"

#include <libsoup/soup.h>
#include <stdio.h>
#include <string.h>

#include "kdcc-rados-source.h"
#include "kdcc-release-catalog.h"
#include "kdcc-test-relay.h"
#include "kdcc-test-util.h"

#define DEADLINE_MS   3000
#define MAX_BODY      (4 * 1000 * 1000)
/* Scheduling slack on two shared cores with AddressSanitizer. */
#define SLACK_MS      2000
/* An unbounded reader grows by hundreds of megabytes in these cases, a
 * bounded one by a few times the 4 MB limit. */
#define MAX_GROWTH_KB (40 * 1024)

#define SERVICE_PATH "/api.v1.VersionService/Operator"

typedef struct
{
  const char              *name;
  const char              *mode;
  const char              *param;      /* NULL: the mode's default */
  KdccVersionServiceState  state;
  const char              *needle;     /* must appear in the message, or NULL */
  gboolean                 names_path; /* the message names the request */
  gboolean                 waits;      /* must take about the whole deadline */
  gboolean                 streams;    /* the relay writes until the client hangs up */
} Case;

static const Case cases[] = {
  { "endless-body", "endless", NULL, KDCC_VERSION_SERVICE_INVALID_ANSWER, "limit of 4.0", TRUE,
    FALSE, TRUE },
  { "trickle", "trickle", NULL, KDCC_VERSION_SERVICE_UNREACHABLE, "deadline of 3 seconds", TRUE,
    TRUE, FALSE },
  { "gzip-bomb", "gzip-bomb", NULL, KDCC_VERSION_SERVICE_INVALID_ANSWER, "unpacks", TRUE, FALSE,
    FALSE },
  { "reset-mid-body", "reset", NULL, KDCC_VERSION_SERVICE_UNREACHABLE, "broke", TRUE, FALSE,
    FALSE },
  /* The protocol's parser: it knows the answer is broken, not the URL. */
  { "truncated-json", "truncated-json", NULL, KDCC_VERSION_SERVICE_INVALID_ANSWER, NULL, FALSE,
    FALSE, FALSE },
  /* The service's content type is not checked (Connect answers errors as
   * application/json and some proxies say text/plain): an HTML page fails
   * as not being the protocol. */
  { "wrong-content-type", "wrong-type", NULL, KDCC_VERSION_SERVICE_INVALID_ANSWER, NULL, FALSE,
    FALSE, FALSE },
  { "content-length-too-large", "big-length", NULL, KDCC_VERSION_SERVICE_INVALID_ANSWER,
    "announces", TRUE, FALSE, TRUE },
  { "chunked-too-large", "big-chunked", NULL, KDCC_VERSION_SERVICE_INVALID_ANSWER, "larger than",
    TRUE, FALSE, TRUE },
  /* One header line every 50 ms: never too many for libsoup, never done. */
  { "headers-never-end", "endless-headers", "0.05", KDCC_VERSION_SERVICE_UNREACHABLE,
    "deadline of 3 seconds", TRUE, TRUE, FALSE },
  { "redirect-loop", "redirect-loop", NULL, KDCC_VERSION_SERVICE_INVALID_ANSWER, "redirected",
    TRUE, FALSE, FALSE },
};

/* The good service behind the relay: a newer Pacific point release. */
static SoupServer *service;
static KdccTestRelay *relay;
static guint service_requests;

static const char *newer_point =
  "{\"versions\":{\"ceph\":{\"version\":\"16.2.16\",\"imageUri\":\"quay.io/ceph/ceph:v16.2.16\"}}}";

static void
service_cb (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  service_requests++;
  soup_server_message_set_status (msg, 200, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Version-Service-Version", "v1");
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, newer_point,
                                    strlen (newer_point));
}

static void
refreshed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* One question to the service through the relay, run to its end while the
 * local service is served on this thread's main context. */
static void
refresh (KdccReleaseCatalog *catalog)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  kdcc_release_catalog_refresh_async (catalog, kdcc_test_relay_get_url (relay), "16.2.15", NULL,
                                      refreshed_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  /* Only cancellation or a bad endpoint fail the call itself. */
  g_assert_true (kdcc_release_catalog_refresh_finish (catalog, result, &error));
  g_assert_no_error (error);
}

static void
assert_service_works (KdccReleaseCatalog *catalog)
{
  g_autoptr(KdccReleaseCheck) check = NULL;
  guint before = service_requests;

  refresh (catalog);
  g_assert_cmpint (kdcc_release_catalog_get_version_service_state (catalog), ==,
                   KDCC_VERSION_SERVICE_OK);
  g_assert_cmpuint (service_requests, ==, before + 1);
  check = kdcc_release_catalog_check (catalog, "16.2.15", NULL);
  g_assert_cmpstr (check->newest, ==, "16.2.16");
}

static KdccReleaseCatalog *
catalog_new (void)
{
  KdccReleaseCatalog *catalog = kdcc_release_catalog_new ();

  kdcc_release_catalog_set_service_limits (catalog, MAX_BODY, DEADLINE_MS);
  return catalog;
}

static void
test_limit_case (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(KdccReleaseCatalog) catalog = catalog_new ();
  g_autoptr(KdccReleaseCheck) check = NULL;
  gint64 start, elapsed_ms;
  guint64 baseline_kb, hwm_kb, sent = 0;
  const char *message;

  kdcc_test_relay_set_mode (relay, c->mode, SERVICE_PATH, c->param);

  baseline_kb = kdcc_test_reset_peak_kb ();
  start = g_get_monotonic_time ();
  refresh (catalog);
  elapsed_ms = (g_get_monotonic_time () - start) / 1000;
  hwm_kb = kdcc_test_proc_status_kb ("VmHWM");
  message = kdcc_release_catalog_get_version_service_message (catalog);
  g_test_message ("%s: %" G_GINT64_FORMAT " ms, VmHWM %" G_GUINT64_FORMAT " kB "
                  "(baseline %" G_GUINT64_FORMAT " kB): %s", c->name, elapsed_ms, hwm_kb,
                  baseline_kb, message);

  g_assert_cmpint (kdcc_release_catalog_get_version_service_state (catalog), ==, c->state);
  /* A clear message, on one line. */
  g_assert_nonnull (message);
  g_assert_cmpuint (strlen (message), >, 10);
  g_assert_null (strchr (message, '\n'));
  if (c->names_path)
    g_assert_nonnull (strstr (message, SERVICE_PATH));
  if (c->needle != NULL)
    g_assert_nonnull (strstr (message, c->needle));

  g_assert_cmpint (elapsed_ms, <, DEADLINE_MS + SLACK_MS);
  if (c->waits)
    g_assert_cmpint (elapsed_ms, >=, DEADLINE_MS - 100);
  g_assert_cmpuint (hwm_kb, <, baseline_kb + MAX_GROWTH_KB);

  /* The shipped catalog is untouched by whatever came back. */
  check = kdcc_release_catalog_check (catalog, "16.2.15", NULL);
  g_assert_cmpint (check->state, ==, KDCC_RELEASE_STATE_CURRENT);
  g_assert_cmpstr (check->newest, ==, "16.2.15");

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

  /* The service behaves again: the same catalog takes its answer. */
  kdcc_test_relay_set_mode (relay, "pass", NULL, NULL);
  assert_service_works (catalog);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  GSList *uris;
  int ret;

  g_test_init (&argc, &argv, NULL);

  /* As test-http.c: links librados, and with it libstdc++, from the start,
   * so AddressSanitizer intercepts the C++ exceptions that libproxy (a GIO
   * module libsoup loads on first use) throws and catches internally. */
  g_type_ensure (KDCC_TYPE_RADOS_SOURCE);

  service = soup_server_new (NULL, NULL);
  soup_server_add_handler (service, SERVICE_PATH, service_cb, NULL, NULL);
  g_assert_true (soup_server_listen_local (service, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (service);
  url = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  relay = kdcc_test_relay_start (url);

  /* Whatever a good question allocates once is allocated before the
   * first measurement; it also proves the relay passes the protocol. */
  {
    g_autoptr(KdccReleaseCatalog) warm = catalog_new ();

    assert_service_works (warm);
  }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strconcat ("/http-limits-version/", cases[i].name, NULL);

      g_test_add_data_func (path, &cases[i], test_limit_case);
    }

  ret = g_test_run ();

  g_clear_pointer (&relay, kdcc_test_relay_free);
  soup_server_disconnect (service);
  g_clear_object (&service);
  return kdcc_test_exit (ret);
}
