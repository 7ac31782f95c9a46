/* kdcc-table-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-table-model"

#include "config.h"

#include <string.h>

#include "kdcc-table-model.h"
#include "kdcc-table-row-private.h"
#include "kdcc-table.h"

/* Rows handed to the view, or dropped from it, in one frame while it
 * grows or shrinks: GTK 4.8 builds or destroys a row of cells for each
 * (~0.3 ms a row of ten cells in a release build), so a frame stays under
 * 8 ms. */
#define GROW_STEP 6
/* GTK 4.8's list view keeps up to 200 rows alive (plus a few around its
 * trackers): past this many, further rows cost the view nothing until
 * they are scrolled to, and the rest is handed over at once. */
#define GROW_PACED_UP_TO 224
/* Rows re-pointed in one frame, those on screen first: GTK built up to
 * 200 rows of ten cells, and refilling them all after a sort (~2,000
 * cells) or even a screen of them (~20 rows) costs more than a frame's
 * budget once laid out and painted. So a sort shows over two or three
 * frames, top first, and the rows off screen follow. */
#define VISIBLE_STEP 10
/* Model ----------------------------------------------------------------------- */

typedef enum
{
  SORTED_BY_SOURCE,  /* no sort: the source's order */
  SORTED_BY_KEY,     /* sort_by_key() */
  SORTED_BY_VIEW,    /* the view's sorter, item by item */
} SortedBy;

struct _KdccTableModel
{
  GObject              parent_instance;

  GType                item_type;
  GListModel          *source;
  GPtrArray           *items;      /* the source's items, owned, in its order */
  GArray              *order;      /* guint: positions in items, sorted */
  GPtrArray           *shown;      /* items, not owned: sorted and filtered */
  gboolean             sorted;     /* order is up to date */
  GArray              *keys;       /* ColumnKeys: what the columns sorted by read */
  /* How order was sorted: what kdcc_table_model_items_updated() needs to
   * put a changed item where a full sort would. */
  SortedBy             sorted_by;
  KdccTableSortKey     sort_key;   /* SORTED_BY_KEY: the primary column's */
  KdccTableTie         sort_tie;   /* and how its ties were broken */
  KdccTableSortKey     tie_key;    /* KDCC_TABLE_TIE_KEY: by this */
  guint8              *passes;     /* the filter's answer per item, by position */
  gboolean             passes_known;
  guint                n_full_sorts;

  KdccTableFilterFunc  filter;
  gpointer             filter_data;

  GtkColumnView       *view;       /* weak */
  GtkSorter           *sorter;     /* the view's */
  KdccTableRows       *rows;       /* the announced rows; past the shown ones,
                                    * blank rows waiting to be dropped */
  GPtrArray           *spare;      /* KdccTableRow, owned: announced before, not now */
  guint                tick_id;
  gboolean             stale;      /* built rows off screen wait to be re-pointed */
};

static void kdcc_table_model_list_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KdccTableModel, kdcc_table_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, kdcc_table_model_list_init))

static GType
kdcc_table_model_get_item_type (GListModel *list)
{
  return KDCC_TABLE_MODEL (list)->item_type;
}

static guint
kdcc_table_model_get_n_items (GListModel *list)
{
  return KDCC_TABLE_MODEL (list)->shown->len;
}

static gpointer
kdcc_table_model_get_item (GListModel *list,
                           guint       position)
{
  KdccTableModel *self = KDCC_TABLE_MODEL (list);

  if (position >= self->shown->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->shown, position));
}

static void
kdcc_table_model_list_init (GListModelInterface *iface)
{
  iface->get_item_type = kdcc_table_model_get_item_type;
  iface->get_n_items = kdcc_table_model_get_n_items;
  iface->get_item = kdcc_table_model_get_item;
}

static int
compare_positions (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  KdccTableModel *self = user_data;
  guint pa = *(const guint *) a;
  guint pb = *(const guint *) b;
  int result = GTK_ORDERING_EQUAL;

  if (self->sorter != NULL)
    result = gtk_sorter_compare (self->sorter, g_ptr_array_index (self->items, pa),
                                 g_ptr_array_index (self->items, pb));
  /* Equal items keep the source's order: the same rows, the same place. */
  if (result == GTK_ORDERING_EQUAL)
    result = (pa > pb) - (pa < pb);

  return result;
}

/* A row's sort key: a number key as it is, a string key as the rank of
 * its string among those of the rows sorted together. */
typedef struct
{
  double      number;
  guint       position;
} Keyed;

