"""Read a plan file: YAML text → plain data, plus where every value stands in the file.

Only YAML's safe schema is understood (no Python object tags), through libyaml's C parser
when it is installed. Duplicate keys are an error naming both lines.
"""

from __future__ import annotations

from dataclasses import dataclass
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


@dataclass(frozen=True)
class Source:
    """A plan file read as data, with the location of each value and each key."""

    path: Path
    data: Any
    values: dict[FieldPath, Location]
    keys: dict[FieldPath, Location]

    def locate(self, field: FieldPath) -> Location | None:
        """Where ``field`` (or its nearest located parent) stands; None for an empty file."""
        for end in range(len(field), -1, -1):
            found = self.values.get(tuple(field[:end]))
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


def _index(path: Path, node: yaml.Node, field: FieldPath, source: Source, problems: list[Problem]) -> None:
    source.values[field] = _mark(node.start_mark)
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
            source.keys[child] = _mark(key.start_mark)
            _index(path, value, child, source, problems)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _index(path, item, (*field, i), source, problems)


def _yaml_message(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or str(exc)
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


def read_source(path: Path) -> Source:
    """Read ``path`` as YAML; PlanError if it cannot be read or is not a mapping of fields."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PlanError([Problem(path, None, None, (), f"không đọc được tệp ({exc.strerror or exc})")]) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise PlanError([Problem(path, line, column, (), "tệp không phải văn bản Unicode UTF-8; hãy lưu lại tệp "
                                 "với bảng mã UTF-8 (Unicode)")]) from None
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        problems: list[Problem] = []
        source = Source(path, None, {}, {})
        if node is not None:
            _index(path, node, (), source, problems)
        if problems:
            raise PlanError(problems)
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        raise PlanError([_problem(path, _error_mark(exc), _yaml_message(exc))]) from None
    except yaml.YAMLError as exc:
        raise PlanError([Problem(path, None, None, (), f"lỗi YAML: {exc}")]) from None
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        line = source.values.get((), (1, 1))
        raise PlanError([Problem(path, line[0], line[1], (), "tệp kế hoạch phải gồm các mục dạng "
                                 '"tên_mục: giá trị" (ví dụ "loai: ke-hoach")')])
    return Source(path, data, source.values, source.keys)
