/* kdcc-setup-template.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The set-up templates' catalog and parameters. The catalog (data/
 * setup-templates.json) only gives each template its text, the objects it
 * makes and its defaults; the parameters, their types and the rules between
 * them live here, so that every template is checked by the same rules.
 */
#define G_LOG_DOMAIN "kdcc-setup"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "kdcc-core-resources.h"
#include "kdcc-error.h"
#include "kdcc-json.h"
#include "kdcc-setup-template.h"

#define TEMPLATES_RESOURCE "/tech/koor/DataControlCenter/core/setup-templates.json"

struct _KdccSetupTemplate
{
  char       *id;
  char       *title;
  char       *when;
  GStrv       objects;
  GHashTable *defaults;   /* key → value as text */
};

struct _KdccSetupParams
{
  KdccSetupTemplate *template;   /* a copy, so the params outlive the catalog */
  GHashTable        *values;
};

static const KdccSetupParamInfo param_infos[] = {
  { "name", KDCC_SETUP_PARAM_NAME, "rook-ceph", N_("Name of the CephCluster") },
  { "namespace", KDCC_SETUP_PARAM_NAME, "rook-ceph",
    N_("Namespace of the cluster (where the Rook operator watches)") },
  { "image", KDCC_SETUP_PARAM_STRING, "quay.io/ceph/ceph:v19.2.3", N_("Ceph container image") },
  { "nodes", KDCC_SETUP_PARAM_LIST, "",
    N_("Storage nodes by name, comma-separated (empty: every node)") },
  { "hosts", KDCC_SETUP_PARAM_INT, "3",
    N_("Number of storage hosts planned (used when no nodes are listed)") },
  { "device_filter", KDCC_SETUP_PARAM_STRING, "",
    N_("Regular expression of the devices OSDs may use, e.g. ^sd[b-d] (empty: every empty device)") },
  { "device_class", KDCC_SETUP_PARAM_STRING, "",
    N_("Device class of the data pools: hdd, ssd, nvme (empty: any)") },
  { "metadata_device_class", KDCC_SETUP_PARAM_STRING, "",
    N_("Device class of the filesystem's metadata pool (empty: any)") },
  { "failure_domain", KDCC_SETUP_PARAM_STRING, "host",
    N_("CRUSH failure domain of the pools: osd, host, zone") },
  { "replicas", KDCC_SETUP_PARAM_INT, "3", N_("Copies of each object in replicated pools (size)") },
  { "min_size", KDCC_SETUP_PARAM_INT, "2",
    N_("Copies that must be up for I/O to continue (min_size)") },
  { "ec_k", KDCC_SETUP_PARAM_INT, "4", N_("Erasure coding: data chunks (k)") },
  { "ec_m", KDCC_SETUP_PARAM_INT, "2", N_("Erasure coding: coding chunks (m)") },
  { "mon_count", KDCC_SETUP_PARAM_INT, "3", N_("Number of monitors (odd)") },
  { "mgr_count", KDCC_SETUP_PARAM_INT, "2", N_("Number of managers") },
  { "zones", KDCC_SETUP_PARAM_LIST, "", N_("Stretched cluster: the two data zones") },
  { "arbiter_zone", KDCC_SETUP_PARAM_STRING, "", N_("Stretched cluster: the arbiter zone") },
  { "mon_cpu", KDCC_SETUP_PARAM_QUANTITY, "", N_("CPU request of each monitor") },
  { "mon_memory", KDCC_SETUP_PARAM_QUANTITY, "", N_("Memory request of each monitor") },
  { "mgr_cpu", KDCC_SETUP_PARAM_QUANTITY, "", N_("CPU request of each manager") },
  { "mgr_memory", KDCC_SETUP_PARAM_QUANTITY, "", N_("Memory request of each manager") },
  { "osd_cpu", KDCC_SETUP_PARAM_QUANTITY, "", N_("CPU request of each OSD") },
  { "osd_memory", KDCC_SETUP_PARAM_QUANTITY, "", N_("Memory request of each OSD") },
  { "dashboard", KDCC_SETUP_PARAM_BOOL, "true", N_("Enable the Ceph dashboard") },
  { "monitoring", KDCC_SETUP_PARAM_BOOL, "false",
    N_("Enable Prometheus monitoring (needs the Prometheus operator's CRDs)") },
  { "pool", KDCC_SETUP_PARAM_NAME, "replicapool", N_("Name of the block pool") },
  { "filesystem", KDCC_SETUP_PARAM_NAME, "sharedfs", N_("Name of the filesystem") },
  { "object_store", KDCC_SETUP_PARAM_NAME, "s3-store", N_("Name of the object store") },
  { "storage_class", KDCC_SETUP_PARAM_NAME, "rook-ceph-block", N_("Name of the StorageClass") },
};

