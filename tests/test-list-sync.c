/* test-list-sync.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Unit tests of the keyed list sync (kdcc-list-sync) with an item type of
 * their own, so they pin the contract every list relies on independently of
 * the cluster model: identity kept for unchanged keys, notify only on
 * change, minimal items-changed, duplicates and skipped elements, 10,000
 * items, and two further list kinds (ordered by a value, and in snapshot
 * order) through the same descriptor API.
 */
#include "config.h"

#include <string.h>

#include "kdcc-list-sync.h"

/* A test item ------------------------------------------------------------- */

#define TEST_TYPE_ITEM (test_item_get_type ())
G_DECLARE_FINAL_TYPE (TestItem, test_item, TEST, ITEM, GObject)

struct _TestItem
{
  GObject  parent_instance;
  gint64   number;
  char    *name;
  gint64   value;
  char    *label;
};

G_DEFINE_FINAL_TYPE (TestItem, test_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_VALUE,
  PROP_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];
static guint n_created;
static guint n_updated;

static void
test_item_finalize (GObject *object)
{
  TestItem *self = TEST_ITEM (object);

  g_free (self->name);
  g_free (self->label);
  G_OBJECT_CLASS (test_item_parent_class)->finalize (object);
}

static void
test_item_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  TestItem *self = TEST_ITEM (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      g_value_set_int64 (value, self->value);
      break;
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
test_item_class_init (TestItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = test_item_finalize;
  object_class->get_property = test_item_get_property;
  properties[PROP_VALUE] = g_param_spec_int64 ("value", NULL, NULL, G_MININT64, G_MAXINT64, 0, ro);
  properties[PROP_LABEL] = g_param_spec_string ("label", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
test_item_init (TestItem *self)
{
}

/* The snapshot side: plain elements, as a source would build them. */
typedef struct
{
  gint64      number;
  const char *name;
  gint64      value;
  const char *label;
  gboolean    hidden;
  guint64     digest;   /* element_digest's answer; 0 unknown */
} Element;

static gboolean
number_key (gconstpointer  element,
            KdccListKey   *key)
{
  const Element *e = element;

  key->number = e->number;
  return !e->hidden;
}

static void
item_number_key (gpointer     item,
                 KdccListKey *key)
{
  key->number = TEST_ITEM (item)->number;
}

static gboolean
name_key (gconstpointer  element,
          KdccListKey   *key)
{
  key->string = ((const Element *) element)->name;
  return key->string != NULL;
}

static void
item_name_key (gpointer     item,
               KdccListKey *key)
{
  key->string = TEST_ITEM (item)->name;
}

static gpointer
create_item (gconstpointer element)
{
  const Element *e = element;
  TestItem *item = g_object_new (TEST_TYPE_ITEM, NULL);

  item->number = e->number;
  item->name = g_strdup (e->name);
  n_created++;
  return item;
}

static void
update_item (gpointer      item,
             gconstpointer element)
{
  TestItem *self = item;
  const Element *e = element;

  n_updated++;
  if (self->value != e->value)
    {
      self->value = e->value;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
    }
  if (g_strcmp0 (self->label, e->label) != 0)
    {
      g_free (self->label);
      self->label = g_strdup (e->label);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
    }
}

static int
compare_number (gconstpointer a,
                gconstpointer b)
{
  const Element *x = a, *y = b;

  return (x->number > y->number) - (x->number < y->number);
}

/* Highest value first, then by name: items move when their value does. */
static int
compare_value (gconstpointer a,
               gconstpointer b)
{
  const Element *x = a, *y = b;

  if (x->value != y->value)
    return x->value > y->value ? -1 : 1;
  return g_strcmp0 (x->name, y->name);
}

/* Kind 1: keyed by number, ordered by it (like OSDs and pools). */
static const KdccListSync by_number = {
  .key_kind = KDCC_LIST_KEY_INT64,
  .element_key = number_key,
  .item_key = item_number_key,
  .create = create_item,
  .update = update_item,
  .compare = compare_number,
};

/* Kind 2: keyed by name, ordered by value (like health checks). */
static const KdccListSync by_value = {
  .key_kind = KDCC_LIST_KEY_STRING,
  .element_key = name_key,
  .item_key = item_name_key,
  .create = create_item,
  .update = update_item,
  .compare = compare_value,
};

/* Kind 3: keyed by name, in the snapshot's order (no compare). */
static const KdccListSync as_given = {
  .key_kind = KDCC_LIST_KEY_STRING,
  .element_key = name_key,
  .item_key = item_name_key,
  .create = create_item,
  .update = update_item,
  .compare = NULL,
};

static guint64
element_digest (gconstpointer element)
{
  return ((const Element *) element)->digest;
}

/* Kinds 1 and 2 with digests computed beforehand, as the PG list has. */
static const KdccListSync by_number_digest = {
  .key_kind = KDCC_LIST_KEY_INT64,
  .element_key = number_key,
  .item_key = item_number_key,
  .create = create_item,
  .update = update_item,
  .compare = compare_number,
  .element_digest = element_digest,
};

static const KdccListSync by_value_digest = {
  .key_kind = KDCC_LIST_KEY_STRING,
  .element_key = name_key,
  .item_key = item_name_key,
  .create = create_item,
  .update = update_item,
  .compare = compare_value,
  .element_digest = element_digest,
};

/* Recorders --------------------------------------------------------------- */

typedef struct
{
  guint position;
  guint removed;
  guint added;
} Change;

typedef struct
{
  GListStore *store;
  GArray     *changes;   /* Change */
  GHashTable *notifies;  /* property name -> count */
} Fixture;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *f)
{
  Change change = { position, removed, added };

  g_array_append_val (f->changes, change);
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           Fixture    *f)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (f->notifies, pspec->name));

  g_hash_table_insert (f->notifies, (gpointer) pspec->name, GUINT_TO_POINTER (n + 1));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->store = g_list_store_new (TEST_TYPE_ITEM);
  f->changes = g_array_new (FALSE, FALSE, sizeof (Change));
  f->notifies = g_hash_table_new (g_str_hash, g_str_equal);
  g_signal_connect (f->store, "items-changed", G_CALLBACK (items_changed_cb), f);
  n_created = 0;
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  GListModel *model = G_LIST_MODEL (f->store);

  g_signal_handlers_disconnect_by_data (f->store, f);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      g_signal_handlers_disconnect_by_data (item, f);
    }
  g_assert_finalize_object (f->store);
  g_array_unref (f->changes);
  g_hash_table_unref (f->notifies);
}

