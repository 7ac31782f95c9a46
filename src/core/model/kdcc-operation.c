/* kdcc-operation.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-operation"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "kdcc-enums.h"
#include "kdcc-error.h"
#include "kdcc-operation-private.h"


G_DEFINE_FINAL_TYPE (KdccOperation, kdcc_operation, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_TARGET,
  PROP_KEY,
  PROP_VALUE,
  PROP_APPLY_MODE,
  PROP_RESTART_WHO,
  PROP_RISK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* `osd set` flags a cluster can be given and taken back (Pacific's
 * MonCommands.h); "full" is obsolete and pglog_hardlimit cannot be unset. */
static const char * const known_flags[] = {
  "noup", "nodown", "noout", "noin", "nobackfill", "norebalance", "norecover",
  "noscrub", "nodeep-scrub", "notieragent", "nosnaptrim", "pause",
};

/* The variables of `osd pool set` (Pacific 16.2). */
static const char * const known_pool_vars[] = {
  "size", "min_size", "pg_num", "pgp_num", "pgp_num_actual", "crush_rule", "hashpspool",
  "nodelete", "nopgchange", "nosizechange", "write_fadvise_dontneed", "noscrub",
  "nodeep-scrub", "hit_set_type", "hit_set_period", "hit_set_count", "hit_set_fpp",
  "use_gmt_hitset", "target_max_bytes", "target_max_objects", "cache_target_dirty_ratio",
  "cache_target_dirty_high_ratio", "cache_target_full_ratio", "cache_min_flush_age",
  "cache_min_evict_age", "min_read_recency_for_promote", "min_write_recency_for_promote",
  "fast_read", "hit_set_grade_decay_rate", "hit_set_search_last_n", "scrub_min_interval",
  "scrub_max_interval", "deep_scrub_interval", "recovery_priority", "recovery_op_priority",
  "scrub_priority", "compression_mode", "compression_algorithm", "compression_required_ratio",
  "compression_max_blob_size", "compression_min_blob_size", "csum_type", "csum_min_block",
  "csum_max_block", "allow_ec_overwrites", "fingerprint_algorithm", "pg_autoscale_mode",
  "pg_autoscale_bias", "pg_num_min", "pg_num_max", "target_size_bytes", "target_size_ratio",
  "dedup_tier", "dedup_chunk_algorithm", "dedup_cdc_chunk_size", "bulk",
};

static gboolean
in_list (const char         *word,
         const char * const *list,
         gsize               n)
{
  if (word == NULL)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (g_str_equal (word, list[i]))
      return TRUE;
  return FALSE;
}

gboolean
kdcc_operation_is_known_flag (const char *flag)
{
  return in_list (flag, known_flags, G_N_ELEMENTS (known_flags));
}

gboolean
kdcc_operation_pool_var_is_text (const char *var)
{
  /* pool_opts_t's STR options (Pacific's osd_types.cc). */
  static const char * const text_vars[] = {
    "compression_mode", "compression_algorithm", "fingerprint_algorithm",
    "dedup_chunk_algorithm",
  };

  return in_list (var, text_vars, G_N_ELEMENTS (text_vars));
}

gboolean
kdcc_operation_is_known_pool_var (const char *var)
{
  return in_list (var, known_pool_vars, G_N_ELEMENTS (known_pool_vars));
}

/* ------------------------------------------------------------------------
 * Construction */

static KdccOperation *
operation_new (KdccOperationKind  kind,
               const char        *target,
               const char        *key,
               const char        *value)
{
  KdccOperation *self = g_object_new (KDCC_TYPE_OPERATION, NULL);

  self->kind = kind;
  self->target = g_strdup (target);
  self->key = g_strdup (key);
  self->value = g_strdup (value);
  self->apply_mode = kind == KDCC_OPERATION_CONFIG_SET || kind == KDCC_OPERATION_CONFIG_RM
                     ? KDCC_APPLY_MODE_UNKNOWN : KDCC_APPLY_MODE_RUNTIME;
  _kdcc_operation_compute_risk (self);
  return self;
}

KdccOperation *
_kdcc_operation_new_kind (KdccOperationKind  kind,
                          const char        *target,
                          const char        *key,
                          const char        *value)
{
  return operation_new (kind, target, key, value);
}

