"""Names beyond the table (issue 11), measured on real text.

- Reach: names of the WMT23 human references, re-spelled by each romanization convention
  (German, French, Spanish, Polish, older English endings) and put back into the reference for
  one of their mentions: the share restored to the reference's own spelling, and merges of two
  different names (a variant turned into another name of the article: must stay 0).
- Agreement on real MT: every change the NAM rules make to the WMT23 system outputs, held
  against the human reference (issue 9's rule: agreed when the words brought in occur in the
  reference and the words taken out do not; refuted when the reference keeps the words taken out).
- Clean English: renames on NTREX and WMT21 English news other than the house-style table's
  (``other_renames``; the figures count changes, findings are not counted).

The WMT data is read from ``../shared`` (measure, never ship); every figure that needs it is
skipped with a message when it is absent. ``python -m tests.quality.names_reach`` prints them.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from cleanup import CleanupConfig, clean

ROOT = Path(__file__).resolve().parents[2]
_WORD = re.compile(r"[^\W\d_]+")
NAME_CODES = ("NAM",)


def shared_dir() -> Path | None:
    """``$CLEANUP_SHARED``, else ``<repo>/../shared``, else ``/work/shared``."""
    for candidate in (os.environ.get("CLEANUP_SHARED"), ROOT.parent / "shared", Path("/work/shared")):
        if candidate and Path(candidate, "corpus").is_dir():
            return Path(candidate)
    return None


def _render(paragraphs: list[list[str]]) -> str:
    return "\n\n".join(" ".join(p) for p in paragraphs) + "\n"


def wmt23_documents() -> Iterator[tuple[str, dict[str, str]]]:
    """(reference, {system: output}) per WMT23 uk-en/ru-en document."""
    base = shared_dir()
    folder = base / "corpus" / "wmt23-general-into-english" if base else None
    if folder is None or not folder.is_dir():
        print("skipped: ../shared/corpus/wmt23-general-into-english is absent", file=sys.stderr)
        return
    for path in sorted(folder.glob("wmt23.*.docs.jsonl")):
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                doc = json.loads(line)
                reference = _render(next(iter(doc["refs"].values())))
                yield reference, {name: _render(p) for name, p in doc["hyps"].items()}


def _words(text: str) -> Counter:
    return Counter(w.lower() for w in _WORD.findall(text))


def judge(before: str, after: str, reference: Counter) -> str:
    """agreed / refuted / neutral, by the words a change brings in and takes out."""
    old, new = _words(before), _words(after)
    taken, brought = old - new, new - old
    if any(reference[w] for w in taken):
        return "refuted"
    if brought and all(reference[w] for w in brought):
        return "agreed"
    return "neutral"


def wmt23_agreement(limit: int | None = None, examples: list | None = None) -> dict[str, float]:
    """Per NAM rule and overall: changes, agreed share, refuted share on WMT23 system outputs."""
    config = CleanupConfig(select=NAME_CODES)
    tally: dict[str, Counter] = {}
    for n, (reference, outputs) in enumerate(wmt23_documents()):
        if limit is not None and n >= limit:
            break
        ref_words = _words(reference)
        for system, output in outputs.items():
            for change in clean(output, config).changes:
                verdict = judge(change.before, change.after, ref_words)
                for key in (change.name, "all"):
                    tally.setdefault(key, Counter())[verdict] += 1
                if examples is not None:
                    examples.append((verdict, change.name, change.before, change.after, system))
    out: dict[str, float] = {}
    for key, counts in sorted(tally.items()):
        total = sum(counts.values())
        out[f"names.wmt23.{key}.changes"] = total
        out[f"names.wmt23.{key}.agreed_share"] = round(counts["agreed"] / total, 4)
        out[f"names.wmt23.{key}.refuted_share"] = round(counts["refuted"] / total, 4)
    return out


CONVENTIONS = ("de", "fr", "es", "pl", "en-old")
_OLD_ENDINGS = {"yi": "iy", "iy": "yi", "ii": "iy"}  # older English endings of -ий


def respell(name: str, convention: str) -> str | None:
    """``name`` (an English spelling) as ``convention`` writes it, from its Cyrillic reading."""
    from cleanup.romanize import conventions, cyrillic

    if convention == "en-old":
        old = _OLD_ENDINGS.get(name[-2:])
        return name[:-2] + old if old else None
    readings = cyrillic(name, "en")
    if not readings:
        return None
    # Read as Russian (г written g): the variant a foreign press makes from the Russian form.
    forward, cyr, out, i = conventions()[convention].forward, readings[0].replace("һ", "г"), [], 0
    while i < len(cyr):
        if cyr[i : i + 2] == "ий" and i + 2 == len(cyr) and "ий" in forward:
            out.append(forward["ий"][0])
            break
        out.append(forward.get(cyr[i], (cyr[i],))[0])
        i += 1
    spelled = "".join(out)
    spelled = spelled[:1].upper() + spelled[1:]
    return spelled if spelled != name else None


def reference_names(reference: str) -> list[str]:
    """Rare English-looking capitalised words used twice or more: the names of an article."""
    from cleanup.romanize import english_like
    from cleanup.vocabulary import zipf

    counts = Counter(re.findall(r"(?<![\w-])[A-Z][a-z]{3,}(?![\w-])", reference))
    return [w for w, n in counts.items() if n >= 2 and zipf(w.lower()) < 3.0 and english_like(w)]


def reach(limit: int | None = None, examples: list | None = None, unsafe: bool = False) -> dict[str, float]:
    """Share of injected variants restored to the reference's spelling; merges into another name.

    ``unsafe``: with the suggestions applied too (``names.reach_unsafe.*``).
    """
    config = CleanupConfig(select=NAME_CODES, unsafe_fixes=unsafe)
    family = "reach_unsafe" if unsafe else "reach"
    tally: dict[str, Counter] = {c: Counter() for c in CONVENTIONS}
    for n, (reference, _) in enumerate(wmt23_documents()):
        if limit is not None and n >= limit:
            break
        expected = clean(reference, config).text
        for name in reference_names(reference):
            last = list(re.finditer(rf"(?<![\w-]){name}(?![\w-])", reference))[-1]
            for convention in CONVENTIONS:
                variant = respell(name, convention)
                if variant is None:
                    continue
                injected = reference[: last.start()] + variant + reference[last.end() :]
                result = clean(injected, config).text
                restored = result == expected
                # Not restored and not merely left as it was: a name was changed into another one.
                merged = not restored and re.sub(rf"(?<![\w-]){re.escape(variant)}(?![\w-])", name, result) != expected
                tally[convention]["variants"] += 1
                tally[convention]["restored"] += restored
                tally[convention]["merged"] += merged
                if examples is not None and not restored:
                    examples.append((convention, name, variant, "merged" if merged else "left"))
    out: dict[str, float] = {}
    total = sum(tally.values(), Counter())
    for key, counts in (*tally.items(), ("all", total)):
        if counts["variants"]:
            out[f"names.{family}.{key}.variants"] = counts["variants"]
            out[f"names.{family}.{key}.restored_share"] = round(counts["restored"] / counts["variants"], 4)
    out[f"names.{family}.merges"] = total["merged"]
    return out


HOUSE_STYLE = {"nonstandard-name-spelling", "inconsistent-name-spelling"}  # the table's own renames


def clean_english_renames() -> dict[str, float]:
    """Renames on clean English news other than the names table's house style (must be 0)."""
    from .words import ntrex_articles

    sets = {"ntrex": ntrex_articles()}
    base = shared_dir()
    wmt21 = base / "corpus" / "wmt21-en-news" / "wmt21_en_news.jsonl" if base else None
    if wmt21 is not None and wmt21.is_file():
        with wmt21.open(encoding="utf-8") as handle:
            sets["wmt21"] = ["\n\n".join(json.loads(line)["segments"]) + "\n" for line in handle]
    else:
        print("skipped: ../shared/corpus/wmt21-en-news is absent", file=sys.stderr)
    config = CleanupConfig(select=NAME_CODES)
    out = {}
    for name, texts in sets.items():
        words = sum(len(_WORD.findall(text)) for text in texts)
        changes = [c for text in texts for c in clean(text, config).changes if c.name not in HOUSE_STYLE]
        out[f"names.{name}.other_renames_per_10k"] = round(len(changes) * 10_000 / max(words, 1), 3)
    return out


