"""Sums a JFR recording's execution samples: own and inclusive shares per method, and per second
which thread was in which phase (P parse, I index, C commit). For BENCHMARKS.md "Cold build at
1,000 episodes". Usage:
  jfr print --json --stack-depth 200 --events jdk.ExecutionSample build.jfr > build.json
  python3 tools/perf/jfr_samples.py build.json
"""
import collections
import json
import sys

events = json.load(open(sys.argv[1]))['recording']['events']
own, inclusive, per_second = collections.Counter(), collections.Counter(), collections.defaultdict(collections.Counter)
n = 0
for e in events:
    st = e['values'].get('stackTrace')
    if not st:
        continue
    n += 1
    names = [f['method']['type']['name'].split('/')[-1] + '.' + f['method']['name'] for f in st['frames']]
    own[names[0]] += 1
    for m in set(names):
        inclusive[m] += 1
    joined = ' '.join(names)
    phase = 'P' if 'parseUnit' in joined else 'I' if 'lambda$sync' in joined else 'C' if 'IndexWriter.commit' in joined else 'o'
    thread = e['values']['sampledThread']['javaName'][:6] if e['values'].get('sampledThread') else '?'
    per_second[e['values']['startTime'][11:19]][thread + ':' + phase] += 1
print('samples', n)
for second in sorted(per_second):
    print(second, dict(per_second[second]))
print('--- own')
for m, c in own.most_common(30):
    print(f'{c * 100 / n:5.1f}% {m}')
print('--- inclusive, Quotecast methods')
for m, c in inclusive.most_common(300):
    if m.split('.')[0][:1].isupper() and any(k in m for k in ('Transcript', 'Sentence', 'Sponsor', 'Time', 'Text', 'Vtt', 'WebVtt', 'ParseCache', 'Passages', 'Engine', 'Spread')):
        print(f'{c * 100 / n:5.1f}% {m}')
