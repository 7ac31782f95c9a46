/* kdcc-operation-sso.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Ceph Dashboard's single sign-on and its accounts as operations:
 * `ceph dashboard sso setup saml2`, `sso disable`, `ac-user-create`,
 * `ac-user-delete` and `ac-user-set-roles` (Pacific's
 * dashboard/services/sso.py and access_control.py). They are mgr
 * commands; the librados source applies them (kdcc-rados-sso.c).
 */
#define G_LOG_DOMAIN "kdcc-operation"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kdcc-error.h"
#include "kdcc-operation-private.h"

/* The attribute the mgr takes when none is given. */
#define DEFAULT_USERNAME_ATTRIBUTE "uid"

static const char *
or_empty (const char *text)
{
  return text != NULL ? text : "";
}

KdccOperation *
kdcc_operation_new_sso_setup_saml2 (const char *base_url,
                                    const char *idp_metadata,
                                    const char *username_attribute,
                                    const char *idp_entity_id,
                                    const char *sp_cert,
                                    const char *sp_key)
{
  KdccOperation *self;
  const char *args[] = { or_empty (idp_entity_id), or_empty (sp_cert), or_empty (sp_key), NULL };
  g_autofree char *base = g_strdup (base_url);

  /* The mgr appends "/auth/saml2" to it: a trailing slash would make the
   * assertion consumer URL "//auth/saml2". */
  while (base != NULL && g_str_has_suffix (base, "/") && strlen (base) > 1)
    base[strlen (base) - 1] = '\0';
  self = _kdcc_operation_new_kind (KDCC_OPERATION_SSO_SETUP_SAML2, base, idp_metadata,
                                   username_attribute != NULL && *username_attribute != '\0'
                                   ? username_attribute : DEFAULT_USERNAME_ATTRIBUTE);
  self->args = g_strdupv ((char **) args);
  return self;
}

KdccOperation *
kdcc_operation_new_sso_disable (void)
{
  return _kdcc_operation_new_kind (KDCC_OPERATION_SSO_DISABLE, NULL, NULL, NULL);
}

KdccOperation *
kdcc_operation_new_dashboard_user_create (const char *user,
                                          const char *role)
{
  return _kdcc_operation_new_kind (KDCC_OPERATION_DASHBOARD_USER_CREATE, user, NULL,
                                   role != NULL && *role != '\0' ? role : NULL);
}

KdccOperation *
kdcc_operation_new_dashboard_user_delete (const char *user)
{
  return _kdcc_operation_new_kind (KDCC_OPERATION_DASHBOARD_USER_DELETE, user, NULL, NULL);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

KdccOperation *
kdcc_operation_new_dashboard_user_set_roles (const char         *user,
                                             const char * const *roles)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;
  KdccOperation *self;

  for (guint i = 0; roles != NULL && roles[i] != NULL; i++)
    if (*roles[i] != '\0')
      g_ptr_array_add (sorted, g_strdup (roles[i]));
  /* The read back lists them sorted; so does the value compared with it. */
  g_ptr_array_sort (sorted, compare_strings);
  g_ptr_array_add (sorted, NULL);
  joined = g_strjoinv (",", (char **) sorted->pdata);
  self = _kdcc_operation_new_kind (KDCC_OPERATION_DASHBOARD_USER_SET_ROLES, user, NULL, joined);
  self->args = (char **) g_ptr_array_steal (sorted, NULL);
  /* The risk depends on the roles, which came after construction. */
  _kdcc_operation_compute_risk (self);
  return self;
}

static const char *
arg (KdccOperation *self,
     guint          i)
{
  if (self->args == NULL || i >= g_strv_length (self->args))
    return "";
  return self->args[i];
}

