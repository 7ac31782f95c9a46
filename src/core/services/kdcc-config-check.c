/* kdcc-config-check.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the catalog checks before a change is staged: the option and its
 * value (the mon would refuse them later, with a worse message) and that
 * the target exists, and how soon the change takes effect.
 */
#define G_LOG_DOMAIN "kdcc-config-catalog"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kdcc-config-catalog.h"
#include "kdcc-error.h"
#include "kdcc-host.h"
#include "kdcc-osd.h"
#include "kdcc-pool.h"
#include "kdcc-staging.h"

static gboolean
has_osd (KdccCluster *cluster,
         gint64       id)
{
  GListModel *osds = kdcc_cluster_get_osds (cluster);

  for (guint i = 0; i < g_list_model_get_n_items (osds); i++)
    {
      g_autoptr(KdccOsd) osd = g_list_model_get_item (osds, i);

      if (kdcc_osd_get_id (osd) == id)
        return TRUE;
    }
  return FALSE;
}

static gboolean
has_named (GListModel  *model,
           const char *(*get_name) (gpointer),
           const char  *name)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (get_name (item), name) == 0)
        return TRUE;
    }
  return FALSE;
}

/* The daemon a config section names ("osd.3", "mon.a") must exist; types,
 * clients and masks other than host are not checked (a client may connect
 * later, a device class may be created later). */
static gboolean
check_who (const char   *who,
           KdccCluster  *cluster,
           GError      **error)
{
  g_autofree char *section = NULL;
  g_autofree char *mask = NULL;
  const char *dot;

  kdcc_operation_split_who (who, &section, &mask);
  dot = strchr (section, '.');
  if (dot != NULL && g_str_has_prefix (section, "osd."))
    {
      gint64 id = g_ascii_strtoll (dot + 1, NULL, 10);

      if (g_list_model_get_n_items (kdcc_cluster_get_osds (cluster)) > 0 && !has_osd (cluster, id))
        {
          g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                       _("Unknown target “%s”: the cluster has no %s"), who, section);
          return FALSE;
        }
    }
  else if (dot != NULL && g_str_has_prefix (section, "mon."))
    {
      const GPtrArray *mons = kdcc_cluster_get_mons (cluster);
      gboolean found = FALSE;

      for (guint i = 0; mons != NULL && i < mons->len; i++)
        found |= g_str_equal (g_ptr_array_index (mons, i), dot + 1);
      if (mons != NULL && mons->len > 0 && !found)
        {
          g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                       _("Unknown target “%s”: the cluster has no %s"), who, section);
          return FALSE;
        }
    }

  if (g_str_has_prefix (mask, "host:")
      && g_list_model_get_n_items (kdcc_cluster_get_hosts (cluster)) > 0
      && !has_named (kdcc_cluster_get_hosts (cluster), (const char *(*) (gpointer)) kdcc_host_get_name,
                     mask + 5))
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("Unknown target “%s”: the cluster has no host %s"), who, mask + 5);
      return FALSE;
    }
  return TRUE;
}

gboolean
kdcc_config_catalog_check_operation (KdccConfigCatalog  *self,
                                     KdccOperation      *operation,
                                     KdccCluster        *cluster,
                                     GError            **error)
{
  KdccOperationKind kind;
  KdccConfigOption *option;
  const char *target;

  g_return_val_if_fail (KDCC_IS_CONFIG_CATALOG (self), FALSE);
  g_return_val_if_fail (KDCC_IS_OPERATION (operation), FALSE);

  if (!kdcc_operation_validate (operation, error))
    return FALSE;

  kind = kdcc_operation_get_kind (operation);
  target = kdcc_operation_get_target (operation);

  switch (kind)
    {
    case KDCC_OPERATION_CONFIG_SET:
    case KDCC_OPERATION_CONFIG_RM:
      option = kdcc_config_catalog_lookup (self, kdcc_operation_get_key (operation));
      if (option == NULL)
        {
          g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                       _("Unknown option “%s”"), kdcc_operation_get_key (operation));
          return FALSE;
        }
      if (kind == KDCC_OPERATION_CONFIG_SET
          && !kdcc_config_option_check_value (option, kdcc_operation_get_value (operation), error))
        return FALSE;
      if (kind == KDCC_OPERATION_CONFIG_SET)
        kdcc_operation_check_usual_range (operation, option);
      if (cluster != NULL && !check_who (target, cluster, error))
        return FALSE;
      /* A restart of the daemons WHO names (RESTART_WHO NULL). */
      kdcc_operation_set_apply_mode (operation,
                                     kdcc_config_option_get_runtime (option)
                                       ? KDCC_APPLY_MODE_RUNTIME : KDCC_APPLY_MODE_RESTART,
                                     NULL);
      return TRUE;

    case KDCC_OPERATION_POOL_SET:
    case KDCC_OPERATION_POOL_SET_QUOTA:
    case KDCC_OPERATION_POOL_APP_ENABLE:
    case KDCC_OPERATION_POOL_APP_DISABLE:
    case KDCC_OPERATION_OSD_IN:
    case KDCC_OPERATION_OSD_OUT:
    case KDCC_OPERATION_OSD_REWEIGHT:
    case KDCC_OPERATION_OSD_PRIMARY_AFFINITY:
    case KDCC_OPERATION_OSD_FLAG_SET:
    case KDCC_OPERATION_OSD_FLAG_UNSET:
    case KDCC_OPERATION_HEALTH_MUTE:
    case KDCC_OPERATION_HEALTH_UNMUTE:
    default:
      return kdcc_operation_check_target (operation, cluster, error);
    }
}

