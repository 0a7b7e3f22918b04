"""Automatic screening of free text: identifying details to redact, and words that suggest risk.

Plain functions, no database: `screen(text, language, names=, schools=, extra_risk=)` returns
a `Result` with findings that carry character offsets into the original text and, for
identifying details, a proposed replacement such as "[name]". The service gathers the council's
names and lists and stores the findings with the item.

Risk matching works on a folded copy of the text (case, accents and Arabic-script letter
variants folded; see risk_terms.py) while keeping a map back to the original offsets, so spans
can be highlighted and redacted in what the young person actually wrote, in any script.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass, field
from functools import lru_cache

from anyascii import anyascii
from rapidfuzz import process as rapidfuzz_process
from rapidfuzz.distance import OSA

from .risk_terms import DEFAULT_RISK_TERMS, KEEP_MARKS, NEAR_SPELLED, SAFE_CONTEXTS

NAME = "name"
PHONE = "phone"
EMAIL = "email"
ADDRESS = "address"
POSTCODE = "postcode"
SCHOOL = "school"
HANDLE = "handle"
RISK = "risk"
IDENTIFYING_KINDS = (NAME, PHONE, EMAIL, ADDRESS, POSTCODE, SCHOOL, HANDLE)

REPLACEMENTS = {
    NAME: "[name]",
    PHONE: "[phone]",
    EMAIL: "[email]",
    ADDRESS: "[address]",
    POSTCODE: "[postcode]",
    SCHOOL: "[school]",
    HANDLE: "[social media]",
}


@dataclass
class Finding:
    kind: str
    start: int
    end: int
    text: str
    replacement: str | None = None  # proposed redaction; None for risk findings
    category: str | None = None  # risk category (risk_terms.CATEGORIES) or "council"
    language: str | None = None  # the list a risk phrase came from

    def as_dict(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v is not None}

    @classmethod
    def from_dict(cls, data: dict) -> Finding:
        return cls(**{k: data.get(k) for k in ("kind", "start", "end", "text", "replacement", "category", "language")})


@dataclass
class Result:
    findings: list[Finding] = field(default_factory=list)

    @property
    def risk(self) -> bool:
        return any(f.kind == RISK for f in self.findings)

    @property
    def risk_findings(self) -> list[Finding]:
        return [f for f in self.findings if f.kind == RISK]

    @property
    def identifying(self) -> list[Finding]:
        return [f for f in self.findings if f.kind != RISK]


# ---------------------------------------------------------------------------------------------
# Folding with an offset map
# ---------------------------------------------------------------------------------------------

_ARABIC_LETTERS = str.maketrans(
    {
        "ي": "ی",  # Arabic yeh -> Persian yeh (Persian, Dari and Pashto keyboards differ)
        "ى": "ی",  # alef maksura
        "ې": "ی",  # Pashto e, often typed as plain yeh
        "ۍ": "ی",
        "ك": "ک",
        "ة": "ه",  # teh marbuta
        "ـ": "",  # tatweel (stretching)
        "’": "'",
        "‘": "'",
        "ʼ": "'",
    }
)
_ZERO_WIDTH_AS_SPACE = {"\u200c"}  # ZWNJ, inside Persian words: "می‌خواهم" ~ "می خواهم"


def _fold_char(char: str, keep_marks: bool) -> str:
    if char in _ZERO_WIDTH_AS_SPACE:
        return " "
    decomposed = unicodedata.normalize("NFD" if keep_marks else "NFKD", char)
    out = []
    for part in decomposed:
        category = unicodedata.category(part)
        if category == "Cf":
            continue  # direction marks, joiners
        if category == "Mn" and not keep_marks:
            continue  # accents, Arabic short vowels and hamza marks
        out.append(part)
    return "".join(out).casefold().translate(_ARABIC_LETTERS)


def fold(text: str, keep_marks: bool = False) -> tuple[str, list[int]]:
    """The folded text and, for each of its characters, the index of the original character."""
    chars: list[str] = []
    index: list[int] = []
    for i, char in enumerate(text):
        for out in _fold_char(char, keep_marks):
            chars.append(out)
            index.append(i)
    return "".join(chars), index


def fold_phrase(phrase: str, keep_marks: bool = False) -> str:
    return fold(phrase.strip(), keep_marks)[0]


def fold_pattern(pattern: str, keep_marks: bool = False) -> str:
    """A regular expression folded like the text (so Arabic-script letters and accents meet the
    text's forms), its escapes such as \\S and \\b left as written."""
    return re.sub(r"\\.|[^\\]+", lambda m: m.group() if m.group().startswith("\\") else fold(m.group(), keep_marks)[0], pattern)


# ---------------------------------------------------------------------------------------------
# Risk phrases
# ---------------------------------------------------------------------------------------------

_JOIN = r"[\s\-_.]*"  # words of a phrase may be joined by spaces, hyphens or nothing
# Arabic attaches "and", "so", "with", "for" and "the" to the front of a word.
_ARABIC_PREFIX = r"(?:وال|بال|فال|لل|ال|و|ف|ب|ل)?"


def phrase_pattern(phrase: str, language: str) -> re.Pattern | None:
    keep = language in KEEP_MARKS
    if phrase.startswith("re:"):
        return re.compile(fold_pattern(phrase[3:], keep))
    folded = fold_phrase(phrase, keep)
    wildcard = folded.endswith("*")
    words = [w for w in re.split(r"\s+", folded.rstrip("*").strip()) if w]
    if not words:
        return None
    parts = []
    for word in words:
        pieces = [re.escape(piece) for piece in word.split("'")]
        parts.append("'?".join(pieces))
    body = _JOIN.join(parts)
    prefix = _ARABIC_PREFIX if language == "ar" else ""
    suffix = r"\w*" if wildcard else ""
    return re.compile(rf"(?<!\w){prefix}{body}{suffix}(?!\w)")


@dataclass(frozen=True)
class RiskTerm:
    phrase: str
    language: str
    category: str
    pattern: re.Pattern
    script: str = ""  # the script of its letters ("LATIN", "ARABIC", "ETHIOPIC"): skipped for text without it


def _script(char: str) -> str:
    if char.isascii():
        return "LATIN" if char.isalpha() else ""
    return unicodedata.name(char, "").split(" ")[0] if char.isalpha() else ""


def _script_of(phrase: str) -> str:
    body = re.sub(r"\\.", "", phrase[3:] if phrase.startswith("re:") else phrase)
    if phrase.startswith("re:"):
        body = re.sub(r"\(\?[:!=<]+|\[[^\]]*\]|\{[^}]*\}", "", body)  # groups, classes, counts
    for char in body:
        if script := _script(char):
            return script
    return ""


def _scripts_in(text: str) -> set[str]:
    return {_script(char) for char in set(text)} - {""}


@lru_cache(maxsize=1)
def default_risk_terms() -> tuple[RiskTerm, ...]:
    terms = []
    for language, categories in DEFAULT_RISK_TERMS.items():
        for category, phrases in categories.items():
            for phrase in phrases:
                pattern = phrase_pattern(phrase, language)
                if pattern is not None:
                    terms.append(RiskTerm(phrase, language, category, pattern, _script_of(phrase)))
    return tuple(terms)


@lru_cache(maxsize=512)
def council_risk_term(phrase: str, language: str) -> RiskTerm | None:
    pattern = phrase_pattern(phrase, language or "en")
    return RiskTerm(phrase, language, "council", pattern, _script_of(phrase)) if pattern else None


@lru_cache(maxsize=1)
def _safe_contexts() -> tuple[tuple[re.Pattern, bool], ...]:
    return tuple(
        (re.compile(fold_pattern(pattern, language in KEEP_MARKS)), language in KEEP_MARKS)
        for language, patterns in SAFE_CONTEXTS.items()
        for pattern in patterns
    )


# Digits and signs written for letters ("k1ll mys3lf", "d!e"), undone inside words only.
_LEET = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "@": "a", "$": "s", "!": "i", "|": "i"}
_LATIN = re.compile(r"[a-z\u00c0-\u024f\u1e00-\u1eff]")
_NEAR_SPELLED = frozenset(NEAR_SPELLED)


