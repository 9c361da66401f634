"""The review report: every logged change highlighted once, findings marked, pages, report from a log."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import SAMPLES
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup import CleanupConfig, clean
from cleanup.cli import main
from cleanup.html import ArticleView, article_page, index_pages, write_report
from cleanup.html.build import view_of
from cleanup.html.markup import lay_out, map_offset
from cleanup.score import quality_score


class Elements(HTMLParser):
    """Every start tag with its attributes."""

    def __init__(self, page: str):
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def with_class(self, name: str) -> list[dict[str, str]]:
        return [a for _, a in self.tags if name in a.get("class", "").split()]


def _views(config: CleanupConfig) -> list[ArticleView]:
    views = []
    for path in sorted(SAMPLES.glob("*.txt")):
        result = clean(path.read_text(encoding="utf-8"), config)
        views.append(view_of(result, path.name, quality_score(result)))
    return views


@pytest.fixture(scope="module")
def views() -> list[ArticleView]:
    return _views(CleanupConfig(unsafe_fixes=True))


def test_every_logged_change_has_exactly_one_highlight_with_its_code(views):
    assert sum(len(v.changes) for v in views) > 10
    for view in views:
        page = Elements(article_page(view))
        marks = page.with_class("chg")
        assert all(m["id"] == f"c{m['data-index']}" for m in marks)
        assert sorted(int(m["data-index"]) for m in marks) == list(range(len(view.changes))), view.file
        for mark in marks:
            change = view.changes[int(mark["data-index"])]
            assert mark["data-code"] == change["code"]
            assert change["code"] in mark["data-msg"] and change["message"] in mark["data-msg"]
            assert f"stage-{change['stage']}" in mark["class"]


def test_every_open_finding_is_marked_in_place_and_listed(views):
    findings = [(v, f) for v in views for f in v.findings]
    assert findings
    for view in views:
        html = article_page(view)
        page = Elements(html)
        anchors = {a["id"] for _, a in page.tags if a.get("id", "").startswith("f")}
        assert anchors == {f"f{i}" for i in range(len(view.findings))}
        for i, finding in enumerate(view.findings):
            assert f'href="#f{i}"' in html
            assert any(m.get("data-code") == finding["code"] for m in page.with_class("finding"))


def test_the_page_text_is_the_clean_text_with_whitespace_only_in_paragraphs():
    original = "Hello  world .\n\nSecond\u00a0 line."
    result = clean(original, CleanupConfig(unsafe_fixes=True))
    html = article_page(view_of(result, "x.txt", {}))
    main_part = html[html.index('<main'):html.index('</main>')]
    css = (Path(__file__).resolve().parent.parent / "cleanup/html/assets/report.css").read_text()
    assert re.search(r"\.text p \{[^}]*pre-wrap", css) and not re.search(r"\.text \{[^}]*pre-wrap", css)
    # drop removed text and the decision buttons: what is left reads as the clean text
    text = re.sub(r"<del>.*?</del>|<button.*?</button>|<[^>]+>", "", main_part).replace("&#39;", "'")
    words = re.findall(r"\w+", result.text)
    assert re.findall(r"\w+", text) == words


@st.composite
def edits(draw):
    text = draw(st.text("ab c\n", max_size=10))
    original, changes = text, []
    for _ in range(draw(st.integers(0, 5))):
        at = draw(st.integers(0, len(text)))
        span = draw(st.integers(0, len(text) - at))
        after = draw(st.text("xy ", max_size=3))
        changes.append({"at": at, "before": text[at : at + span], "after": after})
        text = text[:at] + after + text[at + span :]
    return original, changes, text


@settings(max_examples=300, deadline=None)
@given(edits())
def test_lay_out_keeps_every_change_even_rewritten_ones(case):
    original, changes, final = case
    pieces = lay_out(original, changes)
    assert "".join(p.text for p in pieces) == final
    assert sorted(p.change for p in pieces if p.change is not None and not p.more) == list(range(len(changes)))
    assert map_offset(len(original), changes, end=True) == len(final)


def test_index_paginates_worst_first_and_lists_every_rule(views):
    many = views * 3
    links = [f"a{n}.html" for n in range(len(many))]
    pages = index_pages(many, links, page_size=4)
    assert len(pages) == -(-len(many) // 4)
    rows = [re.findall(r'<td class="num">(\d*)</td>\s*<td class="file"><a href="(a\d+\.html)"', p) for p in pages]
    assert [len(r) for r in rows] == [4] * (len(pages) - 1) + [len(many) - 4 * (len(pages) - 1)]
    scores = [int(s) for page in rows for s, _ in page]
    assert scores == sorted(scores)
    assert sorted(link for page in rows for _, link in page) == sorted(links)
    assert 'href="index-2.html"' in pages[0] and 'href="index.html"' in pages[1]
    codes = {c["code"] for v in views for c in (*v.changes, *v.findings)}
    for code in codes:
        assert f'data-code="{code}"' in pages[0] and f'<option value="{code}">' in pages[0]


def test_report_from_the_log_equals_report_from_fix(tmp_path, capsys):
    assert main(["fix", str(SAMPLES), "--isolated", "-q", "-o", str(tmp_path / "out"),
                 "--log", str(tmp_path / "log.jsonl"), "--html", str(tmp_path / "a")]) == 0
    assert main(["report", str(tmp_path / "log.jsonl"), "--html", str(tmp_path / "b")]) == 0
    first = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    second = sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*") if p.is_file())
    assert first == second and len(first) == len(list(SAMPLES.rglob("*.txt"))) + 1 + 2
    for rel in first:
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes(), rel


def test_report_reverts_the_output_when_the_original_is_gone(tmp_path, capsys):
    source = tmp_path / "in" / "a.txt"
    source.parent.mkdir()
    source.write_text("Hello  world .\n", encoding="utf-8")
    assert main(["fix", str(source), "--isolated", "-q", "-o", str(tmp_path / "out"),
                 "--log", str(tmp_path / "log.jsonl"), "--html", str(tmp_path / "a")]) == 0
    source.write_text("changed since\n", encoding="utf-8")
    assert main(["report", str(tmp_path / "log.jsonl"), "--html", str(tmp_path / "b")]) == 0
    assert (tmp_path / "a/articles/00001.html").read_text() == (tmp_path / "b/articles/00001.html").read_text()
    (tmp_path / "out" / "a.txt").unlink()
    capsys.readouterr()
    assert main(["report", str(tmp_path / "log.jsonl"), "--html", str(tmp_path / "c")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(source) in err and "original text not found" in err
    assert not (tmp_path / "c").exists()


def test_fix_html_without_a_log(tmp_path):
    assert main(["fix", str(SAMPLES), "--isolated", "-q", "-o", str(tmp_path / "out"), "--html", str(tmp_path / "r")]) == 0
    assert len(list((tmp_path / "r" / "articles").glob("*.html"))) == len(list(SAMPLES.rglob("*.txt")))
    assert (tmp_path / "r" / "assets" / "report.js").is_file()


def test_pages_load_nothing_from_the_network(views, tmp_path):
    write_report(tmp_path, views)
    for page in tmp_path.rglob("*.html"):
        assert not re.search(r"""(src|href)=["']?(https?:)?//""", page.read_text())


