"""Markdown articles: only the prose is checked and fixed; every other byte stays; revert is exact.

The markup check is independent of how ``cleanup.markdown`` works: both texts are parsed
again with markdown-it-py and every token but prose text must be the same.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from cleanup import CleanupConfig, revert
from cleanup.markdown import clean_markdown, front_matter_end
from conftest import DATA, ROOT, ntrex_articles

REAL = [DATA / "markdown" / f"{name}.md" for name in ("scripts", "folders", "workspaces")] + [ROOT / "README.md", ROOT / "docs" / "rules.md"]
_PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def markup(text: str) -> list[tuple]:
    """Every token of the Markdown, with prose text blanked: what must not change."""
    out = []
    for token in _PARSER.parse(text):
        out.append((token.type, token.tag, token.markup, token.info, tuple(sorted(token.attrs.items())),
                    "" if token.type == "inline" else token.content))
        for child in token.children or []:  # prose: text and the line breaks inside it
            if child.type not in ("text", "softbreak"):
                out.append((child.type, child.tag, child.markup, tuple(sorted(child.attrs.items())), child.content))
    return out


def assert_round_trip(source: str, config: CleanupConfig | None = None):
    result = clean_markdown(source, config)
    assert revert(result.text, result.changes) == source
    fm = front_matter_end(source)
    assert result.text[:fm] == source[:fm], "front matter left byte for byte"
    assert markup(result.text) == markup(source), "markup changed"
    assert all(0 <= change.start <= change.end <= len(source) for change in result.changes)
    return result


@pytest.mark.parametrize("path", REAL, ids=lambda p: p.name)
def test_real_markdown_files_keep_their_markup(path: Path):
    assert_round_trip(path.read_text(encoding="utf-8"))


def _damage(text: str, rng: random.Random) -> str:
    """Machine-translation artefacts everywhere, markup included: double spaces, lower-case Kyiv."""
    text = re.sub(r"(?<=\w) (?=\w)", lambda m: "  " if rng.random() < 0.15 else " ", text)
    return text.replace("Kyiv", "kyiv")


@pytest.mark.parametrize("path", REAL[:3], ids=lambda p: p.name)
def test_artefacts_are_fixed_in_prose_only(path: Path):
    """Damage a real file everywhere; code, link targets, front matter and tables keep the damage."""
    damaged = _damage(path.read_text(encoding="utf-8"), random.Random(path.name))
    result = assert_round_trip(damaged)
    assert any(c.code == "WSP006" for c in result.changes), "prose double spaces are fixed"
    fences = re.findall(r"```.*?```", damaged, flags=re.S)
    assert fences and all(f in result.text for f in fences)


def _article(sentences: list[str], number: int) -> str:
    """A Markdown news article as a CMS stores it: front matter, headline, links, code, a table."""
    title = sentences[0]
    fm = (f'---\ntitle: "{title}"\ntags: [news,  world]\ndate: 2019-05-0{number % 9 + 1}\n---\n'
          if number % 2 else f'+++\ntitle = "{title}"\ndraft  = false\n+++\n')
    body = [f"# {title}", ""]
    for i, sentence in enumerate(sentences[1:], 1):
        if i % 4 == 1:
            words = sentence.split()
            if len(words) > 4:
                words[2] = f"[{words[2]}](https://example.org/{number}/a__b?q=1  )"
                sentence = " ".join(words)
        if i % 5 == 2:
            sentence += " Run `fix  --all` to see."
        body += [sentence, ""]
        if i == 3:
            body += ["```text", "raw  text   kept", "```", "", "| a  | b |", "|----|---|", "| c  d | e |", ""]
        if i == 4:
            body += ["> " + sentence, "", "- item  one", "- item two", ""]
    return fm + "\n".join(body)


def test_news_articles_with_front_matter_code_and_links():
    """NTREX news (real English) as Markdown articles, damaged: only the prose is repaired."""
    rng = random.Random(7)
    fixed = checked = 0
    for number, text in enumerate(ntrex_articles()[:25]):
        sentences = [p for p in text.split("\n") if p]
        article = _damage(_article(sentences, number), rng)
        result = assert_round_trip(article)
        fixed += len(result.changes)
        kept = re.findall(r"```.*?```|^\|.*\|$|`[^`\n]+`|\]\([^)]*\)", article, flags=re.S | re.M)
        assert all(result.text.count(k) == article.count(k) for k in kept)
        checked += bool(kept)
    assert fixed > 50 and checked == 25


def test_offsets_point_into_the_file():
    source = "---\ntitle: x\n---\n\nThe talks in **kyiv** went  on.\n"
    result = clean_markdown(source)
    spans = {c.code: source[c.start : c.end] for c in result.changes}
    assert spans["WSP006"] == "  "
    assert result.text == "---\ntitle: x\n---\n\nThe talks in **Kyiv** went on.\n"


def test_disable_and_enable_comments():
    source = ("Kept  apart.\n\n<!-- cleanup-disable WSP006 -->\n\nLeft  as it is in kyiv.\n\n"
              "<!-- cleanup-enable -->\n\nFixed  again.\n\n<!-- cleanup-disable -->\n\nAll  off in kyiv.\n")
    result = assert_round_trip(source)
    assert result.text == ("Kept apart.\n\n<!-- cleanup-disable WSP006 -->\n\nLeft  as it is in Kyiv.\n\n"
                           "<!-- cleanup-enable -->\n\nFixed again.\n\n<!-- cleanup-disable -->\n\nAll  off in kyiv.\n")
    assert not [f for f in result.findings if f.start > source.index("All")]


def test_disable_next_line_comment():
    source = "One  two.\n<!-- cleanup-disable-next-line WSP006 -->\nThree  four in kyiv.\n\nFive  six.\n"
    result = assert_round_trip(source)
    assert result.text == "One two.\n<!-- cleanup-disable-next-line WSP006 -->\nThree  four in Kyiv.\n\nFive six.\n"
    everything = "<!-- cleanup-disable-next-line -->\nThree  four in kyiv.\n"
    assert clean_markdown(everything).text == everything
    wrapped = "<!-- cleanup-disable-next-line WSP006 -->\nThree  four\nin kyiv  now.\n"  # one paragraph, two lines
    assert clean_markdown(wrapped).text == "<!-- cleanup-disable-next-line WSP006 -->\nThree  four\nin Kyiv now.\n"


def test_fix_touching_markup_is_reported_not_applied():
    source = "Read the [report](https://x.org)  now.\n"  # the double space follows link markup
    result = assert_round_trip(source)
    assert result.text == source or result.text == "Read the [report](https://x.org) now.\n"


def test_cli_checks_and_fixes_markdown(tmp_path):
    from cleanup import cli

    article = tmp_path / "a.md"
    source = "---\ntitle: kyiv  news\n---\n\nTalks in kyiv went  on. See `a  b`.\n"
    article.write_text(source, encoding="utf-8")
    assert cli.main(["check", str(article), "-q"]) == 1
    log = tmp_path / "log.jsonl"
    assert cli.main(["fix", str(article), "--in-place", "--log", str(log), "-q"]) == 0
    assert article.read_text(encoding="utf-8") == "---\ntitle: kyiv  news\n---\n\nTalks in Kyiv went on. See `a  b`.\n"
    assert cli.main(["check", str(article), "-q"]) == 0
    assert cli.main(["revert", str(log), "--in-place"]) == 0
    assert article.read_text(encoding="utf-8") == source


def test_fix_that_would_change_the_blocks_is_reported():
    """A no-break space alone on a line holds a paragraph together; removing it would split it."""
    source = "Fixes  made\n\u00a0\nBug fixes\n---------\n\nOther  text.\n"
    result = assert_round_trip(source)
    assert result.text == "Fixes  made\n\u00a0\nBug fixes\n---------\n\nOther text.\n"
    reported = [f for f in result.findings if "how the Markdown parses" in f.message]
    assert {f.code for f in reported} >= {"WSP006"} and all(f.start < source.index("Other") for f in reported)


def test_final_newline_goes_after_closing_markup():
    source = "See [the report](https://example.org/a)"
    assert assert_round_trip(source).text == source + "\n"


def test_stdin_named_as_markdown(monkeypatch, capsysbinary):
    import io
    import sys

    from cleanup import cli

    source = "Run `a  b` in kyiv.\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(source.encode("utf-8"))))
    assert cli.main(["check", "-", "--stdin-filename", "news/a.md", "-q", "--output-format", "concise"]) == 1
    out = capsysbinary.readouterr().out.decode("utf-8")
    assert out.splitlines()[0].startswith("news/a.md:1:15: CAS001") and "WSP006" not in out


def test_unknown_code_in_a_suppression_comment_is_an_error(tmp_path, capsys):
    from cleanup import cli

    article = tmp_path / "a.md"
    article.write_text("<!-- cleanup-disable XYZ123 -->\nText  here.\n", encoding="utf-8")
    assert cli.main(["check", str(article), "-q"]) == 2
    err = capsys.readouterr().err.strip()
    assert err == f"error: {article}: line 2: unknown rule code 'XYZ123' in a cleanup-disable comment"


def test_folders_take_markdown_when_include_lists_it(tmp_path, capsys):
    from cleanup import cli

    (tmp_path / "cleanup.toml").write_text('include = ["*.md"]\n', encoding="utf-8")
    (tmp_path / "a.md").write_text("Talks  went on.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Talks  went on.\n", encoding="utf-8")
    assert cli.main(["check", str(tmp_path), "--config", str(tmp_path / "cleanup.toml"),
                     "--output-format", "concise", "-q"]) == 1
    out = capsys.readouterr().out
    assert "a.md:1:6: WSP006" in out and "b.txt" not in out


# --- generated Markdown: any mix of markup around damaged prose keeps its markup ------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_WORDS = st.sampled_from(["the", "talks", "kyiv", "went", "on", "a", "apple", "said", "Zelensky", "in",
                          "\ufffd", "don’t", "U.S.", "18", "-", ",", ".", "..", "(", ")", "“quoted”"])
_GLUE = st.sampled_from([" ", " ", " ", "  ", "\u00a0", "\n"])


@st.composite
def _prose(draw) -> str:
    words = draw(st.lists(_WORDS, min_size=1, max_size=12))
    out = words[0]
    for word in words[1:]:
        inline = draw(st.sampled_from(["", "", "", "**", "_", "`", "link", "auto", "img", "&amp;", "\\*", "<b>"]))
        glue = draw(_GLUE)
        if inline in ("**", "_"):
            word = f"{inline}{word}{inline}"
        elif inline == "`":
            word = f"`{word}  x`"
        elif inline == "link":
            word = f"[{word}](https://example.org/{word.strip('.()')}  \"t  t\")"
        elif inline == "auto":
            word = "<https://example.org/a  b>".replace("  ", "%20")
        elif inline == "img":
            word = f"![{word}](i.png)"
        elif inline:
            word = inline + word
        out += glue + word
    return out.strip("\n") or "x"


@st.composite
def _document(draw) -> str:
    blocks = []
    if draw(st.booleans()):
        blocks.append(draw(st.sampled_from(["---\ntitle: kyiv  x\n---", "+++\ntitle = 'kyiv  x'\n+++"])))
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["p", "p", "h", "list", "quote", "fence", "table", "html", "off", "next"]))
        text = draw(_prose())
        if kind == "h":
            text = "#" * draw(st.integers(1, 3)) + " " + text.replace("\n", " ")
        elif kind == "list":
            text = "\n".join(f"- {line}" for line in text.split("\n"))
        elif kind == "quote":
            text = "\n".join(f"> {line}" for line in text.split("\n"))
        elif kind == "fence":
            text = f"```\n{text}\n```"
        elif kind == "table":
            text = f"| a  b | kyiv |\n|---|---|\n| {text.replace(chr(10), ' ').replace('|', '')} | x  y |"
        elif kind == "html":
            text = f"<div>\n{text}\n</div>"
        elif kind == "off":
            text = f"<!-- cleanup-disable -->\n\n{text}\n\n<!-- cleanup-enable -->"
        elif kind == "next":
            text = f"<!-- cleanup-disable-next-line WSP -->\n{text}"
        blocks.append(text)
    return "\n\n".join(blocks) + draw(st.sampled_from(["\n", "", "\n\n"]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_document())
def test_generated_markdown_keeps_its_markup(source):
    assert_round_trip(source)
