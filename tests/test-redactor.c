/* test-redactor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Unit tests of the redactor. The samples are shaped like real Ceph output:
 * `auth ls` (text and JSON), a keyring file, `config dump`, `config log`,
 * `config-key dump` and the audit channel of `log last`, as Ceph 16.2.15
 * prints them (checked against the test cluster while writing these). The
 * key below is a real-format cephx secret made by `ceph-authtool
 * --gen-print-key` on a throwaway cluster.
 */
#define G_LOG_DOMAIN "test-redactor"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "kdcc-error.h"
#include "kdcc-redactor.h"

#define CEPHX_KEY "AQBn2kFnAAAAABAAq3yGk5w2mF0QkXnRdZ6PqA=="
#define CEPHX_KEY2 "AQCZ2kFnXyZ1ERAAd0t0cT4wFh9y8Z0xBvE7aw=="

static char *
redact_text (const char          *text,
             KdccRedactionCounts *counts)
{
  return kdcc_redact_text (text, strlen (text), NULL, counts);
}

static char *
redact_json (const char          *json,
             gboolean             all_values,
             KdccRedactionCounts *counts)
{
  g_autoptr(GError) error = NULL;
  char *out = kdcc_redact_json (json, strlen (json), all_values, NULL, counts, &error);

  g_assert_no_error (error);
  g_assert_nonnull (out);
  return out;
}

static void
assert_valid_json (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
}

static void
test_secret_names (void)
{
  const char *secret[] = { "key", "KEY", "secret", "password", "passwd", "token", "access_key",
                           "secret_key", "rgw_crypt_default_encryption_key",
                           "mgr/dashboard/GRAFANA_API_PASSWORD", "rgw_keystone_admin_token",
                           "jwt_secret", "Password" };
  const char *plain[] = { "keyring", "name", "key_file", "jwt_token_ttl", "monkey", "keys",
                          "tokens_per_sec", "mgr/dashboard/server_port", "", "passwords_allowed" };

  for (guint i = 0; i < G_N_ELEMENTS (secret); i++)
    g_assert_true (kdcc_redactor_is_secret_name (secret[i], -1));
  for (guint i = 0; i < G_N_ELEMENTS (plain); i++)
    g_assert_false (kdcc_redactor_is_secret_name (plain[i], -1));
}

static void
test_text_keyring (void)
{
  const char *keyring =
    "[client.admin]\n"
    "\tkey = " CEPHX_KEY "\n"
    "\tcaps mon = \"allow *\"\n"
    "[client.other]\n"
    "\tkey = not-a-cephx-but-still-secret\n";
  KdccRedactionCounts counts = { { 0 } };
  g_autofree char *out = redact_text (keyring, &counts);

  g_assert_null (strstr (out, CEPHX_KEY));
  g_assert_null (strstr (out, "not-a-cephx-but-still-secret"));
  g_assert_nonnull (strstr (out, "caps mon = \"allow *\""));
  g_assert_nonnull (strstr (out, "[client.admin]"));
  g_assert_cmpuint (counts.counts[KDCC_REDACTION_CEPHX_KEY], ==, 1);
  g_assert_cmpuint (counts.counts[KDCC_REDACTION_SECRET_FIELD], ==, 1);
  g_assert_cmpuint (kdcc_redaction_counts_total (&counts), ==, 2);
}

static void
test_text_auth_ls (void)
{
  /* `ceph auth ls` as Ceph prints it for people. */
  const char *text =
    "osd.0\n"
    "\tkey: " CEPHX_KEY "\n"
    "\tcaps: [mgr] allow profile osd\n"
    "client.kdcc-canary\n"
    "\tkey: " CEPHX_KEY2 "\n"
    "\tcaps: [mon] allow r\n";
  KdccRedactionCounts counts = { { 0 } };
  g_autofree char *out = redact_text (text, &counts);

  g_assert_null (strstr (out, CEPHX_KEY));
  g_assert_null (strstr (out, CEPHX_KEY2));
  g_assert_nonnull (strstr (out, "caps: [mon] allow r"));
  g_assert_nonnull (strstr (out, "client.kdcc-canary"));
  g_assert_cmpuint (counts.counts[KDCC_REDACTION_CEPHX_KEY], ==, 2);
}

