"""End to end in headless chromium: `veille serve` on a free loopback port over the
hand-built database; dyad chart -> events of a month -> document with the evidence
highlighted. Saves out/ui-evidence.png (the CI artifact). Skips when Debian's chromium
or the playwright package is missing."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]
OUT = Path(__file__).resolve().parents[2] / "out"
START_DEADLINE_S = 60  # bound on waiting for the server to answer; not a measurement


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(test_db, tmp_path_factory):
    port = _free_port()
    log = (tmp_path_factory.mktemp("serve") / "serve.log").open("w")
    proc = subprocess.Popen([sys.executable, "-m", "veille.cli.main", "serve", "--db", str(test_db),
                             "--host", "127.0.0.1", "--port", str(port)], stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + START_DEADLINE_S
    try:
        while True:
            try:
                with urllib.request.urlopen(base + "/openapi.json", timeout=5) as r:
                    if r.status == 200:
                        break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"veille serve did not start (see {log.name})") from None
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@pytest.fixture(scope="module")
def page():
    if not os.path.exists(CHROMIUM):
        pytest.skip("chromium is not installed (apt-get install chromium; make test does it as root)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e .[dev])")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            pg = browser.new_page(viewport={"width": 1280, "height": 900})
            dialogs: list[str] = []
            pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            pg.dialogs = dialogs  # any alert() would mean injected markup ran
            yield pg
        finally:
            browser.close()


def test_dyad_chart_to_event_to_highlighted_evidence(server, page):
    page.goto(server + "/#/dyad/FRA/RUS")
    bar = page.locator('#dyad-chart rect.bar[data-period="2017-03"]').first
    bar.wait_for()
    assert page.locator("#dyad-chart rect.bar").count() >= 5  # one per (period, direction, quad) with events
    bar.click()
    links = page.locator("#period-events a.event-link")
    links.first.wait_for()
    assert links.count() == 4
    assert page.locator("#period-events h2").inner_text() == "Events of 2017-03 (4)"
    first_row = page.locator("#period-events tbody tr").first
    assert "ACCUSE" in first_row.inner_text()
    links.first.click()
    page.wait_for_url("**/ui/documents/doc-1?event=*")
    trigger = page.locator("mark.trigger.selected")
    trigger.wait_for()
    assert trigger.inner_text() == "accuse"
    assert page.locator("mark.sentence.selected").first.is_visible()
    assert page.locator("#evidence-text").inner_text() == "La France accuse la Russie."
    OUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUT / "ui-evidence.png"), full_page=True)
    assert (OUT / "ui-evidence.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_hostile_markup_is_shown_not_run(server, page):
    page.goto(server + "/ui/documents/doc-3")
    assert "<script>" in page.locator("#doc-title").inner_text()  # shown as text
    assert page.locator("#doc-text img").count() == 0 and page.locator("#doc-text script").count() == 0
    page.goto(server + "/#/actors")
    page.locator("a[href='#/actor/XSSGRP']").first.wait_for()
    assert "onerror=alert(1)" in page.locator("main").inner_text()
    assert page.locator("main img").count() == 0
    page.goto(server + "/#/actor/XSSGRP")
    page.locator("table.events").first.wait_for()
    assert page.locator("main img").count() == 0 and page.locator("main script").count() == 0
    assert page.dialogs == []


def test_events_view_filters(server, page):
    page.goto(server + "/#/events?actor=RUS")
    page.locator("table.events tbody tr").first.wait_for()
    rows = page.locator("table.events tbody tr")
    assert rows.count() == 2
    assert {rows.nth(i).locator("td").nth(1).inner_text() for i in range(2)} == {"REJECT", "AID"}
