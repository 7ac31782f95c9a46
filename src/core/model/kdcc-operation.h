/* kdcc-operation.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define KDCC_TYPE_OPERATION (kdcc_operation_get_type ())

G_DECLARE_FINAL_TYPE (KdccOperation, kdcc_operation, KDCC, OPERATION, GObject)

/* What an operation changes. Each kind maps to one Ceph command; its
 * target, key and value (see kdcc_operation_get_target) are the command's
 * arguments. */
typedef enum
{
  KDCC_OPERATION_CONFIG_SET,     /* ceph config set WHO NAME VALUE */
  KDCC_OPERATION_CONFIG_RM,      /* ceph config rm WHO NAME */
  KDCC_OPERATION_OSD_FLAG_SET,   /* ceph osd set FLAG */
  KDCC_OPERATION_OSD_FLAG_UNSET, /* ceph osd unset FLAG */
  KDCC_OPERATION_POOL_SET,       /* ceph osd pool set POOL VAR VALUE */
  KDCC_OPERATION_OSD_IN,         /* ceph osd in ID */
  KDCC_OPERATION_OSD_OUT,        /* ceph osd out ID */
  KDCC_OPERATION_OSD_REWEIGHT,   /* ceph osd reweight ID WEIGHT */
  KDCC_OPERATION_HEALTH_MUTE,    /* ceph health mute CODE [TTL] [--sticky] */
  KDCC_OPERATION_HEALTH_UNMUTE,  /* ceph health unmute CODE */
  KDCC_OPERATION_POOL_SET_QUOTA, /* ceph osd pool set-quota POOL max_bytes|max_objects VALUE */
  KDCC_OPERATION_POOL_APP_ENABLE,  /* ceph osd pool application enable POOL APP --yes-i-really-mean-it */
  KDCC_OPERATION_POOL_APP_DISABLE, /* ceph osd pool application disable POOL APP --yes-i-really-mean-it */
  KDCC_OPERATION_OSD_PRIMARY_AFFINITY, /* ceph osd primary-affinity osd.N WEIGHT */
  KDCC_OPERATION_PG_DEEP_SCRUB,  /* ceph pg deep-scrub PGID */
  /* The Ceph Dashboard's single sign-on and its accounts (mgr commands;
   * kdcc-operation-sso.c). */
  KDCC_OPERATION_SSO_SETUP_SAML2, /* ceph dashboard sso setup saml2 BASE_URL IDP_METADATA ATTR [ENTITY_ID [CERT KEY]] */
  KDCC_OPERATION_SSO_DISABLE,     /* ceph dashboard sso disable */
  KDCC_OPERATION_DASHBOARD_USER_CREATE,    /* ceph dashboard ac-user-create USER -i RANDOM [ROLE] --force-password */
  KDCC_OPERATION_DASHBOARD_USER_DELETE,    /* ceph dashboard ac-user-delete USER */
  KDCC_OPERATION_DASHBOARD_USER_SET_ROLES, /* ceph dashboard ac-user-set-roles USER ROLE... */
  /* The end of an upgrade, and the PG autoscaler paused during one
   * (kdcc-operation-upgrade.c). */
  KDCC_OPERATION_REQUIRE_OSD_RELEASE, /* ceph osd require-osd-release RELEASE */
  KDCC_OPERATION_NOAUTOSCALE_SET,     /* ceph osd pool set noautoscale (an mgr command) */
  KDCC_OPERATION_NOAUTOSCALE_UNSET,   /* ceph osd pool unset noautoscale */
} KdccOperationKind;

/* How soon a change takes effect. Pool, flag, OSD and health operations
 * act at once; a config option may need a restart of the daemons it
 * applies to, which only the option's metadata (`config help`) tells, so
 * config operations start as UNKNOWN until a service fills it in. */
typedef enum
{
  KDCC_APPLY_MODE_UNKNOWN,
  KDCC_APPLY_MODE_RUNTIME,
  KDCC_APPLY_MODE_RESTART,
} KdccApplyMode;

