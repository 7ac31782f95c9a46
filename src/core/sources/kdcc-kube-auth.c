/* kdcc-kube-auth.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Credentials for the Kubernetes API from a resolved kubeconfig context:
 * tokens, token files, exec credential plugins (ExecCredential JSON) and
 * the oidc auth-provider's id-token (refreshed by kdcc-kube-oidc-refresh.c).
 */
#define G_LOG_DOMAIN "kdcc-kube-auth"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "kdcc-error.h"
#include "kdcc-json.h"
#include "kdcc-kube-auth.h"
#include "kdcc-kube-oidc-refresh.h"
#include "kdcc-kube-oidc.h"

/* A token file or a plugin's output far beyond any real token is refused. */
#define MAX_TOKEN_BYTES (1024 * 1024)

static void
free_secret (char *secret)
{
  if (secret != NULL)
    memset (secret, 0, strlen (secret));
  g_free (secret);
}

void
kdcc_kube_credentials_free (KdccKubeCredentials *creds)
{
  if (creds == NULL)
    return;
  free_secret (creds->token);
  g_free (creds->basic_user);
  free_secret (creds->basic_password);
  g_clear_object (&creds->client_certificate);
  g_free (creds->origin);
  g_free (creds);
}

static char *
format_time (gint64 unix_seconds)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_seconds);

  return dt ? g_date_time_format (dt, "%Y-%m-%d %H:%M:%S UTC") : g_strdup ("?");
}

static GTlsCertificate *
certificate_from_pem (const char  *cert,
                      gsize        cert_len,
                      const char  *key,
                      gsize        key_len,
                      const char  *what,
                      GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *pem = g_malloc (cert_len + key_len + 2);
  GTlsCertificate *ret;

  /* GTlsCertificate reads the certificate and its key from one PEM text. */
  memcpy (pem, cert, cert_len);
  pem[cert_len] = '\n';
  memcpy (pem + cert_len + 1, key, key_len);
  pem[cert_len + key_len + 1] = '\0';
  ret = g_tls_certificate_new_from_pem (pem, cert_len + key_len + 1, &local_error);
  memset (pem, 0, cert_len + key_len + 1);
  if (ret == NULL)
    g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                 _("The client certificate or key of %s cannot be used: %s"), what,
                 local_error->message);
  return ret;
}

gboolean
kdcc_kube_parse_exec_credential (const char           *json,
                                 gssize                length,
                                 const char           *api_version,
                                 KdccKubeCredentials  *creds,
                                 GError              **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonObject *status;
  const char *kind;
  const char *version;
  const char *token;
  const char *cert;
  const char *key;
  const char *expiry;

  root = kdcc_json_load_root ("ExecCredential", json, length, JSON_NODE_OBJECT, error);
  if (root == NULL)
    return FALSE;
  object = json_node_get_object (root);
  kind = kdcc_json_find_string (object, "kind");
  version = kdcc_json_find_string (object, "apiVersion");
  if (g_strcmp0 (kind, "ExecCredential") != 0)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_PARSE,
                   _("The credential plugin printed a “%s”, not an ExecCredential"),
                   kind ? kind : "?");
      return FALSE;
    }
  if (api_version != NULL && g_strcmp0 (version, api_version) != 0)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_PARSE,
                   _("The credential plugin answered with apiVersion “%s” where “%s” was "
                     "asked for"), version ? version : "", api_version);
      return FALSE;
    }
  status = kdcc_json_find_object (object, "status");
  if (status == NULL)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_PARSE,
                   _("The credential plugin's ExecCredential has no status"));
      return FALSE;
    }

  token = kdcc_json_find_string (status, "token");
  cert = kdcc_json_find_string (status, "clientCertificateData");
  key = kdcc_json_find_string (status, "clientKeyData");
  expiry = kdcc_json_find_string (status, "expirationTimestamp");

  if ((token == NULL || *token == '\0') && (cert == NULL || key == NULL))
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_PARSE,
                   _("The credential plugin's ExecCredential has neither a token nor a client "
                     "certificate and key"));
      return FALSE;
    }
  if ((cert == NULL) != (key == NULL))
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_PARSE,
                   _("The credential plugin's ExecCredential has a client certificate without "
                     "its key, or a key without its certificate"));
      return FALSE;
    }

  if (expiry != NULL)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (expiry, NULL);

      if (dt == NULL)
        {
          g_set_error (error, KDCC_ERROR, KDCC_ERROR_PARSE,
                       _("The credential plugin's expirationTimestamp “%s” is not an RFC 3339 "
                         "time"), expiry);
          return FALSE;
        }
      creds->expires_at = g_date_time_to_unix (dt);
      if (creds->expires_at <= g_get_real_time () / G_USEC_PER_SEC)
        {
          g_autofree char *when = format_time (creds->expires_at);

          g_set_error (error, KDCC_ERROR, KDCC_ERROR_AUTH,
                       _("The credential plugin gave a token that expired at %s"), when);
          return FALSE;
        }
    }

  if (token != NULL && *token != '\0')
    creds->token = g_strdup (token);
  if (cert != NULL)
    {
      creds->client_certificate = certificate_from_pem (cert, strlen (cert), key, strlen (key),
                                                        _("the credential plugin"), error);
      if (creds->client_certificate == NULL)
        return FALSE;
    }
  return TRUE;
}

