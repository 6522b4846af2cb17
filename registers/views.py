"""Register pages: the index by pillar, lists with filters, entry forms, import and export, and the workflows."""

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView
from django_tables2 import RequestConfig

from campaigns.models import Indicator, Pillar
from leadership.selectors import current_campaign
from liujiguan.permissions import Action, PortalPermissionMixin, can, require

from . import forms, imports, rules, selectors, services
from .catalog import REGISTERS
from .filters import CoordinationRequestFilter
from .indicators import SOURCES_BY_KEY
from .models import (
    CoordinationRequest,
    CoordinationTarget,
    Escalation,
    Holiday,
    PublicIssue,
    RegisterPolicy,
    StudyActivity,
    Trip,
)

PAGE_SIZE = 50


def _register(key):
    register = REGISTERS.get(key)
    if register is None:
        raise Http404
    return register


def _form_errors(form, error: ValidationError):
    if hasattr(error, "error_dict"):
        for field, messages_ in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages_)
    else:
        form.add_error(None, error.messages)


class IndexView(PortalPermissionMixin, TemplateView):
    """Every register grouped by pillar, with its size and the indicators it feeds."""

    template_name = "registers/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counts = selectors.register_counts(user=self.request.user)
        campaign = current_campaign()
        indicators = []
        if campaign:
            indicators = list(
                Indicator.objects.filter(pillar__campaign=campaign, source__startswith="registers.")
                .select_related("pillar")
                .order_by("pillar__order", "order", "pk")
            )
        groups = []
        for pillar_type, label in Pillar.Type.choices:
            registers = [{"register": r, "count": counts[r.key]} for r in REGISTERS.values() if r.pillar == pillar_type]
            if registers:
                groups.append(
                    {
                        "label": label,
                        "registers": registers,
                        "indicators": [i for i in indicators if i.pillar.type == pillar_type],
                    }
                )
        context.update(groups=groups, campaign=campaign, sources=SOURCES_BY_KEY)
        context["can_manage"] = can(self.request.user, Action.MANAGE)
        context["can_report"] = can(self.request.user, Action.REPORT)
        return context


class RegisterMixin(PortalPermissionMixin):
    def dispatch(self, request, *args, **kwargs):
        self.register = _register(kwargs["key"])
        if self.register.table_class is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def filtered(self):
        qs = selectors.for_user(self.register.queryset(), self.request.user)
        return self.register.filterset_class(self.request.GET or None, queryset=qs, request=self.request)


class RecordListView(RegisterMixin, TemplateView):
    template_name = "registers/record_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = self.filtered()
        table = self.register.table_class(filterset.qs)
        RequestConfig(self.request, paginate={"per_page": PAGE_SIZE}).configure(table)
        context.update(
            register=self.register,
            filter=filterset,
            table=table,
            can_report=can(self.request.user, Action.REPORT),
            query=self.request.GET.urlencode(),
        )
        return context


class RecordExportView(RegisterMixin, View):
    """The list as it is filtered, in xlsx or csv."""

    def get(self, request, key):
        file_format = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
        content = imports.dataset_export(
            resource_class=self.register.resource_class,
            queryset=self.filtered().qs,
            user=request.user,
            file_format=file_format,
        )
        content_type = (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            if file_format == "xlsx"
            else "text/csv; charset=utf-8"
        )
        response = HttpResponse(content, content_type=content_type)
        stamp = timezone.localdate().isoformat()
        response["Content-Disposition"] = f'attachment; filename="{self.register.key}-{stamp}.{file_format}"'
        return response


