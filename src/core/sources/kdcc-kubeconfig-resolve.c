/* kdcc-kubeconfig-resolve.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One kubeconfig context with its cluster and user into a KdccKubeContext:
 * inline data decoded, files named by the kubeconfig read (bounded), paths
 * made absolute against the file that named them.
 */
#define G_LOG_DOMAIN "kdcc-kubeconfig"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kdcc-error.h"
#include "kdcc-kubeconfig-private.h"

/* Certificate, key and token files named by a kubeconfig. */
#define MAX_CREDENTIAL_FILE_BYTES (1024 * 1024)

/* A member that must be a string when present. Sets *out to NULL when
 * absent or null. */
static gboolean
get_string (JsonObject   *object,
            const char   *member,
            const char   *what,
            const Entry  *entry,
            const char  **out,
            GError      **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_PARSE,
                   _("%s: “%s” of %s is not a string"), entry->origin, member, what);
      return FALSE;
    }
  *out = json_node_get_string (node);
  if (**out == '\0')
    *out = NULL;
  return TRUE;
}

static gboolean
get_bool (JsonObject   *object,
          const char   *member,
          const char   *what,
          const Entry  *entry,
          gboolean     *out,
          GError      **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = FALSE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    {
      *out = json_node_get_boolean (node);
      return TRUE;
    }
  /* A quoted "true" is what some generators write. */
  if (json_node_get_value_type (node) == G_TYPE_STRING &&
      (g_str_equal (json_node_get_string (node), "true") ||
       g_str_equal (json_node_get_string (node), "false")))
    {
      *out = g_str_equal (json_node_get_string (node), "true");
      return TRUE;
    }
  g_set_error (error, KDCC_ERROR, KDCC_ERROR_PARSE,
               _("%s: “%s” of %s is not true or false"), entry->origin, member, what);
  return FALSE;
}

static char *
absolute_path (const Entry *entry,
               const char  *path)
{
  return g_canonicalize_filename (path, entry->dir);
}

static GBytes *
read_credential_file (const Entry  *entry,
                      const char   *path,
                      const char   *member,
                      const char   *what,
                      GError      **error)
{
  g_autofree char *abs = absolute_path (entry, path);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GMappedFile) mapped = g_mapped_file_new (abs, FALSE, &local_error);

  if (mapped == NULL)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("Cannot read %s of %s (named in %s): %s"), member, what, entry->origin,
                   local_error->message);
      return NULL;
    }
  if (g_mapped_file_get_length (mapped) > MAX_CREDENTIAL_FILE_BYTES)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("%s of %s (%s) is larger than %d KiB"), member, what, abs,
                   MAX_CREDENTIAL_FILE_BYTES / 1024);
      return NULL;
    }
  return g_bytes_new (g_mapped_file_get_contents (mapped), g_mapped_file_get_length (mapped));
}

static GBytes *
decode_base64 (const Entry  *entry,
               const char   *text,
               const char   *member,
               const char   *what,
               GError      **error)
{
  g_autofree char *copy = NULL;
  guchar *data;
  gsize len = 0;
  gsize j = 0;

  /* g_base64_decode() skips what it does not know; a truncated or
   * mistyped value must fail here instead of as a TLS error later. */
  copy = g_malloc (strlen (text) + 1);
  for (const char *p = text; *p; p++)
    {
      if (g_ascii_isspace (*p))
        continue;
      if (!g_ascii_isalnum (*p) && *p != '+' && *p != '/' && *p != '=')
        {
          g_set_error (error, KDCC_ERROR, KDCC_ERROR_PARSE,
                       _("%s: %s of %s is not base64"), entry->origin, member, what);
          return NULL;
        }
      copy[j++] = *p;
    }
  copy[j] = '\0';
  if (j == 0 || j % 4 != 0)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_PARSE,
                   _("%s: %s of %s is not base64"), entry->origin, member, what);
      return NULL;
    }
  data = g_base64_decode (copy, &len);
  return g_bytes_new_take (data, len);
}

/* MEMBER-data (base64) or MEMBER (a file), the data winning as in kubectl. */
static gboolean
get_data_or_file (JsonObject   *object,
                  const char   *member,
                  const char   *what,
                  const Entry  *entry,
                  GBytes      **out,
                  GError      **error)
{
  g_autofree char *data_member = g_strconcat (member, "-data", NULL);
  const char *data = NULL;
  const char *file = NULL;

  if (!get_string (object, data_member, what, entry, &data, error) ||
      !get_string (object, member, what, entry, &file, error))
    return FALSE;
  if (data != NULL)
    *out = decode_base64 (entry, data, data_member, what, error);
  else if (file != NULL)
    *out = read_credential_file (entry, file, member, what, error);
  else
    return TRUE;
  return *out != NULL;
}

