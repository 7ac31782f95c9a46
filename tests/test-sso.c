/* test-sso.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Dashboard SSO and account operations without a cluster: their exact
 * `ceph dashboard …` commands, validation, risk, read-back comparison,
 * inverse, the staging file's round trip, and the untested plans.
 */
#define G_LOG_DOMAIN "test-sso"

#include "config.h"

#include "kdcc-error.h"
#include "kdcc-operation.h"
#include "kdcc-source.h"
#include "kdcc-sso.h"
#include "kdcc-staging.h"
#include "kdcc-test-util.h"

static void
assert_cli (KdccOperation *operation,
            const char    *expected)
{
  g_autofree char *cli = kdcc_operation_dup_cli_equivalent (operation);

  g_assert_cmpstr (cli, ==, expected);
}

static void
test_cli (void)
{
  g_autoptr(KdccOperation) setup = NULL;
  g_autoptr(KdccOperation) setup_full = NULL;
  g_autoptr(KdccOperation) setup_cert = NULL;
  g_autoptr(KdccOperation) disable = kdcc_operation_new_sso_disable ();
  g_autoptr(KdccOperation) create = kdcc_operation_new_dashboard_user_create ("alice", "read-only");
  g_autoptr(KdccOperation) create_bare = kdcc_operation_new_dashboard_user_create ("bob", NULL);
  g_autoptr(KdccOperation) delete = kdcc_operation_new_dashboard_user_delete ("alice");
  const char *roles[] = { "pool-manager", "block-manager", NULL };
  g_autoptr(KdccOperation) set_roles = kdcc_operation_new_dashboard_user_set_roles ("alice", roles);

  /* The trailing slash goes: the mgr appends "/auth/saml2". */
  setup = kdcc_operation_new_sso_setup_saml2 ("https://mgr.example:8443/",
                                              "https://idp.example/metadata", NULL, NULL, NULL,
                                              NULL);
  assert_cli (setup, "ceph dashboard sso setup saml2 https://mgr.example:8443 "
                     "https://idp.example/metadata uid");
  g_assert_cmpstr (kdcc_operation_get_target (setup), ==, "https://mgr.example:8443");

  setup_full = kdcc_operation_new_sso_setup_saml2 ("https://mgr.example:8443", "/srv/idp meta.xml",
                                                   "email", "https://idp.example/realms/x",
                                                   "/etc/ceph/sp.crt", "/etc/ceph/sp.key");
  assert_cli (setup_full, "ceph dashboard sso setup saml2 https://mgr.example:8443 "
                          "'/srv/idp meta.xml' email https://idp.example/realms/x "
                          "/etc/ceph/sp.crt /etc/ceph/sp.key");

  /* The entity id is positional: "" stands in when only the certificate
   * is given. */
  setup_cert = kdcc_operation_new_sso_setup_saml2 ("https://mgr.example:8443",
                                                   "https://idp.example/metadata", "uid", "",
                                                   "/etc/ceph/sp.crt", "/etc/ceph/sp.key");
  assert_cli (setup_cert, "ceph dashboard sso setup saml2 https://mgr.example:8443 "
                          "https://idp.example/metadata uid '' /etc/ceph/sp.crt /etc/ceph/sp.key");

  {
    g_autofree char *cli = kdcc_operation_dup_cli_equivalent (disable);

    /* `sso disable` alone leaves the endpoints signing users in: the
     * settings are replaced first. */
    g_assert_true (g_str_has_prefix (cli, "ceph dashboard sso setup saml2 "
                                          "https://sso-disabled.invalid '<md:EntityDescriptor "));
    g_assert_true (g_str_has_suffix (cli, "</md:EntityDescriptor>' && ceph dashboard sso disable"));
  }
  assert_cli (create, "ceph dashboard ac-user-create alice -i <(openssl rand -base64 32) "
                      "read-only --force-password");
  assert_cli (create_bare, "ceph dashboard ac-user-create bob -i <(openssl rand -base64 32) "
                           "--force-password");
  assert_cli (delete, "ceph dashboard ac-user-delete alice");
  /* Sorted, as the read back lists them. */
  assert_cli (set_roles, "ceph dashboard ac-user-set-roles alice block-manager pool-manager");
  g_assert_cmpstr (kdcc_operation_get_expected_value (set_roles), ==,
                   "block-manager,pool-manager");

  /* All of them are mgr commands of the Dashboard module. */
  g_assert_cmpint (kdcc_capability_for_operation (setup), ==, KDCC_CAPABILITY_DASHBOARD_SSO);
  g_assert_cmpint (kdcc_capability_for_operation (set_roles), ==, KDCC_CAPABILITY_DASHBOARD_SSO);
}