def table_variants() -> dict[str, float]:
    """Real foreign spellings, independent of the injection: the wrong spellings of the people
    table (collected from French, German, Spanish, Polish press) read as one of the person's
    accepted spellings. Misses are mostly other forms of a name (Alexei for Oleksii), not
    other romanizations."""
    from cleanup.locations import builtin_rules_dir
    from cleanup.names import _load
    from cleanup.romanize import same_name

    pairs = [(w, part.accepted) for entry in _load(builtin_rules_dir() / "names" / "people.toml")
             for part in (entry.main, entry.given) if part is not None for w in part.wrong]
    read = sum(any(same_name(w, a) for a in accepted) for w, accepted in pairs)
    return {"names.table_variants.spellings": len(pairs), "names.table_variants.read_share": round(read / len(pairs), 4)}


def measure() -> dict[str, float]:
    figures = table_variants()
    figures.update(reach())
    figures.update(reach(unsafe=True))
    figures.update(wmt23_agreement())
    figures.update(clean_english_renames())
    return figures


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "tests"))  # conftest, for the NTREX articles
    found: list = []
    figures = wmt23_agreement(examples=found)
    figures.update(reach())
    figures.update(reach(unsafe=True))
    figures.update(table_variants())
    figures.update(clean_english_renames())
    print(json.dumps(figures, indent=2))
    if "-v" in sys.argv:
        for verdict, name, before, after, system in found:
            if verdict != "agreed":
                print(verdict, name, repr(before), "->", repr(after), system)