gint64
kdcc_kube_jwt_expiry (const char *jwt)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GString) b64 = NULL;
  g_autofree guchar *payload = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonNode *exp;
  gsize len = 0;

  if (jwt == NULL)
    return 0;
  parts = g_strsplit (jwt, ".", 4);
  if (g_strv_length (parts) != 3 || strlen (parts[1]) > MAX_TOKEN_BYTES)
    return 0;

  /* base64url without padding into base64. */
  b64 = g_string_new (parts[1]);
  for (gsize i = 0; i < b64->len; i++)
    {
      if (b64->str[i] == '-')
        b64->str[i] = '+';
      else if (b64->str[i] == '_')
        b64->str[i] = '/';
      else if (!g_ascii_isalnum (b64->str[i]) && b64->str[i] != '+' && b64->str[i] != '/')
        return 0;
    }
  while (b64->len % 4 != 0)
    g_string_append_c (b64, '=');
  payload = g_base64_decode (b64->str, &len);
  if (len == 0)
    return 0;

  root = kdcc_json_load_root ("JWT", (const char *) payload, len, JSON_NODE_OBJECT, NULL);
  if (root == NULL)
    return 0;
  exp = json_object_get_member (json_node_get_object (root), "exp");
  if (exp == NULL || !JSON_NODE_HOLDS_VALUE (exp))
    return 0;
  if (json_node_get_value_type (exp) == G_TYPE_INT64)
    return json_node_get_int (exp);
  if (json_node_get_value_type (exp) == G_TYPE_DOUBLE)
    return (gint64) json_node_get_double (exp);
  return 0;
}

static char *
read_token_file (const char  *path,
                 const char  *user,
                 GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;

  /* Read at every use: projected service account tokens are rotated in
   * place. */
  if (!g_file_get_contents (path, &contents, &len, &local_error))
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_AUTH,
                   _("Cannot read the token file of user “%s”: %s"), user, local_error->message);
      return NULL;
    }
  if (len > MAX_TOKEN_BYTES || memchr (contents, '\0', len) != NULL)
    {
      memset (contents, 0, len);
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_AUTH,
                   _("The token file %s of user “%s” does not hold a token"), path, user);
      return NULL;
    }
  g_strstrip (contents);
  return g_steal_pointer (&contents);
}

typedef struct
{
  gboolean  done;
  gboolean  timed_out;
  GBytes   *out;
  GBytes   *err;
  GError   *error;
} ExecRun;

static void
communicate_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  ExecRun *run = user_data;

  g_subprocess_communicate_finish (G_SUBPROCESS (object), result, &run->out, &run->err,
                                   &run->error);
  run->done = TRUE;
}

