"""``docgen serve`` (issue 22, first part): the API under the page, and what it guards whatever is sent — a name,
never a path; a bounded body; a save that names the version it edits; nothing on disk changed by a refusal."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from docgen.serve import MAX_BODY, create_app

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def site(tmp_path):
    """A copy of the bundled plans and the app over it; (client, plans folder, output folder)."""
    plans = tmp_path / "plans"
    shutil.copytree(ROOT / "plans", plans)
    (tmp_path / "secret.txt").write_text("không được đọc", encoding="utf-8")
    output = tmp_path / "output"
    with TestClient(create_app(plans, output, prewarm=False)) as client:
        yield client, plans, output


def _snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_page_and_the_plans_by_kind(site):
    client, _plans, _output = site
    page = client.get("/")
    assert page.status_code == 200 and "Tạo kế hoạch mới" in page.text and '<script src="/editor.js">' in page.text
    editor = client.get("/editor.js", headers={"accept-encoding": "gzip"})
    assert editor.status_code == 200 and editor.headers["content-encoding"] == "gzip"
    assert "DocgenEditor" in editor.text  # the CodeMirror bundle built by web/, shipped, not fetched
    schema = client.get("/api/schema").json()
    assert "kinh_gui" in schema["properties"] and schema["properties"]["loai"]
    listed = client.get("/api/plans").json()["plans"]
    names = {p["name"]: p["kind"] for p in listed}
    assert names["ngoc-lien-2026-ke-hoach.yaml"] == "Kế hoạch"
    assert names["bach-thong-2024-cong-van.yaml"] == "Công văn"
    assert names["lao-cai-2026-quyet-dinh-cong-nhan-ket-qua.yaml"] == "Quyết định"


def test_errors_come_with_their_line_as_the_clerk_types(site):
    client, plans, _output = site
    text = (plans / "bach-thong-2024-cong-van.yaml").read_text(encoding="utf-8")
    good = client.post("/api/validate", json={"name": "bach-thong-2024-cong-van.yaml", "text": text}).json()
    assert good == {"ok": True, "problems": [], "warnings": []}  # its shared groups resolve beside it
    bad = text.replace("ngay: {thang: 3, nam: 2024}", "ngay: 35/3/2024")
    assert bad != text
    line = next(i for i, row in enumerate(bad.splitlines(), start=1) if row.startswith("ngay: 35"))
    found = client.post("/api/validate", json={"name": "bach-thong-2024-cong-van.yaml", "text": bad}).json()
    assert found["ok"] is False
    assert [(p["line"], p["field"]) for p in found["problems"]] == [(line, "ngay")]
    assert "không có thật" in found["problems"][0]["message"]


@pytest.mark.parametrize("name", ["../secret.txt", "..%2Fsecret.txt", "%2Fetc%2Fpasswd", "dung-chung", ".hidden.yaml",
                                  "a/b.yaml"])
def test_a_name_is_never_a_path(site, name):
    client, plans, output = site
    before = _snapshot(plans.parent)
    for method, url, kwargs in (("get", f"/api/plans/{name}", {}),
                                ("put", f"/api/plans/{name}", {"json": {"text": "x", "version": ""}}),
                                ("get", f"/api/plans/{name}/docx", {})):
        answer = getattr(client, method)(url, **kwargs)
        assert answer.status_code in (400, 404, 405)  # refused by name, or no such route for a path
        assert "không được đọc" not in answer.text
    assert _snapshot(plans.parent) == before


def test_a_symlink_out_of_the_folder_is_refused(site):
    client, plans, _output = site
    (plans / "lien-ket.yaml").symlink_to(plans.parent / "secret.txt")
    answer = client.get("/api/plans/lien-ket.yaml")
    assert answer.status_code == 400 and "không được đọc" not in answer.text


def test_an_oversized_body_is_refused_and_nothing_changes(site):
    client, plans, _output = site
    before = _snapshot(plans.parent)
    big = "x" * (MAX_BODY + 10)
    answer = client.put("/api/plans/ngoc-lien-2026-ke-hoach.yaml", json={"text": big, "version": ""})
    assert answer.status_code == 413 and "quá lớn" in answer.json()["error"]
    assert client.post("/api/validate", content=b"{" + b" " * (MAX_BODY + 10) + b"}",
                       headers={"content-type": "application/json"}).status_code == 413
    assert client.post("/api/validate", content=b"not json").status_code == 400
    assert _snapshot(plans.parent) == before


def test_a_save_keeps_the_previous_version_and_writes_the_document(site):
    client, plans, output = site
    name = "bach-thong-2024-cong-van.yaml"
    opened = client.get(f"/api/plans/{name}").json()
    edited = opened["text"].replace("Hà Kim Oanh", "Hà Kim Thanh")
    saved = client.put(f"/api/plans/{name}", json={"text": edited, "version": opened["version"]}).json()
    assert saved["ok"] and saved["written"] == ["bach-thong-2024-cong-van.docx"]
    assert (plans / name).read_text(encoding="utf-8") == edited
    assert (plans / f"{name}.bak").read_text(encoding="utf-8") == opened["text"]
    import docx

    cells = [p.text for t in docx.Document(output / "bach-thong-2024-cong-van.docx").tables for c in t._cells
             for p in c.paragraphs]
    assert "Hà Kim Thanh" in cells
    download = client.get(f"/api/plans/{name}/docx")
    assert download.status_code == 200 and download.content[:2] == b"PK"


def test_two_tabs_saving_the_same_plan_cannot_lose_an_edit(site):
    client, plans, _output = site
    name = "ngoc-lien-2026-ke-hoach.yaml"
    first = client.get(f"/api/plans/{name}").json()
    second = client.get(f"/api/plans/{name}").json()
    one = first["text"].replace("Phạm Xuân Khánh", "Phạm Xuân Khanh")
    assert client.put(f"/api/plans/{name}", json={"text": one, "version": first["version"]}).status_code == 200
    after_first = _snapshot(plans)
    two = second["text"] + "\n# sửa ở thẻ thứ hai\n"
    refused = client.put(f"/api/plans/{name}", json={"text": two, "version": second["version"]})
    assert refused.status_code == 409 and "mở lại kế hoạch" in refused.json()["error"]
    assert _snapshot(plans) == after_first  # the first tab's edit is there, untouched


def test_a_plan_that_does_not_render_never_overwrites_the_good_document(site):
    client, plans, output = site
    name = "bach-thong-2024-cong-van.yaml"
    opened = client.get(f"/api/plans/{name}").json()
    good = client.put(f"/api/plans/{name}", json={"text": opened["text"], "version": opened["version"]}).json()
    document = (output / "bach-thong-2024-cong-van.docx").read_bytes()
    broken = opened["text"].replace("ho_ten: Hà Kim Oanh", "ho_ten: ")
    saved = client.put(f"/api/plans/{name}", json={"text": broken, "version": good["version"]}).json()
    assert saved["ok"] is False and saved["written"] == [] and saved["problems"]
    assert (output / "bach-thong-2024-cong-van.docx").read_bytes() == document
    assert (plans / name).read_text(encoding="utf-8") == broken  # the clerk's work is kept, as text


def test_the_status_of_each_plan(site):
    client, plans, output = site
    listed = {p["name"]: p for p in client.get("/api/plans").json()["plans"]}
    assert listed["bach-thong-2024-cong-van.yaml"]["status"] == "dat"
    assert listed["ngoc-lien-2026-ke-hoach.yaml"]["status"] == "canh-bao"  # its honest trich_dan.full_twice
    assert all(p["changed"] for p in listed.values())  # nothing built yet
    broken = plans / "vi-du-bao-cao-tp-hcm.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("ngay: 15/12/2025", "ngay: 35/12/2025"),
                      encoding="utf-8")
    name = "bach-thong-2024-cong-van.yaml"
    opened = client.get(f"/api/plans/{name}").json()
    client.put(f"/api/plans/{name}", json={"text": opened["text"], "version": opened["version"]})
    listed = {p["name"]: p for p in client.get("/api/plans").json()["plans"]}
    assert listed["vi-du-bao-cao-tp-hcm.yaml"]["status"] == "loi"
    assert listed[name]["changed"] is False and listed["can-tho-2025-ke-hoach-dan-so.yaml"]["changed"] is True


def test_preview_pages_of_the_text_as_typed(site):
    import math
    import os
    import struct

    from docgen.pdf import find_soffice

    if find_soffice() is None and not os.environ.get("CI"):
        pytest.skip("LibreOffice not installed")
    client, plans, output = site
    name = "bach-thong-2024-cong-van.yaml"
    text = (plans / name).read_text(encoding="utf-8")
    shown = client.post("/api/preview", json={"name": name, "text": text}).json()
    assert shown["ok"] and len(shown["pages"]) == 2
    page = client.get(shown["pages"][0])
    assert page.status_code == 200 and page.headers["content-type"] == "image/jpeg"
    assert page.content[:3] == b"\xff\xd8\xff"
    frame = page.content.index(b"\xff\xc0")  # the JPEG's frame header: height, then width
    height, width = struct.unpack(">HH", page.content[frame + 5:frame + 9])
    assert (width, height) == (math.ceil(210 / 25.4 * 72), math.ceil(297 / 25.4 * 72))  # A4 at 72 dpi
    bad = client.post("/api/preview", json={"name": name, "text": text.replace("nam: 2024}", "nam: 2024")}).json()
    assert bad["ok"] is False and bad["problems"] and "pages" not in bad
    assert client.get(shown["pages"][0].rsplit("/", 1)[0] + "/..%2F..%2Fetc%2Fpasswd").status_code == 404
    assert not output.exists() or not list(output.iterdir())  # a preview writes nothing beside the plans


def test_the_check_report(site):
    client, plans, _output = site
    name = "ngoc-lien-2026-quyet-dinh-ban-hanh.yaml"
    report = client.post("/api/check", json={"name": name,
                                             "text": (plans / name).read_text(encoding="utf-8")}).json()
    assert report["ok"] and [d["document"] for d in report["documents"]] == [
        "ngoc-lien-2026-quyet-dinh-ban-hanh.docx", "ngoc-lien-2026-quyet-dinh-ban-hanh-quyet-dinh.docx"]
    name = "ngoc-lien-2026-ke-hoach.yaml"
    report = client.post("/api/check", json={"name": name,
                                             "text": (plans / name).read_text(encoding="utf-8")}).json()
    (document,) = report["documents"]
    assert {f["rule"] for f in document["findings"]} == {"trich_dan.full_twice"}
    assert all(f["severity"] == "cảnh báo" and f["clause"].startswith("Phụ lục I") for f in document["findings"])


def test_the_redline_against_the_saved_version(site):
    import io
    import zipfile

    client, plans, _output = site
    name = "bach-thong-2024-cong-van.yaml"
    opened = client.get(f"/api/plans/{name}").json()
    nothing = client.post("/api/redline", json={"name": name, "text": opened["text"]})
    assert nothing.status_code == 404 and "chưa có bản nào để so sánh" in nothing.json()["error"]
    edited = opened["text"].replace("Hà Kim Oanh", "Hà Kim Thanh")
    unsaved = client.post("/api/redline", json={"name": name, "text": edited})  # the editor against the file
    assert unsaved.status_code == 200 and unsaved.content[:2] == b"PK"
    assert (unsaved.headers["x-docgen-insertions"], unsaved.headers["x-docgen-deletions"]) == ("1", "1")
    with zipfile.ZipFile(io.BytesIO(unsaved.content)) as package:
        xml = package.read("word/document.xml").decode("utf-8")
    assert "Thanh" in xml and "Oanh" in xml and xml.count("<w:del ") == 1
    client.put(f"/api/plans/{name}", json={"text": edited, "version": opened["version"]})
    after = client.post("/api/redline", json={"name": name, "text": edited})  # saved: against the version before
    assert after.status_code == 200 and after.headers["x-docgen-insertions"] == "1"
    broken = client.post("/api/redline", json={"name": name, "text": edited.replace("nam: 2024}", "nam: 2024")})
    assert broken.status_code == 422 and "còn lỗi" in broken.json()["error"]


def test_a_template_error_is_told_and_writes_nothing(site, tmp_path):
    """A broken Word template (a field the engine does not know) is a message, not a stopped server, and
    nothing is written: the plan's last good document stays."""
    import zipfile

    client, plans, output = site
    name = "bach-thong-2024-cong-van.yaml"
    opened = client.get(f"/api/plans/{name}").json()
    assert client.put(f"/api/plans/{name}", json={"text": opened["text"],
                                                   "version": opened["version"]}).json()["written"]
    good = (output / "bach-thong-2024-cong-van.docx").read_bytes()
    templates = tmp_path / "mau"
    shutil.copytree(ROOT / "templates", templates)
    source = templates / "cong-van.docx"
    with zipfile.ZipFile(source) as package:
        parts = {i.filename: package.read(i) for i in package.infolist()}
    parts["word/document.xml"] = parts["word/document.xml"].replace(b"</w:body>", b"").replace(
        b"<w:sectPr", b"<w:p><w:r><w:t>{{ truong_khong_co }}</w:t></w:r></w:p><w:sectPr", 1) + b""
    parts["word/document.xml"] = parts["word/document.xml"].replace(b"</w:document>", b"</w:body></w:document>")
    with zipfile.ZipFile(source, "w") as package:
        for part, data in parts.items():
            package.writestr(part, data)
    before = _snapshot(plans.parent)
    with TestClient(create_app(plans, output, templates, prewarm=False)) as broken:
        text = (plans / name).read_text(encoding="utf-8")
        told = broken.post("/api/validate", json={"name": name, "text": text}).json()
        assert told["ok"] is False and "truong_khong_co" in told["problems"][0]["message"]
        version = broken.get(f"/api/plans/{name}").json()["version"]
        saved = broken.put(f"/api/plans/{name}", json={"text": text, "version": version})
        assert saved.status_code == 200 and saved.json()["written"] == []
        assert broken.get("/api/plans").status_code == 200  # still serving
    assert (output / "bach-thong-2024-cong-van.docx").read_bytes() == good
    after = _snapshot(plans.parent)
    changed = {k for k in after if before.get(k) != after[k]}
    assert changed <= {f"plans/{name}.bak"}  # the save kept the previous version; no document written