typedef struct
{
  KdccTableModel   *self;
  KdccTableSortKey  key;
  gboolean          full;   /* ties go to the view's sorter */
} KeyedSort;

static int
compare_key (const KdccTableSortKey *key,
             const Keyed            *ka,
             const Keyed            *kb)
{
  int result = (ka->number > kb->number) - (ka->number < kb->number);

  return key->descending ? -result : result;
}

static int
compare_keyed (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const Keyed *ka = a;
  const Keyed *kb = b;
  KeyedSort *sort = user_data;
  int result = sort->key.number != NULL || sort->key.string != NULL
               ? compare_key (&sort->key, ka, kb) : 0;

  if (result != 0)
    return result;
  if (sort->full)
    return compare_positions (&ka->position, &kb->position, sort->self);
  return (ka->position > kb->position) - (ka->position < kb->position);
}

static int
compare_strings_cb (gconstpointer a,
                    gconstpointer b)
{
  return kdcc_table_compare_strings (*(const char * const *) a, *(const char * const *) b);
}

/* One column's keys for every item (by position in items): a number key
 * as it is, a string key as the rank of its string. Read once and kept
 * until the items or their values change (the source's items-changed,
 * kdcc_table_model_resort()), so a second sort by a column, or a tie
 * broken by it, reads nothing: at 100,000 PGs the reading was 80-90 % of
 * a sort (36 ms for PG ids, 72-80 ms for states). */
typedef struct
{
  KdccTableNumberKey  number;
  KdccTableStringKey  string;
  double             *values;
  /* A string key's ranks: copies of its distinct strings, sorted, and a
   * rank (double *) for each, so a string a refresh brings can be ranked
   * between its neighbours without ranking the others again. */
  GPtrArray          *distinct;
  GHashTable         *ranks;
} ColumnKeys;

static void
column_keys_clear (gpointer data)
{
  ColumnKeys *keys = data;

  g_free (keys->values);
  g_clear_pointer (&keys->distinct, g_ptr_array_unref);
  g_clear_pointer (&keys->ranks, g_hash_table_unref);
}

static void
forget_keys (KdccTableModel *self)
{
  g_array_set_size (self->keys, 0);
}

/* Rows share few strings (100,000 PGs in a handful of states, 20 OSDs a
 * host): the distinct ones are sorted once and each row compares as its
 * string's rank, instead of ~1.7 million string comparisons at 100,000.
 * Rows in a row often share the very string (PG states are interned):
 * the last one's answer is kept rather than hashing it again. */
static void
rank_strings (ColumnKeys *keys,
              GPtrArray  *items)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree const char **strings = g_new (const char *, MAX (items->len, 1));
  const char *last = NULL;
  double last_rank = 0;

  keys->distinct = g_ptr_array_new ();
  keys->ranks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < items->len; i++)
    {
      strings[i] = keys->string (g_ptr_array_index (items, i));
      if (strings[i] != NULL && strings[i] != last && g_hash_table_add (seen, (gpointer) strings[i]))
        g_ptr_array_add (keys->distinct, (gpointer) strings[i]);
      last = strings[i];
    }
  g_ptr_array_sort (keys->distinct, compare_strings_cb);
  for (guint i = 0; i < keys->distinct->len; i++)
    {
      char *copy = g_strdup (g_ptr_array_index (keys->distinct, i));
      double *rank = g_new (double, 1);

      *rank = i + 1;
      keys->distinct->pdata[i] = copy;
      g_hash_table_insert (keys->ranks, copy, rank);
    }
  /* Unset strings sort first, as kdcc_table_compare_strings() has it. */
  last = NULL;
  for (guint i = 0; i < items->len; i++)
    {
      if (strings[i] == NULL)
        {
          keys->values[i] = 0;
          continue;
        }
      if (strings[i] != last)
        {
          last = strings[i];
          last_rank = *(double *) g_hash_table_lookup (keys->ranks, last);
        }
      keys->values[i] = last_rank;
    }
}

/* A string's rank among those ranked; one it did not have goes halfway
 * between its neighbours. FALSE when there is no room left between them
 * (after ~50 strings wedged into one gap): rank them all again. */
