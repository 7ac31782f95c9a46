/* test-json-scan.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The scanner behind the `osd tree` and `osd df` parsers
 * (kdcc-json-scan.h): on every document, real captures, a generated
 * 10,000-OSD cluster and hand-made variants of the captures, the parsers
 * with the scanner give the same snapshot, or the same error message, as
 * with json-glib alone; and the scanner really parses the real captures
 * rather than handing them over.
 */
#include "config.h"

#include <string.h>

#include "kdcc-ceph-parse-private.h"
#include "kdcc-error.h"
#include "kdcc-json-scan.h"
#include "kdcc-test-util.h"

typedef gboolean (*ParseFunc) (KdccSnapshot *snap, const char *json, gssize length,
                               GError **error);

static void
assert_same_osds (KdccSnapshot *a,
                  KdccSnapshot *b)
{
  g_assert_cmpuint (a->osds != NULL ? a->osds->len : 0, ==, b->osds != NULL ? b->osds->len : 0);
  for (guint i = 0; a->osds != NULL && i < a->osds->len; i++)
    {
      KdccOsdData *x = g_ptr_array_index (a->osds, i);
      KdccOsdData *y = g_ptr_array_index (b->osds, i);

      g_assert_cmpint (x->id, ==, y->id);
      g_assert_cmpstr (x->name, ==, y->name);
      g_assert_cmpstr (x->host, ==, y->host);
      g_assert_cmpstr (x->device_class, ==, y->device_class);
      g_assert_cmpint (x->exists, ==, y->exists);
      g_assert_cmpint (x->up, ==, y->up);
      g_assert_cmpint (x->in, ==, y->in);
      g_assert_cmpfloat (x->crush_weight, ==, y->crush_weight);
      g_assert_cmpfloat (x->reweight, ==, y->reweight);
      g_assert_cmpfloat (x->primary_affinity, ==, y->primary_affinity);
      g_assert_cmpint (x->has_usage, ==, y->has_usage);
      g_assert_cmpfloat (x->utilization, ==, y->utilization);
      g_assert_cmpuint (x->total_bytes, ==, y->total_bytes);
      g_assert_cmpuint (x->used_bytes, ==, y->used_bytes);
      g_assert_cmpuint (x->avail_bytes, ==, y->avail_bytes);
      g_assert_cmpint (x->pgs, ==, y->pgs);
    }
  g_assert_cmpuint (a->hosts != NULL ? a->hosts->len : 0, ==,
                    b->hosts != NULL ? b->hosts->len : 0);
  for (guint i = 0; a->hosts != NULL && i < a->hosts->len; i++)
    {
      KdccHostData *x = g_ptr_array_index (a->hosts, i);
      KdccHostData *y = g_ptr_array_index (b->hosts, i);

      g_assert_cmpstr (x->name, ==, y->name);
      g_assert_cmpuint (x->osd_ids->len, ==, y->osd_ids->len);
      g_assert_cmpmem (x->osd_ids->data, x->osd_ids->len * sizeof (gint64),
                       y->osd_ids->data, y->osd_ids->len * sizeof (gint64));
    }
}

/* Parses TEXT (after BASE, when given: `osd df` merges into a tree) with
 * and without the scanner; both must agree. Returns whether it parsed. */
static gboolean
assert_same (ParseFunc   parse,
             const char *base,
             const char *text,
             gssize      length)
{
  g_autoptr(KdccSnapshot) fast = kdcc_snapshot_new ();
  g_autoptr(KdccSnapshot) slow = kdcc_snapshot_new ();
  g_autoptr(GError) fast_error = NULL;
  g_autoptr(GError) slow_error = NULL;
  gboolean fast_ok, slow_ok;

  if (base != NULL)
    {
      g_assert_true (kdcc_ceph_parse_osd_tree (fast, base, -1, NULL));
      g_assert_true (kdcc_ceph_parse_osd_tree (slow, base, -1, NULL));
    }
  _kdcc_ceph_parse_set_scanner (TRUE);
  fast_ok = parse (fast, text, length, &fast_error);
  _kdcc_ceph_parse_set_scanner (FALSE);
  slow_ok = parse (slow, text, length, &slow_error);
  _kdcc_ceph_parse_set_scanner (TRUE);

  g_assert_cmpint (fast_ok, ==, slow_ok);
  if (!slow_ok)
    {
      g_assert_error (fast_error, KDCC_ERROR, KDCC_ERROR_PARSE);
      g_assert_cmpstr (fast_error->message, ==, slow_error->message);
      return FALSE;
    }
  assert_same_osds (fast, slow);
  return TRUE;
}

