/* kdcc-kube-client.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * KdccKubeClient: its libsoup session, the TLS trust of a kubeconfig
 * context, credentials and one bounded request. The REST verbs are in
 * kdcc-kube-verbs.c.
 */
#define G_LOG_DOMAIN "kdcc-kube-client"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kdcc-error.h"
#include "kdcc-http.h"
#include "kdcc-kube-auth.h"
#include "kdcc-kube-client-private.h"

/* A list of every pod of a large cluster is tens of MB; anything far
 * beyond is not an answer the client wants in memory. */
#define DEFAULT_MAX_BODY (64 * 1000 * 1000)
/* The whole exchange of one request: a healthy API server answers a page
 * of 500 objects in well under a second. */
#define DEFAULT_DEADLINE_MS 30000
#define DEFAULT_PAGE_SIZE 500
#define MAX_REDIRECTS 3
/* Credentials that expire within this many seconds are renewed first. */
#define EXPIRY_MARGIN_S 10

struct _KdccKubeClient
{
  GObject               parent_instance;

  GMutex                mutex;   /* guards everything below */
  KdccKubeContext      *context;
  GPtrArray            *ca_certs;  /* GTlsCertificate; NULL: the system CAs */
  SoupSession          *session;
  KdccKubeCredentials  *creds;
  guint                 page_size;
  guint64               max_body;
  guint                 deadline_ms;
};

G_DEFINE_FINAL_TYPE (KdccKubeClient, kdcc_kube_client, G_TYPE_OBJECT)

G_DEFINE_QUARK (kdcc-kube-error-quark, kdcc_kube_error)

static void
kdcc_kube_client_finalize (GObject *object)
{
  KdccKubeClient *self = (KdccKubeClient *) object;

  g_clear_object (&self->session);
  g_clear_pointer (&self->creds, kdcc_kube_credentials_free);
  g_clear_pointer (&self->ca_certs, g_ptr_array_unref);
  g_clear_pointer (&self->context, kdcc_kube_context_free);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (kdcc_kube_client_parent_class)->finalize (object);
}

static void
kdcc_kube_client_class_init (KdccKubeClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kdcc_kube_client_finalize;
}

static void
kdcc_kube_client_init (KdccKubeClient *self)
{
  g_mutex_init (&self->mutex);
  self->page_size = DEFAULT_PAGE_SIZE;
  self->max_body = DEFAULT_MAX_BODY;
  self->deadline_ms = DEFAULT_DEADLINE_MS;
}

/* Every certificate of a PEM bundle; GTlsCertificate reads only the first
 * of a text, so the bundle is cut at each BEGIN line. */
GPtrArray *
_kdcc_kube_parse_ca_bundle (GBytes *pem)
{
  g_autoptr(GPtrArray) certs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *text = g_strndup (g_bytes_get_data (pem, NULL), g_bytes_get_size (pem));
  const char *marker = "-----BEGIN CERTIFICATE-----";
  const char *p = text;

  while ((p = strstr (p, marker)) != NULL)
    {
      const char *next = strstr (p + strlen (marker), marker);
      gsize len = next ? (gsize) (next - p) : strlen (p);
      GTlsCertificate *cert = g_tls_certificate_new_from_pem (p, len, NULL);

      if (cert != NULL)
        g_ptr_array_add (certs, cert);
      p += strlen (marker);
    }
  return g_steal_pointer (&certs);
}

KdccKubeClient *
kdcc_kube_client_new (const KdccKubeContext *context)
{
  KdccKubeClient *self;

  g_return_val_if_fail (context != NULL, NULL);
  g_return_val_if_fail (context->server != NULL, NULL);

  self = g_object_new (KDCC_TYPE_KUBE_CLIENT, NULL);
  self->context = kdcc_kube_context_copy (context);
  /* A CA that holds no readable certificate trusts nothing, which the
   * first request reports: it must not fall back to the system CAs. */
  if (context->ca_pem != NULL)
    self->ca_certs = _kdcc_kube_parse_ca_bundle (context->ca_pem);
  return self;
}

