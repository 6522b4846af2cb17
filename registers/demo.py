"""Demo registers: a year of study, meetings, documents, cases, issues, visits, trips and coordination, and one or
more live indicators per pillar computed from them. Idempotent: records are keyed by their natural keys."""

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from campaigns.models import Indicator, Pillar

from . import rules, services
from .models import (
    Attendance,
    CoordinationRequest,
    CoordinationTarget,
    Document,
    Holiday,
    Meeting,
    PublicIssue,
    RegisterPolicy,
    ResearchReport,
    ServiceCase,
    ServiceVisit,
    StudyActivity,
    Trip,
    Vehicle,
)

# The State Council's 2026 holiday arrangement: days off, and the weekend days worked in exchange (调休上班).
HOLIDAYS_2026 = [
    ("元旦", "2026-01-01", "2026-01-03", ["2026-01-04"]),
    ("春节", "2026-02-15", "2026-02-23", ["2026-02-14", "2026-02-28"]),
    ("清明节", "2026-04-04", "2026-04-06", []),
    ("劳动节", "2026-05-01", "2026-05-05", ["2026-05-09"]),
    ("端午节", "2026-06-19", "2026-06-21", []),
    ("中秋节", "2026-09-25", "2026-09-27", []),
    ("国庆节", "2026-10-01", "2026-10-07", ["2026-09-20", "2026-10-10"]),
]

STUDY = [
    (StudyActivity.Kind.CENTRAL_GROUP, "学习贯彻党的二十届四中全会精神", "办公室", Decimal("3"), "卢纪清"),
    (StudyActivity.Kind.LECTURE, "优化营商环境专题报告会", "招商服务中心", Decimal("2.5"), "市营商办专家"),
    (StudyActivity.Kind.PARTY_SCHOOL, "县委党校科级干部培训班", "组织人事科", Decimal("16"), "县委党校"),
    (StudyActivity.Kind.RESEARCH, "景区旅游服务质量调研", "景区管理站", Decimal("4"), ""),
    (StudyActivity.Kind.CENTRAL_GROUP, "学习《中国共产党纪律处分条例》", "纪检监察室", Decimal("2"), "卓大巨"),
    (StudyActivity.Kind.LECTURE, "依法行政与行政复议专题讲座", "社会事务科", Decimal("2"), "司法局"),
    (StudyActivity.Kind.RESEARCH, "园区企业用工需求调研", "经济发展科", Decimal("6"), ""),
    (StudyActivity.Kind.CENTRAL_GROUP, "学习科学发展观与构建和谐社会", "办公室", Decimal("3"), "卢纪清"),
    (StudyActivity.Kind.LECTURE, "现代经济管理知识讲座", "财务科", Decimal("2"), "财政局"),
    (StudyActivity.Kind.RESEARCH, "农村人居环境整治调研", "环境卫生站", Decimal("5"), ""),
]

MATTERS = [
    "企业开办登记",
    "建设项目规划许可",
    "临时占道审批",
    "户外广告设置",
    "低保申请审核",
    "招商项目备案",
    "环境卫生投诉处理",
]

ISSUES = [
    ("景区停车难", "景区管理站", "public"),
    ("园区道路夜间照明不足", "规划建设科", "enterprise"),
    ("企业用工招聘难", "经济发展科", "enterprise"),
    ("农贸市场周边垃圾清运不及时", "环境卫生站", "public"),
    ("老旧小区雨污分流", "规划建设科", "public"),
    ("项目审批材料重复提交", "招商服务中心", "enterprise"),
    ("村道破损影响出行", "第一管理队", "public"),
    ("景区周边违规摆摊", "第二管理队", "public"),
    ("企业水电报装周期长", "招商服务中心", "enterprise"),
    ("低保资格复核慢", "社会事务科", "public"),
    ("河道保洁不到位", "第三管理队", "public"),
    ("园区公交班次少", "经济发展科", "enterprise"),
    ("景区观光车排队时间长", "景区管理站", "public"),
]

VEHICLES = [
    ("闽A·G1023", "别克GL8", "办公室"),
    ("闽A·G2051", "大众帕萨特", "办公室"),
    ("闽A·G3317", "江铃全顺", "景区管理站"),
]

COORDINATION = [
    # matter, asking, asked, how it went
    ("景区停车场扩建用地协调", "景区管理站", ["规划建设科", "财务科"], "accepted"),
    ("园区企业用工招聘会场地", "经济发展科", ["社会事务科"], "accepted"),
    ("农贸市场周边环境整治联合执法", "环境卫生站", ["第一管理队"], "bounced"),
    ("招商项目环评材料补正", "招商服务中心", ["规划建设科"], "declined"),
    ("防汛物资调拨", "社会事务科", ["财务科", "第三管理队"], "overdue"),
    ("景区旅游厕所改造选址", "规划建设科", ["景区管理站", "环境卫生站"], "pending"),
]

