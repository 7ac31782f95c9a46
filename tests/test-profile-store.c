/* test-profile-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "kdcc-connection-options.h"
#include "kdcc-error.h"
#include "kdcc-profile-store.h"

/* Set in main() before anything can call g_get_user_config_dir(), which
 * caches its answer. */
static char *config_home;

typedef struct
{
  char *path;
} Fixture;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    {
      g_unlink (path);
    }
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *kdcc_dir = g_build_filename (config_home, "kdcc", NULL);

  /* Each test starts without a config folder. */
  remove_tree (kdcc_dir);
  fixture->path = g_build_filename (kdcc_dir, "profiles.ini", NULL);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_free (fixture->path);
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GString    *log)
{
  g_string_append_printf (log, "%u-%u+%u;", position, removed, added);
}

static KdccProfile *
make_dashboard (const char *name)
{
  KdccProfile *profile = kdcc_profile_new (KDCC_PROFILE_KIND_DASHBOARD);

  kdcc_profile_set_name (profile, name);
  kdcc_profile_set_url (profile, "https://mgr.example:8443");
  kdcc_profile_set_user (profile, "admin");
  kdcc_profile_set_trusted_fingerprint (profile,
                                        "0123456789abcdef0123456789abcdef"
                                        "0123456789abcdef0123456789abcdef");
  return profile;
}

static KdccProfile *
make_direct (const char *name)
{
  KdccProfile *profile = kdcc_profile_new (KDCC_PROFILE_KIND_DIRECT);

  kdcc_profile_set_name (profile, name);
  kdcc_profile_set_conf_path (profile, "/etc/ceph/ceph.conf");
  kdcc_profile_set_keyring_path (profile, "/etc/ceph/ceph.client.backup.keyring");
  kdcc_profile_set_client_id (profile, "backup");
  return profile;
}

static void
assert_same_profile (KdccProfile *a,
                     KdccProfile *b)
{
  static const char * const props[] = {
    "id", "name", "conf-path", "keyring-path", "client-id", "url", "user",
    "trusted-fingerprint", "kubeconfig", "kube-context", "rook-namespace", "prometheus-url",
    "sso-issuer", "sso-client-id",
  };

  g_assert_cmpint (kdcc_profile_get_kind (a), ==, kdcc_profile_get_kind (b));
  for (guint i = 0; i < G_N_ELEMENTS (props); i++)
    {
      g_autofree char *va = NULL;
      g_autofree char *vb = NULL;

      g_object_get (a, props[i], &va, NULL);
      g_object_get (b, props[i], &vb, NULL);
      g_assert_cmpstr (va, ==, vb);
    }
  g_assert_cmpuint (kdcc_profile_get_max_body_mb (a), ==, kdcc_profile_get_max_body_mb (b));
}

static void
test_default_path (void)
{
  g_autoptr(KdccProfileStore) store = kdcc_profile_store_new (NULL);
  g_autofree char *expected = g_build_filename (config_home, "kdcc", "profiles.ini", NULL);

  g_assert_cmpstr (kdcc_profile_store_get_path (store), ==, expected);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (store)) == KDCC_TYPE_PROFILE);
}

