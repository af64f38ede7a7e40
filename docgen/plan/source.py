"""Read a plan file: YAML text → plain data, plus where every value stands in the file.

Only YAML's safe schema is understood (no Python object tags), through libyaml's C parser
when it is installed. Duplicate keys are an error naming both lines.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

import yaml

from docgen.errors import PlanError, Problem

__all__ = ["Source", "read_source", "Location"]

try:  # libyaml's parser is several times faster; PyYAML falls back to pure Python without it
    _Loader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

FieldPath = tuple[str | int, ...]
Location = tuple[int, int]  # 1-based line and column


class Source:
    """A plan file read as data, with the location of each value and each key.

    Locations are only needed to name a line in a message, so they are worked out from the text
    the first time one is asked for, not on every load."""

    def __init__(self, path: Path, data: Any, text: str = "", index: tuple[dict, dict] | None = None) -> None:
        self.path, self.data, self.text = path, data, text
        self._index = index

    def with_data(self, data: Any) -> Source:
        """The same file, its data replaced (after expanding shared groups): locations stay the file's."""
        return Source(self.path, data, self.text, self._index)

    @property
    def values(self) -> dict[FieldPath, Location]:
        """Where each value stands, by field path."""
        return self._located()[0]

    @property
    def keys(self) -> dict[FieldPath, Location]:
        """Where each key is written, by field path."""
        return self._located()[1]

    def _located(self) -> tuple[dict, dict]:
        if self._index is None:
            self._index, _problems = _locations(self.path, self.text)
        return self._index

    def locate(self, field: FieldPath) -> Location | None:
        """Where ``field`` (or its nearest located parent) stands; None for an empty file."""
        values = self.values
        for end in range(len(field), -1, -1):
            found = values.get(tuple(field[:end]))
            if found is not None:
                return found
        return None

    def locate_key(self, field: FieldPath) -> Location | None:
        """Where the key of ``field`` is written, else where its value is."""
        return self.keys.get(tuple(field)) or self.locate(field)


def _mark(mark: yaml.Mark) -> Location:
    return mark.line + 1, mark.column + 1


def _problem(path: Path, mark: yaml.Mark | None, message: str, field: FieldPath = ()) -> Problem:
    line, column = _mark(mark) if mark is not None else (None, None)
    return Problem(path, line, column, field, message)


def _index(path: Path, node: yaml.Node, field: FieldPath, index: tuple[dict, dict], problems: list[Problem]) -> None:
    values, keys = index
    values[field] = _mark(node.start_mark)
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, yaml.Node] = {}
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else None
            if name in seen:
                first = _mark(seen[name].start_mark)[0]
                problems.append(
                    _problem(path, key.start_mark, f'mục "{name}" được ghi hai lần (dòng {first} và dòng '
                             f"{key.start_mark.line + 1}); hãy giữ lại một", (*field, name))
                )
                continue
            seen[name] = key
            child = (*field, name)
            keys[child] = _mark(key.start_mark)
            _index(path, value, child, index, problems)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _index(path, item, (*field, i), index, problems)


def _locations(path: Path, text: str) -> tuple[tuple[dict, dict], list[Problem]]:
    """The locations of every value and key of the YAML ``text`` (read again: construction rewrites merge keys),
    and the duplicate keys found on the way."""
    index: tuple[dict, dict] = ({}, {})
    problems: list[Problem] = []
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    finally:
        loader.dispose()
    if node is not None:
        _index(path, node, (), index, problems)
    return index, problems


_STR, _SEQ, _MAP, _MERGE, _INT, _FLOAT = (f"tag:yaml.org,2002:{t}"
                                           for t in ("str", "seq", "map", "merge", "int", "float"))
_PLAIN_FLOAT = re.compile(r"-?[0-9]+\.[0-9]+")


class _Anything:
    def __contains__(self, item: object) -> bool:
        return True


