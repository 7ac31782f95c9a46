/* kdcc-tile-grid.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-tile-grid"

#include "config.h"

#include "kdcc-tile-grid.h"

#define SPACING 12
#define MIN_TILE_WIDTH 150

struct _KdccTileGrid
{
  GtkWidget parent_instance;

  guint     columns;   /* as last allocated */
};

G_DEFINE_FINAL_TYPE (KdccTileGrid, kdcc_tile_grid, GTK_TYPE_WIDGET)

static guint
count_children (KdccTileGrid *self,
                int          *max_min,
                int          *max_nat)
{
  guint n = 0;

  *max_min = 0;
  *max_nat = 0;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int min = 0, nat = 0;

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
      *max_min = MAX (*max_min, min);
      *max_nat = MAX (*max_nat, nat);
      n++;
    }

  return n;
}

guint
kdcc_tile_grid_get_columns_for_width (KdccTileGrid *self,
                                      int           width)
{
  int max_min, max_nat;
  guint n;
  int one_row;

  g_return_val_if_fail (KDCC_IS_TILE_GRID (self), 1);

  n = count_children (self, &max_min, &max_nat);
  if (n <= 2)
    return MAX (n, 1);

  one_row = n * MAX (max_nat, MIN_TILE_WIDTH) + (n - 1) * SPACING;
  if (width < 0 || width >= one_row)
    return n;
  /* Two columns unless that would cut a tile's content: then one. */
  if (width < 2 * max_min + SPACING)
    return 1;
  return 2;
}

static void
kdcc_tile_grid_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  KdccTileGrid *self = KDCC_TILE_GRID (widget);
  int max_min, max_nat;
  guint n = count_children (self, &max_min, &max_nat);

  if (n == 0)
    {
      *minimum = *natural = 0;
      return;
    }

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* One column at the narrowest, so a long number never holds the
       * window wider than it needs to be. */
      *minimum = max_min;
      *natural = n * MAX (max_nat, MIN_TILE_WIDTH) + (n - 1) * SPACING;
      *natural = MAX (*natural, *minimum);
    }
  else
    {
      guint cols = kdcc_tile_grid_get_columns_for_width (self, for_size);
      guint rows = (n + cols - 1) / cols;
      int col_width = -1;
      int row_min = 0, row_nat = 0;

      if (for_size >= 0)
        col_width = MAX (max_min, (int) ((for_size - (int) (cols - 1) * SPACING) / (int) cols));

      for (GtkWidget *child = gtk_widget_get_first_child (widget);
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          int min = 0, nat = 0;

          if (!gtk_widget_should_layout (child))
            continue;
          gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, col_width, &min, &nat, NULL, NULL);
          row_min = MAX (row_min, min);
          row_nat = MAX (row_nat, nat);
        }

      *minimum = rows * row_min + (rows - 1) * SPACING;
      *natural = rows * row_nat + (rows - 1) * SPACING;
    }
}

static void
kdcc_tile_grid_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  KdccTileGrid *self = KDCC_TILE_GRID (widget);
  int max_min, max_nat;
  guint n = count_children (self, &max_min, &max_nat);
  guint cols, rows, i = 0;
  int col_width, row_height;

  if (n == 0)
    return;

  cols = kdcc_tile_grid_get_columns_for_width (self, width);
  rows = (n + cols - 1) / cols;
  col_width = MAX (0, (width - (int) (cols - 1) * SPACING) / (int) cols);
  row_height = MAX (0, (height - (int) (rows - 1) * SPACING) / (int) rows);
  self->columns = cols;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkAllocation allocation;
      gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
      guint col, row;

      if (!gtk_widget_should_layout (child))
        continue;
      col = i % cols;
      row = i / cols;
      if (rtl)
        col = cols - 1 - col;
      allocation.x = col * (col_width + SPACING);
      allocation.y = row * (row_height + SPACING);
      allocation.width = col_width;
      allocation.height = row_height;
      gtk_widget_size_allocate (child, &allocation, -1);
      i++;
    }
}

static GtkSizeRequestMode
kdcc_tile_grid_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
kdcc_tile_grid_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (kdcc_tile_grid_parent_class)->dispose (object);
}

static void
kdcc_tile_grid_class_init (KdccTileGridClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kdcc_tile_grid_dispose;
  widget_class->measure = kdcc_tile_grid_measure;
  widget_class->size_allocate = kdcc_tile_grid_size_allocate;
  widget_class->get_request_mode = kdcc_tile_grid_get_request_mode;
  gtk_widget_class_set_css_name (widget_class, "tilegrid");
}

static void
kdcc_tile_grid_init (KdccTileGrid *self)
{
  self->columns = 0;
}

GtkWidget *
kdcc_tile_grid_new (void)
{
  return g_object_new (KDCC_TYPE_TILE_GRID, NULL);
}

void
kdcc_tile_grid_append (KdccTileGrid *self,
                       GtkWidget    *child)
{
  g_return_if_fail (KDCC_IS_TILE_GRID (self));
  g_return_if_fail (GTK_IS_WIDGET (child));

  gtk_widget_set_parent (child, GTK_WIDGET (self));
}

guint
kdcc_tile_grid_get_columns (KdccTileGrid *self)
{
  g_return_val_if_fail (KDCC_IS_TILE_GRID (self), 0);

  return self->columns;
}
