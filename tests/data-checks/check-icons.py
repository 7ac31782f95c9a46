#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-icons.py APP_ICON.svg SYMBOLIC_ICON.svg
#
# The app icon must be a well-formed 128x128 SVG. The symbolic icon must be
# a 16x16 SVG drawn in one colour with fills only: GTK recolours symbolic
# icons by replacing the fill, so strokes or a second colour would show up
# wrong in dark mode and in selected rows.

import re
import sys
import xml.etree.ElementTree as ET

SVG = '{http://www.w3.org/2000/svg}'
DRAWN = {'path', 'rect', 'circle', 'ellipse', 'polygon', 'polyline', 'line'}


def size_of(root):
    view_box = root.get('viewBox', '').split()
    return (root.get('width'), root.get('height'), view_box)


def colours(element, inherited, found, problems, path):
    fill = element.get('fill', inherited)
    style = element.get('style', '')
    if element.get('stroke') not in (None, 'none') or re.search(r'stroke\s*:', style):
        problems.append(f'{path}: <{element.tag.replace(SVG, "")}> uses a stroke')
    if element.tag.replace(SVG, '') in DRAWN and fill not in (None, 'none'):
        found.add(fill.lower())
    for child in element:
        colours(child, fill, found, problems, path)


def main(argv):
    if len(argv) != 3:
        print('usage: check-icons.py APP_ICON.svg SYMBOLIC_ICON.svg', file=sys.stderr)
        return 2
    problems = []
    roots = {}
    for path in argv[1:]:
        try:
            roots[path] = ET.parse(path).getroot()
        except (OSError, ET.ParseError) as e:
            problems.append(f'{path}: {e}')
    app, symbolic = argv[1], argv[2]

    if app in roots:
        if roots[app].tag != SVG + 'svg':
            problems.append(f'{app}: the root element is not an SVG <svg>')
        elif size_of(roots[app]) != ('128', '128', ['0', '0', '128', '128']):
            problems.append(f'{app}: must be 128x128 with viewBox "0 0 128 128", '
                            f'is {size_of(roots[app])}')

    if symbolic in roots:
        root = roots[symbolic]
        if size_of(root) != ('16', '16', ['0', '0', '16', '16']):
            problems.append(f'{symbolic}: must be 16x16 with viewBox "0 0 16 16", '
                            f'is {size_of(root)}')
        found = set()
        colours(root, None, found, problems, symbolic)
        if len(found) != 1:
            problems.append(f'{symbolic}: must use exactly one fill colour, uses {sorted(found)}')

    for problem in problems:
        print(problem, file=sys.stderr)
    if not problems:
        print('icons OK')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