def test_a_new_plan_from_a_starter(site):
    from docgen.kinds import starter

    client, plans, _output = site
    kinds = client.get("/api/kinds").json()
    assert {k["key"] for k in kinds["kinds"]} >= {"ke-hoach", "cong-van", "to-trinh", "bao-cao", "quyet-dinh"}
    made = client.post("/api/plans", json={"kind": "cong-van", "name": "cong-van-moi"})
    assert made.status_code == 201 and made.json()["name"] == "cong-van-moi.yaml"
    assert (plans / "cong-van-moi.yaml").read_bytes() == starter("cong-van").read_bytes()
    listed = {p["name"]: p for p in client.get("/api/plans").json()["plans"]}
    assert listed["cong-van-moi.yaml"]["status"] == "dat" and listed["cong-van-moi.yaml"]["kind"] == "Công văn"
    before = _snapshot(plans.parent)
    again = client.post("/api/plans", json={"kind": "to-trinh", "name": "cong-van-moi.yaml"})
    assert again.status_code == 409 and "đã có" in again.json()["error"]
    assert client.post("/api/plans", json={"kind": "../../etc", "name": "x.yaml"}).status_code == 400
    assert client.post("/api/plans", json={"kind": "to-trinh", "name": "../ra-ngoai.yaml"}).status_code == 400
    assert _snapshot(plans.parent) == before


