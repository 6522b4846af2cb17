"""Demo plan: the seed's six pillars, its measures parsed from the seed text and spread across departments with a
year of progress, evidence and supervision steps, the three-in-place checks, and a year of indicator readings.

Safe to run twice: rows are found by their natural keys and only filled in where the plan importer or an earlier
run left them empty.
"""

import hashlib
import struct
import zlib
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from .indicators import period_bounds, periods_between
from .models import CampaignCheck, Evidence, Indicator, IndicatorReading, Measure, Pillar, ProgressUpdate

PILLARS = [
    (Pillar.Type.LEARNING, "学习型机关", "大兴学习调研之风", "赵联强"),
    (Pillar.Type.SERVICE, "服务型机关", "大兴为民办事之风", "赵联强"),
    (Pillar.Type.EFFICIENCY, "效率型机关", "大兴求真务实之风", "杨智"),
    (Pillar.Type.THRIFT, "节约型机关", "大兴勤俭节约之风", "叶建国"),
    (Pillar.Type.INTEGRITY, "廉政型机关", "大兴透明廉政之风", "卓大巨"),
    (Pillar.Type.HARMONY, "和谐型机关", "大兴团结协作之风", "叶建国"),
]

SEED_COPY = Path(__file__).resolve().parent / "tests" / "planparse" / "corpus" / "000_seed_hant.txt"
TITLE_MAX = 500
TODAY = date(2026, 11, 28)  # the demo's "now": dates are laid out around it so lights and lateness look real

# Lead departments by pillar type, cycled over the pillar's measures.
LEADS = {
    Pillar.Type.LEARNING: ["组织人事科", "办公室"],
    Pillar.Type.SERVICE: ["社会事务科", "招商服务中心", "景区管理站", "第一管理队"],
    Pillar.Type.EFFICIENCY: ["办公室", "经济发展科", "社会事务科"],
    Pillar.Type.THRIFT: ["办公室", "财务科", "财务科", "办公室", "景区管理站", "财务科"],
    Pillar.Type.INTEGRITY: ["纪检监察室", "办公室", "纪检监察室", "景区管理站"],
    Pillar.Type.HARMONY: ["办公室", "组织人事科", "规划建设科", "第二管理队", None],
}

# (status, progress, due) per position in the pillar, cycled: a realistic mix for late November.
STORIES = [
    (Measure.Status.VERIFIED, 100, date(2026, 6, 30)),
    (Measure.Status.IN_PROGRESS, 60, date(2026, 11, 15)),  # overdue
    (Measure.Status.IN_PROGRESS, 85, date(2026, 12, 31)),
    (Measure.Status.REPORTED, 100, date(2026, 11, 30)),
    (Measure.Status.RETURNED, 90, date(2026, 12, 3)),  # returned, due soon
    (Measure.Status.ISSUED, 0, date(2026, 12, 20)),  # not yet acknowledged
    (Measure.Status.IN_PROGRESS, 50, date(2026, 12, 31)),  # behind schedule
]

NOTES = [
    "召开专题部署会，制定工作方案，明确责任分工。",
    "组织集中学习两次，形成学习记录和心得体会。",
    "开展专项检查，发现问题已建立台账并督促整改。",
    "完成阶段性工作，相关制度已印发执行。",
    "整改落实到位，材料已归档，申请复核。",
]


def _seed_measures():
    from .planparse import parse_plan, read_plan_bytes

    seed = Path(settings.BASE_DIR).parent / "shared" / "seed" / "000_fe6a1cd6376af4ad.txt"
    path = seed if seed.exists() else SEED_COPY
    plan = parse_plan(read_plan_bytes(path.read_bytes(), "seed.txt"), script="hans")
    return {p.name: p.measures for p in plan.pillars}


def _png(seed: int) -> bytes:
    """A small real PNG (a coloured 16×16 square)."""
    colour = bytes([(seed * 53) % 256, (seed * 97) % 256, (seed * 31) % 256])
    raw = b"".join(b"\x00" + colour * 16 for _ in range(16))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 16, 16, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def _pdf(text: str) -> bytes:
    """A small real one-page PDF."""
    stream = f"BT /F1 14 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def _number(*parts) -> int:
    """A stable pseudo-random number from the given parts (the demo must be the same on every run)."""
    return int(hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:8], 16)


