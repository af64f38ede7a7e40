"""A warm PDF converter: one headless LibreOffice, started once, fed documents over its UNO interface.

Run by a Python that has LibreOffice's UNO bridge (Debian's python3-uno; LibreOffice's own ``program/python``
elsewhere), not by docgen's: ``docgen.pdf`` starts it and talks to it over its standard input and output, one JSON
object a line:

    → {"in": "/abs/doc.docx", "out": "/abs/tmp.pdf"}      ← {"ok": true} or {"ok": false, "error": "…"}

It first starts ``soffice`` (headless, its own profile and pipe) and says {"ready": true}. It ends, and stops its
LibreOffice, at the end of its input. This file imports nothing of docgen: it runs under another Python.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _say(message: dict) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def main(soffice: str) -> int:
    import uno  # noqa: F401  (the bridge: before com.sun.star)
    from com.sun.star.beans import PropertyValue
    from com.sun.star.connection import NoConnectException

    def prop(name, value):
        p = PropertyValue()
        p.Name, p.Value = name, value
        return p

    with tempfile.TemporaryDirectory(prefix="docgen-lo-") as profile:
        pipe = f"docgen_pdf_{os.getpid()}"
        office = subprocess.Popen(
            [soffice, "--headless", "--invisible", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
             "--nofirststartwizard", f"-env:UserInstallation={Path(profile).as_uri()}",
             f"--accept=pipe,name={pipe};urp;"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "SAL_USE_VCLPLUGIN": "svp"})
        desktop = None
        try:
            local = uno.getComponentContext()
            resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
            deadline = time.monotonic() + 60
            while True:
                try:
                    context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                    break
                except NoConnectException:
                    if time.monotonic() > deadline or office.poll() is not None:
                        _say({"ready": False, "error": "LibreOffice did not start"})
                        return 1
                    time.sleep(0.1)
            desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
            _say({"ready": True})
            for line in sys.stdin:
                if not line.strip():
                    continue
                job = json.loads(line)
                try:
                    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(job["in"]), "_blank", 0,
                                                       (prop("Hidden", True), prop("ReadOnly", True)))
                    if doc is None:
                        raise RuntimeError("LibreOffice could not open the document")
                    try:
                        doc.storeToURL(uno.systemPathToFileUrl(job["out"]), (prop("FilterName", "writer_pdf_Export"),))
                    finally:
                        doc.close(True)
                    _say({"ok": True})
                except Exception as exc:  # noqa: BLE001  (told to docgen, which decides)
                    _say({"ok": False, "error": f"{type(exc).__name__}: {exc}"})
        finally:
            try:
                if desktop is not None:
                    desktop.terminate()
            except Exception:  # noqa: BLE001  (already gone)
                pass
            try:
                office.wait(timeout=15)
            except subprocess.TimeoutExpired:
                office.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