/* Starts counting items-changed and notifies afresh, on every current item. */
static void
record (Fixture *f)
{
  GListModel *model = G_LIST_MODEL (f->store);

  g_array_set_size (f->changes, 0);
  g_hash_table_remove_all (f->notifies);
  n_created = 0;
  n_updated = 0;
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      g_signal_handlers_disconnect_by_data (item, f);
      g_signal_connect (item, "notify", G_CALLBACK (notify_cb), f);
    }
}

static guint
notifies (Fixture    *f,
          const char *name)
{
  if (name == NULL)
    {
      GHashTableIter iter;
      gpointer value;
      guint total = 0;

      g_hash_table_iter_init (&iter, f->notifies);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        total += GPOINTER_TO_UINT (value);
      return total;
    }
  return GPOINTER_TO_UINT (g_hash_table_lookup (f->notifies, name));
}

static void
assert_change (Fixture *f,
               guint    index,
               guint    position,
               guint    removed,
               guint    added)
{
  const Change *c;

  g_assert_cmpuint (index, <, f->changes->len);
  c = &g_array_index (f->changes, Change, index);
  g_assert_cmpuint (c->position, ==, position);
  g_assert_cmpuint (c->removed, ==, removed);
  g_assert_cmpuint (c->added, ==, added);
}

static TestItem *
item_at (Fixture *f,
         guint    position)
{
  /* The store keeps a reference; a borrowed pointer compares identities. */
  TestItem *item = g_list_model_get_item (G_LIST_MODEL (f->store), position);

  g_object_unref (item);
  return item;
}

static void
sync_list (Fixture            *f,
           const KdccListSync *descriptor,
           Element            *elements,
           guint               n_elements)
{
  g_autoptr(GPtrArray) array = g_ptr_array_sized_new (n_elements);

  for (guint i = 0; i < n_elements; i++)
    g_ptr_array_add (array, &elements[i]);
  kdcc_list_sync_apply (descriptor, f->store, array);
}

static void
assert_numbers (Fixture      *f,
                const gint64 *numbers,
                guint         n)
{
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (item_at (f, i)->number, ==, numbers[i]);
}

static void
assert_names (Fixture           *f,
              const char * const *names)
{
  guint n = g_strv_length ((char **) names);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (item_at (f, i)->name, ==, names[i]);
}

#define NUMBERS(...) \
  (const gint64[]) { __VA_ARGS__ }, G_N_ELEMENTS (((const gint64[]) { __VA_ARGS__ }))

/* Tests ------------------------------------------------------------------- */

static void
test_first_and_no_change (Fixture       *f,
                          gconstpointer  data)
{
  /* Given out of order on purpose: the descriptor's order wins. */
  Element first[] = { { 3, .value = 30 }, { 1, .value = 10 }, { 2, .value = 20, .label = "b" } };
  Element same[] = { { 1, .value = 10 }, { 2, .value = 20, .label = "b" }, { 3, .value = 30 } };
  TestItem *kept[3];

  sync_list (f, &by_number, first, G_N_ELEMENTS (first));
  g_assert_cmpuint (f->changes->len, ==, 1);
  assert_change (f, 0, 0, 0, 3);
  g_assert_cmpuint (n_created, ==, 3);
  assert_numbers (f, NUMBERS (1, 2, 3));
  g_assert_cmpint (item_at (f, 1)->value, ==, 20);
  g_assert_cmpstr (item_at (f, 1)->label, ==, "b");
  for (guint i = 0; i < 3; i++)
    kept[i] = item_at (f, i);

  record (f);
  sync_list (f, &by_number, same, G_N_ELEMENTS (same));
  g_assert_cmpuint (f->changes->len, ==, 0);
  g_assert_cmpuint (notifies (f, NULL), ==, 0);
  g_assert_cmpuint (n_created, ==, 0);
  for (guint i = 0; i < 3; i++)
    g_assert_true (item_at (f, i) == kept[i]);
}


