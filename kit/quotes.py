"""Quotes and voices: who speaks in a text, how, and who is talked about but never speaks.

The extractor is rule-based, in the tradition of the news quote extractors it is measured against
(the Gender Gap Tracker, Asr et al. 2021, PLOS ONE 16(1): e0245533; textacy's
``direct_quotations``), with attribution cues taken from Pareti's work on attribution relations
(Pareti et al. 2013, EMNLP; Pareti 2016, LREC). No model is used or downloaded: quotation marks,
a few patterns around them, and the cue lists in ``kit/data/quote_cues.yml``.

What counts as speech:

* **direct** - words inside double quotation marks (curly or straight) attributed by a cue next to
  them (``“...,” X said``, ``“...,” said X, <title>``, ``X said: “...”``, ``“...,” he added``), a
  paragraph that is only a quotation right after a paragraph quoting a named source (rule
  ``continuation:previous-speaker``), or a long sentence-opening quotation with no cue
  (``direct:unattributed``, speaker ``""``);
* **indirect** - reported speech with no quotation marks: ``X said/told me (that) ...``,
  ``X revealed/hailed/warned/asked ...``, ``..., according to X``;
* **mixed** - reported speech whose content contains a quoted fragment
  (``X said the ties were “stronger than ever”``).

Short quotations with no cue inside a clause (scare quotes, quoted terms: ``“rat king”``) are not
speech: :func:`quoted_terms` lists them. Pronouns are resolved to the most recent *named source*
(a person who was already quoted or reported), not merely the most recent name, because the most
recent names are often inside the previous quotation. A surname alone is resolved to the full name
introduced earlier (``Abuza`` -> ``Zachary Abuza``).

Limits, said plainly: only double quotation marks are read (single marks are too often
apostrophes); names are capitalised runs of words (Latin script), so a lower-case particle (``de``,
``van``) ends a name, and a lone capitalised word opening a sentence counts as a speaker only if the
text introduced it in a full name; pronoun resolution ignores gender and, with no named source yet,
falls back to the last person named in the same or the previous paragraph; a speaker must be a name,
a pronoun or a source noun from the cue file (``officials``, ``one expert``), so "the tale tells" or
"a reader wrote" are not attributions; a statement attributed through a noun (``an obscure story
that ...``) or an agentless passive (``it was revealed that ...``) is not found, and "X reportedly
<verb>" counts only when the verb is a speech verb ("junta officials reportedly asked").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field, fields
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

from kit import paths, safe_yaml
from kit.errors import AnnotationError, CodebookError, parse_yaml
from kit.text import WORD_RE, Document, accepts_text, load_text

DATA_DIR = Path(__file__).resolve().parent / "data"
CUES_PATH = DATA_DIR / "quote_cues.yml"
ACTORS_PATH = DATA_DIR / "actors.yml"

KINDS = ("direct", "indirect", "mixed")
UNATTRIBUTED = "(unattributed)"

# ---------------------------------------------------------------- results


@dataclass(frozen=True)
class Quote:
    """One quote or reported statement, with the spans of its content, speaker mention and cue.

    Offsets are into ``Document.body``; ``-1`` marks a missing mention or cue.
    """

    kind: str
    text: str
    start: int
    end: int
    speaker: str
    speaker_mention: str
    mention_start: int
    mention_end: int
    cue: str
    cue_start: int
    cue_end: int
    unit: str
    rule: str
    flag: str = ""


QUOTE_COLUMNS = [f.name for f in fields(Quote)] + ["n_words"]
TERM_COLUMNS = ["unit", "text", "start", "end"]
SPEAKER_COLUMNS = ["speaker", "kind", "description", "first_mention", "unit", "start", "end"]
VOICE_COLUMNS = [
    "speaker",
    "kind",
    "description",
    "direct_quotes",
    "reported_statements",
    "words_quoted",
    "share_of_quoted_words",
]
ACTOR_COLUMNS = ["actor", "label", "mentions", "unit", "start", "end", "quotes", "speaks", "speakers"]
MENTION_COLUMNS = ["actor", "unit", "text", "start", "end"]

# ---------------------------------------------------------------- cue data

_CUE_LIST_KEYS = (
    "speech_verbs",
    "that_only_verbs",
    "tell_verbs",
    "recipients",
    "according_phrases",
    "adverbs",
    "determiners",
    "not_modifiers",
    "titles",
    "not_names",
    "organisation_words",
    "collective_names",
)


def _str_list(path: Path, key: str, value: Any) -> list[str]:
    if not isinstance(value, list) or not value:
        raise CodebookError(
            f"{path}: {key}", "must be a non-empty list of words or phrases", f"write {key}: [word, ...]"
        )
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise CodebookError(
                f"{path}: {key}",
                f"entry {item!r} is not a word (YAML reads bare yes/no/on/off as true/false)",
                'put the word in double quotes, e.g. - "on"',
            )
    return [item.strip() for item in value]


def validate_cues(data: Any, path: str | Path = CUES_PATH) -> dict[str, Any]:
    """Check the schema of a cue file's content; return it with lists cleaned. Raises CodebookError."""
    path = Path(path)
    if not isinstance(data, dict):
        raise CodebookError(
            path, "the cue file must be a mapping of lists", "see the header of kit/data/quote_cues.yml"
        )
    out: dict[str, Any] = {}
    for key in _CUE_LIST_KEYS:
        if key not in data:
            raise CodebookError(path, f"missing key '{key}'", "restore it from the kit's quote_cues.yml")
        out[key] = _str_list(path, key, data[key])
    for key, subkeys in (("pronouns", ("singular", "plural")), ("source_nouns", ("individual", "collective"))):
        value = data.get(key)
        if not isinstance(value, dict) or set(value) != set(subkeys):
            raise CodebookError(path, f"'{key}' must map exactly {', '.join(subkeys)} to lists", "see the file header")
        out[key] = {sub: _str_list(path, f"{key}.{sub}", value[sub]) for sub in subkeys}
    n = data.get("min_unattributed_words")
    if not isinstance(n, int) or isinstance(n, bool) or n < 1:
        raise CodebookError(path, "'min_unattributed_words' must be a positive whole number", "write e.g. 6")
    out["min_unattributed_words"] = n
    unknown = set(data) - set(out)
    if unknown:
        raise CodebookError(path, f"unknown key(s) {sorted(unknown)}", f"use only {sorted(out)}")
    for key in ("tell_verbs", "that_only_verbs"):
        missing = set(out[key]) - set(out["speech_verbs"])
        if missing:
            raise CodebookError(path, f"{key} {sorted(missing)} are not speech_verbs", "add them to speech_verbs")
    return out


def _alt(words: Iterable[str]) -> str:
    """A regex alternation of literal phrases, longest first, spaces matching any whitespace."""
    parts = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(r"\s+".join(re.escape(piece) for piece in w.split()) for w in parts)


