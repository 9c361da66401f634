"""Attribution clauses (``he said``, ``said the minister``) as regular-expression parts.

Built once from the speech verbs and pronouns of ``rules/lexicon/sentences.toml`` and shared
by the rules that recognise an attribution: doubled ones and the dialogue dash before one.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from .lexicon import load_lexicon


@dataclass(frozen=True)
class Attribution:
    verb: str  # "said", "has indicated", "pointed out"
    subject: str  # "he", "Adams", "President Tebboune", "the minister"
    adverb: str  # "also", "then": "he also noted"


_ADVERB = r"(?i:also|then|later|further|again|once again|additionally)"


@functools.cache
def attribution(dirs: tuple[Path, ...] = ()) -> Attribution:
    lexicon = load_lexicon("sentences", dirs)
    verbs = "|".join(sorted(lexicon["speech-verbs"], key=len, reverse=True))
    pronouns = "|".join(lexicon["attribution-pronouns"])
    verb = rf"(?:(?i:has|had)\s+)?(?i:{verbs})"
    not_verb = rf"(?!(?:(?i:has|had|{verbs})|{_ADVERB})(?!\p{{L}}))"  # "Has indicated Dupont": "Has" is no name
    name = rf"{not_verb}\p{{Lu}}[\p{{L}}’'-]+(?:\s+{not_verb}\p{{Lu}}[\p{{L}}’'-]+){{0,3}}"
    role = rf"(?i:the)(?:\s+{not_verb}\p{{Ll}}[\p{{L}}-]+){{1,3}}"  # "the minister", "the head of state"
    return Attribution(verb, rf"(?i:{pronouns})|{name}|{role}", _ADVERB)
