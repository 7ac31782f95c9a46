/* kdcc-kube-item.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-kube-item"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdcc-error.h"
#include "kdcc-json.h"
#include "kdcc-kube-item.h"

struct _KdccKubeItem
{
  GObject   parent_instance;

  char     *kind;
  char     *namespace;
  char     *name;
  char     *status;
  gboolean  healthy;
  char     *ready;
  guint     restarts;
  char     *node;
  char     *image;
  char     *age;
  gint64    created;
  char     *detail;
  char     *component;
  GStrv     containers;
  char     *rook_version;
  char     *ceph_version;
};

G_DEFINE_FINAL_TYPE (KdccKubeItem, kdcc_kube_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_NAMESPACE,
  PROP_NAME,
  PROP_STATUS,
  PROP_HEALTHY,
  PROP_READY,
  PROP_RESTARTS,
  PROP_NODE,
  PROP_IMAGE,
  PROP_AGE,
  PROP_CREATED,
  PROP_DETAIL,
  PROP_COMPONENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kdcc_kube_item_finalize (GObject *object)
{
  KdccKubeItem *self = (KdccKubeItem *) object;

  g_free (self->kind);
  g_free (self->namespace);
  g_free (self->name);
  g_free (self->status);
  g_free (self->ready);
  g_free (self->node);
  g_free (self->image);
  g_free (self->age);
  g_free (self->detail);
  g_free (self->component);
  g_strfreev (self->containers);
  g_free (self->rook_version);
  g_free (self->ceph_version);

  G_OBJECT_CLASS (kdcc_kube_item_parent_class)->finalize (object);
}

static void
kdcc_kube_item_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  KdccKubeItem *self = KDCC_KUBE_ITEM (object);

  switch (prop_id)
    {
    case PROP_KIND: g_value_set_string (value, self->kind); break;
    case PROP_NAMESPACE: g_value_set_string (value, self->namespace); break;
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_STATUS: g_value_set_string (value, self->status); break;
    case PROP_HEALTHY: g_value_set_boolean (value, self->healthy); break;
    case PROP_READY: g_value_set_string (value, self->ready); break;
    case PROP_RESTARTS: g_value_set_uint (value, self->restarts); break;
    case PROP_NODE: g_value_set_string (value, self->node); break;
    case PROP_IMAGE: g_value_set_string (value, self->image); break;
    case PROP_AGE: g_value_set_string (value, self->age); break;
    case PROP_CREATED: g_value_set_int64 (value, self->created); break;
    case PROP_DETAIL: g_value_set_string (value, self->detail); break;
    case PROP_COMPONENT: g_value_set_string (value, self->component); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_kube_item_class_init (KdccKubeItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = kdcc_kube_item_finalize;
  object_class->get_property = kdcc_kube_item_get_property;

  properties[PROP_KIND] = g_param_spec_string ("kind", NULL, NULL, NULL, flags);
  properties[PROP_NAMESPACE] = g_param_spec_string ("namespace", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_STATUS] = g_param_spec_string ("status", NULL, NULL, NULL, flags);
  properties[PROP_HEALTHY] = g_param_spec_boolean ("healthy", NULL, NULL, FALSE, flags);
  properties[PROP_READY] = g_param_spec_string ("ready", NULL, NULL, NULL, flags);
  properties[PROP_RESTARTS] = g_param_spec_uint ("restarts", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_NODE] = g_param_spec_string ("node", NULL, NULL, NULL, flags);
  properties[PROP_IMAGE] = g_param_spec_string ("image", NULL, NULL, NULL, flags);
  properties[PROP_AGE] = g_param_spec_string ("age", NULL, NULL, NULL, flags);
  properties[PROP_CREATED] = g_param_spec_int64 ("created", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_DETAIL] = g_param_spec_string ("detail", NULL, NULL, NULL, flags);
  properties[PROP_COMPONENT] = g_param_spec_string ("component", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The tables bind every model item's "changed" (kdcc-table.c); an item
   * never changes (a change on the server is a new item), so it is never
   * emitted. */
  g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                G_TYPE_NONE, 0);
}

static void
kdcc_kube_item_init (KdccKubeItem *self)
{
}

char *
kdcc_kube_format_age (gint64 seconds)
{
  if (seconds < 0)
    seconds = 0;
  if (seconds < 120)
    return g_strdup_printf ("%" G_GINT64_FORMAT "s", seconds);
  if (seconds < 2 * 3600)
    return g_strdup_printf ("%" G_GINT64_FORMAT "m", seconds / 60);
  if (seconds < 2 * 86400)
    return g_strdup_printf ("%" G_GINT64_FORMAT "h", seconds / 3600);
  return g_strdup_printf ("%" G_GINT64_FORMAT "d", seconds / 86400);
}

