/* kdcc-health-catalog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The catalog is read once from the core library's GResource. Entries live
 * in one array; a hash table maps codes and aliases to them. Strings are
 * kept as loaded (English) and translated on the way out, so a change of
 * locale needs no reload.
 */
#define G_LOG_DOMAIN "kdcc-health-catalog"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kdcc-core-resources.h"
#include "kdcc-error.h"
#include "kdcc-health-catalog.h"
#include "kdcc-json.h"

#define CATALOG_RESOURCE  "/tech/koor/DataControlCenter/core/health-checks.json"
#define DOCS_BASE         "https://docs.ceph.com/en/"
#define DEFAULT_PAGE      "rados/operations/health-checks/"
#define GENERIC_CRUSH_DOWN "OSD_<crush type>_DOWN"

struct _KdccHealthEntry
{
  char       *code;
  KdccImpact  impact;
  char       *page;          /* path below DOCS_BASE/<release>/ */
  char       *anchor;
  char       *explanation;
  char       *action;
};

struct _KdccHealthCatalog
{
  GObject     parent_instance;

  GArray     *entries;       /* (element-type KdccHealthEntry) */
  GHashTable *by_code;       /* code or alias -> index + 1 */
};

G_DEFINE_FINAL_TYPE (KdccHealthCatalog, kdcc_health_catalog, G_TYPE_OBJECT)

static void
health_entry_clear (gpointer data)
{
  KdccHealthEntry *entry = data;

  g_free (entry->code);
  g_free (entry->page);
  g_free (entry->anchor);
  g_free (entry->explanation);
  g_free (entry->action);
}

static void
kdcc_health_catalog_finalize (GObject *object)
{
  KdccHealthCatalog *self = (KdccHealthCatalog *) object;

  g_clear_pointer (&self->by_code, g_hash_table_unref);
  g_clear_pointer (&self->entries, g_array_unref);

  G_OBJECT_CLASS (kdcc_health_catalog_parent_class)->finalize (object);
}

static void
kdcc_health_catalog_class_init (KdccHealthCatalogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kdcc_health_catalog_finalize;
}

static void
kdcc_health_catalog_init (KdccHealthCatalog *self)
{
  self->entries = g_array_new (FALSE, TRUE, sizeof (KdccHealthEntry));
  g_array_set_clear_func (self->entries, health_entry_clear);
  self->by_code = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static gboolean
add_name (KdccHealthCatalog  *self,
          const char         *name,
          guint               index,
          GError            **error)
{
  if (g_hash_table_contains (self->by_code, name))
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_PARSE,
                   "health-checks.json: \"%s\" is listed twice", name);
      return FALSE;
    }
  g_hash_table_insert (self->by_code, g_strdup (name), GUINT_TO_POINTER (index + 1));
  return TRUE;
}

static gboolean
load_entry (KdccHealthCatalog  *self,
            KdccJson           *json,
            JsonObject         *pages,
            JsonObject         *object,
            const char         *path,
            GError            **error)
{
  KdccHealthEntry entry = { 0 };
  const char *code = NULL, *impact = NULL, *page = NULL, *anchor = NULL;
  const char *explanation = NULL, *action = NULL, *page_path = NULL;
  JsonArray *aliases = NULL;
  guint index = self->entries->len;

  if (!kdcc_json_get_string (json, object, path, "code", TRUE, &code)
      || !kdcc_json_get_string (json, object, path, "impact", TRUE, &impact)
      || !kdcc_json_get_string (json, object, path, "page", TRUE, &page)
      || !kdcc_json_get_string (json, object, path, "anchor", FALSE, &anchor)
      || !kdcc_json_get_string (json, object, path, "explanation", TRUE, &explanation)
      || !kdcc_json_get_string (json, object, path, "action", TRUE, &action)
      || !kdcc_json_get_array (json, object, path, "aliases", FALSE, &aliases)
      || !kdcc_json_get_string (json, pages, "pages", page, TRUE, &page_path))
    return FALSE;

  if (!kdcc_impact_from_string (impact, &entry.impact) || entry.impact == KDCC_IMPACT_NONE)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_PARSE,
                   "health-checks.json: \"%s.impact\" is not a known impact", path);
      return FALSE;
    }

  if (!add_name (self, code, index, error))
    return FALSE;
  for (guint i = 0; aliases != NULL && i < json_array_get_length (aliases); i++)
    {
      const char *alias = NULL;

      if (!kdcc_json_node_get_string (json, json_array_get_element (aliases, i), path, "aliases",
                                      &alias)
          || !add_name (self, alias, index, error))
        return FALSE;
    }

  entry.code = g_strdup (code);
  entry.page = g_strdup (page_path);
  entry.anchor = anchor != NULL ? g_ascii_strdown (anchor, -1) : NULL;
  entry.explanation = g_strdup (explanation);
  entry.action = g_strdup (action);
  g_array_append_val (self->entries, entry);
  return TRUE;
}

