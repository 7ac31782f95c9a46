/* kdcc-dashboard-request.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The requests of KdccDashboardSource: its libsoup session, the login and
 * its token, one bounded request (kdcc-http) with the limits each endpoint
 * gets, and the Dashboard's errors in words.
 */
#define G_LOG_DOMAIN "kdcc-dashboard-source"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "kdcc-dashboard-parse.h"
#include "kdcc-dashboard-source-private.h"
#include "kdcc-error.h"
#include "kdcc-http.h"
#include "kdcc-json.h"

/* What the Dashboard legitimately answers sets the size limits. On Ceph 16.2
 * with 10,000 OSDs /api/osd is 13 MB and /api/health/full 11 MB; the maps get
 * "max-body-size", five times that by default, and very large clusters raise
 * it (kdcc-cli --max-body-mb). Answers known to be small get a small fixed
 * limit, so a hostile peer cannot make them large. */

/* The whole exchange of one request, headers and body, by default. A healthy
 * dashboard answers /api/osd at 10,000 OSDs in a few seconds; a frozen mgr
 * or a trickling proxy is given up on here. */

/* Redirects: a standby mgr sends the client to the active one (one hop). */
#define MAX_REDIRECTS 5

static const struct { const char *path; guint64 max_body; } small_answers[] = {
  { "/api/auth", 64 * 1000 },
  { "/api/summary", 4 * 1000 * 1000 },
};

/* Called with the mutex held, in the thread that sends the message. */
static gboolean
accept_certificate_cb (SoupMessage          *msg,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       gpointer              user_data)
{
  KdccDashboardSource *self = user_data;
  g_autofree char *fingerprint = kdcc_tls_fingerprint_sha256 (certificate);

  g_free (self->peer_fingerprint);
  self->peer_fingerprint = g_strdup (fingerprint);

  if (self->trusted_fingerprint != NULL && fingerprint != NULL &&
      g_str_equal (self->trusted_fingerprint, fingerprint))
    {
      g_debug ("Accepting the pinned certificate %s (errors 0x%x)", fingerprint, errors);
      return TRUE;
    }

  g_debug ("Refusing the certificate %s (errors 0x%x)", fingerprint, errors);
  return FALSE;
}

static SoupSession *
ensure_session (KdccDashboardSource *self)
{
  if (self->session != NULL)
    return self->session;

  self->session = kdcc_http_session_new ();
  /* With a pinned certificate nothing but that certificate is trusted, not
   * even a CA-signed one: without a database every peer certificate goes
   * through accept-certificate, which compares the fingerprint. Behind a
   * gateway, the gateway's own check decides the same way. */
  if (self->trusted_fingerprint != NULL || self->gateway != NULL)
    soup_session_set_tls_database (self->session, NULL);
  if (self->gateway != NULL && self->gateway_funcs->setup_session != NULL)
    self->gateway_funcs->setup_session (self->gateway, self->session);
  return self->session;
}

/* Turns a transport error that kdcc_http_send() passed on into a
 * KDCC_ERROR. Called with the mutex held. */
