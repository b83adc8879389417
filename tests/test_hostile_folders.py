"""What a hostile data folder cannot do beyond the single faults of the fault suite: loosen
the schema, slip a command through `make`, or hang the lexicon; and what a careful one may
do: use XK for Kosovo, or live in a folder whose name has spaces."""

from __future__ import annotations

import csv
import errno
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from typing import ClassVar

import nbformat
import pandas as pd
import pytest
from bs4 import BeautifulSoup

from boots.curate import spreadsheet
from boots.curate.accept import AcceptError, accept
from boots.curate.accept import main as accept_main
from boots.curate.add_article import add_article
from boots.curate.add_article import main as add_article_main
from boots.curate.bench import main as bench_main
from boots.curate.draft import draft, write_draft
from boots.curate.draft import main as draft_main
from boots.data import check_site_names, geo, patterns, safe_files, tables
from boots.data.schema import resources
from boots.data.validate import validate
from boots.pipeline import build, pages
from boots.render import report
from boots.render.site import SiteError, SiteSources, build_site
from boots.util import atomic, config
from tests.helpers import (
    fill_curator_cells,
    read_rows,
    replace_in,
    write_last_good_notebook,
    write_rows,
)


def test_a_loosened_descriptor_does_not_loosen_validation(data_copy):
    path = data_copy / config.DESCRIPTOR
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    statements = next(r for r in descriptor["resources"] if r["name"] == "statements")
    stance = next(f for f in statements["schema"]["fields"] if f["name"] == "stance")
    del stance["constraints"]["enum"]
    path.write_text(json.dumps(descriptor, indent=2), encoding="utf-8")
    replace_in(
        data_copy / "statements.csv",
        "open,not_applicable,not_specified,not_applicable,individual,You can",
        "bogus,not_applicable,not_specified,not_applicable,individual,You can",
    )
    problems = [str(p) for p in validate(data_copy).problems]
    assert any(p.startswith("datapackage.json:") and "enum" in p for p in problems), problems
    assert any(
        p.startswith("statements.csv:") and "column 'stance': got 'bogus'" in p for p in problems
    ), "the project's enum still applies"


def test_descriptions_may_differ_from_the_projects(data_copy):
    path = data_copy / config.DESCRIPTOR
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["title"] = "A fork"
    descriptor["resources"][0]["schema"]["fields"][0]["description"] = "Reworded."
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    assert validate(data_copy).ok


def test_kosovo_and_every_code_the_map_draws_are_accepted(data_copy):
    replace_in(data_copy / "speakers.csv", "President of France,FR,", "President of France,XK,")
    report = validate(data_copy)
    assert not [p for p in report.problems if p.column == "country"], report.problems
    drawn = set(geo.load_borders(config.DEFAULT_DATA_DIR))
    assert "XK" in drawn and drawn <= geo.country_codes()


def test_a_catastrophic_pattern_runs_in_linear_time():
    pattern = r"(\w+\s?)+$"
    assert patterns.check(pattern) is None, "safe on RE2, so it is allowed"
    text = "a" * 50_000 + "!"
    started = time.perf_counter()
    assert list(patterns.compile_term(pattern).finditer(text)) == []
    assert time.perf_counter() - started < 1


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [
        (r"\b", "cannot match the empty string"),
        ("(?i)troops", "no inline flags"),
        ("troops|", "cannot match the empty string"),
        ("(?=x)troops", "look-around"),
    ],
)
def test_unsafe_patterns_are_rejected_with_the_reason(pattern, reason):
    assert reason in (patterns.check(pattern) or "")


def _make(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["make", "--no-print-directory", *args],
        cwd=config.ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_make_validate_runs_no_command_from_the_folder_name(tmp_path):
    marker = tmp_path / "injected"
    for data in (
        f'data" ; touch {marker} ; echo "',
        f"data`touch {marker}`",
        f"data$(touch {marker})",
        f"data$(shell touch {marker})",
        f"data'; touch {marker}; '",
    ):
        result = _make("validate", f"DATA={data}")
        assert result.returncode == 2, result.stdout + result.stderr
        assert "not a folder" in result.stderr
        assert not marker.exists(), f"DATA={data!r} ran a command"


def test_make_validate_takes_a_folder_whose_name_has_spaces(tmp_path):
    folder = tmp_path / "a folder with spaces" / "my data"
    shutil.copytree(config.DEFAULT_DATA_DIR, folder)
    result = _make("validate", f"DATA={folder}")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "my data: valid" in result.stdout


# --- data as text, never as markup ---------------------------------------------------------


class _Recorder(http.server.BaseHTTPRequestHandler):
    """A local web server that counts what it is asked for (nothing may be fetched)."""

    requests: ClassVar[list[str]] = []

    def do_GET(self):
        type(self).requests.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"<script>alert('fetched')</script>")

    def log_message(self, *args):
        pass


