/* kdcc-profile.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-profile"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdcc-dashboard-source.h"
#include "kdcc-enums.h"
#include "kdcc-error.h"
#include "kdcc-kube-source.h"
#include "kdcc-profile.h"
#include "kdcc-rados-source.h"

struct _KdccProfile
{
  GObject          parent_instance;

  char            *id;
  char            *name;
  KdccProfileKind  kind;

  char            *conf_path;
  char            *keyring_path;
  char            *client_id;

  char            *url;
  char            *user;
  char            *trusted_fingerprint;

  char            *kubeconfig;
  char            *kube_context;
  char            *rook_namespace;
  char            *sso_issuer;
  char            *sso_client_id;

  char            *prometheus_url;

  guint            max_body_mb;

  char            *fsid;
};

G_DEFINE_FINAL_TYPE (KdccProfile, kdcc_profile, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_KIND,
  PROP_CONF_PATH,
  PROP_KEYRING_PATH,
  PROP_CLIENT_ID,
  PROP_URL,
  PROP_USER,
  PROP_TRUSTED_FINGERPRINT,
  PROP_KUBECONFIG,
  PROP_KUBE_CONTEXT,
  PROP_ROOK_NAMESPACE,
  PROP_SSO_ISSUER,
  PROP_SSO_CLIENT_ID,
  PROP_PROMETHEUS_URL,
  PROP_MAX_BODY_MB,
  PROP_FSID,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

#define DEFAULT_CLIENT_ID "admin"

/* Sets *field to a copy of value, treating "" like NULL so an emptied
 * entry means "not set", and notifies when it changed. */
