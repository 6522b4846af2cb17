"""Writes of the plan import: read an upload into a draft, and save a reviewed plan into a campaign in one go."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.models import Campaign, CampaignCheck, Measure, Pillar
from campaigns.planparse import ParsedPlan, PlanError, detect_script, parse_plan, read_plan_source, read_plan_text
from leadership.models import Membership, Person
from liujiguan.script import both_scripts, to_hans

from . import rules
from .models import PlanImport
from .selectors import people_match


@dataclass
class SaveResult:
    """What saving did, counted per kind of record: created, updated, unchanged (and posts ended)."""

    campaign: Campaign
    created_campaign: bool = False
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    new_people: list[str] = field(default_factory=list)

    def count(self, kind: str, what: str) -> None:
        bucket = self.counts.setdefault(kind, {"created": 0, "updated": 0, "unchanged": 0})
        bucket[what] = bucket.get(what, 0) + 1

    def as_dict(self) -> dict:
        return {
            "campaign": self.campaign.pk,
            "created_campaign": self.created_campaign,
            "counts": self.counts,
            "new_people": self.new_people,
        }


# --- reading -----------------------------------------------------------------------------------------------------


def plan_read(*, data: bytes | None = None, filename: str = "", text: str | None = None, script=None, max_bytes):
    """Read and parse an upload or pasted text. Returns (ParsedPlan, encoding, detected script, canonical text).

    Raises campaigns.planparse.PlanError (read or parse) with a translatable message.
    """
    if data is not None:
        source = read_plan_source(data, filename, max_bytes=max_bytes)
        canonical, encoding = source.text, source.encoding
    else:
        canonical, encoding = read_plan_text(text or "", max_bytes=max_bytes), ""
    detected = detect_script(canonical)
    plan = parse_plan(canonical, script=script or detected)
    return plan, encoding, detected, canonical


def import_start(
    *, user, data=None, filename="", text=None, script=None, campaign=None, source=None, max_bytes
) -> PlanImport:
    """Read an upload into a draft import for review; a file that cannot be read is recorded as failed.

    Raises PlanError after recording the failure, so the caller can show its message.
    """
    source = source or (PlanImport.Source.FILE if data is not None else PlanImport.Source.TEXT)
    record = PlanImport(
        uploaded_by=user,
        source=source,
        file_name=(filename or "")[:255],
        file_size=len(data) if data is not None else None,
        campaign=campaign,
    )
    try:
        plan, encoding, detected, canonical = plan_read(
            data=data, filename=filename, text=text, script=script, max_bytes=max_bytes
        )
    except PlanError as error:
        record.status = PlanImport.Status.FAILED
        record.error = f"{error.code}: {error.message}"
        record.save()
        raise
    record.encoding, record.detected_script, record.script = encoding, detected, plan.script
    record.text = canonical
    record.parsed = plan_data(plan)
    record.save()
    return record


def import_failed_record(*, user, filename, size, error: PlanError, source=PlanImport.Source.FILE) -> PlanImport:
    """Record an upload refused before it was read (e.g. too large), for the audit trail."""
    return PlanImport.objects.create(
        uploaded_by=user,
        source=source,
        file_name=(filename or "")[:255],
        file_size=size,
        status=PlanImport.Status.FAILED,
        error=f"{error.code}: {error.message}",
    )


def plan_data(plan: ParsedPlan) -> dict:
    """The JSON kept on the import: the parser's dict plus the campaign year guessed from the text."""
    data = plan.to_dict()
    data.setdefault("year", rules.year_guess(plan))
    return data


@transaction.atomic
def import_draft_update(*, plan_import: PlanImport, parsed: dict) -> PlanImport:
    """Keep the reviewer's corrections without saving them into a campaign yet."""
    if not plan_import.is_draft:
        raise ValidationError(_("Only an import in review can be changed."))
    plan_import.parsed = parsed
    plan_import.script = parsed.get("script", plan_import.script)
    plan_import.save(update_fields=["parsed", "script", "modified"])
    return plan_import


# --- saving ------------------------------------------------------------------------------------------------------


