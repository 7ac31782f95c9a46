/* test-sso-live.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Ceph Dashboard's SAML2 single sign-on, set up by KDCC, end to end:
 * a private real cluster (SSO changes the mgr), a real SAML2 identity
 * provider (tests/saml/kdcc-test-idp, pysaml2, with a key and certificate
 * made by openssl at its start) and a scripted browser
 * (tests/saml/kdcc-test-saml-browser) that signs in through the IdP with
 * the HTTP-Redirect and HTTP-POST bindings and then uses the Dashboard.
 * KDCC acts through kdcc-cli (the staging area, the audit log); the real
 * `ceph` reads back what it did.
 */
#define G_LOG_DOMAIN "test-sso-live"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "kdcc-rados-source.h"
#include "kdcc-sso.h"
#include "kdcc-test-util.h"

typedef struct
{
  KdccTestCluster *cluster;
  GSubprocess     *idp;
  char            *work;          /* a private folder under TMPDIR */
  char            *data_home;     /* XDG_DATA_HOME: staging and audit of the CLI */
  char            *idp_url;       /* http://127.0.0.1:PORT */
  char            *alice_pw_file; /* alice's IdP password */
  char            *bob_pw_file;   /* bob: at the IdP, without a Dashboard account */
  char            *canary;        /* alice's password: found nowhere in the end */
  char            *key_line;      /* a line of the SP's private key: the same */
} World;

static World world;

static char *
random_text (const char *prefix)
{
  return g_strdup_printf ("%s%08x%08x", prefix, g_random_int (), g_random_int ());
}

static gboolean
port_written (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

static void
start_world (void)
{
  g_autofree char *idp_dir = NULL;
  g_autofree char *users = NULL;
  g_autofree char *users_path = NULL;
  g_autofree char *port_path = NULL;
  g_autofree char *port = NULL;
  g_autofree char *script = NULL;
  g_autofree char *bob_pw = random_text ("bob-");
  g_autoptr(GError) error = NULL;

  world.work = g_dir_make_tmp ("kdcc-sso-live-XXXXXX", &error);
  g_assert_no_error (error);
  idp_dir = g_build_filename (world.work, "idp", NULL);
  g_assert_cmpint (g_mkdir (idp_dir, 0700), ==, 0);

  world.canary = random_text ("kdcc-sso-canary-");
  world.alice_pw_file = g_build_filename (world.work, "alice.pw", NULL);
  world.bob_pw_file = g_build_filename (world.work, "bob.pw", NULL);
  g_assert_true (g_file_set_contents (world.alice_pw_file, world.canary, -1, NULL));
  g_assert_true (g_file_set_contents (world.bob_pw_file, bob_pw, -1, NULL));
  users = g_strdup_printf ("{\"alice\": \"%s\", \"bob\": \"%s\"}", world.canary, bob_pw);
  users_path = g_build_filename (world.work, "users.json", NULL);
  g_assert_true (g_file_set_contents (users_path, users, -1, NULL));

  script = g_build_filename (g_getenv ("KDCC_SOURCE_ROOT"), "tests", "saml", "kdcc-test-idp",
                             NULL);
  /* Its stdout would mix with the TAP stream. */
  world.idp = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error, script, idp_dir,
                                users_path, NULL);
  g_assert_no_error (error);

  /* The cluster starts meanwhile; the IdP writes its port once it
   * listens (making its key takes a moment under load). */
  world.cluster = kdcc_test_cluster_start_private ();
  port_path = g_build_filename (idp_dir, "port", NULL);
  g_assert_true (kdcc_test_wait_until (port_written, port_path, 120000));
  g_assert_true (g_file_get_contents (port_path, &port, NULL, NULL));
  world.idp_url = g_strdup_printf ("http://127.0.0.1:%s", port);
}

static char *
run (const char * const *argv,
     int                *status)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;

  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                     | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  *status = g_subprocess_get_exit_status (process);
  g_test_message ("%s %s -> %d; stderr: %s", argv[0], argv[1], *status, err);
  /* Failures are one line on stderr: hand it out for the checks. */
  if (*status != 0)
    {
      g_free (out);
      return g_steal_pointer (&err);
    }
  return out;
}

