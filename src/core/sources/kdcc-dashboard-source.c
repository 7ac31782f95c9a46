/* kdcc-dashboard-source.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-dashboard-source"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "kdcc-dashboard-parse.h"
#include "kdcc-dashboard-source.h"
#include "kdcc-error.h"
#include "kdcc-http.h"
#include "kdcc-operation-apply.h"

/* What the Dashboard legitimately answers sets the size limits. On Ceph 16.2
 * with 10,000 OSDs /api/osd is 13 MB and /api/health/full 11 MB; the maps get
 * "max-body-size", five times that by default, and very large clusters raise
 * it (kdcc-cli --max-body-mb). Answers known to be small get a small fixed
 * limit, so a hostile peer cannot make them large. */
#define DEFAULT_MAX_BODY_SIZE (64 * 1000 * 1000)
#define MIN_MAX_BODY_SIZE     (64 * 1000)

/* The whole exchange of one request, headers and body, by default. A healthy
 * dashboard answers /api/osd at 10,000 OSDs in a few seconds; a frozen mgr
 * or a trickling proxy is given up on here. */
#define DEFAULT_DEADLINE_MS 20000

/* Redirects: a standby mgr sends the client to the active one (one hop). */
#define MAX_REDIRECTS 5

static const struct { const char *path; guint64 max_body; } small_answers[] = {
  { "/api/auth", 64 * 1000 },
  { "/api/summary", 4 * 1000 * 1000 },
};

struct _KdccDashboardSource
{
  GObject       parent_instance;

  /* Guards everything below. Worker threads call the vfuncs concurrently;
   * one request at a time keeps the token and the session consistent. */
  GMutex        mutex;

  char         *base_url;             /* without a trailing slash */
  char         *user;
  char         *password;
  char         *trusted_fingerprint;  /* normalized "AB:CD:..." or NULL */
  char         *api_version;          /* "1.0" */

  SoupSession  *session;
  char         *token;
  char         *peer_fingerprint;
  guint         login_count;

  /* Limits of every request; see DEFAULT_MAX_BODY_SIZE. */
  guint64       max_body_size;
  guint         deadline_ms;

  gint64        last_osdmap_epoch;
  /* Capacity per device class comes from /api/osd; light refreshes reuse
   * the one of the last heavy refresh. (element-type KdccClassCapacityData) */
  GPtrArray    *last_classes;
};

static void kdcc_dashboard_source_iface_init (KdccSourceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KdccDashboardSource, kdcc_dashboard_source, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (KDCC_TYPE_SOURCE,
                                                      kdcc_dashboard_source_iface_init))

enum {
  PROP_0,
  PROP_MAX_BODY_SIZE,
  PROP_DEADLINE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
kdcc_dashboard_source_finalize (GObject *object)
{
  KdccDashboardSource *self = (KdccDashboardSource *) object;

  g_clear_object (&self->session);
  g_free (self->base_url);
  g_free (self->user);
  if (self->password)
    memset (self->password, 0, strlen (self->password));
  g_free (self->password);
  if (self->token)
    memset (self->token, 0, strlen (self->token));
  g_free (self->token);
  g_free (self->trusted_fingerprint);
  g_free (self->api_version);
  g_free (self->peer_fingerprint);
  g_clear_pointer (&self->last_classes, g_ptr_array_unref);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (kdcc_dashboard_source_parent_class)->finalize (object);
}

static void
kdcc_dashboard_source_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  KdccDashboardSource *self = KDCC_DASHBOARD_SOURCE (object);

  g_mutex_lock (&self->mutex);
  if (prop_id == PROP_MAX_BODY_SIZE)
    g_value_set_uint64 (value, self->max_body_size);
  else if (prop_id == PROP_DEADLINE)
    g_value_set_uint (value, self->deadline_ms);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
  g_mutex_unlock (&self->mutex);
}

/* Worker threads read the limits with the mutex held, once per request. */
static void
kdcc_dashboard_source_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  KdccDashboardSource *self = KDCC_DASHBOARD_SOURCE (object);
  gboolean changed = FALSE;

  g_mutex_lock (&self->mutex);
  if (prop_id == PROP_MAX_BODY_SIZE)
    {
      changed = self->max_body_size != g_value_get_uint64 (value);
      self->max_body_size = g_value_get_uint64 (value);
    }
  else if (prop_id == PROP_DEADLINE)
    {
      changed = self->deadline_ms != g_value_get_uint (value);
      self->deadline_ms = g_value_get_uint (value);
    }
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
  g_mutex_unlock (&self->mutex);

  if (changed)
    g_object_notify_by_pspec (object, pspec);
}

