"""Helpers the tests share: imported one way, ``from tests.helpers import ...``."""

from __future__ import annotations

import csv
import hashlib
import io
import re
from html.parser import HTMLParser
from pathlib import Path

from boots.data.validate import print_report, validate

ARTICLE = Path(__file__).parent / "fixtures" / "ledger-article.txt"


def snapshot(folder: Path) -> dict[str, str]:
    """SHA-256 of every file under ``folder``, by relative path."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def read_rows(path: Path) -> list[list[str]]:
    """A CSV file's records as lists of cells (header first), a byte-order mark dropped."""
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))


def write_rows(path: Path, rows: list[list[str]]) -> None:
    """Write records as the curated tables are written (UTF-8, LF line endings)."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def replace_in(path: Path, old: str, new: str, count: int = 1) -> None:
    """Edit a text file, failing loudly if ``old`` is not there (so a test cannot go stale)."""
    content = path.read_text(encoding="utf-8")
    assert content.count(old) >= 1, f"{old!r} not in {path}"
    path.write_text(content.replace(old, new, count), encoding="utf-8")


def line_of(path: Path, row_id: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith(row_id + ","):
            return number
    raise AssertionError(f"no row {row_id} in {path}")


def expect_problem(
    data: Path, file: str, line: int | None, column: str | None, value_part: str, capsys
):
    before = snapshot(data)
    report = validate(data)
    found = [p for p in report.problems if (p.file, p.line, p.column) == (file, line, column)]
    assert found, f"no problem at {file}:{line} column {column}; got: " + "\n".join(
        map(str, report.problems)
    )
    assert value_part in str(found[0])
    assert print_report(report) == 1  # what `make validate` prints for this report
    printed = capsys.readouterr().out
    assert "Traceback" not in printed and str(found[0]) in printed
    assert snapshot(data) == before, "validation must not modify any file"
    return report


# A curator's answers for the cells `make add-article` leaves TO FILL, by column; columns not
# listed here get a value from the schema (a date, the first allowed code, or text).
CURATOR_VALUES = {
    "outlet": "The Ledger",
    "outlet_kind": "test outlet (an article written for the tests)",
    "outlet_evidence": "The byline 'By Ledger staff, with AP'.",
    "outlet_certainty": "stated",
    "language": "en",
    "original_language": "en",
    "translation": "none",
    "translation_evidence": "Written for the tests in English.",
    "reprint": "original",
    "reprint_evidence": "Written for the tests.",
    "credits": "AP",
    "byline_wire": "AP",
    "standfirst": "",
    "headline_focus": "allied_denials",
    "lede_focus": "allied_denials",
    "published_certainty": "inferred",
    "published_basis": "'on Tuesday', a day after Macron's remark of Monday 26 February 2024.",
    "non_body_note": "The last lines are share and newsletter buttons.",
}


def fill_curator_cells(data_dir: Path, article_id: str, values: dict[str, str]) -> None:
    """Fill the TO FILL cells of one articles.csv row, as a curator would."""
    import csv
    import io

    from boots.data.schema import TO_FILL, resources

    resource = resources()["articles"]
    path = data_dir / resource.path
    with path.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    for row in rows:
        if row["article_id"] != article_id:
            continue
        for field in resource.fields:
            if row[field.name] != TO_FILL:
                continue
            if field.name in values:
                row[field.name] = values[field.name]
            elif field.type == "date":
                row[field.name] = "2024-02-27"
            elif field.enum:
                row[field.name] = field.enum[0]
            else:
                row[field.name] = "Filled by the test."
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=resource.field_names, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


# --- the site's pages, read as files (tests/test_site.py) and in a browser (tests/test_browser.py)

PLACEHOLDER_ALT = re.compile(r"no description|^image$|\.(png|svg|jpe?g)$", re.I)


class Page(HTMLParser):
    """Ids, links, loaded resources, images and inline script/style text of one page."""

    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.loaded: list[tuple[str, str]] = []
        self.images: list[dict[str, str | None]] = []
        self.inline: list[str] = []
        self._in = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        for name in ("src", "data", "poster"):
            if attributes.get(name):
                self.loaded.append((tag, attributes[name]))
        if tag == "link" and attributes.get("href"):
            self.loaded.append((tag, attributes["href"]))
        if tag in {"img", "object"}:
            self.images.append(attributes)
        if tag in {"script", "style"}:
            self._in = tag

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        if self._in:
            self.inline.append(data)


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def write_last_good_notebook(out: Path, name: str = "09-probe.ipynb") -> None:
    """A build's output folder (``notebooks/``, ``figures/``) holding a last good run of the
    probe notebook ``name``: what a failed or interrupted build must leave as it was."""
    import nbformat

    (out / "notebooks").mkdir(parents=True)
    (out / "figures").mkdir()
    last = nbformat.v4.new_notebook()
    last.cells = [nbformat.v4.new_markdown_cell("# 09 · the last good run")]
    last.cells[0]["id"] = "last"
    nbformat.write(last, out / "notebooks" / name)


def typed_claims(source: Path) -> list[tuple[str, str]]:
    """(claim, typed paragraph) of each ``claims.say`` cell of a notebook, in order."""
    import ast
    import json

    from boots.analysis import claims

    calls = []
    for cell in json.loads(source.read_text(encoding="utf-8"))["cells"]:
        code = "".join(cell["source"])
        if cell["cell_type"] == "code" and claims.SAY_CALL.search(code):
            call = ast.parse(code).body[0].value
            calls.append((call.args[1].value, call.args[2].value))
    return calls


def assert_only_true_paragraphs(folder: Path, notebooks_dir: Path, site_dir: Path) -> None:
    """What a build of ``folder`` (executed notebooks in ``notebooks_dir``, pages in
    ``site_dir``) must show on any data (issue #20): every notebook's page, each typed
    paragraph's check evaluated and the paragraph shown exactly where its predicate holds
    on this folder (the one-line notice elsewhere), and every outlet on the index."""
    import json

    from boots.analysis import claims, framing, spread, stance  # noqa: F401 (their predicates)
    from boots.data import tables
    from boots.util import config

    evidence = tables.load(folder)
    for source in sorted(config.NOTEBOOKS_DIR.glob("*.ipynb")):
        assert (site_dir / "notebooks" / f"{source.stem}.html").is_file(), source.name
        executed = json.loads((notebooks_dir / source.name).read_text(encoding="utf-8"))
        said = [
            output
            for cell in executed["cells"]
            for output in cell.get("outputs", [])
            if claims.CLAIM_KEY in output.get("metadata", {})
        ]
        expected = typed_claims(source)
        assert [o["metadata"][claims.CLAIM_KEY]["name"] for o in said] == [n for n, _ in expected]
        for output, (name, paragraph) in zip(said, expected, strict=True):
            meta = output["metadata"][claims.CLAIM_KEY]
            assert meta["holds"] == claims.true_of(evidence, name, paragraph), meta
            shown = "".join(output["data"]["text/markdown"])
            assert shown == (paragraph if meta["holds"] else claims.NOT_HERE), meta
    index = (site_dir / "index.html").read_text(encoding="utf-8")
    for outlet in evidence.articles.outlet:
        assert outlet in index
