"""Attribution clauses (``he said``, ``said the minister``) as regular-expression parts.

Built once from the speech verbs and pronouns of ``rules/lexicon/sentences.toml`` and shared
by the rules that recognise an attribution: doubled ones and the dialogue dash before one.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import regex

from .lexicon import load_lexicon
from .regexes import compile_fast


@dataclass(frozen=True)
class Attribution:
    """An attribution pattern in parts (verb, subject, adverb) and the named lists they use."""
    verb: str  # "said", "has indicated", "pointed out"
    subject: str  # "he", "Adams", "President Tebboune", "the minister"
    adverb: str  # "also", "then": "he also noted"
    lists: dict[str, list[str]]  # the named lists the parts use: pass them to ``compile_fast``
    define: str = ""  # the group the parts call for a speech verb, when they call one

    def compile(self, pattern: str) -> regex.Pattern:
        return compile_fast(self.define + pattern, **self.lists)


_ADVERB = r"(?i:also|then|later|further|again|once again|additionally)"
_SYNTAX = compile_fast(r"[\\\[\]().*+?|{}^$]")  # a lexicon entry that is a pattern, not a word


def written_as_pattern(entry: str) -> bool:
    """A lexicon entry with pattern syntax, not a plain word."""
    return bool(_SYNTAX.search(entry))


@functools.cache
def attribution(dirs: tuple[Path, ...] = (), called: bool = False) -> Attribution:
    """The parts, with the speech verbs as a named list (``\\L<speech_verbs>``): the verb list
    recurs a dozen times in an attribution pattern, and as an alternation it made the pattern
    take a third of a second to compile. Entries written as patterns stay alternatives.

    The list is built again at each use (4 ms each, 16 uses in the doubled-attribution
    pattern). ``called`` defines it once as a group every use calls (``(?&speech_verb)``):
    that pattern then compiles in 11 ms instead of 60-75 ms but matches 2-15x slower, right
    for a pattern tried only where a prefilter passed, wrong for one that scans whole articles.
    """
    lexicon = load_lexicon("sentences", dirs)
    words = [v for v in lexicon["speech-verbs"] if not _SYNTAX.search(v)]
    patterns = sorted((v for v in lexicon["speech-verbs"] if _SYNTAX.search(v)), key=len, reverse=True)
    verbs = "|".join([r"\L<speech_verbs>", *patterns])
    define = ""
    if called:
        define, verbs = rf"(?(DEFINE)(?P<speech_verb>(?i:{verbs})))", "(?&speech_verb)"
    pronouns = "|".join(lexicon["attribution-pronouns"])
    verb = rf"(?:(?i:has|had)\s+)?(?i:{verbs})"
    not_verb = rf"(?!(?:(?i:has|had|{verbs})|{_ADVERB})(?!\p{{L}}))"  # "Has indicated Dupont": "Has" is no name
    name = rf"{not_verb}\p{{Lu}}[\p{{L}}’'-]+(?:\s+{not_verb}\p{{Lu}}[\p{{L}}’'-]+){{0,3}}"
    role = rf"(?i:the)(?:\s+{not_verb}\p{{Ll}}[\p{{L}}-]+){{1,3}}"  # "the minister", "the head of state"
    return Attribution(verb, rf"(?i:{pronouns})|{name}|{role}", _ADVERB, {"speech_verbs": words}, define)