static void
set_string (KdccProfile  *self,
            char        **field,
            const char   *value,
            guint         prop_id)
{
  if (value != NULL && value[0] == '\0')
    value = NULL;

  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
kdcc_profile_constructed (GObject *object)
{
  KdccProfile *self = KDCC_PROFILE (object);

  G_OBJECT_CLASS (kdcc_profile_parent_class)->constructed (object);

  if (self->id == NULL)
    self->id = g_uuid_string_random ();
}

static void
kdcc_profile_finalize (GObject *object)
{
  KdccProfile *self = KDCC_PROFILE (object);

  g_free (self->id);
  g_free (self->name);
  g_free (self->fsid);
  g_free (self->conf_path);
  g_free (self->keyring_path);
  g_free (self->client_id);
  g_free (self->url);
  g_free (self->user);
  g_free (self->trusted_fingerprint);
  g_free (self->kubeconfig);
  g_free (self->kube_context);
  g_free (self->rook_namespace);
  g_free (self->sso_issuer);
  g_free (self->sso_client_id);
  g_free (self->prometheus_url);

  G_OBJECT_CLASS (kdcc_profile_parent_class)->finalize (object);
}

static void
kdcc_profile_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  KdccProfile *self = KDCC_PROFILE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_CONF_PATH:
      g_value_set_string (value, self->conf_path);
      break;
    case PROP_KEYRING_PATH:
      g_value_set_string (value, self->keyring_path);
      break;
    case PROP_CLIENT_ID:
      g_value_set_string (value, kdcc_profile_get_client_id (self));
      break;
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;
    case PROP_USER:
      g_value_set_string (value, self->user);
      break;
    case PROP_TRUSTED_FINGERPRINT:
      g_value_set_string (value, self->trusted_fingerprint);
      break;
    case PROP_KUBECONFIG:
      g_value_set_string (value, self->kubeconfig);
      break;
    case PROP_KUBE_CONTEXT:
      g_value_set_string (value, self->kube_context);
      break;
    case PROP_ROOK_NAMESPACE:
      g_value_set_string (value, self->rook_namespace);
      break;
    case PROP_SSO_ISSUER:
      g_value_set_string (value, self->sso_issuer);
      break;
    case PROP_SSO_CLIENT_ID:
      g_value_set_string (value, self->sso_client_id);
      break;
    case PROP_PROMETHEUS_URL:
      g_value_set_string (value, self->prometheus_url);
      break;

    case PROP_MAX_BODY_MB:
      g_value_set_uint (value, self->max_body_mb);
      break;
    case PROP_FSID:
      g_value_set_string (value, self->fsid);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_profile_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  KdccProfile *self = KDCC_PROFILE (object);

  switch (prop_id)
    {
    case PROP_ID:
      /* Construct-only: an empty id is as good as none. */
      g_free (self->id);
      self->id = g_strdup (g_value_get_string (value));
      if (self->id != NULL && self->id[0] == '\0')
        g_clear_pointer (&self->id, g_free);
      break;
    case PROP_NAME:
      kdcc_profile_set_name (self, g_value_get_string (value));
      break;
    case PROP_KIND:
      if (self->kind != (KdccProfileKind) g_value_get_enum (value))
        {
          self->kind = g_value_get_enum (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_CONF_PATH:
      kdcc_profile_set_conf_path (self, g_value_get_string (value));
      break;
    case PROP_KEYRING_PATH:
      kdcc_profile_set_keyring_path (self, g_value_get_string (value));
      break;
    case PROP_CLIENT_ID:
      kdcc_profile_set_client_id (self, g_value_get_string (value));
      break;
    case PROP_URL:
      kdcc_profile_set_url (self, g_value_get_string (value));
      break;
    case PROP_USER:
      kdcc_profile_set_user (self, g_value_get_string (value));
      break;
    case PROP_TRUSTED_FINGERPRINT:
      kdcc_profile_set_trusted_fingerprint (self, g_value_get_string (value));
      break;
    case PROP_KUBECONFIG:
      kdcc_profile_set_kubeconfig (self, g_value_get_string (value));
      break;
    case PROP_KUBE_CONTEXT:
      kdcc_profile_set_kube_context (self, g_value_get_string (value));
      break;
    case PROP_ROOK_NAMESPACE:
      kdcc_profile_set_rook_namespace (self, g_value_get_string (value));
      break;
    case PROP_SSO_ISSUER:
      kdcc_profile_set_sso (self, g_value_get_string (value), self->sso_client_id);
      break;
    case PROP_SSO_CLIENT_ID:
      kdcc_profile_set_sso (self, self->sso_issuer, g_value_get_string (value));
      break;
    case PROP_PROMETHEUS_URL:
      kdcc_profile_set_prometheus_url (self, g_value_get_string (value));
      break;

    case PROP_MAX_BODY_MB:
      kdcc_profile_set_max_body_mb (self, g_value_get_uint (value));
      break;
    case PROP_FSID:
      kdcc_profile_set_fsid (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_profile_class_init (KdccProfileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = kdcc_profile_constructed;
  object_class->finalize = kdcc_profile_finalize;
  object_class->get_property = kdcc_profile_get_property;
  object_class->set_property = kdcc_profile_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, rw);
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, KDCC_TYPE_PROFILE_KIND, KDCC_PROFILE_KIND_DIRECT, rw);
  properties[PROP_CONF_PATH] = g_param_spec_string ("conf-path", NULL, NULL, NULL, rw);
  properties[PROP_KEYRING_PATH] = g_param_spec_string ("keyring-path", NULL, NULL, NULL, rw);
  properties[PROP_CLIENT_ID] =
    g_param_spec_string ("client-id", NULL, NULL, DEFAULT_CLIENT_ID, rw);
  properties[PROP_URL] = g_param_spec_string ("url", NULL, NULL, NULL, rw);
  properties[PROP_USER] = g_param_spec_string ("user", NULL, NULL, NULL, rw);
  properties[PROP_TRUSTED_FINGERPRINT] =
    g_param_spec_string ("trusted-fingerprint", NULL, NULL, NULL, rw);
  properties[PROP_KUBECONFIG] = g_param_spec_string ("kubeconfig", NULL, NULL, NULL, rw);
  properties[PROP_KUBE_CONTEXT] = g_param_spec_string ("kube-context", NULL, NULL, NULL, rw);
  properties[PROP_ROOK_NAMESPACE] =
    g_param_spec_string ("rook-namespace", NULL, NULL, NULL, rw);
  properties[PROP_SSO_ISSUER] = g_param_spec_string ("sso-issuer", NULL, NULL, NULL, rw);
  properties[PROP_SSO_CLIENT_ID] = g_param_spec_string ("sso-client-id", NULL, NULL, NULL, rw);
  properties[PROP_PROMETHEUS_URL] =
    g_param_spec_string ("prometheus-url", NULL, NULL, NULL, rw);
  /* The largest answer a Dashboard may send, in MB; 0 keeps the source's
   * default (64 MB), which fits /api/osd of about 45,000 OSDs. */
  properties[PROP_MAX_BODY_MB] =
    g_param_spec_uint ("max-body-mb", NULL, NULL, 0, 100000, 0, rw);
  properties[PROP_FSID] = g_param_spec_string ("fsid", NULL, NULL, NULL, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kdcc_profile_init (KdccProfile *self)
{
}

KdccProfile *
kdcc_profile_new (KdccProfileKind kind)
{
  return g_object_new (KDCC_TYPE_PROFILE, "kind", kind, NULL);
}

const char *
kdcc_profile_get_id (KdccProfile *self)
{
  g_return_val_if_fail (KDCC_IS_PROFILE (self), NULL);
  return self->id;
}

const char *
kdcc_profile_get_name (KdccProfile *self)
{
  g_return_val_if_fail (KDCC_IS_PROFILE (self), NULL);
  return self->name;
}

KdccProfileKind
kdcc_profile_get_kind (KdccProfile *self)
{
  g_return_val_if_fail (KDCC_IS_PROFILE (self), KDCC_PROFILE_KIND_DIRECT);
  return self->kind;
}

const char *
kdcc_profile_get_conf_path (KdccProfile *self)
{
  g_return_val_if_fail (KDCC_IS_PROFILE (self), NULL);
  return self->conf_path;
}

const char *
kdcc_profile_get_keyring_path (KdccProfile *self)
{
  g_return_val_if_fail (KDCC_IS_PROFILE (self), NULL);
  return self->keyring_path;
}

const char *
kdcc_profile_get_client_id (KdccProfile *self)
{
  g_return_val_if_fail (KDCC_IS_PROFILE (self), NULL);
  return self->client_id != NULL ? self->client_id : DEFAULT_CLIENT_ID;
}

const char *
kdcc_profile_get_url (KdccProfile *self)
{
  g_return_val_if_fail (KDCC_IS_PROFILE (self), NULL);
  return self->url;
}

const char *
kdcc_profile_get_user (KdccProfile *self)
{
  g_return_val_if_fail (KDCC_IS_PROFILE (self), NULL);
  return self->user;
}

const char *
kdcc_profile_get_trusted_fingerprint (KdccProfile *self)
{
  g_return_val_if_fail (KDCC_IS_PROFILE (self), NULL);
  return self->trusted_fingerprint;
}

const char *
kdcc_profile_get_kubeconfig (KdccProfile *self)
{
  g_return_val_if_fail (KDCC_IS_PROFILE (self), NULL);
  return self->kubeconfig;
}

const char *
kdcc_profile_get_kube_context (KdccProfile *self)
{
  g_return_val_if_fail (KDCC_IS_PROFILE (self), NULL);
  return self->kube_context;
}

const char *
kdcc_profile_get_rook_namespace (KdccProfile *self)
{
  g_return_val_if_fail (KDCC_IS_PROFILE (self), NULL);
  return self->rook_namespace;
}

void
kdcc_profile_set_name (KdccProfile *self,
                       const char  *name)
{
  g_return_if_fail (KDCC_IS_PROFILE (self));
  set_string (self, &self->name, name, PROP_NAME);
}

void
kdcc_profile_set_conf_path (KdccProfile *self,
                            const char  *conf_path)
{
  g_return_if_fail (KDCC_IS_PROFILE (self));
  set_string (self, &self->conf_path, conf_path, PROP_CONF_PATH);
}

void
kdcc_profile_set_keyring_path (KdccProfile *self,
                               const char  *keyring_path)
{
  g_return_if_fail (KDCC_IS_PROFILE (self));
  set_string (self, &self->keyring_path, keyring_path, PROP_KEYRING_PATH);
}

void
kdcc_profile_set_client_id (KdccProfile *self,
                            const char  *client_id)
{
  g_return_if_fail (KDCC_IS_PROFILE (self));

  /* Admins copy "client.admin" from keyrings and `ceph auth ls`, while
   * librados wants the id without the type. */
  if (client_id != NULL && g_str_has_prefix (client_id, "client."))
    client_id += strlen ("client.");

  set_string (self, &self->client_id, client_id, PROP_CLIENT_ID);
}

void
kdcc_profile_set_url (KdccProfile *self,
                      const char  *url)
{
  g_autofree char *stripped = NULL;

  g_return_if_fail (KDCC_IS_PROFILE (self));

  if (url != NULL)
    {
      stripped = g_strstrip (g_strdup (url));
      /* "https://host:8443/" and "https://host:8443" are the same
       * dashboard; keeping one spelling makes the REST paths simple. */
      while (g_str_has_suffix (stripped, "/"))
        stripped[strlen (stripped) - 1] = '\0';
    }

  set_string (self, &self->url, stripped, PROP_URL);
}

void
kdcc_profile_set_user (KdccProfile *self,
                       const char  *user)
{
  g_return_if_fail (KDCC_IS_PROFILE (self));
  set_string (self, &self->user, user, PROP_USER);
}

void
kdcc_profile_set_trusted_fingerprint (KdccProfile *self,
                                      const char  *fingerprint)
{
  g_autofree char *normalized = NULL;

  g_return_if_fail (KDCC_IS_PROFILE (self));

  /* Anything that is not a SHA-256 is kept as typed, so validate() can
   * point at it instead of silently dropping it. */
  if (fingerprint != NULL)
    normalized = kdcc_http_normalize_fingerprint (fingerprint);

  set_string (self, &self->trusted_fingerprint,
              normalized != NULL ? normalized : fingerprint, PROP_TRUSTED_FINGERPRINT);
}

void
kdcc_profile_set_kubeconfig (KdccProfile *self,
                             const char  *kubeconfig)
{
  g_return_if_fail (KDCC_IS_PROFILE (self));
  set_string (self, &self->kubeconfig, kubeconfig, PROP_KUBECONFIG);
}

void
kdcc_profile_set_kube_context (KdccProfile *self,
                               const char  *kube_context)
{
  g_return_if_fail (KDCC_IS_PROFILE (self));
  set_string (self, &self->kube_context, kube_context, PROP_KUBE_CONTEXT);
}

const char *
kdcc_profile_get_fsid (KdccProfile *self)
{
  g_return_val_if_fail (KDCC_IS_PROFILE (self), NULL);
  return self->fsid;
}

void
kdcc_profile_set_fsid (KdccProfile *self,
                       const char  *fsid)
{
  g_return_if_fail (KDCC_IS_PROFILE (self));
  set_string (self, &self->fsid, fsid, PROP_FSID);
}

void
kdcc_profile_set_rook_namespace (KdccProfile *self,
                                 const char  *rook_namespace)
{
  g_return_if_fail (KDCC_IS_PROFILE (self));
  set_string (self, &self->rook_namespace, rook_namespace, PROP_ROOK_NAMESPACE);
}

const char *
kdcc_profile_get_sso_issuer (KdccProfile *self)
{
  g_return_val_if_fail (KDCC_IS_PROFILE (self), NULL);

  return self->sso_issuer;
}

const char *
kdcc_profile_get_sso_client_id (KdccProfile *self)
{
  g_return_val_if_fail (KDCC_IS_PROFILE (self), NULL);

  return self->sso_client_id;
}

void
kdcc_profile_set_sso (KdccProfile *self,
                      const char  *issuer,
                      const char  *client_id)
{
  g_autofree char *client_copy = g_strdup (client_id);

  g_return_if_fail (KDCC_IS_PROFILE (self));

  /* CLIENT_ID may be self->sso_client_id itself (the property setter). */
  set_string (self, &self->sso_issuer, issuer, PROP_SSO_ISSUER);
  set_string (self, &self->sso_client_id, client_copy, PROP_SSO_CLIENT_ID);
}

const char *
kdcc_profile_get_prometheus_url (KdccProfile *self)
{
  g_return_val_if_fail (KDCC_IS_PROFILE (self), NULL);
  return self->prometheus_url;
}

void
kdcc_profile_set_prometheus_url (KdccProfile *self,
                                 const char  *prometheus_url)
{
  g_return_if_fail (KDCC_IS_PROFILE (self));
  set_string (self, &self->prometheus_url, prometheus_url, PROP_PROMETHEUS_URL);
}

guint
kdcc_profile_get_max_body_mb (KdccProfile *self)
{
  g_return_val_if_fail (KDCC_IS_PROFILE (self), 0);

  return self->max_body_mb;
}

void
kdcc_profile_set_max_body_mb (KdccProfile *self,
                              guint        max_body_mb)
{
  g_return_if_fail (KDCC_IS_PROFILE (self));

  if (self->max_body_mb == max_body_mb)
    return;
  self->max_body_mb = max_body_mb;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_BODY_MB]);
}

KdccSource *
kdcc_profile_create_source (KdccProfile  *self,
                            const char   *password,
                            GError      **error)
{
  KdccSource *source;

  g_return_val_if_fail (KDCC_IS_PROFILE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!kdcc_profile_validate (self, error))
    return NULL;

  /* The kubeconfig is the profile's, or found as kubectl finds it
   * (KUBECONFIG or ~/.kube/config); "user" overrides Rook's dashboard user "admin". The
   * Rook cluster is found on the first fetch, on a worker thread. */
  if (self->kind == KDCC_PROFILE_KIND_KUBERNETES)
    {
      KdccKubeSource *kube = kdcc_kube_source_new (self->kubeconfig, self->kube_context,
                                                   self->rook_namespace, self->user);

      /* Signed in with KDCC's account at that provider instead of the
       * kubeconfig user's credentials (validated: both or neither). */
      kdcc_kube_source_set_sso (kube, self->sso_issuer, self->sso_client_id);
      return KDCC_SOURCE (kube);
    }

  if (self->kind == KDCC_PROFILE_KIND_DIRECT)
    return KDCC_SOURCE (kdcc_rados_source_new (self->conf_path, self->keyring_path,
                                               kdcc_profile_get_client_id (self)));

  if (password == NULL || password[0] == '\0')
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_AUTH,
                   _("No password was given for the dashboard user %s"), self->user);
      return NULL;
    }

  source = KDCC_SOURCE (kdcc_dashboard_source_new (self->url, self->user, password,
                                                   self->trusted_fingerprint));
  if (self->max_body_mb > 0)
    g_object_set (source, "max-body-size", (guint64) self->max_body_mb * 1000 * 1000, NULL);
  return source;
}