static void
test_text_urls_and_tokens (void)
{
  const char *text =
    "global  advanced  rgw_keystone_url  https://canaryuser:s3cr3t-Pw@keystone.example:5000/v3  *\n"
    "plain https://keystone.example/v3 stays\n"
    "GET /api/summary Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.abc-def_123\n"
    "curl -H 'authorization: Basic YWRtaW46cGFzc3dvcmQ=' http://x\n"
    "the basic configuration is fine\n"
    "desc: metadata key=value comma-delimited pairs, token=<TOKEN>\n";
  KdccRedactionCounts counts = { { 0 } };
  g_autofree char *out = redact_text (text, &counts);

  g_assert_null (strstr (out, "s3cr3t-Pw"));
  g_assert_nonnull (strstr (out, "https://canaryuser:" KDCC_REDACTED "@keystone.example:5000/v3"));
  g_assert_nonnull (strstr (out, "plain https://keystone.example/v3 stays"));
  g_assert_null (strstr (out, "eyJhbGciOiJIUzI1NiJ9"));
  g_assert_null (strstr (out, "YWRtaW46cGFzc3dvcmQ="));
  g_assert_nonnull (strstr (out, "the basic configuration is fine"));
  g_assert_nonnull (strstr (out, "metadata key=value comma-delimited pairs, token=<TOKEN>"));
  g_assert_cmpuint (counts.counts[KDCC_REDACTION_URL_CREDENTIALS], ==, 1);
  g_assert_cmpuint (counts.counts[KDCC_REDACTION_BEARER_TOKEN], ==, 2);
}

static void
test_text_config_dump_table (void)
{
  /* `ceph config dump` without a format: one option a row. */
  const char *text =
    "WHO     MASK  LEVEL     OPTION                            VALUE              RO\n"
    "global        advanced  mon_allow_pool_size_one           true                 \n"
    "global        advanced  rgw_keystone_admin_password       hunter2-canary     * \n"
    "mgr           advanced  mgr/dashboard/GRAFANA_API_PASSWORD grafana-canary      \n"
    "mgr           advanced  mgr/dashboard/server_port         41234              * \n";
  KdccRedactionCounts counts = { { 0 } };
  g_autofree char *out = redact_text (text, &counts);

  g_assert_null (strstr (out, "hunter2-canary"));
  g_assert_null (strstr (out, "grafana-canary"));
  g_assert_nonnull (strstr (out, "41234"));
  g_assert_nonnull (strstr (out, "mon_allow_pool_size_one           true"));
  g_assert_cmpuint (counts.counts[KDCC_REDACTION_SECRET_FIELD], ==, 2);
}

static void
test_text_pem (void)
{
  const char *text =
    "cert\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA0123\nabcd\n-----END RSA PRIVATE KEY-----\n"
    "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
  KdccRedactionCounts counts = { { 0 } };
  g_autofree char *out = redact_text (text, &counts);

  g_assert_null (strstr (out, "MIIEowIBAAKCAQEA0123"));
  g_assert_nonnull (strstr (out, "BEGIN CERTIFICATE"));
  g_assert_nonnull (strstr (out, "MIIB"));
  g_assert_cmpuint (counts.counts[KDCC_REDACTION_PRIVATE_KEY], ==, 1);
}