static gboolean
exec_timeout_cb (gpointer user_data)
{
  ExecRun *run = user_data;

  run->timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

static char *
exec_info_json (const KdccKubeContext *ctx)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "apiVersion");
  json_builder_add_string_value (builder, ctx->exec->api_version);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, "ExecCredential");
  json_builder_set_member_name (builder, "spec");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "interactive");
  json_builder_add_boolean_value (builder, FALSE);
  if (ctx->exec->provide_cluster_info)
    {
      json_builder_set_member_name (builder, "cluster");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "server");
      json_builder_add_string_value (builder, ctx->server);
      if (ctx->tls_server_name != NULL)
        {
          json_builder_set_member_name (builder, "tls-server-name");
          json_builder_add_string_value (builder, ctx->tls_server_name);
        }
      json_builder_set_member_name (builder, "insecure-skip-tls-verify");
      json_builder_add_boolean_value (builder, ctx->insecure);
      if (ctx->ca_pem != NULL)
        {
          g_autofree char *ca = g_base64_encode (g_bytes_get_data (ctx->ca_pem, NULL),
                                                 g_bytes_get_size (ctx->ca_pem));

          json_builder_set_member_name (builder, "certificate-authority-data");
          json_builder_add_string_value (builder, ca);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static gboolean
run_exec_plugin (const KdccKubeContext  *ctx,
                 KdccKubeCredentials    *creds,
                 GCancellable           *cancellable,
                 GError                **error)
{
  const KdccKubeExec *exec = ctx->exec;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autofree char *info = exec_info_json (ctx);
  g_autoptr(GSource) timeout = NULL;
  ExecRun run = { 0 };
  gboolean ok = FALSE;

  if (g_strcmp0 (exec->interactive_mode, "Always") == 0)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_AUTH,
                   _("The credential plugin %s of user “%s” asks for a terminal "
                     "(interactiveMode: Always), which KDCC cannot give it"),
                   exec->command, ctx->user_name);
      return FALSE;
    }

  /* The plugin gets no terminal: its stdin is /dev/null. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  for (guint i = 0; exec->env != NULL && exec->env[i] != NULL; i++)
    {
      g_auto(GStrv) kv = g_strsplit (exec->env[i], "=", 2);

      g_subprocess_launcher_setenv (launcher, kv[0], kv[1] ? kv[1] : "", TRUE);
    }
  g_subprocess_launcher_setenv (launcher, "KUBERNETES_EXEC_INFO", info, TRUE);

  g_ptr_array_add (argv, exec->command);
  for (guint i = 0; exec->args != NULL && exec->args[i] != NULL; i++)
    g_ptr_array_add (argv, exec->args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata,
                                          &local_error);
  if (process == NULL)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_AUTH,
                   _("The credential plugin %s of user “%s” cannot be started: %s%s%s"),
                   exec->command, ctx->user_name, local_error->message,
                   exec->install_hint ? ". " : "", exec->install_hint ? exec->install_hint : "");
      return FALSE;
    }

  /* A private main context on this worker thread bounds the plugin's
   * run time without another thread. */
  g_main_context_push_thread_default (context);
  g_subprocess_communicate_async (process, NULL, cancellable, communicate_cb, &run);
  timeout = g_timeout_source_new (KDCC_KUBE_EXEC_TIMEOUT_MS);
  g_source_set_callback (timeout, exec_timeout_cb, &run, NULL);
  g_source_attach (timeout, context);
  while (!run.done && !run.timed_out)
    g_main_context_iteration (context, TRUE);
  g_source_destroy (timeout);
  if (!run.done || run.error != NULL)
    g_subprocess_force_exit (process);
  if (!run.done)
    {
      while (!run.done)
        g_main_context_iteration (context, TRUE);
    }
  g_main_context_pop_thread_default (context);

  if (run.timed_out)
    g_set_error (error, KDCC_ERROR, KDCC_ERROR_TIMEOUT,
                 _("The credential plugin %s of user “%s” did not finish within %d s"),
                 exec->command, ctx->user_name, KDCC_KUBE_EXEC_TIMEOUT_MS / 1000);
  else if (run.error != NULL)
    g_propagate_error (error, g_steal_pointer (&run.error));
  else if (!g_subprocess_get_successful (process))
    {
      g_autofree char *message = NULL;

      if (run.err != NULL && g_bytes_get_size (run.err) > 0)
        {
          message = g_strndup (g_bytes_get_data (run.err, NULL),
                               MIN (g_bytes_get_size (run.err), 500));
          if (!g_utf8_validate (message, -1, NULL))
            g_clear_pointer (&message, g_free);
          else
            g_strstrip (message);
        }
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_AUTH,
                   _("The credential plugin %s of user “%s” failed: %s"),
                   exec->command, ctx->user_name,
                   message && *message ? message : _("it gave no reason"));
    }
  else if (g_bytes_get_size (run.out) > MAX_TOKEN_BYTES)
    g_set_error (error, KDCC_ERROR, KDCC_ERROR_AUTH,
                 _("The credential plugin %s of user “%s” printed more than %d KiB"),
                 exec->command, ctx->user_name, MAX_TOKEN_BYTES / 1024);
  else
    {
      g_autoptr(GError) parse_error = NULL;

      ok = kdcc_kube_parse_exec_credential (g_bytes_get_data (run.out, NULL),
                                            g_bytes_get_size (run.out), exec->api_version,
                                            creds, &parse_error);
      if (!ok)
        g_set_error (error, KDCC_ERROR, KDCC_ERROR_AUTH,
                     _("The credential plugin %s of user “%s”: %s"),
                     exec->command, ctx->user_name, parse_error->message);
    }

  g_clear_error (&run.error);
  g_clear_pointer (&run.out, g_bytes_unref);
  g_clear_pointer (&run.err, g_bytes_unref);
  return ok;
}

