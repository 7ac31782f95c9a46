/* kdcc-staged-change.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One staged change, and operations as the staging file stores them.
 */
#define G_LOG_DOMAIN "kdcc-staging"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "kdcc-staging-private.h"

const char *
kdcc_staged_state_to_string (KdccStagedState state)
{
  switch (state)
    {
    case KDCC_STAGED_PENDING: return "pending";
    case KDCC_STAGED_VERIFIED: return "verified";
    case KDCC_STAGED_DIFFERS: return "differs";
    case KDCC_STAGED_UNVERIFIED: return "unverified";
    case KDCC_STAGED_FAILED: return "failed";
    case KDCC_STAGED_ROLLED_BACK: return "rolled-back";
    default: return "pending";
    }
}

static KdccStagedState
state_from_string (const char *text)
{
  for (int s = KDCC_STAGED_PENDING; s <= KDCC_STAGED_ROLLED_BACK; s++)
    if (g_strcmp0 (text, kdcc_staged_state_to_string (s)) == 0)
      return s;
  return KDCC_STAGED_PENDING;
}

/* ------------------------------------------------------------------------
 * Operations as JSON */

static const char * const kind_names[] = {
  [KDCC_OPERATION_CONFIG_SET] = "config-set",
  [KDCC_OPERATION_CONFIG_RM] = "config-rm",
  [KDCC_OPERATION_OSD_FLAG_SET] = "osd-flag-set",
  [KDCC_OPERATION_OSD_FLAG_UNSET] = "osd-flag-unset",
  [KDCC_OPERATION_POOL_SET] = "pool-set",
  [KDCC_OPERATION_OSD_IN] = "osd-in",
  [KDCC_OPERATION_OSD_OUT] = "osd-out",
  [KDCC_OPERATION_OSD_REWEIGHT] = "osd-reweight",
  [KDCC_OPERATION_HEALTH_MUTE] = "health-mute",
  [KDCC_OPERATION_HEALTH_UNMUTE] = "health-unmute",
  [KDCC_OPERATION_POOL_SET_QUOTA] = "pool-set-quota",
  [KDCC_OPERATION_POOL_APP_ENABLE] = "pool-application-enable",
  [KDCC_OPERATION_POOL_APP_DISABLE] = "pool-application-disable",
  [KDCC_OPERATION_OSD_PRIMARY_AFFINITY] = "osd-primary-affinity",
  [KDCC_OPERATION_PG_DEEP_SCRUB] = "pg-deep-scrub",
  [KDCC_OPERATION_SSO_SETUP_SAML2] = "sso-setup-saml2",
  [KDCC_OPERATION_SSO_DISABLE] = "sso-disable",
  [KDCC_OPERATION_DASHBOARD_USER_CREATE] = "dashboard-user-create",
  [KDCC_OPERATION_DASHBOARD_USER_DELETE] = "dashboard-user-delete",
  [KDCC_OPERATION_DASHBOARD_USER_SET_ROLES] = "dashboard-user-set-roles",
  [KDCC_OPERATION_REQUIRE_OSD_RELEASE] = "require-osd-release",
  [KDCC_OPERATION_NOAUTOSCALE_SET] = "noautoscale-set",
  [KDCC_OPERATION_NOAUTOSCALE_UNSET] = "noautoscale-unset",
};

void
_kdcc_json_add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

JsonNode *
kdcc_operation_to_json_node (KdccOperation *operation)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  KdccOperationKind kind = kdcc_operation_get_kind (operation);
  const char *modes[] = { "unknown", "runtime", "restart" };

  json_builder_begin_object (builder);
  _kdcc_json_add_string (builder, "kind", kind_names[kind]);
  _kdcc_json_add_string (builder, "target", kdcc_operation_get_target (operation));
  _kdcc_json_add_string (builder, "key", kdcc_operation_get_key (operation));
  _kdcc_json_add_string (builder, "value", kdcc_operation_get_value (operation));
  if (kdcc_operation_get_osd_id (operation) >= 0)
    {
      json_builder_set_member_name (builder, "osd_id");
      json_builder_add_int_value (builder, kdcc_operation_get_osd_id (operation));
    }
  if (kind == KDCC_OPERATION_OSD_REWEIGHT || kind == KDCC_OPERATION_OSD_PRIMARY_AFFINITY)
    {
      json_builder_set_member_name (builder, "weight");
      json_builder_add_double_value (builder, kdcc_operation_get_weight (operation));
    }
  _kdcc_json_add_string (builder, "ttl", kdcc_operation_get_ttl (operation));
  if (kind == KDCC_OPERATION_HEALTH_MUTE)
    {
      json_builder_set_member_name (builder, "sticky");
      json_builder_add_boolean_value (builder, kdcc_operation_get_sticky (operation));
    }
  if (kdcc_operation_get_args (operation) != NULL)
    {
      const char * const *args = kdcc_operation_get_args (operation);

      json_builder_set_member_name (builder, "args");
      json_builder_begin_array (builder);
      for (guint i = 0; args[i] != NULL; i++)
        json_builder_add_string_value (builder, args[i]);
      json_builder_end_array (builder);
    }
  _kdcc_json_add_string (builder, "apply_mode", modes[kdcc_operation_get_apply_mode (operation)]);
  _kdcc_json_add_string (builder, "restart_who", kdcc_operation_get_restart_who (operation));
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* The Dashboard SSO and account operations keep their further arguments
 * in "args". */
