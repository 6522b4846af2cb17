"""Build the benchmark data set at a given scale on a freshly migrated PostgreSQL database.

    DJANGO_SETTINGS_MODULE=liujiguan.settings_test DATABASE_URL=postgres://…/lj_bench_1x \
        .venv/bin/python -m bench.generate --scale 1

Scale 1 is a real county bureau (50 departments, 1,000 measures, 10,000 progress updates, 20,000 reception records,
50,000 ballot responses); scale 10 is ten times that. Small tables go through bulk_create, the big ones through
PostgreSQL COPY, so that scale 10 builds in a few minutes on two cores. History tables are left empty: the pages
measured do not read them. The data is deterministic (seeded) so that two runs compare like with like.
"""

import argparse
import datetime
import io
import json
import math
import random
import sys
import time
from decimal import Decimal

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from campaigns.models import Campaign, Indicator, IndicatorReading, Measure, Pillar, ProgressUpdate  # noqa: E402
from disclosure.models import CampaignPublication, Commitment, NewsItem, ReceptionDisclosure  # noqa: E402
from evaluations.models import Ballot, RaterGroup, Response, Round  # noqa: E402
from evaluations.services import round_create  # noqa: E402
from leadership.models import Charge, Department, Membership, Person  # noqa: E402
from liujiguan.permissions import Role  # noqa: E402
from liujiguan.roles import role_groups_ensure  # noqa: E402
from reception.models import Budget, ReceptionPolicy, ReceptionRecord  # noqa: E402

