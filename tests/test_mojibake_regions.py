"""Mojibake repairs are logged region by region, and the regions rebuild the repaired line.

ENC001 repairs a line with ftfy and logs each differing region. The regions are found between
the runs of ASCII the repair leaves alone, so a long line costs in proportion to its length;
they must rebuild the repaired line exactly and never take in text that did not change.
"""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from cleanup.stages.encoding import _ftfy, _regions

_WORDS = st.sampled_from("the minister said café naïve Zürich it’s “quoted” — – … € ™ é ß Київ 2022 a".split())
_BREAK = {
    "utf-8 read as cp1252": lambda t: t.encode("utf-8").decode("cp1252", errors="replace"),
    "utf-8 read as latin-1": lambda t: t.encode("utf-8").decode("latin-1"),
    "cp1252 read as latin-1": lambda t: t.encode("cp1252", errors="ignore").decode("latin-1"),
}


def _rebuild(old: str, regions: list[tuple[int, int, str]]) -> str:
    out, at = [], 0
    for start, end, new in regions:
        assert at <= start <= end
        out += [old[at:start], new]
        at = end
    return "".join(out) + old[at:]


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=60), st.sampled_from(sorted(_BREAK)), st.integers(0, 400))
def test_regions_rebuild_the_repair_and_leave_ascii_alone(words, how, cut):
    ftfy, config, _ = _ftfy()
    text = " ".join(words)
    broken = text[:cut] + _BREAK[how](text[cut:])  # a repair may start mid-line
    fixed, _ = ftfy.fix_and_explain(broken, config)
    regions = list(_regions(broken, fixed))
    assert _rebuild(broken, regions) == fixed
    for start, end, new in regions:
        assert not any(c.isascii() for c in broken[start:end]), (broken[start:end], new)


def test_a_common_end_inside_a_run_of_mojibake_does_not_split_it():
    """Hypothesis found it: the common suffix "�" cut the run "â€�" unevenly, the runs no longer
    paired up, and the whole-middle diff took the unchanged space into a region."""
    ftfy, config, _ = _ftfy()
    broken = "– “quoted”".encode("utf-8").decode("cp1252", errors="replace")
    fixed, _ = ftfy.fix_and_explain(broken, config)
    regions = list(_regions(broken, fixed))
    assert _rebuild(broken, regions) == fixed
    assert all(not any(c.isascii() for c in broken[a:b]) for a, b, _ in regions), regions


def test_a_line_that_changes_its_ascii_is_still_rebuilt():
    old, new = "abc \x92 def xyz \x96 ghi", "abc ’ deg xyz – ghi"  # (no repair ftfy makes)
    assert _rebuild(old, list(_regions(old, new))) == new


def test_accented_names_before_a_space_do_not_load_ftfy():
    """A space after an accented letter is a lost no-break space only after the lead bytes ftfy
    restores one after (Â Ã Å Î Ð Ù â ã ð); an article of French and Spanish names is clean
    text and is checked without importing ftfy (a tenth of a second at start-up)."""
    import subprocess
    import sys

    script = ("import sys; from cleanup import clean; "
              "r = clean('José Luis met André Dupré and Chloé Noël in Zürich à midi.\\n'); "
              "print(r.text == r.original, 'ftfy' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["True", "False"]


def test_a_lost_no_break_space_after_its_lead_byte_is_still_repaired():
    from cleanup import clean

    result = clean("He ordered it Ã  la carte in the cafÃ©.\n")
    assert result.text == "He ordered it à la carte in the café.\n"
    assert {c.code for c in result.changes} == {"ENC001"}
