/* kdcc-operation-risk.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How risky an operation is, and why, worked out from what it changes.
 */
#define G_LOG_DOMAIN "kdcc-operation"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdcc-operation-private.h"


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
  else if ((g_str_equal (name, "mon_warn_pg_not_deep_scrubbed_ratio")
            || g_str_equal (name, "mon_warn_pg_not_scrubbed_ratio"))
           && g_strcmp0 (value, "0") == 0)
    {
      self->risk = KDCC_RISK_MEDIUM;
      self->risk_reason = _("Turns the health check off: PGs that are not scrubbed in time no "
                            "longer raise a warning.");
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
  else if (g_str_equal (var, "pg_autoscale_mode") && g_strcmp0 (self->value, "on") == 0)
    {
      self->risk = KDCC_RISK_MEDIUM;
      self->risk_reason = _("The autoscaler may then change pg_num by itself, which moves the "
                            "pool's data between OSDs.");
    }
  else if (g_str_equal (var, "target_size_ratio") || g_str_equal (var, "target_size_bytes"))
    self->risk_reason = _("The autoscaler plans the pool's placement groups for this size and "
                          "may change pg_num, which moves data.");
  else if (g_str_equal (var, "compression_mode") || g_str_equal (var, "compression_algorithm"))
    self->risk_reason = _("Applies to data written from now on; what is stored stays as it is.");
  else if (g_str_equal (var, "scrub_min_interval") || g_str_equal (var, "scrub_max_interval")
           || g_str_equal (var, "deep_scrub_interval"))
    self->risk_reason = _("Longer intervals find silent corruption later; shorter ones cost "
                          "disk reads.");
  else if (g_str_equal (var, "nodelete") && g_strcmp0 (self->value, "false") == 0)
    {
      self->risk = KDCC_RISK_MEDIUM;
      self->risk_reason = _("The pool can then be deleted.");
    }
}

void
_kdcc_operation_compute_risk (KdccOperation *self)
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
    case KDCC_OPERATION_OSD_PRIMARY_AFFINITY:
      self->risk_reason = _("Changes which OSDs serve the pool's reads and writes first; "
                            "placement groups re-peer, but no data moves.");
      break;
    case KDCC_OPERATION_POOL_SET_QUOTA:
      if (g_strcmp0 (self->value, "0") != 0)
        self->risk_reason = _("When the pool reaches its quota, Ceph stops all writes to it "
                              "and raises POOL_FULL.");
      break;
    case KDCC_OPERATION_POOL_APP_ENABLE:
      self->risk_reason = _("Tags the pool for the application, which then may use it. A "
                            "pool usually serves one application; Ceph asks to confirm a "
                            "second one, which this change does.");
      break;
    case KDCC_OPERATION_POOL_APP_DISABLE:
      self->risk = KDCC_RISK_MEDIUM;
      self->risk_reason = _("Clients of the application may stop using the pool, and its "
                            "application metadata is dropped: enabling it again does not "
                            "bring that back.");
      break;
    case KDCC_OPERATION_HEALTH_MUTE:
      self->risk_reason = _("A muted alert no longer turns the cluster's health to warning.");
      break;
    case KDCC_OPERATION_PG_DEEP_SCRUB:
      self->risk_reason = _("A deep scrub reads every object of the placement group; client IO "
                            "on its OSDs is slower while it runs.");
      break;
    case KDCC_OPERATION_SSO_SETUP_SAML2:
    case KDCC_OPERATION_SSO_DISABLE:
    case KDCC_OPERATION_DASHBOARD_USER_CREATE:
    case KDCC_OPERATION_DASHBOARD_USER_DELETE:
    case KDCC_OPERATION_DASHBOARD_USER_SET_ROLES:
      _kdcc_operation_sso_compute_risk (self);
      break;
    case KDCC_OPERATION_REQUIRE_OSD_RELEASE:
    case KDCC_OPERATION_NOAUTOSCALE_SET:
    case KDCC_OPERATION_NOAUTOSCALE_UNSET:
      _kdcc_operation_upgrade_compute_risk (self);
      break;
    case KDCC_OPERATION_HEALTH_UNMUTE:
    default:
      break;
    }
}