static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          guint      *count)
{
  (*count)++;
}

static void
test_notify_per_property (Fixture       *f,
                          gconstpointer  data)
{
  Element before[] = { { 1, .value = 1, .label = "a" }, { 2, .value = 2, .label = "b" },
                       { 3, .value = 3, .label = "c" }, { 4, .value = 4, .label = "d" } };
  Element after[] = { { 1, .value = 1, .label = "a" }, { 2, .value = 5, .label = "b" },
                      { 3, .value = 3, .label = "x" }, { 4, .value = 6, .label = "y" } };
  guint value_of_2 = 0, label_of_2 = 0, any_of_1 = 0;

  sync_list (f, &by_number, before, G_N_ELEMENTS (before));
  record (f);
  g_signal_connect (item_at (f, 1), "notify::value", G_CALLBACK (count_cb), &value_of_2);
  g_signal_connect (item_at (f, 1), "notify::label", G_CALLBACK (count_cb), &label_of_2);
  g_signal_connect (item_at (f, 0), "notify", G_CALLBACK (count_cb), &any_of_1);

  /* 2 changes its value, 3 its label, 4 both; 1 nothing. */
  sync_list (f, &by_number, after, G_N_ELEMENTS (after));
  g_assert_cmpuint (value_of_2, ==, 1);
  g_assert_cmpuint (label_of_2, ==, 0);
  g_assert_cmpuint (any_of_1, ==, 0);
  g_assert_cmpuint (notifies (f, "value"), ==, 2);
  g_assert_cmpuint (notifies (f, "label"), ==, 2);
  g_assert_cmpuint (notifies (f, NULL), ==, 4);
  g_assert_cmpuint (f->changes->len, ==, 0);
  g_assert_cmpuint (n_created, ==, 0);
  g_assert_cmpint (item_at (f, 3)->value, ==, 6);
  g_assert_cmpstr (item_at (f, 2)->label, ==, "x");

  /* The same data again: nothing more. */
  sync_list (f, &by_number, after, G_N_ELEMENTS (after));
  g_assert_cmpuint (notifies (f, NULL), ==, 4);
}

static void
test_insert (Fixture       *f,
             gconstpointer  data)
{
  Element before[] = { { 10 }, { 20 }, { 30 } };
  Element after[] = { { 5 }, { 10 }, { 12 }, { 14 }, { 20 }, { 30 }, { 40 }, { 50 } };
  TestItem *kept[3];

  sync_list (f, &by_number, before, G_N_ELEMENTS (before));
  for (guint i = 0; i < 3; i++)
    kept[i] = item_at (f, i);
  record (f);

  /* One splice per run of new items, front to back at final positions. */
  sync_list (f, &by_number, after, G_N_ELEMENTS (after));
  g_assert_cmpuint (f->changes->len, ==, 3);
  assert_change (f, 0, 0, 0, 1);
  assert_change (f, 1, 2, 0, 2);
  assert_change (f, 2, 6, 0, 2);
  g_assert_cmpuint (n_created, ==, 5);
  g_assert_cmpuint (notifies (f, NULL), ==, 0);
  assert_numbers (f, NUMBERS (5, 10, 12, 14, 20, 30, 40, 50));
  g_assert_true (item_at (f, 1) == kept[0]);
  g_assert_true (item_at (f, 4) == kept[1]);
  g_assert_true (item_at (f, 5) == kept[2]);
}

static void
test_remove (Fixture       *f,
             gconstpointer  data)
{
  Element before[] = { { 0 }, { 1 }, { 2 }, { 3 }, { 4 }, { 5 }, { 6 } };
  Element after[] = { { 0 }, { 3 }, { 5 } };
  TestItem *gone = NULL;
  TestItem *kept3;

  sync_list (f, &by_number, before, G_N_ELEMENTS (before));
  gone = item_at (f, 1);
  g_object_add_weak_pointer (G_OBJECT (gone), (gpointer *) &gone);
  kept3 = item_at (f, 3);
  record (f);

  /* Runs removed back to front, so earlier positions stay valid. */
  sync_list (f, &by_number, after, G_N_ELEMENTS (after));
  g_assert_cmpuint (f->changes->len, ==, 3);
  assert_change (f, 0, 6, 1, 0);
  assert_change (f, 1, 4, 1, 0);
  assert_change (f, 2, 1, 2, 0);
  assert_numbers (f, NUMBERS (0, 3, 5));
  g_assert_true (item_at (f, 1) == kept3);
  /* The store held the only reference to a removed item. */
  g_assert_null (gone);

  /* An empty list means none any more: one splice. */
  g_array_set_size (f->changes, 0);
  sync_list (f, &by_number, NULL, 0);
  g_assert_cmpuint (f->changes->len, ==, 1);
  assert_change (f, 0, 0, 3, 0);
}

