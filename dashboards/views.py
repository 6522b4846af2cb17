"""Leader and department dashboards, the report history with its runs, downloads and the xlsx export."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, ListView, TemplateView

from leadership.forms import DepartmentPickForm
from leadership.models import Department
from leadership.selectors import current_campaign
from liujiguan.permissions import PortalPermissionMixin, user_department_id, user_person

from . import conf, exports, freshness, reports, rules, selectors, services
from .forms import DashboardFilterForm, ReportRequestForm
from .models import ReportRun


def _filters(request):
    """The dashboard's campaign and filters from the query string (invalid values are ignored)."""
    form = DashboardFilterForm(request.GET or None)
    campaign = None
    if form.is_bound and form.is_valid():
        campaign = form.cleaned_data.get("campaign")
    campaign = campaign or current_campaign()
    form = DashboardFilterForm(request.GET or None, campaign=campaign)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    due_from, due_to = form.window() if data else (None, None)
    return form, campaign, data.get("pillar"), data.get("department"), due_from, due_to, data.get("period") or ""


class DashboardHomeView(PortalPermissionMixin, View):
    """Contacts go to their department's dashboard, everyone else to the leaders' dashboard."""

    def get(self, request):
        if rules.sees_whole_campaign(request.user):
            return redirect("dashboards:leader")
        return redirect("dashboards:department")


class LeaderDashboardView(PortalPermissionMixin, TemplateView):
    template_name = "dashboards/leader.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not rules.sees_whole_campaign(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form, campaign, pillar, department, due_from, due_to, period = _filters(self.request)
        context.update(form=form, campaign=campaign, period=period, can_export=rules.can_export(self.request.user))
        if campaign is None:
            return context
        person = user_person(self.request.user)
        my_departments, my_pillars, is_group_leader = selectors.person_charge(person=person, campaign=campaign)
        filter_query = self.request.GET.urlencode()

        def body():
            # A deputy leader sees what is in their charge first (measures, pillars) or marked (ranking, reception).
            figures = reports.report_context(
                campaign=campaign,
                department=department,
                pillar=pillar,
                due_from=due_from,
                due_to=due_to,
                measure_lights=("red", "yellow"),
                first_departments=frozenset(my_departments),
                shown=conf.ranking_shown(),
            )
            figures["pillars"].sort(key=lambda p: p.pk not in my_pillars)
            figures.update(
                my_departments=my_departments,
                my_pillars=my_pillars,
                chart_data=exports.chart_data(figures),
                filter_query=filter_query,
            )
            return render_to_string("dashboards/_leader_body.html", figures)

        key = (
            campaign.pk,
            *(getattr(value, "pk", value) for value in (department, pillar, due_from, due_to)),
            timezone.localdate(),
            sorted(my_departments),
            sorted(my_pillars),
            filter_query,
        )
        context.update(
            body=mark_safe(freshness.cached_html(key, body)),  # noqa: S308 - rendered by our own template
            is_group_leader=is_group_leader,
            filter_query=filter_query,
            recent_runs=ReportRun.objects.filter(campaign=campaign, department__isnull=True)
            .select_related("requested_by")
            .order_by("-created")[:3],
        )
        return context


class DepartmentRankingView(LeaderDashboardView):
    """Every department of the dashboard's ranking, a page at a time, with the dashboard's filters."""

    template_name = "dashboards/ranking.html"
    paginate_by = 50

    def get_context_data(self, **kwargs):
        context = TemplateView.get_context_data(self, **kwargs)
        form, campaign, pillar, department, due_from, due_to, _period = _filters(self.request)
        context.update(form=form, campaign=campaign, pillar=pillar, filter_query=self.request.GET.urlencode())
        if campaign is None:
            return context
        today = timezone.localdate()
        measures = selectors.campaign_measures(
            campaign=campaign, department=department, pillar=pillar, due_from=due_from, due_to=due_to
        )
        # Ranking needs every department's figures (one aggregate); only the page's departments are loaded.
        paginator = Paginator(selectors.ranked_rows(measures=measures, today=today), self.paginate_by)
        page = paginator.get_page(self.request.GET.get("page"))
        departments = selectors.ranked_departments(campaign=campaign, today=today, ranked=page.object_list)
        my_departments, _pillars, _leader = selectors.person_charge(
            person=user_person(self.request.user), campaign=campaign
        )
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            departments=departments,
            page_obj=page,
            paginator=paginator,
            my_departments=my_departments,
            page_query=query.urlencode(),
        )
        return context


