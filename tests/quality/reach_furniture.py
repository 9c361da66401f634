"""Reach of the boilerplate stage on unseen forms (issue 10), and its harm on clean text (issue 9).

Real articles (NTREX, and when ``../shared`` is there, wmt21-en-news and the WMT23 human
references) get furniture injected in varied, generated forms:

- ``head_date``: a page date or CMS stamp, in many formats and languages' label words, on its own
  line above or below the headline, or glued to the first sentence;
- ``head_label``: a section label or breadcrumb above the headline;
- ``tail``: tail navigation (section names, tag rails, share widgets, "more from" links), with a
  lone headline of ANOTHER real article of the corpus above it half of the time;
  ``tail_headline`` scores that headline alone.

Recall: share of injected (non-space) characters removed; precision: share of removed characters
that were injected. Harm: characters the stage removes from the clean articles as they are (and
from the verified scrapinghub bodies and the MLQE-PE post-edits), which must stay 0; on real MT (WMT23 systems), removals of
text the human reference has.

``python -m tests.quality.reach_furniture`` prints the figures.
"""

from __future__ import annotations

import json
import os
import random
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import re

from cleanup import CleanupConfig, clean

ROOT = Path(__file__).resolve().parents[2]
CONFIG = CleanupConfig(select=("NAV",))
_WORDS = re.compile(r"\w+")


def shared() -> Path | None:
    """``$CLEANUP_SHARED``, else ``<repo>/../shared``, else ``/work/shared``; None when absent."""
    for candidate in (os.environ.get("CLEANUP_SHARED"), ROOT.parent / "shared", "/work/shared"):
        if candidate and (Path(candidate) / "corpus").is_dir():
            return Path(candidate)
    return None


def paragraphs(segments: list[str]) -> str:
    """A headline, then paragraphs of one to three sentences (as for NTREX)."""
    out, i, size = [segments[0]], 1, 1
    while i < len(segments):
        out.append(" ".join(segments[i : i + size]))
        i += size
        size = size % 3 + 1
    return "\n\n".join(out) + "\n"


def ntrex() -> list[str]:
    from conftest import ntrex_articles

    return ntrex_articles()


def wmt21() -> list[str]:
    base = shared()
    if base is None:
        return []
    with (base / "corpus" / "wmt21-en-news" / "wmt21_en_news.jsonl").open(encoding="utf-8") as handle:
        return [paragraphs(json.loads(line)["segments"]) for line in handle]


def wmt23_docs() -> Iterator[dict]:
    base = shared()
    if base is None:
        return
    for pair in ("uk-en", "ru-en"):
        with (base / "corpus" / "wmt23-general-into-english" / f"wmt23.{pair}.docs.jsonl").open(encoding="utf-8") as h:
            yield from map(json.loads, h)


def render(paras: list[list[str]]) -> str:
    return "\n\n".join(" ".join(p) for p in paras) + "\n"


def wmt23_refs() -> list[str]:
    return [render(p) for doc in wmt23_docs() for p in doc["refs"].values()]


