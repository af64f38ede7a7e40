#!/usr/bin/python3
"""Accept or reject every tracked change of Word files in LibreOffice, as a reviewer's "Accept All" / "Reject All".

    /usr/bin/python3 tests/lo_changes.py accept|reject IN.docx OUT.docx [IN2.docx OUT2.docx …]

Run with the system's Python, which has LibreOffice's UNO bridge (Debian's python3-uno). LibreOffice is started
headless with a profile of its own, once for all the files, and stopped at the end.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import uno  # noqa: F401  (the bridge: must come before the com.sun.star imports)
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException


def _prop(name: str, value) -> PropertyValue:
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def main(argv: list[str]) -> int:
    action, files = argv[0], argv[1:]
    command = {"accept": ".uno:AcceptAllTrackedChanges", "reject": ".uno:RejectAllTrackedChanges"}[action]
    with tempfile.TemporaryDirectory() as profile:
        pipe = f"docgen_review_{os.getpid()}"
        office = subprocess.Popen(
            ["soffice", "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
             f"-env:UserInstallation=file://{profile}", f"--accept=pipe,name={pipe};urp;"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            local = uno.getComponentContext()
            resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
            deadline = time.time() + 60
            while True:
                try:
                    context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                    break
                except NoConnectException:
                    if time.time() > deadline:
                        raise
                    time.sleep(0.2)
            smgr = context.ServiceManager
            desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", context)
            dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", context)
            for source, target in zip(files[::2], files[1::2]):
                url = uno.systemPathToFileUrl(str(Path(source).resolve()))
                doc = desktop.loadComponentFromURL(url, "_blank", 0, (_prop("Hidden", True),))
                dispatcher.executeDispatch(doc.getCurrentController().getFrame(), command, "", 0, ())
                out = uno.systemPathToFileUrl(str(Path(target).resolve()))
                doc.storeToURL(out, (_prop("FilterName", "MS Word 2007 XML"),))
                doc.close(True)
        finally:
            try:
                desktop.terminate()
            except Exception:  # noqa: BLE001  (already gone)
                pass
            try:
                office.wait(timeout=20)
            except subprocess.TimeoutExpired:
                office.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
