/* kdcc-cli-stage-ops.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The words of `kdcc-cli stage add` that name an operation. A config
 * change keeps `ceph config`'s order (WHO NAME VALUE); the others read as
 * the `ceph osd …` command they stand for, without "ceph osd":
 *
 *   pool set POOL VAR VALUE                ceph osd pool set POOL VAR VALUE
 *   pool set-quota POOL FIELD VALUE        ceph osd pool set-quota POOL FIELD VALUE
 *   pool application enable|disable POOL APP
 *   osd in|out ID                          ceph osd in|out ID
 *   osd reweight ID WEIGHT                 ceph osd reweight ID WEIGHT
 *   osd primary-affinity ID WEIGHT         ceph osd primary-affinity osd.ID WEIGHT
 *   flag set|unset FLAG                    ceph osd set|unset FLAG
 *
 * "osd" is also a config WHO (`stage add osd osd_max_backfills 3`): it
 * names an OSD operation only when the next word is one of the verbs
 * above, which no option is called.
 */
#define G_LOG_DOMAIN "kdcc-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "kdcc-cli-stage.h"
#include "kdcc-error.h"

static const char * const osd_verbs[] = { "in", "out", "reweight", "primary-affinity", NULL };

static gboolean
parse_osd_id (const char  *text,
              gint64      *id,
              GError     **error)
{
  const char *digits = g_str_has_prefix (text, "osd.") ? text + 4 : text;
  guint64 value;

  if (!g_ascii_string_to_unsigned (digits, 10, 0, G_MAXINT32, &value, NULL))
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("“%s” is not an OSD id such as 3 or osd.3"), text);
      return FALSE;
    }
  *id = (gint64) value;
  return TRUE;
}

static gboolean
parse_weight (const char  *text,
              double      *weight,
              GError     **error)
{
  char *end = NULL;

  *weight = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (*weight))
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("“%s” is not a number from 0 to 1"), text);
      return FALSE;
    }
  return TRUE;
}

static KdccOperation *
wrong_words (const char  *usage,
             GError     **error)
{
  /* TRANSLATORS: %s: the arguments expected, e.g. "pool set POOL VAR VALUE" */
  g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT, _("Expected “stage add %s”"), usage);
  return NULL;
}

gboolean
kdcc_cli_stage_is_operation_words (int    argc,
                                   char **argv)
{
  if (argc < 1)
    return FALSE;
  if (g_str_equal (argv[0], "pool") || g_str_equal (argv[0], "flag"))
    return TRUE;
  return g_str_equal (argv[0], "osd") && argc >= 2
         && g_strv_contains (osd_verbs, argv[1]);
}

KdccOperation *
kdcc_cli_stage_parse_operation (int      argc,
                                char   **argv,
                                GError **error)
{
  g_autoptr(KdccOperation) operation = NULL;
  const char *group = argc > 0 ? argv[0] : "";
  const char *verb = argc > 1 ? argv[1] : "";
  gint64 id = -1;
  double weight = 0;

  if (g_str_equal (group, "pool"))
    {
      if (g_str_equal (verb, "set") && argc == 5)
        operation = kdcc_operation_new_pool_set (argv[2], argv[3], argv[4]);
      else if (g_str_equal (verb, "set-quota") && argc == 5)
        operation = kdcc_operation_new_pool_set_quota (argv[2], argv[3], argv[4]);
      else if (g_str_equal (verb, "application") && argc == 5
               && (g_str_equal (argv[2], "enable") || g_str_equal (argv[2], "disable")))
        operation = kdcc_operation_new_pool_application (argv[3], argv[4],
                                                         g_str_equal (argv[2], "enable"));
      else
        return wrong_words ("pool set POOL VAR VALUE | pool set-quota POOL max_bytes|max_objects "
                            "VALUE | pool application enable|disable POOL APP", error);
    }
  else if (g_str_equal (group, "osd"))
    {
      if ((g_str_equal (verb, "in") || g_str_equal (verb, "out")) && argc == 3)
        {
          if (!parse_osd_id (argv[2], &id, error))
            return NULL;
          operation = g_str_equal (verb, "in") ? kdcc_operation_new_osd_in (id)
                                                : kdcc_operation_new_osd_out (id);
        }
      else if ((g_str_equal (verb, "reweight") || g_str_equal (verb, "primary-affinity"))
               && argc == 4)
        {
          if (!parse_osd_id (argv[2], &id, error) || !parse_weight (argv[3], &weight, error))
            return NULL;
          operation = g_str_equal (verb, "reweight")
                      ? kdcc_operation_new_osd_reweight (id, weight)
                      : kdcc_operation_new_osd_primary_affinity (id, weight);
        }
      else
        return wrong_words ("osd in|out ID | osd reweight ID WEIGHT | osd primary-affinity ID "
                            "WEIGHT", error);
    }
  else if (g_str_equal (group, "flag"))
    {
      if ((g_str_equal (verb, "set") || g_str_equal (verb, "unset")) && argc == 3)
        operation = kdcc_operation_new_osd_flag (argv[2], g_str_equal (verb, "set"));
      else
        return wrong_words ("flag set|unset FLAG", error);
    }
  else
    return wrong_words ("pool …, osd …, flag … or WHO NAME VALUE", error);

  if (!kdcc_operation_validate (operation, error))
    return NULL;
  return g_steal_pointer (&operation);
}
