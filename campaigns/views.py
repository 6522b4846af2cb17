"""Plan pages: campaigns, pillars, measures with their supervision cycle and progress, indicators, import/export."""

import secrets

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import ProtectedError
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import CreateView, DetailView, FormView, ListView, UpdateView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from leadership.models import Department
from leadership.selectors import current_campaign
from liujiguan.permissions import (
    Action,
    ObjectPermissionMixin,
    PortalPermissionMixin,
    can,
    require,
    user_department_id,
)

from . import selectors, services
from .filters import MeasureFilter, ReadingFilter
from .forms import (
    CampaignForm,
    ConfirmImportForm,
    ImportForm,
    IndicatorForm,
    MeasureForm,
    MilestoneForm,
    PillarForm,
    ProgressForm,
    ReadingForm,
    ReasonForm,
)
from .history import history_rows
from .indicators import indicator_recompute, period_bounds
from .models import Campaign, CampaignCheck, Evidence, Indicator, Measure, Pillar
from .resources import IndicatorReadingResource, MeasureResource, import_file
from .tables import MeasureTable, ReadingTable


def _campaign_or_current(request):
    campaign_id = request.GET.get("campaign")
    if campaign_id and campaign_id.isdigit():
        return get_object_or_404(Campaign, pk=campaign_id)
    campaign = current_campaign()
    if campaign is None:
        raise Http404(_("No campaign yet."))
    return campaign


# --- campaigns ---------------------------------------------------------------------------------------------------


class CampaignListView(PortalPermissionMixin, ListView):
    model = Campaign
    template_name = "campaigns/campaign_list.html"
    context_object_name = "campaigns"


class CampaignDetailView(ObjectPermissionMixin, DetailView):
    model = Campaign
    template_name = "campaigns/campaign_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        campaign = self.object
        counts = selectors.light_counts(campaign=campaign, user=self.request.user, by="pillar")
        pillars = list(selectors.pillar_progress(campaign=campaign))
        for pillar in pillars:
            pillar.lights = counts.get(pillar.pk, {})
        context.update(
            pillars=pillars,
            progress=selectors.campaign_progress(campaign=campaign),
            lights=selectors.light_counts(campaign=campaign, user=self.request.user),
            checks=campaign.checks.select_related("confirmed_by", "confirmed_by__person"),
            indicators=selectors.indicator_list(campaign=campaign),
            history=history_rows(campaign, limit=20),
            can_manage=can(self.request.user, Action.MANAGE),
        )
        return context


class CampaignCreateView(PortalPermissionMixin, CreateView):
    permission_action = Action.MANAGE
    model = Campaign
    form_class = CampaignForm
    template_name = "form_page.html"
    extra_context = {"title": gettext_lazy("New campaign")}

    def get_initial(self):
        year = timezone.localdate().year
        return {"year": year, "start": f"{year}-01-01", "end": f"{year}-12-31"}

    def form_valid(self, form):
        try:
            self.object = services.campaign_save(campaign=form.instance, user=self.request.user)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        if form.cleaned_data.get("with_default_pillars"):
            services.campaign_pillars_default(campaign=self.object, user=self.request.user)
        messages.success(self.request, _("Campaign saved."))
        return redirect(self.object)


class CampaignUpdateView(ObjectPermissionMixin, UpdateView):
    permission_action = Action.MANAGE
    model = Campaign
    form_class = CampaignForm
    template_name = "form_page.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=_("Edit %(name)s") % {"name": self.object.title}, cancel_url=self.object.get_absolute_url(), **kwargs
        )

    def form_valid(self, form):
        try:
            services.campaign_save(campaign=form.instance, user=self.request.user)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Campaign saved."))
        return redirect(self.object)


class CampaignCheckView(PortalPermissionMixin, View):
    """Confirm or withdraw one of the three-in-place checks."""

    permission_action = Action.MANAGE

    def post(self, request, pk, kind):
        campaign = get_object_or_404(Campaign, pk=pk)
        if kind not in CampaignCheck.Kind.values:
            raise Http404
        services.campaign_check_set(
            campaign=campaign,
            kind=kind,
            user=request.user,
            confirmed=request.POST.get("confirmed") == "1",
            note=request.POST.get("note", "")[:1000],
        )
        messages.success(request, _("Saved."))
        return redirect(campaign.get_absolute_url() + "#checks")


