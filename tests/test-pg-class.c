/* test-pg-class.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one PG state classification (kdcc-pg-class): every state word Ceph
 * defines, the strings Ceph really prints, and the counters, including the
 * stale PGs that an earlier count took for clean and active.
 */
#include "config.h"

#include "kdcc-pg-class.h"
#include "kdcc-pg-state.h"
#include "kdcc-test-util.h"

typedef enum
{
  ROUTINE  = 1 << 0,  /* "active+clean+WORD" is still clean */
  INACTIVE = 1 << 1,  /* "WORD+active+clean" does not serve IO */
  DEGRADED = 1 << 2,
} Expect;

typedef struct
{
  const char *word;
  Expect      expect;
  KdccImpact  impact;
} WordCase;

/* Every word pg_state_string() in src/osd/osd_types.cc prints, in its
 * order, as of Ceph v18.2.7 and v20.2.4 (the same 35 words in both), plus
 * "unknown", which it prints when no state bit is set (a PG no OSD has
 * reported). Pacific 16.2.15 prints the same words. The expected classes:
 * Ceph's own PG health checks (PGMap::get_health_checks) for the bits they
 * cover; recovery at risk, backfill/remap and short IO pauses performance. */
static const WordCase ceph_words[] = {
  { "stale",            INACTIVE, KDCC_IMPACT_DATA_UNAVAILABLE },
  { "creating",         INACTIVE, KDCC_IMPACT_DATA_UNAVAILABLE },
  { "active",           0,        KDCC_IMPACT_NONE },
  { "activating",       INACTIVE, KDCC_IMPACT_DATA_UNAVAILABLE },
  { "clean",            0,        KDCC_IMPACT_NONE },
  { "recovery_wait",    0,        KDCC_IMPACT_DATA_AT_RISK },
  { "recovery_toofull", 0,        KDCC_IMPACT_DATA_AT_RISK },
  { "recovering",       0,        KDCC_IMPACT_DATA_AT_RISK },
  { "forced_recovery",  0,        KDCC_IMPACT_DATA_AT_RISK },
  { "down",             INACTIVE, KDCC_IMPACT_DATA_UNAVAILABLE },
  { "recovery_unfound", 0,        KDCC_IMPACT_DATA_AT_RISK },
  { "backfill_unfound", 0,        KDCC_IMPACT_DATA_AT_RISK },
  { "undersized",       DEGRADED, KDCC_IMPACT_DATA_AT_RISK },
  { "degraded",         DEGRADED, KDCC_IMPACT_DATA_AT_RISK },
  { "remapped",         0,        KDCC_IMPACT_PERFORMANCE },
  { "premerge",         0,        KDCC_IMPACT_PERFORMANCE },
  { "scrubbing",        ROUTINE,  KDCC_IMPACT_NONE },
  { "deep",             ROUTINE,  KDCC_IMPACT_NONE },
  { "inconsistent",     0,        KDCC_IMPACT_DATA_AT_RISK },
  { "peering",          INACTIVE, KDCC_IMPACT_DATA_UNAVAILABLE },
  { "repair",           0,        KDCC_IMPACT_DATA_AT_RISK },
  { "backfill_wait",    0,        KDCC_IMPACT_PERFORMANCE },
  { "backfilling",      0,        KDCC_IMPACT_PERFORMANCE },
  { "forced_backfill",  0,        KDCC_IMPACT_PERFORMANCE },
  { "backfill_toofull", 0,        KDCC_IMPACT_DATA_AT_RISK },
  { "incomplete",       INACTIVE, KDCC_IMPACT_DATA_UNAVAILABLE },
  { "peered",           INACTIVE, KDCC_IMPACT_DATA_UNAVAILABLE },
  { "snaptrim",         ROUTINE,  KDCC_IMPACT_NONE },
  { "snaptrim_wait",    ROUTINE,  KDCC_IMPACT_NONE },
  { "snaptrim_error",   0,        KDCC_IMPACT_DATA_AT_RISK },
  { "failed_repair",    0,        KDCC_IMPACT_DATA_AT_RISK },
  { "laggy",            0,        KDCC_IMPACT_PERFORMANCE },
  { "wait",             0,        KDCC_IMPACT_PERFORMANCE },
  { "unknown",          INACTIVE, KDCC_IMPACT_DATA_UNAVAILABLE },
};

