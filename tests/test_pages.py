"""The generated pages: articles with their highlighted mentions, statement entries, and
figures whose marks carry links and tooltips."""

from __future__ import annotations

import io
import json
import re
from html import escape as html_escape

import matplotlib
import pandas as pd
import pytest

from boots.data import labels, tables
from boots.pipeline import pages
from boots.render import figures
from boots.render.site import html_blocks_decoded
from boots.util import config

matplotlib.use("Agg")

decoded = html_blocks_decoded


@pytest.fixture(scope="module")
def full(ev):
    return ev.mentions.merge(
        ev.statements_with_speakers()[["statement_id", "name", "stance"]], on="statement_id"
    )


def test_article_text_highlights_each_mention_with_its_link(ev, full):
    html = pages.article_text_html(ev, "aljazeera", full)
    mine = full[full.article_id == "aljazeera"]
    for row in mine.itertuples():
        anchor = re.search(
            rf'<a class="mention stance-([a-z-]+)" id="{row.mention_id}" '
            rf'href="\.\./statements\.html#{row.statement_id}"',
            html,
        )
        assert anchor, row.mention_id
        assert anchor.group(1) == row.stance.replace("_", "-")
    assert html.count('class="excluded"') == (ev.quote_exclusions.article_id == "aljazeera").sum()


def test_article_text_is_escaped_and_complete(ev, full):
    html = pages.article_text_html(ev, "voi", full)
    visible = re.sub(r"<[^>]+>", "", html)
    visible = re.sub(r"^\d+", "", visible, flags=re.M)
    words = ev.texts["voi"].split()
    assert all(
        w.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#x27;")
        in visible
        for w in words
    )


def test_statement_entry_has_anchor_date_words_and_links_back(ev):
    page = decoded(pages.statements_page(ev))
    assert "(fico-not-planning)=" in page
    entry = page.split("(fico-not-planning)=")[1].split("\n(")[0]
    assert "on or before 26 February 2024" in entry
    for mention in ev.mentions[ev.mentions.statement_id == "fico-not-planning"].itertuples():
        assert f'href="articles/{mention.article_id}.html#{mention.mention_id}"' in entry
    fico = ev.statements.set_index("statement_id").loc["fico-not-planning"]
    assert fico.stance not in entry and fico.firmness not in entry
    assert html_escape(labels.label("firmness", fico.firmness)) in entry


def test_md_escapes_every_markdown_character():
    assert pages.md("*a* [b](c) `d` <e>") == r"\*a\* \[b\]\(c\) \`d\` \<e\>"


def test_linked_marks_get_a_tooltip_and_open_in_the_page(tmp_path):
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    bars = ax.bar([0, 1], [1, 2])
    figures.link(bars[0], "tusk-no-plan", "Donald Tusk: <no plan> & more")
    points = ax.scatter([0, 1], [0, 1])
    figures.link_each(points, ["a", "b"], ["A", "B"])
    ax.set_title("Two bars\nand two points")
    saved = figures.save(fig, "09-links", pd.DataFrame({"x": [1]}), tmp_path)
    svg = (tmp_path / "09-links.svg").read_text()
    assert (
        '<a target="_top" xlink:href="../statements.html#tusk-no-plan">'
        "<title>Donald Tusk: &lt;no plan&gt; &amp; more</title>"
    ) in svg
    assert svg.count("<title>") == 3
    assert saved.alt == "Two bars and two points."
    bundle, meta = saved._repr_mimebundle_()
    assert 'alt="Two bars and two points."' in bundle["text/html"]
    for ext in ("png", "svg", "csv"):
        assert f'href="../figures/09-links.{ext}"' in bundle["text/html"]
    assert meta[figures.FIGURE_KEY]["name"] == "09-links"


def test_site_notebook_draws_figures_from_their_svg():
    raw = (
        b'{"cells": [{"cell_type": "code", "outputs": [{"output_type": "display_data", '
        b'"metadata": {"boots-figure": {"name": "01-x", "alt": "A finding."}}, '
        b'"data": {"text/html": "<figure><img src=\\"../figures/01-x.png\\" alt=\\"A finding.\\">'
        b'</figure>"}}]}]}'
    )
    out = pages.site_notebook(raw).decode()
    assert '<object data=\\"../figures/01-x.svg\\" type=\\"image/svg+xml\\"' in out
    assert 'aria-label=\\"A finding.\\"' in out


def test_a_linked_figure_gets_its_marks_as_a_table_of_links(tmp_path):
    (tmp_path / "01-x.csv").write_text(
        "label,statement_id,tooltip\n"
        'A · <b>one</b>,s-one,"One, on 26 Feb: “<script>x</script>”"\n'
        "A · one,s-one,duplicate of the same mark\n"
        "B,,not a statement\n",
        encoding="utf-8",
    )
    raw = (
        b'{"cells": [{"cell_type": "code", "outputs": [{"output_type": "display_data", '
        b'"metadata": {"boots-figure": {"name": "01-x", "alt": "A finding."}}, '
        b'"data": {"text/html": "<figure><img src=\\"x.png\\" alt=\\"A\\"></figure>"}}]}]}'
    )
    out = json.loads(pages.site_notebook(raw, tmp_path))["cells"][0]["outputs"][0]
    markup = out["data"]["text/html"]
    assert markup.startswith('<div class="full-width">')
    assert markup.count('href="../statements.html#s-one"') == 1  # one row per mark
    assert "The figure's 1 mark as a table" in markup
    assert "&lt;script&gt;" in markup and "<script>" not in markup
    assert "&lt;b&gt;one&lt;/b&gt;" in markup
    (tmp_path / "01-y.csv").write_text("country,count\nFR,1\n", encoding="utf-8")
    assert pages.figure_marks_table(tmp_path / "01-y.csv") == ""


