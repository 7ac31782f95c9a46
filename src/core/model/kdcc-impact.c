/* kdcc-impact.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-impact"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdcc-impact.h"

static const char * const impact_names[] = {
  [KDCC_IMPACT_NONE] = "none",
  [KDCC_IMPACT_HYGIENE] = "hygiene",
  [KDCC_IMPACT_PERFORMANCE] = "performance",
  [KDCC_IMPACT_DATA_AT_RISK] = "data-at-risk",
  [KDCC_IMPACT_DATA_UNAVAILABLE] = "data-unavailable",
};

const char *
kdcc_impact_to_string (KdccImpact impact)
{
  if ((guint) impact > KDCC_IMPACT_LAST)
    return "none";
  return impact_names[impact];
}

gboolean
kdcc_impact_from_string (const char *str,
                         KdccImpact *impact)
{
  g_return_val_if_fail (impact != NULL, FALSE);

  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (impact_names); i++)
    {
      if (g_str_equal (str, impact_names[i]))
        {
          *impact = (KdccImpact) i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
kdcc_impact_get_label (KdccImpact impact)
{
  switch (impact)
    {
    case KDCC_IMPACT_DATA_UNAVAILABLE:
      /* TRANSLATORS: impact of a problem: client IO to some data is blocked. */
      return _("Data unavailable");
    case KDCC_IMPACT_DATA_AT_RISK:
      /* TRANSLATORS: impact of a problem: data has fewer copies or may be lost. */
      return _("Data at risk");
    case KDCC_IMPACT_PERFORMANCE:
      return _("Performance");
    case KDCC_IMPACT_HYGIENE:
      /* TRANSLATORS: impact of a problem: housekeeping, settings, late scrubs. */
      return _("Hygiene");
    case KDCC_IMPACT_NONE:
    default:
      return _("No impact");
    }
}