KdccKubeCredentials *
kdcc_kube_credentials_obtain (const KdccKubeContext  *ctx,
                              GCancellable           *cancellable,
                              GError                **error)
{
  g_autoptr(KdccKubeCredentials) creds = g_new0 (KdccKubeCredentials, 1);
  const char *user;

  g_return_val_if_fail (ctx != NULL, NULL);

  user = ctx->user_name ? ctx->user_name : "";

  /* A connection set to sign in with SSO: KDCC's account there, whatever
   * the kubeconfig's user says (kdcc-kube-oidc.h). */
  if (ctx->sso_issuer != NULL)
    return kdcc_kube_oidc_obtain_sso (ctx, cancellable, error);

  if (ctx->client_cert_pem != NULL && ctx->client_key_pem != NULL)
    {
      g_autofree char *what = g_strdup_printf (_("user “%s”"), user);

      creds->client_certificate =
        certificate_from_pem (g_bytes_get_data (ctx->client_cert_pem, NULL),
                              g_bytes_get_size (ctx->client_cert_pem),
                              g_bytes_get_data (ctx->client_key_pem, NULL),
                              g_bytes_get_size (ctx->client_key_pem), what, error);
      if (creds->client_certificate == NULL)
        return NULL;
    }

  /* An OpenID provider's user (oidc auth-provider, kubelogin plugin)
   * signed in with KDCC's own accounts (kdcc-kube-oidc.h); without an
   * account there, the kubeconfig's own way below. */
  if (ctx->token == NULL && ctx->token_file == NULL && kdcc_kube_oidc_applies (ctx))
    {
      switch (kdcc_kube_oidc_obtain (ctx, creds, cancellable, error))
        {
        case KDCC_KUBE_OIDC_FAILED:
          return NULL;
        case KDCC_KUBE_OIDC_OBTAINED:
          return g_steal_pointer (&creds);
        case KDCC_KUBE_OIDC_NOT_SIGNED_IN:
        default:
          break;
        }
    }

  if (ctx->token != NULL)
    {
      creds->token = g_strdup (ctx->token);
      creds->origin = g_strdup (_("token"));
    }
  else if (ctx->token_file != NULL)
    {
      creds->token = read_token_file (ctx->token_file, user, error);
      if (creds->token == NULL)
        return NULL;
      creds->origin = g_strdup_printf (_("token file %s"), ctx->token_file);
      creds->renewable = TRUE;
    }
  else if (ctx->exec != NULL)
    {
      g_autoptr(GTlsCertificate) static_cert = g_steal_pointer (&creds->client_certificate);

      if (!run_exec_plugin (ctx, creds, cancellable, error))
        return NULL;
      /* The plugin's certificate, if it gave one, replaces the file's. */
      if (creds->client_certificate == NULL)
        creds->client_certificate = g_steal_pointer (&static_cert);
      creds->origin = g_strdup_printf (_("credential plugin %s"), ctx->exec->command);
      creds->renewable = TRUE;
    }
  else if (ctx->auth_provider != NULL)
    {
      const char *id_token, *refresh_token;
      gboolean can_refresh;
      gint64 exp, now;

      if (!g_str_equal (ctx->auth_provider, "oidc"))
        {
          g_set_error (error, KDCC_ERROR, KDCC_ERROR_NOT_SUPPORTED,
                       _("User “%s” authenticates through the auth-provider “%s”, which KDCC "
                         "does not support; use an exec credential plugin instead"),
                       user, ctx->auth_provider);
          return NULL;
        }
      id_token = g_hash_table_lookup (ctx->auth_provider_config, "id-token");
      refresh_token = g_hash_table_lookup (ctx->auth_provider_config, "refresh-token");
      can_refresh = refresh_token != NULL && *refresh_token != '\0';
      exp = id_token != NULL ? kdcc_kube_jwt_expiry (id_token) : 0;
      now = g_get_real_time () / G_USEC_PER_SEC;
      /* As kubectl's plugin: with a refresh-token, a missing id-token or
       * one about to expire is refreshed (in memory only, never written
       * back to the kubeconfig: kdcc-kube-oidc-refresh.h). */
      if (can_refresh
          && (id_token == NULL || *id_token == '\0'
              || (exp != 0 && exp <= now + KDCC_KUBE_OIDC_REFRESH_MARGIN_S)))
        {
          creds->token = kdcc_kube_oidc_refresh_id_token (ctx, &creds->expires_at, cancellable,
                                                          error);
          if (creds->token == NULL)
            return NULL;
          /* TRANSLATORS: where a Kubernetes credential came from; %s is a URL. */
          creds->origin = g_strdup_printf (_("OIDC id-token refreshed at %s"),
                                           (const char *) g_hash_table_lookup (
                                             ctx->auth_provider_config, "idp-issuer-url"));
          return g_steal_pointer (&creds);
        }
      if (id_token == NULL || *id_token == '\0')
        {
          g_autoptr(KdccKubeOidc) oidc = kdcc_kube_oidc_from_context (ctx);

          if (oidc != NULL)
            g_set_error (error, KDCC_ERROR, KDCC_ERROR_AUTH,
                         _("User “%s” is not signed in at %s: sign in with “kdcc-cli login "
                           "--issuer %s --client-id %s” or in KDCC's preferences, then try "
                           "again"), user, oidc->issuer, oidc->issuer, oidc->client_id);
          else
            g_set_error (error, KDCC_ERROR, KDCC_ERROR_AUTH,
                         _("User “%s” has no OIDC id-token yet: log in once with kubectl (for "
                           "example “kubectl get namespaces”), then try again"), user);
          return NULL;
        }
      if (exp != 0 && exp <= now)
        {
          g_autofree char *when = format_time (exp);

          g_set_error (error, KDCC_ERROR, KDCC_ERROR_AUTH,
                       _("The OIDC id-token of user “%s” expired at %s and its kubeconfig has "
                         "no refresh-token to renew it: sign in again with the tool that wrote "
                         "the token, then try again"), user, when);
          return NULL;
        }
      creds->token = g_strdup (id_token);
      creds->expires_at = exp;
      creds->origin = g_strdup (_("OIDC id-token"));
    }
  else if (ctx->basic_user != NULL)
    {
      creds->basic_user = g_strdup (ctx->basic_user);
      creds->basic_password = g_strdup (ctx->basic_password ? ctx->basic_password : "");
      creds->origin = g_strdup (_("user name and password"));
    }

  if (creds->origin == NULL)
    creds->origin = g_strdup (creds->client_certificate ? _("client certificate")
                                                        : _("no credentials"));
  return g_steal_pointer (&creds);
}