def test_index_thumbnails_are_small_images_of_one_size():
    from PIL import Image

    data = pages.thumbnail(config.ROOT / "figures" / "01-stance-map.png")
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == pages.THUMBNAIL
    assert len(data) < 60_000
    assert (config.ROOT / "figures" / "01-stance-map.png").stat().st_size > 3 * len(data)


@pytest.fixture(scope="module")
def many(tmp_path_factory):
    """Just more articles than the sidebar lists."""
    from boots.pipeline.synthetic import make_synthetic_articles

    folder = tmp_path_factory.mktemp("many") / "data"
    return tables.load(make_synthetic_articles(pages.NAV_ARTICLES + 2, folder))


def _article_pages(sources):
    return {
        name.removeprefix(f"{pages.ARTICLES_DIR}/").removesuffix(".md"): decoded(text)
        for name, text in sources.pages.items()
        if name.startswith(f"{pages.ARTICLES_DIR}/") and name != f"{pages.ARTICLES_DIR}/index.md"
    }


def test_a_small_collection_lists_every_article_in_the_sidebar(ev, tmp_path):
    sources = pages.site_sources(ev, [], tmp_path)
    articles = _article_pages(sources)
    assert set(articles) == set(ev.articles.article_id)
    for article in articles:
        assert f"\n{pages.ARTICLES_DIR}/{article}\n" in sources.pages["index.md"]
    assert not any(text.startswith(pages.ORPHAN) for text in articles.values())
    assert not sources.collapse_navigation


def test_a_large_collection_lists_its_articles_on_their_index_only(many, tmp_path):
    sources = pages.site_sources(many, [], tmp_path)
    articles = _article_pages(sources)
    assert set(articles) == set(many.articles.article_id)
    index, listing = sources.pages["index.md"], sources.pages[f"{pages.ARTICLES_DIR}/index.md"]
    for article, text in articles.items():
        assert text.startswith(pages.ORPHAN)  # in no toctree: no sidebar entry on any page
        assert f"One of [{len(articles)} articles](index.md)." in text
        assert f"{pages.ARTICLES_DIR}/{article}\n" not in index
        assert f"]({article}.md)" in listing
    assert "toctree" not in listing
    assert sources.collapse_navigation


def test_each_article_page_carries_its_own_mentions_and_exclusions(many, tmp_path):
    articles = _article_pages(pages.site_sources(many, [], tmp_path))
    for article, text in articles.items():
        mentions = set(many.mentions.mention_id[many.mentions.article_id == article])
        excluded = many.quote_exclusions
        exclusions = set(excluded.exclusion_id[excluded.article_id == article])
        anchors = set(re.findall(r'class="mention [^"]*" id="([^"]+)"', text))
        assert anchors == mentions, article
        assert set(re.findall(r'class="excluded" id="([^"]+)"', text)) <= exclusions
        assert f"reports {len(mentions)} statement" in text


@pytest.mark.build
def test_sphinx_builds_a_large_collection_without_warnings(many, tmp_path):
    """Article pages out of every toctree are orphans by design: Sphinx (-W) must not warn."""
    from boots.render import site

    figure = config.DEFAULT_FIGURES_DIR / "00-coverage.png"
    (tmp_path / "figures").mkdir()
    (tmp_path / "figures" / figure.name).write_bytes(figure.read_bytes())
    sources = pages.site_sources(many, [], tmp_path / "figures")
    site.build_site(sources, tmp_path / "work", tmp_path / "site")  # raises on any warning
    article = many.articles.article_id.iloc[-1]
    page = (tmp_path / "site" / pages.ARTICLES_DIR / f"{article}.html").read_text()
    others = set(many.articles.article_id) - {article}
    assert not any(f'href="{other}.html"' in page for other in others)  # no sidebar list


def test_the_site_leaves_out_the_authors_file_lists():
    cell = {
        "cell_type": "markdown",
        "source": "# Title\n\n## Overview\n\nStory.\n\n## Inputs and outputs\n\n- inputs: a.csv\n"
        "\n### Detail\n\nb.csv\n\n## Next\n\nMore.\n",
    }
    shown = pages._without_author_sections(cell)["source"]
    assert "a.csv" not in shown and "b.csv" not in shown and "Inputs" not in shown
    assert "Story." in shown and "## Next\n\nMore." in shown


def test_tables_leave_out_empty_and_constant_columns_and_show_shares_as_percentages():
    from boots.analysis import reader_tables

    frame = pd.DataFrame(
        {
            "country": ["FR", "DE"],
            "name": ["France", "Germany"],
            "mixed": [False, False],
            "other_stance": ["", ""],
            "rules_out": [0.25, 1.0],
            "open": [0.75, 0.0],
        }
    )
    shown = reader_tables.view(frame)
    assert list(shown.columns) == ["country", "rules it out", "does not rule it out"]
    assert list(shown["rules it out"]) == ["25%", "100%"]
    alpha = reader_tables.view(pd.DataFrame({"variable": ["a", "b"], "alpha": [0.97, 0.5]}))
    assert list(alpha.alpha) == [0.97, 0.5]  # not shares of a whole: kept as numbers
