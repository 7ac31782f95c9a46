/* kdcc-sso.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading the Ceph Dashboard's single sign-on and accounts through mgr
 * commands (Pacific's dashboard/services/sso.py, access_control.py), and
 * what KDCC would set where it cannot test it.
 */
#define G_LOG_DOMAIN "kdcc-sso"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kdcc-error.h"
#include "kdcc-json.h"
#include "kdcc-operation-apply.h"
#include "kdcc-sso.h"

/* Pacific's SYSTEM_ROLES (access_control.py); Reef has the same. */
static const char * const system_roles[] = {
  "administrator", "read-only", "block-manager", "rgw-manager", "cluster-manager",
  "pool-manager", "cephfs-manager", "ganesha-manager", NULL,
};

gboolean
kdcc_dashboard_role_is_system (const char *name)
{
  return name != NULL && g_strv_contains (system_roles, name);
}

void
kdcc_sso_state_free (KdccSsoState *state)
{
  if (state == NULL)
    return;
  g_free (state->protocol);
  g_free (state->base_url);
  g_free (state->sp_metadata_url);
  g_free (state->acs_url);
  g_free (state->idp_entity_id);
  g_free (state->idp_sso_url);
  g_free (state->username_attribute);
  g_free (state);
}

void
kdcc_dashboard_role_free (KdccDashboardRole *role)
{
  if (role == NULL)
    return;
  g_free (role->name);
  g_free (role->description);
  g_free (role);
}

void
kdcc_dashboard_user_free (KdccDashboardUser *user)
{
  if (user == NULL)
    return;
  g_free (user->username);
  g_strfreev (user->roles);
  g_free (user->name);
  g_free (user->email);
  g_free (user);
}

/* Runs one mgr command built from PREFIX and the string pairs that
 * follow (NULL values are left out) and returns its output as text. */
static char *
run_mgr (KdccSource    *source,
         GCancellable  *cancellable,
         GError       **error,
         const char    *prefix,
         ...)
G_GNUC_NULL_TERMINATED;

static char *
run_mgr (KdccSource    *source,
         GCancellable  *cancellable,
         GError       **error,
         const char    *prefix,
         ...)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *command = NULL;
  g_autoptr(GBytes) out = NULL;
  const char *name;
  va_list args;
  gsize len = 0;
  const char *data;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "prefix");
  json_builder_add_string_value (builder, prefix);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, "json");
  va_start (args, prefix);
  while ((name = va_arg (args, const char *)) != NULL)
    {
      const char *value = va_arg (args, const char *);

      if (value == NULL)
        continue;
      json_builder_set_member_name (builder, name);
      json_builder_add_string_value (builder, value);
    }
  va_end (args);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  command = json_to_string (root, FALSE);

  /* `mgr services` is the mon's; the rest are the Dashboard module's. */
  out = kdcc_source_run_command_sync (source, g_str_has_prefix (prefix, "mgr ") ? "mon" : "mgr",
                                      command, NULL, cancellable, error);
  if (out == NULL)
    return NULL;
  data = g_bytes_get_data (out, &len);
  return g_strndup (data != NULL ? data : "", len);
}

