/* test-subject.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The subjects "win.show-subject" routes: every accepted form reads back
 * to the same text, and everything else is refused with an error.
 */
#include "config.h"

#include "kdcc-error.h"
#include "kdcc-subject.h"

static void
test_valid (void)
{
  static const struct
  {
    const char      *text;
    KdccSubjectKind  kind;
    const char      *name;
    gint64           osd_id;
  } cases[] = {
    { "osd.0", KDCC_SUBJECT_OSD, NULL, 0 },
    { "osd.3", KDCC_SUBJECT_OSD, NULL, 3 },
    { "osd.2147483647", KDCC_SUBJECT_OSD, NULL, G_MAXINT32 },
    { "pool/rbd", KDCC_SUBJECT_POOL, "rbd", -1 },
    { "pool/.mgr", KDCC_SUBJECT_POOL, ".mgr", -1 },
    /* Ceph allows '/' in pool names; everything after the prefix is it. */
    { "pool/a/b", KDCC_SUBJECT_POOL, "a/b", -1 },
    { "pool/default.rgw.log", KDCC_SUBJECT_POOL, "default.rgw.log", -1 },
    { "host/node1", KDCC_SUBJECT_HOST, "node1", -1 },
    { "host/ceph-0.example.com", KDCC_SUBJECT_HOST, "ceph-0.example.com", -1 },
    { "health/OSD_DOWN", KDCC_SUBJECT_HEALTH_CHECK, "OSD_DOWN", -1 },
    { "health/AUTH_INSECURE_GLOBAL_ID_RECLAIM_ALLOWED", KDCC_SUBJECT_HEALTH_CHECK,
      "AUTH_INSECURE_GLOBAL_ID_RECLAIM_ALLOWED", -1 },
    { "health/POOL_NO_REDUNDANCY", KDCC_SUBJECT_HEALTH_CHECK, "POOL_NO_REDUNDANCY", -1 },
    { "pgs", KDCC_SUBJECT_PGS, NULL, -1 },
    /* The PG list narrowed to the PGs a health check names. */
    { "pgs/PG_AVAILABILITY", KDCC_SUBJECT_PGS, "PG_AVAILABILITY", -1 },
    { "pgs/PG_NOT_DEEP_SCRUBBED", KDCC_SUBJECT_PGS, "PG_NOT_DEEP_SCRUBBED", -1 },
    { "mons", KDCC_SUBJECT_MONS, NULL, -1 },
    { "mgrs", KDCC_SUBJECT_MGRS, NULL, -1 },
    { "osds", KDCC_SUBJECT_OSDS, NULL, -1 },
    { "osds/down", KDCC_SUBJECT_OSDS, "down", -1 },
    { "pools", KDCC_SUBJECT_POOLS, NULL, -1 },
    { "hosts", KDCC_SUBJECT_HOSTS, NULL, -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KdccSubject) subject = kdcc_subject_parse (cases[i].text, &error);
      g_autoptr(KdccSubject) copy = NULL;
      g_autofree char *text = NULL;

      g_test_message ("%s", cases[i].text);
      g_assert_no_error (error);
      g_assert_nonnull (subject);
      g_assert_cmpint (kdcc_subject_get_kind (subject), ==, cases[i].kind);
      g_assert_cmpstr (kdcc_subject_get_name (subject), ==, cases[i].name);
      g_assert_cmpint (kdcc_subject_get_osd_id (subject), ==, cases[i].osd_id);

      text = kdcc_subject_to_string (subject);
      g_assert_cmpstr (text, ==, cases[i].text);

      copy = kdcc_subject_copy (subject);
      g_assert_true (kdcc_subject_equal (subject, copy));
    }
}

static void
test_invalid (void)
{
  static const char *cases[] = {
    "",
    "osd",
    "osd.",
    "osd.-1",
    "osd.+3",
    "osd. 3",
    "osd.3 ",
    "osd.0x10",
    "osd.3a",
    "osd.2147483648",
    "osd.99999999999999999999999",
    "OSD.3",
    "osd/3",
    "pool",
    "pool/",
    "pool/rbd\n",
    "pool/tab\there",
    "Pool/rbd",
    "host/",
    "host/node 1",
    "host/a/b",
    "health/",
    "health/osd_down",
    "health/OSD-DOWN",
    "health/OSD DOWN",
    "pgs/1.0",
    "pgs/",
    "pgs/pg_availability",
    "pgs/PG AVAILABILITY",
    "pgs ",
    "mons/a",
    "mgr",
    "mgrs/x",
    "osds/",
    "osds/Down",
    "osds/near full",
    "pools/rbd",
    "hosts/a",
    "rbd",
    "daemon/mgr.x",
    " osd.3",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KdccSubject) subject = kdcc_subject_parse (cases[i], &error);

      g_test_message ("“%s”", cases[i]);
      g_assert_null (subject);
      g_assert_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT);
    }

  {
    g_autoptr(GError) error = NULL;

    g_assert_null (kdcc_subject_parse (NULL, &error));
    g_assert_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT);
  }

  /* A list kind takes no name, a named kind needs one. */
  g_assert_null (kdcc_subject_new (KDCC_SUBJECT_PGS, "1.0"));
  g_assert_null (kdcc_subject_new (KDCC_SUBJECT_POOL, NULL));
  g_assert_null (kdcc_subject_new (KDCC_SUBJECT_OSD, "3"));
}

static void
test_equal (void)
{
  g_autoptr(KdccSubject) osd3 = kdcc_subject_new_osd (3);
  g_autoptr(KdccSubject) osd4 = kdcc_subject_new_osd (4);
  g_autoptr(KdccSubject) pool = kdcc_subject_new (KDCC_SUBJECT_POOL, "rbd");
  g_autoptr(KdccSubject) host = kdcc_subject_new (KDCC_SUBJECT_HOST, "rbd");

  g_assert_false (kdcc_subject_equal (osd3, osd4));
  /* Same name, different kind. */
  g_assert_false (kdcc_subject_equal (pool, host));
  g_assert_true (kdcc_subject_equal (NULL, NULL));
  g_assert_false (kdcc_subject_equal (pool, NULL));
  g_assert_cmpstr (kdcc_subject_kind_to_string (KDCC_SUBJECT_HEALTH_CHECK), ==, "health");
  g_assert_true (G_TYPE_IS_BOXED (KDCC_TYPE_SUBJECT));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/subject/valid", test_valid);
  g_test_add_func ("/subject/invalid", test_invalid);
  g_test_add_func ("/subject/equal", test_equal);

  return g_test_run ();
}
