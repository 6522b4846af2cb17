"""Demo receptions: a policy with designated venues, a year of receptions across departments (a few breaking rules,
some signed off with a leader's justification), requests waiting for decisions, and annual caps with one department
near its cap. Deterministic, so running it twice gives the same data."""

import random
from datetime import date, datetime, time, timedelta
from decimal import ROUND_UP, Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from . import services
from .models import (
    Budget,
    Gift,
    Guest,
    Justification,
    Lodging,
    Meal,
    ReceptionPolicy,
    ReceptionRecord,
    ReceptionRequest,
    Venue,
    WelcomeEvent,
)

VENUES = [
    ("管委会机关食堂", Venue.Kind.CANTEEN, "港区管委会大院内"),
    ("港区宾馆", Venue.Kind.HOTEL, "港区大道88号"),
    ("港湾宾馆自助餐厅", Venue.Kind.RESTAURANT, "滨海路16号"),
]
DESIGNATED = ["管委会机关食堂", "港区宾馆", "港湾宾馆自助餐厅"]

VISITORS = [
    ("厦门市海洋发展局", "厦门", "厦海函"),
    ("泉州市港口管理局", "泉州", "泉港函"),
    ("漳州市商务局", "漳州", "漳商函"),
    ("莆田市交通运输局", "莆田", "莆交函"),
    ("宁德市港航管理局", "宁德", "宁港函"),
    ("三明市发展和改革委员会", "三明", "明发改函"),
    ("南平市文化和旅游局", "南平", "南文旅函"),
    ("龙岩市生态环境局", "龙岩", "龙环函"),
    ("平潭综合实验区管委会", "平潭", "岚管函"),
    ("温州市港航管理中心", "温州", "温港函"),
    ("汕头市自然资源局", "汕头", "汕自然函"),
    ("福建省交通运输厅", "厦门", "闽交函"),
]
PURPOSES = ["港区建设考察交流", "招商引资工作座谈", "环境卫生管理经验交流", "景区管理工作调研", "安全生产联合检查"]
RANKS = ["科级", "副处级", "处级"]
SURNAMES = "陈林黄张李王吴刘蔡杨郑许谢洪邱曾"
GIVEN = ["建国", "志强", "海峰", "晓东", "丽华", "文斌", "国栋", "明辉", "秀英", "俊杰"]
POSTS = ["处长", "副处长", "科长", "副科长", "科员"]

BUDGETS = {
    "办公室": Decimal("30000"),
    "组织人事科": Decimal("12000"),
    "财务科": Decimal("8000"),
    "经济发展科": Decimal("25000"),
    "规划建设科": Decimal("20000"),
    "社会事务科": Decimal("15000"),
    "纪检监察室": Decimal("6000"),
    "环境卫生站": Decimal("10000"),
    "景区管理站": Decimal("20000"),
    "第一管理队": Decimal("8000"),
    "第二管理队": Decimal("8000"),
    "第三管理队": Decimal("8000"),
}
NEAR_CAP = "招商服务中心"
BUREAU_CAP = Decimal("220000")

# Receptions that break rules on purpose: (department, month, day, what goes wrong, signed off with justification?)
BREACHES = [
    ("景区管理站", 3, 18, "lunch_alcohol", True),
    ("经济发展科", 5, 9, "same_city", True),
    ("招商服务中心", 6, 20, "accompanying", False),
    ("规划建设科", 8, 14, "gift", True),
    ("景区管理站", 11, 20, "station_welcome", False),
    ("社会事务科", 10, 27, "venue", False),
]


def _person_name(rng):
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def _money(value) -> Decimal:
    return Decimal(value).quantize(Decimal("0.01"))


