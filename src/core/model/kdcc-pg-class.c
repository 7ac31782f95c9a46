/* kdcc-pg-class.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The state words are those Ceph's pg_state_string() (src/osd/osd_types.cc)
 * prints, plus "unknown", which it prints for a PG no OSD has reported. The
 * impact of each word follows the class Ceph's own PG health checks give
 * the matching state bit (PGMap::get_health_checks: PG_AVAILABILITY,
 * PG_DEGRADED, PG_DAMAGED, PG_BACKFILL_FULL, PG_RECOVERY_FULL), refined for
 * the words Ceph does not raise a check for: recovery puts data at risk
 * (objects are missing somewhere), backfill and remapping only cost
 * performance (every object has its copies, just not where CRUSH wants
 * them), and laggy/wait/premerge pause IO only briefly.
 */
#define G_LOG_DOMAIN "kdcc-pg-class"

#include "config.h"

#include <string.h>

#include "kdcc-pg-class.h"
#include "kdcc-pg-state.h"

typedef enum
{
  WORD_ACTIVITY = 1 << 0,  /* routine work that leaves a PG clean */
  WORD_INACTIVE = 1 << 1,  /* the PG does not serve IO */
  WORD_DEGRADED = 1 << 2,  /* fewer copies than the pool's size */
} WordFlags;

typedef struct
{
  const char *word;
  KdccImpact  impact;
  WordFlags   flags;
} WordClass;

static const WordClass word_classes[] = {
  { "active",           KDCC_IMPACT_NONE,             0 },
  { "clean",            KDCC_IMPACT_NONE,             0 },
  { "scrubbing",        KDCC_IMPACT_NONE,             WORD_ACTIVITY },
  { "deep",             KDCC_IMPACT_NONE,             WORD_ACTIVITY },
  { "snaptrim",         KDCC_IMPACT_NONE,             WORD_ACTIVITY },
  { "snaptrim_wait",    KDCC_IMPACT_NONE,             WORD_ACTIVITY },
  { "stale",            KDCC_IMPACT_DATA_UNAVAILABLE, WORD_INACTIVE },
  { "unknown",          KDCC_IMPACT_DATA_UNAVAILABLE, WORD_INACTIVE },
  { "creating",         KDCC_IMPACT_DATA_UNAVAILABLE, WORD_INACTIVE },
  { "activating",       KDCC_IMPACT_DATA_UNAVAILABLE, WORD_INACTIVE },
  { "peering",          KDCC_IMPACT_DATA_UNAVAILABLE, WORD_INACTIVE },
  { "peered",           KDCC_IMPACT_DATA_UNAVAILABLE, WORD_INACTIVE },
  { "down",             KDCC_IMPACT_DATA_UNAVAILABLE, WORD_INACTIVE },
  { "incomplete",       KDCC_IMPACT_DATA_UNAVAILABLE, WORD_INACTIVE },
  { "degraded",         KDCC_IMPACT_DATA_AT_RISK,     WORD_DEGRADED },
  { "undersized",       KDCC_IMPACT_DATA_AT_RISK,     WORD_DEGRADED },
  { "recovering",       KDCC_IMPACT_DATA_AT_RISK,     0 },
  { "recovery_wait",    KDCC_IMPACT_DATA_AT_RISK,     0 },
  { "forced_recovery",  KDCC_IMPACT_DATA_AT_RISK,     0 },
  { "recovery_toofull", KDCC_IMPACT_DATA_AT_RISK,     0 },
  { "recovery_unfound", KDCC_IMPACT_DATA_AT_RISK,     0 },
  { "backfill_unfound", KDCC_IMPACT_DATA_AT_RISK,     0 },
  { "backfill_toofull", KDCC_IMPACT_DATA_AT_RISK,     0 },
  { "inconsistent",     KDCC_IMPACT_DATA_AT_RISK,     0 },
  { "snaptrim_error",   KDCC_IMPACT_DATA_AT_RISK,     0 },
  { "repair",           KDCC_IMPACT_DATA_AT_RISK,     0 },
  { "failed_repair",    KDCC_IMPACT_DATA_AT_RISK,     0 },
  { "remapped",         KDCC_IMPACT_PERFORMANCE,      0 },
  { "backfilling",      KDCC_IMPACT_PERFORMANCE,      0 },
  { "backfill_wait",    KDCC_IMPACT_PERFORMANCE,      0 },
  { "forced_backfill",  KDCC_IMPACT_PERFORMANCE,      0 },
  { "premerge",         KDCC_IMPACT_PERFORMANCE,      0 },
  { "laggy",            KDCC_IMPACT_PERFORMANCE,      0 },
  { "wait",             KDCC_IMPACT_PERFORMANCE,      0 },
};

static const WordClass *
find_word (const char *word,
           gsize       length)
{
  for (guint i = 0; i < G_N_ELEMENTS (word_classes); i++)
    {
      if (strlen (word_classes[i].word) == length
          && strncmp (word_classes[i].word, word, length) == 0)
        return &word_classes[i];
    }
  return NULL;
}

/* Everything the classification needs from one state string, in one pass
 * over its words without allocating: the counters call this for every
 * (state, count) pair on every refresh. */
