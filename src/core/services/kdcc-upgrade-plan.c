/* kdcc-upgrade-plan.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The path and the steps of an upgrade. The rules are Ceph's and Rook's
 * (ceph-facts.md §7): Ceph skips at most one major release; the Rook
 * operator moves one minor at a time and each line runs a set of Ceph
 * releases; the manual order is noout, mons, mgrs, OSDs one host at a
 * time, MDS, RGW, then require-osd-release and the flag back.
 */
#define G_LOG_DOMAIN "kdcc-upgrade"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "kdcc-daemon.h"
#include "kdcc-error.h"
#include "kdcc-filesystem.h"
#include "kdcc-host.h"
#include "kdcc-osd.h"
#include "kdcc-upgrade-plan.h"

/* The catalog answers per version; the majors it knows are found by asking
 * for each one. Ceph's majors are two digits for a long while yet. */
#define MAX_MAJOR 99

void
kdcc_upgrade_hop_free (KdccUpgradeHop *hop)
{
  if (hop == NULL)
    return;
  g_free (hop->from);
  g_free (hop->to);
  g_free (hop);
}

void
kdcc_upgrade_step_free (KdccUpgradeStep *step)
{
  if (step == NULL)
    return;
  g_free (step->daemon_type);
  g_free (step->daemon_id);
  g_free (step->host);
  g_free (step->description);
  g_free (step->command);
  g_free (step->restart_command);
  g_free (step->target);
  g_free (step);
}

void
kdcc_upgrade_plan_free (KdccUpgradePlan *plan)
{
  if (plan == NULL)
    return;
  g_free (plan->running);
  g_free (plan->running_release);
  g_free (plan->target_release);
  g_free (plan->target_version);
  g_clear_pointer (&plan->path, g_ptr_array_unref);
  g_clear_pointer (&plan->steps, g_ptr_array_unref);
  g_free (plan);
}

/* Releases ------------------------------------------------------------------ */

static KdccReleaseCheck *
check_major (KdccReleaseCatalog *catalog,
             guint               major)
{
  g_autofree char *version = g_strdup_printf ("%u.2.0", major);

  return kdcc_release_catalog_check (catalog, version, NULL);
}

/* The release name of a major, NULL when the catalog has none. */
static char *
release_name (KdccReleaseCatalog *catalog,
              guint               major)
{
  g_autoptr(KdccReleaseCheck) check = check_major (catalog, major);

  return g_strdup (check->release_name);
}

static guint
release_major (KdccReleaseCatalog *catalog,
               const char         *name)
{
  for (guint major = 1; major <= MAX_MAJOR; major++)
    {
      g_autofree char *n = release_name (catalog, major);

      if (n != NULL && g_ascii_strcasecmp (n, name) == 0)
        return major;
    }
  return 0;
}

static char *
title (const char *name)
{
  return g_strdup_printf ("%c%s", g_ascii_toupper (name[0]), name + 1);
}

/* Rook lines ----------------------------------------------------------------- */

static guint
rook_minor (const char *line)
{
  /* "1.12" → 12; Rook 1.x is the only major so far. */
  const char *dot = strchr (line, '.');

  return dot != NULL ? (guint) strtoul (dot + 1, NULL, 10) : 0;
}

static int
compare_rook_lines (gconstpointer a,
                    gconstpointer b)
{
  return (int) rook_minor (*(const char * const *) a) - (int) rook_minor (*(const char * const *) b);
}

/* Every Rook line the catalog knows, oldest first. */
static GPtrArray *
all_rook_lines (KdccReleaseCatalog *catalog)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);

  for (guint major = 1; major <= MAX_MAJOR; major++)
    {
      g_autofree char *name = release_name (catalog, major);
      g_auto(GStrv) rook = NULL;

      if (name == NULL)
        continue;
      rook = kdcc_release_catalog_dup_rook_for (catalog, name);
      for (guint i = 0; rook != NULL && rook[i] != NULL; i++)
        {
          gboolean seen = FALSE;

          for (guint j = 0; j < lines->len && !seen; j++)
            seen = g_str_equal (g_ptr_array_index (lines, j), rook[i]);
          if (!seen)
            g_ptr_array_add (lines, g_strdup (rook[i]));
        }
    }
  g_ptr_array_sort (lines, compare_rook_lines);
  return lines;
}

