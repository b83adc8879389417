"""The reader's site, read as files: every page there, nothing from the network, every
internal link and anchor (SVG marks included) resolving, every image with real alt text,
every mention and statement with its anchor. ``test_browser.py`` opens the same pages in
headless Chromium."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from boots.pipeline import build
from boots.util import config
from tests.helpers import PLACEHOLDER_ALT, parse

NOTEBOOKS = build.notebooks_in(config.NOTEBOOKS_DIR)
EXTERNAL = re.compile(r"^\s*(https?:)?//", re.I)
SVG_LINK = re.compile(r"<a [^>]*xlink:href=\"([^\"]+)\"")
SVG_ID = re.compile(r'\bid="([^"]+)"')


@pytest.fixture(scope="module")
def site(built_site):
    return built_site


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "_static" not in p.parts)


def test_every_notebook_article_and_the_statements_have_a_page(site, ev):
    evidence = ev
    expected = {"index.html", "statements.html", "articles/index.html", "search.html"}
    expected |= {f"notebooks/{n.stem}.html" for n in NOTEBOOKS}
    expected |= {f"articles/{a}.html" for a in evidence.articles.article_id}
    assert expected <= {p.relative_to(site).as_posix() for p in pages(site)}


def test_the_index_is_small_and_links_every_notebook(site):
    index = site / "index.html"
    assert index.stat().st_size < 300_000
    links = parse(index).links
    for notebook in NOTEBOOKS:
        assert f"notebooks/{notebook.stem}.html" in links


def test_pages_load_nothing_from_the_network(site):
    for path in pages(site):
        page = parse(path)
        external = [(tag, url) for tag, url in page.loaded if EXTERNAL.match(url)]
        assert external == [], path
        code = "\n".join(page.inline)
        assert not re.search(r"""(import\(|url\(|@import)\s*["']?(https?:)?//""", code), path
    for css in site.rglob("*.css"):
        assert not re.search(r"""(url\(|@import)\s*["']?(https?:)?//""", css.read_text()), css


def _target(base: Path, href: str, site: Path) -> tuple[Path, str] | None:
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
        return None
    path = (base.parent / unquote(parts.path)).resolve() if parts.path else base
    if path.is_dir():
        path = path / "index.html"
    return path, parts.fragment


def test_every_internal_link_and_anchor_resolves(site):
    parsed = {p.resolve(): parse(p) for p in pages(site)}
    broken = []
    for path, page in parsed.items():
        for href in page.links:
            target = _target(path, href, site)
            if target is None:
                continue
            file, fragment = target
            if not file.is_file():
                broken.append(f"{path.relative_to(site.resolve())}: {href} (no file)")
            elif fragment and file.suffix == ".html":
                ids = parsed[file].ids if file in parsed else parse(file).ids
                if fragment not in ids:
                    broken.append(f"{path.relative_to(site.resolve())}: {href} (no anchor)")
    assert broken == []


def test_svg_marks_link_to_statement_entries_with_a_tooltip(site):
    statements = parse(site / "statements.html").ids
    linked = {}
    for svg in sorted((site / "figures").glob("*.svg")):
        content = svg.read_text(encoding="utf-8")
        hrefs = SVG_LINK.findall(content)
        for href in hrefs:
            file, fragment = _target(svg, href, site)
            assert file == (site / "statements.html").resolve(), (svg.name, href)
            assert fragment in statements, (svg.name, href)
        assert content.count("<a ") == content.count("<title>"), svg.name
        linked[svg.stem] = len(hrefs)
    for name in ("01-stance-map", "01-firmness", "02-timeline", "02-reactions"):
        assert linked.get(name, 0) > 0, f"{name}: no linked marks"


def test_images_have_real_alt_text(site):
    for path in pages(site):
        for image in parse(path).images:
            text = image.get("alt") or image.get("aria-label") or ""
            assert len(text.split()) >= 4 and not PLACEHOLDER_ALT.search(text), (path, image)


def test_every_mention_and_statement_has_its_anchor(site, ev):
    evidence = ev
    assert set(evidence.statements.statement_id) <= parse(site / "statements.html").ids
    for article, group in evidence.mentions.groupby("article_id"):
        ids = parse(site / "articles" / f"{article}.html").ids
        assert set(group.mention_id) <= ids, article
    for article, group in evidence.quote_exclusions.groupby("article_id"):
        ids = parse(site / "articles" / f"{article}.html").ids
        assert set(group.exclusion_id) <= ids, article


def test_a_rebuild_with_nothing_changed_rewrites_no_page(site, tmp_path, ev):
    """Sphinx re-reads only changed sources, and only files whose bytes changed are copied
    into the site: with nothing changed, nothing is."""
    from boots.pipeline.pages import site_sources
    from boots.render.site import build_site

    sources = site_sources(ev, NOTEBOOKS, config.DEFAULT_FIGURES_DIR)
    assert build_site(sources, build.site_work_dir(build.Layout.default()), site) == []


def test_figures_show_names_not_identifiers(site, ev):
    evidence = ev
    ids = set(evidence.statements.statement_id) | {
        s for s in evidence.speakers.speaker_id if "-" in s
    }
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, sorted(ids))) + r")(?![\w-])")
    for svg in sorted((site / "figures").glob("*.svg")):
        shown = " ".join(
            re.sub(r"<[^>]+>", " ", t)
            for t in re.findall(r"<text\b[^>]*>(.*?)</text>", svg.read_text(), re.S)
        )
        assert shown.strip(), f"{svg.name}: no text found (is svg.fonttype 'none'?)"
        assert pattern.findall(shown) == [], svg.name


