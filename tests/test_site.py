"""The rendered site: a page per notebook, an index, nothing loaded from the network."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from boots.pipeline import build
from boots.render import site
from boots.util import config

NOTEBOOKS = build.notebooks_in(config.NOTEBOOKS_DIR)
EXTERNAL = re.compile(r"^\s*(https?:)?//", re.I)


class Resources(HTMLParser):
    """Collects the URLs a browser would load, and inline script and style text."""

    def __init__(self):
        super().__init__()
        self.loaded: list[tuple[str, str]] = []
        self.inline: list[str] = []
        self._in = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name in ("src", "data", "poster"):
            if attributes.get(name):
                self.loaded.append((tag, attributes[name]))
        if tag == "link" and attributes.get("href"):
            self.loaded.append((tag, attributes["href"]))
        if tag in {"script", "style"}:
            self._in = tag

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        if self._in:
            self.inline.append(data)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    folder = tmp_path_factory.mktemp("site")
    layout = build.Layout(
        config.DEFAULT_DATA_DIR, config.NOTEBOOKS_DIR, config.DEFAULT_FIGURES_DIR, folder
    )
    site.render_site(NOTEBOOKS, layout)
    return folder


def parse(path):
    parser = Resources()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_every_notebook_has_a_page_and_an_index_entry(rendered):
    index = (rendered / "index.html").read_text(encoding="utf-8")
    for notebook in NOTEBOOKS:
        page = notebook.with_suffix(".html").name
        assert (rendered / page).is_file()
        assert f'href="{page}"' in index
        summary = site.notebook_summary(json.loads(notebook.read_text(encoding="utf-8")))
        assert summary["question"] and summary["finding"] and summary["figure"], notebook.name
        assert (config.DEFAULT_FIGURES_DIR / f"{summary['figure']}.png").is_file()


@pytest.mark.parametrize("name", ["index.html", *[n.with_suffix(".html").name for n in NOTEBOOKS]])
def test_pages_load_nothing_from_the_network(rendered, name):
    parser = parse(rendered / name)
    external = [(tag, url) for tag, url in parser.loaded if EXTERNAL.match(url)]
    assert external == []
    assert all(url.startswith(("data:", "#")) for _, url in parser.loaded), parser.loaded
    code = "\n".join(parser.inline)
    assert not re.search(r"""(import\(|url\(|@import)\s*["']?(https?:)?//""", code), (
        "a script or style fetches from the network"
    )


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_every_figure_output_is_embedded(rendered, notebook):
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    images = sum("image/png" in o.get("data", {}) for c in cells for o in c.get("outputs", []))
    embedded = [
        u for t, u in parse(rendered / notebook.with_suffix(".html").name).loaded if t == "img"
    ]
    assert images > 0
    assert len(embedded) == images and all(u.startswith("data:image/png;base64,") for u in embedded)