static char *
replace (const char *text,
         const char *from,
         const char *to)
{
  g_auto(GStrv) parts = g_strsplit (text, from, 2);

  g_assert_nonnull (parts[1]);
  return g_strconcat (parts[0], to, parts[1], NULL);
}

static const char *releases[] = {
  "pacific-16.2.15", "pacific-16.2.15-cephfs", "reef-18.2",
};

static void
test_captures (void)
{
  for (guint r = 0; r < G_N_ELEMENTS (releases); r++)
    {
      g_autofree char *tree_path = g_build_filename (releases[r], "osd-tree.json", NULL);
      g_autofree char *df_path = g_build_filename (releases[r], "osd-df.json", NULL);
      g_autofree char *tree = NULL;
      g_autofree char *df = NULL;
      gsize tree_len = 0, df_len = 0;
      guint hits;
      g_autofree char *full = g_build_filename (g_getenv ("KDCC_FIXTURES"), tree_path, NULL);

      if (!g_file_test (full, G_FILE_TEST_EXISTS))
        continue;
      tree = kdcc_test_read_fixture (tree_path, &tree_len);
      df = kdcc_test_read_fixture (df_path, &df_len);

      /* Real captures are plain JSON: the scanner parses them itself
       * (the tree once, then twice more as the base of osd df). */
      hits = _kdcc_ceph_parse_scanner_hits ();
      g_assert_true (assert_same (kdcc_ceph_parse_osd_tree, NULL, tree, tree_len));
      g_assert_cmpuint (_kdcc_ceph_parse_scanner_hits (), ==, hits + 1);
      g_assert_true (assert_same (kdcc_ceph_parse_osd_df, tree, df, df_len));
      g_assert_cmpuint (_kdcc_ceph_parse_scanner_hits (), ==, hits + 4);

      /* Every cut of the text fails alike. */
      for (gsize cut = 0; cut < tree_len; cut += 1 + cut / 8)
        g_assert_false (assert_same (kdcc_ceph_parse_osd_tree, NULL, tree, cut));
      for (gsize cut = 0; cut < df_len; cut += 1 + cut / 8)
        assert_same (kdcc_ceph_parse_osd_df, tree, df, cut);
    }
}

/* Hand-made changes to the Pacific captures: each is either left to
 * json-glib or read by the scanner, and both ways agree. */
