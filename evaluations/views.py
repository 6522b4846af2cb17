"""Pages of the evaluations app: rounds and their set-up, voting (logged in or by link), results and exports."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import IntegrityError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import CreateView, DetailView, FormView, ListView, TemplateView, UpdateView

from leadership.models import Department
from leadership.selectors import current_campaign
from liujiguan.permissions import Action, PortalPermissionMixin, can, user_department_id

from . import counting, exports, selectors, services
from .forms import BallotForm, BandForm, CriterionForm, InternalRatersForm, LinksForm, RaterGroupForm, RoundForm
from .models import Ballot, Band, Criterion, RaterGroup, Round


class RoundListView(PortalPermissionMixin, ListView):
    template_name = "evaluations/round_list.html"
    context_object_name = "rounds"
    paginate_by = 30

    def get_queryset(self):
        return selectors.rounds_for_user(user=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        campaign = current_campaign()
        context["my_ballots"] = list(selectors.open_ballots(user=self.request.user))
        context["awards"] = list(selectors.awards(campaign=campaign)) if campaign else []
        context["campaign"] = campaign
        context["own_department_id"] = user_department_id(self.request.user)
        return context


class RoundCreateView(PortalPermissionMixin, CreateView):
    permission_action = Action.MANAGE
    model = Round
    form_class = RoundForm
    template_name = "form_page.html"
    extra_context = {"title": _("New evaluation round")}

    def get_initial(self):
        now = timezone.localtime().replace(minute=0, second=0, microsecond=0)
        return {
            "campaign": current_campaign(),
            "opens_at": now,
            "closes_at": now + timezone.timedelta(days=7),
            "warning_below": 60,
        }

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        departments = data.pop("departments")
        self.object = services.round_create(departments=departments, **data)
        messages.success(self.request, _("Round created with the usual criteria, bands and rater groups."))
        return redirect(self.object)


class ManageRoundMixin(PortalPermissionMixin):
    """Office pages about one round (kwarg `round_pk` or `pk`)."""

    permission_action = Action.MANAGE

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.round = get_object_or_404(Round.objects.select_related("campaign"), pk=kwargs.get("round_pk"))
        return super().dispatch(request, *args, **kwargs)

    def get_success_url(self):
        return self.round.get_absolute_url()


class RoundUpdateView(PortalPermissionMixin, UpdateView):
    permission_action = Action.MANAGE
    model = Round
    form_class = RoundForm
    template_name = "form_page.html"

    def get_object(self, queryset=None):
        round = super().get_object(queryset)
        if round.status == Round.Status.PUBLISHED:
            raise PermissionDenied
        return round

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=_("Edit %(name)s") % {"name": self.object.title}, cancel_url=self.object.get_absolute_url(), **kwargs
        )

    def form_valid(self, form):
        messages.success(self.request, _("Saved."))
        return super().form_valid(form)


class RoundDetailView(PortalPermissionMixin, DetailView):
    """The office's page for a round: set-up, ballots, participation and the actions that move it along."""

    permission_action = Action.MANAGE
    model = Round
    template_name = "evaluations/round_detail.html"

    def get_queryset(self):
        return Round.objects.select_related("campaign")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        round = self.object
        context.update(
            departments=list(round.departments.order_by("order", "name")),
            criteria=list(round.criteria.select_related("pillar")),
            bands=list(round.bands.all()),
            participation=counting.group_participation(round),
            internal_form=InternalRatersForm(round=round),
            links_form=LinksForm(round=round),
            internal_ballots=list(
                round.ballots.filter(user__isnull=False).select_related("user__person", "rater_group")
            ),
        )
        return context


class RoundChildMixin(ManageRoundMixin):
    """Create or edit a criterion, rater group or band of a round; structure is fixed once the round opens."""

    template_name = "form_page.html"
    editable_until = (Round.Status.DRAFT,)

    def check_editable(self):
        if self.round.status not in self.editable_until:
            messages.error(
                self.request,
                _("This can no longer be changed: the round is %(status)s.")
                % {"status": self.round.get_status_display()},
            )
            return False
        return True

    def get(self, request, *args, **kwargs):
        if not self.check_editable():
            return redirect(self.round)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if not self.check_editable():
            return redirect(self.round)
        return super().post(request, *args, **kwargs)

    def get_queryset(self):
        return self.model.objects.filter(round=self.round)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "round": self.round}

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=self.title, cancel_url=self.round.get_absolute_url(), **kwargs)

    def form_valid(self, form):
        form.instance.round = self.round
        messages.success(self.request, _("Saved."))
        return super().form_valid(form)


class CriterionCreateView(RoundChildMixin, CreateView):
    model = Criterion
    form_class = CriterionForm
    title = _("New criterion")

    def get_initial(self):
        return {"order": services.criterion_next_order(self.round), "weight": 1}


