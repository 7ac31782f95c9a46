/* kdcc-health-links.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-health-links"

#include "config.h"

#include <string.h>

#include "kdcc-health-links.h"

/* The table of codes to subjects. Ceph's detail lines name their subjects
 * in a few fixed shapes ("osd.3 (root=default,host=vm) is down", "pool
 * 'rbd' is full", "pg 1.1f is stuck undersized ...", "host vm (root=default)
 * (3 osds) is down", "Module 'restful' has failed: ..."); a family of codes
 * says which shapes to look for, so that a pool name that happens to read
 * "osd.1" is not taken for an OSD. */
typedef enum
{
  FIND_OSDS    = 1 << 0,
  FIND_POOLS   = 1 << 1,
  FIND_PGS     = 1 << 2,
  FIND_HOSTS   = 1 << 3,
  FIND_MODULE  = 1 << 4,
  FIND_DAEMONS = 1 << 5,  /* mon.X, mgr.X, osd.N: the daemon's own page */
  LINK_PGS     = 1 << 6,  /* link the PG page even without PG ids */
  LINK_MONS    = 1 << 7,
  LINK_MGRS    = 1 << 8,
} Find;

typedef struct
{
  const char *prefix;   /* a code; a prefix when it ends in '_', or in '*' (dropped) */
  Find        find;
} Rule;

/* First match wins: exact codes before the prefixes they share. */
static const Rule rules[] = {
  { "OSD_HOST_DOWN", FIND_HOSTS | FIND_OSDS },
  { "OSD_SCRUB_ERRORS", LINK_PGS | FIND_PGS },
  { "OSD_TOO_MANY_REPAIRS", FIND_OSDS },
  { "OSDMAP_FLAGS", 0 },
  { "OSD_", FIND_OSDS | FIND_HOSTS },
  { "SLOW_OPS", FIND_DAEMONS },
  { "BLUESTORE_", FIND_OSDS },
  { "BLUEFS_", FIND_OSDS },
  { "DEVICE_HEALTH", FIND_OSDS },
  { "OLD_CRUSH_", 0 },
  { "POOL_", FIND_POOLS },
  { "SMALLER_PGP_NUM", FIND_POOLS },
  { "MANY_OBJECTS_PER_PG", FIND_POOLS },
  { "LARGE_OMAP_OBJECTS", FIND_POOLS | FIND_PGS },
  { "CACHE_POOL_", FIND_POOLS },
  { "TOO_FEW_PGS", 0 },
  { "TOO_MANY_PGS", 0 },
  { "PG_", LINK_PGS | FIND_PGS },
  { "OBJECT_", LINK_PGS | FIND_PGS },
  { "MON_", LINK_MONS },
  { "AUTH_INSECURE_GLOBAL_ID_RECLAIM*", LINK_MONS },
  { "MGR_MODULE_", LINK_MGRS | FIND_MODULE },
  { "MGR_", LINK_MGRS },
  { "RECENT_CRASH", FIND_DAEMONS },
  { "RECENT_MGR_MODULE_CRASH", LINK_MGRS | FIND_MODULE },
};

static Find
rule_for (const char *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      const char *prefix = rules[i].prefix;
      gsize len = strlen (prefix);

      if (prefix[len - 1] == '*' ? strncmp (code, prefix, len - 1) == 0
          : prefix[len - 1] == '_' ? g_str_has_prefix (code, prefix) : g_str_equal (code, prefix))
        return rules[i].find;
    }
  return 0;
}

static gboolean
is_word_start (const char *text,
               const char *at)
{
  return at == text || !(g_ascii_isalnum (at[-1]) || at[-1] == '_' || at[-1] == '.');
}

static void
add_subject (KdccHealthLinks *links,
             KdccSubject     *subject)
{
  if (subject == NULL)
    return;
  for (guint i = 0; i < links->subjects->len; i++)
    if (kdcc_subject_equal (g_ptr_array_index (links->subjects, i), subject))
      {
        kdcc_subject_free (subject);
        return;
      }
  g_ptr_array_add (links->subjects, subject);
}