def hostile_payloads(url: str, canary: Path) -> list[str]:
    """Text that would run, include a file or fetch a URL if any page read it as markup."""
    return [
        "<img src=x onerror=alert(1)>",
        "</div></p></section><script>alert(2)</script>",
        f"\r\r```{{literalinclude}} {canary}\r```\r",
        f"```{{raw}} html\n:url: {url}\n```",
        f"```{{raw}} html\n:file: {canary}\n```",
        f"\x0c\u2028:::{{include}} {canary}\n:::",
        "```{eval-rst}\n.. raw:: html\n\n   <iframe src=javascript:alert(3)></iframe>\n```",
        '" onmouseover="alert(4)',
        "{#evil .x onclick=alert(5)}[x](javascript:alert(6))",
        "<!-- <style>*{display:none}</style> --> &lt;b&gt; ]]>",
    ]


def free_text_fields(resource) -> list[str]:
    """The columns a curator writes freely: text with no allowed values, pattern or key."""
    keyed = set(resource.primary_key)
    for key in resource.foreign_keys:
        fields = key.get("fields", [])
        keyed |= {fields} if isinstance(fields, str) else set(fields)
    return [
        f.name
        for f in resource.fields
        if f.type == "string" and not f.enum and not f.pattern and f.name not in keyed
    ]


def fill_with_markup(folder: Path, payloads: list[str]) -> None:
    """Every free-text cell of every table, and the end of every article, gets markup (the
    cells without the line breaks and controls the tables' one-record-per-line format and
    validation refuse, which the articles keep)."""
    in_cells = [" ".join(p.replace("\u2028", " ").split()) for p in payloads]
    schema = resources()
    for resource in schema.values():
        path = folder / resource.path
        rows = read_rows(path)
        columns = [rows[0].index(name) for name in free_text_fields(resource)]
        for number, row in enumerate(rows[1:]):
            for at in columns:
                row[at] = f"{row[at]} {in_cells[(number + at) % len(in_cells)]}"
        write_rows(path, rows)
    for article in (folder / config.ARTICLES_SUBDIR).iterdir():
        with article.open("a", encoding="utf-8", newline="") as stream:
            stream.write("\n" + "\n".join(payloads) + "\n")


def live_markup(page: str) -> list[str]:
    """Elements and attributes in ``page`` that only the hostile data could have put there
    (the theme's own ``<style>`` and ``onclick`` are not the data's: every payload calls
    ``alert``, loads ``x``, or hides everything; a ``title`` attribute holding markup is
    inert text)."""
    soup = BeautifulSoup(page, "html.parser")
    found = []
    for element in soup.find_all(True):
        inside = element.get_text() if element.name in {"script", "style"} else ""
        if element.name == "iframe" or "alert" in inside or "display:none}" in inside:
            found.append(str(element)[:120])
        if element.name == "img" and element.get("src") == "x":
            found.append(str(element)[:120])
        for name, value in element.attrs.items():
            text = " ".join(value) if isinstance(value, list) else str(value)
            runs = name.startswith("on") or (
                name in {"href", "src", "action", "data", "formaction"}
                and text.strip().lower().startswith("javascript:")
            )
            if runs and ("alert" in text or "javascript:" in text):
                found.append(f"{element.name} {name}={text[:80]!r}")
    return found