def _unleet(token: str) -> str:
    if not _LATIN.search(token):
        return token  # a number, or another script
    chars = list(token)
    for i, char in enumerate(chars):
        if char in _LEET:
            inside = 0 < i < len(chars) - 1 and chars[i - 1].isalnum() and chars[i + 1].isalnum()
            if char.isdigit() and (inside or (i > 0 and chars[i - 1].isalpha()) or (i < len(chars) - 1 and chars[i + 1].isalpha())):
                chars[i] = _LEET[char]
            elif inside:
                chars[i] = _LEET[char]
    return "".join(chars)


@lru_cache(maxsize=4096)
def _normalise_latin_token(token: str) -> str:
    """A Latin-script word as it was probably meant: anyascii for remaining letters, digits for
    letters undone, runs of one letter cut to one, near-spellings of long risk words corrected."""
    if not _LATIN.search(token):
        return token
    token = anyascii(token).lower()
    token = _unleet(token)
    token = re.sub(r"([a-z])\1{2,}", r"\1", token)
    core = re.sub(r"[^a-z]", "", token)
    if len(core) >= 5 and core not in _NEAR_SPELLED:
        limit = 2 if len(core) >= 8 else 1
        match = rapidfuzz_process.extractOne(core, NEAR_SPELLED, scorer=OSA.distance, score_cutoff=limit)
        if match is not None:
            token = token.replace(core, match[0]) if core in token else match[0]
    return token