KdccOperation *
kdcc_operation_new_config_set (const char *who,
                               const char *name,
                               const char *value)
{
  return operation_new (KDCC_OPERATION_CONFIG_SET, who, name, value);
}

KdccOperation *
kdcc_operation_new_config_rm (const char *who,
                              const char *name)
{
  return operation_new (KDCC_OPERATION_CONFIG_RM, who, name, NULL);
}

KdccOperation *
kdcc_operation_new_osd_flag (const char *flag,
                             gboolean    set)
{
  return operation_new (set ? KDCC_OPERATION_OSD_FLAG_SET : KDCC_OPERATION_OSD_FLAG_UNSET,
                        NULL, flag, NULL);
}

KdccOperation *
kdcc_operation_new_pool_set (const char *pool,
                             const char *var,
                             const char *value)
{
  return operation_new (KDCC_OPERATION_POOL_SET, pool, var, value);
}

static KdccOperation *
osd_operation_new (KdccOperationKind  kind,
                   gint64             osd_id,
                   const char        *value)
{
  g_autofree char *target = g_strdup_printf ("osd.%" G_GINT64_FORMAT, osd_id);
  KdccOperation *self = operation_new (kind, target, NULL, value);

  self->osd_id = osd_id;
  return self;
}

KdccOperation *
kdcc_operation_new_osd_in (gint64 osd_id)
{
  return osd_operation_new (KDCC_OPERATION_OSD_IN, osd_id, NULL);
}

KdccOperation *
kdcc_operation_new_osd_out (gint64 osd_id)
{
  return osd_operation_new (KDCC_OPERATION_OSD_OUT, osd_id, NULL);
}

KdccOperation *
kdcc_operation_new_osd_reweight (gint64 osd_id,
                                 double weight)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  KdccOperation *self;

  /* Six digits are more than the mon keeps (1/65536 steps) and print 0.85
   * as "0.85", not "0.84999999999999998". */
  g_ascii_formatd (buf, sizeof buf, "%.6g", weight);
  self = osd_operation_new (KDCC_OPERATION_OSD_REWEIGHT, osd_id, buf);
  self->weight = weight;
  return self;
}

KdccOperation *
kdcc_operation_new_osd_primary_affinity (gint64 osd_id,
                                         double weight)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  KdccOperation *self;

  /* As for reweight: the mon keeps it in 1/65536 steps. */
  g_ascii_formatd (buf, sizeof buf, "%.6g", weight);
  self = osd_operation_new (KDCC_OPERATION_OSD_PRIMARY_AFFINITY, osd_id, buf);
  self->weight = weight;
  return self;
}

KdccOperation *
kdcc_operation_new_pool_set_quota (const char *pool,
                                   const char *field,
                                   const char *value)
{
  return operation_new (KDCC_OPERATION_POOL_SET_QUOTA, pool, field, value);
}

KdccOperation *
kdcc_operation_new_pool_application (const char *pool,
                                     const char *app,
                                     gboolean    enable)
{
  return operation_new (enable ? KDCC_OPERATION_POOL_APP_ENABLE : KDCC_OPERATION_POOL_APP_DISABLE,
                        pool, app, NULL);
}

KdccOperation *
kdcc_operation_new_health_mute (const char *code,
                                const char *ttl,
                                gboolean    sticky)
{
  KdccOperation *self = operation_new (KDCC_OPERATION_HEALTH_MUTE, code, NULL, NULL);

  self->ttl = g_strdup (ttl != NULL && *ttl != '\0' ? ttl : NULL);
  self->sticky = sticky;
  return self;
}

KdccOperation *
kdcc_operation_new_health_unmute (const char *code)
{
  return operation_new (KDCC_OPERATION_HEALTH_UNMUTE, code, NULL, NULL);
}

KdccOperation *
kdcc_operation_new_pg_deep_scrub (const char *pgid)
{
  return operation_new (KDCC_OPERATION_PG_DEEP_SCRUB, pgid, NULL, NULL);
}

/* ------------------------------------------------------------------------
 * Getters */