static void
test_replace (Fixture       *f,
              gconstpointer  data)
{
  Element before[] = { { 1 }, { 3 }, { 5 } };
  Element middle[] = { { 1 }, { 2 }, { 5 } };
  Element other[] = { { 7 }, { 8 } };
  TestItem *first, *last;

  sync_list (f, &by_number, before, G_N_ELEMENTS (before));
  first = item_at (f, 0);
  last = item_at (f, 2);
  record (f);

  /* 3 replaced by 2 at the same position: a removal, then an insertion. */
  sync_list (f, &by_number, middle, G_N_ELEMENTS (middle));
  g_assert_cmpuint (f->changes->len, ==, 2);
  assert_change (f, 0, 1, 1, 0);
  assert_change (f, 1, 1, 0, 1);
  g_assert_cmpuint (n_created, ==, 1);
  assert_numbers (f, NUMBERS (1, 2, 5));
  g_assert_true (item_at (f, 0) == first);
  g_assert_true (item_at (f, 2) == last);

  /* Every key replaced. */
  record (f);
  sync_list (f, &by_number, other, G_N_ELEMENTS (other));
  g_assert_cmpuint (f->changes->len, ==, 2);
  assert_change (f, 0, 0, 3, 0);
  assert_change (f, 1, 0, 0, 2);
  g_assert_cmpuint (n_created, ==, 2);
  assert_numbers (f, NUMBERS (7, 8));
}

static void
test_move (Fixture       *f,
           gconstpointer  data)
{
  Element before[] = { { .name = "a", .value = 10 }, { .name = "b", .value = 8 },
                       { .name = "c", .value = 6 }, { .name = "d", .value = 4 },
                       { .name = "e", .value = 2 } };
  Element after[] = { { .name = "a", .value = 10 }, { .name = "b", .value = 8 },
                      { .name = "c", .value = 20 }, { .name = "d", .value = 4 },
                      { .name = "e", .value = 2 } };
  Element gone[] = { { .name = "c", .value = 20 }, { .name = "a", .value = 10 },
                     { .name = "d", .value = 4 }, { .name = "f", .value = 3 },
                     { .name = "b", .value = 1 } };
  TestItem *items[5];

  sync_list (f, &by_value, before, G_N_ELEMENTS (before));
  assert_names (f, (const char *[]) { "a", "b", "c", "d", "e", NULL });
  for (guint i = 0; i < 5; i++)
    items[i] = item_at (f, i);
  record (f);

  /* c moves to the top: the common suffix (d, e) stays, the differing
   * middle is replaced in one splice, every item keeps its identity. */
  sync_list (f, &by_value, after, G_N_ELEMENTS (after));
  assert_names (f, (const char *[]) { "c", "a", "b", "d", "e", NULL });
  g_assert_cmpuint (f->changes->len, ==, 1);
  assert_change (f, 0, 0, 3, 3);
  g_assert_true (item_at (f, 0) == items[2]);
  g_assert_true (item_at (f, 1) == items[0]);
  g_assert_true (item_at (f, 2) == items[1]);
  g_assert_true (item_at (f, 3) == items[3]);
  g_assert_true (item_at (f, 4) == items[4]);
  g_assert_cmpuint (notifies (f, "value"), ==, 1);
  g_assert_cmpuint (notifies (f, NULL), ==, 1);
  g_assert_cmpuint (n_created, ==, 0);

  /* Move, removal and insertion at once: e removed first, then b (now
   * last) swaps past d and the new f in one splice after the prefix. */
  record (f);
  sync_list (f, &by_value, gone, G_N_ELEMENTS (gone));
  assert_names (f, (const char *[]) { "c", "a", "d", "f", "b", NULL });
  g_assert_cmpuint (f->changes->len, ==, 2);
  assert_change (f, 0, 4, 1, 0);
  assert_change (f, 1, 2, 2, 3);
  g_assert_true (item_at (f, 2) == items[3]);
  g_assert_true (item_at (f, 4) == items[1]);
  g_assert_cmpuint (n_created, ==, 1);
  g_assert_cmpuint (notifies (f, "value"), ==, 1);
}

