/* kdcc-option-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KDCC_TYPE_OPTION_ROW (kdcc_option_row_get_type ())

G_DECLARE_FINAL_TYPE (KdccOptionRow, kdcc_option_row, KDCC, OPTION_ROW, GtkWidget)

/* One row of the Configuration page's list: the option's name (bold) over
 * its description (dimmed), the value set (accent, when there is one) and
 * "service · level" at the end. One widget that draws its four texts, of a
 * height fixed by the font: a search that changes hundreds of rows binds
 * hundreds of these without creating, styling and measuring six widgets
 * for each (benchmarks/README.md, "The configuration page"). */
GtkWidget  *kdcc_option_row_new  (void);
/* VALUE and DESCRIPTION may be NULL. */
void        kdcc_option_row_set  (KdccOptionRow *self,
                                  const char    *name,
                                  const char    *description,
                                  const char    *value,
                                  const char    *tag);
/* The text shown and read by screen readers: "name: description". */
const char *kdcc_option_row_get_text (KdccOptionRow *self);

G_END_DECLS
