"""A Textual driver that times a real program to its first frame, then ends it.

The start-up benchmarks run the console script as users do (`sessiontui run PLAN`,
`sessiontui replay LOG`) with `TEXTUAL_DRIVER=frame_driver:FrameDriver`. The driver
takes the frames Textual would send to a terminal; when one holds the text in
`FRAME_MARK` it notes the time, and when one holds `FRAME_THEN` too (if given) it
notes that, writes both to `FRAME_FILE` and ends the process at once.
"""

from __future__ import annotations

import os
import time

from textual.drivers.headless_driver import HeadlessDriver


class FrameDriver(HeadlessDriver):
    """Headless input, but frames are rendered and looked at as a terminal's would be."""

    seen: list[float] = []

    @property
    def is_headless(self) -> bool:
        return False  # so that Textual renders each frame to text and calls write()

    def write(self, data: str) -> None:
        marks = [os.environ["FRAME_MARK"]]
        if os.environ.get("FRAME_THEN"):
            marks.append(os.environ["FRAME_THEN"])
        if marks[len(self.seen)] in data:
            self.seen.append(time.time())
        if len(self.seen) == len(marks):
            with open(os.environ["FRAME_FILE"], "w", encoding="utf-8") as out:
                out.write(" ".join(repr(t) for t in self.seen))
            os._exit(0)