static void
test_text_audit_log (void)
{
  /* The audit channel logs commands with all their arguments. */
  const char *text =
    "2026-11-28T09:50:01.123+0000 mon.a (mon.0) 120 : audit [INF] from='client.? 127.0.0.1:0/1' "
    "entity='client.admin' cmd=[{\"prefix\": \"config-key set\", \"key\": \"kdcc/canary\", "
    "\"val\": \"cfgkey-canary-123\"}]: dispatch\n"
    "2026-11-28T09:50:02.123+0000 mon.a (mon.0) 121 : audit [INF] from='client.? 127.0.0.1:0/1' "
    "entity='client.admin' cmd=[{\"prefix\": \"config set\", \"who\": \"global\", "
    "\"name\": \"rgw_keystone_admin_password\", \"value\": \"option-canary-456\"}]: dispatch\n"
    "2026-11-28T09:50:03.123+0000 mon.a (mon.0) 122 : audit [INF] from='client.? 127.0.0.1:0/1' "
    "entity='client.admin' cmd=[{\"prefix\": \"osd pool ls\", \"format\": \"json\"}]: dispatch\n"
    "2026-11-28T09:58:52.210686+0000 mon.a (mon.0) 491 : audit [INF] from='client.? 127.0.0.1:0/1' "
    "entity='client.admin' cmd='[{\"prefix\": \"osd set\", \"key\": \"noout\"}]': finished\n"
    "2026-11-28T09:58:53.210686+0000 mon.a (mon.0) 492 : audit [INF] from='client.? 127.0.0.1:0/1' "
    "entity='client.admin' cmd='[{\"prefix\": \"config-key set\", \"key\": \"a/b\", "
    "\"val\": \"finished-canary-1\"}]': finished\n";
  KdccRedactionCounts counts = { { 0 } };
  g_autofree char *out = redact_text (text, &counts);

  g_assert_null (strstr (out, "cfgkey-canary-123"));
  g_assert_null (strstr (out, "option-canary-456"));
  /* The key's name and the option's name stay: they say what was changed. */
  g_assert_nonnull (strstr (out, "kdcc/canary"));
  g_assert_nonnull (strstr (out, "rgw_keystone_admin_password"));
  g_assert_nonnull (strstr (out, "{\"prefix\": \"osd pool ls\", \"format\": \"json\"}"));
  /* The flag `osd set` set stays: "key" is a command argument there. */
  g_assert_nonnull (strstr (out, "cmd='[{\"prefix\": \"osd set\", \"key\": \"noout\"}]': finished"));
  g_assert_null (strstr (out, "finished-canary-1"));
  g_assert_cmpuint (counts.counts[KDCC_REDACTION_CONFIG_KEY], ==, 2);
  g_assert_cmpuint (counts.counts[KDCC_REDACTION_SECRET_FIELD], ==, 1);
}

static void
test_json_members (void)
{
  const char *json =
    "{\"auth_dump\":[{\"entity\":\"osd.0\",\"key\":\"" CEPHX_KEY "\",\"caps\":{\"mon\":\"allow profile osd\"}},"
    "{\"entity\":\"client.x\",\"key\":\"plainsecret\",\"caps\":{}}],"
    "\"deep\":{\"a\":[{\"b\":{\"Secret_Key\":\"s3-secret\",\"ACCESS_KEY\":\"AKIAX\",\"Password\":1234,"
    "\"token\":\"\",\"passwd\":null}}]},"
    "\"big\":18446744073709551615,\"neg\":-1.5e-3,\"nan\":nan}";
  KdccRedactionCounts counts = { { 0 } };
  g_autofree char *out = redact_json (json, FALSE, &counts);

  g_assert_null (strstr (out, CEPHX_KEY));
  g_assert_null (strstr (out, "plainsecret"));
  g_assert_null (strstr (out, "s3-secret"));
  g_assert_null (strstr (out, "AKIAX"));
  g_assert_null (strstr (out, "1234"));
  /* Numbers beyond 64 bits and Ceph's "nan" stay byte for byte. */
  g_assert_nonnull (strstr (out, "\"big\":18446744073709551615"));
  g_assert_nonnull (strstr (out, "\"neg\":-1.5e-3"));
  g_assert_nonnull (strstr (out, "\"token\":\"\""));
  g_assert_nonnull (strstr (out, "\"passwd\":null"));
  g_assert_nonnull (strstr (out, "\"mon\":\"allow profile osd\""));
  g_assert_cmpuint (counts.counts[KDCC_REDACTION_CEPHX_KEY], ==, 1);
  g_assert_cmpuint (counts.counts[KDCC_REDACTION_SECRET_FIELD], ==, 4);
}

static void
test_json_config_dump (void)
{
  /* `ceph config dump -f json` and `ceph config log -f json` entries. */
  const char *json =
    "[{\"section\":\"global\",\"name\":\"rgw_keystone_admin_password\",\"value\":\"opt-canary\","
    "\"level\":\"advanced\",\"can_update_at_runtime\":true,\"mask\":\"\"},"
    "{\"section\":\"global\",\"name\":\"rgw_keystone_url\","
    "\"value\":\"https://canaryuser:url-canary@keystone.example\",\"level\":\"basic\"},"
    "{\"section\":\"mgr\",\"name\":\"mgr/dashboard/server_port\",\"value\":\"8080\"},"
    "{\"version\":7,\"timestamp\":\"2026-11-28T09:50:02.1+0000\",\"name\":\"\","
    "\"changes\":[{\"name\":\"global/rgw_keystone_admin_password\",\"new_value\":\"new-canary\","
    "\"old_value\":\"old-canary\"}]}]";
  KdccRedactionCounts counts = { { 0 } };
  g_autofree char *out = redact_json (json, FALSE, &counts);

  g_assert_null (strstr (out, "opt-canary"));
  g_assert_null (strstr (out, "url-canary"));
  g_assert_null (strstr (out, "new-canary"));
  g_assert_null (strstr (out, "old-canary"));
  g_assert_nonnull (strstr (out, "\"value\":\"8080\""));
  g_assert_nonnull (strstr (out, "https://canaryuser:" KDCC_REDACTED "@keystone.example"));
  g_assert_cmpuint (counts.counts[KDCC_REDACTION_SECRET_FIELD], ==, 3);
  g_assert_cmpuint (counts.counts[KDCC_REDACTION_URL_CREDENTIALS], ==, 1);
  assert_valid_json (out);
}

