/* test-profile.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "kdcc-enums.h"
#include "kdcc-error.h"
#include "kdcc-profile.h"

typedef struct
{
  char *dir;
  char *conf;
  char *keyring;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("kdcc-test-profile-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->conf = g_build_filename (fixture->dir, "ceph.conf", NULL);
  fixture->keyring = g_build_filename (fixture->dir, "ceph.client.admin.keyring", NULL);
  g_file_set_contents (fixture->conf, "[global]\nmon_host = 127.0.0.1:1\n", -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (fixture->keyring, "[client.admin]\nkey = AAAA\n", -1, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_unlink (fixture->conf);
  g_unlink (fixture->keyring);
  g_rmdir (fixture->dir);
  g_free (fixture->conf);
  g_free (fixture->keyring);
  g_free (fixture->dir);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_defaults (void)
{
  KdccProfile *a = kdcc_profile_new (KDCC_PROFILE_KIND_DIRECT);
  KdccProfile *b = kdcc_profile_new (KDCC_PROFILE_KIND_DASHBOARD);
  KdccProfile *c = g_object_new (KDCC_TYPE_PROFILE, "id", "my-id", NULL);

  /* Generated ids are unique uuids; an explicit id is kept. */
  g_assert_true (g_uuid_string_is_valid (kdcc_profile_get_id (a)));
  g_assert_true (g_uuid_string_is_valid (kdcc_profile_get_id (b)));
  g_assert_cmpstr (kdcc_profile_get_id (a), !=, kdcc_profile_get_id (b));
  g_assert_cmpstr (kdcc_profile_get_id (c), ==, "my-id");

  g_assert_cmpint (kdcc_profile_get_kind (a), ==, KDCC_PROFILE_KIND_DIRECT);
  g_assert_cmpint (kdcc_profile_get_kind (b), ==, KDCC_PROFILE_KIND_DASHBOARD);
  g_assert_cmpstr (kdcc_profile_get_client_id (a), ==, "admin");
  g_assert_null (kdcc_profile_get_name (a));
  g_assert_null (kdcc_profile_get_trusted_fingerprint (b));

  g_assert_finalize_object (a);
  g_assert_finalize_object (b);
  g_assert_finalize_object (c);
}

static void
test_kind_enum (void)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (KDCC_TYPE_PROFILE_KIND);
  KdccProfileKind kind = KDCC_PROFILE_KIND_DIRECT;
  GParamSpec *pspec;

  g_assert_true (G_TYPE_IS_ENUM (KDCC_TYPE_PROFILE_KIND));
  g_assert_cmpint (klass->n_values, ==, 3);
  g_assert_cmpstr (g_enum_get_value (klass, KDCC_PROFILE_KIND_DASHBOARD)->value_nick, ==,
                   "dashboard");

  pspec = g_object_class_find_property (g_type_class_peek (KDCC_TYPE_PROFILE), "kind");
  g_assert_nonnull (pspec);
  g_assert_true (G_PARAM_SPEC_VALUE_TYPE (pspec) == KDCC_TYPE_PROFILE_KIND);

  g_assert_cmpstr (kdcc_profile_kind_to_string (KDCC_PROFILE_KIND_KUBERNETES), ==, "kubernetes");
  g_assert_true (kdcc_profile_kind_from_string ("dashboard", &kind));
  g_assert_cmpint (kind, ==, KDCC_PROFILE_KIND_DASHBOARD);
  g_assert_false (kdcc_profile_kind_from_string ("Dashboard", &kind));
  g_assert_false (kdcc_profile_kind_from_string ("", &kind));
  g_assert_false (kdcc_profile_kind_from_string (NULL, &kind));
  g_assert_cmpint (kind, ==, KDCC_PROFILE_KIND_DASHBOARD);
}

