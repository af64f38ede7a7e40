"""Small Word documents written as raw WordprocessingML, the way Word stores what a clerk types: for testing
``docgen check`` on layouts our templates never make (header tables of several rows, lines drawn as shapes,
the Quốc hiệu and the Tiêu ngữ in one paragraph, spacing made of two paragraphs' space).

``document(...)`` assembles a Kế hoạch of UBND xã Ngọc Liên that conforms to the decree; each argument
replaces one part of it, so a test changes exactly what it is about.
"""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = (f'xmlns:w="{W_NS}" xmlns:v="urn:schemas-microsoft-com:vml" '
      'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
      'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
      'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
      'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
EMU = 12700  # per point


def run(text: str, size: float = 14, bold: bool = False, italic: bool = False, extra: str = "") -> str:
    props = f'<w:sz w:val="{int(size * 2)}"/>' + ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
    return f'<w:r><w:rPr>{props}</w:rPr>{extra}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def para(text: str = "", size: float = 14, bold: bool = False, italic: bool = False, jc: str = "both",
         first: int | None = 567, before: int = 120, after: int = 0, ppr: str = "", runs: str | None = None,
         inside: str = "") -> str:
    """A paragraph: ``first`` the first-line indent in twips (None: none), ``before``/``after`` its spacing in
    twips, ``ppr`` more properties, ``runs`` its runs (default: one run of ``text``), ``inside`` more content
    (a drawing) after them."""
    ind = f'<w:ind w:firstLine="{first}"/>' if first else ""
    body = runs if runs is not None else (run(text, size, bold, italic) if text else "")
    return (f'<w:p><w:pPr>{ppr}<w:spacing w:before="{before}" w:after="{after}"/>{ind}<w:jc w:val="{jc}"/></w:pPr>'
            f"{body}{inside}</w:p>")


def centred(text: str, size: float = 13, bold: bool = True, italic: bool = False, **kw) -> str:
    kw.setdefault("before", 0)
    return para(text, size, bold, italic, jc="center", first=None, **kw)


def vml_line(x_pt: float, y_pt: float, length_pt: float, relative: str = "text") -> str:
    """A line drawn with VML (Word's Insert > Shapes > Line, as older Word saves it), ``y_pt`` below the top of
    the paragraph holding it (``relative`` "text"), or of the margin ("margin")."""
    return (f'<w:r><w:pict><v:line from="{x_pt}pt,{y_pt}pt" to="{x_pt + length_pt}pt,{y_pt}pt" '
            f'style="position:absolute;mso-position-horizontal-relative:{relative};'
            f'mso-position-vertical-relative:{relative}" strokeweight=".75pt"/></w:pict></w:r>')


def drawn_line(x_pt: float, y_pt: float, length_pt: float, frame: str = "paragraph") -> str:
    """A line drawn with DrawingML (wp:anchor, a "line" shape), positioned relative to the column and to
    ``frame`` (the paragraph holding it, or "page")."""
    cx = int(length_pt * EMU)
    return (
        '<w:r><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" '
        'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="column"><wp:posOffset>{int(x_pt * EMU)}</wp:posOffset></wp:positionH>'
        f'<wp:positionV relativeFrom="{frame}"><wp:posOffset>{int(y_pt * EMU)}</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{cx}" cy="0"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
        '<wp:docPr id="1" name="Line"/><wp:cNvGraphicFramePr/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        f'<wps:wsp><wps:cNvCnPr/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="0"/></a:xfrm>'
        '<a:prstGeom prst="line"><a:avLst/></a:prstGeom><a:noFill/><a:ln w="9525"><a:solidFill>'
        '<a:srgbClr val="000000"/></a:solidFill></a:ln></wps:spPr><wps:bodyPr/></wps:wsp>'
        "</a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>")


def table(rows: list[list[str]], widths_cm: list[float]) -> str:
    """A borderless table: each cell the XML of its paragraphs."""
    grid = "".join(f'<w:gridCol w:w="{int(w * 567)}"/>' for w in widths_cm)
    body = "".join("<w:tr>" + "".join(f'<w:tc><w:tcPr><w:tcW w:w="{int(w * 567)}" w:type="dxa"/></w:tcPr>{cell}</w:tc>'
                                      for cell, w in zip(row, widths_cm)) + "</w:tr>" for row in rows)
    return (f'<w:tbl><w:tblPr><w:tblW w:w="{int(sum(widths_cm) * 567)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
            "<w:tblBorders>"
            + "".join(f'<w:{e} w:val="nil"/>' for e in ("top", "left", "bottom", "right", "insideH", "insideV"))
            + f"</w:tblBorders></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{body}</w:tbl>")


