"""The README's procedure for adding an article, walked end to end with `make` on a temporary
copy of the data, with an article written for the purpose (tests/fixtures/ledger-article.txt,
not one of the collection's): add, fill the curator's cells, draft, review, accept, validate,
build; the new outlet must reach the figures and the site."""

from __future__ import annotations

import os
import shutil
import subprocess

import pandas as pd

from boots.curate.add_article import propose_body
from boots.curate.draft import draft_path
from boots.util import config
from tests.conftest import CURATOR_VALUES, fill_curator_cells
from tests.test_curate import ARTICLE


def make(*args: str) -> subprocess.CompletedProcess:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"BOOTS_DATA", "BOOTS_FIGURES", "MAKEFLAGS", "MFLAGS", "MAKELEVEL"}
    }
    result = subprocess.run(
        ["make", *args], cwd=config.ROOT, env=env, capture_output=True, text=True, timeout=900
    )
    assert "Traceback" not in result.stdout + result.stderr, result.stdout + result.stderr
    return result


def test_adding_an_article_as_the_readme_says(tmp_path):
    name = f"e2e-{os.getpid()}"
    data = tmp_path / name
    shutil.copytree(config.DEFAULT_DATA_DIR, data)
    article_id = f"ledger-{os.getpid()}"
    outputs = config.ROOT / "build" / name
    draft_file = draft_path(article_id)
    try:
        # 1. add the text: copied, hashed, its row appended with the curator's cells marked
        added = make("add-article", f"FILE={ARTICLE}", f"DATA={data}", f"ID={article_id}")
        assert added.returncode == 0, added.stderr
        assert "marked TO FILL" in added.stdout
        listed = make("validate", f"DATA={data}")
        assert listed.returncode != 0 and "column 'outlet': got 'TO FILL'" in listed.stdout
        assert "Read CODEBOOK.md, section 'articles.csv'" in listed.stdout
        lede = propose_body(ARTICLE.read_text(encoding="utf-8")).lede
        fill_curator_cells(data, article_id, {**CURATOR_VALUES, "lede": lede})

        # 2. draft its mentions, review the draft, accept it
        drafted = make("draft", f"ARTICLE={article_id}", f"DATA={data}")
        assert drafted.returncode == 0, drafted.stderr
        frame = pd.read_csv(draft_file, dtype=str, keep_default_na=False)
        proposed = frame[frame.proposal == "mention"]
        assert set(proposed.speaker_id) == {"macron", "stoltenberg", "peskov", "scholz", "tusk"}
        assert (proposed.accept == "yes").all()
        # The review: an anonymous diplomat's words are not a statement (codebook, not_a_statement).
        unnamed = frame.proposal == "no_speaker"
        assert unnamed.sum() == 1 and frame[unnamed].speaker_id.iloc[0] == ""
        frame.loc[unnamed, ["proposal", "accept"]] = ["not_a_statement", "yes"]
        frame.to_csv(draft_file, index=False)
        accepted = make("accept-draft", f"ARTICLE={article_id}", f"DATA={data}")
        assert accepted.returncode == 0, accepted.stderr
        assert f"appended {len(proposed)} mentions" in accepted.stdout

        # 3. validate, then build from the folder
        valid = make("validate", f"DATA={data}")
        assert valid.returncode == 0, valid.stdout + valid.stderr
        assert ": valid;" in valid.stdout
        built = make(f"DATA={data}")
        assert built.returncode == 0, built.stdout + built.stderr
        outlet = CURATOR_VALUES["outlet"]
        for figure in ("03-verbs.csv", "03-lexicon.csv", "02-relay.csv"):
            assert outlet in (outputs / "figures" / figure).read_text(encoding="utf-8"), figure
        pages = [p for p in (outputs / "site").rglob("*.html")]
        assert pages and any(outlet in p.read_text(encoding="utf-8") for p in pages)
    finally:
        shutil.rmtree(outputs, ignore_errors=True)
        draft_file.unlink(missing_ok=True)