/* kdcc-cli sso ARGS... with the private cluster's connection flags. */
static char *
cli (int        *status,
     const char *first,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("KDCC_CLI"));
  g_assert_nonnull (argv->pdata[0]);
  g_ptr_array_add (argv, (gpointer) "sso");
  va_start (args, first);
  for (const char *a = first; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (args);
  g_ptr_array_add (argv, (gpointer) "--conf");
  g_ptr_array_add (argv, world.cluster->conf);
  g_ptr_array_add (argv, (gpointer) "--keyring");
  g_ptr_array_add (argv, world.cluster->keyring);
  g_ptr_array_add (argv, (gpointer) "--id");
  g_ptr_array_add (argv, world.cluster->client_id);
  g_ptr_array_add (argv, NULL);
  return run ((const char * const *) argv->pdata, status);
}

/* The scripted browser's report. LOCAL: a local login instead of SSO. */
static JsonObject *
browse (const char *user,
        const char *password_file,
        gboolean    local)
{
  g_autofree char *script = g_build_filename (g_getenv ("KDCC_SOURCE_ROOT"), "tests", "saml",
                                              "kdcc-test-saml-browser", NULL);
  const char *argv[] = { script, local ? "--local" : world.cluster->dashboard_url,
                         local ? world.cluster->dashboard_url : user,
                         local ? user : password_file, local ? password_file : NULL, NULL };
  g_autofree char *out = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  int status;

  out = run (argv, &status);
  g_assert_cmpint (status, ==, 0);
  g_test_message ("browser: %s", out);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static JsonObject *
sso_show (void)
{
  g_autoptr(JsonNode) root = kdcc_test_ceph_json (world.cluster, "dashboard", "sso", "show",
                                                  "saml2", NULL);

  return json_object_ref (json_object_get_object_member (json_node_get_object (root),
                                                         "onelogin_settings"));
}

static void
assert_sso_status (const char *word)
{
  g_autofree char *status = kdcc_test_ceph_text (world.cluster, "dashboard", "sso", "status",
                                                 NULL);
  g_autofree char *quoted = g_strdup_printf ("\"%s\"", word);

  g_assert_nonnull (strstr (status, quoted));
}

static const char *
idp_entity_in_force (JsonObject *settings)
{
  JsonObject *idp;

  if (!json_object_has_member (settings, "idp"))
    return NULL;
  idp = json_object_get_object_member (settings, "idp");
  return json_object_get_string_member_with_default (idp, "entityId", NULL);
}

static void
test_roles (void)
{
  g_autoptr(KdccSource) source = NULL;
  g_autoptr(GPtrArray) roles = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) names = NULL;
  g_autofree char *created = NULL;
  gboolean saw_custom = FALSE;

  /* A custom role made with the real CLI is listed beside the built-in ones. */
  created = kdcc_test_ceph_text (world.cluster, "dashboard", "ac-role-create", "storage-auditor",
                                 "Reads pools for audits", NULL);
  names = kdcc_test_ceph_json (world.cluster, "dashboard", "ac-role-show", NULL);

  source = KDCC_SOURCE (kdcc_rados_source_new (world.cluster->conf, world.cluster->keyring,
                                               world.cluster->client_id));
  roles = kdcc_sso_list_roles_sync (source, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (roles->len, ==, json_array_get_length (json_node_get_array (names)));
  for (guint i = 0; i < roles->len; i++)
    {
      KdccDashboardRole *role = g_ptr_array_index (roles, i);

      if (g_str_equal (role->name, "storage-auditor"))
        {
          saw_custom = TRUE;
          g_assert_false (role->system);
          g_assert_cmpstr (role->description, ==, "Reads pools for audits");
        }
      else
        g_assert_true (role->system);
      g_assert_true (i == 0 || strcmp (((KdccDashboardRole *) g_ptr_array_index (roles, i - 1))->name,
                                       role->name) < 0);
    }
  g_assert_true (saw_custom);
}

/* Bad metadata and an unreachable metadata URL: a clear error, and SSO as
 * it was. EXPECTED_ENTITY: the IdP in force before (NULL: none). */
static void
check_refused_setups (const char *expected_entity,
                      const char *status_word)
{
  g_autofree char *bad_path = g_build_filename (world.work, "bad-metadata.xml", NULL);
  g_autofree char *out = NULL;
  g_autoptr(JsonObject) settings = NULL;
  int status;

  g_assert_true (g_file_set_contents (bad_path, "<md:EntityDescriptor xmlns:md=\"urn:oasis:names"
                                      ":tc:SAML:2.0:metadata\" entityID=\"broken\"><md:IDPSSO",
                                      -1, NULL));
  out = cli (&status, "setup", "saml2", "--idp-metadata", bad_path, "--confirm", "test", NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (out, "metadata was refused"));
  g_assert_nonnull (strstr (out, "single sign-on is unchanged"));
  g_clear_pointer (&out, g_free);

  /* Nothing listens there: the port the cluster's Prometheus exporter
   * does not use is not known, so take one that was free a moment ago. */
  {
    g_autoptr(GSocketListener) listener = g_socket_listener_new ();
    g_autofree char *url = NULL;
    guint16 port = g_socket_listener_add_any_inet_port (listener, NULL, NULL);

    g_socket_listener_close (listener);
    url = g_strdup_printf ("http://127.0.0.1:%u/metadata", port);
    out = cli (&status, "setup", "saml2", "--idp-metadata", url, "--confirm", "test", NULL);
    g_assert_cmpint (status, ==, 1);
    g_assert_nonnull (strstr (out, "could not fetch"));
    g_assert_nonnull (strstr (out, url));
    g_assert_nonnull (strstr (out, "single sign-on is unchanged"));
  }

  /* A file that is not metadata at all is refused before the mgr sees it. */
  g_clear_pointer (&out, g_free);
  g_assert_true (g_file_set_contents (bad_path, "hello", -1, NULL));
  out = cli (&status, "setup", "saml2", "--idp-metadata", bad_path, "--confirm", "test", NULL);
  g_assert_cmpint (status, ==, 2);
  g_assert_nonnull (strstr (out, "not SAML2 metadata"));

  assert_sso_status (status_word);
  settings = sso_show ();
  g_assert_cmpstr (idp_entity_in_force (settings), ==, expected_entity);
}

static void
test_refused_before_setup (void)
{
  check_refused_setups (NULL, "disabled");
}

static void
test_setup_and_login (void)
{
  g_autofree char *metadata_url = g_strconcat (world.idp_url, "/metadata", NULL);
  g_autofree char *acs = g_strconcat (world.cluster->dashboard_url, "/auth/saml2", NULL);
  g_autofree char *out = NULL;
  g_autoptr(JsonObject) settings = NULL;
  g_autoptr(JsonObject) alice = NULL;
  g_autoptr(JsonObject) bob = NULL;
  g_autoptr(JsonObject) admin = NULL;
  g_autoptr(JsonNode) user = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *state, *permissions;
  int status;

  /* Risky: refused without a confirmation, and nothing changes. */
  out = cli (&status, "setup", "saml2", "--idp-metadata", metadata_url, NULL);
  g_assert_cmpint (status, !=, 0);
  g_assert_nonnull (strstr (out, "confirmation"));
  assert_sso_status ("disabled");
  g_clear_pointer (&out, g_free);

  /* The base URL defaults to the Dashboard's own (`mgr services`). */
  out = cli (&status, "setup", "saml2", "--idp-metadata", metadata_url, "--confirm",
             "SSO for the test", NULL);
  g_assert_cmpint (status, ==, 0);
  g_clear_pointer (&out, g_free);
  assert_sso_status ("enabled");
  settings = sso_show ();
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (
                       json_object_get_object_member (settings, "sp"),
                       "assertionConsumerService"), "url"), ==, acs);
  g_assert_cmpstr (idp_entity_in_force (settings), ==, metadata_url);

  /* What to register at the IdP, from kdcc-cli sso status; never the key. */
  out = cli (&status, "status", "--json", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_null (strstr (out, "privateKey"));
  json_parser_load_from_data (parser, out, -1, NULL);
  state = json_node_get_object (json_parser_get_root (parser));
  g_assert_true (json_object_get_boolean_member (state, "enabled"));
  g_assert_cmpstr (json_object_get_string_member (state, "assertion_consumer_url"), ==, acs);
  g_assert_cmpstr (json_object_get_string_member (state, "idp_entity_id"), ==, metadata_url);
  g_assert_cmpstr (json_object_get_string_member (state, "username_attribute"), ==, "uid");
  g_assert_true (g_str_has_suffix (json_object_get_string_member (state, "sp_metadata_url"),
                                   "/auth/saml2/metadata"));
  g_clear_pointer (&out, g_free);

  /* An unknown role is caught before anything is staged. */
  out = cli (&status, "users", "add", "alice", "--role", "no-such-role", NULL);
  g_assert_cmpint (status, ==, 2);
  g_assert_nonnull (strstr (out, "no-such-role"));
  g_clear_pointer (&out, g_free);

  /* Alice's account exists before her first login, read-only. */
  out = cli (&status, "users", "add", "alice", "--role", "read-only", NULL);
  g_assert_cmpint (status, ==, 0);
  g_clear_pointer (&out, g_free);
  user = kdcc_test_ceph_json (world.cluster, "dashboard", "ac-user-show", "alice", NULL);
  g_assert_cmpstr (json_array_get_string_element (
                     json_object_get_array_member (json_node_get_object (user), "roles"), 0), ==,
                   "read-only");
  out = cli (&status, "users", "list", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "alice\tread-only\n"));
  g_clear_pointer (&out, g_free);

  /* Alice signs in through the IdP and is read-only on the Dashboard. */
  alice = browse ("alice", world.alice_pw_file, FALSE);
  g_assert_cmpint (json_object_get_int_member (alice, "login_status"), ==, 303);
  g_assert_true (json_object_get_boolean_member (alice, "redirect_has_saml_request"));
  g_assert_true (g_str_has_prefix (json_object_get_string_member (alice, "idp_redirect"),
                                   world.idp_url));
  g_assert_true (json_object_get_boolean_member (alice, "post_binding"));
  g_assert_cmpstr (json_object_get_string_member (alice, "acs"), ==, acs);
  g_assert_true (json_object_get_boolean_member (alice, "got_token"));
  g_assert_cmpstr (json_object_get_string_member (alice, "username"), ==, "alice");
  permissions = json_object_get_object_member (alice, "permissions");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (permissions, "pool")),
                    ==, 1);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (permissions,
                                                                                "pool"), 0),
                   ==, "read");
  g_assert_cmpint (json_object_get_int_member (alice, "read_pools_status"), ==, 200);
  g_assert_cmpint (json_object_get_int_member (alice, "create_pool_status"), ==, 403);

  /* Bob is known to the IdP but has no Dashboard account: no way in. */
  bob = browse ("bob", world.bob_pw_file, FALSE);
  g_assert_true (json_object_get_boolean_member (bob, "post_binding"));
  g_assert_false (json_object_get_boolean_member (bob, "got_token"));
  g_assert_cmpstr (json_object_get_string_member (bob, "acs_redirect"), ==, "/sso/404");

  /* Local accounts keep working with SSO on. */
  admin = browse (world.cluster->dashboard_user, world.cluster->dashboard_password_file, TRUE);
  g_assert_cmpint (json_object_get_int_member (admin, "local_login_status"), ==, 201);

  /* A failed set-up leaves this one in force. */
  check_refused_setups (metadata_url, "enabled");
}

