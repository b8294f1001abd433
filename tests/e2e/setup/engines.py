#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Does every npm package we install run on a given Node.js? (stdlib only)

usage: engines.py --node VERSION [--node VERSION]... PATH...
       engines.py --selftest

PATH is a package-lock.json (lockfileVersion 2 or 3: its "packages" map records each
package's "engines") or a node_modules folder (every package.json in it, nested ones too).
A package's engines.node is an npm version range; each VERSION must satisfy it, else the
package is reported (name, version, where, its range, the version it excludes) and the
exit status is 1. Packages that declare no Node range accept any.

The range grammar is npm's (node-semver): "||" alternatives of space-separated
comparators (<, <=, >, >=, =), partial versions and x-ranges (18, 18.x, *), hyphen
ranges (1.2 - 3), tilde (~18.19) and caret (^18.19.0) ranges. Prerelease tags in
ranges only order a bound before its release; VERSION is a release.
"""
import json
import os
import re
import sys

INF = 1 << 62
PART = r'(?:0|[1-9]\d*|[xX*])'
VERSION_RE = re.compile(r'^v?(' + PART + r')(?:\.(' + PART + r'))?(?:\.(' + PART + r'))?'
                        r'(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$')


def parse_partial(text):
    """'18.19' -> ([18, 19, None], prerelease or None); x, X and * count as absent."""
    m = VERSION_RE.match(text)
    if not m:
        raise ValueError('not a version: %r' % text)
    parts = []
    for p in m.group(1, 2, 3):
        parts.append(None if p is None or p in 'xX*' else int(p))
    # "1.x.3" means "1.x": nothing after a wildcard counts
    for i in range(3):
        if parts[i] is None:
            parts[i + 1:] = [None] * (2 - i)
            break
    return parts, m.group(4)


def key(parts, pre=None):
    """Sort key of a full version: a prerelease sorts before its release."""
    return (parts[0], parts[1], parts[2], 0 if pre else 1)


def bump(parts, i):
    """The lowest version above every version that starts with parts[:i+1]."""
    out = parts[:i + 1] + [0] * (2 - i)
    out[i] += 1
    return out


def zeros(parts):
    return [p if p is not None else 0 for p in parts]


def comparator(op, text):
    """One comparator as a list of (op, key) bounds that must all hold."""
    parts, pre = parse_partial(text)
    if parts[0] is None:
        return [('<', key([0, 0, 0], '0'))] if op in ('<', '>') else []
    known = 3 - parts.count(None)
    if op in ('', '='):
        if known == 3:
            return [('=', key(parts, pre))]
        return [('>=', key(zeros(parts), pre)), ('<', key(bump(parts, known - 1), '0'))]
    if op == '>=':
        return [('>=', key(zeros(parts), pre))]
    if op == '<':
        return [('<', key(zeros(parts), pre if known == 3 else '0'))]
    if op == '>':
        return [('>', key(parts, pre))] if known == 3 else [('>=', key(bump(parts, known - 1), '0'))]
    if op == '<=':
        return [('<=', key(parts, pre))] if known == 3 else [('<', key(bump(parts, known - 1), '0'))]
    if op in ('~', '~>'):
        upper = bump(parts, 1) if known >= 2 else bump(parts, 0)
        return [('>=', key(zeros(parts), pre)), ('<', key(upper, '0'))]
    if op == '^':
        # the first non-zero part given (or the last one given) may not change
        fixed = known - 1
        for i in range(known):
            if parts[i] != 0:
                fixed = i
                break
        return [('>=', key(zeros(parts), pre)), ('<', key(bump(parts, fixed), '0'))]
    raise ValueError('unknown operator %r' % op)


def parse_range(text):
    """A range as a list of alternatives, each a list of bounds."""
    alternatives = []
    for alt in text.split('||'):
        alt = alt.strip()
        m = re.match(r'^(\S+)\s+-\s+(\S+)$', alt)
        if m:
            bounds = comparator('>=', m.group(1)) + comparator('<=', m.group(2))
        else:
            # ">= 18" is ">=18": an operator binds to the version after it
            alt = re.sub(r'(<=|>=|~>|[<>=~^])\s+', r'\1', alt)
            bounds = []
            for word in alt.split():
                m = re.match(r'^(<=|>=|~>|[<>=~^]?)(.*)$', word)
                bounds += comparator(m.group(1), m.group(2) or '*')
        alternatives.append(bounds)
    return alternatives


def satisfies(version, text):
    parts, pre = parse_partial(version)
    if None in parts or pre:
        raise ValueError('not a release version: %r' % version)
    v = key(parts)
    tests = {'<': lambda b: v < b, '<=': lambda b: v <= b, '>': lambda b: v > b,
             '>=': lambda b: v >= b, '=': lambda b: v == b}
    return any(all(tests[op](b) for op, b in alt) for alt in parse_range(text))


def node_range(engines):
    """engines.node of a package.json or lock entry; None when it names none."""
    if isinstance(engines, dict):
        return engines.get('node')
    if isinstance(engines, list):  # the old form: ["node >= 0.8"]
        for item in engines:
            if isinstance(item, str) and item.strip().startswith('node'):
                return item.strip()[4:].strip() or '*'
    if isinstance(engines, str):
        return engines
    return None


def packages_in_lock(path):
    with open(path, encoding='utf-8') as f:
        lock = json.load(f)
    if 'packages' not in lock:
        raise ValueError('%s: no "packages" map (lockfileVersion 2 or later expected)' % path)
    for where, meta in lock['packages'].items():
        if where == '':
            continue
        name = meta.get('name') or where.rsplit('node_modules/', 1)[-1]
        yield name, meta.get('version', '?'), node_range(meta.get('engines'))


def is_package_dir(path):
    """node_modules/NAME or node_modules/@SCOPE/NAME."""
    parent = os.path.dirname(path)
    if os.path.basename(parent) == 'node_modules':
        return True
    return os.path.basename(parent).startswith('@') and \
        os.path.basename(os.path.dirname(parent)) == 'node_modules'


def packages_in_tree(top):
    for root, dirs, files in os.walk(top):
        dirs.sort()
        if 'package.json' not in files or not is_package_dir(root):
            continue
        with open(os.path.join(root, 'package.json'), encoding='utf-8') as f:
            meta = json.load(f)
        yield meta.get('name', os.path.basename(root)), meta.get('version', '?'), \
            node_range(meta.get('engines'))


SELFTEST = [
    ('>=18', '18.20.4', True), ('>=20', '18.20.4', False), ('>= 18', '18.0.0', True),
    ('>=18.19', '18.20.4', True), ('>=18.21', '18.20.4', False), ('>18', '18.20.4', False),
    ('>18', '19.0.0', True), ('>18.20.3', '18.20.4', True), ('<19', '18.20.4', True),
    ('<=18', '18.99.0', True), ('<=18.19', '18.20.4', False), ('<18.20.4', '18.20.4', False),
    ('^18.17.0 || >=20.5.0', '18.20.4', True), ('^16.14.0 || >=18.0.0', '18.20.4', True),
    ('^14.17.0 || ^16.13.0 || >=18.0.0', '20.1.0', True), ('^20.9.0 || >=22', '18.20.4', False),
    ('^0.2.3', '0.2.9', True), ('^0.2.3', '0.3.0', False), ('^0.0.3', '0.0.4', False),
    ('~18.19.0', '18.19.9', True), ('~18.19.0', '18.20.4', False), ('~18', '18.20.4', True),
    ('18.x', '18.20.4', True), ('18', '19.0.0', False), ('*', '18.20.4', True), ('', '1.0.0', True),
    ('x', '18.20.4', True), ('16 - 18', '18.20.4', True), ('16 - 18.19', '18.20.4', False),
    ('>=12 <19', '18.20.4', True), ('>=12 <18', '18.20.4', False), ('=18.20.4', '18.20.4', True),
    ('v18.20.4', '18.20.4', True), ('>=18.0.0-0', '18.0.0', True), ('<19.0.0-0', '18.20.4', True),
    ('<18.20.4-0', '18.20.4', False), ('>=14 || 12.x', '18.20.4', True),
]


def selftest():
    bad = [(r, v, want) for r, v, want in SELFTEST if satisfies(v, r) != want]
    for r, v, want in bad:
        print('FAIL range %r with %s: expected %s' % (r, v, 'accept' if want else 'exclude'))
    print('%d range cases, %d wrong' % (len(SELFTEST), len(bad)))
    return 1 if bad else 0


def main(argv):
    if argv == ['--selftest']:
        return selftest()
    versions, paths = [], []
    while argv:
        if argv[0] == '--node' and len(argv) > 1:
            versions.append(argv[1])
            argv = argv[2:]
        else:
            paths.append(argv.pop(0))
    if not versions or not paths:
        sys.stderr.write(__doc__.split('\n\n')[1] + '\n')
        return 2
    checked = excluded = 0
    for path in paths:
        found = packages_in_lock(path) if os.path.isfile(path) else packages_in_tree(path)
        for name, version, wanted in found:
            checked += 1
            if wanted is None:
                continue
            for v in versions:
                if not satisfies(v, wanted):
                    excluded += 1
                    print('%s %s (%s) needs Node.js %s: excludes %s' % (name, version, path, wanted, v))
    print('%d packages checked against Node.js %s: %d exclusions'
          % (checked, ' and '.join(versions), excluded))
    return 1 if excluded else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
