"""Parse canonical plan text into a ParsedPlan: title, preamble, sections, pillars, people, requirements."""

from __future__ import annotations

from dataclasses import dataclass, field

from .errors import PlanParseError
from .model import ParsedPlan, Requirement, Section
from .normalise import normalise_text
from .outline import Item, pick_style, split_blocks, split_items
from .people import parse_people
from .pillars import parse_pillar
from .script import SCRIPTS, Script, convert, detect_script, to_simplified, zh_pattern
from .sentences import lead_and_rest

# Checked in order: "总体要求" is guiding, not requirements; "目标任务" is goals, not content.
_KIND_KEYWORDS = (
    ("guiding", ("指导思想", "总体要求", "指导原则", "总体思路")),
    ("goals", ("目标",)),
    ("organisation", ("组织领导", "组织机构", "领导机构", "领导小组", "机构设置")),
    (
        "content",
        (
            "创建内容",
            "主要内容",
            "工作措施",
            "主要措施",
            "工作重点",
            "活动内容",
            "主要任务",
            "工作任务",
            "重点任务",
            "创建重点",
            "具体措施",
            "创建措施",
            "实施内容",
        ),
    ),
    ("requirements", ("要求", "保障措施", "工作保障", "保障机制")),
)
_TITLE_WORDS = zh_pattern(r"方案|计划|意见|办法|安排|通知|规划|细则|要点|决定|实施|活动|机关")
_METADATA = zh_pattern(
    r"^(?:时间|日期|发布时间|发布日期|更新时间|来源|文章来源|信息来源|作者|导语|摘要|关键词|浏览次数|点击数|阅读数|"
    r"编辑|责任编辑|发布机构|发布者|索引号|分类|主题分类|发文机关|成文日期|文号|字号)\s*[：:]"
    r"|来源于网友|不代表本站|〔\d{4}〕\s*\d+\s*号$|[\[【]\d{4}[\]】]\s*\d+\s*号$"
)
_GROUP_HINT = zh_pattern(r"^(?:领导小组)?(?:副\s*)?组\s*长\s*[：:]")
_CHECKS = zh_pattern(r"([一二三四五六七八九十两]|\d)个?到位[”\"」』’]?\s*[：:]?")
_CHECK_PART = zh_pattern(r"^[^、，,；;。：:“”\s]{1,12}到位$")
_SHORT_LINE = 60
_DATE_LINE = zh_pattern(r"^\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?$")
_SENTENCE_MARKS = zh_pattern(r"[。；，：！？、]")
_SIGNATURE_LINES = 3


@dataclass
class _Outline:
    head: list[str]
    style: str | None
    sections: list[tuple[Section, list[str], list[Item]]] = field(default_factory=list)


def parse_plan(text: str, script: Script | None = None) -> ParsedPlan:
    """Understand a plan; ``script`` 'hans'/'hant' converts all output, None keeps the text as written."""
    if script is not None and script not in SCRIPTS:
        raise ValueError(f"script must be None, 'hans' or 'hant', not {script!r}")
    text = normalise_text(text)
    if script is not None:
        text = convert(text, script)
    lines = [line for line in text.split("\n") if line.strip()]
    lines, signature = split_signature(lines)
    outline = _outline(lines)
    title, preamble, unrecognised = _head(outline.head)
    if not outline.sections and not _TITLE_WORDS.search(title):
        raise PlanParseError(
            "No plan structure found: the text has neither a title nor numbered sections (一、二、三、…).",
            "no_structure",
        )
    plan = ParsedPlan(title=title, script=script or detect_script(text), preamble=preamble)
    plan.sections = [section for section, _, _ in outline.sections]
    plan.unrecognised = unrecognised + signature
    _fill_pillars(plan, outline)
    _fill_people(plan, outline, lines)
    _fill_requirements(plan, outline)
    plan.checks = find_checks(text)
    return plan


def split_signature(lines: list[str]) -> tuple[list[str], list[str]]:
    """Detach the closing issuer and date lines ("某某局 / 2023年2月20日") so they do not join the last item."""
    count = 0
    for line in reversed(lines[-_SIGNATURE_LINES:]):
        if not (_DATE_LINE.match(line) or (len(line) <= 25 and not _SENTENCE_MARKS.search(line))):
            break
        count += 1
    tail = lines[len(lines) - count :] if count else []
    if not any(_DATE_LINE.match(line) for line in tail):
        return lines, []
    return lines[: len(lines) - count], tail