@pytest.mark.build  # a site build
def test_every_data_built_page_shows_hostile_markup_as_text(data_copy, tmp_path):
    """Markup in every free-text cell and in the articles' texts (``\\r\\r``, fences,
    ``{raw}`` with ``:url:`` and ``:file:``, ``include``, event handlers) renders as text:
    the site builds, no page has a live element or attribute from the data, nothing outside
    the folder is included and nothing is fetched."""
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = f"CANARY-{uuid.uuid4().hex}"
    canary = outside / "canary.txt"
    canary.write_text(secret, encoding="utf-8")
    _Recorder.requests = []
    server = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/evil.html"
        fill_with_markup(data_copy, hostile_payloads(url, canary))
        evidence = tables.load(data_copy)
        sources = pages.site_sources(evidence, [], config.DEFAULT_FIGURES_DIR)
        site_dir = tmp_path / "site"
        build_site(sources, tmp_path / "work", site_dir)
    finally:
        server.shutdown()
    assert _Recorder.requests == [], "the build fetched a URL named in the data"
    built = sorted(site_dir.rglob("*.html"))
    assert len(built) >= len(evidence.articles) + 3
    for path in site_dir.rglob("*"):
        if path.is_file():
            assert secret.encode() not in path.read_bytes(), f"{path} includes a file outside"
    for path in built:
        page = path.read_text(encoding="utf-8")
        assert live_markup(page) == [], path.relative_to(site_dir)
    article = (site_dir / "articles" / "aljazeera.html").read_text(encoding="utf-8")
    shown = BeautifulSoup(article, "html.parser")
    outlet = evidence.articles.set_index("article_id").outlet["aljazeera"]
    assert outlet in shown.find(id="jb-print-docs-body").h1.get_text(), "the print header"
    assert "<img src=x onerror=alert(1)>" in shown.get_text(), "markup is shown as text"


DIRECTIVES = [
    "```{{literalinclude}} {canary}\n```",
    "```{{include}} {canary}\n```",
    "```{{raw}} html\n:file: {canary}\n```",
    "```{{raw}} html\n:url: {url}\n```",
    "```{{raw}} html\n<script>alert(1)</script>\n```",
    "```{{csv-table}} x\n:file: {canary}\n```",
    "```{{eval-rst}}\n.. include:: {canary}\n```",
]


@pytest.mark.build  # a site build
def test_no_page_can_include_a_file_or_fetch_a_url(tmp_path):
    """Even a page that asks for it (no data-built page can) reads no file and fetches
    nothing: each directive is refused on its own page, and the build fails, leaving the
    site as it was. (One site holds every directive, a page each, so one Sphinx run checks
    them all: ``--keep-going`` reports every page's refusal.)"""
    canary = tmp_path / "canary.txt"
    secret = f"CANARY-{uuid.uuid4().hex}"
    canary.write_text(secret, encoding="utf-8")
    _Recorder.requests = []
    server = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/x"
    asking = {
        f"asks{number}.md": f"# Page {number}\n\n" + directive.format(canary=canary, url=url) + "\n"
        for number, directive in enumerate(DIRECTIVES)
    }
    toctree = "```{toctree}\n" + "\n".join(name[:-3] for name in asking) + "\n```\n"
    pages = {"index.md": "# Pages\n\n" + toctree, **asking}
    sources = SiteSources(pages, {"beside.txt": canary.with_name("beside.txt")})
    canary.with_name("beside.txt").write_text("a file the site copies", encoding="utf-8")
    try:
        with pytest.raises(SiteError) as refused:
            build_site(sources, tmp_path / "work", tmp_path / "site")
    finally:
        server.shutdown()
    assert _Recorder.requests == []
    assert not (tmp_path / "site").exists()
    message = str(refused.value)
    assert "_extra" not in message
    for name, page in asking.items():
        said = [line for line in message.splitlines() if f"{name}:" in line]
        refusal = ("disabled", "not enabled", "deactivated")
        assert any(w in line for line in said for w in refusal), (page, message)
    for path in (tmp_path / "work").rglob("*"):
        if path.is_file():
            assert secret.encode() not in path.read_bytes(), path


def test_the_anchors_ids_may_not_take_are_the_ones_the_built_pages_have(built_site):
    """Validation keeps statement, mention and exclusion ids off the anchors a page already
    has (the theme's elements, the page's headings): every anchor of the built statements
    and article pages that no row gave them is one of those, so none can collide."""
    evidence = tables.load(config.DEFAULT_DATA_DIR)
    given = (
        set(evidence.statements.statement_id)
        | set(evidence.mentions.mention_id)
        | set(evidence.quote_exclusions.exclusion_id)
    )
    pages_and_headings = [("statements.html", check_site_names.STATEMENTS_HEADINGS)] + [
        (
            f"articles/{a}.html",
            check_site_names.ARTICLE_HEADINGS | check_site_names.heading_anchors(o),
        )
        for a, o in zip(evidence.articles.article_id, evidence.articles.outlet, strict=True)
    ]
    checked = 0
    for page, headings in pages_and_headings:
        soup = BeautifulSoup((built_site / page).read_text(encoding="utf-8"), "html.parser")
        top = soup.find("section")
        for element in soup.find_all(id=True):
            anchor = element["id"]
            if anchor in given or check_site_names.LINE_ANCHOR.fullmatch(anchor):
                continue
            entry = page == "statements.html" and element.name in {"section", "span"}
            if entry and element is not top:  # a place's or a statement's own heading
                continue
            checked += 1
            assert check_site_names.taken_by(anchor, frozenset(headings)), (page, anchor)
    assert checked >= 20 * len(pages_and_headings)


