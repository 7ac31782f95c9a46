/* kdcc-scrub-settings.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Which scrub settings are in force and where each comes from. Ceph's
 * config map gives a daemon the values of its sections in the order
 * global, type (osd), daemon (osd.3), a later section winning, and within
 * one section a matching mask over the plain value (ConfigMap.cc,
 * generate_entity_map). The OSDs schedule scrubs by what they read; the
 * mgr raises PG_NOT_SCRUBBED and PG_NOT_DEEP_SCRUBBED by what *it* reads
 * (PGMap.cc, get_health_checks), which is why a deep scrub interval stored
 * under "osd" alone leaves the mgr warning at the default.
 */
#define G_LOG_DOMAIN "kdcc-scrub"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "kdcc-config-option.h"
#include "kdcc-scrub-settings.h"

static const struct
{
  const char *name;
  double      pacific_default;
  gboolean    interval;
} option_table[KDCC_SCRUB_N_OPTS] = {
  [KDCC_SCRUB_OPT_BEGIN_HOUR] = { "osd_scrub_begin_hour", 0, FALSE },
  [KDCC_SCRUB_OPT_END_HOUR] = { "osd_scrub_end_hour", 0, FALSE },
  [KDCC_SCRUB_OPT_BEGIN_WEEK_DAY] = { "osd_scrub_begin_week_day", 0, FALSE },
  [KDCC_SCRUB_OPT_END_WEEK_DAY] = { "osd_scrub_end_week_day", 0, FALSE },
  [KDCC_SCRUB_OPT_MIN_INTERVAL] = { "osd_scrub_min_interval", 86400, TRUE },
  [KDCC_SCRUB_OPT_MAX_INTERVAL] = { "osd_scrub_max_interval", 604800, TRUE },
  [KDCC_SCRUB_OPT_DEEP_INTERVAL] = { "osd_deep_scrub_interval", 604800, TRUE },
  [KDCC_SCRUB_OPT_MAX_SCRUBS] = { "osd_max_scrubs", 1, FALSE },
  [KDCC_SCRUB_OPT_LOAD_THRESHOLD] = { "osd_scrub_load_threshold", 0.5, FALSE },
  [KDCC_SCRUB_OPT_SLEEP] = { "osd_scrub_sleep", 0, FALSE },
  [KDCC_SCRUB_OPT_DURING_RECOVERY] = { "osd_scrub_during_recovery", 0, FALSE },
  [KDCC_SCRUB_OPT_WARN_RATIO] = { "mon_warn_pg_not_scrubbed_ratio", 0.5, FALSE },
  [KDCC_SCRUB_OPT_WARN_DEEP_RATIO] = { "mon_warn_pg_not_deep_scrubbed_ratio", 0.75, FALSE },
};

const char *
kdcc_scrub_option_name (KdccScrubOption option)
{
  g_return_val_if_fail (option < KDCC_SCRUB_N_OPTS, NULL);
  return option_table[option].name;
}

gboolean
kdcc_scrub_option_is_interval (KdccScrubOption option)
{
  g_return_val_if_fail (option < KDCC_SCRUB_N_OPTS, FALSE);
  return option_table[option].interval;
}

const char *
kdcc_scrub_origin_to_string (KdccScrubOrigin origin)
{
  static const char * const names[] = { "default", "global", "section", "mask", "daemon",
                                        "pool" };

  g_return_val_if_fail (origin <= KDCC_SCRUB_ORIGIN_POOL, NULL);
  return names[origin];
}

