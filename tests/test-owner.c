/* test-owner.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * KdccOwner: a worker's news reaches the owner's thread, never runs on the
 * worker, even while the owner's thread does not hold its main context
 * (g_main_context_invoke() runs it on the worker then: the first subtest
 * shows that GLib behaviour, so the others test what it would break).
 */
#include "config.h"

#include "kdcc-owner.h"
#include "kdcc-test-util.h"

typedef struct
{
  GThread *ran_in;
  guint    runs;
  guint    notified;
} Record;

static void
record_notify (gpointer data)
{
  Record *record = data;

  /* After the function, never before. */
  g_assert_cmpuint (record->runs, >, record->notified);
  record->notified++;
}

static gboolean
record_cb (gpointer data)
{
  Record *record = data;

  record->ran_in = g_thread_self ();
  record->runs++;
  return G_SOURCE_REMOVE;
}

typedef struct
{
  GArray *seen;
  guint   id;
} Mark;

static gboolean
mark_cb (gpointer data)
{
  Mark *mark = data;

  g_array_append_val (mark->seen, mark->id);
  return G_SOURCE_REMOVE;
}

typedef struct
{
  KdccOwner *owner;
  Record    *record;
  gboolean   plain_glib;
} Work;

static gpointer
worker (gpointer data)
{
  Work *work = data;

  if (work->plain_glib)
    g_main_context_invoke (work->owner->context, record_cb, work->record);
  else
    kdcc_owner_invoke (work->owner, G_PRIORITY_DEFAULT, record_cb, work->record, NULL);
  return NULL;
}

/* Joins the worker while this thread holds no context, as a test polling
 * with g_usleep() or a tool doing synchronous work does. */
static void
run_worker (Work *work)
{
  GThread *thread = g_thread_new ("kdcc-test-owner", worker, work);

  g_thread_join (thread);
}

static void
test_glib_runs_on_worker (void)
{
  KdccOwner owner;
  Record record = { 0 };
  Work work = { &owner, &record, TRUE };

  kdcc_owner_init (&owner);
  run_worker (&work);
  /* Already run, and not here: what the owner avoids. */
  g_assert_cmpuint (record.runs, ==, 1);
  g_assert_true (record.ran_in != g_thread_self ());
  kdcc_owner_clear (&owner);
}

static void
test_worker_posts (void)
{
  KdccOwner owner;
  Record record = { 0 };
  Work work = { &owner, &record, FALSE };

  kdcc_owner_init (&owner);
  run_worker (&work);
  g_assert_cmpuint (record.runs, ==, 0);
  while (record.runs == 0)
    g_main_context_iteration (owner.context, TRUE);
  g_assert_true (record.ran_in == g_thread_self ());
  kdcc_owner_clear (&owner);
}

static void
test_owner_runs_at_once (void)
{
  KdccOwner owner;
  Record record = { 0 };

  kdcc_owner_init (&owner);
  kdcc_owner_invoke (&owner, G_PRIORITY_DEFAULT, record_cb, &record, NULL);
  g_assert_cmpuint (record.runs, ==, 1);
  g_assert_true (record.ran_in == g_thread_self ());
  /* The notify runs after the function, at once too. */
  kdcc_owner_invoke (&owner, G_PRIORITY_DEFAULT, record_cb, &record, record_notify);
  g_assert_cmpuint (record.runs, ==, 2);
  g_assert_cmpuint (record.notified, ==, 1);
  g_assert_false (g_main_context_pending (owner.context));
  kdcc_owner_clear (&owner);
}

static void
test_posts_keep_order (void)
{
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (guint));
  Mark marks[] = { { seen, 0 }, { seen, 1 }, { seen, 2 } };
  GMainContext *context = g_main_context_default ();

  for (guint i = 0; i < G_N_ELEMENTS (marks); i++)
    kdcc_context_post (context, G_PRIORITY_DEFAULT, mark_cb, &marks[i], NULL);
  /* Posted even on the context's own thread. */
  g_assert_cmpuint (seen->len, ==, 0);
  while (seen->len < G_N_ELEMENTS (marks))
    g_main_context_iteration (context, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (marks); i++)
    g_assert_cmpuint (g_array_index (seen, guint, i), ==, i);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/owner/glib-runs-on-worker", test_glib_runs_on_worker);
  g_test_add_func ("/owner/worker-posts", test_worker_posts);
  g_test_add_func ("/owner/owner-runs-at-once", test_owner_runs_at_once);
  g_test_add_func ("/owner/posts-keep-order", test_posts_keep_order);

  return kdcc_test_run ();
}