static void
set_transport_error (KdccDashboardSource *self,
                     SoupMessage         *msg,
                     GError              *soup_error,
                     GError             **error)
{
  if (g_error_matches (soup_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The request was cancelled"));
      return;
    }

  if (g_error_matches (soup_error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_TIMEOUT,
                   _("The dashboard at %s did not answer in time"), self->base_url);
      return;
    }

  if (soup_error->domain == G_TLS_ERROR)
    {
      GTlsCertificate *cert = soup_message_get_tls_peer_certificate (msg);
      GTlsCertificateFlags flags = soup_message_get_tls_peer_certificate_errors (msg);
      g_autofree char *fingerprint = NULL;
      g_autofree char *problem = NULL;

      if (cert != NULL)
        {
          fingerprint = kdcc_tls_fingerprint_sha256 (cert);
          g_free (self->peer_fingerprint);
          self->peer_fingerprint = g_strdup (fingerprint);
        }
      else if (g_error_matches (soup_error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE))
        fingerprint = g_strdup (self->peer_fingerprint);

      if (g_error_matches (soup_error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE) &&
          fingerprint != NULL)
        {
          if (self->trusted_fingerprint != NULL)
            g_set_error (error, KDCC_ERROR, KDCC_ERROR_TLS,
                         _("The dashboard at %s presented the certificate with SHA-256 "
                           "fingerprint %s, but only the certificate %s is trusted"),
                         self->base_url, fingerprint, self->trusted_fingerprint);
          else
            {
              problem = kdcc_http_describe_certificate_errors (flags);
              g_set_error (error, KDCC_ERROR, KDCC_ERROR_TLS,
                           _("The certificate of the dashboard at %s is not trusted: %s. "
                             "Its SHA-256 fingerprint is %s"),
                           self->base_url, problem, fingerprint);
            }
        }
      else
        g_set_error (error, KDCC_ERROR, KDCC_ERROR_TLS,
                     _("Secure connection to the dashboard at %s failed: %s"),
                     self->base_url, soup_error->message);
      return;
    }

  if (soup_error->domain == G_RESOLVER_ERROR ||
      g_error_matches (soup_error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED) ||
      g_error_matches (soup_error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE) ||
      g_error_matches (soup_error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE))
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_CONNECT,
                   _("Cannot connect to the dashboard at %s: %s"),
                   self->base_url, soup_error->message);
      return;
    }

  g_set_error (error, KDCC_ERROR, KDCC_ERROR_CONNECT,
               _("The connection to the dashboard at %s failed: %s"),
               self->base_url, soup_error->message);
}

/* The limits of one request to path. Returns whether its size limit is
 * "max-body-size" (rather than the fixed one of a small answer). Called with
 * the mutex held. */
static gboolean
limits_for_path (KdccDashboardSource *self,
                 const char          *path,
                 KdccHttpLimits      *limits)
{
  memset (limits, 0, sizeof *limits);
  limits->max_body_bytes = self->max_body_size;
  limits->deadline_ms = self->deadline_ms;
  limits->max_redirects = MAX_REDIRECTS;
  limits->content_type = "application/json";

  /* JSON compresses well, but what is held in memory is the decoded body,
   * so the same number bounds both. */
  limits->max_decoded_bytes = limits->max_body_bytes;

  for (guint i = 0; i < G_N_ELEMENTS (small_answers); i++)
    if (g_str_equal (path, small_answers[i].path))
      {
        limits->max_body_bytes = MIN (limits->max_body_bytes, small_answers[i].max_body);
        limits->max_decoded_bytes = limits->max_body_bytes;
        return FALSE;
      }
  return TRUE;
}

/* Sends one request within the limits of its path and returns the body;
 * *status receives the HTTP status. Only transport failures and broken
 * limits are errors here. Called with the mutex held. */