def _latin_variant(folded: str, index: list[int]) -> tuple[str, list[int]]:
    """The folded text with each Latin-script word normalised, and a map back to the original."""
    out: list[str] = []
    out_index: list[int] = []
    for match in re.finditer(r"\S+|\s+", folded):
        piece = match.group()
        new = piece if piece.isspace() else _normalise_latin_token(piece)
        last = len(piece) - 1
        for i, char in enumerate(new):
            out.append(char)
            out_index.append(index[match.start() + min(i, last)])
    return "".join(out), out_index


def find_risk(text: str, extra: list[tuple[str, str]] = ()) -> list[Finding]:
    """Risk phrases of every language found in the text (a child may write in any of them).

    `extra` is the council's own (phrase, language) additions. Each term is matched on the folded
    text and on its Latin-normalised form (see `_latin_variant`); a finding wholly inside an
    everyday sentence of `SAFE_CONTEXTS` is dropped."""
    terms = list(default_risk_terms())
    terms += [t for phrase, language in extra if (t := council_risk_term(phrase, language))]
    plain = fold(text, False)
    marked = fold(text, True)
    latin = _latin_variant(*plain)
    variants = {False: [plain] + ([latin] if latin[0] != plain[0] else []), True: [marked]}
    scripts = _scripts_in(plain[0]) | _scripts_in(latin[0])
    findings = []
    for term in terms:
        if term.script and term.script not in scripts:
            continue
        for folded_text, index in variants[term.language in KEEP_MARKS]:
            for match in term.pattern.finditer(folded_text):
                if match.end() <= match.start():
                    continue
                start, end = index[match.start()], index[match.end() - 1] + 1
                while end < len(text) and unicodedata.category(text[end]) == "Mn":
                    end += 1  # keep the last letter's vowel marks with it
                findings.append(Finding(RISK, start, end, text[start:end], category=term.category, language=term.language))
    if findings:
        safe = []
        for pattern, keep in _safe_contexts():
            for folded_text, index in ([marked] if keep else [plain, latin]):
                for match in pattern.finditer(folded_text):
                    if match.end() > match.start():
                        safe.append((index[match.start()], index[match.end() - 1] + 1))
        findings = [f for f in findings if not any(a <= f.start and f.end <= b for a, b in safe)]
    return _without_overlaps(findings)


# ---------------------------------------------------------------------------------------------
# Identifying details
# ---------------------------------------------------------------------------------------------

EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# UK numbers: 07xxx xxxxxx, 01xxx/02x landlines, +44 forms; spaces, dots, dashes, brackets allowed.
PHONE_RE = re.compile(r"(?<![\w+])(?:\+\s?44\s?\(?0?\)?|\(?0)[\s.\-)]*\d(?:[\s.\-)]*\d){8,9}(?![\d])")
POSTCODE_RE = re.compile(
    r"(?<![A-Za-z0-9])(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})(?![A-Za-z0-9])",
    re.IGNORECASE,
)
_STREET_WORDS = (
    "street|st|road|rd|avenue|ave|lane|ln|close|drive|dr|way|crescent|court|ct|place|pl|grove|"
    "gardens|terrace|hill|park|square|sq|walk|mews|row|rise|view|green|parade|croft|fold|vale"
)
# "14 Elm Grove", "flat 3, 22 Harbour Road", "on Mill Lane"
ADDRESS_RE = re.compile(
    rf"(?:(?i:flat|apartment|apt)\s*\d+[a-z]?,?\s*)?\b\d{{1,4}}[a-z]?,?\s+(?:[A-Z][\w'\-]*\s+){{1,3}}(?i:{_STREET_WORDS})\b\.?"
    rf"|\b(?:[A-Z][\w'\-]+\s+){{1,2}}(?:Street|Road|Avenue|Lane|Close|Crescent|Drive|Terrace|Gardens|Grove|Mews)\b"
)
HANDLE_RE = re.compile(
    r"(?<![\w@.])(?P<h1>@[A-Za-z0-9_][A-Za-z0-9_.]{1,29})"
    # "snap: jojo", "my insta is jojo", "sc jojo_22" (a bare word after the app name only if it
    # looks like a handle, so "snap and chill" is left alone)
    r"|\b(?:snap(?:chat)?|insta(?:gram)?|tik\s?tok|ig|sc|twitter|discord|telegram)"
    r"(?:\s*[:=\-]\s*|\s+is\s+|\s+(?=@|[A-Za-z0-9_.]*[0-9_.]))(?P<h2>@?[A-Za-z0-9_][A-Za-z0-9_.]{2,29})\b"
    r"|(?P<h3>\b(?:instagram|tiktok|snapchat|facebook|twitter|x)\.com/@?[A-Za-z0-9_.]+)",
    re.IGNORECASE,
)
SCHOOL_RE = re.compile(
    r"\b(?:[A-Z][\w'\-]+\s+){1,3}(?:Primary|Secondary|High|Grammar|Junior|Infant|Infants|Community|Catholic|Academy)"
    r"(?:\s+(?:School|Academy|College))?\b"
)

# Capitalised words that are also common first names or parts of names: not flagged on their
# own (a full display name still is).
_COMMON_WORDS = frozenset(
    """the and but for you she her him his they them this that with from have will just like
    when what who why how can may june april august rose grace hope joy faith dawn summer
    will mark bill art sky river""".split()
)


def _name_patterns(names: tuple[str, ...]) -> tuple[re.Pattern | None, re.Pattern | None]:
    """Full names (any case) and single name parts (only when written with a capital)."""
    full, parts = set(), set()
    for name in names:
        name = " ".join(name.split())
        if len(name) < 2:
            continue
        full.add(name)
        for part in name.split(" "):
            if len(part) >= 3 and part.casefold() not in _COMMON_WORDS:
                parts.add(part)
    full_re = (
        re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in sorted(full, key=len, reverse=True)) + r")(?!\w)", re.IGNORECASE)
        if full
        else None
    )
    parts_re = (
        re.compile(r"(?<!\w)(?:" + "|".join(re.escape(p) for p in sorted(parts, key=len, reverse=True)) + r")(?!\w)")
        if parts
        else None
    )
    return full_re, parts_re


@lru_cache(maxsize=64)
def _cached_name_patterns(names: tuple[str, ...]):
    return _name_patterns(names)


def _school_pattern(schools: tuple[str, ...]) -> re.Pattern | None:
    cleaned = sorted({" ".join(s.split()) for s in schools if len(s.strip()) >= 3}, key=len, reverse=True)
    if not cleaned:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(s) for s in cleaned) + r")(?!\w)", re.IGNORECASE)