static KdccOperation *
_kdcc_operation_sso_from_json (const char *kind,
                               const char *target,
                               const char *key,
                               const char *value,
                               JsonObject *o)
{
  JsonNode *node = json_object_get_member (o, "args");
  g_autoptr(GPtrArray) args = g_ptr_array_new ();

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
      {
        JsonNode *element = json_array_get_element (json_node_get_array (node), i);

        if (JSON_NODE_HOLDS_VALUE (element)
            && json_node_get_value_type (element) == G_TYPE_STRING)
          g_ptr_array_add (args, (gpointer) json_node_get_string (element));
      }
  g_ptr_array_add (args, NULL);

  if (g_str_equal (kind, "sso-setup-saml2") && target && key && args->len == 4)
    return kdcc_operation_new_sso_setup_saml2 (target, key, value, g_ptr_array_index (args, 0),
                                               g_ptr_array_index (args, 1),
                                               g_ptr_array_index (args, 2));
  if (g_str_equal (kind, "sso-disable"))
    return kdcc_operation_new_sso_disable ();
  if (g_str_equal (kind, "dashboard-user-create") && target)
    return kdcc_operation_new_dashboard_user_create (target, value);
  if (g_str_equal (kind, "dashboard-user-delete") && target)
    return kdcc_operation_new_dashboard_user_delete (target);
  if (g_str_equal (kind, "dashboard-user-set-roles") && target)
    return kdcc_operation_new_dashboard_user_set_roles (target,
                                                        (const char * const *) args->pdata);
  return NULL;
}

KdccOperation *
kdcc_operation_new_from_json (JsonNode *node)
{
  JsonObject *o;
  const char *kind, *target, *key, *value, *mode;
  gint64 osd_id;
  KdccOperation *operation = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  o = json_node_get_object (node);
  kind = json_object_get_string_member_with_default (o, "kind", "");
  target = json_object_get_string_member_with_default (o, "target", NULL);
  key = json_object_get_string_member_with_default (o, "key", NULL);
  value = json_object_get_string_member_with_default (o, "value", NULL);
  osd_id = json_object_get_int_member_with_default (o, "osd_id", -1);

  if (g_str_equal (kind, "config-set") && target && key && value)
    operation = kdcc_operation_new_config_set (target, key, value);
  else if (g_str_equal (kind, "config-rm") && target && key)
    operation = kdcc_operation_new_config_rm (target, key);
  else if (g_str_equal (kind, "osd-flag-set") && key)
    operation = kdcc_operation_new_osd_flag (key, TRUE);
  else if (g_str_equal (kind, "osd-flag-unset") && key)
    operation = kdcc_operation_new_osd_flag (key, FALSE);
  else if (g_str_equal (kind, "pool-set") && target && key && value)
    operation = kdcc_operation_new_pool_set (target, key, value);
  else if (g_str_equal (kind, "osd-in") && osd_id >= 0)
    operation = kdcc_operation_new_osd_in (osd_id);
  else if (g_str_equal (kind, "osd-out") && osd_id >= 0)
    operation = kdcc_operation_new_osd_out (osd_id);
  else if (g_str_equal (kind, "osd-reweight") && osd_id >= 0)
    operation = kdcc_operation_new_osd_reweight (osd_id,
                                                 json_object_get_double_member_with_default (
                                                   o, "weight", 1.0));
  else if (g_str_equal (kind, "osd-primary-affinity") && osd_id >= 0)
    operation = kdcc_operation_new_osd_primary_affinity (
      osd_id, json_object_get_double_member_with_default (o, "weight", 1.0));
  else if (g_str_equal (kind, "pool-set-quota") && target && key && value)
    operation = kdcc_operation_new_pool_set_quota (target, key, value);
  else if (g_str_equal (kind, "pool-application-enable") && target && key)
    operation = kdcc_operation_new_pool_application (target, key, TRUE);
  else if (g_str_equal (kind, "pool-application-disable") && target && key)
    operation = kdcc_operation_new_pool_application (target, key, FALSE);
  else if (g_str_equal (kind, "health-mute") && target)
    operation = kdcc_operation_new_health_mute (target,
                                                json_object_get_string_member_with_default (
                                                  o, "ttl", NULL),
                                                json_object_get_boolean_member_with_default (
                                                  o, "sticky", FALSE));
  else if (g_str_equal (kind, "health-unmute") && target)
    operation = kdcc_operation_new_health_unmute (target);
  else if (g_str_equal (kind, "pg-deep-scrub") && target)
    operation = kdcc_operation_new_pg_deep_scrub (target);
  else if (g_str_has_prefix (kind, "sso-") || g_str_has_prefix (kind, "dashboard-user-"))
    operation = _kdcc_operation_sso_from_json (kind, target, key, value, o);
  else if (g_str_equal (kind, "require-osd-release") && value)
    operation = kdcc_operation_new_require_osd_release (value);
  else if (g_str_equal (kind, "noautoscale-set") || g_str_equal (kind, "noautoscale-unset"))
    operation = kdcc_operation_new_noautoscale (g_str_equal (kind, "noautoscale-set"));

  if (operation == NULL)
    return NULL;
  mode = json_object_get_string_member_with_default (o, "apply_mode", "unknown");
  if (g_str_equal (mode, "runtime"))
    kdcc_operation_set_apply_mode (operation, KDCC_APPLY_MODE_RUNTIME, NULL);
  else if (g_str_equal (mode, "restart"))
    kdcc_operation_set_apply_mode (operation, KDCC_APPLY_MODE_RESTART,
                                   json_object_get_string_member_with_default (o, "restart_who",
                                                                               NULL));
  return operation;
}