/* What a pool change means for the pool as it is: its size bounds
 * min_size and the other way round, and an erasure-coded pool's size is
 * k + m, fixed by its profile. */
static gboolean
check_pool_change (KdccOperation  *operation,
                   KdccPool       *pool,
                   GError        **error)
{
  const char *var = kdcc_operation_get_key (operation);
  gint64 value;

  if (kdcc_operation_get_kind (operation) != KDCC_OPERATION_POOL_SET)
    return TRUE;
  if (g_strcmp0 (kdcc_pool_get_pool_type (pool), "erasure") == 0 && g_str_equal (var, "size"))
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("The size of the erasure-coded pool %s is k + m of its profile and "
                     "cannot be changed"), kdcc_pool_get_name (pool));
      return FALSE;
    }
  value = g_ascii_strtoll (kdcc_operation_get_value (operation), NULL, 10);
  if (g_str_equal (var, "min_size") && kdcc_pool_get_size (pool) > 0
      && value > kdcc_pool_get_size (pool))
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("min_size %" G_GINT64_FORMAT " is more than the pool's size %"
                     G_GINT64_FORMAT ": min_size must not exceed size"),
                   value, kdcc_pool_get_size (pool));
      return FALSE;
    }
  return TRUE;
}

gboolean
kdcc_operation_check_target (KdccOperation  *operation,
                             KdccCluster    *cluster,
                             GError        **error)
{
  const char *target;
  KdccPool *pool;

  g_return_val_if_fail (KDCC_IS_OPERATION (operation), FALSE);

  if (!kdcc_operation_validate (operation, error))
    return FALSE;
  target = kdcc_operation_get_target (operation);

  switch (kdcc_operation_get_kind (operation))
    {
    case KDCC_OPERATION_POOL_SET:
    case KDCC_OPERATION_POOL_SET_QUOTA:
    case KDCC_OPERATION_POOL_APP_ENABLE:
    case KDCC_OPERATION_POOL_APP_DISABLE:
      if (cluster == NULL || kdcc_cluster_get_pools_total (cluster) == 0)
        return TRUE;
      pool = kdcc_cluster_find_pool (cluster, target);
      if (pool == NULL)
        {
          g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                       _("Unknown target “%s”: the cluster has no such pool"), target);
          return FALSE;
        }
      return check_pool_change (operation, pool, error);

    case KDCC_OPERATION_OSD_IN:
    case KDCC_OPERATION_OSD_OUT:
    case KDCC_OPERATION_OSD_REWEIGHT:
    case KDCC_OPERATION_OSD_PRIMARY_AFFINITY:
      if (cluster != NULL && g_list_model_get_n_items (kdcc_cluster_get_osds (cluster)) > 0
          && !has_osd (cluster, kdcc_operation_get_osd_id (operation)))
        {
          g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                       _("Unknown target “%s”: the cluster has no such OSD"), target);
          return FALSE;
        }
      return TRUE;

    case KDCC_OPERATION_CONFIG_SET:
    case KDCC_OPERATION_CONFIG_RM:
    case KDCC_OPERATION_OSD_FLAG_SET:
    case KDCC_OPERATION_OSD_FLAG_UNSET:
    case KDCC_OPERATION_HEALTH_MUTE:
    case KDCC_OPERATION_HEALTH_UNMUTE:
    case KDCC_OPERATION_PG_DEEP_SCRUB:
    default:
      return TRUE;
    }
}

static const char *
osd_host (KdccCluster *cluster,
          gint64       id)
{
  KdccOsd *osd = kdcc_cluster_find_osd (cluster, id);

  return osd != NULL ? kdcc_osd_get_host (osd) : NULL;
}

