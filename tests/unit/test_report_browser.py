"""The HTML report in a real browser: headless Chromium screenshots it, and the picture
is checked with the standard library alone (zlib + struct): not blank, with the
charts' colours drawn. Skipped, saying why, where Chromium is not installed.
"""

from __future__ import annotations

import re
import struct
import subprocess
import zlib
from collections import Counter
from pathlib import Path

import pytest

from sessiontui.report import build_report, build_reports, build_series, load_log, render
from sessiontui.report.svg import ACTUAL, MEMBER
from tests.unit.report_helpers import HAND_PLAN, driven_session, hand_made_events, write_log

CHROMIUM = Path("/usr/bin/chromium")
WIDTH, HEIGHT = 1200, 4000  # tall enough for every chart of a whole evening's report
PHONE = 400

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="needs headless Chromium at /usr/bin/chromium (apt-get install -y chromium)",
)


def screenshot(page: Path, tmp_path: Path) -> Path:
    shot = tmp_path / "shot.png"
    profile = tmp_path / "profile"
    command = [
        str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", f"--user-data-dir={profile}", f"--screenshot={shot}",
        f"--window-size={WIDTH},{HEIGHT}", page.as_uri(),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert shot.exists(), f"no screenshot (exit {done.returncode}): {done.stderr[-2000:]}"
    return shot


def decode_png(path: Path) -> tuple[int, int, list[bytes], int]:
    """(width, height, rows of raw pixels, bytes per pixel) of an 8-bit RGB(A) PNG."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat = 8, []
    width = height = depth = colour = 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat.append(body)
    assert depth == 8 and colour in (2, 6), (depth, colour)
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(b"".join(idat))
    stride = width * bpp
    rows: list[bytes] = []
    prev = bytes(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        if kind == 2:  # Up, the commonest: add the row above, byte-wise, at C speed
            wide_a, wide_b = bytearray(2 * stride), bytearray(2 * stride)
            wide_a[1::2], wide_b[1::2] = line, prev
            total = int.from_bytes(wide_a, "big") + int.from_bytes(wide_b, "big")
            line = bytearray(total.to_bytes(2 * stride + 1, "big")[2::2])
        elif kind in (1, 3, 4):
            for x in range(stride):
                left = line[x - bpp] if x >= bpp else 0
                up = prev[x]
                if kind == 1:
                    line[x] = (line[x] + left) & 255
                elif kind == 3:
                    line[x] = (line[x] + (left + up) // 2) & 255
                else:
                    corner = prev[x - bpp] if x >= bpp else 0
                    guess = left + up - corner
                    pa, pb, pc = abs(guess - left), abs(guess - up), abs(guess - corner)
                    near = left if pa <= pb and pa <= pc else (up if pb <= pc else corner)
                    line[x] = (line[x] + near) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, rows, bpp


def colours(rows: list[bytes], bpp: int) -> Counter[tuple[int, int, int]]:
    """Colour counts, sampling every other pixel of every other row: plenty for a page."""
    count: Counter[tuple[int, int, int]] = Counter()
    for row in rows[::2]:
        for x in range(0, len(row), bpp * 2):
            count[(row[x], row[x + 1], row[x + 2])] += 1
    return count


def rgb(hex_colour: str) -> tuple[int, int, int]:
    value = hex_colour.lstrip("#")
    return (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))


def near(seen: Counter[tuple[int, int, int]], target: tuple[int, int, int]) -> int:
    """Pixels within a few steps of `target` (colour management may nudge it)."""
    return sum(
        n for c, n in seen.items()
        if max(abs(a - b) for a, b in zip(c, target, strict=True)) <= 6
    )


def test_png_decoder_reads_what_zlib_wrote(tmp_path: Path) -> None:
    """The decoder itself, on a tiny PNG made here with every filter type."""
    width, bpp = 3, 3
    pixels = [bytes([10, 20, 30, 200, 100, 50, 0, 255, 7]), bytes([1, 2, 3, 4, 5, 6, 7, 8, 9])]
    filtered = b""
    for kind, row in zip((0, 2), pixels, strict=True):
        if kind == 2:
            row = bytes((a - b) & 255 for a, b in zip(row, pixels[0], strict=True))
        filtered += bytes([kind]) + row

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(
            ">I", zlib.crc32(kind + body))

    png = tmp_path / "t.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n"
                    + chunk(b"IHDR", struct.pack(">IIBBBBB", width, 2, 8, 2, 0, 0, 0))
                    + chunk(b"IDAT", zlib.compress(filtered)) + chunk(b"IEND", b""))
    assert decode_png(png) == (width, 2, pixels, bpp)


@pytest.mark.parametrize("which", ["hand-made", "evening"])
def test_the_html_report_renders_in_chromium(tmp_path: Path, which: str) -> None:
    if which == "hand-made":
        log = write_log(tmp_path, HAND_PLAN, hand_made_events())
    else:
        plan, events = driven_session()
        log = write_log(tmp_path, plan, events)
    loaded = load_log(log)
    report = build_report(loaded.contents, loaded.roster, plan=loaded.plan, anonymize=True)
    page = tmp_path / "report.html"
    page.write_text(render(report, "html"), encoding="utf-8")

    width, height, rows, bpp = decode_png(screenshot(page, tmp_path))
    assert (width, height) == (WIDTH, HEIGHT)
    seen = colours(rows, bpp)
    total = sum(seen.values())
    top, top_count = seen.most_common(1)[0]
    assert top_count < 0.9 * total, f"mostly one colour {top}: a blank page?"
    assert len(seen) > 50, "too few colours for text and charts"
    assert near(seen, rgb(ACTUAL)) > 100, "the timeline's actual bars were not drawn"
    assert near(seen, rgb(MEMBER)) > 100, "the talk-time bars were not drawn"


def page_width(page: Path, tmp_path: Path, width: int) -> tuple[int, int]:
    """(the document's scroll width, the viewport's width) of `page` laid out `width`
    pixels wide. Headless Chromium's window is at least 500 px wide, so the page goes,
    untouched (its Content-Security-Policy included), into an iframe `width` px wide on
    a probe page whose script, once everything has loaded, writes both widths into the
    probe's title; --dump-dom prints the probe's DOM after its load event."""
    from html import escape

    probe = tmp_path / "probe.html"
    probe.write_text(
        '<!DOCTYPE html><html><body style="margin:0">'
        f'<iframe id="f" width="{width}" height="900" style="border:0" '
        f'srcdoc="{escape(page.read_text(encoding="utf-8"), quote=True)}"></iframe>'
        "<script>window.addEventListener('load', function () {"
        "var f = document.getElementById('f');"
        "document.title = 'W=' + f.contentDocument.documentElement.scrollWidth + ','"
        " + f.contentWindow.innerWidth; });</script></body></html>",
        encoding="utf-8",
    )
    command = [
        str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", f"--user-data-dir={tmp_path / 'profile-dom'}",
        "--window-size=800,900", "--dump-dom", probe.as_uri(),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    found = re.search(r"<title>W=(\d+),(\d+)</title>", done.stdout)
    assert found, f"no width (exit {done.returncode}): {done.stderr[-2000:]}"
    return int(found.group(1)), int(found.group(2))


def _reports(tmp_path: Path) -> tuple[Path, Path]:
    """A session report and a series report of the evening session (two weeks)."""
    logs = []
    for week in range(2):
        plan, events = driven_session(week)
        logs.append(load_log(write_log(
            tmp_path, plan, events, name=f"2026112{week}T193000Z_evening_{week}.jsonl",
            session_id=f"{week}" * 32)))
    one = tmp_path / "session.html"
    one.write_text(render(build_report(logs[0].contents, logs[0].roster, plan=logs[0].plan),
                          "html"), encoding="utf-8")
    series = tmp_path / "series.html"
    series.write_text(render(build_series(build_reports(logs)), "html"), encoding="utf-8")
    return one, series


@pytest.mark.parametrize("which", ["session", "series"])
def test_at_phone_width_the_page_does_not_scroll_sideways(tmp_path: Path, which: str) -> None:
    """At 400 px the charts scale to the width and wide tables scroll inside their own
    box: the page itself is never wider than the window."""
    one, series = _reports(tmp_path)
    page = one if which == "session" else series
    scroll, inner = page_width(page, tmp_path, PHONE)
    assert inner == PHONE
    assert scroll <= inner, f"the page is {scroll} px wide in a {inner} px window"