class RecordFormMixin(RegisterMixin):
    permission_action = Action.REPORT
    template_name = "registers/record_form.html"

    def render_form(self, form, instance=None):
        title = (
            _("Edit: %(record)s") % {"record": instance}
            if instance
            else _("New: %(register)s") % {"register": self.register.label}
        )
        return render(
            self.request,
            self.template_name,
            {
                "form": form,
                "title": title,
                "register": self.register,
                "object": instance,
                "cancel_url": reverse("registers:record-list", args=[self.register.key]),
                "findings": rules.labels(
                    getattr(instance, "cap_warnings", None) or getattr(instance, "off_hours", None)
                ),
            },
        )

    def save(self, form):
        instance = form.save(commit=False)
        require(self.request.user, Action.REPORT, instance)
        try:
            services.record_save(instance=instance, user=self.request.user)
        except ValidationError as error:
            _form_errors(form, error)
            return None
        if hasattr(form, "save_m2m"):
            form.save_m2m()
        findings = rules.labels(getattr(instance, "cap_warnings", None))
        if isinstance(instance, Trip) and instance.is_flagged:
            findings = rules.labels(instance.off_hours)
            messages.warning(
                self.request,
                _("This trip is %(reasons)s without an approval and is flagged for the office.")
                % {"reasons": "、".join(findings)},
            )
        elif findings:
            messages.warning(self.request, _("Saved, but: %(findings)s.") % {"findings": "、".join(findings)})
        else:
            messages.success(self.request, _("Saved."))
        return instance

    def redirect_after(self, instance):
        if hasattr(instance, "get_absolute_url"):
            return redirect(instance.get_absolute_url())
        return redirect("registers:record-list", self.register.key)


class RecordCreateView(RecordFormMixin, View):
    def get(self, request, key):
        return self.render_form(self.register.form_class(user=request.user))

    def post(self, request, key):
        form = self.register.form_class(request.POST, user=request.user)
        if form.is_valid():
            instance = self.save(form)
            if instance is not None:
                return self.redirect_after(instance)
        return self.render_form(form)


class RecordUpdateView(RecordFormMixin, View):
    def get_object(self, pk):
        instance = get_object_or_404(self.register.model, pk=pk)
        require(self.request.user, Action.REPORT, instance)
        return instance

    def get(self, request, key, pk):
        instance = self.get_object(pk)
        return self.render_form(self.register.form_class(instance=instance, user=request.user), instance)

    def post(self, request, key, pk):
        instance = self.get_object(pk)
        form = self.register.form_class(request.POST, instance=instance, user=request.user)
        if form.is_valid():
            saved = self.save(form)
            if saved is not None:
                return self.redirect_after(saved)
        return self.render_form(form, instance)


class RecordDeleteView(RegisterMixin, View):
    permission_action = Action.REPORT

    def post(self, request, key, pk):
        instance = get_object_or_404(self.register.model, pk=pk)
        require(request.user, Action.REPORT, instance)
        services.record_delete(instance=instance)
        messages.success(request, _("Deleted."))
        return redirect("registers:record-list", key)


