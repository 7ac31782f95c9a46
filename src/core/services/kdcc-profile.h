/* kdcc-profile.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kdcc-source.h"

G_BEGIN_DECLS

typedef enum
{
  KDCC_PROFILE_KIND_DIRECT,      /* ceph.conf + keyring + client name, librados */
  KDCC_PROFILE_KIND_DASHBOARD,   /* Ceph Dashboard REST API URL + user */
  KDCC_PROFILE_KIND_KUBERNETES,  /* kubeconfig context + Rook namespace (later issue) */
} KdccProfileKind;

#define KDCC_TYPE_PROFILE (kdcc_profile_get_type ())

G_DECLARE_FINAL_TYPE (KdccProfile, kdcc_profile, KDCC, PROFILE, GObject)

/* How to reach one cluster. A profile never holds a password: that lives
 * in the Secret Service (KdccSecretStore), keyed by the profile id.
 *
 * Properties: "id" (string, construct-only; generated uuid when NULL),
 * "name" (display name), "kind" (KdccProfileKind),
 * direct: "conf-path", "keyring-path", "client-id" (default "admin");
 * dashboard: "url", "user", "trusted-fingerprint" (SHA-256 of a
 * certificate the user explicitly trusted, or NULL);
 * kubernetes: "kubeconfig" (paths as in KUBECONFIG; NULL: found as kubectl
 * finds it, KUBECONFIG or ~/.kube/config), "kube-context", "rook-namespace"
 * (NULL: any namespace), and "user" when the dashboard user is not Rook's
 * "admin", and "sso-issuer" + "sso-client-id" to sign in with SSO: the
 * Kubernetes API then gets the ID token of KDCC's account at that OpenID
 * provider and client (kdcc-oidc-accounts.h) instead of the kubeconfig
 * user's credentials (both NULL: off; validate wants both or neither);
 * any kind: "prometheus-url" (the Prometheus server keeping the cluster's
 * history, or NULL to look for the Dashboard's PROMETHEUS_API_HOST). */
KdccProfile     *kdcc_profile_new                 (KdccProfileKind   kind);
const char      *kdcc_profile_get_id              (KdccProfile      *self);
const char      *kdcc_profile_get_name            (KdccProfile      *self);
KdccProfileKind  kdcc_profile_get_kind            (KdccProfile      *self);
const char      *kdcc_profile_get_conf_path       (KdccProfile      *self);
const char      *kdcc_profile_get_keyring_path    (KdccProfile      *self);
const char      *kdcc_profile_get_client_id       (KdccProfile      *self);
const char      *kdcc_profile_get_url             (KdccProfile      *self);
const char      *kdcc_profile_get_user            (KdccProfile      *self);
const char      *kdcc_profile_get_trusted_fingerprint (KdccProfile  *self);

/* Setters for the fields a user edits. Each notifies only on change.
 * kdcc_profile_set_client_id() accepts "client.admin" as well as "admin"
 * and stores the bare id, which is what librados expects. */
void             kdcc_profile_set_name            (KdccProfile      *self,
                                                   const char       *name);
void             kdcc_profile_set_conf_path       (KdccProfile      *self,
                                                   const char       *conf_path);
void             kdcc_profile_set_keyring_path    (KdccProfile      *self,
                                                   const char       *keyring_path);
void             kdcc_profile_set_client_id       (KdccProfile      *self,
                                                   const char       *client_id);
void             kdcc_profile_set_url             (KdccProfile      *self,
                                                   const char       *url);
void             kdcc_profile_set_user            (KdccProfile      *self,
                                                   const char       *user);
void             kdcc_profile_set_trusted_fingerprint (KdccProfile  *self,
                                                   const char       *fingerprint);
const char      *kdcc_profile_get_kubeconfig      (KdccProfile      *self);
void             kdcc_profile_set_kubeconfig      (KdccProfile      *self,
                                                   const char       *kubeconfig);
const char      *kdcc_profile_get_kube_context    (KdccProfile      *self);
void             kdcc_profile_set_kube_context    (KdccProfile      *self,
                                                   const char       *kube_context);
const char      *kdcc_profile_get_rook_namespace  (KdccProfile      *self);
void             kdcc_profile_set_rook_namespace  (KdccProfile      *self,
                                                   const char       *rook_namespace);
const char      *kdcc_profile_get_sso_issuer      (KdccProfile      *self);
const char      *kdcc_profile_get_sso_client_id   (KdccProfile      *self);
void             kdcc_profile_set_sso             (KdccProfile      *self,
                                                   const char       *issuer,
                                                   const char       *client_id);
const char      *kdcc_profile_get_prometheus_url  (KdccProfile      *self);
void             kdcc_profile_set_prometheus_url  (KdccProfile      *self,
                                                   const char       *prometheus_url);

guint            kdcc_profile_get_max_body_mb     (KdccProfile      *self);
void             kdcc_profile_set_max_body_mb     (KdccProfile      *self,
                                                   guint             max_body_mb);
/* The cluster's fsid as last seen through this profile (NULL until it
 * connected once): tells that a cluster being added is already saved. */
const char      *kdcc_profile_get_fsid            (KdccProfile      *self);
void             kdcc_profile_set_fsid            (KdccProfile      *self,
                                                   const char       *fsid);
/* The name to show: "name" when set, else a name from the cluster, never
 * a file path: for a direct profile its Ceph cluster name (the conf file's
 * "<cluster>.conf") and first mon host, "ceph at 10.0.0.1"; for a
 * Dashboard profile the Dashboard's host; for Kubernetes the context.
 * Used by the sidebar, the window title and kdcc-cli status. */
char            *kdcc_profile_dup_display_name    (KdccProfile      *self);
/* The "ceph at 10.0.0.1" part for CONF_PATH, from the file name and its
 * mon_host (or mon_host in [mon], or the first [mon.X] mon addr); NULL
 * when the file cannot be read or names no mon. */
char            *kdcc_profile_dup_name_from_conf  (const char       *conf_path);

/* Stable lower-case names of the kinds ("direct", "dashboard",
 * "kubernetes"), used in profiles.ini and the Secret Service attributes.
 * from_string returns FALSE for an unknown name. */
const char      *kdcc_profile_kind_to_string      (KdccProfileKind   kind);
gboolean         kdcc_profile_kind_from_string    (const char       *str,
                                                   KdccProfileKind  *kind);

/* Checks the fields a user typed (paths exist and are readable, URL is
 * http(s) with a host, user not empty, ...). Returns FALSE with a
 * KDCC_ERROR_INVALID_INPUT error naming the field. */
gboolean         kdcc_profile_validate            (KdccProfile      *self,
                                                   GError          **error);

/* Builds the source for this profile. password is needed for dashboard
 * profiles and ignored otherwise. */
KdccSource      *kdcc_profile_create_source       (KdccProfile      *self,
                                                   const char       *password,
                                                   GError          **error);

G_END_DECLS
