"""Pillars (X型机关) of the content section: type, name, slogan and candidate measures."""

from __future__ import annotations

from .model import Pillar
from .outline import strip_marker
from .script import to_simplified, zh_pattern
from .sentences import lead_and_rest, sentences, split_top_level

PILLAR_TYPES = {
    "学习": "learning",
    "服务": "service",
    "效率": "efficiency",
    "效能": "efficiency",
    "节约": "thrift",
    "节俭": "thrift",
    "廉政": "integrity",
    "廉洁": "integrity",
    "清廉": "integrity",
    "和谐": "harmony",
    "团结": "harmony",
    "创新": "innovation",
    "法治": "rule_of_law",
    "实干": "action",
    "担当": "responsibility",
}
_NAME = zh_pattern(r"([\u4e00-\u9fff]{2})型(?:机关|单位|部门|科室|政府|站所)")
_TRAILING_VERB = zh_pattern(r"(?:努力|着力|全力|积极|全面|切实)?(?:建设|创建|争创|打造|构建|争做|创|建)?$")
_CLAUSE_SEPARATORS = "，,—"


def pillar_type(name: str) -> str | None:
    match = _NAME.search(name)
    return PILLAR_TYPES.get(to_simplified(match.group(1))) if match else None


def parse_pillar(item_text: str) -> Pillar | None:
    """A content item whose lead sentence names an X型机关, or None."""
    text = strip_marker(item_text.strip())
    lead, rest = lead_and_rest(text)
    match = _NAME.search(lead)
    if not match:
        return None
    name = match.group(0)
    return Pillar(
        type=pillar_type(name),
        name=name,
        slogan=_slogan(lead, name),
        text=text,
        measures=measures(rest),
    )


def _slogan(lead: str, name: str) -> str:
    clauses = split_top_level(lead, _CLAUSE_SEPARATORS)
    others = [c for c in clauses if name not in c]
    if others:
        return "，".join(others)
    # "大兴学习之风建设学习型机关" has no comma: the slogan is what precedes the verb.
    before = lead[: lead.find(name)]
    return _TRAILING_VERB.sub("", before, count=1).strip(" ，,")


def measures(text: str) -> list[str]:
    """Candidate measures: sentences of ``text``, numbering markers dropped."""
    found = []
    for sentence in sentences(text):
        measure = strip_marker(sentence).strip()
        if measure:
            found.append(measure)
    return found