static gboolean
rook_runs (KdccReleaseCatalog *catalog,
           const char         *line,
           guint               major)
{
  g_autofree char *name = release_name (catalog, major);
  g_auto(GStrv) rook = name != NULL ? kdcc_release_catalog_dup_rook_for (catalog, name) : NULL;

  return rook != NULL && g_strv_contains ((const char * const *) rook, line);
}

static void
add_hop (GPtrArray          *path,
         KdccUpgradeHopKind  kind,
         const char         *from,
         const char         *to)
{
  KdccUpgradeHop *hop = g_new0 (KdccUpgradeHop, 1);

  hop->kind = kind;
  hop->from = g_strdup (from);
  hop->to = g_strdup (to);
  g_ptr_array_add (path, hop);
}

/* Moves the Rook line (index *at in lines) one minor at a time until it
 * runs both the current major and next; every line passed must run the
 * current one. The hops go to hops; FALSE when no line does. */
static gboolean
advance_rook (KdccReleaseCatalog *catalog,
              GPtrArray          *lines,
              guint              *at,
              guint               current,
              guint               next,
              GPtrArray          *hops)
{
  guint i = *at;

  while (!rook_runs (catalog, g_ptr_array_index (lines, i), next))
    {
      if (i + 1 >= lines->len || !rook_runs (catalog, g_ptr_array_index (lines, i + 1), current))
        return FALSE;
      add_hop (hops, KDCC_UPGRADE_HOP_ROOK, g_ptr_array_index (lines, i),
               g_ptr_array_index (lines, i + 1));
      i++;
    }
  *at = i;
  return TRUE;
}

GPtrArray *
kdcc_upgrade_path (KdccReleaseCatalog  *catalog,
                   const char          *running,
                   const char          *target_release,
                   const char          *rook_line,
                   GError             **error)
{
  g_autoptr(GPtrArray) path = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_upgrade_hop_free);
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(KdccReleaseCheck) check = NULL;
  KdccCephVersion version;
  guint target, current, rook_at = 0;

  g_return_val_if_fail (KDCC_IS_RELEASE_CATALOG (catalog), NULL);
  g_return_val_if_fail (target_release != NULL, NULL);

  if (running == NULL || !kdcc_ceph_version_parse (running, &version))
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("The running Ceph version is unknown: no daemon reported one"));
      return NULL;
    }
  target = release_major (catalog, target_release);
  if (target == 0)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("“%s” is not a Ceph release the release catalog knows"), target_release);
      return NULL;
    }
  check = kdcc_release_catalog_check (catalog, running, NULL);
  if (check->release_name == NULL)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("The running version %s is not in the release catalog"), running);
      return NULL;
    }
  current = version.major;
  if (target < current)
    {
      g_autofree char *from = title (check->release_name);
      g_autofree char *to = title (target_release);

      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("%s runs; Ceph does not support a downgrade to %s"), from, to);
      return NULL;
    }
  if (target == current)
    {
      g_autofree char *from = title (check->release_name);

      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("%s already runs; update within a release by restarting the daemons "
                     "on its newest point release (%s)"), from, check->newest);
      return NULL;
    }

  if (rook_line != NULL)
    {
      lines = all_rook_lines (catalog);
      for (rook_at = 0; rook_at < lines->len; rook_at++)
        if (g_str_equal (g_ptr_array_index (lines, rook_at), rook_line))
          break;
      if (rook_at == lines->len)
        {
          g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                       _("Rook %s is not a line the release catalog knows"), rook_line);
          return NULL;
        }
    }

  while (current < target)
    {
      gboolean found = FALSE;
      guint next;

      /* The longest hop Ceph allows, a shorter one when no Rook line runs
       * both ends of it. */
      for (next = MIN (current + 2, target); next > current && !found; next--)
        {
          g_autoptr(GPtrArray) hops = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_upgrade_hop_free);
          g_autofree char *name = release_name (catalog, next);
          g_autofree char *from = release_name (catalog, current);
          guint at = rook_at;

          if (name == NULL)
            continue;
          if (lines != NULL && !advance_rook (catalog, lines, &at, current, next, hops))
            continue;
          for (guint i = 0; i < hops->len; i++)
            g_ptr_array_add (path, g_steal_pointer (&hops->pdata[i]));
          add_hop (path, KDCC_UPGRADE_HOP_CEPH, from, name);
          rook_at = at;
          current = next;
          found = TRUE;
        }
      if (!found)
        {
          g_autofree char *from = release_name (catalog, current);
          g_autofree char *t = title (from);

          if (lines != NULL)
            g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                         _("No Rook line after %s runs %s and the release after it: "
                           "the catalog has no way forward"),
                         (const char *) g_ptr_array_index (lines, rook_at), t);
          else
            g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                         _("The release catalog has no release to go to after %s"), t);
          return NULL;
        }
    }

  return g_steal_pointer (&path);
}