static void
test_variants (void)
{
  static const struct { const char *from; const char *to; } tree_changes[] = {
    { "\"name\":\"osd.0\"", "\"name\":\"osd.\\u0030\"" },
    { "\"name\":\"osd.0\"", "\"name\":null" },
    { "\"name\":\"vm\"", "\"name\":\"vm\xc3\xa9\"" },
    { "\"name\":\"vm\"", "\"name\":\"v\xff\"" },
    { "\"name\":\"vm\"", "\"name\":null" },
    { "\"name\":\"vm\"", "\"name\":7" },
    { "\"status\":\"up\"", "\"status\":null" },
    { "\"status\":\"up\"", "\"status\":\"down\"" },
    { "\"status\":\"up\"", "\"status\":1" },
    { "\"reweight\":1", "\"reweight\":\"1\"" },
    { "\"reweight\":1", "\"reweight\":\"0.5\"" },
    { "\"reweight\":1", "\"reweight\":1.0" },
    { "\"reweight\":1", "\"reweight\":0" },
    { "\"reweight\":1", "\"reweight\":1e0" },
    { "\"reweight\":1", "\"reweight\":1e999" },
    { "\"reweight\":1", "\"reweight\":01" },
    { "\"reweight\":1", "\"reweight\":-0" },
    { "\"reweight\":1", "\"reweight\":[]" },
    { "\"exists\":1", "\"exists\":true" },
    { "\"exists\":1", "\"exists\":0" },
    { "\"exists\":1", "\"exists\":2" },
    { "\"exists\":1", "\"exists\":\"true\"" },
    { "\"exists\":1", "\"exists\":1.0" },
    { "\"id\":0,", "\"id\":0.5," },
    { "\"id\":0,", "\"id\":\"0\"," },
    { "\"id\":0,", "\"id\":5,\"id\":0," },
    { "\"id\":0,", "\"id\":0,\"id\":7," },
    { "\"id\":0,", "\"id\":12345678901234567890," },
    { "\"id\":0,", "\"id\":-9223372036854775809," },
    { "\"id\":0,", "" },
    { "\"type\":\"osd\"", "\"type\":null" },
    { "\"type\":\"osd\"", "\"type\":3" },
    { "\"type\":\"host\"", "\"type\":\"chassis\"" },
    { "\"children\":[2,1,0]", "\"children\":[2,1,\"0\"]" },
    { "\"children\":[2,1,0]", "\"children\":[2,1,0.0]" },
    { "\"children\":[2,1,0]", "\"children\":null" },
    { "\"children\":[2,1,0]", "\"children\":[]" },
    { "\"children\":[2,1,0]", "\"children\":[2,1,0,]" },
    { "\"children\":[2,1,0]", "\"children\":[2,1,0],\"children\":[1]" },
    { "\"children\":[2,1,0]", "\"children\":{}" },
    { "\"pool_weights\":{}", "\"pool_weights\":{\"a\":[1,{\"b\":null}]}" },
    { "\"pool_weights\":{}", "\"pool_weights\":{,}" },
    { "\"pool_weights\":{}", "\"pool_weights\":{}}" },
    { "{\"nodes\":", "{\"stray\":[],\"nodes\":" },
    { "{\"nodes\":", "{\"x\":1,\"nodes\":" },
    { "{\"nodes\":", "{\"nodes\":null,\"nodes\":" },
    { "{\"nodes\":", "{\"nodes\":[],\"nodes\":" },
    { "{\"nodes\":", "{\"nodes\":{},\"x\":" },
    { "{\"nodes\":", " \t\r\n{ \"nodes\" : " },
    { "\"stray\":[]", "\"stray\":null" },
    { "\"stray\":[]", "\"stray\":[{\"id\":9,\"name\":\"osd.9\",\"status\":\"down\"}]" },
    { "\"stray\":[]", "\"stray\":[1]" },
    { "\"stray\":[]", "\"stray\":[],\"stray\":[]" },
    { "\"stray\":[]", "\"stray\":[]}{" },
  };
  static const struct { const char *from; const char *to; } df_changes[] = {
    { "\"kb\":", "\"kb\":1,\"kb\":" },
    { "\"kb\":", "\"x\":" },
    { "\"utilization\":", "\"utilization\":\"1\",\"x\":" },
    { "\"pgs\":", "\"pgs\":1.5,\"x\":" },
    { "\"pgs\":", "\"pgs\":null,\"x\":" },
    { "\"device_class\":\"hdd\"", "\"device_class\":null" },
    { "\"device_class\":\"hdd\"", "\"device_class\":\"ssd\"" },
    { "\"id\":0,", "\"id\":-5,\"type\":\"host\"," },
    { "\"id\":0,", "\"id\":-5," },
    { "\"id\":0,", "\"id\":40,\"type\":\"osd\"," },
    { "\"id\":0,", "\"id\":0,\"kb\":18014398509481985," },
    { "\"id\":0,", "\"id\":0,\"kb\":-1," },
    { "\"id\":0,", "\"id\":0,\"utilization\":250.5," },
    { "\"id\":0,", "\"id\":0,\"utilization\":-3," },
    { "\"nodes\":", "\"stray\":[],\"nodes\":" },
    { "\"stray\":[]", "\"stray\":[{\"id\":1,\"kb\":2,\"kb_used\":1,\"kb_avail\":1}]" },
  };
  g_autofree char *tree = kdcc_test_read_fixture ("pacific-16.2.15/osd-tree.json", NULL);
  g_autofree char *df = kdcc_test_read_fixture ("pacific-16.2.15/osd-df.json", NULL);
  guint parsed = 0, refused = 0;

  for (guint i = 0; i < G_N_ELEMENTS (tree_changes); i++)
    {
      g_autofree char *text = replace (tree, tree_changes[i].from, tree_changes[i].to);

      if (assert_same (kdcc_ceph_parse_osd_tree, NULL, text, -1))
        parsed++;
      else
        refused++;
    }
  for (guint i = 0; i < G_N_ELEMENTS (df_changes); i++)
    {
      g_autofree char *text = replace (df, df_changes[i].from, df_changes[i].to);

      if (assert_same (kdcc_ceph_parse_osd_df, tree, text, -1))
        parsed++;
      else
        refused++;
    }
  /* Both outcomes were exercised. */
  g_assert_cmpuint (parsed, >, 10);
  g_assert_cmpuint (refused, >, 10);

  /* Garbage after the document, an empty one, another root. */
  g_assert_false (assert_same (kdcc_ceph_parse_osd_tree, NULL, "{\"nodes\":[]} x", -1));
  g_assert_true (assert_same (kdcc_ceph_parse_osd_tree, NULL, "{\"nodes\":[]} \n", -1));
  g_assert_false (assert_same (kdcc_ceph_parse_osd_tree, NULL, "", -1));
  g_assert_false (assert_same (kdcc_ceph_parse_osd_tree, NULL, "[]", -1));
  g_assert_false (assert_same (kdcc_ceph_parse_osd_tree, NULL, "{}", -1));
  g_assert_false (assert_same (kdcc_ceph_parse_osd_df, NULL, "{\"nodes\":[{}]}", -1));
  g_assert_false (assert_same (kdcc_ceph_parse_osd_df, NULL, "{\"nodes\":[1]}", -1));
  g_assert_false (assert_same (kdcc_ceph_parse_osd_tree, NULL, "{\"nodes\":[]}\0{", 14));
}

