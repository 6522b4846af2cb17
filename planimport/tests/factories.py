"""Helpers for the plan import tests: the seed's bytes, and the review form's fields read from its HTML."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import campaigns

CORPUS = Path(campaigns.__file__).resolve().parent / "tests" / "planparse" / "corpus"
SEED = CORPUS / "000_seed_hant.txt"


class _FormReader(HTMLParser):
    """Collects what a browser would submit for one form: inputs, checked boxes, textareas, selected options."""

    def __init__(self, form_id):
        super().__init__()
        self.form_id, self.inside, self.in_template = form_id, False, 0
        self.data: dict[str, list[str]] = {}
        self._textarea = self._select = None
        self._select_value = None

    def _add(self, name, value):
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self.inside = True
        if not self.inside:
            return
        if tag == "template":
            self.in_template += 1
        if self.in_template:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self._add(name, attrs.get("value", "on"))
            elif kind not in ("submit", "button", "file"):
                self._add(name, attrs.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, ""
        elif tag == "select" and name:
            self._select, self._select_value = name, None
        elif (
            tag == "option"
            and self._select
            and (
                # The first option unless another is selected.
                self._select_value is None or ("selected" in attrs and not self._select_value[1])
            )
        ):
            self._select_value = (attrs.get("value", ""), "selected" in attrs)

    def handle_data(self, data):
        if self._textarea:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "template" and self.in_template:
            self.in_template -= 1
        elif tag == "textarea" and self._textarea:
            # A browser drops the one newline that follows <textarea>.
            self._add(self._textarea, self._text[1:] if self._text.startswith("\n") else self._text)
            self._textarea = None
        elif tag == "select" and self._select:
            self._add(self._select, self._select_value[0] if self._select_value else "")
            self._select = None
        elif tag == "form" and self.inside:
            self.inside = False


def form_data(html: str, form_id: str = "review-form") -> dict[str, list[str]]:
    reader = _FormReader(form_id)
    reader.feed(html)
    return reader.data