static gboolean
string_rank (ColumnKeys *keys,
             const char *string,
             double     *rank)
{
  double *known;
  double below = 0, above;
  char *copy;
  guint lo = 0, hi = keys->distinct->len;

  if (string == NULL)
    {
      *rank = 0;
      return TRUE;
    }
  known = g_hash_table_lookup (keys->ranks, string);
  if (known != NULL)
    {
      *rank = *known;
      return TRUE;
    }

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (kdcc_table_compare_strings (g_ptr_array_index (keys->distinct, mid), string) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo > 0)
    below = *(double *) g_hash_table_lookup (keys->ranks, g_ptr_array_index (keys->distinct, lo - 1));
  above = lo < keys->distinct->len
          ? *(double *) g_hash_table_lookup (keys->ranks, g_ptr_array_index (keys->distinct, lo))
          : below + 2;
  *rank = below + (above - below) / 2;
  if (!(*rank > below && *rank < above))
    return FALSE;

  copy = g_strdup (string);
  g_ptr_array_insert (keys->distinct, lo, copy);
  g_hash_table_insert (keys->ranks, copy, g_memdup2 (rank, sizeof *rank));
  return TRUE;
}

static const double *
column_keys (KdccTableModel         *self,
             const KdccTableSortKey *key)
{
  ColumnKeys keys = { key->number, key->string, NULL, NULL, NULL };

  for (guint i = 0; i < self->keys->len; i++)
    {
      ColumnKeys *known = &g_array_index (self->keys, ColumnKeys, i);

      if (known->number == key->number && known->string == key->string)
        return known->values;
    }

  keys.values = g_new (double, MAX (self->items->len, 1));
  if (key->string != NULL)
    rank_strings (&keys, self->items);
  else
    for (guint i = 0; i < self->items->len; i++)
      keys.values[i] = key->number != NULL ? key->number (g_ptr_array_index (self->items, i)) : 0;
  g_array_append_val (self->keys, keys);

  return keys.values;
}

static void
read_keys (KdccTableModel         *self,
           const KdccTableSortKey *key,
           Keyed                  *keyed,
           guint                   n)
{
  const double *values = column_keys (self, key);

  for (guint i = 0; i < n; i++)
    keyed[i].number = values[keyed[i].position];
}

/* Rows the primary column finds equal (a run of keyed) in the view's
 * order: by the next sort column's key when it has one, else by the
 * view's sorter. tie carries what was learnt from an earlier run. */
static void
sort_run (KdccTableModel *self,
          Keyed          *run,
          guint           n,
          KdccTableTie   *tie,
          KeyedSort      *next)
{
  if (*tie == KDCC_TABLE_TIE_EQUAL)
    {
      g_autoptr(GPtrArray) tied = g_ptr_array_sized_new (n);

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (tied, g_ptr_array_index (self->items, run[i].position));
      *tie = kdcc_table_find_tie_key (self->sorter, tied, &next->key);
    }

  switch (*tie)
    {
    case KDCC_TABLE_TIE_NONE:
      /* Already in the source's order. */
      return;
    case KDCC_TABLE_TIE_KEY:
      read_keys (self, &next->key, run, n);
      break;
    case KDCC_TABLE_TIE_SORTER:
    case KDCC_TABLE_TIE_EQUAL:
    default:
      /* No key, or one that finds this run equal: the view decides. */
      memset (&next->key, 0, sizeof next->key);
      break;
    }
  next->full = TRUE;
  g_qsort_with_data (run, n, sizeof (Keyed), compare_keyed, next);
}

/* Sorted by the primary column's key: read once per item, so the sort's
 * ~140,000 comparisons at 10,000 rows stay in this loop instead of going
 * through two GtkSorters each. Rows it finds equal (100,000 PGs in a
 * handful of states, 20 OSDs a host) are then sorted run by run by the
 * next column's key, so that they, too, stay out of the GtkSorters: at
 * 100,000 PGs by state, ~1.7 million sorter calls. */
static gboolean
sort_by_key (KdccTableModel *self)
{
  KeyedSort sort = { self };
  KeyedSort next = { self };
  KdccTableTie tie = KDCC_TABLE_TIE_EQUAL;
  g_autofree Keyed *keyed = NULL;
  guint n = self->items->len;
  guint start = 0;

  if (self->view == NULL || !kdcc_table_find_sort_key (self->sorter, self->items, &sort.key))
    return FALSE;

  keyed = g_new (Keyed, n);
  for (guint i = 0; i < n; i++)
    keyed[i].position = i;
  read_keys (self, &sort.key, keyed, n);
  g_qsort_with_data (keyed, n, sizeof (Keyed), compare_keyed, &sort);

  for (guint i = 1; i <= n && tie != KDCC_TABLE_TIE_NONE; i++)
    {
      if (i < n && compare_key (&sort.key, &keyed[start], &keyed[i]) == 0)
        continue;
      if (i - start >= 2)
        sort_run (self, keyed + start, i - start, &tie, &next);
      start = i;
    }

  for (guint i = 0; i < n; i++)
    g_array_index (self->order, guint, i) = keyed[i].position;

  self->sort_key = sort.key;
  self->sort_tie = tie;
  self->tie_key = next.key;
  return TRUE;
}

