/* kdcc-page-registry.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "kdcc-cluster.h"
#include "kdcc-source.h"
#include "kdcc-subject.h"

G_BEGIN_DECLS

/* The pages of the window's sidebar, in one static table (the shape of
 * gnome-control-center's cc-panel-loader): adding a page is its folder under
 * src/ui/panels/, one entry in kdcc-page-registry.c, and its meson,
 * gresource and POTFILES lines. The window builds the sidebar from the
 * table, grouped by section, and routes "win.show-subject" to the page that
 * declares the subject's kind.
 *
 * A page whose needed capabilities the connection lacks stays in the
 * sidebar, insensitive, with the reason; it is never shown empty. */

typedef enum
{
  KDCC_PAGE_SECTION_OVERVIEW,
  KDCC_PAGE_SECTION_CLUSTER,
  KDCC_PAGE_SECTION_OPERATIONS,
  KDCC_PAGE_SECTION_SETUP,
} KdccPageSection;

typedef struct
{
  const char        *id;             /* "dashboard": the stack child's name */
  const char        *title;          /* N_(): translated when shown */
  const char        *icon_name;
  KdccPageSection    section;
  KdccCapabilities   needs;          /* all of them, or the page is not offered */
  guint              subject_kinds;  /* KDCC_SUBJECT_KIND_FLAG() bits */
  GType            (*get_type) (void);
  /* NULL, or whether the cluster has what the page shows (CephFS, RGW):
   * the sidebar lists the page only then. */
  gboolean         (*is_present) (KdccCluster *cluster);
} KdccPageEntry;

/* Every entry, sorted by section and stable within one (the table's order,
 * then entries added for tests). The array belongs to the registry. */
const KdccPageEntry *const *kdcc_page_registry_get_entries    (guint             *n_entries);
const KdccPageEntry        *kdcc_page_registry_lookup         (const char        *id);
/* The first page that can show a subject of this kind, or NULL. */
const KdccPageEntry        *kdcc_page_registry_find_for_kind  (KdccSubjectKind    kind);
/* The translated section title: "Overview", "Cluster", "Operations", "Setup". */
const char                 *kdcc_page_section_get_title       (KdccPageSection    section);

/* Whether a connection with these capabilities offers the page. Pure: the
 * window calls it with kdcc_session_get_capabilities(). */
gboolean                    kdcc_page_entry_is_offered        (const KdccPageEntry *entry,
                                                               KdccCapabilities   capabilities);
/* Why the page is not offered, in words ("Needs a direct (librados)
 * connection"); NULL when it is. */
const char                 *kdcc_page_entry_get_missing_reason (const KdccPageEntry *entry,
                                                                KdccCapabilities   capabilities);

/* For tests only: adds an entry (not copied; it must outlive the process's
 * windows) as if the table had it. */
void                        kdcc_page_registry_add_for_testing (const KdccPageEntry *entry);

G_END_DECLS