class _Cues:
    """The cue lists and the regexes compiled from them (built once per cue file)."""

    def __init__(self, data: dict[str, Any]):
        self.data = data
        self.titles = set(data["titles"])
        self.not_names = set(data["not_names"])
        self.org_words = set(data["organisation_words"])
        self.collective = set(data["collective_names"])
        self.individual_nouns = {w.lower() for w in data["source_nouns"]["individual"]}
        self.singular = {w.lower() for w in data["pronouns"]["singular"]}
        self.min_words = data["min_unattributed_words"]
        self.that_only = {w.lower() for w in data["that_only_verbs"]}
        self.common_words = {w.lower() for key in ("determiners", "not_modifiers", "adverbs") for w in data[key]} | {
            w.lower() for ws in data["source_nouns"].values() for w in ws
        }

        up = "A-ZÀ-ÖØ-Þ"
        token = rf"[{up}][\w\-]*(?:['’][{up}][\w\-]*)?"
        name = rf"(?<![\w’'\-]){token}(?:[ \t]+{token}){{0,5}}(?![\w\-])"
        verbs = rf"(?<![\w\-])(?:{_alt(data['speech_verbs'])})(?![\w\-])"
        tells = rf"(?:{_alt(data['tell_verbs'])})"
        pron = rf"(?<![\w\-])(?i:{_alt(w for ws in data['pronouns'].values() for w in ws)})(?![\w\-])"
        adv = rf"(?:{_alt(data['adverbs'])})"
        det = rf"(?:{_alt(data['determiners'])})"
        notmod = rf"(?:{_alt(data['not_modifiers'] + data['determiners'])})(?![\w\-])"
        nouns = rf"(?:{_alt(w for ws in data['source_nouns'].values() for w in ws)})"
        # "junta officials", "one expert", "historians of religion", "officials in Moscow"
        group = (
            rf"(?<![\w’'\-])(?i:(?:{det}\s+)?(?:(?!{notmod}|{verbs})[\w’'\-]+\s+){{0,2}}{nouns})(?![\w\-])"
            rf"(?:\s+(?i:of|from|at|in)\s+(?:the\s+)?(?!{verbs})[\w’'\-]+(?:\s+(?!{notmod}|{verbs})[\w’'\-]+)?(?![\w\-]))?"
        )
        recipient = rf"(?:(?i:{_alt(data['recipients'])})(?![\w\-])|(?:the\s+)?{name})"
        according = rf"(?<![\w\-])(?i:{_alt(data['according_phrases'])})(?![\w\-])"
        # An appositive inside a clause has no comma; at the end of a sentence it runs to the full stop.
        appos_mid = r"[^,;:“”\"\n.!?]{2,160}?"
        appos_end = r"(?:[^“”\"\n.!?;]|[.!?](?![\s“”\"]|$)){2,200}"
        speaker = rf"(?:(?P<pron>{pron})|(?P<np>{group})|(?P<name>{name}))"
        # after a quotation an appositive may lack its closing comma (“...,” X, a professor at Y said);
        # before a verb elsewhere it must be closed, or "in Moscow, junta officials asked" reads as Moscow
        speaker_appos = rf"(?:(?P<pron>{pron})|(?P<np>{group})|(?P<name>{name})(?:\s*,\s*(?P<desc>{appos_mid}))?\s*,?)"
        speaker_closed = rf"(?:(?P<pron>{pron})|(?P<np>{group})|(?P<name>{name})(?:\s*,\s*(?P<desc>{appos_mid})\s*,)?)"

        self.name = re.compile(name)
        self.verbs = re.compile(verbs)
        self.tell = re.compile(rf"{tells}\Z")
        self.according = re.compile(according)
        # after a closing mark: “...,” said Jason Tower, <appositive>.
        self.after_verb_first = re.compile(rf"\s*,?\s*(?P<cue>{verbs})\s+{speaker}(?:\s*,\s*(?P<desc>{appos_end}))?")
        # after a closing mark: “...,” Zachary Abuza, a professor at ... said / “...,” he added
        self.after_speaker_first = re.compile(rf"\s*,?\s*{speaker_appos}\s+(?:(?P<adv>{adv})\s+)?(?P<cue>{verbs})")
        # after a closing mark: “...,” according to one expert.
        self.after_according = re.compile(
            rf"\s*,?\s*(?P<cue>{according})\s+(?P<np>[^,.;:!?“”\"\n]{{1,120}}?)\s*(?=[,.;:!?]|$)"
        )
        # before an opening mark: X, <appositive>, said: “...   /  he told reporters, “...
        self.before = re.compile(
            rf"{speaker_closed}\s+(?:(?P<adv>{adv})\s+)?(?P<cue>{verbs})(?:\s+(?P<rcp>{recipient}))?\s*[:,]?\s*\Z"
        )
        # before an opening mark: According to the ministry, “...
        self.before_according = re.compile(rf"(?P<cue>{according})\s+(?P<np>[^,.;:!?“”\"\n]{{1,120}}?)\s*,\s*\Z")
        # subject before a reported-speech verb, allowing an adverb: junta officials reportedly <asked>
        self.subject = re.compile(rf"{speaker_closed}\s+(?:(?P<adv>{adv})\s+)?\Z")
        self.recipient_after = re.compile(rf"\s+(?P<rcp>{recipient})(?=[\s,])")
        self.that_after = re.compile(
            r"(?:\s+(?:on|in|at|during|after|before|last|this|yesterday|today|earlier|later)(?![\w\-])"
            r"[^,.;:“”\"\n]{0,40}?)?\s*,?\s+that(?![\w\-])"
        )
        self.parenthetical_end = re.compile(r"\s*(?:,|[.!?;:]?\s*\Z)")
        self.topic_name = re.compile(rf"(?P<name>{name})\s*,\s*\Z")
        self.group = re.compile(group)
        self.pron = re.compile(pron)