static void
ensure_sorted (KdccTableModel *self)
{
  if (self->sorted)
    return;

  g_array_set_size (self->order, self->items->len);
  for (guint i = 0; i < self->items->len; i++)
    g_array_index (self->order, guint, i) = i;
  self->sorted_by = SORTED_BY_SOURCE;
  self->n_full_sorts++;
  if (self->sorter != NULL && gtk_sorter_get_order (self->sorter) != GTK_SORTER_ORDER_NONE)
    {
      if (sort_by_key (self))
        {
          self->sorted_by = SORTED_BY_KEY;
        }
      else
        {
          g_qsort_with_data (self->order->data, self->order->len, sizeof (guint), compare_positions, self);
          self->sorted_by = SORTED_BY_VIEW;
        }
    }
  self->sorted = TRUE;
}

/* Where a full sort would put item pa relative to item pb: the primary
 * column's key, then its ties as sort_by_key() broke them. Ties it never
 * met (KDCC_TABLE_TIE_EQUAL: no two rows were equal, as PG ids never are)
 * go to the view's sorter, which orders them as any of its keys would. */
static int
compare_sorted (KdccTableModel *self,
                const double   *primary,
                const double   *tie,
                guint           pa,
                guint           pb)
{
  Keyed ka = { primary[pa], pa };
  Keyed kb = { primary[pb], pb };
  int result = compare_key (&self->sort_key, &ka, &kb);

  if (result != 0)
    return result;
  if (self->sort_tie == KDCC_TABLE_TIE_NONE)
    return (pa > pb) - (pa < pb);
  if (self->sort_tie == KDCC_TABLE_TIE_KEY)
    {
      ka.number = tie[pa];
      kb.number = tie[pb];
      result = compare_key (&self->tie_key, &ka, &kb);
      if (result != 0)
        return result;
    }
  return compare_positions (&pa, &pb, self);
}

/* The kept keys of the items at these positions, read again. A string
 * key that cannot rank a new string forgets its column. */
static void
patch_keys (KdccTableModel *self,
            const guint    *positions,
            guint           n)
{
  for (guint k = self->keys->len; k > 0; k--)
    {
      ColumnKeys *keys = &g_array_index (self->keys, ColumnKeys, k - 1);

      for (guint i = 0; i < n; i++)
        {
          gpointer item = g_ptr_array_index (self->items, positions[i]);

          if (keys->string == NULL)
            {
              keys->values[positions[i]] = keys->number != NULL ? keys->number (item) : 0;
            }
          else if (!string_rank (keys, keys->string (item), &keys->values[positions[i]]))
            {
              g_array_remove_index (self->keys, k - 1);
              break;
            }
        }
    }
}

/* Moves the items at these positions to where a full sort would put them
 * now, the others staying in their order: a binary search each instead of
 * reading every key and sorting every row again. FALSE when the order
 * cannot be patched (the view's sorter sorted it, or the direction of its
 * key was never seen), so it is sorted again in full. */
static gboolean
patch_order (KdccTableModel *self,
             const guint    *positions,
             guint           n)
{
  g_autofree guint8 *moved = NULL;
  const double *primary;
  const double *tie = NULL;
  guint *order;
  guint kept = 0;

  if (self->sorted_by == SORTED_BY_SOURCE)
    return TRUE;
  /* All rows equal by the primary column when it was sorted (every PG
   * active+clean): its direction was never seen, so a row that now
   * differs cannot be placed; a full sort tells it. */
  if (self->sorted_by != SORTED_BY_KEY || !self->sort_key.direction_known ||
      self->order->len != self->items->len)
    return FALSE;

  primary = column_keys (self, &self->sort_key);
  if (self->sort_tie == KDCC_TABLE_TIE_KEY)
    tie = column_keys (self, &self->tie_key);

  moved = g_new0 (guint8, self->items->len);
  for (guint i = 0; i < n; i++)
    moved[positions[i]] = TRUE;
  order = (guint *) (gpointer) self->order->data;
  for (guint i = 0; i < self->order->len; i++)
    if (!moved[order[i]])
      order[kept++] = order[i];
  g_array_set_size (self->order, kept);

  for (guint i = 0; i < self->items->len && kept < self->items->len; i++)
    {
      guint lo = 0, hi = self->order->len;

      if (!moved[i])
        continue;
      moved[i] = FALSE;  /* a position listed twice goes in once */
      while (lo < hi)
        {
          guint mid = lo + (hi - lo) / 2;

          if (compare_sorted (self, primary, tie, i, g_array_index (self->order, guint, mid)) > 0)
            lo = mid + 1;
          else
            hi = mid;
        }
      g_array_insert_val (self->order, lo, i);
      kept++;
    }
  return TRUE;
}