def pillar_type(parsed_type: str | None) -> str:
    return parsed_type if parsed_type in rules.SIX_TYPES else Pillar.Type.OTHER


def _assign(obj, values: dict) -> list[str]:
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, values[name])
    return changed


def _sections_text(plan: ParsedPlan, kind: str) -> str:
    return "\n\n".join(section.text for section in plan.sections if section.kind == kind and section.text)


@transaction.atomic
def plan_save(
    *,
    parsed,
    campaign: Campaign | None = None,
    user=None,
    plan_import: PlanImport | None = None,
    year: int | None = None,
    start: date | None = None,
    end: date | None = None,
    status: str | None = None,
    make_current: bool = False,
) -> SaveResult:
    """Create or update a campaign from a reviewed plan: pillars, measures, people, posts and checks, all or nothing.

    `parsed` is a ParsedPlan or its dict. Records are matched so that importing again updates rather than
    duplicates: pillars by name and people by name in either script, measures by (pillar, title), posts by role.
    Measures are created without a lead department, which marks them for the office to assign.
    """
    plan = parsed if isinstance(parsed, ParsedPlan) else ParsedPlan.from_dict(parsed)
    problems = rules.plan_problems(plan)
    if problems:
        raise ValidationError(problems)
    data = parsed if isinstance(parsed, dict) else {}
    result = SaveResult(campaign=campaign)
    result.campaign = _campaign_save(plan, campaign, result, year or data.get("year"), start, end, status)
    if make_current:
        Campaign.objects.filter(is_current=True).exclude(pk=result.campaign.pk).update(is_current=False)
        if not result.campaign.is_current:
            result.campaign.is_current = True
            result.campaign.save(update_fields=["is_current", "modified"])
    pillars = _pillars_save(plan, result)
    _measures_save(plan, pillars, result)
    _posts_save(plan, result, updating=not result.created_campaign)
    _checks_save(plan, result)
    if plan_import is not None:
        plan_import.parsed = data or plan_data(plan)
        plan_import.status = PlanImport.Status.SAVED
        plan_import.campaign = result.campaign
        plan_import.saved_by = user if getattr(user, "is_authenticated", False) else None
        plan_import.saved_at = timezone.now()
        plan_import.result = result.as_dict()
        plan_import.error = ""
        plan_import.save()
    return result


def _campaign_save(plan, campaign, result, year, start, end, status) -> Campaign:
    values = {
        "title": plan.title.strip(),
        "preamble": plan.preamble,
        "guiding_ideology": _sections_text(plan, "guiding"),
        "goals": _sections_text(plan, "goals"),
        "requirements": "\n".join(plan.requirements),
        "script": plan.script if plan.script in Campaign.Script.values else Campaign.Script.SIMPLIFIED,
    }
    if year:
        values["year"] = int(year)
    for name, value in (("start", start), ("end", end), ("status", status)):
        if value is not None:
            values[name] = value
    if campaign is None:
        values.setdefault("year", rules.year_guess(plan))
        campaign = Campaign.objects.create(**values)
        result.created_campaign = True
        result.count("campaign", "created")
        return campaign
    changed = _assign(campaign, values)
    if changed:
        campaign.full_clean(exclude=["is_current"], validate_unique=False)
        campaign.save(update_fields=[*changed, "modified"])
    result.count("campaign", "updated" if changed else "unchanged")
    return campaign


def _pillars_save(plan: ParsedPlan, result: SaveResult) -> list[Pillar]:
    existing = list(result.campaign.pillars.all())
    saved = []
    for order, parsed in enumerate(plan.pillars, start=1):
        forms = both_scripts(parsed.name)
        pillar = next((p for p in existing if p.name in forms), None)
        values = {"name": parsed.name, "type": pillar_type(parsed.type), "slogan": parsed.slogan, "order": order}
        if pillar is None:
            pillar = Pillar.objects.create(campaign=result.campaign, **values)
            result.count("pillars", "created")
        else:
            changed = _assign(pillar, values)
            if changed:
                pillar.save(update_fields=[*changed, "modified"])
            result.count("pillars", "updated" if changed else "unchanged")
        saved.append(pillar)
    return saved


