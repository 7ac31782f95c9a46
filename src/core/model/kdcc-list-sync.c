/* kdcc-list-sync.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-list-sync"

#include "config.h"

#include "kdcc-list-sync.h"

/* How a snapshot's list becomes a diff.
 *
 * Every item of the store and every new item gets a slot: slots below
 * n_old are the store's items in their current order, the ones above are
 * items created during this sync. A key -> slot hash is built from the
 * store (O(n)); each element, in the wanted order, claims the slot of its
 * key (a second element with a claimed key is a duplicate and is left
 * out) or creates a new item in a fresh slot. Every item still present is
 * updated in place, so only its changed properties notify. The store then
 * goes from "old order" to "new order" with as few items-changed
 * emissions as we can manage cheaply:
 *
 *  1. runs of unclaimed (vanished) slots are removed, one splice per run,
 *     back to front so the positions of runs still to remove stay valid;
 *  2. if the surviving items keep their relative order (their old slots
 *     increase along the wanted list; always true for lists ordered by
 *     their key, such as OSDs, pools and hosts), new items are inserted at
 *     their positions, one splice per run;
 *  3. otherwise (a health check changed severity, a PG state count moved
 *     it up the list) the differing middle between the common prefix and
 *     the common suffix is replaced in one splice. Lists ordered by a value
 *     are short, so one splice is simpler than a minimal move sequence.
 *
 * Working on slots rather than on item pointers keeps the no-change path
 * to one key comparison per element: while the wanted list repeats the
 * store's keys in order (a refresh of a list ordered by its key), element i
 * claims slot i directly, and the hash is built only at the first
 * difference. A 100,000-PG snapshot with one PG changed costs O(n) without
 * hashing, one notify on that PG and no items-changed. */

#define SLOT_NEW G_MAXUINT

/* The digest fast path (descriptors with element_digest).
 *
 * After a sync in which every element became the item at its own index
 * (no element left out, none moved by the sort), the store keeps the
 * elements' digests in that order as qdata. The next sync of a list of the
 * same length compares digest i with the kept one i: equal means the same
 * key at the same place with the same content, so the item is left alone
 * without touching it (its memory, the key, the sort check: what cost a
 * 100,000-PG refresh tens of milliseconds of cache misses). The few that
 * differ must still have the item's key and keep the order with their
 * neighbours; then only they are updated. Anything else (a key came, went
 * or moved, an unknown digest, many changes) takes the full path, which
 * keeps new digests only if the list ended up in element order. A digest
 * collision (64 bits) would leave one item stale until it changes again,
 * as the list digests already accept. */
#define DIGESTS_KEY "kdcc-list-sync-digests"

static GQuark
digests_quark (void)
{
  static GQuark quark;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string (DIGESTS_KEY);
  return quark;
}

/* Returns FALSE, having changed nothing, when the full path is needed. */
static gboolean
apply_by_digest (const KdccListSync *sync,
                 GListStore         *store,
                 GPtrArray          *elements,
                 const guint64      *digests,
                 GArray             *kept,
                 GArray             *updated)
{
  GListModel *model = G_LIST_MODEL (store);
  guint64 *old = (guint64 *) (gpointer) kept->data;
  g_autoptr(GArray) changed = NULL;
  guint max_changed = MAX (8, elements->len / 16);

  if (kept->len != elements->len || g_list_model_get_n_items (model) != elements->len)
    return FALSE;

  for (guint i = 0; i < elements->len; i++)
    {
      guint64 digest = digests != NULL ? digests[i]
                                       : sync->element_digest (g_ptr_array_index (elements, i));

      if (G_LIKELY (digest == old[i] && digest != 0))
        continue;
      if (digest == 0)
        return FALSE;
      if (changed == NULL)
        changed = g_array_new (FALSE, FALSE, sizeof (guint));
      if (changed->len == max_changed)
        return FALSE;
      g_array_append_val (changed, i);
    }

  /* Check every changed element before the first update: the full path
   * must find the store as it was. */
  for (guint c = 0; changed != NULL && c < changed->len; c++)
    {
      guint i = g_array_index (changed, guint, c);
      gconstpointer element = g_ptr_array_index (elements, i);
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      KdccListKey key = { 0, NULL };
      KdccListKey item_key = { 0, NULL };

      if (!sync->element_key (element, &key))
        return FALSE;
      sync->item_key (item, &item_key);
      if (sync->key_kind == KDCC_LIST_KEY_INT64 ? key.number != item_key.number
                                                : g_strcmp0 (key.string, item_key.string) != 0)
        return FALSE;
      if (sync->compare != NULL
          && ((i > 0 && sync->compare (g_ptr_array_index (elements, i - 1), element) > 0)
              || (i + 1 < elements->len
                  && sync->compare (element, g_ptr_array_index (elements, i + 1)) > 0)))
        return FALSE;
    }

  for (guint c = 0; changed != NULL && c < changed->len; c++)
    {
      guint i = g_array_index (changed, guint, c);
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      gconstpointer element = g_ptr_array_index (elements, i);

      sync->update (item, element);
      old[i] = digests != NULL ? digests[i] : sync->element_digest (element);
    }
  if (updated != NULL && changed != NULL)
    g_array_append_vals (updated, changed->data, changed->len);
  return TRUE;
}

