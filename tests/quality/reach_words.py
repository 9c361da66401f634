"""Reach of the word-level rules on unseen news (issue 10): artifacts injected into clean text.

Three classes, injected into NTREX, ``wmt21-en-news`` and the WMT23 human references (the last
two are read from the shared corpus folder, never copied; skipped with a message when absent):

- merged common words: two adjacent common words lose the space between them, where the glued
  token is no word (``group as`` -> ``groupas``, ``Republic of`` -> ``Republicof``,
  ``change but`` -> ``changebut``), in several forms (word + function word, function word +
  word, capitalised + lower case, two content words, before punctuation);
- lower-cased names with document evidence: a word the article capitalises mid-sentence
  elsewhere is lower-cased at one of its mid-sentence uses, in several forms (second part of a
  name: ``Elin jones``, first part: ``elin Jones``, after a title: ``Father johnson``, alone,
  possessive, a whole name: ``north macedonia``);
- wrong indefinite articles: ``a`` and ``an`` swapped at random, reported by the form of the
  next word (vowel or consonant letter, initialism, number, hyphenated compound).

Recall is the share of injected artifacts found; precision the share of the rule's edits that
undo an injection (every other edit is a false one: the text was clean). Both are given for the
default (safe) fixes and with unsafe fixes (suggestions) included.

``python -m tests.quality.reach_words`` prints the figures, with totals and recall per form.
"""

from __future__ import annotations

import json
import os
import random
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from cleanup import CleanupConfig, clean
from cleanup.vocabulary import first_sounds, zipf

ROOT = Path(__file__).resolve().parent.parent.parent
DATA = ROOT / "tests" / "data"
COMMON = 3.5  # zipf frequency of the words glued together ("common words")
FUNCTION = frozenset("the of and to in for with on at from by as is was that but or not".split())
TITLES = frozenset("Mr Mrs Ms Dr Father Mother Sister Brother President Minister General Governor Mayor Judge Senator Lord".split())
_PAIR = re.compile(r"(?<![\w@#/.'’-])([A-Za-z]{2,}) ([A-Za-z]{2,})(?=[\s,.;:!?)]|$)")
_CAPITAL = re.compile(r"(?<![\w@#/.'’-])[A-Z][a-z]{2,}(?:['’]s)?(?![\w@/-])")


def shared() -> Path | None:
    """The shared corpus folder: ``CLEANUP_SHARED``, else ``<repo>/../shared``, else ``/work/shared``."""
    candidates = [Path(os.environ["CLEANUP_SHARED"])] if os.environ.get("CLEANUP_SHARED") else []
    candidates += [ROOT.parent / "shared", Path("/work/shared")]
    return next((c / "corpus" for c in candidates if (c / "corpus").is_dir()), None)


def _article(sentences: list[str]) -> str:
    """A headline, then paragraphs of one, two, three, one, ... sentences (as for NTREX)."""
    paragraphs, i, size = [sentences[0]], 1, 1
    while i < len(sentences):
        paragraphs.append(" ".join(sentences[i : i + size]))
        i += size
        size = size % 3 + 1
    return "\n\n".join(paragraphs) + "\n"


def corpora() -> dict[str, list[str]]:
    """Clean English news by set; the WMT sets only when the shared folder holds them."""
    with (DATA / "ntrex" / "ntrex_docs.jsonl").open(encoding="utf-8") as handle:
        sets = {"ntrex": [_article(json.loads(line)["en"]) for line in handle]}
    folder = shared()
    wmt21 = folder / "wmt21-en-news" / "wmt21_en_news.jsonl" if folder else None
    if wmt21 and wmt21.is_file():
        with wmt21.open(encoding="utf-8") as handle:
            sets["wmt21"] = [_article(json.loads(line)["segments"]) for line in handle]
    else:
        print("reach_words: wmt21-en-news not found in the shared corpus folder; skipped", file=sys.stderr)
    wmt23 = folder / "wmt23-general-into-english" if folder else None
    if wmt23 and wmt23.is_dir():
        refs = []
        for path in sorted(wmt23.glob("wmt23.*.docs.jsonl")):
            with path.open(encoding="utf-8") as handle:
                for line in handle:
                    for paragraphs in json.loads(line)["refs"].values():
                        refs.append("\n\n".join(" ".join(p) for p in paragraphs) + "\n")
        sets["wmt23_refs"] = refs
    else:
        print("reach_words: wmt23-general-into-english not found in the shared corpus folder; skipped", file=sys.stderr)
    return sets