const KdccSetupParamInfo *
kdcc_setup_param_infos (guint *n_infos)
{
  *n_infos = G_N_ELEMENTS (param_infos);
  return param_infos;
}

const KdccSetupParamInfo *
kdcc_setup_param_lookup (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (param_infos); i++)
    if (g_str_equal (param_infos[i].key, key))
      return &param_infos[i];
  return NULL;
}

static void
template_free (KdccSetupTemplate *self)
{
  g_free (self->id);
  g_free (self->title);
  g_free (self->when);
  g_strfreev (self->objects);
  g_hash_table_unref (self->defaults);
  g_free (self);
}

static KdccSetupTemplate *
template_copy (const KdccSetupTemplate *other)
{
  KdccSetupTemplate *self = g_new0 (KdccSetupTemplate, 1);
  GHashTableIter iter;
  gpointer key, value;

  self->id = g_strdup (other->id);
  self->title = g_strdup (other->title);
  self->when = g_strdup (other->when);
  self->objects = g_strdupv (other->objects);
  self->defaults = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_iter_init (&iter, other->defaults);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (self->defaults, g_strdup (key), g_strdup (value));
  return self;
}

static gboolean
parse_error (GError    **error,
             const char *what)
{
  g_set_error (error, KDCC_ERROR, KDCC_ERROR_PARSE, _("set-up templates: %s"), what);
  return FALSE;
}

static gboolean check_value (const KdccSetupParamInfo  *info,
                             const char                *value,
                             GError                   **error);

static KdccSetupTemplate *
parse_template (JsonObject  *object,
                GError     **error)
{
  g_autoptr(GStrvBuilder) objects = g_strv_builder_new ();
  KdccSetupTemplate *self;
  JsonObject *defaults = kdcc_json_find_object (object, "defaults");
  JsonArray *list = kdcc_json_find_array (object, "objects");
  const char *id = kdcc_json_find_string (object, "id");
  const char *title = kdcc_json_find_string (object, "title");
  const char *when = kdcc_json_find_string (object, "when");
  g_autoptr(GList) members = NULL;

  if (id == NULL || title == NULL || when == NULL || list == NULL || defaults == NULL)
    {
      parse_error (error, _("a template lacks its id, title, when, objects or defaults"));
      return NULL;
    }

  self = g_new0 (KdccSetupTemplate, 1);
  self->id = g_strdup (id);
  self->title = g_strdup (title);
  self->when = g_strdup (when);
  self->defaults = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      const char *name = json_node_get_string (json_array_get_element (list, i));

      if (name != NULL)
        g_strv_builder_add (objects, name);
    }
  self->objects = g_strv_builder_end (objects);

  members = json_object_get_members (defaults);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (defaults, l->data);
      GType type = json_node_get_value_type (node);
      char *text;

      if (kdcc_setup_param_lookup (l->data) == NULL || !JSON_NODE_HOLDS_VALUE (node))
        {
          g_autofree char *what = g_strdup_printf (_("template “%s” has an unknown default “%s”"),
                                                   id, (const char *) l->data);
          parse_error (error, what);
          template_free (self);
          return NULL;
        }
      if (type == G_TYPE_INT64)
        text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      else if (type == G_TYPE_BOOLEAN)
        text = g_strdup (json_node_get_boolean (node) ? "true" : "false");
      else
        text = g_strdup (json_node_get_string (node));
      g_hash_table_insert (self->defaults, g_strdup (l->data), text);
      /* A shipped default obeys the rules a typed value does. */
      if (!check_value (kdcc_setup_param_lookup (l->data), text, error))
        {
          g_prefix_error (error, _("set-up templates: template “%s”: "), id);
          template_free (self);
          return NULL;
        }
    }
  return self;
}

