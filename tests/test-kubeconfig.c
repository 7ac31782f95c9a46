/* test-kubeconfig.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * kubeconfig parsing, kubectl's merge of several files, resolving contexts
 * and obtaining credentials (tokens, token files, exec plugins run as real
 * scripts, oidc id-tokens), and the YAML reader under them.
 */
#define G_LOG_DOMAIN "test-kubeconfig"

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "kdcc-error.h"
#include "kdcc-kube-auth.h"
#include "kdcc-kubeconfig.h"
#include "kdcc-yaml.h"

static char *tmpdir;

static char *
write_file (const char *name,
            const char *contents,
            int         mode)
{
  char *path = g_build_filename (tmpdir, name, NULL);
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  g_assert_cmpint (g_chmod (path, mode), ==, 0);
  return path;
}

static KdccKubeconfig *
load_text (const char *text)
{
  g_autoptr(GError) error = NULL;
  KdccKubeconfig *ret = kdcc_kubeconfig_new_from_data (text, -1, "/tmp/kc", &error);

  g_assert_no_error (error);
  g_assert_nonnull (ret);
  return ret;
}

static const char basic_yaml[] =
  "apiVersion: v1\n"
  "kind: Config\n"
  "current-context: prod\n"
  "clusters:\n"
  "- name: prod-cluster\n"
  "  cluster:\n"
  "    server: https://k8s.example:6443/\n"
  "    certificate-authority-data: " "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==\n"
  "- name: lab\n"
  "  cluster: {server: 'http://127.0.0.1:8080', insecure-skip-tls-verify: true}\n"
  "users:\n"
  "- name: admin\n"
  "  user:\n"
  "    token: s3cret-token\n"
  "- name: anon\n"
  "  user: {}\n"
  "contexts:\n"
  "- name: prod\n"
  "  context: {cluster: prod-cluster, user: admin, namespace: rook-ceph}\n"
  "- name: lab\n"
  "  context:\n"
  "    cluster: lab\n"
  "    user: anon\n"
  "- name: broken\n"
  "  context: {cluster: nowhere, user: admin}\n";

static void
test_basic (void)
{
  g_autoptr(KdccKubeconfig) kc = load_text (basic_yaml);
  g_autoptr(KdccKubeContext) ctx = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = kdcc_kubeconfig_dup_context_names (kc);
  const char *expected[] = { "broken", "lab", "prod", NULL };

  g_assert_cmpstrv (names, expected);
  g_assert_cmpstr (kdcc_kubeconfig_get_current_context (kc), ==, "prod");

  ctx = kdcc_kubeconfig_resolve (kc, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ctx->name, ==, "prod");
  g_assert_cmpstr (ctx->server, ==, "https://k8s.example:6443");
  g_assert_cmpstr (ctx->namespace, ==, "rook-ceph");
  g_assert_cmpstr (ctx->token, ==, "s3cret-token");
  g_assert_false (ctx->insecure);
  g_assert_nonnull (ctx->ca_pem);
  g_assert_cmpmem (g_bytes_get_data (ctx->ca_pem, NULL), g_bytes_get_size (ctx->ca_pem),
                   "-----BEGIN CERTIFICATE-----\n", 28);
  g_clear_pointer (&ctx, kdcc_kube_context_free);

  ctx = kdcc_kubeconfig_resolve (kc, "lab", &error);
  g_assert_no_error (error);
  g_assert_true (ctx->insecure);
  g_assert_cmpstr (ctx->server, ==, "http://127.0.0.1:8080");
  g_assert_cmpstr (ctx->namespace, ==, "default");
  g_assert_null (ctx->token);
  g_assert_null (ctx->ca_pem);
  {
    g_autoptr(KdccKubeCredentials) creds = kdcc_kube_credentials_obtain (ctx, NULL, &error);

    g_assert_no_error (error);
    g_assert_null (creds->token);
    g_assert_null (creds->client_certificate);
  }
  g_clear_pointer (&ctx, kdcc_kube_context_free);

  ctx = kdcc_kubeconfig_resolve (kc, "broken", &error);
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "“nowhere”"));
  g_assert_null (ctx);
  g_clear_error (&error);

  ctx = kdcc_kubeconfig_resolve (kc, "staging", &error);
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT);
  /* It names the contexts there are. */
  g_assert_nonnull (strstr (error->message, "broken, lab, prod"));
}

