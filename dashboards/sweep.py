"""The one scheduled sweep: who must hear about what today, recorded in the ledger before anything is sent.

Collectors turn the day's state into items (recipient, ledger key, lines). Delivery claims each item in the
ledger (notifications.SentReminder) and sends ONE consolidated message per person with the items it could claim:
a second run the same day, a retried task or a second beat finds every item claimed and sends nothing.
"""

import logging
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from campaigns.choices import Light
from campaigns.models import Measure, ProgressUpdate
from leadership.models import Department
from leadership.selectors import current_campaign
from notifications.models import Notification
from notifications.services import Section, notification_send, reminder_claim, reminders_claim, reminders_mark_sent

from . import conf, selectors
from .models import ReportRun
from .reports import _optional

logger = logging.getLogger(__name__)


class Kind:
    """Ledger kinds (with the section each is shown under)."""

    DUE = "due_reminder"
    ESCALATION = "overdue_escalation"
    DIGEST = "weekly_digest"
    CAP = "reception_cap"
    RATER = "rater_reminder"
    MONTHLY_REPORT = "monthly_report"


SECTION_ORDER = [Kind.ESCALATION, Kind.DUE, Kind.RATER, Kind.CAP, Kind.DIGEST]
NOTIFICATION_KIND = {
    Kind.DUE: Notification.Kind.DUE_REMINDER,
    Kind.ESCALATION: Notification.Kind.ESCALATION,
    Kind.DIGEST: Notification.Kind.DIGEST,
    Kind.CAP: Notification.Kind.CAP_WARNING,
    Kind.RATER: Notification.Kind.RATER_REMINDER,
}


def section_heading(kind: str) -> str:
    return {
        Kind.DUE: _("Measures due soon"),
        Kind.ESCALATION: _("Overdue measures in your charge"),
        Kind.DIGEST: _("Weekly digest"),
        Kind.CAP: _("Reception spending against the cap"),
        Kind.RATER: _("Ballots waiting for your vote"),
    }[kind]


@dataclass
class Item:
    """Something one person should hear about, under a ledger key that makes it go out at most once."""

    recipient_id: int
    kind: str
    key: str
    date: date
    lines: list = field(default_factory=list)  # dicts: text, link
    ledger_kind: str = ""

    def __post_init__(self):
        self.ledger_kind = self.ledger_kind or self.kind


def _measure_url(measure) -> str:
    try:
        return reverse("campaigns:measure-detail", args=[measure.pk])
    except NoReverseMatch:
        return ""


def _url(name, *args) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


# --- collectors -----------------------------------------------------------------------------------------------------


def due_reminder_items(*, campaign, today) -> list[Item]:
    """Before a measure's due date (configurable days, default 7 and 1) to its department's contact.

    A measure gets the reminder of the smallest threshold it has reached, keyed by its due date, so moving the due
    date starts again and a sweep that missed a day sends the nearer reminder only.
    """
    days = conf.reminder_days()
    if not days:
        return []
    measures = (
        Measure.objects.filter(
            pillar__campaign=campaign,
            status__in=Measure.OPEN_STATUSES,
            due__gte=today,
            due__lte=today + timedelta(days=max(days)),
            lead_department__contact__user__isnull=False,
            lead_department__contact__user__is_active=True,
        )
        .select_related("lead_department__contact", "pillar")
        .order_by("due", "pk")
    )
    items = []
    for measure in measures:
        left = (measure.due - today).days
        threshold = min(d for d in days if left <= d)
        when = _("today") if left == 0 else ngettext("in %(n)d day", "in %(n)d days", left) % {"n": left}
        text = _("%(title)s (%(pillar)s) is due %(when)s, on %(due)s; progress %(progress)d%%.") % {
            "title": measure.title,
            "pillar": measure.pillar.name,
            "when": when,
            "due": measure.due.isoformat(),
            "progress": measure.progress,
        }
        items.append(
            Item(
                recipient_id=measure.lead_department.contact.user_id,
                kind=Kind.DUE,
                ledger_kind=f"{Kind.DUE}_{threshold}",
                key=f"measure:{measure.pk}",
                date=measure.due,
                lines=[{"text": text, "link": _measure_url(measure)}],
            )
        )
    return items