static void
assert_invalid (KdccOperation *operation,
                const char    *part_of_message)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (kdcc_operation_validate (operation, &error));
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, part_of_message));
}

static void
test_validate (void)
{
  g_autoptr(KdccOperation) ok = kdcc_operation_new_sso_setup_saml2 ("http://127.0.0.1:8080",
                                                                    "file:///etc/idp.xml",
                                                                    NULL, NULL, NULL, NULL);
  g_autoptr(KdccOperation) no_url = kdcc_operation_new_sso_setup_saml2 ("mgr.example", "/x.xml",
                                                                        NULL, NULL, NULL, NULL);
  g_autoptr(KdccOperation) relative = kdcc_operation_new_sso_setup_saml2 ("https://m", "idp.xml",
                                                                          NULL, NULL, NULL, NULL);
  g_autoptr(KdccOperation) half = kdcc_operation_new_sso_setup_saml2 ("https://m", "/idp.xml",
                                                                      NULL, NULL, "/sp.crt", NULL);
  g_autoptr(KdccOperation) attribute = kdcc_operation_new_sso_setup_saml2 ("https://m", "/i.xml",
                                                                           "two words", NULL,
                                                                           NULL, NULL);
  g_autoptr(KdccOperation) user = kdcc_operation_new_dashboard_user_create ("al ice", NULL);
  const char *roles[] = { "read-only", "", "bad role", NULL };
  g_autoptr(KdccOperation) role = kdcc_operation_new_dashboard_user_set_roles ("alice", roles);
  g_autoptr(GError) error = NULL;

  g_assert_true (kdcc_operation_validate (ok, &error));
  g_assert_no_error (error);
  assert_invalid (no_url, "mgr.example");
  assert_invalid (relative, "idp.xml");
  assert_invalid (half, "both or neither");
  assert_invalid (attribute, "two words");
  assert_invalid (user, "al ice");
  /* Empty names are dropped; a name with a space is refused. */
  assert_invalid (role, "bad role");

  g_assert_true (kdcc_operation_sso_metadata_is_url ("https://idp/metadata"));
  g_assert_true (kdcc_operation_sso_metadata_is_url ("file:///etc/idp.xml"));
  g_assert_false (kdcc_operation_sso_metadata_is_url ("/etc/idp.xml"));
  g_assert_false (kdcc_operation_sso_metadata_is_url ("https:///nohost"));
}

static void
test_risk_and_inverse (void)
{
  g_autoptr(KdccOperation) setup = kdcc_operation_new_sso_setup_saml2 ("https://m", "/i.xml",
                                                                       NULL, NULL, NULL, NULL);
  g_autoptr(KdccOperation) disable = kdcc_operation_new_sso_disable ();
  g_autoptr(KdccOperation) create = kdcc_operation_new_dashboard_user_create ("alice", NULL);
  g_autoptr(KdccOperation) delete = kdcc_operation_new_dashboard_user_delete ("alice");
  const char *admin[] = { "administrator", NULL };
  const char *reader[] = { "read-only", NULL };
  g_autoptr(KdccOperation) make_admin = kdcc_operation_new_dashboard_user_set_roles ("a", admin);
  g_autoptr(KdccOperation) make_reader = kdcc_operation_new_dashboard_user_set_roles ("a", reader);
  g_autoptr(KdccOperation) inverse = NULL;
  g_autofree char *cli = NULL;

  g_assert_cmpint (kdcc_operation_get_risk (setup), ==, KDCC_RISK_MEDIUM);
  g_assert_cmpint (kdcc_operation_get_risk (disable), ==, KDCC_RISK_MEDIUM);
  g_assert_cmpint (kdcc_operation_get_risk (create), ==, KDCC_RISK_LOW);
  g_assert_nonnull (kdcc_operation_get_risk_reason (create));
  g_assert_cmpint (kdcc_operation_get_risk (delete), ==, KDCC_RISK_MEDIUM);
  g_assert_cmpint (kdcc_operation_get_risk (make_admin), ==, KDCC_RISK_MEDIUM);
  g_assert_cmpint (kdcc_operation_get_risk (make_reader), ==, KDCC_RISK_LOW);

  /* SSO was off: undo turns it off again. */
  inverse = kdcc_operation_new_inverse (setup, NULL);
  g_assert_nonnull (inverse);
  g_assert_cmpint (kdcc_operation_get_kind (inverse), ==, KDCC_OPERATION_SSO_DISABLE);
  g_clear_object (&inverse);
  /* Another set-up was in force: the mgr cannot give it back. */
  g_assert_null (kdcc_operation_new_inverse (setup, "https://other"));
  /* The same base URL was in force: nothing to undo as far as can be told. */
  g_assert_null (kdcc_operation_new_inverse (setup, "https://m"));

  inverse = kdcc_operation_new_inverse (create, NULL);
  g_assert_cmpint (kdcc_operation_get_kind (inverse), ==, KDCC_OPERATION_DASHBOARD_USER_DELETE);
  g_clear_object (&inverse);

  inverse = kdcc_operation_new_inverse (make_admin, "block-manager,read-only");
  cli = kdcc_operation_dup_cli_equivalent (inverse);
  g_assert_cmpstr (cli, ==, "ceph dashboard ac-user-set-roles a block-manager read-only");

  g_assert_true (kdcc_operation_read_back_matches (setup, "https://m"));
  g_assert_false (kdcc_operation_read_back_matches (setup, NULL));
  g_assert_true (kdcc_operation_read_back_matches (disable, NULL));
  g_assert_false (kdcc_operation_read_back_matches (disable, "saml2"));
  g_assert_false (kdcc_operation_read_back_matches (disable, "stored"));
  g_assert_true (kdcc_operation_read_back_matches (create, "exists"));
}

