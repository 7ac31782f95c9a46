/* test-release-catalog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The release catalog: the shipped file, each state a running version can
 * be in (update found, none found, catalog older than the running version,
 * not a version), malformed catalogs, and Koor's version service spoken by
 * a local SoupServer: a newer point release, a new major release, NotFound,
 * garbage, a wrong protocol version, an oversized answer, a port nobody
 * listens on, a bad address and cancellation. Each ends in a clear state
 * and the catalog keeps working.
 */
#define G_LOG_DOMAIN "test-release-catalog"

#include "config.h"

#include <gio/gio.h>
#include <libsoup/soup.h>
#include <locale.h>
#include <string.h>

#include "kdcc-error.h"
#include "kdcc-rados-source.h"
#include "kdcc-release-catalog-private.h"

static GDateTime *
day (const char *date)
{
  g_autofree char *iso = g_strconcat (date, "T12:00:00Z", NULL);

  return g_date_time_new_from_iso8601 (iso, NULL);
}

static void
assert_targets (KdccReleaseCheck *check,
                const char       *expected)
{
  g_autoptr(GString) got = g_string_new (NULL);

  for (guint i = 0; i < check->upgrade_targets->len; i++)
    {
      KdccReleaseTarget *target = g_ptr_array_index (check->upgrade_targets, i);

      g_string_append_printf (got, "%s%s %s", i > 0 ? ", " : "", target->name, target->newest);
    }
  g_assert_cmpstr (got->str, ==, expected);
}

static void
test_version_parse (void)
{
  struct {
    const char *text;
    gboolean    ok;
    guint       major, minor, patch;
  } cases[] = {
    { "16.2.15", TRUE, 16, 2, 15 },
    { "v18.2.7", TRUE, 18, 2, 7 },
    { "19.2.0-0", TRUE, 19, 2, 0 },
    { "ceph version 16.2.15 (618f440892089921c3e944a991122ddc44e60516) pacific (stable)",
      TRUE, 16, 2, 15 },
    { "16.2", FALSE, 0, 0, 0 },
    { "16.2.x", FALSE, 0, 0, 0 },
    { "", FALSE, 0, 0, 0 },
    { "ceph version", FALSE, 0, 0, 0 },
    { "99999999999.1.1", FALSE, 0, 0, 0 },
    { "16.2.15garbage", FALSE, 0, 0, 0 },
  };
  KdccCephVersion a = { 16, 2, 15 }, b = { 17, 2, 0 }, c = { 16, 2, 9 };
  g_autofree char *text = kdcc_ceph_version_to_string (&a);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      KdccCephVersion v = { 0 };

      g_assert_cmpint (kdcc_ceph_version_parse (cases[i].text, &v), ==, cases[i].ok);
      if (cases[i].ok)
        {
          g_assert_cmpuint (v.major, ==, cases[i].major);
          g_assert_cmpuint (v.minor, ==, cases[i].minor);
          g_assert_cmpuint (v.patch, ==, cases[i].patch);
        }
    }
  g_assert_false (kdcc_ceph_version_parse (NULL, &a));

  g_assert_cmpint (kdcc_ceph_version_compare (&a, &b), <, 0);
  g_assert_cmpint (kdcc_ceph_version_compare (&b, &a), >, 0);
  /* Numerically, not as text: 16.2.15 is newer than 16.2.9. */
  g_assert_cmpint (kdcc_ceph_version_compare (&a, &c), >, 0);
  g_assert_cmpint (kdcc_ceph_version_compare (&a, &a), ==, 0);
  g_assert_cmpstr (text, ==, "16.2.15");
}

