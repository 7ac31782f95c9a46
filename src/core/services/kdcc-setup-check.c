/* kdcc-setup-check.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rules between set-up parameters. Each problem is a sentence that says
 * what is wrong and why, in Ceph's terms, because the admin reading it is
 * choosing a data layout: "EC 4+2 needs 6 hosts" is not enough without
 * "each chunk goes to a different host".
 */
#define G_LOG_DOMAIN "kdcc-setup"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdcc-error.h"
#include "kdcc-setup-template.h"

static void
add (GPtrArray  *list,
     char       *sentence)
{
  if (list != NULL)
    g_ptr_array_add (list, sentence);
  else
    g_free (sentence);
}

static void
check_placement (KdccSetupParams *self,
                 GPtrArray       *problems,
                 GPtrArray       *warnings)
{
  const KdccSetupTemplate *template = kdcc_setup_params_get_template (self);
  const char *domain = kdcc_setup_params_get (self, "failure_domain");
  gint64 hosts = kdcc_setup_params_get_hosts (self);
  gint64 size = kdcc_setup_params_get_int (self, "replicas");
  gint64 min_size = kdcc_setup_params_get_int (self, "min_size");

  if (hosts < 1)
    add (problems, g_strdup (_("At least one storage host is needed")));
  if (!g_str_equal (domain, "osd") && !g_str_equal (domain, "host") && !g_str_equal (domain, "zone"))
    add (problems, g_strdup_printf (_("Failure domain “%s” is not one of osd, host or zone"), domain));

  if (size < 1 || size > 10)
    add (problems, g_strdup_printf (_("A pool needs 1 to 10 replicas, not %" G_GINT64_FORMAT), size));
  else if (min_size < 1 || min_size > size)
    add (problems, g_strdup_printf (_("min_size %" G_GINT64_FORMAT " must be from 1 to the pool "
                                      "size %" G_GINT64_FORMAT ": it is the number of copies "
                                      "that must be up for I/O to continue"), min_size, size));
  else if (g_str_equal (domain, "host") && size > hosts)
    add (problems, g_strdup_printf (_("%" G_GINT64_FORMAT " replicas with failure domain host put "
                                      "each copy on a different host: at least %" G_GINT64_FORMAT
                                      " storage hosts are needed, %" G_GINT64_FORMAT " given"),
                                    size, size, hosts));

  if (size == 1)
    add (warnings, g_strdup (_("Size 1 keeps a single copy of each object: losing one disk "
                               "loses data, and Ceph reports the pool as having no redundancy")));
  else if (size == 2 && min_size == 1)
    add (warnings, g_strdup (_("Size 2 with min_size 1 keeps I/O going while one copy is "
                               "down, but writes are then acknowledged with a single copy: a "
                               "second failure before recovery loses them")));
  else if (size == 2 && min_size == 2)
    add (warnings, g_strdup (_("Size 2 with min_size 2 never acknowledges a write held by one "
                               "disk alone, but I/O to a placement group pauses while either "
                               "of its two copies is down (e.g. during a host's reboot)")));

  if (kdcc_setup_template_has_object (template, "objectstore"))
    {
      gint64 k = kdcc_setup_params_get_int (self, "ec_k");
      gint64 m = kdcc_setup_params_get_int (self, "ec_m");

      if (k < 2 || m < 1)
        add (problems, g_strdup_printf (_("Erasure coding %" G_GINT64_FORMAT "+%" G_GINT64_FORMAT
                                          " is not valid: k (data chunks) must be at least 2 and "
                                          "m (coding chunks) at least 1"), k, m));
      else if (!g_str_equal (domain, "osd") && k + m > hosts)
        add (problems, g_strdup_printf (_("Erasure coding %" G_GINT64_FORMAT "+%" G_GINT64_FORMAT
                                          " puts each of its %" G_GINT64_FORMAT " chunks on a "
                                          "different host: at least %" G_GINT64_FORMAT " storage "
                                          "hosts are needed (k+m), %" G_GINT64_FORMAT " given"),
                                        k, m, k + m, k + m, hosts));
    }
}