# The first characters that some implicit type of YAML's safe schema may start with; when a type could start
# with any character (a wildcard) or a path resolver is set, every character is.
_RESOLVABLE: frozenset[str] | _Anything = (
    frozenset(first for first in _Loader.yaml_implicit_resolvers if first)
    if None not in _Loader.yaml_implicit_resolvers and not _Loader.yaml_path_resolvers else _Anything())


_RESOLVED: dict[str, str] = {}


class _PlanLoader(_Loader):  # type: ignore[misc,valid-type]
    """The safe loader, noting duplicate keys (which YAML would silently let the last one win)."""

    duplicates = False

    def resolve(self, kind, value, implicit):  # noqa: D102 (PyYAML's hook, called for every value)
        # Most of a plan is text: a quoted scalar, or a plain one whose first letter starts no other type
        # (no number, boolean, null, date, merge key), is text without asking each pattern in turn.
        if kind is not yaml.ScalarNode:
            return super().resolve(kind, value, implicit)
        if not (implicit[0] and (not value or value[0] in _RESOLVABLE)):
            return _STR
        # A plain scalar's type depends on its text alone (there are no path resolvers, or every first
        # character would be resolvable): the keys and short values a plan repeats are asked once.
        tag = _RESOLVED.get(value)
        if tag is None:
            tag = super().resolve(kind, value, implicit)
            if len(value) <= 40:
                if len(_RESOLVED) >= 4096:
                    _RESOLVED.clear()
                _RESOLVED[value] = tag
        return tag

    def construct_mapping(self, node, deep=False):  # noqa: D102 (PyYAML's hook)
        if isinstance(node, yaml.MappingNode):
            names = [key.value for key, _value in node.value if isinstance(key, yaml.ScalarNode)]
            if len(names) != len(set(names)):
                self.duplicates = True
        return super().construct_mapping(node, deep)



def _construct(loader: _PlanLoader, node: yaml.Node, shared: dict[int, Any]) -> Any:
    """The data of ``node``. Plain text, lists and mappings — nearly all of a plan — are built here at C
    speed; every other value (numbers, booleans, dates, merge keys "<<", tags) is left to PyYAML's own
    safe constructor. ``shared``: what was built for each list or mapping, so an alias gets the same one."""
    if node.id == "scalar":
        return node.value if node.tag == _STR else loader.construct_object(node, deep=True)
    found = shared.get(id(node))
    if found is not None:
        return found
    if node.tag == _SEQ and node.id == "sequence":
        shared[id(node)] = value = []
        value += [_construct(loader, item, shared) for item in node.value]
        return value
    if node.tag == _MAP and node.id == "mapping" and not any(key.tag == _MERGE for key, _ in node.value):
        shared[id(node)] = value = {}
        for key_node, value_node in node.value:
            key = _construct(loader, key_node, shared)
            try:
                if key in value:
                    loader.duplicates = True
                value[key] = _construct(loader, value_node, shared)
            except TypeError:
                raise yaml.constructor.ConstructorError("while constructing a mapping", node.start_mark,
                                                        "found unhashable key", key_node.start_mark) from None
        return value
    return loader.construct_object(node, deep=True)


class _Unsupported(Exception):
    """The plan uses a YAML feature the event reader leaves to PyYAML's composer (anchors, aliases, tags,
    merge keys, a list or mapping as a key, several documents)."""


_EVENT_KINDS = (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent, yaml.SequenceEndEvent,
                yaml.MappingEndEvent)
_NO_KEY = object()


