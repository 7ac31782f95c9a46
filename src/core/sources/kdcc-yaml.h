/* kdcc-yaml.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* YAML documents (kubeconfig files, Kubernetes manifests) read with libyaml
 * into the same JsonNode trees the JSON parsers use, so one reader
 * (kdcc-json.h) serves both. Kubernetes treats YAML as a spelling of JSON,
 * and so does this: mappings become objects (keys must be scalars; a key
 * given twice keeps its first value, as kubectl's decoder does), sequences
 * arrays, and scalars follow YAML 1.2's core schema: a plain (unquoted)
 * null, ~, empty value, true, false, integer or float becomes that JSON
 * value, everything else (and every quoted scalar) a string.
 *
 * A document is outside input: its size, nesting depth and the number of
 * values it expands to (aliases can make a small file expand to billions,
 * the "billion laughs") are bounded, and breaking a bound is a
 * KDCC_ERROR_PARSE that says which. Every error is KDCC_ERROR_PARSE and
 * starts with SOURCE (e.g. the file name) and the line. */

#define KDCC_YAML_MAX_BYTES  (16 * 1024 * 1024)
#define KDCC_YAML_MAX_DEPTH  64
#define KDCC_YAML_MAX_VALUES 1000000

/* Every document of TEXT (separated by ---), empty documents left out.
 * LENGTH may be -1 for a NUL-terminated string. (element-type JsonNode) */
GPtrArray *kdcc_yaml_load_all (const char  *source,
                               const char  *text,
                               gssize       length,
                               GError     **error);

/* Exactly one document; an empty text is an empty object. */
JsonNode  *kdcc_yaml_load     (const char  *source,
                               const char  *text,
                               gssize       length,
                               GError     **error);

G_END_DECLS