static void
test_roles_change (void)
{
  g_autoptr(JsonObject) alice = NULL;
  g_autoptr(JsonNode) user = NULL;
  g_autofree char *out = NULL;
  JsonArray *pool;
  int status;

  out = cli (&status, "users", "set-roles", "alice", "pool-manager", "storage-auditor", NULL);
  g_assert_cmpint (status, ==, 0);
  g_clear_pointer (&out, g_free);
  user = kdcc_test_ceph_json (world.cluster, "dashboard", "ac-user-show", "alice", NULL);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_node_get_object (user), "roles")), ==, 2);

  alice = browse ("alice", world.alice_pw_file, FALSE);
  pool = json_object_get_array_member (json_object_get_object_member (alice, "permissions"),
                                       "pool");
  /* pool-manager: create, delete, read, update. */
  g_assert_cmpuint (json_array_get_length (pool), ==, 4);
  g_clear_pointer (&out, g_free);

  /* Back to read-only for what follows. */
  out = cli (&status, "users", "set-roles", "alice", "read-only", NULL);
  g_assert_cmpint (status, ==, 0);
}

/* The SP's certificate and key are files on the mgr host, read by the mgr
 * itself: KDCC passes their paths and never holds the key. */
static void
test_sp_key (void)
{
  g_autofree char *key = g_build_filename (world.work, "sp.key", NULL);
  g_autofree char *crt = g_build_filename (world.work, "sp.crt", NULL);
  g_autofree char *metadata_url = g_strconcat (world.idp_url, "/metadata", NULL);
  g_autofree char *key_text = NULL;
  g_autofree char *out = NULL;
  g_autofree char *show = NULL;
  g_auto(GStrv) lines = NULL;
  const char *openssl[] = { "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days",
                            "1", "-subj", "/CN=kdcc-test-sp", "-keyout", key, "-out", crt, NULL };
  int status;

  g_free (run (openssl, &status));
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_file_get_contents (key, &key_text, NULL, NULL));
  lines = g_strsplit (key_text, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >, 4);
  world.key_line = g_strdup (lines[2]);
  g_assert_cmpuint (strlen (world.key_line), ==, 64);

  out = cli (&status, "setup", "saml2", "--idp-metadata", metadata_url, "--sp-cert", crt,
             "--sp-key", key, "--confirm", "signed requests", "--json", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_null (strstr (out, world.key_line));
  g_clear_pointer (&out, g_free);
  out = cli (&status, "status", "--json", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "\"signs_requests\" : true"));
  g_assert_null (strstr (out, world.key_line));

  /* The key did reach the mgr: the canary means something. */
  show = kdcc_test_ceph_text (world.cluster, "dashboard", "sso", "show", "saml2", NULL);
  g_assert_nonnull (strstr (show, world.key_line));
}