void
_kdcc_operation_sso_append_cli (KdccOperation  *self,
                                void          (*append_word) (GString *, const char *),
                                GString        *out)
{
  append_word (out, "dashboard");
  switch (self->kind)
    {
    case KDCC_OPERATION_SSO_SETUP_SAML2:
      append_word (out, "sso");
      append_word (out, "setup");
      append_word (out, "saml2");
      append_word (out, or_empty (self->target));
      append_word (out, or_empty (self->key));
      append_word (out, or_empty (self->value));
      /* Positional: an empty entity id stands in when only the
       * certificate is given; the mgr reads "" as "not given". */
      if (*arg (self, 0) != '\0' || *arg (self, 1) != '\0')
        append_word (out, arg (self, 0));
      if (*arg (self, 1) != '\0')
        {
          append_word (out, arg (self, 1));
          append_word (out, arg (self, 2));
        }
      break;
    case KDCC_OPERATION_SSO_DISABLE:
      /* See kdcc_operation_new_sso_disable: two commands. */
      append_word (out, "sso");
      append_word (out, "setup");
      append_word (out, "saml2");
      append_word (out, KDCC_SSO_OFF_BASE_URL);
      append_word (out, KDCC_SSO_OFF_METADATA);
      g_string_append (out, " && ceph");
      append_word (out, "dashboard");
      append_word (out, "sso");
      append_word (out, "disable");
      break;
    case KDCC_OPERATION_DASHBOARD_USER_CREATE:
      append_word (out, "ac-user-create");
      append_word (out, or_empty (self->target));
      /* The mgr wants a password; KDCC sends a random one that it never
       * keeps, so the account can only sign in through SSO. This is the
       * shell's way of doing the same. */
      g_string_append (out, " -i <(openssl rand -base64 32)");
      if (self->value != NULL)
        append_word (out, self->value);
      append_word (out, "--force-password");
      break;
    case KDCC_OPERATION_DASHBOARD_USER_DELETE:
      append_word (out, "ac-user-delete");
      append_word (out, or_empty (self->target));
      break;
    case KDCC_OPERATION_DASHBOARD_USER_SET_ROLES:
      append_word (out, "ac-user-set-roles");
      append_word (out, or_empty (self->target));
      for (guint i = 0; self->args != NULL && self->args[i] != NULL; i++)
        append_word (out, self->args[i]);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* A user or role name as the Dashboard accepts it through the CLI: one
 * word of printable characters. */
static gboolean
check_name (const char  *name,
            const char  *what,
            GError     **error)
{
  gboolean ok = name != NULL && *name != '\0' && strlen (name) <= 128 && g_utf8_validate (name, -1, NULL);

  for (const char *p = name; ok && *p; p++)
    if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p))
      ok = FALSE;
  if (!ok)
    g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                 /* TRANSLATORS: %s: the name given; %s: "user" or "role" */
                 _("“%s” is not a valid Dashboard %s name (one word, up to 128 characters)"),
                 name != NULL ? name : "", what);
  return ok;
}

static gboolean
is_url_with_scheme (const char         *text,
                    const char * const *schemes)
{
  g_autoptr(GUri) uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);

  if (uri == NULL)
    return FALSE;
  for (guint i = 0; schemes[i] != NULL; i++)
    if (g_ascii_strcasecmp (g_uri_get_scheme (uri), schemes[i]) == 0)
      return g_str_equal (schemes[i], "file") || (g_uri_get_host (uri) != NULL
                                                  && *g_uri_get_host (uri) != '\0');
  return FALSE;
}

gboolean
kdcc_operation_sso_metadata_is_url (const char *idp_metadata)
{
  static const char * const schemes[] = { "http", "https", "file", NULL };

  return idp_metadata != NULL && is_url_with_scheme (idp_metadata, schemes);
}

gboolean
_kdcc_operation_sso_validate (KdccOperation  *self,
                              GError        **error)
{
  static const char * const web[] = { "http", "https", NULL };

  switch (self->kind)
    {
    case KDCC_OPERATION_SSO_SETUP_SAML2:
      if (self->target == NULL || !is_url_with_scheme (self->target, web))
        {
          g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                       _("“%s” is not the Dashboard’s URL, such as https://mgr.example:8443"),
                       or_empty (self->target));
          return FALSE;
        }
      if (self->key == NULL || *self->key == '\0'
          || (!kdcc_operation_sso_metadata_is_url (self->key) && !g_path_is_absolute (self->key)))
        {
          g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                       _("“%s” is neither the URL of the identity provider’s metadata nor the "
                         "full path of a metadata file"), or_empty (self->key));
          return FALSE;
        }
      if (!check_name (self->value, _("attribute"), error))
        return FALSE;
      if ((*arg (self, 1) == '\0') != (*arg (self, 2) == '\0'))
        {
          g_set_error_literal (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                               _("The service provider’s certificate and private key go "
                                 "together: give both or neither"));
          return FALSE;
        }
      return TRUE;

    case KDCC_OPERATION_SSO_DISABLE:
      return TRUE;

    case KDCC_OPERATION_DASHBOARD_USER_CREATE:
      return check_name (self->target, _("user"), error)
             && (self->value == NULL || check_name (self->value, _("role"), error));

    case KDCC_OPERATION_DASHBOARD_USER_DELETE:
      return check_name (self->target, _("user"), error);

    case KDCC_OPERATION_DASHBOARD_USER_SET_ROLES:
      if (!check_name (self->target, _("user"), error))
        return FALSE;
      for (guint i = 0; self->args != NULL && self->args[i] != NULL; i++)
        if (!check_name (self->args[i], _("role"), error))
          return FALSE;
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

