/* kdcc-config-option.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The type of a Ceph option, as `config help` names it. */
typedef enum
{
  KDCC_CONFIG_TYPE_STR,
  KDCC_CONFIG_TYPE_BOOL,
  KDCC_CONFIG_TYPE_INT,
  KDCC_CONFIG_TYPE_UINT,
  KDCC_CONFIG_TYPE_FLOAT,
  KDCC_CONFIG_TYPE_SIZE,
  KDCC_CONFIG_TYPE_SECS,
  KDCC_CONFIG_TYPE_MILLISECS,
  KDCC_CONFIG_TYPE_ADDR,
  KDCC_CONFIG_TYPE_ADDRVEC,
  KDCC_CONFIG_TYPE_UUID,
} KdccConfigType;

/* basic first: the order the panel shows them in. */
typedef enum
{
  KDCC_CONFIG_LEVEL_BASIC,
  KDCC_CONFIG_LEVEL_ADVANCED,
  KDCC_CONFIG_LEVEL_DEV,
  KDCC_CONFIG_LEVEL_UNKNOWN,
} KdccConfigLevel;

KdccConfigType   kdcc_config_type_from_string   (const char *type);
const char      *kdcc_config_type_to_string     (KdccConfigType type);
KdccConfigLevel  kdcc_config_level_from_string  (const char *level);
const char      *kdcc_config_level_to_string    (KdccConfigLevel level);

/* One value stored in the config database (`config dump`): for SECTION
 * ("global", "osd", "osd.3") and MASK ("", "class:ssd", "host:node1").
 * Properties (read-only): name, section, mask, who ("osd/class:ssd"),
 * value. */
#define KDCC_TYPE_CONFIG_VALUE (kdcc_config_value_get_type ())

G_DECLARE_FINAL_TYPE (KdccConfigValue, kdcc_config_value, KDCC, CONFIG_VALUE, GObject)

KdccConfigValue *kdcc_config_value_new         (const char      *name,
                                                const char      *section,
                                                const char      *mask,
                                                const char      *value);
const char      *kdcc_config_value_get_name    (KdccConfigValue *self);
const char      *kdcc_config_value_get_section (KdccConfigValue *self);
const char      *kdcc_config_value_get_mask    (KdccConfigValue *self);
const char      *kdcc_config_value_get_value   (KdccConfigValue *self);
/* SECTION, or SECTION/MASK: the WHO `config set` takes. */
const char      *kdcc_config_value_get_who     (KdccConfigValue *self);

/* One option the cluster knows, with its metadata (`config help NAME`) and
 * the values stored for it (`config dump`).
 *
 * Read-only properties: name, option-type (KdccConfigType), level
 * (KdccConfigLevel), description, long-description, default-value,
 * daemon-default, min, max (text; "" when none), enum-values, see-also,
 * services, tags, flags (GStrv), runtime (can_update_at_runtime), service
 * (the group the panel files it under: "global", "mon", "mgr", "osd",
 * "mds", "client", "rgw" or "other"), values (a GListModel of
 * KdccConfigValue), n-values and changed (TRUE when any value is stored:
 * changed from the default). values, n-values and changed notify when
 * kdcc_config_option_set_values() changes them. */
#define KDCC_TYPE_CONFIG_OPTION (kdcc_config_option_get_type ())

G_DECLARE_FINAL_TYPE (KdccConfigOption, kdcc_config_option, KDCC, CONFIG_OPTION, GObject)

KdccConfigOption *kdcc_config_option_new                 (const char        *name,
                                                          KdccConfigType     type,
                                                          KdccConfigLevel    level);
/* Builders for the parsers; used before the option is shared. */
void              kdcc_config_option_set_texts           (KdccConfigOption  *self,
                                                          const char        *description,
                                                          const char        *long_description,
                                                          const char        *default_value,
                                                          const char        *daemon_default);
void              kdcc_config_option_set_range           (KdccConfigOption  *self,
                                                          const char        *min,
                                                          const char        *max);
void              kdcc_config_option_set_lists           (KdccConfigOption  *self,
                                                          const char * const *enum_values,
                                                          const char * const *see_also,
                                                          const char * const *services,
                                                          const char * const *tags,
                                                          const char * const *flags);