static void
test_staging_round_trip (void)
{
  KdccOperation *ops[] = {
    kdcc_operation_new_sso_setup_saml2 ("https://m:8443", "https://idp/md", "email", "urn:idp",
                                        "/sp.crt", "/sp.key"),
    kdcc_operation_new_sso_disable (),
    kdcc_operation_new_dashboard_user_create ("alice", "read-only"),
    kdcc_operation_new_dashboard_user_delete ("alice"),
    kdcc_operation_new_dashboard_user_set_roles ("alice",
                                                 (const char *[]) { "read-only", "pool-manager",
                                                                    NULL }),
  };

  for (guint i = 0; i < G_N_ELEMENTS (ops); i++)
    {
      g_autoptr(KdccOperation) operation = ops[i];
      g_autoptr(JsonNode) node = kdcc_operation_to_json_node (operation);
      g_autoptr(KdccOperation) back = kdcc_operation_new_from_json (node);
      g_autofree char *cli = kdcc_operation_dup_cli_equivalent (operation);
      g_autofree char *cli_back = NULL;

      g_assert_nonnull (back);
      cli_back = kdcc_operation_dup_cli_equivalent (back);
      g_assert_cmpint (kdcc_operation_get_kind (back), ==, kdcc_operation_get_kind (operation));
      g_assert_cmpstr (cli_back, ==, cli);
    }
}

static void
test_plans (void)
{
  g_autofree char *squid = kdcc_sso_render_plan (KDCC_SSO_PLAN_SQUID_OAUTH2, "https://m:8443",
                                                 "https://idp/md", NULL, NULL);
  g_autofree char *koor = kdcc_sso_render_plan (KDCC_SSO_PLAN_KOOR_SPEC, "https://m:8443",
                                                "https://idp/md", "email", "urn:idp");

  /* Both say plainly that they were not tried. */
  g_assert_true (g_str_has_prefix (squid, "# UNTESTED"));
  g_assert_true (g_str_has_prefix (koor, "# UNTESTED"));
  g_assert_nonnull (strstr (squid, "ceph orch apply -i oauth2-proxy.yaml"));
  g_assert_nonnull (strstr (squid, "service_type: oauth2-proxy"));
  g_assert_nonnull (strstr (koor, "\"baseUrl\":\"https://m:8443\""));
  g_assert_nonnull (strstr (koor, "\"idpMetadataUrl\":\"https://idp/md\""));
  g_assert_nonnull (strstr (koor, "\"entityID\":\"urn:idp\""));
  g_assert_nonnull (strstr (koor, "\"users\":[{\"username\":\"USER\""));
  g_assert_nonnull (strstr (koor, "ceph dashboard sso setup saml2 https://m:8443 https://idp/md "
                                  "email"));

  g_assert_true (kdcc_dashboard_role_is_system ("read-only"));
  g_assert_true (kdcc_dashboard_role_is_system ("cluster-manager"));
  g_assert_false (kdcc_dashboard_role_is_system ("storage-auditor"));
}

int
main (int   argc,
      char *argv[])
{
  kdcc_test_ignore_glib_quark_arrays ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sso/cli", test_cli);
  g_test_add_func ("/sso/validate", test_validate);
  g_test_add_func ("/sso/risk-and-inverse", test_risk_and_inverse);
  g_test_add_func ("/sso/staging-round-trip", test_staging_round_trip);
  g_test_add_func ("/sso/plans", test_plans);

  return kdcc_test_run ();
}
