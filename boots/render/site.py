"""Render the executed notebooks as a small offline website.

One HTML page per notebook plus ``index.html``, which lists each notebook with its
question, its one-line finding (computed by the notebook, see ``boots.render.report.finding``)
and a thumbnail of its lead figure. Pages load nothing from the network: nbconvert's
MathJax, require.js and jQuery URLs are emptied, and every image is embedded as a data URI.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from pathlib import Path

from boots.util.atomic import write_text

FINDING_KEY = "boots-finding"
_STAMP = ".sources.json"
# A page is re-rendered when its notebook or this renderer changes.
_RENDERER = Path(__file__).read_bytes()

INDEX_STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 60rem;
       margin: 2rem auto; padding: 0 1rem; color: #1b1b1b; line-height: 1.45; }
h1 { margin-bottom: 0.2rem; }
.lede { color: #444; margin-top: 0; }
.card { display: flex; gap: 1.2rem; border-top: 1px solid #ddd; padding: 1.2rem 0; }
.card img { width: 300px; height: auto; border: 1px solid #ddd; background: #fff; }
.card h2 { margin: 0 0 0.4rem 0; font-size: 1.2rem; }
.question { font-style: italic; }
.finding { font-weight: 600; }
"""


def _exporter():
    from boots import skip_iri_grammar

    skip_iri_grammar()
    from nbconvert import HTMLExporter

    return HTMLExporter(
        template_name="lab",
        mathjax_url="",
        require_js_url="",
        jquery_url="",
        jupyter_widgets_base_url="",
        mermaid_js_url="",
        mermaid_layout_elk_js_url="",
        embed_images=True,
    )


_EMPTY_SCRIPT = re.compile(r'<script src="">\s*</script>')


def offline(page: str) -> str:
    """Drop the script tags whose (network) URLs were emptied."""
    return _EMPTY_SCRIPT.sub("", page)


def notebook_summary(notebook: dict) -> dict[str, str]:
    """Title, question, finding and lead figure of an executed notebook."""
    title, question, finding, figure = "", "", "", ""
    for cell in notebook["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] == "markdown" and not title:
            heading = re.search(r"^#\s+(.+)$", source, re.M)
            title = heading.group(1).strip() if heading else ""
        if cell["cell_type"] == "markdown" and not question:
            asked = re.search(r"\*\*Question:?\*\*:?\s*(.+)", source)
            question = asked.group(1).strip() if asked else ""
        for output in cell.get("outputs", []):
            meta = output.get("metadata", {}).get(FINDING_KEY)
            if meta:
                finding, figure = meta.get("text", ""), meta.get("figure", "")
    return {"title": title, "question": question, "finding": finding, "figure": figure}


def _thumbnail(figures_dir: Path, figure: str) -> str:
    path = figures_dir / f"{figure}.png"
    if not figure or not path.is_file():
        return ""
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    return f'<img src="data:image/png;base64,{data}" alt="{html.escape(figure)}">'


def render_index(summaries: list[tuple[str, dict[str, str]]], figures_dir: Path) -> str:
    cards = []
    for page, summary in summaries:
        cards.append(
            '<div class="card">'
            f"{_thumbnail(figures_dir, summary['figure'])}"
            f'<div><h2><a href="{html.escape(page)}">{html.escape(summary["title"] or page)}</a></h2>'
            f'<p class="question">{html.escape(summary["question"])}</p>'
            f'<p class="finding">{html.escape(summary["finding"])}</p></div></div>'
        )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Boots on the Ground</title><style>{INDEX_STYLE}</style></head><body>"
        "<h1>Boots on the Ground</h1>"
        '<p class="lede">How Europe answered Emmanuel Macron\'s remark of 26 February 2024 that '
        "sending Western troops to Ukraine &ldquo;cannot be ruled out&rdquo;, and how the news "
        "outlets reported it. Each notebook below is rendered from its executed outputs.</p>"
        + "".join(cards)
        + "</body></html>\n"
    )


def render_site(notebooks: list[Path], layout) -> int:
    """Render pages whose notebook changed, and the index; return the pages rendered."""
    site = layout.site_dir
    site.mkdir(parents=True, exist_ok=True)
    stamp_path = site / _STAMP
    stamps = json.loads(stamp_path.read_text()) if stamp_path.exists() else {}
    summaries, rendered, exporter = [], 0, None
    for path in notebooks:
        if not path.exists():
            continue
        raw = path.read_bytes()
        notebook = json.loads(raw)
        page = path.with_suffix(".html").name
        digest = hashlib.sha256(raw + _RENDERER).hexdigest()
        summaries.append((page, notebook_summary(notebook)))
        if stamps.get(page) == digest and (site / page).exists():
            continue
        if exporter is None:
            exporter = _exporter()
        import nbformat

        node = nbformat.reads(raw.decode("utf-8"), as_version=4)
        title = summaries[-1][1]["title"] or path.stem
        body, _ = exporter.from_notebook_node(node, resources={"metadata": {"name": title}})
        write_text(site / page, offline(body))
        stamps[page] = digest
        rendered += 1
    index = render_index(summaries, layout.figures_dir)
    if (
        not (site / "index.html").exists()
        or (site / "index.html").read_text(encoding="utf-8") != index
    ):
        write_text(site / "index.html", index)
    write_text(stamp_path, json.dumps(stamps, indent=1, sort_keys=True))
    return rendered
