"""The 'view could not be computed' notice speaks the page's language (issue 13 point 3)."""

from __future__ import annotations

from typing import Any

from callbacks.pages import failure


def _text(component: Any) -> str:
    children = getattr(component, "children", component)
    if isinstance(children, list | tuple):
        return "".join(_text(child) for child in children)
    return children if isinstance(children, str) else _text(children) if children else ""


def test_failure_notice_in_french_and_english() -> None:
    french = _text(failure(RuntimeError("boom"), "?lang=fr"))
    english = _text(failure(RuntimeError("boom"), "?lang=en"))
    assert "pas pu être calculée" in french and "could not" not in french
    assert "could not be computed" in english
    assert "boom" not in french + english  # details go to the log only