KdccOperationKind
kdcc_operation_get_kind (KdccOperation *self)
{
  g_return_val_if_fail (KDCC_IS_OPERATION (self), 0);
  return self->kind;
}

const char *
kdcc_operation_get_target (KdccOperation *self)
{
  g_return_val_if_fail (KDCC_IS_OPERATION (self), NULL);
  return self->target;
}

const char *
kdcc_operation_get_key (KdccOperation *self)
{
  g_return_val_if_fail (KDCC_IS_OPERATION (self), NULL);
  return self->key;
}

const char *
kdcc_operation_get_value (KdccOperation *self)
{
  g_return_val_if_fail (KDCC_IS_OPERATION (self), NULL);
  return self->value;
}

gint64
kdcc_operation_get_osd_id (KdccOperation *self)
{
  g_return_val_if_fail (KDCC_IS_OPERATION (self), -1);
  return self->osd_id;
}

double
kdcc_operation_get_weight (KdccOperation *self)
{
  g_return_val_if_fail (KDCC_IS_OPERATION (self), 0.0);
  return self->weight;
}

const char *
kdcc_operation_get_ttl (KdccOperation *self)
{
  g_return_val_if_fail (KDCC_IS_OPERATION (self), NULL);
  return self->ttl;
}

const char * const *
kdcc_operation_get_args (KdccOperation *self)
{
  g_return_val_if_fail (KDCC_IS_OPERATION (self), NULL);
  return (const char * const *) self->args;
}

gboolean
kdcc_operation_get_sticky (KdccOperation *self)
{
  g_return_val_if_fail (KDCC_IS_OPERATION (self), FALSE);
  return self->sticky;
}

KdccApplyMode
kdcc_operation_get_apply_mode (KdccOperation *self)
{
  g_return_val_if_fail (KDCC_IS_OPERATION (self), KDCC_APPLY_MODE_UNKNOWN);
  return self->apply_mode;
}

const char *
kdcc_operation_get_restart_who (KdccOperation *self)
{
  g_return_val_if_fail (KDCC_IS_OPERATION (self), NULL);

  if (self->apply_mode != KDCC_APPLY_MODE_RESTART)
    return NULL;
  return self->restart_who != NULL ? self->restart_who : self->target;
}

void
kdcc_operation_set_apply_mode (KdccOperation *self,
                               KdccApplyMode  mode,
                               const char    *restart_who)
{
  g_return_if_fail (KDCC_IS_OPERATION (self));

  if (mode != KDCC_APPLY_MODE_RESTART)
    restart_who = NULL;

  g_object_freeze_notify (G_OBJECT (self));
  if (self->apply_mode != mode)
    {
      self->apply_mode = mode;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_APPLY_MODE]);
      /* The effective restart target depends on the mode too. */
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESTART_WHO]);
    }
  if (g_strcmp0 (self->restart_who, restart_who) != 0)
    {
      g_free (self->restart_who);
      self->restart_who = g_strdup (restart_who);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESTART_WHO]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

KdccRisk
kdcc_operation_get_risk (KdccOperation *self)
{
  g_return_val_if_fail (KDCC_IS_OPERATION (self), KDCC_RISK_LOW);
  return self->risk;
}

const char *
kdcc_operation_get_risk_reason (KdccOperation *self)
{
  g_return_val_if_fail (KDCC_IS_OPERATION (self), NULL);
  return self->risk_reason;
}

void
kdcc_operation_raise_risk (KdccOperation *self,
                           KdccRisk       risk,
                           const char    *reason)
{
  g_return_if_fail (KDCC_IS_OPERATION (self));
  g_return_if_fail (reason != NULL);

  if (risk <= self->risk)
    return;
  self->risk = risk;
  self->risk_reason = reason;
}

/* ------------------------------------------------------------------------
 * Expected value and inverse */