class CampaignDefaultPillarsView(PortalPermissionMixin, View):
    permission_action = Action.MANAGE

    def post(self, request, pk):
        campaign = get_object_or_404(Campaign, pk=pk)
        created = services.campaign_pillars_default(campaign=campaign, user=request.user)
        messages.success(request, _("%(n)s pillars added.") % {"n": len(created)})
        return redirect(campaign)


# --- pillars -----------------------------------------------------------------------------------------------------


class PillarCreateView(PortalPermissionMixin, CreateView):
    permission_action = Action.MANAGE
    model = Pillar
    form_class = PillarForm
    template_name = "form_page.html"

    def dispatch(self, request, *args, **kwargs):
        self.campaign = get_object_or_404(Campaign, pk=kwargs["campaign_pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["campaign"] = self.campaign
        kwargs.setdefault("instance", Pillar(campaign=self.campaign, order=self.campaign.pillars.count() + 1))
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=_("New pillar in %(campaign)s") % {"campaign": self.campaign.title},
            cancel_url=self.campaign.get_absolute_url(),
            **kwargs,
        )

    def form_valid(self, form):
        form.instance.campaign = self.campaign
        self.object = form.save()
        messages.success(self.request, _("Pillar saved."))
        return redirect(self.object.get_absolute_url())


class PillarUpdateView(ObjectPermissionMixin, UpdateView):
    permission_action = Action.MANAGE
    model = Pillar
    form_class = PillarForm
    template_name = "form_page.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=_("Edit %(name)s") % {"name": self.object.name}, cancel_url=self.object.get_absolute_url(), **kwargs
        )

    def form_valid(self, form):
        messages.success(self.request, _("Pillar saved."))
        return super().form_valid(form)

    def get_success_url(self):
        return self.object.get_absolute_url()


class PillarDeleteView(ObjectPermissionMixin, DetailView):
    """Drop a pillar from a campaign; only possible while it has no measures."""

    permission_action = Action.MANAGE
    model = Pillar
    template_name = "campaigns/pillar_confirm_delete.html"

    def post(self, request, pk):
        pillar = self.get_object()
        campaign = pillar.campaign
        try:
            pillar.delete()
        except ProtectedError:
            messages.error(request, _("Move or cancel the pillar's measures before dropping it."))
            return redirect(pillar.get_absolute_url())
        messages.success(request, _("Pillar dropped."))
        return redirect(campaign)


class PillarDetailView(ObjectPermissionMixin, DetailView):
    """A pillar's measures in order (office staff edit and reorder them here) and its indicators."""

    model = Pillar
    template_name = "campaigns/pillar_detail.html"

    def get_queryset(self):
        return Pillar.objects.select_related("campaign", "leader_in_charge")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pillar = self.object
        measures = selectors.measure_list(user=self.request.user, pillar=pillar).prefetch_related(
            "cooperating_departments"
        )
        context.update(
            measures=measures.order_by("order", "pk"),
            indicators=selectors.indicator_list(campaign=pillar.campaign, pillar=pillar),
            progress=selectors.pillar_progress(campaign=pillar.campaign).filter(pk=pillar.pk).first(),
            can_manage=can(self.request.user, Action.MANAGE),
            history=history_rows(pillar, limit=10),
        )
        return context


# --- measures ----------------------------------------------------------------------------------------------------


def _measure_for(request, pk, action=Action.VIEW) -> Measure:
    try:
        measure = selectors.measure_detail(user=request.user, pk=pk)
    except Measure.DoesNotExist as error:
        raise Http404 from error
    require(request.user, action, measure)
    return measure


class CampaignFilteredListMixin(PortalPermissionMixin, SingleTableMixin, FilterView):
    """A filtered, sortable, paginated list within one campaign; exports repeat the current filter."""

    # Only the table paginates (and counts the rows, once); ListView's own pagination would count them again.
    table_pagination = {"per_page": 50}

    def get_paginate_by(self, queryset):
        return None

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "campaign": self.campaign}

    def export_query(self) -> str:
        query = self.request.GET.copy()
        query.pop("page", None)
        query.pop("sort", None)
        return query.urlencode()


