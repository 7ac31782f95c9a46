/* kdcc-model-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Small helpers shared by the model items so every setter has the same
 * "assign and report whether the value really changed" shape; the callers
 * notify only when these return TRUE. */

/* The update functions of the model items set a field from snapshot data
 * and notify its property only when the value changed. They expect `self`,
 * a `properties` array, `gboolean changed` and `gboolean frozen` (FALSE at
 * the start) in scope, and end with KDCC_UPDATE_END().
 *
 * KDCC_NOTIFY() freezes the item's notifications at the first change, so
 * handlers still see the item whole (all its fields updated) when
 * KDCC_UPDATE_END() thaws them; but an update that changes nothing never
 * touches the notify queue. A refresh applies every item of a list, most
 * of them unchanged: for 100,000 PGs a freeze and a thaw each were a fifth
 * of the sync's main-thread time (bench-pg-page, perf). */
#define KDCC_NOTIFY(prop)                                                   \
  G_STMT_START {                                                           \
    if (!frozen)                                                           \
      {                                                                    \
        g_object_freeze_notify (G_OBJECT (self));                          \
        frozen = TRUE;                                                     \
      }                                                                    \
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);          \
  } G_STMT_END

#define KDCC_UPDATE_END()                                                   \
  G_STMT_START {                                                           \
    if (frozen)                                                            \
      g_object_thaw_notify (G_OBJECT (self));                              \
  } G_STMT_END

#define KDCC_UPDATE_SCALAR(field, value, prop)                              \
  G_STMT_START {                                                           \
    if (self->field != (value))                                            \
      {                                                                    \
        self->field = (value);                                             \
        KDCC_NOTIFY (prop);                                                \
        changed = TRUE;                                                    \
      }                                                                    \
  } G_STMT_END

#define KDCC_UPDATE_STRING(field, value, prop)                              \
  G_STMT_START {                                                           \
    if (_kdcc_set_string (&self->field, (value)))                          \
      {                                                                    \
        KDCC_NOTIFY (prop);                                                \
        changed = TRUE;                                                    \
      }                                                                    \
  } G_STMT_END

static inline gboolean
_kdcc_set_string (char       **field,
                  const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

/* Compares a NULL-terminated string vector with a GPtrArray of strings;
 * a NULL array counts as empty. */
static inline gboolean
_kdcc_strv_equals_array (const char * const *strv,
                         const GPtrArray    *array)
{
  guint n = array != NULL ? array->len : 0;
  guint i;

  for (i = 0; i < n; i++)
    {
      if (strv == NULL || strv[i] == NULL)
        return FALSE;
      if (g_strcmp0 (strv[i], g_ptr_array_index (array, i)) != 0)
        return FALSE;
    }
  return strv == NULL || strv[n] == NULL;
}

static inline char **
_kdcc_strv_from_array (const GPtrArray *array)
{
  guint n = array != NULL ? array->len : 0;
  char **strv = g_new0 (char *, n + 1);
  guint i;

  for (i = 0; i < n; i++)
    strv[i] = g_strdup (g_ptr_array_index (array, i));
  return strv;
}

G_END_DECLS
