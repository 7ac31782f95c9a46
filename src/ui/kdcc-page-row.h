/* kdcc-page-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kdcc-page-registry.h"

G_BEGIN_DECLS

#define KDCC_TYPE_PAGE_ROW (kdcc_page_row_get_type ())

G_DECLARE_FINAL_TYPE (KdccPageRow, kdcc_page_row, KDCC, PAGE_ROW, GtkListBoxRow)

/* One page in the sidebar: its icon and title from the registry entry, and,
 * when the connection cannot do what the page needs, insensitive with the
 * reason below the title and as its tooltip. */
GtkWidget           *kdcc_page_row_new        (const KdccPageEntry *entry);
const KdccPageEntry *kdcc_page_row_get_entry  (KdccPageRow         *self);
/* reason NULL: offered. */
void                 kdcc_page_row_set_reason (KdccPageRow         *self,
                                               const char          *reason);
const char          *kdcc_page_row_get_reason (KdccPageRow         *self);
/* A short text at the end of the row (the number of staged changes);
 * NULL or "" hides it. Property "badge"; panels with a "badge" property
 * have it bound to their row. */
void                 kdcc_page_row_set_badge  (KdccPageRow         *self,
                                               const char          *badge);
const char          *kdcc_page_row_get_badge  (KdccPageRow         *self);

G_END_DECLS