class MeasureListView(CampaignFilteredListMixin):
    """All measures the user may see, filtered, searched, sorted and paginated; exports follow the filter."""

    table_class = MeasureTable
    filterset_class = MeasureFilter
    template_name = "campaigns/measure_list.html"

    def get_queryset(self):
        self.campaign = _campaign_or_current(self.request)
        return selectors.measure_list(user=self.request.user, campaign=self.campaign)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            campaign=self.campaign,
            campaigns=Campaign.objects.only("pk", "title", "year"),
            export_query=self.export_query(),
            can_manage=can(self.request.user, Action.MANAGE),
        )
        return context


def _export(resource, queryset, fmt: str, filename: str):
    dataset = resource.export(queryset=queryset)
    if fmt == "xlsx":
        response = HttpResponse(
            dataset.export("xlsx"),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        # With a BOM so that Excel on Chinese Windows opens the UTF-8 file correctly.
        response = HttpResponse("\ufeff" + dataset.export("csv"), content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="{filename}-{stamp}.{fmt}"'
    return response


class MeasureExportView(MeasureListView):
    def get(self, request, *args, **kwargs):
        queryset = self.get_queryset()
        filterset = self.get_filterset(self.get_filterset_class())
        queryset = (filterset.qs if filterset.is_valid() else queryset).prefetch_related("cooperating_departments")
        fmt = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
        resource = MeasureResource(campaign=self.campaign, user=request.user)
        return _export(resource, queryset.order_by("pillar__order", "order", "pk"), fmt, "measures")


class MeasureDetailView(PortalPermissionMixin, View):
    """A measure's whole story: details, milestones, progress timeline with evidence, history, workflow buttons."""

    def get(self, request, pk):
        measure = _measure_for(request, pk)
        context = {
            "measure": measure,
            "cooperating": measure.cooperating_departments.all(),
            "milestones": measure.milestones.all(),
            "timeline": selectors.measure_timeline(measure=measure),
            "history": history_rows(measure),
            "actions": services.measure_allowed_actions(measure=measure, user=request.user),
            "reason_form": ReasonForm(),
            "milestone_form": MilestoneForm() if can(request.user, Action.MANAGE) else None,
        }
        return render(request, "campaigns/measure_detail.html", context)


class MeasureCreateView(PortalPermissionMixin, FormView):
    permission_action = Action.MANAGE
    form_class = MeasureForm
    template_name = "campaigns/measure_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.pillar = get_object_or_404(Pillar.objects.select_related("campaign"), pk=kwargs["pillar_pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "campaign": self.pillar.campaign, "instance": Measure(pillar=self.pillar)}

    def get_initial(self):
        return {"pillar": self.pillar, "start": self.pillar.campaign.start, "due": self.pillar.campaign.end}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=_("New measure in %(pillar)s") % {"pillar": self.pillar.name},
            cancel_url=self.pillar.get_absolute_url(),
            **kwargs,
        )

    def form_valid(self, form):
        fields = form.service_fields()
        pillar = fields.pop("pillar")
        try:
            measure = services.measure_create(
                pillar=pillar,
                user=self.request.user,
                cooperating_departments=form.cleaned_data["cooperating_departments"],
                **fields,
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Measure saved."))
        return redirect(measure.pillar.get_absolute_url() + f"#measure-{measure.pk}")


class MeasureUpdateView(PortalPermissionMixin, FormView):
    """Office edit with optimistic locking: a save based on an older version is refused, showing what changed."""

    permission_action = Action.MANAGE
    form_class = MeasureForm
    template_name = "campaigns/measure_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.measure = _measure_for(request, kwargs["pk"], Action.MANAGE)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = Measure.objects.get(pk=self.measure.pk)
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=_("Edit measure"), measure=self.measure, cancel_url=self.measure.get_absolute_url(), **kwargs
        )

    def form_valid(self, form):
        fields = form.service_fields()
        try:
            services.measure_update(
                measure=self.measure,
                user=self.request.user,
                version=form.cleaned_data["version"],
                cooperating_departments=form.cleaned_data["cooperating_departments"],
                **fields,
            )
        except services.MeasureConflict as conflict:
            # Keep everything typed; the next save (now against the current version) is a deliberate overwrite.
            form.data = form.data.copy()
            form.data["version"] = conflict.current.version
            form.add_error(None, conflict.message)
            return self.render_to_response(self.get_context_data(form=form, conflict=conflict))
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Measure saved."))
        return redirect(self.measure.get_absolute_url())


