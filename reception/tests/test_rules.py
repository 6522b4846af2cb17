"""Each reception rule on its own, with the boundaries the issue lists. Pure functions: no database."""

from datetime import date
from decimal import Decimal

import pytest

from reception import rules
from reception.rules import EventFacts, GiftFacts, LodgingFacts, MealFacts, PolicyFacts, ReceptionFacts

POLICY = PolicyFacts(host_city="福州", meal_standard=Decimal("35"), designated_venues=frozenset({"机关食堂"}))
DAY = date(2026, 6, 3)


def meal(**kwargs):
    return MealFacts(
        **{"date": DAY, "kind": "lunch", "venue": "机关食堂", "guests": 5, "cost": Decimal("100"), **kwargs}
    )


def codes(findings):
    return [f.code for f in findings]


@pytest.mark.parametrize(
    "guests, accompanying, passes",
    [(10, 3, True), (10, 4, False), (11, 3, True), (12, 4, True), (12, 5, False), (30, 10, True), (30, 11, False)],
)
def test_accompanying_limit_boundaries(guests, accompanying, passes):
    facts = ReceptionFacts(guests=guests, meals=(meal(guests=guests, accompanying=accompanying),))
    found = rules.accompanying_limit(facts, POLICY)
    assert (found == []) is passes
    if not passes:
        assert found[0].reason == rules.RULE_TEXTS["accompanying_limit"]
        assert found[0].params["limit"] == rules.accompanying_limit_for(guests, POLICY)


def test_accompanying_limit_stricter_local_tier_is_policy_data():
    strict = PolicyFacts(accompany_tiny_group_max=5, accompany_tiny_group_limit=2)
    assert rules.accompanying_limit(ReceptionFacts(meals=(meal(guests=5, accompanying=2),)), strict) == []
    assert codes(rules.accompanying_limit(ReceptionFacts(meals=(meal(guests=5, accompanying=3),)), strict)) == [
        "accompanying_limit"
    ]
    assert rules.accompanying_limit(ReceptionFacts(meals=(meal(guests=6, accompanying=3),)), strict) == []


def test_alcohol_at_lunch_fails():
    found = rules.lunch_alcohol(ReceptionFacts(meals=(meal(kind="lunch", alcohol=True),)), POLICY)
    assert codes(found) == ["lunch_alcohol"] and found[0].reason == rules.RULE_TEXTS["lunch_alcohol"]
    assert rules.lunch_alcohol(ReceptionFacts(meals=(meal(kind="lunch", alcohol=False),)), POLICY) == []


@pytest.mark.parametrize("allowed, passes", [(True, True), (False, False)])
def test_alcohol_at_dinner_follows_the_policy(allowed, passes):
    policy = PolicyFacts(dinner_alcohol_allowed=allowed)
    facts = ReceptionFacts(meals=(meal(kind="dinner", alcohol=True),))
    assert (rules.dinner_alcohol(facts, policy) == []) is passes
    assert rules.lunch_alcohol(facts, policy) == []  # dinner is not lunch


@pytest.mark.parametrize("city, passes", [("福州", False), ("福州市", False), (" 福州 ", False), ("厦门", True)])
def test_same_city_unit_fails(city, passes):
    assert (rules.same_city(ReceptionFacts(visiting_city=city), POLICY) == []) is passes


def test_same_city_switch_off_passes():
    assert (
        rules.same_city(ReceptionFacts(visiting_city="福州"), PolicyFacts(host_city="福州", no_same_city=False)) == []
    )


@pytest.mark.parametrize("letter, passes", [("", False), ("   ", False), ("厦海函〔2026〕3号", True)])
def test_no_official_letter_fails(letter, passes):
    found = rules.official_letter(ReceptionFacts(letter_reference=letter), POLICY)
    assert (found == []) is passes
    if found:
        assert found[0].reason == rules.RULE_TEXTS["official_letter"]