class CriterionUpdateView(RoundChildMixin, UpdateView):
    model = Criterion
    form_class = CriterionForm
    title = _("Edit criterion")


class RaterGroupCreateView(RoundChildMixin, CreateView):
    model = RaterGroup
    form_class = RaterGroupForm
    title = _("New rater group")


class RaterGroupUpdateView(RoundChildMixin, UpdateView):
    """Weights and ballots issued may be corrected until publication (e.g. the number actually called)."""

    model = RaterGroup
    form_class = RaterGroupForm
    title = _("Edit rater group")
    editable_until = (Round.Status.DRAFT, Round.Status.OPEN, Round.Status.CLOSED)


class BandCreateView(RoundChildMixin, CreateView):
    model = Band
    form_class = BandForm
    title = _("New band")
    editable_until = (Round.Status.DRAFT, Round.Status.OPEN, Round.Status.CLOSED)


class RoundChildDeleteView(ManageRoundMixin, View):
    model = None
    editable_until = (Round.Status.DRAFT,)

    def post(self, request, round_pk, pk):
        obj = get_object_or_404(self.model, round=self.round, pk=pk)
        if self.round.status not in self.editable_until:
            messages.error(
                request,
                _("This can no longer be changed: the round is %(status)s.")
                % {"status": self.round.get_status_display()},
            )
        else:
            try:
                obj.delete()
                messages.success(request, _("Deleted."))
            except IntegrityError:
                messages.error(request, _("This is in use and cannot be deleted."))
        return redirect(self.round)


class CriterionDeleteView(RoundChildDeleteView):
    model = Criterion


class RaterGroupDeleteView(RoundChildDeleteView):
    model = RaterGroup


class BandDeleteView(RoundChildDeleteView):
    model = Band
    editable_until = (Round.Status.DRAFT, Round.Status.OPEN, Round.Status.CLOSED)


class RoundTransitionView(ManageRoundMixin, View):
    """Open, close or publish a round (POST)."""

    ACTIONS = {
        "open": (services.round_open, _("The round is open for votes.")),
        "close": (services.round_close, _("Voting is closed. Check the results, then publish.")),
        "publish": (services.round_publish, _("The results are published.")),
    }

    def post(self, request, round_pk, action):
        if action not in self.ACTIONS:
            raise Http404
        service, done = self.ACTIONS[action]
        try:
            service(round=self.round)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, done)
        return redirect(self.round)


class InternalRatersView(ManageRoundMixin, FormView):
    form_class = InternalRatersForm
    template_name = "form_page.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "round": self.round}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=_("Give ballots to internal raters"), cancel_url=self.round.get_absolute_url(), **kwargs
        )

    def form_valid(self, form):
        try:
            count = services.internal_ballots_issue(
                rater_group=form.cleaned_data["rater_group"], users=list(form.cleaned_data["users"])
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("%(count)s ballots issued.") % {"count": count})
        return redirect(self.round)


class LinksIssueView(ManageRoundMixin, FormView):
    """Create one-time links and return them at once as a printable PDF of QR codes (they are never shown again)."""

    form_class = LinksForm
    template_name = "form_page.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "round": self.round}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=_("Print one-time ballot links"), cancel_url=self.round.get_absolute_url(), **kwargs
        )

    def form_valid(self, form):
        group = form.cleaned_data["rater_group"]
        try:
            tokens = services.links_issue(rater_group=group, count=form.cleaned_data["count"])
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        urls = [self.request.build_absolute_uri(reverse("evaluations:vote-link", args=[t])) for t in tokens]
        pdf = exports.links_pdf(round=self.round, rater_group=group, urls=urls)
        response = HttpResponse(pdf, content_type="application/pdf")
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        response["Content-Disposition"] = f'attachment; filename="ballot-links-{self.round.pk}-{group.pk}-{stamp}.pdf"'
        response["Cache-Control"] = "no-store"
        return response


# --- voting ------------------------------------------------------------------------------------------------------


class BallotMixin:
    """Shows and takes one ballot; subclasses find the ballot (by login or by link)."""

    template_name = "evaluations/ballot.html"

    def get_ballot(self) -> Ballot | None:
        raise NotImplementedError

    def refusal(self, error: ValidationError, status=200):
        return render(
            self.request,
            "evaluations/ballot_refused.html",
            {"message": error.messages[0], "code": getattr(error, "code", None)},
            status=status,
        )

    def dispatch(self, request, *args, **kwargs):
        self.ballot = self.get_ballot()
        try:
            services.ballot_check_usable(ballot=self.ballot)
        except ValidationError as error:
            return self.refusal(error, status=404 if error.code == "invalid" else 410)
        self.rater_department_id = services.ballot_rater_department_id(self.ballot)
        return super().dispatch(request, *args, **kwargs)

    def form(self, data=None):
        return BallotForm(data, round=self.ballot.round, rater_department_id=self.rater_department_id)

    def render_ballot(self, form, status=200):
        context = {"form": form, "ballot": self.ballot, "round": self.ballot.round}
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, *args, **kwargs):
        return self.render_ballot(self.form())

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if not form.is_valid():
            return self.render_ballot(form)
        try:
            services.ballot_submit(ballot=self.ballot, answers=form.answers)
        except ValidationError as error:
            if error.code in ("used", "closed"):
                return self.refusal(error, status=410)
            form.add_error(None, error)
            return self.render_ballot(form)
        return render(request, "evaluations/ballot_thanks.html", {"round": self.ballot.round})


