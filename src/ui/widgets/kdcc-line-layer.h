/* kdcc-line-layer.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kdcc-chart-layer.h"

G_BEGIN_DECLS

#define KDCC_TYPE_LINE_LAYER (kdcc_line_layer_get_type ())

G_DECLARE_FINAL_TYPE (KdccLineLayer, kdcc_line_layer, KDCC, LINE_LAYER, KdccChartLayer)

/* Each series as its own line through the mean of each pixel column, over a
 * lighter band from the column's minimum to its maximum, so a short spike in
 * a week of data stays visible. Property "fill" (boolean): shade the area under each
 * line. */
KdccChartLayer *kdcc_line_layer_new      (void);
gboolean        kdcc_line_layer_get_fill (KdccLineLayer *self);
void            kdcc_line_layer_set_fill (KdccLineLayer *self,
                                          gboolean       fill);

G_END_DECLS
