#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-check-flatpak.py CHECKER MANIFEST
#
# Shows that build-aux/check-flatpak.py accepts the real manifest and
# rejects broken copies of it. Each copy breaks one rule and the checker
# must fail and name what is wrong. Prints TAP.

import copy
import json
import os
import subprocess
import sys
import tempfile


def run(checker, path):
    proc = subprocess.run([sys.executable, checker, path], capture_output=True, text=True)
    return proc.returncode, proc.stdout + proc.stderr


def sources(manifest, kind):
    for module in manifest['modules']:
        for source in module.get('sources', []):
            if source.get('type') == kind:
                yield source


def drop_sha256(m):
    del next(sources(m, 'archive'))['sha256']


def short_sha256(m):
    next(sources(m, 'archive'))['sha256'] = 'deadbeef'


def git_without_commit(m):
    # A tag alone can be moved; only the commit pins what gets built.
    m['modules'][0]['sources'].append({'type': 'git', 'url': 'https://example.com/dep.git',
                                       'tag': 'v1.0'})


def git_short_commit(m):
    m['modules'][0]['sources'].append({'type': 'git', 'url': 'https://example.com/dep.git',
                                       'commit': '618f440'})


def extra_finish_arg(m):
    m['finish-args'].append('--filesystem=home')


def missing_finish_arg(m):
    m['finish-args'].remove('--talk-name=org.freedesktop.secrets')


def devel_id(m):
    m['id'] = 'tech.koor.DataControlCenter.Devel'


def wrong_command(m):
    m['command'] = 'kdcc-cli'


def wrong_runtime(m):
    m['runtime'] = 'org.freedesktop.Platform'


def wrong_sdk(m):
    m['sdk'] = 'org.kde.Sdk'


def kdcc_not_last(m):
    m['modules'].append({'name': 'extra', 'buildsystem': 'simple', 'build-commands': ['true']})


def kdcc_git_source(m):
    m['modules'][-1]['sources'] = [{'type': 'git', 'url': 'https://example.com/kdcc.git',
                                    'commit': 'a' * 40}]


def http_archive(m):
    source = next(sources(m, 'archive'))
    source['url'] = source['url'].replace('https://', 'http://')


# (name, mutation, text the checker's output must contain)
CASES = [
    ('archive without sha256', drop_sha256, 'has no sha256'),
    ('archive with a short sha256', short_sha256, "'deadbeef' is not 64"),
    ('git source without commit', git_without_commit, 'has no commit'),
    ('git source with an abbreviated commit', git_short_commit, "'618f440' is not 40"),
    ('extra finish-arg', extra_finish_arg, '--filesystem=home'),
    ('missing finish-arg', missing_finish_arg, 'lacks --talk-name=org.freedesktop.secrets'),
    ('Devel id', devel_id, 'tech.koor.DataControlCenter.Devel'),
    ('wrong command', wrong_command, "command is 'kdcc-cli'"),
    ('wrong runtime', wrong_runtime, "runtime is 'org.freedesktop.Platform'"),
    ('wrong sdk', wrong_sdk, "sdk is 'org.kde.Sdk'"),
    ('kdcc is not the last module', kdcc_not_last, "the last module is 'extra'"),
    ('kdcc built from git instead of the tree', kdcc_git_source, 'module kdcc must have'),
    ('archive over plain http', http_archive, 'is not https'),
]


def main(argv):
    checker, manifest_path = argv[1], argv[2]
    with open(manifest_path, encoding='utf-8') as f:
        original = json.load(f)

    results = []
    status, out = run(checker, manifest_path)
    results.append((status == 0, 'the real manifest passes', out))

    with tempfile.TemporaryDirectory() as tmp:
        for name, mutate, expected in CASES:
            broken = copy.deepcopy(original)
            mutate(broken)
            path = os.path.join(tmp, 'broken.json')
            with open(path, 'w', encoding='utf-8') as f:
                json.dump(broken, f, indent=2)
            status, out = run(checker, path)
            results.append((status == 1 and expected in out, f'{name} fails', out))

        path = os.path.join(tmp, 'truncated.json')
        with open(manifest_path, encoding='utf-8') as src, open(path, 'w') as dst:
            dst.write(src.read()[:200])
        status, out = run(checker, path)
        results.append((status == 1 and 'not valid JSON' in out, 'truncated JSON fails', out))

    print(f'1..{len(results)}')
    failed = 0
    for number, (passed, name, out) in enumerate(results, 1):
        print(f'{"ok" if passed else "not ok"} {number} - {name}')
        if not passed:
            failed += 1
            for line in out.splitlines():
                print(f'# {line}')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
