/* kdcc-subject.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A subject is one thing in a cluster a page can show: an OSD, a pool, a
 * host, a health check, or one of the cluster-wide lists (PGs, mons, mgrs).
 * Its text form is what alerts, tables, notifications and `kdcc --show`
 * pass around, and what the window's "win.show-subject" action takes:
 *
 *   osd.3  pool/NAME  host/NAME  health/CODE  pgs  mons  mgrs
 *   osds  osds/FILTER  pools  hosts  pgs/CODE
 *
 * OSD ids are decimal, 0 to G_MAXINT32 (as Ceph numbers them). Names are
 * any non-empty text without control characters (Ceph pool names may hold
 * '/' and '.'); host names hold no '/' and no space. Health check codes are
 * Ceph's upper-case identifiers ([A-Z0-9_]+). The OSD list's FILTER is a
 * lower-case word naming the OSDs to list ("down", "out", "nearfull"; the
 * page showing it says which it knows). pgs/CODE is the PG list narrowed
 * to the PGs the health check CODE names (PG_AVAILABILITY, ...). Nothing
 * else is a subject. */

typedef enum
{
  KDCC_SUBJECT_OSD,
  KDCC_SUBJECT_POOL,
  KDCC_SUBJECT_HOST,
  KDCC_SUBJECT_HEALTH_CHECK,
  KDCC_SUBJECT_PGS,    /* the PG list, optionally narrowed to a health check's PGs */
  KDCC_SUBJECT_MONS,
  KDCC_SUBJECT_MGRS,
  KDCC_SUBJECT_OSDS,   /* the OSD list, optionally narrowed by a filter word */
  KDCC_SUBJECT_POOLS,
  KDCC_SUBJECT_HOSTS,
} KdccSubjectKind;

/* One bit per kind, for the pages that declare what they can show. */
#define KDCC_SUBJECT_KIND_FLAG(kind) (1u << (kind))

typedef struct _KdccSubject KdccSubject;

#define KDCC_TYPE_SUBJECT (kdcc_subject_get_type ())

GType            kdcc_subject_get_type     (void) G_GNUC_CONST;

/* Returns NULL and sets KDCC_ERROR_INVALID_INPUT for anything that is not
 * one of the forms above. */
KdccSubject     *kdcc_subject_parse        (const char       *text,
                                            GError          **error);
KdccSubject     *kdcc_subject_new_osd      (gint64            id);
/* kind is POOL, HOST or HEALTH_CHECK with a name, MONS, MGRS, POOLS or
 * HOSTS with NULL, OSDS with NULL or a filter word, PGS with NULL or a
 * health check code. Returns NULL for a name
 * the kind does not accept. */
KdccSubject     *kdcc_subject_new          (KdccSubjectKind   kind,
                                            const char       *name);
KdccSubject     *kdcc_subject_copy         (const KdccSubject *self);
void             kdcc_subject_free         (KdccSubject      *self);
gboolean         kdcc_subject_equal        (const KdccSubject *a,
                                            const KdccSubject *b);

KdccSubjectKind  kdcc_subject_get_kind     (const KdccSubject *self);
/* The pool, host or check name, the OSD list's filter or the PG list's
 * check code; NULL for OSDs and the other lists. */
const char      *kdcc_subject_get_name     (const KdccSubject *self);
/* The OSD id; -1 for other kinds. */
gint64           kdcc_subject_get_osd_id   (const KdccSubject *self);
/* The text form, e.g. "osd.3"; kdcc_subject_parse() reads it back. */
char            *kdcc_subject_to_string    (const KdccSubject *self);

/* "osd", "pool", "host", "health", "pgs", "mons", "mgrs", "osds", "pools",
 * "hosts" */
const char      *kdcc_subject_kind_to_string (KdccSubjectKind kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdccSubject, kdcc_subject_free)

G_END_DECLS