static void
test_as_given (Fixture       *f,
               gconstpointer  data)
{
  Element before[] = { { .name = "z" }, { .name = "m" }, { .name = "a" } };
  Element swapped[] = { { .name = "z" }, { .name = "a" }, { .name = "m" } };
  Element extended[] = { { .name = "z" }, { .name = "a" }, { .name = "m" }, { .name = "b" } };

  /* Without a compare function the snapshot's order is kept as it is. */
  sync_list (f, &as_given, before, G_N_ELEMENTS (before));
  assert_names (f, (const char *[]) { "z", "m", "a", NULL });
  record (f);

  sync_list (f, &as_given, swapped, G_N_ELEMENTS (swapped));
  assert_names (f, (const char *[]) { "z", "a", "m", NULL });
  g_assert_cmpuint (f->changes->len, ==, 1);
  assert_change (f, 0, 1, 2, 2);

  record (f);
  sync_list (f, &as_given, extended, G_N_ELEMENTS (extended));
  g_assert_cmpuint (f->changes->len, ==, 1);
  assert_change (f, 0, 3, 0, 1);
  g_assert_cmpuint (n_created, ==, 1);
}

static void
test_duplicates_and_hidden (Fixture       *f,
                            gconstpointer  data)
{
  Element numbers[] = { { 2, .value = 1 }, { 1, .hidden = TRUE }, { 2, .value = 99 },
                        { 3, .value = 3 }, { 3, .value = 98 } };
  Element names[] = { { .name = "b", .value = 5 }, { .name = NULL, .value = 9 },
                      { .name = "a", .value = 1 }, { .name = "b", .value = 7 } };

  /* The first element of a key wins (the sort is stable); hidden
   * elements and elements without a key are left out. */
  sync_list (f, &by_number, numbers, G_N_ELEMENTS (numbers));
  assert_numbers (f, NUMBERS (2, 3));
  g_assert_cmpint (item_at (f, 0)->value, ==, 1);
  g_assert_cmpint (item_at (f, 1)->value, ==, 3);
  g_assert_cmpuint (n_created, ==, 2);

  /* A duplicate new key, sorted apart from its first occurrence. */
  g_signal_handlers_disconnect_by_data (f->store, f);
  g_list_store_remove_all (f->store);
  g_signal_connect (f->store, "items-changed", G_CALLBACK (items_changed_cb), f);
  record (f);
  sync_list (f, &by_value, names, G_N_ELEMENTS (names));
  assert_names (f, (const char *[]) { "b", "a", NULL });
  g_assert_cmpint (item_at (f, 0)->value, ==, 7);
  g_assert_cmpuint (n_created, ==, 2);
}

/* The sync claims the store's items slot by slot while the wanted list
 * repeats their keys in order, and builds its hash at the first
 * difference. A key of that common prefix repeated later is still a
 * duplicate (left out, the first element wins), not a new item; an
 * element without a key inside the prefix does not end it. */
static void
test_prefix_then_duplicate (Fixture       *f,
                            gconstpointer  data)
{
  Element first[] = { { .name = "a", .value = 1 }, { .name = "b", .value = 2 },
                      { .name = "c", .value = 3 } };
  Element second[] = { { .name = "a", .value = 1 }, { .name = NULL, .value = 5 },
                       { .name = "b", .value = 20 }, { .name = "x", .value = 9 },
                       { .name = "a", .value = 99 }, { .name = "c", .value = 3 } };
  TestItem *kept[3];

  sync_list (f, &as_given, first, G_N_ELEMENTS (first));
  assert_names (f, (const char *[]) { "a", "b", "c", NULL });
  for (guint i = 0; i < 3; i++)
    kept[i] = item_at (f, i);

  record (f);
  sync_list (f, &as_given, second, G_N_ELEMENTS (second));
  assert_names (f, (const char *[]) { "a", "b", "x", "c", NULL });
  g_assert_true (item_at (f, 0) == kept[0]);
  g_assert_true (item_at (f, 1) == kept[1]);
  g_assert_true (item_at (f, 3) == kept[2]);
  g_assert_cmpint (item_at (f, 0)->value, ==, 1);
  g_assert_cmpint (item_at (f, 1)->value, ==, 20);
  g_assert_cmpuint (n_created, ==, 1);
  g_assert_cmpuint (notifies (f, "value"), ==, 1);
  g_assert_cmpuint (f->changes->len, ==, 1);
  assert_change (f, 0, 2, 0, 1);

  /* A different first key ends the prefix at once; the hash finds the rest. */
  record (f);
  sync_list (f, &as_given, &second[2], G_N_ELEMENTS (second) - 2);
  assert_names (f, (const char *[]) { "b", "x", "a", "c", NULL });
  g_assert_true (item_at (f, 0) == kept[1]);
  g_assert_true (item_at (f, 2) == kept[0]);
  g_assert_cmpint (item_at (f, 2)->value, ==, 99);
  g_assert_cmpuint (n_created, ==, 0);
}