static const char *
label (JsonObject *metadata,
       const char *key)
{
  return kdcc_json_find_string (kdcc_json_find_object (metadata, "labels"), key);
}

/* "Ready=True, Progressing=False (ReconcileFailed)" */
static void
append_conditions (GString   *out,
                   JsonArray *conditions)
{
  for (guint i = 0; conditions != NULL && i < json_array_get_length (conditions); i++)
    {
      JsonObject *c = kdcc_json_as_object (json_array_get_element (conditions, i));
      const char *type = kdcc_json_find_string (c, "type");
      const char *reason = kdcc_json_find_string (c, "reason");

      if (type == NULL)
        continue;
      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append_printf (out, "%s=%s", type,
                              kdcc_json_find_string (c, "status")
                              ? kdcc_json_find_string (c, "status") : "?");
      if (reason != NULL)
        g_string_append_printf (out, " (%s)", reason);
    }
}

static void
parse_custom_resource (KdccKubeItem *self,
                       JsonObject   *object)
{
  JsonObject *status = kdcc_json_find_object (object, "status");
  const char *phase = kdcc_json_find_string (status, "phase");
  const char *message = kdcc_json_find_string (status, "message");
  g_autoptr(GString) detail = g_string_new (NULL);

  self->status = g_strdup (phase ? phase : "Unknown");
  self->healthy = g_strcmp0 (phase, "Ready") == 0 || g_strcmp0 (phase, "Connected") == 0;
  self->ready = g_strdup ("");
  append_conditions (detail, kdcc_json_find_array (status, "conditions"));
  if (message != NULL)
    g_string_append_printf (detail, "%s%s", detail->len > 0 ? "; " : "", message);
  self->detail = g_string_free (g_steal_pointer (&detail), FALSE);
}

static void
parse_pod (KdccKubeItem *self,
           JsonObject   *object,
           JsonObject   *metadata)
{
  JsonObject *spec = kdcc_json_find_object (object, "spec");
  JsonObject *status = kdcc_json_find_object (object, "status");
  JsonArray *containers = kdcc_json_find_array (spec, "containers");
  JsonArray *statuses = kdcc_json_find_array (status, "containerStatuses");
  const char *phase = kdcc_json_find_string (status, "phase");
  const char *daemon_type = label (metadata, "ceph_daemon_type");
  const char *daemon_id = label (metadata, "ceph_daemon_id");
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  const char *waiting = NULL;
  guint n_containers = containers ? json_array_get_length (containers) : 0;
  guint n_ready = 0;

  for (guint i = 0; i < n_containers; i++)
    {
      JsonObject *c = kdcc_json_as_object (json_array_get_element (containers, i));

      if (kdcc_json_find_string (c, "name") != NULL)
        g_strv_builder_add (names, kdcc_json_find_string (c, "name"));
      if (self->image == NULL)
        self->image = g_strdup (kdcc_json_find_string (c, "image"));
    }
  for (guint i = 0; statuses != NULL && i < json_array_get_length (statuses); i++)
    {
      JsonObject *cs = kdcc_json_as_object (json_array_get_element (statuses, i));
      JsonObject *state = kdcc_json_find_object (cs, "state");

      if (kdcc_json_find_number (cs, "ready", 0) != 0)
        n_ready++;
      self->restarts += (guint) MAX (kdcc_json_find_number (cs, "restartCount", 0), 0);
      if (waiting == NULL)
        waiting = kdcc_json_find_string (kdcc_json_find_object (state, "waiting"), "reason");
    }

  self->containers = g_strv_builder_end (names);
  self->node = g_strdup (kdcc_json_find_string (spec, "nodeName"));
  /* The reason a container waits says more than the pod's phase: a crash
   * loop is "Running" to the pod. */
  self->status = g_strdup (waiting ? waiting : (phase ? phase : "Unknown"));
  self->healthy = g_strcmp0 (phase, "Running") == 0 && waiting == NULL &&
                  n_containers > 0 && n_ready == n_containers;
  self->ready = g_strdup_printf ("%u/%u", n_ready, n_containers);
  if (daemon_type != NULL && daemon_id != NULL)
    self->detail = g_strdup_printf ("%s.%s", daemon_type, daemon_id);
  else
    self->detail = g_strdup ("");
}