void
kdcc_operation_check_out_domains (KdccOperation *operation,
                                  KdccCluster   *cluster,
                                  GListModel    *staged)
{
  const char *host;
  GListModel *osds;
  gboolean other = FALSE;

  g_return_if_fail (KDCC_IS_OPERATION (operation));

  if (kdcc_operation_get_kind (operation) != KDCC_OPERATION_OSD_OUT || cluster == NULL)
    return;
  host = osd_host (cluster, kdcc_operation_get_osd_id (operation));
  if (host == NULL || *host == '\0')
    return;

  osds = kdcc_cluster_get_osds (cluster);
  for (guint i = 0; !other && i < g_list_model_get_n_items (osds); i++)
    {
      g_autoptr(KdccOsd) osd = g_list_model_get_item (osds, i);
      const char *h = kdcc_osd_get_host (osd);

      other = !kdcc_osd_get_in (osd) && h != NULL && *h != '\0' && g_strcmp0 (h, host) != 0;
    }
  for (guint i = 0; !other && staged != NULL && i < g_list_model_get_n_items (staged); i++)
    {
      g_autoptr(KdccStagedChange) change = g_list_model_get_item (staged, i);
      KdccOperation *op = kdcc_staged_change_get_operation (change);
      const char *h;

      if (kdcc_operation_get_kind (op) != KDCC_OPERATION_OSD_OUT)
        continue;
      h = osd_host (cluster, kdcc_operation_get_osd_id (op));
      other = h != NULL && *h != '\0' && g_strcmp0 (h, host) != 0;
    }
  if (other)
    kdcc_operation_raise_risk (operation, KDCC_RISK_HIGH,
                               _("Another host already has an OSD out or staged to go out: "
                                 "with two failure domains out at once, placement groups with "
                                 "copies on both hosts lose two copies, and pools of size 2 "
                                 "stop serving some of their data."));
}

/* A number for the option's type, or FALSE for text that is none. */
static gboolean
numeric_value (KdccConfigOption *option,
               const char       *text,
               double           *out)
{
  gint64 i;
  guint64 u;

  if (text == NULL || *text == '\0')
    return FALSE;
  switch (kdcc_config_option_get_option_type (option))
    {
    case KDCC_CONFIG_TYPE_INT:
    case KDCC_CONFIG_TYPE_UINT:
    case KDCC_CONFIG_TYPE_MILLISECS:
      if (!kdcc_config_parse_si_int (text, FALSE, &i))
        return FALSE;
      *out = i;
      return TRUE;
    case KDCC_CONFIG_TYPE_SIZE:
      if (!kdcc_config_parse_size (text, &u))
        return FALSE;
      *out = u;
      return TRUE;
    case KDCC_CONFIG_TYPE_SECS:
      if (!kdcc_config_parse_duration (text, &i))
        return FALSE;
      *out = i;
      return TRUE;
    case KDCC_CONFIG_TYPE_FLOAT:
      return kdcc_config_parse_float (text, out);
    case KDCC_CONFIG_TYPE_STR:
    case KDCC_CONFIG_TYPE_BOOL:
    case KDCC_CONFIG_TYPE_ADDR:
    case KDCC_CONFIG_TYPE_ADDRVEC:
    case KDCC_CONFIG_TYPE_UUID:
    default:
      return FALSE;
    }
}

void
kdcc_operation_check_usual_range (KdccOperation    *operation,
                                  KdccConfigOption *option)
{
  const char *daemon_default = kdcc_config_option_get_daemon_default (option);
  const char *default_text = daemon_default != NULL && *daemon_default != '\0'
                               ? daemon_default : kdcc_config_option_get_default_value (option);
  double def, value;

  g_return_if_fail (KDCC_IS_OPERATION (operation));
  g_return_if_fail (KDCC_IS_CONFIG_OPTION (option));

  if (kdcc_operation_get_kind (operation) != KDCC_OPERATION_CONFIG_SET
      || !numeric_value (option, default_text, &def)
      || !numeric_value (option, kdcc_operation_get_value (operation), &value)
      || def <= 0)
    return;
  /* A factor of ten either way: osd_max_backfills 10 where 1 is the
   * default, osd_memory_target 256M where 4G is. Values Ceph refuses are
   * refused before this by the option's min and max. */
  if (value >= 10 * def)
    kdcc_operation_raise_risk (operation, KDCC_RISK_MEDIUM,
                               _("The value is ten times the default or more: such values "
                                 "are rarely right and can overload the daemons or the "
                                 "network. Check the option's description first."));
  else if (value <= def / 10)
    kdcc_operation_raise_risk (operation, KDCC_RISK_MEDIUM,
                               _("The value is a tenth of the default or less: such values "
                                 "are rarely right and can starve the daemons or hide "
                                 "problems. Check the option's description first."));
}