/* Any other change to the store (a splice of ours included: the digests
 * are kept again after it) forgets the digests. */
static void
forget_digests_cb (GListModel *model,
                   guint       position,
                   guint       removed,
                   guint       added,
                   gpointer    user_data)
{
  g_object_set_qdata (G_OBJECT (model), digests_quark (), NULL);
}

/* After the full path: keeps the digests when element i is item i. */
static void
keep_digests (const KdccListSync *sync,
              GListStore         *store,
              GPtrArray          *elements,
              const guint64      *digests,
              GPtrArray          *view,
              guint               n_wanted)
{
  g_autoptr(GArray) kept = NULL;

  if (sync->element_digest == NULL)
    return;
  if (n_wanted != elements->len || view->len != elements->len)
    {
      g_object_set_qdata (G_OBJECT (store), digests_quark (), NULL);
      return;
    }
  if (g_object_get_data (G_OBJECT (store), DIGESTS_KEY "-watched") == NULL)
    {
      g_signal_connect (store, "items-changed", G_CALLBACK (forget_digests_cb), NULL);
      g_object_set_data (G_OBJECT (store), DIGESTS_KEY "-watched", GINT_TO_POINTER (TRUE));
    }
  kept = g_array_sized_new (FALSE, FALSE, sizeof (guint64), elements->len);
  for (guint i = 0; i < elements->len; i++)
    {
      guint64 digest;

      /* The view is a sorted copy only when the elements were out of order. */
      if (g_ptr_array_index (view, i) != g_ptr_array_index (elements, i))
        {
          g_object_set_qdata (G_OBJECT (store), digests_quark (), NULL);
          return;
        }
      digest = digests != NULL ? digests[i] : sync->element_digest (g_ptr_array_index (elements, i));
      g_array_append_val (kept, digest);
    }
  g_object_set_qdata_full (G_OBJECT (store), digests_quark (), g_steal_pointer (&kept),
                           (GDestroyNotify) g_array_unref);
}

static guint
key_int64_hash (gconstpointer key)
{
  return g_int64_hash (&((const KdccListKey *) key)->number);
}

static gboolean
key_int64_equal (gconstpointer a,
                 gconstpointer b)
{
  return ((const KdccListKey *) a)->number == ((const KdccListKey *) b)->number;
}

static guint
key_string_hash (gconstpointer key)
{
  const char *string = ((const KdccListKey *) key)->string;

  return string != NULL ? g_str_hash (string) : 0;
}

static gboolean
key_string_equal (gconstpointer a,
                  gconstpointer b)
{
  return g_strcmp0 (((const KdccListKey *) a)->string, ((const KdccListKey *) b)->string) == 0;
}

static int
compare_elements_cb (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  const KdccListSync *sync = user_data;

  return sync->compare (*(gconstpointer const *) a, *(gconstpointer const *) b);
}

/* Returns a borrowed view of @elements in the descriptor's order. The
 * O(n log n) sort is skipped when a linear check says it is not needed. */
static GPtrArray *
ordered_view (const KdccListSync *sync,
              GPtrArray          *elements)
{
  GPtrArray *view = g_ptr_array_sized_new (elements->len);
  gboolean sorted = TRUE;
  guint i;

  for (i = 0; i < elements->len; i++)
    {
      g_ptr_array_add (view, g_ptr_array_index (elements, i));
      if (sorted && sync->compare != NULL && i > 0 &&
          sync->compare (g_ptr_array_index (elements, i - 1),
                         g_ptr_array_index (elements, i)) > 0)
        sorted = FALSE;
    }
  if (!sorted)
    g_ptr_array_sort_with_data (view, compare_elements_cb, (gpointer) sync);
  return view;
}

