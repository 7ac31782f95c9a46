/* kdcc-subject.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-subject"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kdcc-error.h"
#include "kdcc-subject.h"

struct _KdccSubject
{
  KdccSubjectKind  kind;
  gint64           osd_id;
  char            *name;
};

G_DEFINE_BOXED_TYPE (KdccSubject, kdcc_subject, kdcc_subject_copy, kdcc_subject_free)

/* The kinds that carry a name, with the prefix before it. */
static const struct
{
  KdccSubjectKind  kind;
  const char      *prefix;
} named_kinds[] = {
  { KDCC_SUBJECT_POOL, "pool/" },
  { KDCC_SUBJECT_HOST, "host/" },
  { KDCC_SUBJECT_HEALTH_CHECK, "health/" },
  { KDCC_SUBJECT_OSDS, "osds/" },
  { KDCC_SUBJECT_PGS, "pgs/" },
};

/* The kinds that are one word and nothing else. */
static const struct
{
  KdccSubjectKind  kind;
  const char      *word;
} list_kinds[] = {
  { KDCC_SUBJECT_PGS, "pgs" },
  { KDCC_SUBJECT_MONS, "mons" },
  { KDCC_SUBJECT_MGRS, "mgrs" },
  { KDCC_SUBJECT_OSDS, "osds" },
  { KDCC_SUBJECT_POOLS, "pools" },
  { KDCC_SUBJECT_HOSTS, "hosts" },
};