static void
test_missing_file (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(KdccProfileStore) store = kdcc_profile_store_new (NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (kdcc_profile_store_load (store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
  /* Loading must not create anything. */
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(KdccProfileStore) store = kdcc_profile_store_new (NULL);
  g_autoptr(KdccProfileStore) reloaded = kdcc_profile_store_new (NULL);
  g_autoptr(KdccProfile) dash = make_dashboard ("Lab [east] = ünïcode\nsecond line");
  g_autoptr(KdccProfile) direct = make_direct ("Production");
  g_autoptr(KdccProfile) kube = kdcc_profile_new (KDCC_PROFILE_KIND_KUBERNETES);
  g_autoptr(GString) log = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  GStatBuf st;

  kdcc_profile_set_kubeconfig (kube, "/home/me/.kube/prod:/home/me/.kube/config");
  kdcc_profile_set_kube_context (kube, "prod-cluster");
  kdcc_profile_set_rook_namespace (kube, "rook-ceph");
  kdcc_profile_set_sso (kube, "https://login.example.com/realms/ops", "kdcc");
  kdcc_profile_set_max_body_mb (dash, 256);
  kdcc_profile_set_prometheus_url (direct, "http://prometheus.example:9090");

  g_signal_connect (store, "items-changed", G_CALLBACK (items_changed_cb), log);
  g_assert_true (kdcc_profile_store_load (store, &error));
  g_assert_true (kdcc_profile_store_add (store, dash, &error));
  g_assert_no_error (error);
  g_assert_true (kdcc_profile_store_add (store, direct, &error));
  g_assert_true (kdcc_profile_store_add (store, kube, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (log->str, ==, "0-0+1;1-0+1;2-0+1;");

  /* Saved at once, owner-only, in an owner-only folder. */
  g_assert_cmpint (g_stat (fixture->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  dir = g_path_get_dirname (fixture->path);
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  g_assert_true (kdcc_profile_store_load (reloaded, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (reloaded)), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(KdccProfile) a = g_list_model_get_item (G_LIST_MODEL (store), i);
      g_autoptr(KdccProfile) b = g_list_model_get_item (G_LIST_MODEL (reloaded), i);

      g_assert_true (a != b);
      assert_same_profile (a, b);
    }
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (reloaded), 3));

  /* Sign in with SSO survives the round trip; the others have none. */
  {
    g_autofree char *text = NULL;
    KdccProfile *b = kdcc_profile_store_lookup (reloaded, kdcc_profile_get_id (kube));

    g_assert_nonnull (b);
    g_assert_cmpstr (kdcc_profile_get_sso_issuer (b), ==, "https://login.example.com/realms/ops");
    g_assert_cmpstr (kdcc_profile_get_sso_client_id (b), ==, "kdcc");
    g_assert_null (kdcc_profile_get_sso_issuer (
      kdcc_profile_store_lookup (reloaded, kdcc_profile_get_id (direct))));
    g_assert_true (g_file_get_contents (fixture->path, &text, NULL, NULL));
    g_assert_nonnull (strstr (text, "sso-issuer=https://login.example.com/realms/ops\n"));
    g_assert_nonnull (strstr (text, "sso-client-id=kdcc\n"));
  }

  g_assert_true (kdcc_profile_store_lookup (reloaded, kdcc_profile_get_id (direct)) != NULL);
  g_assert_null (kdcc_profile_store_lookup (reloaded, "no-such-id"));
}

static void
test_duplicate_and_bad_ids (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(KdccProfileStore) store = kdcc_profile_store_new (NULL);
  g_autoptr(KdccProfile) a = g_object_new (KDCC_TYPE_PROFILE, "id", "same", NULL);
  g_autoptr(KdccProfile) b = g_object_new (KDCC_TYPE_PROFILE, "id", "same", NULL);
  g_autoptr(KdccProfile) bad = g_object_new (KDCC_TYPE_PROFILE, "id", "a]b", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (kdcc_profile_store_add (store, a, &error));
  g_assert_false (kdcc_profile_store_add (store, b, &error));
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==, "A connection with the id “same” is already saved");
  g_clear_error (&error);

  g_assert_false (kdcc_profile_store_add (store, bad, &error));
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  g_assert_false (kdcc_profile_store_remove (store, "nope", &error));
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
}

static void
test_update_and_remove (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(KdccProfileStore) store = kdcc_profile_store_new (fixture->path);
  g_autoptr(KdccProfileStore) reloaded = NULL;
  g_autoptr(KdccProfile) dash = make_dashboard ("Lab");
  g_autoptr(KdccProfile) direct = make_direct ("Production");
  g_autoptr(KdccProfile) replacement = NULL;
  g_autoptr(GString) log = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (kdcc_profile_store_add (store, dash, &error));
  g_assert_true (kdcc_profile_store_add (store, direct, &error));
  g_signal_connect (store, "items-changed", G_CALLBACK (items_changed_cb), log);

  /* Editing the saved object and updating saves without a list change. */
  kdcc_profile_set_name (dash, "Lab (renamed)");
  g_assert_true (kdcc_profile_store_update (store, dash, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (log->str, ==, "");

  /* A new object with the same id replaces the old one in place. */
  replacement = g_object_new (KDCC_TYPE_PROFILE,
                              "id", kdcc_profile_get_id (direct),
                              "kind", KDCC_PROFILE_KIND_DIRECT,
                              "name", "Production 2",
                              "conf-path", "/srv/ceph.conf",
                              NULL);
  g_assert_true (kdcc_profile_store_update (store, replacement, &error));
  g_assert_cmpstr (log->str, ==, "1-1+1;");

  reloaded = kdcc_profile_store_new (fixture->path);
  g_assert_true (kdcc_profile_store_load (reloaded, &error));
  g_assert_cmpstr (kdcc_profile_get_name (kdcc_profile_store_lookup (reloaded,
                                                                     kdcc_profile_get_id (dash))),
                   ==, "Lab (renamed)");
  assert_same_profile (replacement,
                       kdcc_profile_store_lookup (reloaded, kdcc_profile_get_id (direct)));

  g_assert_true (kdcc_profile_store_remove (store, kdcc_profile_get_id (dash), &error));
  g_assert_cmpstr (log->str, ==, "1-1+1;0-1+0;");
  g_clear_object (&reloaded);
  reloaded = kdcc_profile_store_new (fixture->path);
  g_assert_true (kdcc_profile_store_load (reloaded, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (reloaded)), ==, 1);
  g_assert_null (kdcc_profile_store_lookup (reloaded, kdcc_profile_get_id (dash)));

  /* An update for a profile that is not saved is an error. */
  g_assert_false (kdcc_profile_store_update (store, dash, &error));
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT);
}

static void
test_find (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(KdccProfileStore) store = kdcc_profile_store_new (fixture->path);
  g_autoptr(KdccProfile) a = make_dashboard ("Lab");
  g_autoptr(KdccProfile) b = make_direct ("Production");
  g_autoptr(KdccProfile) c = make_direct ("Production");

  g_assert_true (kdcc_profile_store_add (store, a, NULL));
  g_assert_true (kdcc_profile_store_add (store, b, NULL));
  g_assert_true (kdcc_profile_store_find (store, kdcc_profile_get_id (b)) == b);
  g_assert_true (kdcc_profile_store_find (store, "Lab") == a);
  g_assert_true (kdcc_profile_store_find (store, "Production") == b);

  /* Two profiles with one name: refuse to guess. */
  g_assert_true (kdcc_profile_store_add (store, c, NULL));
  g_assert_null (kdcc_profile_store_find (store, "Production"));
  g_assert_true (kdcc_profile_store_find (store, kdcc_profile_get_id (c)) == c);
  g_assert_null (kdcc_profile_store_find (store, "lab"));
}

static void
test_no_password_in_file (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(KdccConnectionOptions) options = kdcc_connection_options_new ();
  g_autoptr(KdccProfileStore) store = kdcc_profile_store_new (fixture->path);
  g_autoptr(KdccProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *password = NULL;
  g_autofree char *password_file = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *dir = g_path_get_dirname (fixture->path);
  const char *secret = "S3cr3t-Pa55word-4-test";

  /* The real path a password takes: flags -> profile + password, then the
   * profile is saved. The file must not learn the password. */
  g_mkdir_with_parents (dir, 0700);
  password_file = g_build_filename (dir, "password", NULL);
  g_file_set_contents (password_file, secret, -1, &error);
  g_assert_no_error (error);
  g_chmod (password_file, 0600);

  options->dashboard_url = g_strdup ("https://mgr.example:8443");
  options->user = g_strdup ("admin");
  options->password_file = g_strdup (password_file);
  g_assert_true (kdcc_connection_options_resolve (options, store, NULL, &profile, &password,
                                                  NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (password, ==, secret);

  kdcc_profile_set_name (profile, "Lab");
  g_assert_true (kdcc_profile_store_add (store, profile, &error));
  g_assert_no_error (error);

  g_file_get_contents (fixture->path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents, "https://mgr.example:8443"));
  g_assert_null (strstr (contents, secret));
  g_assert_null (strstr (contents, "password="));
  g_unlink (password_file);
}

static void
test_malformed_file (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(KdccProfileStore) store = kdcc_profile_store_new (fixture->path);
  g_autoptr(KdccProfile) profile = make_direct ("New");
  g_autoptr(GError) error = NULL;
  g_autofree char *bad_path = g_strconcat (fixture->path, ".bad", NULL);
  g_autofree char *dir = g_path_get_dirname (fixture->path);
  g_autofree char *kept = NULL;
  const char *garbage = "this is not an ini file\n[unclosed\nkind=direct\n";

  g_mkdir_with_parents (dir, 0700);
  g_file_set_contents (fixture->path, garbage, -1, &error);
  g_assert_no_error (error);

  g_assert_false (kdcc_profile_store_load (store, &error));
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_PARSE);
  /* The message says which file and where it went. */
  g_assert_nonnull (strstr (error->message, fixture->path));
  g_assert_nonnull (strstr (error->message, bad_path));
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);

  /* Kept aside byte for byte, not lost. */
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
  g_file_get_contents (bad_path, &kept, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kept, ==, garbage);

  /* The store works again, and saving does not touch the kept file. */
  g_assert_true (kdcc_profile_store_add (store, profile, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (bad_path, G_FILE_TEST_EXISTS));
}

static void
test_partly_malformed_file (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(KdccProfileStore) store = kdcc_profile_store_new (fixture->path);
  g_autoptr(KdccProfileStore) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (fixture->path);
  g_autofree char *bad_path = g_strconcat (fixture->path, ".bad", NULL);
  const char *contents =
    "[good]\nkind=dashboard\nname=Lab\nurl=https://mgr:8443\nuser=admin\n"
    "[bogus]\nkind=floppy\nname=Nope\n"
    "[nokind]\nname=Nope either\n";
  guint n_bad = 0;
  g_autoptr(GDir) listing = NULL;
  const char *name;

  g_mkdir_with_parents (dir, 0700);
  g_file_set_contents (bad_path, "an older bad file", -1, &error);
  g_file_set_contents (fixture->path, contents, -1, &error);
  g_assert_no_error (error);

  g_assert_false (kdcc_profile_store_load (store, &error));
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "The connection [bogus] has an unknown kind “floppy”"));
  g_clear_error (&error);

  /* The valid profile is still there ... */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
  g_assert_cmpstr (kdcc_profile_get_name (kdcc_profile_store_lookup (store, "good")), ==, "Lab");

  /* ... and was written back, so the next start finds it without error ... */
  reloaded = kdcc_profile_store_new (NULL);
  g_assert_true (kdcc_profile_store_load (reloaded, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (reloaded)), ==, 1);
  g_assert_nonnull (kdcc_profile_store_lookup (reloaded, "good"));

  /* ... and the older .bad file was not overwritten: there are two now. */
  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_suffix (name, ".bad"))
      n_bad++;
  g_assert_cmpuint (n_bad, ==, 2);
}

/* Found by fuzz-profile-store: a group name that is not UTF-8 became a
 * profile id, which GSettings and the Secret Service cannot carry. */
static void
test_non_utf8_id (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(KdccProfileStore) store = kdcc_profile_store_new (fixture->path);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (fixture->path);
  const char *contents =
    "[good]\nkind=dashboard\nname=Lab\nurl=https://mgr:8443\nuser=admin\n"
    "[c3\xca" "4]\nkind=dashboard\nname=Prod\nurl=https://mgr:8443\nuser=admin\n";

  g_mkdir_with_parents (dir, 0700);
  g_file_set_contents (fixture->path, contents, -1, &error);
  g_assert_no_error (error);

  g_assert_false (kdcc_profile_store_load (store, &error));
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "is not valid text"));
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
  g_assert_nonnull (kdcc_profile_store_lookup (store, "good"));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  config_home = g_dir_make_tmp ("kdcc-test-profile-store-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_CONFIG_HOME", config_home, TRUE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/profile-store/default-path", test_default_path);
  g_test_add ("/profile-store/missing-file", Fixture, NULL,
              fixture_setup, test_missing_file, fixture_teardown);
  g_test_add ("/profile-store/round-trip", Fixture, NULL,
              fixture_setup, test_round_trip, fixture_teardown);
  g_test_add ("/profile-store/duplicate-and-bad-ids", Fixture, NULL,
              fixture_setup, test_duplicate_and_bad_ids, fixture_teardown);
  g_test_add ("/profile-store/update-and-remove", Fixture, NULL,
              fixture_setup, test_update_and_remove, fixture_teardown);
  g_test_add ("/profile-store/find", Fixture, NULL,
              fixture_setup, test_find, fixture_teardown);
  g_test_add ("/profile-store/no-password-in-file", Fixture, NULL,
              fixture_setup, test_no_password_in_file, fixture_teardown);
  g_test_add ("/profile-store/malformed-file", Fixture, NULL,
              fixture_setup, test_malformed_file, fixture_teardown);
  g_test_add ("/profile-store/non-utf8-id", Fixture, NULL,
              fixture_setup, test_non_utf8_id, fixture_teardown);
  g_test_add ("/profile-store/partly-malformed-file", Fixture, NULL,
              fixture_setup, test_partly_malformed_file, fixture_teardown);

  ret = g_test_run ();
  remove_tree (config_home);
  g_free (config_home);
  return ret;
}
