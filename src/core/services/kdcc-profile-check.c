/* kdcc-profile-check.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Validation of a connection profile: what the connect dialog, the CLI
 * flags and a loaded profiles.ini are checked against before a source is
 * built. Apart from kdcc-profile.c, which holds the object.
 */
#define G_LOG_DOMAIN "kdcc-profile"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "kdcc-error.h"
#include "kdcc-http.h"
#include "kdcc-profile.h"

/* A file the user pointed at must be a readable regular file. The messages
 * name the field and the path so the user knows which entry to fix; they
 * are spelled out per field because translators need whole sentences. */
typedef enum
{
  FIELD_CONF,
  FIELD_KEYRING,
} FileField;

static gboolean
check_readable_file (const char  *path,
                     FileField    field,
                     GError     **error)
{
  GStatBuf st;
  int saved_errno = 0;

  if (g_stat (path, &st) != 0)
    {
      saved_errno = errno;
      if (saved_errno == ENOENT || saved_errno == ENOTDIR)
        {
          if (field == FIELD_CONF)
            g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                         _("The configuration file %s does not exist"), path);
          else
            g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                         _("The keyring file %s does not exist"), path);
          return FALSE;
        }
    }
  else if (!S_ISREG (st.st_mode))
    {
      if (field == FIELD_CONF)
        g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                     _("The configuration file %s is not a regular file"), path);
      else
        g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                     _("The keyring file %s is not a regular file"), path);
      return FALSE;
    }
  else if (g_access (path, R_OK) != 0)
    {
      saved_errno = errno;
    }

  if (saved_errno != 0)
    {
      if (field == FIELD_CONF)
        g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                     _("The configuration file %s cannot be read: %s"), path,
                     g_strerror (saved_errno));
      else
        g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                     _("The keyring file %s cannot be read: %s"), path,
                     g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

static gboolean
validate_direct (KdccProfile  *self,
                 GError      **error)
{
  const char *client_id = kdcc_profile_get_client_id (self);

  if (kdcc_profile_get_conf_path (self) == NULL)
    {
      g_set_error_literal (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                           _("Choose the Ceph configuration file (ceph.conf)"));
      return FALSE;
    }

  if (!check_readable_file (kdcc_profile_get_conf_path (self), FIELD_CONF, error))
    return FALSE;

  /* Without a keyring librados looks where ceph.conf says, as the ceph
   * CLI does, so the field may stay empty. */
  if (kdcc_profile_get_keyring_path (self) != NULL &&
      !check_readable_file (kdcc_profile_get_keyring_path (self), FIELD_KEYRING, error))
    return FALSE;

  for (const char *p = client_id; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p))
        {
          g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                       _("The client name “%s” must not contain spaces"), client_id);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
validate_dashboard (KdccProfile  *self,
                    GError      **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *fingerprint = NULL;
  const char *scheme;

  if (kdcc_profile_get_url (self) == NULL)
    {
      g_set_error_literal (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                           _("Enter the dashboard URL, for example https://ceph-mgr:8443"));
      return FALSE;
    }

  if (g_ascii_strncasecmp (kdcc_profile_get_url (self), "http://", 7) != 0 &&
      g_ascii_strncasecmp (kdcc_profile_get_url (self), "https://", 8) != 0)
    {
      g_set_error_literal (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                           _("The dashboard URL must start with http:// or https://"));
      return FALSE;
    }

  uri = g_uri_parse (kdcc_profile_get_url (self), G_URI_FLAGS_NONE, &local_error);
  if (uri == NULL)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("The dashboard URL %s is not valid: %s"), kdcc_profile_get_url (self), local_error->message);
      return FALSE;
    }

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    {
      g_set_error_literal (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                           _("The dashboard URL must start with http:// or https://"));
      return FALSE;
    }

  if (g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0')
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("The dashboard URL %s has no host name"), kdcc_profile_get_url (self));
      return FALSE;
    }

  if (g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("The dashboard URL %s must not contain “?” or “#”"), kdcc_profile_get_url (self));
      return FALSE;
    }

  if (kdcc_profile_get_user (self) == NULL)
    {
      g_set_error_literal (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                           _("Enter the dashboard user name"));
      return FALSE;
    }

  if (kdcc_profile_get_trusted_fingerprint (self) != NULL)
    fingerprint = kdcc_http_normalize_fingerprint (kdcc_profile_get_trusted_fingerprint (self));
  if (kdcc_profile_get_trusted_fingerprint (self) != NULL && fingerprint == NULL)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("The trusted certificate fingerprint “%s” is not a SHA-256 fingerprint "
                     "(64 hexadecimal digits)"),
                   kdcc_profile_get_trusted_fingerprint (self));
      return FALSE;
    }

  return TRUE;
}

/* Sign in with SSO: an http(s) issuer with a host and a client id, or
 * neither. */
static gboolean
validate_sso (KdccProfile  *self,
              GError      **error)
{
  const char *issuer = kdcc_profile_get_sso_issuer (self);
  const char *client_id = kdcc_profile_get_sso_client_id (self);
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (issuer == NULL && client_id == NULL)
    return TRUE;
  if (issuer == NULL || client_id == NULL)
    {
      g_set_error_literal (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                           _("To sign in with SSO, enter both the issuer URL and the client id"));
      return FALSE;
    }
  uri = g_uri_parse (issuer, G_URI_FLAGS_NONE, NULL);
  scheme = uri ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL || g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0' ||
      (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0))
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("The SSO issuer %s is not an http:// or https:// address"), issuer);
      return FALSE;
    }
  return TRUE;
}

gboolean
kdcc_profile_validate (KdccProfile  *self,
                       GError      **error)
{
  g_return_val_if_fail (KDCC_IS_PROFILE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (kdcc_profile_get_prometheus_url (self) != NULL)
    {
      g_autoptr(GUri) uri = g_uri_parse (kdcc_profile_get_prometheus_url (self), G_URI_FLAGS_NONE, NULL);
      const char *scheme = uri ? g_uri_get_scheme (uri) : NULL;

      if (uri == NULL || g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0' ||
          (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0))
        {
          g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                       _("The Prometheus URL %s is not an http:// or https:// address"),
                       kdcc_profile_get_prometheus_url (self));
          return FALSE;
        }
    }

  switch (kdcc_profile_get_kind (self))
    {
    case KDCC_PROFILE_KIND_DIRECT:
      return validate_direct (self, error);

    case KDCC_PROFILE_KIND_DASHBOARD:
      return validate_dashboard (self, error);

    case KDCC_PROFILE_KIND_KUBERNETES:
      if (kdcc_profile_get_kube_context (self) == NULL)
        {
          g_set_error_literal (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                               _("Choose a Kubernetes context"));
          return FALSE;
        }
      return validate_sso (self, error);

    default:
      g_set_error_literal (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                           _("Unknown connection kind"));
      return FALSE;
    }
}