HOSTILE = sorted((ROOT / "tests" / "hostile" / "plans").glob("*.yaml"))


def test_hostile_plans_are_answered_never_crash_the_server_and_write_no_document(site):
    """Every plan of the hostile corpus (aliases bombs, binary, NUL, shared files pointing out of the folder,
    Python tags, …) sent as the editor's text: a message, never a server error; saved: kept as text, no document."""
    client, plans, output = site
    assert len(HOSTILE) >= 20
    for path in HOSTILE:
        text = path.read_bytes().decode("utf-8", errors="replace")
        told = client.post("/api/validate", json={"name": path.name, "text": text})
        assert told.status_code == 200, (path.name, told.text)
        assert told.json()["ok"] is False and told.json()["problems"], path.name
        assert "root:x:0:0" not in told.text  # nothing read out of the folder is shown
        shown = client.post("/api/preview", json={"name": path.name, "text": text})
        assert shown.status_code == 200 and "pages" not in shown.json(), path.name
        saved = client.put(f"/api/plans/{path.name}", json={"text": text, "version": None})
        assert saved.status_code == 200 and saved.json()["written"] == [], path.name
    assert not output.exists() or not any(output.iterdir())
    assert client.get("/api/plans").status_code == 200  # still serving, every hostile plan listed as "loi"
    listed = {p["name"]: p["status"] for p in client.get("/api/plans").json()["plans"]}
    assert all(listed[path.name] == "loi" for path in HOSTILE)


