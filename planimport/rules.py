"""Pure checks on a parsed (and reviewed) plan: data in, findings out, no database."""

from __future__ import annotations

import re
from datetime import date

from django.utils.translation import gettext as _

from campaigns.planparse import ParsedPlan
from campaigns.planparse.script import to_simplified

TITLE_MAX = 200
PILLAR_NAME_MAX = 100
SLOGAN_MAX = 200
PERSON_NAME_MAX = 50
MEASURE_TITLE_MAX = 500

# The Pillar.Type values the campaign knows; any other parsed type is saved as "other" with its name kept.
SIX_TYPES = ("learning", "service", "efficiency", "thrift", "integrity", "harmony")

_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_DATE_YEAR = re.compile(r"((?:19|20)\d{2})\s*年\s*\d{1,2}\s*月")
_NAME_SEPARATORS = re.compile(r"[、，,；;\s]+")
_NAME_OK = re.compile(r"^[\u3400-\u9fff\uf900-\ufaff·A-Za-z]{2,}$")


def split_names(value: str) -> list[str]:
    """'张三、李四，王五' → ['张三', '李四', '王五'] (duplicates dropped, order kept)."""
    names: list[str] = []
    for name in _NAME_SEPARATORS.split(value or ""):
        name = name.strip()
        if name and name not in names:
            names.append(name)
    return names


def join_names(names: list[str]) -> str:
    return "、".join(names)


def year_guess(plan: ParsedPlan, today: date | None = None) -> int:
    """The campaign year written in the title (2026年…), else the year of the closing date line, else this year."""
    match = _YEAR.search(plan.title or "")
    if match:
        return int(match.group(1))
    for line in reversed(plan.unrecognised):
        match = _DATE_YEAR.search(line)
        if match:
            return int(match.group(1))
    return (today or date.today()).year


def plan_people(plan: ParsedPlan) -> list[str]:
    """Every name in the group and office, in the order of the plan, each once."""
    group, office = plan.leading_group, plan.office
    names = [*group.leader, *group.deputy_leaders, *group.members]
    names += [office.director] if office.director else []
    names += [*office.deputy_directors, *office.members]
    return list(dict.fromkeys(names))


def plan_problems(plan: ParsedPlan) -> list[str]:
    """What stops a reviewed plan from being saved, as messages for the reviewer."""
    problems = []
    if not plan.title.strip():
        problems.append(_("The plan needs a title."))
    elif len(plan.title) > TITLE_MAX:
        problems.append(_("The title is longer than %(max)d characters.") % {"max": TITLE_MAX})
    if not plan.pillars:
        problems.append(_("The plan has no pillars: add at least one before saving."))
    seen = set()
    for pillar in plan.pillars:
        if not pillar.name.strip():
            problems.append(_("Every pillar needs a name."))
        elif len(pillar.name) > PILLAR_NAME_MAX:
            problems.append(_("The pillar name “%(name)s” is too long.") % {"name": pillar.name[:20]})
        elif pillar.name in seen:
            problems.append(_("Two pillars are called “%(name)s”.") % {"name": pillar.name})
        seen.add(pillar.name)
        if len(pillar.slogan) > SLOGAN_MAX:
            problems.append(_("The slogan of “%(name)s” is too long.") % {"name": pillar.name})
    for name in plan_people(plan):
        if len(name) > PERSON_NAME_MAX or not _NAME_OK.match(name):
            problems.append(_("“%(name)s” does not look like a person's name.") % {"name": name[:30]})
    return problems


def requirement_title(text: str) -> str:
    """The lead clause of a requirement: '统一思想，提高认识。…' → '统一思想，提高认识'."""
    return re.split("[。：:]", text, maxsplit=1)[0][:200]


# 思想认识到位 / 领导组织到位 / 各项保障到位 → CampaignCheck.Kind values.
_CHECK_KINDS = (("understanding", ("思想", "认识")), ("leadership", ("领导", "组织")), ("resources", ("保障", "经费")))


def check_kind(text: str) -> str | None:
    """The three-in-place check a phrase names, or None for a check the campaign has no place for."""
    simplified = to_simplified(text)
    for kind, words in _CHECK_KINDS:
        if any(word in simplified for word in words):
            return kind
    return None