def post_edits() -> list[str]:
    """The human post-edits of MLQE-PE (one sentence each): clean English."""
    out = []
    for path in sorted((ROOT / "tests" / "data" / "mlqe-pe").glob("*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            out.extend(json.loads(line)["pe_detok"] for line in handle)
    return out


def bodies() -> list[str]:
    with (ROOT / "tests" / "data" / "scrapinghub" / "pages.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line)["article_body"] for line in handle]


# -- generated furniture --------------------------------------------------------------------
MONTHS = "January February March April May June July August September October November December".split()
DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
MONTHS_ES = "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre".split()
MONTHS_FR = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split()
DATE_LABELS = ["", "", "", "Published", "Published:", "Published on", "Updated", "Updated:", "Last updated:",
               "Posted on", "Posted:", "Date:", "date", "Publication date:", "Modified:", "Created:",
               "Publicado el", "Actualizado:", "Publié le", "Mis à jour le", "Fecha:", "Published at", "Edited:"]
SECTIONS = ["Politics", "World", "World news", "Europe", "Economy", "Business", "Society", "Opinion", "Sport",
            "Sports", "Culture", "Science", "Health", "Technology", "Tech", "Local news", "Breaking news",
            "International", "Middle East", "Asia", "Africa", "Americas", "UK news", "US news", "Environment",
            "Entertainment", "Lifestyle", "Education", "Crime", "Defence", "Military", "Regions", "Markets",
            "Finance", "Analysis", "Interview", "Features", "WORLD", "POLITICS", "Latest news", "Top stories",
            "Ukraine", "Russia", "War in Ukraine", "Coronavirus", "Elections", "News", "Kyiv", "Society and culture",
            # labels that no list of section names is likely to hold: the harness must not mirror the rule's list
            "Climate crisis", "Brexit", "Royals", "Tennis", "Motoring", "Weird news", "Nation", "Opinion & Analysis",
            "Business & Economy", "Arts & Culture", "Science & Tech", "In Depth", "Fact Check", "US Politics",
            "EU affairs", "Eastern Europe", "Russia's war on Ukraine", "Ukraine crisis", "Coronavirus outbreak",
            "Premier League", "Personal finance", "Social affairs", "Sci-Tech", "World Cup 2018", "Politics & Society",
            "Monde", "Internacional", "Política", "Économie", "Світ", "Tech & Science", "Investigations", "Opinião"]
CRUMB_HEADS = ["Home", "News", "Main", "Homepage", "Start", "Index"]
CRUMB_SEPS = [" > ", " / ", " » ", " › ", " | ", " → ", " :: ", " >> "]
NAV_PHRASES = ["More from World News", "More on this story", "Related articles", "Related:", "Read more",
               "Most read", "Share this article", "Share", "Share on Facebook", "Tweet", "Comments are closed.",
               "Leave a comment", "Follow us on Telegram", "Subscribe to our newsletter", "Tags:", "Topics",
               "You may also like", "Recommended", "Don't miss", "Trending now", "Top stories", "Advertisement",
               "Facebook Twitter Email", "Print", "Copy link", "More stories", "Related topics"]


def a_time(rng: random.Random) -> str:
    h, m = rng.randrange(24), rng.randrange(60)
    return rng.choice([f"{h:02d}:{m:02d}", f"{h}:{m:02d}", f"{h:02d}.{m:02d}", f"{h}h{m:02d}",
                       f"{(h % 12) or 12}:{m:02d} {'am' if h < 12 else 'pm'}",
                       f"{(h % 12) or 12}:{m:02d} {'AM' if h < 12 else 'PM'} {rng.choice(['EST', 'GMT', 'CET', 'EET'])}",
                       f"{h:02d}:{m:02d}:{rng.randrange(60):02d}", f"{h:02d}:{m:02d} GMT+2"])


def a_date(rng: random.Random) -> str:
    y, mo, d = rng.randrange(2015, 2024), rng.randrange(12), rng.randrange(1, 29)
    month, day = MONTHS[mo], DAYS[rng.randrange(7)]
    forms = [f"{y}-{mo + 1:02d}-{d:02d}", f"{d:02d}/{mo + 1:02d}/{y}", f"{d:02d}.{mo + 1:02d}.{y}", f"{mo + 1}/{d}/{y}",
             f"{d}.{mo + 1}.{y % 100:02d}", f"{month} {d}, {y}", f"{d} {month} {y}", f"{month[:3]} {d}, {y}",
             f"{month[:3]}. {d}, {y}", f"{day}, {month} {d}, {y}", f"{day} {d} {month} {y}", f"{day}, {d} {month}",
             f"{day}, {month} {d}", f"{d} {month[:3]} {y}", f"{d} de {MONTHS_ES[mo]} de {y}",
             f"{d} {MONTHS_FR[mo]} {y}", f"{d}th of {month} {y}", f"{month} {d}", f"{y}-{mo + 1:02d}-{d:02d}T"]
    date = rng.choice(forms)
    if date.endswith("T"):
        offset = rng.choice(["", "Z", "+02:00", ":00", ":00+03:00"])
        return f"{date}{rng.randrange(24):02d}:{rng.randrange(60):02d}{offset}"
    joins = ["", "", f" {a_time(rng)}", f", {a_time(rng)}", f" at {a_time(rng)}", f" | {a_time(rng)}",
             f" - {a_time(rng)}", f" – {a_time(rng)}"]
    stamp = date + rng.choice(joins)
    if rng.random() < 0.15:
        stamp = f"{a_time(rng)}, {date}" if rng.random() < 0.5 else f"{a_time(rng)} {date}"
    return stamp


def a_stamp(rng: random.Random) -> str:
    label = rng.choice(DATE_LABELS)
    return f"{label} {a_date(rng)}".strip()


def a_label(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return rng.choice(SECTIONS)
    parts = [rng.choice(CRUMB_HEADS)] if rng.random() < 0.7 else []
    parts += rng.sample(SECTIONS, rng.randrange(1, 3))
    if len(parts) < 2:
        parts.append(rng.choice(SECTIONS))
    return rng.choice(CRUMB_SEPS).join(parts)


def a_nav(rng: random.Random, headlines: list[str]) -> list[str]:
    """Tail navigation lines: phrases, section names, tag rails, teaser cards, in varied combinations."""
    form = rng.randrange(7)
    if form == 0:
        return [rng.choice(NAV_PHRASES)]
    if form == 1:
        return rng.sample(NAV_PHRASES, 2)
    if form == 2:
        return [f"  {rng.choice('•·*-')} {s}" for s in rng.sample(SECTIONS, rng.randrange(2, 6))]
    if form == 3:
        return [rng.choice(["Tags:", "Topics:", "Related topics:", "Tags"])] + rng.sample(SECTIONS, rng.randrange(2, 4))
    if form == 4:  # a related list under its heading
        return [rng.choice(["Related:", "Read more", "Most read", "More from World News", "You may also like"])] + \
            rng.sample(headlines, rng.randrange(1, 4))
    if form == 5:  # teaser cards: section name, then a headline (as in the seeds)
        return [line for _ in range(rng.randrange(1, 3)) for line in (rng.choice(SECTIONS), rng.choice(headlines))] + \
            [f"  • {s}" for s in rng.sample(SECTIONS, 2)]
    return [rng.choice(NAV_PHRASES)] + rng.sample(SECTIONS, rng.randrange(1, 3))


def headline_pool(articles: list[str]) -> list[str]:
    """First lines of the corpus's articles that are headline-shaped (capitalised, no final stop)."""
    firsts = [a.split("\n", 1)[0].strip() for a in articles]
    return [h for h in firsts if 3 <= len(h.split()) <= 20 and h[:1].isupper() and not h.endswith((".", "?", "!", ":"))]


@dataclass
class Injected:
    text: str
    spans: dict[str, list[tuple[int, int]]]  # class -> injected character ranges


def build(parts: list[tuple[str, str | None]]) -> Injected:
    """Join (text, class) blocks into paragraphs and record where each injected block landed.

    A class ending in ``+`` marks a block glued to the start of the next one (no paragraph break).
    """
    text, spans = "", {}
    for i, (block, cls) in enumerate(parts):
        if i and not (parts[i - 1][1] or "").endswith("+"):
            text += "\n\n"
        if cls:
            spans.setdefault(cls.rstrip("+"), []).append((len(text), len(text) + len(block)))
        text += block
    return Injected(text + "\n", spans)


def inject_head(article: str, rng: random.Random) -> Injected:
    paras = article.strip("\n").split("\n\n")
    head, body = paras[0], paras[1:]
    if not body:
        body, head = [head], None
    form = rng.randrange(6)
    if head is None or head.rstrip().endswith((".", ",", ";")):  # no headline to put a label above
        form = rng.randrange(3)
    parts: list[tuple[str, str | None]] = []
    if form == 0:  # date above the headline
        parts = [(a_stamp(rng), "head_date"), (head, None)]
    elif form == 1:  # date after the headline
        parts = [(head, None), (a_stamp(rng), "head_date")]
    elif form == 2:  # date glued to the first sentence
        prefix = (" " if rng.random() < 0.3 else "") + a_stamp(rng) + rng.choice([" ", " ", " | ", " - ", ": "])
        parts = [(head, None), (prefix, "head_date+"), (body.pop(0), None)]
    elif form == 3:  # section label or breadcrumb above the headline
        parts = [(a_label(rng), "head_label"), (head, None)]
    elif form == 4:  # label, then headline, then date
        parts = [(a_label(rng), "head_label"), (head, None), (a_stamp(rng), "head_date")]
    else:  # label and date above the headline
        parts = [(a_label(rng), "head_label"), (a_stamp(rng), "head_date"), (head, None)]
    parts = [p for p in parts if p[0] is not None]
    return build(parts + [(p, None) for p in body])


def inject_tail(article: str, others: list[str], rng: random.Random) -> Injected:
    parts: list[tuple[str, str | None]] = [(p, None) for p in article.strip("\n").split("\n\n")]
    if rng.random() < 0.5:
        parts.append((rng.choice(others), "tail_headline"))
    nav = a_nav(rng, others)
    joined = "\n".join(nav) if rng.random() < 0.5 else "\n\n".join(nav)
    parts.append((joined, "tail"))
    return build(parts)


# -- scoring --------------------------------------------------------------------------------
@dataclass
class PR:
    gold: int = 0
    removed: int = 0
    hit: int = 0

    @property
    def recall(self) -> float:
        return self.hit / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.hit / self.removed if self.removed else 1.0


def removed_positions(text: str) -> set[int]:
    out: set[int] = set()
    for change in clean(text, CONFIG).changes:
        out.update(i for i in range(change.start, change.end) if not text[i].isspace())
    return out


def score(samples: list[Injected], classes: tuple[str, ...]) -> dict[str, PR]:
    scores = {cls: PR() for cls in classes}
    for sample in samples:
        removed = removed_positions(sample.text)
        injected = {cls: {i for a, b in spans for i in range(a, b) if not sample.text[i].isspace()}
                    for cls, spans in sample.spans.items()}
        every = set().union(*injected.values()) if injected else set()
        for cls in classes:
            gold = injected.get(cls, set())
            scores[cls].gold += len(gold)
            scores[cls].hit += len(gold & removed)
            # precision: of the removals that are this class's or not injected at all, the share injected
            if cls in sample.spans:
                scores[cls].removed += len(removed & (gold | (removed - every)))
    return scores


def corpora() -> dict[str, list[str]]:
    out = {"ntrex": ntrex(), "wmt21": wmt21(), "wmt23_refs": wmt23_refs()}
    if not out["wmt21"]:
        print("reach_furniture: ../shared corpus not found; measuring on NTREX only")
    return {k: v for k, v in out.items() if v}


def reach(seed: int = 10) -> dict[str, float]:
    rng = random.Random(seed)
    sets = corpora()
    every = [a for texts in sets.values() for a in texts]
    samples: list[Injected] = []
    for texts in sets.values():
        for article in texts:
            samples.append(inject_head(article, rng))
            pool = [h for h in headline_pool(every) if h not in article]
            samples.append(inject_tail(article, pool, rng))
    figures = {}
    for cls, pr in score(samples, ("head_date", "head_label", "tail", "tail_headline")).items():
        figures[f"reach_furniture.{cls}.recall"] = round(pr.recall, 4)
        figures[f"reach_furniture.{cls}.precision"] = round(pr.precision, 4)
    return figures


def wrapped(text: str, rng: random.Random) -> str:
    """``text`` hard-wrapped as plain-text newsletters and wire copy are: every line longer than
    a width of 60 to 78 columns broken at spaces (blank lines kept)."""
    width = rng.randint(60, 78)
    return "\n".join(textwrap.fill(line, width) if line.strip() else line for line in text.split("\n"))


def harm(seed: int = 12) -> dict[str, float]:
    """Characters removed from clean text as it is, and hard-wrapped (a line may then start
    anywhere in a sentence: "see the notice for" / "more information."): every figure must be 0."""
    rng = random.Random(seed)
    sets = corpora() | {"bodies": bodies(), "mlqe_pe": post_edits()}
    figures = {f"reach_furniture.clean_{name}.false_alarms": sum(len(removed_positions(t)) for t in texts)
               for name, texts in sets.items()}
    for name in ("ntrex", "wmt21", "wmt23_refs", "bodies"):
        if name in sets:
            figures[f"reach_furniture.clean_{name}_wrapped.false_alarms"] = sum(
                len(removed_positions(wrapped(t, rng))) for t in sets[name])
    return figures


def mt_harm() -> dict[str, float]:
    """Removals from real MT (WMT23 systems); a false alarm when the human reference has most of its words."""
    changes = refuted = 0
    examples = []
    for doc in wmt23_docs():
        reference = {w.lower() for p in doc["refs"].values() for w in _WORDS.findall(render(p))}
        for paras in doc["hyps"].values():
            for change in clean(render(paras), CONFIG).changes:
                changes += 1
                words = [w.lower() for w in _WORDS.findall(change.before)]
                if words and sum(w in reference for w in words) >= 0.6 * len(words):
                    refuted += 1
                    examples.append(change.before.strip()[:100])
    if examples:
        print("reach_furniture: refuted removals on WMT23 MT:", *examples[:10], sep="\n  ")
    return {"reach_furniture.wmt23_mt.removals": changes, "reach_furniture.wmt23_mt.false_alarms": refuted}


def measure() -> dict[str, float]:
    """Every figure; ``removals`` is reported, not pinned (more is neither better nor worse)."""
    return reach() | harm() | mt_harm()


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(ROOT / "tests"))
    print(json.dumps(measure(), indent=2))
