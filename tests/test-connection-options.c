/* test-connection-options.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "kdcc-connection-options.h"
#include "kdcc-error.h"

typedef struct
{
  char *dir;
  char *conf;
  char *keyring;
  char *password;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("kdcc-test-options-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->conf = g_build_filename (fixture->dir, "ceph.conf", NULL);
  fixture->keyring = g_build_filename (fixture->dir, "keyring", NULL);
  fixture->password = g_build_filename (fixture->dir, "password", NULL);
  g_file_set_contents (fixture->conf, "[global]\n", -1, &error);
  g_file_set_contents (fixture->keyring, "[client.admin]\n", -1, &error);
  g_file_set_contents (fixture->password, "hunter2\n", -1, &error);
  g_assert_no_error (error);
  g_chmod (fixture->password, 0600);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->conf);
  g_free (fixture->keyring);
  g_free (fixture->password);
}

/* Parses args with the real GOptionGroup, the way kdcc-cli does. */
static KdccConnectionOptions *
parse (const char * const *args)
{
  KdccConnectionOptions *options = kdcc_connection_options_new ();
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) argv = NULL;

  g_strv_builder_add (builder, "test");
  g_strv_builder_addv (builder, (const char **) args);
  argv = g_strv_builder_end (builder);

  g_option_context_set_main_group (context, kdcc_connection_options_create_group (options));
  g_assert_true (g_option_context_parse_strv (context, &argv, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (argv), ==, 1);
  return options;
}

#define PARSE(...) parse ((const char * const []) { __VA_ARGS__, NULL })

static void
assert_resolve_fails (KdccConnectionOptions *options,
                      const char            *expected)
{
  g_autoptr(KdccProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  char *password = NULL;

  g_assert_false (kdcc_connection_options_resolve (options, NULL, NULL, &profile, &password,
                                                   NULL, &error));
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT);
  g_assert_null (profile);
  g_assert_null (password);
  if (strstr (error->message, expected) == NULL)
    g_error ("Expected “%s” in “%s”", expected, error->message);
  kdcc_connection_options_free (options);
}