static void
test_disable (void)
{
  g_autoptr(JsonObject) alice = NULL;
  g_autoptr(JsonObject) admin = NULL;
  g_autofree char *out = NULL;
  g_autofree char *enable = NULL;
  int status;

  out = cli (&status, "disable", "--confirm", "end of the test", NULL);
  g_assert_cmpint (status, ==, 0);
  g_clear_pointer (&out, g_free);
  assert_sso_status ("disabled");

  /* The IdP's login no longer opens the Dashboard (Pacific's own `sso
   * disable` alone would leave it working). */
  alice = browse ("alice", world.alice_pw_file, FALSE);
  g_assert_cmpint (json_object_get_int_member (alice, "login_status"), ==, 400);
  g_assert_false (json_object_has_member (alice, "got_token"));
  /* Nor can the stored settings be switched back on by `sso enable`. */
  {
    g_autofree char *tool = g_find_program_in_path ("ceph");
    g_autofree char *keyring_arg = g_strdup (world.cluster->keyring);
    const char *argv[] = { tool, "-c", world.cluster->conf, "-k", keyring_arg, "dashboard", "sso",
                           "enable", "saml2", NULL };

    enable = run (argv, &status);
    g_assert_cmpint (status, !=, 0);
    g_assert_nonnull (strstr (enable, "not configured"));
  }

  /* Local logins only. */
  admin = browse (world.cluster->dashboard_user, world.cluster->dashboard_password_file, TRUE);
  g_assert_cmpint (json_object_get_int_member (admin, "local_login_status"), ==, 201);

  /* Status says disabled, with nothing configured. */
  out = cli (&status, "status", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_str_has_prefix (out, "Single sign-on is disabled\n"));
  g_clear_pointer (&out, g_free);

  /* The account goes too. */
  out = cli (&status, "users", "rm", "alice", "--confirm", "leaver", NULL);
  g_assert_cmpint (status, ==, 0);
  g_clear_pointer (&out, g_free);
  out = cli (&status, "users", "list", NULL);
  g_assert_null (strstr (out, "alice"));
}

