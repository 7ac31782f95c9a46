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
#include "kdcc-operation.h"

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
kdcc_operation_is_known_pool_var (const char *var)
{
  return in_list (var, known_pool_vars, G_N_ELEMENTS (known_pool_vars));
}

/* ------------------------------------------------------------------------
 * Risk */

/* Options whose value can make data unsafe or unreachable. */
static void
config_risk (KdccOperation *self)
{
  const char *name = self->key;
  const char *value = self->value;
  gboolean one = g_strcmp0 (value, "1") == 0;
  gboolean enabling = g_strcmp0 (value, "true") == 0 || one;

  if (self->kind != KDCC_OPERATION_CONFIG_SET)
    return;

  if ((g_str_equal (name, "osd_pool_default_size") || g_str_equal (name, "osd_pool_default_min_size"))
      && one)
    {
      self->risk = KDCC_RISK_HIGH;
      self->risk_reason = _("New pools will keep a single copy of their data or accept writes "
                            "with only one copy: losing one disk loses data.");
    }
  else if (g_str_equal (name, "mon_allow_pool_size_one") && enabling)
    {
      self->risk = KDCC_RISK_HIGH;
      self->risk_reason = _("Allows pools with a single copy of their data.");
    }
  else if (g_str_equal (name, "mon_allow_pool_delete") && enabling)
    {
      self->risk = KDCC_RISK_MEDIUM;
      self->risk_reason = _("Allows pools, and all the data in them, to be deleted.");
    }
  else if (g_str_equal (name, "mon_max_pg_per_osd"))
    {
      self->risk = KDCC_RISK_MEDIUM;
      self->risk_reason = _("More placement groups per OSD cost memory and CPU on every OSD; "
                            "the limit exists to protect them.");
    }
}

static void
flag_risk (KdccOperation *self)
{
  const char *flag = self->key;

  if (self->kind == KDCC_OPERATION_OSD_FLAG_UNSET)
    return;

  if (g_str_equal (flag, "pause"))
    {
      self->risk = KDCC_RISK_HIGH;
      self->risk_reason = _("Pause stops every client read and write in the cluster until it "
                            "is unset.");
    }
  else if (g_str_equal (flag, "noout"))
    {
      self->risk = KDCC_RISK_MEDIUM;
      self->risk_reason = _("While noout is set, failed OSDs are not marked out, so their data "
                            "is not copied elsewhere.");
    }
  else if (g_str_equal (flag, "norecover") || g_str_equal (flag, "nobackfill")
           || g_str_equal (flag, "norebalance"))
    {
      self->risk = KDCC_RISK_MEDIUM;
      self->risk_reason = _("Data stops being repaired or moved: degraded placement groups "
                            "stay degraded while the flag is set.");
    }
  else if (g_str_equal (flag, "noup") || g_str_equal (flag, "nodown")
           || g_str_equal (flag, "noin"))
    {
      self->risk = KDCC_RISK_MEDIUM;
      self->risk_reason = _("The cluster stops tracking OSDs' real state: OSDs that start, "
                            "stop or return are not marked so.");
    }
  else if (g_str_equal (flag, "noscrub") || g_str_equal (flag, "nodeep-scrub"))
    {
      self->risk_reason = _("Scrubbing stops, so silent data corruption goes undetected; the "
                            "cluster shows a warning while the flag is set.");
    }
}

static void
pool_risk (KdccOperation *self)
{
  const char *var = self->key;

  if (g_str_equal (var, "size") || g_str_equal (var, "min_size"))
    {
      if (g_strcmp0 (self->value, "1") == 0)
        {
          self->risk = KDCC_RISK_HIGH;
          if (g_str_equal (var, "size"))
            self->risk_reason = _("A pool of size 1 keeps a single copy of its data: losing "
                                  "one disk loses data.");
          else
            self->risk_reason = _("With min_size 1 a pool accepts writes with only one copy "
                                  "left: losing that disk loses them.");
        }
      else
        {
          self->risk = KDCC_RISK_MEDIUM;
          self->risk_reason = _("Changing the number of copies moves data across the cluster.");
        }
    }
  else if (g_str_equal (var, "pg_num") || g_str_equal (var, "pgp_num")
           || g_str_equal (var, "crush_rule"))
    {
      self->risk = KDCC_RISK_MEDIUM;
      self->risk_reason = _("Data of the pool moves between OSDs until the change is complete.");
    }
  else if (g_str_equal (var, "nodelete") && g_strcmp0 (self->value, "false") == 0)
    {
      self->risk = KDCC_RISK_MEDIUM;
      self->risk_reason = _("The pool can then be deleted.");
    }
}

