"""The codebook and the data dictionary as site pages (``boots.render.reference``)."""

from __future__ import annotations

from boots.render import reference, site

PAGES = {"README.md": "data-dictionary.html", "CODEBOOK.md": "codebook.html"}


def test_rules_and_headings_get_anchors_and_the_codebooks_links_keep_working():
    page = reference.reference_page(
        "# Codebook\n\nSee [the dictionary](README.md) and [context](#contextcsv).\n\n"
        "## context.csv\n\n- **K1. Outside knowledge.** Marked (rule K1).\n"
        "- **F3.** certain\n- **F3.** hedged\n",
        PAGES,
    )
    page.source = site.html_blocks_decoded(page.source)
    assert page.rules == ["K1", "F3"]
    assert '<strong id="rule-k1">K1.' in page.source
    assert page.source.count('id="rule-f3"') == 1
    assert '<span id="contextcsv">' not in page.source  # MyST anchors the heading itself
    assert 'href="data-dictionary.html"' in page.source
    assert 'href="#contextcsv"' in page.source
    assert "## context\\.csv" in page.source


def test_a_hostile_codebook_is_shown_as_text():
    hostile = (
        "# T\n\n<script>alert(1)</script>\n\n```{raw} html\n<b>x</b>\n```\n\n"
        ":::{warning}\nboo\n:::\n\n![remote](https://example.org/x.png) "
        "[run](javascript:alert(1)) [file](../../etc/passwd)\n\n"
        "## ```{eval-rst}\n"
    )
    encoded = reference.reference_page(hostile, PAGES).source
    # The page's typed parts are headings; everything else is carried as base64 blocks.
    assert "{raw}" not in encoded and ":::" not in encoded
    source = site.html_blocks_decoded(encoded)
    assert "<script>" not in source and "&lt;script&gt;" in source
    assert "<img" not in source and "src=" not in source  # nothing loads from the network
    assert 'href="javascript' not in source
    assert "passwd" not in source  # a link to a file outside the site: its text only
    assert "## \\`\\`\\`\\{eval\\-rst\\}" in source


def test_dictionary_rows_are_anchored_by_table_and_column():
    page = reference.reference_page(
        "## `statements.csv`: Statements\n\n| column | type |\n|---|---|\n| `stance` | string |\n"
        "\n## `reliability/first_coding.csv`: First\n\n| column | type |\n|---|---|\n"
        "| `stance` | string |\n",
        PAGES,
        columns=True,
    )
    page.source = site.html_blocks_decoded(page.source)
    assert '<tr id="statements-stance">' in page.source
    assert '<tr id="first_coding-stance">' in page.source
    assert page.columns["stance"] == "statements-stance"  # the first table defining it
    assert page.columns["statements.csv"] == "statementscsv-statements"


def test_references_are_linked_outside_links_code_and_headings():
    rules = {"D4": "codebook.html#rule-d4", "S3": "codebook.html#rule-s3"}
    columns = {"stance": "data-dictionary.html#statements-stance"}
    body = (
        "<h2>S3 heading</h2><p>Merged (rules D4, S3; not G7 or D44).</p>"
        '<a href="x">S3</a><pre>D4</pre>'
        '<p><code class="docutils literal notranslate"><span class="pre">stance</span></code>'
        " <code>notes</code></p>"
    )
    linked = reference.link_references(body, rules, columns)
    assert linked.count('href="codebook.html#rule-d4"') == 1
    assert linked.count('href="codebook.html#rule-s3"') == 1
    assert "<h2>S3 heading</h2>" in linked and "<pre>D4</pre>" in linked
    assert "G7" in linked and "D44" in linked
    assert '<a class="boots-ref" href="data-dictionary.html#statements-stance"><code' in linked
    assert "<code>notes</code>" in linked and linked.count("boots-ref") == 3
