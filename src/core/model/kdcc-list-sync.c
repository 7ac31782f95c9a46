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

void
kdcc_list_sync_apply (const KdccListSync *sync,
                      GListStore         *store,
                      GPtrArray          *elements)
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
  guint last_from = 0;
  guint i;

  g_return_if_fail (sync != NULL);
  g_return_if_fail (sync->element_key != NULL && sync->item_key != NULL);
  g_return_if_fail (sync->create != NULL && sync->update != NULL);
  g_return_if_fail (G_IS_LIST_STORE (store));
  g_return_if_fail (elements != NULL);

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

      sync->update (item, element);
      g_ptr_array_add (wanted, item);
    }

  remove_vanished (store, n_old, claimed);
  if (same_order)
    insert_new_runs (store, wanted, from);
  else
    replace_middle (store, old_items, claimed, wanted);
}
