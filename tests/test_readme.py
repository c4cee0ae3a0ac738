"""The README's Python examples run as they are written."""

import re
import subprocess
import sys
from pathlib import Path

README = Path(__file__).parent.parent / "README.md"
BLOCKS = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.DOTALL)


def test_the_readme_has_python_examples():
    assert BLOCKS


def test_the_readme_examples_run(tmp_path):
    for index, block in enumerate(BLOCKS):
        script = tmp_path / f"readme_{index}.py"
        script.write_text(block, encoding="utf-8")
        result = subprocess.run(
            [sys.executable, str(script)],
            capture_output=True,
            text=True,
            check=False,
            env={
                "PYTHONPATH": str(Path(__file__).parent.parent / "src"),
                "PYTHONIOENCODING": "utf-8",
            },
        )
        assert result.returncode == 0, result.stderr
