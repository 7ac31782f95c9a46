/* kdcc-health-check.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-health-check"

#include "config.h"

#include "kdcc-enums.h"
#include "kdcc-health-check.h"
#include "kdcc-model-private.h"

#include <string.h>

struct _KdccHealthCheck
{
  GObject           parent_instance;

  char             *code;
  KdccHealthStatus  severity;
  char             *summary;
  char            **detail;
  char             *detail_text;
  gboolean          muted;
  gint64            count;
};

G_DEFINE_FINAL_TYPE (KdccHealthCheck, kdcc_health_check, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CODE,
  PROP_SEVERITY,
  PROP_SUMMARY,
  PROP_DETAIL,
  PROP_DETAIL_TEXT,
  PROP_MUTED,
  PROP_COUNT,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
kdcc_health_check_finalize (GObject *object)
{
  KdccHealthCheck *self = (KdccHealthCheck *) object;

  g_free (self->code);
  g_free (self->summary);
  g_strfreev (self->detail);
  g_free (self->detail_text);

  G_OBJECT_CLASS (kdcc_health_check_parent_class)->finalize (object);
}

static void
kdcc_health_check_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  KdccHealthCheck *self = KDCC_HEALTH_CHECK (object);

  switch (prop_id)
    {
    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;
    case PROP_SEVERITY:
      g_value_set_enum (value, self->severity);
      break;
    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;
    case PROP_DETAIL:
      g_value_set_boxed (value, self->detail);
      break;
    case PROP_DETAIL_TEXT:
      g_value_set_string (value, self->detail_text);
      break;
    case PROP_MUTED:
      g_value_set_boolean (value, self->muted);
      break;
    case PROP_COUNT:
      g_value_set_int64 (value, self->count);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_health_check_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  KdccHealthCheck *self = KDCC_HEALTH_CHECK (object);

  switch (prop_id)
    {
    case PROP_CODE:
      self->code = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_health_check_class_init (KdccHealthCheckClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = kdcc_health_check_finalize;
  object_class->get_property = kdcc_health_check_get_property;
  object_class->set_property = kdcc_health_check_set_property;

  properties[PROP_CODE] =
    g_param_spec_string ("code", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEVERITY] =
    g_param_spec_enum ("severity", NULL, NULL, KDCC_TYPE_HEALTH_STATUS, KDCC_HEALTH_UNKNOWN, ro);
  properties[PROP_SUMMARY] = g_param_spec_string ("summary", NULL, NULL, NULL, ro);
  properties[PROP_DETAIL] = g_param_spec_boxed ("detail", NULL, NULL, G_TYPE_STRV, ro);
  properties[PROP_DETAIL_TEXT] = g_param_spec_string ("detail-text", NULL, NULL, "", ro);
  properties[PROP_MUTED] = g_param_spec_boolean ("muted", NULL, NULL, FALSE, ro);
  properties[PROP_COUNT] = g_param_spec_int64 ("count", NULL, NULL, -1, G_MAXINT64, -1, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
kdcc_health_check_init (KdccHealthCheck *self)
{
  self->detail = g_new0 (char *, 1);
  self->detail_text = g_strdup ("");
  self->count = -1;
}

KdccHealthCheck *
kdcc_health_check_new (const char *code)
{
  return g_object_new (KDCC_TYPE_HEALTH_CHECK, "code", code, NULL);
}

const char *
kdcc_health_check_get_code (KdccHealthCheck *self)
{
  g_return_val_if_fail (KDCC_IS_HEALTH_CHECK (self), NULL);
  return self->code;
}

KdccHealthStatus
kdcc_health_check_get_severity (KdccHealthCheck *self)
{
  g_return_val_if_fail (KDCC_IS_HEALTH_CHECK (self), KDCC_HEALTH_UNKNOWN);
  return self->severity;
}

const char *
kdcc_health_check_get_summary (KdccHealthCheck *self)
{
  g_return_val_if_fail (KDCC_IS_HEALTH_CHECK (self), NULL);
  return self->summary;
}

const char * const *
kdcc_health_check_get_detail (KdccHealthCheck *self)
{
  g_return_val_if_fail (KDCC_IS_HEALTH_CHECK (self), NULL);
  return (const char * const *) self->detail;
}

const char *
kdcc_health_check_get_detail_text (KdccHealthCheck *self)
{
  g_return_val_if_fail (KDCC_IS_HEALTH_CHECK (self), NULL);
  return self->detail_text;
}

gboolean
kdcc_health_check_get_muted (KdccHealthCheck *self)
{
  g_return_val_if_fail (KDCC_IS_HEALTH_CHECK (self), FALSE);
  return self->muted;
}

gint64
kdcc_health_check_get_count (KdccHealthCheck *self)
{
  g_return_val_if_fail (KDCC_IS_HEALTH_CHECK (self), -1);
  return self->count;
}

gboolean
kdcc_health_check_update (KdccHealthCheck           *self,
                          const KdccHealthCheckData *data)
{
  gboolean changed = FALSE;
  gboolean frozen = FALSE;

  g_return_val_if_fail (KDCC_IS_HEALTH_CHECK (self), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  KDCC_UPDATE_SCALAR (severity, data->severity, PROP_SEVERITY);
  KDCC_UPDATE_STRING (summary, data->summary, PROP_SUMMARY);
  if (!_kdcc_strv_equals_array ((const char * const *) self->detail, data->detail))
    {
      g_strfreev (self->detail);
      self->detail = _kdcc_strv_from_array (data->detail);
      g_free (self->detail_text);
      self->detail_text = g_strjoinv ("\n", self->detail);
      KDCC_NOTIFY (PROP_DETAIL);
      KDCC_NOTIFY (PROP_DETAIL_TEXT);
      changed = TRUE;
    }
  KDCC_UPDATE_SCALAR (muted, !!data->muted, PROP_MUTED);
  KDCC_UPDATE_SCALAR (count, data->count, PROP_COUNT);
  KDCC_UPDATE_END ();

  if (changed)
    g_signal_emit (self, signals[CHANGED], 0);

  return changed;
}

/* List sync --------------------------------------------------------------- */