/* ------------------------------------------------------------------------
 * KdccStagedChange */

G_DEFINE_FINAL_TYPE (KdccStagedChange, kdcc_staged_change, G_TYPE_OBJECT)

enum {
  CPROP_0,
  CPROP_OPERATION,
  CPROP_TARGET,
  CPROP_CLI,
  CPROP_OLD_VALUE,
  CPROP_NEW_VALUE,
  CPROP_APPLY_MODE,
  CPROP_RESTART_WHO,
  CPROP_RISK,
  CPROP_RISK_REASON,
  CPROP_CONFIRMATION,
  CPROP_STAGED_AT,
  CPROP_DRIFTED,
  CPROP_CURRENT_VALUE,
  CPROP_STATE,
  CPROP_MESSAGE,
  N_CPROPS
};

static GParamSpec *change_properties[N_CPROPS];

static void
kdcc_staged_change_finalize (GObject *object)
{
  KdccStagedChange *self = KDCC_STAGED_CHANGE (object);

  g_clear_object (&self->operation);
  g_clear_object (&self->inverse);
  g_free (self->cli);
  g_free (self->old_value);
  g_free (self->confirmation);
  g_clear_pointer (&self->staged_at, g_date_time_unref);
  g_free (self->current_value);
  g_free (self->message);
  G_OBJECT_CLASS (kdcc_staged_change_parent_class)->finalize (object);
}