class MeasureActionView(PortalPermissionMixin, View):
    """The supervision buttons: acknowledge, report done, verify, return, cancel."""

    STEPS = {
        "acknowledge": (services.measure_acknowledge, False, gettext_lazy("Measure acknowledged.")),
        "report": (services.measure_report_done, False, gettext_lazy("Reported done; the office will verify it.")),
        "verify": (services.measure_verify, False, gettext_lazy("Measure verified.")),
        "return": (services.measure_return, True, gettext_lazy("Measure returned to the department.")),
        "cancel": (services.measure_cancel, True, gettext_lazy("Measure cancelled.")),
    }

    def post(self, request, pk, step):
        if step not in self.STEPS:
            raise Http404
        measure = _measure_for(request, pk)
        service, needs_reason, done = self.STEPS[step]
        kwargs = {"reason": request.POST.get("reason", "")} if needs_reason else {}
        try:
            service(measure=measure, user=request.user, **kwargs)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, done)
        return redirect(measure.get_absolute_url())


class MeasureMoveView(PortalPermissionMixin, View):
    permission_action = Action.MANAGE

    def post(self, request, pk, direction):
        measure = get_object_or_404(Measure, pk=pk)
        if direction not in ("up", "down"):
            raise Http404
        services.measure_move(measure=measure, user=request.user, direction=direction)
        return redirect(measure.pillar.get_absolute_url() + f"#measure-{measure.pk}")


class MeasureReorderView(PortalPermissionMixin, View):
    """Drag-and-drop reordering posts the pillar's measure ids in their new order."""

    permission_action = Action.MANAGE

    def post(self, request, pk):
        pillar = get_object_or_404(Pillar, pk=pk)
        ids = [value for value in request.POST.getlist("order") if value.isdigit()]
        if not ids:
            return HttpResponseBadRequest()
        services.measure_reorder(pillar=pillar, user=request.user, ordered_ids=[int(i) for i in ids])
        if request.htmx:
            return HttpResponse(status=204)
        return redirect(pillar.get_absolute_url())


class MilestoneCreateView(PortalPermissionMixin, View):
    permission_action = Action.MANAGE

    def post(self, request, pk):
        measure = _measure_for(request, pk, Action.MANAGE)
        form = MilestoneForm(request.POST)
        if form.is_valid():
            form.instance.measure = measure
            form.instance.order = measure.milestones.count() + 1
            try:
                form.instance.validate_constraints()
                form.save()
                messages.success(request, _("Milestone added."))
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
        else:
            for errors in form.errors.values():
                messages.error(request, " ".join(errors))
        return redirect(measure.get_absolute_url() + "#milestones")