/* What `osd tree` and `osd df` say about 10,000 OSDs under 500 hosts. */
static void
test_generated (void)
{
  g_autoptr(GString) tree = g_string_new ("{\"nodes\":[{\"id\":-1,\"name\":\"default\","
                                          "\"type\":\"root\",\"type_id\":11,\"children\":[");
  g_autoptr(GString) df = g_string_new ("{\"nodes\":[");
  g_autoptr(KdccSnapshot) snap = kdcc_snapshot_new ();
  guint hits;

  for (int h = 0; h < 500; h++)
    g_string_append_printf (tree, "%s%d", h > 0 ? "," : "", -2 - h);
  g_string_append (tree, "]}");
  for (int h = 0; h < 500; h++)
    {
      g_string_append_printf (tree, ",{\"id\":%d,\"name\":\"bench-host-%04d\",\"type\":\"host\","
                              "\"type_id\":1,\"pool_weights\":{},\"children\":[", -2 - h, h);
      for (int i = 19; i >= 0; i--)
        g_string_append_printf (tree, "%d%s", h * 20 + i, i > 0 ? "," : "]}");
      for (int i = 0; i < 20; i++)
        {
          int id = h * 20 + i;

          g_string_append_printf (tree, ",{\"id\":%d,\"device_class\":\"%s\",\"name\":\"osd.%d\","
                                  "\"type\":\"osd\",\"type_id\":0,"
                                  "\"crush_weight\":0.0099945068359375,"
                                  "\"depth\":2,\"pool_weights\":{},\"exists\":1,\"status\":\"%s\","
                                  "\"reweight\":%s,\"primary_affinity\":1}",
                                  id, id % 4 == 0 ? "ssd" : "hdd", id, id % 97 == 0 ? "down" : "up",
                                  id % 89 == 0 ? "0" : "1");
          g_string_append_printf (df, "%s{\"id\":%d,\"device_class\":\"%s\",\"name\":\"osd.%d\","
                                  "\"type\":\"osd\",\"type_id\":0,"
                                  "\"crush_weight\":0.0099945068359375,"
                                  "\"depth\":2,\"pool_weights\":{},\"reweight\":1,\"kb\":1048576,"
                                  "\"kb_used\":%d,\"kb_used_data\":0,\"kb_used_omap\":0,"
                                  "\"kb_used_meta\":0,\"kb_avail\":%d,\"utilization\":%.14g,"
                                  "\"var\":1.0000000000000002,\"pgs\":%d,\"status\":\"up\"}",
                                  id > 0 ? "," : "", id, id % 4 == 0 ? "ssd" : "hdd", id,
                                  id * 7 % 1048576, 1048576 - id * 7 % 1048576,
                                  (id * 7 % 1048576) * 100.0 / 1048576, id % 300);
        }
    }
  g_string_append (tree, "],\"stray\":[]}");
  g_string_append (df, "],\"stray\":[],\"summary\":{\"total_kb\":10485760000,"
                       "\"average_utilization\":0.5,\"min_var\":0,\"max_var\":1.5,\"dev\":0.25}}");

  hits = _kdcc_ceph_parse_scanner_hits ();
  g_assert_true (assert_same (kdcc_ceph_parse_osd_tree, NULL, tree->str, tree->len));
  g_assert_true (assert_same (kdcc_ceph_parse_osd_df, tree->str, df->str, df->len));
  g_assert_cmpuint (_kdcc_ceph_parse_scanner_hits (), ==, hits + 4);

  g_assert_true (kdcc_ceph_parse_osd_tree (snap, tree->str, tree->len, NULL));
  g_assert_true (kdcc_ceph_parse_osd_df (snap, df->str, df->len, NULL));
  g_assert_cmpuint (snap->osds->len, ==, 10000);
  g_assert_cmpuint (snap->hosts->len, ==, 500);
  for (guint i = 0; i < snap->osds->len; i++)
    {
      KdccOsdData *osd = g_ptr_array_index (snap->osds, i);
      g_autofree char *host = g_strdup_printf ("bench-host-%04d", (int) osd->id / 20);

      g_assert_cmpstr (osd->host, ==, host);
      g_assert_cmpint (osd->up, ==, osd->id % 97 != 0);
      g_assert_cmpint (osd->in, ==, osd->id % 89 != 0);
      g_assert_true (osd->has_usage);
      g_assert_cmpuint (osd->used_bytes, ==, (guint64) (osd->id * 7 % 1048576) * 1024);
      g_assert_cmpint (osd->pgs, ==, osd->id % 300);
    }
}

