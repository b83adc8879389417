"""A stranger's data folder, built once with `make DATA=...`, and every check made on that build.

One temporary copy of the data gathers what three tests used to build separately (each
executing notebooks on a folder of its own):

* twelve outlets (eleven test outlets, the twelfth the README article's), one of which has
  two articles: nothing assumes at most eight outlets or one article per outlet (the
  analyses, the outlet notebooks 02 and 03, the figures);
* a quote containing markup (``<script>`` and ``&``) in Al Jazeera's Peskov quotation: it is
  shown as text in the notebooks and the HTML, never run;
* then the README's procedure for adding an article, walked with `make` in order, with an
  article written for the purpose (tests/fixtures/ledger-article.txt, not one of the
  collection's): add, fill the curator's cells, draft, review, accept, validate, build. The
  new outlet must reach the figures and the site.

The walk's steps run once, in the module's fixture, and are recorded; the README test then
checks each recorded step in order, and the other tests read the same build's outputs."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

from boots.analysis import framing
from boots.curate.add_article import propose_body
from boots.curate.draft import draft_path
from boots.data import tables
from boots.data.validate import validate
from boots.pipeline.build import Layout
from boots.pipeline.synthetic import add_outlets
from boots.render import style
from boots.util import config
from tests.helpers import ARTICLE, CURATOR_VALUES, assert_only_true_paragraphs, fill_curator_cells

pytestmark = pytest.mark.build  # build-sized: `make test` runs it, `make check` does not

OUTLETS = 12
MARKUP = "<script>alert('boots')</script> & <b>bold</b>"


def make(*args: str) -> subprocess.CompletedProcess:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"BOOTS_DATA", "BOOTS_FIGURES", "MAKEFLAGS", "MFLAGS", "MAKELEVEL"}
    }
    return subprocess.run(
        ["make", *args], cwd=config.ROOT, env=env, capture_output=True, text=True, timeout=900
    )


def add_outlets_up_to_twelve(folder: Path) -> None:
    """Test outlets up to eleven; the README procedure's article brings the twelfth (The
    Ledger). Twelve is what the per-outlet figures show one by one (``pooling.MAX_SHOWN``),
    so every outlet must be drawn distinctly; past that they pool the rest."""
    existing = tables.load(folder).outlets
    new = [f"Test Outlet {i}" for i in range(1, max(1, OUTLETS - 1 - len(existing)) + 1)]
    # The last added article shares its outlet with the first article.
    add_outlets(folder, [*new, existing[0]])


def put_markup_in_a_quote(folder: Path) -> None:
    """Markup in Peskov's quotation in Al Jazeera (which the drift tables show); the article's
    hash and the offsets of the later quotes follow the edit, so the folder stays valid."""
    article = folder / "articles" / "000_48a6bae5c0c654dd.txt"
    original = "[of direct conflict]"
    before = article.read_text(encoding="utf-8")
    at, shift = before.index(original), len(MARKUP) - len(original)
    article.write_text(before.replace(original, MARKUP), encoding="utf-8")
    rows = list(csv.reader((folder / "articles.csv").read_text(encoding="utf-8").splitlines()))
    rows[1][rows[0].index("sha256")] = hashlib.sha256(article.read_bytes()).hexdigest()
    mentions = list(csv.reader((folder / "mentions.csv").read_text(encoding="utf-8").splitlines()))
    for row in mentions[1:]:
        if row[2] == "aljazeera" and row[1] == "peskov-inevitability":
            row[3] = row[3].replace(original, MARKUP)
        if row[2] == "aljazeera" and int(row[9]) > at:
            row[9] = str(int(row[9]) + shift)  # later quotes move with the edit
    for path, table in ((folder / "articles.csv", rows), (folder / "mentions.csv", mentions)):
        with open(path, "w", encoding="utf-8", newline="") as f:
            csv.writer(f, lineterminator="\n").writerows(table)


@dataclass
class Walk:
    """The README procedure's steps, as run, in order."""

    folder: Path
    article_id: str
    layout: Layout  # where `make DATA=folder` writes: build/<folder name>/
    added: subprocess.CompletedProcess
    listed: subprocess.CompletedProcess
    draft: pd.DataFrame | None  # the draft as proposed, before the review
    drafted: subprocess.CompletedProcess
    accepted: subprocess.CompletedProcess
    valid: subprocess.CompletedProcess
    built: subprocess.CompletedProcess


