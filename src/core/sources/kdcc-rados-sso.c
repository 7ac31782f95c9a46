/* kdcc-rados-sso.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Dashboard's single sign-on and accounts through librados: each
 * operation is the mgr command its CLI equivalent sends. The set-up reads
 * the SSO state first and, when it fails, makes sure it is as it was: the
 * mgr stores nothing when the metadata does not parse, but KDCC checks
 * rather than trusts that.
 */
#define G_LOG_DOMAIN "kdcc-rados-source"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <sys/random.h>

#include "kdcc-error.h"
#include "kdcc-operation-apply.h"
#include "kdcc-rados-source-private.h"
#include "kdcc-sso.h"

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  if (value == NULL || *value == '\0')
    return;
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

/* The last line of a message: the mgr's Python tracebacks end with the
 * exception, which is the part that says what went wrong. */
static char *
last_line (const char *message)
{
  g_auto(GStrv) lines = g_strsplit (message != NULL ? message : "", "\n", -1);

  for (int i = (int) g_strv_length (lines) - 1; i >= 0; i--)
    {
      g_strstrip (lines[i]);
      if (*lines[i] != '\0')
        return g_strdup (lines[i]);
    }
  return g_strdup ("");
}

/* Turns the mgr's answers into sentences an admin can act on. */
static void
explain_error (KdccOperation  *operation,
               GError        **error)
{
  g_autofree char *detail = NULL;
  const char *metadata = kdcc_operation_get_key (operation);
  GError *e = error != NULL ? *error : NULL;

  if (e == NULL || g_error_matches (e, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  detail = last_line (e->message);

  if (strstr (e->message, KDCC_SSO_NO_LIBRARY_MESSAGE) != NULL)
    {
      g_clear_error (error);
      g_set_error_literal (error, KDCC_ERROR, KDCC_ERROR_NOT_SUPPORTED,
                           _("The mgr cannot do SAML2 single sign-on: the python3-saml library "
                             "is not installed on the mgr host (Debian and Ubuntu: "
                             "python3-onelogin-saml2; pip: python3-saml). Install it on every "
                             "mgr host and restart the mgrs."));
      return;
    }
  if (kdcc_operation_get_kind (operation) != KDCC_OPERATION_SSO_SETUP_SAML2)
    return;

  g_clear_error (error);
  if (kdcc_operation_sso_metadata_is_url (metadata)
      && (strstr (detail, "URLError") != NULL || strstr (detail, "HTTPError") != NULL
          || strstr (detail, "onnection") != NULL || strstr (detail, "timed out") != NULL))
    g_set_error (error, KDCC_ERROR, KDCC_ERROR_COMMAND,
                 _("The mgr could not fetch the identity provider’s metadata from %s (%s); "
                   "single sign-on is unchanged"), metadata, detail);
  else
    g_set_error (error, KDCC_ERROR, KDCC_ERROR_COMMAND,
                 _("The identity provider’s metadata was refused (%s); single sign-on is "
                   "unchanged"), detail);
}

/* Runs COMMAND on the mgr, with INBUF as its input (`-i`) if given. */
static GBytes *
run_mgr (KdccSource    *source,
         JsonBuilder   *builder,
         const char    *inbuf,
         GCancellable  *cancellable,
         GError       **error)
{
  KdccRadosSource *self = KDCC_RADOS_SOURCE (source);
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *command = json_to_string (root, FALSE);
  g_autoptr(RadosConn) conn = NULL;
  const char *prefix = json_object_get_string_member (json_node_get_object (root), "prefix");

  conn = _kdcc_rados_acquire_conn (self, cancellable, error);
  if (conn == NULL)
    return NULL;
  /* The command itself holds no secret: the SP key is a path on the mgr
   * host, the password the input buffer. */
  g_debug ("Applying %s", prefix);
  return _kdcc_rados_command_run_input (self, conn, "mgr", command, inbuf,
                                        inbuf != NULL ? strlen (inbuf) : 0, prefix, NULL,
                                        cancellable, error);
}

/* A password nobody knows: 32 random bytes, base64. */
static char *
random_password (GError **error)
{
  guint8 bytes[32];
  gsize got = 0;

  while (got < sizeof bytes)
    {
      ssize_t n = getrandom (bytes + got, sizeof bytes - got, 0);

      if (n < 0)
        {
          g_set_error_literal (error, KDCC_ERROR, KDCC_ERROR_COMMAND,
                               _("No random numbers for the account’s password"));
          return NULL;
        }
      got += (gsize) n;
    }
  {
    char *password = g_base64_encode (bytes, sizeof bytes);

    memset (bytes, 0, sizeof bytes);
    return password;
  }
}

/* Disables SSO so that it is off: the settings first, then the protocol
 * (see kdcc_operation_new_sso_disable). */
static gboolean
disable_sso (KdccSource    *source,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(JsonBuilder) off = json_builder_new ();
  g_autoptr(JsonBuilder) disable = json_builder_new ();
  g_autoptr(GBytes) out_off = NULL;
  g_autoptr(GBytes) out_disable = NULL;
  g_autoptr(GError) local_error = NULL;

  json_builder_begin_object (off);
  add_string (off, "prefix", "dashboard sso setup saml2");
  add_string (off, "ceph_dashboard_base_url", KDCC_SSO_OFF_BASE_URL);
  add_string (off, "idp_metadata", KDCC_SSO_OFF_METADATA);
  json_builder_end_object (off);
  out_off = run_mgr (source, off, NULL, cancellable, &local_error);
  /* Without the SAML library the endpoints refuse every sign-in anyway;
   * the protocol is all there is to turn off. */
  if (out_off == NULL && strstr (local_error->message, KDCC_SSO_NO_LIBRARY_MESSAGE) == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  json_builder_begin_object (disable);
  add_string (disable, "prefix", "dashboard sso disable");
  json_builder_end_object (disable);
  out_disable = run_mgr (source, disable, NULL, cancellable, error);
  return out_disable != NULL;
}

static gboolean
setup_saml2 (KdccSource     *source,
             KdccOperation  *operation,
             GCancellable   *cancellable,
             GError        **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(KdccSsoState) before = NULL;
  g_autoptr(KdccSsoState) after = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  const char *metadata = kdcc_operation_get_key (operation);
  const char * const *args = kdcc_operation_get_args (operation);

  /* A file of this machine: the mgr may run elsewhere, so its contents
   * go in the command (the mgr parses text that is neither a URL nor a
   * file of its own host as metadata). */
  if (!kdcc_operation_sso_metadata_is_url (metadata))
    {
      g_autoptr(GError) read_error = NULL;

      if (!g_file_get_contents (metadata, &contents, NULL, &read_error))
        {
          g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                       _("Cannot read the identity provider’s metadata: %s"),
                       read_error->message);
          return FALSE;
        }
      if (strstr (contents, "EntityDescriptor") == NULL)
        {
          g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                       _("%s is not SAML2 metadata: it has no EntityDescriptor"), metadata);
          return FALSE;
        }
    }

  before = kdcc_sso_read_state_sync (source, cancellable, error);
  if (before == NULL)
    return FALSE;

  json_builder_begin_object (builder);
  add_string (builder, "prefix", "dashboard sso setup saml2");
  add_string (builder, "ceph_dashboard_base_url", kdcc_operation_get_target (operation));
  add_string (builder, "idp_metadata", contents != NULL ? contents : metadata);
  add_string (builder, "idp_username_attribute", kdcc_operation_get_value (operation));
  if (args != NULL && g_strv_length ((char **) args) == 3)
    {
      add_string (builder, "idp_entity_id", args[0]);
      add_string (builder, "sp_x_509_cert", args[1]);
      add_string (builder, "sp_private_key", args[2]);
    }
  json_builder_end_object (builder);

  /* The answer is the stored settings, the SP's private key among them:
   * it is dropped unread. */
  out = run_mgr (source, builder, NULL, cancellable, &local_error);
  if (out != NULL)
    return TRUE;

  /* Put SSO back as it was if the failed command changed anything. */
  after = kdcc_sso_read_state_sync (source, NULL, NULL);
  if (after != NULL && (after->enabled != before->enabled
                        || g_strcmp0 (after->acs_url, before->acs_url) != 0)
      && !before->enabled)
    {
      g_warning ("A failed SSO set-up changed the SSO state; disabling it again");
      disable_sso (source, NULL, NULL);
    }
  explain_error (operation, &local_error);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

gboolean
_kdcc_rados_sso_apply (KdccSource     *source,
                       KdccOperation  *operation,
                       GCancellable   *cancellable,
                       GError        **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GBytes) out = NULL;
  g_autofree char *password = NULL;
  const char *user = kdcc_operation_get_target (operation);
  const char * const *args = kdcc_operation_get_args (operation);

  json_builder_begin_object (builder);
  switch (kdcc_operation_get_kind (operation))
    {
    case KDCC_OPERATION_SSO_SETUP_SAML2:
      json_builder_end_object (builder);
      return setup_saml2 (source, operation, cancellable, error);

    case KDCC_OPERATION_SSO_DISABLE:
      json_builder_end_object (builder);
      if (!disable_sso (source, cancellable, error))
        {
          explain_error (operation, error);
          return FALSE;
        }
      return TRUE;

    case KDCC_OPERATION_DASHBOARD_USER_CREATE:
      password = random_password (error);
      if (password == NULL)
        return FALSE;
      add_string (builder, "prefix", "dashboard ac-user-create");
      add_string (builder, "username", user);
      add_string (builder, "rolename", kdcc_operation_get_value (operation));
      /* A random password may trip the Dashboard's policy (three letters
       * in sequence, ...), which is about passwords people choose. */
      json_builder_set_member_name (builder, "force_password");
      json_builder_add_boolean_value (builder, TRUE);
      break;

    case KDCC_OPERATION_DASHBOARD_USER_DELETE:
      add_string (builder, "prefix", "dashboard ac-user-delete");
      add_string (builder, "username", user);
      break;

    case KDCC_OPERATION_DASHBOARD_USER_SET_ROLES:
      add_string (builder, "prefix", "dashboard ac-user-set-roles");
      add_string (builder, "username", user);
      json_builder_set_member_name (builder, "roles");
      json_builder_begin_array (builder);
      for (guint i = 0; args != NULL && args[i] != NULL; i++)
        json_builder_add_string_value (builder, args[i]);
      json_builder_end_array (builder);
      break;

    default:
      g_assert_not_reached ();
    }
  json_builder_end_object (builder);

  out = run_mgr (source, builder, password, cancellable, error);
  if (password != NULL)
    memset (password, 0, strlen (password));
  if (out == NULL)
    {
      explain_error (operation, error);
      return FALSE;
    }

  /* ac-user-create answers 0 with "User 'x' already exists" rather than
   * EEXIST; the new account's JSON otherwise. */
  if (kdcc_operation_get_kind (operation) == KDCC_OPERATION_DASHBOARD_USER_CREATE)
    {
      gsize len = 0;
      const char *data = g_bytes_get_data (out, &len);

      if (len == 0 || data[0] != '{')
        {
          g_set_error (error, KDCC_ERROR, KDCC_ERROR_COMMAND,
                       _("The Dashboard account %s already exists"), user);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
find_user (GPtrArray          *users,
           const char         *name,
           KdccDashboardUser **found)
{
  for (guint i = 0; i < users->len; i++)
    {
      KdccDashboardUser *user = g_ptr_array_index (users, i);

      if (g_strcmp0 (user->username, name) == 0)
        {
          *found = user;
          return TRUE;
        }
    }
  *found = NULL;
  return FALSE;
}

gboolean
_kdcc_rados_sso_read_back (KdccSource     *source,
                           KdccOperation  *operation,
                           char          **value,
                           GCancellable   *cancellable,
                           GError        **error)
{
  switch (kdcc_operation_get_kind (operation))
    {
    case KDCC_OPERATION_SSO_SETUP_SAML2:
    case KDCC_OPERATION_SSO_DISABLE:
      {
        g_autoptr(KdccSsoState) state = kdcc_sso_read_state_sync (source, cancellable, error);
        const char *target = kdcc_operation_get_target (operation);

        if (state == NULL)
          return FALSE;
        /* Disabled, but with an IdP the endpoints still accept. */
        if (kdcc_operation_get_kind (operation) == KDCC_OPERATION_SSO_DISABLE)
          *value = g_strdup (state->enabled ? state->protocol
                             : state->configured ? "stored" : NULL);
        else if (!state->enabled)
          return TRUE;
        /* A url_prefix sits between the base URL and "/auth/saml2". */
        else if (target != NULL && state->acs_url != NULL
                 && g_str_has_prefix (state->acs_url, target))
          *value = g_strdup (target);
        else
          *value = g_strdup (state->base_url != NULL ? state->base_url : state->protocol);
        return TRUE;
      }

    case KDCC_OPERATION_DASHBOARD_USER_CREATE:
    case KDCC_OPERATION_DASHBOARD_USER_DELETE:
    case KDCC_OPERATION_DASHBOARD_USER_SET_ROLES:
      {
        g_autoptr(GPtrArray) users = kdcc_sso_list_users_sync (source, cancellable, error);
        KdccDashboardUser *user = NULL;

        if (users == NULL)
          return FALSE;
        if (!find_user (users, kdcc_operation_get_target (operation), &user))
          return TRUE;
        if (kdcc_operation_get_kind (operation) == KDCC_OPERATION_DASHBOARD_USER_SET_ROLES)
          *value = g_strjoinv (",", user->roles);
        else
          *value = g_strdup ("exists");
        return TRUE;
      }

    default:
      g_assert_not_reached ();
    }
}
