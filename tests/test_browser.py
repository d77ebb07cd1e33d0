"""The lesson pages as a student sees them, in a real headless Chromium at projector width (1280 px).

A fresh ``kit run`` of the op-ed is opened page by page: every figure must load, no text in a table
may be cut off (truncated with an ellipsis or clipped by overflow), no table may run past the right
edge of the page, and no request may leave the machine. A second test opens a lesson in JupyterLab,
where outputs of an untrusted notebook are sanitised, and checks that every colour in the highlighted
text has its entry in the legend. Screenshots land in the test's temporary folder.

Skipped, with the reason, only where no Chromium is installed (``.ci/run`` installs Debian's
``chromium`` when it runs as root with ``apt-get``).
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.support.browser import Browser, find_chromium
from tests.support.jupyter import TOKEN

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(find_chromium() is None, reason="no Chromium on PATH (apt-get install chromium)"),
]

PAGE_REPORT = r"""
(() => {
  const width = document.documentElement.clientWidth;
  const images = Array.from(document.images);
  const cut = [];
  for (const cell of document.querySelectorAll('td, th')) {
    const style = getComputedStyle(cell);
    const clips = style.overflow !== 'visible' || style.textOverflow === 'ellipsis';
    const text = cell.textContent.trim();
    if (clips && cell.scrollWidth > cell.clientWidth + 1) cut.push('clipped: ' + text.slice(0, 60));
    if (text !== '...' && /(\.\.\.|\u2026)$/.test(text)) cut.push('truncated: ' + text.slice(0, 60));
  }
  const wide = [];
  for (const table of document.querySelectorAll('table')) {
    const right = table.getBoundingClientRect().right;
    if (right > width + 1) wide.push(Math.round(right) + 'px: ' + table.innerText.slice(0, 60));
  }
  return {
    images: images.length,
    broken_images: images.filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src.slice(0, 60)),
    cut_text: cut,
    wide_tables: wide,
  };
})()
"""


@pytest.fixture(scope="module")
def oped_pages(tmp_path_factory):
    out = tmp_path_factory.mktemp("browser") / "oped"
    done = subprocess.run(
        [sys.executable, "-m", "kit", "run", "--text", "oped", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    pages = sorted(out.glob("*.html"))
    assert any(p.name == "index.html" for p in pages)
    return pages


@pytest.fixture(scope="module")
def page_reports(oped_pages, tmp_path_factory):
    shots = tmp_path_factory.mktemp("screenshots")
    reports = {}
    with Browser(width=1280) as browser:
        for page in oped_pages:
            browser.open(page.resolve().as_uri())
            reports[page.name] = browser.evaluate(PAGE_REPORT)
            browser.screenshot(shots / f"{page.stem}.png")
        reports["foreign requests"] = browser.foreign_requests()
        reports["requests"] = list(browser.requests)
    assert len(list(shots.glob("*.png"))) == len(oped_pages)
    return reports


def test_every_page_loads_its_figures_and_nothing_leaves_the_machine(page_reports, oped_pages):
    lessons = [p.name for p in oped_pages if p.name != "index.html"]
    assert lessons, "kit run wrote no lesson pages"
    for name in lessons:
        report = page_reports[name]
        assert report["images"] > 0, f"{name}: no figure on the page"
        assert report["broken_images"] == [], f"{name}: figures that did not load"
    assert page_reports["requests"], "the browser recorded no requests at all (the recorder is broken)"
    assert page_reports["foreign requests"] == []


def test_no_table_text_is_cut_off(page_reports):
    cut = {name: r["cut_text"] for name, r in page_reports.items() if isinstance(r, dict) and r["cut_text"]}
    assert cut == {}


def test_tables_fit_a_projector_width(page_reports):
    wide = {name: r["wide_tables"] for name, r in page_reports.items() if isinstance(r, dict) and r["wide_tables"]}
    assert wide == {}


LEGEND_REPORT = r"""
(() => {
  const colour = el => getComputedStyle(el).backgroundColor;
  const legends = Array.from(document.querySelectorAll('.kit-legend'));
  if (!legends.length) return null;
  const result = [];
  for (const legend of legends) {
    const block = legend.parentElement;
    const keys = new Set(Array.from(legend.querySelectorAll('mark')).map(colour));
    const text = Array.from(block.querySelectorAll('mark')).filter(m => !legend.contains(m));
    const used = new Set(text.map(colour));
    const entries = Array.from(legend.querySelectorAll('mark')).map(m => m.parentElement.textContent);
    result.push({keys: Array.from(keys), used: Array.from(used), entries,
                 missing: Array.from(used).filter(c => !keys.has(c))});
  }
  return result;
})()
"""


def test_jupyterlab_shows_only_legend_colours_in_the_highlighted_text(jupyter_lab, tmp_path):
    port = jupyter_lab
    url = f"http://127.0.0.1:{port}/lab/tree/notebooks/02_sentiment.ipynb?token={TOKEN}"
    with Browser(width=1280, timeout=90) as browser:
        browser.open(url)
        legends = browser.wait_for(LEGEND_REPORT, timeout=90)
        browser.screenshot(tmp_path / "jupyterlab_sentiment.png", max_height=900)
        foreign = browser.foreign_requests()
    assert legends, "no highlight legend rendered in JupyterLab"
    for legend in legends:
        assert legend["used"], f"a highlighted text with no highlighted words: {legend}"
        assert legend["missing"] == [], f"colours in the text without a legend entry: {legend}"
    assert foreign == []