class ProgressCreateView(PortalPermissionMixin, FormView):
    """A department contact (or the office) posts progress with evidence files."""

    form_class = ProgressForm
    template_name = "campaigns/progress_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.measure = _measure_for(request, kwargs["pk"], Action.REPORT)
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"day": timezone.localdate(), "percent": self.measure.progress}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=_("Post progress"), measure=self.measure, cancel_url=self.measure.get_absolute_url(), **kwargs
        )

    def form_valid(self, form):
        try:
            update = services.progress_post(
                measure=self.measure,
                user=self.request.user,
                percent=form.cleaned_data["percent"],
                note=form.cleaned_data["note"],
                day=form.cleaned_data["day"],
                files=form.cleaned_data["files"],
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error("files" if error.code in ("too_large", "file_type") else None, error)
            return self.form_invalid(form)
        if update.is_late:
            messages.warning(self.request, _("Progress saved. It was posted after the due date and is marked late."))
        else:
            messages.success(self.request, _("Progress saved."))
        return redirect(self.measure.get_absolute_url() + "#timeline")


class EvidenceDownloadView(PortalPermissionMixin, View):
    """Evidence is never served from MEDIA_URL: only through here, after the permission check, as an attachment."""

    def get(self, request, pk):
        evidence = get_object_or_404(Evidence.objects.select_related("update__measure"), pk=pk)
        require(request.user, Action.VIEW, evidence)
        try:
            handle = evidence.file.open("rb")
        except FileNotFoundError as error:
            raise Http404 from error
        response = FileResponse(
            handle, as_attachment=True, filename=evidence.original_name, content_type=evidence.content_type
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response


# --- indicators --------------------------------------------------------------------------------------------------


class IndicatorCreateView(PortalPermissionMixin, CreateView):
    permission_action = Action.MANAGE
    model = Indicator
    form_class = IndicatorForm
    template_name = "form_page.html"

    def dispatch(self, request, *args, **kwargs):
        self.pillar = get_object_or_404(Pillar.objects.select_related("campaign"), pk=kwargs["pillar_pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "campaign": self.pillar.campaign}

    def get_initial(self):
        return {"pillar": self.pillar}

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=_("New indicator"), cancel_url=self.pillar.get_absolute_url(), **kwargs)

    def form_valid(self, form):
        messages.success(self.request, _("Indicator saved."))
        return super().form_valid(form)


class IndicatorUpdateView(ObjectPermissionMixin, UpdateView):
    permission_action = Action.MANAGE
    model = Indicator
    form_class = IndicatorForm
    template_name = "form_page.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=_("Edit %(name)s") % {"name": self.object.name}, cancel_url=self.object.get_absolute_url(), **kwargs
        )

    def form_valid(self, form):
        messages.success(self.request, _("Indicator saved."))
        return super().form_valid(form)


def _reading_departments(user):
    if can(user, Action.MANAGE):
        return Department.objects.filter(is_active=True)
    return Department.objects.filter(pk=user_department_id(user))


class IndicatorDetailView(ObjectPermissionMixin, DetailView):
    model = Indicator
    template_name = "campaigns/indicator_detail.html"

    def get_queryset(self):
        return Indicator.objects.select_related("pillar", "pillar__campaign")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        indicator = self.object
        user = self.request.user
        readings = selectors.indicator_reading_list(user=user, indicator=indicator).order_by(
            "-period_start", "department__order", "department__name"
        )
        can_report = can(user, Action.MANAGE) or (can(user, Action.REPORT) and user_department_id(user) is not None)
        start, end = period_bounds(indicator.frequency, timezone.localdate())
        form = None
        if can_report and not indicator.is_computed:
            departments = _reading_departments(user)
            form = ReadingForm(
                departments=departments,
                initial={"period_start": start, "period_end": end, "department": departments.first()},
            )
        context.update(
            readings=readings[:200],
            summary=selectors.indicator_list(campaign=indicator.pillar.campaign).filter(pk=indicator.pk).first(),
            reading_form=form,
            history=history_rows(indicator, limit=20),
            can_manage=can(user, Action.MANAGE),
            period=(start, end),
        )
        return context


class ReadingCreateView(PortalPermissionMixin, View):
    """Enter a reading: department contacts for their own department, the office for any or the whole organ."""

    permission_action = Action.REPORT

    def post(self, request, pk):
        indicator = get_object_or_404(Indicator, pk=pk)
        form = ReadingForm(request.POST, departments=_reading_departments(request.user))
        if form.is_valid():
            data = form.cleaned_data
            end = data["period_end"] or period_bounds(indicator.frequency, data["period_start"])[1]
            try:
                services.reading_save(
                    indicator=indicator,
                    user=request.user,
                    department=data["department"],
                    period_start=data["period_start"],
                    period_end=end,
                    value=data["value"],
                    note=data["note"],
                )
            except ValidationError as error:
                for message in error.messages:
                    messages.error(request, message)
            else:
                messages.success(request, _("Reading saved."))
        else:
            for field, errors in form.errors.items():
                label = form.fields[field].label if field in form.fields else ""
                messages.error(request, f"{label} {' '.join(errors)}".strip())
        return redirect(indicator.get_absolute_url())


class IndicatorRecomputeView(PortalPermissionMixin, View):
    permission_action = Action.MANAGE

    def post(self, request, pk):
        indicator = get_object_or_404(Indicator, pk=pk)
        start, end = period_bounds(indicator.frequency, timezone.localdate())
        try:
            readings = indicator_recompute(indicator=indicator, period_start=start, period_end=end)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("%(n)s readings computed.") % {"n": len(readings)})
        return redirect(indicator.get_absolute_url())


class ReadingListView(CampaignFilteredListMixin):
    table_class = ReadingTable
    filterset_class = ReadingFilter
    template_name = "campaigns/reading_list.html"

    def get_queryset(self):
        self.campaign = _campaign_or_current(self.request)
        return selectors.indicator_reading_list(user=self.request.user, campaign=self.campaign)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            campaign=self.campaign, export_query=self.export_query(), can_manage=can(self.request.user, Action.MANAGE)
        )
        return context


