"""The example notebook runs from start to end in a fresh kernel, and what it shows on GitHub
(its saved outputs) is what it shows when run today."""

from __future__ import annotations

from typing import Any

import nbformat
import pytest
from nbclient import NotebookClient

import argmap
from tests.conftest import HANOI, ROOT

NOTEBOOK = ROOT / "examples" / "hanoi_2019.ipynb"
REGENERATE = "regenerate it with `jupyter-execute --inplace examples/hanoi_2019.ipynb`"


def shown(notebook: Any) -> list[list[tuple[str, str]]]:
    """Per code cell, what it printed and displayed: (kind, text) pairs."""
    cells = []
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        out = []
        for output in cell.outputs:
            if output.output_type == "stream":
                out.append((output.name, output.text))
            elif output.output_type == "error":
                out.append(("error", output.ename))
            else:
                data = output.get("data", {})
                kind = "image/svg+xml" if "image/svg+xml" in data else "text/plain"
                out.append((kind, data.get(kind, "")))
        cells.append(out)
    return cells


@pytest.fixture(scope="module")
def executed() -> Any:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    # Any cell error raises CellExecutionError, which fails the test with the cell's traceback.
    NotebookClient(
        notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}
    ).execute()
    return notebook


def test_notebook_runs_and_displays_the_map_and_its_analysis(executed: Any) -> None:
    cells = shown(executed)
    assert not [kind for cell in cells for kind, _ in cell if kind == "error"]
    svgs = [text for cell in cells for kind, text in cell if kind == "image/svg+xml"]
    assert len(svgs) == 2  # the map itself and the speaker view
    assert all(svg.lstrip().startswith("<") for svg in svgs)
    printed = "".join(text for cell in cells for kind, text in cell if kind == "stdout")
    m = argmap.load(HANOI)
    assert f"{len(m.speakers)} speakers, {len(m.claims)} claims" in printed
    assert " supports " in printed
    assert "camp: Konstantin Asmolov, Andrei Lankov, Igor Sagitov" in printed
    assert "inferred relations left out" in printed


def test_saved_outputs_are_what_the_notebook_shows_today(executed: Any) -> None:
    saved = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(saved)
    assert all(cell for cell in shown(saved)), f"a cell has no saved output: {REGENERATE}"
    assert shown(saved) == shown(executed), f"the saved outputs are stale: {REGENERATE}"