static void
test_ten_thousand (Fixture       *f,
                   gconstpointer  data)
{
  const guint n = 10000;
  g_autofree Element *first = g_new0 (Element, n);
  g_autofree Element *second = g_new0 (Element, n);
  g_autofree Element *third = g_new0 (Element, n / 2);
  g_autofree TestItem **kept = g_new0 (TestItem *, n);
  guint n_changed_notifies = 0;
  gint64 start, no_change_us;

  /* Given in reverse, so the first sync sorts. */
  for (guint i = 0; i < n; i++)
    {
      first[i] = (Element) { .number = n - 1 - i, .value = n - 1 - i };
      second[i] = (Element) { .number = i, .value = i == 4321 ? -1 : (gint64) i };
    }
  for (guint i = 0; i < n / 2; i++)
    third[i] = (Element) { .number = 2 * i, .value = 2 * i };

  sync_list (f, &by_number, first, n);
  g_assert_cmpuint (f->changes->len, ==, 1);
  assert_change (f, 0, 0, 0, n);
  for (guint i = 0; i < n; i++)
    {
      kept[i] = item_at (f, i);
      g_assert_cmpint (kept[i]->number, ==, i);
    }
  record (f);
  g_signal_connect (kept[4321], "notify::value", G_CALLBACK (count_cb), &n_changed_notifies);

  /* One value changed among 10,000: one notify, no items-changed. */
  start = g_get_monotonic_time ();
  sync_list (f, &by_number, second, n);
  no_change_us = g_get_monotonic_time () - start;
  g_assert_cmpuint (n_changed_notifies, ==, 1);
  g_assert_cmpuint (notifies (f, NULL), ==, 1);
  g_assert_cmpuint (f->changes->len, ==, 0);
  g_assert_cmpuint (n_created, ==, 0);
  for (guint i = 0; i < n; i++)
    g_assert_true (item_at (f, i) == kept[i]);
  g_test_message ("10,000 items, one changed: %.1f ms", no_change_us / 1000.0);
  /* Generous (sanitizers, a busy machine); a quadratic sync takes far longer. */
  g_assert_cmpint (no_change_us, <, 2 * G_USEC_PER_SEC);

  /* Every odd key vanishes: 5,000 runs of one, removed back to front. */
  record (f);
  sync_list (f, &by_number, third, n / 2);
  g_assert_cmpuint (f->changes->len, ==, n / 2);
  assert_change (f, 0, n - 1, 1, 0);
  assert_change (f, n / 2 - 1, 1, 1, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, n / 2);
  for (guint i = 0; i < n / 2; i++)
    g_assert_true (item_at (f, i) == kept[2 * i]);
  /* The one changed item was odd: the survivors had nothing to notify. */
  g_assert_cmpuint (notifies (f, NULL), ==, 0);
  g_assert_cmpuint (n_created, ==, 0);
}

/* Digests: the no-change path touches no item ------------------------------ */

static guint64
digest_of (const Element *e)
{
  return (guint64) e->number * 1000003 + (guint64) e->value * 7 + 1;
}

static void
fill (Element *elements,
      guint    n)
{
  for (guint i = 0; i < n; i++)
    {
      elements[i] = (Element) { .number = 10 * i, .value = i };
      elements[i].digest = digest_of (&elements[i]);
    }
}

static void
test_digest_skips_unchanged (Fixture       *f,
                             gconstpointer  data)
{
  const guint n = 1000;
  g_autofree Element *elements = g_new0 (Element, n);

  fill (elements, n);
  sync_list (f, &by_number_digest, elements, n);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, n);

  /* The same list: no item updated at all (the full path updates all). */
  record (f);
  sync_list (f, &by_number_digest, elements, n);
  g_assert_cmpuint (n_updated, ==, 0);
  g_assert_cmpuint (f->changes->len, ==, 0);

  /* One value changed: that item only, in place, one notify. */
  record (f);
  elements[500].value = -5;
  elements[500].digest = digest_of (&elements[500]);
  sync_list (f, &by_number_digest, elements, n);
  g_assert_cmpuint (n_updated, ==, 1);
  g_assert_cmpuint (notifies (f, "value"), ==, 1);
  g_assert_cmpuint (f->changes->len, ==, 0);
  g_assert_cmpint (item_at (f, 500)->value, ==, -5);

  /* The digest kept for it is the new one: the same list again is free. */
  record (f);
  sync_list (f, &by_number_digest, elements, n);
  g_assert_cmpuint (n_updated, ==, 0);
  g_assert_cmpint (item_at (f, 500)->value, ==, -5);
}

static void
test_digest_key_changed (Fixture       *f,
                         gconstpointer  data)
{
  Element elements[8];
  TestItem *before;

  fill (elements, G_N_ELEMENTS (elements));
  sync_list (f, &by_number_digest, elements, G_N_ELEMENTS (elements));
  before = item_at (f, 3);

  /* Same length, order kept, another key at index 3: a new item there. */
  record (f);
  elements[3].number = 35;
  elements[3].digest = digest_of (&elements[3]);
  sync_list (f, &by_number_digest, elements, G_N_ELEMENTS (elements));
  assert_numbers (f, NUMBERS (0, 10, 20, 35, 40, 50, 60, 70));
  g_assert_cmpuint (n_created, ==, 1);
  g_assert_true (item_at (f, 3) != before);
  g_assert_cmpuint (f->changes->len, >, 0);
}