# The reference pages from boots.render.reference (merged from #23) put a <span id=slug>
# before each heading, which MyST's heading anchors already give the same id.
REFERENCE_PAGES = ("codebook.html", "data-dictionary.html")


def _anchors_twice(path: Path) -> list[str]:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    ids = [e["id"] for e in soup.find_all(id=True)]
    return sorted({i for i in ids if ids.count(i) > 1})


def test_no_page_of_the_site_has_an_anchor_twice(built_site):
    """A link to an anchor goes to its first holder: every id is on its page once (three
    tables with the same columns on one notebook page shared theirs)."""
    frame = pd.DataFrame({"speaker": ["<b>A</b>"], "outlet": ["B"]})
    first, second = (BeautifulSoup(report.table(frame).data, "html.parser") for _ in range(2))
    ids = [e["id"] for soup in (first, second) for e in soup.find_all(id=True)]
    assert len(ids) == len(set(ids)) > 2, ids
    pages = [p for p in sorted(built_site.rglob("*.html")) if p.name not in REFERENCE_PAGES]
    assert len(pages) > 10
    for path in pages:
        assert _anchors_twice(path) == [], path.relative_to(built_site)


@pytest.mark.parametrize("page", REFERENCE_PAGES)
def test_the_reference_pages_have_each_anchor_once(page, built_site):
    assert _anchors_twice(built_site / page) == []


@pytest.mark.build  # a site build
@pytest.mark.xfail(
    strict=True,
    reason="beyond HEADED_ENTRIES statements an entry's anchor is raw HTML, which docutils "
    "does not see: a statement_id equal to a place heading's anchor ('france') is on the "
    "page twice, and validation does not know the places (boots.analysis.stance.place)",
)
def test_a_statement_id_never_shares_a_place_headings_anchor(data_copy, tmp_path, monkeypatch):
    for resource in resources().values():  # rename the statement in every table
        path = data_copy / resource.path
        content = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"(?<![a-z0-9-])fiala-not-send(?![a-z0-9-])", "france", content))
    if not validate(data_copy).ok:
        return  # refused by validation: the anchor cannot collide
    monkeypatch.setattr(pages, "HEADED_ENTRIES", 0)  # a large collection's statements page
    sources = pages.site_sources(tables.load(data_copy), [], config.DEFAULT_FIGURES_DIR)
    build_site(sources, tmp_path / "work", tmp_path / "site")
    soup = BeautifulSoup((tmp_path / "site" / "statements.html").read_text(), "html.parser")
    assert len(soup.find_all(id="france")) == 1


# --- the build's fingerprint of a folder ----------------------------------------------------


def _opened_during(action) -> list[str]:
    opened: list[str] = []

    def hook(event, args):
        opens = event in {"open", "os.listdir", "os.scandir"} and args
        if opens and args[0] is not None and not isinstance(args[0], int):
            opened.append(os.fsdecode(args[0]))

    hooks.append(hook)
    try:
        action()
    finally:
        hooks.remove(hook)
    return opened


hooks: list = []
sys.addaudithook(lambda event, args: [hook(event, args) for hook in list(hooks)])


