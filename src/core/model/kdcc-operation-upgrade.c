/* kdcc-operation-upgrade.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The operations an upgrade ends or brackets itself with: `osd
 * require-osd-release` (a mon command, one way only) and the PG
 * autoscaler's `noautoscale` (an mgr command of the pg_autoscaler module).
 */
#define G_LOG_DOMAIN "kdcc-operation"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdcc-error.h"
#include "kdcc-operation-private.h"

/* The names `osd require-osd-release` takes, oldest first. Pacific's mon
 * knows them up to pacific, Reef's up to reef; the mon refuses one it does
 * not know with its own message. */
static const char * const releases[] = {
  "luminous", "mimic", "nautilus", "octopus", "pacific", "quincy", "reef", "squid", "tentacle",
};

gboolean
kdcc_operation_is_known_release (const char *release)
{
  for (guint i = 0; release != NULL && i < G_N_ELEMENTS (releases); i++)
    if (g_str_equal (release, releases[i]))
      return TRUE;
  return FALSE;
}

KdccOperation *
kdcc_operation_new_require_osd_release (const char *release)
{
  return _kdcc_operation_new_kind (KDCC_OPERATION_REQUIRE_OSD_RELEASE, NULL,
                                   "require_osd_release", release);
}

KdccOperation *
kdcc_operation_new_noautoscale (gboolean set)
{
  return _kdcc_operation_new_kind (set ? KDCC_OPERATION_NOAUTOSCALE_SET
                                       : KDCC_OPERATION_NOAUTOSCALE_UNSET,
                                   NULL, "noautoscale", NULL);
}

void
_kdcc_operation_upgrade_append_cli (KdccOperation *self,
                                    void         (*append_word) (GString *, const char *),
                                    GString       *out)
{
  switch (self->kind)
    {
    case KDCC_OPERATION_REQUIRE_OSD_RELEASE:
      append_word (out, "osd");
      append_word (out, "require-osd-release");
      append_word (out, self->value != NULL ? self->value : "");
      break;
    case KDCC_OPERATION_NOAUTOSCALE_SET:
    case KDCC_OPERATION_NOAUTOSCALE_UNSET:
      append_word (out, "osd");
      append_word (out, "pool");
      append_word (out, self->kind == KDCC_OPERATION_NOAUTOSCALE_SET ? "set" : "unset");
      append_word (out, "noautoscale");
      break;
    default:
      g_assert_not_reached ();
    }
}

gboolean
_kdcc_operation_upgrade_validate (KdccOperation  *self,
                                  GError        **error)
{
  if (self->kind == KDCC_OPERATION_REQUIRE_OSD_RELEASE
      && !kdcc_operation_is_known_release (self->value))
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("“%s” is not a Ceph release name such as reef"),
                   self->value != NULL ? self->value : "");
      return FALSE;
    }
  return TRUE;
}

void
_kdcc_operation_upgrade_compute_risk (KdccOperation *self)
{
  switch (self->kind)
    {
    case KDCC_OPERATION_REQUIRE_OSD_RELEASE:
      self->risk = KDCC_RISK_HIGH;
      self->risk_reason = _("Cannot be undone: Ceph never lowers require_osd_release, and OSDs "
                            "of older releases can no longer start or join the cluster.");
      break;
    case KDCC_OPERATION_NOAUTOSCALE_SET:
      self->risk = KDCC_RISK_LOW;
      self->risk_reason = _("The PG autoscaler changes no pool’s number of placement groups "
                            "until it is unset. On Pacific every pool’s pg_autoscale_mode "
                            "becomes off.");
      break;
    case KDCC_OPERATION_NOAUTOSCALE_UNSET:
      self->risk = KDCC_RISK_MEDIUM;
      self->risk_reason = _("The PG autoscaler may start splitting or merging placement groups. "
                            "On Pacific every pool’s pg_autoscale_mode becomes on, also on "
                            "pools where it was off or warn before.");
      break;
    default:
      g_assert_not_reached ();
    }
}

const char *
_kdcc_operation_upgrade_expected (KdccOperation *self)
{
  switch (self->kind)
    {
    case KDCC_OPERATION_REQUIRE_OSD_RELEASE:
      return self->value;
    case KDCC_OPERATION_NOAUTOSCALE_SET:
      return "set";
    case KDCC_OPERATION_NOAUTOSCALE_UNSET:
    default:
      return NULL;
    }
}

KdccOperation *
_kdcc_operation_upgrade_new_inverse (KdccOperation *self,
                                     const char    *previous_value)
{
  switch (self->kind)
    {
    case KDCC_OPERATION_REQUIRE_OSD_RELEASE:
      /* The mon refuses to lower it ("require_osd_release cannot be
       * lowered"): no way back. */
      return NULL;
    case KDCC_OPERATION_NOAUTOSCALE_SET:
    case KDCC_OPERATION_NOAUTOSCALE_UNSET:
      return kdcc_operation_new_noautoscale (previous_value != NULL);
    default:
      g_assert_not_reached ();
    }
}