static void
parse_deployment (KdccKubeItem *self,
                  JsonObject   *object,
                  JsonObject   *metadata)
{
  JsonObject *spec = kdcc_json_find_object (object, "spec");
  JsonObject *status = kdcc_json_find_object (object, "status");
  JsonObject *pod_spec = kdcc_json_find_object (kdcc_json_find_object (spec, "template"), "spec");
  JsonArray *containers = kdcc_json_find_array (pod_spec, "containers");
  /* An unset replicas is 1, as the API server defaults it. */
  double wanted = kdcc_json_find_number (spec, "replicas", 1);
  double available = kdcc_json_find_number (status, "availableReplicas", 0);
  double ready = kdcc_json_find_number (status, "readyReplicas", 0);
  g_autoptr(GString) detail = g_string_new (NULL);

  if (containers != NULL && json_array_get_length (containers) > 0)
    self->image = g_strdup (kdcc_json_find_string (
      kdcc_json_as_object (json_array_get_element (containers, 0)), "image"));
  self->rook_version = g_strdup (label (metadata, "rook-version"));
  self->ceph_version = g_strdup (label (metadata, "ceph-version"));
  self->healthy = available >= wanted;
  self->status = g_strdup (self->healthy ? "Available" : "Unavailable");
  self->ready = g_strdup_printf ("%.0f/%.0f", ready, wanted);
  if (self->rook_version != NULL)
    g_string_append_printf (detail, "rook-version=%s", self->rook_version);
  if (self->ceph_version != NULL)
    g_string_append_printf (detail, "%sceph-version=%s", detail->len ? ", " : "",
                            self->ceph_version);
  self->detail = g_string_free (g_steal_pointer (&detail), FALSE);
}

KdccKubeItem *
kdcc_kube_item_new_from_json (JsonObject  *object,
                              gint64       now,
                              GError     **error)
{
  g_autoptr(KdccKubeItem) self = NULL;
  JsonObject *metadata = kdcc_json_find_object (object, "metadata");
  const char *name = kdcc_json_find_string (metadata, "name");
  const char *kind = kdcc_json_find_string (object, "kind");
  const char *created = kdcc_json_find_string (metadata, "creationTimestamp");
  const char *component = label (metadata, "app");

  if (name == NULL)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_PARSE,
                   _("A Kubernetes %s has no metadata.name"), kind ? kind : _("object"));
      return NULL;
    }

  self = g_object_new (KDCC_TYPE_KUBE_ITEM, NULL);
  self->kind = g_strdup (kind ? kind : "");
  self->namespace = g_strdup (kdcc_json_find_string (metadata, "namespace"));
  self->name = g_strdup (name);
  self->component = g_strdup (component ? component : "");
  if (created != NULL)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (created, NULL);

      if (dt != NULL)
        self->created = g_date_time_to_unix (dt);
    }
  self->age = self->created > 0 ? kdcc_kube_format_age (now - self->created) : g_strdup ("");

  if (g_strcmp0 (kind, "Pod") == 0)
    parse_pod (self, object, metadata);
  else if (g_strcmp0 (kind, "Deployment") == 0)
    parse_deployment (self, object, metadata);
  else
    parse_custom_resource (self, object);
  if (self->containers == NULL)
    self->containers = g_new0 (char *, 1);
  if (self->node == NULL)
    self->node = g_strdup ("");
  if (self->image == NULL)
    self->image = g_strdup ("");
  return g_steal_pointer (&self);
}

#define GETTER(type, field) \
  type kdcc_kube_item_get_##field (KdccKubeItem *self) \
  { \
    g_return_val_if_fail (KDCC_IS_KUBE_ITEM (self), 0); \
    return self->field; \
  }

GETTER (const char *, kind)
GETTER (const char *, namespace)
GETTER (const char *, name)
GETTER (const char *, status)
GETTER (gboolean, healthy)
GETTER (const char *, ready)
GETTER (guint, restarts)
GETTER (const char *, node)
GETTER (const char *, image)
GETTER (const char *, age)
GETTER (gint64, created)
GETTER (const char *, detail)
GETTER (const char *, component)
GETTER (const char *, rook_version)
GETTER (const char *, ceph_version)

const char * const *
kdcc_kube_item_get_containers (KdccKubeItem *self)
{
  g_return_val_if_fail (KDCC_IS_KUBE_ITEM (self), NULL);
  return (const char * const *) self->containers;
}