static void
test_digest_store_changed (Fixture       *f,
                           gconstpointer  data)
{
  Element elements[4];
  g_autoptr(TestItem) stranger = g_object_new (TEST_TYPE_ITEM, NULL);

  fill (elements, G_N_ELEMENTS (elements));
  sync_list (f, &by_number_digest, elements, G_N_ELEMENTS (elements));

  /* Someone else swaps the first item for another: the length is the
   * same and every digest too, but the kept digests no longer describe
   * the store, so the sync must not trust them. */
  stranger->number = 99;
  g_list_store_remove (f->store, 0);
  g_list_store_append (f->store, stranger);
  sync_list (f, &by_number_digest, elements, G_N_ELEMENTS (elements));
  assert_numbers (f, NUMBERS (0, 10, 20, 30));
}

static void
test_digest_moves_and_unknown (Fixture       *f,
                               gconstpointer  data)
{
  Element elements[] = { { .name = "a", .value = 30 }, { .name = "b", .value = 20 },
                         { .name = "c", .value = 10 } };
  Element unknown[3];

  for (guint i = 0; i < G_N_ELEMENTS (elements); i++)
    elements[i].digest = digest_of (&elements[i]) + i;
  sync_list (f, &by_value_digest, elements, G_N_ELEMENTS (elements));
  assert_names (f, (const char *[]) { "a", "b", "c", NULL });

  /* "c" rises to the top: its digest changed and it breaks the order with
   * its neighbour, so it moves as the full path moves it. The full path
   * still trusts the digests kept by position: "a" and "b" are not
   * updated. */
  record (f);
  elements[2].value = 40;
  elements[2].digest = 4242;
  sync_list (f, &by_value_digest, elements, G_N_ELEMENTS (elements));
  assert_names (f, (const char *[]) { "c", "a", "b", NULL });
  g_assert_cmpuint (n_updated, ==, 1);

  /* The elements came out of order (sorted by the sync): no digests kept,
   * so the same list again takes the full path. */
  record (f);
  sync_list (f, &by_value_digest, elements, G_N_ELEMENTS (elements));
  g_assert_cmpuint (n_updated, ==, 3);
  assert_names (f, (const char *[]) { "c", "a", "b", NULL });

  /* In order now, but a digest of 0 is "unknown": never trusted. */
  memcpy (unknown, (Element[]) { elements[2], elements[0], elements[1] }, sizeof unknown);
  sync_list (f, &by_value_digest, unknown, G_N_ELEMENTS (unknown));
  unknown[1].digest = 0;
  unknown[1].label = "new";
  record (f);
  sync_list (f, &by_value_digest, unknown, G_N_ELEMENTS (unknown));
  /* The full path; the two others' digests match what was kept. */
  g_assert_cmpuint (n_updated, ==, 1);
  g_assert_cmpstr (item_at (f, 1)->label, ==, "new");

  /* Still unknown the next time: 0 is never equal to a kept 0 either. */
  unknown[1].label = "newer";
  sync_list (f, &by_value_digest, unknown, G_N_ELEMENTS (unknown));
  g_assert_cmpstr (item_at (f, 1)->label, ==, "newer");
}

/* What a sorted view needs: the positions updated in place, or FALSE. */
static gboolean
sync_tracked (Fixture            *f,
              const KdccListSync *descriptor,
              Element            *elements,
              guint               n_elements,
              const GArray       *digests,
              GArray             *updated)
{
  g_autoptr(GPtrArray) array = g_ptr_array_sized_new (n_elements);

  for (guint i = 0; i < n_elements; i++)
    g_ptr_array_add (array, &elements[i]);
  return kdcc_list_sync_apply_tracked (descriptor, f->store, array, digests, updated);
}

