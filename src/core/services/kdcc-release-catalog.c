/* kdcc-release-catalog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The catalog is read once from JSON into plain structs; every question is
 * answered from those, so checks cost nothing and never touch the network.
 * The shipped catalog is compiled into the core library as a GResource and
 * read through kdcc_core_get_resource() rather than the global resource
 * table: that reference keeps the linker from dropping the resource from
 * the static library, and no registration order matters.
 */
#define G_LOG_DOMAIN "kdcc-release-catalog"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "kdcc-core-resources.h"
#include "kdcc-enums.h"
#include "kdcc-error.h"
#include "kdcc-json.h"
#include "kdcc-release-catalog-private.h"

#define CATALOG_RESOURCE "/tech/koor/DataControlCenter/core/release-catalog.json"

typedef struct
{
  char            *name;
  guint            major;
  char            *released;
  KdccCephVersion  latest;
  char            *latest_released;
  char            *end_of_life;
  gboolean         end_of_life_estimated;
} Release;

typedef struct
{
  char  *version;
  GStrv  ceph;
} RookLine;

struct _KdccReleaseCatalog
{
  GObject                  parent_instance;

  char                    *date;
  GPtrArray               *releases;   /* Release, by major */
  GPtrArray               *rook;       /* RookLine */
  KdccVersionServiceState  service_state;
  char                    *service_message;
  guint64                  service_max_body;
  guint                    service_deadline_ms;
};