static gboolean
name_is_valid (KdccSubjectKind  kind,
               const char      *name)
{
  if (name == NULL || *name == '\0' || !g_utf8_validate (name, -1, NULL))
    return FALSE;

  for (const char *p = name; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c < 0x20 || c == 0x7f)
        return FALSE;

      switch (kind)
        {
        case KDCC_SUBJECT_HEALTH_CHECK:
        case KDCC_SUBJECT_PGS:
          if (!(g_ascii_isupper (c) || g_ascii_isdigit (c) || c == '_'))
            return FALSE;
          break;
        case KDCC_SUBJECT_HOST:
          if (c == '/' || c == ' ')
            return FALSE;
          break;
        case KDCC_SUBJECT_POOL:
          break;
        case KDCC_SUBJECT_OSDS:
          if (!g_ascii_islower (c))
            return FALSE;
          break;
        case KDCC_SUBJECT_OSD:
        case KDCC_SUBJECT_MONS:
        case KDCC_SUBJECT_MGRS:
        case KDCC_SUBJECT_POOLS:
        case KDCC_SUBJECT_HOSTS:
        default:
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
parse_osd_id (const char *digits,
              gint64     *id)
{
  guint64 value = 0;

  /* Decimal digits only: no sign, no spaces, no "0x". */
  if (*digits == '\0')
    return FALSE;
  for (const char *p = digits; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
      value = value * 10 + (guint64) (*p - '0');
      if (value > G_MAXINT32)
        return FALSE;
    }

  *id = (gint64) value;
  return TRUE;
}

KdccSubject *
kdcc_subject_parse (const char  *text,
                    GError     **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (text != NULL)
    {
      gint64 id;

      if (g_str_has_prefix (text, "osd.") && parse_osd_id (text + strlen ("osd."), &id))
        return kdcc_subject_new_osd (id);

      for (guint i = 0; i < G_N_ELEMENTS (named_kinds); i++)
        if (g_str_has_prefix (text, named_kinds[i].prefix))
          {
            KdccSubject *subject = kdcc_subject_new (named_kinds[i].kind,
                                                     text + strlen (named_kinds[i].prefix));

            if (subject != NULL)
              return subject;
          }

      for (guint i = 0; i < G_N_ELEMENTS (list_kinds); i++)
        if (g_str_equal (text, list_kinds[i].word))
          return kdcc_subject_new (list_kinds[i].kind, NULL);
    }

  g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
               /* Translators: %s is what was given; the rest lists the accepted forms */
               _("“%s” is not something to show: use osd.ID, pool/NAME, host/NAME, "
                 "health/CODE, pgs, mons, mgrs, osds, pools or hosts"),
               text != NULL ? text : "");
  return NULL;
}

KdccSubject *
kdcc_subject_new_osd (gint64 id)
{
  KdccSubject *self;

  g_return_val_if_fail (id >= 0 && id <= G_MAXINT32, NULL);

  self = g_new0 (KdccSubject, 1);
  self->kind = KDCC_SUBJECT_OSD;
  self->osd_id = id;

  return self;
}

KdccSubject *
kdcc_subject_new (KdccSubjectKind  kind,
                  const char      *name)
{
  KdccSubject *self;

  switch (kind)
    {
    case KDCC_SUBJECT_POOL:
    case KDCC_SUBJECT_HOST:
    case KDCC_SUBJECT_HEALTH_CHECK:
      if (!name_is_valid (kind, name))
        return NULL;
      break;
    case KDCC_SUBJECT_MONS:
    case KDCC_SUBJECT_MGRS:
    case KDCC_SUBJECT_POOLS:
    case KDCC_SUBJECT_HOSTS:
      if (name != NULL)
        return NULL;
      break;
    case KDCC_SUBJECT_OSDS:
    case KDCC_SUBJECT_PGS:
      if (name != NULL && !name_is_valid (kind, name))
        return NULL;
      break;
    case KDCC_SUBJECT_OSD:
    default:
      /* OSDs are numbered: kdcc_subject_new_osd(). */
      return NULL;
    }

  self = g_new0 (KdccSubject, 1);
  self->kind = kind;
  self->osd_id = -1;
  self->name = g_strdup (name);

  return self;
}

KdccSubject *
kdcc_subject_copy (const KdccSubject *self)
{
  KdccSubject *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (KdccSubject, 1);
  copy->kind = self->kind;
  copy->osd_id = self->osd_id;
  copy->name = g_strdup (self->name);

  return copy;
}

void
kdcc_subject_free (KdccSubject *self)
{
  if (self == NULL)
    return;

  g_free (self->name);
  g_free (self);
}

gboolean
kdcc_subject_equal (const KdccSubject *a,
                    const KdccSubject *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  return a->kind == b->kind && a->osd_id == b->osd_id && g_strcmp0 (a->name, b->name) == 0;
}

KdccSubjectKind
kdcc_subject_get_kind (const KdccSubject *self)
{
  g_return_val_if_fail (self != NULL, KDCC_SUBJECT_OSD);

  return self->kind;
}

const char *
kdcc_subject_get_name (const KdccSubject *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->name;
}

gint64
kdcc_subject_get_osd_id (const KdccSubject *self)
{
  g_return_val_if_fail (self != NULL, -1);

  return self->kind == KDCC_SUBJECT_OSD ? self->osd_id : -1;
}

char *
kdcc_subject_to_string (const KdccSubject *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  switch (self->kind)
    {
    case KDCC_SUBJECT_OSD:
      return g_strdup_printf ("osd.%" G_GINT64_FORMAT, self->osd_id);
    case KDCC_SUBJECT_POOL:
    case KDCC_SUBJECT_HOST:
    case KDCC_SUBJECT_HEALTH_CHECK:
      for (guint i = 0; i < G_N_ELEMENTS (named_kinds); i++)
        if (named_kinds[i].kind == self->kind)
          return g_strconcat (named_kinds[i].prefix, self->name, NULL);
      break;
    case KDCC_SUBJECT_OSDS:
      if (self->name != NULL)
        return g_strconcat ("osds/", self->name, NULL);
      break;
    case KDCC_SUBJECT_PGS:
      if (self->name != NULL)
        return g_strconcat ("pgs/", self->name, NULL);
      break;
    case KDCC_SUBJECT_MONS:
    case KDCC_SUBJECT_MGRS:
    default:
      break;
    }

  return g_strdup (kdcc_subject_kind_to_string (self->kind));
}

const char *
kdcc_subject_kind_to_string (KdccSubjectKind kind)
{
  switch (kind)
    {
    case KDCC_SUBJECT_OSD:
      return "osd";
    case KDCC_SUBJECT_POOL:
      return "pool";
    case KDCC_SUBJECT_HOST:
      return "host";
    case KDCC_SUBJECT_HEALTH_CHECK:
      return "health";
    case KDCC_SUBJECT_PGS:
      return "pgs";
    case KDCC_SUBJECT_MONS:
      return "mons";
    case KDCC_SUBJECT_MGRS:
      return "mgrs";
    case KDCC_SUBJECT_OSDS:
      return "osds";
    case KDCC_SUBJECT_POOLS:
      return "pools";
    case KDCC_SUBJECT_HOSTS:
      return "hosts";
    default:
      return "unknown";
    }
}