static void
test_errors (void)
{
  static const struct { const char *yaml; const char *context; const char *needle; } cases[] = {
    { "clusters: {a: b}\n", NULL, "not a list" },
    { "clusters:\n- cluster: {server: https://x}\n", NULL, "no name" },
    { "current-context: c\ncontexts:\n- name: c\n  context: {cluster: k}\n"
      "clusters:\n- name: k\n  cluster: {}\n", NULL, "no server" },
    { "current-context: c\ncontexts:\n- name: c\n  context: {cluster: k}\n"
      "clusters:\n- name: k\n  cluster: {server: ftp://x}\n", NULL, "not an http" },
    { "current-context: c\ncontexts:\n- name: c\n  context: {cluster: k}\n"
      "clusters:\n- name: k\n  cluster: {server: 'https://x', certificate-authority-data: 'ab%'}\n",
      NULL, "not base64" },
    { "current-context: c\ncontexts:\n- name: c\n  context: {cluster: k}\n"
      "clusters:\n- name: k\n  cluster: {server: 'https://x', insecure-skip-tls-verify: maybe}\n",
      NULL, "not true or false" },
    { "current-context: c\ncontexts:\n- name: c\n  context: {cluster: k}\n"
      "clusters:\n- name: k\n  cluster: {server: 'https://x', certificate-authority: /nonexistent/ca.crt}\n",
      NULL, "/nonexistent/ca.crt" },
    { "current-context: c\ncontexts:\n- name: c\n  context: {cluster: k, user: u}\n"
      "clusters:\n- name: k\n  cluster: {server: 'https://x'}\n"
      "users:\n- name: u\n  user: {client-certificate-data: QUJD}\n", NULL, "without its key" },
    { "current-context: c\ncontexts:\n- name: c\n  context: {cluster: k, user: u}\n"
      "clusters:\n- name: k\n  cluster: {server: 'https://x'}\n"
      "users:\n- name: u\n  user: {exec: {command: foo}}\n", NULL, "no apiVersion" },
    { "contexts:\n- name: c\n  context: {cluster: k}\n", NULL, "no current context" },
    { "[1, 2\n", NULL, "line" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KdccKubeconfig) kc = kdcc_kubeconfig_new_from_data (cases[i].yaml, -1, "/tmp/kc",
                                                                    &error);
      g_autoptr(KdccKubeContext) ctx = NULL;

      if (kc != NULL)
        ctx = kdcc_kubeconfig_resolve (kc, cases[i].context, &error);
      g_assert_null (ctx);
      g_assert_nonnull (error);
      g_test_message ("case %u: %s", i, error->message);
      g_assert_nonnull (strstr (error->message, cases[i].needle));
    }
}

/* KUBECONFIG=a:missing:b as kubectl merges it: the first file wins every
 * name it defines and the first current-context wins; missing files of the
 * list are skipped. */
