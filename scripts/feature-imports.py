#!/usr/bin/env python3
"""For each app: which feature folders (apps/<app>/src/<feature>/) import which sibling features (specs excluded)."""
import os, re, sys
root = sys.argv[1]
out = set()
for app in sorted(os.listdir(f'{root}/apps')):
    src = f'{root}/apps/{app}/src'
    if app == 'console' or not os.path.isdir(src): continue
    feats = [f for f in os.listdir(src) if os.path.isdir(f'{src}/{f}')]
    for f in feats:
        for dp, _, files in os.walk(f'{src}/{f}'):
            for fn in files:
                if not fn.endswith('.ts') or '.spec.' in fn: continue
                text = open(f'{dp}/{fn}').read()
                for m in re.finditer(r"""from\s+'(\.[^']*)'""", text):
                    target = os.path.normpath(os.path.join(dp, m.group(1)))
                    rel = os.path.relpath(target, src)
                    dep = rel.split(os.sep)[0]
                    if dep != f and dep in feats: out.add((app, f, dep))
for a, f, d in sorted(out): print(f'{a} {f} -> {d}')
mutual = sorted({(a, *sorted((f, d))) for a, f, d in out if (a, d, f) in out})
for a, x, y in mutual: print(f'MUTUAL {a} {x} <-> {y}')
