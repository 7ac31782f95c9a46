/* kdcc-config-option.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An option's metadata never changes while the catalog holds it; only its
 * stored values do (a refresh of `config dump`), so only those notify.
 */
#define G_LOG_DOMAIN "kdcc-config-option"

#include "config.h"

#include <string.h>

#include "kdcc-config-option.h"

/* ------------------------------------------------------------------------
 * Names */

static const char * const type_names[] = {
  [KDCC_CONFIG_TYPE_STR] = "str",
  [KDCC_CONFIG_TYPE_BOOL] = "bool",
  [KDCC_CONFIG_TYPE_INT] = "int",
  [KDCC_CONFIG_TYPE_UINT] = "uint",
  [KDCC_CONFIG_TYPE_FLOAT] = "float",
  [KDCC_CONFIG_TYPE_SIZE] = "size",
  [KDCC_CONFIG_TYPE_SECS] = "secs",
  [KDCC_CONFIG_TYPE_MILLISECS] = "millisecs",
  [KDCC_CONFIG_TYPE_ADDR] = "addr",
  [KDCC_CONFIG_TYPE_ADDRVEC] = "addrvec",
  [KDCC_CONFIG_TYPE_UUID] = "uuid",
};

static const char * const level_names[] = {
  [KDCC_CONFIG_LEVEL_BASIC] = "basic",
  [KDCC_CONFIG_LEVEL_ADVANCED] = "advanced",
  [KDCC_CONFIG_LEVEL_DEV] = "dev",
  [KDCC_CONFIG_LEVEL_UNKNOWN] = "unknown",
};

KdccConfigType
kdcc_config_type_from_string (const char *type)
{
  for (guint i = 0; type != NULL && i < G_N_ELEMENTS (type_names); i++)
    if (g_str_equal (type, type_names[i]))
      return i;
  /* Anything new is edited as text; the mon still validates it. */
  return KDCC_CONFIG_TYPE_STR;
}

const char *
kdcc_config_type_to_string (KdccConfigType type)
{
  return type < G_N_ELEMENTS (type_names) ? type_names[type] : "str";
}

KdccConfigLevel
kdcc_config_level_from_string (const char *level)
{
  for (guint i = 0; level != NULL && i < G_N_ELEMENTS (level_names); i++)
    if (g_str_equal (level, level_names[i]))
      return i;
  return KDCC_CONFIG_LEVEL_UNKNOWN;
}

const char *
kdcc_config_level_to_string (KdccConfigLevel level)
{
  return level < G_N_ELEMENTS (level_names) ? level_names[level] : "unknown";
}

/* ------------------------------------------------------------------------
 * KdccConfigValue */

struct _KdccConfigValue
{
  GObject  parent_instance;

  char    *name;
  char    *section;
  char    *mask;
  char    *who;
  char    *value;
};

G_DEFINE_FINAL_TYPE (KdccConfigValue, kdcc_config_value, G_TYPE_OBJECT)

enum {
  VPROP_0,
  VPROP_NAME,
  VPROP_SECTION,
  VPROP_MASK,
  VPROP_WHO,
  VPROP_VALUE,
  N_VPROPS
};

static GParamSpec *value_properties[N_VPROPS];

static void
kdcc_config_value_finalize (GObject *object)
{
  KdccConfigValue *self = KDCC_CONFIG_VALUE (object);

  g_free (self->name);
  g_free (self->section);
  g_free (self->mask);
  g_free (self->who);
  g_free (self->value);
  G_OBJECT_CLASS (kdcc_config_value_parent_class)->finalize (object);
}