def test_an_unchanged_site_is_not_regenerated(built_site, data_copy, tmp_path):
    """The build's site step skips everything (pandas is not even imported) while the site's
    inputs are unchanged, and any input changing makes it render again."""
    code = (
        "import sys; from boots.pipeline import build; layout = build.Layout.default(); "
        "assert not build.render(layout, build.notebooks_in(layout.sources_dir)); "
        "assert 'pandas' not in sys.modules"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "site: up to date in site"

    figures = tmp_path / "figures"
    figures.mkdir()
    for path in config.DEFAULT_FIGURES_DIR.glob("00-*"):
        (figures / path.name).write_bytes(path.read_bytes())
    layout = build.Layout(data_copy, config.NOTEBOOKS_DIR, figures, tmp_path / "site")
    sources = build.notebooks_in(config.NOTEBOOKS_DIR)
    before = build.site_inputs(layout, sources)
    figure = sorted(figures.iterdir())[0]
    figure.write_bytes(figure.read_bytes() + b" ")
    assert build.site_inputs(layout, sources) != before
    figure.write_bytes(figure.read_bytes()[:-1])
    assert build.site_inputs(layout, sources) == before
    with open(data_copy / "CODEBOOK.md", "a", encoding="utf-8") as codebook:
        codebook.write("\n")
    assert build.site_inputs(layout, sources) != before


def test_sphinx_is_retried_from_scratch_only_when_a_cache_could_be_stale(tmp_path, monkeypatch):
    """A failure with a cache from an earlier build is retried once from scratch (``-E``):
    an interrupted build can leave that cache inconsistent. A failure with no cache, or of a
    build already from scratch, is the sources' own: reported at once, Sphinx run once."""
    from boots.render import site as site_module

    runs: list[list[str]] = []

    def failing(command, **kwargs):
        runs.append(command)
        return subprocess.CompletedProcess(command, 2, "", "WARNING: refused")

    monkeypatch.setattr(site_module.subprocess, "run", failing)
    sources = site_module.SiteSources({"index.md": "# Page\n"}, {})
    work = tmp_path / "work"
    for cache, fresh, expected in [(False, False, 1), (True, True, 1), (True, False, 2)]:
        runs.clear()
        if cache:
            (work / "doctrees").mkdir(parents=True, exist_ok=True)
        with pytest.raises(site_module.SiteError, match="refused"):
            site_module.build_site(sources, work, tmp_path / "site", fresh=fresh)
        assert len(runs) == expected, (cache, fresh, runs)
        assert ("-E" in runs[-1]) == (expected == 2 or fresh), runs
    assert not (tmp_path / "site").exists()
