"""Forms: a round and its parts, issuing ballots, and the ballot itself (built from the round's items)."""

import re

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from leadership.models import Department

from . import services
from .models import Band, Criterion, RaterGroup, Response, Round

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class RoundForm(forms.ModelForm):
    class Meta:
        model = Round
        fields = [
            "campaign",
            "kind",
            "title",
            "instructions",
            "departments",
            "opens_at",
            "closes_at",
            "quorum_percent",
            "top_n",
            "award_min_score",
            "bottom_n",
            "warning_below",
            "min_group_size",
        ]
        widgets = {
            "departments": forms.CheckboxSelectMultiple,
            "opens_at": DATETIME,
            "closes_at": DATETIME,
            "instructions": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["departments"].queryset = Department.objects.filter(is_active=True).order_by("order", "name")
        if self.instance.pk:
            self.fields["kind"].disabled = True
            self.fields["campaign"].disabled = True
            if not self.instance.is_editable:
                for name in ("departments", "opens_at"):
                    self.fields[name].disabled = True

    def clean(self):
        cleaned = super().clean()
        opens_at, closes_at = cleaned.get("opens_at"), cleaned.get("closes_at")
        if opens_at and closes_at and closes_at <= opens_at:
            self.add_error("closes_at", _("The round must close after it opens."))
        return cleaned


class CriterionForm(forms.ModelForm):
    class Meta:
        model = Criterion
        fields = [
            "name",
            "description",
            "pillar",
            "weight",
            "scale",
            "required",
            "allow_unknown",
            "points_satisfied",
            "points_basic",
            "points_unsatisfied",
            "order",
        ]

    def __init__(self, *args, round=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.round = round
        self.fields["pillar"].queryset = round.campaign.pillars.all() if round else self.fields["pillar"].queryset

    def clean_name(self):
        name = self.cleaned_data["name"]
        clash = Criterion.objects.filter(round=self.round, name=name).exclude(pk=self.instance.pk)
        if clash.exists():
            raise ValidationError(_("This round already has a criterion with this name."))
        return name

    def clean(self):
        cleaned = super().clean()
        for name in ("points_satisfied", "points_basic", "points_unsatisfied"):
            value = cleaned.get(name)
            if value is not None and not (0 <= value <= 100):
                self.add_error(name, _("Points are on the 0–100 scale."))
        if cleaned.get("weight") is not None and cleaned["weight"] <= 0:
            self.add_error("weight", _("The weight must be more than zero."))
        return cleaned


class RaterGroupForm(forms.ModelForm):
    class Meta:
        model = RaterGroup
        fields = ["name", "weight", "ballots_issued", "order"]

    def __init__(self, *args, round=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.round = round

    def clean_name(self):
        name = self.cleaned_data["name"]
        if RaterGroup.objects.filter(round=self.round, name=name).exclude(pk=self.instance.pk).exists():
            raise ValidationError(_("This round already has a rater group with this name."))
        return name

    def clean_weight(self):
        weight = self.cleaned_data["weight"]
        if weight <= 0:
            raise ValidationError(_("The weight must be more than zero."))
        return weight


class BandForm(forms.ModelForm):
    class Meta:
        model = Band
        fields = ["label", "min_score"]

    def __init__(self, *args, round=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.round = round

    def clean(self):
        cleaned = super().clean()
        others = Band.objects.filter(round=self.round).exclude(pk=self.instance.pk)
        if cleaned.get("label") and others.filter(label=cleaned["label"]).exists():
            self.add_error("label", _("This round already has a band with this label."))
        if cleaned.get("min_score") is not None and others.filter(min_score=cleaned["min_score"]).exists():
            self.add_error("min_score", _("Another band starts at this score."))
        return cleaned


class InternalRatersForm(forms.Form):
    rater_group = forms.ModelChoiceField(label=_("Rater group"), queryset=RaterGroup.objects.none())
    users = forms.ModelMultipleChoiceField(
        label=_("Raters (people with a login)"),
        queryset=get_user_model().objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, round, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rater_group"].queryset = round.rater_groups.all()
        users = get_user_model().objects.filter(is_active=True, person__isnull=False).select_related("person")
        self.fields["users"].queryset = users.order_by("person__department__order", "person__name")
        self.fields["users"].label_from_instance = lambda u: f"{u.person.name} ({u.person.department or '—'})"


class LinksForm(forms.Form):
    rater_group = forms.ModelChoiceField(label=_("Rater group"), queryset=RaterGroup.objects.none())
    count = forms.IntegerField(label=_("Number of links"), min_value=1, max_value=500, initial=10)

    def __init__(self, *args, round, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rater_group"].queryset = round.rater_groups.all()


ANSWER_KEY = re.compile(r"^a_(\d+)_(\d+)$")


def answer_name(department_id, criterion_id):
    return f"a_{department_id}_{criterion_id}"


class BallotForm(forms.Form):
    """One field per department and criterion; the rules themselves live in services.answers_clean."""

    def __init__(self, *args, round, rater_department_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.round = round
        self.rater_department_id = rater_department_id
        self.departments, self.criteria = services.ballot_items(round=round, rater_department_id=rater_department_id)
        self.rows = []
        for department in self.departments:
            items = []
            for criterion in self.criteria:
                name = answer_name(department.pk, criterion.pk)
                if criterion.scale == Criterion.Scale.SCORE:
                    field = forms.CharField(
                        label=criterion.name,
                        required=False,
                        widget=forms.NumberInput(
                            attrs={"min": 0, "max": 100, "step": 1, "inputmode": "numeric", "class": "form-control"}
                        ),
                    )
                else:
                    choices = [
                        (c.value, c.label)
                        for c in Response.Choice
                        if c != Response.Choice.UNKNOWN or criterion.allow_unknown
                    ]
                    field = forms.ChoiceField(
                        label=criterion.name, required=False, choices=choices, widget=forms.RadioSelect
                    )
                self.fields[name] = field
                items.append({"criterion": criterion, "name": name})
            self.rows.append({"department": department, "items": items})

    def bound_rows(self):
        return [
            {"department": row["department"], "items": [(i["criterion"], self[i["name"]]) for i in row["items"]]}
            for row in self.rows
        ]

    def clean(self):
        answers = {}
        # Raw keys too, so a tampered ballot (an extra department, one's own) is refused, not silently ignored.
        for key in self.data:
            match = ANSWER_KEY.match(key)
            if match:
                answers[(int(match[1]), int(match[2]))] = self.data.get(key)
        try:
            services.answers_clean(round=self.round, answers=answers, rater_department_id=self.rater_department_id)
        except ValidationError as error:
            raise ValidationError(error.messages) from None
        self.answers = answers
        return self.cleaned_data
