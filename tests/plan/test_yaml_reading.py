"""Plans are read from the parser's events straight into data (``source._read_events``), with PyYAML's
composer as the way for everything else. Whatever the way, the data must be exactly what PyYAML's
safe loader gives, and the same errors must be reported at the same place.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from hypothesis import event, given, settings
from hypothesis import strategies as st

from docgen.errors import PlanError
from docgen.plan import source
from docgen.plan.source import read_source

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent


def _fast(text: str, path: Path = Path("ke-hoach.yaml")):
    """The data of ``text`` through the event reader; _Unsupported when it leaves the text to the composer."""
    loader = source._PlanLoader(text)
    try:
        return source._read_events(loader, path), loader.duplicates
    finally:
        loader.dispose()


def _read(tmp_path: Path, text: str):
    path = tmp_path / "ke-hoach.yaml"
    path.write_text(text, encoding="utf-8")
    return read_source(path).data


# Values of every implicit type of YAML 1.1's safe schema, written plainly and quoted.
SCALARS = [
    "12", "0", "-3", "+4", "007", "0o17", "0x1F", "0b101", "1_000", "1:30", "190:20:30",
    "12.5", "1e3", "1.5e3", ".5", "-.inf", ".NaN", "6.8523015e+5", "1_000.5",
    "yes", "No", "on", "OFF", "true", "False", "y", "n",
    "null", "~", "Null", "",
    "2026-04-20", "2001-12-14t21:59:43.10-05:00", "2026-4-20",
    "20/4/2026", "ke-hoach", "Ủy ban nhân dân", "1719/QĐ-TTg", "٣", "²", "１２", "-", "- a", ":", "=",
]


@pytest.mark.parametrize("value", SCALARS)
@pytest.mark.parametrize("style", ["plain", "single", "double"])
def test_every_scalar_reads_as_pyyaml_reads_it(value, style):
    written = {"plain": value, "single": f"'{value}'", "double": f'"{value}"'}[style]
    text = f"a: {written}\nb: [{written}]\n{written or 'k'}: x\n"
    try:
        expected = yaml.load(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        with pytest.raises(yaml.YAMLError):
            _fast(text)
        return
    data, _duplicates = _fast(text)
    assert data == expected
    assert [type(v) for v in data.values()] == [type(v) for v in expected.values()]


def test_the_bundled_and_test_plans_read_as_pyyaml_reads_them():
    plans = sorted((REPO / "plans").rglob("*.yaml")) + sorted((REPO / "tests").rglob("*.yaml"))
    assert len(plans) > 40
    read = 0
    for plan in plans:
        raw = plan.read_bytes()
        try:
            text = raw.decode("utf-8-sig")
            expected = yaml.load(text, Loader=yaml.SafeLoader)
        except (UnicodeDecodeError, yaml.YAMLError, RecursionError):
            continue  # the refused files have tests of their own
        try:
            data, _duplicates = _fast(text)
        except source._Unsupported:
            continue
        except PlanError:
            continue  # nested too deep: refused either way (tests/hostile)
        assert data == expected, plan
        read += 1
    assert read > 40


@pytest.mark.parametrize("text", [
    "a: &x [1, 2]\nb: *x\n",  # an anchor and an alias
    "base: &b {a: 1}\nplan:\n  <<: *b\n  c: 2\n",  # a merge key
    "a: !!str 12\n",  # a tag
    "a: !!binary aGVsbG8=\n",
    "a: ! 12\n",  # the non-specific tag
    "? [a, b]\n: c\n",  # a list as a key
    "? {a: 1}\n: c\n",
    "a: 1\n---\nb: 2\n",  # two documents
    "--- 12\n--- 13\n",
])
def test_other_features_are_left_to_the_composer(text):
    with pytest.raises(source._Unsupported):
        _fast(text)


@pytest.mark.parametrize("text", [
    "a: &x [1, 2]\nb: *x\n",
    "base: &b {a: 1}\nplan:\n  <<: *b\n  c: 2\n",
    "a: !!str 12\n",
    "a: ! 12\n",
    "? a\n: c\n",
    "12\n",
    "",
    "---\n",
    "# only a comment\n",
    "[a, b]\n",
    "a:\n  b:\n    - c\n    -\n    - {d: e}\n",
])
def test_read_source_gives_pyyaml_data_whatever_the_way(tmp_path, text):
    expected = yaml.load(text, Loader=yaml.SafeLoader)
    try:
        assert _read(tmp_path, text) == expected
    except PlanError as exc:  # not a mapping of fields: refused, as before
        assert not isinstance(expected, dict), exc


@pytest.mark.parametrize("text, line", [
    ("a: 1\nb: 2\na: 3\n", 3),
    ("a:\n  x: 1\n  x: 2\n", 3),
    ("a: [{k: 1, k: 2}]\n", 1),
])
def test_a_key_written_twice_is_found_on_the_way(tmp_path, text, line):
    assert _fast(text)[1] is True
    with pytest.raises(PlanError) as caught:
        _read(tmp_path, text)
    assert caught.value.problems[0].line == line


def test_a_key_written_once_in_each_of_two_mappings_is_no_duplicate():
    assert _fast("a: {k: 1}\nb: {k: 2}\nk: 3\n")[1] is False


@pytest.mark.parametrize("text, line, column", [
    ("a: [1, 2\nb: 3\n", 2, 2),  # an unclosed flow list
    ("a: 'open\n", 2, 1),
    ("a:\n\t- b\n", 2, 1),
])
def test_syntax_errors_are_those_of_pyyaml_at_the_same_place(text, line, column):
    with pytest.raises(yaml.MarkedYAMLError) as fast:
        _fast(text)
    with pytest.raises(yaml.MarkedYAMLError) as composed:
        yaml.load(text, Loader=source._Loader)
    assert str(fast.value) == str(composed.value)
    mark = fast.value.problem_mark
    assert (mark.line + 1, mark.column + 1) == (line, column)


@pytest.mark.parametrize("depth, refused", [(99, False), (100, True), (100_000, True)])
def test_depth_is_counted_while_reading(tmp_path, depth, refused):
    text = "a: " + "[" * depth + "]" * depth + "\n"  # the fields' mapping is the first level
    if not refused:
        assert _fast(text)[0]["a"] is not None
        return
    with pytest.raises(PlanError) as caught:
        if depth < 1000:
            _fast(text)
        else:  # libyaml 0.2.6 refuses 1,000 levels as it reads ahead; the file is then read again to say where
            _read(tmp_path, text)
    problem = caught.value.problems[0]
    assert (problem.line, problem.column) == (1, 3 + source.MAX_DEPTH)  # the 101st level opens there
    assert "100 tầng" in problem.message
    if depth < 1000:  # the composer's own check says the same
        loader = source._PlanLoader(text)
        with pytest.raises(PlanError) as composed:
            source._compose_and_construct(loader, Path("ke-hoach.yaml"), text)
        assert composed.value.problems == caught.value.problems


# -- any data PyYAML can write ----------------------------------------------------------------------------

_TEXT = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x85\u2028\u2029\ufeff"),
                max_size=12)
_LEAF = st.one_of(_TEXT, st.integers(-10**20, 10**20), st.floats(allow_nan=False), st.booleans(), st.none(),
                  st.dates(), st.sampled_from(SCALARS))
_DATA = st.recursive(_LEAF, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.one_of(_TEXT, st.integers(), st.booleans()), inner, max_size=4)),
    max_leaves=25)


@settings(derandomize=True, max_examples=300, deadline=None)
@given(data=_DATA, flow=st.sampled_from([None, True, False]), style=st.sampled_from([None, "'", '"']))
def test_anything_pyyaml_writes_reads_back_the_same(data, flow, style):
    text = yaml.safe_dump(data, allow_unicode=True, default_flow_style=flow, default_style=style)
    expected = yaml.load(text, Loader=yaml.SafeLoader)
    try:
        data, _duplicates = _fast(text)
    except source._Unsupported:  # PyYAML wrote a tag ('!!int "0"'): the composer reads it
        event("composer")
        return
    assert data == expected


def test_dates_and_numbers_keep_their_types():
    data, _duplicates = _fast("d: 2026-04-20\nn: 30\nf: 12.5\nb: yes\nz: ~\n")
    assert data == {"d": dt.date(2026, 4, 20), "n": 30, "f": 12.5, "b": True, "z": None}


_PIECES = st.sampled_from(list("ab: -[]{},'\"\n  #&*!|>?~01.yesno\t%@`") + ["- ", ": ", "\n  ", "\n- ", "<<: "])


@settings(derandomize=True, max_examples=500, deadline=None)
@given(text=st.lists(_PIECES, max_size=40).map("".join))
def test_any_text_reads_or_fails_as_pyyaml_reads_or_fails_it(text):
    """Fragments of YAML thrown together: the event reader gives PyYAML's data, or its very error."""
    try:
        expected = ("data", yaml.load(text, Loader=source._Loader))
    except yaml.YAMLError as exc:
        expected = ("error", type(exc).__name__, str(exc))
    loader = source._PlanLoader(text)
    try:
        found = ("data", source._read_events(loader, Path("ke-hoach.yaml")))
    except source._Unsupported:
        event("composer")
        return
    except yaml.YAMLError as exc:
        found = ("error", type(exc).__name__, str(exc))
    finally:
        loader.dispose()
    assert found == expected


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"], ids=["utf-8", "utf-8 with BOM"])
@pytest.mark.parametrize("where", ["trich_yeu: Triển khai \x07 kế hoạch", "- \x07 Sở Tài chính"])
def test_a_control_character_is_placed_alike_with_or_without_a_bom(tmp_path, bom, where):
    """libyaml reads the file's bytes: a BOM before them (Notepad writes one) must not move the place named."""
    text = f"loai: ke-hoach\nso: 5\nnoi_nhan:\n  - Sở Nội vụ\n{'  ' if where[0] == '-' else ''}{where}\n"
    path = tmp_path / "ke-hoach.yaml"
    path.write_bytes(bom + text.encode("utf-8"))
    with pytest.raises(PlanError) as caught:
        read_source(path)
    line = text.split("\n")[4]
    assert [(p.line, p.column) for p in caught.value.problems] == [(5, line.index("\x07") + 1)]
    assert "U+0007" in str(caught.value)