const char *
kdcc_operation_get_expected_value (KdccOperation *self)
{
  g_return_val_if_fail (KDCC_IS_OPERATION (self), NULL);

  switch (self->kind)
    {
    case KDCC_OPERATION_CONFIG_SET:
    case KDCC_OPERATION_POOL_SET:
    case KDCC_OPERATION_POOL_SET_QUOTA:
    case KDCC_OPERATION_OSD_REWEIGHT:
    case KDCC_OPERATION_OSD_PRIMARY_AFFINITY:
      return self->value;
    case KDCC_OPERATION_POOL_APP_ENABLE:
      return "enabled";
    case KDCC_OPERATION_OSD_FLAG_SET:
      return "set";
    case KDCC_OPERATION_OSD_IN:
      return "in";
    case KDCC_OPERATION_OSD_OUT:
      return "out";
    case KDCC_OPERATION_HEALTH_MUTE:
      return "muted";
    case KDCC_OPERATION_SSO_SETUP_SAML2:
    case KDCC_OPERATION_SSO_DISABLE:
    case KDCC_OPERATION_DASHBOARD_USER_CREATE:
    case KDCC_OPERATION_DASHBOARD_USER_DELETE:
    case KDCC_OPERATION_DASHBOARD_USER_SET_ROLES:
      return _kdcc_operation_sso_expected (self);
    case KDCC_OPERATION_REQUIRE_OSD_RELEASE:
    case KDCC_OPERATION_NOAUTOSCALE_SET:
    case KDCC_OPERATION_NOAUTOSCALE_UNSET:
      return _kdcc_operation_upgrade_expected (self);
    case KDCC_OPERATION_CONFIG_RM:
    case KDCC_OPERATION_OSD_FLAG_UNSET:
    case KDCC_OPERATION_HEALTH_UNMUTE:
    case KDCC_OPERATION_POOL_APP_DISABLE:
    case KDCC_OPERATION_PG_DEEP_SCRUB:
    default:
      return NULL;
    }
}

KdccOperation *
kdcc_operation_new_inverse (KdccOperation *self,
                            const char    *previous_value)
{
  g_autoptr(KdccOperation) inverse = NULL;

  g_return_val_if_fail (KDCC_IS_OPERATION (self), NULL);

  /* Nothing changed, so nothing to undo. */
  if (kdcc_operation_read_back_matches (self, previous_value))
    return NULL;

  switch (self->kind)
    {
    case KDCC_OPERATION_CONFIG_SET:
    case KDCC_OPERATION_CONFIG_RM:
      if (previous_value == NULL)
        inverse = kdcc_operation_new_config_rm (self->target, self->key);
      else
        inverse = kdcc_operation_new_config_set (self->target, self->key, previous_value);
      break;

    case KDCC_OPERATION_OSD_FLAG_SET:
    case KDCC_OPERATION_OSD_FLAG_UNSET:
      inverse = kdcc_operation_new_osd_flag (self->key, previous_value != NULL);
      break;

    case KDCC_OPERATION_POOL_SET:
      /* An unset pool option is restored by setting it to 0, which is how
       * Ceph unsets a number, or to "unset", which unsets a text (the
       * compression options); the pool's own fields (size, ...) always
       * have a value. */
      inverse = kdcc_operation_new_pool_set (self->target, self->key,
                                             previous_value != NULL ? previous_value
                                             : kdcc_operation_pool_var_is_text (self->key)
                                             ? "unset" : "0");
      break;

    case KDCC_OPERATION_POOL_SET_QUOTA:
      /* A quota of 0 is no quota. */
      inverse = kdcc_operation_new_pool_set_quota (self->target, self->key,
                                                   previous_value != NULL ? previous_value : "0");
      break;

    case KDCC_OPERATION_POOL_APP_ENABLE:
    case KDCC_OPERATION_POOL_APP_DISABLE:
      /* Disabling drops the application's metadata (CephFS's keys, ...),
       * which enabling again does not bring back; the risk says so. */
      inverse = kdcc_operation_new_pool_application (self->target, self->key,
                                                     previous_value != NULL);
      break;

    case KDCC_OPERATION_OSD_IN:
    case KDCC_OPERATION_OSD_OUT:
      if (g_strcmp0 (previous_value, "in") == 0)
        inverse = kdcc_operation_new_osd_in (self->osd_id);
      else if (g_strcmp0 (previous_value, "out") == 0)
        inverse = kdcc_operation_new_osd_out (self->osd_id);
      break;

    case KDCC_OPERATION_OSD_REWEIGHT:
    case KDCC_OPERATION_OSD_PRIMARY_AFFINITY:
      {
        char *end = NULL;
        double weight;

        if (previous_value == NULL)
          break;
        weight = g_ascii_strtod (previous_value, &end);
        if (end == previous_value || *end != '\0')
          break;
        if (self->kind == KDCC_OPERATION_OSD_REWEIGHT)
          inverse = kdcc_operation_new_osd_reweight (self->osd_id, weight);
        else
          inverse = kdcc_operation_new_osd_primary_affinity (self->osd_id, weight);
      }
      break;

    case KDCC_OPERATION_HEALTH_MUTE:
      /* A mute that replaced another loses that one's TTL: no way back. */
      if (previous_value == NULL)
        inverse = kdcc_operation_new_health_unmute (self->target);
      break;

    case KDCC_OPERATION_HEALTH_UNMUTE:
      /* The old mute's expiry is not known; a sticky mute without one is
       * the closest. */
      inverse = kdcc_operation_new_health_mute (self->target, NULL, TRUE);
      break;

    case KDCC_OPERATION_PG_DEEP_SCRUB:
      /* A scrub cannot be taken back. */
      break;

    case KDCC_OPERATION_SSO_SETUP_SAML2:
    case KDCC_OPERATION_SSO_DISABLE:
    case KDCC_OPERATION_DASHBOARD_USER_CREATE:
    case KDCC_OPERATION_DASHBOARD_USER_DELETE:
    case KDCC_OPERATION_DASHBOARD_USER_SET_ROLES:
      inverse = _kdcc_operation_sso_new_inverse (self, previous_value);
      break;

    case KDCC_OPERATION_REQUIRE_OSD_RELEASE:
    case KDCC_OPERATION_NOAUTOSCALE_SET:
    case KDCC_OPERATION_NOAUTOSCALE_UNSET:
      inverse = _kdcc_operation_upgrade_new_inverse (self, previous_value);
      break;

    default:
      g_assert_not_reached ();
    }

  return g_steal_pointer (&inverse);
}

