"""Word-level repairs measured on real data (issue 4).

- False edits on clean text: edits per 10,000 words on NTREX (edited news) and on the human
  post-edits of MLQE-PE; name renames (house style, e.g. Kiev -> Kyiv) are counted apart.
- Merged words: precision and recall of inserted spaces on the ACL tokenization-repair test
  set (real PDF extraction errors), and on NTREX with spaces removed at random.
- Casing: precision and recall on NTREX with proper nouns lower-cased at random.

``python -m tests.quality.words`` prints the figures.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

from cleanup import CleanupConfig, clean

DATA = Path(__file__).resolve().parent.parent / "data"
WORD_STAGES = ("SEG", "CAS", "NAM", "ART")
FUNCTION_WORDS = ("and", "the", "of", "to", "in", "for", "with", "that", "while", "from", "was", "said")
_WORD = re.compile(r"\w+")


def ntrex_articles() -> list[str]:
    from conftest import ntrex_articles as articles

    return articles()


def post_edits() -> list[str]:
    out = []
    for path in sorted((DATA / "mlqe-pe").glob("*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            out.extend(json.loads(line)["pe_detok"] for line in handle)
    return out


def false_edits(texts: list[str]) -> dict[str, float]:
    """Edits per 10,000 words made by the word-level rules, name renames apart."""
    words = renames = others = 0
    config = CleanupConfig(select=WORD_STAGES)
    for text in texts:
        words += len(_WORD.findall(text))
        for change in clean(text, config).changes:
            if change.code.startswith("NAM"):
                renames += 1
            else:
                others += 1
    return {"edits_per_10k": round(others * 10_000 / words, 3), "renames_per_10k": round(renames * 10_000 / words, 3)}


@dataclass
class PR:
    true: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.true / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true / self.gold if self.gold else 1.0


def _space_slots(text: str) -> set[int]:
    """Positions (counted in non-space characters) that a space precedes."""
    slots, count = set(), 0
    for char in text:
        if char.isspace():
            slots.add(count)
        else:
            count += 1
    return slots


def score_spaces(pairs: list[tuple[str, str]]) -> PR:
    """(corrupt, correct) pairs: are the spaces the segmentation rules add the missing ones?"""
    score = PR()
    config = CleanupConfig(select=("SEG",))
    for corrupt, correct in pairs:
        fixed = clean(corrupt, config).text
        before, after, gold = _space_slots(corrupt), _space_slots(fixed.rstrip("\n")), _space_slots(correct)
        added, missing = after - before, gold - before
        score.true += len(added & missing)
        score.predicted += len(added)
        score.gold += len(missing)
    return score


def tokenization_repair() -> PR:
    folder = DATA / "tokenization-repair"
    corrupt = (folder / "test.corrupt.txt").read_text(encoding="utf-8").splitlines()
    correct = (folder / "test.correct.txt").read_text(encoding="utf-8").splitlines()
    return score_spaces(list(zip(corrupt, correct)))


def glue(text: str, rng: random.Random, rate: float = 0.03) -> str:
    """Remove spaces at random: before function words often (15%), between other words rarely."""
    words = text.split(" ")
    out = [words[0]]
    for word in words[1:]:
        chance = 0.15 if word.lower().strip(".,;:") in FUNCTION_WORDS else rate
        if out[-1] and word and rng.random() < chance:
            out[-1] += word
        else:
            out.append(word)
    return " ".join(out)


def merged_ntrex(seed: int = 7) -> PR:
    rng = random.Random(seed)
    pairs = [(glue(article, rng), article) for article in ntrex_articles()]
    return score_spaces(pairs)


def lowercased_ntrex(seed: int = 11, rate: float = 0.3) -> PR:
    """Lower-case capitalised words that are not sentence-initial; can casing restore them?"""
    rng = random.Random(seed)
    score = PR()
    config = CleanupConfig(select=("CAS",))
    for article in ntrex_articles():
        chars = list(article)
        lowered = set()
        for m in re.finditer(r"(?<=[a-z,;] )([A-Z][a-z]{3,})\b", article):
            if rng.random() < rate:
                chars[m.start()] = chars[m.start()].lower()
                lowered.add(m.start())
        corrupted = "".join(chars)
        result = clean(corrupted, config)
        restored = {c.start for c in result.changes if c.after[:1].isupper()}
        score.true += len(restored & lowered)
        score.predicted += len(restored)
        score.gold += len(lowered)
    return score


def measure() -> dict[str, float]:
    figures = {}
    for name, texts in (("ntrex", ntrex_articles()), ("mlqe_pe", post_edits())):
        for key, value in false_edits(texts).items():
            figures[f"words.{name}.{key}"] = value
    for name, pr in (("tokenization_repair", tokenization_repair()), ("ntrex_glued", merged_ntrex()),
                     ("ntrex_lowercased", lowercased_ntrex())):
        figures[f"words.{name}.precision"] = round(pr.precision, 4)
        figures[f"words.{name}.recall"] = round(pr.recall, 4)
    return figures


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    print(json.dumps(measure(), indent=2))