static void
test_shipped (void)
{
  g_autoptr(KdccReleaseCatalog) catalog = kdcc_release_catalog_new ();
  g_autoptr(GDateTime) later = day ("2026-12-30");
  g_auto(GStrv) reef = NULL;
  g_auto(GStrv) pacific = NULL;
  g_autofree char *path = g_build_filename (g_getenv ("KDCC_SOURCE_ROOT"), "data",
                                            "release-catalog.json", NULL);
  g_autoptr(KdccReleaseCatalog) from_file = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (kdcc_release_catalog_get_date (catalog), ==, "2026-11-30");
  g_assert_cmpint (kdcc_release_catalog_get_age_days (catalog, later), ==, 30);
  g_assert_cmpint (kdcc_release_catalog_get_version_service_state (catalog), ==,
                   KDCC_VERSION_SERVICE_NOT_ASKED);

  /* Rook ↔ Ceph (ceph-facts.md §7). */
  reef = kdcc_release_catalog_dup_rook_for (catalog, "reef");
  g_assert_cmpuint (g_strv_length (reef), ==, 7);
  g_assert_cmpstr (reef[0], ==, "1.12");
  g_assert_cmpstr (reef[6], ==, "1.18");
  pacific = kdcc_release_catalog_dup_rook_for (catalog, "pacific");
  g_assert_cmpuint (g_strv_length (pacific), ==, 3);

  /* The resource is the file in data/, byte for byte in meaning. */
  from_file = kdcc_release_catalog_new_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kdcc_release_catalog_get_date (from_file), ==,
                   kdcc_release_catalog_get_date (catalog));
}

/* An older point release of Pacific, on the test cluster's day. */
static void
test_update_found (void)
{
  g_autoptr(KdccReleaseCatalog) catalog = kdcc_release_catalog_new ();
  g_autoptr(GDateTime) today = day ("2026-11-30");
  g_autoptr(KdccReleaseCheck) check = NULL;

  check = kdcc_release_catalog_check (catalog,
                                      "ceph version 16.2.11 (3cf40e2dca667f68c6ce3ff5cd94f01e711af894) pacific (stable)",
                                      today);
  g_assert_cmpint (check->state, ==, KDCC_RELEASE_STATE_UPDATE_AVAILABLE);
  g_assert_cmpstr (check->running, ==, "16.2.11");
  g_assert_cmpstr (check->release_name, ==, "pacific");
  g_assert_cmpuint (check->major, ==, 16);
  g_assert_cmpstr (check->newest, ==, "16.2.15");
  g_assert_cmpstr (check->newest_released, ==, "2024-03-04");
  g_assert_cmpstr (check->end_of_life, ==, "2024-03-04");
  g_assert_true (check->is_end_of_life);
  g_assert_false (check->end_of_life_estimated);
  /* At most one major release skipped: Quincy or Reef, not Squid. */
  assert_targets (check, "quincy 17.2.9, reef 18.2.8");
}

static void
test_none_found (void)
{
  g_autoptr(KdccReleaseCatalog) catalog = kdcc_release_catalog_new ();
  g_autoptr(GDateTime) today = day ("2026-11-30");
  g_autoptr(GDateTime) in_2027 = day ("2027-06-01");
  g_autoptr(KdccReleaseCheck) check = NULL;
  g_autoptr(KdccReleaseCheck) later = NULL;
  g_autoptr(KdccReleaseCheck) squid = NULL;

  check = kdcc_release_catalog_check (catalog, "20.2.5", today);
  g_assert_cmpint (check->state, ==, KDCC_RELEASE_STATE_CURRENT);
  g_assert_cmpstr (check->release_name, ==, "tentacle");
  g_assert_cmpstr (check->newest, ==, "20.2.5");
  g_assert_false (check->is_end_of_life);
  g_assert_true (check->end_of_life_estimated);
  assert_targets (check, "umbrella 21.2.0");

  /* The same release on its end-of-life day. */
  later = kdcc_release_catalog_check (catalog, "20.2.5", in_2027);
  g_assert_true (later->is_end_of_life);

  /* Squid: past its end of life, may go to Tentacle or Umbrella. */
  squid = kdcc_release_catalog_check (catalog, "v19.2.7", today);
  g_assert_cmpint (squid->state, ==, KDCC_RELEASE_STATE_CURRENT);
  g_assert_true (squid->is_end_of_life);
  assert_targets (squid, "tentacle 20.2.5, umbrella 21.2.0");
}

