/* kdcc-kubeconfig.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* kubeconfig files as kubectl reads them.
 *
 * Several files (KUBECONFIG=a:b:c) merge the way kubectl merges them: for
 * every named cluster, user and context the first file that defines the
 * name wins, and so does the first non-empty current-context. Paths inside a
 * file (certificate-authority, client-certificate, client-key, tokenFile,
 * an exec command with a slash) are relative to that file's folder.
 *
 * Parsing does no I/O beyond reading the files themselves; resolving a
 * context (kdcc_kubeconfig_resolve) reads the certificate and key files it
 * names, so a missing file is reported with the context, not at the first
 * request. Errors are KDCC_ERROR_PARSE (a damaged file, with its name) or
 * KDCC_ERROR_INVALID_INPUT (a context, cluster or user that is missing or
 * incomplete, with what is missing). */

typedef struct _KdccKubeconfig KdccKubeconfig;

/* An `exec` credential plugin (client.authentication.k8s.io). */
typedef struct
{
  char     *api_version;          /* "client.authentication.k8s.io/v1" */
  char     *command;              /* absolute when the file gave a relative path with a slash */
  GStrv     args;                 /* may be NULL */
  GStrv     env;                  /* "NAME=VALUE" entries; may be NULL */
  char     *install_hint;
  gboolean  provide_cluster_info;
  char     *interactive_mode;     /* "Never", "IfAvailable", "Always" or NULL */
} KdccKubeExec;

/* One context with its cluster and user, ready to connect. */
typedef struct
{
  char         *name;              /* the context */
  char         *cluster_name;
  char         *user_name;
  char         *origin;            /* the file that defined the context */

  /* cluster */
  char         *server;            /* "https://host:6443", without a trailing slash */
  char         *tls_server_name;
  GBytes       *ca_pem;            /* certificate-authority(-data); NULL: the system CAs */
  gboolean      insecure;          /* insecure-skip-tls-verify */

  char         *namespace;         /* the context's, "default" when it has none */

  /* user: at most one of token/token_file, exec, auth_provider is used, in
   * that order of preference, plus an optional client certificate. */
  char         *token;
  char         *token_file;
  GBytes       *client_cert_pem;   /* client-certificate(-data) */
  GBytes       *client_key_pem;    /* client-key(-data) */
  char         *basic_user;
  char         *basic_password;
  KdccKubeExec *exec;
  char         *auth_provider;     /* e.g. "oidc" */
  GHashTable   *auth_provider_config; /* string → string, NULL without a provider */

  /* Not from the kubeconfig: a connection set to sign in with SSO (the
   * profile's issuer and client id) presents the ID token of KDCC's
   * account there instead of the user's credentials above
   * (kdcc-kube-oidc.h). NULL: off. */
  char         *sso_issuer;
  char         *sso_client_id;
} KdccKubeContext;

KdccKubeconfig  *kdcc_kubeconfig_new_from_data      (const char       *data,
                                                     gssize            length,
                                                     const char       *path,
                                                     GError          **error);
/* PATHS: a colon-separated list as in KUBECONFIG, or NULL for $KUBECONFIG,
 * or ~/.kube/config when that is unset or empty. As with kubectl, files of
 * a list that do not exist are skipped, but at least one must exist. */
KdccKubeconfig  *kdcc_kubeconfig_load               (const char       *paths,
                                                     GError          **error);
KdccKubeconfig  *kdcc_kubeconfig_ref                (KdccKubeconfig   *self);
void             kdcc_kubeconfig_unref              (KdccKubeconfig   *self);

/* Adds OTHER's entries that SELF does not define (SELF came first). */
void             kdcc_kubeconfig_merge              (KdccKubeconfig   *self,
                                                     KdccKubeconfig   *other);

const char      *kdcc_kubeconfig_get_current_context (KdccKubeconfig  *self);
/* Sorted; never NULL. */
GStrv            kdcc_kubeconfig_dup_context_names  (KdccKubeconfig   *self);
/* CONTEXT: NULL for the current context. */
KdccKubeContext *kdcc_kubeconfig_resolve            (KdccKubeconfig   *self,
                                                     const char       *context,
                                                     GError          **error);

KdccKubeContext *kdcc_kube_context_copy             (const KdccKubeContext *context);
void             kdcc_kube_context_free             (KdccKubeContext  *context);
void             kdcc_kube_exec_free                (KdccKubeExec     *exec);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdccKubeconfig, kdcc_kubeconfig_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdccKubeContext, kdcc_kube_context_free)

G_END_DECLS
