"""The declared stage order. Each stage owns a code prefix; its rules live in ``rules/``.

Stages run in this order because each one relies on the text its predecessors leave:
words can only be judged once the encoding is repaired and the whitespace is regular.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Stage:
    """A stage of the pipeline: its name, its rules' code prefix and what it does."""
    name: str
    prefix: str
    summary: str


STAGES: tuple[Stage, ...] = (
    Stage("encoding", "ENC", "Repair mojibake, HTML entities and byte-order marks."),
    Stage("whitespace", "WSP", "Regularise spaces, line breaks, invisible and control characters."),
    Stage("boilerplate", "NAV", "Remove site furniture: navigation, promo boxes, captions, credits, page dates."),
    Stage("segmentation", "SEG", "Split words that lost the space between them."),
    Stage("casing", "CAS", "Capitalise proper nouns that translation lower-cased."),
    Stage("names", "NAM", "Spell people and places the English way, one way per article."),
    Stage("articles", "ART", "Choose a or an by the sound of the next word."),
    Stage("sentences", "SNT", "Remove doubled attributions, stray fragments, calques and stray pronouns."),
    Stage("punctuation", "PUN", "Fix spacing around punctuation and quotes, doubled and missing stops."),
    Stage("paragraphs", "PAR", "Join a quotation that translation split over paragraphs."),
    Stage("quality", "QLT", "Report translation problems: untranslated text, pronouns, headlines, names."),
)

STAGE_BY_NAME = {stage.name: stage for stage in STAGES}

# Importing the modules registers their Python checks.
from . import (  # noqa: E402,F401
    articles, boilerplate, casing, encoding, language, names, paragraphs, punctuation, quality, quotes,
    segmentation, sentences, whitespace,
)
