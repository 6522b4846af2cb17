"""Small building blocks: numbering, sentence splitting, names, script, checks."""

from __future__ import annotations

import pytest

from campaigns.planparse import PILLAR_TYPES, detect_script, parse_plan
from campaigns.planparse.outline import chinese_number, read_marker, strip_marker
from campaigns.planparse.people import parse_people, split_names
from campaigns.planparse.pillars import parse_pillar, pillar_type
from campaigns.planparse.sentences import sentences
from campaigns.planparse.structure import find_checks


@pytest.mark.parametrize(("numeral", "value"), [("一", 1), ("十", 10), ("十一", 11), ("二十", 20), ("二十三", 23)])
def test_chinese_numbers(numeral: str, value: int) -> None:
    assert chinese_number(numeral) == value


@pytest.mark.parametrize(
    ("line", "style", "expected"),
    [
        ("一、指导思想", "cn", (1, "指导思想")),
        ("十一.其他", "cn", (11, "其他")),
        ("（二）大兴", "paren_cn", (2, "大兴")),
        ("(三)大兴", "paren_cn", (3, "大兴")),
        ("第二部分 主要任务", "part", (2, "主要任务")),
        ("3、要严格考核", "arabic", (3, "要严格考核")),
        ("（1）加强", "paren_arabic", (1, "加强")),
        ("1.5倍", "arabic", None),
        ("一是加强学习", "cn", None),
    ],
)
def test_markers(line: str, style: str, expected: tuple[int, str] | None) -> None:
    assert read_marker(line, style) == expected


def test_strip_marker() -> None:
    assert strip_marker("2. 开展培训") == "开展培训"
    assert strip_marker("无编号") == "无编号"


def test_sentences_respect_quotes_and_brackets() -> None:
    text = '开展“学。习”活动；建立制度（规则：甲；乙。）！他说"不。行"？完'
    assert sentences(text) == ["开展“学。习”活动", "建立制度（规则：甲；乙。）", '他说"不。行"', "完"]


def test_sentences_drop_empty() -> None:
    assert sentences("。。甲。；；乙\n\n") == ["甲", "乙"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("张三、李四", [("张三", ""), ("李四", "")]),
        ("张三，李四,王五", [("张三", ""), ("李四", ""), ("王五", "")]),
        ("张三 李四  王五", [("张三", ""), ("李四", ""), ("王五", "")]),
        ("张三（局长）、李四(副局长)", [("张三", "局长"), ("李四", "副局长")]),
        ("王建华（局党组书记、局长）", [("王建华", "局党组书记、局长")]),
        ("局长 赵海", [("赵海", "局长")]),
        ("纪检组长刘文胜、各科室负责人", [("刘文胜", "纪检组长"), ("各科室负责人", "")]),
        ("吴军、郑丽同志", [("吴军", ""), ("郑丽", "")]),
    ],
)
def test_split_names(value: str, expected: list[tuple[str, str]]) -> None:
    assert split_names(value) == expected


@pytest.mark.parametrize(
    ("lines", "director", "concurrent", "members"),
    [
        (["领导小组下设办公室，陈霜兼任办公室主任，连淑颖、梁舒为成员。"], "陈霜", True, ["连淑颖", "梁舒"]),
        (["办公室主任由张三担任。", "办公室成员：李四、王五"], "张三", False, ["李四", "王五"]),
        (["办公室设在综合科，张三任主任。"], "张三", False, []),
        (["领导小组下设办公室，办公室主任：张三（兼）", "成员：李四"], "张三", True, ["李四"]),
        (
            ["领导小组办公室设在党政办，由党政办主任周敏同志兼任办公室主任，成员为吴军、郑丽同志。"],
            "周敏",
            True,
            ["吴军", "郑丽"],
        ),
    ],
)
def test_office_phrasings(lines: list[str], director: str, concurrent: bool, members: list[str]) -> None:
    _, office = parse_people(lines)
    assert (office.director, office.director_concurrent, office.members) == (director, concurrent, members)


def test_group_roles_with_spaces_and_semicolons() -> None:
    group, _ = parse_people(["组 长：甲乙", "副 组 长：丙丁；戊己", "成　员：庚辛 壬癸"])
    assert group.leader == ["甲乙"]
    assert group.deputy_leaders == ["丙丁", "戊己"]


def test_group_roles_inline() -> None:
    group, office = parse_people(
        ["成立领导小组，组长：张三，副组长：李四、王五；成员：赵六。领导小组办公室设在办公室，赵六兼任主任。"]
    )
    assert (group.leader, group.deputy_leaders, group.members) == (["张三"], ["李四", "王五"], ["赵六"])
    assert office.director == "赵六" and office.location == "办公室"


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("学习型机关", "learning"),
        ("廉政型机关", "integrity"),
        ("廉洁型机关", "integrity"),
        ("廉潔型機關", "integrity"),
        ("效能型机关", "efficiency"),
        ("创新型机关", "innovation"),
        ("法治型机关", "rule_of_law"),
        ("实干型机关", "action"),
        ("担当型机关", "responsibility"),
        ("团结型机关", "harmony"),
        ("阳光型机关", None),
    ],
)
def test_pillar_types(name: str, kind: str | None) -> None:
    assert pillar_type(name) == kind


def test_pillar_types_are_identifiers() -> None:
    assert all(value.isidentifier() and value.islower() for value in PILLAR_TYPES.values())


def test_pillar_with_name_first() -> None:
    pillar = parse_pillar("（一）建设学习型机关，大兴学习之风。每月学习一次。")
    assert pillar is not None
    assert (pillar.name, pillar.slogan, pillar.measures) == ("学习型机关", "大兴学习之风", ["每月学习一次"])


def test_item_without_x_type_is_not_a_pillar() -> None:
    assert parse_pillar("（七）开展评选表彰。年底评选先进。") is None
    assert parse_pillar("（一）树立典型，推广经验。") is None


def test_checks_variants() -> None:
    assert find_checks("要做到“三到位”：思想认识到位、领导组织到位、各项保障到位。") == [
        "思想认识到位",
        "领导组织到位",
        "各项保障到位",
    ]
    assert find_checks("确保三个到位，即认识到位") == []
    assert find_checks("没有要求") == []


def test_detect_script() -> None:
    assert detect_script("创建六型机关实施方案") == "hans"
    assert detect_script("創建六型機關實施方案") == "hant"


def test_simplified_plan_converted_to_traditional() -> None:
    plan = parse_plan(
        "创建六型机关方案\n一、组织领导\n组长：卢纪清\n二、创建内容\n（一）大兴学习之风，建设学习型机关。深入学习。",
        "hant",
    )
    assert plan.title == "創建六型機關方案"
    assert plan.leading_group.leader == ["盧紀清"]
    assert plan.pillars[0].name == "學習型機關" and plan.pillars[0].type == "learning"
    assert plan.script == "hant"


def test_numbering_tolerates_one_gap_but_keeps_stray_markers_as_text() -> None:
    plan = parse_plan("方案\n一、指导思想\n甲。\n三、工作目标\n乙。\n六、其他\n丙。")
    assert [s.heading for s in plan.sections] == ["指导思想", "工作目标"]
    assert "六、其他" in plan.sections[-1].text


def test_office_paragraph_ends_at_unrelated_line() -> None:
    lines = ["领导小组下设办公室，张三任主任。", "各科室负责人为成员，负责本科室创建工作。"]
    _, office = parse_people(lines)
    assert office.director == "张三" and office.members == []