void
_kdcc_operation_sso_compute_risk (KdccOperation *self)
{
  switch (self->kind)
    {
    case KDCC_OPERATION_SSO_SETUP_SAML2:
      self->risk = KDCC_RISK_MEDIUM;
      self->risk_reason = _("Dashboard users can then sign in through the identity provider; "
                            "local accounts keep their passwords. It replaces any earlier "
                            "single sign-on set-up, which undo cannot bring back.");
      break;
    case KDCC_OPERATION_SSO_DISABLE:
      self->risk = KDCC_RISK_MEDIUM;
      self->risk_reason = _("Users who sign in through the identity provider lose access to "
                            "the Dashboard; local accounts keep working.");
      break;
    case KDCC_OPERATION_DASHBOARD_USER_CREATE:
      self->risk_reason = _("The account signs in only through single sign-on: its password "
                            "is random, never stored and never shown.");
      break;
    case KDCC_OPERATION_DASHBOARD_USER_DELETE:
      self->risk = KDCC_RISK_MEDIUM;
      self->risk_reason = _("The user loses access to the Dashboard. Undo makes the account "
                            "again for single sign-on, without its roles or old password.");
      break;
    case KDCC_OPERATION_DASHBOARD_USER_SET_ROLES:
      if (self->args != NULL && g_strv_contains ((const char * const *) self->args,
                                                 "administrator"))
        {
          self->risk = KDCC_RISK_MEDIUM;
          self->risk_reason = _("The administrator role gives full control of the cluster "
                                "through the Dashboard.");
        }
      break;
    default:
      g_assert_not_reached ();
    }
}

const char *
_kdcc_operation_sso_expected (KdccOperation *self)
{
  switch (self->kind)
    {
    case KDCC_OPERATION_SSO_SETUP_SAML2:
      /* The read back is the base URL the SAML2 set-up in force uses. */
      return self->target;
    case KDCC_OPERATION_DASHBOARD_USER_CREATE:
      return "exists";
    case KDCC_OPERATION_DASHBOARD_USER_SET_ROLES:
      return self->value;
    case KDCC_OPERATION_SSO_DISABLE:
    case KDCC_OPERATION_DASHBOARD_USER_DELETE:
    default:
      return NULL;
    }
}

KdccOperation *
_kdcc_operation_sso_new_inverse (KdccOperation *self,
                                 const char    *previous_value)
{
  switch (self->kind)
    {
    case KDCC_OPERATION_SSO_SETUP_SAML2:
      /* Another set-up was in force: the mgr cannot give its metadata
       * back, so there is no way back to it. */
      return previous_value == NULL ? kdcc_operation_new_sso_disable () : NULL;
    case KDCC_OPERATION_DASHBOARD_USER_CREATE:
      return previous_value == NULL ? kdcc_operation_new_dashboard_user_delete (self->target)
                                    : NULL;
    case KDCC_OPERATION_DASHBOARD_USER_DELETE:
      return previous_value != NULL ? kdcc_operation_new_dashboard_user_create (self->target, NULL)
                                    : NULL;
    case KDCC_OPERATION_DASHBOARD_USER_SET_ROLES:
      {
        g_auto(GStrv) roles = NULL;

        if (previous_value == NULL)
          return NULL;
        roles = g_strsplit (previous_value, ",", -1);
        return kdcc_operation_new_dashboard_user_set_roles (self->target,
                                                            (const char * const *) roles);
      }
    case KDCC_OPERATION_SSO_DISABLE:
      /* The set-up stays stored, but re-enabling it is not an operation
       * KDCC offers: set it up again. */
    default:
      return NULL;
    }
}