def escalation_date(*, due, today, repeat) -> date:
    """The ledger date of an escalation: the day after the due date, again every `repeat` days (0: once)."""
    if not repeat:
        return due + timedelta(days=1)
    windows = ((today - due).days - 1) // repeat
    return due + timedelta(days=1 + windows * repeat)


def escalation_items(*, campaign, today) -> list[Item]:
    """Overdue measures to the leader in charge: the responsible leader, else the department's, else the pillar's."""
    repeat = conf.escalation_repeat_days()
    measures = selectors.measures_with_light(
        measures=Measure.objects.filter(pillar__campaign=campaign, status__in=Measure.OPEN_STATUSES, due__lt=today),
        campaign=campaign,
        today=today,
    ).order_by("due", "pk")
    items = []
    for measure in measures:
        recipient_id = (
            (measure.responsible_leader.user_id if measure.responsible_leader_id else None)
            or measure.charge_leader_user_id
            or (measure.pillar.leader_in_charge.user_id if measure.pillar.leader_in_charge_id else None)
        )
        if not recipient_id:
            continue
        late = (today - measure.due).days
        text = _("%(title)s — %(department)s, due %(due)s, %(late)s late; progress %(progress)d%%.") % {
            "title": measure.title,
            "department": measure.lead_department.name if measure.lead_department_id else _("not assigned"),
            "due": measure.due.isoformat(),
            "late": ngettext("%(n)d day", "%(n)d days", late) % {"n": late},
            "progress": measure.progress,
        }
        items.append(
            Item(
                recipient_id=recipient_id,
                kind=Kind.ESCALATION,
                key=f"measure:{measure.pk}",
                date=escalation_date(due=measure.due, today=today, repeat=repeat),
                lines=[{"text": text, "link": _measure_url(measure)}],
            )
        )
    return items


def week_start(today) -> date:
    return today - timedelta(days=today.weekday())


def digest_items(*, campaign, today) -> list[Item]:
    """One weekly digest per leader about the measures in their charge; none when there is nothing to say."""
    if today.weekday() < conf.digest_weekday():
        return []
    items = []
    since = today - timedelta(days=7)
    for person in selectors.leaders(campaign=campaign, today=today):
        departments, pillars, is_group_leader = selectors.person_charge(person=person, campaign=campaign, today=today)
        scope = Measure.objects.filter(pillar__campaign=campaign)
        if not is_group_leader:
            scope = scope.filter(
                Q(lead_department_id__in=departments) | Q(pillar_id__in=pillars) | Q(responsible_leader=person)
            )
        lights = selectors.measures_with_light(measures=scope, campaign=campaign, today=today)
        counts = dict.fromkeys(Light.values, 0)
        for row in lights.order_by().values("light").annotate(n=Count("pk")):
            counts[row["light"]] = row["n"]
        updates = ProgressUpdate.objects.filter(measure__in=scope, date__gte=since).count()
        if not (counts[Light.RED] or counts[Light.YELLOW] or counts[Light.BLUE] or updates):
            continue
        progress = selectors.overall_progress(None, scope)
        dashboard = _url("dashboards:leader")
        lines = [
            {
                "text": _("Weighted progress of the measures in your charge: %(progress)s.")
                % {"progress": f"{progress}%" if progress is not None else "—"},
                "link": dashboard,
            },
            {
                "text": _("%(red)d overdue, %(yellow)d behind schedule, %(blue)d due within a week.")
                % {"red": counts[Light.RED], "yellow": counts[Light.YELLOW], "blue": counts[Light.BLUE]},
                "link": dashboard,
            },
            {
                "text": ngettext(
                    "%(n)d progress update posted in the last 7 days.",
                    "%(n)d progress updates posted in the last 7 days.",
                    updates,
                )
                % {"n": updates},
                "link": "",
            },
        ]
        for measure in lights.filter(light=Light.RED).order_by("due", "pk")[:5]:
            lines.append(
                {
                    "text": _("Overdue: %(title)s (%(department)s, due %(due)s)")
                    % {
                        "title": measure.title,
                        "department": measure.lead_department.name if measure.lead_department_id else "—",
                        "due": measure.due.isoformat(),
                    },
                    "link": _measure_url(measure),
                }
            )
        items.append(
            Item(
                recipient_id=person.user_id,
                kind=Kind.DIGEST,
                key=f"person:{person.pk}",
                date=week_start(today),
                lines=lines,
            )
        )
    return items