def _outline(lines: list[str]) -> _Outline:
    style = pick_style(lines)
    if style is None:
        return _Outline(lines, None)
    head, blocks = split_blocks(lines, style)
    outline = _Outline(head, style)
    for block in blocks:
        heading, inline = _heading(block.first)
        body = [inline, *block.body] if inline else block.body
        section = Section(heading=heading, kind="other", text="\n".join(body))
        _, items = split_items(body, style)
        section.kind = section_kind(heading, body, items)
        outline.sections.append((section, body, items))
    return outline


def _heading(first: str) -> tuple[str, str]:
    """'指导思想。以……为指导' → ('指导思想', '以……为指导')."""
    lead, rest = lead_and_rest(first)
    if rest and len(lead) <= 20:
        return lead, rest
    return first.strip("。：: "), ""


def section_kind(heading: str, body: list[str], items: list[Item]) -> str:
    simplified = to_simplified(heading)
    for kind, keywords in _KIND_KEYWORDS:
        if any(keyword in simplified for keyword in keywords):
            return kind
    if any(_GROUP_HINT.match(line) for line in body):
        return "organisation"
    if any(parse_pillar(item.text) for item in items):
        return "content"
    return "other"


def _head(lines: list[str]) -> tuple[str, str, list[str]]:
    """Title, preamble and metadata lines of the text before the first section."""
    metadata = [line for line in lines if _METADATA.search(line)]
    rest = [line for line in lines if not _METADATA.search(line)]
    title = ""
    if rest and _is_title_line(rest[0]):
        title = rest.pop(0)
        if not _TITLE_WORDS.search(title) and rest and _is_title_line(rest[0]) and _TITLE_WORDS.search(rest[0]):
            # A two-line title: the issuing body, then "关于……的实施方案".
            title += rest.pop(0)
    preamble = [line for line in rest if line != title]
    return title, "\n".join(preamble), metadata


def _is_title_line(line: str) -> bool:
    return len(line) <= _SHORT_LINE and not line.endswith(("。", "；", "，", "：", ":", ";", ","))


def _fill_pillars(plan: ParsedPlan, outline: _Outline) -> None:
    content = [items for section, _, items in outline.sections if section.kind == "content"]
    for items in content:
        for item in items:
            pillar = parse_pillar(item.text)
            if pillar:
                plan.pillars.append(pillar)
            else:
                plan.unrecognised.append(item.text)


def _fill_people(plan: ParsedPlan, outline: _Outline, lines: list[str]) -> None:
    organisation = [line for section, body, _ in outline.sections if section.kind == "organisation" for line in body]
    group, office = parse_people(organisation)
    if group.is_empty() and office.director is None:
        group, office = parse_people(lines)
    plan.leading_group, plan.office = group, office


def _fill_requirements(plan: ParsedPlan, outline: _Outline) -> None:
    for section, body, items in outline.sections:
        if section.kind != "requirements":
            continue
        texts = [item.text for item in items] if items else body
        for text in texts:
            title, _ = lead_and_rest(text)
            plan.requirement_items.append(Requirement(title=title, text=text))


def find_checks(text: str) -> list[str]:
    """The parts of every "三到位"-style phrase, e.g. 思想认识到位、领导组织到位、各项保障到位."""
    found: list[str] = []
    for match in _CHECKS.finditer(text):
        for part in _check_parts(text[match.end() : match.end() + 120]):
            if part not in found:
                found.append(part)
    return found


def _check_parts(following: str) -> list[str]:
    parts = []
    for token in _split_check_tokens(following):
        if not _CHECK_PART.match(token):
            break
        parts.append(token)
    return parts


def _split_check_tokens(text: str) -> list[str]:
    tokens, current = [], ""
    for char in text:
        if char in "、，,；;。\n":
            tokens.append(current.strip())
            current = ""
            if char in "。\n":
                break
        else:
            current += char
    if current.strip():
        tokens.append(current.strip())
    return tokens