def test_the_build_fingerprints_only_the_files_the_schema_names(data_copy, tmp_path):
    """A name that is not UTF-8, 1,100 nested folders and a 3 GB sparse file in the folder
    are never opened or listed (before: UnicodeEncodeError, RecursionError, 3.1 GB read)."""
    before = build.data_fingerprint(data_copy)
    os.close(os.open(os.fsencode(data_copy) + b"/caf\xe9.csv", os.O_CREAT | os.O_WRONLY))
    deep = data_copy / "deep"
    deep.mkdir()
    for _ in range(1100):  # one by one: os.makedirs itself recurses
        deep = deep / "d"
        deep.mkdir()
    huge = data_copy / "huge.bin"
    with huge.open("wb") as stream:
        stream.truncate(3 * 1024**3)
    os.mkfifo(data_copy / "pipe")
    (data_copy / "outside").symlink_to(tmp_path)
    try:
        opened = _opened_during(lambda: build.data_fingerprint(data_copy))
        assert build.data_fingerprint(data_copy) == before, "stray files do not count"
    finally:
        while deep != data_copy:  # clean-up would recurse 1,100 deep
            deep.rmdir()
            deep = deep.parent
    stray = [p for p in opened if any(s in p for s in ("caf", "deep", "huge", "pipe", "outside"))]
    assert stray == []
    assert not [p for p in opened if os.path.isdir(p)], "no folder is listed"
    replace_in(data_copy / "speakers.csv", "President of France", "Président of France")
    changed = build.data_fingerprint(data_copy)
    assert changed != before, "a table counts"
    with (data_copy / "articles" / "000_48a6bae5c0c654dd.txt").open("a") as stream:
        stream.write("x")
    assert build.data_fingerprint(data_copy) != changed, "an article articles.csv names counts"


@pytest.mark.parametrize("kind", ["fifo", "canary", "huge"])
def test_the_fingerprint_of_a_hostile_table_is_its_refusal(kind, data_copy, tmp_path):
    """A table that is a FIFO, a link out of the folder or over its cap is not read (no
    hang, no secret hashed): the build then validates and reports it."""
    table = data_copy / "speakers.csv"
    table.unlink()
    if kind == "fifo":
        os.mkfifo(table)
    elif kind == "canary":
        (tmp_path / "canary.txt").write_text("secret", encoding="utf-8")
        table.symlink_to(tmp_path / "canary.txt")
    else:
        with table.open("wb") as stream:
            stream.truncate(safe_files.MAX_TABLE_BYTES + 1)
    opened = _opened_during(lambda: build.data_fingerprint(data_copy))
    assert not [p for p in opened if "canary" in p]
    lines: list[str] = []
    layout = build.Layout.in_folder(tmp_path / "out", data_copy)
    assert build.build(layout, log=lines.append) == 1
    assert any(line.startswith("speakers.csv:") for line in lines), lines
    assert "nothing was executed" in lines[-1]


# --- commands that write into a folder ------------------------------------------------------

LEDGER = Path(__file__).parent / "fixtures" / "ledger-article.txt"


def _everything(folder: Path) -> dict[str, str]:
    """Every entry under ``folder`` (links by target, special files by kind), unread."""
    out = {}
    for base, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(base) / name
            if path.is_symlink():
                out[str(path)] = "link:" + os.readlink(path)
            elif path.is_file():
                out[str(path)] = path.read_bytes().hex()
            else:
                out[str(path)] = "other"
    return out


def _hostile_place(data_copy: Path, outside: Path, name: str, kind: str) -> None:
    path = data_copy / name
    if path.is_dir():
        shutil.move(path, outside / "moved")
        path.symlink_to(outside / "moved")
        return
    shutil.copy(path, outside / "copy.csv")
    path.unlink()
    if kind == "symlink":
        path.symlink_to(outside / "copy.csv")
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "hardlink":
        os.link(outside / "copy.csv", path)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("articles", "symlink"),
        ("articles.csv", "symlink"),
        ("articles.csv", "fifo"),
        ("articles.csv", "hardlink"),
    ],
)
def test_add_article_writes_only_inside_the_folder(name, kind, data_copy, tmp_path, capsys):
    outside = tmp_path / "outside"
    outside.mkdir()
    _hostile_place(data_copy, outside, name, kind)
    before, outside_before = _everything(data_copy), _everything(outside)
    started = time.monotonic()
    status = add_article_main([str(LEDGER), f"--data={data_copy}", "--id=ledger"])
    printed = capsys.readouterr()
    assert time.monotonic() - started < 10, "never hangs"
    assert status == 2, printed
    assert "Traceback" not in printed.err
    assert name in printed.err and "expected" in printed.err, printed.err
    assert _everything(data_copy) == before, "nothing written in the folder"
    assert _everything(outside) == outside_before, "nothing written outside"