class DepartmentDashboardView(PortalPermissionMixin, TemplateView):
    """A department's own view: due soon, lagging, overdue, to acknowledge, reception spend, open ballots."""

    template_name = "dashboards/department.html"

    def get_department(self):
        department_id = self.request.GET.get("department")
        if department_id and department_id.isdigit():
            department = get_object_or_404(Department, pk=department_id)
        else:
            own = user_department_id(self.request.user)
            if own is None:
                return None
            department = get_object_or_404(Department, pk=own)
        if not rules.can_view_department(self.request.user, department):
            raise PermissionDenied
        return department

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        department = self.get_department()
        campaign = current_campaign()
        context.update(campaign=campaign, department=department)
        if rules.sees_whole_campaign(self.request.user):
            context["department_form"] = DepartmentPickForm(initial={"department": department})
        if department is None or campaign is None:
            return context
        context.update(selectors.department_dashboard(user=self.request.user, department=department, campaign=campaign))
        usages = reports.reception_figures(year=timezone.localdate().year, department=department)
        context["reception"] = [usage for usage in usages if not usage.is_bureau]
        return context


class ReportListView(PortalPermissionMixin, ListView):
    template_name = "dashboards/report_list.html"
    context_object_name = "runs"
    paginate_by = 25

    def get_queryset(self):
        qs = ReportRun.objects.select_related("campaign", "department", "requested_by")
        if not rules.sees_whole_campaign(self.request.user):
            qs = qs.filter(department_id=user_department_id(self.request.user) or -1)
        return qs.order_by("-created", "-pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = _request_form(self.request.user, initial={"campaign": current_campaign()})
        context["has_active"] = any(not run.is_finished for run in context["runs"])
        return context


def _request_form(user, data=None, initial=None):
    if rules.sees_whole_campaign(user):
        departments = Department.objects.filter(is_active=True).order_by("order", "name")
    else:
        departments = Department.objects.filter(pk=user_department_id(user) or -1)
    form = ReportRequestForm(data, initial=initial, departments=departments)
    if not rules.sees_whole_campaign(user):
        form.fields["department"].required = True
        form.fields["department"].empty_label = None
    return form


class ReportCreateView(PortalPermissionMixin, View):
    http_method_names = ["post"]

    def post(self, request):
        form = _request_form(request.user, data=request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose a campaign and, if you like, a department."))
            return redirect("dashboards:report-list")
        department = form.cleaned_data.get("department")
        if department is None and not rules.sees_whole_campaign(request.user):
            raise PermissionDenied
        run = services.report_request(campaign=form.cleaned_data["campaign"], department=department, user=request.user)
        messages.success(request, _("The report is queued; this page shows when it is ready."))
        return redirect(run.get_absolute_url())


class RunPermissionMixin:
    def get_run(self, pk):
        run = get_object_or_404(ReportRun.objects.select_related("campaign", "department", "requested_by"), pk=pk)
        if not rules.can_view_run(self.request.user, run):
            raise PermissionDenied
        return run


class ReportDetailView(PortalPermissionMixin, RunPermissionMixin, DetailView):
    template_name = "dashboards/report_detail.html"
    context_object_name = "run"

    def get_object(self, queryset=None):
        return self.get_run(self.kwargs["pk"])

    def get_template_names(self):
        if self.request.headers.get("HX-Request"):
            return ["dashboards/_run_status.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["history"] = (
            ReportRun.objects.filter(campaign=self.object.campaign, department=self.object.department)
            .exclude(pk=self.object.pk)
            .select_related("requested_by")
            .order_by("-created")[:10]
        )
        return context


class ReportDownloadView(PortalPermissionMixin, RunPermissionMixin, View):
    def get(self, request, pk):
        run = self.get_run(pk)
        if run.status != ReportRun.Status.DONE or not run.file:
            raise Http404
        return FileResponse(
            run.file.open("rb"), as_attachment=True, filename=run.filename(), content_type="application/pdf"
        )


class ReportRetryView(PortalPermissionMixin, RunPermissionMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        run = self.get_run(pk)
        try:
            services.report_retry(run=run, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The report is queued again."))
        return redirect(run.get_absolute_url())


class ExportView(PortalPermissionMixin, View):
    """The dashboard's figures (same filters) as an xlsx workbook, for the office and leaders."""

    def get(self, request):
        if not rules.can_export(request.user):
            raise PermissionDenied
        form, campaign, pillar, department, due_from, due_to, period = _filters(request)
        if campaign is None:
            raise Http404
        figures = reports.report_context(
            campaign=campaign, department=department, pillar=pillar, due_from=due_from, due_to=due_to
        )
        content = exports.workbook_bytes(figures)
        name = f"progress-{campaign.pk}-{timezone.localdate():%Y%m%d}.xlsx"
        response = HttpResponse(
            content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