KdccHealthCatalog *
kdcc_health_catalog_new_from_bytes (GBytes  *bytes,
                                    GError **error)
{
  g_autoptr(KdccHealthCatalog) self = NULL;
  g_autoptr(JsonNode) root = NULL;
  KdccJson json = { "health-checks.json", KDCC_JSON_STRICT, error };
  JsonObject *pages = NULL;
  JsonArray *checks = NULL;
  gconstpointer data;
  gsize size;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (bytes, &size);
  root = kdcc_json_load_root ("health-checks.json", data, size, JSON_NODE_OBJECT, error);
  if (root == NULL)
    return NULL;

  if (!kdcc_json_get_object (&json, json_node_get_object (root), NULL, "pages", TRUE, &pages)
      || !kdcc_json_get_array (&json, json_node_get_object (root), NULL, "checks", TRUE, &checks))
    return NULL;

  self = g_object_new (KDCC_TYPE_HEALTH_CATALOG, NULL);
  for (guint i = 0; i < json_array_get_length (checks); i++)
    {
      char path[KDCC_JSON_PATH_SIZE];
      JsonObject *object;

      if (!kdcc_json_element_object (&json, checks, i, "checks", path, &object)
          || !load_entry (self, &json, pages, object, path, error))
        return NULL;
    }

  return g_steal_pointer (&self);
}

KdccHealthCatalog *
kdcc_health_catalog_get_default (void)
{
  static KdccHealthCatalog *catalog;

  if (g_once_init_enter (&catalog))
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      KdccHealthCatalog *loaded;

      /* Registered here rather than by a constructor: a static library's
       * constructor is dropped when nothing else in its object is used. */
      g_resources_register (kdcc_core_get_resource ());
      bytes = g_resources_lookup_data (CATALOG_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      if (bytes != NULL)
        loaded = kdcc_health_catalog_new_from_bytes (bytes, &error);
      else
        loaded = NULL;
      /* The file is built in and checked by the tests: a failure here is
       * a broken build, not something a user can fix. */
      if (loaded == NULL)
        g_error ("Cannot load the built-in health check catalog: %s", error->message);

      g_once_init_leave (&catalog, loaded);
    }

  return catalog;
}

guint
kdcc_health_catalog_get_n_entries (KdccHealthCatalog *self)
{
  g_return_val_if_fail (KDCC_IS_HEALTH_CATALOG (self), 0);

  return self->entries->len;
}

const KdccHealthEntry *
kdcc_health_catalog_get_entry (KdccHealthCatalog *self,
                               guint              position)
{
  g_return_val_if_fail (KDCC_IS_HEALTH_CATALOG (self), NULL);
  g_return_val_if_fail (position < self->entries->len, NULL);

  return &g_array_index (self->entries, KdccHealthEntry, position);
}

/* OSD_<TYPE>_DOWN, where TYPE is a CRUSH bucket type such as HOST, RACK
 * or DATACENTER; Ceph builds the code from the type's name. */
static gboolean
is_crush_subtree_down (const char *code)
{
  gsize length = strlen (code);

  if (length <= strlen ("OSD__DOWN") || !g_str_has_prefix (code, "OSD_")
      || !g_str_has_suffix (code, "_DOWN"))
    return FALSE;

  for (gsize i = strlen ("OSD_"); i < length - strlen ("_DOWN"); i++)
    if (!g_ascii_isupper (code[i]) && !g_ascii_isdigit (code[i]) && code[i] != '_')
      return FALSE;
  return TRUE;
}

