"""The Python examples of the READMEs run as written."""

import pathlib
import re

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[3]
READMES = [ROOT / "bindings" / "python" / "README.md", ROOT / "README.md"]


def _python_blocks(path):
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    return re.findall(r"```python\n(.*?)```", text, flags=re.S)


def test_the_package_readme_has_an_example():
    assert _python_blocks(READMES[0])


@pytest.mark.parametrize(
    "code", [b for path in READMES for b in _python_blocks(path)], ids=lambda c: c.split("\n")[1]
)
def test_readme_example_runs(code, capsys):
    exec(compile(code, "README", "exec"), {})
    assert capsys.readouterr().out
