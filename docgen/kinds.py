"""The document kinds docgen issues: one table entry and one Word template each.

Adding a kind is adding a row to ``KINDS`` (and, if its layout differs, a template, and a starter plan in
``data/starters/<key>.yaml`` for ``docgen new`` and the web page's "new plan"): nothing else in the engine
branches on the kind's name.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from docgen import nd30

__all__ = ["Kind", "KINDS", "ISSUING", "STARTERS", "kind_for", "starter"]

STARTERS = Path(__file__).resolve().parent / "data" / "starters"
"""The starter plans, one per kind: ``<key>.yaml``."""


def starter(key: str) -> Path | None:
    """The starter plan of the kind ``key``, or None."""
    path = STARTERS / f"{key}.yaml"
    return path if key in KINDS and path.is_file() else None


@dataclass(frozen=True)
class Kind:
    """How one kind of document is laid out and numbered."""

    key: str
    """The value of ``loai`` in a plan, e.g. ``ke-hoach``."""
    name: str
    """Tên loại as written in running text, e.g. "Kế hoạch"."""
    template: str
    """File name of its Word template in the templates folder."""
    kinh_gui: str = "never"
    """Whether the plan has a "Kính gửi" block: ``never``, ``optional`` or ``required``."""
    muc_dau: int = 1
    """Depth at which the body's numbering starts: 1 for "I.", 2 for "1." (Công văn)."""
    dieu: bool = False
    """The body is articles: "Điều 1.", "Điều 2." (a Quyết định), with khoản "1." and điểm "a)" under them."""
    kinh_gui_style: str = "DGKinhGui"
    """The paragraph style of a one-line Kính gửi (a Tờ trình's stands centred under its title)."""
    attached: str | None = "kem-theo.docx"
    """The template of this kind issued with a Quyết định ("Ban hành kèm theo …"); None: never so issued."""
    nhu_dieu: bool = False
    """Its Nơi nhận starts "- Như Điều N;" (a Quyết định: the article that names who carries it out)."""

    @property
    def abbreviation(self) -> str | None:
        """The decree's abbreviation of the tên loại (KH, BC, …); None for Công văn."""
        return nd30.TYPE_ABBREVIATIONS.get(self.name)

    def ky_hieu(self, agency: str, unit: str | None) -> str:
        """The ký hiệu after "Số: NN/": ``KH-UBND`` for named kinds, ``UBND-VP`` for Công văn."""
        if self.abbreviation is None:
            return f"{agency}-{unit}" if unit else agency
        return f"{self.abbreviation}-{agency}"


KINDS: dict[str, Kind] = {
    k.key: k
    for k in (
        Kind("ke-hoach", "Kế hoạch", "ke-hoach.docx"),
        Kind("thong-bao", "Thông báo", "ke-hoach.docx", attached=None),
        Kind("bao-cao", "Báo cáo", "ke-hoach.docx", kinh_gui="optional", attached=None),
        Kind("to-trinh", "Tờ trình", "ke-hoach.docx", kinh_gui="required", kinh_gui_style="DGKinhGuiGiua",
             attached=None),
        Kind("cong-van", "Công văn", "cong-van.docx", kinh_gui="required", muc_dau=2, attached=None),
        Kind("quyet-dinh", "Quyết định", "quyet-dinh.docx", dieu=True, attached=None, nhu_dieu=True),
        Kind("quy-che", "Quy chế", "ke-hoach.docx", dieu=True),
        Kind("quy-dinh", "Quy định", "ke-hoach.docx", dieu=True),
    )
}


ISSUING = "quyet-dinh"
"""The kind of the document that issues a plan's own ("Ban hành kèm theo Quyết định …", ``quyet_dinh`` in a plan)."""


def kind_for(key: str) -> Kind | None:
    """The kind registered under ``key``; None when docgen does not issue it."""
    return KINDS.get(key)