class BallotView(LoginRequiredMixin, BallotMixin, View):
    """An internal rater votes while logged in."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)

    def get_ballot(self):
        return (
            Ballot.objects.select_related("round", "rater_group")
            .filter(round_id=self.kwargs["round_pk"], user=self.request.user)
            .first()
        )

    def refusal(self, error, status=200):
        if self.ballot is None:
            error = ValidationError(_("You have no ballot in this round."), "invalid")
        return super().refusal(error, status=status)


class LinkBallotView(BallotMixin, View):
    """An outside rater votes through a one-time link, without logging in."""

    def get_ballot(self):
        return services.ballot_for_token(self.kwargs["token"])


# --- results -----------------------------------------------------------------------------------------------------


class RoundResultsView(PortalPermissionMixin, TemplateView):
    """The summary shows the best and worst EVALUATIONS_RESULTS_SHOWN departments; `?all=1` pages through them all."""

    template_name = "evaluations/round_results.html"
    FULL_PER_PAGE = 50

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.round = get_object_or_404(Round.objects.select_related("campaign"), pk=kwargs["round_pk"])
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        if not selectors.can_see_ranking(user=request.user, round=self.round):
            own = user_department_id(request.user)
            if own and selectors.can_see_department(user=request.user, round=self.round, department_id=own):
                return redirect("evaluations:department-result", self.round.pk, own)
            raise PermissionDenied
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        result = selectors.round_summary(round=self.round)
        params = self.request.GET
        if params.get("all") == "1":
            search = params.get("q", "").strip()[:100]
            rows = selectors.ranking_rows(round=self.round, result=result, search=search)
            page = Paginator(rows, self.FULL_PER_PAGE).get_page(params.get("page"))
            context.update(show_all=True, search=search, page_obj=page, rows=list(page.object_list))
        else:
            shown = max(1, settings.EVALUATIONS_RESULTS_SHOWN)
            ranking = selectors.ranking_extremes(round=self.round, result=result, shown=shown)
            context.update(show_all=False, shown=shown, ranking=ranking, rows=ranking.rows)
        rows = context["rows"]
        context.update(
            round=self.round,
            result=result,
            can_manage=can(self.request.user, Action.MANAGE),
            awards=list(self.round.awards.select_related("department")),
            chart={
                "labels": [d.name for d in rows],
                "values": [float((d.rate if self.round.ranks_by_rate else d.score) or 0) for d in rows],
                "label": _("Satisfaction rate (%)") if self.round.ranks_by_rate else _("Weighted score"),
            },
        )
        return context


class DepartmentResultView(PortalPermissionMixin, TemplateView):
    template_name = "evaluations/department_result.html"

    def get_context_data(self, **kwargs):
        round = get_object_or_404(Round.objects.select_related("campaign"), pk=self.kwargs["round_pk"])
        department = get_object_or_404(Department, pk=self.kwargs["department_pk"], evaluation_rounds=round)
        if not selectors.can_see_department(user=self.request.user, round=round, department_id=department.pk):
            raise PermissionDenied
        context = super().get_context_data(**kwargs)
        result = selectors.round_result(round=round)
        detail = selectors.department_detail(round=round, department_id=department.pk, result=result)
        context.update(
            round=round,
            department=department,
            result=result,
            can_see_ranking=selectors.can_see_ranking(user=self.request.user, round=round),
            chart={
                "labels": [c["criterion"].name for c in detail["criteria"]],
                "values": [float(c["score"] or 0) for c in detail["criteria"]],
                "label": _("Weighted score"),
            },
            **detail,
        )
        return context


class RoundExportView(PortalPermissionMixin, View):
    def get(self, request, round_pk):
        round = get_object_or_404(Round.objects.select_related("campaign"), pk=round_pk)
        if not selectors.can_see_ranking(user=request.user, round=round):
            raise PermissionDenied
        data = exports.round_xlsx(round=round, result=selectors.round_result(round=round))
        response = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        response["Content-Disposition"] = f'attachment; filename="evaluation-{round.pk}.xlsx"'
        return response
