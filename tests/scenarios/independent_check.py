#!/usr/bin/env python3
"""An independent recomputation of a coverage report from the generated import files.

Reads persons.csv, cards.csv and the rule tables with nothing but the standard library, counts
on the as-of date each person once in the best-priority reporting group, and compares, for every
commune row of the report's CSV (unit_code,...,group,insured,...), the insured count per group.
Usage: independent_check.py DATA_DIR RULES_DIR AS_OF(yyyy-mm-dd) REPORT_CSV
"""
import collections, csv, datetime, sys

data, rules, as_of, report = sys.argv[1:5]
day = datetime.date.fromisoformat(as_of)

def parse(s):
    d, m, y = s.split('/')
    return datetime.date(int(y), int(m), int(d))

groups = {r['id']: (int(r['priority']), r['code']) for r in csv.DictReader(open(f'{rules}/reporting_groups.csv', encoding='utf-8'))}
object_group = {}
for r in csv.DictReader(open(f'{rules}/object_codes.csv', encoding='utf-8')):
    object_group.setdefault(r['object_code'], r['reporting_group'])
commune = {r['ma_so_bhxh']: r['ma_xa'] for r in csv.DictReader(open(f'{data}/persons.csv', encoding='utf-8-sig'))}
best = {}
for r in csv.DictReader(open(f'{data}/cards.csv', encoding='utf-8-sig')):
    if parse(r['tu_ngay']) <= day <= parse(r['den_ngay']):
        prio, code = groups[object_group.get(r['ma_the'][:2], '9')]
        if r['ma_so_bhxh'] not in best or prio < best[r['ma_so_bhxh']][0]:
            best[r['ma_so_bhxh']] = (prio, code)
expected = collections.Counter()
for bhxh, (_, code) in best.items():
    expected[(commune[bhxh], code)] += 1
    expected[(commune[bhxh], 'ALL')] += 1

checked = mismatched = 0
for row in csv.DictReader(open(report, encoding='utf-8')):
    if row['level'] != 'commune' or not row['unit_code']:
        continue
    checked += 1
    want = expected[(row['unit_code'], row['group'])]
    if int(row['insured']) != want:
        mismatched += 1
        print(f"MISMATCH {row['unit_code']} {row['group']}: report {row['insured']}, independent {want}")
total = sum(n for (c, g), n in expected.items() if g == 'ALL')
print(f"independent check: {checked} commune × group cells compared, {mismatched} differ; {total} insured in all")
sys.exit(1 if mismatched or checked == 0 else 0)
