"""``docgen serve`` driven in a real headless Chromium (Debian's chromium and chromium-driver, through Selenium), the
way a clerk uses the page: pick a plan, see its pages, type an error and see docgen's message at its line, fix it
and see the pages change, save, download the .docx and open it, ask for the decree check and the redline, start a
new plan from a kind's starter, get completion from the plan's schema.

Screenshots of each step go to ``tmp_path``, or to the folder named by ``DOCGEN_SCREENSHOTS`` to be looked at.
Outside CI the tests skip where there is no Chromium or LibreOffice; in CI (.ci/run installs them) they run.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
import zipfile
from pathlib import Path

import pytest

from docgen.pdf import find_soffice
from docgen.serve import create_app

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM, DRIVER = shutil.which("chromium"), shutil.which("chromedriver")
PLAN = "bach-thong-2024-cong-van.yaml"

pytestmark = pytest.mark.skipif(
    (CHROMIUM is None or DRIVER is None or find_soffice() is None) and not os.environ.get("CI"),
    reason="Chromium, ChromeDriver or LibreOffice not installed (apt-get install chromium chromium-driver "
           "libreoffice-writer-nogui)")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """``docgen serve`` on a copy of the bundled plans, on a free port of this machine: (address, plans, output)."""
    import uvicorn

    root = tmp_path_factory.mktemp("serve")
    plans, output = root / "plans", root / "output"
    shutil.copytree(ROOT / "plans", plans)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    running = uvicorn.Server(uvicorn.Config(create_app(plans, output), log_level="warning"))
    thread = threading.Thread(target=running.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not running.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", plans, output
    running.should_exit = True
    thread.join(timeout=30)
    sock.close()


@pytest.fixture
def browser(tmp_path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    downloads = tmp_path / "tai-ve"
    downloads.mkdir()
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM or "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1600,1000", f"--user-data-dir={tmp_path / 'profile'}"):
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service(DRIVER or "/usr/bin/chromedriver"), options=options)
    driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    driver.downloads = downloads
    shots = Path(os.environ.get("DOCGEN_SCREENSHOTS") or tmp_path / "anh")
    shots.mkdir(parents=True, exist_ok=True)
    driver.shot = lambda name: driver.save_screenshot(str(shots / f"{name}.png"))
    try:
        yield driver
    finally:
        driver.quit()


def _wait(driver, condition, what: str, timeout: float = 30):
    """``condition`` true within ``timeout``; an element replaced while it was read (the page redraws the pages
    and the list after each answer) is read again at the next poll."""
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout, poll_frequency=0.05,
                         ignored_exceptions=(StaleElementReferenceException,)).until(condition, message=what)


def _css(driver, selector: str):
    from selenium.webdriver.common.by import By

    return driver.find_elements(By.CSS_SELECTOR, selector)


def _open(driver, address: str, name: str) -> None:
    driver.get(address + "/")
    _wait(driver, lambda d: _css(d, f'nav .tep[data-ten="{name}"]'), "the plan list")
    _css(driver, f'nav .tep[data-ten="{name}"]')[0].click()
    _wait(driver, lambda d: _css(d, "#trang img") and _css(d, "#loi li"), "the first preview")


def _line(driver, number: int):
    """The editor's line ``number`` (CodeMirror draws the lines in view; the plans here fit)."""
    return driver.execute_script(
        "const v = window.__editorView(); const pos = v.state.doc.line(arguments[0]).from;"
        "return v.domAtPos(pos).node.nodeType === 1 ? v.domAtPos(pos).node.closest('.cm-line')"
        " : v.domAtPos(pos).node.parentElement.closest('.cm-line');", number)


def _go_to_end_of(driver, number: int) -> None:
    from selenium.webdriver.common.keys import Keys

    line = _line(driver, number)
    line.click()
    line.send_keys(Keys.END)


def _preview_key(driver) -> str:
    return driver.execute_script("const i = document.querySelector('#trang img'); return i && i.src;")


def _downloaded(driver, suffix: str) -> Path:
    def done(_d):
        found = [p for p in driver.downloads.iterdir() if p.name.endswith(suffix)]
        return found[0] if found and found[0].stat().st_size > 0 else None

    return _wait(driver, done, f"a downloaded {suffix}")