const KdccHealthEntry *
kdcc_health_catalog_lookup (KdccHealthCatalog *self,
                            const char        *code)
{
  guint index;

  g_return_val_if_fail (KDCC_IS_HEALTH_CATALOG (self), NULL);

  if (code == NULL)
    return NULL;

  index = GPOINTER_TO_UINT (g_hash_table_lookup (self->by_code, code));
  if (index == 0 && is_crush_subtree_down (code))
    index = GPOINTER_TO_UINT (g_hash_table_lookup (self->by_code, GENERIC_CRUSH_DOWN));
  if (index == 0)
    return NULL;

  return &g_array_index (self->entries, KdccHealthEntry, index - 1);
}

const char *
kdcc_health_entry_get_code (const KdccHealthEntry *entry)
{
  g_return_val_if_fail (entry != NULL, NULL);
  return entry->code;
}

KdccImpact
kdcc_health_entry_get_impact (const KdccHealthEntry *entry)
{
  g_return_val_if_fail (entry != NULL, KDCC_IMPACT_NONE);
  return entry->impact;
}

const char *
kdcc_health_entry_get_explanation (const KdccHealthEntry *entry)
{
  g_return_val_if_fail (entry != NULL, NULL);
  return g_dgettext (GETTEXT_PACKAGE, entry->explanation);
}

const char *
kdcc_health_entry_get_action (const KdccHealthEntry *entry)
{
  g_return_val_if_fail (entry != NULL, NULL);
  return g_dgettext (GETTEXT_PACKAGE, entry->action);
}

const char *
kdcc_health_entry_get_anchor (const KdccHealthEntry *entry)
{
  g_return_val_if_fail (entry != NULL, NULL);
  return entry->anchor;
}

const char *
kdcc_health_docs_release (const char *release)
{
  /* docs.ceph.com keeps a tree per named release; the index is the major
   * version minus 16. */
  static const char * const names[] = { "pacific", "quincy", "reef", "squid", "tentacle" };
  g_autofree char *lower = NULL;
  guint64 major;
  char *end = NULL;

  if (release == NULL || *release == '\0')
    return "latest";

  lower = g_ascii_strdown (release, -1);
  g_strstrip (lower);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (lower, names[i]))
      return names[i];

  major = g_ascii_strtoull (lower, &end, 10);
  if (end != lower && (*end == '\0' || *end == '.') && major >= 16
      && major < 16 + G_N_ELEMENTS (names))
    return names[major - 16];

  return "latest";
}

char *
kdcc_health_catalog_dup_docs_url (KdccHealthCatalog *self,
                                  const char        *code,
                                  const char        *release)
{
  const KdccHealthEntry *entry;

  g_return_val_if_fail (KDCC_IS_HEALTH_CATALOG (self), NULL);

  entry = kdcc_health_catalog_lookup (self, code);
  if (entry == NULL)
    return g_strconcat (DOCS_BASE, kdcc_health_docs_release (release), "/", DEFAULT_PAGE, NULL);

  return g_strconcat (DOCS_BASE, kdcc_health_docs_release (release), "/", entry->page,
                      entry->anchor != NULL ? "#" : "",
                      entry->anchor != NULL ? entry->anchor : "",
                      NULL);
}

/* OSDMAP_FLAGS covers every cluster flag; its summary lists the flags set
 * ("noout,nodeep-scrub flag(s) set"). Some of them stop IO outright. */