static gboolean
resolve_exec (KdccKubeContext  *ctx,
              JsonObject       *exec,
              const Entry      *entry,
              const char       *what,
              GError          **error)
{
  KdccKubeExec *ret = g_new0 (KdccKubeExec, 1);
  const char *command = NULL;
  const char *api_version = NULL;
  const char *hint = NULL;
  const char *mode = NULL;
  JsonNode *node;

  ctx->exec = ret;
  if (!get_string (exec, "command", what, entry, &command, error) ||
      !get_string (exec, "apiVersion", what, entry, &api_version, error) ||
      !get_string (exec, "installHint", what, entry, &hint, error) ||
      !get_string (exec, "interactiveMode", what, entry, &mode, error) ||
      !get_bool (exec, "provideClusterInfo", what, entry, &ret->provide_cluster_info, error))
    return FALSE;
  if (command == NULL)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("The exec credential plugin of %s (in %s) has no command"), what,
                   entry->origin);
      return FALSE;
    }
  if (api_version == NULL)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("The exec credential plugin of %s (in %s) has no apiVersion"), what,
                   entry->origin);
      return FALSE;
    }
  /* As kubectl: a command with a slash is a path relative to the file;
   * a bare name is looked up in PATH when it runs. */
  if (strchr (command, '/') != NULL)
    ret->command = absolute_path (entry, command);
  else
    ret->command = g_strdup (command);
  ret->api_version = g_strdup (api_version);
  ret->install_hint = g_strdup (hint);
  ret->interactive_mode = g_strdup (mode);

  node = json_object_get_member (exec, "args");
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *args = json_node_get_array (node);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      for (guint i = 0; i < json_array_get_length (args); i++)
        {
          JsonNode *arg = json_array_get_element (args, i);

          if (json_node_get_value_type (arg) != G_TYPE_STRING)
            {
              g_set_error (error, KDCC_ERROR, KDCC_ERROR_PARSE,
                           _("%s: argument %u of the exec plugin of %s is not a string"),
                           entry->origin, i + 1, what);
              return FALSE;
            }
          g_strv_builder_add (builder, json_node_get_string (arg));
        }
      ret->args = g_strv_builder_end (builder);
    }

  node = json_object_get_member (exec, "env");
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *env = json_node_get_array (node);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      for (guint i = 0; i < json_array_get_length (env); i++)
        {
          JsonNode *var = json_array_get_element (env, i);
          const char *name = NULL;
          const char *value = NULL;

          if (!JSON_NODE_HOLDS_OBJECT (var) ||
              !get_string (json_node_get_object (var), "name", what, entry, &name, error) ||
              !get_string (json_node_get_object (var), "value", what, entry, &value, error) ||
              name == NULL || strchr (name, '=') != NULL)
            {
              if (error == NULL || *error == NULL)
                g_set_error (error, KDCC_ERROR, KDCC_ERROR_PARSE,
                             _("%s: variable %u of the exec plugin of %s has no valid name"),
                             entry->origin, i + 1, what);
              return FALSE;
            }
          {
            g_autofree char *kv = g_strconcat (name, "=", value ? value : "", NULL);

            g_strv_builder_add (builder, kv);
          }
        }
      ret->env = g_strv_builder_end (builder);
    }
  return TRUE;
}

static gboolean
resolve_auth_provider (KdccKubeContext  *ctx,
                       JsonObject       *provider,
                       const Entry      *entry,
                       const char       *what,
                       GError          **error)
{
  const char *name = NULL;
  JsonNode *config;

  if (!get_string (provider, "name", what, entry, &name, error))
    return FALSE;
  if (name == NULL)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("The auth-provider of %s (in %s) has no name"), what, entry->origin);
      return FALSE;
    }
  ctx->auth_provider = g_strdup (name);
  ctx->auth_provider_config = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  config = json_object_get_member (provider, "config");
  if (config != NULL && JSON_NODE_HOLDS_OBJECT (config))
    {
      JsonObjectIter iter;
      const char *key;
      JsonNode *value;

      json_object_iter_init (&iter, json_node_get_object (config));
      while (json_object_iter_next (&iter, &key, &value))
        if (json_node_get_value_type (value) == G_TYPE_STRING)
          g_hash_table_insert (ctx->auth_provider_config, g_strdup (key),
                               g_strdup (json_node_get_string (value)));
    }
  return TRUE;
}

