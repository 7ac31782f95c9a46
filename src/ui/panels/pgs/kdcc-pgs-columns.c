/* kdcc-pgs-columns.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-pgs-panel"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kdcc-format.h"
#include "kdcc-pg.h"
#include "kdcc-pgs-columns.h"
#include "kdcc-table.h"
#include "kdcc-text-cell.h"

/* Keys --------------------------------------------------------------------- */

/* "2.1f" as a number that orders like the PG (1.9 before 1.10, 2.f before
 * 10.0): pool in the high 32 bits. From the numbers the PG parsed once:
 * parsing its id at each read cost 36 ms a sort at 100,000 PGs. */
static double
key_pgid (gpointer item)
{
  gint64 pool = kdcc_pg_get_pool_id (item);

  if (pool < 0)
    return -1;
  return (double) pool * 4294967296.0 + (double) MIN ((guint64) kdcc_pg_get_seed (item), G_MAXUINT32);
}

static const char *
key_state (gpointer item)
{
  return kdcc_pg_get_state (item);
}

static double
key_pool (gpointer item)
{
  /* Within a pool, by PG: the key sorts as the sorter below does. */
  return key_pgid (item);
}

static double
key_acting (gpointer item)
{
  return (double) kdcc_pg_get_acting_primary (item);
}

static double
key_bytes (gpointer item)
{
  return (double) kdcc_pg_get_bytes (item);
}

static double
key_deep_scrub (gpointer item)
{
  return (double) kdcc_pg_get_last_deep_scrub_stamp (item);
}

/* A GtkSorter that orders as a number key, for the header's clicks: the
 * table model sorts by the key itself, this only has to agree with it. */
typedef struct
{
  KdccTableNumberKey key;
} NumberKey;

static int
compare_number_cb (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  const NumberKey *key = user_data;
  double x = key->key ((gpointer) a);
  double y = key->key ((gpointer) b);

  return x < y ? -1 : x > y ? 1 : 0;
}

static int
compare_state_cb (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  return kdcc_table_compare_strings (kdcc_pg_get_state ((KdccPg *) a), kdcc_pg_get_state ((KdccPg *) b));
}

static const NumberKey pgid_key = { key_pgid };
static const NumberKey acting_key = { key_acting };
static const NumberKey bytes_key = { key_bytes };
static const NumberKey deep_scrub_key = { key_deep_scrub };

static GtkSorter *
number_sorter (const NumberKey *key)
{
  return GTK_SORTER (gtk_custom_sorter_new (compare_number_cb, (gpointer) key, NULL));
}

/* Cells -------------------------------------------------------------------- */

static void
bind_pgid (GtkWidget *cell,
           gpointer   item)
{
  kdcc_text_cell_set_text (KDCC_TEXT_CELL (cell), kdcc_pg_get_pgid (item));
}

static void
bind_state (GtkWidget *cell,
            gpointer   item)
{
  KdccPgProblems problems = kdcc_pg_get_problems (item);

  kdcc_text_cell_set_text (KDCC_TEXT_CELL (cell), kdcc_pg_get_state (item));
  /* A long state ("active+undersized+degraded+remapped") may not fit. */
  kdcc_table_cell_set_tooltip (cell, kdcc_pg_get_state (item));
  gtk_widget_remove_css_class (cell, "error");
  gtk_widget_remove_css_class (cell, "warning");
  /* Data at risk in red; a PG that is only late or unclean in amber. */
  if (problems & KDCC_PG_PROBLEM_INCONSISTENT)
    gtk_widget_add_css_class (cell, "error");
  else if (problems != KDCC_PG_PROBLEM_NONE)
    gtk_widget_add_css_class (cell, "warning");
}

static void
bind_pool (GtkWidget *cell,
           gpointer   item)
{
  GHashTable *names = g_object_get_data (G_OBJECT (cell), "kdcc-pool-names");
  gint64 id = kdcc_pg_get_pool_id (item);
  const char *name = names != NULL ? g_hash_table_lookup (names, &id) : NULL;
  g_autofree char *fallback = NULL;

  if (name == NULL)
    /* Translators: a pool known only by its id, e.g. "Pool 3" */
    name = fallback = g_strdup_printf (_("Pool %" G_GINT64_FORMAT), id);
  kdcc_text_cell_set_text (KDCC_TEXT_CELL (cell), name);
  kdcc_table_cell_set_tooltip (cell, name);
}

static char *
osd_set_text (const GArray *ids)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; ids != NULL && i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      if (i > 0)
        g_string_append (text, ", ");
      /* Ceph's "none" in an EC set, CRUSH_ITEM_NONE. */
      if (id == 2147483647)
        g_string_append_c (text, '-');
      else
        g_string_append_printf (text, "%" G_GINT64_FORMAT, id);
    }
  if (text->len == 0)
    g_string_append (text, "—");

  return g_string_free (text, FALSE);
}

static gboolean
same_set (const GArray *a,
          const GArray *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return a->len == b->len && memcmp (a->data, b->data, a->len * sizeof (gint64)) == 0;
}

