/* kdcc-settings.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-settings"

#include "config.h"

#include "kdcc-settings.h"
#include "kdcc-snapshot.h"

struct _KdccSettings
{
  GObject    parent_instance;

  GSettings *settings;

  guint      refresh_interval;
  guint      heavy_refresh_interval;
  int        window_width;
  int        window_height;
  gboolean   window_maximized;
  gboolean   health_notifications;
  char      *last_profile;
  char      *color_scheme;
  guint      history_max_days;
  guint      history_max_mb;
  gboolean   version_service_enabled;
  char      *version_service_url;
};

G_DEFINE_FINAL_TYPE (KdccSettings, kdcc_settings, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_REFRESH_INTERVAL,
  PROP_HEAVY_REFRESH_INTERVAL,
  PROP_WINDOW_WIDTH,
  PROP_WINDOW_HEIGHT,
  PROP_WINDOW_MAXIMIZED,
  PROP_LAST_PROFILE,
  PROP_COLOR_SCHEME,
  PROP_HEALTH_NOTIFICATIONS,
  PROP_HISTORY_MAX_DAYS,
  PROP_HISTORY_MAX_MB,
  PROP_VERSION_SERVICE_ENABLED,
  PROP_VERSION_SERVICE_URL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_string (KdccSettings *self,
            char        **field,
            const char   *value,
            guint         prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

#define SET_SCALAR(self, field, value, prop) \
  G_STMT_START { \
    if ((self)->field != (value)) \
      { \
        (self)->field = (value); \
        g_object_notify_by_pspec (G_OBJECT (self), properties[prop]); \
      } \
  } G_STMT_END

static void
kdcc_settings_constructed (GObject *object)
{
  KdccSettings *self = (KdccSettings *)object;
  static const char *keys[] = {
    "refresh-interval", "heavy-refresh-interval", "window-width", "window-height",
    "window-maximized", "last-profile", "color-scheme", "health-notifications",
    "history-max-days", "history-max-mb", "version-service-enabled", "version-service-url",
  };

  G_OBJECT_CLASS (kdcc_settings_parent_class)->constructed (object);

  if (self->settings == NULL)
    {
      GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
      g_autoptr(GSettingsSchema) schema = NULL;

      if (source != NULL)
        schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);

      /* Running uninstalled without GSETTINGS_SCHEMA_DIR must not abort the
       * app: keep the defaults in memory for this session instead. */
      if (schema == NULL)
        {
          g_message ("GSettings schema %s is not installed; settings will not be saved", APP_ID);
          return;
        }

      self->settings = g_settings_new_full (schema, NULL, NULL);
    }

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_bind (self->settings, keys[i], self, keys[i], G_SETTINGS_BIND_DEFAULT);
}

static void
kdcc_settings_finalize (GObject *object)
{
  KdccSettings *self = (KdccSettings *)object;

  g_clear_object (&self->settings);
  g_clear_pointer (&self->last_profile, g_free);
  g_clear_pointer (&self->color_scheme, g_free);
  g_clear_pointer (&self->version_service_url, g_free);

  G_OBJECT_CLASS (kdcc_settings_parent_class)->finalize (object);
}