GBytes *
_kdcc_dashboard_send_locked (KdccDashboardSource  *self,
             const char           *method,
             const char           *path,
             const char           *json_body,
             gboolean              with_token,
             guint                *status,
             GCancellable         *cancellable,
             GError              **error)
{
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *url = g_strconcat (self->base_url, path, NULL);
  g_autofree char *accept = NULL;
  SoupMessageHeaders *headers;
  GTlsCertificate *cert;
  GBytes *body;
  KdccHttpLimits limits;
  gboolean scaled;
  gint64 start = g_get_monotonic_time ();

  msg = soup_message_new (method, url);
  if (msg == NULL)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("“%s” is not a valid dashboard address"), self->base_url);
      return NULL;
    }

  headers = soup_message_get_request_headers (msg);
  accept = g_strdup_printf ("application/vnd.ceph.api.v%s+json", self->api_version);
  soup_message_headers_replace (headers, "Accept", accept);
  if (with_token && self->token != NULL && self->gateway != NULL)
    {
      /* The gateway owns the Authorization header (the API server removes
       * it after authenticating); the dashboard reads its cookie too. */
      g_autofree char *cookie = g_strconcat ("token=", self->token, NULL);

      soup_message_headers_replace (headers, "Cookie", cookie);
      memset (cookie, 0, strlen (cookie));
    }
  else if (with_token && self->token != NULL)
    {
      g_autofree char *auth = g_strconcat ("Bearer ", self->token, NULL);

      soup_message_headers_replace (headers, "Authorization", auth);
      memset (auth, 0, strlen (auth));
    }
  if (json_body != NULL)
    {
      g_autoptr(GBytes) request_body = g_bytes_new (json_body, strlen (json_body));

      soup_message_set_request_body_from_bytes (msg, "application/json", request_body);
    }

  g_signal_connect (msg, "accept-certificate", G_CALLBACK (accept_certificate_cb), self);
  if (self->gateway != NULL &&
      !self->gateway_funcs->prepare (self->gateway, msg, cancellable, error))
    return NULL;

  scaled = limits_for_path (self, path, &limits);
  body = kdcc_http_send (ensure_session (self), msg, &limits, cancellable, &local_error);

  /* Remember who we talked to, also when the certificate was accepted. */
  cert = soup_message_get_tls_peer_certificate (msg);
  if (cert != NULL)
    {
      g_free (self->peer_fingerprint);
      self->peer_fingerprint = kdcc_tls_fingerprint_sha256 (cert);
    }

  if (body == NULL)
    {
      g_debug ("%s %s failed after %.3f s: %s", method, path,
               (g_get_monotonic_time () - start) / 1e6, local_error->message);
      if (local_error->domain != KDCC_ERROR)
        {
          set_transport_error (self, msg, local_error, error);
          return NULL;
        }

      /* The peer broke a limit and may still be streaming into the old
       * connection: nothing of this session may be reused. */
      soup_session_abort (self->session);
      if (g_error_matches (local_error, KDCC_ERROR, KDCC_ERROR_LIMIT) && scaled)
        g_set_error (error, KDCC_ERROR, KDCC_ERROR_LIMIT,
                     /* TRANSLATORS: %s is a sentence saying which answer was too
                      * large; the option raises the limit. */
                     _("%s. If the cluster is that large, raise the limit with "
                       "kdcc-cli's --max-body-mb"),
                     local_error->message);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  *status = soup_message_get_status (msg);
  g_debug ("%s %s -> %u, %" G_GSIZE_FORMAT " bytes in %.3f s", method, path, *status,
           g_bytes_get_size (body), (g_get_monotonic_time () - start) / 1e6);
  return body;
}

void
_kdcc_dashboard_set_auth_error (KdccDashboardSource  *self,
                GError              **error)
{
  g_set_error (error, KDCC_ERROR, KDCC_ERROR_AUTH,
               _("The dashboard refused user %s: wrong user name or password"), self->user);
}

/* The message of a Kubernetes Status object, when BODY is one. */
static char *
gateway_status_message (GBytes *body)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;

  if (body == NULL || g_bytes_get_size (body) == 0)
    return NULL;
  root = kdcc_json_load_root ("Status", g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                              JSON_NODE_OBJECT, NULL);
  if (root == NULL)
    return NULL;
  object = json_node_get_object (root);
  if (g_strcmp0 (kdcc_json_find_string (object, "kind"), "Status") != 0)
    return NULL;
  return g_strdup (kdcc_json_find_string (object, "message") ? kdcc_json_find_string (object, "message") : "");
}