static void
test_audit (void)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  int status;

  g_ptr_array_add (argv, (gpointer) g_getenv ("KDCC_CLI"));
  g_ptr_array_add (argv, (gpointer) "audit");
  g_ptr_array_add (argv, (gpointer) "--conf");
  g_ptr_array_add (argv, world.cluster->conf);
  g_ptr_array_add (argv, (gpointer) "--keyring");
  g_ptr_array_add (argv, world.cluster->keyring);
  g_ptr_array_add (argv, (gpointer) "--id");
  g_ptr_array_add (argv, world.cluster->client_id);
  g_ptr_array_add (argv, NULL);
  out = run ((const char * const *) argv->pdata, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "ceph dashboard sso setup saml2 "));
  g_assert_nonnull (strstr (out, "ceph dashboard ac-user-create alice -i <(openssl rand "));
  g_assert_nonnull (strstr (out, "ceph dashboard ac-user-set-roles alice pool-manager "
                                 "storage-auditor"));
  g_assert_nonnull (strstr (out, "&& ceph dashboard sso disable"));
  g_assert_nonnull (strstr (out, "ceph dashboard ac-user-delete alice"));
}

/* No file KDCC wrote (staging, audit, the diagnostic bundle) and no log
 * of the run holds alice's password or the SP's key. */
