"""Redline: NEW's document with every difference from OLD as a tracked change, as Word's Review pane shows it.

Both documents come from docgen's templates, so they share their styles and their layout tables; what differs
is their text. The two bodies are aligned block by block (paragraphs, tables, their rows, the paragraphs of
each cell), the way a reader compares two drafts:

- a paragraph that is in both, changed, keeps its place and shows only what changed inside it, word by word:
  "1.000" → "1.200" is one deletion and one insertion in its sentence; a word made bold is a formatting
  change (``w:rPrChange``), not a deleted and inserted word;
- a paragraph or a table row only in OLD comes back as deleted (its text ``w:delText`` in ``w:del``, its
  paragraph mark deleted); one only in NEW is marked inserted;
- a heading's number is not part of what is compared: a section inserted above "IV." makes it "V.", which
  is the insertion's consequence, not a change of its own (the label itself is still tracked, so that
  rejecting every change gives OLD's text back).

Accepting every change gives NEW's document; rejecting every change gives OLD's. The result is a document
like any other: ``docgen check`` reads it as the accepted text (what the document will be).
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator
from difflib import SequenceMatcher

from lxml import etree

__all__ = ["redline", "Changes", "redline_paths", "plan_at_revision", "folder_at_revision", "RedlineError"]

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC, _R, _T, _PPR, _RPR, _TRPR = (
    f"{W}{t}" for t in ("p", "tbl", "tr", "tc", "r", "t", "pPr", "rPr", "trPr"))
_SECT = f"{W}sectPr"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, remove_blank_text=False)
_LABEL = re.compile(r"^(?:[IVXLC]+\.|\d+(?:\.\d+)*\.|[a-zđ]\)|Điều \d+\.|Phụ lục [IVXLC]+)\s*")
_TOKEN = re.compile(r"\s+|\d+(?:[.,/]\d+)*%?|\w+|[^\w\s]", re.UNICODE)  # spaces, 1.200 / 26,59% / 05/01/2026, words, signs


class Changes:
    """Counts of what a redline marks, grouped as Word's Review pane lists them (a run of inserted or deleted
    text, in one paragraph or across consecutive paragraphs, is one change)."""

    def __init__(self) -> None:
        self.insertions = 0
        self.deletions = 0
        self.formatting = 0

    @property
    def total(self) -> int:
        return self.insertions + self.deletions + self.formatting

    def __repr__(self) -> str:
        return f"Changes(insertions={self.insertions}, deletions={self.deletions}, formatting={self.formatting})"


class _Marker:
    """Makes the w:ins / w:del / w:rPrChange elements, each with its own id, the author and the date."""

    def __init__(self, author: str, when: dt.datetime) -> None:
        self.author = author
        self.date = when.replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")
        self.next_id = 9000

    def make(self, tag: str):
        el = etree.Element(f"{W}{tag}")
        el.set(f"{W}id", str(self.next_id))
        el.set(f"{W}author", self.author)
        el.set(f"{W}date", self.date)
        self.next_id += 1
        return el


def redline(old: bytes, new: bytes, author: str = "docgen", when: dt.datetime | None = None) -> tuple[bytes, Changes]:
    """NEW (a .docx's bytes) with OLD's differences as tracked changes, and what was marked."""
    when = when or dt.datetime.now(dt.timezone.utc)
    old_zip, new_zip = zipfile.ZipFile(io.BytesIO(old)), zipfile.ZipFile(io.BytesIO(new))
    old_body = etree.fromstring(old_zip.read("word/document.xml"), _PARSER).find(f"{W}body")
    root = etree.fromstring(new_zip.read("word/document.xml"), _PARSER)
    new_body = root.find(f"{W}body")
    for body in (old_body, new_body):
        _unlabel(body)
    old_notes, new_notes = _notes(old_zip), _notes(new_zip)
    differ = _Differ(_Marker(author, when), _note_texts(old_notes), _note_texts(new_notes))
    merged = differ.blocks(list(_children(old_body)), list(_children(new_body)), joins=False)
    section = new_body.find(_SECT)
    for child in list(new_body):
        new_body.remove(child)
    for block in merged:
        new_body.append(block)
    if section is not None:
        new_body.append(section)
    if new_notes is not None and old_notes is not None:
        _merge_notes(differ, merged, old_notes, new_notes)
    numbering = _numbering(new_zip)
    _number(merged, numbering, _indents(new_zip))
    differ._after_tables(merged)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in new_zip.infolist():
            data = new_zip.read(info.filename)
            if info.filename == "word/document.xml":
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            elif info.filename == _NOTES and new_notes is not None:
                data = etree.tostring(new_notes, xml_declaration=True, encoding="UTF-8", standalone=True)
            elif info.filename == _NUMBERING and numbering is not None:
                data = etree.tostring(numbering, xml_declaration=True, encoding="UTF-8", standalone=True)
            z.writestr(info, data)
    return out.getvalue(), differ.changes


# -- footnotes ---------------------------------------------------------------------------------------------------

_NOTES = "word/footnotes.xml"
_NOTE, _NOTE_REF = f"{W}footnote", f"{W}footnoteReference"


def _notes(package: zipfile.ZipFile):
    return etree.fromstring(package.read(_NOTES), _PARSER) if _NOTES in package.namelist() else None


def _note_texts(notes) -> dict[str, str]:
    """Each footnote's text by its id."""
    if notes is None:
        return {}
    return {n.get(f"{W}id"): " ".join(_text(n).split()) for n in notes.iterchildren(_NOTE)}


def _merge_notes(differ: _Differ, merged: list, old_notes, new_notes) -> None:
    """The footnotes part of the redline: NEW's notes, each one whose mark stands in both versions with what
    changed in its text marked; and OLD's notes whose marks came back in deleted text, copied in under new ids
    (their marks renumbered to them): rejecting the deletion brings the note back."""
    old_by_id = {n.get(f"{W}id"): n for n in old_notes.iterchildren(_NOTE)}
    new_by_id = {n.get(f"{W}id"): n for n in new_notes.iterchildren(_NOTE)}
    for old_id, new_id in differ.note_pairs:
        a, b = old_by_id.get(old_id), new_by_id.get(new_id)
        if a is None or b is None:
            continue
        changed = differ.blocks(a.findall(_P), b.findall(_P))
        for p in b.findall(_P):
            b.remove(p)
        for p in changed:
            b.append(p)
    next_id = max((int(i) for i in new_by_id if i and i.lstrip("-").isdigit()), default=0) + 1
    copies: dict[str, str] = {}
    for block in merged:
        for ref in block.iter(_NOTE_REF):
            if not any(a.tag == f"{W}del" for a in ref.iterancestors()):
                continue
            old_id = ref.get(f"{W}id")
            if old_id not in copies and old_id in old_by_id:
                note = copy.deepcopy(old_by_id[old_id])
                note.set(f"{W}id", str(next_id))
                new_notes.append(note)
                copies[old_id] = str(next_id)
                next_id += 1
            if old_id in copies:
                ref.set(f"{W}id", copies[old_id])


def _children(body) -> Iterator:
    for child in body:
        if child.tag in (_P, _TBL):
            yield child


# -- keys: what two blocks are compared by ----------------------------------------------------------------------

def _text(element) -> str:
    return "".join(t.text or "" for t in element.iter(_T))


def _style(p) -> str:
    style = p.find(f"{_PPR}/{W}pStyle")
    return style.get(f"{W}val", "") if style is not None else ""


def _key(block) -> str:
    """What a block is recognised by: a paragraph by its style and its text without a heading's number; a table
    by its first row (the header of a table of figures, or the layout table's first cell)."""
    if block.tag == _TBL:
        first = block.find(_TR)
        return "tbl:" + (_LABEL.sub("", _text(first)) if first is not None else "")
    return _style(block) + ":" + _LABEL.sub("", _text(block).strip())


def _similar(a, b) -> float:
    if a.tag != b.tag:
        return 0.0
    if a.tag == _TBL:
        rows_a, rows_b = a.findall(_TR), b.findall(_TR)
        cols = lambda rows: len(rows[0].findall(_TC)) if rows else 0  # noqa: E731
        return 0.9 if cols(rows_a) == cols(rows_b) else 0.0
    if _style(a) != _style(b):
        return 0.0
    return SequenceMatcher(None, _text(a), _text(b), autojunk=False).ratio()


# -- the differ --------------------------------------------------------------------------------------------------

class _Differ:
    def __init__(self, marker: _Marker, old_notes: dict[str, str] | None = None,
                 new_notes: dict[str, str] | None = None) -> None:
        self.mark = marker
        self.changes = Changes()
        self._last = None  # the kind of the last whole block marked ("ins"/"del"), to count a run of them once
        self.old_notes, self.new_notes = old_notes or {}, new_notes or {}
        self.note_pairs: list[tuple[str, str]] = []  # (OLD's id, NEW's id) of each footnote mark kept

    def blocks(self, old: list, new: list, joins: bool = True) -> list:
        """The merged sequence of blocks: NEW's, OLD's deleted ones where they stood, changed ones marked
        (``joins``: paragraphs inserted or deleted after a table prepared for their joins, ``_after_tables``;
        the body's are prepared once numbered)."""
        out: list = []
        matcher = SequenceMatcher(None, [_key(b) for b in old], [_key(b) for b in new], autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                for a, b in zip(old[i1:i2], new[j1:j2]):
                    out.append(self.same(a, b))
                continue
            out += self.replaced(old[i1:i2], new[j1:j2])
        if joins:
            self._after_tables(out)
        return out

    def _after_tables(self, blocks: list) -> None:
        """Paragraphs inserted or deleted right after a table (or at the start), before a paragraph that stays:
        a reviewer who takes the change away joins what is left with that paragraph, and LibreOffice gives the
        joined paragraph the first one's properties. The last of them is given the staying paragraph's
        properties, its own recorded as a change of properties the right way round (its own after accepting
        an insertion, the staying one's after rejecting it; the staying one's before a deletion is accepted)."""
        i = 0
        while i < len(blocks):
            kind = _whole(blocks[i])
            if kind is None or (i > 0 and blocks[i - 1].tag != _TBL):
                i += 1
                continue
            j = i
            while j + 1 < len(blocks) and _whole(blocks[j + 1]) == kind:
                j += 1
            following = blocks[j + 1] if j + 1 < len(blocks) else None
            if following is not None and following.tag == _P and _whole(following) is None:
                self._borrow(blocks[j], following, kind)
            i = j + 1

    def _borrow(self, p, staying, kind: str) -> None:
        own, theirs = _base_ppr(p), _base_ppr(staying)
        ppr = p.find(_PPR)
        change = self.mark.make("pPrChange")
        if kind == "ins":  # accepted: its own; rejected: the staying paragraph's, so that the join keeps those
            change.append(theirs)
        else:  # deleted: the staying paragraph's now, its own again if the deletion is rejected
            for child in [c for c in ppr if c.tag not in (_RPR, _SECT)]:
                ppr.remove(child)
            for child in reversed(list(theirs)):
                ppr.insert(0, child)
            change.append(own)
        ppr.append(change)

    def replaced(self, old: list, new: list) -> list:
        """OLD's blocks ``old`` replaced by ``new``: pairs alike enough are changed in place, in order; the rest
        are deleted or inserted, the deleted first (as Word shows a replaced text)."""
        return _paired(old, new, _similar, self.same, self.deleted, self.inserted)

    # whole blocks

    def _count_block(self, kind: str) -> None:
        if self._last != kind:
            if kind == "ins":
                self.changes.insertions += 1
            else:
                self.changes.deletions += 1
        self._last = kind

    def inserted(self, block):
        self._count_block("ins")
        block = copy.deepcopy(block)
        if block.tag == _TBL:
            for row in block.iter(_TR):
                _row_mark(row, self.mark.make("ins"))
                for p in row.iter(_P):
                    self._paragraph_marked(p, "ins")
        else:
            self._paragraph_marked(block, "ins")
        return block

    def deleted(self, block):
        self._count_block("del")
        block = copy.deepcopy(block)
        if block.tag == _TBL:
            for row in block.iter(_TR):
                _row_mark(row, self.mark.make("del"))
                for p in row.iter(_P):
                    self._paragraph_marked(p, "del")
        else:
            self._paragraph_marked(block, "del")
        return block

    def _paragraph_marked(self, p, kind: str) -> None:
        """Every run of ``p`` and its paragraph mark inserted or deleted."""
        _mark_paragraph_mark(p, self.mark.make(kind))
        for r in list(p.iterchildren(_R)):
            if kind == "del":
                _to_deleted(r)
            wrapper = self.mark.make(kind)
            r.addprevious(wrapper)
            wrapper.append(r)

    # blocks in both

    def same(self, a, b):
        """NEW's block ``b`` with what changed from OLD's ``a`` marked inside it."""
        if b.tag == _TBL:
            return self.table(a, b)
        self._last = None
        return self.paragraph(a, b)

    def table(self, a, b):
        out = copy.deepcopy(b)
        rows_a, rows_b = a.findall(_TR), out.findall(_TR)
        merged = []
        keys = lambda rows: [_LABEL.sub("", "|".join(_text(c) for c in r.findall(_TC))) for r in rows]  # noqa: E731
        matcher = SequenceMatcher(None, keys(rows_a), keys(rows_b), autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                for ra, rb in zip(rows_a[i1:i2], rows_b[j1:j2]):
                    merged.append(self.row(ra, rb))
                continue
            merged += _paired(rows_a[i1:i2], rows_b[j1:j2], _row_similar, self.row,
                              lambda r: self._row_whole(r, "del"), lambda r: self._row_whole(r, "ins"))
        for row in rows_b:
            out.remove(row)
        for row in merged:
            out.append(row)
        return out

    def _row_whole(self, row, kind: str):
        self._count_block(kind)
        row = copy.deepcopy(row)
        _row_mark(row, self.mark.make(kind))
        for p in row.iter(_P):
            self._paragraph_marked(p, kind)
        return row

    def row(self, ra, rb):
        """NEW's row with its cells' changes marked: each cell's paragraphs aligned as a body's."""
        self._last = None
        cells_a, cells_b = ra.findall(_TC), rb.findall(_TC)
        if len(cells_a) != len(cells_b):
            return rb
        for ca, cb in zip(cells_a, cells_b):
            old_ps, new_ps = ca.findall(_P), cb.findall(_P)
            if [etree.tostring(p) for p in old_ps] == [etree.tostring(p) for p in new_ps]:
                continue
            merged = self.blocks(old_ps, new_ps)
            for p in new_ps:
                cb.remove(p)
            for p in merged:
                cb.append(p)
            self._last = None
        return rb

    def paragraph(self, a, b):
        """NEW's paragraph ``b`` with the words changed from ``a`` marked."""
        old_tokens, new_tokens = _tokens(a, self.old_notes), _tokens(b, self.new_notes)
        if [t[:2] for t in old_tokens] == [t[:2] for t in new_tokens]:
            return copy.deepcopy(b)
        out = copy.deepcopy(b)
        for r in list(out.iterchildren(_R)):
            out.remove(r)
        for extra in [c for c in out if c.tag not in (_PPR,)]:  # hyperlinks, fields: kept after the runs
            out.remove(extra)
        matcher = SequenceMatcher(None, [t[0] for t in old_tokens], [t[0] for t in new_tokens], autojunk=False)
        last = None
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "replace" and i2 - i1 == j2 - j1 == 1 and _is_note(old_tokens[i1]) and _is_note(new_tokens[j1]):
                op = "equal"  # the same footnote's mark, its note's text changed: the change is in the note
            if op == "equal":
                for (text, rpr, special), (_t, old_rpr, old_special) in zip(new_tokens[j1:j2], old_tokens[i1:i2]):
                    if _is_note((text, rpr, special)) and _is_note((_t, old_rpr, old_special)):
                        self.note_pairs.append((old_special.find(_NOTE_REF).get(f"{W}id"),
                                                special.find(_NOTE_REF).get(f"{W}id")))
                    if rpr != old_rpr and not special:
                        if last != "fmt":
                            self.changes.formatting += 1
                        last = "fmt"
                        out.append(_run(text, rpr, special, changed_from=old_rpr, mark=self.mark))
                    else:
                        last = None
                        out.append(_run(text, rpr, special))
                continue
            if i2 > i1:
                self.changes.deletions += 1
                wrapper = self.mark.make("del")
                for text, rpr, special in old_tokens[i1:i2]:
                    wrapper.append(_to_deleted(_run(text, rpr, special)))
                out.append(wrapper)
            if j2 > j1:
                self.changes.insertions += 1
                wrapper = self.mark.make("ins")
                for text, rpr, special in new_tokens[j1:j2]:
                    wrapper.append(_run(text, rpr, special))
                out.append(wrapper)
            last = None
        _merge_runs(out)
        return out


def _whole(p) -> str | None:
    """"ins" or "del" when the paragraph ``p`` (its mark) is inserted or deleted, else None."""
    if p.tag != _P:
        return None
    mark = p.find(f"{_PPR}/{_RPR}")
    if mark is None:
        return None
    if mark.find(f"{W}ins") is not None:
        return "ins"
    return "del" if mark.find(f"{W}del") is not None else None


def _base_ppr(p):
    """A copy of ``p``'s paragraph properties without its mark's run properties, its section or a change: what a
    w:pPrChange records."""
    out = etree.Element(_PPR)
    ppr = p.find(_PPR)
    if ppr is not None:
        for child in ppr:
            if child.tag not in (_RPR, _SECT, f"{W}pPrChange"):
                out.append(copy.deepcopy(child))
    return out


def _row_similar(ra, rb) -> float:
    """How alike two rows are: 0 when their cells differ in number; else their text's likeness, the first cell
    (a row's label: "Tổng cộng", an STT) weighing as much as the rest."""
    cells_a, cells_b = ra.findall(_TC), rb.findall(_TC)
    if len(cells_a) != len(cells_b):
        return 0.0
    first = SequenceMatcher(None, _text(cells_a[0]), _text(cells_b[0]), autojunk=False).ratio()
    rest = SequenceMatcher(None, _text(ra), _text(rb), autojunk=False).ratio()
    return (first + rest) / 2


def _paired(old: list, new: list, similar, same, deleted, inserted) -> list:
    """OLD's items ``old`` replaced by ``new``: each NEW item paired, in order, with the next OLD item alike
    enough (``similar`` ≥ 0.5) and changed in place (``same``); the OLD items it passes over are deleted, the
    NEW items without a pair inserted; deletions come before the insertions they stand beside."""
    out: list = []
    waiting: list = []  # NEW items without a pair, shown after the deletions around them
    i = 0
    for b in new:
        best, at = 0.0, None
        for k in range(i, len(old)):
            score = similar(old[k], b)
            if score > best:
                best, at = score, k
        if at is not None and best >= 0.5:
            out += [deleted(a) for a in old[i:at]]
            out += [inserted(x) for x in waiting]
            waiting = []
            out.append(same(old[at], b))
            i = at + 1
        else:
            waiting.append(b)
    out += [deleted(a) for a in old[i:]]
    out += [inserted(x) for x in waiting]
    return out


# -- runs and tokens ---------------------------------------------------------------------------------------------

_BR = f"{W}br"


def _tokens(p, notes: dict[str, str] | None = None) -> list[tuple[str, bytes, object]]:
    """The paragraph's text as words and spaces, each with its run's properties (serialised); a line break as a
    space (where a balanced title breaks is layout, not text: it moves when a column's width does), kept as
    the run that draws it; other runs that are not plain text (a footnote's mark, a tab) as one token each,
    compared by their XML."""
    out = []
    for r in p.iterchildren(_R):
        rpr = r.find(_RPR)
        props = _canonical(rpr)
        ref = r.find(_NOTE_REF)
        if ref is not None:  # a footnote's mark: known by its note's text, not its number (marks renumber)
            text = (notes or {}).get(ref.get(f"{W}id"), ref.get(f"{W}id"))
            out.append((f"\x00note:{text}", props, r))
            continue
        if not all(c.tag in (_RPR, _T, _BR) for c in r) or (r.find(_BR) is not None and r.find(_BR).get(f"{W}type")
                                                           not in (None, "textWrapping")):
            out.append((etree.tostring(r).decode(), props, r))
            continue
        for child in r:
            if child.tag == _T:
                out += [(word, props, None) for word in _TOKEN.findall(child.text or "")]
            elif child.tag == _BR:
                brk = etree.Element(_R)
                if rpr is not None:
                    brk.append(copy.deepcopy(rpr))
                etree.SubElement(brk, _BR)
                out.append((" ", props, brk))
    return out


def _is_note(token) -> bool:
    return token[2] is not None and token[2].find(_NOTE_REF) is not None


def _run(text: str, props: bytes, special, changed_from: bytes | None = None, mark: _Marker | None = None):
    if special is not None:
        return copy.deepcopy(special)
    r = etree.Element(_R)
    if props:
        r.append(etree.fromstring(props))
    if changed_from is not None and mark is not None:
        rpr = r.find(_RPR)
        if rpr is None:
            rpr = etree.SubElement(r, _RPR)
        change = mark.make("rPrChange")
        old = etree.fromstring(changed_from) if changed_from else etree.Element(_RPR)
        old.tag = _RPR
        change.append(old)
        rpr.append(change)
    t = etree.SubElement(r, _T)
    t.text = text
    if text != text.strip():
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return r


def _to_deleted(r):
    """A run as deleted text: its w:t become w:delText."""
    for t in r.iter(_T):
        t.tag = f"{W}delText"
    return r


def _merge_runs(p) -> None:
    """Adjacent plain runs with the same properties (and no change of format) joined, as Word would save them."""
    for container in [p, *p.iterchildren(f"{W}ins", f"{W}del")]:
        previous = None
        for r in list(container):
            if r.tag != _R:  # a change, or anything else, between two runs: they are not neighbours
                previous = None
                continue
            children = list(r)
            plain = all(c.tag in (_RPR, _T, f"{W}delText") for c in children) and \
                r.find(f"{_RPR}/{W}rPrChange") is None
            if previous is not None and plain and _props(previous) == _props(r):
                text_el = next(iter(c for c in previous if c.tag in (_T, f"{W}delText")))
                addition = "".join(c.text or "" for c in children if c.tag in (_T, f"{W}delText"))
                text_el.text = (text_el.text or "") + addition
                text_el.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                container.remove(r)
                continue
            previous = r if plain else None


def _props(r) -> bytes:
    return _canonical(r.find(_RPR))


def _canonical(rpr) -> bytes:
    """Run properties as bytes that are equal when the properties are (exclusive C14N: the namespaces each
    document's root happens to declare left out)."""
    return etree.tostring(rpr, method="c14n", exclusive=True) if rpr is not None else b""


def _mark_paragraph_mark(p, mark) -> None:
    ppr = p.find(_PPR)
    if ppr is None:
        ppr = etree.Element(_PPR)
        p.insert(0, ppr)
    rpr = ppr.find(_RPR)
    if rpr is None:
        rpr = etree.Element(_RPR)
        section = ppr.find(_SECT)
        change = ppr.find(f"{W}pPrChange")
        anchor = section if section is not None else change
        if anchor is not None:
            anchor.addprevious(rpr)
        else:
            ppr.append(rpr)
    rpr.insert(0, mark)


def _row_mark(row, mark) -> None:
    trpr = row.find(_TRPR)
    if trpr is None:
        trpr = etree.Element(_TRPR)
        tbl_pr_ex = row.find(f"{W}tblPrEx")
        if tbl_pr_ex is not None:
            tbl_pr_ex.addnext(trpr)
        else:
            row.insert(0, trpr)
    trpr.append(mark)


# -- from plans and files ----------------------------------------------------------------------------------------

class RedlineError(Exception):
    """What keeps a redline from being made, for a person (Vietnamese)."""


def _documents(path, templates=None, raw: bytes | None = None) -> list[tuple[str, bytes]]:
    """The documents at ``path``: a .docx as it is; a plan rendered (validated and checked as ``render`` does),
    each of its documents with its name's suffix ("" and "-quyet-dinh" for a plan issued by a Quyết định)."""
    from pathlib import Path

    from docgen.render.engine import render_file_all

    path = Path(path)
    if path.suffix.lower() == ".docx":
        return [("", raw if raw is not None else path.read_bytes())]
    _plan, documents = render_file_all(path, templates, raw)
    return [(suffix, data) for suffix, data, _warnings in documents]


def redline_paths(old, new, author: str = "docgen", templates=None, old_raw: bytes | None = None,
                  new_raw: bytes | None = None) -> list[tuple[str, bytes, Changes]]:
    """The redlines from ``old`` to ``new`` (plans or .docx files; their contents ``old_raw``/``new_raw`` when
    given, as if they stood there): one per document NEW issues, each with the suffix of its name. A .docx on one
    side is compared with the document of its kind on the other. Plans are rendered through the Word templates of
    ``templates`` (default: docgen's own)."""
    olds, news = _documents(old, templates, old_raw), _documents(new, templates, new_raw)
    if len(olds) == 1 and len(news) > 1:  # an issued .docx against a plan issuing two: the one of its kind
        news = [_same_kind(olds[0][1], news)]
    elif len(news) == 1 and len(olds) > 1:
        olds = [_same_kind(news[0][1], olds)]
    by_suffix = dict(olds)
    out = []
    for suffix, data in news:
        before = by_suffix.get(suffix, olds[0][1] if len(olds) == 1 else None)
        if before is None:
            continue  # a document the old version did not issue: nothing to compare it with
        document, changes = redline(before, data, author)
        out.append((suffix, document, changes))
    return out


def _same_kind(data: bytes, documents: list[tuple[str, bytes]]) -> tuple[str, bytes]:
    from docgen.check.document import read_document

    kind = read_document(data).kind_name
    for suffix, other in documents:
        if read_document(other).kind_name == kind:
            return suffix, other
    return documents[0]


def plan_at_revision(plan, revision: str, into):
    """The plan ``plan`` as it was at git revision ``revision``, written with its folder's files of that revision
    (shared recipient lists) under the folder ``into``; its path there."""
    from pathlib import Path

    plan = Path(plan).resolve()
    old = folder_at_revision(plan.parent, revision, into) / plan.name
    if not old.exists():
        raise RedlineError(f'ở phiên bản "{revision}" chưa có tệp {plan.name} (the plan did not exist then)')
    return old


def folder_at_revision(folder, revision: str, into):
    """The folder ``folder`` (in a git work tree) as it was at git revision ``revision``, written under ``into``;
    its path there."""
    import subprocess
    import tarfile
    from pathlib import Path

    folder = Path(folder).resolve()
    try:
        top = subprocess.run(["git", "-C", str(folder), "rev-parse", "--show-toplevel"], capture_output=True,
                             text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError) as exc:
        raise RedlineError(f"{folder} không nằm trong một kho git, nên không lấy được bản cũ theo --since "
                           "(not a git repository)") from exc
    inside = folder.relative_to(Path(top).resolve())
    archive = subprocess.run(["git", "-C", top, "archive", "--format=tar", revision, "--", str(inside)],
                             capture_output=True)
    if archive.returncode != 0:
        raise RedlineError(f'không tìm thấy thư mục "{inside}" ở phiên bản "{revision}" trong git: '
                           + archive.stderr.decode("utf-8", "replace").strip())
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(into, filter="data")
    return Path(into) / inside


# -- numbers: a heading's number is Word's own list number in a redline ----------------------------------------------
#
# Labels are text in docgen's documents ("IV. KINH PHÍ"). In a redline they become Word's numbering: a section
# inserted above "IV." makes Word number it "V." by itself, and a reviewer who rejects the insertion sees "IV."
# again — no heading is marked as changed for a number it did not choose. Điểm a), b), đ) stay text: Word's
# letters do not have the Vietnamese đ.

_NUMBERING = "word/numbering.xml"
_DOCGEN = "{urn:docgen:redline}"
# style → (the label's pattern, Word's number format, its text, bold)
_LABELS = {
    "DGMuc": (re.compile(r"^([IVXLC]+)\. "), "upperRoman", "%1.", None),
    "DGKhoan": (re.compile(r"^(\d+)\. "), "decimal", "%1.", None),
    "DGDieu": (re.compile(r"^Điều (\d+)\.$"), "decimal", "Điều %1.", True),
    "DGNoiDung": (re.compile(r"^(\d+)\. "), "decimal", "%1.", None),
}
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _roman(text: str) -> int:
    total = 0
    for i, ch in enumerate(text):
        value = _ROMAN[ch]
        total += -value if i + 1 < len(text) and _ROMAN[text[i + 1]] > value else value
    return total


def _unlabel(body) -> None:
    """Each numbered heading's (and numbered section's) label taken out of its text, the paragraph marked with
    its kind and number."""
    for p in body.iterchildren(_P):
        style = _style(p)
        found = _LABELS.get(style)
        runs = p.findall(_R)
        if found is None or not runs:
            continue
        pattern = found[0]
        first = runs[0].find(_T)
        if first is None or first.text is None:
            continue
        if style == "DGDieu":  # "Điều 1." is a run of its own; the article's text follows, after a space
            m = pattern.match(first.text)
            if m is None:
                continue
            p.remove(runs[0])
            nxt = runs[1].find(_T) if len(runs) > 1 else None
            if nxt is not None and nxt.text:
                nxt.text = nxt.text.lstrip(" ")
        else:
            m = pattern.match(first.text)
            if m is None or (style == "DGNoiDung" and runs[0].find(_RPR) is not None):
                continue
            first.text = first.text[m.end():]
        number = _roman(m.group(1)) if style == "DGMuc" else int(m.group(1))
        p.set(f"{_DOCGEN}label", style)
        p.set(f"{_DOCGEN}number", str(number))


def _numbering(package: zipfile.ZipFile):
    return etree.fromstring(package.read(_NUMBERING), _PARSER) if _NUMBERING in package.namelist() else None


def _indents(package: zipfile.ZipFile) -> dict[str, object]:
    """The w:ind of each labelled style, by style id (a numbered paragraph keeps its style's indents: Word and
    LibreOffice would otherwise give it the list's)."""
    if "word/styles.xml" not in package.namelist():
        return {}
    styles = etree.fromstring(package.read("word/styles.xml"), _PARSER)
    out = {}
    for style in styles.iterchildren(f"{W}style"):
        sid = style.get(f"{W}styleId")
        ind = style.find(f"{_PPR}/{W}ind")
        if sid in _LABELS and ind is not None:
            out[sid] = ind
    return out


def _number(blocks: list, numbering, indents: dict | None = None) -> None:
    """The labels given back as Word's numbering: one list per run of headings of a kind (khoản restart under
    each Mục, everything restarts in a phụ lục), starting at its first heading's number."""
    marked = [p for p in blocks if p.tag == _P and p.get(f"{_DOCGEN}label") is not None]
    if not marked:
        return
    if numbering is None:  # cannot number: the labels go back as text
        for p in marked:
            _relabel(p)
        return
    abstract = _abstracts(numbering)
    groups: dict[str, str] = {}  # kind → its current w:numId
    next_num = max((int(n.get(f"{W}numId")) for n in numbering.iterchildren(f"{W}num")), default=0) + 1
    for block in blocks:
        if block.tag != _P:
            continue
        if block.find(f"{_PPR}/{_SECT}") is not None:  # a section ends: a phụ lục numbers afresh
            groups.clear()
        kind = block.get(f"{_DOCGEN}label")
        if kind is None:
            continue
        if kind == "DGMuc":
            groups.pop("DGKhoan", None)
        if kind not in groups:
            num = etree.SubElement(numbering, f"{W}num")
            num.set(f"{W}numId", str(next_num))
            ref = etree.SubElement(num, f"{W}abstractNumId")
            ref.set(f"{W}val", abstract[kind])
            override = etree.SubElement(num, f"{W}lvlOverride")
            override.set(f"{W}ilvl", "0")
            start = etree.SubElement(override, f"{W}startOverride")
            start.set(f"{W}val", block.get(f"{_DOCGEN}number"))
            groups[kind] = str(next_num)
            next_num += 1
        _list_item(block, groups[kind], (indents or {}).get(kind))
        for name in ("label", "number"):
            del block.attrib[f"{_DOCGEN}{name}"]


def _abstracts(numbering) -> dict[str, str]:
    """An abstract numbering of one level for each kind of label, added to the numbering part; their ids."""
    existing = [int(a.get(f"{W}abstractNumId")) for a in numbering.iterchildren(f"{W}abstractNum")]
    next_id = max(existing, default=0) + 100
    ids = {}
    last = None
    for a in numbering.iterchildren(f"{W}abstractNum"):
        last = a
    for style, (_pattern, fmt, text, bold) in _LABELS.items():
        a = etree.Element(f"{W}abstractNum")
        a.set(f"{W}abstractNumId", str(next_id))
        etree.SubElement(a, f"{W}multiLevelType").set(f"{W}val", "singleLevel")
        lvl = etree.SubElement(a, f"{W}lvl")
        lvl.set(f"{W}ilvl", "0")
        etree.SubElement(lvl, f"{W}start").set(f"{W}val", "1")
        etree.SubElement(lvl, f"{W}numFmt").set(f"{W}val", fmt)
        etree.SubElement(lvl, f"{W}suff").set(f"{W}val", "space")
        etree.SubElement(lvl, f"{W}lvlText").set(f"{W}val", text)
        etree.SubElement(lvl, f"{W}lvlJc").set(f"{W}val", "left")
        if bold:
            rpr = etree.SubElement(lvl, _RPR)
            etree.SubElement(rpr, f"{W}b")
            etree.SubElement(rpr, f"{W}bCs")
        if last is not None:
            last.addnext(a)
        else:
            numbering.insert(0, a)
        last = a
        ids[style] = str(next_id)
        next_id += 1
    return ids


_PPR_ORDER = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr", "suppressLineNumbers",
              "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap", "overflowPunct", "topLinePunct",
              "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind")


def _list_item(p, num_id: str, indent=None) -> None:
    """``p`` numbered by list ``num_id``, keeping its style's indents (``indent``: the style's w:ind)."""
    ppr = p.find(_PPR)
    if ppr is None:
        ppr = etree.Element(_PPR)
        p.insert(0, ppr)
    if indent is not None and ppr.find(f"{W}ind") is None:
        _insert_ordered(ppr, copy.deepcopy(indent))
    numpr = etree.Element(f"{W}numPr")
    etree.SubElement(numpr, f"{W}ilvl").set(f"{W}val", "0")
    etree.SubElement(numpr, f"{W}numId").set(f"{W}val", num_id)
    _insert_ordered(ppr, numpr)


def _insert_ordered(ppr, element) -> None:
    """``element`` put into the paragraph properties ``ppr`` where the schema's order wants it."""
    name = etree.QName(element).localname
    rank = _PPR_ORDER.index(name)
    for child in ppr:
        local = etree.QName(child).localname
        if local not in _PPR_ORDER or _PPR_ORDER.index(local) > rank:
            child.addprevious(element)
            return
    ppr.append(element)


def _relabel(p) -> None:
    kind, number = p.get(f"{_DOCGEN}label"), int(p.get(f"{_DOCGEN}number"))
    del p.attrib[f"{_DOCGEN}label"]
    del p.attrib[f"{_DOCGEN}number"]
    label = _to_roman(number) + ". " if kind == "DGMuc" else f"{number}. "
    runs = p.findall(_R)
    first = runs[0].find(_T) if runs else None
    if first is not None:
        first.text = label + (first.text or "")


def _to_roman(n: int) -> str:
    out = ""
    for value, letters in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"),
                           (1, "I")):
        while n >= value:
            out += letters
            n -= value
    return out
