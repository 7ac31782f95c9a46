/* kdcc-version-service.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Koor's version service (github.com/koor-tech/version-service, ceph-facts.md
 * §8) speaks ConnectRPC's JSON mapping: POST
 * /api.v1.VersionService/Operator with {"versions":{"ceph":"16.2.15"}}
 * answers {"versions":{"ceph":{"version":…,"imageUri":…,…}}} and the header
 * "Version-Service-Version: v1", or a Connect error such as
 * {"code":"not_found"} (HTTP 404) when the running version is newer than
 * anything it knows. Only the Ceph part is used: KDCC does not run the Koor
 * operator, so it sends no operator or KSD version.
 *
 * The service is optional and off by default. Whatever it answers, the
 * catalog keeps working from what was shipped; a bad answer is a state,
 * never an error of the caller.
 */
#define G_LOG_DOMAIN "kdcc-version-service"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "kdcc-error.h"
#include "kdcc-http.h"
#include "kdcc-json.h"
#include "kdcc-release-catalog-private.h"

#define SERVICE_PATH "/api.v1.VersionService/Operator"

char *
_kdcc_version_service_request_body (const char *running)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  KdccCephVersion version;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "versions");
  json_builder_begin_object (builder);
  if (kdcc_ceph_version_parse (running, &version))
    {
      g_autofree char *text = kdcc_ceph_version_to_string (&version);

      json_builder_set_member_name (builder, "ceph");
      json_builder_add_string_value (builder, text);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

KdccVersionServiceState
_kdcc_version_service_parse (guint             status,
                             const char       *service_version,
                             GBytes           *body,
                             KdccCephVersion  *newest,
                             char            **message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *obj, *versions, *ceph;
  const char *version;
  gsize size = 0;
  const char *text = body != NULL ? g_bytes_get_data (body, &size) : NULL;

  if (size > 0)
    root = kdcc_json_load_root (_("The version service's answer"), text, (gssize) size,
                                JSON_NODE_OBJECT, &error);
  obj = root != NULL ? json_node_get_object (root) : NULL;

  if (status != SOUP_STATUS_OK)
    {
      const char *code = kdcc_json_find_string (obj, "code");
      const char *detail = kdcc_json_find_string (obj, "message");

      if (status == SOUP_STATUS_NOT_FOUND && g_strcmp0 (code, "not_found") == 0)
        {
          *message = g_strdup (_("The version service knows nothing newer than the running "
                                 "version"));
          return KDCC_VERSION_SERVICE_NOTHING_NEWER;
        }
      if (status >= 500)
        {
          *message = g_strdup_printf (_("The version service is not available (HTTP %u)"),
                                      status);
          return KDCC_VERSION_SERVICE_UNREACHABLE;
        }
      if (code != NULL)
        *message = g_strdup_printf (_("The version service refused the request: %s%s%s"), code,
                                    detail != NULL ? ": " : "", detail != NULL ? detail : "");
      else
        *message = g_strdup_printf (_("The address does not answer as a version service "
                                      "(HTTP %u)"), status);
      return KDCC_VERSION_SERVICE_INVALID_ANSWER;
    }

  if (service_version != NULL && g_strcmp0 (service_version, "v1") != 0)
    {
      *message = g_strdup_printf (_("The version service speaks protocol %s; KDCC knows v1"),
                                  service_version);
      return KDCC_VERSION_SERVICE_INVALID_ANSWER;
    }

  if (obj == NULL)
    {
      /* kdcc-json's message already names the answer and says what is wrong
       * with it ("…: the output is not valid JSON: …"). */
      *message = error != NULL ? g_strdup (error->message)
                               : g_strdup (_("The version service sent an empty answer"));
      return KDCC_VERSION_SERVICE_INVALID_ANSWER;
    }

  versions = kdcc_json_find_object (obj, "versions");
  ceph = kdcc_json_find_object (versions, "ceph");
  version = kdcc_json_find_string (ceph, "version");
  if (version == NULL || !kdcc_ceph_version_parse (version, newest))
    {
      *message = g_strdup (_("The version service's answer has no Ceph version"));
      return KDCC_VERSION_SERVICE_INVALID_ANSWER;
    }

  *message = NULL;
  return KDCC_VERSION_SERVICE_OK;
}

typedef struct
{
  char                    *url;
  char                    *body;
  KdccVersionServiceState  state;
  KdccCephVersion          newest;
  char                    *message;
  guint64                  max_body;
  guint                    deadline_ms;
} Request;

static void
request_free (Request *request)
{
  g_free (request->url);
  g_free (request->body);
  g_free (request->message);
  g_free (request);
}

static void
refresh_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Request *request = task_data;
  g_autoptr(SoupSession) session = kdcc_http_session_new ();
  g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_POST, request->url);
  g_autoptr(GBytes) request_body = g_bytes_new (request->body, strlen (request->body));
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;
  /* The answer is a few hundred bytes; anything near these limits is not
   * the service. */
  KdccHttpLimits limits = {
    .max_body_bytes = request->max_body,
    .max_decoded_bytes = 4 * request->max_body,
    .deadline_ms = request->deadline_ms,
    .max_redirects = 3,
    .content_type = NULL,
  };

  soup_message_set_request_body_from_bytes (msg, "application/json", request_body);
  soup_message_headers_replace (soup_message_get_request_headers (msg),
                                "Connect-Protocol-Version", "1");
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept",
                                "application/json");

  answer = kdcc_http_send (session, msg, &limits, cancellable, &error);
  if (answer == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      /* Too large, wrong encoding, redirect loop: it answered, but not as
       * the service. Everything else never got an answer through. */
      if (error->domain == KDCC_ERROR
          && (error->code == KDCC_ERROR_LIMIT || error->code == KDCC_ERROR_HTTP))
        request->state = KDCC_VERSION_SERVICE_INVALID_ANSWER;
      else
        request->state = KDCC_VERSION_SERVICE_UNREACHABLE;
      request->message = g_strdup_printf (_("Cannot ask the version service: %s"),
                                          error->message);
      g_task_return_boolean (task, TRUE);
      return;
    }

  request->state = _kdcc_version_service_parse (
      soup_message_get_status (msg),
      soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                    "Version-Service-Version"),
      answer, &request->newest, &request->message);
  g_task_return_boolean (task, TRUE);
}