def test_the_text_as_typed_is_read_in_place_nothing_of_the_folder_is_copied(site):
    """The editor's text is checked as the plan would stand in the folder (its shared groups read from there),
    without copying the folder anywhere: a sub-folder holding something that cannot be copied (a named pipe, an
    archive of old documents) changes nothing."""
    import os

    client, plans, _output = site
    archive = plans / "luu-tru"
    archive.mkdir()
    os.mkfifo(archive / "ong-dan")
    name = "bach-thong-2024-cong-van.yaml"
    told = client.post("/api/validate", json={"name": name, "text": (plans / name).read_text(encoding="utf-8")})
    assert told.status_code == 200 and told.json() == {"ok": True, "problems": [], "warnings": []}
    archive_text = (plans / name).read_text(encoding="utf-8").replace("Hà Kim Oanh", "Hà Kim Thanh")
    redline = client.post("/api/redline", json={"name": name, "text": archive_text})
    assert redline.status_code == 200 and redline.headers["x-docgen-insertions"] == "1"


def test_the_names_come_first_without_checking_every_plan(site):
    client, plans, _output = site
    quick = client.get("/api/plans?status=0").json()["plans"]
    assert {p["name"] for p in quick} == {p.name for p in plans.glob("*.yaml")}
    assert all("status" not in p and p["kind"] for p in quick)