static void
scan_for_canary (const char *dir,
                 const char *needle,
                 guint      *files)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          scan_for_canary (path, needle, files);
          continue;
        }
      /* The IdP's own user table and the browser's password file hold it
       * by design. */
      if (g_str_has_suffix (path, "users.json") || g_str_has_suffix (path, ".pw")
          || g_str_has_suffix (path, "sp.key"))
        continue;
      if (!g_file_get_contents (path, &contents, &length, NULL))
        continue;
      (*files)++;
      if (g_strstr_len (contents, length, needle) != NULL)
        g_error ("%s holds a secret", path);
    }
}

static void
test_canary (void)
{
  g_autofree char *bundle = g_build_filename (world.work, "bundle.tar.gz", NULL);
  g_autofree char *unpacked = g_build_filename (world.work, "bundle", NULL);
  g_autofree char *out = NULL;
  const char *diagnose[] = { g_getenv ("KDCC_CLI"), "diagnose", "-q", "-o", bundle, "--conf",
                             world.cluster->conf, "--keyring", world.cluster->keyring, "--id",
                             world.cluster->client_id, NULL };
  const char *untar[] = { "tar", "-xzf", bundle, "-C", unpacked, NULL };
  guint files = 0;
  int status;

  /* The bundle holds `config-key dump`, where the mgr keeps the SSO
   * settings with the SP's key and the accounts' password hashes. */
  out = run (diagnose, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpint (g_mkdir (unpacked, 0700), ==, 0);
  g_free (run (untar, &status));
  g_assert_cmpint (status, ==, 0);

  scan_for_canary (world.data_home, world.canary, &files);
  scan_for_canary (world.data_home, world.key_line, &files);
  scan_for_canary (world.work, world.canary, &files);
  scan_for_canary (world.work, world.key_line, &files);
  /* The IdP password never reaches Ceph; the key does (the mon keeps the
   * mgr's store), so only the password is looked for there. */
  scan_for_canary (world.cluster->dir, world.canary, &files);
  /* Staging and audit files, the IdP's log, the bundle, the cluster's logs. */
  g_assert_cmpuint (files, >=, 20);
}

/* A mgr without python3-saml, for real: its module path (first on the
 * mgr's sys.path) gets an `onelogin` package that fails to import, beside
 * links to every real module, and the mgr restarts. Last: it leaves the
 * mgr so. */
static void
test_no_saml_library (void)
{
  g_autofree char *modules = g_build_filename (world.work, "mgr-modules", NULL);
  g_autofree char *fake = g_build_filename (modules, "onelogin", NULL);
  g_autofree char *init = g_build_filename (fake, "__init__.py", NULL);
  g_autofree char *set = NULL;
  g_autofree char *out = NULL;
  g_autofree char *metadata_url = g_strconcat (world.idp_url, "/metadata", NULL);
  g_autoptr(GDir) real = g_dir_open ("/usr/share/ceph/mgr", 0, NULL);
  const char *name;
  int status;

  g_assert_nonnull (real);
  g_assert_cmpint (g_mkdir_with_parents (fake, 0700), ==, 0);
  while ((name = g_dir_read_name (real)) != NULL)
    {
      g_autofree char *target = g_build_filename ("/usr/share/ceph/mgr", name, NULL);
      g_autofree char *link = g_build_filename (modules, name, NULL);

      g_assert_cmpint (symlink (target, link), ==, 0);
    }
  g_assert_true (g_file_set_contents (init, "raise ImportError('hidden by test-sso-live')\n", -1,
                                      NULL));
  set = kdcc_test_ceph_text (world.cluster, "config", "set", "mgr", "mgr_module_path", modules,
                             NULL);
  kdcc_test_cluster_stop_daemon (world.cluster, "mgr");
  kdcc_test_cluster_start_daemon (world.cluster, "mgr");

  /* The real mgr refuses the SSO commands for want of the library... */
  {
    g_autofree char *tool = g_find_program_in_path ("ceph");
    const char *argv[] = { tool, "-c", world.cluster->conf, "-k", world.cluster->keyring,
                           "dashboard", "sso", "status", NULL };

    out = run (argv, &status);
    g_assert_cmpint (status, !=, 0);
    g_assert_nonnull (strstr (out, "Required library not found"));
    g_clear_pointer (&out, g_free);
  }

  /* ... and KDCC says so plainly. */
  out = cli (&status, "status", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "lacks the python3-saml library"));
  g_clear_pointer (&out, g_free);
  out = cli (&status, "setup", "saml2", "--idp-metadata", metadata_url, "--confirm", "test",
             NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (out, "the python3-saml library is not installed on the mgr host"));
  g_clear_pointer (&out, g_free);
  /* Disabling still works: only the protocol is left to turn off. */
  out = cli (&status, "disable", "--confirm", "test", NULL);
  g_assert_cmpint (status, ==, 0);
}

