"""Encoding repairs: text decoded with the wrong codec, and HTML entities left in plain text."""

from __future__ import annotations

import difflib
import functools
import html
from collections.abc import Iterator

from ..lexicon import load_lexicon
from ..model import Applicability, Finding, Severity
from ..regexes import compile_fast
from ..registry import Rule, Triggers, check
from ..vocabulary import zipf


@functools.cache
def _ftfy():
    """ftfy, its settings and its mojibake detectors, imported on the first suspect line."""
    import ftfy
    from ftfy import badness, chardata

    # Only ftfy's encoding repairs: quotes, ligatures, widths and normalisation are house style,
    # and HTML entities and control characters have rules of their own.
    config = ftfy.TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=False,
        fix_encoding=True,
        restore_byte_a0=True,
        replace_lossy_sequences=True,
        decode_inconsistent_utf8=True,
        fix_c1_controls=True,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_surrogates=True,
        remove_control_chars=False,
        normalization=None,
        explain=True,
    )
    return ftfy, config, (badness.BADNESS_RE, chardata.UTF8_DETECTOR_RE, chardata.C1_CONTROL_RE)


# What UTF-8 looks like after decoding as a single-byte codec: a lead byte (Â..ô in Latin-1 or
# Windows-1252, Р/С in Windows-1251) followed by a continuation byte (C1 controls, Latin-1
# punctuation, or the Windows-1252/1251 specials). Clean English never shows this shape, so
# this regex is the cheap gate; ftfy's own detectors then decide, one suspect line at a time.
_CP1252_SPECIALS = "\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
_CP1251_SPECIALS = "\u0402-\u040f\u0452-\u045f\u0490\u0491\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2116\u2122"
# A space stands for a lost no-break space (byte A0) only after the lead bytes ftfy restores it
# after (its ``ALTERED_UTF8_RE``): Â Ã Å Î Ð Ù, â ã, ð. After any other accented letter it is a
# space (``José Luis``, ``Serguiï Volyna``), and such a line does not load ftfy.
_A0_LEADS = "\xc2\xc3\xc5\xce\xd0\xd9\xe2\xe3\xf0"
# Written as one class of first characters, the rest tested after it (what the plain form
# "[\x80-\x9f]|[\xc2-\xf4][...]|[РС][...]" matches): the engine then skips to candidates.
SUSPECT = compile_fast(
    f"[\x80-\x9f\xc2-\xf4\u0420\u0421](?:(?<=[\x80-\x9f])|(?<=[\xc2-\xf4])[\x80-\xbf{_CP1252_SPECIALS}]"
    f"|(?<=[{_A0_LEADS}]) |(?<=[\u0420\u0421])[\xa0-\xbf{_CP1251_SPECIALS}])"
)
_ENTITY = compile_fast(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_MAX_DIFF_LINE = 20_000  # longer lines get one edit instead of a character diff
_MAX_DIFF_WORK = 4_000_000  # old x new characters difflib may align in one go (its cost grows faster)
_RUNS = compile_fast(r"[\x00-\x7f]+|[^\x00-\x7f]+")


def suspect_lines(text: str) -> Iterator[tuple[int, int]]:
    """Bounds of the lines that show the shape of mojibake, each once, in order."""
    end = -1
    for m in SUSPECT.finditer(text):
        if m.start() < end:
            continue
        start = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.end())
        end = len(text) if end == -1 else end
        yield start, end


@check("mojibake", triggers=Triggers(patterns=(SUSPECT,), non_ascii=True))
def mojibake(doc, rule: Rule) -> Iterator[Finding]:
    text = doc.text
    if text.isascii():
        return
    for start, end in suspect_lines(text):
        original = text[start:end]
        ftfy, config, detectors = _ftfy()
        if not any(detector.search(original) for detector in detectors):
            continue
        fixed, plan = ftfy.fix_and_explain(original, config)
        if fixed == original:
            continue
        steps = [step for _, step in plan or []]
        for a, b, new in _regions(original, fixed):
            yield rule.finding(start + a, start + b, new, found=original[a:b], detail={"ftfy": steps})


