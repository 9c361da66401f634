"""The declared stage order. Each stage owns a code prefix; its rules live in ``rules/``.

Stages run in this order because each one relies on the text its predecessors leave:
words can only be judged once the encoding is repaired and the whitespace is regular.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Stage:
    name: str
    prefix: str
    summary: str


STAGES: tuple[Stage, ...] = (
    Stage("encoding", "ENC", "Repair mojibake, HTML entities and byte-order marks."),
    Stage("whitespace", "WSP", "Regularise spaces, line breaks, invisible and control characters."),
    Stage("boilerplate", "NAV", "Remove site furniture: navigation, promo boxes, captions, credits, page dates."),
)

STAGE_BY_NAME = {stage.name: stage for stage in STAGES}

# Importing the modules registers their Python checks.
from . import boilerplate, encoding, whitespace  # noqa: E402,F401