@lru_cache(maxsize=4)
def _cues_cached(path: str, mtime: float) -> _Cues:
    p = Path(path)
    try:
        data = safe_yaml.safe_load(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CodebookError(p, "cue file not found", "restore kit/data/quote_cues.yml") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{p}:{mark.line + 1}" if mark is not None else p
        raise CodebookError(where, "cue file is not valid YAML", "check the indentation of the lists") from None
    return _Cues(validate_cues(data, p))


def load_cues(path: str | Path | None = None) -> dict[str, Any]:
    """The validated cue lists (speech verbs, pronouns, source nouns, ...) as a dict.

    >>> "said" in load_cues()["speech_verbs"]
    True
    """
    return _compiled(path).data


def _compiled(path: str | Path | None = None) -> _Cues:
    p = Path(path) if path is not None else CUES_PATH
    mtime = p.stat().st_mtime if p.exists() else 0.0
    return _cues_cached(str(p), mtime)


# ---------------------------------------------------------------- quotation marks

_MARKS_RE = re.compile('[“”"]')
_OPEN_CONTEXT = set("([{—–-/")
_CLOSE_CONTEXT = set(".,;:!?)]}—–…")


@dataclass
class _Span:
    """A quotation inside one paragraph: marks and content, offsets local to the paragraph."""

    open_mark: int  # -1: no opening mark
    close_mark: int  # -1: no closing mark
    start: int
    end: int
    flag: str = ""
    continues: bool = False  # open at paragraph end, next paragraph opens a quotation
    used: bool = False


def _role(text: str, i: int) -> str:
    ch = text[i]
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    left = prev.isspace() or prev in _OPEN_CONTEXT
    right = nxt.isspace() or nxt in _CLOSE_CONTEXT
    if left and not right:
        return "open"
    if right and not left:
        return "close"
    return {"“": "open", "”": "close"}.get(ch, "toggle")


def _trimmed(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _quotation_spans(text: str, next_opens: bool, min_words: int = 6) -> list[_Span]:
    """Pair the double quotation marks of one paragraph; unbalanced marks give flagged spans.

    An opening mark inside an open quotation either ends it (its closing mark was forgotten:
    the words before are a full sentence or ``min_words`` long) or is a stray extra mark, ignored.
    """
    spans: list[_Span] = []
    open_at = -1
    floor = 0  # where a quotation with a missing opening mark may start
    extra = ""  # flag for a quotation that contained a stray opening mark

    def add(open_mark: int, close_mark: int, a: int, b: int, flag: str, continues: bool = False) -> None:
        a, b = _trimmed(text, a, b)
        if b > a:
            spans.append(_Span(open_mark, close_mark, a, b, flag, continues))

    for m in _MARKS_RE.finditer(text):
        i = m.start()
        role = _role(text, i)
        if role == "toggle":
            role = "close" if open_at >= 0 else "open"
        if role == "open":
            if open_at >= 0:
                inner = text[open_at + 1 : i]
                if len(WORD_RE.findall(inner)) < min_words and not re.search(r"[.!?]", inner):
                    extra = "unbalanced quotes: extra opening mark"
                    continue
                add(open_at, -1, open_at + 1, i, "unbalanced quotes: opening mark never closed")
            open_at, extra = i, ""
        elif open_at >= 0:
            add(open_at, i, open_at + 1, i, extra)
            open_at, floor, extra = -1, i + 1, ""
        else:
            add(-1, i, floor, i, "unbalanced quotes: closing mark without opening mark")
            floor = i + 1
    if open_at >= 0:
        if next_opens and not extra:
            add(open_at, -1, open_at + 1, len(text), "", continues=True)
        else:
            add(open_at, -1, open_at + 1, len(text), "unbalanced quotes: opening mark never closed")
    return spans


def _opens_with_quote(text: str) -> bool:
    stripped = text.lstrip()
    return bool(stripped) and stripped[0] in '“"' and _role(stripped, 0) in ("open", "toggle")


# ---------------------------------------------------------------- extraction


@dataclass
class _Item:
    """A quote being built: positions absolute, speaker resolved later."""

    kind: str
    start: int
    end: int
    rule: str
    para: int
    flag: str = ""
    cue: str = ""
    cue_start: int = -1
    cue_end: int = -1
    mtype: str = ""  # name | pron | group | "" (no mention)
    mention: str = ""
    m_start: int = -1
    m_end: int = -1
    desc: str = ""
    speaker: str = ""
    pending: str = ""  # continuation-previous | continuation-next | split
    link: Any = field(default=None, repr=False)

    @property
    def anchor(self) -> int:
        return self.m_start if self.m_start >= 0 else self.start


class _Extractor:
    """One pass over a Document: quotation spans, attributions, reported speech, then resolution."""

    def __init__(self, doc: Document, cues: _Cues):
        self.doc = doc
        self.body = doc.body
        self.cx = cues
        self.items: list[_Item] = []
        self.quotes: list[Quote] = []
        self.terms: list[tuple[int, int]] = []
        self.kinds: dict[str, str] = {}
        self.descriptions: dict[str, str] = {}
        self._surnames: dict[str, dict[str, tuple[list[int], str]]] | None = None
        self._last_source: dict[str, str] = {}  # "person" / "group" / "unnamed" / "any" -> latest speaker

    # -- names --------------------------------------------------------------------------

    def _clean_name(self, text: str, start: int) -> tuple[str, int, str]:
        """Strip sentence words and titles from a capitalised run: (name, absolute start, title prefix)."""
        tokens = [(m.group(), m.start()) for m in re.finditer(r"\S+", text)]
        while tokens and tokens[0][0] in self.cx.not_names:
            tokens.pop(0)
        cut = max((i for i, (t, _) in enumerate(tokens) if t in self.cx.titles), default=-1)
        prefix = " ".join(t for t, _ in tokens[: cut + 1])
        tokens = tokens[cut + 1 :]
        if not tokens:
            return "", -1, prefix
        off = tokens[0][1]
        return text[off:], start + off, prefix

    def _name_kind(self, name: str) -> str:
        parts = name.split()
        if any(p in self.cx.org_words for p in parts) or name in self.cx.collective:
            return "group"
        return "person"

    def _surname_index(self) -> dict[str, dict[str, tuple[list[int], str]]]:
        """Last word of every multi-word person name in the body -> {full name: (offsets, title prefix)}."""
        if self._surnames is None:
            index: dict[str, dict[str, tuple[list[int], str]]] = {}
            for m in self.cx.name.finditer(self.body):
                if " " not in m.group() and "\t" not in m.group():
                    continue
                name, pos, prefix = self._clean_name(m.group(), m.start())
                words = name.split()
                if len(words) >= 2 and self._name_kind(name) == "person":
                    entry = index.setdefault(words[-1], {}).setdefault(" ".join(words), ([], prefix))
                    entry[0].append(pos)  # finditer gives increasing offsets: the list stays sorted
            self._surnames = index
        return self._surnames

    def _resolve_name(self, name: str, pos: int) -> str:
        """A name as written -> the full name it stands for (the latest introduced before ``pos``)."""
        words = name.split()
        full = " ".join(words)
        best: tuple[int, int, str] | None = None  # (is before pos, offset or -offset, full name)
        for candidate, (offsets, _) in self._surname_index().get(words[-1], {}).items():
            if candidate != full and not candidate.endswith(" " + full):
                continue
            k = bisect_right(offsets, pos)
            key = (1, offsets[k - 1], candidate) if k else (0, -offsets[0], candidate)
            if best is None or key > best:
                best = key
        if best is None:
            return full
        chosen = best[2]
        prefix = self._surname_index()[words[-1]][chosen][1]
        if prefix and chosen not in self.descriptions:
            self.descriptions[chosen] = prefix
        return chosen

    # -- mentions -----------------------------------------------------------------------

    def _mention(self, item: _Item, m: re.Match, offset: int) -> bool:
        """Fill the speaker mention of ``item`` from a match with pron/np/name groups."""
        for kind in ("pron", "np", "name"):
            if m.group(kind):
                text, start = m.group(kind), offset + m.start(kind)
                break
        else:
            return False
        if kind == "name":
            text, start, _ = self._clean_name(text, start)
            if not text:
                return False
        mtype = {"pron": "pron", "np": "group", "name": "name"}[kind]
        item.mtype, item.mention, item.m_start, item.m_end = mtype, text, start, start + len(text)
        desc = m.groupdict().get("desc")
        if desc and kind == "name" and (desc[0].isupper() or desc.split()[0].lower() in ("a", "an", "the", "one")):
            item.desc = desc.strip().rstrip(",")
        return True

    def _cue(self, item: _Item, m: re.Match, offset: int) -> None:
        item.cue = " ".join(m.group("cue").split()).lower()
        item.cue_start, item.cue_end = offset + m.start("cue"), offset + m.end("cue")

    def _according_mention(self, item: _Item, np_text: str, np_start: int) -> bool:
        np_text = np_text.strip()
        if not np_text or len(np_text.split()) > 8:
            return False
        pm = self.cx.pron.fullmatch(np_text)
        nm = self.cx.name.fullmatch(np_text)
        if pm:
            item.mtype = "pron"
        elif nm and self._clean_name(np_text, np_start)[0]:
            np_text, np_start, _ = self._clean_name(np_text, np_start)
            item.mtype = "name"
        else:
            item.mtype = "group"
        item.mention, item.m_start, item.m_end = np_text, np_start, np_start + len(np_text)
        return True

    # -- one paragraph ------------------------------------------------------------------

    def paragraph(self, pi: int) -> None:
        p = self.doc.paragraphs[pi]
        text, base = p.text, p.start
        sent_starts = [s.start - base for s in p.sentences]
        sent_ends = [s.end - base for s in p.sentences]

        def sentence_bounds(i: int) -> tuple[int, int]:
            k = max(bisect_right(sent_starts, i) - 1, 0)
            return sent_starts[k], sent_ends[k]

        cx = self.cx
        next_opens = pi + 1 < len(self.doc.paragraphs) and _opens_with_quote(self.doc.paragraphs[pi + 1].text)
        spans = _quotation_spans(text, next_opens, cx.min_words) if ("“" in text or "”" in text or '"' in text) else []
        consumed: set[int] = set()  # local cue starts used by direct attributions
        span_items: dict[int, _Item] = {}

        # direct quotes attributed by a cue right after or right before the quotation
        for si, sp in enumerate(spans):
            item = _Item("direct", base + sp.start, base + sp.end, "", pi, flag=sp.flag)
            limit = spans[si + 1].open_mark if si + 1 < len(spans) and spans[si + 1].open_mark >= 0 else len(text)
            content = text[sp.start : sp.end]
            if sp.close_mark >= 0 and limit > sp.close_mark:
                after = text[sp.close_mark + 1 : min(limit, sp.close_mark + 300)]
                punct = content[-1:] in ",.?!…—–-:;" or after.lstrip(" ")[:1] == ","
                if punct:
                    for rx, rule in (
                        (cx.after_according, "direct:quote-according-to"),
                        (cx.after_verb_first, "direct:quote-comma-verb-name"),
                        (cx.after_speaker_first, "direct:quote-comma-name-verb"),
                    ):
                        m = rx.match(after)
                        if not m:
                            continue
                        off = base + sp.close_mark + 1
                        ok = (
                            self._according_mention(item, m.group("np"), off + m.start("np"))
                            if rule == "direct:quote-according-to"
                            else self._mention(item, m, off)
                        )
                        if ok:
                            if item.mtype == "pron" and rule != "direct:quote-according-to":
                                rule = rule.replace("-name-", "-pronoun-").replace("-name", "-pronoun")
                            elif item.mtype == "group" and rule != "direct:quote-according-to":
                                rule = rule.replace("-name-", "-group-").replace("-name", "-group")
                            self._cue(item, m, off)
                            item.rule = rule
                            consumed.add(item.cue_start - base)
                            break
            if not item.rule and sp.open_mark >= 0:
                prev = span_items.get(si - 1)
                gap_start = spans[si - 1].close_mark + 1 if si > 0 and spans[si - 1].close_mark >= 0 else -1
                if (
                    prev is not None
                    and prev.rule.startswith("direct:quote-comma")
                    and gap_start >= 0
                    and prev.cue_end - base <= sp.open_mark
                    and prev.cue_start - base >= gap_start
                    and not text[max(prev.cue_end, prev.m_end) - base : sp.open_mark].strip(" ,:;—–-\t")
                ):
                    # “We won,” he said, “and we will win again.”: the cue between two halves
                    item.rule, item.pending, item.link = "direct:split-quote", "split", prev
                    item.cue, item.cue_start, item.cue_end = prev.cue, prev.cue_start, prev.cue_end
                else:
                    s0, _ = sentence_bounds(sp.open_mark)
                    lo = max(s0, spans[si - 1].close_mark + 1 if si > 0 else 0)
                    lo = min(lo, sp.open_mark)  # the attribution sits between here and the opening mark
                    before = text[lo : sp.open_mark]
                    for rx, rule in (
                        (cx.before_according, "direct:according-to-quote"),
                        (cx.before, "direct:name-verb-colon-quote"),
                    ):
                        m = rx.search(before)
                        if not m:
                            continue
                        off = base + lo
                        ok = (
                            self._according_mention(item, m.group("np"), off + m.start("np"))
                            if rule == "direct:according-to-quote"
                            else self._mention(item, m, off)
                        )
                        if ok:
                            if item.mtype == "pron" and rule != "direct:according-to-quote":
                                rule = "direct:pronoun-verb-colon-quote"
                            elif item.mtype == "group" and rule != "direct:according-to-quote":
                                rule = "direct:group-verb-colon-quote"
                            self._cue(item, m, off)
                            item.rule = rule
                            consumed.add(item.cue_start - base)
                            break
            if item.rule:
                sp.used = True
                span_items[si] = item
                self.items.append(item)

        # reported speech: subject + speech verb, and "according to"
        for m in cx.verbs.finditer(text):
            v = m.start()
            if v in consumed or _inside(spans, v):
                continue
            s0, s1 = sentence_bounds(v)
            lo = max([s0] + [sp.close_mark + 1 for sp in spans if 0 <= sp.close_mark < v])
            sm = cx.subject.search(text, lo, v)
            if not sm:
                continue
            item = _Item("indirect", -1, -1, "", pi)
            if not self._mention(item, sm, base):
                continue
            # a lone capitalised word opening a sentence ("Value added tax rose") is a name only if the
            # text introduces it as part of a full name, or it is a known collective (Moscow, Kremlin)
            lone = item.mtype == "name" and " " not in item.mention and not text[s0 : item.m_start - base].strip()
            if lone and item.mention not in self._surname_index() and item.mention not in cx.collective:
                continue
            who = {"pron": "pronoun", "group": "group"}.get(item.mtype, "name")
            item.cue, item.cue_start, item.cue_end = m.group().lower(), base + v, base + m.end()
            head = text[lo : item.m_start - base]
            if head.rstrip().endswith(",") and cx.parenthetical_end.match(text[m.end() : s1]):
                # "The talks failed, the ministry said, and ...": the content is the clause before
                item.rule = f"reported:clause-{who}-verb"
                a = lo + len(head) - len(head.lstrip())
                lead = re.match(r"(?:But|And|So|Yet|Still|However)\b\s*,?\s*", text[a:])
                self._reported_content(
                    item, text, base, spans, a + (lead.end() if lead else 0), len(head.rstrip()) + lo - 1, min_words=2
                )
                continue
            item.rule = f"reported:{who}-verb"
            c = m.end()
            if cx.tell.search(m.group()):
                rm = cx.recipient_after.match(text, c)
                if rm:
                    c = rm.end()
            tm = cx.that_after.match(text, c)
            if tm:
                c = tm.end()
            elif item.cue in cx.that_only:
                continue  # "concluded a visit", "wrote a book": not speech without a that-clause
            self._reported_content(item, text, base, spans, c, s1, min_words=2)

        for m in cx.according.finditer(text):
            v = m.start()
            if _inside(spans, v) or v in consumed:
                continue
            s0, s1 = sentence_bounds(v)
            tail = text[m.end() : s1]
            npm = re.match(r"\s+([^,.;:!?“”\"\n]{1,120}?)\s*(?=[,.;:!?]|$)", tail)
            if not npm:
                continue
            item = _Item("indirect", -1, -1, "reported:according-to", pi)
            if not self._according_mention(item, npm.group(1), base + m.end() + npm.start(1)):
                continue
            item.cue, item.cue_start, item.cue_end = " ".join(m.group().split()).lower(), base + v, base + m.end()
            np_end = m.end() + npm.end()
            rest = text[np_end:s1]
            head = text[s0:v]
            clause_follows = re.match(r"\s*,?\s*(?:and|but|while|as|so|which|who)(?![\w\-])", rest)
            if head.strip() and (not rest.strip(" .!?;:\t") or (clause_follows and head.rstrip().endswith(","))):
                # "..., according to one expert." - the content is the clause before the cue
                a = s0
                lead = re.match(r"\s*(?:(?:But|And|So|Yet|Still|However)\b\s*,?\s*)?", text[s0:v])
                if lead:
                    a = s0 + lead.end()
                self._reported_content(item, text, base, spans, a, v, min_words=1, trim_end=True)
            else:
                c = np_end + (len(rest) - len(rest.lstrip(" ,")))
                self._reported_content(item, text, base, spans, c, s1, min_words=1)

        # quotations with no cue: continuation, unattributed speech, or quoted terms
        for sp in spans:
            if sp.used:
                continue
            whole = (
                not text[: sp.open_mark if sp.open_mark >= 0 else sp.start].strip()
                and not text[(sp.close_mark + 1 if sp.close_mark >= 0 else sp.end) :].strip()
            )
            starts_sentence = sp.open_mark >= 0 and not text[sentence_bounds(sp.open_mark)[0] : sp.open_mark].strip()
            content = text[sp.start : sp.end]
            n_words = len(WORD_RE.findall(content))
            speechlike = content[-1:] in ".?!,…" or bool(re.search(r"[.?!]\s", content))
            if whole or sp.continues:
                item = _Item(
                    "direct", base + sp.start, base + sp.end, "continuation:previous-speaker", pi, flag=sp.flag
                )
                item.pending = "continuation"
                self.items.append(item)
            elif n_words >= cx.min_words and ((starts_sentence and speechlike) or sp.flag):
                # long enough to be speech: opens a sentence like a quotation, or its marks are broken
                self.items.append(
                    _Item("direct", base + sp.start, base + sp.end, "direct:unattributed", pi, flag=sp.flag)
                )
            else:
                self.terms.append((base + sp.start, base + sp.end))

    def _reported_content(
        self,
        item: _Item,
        text: str,
        base: int,
        spans: list[_Span],
        a: int,
        b: int,
        min_words: int,
        trim_end: bool = False,
    ) -> None:
        """Set the content span [a, b) of a reported statement, absorbing quoted fragments (mixed)."""
        fragments = []
        for sp in spans:
            mark = sp.open_mark if sp.open_mark >= 0 else sp.start
            if a <= mark < b or (sp.open_mark < 0 and a < sp.end <= b):
                if sp.used:
                    b = min(b, mark)  # a direct quote with its own cue ends the reported content
                    break
                fragments.append(sp)
                b = max(b, sp.close_mark + 1 if sp.close_mark >= 0 else sp.end)
        while b > a and (text[b - 1].isspace() or text[b - 1] in ".!?;:,—–" or (trim_end and text[b - 1] in ",")):
            b -= 1
        a, b = _trimmed(text, a, b)
        if len(WORD_RE.findall(text[a:b])) < min_words:
            return
        fragments = [sp for sp in fragments if (sp.open_mark if sp.open_mark >= 0 else sp.start) < b]
        for sp in fragments:
            sp.used = True
        if fragments:
            item.kind = "mixed"
            item.flag = next((sp.flag for sp in fragments if sp.flag), "")
            if b < len(text) and text[b : b + 1] in '”"' and b - 1 >= a:
                b += 1  # keep the closing mark of a fragment that ends the content
        item.start, item.end = base + a, base + b
        self.items.append(item)

    # -- resolution ---------------------------------------------------------------------

    def _speaker_kind(self, item: _Item) -> str:
        if item.mtype == "group":
            head = item.mention.split()[-1].lower()
            return "unnamed" if head in self.cx.individual_nouns else "group"
        return self._name_kind(item.speaker)

    def _pronoun(self, item: _Item) -> str:
        pron = item.mention.lower()
        s = self.doc.paragraphs[item.para]
        left = self.body[s.start : item.m_start]
        sent_start = max(left.rfind(". "), left.rfind("? "), left.rfind("! "))
        tm = self.cx.topic_name.search(left, max(sent_start, 0))
        if tm:  # "As for Putin, he hailed ..."
            name, pos, _ = self._clean_name(tm.group("name"), s.start + tm.start("name"))
            if name and self._name_kind(name) == "person":
                return self._resolve_name(name, pos)
        want = "person" if pron in self.cx.singular else "group"
        if want in self._last_source:
            return self._last_source[want]
        if want == "group":
            return self._last_source.get("any", "")
        # no named source yet: the last person named outside quotations in this or the previous paragraph
        lo = self.doc.paragraphs[max(item.para - 1, 0)].start
        best = ""
        for m in self.cx.name.finditer(self.body, lo, item.m_start):
            name, pos, _ = self._clean_name(m.group(), m.start())
            if not name or self._name_kind(name) != "person" or self._in_quotation(pos, item.para):
                continue
            full = self._resolve_name(name, pos)
            if len(full.split()) >= 2:
                best = full
        return best

    def _in_quotation(self, pos: int, para: int) -> bool:
        """Is ``pos`` inside a direct quotation of paragraph ``para`` or the one before?"""
        return any(
            it.kind == "direct" and it.start <= pos < it.end
            for p in (para - 1, para)
            for it in self._by_para.get(p, ())
        )

    def resolve(self) -> None:
        self._by_para: dict[int, list[_Item]] = {}
        for it in self.items:
            self._by_para.setdefault(it.para, []).append(it)
        order = sorted(self.items, key=lambda it: (it.anchor, it.start))
        last_in_para: dict[int, _Item] = {}
        for item in order:
            if item.pending == "split":
                item.speaker = item.link.speaker
                item.mtype, item.mention, item.m_start, item.m_end = (
                    item.link.mtype,
                    item.link.mention,
                    item.link.m_start,
                    item.link.m_end,
                )
            elif item.pending == "continuation":
                prev = last_in_para.get(item.para - 1)
                if prev is not None and prev.speaker and prev.speaker != UNATTRIBUTED:
                    item.speaker = prev.speaker
                    item.pending = ""
            elif item.mtype == "name":
                item.speaker = self._resolve_name(item.mention, item.m_start)
            elif item.mtype == "pron":
                item.speaker = self._pronoun(item)
            elif item.mtype == "group":
                words = item.mention.split()
                if words[0].lower() == "the" and len(words) > 1:
                    words = words[1:]
                at_start = (
                    not self.body[max(item.m_start - 2, 0) : item.m_start].strip(' \n“”"')
                    or self.body[max(item.m_start - 2, 0) : item.m_start].rstrip()[-1:] in '.!?“”"'
                )
                if at_start and words[0].lower() in self.cx.common_words:  # capital only because it opens a sentence
                    words[0] = words[0].lower()
                item.speaker = " ".join(words)
            if item.speaker and item.speaker not in self.kinds:
                self.kinds[item.speaker] = self._speaker_kind(item) if item.mtype else "person"
            if item.desc and item.speaker and item.speaker not in self.descriptions:
                self.descriptions[item.speaker] = item.desc
            if item.speaker:
                self._last_source[self.kinds[item.speaker]] = self._last_source["any"] = item.speaker
            last_in_para[item.para] = item
        # a quotation left open at a paragraph end belongs to whoever speaks in the next paragraph
        by_start = sorted(self.items, key=lambda it: it.start)
        for i in range(len(by_start) - 1, -1, -1):
            item = by_start[i]
            if item.pending == "continuation" and i + 1 < len(by_start):
                nxt = by_start[i + 1]
                if nxt.para == item.para + 1 and nxt.kind == "direct" and nxt.speaker:
                    item.speaker, item.rule, item.pending = nxt.speaker, "continuation:next-speaker", ""
        for item in self.items:
            if item.pending == "continuation":
                item.rule, item.pending = "direct:unattributed", ""

    def run(self) -> _Extractor:
        for pi in range(len(self.doc.paragraphs)):
            self.paragraph(pi)
        self.resolve()
        sentences = self.doc.sentences
        starts = [s.start for s in sentences]
        out = []
        for it in sorted(self.items, key=lambda it: (it.start, it.end, it.rule)):
            unit = sentences[max(bisect_right(starts, it.start) - 1, 0)].id if sentences else ""
            out.append(
                Quote(
                    kind=it.kind,
                    text=self.body[it.start : it.end],
                    start=it.start,
                    end=it.end,
                    speaker=it.speaker,
                    speaker_mention=it.mention,
                    mention_start=it.m_start,
                    mention_end=it.m_end,
                    cue=it.cue,
                    cue_start=it.cue_start,
                    cue_end=it.cue_end,
                    unit=unit,
                    rule=it.rule,
                    flag=it.flag,
                )
            )
        self.quotes = out
        return self


def _inside(spans: list[_Span], i: int) -> bool:
    """Is local offset ``i`` inside the content of a quotation?"""
    return any(sp.start <= i < sp.end for sp in spans)


def _run(doc: Document, cues: str | Path | None = None) -> _Extractor:
    return _Extractor(doc, _compiled(cues)).run()


@accepts_text
def extract(doc: Document, cues: str | Path | None = None) -> list[Quote]:
    """Direct, indirect and mixed quotes of ``doc``, sorted by start (speech only, never quoted terms).

    Rule-based attribution after Pareti et al. (2013) and the Gender Gap Tracker (Asr et al. 2021);
    cue lists from ``kit/data/quote_cues.yml`` (or the file ``cues``).

    >>> from kit.text import from_string
    >>> [(q.kind, q.text, q.speaker, q.rule) for q in extract(from_string("“We won,” Ann Lee said."))]
    [('direct', 'We won,', 'Ann Lee', 'direct:quote-comma-name-verb')]
    """
    return list(_run(doc, cues).quotes)


def _n_words(text: str) -> int:
    return len(WORD_RE.findall(text))


@accepts_text
def quotes_table(doc: Document, cues: str | Path | None = None) -> pd.DataFrame:
    """One row per quote: the :class:`Quote` fields plus ``n_words``, sorted by start.

    >>> from kit.text import from_string
    >>> quotes_table(from_string("Ann Lee said the talks failed."))[["kind", "speaker", "cue", "text"]].values.tolist()
    [['indirect', 'Ann Lee', 'said', 'the talks failed']]
    """
    rows = [{**asdict(q), "n_words": _n_words(q.text)} for q in extract(doc, cues)]
    table = pd.DataFrame(rows, columns=QUOTE_COLUMNS)
    return table.astype(
        {c: "int64" for c in ("start", "end", "mention_start", "mention_end", "cue_start", "cue_end", "n_words")}
    )


@accepts_text
def sentence_voices(doc: Document, cues: str | Path | None = None) -> pd.DataFrame:
    """Whose words is each sentence? One row per sentence: ``unit``, ``start``, ``end``, ``n_words``,
    ``quoted_words`` (words inside direct or mixed quotes), ``voice`` and ``speakers``.

    ``voice`` is ``"direct quote"`` when at least half of the sentence's words are inside a direct or
    mixed quote, ``"partly quoted"`` when fewer are, ``"reported"`` when it carries a reported
    statement, else ``"author"``.

    >>> from kit.text import from_string
    >>> sentence_voices(from_string("“We won the war today,” Ann Lee said. Ann Lee said the talks failed. It rained."))["voice"].tolist()
    ['direct quote', 'reported', 'author']
    """
    quotes = extract(doc, cues)
    rows = []
    for sentence in doc.sentences:
        quoted = sum(
            1
            for t in sentence.tokens
            if any(q.kind != "indirect" and q.start <= t.start and t.end <= q.end for q in quotes)
        )
        touching = [q for q in quotes if q.start < sentence.end and sentence.start < q.end]
        if sentence.n_words and quoted * 2 >= sentence.n_words:
            voice = "direct quote"
        elif quoted:
            voice = "partly quoted"
        elif any(q.kind == "indirect" for q in touching):
            voice = "reported"
        else:
            voice = "author"
        speakers = sorted({q.speaker or "(unattributed)" for q in touching}) if voice != "author" else []
        rows.append(
            {
                "unit": sentence.id,
                "start": sentence.start,
                "end": sentence.end,
                "n_words": sentence.n_words,
                "quoted_words": quoted,
                "voice": voice,
                "speakers": "; ".join(speakers),
            }
        )
    return pd.DataFrame(rows, columns=["unit", "start", "end", "n_words", "quoted_words", "voice", "speakers"])


@accepts_text
def quoted_terms(doc: Document, cues: str | Path | None = None) -> pd.DataFrame:
    """Scare quotes and quoted terms (short quotations with no cue): ``unit``, ``text``, ``start``, ``end``.

    >>> from kit.text import from_string
    >>> quoted_terms(from_string("Critics call the plan a “masterstroke”."))["text"].tolist()
    ['masterstroke']
    """
    ex = _run(doc, cues)
    sentences = doc.sentences
    starts = [s.start for s in sentences]
    rows = [
        {"unit": sentences[max(bisect_right(starts, a) - 1, 0)].id, "text": doc.body[a:b], "start": a, "end": b}
        for a, b in sorted(ex.terms)
    ]
    return pd.DataFrame(rows, columns=TERM_COLUMNS).astype({"start": "int64", "end": "int64"})


@accepts_text
def speakers(doc: Document, cues: str | Path | None = None) -> pd.DataFrame:
    """One row per speaker: canonical name, kind (person/group/unnamed), description, first mention.

    The description is the appositive that introduces the source (``Jason Tower, Myanmar Country
    Director at ...``), else a title written before the name (``Russian President``). The first mention
    is the earliest place the speaker is named in the body (the full name or a quote's mention).

    >>> from kit.text import from_string
    >>> speakers(from_string("Ann Lee, a lawyer, told me the vote was rigged."))[["speaker", "kind", "description"]].values.tolist()
    [['Ann Lee', 'person', 'a lawyer']]
    """
    ex = _run(doc, cues)
    body = doc.body
    sentences = doc.sentences
    starts = [s.start for s in sentences]
    rows = []
    for name in sorted({q.speaker for q in ex.quotes if q.speaker}):
        spans = [(q.mention_start, q.mention_end) for q in ex.quotes if q.speaker == name and q.mention_start >= 0]
        m = re.search(rf"(?<![\w\-]){re.escape(name)}(?![\w\-])", body)
        if m:
            spans.append((m.start(), m.end()))
        a, b = min(spans) if spans else (-1, -1)
        unit = sentences[max(bisect_right(starts, a) - 1, 0)].id if a >= 0 and sentences else ""
        rows.append(
            {
                "speaker": name,
                "kind": ex.kinds.get(name, "person"),
                "description": ex.descriptions.get(name, ""),
                "first_mention": body[a:b] if a >= 0 else "",
                "unit": unit,
                "start": a,
                "end": b,
            }
        )
    table = pd.DataFrame(rows, columns=SPEAKER_COLUMNS)
    return (
        table.sort_values(["start", "speaker"], kind="stable")
        .reset_index(drop=True)
        .astype({"start": "int64", "end": "int64"})
    )


@accepts_text
def voices(doc: Document, cues: str | Path | None = None) -> pd.DataFrame:
    """Who speaks and how much: one row per speaker, sorted by words quoted (desc), then name.

    ``direct_quotes`` counts direct quotations (continuations included); ``reported_statements``
    counts indirect and mixed ones; ``words_quoted`` is the number of words of content attributed to
    the speaker (direct or reported); ``share_of_quoted_words`` divides it by all attributed words.
    Quotes with no speaker are grouped under ``(unattributed)``.

    >>> from kit.text import from_string
    >>> doc = from_string("“We won,” Ann Lee said. Bo Tan said the count was wrong. “It is over,” he said.")
    >>> voices(doc)[["speaker", "direct_quotes", "reported_statements", "words_quoted"]].values.tolist()
    [['Bo Tan', 1, 1, 7], ['Ann Lee', 1, 0, 2]]
    """
    ex = _run(doc, cues)
    info = speakers(doc, cues).set_index("speaker") if ex.quotes else None
    rows: dict[str, dict[str, Any]] = {}
    for q in ex.quotes:
        name = q.speaker or UNATTRIBUTED
        row = rows.setdefault(
            name,
            {
                "speaker": name,
                "kind": info.at[name, "kind"] if info is not None and name in info.index else "unnamed",
                "description": info.at[name, "description"] if info is not None and name in info.index else "",
                "direct_quotes": 0,
                "reported_statements": 0,
                "words_quoted": 0,
            },
        )
        row["direct_quotes" if q.kind == "direct" else "reported_statements"] += 1
        row["words_quoted"] += _n_words(q.text)
    table = pd.DataFrame(list(rows.values()), columns=VOICE_COLUMNS[:-1])
    total = table["words_quoted"].sum() if len(table) else 0
    table["share_of_quoted_words"] = table["words_quoted"] / total if total else np.nan
    table = table.sort_values(["words_quoted", "speaker"], ascending=[False, True], kind="stable").reset_index(
        drop=True
    )
    return table.astype({"direct_quotes": "int64", "reported_statements": "int64", "words_quoted": "int64"})[
        VOICE_COLUMNS
    ]


# ---------------------------------------------------------------- actors


def load_actors(path: str | Path | None = None) -> list[dict[str, Any]]:
    """The actor groups of ``kit/data/actors.yml`` (or ``path``), validated: id, label, patterns."""
    p = Path(path) if path is not None else ACTORS_PATH
    try:
        data = safe_yaml.safe_load(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CodebookError(p, "actor file not found", "restore kit/data/actors.yml or pass an existing path") from None
    except yaml.YAMLError:
        raise CodebookError(p, "actor file is not valid YAML", "check the indentation of the lists") from None
    if not isinstance(data, dict) or not isinstance(data.get("actors"), list) or not data["actors"]:
        raise CodebookError(
            p, "the file needs a non-empty list under 'actors'", "see the header of kit/data/actors.yml"
        )
    seen: set[str] = set()
    out = []
    for i, group in enumerate(data["actors"], start=1):
        where = f"{p}: actors[{i}]"
        if not isinstance(group, dict) or set(group) != {"id", "label", "patterns"}:
            raise CodebookError(
                where, "each group needs exactly id, label and patterns", "write - id: ..., label: ..., patterns: [...]"
            )
        if not isinstance(group["id"], str) or not re.fullmatch(r"[a-z][a-z0-9_]*", group["id"]):
            raise CodebookError(where, f"id {group['id']!r} must be lower-case letters, digits and _", "e.g. id: junta")
        if group["id"] in seen:
            raise CodebookError(where, f"id {group['id']!r} is used twice", "give every group its own id")
        seen.add(group["id"])
        if not isinstance(group["label"], str) or not group["label"].strip():
            raise CodebookError(where, "label must be a non-empty string", "write label: <what the group is>")
        patterns = _str_list(p, f"actors[{i}].patterns", group["patterns"])
        out.append({"id": group["id"], "label": group["label"].strip(), "patterns": patterns})
    return out


@lru_cache(maxsize=4)
def _actor_regex(key: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[re.Pattern[str], dict[str, str]]:
    owner: dict[str, str] = {}
    parts = []
    for actor_id, patterns in key:
        for pat in patterns:
            owner.setdefault(pat if any(c.isupper() for c in pat) else pat.lower(), actor_id)
    for pat in sorted(owner, key=lambda w: (-len(w), w)):
        body = r"\s+".join(re.escape(piece) for piece in pat.split())
        parts.append(body if any(c.isupper() for c in pat) else f"(?i:{body})")
    rx = re.compile(rf"(?<![\w\-])(?:{'|'.join(parts)})(?![\w\-])")
    return rx, owner


def _actor_of(text: str, rx: re.Pattern[str], owner: Mapping[str, str]) -> str | None:
    m = rx.search(text)
    if not m:
        return None
    hit = " ".join(m.group().split())
    return owner.get(hit) or owner.get(hit.lower())


@accepts_text
def actor_mentions(doc: Document, actors_path: str | Path | None = None) -> pd.DataFrame:
    """Every mention of an actor group in the body: ``actor``, ``unit``, ``text``, ``start``, ``end``.

    Whole-word matching, longest pattern first; a capitalised pattern is case-sensitive.

    >>> from kit.text import from_string
    >>> actor_mentions(from_string("Putin met the junta."))[["actor", "text"]].values.tolist()
    [['russia', 'Putin'], ['junta', 'junta']]
    """
    groups = load_actors(actors_path)
    rx, owner = _actor_regex(tuple((g["id"], tuple(g["patterns"])) for g in groups))
    sentences = doc.sentences
    starts = [s.start for s in sentences]
    rows = []
    for m in rx.finditer(doc.body):
        hit = " ".join(m.group().split())
        actor = owner.get(hit) or owner.get(hit.lower())
        if actor is None:
            continue
        rows.append(
            {
                "actor": actor,
                "unit": sentences[max(bisect_right(starts, m.start()) - 1, 0)].id,
                "text": m.group(),
                "start": m.start(),
                "end": m.end(),
            }
        )
    return pd.DataFrame(rows, columns=MENTION_COLUMNS).astype({"start": "int64", "end": "int64"})


@accepts_text
def actors(doc: Document, actors_path: str | Path | None = None, cues: str | Path | None = None) -> pd.DataFrame:
    """Who is talked about, and who speaks: one row per actor group of ``kit/data/actors.yml``.

    ``mentions`` counts whole-word mentions anywhere in the body (first one in ``unit``/``start``/
    ``end``, ``-1`` if none); ``quotes`` counts quotes whose speaker (canonical name or mention)
    names the group; ``speaks`` is ``quotes > 0``. Groups keep the order of the file. In the op-ed,
    the junta, the resistance and civilians are mentioned often and never quoted (a sourcing
    pattern: Entman 1993 on salience; Asr et al. 2021 on who gets quoted).
    """
    groups = load_actors(actors_path)
    rx, owner = _actor_regex(tuple((g["id"], tuple(g["patterns"])) for g in groups))
    mentions = actor_mentions(doc, actors_path)
    quotes = extract(doc, cues)
    said: dict[str, list[str]] = {g["id"]: [] for g in groups}
    for q in quotes:
        if not q.speaker:
            continue
        actor = _actor_of(q.speaker, rx, owner) or _actor_of(q.speaker_mention, rx, owner)
        if actor is not None:
            said[actor].append(q.speaker)
    rows = []
    for g in groups:
        mine = mentions[mentions["actor"] == g["id"]]
        first = mine.iloc[0] if len(mine) else None
        rows.append(
            {
                "actor": g["id"],
                "label": g["label"],
                "mentions": len(mine),
                "unit": first["unit"] if first is not None else "",
                "start": int(first["start"]) if first is not None else -1,
                "end": int(first["end"]) if first is not None else -1,
                "quotes": len(said[g["id"]]),
                "speaks": bool(said[g["id"]]),
                "speakers": "; ".join(sorted(set(said[g["id"]]))),
            }
        )
    return pd.DataFrame(rows, columns=ACTOR_COLUMNS).astype(
        {"mentions": "int64", "start": "int64", "end": "int64", "quotes": "int64"}
    )


# ---------------------------------------------------------------- annotation and evaluation

ANNOTATION_COLUMNS = ["id", "kind", "unit", "start", "end", "text", "speaker", "speaker_mention", "cue"]
_REQUIRED_QUOTE_KEYS = ("id", "kind", "unit", "start", "end", "text", "speaker")


def annotation_path(slug: str = "oped") -> Path:
    """Where the quote annotation of text ``slug`` lives: ``texts/annotations/<slug>_quotes.yml``."""
    return paths.annotations_dir() / f"{slug}_quotes.yml"


def load_quote_annotation(
    slug: str = "oped", path: str | Path | None = None, doc: Document | None = None
) -> pd.DataFrame:
    """Read and validate a human quote annotation; one row per annotated quote, sorted by start.

    Checks every record against the Document (``text == body[start:end]``, the unit exists and
    contains ``start``) and raises :class:`~kit.errors.AnnotationError` naming the file and quote id.
    The annotated quoted terms are in ``table.attrs["terms"]`` (a list of dicts).
    """
    p = Path(path) if path is not None else annotation_path(slug)
    try:
        raw = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise AnnotationError(
            p, "annotation file not found", f"create {p.name} in texts/annotations/ (format: kit/quotes.py)"
        ) from None
    except UnicodeDecodeError:
        raise AnnotationError(p, "annotation file is not UTF-8", "re-save it as UTF-8") from None
    data = parse_yaml(raw, p, AnnotationError, "check quoting and indentation", what="annotation file is not valid YAML")
    if not isinstance(data, dict) or not isinstance(data.get("quotes"), list):
        raise AnnotationError(
            p, "the file needs a 'quotes' list", "see the format in kit/quotes.py (load_quote_annotation)"
        )
    if doc is None:
        text_slug = data.get("text", slug)
        if not isinstance(text_slug, str):
            raise AnnotationError(f"{p}: text", f"'text' must be a slug, got {text_slug!r}", "write text: oped")
        doc = load_text(text_slug)
    body = doc.body
    sentences = doc.sentences
    by_id = {s.id: s for s in sentences}
    rows = []
    seen: set[str] = set()
    for i, rec in enumerate(data["quotes"], start=1):
        qid = rec.get("id", f"#{i}") if isinstance(rec, dict) else f"#{i}"
        where = f"{p}: quote {qid}"
        if not isinstance(rec, dict):
            raise AnnotationError(where, "each quote must be a mapping", "write - id: q01\\n    kind: direct ...")
        missing = [k for k in _REQUIRED_QUOTE_KEYS if k not in rec]
        if missing:
            raise AnnotationError(where, f"missing key(s) {missing}", f"add {', '.join(missing)}")
        if qid in seen:
            raise AnnotationError(where, "id used twice", "give every quote its own id")
        seen.add(qid)
        if rec["kind"] not in KINDS:
            raise AnnotationError(
                where, f"kind {rec['kind']!r} is not one of {list(KINDS)}", "use direct, indirect or mixed"
            )
        start, end = rec["start"], rec["end"]
        if not (isinstance(start, int) and isinstance(end, int)) or not 0 <= start < end <= len(body):
            raise AnnotationError(
                where, f"start/end {start!r}/{end!r} are not offsets into the body (0..{len(body)})", "recompute them"
            )
        if rec["text"] != body[start:end]:
            raise AnnotationError(
                where,
                f"text does not match body[{start}:{end}] ({body[start:end][:40]!r}...)",
                "recompute the offsets from the text (texts/annotations/make_offsets.py)",
            )
        unit = by_id.get(rec["unit"])
        if unit is None or not unit.start <= start < unit.end:
            raise AnnotationError(
                where,
                f"unit {rec['unit']!r} is not the sentence where the quote starts",
                "use the sentence id from doc.table()",
            )
        rows.append(
            {
                k: (rec.get(k) or "") if k in ("speaker_mention", "cue", "speaker") else rec[k]
                for k in ANNOTATION_COLUMNS
            }
        )
    terms = []
    for i, rec in enumerate(data.get("terms") or [], start=1):
        where = f"{p}: term {i}"
        if not isinstance(rec, dict) or not {"start", "end", "text"} <= set(rec):
            raise AnnotationError(
                where, "each term needs start, end and text", "write - {unit: ..., start: ..., end: ..., text: ...}"
            )
        if rec["text"] != body[rec["start"] : rec["end"]]:
            raise AnnotationError(
                where, f"text {rec['text']!r} does not match body[{rec['start']}:{rec['end']}]", "recompute the offsets"
            )
        terms.append(dict(rec))
    table = pd.DataFrame(rows, columns=ANNOTATION_COLUMNS).sort_values("start", kind="stable").reset_index(drop=True)
    table.attrs["terms"] = terms
    return table


#: Words that do not tell two speakers apart: articles, number words and titles.
SPEAKER_NOISE_WORDS = frozenset({"a", "an", "the", "one", "some", "mr", "mrs", "ms", "dr", "sir", "dame",
                                 "professor", "president", "general", "senior"})


def speaker_words(name: Any) -> frozenset[str]:
    """The words of a speaker name that identify the speaker (lower case; articles and titles dropped).

    >>> sorted(speaker_words("President Vladimir Putin"))
    ['putin', 'vladimir']
    """
    return frozenset(w for w in re.findall(r"\w+", str(name).lower()) if w not in SPEAKER_NOISE_WORDS)


def same_speaker(given: Any, canonical: Any) -> bool:
    """Whether two names refer to the same speaker: the words of one contain the other's.

    ``"Putin"`` and ``"President Putin"`` name ``"Vladimir Putin"``; ``"an expert"`` names
    ``"one expert"``; an empty name or one made only of titles names nobody.

    >>> same_speaker("Putin", "Vladimir Putin"), same_speaker("Tower", "Zachary Abuza")
    (True, False)
    """
    a, b = speaker_words(given), speaker_words(canonical)
    return bool(a) and bool(b) and (a <= b or b <= a)


def span_overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Overlap of two spans as a fraction of the shorter one (the kit's quote-matching rule).

    >>> span_overlap((0, 10), (5, 20)), span_overlap((0, 4), (4, 8))
    (0.5, 0.0)
    """
    inter = min(a[1], b[1]) - max(a[0], b[0])
    shorter = min(a[1] - a[0], b[1] - b[0])
    return inter / shorter if inter > 0 and shorter > 0 else 0.0


def _norm(name: Any) -> str:
    return " ".join(str(name or "").split()).lower()


def match_quotes(predicted: pd.DataFrame, gold: pd.DataFrame, min_overlap: float = 0.5) -> list[tuple[int, int, float]]:
    """One-to-one matches (predicted row, gold row, overlap) between two tables with start/end.

    Two spans match when their character overlap is at least ``min_overlap`` of the *shorter*
    span; pairs are taken greedily by largest overlap ratio (ties: earliest gold, earliest prediction).
    """
    if not 0 < min_overlap <= 1:
        raise AnnotationError("min_overlap", f"{min_overlap!r} is outside (0, 1]", "use e.g. 0.5")
    pairs = []
    for i, (ps, pe) in enumerate(zip(predicted["start"], predicted["end"], strict=True)):
        for j, (gs, ge) in enumerate(zip(gold["start"], gold["end"], strict=True)):
            overlap = min(pe, ge) - max(ps, gs)
            shorter = min(pe - ps, ge - gs)
            if overlap > 0 and shorter > 0 and overlap / shorter >= min_overlap:
                pairs.append((-overlap / shorter, j, i))
    pairs.sort()
    used_p: set[int] = set()
    used_g: set[int] = set()
    out = []
    for neg, j, i in pairs:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            out.append((i, j, -neg))
    return sorted(out, key=lambda t: (t[1], t[0]))


def _ratio(a: int, b: int) -> float:
    return a / b if b else float("nan")


def evaluate(
    doc: Document, annotation: pd.DataFrame | str | Path | None = None, min_overlap: float = 0.5
) -> pd.DataFrame:
    """Precision, recall, F1 of quote spans and speaker accuracy, by kind: direct, reported, all.

    A predicted and an annotated quote match when their character overlap is at least
    ``min_overlap`` (default 0.5) of the shorter span, one-to-one (greedy, largest overlap first):
    lenient on where a span starts and ends (a trailing comma, "that"), strict on which statement
    it is. ``reported`` pools indirect and mixed quotes; ``all`` matches regardless of kind.
    Speaker accuracy is the share of matched quotes whose speaker equals the annotated one
    (case and spacing ignored). Undefined ratios (0/0) are NaN. Scoring follows the span-overlap
    evaluation of news quote extractors (Asr et al. 2021; Pareti 2016).
    """
    if annotation is None:
        gold = load_quote_annotation(doc.slug, doc=doc)
    elif isinstance(annotation, pd.DataFrame):
        gold = annotation
    else:
        gold = load_quote_annotation(path=annotation, doc=doc)
    missing = {"kind", "start", "end", "speaker"} - set(gold.columns)
    if missing:
        raise AnnotationError("annotation", f"missing column(s) {sorted(missing)}", "pass load_quote_annotation(...)")
    pred = quotes_table(doc)
    rows = []
    for label, kinds in (("direct", {"direct"}), ("reported", {"indirect", "mixed"}), ("all", set(KINDS))):
        p = pred[pred["kind"].isin(kinds)].reset_index(drop=True)
        g = gold[gold["kind"].isin(kinds)].reset_index(drop=True)
        matches = match_quotes(p, g, min_overlap)
        correct = sum(_norm(p.at[i, "speaker"]) == _norm(g.at[j, "speaker"]) for i, j, _ in matches)
        precision, recall = _ratio(len(matches), len(p)), _ratio(len(matches), len(g))
        f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else float("nan")
        rows.append(
            {
                "kind": label,
                "gold": len(g),
                "predicted": len(p),
                "matched": len(matches),
                "precision": precision,
                "recall": recall,
                "f1": f1,
                "speaker_correct": int(correct),
                "speaker_accuracy": _ratio(int(correct), len(matches)),
            }
        )
    return pd.DataFrame(rows)


def evaluation_details(
    doc: Document, annotation: pd.DataFrame | str | Path | None = None, min_overlap: float = 0.5
) -> pd.DataFrame:
    """Every annotated and predicted quote side by side (all kinds): what matched, what was missed.

    Columns: ``gold_id``, ``gold_kind``, ``gold_start``, ``gold_end``, ``gold_speaker``, ``kind``,
    ``start``, ``end``, ``speaker``, ``rule``, ``overlap``, ``status`` (``match``, ``missed``,
    ``spurious``), ``speaker_ok``; sorted by position.
    """
    if annotation is None:
        gold = load_quote_annotation(doc.slug, doc=doc)
    elif isinstance(annotation, pd.DataFrame):
        gold = annotation
    else:
        gold = load_quote_annotation(path=annotation, doc=doc)
    gold = gold.reset_index(drop=True)
    pred = quotes_table(doc)
    matches = match_quotes(pred, gold, min_overlap)
    rows = []
    done_p = set()
    done_g = set()
    for i, j, ov in matches:
        done_p.add(i)
        done_g.add(j)
        rows.append(
            {
                **_gold_part(gold, j),
                **_pred_part(pred, i),
                "overlap": ov,
                "status": "match",
                "speaker_ok": _norm(pred.at[i, "speaker"]) == _norm(gold.at[j, "speaker"]),
            }
        )
    for j in range(len(gold)):
        if j not in done_g:
            rows.append(
                {**_gold_part(gold, j), **_pred_part(None, -1), "overlap": 0.0, "status": "missed", "speaker_ok": False}
            )
    for i in range(len(pred)):
        if i not in done_p:
            rows.append(
                {
                    **_gold_part(None, -1),
                    **_pred_part(pred, i),
                    "overlap": 0.0,
                    "status": "spurious",
                    "speaker_ok": False,
                }
            )
    table = pd.DataFrame(rows)
    table["_pos"] = table[["gold_start", "start"]].max(axis=1)
    return table.sort_values(["_pos", "status"], kind="stable").drop(columns="_pos").reset_index(drop=True)


def _gold_part(gold: pd.DataFrame | None, j: int) -> dict[str, Any]:
    if gold is None:
        return {"gold_id": "", "gold_kind": "", "gold_start": -1, "gold_end": -1, "gold_speaker": ""}
    return {
        "gold_id": str(gold.at[j, "id"]) if "id" in gold.columns else str(j),
        "gold_kind": gold.at[j, "kind"],
        "gold_start": int(gold.at[j, "start"]),
        "gold_end": int(gold.at[j, "end"]),
        "gold_speaker": gold.at[j, "speaker"],
    }


def _pred_part(pred: pd.DataFrame | None, i: int) -> dict[str, Any]:
    if pred is None:
        return {"kind": "", "start": -1, "end": -1, "speaker": "", "rule": ""}
    return {
        "kind": pred.at[i, "kind"],
        "start": int(pred.at[i, "start"]),
        "end": int(pred.at[i, "end"]),
        "speaker": pred.at[i, "speaker"],
        "rule": pred.at[i, "rule"],
    }