static void
test_notify_only_on_change (void)
{
  g_autoptr(KdccProfile) profile = kdcc_profile_new (KDCC_PROFILE_KIND_DIRECT);
  guint name_count = 0;
  guint client_count = 0;
  guint kind_count = 0;

  g_signal_connect (profile, "notify::name", G_CALLBACK (count_notify_cb), &name_count);
  g_signal_connect (profile, "notify::client-id", G_CALLBACK (count_notify_cb), &client_count);
  g_signal_connect (profile, "notify::kind", G_CALLBACK (count_notify_cb), &kind_count);

  kdcc_profile_set_name (profile, "Lab");
  kdcc_profile_set_name (profile, "Lab");
  g_object_set (profile, "name", "Lab", NULL);
  g_assert_cmpuint (name_count, ==, 1);

  /* "" means unset, like NULL. */
  kdcc_profile_set_name (profile, "");
  g_assert_null (kdcc_profile_get_name (profile));
  kdcc_profile_set_name (profile, NULL);
  g_assert_cmpuint (name_count, ==, 2);

  /* "client.admin" is the same client as "admin". */
  kdcc_profile_set_client_id (profile, "client.backup");
  g_assert_cmpstr (kdcc_profile_get_client_id (profile), ==, "backup");
  kdcc_profile_set_client_id (profile, "backup");
  g_assert_cmpuint (client_count, ==, 1);

  g_object_set (profile, "kind", KDCC_PROFILE_KIND_DIRECT, NULL);
  g_assert_cmpuint (kind_count, ==, 0);
  g_object_set (profile, "kind", KDCC_PROFILE_KIND_DASHBOARD, NULL);
  g_assert_cmpuint (kind_count, ==, 1);
}

static void
test_normalization (void)
{
  g_autoptr(KdccProfile) profile = kdcc_profile_new (KDCC_PROFILE_KIND_DASHBOARD);
  const char *hex = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  const char *canonical = "01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:"
                          "01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF";

  kdcc_profile_set_url (profile, "  https://mgr.example:8443//  ");
  g_assert_cmpstr (kdcc_profile_get_url (profile), ==, "https://mgr.example:8443");

  /* Every usual spelling of the fingerprint ends up as the one the
   * dashboard source prints, so it can be pasted back. */
  kdcc_profile_set_trusted_fingerprint (profile, hex);
  g_assert_cmpstr (kdcc_profile_get_trusted_fingerprint (profile), ==, canonical);
  kdcc_profile_set_trusted_fingerprint (profile, NULL);
  kdcc_profile_set_trusted_fingerprint (profile,
                                        "sha256:01:23:45:67:89:ab:cd:ef:01:23:45:67:89:ab:cd:"
                                        "ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89:ab:cd:ef");
  g_assert_cmpstr (kdcc_profile_get_trusted_fingerprint (profile), ==, canonical);

  /* Garbage stays as typed, so validation can show it. */
  kdcc_profile_set_trusted_fingerprint (profile, "not-a-fingerprint");
  g_assert_cmpstr (kdcc_profile_get_trusted_fingerprint (profile), ==, "not-a-fingerprint");
}

static char *
name_for_conf (const char *dir,
               const char *file,
               const char *contents)
{
  g_autofree char *path = g_build_filename (dir, file, NULL);
  g_autoptr(KdccProfile) direct = kdcc_profile_new (KDCC_PROFILE_KIND_DIRECT);
  char *name;

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  kdcc_profile_set_conf_path (direct, path);
  name = kdcc_profile_dup_display_name (direct);
  g_unlink (path);

  return name;
}