@dataclass
class Score:
    found: Counter = field(default_factory=Counter)  # form -> injections undone
    injected: Counter = field(default_factory=Counter)  # form -> injections
    true: int = 0
    predicted: int = 0

    def add(self, other: "Score") -> None:
        self.found.update(other.found)
        self.injected.update(other.injected)
        self.true += other.true
        self.predicted += other.predicted

    @property
    def recall(self) -> float:
        total = sum(self.injected.values())
        return sum(self.found.values()) / total if total else 1.0

    @property
    def precision(self) -> float:
        return self.true / self.predicted if self.predicted else 1.0


# --- merged common words -------------------------------------------------------------------

def _glue_form(left: str, right: str, follow: str) -> str | None:
    """Which form of merge gluing ``left right`` makes, or None when it is not the class."""
    if zipf(left.lower()) < COMMON or zipf(right.lower()) < COMMON or not right.islower():
        return None
    if not (left.islower() or left.istitle()):
        return None
    glued = (left + right).lower()
    if first_sounds(glued) or zipf(glued) >= 1.0:
        return None  # "any way" -> "anyway": the merge is itself a word
    if left.istitle():
        return "capitalised+word"
    if right in FUNCTION:
        return "word+function"
    if left in FUNCTION:
        return "function+word"
    return "content+content" + ("+punct" if follow in ",.;:" else "")


def glue(text: str, rng: random.Random, rate: float) -> tuple[str, dict[int, str]]:
    """``text`` with some spaces removed; the removed slots (non-space offsets) and their forms."""
    out, slots, last = [], {}, 0
    for m in _PAIR.finditer(text):
        if m.start() < last:
            continue
        follow = text[m.end() : m.end() + 1]
        form = _glue_form(m.group(1), m.group(2), follow)
        if form is None or rng.random() >= rate:
            continue
        space = m.start(2) - 1
        out.append(text[last:space])
        last = space + 1
        slots[_nonspace(text, space)] = form  # removing spaces leaves these counts alone
    out.append(text[last:])
    return "".join(out), slots


def _nonspace(text: str, offset: int) -> int:
    return offset - len(re.findall(r"\s", text[:offset]))


def _space_slots(text: str) -> set[int]:
    slots, count = set(), 0
    for char in text:
        if char.isspace():
            slots.add(count)
        else:
            count += 1
    return slots


def merged(texts: list[str], seed: int, unsafe: bool, rate: float = 0.04) -> Score:
    rng = random.Random(seed)
    score = Score()
    config = CleanupConfig(select=("SEG",), unsafe_fixes=unsafe)
    for text in texts:
        corrupt, slots = glue(text, rng, rate)
        fixed = clean(corrupt, config).text
        added = _space_slots(fixed.rstrip("\n")) - _space_slots(corrupt)
        for slot, form in slots.items():
            score.injected[form] += 1
            score.found[form] += slot in added
        score.true += len(added & set(slots))
        score.predicted += len(added)
    return score


# --- lower-cased names ---------------------------------------------------------------------

def _mid_sentence(text: str, start: int) -> bool:
    before = text[max(0, start - 3) : start]
    headline = "\n" in text.strip() and text.find("\n") > start  # a title-case line proves nothing
    return bool(re.search(r"[A-Za-z,;] $", before)) and not headline


def _name_form(text: str, m: re.Match) -> str:
    word = m.group()
    before = text[max(0, m.start() - 20) : m.start()].split()
    after = text[m.end() : m.end() + 20].split()
    previous = before[-1] if before else ""
    following = after[0] if after else ""
    if word.endswith(("'s", "’s")):
        return "possessive"
    if previous.rstrip(".") in TITLES:
        return "after-title"
    if previous[:1].isupper() and previous.isalpha():
        return "second-part"
    if following[:1].isupper() and following.isalpha():
        return "first-part"
    return "alone"


def lower(text: str, rng: random.Random, rate: float) -> tuple[str, dict[int, str]]:
    """Lower-case mid-sentence uses of words the article capitalises mid-sentence elsewhere."""
    uses: dict[str, list[re.Match]] = {}
    for m in _CAPITAL.finditer(text):
        if _mid_sentence(text, m.start()):
            uses.setdefault(re.sub(r"['’]s$", "", m.group()), []).append(m)
    chars, lowered = list(text), {}
    for word, matches in uses.items():
        if len(matches) < 2:
            continue  # no other capitalised use: no evidence in the article
        for m in matches:
            if rng.random() < rate and len(lowered_at(lowered, word)) < len(matches) - 1:
                form = _name_form(text, m)
                if form == "second-part" and rng.random() < 0.3:  # a whole name: "north macedonia"
                    previous = text.rfind(" ", 0, m.start() - 1) + 1
                    first = re.match(r"[^\W\d_]+", text[previous:])
                    first = first.group() if first else ""
                    # only if the article keeps another capitalised use of it: its own evidence
                    if (text[previous].isupper() and _mid_sentence(text, previous) and previous not in lowered
                            and len(lowered_at(lowered, first)) < len(uses.get(first, ())) - 1):
                        chars[previous] = chars[previous].lower()
                        lowered[previous] = ("whole-name", first)
                        form = "whole-name"
                chars[m.start()] = chars[m.start()].lower()
                lowered[m.start()] = (form, word)
    return "".join(chars), {at: form for at, (form, _) in lowered.items()}