G_DEFINE_FINAL_TYPE (KdccReleaseCatalog, kdcc_release_catalog, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_VERSION_SERVICE_STATE,
  PROP_VERSION_SERVICE_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
release_free (Release *release)
{
  g_free (release->name);
  g_free (release->released);
  g_free (release->latest_released);
  g_free (release->end_of_life);
  g_free (release);
}

static void
rook_line_free (RookLine *line)
{
  g_free (line->version);
  g_strfreev (line->ceph);
  g_free (line);
}

static void
target_free (KdccReleaseTarget *target)
{
  g_free (target->name);
  g_free (target->newest);
  g_free (target);
}

void
kdcc_release_check_free (KdccReleaseCheck *check)
{
  if (check == NULL)
    return;
  g_free (check->running);
  g_free (check->release_name);
  g_free (check->newest);
  g_free (check->newest_released);
  g_free (check->end_of_life);
  g_clear_pointer (&check->upgrade_targets, g_ptr_array_unref);
  g_free (check);
}

/* Versions ------------------------------------------------------------------ */

gboolean
kdcc_ceph_version_parse (const char      *text,
                         KdccCephVersion *version)
{
  const char *p;
  guint64 parts[3] = { 0, 0, 0 };
  guint n = 0;

  g_return_val_if_fail (version != NULL, FALSE);

  if (text == NULL)
    return FALSE;

  p = text;
  while (g_ascii_isspace (*p))
    p++;
  if (g_str_has_prefix (p, "ceph version "))
    p += strlen ("ceph version ");
  if (*p == 'v')
    p++;

  while (n < 3)
    {
      char *end = NULL;

      if (!g_ascii_isdigit (*p))
        return FALSE;
      parts[n] = g_ascii_strtoull (p, &end, 10);
      if (end == p || parts[n] > G_MAXUINT16)
        return FALSE;
      n++;
      p = end;
      if (n < 3)
        {
          if (*p != '.')
            return FALSE;
          p++;
        }
    }

  /* After the patch number: the end, Rook's "-0" build suffix, or the
   * rest of Ceph's own banner. */
  if (*p != '\0' && *p != '-' && *p != ' ')
    return FALSE;

  version->major = (guint) parts[0];
  version->minor = (guint) parts[1];
  version->patch = (guint) parts[2];
  return TRUE;
}

int
kdcc_ceph_version_compare (const KdccCephVersion *a,
                           const KdccCephVersion *b)
{
  if (a->major != b->major)
    return a->major < b->major ? -1 : 1;
  if (a->minor != b->minor)
    return a->minor < b->minor ? -1 : 1;
  if (a->patch != b->patch)
    return a->patch < b->patch ? -1 : 1;
  return 0;
}

char *
kdcc_ceph_version_to_string (const KdccCephVersion *version)
{
  return g_strdup_printf ("%u.%u.%u", version->major, version->minor, version->patch);
}

/* Loading ------------------------------------------------------------------- */

static gboolean
is_date (const char *text)
{
  /* "YYYY-MM-DD" that is a real day. */
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *iso = NULL;

  if (text == NULL || strlen (text) != 10)
    return FALSE;
  iso = g_strconcat (text, "T00:00:00Z", NULL);
  dt = g_date_time_new_from_iso8601 (iso, NULL);
  return dt != NULL;
}

static gboolean
read_date (KdccJson    *json,
           JsonObject  *object,
           const char  *parent,
           const char  *member,
           gboolean     required,
           char       **out)
{
  const char *text = NULL;

  if (!kdcc_json_get_string (json, object, parent, member, required, &text))
    return FALSE;
  if (text == NULL)
    return TRUE;
  if (!is_date (text))
    {
      char path[KDCC_JSON_PATH_SIZE];

      kdcc_json_path (path, parent, member);
      g_set_error (json->error, KDCC_ERROR, KDCC_ERROR_PARSE,
                   _("release catalog: “%s” is not a date (YYYY-MM-DD): “%s”"), path, text);
      return FALSE;
    }
  *out = g_strdup (text);
  return TRUE;
}

static int
compare_release (gconstpointer a,
                 gconstpointer b)
{
  const Release *ra = *(const Release * const *) a;
  const Release *rb = *(const Release * const *) b;

  return (ra->major > rb->major) - (ra->major < rb->major);
}

static gboolean
load (KdccReleaseCatalog  *self,
      GBytes              *bytes,
      GError             **error)
{
  KdccJson ctx_data = { "release catalog", KDCC_JSON_STRICT, error };
  KdccJson *ctx = &ctx_data;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *obj;
  JsonArray *ceph = NULL, *rook = NULL;
  gint64 format = 0;
  gsize size = 0;
  const char *text = bytes != NULL ? g_bytes_get_data (bytes, &size) : NULL;

  root = kdcc_json_load_root ("release catalog", text, (gssize) size, JSON_NODE_OBJECT, error);
  if (root == NULL)
    return FALSE;
  obj = json_node_get_object (root);

  if (!kdcc_json_get_int (ctx, obj, NULL, "format", TRUE, &format))
    return FALSE;
  if (format != 1)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_PARSE,
                   _("release catalog: format %lld is not known (this version reads format 1)"),
                   (long long) format);
      return FALSE;
    }
  if (!read_date (ctx, obj, NULL, "date", TRUE, &self->date)
      || !kdcc_json_get_array (ctx, obj, NULL, "ceph", TRUE, &ceph)
      || !kdcc_json_get_array (ctx, obj, NULL, "rook", FALSE, &rook))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (ceph); i++)
    {
      char path[KDCC_JSON_PATH_SIZE];
      JsonObject *item;
      g_autoptr(GPtrArray) hold = g_ptr_array_new_with_free_func ((GDestroyNotify) release_free);
      Release *release = g_new0 (Release, 1);
      const char *name = NULL, *latest = NULL;
      gint64 major = 0;

      g_ptr_array_add (hold, release);
      if (!kdcc_json_element_object (ctx, ceph, i, "ceph", path, &item)
          || !kdcc_json_get_string (ctx, item, path, "name", TRUE, &name)
          || !kdcc_json_get_int (ctx, item, path, "major", TRUE, &major)
          || !kdcc_json_get_string (ctx, item, path, "latest", TRUE, &latest)
          || !read_date (ctx, item, path, "released", FALSE, &release->released)
          || !read_date (ctx, item, path, "latest_released", FALSE, &release->latest_released)
          || !read_date (ctx, item, path, "end_of_life", FALSE, &release->end_of_life)
          || !kdcc_json_get_bool (ctx, item, path, "end_of_life_estimated", FALSE,
                                  &release->end_of_life_estimated))
        return FALSE;

      if (!kdcc_ceph_version_parse (latest, &release->latest) || release->latest.major != major
          || major < 1 || major > 1000)
        {
          g_set_error (error, KDCC_ERROR, KDCC_ERROR_PARSE,
                       _("release catalog: “%s.latest” is not a version of release %lld: “%s”"),
                       path, (long long) major, latest);
          return FALSE;
        }
      release->name = g_ascii_strdown (name, -1);
      release->major = (guint) major;
      g_ptr_array_add (self->releases, g_ptr_array_steal_index (hold, 0));
    }

  if (self->releases->len == 0)
    {
      g_set_error_literal (error, KDCC_ERROR, KDCC_ERROR_PARSE,
                           _("release catalog: it lists no Ceph release"));
      return FALSE;
    }
  g_ptr_array_sort (self->releases, compare_release);
  for (guint i = 1; i < self->releases->len; i++)
    if (((Release *) g_ptr_array_index (self->releases, i))->major
        == ((Release *) g_ptr_array_index (self->releases, i - 1))->major)
      {
        g_set_error (error, KDCC_ERROR, KDCC_ERROR_PARSE,
                     _("release catalog: release %u is listed twice"),
                     ((Release *) g_ptr_array_index (self->releases, i))->major);
        return FALSE;
      }

  for (guint i = 0; rook != NULL && i < json_array_get_length (rook); i++)
    {
      char path[KDCC_JSON_PATH_SIZE];
      JsonObject *item;
      JsonArray *releases = NULL;
      const char *version = NULL;
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      RookLine *line;

      if (!kdcc_json_element_object (ctx, rook, i, "rook", path, &item)
          || !kdcc_json_get_string (ctx, item, path, "version", TRUE, &version)
          || !kdcc_json_get_array (ctx, item, path, "ceph", TRUE, &releases))
        return FALSE;
      for (guint j = 0; j < json_array_get_length (releases); j++)
        {
          const char *name = NULL;

          if (!kdcc_json_node_get_string (ctx, json_array_get_element (releases, j), path, "ceph",
                                          &name))
            return FALSE;
          g_strv_builder_add (builder, name);
        }
      line = g_new0 (RookLine, 1);
      line->version = g_strdup (version);
      line->ceph = g_strv_builder_end (builder);
      g_ptr_array_add (self->rook, line);
    }

  return TRUE;
}

