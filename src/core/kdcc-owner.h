/* kdcc-owner.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The thread an object belongs to, and the main context that thread runs:
 * where its signals must be emitted and its lists changed, whichever
 * thread found the news. */
typedef struct
{
  GMainContext *context;
  GThread      *thread;
} KdccOwner;

void     kdcc_owner_init       (KdccOwner       *owner);
void     kdcc_owner_clear      (KdccOwner       *owner);
gboolean kdcc_owner_is_current (const KdccOwner *owner);
void     kdcc_owner_invoke     (const KdccOwner *owner,
                                int              priority,
                                GSourceFunc      function,
                                gpointer         data,
                                GDestroyNotify   notify);

void     kdcc_context_post     (GMainContext    *context,
                                int              priority,
                                GSourceFunc      function,
                                gpointer         data,
                                GDestroyNotify   notify);

G_END_DECLS
