#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-flatpak.py MANIFEST.json
#
# Checks the things about the Flatpak manifest that flatpak-builder itself
# would only notice after an hour of building, or never: the app id and
# command, the GNOME runtime, the exact sandbox permissions, and that every
# downloaded source is pinned by a checksum or commit. Prints every problem
# it finds and exits 1 when there is at least one. Standard library only.

import json
import re
import sys

APP_ID = 'tech.koor.DataControlCenter'
COMMAND = 'kdcc'
RUNTIME = 'org.gnome.Platform'
SDK = 'org.gnome.Sdk'
# Network for the cluster, the Secret Service for stored passwords, and the
# usual display access. Anything more is a sandbox hole; anything less breaks.
FINISH_ARGS = {
    '--share=network',
    '--share=ipc',
    '--socket=wayland',
    '--socket=fallback-x11',
    '--device=dri',
    '--talk-name=org.freedesktop.secrets',
}
SHA256_RE = re.compile(r'^[0-9a-f]{64}$')
COMMIT_RE = re.compile(r'^[0-9a-f]{40}$')


def check_source(where, source, problems):
    if not isinstance(source, dict):
        problems.append(f'{where}: a source must be an object, not {source!r}')
        return
    kind = source.get('type')
    if kind in ('archive', 'file'):
        if 'url' in source and not str(source['url']).startswith('https://'):
            problems.append(f'{where}: {kind} url {source["url"]!r} is not https')
        sha = source.get('sha256')
        if sha is None:
            problems.append(f'{where}: {kind} source has no sha256')
        elif not isinstance(sha, str) or not SHA256_RE.match(sha):
            problems.append(f'{where}: {kind} sha256 {sha!r} is not 64 lowercase hex digits')
    elif kind == 'git':
        commit = source.get('commit')
        if commit is None:
            problems.append(f'{where}: git source {source.get("url", "")!r} has no commit')
        elif not isinstance(commit, str) or not COMMIT_RE.match(commit):
            problems.append(f'{where}: git commit {commit!r} is not 40 hex digits')
    elif kind is None:
        problems.append(f'{where}: source has no type')


def check_modules(where, modules, problems):
    if not isinstance(modules, list) or not modules:
        problems.append(f'{where}: "modules" must be a non-empty list')
        return
    for index, module in enumerate(modules):
        if not isinstance(module, dict):
            problems.append(f'{where}[{index}]: modules must be objects, not {module!r}')
            continue
        name = module.get('name', f'#{index}')
        here = f'module {name}'
        sources = module.get('sources', [])
        if not isinstance(sources, list):
            problems.append(f'{here}: "sources" must be a list')
            sources = []
        for s_index, source in enumerate(sources):
            check_source(f'{here} source {s_index}', source, problems)
        if 'modules' in module:
            check_modules(here, module['modules'], problems)


def check(manifest):
    problems = []
    if not isinstance(manifest, dict):
        return ['the manifest must be a JSON object']

    app_id = manifest.get('id', manifest.get('app-id'))
    if app_id != APP_ID:
        problems.append(f'id is {app_id!r}, expected {APP_ID!r}')
    if manifest.get('command') != COMMAND:
        problems.append(f'command is {manifest.get("command")!r}, expected {COMMAND!r}')
    if manifest.get('runtime') != RUNTIME:
        problems.append(f'runtime is {manifest.get("runtime")!r}, expected {RUNTIME!r}')
    if manifest.get('sdk') != SDK:
        problems.append(f'sdk is {manifest.get("sdk")!r}, expected {SDK!r}')
    version = manifest.get('runtime-version')
    if not isinstance(version, str) or not version:
        problems.append(f'runtime-version is {version!r}, expected a non-empty string')

    args = manifest.get('finish-args')
    if not isinstance(args, list) or not all(isinstance(a, str) for a in args):
        problems.append('finish-args must be a list of strings')
    else:
        for arg in sorted(set(args) - FINISH_ARGS):
            problems.append(f'finish-args has {arg} which the app does not need')
        for arg in sorted(FINISH_ARGS - set(args)):
            problems.append(f'finish-args lacks {arg}')
        for arg in sorted({a for a in args if args.count(a) > 1}):
            problems.append(f'finish-args lists {arg} more than once')

    modules = manifest.get('modules')
    check_modules('manifest', modules, problems)
    if isinstance(modules, list) and modules and isinstance(modules[-1], dict):
        last = modules[-1]
        if last.get('name') != 'kdcc':
            problems.append(f'the last module is {last.get("name")!r}, expected \'kdcc\'')
        if last.get('buildsystem') != 'meson':
            problems.append(f'module kdcc has buildsystem {last.get("buildsystem")!r}, '
                            'expected \'meson\'')
        if last.get('sources') != [{'type': 'dir', 'path': '..'}]:
            problems.append('module kdcc must have exactly one source, '
                            '{"type": "dir", "path": ".."}')
    return problems


def main(argv):
    if len(argv) != 2:
        print('usage: check-flatpak.py MANIFEST.json', file=sys.stderr)
        return 2
    path = argv[1]
    try:
        with open(path, encoding='utf-8') as f:
            manifest = json.load(f)
    except OSError as e:
        print(f'{path}: cannot read: {e.strerror}', file=sys.stderr)
        return 1
    except json.JSONDecodeError as e:
        print(f'{path}:{e.lineno}:{e.colno}: not valid JSON: {e.msg}', file=sys.stderr)
        return 1

    problems = check(manifest)
    for problem in problems:
        print(f'{path}: {problem}', file=sys.stderr)
    if problems:
        return 1
    print(f'{path}: OK')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