static void
kdcc_staged_change_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  KdccStagedChange *self = KDCC_STAGED_CHANGE (object);

  switch (prop_id)
    {
    case CPROP_OPERATION: g_value_set_object (value, self->operation); break;
    case CPROP_TARGET: g_value_set_string (value, kdcc_operation_get_target (self->operation)); break;
    case CPROP_CLI: g_value_set_string (value, self->cli); break;
    case CPROP_OLD_VALUE: g_value_set_string (value, self->old_value); break;
    case CPROP_NEW_VALUE: g_value_set_string (value, kdcc_staged_change_get_new_value (self)); break;
    case CPROP_APPLY_MODE: g_value_set_int (value, kdcc_operation_get_apply_mode (self->operation)); break;
    case CPROP_RESTART_WHO: g_value_set_string (value, kdcc_staged_change_get_restart_who (self)); break;
    case CPROP_RISK: g_value_set_int (value, kdcc_operation_get_risk (self->operation)); break;
    case CPROP_RISK_REASON: g_value_set_string (value, kdcc_operation_get_risk_reason (self->operation)); break;
    case CPROP_CONFIRMATION: g_value_set_string (value, self->confirmation); break;
    case CPROP_STAGED_AT: g_value_set_boxed (value, self->staged_at); break;
    case CPROP_DRIFTED: g_value_set_boolean (value, self->drifted); break;
    case CPROP_CURRENT_VALUE: g_value_set_string (value, self->current_value); break;
    case CPROP_STATE: g_value_set_int (value, self->state); break;
    case CPROP_MESSAGE: g_value_set_string (value, self->message); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_staged_change_class_init (KdccStagedChangeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  const char *strings[] = { "target", "cli", "old-value", "new-value", "restart-who",
                            "risk-reason", "confirmation", "current-value", "message" };
  const guint string_ids[] = { CPROP_TARGET, CPROP_CLI, CPROP_OLD_VALUE, CPROP_NEW_VALUE,
                               CPROP_RESTART_WHO, CPROP_RISK_REASON, CPROP_CONFIRMATION,
                               CPROP_CURRENT_VALUE, CPROP_MESSAGE };

  object_class->finalize = kdcc_staged_change_finalize;
  object_class->get_property = kdcc_staged_change_get_property;

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    change_properties[string_ids[i]] = g_param_spec_string (strings[i], NULL, NULL, NULL, ro);
  change_properties[CPROP_OPERATION] = g_param_spec_object ("operation", NULL, NULL,
                                                            KDCC_TYPE_OPERATION, ro);
  change_properties[CPROP_APPLY_MODE] = g_param_spec_int ("apply-mode", NULL, NULL, 0, 2, 0, ro);
  change_properties[CPROP_RISK] = g_param_spec_int ("risk", NULL, NULL, 0, 2, 0, ro);
  change_properties[CPROP_STAGED_AT] = g_param_spec_boxed ("staged-at", NULL, NULL,
                                                           G_TYPE_DATE_TIME, ro);
  change_properties[CPROP_DRIFTED] = g_param_spec_boolean ("drifted", NULL, NULL, FALSE, ro);
  change_properties[CPROP_STATE] = g_param_spec_int ("state", NULL, NULL, 0,
                                                     KDCC_STAGED_ROLLED_BACK, 0, ro);
  g_object_class_install_properties (object_class, N_CPROPS, change_properties);
}

static void
kdcc_staged_change_init (KdccStagedChange *self)
{
}

KdccStagedChange *
_kdcc_staged_change_new (KdccOperation *operation,
                         gboolean       has_old_value,
                         const char    *old_value,
                         const char    *confirmation)
{
  KdccStagedChange *self = g_object_new (KDCC_TYPE_STAGED_CHANGE, NULL);

  self->operation = g_object_ref (operation);
  self->cli = kdcc_operation_dup_cli_equivalent (operation);
  self->has_old_value = has_old_value;
  self->old_value = g_strdup (old_value);
  self->confirmation = confirmation != NULL && *confirmation != '\0' ? g_strdup (confirmation)
                                                                     : NULL;
  self->staged_at = g_date_time_new_now_utc ();
  return self;
}

KdccOperation *kdcc_staged_change_get_operation (KdccStagedChange *self) { return self->operation; }
const char *kdcc_staged_change_get_cli (KdccStagedChange *self) { return self->cli; }
const char *kdcc_staged_change_get_old_value (KdccStagedChange *self) { return self->old_value; }
const char *kdcc_staged_change_get_confirmation (KdccStagedChange *self) { return self->confirmation; }
gboolean kdcc_staged_change_get_drifted (KdccStagedChange *self) { return self->drifted; }
const char *kdcc_staged_change_get_current_value (KdccStagedChange *self) { return self->current_value; }
KdccStagedState kdcc_staged_change_get_state (KdccStagedChange *self) { return self->state; }
const char *kdcc_staged_change_get_message (KdccStagedChange *self) { return self->message; }
KdccOperation *kdcc_staged_change_get_inverse (KdccStagedChange *self) { return self->inverse; }

const char *
kdcc_staged_change_get_new_value (KdccStagedChange *self)
{
  return kdcc_operation_get_expected_value (self->operation);
}

gboolean
kdcc_staged_change_needs_restart (KdccStagedChange *self)
{
  return kdcc_operation_get_apply_mode (self->operation) == KDCC_APPLY_MODE_RESTART;
}

const char *
kdcc_staged_change_get_restart_who (KdccStagedChange *self)
{
  if (!kdcc_staged_change_needs_restart (self))
    return NULL;
  if (kdcc_operation_get_restart_who (self->operation) != NULL)
    return kdcc_operation_get_restart_who (self->operation);
  return kdcc_operation_get_target (self->operation);
}

void
_kdcc_staged_change_set_drift (KdccStagedChange *self,
                               gboolean          drifted,
                               const char       *current_value)
{
  if (g_strcmp0 (self->current_value, current_value) != 0)
    {
      g_free (self->current_value);
      self->current_value = g_strdup (current_value);
      g_object_notify_by_pspec (G_OBJECT (self), change_properties[CPROP_CURRENT_VALUE]);
    }
  if (self->drifted != !!drifted)
    {
      self->drifted = !!drifted;
      g_object_notify_by_pspec (G_OBJECT (self), change_properties[CPROP_DRIFTED]);
    }
}

void
_kdcc_staged_change_set_state (KdccStagedChange *self,
                               KdccStagedState   state,
                               const char       *message)
{
  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), change_properties[CPROP_STATE]);
    }
  if (g_strcmp0 (self->message, message) != 0)
    {
      g_free (self->message);
      self->message = g_strdup (message);
      g_object_notify_by_pspec (G_OBJECT (self), change_properties[CPROP_MESSAGE]);
    }
}

