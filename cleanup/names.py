"""The names table (``rules/names/*.toml``): people and places with their English spellings.

Shared by the names rules (spelling), casing (which lower-case words are names) and the
quality checks (a person's gender). Loading is strict: a spelling listed both as accepted and
as wrong, or claimed by two entries in contradicting ways, is an error naming the file.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path


from .cache import cached, parsed_toml
from .errors import RuleFileError
from .locations import builtin_rules_dir
from .regexes import compile_fast
from .wordscan import automaton, starts

_PERSON_KEYS = {"given", "given-wrong", "surname", "surname-wrong", "gender", "ap"}
_PLACE_KEYS = {"name", "accepted", "wrong", "keep", "common", "town", "ap"}
# A place with fewer people (GeoNames) is a town: its old and foreign spellings are renamed
# safely only when the article itself writes its English name (see stages/names.py).
TOWN_POPULATION = 100_000
_TOKEN = compile_fast(r"[^\W\d_]+(?:-[^\W\d_]+)*")  # letters (stdlib re: fast, Unicode-aware)
_CAPITALISED = compile_fast(r"(?<![\w-])[^\W\d_a-z][^\W\d_]*(?:-[^\W\d_]+)*")  # may start a name


@dataclass(frozen=True)
class Part:
    """One spelled part of a name: the accepted spellings (first: default) and wrong ones."""

    accepted: tuple[str, ...]
    wrong: tuple[str, ...] = ()
    profiles: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    def default(self, profile: str) -> str:
        return self.profiles.get(profile, self.accepted[0])


@dataclass(frozen=True)
class Entry:
    """One person or place of the names table, with its accepted and wrong spellings."""
    key: str  # "person:Volodymyr Zelensky" / "place:Kyiv"
    kind: str  # person | place
    main: Part  # the surname of a person, the name of a place
    given: Part | None = None
    gender: str | None = None
    keep: tuple[str, ...] = ()
    common: bool = False
    town: bool = False  # a town or village, not a city, region or country (TOWN_POPULATION)

    @property
    def label(self) -> str:
        return self.key.split(":", 1)[1]


@dataclass(frozen=True)
class Mention:
    """A spelling of an entry found in a text; ``given_*`` is set for a full personal name."""

    entry: Entry
    start: int
    end: int
    main: str  # the surname or place as written
    main_start: int
    given: str | None = None
    given_start: int | None = None

    def status(self, part: str) -> str:
        spelled = self.main if part == "main" else self.given
        spec = self.entry.main if part == "main" else self.entry.given
        return "wrong" if spelled in spec.wrong else "accepted"


@dataclass(frozen=True)
class NameTable:
    """The names table and its index by spelling, with what makes a scan for mentions cheap."""
    entries: tuple[Entry, ...]
    index: dict[str, tuple[tuple[Entry, str, str | None], ...]]  # spelling -> (entry, main, given)
    longest: int  # most tokens in one indexed spelling
    first_tokens: frozenset[str]  # the first token of every spelling: a cheap test per token
    prefixes: frozenset[str] = frozenset()  # the first tokens of longer spellings ("Volodymyr" of "Volodymyr Zelensky")

    @functools.cached_property
    def _first_scan(self):
        return automaton(self.first_tokens)

    def mentions(self, text: str) -> Iterator[Mention]:
        """Every spelling of a table entry, longest first, never overlapping.

        Only the capitalised tokens that begin like a spelling are visited: an automaton finds
        where a spelling's first token occurs, and a token starting there is the one a scan of
        every capitalised token would meet (its lookbehind fails inside a word).
        """
        pos = 0
        for at in starts(self._first_scan, text):
            if at < pos:
                continue
            first = _CAPITALISED.match(text, at)
            if first is None or first.group() not in self.first_tokens:
                continue
            ends = [first.end()]
            # the tokens that follow, one space apart, while they may still make a longer spelling
            while len(ends) < self.longest and text[first.start() : ends[-1]] in self.prefixes:
                following = _TOKEN.match(text, ends[-1] + 1) if text[ends[-1] : ends[-1] + 1] == " " else None
                if following is None:
                    break
                ends.append(following.end())
            for end in reversed(ends):
                hits = self.index.get(text[first.start() : end])
                if hits:
                    entry, main, given = hits[0]
                    start = first.start()
                    yield Mention(entry, start, end, main, end - len(main), given, start if given else None)
                    pos = end
                    break

    def people(self) -> Iterator[Entry]:
        return (e for e in self.entries if e.kind == "person")


@functools.lru_cache(maxsize=8)
def find_mentions(text: str, extra_dirs: tuple[Path, ...] = ()) -> tuple[Mention, ...]:
    """The table's mentions in ``text``, found once for the names rules and the quality checks."""
    return tuple(load_names(extra_dirs).mentions(text))