/* Back on the caller's thread, where the catalog lives: apply the answer,
 * then complete the caller's task. */
static void
refreshed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  KdccReleaseCatalog *self = KDCC_RELEASE_CATALOG (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  Request *request = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (request->state == KDCC_VERSION_SERVICE_OK)
    _kdcc_release_catalog_apply_newest (self, &request->newest);
  _kdcc_release_catalog_set_service (self, request->state, request->message);
  g_task_return_boolean (task, TRUE);
}

void
kdcc_release_catalog_refresh_async (KdccReleaseCatalog  *self,
                                    const char          *endpoint,
                                    const char          *running,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) worker = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *base = NULL;
  Request *request;

  g_return_if_fail (KDCC_IS_RELEASE_CATALOG (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kdcc_release_catalog_refresh_async);

  uri = endpoint != NULL ? g_uri_parse (endpoint, G_URI_FLAGS_NONE, NULL) : NULL;
  if (uri == NULL || (g_strcmp0 (g_uri_get_scheme (uri), "https") != 0
                      && g_strcmp0 (g_uri_get_scheme (uri), "http") != 0))
    {
      g_task_return_new_error (task, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                               _("“%s” is not an http or https address of a version service"),
                               endpoint != NULL ? endpoint : "");
      return;
    }

  base = g_strdup (endpoint);
  while (g_str_has_suffix (base, "/"))
    base[strlen (base) - 1] = '\0';

  request = g_new0 (Request, 1);
  request->url = g_strconcat (base, SERVICE_PATH, NULL);
  request->body = _kdcc_version_service_request_body (running);
  _kdcc_release_catalog_get_service_limits (self, &request->max_body, &request->deadline_ms);

  worker = g_task_new (self, cancellable, refreshed_cb, g_steal_pointer (&task));
  g_task_set_source_tag (worker, refresh_thread);
  g_task_set_task_data (worker, request, (GDestroyNotify) request_free);
  g_task_run_in_thread (worker, refresh_thread);
}

gboolean
kdcc_release_catalog_refresh_finish (KdccReleaseCatalog  *self,
                                     GAsyncResult        *result,
                                     GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                        == kdcc_release_catalog_refresh_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

char *
kdcc_release_catalog_dup_endpoint_from_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;

  if (source == NULL)
    return NULL;
  schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "version-service-enabled")
      || !g_settings_schema_has_key (schema, "version-service-url"))
    return NULL;

  settings = g_settings_new_full (schema, NULL, NULL);
  if (!g_settings_get_boolean (settings, "version-service-enabled"))
    return NULL;
  return g_settings_get_string (settings, "version-service-url");
}