static void
test_json_config_key_dump (void)
{
  const char *json =
    "{\n    \"config-history/1/\": \"<<< binary blob of length 12 >>>\",\n"
    "    \"kdcc/canary\": \"ck-canary-789\",\n    \"mgr/dashboard/accessdb_v2\": \"{\\\"users\\\": {}}\",\n"
    "    \"n\": 5,\n    \"empty\": \"\"\n}\n";
  KdccRedactionCounts counts = { { 0 } };
  g_autofree char *out = redact_json (json, TRUE, &counts);

  g_assert_null (strstr (out, "ck-canary-789"));
  g_assert_null (strstr (out, "binary blob"));
  g_assert_null (strstr (out, "users"));
  /* The names stay, and so does the layout. */
  g_assert_nonnull (strstr (out, "\n    \"kdcc/canary\": \"" KDCC_REDACTED "\",\n"));
  g_assert_nonnull (strstr (out, "\"empty\": \"\""));
  g_assert_cmpuint (counts.counts[KDCC_REDACTION_CONFIG_KEY], ==, 4);
  assert_valid_json (out);
}

static void
test_json_log_last (void)
{
  /* `ceph log last 1000 debug audit -f json`: the command is JSON inside a
   * JSON string. */
  const char *json =
    "[{\"name\":\"mon.a\",\"rank\":\"mon.0\",\"addrs\":{\"addrvec\":[]},\"stamp\":\"2026-11-28T09:50:01\","
    "\"seq\":120,\"channel\":\"audit\",\"priority\":\"[INF]\",\"message\":\"from='client.? ' "
    "entity='client.admin' cmd=[{\\\"prefix\\\": \\\"config-key set\\\", \\\"key\\\": \\\"kdcc/canary\\\", "
    "\\\"val\\\": \\\"nested-canary\\\"}]: dispatch\"}]";
  KdccRedactionCounts counts = { { 0 } };
  g_autofree char *out = redact_json (json, FALSE, &counts);

  g_assert_null (strstr (out, "nested-canary"));
  g_assert_nonnull (strstr (out, "kdcc/canary"));
  g_assert_cmpuint (counts.counts[KDCC_REDACTION_CONFIG_KEY], ==, 1);
  assert_valid_json (out);
}

static void
test_json_unchanged (void)
{
  /* Output without secrets comes back byte for byte, layout included. */
  const char *json =
    "{\n  \"nodes\": [ { \"id\": -1, \"name\": \"default\", \"type\": \"root\", \"children\": [ -2 ] },\n"
    "    {\"id\":0,\"name\":\"osd.0\",\"status\":\"up\",\"reweight\":1.0000,\"kb\":1073741824,"
    "\"u\":\"\\u00e9\\n\\\"q\\\"\"} ],\n  \"stray\" : [ ]\n}\n";
  KdccRedactionCounts counts = { { 0 } };
  gsize out_len;
  g_autofree char *out = kdcc_redact_json (json, strlen (json), FALSE, &out_len, &counts, NULL);

  g_assert_nonnull (out);
  g_assert_cmpstr (out, ==, json);
  g_assert_cmpuint (out_len, ==, strlen (json));
  g_assert_cmpuint (kdcc_redaction_counts_total (&counts), ==, 0);
}