static void
kdcc_dashboard_source_class_init (KdccDashboardSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kdcc_dashboard_source_finalize;
  object_class->get_property = kdcc_dashboard_source_get_property;
  object_class->set_property = kdcc_dashboard_source_set_property;

  properties[PROP_MAX_BODY_SIZE] =
    g_param_spec_uint64 ("max-body-size", NULL, NULL,
                         MIN_MAX_BODY_SIZE, G_MAXUINT64, DEFAULT_MAX_BODY_SIZE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_DEADLINE] =
    g_param_spec_uint ("deadline", NULL, NULL,
                       100, 3600 * 1000, DEFAULT_DEADLINE_MS,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kdcc_dashboard_source_init (KdccDashboardSource *self)
{
  g_mutex_init (&self->mutex);
  self->max_body_size = DEFAULT_MAX_BODY_SIZE;
  self->deadline_ms = DEFAULT_DEADLINE_MS;
  self->api_version = g_strdup ("1.0");
  self->last_osdmap_epoch = -1;
}

KdccDashboardSource *
kdcc_dashboard_source_new (const char *url,
                           const char *user,
                           const char *password,
                           const char *trusted_fingerprint)
{
  KdccDashboardSource *self;
  gsize len;

  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (user != NULL, NULL);
  g_return_val_if_fail (password != NULL, NULL);

  self = g_object_new (KDCC_TYPE_DASHBOARD_SOURCE, NULL);
  self->base_url = g_strdup (url);
  len = strlen (self->base_url);
  while (len > 0 && self->base_url[len - 1] == '/')
    self->base_url[--len] = '\0';
  self->user = g_strdup (user);
  self->password = g_strdup (password);
  if (trusted_fingerprint != NULL && *trusted_fingerprint != '\0')
    {
      self->trusted_fingerprint = kdcc_http_normalize_fingerprint (trusted_fingerprint);
      /* A fingerprint that cannot match anything must not silently turn
       * into "trust the system CAs": keep it so every TLS peer fails. */
      if (self->trusted_fingerprint == NULL)
        {
          g_warning ("Ignoring a malformed trusted certificate fingerprint");
          self->trusted_fingerprint = g_strdup ("invalid");
        }
    }
  return self;
}

char *
kdcc_dashboard_source_get_peer_fingerprint (KdccDashboardSource *self)
{
  char *ret;

  g_return_val_if_fail (KDCC_IS_DASHBOARD_SOURCE (self), NULL);

  g_mutex_lock (&self->mutex);
  ret = g_strdup (self->peer_fingerprint);
  g_mutex_unlock (&self->mutex);
  return ret;
}

void
kdcc_dashboard_source_set_api_version (KdccDashboardSource *self,
                                       const char          *version)
{
  g_return_if_fail (KDCC_IS_DASHBOARD_SOURCE (self));

  g_mutex_lock (&self->mutex);
  g_free (self->api_version);
  self->api_version = g_strdup (version ? version : "1.0");
  g_mutex_unlock (&self->mutex);
}

void
kdcc_dashboard_source_set_token (KdccDashboardSource *self,
                                 const char          *token)
{
  g_return_if_fail (KDCC_IS_DASHBOARD_SOURCE (self));

  g_mutex_lock (&self->mutex);
  g_free (self->token);
  self->token = g_strdup (token);
  g_mutex_unlock (&self->mutex);
}

guint
kdcc_dashboard_source_get_login_count (KdccDashboardSource *self)
{
  guint ret;

  g_return_val_if_fail (KDCC_IS_DASHBOARD_SOURCE (self), 0);

  g_mutex_lock (&self->mutex);
  ret = self->login_count;
  g_mutex_unlock (&self->mutex);
  return ret;
}

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
   * through accept-certificate, which compares the fingerprint. */
  if (self->trusted_fingerprint != NULL)
    soup_session_set_tls_database (self->session, NULL);
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
static GBytes *
send_locked (KdccDashboardSource  *self,
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
  if (with_token && self->token != NULL)
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

static void
set_auth_error (KdccDashboardSource  *self,
                GError              **error)
{
  g_set_error (error, KDCC_ERROR, KDCC_ERROR_AUTH,
               _("The dashboard refused user %s: wrong user name or password"), self->user);
}

static void
set_http_error (KdccDashboardSource  *self,
                const char           *path,
                guint                 status,
                GBytes               *body,
                GError              **error)
{
  g_autofree char *detail = NULL;
  const char *reason = soup_status_get_phrase (status);

  if (body != NULL)
    detail = kdcc_dashboard_parse_error_body (g_bytes_get_data (body, NULL),
                                              g_bytes_get_size (body));

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

static gboolean
login_locked (KdccDashboardSource  *self,
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
  body = send_locked (self, "POST", "/api/auth", request, FALSE, &status, cancellable, error);
  memset (request, 0, strlen (request));
  if (body == NULL)
    return FALSE;

  if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_BAD_REQUEST)
    {
      set_auth_error (self, error);
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
static GBytes *
get_locked (KdccDashboardSource  *self,
            const char           *path,
            GCancellable         *cancellable,
            GError              **error)
{
  gboolean fresh_login = FALSE;

  if (self->token == NULL)
    {
      if (!login_locked (self, cancellable, error))
        return NULL;
      fresh_login = TRUE;
    }

  for (;;)
    {
      g_autoptr(GBytes) body = NULL;
      guint status = 0;

      body = send_locked (self, "GET", path, NULL, TRUE, &status, cancellable, error);
      if (body == NULL)
        return NULL;

      if (SOUP_STATUS_IS_SUCCESSFUL (status))
        return g_steal_pointer (&body);

      if (status == SOUP_STATUS_UNAUTHORIZED)
        {
          if (fresh_login)
            {
              set_auth_error (self, error);
              return NULL;
            }
          g_debug ("The dashboard refused the token for %s; logging in again", path);
          if (!login_locked (self, cancellable, error))
            return NULL;
          fresh_login = TRUE;
          continue;
        }

      set_http_error (self, path, status, body, error);
      return NULL;
    }
}

GBytes *
kdcc_dashboard_source_get_sync (KdccDashboardSource  *self,
                                const char           *path,
                                GCancellable         *cancellable,
                                GError              **error)
{
  GBytes *ret;

  g_return_val_if_fail (KDCC_IS_DASHBOARD_SOURCE (self), NULL);
  g_return_val_if_fail (path != NULL && path[0] == '/', NULL);

  g_mutex_lock (&self->mutex);
  ret = get_locked (self, path, cancellable, error);
  g_mutex_unlock (&self->mutex);
  return ret;
}

/* Any request of the write path (kdcc-dashboard-apply.c), with the same
 * log-in handling as get_locked. Every answer but a refused token comes
 * back with its status: what a refusal (400 with Ceph's message, 404)
 * means depends on the operation, so the caller explains it. */
GBytes *
_kdcc_dashboard_source_request_sync (KdccDashboardSource  *self,
                                     const char           *method,
                                     const char           *path,
                                     const char           *json_body,
                                     guint                *status,
                                     GCancellable         *cancellable,
                                     GError              **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  gboolean fresh_login = FALSE;

  g_return_val_if_fail (KDCC_IS_DASHBOARD_SOURCE (self), NULL);
  g_return_val_if_fail (path != NULL && path[0] == '/', NULL);

  locker = g_mutex_locker_new (&self->mutex);
  if (self->token == NULL)
    {
      if (!login_locked (self, cancellable, error))
        return NULL;
      fresh_login = TRUE;
    }

  for (;;)
    {
      g_autoptr(GBytes) body = NULL;

      body = send_locked (self, method, path, json_body, TRUE, status, cancellable, error);
      if (body == NULL)
        return NULL;
      if (*status != SOUP_STATUS_UNAUTHORIZED)
        return g_steal_pointer (&body);
      if (fresh_login)
        {
          set_auth_error (self, error);
          return NULL;
        }
      g_debug ("The dashboard refused the token for %s %s; logging in again", method, path);
      if (!login_locked (self, cancellable, error))
        return NULL;
      fresh_login = TRUE;
    }
}

static KdccCapabilities
kdcc_dashboard_source_get_capabilities (KdccSource *source)
{
  return KDCC_CAPABILITY_CONFIG_READ | KDCC_CAPABILITY_CONFIG_WRITE |
         KDCC_CAPABILITY_POOL_WRITE | KDCC_CAPABILITY_OSD_FLAGS |
         KDCC_CAPABILITY_OSD_WRITE;
}

static const char *
kdcc_dashboard_source_get_kind (KdccSource *source)
{
  return "dashboard";
}

static KdccSnapshot *
fetch_snapshot_locked (KdccDashboardSource  *self,
                       gboolean              force_heavy,
                       GCancellable         *cancellable,
                       GError              **error)
{
  g_autoptr(KdccSnapshot) snapshot = kdcc_snapshot_new ();
  g_autoptr(GBytes) health = NULL;
  g_autoptr(GBytes) summary = NULL;
  gboolean heavy;

  health = get_locked (self, "/api/health/full", cancellable, error);
  if (health == NULL)
    return NULL;
  if (!kdcc_dashboard_parse_health_full (snapshot, g_bytes_get_data (health, NULL),
                                         g_bytes_get_size (health), error))
    return NULL;

  summary = get_locked (self, "/api/summary", cancellable, error);
  if (summary == NULL)
    return NULL;
  if (!kdcc_dashboard_parse_summary (snapshot, g_bytes_get_data (summary, NULL),
                                     g_bytes_get_size (summary), error))
    return NULL;

  /* /api/osd carries per-OSD usage and is the largest answer (13 MB at
   * 10,000 OSDs), so it is read only when the OSD map moved. */
  heavy = force_heavy || snapshot->osdmap_epoch < 0 ||
          snapshot->osdmap_epoch != self->last_osdmap_epoch;
  if (heavy)
    {
      g_autoptr(GBytes) osds = get_locked (self, "/api/osd", cancellable, error);

      if (osds == NULL)
        return NULL;
      if (!kdcc_dashboard_parse_osds (snapshot, g_bytes_get_data (osds, NULL),
                                      g_bytes_get_size (osds), error))
        return NULL;
      self->last_osdmap_epoch = snapshot->osdmap_epoch;
      g_clear_pointer (&self->last_classes, g_ptr_array_unref);
      self->last_classes = g_ptr_array_ref (snapshot->classes);
    }
  else
    {
      if (self->last_classes != NULL)
        for (guint i = 0; i < self->last_classes->len; i++)
          {
            const KdccClassCapacityData *cls = g_ptr_array_index (self->last_classes, i);

            g_ptr_array_add (snapshot->classes, kdcc_class_capacity_data_copy (cls));
          }
      /* Keep what the model has: NULL lists mean "not fetched". */
      g_clear_pointer (&snapshot->osds, g_ptr_array_unref);
      g_clear_pointer (&snapshot->hosts, g_ptr_array_unref);
      g_clear_pointer (&snapshot->osd_index, g_hash_table_unref);
      g_clear_pointer (&snapshot->host_index, g_hash_table_unref);
    }

  snapshot->source_kind = g_strdup ("dashboard");
  snapshot->fetched_at = g_get_real_time ();
  return g_steal_pointer (&snapshot);
}

static KdccSnapshot *
kdcc_dashboard_source_fetch_snapshot (KdccSource    *source,
                                      gboolean       force_heavy,
                                      GCancellable  *cancellable,
                                      GError       **error)
{
  KdccDashboardSource *self = KDCC_DASHBOARD_SOURCE (source);
  KdccSnapshot *snapshot;

  g_mutex_lock (&self->mutex);
  snapshot = fetch_snapshot_locked (self, force_heavy, cancellable, error);
  g_mutex_unlock (&self->mutex);
  return snapshot;
}

static GBytes *
kdcc_dashboard_source_run_command (KdccSource    *source,
                                   const char    *target,
                                   const char    *command_json,
                                   char         **status,
                                   GCancellable  *cancellable,
                                   GError       **error)
{
  g_set_error (error, KDCC_ERROR, KDCC_ERROR_NOT_SUPPORTED,
               _("Raw Ceph commands cannot be run through the Ceph Dashboard; "
                 "connect directly to the cluster to run them"));
  return NULL;
}

static void
kdcc_dashboard_source_disconnect (KdccSource *source)
{
  KdccDashboardSource *self = KDCC_DASHBOARD_SOURCE (source);

  g_mutex_lock (&self->mutex);
  g_clear_object (&self->session);
  g_clear_pointer (&self->token, g_free);
  self->last_osdmap_epoch = -1;
  g_clear_pointer (&self->last_classes, g_ptr_array_unref);
  g_mutex_unlock (&self->mutex);
}

static void
kdcc_dashboard_source_iface_init (KdccSourceInterface *iface)
{
  iface->get_kind = kdcc_dashboard_source_get_kind;
  iface->get_capabilities = kdcc_dashboard_source_get_capabilities;
  iface->fetch_snapshot = kdcc_dashboard_source_fetch_snapshot;
  iface->run_command = kdcc_dashboard_source_run_command;
  iface->disconnect = kdcc_dashboard_source_disconnect;
  iface->apply_operation = _kdcc_dashboard_apply_operation;
  iface->read_back = _kdcc_dashboard_read_back;
}