/* The acting set, then the up set where CRUSH wants another (a remapped
 * or backfilling PG): "1, 0 → 1, 0, 2". */
static void
bind_osds (GtkWidget *cell,
           gpointer   item)
{
  const GArray *acting = kdcc_pg_get_acting (item);
  const GArray *up = kdcc_pg_get_up (item);
  g_autofree char *acting_text = osd_set_text (acting);
  g_autofree char *up_text = NULL;
  g_autofree char *text = NULL;

  if (same_set (acting, up))
    {
      kdcc_text_cell_set_text (KDCC_TEXT_CELL (cell), acting_text);
      /* Translators: a PG's OSDs, e.g. "Acting and up: 1, 0, 2" */
      text = g_strdup_printf (_("Acting and up: %s"), acting_text);
    }
  else
    {
      up_text = osd_set_text (up);
      /* Translators: a PG's acting OSDs, then the OSDs CRUSH maps it to */
      text = g_strdup_printf (_("%s → %s"), acting_text, up_text);
      kdcc_text_cell_set_text (KDCC_TEXT_CELL (cell), text);
      g_free (text);
      /* Translators: a PG's OSDs when they differ */
      text = g_strdup_printf (_("Acting: %s; up: %s"), acting_text, up_text);
    }
  kdcc_table_cell_set_tooltip (cell, text);
}

static void
bind_bytes (GtkWidget *cell,
            gpointer   item)
{
  g_autofree char *text = kdcc_format_size (kdcc_pg_get_bytes (item));

  kdcc_text_cell_set_text (KDCC_TEXT_CELL (cell), text);
}

static void
bind_deep_scrub (GtkWidget *cell,
                 gpointer   item)
{
  gint64 stamp = kdcc_pg_get_last_deep_scrub_stamp (item);
  g_autofree char *text = NULL;

  /* pgs_brief (the list at 10,000 OSDs) carries no stamps. */
  if (stamp <= 0)
    {
      kdcc_text_cell_set_text (KDCC_TEXT_CELL (cell), "—");
      return;
    }
  text = kdcc_format_age (MAX (g_get_real_time () / G_USEC_PER_SEC - stamp, 0));
  kdcc_text_cell_set_text (KDCC_TEXT_CELL (cell), text);
}

/* The pool cell finds the names through its widget: a cell function has
 * only the cell and the item. Runs after kdcc-table's own setup, which
 * made the text cell. */
static void
pool_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               GHashTable               *pool_names)
{
  GtkWidget *cell = gtk_list_item_get_child (list_item);

  g_object_set_data_full (G_OBJECT (cell), "kdcc-pool-names", g_hash_table_ref (pool_names),
                          (GDestroyNotify) g_hash_table_unref);
}

static void
pool_names_unref (gpointer  data,
                  GClosure *closure)
{
  g_hash_table_unref (data);
}

GtkColumnViewColumn *
_kdcc_pgs_panel_add_columns (GtkColumnView *view,
                             GHashTable    *pool_names)
{
  GtkColumnViewColumn *pgid_column;
  GtkColumnViewColumn *pool_column;
  GtkColumnViewColumn *column;

  pgid_column = kdcc_table_add_column (view, _("PG"), NULL, bind_pgid, number_sorter (&pgid_key),
                                       FALSE, FALSE);
  kdcc_table_column_set_number_key (pgid_column, key_pgid);
  column = kdcc_table_add_column (view, _("State"), NULL, bind_state,
                                  GTK_SORTER (gtk_custom_sorter_new (compare_state_cb, NULL, NULL)),
                                  FALSE, TRUE);
  kdcc_table_column_set_string_key (column, key_state);
  /* The state is what the table is read for: wide enough for
   * "active+undersized+degraded" in most fonts. */
  gtk_column_view_column_set_fixed_width (column, 200);
  /* By pool id (the PG id's first part), as `ceph pg ls` lists them. */
  pool_column = kdcc_table_add_column (view, _("Pool"), NULL, bind_pool, number_sorter (&pgid_key),
                                       FALSE, FALSE);
  kdcc_table_column_set_number_key (pool_column, key_pool);
  g_signal_connect_data (gtk_column_view_column_get_factory (pool_column), "setup",
                         G_CALLBACK (pool_setup_cb), g_hash_table_ref (pool_names),
                         pool_names_unref, 0);
  column = kdcc_table_add_column (view, _("OSDs"), NULL, bind_osds, number_sorter (&acting_key),
                                  FALSE, FALSE);
  kdcc_table_column_set_number_key (column, key_acting);
  column = kdcc_table_add_column (view, _("Stored"), NULL, bind_bytes, number_sorter (&bytes_key),
                                  TRUE, FALSE);
  kdcc_table_column_set_number_key (column, key_bytes);
  column = kdcc_table_add_column (view, _("Deep Scrubbed"), NULL, bind_deep_scrub,
                                  number_sorter (&deep_scrub_key), TRUE, FALSE);
  kdcc_table_column_set_number_key (column, key_deep_scrub);

  gtk_column_view_sort_by_column (view, pgid_column, GTK_SORT_ASCENDING);

  return pool_column;
}
