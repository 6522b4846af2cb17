"""Dataclasses for a parsed plan and their JSON (dict) round trip."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields
from typing import Any, TypeVar

SECTION_KINDS = ("guiding", "goals", "organisation", "content", "requirements", "other")

T = TypeVar("T")


@dataclass
class Section:
    heading: str
    kind: str = "other"
    text: str = ""


@dataclass
class Pillar:
    type: str | None
    name: str
    slogan: str = ""
    text: str = ""
    measures: list[str] = field(default_factory=list)


@dataclass
class LeadingGroup:
    leader: list[str] = field(default_factory=list)
    deputy_leaders: list[str] = field(default_factory=list)
    members: list[str] = field(default_factory=list)
    titles: dict[str, str] = field(default_factory=dict)  # name → post written in brackets or before it

    def is_empty(self) -> bool:
        return not (self.leader or self.deputy_leaders or self.members)


@dataclass
class Office:
    director: str | None = None
    director_concurrent: bool = False
    members: list[str] = field(default_factory=list)
    deputy_directors: list[str] = field(default_factory=list)
    location: str = ""  # the unit that hosts the office (办公室设在……)


@dataclass
class Requirement:
    title: str  # the lead clause, e.g. 统一思想，提高认识
    text: str = ""  # the whole item, title included


@dataclass
class ParsedPlan:
    title: str
    script: str
    preamble: str = ""
    sections: list[Section] = field(default_factory=list)
    pillars: list[Pillar] = field(default_factory=list)
    leading_group: LeadingGroup = field(default_factory=LeadingGroup)
    office: Office = field(default_factory=Office)
    requirement_items: list[Requirement] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)
    unrecognised: list[str] = field(default_factory=list)

    @property
    def requirements(self) -> list[str]:
        return [item.text or item.title for item in self.requirement_items]

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["requirements"] = self.requirements
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ParsedPlan:
        items = data.get("requirement_items")
        if items is None:
            items = [_requirement_from_text(text) for text in data.get("requirements", [])]
        return cls(
            title=data.get("title", ""),
            script=data.get("script", "hans"),
            preamble=data.get("preamble", ""),
            sections=[_build(Section, s) for s in data.get("sections", [])],
            pillars=[_build(Pillar, p) for p in data.get("pillars", [])],
            leading_group=_build(LeadingGroup, data.get("leading_group") or {}),
            office=_build(Office, data.get("office") or {}),
            requirement_items=[_build(Requirement, r) for r in items],
            checks=list(data.get("checks", [])),
            unrecognised=list(data.get("unrecognised", [])),
        )

    def map_text(self, convert: Callable[[str], str]) -> ParsedPlan:
        """Return a copy with ``convert`` applied to every string (e.g. script conversion)."""
        return ParsedPlan.from_dict(_map_strings(self.to_dict(), convert))


def _build(cls: type[T], data: dict[str, Any]) -> T:
    known = {f.name for f in fields(cls)}  # type: ignore[arg-type]
    return cls(**{key: value for key, value in data.items() if key in known})


def _requirement_from_text(text: str) -> dict[str, str]:
    return {"title": re.split("[。：]", text, maxsplit=1)[0], "text": text}


def _map_strings(value: Any, convert: Callable[[str], str]) -> Any:
    if isinstance(value, str):
        return convert(value)
    if isinstance(value, list):
        return [_map_strings(item, convert) for item in value]
    if isinstance(value, dict):
        # Field names are ASCII; only the Chinese keys (names in ``titles``) are text.
        return {key if key.isascii() else convert(key): _map_strings(item, convert) for key, item in value.items()}
    return value