/* The filter's answer for every item, asked again only for items that
 * changed or when the filter did. */
static void
ensure_passes (KdccTableModel *self)
{
  if (self->passes_known)
    return;

  g_free (self->passes);
  self->passes = g_new (guint8, MAX (self->items->len, 1));
  for (guint i = 0; i < self->items->len; i++)
    self->passes[i] = self->filter == NULL ||
                      self->filter (g_ptr_array_index (self->items, i), self->filter_data);
  self->passes_known = TRUE;
}

static gboolean grow_tick_cb (GtkWidget     *widget,
                              GdkFrameClock *clock,
                              gpointer       user_data);

static KdccTableRow *
take_row (KdccTableModel *self)
{
  if (self->spare->len > 0)
    return g_ptr_array_steal_index (self->spare, self->spare->len - 1);

  return g_object_new (KDCC_TYPE_TABLE_ROW, NULL);
}

static guint
n_announced (KdccTableModel *self)
{
  return _kdcc_table_rows_get_array (self->rows)->len;
}

/* Hands the view up to n more rows, pointed at their items. */
static void
announce (KdccTableModel *self,
          guint           n)
{
  guint have = n_announced (self);

  n = MIN (n, self->shown->len - have);
  for (guint i = 0; i < n; i++)
    {
      KdccTableRow *row = take_row (self);

      _kdcc_table_row_set_item (row, g_ptr_array_index (self->shown, have + i));
      g_ptr_array_add (_kdcc_table_rows_get_array (self->rows), row);
    }
  if (n > 0)
    g_list_model_items_changed (G_LIST_MODEL (self->rows), have, 0, n);
}

/* Drops blank rows from the end: any number GTK built no widgets for (no
 * cell watches them), and up to max_built that it did. */
static void
drop (KdccTableModel *self,
      guint           max_built)
{
  guint have = n_announced (self);
  guint end = have;
  guint built = 0;

  while (end > self->shown->len)
    {
      KdccTableRow *row = g_ptr_array_index (_kdcc_table_rows_get_array (self->rows), end - 1);

      if (_kdcc_table_row_is_watched (row) && ++built > max_built)
        break;
      end--;
    }
  if (end == have)
    return;

  /* From the end: no move of what stays. */
  for (guint i = have; i > end; i--)
    g_ptr_array_add (self->spare, g_ptr_array_steal_index (_kdcc_table_rows_get_array (self->rows), i - 1));
  g_list_model_items_changed (G_LIST_MODEL (self->rows), end, have - end, 0);
}

static void
stop_growing (KdccTableModel *self)
{
  if (self->tick_id != 0 && self->view != NULL)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->view), self->tick_id);
  self->tick_id = 0;
}

/* The rows on screen, from the view's adjustment (the rows are all of one
 * height). */
static void
visible_range (KdccTableModel *self,
               guint          *first,
               guint          *end)
{
  guint have = n_announced (self);
  GtkAdjustment *adjustment;
  double upper, value, page, per_row;

  *first = 0;
  *end = have;
  if (self->view == NULL || have == 0)
    return;
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->view));
  if (adjustment == NULL)
    return;
  upper = gtk_adjustment_get_upper (adjustment);
  value = gtk_adjustment_get_value (adjustment);
  page = gtk_adjustment_get_page_size (adjustment);
  if (upper <= 0 || page <= 0)
    return;
  per_row = upper / have;
  *first = (guint) CLAMP (value / per_row - 1, 0, have);
  *end = (guint) CLAMP ((value + page) / per_row + 2, 0, have);
}

/* What row i should show. */
static gpointer
target (KdccTableModel *self,
        guint           i)
{
  return i < self->shown->len ? g_ptr_array_index (self->shown, i) : NULL;
}

/* Re-points rows to their items: all rows GTK built no widgets for (no
 * cell watches them: free), then up to on_screen of those in [first, end),
 * then the others while budget (shared with the screen) lasts; remembers
 * whether any is left. */