def cap_warning_items(*, today) -> list[Item]:
    """Reception spending at a warning level of its cap (the reception app's thresholds), to the department contact;
    the whole bureau's cap to the office. Once per level per year."""
    spend_against_caps = _optional("reception.selectors", "spend_against_caps")
    if spend_against_caps is None:
        return []
    usages = [u for u in spend_against_caps(year=today.year) if u.level in ("warning", "alert", "over")]
    if not usages:
        return []
    contacts = dict(
        Department.objects.filter(pk__in=[u.department_id for u in usages if u.department_id])
        .filter(contact__user__isnull=False)
        .values_list("pk", "contact__user_id")
    )
    office = _office_user_ids() if any(u.is_bureau for u in usages) else []
    items = []
    for usage in usages:
        recipients = (
            office if usage.is_bureau else [contacts[usage.department_id]] if usage.department_id in contacts else []
        )
        text = _("%(who)s has spent %(spend)s yuan of its %(cap)s yuan reception cap for %(year)d (%(percent)s%%).") % {
            "who": usage.department_name or _("The whole bureau"),
            "spend": usage.spend,
            "cap": usage.cap,
            "year": usage.year,
            "percent": usage.percent,
        }
        for user_id in recipients:
            items.append(
                Item(
                    recipient_id=user_id,
                    kind=Kind.CAP,
                    ledger_kind=f"{Kind.CAP}_{usage.level}",
                    key=f"budget:{usage.department_id or 'bureau'}:{usage.year}",
                    date=date(usage.year, 1, 1),
                    lines=[{"text": text, "link": _url("reception:budget-list")}],
                )
            )
    return items