INDICATORS = [
    (Pillar.Type.LEARNING, "人均学习时长（自动）", "registers.study_hours_per_cadre", "小时", "4", "higher",
     "quarterly"),
    (Pillar.Type.LEARNING, "学习出勤率（自动）", "registers.attendance_rate", "%", "90", "higher", "quarterly"),
    (Pillar.Type.LEARNING, "调研报告数（自动）", "registers.research_reports", "篇", "1", "higher", "quarterly"),
    (Pillar.Type.EFFICIENCY, "会议次数（自动）", "registers.meetings", "次", "4", "lower", "monthly"),
    (Pillar.Type.EFFICIENCY, "发文数量（自动）", "registers.documents", "件", "12", "lower", "quarterly"),
    (Pillar.Type.EFFICIENCY, "平均办理天数（自动）", "registers.processing_days", "天", "5", "lower", "monthly"),
    (Pillar.Type.EFFICIENCY, "按时办结率（自动）", "registers.cases_on_time", "%", "95", "higher", "monthly"),
    (Pillar.Type.SERVICE, "群众反映问题按时解决率（自动）", "registers.issues_resolved_on_time", "%", "90", "higher",
     "quarterly"),
    (Pillar.Type.SERVICE, "未解决问题数（自动）", "registers.issues_open", "件", "0", "lower", "monthly"),
    (Pillar.Type.INTEGRITY, "违规用车疑点（自动）", "registers.flagged_trips", "次", "0", "lower", "monthly"),
    (Pillar.Type.HARMONY, "协调事项平均答复天数（自动）", "registers.response_days", "天", "3", "lower", "quarterly"),
    (Pillar.Type.HARMONY, "协调事项升级次数（自动）", "registers.escalations", "次", "0", "lower", "quarterly"),
]  # fmt: skip