class RecordImportView(RegisterMixin, View):
    """Upload → preview of what would be created or changed, with every error by row and column → commit."""

    permission_action = Action.REPORT
    template_name = "registers/import.html"
    session_key = "registers-import"

    def context(self, **extra):
        resource = self.register.resource_class.build(user=self.request.user)
        return {
            "register": self.register,
            "columns": [field.column_name for field in resource.fields.values()],
            "key_columns": [resource.fields[k].column_name for k in self.register.resource_class.key_fields],
            **extra,
        }

    def get(self, request, key):
        return render(request, self.template_name, self.context(form=forms.ImportForm()))

    def post(self, request, key):
        if "token" in request.POST:
            return self.commit(request)
        form = forms.ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return render(request, self.template_name, self.context(form=form))
        upload = form.cleaned_data["file"]
        content = upload.read()
        try:
            outcome = imports.register_import(
                resource_class=self.register.resource_class,
                content=content,
                name=upload.name,
                user=request.user,
                commit=False,
            )
        except imports.ImportFileError as error:
            form.add_error("file", str(error))
            return render(request, self.template_name, self.context(form=form))
        token = ""
        if outcome.ok:
            token = uuid.uuid4().hex
            default_storage.save(f"register-imports/{token}", ContentFile(content))
            request.session[self.session_key] = {"token": token, "name": upload.name, "key": key}
        return render(
            request,
            self.template_name,
            self.context(form=forms.ImportForm(), outcome=outcome, token=token, file_name=upload.name),
        )

    def commit(self, request):
        pending = request.session.get(self.session_key) or {}
        token = request.POST.get("token", "")
        if pending.get("token") != token or pending.get("key") != self.register.key or not token.isalnum():
            messages.error(request, _("This import has expired; upload the file again."))
            return redirect("registers:record-import", self.register.key)
        path = f"register-imports/{token}"
        with default_storage.open(path, "rb") as handle:
            content = handle.read()
        try:
            outcome = imports.register_import(
                resource_class=self.register.resource_class,
                content=content,
                name=pending["name"],
                user=request.user,
                commit=True,
            )
        except imports.ImportFileError as error:
            outcome = imports.ImportOutcome(errors=[imports.RowError(None, "", str(error))])
        default_storage.delete(path)
        request.session.pop(self.session_key, None)
        if not outcome.committed:
            return render(
                request,
                self.template_name,
                self.context(form=forms.ImportForm(), outcome=outcome, token="", file_name=pending["name"]),
            )
        messages.success(
            request,
            _("Imported %(rows)s rows: %(new)s new, %(update)s updated, %(unchanged)s unchanged.") % outcome.totals,
        )
        return redirect("registers:record-list", self.register.key)


# --- study activity: attendance --------------------------------------------------------------------------------------


class StudyDetailView(PortalPermissionMixin, View):
    template_name = "registers/study_detail.html"

    def get_object(self, pk):
        activity = get_object_or_404(StudyActivity.objects.select_related("department"), pk=pk)
        require(self.request.user, Action.VIEW, activity)
        return activity

    def render_page(self, activity, form):
        attendances = list(selectors.attendances_of(activity=activity))
        present = sum(1 for a in attendances if a.status == "present")
        return render(
            self.request,
            self.template_name,
            {
                "activity": activity,
                "attendances": attendances,
                "present": present,
                "form": form,
                "can_edit": can(self.request.user, Action.REPORT, activity),
                "reports": activity.reports.select_related("department", "author"),
            },
        )

    def get(self, request, pk):
        activity = self.get_object(pk)
        return self.render_page(activity, forms.AttendanceForm(activity=activity))

    def post(self, request, pk):
        activity = self.get_object(pk)
        require(request.user, Action.REPORT, activity)
        form = forms.AttendanceForm(request.POST, activity=activity)
        if form.is_valid():
            services.attendance_set(activity=activity, statuses=form.statuses())
            messages.success(request, _("Attendance saved."))
            return redirect(activity.get_absolute_url())
        return self.render_page(activity, form)


# --- public issue: follow-up ---------------------------------------------------------------------------------------


class IssueDetailView(PortalPermissionMixin, View):
    template_name = "registers/issue_detail.html"

    def get_object(self, pk):
        issue = get_object_or_404(PublicIssue.objects.select_related("department"), pk=pk)
        require(self.request.user, Action.VIEW, issue)
        return issue

    def render_page(self, issue, progress_form=None, resolve_form=None):
        today = timezone.localdate()
        return render(
            self.request,
            self.template_name,
            {
                "issue": issue,
                "can_edit": can(self.request.user, Action.REPORT, issue),
                "progress_form": progress_form or forms.IssueProgressForm(instance=issue),
                "resolve_form": resolve_form or forms.IssueResolveForm(),
                "overdue": issue.status != PublicIssue.Status.RESOLVED and issue.deadline < today,
                "on_time": issue.resolved and issue.resolved <= issue.deadline,
                "history": issue.history.select_related("history_user").order_by("-history_date")[:20],
            },
        )

    def get(self, request, pk):
        return self.render_page(self.get_object(pk))

    def post(self, request, pk):
        issue = self.get_object(pk)
        require(request.user, Action.REPORT, issue)
        if request.POST.get("action") == "resolve":
            form = forms.IssueResolveForm(request.POST)
            if form.is_valid():
                try:
                    services.issue_resolve(issue=issue, **form.cleaned_data)
                except ValidationError as error:
                    _form_errors(form, error)
                else:
                    messages.success(request, _("The issue is marked resolved."))
                    return redirect(issue.get_absolute_url())
            return self.render_page(issue, resolve_form=form)
        if issue.status == PublicIssue.Status.RESOLVED:
            raise PermissionDenied
        form = forms.IssueProgressForm(request.POST, instance=issue)
        if form.is_valid():
            services.record_save(instance=form.save(commit=False), user=request.user)
            messages.success(request, _("Saved."))
            return redirect(issue.get_absolute_url())
        return self.render_page(issue, progress_form=form)


