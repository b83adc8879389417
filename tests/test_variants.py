"""Valid folders derived from data/ build, and say nothing false (issue #20).

Each variant of ``boots.pipeline.variants`` is built as ``make DATA=`` builds it: exit 0, every
notebook page published, and every typed paragraph's check evaluated, the paragraph shown
exactly where its predicate holds on the variant (``tests.helpers.assert_only_true_paragraphs``).
``make test`` builds two derived folders, one shrunk and one grown: the single-article variant
here, and the stranger's folder of ``test_end_to_end.py`` (twelve outlets, a new article), whose
one build the same check reads. ``make test-variants`` (``BOOTS_TEST_VARIANTS=all``, also run
by ``.ci/run``) builds every variant.
"""

from __future__ import annotations

import os

import pytest

from boots.data import validate
from boots.pipeline import build, variants
from tests.helpers import assert_only_true_paragraphs

pytestmark = pytest.mark.build  # each variant executes every notebook: `make check` leaves it out

QUICK = ["only-mind"]  # the folder that once crashed two notebooks: one article, one outlet
CHOSEN = list(variants.VARIANTS) if os.environ.get("BOOTS_TEST_VARIANTS") == "all" else QUICK


@pytest.mark.parametrize("name", CHOSEN)
def test_variant_builds_and_shows_only_true_paragraphs(name, tmp_path):
    folder = variants.derive(name, tmp_path / name)
    assert validate.validate(folder).problems == []
    layout = build.Layout.in_folder(tmp_path / "out", folder)
    assert build.build(layout, jobs=1, log=lambda m: None) == 0
    assert_only_true_paragraphs(folder, layout.notebooks_dir, layout.site_dir)
