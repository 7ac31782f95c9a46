/* kdcc-upgrade-noautoscale.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The plan option "pause the PG autoscaler during the upgrade". Measured
 * on 16.2.15: Pacific's pg_autoscaler keeps noautoscale as a module option
 * and `osd pool set noautoscale` also sets every pool's pg_autoscale_mode
 * and the global osd_pool_default_pg_autoscale_mode to off; `unset` sets
 * them all to on, whatever each was before (a CephFS pool created with the
 * autoscaler off comes back on). From Reef on it is an OSD map flag and
 * unset leaves the pools' modes alone, so a Reef mgr asked to unset what a
 * Pacific mgr set answers "noautoscale is already unset!" and leaves every
 * pool off. So before setting it, the run records each pool's mode and the
 * two config values the module writes, and after unsetting it puts back
 * whatever differs, each through the write path (audited).
 */
#define G_LOG_DOMAIN "kdcc-upgrade"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kdcc-json.h"
#include "kdcc-upgrade-probe.h"
#include "kdcc-upgrade-run-private.h"

#define SET_COMMAND   "ceph osd pool set noautoscale"
#define UNSET_COMMAND "ceph osd pool unset noautoscale"

/* What the pg_autoscaler module writes to the config database. */
static const struct { const char *who; const char *name; } module_config[] = {
  { "global", "osd_pool_default_pg_autoscale_mode" },
  { "mgr", "mgr/pg_autoscaler/noautoscale" },
};

gboolean
kdcc_upgrade_step_is_noautoscale (const KdccUpgradeStep *step)
{
  return step != NULL && step->command != NULL
         && (g_str_equal (step->command, SET_COMMAND) || g_str_equal (step->command, UNSET_COMMAND));
}

void
kdcc_upgrade_plan_add_noautoscale (KdccUpgradePlan *plan)
{
  KdccUpgradeStep *set, *unset;
  guint after_set = 0, before_unset;

  g_return_if_fail (plan != NULL && plan->steps != NULL);

  for (guint i = 0; i < plan->steps->len; i++)
    if (kdcc_upgrade_step_is_noautoscale (g_ptr_array_index (plan->steps, i)))
      return;

  set = g_new0 (KdccUpgradeStep, 1);
  set->kind = KDCC_UPGRADE_STEP_SET_FLAG;
  set->description = g_strdup (_("Pause the PG autoscaler (KDCC puts each pool’s autoscale "
                                 "mode back at the end)"));
  set->command = g_strdup (SET_COMMAND);
  unset = g_new0 (KdccUpgradeStep, 1);
  unset->kind = KDCC_UPGRADE_STEP_UNSET_FLAG;
  unset->description = g_strdup (_("Let the PG autoscaler work again"));
  unset->command = g_strdup (UNSET_COMMAND);

  /* After noout is set, before the first daemon; before noout goes at the
   * end. */
  for (guint i = 0; i < plan->steps->len; i++)
    if (((KdccUpgradeStep *) g_ptr_array_index (plan->steps, i))->kind == KDCC_UPGRADE_STEP_SET_FLAG)
      after_set = i + 1;
  g_ptr_array_insert (plan->steps, after_set, set);
  before_unset = plan->steps->len;
  for (guint i = plan->steps->len; i > 0; i--)
    if (((KdccUpgradeStep *) g_ptr_array_index (plan->steps, i - 1))->kind
        == KDCC_UPGRADE_STEP_UNSET_FLAG)
      before_unset = i - 1;
  g_ptr_array_insert (plan->steps, before_unset, unset);
}

/* Reading ------------------------------------------------------------------------ */

static gboolean
noautoscale_now (KdccUpgradeRun  *self,
                 gboolean        *set,
                 GCancellable    *cancellable,
                 GError         **error)
{
  g_autoptr(KdccOperation) probe = kdcc_operation_new_noautoscale (TRUE);
  g_autofree char *value = NULL;

  if (!kdcc_source_read_back_sync (self->source, probe, &value, cancellable, error))
    return FALSE;
  *set = value != NULL;
  return TRUE;
}