def _list_lines(name: str, extra_dirs: tuple[Path, ...]) -> list[str]:
    """The entries of a list file ``names/<name>`` of the built-in rules and of each rule folder
    (one a line, ``#`` comments and blank lines skipped)."""
    out: list[str] = []
    for folder in (builtin_rules_dir(), *extra_dirs):
        path = folder / "names" / name
        if path.is_file():
            out += [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
                    if line.strip() and not line.startswith("#")]
    return out


@functools.cache
def world_places_multiword(extra_dirs: tuple[Path, ...] = ()) -> tuple[str, ...]:
    """Names of several words of countries, continents, US states and large cities, as written
    (``names/world-places-multiword.txt``, generated by tools/world_places.py)."""
    return tuple(_list_lines("world-places-multiword.txt", extra_dirs))


@functools.cache
def world_places(extra_dirs: tuple[Path, ...] = ()) -> frozenset[str]:
    """Lower-case one-word names of countries, continents, US states and large cities
    (``names/world-places.txt``, generated by tools/world_places.py; a rule folder may add its own)."""
    return frozenset(line.lower() for line in _list_lines("world-places.txt", extra_dirs))


@functools.cache
def given_names(extra_dirs: tuple[Path, ...] = ()) -> frozenset[str]:
    """Given names: the US Census's (``names/given-names.txt``, generated by tools/given_names.py;
    a rule folder may add its own) and the names table's, accepted and wrong."""
    out = {given for entry in load_names(extra_dirs).people() if entry.given
           for given in entry.given.accepted + entry.given.wrong}
    return frozenset(out.union(_list_lines("given-names.txt", extra_dirs)))