static void
check_daemons (KdccSetupParams *self,
               GPtrArray       *problems)
{
  const KdccSetupTemplate *template = kdcc_setup_params_get_template (self);
  gint64 mons = kdcc_setup_params_get_int (self, "mon_count");
  gint64 mgrs = kdcc_setup_params_get_int (self, "mgr_count");
  gint64 hosts = kdcc_setup_params_get_hosts (self);
  gboolean stretched = g_str_equal (kdcc_setup_template_get_id (template), "stretch");

  if (mons < 1 || mons > 9 || mons % 2 == 0)
    add (problems, g_strdup_printf (_("%" G_GINT64_FORMAT " monitors: give an odd number from 1 "
                                      "to 9 (an even number survives no more failures than one "
                                      "fewer)"), mons));
  /* The test template lets monitors share a node; the others keep one per
   * node, or a node's loss would cost quorum. The arbiter's monitor is not
   * on a storage host. */
  else if (!g_str_equal (kdcc_setup_template_get_id (template), "test")
           && mons - (stretched ? 1 : 0) > hosts)
    add (problems, g_strdup_printf (_("%" G_GINT64_FORMAT " monitors run on different nodes: at "
                                      "least %" G_GINT64_FORMAT " nodes are needed, %"
                                      G_GINT64_FORMAT " given"),
                                    mons, mons - (stretched ? 1 : 0), hosts));
  if (mgrs < 1 || mgrs > 5)
    add (problems, g_strdup_printf (_("%" G_GINT64_FORMAT " managers: Rook runs 1 to 5"), mgrs));
}

static void
check_stretch (KdccSetupParams *self,
               GPtrArray       *problems)
{
  const KdccSetupTemplate *template = kdcc_setup_params_get_template (self);
  g_auto(GStrv) zones = kdcc_setup_params_get_list (self, "zones");
  const char *arbiter = kdcc_setup_params_get (self, "arbiter_zone");
  gboolean stretched = g_str_equal (kdcc_setup_template_get_id (template), "stretch");

  if (!stretched)
    {
      if (zones[0] != NULL || *arbiter != '\0')
        add (problems, g_strdup (_("Zones and an arbiter apply only to the stretched template")));
      if (g_str_equal (kdcc_setup_params_get (self, "failure_domain"), "zone"))
        add (problems, g_strdup (_("Failure domain zone needs the stretched template")));
      return;
    }

  if (g_strv_length (zones) != 2 || g_str_equal (zones[0], zones[1]))
    add (problems, g_strdup (_("A stretched cluster needs exactly two different data zones")));
  if (*arbiter == '\0')
    add (problems, g_strdup (_("A stretched cluster needs an arbiter zone (a third zone for the "
                               "tie-breaking monitor)")));
  else if (g_strv_contains ((const char * const *) zones, arbiter))
    add (problems, g_strdup (_("The arbiter zone must differ from both data zones")));
  if (kdcc_setup_params_get_int (self, "mon_count") != 5)
    add (problems, g_strdup (_("A stretched cluster runs 5 monitors: two per data zone and one "
                               "in the arbiter zone")));
  if (kdcc_setup_params_get_int (self, "replicas") != 4)
    add (problems, g_strdup (_("A stretched cluster's pools keep 4 copies, two in each data "
                               "zone")));
  if (!g_str_equal (kdcc_setup_params_get (self, "failure_domain"), "zone"))
    add (problems, g_strdup (_("A stretched cluster's failure domain is zone")));
}

static void
check_devices (KdccSetupParams *self,
               GPtrArray       *problems)
{
  const char *filter = kdcc_setup_params_get (self, "device_filter");
  const char *classes[] = { "device_class", "metadata_device_class" };

  if (*filter != '\0')
    {
      g_autoptr(GRegex) regex = NULL;
      g_autoptr(GError) error = NULL;

      regex = g_regex_new (filter, 0, 0, &error);
      if (regex == NULL)
        add (problems, g_strdup_printf (_("Device filter “%s” is not a regular expression: %s"),
                                        filter, error->message));
    }
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    {
      const char *value = kdcc_setup_params_get (self, classes[i]);

      if (*value != '\0' && !g_regex_match_simple ("^[a-z0-9][-a-z0-9_]*$", value, 0, 0))
        add (problems, g_strdup_printf (_("%s: “%s” is not a device class such as hdd, ssd or "
                                          "nvme"), classes[i], value));
    }
  if (*kdcc_setup_params_get (self, "image") == '\0')
    add (problems, g_strdup (_("A Ceph container image is needed")));
}

GPtrArray *
kdcc_setup_params_check (KdccSetupParams *self,
                         GPtrArray       *warnings)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func (g_free);

  check_placement (self, problems, warnings);
  check_daemons (self, problems);
  check_stretch (self, problems);
  check_devices (self, problems);
  return problems;
}

gboolean
kdcc_setup_params_validate (KdccSetupParams *self,
                            GPtrArray       *warnings,
                            GError         **error)
{
  g_autoptr(GPtrArray) problems = kdcc_setup_params_check (self, warnings);
  g_autofree char *joined = NULL;

  if (problems->len == 0)
    return TRUE;
  g_ptr_array_add (problems, NULL);
  joined = g_strjoinv ("; ", (char **) problems->pdata);
  g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
               /* TRANSLATORS: %s are the set-up template and its problems. */
               _("The parameters of template “%s” are not valid: %s"),
               kdcc_setup_template_get_id (kdcc_setup_params_get_template (self)), joined);
  return FALSE;
}