static gboolean
list_element_key (gconstpointer  element,
                  KdccListKey   *key)
{
  key->string = ((const KdccHealthCheckData *) element)->code;
  return key->string != NULL;
}

static void
list_item_key (gpointer     item,
               KdccListKey *key)
{
  key->string = kdcc_health_check_get_code (item);
}

static gpointer
list_create (gconstpointer element)
{
  return kdcc_health_check_new (((const KdccHealthCheckData *) element)->code);
}

static void
list_update (gpointer      item,
             gconstpointer element)
{
  kdcc_health_check_update (item, element);
}

static int
list_compare (gconstpointer a,
              gconstpointer b)
{
  const KdccHealthCheckData *x = a;
  const KdccHealthCheckData *y = b;

  if (x->severity != y->severity)
    return x->severity > y->severity ? -1 : 1;
  return g_strcmp0 (x->code, y->code);
}

const KdccListSync kdcc_health_check_list_sync = {
  .key_kind = KDCC_LIST_KEY_STRING,
  .element_key = list_element_key,
  .item_key = list_item_key,
  .create = list_create,
  .update = list_update,
  .compare = list_compare,
};

gboolean
kdcc_health_detail_is_overflow (const char *line,
                                guint64    *n_more)
{
  const char *p = line;
  guint64 n = 0;

  if (n_more != NULL)
    *n_more = 0;
  if (line == NULL)
    return FALSE;

  if (g_str_equal (line, "(additional pgs left out for brevity)"))
    return TRUE;

  /* "<N> more <things>... ", with or without the trailing space. */
  if (!g_ascii_isdigit (*p))
    return FALSE;
  for (; g_ascii_isdigit (*p); p++)
    {
      if (n > (G_MAXUINT64 - 9) / 10)
        return FALSE;
      n = n * 10 + (guint64) (*p - '0');
    }
  if (!g_str_has_prefix (p, " more "))
    return FALSE;
  p += strlen (" more ");
  if (!g_ascii_islower (*p))
    return FALSE;
  while (g_ascii_islower (*p))
    p++;
  if (!g_str_has_prefix (p, "..."))
    return FALSE;
  for (p += 3; *p == ' '; p++)
    ;
  if (*p != '\0')
    return FALSE;

  if (n_more != NULL)
    *n_more = n;
  return TRUE;
}

guint
kdcc_health_detail_count_lines (const char * const *detail,
                                gboolean           *has_overflow,
                                guint64            *n_more)
{
  guint n = detail != NULL ? g_strv_length ((char **) detail) : 0;
  /* Only the last line: "...more pgs affected" in the middle of
   * PG_SLOW_SNAP_TRIMMING's lines is followed by more detail. */
  gboolean overflow = n > 0 && kdcc_health_detail_is_overflow (detail[n - 1], n_more);

  if (!overflow && n_more != NULL)
    *n_more = 0;
  if (has_overflow != NULL)
    *has_overflow = overflow;

  return overflow ? n - 1 : n;
}