static JsonNode *
run_mgr_json (KdccSource    *source,
              const char    *prefix,
              const char    *name,
              const char    *value,
              JsonNodeType   want,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autofree char *text = run_mgr (source, cancellable, error, prefix, name, value, NULL);

  if (text == NULL)
    return NULL;
  return kdcc_json_load_root (prefix, text, strlen (text), want, error);
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static char *
dup_nonempty (const char *text)
{
  return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

KdccSsoState *
kdcc_sso_read_state_sync (KdccSource    *source,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(KdccSsoState) state = g_new0 (KdccSsoState, 1);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *status = NULL;
  g_autoptr(JsonNode) show = NULL;
  JsonObject *settings, *sp, *idp, *acs, *service, *sso;
  JsonArray *attributes;

  g_return_val_if_fail (KDCC_IS_SOURCE (source), NULL);

  /* 'SSO is "enabled" with "SAML2" protocol.' or 'SSO is "disabled".' */
  status = run_mgr (source, cancellable, &local_error, "dashboard sso status", NULL);
  if (status == NULL
      && strstr (local_error->message, KDCC_SSO_NO_LIBRARY_MESSAGE) != NULL)
    {
      state->saml_library_missing = TRUE;
      return g_steal_pointer (&state);
    }
  if (status == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  state->enabled = strstr (status, "\"enabled\"") != NULL;
  if (state->enabled)
    state->protocol = g_strdup (strstr (status, "SAML2") != NULL ? "saml2" : "unknown");

  show = run_mgr_json (source, "dashboard sso show saml2", NULL, NULL, JSON_NODE_OBJECT,
                       cancellable, error);
  if (show == NULL)
    return NULL;
  settings = _kdcc_member_object (json_node_get_object (show), "onelogin_settings");
  sp = _kdcc_member_object (settings, "sp");
  idp = _kdcc_member_object (settings, "idp");
  acs = _kdcc_member_object (sp, "assertionConsumerService");
  service = _kdcc_member_object (sp, "attributeConsumingService");
  sso = _kdcc_member_object (idp, "singleSignOnService");
  attributes = _kdcc_member_array (service, "requestedAttributes");

  /* KDCC's "off" settings (kdcc_operation_new_sso_disable) are no set-up. */
  if (g_strcmp0 (member_string (idp, "entityId"), KDCC_SSO_OFF_ENTITY_ID) == 0)
    return g_steal_pointer (&state);
  state->configured = sp != NULL && idp != NULL;
  state->sp_metadata_url = dup_nonempty (member_string (sp, "entityId"));
  state->acs_url = dup_nonempty (member_string (acs, "url"));
  state->idp_entity_id = dup_nonempty (member_string (idp, "entityId"));
  state->idp_sso_url = dup_nonempty (member_string (sso, "url"));
  if (attributes != NULL && json_array_get_length (attributes) > 0)
    state->username_attribute = dup_nonempty (member_string (_kdcc_element_object (attributes, 0),
                                                             "name"));
  /* The key itself is never copied: its presence is all KDCC says. */
  state->signs_requests = member_string (sp, "x509cert") != NULL
                          && *member_string (sp, "x509cert") != '\0';
  /* The mgr made the consumer URL as BASE_URL + url_prefix + "/auth/saml2". */
  if (state->acs_url != NULL && g_str_has_suffix (state->acs_url, "/auth/saml2"))
    state->base_url = g_strndup (state->acs_url, strlen (state->acs_url)
                                 - strlen ("/auth/saml2"));
  return g_steal_pointer (&state);
}

static int
compare_role (gconstpointer a,
              gconstpointer b)
{
  const KdccDashboardRole *ra = *(KdccDashboardRole * const *) a;
  const KdccDashboardRole *rb = *(KdccDashboardRole * const *) b;

  return strcmp (ra->name, rb->name);
}

GPtrArray *
kdcc_sso_list_roles_sync (KdccSource    *source,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(GPtrArray) roles = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_dashboard_role_free);
  g_autoptr(JsonNode) names = NULL;
  JsonArray *array;

  names = run_mgr_json (source, "dashboard ac-role-show", NULL, NULL, JSON_NODE_ARRAY,
                        cancellable, error);
  if (names == NULL)
    return NULL;
  array = json_node_get_array (names);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autoptr(JsonNode) detail = NULL;
      KdccDashboardRole *role;

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        continue;
      detail = run_mgr_json (source, "dashboard ac-role-show", "rolename",
                             json_node_get_string (element), JSON_NODE_OBJECT, cancellable, error);
      if (detail == NULL)
        return NULL;
      role = g_new0 (KdccDashboardRole, 1);
      role->name = g_strdup (json_node_get_string (element));
      role->description = dup_nonempty (member_string (json_node_get_object (detail),
                                                       "description"));
      /* Pacific's cluster-manager description spans two source lines. */
      if (role->description != NULL)
        {
          g_auto(GStrv) words = g_strsplit_set (role->description, " \t\r\n", -1);
          g_autoptr(GString) joined = g_string_new (NULL);

          for (guint w = 0; words[w] != NULL; w++)
            if (*words[w] != '\0')
              g_string_append_printf (joined, "%s%s", joined->len > 0 ? " " : "", words[w]);
          g_free (role->description);
          role->description = g_string_free (g_steal_pointer (&joined), FALSE);
        }
      role->system = kdcc_dashboard_role_is_system (role->name);
      g_ptr_array_add (roles, role);
    }
  g_ptr_array_sort (roles, compare_role);
  return g_steal_pointer (&roles);
}

static int
compare_user (gconstpointer a,
              gconstpointer b)
{
  const KdccDashboardUser *ua = *(KdccDashboardUser * const *) a;
  const KdccDashboardUser *ub = *(KdccDashboardUser * const *) b;

  return strcmp (ua->username, ub->username);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

GPtrArray *
kdcc_sso_list_users_sync (KdccSource    *source,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(GPtrArray) users = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_dashboard_user_free);
  g_autoptr(JsonNode) names = NULL;
  JsonArray *array;

  names = run_mgr_json (source, "dashboard ac-user-show", NULL, NULL, JSON_NODE_ARRAY,
                        cancellable, error);
  if (names == NULL)
    return NULL;
  array = json_node_get_array (names);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autoptr(JsonNode) detail = NULL;
      g_autoptr(GPtrArray) roles = g_ptr_array_new_with_free_func (g_free);
      JsonObject *object;
      JsonArray *role_array;
      KdccDashboardUser *user;

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        continue;
      detail = run_mgr_json (source, "dashboard ac-user-show", "username",
                             json_node_get_string (element), JSON_NODE_OBJECT, cancellable, error);
      if (detail == NULL)
        return NULL;
      /* The answer also carries the password hash: only these fields are
       * taken from it. */
      object = json_node_get_object (detail);
      role_array = _kdcc_member_array (object, "roles");
      for (guint j = 0; role_array != NULL && j < json_array_get_length (role_array); j++)
        {
          JsonNode *r = json_array_get_element (role_array, j);

          if (JSON_NODE_HOLDS_VALUE (r) && json_node_get_value_type (r) == G_TYPE_STRING)
            g_ptr_array_add (roles, g_strdup (json_node_get_string (r)));
        }
      g_ptr_array_sort (roles, compare_strings);
      g_ptr_array_add (roles, NULL);

      user = g_new0 (KdccDashboardUser, 1);
      user->username = g_strdup (json_node_get_string (element));
      user->roles = (char **) g_ptr_array_steal (roles, NULL);
      user->name = dup_nonempty (member_string (object, "name"));
      user->email = dup_nonempty (member_string (object, "email"));
      user->enabled = json_object_get_boolean_member_with_default (object, "enabled", TRUE);
      g_ptr_array_add (users, user);
    }
  g_ptr_array_sort (users, compare_user);
  return g_steal_pointer (&users);
}