static void
test_every_word (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (ceph_words); i++)
    {
      const WordCase *c = &ceph_words[i];
      g_autofree char *with_clean = g_strdup_printf ("active+clean+%s", c->word);
      g_autofree char *with_active = g_strdup_printf ("active+%s", c->word);
      g_autofree char *in_front = g_strdup_printf ("%s+active+clean", c->word);
      gboolean base = g_str_equal (c->word, "active") || g_str_equal (c->word, "clean");

      g_test_message ("word %s", c->word);
      g_assert_true (kdcc_pg_class_is_known_word (c->word));
      g_assert_cmpint (kdcc_pg_class_word_impact (c->word), ==, c->impact);

      /* Clean keeps only the routine words (and repeating active/clean). */
      g_assert_cmpint (kdcc_pg_class_is_clean (with_clean), ==,
                       (c->expect & ROUTINE) != 0 || base);
      /* Active unless the word says the PG does not serve IO, wherever it
       * stands in the string. */
      g_assert_cmpint (kdcc_pg_class_is_active (in_front), ==, (c->expect & INACTIVE) == 0);
      g_assert_cmpint (kdcc_pg_class_is_active (with_active), ==, (c->expect & INACTIVE) == 0);
      g_assert_cmpint (kdcc_pg_class_is_degraded (with_active), ==, (c->expect & DEGRADED) != 0);
      g_assert_cmpint (kdcc_pg_class_is_stale (in_front), ==, g_str_equal (c->word, "stale"));

      /* The impact of a whole state: none when clean, data unavailable when
       * not active, else the word's own, and at least at-risk for a PG
       * that is unclean for no named reason ("active+clean" followed by a
       * word with no impact of its own is still clean). */
      if ((c->expect & ROUTINE) || base)
        g_assert_cmpint (kdcc_pg_class_get_impact (with_clean), ==, KDCC_IMPACT_NONE);
      else if (c->expect & INACTIVE)
        g_assert_cmpint (kdcc_pg_class_get_impact (with_clean), ==, KDCC_IMPACT_DATA_UNAVAILABLE);
      else
        g_assert_cmpint (kdcc_pg_class_get_impact (with_clean), ==, c->impact);

      /* Every word alone: only "active" and nothing else is active, and no
       * single word is clean ("clean" without "active" is not). */
      g_assert_false (kdcc_pg_class_is_clean (c->word));
      g_assert_cmpint (kdcc_pg_class_is_active (c->word), ==, g_str_equal (c->word, "active"));
    }
}

