"""Claim detection: finds reported speech and its cue, speaker mention, channel and time.

One story is read in four passes over its parses (``_Finder.run``):

1. quotes: every full quotation finds its reporting verb after it ("...,” said Tokayev"),
   before it ("Kuzmina said: “...”"), inside an unclosed one, or inherits the speaker of
   the quote just before it ("“One,” he said, “two.”");
2. cues: every other reporting verb reads its content from the parse (a that-clause, the
   clause before a closing "the bank said", an object and complement for "accused X of
   Y"), with relays ("RIA quoted X as saying", "said, citing X");
3. "according to X";
4. combining: a quote wins over a clause read from inside it; a report inside a report
   becomes a relay ("X told reporters that Y had said ..."); two cues of one speaker
   split their content.

Who speaks is read by ``speakers``; relays, channels and times by ``intermediaries``.
The state the passes share (cues already used, relays seen, look-up indexes) lives in
``_Finder``; nothing outside this module sees it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import accumulate

from .intermediaries import channel_of, channel_words, is_publisher, published_by, recipient_via, time_of
from .lexicon import Lexicon
from .quotes import Quote
from .speakers import is_cue, speaker_beside, speaker_mention, subject
from .syntax import QUOTE_MARKS, comma_before, mention, sentence_of, span_of, subtree, trim
from .types import ClaimKind, Frame, Mention, Parse, Span, Token

# Dependents of a cue that can hold (part of) what was said.
_CONTENT_DEPS = {"ccomp", "xcomp", "obj", "obl", "advcl", "iobj", "dep", "nmod", "csubj"}
# Verbs whose infinitive complement still reports speech ("went on to say", "continued to insist").
_LIGHT_VERBS = {"go", "continue", "seem", "appear", "try", "want", "have", "need", "begin", "start", "come"}
# Subordinators of a reporter's circumstance clause hung on the cue (", as profit fell").
_CIRCUMSTANCE = {"as", "after", "before", "when", "since", "because", "while", "amid", "following"}
_SUBJECTS = {"nsubj", "nsubj:pass", "csubj"}


@dataclass(frozen=True, slots=True)
class _Relay:
    """ "his office quoted him in a statement": a relay without words of its own."""

    sentence: int
    via: Mention | None
    channel: str | None
    verb_at: int  # offset of the relay verb, so one clause is recorded once


def detect_claims(
    text: str, parses: Sequence[Parse], quotes: Sequence[Quote], lexicon: Lexicon, publisher: str | None,
    headlines: frozenset[int] = frozenset(),
) -> list[Frame]:
    """Every claim frame in the parsed blocks, in text order.

    Args:
        text: the input text (offsets index it).
        parses: one parse per claim-bearing block, in text order.
        quotes: the story's quotations (``find_quotes``).
        lexicon: the cue word lists.
        publisher: the outlet that published the story (never an intermediary).
        headlines: indices of the blocks that are headlines ("X says recount likely").
    """
    finder = _Finder(text, parses, quotes, lexicon, publisher, headlines)
    return finder.run()


class _Finder:
    def __init__(
        self, text: str, parses: Sequence[Parse], quotes: Sequence[Quote], lexicon: Lexicon,
        publisher: str | None, headlines: frozenset[int] = frozenset(),
    ) -> None:
        self.text = text
        self.headlines = headlines
        self.parses = list(parses)
        self.quotes = [q for q in quotes if q.content.end > q.content.start]
        self.lex = lexicon
        self.publisher = (publisher or "").lower()
        self.full = [q for q in self.quotes if q.full]
        self.used: set[tuple[int, int]] = set()  # (parse index, token index) of cues taken
        self.object_content = False  # whether the content last read was an object, not a clause
        self.relays: list[_Relay] = []
        # indexes that keep the look-ups below logarithmic on a long story
        self.index = {id(p): n for n, p in enumerate(self.parses)}
        self.opens = [q.open for q in self.quotes]
        self.full.sort(key=lambda q: q.content.start)
        self.full_starts = [q.content.start for q in self.full]
        self.full_reach = list(accumulate((q.content.end for q in self.full), max))
        self.last_ends = [p.tokens[-1].end for p in self.parses if p.tokens]
        self.last_pis = [n for n, p in enumerate(self.parses) if p.tokens]
        self.tok_starts = [[t.start for t in p.tokens] for p in self.parses]
        self.all_starts = [t.start for p in self.parses for t in p.tokens]
        self.all_sents = [t.sent for p in self.parses for t in p.tokens]

    # ------------------------------------------------------------------ driver
    def run(self) -> list[Frame]:
        frames = self._direct()
        frames += self._syntactic()
        frames += self._according_to()
        frames = self._drop_overlaps(frames)
        frames = self._nest(frames)
        frames = self._apply_relays(frames)
        return sorted(frames, key=lambda f: (f.content.start, f.content.end))

    # ------------------------------------------------------------------ helpers
    def _in_full_quote(self, offset: int) -> Quote | None:
        first = bisect_right(self.full_reach, offset)  # the first quote ending after offset
        if first < bisect_right(self.full_starts, offset):
            return self.full[first]
        return None

    def _quotes_in(self, start: int, end: int) -> list[Quote]:
        out = []
        for n in range(bisect_left(self.opens, start), len(self.quotes)):
            q = self.quotes[n]
            if q.open > end:
                break
            if q.content.end <= end + 1:
                out.append(q)
        return out

    def _is_misread_cue(self, p: Parse, tok: Token) -> bool:
        """A main reporting verb the small model mislabelled: tagged as a noun ("lawsuits ...
        accuse Verano of failing"), or hung as a modifier on the subject's relative clause
        ("Her sister, Danielle Rowe, who works as her stylist, posted on Instagram that ...")."""
        if tok.lemma not in self.lex.cues:
            return False
        deps = {p.tokens[k].dep for k in p.kids(tok.i)}
        if tok.pos == "NOUN" and tok.dep == "root":
            return "nsubj" in deps and bool(deps & {"obj", "ccomp"})
        if tok.pos != "VERB" or tok.dep != "acl" or tok.tag not in {"VBD", "VBN"}:
            return False
        root = tok.i
        while p.tokens[root].head != root:
            root = p.tokens[root].head
        verbless = p.tokens[root].pos in {"NOUN", "PROPN"}  # the sentence has no main verb but this one
        return verbless and ("ccomp" in deps or tok.tag == "VBD" or comma_before(p, tok.i))

    def _mention(self, p: Parse, i: int | None) -> Mention | None:
        if i is None:
            return None
        return mention(self.text, p, i, self.lex)

    # ------------------------------------------------------------------ direct quotes
    def _direct(self) -> list[Frame]:
        frames: list[Frame] = []
        for q in self.full:
            frame = self._direct_one(q, frames)
            if frame is not None:
                frames.append(frame)
        return frames

    def _direct_one(self, q: Quote, earlier: list[Frame]) -> Frame | None:
        content = Span.of(self.text, q.content.start, q.close if q.close is not None else q.content.end)
        stripped = content.text.rstrip()
        if not stripped:
            return None
        content = Span.of(self.text, content.start, content.start + len(stripped))
        conf = 0.9 if q.closed else 0.6
        found = self._cue_after(q) or self._cue_before(q)
        if found is None and not q.closed:
            # "“We will not give up, the mayor said." — the closing mark was forgotten
            inner = self._cue_inside(q)
            if inner is not None:
                found, end = inner
                content = Span.of(self.text, content.start, end)
        if found is not None:
            pi, v = found
            p = self.parses[pi]
            self.used.add((pi, v))
            speaker = speaker_mention(self.text, p, v, self.lex)
            if speaker is not None and q.content.start <= speaker.span.start < content.end:
                speaker = speaker_beside(self.text, p, v, content.end, self.lex)  # never a word of the quote itself
            via = recipient_via(self.text, p, v, self.lex, self.publisher)
            channel, outlet = channel_of(self.text, p, v, self.lex)
            tok = p.tokens[v]
            return Frame(
                ClaimKind.DIRECT, content, span_of(self.text, p, v, v), tok.lemma, speaker,
                tuple(m for m in (via or outlet,) if m is not None), channel, time_of(self.text, p, v, self.lex),
                tok.sent, conf if speaker else conf - 0.3, p.block,
            )
        if not stripped.endswith((".", ",", "?", "!", "…")) and q.closed:
            return None  # a quoted title or name standing at the start of a sentence
        # no cue of its own: the quote continues the speaker of the quote before it, when it
        # stands as a sentence ("“Midnight Ledger,” is due out in March" names an album)
        after = self.text[q.close + 1:q.close + 3].lstrip(" \u00a0") if q.close is not None else ""
        if after[:1].isalpha() and after[:1].islower():
            return None
        block = q.blocks[0]
        prior = [f for f in earlier if f.block in {block, block - 1} and f.content.end <= q.open]
        if prior:
            last = prior[-1]
            return replace(last, content=content, confidence=min(last.confidence, 0.7), block=block,
                           sentence=self._sentence_at(q.content.start, last.sentence))
        return None

    def _cue_inside(self, q: Quote) -> tuple[tuple[int, int], int] | None:
        """A ", the mayor said" clause inside an unclosed quote: the cue and where the quote ends."""
        loc = self._locate(q.content.start)
        if loc is None:
            return None
        pi, start = loc
        p = self.parses[pi]
        toks = p.tokens
        for i in range(start, len(toks)):
            if toks[i].start >= q.content.end:
                break
            if toks[i].text != ",":
                continue
            for j in range(i + 1, min(i + 6, len(toks))):
                if is_cue(toks[j], self.lex) and (pi, j) not in self.used and self._reports(p, j):
                    _, s1 = sentence_of(p, j)
                    if all(toks[k].pos not in {"VERB", "AUX"} or k == j for k in range(i + 1, s1)):
                        return (pi, j), toks[i].end
                    break
        return None

    def _sentence_at(self, offset: int, default: int) -> int:
        n = bisect_left(self.all_starts, offset)
        return self.all_sents[n] if n < len(self.all_sents) else default

    def _locate(self, offset: int) -> tuple[int, int] | None:
        """(parse index, token index) of the first token at or after ``offset`` in its block."""
        k = bisect_right(self.last_ends, offset)  # the first parse that ends after offset
        if k == len(self.last_ends):
            return None
        pi = self.last_pis[k]
        i = bisect_left(self.tok_starts[pi], offset)
        return (pi, self.parses[pi].tokens[i].i) if i < len(self.tok_starts[pi]) else None

    def _cue_after(self, q: Quote) -> tuple[int, int] | None:
        """ "...,” said Tokayev." / "...,” he added in a statement." """
        if q.close is None:
            return None
        loc = self._locate(q.close + 1)
        if loc is None:
            return None
        pi, start = loc
        p = self.parses[pi]
        if p.tokens[start].start - q.close > 3 or p.block != q.blocks[-1]:
            return None
        k = bisect_right(self.opens, q.close)
        next_open = self.opens[k] if k < len(self.opens) else len(self.text)
        toks = p.tokens
        skip_to = -1
        for i in range(start, min(start + 24, len(toks))):
            tok = toks[i]
            if tok.start >= next_open:
                break
            if tok.text in {".", "?", "!", ";"} and i > start:
                break
            if i <= skip_to:
                continue
            if is_cue(tok, self.lex) and (pi, i) not in self.used and self._reports(p, i):
                return pi, i
            if tok.pos in {"VERB", "AUX"} and tok.dep in {"acl:relcl", "acl"}:
                skip_to = subtree(p, i)[-1]  # "one resident, who gave only her first name, told Reuters"
                continue
            if tok.pos in {"VERB", "AUX"} and tok.dep not in {"aux", "aux:pass"} and not is_cue(tok, self.lex):
                return None
        return None

    def _cue_before(self, q: Quote) -> tuple[int, int] | None:
        """ "Kuzmina said: “...”" or a paragraph ending "..., Weidner said:" before the quote."""
        k = q.open  # walk back over the white space before the mark, within its line
        while k > 0 and self.text[k - 1] != "\n" and self.text[k - 1].isspace():
            k -= 1
        if k > 0 and self.text[k - 1] != "\n":
            if self.text[k - 1] not in ":,":
                return None
            end = k
        else:
            para_start = k
            prev_end = para_start - 1
            while prev_end > 0 and self.text[prev_end - 1] in "\r\n \t":
                prev_end -= 1
            if prev_end <= 0 or self.text[prev_end - 1] != ":":
                return None
            end = prev_end
        loc = self._locate(end - 1)
        if loc is None:
            return None
        pi, last = loc
        p = self.parses[pi]
        s0, _ = sentence_of(p, last)
        for i in range(last, s0 - 1, -1):
            tok = p.tokens[i]
            if tok.end > end:
                continue
            if (is_cue(tok, self.lex) and (pi, i) not in self.used and self._reports(p, i)
                    and not self._has_clause(p, i, upto=end) and not self._in_full_quote(tok.start)):
                return pi, i
        return None

    def _has_clause(self, p: Parse, v: int, upto: int) -> bool:
        return any(
            p.tokens[k].dep == "ccomp" and p.tokens[k].end <= upto and k > v for k in p.kids(v)
        )

    # ------------------------------------------------------------------ indirect and mixed
    def _syntactic(self) -> list[Frame]:
        frames: list[Frame] = []
        for pi, p in enumerate(self.parses):
            for tok in p.tokens:
                if (pi, tok.i) in self.used or not (is_cue(tok, self.lex) or self._is_misread_cue(p, tok)):
                    continue
                if self._in_full_quote(tok.start):
                    continue
                frame = self._frame_for(pi, p, tok.i)
                if frame is not None:
                    frames.append(frame)
        return frames

    def _reports(self, p: Parse, v: int) -> bool:
        """Whether cue ``v`` reports speech here (not "declined to comment", "did not say")."""
        toks = p.tokens
        tok = toks[v]
        up, seen = v, 0
        while toks[up].head != up and seen < 8:
            up, seen = toks[up].head, seen + 1
            declined = [k for k in p.kids(up) if toks[k].dep == "xcomp"] if toks[up].lemma in self.lex.refusals else []
            if any(v in subtree(p, k) for k in declined):
                return False  # "declined to comment", "declined to say whether they would ask ..."
        nxt = toks[v + 1].lower_text() if v + 1 < len(toks) else ""
        if tok.lemma == "call" and nxt not in {"on", "for", "upon"}:
            return False  # "call the hotline" is not "called on Ottawa to act"
        if tok.tag == "VBG" and any(
            toks[k].dep == "mark" and toks[k].lower_text() not in {"as"} for k in p.kids(v)
        ):
            return False  # "before dismissing them", "after saying": circumstance, not a report
        if tok.dep == "acl:relcl" and any(
            phrase in span_of(self.text, p, v, subtree(p, v)[-1]).text.lower() for phrase in self.lex.anonymous_phrases
        ):
            return False  # "a city employee who asked not to be identified": a condition, not a claim
        s0, _ = sentence_of(p, v)
        if v == s0 and tok.dep == "advcl" and tok.tag in {"VBN", "VBD"}:
            return False  # "Asked about the report, Bērziņš told reporters ...": the question, not a claim
        if tok.tag == "VBN" and tok.dep in {"advcl", "acl"} and not self._is_misread_cue(p, tok) and not any(
            toks[k].dep in {"aux", "aux:pass", "nsubj", "nsubj:pass"} for k in p.kids(v)
        ):
            return False  # "Asked about the report, Aalto told reporters ...": the question, not a claim
        return not any(
            toks[k].dep == "advmod" and toks[k].lower_text() in {"not", "n't", "never"} for k in p.kids(v)
        )

    def _absorbed(self, p: Parse, k: int) -> bool:
        """ "said she was heartbroken and still believed the truth would come out": a verb of
        thought joined to a reporting verb is part of what was said."""
        tok = p.tokens[k]
        return tok.dep == "conj" and tok.lemma in self.lex.cognitive and is_cue(p.tokens[tok.head], self.lex)

    def _frame_for(self, pi: int, p: Parse, v: int) -> Frame | None:
        toks = p.tokens
        tok = toks[v]
        if not self._reports(p, v) or self._absorbed(p, v):
            return None
        if tok.dep == "xcomp" and toks[tok.head].lemma not in self.lex.relay | _LIGHT_VERBS:
            return None  # "urged members to reject the offer", "too slow to warn parents": part of a claim
        if tok.lemma in self.lex.relay:
            return self._relay_frame(pi, p, v)
        if tok.lemma == "cite" and tok.tag == "VBG":
            return None  # "said, citing X" is read from the cue "said"
        if any(toks[k].dep in {"nsubj:pass", "aux:pass"} for k in p.kids(v)):
            return None  # "was told", "is expected to"
        if tok.tag == "VBG" and tok.dep == "advcl" and any(
            toks[k].dep == "mark" and toks[k].lower_text() == "as" for k in p.kids(v)
        ):
            return None  # "quoted X as saying" is read from the relay verb
        span = self._content_span(p, v)
        if span is None:
            return None
        lo, hi = span
        speaker = speaker_mention(self.text, p, v, self.lex)
        via: list[Mention] = []
        cited = self._citing(p, v)
        if cited is not None:
            if speaker is not None:
                via.append(speaker)
            speaker = self._mention(p, cited)
            lo = max(lo, subtree(p, cited)[-1] + 1)
            trimmed = trim(p, lo, hi)
            if trimmed is None:
                return None
            lo, hi = trimmed
        recipient = recipient_via(self.text, p, v, self.lex, self.publisher)
        channel, outlet = channel_of(self.text, p, v, self.lex)
        for m in (recipient, outlet):
            if m is not None:
                via.insert(0, m)
        content = span_of(self.text, p, lo, hi)
        kind = self._kind(ClaimKind.INDIRECT, content)
        inside = self._in_full_quote(content.start)
        if inside is not None and content.end <= inside.content.end + 1 and inside.close is not None:
            # the clause is a whole quotation the quote pass could not attach: a direct claim
            kind, content = ClaimKind.DIRECT, Span.of(self.text, inside.content.start, inside.close)
        self.used.add((pi, v))
        conf = 0.85 if speaker is not None and not speaker.is_pronoun else 0.75 if speaker else 0.4
        return Frame(kind, content, span_of(self.text, p, v, v), tok.lemma, speaker, tuple(via), channel,
                     time_of(self.text, p, v, self.lex), tok.sent, conf, p.block, clausal=not self.object_content)

    def _citing(self, p: Parse, v: int) -> int | None:
        """ "Interfax said, citing a source ..., that": the object of "citing" near the cue."""
        toks = p.tokens
        s0, s1 = sentence_of(p, v)
        for i in range(v + 1, min(v + 9, s1)):
            if toks[i].lower_text() == "that":
                break
            if toks[i].lower_text() in self.lex.citing:
                objs = [k for k in p.kids(i) if toks[k].dep in {"obj", "dep", "nsubj"}]
                if objs:
                    self.used.add((self.index[id(p)], i))
                    return objs[0]
        return None

    def _content_span(self, p: Parse, v: int) -> tuple[int, int] | None:
        span = self._content_span_raw(p, v)
        if span is None:
            return None
        lo, hi = span
        toks = p.tokens
        if lo > v:
            # "said on Monday its vaccine worked": the parser put the cue's time in the clause
            j = lo + 1 if toks[lo].pos == "ADP" else lo
            while j <= hi and toks[j].ent in {"DATE", "TIME"}:
                j += 1
            if j > lo and j <= hi and toks[j - 1].ent in {"DATE", "TIME"} and toks[j].dep != "case":
                lo = j
        for j in range(lo + 1, hi):
            # "said demand would recover later than expected, as its profit fell 38%": the
            # reporter's context after a comma is not part of the claim
            nxt = toks[j + 1]
            if toks[j].text == "," and nxt.dep == "mark" and nxt.lower_text() == "as" and (
                subtree(p, nxt.head)[-1] >= hi - 1
            ):
                hi = j - 1
                break

        for j in range(lo + 1, hi + 1):
            # "confirmed that 212 complaints had been filed but declined to say how many": the
            # refusal is the speaker's, not part of what was confirmed
            if toks[j].lemma in self.lex.refusals and toks[j].dep == "conj" and not any(
                toks[k].dep in {"nsubj", "nsubj:pass"} for k in p.kids(j)
            ):
                cut = j - 1 if toks[j - 1].dep == "cc" else j
                return trim(p, lo, cut - 1)
        return lo, hi

    def _content_span_raw(self, p: Parse, v: int) -> tuple[int, int] | None:
        toks = p.tokens
        self.object_content = False
        tok = toks[v]
        kids = [k for k in p.kids(v) if toks[k].dep in _CONTENT_DEPS]
        ccomps = [k for k in kids if toks[k].dep in {"ccomp", "csubj"} and not self._is_relay_clause(p, k)]
        left = [k for k in ccomps if k < v]
        right = [k for k in ccomps if k > v]
        if p.block in self.headlines and tok.lemma in {"say", "warn", "claim", "insist"} and v + 1 < len(toks):
            # "..., governor says easing nearly over", "Zambia says 11 miners killed, six still trapped":
            # a headline's claim is all that follows the cue, up to a ";" or an "as" joining another event
            end = next((j for j in range(v + 1, len(toks)) if toks[j].text in {";", "|"}
                        or toks[j].lower_text() == "as" and toks[j].dep == "mark"), len(toks))
            if end > v + 1:
                return trim(p, v + 1, end - 1)
        if left and not right:
            # "Inflation would return to the target, the bank said." — the clause before the cue,
            # always set off by a comma (without one, "Voters interviewed ... said" is a subject)
            sub = subtree(p, left[-1])
            if any(toks[j].text == "," for j in range(sub[-1], v)):
                return trim(p, sub[0], sub[-1])
        if right:
            lo = subtree(p, right[0])[0]
            hi = self._right_edge(p, v, lo)
            return trim(p, lo, hi)
        if tok.lemma in self.lex.object_claim:
            comps = [k for k in kids if k > v and not self._is_adjunct(p, k)]
            if comps and toks[comps[0]].dep in {"obl", "nmod"} and tok.lemma not in {"call", "warn"}:
                comps = []  # "asked about the report": a topic, not what was asked or said
            if comps:
                self.object_content = True
                lo = subtree(p, comps[0])[0]
                if toks[lo].pos == "ADP" and tok.lemma in {"call", "warn"}:
                    lo += 1  # "called on Ottawa to act", "warned of strikes": what follows "on" / "of"
                return trim(p, lo, self._right_edge(p, v, lo))
        that = self._that_clause(p, v)
        if that is not None:
            return that
        rest = self._rest_clause(p, v)
        if rest is not None:
            return rest
        has_subject = any(toks[k].dep in {"nsubj", "csubj"} for k in p.kids(v))
        if tok.dep == "parataxis" and tok.head > v and has_subject and comma_before(p, v):
            # "Civic Renewal, he noted, would need two partners": what follows the cue
            after = subtree(p, v)[-1] + 1
            head_end = subtree(p, tok.head)[-1]
            if after <= head_end:
                return trim(p, after, head_end)
        before = self._fragment_before(p, v)
        if before is not None:
            return before
        if tok.dep in {"parataxis", "ccomp", "advcl"} and tok.head < v and has_subject:
            # "It was a hawkish hold, analysts said" parsed with the cue hanging off the content
            head = tok.head
            if toks[head].dep == "root" and not is_cue(toks[head], self.lex) and comma_before(p, v):
                own = set(subtree(p, v))
                sub = [j for j in subtree(p, head) if j < v and j not in own]
                if sub:
                    return trim(p, sub[0], sub[-1])
        return None

    def _fragment_before(self, p: Parse, v: int) -> tuple[int, int] | None:
        """ "Okoye out for season with torn Achilles, team says": a verbless headline claim."""
        toks = p.tokens
        s0, s1 = sentence_of(p, v)
        subj = subject(p, v, self.lex)
        if subj is None or toks[v].lemma in self.lex.object_claim:
            return None
        start = subtree(p, subj)[0]
        if start - 1 <= s0 or toks[start - 1].text != ",":
            return None
        if any(toks[j].lower_text() not in {",", "."} and j > v for j in range(v + 1, s1)):
            return None  # something follows the cue: not a closing "X says"
        return trim(p, s0, start - 2)

    def _that_clause(self, p: Parse, v: int) -> tuple[int, int] | None:
        """ "said in a separate statement that ..." when the parser hung the clause elsewhere."""
        toks = p.tokens
        _, s1 = sentence_of(p, v)
        skip: set[int] = set()
        for i in range(v + 1, min(v + 16, s1)):
            tok = toks[i]
            if tok.lower_text() in self.lex.citing:
                skip.update(subtree(p, i))  # "reported, citing people familiar with the matter, that"
            if i in skip:
                continue
            # "posted on Facebook that tap water remained safe": the model may tag "that" a determiner
            clause_follows = any(t.pos in {"VERB", "AUX"} and t.dep not in {"amod", "compound"} for t in toks[i + 1:s1])
            if tok.lower_text() == "that" and (tok.pos == "SCONJ" or tok.dep == "mark" or clause_follows and (
                    i == v + 1 or toks[i - 1].pos in {"PROPN", "NOUN"})):
                hi = s1 - 1
                for j in range(i + 1, s1):
                    if toks[j].text == "," and j + 1 < s1 and (
                        is_cue(toks[j + 1], self.lex) and toks[j + 1].tag == "VBG"
                        or toks[j + 1].lower_text() in self.lex.citing
                    ):
                        hi = j - 1
                        break
                return trim(p, i + 1, hi)
            clausal = tok.pos in {"VERB", "AUX"} and tok.dep not in {"amod", "acl", "compound", "aux", "aux:pass"}
            if clausal or tok.text in {".", ";", "“", '"'}:
                return None
        return None

    def _rest_clause(self, p: Parse, v: int) -> tuple[int, int] | None:
        """ "said most of the complaints concerned ...": a clause the parser did not attach as one.

        Only for verbs that report a clause (say, tell, add ...): what follows the cue and
        its time, channel and audience phrases, when it holds a finite verb.
        """
        toks = p.tokens
        if toks[v].lemma in self.lex.object_claim or toks[v].lemma in self.lex.needs_clause:
            return None
        _, s1 = sentence_of(p, v)
        skip = {j for k in p.kids(v) if k > v and self._is_adjunct(p, k) for j in subtree(p, k)}
        lo = v + 1
        while lo < s1 and (lo in skip or toks[lo].pos == "PUNCT" and toks[lo].text not in QUOTE_MARKS):
            lo += 1
        if lo < s1 and toks[lo].pos == "ADP":
            return None  # "complained about cracks in the roof": a topic, not a clause
        hi = s1 - 1
        for j in range(lo, s1):
            if toks[j].text in {";", ":"} or (
                toks[j].text == "," and j + 1 < s1 and is_cue(toks[j + 1], self.lex) and toks[j + 1].tag == "VBG"
            ):
                hi = j - 1
                break
        finite = any(toks[j].pos in {"VERB", "AUX"} and toks[j].tag != "VBG" and toks[j].dep not in {"conj", "xcomp"}
                     for j in range(lo, hi + 1))
        return trim(p, lo, hi) if finite and lo <= hi else None

    def _comma_before_subtree(self, p: Parse, k: int) -> bool:
        first = subtree(p, k)[0]
        return first > 0 and p.tokens[first - 1].text == ","

    def _right_edge(self, p: Parse, v: int, lo: int) -> int:
        """Last token of the cue's complements that start at or after ``lo``."""
        toks = p.tokens
        hi = lo
        for k in p.kids(v):
            if k < lo or toks[k].pos == "PUNCT" or toks[k].dep == "cc":
                continue
            if toks[k].dep == "conj" and not self._absorbed(p, k):
                continue  # "accused X of Y and urged Z": a second claim, read from its own cue
            if toks[k].dep == "advcl" and is_cue(toks[k], self.lex) and not any(
                toks[m].lower_text() == "as" for m in p.kids(k)
            ):
                continue
            if toks[k].dep == "advcl" and toks[k - 1].text != "," and self._comma_before_subtree(p, k) and any(
                toks[m].dep == "mark" and toks[m].lower_text() in _CIRCUMSTANCE for m in p.kids(k)
            ):
                continue  # "said that demand would recover later, as its profit fell 38%": context
            if is_cue(toks[k], self.lex) and toks[k].tag == "VBG" and comma_before(p, k):
                break  # ", saying ...", ", adding that ...": a claim of its own
            if self._is_relay_clause(p, k) or (toks[k].dep == "obl" and self._is_adjunct(p, k) and k > hi + 2):
                continue
            hi = max(hi, subtree(p, k)[-1])
        return hi

    def _is_adjunct(self, p: Parse, k: int) -> bool:
        """Time, channel and audience phrases around a cue are not what was said."""
        toks = p.tokens
        sub = subtree(p, k)
        first = toks[sub[0]].lower_text()
        words = [toks[j].lower_text() for j in sub]
        if toks[k].dep in {"obl", "obl:npmod", "advmod"} and (
            any(toks[j].ent in {"DATE", "TIME"} for j in sub) and len(sub) <= 4
        ):
            return True
        channel_phrase = channel_words(words, self.lex) and first in {"in", "on", "a", "an", "the"}
        told = toks[k].dep == "obj" and toks[toks[k].head].lemma == "tell"
        if channel_phrase and (toks[k].dep in {"obl", "iobj"} or told):
            return True  # "in a statement", "told a news conference"; but "denied the report" is what was denied
        if toks[k].dep == "iobj" or (toks[k].dep == "obl" and first == "to"):
            return True
        return toks[k].dep == "obj" and toks[p.tokens[k].head].lemma == "tell"

    def _is_relay_clause(self, p: Parse, k: int) -> bool:
        """ "..., his office quoted him in a statement": a relay clause with no words of its own."""
        toks = p.tokens
        if (self.index[id(p)], k) in self.used and any(r.verb_at == toks[k].start for r in self.relays):
            return True
        if toks[k].lemma not in self.lex.relay:
            return False
        has_words = any(toks[j].dep in {"ccomp", "advcl", "xcomp"} for j in p.kids(k))
        objs = [j for j in p.kids(k) if toks[j].dep == "obj"]
        if has_words or not objs:
            return False
        subj = subject(p, k, self.lex)
        channel, _ = channel_of(self.text, p, k, self.lex)
        self.relays.append(_Relay(toks[k].sent, self._mention(p, subj), channel, toks[k].start))
        self.used.add((self.index[id(p)], k))
        return True

    def _relay_frame(self, pi: int, p: Parse, v: int) -> Frame | None:
        """ "RIA quoted the general secretary as saying ..." / "X was quoted by Y as saying ..." """
        toks = p.tokens
        kids = p.kids(v)
        passive = any(toks[k].dep in {"nsubj:pass", "aux:pass"} for k in kids)
        if passive:
            speaker_i = next((k for k in kids if toks[k].dep == "nsubj:pass"), None)
            relay_i = next((k for k in kids if toks[k].dep == "obl:agent"), None)
        else:
            speaker_i = next((k for k in kids if toks[k].dep == "obj"), None)
            relay_i = subject(p, v, self.lex)
        saying = next(
            (k for k in kids if toks[k].dep in {"advcl", "xcomp"} and toks[k].lemma in self.lex.cues and k > v),
            None,
        )
        if saying is None:
            # "was quoted by the German news agency dpa as saying": the model took "dpa" for a verb
            _, s1 = sentence_of(p, v)
            saying = next((k for k in range(v + 2, s1) if toks[k].tag == "VBG" and toks[k].lemma in self.lex.cues
                           and toks[k - 1].lower_text() == "as"), None)
        span = None
        if saying is not None:
            span = self._content_span(p, saying)
            if span is None:
                comps = [k for k in p.kids(saying) if k > saying and toks[k].dep in _CONTENT_DEPS]
                if comps:
                    span = trim(p, subtree(p, comps[0])[0], self._right_edge(p, saying, comps[0]))
            self.used.add((pi, saying))
        if span is None:
            # "C, the RIA news agency quoted the general secretary (as saying)."
            ccomps = [k for k in kids if toks[k].dep == "ccomp"]
            if ccomps:
                sub = subtree(p, ccomps[0])
                span = trim(p, sub[0], sub[-1])
        if span is None:
            self._is_relay_clause(p, v)
            return None
        lo, hi = span
        for k in kids:
            # "cited X as saying his country would comply but could not police every lorry": the
            # small model hangs the second half on "cited"; it is still what X said
            if toks[k].dep == "conj" and k > hi and not any(toks[j].dep in _SUBJECTS for j in p.kids(k)):
                extended = trim(p, lo, subtree(p, k)[-1])
                hi = extended[1] if extended else hi
        speaker = self._mention(p, speaker_i)
        relay = self._mention(p, relay_i)
        via = tuple(m for m in (relay,) if m is not None and not is_publisher(m, self.publisher))
        channel, _ = channel_of(self.text, p, v, self.lex)
        content = span_of(self.text, p, lo, hi)
        kind = self._kind(ClaimKind.INDIRECT, content)
        self.used.add((pi, v))
        cue = span_of(self.text, p, v, v)  # "quoted" of "quoted ... as saying"
        return Frame(kind, content, cue, toks[v].lemma, speaker, via, channel, time_of(self.text, p, v, self.lex),
                     toks[v].sent, 0.85 if speaker else 0.4, p.block)

    # ------------------------------------------------------------------ according to
    def _according_to(self) -> list[Frame]:
        frames: list[Frame] = []
        for p in self.parses:
            toks = p.tokens
            for phrase in self.lex.according_to:
                n = len(phrase)
                for i in range(len(toks) - n):
                    if tuple(toks[i + j].lower_text() for j in range(n)) != phrase:
                        continue
                    if self._in_full_quote(toks[i].start):
                        continue
                    frame = self._according_frame(p, i, n)
                    if frame is not None:
                        frames.append(frame)
        return frames

    def _according_frame(self, p: Parse, i: int, n: int) -> Frame | None:
        toks = p.tokens
        s0, s1 = sentence_of(p, i)
        if toks[i].dep == "case" and toks[i].head > i:
            noun: int | None = toks[i].head  # UD: "according" is the case marker of the source
        else:
            noun = next((j for j in range(i + n, s1) if toks[j].pos in {"NOUN", "PROPN", "PRON", "NUM"}), None)
            while noun is not None and i + n <= toks[noun].head < s1 and toks[noun].head > noun:
                noun = toks[noun].head
        if noun is None:
            return None
        phrase_end = max(subtree(p, noun)[-1], noun)
        speaker = self._mention(p, noun)
        speaker_i = published_by(p, noun, self.lex)
        if speaker_i is not None:
            speaker = self._mention(p, speaker_i)
        left = trim(p, s0, i - 1) if i > s0 else None
        right = trim(p, phrase_end + 1, s1 - 1) if phrase_end + 1 < s1 else None
        sizes = [(r[1] - r[0], r) for r in (left, right) if r is not None]
        if not sizes:
            return None
        lo, hi = max(sizes)[1]
        if left is not None and right is not None and toks[i - 1].text == "," and toks[phrase_end + 1].text == ",":
            lo, hi = right  # "The deal, according to two people, is worth $2 billion": what follows the source
        if right is not None and left is not None and toks[right[0]].dep == "mark":
            lo, hi = left  # "..., according to the agency, although they remain tiny": the claim is before
        content = span_of(self.text, p, lo, hi)
        cue = span_of(self.text, p, i, i + n - 1)
        return Frame(ClaimKind.ACCORDING_TO, content, cue, " ".join(t.lower_text() for t in toks[i:i + n]),
                     speaker, (), None, None, toks[i].sent, 0.85, p.block)

    # ------------------------------------------------------------------ combining
    def _drop_overlaps(self, frames: list[Frame]) -> list[Frame]:
        """A direct quote wins over a clause read from inside it."""
        direct = [f for f in frames if f.kind is ClaimKind.DIRECT]
        out = list(direct)
        spans = sorted((d.content for d in direct), key=lambda s: s.start)
        starts = [s.start for s in spans]
        reach = list(accumulate((s.end for s in spans), max))
        for f in frames:
            if f.kind is ClaimKind.DIRECT:
                continue
            # only quotes that start before f ends and reach past its start can overlap it
            n = bisect_left(starts, f.content.end) - 1
            half = 0.5 * (f.content.end - f.content.start)
            while n >= 0 and reach[n] > f.content.start and _overlap(f.content, spans[n]) <= half:
                n -= 1
            if n >= 0 and reach[n] > f.content.start:
                continue
            out.append(f)
        return out

    def _nest(self, frames: list[Frame]) -> list[Frame]:
        """ "Marinov told reporters that Ilieva had assured him that ...": Ilieva via Marinov."""
        drop: set[int] = set()
        result = list(frames)
        by_sentence: dict[int, list[int]] = {}
        for n, f in enumerate(frames):
            by_sentence.setdefault(f.sentence, []).append(n)
        for a_i, a in enumerate(frames):
            for b_i in by_sentence[a.sentence]:  # claims nest only within one sentence
                b = frames[b_i]
                if a_i == b_i or a.kind is ClaimKind.DIRECT or b.cue is None:
                    continue
                inside = (a.content.start <= b.cue.start < a.content.end
                          and a.content.start <= b.content.start and b.content.end <= a.content.end + 1)
                if not inside or b.sentence != a.sentence:
                    continue
                speech = b.cue_lemma not in self.lex.cognitive
                if speech and a.speaker is not None and b.speaker is not None and a.speaker.span == b.speaker.span:
                    # "wrote that she was “disappointed” and urged residents to ...": two claims
                    cut = self._cut(result[a_i].content, b.cue.start)
                    result[a_i] = replace(result[a_i], content=cut, kind=self._kind(result[a_i].kind, cut))
                    result[b_i] = replace(result[b_i], channel=b.channel or a.channel)
                    continue
                # "told reporters that Ilieva had assured him that ...": a report inside a report
                # ("said the airline had added buses": "added buses" is not a report)
                relayed = speech and b.clausal and b.cue_lemma not in self.lex.object_claim and b.speaker is not None
                drop.add(a_i) if relayed else drop.add(b_i)
                if relayed and not b.speaker.is_pronoun:
                    via = b.via + tuple(m for m in (a.speaker,) if m is not None) + a.via
                    result[b_i] = replace(b, via=via, channel=b.channel or a.channel)
        return [f for i, f in enumerate(result) if i not in drop]

    def _kind(self, kind: ClaimKind, content: Span) -> ClaimKind:
        if kind not in {ClaimKind.INDIRECT, ClaimKind.MIXED}:
            return kind
        return ClaimKind.MIXED if self._quotes_in(content.start, content.end) else ClaimKind.INDIRECT

    def _cut(self, content: Span, at: int) -> Span:
        """``content`` up to ``at``, without a dangling "and", "but" or comma."""
        head = self.text[content.start:at].rstrip()
        for tail in (" and", " but", ",", " and that", " but that"):
            if head.endswith(tail):
                head = head[: -len(tail)].rstrip()
        head = head.rstrip(" ,;")
        return Span.of(self.text, content.start, content.start + len(head)) if head else content

    def _apply_relays(self, frames: list[Frame]) -> list[Frame]:
        out = []
        for f in frames:
            for r in self.relays:
                if r.sentence == f.sentence and r.via is not None and not is_publisher(r.via, self.publisher):
                    f = replace(f, via=(*f.via, r.via), channel=f.channel or r.channel)
            out.append(f)
        return out


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


__all__ = ["detect_claims", "QUOTE_MARKS"]