GPtrArray *
kdcc_setup_templates_load (GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) templates = NULL;
  JsonArray *list;
  gsize size = 0;
  const char *text;

  bytes = g_resource_lookup_data (kdcc_core_get_resource (), TEMPLATES_RESOURCE,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;
  text = g_bytes_get_data (bytes, &size);
  root = kdcc_json_load_root ("set-up templates", text, (gssize) size, JSON_NODE_OBJECT, error);
  if (root == NULL)
    return NULL;
  list = kdcc_json_find_array (json_node_get_object (root), "templates");
  if (list == NULL)
    {
      parse_error (error, _("no “templates” list"));
      return NULL;
    }

  templates = g_ptr_array_new_with_free_func ((GDestroyNotify) template_free);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *object = kdcc_json_as_object (json_array_get_element (list, i));
      KdccSetupTemplate *template;

      if (object == NULL)
        {
          parse_error (error, _("a template is not an object"));
          return NULL;
        }
      template = parse_template (object, error);
      if (template == NULL)
        return NULL;
      g_ptr_array_add (templates, template);
    }
  return g_steal_pointer (&templates);
}

const KdccSetupTemplate *
kdcc_setup_templates_find (GPtrArray  *templates,
                           const char *id)
{
  for (guint i = 0; i < templates->len; i++)
    {
      const KdccSetupTemplate *template = g_ptr_array_index (templates, i);

      if (g_str_equal (template->id, id))
        return template;
    }
  return NULL;
}

const char *
kdcc_setup_template_get_id (const KdccSetupTemplate *self)
{
  return self->id;
}

/* The catalog's text goes through the catalog's domain like any string. */
const char *
kdcc_setup_template_get_title (const KdccSetupTemplate *self)
{
  return g_dgettext (GETTEXT_PACKAGE, self->title);
}

const char *
kdcc_setup_template_get_when (const KdccSetupTemplate *self)
{
  return g_dgettext (GETTEXT_PACKAGE, self->when);
}

gboolean
kdcc_setup_template_has_object (const KdccSetupTemplate *self,
                                const char              *object)
{
  return g_strv_contains ((const char * const *) self->objects, object);
}

const char *
kdcc_setup_template_get_default (const KdccSetupTemplate *self,
                                 const char              *key)
{
  const KdccSetupParamInfo *info = kdcc_setup_param_lookup (key);
  const char *value = g_hash_table_lookup (self->defaults, key);

  g_return_val_if_fail (info != NULL, NULL);
  return value != NULL ? value : info->fallback;
}

KdccSetupParams *
kdcc_setup_params_new (const KdccSetupTemplate *template)
{
  KdccSetupParams *self = g_new0 (KdccSetupParams, 1);

  self->template = template_copy (template);
  self->values = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  for (guint i = 0; i < G_N_ELEMENTS (param_infos); i++)
    g_hash_table_insert (self->values, (gpointer) param_infos[i].key,
                         g_strdup (kdcc_setup_template_get_default (template, param_infos[i].key)));
  return self;
}

KdccSetupParams *
kdcc_setup_params_copy (KdccSetupParams *self)
{
  KdccSetupParams *copy = kdcc_setup_params_new (self->template);

  for (guint i = 0; i < G_N_ELEMENTS (param_infos); i++)
    g_hash_table_insert (copy->values, (gpointer) param_infos[i].key,
                         g_strdup (g_hash_table_lookup (self->values, param_infos[i].key)));
  return copy;
}

void
kdcc_setup_params_free (KdccSetupParams *self)
{
  template_free (self->template);
  g_hash_table_unref (self->values);
  g_free (self);
}

const KdccSetupTemplate *
kdcc_setup_params_get_template (KdccSetupParams *self)
{
  return self->template;
}

static gboolean
is_dns_label (const char *text)
{
  return g_regex_match_simple ("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", text, 0, 0);
}

static gboolean
is_quantity (const char *text)
{
  return g_regex_match_simple ("^([0-9]+(\\.[0-9]+)?|\\.[0-9]+)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$",
                               text, 0, 0);
}

static gboolean
invalid (GError    **error,
         const char *key,
         const char *reason)
{
  /* TRANSLATORS: a set-up parameter's name and why its value is refused. */
  g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT, _("%s: %s"), key, reason);
  return FALSE;
}