static gboolean
resolve_user (KdccKubeContext  *ctx,
              const Entry      *entry,
              GError          **error)
{
  g_autofree char *what = g_strdup_printf (_("user “%s”"), ctx->user_name);
  JsonObject *user = entry->object;
  const char *token = NULL;
  const char *token_file = NULL;
  const char *basic_user = NULL;
  const char *basic_password = NULL;
  JsonNode *node;

  if (!get_string (user, "token", what, entry, &token, error) ||
      !get_string (user, "tokenFile", what, entry, &token_file, error) ||
      !get_string (user, "username", what, entry, &basic_user, error) ||
      !get_string (user, "password", what, entry, &basic_password, error) ||
      !get_data_or_file (user, "client-certificate", what, entry, &ctx->client_cert_pem, error) ||
      !get_data_or_file (user, "client-key", what, entry, &ctx->client_key_pem, error))
    return FALSE;
  ctx->token = g_strdup (token);
  if (token_file != NULL)
    ctx->token_file = absolute_path (entry, token_file);
  ctx->basic_user = g_strdup (basic_user);
  ctx->basic_password = g_strdup (basic_password);

  if ((ctx->client_cert_pem == NULL) != (ctx->client_key_pem == NULL))
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("The %s (in %s) has a client certificate without its key, or a key "
                     "without its certificate"), what, entry->origin);
      return FALSE;
    }

  node = json_object_get_member (user, "exec");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node) &&
      !resolve_exec (ctx, json_node_get_object (node), entry, what, error))
    return FALSE;
  node = json_object_get_member (user, "auth-provider");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node) &&
      !resolve_auth_provider (ctx, json_node_get_object (node), entry, what, error))
    return FALSE;
  return TRUE;
}

static gboolean
resolve_cluster (KdccKubeContext  *ctx,
                 const Entry      *entry,
                 GError          **error)
{
  g_autofree char *what = g_strdup_printf (_("cluster “%s”"), ctx->cluster_name);
  const char *server = NULL;
  const char *tls_server_name = NULL;
  gsize len;

  if (!get_string (entry->object, "server", what, entry, &server, error) ||
      !get_string (entry->object, "tls-server-name", what, entry, &tls_server_name, error) ||
      !get_bool (entry->object, "insecure-skip-tls-verify", what, entry, &ctx->insecure, error) ||
      !get_data_or_file (entry->object, "certificate-authority", what, entry, &ctx->ca_pem, error))
    return FALSE;
  if (server == NULL)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("The %s (in %s) has no server address"), what, entry->origin);
      return FALSE;
    }
  if (!g_str_has_prefix (server, "https://") && !g_str_has_prefix (server, "http://"))
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("The server “%s” of %s (in %s) is not an http:// or https:// address"),
                   server, what, entry->origin);
      return FALSE;
    }
  ctx->server = g_strdup (server);
  len = strlen (ctx->server);
  while (len > 0 && ctx->server[len - 1] == '/')
    ctx->server[--len] = '\0';
  ctx->tls_server_name = g_strdup (tls_server_name);
  return TRUE;
}

KdccKubeContext *
kdcc_kubeconfig_resolve (KdccKubeconfig  *self,
                         const char      *context,
                         GError         **error)
{
  g_autoptr(KdccKubeContext) ctx = NULL;
  g_autofree char *what = NULL;
  const char *cluster = NULL;
  const char *user = NULL;
  const char *namespace = NULL;
  const Entry *entry;

  g_return_val_if_fail (self != NULL, NULL);

  if (context == NULL || *context == '\0')
    context = self->current_context;
  if (context == NULL)
    {
      g_auto(GStrv) names = kdcc_kubeconfig_dup_context_names (self);
      g_autofree char *list = g_strjoinv (", ", names);

      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("The kubeconfig has no current context; choose one of: %s"),
                   *list ? list : _("(none)"));
      return NULL;
    }

  entry = g_hash_table_lookup (self->contexts, context);
  if (entry == NULL)
    {
      g_auto(GStrv) names = kdcc_kubeconfig_dup_context_names (self);
      g_autofree char *list = g_strjoinv (", ", names);

      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("The kubeconfig has no context “%s”; it has: %s"), context,
                   *list ? list : _("(none)"));
      return NULL;
    }

  ctx = g_new0 (KdccKubeContext, 1);
  ctx->name = g_strdup (context);
  ctx->origin = g_strdup (entry->origin);
  what = g_strdup_printf (_("context “%s”"), context);
  if (!get_string (entry->object, "cluster", what, entry, &cluster, error) ||
      !get_string (entry->object, "user", what, entry, &user, error) ||
      !get_string (entry->object, "namespace", what, entry, &namespace, error))
    return NULL;
  ctx->namespace = g_strdup (namespace ? namespace : "default");

  if (cluster == NULL)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("The context “%s” (in %s) names no cluster"), context, entry->origin);
      return NULL;
    }
  ctx->cluster_name = g_strdup (cluster);
  entry = g_hash_table_lookup (self->clusters, cluster);
  if (entry == NULL)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("The context “%s” names the cluster “%s”, which no kubeconfig file "
                     "defines"), context, cluster);
      return NULL;
    }
  if (!resolve_cluster (ctx, entry, error))
    return NULL;

  /* A context without a user connects anonymously, as kubectl does. */
  if (user != NULL)
    {
      ctx->user_name = g_strdup (user);
      entry = g_hash_table_lookup (self->users, user);
      if (entry == NULL)
        {
          g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                       _("The context “%s” names the user “%s”, which no kubeconfig file "
                         "defines"), context, user);
          return NULL;
        }
      if (!resolve_user (ctx, entry, error))
        return NULL;
    }
  return g_steal_pointer (&ctx);
}