static void
repoint (KdccTableModel *self,
         guint           first,
         guint           end,
         guint           on_screen,
         guint           budget)
{
  guint have = n_announced (self);
  gboolean left = FALSE;

  for (guint i = 0; i < have; i++)
    {
      KdccTableRow *row = g_ptr_array_index (_kdcc_table_rows_get_array (self->rows), i);
      gpointer item = target (self, i);

      if (kdcc_table_row_get_item (row) == item)
        continue;
      if (!_kdcc_table_row_is_watched (row))
        {
          _kdcc_table_row_set_item (row, item);
        }
      else if (i >= first && i < end && on_screen > 0)
        {
          _kdcc_table_row_set_item (row, item);
          on_screen--;
          budget = budget > 0 ? budget - 1 : 0;
        }
    }
  for (guint i = 0; i < have; i++)
    {
      KdccTableRow *row = g_ptr_array_index (_kdcc_table_rows_get_array (self->rows), i);
      gpointer item = target (self, i);

      if (kdcc_table_row_get_item (row) == item)
        continue;
      if ((i < first || i >= end) && budget > 0)
        {
          _kdcc_table_row_set_item (row, item);
          budget--;
        }
      else
        {
          left = TRUE;
        }
    }
  self->stale = left;
}

static void
vadjustment_changed_cb (KdccTableModel *self)
{
  guint first, end;

  /* Scrolled to rows not re-pointed yet: those now, not a frame late. */
  if (!self->stale)
    return;
  visible_range (self, &first, &end);
  repoint (self, first, end, G_MAXUINT, 0);
}

/* One step of growing or shrinking; returns whether more are needed. */
static gboolean
grow (KdccTableModel *self)
{
  guint have = n_announced (self);

  /* One kind of work a frame: refilling rows first, then building or
   * destroying them. */
  if (self->stale && self->view != NULL && gtk_widget_get_mapped (GTK_WIDGET (self->view)))
    {
      guint first, end;

      visible_range (self, &first, &end);
      repoint (self, first, end, VISIBLE_STEP, VISIBLE_STEP);
      return TRUE;
    }

  if (have == self->shown->len)
    return FALSE;

  /* Unmapped, nothing is built: wait for the map. */
  if (self->view == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self->view)))
    return FALSE;

  if (have > self->shown->len)
    drop (self, GROW_STEP);
  else if (have >= GROW_PACED_UP_TO)
    announce (self, self->shown->len - have);
  else
    announce (self, GROW_STEP);

  return self->stale || n_announced (self) != self->shown->len;
}

static gboolean
grow_tick_cb (GtkWidget     *widget,
              GdkFrameClock *clock,
              gpointer       user_data)
{
  KdccTableModel *self = user_data;

  if (grow (self))
    return G_SOURCE_CONTINUE;

  self->tick_id = 0;
  return G_SOURCE_REMOVE;
}

static void
start_growing (KdccTableModel *self)
{
  gboolean more;

  if (self->tick_id != 0 || self->view == NULL)
    return;

  /* The first step of growth now, so the next frame already shows rows
   * (refilling rows on screen was this handler's own first step); the
   * next ones a frame each. */
  more = self->stale || grow (self);
  if (more && gtk_widget_get_mapped (GTK_WIDGET (self->view)))
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->view), grow_tick_cb, self, NULL);
}

/* Re-points the announced rows to what is shown now; rows past its end
 * go blank until they are dropped. Then grows or shrinks. */
static void
update_rows (KdccTableModel *self,
             guint           old_n_shown,
             gboolean        changed)
{
  guint first = 0, end = n_announced (self);

  /* Unmapped, there is no screen to keep fluid nor frames to pace by:
   * every row at once. */
  if (self->view != NULL && gtk_widget_get_mapped (GTK_WIDGET (self->view)))
    {
      visible_range (self, &first, &end);
      repoint (self, first, end, VISIBLE_STEP, 0);
    }
  else
    {
      repoint (self, first, end, G_MAXUINT, G_MAXUINT);
    }

  if (changed)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n_shown, self->shown->len);

  start_growing (self);
}

static void
update (KdccTableModel *self)
{
  g_autoptr(GPtrArray) before = self->shown;
  gboolean changed;

  ensure_sorted (self);
  ensure_passes (self);
  self->shown = g_ptr_array_sized_new (self->order->len);
  for (guint i = 0; i < self->order->len; i++)
    {
      guint position = g_array_index (self->order, guint, i);

      if (self->passes[position])
        g_ptr_array_add (self->shown, g_ptr_array_index (self->items, position));
    }

  changed = before->len != self->shown->len ||
            (self->shown->len > 0 &&
             memcmp (before->pdata, self->shown->pdata, self->shown->len * sizeof (gpointer)) != 0);
  update_rows (self, before->len, changed);
}