typedef enum
{
  KDCC_RISK_LOW,
  KDCC_RISK_MEDIUM,
  KDCC_RISK_HIGH,
} KdccRisk;

KdccOperation     *kdcc_operation_new_config_set     (const char     *who,
                                                      const char     *name,
                                                      const char     *value);
KdccOperation     *kdcc_operation_new_config_rm      (const char     *who,
                                                      const char     *name);
/* SET TRUE: `osd set FLAG`; FALSE: `osd unset FLAG`. */
KdccOperation     *kdcc_operation_new_osd_flag       (const char     *flag,
                                                      gboolean        set);
KdccOperation     *kdcc_operation_new_pool_set       (const char     *pool,
                                                      const char     *var,
                                                      const char     *value);
KdccOperation     *kdcc_operation_new_osd_in         (gint64          osd_id);
KdccOperation     *kdcc_operation_new_osd_out        (gint64          osd_id);
KdccOperation     *kdcc_operation_new_osd_reweight   (gint64          osd_id,
                                                      double          weight);
/* TTL: a Ceph duration such as "1h" or "30m", or NULL for no expiry. */
KdccOperation     *kdcc_operation_new_health_mute    (const char     *code,
                                                      const char     *ttl,
                                                      gboolean        sticky);
KdccOperation     *kdcc_operation_new_health_unmute  (const char     *code);
/* FIELD: "max_bytes" (VALUE in bytes, or with a K, M, G or T suffix,
 * binary as Ceph reads it) or "max_objects" (a count); "0" removes it. */
KdccOperation     *kdcc_operation_new_pool_set_quota (const char     *pool,
                                                      const char     *field,
                                                      const char     *value);
/* ENABLE TRUE: `osd pool application enable POOL APP`; FALSE: `disable`
 * (which also drops the application's metadata on the pool). */
KdccOperation     *kdcc_operation_new_pool_application (const char   *pool,
                                                        const char   *app,
                                                        gboolean      enable);
/* WEIGHT from 0 (never primary, if another OSD can be) to 1. */
KdccOperation     *kdcc_operation_new_osd_primary_affinity (gint64    osd_id,
                                                            double    weight);

/* Asks the PG's primary OSD to deep-scrub it soon. Ceph queues the request
 * and runs it in the background, so no read back can show it at once: the
 * runner reports it as unverified; the PG's last_deep_scrub_stamp moves
 * when the scrub is done. */
KdccOperation     *kdcc_operation_new_pg_deep_scrub  (const char     *pgid);

/* Sets up the Dashboard's SAML2 single sign-on. BASE_URL: the
 * Dashboard's URL as the browser reaches it (the SP entity id and the
 * assertion consumer URL are made from it). IDP_METADATA: the IdP's
 * metadata URL (http, https or file on the mgr host) or a file of
 * KDCC's machine, whose contents are sent. USERNAME_ATTRIBUTE (NULL:
 * "uid") names the assertion attribute that carries the user name.
 * IDP_ENTITY_ID picks one IdP from metadata that lists several.
 * SP_CERT and SP_KEY (both or neither) are files ON THE MGR HOST that
 * the mgr reads itself, so the SP key never passes through KDCC. */
KdccOperation     *kdcc_operation_new_sso_setup_saml2 (const char    *base_url,
                                                       const char    *idp_metadata,
                                                       const char    *username_attribute,
                                                       const char    *idp_entity_id,
                                                       const char    *sp_cert,
                                                       const char    *sp_key);
/* `ceph dashboard sso disable` alone only clears the protocol: Pacific's
 * /auth/saml2 endpoints keep signing users in with the stored settings
 * (measured on 16.2.15). So KDCC first replaces those settings with ones
 * that name no usable IdP (below), which makes the endpoints answer "Single
 * Sign-On is not configured", then disables. */