char *
kdcc_sso_dup_dashboard_url_sync (KdccSource    *source,
                                 GCancellable  *cancellable,
                                 GError       **error)
{
  g_autoptr(JsonNode) services = NULL;
  g_autofree char *url = NULL;
  const char *announced;

  services = run_mgr_json (source, "mgr services", NULL, NULL, JSON_NODE_OBJECT, cancellable,
                           error);
  if (services == NULL)
    return NULL;
  announced = member_string (json_node_get_object (services), "dashboard");
  if (announced == NULL || *announced == '\0')
    {
      g_set_error_literal (error, KDCC_ERROR, KDCC_ERROR_NOT_SUPPORTED,
                           _("The Dashboard announces no URL (is the dashboard module on?): "
                             "give the base URL yourself"));
      return NULL;
    }
  url = g_strdup (announced);
  while (g_str_has_suffix (url, "/") && strlen (url) > 1)
    url[strlen (url) - 1] = '\0';
  return g_steal_pointer (&url);
}

char *
kdcc_sso_render_plan (KdccSsoPlanKind  kind,
                      const char      *base_url,
                      const char      *idp_metadata,
                      const char      *username_attribute,
                      const char      *idp_entity_id)
{
  GString *out = g_string_new (NULL);
  const char *attribute = username_attribute != NULL && *username_attribute != '\0'
                          ? username_attribute : "uid";
  g_autoptr(KdccOperation) setup = NULL;
  g_autofree char *setup_cli = NULL;

  base_url = base_url != NULL ? base_url : "https://DASHBOARD";
  idp_metadata = idp_metadata != NULL ? idp_metadata : "https://IDP/METADATA";
  setup = kdcc_operation_new_sso_setup_saml2 (base_url, idp_metadata, attribute, idp_entity_id,
                                              NULL, NULL);
  setup_cli = kdcc_operation_dup_cli_equivalent (setup);

  g_string_append_printf (out, "# %s\n",
                          _("UNTESTED: KDCC could not try this against a real cluster; check "
                            "it before applying."));
  switch (kind)
    {
    case KDCC_SSO_PLAN_SQUID_OAUTH2:
      g_string_append_printf (out, "# %s\n",
                              _("Ceph Squid (19) replaces the Dashboard's SAML2 with OAuth2/OIDC "
                                "through cephadm's oauth2-proxy and mgmt-gateway services. Your "
                                "identity provider needs an OIDC client for the Dashboard; its "
                                "SAML2 metadata is not used."));
      g_string_append (out,
                       "cat > oauth2-proxy.yaml <<'EOF'\n"
                       "service_type: oauth2-proxy\n"
                       "service_id: auth\n"
                       "placement:\n"
                       "  count: 1\n"
                       "spec:\n"
                       "  provider_display_name: \"Identity provider\"\n"
                       "  client_id: \"CLIENT_ID\"\n"
                       "  client_secret: \"CLIENT_SECRET\"\n"
                       "  oidc_issuer_url: \"https://IDP/realms/REALM\"\n"
                       "EOF\n"
                       "ceph orch apply mgmt-gateway --enable_auth=true\n"
                       "ceph orch apply -i oauth2-proxy.yaml\n"
                       "ceph dashboard sso enable oauth2\n");
      g_string_append_printf (out, "# %s %s\n", _("Users and roles as before:"),
                              "ceph dashboard ac-user-create USER -i <(openssl rand -base64 32) "
                              "read-only --force-password");
      break;
    case KDCC_SSO_PLAN_KOOR_SPEC:
      /* The field names are those of Koor's design for the feature
       * ("Adding Ceph Dashboard SSO support"): spec.dashboard.sso with
       * enabled, users, baseUrl, idpMetadataUrl, idpUsernameAttribute,
       * entityID and the SP certificate and key from a Secret. */
      g_string_append_printf (out, "# %s\n",
                              _("Koor Storage Distribution: the CephCluster's spec.dashboard.sso "
                                "makes the operator run the Dashboard's SAML2 set-up and make "
                                "the accounts listed under users."));
      g_string_append_printf (out,
                              "kubectl -n rook-ceph patch cephcluster rook-ceph --type merge -p '"
                              "{\"spec\":{\"dashboard\":{\"sso\":{\"enabled\":true,"
                              "\"baseUrl\":\"%s\",\"idpMetadataUrl\":\"%s\","
                              "\"idpUsernameAttribute\":\"%s\"%s%s%s,"
                              "\"users\":[{\"username\":\"USER\",\"roles\":[\"read-only\"]}]"
                              "}}}}'\n",
                              base_url, idp_metadata, attribute,
                              idp_entity_id != NULL && *idp_entity_id != '\0'
                              ? ",\"entityID\":\"" : "",
                              idp_entity_id != NULL ? idp_entity_id : "",
                              idp_entity_id != NULL && *idp_entity_id != '\0' ? "\"" : "");
      g_string_append_printf (out, "# %s\n",
                              _("What the operator runs in the mgr (the same as on Pacific to "
                                "Reef):"));
      g_string_append_printf (out, "%s\n", setup_cli);
      break;
    default:
      g_assert_not_reached ();
    }
  return g_string_free (out, FALSE);
}