@pytest.fixture(scope="module")
def walk(tmp_path_factory):
    name = f"stranger-{os.getpid()}"
    folder = tmp_path_factory.mktemp("stranger") / name
    shutil.copytree(config.DEFAULT_DATA_DIR, folder)
    add_outlets_up_to_twelve(folder)
    put_markup_in_a_quote(folder)
    article_id = f"ledger-{os.getpid()}"
    layout = Layout.for_data(folder)
    draft_file = draft_path(article_id)
    try:
        # 1. add the text: copied, hashed, its row appended with the curator's cells marked
        added = make("add-article", f"FILE={ARTICLE}", f"DATA={folder}", f"ID={article_id}")
        listed = make("validate", f"DATA={folder}")
        lede = propose_body(ARTICLE.read_text(encoding="utf-8")).lede
        fill_curator_cells(folder, article_id, {**CURATOR_VALUES, "lede": lede})
        # 2. draft its mentions, review the draft, accept it
        drafted = make("draft", f"ARTICLE={article_id}", f"DATA={folder}")
        draft = None
        if draft_file.is_file():
            draft = pd.read_csv(draft_file, dtype=str, keep_default_na=False)
            # The review: an anonymous diplomat's words are not a statement (codebook,
            # not_a_statement).
            reviewed = draft.copy()
            unnamed = reviewed.proposal == "no_speaker"
            reviewed.loc[unnamed, ["proposal", "accept"]] = ["not_a_statement", "yes"]
            reviewed.to_csv(draft_file, index=False)
        accepted = make("accept-draft", f"ARTICLE={article_id}", f"DATA={folder}")
        # 3. validate, then build from the folder
        valid = make("validate", f"DATA={folder}")
        built = make(f"DATA={folder}")
        yield Walk(
            folder, article_id, layout, added, listed, draft, drafted, accepted, valid, built
        )
    finally:
        shutil.rmtree(layout.site_dir.parent, ignore_errors=True)
        draft_file.unlink(missing_ok=True)


@pytest.fixture(scope="module")
def built(walk) -> Layout:
    """The build's outputs, once the build has succeeded."""
    assert walk.built.returncode == 0, walk.built.stdout + walk.built.stderr
    return walk.layout


