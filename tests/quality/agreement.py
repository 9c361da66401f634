"""Is a change a word change, and does a human reference agree with it?

A change is a *word change* when the word-character sequences (``\\w+`` runs) of the words it
touches differ before and after it: ``washer`` -> ``was her``, ``a`` -> ``an``, ``kyiv`` -> ``Kyiv``
and deleting ``Thank you.`` are word changes; a removed space before a comma is not.

Against a reference, the words a change takes out (``removed``) and brings in (``inserted``) are
looked up as phrases in the reference's nearby segments, growing a window of neighbouring words
until the lookup tells them apart (``an hour`` vs ``a hour``: the article alone is in every
reference). At the first window where the two are not both found, the change

- agrees when the reference has what it brought in and not what it took out,
- is refuted when the reference keeps what it took out and not what it brought in,
- is unclear when the reference has neither (it words the sentence differently).

A deletion is refuted when the reference has the deleted phrase (two words or more), and agrees
only when the reference has the words around it side by side. Case-only changes are looked up case-sensitively, all others not.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

WORD = regex.compile(r"\w+")
# (words before, words after) around the change, tried in this order: right context first,
# since what follows decides most English choices (a/an, splits before a suffix).
WINDOWS = ((0, 0), (0, 1), (1, 0), (1, 1), (1, 2), (2, 1), (2, 2))
# A deletion brings nothing in, so it agrees only when the reference has the words on both sides
# of it side by side: "aid. kronor. The" -> "aid. The" is unclear if the reference says "aid in
# crowns. The"; at the very end of a text nothing can show that.
DELETION_WINDOWS = ((1, 1), (2, 1), (1, 2), (2, 2))
SHORT = 3  # a single word this short ("a", "an", "the") is in every reference: it proves nothing
AGREE, REFUTED, UNCLEAR = "agree", "refuted", "unclear"


@dataclass(frozen=True)
class WordChange:
    """The words a change touches, with the words around it."""

    removed: tuple[str, ...]
    inserted: tuple[str, ...]
    left: tuple[str, ...]  # up to two words before
    right: tuple[str, ...]  # up to two words after

    @property
    def case_only(self) -> bool:
        return [w.lower() for w in self.removed] == [w.lower() for w in self.inserted]

    @property
    def net_deleted(self) -> int:
        return len(self.removed) - len(self.inserted)


def word_change(text: str, at: int, before: str, after: str) -> WordChange | None:
    """The change ``text[at:at+len(before)] -> after`` as a word change, or None if no word changed.

    The span is widened to whole words, so a space put inside ``washer`` compares ``washer``
    with ``was her``.
    """
    start, end = at, at + len(before)
    while start > 0 and _is_word_char(text[start - 1]):
        start -= 1
    while end < len(text) and _is_word_char(text[end]):
        end += 1
    removed = tuple(WORD.findall(text[start:end]))
    inserted = tuple(WORD.findall(text[start:at] + after + text[at + len(before) : end]))
    if removed == inserted:
        return None
    left = tuple(WORD.findall(text[max(0, start - 200) : start])[-2:])
    right = tuple(WORD.findall(text[end : end + 200])[:2])
    return WordChange(removed, inserted, left, right)


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


class Reference:
    """A reference passage, searchable for word phrases (case-sensitive or not)."""

    def __init__(self, text: str):
        words = WORD.findall(text)
        self.cased = " " + " ".join(words) + " "
        self.folded = self.cased.lower()

    def has(self, words: tuple[str, ...], cased: bool) -> bool:
        if not words:
            return True
        phrase = " " + " ".join(words) + " "
        return phrase in self.cased if cased else phrase.lower() in self.folded


def verdict(change: WordChange, reference: Reference) -> str:
    cased = change.case_only
    if not change.inserted and len(change.removed) >= 2:
        return REFUTED if reference.has(change.removed, cased) else AGREE
    for n_left, n_right in WINDOWS if change.inserted else DELETION_WINDOWS:
        if n_left > len(change.left) or n_right > len(change.right):
            continue  # no more context there: the same as a smaller window
        left = change.left[len(change.left) - n_left :] if n_left else ()
        right = change.right[:n_right]
        removed, inserted = left + change.removed + right, left + change.inserted + right
        if any(len(p) == 1 and len(p[0]) <= SHORT for p in (removed, inserted)):
            continue
        took_out = reference.has(removed, cased)
        brought_in = reference.has(inserted, cased)
        if took_out and brought_in:
            continue
        if brought_in:
            return AGREE
        return REFUTED if took_out else UNCLEAR
    return UNCLEAR


def long_deletion(change: WordChange, reference: Reference) -> bool:
    """Three or more words deleted that the reference contains."""
    return change.net_deleted >= 3 and reference.has(change.removed, False)
