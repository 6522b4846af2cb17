"""Forms of the plan import: the upload, and the review of the parsed tree (a main form and four formsets)."""

from __future__ import annotations

from pathlib import PurePath

from django import forms
from django.utils.translation import gettext_lazy as _

from campaigns.models import Campaign
from campaigns.planparse import PILLAR_TYPES
from campaigns.planparse.model import SECTION_KINDS

from . import rules

SCRIPT_CHOICES = [
    ("", _("As written (detected)")),
    ("hans", _("Simplified Chinese")),
    ("hant", _("Traditional Chinese")),
]
ALLOWED_SUFFIXES = (".txt", ".docx")

PILLAR_TYPE_LABELS = {
    "learning": _("Learning (学习型)"),
    "service": _("Service (服务型)"),
    "efficiency": _("Efficiency (效率型)"),
    "thrift": _("Thrift (节约型)"),
    "integrity": _("Integrity (廉政型)"),
    "harmony": _("Harmony (和谐型)"),
    "innovation": _("Innovation (创新型)"),
    "rule_of_law": _("Rule of law (法治型)"),
    "action": _("Action (实干型)"),
    "responsibility": _("Responsibility (担当型)"),
}
SECTION_KIND_LABELS = {
    "guiding": _("Guiding ideology"),
    "goals": _("Goals"),
    "organisation": _("Organisation"),
    "content": _("Content (pillars)"),
    "requirements": _("Requirements"),
    "other": _("Other section"),
}


