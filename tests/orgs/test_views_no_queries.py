"""Views never query models directly: every read goes through access.py and selectors (STYLE.md)."""

from pathlib import Path

import groundswell

ROOT = Path(groundswell.__file__).parent


def test_no_view_calls_model_objects():
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted(ROOT.glob("*/views*.py"))
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if ".objects." in line
    ]
    assert offenders == []
