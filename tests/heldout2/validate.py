"""Structural check of the held-out gold files (does not run the analyzer).

    python tests/heldout2/validate.py

For every NAME.txt / NAME.gold.json pair: the JSON loads and has the schema's
keys, id matches the file name, every `content` and `not_claims` span is an
exact substring of the story, `kind` is one of the four kinds, direct quotes
sit between quotation marks in the text, indirect content carries no
double quotation marks, no not_claim overlaps an annotated content, and
`via` entries have name/aliases (each alias in the story). Prints a summary table.
"""
import json
import pathlib
import sys
from collections import Counter

HERE = pathlib.Path(__file__).resolve().parent
KINDS = ('direct', 'indirect', 'mixed', 'according_to')
OPEN = '"“‘\''
CLOSE = '"”’\''
DQ = '"“”'


def spans(text, s):
    out, i = [], text.find(s)
    while i >= 0:
        out.append((i, i + len(s)))
        i = text.find(s, i + 1)
    return out


def check(txt_path):
    errs = []
    name = txt_path.name[:-4]
    text = txt_path.read_text(encoding='utf-8')
    gold = json.loads((HERE / f'{name}.gold.json').read_text(encoding='utf-8'))
    for k in ('id', 'publisher', 'byline', 'attributions', 'not_claims'):
        if k not in gold:
            errs.append(f'missing key {k}')
    if gold.get('id') != name:
        errs.append(f'id {gold.get("id")!r} != {name!r}')
    content_spans = []
    for n, a in enumerate(gold['attributions']):
        for k in ('content', 'kind', 'speaker', 'speaker_aliases', 'cue', 'via', 'channel'):
            if k not in a:
                errs.append(f'#{n}: missing {k}')
        c, kind = a['content'], a['kind']
        if kind not in KINDS:
            errs.append(f'#{n}: bad kind {kind!r}')
        sp = spans(text, c)
        if not sp:
            errs.append(f'#{n}: content not in text: {c[:60]!r}')
            continue
        content_spans += sp
        if c != c.strip():
            errs.append(f'#{n}: content has outer whitespace')
        if kind == 'direct':
            if not any(s > 0 and text[s - 1] in OPEN and e < len(text) and text[e] in CLOSE for s, e in sp):
                errs.append(f'#{n}: direct content not enclosed by quote marks: {c[:60]!r}')
        if kind in ('indirect', 'according_to') and any(q in c for q in DQ):
            errs.append(f'#{n}: {kind} content contains double quotes (mixed?): {c[:60]!r}')
        if kind == 'mixed' and not any(q in c for q in DQ + '‘'):
            errs.append(f'#{n}: mixed content has no quotation: {c[:60]!r}')
        for v in a['via']:
            if set(v) != {'name', 'aliases'}:
                errs.append(f'#{n}: bad via {v!r}')
                continue
            for al in v['aliases']:
                if al not in text:
                    errs.append(f'#{n}: via alias not in text: {al!r}')
        for al in a['speaker_aliases']:
            if al not in text:
                errs.append(f'#{n}: alias not in text: {al!r}')
    for s in gold['not_claims']:
        sp = spans(text, s)
        if not sp:
            errs.append(f'not_claim not in text: {s[:60]!r}')
        for s0, e0 in sp:
            for s1, e1 in content_spans:
                if s0 < e1 and s1 < e0:
                    errs.append(f'not_claim overlaps a content: {s[:60]!r}')
    words = len(text.split())
    return name, gold, words, errs


def main():
    files = sorted(HERE.glob('*.txt'))
    bad = 0
    print(f'{"story":<22}{"words":>6}{"total":>7}{"direct":>8}{"indirect":>10}{"mixed":>7}{"acc_to":>8}{"not_cl":>8}')
    tot = Counter()
    for f in files:
        name, gold, words, errs = check(f)
        c = Counter(a['kind'] for a in gold['attributions'])
        n = len(gold['attributions'])
        tot.update(c)
        print(f'{name:<22}{words:>6}{n:>7}{c["direct"]:>8}{c["indirect"]:>10}{c["mixed"]:>7}{c["according_to"]:>8}{len(gold["not_claims"]):>8}')
        for e in errs:
            print('   ERROR', e)
        bad += len(errs)
    print(f'{"TOTAL":<22}{"":>6}{sum(tot.values()):>7}{tot["direct"]:>8}{tot["indirect"]:>10}{tot["mixed"]:>7}{tot["according_to"]:>8}')
    print('OK' if not bad else f'{bad} problem(s)')
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