def _strings(value, path: str, what: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise RuleFileError(path, None, f"{what} must be a list of names")
    return tuple(value)


@functools.cache
def load_names(extra_dirs: tuple[Path, ...] = ()) -> NameTable:
    """The names table of the built-in rules and ``extra_dirs``, built once per machine and per
    content of its files: the index of 3,300 spellings took 26 ms of every one-article run, its
    cached plain form rebuilds in a few (``_plain`` and ``_from_plain``)."""
    paths = _table_files(extra_dirs)
    digest = hashlib.blake2b(digest_size=16)
    for path in paths:
        digest.update(str(path).encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return _from_plain(cached(f"names-table-v1-{digest.hexdigest()}", lambda: _plain(_build(paths))))


def _table_files(extra_dirs: tuple[Path, ...]) -> list[Path]:
    """The files the table is read from, in order: each folder's TOML files, then its TSV files."""
    return [path for folder in (builtin_rules_dir(), *extra_dirs)
            for path in (*sorted((folder / "names").glob("*.toml")), *sorted((folder / "names").glob("*.tsv")))
            if path.name != "romanization.toml"]


def _build(paths: list[Path]) -> NameTable:
    entries: list[Entry] = []
    for path in paths:
        entries.extend(_load_gazetteer(path) if path.suffix == ".tsv" else _load(path))
    index: dict[str, list[tuple[Entry, str, str | None]]] = {}
    for entry in entries:
        for spelling, main, given in _spellings(entry):
            index.setdefault(spelling, [])
            if all(other is not entry for other, _, _ in index[spelling]):
                index[spelling].append((entry, main, given))
    longest = max((len(_TOKEN.findall(s)) for s in index), default=1)
    first = frozenset(_TOKEN.match(s).group() for s in index)
    prefixes = frozenset(" ".join(tokens[:i]) for tokens in (s.split(" ") for s in index) for i in range(1, len(tokens)))
    return NameTable(tuple(entries), {k: tuple(v) for k, v in index.items()}, longest, first, prefixes)


def _plain(table: NameTable) -> tuple:
    """The table in values ``marshal`` stores: entries as tuples, the index by entry position."""
    def part(p: Part | None) -> tuple | None:
        return None if p is None else (p.accepted, p.wrong, p.profiles)

    position = {id(entry): i for i, entry in enumerate(table.entries)}
    entries = tuple((e.key, e.kind, part(e.main), part(e.given), e.gender, e.keep, e.common, e.town)
                    for e in table.entries)
    index = {k: tuple((position[id(entry)], main, given) for entry, main, given in v) for k, v in table.index.items()}
    return entries, index, table.longest, table.first_tokens, table.prefixes


def _from_plain(plain: tuple) -> NameTable:
    rows, index, longest, first, prefixes = plain
    entries = tuple(Entry(key, kind, Part(*main), Part(*given) if given else None, gender, keep, common, town)
                    for key, kind, main, given, gender, keep, common, town in rows)
    return NameTable(entries, {k: tuple((entries[i], main, given) for i, main, given in v) for k, v in index.items()},
                     longest, first, prefixes)


def _spellings(entry: Entry) -> Iterator[tuple[str, str, str | None]]:
    mains = entry.main.accepted + entry.main.wrong
    for main in mains:
        yield main, main, None
    if entry.given is not None:
        for given in entry.given.accepted + entry.given.wrong:
            for main in mains:
                yield f"{given} {main}", main, given


def _load_gazetteer(path: Path) -> list[Entry]:
    """Generated places (tools/gazetteer.py): name, accepted and wrong spellings, population,
    tab-separated (a file without the population column loads its places as cities).

    They are marked ``common`` so that casing keeps to the hand table: a small town's name may
    be an ordinary word in lower case.
    """
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) not in (3, 4) or not fields[0] or len(fields) == 4 and not fields[3].isdigit():
            raise RuleFileError(str(path), number, "expected: name<TAB>accepted|...<TAB>wrong|...<TAB>population")
        accepted, wrong = (tuple(s for s in f.split("|") if s) for f in fields[1:3])
        town = len(fields) == 4 and int(fields[3]) < TOWN_POPULATION
        out.append(Entry(f"place:{fields[0]}", "place", Part((fields[0], *accepted), wrong), common=True, town=town))
    return out


def _load(path: Path) -> list[Entry]:
    raw = path.read_text(encoding="utf-8")
    try:
        data = parsed_toml(raw)
    except ValueError as exc:  # tomllib.TOMLDecodeError
        raise RuleFileError.invalid_toml(path, exc) from None
    where = str(path)
    out: list[Entry] = []
    for number, item in enumerate(data.get("person", []), 1):
        unknown = set(item) - _PERSON_KEYS
        if unknown or "surname" not in item or "given" not in item:
            raise RuleFileError(where, None, f"person #{number}: needs given and surname; unknown keys {sorted(unknown)}")
        ap = item.get("ap", {})
        surname = Part(_strings(item["surname"], where, "surname"), _strings(item.get("surname-wrong", []), where, "surname-wrong"),
                       {"ap": ap["surname"]} if "surname" in ap else {})
        given = Part(_strings(item["given"], where, "given"), _strings(item.get("given-wrong", []), where, "given-wrong"),
                     {"ap": ap["given"]} if "given" in ap else {})
        label = f"{given.accepted[0]} {surname.accepted[0]}"
        out.append(Entry(f"person:{label}", "person", surname, given, item.get("gender")))
    for number, item in enumerate(data.get("place", []), 1):
        unknown = set(item) - _PLACE_KEYS
        if unknown or "name" not in item:
            raise RuleFileError(where, None, f"place #{number}: needs a name; unknown keys {sorted(unknown)}")
        main = Part((item["name"], *_strings(item.get("accepted", []), where, "accepted")),
                    _strings(item.get("wrong", []), where, "wrong"),
                    {"ap": item["ap"]} if "ap" in item else {})
        out.append(Entry(f"place:{item['name']}", "place", main, keep=_strings(item.get("keep", []), where, "keep"),
                         common=bool(item.get("common", False)), town=bool(item.get("town", False))))
    for entry in out:
        for part in (entry.main, entry.given):
            if part is not None and set(part.accepted) & set(part.wrong):
                both = sorted(set(part.accepted) & set(part.wrong))
                raise RuleFileError(where, None, f"{entry.label}: {both} listed as both accepted and wrong")
    return out