/* NAME → pg_autoscale_mode of every pool, from `osd pool ls detail`. */
static GHashTable *
pool_modes (KdccUpgradeRun  *self,
            GCancellable    *cancellable,
            GError         **error)
{
  g_autoptr(GBytes) out = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GHashTable) modes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  JsonArray *pools;
  gsize len = 0;
  const char *data;

  out = kdcc_source_run_command_sync (self->source, "mon",
                                      "{\"prefix\":\"osd pool ls\",\"detail\":\"detail\","
                                      "\"format\":\"json\"}", NULL, cancellable, error);
  if (out == NULL)
    return NULL;
  data = g_bytes_get_data (out, &len);
  root = kdcc_json_load_root ("osd pool ls detail", data, (gssize) len, JSON_NODE_ARRAY, error);
  if (root == NULL)
    return NULL;
  pools = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (pools); i++)
    {
      JsonNode *node = json_array_get_element (pools, i);
      JsonObject *pool = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *name, *mode;

      if (pool == NULL)
        continue;
      name = json_object_get_string_member_with_default (pool, "pool_name", NULL);
      mode = json_object_get_string_member_with_default (pool, "pg_autoscale_mode", NULL);
      if (name != NULL && mode != NULL)
        g_hash_table_insert (modes, g_strdup (name), g_strdup (mode));
    }
  return g_steal_pointer (&modes);
}

/* The value stored in the config database, NULL when none. */
static gboolean
config_value (KdccUpgradeRun  *self,
              const char      *who,
              const char      *name,
              char           **value,
              GCancellable    *cancellable,
              GError         **error)
{
  g_autoptr(KdccOperation) probe = kdcc_operation_new_config_rm (who, name);

  return kdcc_source_read_back_sync (self->source, probe, value, cancellable, error);
}

/* Set ------------------------------------------------------------------------------ */

StepOutcome
_kdcc_upgrade_run_set_noautoscale (KdccUpgradeRun  *self,
                                   GCancellable    *cancellable,
                                   char           **note,
                                   char           **message)
{
  g_autoptr(KdccOperation) operation = NULL;
  g_autoptr(GHashTable) modes = NULL;
  g_autoptr(GPtrArray) restore = NULL;
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer name, mode;
  gboolean set = FALSE;

  if (!noautoscale_now (self, &set, cancellable, &error))
    goto failed;
  g_mutex_lock (&self->lock);
  self->state->noautoscale_was_set = set;
  g_mutex_unlock (&self->lock);
  if (set)
    {
      /* Someone paused it for a reason of their own: keep it at the end. */
      *note = g_strdup (_("noautoscale was already set; it stays set at the end"));
      return STEP_OK;
    }

  restore = g_ptr_array_new_with_free_func (g_free);
  modes = pool_modes (self, cancellable, &error);
  if (modes == NULL)
    goto failed;
  g_hash_table_iter_init (&iter, modes);
  while (g_hash_table_iter_next (&iter, &name, &mode))
    g_ptr_array_add (restore, g_strdup_printf ("pool\t%s\t%s", (char *) name, (char *) mode));
  for (guint i = 0; i < G_N_ELEMENTS (module_config); i++)
    {
      g_autofree char *value = NULL;

      if (!config_value (self, module_config[i].who, module_config[i].name, &value, cancellable,
                         &error))
        goto failed;
      g_ptr_array_add (restore, g_strdup_printf ("config\t%s\t%s\t%s", module_config[i].who,
                                                 module_config[i].name,
                                                 value != NULL ? value : ""));
    }
  g_ptr_array_add (restore, NULL);

  /* Saved before the change, so a crash right after it still knows what
   * to put back. */
  g_mutex_lock (&self->lock);
  g_strfreev (self->state->autoscale_restore);
  self->state->autoscale_restore = (char **) g_ptr_array_free (g_steal_pointer (&restore), FALSE);
  g_mutex_unlock (&self->lock);
  _kdcc_upgrade_run_save (self);

  operation = kdcc_operation_new_noautoscale (TRUE);
  return _kdcc_upgrade_run_apply (self, operation, cancellable, message) ? STEP_OK : STEP_FAILED;

failed:
  if (g_cancellable_is_cancelled (cancellable))
    return STEP_CANCELLED;
  *message = g_strdup_printf (_("%s failed: %s"), SET_COMMAND, error->message);
  return STEP_FAILED;
}

/* Unset and restore --------------------------------------------------------------- */