def _fill(record, rng, *, breach=None, policy):
    """Rows of one reception: guests, one work meal (more when it breaks a rule), lodging, welcome, gifts."""
    for model in (Guest, Meal, Lodging, Gift, WelcomeEvent):
        model.objects.filter(record=record).delete()
    for index in range(min(record.guests, 4)):
        Guest.objects.create(record=record, name=_person_name(rng), post=POSTS[min(index, len(POSTS) - 1)])
    standard = policy.meal_standard
    accompanying = 0
    meal = {
        "date": record.start_date,
        "kind": Meal.Kind.LUNCH,
        "venue": rng.choice(["管委会机关食堂", "港湾宾馆自助餐厅"]),
        "guests": record.guests,
        "accompanying": accompanying,
        "alcohol": False,
        "buffet_or_canteen": True,
    }
    meal["cost"] = _money(standard * (record.guests + accompanying) * Decimal(rng.choice(["0.8", "0.9", "1.0"])))
    if breach == "lunch_alcohol":
        meal.update(alcohol=True, venue="海天大酒店", buffet_or_canteen=False, cost=_money(record.guests * 60))
    if breach == "accompanying":
        meal.update(guests=12, accompanying=5, cost=_money(17 * standard))
    if breach == "venue":
        meal.update(venue="渔港私房菜馆", buffet_or_canteen=False)
    Meal.objects.create(record=record, **meal)
    nights = (record.end_date - record.start_date).days
    if nights:
        rooms = max(1, (record.guests + 1) // 2)
        rate = Decimal(rng.choice(["280", "320", "350"]))
        Lodging.objects.create(record=record, venue="港区宾馆", nights=nights, rooms=rooms, cost=rate * rooms * nights)
    WelcomeEvent.objects.create(record=record, kind=WelcomeEvent.Kind.WELCOME, place_kind="office", place="管委会一楼")
    if breach == "station_welcome":
        WelcomeEvent.objects.create(record=record, kind=WelcomeEvent.Kind.WELCOME, place_kind="station", place="福州站")
    if breach == "gift":
        Gift.objects.create(
            record=record, description="武夷岩茶两盒", kind=Gift.Kind.LOCAL_SPECIALTY, value=Decimal("360")
        )


def _record(*, department, day, visitor, rng, number, policy, recorded_by, breach=None):
    unit, city, prefix = visitor
    if breach == "same_city":
        unit, city, prefix = "福州市马尾区商务局", "福州", "马商函"
    guests = rng.randint(2, 8) if breach != "accompanying" else 12
    nights = rng.choice([0, 0, 1, 1, 2])
    record, _created = ReceptionRecord.objects.update_or_create(
        host_department=department,
        visiting_unit=unit,
        start_date=day,
        defaults={
            "visiting_city": city,
            "letter_reference": f"{prefix}〔{day.year}〕{number}号",
            "activity": rng.choice(PURPOSES),
            "guests": guests,
            "highest_rank": rng.choice(RANKS),
            "end_date": day + timedelta(days=nights),
            "accompanying_levels": 2 if breach == "same_city" else 1,
            "transport_cost": _money(rng.choice([0, 0, 120, 180, 260])),
            "other_cost": _money(rng.choice([0, 0, 0, 40, 80])),
            "other_cost_note": "会议室茶水" if rng.random() < 0.3 else "",
            "payment_method": "公务卡",
            "status": ReceptionRecord.Status.RECORDED,
            "recorded_by": recorded_by,
            "responsible_person": department.contact,
            "signed_off_by": None,
            "signed_off_at": None,
        },
    )
    _fill(record, rng, breach=breach, policy=policy)
    services.record_refresh(record=record)
    return record


def _sign_off(record, user, *, justification=None):
    if justification:
        Justification.objects.get_or_create(
            record=record,
            kind=Justification.Kind.FINDINGS,
            defaults={"reason": justification, "by": user, "findings_snapshot": []},
        )
    ReceptionRecord.objects.filter(pk=record.pk).update(
        status=ReceptionRecord.Status.SIGNED_OFF,
        signed_off_by=user,
        signed_off_at=timezone.make_aware(datetime.combine(record.end_date + timedelta(days=2), time(10))),
    )


def load(*, context):
    today = timezone.localdate()
    year = today.year
    departments = context["departments"]
    people = context["people"]
    users = {
        user.username: user for user in get_user_model().objects.filter(username__in=["admin", "leader", "office"])
    }
    admin = users["admin"]

    venues = {}
    for name, kind, address in VENUES:
        venues[name], _ = Venue.objects.update_or_create(name=name, defaults={"kind": kind, "address": address})
    Venue.objects.update_or_create(name="海天大酒店", defaults={"kind": Venue.Kind.RESTAURANT, "is_active": False})
    policy, _ = ReceptionPolicy.objects.update_or_create(
        effective_from=date(year, 1, 1),
        defaults={
            "title": f"{year}年公务接待管理规定",
            "host_city": "福州",
            "meal_standard": Decimal("35.00"),
            "lodging_standard": Decimal("350.00"),
            "work_meals_allowed": 1,
        },
    )
    policy.designated_venues.set([venues[name] for name in DESIGNATED])

    _budgets(year=year, departments=departments)
    rng = random.Random(f"reception-{year}")
    hosts = [name for name in BUDGETS if name in departments] + [NEAR_CAP] * 6
    last_day = today - timedelta(days=3)
    breach_days = {(name, date(year, month, day)) for name, month, day, _b, _s in BREACHES}
    number = 0
    for month in range(1, today.month + 1):
        for _ in range(4):
            day = date(year, month, rng.randint(1, 27))
            if day > last_day:
                continue
            name = rng.choice(hosts)
            if name not in departments or (name, day) in breach_days:
                continue
            number += 1
            record = _record(
                department=departments[name],
                day=day,
                visitor=rng.choice(VISITORS),
                rng=rng,
                number=number,
                policy=policy,
                recorded_by=users.get("office", admin),
            )
            if day < today - timedelta(days=20) and not record.finding_count:
                _sign_off(record, users.get("office", admin))
    # the near-cap department's extra receptions (investment promotion receives the most visitors)
    for index, month in enumerate(range(1, today.month + 1)):
        day = date(year, month, 24 if month != today.month else max(1, min(24, last_day.day)))
        if day > last_day or NEAR_CAP not in departments:
            continue
        number += 1
        record = _record(
            department=departments[NEAR_CAP],
            day=day,
            visitor=VISITORS[index % len(VISITORS)],
            rng=rng,
            number=number,
            policy=policy,
            recorded_by=users.get("office", admin),
        )
        if day < today - timedelta(days=20) and not record.finding_count:
            _sign_off(record, users.get("office", admin))

    leader = users.get("leader", admin)
    for name, month, day, breach, signed in BREACHES:
        when = date(year, month, day)
        if name not in departments or when > last_day:
            continue
        number += 1
        record = _record(
            department=departments[name],
            day=when,
            visitor=rng.choice(VISITORS),
            rng=rng,
            number=number,
            policy=policy,
            recorded_by=users.get("office", admin),
            breach=breach,
        )
        if signed:
            _sign_off(
                record, leader, justification="经核实为省级检查组来访，已向纪检监察室报备，今后严格执行接待规定。"
            )

    _near_cap_budget(year=year, departments=departments)
    _requests(year=year, today=today, departments=departments, people=people, users=users)
    # caps may have changed after the records: recompute the cap status of open records once more
    for record in ReceptionRecord.objects.filter(start_date__year=year, status=ReceptionRecord.Status.RECORDED):
        services.record_refresh(record=record)


def _budgets(*, year, departments):
    for name, amount in BUDGETS.items():
        if name in departments:
            Budget.objects.update_or_create(year=year, department=departments[name], defaults={"amount": amount})
    Budget.objects.update_or_create(year=year, department=None, defaults={"amount": BUREAU_CAP})


def _near_cap_budget(*, year, departments):
    """The investment promotion centre receives the most visitors: its cap is set so that it stands near 92%."""
    if NEAR_CAP in departments:
        spend = services._money_sum(
            ReceptionRecord.objects.filter(start_date__year=year, host_department=departments[NEAR_CAP]), "total_cost"
        )
        cap = (spend / Decimal("0.92") / 1000).quantize(Decimal("1"), rounding=ROUND_UP) * 1000
        Budget.objects.update_or_create(year=year, department=departments[NEAR_CAP], defaults={"amount": cap})


def _requests(*, year, today, departments, people, users):
    office = users.get("office") or users["admin"]
    leader = users.get("leader") or users["admin"]
    plans = [
        ("景区管理站", "宁德市港航管理局", "宁德", "宁港函〔{y}〕41号", 6, 4, "submitted"),
        ("组织人事科", "三明市委组织部", "三明", "", 4, 9, "submitted"),
        ("招商服务中心", "汕头市自然资源局", "汕头", "汕自然函〔{y}〕17号", 8, 12, "submitted"),
        ("经济发展科", "厦门市海洋发展局", "厦门", "厦海函〔{y}〕88号", 5, -25, "approved"),
        ("第一管理队", "福州市仓山区城管局", "福州", "仓城管函〔{y}〕5号", 3, -40, "rejected"),
    ]
    for name, unit, city, letter, guests, offset, status in plans:
        if name not in departments:
            continue
        start = today + timedelta(days=offset)
        request, _ = ReceptionRequest.objects.update_or_create(
            host_department=departments[name],
            visiting_unit=unit,
            start_date=start,
            defaults={
                "visiting_city": city,
                "letter_reference": letter.format(y=year),
                "purpose": "学习交流港区管理与服务经验",
                "guests": guests,
                "highest_rank": "副处级",
                "end_date": start + timedelta(days=1),
                "planned_meals": 1,
                "planned_lodging_nights": 1,
                "planned_arrangements": "工作餐一次（机关食堂自助），港区宾馆标准间",
                "estimated_cost": Decimal(guests * 35 + (guests + 1) // 2 * 350),
                "status": ReceptionRequest.Status.SUBMITTED,
                "submitted_by": office,
                "decided_by": None,
                "decided_at": None,
                "decision_comment": "",
            },
        )
        services.request_save(request=request, user=users["admin"])
        if status != "submitted":
            ReceptionRequest.objects.filter(pk=request.pk).update(
                status=status,
                decided_by=leader,
                decided_at=timezone.now() - timedelta(days=abs(offset) + 3),
                decision_comment="同意，严格按标准接待。" if status == "approved" else "同城单位，不予公务接待。",
            )