static void
test_catalog_older (void)
{
  g_autoptr(KdccReleaseCatalog) catalog = kdcc_release_catalog_new ();
  g_autoptr(KdccReleaseCheck) point = NULL;
  g_autoptr(KdccReleaseCheck) major = NULL;

  /* A point release after the catalog was written. */
  point = kdcc_release_catalog_check (catalog, "19.2.8", NULL);
  g_assert_cmpint (point->state, ==, KDCC_RELEASE_STATE_CATALOG_OUTDATED);
  g_assert_cmpstr (point->release_name, ==, "squid");
  g_assert_cmpstr (point->newest, ==, "19.2.8");

  /* A release the catalog has never heard of. */
  major = kdcc_release_catalog_check (catalog, "23.2.0-0", NULL);
  g_assert_cmpint (major->state, ==, KDCC_RELEASE_STATE_CATALOG_OUTDATED);
  g_assert_null (major->release_name);
  g_assert_null (major->end_of_life);
  g_assert_cmpuint (major->upgrade_targets->len, ==, 0);
}

static void
test_unknown_version (void)
{
  g_autoptr(KdccReleaseCatalog) catalog = kdcc_release_catalog_new ();
  g_autoptr(KdccReleaseCheck) garbage = kdcc_release_catalog_check (catalog, "garbage", NULL);
  g_autoptr(KdccReleaseCheck) octopus = kdcc_release_catalog_check (catalog, "15.2.17", NULL);

  g_assert_cmpint (garbage->state, ==, KDCC_RELEASE_STATE_UNKNOWN_VERSION);
  g_assert_null (garbage->running);
  g_assert_cmpuint (garbage->upgrade_targets->len, ==, 0);

  /* Older than the catalog reaches: not "catalog outdated", and still
   * told where it may go. */
  g_assert_cmpint (octopus->state, ==, KDCC_RELEASE_STATE_UNKNOWN_VERSION);
  assert_targets (octopus, "pacific 16.2.15, quincy 17.2.9");
}