static void
test_json_malformed (void)
{
  const char *bad[] = { "", "{", "{\"a\":}", "[1,]", "{\"a\" 1}", "\"unterminated", "[1] [2]",
                        "HEALTH_WARN 1 pool(s) have no replicas configured", "{\"a\":\"\\x\"}",
                        "tru", "fals", "{\"a\":1,}" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      KdccRedactionCounts counts = { { 0 } };
      g_autofree char *out = kdcc_redact_json (bad[i], strlen (bad[i]), FALSE, NULL, &counts, &error);

      g_assert_null (out);
      g_assert_error (error, KDCC_ERROR, KDCC_ERROR_PARSE);
      g_assert_cmpuint (kdcc_redaction_counts_total (&counts), ==, 0);
    }
}

static void
test_auto_fallback (void)
{
  const char *text = "HEALTH_WARN mon key " CEPHX_KEY " leaked {";
  KdccRedactionCounts counts = { { 0 } };
  g_autofree char *out = kdcc_redact_auto (text, strlen (text), FALSE, NULL, &counts);

  g_assert_null (strstr (out, CEPHX_KEY));
  g_assert_cmpuint (counts.counts[KDCC_REDACTION_CEPHX_KEY], ==, 1);
}

static void
test_deep_nesting (void)
{
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *fallback = NULL;

  for (int i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  out = kdcc_redact_json (deep->str, deep->len, FALSE, NULL, NULL, &error);
  g_assert_null (out);
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_PARSE);
  fallback = kdcc_redact_auto (deep->str, deep->len, FALSE, NULL, NULL);
  g_assert_cmpuint (strlen (fallback), ==, deep->len);
}

static gboolean
mem_contains (const char *hay,
              gsize       len,
              const char *needle)
{
  gsize nlen = strlen (needle);

  for (gsize i = 0; i + nlen <= len; i++)
    if (memcmp (hay + i, needle, nlen) == 0)
      return TRUE;
  return FALSE;
}

static void
test_nul_bytes (void)
{
  static const char text[] = "a\0key = " CEPHX_KEY "\0tail";
  gsize out_len;
  KdccRedactionCounts counts = { { 0 } };
  g_autofree char *out = kdcc_redact_text (text, sizeof text - 1, &out_len, &counts);

  g_assert_cmpuint (counts.counts[KDCC_REDACTION_CEPHX_KEY], ==, 1);
  g_assert_false (mem_contains (out, out_len, "AQBn2kFn"));
  g_assert_true (mem_contains (out, out_len, "tail"));
}

/* Mutation loop: take documents with planted secrets, damage them at random
 * (flip, insert, delete bytes, truncate, splice), and check that the
 * redactor never crashes and that every planted cephx key and URL password
 * that is still intact in its context in the input is gone from the output,
 * whichever path (JSON or text) the damaged document takes. */
static const char *canaries[] = { CEPHX_KEY, CEPHX_KEY2 };

static guint
count_occurrences (const char *data,
                   gsize       len,
                   const char *needle,
                   gboolean    need_boundary)
{
  gsize nlen = strlen (needle);
  guint n = 0;

  for (gsize i = 0; i + nlen <= len; i++)
    {
      if (memcmp (data + i, needle, nlen) != 0)
        continue;
      if (need_boundary && i > 0
          && (g_ascii_isalnum (data[i - 1]) || data[i - 1] == '+' || data[i - 1] == '/'))
        continue;
      n++;
    }
  return n;
}