def pillar_type_choices(extra: str | None = None):
    values = list(dict.fromkeys([*PILLAR_TYPE_LABELS, *PILLAR_TYPES.values()]))
    if extra and extra not in values:
        values.append(extra)
    return [("", _("Not recognised"))] + [(v, PILLAR_TYPE_LABELS.get(v, v)) for v in values]


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Plan document"),
        required=False,
        help_text=_("A .txt file (UTF-8, GBK or GB18030) or a Word .docx file, at most %(mb)d MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.docx,text/plain"}),
    )
    text = forms.CharField(
        label=_("…or paste the text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "placeholder": _("Paste the whole plan here, title included.")}),
    )
    script = forms.ChoiceField(
        label=_("Script of the campaign"),
        choices=SCRIPT_CHOICES,
        required=False,
        help_text=_("Text and names are converted to this script; people are matched in either script."),
    )
    campaign = forms.ModelChoiceField(
        label=_("Update an existing campaign"),
        queryset=Campaign.objects.order_by("-year", "-pk"),
        required=False,
        empty_label=_("No: create a new campaign"),
    )

    def __init__(self, *args, max_bytes: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_bytes = max_bytes
        self.fields["file"].help_text = self.fields["file"].help_text % {"mb": max_bytes // (1024 * 1024)}

    def clean(self):
        data = super().clean()
        upload, text = data.get("file"), (data.get("text") or "").strip()
        if upload and text:
            raise forms.ValidationError(_("Upload a file or paste text, not both."))
        if not upload and not text and not self.has_error("file"):
            raise forms.ValidationError(_("Choose a plan document to upload, or paste its text."))
        if upload:
            suffix = PurePath(upload.name).suffix.lower()
            if suffix not in ALLOWED_SUFFIXES:
                self.add_error("file", _("Upload a .txt or .docx file (this one is %(suffix)s).") % {"suffix": suffix})
        return data


class NamesField(forms.CharField):
    """Names separated by 、，, or spaces; cleans to a list."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def prepare_value(self, value):
        return rules.join_names(value) if isinstance(value, list) else value

    def to_python(self, value):
        return rules.split_names(super().to_python(value))

    def validate(self, value):
        super().validate(value)
        bad = [name for name in value if len(name) > rules.PERSON_NAME_MAX or not rules._NAME_OK.match(name)]
        if bad:
            raise forms.ValidationError(
                _("Not a person's name: %(names)s. Separate names with 、 or commas.") % {"names": "、".join(bad)}
            )


class ListWidget(forms.Widget):
    """Several inputs of the same name (one per line item); the template renders them."""

    def value_from_datadict(self, data, files, name):
        return data.getlist(name) if hasattr(data, "getlist") else data.get(name, [])

    def value_omitted_from_data(self, data, files, name):
        return False


class TextListField(forms.Field):
    widget = ListWidget

    def __init__(self, *, max_length=None, **kwargs):
        kwargs.setdefault("required", False)
        self.max_length = max_length
        super().__init__(**kwargs)

    def to_python(self, value):
        if not value:
            return []
        if isinstance(value, str):
            value = [value]
        return [" ".join(str(item).split()) for item in value if str(item).strip()]

    def validate(self, value):
        super().validate(value)
        if self.max_length:
            for item in value:
                if len(item) > self.max_length:
                    raise forms.ValidationError(
                        _("“%(start)s…” is longer than %(max)d characters.")
                        % {"start": item[:20], "max": self.max_length}
                    )


class PlanForm(forms.Form):
    """The plan's own fields, its group and office, and what saving should do with it."""

    campaign = forms.ModelChoiceField(
        label=_("Save into"),
        queryset=Campaign.objects.order_by("-year", "-pk"),
        required=False,
        empty_label=_("A new campaign"),
    )
    title = forms.CharField(label=_("Title"), max_length=rules.TITLE_MAX)
    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2100)
    script = forms.ChoiceField(label=_("Script"), choices=SCRIPT_CHOICES[1:])
    make_current = forms.BooleanField(label=_("Make it the current campaign"), required=False)
    preamble = forms.CharField(label=_("Preamble"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    leader = NamesField(label=_("Leader (组长)"))
    deputy_leaders = NamesField(label=_("Deputy leaders (副组长)"))
    members = NamesField(label=_("Members (成员)"))
    office_director = NamesField(label=_("Office director (办公室主任)"))
    director_concurrent = forms.BooleanField(label=_("Held concurrently (兼任)"), required=False)
    office_deputy_directors = NamesField(label=_("Office deputy directors (副主任)"))
    office_members = NamesField(label=_("Office members (办公室成员)"))
    checks = TextListField(label=_("Checks such as “three in place” (三到位)"), max_length=100)

    def clean_office_director(self):
        names = self.cleaned_data["office_director"]
        if len(names) > 1:
            raise forms.ValidationError(_("The office has one director."))
        return names


class PillarForm(forms.Form):
    type = forms.ChoiceField(label=_("Type"), required=False)
    name = forms.CharField(label=_("Pillar name"), max_length=rules.PILLAR_NAME_MAX)
    slogan = forms.CharField(label=_("Slogan"), max_length=rules.SLOGAN_MAX, required=False)
    measures = TextListField(label=_("Measures"), max_length=2000)
    text = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = self.data.get(self.add_prefix("type")) if self.is_bound else (self.initial or {}).get("type")
        self.fields["type"].choices = pillar_type_choices(current)


class BasePillarFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        names = set()
        kept = [f for f in self.forms if f.cleaned_data and not self._should_delete_form(f)]
        for form in kept:
            name = form.cleaned_data["name"]
            if name in names:
                form.add_error("name", _("Another pillar has this name."))
            names.add(name)
        if not kept:
            raise forms.ValidationError(_("The plan has no pillars: add at least one before saving."))


class SectionForm(forms.Form):
    heading = forms.CharField(label=_("Heading"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=[(k, SECTION_KIND_LABELS[k]) for k in SECTION_KINDS])
    text = forms.CharField(label=_("Text"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class RequirementForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 2}))


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 1}))


PillarFormSet = forms.formset_factory(PillarForm, formset=BasePillarFormSet, extra=0, can_delete=True)
SectionFormSet = forms.formset_factory(SectionForm, extra=0, can_delete=True)
RequirementFormSet = forms.formset_factory(RequirementForm, extra=0, can_delete=True)
NoteFormSet = forms.formset_factory(NoteForm, extra=0, can_delete=True)


class Review:
    """The review screen's forms together: built from the parsed JSON, and turned back into it."""

    def __init__(self, parsed: dict, data=None, campaign=None):
        self.parsed = parsed
        bound = data is not None
        group = parsed.get("leading_group") or {}
        office = parsed.get("office") or {}
        initial = {
            "campaign": campaign,
            "title": parsed.get("title", ""),
            "year": parsed.get("year") or (campaign.year if campaign else None),
            "script": parsed.get("script", "hans"),
            "make_current": False,
            "preamble": parsed.get("preamble", ""),
            "leader": group.get("leader", []),
            "deputy_leaders": group.get("deputy_leaders", []),
            "members": group.get("members", []),
            "office_director": [office["director"]] if office.get("director") else [],
            "director_concurrent": office.get("director_concurrent", False),
            "office_deputy_directors": office.get("deputy_directors", []),
            "office_members": office.get("members", []),
            "checks": parsed.get("checks", []),
        }
        self.plan = PlanForm(data, initial=None if bound else initial, prefix="plan")
        self.pillars = PillarFormSet(
            data,
            initial=None if bound else [_pillar_initial(p) for p in parsed.get("pillars", [])],
            prefix="pillars",
        )
        self.sections = SectionFormSet(data, initial=None if bound else parsed.get("sections", []), prefix="sections")
        self.requirements = RequirementFormSet(
            data, initial=None if bound else parsed.get("requirement_items", []), prefix="requirements"
        )
        self.notes = NoteFormSet(
            data, initial=None if bound else [{"text": t} for t in parsed.get("unrecognised", [])], prefix="notes"
        )

    @property
    def formsets(self):
        return [self.pillars, self.sections, self.requirements, self.notes]

    def is_valid(self) -> bool:
        return all([self.plan.is_valid(), *(fs.is_valid() for fs in self.formsets)])

    def to_parsed(self) -> dict:
        """The reviewed tree in the parser's JSON shape (call after is_valid)."""
        plan = self.plan.cleaned_data

        def kept(formset):
            return [f.cleaned_data for f in formset.forms if f.cleaned_data and not formset._should_delete_form(f)]

        requirement_items = [
            {"title": r["title"] or rules.requirement_title(r["text"]), "text": r["text"]}
            for r in kept(self.requirements)
        ]
        director = plan["office_director"][0] if plan["office_director"] else None
        titles = (self.parsed.get("leading_group") or {}).get("titles", {})
        return {
            **{key: value for key, value in self.parsed.items() if key not in ("requirements",)},
            "title": plan["title"],
            "year": plan["year"],
            "script": plan["script"],
            "preamble": plan["preamble"],
            "sections": [{"heading": s["heading"], "kind": s["kind"], "text": s["text"]} for s in kept(self.sections)],
            "pillars": [
                {
                    "type": p["type"] or None,
                    "name": p["name"],
                    "slogan": p["slogan"],
                    "text": p["text"],
                    "measures": p["measures"],
                }
                for p in kept(self.pillars)
            ],
            "leading_group": {
                "leader": plan["leader"],
                "deputy_leaders": plan["deputy_leaders"],
                "members": plan["members"],
                "titles": titles,
            },
            "office": {
                **(self.parsed.get("office") or {}),
                "director": director,
                "director_concurrent": bool(director and plan["director_concurrent"]),
                "deputy_directors": plan["office_deputy_directors"],
                "members": plan["office_members"],
            },
            "requirement_items": requirement_items,
            "requirements": [r["text"] for r in requirement_items],
            "checks": plan["checks"],
            "unrecognised": [n["text"] for n in kept(self.notes)],
        }

    def names(self) -> list[str]:
        """Every name currently in the group and office fields (typed or parsed), for matching to people."""
        found = []
        for name in (
            "leader",
            "deputy_leaders",
            "members",
            "office_director",
            "office_deputy_directors",
            "office_members",
        ):
            value = self.plan[name].value()
            found += rules.split_names(value) if isinstance(value, str) else list(value or [])
        return list(dict.fromkeys(found))


def _pillar_initial(pillar: dict) -> dict:
    return {
        "type": pillar.get("type") or "",
        "name": pillar.get("name", ""),
        "slogan": pillar.get("slogan", ""),
        "measures": list(pillar.get("measures", [])),
        "text": pillar.get("text", ""),
    }