static void
test_merge (void)
{
  g_autofree char *a = write_file ("merge/a.yaml",
    "clusters:\n- name: shared\n  cluster: {server: 'https://first:6443'}\n"
    "users:\n- name: me\n  user: {tokenFile: tokens/me.token}\n"
    "contexts:\n- name: one\n  context: {cluster: shared, user: me}\n", 0600);
  g_autofree char *b = write_file ("merge/sub/b.yaml",
    "current-context: two\n"
    "clusters:\n- name: shared\n  cluster: {server: 'https://second:6443'}\n"
    "- name: other\n  cluster: {server: 'https://other:6443', certificate-authority: ca.pem}\n"
    "users:\n- name: me\n  user: {token: from-b}\n"
    "contexts:\n- name: one\n  context: {cluster: other, user: me}\n"
    "- name: two\n  context: {cluster: other, user: me, namespace: ns2}\n", 0600);
  g_autofree char *token = write_file ("merge/tokens/me.token", "  token-from-file\n", 0600);
  g_autofree char *ca = write_file ("merge/sub/ca.pem", "PEM", 0600);
  g_autofree char *missing = g_build_filename (tmpdir, "merge", "missing.yaml", NULL);
  g_autofree char *list = g_strjoin (":", a, missing, b, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KdccKubeconfig) kc = NULL;
  g_autoptr(KdccKubeContext) ctx = NULL;
  g_autoptr(KdccKubeCredentials) creds = NULL;

  g_setenv ("KUBECONFIG", list, TRUE);
  kc = kdcc_kubeconfig_load (NULL, &error);
  g_unsetenv ("KUBECONFIG");
  g_assert_no_error (error);

  g_assert_cmpstr (kdcc_kubeconfig_get_current_context (kc), ==, "two");
  ctx = kdcc_kubeconfig_resolve (kc, "one", &error);
  g_assert_no_error (error);
  /* a.yaml's context "one" (cluster "shared"), a.yaml's "shared". */
  g_assert_cmpstr (ctx->server, ==, "https://first:6443");
  g_assert_cmpstr (ctx->token_file, ==, token);
  g_assert_null (ctx->token);
  creds = kdcc_kube_credentials_obtain (ctx, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (creds->token, ==, "token-from-file");
  g_assert_true (creds->renewable);
  g_clear_pointer (&ctx, kdcc_kube_context_free);

  ctx = kdcc_kubeconfig_resolve (kc, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ctx->name, ==, "two");
  g_assert_cmpstr (ctx->namespace, ==, "ns2");
  /* ca.pem is relative to b.yaml's folder. */
  g_assert_cmpmem (g_bytes_get_data (ctx->ca_pem, NULL), g_bytes_get_size (ctx->ca_pem), "PEM", 3);
  g_assert_cmpstr (ctx->origin, ==, b);
  g_clear_pointer (&kc, kdcc_kubeconfig_unref);

  /* All missing is an error that says where it looked. */
  kc = kdcc_kubeconfig_load (missing, &error);
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, missing));
  g_assert_null (kc);
}

static char *
exec_kubeconfig (const char *script_name,
                 const char *script)
{
  g_autofree char *path = write_file (script_name, script, 0700);
  g_autofree char *base = g_path_get_basename (path);

  return g_strdup_printf (
    "current-context: c\n"
    "clusters:\n- name: k\n  cluster: {server: 'https://k8s:6443'}\n"
    "contexts:\n- name: c\n  context: {cluster: k, user: u}\n"
    "users:\n- name: u\n  user:\n    exec:\n"
    "      apiVersion: client.authentication.k8s.io/v1\n"
    "      command: ./%s\n"
    "      args: [--flag, value]\n"
    "      env: [{name: KDCC_PLUGIN_VAR, value: hello}]\n"
    "      provideClusterInfo: true\n"
    "      installHint: install the plugin\n", base);
}

static KdccKubeCredentials *
obtain_from (const char  *kubeconfig,
             GError     **error)
{
  g_autofree char *path = write_file ("exec.kubeconfig", kubeconfig, 0600);
  g_autoptr(KdccKubeconfig) kc = kdcc_kubeconfig_load (path, error);
  g_autoptr(KdccKubeContext) ctx = NULL;

  g_assert_nonnull (kc);
  ctx = kdcc_kubeconfig_resolve (kc, NULL, error);
  g_assert_nonnull (ctx);
  return kdcc_kube_credentials_obtain (ctx, NULL, error);
}

/* A real script as the plugin: it checks its arguments, environment and
 * KUBERNETES_EXEC_INFO, then prints an ExecCredential. */