def test_a_clerk_edits_sees_the_error_at_its_line_fixes_it_saves_and_downloads(server, browser):
    from docx import Document
    from selenium.webdriver.common.keys import Keys

    address, plans, _output = server
    _open(browser, address, PLAN)
    browser.shot("1-mo-ke-hoach")
    groups = [h.get_attribute("textContent") for h in _css(browser, "nav h2")]
    assert {"Công văn", "Kế hoạch", "Quyết định", "Báo cáo", "Tờ trình"} <= set(groups)
    assert len(_css(browser, "#trang img")) == 2  # the letter's two pages
    assert _css(browser, "#loi li")[0].text == "Không có lỗi."
    first = _preview_key(browser)

    # line 15 is `ngay: {thang: 3, nam: 2024}`: a 35th day in it
    assert _line(browser, 15).text == "ngay: {thang: 3, nam: 2024}"
    _go_to_end_of(browser, 15)
    browser.switch_to.active_element.send_keys(Keys.LEFT, ", ngay: 35")
    told = _wait(browser, lambda d: [(e.get_attribute("data-dong"), e.text) for e in _css(d, "#loi li.loi")],
                 "docgen's message")
    assert len(told) == 1
    line, message = told[0]
    assert line == "15"
    assert message.startswith("Dòng 15, cột 7: (ngay)") and "không có thật" in message
    marked = _wait(browser, lambda d: _css(d, ".cm-lintRange-error"), "the error marked in the editor")
    assert marked[0].find_element("xpath", "./ancestor::div[contains(concat(' ', @class, ' '), ' cm-line ')][1]").text.startswith(
        "ngay: {thang: 3, nam: 2024, ngay: 35")
    assert "còn lỗi" in browser.find_element("id", "xem-truoc-ghi-chu").text
    browser.shot("2-loi-o-dong-15")

    # fixed: the 35th becomes the 5th of April
    browser.switch_to.active_element.send_keys(Keys.BACKSPACE * len(", ngay: 35"))
    line = _line(browser, 15)
    line.click()
    line.send_keys(Keys.HOME, Keys.RIGHT * len("ngay: {thang: "), Keys.DELETE, "4")
    _wait(browser, lambda d: _css(d, "#loi li.dat") and _css(d, "#trang img") and _preview_key(d) != first,
          "the preview of the fixed plan")
    assert not _css(browser, ".cm-lintRange-error")
    assert _line(browser, 15).text == "ngay: {thang: 4, nam: 2024}"
    browser.shot("3-da-sua-xem-truoc")

    # save (Ctrl+S), then the .docx
    browser.switch_to.active_element.send_keys(Keys.CONTROL, "s")
    _wait(browser, lambda d: "Đã lưu" in d.find_element("id", "trang-thai").text, "saved")
    saved = (plans / PLAN).read_text(encoding="utf-8")
    assert "ngay: {thang: 4, nam: 2024}" in saved
    assert "ngay: {thang: 3, nam: 2024}" in (plans / (PLAN + ".bak")).read_text(encoding="utf-8")
    browser.find_element("id", "tai-docx").click()
    document = Document(str(_downloaded(browser, ".docx")))
    texts = [p.text for p in document.paragraphs] + [
        p.text for t in document.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    assert any("tháng 4 năm 2024" in t for t in texts)
    assert not any("tháng 3 năm 2024" in t for t in texts)
    browser.shot("4-da-luu")

    # the redline of that save: one changed figure in the date, as a tracked change
    browser.find_element("id", "so-sanh").click()
    redline = _downloaded(browser, "-so-sanh.docx")
    with zipfile.ZipFile(redline) as package:
        xml = package.read("word/document.xml").decode("utf-8")
    assert xml.count("<w:ins ") == 1 and xml.count("<w:del ") == 1
    assert "Đã tải bản so sánh: 1 chỗ thêm, 1 chỗ bỏ" in browser.find_element("id", "trang-thai").text


def test_the_decree_check_report_opens_beside_the_editor(server, browser):
    address, _plans, _output = server
    _open(browser, address, "ngoc-lien-2026-ke-hoach.yaml")
    browser.find_element("id", "kiem-tra").click()
    dialog = _wait(browser, lambda d: [e for e in _css(d, "dialog#bao-cao") if e.is_displayed()], "the report")[0]
    assert "Kiểm tra theo Nghị định 30/2020/NĐ-CP" in dialog.text
    assert "ngoc-lien-2026-ke-hoach.docx" in dialog.text
    assert "[trich_dan.full_twice]" in dialog.text  # the one honest warning this real plan gets
    browser.shot("5-kiem-tra")


def test_a_new_plan_from_a_starter_and_completion_from_the_schema(server, browser):
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select

    address, plans, _output = server
    browser.get(address + "/")
    _wait(browser, lambda d: _css(d, "nav .tep"), "the plan list")
    browser.find_element("id", "nut-moi").click()
    Select(browser.find_element("id", "moi-loai")).select_by_visible_text("Tờ trình")
    browser.find_element("id", "moi-ten").send_keys("to-trinh-thu")
    browser.find_element("css selector", "#moi button[type=submit]").click()
    _wait(browser, lambda d: _css(d, '#trang img') and _css(d, "#loi li.dat"), "the starter's pages")
    assert (plans / "to-trinh-thu.yaml").is_file()
    assert browser.find_element("id", "ten").text == "to-trinh-thu.yaml"
    assert [e.get_attribute("data-ten") for e in _css(browser, "nav .tep.chon")] == ["to-trinh-thu.yaml"]
    browser.shot("6-ke-hoach-moi")

    # completion: a new line at the end, the start of a key, and the schema's keys are offered
    view_lines = browser.execute_script("return window.__editorView().state.doc.lines")
    _go_to_end_of(browser, view_lines)
    browser.switch_to.active_element.send_keys(Keys.ENTER, "vien_")
    options = _wait(browser, lambda d: _css(d, ".cm-tooltip-autocomplete li"), "the completion list")
    assert any("vien_dan" in o.text for o in options)
    browser.shot("7-goi-y")

    # hover help: the pointer on a key shows what the field is, in Vietnamese, from the schema
    from selenium.webdriver.common.action_chains import ActionChains

    browser.switch_to.active_element.send_keys(Keys.ESCAPE)
    key = next(e for e in _css(browser, ".cm-line span") if e.text == "trich_yeu")
    ActionChains(browser).move_to_element(key).perform()
    tip = _wait(browser, lambda d: [t for t in _css(d, ".cm-tooltip-hover") if t.text.strip()], "the hover help")
    assert "Trích yếu" in tip[0].text or "trích yếu" in tip[0].text
    browser.shot("8-giai-thich")


def test_two_tabs_editing_the_same_plan_cannot_lose_an_edit(server, browser):
    """The same plan open in two tabs, edited in both: the first save wins, the second is refused with what to
    do, and the first tab's edit is what the file holds."""
    from selenium.webdriver.common.keys import Keys

    address, plans, _output = server
    name = "vi-du-ke-hoach-phu-luc.yaml"
    _open(browser, address, name)
    first_tab = browser.current_window_handle
    browser.switch_to.new_window("tab")
    _open(browser, address, name)
    second_tab = browser.current_window_handle
    lines = browser.execute_script("return window.__editorView().state.doc.lines")

    browser.switch_to.window(first_tab)
    _go_to_end_of(browser, lines)
    browser.switch_to.active_element.send_keys(Keys.ENTER, "# sửa ở thẻ thứ nhất")
    browser.find_element("id", "luu").click()
    _wait(browser, lambda d: "Đã lưu" in d.find_element("id", "trang-thai").text, "the first save")

    browser.switch_to.window(second_tab)
    _go_to_end_of(browser, lines)
    browser.switch_to.active_element.send_keys(Keys.ENTER, "# sửa ở thẻ thứ hai")
    browser.find_element("id", "luu").click()
    told = _wait(browser, lambda d: [e for e in [d.find_element("id", "trang-thai")] if "mở lại" in e.text],
                 "the second save refused")[0]
    assert told.text.startswith("Kế hoạch đã được lưu từ một nơi khác")
    browser.shot("9-hai-the")
    saved = (plans / name).read_text(encoding="utf-8")
    assert "# sửa ở thẻ thứ nhất" in saved and "# sửa ở thẻ thứ hai" not in saved