def _office_user_ids() -> list[int]:
    from liujiguan.permissions import Role

    return list(
        get_user_model()
        .objects.filter(groups__name=Role.OFFICE, is_active=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def rater_items(*, now) -> list[Item]:
    """Internal raters who have not voted in rounds closing soon (the evaluations app says who)."""
    rater_reminders_due = _optional("evaluations.services", "rater_reminders_due")
    if rater_reminders_due is None:
        return []
    items = []
    for user, round_ in rater_reminders_due(now=now):
        closes = timezone.localtime(round_.closes_at)
        items.append(
            Item(
                recipient_id=user.pk,
                kind=Kind.RATER,
                key=f"round:{round_.pk}",
                date=closes.date(),
                lines=[
                    {
                        "text": _("%(round)s closes on %(closes)s and you have not voted yet.")
                        % {"round": round_.title, "closes": closes.strftime("%Y-%m-%d %H:%M")},
                        "link": _url("evaluations:my-ballots")
                        or _url("evaluations:round-list")
                        or _safe_absolute_url(round_),
                    }
                ],
            )
        )
    return items


def _safe_absolute_url(obj) -> str:
    try:
        return obj.get_absolute_url()
    except (AttributeError, NoReverseMatch):
        return ""


# --- delivery -------------------------------------------------------------------------------------------------------


def deliver(items: list[Item]) -> dict:
    """Claim every item in the ledger, then send one message per person with what they have not had yet."""
    by_recipient: dict[int, list[Item]] = {}
    for item in items:
        by_recipient.setdefault(item.recipient_id, []).append(item)
    # The person comes along for the address of a login without one of its own (notifications.services.user_email).
    users = get_user_model().objects.select_related("person").in_bulk(by_recipient.keys())
    claimed_total = messages = 0
    for recipient_id in sorted(by_recipient):
        user = users.get(recipient_id)
        if user is None or not user.is_active:
            continue
        # One statement claims all of this person's items; each ledger row goes with the first item asking for it.
        reminders = {
            (r.key, r.kind, r.date): r
            for r in reminders_claim(
                reminders=[(item.key, item.ledger_kind, item.date) for item in by_recipient[recipient_id]],
                recipient=user,
            )
        }
        claimed = []
        for item in by_recipient[recipient_id]:
            claim = reminders.pop((item.key, item.ledger_kind, item.date), None)
            if claim is not None:
                claimed.append((item, claim))
        if not claimed:
            continue
        claimed_total += len(claimed)
        sections = []
        for kind in SECTION_ORDER:
            lines = [line for item, _claim in claimed if item.kind == kind for line in item.lines]
            if lines:
                sections.append(Section(heading=section_heading(kind), lines=lines))
        kinds = {item.kind for item, _claim in claimed}
        title = _message_title(claimed)
        notification = notification_send(
            recipient=user,
            title=title,
            sections=sections,
            link=_url("dashboards:home"),
            kind=NOTIFICATION_KIND[kinds.pop()] if len(kinds) == 1 else Notification.Kind.SWEEP,
        )
        reminders_mark_sent(reminders=[claim for _item, claim in claimed], notification=notification)
        messages += 1
    return {"items": len(items), "claimed": claimed_total, "messages": messages}


def _message_title(claimed) -> str:
    counts = {}
    for item, _claim in claimed:
        counts[item.kind] = counts.get(item.kind, 0) + 1
    parts = []
    if counts.get(Kind.ESCALATION):
        parts.append(
            ngettext("%(n)d overdue measure", "%(n)d overdue measures", counts[Kind.ESCALATION])
            % {"n": counts[Kind.ESCALATION]}
        )
    if counts.get(Kind.DUE):
        parts.append(
            ngettext("%(n)d measure due soon", "%(n)d measures due soon", counts[Kind.DUE]) % {"n": counts[Kind.DUE]}
        )
    if counts.get(Kind.RATER):
        parts.append(
            ngettext("%(n)d ballot to cast", "%(n)d ballots to cast", counts[Kind.RATER]) % {"n": counts[Kind.RATER]}
        )
    if counts.get(Kind.CAP):
        parts.append(_("reception cap warning"))
    if counts.get(Kind.DIGEST):
        parts.append(_("weekly digest"))
    return _("Reminders: %(items)s") % {"items": _(", ").join(parts)}


def monthly_report(*, campaign, today) -> ReportRun | None:
    """From the configured day of each month, one report run of the current campaign, sent to the leading group."""
    day = conf.monthly_report_day()
    if campaign is None or not day or today.day < day:
        return None
    if reminder_claim(key=f"campaign:{campaign.pk}", kind=Kind.MONTHLY_REPORT, date=today.replace(day=1)) is None:
        return None
    from .services import report_request

    return report_request(campaign=campaign, trigger=ReportRun.Trigger.SCHEDULED, send_to_group=True)


def sweep_run(*, now=None) -> dict:
    """Run every collector for today, deliver, and start the monthly report when it is due."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    campaign = current_campaign()
    items: list[Item] = []
    if campaign is not None:
        items += due_reminder_items(campaign=campaign, today=today)
        items += escalation_items(campaign=campaign, today=today)
        items += digest_items(campaign=campaign, today=today)
    items += cap_warning_items(today=today)
    items += rater_items(now=now)
    result = deliver(items)
    run = monthly_report(campaign=campaign, today=today)
    result["report_run"] = run.pk if run else None
    logger.info("sweep %s: %s", today, result)
    return result