static void
test_display_name (void)
{
  g_autoptr(KdccProfile) dash = kdcc_profile_new (KDCC_PROFILE_KIND_DASHBOARD);
  g_autoptr(KdccProfile) direct = kdcc_profile_new (KDCC_PROFILE_KIND_DIRECT);
  g_autofree char *dir = g_dir_make_tmp ("kdcc-profile-name-XXXXXX", NULL);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  static const struct {
    const char *file;
    const char *contents;
    const char *expected;
  } confs[] = {
    /* What cephadm and vstart write. */
    { "ceph.conf", "# minimal ceph.conf\n[global]\n\tfsid = 2f6d1c3e\n"
      "\tmon_host = [v2:10.0.0.1:3300/0,v1:10.0.0.1:6789/0] [v2:10.0.0.2:3300/0]\n",
      "ceph at 10.0.0.1" },
    { "backup.conf", "[global]\nmon host = mon1.example.com:6789, mon2.example.com\n",
      "backup at mon1.example.com" },
    { "ceph.conf", "[global]\nmon-host = [::1]:6789\n", "ceph at ::1" },
    { "ceph.conf", "[global]\n[mon.a]\nmon addr = 192.168.1.5:6789\n", "ceph at 192.168.1.5" },
    /* No mon in it: a generic name, never the path. */
    { "ceph.conf", "[global]\nfsid = x\n", "Ceph cluster" },
  };

  kdcc_profile_set_url (dash, "https://mgr.example:8443");
  a = kdcc_profile_dup_display_name (dash);
  g_assert_cmpstr (a, ==, "mgr.example");

  for (guint i = 0; i < G_N_ELEMENTS (confs); i++)
    {
      g_autofree char *name = name_for_conf (dir, confs[i].file, confs[i].contents);

      g_assert_cmpstr (name, ==, confs[i].expected);
      g_assert_null (strchr (name, '/'));
    }
  g_rmdir (dir);

  kdcc_profile_set_conf_path (direct, "/nonexistent/ceph.conf");
  b = kdcc_profile_dup_display_name (direct);
  g_assert_cmpstr (b, ==, "Ceph cluster");

  kdcc_profile_set_name (direct, "Production");
  c = kdcc_profile_dup_display_name (direct);
  g_assert_cmpstr (c, ==, "Production");
}

static void
assert_invalid (KdccProfile *profile,
                const char  *expected_message)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (kdcc_profile_validate (profile, &error));
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==, expected_message);
}

static void
test_validate_direct (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(KdccProfile) profile = kdcc_profile_new (KDCC_PROFILE_KIND_DIRECT);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  assert_invalid (profile, "Choose the Ceph configuration file (ceph.conf)");

  kdcc_profile_set_conf_path (profile, "/nonexistent/ceph.conf");
  assert_invalid (profile, "The configuration file /nonexistent/ceph.conf does not exist");

  kdcc_profile_set_conf_path (profile, fixture->dir);
  message = g_strdup_printf ("The configuration file %s is not a regular file", fixture->dir);
  assert_invalid (profile, message);

  kdcc_profile_set_conf_path (profile, fixture->conf);
  kdcc_profile_set_keyring_path (profile, "/x");
  assert_invalid (profile, "The keyring file /x does not exist");

  /* No keyring at all is fine: librados then finds it through ceph.conf. */
  kdcc_profile_set_keyring_path (profile, NULL);
  g_assert_true (kdcc_profile_validate (profile, &error));
  g_assert_no_error (error);

  kdcc_profile_set_keyring_path (profile, fixture->keyring);
  kdcc_profile_set_client_id (profile, "bad name");
  assert_invalid (profile, "The client name “bad name” must not contain spaces");

  kdcc_profile_set_client_id (profile, "client.admin");
  g_assert_true (kdcc_profile_validate (profile, &error));
  g_assert_no_error (error);
}

static void
test_validate_dashboard (void)
{
  g_autoptr(KdccProfile) profile = kdcc_profile_new (KDCC_PROFILE_KIND_DASHBOARD);
  g_autoptr(GError) error = NULL;

  assert_invalid (profile, "Enter the dashboard URL, for example https://ceph-mgr:8443");

  kdcc_profile_set_url (profile, "mgr.example:8443");
  assert_invalid (profile, "The dashboard URL must start with http:// or https://");
  kdcc_profile_set_url (profile, "ftp://mgr.example");
  assert_invalid (profile, "The dashboard URL must start with http:// or https://");

  kdcc_profile_set_url (profile, "https:///ceph");
  assert_invalid (profile, "The dashboard URL https:///ceph has no host name");

  kdcc_profile_set_url (profile, "https://mgr.example:8443/?x=1");
  assert_invalid (profile, "The dashboard URL https://mgr.example:8443/?x=1 must not contain "
                  "“?” or “#”");

  kdcc_profile_set_url (profile, "https://mgr.example:8443");
  assert_invalid (profile, "Enter the dashboard user name");

  kdcc_profile_set_user (profile, "admin");
  kdcc_profile_set_trusted_fingerprint (profile, "AB:CD");
  assert_invalid (profile, "The trusted certificate fingerprint “AB:CD” is not a SHA-256 "
                  "fingerprint (64 hexadecimal digits)");

  kdcc_profile_set_trusted_fingerprint (profile, NULL);
  g_assert_true (kdcc_profile_validate (profile, &error));
  g_assert_no_error (error);

  kdcc_profile_set_url (profile, "HTTP://[::1]:8080");
  g_assert_true (kdcc_profile_validate (profile, &error));
  g_assert_no_error (error);

  /* Any kind may name the Prometheus that keeps its history. */
  kdcc_profile_set_prometheus_url (profile, "ftp://prometheus:9090");
  assert_invalid (profile, "The Prometheus URL ftp://prometheus:9090 is not an http:// or "
                  "https:// address");
  kdcc_profile_set_prometheus_url (profile, "http://prometheus.example:9090");
  g_assert_true (kdcc_profile_validate (profile, &error));
  g_assert_no_error (error);
}