static void
kdcc_config_value_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  KdccConfigValue *self = KDCC_CONFIG_VALUE (object);

  switch (prop_id)
    {
    case VPROP_NAME: g_value_set_string (value, self->name); break;
    case VPROP_SECTION: g_value_set_string (value, self->section); break;
    case VPROP_MASK: g_value_set_string (value, self->mask); break;
    case VPROP_WHO: g_value_set_string (value, self->who); break;
    case VPROP_VALUE: g_value_set_string (value, self->value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_config_value_class_init (KdccConfigValueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const char *names[N_VPROPS] = { NULL, "name", "section", "mask", "who", "value" };

  object_class->finalize = kdcc_config_value_finalize;
  object_class->get_property = kdcc_config_value_get_property;

  for (guint i = 1; i < N_VPROPS; i++)
    value_properties[i] = g_param_spec_string (names[i], NULL, NULL, NULL,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_VPROPS, value_properties);
}

static void
kdcc_config_value_init (KdccConfigValue *self)
{
}

KdccConfigValue *
kdcc_config_value_new (const char *name,
                       const char *section,
                       const char *mask,
                       const char *value)
{
  KdccConfigValue *self = g_object_new (KDCC_TYPE_CONFIG_VALUE, NULL);

  self->name = g_strdup (name != NULL ? name : "");
  self->section = g_strdup (section != NULL ? section : "global");
  self->mask = g_strdup (mask != NULL ? mask : "");
  self->who = self->mask[0] != '\0' ? g_strdup_printf ("%s/%s", self->section, self->mask)
                                    : g_strdup (self->section);
  self->value = g_strdup (value != NULL ? value : "");
  return self;
}

const char *kdcc_config_value_get_name (KdccConfigValue *self) { return self->name; }
const char *kdcc_config_value_get_section (KdccConfigValue *self) { return self->section; }
const char *kdcc_config_value_get_mask (KdccConfigValue *self) { return self->mask; }
const char *kdcc_config_value_get_value (KdccConfigValue *self) { return self->value; }
const char *kdcc_config_value_get_who (KdccConfigValue *self) { return self->who; }

/* ------------------------------------------------------------------------
 * KdccConfigOption */

struct _KdccConfigOption
{
  GObject          parent_instance;

  char            *name;
  KdccConfigType   type;
  KdccConfigLevel  level;
  char            *description;
  char            *long_description;
  char            *default_value;
  char            *daemon_default;
  char            *min;
  char            *max;
  GStrv            enum_values;
  GStrv            see_also;
  GStrv            services;
  GStrv            tags;
  GStrv            flags;
  gboolean         runtime;
  const char      *service;
  /* Lower-cased name and descriptions, for search without allocation. */
  char            *haystack;
  GListStore      *values;
};

G_DEFINE_FINAL_TYPE (KdccConfigOption, kdcc_config_option, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_OPTION_TYPE,
  PROP_LEVEL,
  PROP_DESCRIPTION,
  PROP_LONG_DESCRIPTION,
  PROP_DEFAULT_VALUE,
  PROP_DAEMON_DEFAULT,
  PROP_MIN,
  PROP_MAX,
  PROP_ENUM_VALUES,
  PROP_SEE_ALSO,
  PROP_SERVICES,
  PROP_TAGS,
  PROP_FLAGS,
  PROP_RUNTIME,
  PROP_SERVICE,
  PROP_VALUES,
  PROP_N_VALUES,
  PROP_CHANGED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kdcc_config_option_finalize (GObject *object)
{
  KdccConfigOption *self = KDCC_CONFIG_OPTION (object);

  g_free (self->name);
  g_free (self->description);
  g_free (self->long_description);
  g_free (self->default_value);
  g_free (self->daemon_default);
  g_free (self->min);
  g_free (self->max);
  g_strfreev (self->enum_values);
  g_strfreev (self->see_also);
  g_strfreev (self->services);
  g_strfreev (self->tags);
  g_strfreev (self->flags);
  g_free (self->haystack);
  g_clear_object (&self->values);
  G_OBJECT_CLASS (kdcc_config_option_parent_class)->finalize (object);
}

static void
kdcc_config_option_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  KdccConfigOption *self = KDCC_CONFIG_OPTION (object);

  switch (prop_id)
    {
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_OPTION_TYPE: g_value_set_int (value, self->type); break;
    case PROP_LEVEL: g_value_set_int (value, self->level); break;
    case PROP_DESCRIPTION: g_value_set_string (value, self->description); break;
    case PROP_LONG_DESCRIPTION: g_value_set_string (value, self->long_description); break;
    case PROP_DEFAULT_VALUE: g_value_set_string (value, self->default_value); break;
    case PROP_DAEMON_DEFAULT: g_value_set_string (value, self->daemon_default); break;
    case PROP_MIN: g_value_set_string (value, self->min); break;
    case PROP_MAX: g_value_set_string (value, self->max); break;
    case PROP_ENUM_VALUES: g_value_set_boxed (value, self->enum_values); break;
    case PROP_SEE_ALSO: g_value_set_boxed (value, self->see_also); break;
    case PROP_SERVICES: g_value_set_boxed (value, self->services); break;
    case PROP_TAGS: g_value_set_boxed (value, self->tags); break;
    case PROP_FLAGS: g_value_set_boxed (value, self->flags); break;
    case PROP_RUNTIME: g_value_set_boolean (value, self->runtime); break;
    case PROP_SERVICE: g_value_set_string (value, self->service); break;
    case PROP_VALUES: g_value_set_object (value, self->values); break;
    case PROP_N_VALUES: g_value_set_uint (value, kdcc_config_option_get_n_values (self)); break;
    case PROP_CHANGED: g_value_set_boolean (value, kdcc_config_option_get_changed (self)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_config_option_class_init (KdccConfigOptionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  const char *strings[] = { "name", "description", "long-description", "default-value",
                            "daemon-default", "min", "max", "service" };
  const guint string_ids[] = { PROP_NAME, PROP_DESCRIPTION, PROP_LONG_DESCRIPTION,
                               PROP_DEFAULT_VALUE, PROP_DAEMON_DEFAULT, PROP_MIN, PROP_MAX,
                               PROP_SERVICE };
  const char *lists[] = { "enum-values", "see-also", "services", "tags", "flags" };
  const guint list_ids[] = { PROP_ENUM_VALUES, PROP_SEE_ALSO, PROP_SERVICES, PROP_TAGS,
                             PROP_FLAGS };

  object_class->finalize = kdcc_config_option_finalize;
  object_class->get_property = kdcc_config_option_get_property;

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    properties[string_ids[i]] = g_param_spec_string (strings[i], NULL, NULL, NULL, ro);
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    properties[list_ids[i]] = g_param_spec_boxed (lists[i], NULL, NULL, G_TYPE_STRV, ro);
  /* Plain ints rather than registered enums keep the model free of
   * generated code; the values are KdccConfigType and KdccConfigLevel. */
  properties[PROP_OPTION_TYPE] = g_param_spec_int ("option-type", NULL, NULL, 0,
                                                   KDCC_CONFIG_TYPE_UUID, 0, ro);
  properties[PROP_LEVEL] = g_param_spec_int ("level", NULL, NULL, 0, KDCC_CONFIG_LEVEL_UNKNOWN,
                                             KDCC_CONFIG_LEVEL_UNKNOWN, ro);
  properties[PROP_RUNTIME] = g_param_spec_boolean ("runtime", NULL, NULL, TRUE, ro);
  properties[PROP_VALUES] = g_param_spec_object ("values", NULL, NULL, G_TYPE_LIST_MODEL, ro);
  properties[PROP_N_VALUES] = g_param_spec_uint ("n-values", NULL, NULL, 0, G_MAXUINT, 0,
                                                 ro | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CHANGED] = g_param_spec_boolean ("changed", NULL, NULL, FALSE,
                                                   ro | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kdcc_config_option_init (KdccConfigOption *self)
{
  self->values = g_list_store_new (KDCC_TYPE_CONFIG_VALUE);
  self->runtime = TRUE;
  self->service = "global";
}

static void
update_haystack (KdccConfigOption *self)
{
  g_autofree char *joined = g_strjoin ("\n", self->name,
                                       self->description != NULL ? self->description : "",
                                       self->long_description != NULL
                                         ? self->long_description : "",
                                       NULL);

  g_free (self->haystack);
  self->haystack = g_utf8_strdown (joined, -1);
}

KdccConfigOption *
kdcc_config_option_new (const char      *name,
                        KdccConfigType   type,
                        KdccConfigLevel  level)
{
  KdccConfigOption *self = g_object_new (KDCC_TYPE_CONFIG_OPTION, NULL);

  self->name = g_strdup (name);
  self->type = type;
  self->level = level;
  self->default_value = g_strdup ("");
  self->daemon_default = g_strdup ("");
  self->min = g_strdup ("");
  self->max = g_strdup ("");
  /* Module options ("mgr/dashboard/ssl") belong to the mgr. */
  if (g_str_has_prefix (name, "mgr/"))
    self->service = "mgr";
  update_haystack (self);
  return self;
}

void
kdcc_config_option_set_texts (KdccConfigOption *self,
                              const char       *description,
                              const char       *long_description,
                              const char       *default_value,
                              const char       *daemon_default)
{
  g_return_if_fail (KDCC_IS_CONFIG_OPTION (self));

  g_free (self->description);
  self->description = g_strdup (description);
  g_free (self->long_description);
  self->long_description = g_strdup (long_description);
  g_free (self->default_value);
  self->default_value = g_strdup (default_value != NULL ? default_value : "");
  g_free (self->daemon_default);
  self->daemon_default = g_strdup (daemon_default != NULL ? daemon_default : "");
  update_haystack (self);
}

void
kdcc_config_option_set_range (KdccConfigOption *self,
                              const char       *min,
                              const char       *max)
{
  g_free (self->min);
  self->min = g_strdup (min != NULL ? min : "");
  g_free (self->max);
  self->max = g_strdup (max != NULL ? max : "");
}

/* The group the panel files an option under: Ceph's services list names
 * "common" for what every daemon reads, and client-side libraries by
 * their own names. */
static const char *
service_group (const char * const *services,
               const char         *name)
{
  static const char * const groups[] = { "mon", "mgr", "osd", "mds", "rgw", NULL };

  if (g_str_has_prefix (name, "mgr/"))
    return "mgr";
  for (guint i = 0; services != NULL && services[i] != NULL; i++)
    {
      for (guint j = 0; groups[j] != NULL; j++)
        if (g_str_equal (services[i], groups[j]))
          return groups[j];
      if (g_str_equal (services[i], "mds_client") || g_str_equal (services[i], "rbd")
          || g_str_equal (services[i], "rbd-mirror") || g_str_equal (services[i], "cephfs-mirror")
          || g_str_equal (services[i], "immutable-objet-cache"))
        return "client";
    }
  /* Untagged options: the name's prefix is Ceph's own grouping. */
  for (guint j = 0; groups[j] != NULL; j++)
    {
      gsize len = strlen (groups[j]);

      if (strncmp (name, groups[j], len) == 0 && name[len] == '_')
        return groups[j];
    }
  if (g_str_has_prefix (name, "client_") || g_str_has_prefix (name, "rbd_")
      || g_str_has_prefix (name, "rados_"))
    return "client";
  return "global";
}

void
kdcc_config_option_set_lists (KdccConfigOption   *self,
                              const char * const *enum_values,
                              const char * const *see_also,
                              const char * const *services,
                              const char * const *tags,
                              const char * const *flags)
{
  g_strfreev (self->enum_values);
  self->enum_values = g_strdupv ((char **) enum_values);
  g_strfreev (self->see_also);
  self->see_also = g_strdupv ((char **) see_also);
  g_strfreev (self->services);
  self->services = g_strdupv ((char **) services);
  g_strfreev (self->tags);
  self->tags = g_strdupv ((char **) tags);
  g_strfreev (self->flags);
  self->flags = g_strdupv ((char **) flags);
  self->service = service_group (services, self->name);
}

void
kdcc_config_option_set_runtime (KdccConfigOption *self,
                                gboolean          runtime)
{
  self->runtime = !!runtime;
}

static const char * const empty_strv[] = { NULL };

#define STRV_OR_EMPTY(v) ((v) != NULL ? (const char * const *) (v) : empty_strv)

const char *kdcc_config_option_get_name (KdccConfigOption *self) { return self->name; }
KdccConfigType kdcc_config_option_get_option_type (KdccConfigOption *self) { return self->type; }
KdccConfigLevel kdcc_config_option_get_level (KdccConfigOption *self) { return self->level; }
const char *kdcc_config_option_get_description (KdccConfigOption *self) { return self->description; }
const char *kdcc_config_option_get_long_description (KdccConfigOption *self) { return self->long_description; }
const char *kdcc_config_option_get_default_value (KdccConfigOption *self) { return self->default_value; }
const char *kdcc_config_option_get_daemon_default (KdccConfigOption *self) { return self->daemon_default; }
const char *kdcc_config_option_get_min (KdccConfigOption *self) { return self->min; }
const char *kdcc_config_option_get_max (KdccConfigOption *self) { return self->max; }
const char * const *kdcc_config_option_get_enum_values (KdccConfigOption *self) { return STRV_OR_EMPTY (self->enum_values); }
const char * const *kdcc_config_option_get_see_also (KdccConfigOption *self) { return STRV_OR_EMPTY (self->see_also); }
const char * const *kdcc_config_option_get_services (KdccConfigOption *self) { return STRV_OR_EMPTY (self->services); }
const char * const *kdcc_config_option_get_tags (KdccConfigOption *self) { return STRV_OR_EMPTY (self->tags); }
const char * const *kdcc_config_option_get_flags (KdccConfigOption *self) { return STRV_OR_EMPTY (self->flags); }
gboolean kdcc_config_option_get_runtime (KdccConfigOption *self) { return self->runtime; }
const char *kdcc_config_option_get_service (KdccConfigOption *self) { return self->service; }
GListModel *kdcc_config_option_get_values (KdccConfigOption *self) { return G_LIST_MODEL (self->values); }

guint
kdcc_config_option_get_n_values (KdccConfigOption *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->values));
}

gboolean
kdcc_config_option_get_changed (KdccConfigOption *self)
{
  return kdcc_config_option_get_n_values (self) > 0;
}

static gboolean
same_values (KdccConfigOption *self,
             GPtrArray        *values)
{
  guint n = kdcc_config_option_get_n_values (self);

  if (n != (values != NULL ? values->len : 0))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KdccConfigValue) mine = g_list_model_get_item (G_LIST_MODEL (self->values), i);
      KdccConfigValue *theirs = g_ptr_array_index (values, i);

      if (!g_str_equal (mine->who, theirs->who) || !g_str_equal (mine->value, theirs->value))
        return FALSE;
    }
  return TRUE;
}

void
kdcc_config_option_set_values (KdccConfigOption *self,
                               GPtrArray        *values)
{
  guint before = kdcc_config_option_get_n_values (self);

  g_return_if_fail (KDCC_IS_CONFIG_OPTION (self));

  if (same_values (self, values))
    return;
  g_list_store_splice (self->values, 0, before,
                       values != NULL ? values->pdata : NULL, values != NULL ? values->len : 0);
  if (before != kdcc_config_option_get_n_values (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_VALUES]);
  if ((before > 0) != kdcc_config_option_get_changed (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHANGED]);
}

const char *
kdcc_config_option_lookup_value (KdccConfigOption *self,
                                 const char       *who)
{
  guint n = kdcc_config_option_get_n_values (self);

  for (guint i = 0; i < n; i++)
    {
      KdccConfigValue *value = g_list_model_get_item (G_LIST_MODEL (self->values), i);
      const char *found = g_str_equal (value->who, who) ? value->value : NULL;

      /* The store keeps its own reference. */
      g_object_unref (value);
      if (found != NULL)
        return found;
    }
  return NULL;
}

gboolean
kdcc_config_option_matches (KdccConfigOption *self,
                            const char       *query)
{
  const char *p = query;

  if (query == NULL || *query == '\0')
    return TRUE;

  /* Every space-separated word must appear somewhere. */
  while (*p != '\0')
    {
      const char *end;
      char word[128];
      gsize len;

      while (*p == ' ')
        p++;
      if (*p == '\0')
        break;
      end = strchr (p, ' ');
      len = end != NULL ? (gsize) (end - p) : strlen (p);
      if (len >= sizeof word)
        len = sizeof word - 1;
      memcpy (word, p, len);
      word[len] = '\0';
      if (strstr (self->haystack, word) == NULL)
        return FALSE;
      p += len;
    }
  return TRUE;
}
