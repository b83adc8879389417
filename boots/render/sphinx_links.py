"""Sphinx extension: every page's body gets its rule references and column names linked to
the codebook and the data dictionary (``boots.render.reference.link_references``).

``conf.py`` sets ``boots_rules`` (rule ids the codebook defines) and ``boots_columns``
(a column, table or file name -> ``page#anchor``); links are made relative to each page.
"""

from __future__ import annotations

from boots.render import reference


def _link(app, pagename, templatename, context, doctree) -> None:
    body = context.get("body")
    if not body:
        return

    def to(page: str, anchor: str = "") -> str:
        uri = app.builder.get_relative_uri(pagename, page)
        return f"{uri}#{anchor}" if anchor else uri

    rules = {
        rule: to(reference.CODEBOOK_PAGE, f"rule-{rule.lower()}") for rule in app.config.boots_rules
    }
    columns = {name: to(*target.split("#", 1)) for name, target in app.config.boots_columns.items()}
    context["body"] = reference.link_references(
        body, rules, columns, own_rules=pagename == reference.CODEBOOK_PAGE
    )


def setup(app):
    app.add_config_value("boots_rules", [], "html")
    app.add_config_value("boots_columns", {}, "html")
    app.connect("html-page-context", _link)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