BASE = {
    "departments": 50,
    "measures": 1_000,
    "progress_updates": 10_000,
    "reception_records": 20_000,
    "ballot_responses": 50_000,
}
PASSWORD = "bench-Pass-123"
SEED = 20260101
PILLARS = [
    (Pillar.Type.LEARNING, "学习型机关", "大兴学习调研之风"),
    (Pillar.Type.SERVICE, "服务型机关", "全心全意为人民服务"),
    (Pillar.Type.EFFICIENCY, "效率型机关", "马上就办，办就办好"),
    (Pillar.Type.THRIFT, "节约型机关", "勤俭办一切事业"),
    (Pillar.Type.INTEGRITY, "廉政型机关", "干部清正、政府清廉"),
    (Pillar.Type.HARMONY, "和谐型机关", "团结协作、心齐气顺"),
]
VERBS = ["开展", "推进", "落实", "完善", "建立", "组织", "深化", "健全"]
OBJECTS = [
    "政策理论学习",
    "窗口服务规范",
    "限时办结制度",
    "节能降耗措施",
    "廉政风险防控",
    "干部谈心谈话",
    "督查督办机制",
]
UNITS = ["省厅办公室", "市财政局", "邻县文旅局", "省检查组", "市发改委", "兄弟县考察团", "市审计局", "省调研组"]
CITIES = ["杭州", "宁波", "温州", "绍兴", "金华", "台州", "丽水", "衢州"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"


def _text(value) -> str:
    if value is None:
        return "\\N"
    if value is True or value is False:
        return "t" if value else "f"
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def copy_rows(model, fields, rows):
    """Write plain tuples (one value per field name, in order) with COPY in text format: much faster than building
    model instances, which is what makes the big tables at 10x take seconds, not minutes."""
    opts = model._meta
    # Columns not given take their model default, as an INSERT through the ORM would.
    extra = [
        f
        for f in opts.concrete_fields
        if f.name not in fields
        and f.attname not in fields
        and not f.primary_key
        and (f.has_default() or (not f.null and f.empty_strings_allowed))
    ]
    tail = "".join("\t" + _text(f.get_default()) for f in extra)
    columns = ", ".join(connection.ops.quote_name(opts.get_field(name).column) for name in fields)
    columns += "".join(", " + connection.ops.quote_name(f.column) for f in extra)
    buffer = io.StringIO()
    buffer.writelines("\t".join(map(_text, row)) + tail + "\n" for row in rows)
    buffer.seek(0)
    with connection.cursor() as cursor:
        cursor.cursor.copy_expert(f"COPY {connection.ops.quote_name(opts.db_table)} ({columns}) FROM STDIN", buffer)


def chunks(iterable_factory, total, size=50_000):
    """Yield lists of at most `size` objects built by iterable_factory(start, stop)."""
    for start in range(0, total, size):
        yield iterable_factory(start, min(total, start + size))


class Builder:
    def __init__(self, scale: int):
        self.scale = scale
        self.n = {key: value * scale for key, value in BASE.items()}
        self.rng = random.Random(SEED + scale)
        self.today = timezone.localdate()
        self.now = timezone.now()
        self.year = self.today.year
        self.timings = {}

    def step(self, name, function):
        started = time.perf_counter()
        with transaction.atomic():
            function()
        self.timings[name] = round(time.perf_counter() - started, 2)
        print(f"  {name}: {self.timings[name]} s", flush=True)

    # --- organisation ----------------------------------------------------------------------------------------------

    def make_organisation(self):
        groups = role_groups_ensure()
        User = get_user_model()
        password = make_password(PASSWORD)
        n_dept = self.n["departments"]
        n_deputies = 5 * self.scale
        kinds = list(Department.Kind.values)
        self.departments = Department.objects.bulk_create(
            Department(name=f"第{i + 1:04d}科室", kind=kinds[i % 4], order=i, phone=f"0571-8{i:07d}")
            for i in range(n_dept)
        )
        specials = [("admin", Role.ADMIN), ("office", Role.OFFICE), ("leader", Role.LEADER)]
        specials += [(f"deputy{i + 1:03d}", Role.LEADER) for i in range(n_deputies)]
        specials += [(f"dept{i + 1:04d}", Role.DEPARTMENT) for i in range(n_dept)]
        users = User.objects.bulk_create(
            User(
                username=name,
                password=password,
                email=f"{name}@bench.invalid",
                is_superuser=role == Role.ADMIN,
                is_staff=role in (Role.ADMIN, Role.OFFICE),
            )
            for name, role in specials
        )
        through = User.groups.through
        through.objects.bulk_create(
            through(user_id=user.pk, group_id=groups[role].pk)
            for user, (_name, role) in zip(users, specials, strict=True)
            if role != Role.ADMIN
        )
        self.users = {user.username: user for user in users}
        people = []
        for user, (name, _role) in zip(users, specials, strict=True):
            department = None
            if name.startswith("dept"):
                department = self.departments[int(name[4:]) - 1]
            elif name == "office":
                department = self.departments[0]
            surname = SURNAMES[len(people) % len(SURNAMES)]
            people.append(
                Person(name=f"{surname}{name}", title="科员", department=department, user=user, email=user.email)
            )
        people = Person.objects.bulk_create(people)
        self.people = {p.user_id: p for p in people}
        for department in self.departments:
            department.contact = self.people[self.users[f"dept{department.order + 1:04d}"].pk]
        Department.objects.bulk_update(self.departments, ["contact"])
        self.deputies = [self.people[self.users[f"deputy{i + 1:03d}"].pk] for i in range(n_deputies)]
        Group.objects.filter(pk__in=[g.pk for g in groups.values()])  # touched, nothing else

    def make_campaign(self):
        self.campaign = Campaign.objects.create(
            title="创建六型机关实施方案（基准）",
            year=self.year,
            start=datetime.date(self.year, 1, 1),
            end=datetime.date(self.year, 12, 31),
            status=Campaign.Status.ACTIVE,
            is_current=True,
        )
        self.pillars = Pillar.objects.bulk_create(
            Pillar(
                campaign=self.campaign,
                type=kind,
                name=name,
                slogan=slogan,
                order=i,
                leader_in_charge=self.deputies[i % len(self.deputies)],
            )
            for i, (kind, name, slogan) in enumerate(PILLARS)
        )
        leader = self.people[self.users["leader"].pk]
        memberships = [Membership(campaign=self.campaign, person=leader, role=Membership.Role.LEADER, order=0)]
        memberships += [
            Membership(campaign=self.campaign, person=p, role=Membership.Role.DEPUTY, order=i + 1)
            for i, p in enumerate(self.deputies)
        ]
        office = self.people[self.users["office"].pk]
        memberships.append(Membership(campaign=self.campaign, person=office, role=Membership.Role.OFFICE_DIRECTOR))
        Membership.objects.bulk_create(memberships)
        Charge.objects.bulk_create(
            Charge(campaign=self.campaign, person=self.deputies[i % len(self.deputies)], department=d)
            for i, d in enumerate(self.departments)
        )

    # --- measures and progress ------------------------------------------------------------------------------------

    STATUS_WEIGHTS = [
        (Measure.Status.ISSUED, 15),
        (Measure.Status.ACKNOWLEDGED, 15),
        (Measure.Status.IN_PROGRESS, 35),
        (Measure.Status.REPORTED, 10),
        (Measure.Status.VERIFIED, 20),
        (Measure.Status.RETURNED, 3),
        (Measure.Status.CANCELLED, 2),
    ]

    def measure_rows(self, count, *, pillars, departments, people, prefix="措施"):
        """Plain dicts of measure fields (shared by the generator and the import benchmark)."""
        rng = random.Random(SEED + count)
        statuses, weights = zip(*self.STATUS_WEIGHTS, strict=True)
        start = datetime.date(self.year, 1, 1)
        rows = []
        for i in range(count):
            due = self.today + datetime.timedelta(days=rng.randint(-150, 200))
            due = max(due, start + datetime.timedelta(days=10))
            status = rng.choices(statuses, weights)[0]
            progress = 100 if status in (Measure.Status.REPORTED, Measure.Status.VERIFIED) else rng.randint(0, 95)
            rows.append(
                {
                    "pillar": pillars[i % len(pillars)],
                    "title": f"{prefix}{i + 1:05d}：{rng.choice(VERBS)}{rng.choice(OBJECTS)}",
                    "detail": "按照实施方案要求，明确责任、细化步骤、按期完成并报送佐证材料。",
                    "lead_department": departments[rng.randrange(len(departments))],
                    "responsible_leader": people[i % len(people)] if i % 3 == 0 else None,
                    "start": start,
                    "due": due,
                    "weight": Decimal(rng.choice(["1", "1", "1.5", "2"])),
                    "order": i // len(pillars),
                    "progress": progress,
                    "status": status,
                }
            )
        return rows

    def make_measures(self):
        rows = self.measure_rows(
            self.n["measures"], pillars=self.pillars, departments=self.departments, people=self.deputies
        )
        objects = []
        for row in rows:
            measure = Measure(**row)
            if measure.status != Measure.Status.ISSUED:
                measure.acknowledged_at = self.now - datetime.timedelta(days=60)
            if measure.status in (Measure.Status.REPORTED, Measure.Status.VERIFIED):
                measure.reported_at = self.now - datetime.timedelta(days=10)
            if measure.status == Measure.Status.VERIFIED:
                measure.verified_at = self.now - datetime.timedelta(days=5)
                measure.verified_by = self.users["office"]
            objects.append(measure)
        self.measures = Measure.objects.bulk_create(objects, batch_size=5000)
        links = Measure.cooperating_departments.through
        links.objects.bulk_create(
            (
                links(
                    measure_id=m.pk,
                    department_id=self.departments[(m.lead_department.order + 1) % len(self.departments)].pk,
                )
                for m in self.measures[::4]
            ),
            batch_size=5000,
        )

    def make_progress_updates(self):
        rng = self.rng
        measures = self.measures
        contact_user = {d.pk: self.users[f"dept{d.order + 1:04d}"].pk for d in self.departments}
        start = datetime.date(self.year, 1, 1)
        span = max(1, (self.today - start).days)

        fields = ["created", "modified", "measure", "date", "percent", "note", "author", "department", "is_late"]
        now = self.now

        def build(lo, hi):
            out = []
            for _ in range(lo, hi):
                m = measures[rng.randrange(len(measures))]
                day = start + datetime.timedelta(days=rng.randrange(span))
                out.append(
                    (
                        now,
                        now,
                        m.pk,
                        day,
                        rng.randint(0, 100),
                        "完成阶段性工作，已上传会议记录和照片。",
                        contact_user[m.lead_department_id],
                        m.lead_department_id,
                        bool(m.due and day > m.due),
                    )
                )
            return out

        for batch in chunks(build, self.n["progress_updates"]):
            copy_rows(ProgressUpdate, fields, batch)

    def make_indicators(self):
        indicators = []
        for i, pillar in enumerate(self.pillars):
            indicators.append(Indicator(pillar=pillar, name=f"{pillar.name}综合指数", unit="分", target=Decimal("90")))
            indicators.append(
                Indicator(
                    pillar=pillar,
                    name=f"{pillar.name}完成率",
                    unit="%",
                    target=Decimal("95"),
                    direction=Indicator.Direction.HIGHER if i % 2 else Indicator.Direction.LOWER,
                )
            )
        indicators = Indicator.objects.bulk_create(indicators)
        readings = []
        for month in range(1, self.today.month + 1):
            period_start = datetime.date(self.year, month, 1)
            period_end = (period_start + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
            for indicator in indicators:
                readings.append(
                    (self.now, self.now, indicator.pk, None, period_start, period_end, self.rng.randint(70, 100))
                )
                if indicator.unit == "分":
                    readings.extend(
                        (self.now, self.now, indicator.pk, d.pk, period_start, period_end, self.rng.randint(60, 100))
                        for d in self.departments
                    )
        fields = ["created", "modified", "indicator", "department", "period_start", "period_end", "value"]
        copy_rows(IndicatorReading, fields, readings)

    # --- reception ------------------------------------------------------------------------------------------------

    def make_reception(self):
        ReceptionPolicy.objects.create(
            effective_from=datetime.date(2013, 12, 1), title="本局公务接待规定", host_city="杭州"
        )
        budgets = [
            Budget(year=self.year, department=d, amount=Decimal(self.rng.choice([20000, 30000, 50000])))
            for d in self.departments
        ]
        budgets.append(Budget(year=self.year, department=None, amount=Decimal(40000 * len(self.departments))))
        Budget.objects.bulk_create(budgets)
        rng = self.rng
        departments = self.departments
        recorders = {d.pk: self.users[f"dept{d.order + 1:04d}"].pk for d in departments}
        responsible = {d.pk: d.contact_id for d in departments}
        first = datetime.date(self.year - 1, 1, 1)
        span = (self.today - first).days
        now = self.now
        leader_id = self.users["leader"].pk
        fields = [
            "created",
            "modified",
            "host_department",
            "visiting_unit",
            "visiting_city",
            "letter_reference",
            "activity",
            "guests",
            "highest_rank",
            "start_date",
            "end_date",
            "accompanying_levels",
            "transport_cost",
            "transport_note",
            "other_cost",
            "other_cost_note",
            "payment_method",
            "responsible_person",
            "total_cost",
            "finding_count",
            "over_cap",
            "status",
            "recorded_by",
            "signed_off_by",
            "signed_off_at",
        ]

        def build(lo, hi):
            out = []
            for _ in range(lo, hi):
                d = departments[rng.randrange(len(departments))]
                day = first + datetime.timedelta(days=rng.randrange(span))
                guests = rng.randint(1, 15)
                transport = rng.randint(0, 300)
                other = rng.randint(0, 100)
                meals = guests * 35 * rng.randint(1, 2)
                signed = rng.random() < 0.7
                out.append(
                    (
                        now,
                        now,
                        d.pk,
                        rng.choice(UNITS),
                        rng.choice(CITIES),
                        f"函〔{day.year}〕{rng.randint(1, 300)}号",
                        "工作调研、座谈交流",
                        guests,
                        "处级",
                        day,
                        day + datetime.timedelta(days=rng.choice([0, 0, 1])),
                        1,
                        transport,
                        "",
                        other,
                        "",
                        "公务卡",
                        responsible[d.pk],
                        transport + other + meals,
                        rng.choice([0, 0, 0, 0, 1, 2]),
                        False,
                        ReceptionRecord.Status.SIGNED_OFF.value if signed else ReceptionRecord.Status.RECORDED.value,
                        recorders[d.pk],
                        leader_id if signed else None,
                        now if signed else None,
                    )
                )
            return out

        for batch in chunks(build, self.n["reception_records"]):
            copy_rows(ReceptionRecord, fields, batch)

    # --- evaluations ----------------------------------------------------------------------------------------------

    def make_evaluations(self):
        opens = self.now - datetime.timedelta(days=40)
        round_ = round_create(
            campaign=self.campaign,
            kind=Round.Kind.FOUR_GOOD,
            title=f"{self.year}年度四好科室评议（基准）",
            opens_at=opens,
            closes_at=opens + datetime.timedelta(days=10),
            departments=self.departments,
        )
        criteria = list(round_.criteria.order_by("order"))
        groups = list(round_.rater_groups.order_by("order"))
        per_ballot = len(self.departments) * len(criteria)
        ballots = math.ceil(self.n["ballot_responses"] / per_ballot)
        rng = self.rng
        per_group = {g.pk: 0 for g in groups}
        ballot_rows = []
        responses_left = self.n["ballot_responses"]

        def build(lo, hi):
            out = []
            for b in range(lo, hi):
                group = groups[b % len(groups)]
                per_group[group.pk] += 1
                key = f"{rng.getrandbits(128):032x}"
                ballot_rows.append(
                    Ballot(
                        round=round_,
                        rater_group=group,
                        token_hash=f"{self.scale:02d}{b:062d}",
                        issued_at=opens,
                        used_at=opens + datetime.timedelta(days=1),
                    )
                )
                out.extend(
                    (f"{rng.getrandbits(128):032x}", round_.pk, group.pk, d, c, key, rng.randint(55, 100), submitted)
                    for d in department_ids
                    for c in criterion_ids
                )
            return out

        fields = ["id", "round", "rater_group", "department", "criterion", "ballot_key", "value", "submitted_on"]
        submitted = (opens + datetime.timedelta(days=2)).date()
        department_ids = [d.pk for d in self.departments]
        criterion_ids = [c.pk for c in criteria]
        step = max(1, 50_000 // per_ballot)
        for lo in range(0, ballots, step):
            batch = build(lo, min(ballots, lo + step))
            batch = batch[:responses_left]
            responses_left -= len(batch)
            copy_rows(Response, fields, batch)
        Ballot.objects.bulk_create(ballot_rows, batch_size=5000)
        for group in groups:
            RaterGroup.objects.filter(pk=group.pk).update(
                ballots_issued=per_group[group.pk] + per_group[group.pk] // 10
            )
        from evaluations.services import round_publish

        Round.objects.filter(pk=round_.pk).update(status=Round.Status.CLOSED)
        round_.refresh_from_db()
        round_publish(round=round_, now=self.now)

    # --- public site ----------------------------------------------------------------------------------------------

    def make_disclosure(self):
        CampaignPublication.objects.create(
            campaign=self.campaign, is_published=True, published_at=self.now, introduction="本局创建六型机关进展公开。"
        )
        ReceptionDisclosure.objects.create(year=self.year, is_published=True, published_at=self.now)
        ReceptionDisclosure.objects.create(year=self.year - 1, is_published=True, published_at=self.now)
        Commitment.objects.bulk_create(
            Commitment(
                department=d,
                campaign=self.campaign,
                text="办事群众来访当日登记、限时办结。",
                due_date=self.today + datetime.timedelta(days=self.rng.randint(-60, 120)),
                status=self.rng.choice(Commitment.Status.values[:3]),
                is_published=True,
                published_at=self.now,
            )
            for d in self.departments
        )
        NewsItem.objects.bulk_create(
            NewsItem(
                title=f"工作动态第{i + 1}期",
                slug=f"news-{i + 1}",
                summary="六型机关创建工作稳步推进。",
                body="本月各科室按计划推进创建工作。",
                is_published=True,
                published_at=self.now - datetime.timedelta(days=i),
            )
            for i in range(20)
        )

    def build(self):
        self.step("organisation", self.make_organisation)
        self.step("campaign", self.make_campaign)
        self.step("measures", self.make_measures)
        self.step("progress_updates", self.make_progress_updates)
        self.step("indicators", self.make_indicators)
        self.step("reception", self.make_reception)
        self.step("evaluations", self.make_evaluations)
        self.step("disclosure", self.make_disclosure)
        started = time.perf_counter()
        with connection.cursor() as cursor:
            # What autovacuum does on a live database soon after a bulk load: statistics, and the visibility map
            # that lets counts read an index alone.
            cursor.execute("VACUUM ANALYZE")
        self.timings["analyze"] = round(time.perf_counter() - started, 2)


def counts() -> dict:
    return {
        "departments": Department.objects.count(),
        "measures": Measure.objects.count(),
        "progress_updates": ProgressUpdate.objects.count(),
        "reception_records": ReceptionRecord.objects.count(),
        "ballot_responses": Response.objects.count(),
        "users": get_user_model().objects.count(),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--out", help="write the counts and timings as JSON here")
    parser.add_argument("--stamp", default="", help="version of the generator and migrations, kept with the data")
    args = parser.parse_args(argv)
    if Department.objects.exists():
        sys.exit("the database is not empty: generate into a freshly migrated database")
    started = time.perf_counter()
    builder = Builder(args.scale)
    print(f"generating scale {args.scale}x into {connection.settings_dict['NAME']}", flush=True)
    builder.build()
    total = round(time.perf_counter() - started, 1)
    summary = {"scale": args.scale, "stamp": args.stamp, "seconds": total, "steps": builder.timings, "counts": counts()}
    print(json.dumps(summary, ensure_ascii=False), flush=True)
    if args.out:
        with open(args.out, "w") as handle:
            json.dump(summary, handle, ensure_ascii=False, indent=2)


if __name__ == "__main__":
    main()