static void
test_scanner (void)
{
  static const struct { const char *text; gboolean ok; } cases[] = {
    { "{}", TRUE }, { "[]", TRUE }, { " {\"a\":[1,-2.5e3,true,false,null,\"x\",{}]} ", TRUE },
    { "{\"a\":1,}", FALSE }, { "[1,]", FALSE }, { "[,1]", FALSE }, { "{,}", FALSE },
    { "{\"a\" 1}", FALSE }, { "{\"a\":1 \"b\":2}", FALSE }, { "[1 2]", FALSE },
    { "[01]", FALSE }, { "[1.]", FALSE }, { "[.5]", FALSE }, { "[+1]", FALSE }, { "[1e]", FALSE },
    { "[1x]", FALSE }, { "[tru]", FALSE }, { "[\"a\\\"\"]", FALSE }, { "[\"\t\"]", FALSE },
    { "[\"\xc3\xa9\"]", FALSE }, { "[1] 2", FALSE }, { "[", FALSE }, { "\"abc", FALSE },
    { "", FALSE }, { "[1e999]", FALSE }, { "[123456789012345678]", TRUE },
    { "[1234567890123456789]", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      KdccJsonScan scan;
      gboolean ok;

      kdcc_json_scan_init (&scan, cases[i].text, strlen (cases[i].text));
      ok = kdcc_json_scan_skip (&scan) && kdcc_json_scan_at_end (&scan);
      if (ok != cases[i].ok)
        g_error ("scanning %s: %s, expected %s", cases[i].text, ok ? "accepted" : "refused",
                 cases[i].ok ? "accepted" : "refused");
    }

  /* Nesting: 128 levels are read, 129 are not. */
  for (guint depth = 128; depth <= 129; depth++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      KdccJsonScan scan;

      for (guint i = 0; i < depth; i++)
        g_string_append_c (text, '[');
      for (guint i = 0; i < depth; i++)
        g_string_append_c (text, ']');
      kdcc_json_scan_init (&scan, text->str, text->len);
      g_assert_cmpint (kdcc_json_scan_skip (&scan) && kdcc_json_scan_at_end (&scan), ==,
                       depth == 128);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json-scan/scanner", test_scanner);
  g_test_add_func ("/json-scan/captures", test_captures);
  g_test_add_func ("/json-scan/variants", test_variants);
  g_test_add_func ("/json-scan/generated", test_generated);
  return kdcc_test_run ();
}
