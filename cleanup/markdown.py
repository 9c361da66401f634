"""Markdown articles: check and fix only the prose; every other byte stays as it is.

A real parser (markdown-it-py) finds the paragraphs and headings. Each becomes a run of
*pieces*: prose (the pipeline may edit it; it is the source text itself) and markup (front
matter, list and quote markers, emphasis, link targets, code, HTML, tables, hard breaks).
The pipeline sees the prose with markup left out, or with a stand-in where leaving it out
would change how the sentence reads (inline code, entities, images). ``clean()`` runs on that
view; its changes, applied one after another, are mapped back to the file, so the log's
``at``/``before``/``after`` replay and revert exactly on the original bytes.

A change that would touch markup (straddle a link boundary, edit a code stand-in, delete a
line break between blocks) cannot be mapped: that rule is reported, not fixed, in the run,
which is cleaned again without it.

Suppression comments, as in Vale and markdownlint, on a line of their own::

    <!-- cleanup-disable NAM001 WSP005 -->  ...  <!-- cleanup-enable -->
    <!-- cleanup-disable -->                     (every rule)
    <!-- cleanup-disable-next-line CAS001 -->     (the next line only)
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace
from pathlib import PurePath

from .config import CleanupConfig
from .difflog import replay
from .errors import InputError
from .model import Change, CleanResult, Edit, Finding, Fix, Severity
from .pipeline import clean, get_pipeline

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")
_DIRECTIVE = re.compile(
    r"\A\s*<!--\s*cleanup-(disable-next-line|disable|enable)\b((?:\s+[A-Za-z]+\d*)*)\s*-->\s*\Z"
)
_PROSE_BLOCKS = {"paragraph_open", "heading_open"}
_MAX_RETRIES = 6
# What the pipeline reads in place of inline code: one word no rule knows, so the sentence
# around it reads as a sentence and nothing is decided from the code itself.
CODE_STAND_IN = "xyzzy"
ALL = frozenset({"ALL"})


def is_markdown(name: str | None) -> bool:
    return bool(name) and PurePath(name).suffix.lower() in MARKDOWN_SUFFIXES


@dataclass
class _Piece:
    start: int  # span in the source file
    end: int
    text: str  # what the pipeline sees
    prose: bool  # True: text is the source span itself, and may be edited
    atomic: bool = False  # markup with a stand-in: no edit may touch it
    bias: str = "left"  # zero-width markup: an insertion here goes before it ("left") or after


@dataclass
class _Block:
    start: int
    end: int
    pieces: list[_Piece]
    line: int
    suppressed: frozenset[str]
    fixable: bool = True  # False: its fixes would change how the file parses; report them


# --- parsing ------------------------------------------------------------------------------------

def front_matter_end(source: str) -> int:
    """Offset just past YAML (``---``) or TOML (``+++``) front matter, 0 when there is none."""
    first, _, _ = source.partition("\n")
    fence = first.rstrip("\r")
    if fence not in ("---", "+++"):
        return 0
    pos = len(first) + 1
    closers = ("---", "...") if fence == "---" else ("+++",)
    while pos <= len(source):
        nl = source.find("\n", pos)
        line = source[pos : nl if nl != -1 else len(source)]
        if line.rstrip("\r") in closers:
            return nl + 1 if nl != -1 else len(source)
        if nl == -1:
            return 0  # never closed: not front matter
        pos = nl + 1
    return 0


@functools.lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    md.disable("text_join")  # keep escapes and entities as their own tokens, with their markup
    return md


def _line_starts(source: str) -> list[int]:
    starts = [0]
    pos = source.find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = source.find("\n", pos + 1)
    return starts


def _blocks(source: str) -> list[_Block]:
    """The prose blocks of a Markdown file in order, each with its pieces and suppressions."""
    fm = front_matter_end(source)
    starts = _line_starts(source)
    starts.append(len(source))
    fm_lines = source.count("\n", 0, fm)
    tokens = _parser().parse("\n" * fm_lines + source[fm:])
    blocks: list[_Block] = []
    disabled: frozenset[str] = frozenset()
    next_line: tuple[int, frozenset[str]] | None = None
    parents: list[str] = []
    for token in tokens:
        if token.nesting == 1:
            parents.append(token.type)
        elif token.nesting == -1 and parents:
            parents.pop()
        if token.type == "html_block" and token.map:
            directive = _DIRECTIVE.match(token.content)
            if directive:
                verb, codes = directive.group(1), frozenset(c.upper() for c in directive.group(2).split())
                if verb == "disable":
                    disabled = ALL if not codes else (disabled if disabled == ALL else disabled | codes)
                elif verb == "enable":
                    disabled = frozenset() if not codes or disabled == ALL else disabled - codes
                else:
                    next_line = (token.map[1], codes or ALL)
            continue
        if token.type != "inline" or not token.map or not parents or parents[-1] not in _PROSE_BLOCKS:
            continue
        if any(p in ("table", "thead", "tbody", "tr", "th", "td") for p in parents):
            continue
        first, last = token.map
        suppressed = disabled
        if next_line and next_line[0] == first:
            extra = next_line[1]
            suppressed = ALL if ALL in (extra, suppressed) else suppressed | extra
        next_line = None
        start, end = starts[first], starts[min(last, len(starts) - 1)]
        pieces = _align(source, start, end, token.children or [])
        if pieces is None:
            continue
        block = _Block(start, end, pieces, first + 1, suppressed)
        blocks.extend(_first_line_apart(block, disabled) if suppressed != disabled else [block])
    return blocks


def _first_line_apart(block: _Block, rest: frozenset[str]) -> list[_Block]:
    """Split a block after its first line, so ``disable-next-line`` covers that line only."""
    pieces = block.pieces
    cut = next((i for i, p in enumerate(pieces) if "\n" in p.text), None)
    if cut is None or cut == len(pieces) - 1:
        return [block]
    pieces[cut] = replace(pieces[cut], prose=False, atomic=True)  # the line break is not to be edited
    tail = pieces[cut + 1 :]
    if not tail[0].prose:
        tail[0] = replace(tail[0], bias="right")
    return [_Block(block.start, pieces[cut].end, pieces[: cut + 1], block.line, block.suppressed),
            _Block(pieces[cut].end, block.end, tail, block.line + 1, rest)]


def _align(source: str, start: int, end: int, children) -> list[_Piece] | None:
    """Locate each inline token in the source; None when one cannot be found (left alone)."""
    pieces: list[_Piece] = []
    cursor = start

    def markup_to(pos: int) -> None:
        if pos > cursor:  # markup opening a block: what is inserted there goes after it
            pieces.append(_Piece(cursor, pos, "", False, bias="right" if cursor == start else "left"))

    skip_autolink = False
    for child in children:
        kind = child.type
        if skip_autolink:
            skip_autolink = kind != "link_close"
            continue
        if kind == "text":
            if not child.content:
                continue
            pos = source.find(child.content, cursor, end)
            if pos == -1:
                return None
            markup_to(pos)
            cursor = pos + len(child.content)
            pieces.append(_Piece(pos, cursor, child.content, True))
        elif kind == "softbreak":
            pos = source.find("\n", cursor, end)
            if pos == -1:
                return None
            markup_to(pos)
            cursor = pos + 1
            pieces.append(_Piece(pos, cursor, "\n", True))
        elif kind == "hardbreak":
            pos = source.find("\n", cursor, end)
            if pos == -1:
                return None
            pieces.append(_Piece(cursor, pos + 1, "\n", False, atomic=True))
            cursor = pos + 1
        elif kind in ("text_special", "html_inline"):
            raw = child.markup if kind == "text_special" else child.content
            pos = source.find(raw, cursor, end)
            if pos == -1:
                return None
            markup_to(pos)
            cursor = pos + len(raw)
            if kind == "text_special":
                pieces.append(_Piece(pos, cursor, child.content, False, atomic=True))
            else:
                pieces.append(_Piece(pos, cursor, "", False))
        elif kind == "code_inline":
            span = _code_span(source, cursor, end, child.markup)
            if span is None:
                return None
            markup_to(span[0])
            pieces.append(_Piece(*span, CODE_STAND_IN, False, atomic=True))
            cursor = span[1]
        elif kind == "image":
            pos = source.find("![", cursor, end)
            close = _closing_bracket(source, pos + 1, end) if pos != -1 else -1
            if close == -1:
                return None
            markup_to(pos)
            cursor = _link_tail(source, close, end)
            pieces.append(_Piece(pos, cursor, child.content, False, atomic=True))
        elif kind == "link_open" and child.info == "auto":
            pos = source.find("<", cursor, end)
            close = source.find(">", pos, end) if pos != -1 else -1
            if close == -1:
                return None
            markup_to(pos)
            cursor = close + 1
            pieces.append(_Piece(pos, cursor, child.attrs.get("href", ""), False, atomic=True))
            skip_autolink = True
        elif kind == "link_close":
            pos = source.find("]", cursor, end)
            if pos == -1:
                return None
            markup_to(pos)
            new = _link_tail(source, pos, end)
            pieces.append(_Piece(pos, new, "", False))
            cursor = new
    # the rest of the block: closing markup, then the line break that ends the block
    tail = end
    if source.endswith("\n", start, end):
        tail = end - 2 if source.endswith("\r\n", start, end) else end - 1
    if tail < cursor:
        return None
    markup_to(tail)
    if tail < end:
        pieces.append(_Piece(tail, end, "\n", False, atomic=True))
    elif pieces and not pieces[-1].prose:
        pieces[-1].bias = "right"  # closing markup at the end of the file: a final newline goes after it
    return _merged(pieces)


def _merged(pieces: list[_Piece]) -> list[_Piece]:
    """Join neighbouring markup pieces, so each gap in the prose is one piece."""
    out: list[_Piece] = []
    for piece in pieces:
        if out and not piece.prose and not out[-1].prose:
            last = out[-1]
            out[-1] = _Piece(last.start, piece.end, last.text + piece.text, False,
                             last.atomic or piece.atomic or bool(last.text + piece.text),
                             "right" if "right" in (last.bias, piece.bias) else "left")
        else:
            out.append(piece)
    return out


def _code_span(source: str, pos: int, end: int, ticks: str) -> tuple[int, int] | None:
    """The span of an inline code span opened by exactly ``ticks`` at or after ``pos``."""
    run = re.compile(r"(?<!`)" + re.escape(ticks) + r"(?!`)")
    opening = run.search(source, pos, end)
    closing = run.search(source, opening.end(), end) if opening else None
    return (opening.start(), closing.end()) if closing else None


def _closing_bracket(source: str, pos: int, end: int) -> int:
    """Offset of the ``]`` that closes the ``[`` at ``pos``, skipping escapes and nesting."""
    depth, i = 0, pos
    while i < end:
        ch = source[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1


def _link_tail(source: str, pos: int, end: int) -> int:
    """Past a link's ``](destination "title")`` or ``][label]`` that starts at ``pos`` (the ``]``)."""
    i = pos + 1
    if source.startswith("(", i):
        depth, quote, i = 1, "", i + 1
        while i < end:
            ch = source[i]
            if ch == "\\":
                i += 2
                continue
            if quote:
                if ch == quote:
                    quote = ""
            elif ch in "\"'" and source[i - 1] in " \t\n":
                quote = ch
            elif ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
                if depth == 0:
                    return i + 1
            i += 1
        return end
    if source.startswith("[", i):
        close = source.find("]", i, end)
        return close + 1 if close != -1 else i
    return i


# --- the prose view of a run of blocks -------------------------------------------------------

class _View:
    """The text the pipeline sees for consecutive blocks, and the way back to the file."""

    def __init__(self, source: str, blocks: list[_Block]):
        pieces: list[_Piece] = []
        for i, block in enumerate(blocks):
            if i:
                between = source[blocks[i - 1].end : block.start]
                if between.strip("\n"):
                    pieces.append(_Piece(blocks[i - 1].end, block.start, "\n", False, atomic=True))
                elif between:
                    pieces.append(_Piece(blocks[i - 1].end, block.start, between, True))
            pieces.extend(block.pieces)
        self.pieces = _merged(pieces)
        self.start = self.pieces[0].start
        self.text = "".join(p.text for p in self.pieces)
        # where each view offset lands in the file, as a start (after markup) and as an end
        self.starts: list[int] = []
        self.ends: list[int] = [self.start]
        self.protected = [0]  # running count of view characters that stand in for markup
        for piece in self.pieces:
            if piece.prose:
                self.starts.extend(range(piece.start, piece.end))
                self.ends.extend(range(piece.start + 1, piece.end + 1))
            else:
                self.starts.extend([piece.start] * len(piece.text))
                self.ends.extend([piece.end] * len(piece.text))
            self.protected.extend([self.protected[-1] + (not piece.prose)] * len(piece.text))
        self.starts.append(self.pieces[-1].end)

    def start_of(self, pos: int) -> int:
        return self.starts[pos]

    def end_of(self, pos: int) -> int:
        return self.ends[pos]

    def about_markup(self, start: int, end: int) -> bool:
        """True if stand-ins for markup make up half of ``[start, end)`` or more."""
        covered = self.protected[end] - self.protected[start]
        return bool(covered) and 2 * covered >= end - start

    def touches_markup(self, start: int, end: int) -> bool:
        """True if ``[start, end)`` of the view covers a stand-in or crosses zero-width markup."""
        if self.protected[end] - self.protected[start]:
            return True
        return self.ends[end] - self.starts[start] != end - start if end > start else False


def _changes(view: _View, result: CleanResult, shift: int) -> tuple[list[Change], list[Change]]:
    """Map the view's changes onto the file; also the changes that cannot be mapped."""
    gaps = [[pos, p] for pos, p in _positions(view) if not p.prose]
    changes: list[Change] = []
    bad: list[Change] = []
    for change in result.changes:
        a, b, grow = change.at, change.at + len(change.before), len(change.after) - len(change.before)
        delta, conflict = 0, False
        for gap in gaps:
            pos, piece = gap
            width = len(piece.text)
            if width:
                if (a < pos + width and b > pos) or (a == b and pos < a < pos + width):
                    conflict = True
                    break
                if a < b and piece.text.strip("\n") and (b == pos or a == pos + width):
                    conflict = True  # glued to a stand-in: the edit may be about the markup
                    break
                before = pos + width <= a
            elif a < pos < b or (a == b == pos and piece.atomic):
                conflict = True
                break
            else:
                before = pos < a or (pos == a and (b > a or piece.bias == "right"))
            if before:
                delta += (piece.end - piece.start) - width
        if conflict:
            bad.append(change)
            continue
        for gap in gaps:
            if gap[0] >= b and not (gap[0] == a == b and gap[1].bias == "right" and not len(gap[1].text)):
                gap[0] += grow
        changes.append(Change(change.code, change.name, change.stage, view.start_of(change.start),
                              max(view.start_of(change.start), view.end_of(change.end)),
                              view.start + shift + a + delta, change.before, change.after, change.message,
                              change.applicability, change.iteration, change.detail))
    return changes, bad


def _positions(view: _View):
    pos = 0
    for piece in view.pieces:
        yield pos, piece
        pos += len(piece.text)


def _finding(view: _View, finding: Finding) -> Finding | None:
    """The finding in file offsets; None when it is about markup, not prose."""
    if view.about_markup(finding.start, finding.end):
        return None
    fix = finding.fix
    if fix is not None:
        if any(view.touches_markup(e.start, e.end) for e in fix.edits):
            fix = None
        else:
            fix = Fix(tuple(Edit(view.start_of(e.start), max(view.start_of(e.start), view.end_of(e.end)),
                                 e.replacement) for e in fix.edits), fix.applicability, fix.title)
    start = view.start_of(finding.start)
    return Finding(finding.code, finding.name, finding.stage, finding.severity, start,
                   max(start, view.end_of(finding.end)), finding.message, fix, finding.detail)


def _unfixed(view: _View, change: Change, config: CleanupConfig,
             why: str = "the fix would change Markdown markup") -> Finding | None:
    if view.about_markup(change.start, change.end):
        return None
    rule = next((r for r in get_pipeline(config).rules if r.code == change.code), None)
    start = view.start_of(change.start)
    return Finding(change.code, change.name, change.stage, rule.severity if rule else Severity.WARNING,
                   start, max(start, view.end_of(change.end)),
                   f"{change.message} (not fixed here: {why})", None,
                   change.detail)


# --- cleaning ------------------------------------------------------------------------------------

def _runs(blocks: list[_Block]) -> list[list[_Block]]:
    """Consecutive blocks under the same suppressions are cleaned together."""
    runs: list[list[_Block]] = []
    for block in blocks:
        if runs and (runs[-1][-1].suppressed, runs[-1][-1].fixable) == (block.suppressed, block.fixable):
            runs[-1].append(block)
        else:
            runs.append([block])
    return [run for run in runs if run[0].suppressed != ALL]


def clean_markdown(source: str, config: CleanupConfig | None = None, name: str = "<markdown>") -> CleanResult:
    """Clean the prose of a Markdown file; offsets and the log refer to the file itself.

    If the clean file would parse into other blocks (a line emptied inside a paragraph turns
    it into two, a line now starts like a list item), the blocks concerned are cleaned again
    with their fixes reported instead of applied.
    """
    config = config or CleanupConfig()
    blocks = _blocks(source)
    _check_codes(blocks, config, name)
    for _ in range(2):
        out = _Out()
        for run in _runs(blocks):
            suppressed = tuple(sorted(run[0].suppressed))
            _clean_run(source, run, config.replace(ignore=config.ignore + suppressed) if suppressed else config, out)
        text = replay(source, out.changes)
        if not out.changes or structure(text) == structure(source):
            break
        blocks = _report_only(source, blocks, out.changes)
    else:
        out.changes, text = [], source  # pragma: no cover - the second round fixes nothing that moved
    out.findings.sort(key=lambda f: (f.start, f.end, f.code))
    return CleanResult(source, text, tuple(out.changes), tuple(out.findings), out.metadata)


def _check_codes(blocks: list[_Block], config: CleanupConfig, name: str) -> None:
    """A suppression comment naming a code no rule has is a mistake worth an error, as in ruff."""
    known = [rule.code for rule in get_pipeline(config).ruleset.rules]
    for block in blocks:
        for code in sorted(block.suppressed - ALL):
            if not any(k.startswith(code) for k in known):
                raise InputError(name, f"line {block.line}: unknown rule code '{code}' in a cleanup-disable comment")


def structure(text: str) -> list[tuple]:
    """The parsed Markdown with the prose left out: every token but text and soft line breaks."""
    out = []
    for token in _parser().parse(text):
        out.append((token.type, token.tag, token.markup, token.info, tuple(sorted(token.attrs.items())),
                    "" if token.type == "inline" else token.content))
        out.extend((child.type, child.tag, child.markup, tuple(sorted(child.attrs.items())), child.content)
                   for child in token.children or () if child.type not in ("text", "softbreak"))
    return out


def _report_only(source: str, blocks: list[_Block], changes: list[Change]) -> list[_Block]:
    """The blocks, those whose changes alter how they parse (alone) marked not fixable."""
    edited: dict[int, list[Change]] = {}
    for change in changes:
        index = next((i for i, b in enumerate(blocks) if b.start <= change.start < b.end), None)
        edited.setdefault(index, []).append(change)
    suspects = set()
    for index, own in edited.items():
        if index is None:
            continue
        block = blocks[index]
        text = source[block.start : block.end]
        for change in sorted(own, key=lambda c: -c.start):  # each change alone, on the original block
            local = change.start - block.start
            if text[local : local + len(change.before)] == change.before:
                text = text[:local] + change.after + text[local + len(change.before) :]
        if structure(text) != structure(source[block.start : block.end]):
            suspects.add(index)
    if not suspects:  # only the context tells: every edited block reports
        suspects = {i for i in edited if i is not None}
    return [replace(b, fixable=False) if i in suspects else b for i, b in enumerate(blocks)]


@dataclass
class _Out:
    changes: list[Change] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    metadata: dict = field(default_factory=dict)
    shift: int = 0  # how much the file has grown so far


def _clean_run(source: str, run: list[_Block], config: CleanupConfig, out: _Out) -> None:
    """Clean blocks together; a block whose fix would touch markup is cleaned on its own."""
    view = _View(source, run)
    if not run[0].fixable:
        result = clean(view.text, config)
        out.findings.extend(f for f in (_unfixed(view, c, config, "it would change how the Markdown parses")
                                        for c in result.changes) if f)
        out.findings.extend(f for f in (_finding(view, f) for f in result.findings) if f is not None)
        return
    for _ in range(_MAX_RETRIES):
        result = clean(view.text, config)
        mapped, bad = _changes(view, result, out.shift)
        if not bad:
            break
        if len(run) > 1:  # keep the damage to the blocks concerned
            offending = {_block_of(run, view.start_of(c.start)) for c in bad}
            for part in _split(run, offending):
                _clean_run(source, part, config, out)
            return
        codes = {c.code for c in bad}
        out.findings.extend(f for f in (_unfixed(view, c, config) for c in result.changes if c.code in codes) if f)
        config = config.replace(ignore=config.ignore + tuple(sorted(codes)))
    else:  # still unmappable after several rounds: report, fix nothing here
        mapped = []
    out.changes.extend(mapped)
    out.shift += sum(len(c.after) - len(c.before) for c in mapped)
    out.findings.extend(f for f in (_finding(view, f) for f in result.findings) if f is not None)
    out.metadata.update(result.metadata)


def _block_of(run: list[_Block], offset: int) -> int:
    return max(i for i, block in enumerate(run) if block.start <= offset or i == 0)


def _split(run: list[_Block], offending: set[int]) -> list[list[_Block]]:
    parts: list[list[_Block]] = [[]]
    for i, block in enumerate(run):
        if i in offending:
            parts += [[block], []]
        else:
            parts[-1].append(block)
    return [part for part in parts if part]