static void
add_list_subject (KdccHealthLinks *links,
                  KdccSubjectKind  kind)
{
  add_subject (links, kdcc_subject_new (kind, NULL));
}

/* "osd.3", "mon.a", "mgr.x" as whole words. */
static void
find_daemons (KdccHealthLinks *links,
              const char      *line,
              gboolean         osds_only)
{
  static const char * const types[] = { "osd.", "mon.", "mgr." };

  for (const char *p = line; *p != '\0'; p++)
    for (guint t = 0; t < G_N_ELEMENTS (types); t++)
      {
        const char *rest;

        if (osds_only && t > 0)
          break;
        if (!g_str_has_prefix (p, types[t]) || !is_word_start (line, p))
          continue;
        rest = p + strlen (types[t]);
        if (t == 0)
          {
            char *end = NULL;
            guint64 id;

            if (!g_ascii_isdigit (*rest))
              continue;
            id = g_ascii_strtoull (rest, &end, 10);
            if (id <= G_MAXINT32 && (*end == '\0' || !g_ascii_isalnum (*end)))
              add_subject (links, kdcc_subject_new_osd ((gint64) id));
          }
        else if (g_ascii_isalnum (*rest))
          add_list_subject (links, t == 1 ? KDCC_SUBJECT_MONS : KDCC_SUBJECT_MGRS);
      }
}

/* The text between quotes after OPENER ("pool '", "Module '"). */
static char *
quoted_after (const char  *at,
              const char **next)
{
  const char *start = at;
  const char *end = strchr (start, '\'');

  if (end == NULL || end == start)
    return NULL;
  *next = end + 1;
  return g_strndup (start, end - start);
}

static void
find_pools (KdccHealthLinks *links,
            const char      *line)
{
  const char *p = line;

  /* "pool 'NAME' ...", "application not enabled on pool 'NAME'",
   * "Pools ['a', 'b'] overcommit ...": every quoted name after "pool". */
  while ((p = strstr (p, "ool")) != NULL)
    {
      const char *q = p + 3;

      if (p == line || (p[-1] != 'p' && p[-1] != 'P') || !is_word_start (line, p - 1))
        {
          p = q;
          continue;
        }
      if (*q == 's')
        q++;
      while (*q == ' ' || *q == '[')
        q++;
      if (*q == '\'')
        {
          /* One or more quoted names, comma separated. */
          while (*q == '\'')
            {
              const char *next = NULL;
              g_autofree char *name = quoted_after (q + 1, &next);

              if (name == NULL)
                break;
              add_subject (links, kdcc_subject_new (KDCC_SUBJECT_POOL, name));
              q = next;
              while (*q == ',' || *q == ' ')
                q++;
            }
        }
      else if (g_ascii_isalnum (*q) && (p[-1] == 'P' || p[-1] == 'p') && q == p + 4)
        {
          /* "Pool NAME has 8 placement groups" (POOL_TOO_FEW_PGS) and
           * "pool NAME pg_num 64 > pgp_num 32": an unquoted name. */
          const char *end = strchr (q, ' ');

          /* Only those two shapes: "pool application enable" in an advice
           * line names no pool. */
          if (end != NULL && (g_str_has_prefix (end, " has ") || g_str_has_prefix (end, " pg_num ")
                              || g_str_has_prefix (end, " objects per pg")))
            {
              g_autofree char *name = g_strndup (q, end - q);

              add_subject (links, kdcc_subject_new (KDCC_SUBJECT_POOL, name));
            }
        }
      p = q;
    }
}

static void
find_pgs (KdccHealthLinks *links,
          const char      *line)
{
  const char *p = line;

  while ((p = strstr (p, "pg ")) != NULL)
    {
      const char *q = p + 3;
      const char *start = q;

      if (!is_word_start (line, p))
        {
          p = q;
          continue;
        }
      while (g_ascii_isdigit (*q))
        q++;
      if (q > start && *q == '.' && g_ascii_isxdigit (q[1]))
        {
          q++;
          while (g_ascii_isxdigit (*q))
            q++;
          if (*q == '\0' || !g_ascii_isalnum (*q))
            {
              g_autofree char *pgid = g_strndup (start, q - start);
              gboolean seen = FALSE;

              for (guint i = 0; i < links->pgids->len && !seen; i++)
                seen = g_str_equal (g_ptr_array_index (links->pgids, i), pgid);
              if (!seen)
                g_ptr_array_add (links->pgids, g_steal_pointer (&pgid));
              add_list_subject (links, KDCC_SUBJECT_PGS);
            }
        }
      p = q;
    }
}

