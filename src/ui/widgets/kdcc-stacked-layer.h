/* kdcc-stacked-layer.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kdcc-chart-layer.h"

G_BEGIN_DECLS

#define KDCC_TYPE_STACKED_LAYER (kdcc_stacked_layer_get_type ())

G_DECLARE_FINAL_TYPE (KdccStackedLayer, kdcc_stacked_layer, KDCC, STACKED_LAYER, KdccChartLayer)

/* The series stacked as areas, the first at the bottom: parts of one whole
 * (read and write throughput, PG states). Each column stacks the series'
 * means; where any series has no value the stack has a gap. */
KdccChartLayer *kdcc_stacked_layer_new (void);

G_END_DECLS
