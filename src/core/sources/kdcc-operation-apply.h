/* kdcc-operation-apply.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "kdcc-source.h"

G_BEGIN_DECLS

/*< private >*/
/* How each transport applies operations and reads them back; the
 * KdccSourceInterface vfuncs of the librados and the Dashboard source.
 * Apart from the sources' main files so those stay about fetching. */
gboolean  _kdcc_rados_apply_operation     (KdccSource     *source,
                                           KdccOperation  *operation,
                                           GCancellable   *cancellable,
                                           GError        **error);
gboolean  _kdcc_rados_read_back           (KdccSource     *source,
                                           KdccOperation  *operation,
                                           char          **value,
                                           GCancellable   *cancellable,
                                           GError        **error);
gboolean  _kdcc_dashboard_apply_operation (KdccSource     *source,
                                           KdccOperation  *operation,
                                           GCancellable   *cancellable,
                                           GError        **error);
gboolean  _kdcc_dashboard_read_back       (KdccSource     *source,
                                           KdccOperation  *operation,
                                           char          **value,
                                           GCancellable   *cancellable,
                                           GError        **error);

/* The Dashboard SSO and account operations: mgr commands
 * (kdcc-rados-sso.c). */
gboolean  _kdcc_rados_sso_apply           (KdccSource     *source,
                                           KdccOperation  *operation,
                                           GCancellable   *cancellable,
                                           GError        **error);
gboolean  _kdcc_rados_sso_read_back       (KdccSource     *source,
                                           KdccOperation  *operation,
                                           char          **value,
                                           GCancellable   *cancellable,
                                           GError        **error);

/* A scalar JSON value as text: strings as they are, integers in decimal,
 * other numbers in their shortest exact form, booleans as true/false;
 * NULL for null or a container. */
char     *_kdcc_operation_node_to_text    (JsonNode       *node);

/* Member NAME of OBJECT when it is an array (an object); NULL otherwise.
 * Lenient on purpose: a read back that finds nothing reports "unset". */
static inline JsonArray *
_kdcc_member_array (JsonObject *object,
                    const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static inline JsonObject *
_kdcc_member_object (JsonObject *object,
                     const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* Element I of ARRAY when it is an object; NULL otherwise. */
static inline JsonObject *
_kdcc_element_object (JsonArray *array,
                      guint      i)
{
  JsonNode *node = json_array_get_element (array, i);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

G_END_DECLS