class ReadingExportView(ReadingListView):
    def get(self, request, *args, **kwargs):
        queryset = self.get_queryset()
        filterset = self.get_filterset(self.get_filterset_class())
        queryset = filterset.qs if filterset.is_valid() else queryset
        fmt = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
        resource = IndicatorReadingResource(campaign=self.campaign, user=request.user)
        return _export(resource, queryset.order_by("indicator__order", "period_start", "pk"), fmt, "readings")


# --- imports -----------------------------------------------------------------------------------------------------


class ImportView(PortalPermissionMixin, View):
    """Upload → dry-run preview → confirm. The file waits in storage between the two steps, keyed by a token."""

    permission_action = Action.MANAGE
    resource_class = None
    title = ""
    back_url_name = ""

    def dispatch(self, request, *args, **kwargs):
        self.campaign = get_object_or_404(Campaign, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def _path(self, token):
        if not token.isalnum():
            raise PermissionDenied
        return f"campaigns/imports/{self.request.user.pk}/{token}"

    def _render(self, request, **context):
        columns = [str(label) for label in self.resource_class.labels.values()]
        return render(
            request,
            "campaigns/import.html",
            {
                "campaign": self.campaign,
                "title": self.title,
                "columns": columns,
                "back_url": reverse(self.back_url_name) + f"?campaign={self.campaign.pk}",
                **context,
            },
        )

    def get(self, request, pk):
        return self._render(request, form=ImportForm())

    def post(self, request, pk):
        if "token" in request.POST:
            return self._commit(request)
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self._render(request, form=form)
        upload = form.cleaned_data["file"]
        if upload.size > 50 * 1024 * 1024:
            form.add_error("file", _("The file is too large."))
            return self._render(request, form=form)
        content = upload.read()
        report = import_file(
            resource_class=self.resource_class,
            campaign=self.campaign,
            user=request.user,
            content=content,
            name=upload.name,
            dry_run=True,
        )
        confirm = None
        if report.ok:
            token = secrets.token_hex(16)
            default_storage.save(self._path(token), ContentFile(content))
            confirm = ConfirmImportForm(initial={"token": token, "name": upload.name})
        return self._render(request, form=ImportForm(), report=report, confirm=confirm, file_name=upload.name)

    def _commit(self, request):
        form = ConfirmImportForm(request.POST)
        if not form.is_valid():
            return HttpResponseBadRequest()
        path = self._path(form.cleaned_data["token"])
        if not default_storage.exists(path):
            messages.error(request, _("The uploaded file has expired; upload it again."))
            return redirect(request.path)
        with default_storage.open(path, "rb") as handle:
            content = handle.read()
        report = import_file(
            resource_class=self.resource_class,
            campaign=self.campaign,
            user=request.user,
            content=content,
            name=form.cleaned_data["name"],
            dry_run=False,
        )
        default_storage.delete(path)
        if report.committed:
            totals = report.totals
            messages.success(
                request,
                _("Imported: %(new)s new, %(update)s updated.")
                % {"new": totals.get("new", 0), "update": totals.get("update", 0)},
            )
            return redirect(reverse(self.back_url_name) + f"?campaign={self.campaign.pk}")
        messages.error(request, _("Nothing was imported because of the errors below."))
        return self._render(request, form=ImportForm(), report=report)


class MeasureImportView(ImportView):
    resource_class = MeasureResource
    title = gettext_lazy("Import measures")
    back_url_name = "campaigns:measure-list"


class ReadingImportView(ImportView):
    resource_class = IndicatorReadingResource
    title = gettext_lazy("Import indicator readings")
    back_url_name = "campaigns:reading-list"