const KdccKubeContext *
kdcc_kube_client_get_context (KdccKubeClient *self)
{
  g_return_val_if_fail (KDCC_IS_KUBE_CLIENT (self), NULL);

  return self->context;
}

const char *
kdcc_kube_client_get_namespace (KdccKubeClient *self)
{
  g_return_val_if_fail (KDCC_IS_KUBE_CLIENT (self), NULL);

  return self->context->namespace;
}

void
kdcc_kube_client_set_page_size (KdccKubeClient *self,
                                guint           page_size)
{
  g_return_if_fail (KDCC_IS_KUBE_CLIENT (self));

  g_mutex_lock (&self->mutex);
  self->page_size = page_size;
  g_mutex_unlock (&self->mutex);
}

guint
_kdcc_kube_client_get_page_size (KdccKubeClient *self)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->mutex);

  return self->page_size;
}

void
kdcc_kube_client_set_limits (KdccKubeClient *self,
                             guint64         max_body_bytes,
                             guint           deadline_ms)
{
  g_return_if_fail (KDCC_IS_KUBE_CLIENT (self));

  g_mutex_lock (&self->mutex);
  self->max_body = max_body_bytes;
  self->deadline_ms = deadline_ms;
  g_mutex_unlock (&self->mutex);
}

/* The peer's certificate against the context's CA. Runs in the thread
 * that sends the message; reads only what never changes after _new(). */
static gboolean
accept_certificate_cb (SoupMessage          *msg,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       gpointer              user_data)
{
  KdccKubeClient *self = user_data;
  g_autoptr(GSocketConnectable) identity = NULL;
  GUri *uri = soup_message_get_uri (msg);

  if (self->context->insecure)
    return TRUE;
  if (self->ca_certs == NULL)
    return FALSE;

  identity = g_network_address_new (self->context->tls_server_name
                                    ? self->context->tls_server_name : g_uri_get_host (uri),
                                    g_uri_get_port (uri) > 0 ? g_uri_get_port (uri) : 443);
  for (guint i = 0; i < self->ca_certs->len; i++)
    {
      GTlsCertificateFlags flags =
        g_tls_certificate_verify (certificate, identity, g_ptr_array_index (self->ca_certs, i));

      if (flags == 0)
        return TRUE;
      g_debug ("The API server's certificate against CA %u: flags 0x%x", i, flags);
    }
  return FALSE;
}

void
kdcc_kube_configure_session (SoupSession *session)
{
  const char *proxy = g_getenv ("HTTPS_PROXY");
  const char *no_proxy = g_getenv ("NO_PROXY");
  g_autoptr(GProxyResolver) resolver = NULL;
  g_auto(GStrv) ignore = NULL;

  if (proxy == NULL || *proxy == '\0')
    proxy = g_getenv ("https_proxy");
  if (no_proxy == NULL || *no_proxy == '\0')
    no_proxy = g_getenv ("no_proxy");

  /* kubectl (Go's ProxyFromEnvironment) uses HTTPS_PROXY and NO_PROXY and
   * nothing else; so does KDCC for the API server, whatever the desktop's
   * proxy settings say. */
  if (proxy != NULL && *proxy != '\0')
    {
      if (no_proxy != NULL && *no_proxy != '\0')
        ignore = g_strsplit (no_proxy, ",", -1);
      for (guint i = 0; ignore != NULL && ignore[i] != NULL; i++)
        g_strstrip (ignore[i]);
      resolver = g_simple_proxy_resolver_new (proxy, ignore);
    }
  soup_session_set_proxy_resolver (session, resolver);
}

SoupSession *
kdcc_kube_client_new_session (KdccKubeClient *self)
{
  SoupSession *session;

  g_return_val_if_fail (KDCC_IS_KUBE_CLIENT (self), NULL);

  session = kdcc_http_session_new ();
  kdcc_kube_configure_session (session);
  /* With the context's CA (or insecure) the system CAs play no part:
   * every certificate goes through accept-certificate. */
  if (self->ca_certs != NULL || self->context->insecure)
    soup_session_set_tls_database (session, NULL);
  return session;
}