def _read_events(loader: _PlanLoader, path: Path) -> Any:
    """The data of a plan written with text, numbers, lists and mappings only, built straight from the
    parser's events: no node objects, nothing walked twice, and no recursion, so depth is counted as
    it is read. _Unsupported for anything else; PlanError when lists and mappings nest too deep."""
    get = loader.get_event
    scalar, seq_start, map_start, seq_end, map_end = _EVENT_KINDS
    get()  # the stream starts
    if type(get()) is yaml.StreamEndEvent:
        return None  # an empty file
    root: Any = None
    # what is being built, innermost last (a list or a mapping), and for each its pending key
    stack: list[Any] = []
    keys: list[Any] = []
    # for each open list written in brackets [a, b] under a key whose items are texts: its plain items and where
    watched: list[list | None] = []
    split: list[Problem] = []
    while True:
        event = get()
        kind = type(event)
        if kind is scalar:
            if event.anchor is not None or event.tag is not None:
                raise _Unsupported
            value = event.value
            if watched and watched[-1] is not None and not event.style:  # plain: no quotes (libyaml says "")
                watched[-1].append((value, event.start_mark))
            tag = loader.resolve(yaml.ScalarNode, value, event.implicit)
            if tag != _STR:
                if tag == _MERGE:
                    raise _Unsupported
                if tag == _INT and value.isascii() and value.isdigit() and (value[0] != "0" or value == "0"):
                    value = int(value)  # a plain decimal number, read as PyYAML reads it
                elif tag == _FLOAT and _PLAIN_FLOAT.fullmatch(value):
                    value = float(value)  # "12.5": no "_", exponent, sign "+" or sexagesimal part to read
                else:
                    value = loader.construct_object(
                        yaml.ScalarNode(tag, value, event.start_mark, event.end_mark, event.style), deep=True)
        elif kind is seq_start or kind is map_start:
            if event.anchor is not None or event.tag is not None:
                raise _Unsupported
            if len(stack) >= MAX_DEPTH:
                raise PlanError([_problem(path, event.start_mark, _TOO_DEEP)])
            value = [] if kind is seq_start else {}
            # a list in brackets, the value of a key whose items are texts: its plain items are watched
            watch = (kind is seq_start and event.flow_style and bool(stack) and type(stack[-1]) is dict
                     and keys[-1] in _TEXT_LISTS)
        elif kind is seq_end or kind is map_end:
            stack.pop()
            keys.pop()
            items = watched.pop()
            if items:
                split += _split_by_commas(path, items)
            if stack:
                continue
            _single_document(get)
            if split:
                raise PlanError(split)
            return root
        else:  # an alias
            raise _Unsupported
        if not stack:
            if kind is scalar:  # a file holding one value, not fields
                _single_document(get)
                return value
            root = value
        else:
            top = stack[-1]
            if type(top) is list:
                top.append(value)
            elif keys[-1] is _NO_KEY:
                if kind is not scalar:
                    raise _Unsupported  # a list or mapping as a key
                keys[-1] = value
            else:
                key = keys[-1]
                try:
                    if key in top:
                        loader.duplicates = True
                except TypeError:  # a key that cannot be one: PyYAML's message
                    raise _Unsupported from None
                top[key] = value
                keys[-1] = _NO_KEY
        if kind is not scalar:
            stack.append(value)
            keys.append(_NO_KEY)
            watched.append([] if watch else None)


# The keys whose lists hold texts (paragraphs, recipients, points): in brackets, a comma inside a text splits it.
_TEXT_LISTS = frozenset({"doan", "mo_dau", "ket_thuc", "noi_nhan", "kinh_gui", "cong"})


def _split_by_commas(path: Path, items: list[tuple[Any, Any]]) -> list[Problem]:
    """A list in brackets under a key of texts whose second or later item begins with a small letter: the comma of
    a sentence has split it ("[Tổ chức hội nghị cho cán bộ thôn, làng]" is two paragraphs). Told, with where."""
    for value, mark in items[1:]:
        if isinstance(value, str) and value[:1].islower():
            return [_problem(path, mark, (
                f'"{value[:40]}" bắt đầu bằng chữ thường: dấu phẩy trong [ … ] đã tách một đoạn chữ thành nhiều '
                'mục. Nếu đó là một đoạn, đặt cả đoạn trong ngoặc kép: ["…, …"]'))]
    return []


def _single_document(get) -> None:
    """_Unsupported unless the stream ends with the document just read (PyYAML words the error)."""
    if type(get()) is not yaml.DocumentEndEvent or type(get()) is not yaml.StreamEndEvent:
        raise _Unsupported