# --- vehicles: the office's check ----------------------------------------------------------------------------------


class TripReviewView(PortalPermissionMixin, View):
    permission_action = Action.MANAGE

    def post(self, request, pk):
        trip = get_object_or_404(Trip, pk=pk)
        form = forms.TripReviewForm(request.POST, instance=trip)
        if form.is_valid():
            services.trip_review(trip=trip, note=form.cleaned_data["review_note"])
            messages.success(request, _("The check is recorded."))
        return redirect(reverse("registers:record-list", args=["trips"]) + "?is_flagged=true")


# --- coordination --------------------------------------------------------------------------------------------------


class CoordinationListView(PortalPermissionMixin, TemplateView):
    template_name = "registers/coordination_list.html"

    def get_context_data(self, **kwargs):
        from django.core.paginator import Paginator

        context = super().get_context_data(**kwargs)
        filterset = CoordinationRequestFilter(
            self.request.GET or None, queryset=selectors.coordination_list(user=self.request.user), request=self.request
        )
        page = Paginator(filterset.qs, PAGE_SIZE).get_page(self.request.GET.get("page"))
        context.update(
            filter=filterset,
            page_obj=page,
            requests=page.object_list,
            register=REGISTERS["coordination"],
            can_report=can(self.request.user, Action.REPORT),
            today=timezone.localdate(),
        )
        return context


class CoordinationCreateView(PortalPermissionMixin, View):
    permission_action = Action.REPORT
    template_name = "form_page.html"

    def render_form(self, form):
        return render(
            self.request,
            self.template_name,
            {
                "form": form,
                "title": _("New coordination request"),
                "cancel_url": reverse("registers:coordination-list"),
            },
        )

    def get(self, request):
        return self.render_form(forms.CoordinationRequestForm(user=request.user))

    def post(self, request):
        form = forms.CoordinationRequestForm(request.POST, user=request.user)
        if form.is_valid():
            instance = form.save(commit=False)
            require(request.user, Action.REPORT, instance)
            try:
                services.coordination_create(
                    request=instance, departments=form.cleaned_data["departments"], user=request.user
                )
            except ValidationError as error:
                _form_errors(form, error)
            else:
                messages.success(request, _("The request has been sent."))
                return redirect(instance.get_absolute_url())
        return self.render_form(form)


class CoordinationDetailView(PortalPermissionMixin, View):
    template_name = "registers/coordination_detail.html"

    def get_object(self, pk):
        request_ = get_object_or_404(CoordinationRequest.objects.select_related("department"), pk=pk)
        if not selectors.coordination_can_view(user=self.request.user, request=request_):
            raise PermissionDenied
        return request_

    def render_page(self, request_, form=None, form_target=None):
        chains = selectors.coordination_chains(request=request_)
        answerable = [
            t
            for chain in chains
            for t in chain
            if t.status == CoordinationTarget.Status.PENDING and can(self.request.user, Action.REPORT, t)
        ]
        escalations = {
            e.target_id: e for e in Escalation.objects.filter(target__request=request_).select_related("leader")
        }
        for chain in chains:
            for target in chain:
                target.escalation_row = escalations.get(target.pk)
        return render(
            self.request,
            self.template_name,
            {
                "req": request_,
                "fresh_form": forms.CoordinationAnswerForm(),
                "chains": chains,
                "bounced": any(len(chain) > 1 for chain in chains),
                "answerable": answerable,
                "form": form or forms.CoordinationAnswerForm(),
                "form_target": form_target,
                "overdue": request_.deadline < timezone.localdate(),
            },
        )

    def get(self, request, pk):
        return self.render_page(self.get_object(pk))