def test_a_report_of_several_index_pages_ships_every_row_for_the_filter(views, tmp_path):
    import json as jsonlib

    write_report(tmp_path, views, page_size=2)
    assert sorted(p.name for p in tmp_path.glob("index*.html")) == ["index-2.html", "index-3.html", "index.html"]
    data = (tmp_path / "index-data.js").read_text()
    assert data.startswith("window.cleanupIndex = ")
    rows = jsonlib.loads(data.removeprefix("window.cleanupIndex = ").rstrip().rstrip(";"))
    assert sorted(r[1] for r in rows) == sorted(v.file for v in views)
    assert [r[0] for r in rows] == sorted(r[0] for r in rows)
    assert 'data-all="index-data.js"' in (tmp_path / "index-2.html").read_text()
    single = tmp_path / "single"
    write_report(single, views)
    assert not (single / "index-data.js").exists() and "data-all" not in (single / "index.html").read_text()


def test_a_report_that_cannot_be_written_is_a_one_line_error(tmp_path, capsys):
    blocker = tmp_path / "taken"
    blocker.write_text("a file, not a folder")
    source = tmp_path / "a.txt"
    source.write_text("Hello  world.\n")
    assert main(["fix", str(source), "--isolated", "-q", "-o", str(tmp_path / "out"), "--html", str(blocker)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(blocker) in err and "cannot write the report" in err


def test_report_and_revert_read_a_log_holding_an_unreadable_input(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Hello  world.\n", encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_bytes(b"\xff\xfe not UTF-8")
    assert main(["fix", "in", "--isolated", "-q", "-o", "out", "--log", "log.jsonl"]) == 2
    assert '"kind":"error"' in (tmp_path / "log.jsonl").read_text()
    assert main(["report", "log.jsonl", "--html", "rep"]) == 0
    assert [p.name for p in (tmp_path / "rep" / "articles").iterdir()] == ["00001.html"]
    assert main(["revert", "log.jsonl", "-o", "back"]) == 0
    assert (tmp_path / "back" / "a.txt").read_text() == "Hello  world.\n"


def test_overlapping_and_empty_findings_each_get_one_anchor():
    original = "Alpha beta.\n\nGamma delta epsilon.\n"
    spans = [(0, 19), (6, 24), (13, 13), (20, 20), (0, 5)]
    findings = [{"code": f"QLT00{n}", "severity": "warning", "message": f"m{n}", "start": a, "end": b}
                for n, (a, b) in enumerate(spans)]
    changes = [{"at": 6, "before": "beta", "after": "Beta", "code": "CAS001", "stage": "casing", "message": "c"}]
    html = article_page(ArticleView("x.txt", original, changes, findings))
    page = Elements(html)
    for i, finding in enumerate(findings):
        assert [a for _, a in page.tags if a.get("id") == f"f{i}"] != []
        assert html.count(f'id="f{i}"') == 1, i
        assert page.with_class("finding") and any(m["data-code"] == finding["code"] for m in page.with_class("finding"))
    assert html.count('id="c0"') == 1
