"""Every corpus plan parses into its hand-written expectation, field by field."""

from __future__ import annotations

from typing import Any

import pytest

from campaigns.planparse import ParsedPlan, parse_plan, read_plan_bytes

from .corpus_cases import Case, cases

CASES = cases()


@pytest.fixture(scope="module")
def parsed() -> dict[str, ParsedPlan]:
    results = {}
    for case in CASES:
        data, filename = case.upload()
        results[case.name] = parse_plan(read_plan_bytes(data, filename), script=case.expected.get("parse_script"))
    return results


def by_case(field: str) -> Any:
    selected = [case for case in CASES if field in case.expected]
    return pytest.mark.parametrize("case", selected, ids=[case.name for case in selected])


def test_corpus_is_big_enough() -> None:
    assert len([case for case in CASES if not case.name.startswith("000")]) >= 12
    assert any(case.expected.get("read_as") == "docx" for case in CASES)


@by_case("title")
def test_title(case: Case, parsed: dict[str, ParsedPlan]) -> None:
    assert parsed[case.name].title == case.expected["title"]


@by_case("script")
def test_script(case: Case, parsed: dict[str, ParsedPlan]) -> None:
    assert parsed[case.name].script == case.expected["script"]


@by_case("preamble")
def test_preamble(case: Case, parsed: dict[str, ParsedPlan]) -> None:
    assert parsed[case.name].preamble == case.expected["preamble"]


@by_case("sections")
def test_section_headings_and_kinds(case: Case, parsed: dict[str, ParsedPlan]) -> None:
    got = [[section.heading, section.kind] for section in parsed[case.name].sections]
    assert got == case.expected["sections"]


@by_case("sections")
def test_every_section_keeps_its_text(case: Case, parsed: dict[str, ParsedPlan]) -> None:
    for section in parsed[case.name].sections:
        assert section.text.strip(), section.heading


@by_case("section_text_starts")
def test_inline_heading_text(case: Case, parsed: dict[str, ParsedPlan]) -> None:
    sections = parsed[case.name].sections
    for index, start in case.expected["section_text_starts"].items():
        assert sections[int(index)].text.startswith(start)


@by_case("pillars")
def test_pillar_identity(case: Case, parsed: dict[str, ParsedPlan]) -> None:
    got = [(p.type, p.name, p.slogan) for p in parsed[case.name].pillars]
    want = [(p["type"], p["name"], p["slogan"]) for p in case.expected["pillars"]]
    assert got == want


@by_case("pillars")
def test_pillar_measures(case: Case, parsed: dict[str, ParsedPlan]) -> None:
    pillars = parsed[case.name].pillars
    assert len(pillars) == len(case.expected["pillars"])
    for pillar, want in zip(pillars, case.expected["pillars"], strict=True):
        if "measures" in want:
            assert pillar.measures == want["measures"], pillar.name
        if "measure_count" in want:
            assert len(pillar.measures) == want["measure_count"], pillar.name
        for measure in want.get("measures_include", []):
            assert measure in pillar.measures, (pillar.name, measure)
        assert all(measure.strip() == measure and measure for measure in pillar.measures), pillar.name


@by_case("leading_group")
def test_leading_group(case: Case, parsed: dict[str, ParsedPlan]) -> None:
    group = parsed[case.name].leading_group
    want = case.expected["leading_group"]
    assert group.leader == want["leader"]
    assert group.deputy_leaders == want["deputy_leaders"]
    assert group.members == want["members"]
    for name, post in want.get("titles", {}).items():
        assert group.titles.get(name) == post, name


@by_case("office")
def test_office(case: Case, parsed: dict[str, ParsedPlan]) -> None:
    office = parsed[case.name].office
    want = case.expected["office"]
    assert office.director == want["director"]
    assert office.director_concurrent is want["director_concurrent"]
    assert office.members == want["members"]
    if "deputy_directors" in want:
        assert office.deputy_directors == want["deputy_directors"]
    if "location" in want:
        assert office.location == want["location"]


@by_case("requirement_titles")
def test_requirements(case: Case, parsed: dict[str, ParsedPlan]) -> None:
    plan = parsed[case.name]
    assert [item.title for item in plan.requirement_items] == case.expected["requirement_titles"]
    assert len(plan.requirements) == len(case.expected["requirement_titles"])
    for title, text in zip(case.expected["requirement_titles"], plan.requirements, strict=True):
        assert text.startswith(title)


@by_case("checks")
def test_checks(case: Case, parsed: dict[str, ParsedPlan]) -> None:
    assert parsed[case.name].checks == case.expected["checks"]


@by_case("unrecognised")
def test_unrecognised(case: Case, parsed: dict[str, ParsedPlan]) -> None:
    assert parsed[case.name].unrecognised == case.expected["unrecognised"]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_round_trip(case: Case, parsed: dict[str, ParsedPlan]) -> None:
    plan = parsed[case.name]
    assert ParsedPlan.from_dict(plan.to_dict()) == plan