static void
test_real_states (void)
{
  const struct {
    const char *state;
    gboolean    clean;
    gboolean    active;
    KdccImpact  impact;
  } cases[] = {
    /* Strings as `ceph pg dump pgs_brief` and pgs_by_state print them. */
    { "active+clean",                                 TRUE,  TRUE,  KDCC_IMPACT_NONE },
    { "active+clean+scrubbing",                       TRUE,  TRUE,  KDCC_IMPACT_NONE },
    { "active+clean+scrubbing+deep",                  TRUE,  TRUE,  KDCC_IMPACT_NONE },
    { "active+clean+snaptrim_wait",                   TRUE,  TRUE,  KDCC_IMPACT_NONE },
    { "stale+active+clean",                           FALSE, FALSE, KDCC_IMPACT_DATA_UNAVAILABLE },
    { "unknown",                                      FALSE, FALSE, KDCC_IMPACT_DATA_UNAVAILABLE },
    { "stale+down",                                   FALSE, FALSE, KDCC_IMPACT_DATA_UNAVAILABLE },
    { "undersized+degraded+peered",                   FALSE, FALSE, KDCC_IMPACT_DATA_UNAVAILABLE },
    { "creating+peering",                             FALSE, FALSE, KDCC_IMPACT_DATA_UNAVAILABLE },
    { "active+undersized",                            FALSE, TRUE,  KDCC_IMPACT_DATA_AT_RISK },
    { "active+undersized+degraded",                   FALSE, TRUE,  KDCC_IMPACT_DATA_AT_RISK },
    { "active+recovery_wait+degraded",                FALSE, TRUE,  KDCC_IMPACT_DATA_AT_RISK },
    { "active+clean+inconsistent",                    FALSE, TRUE,  KDCC_IMPACT_DATA_AT_RISK },
    { "active+clean+scrubbing+deep+inconsistent+repair", FALSE, TRUE, KDCC_IMPACT_DATA_AT_RISK },
    { "active+remapped+backfilling",                  FALSE, TRUE,  KDCC_IMPACT_PERFORMANCE },
    { "active+remapped+backfill_wait",                FALSE, TRUE,  KDCC_IMPACT_PERFORMANCE },
    { "active+clean+remapped",                        FALSE, TRUE,  KDCC_IMPACT_PERFORMANCE },
    { "active+clean+laggy",                           FALSE, TRUE,  KDCC_IMPACT_PERFORMANCE },
    { "active+remapped+backfill_toofull",             FALSE, TRUE,  KDCC_IMPACT_DATA_AT_RISK },
    /* Active but unclean for no named reason: at risk. */
    { "active",                                       FALSE, TRUE,  KDCC_IMPACT_DATA_AT_RISK },
    { "active+scrubbing+deep",                        FALSE, TRUE,  KDCC_IMPACT_DATA_AT_RISK },
    /* A word from a future release: never clean. */
    { "active+clean+frobnicating",                    FALSE, TRUE,  KDCC_IMPACT_DATA_AT_RISK },
    /* Malformed: never clean or active. */
    { "",                                             FALSE, FALSE, KDCC_IMPACT_DATA_UNAVAILABLE },
    { "active+",                                      FALSE, FALSE, KDCC_IMPACT_DATA_UNAVAILABLE },
    { "+active+clean",                                FALSE, FALSE, KDCC_IMPACT_DATA_UNAVAILABLE },
    { "active++clean",                                FALSE, FALSE, KDCC_IMPACT_DATA_UNAVAILABLE },
    { "clean+active",                                 FALSE, TRUE,  KDCC_IMPACT_DATA_AT_RISK },
    { "Active+Clean",                                 FALSE, FALSE, KDCC_IMPACT_DATA_UNAVAILABLE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("state \"%s\"", cases[i].state);
      g_assert_cmpint (kdcc_pg_class_is_clean (cases[i].state), ==, cases[i].clean);
      g_assert_cmpint (kdcc_pg_class_is_active (cases[i].state), ==, cases[i].active);
      g_assert_cmpint (kdcc_pg_class_get_impact (cases[i].state), ==, cases[i].impact);
      /* KdccPgState's "healthy" is the same rule. */
      g_assert_cmpint (kdcc_pg_state_is_healthy_name (cases[i].state), ==, cases[i].clean);
    }

  g_assert_false (kdcc_pg_class_is_clean (NULL));
  g_assert_false (kdcc_pg_class_is_active (NULL));
  g_assert_false (kdcc_pg_class_is_known_word ("frobnicating"));
  g_assert_false (kdcc_pg_class_is_known_word ("active+clean"));
  g_assert_false (kdcc_pg_class_is_known_word (NULL));
}

/* The new admin's cluster from the issue: 81 PGs, 38 active+clean, and two
 * stale+active+clean PGs that an earlier count took for clean and active
 * ("41 not active+clean", "6 not active" where 43 and 8 are right). */
static void
test_counts_issue_example (void)
{
  KdccPgCounts counts;

  kdcc_pg_counts_init (&counts);
  kdcc_pg_counts_add (&counts, "active+clean", 38);
  kdcc_pg_counts_add (&counts, "stale+active+clean", 2);
  kdcc_pg_counts_add (&counts, "active+undersized+degraded", 35);
  kdcc_pg_counts_add (&counts, "unknown", 4);
  kdcc_pg_counts_add (&counts, "undersized+degraded+peered", 2);
  /* Nothing to count. */
  kdcc_pg_counts_add (&counts, "active+clean", 0);
  kdcc_pg_counts_add (&counts, "down", -3);

  g_assert_cmpint (counts.total, ==, 81);
  g_assert_cmpint (counts.clean, ==, 38);
  g_assert_cmpint (counts.not_clean, ==, 43);
  g_assert_cmpint (counts.active, ==, 73);
  g_assert_cmpint (counts.not_active, ==, 8);
  g_assert_cmpint (counts.stale, ==, 2);
  g_assert_cmpint (counts.unknown, ==, 4);
  g_assert_cmpint (counts.degraded, ==, 37);
  g_assert_cmpint (counts.by_impact[KDCC_IMPACT_NONE], ==, 38);
  g_assert_cmpint (counts.by_impact[KDCC_IMPACT_DATA_UNAVAILABLE], ==, 8);
  g_assert_cmpint (counts.by_impact[KDCC_IMPACT_DATA_AT_RISK], ==, 35);
  g_assert_cmpint (counts.by_impact[KDCC_IMPACT_PERFORMANCE], ==, 0);
}

/* The counters over a KdccPgState list agree with the pairs they hold. */
static void
test_counts_model (void)
{
  g_autoptr(GListStore) store = g_list_store_new (KDCC_TYPE_PG_STATE);
  const struct { const char *state; gint64 count; } pairs[] = {
    { "active+clean", 30 }, { "stale+active+clean", 2 }, { "active+remapped+backfilling", 5 },
  };
  KdccPgCounts counts;

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      g_autoptr(KdccPgState) state = kdcc_pg_state_new (pairs[i].state);

      kdcc_pg_state_set_count (state, pairs[i].count);
      g_list_store_append (store, state);
    }

  kdcc_pg_counts_init (&counts);
  kdcc_pg_counts_add_model (&counts, G_LIST_MODEL (store));
  g_assert_cmpint (counts.total, ==, 37);
  g_assert_cmpint (counts.clean, ==, 30);
  g_assert_cmpint (counts.not_active, ==, 2);
  g_assert_cmpint (counts.by_impact[KDCC_IMPACT_PERFORMANCE], ==, 5);
}