/* GObject ------------------------------------------------------------------- */

static void
kdcc_release_catalog_finalize (GObject *object)
{
  KdccReleaseCatalog *self = (KdccReleaseCatalog *)object;

  g_clear_pointer (&self->date, g_free);
  g_clear_pointer (&self->releases, g_ptr_array_unref);
  g_clear_pointer (&self->rook, g_ptr_array_unref);
  g_clear_pointer (&self->service_message, g_free);

  G_OBJECT_CLASS (kdcc_release_catalog_parent_class)->finalize (object);
}

static void
kdcc_release_catalog_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  KdccReleaseCatalog *self = KDCC_RELEASE_CATALOG (object);

  switch (prop_id)
    {
    case PROP_VERSION_SERVICE_STATE:
      g_value_set_enum (value, self->service_state);
      break;
    case PROP_VERSION_SERVICE_MESSAGE:
      g_value_set_string (value, self->service_message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_release_catalog_class_init (KdccReleaseCatalogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kdcc_release_catalog_finalize;
  object_class->get_property = kdcc_release_catalog_get_property;

  properties[PROP_VERSION_SERVICE_STATE] =
    g_param_spec_enum ("version-service-state", NULL, NULL, KDCC_TYPE_VERSION_SERVICE_STATE,
                       KDCC_VERSION_SERVICE_NOT_ASKED,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_VERSION_SERVICE_MESSAGE] =
    g_param_spec_string ("version-service-message", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kdcc_release_catalog_init (KdccReleaseCatalog *self)
{
  self->releases = g_ptr_array_new_with_free_func ((GDestroyNotify) release_free);
  self->rook = g_ptr_array_new_with_free_func ((GDestroyNotify) rook_line_free);
  self->service_max_body = 64 * 1024;
  self->service_deadline_ms = 15000;
}

void
kdcc_release_catalog_set_service_limits (KdccReleaseCatalog *self,
                                         guint64             max_body_bytes,
                                         guint               deadline_ms)
{
  g_return_if_fail (KDCC_IS_RELEASE_CATALOG (self));
  g_return_if_fail (max_body_bytes > 0 && deadline_ms > 0);

  self->service_max_body = max_body_bytes;
  self->service_deadline_ms = deadline_ms;
}

void
_kdcc_release_catalog_get_service_limits (KdccReleaseCatalog *self,
                                          guint64            *max_body_bytes,
                                          guint              *deadline_ms)
{
  *max_body_bytes = self->service_max_body;
  *deadline_ms = self->service_deadline_ms;
}

KdccReleaseCatalog *
kdcc_release_catalog_new_from_bytes (GBytes  *json,
                                     GError **error)
{
  g_autoptr(KdccReleaseCatalog) self = g_object_new (KDCC_TYPE_RELEASE_CATALOG, NULL);

  if (!load (self, json, error))
    return NULL;
  return g_steal_pointer (&self);
}

KdccReleaseCatalog *
kdcc_release_catalog_new_from_file (const char  *path,
                                    GError     **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_PARSE, _("release catalog: %s"),
                   local_error->message);
      return NULL;
    }
  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  return kdcc_release_catalog_new_from_bytes (bytes, error);
}

KdccReleaseCatalog *
kdcc_release_catalog_new (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  KdccReleaseCatalog *self;

  bytes = g_resource_lookup_data (kdcc_core_get_resource (), CATALOG_RESOURCE,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  /* The shipped file is checked by the tests; failing here is a build
   * that lost it. */
  if (bytes == NULL)
    g_error ("The shipped release catalog is missing: %s", error->message);
  self = kdcc_release_catalog_new_from_bytes (bytes, &error);
  if (self == NULL)
    g_error ("The shipped release catalog is not valid: %s", error->message);
  return self;
}

const char *
kdcc_release_catalog_get_date (KdccReleaseCatalog *self)
{
  g_return_val_if_fail (KDCC_IS_RELEASE_CATALOG (self), NULL);

  return self->date;
}

static GDateTime *
date_at_midnight (const char *date)
{
  g_autofree char *iso = g_strconcat (date, "T00:00:00Z", NULL);

  return g_date_time_new_from_iso8601 (iso, NULL);
}

gint
kdcc_release_catalog_get_age_days (KdccReleaseCatalog *self,
                                   GDateTime          *now_utc)
{
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GDateTime) now = NULL;

  g_return_val_if_fail (KDCC_IS_RELEASE_CATALOG (self), 0);

  date = date_at_midnight (self->date);
  now = now_utc != NULL ? g_date_time_ref (now_utc) : g_date_time_new_now_utc ();
  return (gint) (g_date_time_difference (now, date) / G_TIME_SPAN_DAY);
}

GStrv
kdcc_release_catalog_dup_rook_for (KdccReleaseCatalog *self,
                                   const char         *release_name)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (KDCC_IS_RELEASE_CATALOG (self), NULL);

  for (guint i = 0; release_name != NULL && i < self->rook->len; i++)
    {
      RookLine *line = g_ptr_array_index (self->rook, i);

      if (g_strv_contains ((const char * const *) line->ceph, release_name))
        g_strv_builder_add (builder, line->version);
    }
  return g_strv_builder_end (builder);
}

static Release *
find_release (KdccReleaseCatalog *self,
              guint               major)
{
  for (guint i = 0; i < self->releases->len; i++)
    {
      Release *release = g_ptr_array_index (self->releases, i);

      if (release->major == major)
        return release;
    }
  return NULL;
}

KdccReleaseCheck *
kdcc_release_catalog_check (KdccReleaseCatalog *self,
                            const char         *running,
                            GDateTime          *now_utc)
{
  KdccReleaseCheck *check = g_new0 (KdccReleaseCheck, 1);
  KdccCephVersion version;
  Release *release;
  Release *newest_known;

  g_return_val_if_fail (KDCC_IS_RELEASE_CATALOG (self), check);

  check->upgrade_targets = g_ptr_array_new_with_free_func ((GDestroyNotify) target_free);
  if (!kdcc_ceph_version_parse (running, &version))
    {
      check->state = KDCC_RELEASE_STATE_UNKNOWN_VERSION;
      return check;
    }

  check->running = kdcc_ceph_version_to_string (&version);
  check->major = version.major;
  release = find_release (self, version.major);
  newest_known = g_ptr_array_index (self->releases, self->releases->len - 1);

  if (release == NULL)
    {
      /* Older than the catalog reaches (Octopus and before), or newer than
       * it knows: only the second says the catalog is out of date. */
      check->state = version.major > newest_known->major ? KDCC_RELEASE_STATE_CATALOG_OUTDATED
                                                         : KDCC_RELEASE_STATE_UNKNOWN_VERSION;
      check->newest = g_strdup (check->running);
    }
  else
    {
      int cmp = kdcc_ceph_version_compare (&version, &release->latest);

      check->release_name = g_strdup (release->name);
      check->end_of_life = g_strdup (release->end_of_life);
      check->end_of_life_estimated = release->end_of_life_estimated;
      if (cmp > 0)
        {
          check->state = KDCC_RELEASE_STATE_CATALOG_OUTDATED;
          check->newest = g_strdup (check->running);
        }
      else
        {
          check->state = cmp == 0 ? KDCC_RELEASE_STATE_CURRENT
                                  : KDCC_RELEASE_STATE_UPDATE_AVAILABLE;
          check->newest = kdcc_ceph_version_to_string (&release->latest);
          check->newest_released = g_strdup (release->latest_released);
        }

      if (release->end_of_life != NULL)
        {
          g_autoptr(GDateTime) eol = date_at_midnight (release->end_of_life);
          g_autoptr(GDateTime) now = now_utc != NULL ? g_date_time_ref (now_utc)
                                                     : g_date_time_new_now_utc ();

          check->is_end_of_life = eol != NULL && g_date_time_compare (now, eol) >= 0;
        }
    }

  /* Ceph upgrades skip at most one major release. */
  for (guint i = 0; i < self->releases->len; i++)
    {
      Release *r = g_ptr_array_index (self->releases, i);
      KdccReleaseTarget *target;

      if (r->major <= version.major || r->major > version.major + 2)
        continue;
      target = g_new0 (KdccReleaseTarget, 1);
      target->name = g_strdup (r->name);
      target->major = r->major;
      target->newest = kdcc_ceph_version_to_string (&r->latest);
      g_ptr_array_add (check->upgrade_targets, target);
    }

  return check;
}

KdccVersionServiceState
kdcc_release_catalog_get_version_service_state (KdccReleaseCatalog *self)
{
  g_return_val_if_fail (KDCC_IS_RELEASE_CATALOG (self), KDCC_VERSION_SERVICE_NOT_ASKED);

  return self->service_state;
}

const char *
kdcc_release_catalog_get_version_service_message (KdccReleaseCatalog *self)
{
  g_return_val_if_fail (KDCC_IS_RELEASE_CATALOG (self), NULL);

  return self->service_message;
}

void
_kdcc_release_catalog_set_service (KdccReleaseCatalog      *self,
                                   KdccVersionServiceState  state,
                                   const char              *message)
{
  if (state != self->service_state)
    {
      self->service_state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VERSION_SERVICE_STATE]);
    }
  if (g_strcmp0 (message, self->service_message) != 0)
    {
      g_free (self->service_message);
      self->service_message = g_strdup (message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VERSION_SERVICE_MESSAGE]);
    }
}

gboolean
_kdcc_release_catalog_apply_newest (KdccReleaseCatalog    *self,
                                    const KdccCephVersion *newest)
{
  Release *release = find_release (self, newest->major);

  if (release == NULL)
    {
      /* A release the catalog does not know yet: its name comes with the
       * next catalog; until then it is called by its number. */
      release = g_new0 (Release, 1);
      release->name = g_strdup_printf ("%u", newest->major);
      release->major = newest->major;
      release->latest = *newest;
      g_ptr_array_add (self->releases, release);
      g_ptr_array_sort (self->releases, compare_release);
      return TRUE;
    }

  if (kdcc_ceph_version_compare (newest, &release->latest) <= 0)
    return FALSE;

  release->latest = *newest;
  /* The service does not say when it was released. */
  g_clear_pointer (&release->latest_released, g_free);
  return TRUE;
}