def test_a_gift_fails():
    found = rules.gifts(ReceptionFacts(gifts=(GiftFacts(description="武夷岩茶两盒", kind="local_specialty"),)), POLICY)
    assert codes(found) == ["gifts"] and found[0].params == {"gift": "武夷岩茶两盒"}
    assert rules.gifts(ReceptionFacts(), POLICY) == []


def test_a_non_designated_venue_fails():
    found = rules.designated_venue(ReceptionFacts(meals=(meal(venue="海景大酒店"),)), POLICY)
    assert codes(found) == ["designated_venue"] and found[0].params["venue"] == "海景大酒店"
    assert rules.designated_venue(ReceptionFacts(meals=(meal(venue="机关食堂"),)), POLICY) == []
    lodging = ReceptionFacts(lodgings=(LodgingFacts(venue="私人会所", cost=Decimal("300")),))
    assert codes(rules.designated_venue(lodging, POLICY)) == ["designated_venue"]


def test_welcome_at_airport_station_dock_or_border_fails():
    for place in ("airport", "station", "dock", "border"):
        facts = ReceptionFacts(events=(EventFacts(kind="welcome", place_kind=place),))
        assert codes(rules.welcome_at_station(facts, POLICY)) == ["welcome_at_station"]
    office = ReceptionFacts(events=(EventFacts(kind="welcome", place_kind="office"),))
    assert rules.welcome_at_station(office, POLICY) == []


def test_layered_accompaniment_fails():
    assert rules.layered_accompaniment(ReceptionFacts(accompanying_levels=1), POLICY) == []
    assert codes(rules.layered_accompaniment(ReceptionFacts(accompanying_levels=2), POLICY)) == [
        "layered_accompaniment"
    ]


def test_accompanying_meal_is_advice_in_principle():
    found = rules.no_accompanying_meals(ReceptionFacts(meals=(meal(accompanying=1),)), POLICY)
    assert codes(found) == ["no_accompanying_meals"] and found[0].severity == rules.ADVICE
    assert rules.no_accompanying_meals(ReceptionFacts(meals=(meal(accompanying=0),)), POLICY) == []


def test_buffet_or_canteen():
    assert codes(rules.buffet_or_canteen(ReceptionFacts(meals=(meal(buffet_or_canteen=False),)), POLICY)) == [
        "buffet_or_canteen"
    ]
    assert rules.buffet_or_canteen(ReceptionFacts(meals=(meal(),)), POLICY) == []


def test_work_meals_per_reception():
    assert rules.work_meals(ReceptionFacts(meals=(meal(),)), POLICY) == []
    two = ReceptionFacts(meals=(meal(), meal(kind="dinner")))
    assert codes(rules.work_meals(two, POLICY)) == ["work_meals"]
    assert codes(rules.work_meals(ReceptionFacts(planned_meals=2), POLICY)) == ["work_meals"]


@pytest.mark.parametrize("cost, passes", [(Decimal("175.00"), True), (Decimal("175.01"), False)])
def test_meal_standard_boundary(cost, passes):
    # 5 guests at 35 yuan: 175 is the limit
    assert (rules.meal_standard(ReceptionFacts(meals=(meal(cost=cost),)), POLICY) == []) is passes


@pytest.mark.parametrize("cost, passes", [(Decimal("700.00"), True), (Decimal("700.01"), False)])
def test_lodging_standard_boundary(cost, passes):
    policy = PolicyFacts(lodging_standard=Decimal("350"), designated_venues_only=False)
    facts = ReceptionFacts(lodgings=(LodgingFacts(venue="港区宾馆", nights=1, rooms=2, cost=cost),))
    assert (rules.lodging_standard(facts, policy) == []) is passes


def test_every_rule_is_registered_once_with_a_text():
    assert len({entry.code for entry in rules.RULES}) == len(rules.RULES) >= 14
    assert all(entry.text for entry in rules.RULES)


def test_a_clean_reception_has_no_findings():
    facts = ReceptionFacts(letter_reference="函1", visiting_city="厦门", guests=5, meals=(meal(),))
    assert rules.check(facts, POLICY) == []