KdccOperation     *kdcc_operation_new_sso_disable    (void);
#define KDCC_SSO_OFF_BASE_URL  "https://sso-disabled.invalid"
#define KDCC_SSO_OFF_ENTITY_ID "urn:kdcc:sso-disabled"
#define KDCC_SSO_OFF_METADATA \
  "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" " \
  "entityID=\"" KDCC_SSO_OFF_ENTITY_ID "\"><md:IDPSSODescriptor " \
  "protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\"><md:SingleSignOnService " \
  "Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect\" " \
  "Location=\"" KDCC_SSO_OFF_ENTITY_ID "\"/></md:IDPSSODescriptor></md:EntityDescriptor>"
/* A Dashboard account for a single sign-on user: it has a random
 * password that nobody knows (never stored or shown), so it signs in
 * only through the identity provider. ROLE may be NULL. */
KdccOperation     *kdcc_operation_new_dashboard_user_create (const char *user,
                                                             const char *role);
KdccOperation     *kdcc_operation_new_dashboard_user_delete (const char *user);
/* Replaces the account's roles with ROLES (NULL-terminated, may be
 * empty). */
KdccOperation     *kdcc_operation_new_dashboard_user_set_roles (const char         *user,
                                                               const char * const *roles);
/* Raises require_osd_release to RELEASE ("reef"): OSDs of older releases
 * can no longer join. Ceph never lowers it, so there is no inverse. Read
 * back from `osd dump`'s require_osd_release. */
KdccOperation     *kdcc_operation_new_require_osd_release (const char *release);
/* SET TRUE: `osd pool set noautoscale` (the PG autoscaler changes no
 * pool's pg_num until unset); FALSE: `osd pool unset noautoscale`. Read
 * back from `osd pool get noautoscale` ("set"/NULL). On Pacific the mgr
 * module also turns every pool's pg_autoscale_mode off, and unset turns
 * every pool's mode on, whatever it was before; from Reef on it is an OSD
 * map flag and unset gives each pool its own mode back. */
KdccOperation     *kdcc_operation_new_noautoscale    (gboolean        set);
/* Whether RELEASE names a Ceph release ("luminous" … "tentacle"). */
gboolean           kdcc_operation_is_known_release   (const char     *release);

/* The further arguments of the SSO set-up ({ENTITY_ID, CERT, KEY}, "" when
 * not given) and the roles of USER_SET_ROLES; NULL for other kinds. */
const char * const *kdcc_operation_get_args          (KdccOperation  *self);

KdccOperationKind  kdcc_operation_get_kind           (KdccOperation  *self);
/* The target: WHO for config, the pool for pool operations, "osd.N" for
 * OSD operations, the health code for mutes, the PG id for deep scrubs;
 * NULL for flags. */
const char        *kdcc_operation_get_target         (KdccOperation  *self);
/* The option name, the pool variable, the quota field, the application or
 * the flag; NULL otherwise. */
const char        *kdcc_operation_get_key            (KdccOperation  *self);
/* The new value (config set, pool set, quota, the weight or primary
 * affinity as text); NULL otherwise. */
const char        *kdcc_operation_get_value          (KdccOperation  *self);
gint64             kdcc_operation_get_osd_id         (KdccOperation  *self);   /* -1 if none */
double             kdcc_operation_get_weight         (KdccOperation  *self);
const char        *kdcc_operation_get_ttl            (KdccOperation  *self);
gboolean           kdcc_operation_get_sticky         (KdccOperation  *self);

/* The exact command that does the same from a shell, e.g.
 * "ceph config set osd.1 osd_max_backfills 3"; words are quoted only when
 * a shell would otherwise split or expand them. */
char              *kdcc_operation_dup_cli_equivalent (KdccOperation  *self);

/* Properties "apply-mode" and "restart-who" (notify on change). RESTART
 * with RESTART_WHO NULL means the daemons the target names (for a config
 * option: WHO, "global" meaning every daemon). */