/* Puts back one recorded entry when it differs now. */
static gboolean
restore_entry (KdccUpgradeRun  *self,
               const char      *entry,
               GHashTable      *modes,
               guint           *restored,
               GCancellable    *cancellable,
               char           **message)
{
  g_auto(GStrv) f = g_strsplit (entry, "\t", -1);
  g_autoptr(KdccOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  guint n = g_strv_length (f);

  if (n == 3 && g_str_equal (f[0], "pool"))
    {
      const char *now = g_hash_table_lookup (modes, f[1]);

      /* A pool deleted meanwhile has nothing to restore. */
      if (now == NULL || g_str_equal (now, f[2]))
        return TRUE;
      operation = kdcc_operation_new_pool_set (f[1], "pg_autoscale_mode", f[2]);
    }
  else if (n == 4 && g_str_equal (f[0], "config"))
    {
      g_autofree char *now = NULL;

      if (!config_value (self, f[1], f[2], &now, cancellable, &error))
        {
          *message = g_strdup (error->message);
          return FALSE;
        }
      if (g_strcmp0 (now, *f[3] != '\0' ? f[3] : NULL) == 0)
        return TRUE;
      operation = *f[3] != '\0' ? kdcc_operation_new_config_set (f[1], f[2], f[3])
                                : kdcc_operation_new_config_rm (f[1], f[2]);
    }
  else
    return TRUE;

  if (!_kdcc_upgrade_run_apply (self, operation, cancellable, message))
    return FALSE;
  (*restored)++;
  return TRUE;
}

gboolean
_kdcc_upgrade_run_unset_noautoscale (KdccUpgradeRun  *self,
                                     GCancellable    *cancellable,
                                     char           **note,
                                     char           **message)
{
  g_autoptr(KdccOperation) operation = NULL;
  g_autoptr(GHashTable) modes = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) restore = NULL;
  g_autofree char *refused = NULL;
  gboolean we_set_it = FALSE;
  guint restored = 0;

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->state->steps->len; i++)
    {
      KdccUpgradeStepRecord *r = g_ptr_array_index (self->state->steps, i);

      if (!kdcc_upgrade_step_is_noautoscale (r->step))
        continue;
      /* Set by this upgrade and not yet taken back (abort after the end
       * step ran has nothing to do). */
      if (r->step->kind == KDCC_UPGRADE_STEP_SET_FLAG)
        we_set_it = r->state == KDCC_UPGRADE_STEP_DONE && !self->state->noautoscale_was_set;
      else if (r->state == KDCC_UPGRADE_STEP_DONE)
        we_set_it = FALSE;
    }
  restore = g_strdupv (self->state->autoscale_restore);
  g_mutex_unlock (&self->lock);

  if (self->state->noautoscale_was_set)
    {
      *note = g_strdup (_("noautoscale was set before the upgrade: left set"));
      return TRUE;
    }
  if (!we_set_it)
    return TRUE;

  operation = kdcc_operation_new_noautoscale (FALSE);
  if (!_kdcc_upgrade_run_apply (self, operation, cancellable, &refused))
    {
      /* The mgr that answers now may not be the one that set it: a new
       * release's pg_autoscaler that failed to load (Debian 13's Reef mgr
       * here: "PyO3 modules do not yet support subinterpreters") has no
       * such command. What a Pacific mgr set lives in the pools' modes
       * and the config database, which KDCC puts back itself below; the
       * OSD map flag of Quincy and later must be gone too. */
      if (g_cancellable_is_cancelled (cancellable))
        {
          *message = g_steal_pointer (&refused);
          return FALSE;
        }
      g_debug ("%s; restoring the recorded modes directly", refused);
    }

  modes = pool_modes (self, cancellable, &error);
  if (modes == NULL)
    {
      *message = g_strdup_printf (_("%s: the pools’ autoscale modes cannot be read: %s"),
                                  UNSET_COMMAND, error->message);
      return FALSE;
    }
  for (guint i = 0; restore != NULL && restore[i] != NULL; i++)
    if (!restore_entry (self, restore[i], modes, &restored, cancellable, message))
      return FALSE;
  if (refused != NULL)
    {
      gboolean flag = FALSE;

      if (!kdcc_upgrade_probe_osd_dump (self->source, "noautoscale", &flag, NULL, cancellable,
                                        &error) || flag)
        {
          *message = g_steal_pointer (&refused);
          return FALSE;
        }
      /* TRANSLATORS: "the mgr did not unset it (…); KDCC put back 4 autoscale settings itself" */
      *note = g_strdup_printf (_("the mgr did not unset it (%s); KDCC put back %u autoscale "
                                 "settings itself"), refused, restored);
      return TRUE;
    }
  if (restored > 0)
    *note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u autoscale setting put back as it was",
                                          "%u autoscale settings put back as they were",
                                          restored), restored);
  return TRUE;
}
