"""The lines of a signature block (Phụ lục I, II.7; Điều 13): the authority prefix and each title on a line of
its own, and only the combinations the decree has.

Pure and small: ``docgen check`` (rule ky.lines) and the plan validator both call ``problems(lines)`` on the
lines above the signer's name, so that a plan and a finished document are judged by the same words:

    TM. ỦY BAN NHÂN DÂN          a collective (or agency) after "TM."
    KT. CHỦ TỊCH                 a person's title after "KT.", "TL.", "TUQ.", "Q."
    PHÓ CHỦ TỊCH                 the title of the one who signs

A person's title is told from a collective by its words (whole words, Vietnamese case folded): a title
holds a word such as "CHỦ TỊCH", "TRƯỞNG", "GIÁM ĐỐC", "CHÁNH"; a collective begins with a word such as
"ỦY BAN", "BAN", "HỘI ĐỒNG", "THƯỜNG TRỰC".
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass

from docgen.nd30 import AUTHORITY_PREFIXES

__all__ = ["ALLOWED_SEQUENCES", "is_title", "is_collective", "split_prefix", "problems"]

# The prefixes of one signature block, top to bottom, that the decree has (Phụ lục I, II.7.a; Điều 13):
ALLOWED_SEQUENCES: tuple[tuple[str, ...], ...] = (
    (),  # CHỦ TỊCH
    ("TM.",),  # TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH
    ("TM.", "KT."),  # TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH
    ("TM.", "Q."),  # TM. ỦY BAN NHÂN DÂN / Q. CHỦ TỊCH
    ("KT.",),  # KT. CHỦ TỊCH / PHÓ CHỦ TỊCH
    ("TL.",),  # TL. CHỦ TỊCH / CHÁNH VĂN PHÒNG
    ("TL.", "KT."),  # TL. CHỦ TỊCH / KT. CHÁNH VĂN PHÒNG / PHÓ CHÁNH VĂN PHÒNG (Điều 13.3)
    ("TUQ.",),  # TUQ. CHỦ TỊCH / GIÁM ĐỐC SỞ NỘI VỤ
    ("Q.",),  # Q. CHỦ TỊCH
)

# Words that make a person's title ("TRƯỞNG": Trưởng ban, Bộ trưởng, Vụ trưởng, Hiệu trưởng…).
_HEADS = tuple(tuple(h.split()) for h in (
    "CHỦ TỊCH", "TRƯỞNG", "GIÁM ĐỐC", "CHÁNH", "BÍ THƯ", "CHỦ NHIỆM", "THỦ TƯỚNG", "THỐNG ĐỐC", "TƯ LỆNH",
    "TỔNG BIÊN TẬP", "TỔNG THƯ KÝ", "TỔNG KIỂM TOÁN", "CHÍNH ỦY", "ỦY VIÊN", "ĐẠI SỨ",
))
# Words that open a title without making one on their own (Phó chủ tịch, Tổng giám đốc, Thứ trưởng).
_MODIFIERS = frozenset({"PHÓ", "TỔNG", "THỨ"})
# Words that begin the name of a collective or an agency; marked True when they are the whole name.
_COLLECTIVES = {tuple(c.split()): whole for c, whole in (
    ("ỦY BAN", False), ("BAN", False), ("HỘI ĐỒNG", False), ("THƯỜNG TRỰC", False), ("ĐOÀN", False),
    ("TỔ", False), ("HỘI", False), ("LIÊN ĐOÀN", False), ("CÔNG ĐOÀN", False), ("TẬP THỂ", False),
    ("ĐẢNG ỦY", False), ("ĐẢNG ĐOÀN", False), ("ĐẢNG BỘ", False), ("CHI BỘ", False), ("TỈNH ỦY", False),
    ("THÀNH ỦY", False), ("HUYỆN ỦY", False), ("QUẬN ỦY", False), ("THỊ ỦY", False),
    ("CHÍNH PHỦ", True), ("QUỐC HỘI", True), ("BỘ CHÍNH TRỊ", True), ("UBND", True), ("HĐND", True),
    ("BCĐ", True), ("BTV", True), ("BCH", True),
)}
_JOINERS = frozenset({"KIÊM", "VÀ"})  # "CHỦ TỊCH KIÊM GIÁM ĐỐC" is one person's titles, on one line
_PREFIX_WORDS = {p[:-1]: p for p in AUTHORITY_PREFIXES}  # "KT" → "KT."


# Heads and collectives by their first word: a word is looked up once, not compared with every phrase.
_HEADS_BY_WORD: dict[str, list[tuple[str, ...]]] = {}
for _head in _HEADS:
    _HEADS_BY_WORD.setdefault(_head[0], []).append(_head)
_COLLECTIVES_BY_WORD: dict[str, list[tuple[tuple[str, ...], bool]]] = {}
for _noun, _whole in _COLLECTIVES.items():
    _COLLECTIVES_BY_WORD.setdefault(_noun[0], []).append((_noun, _whole))


@functools.lru_cache(maxsize=4096)
def _fold(word: str) -> str:
    """A word as compared: NFC, upper case, "UỶ" as "ỦY", without surrounding punctuation."""
    word = unicodedata.normalize("NFC", word).upper().strip(",;:()\"'“”")
    return word.replace("UỶ", "ỦY")


def _at(words: list[str], i: int, phrase: tuple[str, ...]) -> bool:
    return tuple(words[i:i + len(phrase)]) == phrase


def _head_at(words: list[str], i: int) -> bool:
    """True when a head ("CHỦ TỊCH", "TRƯỞNG") begins at ``words[i]``."""
    return any(_at(words, i, head) for head in _HEADS_BY_WORD.get(words[i], ()))


def _has_head(words: list[str]) -> bool:
    return any(_head_at(words, i) for i in range(len(words)))


def _collective(words: list[str]) -> bool:
    for noun, whole in _COLLECTIVES_BY_WORD.get(words[0], ()) if words else ():
        if _at(words, 0, noun):
            rest = words[len(noun):]
            if rest and rest[0] in ("TRƯỞNG", "PHÓ"):  # TỔ TRƯỞNG, ĐOÀN TRƯỞNG, TỔ PHÓ: a person
                return False
            if whole or rest:
                return True
    return False


def _title(words: list[str]) -> bool:
    return not _collective(words) and (_has_head(words) or "PHÓ" in words)


def _words(text: str) -> list[str]:
    return [_fold(w) for w in text.split()]


def split_prefix(line: str) -> tuple[str | None, str]:
    """The authority prefix a line begins with ("KT.", also when typed "KT" or "Kt."), and the rest."""
    head, _, rest = line.strip().partition(" ")
    if head.endswith(".") and len(head) > 1 and head[:-1].upper() in _PREFIX_WORDS:
        return _PREFIX_WORDS[head[:-1].upper()], rest.strip()
    if head.upper() in _PREFIX_WORDS and rest:
        return _PREFIX_WORDS[head.upper()], rest.strip()
    if "." in head[:-1]:  # "TM.ỦY BAN …": the prefix run into the word after it
        before, _, after = head.partition(".")
        if before.upper() in _PREFIX_WORDS and after:
            return _PREFIX_WORDS[before.upper()], f"{after} {rest}".strip()
    return None, line.strip()


def is_title(text: str) -> bool:
    """True when ``text`` (one line, with or without its prefix) names a person's title: "PHÓ CHỦ TỊCH",
    "GIÁM ĐỐC SỞ NỘI VỤ", "Bộ trưởng"; not "KHEN THƯỞNG", not a collective."""
    return _title(_words(split_prefix(text)[1]))


def is_collective(text: str) -> bool:
    """True when ``text`` (one line, with or without its prefix) names a collective or an agency:
    "ỦY BAN NHÂN DÂN", "BAN CHỈ ĐẠO", "HỘI ĐỒNG NHÂN DÂN", "BAN THƯỜNG VỤ"."""
    return _collective(_words(split_prefix(text)[1]))


@dataclass
class _Line:
    """One line as it should stand: where it was typed, its prefix and its text."""

    index: int
    prefix: str | None
    text: str

    @property
    def shown(self) -> str:
        return f"{self.prefix} {self.text}".strip() if self.prefix else self.text

    @property
    def words(self) -> list[str]:
        return _words(self.text)


def _starts_title(words: list[str], loose: bool) -> bool:
    """True when a title can begin at ``words[0]``: a head or a modifier there ("PHÓ CHỦ TỊCH"), or, ``loose``,
    "TRƯỞNG" second ("VỤ TRƯỞNG", "BỘ TRƯỞNG")."""
    if loose:
        return len(words) > 1 and words[1] == "TRƯỞNG"
    return words[0] in _MODIFIERS or _head_at(words, 0)


def _split_point(text: str) -> int | None:
    """Where, in the words of ``text``, a second title begins after a first title or collective ("CHỦ TỊCH |
    PHÓ CHỦ TỊCH", "ỦY BAN NHÂN DÂN | CHỦ TỊCH", "BỘ TRƯỞNG | VỤ TRƯỞNG VỤ PHÁP CHẾ"); None when they are one.
    Of several places, the one after a complete title ("… TRƯỞNG"), then a title opening with its head."""
    raw = text.split()
    words = [_fold(w) for w in raw]
    found = []
    for loose in (False, True):
        for i in range(1, len(words)):
            first, second = words[:i], words[i:]
            if first[-1] in _MODIFIERS or first[-1] in _JOINERS or second[0] in _JOINERS or raw[i - 1][-1] in ",;" \
                    or raw[i][-1] in ",;":
                continue
            if _starts_title(second, loose) and _has_head(second) and (_has_head(first) or _collective(first)):
                complete = any(tuple(first[-len(head):]) == head for head in _HEADS)
                found.append((not complete, loose, i))
    return min(found)[2] if found else None


def _mid_prefix(text: str) -> int | None:
    """The position in ``text`` of an authority prefix standing inside it ("ỦY BAN NHÂN DÂN KT. CHỦ TỊCH"), when
    a title or a collective follows it (so "Q. 1", a district, is not one)."""
    words = text.split()
    for i, word in enumerate(words[1:], start=1):
        if word.upper() in AUTHORITY_PREFIXES and i + 1 < len(words):
            after = _words(" ".join(words[i + 1:]))
            if _title(after) or _collective(after):
                return len(" ".join(words[:i])) + 1
    return None


# A signature line is a handful of words; a longer one is not looked into for lines run together (the search for
# where a second title begins grows with the square of the words).
_MAX_WORDS = 40


def _logical(index: int, line: str) -> list[_Line]:
    """The lines ``line`` should have been: split before a prefix inside it and between two titles."""
    out: list[_Line] = []
    prefix, rest = split_prefix(" ".join(line.split()))
    if len(rest.split()) > _MAX_WORDS:
        return [_Line(index, prefix, rest)]
    while True:
        cut = _mid_prefix(rest)
        if cut is None:
            out += _split_titles(index, prefix, rest)
            return out
        out += _split_titles(index, prefix, rest[:cut].strip())
        prefix, rest = split_prefix(rest[cut:])


def _split_titles(index: int, prefix: str | None, text: str) -> list[_Line]:
    out: list[_Line] = []
    while (cut := _split_point(text)) is not None:
        parts = text.split()
        out.append(_Line(index, prefix, " ".join(parts[:cut])))
        prefix, text = None, " ".join(parts[cut:])
    out.append(_Line(index, prefix, text))
    return out


_COUNT = {2: "hai", 3: "ba", 4: "bốn", 5: "năm"}
_EXAMPLE_AFTER = {"TM.": "ỦY BAN NHÂN DÂN"}
_EXAMPLE = {"TM.": "CHỦ TỊCH", "TL.": "CHÁNH VĂN PHÒNG", "TUQ.": "GIÁM ĐỐC SỞ NỘI VỤ"}


def _shown(lines: list[_Line]) -> str:
    return " / ".join(f'"{line.shown}"' for line in lines)


def problems(lines: list[str]) -> list[tuple[int, str]]:
    """What is wrong with the lines of a signature block above the signer's name (``lines``, top to bottom; lines
    in brackets such as "(Đã ký)" left out): (index of the line in ``lines``, a Vietnamese message showing the
    right form), in order; empty when the block is one of the decree's forms."""
    return list(_problems(tuple(lines)))


