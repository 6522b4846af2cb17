"""Leading group (组长/副组长/成员) and its office (办公室主任/成员) from the organisation text."""

from __future__ import annotations

import re

from .model import LeadingGroup, Office
from .script import zh_pattern
from .sentences import split_top_level

_POSTS = (
    "副局长|局长|副书记|书记|副主任|主任|副科长|科长|副站长|站长|副队长|队长|副所长|所长|副部长|部长|"
    "副主席|主席|副县长|县长|副镇长|镇长|副乡长|乡长|副处长|处长|副厅长|厅长|副院长|院长|馆长|组长|"
    "调研员|主任科员|委员|负责人|总工程师|总经济师|总会计师|主任医师"
)
_POST_PREFIX = zh_pattern(rf"^(.{{0,10}}?(?:{_POSTS}))(.{{2,3}})$")
_POST_ONLY = zh_pattern(rf"^.{{0,10}}(?:{_POSTS})$")
_BRACKETED = re.compile(r"^(.+?)\s*[（(]([^）)]*)[）)]$")
_HONORIFIC = zh_pattern(r"(?:等同志|同志|等)$")
_NAME_SEPARATORS = "、，,；;"

_ROLE = zh_pattern(
    r"^(?:领导小组)?(?:(?P<deputy>(?:常务|执行)?副\s*组\s*长)|(?P<leader>组\s*长)|(?P<member>成\s*员))"
    r"\s*(?:[：:]|\s)\s*(?P<value>\S.*)$"
)
_OFFICE_ROLE = zh_pattern(
    r"^(?:办公室)?(?:(?P<deputy>副\s*主\s*任)|(?P<director>主\s*任)|(?P<member>成\s*员|工作人员))"
    r"\s*[：:]\s*(?P<value>\S.*)$"
)
# Clauses such as "组长：张三，副组长：李四" are cut before each role word.
_CLAUSE_BREAK = zh_pattern(
    r"[；;。]|[，,]\s*(?=(?:(?:常务)?副\s*)?组\s*长\s*[：:]|成\s*员\s*[：:]|(?:领导小组)?办公室|(?:副)?主任[：:由])"
)
# The group's office, not any 办公室 (县委办公室 may be the unit running the campaign).
_OFFICE_MENTION = zh_pattern(r"下设办公室|领导小组办公室|^办公室|办公室(?:主任|副主任|成员|设在|工作人员)")

_OFFICE_PATTERNS = (
    ("location", zh_pattern(r"办公室设在(?P<names>[^，,；;。]+?)(?:内)?$")),
    ("deputy", zh_pattern(r"^(?P<names>.+?)(?P<verb>兼任|担任|任|兼)(?:领导小组)?(?:办公室)?副主任")),
    ("deputy", zh_pattern(r"副主任由(?P<names>.+?)(?P<verb>兼任|担任|兼)?$")),
    ("deputy", zh_pattern(r"副主任[：:为是](?P<names>.+)$")),
    ("director", zh_pattern(r"^(?P<names>.+?)(?P<verb>兼任|担任|任|兼)(?:领导小组)?(?:办公室)?主任")),
    ("director", zh_pattern(r"主任由(?P<names>.+?)(?P<verb>兼任|担任|兼)?$")),
    ("director", zh_pattern(r"主任[：:为是](?P<names>.+)$")),
    ("member", zh_pattern(r"^(?P<names>.+?)为(?:办公室)?(?:工作人员|成员)")),
    ("member", zh_pattern(r"(?:成员|工作人员)由(?P<names>.+?)(?:组成|担任)")),
    ("member", zh_pattern(r"(?:成员|工作人员)[：:为是](?P<names>.+)$")),
)
_CLAUSE_LEAD = zh_pattern(r"^(?:并由|并|由|其中|领导小组下设办公室|下设办公室)")
_CONCURRENT = zh_pattern(r"兼")
_NAMES_ONLY = re.compile(r"^[\u4e00-\u9fff]{2,4}(?:[、\s]+[\u4e00-\u9fff]{2,4})*$")


