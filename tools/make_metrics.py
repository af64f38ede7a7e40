"""Write docgen/data/metrics.json: advance widths of Times New Roman's metric twin.

Liberation Serif 2.x (Debian's fonts-liberation2) has the same advance widths as
Times New Roman, so the engine can measure a header line without a font on the machine.
Run once by a developer: ``python tools/make_metrics.py`` (needs fontTools).
"""

from __future__ import annotations

import json
from pathlib import Path

from fontTools.ttLib import TTFont

FONT_DIR = Path("/usr/share/fonts/truetype/liberation2")
STYLES = {"regular": "LiberationSerif-Regular.ttf", "bold": "LiberationSerif-Bold.ttf",
          "italic": "LiberationSerif-Italic.ttf", "bold_italic": "LiberationSerif-BoldItalic.ttf"}
RANGES = [(0x20, 0x7F), (0xA0, 0x250), (0x2000, 0x2070), (0x1EA0, 0x1EFA)]


def main() -> None:
    out: dict[str, object] = {"source": "Liberation Serif 2 (metric-compatible with Times New Roman)"}
    for style, name in STYLES.items():
        font = TTFont(FONT_DIR / name)
        cmap, hmtx = font.getBestCmap(), font["hmtx"]
        out["units_per_em"] = font["head"].unitsPerEm
        out[style] = {chr(c): hmtx[cmap[c]][0] for lo, hi in RANGES for c in range(lo, hi) if c in cmap}
    path = Path(__file__).resolve().parent.parent / "docgen" / "data" / "metrics.json"
    path.write_text(json.dumps(out, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    print(f"wrote {path} ({path.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
