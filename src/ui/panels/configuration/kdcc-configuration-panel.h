/* kdcc-configuration-panel.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kdcc-panel.h"

G_BEGIN_DECLS

#define KDCC_TYPE_CONFIGURATION_PANEL (kdcc_configuration_panel_get_type ())

G_DECLARE_FINAL_TYPE (KdccConfigurationPanel, kdcc_configuration_panel, KDCC,
                      CONFIGURATION_PANEL, KdccPanel)

/* Every configuration option of the cluster, searchable, each with an
 * editor that stages a change. */
GtkWidget  *kdcc_configuration_panel_new          (void);
/* Sets the search text, as typing it would. */
void        kdcc_configuration_panel_set_search   (KdccConfigurationPanel *self,
                                                   const char             *text);
void        kdcc_configuration_panel_set_changed_only (KdccConfigurationPanel *self,
                                                   gboolean                changed_only);
/* The options shown now (sorted and filtered). Transfer none. */
GListModel *kdcc_configuration_panel_get_shown    (KdccConfigurationPanel *self);
/* Opens the editor of NAME; FALSE when the catalog has no such option. */
gboolean    kdcc_configuration_panel_show_option  (KdccConfigurationPanel *self,
                                                   const char             *name);
/* The editor opened last (for tests), or NULL. Transfer none. */
GtkWidget  *kdcc_configuration_panel_get_editor   (KdccConfigurationPanel *self);

G_END_DECLS
