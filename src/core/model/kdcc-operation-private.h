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

  KdccApplyMode      apply_mode;
  char              *restart_who;

  KdccRisk           risk;
  const char        *risk_reason;   /* translated, static */
};

/* Fills SELF's risk and reason from what it changes (kdcc-operation-risk.c). */
void _kdcc_operation_compute_risk (KdccOperation *self);

G_END_DECLS