/* Counting per PG (pg dump pgs_brief) and per state (status's
 * pgs_by_state) of the same capture must agree. */
static void
assert_capture_agrees (const char *dir,
                       gint64      expect_total,
                       gint64      expect_clean,
                       gint64      expect_not_active,
                       gint64      expect_stale)
{
  g_autofree char *status_path = g_build_filename (g_getenv ("KDCC_FIXTURES"), dir,
                                                   "status.json", NULL);
  g_autofree char *brief_path = g_build_filename (g_getenv ("KDCC_FIXTURES"), dir,
                                                  "pg-dump-pgs-brief.json", NULL);
  g_autoptr(JsonParser) status = json_parser_new ();
  g_autoptr(JsonParser) brief = json_parser_new ();
  g_autoptr(GError) error = NULL;
  KdccPgCounts by_state, by_pg;
  JsonArray *array;

  json_parser_load_from_file (status, status_path, &error);
  g_assert_no_error (error);
  json_parser_load_from_file (brief, brief_path, &error);
  g_assert_no_error (error);

  kdcc_pg_counts_init (&by_state);
  array = json_object_get_array_member (
    json_object_get_object_member (json_node_get_object (json_parser_get_root (status)), "pgmap"),
    "pgs_by_state");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *pair = json_array_get_object_element (array, i);

      kdcc_pg_counts_add (&by_state, json_object_get_string_member (pair, "state_name"),
                          json_object_get_int_member (pair, "count"));
    }

  kdcc_pg_counts_init (&by_pg);
  array = json_object_get_array_member (json_node_get_object (json_parser_get_root (brief)),
                                        "pg_stats");
  for (guint i = 0; i < json_array_get_length (array); i++)
    kdcc_pg_counts_add (&by_pg,
                        json_object_get_string_member (json_array_get_object_element (array, i),
                                                       "state"),
                        1);

  g_assert_cmpint (by_state.total, ==, expect_total);
  g_assert_cmpint (by_state.clean, ==, expect_clean);
  g_assert_cmpint (by_state.not_active, ==, expect_not_active);
  g_assert_cmpint (by_state.stale, ==, expect_stale);
  g_assert_cmpmem (&by_state, sizeof by_state, &by_pg, sizeof by_pg);
}

static void
test_counts_captured (void)
{
  /* One OSD stopped and out: undersized, nothing stale. */
  assert_capture_agrees ("diagnostics/degraded-16.2.15", 33, 0, 0, 0);
  /* An OSD stopped while in, size-1 pools on it: 6 clean of 45; the 2
   * stale+active+clean and 4 unknown PGs are neither clean nor active,
   * as PG_AVAILABILITY in the same capture says ("4 pgs inactive, 2 pgs
   * stale"). */
  assert_capture_agrees ("diagnostics/stale-16.2.15", 45, 6, 6, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pg-class/every-word", test_every_word);
  g_test_add_func ("/pg-class/real-states", test_real_states);
  g_test_add_func ("/pg-class/counts/issue-example", test_counts_issue_example);
  g_test_add_func ("/pg-class/counts/model", test_counts_model);
  g_test_add_func ("/pg-class/counts/captured", test_counts_captured);

  return kdcc_test_run ();
}