KdccApplyMode      kdcc_operation_get_apply_mode     (KdccOperation  *self);
const char        *kdcc_operation_get_restart_who    (KdccOperation  *self);
void               kdcc_operation_set_apply_mode     (KdccOperation  *self,
                                                      KdccApplyMode   mode,
                                                      const char     *restart_who);

/* The risk and, for anything above LOW (and a few LOW ones worth a word),
 * a translated sentence saying why. */
KdccRisk           kdcc_operation_get_risk           (KdccOperation  *self);
const char        *kdcc_operation_get_risk_reason    (KdccOperation  *self);
/* Raises the risk to RISK with REASON (translated, static) when that is
 * higher than what the operation alone implies: for risks that depend on
 * the cluster or on other staged changes. Never lowers it. */
void               kdcc_operation_raise_risk         (KdccOperation  *self,
                                                      KdccRisk        risk,
                                                      const char     *reason);

/* Checks everything that can be checked without the cluster: the WHO
 * syntax, names, known flags and pool variables, the weight's range, ...
 * Fails with KDCC_ERROR_INVALID_INPUT and a message naming the problem. */
gboolean           kdcc_operation_validate           (KdccOperation  *self,
                                                      GError        **error);

/* What a source's read back (kdcc_source_read_back_sync) shows once the
 * operation took effect: the value for CONFIG_SET and POOL_SET, NULL for
 * CONFIG_RM, "set"/NULL for OSD flags, "in"/"out", the weight, the
 * quota, "enabled"/NULL for a pool application, the primary affinity, and
 * "muted"/NULL for health mutes. */
const char        *kdcc_operation_get_expected_value (KdccOperation  *self);
/* Whether READ_BACK (nullable) shows the operation in force. Ceph stores
 * values normalized ("0.25" reads back as "0.250000", "true" as 1, an
 * OSD's weight in 1/65536 steps, a pool option set to 0 as unset), so
 * numbers and booleans are compared by value. */
gboolean           kdcc_operation_read_back_matches  (KdccOperation  *self,
                                                      const char     *read_back);

/* The operation that undoes SELF, given the value the target had before
 * (as read back; NULL when it was unset). Returns NULL when there is
 * nothing to undo (SELF changed nothing) or no way back (a reweight whose
 * previous weight is unknown, a mute that replaced another mute). */
KdccOperation     *kdcc_operation_new_inverse        (KdccOperation  *self,
                                                      const char     *previous_value);

/* Helpers shared with the sources. */
gboolean           kdcc_operation_is_known_flag      (const char     *flag);
gboolean           kdcc_operation_is_known_pool_var  (const char     *var);
/* Whether the pool option VAR holds text, which `osd pool set VAR unset`
 * removes (a number is removed by setting it to 0). */
gboolean           kdcc_operation_pool_var_is_text   (const char     *var);
/* Whether VALUE suits the pool variable VAR, as far as it can be told
 * without the pool: a count, a ratio, one of the enum's words, ... Fails
 * with KDCC_ERROR_INVALID_INPUT saying what would do. */
gboolean           kdcc_operation_check_pool_value   (const char     *var,
                                                      const char     *value,
                                                      GError        **error);
/* Whether the SSO set-up's IdP metadata is a URL the mgr fetches itself
 * (http, https or file); otherwise it names a file of KDCC's machine. */
gboolean           kdcc_operation_sso_metadata_is_url (const char    *idp_metadata);
/* "2.1f": a pool id, a dot and a hex seed. */
gboolean           kdcc_operation_is_pgid            (const char     *text);
/* Splits a config WHO into its section and its mask ("osd/class:ssd" ->
 * "osd", "class:ssd"; "" when there is none), masks in the order
 * `config dump` prints them (CRUSH location first, then class). */
void               kdcc_operation_split_who          (const char     *who,
                                                      char          **section,
                                                      char          **mask);

G_END_DECLS
