/* kdcc-oidc-signin.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Design note: the loopback server lives on the caller's main context and
 * serves exactly one redirect. Whatever that redirect says, the browser
 * gets its answer page before the server closes ("finished" of the
 * message), and only then does the sign-in go on: to the code exchange on
 * a worker thread, or to its end with the reason. The server binds
 * 127.0.0.1 only (RFC 8252 §8.3: not "localhost", which may resolve to an
 * address another host can reach, and not every interface).
 */
#define G_LOG_DOMAIN "kdcc-oidc"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "kdcc-error.h"
#include "kdcc-oidc-signin.h"

typedef struct
{
  KdccOidcOpenUriFunc  open_uri;
  gpointer             open_uri_data;
  guint                timeout_s;
  KdccOidcPkce        *pkce;
  KdccOidcDiscovery   *discovery;
  SoupServer          *server;
  char                *redirect_uri;
  char                *code;
  GError              *redirect_error;   /* what the redirect said, when not a code */
  GSource             *timeout_source;
  GSource             *cancel_source;
  gboolean             redirected;       /* the one request has come */
  gboolean             ended;            /* end_wait() has run */
} SignIn;

static void
stop_waiting (SignIn *sign_in)
{
  if (sign_in->server != NULL)
    {
      soup_server_disconnect (sign_in->server);
      g_clear_object (&sign_in->server);
    }
  if (sign_in->timeout_source != NULL)
    {
      g_source_destroy (sign_in->timeout_source);
      g_clear_pointer (&sign_in->timeout_source, g_source_unref);
    }
  if (sign_in->cancel_source != NULL)
    {
      g_source_destroy (sign_in->cancel_source);
      g_clear_pointer (&sign_in->cancel_source, g_source_unref);
    }
}

static void
sign_in_free (gpointer data)
{
  SignIn *sign_in = data;

  stop_waiting (sign_in);
  g_clear_pointer (&sign_in->pkce, kdcc_oidc_pkce_free);
  g_clear_pointer (&sign_in->discovery, kdcc_oidc_discovery_free);
  g_free (sign_in->redirect_uri);
  g_free (sign_in->code);
  g_clear_error (&sign_in->redirect_error);
  g_free (sign_in);
}

static void
exchange_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  SignIn *sign_in = task_data;
  GError *error = NULL;
  KdccOidcTokens *tokens;

  tokens = kdcc_oidc_client_exchange_code_sync (source_object, sign_in->code,
                                                sign_in->redirect_uri, sign_in->pkce,
                                                cancellable, &error);
  if (tokens == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, tokens, (GDestroyNotify) kdcc_oidc_tokens_free);
}

/* Ends the wait: with an error, or on to the exchange. Takes the task's
 * reference the wait held. */
static void
end_wait (GTask  *task,
          GError *error)
{
  SignIn *sign_in = g_task_get_task_data (task);

  /* The timeout or a cancellation may come between the redirect and its
   * "finished"; the first to arrive ends the wait. */
  if (sign_in->ended)
    {
      g_clear_error (&error);
      return;
    }
  sign_in->ended = TRUE;
  stop_waiting (sign_in);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  g_task_run_in_thread (task, exchange_thread);
  g_object_unref (task);
}

static gboolean
after_redirect_cb (gpointer user_data)
{
  GTask *task = user_data;
  SignIn *sign_in = g_task_get_task_data (task);

  end_wait (task, g_steal_pointer (&sign_in->redirect_error));
  return G_SOURCE_REMOVE;
}

static void
redirect_finished_cb (SoupServerMessage *msg,
                      gpointer           user_data)
{
  GTask *task = user_data;
  g_autoptr(GSource) idle = g_idle_source_new ();

  /* Not from inside the server's own signal: end_wait() closes it. The
   * idle holds a reference as the task may end meanwhile (timeout). */
  g_source_set_callback (idle, after_redirect_cb, g_object_ref (task), g_object_unref);
  g_source_attach (idle, g_task_get_context (task));
}

static const char *
query_get (GHashTable *query,
           const char *key)
{
  return query != NULL ? g_hash_table_lookup (query, key) : NULL;
}

