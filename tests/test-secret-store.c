/* test-secret-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs against a real Secret Service: build-aux/run-tests starts the tests
 * in a dbus-run-session with `gnome-keyring-daemon --unlock`. The fallback
 * tests run in subprocesses whose session bus is broken or has no Secret
 * Service on it.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <libsecret/secret.h>

#include "kdcc-error.h"
#include "kdcc-secret-store.h"
#include "kdcc-test-util.h"

/* The same schema, declared independently, so the tests check what really
 * is in the keyring rather than trusting the code under test. */
static const SecretSchema test_schema = {
  "tech.koor.DataControlCenter.Password", SECRET_SCHEMA_NONE,
  {
    { "profile-id", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  }
};

static KdccProfile *
make_profile (void)
{
  KdccProfile *profile = kdcc_profile_new (KDCC_PROFILE_KIND_DASHBOARD);

  kdcc_profile_set_name (profile, "Test cluster");
  kdcc_profile_set_url (profile, "https://127.0.0.1:8443");
  kdcc_profile_set_user (profile, "admin");
  return profile;
}

/* Fails, never skips, when the environment has no Secret Service: the test
 * would otherwise pass against the in-memory fallback. */
static void
require_secret_service (void)
{
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  gboolean has_owner = FALSE;

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  if (bus != NULL)
    reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                         "org.freedesktop.DBus", "NameHasOwner",
                                         g_variant_new ("(s)", "org.freedesktop.secrets"),
                                         G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                         NULL, &error);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &has_owner);

  if (!has_owner)
    g_error ("No Secret Service on the session bus (%s). Run the tests under dbus-run-session "
             "with `gnome-keyring-daemon --unlock --components=secrets` started (fed a non-empty "
             "password, or it has no login keyring), as build-aux/run-tests does.",
             error != NULL ? error->message : "org.freedesktop.secrets has no owner");
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

/* Lets pending callbacks (the probe, notifications) run. */
static void
spin (guint ms)
{
  kdcc_test_wait_until (never, NULL, ms);
}

static void
persistent_notify_cb (GObject    *object,
                      GParamSpec *pspec,
                      guint      *count)
{
  (*count)++;
}

