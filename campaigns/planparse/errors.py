"""Errors raised when a plan cannot be read or understood."""

from __future__ import annotations

from typing import Any


class PlanError(ValueError):
    """Base error: ``msgid`` is the untranslated English text, ``params`` fill its %(name)s slots."""

    code = "invalid"

    def __init__(self, msgid: str, code: str | None = None, **params: Any) -> None:
        self.msgid = msgid
        self.params = params
        if code:
            self.code = code
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return self.msgid % self.params if self.params else self.msgid


class PlanReadError(PlanError):
    """The uploaded bytes or pasted text could not be turned into plan text."""


class PlanParseError(PlanError):
    """The text was read but has no recognisable plan structure."""