static void
respond (SoupServerMessage *msg,
         guint              status,
         const char        *title,
         const char        *text)
{
  g_autofree char *title_html = g_markup_escape_text (title, -1);
  g_autofree char *text_html = g_markup_escape_text (text, -1);
  g_autofree char *body = NULL;

  body = g_strdup_printf ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>%s</title>"
                          "</head><body><h1>%s</h1><p>%s</p></body></html>",
                          title_html, title_html, text_html);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_COPY, body,
                                    strlen (body));
}

static void
callback_cb (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  GTask *task = user_data;
  SignIn *sign_in = g_task_get_task_data (task);
  const char *state = query_get (query, "state");
  const char *code = query_get (query, "code");
  const char *error_code = query_get (query, "error");
  const char *error_description = query_get (query, "error_description");

  /* Browsers also ask for /favicon.ico; only the redirect counts. */
  if (sign_in->redirected || g_strcmp0 (path, "/callback") != 0
      || g_strcmp0 (soup_server_message_get_method (msg), "GET") != 0)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }
  sign_in->redirected = TRUE;

  if (g_strcmp0 (state, sign_in->pkce->state) != 0)
    {
      sign_in->redirect_error =
        g_error_new_literal (KDCC_OIDC_ERROR, KDCC_OIDC_ERROR_STATE,
                             _("The sign-in's answer does not belong to this sign-in (its state "
                               "differs): it may be forged, or from an older sign-in"));
      respond (msg, SOUP_STATUS_BAD_REQUEST, _("Sign-in refused"),
               _("This answer does not belong to the sign-in KDCC started. Start again from "
                 "KDCC."));
    }
  else if (error_code != NULL)
    {
      kdcc_oidc_set_error (&sign_in->redirect_error,
                           g_str_equal (error_code, "access_denied") ? KDCC_OIDC_ERROR_DENIED
                                                                     : KDCC_OIDC_ERROR_PROVIDER,
                           _("The identity provider refused the sign-in: %s (%s)"), error_code,
                           error_description != NULL ? error_description : "");
      respond (msg, SOUP_STATUS_OK, _("Sign-in refused"),
               _("The identity provider refused the sign-in. You can close this page."));
    }
  else if (code == NULL || *code == '\0')
    {
      sign_in->redirect_error =
        g_error_new_literal (KDCC_OIDC_ERROR, KDCC_OIDC_ERROR_MALFORMED,
                             _("The identity provider's answer has no authorization code"));
      respond (msg, SOUP_STATUS_BAD_REQUEST, _("Sign-in failed"),
               _("The identity provider's answer has no authorization code."));
    }
  else
    {
      sign_in->code = g_strdup (code);
      respond (msg, SOUP_STATUS_OK, _("Signed in"),
               _("You are signed in to Koor Data Control Center. You can close this page."));
    }

  /* Go on only once the browser has its page (see the design note). */
  g_signal_connect (msg, "finished", G_CALLBACK (redirect_finished_cb), task);
}

static gboolean
timeout_cb (gpointer user_data)
{
  GTask *task = user_data;
  SignIn *sign_in = g_task_get_task_data (task);

  g_clear_pointer (&sign_in->timeout_source, g_source_unref);
  end_wait (task, g_error_new (KDCC_ERROR, KDCC_ERROR_TIMEOUT,
                               _("No answer came back from the browser within %u seconds"),
                               sign_in->timeout_s));
  return G_SOURCE_REMOVE;
}

static gboolean
cancelled_cb (GCancellable *cancellable,
              gpointer      user_data)
{
  GTask *task = user_data;
  SignIn *sign_in = g_task_get_task_data (task);
  GError *error = NULL;

  g_clear_pointer (&sign_in->cancel_source, g_source_unref);
  g_cancellable_set_error_if_cancelled (cancellable, &error);
  end_wait (task, error);
  return G_SOURCE_REMOVE;
}