static void
test_exec_plugin (void)
{
  g_autoptr(GDateTime) later = g_date_time_add_hours (g_date_time_new_now_utc (), 1);
  g_autofree char *stamp = g_date_time_format_iso8601 (later);
  g_autofree char *script = g_strdup_printf (
    "#!/bin/sh\n"
    "[ \"$1 $2\" = '--flag value' ] || { echo bad args >&2; exit 3; }\n"
    "[ \"$KDCC_PLUGIN_VAR\" = hello ] || { echo no env >&2; exit 3; }\n"
    "case \"$KUBERNETES_EXEC_INFO\" in *'\"server\":\"https://k8s:6443\"'*) ;; "
    "*) echo \"no cluster info: $KUBERNETES_EXEC_INFO\" >&2; exit 3;; esac\n"
    "echo '{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\","
    "\"status\":{\"token\":\"plugin-token\",\"expirationTimestamp\":\"%s\"}}'\n", stamp);
  g_autofree char *kc = exec_kubeconfig ("plugin-ok", script);
  g_autoptr(GError) error = NULL;
  g_autoptr(KdccKubeCredentials) creds = obtain_from (kc, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (creds->token, ==, "plugin-token");
  g_assert_cmpint (creds->expires_at, ==, g_date_time_to_unix (later));
  g_assert_true (creds->renewable);
}

static void
test_exec_plugin_failures (void)
{
  static const struct { const char *script; int code; const char *needle; } cases[] = {
    { "#!/bin/sh\necho 'error: you must log in' >&2\nexit 1\n", KDCC_ERROR_AUTH,
      "you must log in" },
    { "#!/bin/sh\necho '{\"apiVersion\":\"client.authentication.k8s.io/v1\","
      "\"kind\":\"ExecCredential\",\"status\":{\"token\":\"t\","
      "\"expirationTimestamp\":\"2020-01-01T00:00:00Z\"}}'\n", KDCC_ERROR_AUTH, "expired at 2020-01-01" },
    { "#!/bin/sh\necho '{\"apiVersion\":\"client.authentication.k8s.io/v1beta1\","
      "\"kind\":\"ExecCredential\",\"status\":{\"token\":\"t\"}}'\n", KDCC_ERROR_AUTH, "v1beta1" },
    { "#!/bin/sh\necho 'not json'\n", KDCC_ERROR_AUTH, "ExecCredential" },
    { "#!/bin/sh\necho '{\"apiVersion\":\"client.authentication.k8s.io/v1\","
      "\"kind\":\"ExecCredential\",\"status\":{}}'\n", KDCC_ERROR_AUTH, "neither a token" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("plugin-bad-%u", i);
      g_autofree char *kc = exec_kubeconfig (name, cases[i].script);
      g_autoptr(GError) error = NULL;
      g_autoptr(KdccKubeCredentials) creds = obtain_from (kc, &error);

      g_assert_null (creds);
      g_assert_error (error, KDCC_ERROR, cases[i].code);
      g_test_message ("case %u: %s", i, error->message);
      g_assert_nonnull (strstr (error->message, cases[i].needle));
    }

  /* A plugin that is not there names the install hint. */
  {
    g_autofree char *kc = exec_kubeconfig ("plugin-gone", "#!/bin/sh\n");
    g_autofree char *gone = g_build_filename (tmpdir, "plugin-gone", NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(KdccKubeCredentials) creds = NULL;

    g_assert_cmpint (g_unlink (gone), ==, 0);
    creds = obtain_from (kc, &error);
    g_assert_error (error, KDCC_ERROR, KDCC_ERROR_AUTH);
    g_assert_nonnull (strstr (error->message, "install the plugin"));
  }
}

static char *
make_jwt (gint64 exp)
{
  g_autofree char *payload = g_strdup_printf ("{\"iss\":\"https://idp\",\"exp\":%" G_GINT64_FORMAT "}", exp);
  g_autofree char *b64 = g_base64_encode ((const guchar *) payload, strlen (payload));

  /* base64url, unpadded, as JWTs spell it. */
  for (char *p = b64; *p; p++)
    if (*p == '+')
      *p = '-';
    else if (*p == '/')
      *p = '_';
  g_strdelimit (b64, "=", '\0');
  return g_strdup_printf ("eyJhbGciOiJSUzI1NiJ9.%s.c2ln", b64);
}

/* A port nothing listens on: bound, then closed. */
static guint16
closed_port (void)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  guint16 port = g_socket_listener_add_any_inet_port (listener, NULL, &error);

  g_assert_no_error (error);
  g_socket_listener_close (listener);
  return port;
}

static void
test_oidc (void)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *fresh = make_jwt (now + 3600);
  g_autofree char *stale = make_jwt (now - 60);
  g_autofree char *issuer = g_strdup_printf ("http://127.0.0.1:%u", closed_port ());
  /* The id-token, and whether the kubeconfig has a refresh-token. */
  const struct { const char *id_token; gboolean refresh; } cases[] = {
    { fresh, TRUE }, { stale, FALSE }, { stale, TRUE },
  };

  g_assert_cmpint (kdcc_kube_jwt_expiry (fresh), ==, now + 3600);
  g_assert_cmpint (kdcc_kube_jwt_expiry ("not.a-jwt"), ==, 0);
  g_assert_cmpint (kdcc_kube_jwt_expiry ("opaque-token"), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *yaml = g_strdup_printf (
        "current-context: c\n"
        "clusters:\n- name: k\n  cluster: {server: 'https://k8s:6443'}\n"
        "contexts:\n- name: c\n  context: {cluster: k, user: u}\n"
        "users:\n- name: u\n  user:\n    auth-provider:\n      name: oidc\n      config:\n"
        "        client-id: kdcc\n        idp-issuer-url: '%s'\n"
        "        id-token: %s\n%s", issuer, cases[i].id_token,
        cases[i].refresh ? "        refresh-token: r3fresh\n" : "");
      g_autoptr(KdccKubeconfig) kc = load_text (yaml);
      g_autoptr(GError) error = NULL;
      g_autoptr(KdccKubeContext) ctx = kdcc_kubeconfig_resolve (kc, NULL, &error);
      g_autoptr(KdccKubeCredentials) creds = NULL;

      g_assert_no_error (error);
      g_assert_cmpstr (ctx->auth_provider, ==, "oidc");
      g_assert_cmpstr (g_hash_table_lookup (ctx->auth_provider_config, "refresh-token"), ==,
                       cases[i].refresh ? "r3fresh" : NULL);
      creds = kdcc_kube_credentials_obtain (ctx, NULL, &error);
      if (i == 0)
        {
          /* Valid: used as it is, the issuer not asked. */
          g_assert_no_error (error);
          g_assert_cmpstr (creds->token, ==, fresh);
        }
      else if (i == 1)
        {
          /* Expired with nothing to refresh it. */
          g_assert_error (error, KDCC_ERROR, KDCC_ERROR_AUTH);
          g_assert_nonnull (strstr (error->message, "expired"));
          g_assert_nonnull (strstr (error->message, "refresh-token"));
          g_assert_null (creds);
        }
      else
        {
          /* Expired: refreshed at the issuer, which does not answer here
           * (the live refresh is in test-oidc-live.c). */
          g_assert_error (error, KDCC_ERROR, KDCC_ERROR_CONNECT);
          g_assert_nonnull (strstr (error->message, "“u”"));
          g_assert_nonnull (strstr (error->message, issuer));
          g_assert_null (creds);
        }
    }
}

static char *
openssl_cert (const char *name)
{
  g_autofree char *key = g_build_filename (tmpdir, "pki", name, NULL);
  g_autofree char *cert = NULL;
  g_autofree char *both = NULL;
  g_autofree char *subj = g_strdup_printf ("/CN=%s", name);
  const char *argv[] = { "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                         "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1", "-subj", subj,
                         "-keyout", NULL, "-out", NULL, NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_cmpint (g_mkdir_with_parents (key, 0700), ==, 0);
  cert = g_build_filename (key, "cert.pem", NULL);
  both = g_build_filename (key, "key.pem", NULL);
  argv[13] = both;
  argv[15] = cert;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH |
                               G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&key);
}

static void
test_client_certificate (void)
{
  g_autofree char *dir = openssl_cert ("alice");
  g_autofree char *cert_path = g_build_filename (dir, "cert.pem", NULL);
  g_autofree char *key_path = g_build_filename (dir, "key.pem", NULL);
  g_autofree char *cert = NULL;
  g_autofree char *key = NULL;
  g_autofree char *cert64 = NULL;
  g_autofree char *key64 = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (cert_path, &cert, &len, NULL));
  cert64 = g_base64_encode ((guchar *) cert, len);
  g_assert_true (g_file_get_contents (key_path, &key, &len, NULL));
  key64 = g_base64_encode ((guchar *) key, len);

  /* Inline data and files give the same certificate. */
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *yaml = i == 0
        ? g_strdup_printf ("current-context: c\n"
                           "clusters:\n- name: k\n  cluster: {server: 'https://k8s:6443'}\n"
                           "contexts:\n- name: c\n  context: {cluster: k, user: u}\n"
                           "users:\n- name: u\n  user: {client-certificate-data: %s, "
                           "client-key-data: %s}\n", cert64, key64)
        : g_strdup_printf ("current-context: c\n"
                           "clusters:\n- name: k\n  cluster: {server: 'https://k8s:6443'}\n"
                           "contexts:\n- name: c\n  context: {cluster: k, user: u}\n"
                           "users:\n- name: u\n  user: {client-certificate: '%s', "
                           "client-key: '%s'}\n", cert_path, key_path);
      g_autoptr(KdccKubeconfig) kc = load_text (yaml);
      g_autoptr(GError) error = NULL;
      g_autoptr(KdccKubeContext) ctx = kdcc_kubeconfig_resolve (kc, NULL, &error);
      g_autoptr(KdccKubeCredentials) creds = NULL;
      g_autoptr(GTlsCertificate) expected = g_tls_certificate_new_from_file (cert_path, NULL);

      g_assert_no_error (error);
      creds = kdcc_kube_credentials_obtain (ctx, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (creds->client_certificate);
      g_assert_true (g_tls_certificate_is_same (creds->client_certificate, expected));
      g_assert_null (creds->token);
      g_assert_cmpstr (creds->origin, ==, "client certificate");
    }
}