/* "host NAME (root=default) (3 osds) is down", and the host= of an OSD's
 * CRUSH location is not a subject of its own (the OSD is). */
static void
find_hosts (KdccHealthLinks *links,
            const char      *line)
{
  const char *p = line;

  while ((p = strstr (p, "host ")) != NULL)
    {
      const char *q = p + 5;
      const char *end = q;

      if (!is_word_start (line, p))
        {
          p = q;
          continue;
        }
      while (*end != '\0' && *end != ' ' && *end != '(' && *end != ',')
        end++;
      if (end > q)
        {
          g_autofree char *name = g_strndup (q, end - q);

          add_subject (links, kdcc_subject_new (KDCC_SUBJECT_HOST, name));
        }
      p = end;
    }
}

static void
find_module (KdccHealthLinks *links,
             const char      *line)
{
  const char *p = strstr (line, "odule '");
  const char *next = NULL;
  g_autofree char *name = NULL;

  if (links->mgr_module != NULL || p == NULL)
    return;
  name = quoted_after (p + strlen ("odule '"), &next);
  if (name != NULL)
    links->mgr_module = g_steal_pointer (&name);
}

static void
scan_line (KdccHealthLinks *links,
           Find             find,
           const char      *line)
{
  if (find & FIND_HOSTS)
    find_hosts (links, line);
  if (find & FIND_DAEMONS)
    find_daemons (links, line, FALSE);
  else if (find & FIND_OSDS)
    find_daemons (links, line, TRUE);
  if (find & FIND_POOLS)
    find_pools (links, line);
  if (find & FIND_PGS)
    find_pgs (links, line);
  if (find & FIND_MODULE)
    find_module (links, line);
}

KdccHealthLinks *
kdcc_health_links_new (const char         *code,
                       const char         *summary,
                       const char * const *detail)
{
  KdccHealthLinks *links = g_new0 (KdccHealthLinks, 1);
  Find find;

  links->subjects = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_subject_free);
  links->pgids = g_ptr_array_new_with_free_func (g_free);
  if (code == NULL)
    return links;

  find = rule_for (code);
  if (find & LINK_MONS)
    add_list_subject (links, KDCC_SUBJECT_MONS);
  if (find & LINK_MGRS)
    add_list_subject (links, KDCC_SUBJECT_MGRS);
  if (find & LINK_PGS)
    add_list_subject (links, KDCC_SUBJECT_PGS);

  /* Detail lines first: they name the subjects one by one. The summary
   * only adds what the details do not have (SLOW_OPS names its daemons
   * in the summary alone: "daemons [osd.0,mon.a] have slow ops."). */
  for (guint i = 0; detail != NULL && detail[i] != NULL; i++)
    scan_line (links, find, detail[i]);
  if (summary != NULL)
    scan_line (links, find & ~FIND_HOSTS, summary);
  return links;
}

void
kdcc_health_links_free (KdccHealthLinks *links)
{
  if (links == NULL)
    return;
  g_clear_pointer (&links->subjects, g_ptr_array_unref);
  g_clear_pointer (&links->pgids, g_ptr_array_unref);
  g_free (links->mgr_module);
  g_free (links);
}

KdccSubject *
kdcc_health_links_dup_primary (const KdccHealthLinks *links,
                               const char            *code)
{
  g_return_val_if_fail (links != NULL, NULL);

  if (links->subjects->len > 0)
    return kdcc_subject_copy (g_ptr_array_index (links->subjects, 0));
  return code != NULL ? kdcc_subject_new (KDCC_SUBJECT_HEALTH_CHECK, code) : NULL;
}