static void
test_direct (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(KdccConnectionOptions) options = NULL;
  g_autoptr(KdccProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  char *password = NULL;

  options = PARSE ("--conf", fixture->conf, "--keyring", fixture->keyring, "--id", "client.ro");
  g_assert_true (kdcc_connection_options_is_set (options));
  g_assert_true (kdcc_connection_options_resolve (options, NULL, NULL, &profile, &password,
                                                  NULL, &error));
  g_assert_no_error (error);
  g_assert_null (password);
  g_assert_cmpint (kdcc_profile_get_kind (profile), ==, KDCC_PROFILE_KIND_DIRECT);
  g_assert_cmpstr (kdcc_profile_get_conf_path (profile), ==, fixture->conf);
  g_assert_cmpstr (kdcc_profile_get_keyring_path (profile), ==, fixture->keyring);
  g_assert_cmpstr (kdcc_profile_get_client_id (profile), ==, "ro");
}

static void
test_dashboard (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(KdccConnectionOptions) options = NULL;
  g_autoptr(KdccProfile) profile = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *password = NULL;

  options = PARSE ("--dashboard", "https://mgr:8443/", "--user", "admin",
                   "--password-file", fixture->password,
                   "--trust-fingerprint",
                   "AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:"
                   "aa:bb:cc:dd:ee:ff:00:11:22:33:44:55:66:77:88:99");
  g_assert_true (kdcc_connection_options_resolve (options, NULL, NULL, &profile, &password,
                                                  warnings, &error));
  g_assert_no_error (error);
  /* The trailing newline of the file is not part of the password. */
  g_assert_cmpstr (password, ==, "hunter2");
  g_assert_cmpuint (warnings->len, ==, 0);
  g_assert_cmpint (kdcc_profile_get_kind (profile), ==, KDCC_PROFILE_KIND_DASHBOARD);
  g_assert_cmpstr (kdcc_profile_get_url (profile), ==, "https://mgr:8443");
  g_assert_cmpstr (kdcc_profile_get_user (profile), ==, "admin");
  g_assert_cmpstr (kdcc_profile_get_trusted_fingerprint (profile), ==,
                   "AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:"
                   "AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99");
}

static void
test_bad_combinations (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(KdccConnectionOptions) empty = kdcc_connection_options_new ();

  g_assert_false (kdcc_connection_options_is_set (empty));
  assert_resolve_fails (g_steal_pointer (&empty), "No cluster given");

  assert_resolve_fails (PARSE ("--conf", fixture->conf, "--dashboard", "https://x"),
                        "not both");
  assert_resolve_fails (PARSE ("--id", "admin", "--user", "admin"), "not both");
  assert_resolve_fails (PARSE ("--keyring", fixture->keyring), "--keyring and --id need --conf");
  assert_resolve_fails (PARSE ("--conf", fixture->conf, "--password-file", fixture->password),
                        "only for --dashboard");
  assert_resolve_fails (PARSE ("--user", "admin"), "--user needs --dashboard");
  assert_resolve_fails (PARSE ("--dashboard", "https://x"), "--dashboard needs --user");
  assert_resolve_fails (PARSE ("--dashboard", "https://x", "--user", "a"),
                        "--dashboard needs --password-file");
  assert_resolve_fails (PARSE ("--trust-fingerprint", "AB"), "need --dashboard or --profile");
  assert_resolve_fails (PARSE ("--profile", "x", "--conf", fixture->conf),
                        "--profile cannot be combined");
  /* Field checks come from the profile, naming the field. */
  assert_resolve_fails (PARSE ("--conf", "/nonexistent/ceph.conf"),
                        "The configuration file /nonexistent/ceph.conf does not exist");
  assert_resolve_fails (PARSE ("--dashboard", "https://x", "--user", "a",
                               "--password-file", fixture->password,
                               "--trust-fingerprint", "AB"),
                        "not a SHA-256 fingerprint");
}

static void
assert_password_file (const char *contents,
                      gssize      length,
                      const char *expected,
                      const char *expected_error)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kdcc-test-options-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "pw", NULL);
  g_autofree char *password = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  g_chmod (path, 0600);

  password = kdcc_connection_options_read_password_file (path, NULL, &error);
  if (expected != NULL)
    {
      g_assert_no_error (error);
      g_assert_cmpstr (password, ==, expected);
    }
  else
    {
      g_assert_null (password);
      g_assert_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT);
      if (strstr (error->message, expected_error) == NULL)
        g_error ("Expected “%s” in “%s”", expected_error, error->message);
    }

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_password_files (void)
{
  g_autofree char *big = g_strnfill (5000, 'x');
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kdcc-test-options-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "readable", NULL);
  g_autofree char *password = NULL;

  assert_password_file ("plain", -1, "plain", NULL);
  assert_password_file ("crlf\r\n", -1, "crlf", NULL);
  /* Inner and leading spaces belong to the password. */
  assert_password_file (" sp ace \n", -1, " sp ace ", NULL);
  assert_password_file ("\n", -1, NULL, "is empty");
  assert_password_file ("", 0, NULL, "is empty");
  assert_password_file (big, -1, NULL, "too large");
  assert_password_file ("a\0b", 3, NULL, "does not hold text");
  assert_password_file ("\xff\xfe", 2, NULL, "does not hold text");

  password = kdcc_connection_options_read_password_file ("/nonexistent/pw", NULL, &error);
  g_assert_null (password);
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "/nonexistent/pw"));
  g_clear_error (&error);

  /* Readable by others: works, with a warning naming the fix. */
  g_file_set_contents (path, "pw", -1, NULL);
  g_chmod (path, 0644);
  password = kdcc_connection_options_read_password_file (path, warnings, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (password, ==, "pw");
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (warnings, 0), "chmod 600"));

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_entries_and_dict (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(KdccConnectionOptions) options = kdcc_connection_options_new ();
  const GOptionEntry *entries = kdcc_connection_options_get_entries ();
  g_autoptr(GVariantDict) dict = g_variant_dict_new (NULL);
  g_autofree char *expected_conf = g_build_filename (fixture->dir, "ceph.conf", NULL);
  guint n = 0;

  /* Entries for g_application_add_main_option_entries(): no arg_data. */
  for (; entries[n].long_name != NULL; n++)
    g_assert_null (entries[n].arg_data);
  g_assert_cmpuint (n, ==, 8);

  /* What GApplication puts in the dict: bytestrings for filenames, paths
   * relative to the remote caller's directory. */
  g_variant_dict_insert_value (dict, "conf", g_variant_new_bytestring ("ceph.conf"));
  g_variant_dict_insert_value (dict, "id", g_variant_new_string ("admin"));
  kdcc_connection_options_load_dict (options, dict, fixture->dir);
  g_assert_true (kdcc_connection_options_is_set (options));
  g_assert_cmpstr (options->conf_path, ==, expected_conf);
  g_assert_cmpstr (options->client_id, ==, "admin");
  g_assert_null (options->dashboard_url);
}

