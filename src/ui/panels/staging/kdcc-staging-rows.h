/* kdcc-staging-rows.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kdcc-audit-log.h"
#include "kdcc-pending-restarts.h"
#include "kdcc-staging.h"

G_BEGIN_DECLS

/* The rows of the Staged Changes page, read-only parts: a change (its
 * command as title, old → new, target and effect below, a copy button),
 * an audit entry, a daemon that needs a restart. */
GtkWidget *kdcc_staging_icon_button    (const char       *icon,
                                        const char       *tooltip);
GtkWidget *kdcc_staging_change_row_new (KdccStagedChange *change);
/* GtkListBoxCreateWidgetFunc for KdccAuditEntry and KdccRestartItem. */
GtkWidget *kdcc_staging_audit_row_new  (gpointer          item,
                                        gpointer          user_data);
GtkWidget *kdcc_staging_restart_row_new (gpointer         item,
                                         gpointer         user_data);

/* A button with a mnemonic that calls CALLBACK (swapped, on DATA). */
GtkWidget *kdcc_staging_text_button    (const char       *label,
                                        GCallback         callback,
                                        gpointer          data);
GtkWidget *kdcc_staging_boxed_list     (GtkSelectionMode  mode);
/* A titled group holding LIST (with PLACEHOLDER when empty), added to
 * PAGE. */
GtkWidget *kdcc_staging_group_new      (GtkWidget        *page,
                                        const char       *title,
                                        const char       *description,
                                        GtkWidget        *list,
                                        const char       *placeholder);

G_END_DECLS