/* Whether VALUE has the type of parameter INFO. */
static gboolean
check_value (const KdccSetupParamInfo  *info,
             const char                *value,
             GError                   **error)
{
  const char *key = info->key;
  g_autofree char *reason = NULL;

  switch (info->type)
    {
    case KDCC_SETUP_PARAM_INT:
      {
        guint64 number;

        if (!g_ascii_string_to_unsigned (value, 10, 0, 1000, &number, NULL))
          return invalid (error, key, _("not a whole number from 0 to 1000"));
      }
      break;
    case KDCC_SETUP_PARAM_BOOL:
      if (!g_str_equal (value, "true") && !g_str_equal (value, "false"))
        return invalid (error, key, _("give true or false"));
      break;
    case KDCC_SETUP_PARAM_NAME:
      if (!is_dns_label (value))
        return invalid (error, key, _("a Kubernetes name: lower-case letters, digits and “-”, "
                                      "at most 63, starting and ending with a letter or digit"));
      break;
    case KDCC_SETUP_PARAM_QUANTITY:
      if (*value != '\0' && !is_quantity (value))
        return invalid (error, key, _("not a Kubernetes quantity such as 500m, 2 or 4Gi"));
      break;
    case KDCC_SETUP_PARAM_LIST:
      {
        g_auto(GStrv) names = g_strsplit (value, ",", -1);

        for (guint i = 0; names[i] != NULL; i++)
          {
            g_strstrip (names[i]);
            if (*names[i] != '\0' && !g_regex_match_simple ("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$",
                                                            names[i], 0, 0))
              {
                reason = g_strdup_printf (_("“%s” is not a node or zone name"), names[i]);
                return invalid (error, key, reason);
              }
          }
      }
      break;
    case KDCC_SETUP_PARAM_STRING:
    default:
      if (strchr (value, '\n') != NULL)
        return invalid (error, key, _("must be one line"));
      break;
    }
  return TRUE;
}

gboolean
kdcc_setup_params_set (KdccSetupParams *self,
                       const char      *key,
                       const char      *value,
                       GError         **error)
{
  const KdccSetupParamInfo *info = kdcc_setup_param_lookup (key);

  if (info == NULL)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("Unknown set-up parameter “%s” (see “kdcc-cli setup templates”)"), key);
      return FALSE;
    }
  if (!check_value (info, value, error))
    return FALSE;

  g_hash_table_insert (self->values, (gpointer) info->key, g_strdup (value));
  return TRUE;
}

gboolean
kdcc_setup_params_assign (KdccSetupParams *self,
                          const char      *assignment,
                          GError         **error)
{
  const char *equals = strchr (assignment, '=');
  g_autofree char *key = NULL;

  if (equals == NULL || equals == assignment)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("“%s” is not KEY=VALUE"), assignment);
      return FALSE;
    }
  key = g_strndup (assignment, equals - assignment);
  return kdcc_setup_params_set (self, key, equals + 1, error);
}

const char *
kdcc_setup_params_get (KdccSetupParams *self,
                       const char      *key)
{
  const char *value = g_hash_table_lookup (self->values, key);

  g_return_val_if_fail (value != NULL, "");
  return value;
}

gint64
kdcc_setup_params_get_int (KdccSetupParams *self,
                           const char      *key)
{
  return g_ascii_strtoll (kdcc_setup_params_get (self, key), NULL, 10);
}

gboolean
kdcc_setup_params_get_bool (KdccSetupParams *self,
                            const char      *key)
{
  return g_str_equal (kdcc_setup_params_get (self, key), "true");
}

GStrv
kdcc_setup_params_get_list (KdccSetupParams *self,
                            const char      *key)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) names = g_strsplit (kdcc_setup_params_get (self, key), ",", -1);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_strstrip (names[i]);
      if (*names[i] != '\0')
        g_strv_builder_add (builder, names[i]);
    }
  return g_strv_builder_end (builder);
}

gint64
kdcc_setup_params_get_hosts (KdccSetupParams *self)
{
  g_auto(GStrv) nodes = kdcc_setup_params_get_list (self, "nodes");

  if (nodes[0] != NULL)
    return g_strv_length (nodes);
  return kdcc_setup_params_get_int (self, "hosts");
}
