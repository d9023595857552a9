"""The progress bar of the long-running commands (import_documents, generate_corpus):
"Letters [#####-----] 12/34 letters 3s (eta 5s)" redrawn on one line of a stream."""

import time

WIDTH = 30


class ProgressBar:
    """Drawn on a terminal only, unless ``active`` says otherwise; with ``timing``,
    the time taken and the time left, and no more than a few redraws a second."""

    def __init__(self, stream, unit, *, label="", active=None, timing=False):
        self.stream, self.unit, self.timing = stream, unit, timing
        self.label = f"{label} " if label else ""
        self.active = stream.isatty() if active is None else active
        self.drawn = False
        self.started = time.monotonic()
        self.shown = None

    def draw(self, done, total):
        if not self.active:
            return
        now = time.monotonic()
        if self.timing and done < total and self.shown and now - self.shown < 0.3:
            return
        self.shown = now
        total = max(total, 1)
        filled = WIDTH * done // total
        line = f"\r{self.label}[{'#' * filled}{'-' * (WIDTH - filled)}] {done}/{total}"
        line += f" {self.unit}"
        if self.timing:
            elapsed = now - self.started
            eta = elapsed * (total - done) / done if done else 0
            line += f" {elapsed:.0f}s (eta {eta:.0f}s)"
        self.stream.write(line)
        self.stream.flush()
        self.drawn = True

    def clear(self):
        """Erase the bar (for lines written between two draws)."""
        if self.drawn:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self.drawn = False

    def close(self):
        """Leave the last bar drawn and end its line."""
        if self.drawn:
            self.stream.write("\n")
            self.stream.flush()
            self.drawn = False