class CoordinationAnswerView(PortalPermissionMixin, View):
    permission_action = Action.REPORT

    def post(self, request, pk):
        target = get_object_or_404(CoordinationTarget.objects.select_related("request"), pk=pk)
        require(request.user, Action.REPORT, target)
        form = forms.CoordinationAnswerForm(request.POST)
        detail = CoordinationDetailView()
        detail.request = request
        if form.is_valid():
            answer = form.cleaned_data["answer"]
            try:
                if answer == form.PASS_ON:
                    services.coordination_pass_on(
                        target=target,
                        department=form.cleaned_data["department"],
                        reason=form.cleaned_data["reason"],
                        user=request.user,
                    )
                else:
                    services.coordination_answer(
                        target=target,
                        accept=answer == form.ACCEPT,
                        reason=form.cleaned_data["reason"],
                        user=request.user,
                    )
            except ValidationError as error:
                _form_errors(form, error)
            else:
                messages.success(request, _("Your answer has been recorded."))
                return redirect(target.request.get_absolute_url())
        return detail.render_page(target.request, form=form, form_target=target.pk)


# --- policy and holidays (office) ----------------------------------------------------------------------------------


class SettingsView(PortalPermissionMixin, TemplateView):
    template_name = "registers/settings.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = self.request.GET.get("year", "")
        holidays = Holiday.objects.all()
        if year.isdigit():
            holidays = holidays.filter(date__year=int(year))
        context.update(
            policies=RegisterPolicy.objects.all(),
            in_force=selectors.policy_on(timezone.localdate()),
            holidays=holidays,
            can_manage=can(self.request.user, Action.MANAGE),
        )
        return context


class OfficeFormView(PortalPermissionMixin, View):
    """Create or edit a policy or a holiday (office staff)."""

    permission_action = Action.MANAGE
    model = None
    form_class = None
    save_service = None
    title = ""

    def get_object(self, pk):
        return get_object_or_404(self.model, pk=pk) if pk else None

    def render_form(self, form, instance):
        return render(
            self.request,
            "form_page.html",
            {"form": form, "title": str(self.title), "cancel_url": reverse("registers:settings")},
        )

    def get(self, request, pk=None):
        instance = self.get_object(pk)
        return self.render_form(self.form_class(instance=instance), instance)

    def post(self, request, pk=None):
        instance = self.get_object(pk)
        form = self.form_class(request.POST, instance=instance)
        if form.is_valid():
            try:
                type(self).save_service(form.save(commit=False))
            except ValidationError as error:
                _form_errors(form, error)
            else:
                messages.success(request, _("Saved; records were checked again."))
                return redirect("registers:settings")
        return self.render_form(form, instance)


class PolicyFormView(OfficeFormView):
    model = RegisterPolicy
    form_class = forms.RegisterPolicyForm
    title = _("Caps and night hours")

    @staticmethod
    def save_service(instance):
        return services.policy_save(policy=instance)


class HolidayFormView(OfficeFormView):
    model = Holiday
    form_class = forms.HolidayForm
    title = _("Holiday or swapped working day")

    @staticmethod
    def save_service(instance):
        return services.holiday_save(holiday=instance)


class HolidayDeleteView(PortalPermissionMixin, View):
    permission_action = Action.MANAGE

    def post(self, request, pk):
        services.holiday_delete(holiday=get_object_or_404(Holiday, pk=pk))
        messages.success(request, _("Deleted."))
        return redirect("registers:settings")