def no_traceback(step: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in step.stdout + step.stderr, step.stdout + step.stderr


# --- the README procedure ---------------------------------------------------------------------


def test_adding_an_article_as_the_readme_says(walk):
    # 1. add the text: copied, hashed, its row appended with the curator's cells marked
    no_traceback(walk.added)
    assert walk.added.returncode == 0, walk.added.stderr
    assert "marked TO FILL" in walk.added.stdout
    no_traceback(walk.listed)
    listed = walk.listed
    assert listed.returncode != 0 and "column 'outlet': got 'TO FILL'" in listed.stdout
    assert "Read CODEBOOK.md, section 'articles.csv'" in listed.stdout

    # 2. draft its mentions, review the draft, accept it
    no_traceback(walk.drafted)
    assert walk.drafted.returncode == 0, walk.drafted.stderr
    frame = walk.draft
    assert frame is not None, "no draft written"
    proposed = frame[frame.proposal == "mention"]
    assert set(proposed.speaker_id) == {"macron", "stoltenberg", "peskov", "scholz", "tusk"}
    assert (proposed.accept == "yes").all()
    unnamed = frame.proposal == "no_speaker"
    assert unnamed.sum() == 1 and frame[unnamed].speaker_id.iloc[0] == ""
    no_traceback(walk.accepted)
    assert walk.accepted.returncode == 0, walk.accepted.stderr
    assert f"appended {len(proposed)} mentions" in walk.accepted.stdout

    # 3. validate, then build from the folder
    no_traceback(walk.valid)
    assert walk.valid.returncode == 0, walk.valid.stdout + walk.valid.stderr
    assert ": valid;" in walk.valid.stdout
    no_traceback(walk.built)
    assert walk.built.returncode == 0, walk.built.stdout + walk.built.stderr
    outlet = CURATOR_VALUES["outlet"]
    for figure in ("03-verbs.csv", "03-lexicon.csv", "02-relay.csv"):
        assert outlet in (walk.layout.figures_dir / figure).read_text(encoding="utf-8"), figure
    pages = [p for p in walk.layout.site_dir.rglob("*.html")]
    assert pages and any(outlet in p.read_text(encoding="utf-8") for p in pages)


# --- twelve outlets, one with two articles ------------------------------------------------------


def test_the_folder_is_valid_with_twelve_outlets_and_a_shared_outlet(walk):
    report = validate(walk.folder)
    assert report.ok, [str(p) for p in report.problems[:5]]
    ev = tables.load(walk.folder)
    assert len(ev.outlets) == OUTLETS and CURATOR_VALUES["outlet"] in ev.outlets
    assert ev.articles.outlet.value_counts().max() == 2


def test_outlet_tables_count_each_mention_once(walk):
    ev = tables.load(walk.folder)
    verbs = framing.verb_counts(ev)
    assert list(verbs.index) == ev.outlets
    assert verbs.to_numpy().sum() == len(ev.mentions)
    assert f"of {len(ev.mentions)} mentions" in framing.verbs_title(verbs)
    assert list(framing.mentions_by_stance(ev).index) == ev.outlets
    assert framing.mentions_by_stance(ev).to_numpy().sum() == len(ev.mentions)
    assert list(framing.stance_shares(ev).index) == ev.outlets
    lexicon = framing.lexicon_counts(ev, ev.lexicon)
    assert list(lexicon.columns[2:]) == ev.outlets


def test_each_article_keeps_its_own_headline_focus(walk):
    ev = tables.load(walk.folder)
    matrix = framing.focus_matrix(ev)
    assert list(matrix.columns) == list(ev.article_labels.values())
    assert len(set(matrix.columns)) == len(ev.articles)


def test_quote_drift_figure_draws_every_outlet_distinctly(walk):
    ev = tables.load(walk.folder)
    drift = framing.drift_table(ev)
    outlets = list(dict.fromkeys(drift.outlet))
    assert len(outlets) > 8
    markers, palette = style.outlet_styles(outlets)
    assert len({(markers[o], palette[o]) for o in outlets}) == len(outlets)
    fig = framing.drift_figure(drift, framing.drift_title(drift))
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert set(outlets) <= set(labels)


def test_the_grown_folder_shows_only_true_paragraphs(walk, built):
    """The stranger's folder is also a derived folder, grown (twelve outlets, a new
    article): its build shows each typed paragraph only where it holds (as the variants')."""
    assert_only_true_paragraphs(walk.folder, built.notebooks_dir, built.site_dir)


def test_the_outlet_notebooks_run_on_it(built):
    for name in ("02-how-the-remark-spread.ipynb", "03-outlet-framing.ipynb"):
        assert (built.notebooks_dir / name).is_file(), name
    drift = (built.figures_dir / "03-quote-drift.csv").read_text(encoding="utf-8")
    assert "Test Outlet 1" in drift


# --- markup in a quote --------------------------------------------------------------------------


def test_markup_in_a_quote_renders_as_text_in_the_html(built):
    """The quote containing <script> and & is shown as text."""
    executed = json.loads(
        (built.notebooks_dir / "03-outlet-framing.ipynb").read_text(encoding="utf-8")
    )
    outputs = json.dumps(executed)
    assert "&lt;script&gt;alert(" in outputs, "the quote reached the notebook's tables, escaped"
    assert "<script>alert(" not in outputs.replace(MARKUP.replace("<", "&lt;"), "")
    for page in ("notebooks/03-outlet-framing.html", "articles/aljazeera.html"):
        shown = (built.site_dir / page).read_text(encoding="utf-8")
        assert "<script>alert(" not in shown and "<b>bold</b>" not in shown, page
        assert "&lt;script&gt;alert(" in shown and "&lt;b&gt;bold&lt;/b&gt;" in shown, page
