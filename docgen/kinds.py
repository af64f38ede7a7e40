"""The document kinds docgen issues: one table entry and one Word template each.

Adding a kind is adding a row to ``KINDS`` (and, if its layout differs, a template):
nothing else in the engine branches on the kind's name.
"""

from __future__ import annotations

from dataclasses import dataclass

from docgen import nd30

__all__ = ["Kind", "KINDS", "kind_for"]


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
        Kind("thong-bao", "Thông báo", "ke-hoach.docx"),
        Kind("bao-cao", "Báo cáo", "ke-hoach.docx", kinh_gui="optional"),
        Kind("to-trinh", "Tờ trình", "ke-hoach.docx", kinh_gui="optional"),
        Kind("cong-van", "Công văn", "cong-van.docx", kinh_gui="required", muc_dau=2),
    )
}


def kind_for(key: str) -> Kind | None:
    """The kind registered under ``key``; None when docgen does not issue it."""
    return KINDS.get(key)
