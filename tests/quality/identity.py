"""Byte identity of the pipeline's results on every corpus the floors use.

Speed work must not change a single result. This script cleans each corpus under the
configurations the floors and the CLI use and prints one digest per corpus and configuration
(the text, every change and every finding, in order). ``--save FILE`` keeps the digests,
``--compare FILE`` reports any that moved, naming the first document that differs.

``python -m tests.quality.identity --save /tmp/before.json`` before a change,
``python -m tests.quality.identity --compare /tmp/before.json`` after it.
``--limit N`` takes the first N documents of each corpus (quick checks while developing);
``-j N`` runs N processes. The WMT sets come from the shared folder and are empty without it.
``--gate`` also runs the pipeline with the trigger gate off and reports any difference.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from cleanup import CleanupConfig, clean

DATA = Path(__file__).resolve().parent.parent / "data"
ROOT = DATA.parent.parent


def _jsonl(path: Path, key: str) -> list[str]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line)[key] for line in handle]


def samples() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").glob("*.txt"))]


def ntrex() -> list[str]:
    from conftest import ntrex_articles

    return ntrex_articles()


def mlqe(key: str) -> Callable[[], list[str]]:
    return lambda: [t for p in sorted((DATA / "mlqe-pe").glob("*.jsonl")) for t in _jsonl(p, key)]


def pages() -> list[str]:
    return _jsonl(DATA / "scrapinghub" / "pages.jsonl", "full_text")


def tokenization() -> list[str]:
    return (DATA / "tokenization-repair" / "test.corrupt.txt").read_text(encoding="utf-8").splitlines()


def glued_and_lowered() -> list[str]:
    """The corrupted NTREX the word floors measure (spaces lost, proper nouns lower-cased)."""
    import random

    from .words import glue

    rng = random.Random(7)
    return [glue(text, rng) for text in ntrex()] + [text.lower() for text in ntrex()[:40]]


def wmt23_outputs() -> list[str]:
    """Real machine translation (13 systems), read from the shared folder: [] when it is absent."""
    from . import corpora

    return [doc.text for doc in corpora.wmt23() or []]


def clean_news() -> list[str]:
    """wmt21-en-news and the WMT23 human references, from the shared folder ([] when absent)."""
    from . import corpora

    refs = {doc.doc: "\n\n".join(" ".join(p) for p in doc.reference) + "\n" for doc in corpora.wmt23() or []}
    return (corpora.wmt21_news() or []) + list(refs.values())


DEFAULT = CleanupConfig()
CORPORA: dict[str, tuple[Callable[[], list[str]], tuple[CleanupConfig, ...]]] = {
    "samples": (samples, (DEFAULT, DEFAULT.replace(unsafe_fixes=True), DEFAULT.replace(mode="page"))),
    "ntrex": (ntrex, (DEFAULT, DEFAULT.replace(unsafe_fixes=True), DEFAULT.replace(select=("QLT",)))),
    "mlqe.mt": (mlqe("mt"), (DEFAULT, DEFAULT.replace(unsafe_fixes=True))),
    "mlqe.pe": (mlqe("pe_detok"), (DEFAULT, DEFAULT.replace(select=("SEG", "CAS", "NAM", "ART")))),
    "scrapinghub": (pages, (DEFAULT.replace(mode="page"), DEFAULT, DEFAULT.replace(mode="page", select=("NAV",)))),
    "tokenization": (tokenization, (DEFAULT,)),
    "ntrex.corrupted": (glued_and_lowered, (DEFAULT, DEFAULT.replace(select=("CAS",)))),
    "wmt23.mt": (wmt23_outputs, (DEFAULT, DEFAULT.replace(unsafe_fixes=True))),
    "news": (clean_news, (DEFAULT,)),
}


def fingerprint(text: str, config: CleanupConfig, run: Callable = clean) -> str:
    result = run(text, config)
    parts = [result.text, repr(result.changes), repr(result.findings), repr(sorted(result.metadata.items()))]
    return hashlib.sha256("\x00".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def _label(config: CleanupConfig) -> str:
    return f"{config.mode},unsafe={config.unsafe_fixes},select={'+'.join(config.select)}"


def ungated(text: str, config: CleanupConfig):
    """The pipeline with every rule run everywhere: what the trigger gate is checked against."""
    from cleanup.pipeline import Pipeline

    return Pipeline(config, gated=False).run(text)


def _fingerprint_job(job: tuple[str, CleanupConfig, Callable]) -> str:
    return fingerprint(*job)


def digests(limit: int | None = None, run: Callable = clean, processes: int = 1) -> Iterator[tuple[str, list[str]]]:
    import multiprocessing

    pool = multiprocessing.get_context("fork").Pool(processes) if processes > 1 else None
    try:
        for name, (load, configs) in CORPORA.items():
            texts = load()[:limit]
            for config in configs:
                jobs = [(t, config, run) for t in texts]
                found = pool.map(_fingerprint_job, jobs, chunksize=16) if pool else list(map(_fingerprint_job, jobs))
                yield f"{name}[{_label(config)}]", found
    finally:
        if pool:
            pool.close()


def main(argv: list[str]) -> int:
    limit = int(argv[argv.index("--limit") + 1]) if "--limit" in argv else None
    processes = int(argv[argv.index("-j") + 1]) if "-j" in argv else 1
    found = {}
    for key, docs in digests(limit, processes=processes):
        found[key] = docs
        print(key, hashlib.sha256("".join(docs).encode()).hexdigest()[:16], len(docs), flush=True)
    if "--gate" in argv:
        differ = [key for key, docs in digests(limit, ungated, processes) if docs != found[key]]
        print("gate: identical" if not differ else f"gate: MOVED {differ}")
        if differ:
            return 1
    if "--save" in argv:
        Path(argv[argv.index("--save") + 1]).write_text(json.dumps(found), encoding="utf-8")
    if "--compare" in argv:
        before = json.loads(Path(argv[argv.index("--compare") + 1]).read_text(encoding="utf-8"))
        moved = 0
        for key, docs in found.items():
            old = before.get(key, [])[: len(docs)]
            diff = [i for i, (a, b) in enumerate(zip(old, docs)) if a != b]
            if diff or len(old) != len(docs):
                moved += 1
                print(f"MOVED {key}: {len(diff)} documents differ, first #{diff[:5]}")
        print("identical" if not moved else f"{moved} corpus configurations moved")
        return 1 if moved else 0
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests/, for conftest
    sys.exit(main(sys.argv[1:]))
