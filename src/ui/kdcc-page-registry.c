/* kdcc-page-registry.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-page-registry"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdcc-cluster-flags-panel.h"
#include "kdcc-configuration-panel.h"
#include "kdcc-daemons-panel.h"
#include "kdcc-dashboard-panel.h"
#include "kdcc-diagnostics-panel.h"
#include "kdcc-hosts-panel.h"
#include "kdcc-kube-panel.h"
#include "kdcc-osds-panel.h"
#include "kdcc-page-registry.h"
#include "kdcc-pgs-panel.h"
#include "kdcc-pools-panel.h"
#include "kdcc-scrub-panel.h"
#include "kdcc-sso-panel.h"
#include "kdcc-services-panel.h"
#include "kdcc-staging-panel.h"
#include "kdcc-versions-panel.h"

/* The pages. A new page is one line here. */
static const KdccPageEntry page_table[] = {
  { "dashboard", N_("Dashboard"), "view-grid-symbolic", KDCC_PAGE_SECTION_OVERVIEW,
    KDCC_CAPABILITY_NONE, KDCC_SUBJECT_KIND_FLAG (KDCC_SUBJECT_HEALTH_CHECK),
    kdcc_dashboard_panel_get_type },
  /* The cluster's parts. Each shows what the connection returned and says
   * what it could not, so none needs more than the status every connection
   * reads. */
  { "osds", N_("OSDs"), "drive-harddisk-symbolic", KDCC_PAGE_SECTION_CLUSTER,
    KDCC_CAPABILITY_NONE,
    KDCC_SUBJECT_KIND_FLAG (KDCC_SUBJECT_OSD) | KDCC_SUBJECT_KIND_FLAG (KDCC_SUBJECT_OSDS),
    kdcc_osds_panel_get_type },
  { "hosts", N_("Hosts"), "computer-symbolic", KDCC_PAGE_SECTION_CLUSTER,
    KDCC_CAPABILITY_NONE,
    KDCC_SUBJECT_KIND_FLAG (KDCC_SUBJECT_HOST) | KDCC_SUBJECT_KIND_FLAG (KDCC_SUBJECT_HOSTS),
    kdcc_hosts_panel_get_type },
  { "pools", N_("Pools"), "drive-multidisk-symbolic", KDCC_PAGE_SECTION_CLUSTER,
    KDCC_CAPABILITY_NONE,
    KDCC_SUBJECT_KIND_FLAG (KDCC_SUBJECT_POOL) | KDCC_SUBJECT_KIND_FLAG (KDCC_SUBJECT_POOLS),
    kdcc_pools_panel_get_type },
  { "pgs", N_("Placement Groups"), "view-app-grid-symbolic", KDCC_PAGE_SECTION_CLUSTER,
    KDCC_CAPABILITY_NONE, KDCC_SUBJECT_KIND_FLAG (KDCC_SUBJECT_PGS),
    kdcc_pgs_panel_get_type },
  { "daemons", N_("Monitors and Managers"), "network-server-symbolic", KDCC_PAGE_SECTION_CLUSTER,
    KDCC_CAPABILITY_NONE,
    KDCC_SUBJECT_KIND_FLAG (KDCC_SUBJECT_MONS) | KDCC_SUBJECT_KIND_FLAG (KDCC_SUBJECT_MGRS),
    kdcc_daemons_panel_get_type },
  { "services", N_("File Systems and Gateways"), "folder-remote-symbolic", KDCC_PAGE_SECTION_CLUSTER,
    KDCC_CAPABILITY_NONE, 0,
    kdcc_services_panel_get_type, kdcc_services_panel_has_any },
  /* Rook's objects and pods: listed only for a Kubernetes connection,
   * the one way to reach them. */
  { "kubernetes", N_("Kubernetes"), "network-workgroup-symbolic", KDCC_PAGE_SECTION_CLUSTER,
    KDCC_CAPABILITY_NONE, 0,
    kdcc_kube_panel_get_type, kdcc_kube_panel_is_present },
  /* Versions read what every connection reports (`ceph versions`); names
   * of daemons need mon commands and are left out without them. */
  { "versions", N_("Versions"), "software-update-available-symbolic", KDCC_PAGE_SECTION_CLUSTER,
    KDCC_CAPABILITY_NONE, 0,
    kdcc_versions_panel_get_type },
  /* Diagnostics gathers what the connection can reach: a Dashboard
   * connection makes a smaller bundle, not none. */
  { "diagnostics", N_("Diagnostics"), "emblem-system-symbolic", KDCC_PAGE_SECTION_OPERATIONS,
    KDCC_CAPABILITY_NONE, 0,
    kdcc_diagnostics_panel_get_type },
  { "configuration", N_("Configuration"), "preferences-other-symbolic", KDCC_PAGE_SECTION_OPERATIONS,
    KDCC_CAPABILITY_CONFIG_READ, 0,
    kdcc_configuration_panel_get_type },
  /* Staging applies what Configuration staged: it needs the write path. */
  { "staging", N_("Staged Changes"), "document-send-symbolic", KDCC_PAGE_SECTION_OPERATIONS,
    KDCC_CAPABILITY_CONFIG_READ | KDCC_CAPABILITY_CONFIG_WRITE, 0,
    kdcc_staging_panel_get_type },
  /* The planner says so when the connection has no PG stamps; its
   * "Deep-scrub Now" needs KDCC_CAPABILITY_PG_SCRUB. */
  { "scrub", N_("Scrub Planner"), "emblem-synchronizing-symbolic", KDCC_PAGE_SECTION_OPERATIONS,
    KDCC_CAPABILITY_NONE, 0,
    kdcc_scrub_panel_get_type },
  { "cluster-flags", N_("Cluster Flags"), "emblem-important-symbolic", KDCC_PAGE_SECTION_OPERATIONS,
    KDCC_CAPABILITY_OSD_FLAGS, 0,
    kdcc_cluster_flags_panel_get_type },
  /* The Dashboard's SSO is set up with mgr commands: librados only. */
  { "sso", N_("Single Sign-On"), "system-users-symbolic", KDCC_PAGE_SECTION_OPERATIONS,
    KDCC_CAPABILITY_DASHBOARD_SSO, 0,
    kdcc_sso_panel_get_type },
};