static KdccImpact
osdmap_flags_impact (const char *summary,
                     KdccImpact  impact)
{
  g_autofree char *list = NULL;
  g_auto(GStrv) flags = NULL;
  char *space;

  if (summary == NULL)
    return impact;

  list = g_strdup (summary);
  space = strchr (list, ' ');
  if (space != NULL)
    *space = '\0';
  flags = g_strsplit (list, ",", -1);

  for (guint i = 0; flags[i] != NULL; i++)
    {
      const char *flag = flags[i];

      if (g_str_equal (flag, "pauserd") || g_str_equal (flag, "pausewr")
          || g_str_equal (flag, "full"))
        impact = MAX (impact, KDCC_IMPACT_DATA_UNAVAILABLE);
      else if (g_str_equal (flag, "norecover"))
        impact = MAX (impact, KDCC_IMPACT_DATA_AT_RISK);
      else if (g_str_equal (flag, "nobackfill") || g_str_equal (flag, "norebalance"))
        impact = MAX (impact, KDCC_IMPACT_PERFORMANCE);
    }

  return impact;
}

KdccImpact
kdcc_health_catalog_get_impact (KdccHealthCatalog *self,
                                const char        *code,
                                KdccHealthStatus   severity,
                                const char        *summary)
{
  const KdccHealthEntry *entry;

  g_return_val_if_fail (KDCC_IS_HEALTH_CATALOG (self), KDCC_IMPACT_NONE);

  entry = kdcc_health_catalog_lookup (self, code);
  if (entry == NULL)
    return severity == KDCC_HEALTH_ERR ? KDCC_IMPACT_DATA_AT_RISK : KDCC_IMPACT_HYGIENE;

  if (g_str_equal (code, "OSDMAP_FLAGS"))
    return osdmap_flags_impact (summary, entry->impact);

  return entry->impact;
}

static int
severity_rank (KdccHealthStatus severity)
{
  switch (severity)
    {
    case KDCC_HEALTH_ERR:
      return 3;
    case KDCC_HEALTH_WARN:
      return 2;
    case KDCC_HEALTH_UNKNOWN:
      return 1;
    case KDCC_HEALTH_OK:
    default:
      return 0;
    }
}

int
kdcc_health_catalog_compare (KdccHealthCatalog *self,
                             const char        *code_a,
                             KdccHealthStatus   severity_a,
                             const char        *summary_a,
                             const char        *code_b,
                             KdccHealthStatus   severity_b,
                             const char        *summary_b)
{
  KdccImpact impact_a, impact_b;
  int rank_a, rank_b;

  g_return_val_if_fail (KDCC_IS_HEALTH_CATALOG (self), 0);

  impact_a = kdcc_health_catalog_get_impact (self, code_a, severity_a, summary_a);
  impact_b = kdcc_health_catalog_get_impact (self, code_b, severity_b, summary_b);
  if (impact_a != impact_b)
    return impact_a > impact_b ? -1 : 1;

  rank_a = severity_rank (severity_a);
  rank_b = severity_rank (severity_b);
  if (rank_a != rank_b)
    return rank_a > rank_b ? -1 : 1;

  return g_strcmp0 (code_a, code_b);
}

int
kdcc_health_check_compare_by_impact (gconstpointer a,
                                     gconstpointer b,
                                     gpointer      user_data)
{
  KdccHealthCheck *check_a = (KdccHealthCheck *) a;
  KdccHealthCheck *check_b = (KdccHealthCheck *) b;
  KdccHealthCatalog *catalog = user_data != NULL ? user_data : kdcc_health_catalog_get_default ();

  return kdcc_health_catalog_compare (catalog,
                                      kdcc_health_check_get_code (check_a),
                                      kdcc_health_check_get_severity (check_a),
                                      kdcc_health_check_get_summary (check_a),
                                      kdcc_health_check_get_code (check_b),
                                      kdcc_health_check_get_severity (check_b),
                                      kdcc_health_check_get_summary (check_b));
}

int
kdcc_health_check_data_compare_by_impact (gconstpointer a,
                                          gconstpointer b,
                                          gpointer      user_data)
{
  const KdccHealthCheckData *data_a = *(KdccHealthCheckData * const *) a;
  const KdccHealthCheckData *data_b = *(KdccHealthCheckData * const *) b;
  KdccHealthCatalog *catalog = user_data != NULL ? user_data : kdcc_health_catalog_get_default ();

  return kdcc_health_catalog_compare (catalog,
                                      data_a->code, data_a->severity, data_a->summary,
                                      data_b->code, data_b->severity, data_b->summary);
}
