"""Reception rules as small pure checks: plain data in, findings out, no database.

Every rule is one function taking the facts of a request or record and the policy in force, returning a list of
`Finding`s whose `reason` is the rule's text. `RULES` lists them all; services run the registry on every save.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext_noop as N_

VIOLATION = "violation"
ADVICE = "advice"

BREAKFAST, LUNCH, DINNER = "breakfast", "lunch", "dinner"
FORBIDDEN_WELCOME_PLACES = frozenset({"airport", "station", "dock", "border"})


@dataclass(frozen=True)
class PolicyFacts:
    """The policy in force, reduced to what the rules read."""

    host_city: str = ""
    meal_standard: Decimal | None = None
    lodging_standard: Decimal | None = None
    accompany_small_group_max: int = 10
    accompany_small_group_limit: int = 3
    accompany_large_group_divisor: int = 3
    accompany_tiny_group_max: int | None = None
    accompany_tiny_group_limit: int | None = None
    work_meals_allowed: int = 1
    designated_venues: frozenset[str] = frozenset()
    official_letter_required: bool = True
    no_lunch_alcohol: bool = True
    dinner_alcohol_allowed: bool = False
    buffet_or_canteen: bool = True
    no_same_city: bool = True
    no_welcome_at_stations: bool = True
    no_layered_accompaniment: bool = True
    no_gifts: bool = True
    no_accompanying_meals: bool = True
    designated_venues_only: bool = True


@dataclass(frozen=True)
class MealFacts:
    date: date
    kind: str  # breakfast / lunch / dinner
    venue: str = ""
    guests: int = 0
    accompanying: int = 0
    alcohol: bool = False
    buffet_or_canteen: bool = True
    cost: Decimal = Decimal("0")


@dataclass(frozen=True)
class LodgingFacts:
    venue: str = ""
    nights: int = 1
    rooms: int = 1
    cost: Decimal = Decimal("0")


@dataclass(frozen=True)
class GiftFacts:
    description: str
    kind: str = "souvenir"
    value: Decimal = Decimal("0")


@dataclass(frozen=True)
class EventFacts:
    kind: str  # welcome / send_off
    place_kind: str
    place: str = ""


@dataclass(frozen=True)
class ReceptionFacts:
    """A request (planned) or a record (what happened): the rules read the same shape."""

    letter_reference: str = ""
    visiting_city: str = ""
    guests: int = 1
    planned_meals: int | None = None
    accompanying_levels: int = 1
    meals: tuple[MealFacts, ...] = ()
    lodgings: tuple[LodgingFacts, ...] = ()
    gifts: tuple[GiftFacts, ...] = ()
    events: tuple[EventFacts, ...] = ()


@dataclass(frozen=True)
class Finding:
    code: str
    reason: str
    severity: str = VIOLATION
    detail: str = ""
    params: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Rule:
    code: str
    text: str
    severity: str
    check: Callable[[ReceptionFacts, PolicyFacts], list[Finding]]

    def finding(self, detail: str = "", **params) -> Finding:
        return Finding(code=self.code, reason=self.text, severity=self.severity, detail=detail, params=params)


RULES: list[Rule] = []


def rule(code: str, text, severity: str = VIOLATION):
    """Register a check under its code and text (the text is the reason every finding of it carries)."""

    def register(check):
        entry = Rule(code=code, text=text, severity=severity, check=check)
        RULES.append(entry)
        check.rule = entry
        return check

    return register


def _this(check) -> Rule:
    return check.rule


def accompanying_limit_for(guests: int, policy: PolicyFacts) -> int:
    """Most accompanying diners allowed for a number of guests (thresholds are policy data)."""
    if policy.accompany_tiny_group_max is not None and guests <= policy.accompany_tiny_group_max:
        return policy.accompany_tiny_group_limit or 0
    if guests <= policy.accompany_small_group_max:
        return policy.accompany_small_group_limit
    return guests // policy.accompany_large_group_divisor


def normalise_city(name: str) -> str:
    name = (name or "").strip().replace(" ", "")
    for suffix in ("市", "市區", "市区"):
        if name.endswith(suffix) and len(name) > len(suffix):
            name = name[: -len(suffix)]
    return name


@rule(
    "official_letter", N_("No official letter, no reception: the visiting unit's official letter (公函) is required.")
)
def official_letter(facts: ReceptionFacts, policy: PolicyFacts) -> list[Finding]:
    if policy.official_letter_required and not facts.letter_reference.strip():
        return [_this(official_letter).finding()]
    return []


@rule("same_city", N_("No same-city reception (禁止同城接待)."))
def same_city(facts: ReceptionFacts, policy: PolicyFacts) -> list[Finding]:
    host, visitor = normalise_city(policy.host_city), normalise_city(facts.visiting_city)
    if policy.no_same_city and host and visitor == host:
        return [_this(same_city).finding(N_("The visiting unit is in %(city)s, the bureau's own city."), city=visitor)]
    return []


@rule(
    "accompanying_limit",
    N_(
        "Accompanying diners may not exceed the limit: up to 10 guests at most 3, "
        "above 10 at most one third of the guests."
    ),
)
def accompanying_limit(facts: ReceptionFacts, policy: PolicyFacts) -> list[Finding]:
    findings = []
    for meal in facts.meals:
        limit = accompanying_limit_for(meal.guests, policy)
        if meal.accompanying > limit:
            findings.append(
                _this(accompanying_limit).finding(
                    N_(
                        "%(date)s %(meal)s: %(accompanying)s accompanying diners for %(guests)s guests "
                        "(at most %(limit)s)."
                    ),
                    date=meal.date.isoformat(),
                    meal=meal.kind,
                    accompanying=meal.accompanying,
                    guests=meal.guests,
                    limit=limit,
                )
            )
    return findings


@rule("no_accompanying_meals", N_("In principle no accompanying meals (原则上不陪餐)."), ADVICE)
def no_accompanying_meals(facts: ReceptionFacts, policy: PolicyFacts) -> list[Finding]:
    if not policy.no_accompanying_meals:
        return []
    return [
        _this(no_accompanying_meals).finding(
            N_("%(date)s %(meal)s: %(accompanying)s accompanying diners."),
            date=meal.date.isoformat(),
            meal=meal.kind,
            accompanying=meal.accompanying,
        )
        for meal in facts.meals
        if meal.accompanying > 0
    ]


@rule("lunch_alcohol", N_("No alcohol at lunch (中餐不上酒)."))
def lunch_alcohol(facts: ReceptionFacts, policy: PolicyFacts) -> list[Finding]:
    if not policy.no_lunch_alcohol:
        return []
    return [
        _this(lunch_alcohol).finding(N_("%(date)s lunch: alcohol served."), date=meal.date.isoformat())
        for meal in facts.meals
        if meal.kind == LUNCH and meal.alcohol
    ]


@rule("dinner_alcohol", N_("Alcohol at dinner is not allowed by the policy in force."))
def dinner_alcohol(facts: ReceptionFacts, policy: PolicyFacts) -> list[Finding]:
    if policy.dinner_alcohol_allowed:
        return []
    return [
        _this(dinner_alcohol).finding(N_("%(date)s dinner: alcohol served."), date=meal.date.isoformat())
        for meal in facts.meals
        if meal.kind == DINNER and meal.alcohol
    ]


@rule(
    "buffet_or_canteen",
    N_("Buffet or the unit's canteen is the rule for reception meals (推行自助餐或在单位食堂就餐)."),
    ADVICE,
)
def buffet_or_canteen(facts: ReceptionFacts, policy: PolicyFacts) -> list[Finding]:
    if not policy.buffet_or_canteen:
        return []
    return [
        _this(buffet_or_canteen).finding(
            N_("%(date)s %(meal)s: neither buffet nor canteen."), date=meal.date.isoformat(), meal=meal.kind
        )
        for meal in facts.meals
        if not meal.buffet_or_canteen
    ]


@rule("work_meals", N_("The host may arrange no more work meals than the policy allows per reception."))
def work_meals(facts: ReceptionFacts, policy: PolicyFacts) -> list[Finding]:
    count = facts.planned_meals if facts.planned_meals is not None else len(facts.meals)
    if count > policy.work_meals_allowed:
        return [
            _this(work_meals).finding(
                N_("%(count)s meals arranged, %(allowed)s allowed."), count=count, allowed=policy.work_meals_allowed
            )
        ]
    return []


@rule("meal_standard", N_("Meal cost per person may not exceed the meal standard."))
def meal_standard(facts: ReceptionFacts, policy: PolicyFacts) -> list[Finding]:
    if policy.meal_standard is None:
        return []
    findings = []
    for meal in facts.meals:
        diners = meal.guests + meal.accompanying
        if diners and meal.cost > policy.meal_standard * diners:
            per_person = (meal.cost / diners).quantize(Decimal("0.01"))
            findings.append(
                _this(meal_standard).finding(
                    N_("%(date)s %(meal)s: %(per_person)s yuan per person, standard %(standard)s yuan."),
                    date=meal.date.isoformat(),
                    meal=meal.kind,
                    per_person=str(per_person),
                    standard=str(policy.meal_standard),
                )
            )
    return findings


@rule("designated_venue", N_("Designated venues only (实行定点管理)."))
def designated_venue(facts: ReceptionFacts, policy: PolicyFacts) -> list[Finding]:
    if not policy.designated_venues_only:
        return []
    designated = {venue.strip() for venue in policy.designated_venues}
    places = [meal.venue for meal in facts.meals] + [lodging.venue for lodging in facts.lodgings]
    return [
        _this(designated_venue).finding(N_("%(venue)s is not a designated venue."), venue=venue.strip())
        for venue in dict.fromkeys(places)
        if venue.strip() and venue.strip() not in designated
    ]


@rule("lodging_standard", N_("Lodging may not exceed the lodging standard (standard rooms)."))
def lodging_standard(facts: ReceptionFacts, policy: PolicyFacts) -> list[Finding]:
    if policy.lodging_standard is None:
        return []
    findings = []
    for lodging in facts.lodgings:
        room_nights = lodging.nights * lodging.rooms
        if room_nights and lodging.cost > policy.lodging_standard * room_nights:
            findings.append(
                _this(lodging_standard).finding(
                    N_("%(venue)s: %(per_night)s yuan per room and night, standard %(standard)s yuan."),
                    venue=lodging.venue,
                    per_night=str((lodging.cost / room_nights).quantize(Decimal("0.01"))),
                    standard=str(policy.lodging_standard),
                )
            )
    return findings


@rule("welcome_at_station", N_("No welcome or send-off at airports, stations, docks or jurisdiction borders."))
def welcome_at_station(facts: ReceptionFacts, policy: PolicyFacts) -> list[Finding]:
    if not policy.no_welcome_at_stations:
        return []
    return [
        _this(welcome_at_station).finding(N_("%(place)s"), place=event.place or event.place_kind)
        for event in facts.events
        if event.place_kind in FORBIDDEN_WELCOME_PLACES
    ]


@rule("layered_accompaniment", N_("No layered accompaniment (不搞层层陪同)."))
def layered_accompaniment(facts: ReceptionFacts, policy: PolicyFacts) -> list[Finding]:
    if policy.no_layered_accompaniment and facts.accompanying_levels > 1:
        return [
            _this(layered_accompaniment).finding(
                N_("%(levels)s levels of host officials accompanied the guests."), levels=facts.accompanying_levels
            )
        ]
    return []


@rule("gifts", N_("No gifts, souvenirs or local specialties (不送土特产)."))
def gifts(facts: ReceptionFacts, policy: PolicyFacts) -> list[Finding]:
    if not policy.no_gifts:
        return []
    return [_this(gifts).finding(N_("%(gift)s"), gift=gift.description) for gift in facts.gifts]


def check(facts: ReceptionFacts, policy: PolicyFacts) -> list[Finding]:
    """Run every registered rule; findings come out in registry order."""
    return [finding for entry in RULES for finding in entry.check(facts, policy)]


RULE_TEXTS = {entry.code: entry.text for entry in RULES}  # English msgids; display through gettext