void              kdcc_config_option_set_runtime         (KdccConfigOption  *self,
                                                          gboolean           runtime);

const char       *kdcc_config_option_get_name            (KdccConfigOption  *self);
KdccConfigType    kdcc_config_option_get_option_type     (KdccConfigOption  *self);
KdccConfigLevel   kdcc_config_option_get_level           (KdccConfigOption  *self);
const char       *kdcc_config_option_get_description     (KdccConfigOption  *self);
const char       *kdcc_config_option_get_long_description (KdccConfigOption *self);
const char       *kdcc_config_option_get_default_value   (KdccConfigOption  *self);
const char       *kdcc_config_option_get_daemon_default  (KdccConfigOption  *self);
const char       *kdcc_config_option_get_min             (KdccConfigOption  *self);
const char       *kdcc_config_option_get_max             (KdccConfigOption  *self);
const char * const *kdcc_config_option_get_enum_values   (KdccConfigOption  *self);
const char * const *kdcc_config_option_get_see_also      (KdccConfigOption  *self);
const char * const *kdcc_config_option_get_services      (KdccConfigOption  *self);
const char * const *kdcc_config_option_get_tags          (KdccConfigOption  *self);
const char * const *kdcc_config_option_get_flags         (KdccConfigOption  *self);
gboolean          kdcc_config_option_get_runtime         (KdccConfigOption  *self);
const char       *kdcc_config_option_get_service         (KdccConfigOption  *self);

GListModel       *kdcc_config_option_get_values          (KdccConfigOption  *self);
guint             kdcc_config_option_get_n_values        (KdccConfigOption  *self);
gboolean          kdcc_config_option_get_changed         (KdccConfigOption  *self);
/* Replaces the stored values (KdccConfigValue, NULL for none); notifies
 * only when they differ from the current ones. */
void              kdcc_config_option_set_values          (KdccConfigOption  *self,
                                                          GPtrArray         *values);
/* The value stored for exactly WHO, or NULL. */
const char       *kdcc_config_option_lookup_value        (KdccConfigOption  *self,
                                                          const char        *who);

/* Case-insensitive match of every word of QUERY in the name, the
 * description or the long description; "" matches all. QUERY must be
 * lower case already (g_utf8_strdown), so a keystroke costs no
 * allocation per option. */
gboolean          kdcc_config_option_matches             (KdccConfigOption  *self,
                                                          const char        *query);

/* Checks VALUE as Ceph would parse it for this option's type (bool as
 * true/false or an integer; int and uint with an optional SI suffix K M G
 * T P E; size with IEC suffixes K Ki KB KiB ...; secs as a duration "1h
 * 30m", "30s" or plain seconds; float; addr; uuid; enum values for str),
 * then against min and max. Fails with KDCC_ERROR_INVALID_INPUT and a
 * translated message naming the option and the problem. */
gboolean          kdcc_config_option_check_value         (KdccConfigOption  *self,
                                                          const char        *value,
                                                          GError           **error);

/* The parsers behind check_value, for editors and tests. Each returns
 * FALSE for text Ceph would refuse. */
gboolean          kdcc_config_parse_bool                 (const char        *text,
                                                          gboolean          *out);
gboolean          kdcc_config_parse_si_int               (const char        *text,
                                                          gboolean           is_unsigned,
                                                          gint64            *out);
gboolean          kdcc_config_parse_size                 (const char        *text,
                                                          guint64           *out);
gboolean          kdcc_config_parse_duration             (const char        *text,
                                                          gint64            *seconds);
gboolean          kdcc_config_parse_float                (const char        *text,
                                                          double            *out);
gboolean          kdcc_config_parse_addr                 (const char        *text);
/* Whether two texts are the same value for this option's type ("1" and
 * "true" for a bool, "4K" and "4096" for a size, "60" and "1m" for secs). */
gboolean          kdcc_config_option_values_equal        (KdccConfigOption  *self,
                                                          const char        *a,
                                                          const char        *b);

G_END_DECLS