void
kdcc_kube_exec_free (KdccKubeExec *exec)
{
  if (exec == NULL)
    return;
  g_free (exec->api_version);
  g_free (exec->command);
  g_strfreev (exec->args);
  g_strfreev (exec->env);
  g_free (exec->install_hint);
  g_free (exec->interactive_mode);
  g_free (exec);
}

static void
free_secret (char *secret)
{
  if (secret != NULL)
    memset (secret, 0, strlen (secret));
  g_free (secret);
}

void
kdcc_kube_context_free (KdccKubeContext *ctx)
{
  if (ctx == NULL)
    return;
  g_free (ctx->name);
  g_free (ctx->cluster_name);
  g_free (ctx->user_name);
  g_free (ctx->origin);
  g_free (ctx->server);
  g_free (ctx->tls_server_name);
  g_clear_pointer (&ctx->ca_pem, g_bytes_unref);
  g_free (ctx->namespace);
  free_secret (ctx->token);
  g_free (ctx->token_file);
  g_clear_pointer (&ctx->client_cert_pem, g_bytes_unref);
  g_clear_pointer (&ctx->client_key_pem, g_bytes_unref);
  g_free (ctx->basic_user);
  free_secret (ctx->basic_password);
  kdcc_kube_exec_free (ctx->exec);
  g_free (ctx->auth_provider);
  g_clear_pointer (&ctx->auth_provider_config, g_hash_table_unref);
  g_free (ctx->sso_issuer);
  g_free (ctx->sso_client_id);
  g_free (ctx);
}

static KdccKubeExec *
exec_copy (const KdccKubeExec *exec)
{
  KdccKubeExec *ret;

  if (exec == NULL)
    return NULL;
  ret = g_new0 (KdccKubeExec, 1);
  ret->api_version = g_strdup (exec->api_version);
  ret->command = g_strdup (exec->command);
  ret->args = g_strdupv (exec->args);
  ret->env = g_strdupv (exec->env);
  ret->install_hint = g_strdup (exec->install_hint);
  ret->provide_cluster_info = exec->provide_cluster_info;
  ret->interactive_mode = g_strdup (exec->interactive_mode);
  return ret;
}

KdccKubeContext *
kdcc_kube_context_copy (const KdccKubeContext *ctx)
{
  KdccKubeContext *ret;

  g_return_val_if_fail (ctx != NULL, NULL);

  ret = g_new0 (KdccKubeContext, 1);
  ret->name = g_strdup (ctx->name);
  ret->cluster_name = g_strdup (ctx->cluster_name);
  ret->user_name = g_strdup (ctx->user_name);
  ret->origin = g_strdup (ctx->origin);
  ret->server = g_strdup (ctx->server);
  ret->tls_server_name = g_strdup (ctx->tls_server_name);
  ret->ca_pem = ctx->ca_pem ? g_bytes_ref (ctx->ca_pem) : NULL;
  ret->insecure = ctx->insecure;
  ret->namespace = g_strdup (ctx->namespace);
  ret->token = g_strdup (ctx->token);
  ret->token_file = g_strdup (ctx->token_file);
  ret->client_cert_pem = ctx->client_cert_pem ? g_bytes_ref (ctx->client_cert_pem) : NULL;
  ret->client_key_pem = ctx->client_key_pem ? g_bytes_ref (ctx->client_key_pem) : NULL;
  ret->basic_user = g_strdup (ctx->basic_user);
  ret->basic_password = g_strdup (ctx->basic_password);
  ret->exec = exec_copy (ctx->exec);
  ret->auth_provider = g_strdup (ctx->auth_provider);
  ret->sso_issuer = g_strdup (ctx->sso_issuer);
  ret->sso_client_id = g_strdup (ctx->sso_client_id);
  if (ctx->auth_provider_config != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      ret->auth_provider_config = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_iter_init (&iter, ctx->auth_provider_config);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_insert (ret->auth_provider_config, g_strdup (key), g_strdup (value));
    }
  return ret;
}