char *
kdcc_upgrade_path_to_string (const GPtrArray *path)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < path->len; i++)
    {
      KdccUpgradeHop *hop = g_ptr_array_index (path, i);
      g_autofree char *to = hop->kind == KDCC_UPGRADE_HOP_CEPH ? title (hop->to)
                                                              : g_strdup_printf ("Rook %s", hop->to);

      if (text->len == 0)
        {
          g_autofree char *from = hop->kind == KDCC_UPGRADE_HOP_CEPH
                                  ? title (hop->from) : g_strdup_printf ("Rook %s", hop->from);

          g_string_append (text, from);
        }
      g_string_append_printf (text, " → %s", to);
    }
  return g_string_free (text, FALSE);
}

/* Steps ---------------------------------------------------------------------- */

char *
kdcc_upgrade_fill_template (const char *template_,
                            const char *type,
                            const char *id,
                            const char *host)
{
  GString *out = g_string_new (NULL);

  for (const char *p = template_; *p != '\0'; )
    {
      if (g_str_has_prefix (p, "{type}"))
        g_string_append (out, type), p += strlen ("{type}");
      else if (g_str_has_prefix (p, "{id}"))
        g_string_append (out, id), p += strlen ("{id}");
      else if (g_str_has_prefix (p, "{host}"))
        g_string_append (out, host != NULL ? host : "{host}"), p += strlen ("{host}");
      else
        g_string_append_c (out, *p++);
    }
  return g_string_free (out, FALSE);
}

static KdccUpgradeStep *
add_step (GPtrArray           *steps,
          KdccUpgradeStepKind  kind,
          char                *description,
          char                *command)
{
  KdccUpgradeStep *step = g_new0 (KdccUpgradeStep, 1);

  step->kind = kind;
  step->description = description;
  step->command = command;
  g_ptr_array_add (steps, step);
  return step;
}

static void
add_daemon_step (GPtrArray  *steps,
                 const char *type,
                 const char *id,
                 const char *host,
                 const char *target_version,
                 const char *template_,
                 char       *check)
{
  KdccUpgradeStep *step;

  step = add_step (steps, KDCC_UPGRADE_STEP_DAEMON,
                   /* TRANSLATORS: "Restart mon.a on 18.2.8" */
                   g_strdup_printf (_("Restart %s.%s on %s"), type, id, target_version), check);
  step->daemon_type = g_strdup (type);
  step->daemon_id = g_strdup (id);
  step->host = g_strdup (host);
  if (template_ != NULL)
    step->restart_command = kdcc_upgrade_fill_template (template_, type, id, host);
}