def _regions(old: str, new: str) -> Iterator[tuple[int, int, str]]:
    """Smallest differing regions between two versions of a line, as (start, end, text)."""
    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    # A cut inside a run of non-ASCII characters would split the run unevenly between the two
    # versions ("â€�" -> "�" keeps only "�" in common): move the cuts to the runs' edges.
    while 0 < prefix < len(old) and not old[prefix - 1].isascii() and not old[prefix].isascii():
        prefix -= 1
    while suffix and len(old) > suffix and not old[len(old) - suffix].isascii() \
            and not old[len(old) - suffix - 1].isascii():
        suffix -= 1
    old_mid, new_mid = old[prefix : len(old) - suffix], new[prefix : len(new) - suffix]
    if len(old_mid) > _MAX_DIFF_LINE:
        yield prefix, prefix + len(old_mid), new_mid
        return
    pairs = _between_ascii(old_mid, new_mid)
    if pairs is None:  # ASCII changed too (a repair ftfy does not make): diff the whole middle
        pairs = [(0, old_mid, new_mid)] if len(old_mid) * len(new_mid) <= _MAX_DIFF_WORK else []
        if not pairs:
            yield prefix, prefix + len(old_mid), new_mid
            return
    for at, old_part, new_part in pairs:
        matcher = difflib.SequenceMatcher(None, old_part, new_part, autojunk=False)
        for op, a1, a2, b1, b2 in matcher.get_opcodes():
            if op != "equal":
                yield prefix + at + a1, prefix + at + a2, new_part[b1:b2]


def _between_ascii(old: str, new: str) -> list[tuple[int, str, str]] | None:
    """The runs of non-ASCII characters of two versions of a line, paired up, with where each
    old run starts: when the versions have the same ASCII runs between them (an encoding repair
    only rewrites what is not ASCII), else None.

    Diffing run by run is linear in the line; difflib on a whole line whose ASCII repeats
    (every apostrophe and dash of a paragraph mis-decoded) grew with its cube.
    """
    old_runs, new_runs = _RUNS.findall(old), _RUNS.findall(new)
    if len(old_runs) != len(new_runs) or (old_runs and old_runs[0].isascii() != new_runs[0].isascii()):
        return None
    pairs, at = [], 0
    for old_run, new_run in zip(old_runs, new_runs):
        if old_run.isascii():
            if old_run != new_run:
                return None
        elif old_run != new_run:
            pairs.append((at, old_run, new_run))
        at += len(old_run)
    return pairs


@check("html-entity", triggers=Triggers(("&",)))
def html_entity(doc, rule: Rule) -> Iterator[Finding]:
    text = doc.text
    if "&" not in text:
        return
    for m in _ENTITY.finditer(text):
        decoded = html.unescape(m.group())
        if decoded != m.group():
            yield rule.finding(m.start(), m.end(), decoded, found=m.group())


_CYRILLIC = compile_fast("[\u0400-\u052f]")
LONGEST_WORD = 60  # letters looked at on either side of a Cyrillic one


@functools.cache
def _look_alikes(dirs: tuple) -> dict[str, str]:
    """Cyrillic letter -> the Latin letter drawn the same (``rules/lexicon/encoding.toml``)."""
    return dict(pair.split() for pair in load_lexicon("encoding", dirs)["cyrillic-look-alikes"])


def _word_around(text: str, at: int) -> tuple[int, int]:
    start, end = at, at + 1
    while start > max(0, at - LONGEST_WORD) and text[start - 1].isalpha():
        start -= 1
    while end < min(len(text), at + LONGEST_WORD) and text[end].isalpha():
        end += 1
    return start, end


@check("look-alike-letters", triggers=Triggers(patterns=(_CYRILLIC,), non_ascii=True))
def look_alike_letters(doc, rule: Rule) -> Iterator[Finding]:
    """Latin words with Cyrillic letters drawn the same inside ("оf", "Kyіv"): a disguise some
    sites put into copied text, or a keyboard switched mid-word. Only a word holding Latin
    letters, whose every Cyrillic letter has a Latin twin, is rewritten; a Cyrillic word (even
    one with a stray Latin letter, "Москвa") or a Cyrillic word glued to a Latin one
    ("newsletterПолитика") is QLT002's to report."""
    text = doc.text
    twins = _look_alikes(doc.config.rule_dirs)
    done = -1
    for m in _CYRILLIC.finditer(text):
        if m.start() < done:
            continue
        start, done = _word_around(text, m.start())
        word = text[start:done]
        latin = "".join(twins.get(c, c) for c in word)
        if latin == word or not latin.isascii() or not any(c.isascii() for c in word):
            continue  # a Cyrillic word, or a letter without a twin
        cyrillic = sum(not c.isascii() for c in word)
        if zipf(latin) > 0 or len(word) - cyrillic > cyrillic:
            yield rule.finding(start, done, latin, found=word)
        else:  # mostly look-alikes, spelling no known word: which script was meant is a guess
            yield rule.finding(start, done, latin, found=word, applicability=Applicability.UNSAFE,
                               severity=Severity.INFO)