typedef struct
{
  gboolean   valid;          /* not NULL, not empty, no empty word */
  gboolean   first_active;   /* the first word is "active" */
  gboolean   has_active;
  gboolean   has_clean;
  gboolean   only_routine;   /* every word is active, clean or an activity */
  gboolean   inactive;
  gboolean   stale;
  gboolean   degraded;
  KdccImpact impact;         /* worst over the known words */
} StateInfo;

static void
state_info_read (const char *state,
                 StateInfo  *info)
{
  const char *p = state;

  memset (info, 0, sizeof *info);
  if (state == NULL || *state == '\0')
    return;

  info->valid = TRUE;
  info->only_routine = TRUE;

  for (guint index = 0; ; index++)
    {
      const char *end = strchr (p, '+');
      gsize length = end != NULL ? (gsize) (end - p) : strlen (p);
      const WordClass *word = find_word (p, length);

      if (length == 0)
        info->valid = FALSE;

      if (word == NULL)
        {
          info->only_routine = FALSE;
        }
      else
        {
          if (g_str_equal (word->word, "active"))
            {
              info->has_active = TRUE;
              if (index == 0)
                info->first_active = TRUE;
            }
          else if (g_str_equal (word->word, "clean"))
            info->has_clean = TRUE;
          else if ((word->flags & WORD_ACTIVITY) == 0)
            info->only_routine = FALSE;

          if (word->flags & WORD_INACTIVE)
            info->inactive = TRUE;
          if (word->flags & WORD_DEGRADED)
            info->degraded = TRUE;
          if (g_str_equal (word->word, "stale"))
            info->stale = TRUE;
          info->impact = MAX (info->impact, word->impact);
        }

      if (end == NULL)
        break;
      p = end + 1;
    }
}

static gboolean
state_info_clean (const StateInfo *info)
{
  return info->valid && info->first_active && info->has_clean && info->only_routine;
}

static gboolean
state_info_active (const StateInfo *info)
{
  return info->valid && info->has_active && !info->inactive;
}

static KdccImpact
state_info_impact (const StateInfo *info)
{
  KdccImpact impact = info->impact;

  if (state_info_clean (info))
    return KDCC_IMPACT_NONE;
  if (!state_info_active (info))
    return KDCC_IMPACT_DATA_UNAVAILABLE;
  /* Not clean for no reason we can name: Ceph's PG_DEGRADED counts PGs
   * stuck unclean too. */
  if (impact == KDCC_IMPACT_NONE)
    impact = KDCC_IMPACT_DATA_AT_RISK;
  return impact;
}

gboolean
kdcc_pg_class_is_clean (const char *state)
{
  StateInfo info;

  state_info_read (state, &info);
  return state_info_clean (&info);
}

gboolean
kdcc_pg_class_is_active (const char *state)
{
  StateInfo info;

  state_info_read (state, &info);
  return state_info_active (&info);
}

gboolean
kdcc_pg_class_is_stale (const char *state)
{
  StateInfo info;

  state_info_read (state, &info);
  return info.stale;
}

gboolean
kdcc_pg_class_is_degraded (const char *state)
{
  StateInfo info;

  state_info_read (state, &info);
  return info.degraded;
}

KdccImpact
kdcc_pg_class_get_impact (const char *state)
{
  StateInfo info;

  state_info_read (state, &info);
  return state_info_impact (&info);
}

gboolean
kdcc_pg_class_is_known_word (const char *word)
{
  return word != NULL && find_word (word, strlen (word)) != NULL;
}

KdccImpact
kdcc_pg_class_word_impact (const char *word)
{
  const WordClass *found = word != NULL ? find_word (word, strlen (word)) : NULL;

  return found != NULL ? found->impact : KDCC_IMPACT_NONE;
}

void
kdcc_pg_counts_init (KdccPgCounts *counts)
{
  g_return_if_fail (counts != NULL);

  memset (counts, 0, sizeof *counts);
}

void
kdcc_pg_counts_add (KdccPgCounts *counts,
                    const char   *state,
                    gint64        count)
{
  StateInfo info;

  g_return_if_fail (counts != NULL);

  if (count <= 0)
    return;

  state_info_read (state, &info);

  counts->total += count;
  if (state_info_clean (&info))
    counts->clean += count;
  else
    counts->not_clean += count;
  if (state_info_active (&info))
    counts->active += count;
  else
    counts->not_active += count;
  if (info.stale)
    counts->stale += count;
  if (g_strcmp0 (state, "unknown") == 0)
    counts->unknown += count;
  if (info.degraded)
    counts->degraded += count;
  counts->by_impact[state_info_impact (&info)] += count;
}

void
kdcc_pg_counts_add_model (KdccPgCounts *counts,
                          GListModel   *states)
{
  guint n;

  g_return_if_fail (counts != NULL);
  g_return_if_fail (G_IS_LIST_MODEL (states));

  n = g_list_model_get_n_items (states);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KdccPgState) state = g_list_model_get_item (states, i);

      kdcc_pg_counts_add (counts, kdcc_pg_state_get_state (state),
                          kdcc_pg_state_get_count (state));
    }
}
