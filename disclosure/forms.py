"""Forms of the public portal: the office's content, the department's status report, the public feedback form."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .humancheck import ChallengeError, challenge_new, challenge_question, challenge_verify
from .models import CampaignPublication, Commitment, FeedbackMessage, NewsItem, ReceptionDisclosure, ServicePage

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
NOTE = forms.Textarea(attrs={"rows": 2})
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class CommitmentForm(forms.ModelForm):
    class Meta:
        model = Commitment
        fields = ["department", "campaign", "text", "due_date", "status", "progress_note", "completed_on"]
        fields += ["internal_note"]
        widgets = {
            "due_date": DATE,
            "completed_on": DATE,
            "text": forms.Textarea(attrs={"rows": 3}),
            "progress_note": forms.Textarea(attrs={"rows": 3}),
            "internal_note": forms.Textarea(attrs={"rows": 2}),
        }

    def clean(self):
        data = super().clean()
        if data.get("status") != Commitment.Status.DONE:
            data["completed_on"] = None
        elif not data.get("completed_on"):
            data["completed_on"] = timezone.localdate()
        return data


class CommitmentStatusForm(forms.ModelForm):
    """What a department may change on its own commitment."""

    class Meta:
        model = Commitment
        fields = ["status", "progress_note", "completed_on"]
        widgets = {"completed_on": DATE, "progress_note": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"completed_on": _("Only for fulfilled commitments; today if left empty.")}

    def clean_completed_on(self):
        value = self.cleaned_data.get("completed_on")
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return value


class ServicePageForm(forms.ModelForm):
    class Meta:
        model = ServicePage
        fields = ["title", "slug", "kind", "department", "summary", "body", "order", "internal_note"]
        widgets = {"body": forms.Textarea(attrs={"rows": 16}), "internal_note": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"slug": _("Latin letters, digits and hyphens; part of the page's public address.")}


class NewsItemForm(forms.ModelForm):
    class Meta:
        model = NewsItem
        fields = ["title", "slug", "summary", "body", "internal_note"]
        widgets = {"body": forms.Textarea(attrs={"rows": 14}), "internal_note": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"slug": ServicePageForm.Meta.help_texts["slug"]}


class CampaignPublicationForm(forms.ModelForm):
    class Meta:
        model = CampaignPublication
        fields = ["introduction", "internal_note"]
        widgets = {
            "introduction": forms.Textarea(attrs={"rows": 5}),
            "internal_note": forms.Textarea(attrs={"rows": 2}),
        }


class ReceptionDisclosureForm(forms.ModelForm):
    class Meta:
        model = ReceptionDisclosure
        fields = ["year", "introduction", "internal_note"]
        widgets = {
            "introduction": forms.Textarea(attrs={"rows": 5}),
            "internal_note": forms.Textarea(attrs={"rows": 2}),
        }


class PublishForm(forms.Form):
    published_at = forms.DateTimeField(
        label=_("Publish at"),
        required=False,
        widget=DATETIME,
        help_text=_("Leave empty to publish now; a later time schedules the publication."),
    )


class FeedbackMarkForm(forms.ModelForm):
    class Meta:
        model = FeedbackMessage
        fields = ["status", "office_note"]
        widgets = {"office_note": forms.Textarea(attrs={"rows": 3})}


class FeedbackForm(forms.ModelForm):
    """The public form: a signed arithmetic question and a honeypot field keep most robots out."""

    website = forms.CharField(label=_("Leave this field empty"), required=False)
    challenge = forms.CharField(widget=forms.HiddenInput)
    answer = forms.IntegerField(label=_("Answer"), min_value=0, max_value=100)

    class Meta:
        model = FeedbackMessage
        fields = ["topic", "subject", "body", "name", "contact", "commitment"]
        widgets = {"body": forms.Textarea(attrs={"rows": 6, "maxlength": 5000}), "commitment": forms.HiddenInput}
        help_texts = {
            "name": _("Optional."),
            "contact": _("Optional; only if you would like an answer. Only the office sees it."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commitment"].queryset = Commitment.objects.published()
        token = self.data.get("challenge") if self.is_bound else None
        question = challenge_question(token) if token else None
        if question is None:
            fresh = challenge_new()
            question, token = (fresh["a"], fresh["b"]), fresh["token"]
            if self.is_bound:
                self.data = self.data.copy()
                self.data["challenge"] = token
        self.initial["challenge"] = token
        self.fields["answer"].label = _("Human check: what is %(a)d + %(b)d?") % {"a": question[0], "b": question[1]}
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("Please leave this field empty."))
        return ""

    def clean(self):
        data = super().clean()
        if self.errors or "answer" not in data:
            return data
        try:
            challenge_verify(token=data.get("challenge", ""), answer=data["answer"])
        except ChallengeError as error:
            message = {
                "too fast": _("That was quick. Please check your message and send it again."),
                "expired": _("The form has expired. Please answer the new question."),
            }.get(str(error), _("The answer to the check is not right. Please try the new question."))
            if str(error) != "too fast":
                self._renew_challenge()
            raise forms.ValidationError(message) from error
        return data

    def _renew_challenge(self):
        fresh = challenge_new()
        self.data = self.data.copy()
        self.data["challenge"] = fresh["token"]
        self.data["answer"] = ""
        self.fields["answer"].label = _("Human check: what is %(a)d + %(b)d?") % {"a": fresh["a"], "b": fresh["b"]}