@functools.lru_cache(maxsize=1024)
def _problems(lines: tuple[str, ...]) -> tuple[tuple[int, str], ...]:
    """``problems``, kept per block: the documents of one agency share a handful of signature blocks."""
    out: list[tuple[int, str]] = []
    logical: list[_Line] = []
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        found = _logical(index, line)
        if len(found) > 1:
            moved = [x.prefix for x in found[1:] if x.prefix]
            why = f'quyền hạn "{moved[0]}" phải đứng đầu dòng; ' if moved else ""
            out.append((index, f"{why}cần tách thành {_COUNT.get(len(found), len(found))} dòng: {_shown(found)}"))
        logical += found
    for i, line in enumerate(logical):
        if line.prefix is None:
            continue
        words = line.words
        after = logical[i + 1] if i + 1 < len(logical) else None
        if not words:
            example = _EXAMPLE_AFTER.get(line.prefix, "CHỦ TỊCH")
            out.append((line.index, f'"{line.prefix}" ghi cùng dòng với tên tập thể hoặc chức vụ đứng sau nó, như '
                                    f'"{line.prefix} {example}"'))
            continue
        if line.prefix == "TM." and _title(words):
            if after is not None and after.prefix is None and after.words != words:
                right = f'ký thay người đứng đầu thì ghi "KT. {line.text}" / {_shown([after])}'
            else:
                right = (f'người đứng đầu tự ký thì chỉ ghi "{line.text}"; ký thay mặt tập thể thì ghi tên tập thể sau '
                         f'"TM." và chức vụ ở dòng dưới, như "TM. ỦY BAN NHÂN DÂN" / "CHỦ TỊCH"')
            out.append((line.index, f'"TM." đứng trước tên tập thể, cơ quan (như "TM. ỦY BAN NHÂN DÂN", '
                                    f'"TM. BAN CHỈ ĐẠO"), không đứng trước chức vụ "{line.text}"; {right}'))
            continue
        if line.prefix != "TM." and _collective(words):
            out.append((line.index, f'"{line.prefix}" đứng trước chức vụ của người đứng đầu (như "{line.prefix} '
                                    f'CHỦ TỊCH"), không đứng trước tên tập thể "{line.text}"; ký thay mặt tập thể '
                                    f'thì ghi "TM. {line.text}"'))
            continue
        if line.prefix != "Q." and after is None:
            example = _EXAMPLE[line.prefix] if line.prefix != "KT." else (
                "THỨ TRƯỞNG" if words == ["BỘ", "TRƯỞNG"] else f"PHÓ {line.text}")
            out.append((line.index, f'dưới "{line.shown}" cần một dòng ghi chức vụ của người ký, '
                                    f'như "{line.shown}" / "{example}"'))
    out += _sequence([line for line in logical if line.prefix])
    return tuple(sorted(out, key=lambda found: found[0]))