def _aware(day, hour, minute=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _days(start, end, step):
    day = start
    while day <= end:
        yield day
        day += datetime.timedelta(days=step)


def load(*, context):
    rng = random.Random(2026)
    campaign, departments, people = context["campaign"], context["departments"], context["people"]
    today = timezone.localdate()
    year = campaign.year
    start = campaign.start or datetime.date(year, 1, 1)
    last = min(campaign.end or datetime.date(year, 12, 31), today)
    staff = [p for p in people.values() if p.department_id]

    RegisterPolicy.objects.update_or_create(
        effective_from=datetime.date(year, 1, 1),
        defaults={
            "meetings_per_month": 4,
            "attendees_per_meeting": 30,
            "minutes_per_meeting": 90,
            "documents_per_quarter": 12,
            "note": "会议、文件精简控制标准",
        },
    )
    for name, first, final, workdays in HOLIDAYS_2026:
        for day in _days(datetime.date.fromisoformat(first), datetime.date.fromisoformat(final), 1):
            Holiday.objects.update_or_create(date=day, defaults={"name": name, "kind": Holiday.Kind.HOLIDAY})
        for day in workdays:
            Holiday.objects.update_or_create(
                date=datetime.date.fromisoformat(day),
                defaults={"name": f"{name}调休上班", "kind": Holiday.Kind.WORKDAY},
            )

    # Learning: a study activity every month or so, with attendance, and reports from research visits.
    span = max((last - start).days, 1)
    for index, (kind, topic, organiser, hours, speaker) in enumerate(STUDY):
        day = start + datetime.timedelta(days=int(span * (index + 0.5) / len(STUDY)))
        activity, _created = StudyActivity.objects.update_or_create(
            department=departments[organiser],
            topic=topic,
            defaults={"kind": kind, "date": day, "hours": hours, "speaker": speaker, "place": "管委会三楼会议室"},
        )
        called = rng.sample(staff, k=min(len(staff), 12))
        for person in called:
            status = rng.choices(
                [Attendance.Status.PRESENT, Attendance.Status.EXCUSED, Attendance.Status.ABSENT], [85, 10, 5]
            )[0]
            Attendance.objects.get_or_create(activity=activity, person=person, defaults={"status": status})
        if kind == StudyActivity.Kind.RESEARCH:
            ResearchReport.objects.update_or_create(
                department=departments[organiser],
                title=f"关于{topic.removesuffix('调研')}的调研报告",
                defaults={
                    "submitted": min(day + datetime.timedelta(days=14), last),
                    "activity": activity,
                    "author": next((p for p in staff if p.department_id == departments[organiser].pk), None),
                    "summary": "深入基层走访座谈，梳理问题清单，提出对策建议。",
                },
            )

    # Efficiency: meetings (one department holds too many in one month), documents, service cases.
    meeting_departments = ["办公室", "经济发展科", "社会事务科", "景区管理站", "规划建设科"]
    for month_start in _days(start, last, 30):
        for name in meeting_departments:
            for n in range(rng.randint(1, 3) + (2 if name == "办公室" and month_start.month == 3 else 0)):
                day = month_start + datetime.timedelta(days=rng.randint(0, 26))
                attendees = rng.choice([12, 15, 18, 20, 25, 28, 30, 36])
                minutes = rng.choice([40, 45, 60, 60, 75, 90, 90, 120])
                if day > last:  # keep drawing numbers so that earlier months stay the same from day to day
                    continue
                Meeting.objects.update_or_create(
                    department=departments[name],
                    date=day,
                    title=f"{name}{['周例会', '工作推进会', '专题协调会', '安全生产会'][n % 4]}",
                    defaults={
                        "kind": Meeting.Kind.WORKING if n % 2 == 0 else Meeting.Kind.SPECIAL,
                        "attendees": attendees,
                        "duration_minutes": minutes,
                    },
                )
    serial = 0
    for name in ["办公室", "经济发展科", "组织人事科", "规划建设科"]:
        for day in _days(start + datetime.timedelta(days=3), last, 7 if name == "办公室" else 19):
            serial += 1
            prefix = {"办公室": "管办", "经济发展科": "管经", "组织人事科": "管组", "规划建设科": "管建"}[name]
            Document.objects.update_or_create(
                department=departments[name],
                number=f"{prefix}〔{year}〕{serial}号",
                defaults={"title": f"关于{rng.choice(MATTERS)}有关事项的通知", "issued": day},
            )
    case_departments = ["招商服务中心", "规划建设科", "社会事务科", "环境卫生站"]
    for number, day in enumerate(_days(start + datetime.timedelta(days=2), last, 4), start=1):
        name = case_departments[number % len(case_departments)]
        promised = rng.choice([3, 5, 7, 10])
        taken = max(1, promised + rng.choice([-3, -2, -2, -1, -1, -1, 0, 0, 0, 2]))
        completed = day + datetime.timedelta(days=taken)
        ServiceCase.objects.update_or_create(
            department=departments[name],
            reference=f"SL{year}{number:04d}",
            defaults={
                "matter": MATTERS[number % len(MATTERS)],
                "applicant": rng.choice(["闽江食品有限公司", "林某某", "海峡物流公司", "陈某某", "景区商户协会"]),
                "received": day,
                "promised_days": promised,
                "due": rules.due_date(received=day, allowed_days=promised),
                "completed": completed if completed <= last - datetime.timedelta(days=3) else None,
            },
        )

    # Service: public issues (some late, some still open) and service visits.
    for number, (title, name, source) in enumerate(ISSUES, start=1):
        received = start + datetime.timedelta(days=int(span * number / (len(ISSUES) + 1)))
        if number == len(ISSUES):
            received = last - datetime.timedelta(days=6)
        deadline = received + datetime.timedelta(days=rng.choice([15, 20, 30]))
        resolved = received + datetime.timedelta(days=rng.choice([7, 12, 18, 25, 35]))
        done = resolved <= last - datetime.timedelta(days=5) and number % 5 != 0 and number != len(ISSUES)
        PublicIssue.objects.update_or_create(
            reference=f"RX{year}{number:03d}",
            defaults={
                "title": title,
                "department": departments[name],
                "source": source,
                "raised_by_name": "12345热线" if source == "public" else "企业服务直通车",
                "received": received,
                "deadline": deadline,
                "status": PublicIssue.Status.RESOLVED if done else PublicIssue.Status.IN_PROGRESS,
                "resolved": resolved if done else None,
                "resolution": "已会同相关部门现场处理并回访，群众表示满意。" if done else "",
            },
        )
    for number, day in enumerate(_days(start + datetime.timedelta(days=20), last, 40), start=1):
        name = ["第一管理队", "第二管理队", "第三管理队", "社会事务科"][number % 4]
        visit, _created = ServiceVisit.objects.update_or_create(
            department=departments[name],
            date=day,
            place=["后溪村", "前洋村", "园区企业服务站", "东岭社区"][number % 4],
            defaults={
                "purpose": "服务到家乡，建设新农村：走访困难群众、宣讲政策",
                "outcome": "收集意见建议3条，现场解决1件。",
            },
        )
        visit.participants.set([p for p in staff if p.department_id == departments[name].pk][:3])

    # Integrity: vehicles and their trips; a few off-hours trips lack an approval.
    vehicles = []
    for plate, model_name, name in VEHICLES:
        vehicle, _created = Vehicle.objects.update_or_create(
            plate=plate, defaults={"model_name": model_name, "department": departments[name]}
        )
        vehicles.append(vehicle)
    drivers = [people["梁舒"], people["林志坚"], people["许国平"]]
    for number, day in enumerate(_days(start + datetime.timedelta(days=1), last, 5), start=1):
        vehicle = vehicles[number % len(vehicles)]
        hour = [9, 14, 8, 22, 10, 15, 19][number % 7]
        begin = _aware(day, hour, 30 if hour != 22 else 10)
        approved = number % 4 != 0
        trip = Trip.objects.filter(vehicle=vehicle, start=begin).first() or Trip(vehicle=vehicle, start=begin)
        trip.department = vehicle.department
        trip.driver = drivers[number % len(drivers)]
        trip.end = begin + datetime.timedelta(hours=rng.choice([1, 2, 3]))
        trip.purpose = ["送文件至县政府", "陪同检查组调研", "景区安全巡查", "接待来访企业", "防汛物资运送"][number % 5]
        trip.destination = ["县政府", "景区", "园区", "后溪村"][number % 4]
        trip.distance_km = Decimal(rng.randint(8, 90))
        trip.approval_number = f"用车{year}-{number:03d}" if approved else ""
        services.record_prepare(instance=trip)
        trip.save()

    # Harmony: coordination requests, one passed on (推诿扯皮), one left unanswered past its deadline.
    for index, (matter, asking, asked, outcome) in enumerate(COORDINATION):
        days_ago = 2 if outcome == "pending" else 60 - index * 10
        sent = timezone.make_aware(
            datetime.datetime.combine(last - datetime.timedelta(days=days_ago), datetime.time(9, 0))
        )
        deadline = timezone.localdate(sent) + datetime.timedelta(days=7)
        request, created = CoordinationRequest.objects.get_or_create(
            department=departments[asking],
            matter=matter,
            defaults={"deadline": deadline, "detail": f"请协助办理：{matter}。"},
        )
        if not created:
            continue
        CoordinationRequest.objects.filter(pk=request.pk).update(created=sent)
        for number, name in enumerate(asked):
            target = CoordinationTarget.objects.create(request=request, department=departments[name])
            CoordinationTarget.objects.filter(pk=target.pk).update(created=sent)
            answered = sent + datetime.timedelta(days=1 + number + index % 3, hours=3)
            if outcome in ("overdue", "pending"):
                continue
            if outcome == "bounced":
                CoordinationTarget.objects.filter(pk=target.pk).update(
                    status=CoordinationTarget.Status.PASSED_ON,
                    reason="该事项属环境卫生站职责范围",
                    answered_at=answered,
                )
                second = CoordinationTarget.objects.create(
                    request=request, department=departments["第二管理队"], passed_from=target
                )
                CoordinationTarget.objects.filter(pk=second.pk).update(
                    created=answered,
                    status=CoordinationTarget.Status.PASSED_ON,
                    reason="不在本队辖区，建议由第一管理队牵头",
                    answered_at=answered + datetime.timedelta(days=2),
                )
                third = CoordinationTarget.objects.create(
                    request=request, department=departments["社会事务科"], passed_from=second
                )
                CoordinationTarget.objects.filter(pk=third.pk).update(
                    created=answered + datetime.timedelta(days=2),
                    status=CoordinationTarget.Status.ACCEPTED,
                    reason="由我科牵头组织联合执法",
                    answered_at=answered + datetime.timedelta(days=4),
                )
            else:
                status = (
                    CoordinationTarget.Status.DECLINED if outcome == "declined" else CoordinationTarget.Status.ACCEPTED
                )
                CoordinationTarget.objects.filter(pk=target.pk).update(
                    status=status,
                    reason="材料不齐，请补充环评批复后再议" if outcome == "declined" else "同意，已安排专人对接",
                    answered_at=answered,
                )
    services.coordination_escalate_overdue(today=today)

    # Checks and the indicators that compute themselves.
    services.caps_refresh_all()
    services.trips_flags_refresh()
    first_flagged = Trip.objects.filter(is_flagged=True).order_by("start").first()
    if first_flagged and not first_flagged.reviewed_at:
        services.trip_review(trip=first_flagged, note="经核实为防汛应急出车，已补办审批手续")
    pillars = {p.type: p for p in Pillar.objects.filter(campaign=campaign)}
    for order, (pillar_type, name, source, unit, target, direction, frequency) in enumerate(INDICATORS, start=100):
        if pillar_type not in pillars:
            continue
        Indicator.objects.update_or_create(
            pillar=pillars[pillar_type],
            name=name,
            defaults={
                "source": source,
                "unit": unit,
                "target": Decimal(target),
                "direction": direction,
                "frequency": frequency,
                "order": order,
                "description": "由登记簿自动计算。",
            },
        )
    services.indicators_recompute(sources=[row[2] for row in INDICATORS], today=today)