static void
set_http_error (KdccDashboardSource  *self,
                const char           *path,
                guint                 status,
                GBytes               *body,
                GError              **error)
{
  g_autofree char *detail = NULL;
  g_autofree char *gateway_detail = NULL;
  const char *reason = soup_status_get_phrase (status);

  if (body != NULL)
    detail = kdcc_dashboard_parse_error_body (g_bytes_get_data (body, NULL),
                                              g_bytes_get_size (body));

  if (self->gateway != NULL)
    gateway_detail = gateway_status_message (body);
  if (gateway_detail != NULL)
    {
      /* The API server answered for the proxy, not the dashboard: a
       * missing RBAC permission on services/proxy, a service without
       * endpoints. */
      g_set_error (error, KDCC_ERROR,
                   status == SOUP_STATUS_FORBIDDEN || status == SOUP_STATUS_UNAUTHORIZED
                   ? KDCC_ERROR_AUTH : KDCC_ERROR_HTTP,
                   _("The Kubernetes API server refused to relay %s to the dashboard "
                     "(HTTP %u): %s"), path, status, gateway_detail);
      return;
    }

  if (status == SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_HTTP,
                   _("The dashboard at %s does not support version %s of its REST API "
                     "for %s (HTTP %u): %s"),
                   self->base_url, self->api_version, path, status,
                   detail ? detail : reason ? reason : "");
      return;
    }

  if (status == SOUP_STATUS_FORBIDDEN)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_AUTH,
                   _("User %s may not read %s on the dashboard (HTTP %u): %s"),
                   self->user, path, status, detail ? detail : reason ? reason : "");
      return;
    }

  g_set_error (error, KDCC_ERROR, KDCC_ERROR_HTTP,
               _("The dashboard at %s answered %s with HTTP %u %s%s%s"),
               self->base_url, path, status, reason ? reason : "",
               detail ? ": " : "", detail ? detail : "");
}

gboolean
_kdcc_dashboard_login_locked (KdccDashboardSource  *self,
              GCancellable         *cancellable,
              GError              **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *request = NULL;
  g_autoptr(GError) parse_error = NULL;
  char *token;
  guint status = 0;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "username");
  json_builder_add_string_value (builder, self->user);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, self->password);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  request = json_to_string (root, FALSE);

  g_clear_pointer (&self->token, g_free);
  self->login_count++;
  g_debug ("Logging in to %s as %s", self->base_url, self->user);
  body = _kdcc_dashboard_send_locked (self, "POST", "/api/auth", request, FALSE, &status, cancellable, error);
  memset (request, 0, strlen (request));
  if (body == NULL)
    return FALSE;

  if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_BAD_REQUEST)
    {
      _kdcc_dashboard_set_auth_error (self, error);
      return FALSE;
    }
  if (status != SOUP_STATUS_CREATED && status != SOUP_STATUS_OK)
    {
      set_http_error (self, "/api/auth", status, body, error);
      return FALSE;
    }

  token = kdcc_dashboard_parse_auth (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                     &parse_error);
  if (token == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&parse_error));
      return FALSE;
    }
  self->token = token;
  return TRUE;
}

/* GET with the token; logs in when there is none and once more when the
 * dashboard refuses the token (expired, revoked by a logout, mgr failover).
 * Called with the mutex held. */
GBytes *
_kdcc_dashboard_get_locked (KdccDashboardSource  *self,
            const char           *path,
            GCancellable         *cancellable,
            GError              **error)
{
  gboolean fresh_login = FALSE;

  if (self->token == NULL)
    {
      if (!_kdcc_dashboard_login_locked (self, cancellable, error))
        return NULL;
      fresh_login = TRUE;
    }

  for (;;)
    {
      g_autoptr(GBytes) body = NULL;
      guint status = 0;

      body = _kdcc_dashboard_send_locked (self, "GET", path, NULL, TRUE, &status, cancellable, error);
      if (body == NULL)
        return NULL;

      if (SOUP_STATUS_IS_SUCCESSFUL (status))
        return g_steal_pointer (&body);

      if (status == SOUP_STATUS_UNAUTHORIZED)
        {
          if (fresh_login)
            {
              _kdcc_dashboard_set_auth_error (self, error);
              return NULL;
            }
          g_debug ("The dashboard refused the token for %s; logging in again", path);
          if (!_kdcc_dashboard_login_locked (self, cancellable, error))
            return NULL;
          fresh_login = TRUE;
          continue;
        }

      set_http_error (self, path, status, body, error);
      return NULL;
    }
}