/* Step 1 of the design note: drops the store's unclaimed slots. */
static void
remove_vanished (GListStore   *store,
                 guint         n_old,
                 const guint8 *claimed)
{
  guint i = n_old;

  while (i > 0)
    {
      guint end = i;

      if (claimed[i - 1])
        {
          i--;
          continue;
        }
      while (i > 0 && !claimed[i - 1])
        i--;
      g_list_store_splice (store, i, end - i, NULL, 0);
    }
}

/* Step 2: the survivors are in order, so only runs of new items go in. */
static void
insert_new_runs (GListStore  *store,
                 GPtrArray   *wanted,
                 const guint *from)
{
  guint pos = 0;
  guint run_start = 0;
  guint run_len = 0;
  guint i;

  for (i = 0; i <= wanted->len; i++)
    {
      if (i < wanted->len && from[i] == SLOT_NEW)
        {
          if (run_len == 0)
            run_start = i;
          run_len++;
          continue;
        }

      if (run_len > 0)
        {
          g_list_store_splice (store, pos, 0, &wanted->pdata[run_start], run_len);
          pos += run_len;
          run_len = 0;
        }
      pos++;
    }
}

/* Step 3: the survivors moved; replace the differing middle at once. */
static void
replace_middle (GListStore   *store,
                GPtrArray    *old_items,
                const guint8 *claimed,
                GPtrArray    *wanted)
{
  g_autoptr(GPtrArray) current = g_ptr_array_sized_new (old_items->len);
  guint prefix = 0;
  guint suffix = 0;
  guint n_cur;
  guint i;

  for (i = 0; i < old_items->len; i++)
    if (claimed[i])
      g_ptr_array_add (current, g_ptr_array_index (old_items, i));
  n_cur = current->len;

  while (prefix < n_cur && prefix < wanted->len &&
         g_ptr_array_index (current, prefix) == g_ptr_array_index (wanted, prefix))
    prefix++;
  while (suffix < n_cur - prefix && suffix < wanted->len - prefix &&
         g_ptr_array_index (current, n_cur - 1 - suffix) ==
         g_ptr_array_index (wanted, wanted->len - 1 - suffix))
    suffix++;

  g_list_store_splice (store, prefix, n_cur - prefix - suffix,
                       &wanted->pdata[prefix], wanted->len - prefix - suffix);
}