static void
test_mutation_fuzz (void)
{
  const char *seeds[] = {
    "{\"auth_dump\":[{\"entity\":\"osd.0\",\"key\":\"" CEPHX_KEY "\",\"caps\":{\"mon\":\"allow r\"}}]}",
    "[{\"name\":\"rgw_keystone_url\",\"value\":\"https://u:pw-canary-1@k.example\"},"
    "{\"name\":\"x\",\"value\":\"" CEPHX_KEY2 "\"}]",
    "client.a\n\tkey: " CEPHX_KEY "\n\tcaps: [mon] allow r\n",
    "{\"m\":\"cmd=[{\\\"prefix\\\": \\\"config-key set\\\", \\\"val\\\": \\\"" CEPHX_KEY2 "\\\"}]\"}",
  };
  GRand *rand = g_rand_new_with_seed (g_test_rand_int ());
  guint iterations = g_test_slow () ? 200000 : 20000;

  for (guint it = 0; it < iterations; it++)
    {
      const char *seed = seeds[g_rand_int_range (rand, 0, G_N_ELEMENTS (seeds))];
      g_autoptr(GString) doc = g_string_new (seed);
      int mutations = g_rand_int_range (rand, 1, 6);
      KdccRedactionCounts counts = { { 0 } };
      gsize out_len;
      g_autofree char *out = NULL;

      for (int m = 0; m < mutations && doc->len > 0; m++)
        {
          gsize pos = g_rand_int_range (rand, 0, doc->len);
          static const char alphabet[] = "{}[]\":,\\ \n=aQ0/+-";

          switch (g_rand_int_range (rand, 0, 5))
            {
            case 0:
              doc->str[pos] = (char) g_rand_int_range (rand, 1, 256);
              break;
            case 1:
              g_string_insert_c (doc, pos, alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)]);
              break;
            case 2:
              g_string_erase (doc, pos, 1);
              break;
            case 3:
              g_string_truncate (doc, pos);
              break;
            default:
              g_string_insert_len (doc, pos, seed, g_rand_int_range (rand, 0, strlen (seed)));
              break;
            }
        }

      out = kdcc_redact_auto (doc->str, doc->len, FALSE, &out_len, &counts);
      g_assert_nonnull (out);
      g_assert_cmpint (out[out_len], ==, '\0');
      /* Each occurrence in a recognisable context must go; damaged ones
       * (a key glued to other base64, a URL without "://") may stay. */
      for (guint c = 0; c < G_N_ELEMENTS (canaries); c++)
        {
          guint total = count_occurrences (doc->str, doc->len, canaries[c], FALSE);
          guint intact = count_occurrences (doc->str, doc->len, canaries[c], TRUE);

          if (count_occurrences (out, out_len, canaries[c], FALSE) > total - intact)
            g_error ("canary survived in %s (from %s)", out, doc->str);
          if (intact > 0)
            g_assert_cmpuint (kdcc_redaction_counts_total (&counts), >, 0);
        }
      {
        guint total = count_occurrences (doc->str, doc->len, "pw-canary-1", FALSE);
        guint intact = count_occurrences (doc->str, doc->len, "://u:pw-canary-1@", FALSE);

        if (count_occurrences (out, out_len, "pw-canary-1", FALSE) > total - intact)
          g_error ("URL password survived in %s (from %s)", out, doc->str);
      }
    }
  g_rand_free (rand);
}

/* Random bytes: no crash, the output is always a complete string. */
static void
test_random_bytes (void)
{
  GRand *rand = g_rand_new_with_seed (g_test_rand_int ());

  for (guint it = 0; it < 5000; it++)
    {
      gsize len = g_rand_int_range (rand, 0, 200);
      g_autofree char *buf = g_malloc (len + 1);
      g_autofree char *out = NULL;
      gsize out_len;

      for (gsize i = 0; i < len; i++)
        buf[i] = (char) g_rand_int_range (rand, 0, 256);
      buf[len] = 0;
      out = kdcc_redact_auto (buf, len, g_rand_boolean (rand), &out_len, NULL);
      g_assert_nonnull (out);
    }
  g_rand_free (rand);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/redactor/secret-names", test_secret_names);
  g_test_add_func ("/redactor/text/keyring", test_text_keyring);
  g_test_add_func ("/redactor/text/auth-ls", test_text_auth_ls);
  g_test_add_func ("/redactor/text/urls-and-tokens", test_text_urls_and_tokens);
  g_test_add_func ("/redactor/text/config-dump-table", test_text_config_dump_table);
  g_test_add_func ("/redactor/text/pem", test_text_pem);
  g_test_add_func ("/redactor/text/audit-log", test_text_audit_log);
  g_test_add_func ("/redactor/text/nul-bytes", test_nul_bytes);
  g_test_add_func ("/redactor/json/members", test_json_members);
  g_test_add_func ("/redactor/json/config-dump", test_json_config_dump);
  g_test_add_func ("/redactor/json/config-key-dump", test_json_config_key_dump);
  g_test_add_func ("/redactor/json/log-last", test_json_log_last);
  g_test_add_func ("/redactor/json/unchanged", test_json_unchanged);
  g_test_add_func ("/redactor/json/malformed", test_json_malformed);
  g_test_add_func ("/redactor/json/deep-nesting", test_deep_nesting);
  g_test_add_func ("/redactor/auto-fallback", test_auto_fallback);
  g_test_add_func ("/redactor/fuzz/mutations", test_mutation_fuzz);
  g_test_add_func ("/redactor/fuzz/random-bytes", test_random_bytes);

  return g_test_run ();
}