def test_the_pdf_download_is_the_saved_document(site):
    import os

    from docgen.pdf import find_soffice

    if find_soffice() is None and not os.environ.get("CI"):
        pytest.skip("LibreOffice not installed")
    client, _plans, _output = site
    name = "vi-du-bao-cao-tp-hcm.yaml"
    missing = client.get(f"/api/plans/{name}/pdf")
    assert missing.status_code == 404 and "hãy lưu kế hoạch" in missing.json()["error"]
    opened = client.get(f"/api/plans/{name}").json()
    client.put(f"/api/plans/{name}", json={"text": opened["text"], "version": opened["version"]})
    pdf = client.get(f"/api/plans/{name}/pdf")
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    import pymupdf

    with pymupdf.open(stream=pdf.content, filetype="pdf") as document:
        assert "BÁO CÁO" in document[0].get_text() and "Nguyễn Văn Dũng" in document[-1].get_text()


def test_a_taken_port_is_told_in_words_and_nothing_starts(run, tmp_path):
    import socket

    taken = socket.create_server(("127.0.0.1", 0))
    port = taken.getsockname()[1]
    try:
        result = run("serve", ROOT / "plans", "--port", port, "-o", tmp_path / "out")
    finally:
        taken.close()
    assert result.code == 1
    assert f"cổng {port} đang được một chương trình khác dùng" in result.err
    assert f"docgen serve --port {port + 1}" in result.err
    assert not (tmp_path / "out").exists()
    bad_host = run("serve", ROOT / "plans", "--host", "203.0.113.7", "--port", "8765")
    assert bad_host.code == 1 and "không phải địa chỉ của máy này" in bad_host.err


def test_the_command_serves_the_folder_until_stopped(tmp_path):
    """``docgen serve`` as a clerk starts it: it prints the address, answers there, and stops on Ctrl+C."""
    import json
    import signal
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    probe = socket.create_server(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    shutil.copytree(ROOT / "plans", tmp_path / "plans")
    with subprocess.Popen([sys.executable, "-m", "docgen", "serve", str(tmp_path / "plans"), "--port", str(port),
                           "-o", str(tmp_path / "out")], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True, encoding="utf-8") as process:
        try:
            line = process.stdout.readline()
            assert line.startswith(f"Mở trình duyệt tại http://127.0.0.1:{port}/")
            deadline = time.monotonic() + 30
            while True:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/plans?status=0", timeout=5) as answer:
                        listed = json.loads(answer.read())
                    break
                except OSError:
                    assert time.monotonic() < deadline, "the server never answered"
                    time.sleep(0.1)
            assert "bach-thong-2024-cong-van.yaml" in {p["name"] for p in listed["plans"]}
        finally:
            process.send_signal(signal.SIGINT)  # Ctrl+C
            out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert "Đã dừng trang soạn thảo" in out