static void
test_saved_profile (Fixture       *fixture,
                    gconstpointer  data)
{
  if (g_test_subprocess ())
    {
      g_autofree char *ini = g_build_filename (fixture->dir, "profiles.ini", NULL);
      g_autoptr(KdccProfileStore) store = kdcc_profile_store_new (ini);
      g_autoptr(KdccSecretStore) secrets = NULL;
      g_autoptr(KdccProfile) dash = kdcc_profile_new (KDCC_PROFILE_KIND_DASHBOARD);
      g_autoptr(KdccProfile) direct = kdcc_profile_new (KDCC_PROFILE_KIND_DIRECT);
      g_autoptr(KdccProfile) profile = NULL;
      g_autoptr(KdccConnectionOptions) options = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *password = NULL;

      /* No Secret Service here, so the secret store keeps the password in
       * memory and this process can read it back. */
      g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/kdcc-test/bus", TRUE);
      secrets = kdcc_secret_store_new ();

      kdcc_profile_set_name (dash, "Lab");
      kdcc_profile_set_url (dash, "https://mgr:8443");
      kdcc_profile_set_user (dash, "admin");
      kdcc_profile_set_name (direct, "Prod");
      kdcc_profile_set_conf_path (direct, fixture->conf);
      g_assert_true (kdcc_profile_store_add (store, dash, &error));
      g_assert_true (kdcc_profile_store_add (store, direct, &error));
      g_assert_no_error (error);

      /* Dashboard profile, no password saved yet. */
      options = PARSE ("--profile", "Lab");
      g_assert_false (kdcc_connection_options_resolve (options, store, secrets, &profile,
                                                       &password, NULL, &error));
      g_assert_error (error, KDCC_ERROR, KDCC_ERROR_AUTH);
      g_assert_nonnull (strstr (error->message, "--password-file"));
      g_assert_nonnull (strstr (error->message, "no Secret Service is running"));
      g_clear_error (&error);

      g_assert_true (kdcc_secret_store_store_sync (secrets, dash, "from-secrets", NULL, &error));
      g_assert_true (kdcc_connection_options_resolve (options, store, secrets, &profile,
                                                      &password, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (password, ==, "from-secrets");
      g_assert_cmpstr (kdcc_profile_get_id (profile), ==, kdcc_profile_get_id (dash));
      /* A copy: flags never change the saved profile. */
      g_assert_true (profile != dash);
      g_clear_object (&profile);
      g_clear_pointer (&password, g_free);
      kdcc_connection_options_free (options);

      /* --password-file and --trust-fingerprint override for this run. */
      options = PARSE ("--profile", kdcc_profile_get_id (dash),
                       "--password-file", fixture->password,
                       "--trust-fingerprint", "00000000000000000000000000000000"
                                              "00000000000000000000000000000000");
      g_assert_true (kdcc_connection_options_resolve (options, store, secrets, &profile,
                                                      &password, NULL, &error));
      g_assert_cmpstr (password, ==, "hunter2");
      g_assert_nonnull (kdcc_profile_get_trusted_fingerprint (profile));
      g_assert_null (kdcc_profile_get_trusted_fingerprint (dash));
      g_clear_object (&profile);
      g_clear_pointer (&password, g_free);
      kdcc_connection_options_free (options);

      /* A direct profile needs no password. */
      options = PARSE ("--profile", "Prod");
      g_assert_true (kdcc_connection_options_resolve (options, store, secrets, &profile,
                                                      &password, NULL, &error));
      g_assert_no_error (error);
      g_assert_null (password);
      g_assert_cmpint (kdcc_profile_get_kind (profile), ==, KDCC_PROFILE_KIND_DIRECT);
      g_clear_object (&profile);
      kdcc_connection_options_free (options);

      options = PARSE ("--profile", "Prod", "--trust-fingerprint", "00");
      g_assert_false (kdcc_connection_options_resolve (options, store, secrets, &profile,
                                                       &password, NULL, &error));
      g_assert_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT);
      g_clear_error (&error);
      kdcc_connection_options_free (options);

      options = PARSE ("--profile", "Nope");
      g_assert_false (kdcc_connection_options_resolve (options, store, secrets, &profile,
                                                       &password, NULL, &error));
      g_assert_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT);
      g_assert_nonnull (strstr (error->message, "“Nope”"));
      g_clear_error (&error);
      kdcc_connection_options_free (g_steal_pointer (&options));
      g_unlink (ini);
      return;
    }

  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/connection-options/direct", Fixture, NULL,
              fixture_setup, test_direct, fixture_teardown);
  g_test_add ("/connection-options/dashboard", Fixture, NULL,
              fixture_setup, test_dashboard, fixture_teardown);
  g_test_add ("/connection-options/bad-combinations", Fixture, NULL,
              fixture_setup, test_bad_combinations, fixture_teardown);
  g_test_add_func ("/connection-options/password-files", test_password_files);
  g_test_add ("/connection-options/entries-and-dict", Fixture, NULL,
              fixture_setup, test_entries_and_dict, fixture_teardown);
  g_test_add ("/connection-options/saved-profile", Fixture, NULL,
              fixture_setup, test_saved_profile, fixture_teardown);

  return g_test_run ();
}
