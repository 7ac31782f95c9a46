/* kdcc-staging-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kdcc-staging.h"

G_BEGIN_DECLS

/*< private >*/
struct _KdccStagedChange
{
  GObject          parent_instance;

  KdccOperation   *operation;
  KdccOperation   *inverse;
  char            *cli;
  char            *old_value;
  gboolean         has_old_value;
  char            *confirmation;
  GDateTime       *staged_at;
  gboolean         drifted;
  char            *current_value;
  KdccStagedState  state;
  char            *message;
};

struct _KdccStaging
{
  GObject       parent_instance;

  char         *fsid;
  char         *path;
  GPtrArray    *changes;      /* KdccStagedChange, pending */
  GListStore   *last_batch;   /* KdccStagedChange, or NULL */
  gboolean      busy;         /* a job runs */
};

KdccStagedChange *_kdcc_staged_change_new       (KdccOperation    *operation,
                                                 gboolean          has_old_value,
                                                 const char       *old_value,
                                                 const char       *confirmation);
void              _kdcc_staged_change_set_drift (KdccStagedChange *self,
                                                 gboolean          drifted,
                                                 const char       *current_value);
void              _kdcc_staged_change_set_state (KdccStagedChange *self,
                                                 KdccStagedState   state,
                                                 const char       *message);
void              _kdcc_staged_change_set_inverse (KdccStagedChange *self,
                                                 KdccOperation    *inverse);
void              _kdcc_staging_notify_n_items  (KdccStaging      *self,
                                                 guint             before);
void              _kdcc_staging_set_last_batch  (KdccStaging      *self,
                                                 GListStore       *batch);
/* Whether two read-back texts are the same value ("3" and "3.000000"). */
gboolean          _kdcc_staging_same_value      (const char       *a,
                                                 const char       *b);

JsonNode         *_kdcc_staged_change_to_json   (KdccStagedChange *self);
KdccStagedChange *_kdcc_staged_change_from_json (JsonNode         *node);
void              _kdcc_json_add_string         (JsonBuilder      *builder,
                                                 const char       *name,
                                                 const char       *value);

G_END_DECLS
