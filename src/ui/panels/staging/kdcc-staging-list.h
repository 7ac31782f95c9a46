/* kdcc-staging-list.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kdcc-staging.h"

G_BEGIN_DECLS

/* What the Staged Changes page's list does besides showing the changes:
 * reordering (the move buttons and Alt+Up / Alt+Down) and saving the
 * changes as a script. LIST is the GtkListBox bound to STAGING. */

/* Takes the keyboard focus out of LIST before its rows are replaced: a
 * focused widget inside a row that leaves would leave GTK 4.8's viewport
 * with a focus it no longer has (a critical in its scroll-to-focus). */
void           kdcc_staging_list_release_focus (GtkWidget    *list);
/* The row the admin is on: the one holding the focus, else the only
 * selected one; NULL when neither. */
GtkListBoxRow *kdcc_staging_list_current_row   (GtkWidget    *list);
/* The positions of the selected rows, in order (a GArray of guint). */
GArray        *kdcc_staging_list_get_selected  (GtkWidget    *list);
/* Moves the change at POSITION one place up (DELTA -1) or down (+1),
 * which is the order the changes are applied in, and leaves the moved
 * row selected and focused. Nothing happens at either end. */
gboolean       kdcc_staging_list_move          (GtkWidget    *list,
                                                KdccStaging  *staging,
                                                guint         position,
                                                int           delta,
                                                GError      **error);
/* Writes kdcc_staging_dup_script() to PATH, executable. */
gboolean       kdcc_staging_list_save_script   (KdccStaging  *staging,
                                                const char   *path,
                                                GError      **error);

/* Asks for a file to save to (a native dialog over PARENT's window,
 * suggesting NAME) and calls FUNC with PARENT (kept alive meanwhile) and
 * its path when one was chosen. */
typedef void (*KdccStagingSaveFunc) (GtkWidget  *parent,
                                     const char *path);
void           kdcc_staging_list_ask_save      (GtkWidget           *parent,
                                                const char          *title,
                                                const char          *name,
                                                KdccStagingSaveFunc  func);

/* "Restart the Daemons?" with responses "cancel" and "restart", over
 * PARENT's window; not yet presented. */
AdwMessageDialog *kdcc_staging_restart_dialog_new (GtkWidget *parent);

G_END_DECLS