def _measures_save(plan: ParsedPlan, pillars: list[Pillar], result: SaveResult) -> None:
    """Measures are matched by (pillar, title), the title compared in Simplified so a change of script updates."""
    existing = {}
    for measure in Measure.objects.filter(pillar__in=pillars).order_by("pk"):
        existing.setdefault((measure.pillar_id, to_hans(measure.title)), measure)
    for pillar, parsed in zip(pillars, plan.pillars, strict=True):
        for order, text in enumerate(parsed.measures, start=1):
            title = text[: rules.MEASURE_TITLE_MAX]
            detail = text if len(text) > rules.MEASURE_TITLE_MAX else ""
            key = (pillar.pk, to_hans(title))
            measure = existing.get(key)
            if measure is None:
                # No lead department: the office assigns one (the campaigns app lists these as awaiting assignment).
                existing[key] = Measure.objects.create(pillar=pillar, title=title, detail=detail, order=order)
                result.count("measures", "created")
                continue
            values = {"title": title, "order": order, **({"detail": detail} if detail else {})}
            changed = _assign(measure, values)
            if changed:
                # The campaigns app bumps `version` on every write so that stale edit forms are refused.
                measure.version += 1
                measure.save(update_fields=[*changed, "version", "modified"])
            result.count("measures", "updated" if changed else "unchanged")


def _people_save(plan: ParsedPlan, result: SaveResult) -> dict[str, Person]:
    names = rules.plan_people(plan)
    found = people_match(names=names)
    people = {}
    for name in names:
        person = found.get(name)
        if person is None:
            person = Person.objects.create(name=name, title=plan.leading_group.titles.get(name, "")[:100])
            result.new_people.append(name)
            result.count("people", "created")
        else:
            result.count("people", "unchanged")
        people[name] = person
    return people


def _posts_wanted(plan: ParsedPlan, people: dict[str, Person]) -> list[tuple[Person, str]]:
    group, office = plan.leading_group, plan.office
    Role = Membership.Role
    wanted = [(people[n], Role.LEADER) for n in group.leader]
    wanted += [(people[n], Role.DEPUTY) for n in group.deputy_leaders]
    wanted += [(people[n], Role.MEMBER) for n in group.members]
    if office.director:
        wanted.append((people[office.director], Role.OFFICE_DIRECTOR))
    wanted += [(people[n], Role.OFFICE_STAFF) for n in [*office.deputy_directors, *office.members]]
    return list(dict.fromkeys(wanted))


def _posts_save(plan: ParsedPlan, result: SaveResult, *, updating: bool) -> None:
    """Posts in the plan are held; current posts the plan no longer lists end today (they stay in history)."""
    campaign = result.campaign
    people = _people_save(plan, result)
    wanted = _posts_wanted(plan, people)
    current = {(m.person_id, m.role): m for m in Membership.objects.filter(campaign=campaign, end__isnull=True)}
    today = timezone.localdate()
    for order, (person, role) in enumerate(wanted, start=1):
        membership = current.pop((person.pk, role), None)
        if membership is None:
            start = campaign.start
            if updating and start and start < today:
                start = today
            Membership.objects.create(campaign=campaign, person=person, role=role, order=order, start=start)
            result.count("posts", "created")
        elif membership.order != order:
            membership.order = order
            membership.save(update_fields=["order", "modified"])
            result.count("posts", "updated")
        else:
            result.count("posts", "unchanged")
    for membership in current.values():
        membership.end = max(today, membership.start or today)
        membership.save(update_fields=["end", "modified"])
        result.count("posts", "ended")


def _checks_save(plan: ParsedPlan, result: SaveResult) -> None:
    """The plan's 三到位 phrases become the campaign's three-in-place checks (unconfirmed until the office confirms)."""
    kinds = [kind for kind in (rules.check_kind(text) for text in plan.checks) if kind]
    for kind in dict.fromkeys(kinds):
        _, created = CampaignCheck.objects.get_or_create(campaign=result.campaign, kind=kind)
        result.count("checks", "created" if created else "unchanged")