static void
compute_risk (KdccOperation *self)
{
  self->risk = KDCC_RISK_LOW;
  self->risk_reason = NULL;

  switch (self->kind)
    {
    case KDCC_OPERATION_CONFIG_SET:
    case KDCC_OPERATION_CONFIG_RM:
      config_risk (self);
      break;
    case KDCC_OPERATION_OSD_FLAG_SET:
    case KDCC_OPERATION_OSD_FLAG_UNSET:
      flag_risk (self);
      break;
    case KDCC_OPERATION_POOL_SET:
      pool_risk (self);
      break;
    case KDCC_OPERATION_OSD_OUT:
      self->risk = KDCC_RISK_MEDIUM;
      self->risk_reason = _("Marking an OSD out moves all its data to other OSDs; until that "
                            "is done, fewer copies exist.");
      break;
    case KDCC_OPERATION_OSD_REWEIGHT:
      self->risk = KDCC_RISK_MEDIUM;
      self->risk_reason = _("Reweighting moves data to or from this OSD.");
      break;
    case KDCC_OPERATION_OSD_IN:
      self->risk_reason = _("Data moves back onto the OSD.");
      break;
    case KDCC_OPERATION_HEALTH_MUTE:
      self->risk_reason = _("A muted alert no longer turns the cluster's health to warning.");
      break;
    case KDCC_OPERATION_PG_DEEP_SCRUB:
      self->risk_reason = _("A deep scrub reads every object of the placement group; client IO "
                            "on its OSDs is slower while it runs.");
      break;
    case KDCC_OPERATION_HEALTH_UNMUTE:
    default:
      break;
    }
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
  compute_risk (self);
  return self;
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

/* ------------------------------------------------------------------------
 * CLI equivalent */

/* Characters a shell passes through unquoted and unexpanded in a word that
 * is not the command name. */
static gboolean
shell_safe (const char *word)
{
  if (*word == '\0')
    return FALSE;
  for (const char *p = word; *p; p++)
    if (!g_ascii_isalnum (*p) && strchr ("_-./:=@%+,", *p) == NULL)
      return FALSE;
  return TRUE;
}

static void
append_word (GString    *out,
             const char *word)
{
  g_string_append_c (out, ' ');
  if (shell_safe (word))
    g_string_append (out, word);
  else
    {
      g_autofree char *quoted = g_shell_quote (word);

      g_string_append (out, quoted);
    }
}

char *
kdcc_operation_dup_cli_equivalent (KdccOperation *self)
{
  GString *out;
  const char *s;

  g_return_val_if_fail (KDCC_IS_OPERATION (self), NULL);

  out = g_string_new ("ceph");
#define W(word) append_word (out, (s = (word)) != NULL ? s : "")
  switch (self->kind)
    {
    case KDCC_OPERATION_CONFIG_SET:
      W ("config"); W ("set"); W (self->target); W (self->key); W (self->value);
      break;
    case KDCC_OPERATION_CONFIG_RM:
      W ("config"); W ("rm"); W (self->target); W (self->key);
      break;
    case KDCC_OPERATION_OSD_FLAG_SET:
      W ("osd"); W ("set"); W (self->key);
      break;
    case KDCC_OPERATION_OSD_FLAG_UNSET:
      W ("osd"); W ("unset"); W (self->key);
      break;
    case KDCC_OPERATION_POOL_SET:
      W ("osd"); W ("pool"); W ("set"); W (self->target); W (self->key); W (self->value);
      /* The mon refuses size 1 without it; the risk says why. */
      if (g_strcmp0 (self->key, "size") == 0 && g_strcmp0 (self->value, "1") == 0)
        W ("--yes-i-really-mean-it");
      break;
    case KDCC_OPERATION_OSD_IN:
    case KDCC_OPERATION_OSD_OUT:
      {
        g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, self->osd_id);

        W ("osd"); W (self->kind == KDCC_OPERATION_OSD_IN ? "in" : "out"); W (id);
      }
      break;
    case KDCC_OPERATION_OSD_REWEIGHT:
      {
        g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, self->osd_id);

        W ("osd"); W ("reweight"); W (id); W (self->value);
      }
      break;
    case KDCC_OPERATION_HEALTH_MUTE:
      W ("health"); W ("mute"); W (self->target);
      if (self->ttl != NULL)
        W (self->ttl);
      if (self->sticky)
        W ("--sticky");
      break;
    case KDCC_OPERATION_HEALTH_UNMUTE:
      W ("health"); W ("unmute"); W (self->target);
      break;
    case KDCC_OPERATION_PG_DEEP_SCRUB:
      W ("pg"); W ("deep-scrub"); W (self->target);
      break;
    default:
      g_assert_not_reached ();
    }
#undef W
  return g_string_free (out, FALSE);
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
    case KDCC_OPERATION_OSD_REWEIGHT:
      return self->value;
    case KDCC_OPERATION_OSD_FLAG_SET:
      return "set";
    case KDCC_OPERATION_OSD_IN:
      return "in";
    case KDCC_OPERATION_OSD_OUT:
      return "out";
    case KDCC_OPERATION_HEALTH_MUTE:
      return "muted";
    case KDCC_OPERATION_CONFIG_RM:
    case KDCC_OPERATION_OSD_FLAG_UNSET:
    case KDCC_OPERATION_HEALTH_UNMUTE:
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
       * Ceph unsets one; the pool's own fields (size, ...) always have a
       * value. */
      inverse = kdcc_operation_new_pool_set (self->target, self->key,
                                             previous_value != NULL ? previous_value : "0");
      break;

    case KDCC_OPERATION_OSD_IN:
    case KDCC_OPERATION_OSD_OUT:
      if (g_strcmp0 (previous_value, "in") == 0)
        inverse = kdcc_operation_new_osd_in (self->osd_id);
      else if (g_strcmp0 (previous_value, "out") == 0)
        inverse = kdcc_operation_new_osd_out (self->osd_id);
      break;

    case KDCC_OPERATION_OSD_REWEIGHT:
      {
        char *end = NULL;
        double weight;

        if (previous_value == NULL)
          break;
        weight = g_ascii_strtod (previous_value, &end);
        if (end != previous_value && *end == '\0')
          inverse = kdcc_operation_new_osd_reweight (self->osd_id, weight);
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