static SoupSession *
ensure_session (KdccKubeClient *self)
{
  if (self->session == NULL)
    self->session = kdcc_kube_client_new_session (self);
  return self->session;
}

static gboolean
ensure_credentials_locked (KdccKubeClient  *self,
                           GCancellable    *cancellable,
                           GError         **error)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (self->creds != NULL && self->creds->expires_at != 0 &&
      self->creds->expires_at - EXPIRY_MARGIN_S <= now)
    {
      g_debug ("The credentials of %s expire now; renewing them", self->context->name);
      g_clear_pointer (&self->creds, kdcc_kube_credentials_free);
    }
  if (self->creds == NULL)
    self->creds = kdcc_kube_credentials_obtain (self->context, cancellable, error);
  return self->creds != NULL;
}

/* Called with the mutex held. */
static void
apply_credentials_locked (KdccKubeClient *self,
                          SoupMessage    *msg)
{
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);

  if (self->creds->token != NULL)
    {
      g_autofree char *auth = g_strconcat ("Bearer ", self->creds->token, NULL);

      soup_message_headers_replace (headers, "Authorization", auth);
      memset (auth, 0, strlen (auth));
    }
  else if (self->creds->basic_user != NULL)
    {
      g_autofree char *pair = g_strconcat (self->creds->basic_user, ":",
                                           self->creds->basic_password, NULL);
      g_autofree char *b64 = g_base64_encode ((const guchar *) pair, strlen (pair));
      g_autofree char *auth = g_strconcat ("Basic ", b64, NULL);

      soup_message_headers_replace (headers, "Authorization", auth);
      memset (pair, 0, strlen (pair));
      memset (b64, 0, strlen (b64));
      memset (auth, 0, strlen (auth));
    }
  if (self->creds->client_certificate != NULL)
    soup_message_set_tls_client_certificate (msg, self->creds->client_certificate);
}

gboolean
kdcc_kube_client_prepare_message (KdccKubeClient  *self,
                                  SoupMessage     *msg,
                                  GCancellable    *cancellable,
                                  GError         **error)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (KDCC_IS_KUBE_CLIENT (self), FALSE);
  g_return_val_if_fail (SOUP_IS_MESSAGE (msg), FALSE);

  locker = g_mutex_locker_new (&self->mutex);
  if (!ensure_credentials_locked (self, cancellable, error))
    return FALSE;
  apply_credentials_locked (self, msg);
  if (self->ca_certs != NULL || self->context->insecure)
    g_signal_connect_object (msg, "accept-certificate", G_CALLBACK (accept_certificate_cb),
                             self, 0);
  return TRUE;
}

char *
_kdcc_kube_client_describe_user (KdccKubeClient *self)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->mutex);
  const char *user = self->context->user_name ? self->context->user_name : _("(anonymous)");

  if (self->creds != NULL)
    return g_strdup_printf (_("user “%s” (%s)"), user, self->creds->origin);
  return g_strdup_printf (_("user “%s”"), user);
}

/* Turns a transport error that kdcc_http_send() passed on into a
 * KDCC_ERROR naming the API server. */