@pytest.mark.parametrize("kind", ["fifo", "folder", "dev-zero"])
def test_add_article_refuses_a_text_that_is_not_a_regular_file(kind, data_copy, tmp_path, capsys):
    source = tmp_path / "text.txt"
    if kind == "fifo":
        os.mkfifo(source)
    elif kind == "folder":
        source.mkdir()
    else:
        source = Path("/dev/zero")
    before = _everything(data_copy)
    started = time.monotonic()
    assert add_article_main([str(source), f"--data={data_copy}"]) == 2
    assert time.monotonic() - started < 10
    err = capsys.readouterr().err
    assert "expected a regular file" in err or "expected a readable file" in err, err
    assert _everything(data_copy) == before


def test_add_article_refuses_an_article_with_control_characters(data_copy, tmp_path, capsys):
    source = tmp_path / "text.txt"
    source.write_bytes(LEDGER.read_bytes().replace(b"\n", b"\r\n", 3))
    before = _everything(data_copy)
    assert add_article_main([str(source), f"--data={data_copy}"]) == 2
    err = capsys.readouterr().err
    assert f"{source}:1:" in err and "carriage return" in err, err
    assert _everything(data_copy) == before


@pytest.mark.parametrize("article_id", ["ledger\n", "index", "search"])
def test_add_article_refuses_an_id_validation_would_refuse(article_id, data_copy, capsys):
    """An id ending in a line break matched the pattern's ``$`` and split articles.csv's
    record over two lines (the table then unreadable); a reserved page name was written
    for validation to refuse afterwards. Both are refused and nothing is written."""
    before = _everything(data_copy)
    assert add_article_main([str(LEDGER), f"--data={data_copy}", f"--id={article_id}"]) == 2
    err = capsys.readouterr().err
    assert "article id" in err and "Traceback" not in err, err
    assert _everything(data_copy) == before


def _reviewed_draft(data_copy: Path, tmp_path: Path) -> tuple[Path, pd.DataFrame]:
    add_article(LEDGER, data_copy, "ledger")
    fill_curator_cells(data_copy, "ledger", {})
    path = tmp_path / "ledger-mentions.csv"
    write_draft(draft(tables.load(data_copy), "ledger"), path)
    return path, spreadsheet.read_csv(path.read_bytes())


def test_accept_draft_appends_nothing_when_a_cell_is_tampered(data_copy, tmp_path):
    """A formula typed or pasted into a reviewed draft is refused at its draft line and
    column before anything is appended (before: appended, caught by the next validation)."""
    path, frame = _reviewed_draft(data_copy, tmp_path)
    first = frame.index[frame.accept == "yes"][0]
    frame.loc[first, "verb"] = '=HYPERLINK("http://example.com","said")'
    path.write_text(frame.to_csv(index=False), encoding="utf-8")  # as a spreadsheet saves it
    before = _everything(data_copy)
    with pytest.raises(AcceptError) as refused:
        accept("ledger", data_copy, path)
    assert any(
        p.startswith(f"ledger-mentions.csv:{first + 2}: column 'verb'") and "formula" in p
        for p in refused.value.problems
    ), refused.value.problems
    assert _everything(data_copy) == before


