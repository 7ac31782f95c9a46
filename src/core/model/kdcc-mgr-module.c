/* kdcc-mgr-module.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-mgr-module"

#include "config.h"

#include "kdcc-model-private.h"
#include "kdcc-mgr-module.h"

struct _KdccMgrModule
{
  GObject parent_instance;

  char *name;
  gboolean enabled;
  gboolean always_on;
  gboolean can_run;
  gboolean failed;
  char *error;
};

G_DEFINE_FINAL_TYPE (KdccMgrModule, kdcc_mgr_module, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_ENABLED,
  PROP_ALWAYS_ON,
  PROP_CAN_RUN,
  PROP_FAILED,
  PROP_ERROR,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
kdcc_mgr_module_finalize (GObject *object)
{
  KdccMgrModule *self = (KdccMgrModule *) object;

  g_free (self->name);
  g_free (self->error);

  G_OBJECT_CLASS (kdcc_mgr_module_parent_class)->finalize (object);
}

static void
kdcc_mgr_module_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  KdccMgrModule *self = KDCC_MGR_MODULE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_ENABLED:
      g_value_set_boolean (value, self->enabled);
      break;
    case PROP_ALWAYS_ON:
      g_value_set_boolean (value, self->always_on);
      break;
    case PROP_CAN_RUN:
      g_value_set_boolean (value, self->can_run);
      break;
    case PROP_FAILED:
      g_value_set_boolean (value, self->failed);
      break;
    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_mgr_module_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  KdccMgrModule *self = KDCC_MGR_MODULE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_mgr_module_class_init (KdccMgrModuleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = kdcc_mgr_module_finalize;
  object_class->get_property = kdcc_mgr_module_get_property;
  object_class->set_property = kdcc_mgr_module_set_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ENABLED] = g_param_spec_boolean ("enabled", NULL, NULL, FALSE, ro);
  properties[PROP_ALWAYS_ON] = g_param_spec_boolean ("always-on", NULL, NULL, FALSE, ro);
  properties[PROP_CAN_RUN] = g_param_spec_boolean ("can-run", NULL, NULL, TRUE, ro);
  properties[PROP_FAILED] = g_param_spec_boolean ("failed", NULL, NULL, FALSE, ro);
  properties[PROP_ERROR] = g_param_spec_string ("error", NULL, NULL, NULL, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
kdcc_mgr_module_init (KdccMgrModule *self)
{
  self->can_run = TRUE;
}

KdccMgrModule *
kdcc_mgr_module_new (const char *name)
{
  return g_object_new (KDCC_TYPE_MGR_MODULE, "name", name, NULL);
}

const char *
kdcc_mgr_module_get_name (KdccMgrModule *self)
{
  g_return_val_if_fail (KDCC_IS_MGR_MODULE (self), NULL);
  return self->name;
}

gboolean
kdcc_mgr_module_get_enabled (KdccMgrModule *self)
{
  g_return_val_if_fail (KDCC_IS_MGR_MODULE (self), FALSE);
  return self->enabled;
}

gboolean
kdcc_mgr_module_get_always_on (KdccMgrModule *self)
{
  g_return_val_if_fail (KDCC_IS_MGR_MODULE (self), FALSE);
  return self->always_on;
}

gboolean
kdcc_mgr_module_get_can_run (KdccMgrModule *self)
{
  g_return_val_if_fail (KDCC_IS_MGR_MODULE (self), FALSE);
  return self->can_run;
}

gboolean
kdcc_mgr_module_get_failed (KdccMgrModule *self)
{
  g_return_val_if_fail (KDCC_IS_MGR_MODULE (self), FALSE);
  return self->failed;
}

const char *
kdcc_mgr_module_get_error (KdccMgrModule *self)
{
  g_return_val_if_fail (KDCC_IS_MGR_MODULE (self), NULL);
  return self->error;
}

gboolean
kdcc_mgr_module_update (KdccMgrModule *self,
                       const KdccMgrModuleData *data)
{
  gboolean changed = FALSE;
  gboolean frozen = FALSE;

  g_return_val_if_fail (KDCC_IS_MGR_MODULE (self), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  KDCC_UPDATE_SCALAR (enabled, !!data->enabled, PROP_ENABLED);
  KDCC_UPDATE_SCALAR (always_on, !!data->always_on, PROP_ALWAYS_ON);
  KDCC_UPDATE_SCALAR (can_run, !!data->can_run, PROP_CAN_RUN);
  KDCC_UPDATE_SCALAR (failed, !!data->failed, PROP_FAILED);
  KDCC_UPDATE_STRING (error, data->error, PROP_ERROR);
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
  const KdccMgrModuleData *data = element;

  if (data->name == NULL)
    return FALSE;
  key->string = data->name;
  return TRUE;
}

static void
list_item_key (gpointer     item,
               KdccListKey *key)
{
  key->string = ((KdccMgrModule *) item)->name;
}

static gpointer
list_create (gconstpointer element)
{
  return kdcc_mgr_module_new (((KdccMgrModuleData *) element)->name);
}

static void
list_update (gpointer      item,
             gconstpointer element)
{
  kdcc_mgr_module_update (item, element);
}

static int
list_compare (gconstpointer a,
              gconstpointer b)
{
  return g_strcmp0 (((const KdccMgrModuleData *) a)->name, ((const KdccMgrModuleData *) b)->name);
}

const KdccListSync kdcc_mgr_module_list_sync = {
  .key_kind = KDCC_LIST_KEY_STRING,
  .element_key = list_element_key,
  .item_key = list_item_key,
  .create = list_create,
  .update = list_update,
  .compare = list_compare,
};