/* ------------------------------------------------------------------------
 * GObject */

static void
kdcc_operation_finalize (GObject *object)
{
  KdccOperation *self = (KdccOperation *) object;

  g_free (self->target);
  g_free (self->key);
  g_free (self->value);
  g_free (self->ttl);
  g_free (self->restart_who);
  g_strfreev (self->args);

  G_OBJECT_CLASS (kdcc_operation_parent_class)->finalize (object);
}

static void
kdcc_operation_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  KdccOperation *self = KDCC_OPERATION (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_TARGET:
      g_value_set_string (value, self->target);
      break;
    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;
    case PROP_VALUE:
      g_value_set_string (value, self->value);
      break;
    case PROP_APPLY_MODE:
      g_value_set_enum (value, self->apply_mode);
      break;
    case PROP_RESTART_WHO:
      g_value_set_string (value, kdcc_operation_get_restart_who (self));
      break;
    case PROP_RISK:
      g_value_set_enum (value, self->risk);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_operation_class_init (KdccOperationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = kdcc_operation_finalize;
  object_class->get_property = kdcc_operation_get_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, KDCC_TYPE_OPERATION_KIND,
                       KDCC_OPERATION_CONFIG_SET, ro);
  properties[PROP_TARGET] = g_param_spec_string ("target", NULL, NULL, NULL, ro);
  properties[PROP_KEY] = g_param_spec_string ("key", NULL, NULL, NULL, ro);
  properties[PROP_VALUE] = g_param_spec_string ("value", NULL, NULL, NULL, ro);
  properties[PROP_APPLY_MODE] =
    g_param_spec_enum ("apply-mode", NULL, NULL, KDCC_TYPE_APPLY_MODE,
                       KDCC_APPLY_MODE_UNKNOWN, ro);
  properties[PROP_RESTART_WHO] = g_param_spec_string ("restart-who", NULL, NULL, NULL, ro);
  properties[PROP_RISK] =
    g_param_spec_enum ("risk", NULL, NULL, KDCC_TYPE_RISK, KDCC_RISK_LOW, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kdcc_operation_init (KdccOperation *self)
{
  self->osd_id = -1;
  self->apply_mode = KDCC_APPLY_MODE_UNKNOWN;
}