/* The daemons of one type in the model (by name), as (id, host) pairs. */
static GPtrArray *
daemons_of (KdccCluster *cluster,
            const char  *type)
{
  GListModel *daemons = kdcc_cluster_get_daemons (cluster);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (daemons); i++)
    {
      g_autoptr(KdccDaemon) d = g_list_model_get_item (daemons, i);

      if (g_strcmp0 (kdcc_daemon_get_daemon_type (d), type) == 0)
        g_ptr_array_add (out, g_steal_pointer (&d));
    }
  return out;
}

static void
add_mon_steps (GPtrArray   *steps,
               KdccCluster *cluster,
               const char  *version,
               const char  *template_)
{
  g_autoptr(GPtrArray) mons = daemons_of (cluster, "mon");
  const GPtrArray *names = kdcc_cluster_get_mons (cluster);

  /* One at a time, each back in quorum before the next. */
  if (mons->len > 0)
    for (guint i = 0; i < mons->len; i++)
      add_daemon_step (steps, "mon", kdcc_daemon_get_name (mons->pdata[i]),
                       kdcc_daemon_get_host (mons->pdata[i]), version, template_,
                       g_strdup ("ceph quorum_status"));
  else
    for (guint i = 0; names != NULL && i < names->len; i++)
      add_daemon_step (steps, "mon", names->pdata[i], NULL, version, template_,
                       g_strdup ("ceph quorum_status"));

  add_step (steps, KDCC_UPGRADE_STEP_GATE,
            g_strdup (_("Check that every mon runs the new release (min_mon_release)")),
            g_strdup ("ceph mon dump | grep min_mon_release"));
}

static void
add_mgr_steps (GPtrArray   *steps,
               KdccCluster *cluster,
               const char  *version,
               const char  *template_)
{
  g_autoptr(GPtrArray) mgrs = daemons_of (cluster, "mgr");

  if (mgrs->len > 0)
    {
      for (guint i = 0; i < mgrs->len; i++)
        add_daemon_step (steps, "mgr", kdcc_daemon_get_name (mgrs->pdata[i]),
                         kdcc_daemon_get_host (mgrs->pdata[i]), version, template_,
                         g_strdup ("ceph mgr stat"));
    }
  else
    {
      const GPtrArray *standbys = kdcc_cluster_get_mgr_standbys (cluster);
      const char *active = kdcc_cluster_get_mgr_active (cluster);

      if (active != NULL)
        add_daemon_step (steps, "mgr", active, NULL, version, template_, g_strdup ("ceph mgr stat"));
      for (guint i = 0; standbys != NULL && i < standbys->len; i++)
        add_daemon_step (steps, "mgr", standbys->pdata[i], NULL, version, template_,
                         g_strdup ("ceph mgr stat"));
    }
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* OSDs one failure domain (host) at a time: ok-to-stop for the host's
 * OSDs, each restarted, then all PGs active+clean before the next host. */
static void
add_osd_steps (GPtrArray   *steps,
               KdccCluster *cluster,
               const char  *version,
               const char  *template_)
{
  GListModel *osds = kdcc_cluster_get_osds (cluster);
  g_autoptr(GPtrArray) hosts = g_ptr_array_new_with_free_func (g_free);
  guint n = g_list_model_get_n_items (osds);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KdccOsd) osd = g_list_model_get_item (osds, i);
      const char *host = kdcc_osd_get_host (osd);

      if (host != NULL && !g_ptr_array_find_with_equal_func (hosts, host, g_str_equal, NULL))
        g_ptr_array_add (hosts, g_strdup (host));
    }
  g_ptr_array_sort (hosts, compare_strings);
  /* OSDs without a host are domains of their own, after the hosts. */
  g_ptr_array_add (hosts, NULL);

  for (guint h = 0; h < hosts->len; h++)
    {
      const char *host = g_ptr_array_index (hosts, h);
      g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(KdccOsd) osd = g_list_model_get_item (osds, i);

          if (g_strcmp0 (kdcc_osd_get_host (osd), host) == 0)
            g_ptr_array_add (ids, g_strdup_printf ("%" G_GINT64_FORMAT, kdcc_osd_get_id (osd)));
        }

      for (guint i = 0; i < ids->len; i++)
        {
          /* With a host, one gate for all its OSDs; without, one per OSD. */
          if (i == 0 || host == NULL)
            {
              g_autofree char *list = NULL;
              KdccUpgradeStep *gate;

              g_ptr_array_add (ids, NULL);
              list = host != NULL ? g_strjoinv (" ", (char **) ids->pdata) : g_strdup (ids->pdata[i]);
              g_ptr_array_remove_index (ids, ids->len - 1);
              gate = add_step (steps, KDCC_UPGRADE_STEP_GATE,
                               host != NULL
                               /* TRANSLATORS: "Check that the OSDs of host node1 may stop" */
                               ? g_strdup_printf (_("Check that the OSDs of host %s may stop"), host)
                               : g_strdup_printf (_("Check that osd.%s may stop"), list),
                               g_strdup_printf ("ceph osd ok-to-stop %s", list));
              gate->host = g_strdup (host);
            }
          add_daemon_step (steps, "osd", ids->pdata[i], host, version, template_,
                           g_strdup_printf ("ceph tell osd.%s version", (char *) ids->pdata[i]));
          if (i + 1 == ids->len || host == NULL)
            add_step (steps, KDCC_UPGRADE_STEP_GATE,
                      g_strdup (_("Wait until all PGs are active+clean")),
                      g_strdup ("ceph pg stat"));
        }
    }
}