def _aware(day: date, hour: int = 10):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _pillars_load(campaign, people):
    pillars = {}
    for order, (type_, name, slogan, leader) in enumerate(PILLARS, start=1):
        pillar, _created = Pillar.objects.get_or_create(
            campaign=campaign,
            name=name,
            defaults={"type": type_, "slogan": slogan, "order": order, "leader_in_charge": people.get(leader)},
        )
        changed = False
        if pillar.leader_in_charge_id is None and people.get(leader):
            pillar.leader_in_charge = people[leader]
            changed = True
        if not pillar.slogan:
            pillar.slogan = slogan
            changed = True
        if changed:
            pillar.save()
        pillars[name] = pillar
    return pillars


def _measures_load(campaign, pillars, departments, users):
    texts = _seed_measures()
    measures = []
    for pillar in pillars.values():
        leads = LEADS.get(pillar.type, [None])
        for index, text in enumerate(texts.get(pillar.name, [])):
            title = text[:TITLE_MAX]
            measure, created = Measure.objects.get_or_create(
                pillar=pillar,
                title=title,
                defaults={"detail": text if len(text) > TITLE_MAX else "", "order": index + 1},
            )
            lead_name = leads[index % len(leads)]
            if measure.lead_department_id is None and lead_name and measure.status == Measure.Status.ISSUED:
                if measure.progress_updates.exists():
                    continue
                _story_apply(measure, index, departments[lead_name], departments, pillar, users)
            measures.append(measure)
    return measures


def _story_apply(measure, index, lead, departments, pillar, users):
    status, progress, due = STORIES[(index + pillar.order) % len(STORIES)]
    start = date(2026, 1 + (index % 3), 1)
    measure.lead_department = lead
    measure.responsible_leader = pillar.leader_in_charge
    measure.start, measure.due = start, due
    measure.weight = Decimal("2") if index == 0 else Decimal("1")
    measure.progress = progress
    measure.status = status
    if status != Measure.Status.ISSUED:
        measure.acknowledged_at = _aware(start + timedelta(days=5))
    if status in (Measure.Status.REPORTED, Measure.Status.VERIFIED):
        measure.reported_at = _aware(min(due, TODAY) - timedelta(days=3))
    if status == Measure.Status.VERIFIED:
        measure.verified_at = _aware(min(due, TODAY))
        measure.verified_by = users.get("office")
    if status == Measure.Status.RETURNED:
        measure.status_reason = "佐证材料不完整，请补充会议记录和照片后重新报送。"
    measure.version += 1
    measure.save()
    others = [d for name, d in departments.items() if d != lead]
    measure.cooperating_departments.set([others[_number(measure.pk, "co") % len(others)]])
    _updates_make(measure, users.get(lead.name))