static void
test_create_source (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(KdccProfile) direct = kdcc_profile_new (KDCC_PROFILE_KIND_DIRECT);
  g_autoptr(KdccProfile) dash = kdcc_profile_new (KDCC_PROFILE_KIND_DASHBOARD);
  g_autoptr(KdccProfile) kube = kdcc_profile_new (KDCC_PROFILE_KIND_KUBERNETES);
  g_autoptr(KdccSource) source = NULL;
  g_autoptr(GError) error = NULL;

  kdcc_profile_set_kube_context (kube, "prod");
  g_assert_true (kdcc_profile_validate (kube, NULL));
  /* The Rook cluster is found on the first fetch, not here. */
  source = kdcc_profile_create_source (kube, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kdcc_source_get_kind (source), ==, "kubernetes");
  g_clear_object (&source);

  /* Sign in with SSO wants an http(s) issuer and a client id, or neither. */
  kdcc_profile_set_sso (kube, "https://login.example.com", NULL);
  g_assert_false (kdcc_profile_validate (kube, &error));
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "client id"));
  g_clear_error (&error);
  kdcc_profile_set_sso (kube, "login.example.com", "kdcc");
  g_assert_null (kdcc_profile_create_source (kube, NULL, &error));
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "login.example.com"));
  g_clear_error (&error);
  kdcc_profile_set_sso (kube, "https://login.example.com", "kdcc");
  g_assert_cmpstr (kdcc_profile_get_sso_issuer (kube), ==, "https://login.example.com");
  g_assert_cmpstr (kdcc_profile_get_sso_client_id (kube), ==, "kdcc");
  source = kdcc_profile_create_source (kube, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&source);
  kdcc_profile_set_sso (kube, NULL, NULL);
  g_assert_true (kdcc_profile_validate (kube, NULL));

  /* An invalid profile never reaches a source. */
  source = kdcc_profile_create_source (direct, NULL, &error);
  g_assert_null (source);
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  /* Creating a source does not connect, so these need no cluster. */
  kdcc_profile_set_conf_path (direct, fixture->conf);
  kdcc_profile_set_keyring_path (direct, fixture->keyring);
  source = kdcc_profile_create_source (direct, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (KDCC_IS_SOURCE (source));
  g_assert_cmpstr (kdcc_source_get_kind (source), ==, "rados");
  g_clear_object (&source);

  kdcc_profile_set_url (dash, "https://127.0.0.1:1");
  kdcc_profile_set_user (dash, "admin");
  source = kdcc_profile_create_source (dash, NULL, &error);
  g_assert_null (source);
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_AUTH);
  g_clear_error (&error);

  source = kdcc_profile_create_source (dash, "secret", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kdcc_source_get_kind (source), ==, "dashboard");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/profile/defaults", test_defaults);
  g_test_add_func ("/profile/kind-enum", test_kind_enum);
  g_test_add_func ("/profile/notify-only-on-change", test_notify_only_on_change);
  g_test_add_func ("/profile/normalization", test_normalization);
  g_test_add_func ("/profile/display-name", test_display_name);
  g_test_add ("/profile/validate-direct", Fixture, NULL,
              fixture_setup, test_validate_direct, fixture_teardown);
  g_test_add_func ("/profile/validate-dashboard", test_validate_dashboard);
  g_test_add ("/profile/create-source", Fixture, NULL,
              fixture_setup, test_create_source, fixture_teardown);

  return g_test_run ();
}