static void
add_mds_steps (GPtrArray   *steps,
               KdccCluster *cluster,
               const char  *version,
               const char  *template_)
{
  GListModel *filesystems = kdcc_cluster_get_filesystems (cluster);
  g_autoptr(GPtrArray) mds = daemons_of (cluster, "mds");
  guint n = g_list_model_get_n_items (filesystems);

  if (mds->len == 0)
    return;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KdccFilesystem) fs = g_list_model_get_item (filesystems, i);
      const char *name = kdcc_filesystem_get_name (fs);

      add_step (steps, KDCC_UPGRADE_STEP_PREPARE,
                g_strdup_printf (_("Turn standby-replay off on %s"), name),
                g_strdup_printf ("ceph fs set %s allow_standby_replay false", name));
      add_step (steps, KDCC_UPGRADE_STEP_PREPARE,
                g_strdup_printf (_("Reduce %s to one active MDS"), name),
                g_strdup_printf ("ceph fs set %s max_mds 1", name));
    }

  /* Standbys first, so the active one fails over to an upgraded daemon. */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < mds->len; i++)
      if (kdcc_daemon_get_active (mds->pdata[i]) == (pass == 1))
        add_daemon_step (steps, "mds", kdcc_daemon_get_name (mds->pdata[i]),
                         kdcc_daemon_get_host (mds->pdata[i]), version, template_,
                         g_strdup_printf ("ceph tell mds.%s version",
                                          kdcc_daemon_get_name (mds->pdata[i])));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KdccFilesystem) fs = g_list_model_get_item (filesystems, i);
      gint64 max_mds = kdcc_filesystem_get_max_mds (fs);

      if (max_mds > 1)
        add_step (steps, KDCC_UPGRADE_STEP_PREPARE,
                  g_strdup_printf (_("Restore %s to %" G_GINT64_FORMAT " active MDS"),
                                   kdcc_filesystem_get_name (fs), max_mds),
                  g_strdup_printf ("ceph fs set %s max_mds %" G_GINT64_FORMAT,
                                   kdcc_filesystem_get_name (fs), max_mds));
    }
}