static void
source_items_changed_cb (GListModel     *source,
                         guint           position,
                         guint           removed,
                         guint           added,
                         KdccTableModel *self)
{
  guint tail;

  g_ptr_array_remove_range (self->items, position, removed);
  /* One move of the tail, not one per added item. */
  tail = self->items->len - position;
  g_ptr_array_set_size (self->items, self->items->len + added);
  memmove (self->items->pdata + position + added, self->items->pdata + position,
           tail * sizeof (gpointer));
  for (guint i = 0; i < added; i++)
    self->items->pdata[position + i] = g_list_model_get_item (source, position + i);
  forget_keys (self);
  self->sorted = FALSE;
  self->passes_known = FALSE;
  update (self);
}

static void
sorter_changed_cb (GtkSorter       *sorter,
                   GtkSorterChange  change,
                   KdccTableModel  *self)
{
  self->sorted = FALSE;
  update (self);
}

static void
view_map_cb (KdccTableModel *self)
{
  start_growing (self);
}

static void
kdcc_table_model_dispose (GObject *object)
{
  KdccTableModel *self = KDCC_TABLE_MODEL (object);

  kdcc_table_model_detach (self);
  if (self->source != NULL)
    g_signal_handlers_disconnect_by_data (self->source, self);
  g_clear_object (&self->source);
  g_clear_object (&self->rows);
  g_clear_pointer (&self->spare, g_ptr_array_unref);
  if (self->shown != NULL)
    g_ptr_array_set_size (self->shown, 0);
  if (self->items != NULL)
    g_ptr_array_set_size (self->items, 0);

  G_OBJECT_CLASS (kdcc_table_model_parent_class)->dispose (object);
}

static void
kdcc_table_model_finalize (GObject *object)
{
  KdccTableModel *self = KDCC_TABLE_MODEL (object);

  g_ptr_array_unref (self->items);
  g_ptr_array_unref (self->shown);
  g_array_unref (self->order);
  g_array_unref (self->keys);
  g_free (self->passes);

  G_OBJECT_CLASS (kdcc_table_model_parent_class)->finalize (object);
}

static void
kdcc_table_model_class_init (KdccTableModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kdcc_table_model_dispose;
  object_class->finalize = kdcc_table_model_finalize;
}

static void
kdcc_table_model_init (KdccTableModel *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->order = g_array_new (FALSE, FALSE, sizeof (guint));
  self->keys = g_array_new (FALSE, FALSE, sizeof (ColumnKeys));
  g_array_set_clear_func (self->keys, column_keys_clear);
  self->shown = g_ptr_array_new ();
  self->rows = g_object_new (KDCC_TYPE_TABLE_ROWS, NULL);
  self->spare = g_ptr_array_new_with_free_func (g_object_unref);
  self->sorted = TRUE;
}

KdccTableModel *
kdcc_table_model_new (GType item_type)
{
  KdccTableModel *self = g_object_new (KDCC_TYPE_TABLE_MODEL, NULL);

  self->item_type = item_type;
  return self;
}

void
kdcc_table_model_attach (KdccTableModel *self,
                         GtkColumnView  *view)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  g_return_if_fail (KDCC_IS_TABLE_MODEL (self));
  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));
  g_return_if_fail (self->view == NULL);

  self->view = view;
  g_object_add_weak_pointer (G_OBJECT (view), (gpointer *) &self->view);
  self->sorter = g_object_ref (gtk_column_view_get_sorter (view));
  g_signal_connect (self->sorter, "changed", G_CALLBACK (sorter_changed_cb), self);
  g_signal_connect_swapped (view, "map", G_CALLBACK (view_map_cb), self);
  /* The scrolled window gives the view its adjustment: attach after. */
  if (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view)) != NULL)
    g_signal_connect_object (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view)), "value-changed",
                             G_CALLBACK (vadjustment_changed_cb), self, G_CONNECT_SWAPPED);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->rows)));
  gtk_column_view_set_model (view, GTK_SELECTION_MODEL (selection));
  self->sorted = FALSE;
  update (self);
}

void
kdcc_table_model_set_sorter (KdccTableModel *self,
                             GtkSorter      *sorter)
{
  g_return_if_fail (KDCC_IS_TABLE_MODEL (self));
  g_return_if_fail (GTK_IS_SORTER (sorter));
  g_return_if_fail (self->view != NULL);

  g_signal_handlers_disconnect_by_data (self->sorter, self);
  g_set_object (&self->sorter, sorter);
  g_signal_connect (self->sorter, "changed", G_CALLBACK (sorter_changed_cb), self);
  self->sorted = FALSE;
  update (self);
}