static void
test_malformed (void)
{
  struct {
    const char *json;
    const char *message_part;
  } cases[] = {
    { "", "empty" },
    { "{ \"format\": 1, ", "release catalog" },
    { "[1, 2]", "release catalog" },
    { "{\"format\": 2, \"date\": \"2026-11-30\", \"ceph\": []}", "format 2" },
    { "{\"format\": 1, \"ceph\": []}", "date" },
    { "{\"format\": 1, \"date\": \"30.11.2026\", \"ceph\": []}", "not a date" },
    { "{\"format\": 1, \"date\": \"2026-02-30\", \"ceph\": []}", "not a date" },
    { "{\"format\": 1, \"date\": \"2026-11-30\", \"ceph\": []}", "no Ceph release" },
    { "{\"format\": 1, \"date\": \"2026-11-30\", \"ceph\": [{\"name\": \"reef\", \"major\": 18,"
      " \"latest\": \"17.2.9\"}]}", "ceph[0].latest" },
    { "{\"format\": 1, \"date\": \"2026-11-30\", \"ceph\": [{\"name\": \"reef\", \"major\": \"18\","
      " \"latest\": \"18.2.8\"}]}", "ceph[0].major" },
    { "{\"format\": 1, \"date\": \"2026-11-30\", \"ceph\": [{\"name\": \"reef\", \"major\": 18,"
      " \"latest\": \"18.2.8\"}, {\"name\": \"reef\", \"major\": 18, \"latest\": \"18.2.7\"}]}",
      "twice" },
    { "{\"format\": 1, \"date\": \"2026-11-30\", \"ceph\": [{\"name\": \"reef\", \"major\": 18,"
      " \"latest\": \"18.2.8\"}], \"rook\": [{\"version\": \"1.16\", \"ceph\": [18]}]}",
      "ceph" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (cases[i].json, strlen (cases[i].json));
      g_autoptr(GError) error = NULL;
      g_autoptr(KdccReleaseCatalog) catalog = kdcc_release_catalog_new_from_bytes (bytes, &error);

      g_test_message ("case %u: %s", i, error != NULL ? error->message : "(no error)");
      g_assert_null (catalog);
      g_assert_error (error, KDCC_ERROR, KDCC_ERROR_PARSE);
      g_assert_nonnull (strstr (error->message, cases[i].message_part));
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(KdccReleaseCatalog) catalog =
      kdcc_release_catalog_new_from_file ("/nonexistent/release-catalog.json", &error);

    g_assert_null (catalog);
    g_assert_error (error, KDCC_ERROR, KDCC_ERROR_PARSE);
  }

  /* A minimal valid one is accepted: the checks above fail for their
   * reason, not for something they share. */
  {
    const char *json = "{\"format\": 1, \"date\": \"2026-11-30\", \"ceph\": [{\"name\": \"Reef\","
                       " \"major\": 18, \"latest\": \"18.2.8\"}]}";
    g_autoptr(GBytes) bytes = g_bytes_new_static (json, strlen (json));
    g_autoptr(GError) error = NULL;
    g_autoptr(KdccReleaseCatalog) catalog = kdcc_release_catalog_new_from_bytes (bytes, &error);
    g_autoptr(KdccReleaseCheck) check = NULL;

    g_assert_no_error (error);
    check = kdcc_release_catalog_check (catalog, "18.2.1", NULL);
    g_assert_cmpint (check->state, ==, KDCC_RELEASE_STATE_UPDATE_AVAILABLE);
    g_assert_cmpstr (check->release_name, ==, "reef");
    g_assert_null (check->end_of_life);
    g_assert_false (check->is_end_of_life);
  }
}

/* The version service ------------------------------------------------------ */

typedef struct
{
  SoupServer *server;
  char       *url;
  /* What the next answer is. */
  guint       status;
  const char *body;
  const char *content_type;
  const char *service_version;
  gsize       pad_to;
  /* What the last request was. */
  char       *request_body;
  char       *request_path;
  char       *connect_header;
} Service;

static void
service_cb (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  Service *service = user_data;
  SoupMessageBody *request = soup_server_message_get_request_body (msg);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autoptr(GString) body = g_string_new (service->body);

  g_free (service->request_body);
  g_free (service->request_path);
  g_free (service->connect_header);
  service->request_body = g_strndup (request->data, request->length);
  service->request_path = g_strdup_printf ("%s %s", soup_server_message_get_method (msg), path);
  service->connect_header = g_strdup (soup_message_headers_get_one (
    soup_server_message_get_request_headers (msg), "Connect-Protocol-Version"));

  while (body->len < service->pad_to)
    g_string_append_c (body, ' ');
  soup_server_message_set_status (msg, service->status, NULL);
  if (service->service_version != NULL)
    soup_message_headers_replace (headers, "Version-Service-Version", service->service_version);
  soup_server_message_set_response (msg, service->content_type, SOUP_MEMORY_COPY,
                                    body->str, body->len);
}

static void
service_start (Service *service)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;

  service->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (service->server, NULL, service_cb, service, NULL);
  g_assert_true (soup_server_listen_local (service->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY,
                                           &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (service->server);
  service->url = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
}

static void
service_stop (Service *service)
{
  soup_server_disconnect (service->server);
  g_clear_object (&service->server);
  g_clear_pointer (&service->url, g_free);
  g_clear_pointer (&service->request_body, g_free);
  g_clear_pointer (&service->request_path, g_free);
  g_clear_pointer (&service->connect_header, g_free);
}

static void
service_answer (Service     *service,
                guint        status,
                const char  *content_type,
                const char  *service_version,
                const char  *body)
{
  service->status = status;
  service->content_type = content_type;
  service->service_version = service_version;
  service->body = body;
  service->pad_to = 0;
}

static void
refreshed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* Runs one refresh to its end, serving the local service meanwhile. */
static gboolean
refresh (KdccReleaseCatalog  *catalog,
         const char          *endpoint,
         const char          *running,
         GCancellable        *cancellable,
         GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  kdcc_release_catalog_refresh_async (catalog, endpoint, running, cancellable, refreshed_cb,
                                      &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return kdcc_release_catalog_refresh_finish (catalog, result, error);
}

static const char *newer_point =
  "{\"versions\":{\"ceph\":{\"version\":\"16.2.16\",\"imageUri\":\"quay.io/ceph/ceph:v16.2.16\","
  "\"imageHash\":\"sha256:0\",\"helmRepository\":\"\",\"helmChart\":\"\"}}}";

static void
test_service_newer (void)
{
  Service service = { 0 };
  g_autoptr(KdccReleaseCatalog) catalog = kdcc_release_catalog_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(KdccReleaseCheck) check = NULL;
  g_autoptr(KdccReleaseCheck) umbrella = NULL;

  service_start (&service);

  /* A newer Pacific point release than the catalog knows. */
  service_answer (&service, 200, "application/json", "v1", newer_point);
  g_assert_true (refresh (catalog, service.url, "ceph version 16.2.15 (x) pacific (stable)",
                          NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (service.request_path, ==, "POST /api.v1.VersionService/Operator");
  g_assert_cmpstr (service.request_body, ==, "{\"versions\":{\"ceph\":\"16.2.15\"}}");
  g_assert_cmpstr (service.connect_header, ==, "1");
  g_assert_cmpint (kdcc_release_catalog_get_version_service_state (catalog), ==,
                   KDCC_VERSION_SERVICE_OK);
  g_assert_null (kdcc_release_catalog_get_version_service_message (catalog));

  check = kdcc_release_catalog_check (catalog, "16.2.15", NULL);
  g_assert_cmpint (check->state, ==, KDCC_RELEASE_STATE_UPDATE_AVAILABLE);
  g_assert_cmpstr (check->newest, ==, "16.2.16");
  g_assert_null (check->newest_released);

  /* A major release after the catalog: added under its number. Without a
   * header the answer is still taken (older deployments omit it). */
  service_answer (&service, 200, "application/json", NULL,
                  "{\"versions\":{\"ceph\":{\"version\":\"v22.2.0\"}}}");
  g_assert_true (refresh (catalog, service.url, "21.2.0", NULL, &error));
  g_assert_no_error (error);
  umbrella = kdcc_release_catalog_check (catalog, "21.2.0", NULL);
  assert_targets (umbrella, "22 22.2.0");

  /* An older answer never lowers what the catalog knows. */
  service_answer (&service, 200, "application/json", "v1",
                  "{\"versions\":{\"ceph\":{\"version\":\"16.2.1\"}}}");
  g_assert_true (refresh (catalog, service.url, "16.2.15", NULL, &error));
  g_clear_pointer (&check, kdcc_release_check_free);
  check = kdcc_release_catalog_check (catalog, "16.2.15", NULL);
  g_assert_cmpstr (check->newest, ==, "16.2.16");

  service_stop (&service);
}

static void
assert_service_state (KdccReleaseCatalog      *catalog,
                      Service                 *service,
                      KdccVersionServiceState  expected,
                      const char              *message_part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdccReleaseCheck) check = NULL;
  const char *message;

  g_assert_true (refresh (catalog, service->url, "16.2.15", NULL, &error));
  g_assert_no_error (error);
  message = kdcc_release_catalog_get_version_service_message (catalog);
  g_test_message ("state %d: %s", kdcc_release_catalog_get_version_service_state (catalog),
                  message);
  g_assert_cmpint (kdcc_release_catalog_get_version_service_state (catalog), ==, expected);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, message_part));

  /* The shipped catalog still answers. */
  check = kdcc_release_catalog_check (catalog, "16.2.15", NULL);
  g_assert_cmpint (check->state, ==, KDCC_RELEASE_STATE_CURRENT);
  g_assert_cmpstr (check->newest, ==, "16.2.15");
}

static void
test_service_failures (void)
{
  Service service = { 0 };
  g_autoptr(KdccReleaseCatalog) catalog = kdcc_release_catalog_new ();

  service_start (&service);

  service_answer (&service, 404, "application/json", "v1",
                  "{\"code\":\"not_found\",\"message\":\"no newer version\"}");
  assert_service_state (catalog, &service, KDCC_VERSION_SERVICE_NOTHING_NEWER, "nothing newer");

  service_answer (&service, 200, "text/html", NULL, "<html><body>Hello</body></html>");
  assert_service_state (catalog, &service, KDCC_VERSION_SERVICE_INVALID_ANSWER, "JSON");

  service_answer (&service, 200, "application/json", "v1", "{\"versions\":{}}");
  assert_service_state (catalog, &service, KDCC_VERSION_SERVICE_INVALID_ANSWER, "no Ceph version");

  service_answer (&service, 200, "application/json", "v1",
                  "{\"versions\":{\"ceph\":{\"version\":\"latest\"}}}");
  assert_service_state (catalog, &service, KDCC_VERSION_SERVICE_INVALID_ANSWER, "no Ceph version");

  service_answer (&service, 200, "application/json", "v2", newer_point);
  assert_service_state (catalog, &service, KDCC_VERSION_SERVICE_INVALID_ANSWER, "v2");

  service_answer (&service, 400, "application/json", "v1",
                  "{\"code\":\"invalid_argument\",\"message\":\"bad semver\"}");
  assert_service_state (catalog, &service, KDCC_VERSION_SERVICE_INVALID_ANSWER,
                        "invalid_argument: bad semver");

  service_answer (&service, 404, "text/plain", NULL, "404 page not found");
  assert_service_state (catalog, &service, KDCC_VERSION_SERVICE_INVALID_ANSWER, "HTTP 404");

  service_answer (&service, 503, "text/plain", NULL, "down for maintenance");
  assert_service_state (catalog, &service, KDCC_VERSION_SERVICE_UNREACHABLE, "HTTP 503");

  /* An answer far larger than the protocol ever needs. */
  service_answer (&service, 200, "application/json", "v1", newer_point);
  service.pad_to = 1024 * 1024;
  assert_service_state (catalog, &service, KDCC_VERSION_SERVICE_INVALID_ANSWER,
                        "version service");

  /* Nobody listens any more. */
  {
    g_autofree char *url = g_strdup (service.url);

    service_stop (&service);
    service.url = g_steal_pointer (&url);
    assert_service_state (catalog, &service, KDCC_VERSION_SERVICE_UNREACHABLE,
                          "Cannot ask the version service");
    g_clear_pointer (&service.url, g_free);
  }
}

static void
test_service_usage (void)
{
  g_autoptr(KdccReleaseCatalog) catalog = kdcc_release_catalog_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  Service service = { 0 };

  g_assert_false (refresh (catalog, "ftp://versions.example", "16.2.15", NULL, &error));
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (refresh (catalog, "not a url", "16.2.15", NULL, &error));
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  service_start (&service);
  service_answer (&service, 200, "application/json", "v1", newer_point);
  g_cancellable_cancel (cancellable);
  g_assert_false (refresh (catalog, service.url, "16.2.15", cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* Cancelled: nothing changed, not even the state. */
  g_assert_cmpint (kdcc_release_catalog_get_version_service_state (catalog), ==,
                   KDCC_VERSION_SERVICE_NOT_ASKED);
  service_stop (&service);

  /* The request for a version that cannot be read leaves it out. */
  {
    g_autofree char *body = _kdcc_version_service_request_body ("garbage");

    g_assert_cmpstr (body, ==, "{\"versions\":{}}");
  }
}

static void
test_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *off = NULL;
  g_autofree char *on = NULL;

  /* Off by default. */
  off = kdcc_release_catalog_dup_endpoint_from_settings ();
  g_assert_null (off);

  g_settings_set_boolean (settings, "version-service-enabled", TRUE);
  on = kdcc_release_catalog_dup_endpoint_from_settings ();
  g_assert_cmpstr (on, ==, "https://versions.koor.tech");
  g_settings_reset (settings, "version-service-enabled");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  /* Links librados, and with it libstdc++, from the start: AddressSanitizer
   * only intercepts the C++ exceptions that libproxy (a GIO module libsoup
   * loads on first use) throws internally when libstdc++ was there at start
   * (as in test-http). */
  g_type_ensure (KDCC_TYPE_RADOS_SOURCE);

  g_test_add_func ("/release-catalog/version-parse", test_version_parse);
  g_test_add_func ("/release-catalog/shipped", test_shipped);
  g_test_add_func ("/release-catalog/update-found", test_update_found);
  g_test_add_func ("/release-catalog/none-found", test_none_found);
  g_test_add_func ("/release-catalog/catalog-older", test_catalog_older);
  g_test_add_func ("/release-catalog/unknown-version", test_unknown_version);
  g_test_add_func ("/release-catalog/malformed", test_malformed);
  g_test_add_func ("/release-catalog/service-newer", test_service_newer);
  g_test_add_func ("/release-catalog/service-failures", test_service_failures);
  g_test_add_func ("/release-catalog/service-usage", test_service_usage);
  g_test_add_func ("/release-catalog/settings", test_settings);

  return g_test_run ();
}