gboolean
kdcc_list_sync_apply_tracked (const KdccListSync *sync,
                              GListStore         *store,
                              GPtrArray          *elements,
                              const GArray       *digests,
                              GArray             *updated)
{
  GListModel *model;
  guint n_old;
  guint n_slots;
  guint n_keys;
  g_autoptr(GPtrArray) old_items = NULL;
  g_autoptr(GHashTable) index = NULL;
  g_autoptr(GPtrArray) view = NULL;
  g_autoptr(GPtrArray) wanted = NULL;
  g_autofree KdccListKey *keys = NULL;
  g_autofree guint8 *claimed = NULL;
  g_autofree guint *from = NULL;
  GHashFunc hash;
  GEqualFunc equal;
  gboolean same_order = TRUE;
  const guint64 *old_digests = NULL;
  guint last_from = 0;
  guint i;

  g_return_val_if_fail (sync != NULL, FALSE);
  g_return_val_if_fail (sync->element_key != NULL && sync->item_key != NULL, FALSE);
  g_return_val_if_fail (sync->create != NULL && sync->update != NULL, FALSE);
  g_return_val_if_fail (G_IS_LIST_STORE (store), FALSE);
  g_return_val_if_fail (elements != NULL, FALSE);
  g_return_val_if_fail (updated == NULL || g_array_get_element_size (updated) == sizeof (guint), FALSE);
  g_return_val_if_fail (digests == NULL || (sync->element_digest != NULL &&
                                            g_array_get_element_size ((GArray *) digests) == sizeof (guint64) &&
                                            digests->len == elements->len), FALSE);

  if (sync->element_digest != NULL)
    {
      GArray *kept = g_object_get_qdata (G_OBJECT (store), digests_quark ());

      if (kept != NULL && apply_by_digest (sync, store, elements,
                                           digests != NULL ? (const guint64 *) (gpointer) digests->data : NULL,
                                           kept, updated))
        return TRUE;
    }

  model = G_LIST_MODEL (store);
  n_old = g_list_model_get_n_items (model);
  n_slots = n_old + elements->len;

  /* The references keep the keys borrowed from old items valid, and the
   * survivors alive while the vanished ones are spliced out. */
  old_items = g_ptr_array_new_full (n_old, g_object_unref);
  keys = g_new (KdccListKey, n_slots + 1);
  claimed = g_new0 (guint8, n_slots + 1);
  from = g_new (guint, elements->len + 1);
  if (sync->key_kind == KDCC_LIST_KEY_INT64)
    {
      hash = key_int64_hash;
      equal = key_int64_equal;
    }
  else
    {
      hash = key_string_hash;
      equal = key_string_equal;
    }

  for (i = 0; i < n_old; i++)
    {
      gpointer item = g_list_model_get_item (model, i);

      g_ptr_array_add (old_items, item);
      keys[i] = (KdccListKey) { 0, NULL };
      sync->item_key (item, &keys[i]);
    }

  view = ordered_view (sync, elements);
  wanted = g_ptr_array_new_full (view->len, g_object_unref);
  n_keys = n_old;
  /* Digests kept from the last sync, by old position: an item whose
   * element brings the same digest is already up to date (the problem
   * PGs' list changes length whenever a PG becomes or stops being one,
   * and each update compares every field of the PG). */
  if (sync->element_digest != NULL)
    {
      GArray *kept = g_object_get_qdata (G_OBJECT (store), digests_quark ());

      if (kept != NULL && kept->len == n_old)
        old_digests = (const guint64 *) (gpointer) kept->data;
    }

  for (i = 0; i < view->len; i++)
    {
      gconstpointer element = g_ptr_array_index (view, i);
      KdccListKey *key = &keys[n_keys];
      gpointer found;
      gpointer item;
      guint slot;

      *key = (KdccListKey) { 0, NULL };
      if (!sync->element_key (element, key))
        continue;

      /* The common prefix: while the wanted list repeats the store's keys
       * in the store's order, element i finds slot i by one comparison
       * (the store's keys are unique, so the hash would find the same
       * slot). The first difference builds the hash from every old key,
       * the prefix's included so later duplicates of them are still seen. */
      if (index == NULL && wanted->len < n_old && equal (key, &keys[wanted->len]))
        found = GUINT_TO_POINTER (wanted->len + 1);
      else
        {
          if (index == NULL)
            {
              index = g_hash_table_new (hash, equal);
              for (guint j = 0; j < n_old; j++)
                g_hash_table_insert (index, &keys[j], GUINT_TO_POINTER (j + 1));
            }
          found = g_hash_table_lookup (index, key);
        }
      if (found != NULL)
        {
          slot = GPOINTER_TO_UINT (found) - 1;
          /* Claimed already: a duplicate key, or a key new in this sync. */
          if (claimed[slot] || slot >= n_old)
            continue;
          claimed[slot] = TRUE;
          item = g_object_ref (g_ptr_array_index (old_items, slot));
          from[wanted->len] = slot;

          if (slot < last_from)
            same_order = FALSE;
          last_from = slot;
        }
      else
        {
          /* The key stays in the index so a later duplicate is seen. */
          slot = n_keys++;
          claimed[slot] = TRUE;
          g_hash_table_insert (index, key, GUINT_TO_POINTER (slot + 1));
          item = sync->create (element);
          from[wanted->len] = SLOT_NEW;
        }

      if (old_digests == NULL || from[wanted->len] == SLOT_NEW ||
          old_digests[from[wanted->len]] == 0 ||
          old_digests[from[wanted->len]] != sync->element_digest (element))
        sync->update (item, element);
      g_ptr_array_add (wanted, item);
    }

  remove_vanished (store, n_old, claimed);
  if (same_order)
    insert_new_runs (store, wanted, from);
  else
    replace_middle (store, old_items, claimed, wanted);
  keep_digests (sync, store, elements,
                digests != NULL ? (const guint64 *) (gpointer) digests->data : NULL, view, wanted->len);
  return FALSE;
}

void
kdcc_list_sync_apply (const KdccListSync *sync,
                      GListStore         *store,
                      GPtrArray          *elements)
{
  kdcc_list_sync_apply_tracked (sync, store, elements, NULL, NULL);
}
