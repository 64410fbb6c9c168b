"""The example notebook runs from start to end in a fresh kernel and displays SVG."""

from __future__ import annotations

import nbformat
from nbclient import NotebookClient

import argmap
from tests.conftest import HANOI, ROOT

NOTEBOOK = ROOT / "examples" / "hanoi_2019.ipynb"


def test_notebook_is_committed_without_outputs() -> None:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(notebook)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code and all(not cell.outputs and cell.execution_count is None for cell in code)


def test_notebook_runs_and_displays_svg() -> None:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    # Any cell error raises CellExecutionError, which fails the test with the cell's traceback.
    NotebookClient(
        notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}
    ).execute()
    outputs = [
        output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs
    ]
    assert not [output for output in outputs if output.output_type == "error"]
    svgs = [output for output in outputs if "image/svg+xml" in output.get("data", {})]
    assert len(svgs) == 2  # the map itself and the speaker view
    assert all(output.data["image/svg+xml"].lstrip().startswith("<") for output in svgs)
    printed = "".join(
        output.get("text", "") for output in outputs if output.output_type == "stream"
    )
    m = argmap.load(HANOI)
    assert f"{len(m.speakers)} speakers, {len(m.claims)} claims" in printed
    assert " supports " in printed