static void
remove_recursive (const char *path)
{
  g_autoptr(GDir) d = g_dir_open (path, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_recursive (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  kdcc_test_ignore_glib_quark_arrays ();
  /* The staging area and audit log of the CLI go to a private folder. */
  world.data_home = g_dir_make_tmp ("kdcc-sso-data-XXXXXX", NULL);
  g_assert_nonnull (world.data_home);
  g_setenv ("XDG_DATA_HOME", world.data_home, TRUE);
  g_test_init (&argc, &argv, NULL);

  /* In order: each step starts from what the one before left. */
  g_test_add_func ("/sso-live/start", start_world);
  g_test_add_func ("/sso-live/roles", test_roles);
  g_test_add_func ("/sso-live/refused-before-setup", test_refused_before_setup);
  g_test_add_func ("/sso-live/setup-and-login", test_setup_and_login);
  g_test_add_func ("/sso-live/roles-change", test_roles_change);
  g_test_add_func ("/sso-live/sp-key", test_sp_key);
  g_test_add_func ("/sso-live/disable", test_disable);
  g_test_add_func ("/sso-live/audit", test_audit);
  g_test_add_func ("/sso-live/canary", test_canary);
  g_test_add_func ("/sso-live/no-saml-library", test_no_saml_library);

  status = g_test_run ();

  if (world.idp != NULL)
    {
      g_subprocess_force_exit (world.idp);
      g_subprocess_wait (world.idp, NULL, NULL);
      g_clear_object (&world.idp);
    }
  g_clear_pointer (&world.cluster, kdcc_test_cluster_free);
  if (world.work != NULL)
    remove_recursive (world.work);
  remove_recursive (world.data_home);
  g_free (world.work);
  g_free (world.data_home);
  g_free (world.idp_url);
  g_free (world.alice_pw_file);
  g_free (world.bob_pw_file);
  g_free (world.canary);
  g_free (world.key_line);
  return kdcc_test_exit (status);
}