def _refuse_binary(loader, node):
    raise yaml.constructor.ConstructorError(None, None, "binary data (!!binary) is not plan text", node.start_mark)


_PlanLoader.add_constructor("tag:yaml.org,2002:binary", _refuse_binary)

# How deep lists and mappings may nest. A plan needs about ten levels. libyaml's composer recurses on
# the C stack and crashes the process somewhere past 20,000 levels, so a text that might nest deeper
# than SAFE_BOUND is measured first; Python's own walks stop near 1,000 (RecursionError), and then
# the text is measured to say where.
MAX_DEPTH = 100
SAFE_BOUND = 5_000


def _nesting_bound(text: str) -> int:
    """An upper bound of the nesting depth of the YAML ``text``, counted in C: each flow level needs a "["
    or "{", each block level more indentation or an indicator ("- ", ": ", "? ") on a line above it."""
    indent = max(map(len, _INDENTS.findall(text)), default=0)
    return (text.count("[") + text.count("{") + text.count("- ") + text.count(": ") + text.count("? ")
            + text.count("-\n") + text.count(":\n") + indent + 2)


_INDENTS = re.compile(r"^ +", re.MULTILINE)


def _too_deep(text: str) -> yaml.Mark | None:
    """Where the YAML ``text`` first nests deeper than MAX_DEPTH (None if it never does), found from
    the parser's events: no recursion, so any depth is measured safely."""
    depth = 0
    loader = _Loader(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    return event.start_mark
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        if not _nested_too_deep(exc):
            raise
        # libyaml's own bound, met while it reads ahead of the events: the text before that point nests
        # less deep than the bound, and is read again to find where it passes MAX_DEPTH
        index = exc.problem_mark.index  # in characters
        return (_too_deep(text[:index]) if 0 < index < len(text) else None) or exc.problem_mark
    finally:
        loader.dispose()
    return None


def _nested_too_deep(exc: yaml.MarkedYAMLError) -> bool:
    """True when ``exc`` is libyaml's refusal (0.2.6 and later) of lists and mappings nested past its bound
    (1,000 levels, more than MAX_DEPTH allows anyway)."""
    return (exc.problem or "").startswith("exceeded maximum nesting depth")


_TOO_DEEP = f"các mục lồng vào nhau quá {MAX_DEPTH} tầng; một kế hoạch chỉ cần vài tầng (phần, mục, đoạn)"


def _refuse_deep(path: Path, text: str) -> None:
    """PlanError, located, if ``text`` nests deeper than MAX_DEPTH."""
    mark = _too_deep(text)
    if mark is not None:
        raise PlanError([_problem(path, mark, _TOO_DEEP)])


def _deeper_than_allowed(root: yaml.Node) -> yaml.Mark | None:
    """Where the composed ``root`` first nests deeper than MAX_DEPTH, walked level by level (no recursion,
    and only through lists and mappings)."""
    level, depth = [root], 1
    while level:
        if depth > MAX_DEPTH:
            return level[0].start_mark
        below = []
        for node in level:
            children = node.value if node.id == "sequence" else [child for pair in node.value for child in pair]
            below += [child for child in children if child.id != "scalar"]
        level, depth = below, depth + 1
    return None


# A plan with aliases (*name) may reuse a part many times; counted as written out in full it must stay
# this small, so that a "billion laughs" file is refused at once rather than expanded.
MAX_NODES = 200_000
MAX_BYTES = 20 * 1024 * 1024


def _expanded_size(node: yaml.Node, memo: dict[int, int]) -> int:
    """How many nodes ``node`` stands for with every alias written out (each shared node counted once per use)."""
    found = memo.get(id(node))
    if found is not None:
        return found
    memo[id(node)] = MAX_NODES + 1  # a node that contains itself is refused too
    if isinstance(node, yaml.MappingNode):
        total = 1 + sum(_expanded_size(k, memo) + _expanded_size(v, memo) for k, v in node.value)
    elif isinstance(node, yaml.SequenceNode):
        total = 1 + sum(_expanded_size(item, memo) for item in node.value)
    else:
        total = 1
    memo[id(node)] = total = min(total, MAX_NODES + 1)
    return total


def _yaml_message(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or str(exc)
    if isinstance(exc, yaml.constructor.ConstructorError):  # a tag: !!python/…, !!binary, !ruby/…
        tag = re.search(r"tag '([^']*)'", problem)
        shown = tag.group(1).replace("tag:yaml.org,2002:", "!!") if tag else "!!binary"
        return (f'không được dùng thẻ "{shown}": tệp kế hoạch chỉ chứa chữ, số và danh sách, không chứa lệnh, '
                f"đối tượng hay dữ liệu nhị phân; hãy xóa thẻ này ({' '.join(problem.split())})")
    for key, text in _HINTS.items():
        if problem.startswith(key):
            return f"lỗi cú pháp YAML: {text} ({problem})"
    return f"lỗi cú pháp YAML: {problem}"


# Both parsers' wording (libyaml's first), each with what a clerk should do about it.
_HINTS = {
    "mapping values are not allowed": 'có dấu ": " giữa một đoạn chữ; hãy đặt cả đoạn chữ trong dấu ngoặc kép "…"',
    "found a tab character": "có ký tự Tab dùng để thụt lề; hãy thụt lề bằng dấu cách",
    "found character that cannot start any token": "có ký tự không được đứng đầu (thường là Tab dùng để thụt lề); "
    "hãy thụt lề bằng dấu cách",
    "found character '\\t' that cannot start any token": "có ký tự Tab dùng để thụt lề; hãy thụt lề bằng dấu cách",
    "found unexpected end of stream": "dấu ngoặc kép mở ở đây mà chưa đóng",
    "did not find expected key": "thụt lề không đều: các mục cùng cấp phải thẳng hàng, thụt cùng số dấu cách",
    "did not find expected '-' indicator": 'thụt lề không đều trong một danh sách: mỗi phần tử bắt đầu bằng "- " thẳng hàng',
    "could not find expected ':'": 'thiếu dấu ":" sau tên mục, hoặc một đoạn chữ nhiều dòng chưa được đặt trong ngoặc kép',
    "did not find expected ',' or ']'": 'một ô trong danh sách [ … ] có dấu phẩy, ngoặc hoặc { }: hãy đặt ô đó '
    'trong ngoặc kép "…"',
    "found undefined alias": "dùng một tên bí danh (*) chưa được định nghĩa",
}


def _error_mark(exc: yaml.MarkedYAMLError) -> yaml.Mark | None:
    """Where a clerk should look: the opening of what never closed, else where the parser stopped."""
    if exc.context_mark is not None and "end of stream" in (exc.problem or ""):
        return exc.context_mark
    return exc.problem_mark or exc.context_mark


def _decode(path: Path, raw: bytes) -> str:
    """The text of a plan file; PlanError naming the encoding it seems to be in when it is not UTF-8."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(raw) >= 2 and raw.count(b"\x00") * 4 >= len(raw)):
        raise PlanError([Problem(path, 1, 1, (), "tệp được lưu với bảng mã UTF-16 (Unicode của Notepad cũ), không "
                                 'phải UTF-8; hãy mở tệp và lưu lại, chọn bảng mã "UTF-8"')])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        guess = "Windows-1258 hoặc một bảng mã cũ (TCVN3, VNI)" if _looks_1258(raw) else "một bảng mã khác"
        raise PlanError([Problem(path, line, column, (), f"tệp không phải văn bản Unicode UTF-8 (có vẻ là {guess}); "
                                 'hãy mở tệp và lưu lại, chọn bảng mã "UTF-8"')]) from None


def _looks_1258(raw: bytes) -> bool:
    """True when ``raw`` reads as Vietnamese in Windows-1258 (every non-ASCII byte a Vietnamese letter or tone)."""
    try:
        text = raw.decode("cp1258")
    except UnicodeDecodeError:
        return False
    letters = [ch for ch in unicodedata.normalize("NFC", text) if ord(ch) > 127]
    return bool(letters) and sum(ch.lower() in _VIETNAMESE for ch in letters) >= 0.9 * len(letters)


_VIETNAMESE = frozenset(
    "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
)


def _compose_and_construct(loader: _PlanLoader, path: Path, text: str) -> Any:
    """The data of ``text`` through PyYAML's composer (every feature of YAML's safe schema), bounded in
    size and depth before anything is built."""
    if _nesting_bound(text) > SAFE_BOUND:  # libyaml's composer recurses on the C stack: measure first
        _refuse_deep(path, text)
    node = loader.get_single_node()
    if node is not None and "&" in text and _expanded_size(node, {}) > MAX_NODES:
        raise PlanError([_problem(path, node.start_mark, "tệp dùng bí danh (&tên, *tên) lồng nhau tạo ra quá "
                                  "nhiều mục khi viết ra đầy đủ; hãy viết thẳng các mục, không dùng bí danh")])
    if node is not None and node.id != "scalar" and (mark := _deeper_than_allowed(node)) is not None:
        raise PlanError([_problem(path, mark, _TOO_DEEP)])
    return _construct(loader, node, {}) if node is not None else None


def read_source(path: Path, raw: bytes | None = None) -> Source:
    """Read ``path`` as YAML (or ``raw``, the text of a plan that would stand at ``path``: an editor's text not
    saved yet); PlanError if it cannot be read or is not a mapping of fields."""
    try:
        size = len(raw) if raw is not None else path.stat().st_size
        if size > MAX_BYTES:
            raise PlanError([Problem(path, None, None, (), f"tệp quá lớn ({size // 2**20} MB); một "
                                     f"kế hoạch không thể dài quá {MAX_BYTES // 2**20} MB")])
        if raw is None:
            raw = path.read_bytes()
    except OSError as exc:
        raise PlanError([Problem(path, None, None, (), f"không đọc được tệp ({exc.strerror or exc})")]) from None
    text = _decode(path, raw)
    # libyaml reads the file's bytes (without the BOM "utf-8-sig" took off the text: positions count the same)
    loader = _PlanLoader(raw.removeprefix(b"\xef\xbb\xbf") if _Loader is not yaml.SafeLoader else text)
    try:
        try:
            data = _read_events(loader, path)
        except _Unsupported:  # read again, the whole way: composed into nodes, then constructed
            loader.dispose()
            loader = _PlanLoader(text)
            data = _compose_and_construct(loader, path, text)
        if loader.duplicates:
            raise PlanError(_locations(path, text)[1])
    except yaml.MarkedYAMLError as exc:
        if _nested_too_deep(exc):
            _refuse_deep(path, text)
        raise PlanError([_problem(path, _error_mark(exc), _yaml_message(exc))]) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow (NUL, BEL, …)
        # libyaml counts in bytes of UTF-8, the pure-Python reader in characters
        before = text.encode("utf-8")[: exc.position].decode("utf-8", "ignore") if _Loader is not yaml.SafeLoader \
            else text[: exc.position]
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        char = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "\0")
        raise PlanError([Problem(path, line, column, (), f"có ký tự điều khiển không in được (U+{char:04X}); "
                                 "hãy xóa ký tự này (thường do chép từ chương trình khác)")]) from None
    except yaml.YAMLError as exc:
        raise PlanError([Problem(path, None, None, (), f"lỗi YAML: {' '.join(str(exc).split())}")]) from None
    except RecursionError:
        _refuse_deep(path, text)
        raise PlanError([Problem(path, None, None, (), "các mục lồng vào nhau quá nhiều tầng")]) from None
    finally:
        loader.dispose()
    source = Source(path, data, text)
    if not isinstance(data, dict):
        line = source.values.get((), (1, 1))
        raise PlanError([Problem(path, line[0], line[1], (), "tệp kế hoạch phải gồm các mục dạng "
                                 '"tên_mục: giá trị" (ví dụ "loai: ke-hoach")')])
    return source