def _updates_make(measure, author):
    if measure.status == Measure.Status.ISSUED:
        return
    steps = [measure.progress] if measure.progress <= 30 else [measure.progress // 3, 2 * measure.progress // 3]
    steps.append(measure.progress)
    span = (min(measure.due, TODAY) - measure.start).days
    for number, percent in enumerate(sorted(set(steps)), start=1):
        day = measure.start + timedelta(days=span * number // len(set(steps)))
        if measure.status == Measure.Status.IN_PROGRESS and measure.due < TODAY and number == len(set(steps)):
            day = TODAY - timedelta(days=2)  # a late update on an overdue measure
        update = ProgressUpdate.objects.create(
            measure=measure,
            date=day,
            percent=percent,
            note=NOTES[(measure.pk + number) % len(NOTES)],
            author=author,
            department=measure.lead_department,
            is_late=day > measure.due,
        )
        if number % 2 == 1:
            seed = _number(measure.pk, number)
            if seed % 2:
                content, name, kind = _png(seed), f"现场照片{number}.png", "image/png"
            else:
                content, name, kind = (
                    _pdf(f"Progress report {measure.pk}-{number}"),
                    f"工作总结{number}.pdf",
                    "application/pdf",
                )
            Evidence.objects.create(
                update=update,
                file=ContentFile(content, name=name),
                original_name=name,
                content_type=kind,
                size=len(content),
            )


def _checks_load(campaign, users):
    office = users.get("office")
    for offset, kind in enumerate(CampaignCheck.Kind.values):
        check, _created = CampaignCheck.objects.get_or_create(campaign=campaign, kind=kind)
        if check.confirmed_at is None and offset < 2:
            check.confirmed_by = office
            check.confirmed_at = _aware(date(2026, 1, 10 + offset * 5))
            check.note = ["召开动员大会，全体干部参加。", "成立领导小组和办公室，明确分工。"][offset]
            check.save()


# name, pillar, unit, target, direction, frequency, per department?, value function
INDICATORS = [
    (
        "每月集中学习次数",
        "学习型机关",
        "次",
        Decimal("4"),
        Indicator.Direction.HIGHER,
        Indicator.Frequency.MONTHLY,
        True,
    ),
    (
        "干部人均学习学时",
        "学习型机关",
        "学时",
        Decimal("8"),
        Indicator.Direction.HIGHER,
        Indicator.Frequency.MONTHLY,
        True,
    ),
    ("平均办结天数", "效率型机关", "天", Decimal("5"), Indicator.Direction.LOWER, Indicator.Frequency.MONTHLY, False),
    ("群众满意率", "服务型机关", "%", Decimal("90"), Indicator.Direction.HIGHER, Indicator.Frequency.QUARTERLY, False),
    (
        "公务接待支出（累计，限额）",
        "节约型机关",
        "元",
        Decimal("120000"),
        Indicator.Direction.LOWER,
        Indicator.Frequency.MONTHLY,
        False,
    ),
]
READING_DEPARTMENTS = ["办公室", "组织人事科", "财务科", "社会事务科", "景区管理站", "第一管理队"]


def _reading_value(name, department, period_start, index):
    noise = _number(name, department, period_start) % 100
    if name == "每月集中学习次数":
        return Decimal(2 + noise % 4)
    if name == "干部人均学习学时":
        return Decimal(5 + noise % 6) + Decimal(noise % 10) / 10
    if name == "平均办结天数":
        return Decimal("6.5") - Decimal(index) * Decimal("0.2") + Decimal(noise % 10) / 10
    if name == "群众满意率":
        return Decimal("86") + Decimal(index * 2) + Decimal(noise % 10) / 10
    return Decimal(9200 * (index + 1)) + Decimal(noise * 37)  # cumulative reception spend


def _indicators_load(campaign, pillars, departments):
    for order, (name, pillar_name, unit, target, direction, frequency, per_department) in enumerate(INDICATORS, 1):
        indicator, _created = Indicator.objects.get_or_create(
            pillar=pillars[pillar_name],
            name=name,
            defaults={"unit": unit, "target": target, "direction": direction, "frequency": frequency, "order": order},
        )
        last_complete = period_bounds(frequency, TODAY)[0] - timedelta(days=1)
        periods = periods_between(frequency, campaign.start or date(2026, 1, 1), last_complete)
        targets = [departments[n] for n in READING_DEPARTMENTS] if per_department else [None]
        existing = set(indicator.readings.values_list("department_id", "period_start"))
        new = []
        for index, (start, end) in enumerate(periods):
            for department in targets:
                key = (department.pk if department else None, start)
                if key in existing:
                    continue
                new.append(
                    IndicatorReading(
                        indicator=indicator,
                        department=department,
                        period_start=start,
                        period_end=end,
                        value=_reading_value(name, department.name if department else "", start, index),
                    )
                )
        IndicatorReading.objects.bulk_create(new)


def load(*, context):
    campaign, people, departments = context["campaign"], context["people"], context["departments"]
    users = {u.username: u for u in get_user_model().objects.filter(username__in=["office", "dept", "admin"])}
    # Progress is posted by each department's contact where they have a login, else by the office.
    users_by_department = {}
    for department in departments.values():
        contact = department.contact
        login = contact.user if contact and contact.user_id else None
        users_by_department[department.name] = login or users.get("office")
    pillars = _pillars_load(campaign, people)
    _measures_load(campaign, pillars, departments, {**users_by_department, "office": users.get("office")})
    _checks_load(campaign, users)
    _indicators_load(campaign, pillars, departments)
