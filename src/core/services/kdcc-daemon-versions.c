/* kdcc-daemon-versions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-daemon-versions"

#include "config.h"

#include "kdcc-daemon-versions.h"
#include "kdcc-json.h"
#include "kdcc-snapshot.h"

static KdccDaemonVersion *
daemon_new (const char *type,
            const char *name,
            const char *version,
            gint64      count)
{
  KdccDaemonVersion *daemon = g_new0 (KdccDaemonVersion, 1);

  daemon->type = g_strdup (type);
  daemon->name = g_strdup (name);
  daemon->version = g_strdup (version);
  daemon->parsed_ok = kdcc_ceph_version_parse (version, &daemon->parsed);
  daemon->count = count;
  return daemon;
}

void
kdcc_daemon_version_free (KdccDaemonVersion *daemon)
{
  if (daemon == NULL)
    return;
  g_free (daemon->type);
  g_free (daemon->name);
  g_free (daemon->version);
  g_free (daemon);
}

KdccVersionSurvey *
kdcc_version_survey_new (const GPtrArray *versions,
                         GPtrArray       *named)
{
  KdccVersionSurvey *survey = g_new0 (KdccVersionSurvey, 1);
  KdccCephVersion newest = { 0 }, oldest = { 0 };

  survey->counted = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_daemon_version_free);
  survey->named = named;

  for (guint i = 0; versions != NULL && i < versions->len; i++)
    {
      const KdccVersionData *data = g_ptr_array_index (versions, i);
      KdccDaemonVersion *daemon;

      /* "overall" sums the others. */
      if (g_strcmp0 (data->daemon_type, "overall") == 0)
        continue;
      daemon = daemon_new (data->daemon_type, NULL, data->version, data->count);
      g_ptr_array_add (survey->counted, daemon);
      if (!daemon->parsed_ok || daemon->count <= 0)
        continue;
      if (!survey->have_versions || kdcc_ceph_version_compare (&daemon->parsed, &newest) > 0)
        newest = daemon->parsed;
      if (!survey->have_versions || kdcc_ceph_version_compare (&daemon->parsed, &oldest) < 0)
        oldest = daemon->parsed;
      survey->have_versions = TRUE;
    }

  if (survey->have_versions)
    {
      survey->newest = kdcc_ceph_version_to_string (&newest);
      survey->oldest = kdcc_ceph_version_to_string (&oldest);
      survey->mixed = kdcc_ceph_version_compare (&newest, &oldest) != 0;
    }

  return survey;
}

void
kdcc_version_survey_free (KdccVersionSurvey *survey)
{
  if (survey == NULL)
    return;
  g_clear_pointer (&survey->counted, g_ptr_array_unref);
  g_clear_pointer (&survey->named, g_ptr_array_unref);
  g_free (survey->newest);
  g_free (survey->oldest);
  g_free (survey);
}

GPtrArray *
kdcc_version_survey_dup_lagging (KdccVersionSurvey *survey)
{
  GPtrArray *behind = g_ptr_array_new ();
  GPtrArray *list;
  KdccCephVersion newest;

  if (!survey->mixed || !kdcc_ceph_version_parse (survey->newest, &newest))
    return behind;

  list = survey->named != NULL && survey->named->len > 0 ? survey->named : survey->counted;
  for (guint i = 0; i < list->len; i++)
    {
      KdccDaemonVersion *daemon = g_ptr_array_index (list, i);

      if (daemon->parsed_ok && daemon->count > 0
          && kdcc_ceph_version_compare (&daemon->parsed, &newest) < 0)
        g_ptr_array_add (behind, daemon);
    }
  return behind;
}

gboolean
kdcc_daemon_versions_parse_metadata (const char  *type,
                                     const char  *json,
                                     gssize       length,
                                     GPtrArray   *daemons,
                                     GError     **error)
{
  g_autofree char *source = g_strdup_printf ("%s metadata", type);
  g_autoptr(JsonNode) root = kdcc_json_load_root (source, json, length, JSON_NODE_ARRAY, error);
  JsonArray *array;

  if (root == NULL)
    return FALSE;

  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *item = kdcc_json_as_object (json_array_get_element (array, i));
      const char *version = kdcc_json_find_string (item, "ceph_version");
      const char *name = kdcc_json_find_string (item, "name");
      g_autofree char *full = NULL;

      if (version == NULL)
        continue;
      /* OSDs are named by number ("id"); the others by "name". */
      if (json_object_has_member (item, "id") && name == NULL)
        full = g_strdup_printf ("%s.%lld", type, (long long) kdcc_json_find_number (item, "id", -1));
      else if (name != NULL)
        full = g_strdup_printf ("%s.%s", type, name);
      else
        continue;
      g_ptr_array_add (daemons, daemon_new (type, full, version, 1));
    }

  return TRUE;
}