@pytest.mark.parametrize("kind", ["symlink", "hardlink"])
def test_accept_draft_writes_only_inside_the_folder(kind, data_copy, tmp_path, capsys):
    path, _ = _reviewed_draft(data_copy, tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    _hostile_place(data_copy, outside, "quote_exclusions.csv", kind)
    before, outside_before = _everything(data_copy), _everything(outside)
    status = accept_main(["ledger", f"--data={data_copy}", f"--draft={path}"])
    err = capsys.readouterr().err
    assert status != 0 and "Traceback" not in err
    assert ("quote_exclusions.csv" in err and "hard link" in err) or "link leads out" in err, err
    assert _everything(data_copy) == before, "mentions.csv is not appended alone"
    assert _everything(outside) == outside_before


def test_the_draft_csv_holds_no_formula_and_reads_back_exactly(tmp_path):
    values = ["=1+1", "+x", "-x", "@SUM(A1)", "\tx", "\rx", "'=x", "''+x", "'x", "x=1", "-5", "＝1"]
    frame = pd.DataFrame({"quote": values, "verb": ["said"] * len(values)})
    path = tmp_path / "draft.csv"
    write_draft(frame, path)
    with path.open(encoding="utf-8", newline="") as stream:
        cells = [cell for row in csv.reader(stream) for cell in row]
    assert not [c for c in cells if c[:1] in "=+-@\t\r＝"], cells
    assert list(spreadsheet.read_csv(path.read_bytes()).quote) == values


def test_a_folder_whose_name_starts_with_a_dash_works_for_every_command():
    """`--data=-x` in one word: argparse no longer reads the folder as an option."""
    name = f"-boots-test-{uuid.uuid4().hex[:8]}"
    folder = config.ROOT / name  # relative, so DATA= starts with '-'
    shutil.copytree(config.DEFAULT_DATA_DIR, folder)
    try:
        assert _make("validate", f"DATA={name}").returncode == 0
        added = _make("add-article", f"FILE={LEDGER}", "ID=ledger", f"DATA={name}")
        assert added.returncode == 0, added.stdout + added.stderr
        assert "appended 'ledger'" in added.stdout
        drafted = _make("draft", "ARTICLE=aljazeera", f"DATA={name}")
        assert drafted.returncode == 0, drafted.stdout + drafted.stderr
        built = _make(f"DATA={name}")  # stops at validation: the new row has cells to fill
        assert built.returncode != 0, built.stdout + built.stderr
        assert "nothing was executed" in built.stdout and "Traceback" not in built.stderr
    finally:
        shutil.rmtree(folder)
        shutil.rmtree(config.ROOT / "build" / build.output_name(folder), ignore_errors=True)


def test_a_speaker_whose_name_is_a_homoglyph_twin_gets_a_warning(data_copy, capsys):
    rows = read_rows(data_copy / "speakers.csv")
    at = rows[0].index("name")
    original = rows[1][at]
    twin = original.replace("a", "\u0430", 1)  # Cyrillic a
    assert twin != original
    rows[2][at] = twin
    write_rows(data_copy / "speakers.csv", rows)
    report = validate(data_copy)
    warned = [w for w in report.warnings if w.file == "speakers.csv" and w.line == 3]
    assert warned and warned[0].column == "name", report.warnings
    assert original in warned[0].expected and "(line 2)" in warned[0].expected
    rows[2][at] = original + " Jr"  # a different name that merely starts alike
    write_rows(data_copy / "speakers.csv", rows)
    assert not [w for w in validate(data_copy).warnings if w.file == "speakers.csv"]


# --- build outputs ----------------------------------------------------------------------------


def test_two_folders_with_one_name_build_into_two_outputs(tmp_path):
    first, second = tmp_path / "a" / "data", tmp_path / "b" / "data"
    first.mkdir(parents=True)
    second.mkdir(parents=True)
    one, two = build.Layout.for_data(first), build.Layout.for_data(second)
    assert one.site_dir != two.site_dir and one.stamps_dir != two.stamps_dir
    assert one.site_dir.parent.name.startswith("data-")
    assert build.Layout.for_data(first / ".." / "data").site_dir == one.site_dir
    odd = tmp_path / "-x \udcff; $(rm)"
    odd.mkdir()
    assert re.fullmatch(r"[A-Za-z0-9._-]+-[0-9a-f]{8}", build.output_name(odd))


def test_a_second_build_of_the_same_outputs_stops_at_once(data_copy, tmp_path):
    layout = build.Layout.in_folder(tmp_path / "out", data_copy)
    lines: list[str] = []
    with build.output_lock(layout):
        started = time.monotonic()
        assert build.run(layout, log=lines.append) == 1
        assert time.monotonic() - started < 5
    assert "another build" in lines[-1], lines
    with build.output_lock(layout):  # released when the first build ends
        pass


@pytest.mark.build  # two site builds
def test_a_full_disk_or_read_only_outputs_keep_the_last_good_site(data_copy, tmp_path, monkeypatch):
    """The site is published all or nothing: when the disk refuses a file (full, or
    read-only), no page changes, no temporary file is left, and the build says so in one
    line (no traceback). One good site, then each refusal in turn on the same outputs."""
    layout = build.Layout.in_folder(tmp_path / "out", data_copy)
    layout.figures_dir.mkdir(parents=True)
    (layout.figures_dir / "00-figure.csv").write_text("a,b\n", encoding="utf-8")
    assert build.render(layout, [], log=print) is False
    good = {p: p.read_bytes() for p in layout.site_dir.rglob("*") if p.is_file()}
    replace_in(data_copy / "articles.csv", ",Al Jazeera,", ",Al Jazeera English,")  # many pages
    monkeypatch.setattr(
        build, "build", lambda *a, **k: build.render(layout, [], log=lambda m: None)
    )
    real_mkstemp = atomic.tempfile.mkstemp
    for error in (errno.ENOSPC, errno.EROFS):
        written = []

        def failing(*args, dir=None, error=error, written=written, **kwargs):
            if Path(dir).is_relative_to(layout.site_dir):  # the site's second new file fails
                written.append(dir)
                if len(written) > 1:
                    raise OSError(error, os.strerror(error), str(Path(dir) / "page.html"))
            return real_mkstemp(*args, dir=dir, **kwargs)

        monkeypatch.setattr(atomic.tempfile, "mkstemp", failing)
        lines: list[str] = []
        assert build.run(layout, log=lines.append) == 1
        last = lines[-1]
        assert last.startswith("build stopped at ") and os.strerror(error) in last, lines
        assert "last good outputs are kept" in last
        after = {p: p.read_bytes() for p in layout.site_dir.rglob("*") if p.is_file()}
        assert len(written) == 2, "the failure came while publishing the site"
        assert after == good, "the site is as it was"


@pytest.mark.parametrize("command", ["draft", "bench-draft"])
@pytest.mark.parametrize("kind", ["symlink", "fifo", "hardlink"])
def test_draft_and_bench_read_only_through_the_confined_reader(
    command, kind, data_copy, tmp_path, capsys
):
    outside = tmp_path / "outside"
    outside.mkdir()
    _hostile_place(data_copy, outside, "mentions.csv", kind)
    before, outside_before = _everything(data_copy), _everything(outside)
    out = tmp_path / "out"
    started = time.monotonic()
    if command == "draft":
        status = draft_main([f"--data={data_copy}", f"--out={out}", "--", "aljazeera"])
    else:
        status = bench_main([f"--data={data_copy}", f"--out={out}"])
    err = capsys.readouterr().err
    assert time.monotonic() - started < 10, "never hangs"
    assert status == 2 and "Traceback" not in err
    assert "mentions.csv" in err and "run `make validate`" in err, err
    assert not out.exists(), "nothing written"
    assert _everything(data_copy) == before and _everything(outside) == outside_before


def test_a_full_disk_while_publishing_figures_keeps_the_last_good_notebook(tmp_path, monkeypatch):
    """A notebook's figures and the notebook itself are published together or not at all
    (before: notebook 03's figures partly published on a full disk, and a traceback)."""
    sources, out = tmp_path / "src", tmp_path / "out"
    sources.mkdir()
    probe = nbformat.v4.new_notebook()
    probe.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    probe.cells = [
        nbformat.v4.new_markdown_cell("# 09 · probe"),
        nbformat.v4.new_code_cell(
            "import os, pathlib\n"
            "for name in ('09-a.csv', '09-b.csv', '09-c.csv'):\n"
            "    (pathlib.Path(os.environ['BOOTS_FIGURES']) / name).write_text('new')"
        ),
    ]
    for number, cell in enumerate(probe.cells):
        cell["id"] = f"cell{number}"
    nbformat.write(probe, sources / "09-probe.ipynb")
    write_last_good_notebook(out)
    for name in ("09-a.csv", "09-b.csv", "09-old.csv"):
        (out / "figures" / name).write_text("last good", encoding="utf-8")
    good = {p.name: p.read_bytes() for p in (out / "figures").iterdir()}
    good_notebook = (out / "notebooks" / "09-probe.ipynb").read_bytes()
    real_mkstemp = atomic.tempfile.mkstemp
    staged = []

    def full_disk(*args, dir=None, **kwargs):  # the second figure finds the disk full
        if Path(dir) == out / "figures":
            staged.append(dir)
            if len(staged) > 1:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(Path(dir) / "x"))
        return real_mkstemp(*args, dir=dir, **kwargs)

    monkeypatch.setattr(atomic.tempfile, "mkstemp", full_disk)
    monkeypatch.setattr(build, "render", lambda *args, **kwargs: False)
    layout = build.Layout.in_folder(out, config.DEFAULT_DATA_DIR, sources_dir=sources)
    messages: list[str] = []
    assert build.run(layout, log=messages.append) == 1
    assert messages[-1].startswith("build stopped at ") and "No space left" in messages[-1]
    assert len(staged) == 2, "the failure came while publishing the figures"
    assert {p.name: p.read_bytes() for p in (out / "figures").iterdir()} == good
    assert (out / "notebooks" / "09-probe.ipynb").read_bytes() == good_notebook