# Arabic-Indic and Persian digits, read as the digits they are (one character for one).
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
# A phone number said in words: "oh seven seven double oh nine ...".
_NUMBER_WORD = r"(?:zero|oh|o|nought|one|two|three|four|five|six|seven|eight|nine|double|triple)"
PHONE_WORDS_RE = re.compile(rf"\b(?:zero|oh|nought)\b(?:[\s,.\-]+{_NUMBER_WORD}\b){{7,}}", re.IGNORECASE)
# "22 harbour road", "flat 3, 9 mill lane": a number, one to three words (not little words such as
# "in the", so "3 goals in the park" is left alone) and a street word, in any case.
_LITTLE = r"(?:in|the|at|on|a|an|to|of|my|and|we|for|with|from|by|is|was|are|our|your|his|her|their|games?|goals?|times?)"
ADDRESS_ANY_CASE_RE = re.compile(
    rf"(?:\b(?:flat|apartment|apt)\s*\d+[a-z]?,?\s*)?\b\d{{1,4}}[a-z]?,?\s+(?:(?!{_LITTLE}\b)[a-z][\w'\-]*\s+){{1,3}}(?:{_STREET_WORDS})\b\.?"
    r"|\b\d{1,4}\s+rr(?:uga|\.)\s+(?:e\s+)?\w+",
    re.IGNORECASE,
)
# Where someone can be found: "behind the big Asda", "next to the chippy on Station Road".
_LANDMARKS = (
    r"chippy|chip shop|corner shop|shop|post office|petrol station|garage|pub|church|mosque|gurdwara|temple|"
    r"park|station|bus station|train station|library|leisure centre|tesco|asda|aldi|lidl|co-?op|sainsbury'?s|"
    r"morrisons|mcdonald'?s|kfc|greggs|spar|takeaway"
)
PLACE_RE = re.compile(
    r"\b(?:behind|next to|next door to|opposite|across from|across the road from|round the corner from|above|over the road from)\s+"
    r"(?:the\s+|a\s+)?(?:(?:big|little|old|new|blue|red|green)\s+)?"
    rf"(?:(?i:{_LANDMARKS})\b|[A-Z][\w'\-]*(?:\s+[A-Z][\w'\-]*)*)"
    r"(?:\s+on\s+[A-Z][\w'\-]*(?:\s+[A-Z][\w'\-]*)*)?"
)
# A named home or house: "Maple House", "Oak Lodge".
HOUSE_RE = re.compile(r"\b[A-Z][\w'\-]+\s+(?:House|Lodge|Cottage|Hall|Court)\b")
_NAME_STOP = _COMMON_WORDS | frozenset(
    """a an as at be by do go he if in is it me my no of oh ok on or so to up us we
    can may love sun art happy black white new old big little our your ask see more most much
    christmas easter monday tuesday wednesday thursday friday saturday sunday january february
    march july september october november december""".split()
)
_FULL_NAME_RE = re.compile(r"\b([A-Z][a-z'\-]+)((?:\s+(?:Al-|El-|Mc|Mac|O')?[A-Z][\w'\-]+){1,2})")
_LOWER_NAME_RE = re.compile(r"\b([a-z]{3,})(?=(\s+)([a-z][a-z'\-]{2,})\b)")


@lru_cache(maxsize=1)
def _first_names():
    """First names of many countries (the gender-guesser list), loaded once on first use."""
    from gender_guesser.detector import Detector

    return Detector(case_sensitive=False)


def _is_first_name(word: str, strict: bool = False) -> bool:
    if word.casefold() in _NAME_STOP or len(word) < 3:
        return False
    gender = _first_names().get_gender(word)
    return gender in ("male", "female") if strict else gender != "unknown"