def lowered_at(lowered: dict[int, tuple[str, str]], word: str) -> list[int]:
    return [at for at, (_, w) in lowered.items() if w == word]


def lowercased(texts: list[str], seed: int, unsafe: bool, rate: float = 0.25) -> Score:
    rng = random.Random(seed)
    score = Score()
    config = CleanupConfig(select=("CAS",), unsafe_fixes=unsafe)
    for text in texts:
        corrupt, sites = lower(text, rng, rate)
        restored = {c.start for c in clean(corrupt, config).changes if c.after[:1].isupper()}
        for at, form in sites.items():
            word = re.match(r"[^\W\d_]+", corrupt[at:]).group()
            form += ".rare" if zipf(word) < COMMON else ".common"  # common words: "jones", "bill"
            score.injected[form] += 1
            score.found[form] += at in restored
        score.true += len(restored & set(sites))
        score.predicted += len(restored)
    return score


# --- indefinite articles -------------------------------------------------------------------

_ARTICLE = re.compile(r"(?<![\w'’-])([Aa]n?) (?=([\w.’'-]+))")


def _article_form(word: str) -> str:
    if word[:1].isdigit():
        return "number"
    if "-" in word.strip("-"):
        return "compound"
    if word.replace(".", "").isupper() and len(word.replace(".", "")) > 1:
        return "initialism"
    return "vowel-letter" if word[:1].lower() in "aeiou" else "consonant-letter"


def swap_articles(text: str, rng: random.Random, rate: float) -> tuple[str, dict[int, str]]:
    """``a`` <-> ``an`` at random: the wrong article, as careless writing and MT leave it."""
    out, sites, last = [], {}, 0
    for m in _ARTICLE.finditer(text):
        if rng.random() >= rate:
            continue
        article = m.group(1)
        swapped = article[0] + ("" if len(article) == 2 else "n")
        out.append(text[last : m.start()] + swapped)
        last = m.end(1)
        sites[sum(map(len, out)) - len(swapped)] = _article_form(m.group(2))
    out.append(text[last:])
    return "".join(out), sites


def articles(texts: list[str], seed: int, unsafe: bool, rate: float = 0.3) -> Score:
    rng = random.Random(seed)
    score = Score()
    config = CleanupConfig(select=("ART",), unsafe_fixes=unsafe)
    for text in texts:
        corrupt, sites = swap_articles(text, rng, rate)
        changed = {c.start for c in clean(corrupt, config).changes}
        for at, form in sites.items():
            score.injected[form] += 1
            score.found[form] += at in changed
        score.true += len(changed & set(sites))
        score.predicted += len(changed)
    return score


def measure(totals: bool = False) -> dict[str, float | str]:
    """Recall and precision per class, fix mode and corpus (pinned as floors); with ``totals``,
    also over all corpora and per form of injection ("found/injected")."""
    figures: dict[str, float | str] = {}
    sets = corpora()
    for cls, run, seed in (("merged", merged, 17), ("lowercased", lowercased, 19), ("articles", articles, 23)):
        for mode, unsafe in (("safe", False), ("unsafe", True)):
            total = Score()
            for name, texts in sets.items():
                score = run(texts, seed, unsafe)
                total.add(score)
                figures[f"reach_words.{cls}.{mode}.{name}.recall"] = round(score.recall, 4)
                figures[f"reach_words.{cls}.{mode}.{name}.precision"] = round(score.precision, 4)
            if totals:
                figures[f"all.{cls}.{mode}.recall"] = round(total.recall, 4)
                figures[f"all.{cls}.{mode}.precision"] = round(total.precision, 4)
                for form in sorted(total.injected):
                    figures[f"forms.{cls}.{mode}.{form}"] = f"{total.found[form]}/{total.injected[form]}"
    return figures


if __name__ == "__main__":
    print(json.dumps(measure(totals=True), indent=2))
