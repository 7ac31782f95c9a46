/* kdcc-sso-panel.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kdcc-panel.h"

G_BEGIN_DECLS

#define KDCC_TYPE_SSO_PANEL (kdcc_sso_panel_get_type ())

G_DECLARE_FINAL_TYPE (KdccSsoPanel, kdcc_sso_panel, KDCC, SSO_PANEL, KdccPanel)

/* The Dashboard's single sign-on: its state and what to register at the
 * identity provider, the SAML2 set-up form, the Dashboard accounts with
 * their roles (the cluster's own roles included), and what would be set
 * on Squid or Koor (untested). Changes are staged, like every other. */
GtkWidget  *kdcc_sso_panel_new          (void);

/* For tests: reads the cluster again; the properties "loaded" and
 * "status" (the last message) notify. */
void        kdcc_sso_panel_reload       (KdccSsoPanel *self);
gboolean    kdcc_sso_panel_get_loaded   (KdccSsoPanel *self);
const char *kdcc_sso_panel_get_status   (KdccSsoPanel *self);
/* The number of accounts and roles shown. */
guint       kdcc_sso_panel_get_n_users  (KdccSsoPanel *self);
guint       kdcc_sso_panel_get_n_roles  (KdccSsoPanel *self);
/* As the form's buttons, without the confirmation dialog (CONFIRMED). */
void        kdcc_sso_panel_stage_setup  (KdccSsoPanel *self,
                                         const char   *idp_metadata,
                                         const char   *username_attribute,
                                         const char   *idp_entity_id,
                                         const char   *base_url,
                                         gboolean      confirmed);
void        kdcc_sso_panel_stage_user   (KdccSsoPanel *self,
                                         const char   *user,
                                         const char   *role);
/* As an account's role menu. */
void        kdcc_sso_panel_stage_roles  (KdccSsoPanel       *self,
                                         const char         *user,
                                         const char * const *roles,
                                         gboolean            confirmed);

G_END_DECLS
