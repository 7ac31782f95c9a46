/* kdcc-setup-template.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Set-up templates for new Rook clusters (issue 12): the catalog shipped in
 * data/setup-templates.json (compiled in), the parameters every template
 * takes, and their validation. No GTK and no I/O beyond the resource: the
 * wizard and `kdcc-cli setup` share it, and kdcc-setup-render.h turns a
 * template and valid parameters into Rook objects. */

typedef enum
{
  KDCC_SETUP_PARAM_STRING,
  KDCC_SETUP_PARAM_NAME,      /* a DNS-1123 label: a Kubernetes object name */
  KDCC_SETUP_PARAM_INT,
  KDCC_SETUP_PARAM_BOOL,      /* true or false */
  KDCC_SETUP_PARAM_LIST,      /* comma-separated names, may be empty */
  KDCC_SETUP_PARAM_QUANTITY,  /* a Kubernetes quantity ("500m", "4Gi"), may be empty */
} KdccSetupParamType;

typedef struct
{
  const char         *key;
  KdccSetupParamType  type;
  const char         *fallback;     /* the value when the template gives none */
  const char         *description;  /* N_(): translate with _() */
} KdccSetupParamInfo;

/* Every parameter, in the order the wizard and `setup templates` show them. */
const KdccSetupParamInfo *kdcc_setup_param_infos  (guint       *n_infos);
const KdccSetupParamInfo *kdcc_setup_param_lookup (const char  *key);

typedef struct _KdccSetupTemplate KdccSetupTemplate;

/* The shipped templates (element-type KdccSetupTemplate), in the
 * catalog's order; a new array each call. KDCC_ERROR_PARSE if the catalog
 * is broken. */
GPtrArray               *kdcc_setup_templates_load      (GError                  **error);
const KdccSetupTemplate *kdcc_setup_templates_find      (GPtrArray                *templates,
                                                         const char               *id);

const char *kdcc_setup_template_get_id      (const KdccSetupTemplate *self);
/* Translated. */
const char *kdcc_setup_template_get_title   (const KdccSetupTemplate *self);
/* One paragraph: when to use it. Translated. */
const char *kdcc_setup_template_get_when    (const KdccSetupTemplate *self);
/* "cluster", "blockpool", "filesystem", "objectstore". */
gboolean    kdcc_setup_template_has_object  (const KdccSetupTemplate *self,
                                             const char              *object);
/* The template's default for KEY, or the parameter's fallback. */
const char *kdcc_setup_template_get_default (const KdccSetupTemplate *self,
                                             const char              *key);

/* The templates' titles and "when to use" texts, as N_() strings for
 * xgettext (kdcc-setup-strings.c, made by build-aux/gen-setup-strings):
 * title and paragraph of each template in the catalog's order. */
const char *const       *kdcc_setup_template_strings    (guint                    *n_strings);

/* Parameter values for one template, starting from its defaults. */
typedef struct _KdccSetupParams KdccSetupParams;

KdccSetupParams *kdcc_setup_params_new      (const KdccSetupTemplate *template);
/* The same template and values, independent of SELF (for a worker). */
KdccSetupParams *kdcc_setup_params_copy     (KdccSetupParams         *self);
void             kdcc_setup_params_free     (KdccSetupParams         *self);
const KdccSetupTemplate *kdcc_setup_params_get_template (KdccSetupParams *self);
/* Checks the key is known and the value has the parameter's type (as it is
 * typed); KDCC_ERROR_INVALID_INPUT saying why otherwise, and nothing
 * changes. */
gboolean         kdcc_setup_params_set      (KdccSetupParams         *self,
                                             const char              *key,
                                             const char              *value,
                                             GError                 **error);
/* "KEY=VALUE", as `--set` gives it. */
gboolean         kdcc_setup_params_assign   (KdccSetupParams         *self,
                                             const char              *assignment,
                                             GError                 **error);
const char      *kdcc_setup_params_get      (KdccSetupParams         *self,
                                             const char              *key);
gint64           kdcc_setup_params_get_int  (KdccSetupParams         *self,
                                             const char              *key);
gboolean         kdcc_setup_params_get_bool (KdccSetupParams         *self,
                                             const char              *key);
/* The list's names, empty ones left out. */
GStrv            kdcc_setup_params_get_list (KdccSetupParams         *self,
                                             const char              *key);
/* The number of storage hosts: the nodes listed, else the hosts parameter. */
gint64           kdcc_setup_params_get_hosts (KdccSetupParams        *self);

/* The rules between parameters (EC k+m needs k+m hosts, replicas on
 * distinct hosts, min_size against size, monitors, stretched zones…).
 * Returns the problems that make the parameters invalid, each a translated
 * sentence with the reason (empty when valid); WARNINGS (may be NULL)
 * receives the risks that do not stop a set-up (size 1, size 2 with
 * min_size 1). */
GPtrArray       *kdcc_setup_params_check    (KdccSetupParams         *self,
                                             GPtrArray               *warnings);
/* The same, as one KDCC_ERROR_INVALID_INPUT listing every problem. */
gboolean         kdcc_setup_params_validate (KdccSetupParams         *self,
                                             GPtrArray               *warnings,
                                             GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdccSetupParams, kdcc_setup_params_free)

G_END_DECLS