void
_kdcc_staged_change_set_inverse (KdccStagedChange *self,
                                 KdccOperation    *inverse)
{
  g_set_object (&self->inverse, inverse);
}

gboolean
_kdcc_staging_same_value (const char *a,
                          const char *b)
{
  char *end_a = NULL, *end_b = NULL;
  double x, y;

  if (a == NULL || b == NULL)
    return a == b;
  if (g_str_equal (a, b))
    return TRUE;
  x = g_ascii_strtod (a, &end_a);
  y = g_ascii_strtod (b, &end_b);
  if (end_a == a || end_b == b || *end_a != '\0' || *end_b != '\0')
    return FALSE;
  return fabs (x - y) <= 1e-6 * MAX (1.0, MAX (fabs (x), fabs (y)));
}

JsonNode *
_kdcc_staged_change_to_json (KdccStagedChange *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *staged_at = g_date_time_format_iso8601 (self->staged_at);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "operation");
  json_builder_add_value (builder, kdcc_operation_to_json_node (self->operation));
  json_builder_set_member_name (builder, "cli");
  json_builder_add_string_value (builder, self->cli);
  json_builder_set_member_name (builder, "has_old_value");
  json_builder_add_boolean_value (builder, self->has_old_value);
  _kdcc_json_add_string (builder, "old_value", self->old_value);
  _kdcc_json_add_string (builder, "confirmation", self->confirmation);
  _kdcc_json_add_string (builder, "staged_at", staged_at);
  _kdcc_json_add_string (builder, "state", kdcc_staged_state_to_string (self->state));
  _kdcc_json_add_string (builder, "message", self->message);
  if (kdcc_staged_change_needs_restart (self))
    _kdcc_json_add_string (builder, "restart", kdcc_staged_change_get_restart_who (self));
  if (self->inverse != NULL)
    {
      json_builder_set_member_name (builder, "inverse");
      json_builder_add_value (builder, kdcc_operation_to_json_node (self->inverse));
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

KdccStagedChange *
_kdcc_staged_change_from_json (JsonNode *node)
{
  g_autoptr(KdccOperation) operation = NULL;
  g_autoptr(KdccOperation) inverse = NULL;
  KdccStagedChange *self;
  JsonObject *o;
  const char *staged_at;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  o = json_node_get_object (node);
  operation = kdcc_operation_new_from_json (json_object_get_member (o, "operation"));
  if (operation == NULL)
    return NULL;
  self = _kdcc_staged_change_new (operation,
                                  json_object_get_boolean_member_with_default (o, "has_old_value",
                                                                               FALSE),
                                  json_object_get_string_member_with_default (o, "old_value", NULL),
                                  json_object_get_string_member_with_default (o, "confirmation",
                                                                              NULL));
  staged_at = json_object_get_string_member_with_default (o, "staged_at", NULL);
  if (staged_at != NULL)
    {
      GDateTime *time = g_date_time_new_from_iso8601 (staged_at, NULL);

      if (time != NULL)
        {
          g_date_time_unref (self->staged_at);
          self->staged_at = time;
        }
    }
  self->state = state_from_string (json_object_get_string_member_with_default (o, "state", NULL));
  self->message = g_strdup (json_object_get_string_member_with_default (o, "message", NULL));
  if (json_object_has_member (o, "inverse"))
    inverse = kdcc_operation_new_from_json (json_object_get_member (o, "inverse"));
  _kdcc_staged_change_set_inverse (self, inverse);
  return self;
}