static void
discover_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  GError *error = NULL;
  KdccOidcDiscovery *discovery;

  discovery = kdcc_oidc_client_discover_sync (source_object, cancellable, &error);
  if (discovery == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, discovery, (GDestroyNotify) kdcc_oidc_discovery_free);
}

static void
discovered_cb (GObject      *source_object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SignIn *sign_in = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  KdccOidcClient *client = KDCC_OIDC_CLIENT (source_object);
  g_autoptr(GError) error = NULL;
  g_autofree char *auth_url = NULL;
  GSList *uris;
  guint port;

  sign_in->discovery = g_task_propagate_pointer (G_TASK (result), &error);
  if (sign_in->discovery == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  sign_in->server = soup_server_new ("server-header", "KDCC", NULL);
  if (!soup_server_listen_local (sign_in->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    {
      g_task_return_new_error (task, KDCC_ERROR, KDCC_ERROR_FAILED,
                               _("Could not wait for the browser's answer on 127.0.0.1: %s"),
                               error->message);
      return;
    }
  uris = soup_server_get_uris (sign_in->server);
  port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  sign_in->redirect_uri = g_strdup_printf ("http://127.0.0.1:%u/callback", port);

  /* The wait holds one reference to the task, given back by end_wait(). */
  soup_server_add_handler (sign_in->server, NULL, callback_cb, g_object_ref (task), NULL);
  sign_in->timeout_source = g_timeout_source_new_seconds (sign_in->timeout_s);
  g_source_set_callback (sign_in->timeout_source, timeout_cb, task, NULL);
  g_source_attach (sign_in->timeout_source, g_task_get_context (task));
  if (cancellable != NULL)
    {
      sign_in->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (sign_in->cancel_source, G_SOURCE_FUNC (cancelled_cb), task, NULL);
      g_source_attach (sign_in->cancel_source, g_task_get_context (task));
    }

  auth_url = kdcc_oidc_client_build_auth_url (client, sign_in->discovery, sign_in->pkce,
                                              sign_in->redirect_uri);
  sign_in->open_uri (auth_url, sign_in->open_uri_data);
}

void
kdcc_oidc_sign_in_async (KdccOidcClient       *client,
                         KdccOidcOpenUriFunc   open_uri,
                         gpointer              open_uri_data,
                         guint                 timeout_s,
                         GCancellable         *cancellable,
                         GAsyncReadyCallback   callback,
                         gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) discover = NULL;
  SignIn *sign_in;

  g_return_if_fail (KDCC_IS_OIDC_CLIENT (client));
  g_return_if_fail (open_uri != NULL);
  g_return_if_fail (timeout_s > 0);

  task = g_task_new (client, cancellable, callback, user_data);
  g_task_set_source_tag (task, kdcc_oidc_sign_in_async);
  sign_in = g_new0 (SignIn, 1);
  sign_in->open_uri = open_uri;
  sign_in->open_uri_data = open_uri_data;
  sign_in->timeout_s = timeout_s;
  sign_in->pkce = kdcc_oidc_pkce_new ();
  g_task_set_task_data (task, sign_in, sign_in_free);

  discover = g_task_new (client, cancellable, discovered_cb, g_steal_pointer (&task));
  g_task_set_source_tag (discover, kdcc_oidc_sign_in_async);
  g_task_run_in_thread (discover, discover_thread);
}

KdccOidcTokens *
kdcc_oidc_sign_in_finish (KdccOidcClient  *client,
                          GAsyncResult    *result,
                          GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == kdcc_oidc_sign_in_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
sync_done_cb (GObject      *source_object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

KdccOidcTokens *
kdcc_oidc_sign_in_sync (KdccOidcClient       *client,
                        KdccOidcOpenUriFunc   open_uri,
                        gpointer              open_uri_data,
                        guint                 timeout_s,
                        GCancellable         *cancellable,
                        GError              **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GAsyncResult) result = NULL;

  g_main_context_push_thread_default (context);
  kdcc_oidc_sign_in_async (client, open_uri, open_uri_data, timeout_s, cancellable,
                           sync_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (context, TRUE);
  g_main_context_pop_thread_default (context);

  return kdcc_oidc_sign_in_finish (client, result, error);
}