const char *
kdcc_scrub_origin_to_label (KdccScrubOrigin origin)
{
  switch (origin)
    {
    case KDCC_SCRUB_ORIGIN_DEFAULT:
      return _("default");
    case KDCC_SCRUB_ORIGIN_GLOBAL:
      return _("global");
    case KDCC_SCRUB_ORIGIN_SECTION:
      /* TRANSLATORS: set for a daemon type (all OSDs, the mgr). */
      return _("daemon type");
    case KDCC_SCRUB_ORIGIN_MASK:
      /* TRANSLATORS: set for the daemons of a host or device class. */
      return _("mask");
    case KDCC_SCRUB_ORIGIN_DAEMON:
      return _("one daemon");
    case KDCC_SCRUB_ORIGIN_POOL:
      return _("pool");
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
override_free (KdccScrubOverride *o)
{
  g_free (o->who);
  g_free (o);
}

static void
setting_clear (KdccScrubSetting *setting)
{
  g_clear_pointer (&setting->overrides, g_ptr_array_unref);
  g_clear_pointer (&setting->hidden_from_mgr, g_free);
}

static void
setting_reset (KdccScrubSetting *setting)
{
  setting_clear (setting);
  setting->value = setting->default_value;
  setting->mgr_value = setting->default_value;
  setting->origin = KDCC_SCRUB_ORIGIN_DEFAULT;
  setting->mgr_origin = KDCC_SCRUB_ORIGIN_DEFAULT;
  setting->overrides = g_ptr_array_new_with_free_func ((GDestroyNotify) override_free);
}

KdccScrubSettings *
kdcc_scrub_settings_new (void)
{
  KdccScrubSettings *self = g_new0 (KdccScrubSettings, 1);

  for (guint i = 0; i < KDCC_SCRUB_N_OPTS; i++)
    {
      self->options[i].default_value = option_table[i].pacific_default;
      setting_reset (&self->options[i]);
    }
  return self;
}

void
kdcc_scrub_settings_free (KdccScrubSettings *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < KDCC_SCRUB_N_OPTS; i++)
    setting_clear (&self->options[i]);
  g_free (self);
}

KdccScrubSettings *
kdcc_scrub_settings_copy (const KdccScrubSettings *self)
{
  KdccScrubSettings *copy = g_memdup2 (self, sizeof *self);

  for (guint i = 0; i < KDCC_SCRUB_N_OPTS; i++)
    {
      const KdccScrubSetting *from = &self->options[i];
      KdccScrubSetting *to = &copy->options[i];

      to->hidden_from_mgr = g_strdup (from->hidden_from_mgr);
      to->overrides = g_ptr_array_new_with_free_func ((GDestroyNotify) override_free);
      for (guint j = 0; j < from->overrides->len; j++)
        {
          const KdccScrubOverride *o = g_ptr_array_index (from->overrides, j);
          KdccScrubOverride *c = g_new0 (KdccScrubOverride, 1);

          *c = *o;
          c->who = g_strdup (o->who);
          g_ptr_array_add (to->overrides, c);
        }
    }
  return copy;
}

void
kdcc_scrub_settings_set_default (KdccScrubSettings *self,
                                 KdccScrubOption    option,
                                 double             value)
{
  g_return_if_fail (option < KDCC_SCRUB_N_OPTS);
  self->options[option].default_value = value;
}

/* Ceph stores values normalized, but a bool may read "true" and a secs
 * option "1h"; the option parsers understand both. */
static gboolean
parse_value (const char *text,
             double     *out)
{
  gboolean b;
  gint64 secs;

  if (kdcc_config_parse_float (text, out))
    return TRUE;
  if (kdcc_config_parse_bool (text, &b))
    {
      *out = b ? 1 : 0;
      return TRUE;
    }
  if (kdcc_config_parse_duration (text, &secs))
    {
      *out = (double) secs;
      return TRUE;
    }
  return FALSE;
}

/* The section's plain value, if stored. */
typedef struct
{
  gboolean set;
  double   value;
} Slot;

static void
add_override (KdccScrubSetting *setting,
              const char       *who,
              KdccScrubOrigin   origin,
              double            value)
{
  KdccScrubOverride *o = g_new0 (KdccScrubOverride, 1);

  o->who = g_strdup (who);
  o->origin = origin;
  o->value = value;
  g_ptr_array_add (setting->overrides, o);
}

static void
resolve_one (KdccScrubSetting *setting,
             const char       *name,
             GPtrArray        *values)
{
  Slot global = { 0 }, osd = { 0 }, mgr = { 0 }, mon = { 0 };

  setting_reset (setting);
  for (guint i = 0; values != NULL && i < values->len; i++)
    {
      KdccConfigValue *v = g_ptr_array_index (values, i);
      const char *section = kdcc_config_value_get_section (v);
      const char *mask = kdcc_config_value_get_mask (v);
      gboolean masked = mask != NULL && *mask != '\0';
      double value;

      if (g_strcmp0 (kdcc_config_value_get_name (v), name) != 0
          || !parse_value (kdcc_config_value_get_value (v), &value))
        continue;

      if (masked && (g_str_equal (section, "global") || g_str_equal (section, "osd")))
        add_override (setting, kdcc_config_value_get_who (v), KDCC_SCRUB_ORIGIN_MASK, value);
      else if (masked)
        continue;
      else if (g_str_equal (section, "global"))
        global = (Slot) { TRUE, value };
      else if (g_str_equal (section, "osd"))
        osd = (Slot) { TRUE, value };
      else if (g_str_equal (section, "mgr"))
        mgr = (Slot) { TRUE, value };
      else if (g_str_equal (section, "mon"))
        mon = (Slot) { TRUE, value };
      else if (g_str_has_prefix (section, "osd."))
        add_override (setting, section, KDCC_SCRUB_ORIGIN_DAEMON, value);
      else if (g_str_has_prefix (section, "mgr."))
        {
          /* The active mgr's own value beats the mgr section; there is
           * normally one such entry at most. */
          setting->mgr_value = value;
          setting->mgr_origin = KDCC_SCRUB_ORIGIN_DAEMON;
        }
    }

  if (osd.set)
    {
      setting->value = osd.value;
      setting->origin = KDCC_SCRUB_ORIGIN_SECTION;
    }
  else if (global.set)
    {
      setting->value = global.value;
      setting->origin = KDCC_SCRUB_ORIGIN_GLOBAL;
    }

  if (setting->mgr_origin != KDCC_SCRUB_ORIGIN_DAEMON)
    {
      if (mgr.set)
        {
          setting->mgr_value = mgr.value;
          setting->mgr_origin = KDCC_SCRUB_ORIGIN_SECTION;
        }
      else if (global.set)
        {
          setting->mgr_value = global.value;
          setting->mgr_origin = KDCC_SCRUB_ORIGIN_GLOBAL;
        }
    }

  /* Stored where the mgr does not look, and different from what it uses. */
  if (osd.set && osd.value != setting->mgr_value)
    {
      setting->hidden_from_mgr = g_strdup ("osd");
      setting->hidden_value = osd.value;
    }
  else if (mon.set && mon.value != setting->mgr_value)
    {
      setting->hidden_from_mgr = g_strdup ("mon");
      setting->hidden_value = mon.value;
    }
}

void
kdcc_scrub_settings_resolve (KdccScrubSettings *self,
                             GPtrArray         *values)
{
  g_return_if_fail (self != NULL);

  for (guint i = 0; i < KDCC_SCRUB_N_OPTS; i++)
    resolve_one (&self->options[i], option_table[i].name, values);
}

void
kdcc_scrub_settings_load_catalog (KdccScrubSettings *self,
                                  KdccConfigCatalog *catalog)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_if_fail (self != NULL);
  g_return_if_fail (KDCC_IS_CONFIG_CATALOG (catalog));

  for (guint i = 0; i < KDCC_SCRUB_N_OPTS; i++)
    {
      KdccConfigOption *option = kdcc_config_catalog_lookup (catalog, option_table[i].name);
      GListModel *stored;
      const char *text;
      double value;

      if (option == NULL)
        continue;
      /* The OSDs and the mgr are daemons: a daemon default wins. */
      text = kdcc_config_option_get_daemon_default (option);
      if (text == NULL || *text == '\0')
        text = kdcc_config_option_get_default_value (option);
      if (text != NULL && parse_value (text, &value))
        self->options[i].default_value = value;

      stored = kdcc_config_option_get_values (option);
      for (guint j = 0; j < g_list_model_get_n_items (stored); j++)
        g_ptr_array_add (values, g_list_model_get_item (stored, j));
    }
  kdcc_scrub_settings_resolve (self, values);
}

void
kdcc_scrub_settings_try_value (KdccScrubSettings *self,
                               KdccScrubOption    option,
                               double             value)
{
  KdccScrubSetting *setting;

  g_return_if_fail (option < KDCC_SCRUB_N_OPTS);

  setting = &self->options[option];
  setting->value = value;
  setting->mgr_value = value;
  setting->origin = KDCC_SCRUB_ORIGIN_GLOBAL;
  setting->mgr_origin = KDCC_SCRUB_ORIGIN_GLOBAL;
  g_clear_pointer (&setting->hidden_from_mgr, g_free);
}

KdccScrubWindow
kdcc_scrub_settings_get_window (const KdccScrubSettings *self)
{
  KdccScrubWindow window = {
    (int) self->options[KDCC_SCRUB_OPT_BEGIN_HOUR].value,
    (int) self->options[KDCC_SCRUB_OPT_END_HOUR].value,
    (int) self->options[KDCC_SCRUB_OPT_BEGIN_WEEK_DAY].value,
    (int) self->options[KDCC_SCRUB_OPT_END_WEEK_DAY].value,
  };

  return window;
}