static void
test_sync_round_trip (void)
{
  g_autoptr(KdccSecretStore) store = NULL;
  g_autoptr(KdccProfile) profile = make_profile ();
  g_autoptr(KdccProfile) other = make_profile ();
  g_autoptr(GError) error = NULL;
  g_autofree char *direct = NULL;
  g_auto(KdccSecretPassword) password = NULL;
  g_auto(KdccSecretPassword) other_password = NULL;
  guint notified = 0;
  gboolean ok;

  require_secret_service ();

  store = kdcc_secret_store_new ();
  g_signal_connect (store, "notify::persistent", G_CALLBACK (persistent_notify_cb), &notified);

  ok = kdcc_secret_store_store_sync (store, profile, "pa55 wörd", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_true (kdcc_secret_store_store_sync (store, other, "other", NULL, &error));
  g_assert_no_error (error);

  /* It really is in the keyring, under our schema and attributes. */
  direct = secret_password_lookup_sync (&test_schema, NULL, &error,
                                        "profile-id", kdcc_profile_get_id (profile),
                                        "kind", "dashboard",
                                        NULL);
  g_assert_no_error (error);
  g_assert_cmpstr (direct, ==, "pa55 wörd");

  password = kdcc_secret_store_lookup_sync (store, profile, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (password, ==, "pa55 wörd");
  other_password = kdcc_secret_store_lookup_sync (store, other, NULL, &error);
  g_assert_cmpstr (other_password, ==, "other");

  /* Storing again replaces the password, it does not add a second item,
   * not even when the profile changed its kind. */
  g_object_set (profile, "kind", KDCC_PROFILE_KIND_DIRECT, NULL);
  g_assert_true (kdcc_secret_store_store_sync (store, profile, "new", NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&password, kdcc_secret_store_free_password);
  password = kdcc_secret_store_lookup_sync (store, profile, NULL, &error);
  g_assert_cmpstr (password, ==, "new");
  /* Checked item by item: the old item (kind "dashboard") is gone and the
   * new one has the new kind. (secret_password_search_sync() would say it
   * in one call, but leaks in libsecret 0.20.) */
  g_clear_pointer (&direct, g_free);
  direct = secret_password_lookup_sync (&test_schema, NULL, &error,
                                        "profile-id", kdcc_profile_get_id (profile),
                                        "kind", "dashboard", NULL);
  g_assert_no_error (error);
  g_assert_null (direct);
  direct = secret_password_lookup_sync (&test_schema, NULL, &error,
                                        "profile-id", kdcc_profile_get_id (profile),
                                        "kind", "direct", NULL);
  g_assert_cmpstr (direct, ==, "new");

  g_assert_true (kdcc_secret_store_clear_sync (store, profile, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&password, kdcc_secret_store_free_password);
  password = kdcc_secret_store_lookup_sync (store, profile, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (password);
  g_clear_pointer (&direct, g_free);
  direct = secret_password_lookup_sync (&test_schema, NULL, &error,
                                        "profile-id", kdcc_profile_get_id (profile), NULL);
  g_assert_null (direct);

  /* Clearing what is not there is not an error; the other one survives. */
  g_assert_true (kdcc_secret_store_clear_sync (store, profile, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&other_password, kdcc_secret_store_free_password);
  other_password = kdcc_secret_store_lookup_sync (store, other, NULL, &error);
  g_assert_cmpstr (other_password, ==, "other");
  g_assert_true (kdcc_secret_store_clear_sync (store, other, NULL, &error));

  /* The probe finds the real service: persistent stays TRUE. */
  spin (500);
  g_assert_true (kdcc_secret_store_get_persistent (store));
  g_assert_cmpuint (notified, ==, 0);
}

typedef struct
{
  GAsyncResult *result;
} AsyncData;

static void
async_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  AsyncData *data = user_data;

  data->result = g_object_ref (result);
}

static gboolean
have_result (gpointer user_data)
{
  return ((AsyncData *) user_data)->result != NULL;
}

static GAsyncResult *
wait_for_result (AsyncData *data)
{
  g_assert_true (kdcc_test_wait_until (have_result, data, 10000));
  return data->result;
}

static void
run_async_round_trip (KdccSecretStore *store)
{
  g_autoptr(KdccProfile) profile = make_profile ();
  g_autoptr(GError) error = NULL;
  g_auto(KdccSecretPassword) password = NULL;
  AsyncData data = { NULL };

  kdcc_secret_store_store_async (store, profile, "async-secret", NULL, async_done_cb, &data);
  /* Never completes synchronously. */
  g_assert_null (data.result);
  g_assert_true (kdcc_secret_store_store_finish (store, wait_for_result (&data), &error));
  g_assert_no_error (error);
  g_clear_object (&data.result);

  g_object_set (profile, "kind", KDCC_PROFILE_KIND_DIRECT, NULL);
  kdcc_secret_store_store_async (store, profile, "async-secret", NULL, async_done_cb, &data);
  g_assert_true (kdcc_secret_store_store_finish (store, wait_for_result (&data), &error));
  g_assert_no_error (error);
  g_clear_object (&data.result);

  kdcc_secret_store_lookup_async (store, profile, NULL, async_done_cb, &data);
  password = kdcc_secret_store_lookup_finish (store, wait_for_result (&data), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (password, ==, "async-secret");
  g_clear_object (&data.result);

  kdcc_secret_store_clear_async (store, profile, NULL, async_done_cb, &data);
  g_assert_true (kdcc_secret_store_clear_finish (store, wait_for_result (&data), &error));
  g_assert_no_error (error);
  g_clear_object (&data.result);

  g_clear_pointer (&password, kdcc_secret_store_free_password);
  kdcc_secret_store_lookup_async (store, profile, NULL, async_done_cb, &data);
  password = kdcc_secret_store_lookup_finish (store, wait_for_result (&data), &error);
  g_assert_no_error (error);
  g_assert_null (password);
  g_clear_object (&data.result);
}

static void
test_async_round_trip (void)
{
  g_autoptr(KdccSecretStore) store = NULL;

  require_secret_service ();

  store = kdcc_secret_store_new ();
  run_async_round_trip (store);
  g_assert_true (kdcc_secret_store_get_persistent (store));
}

/* What an app that quits waits for: a clear in flight is counted, and
 * flush runs the main context until it has reached the keyring. Checked
 * with libsecret directly, not through the code under test. */
static void
test_flush (void)
{
  g_autoptr(KdccSecretStore) store = NULL;
  g_autoptr(KdccProfile) first = make_profile ();
  g_autoptr(KdccProfile) second = make_profile ();
  KdccProfile *profiles[] = { first, second };
  g_autoptr(GError) error = NULL;

  require_secret_service ();
  store = kdcc_secret_store_new ();

  for (guint i = 0; i < G_N_ELEMENTS (profiles); i++)
    {
      AsyncData data = { NULL };

      kdcc_secret_store_store_async (store, profiles[i], "flush-secret", NULL, async_done_cb,
                                     &data);
      g_assert_cmpuint (kdcc_secret_store_get_n_pending (store), ==, 1);
      g_assert_true (kdcc_secret_store_store_finish (store, wait_for_result (&data), &error));
      g_assert_no_error (error);
      g_clear_object (&data.result);
      g_assert_cmpuint (kdcc_secret_store_get_n_pending (store), ==, 0);
    }

  /* Fire and forget, as a window that goes does. (Not twice for the same
   * item: libsecret 0.20.5 then returns one of its tasks twice when the
   * second delete finds the item gone.) */
  for (guint i = 0; i < G_N_ELEMENTS (profiles); i++)
    kdcc_secret_store_clear_async (store, profiles[i], NULL, NULL, NULL);
  g_assert_cmpuint (kdcc_secret_store_get_n_pending (store), ==, 2);
  g_assert_true (kdcc_secret_store_flush (store, 10000));
  g_assert_cmpuint (kdcc_secret_store_get_n_pending (store), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (profiles); i++)
    {
      g_autofree char *left = secret_password_lookup_sync (&test_schema, NULL, &error,
                                                           "profile-id",
                                                           kdcc_profile_get_id (profiles[i]),
                                                           NULL);

      g_assert_no_error (error);
      g_assert_null (left);
    }

  /* Nothing in flight: at once. */
  g_assert_true (kdcc_secret_store_flush (store, 0));
}

static void
test_cancelled (void)
{
  g_autoptr(KdccSecretStore) store = NULL;
  g_autoptr(KdccProfile) profile = make_profile ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  AsyncData data = { NULL };

  require_secret_service ();

  store = kdcc_secret_store_new ();
  g_cancellable_cancel (cancellable);
  kdcc_secret_store_store_async (store, profile, "never", cancellable, async_done_cb, &data);
  g_assert_false (kdcc_secret_store_store_finish (store, wait_for_result (&data), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_object (&data.result);

  /* A cancelled call is not taken for a missing Secret Service. */
  g_assert_true (kdcc_secret_store_get_persistent (store));
}

static gboolean
not_persistent (gpointer user_data)
{
  return !kdcc_secret_store_get_persistent (KDCC_SECRET_STORE (user_data));
}

/* In the subprocess: the fallback, reached through the probe (async) or
 * through a failing call (sync), keeps passwords for this process only. */
static void
check_fallback (gboolean wait_for_probe)
{
  g_autoptr(KdccSecretStore) store = kdcc_secret_store_new ();
  g_autoptr(KdccProfile) profile = make_profile ();
  g_autoptr(GError) error = NULL;
  g_auto(KdccSecretPassword) password = NULL;
  guint notified = 0;

  g_signal_connect (store, "notify::persistent", G_CALLBACK (persistent_notify_cb), &notified);

  if (wait_for_probe)
    {
      /* The UI learns it before any password is typed. */
      g_assert_true (kdcc_test_wait_until (not_persistent, store, 10000));
      g_assert_cmpuint (notified, ==, 1);
      run_async_round_trip (store);
    }

  g_assert_true (kdcc_secret_store_store_sync (store, profile, "memory-only", NULL, &error));
  g_assert_no_error (error);
  g_assert_false (kdcc_secret_store_get_persistent (store));
  password = kdcc_secret_store_lookup_sync (store, profile, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (password, ==, "memory-only");
  g_assert_true (kdcc_secret_store_clear_sync (store, profile, NULL, &error));
  g_clear_pointer (&password, kdcc_secret_store_free_password);
  password = kdcc_secret_store_lookup_sync (store, profile, NULL, &error);
  g_assert_null (password);

  /* Notified exactly once, on the main context. */
  spin (200);
  g_assert_cmpuint (notified, ==, 1);
  g_print ("fallback-ok\n");
}

static void
test_fallback_no_bus (gconstpointer data)
{
  gboolean wait_for_probe = GPOINTER_TO_INT (data);

  if (g_test_subprocess ())
    {
      /* Before anything connects: the subprocess is a fresh process. */
      g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/kdcc-test/bus", TRUE);
      check_fallback (wait_for_probe);
      return;
    }

  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*fallback-ok*");
}

/* A session bus on which nothing provides org.freedesktop.secrets, not even
 * by activation: a private dbus-daemon with no service directories. */
static void
test_fallback_no_provider (void)
{
  if (g_test_subprocess ())
    {
      const char *config =
        "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\" "
        "\"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
        "<busconfig><type>session</type><listen>unix:tmpdir=/tmp</listen>"
        "<policy context=\"default\"><allow send_destination=\"*\" eavesdrop=\"true\"/>"
        "<allow eavesdrop=\"true\"/><allow own=\"*\"/></policy></busconfig>\n";
      g_autoptr(GError) error = NULL;
      g_autofree char *dir = g_dir_make_tmp ("kdcc-test-bus-XXXXXX", &error);
      g_autofree char *config_path = g_build_filename (dir, "session.conf", NULL);
      g_autoptr(GSubprocess) daemon = NULL;
      g_autoptr(GDataInputStream) out = NULL;
      g_autofree char *address = NULL;

      g_file_set_contents (config_path, config, -1, &error);
      g_assert_no_error (error);
      daemon = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                 "dbus-daemon", "--nofork", "--print-address=1",
                                 "--config-file", config_path, NULL);
      g_assert_no_error (error);
      out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (daemon));
      address = g_data_input_stream_read_line (out, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (address);
      g_setenv ("DBUS_SESSION_BUS_ADDRESS", address, TRUE);

      check_fallback (TRUE);

      g_subprocess_force_exit (daemon);
      g_unlink (config_path);
      g_rmdir (dir);
      return;
    }

  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*fallback-ok*");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/secret-store/sync-round-trip", test_sync_round_trip);
  g_test_add_func ("/secret-store/async-round-trip", test_async_round_trip);
  g_test_add_func ("/secret-store/cancelled", test_cancelled);
  g_test_add_func ("/secret-store/flush", test_flush);
  g_test_add_data_func ("/secret-store/fallback/no-bus/probe", GINT_TO_POINTER (TRUE),
                        test_fallback_no_bus);
  g_test_add_data_func ("/secret-store/fallback/no-bus/sync", GINT_TO_POINTER (FALSE),
                        test_fallback_no_bus);
  g_test_add_func ("/secret-store/fallback/no-provider", test_fallback_no_provider);

  return kdcc_test_run ();
}
