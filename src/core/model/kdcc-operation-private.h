/* kdcc-operation-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kdcc-operation.h"

G_BEGIN_DECLS

/*< private >*/
/* An operation is a value: what it changes is fixed at construction. Only
 * the apply mode may be filled in later, by the service that knows the
 * option's metadata. The risk is worked out once, at construction, so a
 * list of staged operations never recomputes it. */
struct _KdccOperation
{
  GObject            parent_instance;

  KdccOperationKind  kind;
  char              *target;
  char              *key;
  char              *value;
  gint64             osd_id;
  double             weight;
  char              *ttl;
  gboolean           sticky;
  char             **args;          /* SSO and dashboard account operations */

  KdccApplyMode      apply_mode;
  char              *restart_who;

  KdccRisk           risk;
  const char        *risk_reason;   /* translated, static */
};

/* Fills SELF's risk and reason from what it changes (kdcc-operation-risk.c). */
void _kdcc_operation_compute_risk (KdccOperation *self);

/* The Dashboard SSO and account kinds (kdcc-operation-sso.c). */
static inline gboolean
_kdcc_operation_kind_is_sso (KdccOperationKind kind)
{
  return kind >= KDCC_OPERATION_SSO_SETUP_SAML2 && kind <= KDCC_OPERATION_DASHBOARD_USER_SET_ROLES;
}
KdccOperation *_kdcc_operation_new_kind          (KdccOperationKind  kind,
                                                  const char        *target,
                                                  const char        *key,
                                                  const char        *value);
void           _kdcc_operation_sso_append_cli    (KdccOperation     *self,
                                                  void             (*append_word) (GString *, const char *),
                                                  GString           *out);
gboolean       _kdcc_operation_sso_validate      (KdccOperation     *self,
                                                  GError           **error);
void           _kdcc_operation_sso_compute_risk  (KdccOperation     *self);
const char    *_kdcc_operation_sso_expected      (KdccOperation     *self);
KdccOperation *_kdcc_operation_sso_new_inverse   (KdccOperation     *self,
                                                  const char        *previous_value);

/* require-osd-release and noautoscale (kdcc-operation-upgrade.c). */
static inline gboolean
_kdcc_operation_kind_is_upgrade (KdccOperationKind kind)
{
  return kind >= KDCC_OPERATION_REQUIRE_OSD_RELEASE && kind <= KDCC_OPERATION_NOAUTOSCALE_UNSET;
}
void           _kdcc_operation_upgrade_append_cli   (KdccOperation  *self,
                                                     void          (*append_word) (GString *, const char *),
                                                     GString        *out);
gboolean       _kdcc_operation_upgrade_validate     (KdccOperation  *self,
                                                     GError        **error);
void           _kdcc_operation_upgrade_compute_risk (KdccOperation  *self);
const char    *_kdcc_operation_upgrade_expected     (KdccOperation  *self);
KdccOperation *_kdcc_operation_upgrade_new_inverse  (KdccOperation  *self,
                                                     const char     *previous_value);

G_END_DECLS