def _sequence(prefixed: list[_Line]) -> list[tuple[int, str]]:
    """The problems of the order of the prefixes, when it is not one of ``ALLOWED_SEQUENCES``."""
    order = tuple(line.prefix for line in prefixed)
    if order in ALLOWED_SEQUENCES:
        return []
    out: list[tuple[int, str]] = []
    tm = [line for line in prefixed if line.prefix == "TM."]
    if len(tm) > 1:
        out.append((tm[1].index, 'một khối chữ ký chỉ có một "TM." (thay mặt một tập thể)'))
    elif tm and prefixed[0].prefix != "TM.":
        out.append((tm[0].index, f'"TM." đứng ở dòng đầu của khối chữ ký, trước "{prefixed[0].prefix}": '
                                 f'ví dụ "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH"'))
    for line, nxt in zip(prefixed, prefixed[1:]):
        if line.prefix == "KT.":
            out.append((nxt.index, f'sau "{line.shown}" là chức vụ của người ký thay (như "PHÓ {line.text}"), '
                                   f'không thêm quyền hạn "{nxt.prefix}"'))
    if "TUQ." in order and "KT." in order:
        later = max((line for line in prefixed if line.prefix in ("TUQ.", "KT.")), key=lambda x: x.index)
        out.append((later.index, 'người được ký thừa ủy quyền không được giao lại cho người khác ký: không ghi '
                                 '"KT." cùng với "TUQ." (Điều 13)'))
    if not out:
        forms = ", ".join(f'"{" … / ".join(seq)} …"' for seq in ALLOWED_SEQUENCES if seq)
        out.append((prefixed[0].index, f'cách ghi quyền hạn "{" / ".join(order)}" không có trong Nghị định; '
                                       f'các cách ghi: {forms}'))
    return out
