/* kdcc-profile-name.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a cluster is called when nobody named it.
 */
#define G_LOG_DOMAIN "kdcc-profile"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kdcc-enums.h"
#include "kdcc-profile.h"

/* ceph.conf spells a key with spaces, underscores or dashes alike
 * ("mon host", "mon_host", "mon-host"). */
static char *
normalize_key (const char *key)
{
  char *out = g_strstrip (g_ascii_strdown (key, -1));

  for (char *p = out; *p != '\0'; p++)
    if (*p == ' ' || *p == '-' || *p == '\t')
      *p = '_';

  return out;
}

/* The first host of a mon_host value: "[v2:10.0.0.1:3300/0,v1:...]",
 * "10.0.0.1:6789,10.0.0.2", "mon1.example.com" or "[::1]:6789". */
static char *
first_host (const char *value)
{
  g_autofree char *copy = g_strdup (value);
  char *host = copy;
  char *end;

  g_strstrip (host);
  while (*host == '[' || *host == ' ')
    host++;
  host[strcspn (host, ",; \t]")] = '\0';
  if (g_str_has_prefix (host, "v1:") || g_str_has_prefix (host, "v2:"))
    host += 3;
  if ((end = strchr (host, '/')) != NULL)
    *end = '\0';

  /* An IPv6 address keeps its colons; strip a port only from a name or an
   * IPv4 address. */
  if (strchr (host, ':') == strrchr (host, ':') && (end = strchr (host, ':')) != NULL)
    *end = '\0';

  return *host != '\0' ? g_strdup (host) : NULL;
}

char *
kdcc_profile_dup_name_from_conf (const char *conf_path)
{
  g_autofree char *contents = NULL;
  g_autofree char *base = NULL;
  g_autofree char *host = NULL;
  g_autofree char *section = NULL;
  g_auto(GStrv) lines = NULL;
  char *dot;

  if (conf_path == NULL || !g_file_get_contents (conf_path, &contents, NULL, NULL))
    return NULL;

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL && host == NULL; i++)
    {
      char *line = g_strstrip (lines[i]);
      char *eq;
      g_autofree char *key = NULL;

      if (*line == '#' || *line == ';' || *line == '\0')
        continue;
      if (*line == '[')
        {
          g_free (section);
          section = g_strndup (line + 1, strcspn (line + 1, "]"));
          continue;
        }
      if ((eq = strchr (line, '=')) == NULL)
        continue;
      *eq = '\0';
      key = normalize_key (line);
      if (section == NULL)
        continue;
      if ((g_str_equal (key, "mon_host") &&
           (g_str_equal (section, "global") || g_str_equal (section, "mon"))) ||
          (g_str_equal (key, "mon_addr") && g_str_has_prefix (section, "mon.")))
        host = first_host (eq + 1);
    }

  if (host == NULL)
    return NULL;

  /* Ceph names a cluster's configuration "<cluster>.conf". */
  base = g_path_get_basename (conf_path);
  if ((dot = strrchr (base, '.')) != NULL && dot != base)
    *dot = '\0';

  /* Translators: a cluster's name from its configuration: "<Ceph cluster
   * name> at <first monitor host>", e.g. "ceph at 10.0.0.1" */
  return g_strdup_printf (_("%s at %s"), base, host);
}

char *
kdcc_profile_dup_display_name (KdccProfile *self)
{
  const char *name;

  g_return_val_if_fail (KDCC_IS_PROFILE (self), NULL);

  name = kdcc_profile_get_name (self);
  if (name != NULL && *name != '\0')
    return g_strdup (name);

  switch (kdcc_profile_get_kind (self))
    {
    case KDCC_PROFILE_KIND_DASHBOARD:
      if (kdcc_profile_get_url (self) != NULL)
        {
          g_autoptr(GUri) uri = g_uri_parse (kdcc_profile_get_url (self), G_URI_FLAGS_NONE, NULL);

          if (uri != NULL && g_uri_get_host (uri) != NULL)
            return g_strdup (g_uri_get_host (uri));
        }
      return g_strdup (_("Ceph Dashboard"));
    case KDCC_PROFILE_KIND_DIRECT:
      {
        char *from_conf = kdcc_profile_dup_name_from_conf (kdcc_profile_get_conf_path (self));

        if (from_conf != NULL)
          return from_conf;
        /* Never a path: the default cluster name is what librados uses
         * when nothing says otherwise. */
        return g_strdup (_("Ceph cluster"));
      }
    case KDCC_PROFILE_KIND_KUBERNETES:
      if (kdcc_profile_get_kube_context (self) != NULL)
        return g_strdup (kdcc_profile_get_kube_context (self));
      break;
    default:
      break;
    }

  return g_strdup (_("Unnamed connection"));
}

const char *
kdcc_profile_kind_to_string (KdccProfileKind kind)
{
  switch (kind)
    {
    case KDCC_PROFILE_KIND_DIRECT:
      return "direct";
    case KDCC_PROFILE_KIND_DASHBOARD:
      return "dashboard";
    case KDCC_PROFILE_KIND_KUBERNETES:
      return "kubernetes";
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
kdcc_profile_kind_from_string (const char      *str,
                               KdccProfileKind *kind)
{
  static const KdccProfileKind kinds[] = {
    KDCC_PROFILE_KIND_DIRECT,
    KDCC_PROFILE_KIND_DASHBOARD,
    KDCC_PROFILE_KIND_KUBERNETES,
  };

  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      if (g_strcmp0 (str, kdcc_profile_kind_to_string (kinds[i])) == 0)
        {
          if (kind != NULL)
            *kind = kinds[i];
          return TRUE;
        }
    }

  return FALSE;
}
