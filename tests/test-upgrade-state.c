/* test-upgrade-state.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The saved state of an upgrade in progress: what a second process (or
 * the app after a restart) reads back must be what the first one wrote;
 * a damaged file is an error, not an empty upgrade; requests between
 * processes are taken once; the way back says what can and cannot go back.
 */
#define G_LOG_DOMAIN "kdcc-test"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "kdcc-error.h"
#include "kdcc-upgrade-run.h"
#include "kdcc-upgrade-state.h"

static KdccUpgradeStep *
step (KdccUpgradeStepKind  kind,
      const char          *type,
      const char          *id,
      const char          *command)
{
  KdccUpgradeStep *s = g_new0 (KdccUpgradeStep, 1);

  s->kind = kind;
  s->daemon_type = g_strdup (type);
  s->daemon_id = g_strdup (id);
  s->description = g_strdup_printf ("step %s", command);
  s->command = g_strdup (command);
  if (kind == KDCC_UPGRADE_STEP_DAEMON)
    s->restart_command = g_strdup_printf ("systemctl restart ceph-%s@%s", type, id);
  return s;
}

static KdccUpgradeState *
make_state (void)
{
  KdccUpgradePlan plan = { 0 };

  plan.running_release = (char *) "pacific";
  plan.target_release = (char *) "reef";
  plan.steps = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_upgrade_step_free);
  g_ptr_array_add (plan.steps, step (KDCC_UPGRADE_STEP_SET_FLAG, NULL, NULL, "ceph osd set noout"));
  g_ptr_array_add (plan.steps, step (KDCC_UPGRADE_STEP_DAEMON, "mon", "a", "ceph quorum_status"));
  g_ptr_array_add (plan.steps, step (KDCC_UPGRADE_STEP_DAEMON, "mon", "b", "ceph quorum_status"));
  g_ptr_array_add (plan.steps, step (KDCC_UPGRADE_STEP_DAEMON, "osd", "0", "ceph tell osd.0 version"));
  g_ptr_array_add (plan.steps, step (KDCC_UPGRADE_STEP_REQUIRE_RELEASE, NULL, NULL,
                                     "ceph osd require-osd-release reef"));
  return kdcc_upgrade_state_new_from_plan ("fsid-1", &plan, 18, "ssh {host} systemctl restart ceph-{type}@{id}");
}

static void
test_round_trip (void)
{
  g_autofree char *dir = g_dir_make_tmp ("kdcc-test-upgrade-state-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "sub", "fsid-1.json", NULL);
  g_autoptr(KdccUpgradeState) state = make_state ();
  g_autoptr(KdccUpgradeState) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *sub = g_path_get_dirname (path);
  KdccUpgradeStepRecord *r;

  g_assert_cmpuint (state->steps->len, ==, 5);
  r = g_ptr_array_index (state->steps, 1);
  r->state = KDCC_UPGRADE_STEP_DONE;
  r->started = 1000;
  r->finished = 2000;
  r->note = g_strdup ("18.2.7");
  state->next_step = 2;
  state->state = KDCC_UPGRADE_RUN_PAUSED;
  state->wait_daemon = g_strdup ("osd.0");
  state->wait_gate = g_strdup ("ok-to-stop");
  state->wait_reason = g_strdup ("ok-to-stop refused: unsafe");
  state->wait_since = 12345;
  state->noout_was_set = TRUE;

  g_assert_true (kdcc_upgrade_state_save (state, path, &error));
  g_assert_no_error (error);
  back = kdcc_upgrade_state_load (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);
  a = kdcc_upgrade_state_to_json (state);
  b = kdcc_upgrade_state_to_json (back);
  g_assert_cmpstr (a, ==, b);
  g_assert_cmpint (back->state, ==, KDCC_UPGRADE_RUN_PAUSED);
  g_assert_cmpuint (back->target_major, ==, 18);
  g_assert_cmpstr (back->wait_gate, ==, "ok-to-stop");
  g_assert_true (back->noout_was_set);
  r = g_ptr_array_index (back->steps, 1);
  g_assert_cmpstr (r->step->restart_command, ==, "systemctl restart ceph-mon@a");
  g_assert_cmpstr (r->note, ==, "18.2.7");

  /* A missing file is no upgrade; a damaged one an error. */
  g_unlink (path);
  g_clear_pointer (&back, kdcc_upgrade_state_free);
  back = kdcc_upgrade_state_load (path, &error);
  g_assert_no_error (error);
  g_assert_null (back);
  g_assert_true (g_file_set_contents (path, "{\"format\":1,\"fsid\":\"x\"}", -1, NULL));
  back = kdcc_upgrade_state_load (path, &error);
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_PARSE);
  g_assert_null (back);
  g_clear_error (&error);
  g_assert_true (g_file_set_contents (path, "not json", -1, NULL));
  back = kdcc_upgrade_state_load (path, &error);
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_PARSE);
  g_clear_error (&error);
  /* A daemon step that names no daemon cannot be resumed. */
  g_assert_true (g_file_set_contents (path, "{\"format\":1,\"fsid\":\"x\",\"target_release\":\"reef\","
                                      "\"state\":\"paused\",\"steps\":[{\"kind\":\"daemon\","
                                      "\"state\":\"pending\"}]}", -1, NULL));
  back = kdcc_upgrade_state_load (path, &error);
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_PARSE);
  g_clear_error (&error);

  g_unlink (path);
  g_rmdir (sub);
  g_rmdir (dir);
}

