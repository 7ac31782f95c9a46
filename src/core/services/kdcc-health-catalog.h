/* kdcc-health-catalog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kdcc-health-check.h"
#include "kdcc-impact.h"
#include "kdcc-snapshot.h"

G_BEGIN_DECLS

/* What each Ceph health check code means, what to do about it, its impact
 * and where Ceph documents it. The data is data/health-checks.json,
 * compiled into the core library as a GResource (so the installed app, the
 * CLI and uninstalled tests read the same file) and installed to
 * pkgdatadir for reference. Its text is English; the getters pass it
 * through gettext so translations apply once the catalog's strings are
 * extracted into po/ (not done yet: xgettext has no JSON support on
 * Debian 12). */

#define KDCC_TYPE_HEALTH_CATALOG (kdcc_health_catalog_get_type ())

G_DECLARE_FINAL_TYPE (KdccHealthCatalog, kdcc_health_catalog, KDCC, HEALTH_CATALOG, GObject)

typedef struct _KdccHealthEntry KdccHealthEntry;

/* The built-in catalog, loaded once; (transfer none), never NULL. */
KdccHealthCatalog     *kdcc_health_catalog_get_default    (void);
KdccHealthCatalog     *kdcc_health_catalog_new_from_bytes (GBytes            *json,
                                                           GError           **error);

guint                  kdcc_health_catalog_get_n_entries  (KdccHealthCatalog *self);
const KdccHealthEntry *kdcc_health_catalog_get_entry      (KdccHealthCatalog *self,
                                                           guint              position);
/* By code, by one of an entry's aliases, and OSD_<crush type>_DOWN codes
 * (OSD_RACK_DOWN, ...) by the generic entry. NULL for a code not in the
 * catalog. */
const KdccHealthEntry *kdcc_health_catalog_lookup         (KdccHealthCatalog *self,
                                                           const char        *code);

/* The entry's code as the catalog spells it ("OSD_<crush type>_DOWN" for
 * the generic entry). */
const char            *kdcc_health_entry_get_code         (const KdccHealthEntry *entry);
KdccImpact             kdcc_health_entry_get_impact       (const KdccHealthEntry *entry);
/* One line, translated. */
const char            *kdcc_health_entry_get_explanation  (const KdccHealthEntry *entry);
/* One or two sentences, translated. */
const char            *kdcc_health_entry_get_action       (const KdccHealthEntry *entry);
/* The anchor on the Ceph docs page, NULL when Ceph documents the code
 * nowhere (the link then opens the page). */
const char            *kdcc_health_entry_get_anchor       (const KdccHealthEntry *entry);

/* The docs.ceph.com release path for RELEASE, which may be a release name
 * ("reef"), a version ("18.2.4") or NULL: "pacific", "quincy", "reef",
 * "squid", "tentacle", or "latest" for anything else. */
const char            *kdcc_health_docs_release           (const char        *release);
/* https://docs.ceph.com/en/<release>/<page>#<anchor> for CODE: the RADOS
 * health-checks page, the CephFS health messages page for MDS and file
 * system codes, the cephadm operations page for cephadm's. A code not in
 * the catalog gets the health-checks page without an anchor. */
char                  *kdcc_health_catalog_dup_docs_url   (KdccHealthCatalog *self,
                                                           const char        *code,
                                                           const char        *release);

/* The impact of one health check. The catalog's impact, refined by the
 * summary where one code covers different things: OSDMAP_FLAGS with
 * pauserd, pausewr or full is data-unavailable, with norecover data-at-risk,
 * with nobackfill or norebalance performance. A code not in the catalog:
 * data-at-risk for HEALTH_ERR, hygiene otherwise. SUMMARY may be NULL. */
KdccImpact             kdcc_health_catalog_get_impact     (KdccHealthCatalog *self,
                                                           const char        *code,
                                                           KdccHealthStatus   severity,
                                                           const char        *summary);

/* The one order of health checks everywhere: worse impact first, then
 * Ceph's severity (HEALTH_ERR first), then code. Returns <0, 0, >0 like
 * strcmp(); equal only for the same code and severity. */
int                    kdcc_health_catalog_compare        (KdccHealthCatalog *self,
                                                           const char        *code_a,
                                                           KdccHealthStatus   severity_a,
                                                           const char        *summary_a,
                                                           const char        *code_b,
                                                           KdccHealthStatus   severity_b,
                                                           const char        *summary_b);

/* GCompareDataFunc over KdccHealthCheck items (g_list_store_sort(),
 * GtkCustomSorter); USER_DATA is a KdccHealthCatalog or NULL for the
 * default one. */
int                    kdcc_health_check_compare_by_impact (gconstpointer a,
                                                            gconstpointer b,
                                                            gpointer      user_data);
/* The same for g_ptr_array_sort_with_data() on an array of
 * KdccHealthCheckData pointers (A and B point to the elements). */
int                    kdcc_health_check_data_compare_by_impact (gconstpointer a,
                                                                 gconstpointer b,
                                                                 gpointer      user_data);

G_END_DECLS