void
kdcc_table_model_detach (KdccTableModel *self)
{
  g_return_if_fail (KDCC_IS_TABLE_MODEL (self));

  stop_growing (self);
  if (self->sorter != NULL)
    g_signal_handlers_disconnect_by_data (self->sorter, self);
  g_clear_object (&self->sorter);
  if (self->view != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->view, self);
      gtk_column_view_set_model (self->view, NULL);
      g_object_remove_weak_pointer (G_OBJECT (self->view), (gpointer *) &self->view);
      self->view = NULL;
    }
}

void
kdcc_table_model_set_source (KdccTableModel *self,
                             GListModel     *source)
{
  guint n;

  g_return_if_fail (KDCC_IS_TABLE_MODEL (self));
  g_return_if_fail (source == NULL || G_IS_LIST_MODEL (source));

  if (self->source == source)
    return;

  if (self->source != NULL)
    g_signal_handlers_disconnect_by_data (self->source, self);
  g_set_object (&self->source, source);
  g_ptr_array_set_size (self->items, 0);
  n = source != NULL ? g_list_model_get_n_items (source) : 0;
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (self->items, g_list_model_get_item (source, i));
  if (source != NULL)
    g_signal_connect (source, "items-changed", G_CALLBACK (source_items_changed_cb), self);
  forget_keys (self);
  self->sorted = FALSE;
  self->passes_known = FALSE;
  update (self);
}

void
kdcc_table_model_set_filter_func (KdccTableModel      *self,
                                  KdccTableFilterFunc  func,
                                  gpointer             user_data)
{
  g_return_if_fail (KDCC_IS_TABLE_MODEL (self));

  self->filter = func;
  self->filter_data = user_data;
  self->passes_known = FALSE;
  update (self);
}

void
kdcc_table_model_refilter (KdccTableModel *self)
{
  g_return_if_fail (KDCC_IS_TABLE_MODEL (self));

  self->passes_known = FALSE;
  update (self);
}

void
kdcc_table_model_resort (KdccTableModel *self)
{
  g_return_if_fail (KDCC_IS_TABLE_MODEL (self));

  forget_keys (self);
  self->sorted = FALSE;
  self->passes_known = FALSE;
  update (self);
}

void
kdcc_table_model_items_updated (KdccTableModel *self,
                                const guint    *positions,
                                guint           n)
{
  g_return_if_fail (KDCC_IS_TABLE_MODEL (self));
  g_return_if_fail (n == 0 || positions != NULL);

  /* Past a few, one sort costs less than moving them one by one. */
  if (n > MAX (8, self->items->len / 16))
    {
      kdcc_table_model_resort (self);
      return;
    }
  for (guint i = 0; i < n; i++)
    if (positions[i] >= self->items->len)
      {
        g_critical ("%s: position %u of %u items", G_STRFUNC, positions[i], self->items->len);
        kdcc_table_model_resort (self);
        return;
      }

  patch_keys (self, positions, n);
  if (self->sorted && !patch_order (self, positions, n))
    {
      forget_keys (self);
      self->sorted = FALSE;
    }
  if (self->passes_known)
    for (guint i = 0; i < n; i++)
      self->passes[positions[i]] = self->filter == NULL ||
                                   self->filter (g_ptr_array_index (self->items, positions[i]),
                                                 self->filter_data);
  update (self);
}

gpointer
kdcc_table_model_peek_item (KdccTableModel *self,
                            guint           position)
{
  g_return_val_if_fail (KDCC_IS_TABLE_MODEL (self), NULL);

  return position < self->shown->len ? g_ptr_array_index (self->shown, position) : NULL;
}

gboolean
kdcc_table_model_is_settled (KdccTableModel *self)
{
  g_return_val_if_fail (KDCC_IS_TABLE_MODEL (self), FALSE);

  /* Growth waits for the view's map: unmapped, there is nothing to wait
   * for. */
  if (self->view == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self->view)))
    return TRUE;

  return !self->stale && n_announced (self) == self->shown->len;
}

guint
kdcc_table_model_get_n_full_sorts (KdccTableModel *self)
{
  g_return_val_if_fail (KDCC_IS_TABLE_MODEL (self), 0);

  return self->n_full_sorts;
}

GListModel *
kdcc_table_model_get_rows (KdccTableModel *self)
{
  g_return_val_if_fail (KDCC_IS_TABLE_MODEL (self), NULL);

  return G_LIST_MODEL (self->rows);
}