AGENCY = centred("ỦY BAN NHÂN DÂN") + centred("XÃ NGỌC LIÊN", inside=drawn_line(57, 18, 54))
MOTTO = (centred("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
         + centred("Độc lập - Tự do - Hạnh phúc", size=14, inside=drawn_line(53, 19, 171)))
NUMBER = centred("Số: 05/KH-UBND", bold=False, before=120)
DATE = centred("Ngọc Liên, ngày 05 tháng 01 năm 2026", size=14, bold=False, italic=True, before=120)
HEADER = table([[AGENCY, MOTTO], [NUMBER, DATE]], [6.0, 10.0])
TITLE = (centred("KẾ HOẠCH", size=14, before=360) + centred("Tuyên truyền phổ biến pháp luật năm 2026", size=14)
         + centred("", size=14, inside=drawn_line(160, 3, 110)))
CAN_CU = (para("Căn cứ Luật Phổ biến, giáo dục pháp luật ngày 20 tháng 6 năm 2012;", italic=True)
          + para("Căn cứ Kế hoạch số 150/KH-UBND ngày 20/12/2025 của Ủy ban nhân dân huyện Bạch Thông về phổ biến "
                 "pháp luật năm 2026.", italic=True))
BODY = (para("I. MỤC ĐÍCH, YÊU CẦU", bold=True)
        + para("Nâng cao nhận thức pháp luật của cán bộ và Nhân dân trên địa bàn xã.")
        + para("II. NỘI DUNG", bold=True)
        + para("Tuyên truyền trên loa truyền thanh của xã hằng tháng; tổ chức hội nghị phổ biến pháp luật cho "
               "cán bộ thôn, làng./."))
RECIPIENTS = (para("Nơi nhận:", size=12, bold=True, italic=True, jc="left", first=None, before=0)
              + "".join(para(t, size=11, jc="left", first=None, before=0)
                        for t in ("- UBND huyện Bạch Thông;", "- Các thôn, làng;", "- Lưu: VT, VHXH.")))
SIGNATURE = (centred("TM. ỦY BAN NHÂN DÂN", size=14) + centred("CHỦ TỊCH", size=14)
             + centred("", size=14) * 3 + centred("Lê Văn An", size=14))
CLOSING = table([[RECIPIENTS, SIGNATURE]], [7.0, 9.0])


def document(header: str = HEADER, title: str = TITLE, can_cu: str = CAN_CU, body: str = BODY,
             closing: str = CLOSING, after: str = "", sections: str = "", pages: int | None = None,
             page_number: tuple[float, str] = (14, "center")) -> bytes:
    """The .docx: A4, the decree's margins, page numbers from page 2 (``page_number``: their size and
    alignment); ``sections``: paragraphs ending earlier sections, put first; ``pages``: the page count Word
    saved in its properties (None: no properties)."""
    sect = ('<w:sectPr><w:headerReference w:type="default" r:id="rIdH"/><w:pgSz w:w="11906" w:h="16838"/>'
            '<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701" w:header="567" w:footer="567" '
            'w:gutter="0"/><w:titlePg/></w:sectPr>')
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NS}><w:body>'
           f"{header}{title}{can_cu}{body}{closing}{after}{sections}{sect}</w:body></w:document>")
    size, align = page_number
    header_xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:hdr {NS}><w:p><w:pPr>'
                  f'<w:jc w:val="{align}"/></w:pPr><w:fldSimple w:instr=" PAGE "><w:r><w:rPr>'
                  f'<w:sz w:val="{int(size * 2)}"/></w:rPr><w:t>2</w:t></w:r></w:fldSimple></w:p></w:hdr>')
    styles = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles {NS}><w:docDefaults>'
              '<w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" '
              'w:cs="Times New Roman"/><w:sz w:val="28"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>'
              '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>'
              "</w:styles>")
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.document.main+xml"/>'
            '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.styles+xml"/>'
            '<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.header+xml"/>'
            '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'extended-properties+xml"/></Types>'),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'officeDocument" Target="word/document.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'extended-properties" Target="docProps/app.xml"/></Relationships>'),
        "word/_rels/document.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'styles" Target="styles.xml"/>'
            '<Relationship Id="rIdH" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'header" Target="header1.xml"/></Relationships>'),
        "word/document.xml": xml,
        "word/styles.xml": styles,
        "word/header1.xml": header_xml,
        "docProps/app.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns="http://schemas.'
            'openxmlformats.org/officeDocument/2006/extended-properties"><Application>Microsoft Office Word'
            f"</Application>{f'<Pages>{pages}</Pages><Words>250</Words>' if pages else ''}</Properties>"),
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(name, text)
    return out.getvalue()