/* What a missing capability means to the admin, most telling first: the
 * flags only librados has say which connection to use. */
static const struct
{
  KdccCapabilities  flags;
  const char       *reason;
} missing_reasons[] = {
  { KDCC_CAPABILITY_MON_COMMANDS | KDCC_CAPABILITY_MGR_COMMANDS | KDCC_CAPABILITY_HEALTH_MUTE |
    KDCC_CAPABILITY_PG_DETAIL | KDCC_CAPABILITY_DIAGNOSTICS | KDCC_CAPABILITY_PG_SCRUB |
    KDCC_CAPABILITY_DASHBOARD_SSO,
    N_("Needs a direct (librados) connection") },
  { KDCC_CAPABILITY_CONFIG_READ, N_("Needs a connection that can read the configuration") },
  { KDCC_CAPABILITY_CONFIG_WRITE, N_("Needs a connection that can change the configuration") },
  { KDCC_CAPABILITY_POOL_WRITE, N_("Needs a connection that can change pools") },
  { KDCC_CAPABILITY_OSD_FLAGS | KDCC_CAPABILITY_OSD_WRITE,
    N_("Needs a connection that can change OSDs") },
};

static GPtrArray *entries;

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const KdccPageEntry *ea = *(const KdccPageEntry * const *) a;
  const KdccPageEntry *eb = *(const KdccPageEntry * const *) b;

  return (int) ea->section - (int) eb->section;
}

static GPtrArray *
get_entries (void)
{
  if (entries == NULL)
    {
      entries = g_ptr_array_new ();
      for (guint i = 0; i < G_N_ELEMENTS (page_table); i++)
        g_ptr_array_add (entries, (gpointer) &page_table[i]);
      /* g_ptr_array_sort is a merge sort in GLib ≥ 2.32, hence stable. */
      g_ptr_array_sort (entries, compare_entries);
    }

  return entries;
}

const KdccPageEntry * const *
kdcc_page_registry_get_entries (guint *n_entries)
{
  GPtrArray *all = get_entries ();

  if (n_entries != NULL)
    *n_entries = all->len;

  return (const KdccPageEntry * const *) all->pdata;
}

const KdccPageEntry *
kdcc_page_registry_lookup (const char *id)
{
  GPtrArray *all = get_entries ();

  for (guint i = 0; i < all->len; i++)
    {
      const KdccPageEntry *entry = g_ptr_array_index (all, i);

      if (g_strcmp0 (entry->id, id) == 0)
        return entry;
    }

  return NULL;
}

const KdccPageEntry *
kdcc_page_registry_find_for_kind (KdccSubjectKind kind)
{
  GPtrArray *all = get_entries ();

  for (guint i = 0; i < all->len; i++)
    {
      const KdccPageEntry *entry = g_ptr_array_index (all, i);

      if (entry->subject_kinds & KDCC_SUBJECT_KIND_FLAG (kind))
        return entry;
    }

  return NULL;
}

const char *
kdcc_page_section_get_title (KdccPageSection section)
{
  switch (section)
    {
    case KDCC_PAGE_SECTION_OVERVIEW:
      return _("Overview");
    case KDCC_PAGE_SECTION_CLUSTER:
      return _("Cluster");
    case KDCC_PAGE_SECTION_OPERATIONS:
      return _("Operations");
    case KDCC_PAGE_SECTION_SETUP:
      return _("Setup");
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
kdcc_page_entry_is_offered (const KdccPageEntry *entry,
                            KdccCapabilities     capabilities)
{
  g_return_val_if_fail (entry != NULL, FALSE);

  return (entry->needs & capabilities) == entry->needs;
}

const char *
kdcc_page_entry_get_missing_reason (const KdccPageEntry *entry,
                                    KdccCapabilities     capabilities)
{
  KdccCapabilities missing;

  g_return_val_if_fail (entry != NULL, NULL);

  missing = entry->needs & ~capabilities;
  if (missing == 0)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (missing_reasons); i++)
    if (missing & missing_reasons[i].flags)
      return _(missing_reasons[i].reason);

  return _("Not available with this connection");
}

void
kdcc_page_registry_add_for_testing (const KdccPageEntry *entry)
{
  g_return_if_fail (entry != NULL);
  g_return_if_fail (kdcc_page_registry_lookup (entry->id) == NULL);

  g_ptr_array_add (get_entries (), (gpointer) entry);
  g_ptr_array_sort (get_entries (), compare_entries);
}