static void
test_digest_tracked (Fixture       *f,
                     gconstpointer  data)
{
  const guint n = 100;
  g_autofree Element *elements = g_new0 (Element, n);
  g_autoptr(GArray) updated = g_array_new (FALSE, FALSE, sizeof (guint));

  fill (elements, n);
  /* The first sync creates the items: not an update in place. */
  g_assert_false (sync_tracked (f, &by_number_digest, elements, n, NULL, updated));
  g_assert_cmpuint (updated->len, ==, 0);

  /* Nothing changed: in place, no position. */
  g_assert_true (sync_tracked (f, &by_number_digest, elements, n, NULL, updated));
  g_assert_cmpuint (updated->len, ==, 0);

  /* Two changed: their positions, ascending. */
  elements[70].value = -70;
  elements[70].digest = digest_of (&elements[70]);
  elements[7].value = -7;
  elements[7].digest = digest_of (&elements[7]);
  record (f);
  g_assert_true (sync_tracked (f, &by_number_digest, elements, n, NULL, updated));
  g_assert_cmpuint (updated->len, ==, 2);
  g_assert_cmpuint (g_array_index (updated, guint, 0), ==, 7);
  g_assert_cmpuint (g_array_index (updated, guint, 1), ==, 70);
  g_assert_cmpuint (f->changes->len, ==, 0);
  g_assert_cmpint (item_at (f, 70)->value, ==, -70);

  /* One gone: spliced, FALSE, the array left alone. */
  g_array_set_size (updated, 0);
  g_assert_false (sync_tracked (f, &by_number_digest, elements + 1, n - 1, NULL, updated));
  g_assert_cmpuint (updated->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, n - 1);
}

/* The digests handed beside the elements are what is read: an element
 * whose own field says otherwise is not looked at. */
static void
test_digest_array (Fixture       *f,
                   gconstpointer  data)
{
  const guint n = 50;
  g_autofree Element *elements = g_new0 (Element, n);
  g_autoptr(GArray) digests = g_array_sized_new (FALSE, FALSE, sizeof (guint64), n);
  g_autoptr(GArray) updated = g_array_new (FALSE, FALSE, sizeof (guint));

  fill (elements, n);
  for (guint i = 0; i < n; i++)
    g_array_append_val (digests, elements[i].digest);
  g_assert_false (sync_tracked (f, &by_number_digest, elements, n, digests, updated));

  /* The element's own digest moves, the array's does not: left alone. */
  elements[20].value = 2020;
  elements[20].digest = digest_of (&elements[20]);
  record (f);
  g_assert_true (sync_tracked (f, &by_number_digest, elements, n, digests, updated));
  g_assert_cmpuint (updated->len, ==, 0);
  g_assert_cmpuint (n_updated, ==, 0);
  g_assert_cmpint (item_at (f, 20)->value, ==, 20);

  /* The array's moves: updated. */
  g_array_index (digests, guint64, 20) = elements[20].digest;
  g_assert_true (sync_tracked (f, &by_number_digest, elements, n, digests, updated));
  g_assert_cmpuint (updated->len, ==, 1);
  g_assert_cmpuint (g_array_index (updated, guint, 0), ==, 20);
  g_assert_cmpint (item_at (f, 20)->value, ==, 2020);
}

/* The full path (a list that changed length, as the problem PGs' does)
 * updates only the items whose element brings another digest than the
 * one kept for the item's old position. */
static void
test_digest_full_path_skips (Fixture       *f,
                             gconstpointer  data)
{
  const guint n = 200;
  g_autofree Element *elements = g_new0 (Element, n + 1);
  TestItem *kept;

  fill (elements, n + 1);
  sync_list (f, &by_number_digest, elements, n);
  kept = item_at (f, 150);

  /* One more element at the end and one value changed: the full path
   * (another length), two items touched: the new one and the changed. */
  elements[150].value = -150;
  elements[150].digest = digest_of (&elements[150]);
  record (f);
  sync_list (f, &by_number_digest, elements, n + 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, n + 1);
  g_assert_cmpuint (n_created, ==, 1);
  g_assert_cmpuint (n_updated, ==, 2);
  g_assert_true (item_at (f, 150) == kept);
  g_assert_cmpint (kept->value, ==, -150);
  g_assert_cmpuint (notifies (f, "value"), ==, 1);

  /* A PG that left the list at the front moves every position: the kept
   * digests follow the items, not the indices. */
  record (f);
  sync_list (f, &by_number_digest, elements + 1, n);
  g_assert_cmpuint (n_updated, ==, 0);
  g_assert_true (item_at (f, 149) == kept);
  g_assert_cmpint (item_at (f, 0)->number, ==, 10);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, n);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/list-sync/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("first-and-no-change", test_first_and_no_change);
  ADD ("notify-per-property", test_notify_per_property);
  ADD ("insert", test_insert);
  ADD ("remove", test_remove);
  ADD ("replace", test_replace);
  ADD ("move", test_move);
  ADD ("as-given", test_as_given);
  ADD ("duplicates-and-hidden", test_duplicates_and_hidden);
  ADD ("prefix-then-duplicate", test_prefix_then_duplicate);
  ADD ("ten-thousand", test_ten_thousand);
  ADD ("digest/skips-unchanged", test_digest_skips_unchanged);
  ADD ("digest/key-changed", test_digest_key_changed);
  ADD ("digest/store-changed", test_digest_store_changed);
  ADD ("digest/moves-and-unknown", test_digest_moves_and_unknown);
  ADD ("digest/tracked", test_digest_tracked);
  ADD ("digest/array", test_digest_array);
  ADD ("digest/full-path-skips", test_digest_full_path_skips);

#undef ADD

  return g_test_run ();
}