static void
add_rgw_steps (GPtrArray   *steps,
               KdccCluster *cluster,
               const char  *version,
               const char  *template_)
{
  g_autoptr(GPtrArray) rgws = daemons_of (cluster, "rgw");

  for (guint i = 0; i < rgws->len; i++)
    add_daemon_step (steps, "rgw", kdcc_daemon_get_name (rgws->pdata[i]),
                     kdcc_daemon_get_host (rgws->pdata[i]), version, template_,
                     g_strdup ("ceph versions"));
}

KdccUpgradePlan *
kdcc_upgrade_plan_new (KdccReleaseCatalog  *catalog,
                       KdccCluster         *cluster,
                       KdccVersionSurvey   *survey,
                       const char          *target_release,
                       const char          *restart_template,
                       GError             **error)
{
  g_autoptr(KdccUpgradePlan) plan = g_new0 (KdccUpgradePlan, 1);
  g_autoptr(KdccReleaseCheck) check = NULL;
  g_autoptr(KdccReleaseCheck) target = NULL;
  guint major;

  g_return_val_if_fail (KDCC_IS_RELEASE_CATALOG (catalog), NULL);
  g_return_val_if_fail (KDCC_IS_CLUSTER (cluster), NULL);
  g_return_val_if_fail (survey != NULL, NULL);

  plan->path = kdcc_upgrade_path (catalog, survey->oldest, target_release, NULL, error);
  if (plan->path == NULL)
    return NULL;
  if (plan->path->len > 1)
    {
      g_autofree char *text = kdcc_upgrade_path_to_string (plan->path);
      KdccUpgradeHop *first = g_ptr_array_index (plan->path, 0);
      g_autofree char *from = title (first->from);
      g_autofree char *to = title (target_release);
      g_autofree char *via = title (first->to);

      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   /* TRANSLATORS: "Ceph upgrades skip at most one major release: Pacific
                    * cannot go straight to Squid. Upgrade to Reef first (path: Pacific →
                    * Reef → Squid)" */
                   _("Ceph upgrades skip at most one major release: %s cannot go straight "
                     "to %s. Upgrade to %s first (path: %s)"), from, to, via, text);
      return NULL;
    }

  check = kdcc_release_catalog_check (catalog, survey->oldest, NULL);
  major = release_major (catalog, target_release);
  target = check_major (catalog, major);
  plan->running = g_strdup (check->running);
  plan->running_release = g_strdup (check->release_name);
  plan->target_release = g_strdup (target->release_name);
  plan->target_version = g_strdup (target->newest);

  plan->steps = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_upgrade_step_free);
  add_step (plan->steps, KDCC_UPGRADE_STEP_SET_FLAG,
            g_strdup (_("Keep OSDs from being marked out while they restart")),
            g_strdup ("ceph osd set noout"));
  add_mon_steps (plan->steps, cluster, plan->target_version, restart_template);
  add_mgr_steps (plan->steps, cluster, plan->target_version, restart_template);
  add_osd_steps (plan->steps, cluster, plan->target_version, restart_template);
  add_mds_steps (plan->steps, cluster, plan->target_version, restart_template);
  add_rgw_steps (plan->steps, cluster, plan->target_version, restart_template);
  add_step (plan->steps, KDCC_UPGRADE_STEP_REQUIRE_RELEASE,
            /* TRANSLATORS: "Require reef for every OSD" */
            g_strdup_printf (_("Require %s for every OSD"), plan->target_release),
            g_strdup_printf ("ceph osd require-osd-release %s", plan->target_release));
  add_step (plan->steps, KDCC_UPGRADE_STEP_UNSET_FLAG,
            g_strdup (_("Let OSDs be marked out again")),
            g_strdup ("ceph osd unset noout"));

  return g_steal_pointer (&plan);
}
