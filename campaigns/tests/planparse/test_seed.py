"""The real seed plan (Traditional script) read as written, and converted to either script."""

from __future__ import annotations

import pytest

from campaigns.planparse import ParsedPlan, detect_script, parse_plan, read_plan_bytes

from .corpus_cases import SEED


@pytest.fixture(scope="module")
def seed_text() -> str:
    return read_plan_bytes(SEED.read_bytes(), SEED.name)


@pytest.fixture(scope="module")
def hans(seed_text: str) -> ParsedPlan:
    return parse_plan(seed_text, script="hans")


@pytest.fixture(scope="module")
def hant(seed_text: str) -> ParsedPlan:
    return parse_plan(seed_text, script="hant")


def test_seed_is_detected_as_traditional(seed_text: str) -> None:
    assert detect_script(seed_text) == "hant"
    assert parse_plan(seed_text).script == "hant"


def test_six_pillars_in_order(hans: ParsedPlan) -> None:
    assert [p.type for p in hans.pillars] == ["learning", "service", "efficiency", "thrift", "integrity", "harmony"]
    assert [p.name for p in hans.pillars] == [
        "学习型机关",
        "服务型机关",
        "效率型机关",
        "节约型机关",
        "廉政型机关",
        "和谐型机关",
    ]
    assert [p.slogan for p in hans.pillars] == [
        "大兴学习调研之风",
        "大兴为民办事之风",
        "大兴求真务实之风",
        "大兴勤俭节约之风",
        "大兴透明廉政之风",
        "大兴团结协作之风",
    ]


def test_measures_in_simplified(hans: ParsedPlan) -> None:
    assert [len(p.measures) for p in hans.pillars] == [2, 4, 3, 6, 4, 5]
    thrift = hans.pillars[3]
    assert thrift.measures[3] == "禁止同城接待"
    assert thrift.measures[2] == "公务接待原则上不陪餐，中餐不上酒，推行自助餐或在单位食堂就餐"
    assert "努力建设节约型机关" in thrift.measures[-1]
    assert hans.pillars[1].measures[-1] == "深入开展机关“四好科室（站所）”创建活动"


def test_lead_sentence_is_not_a_measure(hans: ParsedPlan) -> None:
    for pillar in hans.pillars:
        assert not any(measure.startswith(pillar.slogan) for measure in pillar.measures)


def test_leading_group_in_simplified(hans: ParsedPlan) -> None:
    group = hans.leading_group
    assert group.leader == ["卢纪清"]
    assert group.deputy_leaders == ["赵联强", "杨智", "叶建国", "卓大巨"]
    assert group.members == ["陈霜", "严建明", "施立标", "吴应清", "刘文胜"]


def test_office_in_simplified(hans: ParsedPlan) -> None:
    assert hans.office.director == "陈霜"
    assert hans.office.director_concurrent is True
    assert hans.office.members == ["连淑颖", "梁舒"]


def test_requirements_and_checks_in_simplified(hans: ParsedPlan) -> None:
    assert [r.title for r in hans.requirement_items] == [
        "统一思想，提高认识",
        "加强领导，广泛发动",
        "明确目标，精心组织",
        "落实措施，强化机制",
    ]
    assert hans.checks == ["思想认识到位", "领导组织到位", "各项保障到位"]


def test_title_and_script_in_simplified(hans: ParsedPlan) -> None:
    assert hans.title == "创六型机关方案"
    assert hans.script == "hans"
    assert [s.kind for s in hans.sections] == ["guiding", "goals", "organisation", "content", "requirements"]


def test_traditional_keeps_traditional(hant: ParsedPlan) -> None:
    assert hant.script == "hant"
    assert hant.title == "創六型機關方案"
    assert hant.leading_group.leader == ["盧紀清"]
    assert hant.leading_group.deputy_leaders == ["趙聯強", "楊智", "葉建國", "卓大巨"]
    assert hant.office.members == ["連淑穎", "梁舒"]
    assert hant.pillars[0].name == "學習型機關"
    assert hant.pillars[0].slogan == "大興學習調研之風"
    assert hant.checks == ["思想認識到位", "領導組織到位", "各項保障到位"]


def test_metadata_lines_are_kept_not_dropped(hans: ParsedPlan) -> None:
    assert len(hans.unrecognised) == 2
    assert hans.unrecognised[0].startswith("时间：2022-08-27")
    assert hans.preamble.startswith("为了改进机关作风")


def test_to_dict_shape(hans: ParsedPlan) -> None:
    data = hans.to_dict()
    assert {
        "title",
        "preamble",
        "sections",
        "pillars",
        "leading_group",
        "office",
        "requirements",
        "checks",
        "unrecognised",
        "script",
    } <= set(data)
    assert set(data["sections"][0]) >= {"heading", "kind", "text"}
    assert set(data["pillars"][0]) >= {"type", "name", "slogan", "text", "measures"}
    assert set(data["leading_group"]) >= {"leader", "deputy_leaders", "members"}
    assert set(data["office"]) >= {"director", "director_concurrent", "members"}
    assert all(isinstance(text, str) for text in data["requirements"])
    assert data["requirements"][0].startswith("统一思想，提高认识。开展创建六型机关活动")


def test_from_dict_round_trips_an_edited_tree(hans: ParsedPlan) -> None:
    data = hans.to_dict()
    data["pillars"][0]["measures"].append("每月集中学习一次")
    data["office"]["director"] = "梁舒"
    edited = ParsedPlan.from_dict(data)
    assert edited.pillars[0].measures[-1] == "每月集中学习一次"
    assert edited.office.director == "梁舒"
    assert ParsedPlan.from_dict(edited.to_dict()) == edited


def test_from_dict_accepts_plain_requirements() -> None:
    plan = ParsedPlan.from_dict({"title": "方案", "requirements": ["统一思想，提高认识。各科室要充分重视。"]})
    assert plan.requirement_items[0].title == "统一思想，提高认识"
    assert plan.requirements == ["统一思想，提高认识。各科室要充分重视。"]
