"""The README's "What the collection finds": each notebook's one-line finding, as executed.

The findings are computed by the notebooks (``report.finding``, stored in their outputs), so
the README states them by copying, never by typing: ``make`` rewrites the block between the
markers whenever it builds the project's own data, and a test checks that the block matches
the committed notebooks.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from boots.render.site import notebook_summary
from boots.util import config
from boots.util.atomic import write_text

README = config.ROOT / "README.md"
START = "<!-- findings:start (written by make from the notebooks' findings) -->"
END = "<!-- findings:end -->"
_MARKUP = re.compile(r"([\\`*_\[\]<>#|~!])")
_BLOCK = re.compile(re.escape(START) + r".*?" + re.escape(END), re.S)


def _plain(text: str) -> str:
    """Text as Markdown shows it literally: one line, every markup character escaped."""
    return _MARKUP.sub(r"\\\1", " ".join(text.split()))


def findings_block(notebooks: list[Path]) -> str:
    """One line per executed notebook: its title, linked, and its finding."""
    lines = [START]
    for path in notebooks:
        summary = notebook_summary(json.loads(path.read_text(encoding="utf-8")))
        if summary["finding"]:
            link = f"notebooks/{path.name}"
            title, finding = _plain(summary["title"]), _plain(summary["finding"])
            lines.append(f"- **[{title}]({link}).** {finding}")
    lines.append(END)
    return "\n".join(lines)


def update(notebooks: list[Path], readme: Path = README) -> bool:
    """Rewrite the block in ``readme`` if it differs; return whether it was rewritten."""
    if not readme.is_file():
        return False
    text = readme.read_text(encoding="utf-8")
    if not _BLOCK.search(text):
        return False
    block = findings_block(notebooks)
    new = _BLOCK.sub(lambda _m: block, text, count=1)
    if new == text:
        return False
    write_text(readme, new)
    return True


def main() -> int:
    from boots.pipeline.build import notebooks_in

    rewritten = update(notebooks_in(config.NOTEBOOKS_DIR))
    print("README.md: findings rewritten" if rewritten else "README.md: findings current")
    return 0


if __name__ == "__main__":
    sys.exit(main())
