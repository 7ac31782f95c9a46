/* kdcc-list-sync.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* One keyed list sync: turns a snapshot's list of plain elements (a
 * GPtrArray of KdccOsdData, KdccPoolData, ...) into a GListStore of model
 * items, so that
 *  - an item whose key is still there is the same object, updated in place
 *    (its update function notifies only the properties that changed);
 *  - items are created for new keys and dropped for vanished ones;
 *  - the store emits few items-changed: none when no key came or went and
 *    the order held, one per run of removed or inserted items otherwise,
 *    and a single splice of the differing middle when items moved.
 *
 * A list is described once by a KdccListSync, usually a static const next
 * to its item type; a new list needs a descriptor, not new diffing code. */

typedef enum
{
  KDCC_LIST_KEY_INT64,   /* KdccListKey.number: OSD id, pool id */
  KDCC_LIST_KEY_STRING,  /* KdccListKey.string: host name, check code, PG state */
} KdccListKeyKind;

/* Only the member named by the descriptor's key_kind is read. A string key
 * is borrowed: from the element, valid for the duration of the sync, or
 * from the item, valid while the item lives. */
typedef struct
{
  gint64      number;
  const char *string;
} KdccListKey;

typedef struct
{
  KdccListKeyKind key_kind;

  /* The key of a snapshot element. Returns FALSE to leave the element out
   * (it has no key, or it is not an item to show, such as an OSD id the
   * osdmap lists but that does not exist). When two elements share a key,
   * the first one in list order is kept. */
  gboolean  (*element_key) (gconstpointer  element,
                            KdccListKey   *key);
  /* The key of a model item, as element_key gave it when it was created. */
  void      (*item_key)    (gpointer       item,
                            KdccListKey   *key);
  /* A new item (full reference) for an element whose key the store does
   * not hold; update() is called on it right after. */
  gpointer  (*create)      (gconstpointer  element);
  /* Brings @item up to date with @element, notifying only the properties
   * whose values changed. */
  void      (*update)      (gpointer       item,
                            gconstpointer  element);
  /* The list's order (<0, 0, >0 as strcmp), comparing two elements; NULL
   * keeps the snapshot's order. Sources usually deliver key order, so the
   * sort is skipped when the elements are already in order. */
  int       (*compare)     (gconstpointer  a,
                            gconstpointer  b);
  /* Optional: a digest of everything element_key, update and compare read
   * of an element, computed beforehand off the main thread (reading it
   * must cost no more than a field); 0 when unknown. With it, a list that
   * comes again in the same order with the same keys costs one comparison
   * of digests per element, and only the elements whose digest changed
   * are updated. */
  guint64   (*element_digest) (gconstpointer element);
} KdccListSync;

/* Makes @store hold one item per keyed element of @elements, in the
 * descriptor's order. Main thread; @elements is only read. */
void     kdcc_list_sync_apply         (const KdccListSync *sync,
                                       GListStore         *store,
                                       GPtrArray          *elements);
/* The same, and says what changed: TRUE when the store's items were only
 * updated in place (the digest path), with their positions appended to
 * @updated in ascending order and no items-changed emitted; FALSE when it
 * may have changed otherwise (items-changed and the items' own signals
 * tell), @updated left alone. A view that sorts 100,000 PGs can then
 * move the few that changed instead of sorting them all again. @digests,
 * when not NULL, holds element_digest () of each element in order (guint64,
 * made off the main thread), read instead of reaching into each element. */
gboolean kdcc_list_sync_apply_tracked (const KdccListSync *sync,
                                       GListStore         *store,
                                       GPtrArray          *elements,
                                       const GArray       *digests,
                                       GArray             *updated);

G_END_DECLS