static void
kdcc_settings_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  KdccSettings *self = KDCC_SETTINGS (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_REFRESH_INTERVAL:
      g_value_set_uint (value, self->refresh_interval);
      break;
    case PROP_HEAVY_REFRESH_INTERVAL:
      g_value_set_uint (value, self->heavy_refresh_interval);
      break;
    case PROP_WINDOW_WIDTH:
      g_value_set_int (value, self->window_width);
      break;
    case PROP_WINDOW_HEIGHT:
      g_value_set_int (value, self->window_height);
      break;
    case PROP_WINDOW_MAXIMIZED:
      g_value_set_boolean (value, self->window_maximized);
      break;
    case PROP_LAST_PROFILE:
      g_value_set_string (value, self->last_profile);
      break;
    case PROP_COLOR_SCHEME:
      g_value_set_string (value, self->color_scheme);
      break;
    case PROP_HEALTH_NOTIFICATIONS:
      g_value_set_boolean (value, self->health_notifications);
      break;
    case PROP_HISTORY_MAX_DAYS:
      g_value_set_uint (value, self->history_max_days);
      break;
    case PROP_HISTORY_MAX_MB:
      g_value_set_uint (value, self->history_max_mb);
      break;
    case PROP_VERSION_SERVICE_ENABLED:
      g_value_set_boolean (value, self->version_service_enabled);
      break;
    case PROP_VERSION_SERVICE_URL:
      g_value_set_string (value, self->version_service_url);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_settings_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  KdccSettings *self = KDCC_SETTINGS (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    case PROP_REFRESH_INTERVAL:
      SET_SCALAR (self, refresh_interval, g_value_get_uint (value), prop_id);
      break;
    case PROP_HEAVY_REFRESH_INTERVAL:
      SET_SCALAR (self, heavy_refresh_interval, g_value_get_uint (value), prop_id);
      break;
    case PROP_WINDOW_WIDTH:
      SET_SCALAR (self, window_width, g_value_get_int (value), prop_id);
      break;
    case PROP_WINDOW_HEIGHT:
      SET_SCALAR (self, window_height, g_value_get_int (value), prop_id);
      break;
    case PROP_WINDOW_MAXIMIZED:
      SET_SCALAR (self, window_maximized, g_value_get_boolean (value), prop_id);
      break;
    case PROP_LAST_PROFILE:
      set_string (self, &self->last_profile, g_value_get_string (value), prop_id);
      break;
    case PROP_COLOR_SCHEME:
      set_string (self, &self->color_scheme, g_value_get_string (value), prop_id);
      break;
    case PROP_HEALTH_NOTIFICATIONS:
      SET_SCALAR (self, health_notifications, g_value_get_boolean (value), prop_id);
      break;
    case PROP_HISTORY_MAX_DAYS:
      SET_SCALAR (self, history_max_days, g_value_get_uint (value), prop_id);
      break;
    case PROP_HISTORY_MAX_MB:
      SET_SCALAR (self, history_max_mb, g_value_get_uint (value), prop_id);
      break;
    case PROP_VERSION_SERVICE_ENABLED:
      SET_SCALAR (self, version_service_enabled, g_value_get_boolean (value), prop_id);
      break;
    case PROP_VERSION_SERVICE_URL:
      set_string (self, &self->version_service_url, g_value_get_string (value), prop_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_settings_class_init (KdccSettingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = kdcc_settings_constructed;
  object_class->finalize = kdcc_settings_finalize;
  object_class->get_property = kdcc_settings_get_property;
  object_class->set_property = kdcc_settings_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /* Defaults and ranges match the schema, so the in-memory fallback behaves
   * like a fresh installation. */
  properties[PROP_REFRESH_INTERVAL] =
    g_param_spec_uint ("refresh-interval", NULL, NULL, 1, 3600, 5, rw);
  properties[PROP_HEAVY_REFRESH_INTERVAL] =
    g_param_spec_uint ("heavy-refresh-interval", NULL, NULL, 10, 3600, 60, rw);
  properties[PROP_WINDOW_WIDTH] =
    g_param_spec_int ("window-width", NULL, NULL, 360, G_MAXINT16, 1100, rw);
  properties[PROP_WINDOW_HEIGHT] =
    g_param_spec_int ("window-height", NULL, NULL, 294, G_MAXINT16, 760, rw);
  properties[PROP_WINDOW_MAXIMIZED] =
    g_param_spec_boolean ("window-maximized", NULL, NULL, FALSE, rw);
  properties[PROP_LAST_PROFILE] =
    g_param_spec_string ("last-profile", NULL, NULL, "", rw);
  properties[PROP_COLOR_SCHEME] =
    g_param_spec_string ("color-scheme", NULL, NULL, "default", rw);
  properties[PROP_HEALTH_NOTIFICATIONS] =
    g_param_spec_boolean ("health-notifications", NULL, NULL, TRUE, rw);
  properties[PROP_HISTORY_MAX_DAYS] =
    g_param_spec_uint ("history-max-days", NULL, NULL, 1, 3650, 30, rw);
  properties[PROP_HISTORY_MAX_MB] =
    g_param_spec_uint ("history-max-mb", NULL, NULL, 1, 100000, 100, rw);
  properties[PROP_VERSION_SERVICE_ENABLED] =
    g_param_spec_boolean ("version-service-enabled", NULL, NULL, FALSE, rw);
  properties[PROP_VERSION_SERVICE_URL] =
    g_param_spec_string ("version-service-url", NULL, NULL, "https://versions.koor.tech", rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kdcc_settings_init (KdccSettings *self)
{
  self->refresh_interval = 5;
  self->heavy_refresh_interval = 60;
  self->window_width = 1100;
  self->window_height = 760;
  self->last_profile = g_strdup ("");
  self->color_scheme = g_strdup ("default");
  self->health_notifications = TRUE;
  self->history_max_days = 30;
  self->history_max_mb = 100;
  self->version_service_url = g_strdup ("https://versions.koor.tech");
}

KdccSettings *
kdcc_settings_new (void)
{
  return g_object_new (KDCC_TYPE_SETTINGS, NULL);
}

KdccSettings *
kdcc_settings_new_for_settings (GSettings *settings)
{
  return g_object_new (KDCC_TYPE_SETTINGS, "settings", settings, NULL);
}

guint
kdcc_settings_get_refresh_interval (KdccSettings *self)
{
  g_return_val_if_fail (KDCC_IS_SETTINGS (self), 5);

  return self->refresh_interval;
}

guint
kdcc_settings_get_heavy_refresh_interval (KdccSettings *self)
{
  g_return_val_if_fail (KDCC_IS_SETTINGS (self), 60);

  return self->heavy_refresh_interval;
}

const char *
kdcc_settings_get_last_profile (KdccSettings *self)
{
  g_return_val_if_fail (KDCC_IS_SETTINGS (self), NULL);

  return self->last_profile;
}

void
kdcc_settings_set_last_profile (KdccSettings *self,
                                const char   *profile_id)
{
  g_return_if_fail (KDCC_IS_SETTINGS (self));

  set_string (self, &self->last_profile, profile_id ? profile_id : "", PROP_LAST_PROFILE);
}

const char *
kdcc_settings_get_color_scheme (KdccSettings *self)
{
  g_return_val_if_fail (KDCC_IS_SETTINGS (self), NULL);

  return self->color_scheme;
}

void
kdcc_settings_set_color_scheme (KdccSettings *self,
                                const char   *scheme)
{
  g_return_if_fail (KDCC_IS_SETTINGS (self));

  set_string (self, &self->color_scheme, scheme ? scheme : "default", PROP_COLOR_SCHEME);
}

void
kdcc_settings_get_window_state (KdccSettings *self,
                                int          *width,
                                int          *height,
                                gboolean     *maximized)
{
  g_return_if_fail (KDCC_IS_SETTINGS (self));

  if (width)
    *width = self->window_width;
  if (height)
    *height = self->window_height;
  if (maximized)
    *maximized = self->window_maximized;
}

void
kdcc_settings_set_window_state (KdccSettings *self,
                                int           width,
                                int           height,
                                gboolean      maximized)
{
  g_return_if_fail (KDCC_IS_SETTINGS (self));

  g_object_freeze_notify (G_OBJECT (self));
  /* Keep the last unmaximized size, so un-maximizing after a restart
   * returns to a sensible window. */
  if (!maximized)
    {
      SET_SCALAR (self, window_width, MAX (width, 360), PROP_WINDOW_WIDTH);
      SET_SCALAR (self, window_height, MAX (height, 294), PROP_WINDOW_HEIGHT);
    }
  SET_SCALAR (self, window_maximized, maximized, PROP_WINDOW_MAXIMIZED);
  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
kdcc_settings_get_health_notifications (KdccSettings *self)
{
  g_return_val_if_fail (KDCC_IS_SETTINGS (self), TRUE);

  return self->health_notifications;
}

void
kdcc_settings_set_health_notifications (KdccSettings *self,
                                        gboolean      enabled)
{
  g_return_if_fail (KDCC_IS_SETTINGS (self));

  SET_SCALAR (self, health_notifications, !!enabled, PROP_HEALTH_NOTIFICATIONS);
}

/* Not properties: nothing binds to them, and a{ss} has no GObject
 * counterpart worth the code. */
static GSettings *
get_gsettings (KdccSettings *self)
{
  return self->settings;
}

char *
kdcc_settings_dup_diagnostics_folder (KdccSettings *self)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (KDCC_IS_SETTINGS (self), NULL);

  path = g_settings_get_string (get_gsettings (self), "diagnostics-folder");
  return *path != '\0' ? g_steal_pointer (&path) : NULL;
}

void
kdcc_settings_set_diagnostics_folder (KdccSettings *self,
                                      const char   *path)
{
  g_return_if_fail (KDCC_IS_SETTINGS (self));

  g_settings_set_string (get_gsettings (self), "diagnostics-folder", path ? path : "");
}

int
kdcc_settings_get_profile_health (KdccSettings *self,
                                  const char   *profile_id)
{
  g_autoptr(GVariant) map = NULL;
  const char *value = NULL;

  g_return_val_if_fail (KDCC_IS_SETTINGS (self), KDCC_HEALTH_UNKNOWN);

  if (profile_id == NULL)
    return KDCC_HEALTH_UNKNOWN;
  map = g_settings_get_value (get_gsettings (self), "profile-health");
  if (!g_variant_lookup (map, profile_id, "&s", &value))
    return KDCC_HEALTH_UNKNOWN;

  return kdcc_health_status_from_string (value);
}

void
kdcc_settings_set_profile_health (KdccSettings *self,
                                  const char   *profile_id,
                                  int           health)
{
  g_autoptr(GVariant) map = NULL;
  GVariantBuilder builder;
  GVariantIter iter;
  const char *key, *value;

  g_return_if_fail (KDCC_IS_SETTINGS (self));
  g_return_if_fail (profile_id != NULL);

  if (kdcc_settings_get_profile_health (self, profile_id) == health)
    return;

  map = g_settings_get_value (get_gsettings (self), "profile-health");
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  g_variant_iter_init (&iter, map);
  while (g_variant_iter_next (&iter, "{&s&s}", &key, &value))
    if (!g_str_equal (key, profile_id))
      g_variant_builder_add (&builder, "{ss}", key, value);
  if (health != KDCC_HEALTH_UNKNOWN)
    g_variant_builder_add (&builder, "{ss}", profile_id,
                           kdcc_health_status_to_string ((KdccHealthStatus) health));
  g_settings_set_value (get_gsettings (self), "profile-health", g_variant_builder_end (&builder));
}

guint
kdcc_settings_get_history_max_days (KdccSettings *self)
{
  g_return_val_if_fail (KDCC_IS_SETTINGS (self), 30);

  return self->history_max_days;
}

guint
kdcc_settings_get_history_max_mb (KdccSettings *self)
{
  g_return_val_if_fail (KDCC_IS_SETTINGS (self), 100);

  return self->history_max_mb;
}

char *
kdcc_settings_dup_version_service (KdccSettings *self)
{
  g_return_val_if_fail (KDCC_IS_SETTINGS (self), NULL);

  if (!self->version_service_enabled || self->version_service_url == NULL ||
      self->version_service_url[0] == '\0')
    return NULL;
  return g_strdup (self->version_service_url);
}
