"""Reception pages: requests and their approval, records (接待清单) with findings, sign-off and cap overrides,
the office queue, reports and exports, policy versions, venues and annual caps."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import CreateView, DetailView, FormView, ListView, TemplateView, UpdateView
from django_filters.views import FilterView

from liujiguan.permissions import (
    Action,
    ObjectPermissionMixin,
    PortalPermissionMixin,
    can,
    require,
    visible_department_ids,
)

from . import selectors, services
from .filters import ReceptionRecordFilter, ReceptionRequestFilter
from .forms import (
    RECORD_FORMSETS,
    AttachmentForm,
    BudgetForm,
    BudgetImportForm,
    CapOverrideForm,
    ReceptionPolicyForm,
    ReceptionRecordForm,
    ReceptionRequestForm,
    RequestDecisionForm,
    SignOffForm,
    VenueForm,
)
from .models import Attachment, Budget, Meal, ReceptionPolicy, ReceptionRecord, ReceptionRequest, Venue
from .resources import budget_import, record_list_xlsx


def _year(request):
    value = request.GET.get("year", "")
    return int(value) if value.isdigit() and 2000 <= int(value) <= 2100 else timezone.localdate().year


def _cap_messages(request, checks):
    for check in checks:
        if check.level == "ok":
            continue
        text = _("Reception spend of %(budget)s is at %(percent)s%% of its cap (%(spend)s of %(cap)s yuan).") % {
            "budget": check.budget,
            "percent": check.percent,
            "spend": check.spend,
            "cap": check.budget.amount,
        }
        (messages.error if check.level == "over" else messages.warning)(request, text)


class ReceptionHomeView(PortalPermissionMixin, TemplateView):
    template_name = "reception/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = _year(self.request)
        user = self.request.user
        usage = selectors.spend_against_caps(year=year)
        visible = visible_department_ids(user)
        if visible is not None:
            usage = [row for row in usage if row.department_id in visible or row.is_bureau]
        items = selectors.queue(user=user)
        context.update(
            year=year,
            years=sorted({year, *selectors.years_with_records()}, reverse=True),
            usage=usage,
            policy=services.policy_for(timezone.localdate()),
            queue_requests=items["requests"].count(),
            queue_records=items["records"].count(),
            recent=selectors.record_list(user=user)[:8],
            can_report=can(user, Action.REPORT),
        )
        return context


# --- requests -----------------------------------------------------------------------------------------------------


class RequestListView(PortalPermissionMixin, FilterView):
    template_name = "reception/request_list.html"
    filterset_class = ReceptionRequestFilter
    paginate_by = 30
    context_object_name = "requests"

    def get_queryset(self):
        return selectors.request_list(user=self.request.user)


class RequestDetailView(ObjectPermissionMixin, DetailView):
    model = ReceptionRequest
    template_name = "reception/request_detail.html"
    context_object_name = "reception_request"

    def get_queryset(self):
        return ReceptionRequest.objects.select_related(
            "host_department", "submitted_by", "decided_by"
        ).prefetch_related("findings")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj, user = self.object, self.request.user
        submitted = obj.status == ReceptionRequest.Status.SUBMITTED
        context.update(
            can_edit=submitted and can(user, Action.REPORT, obj),
            can_decide=submitted and can(user, Action.APPROVE, obj),
            decision_form=RequestDecisionForm(),
            record=getattr(obj, "record", None) if hasattr(obj, "record") else None,
            can_record=obj.status == ReceptionRequest.Status.APPROVED
            and not hasattr(obj, "record")
            and can(user, Action.REPORT, obj),
        )
        return context


class RequestFormMixin:
    model = ReceptionRequest
    form_class = ReceptionRequestForm
    template_name = "form_page.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        try:
            self.object = services.request_save(request=form.save(commit=False), user=self.request.user)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Request saved."))
        if self.object.finding_count:
            messages.warning(
                self.request,
                _("The request breaks %(n)s rule(s); see the findings.") % {"n": self.object.finding_count},
            )
        return redirect(self.object.get_absolute_url())


class RequestCreateView(PortalPermissionMixin, RequestFormMixin, CreateView):
    permission_action = Action.REPORT
    extra_context = {"title": _("New reception request")}


class RequestUpdateView(ObjectPermissionMixin, RequestFormMixin, UpdateView):
    permission_action = Action.REPORT
    extra_context = {"title": _("Edit reception request")}

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if obj.status != ReceptionRequest.Status.SUBMITTED:
            raise PermissionDenied
        return obj


class RequestDecideView(ObjectPermissionMixin, FormView):
    """Approve or reject: the leader in charge of the host department only."""

    permission_action = Action.APPROVE
    form_class = RequestDecisionForm
    template_name = "form_page.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.object = get_object_or_404(ReceptionRequest, pk=kwargs["pk"])
        require(request.user, Action.APPROVE, self.object)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=_("Decide on: %(request)s") % {"request": self.object},
            cancel_url=self.object.get_absolute_url(),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            services.request_decide(
                request=self.object,
                user=self.request.user,
                approve=form.cleaned_data["decision"] == "approve",
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Decision recorded."))
        return redirect(self.object.get_absolute_url())


# --- records ------------------------------------------------------------------------------------------------------


class RecordListView(PortalPermissionMixin, FilterView):
    template_name = "reception/record_list.html"
    filterset_class = ReceptionRecordFilter
    paginate_by = 30
    context_object_name = "records"

    def get_queryset(self):
        return selectors.record_list(user=self.request.user)

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") == "xlsx":
            return self.export(request)
        return super().get(request, *args, **kwargs)

    def export(self, request):
        filterset = self.filterset_class(request.GET, queryset=self.get_queryset(), request=request)
        records = filterset.qs if filterset.is_valid() else self.get_queryset()
        meals = Meal.objects.filter(record__in=records.values("pk")).select_related("record").order_by("date", "pk")
        response = HttpResponse(
            record_list_xlsx(records=records, meals=meals),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        filename = f"reception-list-{timezone.localdate():%Y%m%d}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_report"] = can(self.request.user, Action.REPORT)
        query = self.request.GET.copy()
        query["export"] = "xlsx"
        query.pop("page", None)
        context["export_query"] = query.urlencode()
        return context


class RecordDetailView(ObjectPermissionMixin, DetailView):
    model = ReceptionRecord
    template_name = "reception/record_detail.html"
    context_object_name = "record"

    def get_queryset(self):
        return ReceptionRecord.objects.select_related(
            "host_department", "request", "responsible_person", "recorded_by", "signed_off_by"
        ).prefetch_related(
            "guest_list", "meals", "lodgings", "gifts", "events", "attachments", "findings", "justifications__by"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        record, user = self.object, self.request.user
        open_record = not record.is_signed_off
        needs_leader = services.record_sign_off_needs_leader(record)
        context.update(
            can_edit=open_record and can(user, Action.REPORT, record),
            can_sign_off=open_record
            and not record.over_cap
            and (can(user, Action.APPROVE, record) or (not needs_leader and can(user, Action.REPORT, record))),
            can_override=open_record and record.over_cap and can(user, Action.APPROVE, record),
            needs_leader=needs_leader,
            sign_off_form=SignOffForm(needs_justification=needs_leader),
            override_form=CapOverrideForm(),
            attachment_form=AttachmentForm(),
            can_attach=can(user, Action.REPORT, record),
            caps=selectors.spend_against_caps(year=record.start_date.year, department=record.host_department_id),
        )
        return context


class RecordFormMixin:
    """The record form with its rows (guests, meals, lodging, events, gifts), saved together or not at all."""

    model = ReceptionRecord
    form_class = ReceptionRecordForm
    template_name = "reception/record_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def formsets(self, instance):
        data = self.request.POST if self.request.method == "POST" else None
        return [(title, cls(data, instance=instance, prefix=prefix)) for prefix, cls, title in RECORD_FORMSETS]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if "formsets" not in kwargs:
            context["formsets"] = self.formsets(self.object or ReceptionRecord())
        policy = services.policy_for(timezone.localdate())
        context["designated_venues"] = policy.designated_venues.all() if policy else Venue.objects.none()
        context["cancel_url"] = self.object.get_absolute_url() if self.object else reverse("reception:record-list")
        return context

    def post(self, request, *args, **kwargs):
        self.object = self.get_object() if self.kwargs.get("pk") else None
        form = self.get_form()
        form_ok = form.is_valid()  # also puts the new dates on form.instance for the rows' date checks
        formsets = self.formsets(form.instance)
        rows_ok = all([formset.is_valid() for _title, formset in formsets])  # noqa: C419 (validate every formset)
        if not (form_ok and rows_ok):
            messages.error(request, _("Please correct the errors below; nothing was saved."))
            return self.render_to_response(self.get_context_data(form=form, formsets=formsets))
        record = form.save(commit=False)
        self.prepare(record)
        was_new = record.pk is None
        try:
            checks = services.record_save(record=record, user=request.user, formsets=[f for _t, f in formsets])
        except ValidationError as error:
            if was_new:
                record.pk = None
            form.add_error(None, error)
            return self.render_to_response(self.get_context_data(form=form, formsets=formsets))
        messages.success(request, _("Reception record saved."))
        if record.finding_count:
            messages.warning(
                request, _("The record breaks %(n)s rule(s); see the findings.") % {"n": record.finding_count}
            )
        _cap_messages(request, checks)
        return redirect(record.get_absolute_url())

    def prepare(self, record):
        pass


class RecordCreateView(PortalPermissionMixin, RecordFormMixin, CreateView):
    permission_action = Action.REPORT
    extra_context = {"title": _("New reception record")}

    def dispatch(self, request, *args, **kwargs):
        self.from_request = None
        request_id = request.GET.get("request") or request.POST.get("from_request")
        if request_id and str(request_id).isdigit() and request.user.is_authenticated:
            self.from_request = get_object_or_404(
                ReceptionRequest, pk=request_id, status=ReceptionRequest.Status.APPROVED
            )
            require(request.user, Action.REPORT, self.from_request)
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        req = self.from_request
        if req is None:
            return {}
        return {
            "host_department": req.host_department_id,
            "visiting_unit": req.visiting_unit,
            "visiting_city": req.visiting_city,
            "letter_reference": req.letter_reference,
            "activity": req.purpose,
            "guests": req.guests,
            "highest_rank": req.highest_rank,
            "start_date": req.start_date,
            "end_date": req.end_date,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(from_request=self.from_request, **kwargs)

    def prepare(self, record):
        if self.from_request and not hasattr(self.from_request, "record"):
            record.request = self.from_request


class RecordUpdateView(ObjectPermissionMixin, RecordFormMixin, UpdateView):
    permission_action = Action.REPORT
    extra_context = {"title": _("Edit reception record")}

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if obj.is_signed_off:
            raise PermissionDenied
        return obj


class RecordActionView(PortalPermissionMixin, View):
    """POST-only actions on one record; permission is decided by the service and re-checked here."""

    http_method_names = ["post"]

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.record = get_object_or_404(ReceptionRecord, pk=kwargs["pk"])
        require(request.user, Action.VIEW, self.record)
        return super().dispatch(request, *args, **kwargs)

    def done(self):
        return redirect(self.record.get_absolute_url())

    def failed(self, error):
        for message in error.messages:
            messages.error(self.request, message)
        return self.done()


class RecordSignOffView(RecordActionView):
    def post(self, request, *args, **kwargs):
        needs_leader = services.record_sign_off_needs_leader(self.record)
        if needs_leader:
            require(request.user, Action.APPROVE, self.record)
        elif not (can(request.user, Action.APPROVE, self.record) or can(request.user, Action.REPORT, self.record)):
            raise PermissionDenied
        form = SignOffForm(request.POST, needs_justification=needs_leader)
        if not form.is_valid():
            messages.error(request, _("This record has findings: a written justification by the leader is required."))
            return self.done()
        try:
            services.record_sign_off(
                record=self.record, user=request.user, justification=form.cleaned_data["justification"]
            )
        except ValidationError as error:
            return self.failed(error)
        messages.success(request, _("The reception record is signed off."))
        return self.done()


class RecordOverrideView(RecordActionView):
    def post(self, request, *args, **kwargs):
        require(request.user, Action.APPROVE, self.record)
        form = CapOverrideForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Give the reason for letting this record pass the cap."))
            return self.done()
        try:
            services.record_cap_override(record=self.record, user=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            return self.failed(error)
        messages.success(request, _("The cap override is recorded."))
        return self.done()


class AttachmentUploadView(RecordActionView):
    def post(self, request, *args, **kwargs):
        require(request.user, Action.REPORT, self.record)
        form = AttachmentForm(request.POST, request.FILES)
        if not form.is_valid():
            messages.error(request, _("Choose a file to attach."))
            return self.done()
        try:
            services.attachment_add(
                record=self.record,
                upload=form.cleaned_data["file"],
                user=request.user,
                description=form.cleaned_data["description"],
            )
        except ValidationError as error:
            return self.failed(error)
        messages.success(request, _("Attachment added."))
        return self.done()


class AttachmentDownloadView(PortalPermissionMixin, View):
    """Invoice scans are never public: served as a download only to who may see the record."""

    def get(self, request, pk):
        attachment = get_object_or_404(Attachment.objects.select_related("record"), pk=pk)
        require(request.user, Action.VIEW, attachment)
        try:
            handle = attachment.file.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        return FileResponse(
            handle, as_attachment=True, filename=attachment.original_name, content_type=attachment.content_type
        )


# --- queue and reports --------------------------------------------------------------------------------------------


class QueueView(PortalPermissionMixin, TemplateView):
    template_name = "reception/queue.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        items = selectors.queue(user=self.request.user)
        context["requests"] = items["requests"]
        context["records"] = items["records"].prefetch_related("findings")
        return context


class ReportView(PortalPermissionMixin, TemplateView):
    template_name = "reception/report.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = _year(self.request)
        user = self.request.user
        context.update(
            year=year,
            years=sorted({year, *selectors.years_with_records()}, reverse=True),
            monthly=selectors.summary(user=user, year=year, by_month=True),
            yearly=selectors.summary(user=user, year=year, by_month=False),
            totals=selectors.summary_totals(user=user, year=year),
        )
        return context


# --- policy, venues, budgets (office staff) -----------------------------------------------------------------------


class PolicyListView(PortalPermissionMixin, ListView):
    template_name = "reception/policy_list.html"
    context_object_name = "policies"

    def get_queryset(self):
        return ReceptionPolicy.objects.prefetch_related("designated_venues")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["current"] = services.policy_for(timezone.localdate())
        context["venues"] = Venue.objects.all()
        return context


class PolicyDetailView(PortalPermissionMixin, DetailView):
    model = ReceptionPolicy
    template_name = "reception/policy_detail.html"
    context_object_name = "policy"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        policy = self.object
        context["switches"] = [
            (ReceptionPolicy._meta.get_field(name).verbose_name, getattr(policy, name))
            for name in (
                "designated_venues_only",
                "no_lunch_alcohol",
                "dinner_alcohol_allowed",
                "buffet_or_canteen",
                "no_same_city",
                "no_welcome_at_stations",
                "no_layered_accompaniment",
                "no_gifts",
                "no_accompanying_meals",
            )
        ]
        return context


class PolicyCreateView(PortalPermissionMixin, CreateView):
    """A new version, prefilled from the one in force."""

    permission_action = Action.MANAGE
    model = ReceptionPolicy
    form_class = ReceptionPolicyForm
    template_name = "form_page.html"
    success_url = reverse_lazy("reception:policy-list")
    extra_context = {"title": _("New policy version")}

    def get_initial(self):
        current = services.policy_for(timezone.localdate())
        if current is None:
            return {"effective_from": timezone.localdate()}
        initial = {
            field.name: getattr(current, field.name)
            for field in ReceptionPolicy._meta.concrete_fields
            if field.editable and field.name not in ("id", "created", "modified", "effective_from", "title")
        }
        initial["designated_venues"] = list(current.designated_venues.values_list("pk", flat=True))
        initial["effective_from"] = timezone.localdate()
        return initial

    def form_valid(self, form):
        messages.success(self.request, _("Policy saved."))
        return super().form_valid(form)


class PolicyUpdateView(PortalPermissionMixin, UpdateView):
    permission_action = Action.MANAGE
    model = ReceptionPolicy
    form_class = ReceptionPolicyForm
    template_name = "form_page.html"
    success_url = reverse_lazy("reception:policy-list")
    extra_context = {"title": _("Edit policy version")}

    def form_valid(self, form):
        messages.success(self.request, _("Policy saved. Findings are recomputed when receptions are next saved."))
        return super().form_valid(form)


class VenueCreateView(PortalPermissionMixin, CreateView):
    permission_action = Action.MANAGE
    model = Venue
    form_class = VenueForm
    template_name = "form_page.html"
    success_url = reverse_lazy("reception:policy-list")
    extra_context = {"title": _("New venue")}


class VenueUpdateView(PortalPermissionMixin, UpdateView):
    permission_action = Action.MANAGE
    model = Venue
    form_class = VenueForm
    template_name = "form_page.html"
    success_url = reverse_lazy("reception:policy-list")
    extra_context = {"title": _("Edit venue")}


class BudgetListView(PortalPermissionMixin, TemplateView):
    template_name = "reception/budget_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = _year(self.request)
        usage = selectors.spend_against_caps(year=year)
        visible = visible_department_ids(self.request.user)
        if visible is not None:
            usage = [row for row in usage if row.department_id in visible or row.is_bureau]
        budgets = {(b.department_id): b for b in Budget.objects.filter(year=year)}
        context.update(
            year=year,
            years=sorted({year, year + 1, *Budget.objects.values_list("year", flat=True)}, reverse=True),
            usage=[(row, budgets.get(row.department_id)) for row in usage],
        )
        return context


class BudgetCreateView(PortalPermissionMixin, CreateView):
    permission_action = Action.MANAGE
    model = Budget
    form_class = BudgetForm
    template_name = "form_page.html"
    extra_context = {"title": _("New reception cap")}

    def get_initial(self):
        return {"year": _year(self.request)}

    def get_success_url(self):
        return reverse("reception:budget-list") + f"?year={self.object.year}"


class BudgetUpdateView(PortalPermissionMixin, UpdateView):
    permission_action = Action.MANAGE
    model = Budget
    form_class = BudgetForm
    template_name = "form_page.html"
    extra_context = {"title": _("Edit reception cap")}

    def get_success_url(self):
        return reverse("reception:budget-list") + f"?year={self.object.year}"


class BudgetImportView(PortalPermissionMixin, FormView):
    permission_action = Action.MANAGE
    form_class = BudgetImportForm
    template_name = "form_page.html"
    extra_context = {"title": _("Import reception caps")}

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        file_format = "xlsx" if upload.name.lower().endswith(".xlsx") else "csv"
        count, errors = budget_import(data=upload.read(), file_format=file_format)
        if errors:
            for error in errors[:20]:
                form.add_error("file", error)
            form.add_error(None, _("Nothing was imported."))
            return self.form_invalid(form)
        messages.success(self.request, _("%(n)s caps imported.") % {"n": count})
        return redirect("reception:budget-list")
