#!/usr/bin/env python3
"""Whether each GET operation of a `docgen schema` dump answers a collection exactly where its path
addresses one, by the official CSDL (a test oracle only: docgen never reads it).

A path is followed from its entity set (a collection) or singleton (one entity) through keys
(`{id}`: one item of a collection), casts (`microsoft.graph.x`) and properties (one value or a
collection, as the CSDL declares them, on the type, a base or a derived type). Paths that leave
the CSDL (`root:/path:`, `$value`, a function, an unknown name) are not judged. An operation is
judged when its paths that can be followed agree; it differs when the dump's return type says a
collection where they address one item, or one item where they address a collection.

Usage: response-shapes.py --csdl-json GT.json --dump DUMP.json [--max N] [--list]
Prints `response shapes: J judged, D differ` and exits 1 when D > N.
"""
import argparse
import collections
import json
import re
import sys


class Csdl:
    def __init__(self, gt):
        self.types = gt['types']
        self.lower = {n.lower(): n for n in self.types}
        self.children = collections.defaultdict(list)
        for name, t in self.types.items():
            if t.get('base'):
                self.children[t['base']].append(name)
        self.sets = {k.lower(): v for k, v in gt.get('entitySets', {}).items()}
        self.singletons = {k.lower(): v for k, v in gt.get('singletons', {}).items()}

    def property(self, ty, name):
        """The property `name` (any case) of `ty`, a base or a derived type."""
        seen = set()
        current = ty
        while current in self.types and current not in seen:
            seen.add(current)
            for k, v in self.types[current].get('properties', {}).items():
                if k.lower() == name:
                    return v
            current = self.types[current].get('base')
        stack = list(self.children.get(ty, []))
        while stack:
            c = stack.pop()
            for k, v in self.types[c].get('properties', {}).items():
                if k.lower() == name:
                    return v
            stack += self.children.get(c, [])
        return None

    def addressed(self, path):
        """(type, is_collection) that `path` addresses, or None where it leaves the CSDL."""
        path = path.split('?')[0]
        segments = [s for s in path.split('/') if s]
        if not segments:
            return None
        first = segments[0].lower()
        if first in self.sets:
            ty, collection = self.sets[first], True
        elif first in self.singletons:
            ty, collection = self.singletons[first], False
        else:
            return None
        for s in segments[1:]:
            if s.startswith('{'):
                if not collection:
                    return None
                collection = False
                continue
            if s.startswith('$') or ':' in s or '(' in s:
                return None
            if '.' in s:
                cast = self.lower.get(s.lower())
                if not cast:
                    return None
                ty = cast
                continue
            if collection:
                return None
            p = self.property(ty, s.lower())
            if not p:
                return None
            t = p['type']
            m = re.fullmatch(r'Collection\((.*)\)', t)
            ty, collection = (m.group(1), True) if m else (t, False)
        return ty, collection


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--csdl-json', required=True)
    ap.add_argument('--dump', required=True)
    ap.add_argument('--max', type=int, default=None)
    ap.add_argument('--list', action='store_true')
    args = ap.parse_args()
    csdl = Csdl(json.load(open(args.csdl_json)))
    dump = json.load(open(args.dump))
    judged, differ = 0, []
    for op in dump['operations']:
        returns = op.get('returnType')
        if op['method'] != 'GET' or op['kind'] not in ('get', 'list') or not returns:
            continue
        shapes = {a[1] for a in map(csdl.addressed, op['paths']) if a}
        if len(shapes) != 1:
            continue
        judged += 1
        collection = returns.startswith('Collection(')
        if collection not in shapes:
            differ.append((op['source'], op['paths'][0], returns))
    print(f'response shapes: {judged} judged, {len(differ)} differ')
    if args.list:
        for source, path, returns in differ:
            print(f'  {source}: GET {path} answers {returns}')
    if args.max is not None and len(differ) > args.max:
        print(f'more than {args.max} differ', file=sys.stderr)
        sys.exit(1)


if __name__ == '__main__':
    main()