static void
test_control (void)
{
  g_autofree char *dir = g_dir_make_tmp ("kdcc-test-upgrade-control-XXXXXX", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *path = NULL;
  g_autofree char *peek = NULL;
  g_autofree char *updir = NULL;
  g_autofree char *kdcc = NULL;

  g_setenv ("XDG_STATE_HOME", dir, TRUE);
  path = kdcc_upgrade_control_path ("fsid-2");
  g_assert_true (g_str_has_prefix (path, dir));
  g_assert_null (kdcc_upgrade_control_take ("fsid-2", TRUE));
  g_assert_true (kdcc_upgrade_control_request ("fsid-2", "pause", &error));
  g_assert_no_error (error);
  peek = kdcc_upgrade_control_take ("fsid-2", FALSE);
  g_assert_cmpstr (peek, ==, "pause");
  first = kdcc_upgrade_control_take ("fsid-2", TRUE);
  second = kdcc_upgrade_control_take ("fsid-2", TRUE);
  g_assert_cmpstr (first, ==, "pause");
  g_assert_null (second);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  updir = g_path_get_dirname (path);
  kdcc = g_path_get_dirname (updir);
  g_rmdir (updir);
  g_rmdir (kdcc);
  g_rmdir (dir);
}

static void
test_way_back (void)
{
  g_autoptr(KdccUpgradeState) state = make_state ();
  g_autofree char *nothing = kdcc_upgrade_way_back (state);
  g_autofree char *one_mon = NULL;
  g_autofree char *all_mons = NULL;
  g_autofree char *required = NULL;

  g_assert_nonnull (strstr (nothing, "No daemon was restarted"));
  ((KdccUpgradeStepRecord *) state->steps->pdata[1])->state = KDCC_UPGRADE_STEP_DONE;
  one_mon = kdcc_upgrade_way_back (state);
  g_assert_nonnull (strstr (one_mon, "mon.a"));
  g_assert_nonnull (strstr (one_mon, "can still be restarted on the old packages"));
  ((KdccUpgradeStepRecord *) state->steps->pdata[2])->state = KDCC_UPGRADE_STEP_DONE;
  ((KdccUpgradeStepRecord *) state->steps->pdata[3])->state = KDCC_UPGRADE_STEP_DONE;
  all_mons = kdcc_upgrade_way_back (state);
  g_assert_nonnull (strstr (all_mons, "the mons cannot go back"));
  g_assert_nonnull (strstr (all_mons, "The mgrs and OSDs can go back"));
  ((KdccUpgradeStepRecord *) state->steps->pdata[4])->state = KDCC_UPGRADE_STEP_DONE;
  required = kdcc_upgrade_way_back (state);
  g_assert_nonnull (strstr (required, "the OSDs cannot go back"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/upgrade-state/round-trip", test_round_trip);
  g_test_add_func ("/upgrade-state/control", test_control);
  g_test_add_func ("/upgrade-state/way-back", test_way_back);

  return g_test_run ();
}