def _unknown_full_names(text: str) -> list[tuple[int, int]]:
    """Full names the council does not know: a first name followed by a surname."""
    spans = []
    for match in _FULL_NAME_RE.finditer(text):
        if _is_first_name(match.group(1)):
            spans.append(match.span())
    for match in _LOWER_NAME_RE.finditer(text):
        first, gap, second = match.groups()
        if _is_first_name(first, strict=True) and second not in _NAME_STOP and not _is_first_name(second) and len(second) >= 4:
            spans.append((match.start(), match.end(1) + len(gap) + len(second)))
    return spans


def find_identifying(text: str, names=(), schools=()) -> list[Finding]:
    found: list[Finding] = []

    def add(kind, match):
        start, end = match.span()
        for group, value in match.groupdict().items():
            if value:
                start, end = match.span(group)  # just the handle, not "my snap is"
        value = text[start:end].rstrip(" ,.")
        end = start + len(value)
        if value:
            found.append(Finding(kind, start, end, value, REPLACEMENTS[kind]))

    # Order matters: earlier kinds win where spans overlap (an email contains an @handle).
    for match in EMAIL_RE.finditer(text):
        add(EMAIL, match)
    digits = text.translate(_DIGITS)  # same length: spans still point into `text`
    for match in PHONE_RE.finditer(digits):
        add(PHONE, match)
    for match in PHONE_WORDS_RE.finditer(text):
        add(PHONE, match)
    for match in POSTCODE_RE.finditer(text):
        add(POSTCODE, match)
    for pattern in (PLACE_RE, ADDRESS_RE, ADDRESS_ANY_CASE_RE, HOUSE_RE):
        for match in pattern.finditer(text):
            add(ADDRESS, match)
    school_re = _school_pattern(tuple(schools))
    if school_re:
        for match in school_re.finditer(text):
            add(SCHOOL, match)
    for match in SCHOOL_RE.finditer(text):
        add(SCHOOL, match)
    for match in HANDLE_RE.finditer(text):
        add(HANDLE, match)
    full_re, parts_re = _cached_name_patterns(tuple(sorted(set(names))))
    for pattern in (full_re, parts_re):
        if pattern:
            for match in pattern.finditer(text):
                add(NAME, match)
    for start, end in _unknown_full_names(text):
        found.append(Finding(NAME, start, end, text[start:end], REPLACEMENTS[NAME]))
    return _without_overlaps(found)


def _without_overlaps(findings: list[Finding]) -> list[Finding]:
    """Keep the first-listed finding of overlapping ones (then the longer), in text order."""
    ranked = sorted(enumerate(findings), key=lambda pair: (pair[0], -(pair[1].end - pair[1].start)))
    kept: list[Finding] = []
    for _, finding in ranked:
        if all(finding.end <= other.start or finding.start >= other.end for other in kept):
            kept.append(finding)
    return sorted(kept, key=lambda f: (f.start, f.end))


def screen(text: str, language: str = "en", *, names=(), schools=(), extra_risk=()) -> Result:
    """Every identifying detail and every risk phrase in the text."""
    text = text or ""
    return Result(sorted(find_identifying(text, names, schools) + find_risk(text, list(extra_risk)), key=lambda f: (f.start, f.end)))


def redact(text: str, findings: list[Finding]) -> str:
    """The text with each identifying finding replaced by its proposed redaction."""
    out, cursor = [], 0
    for finding in sorted((f for f in findings if f.replacement), key=lambda f: f.start):
        if finding.start < cursor:
            continue
        out.append(text[cursor : finding.start])
        out.append(finding.replacement)
        cursor = finding.end
    out.append(text[cursor:])
    return "".join(out)


def highlight_segments(text: str, findings: list[Finding]) -> list[tuple[str, Finding | None]]:
    """The text cut into plain runs and findings, for showing moderators what was found."""
    segments, cursor = [], 0
    for finding in sorted(findings, key=lambda f: f.start):
        if finding.start < cursor or finding.end > len(text):
            continue
        if finding.start > cursor:
            segments.append((text[cursor : finding.start], None))
        segments.append((text[finding.start : finding.end], finding))
        cursor = finding.end
    if cursor < len(text):
        segments.append((text[cursor:], None))
    return segments
