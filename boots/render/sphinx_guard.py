"""The Sphinx extension that keeps data out of markup (listed in the site's ``conf.py``).

Pages built from the tables carry text anyone may have written, so three things hold:

* **Data-built HTML reaches the page as one opaque block.** ``site.html_block(markup)`` wraps
  HTML (already escaped by its maker) in a ``data-html`` directive whose body is the markup
  in base64: letters, digits, ``+``, ``/`` and ``=``, which no MyST or reStructuredText rule
  reads. The directive decodes it into a single raw HTML node, so no character of the data
  (``\\r``, ``\\x0c``, U+2028, a backtick fence, ``:::``) can end the block or start a directive.
* **No page can pull in a file or a URL.** The docutils settings ``file_insertion_enabled``
  and ``raw_enabled`` are off for every page: ``include``, ``literalinclude``, ``raw`` (with
  or without ``:file:`` / ``:url:``) and ``csv-table :file:`` stop the build with a warning
  (which the build treats as an error) instead of reading anything.
* **The theme prints titles escaped.** sphinx-book-theme puts the page title's plain text
  into its print header unescaped (``<h1>{{ pagetitle }}</h1>``) and the root title into the
  sidebar; this module escapes both before the templates see them.
"""

from __future__ import annotations

import base64
import binascii
import html

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from boots.render.site import DIRECTIVE

# Settings that let a page read files or URLs, or pass markup through the `raw` directive.
LOCKED_SETTINGS = {"file_insertion_enabled": False, "raw_enabled": False}


class DataHtml(SphinxDirective):
    """The HTML of an ``html_block``, as one raw HTML node."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        encoded = "".join(line.strip() for line in self.content)
        try:
            markup = base64.b64decode(encoded, validate=True).decode("utf-8")
        except (binascii.Error, ValueError, UnicodeDecodeError):
            raise self.error(f"{DIRECTIVE}: the block is not base64 of UTF-8 HTML") from None
        return [nodes.raw("", markup, format="html")]


def lock_settings(app, env, docnames) -> None:
    env.settings.update(LOCKED_SETTINGS)


def escape_titles(app, pagename, templatename, context, doctree) -> None:
    for key in ("pagetitle", "root_title"):
        if isinstance(context.get(key), str):
            context[key] = html.escape(context[key], quote=True)


def setup(app):
    app.add_directive(DIRECTIVE, DataHtml)
    app.connect("env-before-read-docs", lock_settings)
    # After the theme's own handler (priority 500), which sets the titles from plain text.
    app.connect("html-page-context", escape_titles, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
