/* kdcc-sso.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kdcc-source.h"

G_BEGIN_DECLS

/* What the Ceph Dashboard's single sign-on is set to, from `ceph
 * dashboard sso status` and `sso show saml2`. Only these fields are kept:
 * the stored settings also hold the SP's private key, which KDCC never
 * copies. */
typedef struct
{
  gboolean  enabled;
  char     *protocol;            /* "saml2" when enabled, else NULL */
  gboolean  configured;          /* SAML2 settings are stored (enabled or not) */
  char     *base_url;            /* the Dashboard URL the settings were made for */
  char     *sp_metadata_url;     /* the SP entity id: register it at the IdP */
  char     *acs_url;             /* the assertion consumer URL (POST binding) */
  char     *idp_entity_id;
  char     *idp_sso_url;         /* where the Dashboard sends the browser */
  char     *username_attribute;
  gboolean  signs_requests;      /* an SP certificate and key are set */
  /* The mgr has no python3-saml: no SAML2 sign-in works, whatever is
   * stored, and only `sso disable` answers. */
  gboolean  saml_library_missing;
} KdccSsoState;

/* What Pacific's mgr answers when python3-saml is missing (sso.py). */
#define KDCC_SSO_NO_LIBRARY_MESSAGE "Required library not found"

void          kdcc_sso_state_free          (KdccSsoState *state);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdccSsoState, kdcc_sso_state_free)

/* Blocking (worker threads and kdcc-cli); runs mgr commands, so the
 * source needs KDCC_CAPABILITY_DASHBOARD_SSO. */
KdccSsoState *kdcc_sso_read_state_sync     (KdccSource    *source,
                                            GCancellable  *cancellable,
                                            GError       **error);

/* One Dashboard role (`ac-role-show`). */
typedef struct
{
  char     *name;
  char     *description;
  gboolean  system;   /* built into the Dashboard; cannot be changed */
} KdccDashboardRole;

void          kdcc_dashboard_role_free     (KdccDashboardRole *role);
/* The built-in roles and the cluster's own, sorted by name: a
 * GPtrArray of KdccDashboardRole. */
GPtrArray    *kdcc_sso_list_roles_sync     (KdccSource    *source,
                                            GCancellable  *cancellable,
                                            GError       **error);
/* Whether NAME is one of Pacific's built-in roles. */
gboolean      kdcc_dashboard_role_is_system (const char   *name);

/* One Dashboard account (`ac-user-show USER`), without its password
 * hash. */
typedef struct
{
  char     *username;
  char    **roles;     /* sorted */
  char     *name;
  char     *email;
  gboolean  enabled;
} KdccDashboardUser;

void          kdcc_dashboard_user_free     (KdccDashboardUser *user);
/* Every account, sorted by user name: a GPtrArray of KdccDashboardUser. */
GPtrArray    *kdcc_sso_list_users_sync     (KdccSource    *source,
                                            GCancellable  *cancellable,
                                            GError       **error);

/* The Dashboard's own URL as `ceph mgr services` announces it, without
 * the trailing slash; the default base URL of the SSO set-up. */
char         *kdcc_sso_dup_dashboard_url_sync (KdccSource    *source,
                                               GCancellable  *cancellable,
                                               GError       **error);

/* Where single sign-on is set up by other means than the Pacific–Reef
 * mgr commands, which KDCC cannot test here. */
typedef enum
{
  KDCC_SSO_PLAN_SQUID_OAUTH2,  /* Squid: cephadm's oauth2-proxy service */
  KDCC_SSO_PLAN_KOOR_SPEC,     /* Koor Storage Distribution: spec.dashboard.sso */
} KdccSsoPlanKind;

/* What would be set and the commands that set it, for the settings of a
 * SAML2 set-up (BASE_URL, IDP_METADATA, USERNAME_ATTRIBUTE,
 * IDP_ENTITY_ID), marked as untested. Translated text. */
char         *kdcc_sso_render_plan         (KdccSsoPlanKind  kind,
                                            const char      *base_url,
                                            const char      *idp_metadata,
                                            const char      *username_attribute,
                                            const char      *idp_entity_id);

G_END_DECLS