static void
set_transport_error (KdccKubeClient  *self,
                     SoupMessage     *msg,
                     GError          *soup_error,
                     GError         **error)
{
  const char *server = self->context->server;

  if (g_error_matches (soup_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The request was cancelled"));
  else if (g_error_matches (soup_error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    g_set_error (error, KDCC_ERROR, KDCC_ERROR_TIMEOUT,
                 _("The Kubernetes API server at %s did not answer in time"), server);
  else if (soup_error->domain == G_TLS_ERROR)
    {
      GTlsCertificateFlags flags = soup_message_get_tls_peer_certificate_errors (msg);
      g_autofree char *problem = kdcc_http_describe_certificate_errors (flags);

      if (g_error_matches (soup_error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE))
        g_set_error (error, KDCC_ERROR, KDCC_ERROR_TLS,
                     self->ca_certs
                     ? _("The certificate of the Kubernetes API server at %s is not trusted by "
                         "the kubeconfig's certificate authority: %s")
                     : _("The certificate of the Kubernetes API server at %s is not trusted: %s"),
                     server, problem);
      else
        g_set_error (error, KDCC_ERROR, KDCC_ERROR_TLS,
                     _("Secure connection to the Kubernetes API server at %s failed: %s"),
                     server, soup_error->message);
    }
  else
    g_set_error (error, KDCC_ERROR, KDCC_ERROR_CONNECT,
                 _("Cannot connect to the Kubernetes API server at %s: %s"), server,
                 soup_error->message);
}

GBytes *
_kdcc_kube_client_send (KdccKubeClient  *self,
                        const char      *method,
                        const char      *path_query,
                        const char      *content_type,
                        GBytes          *body,
                        guint           *status,
                        GCancellable    *cancellable,
                        GError         **error)
{
  return _kdcc_kube_client_send_accept (self, method, path_query, content_type, body,
                                        "application/json", status, cancellable, error);
}

GBytes *
_kdcc_kube_client_send_accept (KdccKubeClient  *self,
                               const char      *method,
                               const char      *path_query,
                               const char      *content_type,
                               GBytes          *body,
                               const char      *accept,
                               guint           *status,
                               GCancellable    *cancellable,
                               GError         **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->mutex);
  g_autofree char *url = g_strconcat (self->context->server, path_query, NULL);
  gboolean renewed = FALSE;

  for (;;)
    {
      g_autoptr(SoupMessage) msg = soup_message_new (method, url);
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GBytes) answer = NULL;
      KdccHttpLimits limits = { 0 };

      if (msg == NULL)
        {
          g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                       _("“%s” is not a valid address"), url);
          return NULL;
        }
      if (!ensure_credentials_locked (self, cancellable, error))
        return NULL;
      apply_credentials_locked (self, msg);
      if (self->ca_certs != NULL || self->context->insecure)
        g_signal_connect (msg, "accept-certificate", G_CALLBACK (accept_certificate_cb), self);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept", accept);
      if (body != NULL)
        soup_message_set_request_body_from_bytes (msg, content_type, body);

      limits.max_body_bytes = self->max_body;
      limits.max_decoded_bytes = self->max_body;
      limits.deadline_ms = self->deadline_ms;
      limits.max_redirects = MAX_REDIRECTS;
      limits.content_type = accept;

      answer = kdcc_http_send (ensure_session (self), msg, &limits, cancellable, &local_error);
      if (answer == NULL)
        {
          g_debug ("%s %s failed: %s", method, path_query, local_error->message);
          if (local_error->domain == KDCC_ERROR)
            {
              soup_session_abort (self->session);
              g_propagate_error (error, g_steal_pointer (&local_error));
            }
          else
            set_transport_error (self, msg, local_error, error);
          return NULL;
        }

      *status = soup_message_get_status (msg);
      g_debug ("%s %s -> %u (%" G_GSIZE_FORMAT " bytes)", method, path_query, *status,
               g_bytes_get_size (answer));
      if (*status == SOUP_STATUS_UNAUTHORIZED && !renewed && self->creds->renewable)
        {
          /* A rotated token file or a plugin's token the server no longer
           * takes: ask once more, as client-go does. */
          g_clear_pointer (&self->creds, kdcc_kube_credentials_free);
          renewed = TRUE;
          continue;
        }
      return g_steal_pointer (&answer);
    }
}

char *
kdcc_kube_service_proxy_path (const char *namespace,
                              const char *service,
                              const char *scheme,
                              const char *port)
{
  g_autofree char *ns = g_uri_escape_string (namespace, NULL, FALSE);
  g_autofree char *target = g_strconcat (scheme ? scheme : "", scheme ? ":" : "", service,
                                         port ? ":" : "", port ? port : "", NULL);
  g_autofree char *escaped = g_uri_escape_string (target, ":", FALSE);

  return g_strdup_printf ("/api/v1/namespaces/%s/services/%s/proxy", ns, escaped);
}