static void
test_yaml (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GPtrArray) docs = NULL;
  g_autofree char *json = NULL;
  GString *bomb;

  node = kdcc_yaml_load ("t", "a: 1\nb: '1'\nc: true\nd: ~\ne: 1.5\nf: 0x10\ng: yes\n"
                              "a: 2\nh: [x, {i: -3}]\nj: \"\"\nk: 99999999999999999999\n",
                         -1, &error);
  g_assert_no_error (error);
  json = json_to_string (node, FALSE);
  /* The first "a" wins; core schema scalars; "yes" stays a string. */
  g_assert_cmpstr (json, ==, "{\"a\":1,\"b\":\"1\",\"c\":true,\"d\":null,\"e\":1.5,\"f\":16,"
                             "\"g\":\"yes\",\"h\":[\"x\",{\"i\":-3}],\"j\":\"\","
                             "\"k\":1e+20.0}");
  /* (json-glib spells a large double that way; the value is what counts.) */
  g_assert_cmpfloat (json_object_get_double_member (json_node_get_object (node), "k"), ==, 1e20);

  docs = kdcc_yaml_load_all ("t", "---\na: 1\n---\n---\nb: 2\n...\n", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (docs->len, ==, 2);
  g_clear_pointer (&node, json_node_unref);
  node = kdcc_yaml_load ("t", "a: 1\n---\nb: 2\n", -1, &error);
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_PARSE);
  g_clear_error (&error);

  node = kdcc_yaml_load ("t", "? [a]\n: b\n", -1, &error);
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_PARSE);
  g_clear_error (&error);

  /* The billion laughs: nine levels of ten aliases each. */
  bomb = g_string_new ("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
  for (char c = 'b'; c <= 'j'; c++)
    g_string_append_printf (bomb, "%c: &%c [*%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c]\n",
                            c, c, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1);
  node = kdcc_yaml_load ("bomb", bomb->str, bomb->len, &error);
  g_string_free (bomb, TRUE);
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "expands to more than"));
  g_clear_error (&error);

  node = kdcc_yaml_load ("bad", "a: \xff\n", -1, &error);
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_PARSE);
  g_clear_error (&error);

  {
    GString *deep = g_string_new ("");

    for (int i = 0; i < 200; i++)
      g_string_append_c (deep, '[');
    node = kdcc_yaml_load ("deep", deep->str, deep->len, &error);
    g_string_free (deep, TRUE);
    g_assert_null (node);
    g_assert_error (error, KDCC_ERROR, KDCC_ERROR_PARSE);
  }
}

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  if (dir != NULL)
    g_dir_close (dir);
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("kdcc-kubeconfig-XXXXXX", NULL);
  g_assert_nonnull (tmpdir);

  g_test_add_func ("/kubeconfig/basic", test_basic);
  g_test_add_func ("/kubeconfig/errors", test_errors);
  g_test_add_func ("/kubeconfig/merge", test_merge);
  g_test_add_func ("/kubeconfig/exec-plugin", test_exec_plugin);
  g_test_add_func ("/kubeconfig/exec-plugin-failures", test_exec_plugin_failures);
  g_test_add_func ("/kubeconfig/oidc", test_oidc);
  g_test_add_func ("/kubeconfig/client-certificate", test_client_certificate);
  g_test_add_func ("/kubeconfig/yaml", test_yaml);

  ret = g_test_run ();
  remove_tree (tmpdir);
  g_free (tmpdir);
  return ret;
}