def split_names(value: str) -> list[tuple[str, str]]:
    """'张三（局长）、李四' → [('张三', '局长'), ('李四', '')]."""
    value = value.strip(" 。；，、：,;:")
    spaced = not any(sep in value for sep in _NAME_SEPARATORS)
    if not spaced:
        tokens = [re.sub(r"\s+", "", t) for t in split_top_level(value, _NAME_SEPARATORS)]
    else:
        tokens = value.split()
    people: list[tuple[str, str]] = []
    pending_post = ""
    for token in tokens:
        name, post = _name_and_post(_HONORIFIC.sub("", token))
        if not name:
            continue
        if spaced and _POST_ONLY.match(name) and not post and len(tokens) > 1:
            # "局长 张三": a post written as its own token belongs to the next name.
            pending_post = name
            continue
        people.append((name, post or pending_post))
        pending_post = ""
    return people


def _name_and_post(token: str) -> tuple[str, str]:
    token = token.strip()
    bracketed = _BRACKETED.match(token)
    if bracketed:
        return bracketed.group(1).strip(), bracketed.group(2).strip()
    prefixed = _POST_PREFIX.match(token)
    if prefixed and len(token) >= 4:
        return prefixed.group(2), prefixed.group(1)
    return token, ""


def clauses(line: str) -> list[str]:
    merged: list[str] = []
    for part in (p.strip(" ，,") for p in _CLAUSE_BREAK.split(line)):
        if not part:
            continue
        if merged and _NAMES_ONLY.match(part) and (_ROLE.match(merged[-1]) or _OFFICE_ROLE.match(merged[-1])):
            # "副组长：汪洋；邹平；柳青" uses semicolons between names.
            merged[-1] += "、" + part
        else:
            merged.append(part)
    return merged


def parse_people(lines: list[str]) -> tuple[LeadingGroup, Office]:
    """Read the group and office from the lines of the organisation text, in order."""
    group, office = LeadingGroup(), Office()
    in_office = False
    for line in lines:
        line_clauses = clauses(line)
        if line_clauses and not (_OFFICE_ROLE.match(line_clauses[0]) or _OFFICE_MENTION.search(line)):
            # The office paragraph ended; later "为成员" prose is not about the office.
            in_office = False
        for clause in line_clauses:
            role = _ROLE.match(clause)
            # After the office is introduced, a bare "成员：" line lists the office's members.
            if role and not (in_office and role.group("member")):
                _add_group_role(role, group)
            elif in_office or _OFFICE_MENTION.search(clause):
                in_office = _read_office_sentence(clause, office, group) or in_office
    return group, office


def _read_office_sentence(sentence: str, office: Office, group: LeadingGroup) -> bool:
    if _OFFICE_ROLE.match(sentence):
        return _read_office_clause(sentence, office, group) is not None
    found = False
    last_kind: str | None = None
    for piece in split_top_level(sentence, "，,"):
        kind = _read_office_clause(piece, office, group)
        if kind is None and last_kind == "member" and _NAMES_ONLY.match(piece):
            # "成员为吴军，郑丽": a comma inside the member list.
            _apply_office("member", piece, piece, office, group)
            kind = "member"
        found = found or kind is not None or bool(_OFFICE_MENTION.search(piece))
        last_kind = kind
    return found


def _add_group_role(role: re.Match[str], group: LeadingGroup) -> None:
    people = split_names(role.group("value"))
    target = group.deputy_leaders if role.group("deputy") else group.leader if role.group("leader") else group.members
    for name, post in people:
        if name not in target:
            target.append(name)
        if post:
            group.titles[name] = post


def _read_office_clause(clause: str, office: Office, group: LeadingGroup) -> str | None:
    """Apply one clause to the office; return which part it described, if any."""
    role = _OFFICE_ROLE.match(clause)
    if role:
        kind = next(k for k in ("deputy", "director", "member") if role.group(k))
        _apply_office(kind, role.group("value"), clause, office, group)
        return kind
    clause = _CLAUSE_LEAD.sub("", clause).strip(" ，,")
    for kind, pattern in _OFFICE_PATTERNS:
        match = pattern.search(clause)
        if match:
            _apply_office(kind, match.group("names"), match.group(0), office, group)
            return kind
    return None


def _apply_office(kind: str, value: str, clause: str, office: Office, group: LeadingGroup) -> None:
    if kind == "location":
        office.location = value.strip()
        return
    people = split_names(value)
    for name, post in people:
        if post and not _CONCURRENT.fullmatch(post):
            group.titles.setdefault(name, post)
    names = [name for name, _ in people]
    if kind == "director" and names:
        office.director = names[0]
        office.director_concurrent = bool(_CONCURRENT.search(clause))
    elif kind == "deputy":
        office.deputy_directors.extend(n for n in names if n not in office.deputy_directors)
    elif kind == "member":
        office.members.extend(n for n in names if n not in office.members)
