"""Organisation pages: the leading group, the office, departments and people."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import CreateView, DetailView, FormView, ListView, TemplateView, UpdateView

from campaigns.models import Campaign
from liujiguan.permissions import Action, ObjectPermissionMixin, PortalPermissionMixin, can

from . import selectors, services
from .forms import ChargeForm, DepartmentContactForm, DepartmentForm, EndPostForm, MembershipForm, PersonForm
from .models import Charge, Department, Membership, Person


def _campaign_from_request(request):
    campaign_id = request.GET.get("campaign")
    if campaign_id and campaign_id.isdigit():
        return get_object_or_404(Campaign, pk=campaign_id)
    return selectors.current_campaign()


class OrganisationView(PortalPermissionMixin, TemplateView):
    template_name = "leadership/organisation.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        campaign = _campaign_from_request(self.request)
        context["campaign"] = campaign
        context["campaigns"] = Campaign.objects.only("pk", "title", "year")
        if campaign:
            context.update(selectors.organisation(campaign=campaign))
            context["past_posts"] = selectors.past_memberships(campaign=campaign)[:50]
        return context


class DepartmentListView(PortalPermissionMixin, ListView):
    template_name = "leadership/department_list.html"
    context_object_name = "departments"

    def get_queryset(self):
        return selectors.department_list()


class DepartmentSearchView(PortalPermissionMixin, View):
    """Up to 20 departments matching `?q=` for the department picker, as JSON; `?inactive=1` includes inactive ones."""

    permission_action = Action.VIEW
    http_method_names = ["get"]

    def get(self, request):
        departments = selectors.department_search(
            text=request.GET.get("q", "")[:100], include_inactive=request.GET.get("inactive") == "1"
        )
        return JsonResponse({"results": [{"id": pk, "text": name} for pk, name in departments]})


class DepartmentDetailView(ObjectPermissionMixin, DetailView):
    model = Department
    template_name = "leadership/department_detail.html"

    def get_queryset(self):
        return Department.objects.select_related("parent", "contact")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["people"] = self.object.people.filter(is_active=True)
        context["leader_in_charge"] = selectors.leader_in_charge_of(department=self.object)
        return context


class DepartmentCreateView(PortalPermissionMixin, CreateView):
    permission_action = Action.MANAGE
    model = Department
    form_class = DepartmentForm
    template_name = "form_page.html"
    extra_context = {"title": _("New department")}

    def form_valid(self, form):
        messages.success(self.request, _("Department saved."))
        return super().form_valid(form)


class DepartmentUpdateView(ObjectPermissionMixin, UpdateView):
    """Office staff edit every field; a department contact edits their own department's contact details."""

    permission_action = Action.REPORT
    model = Department
    template_name = "form_page.html"

    def get_form_class(self):
        return DepartmentForm if can(self.request.user, Action.MANAGE) else DepartmentContactForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=_("Edit %(name)s") % {"name": self.object.name}, **kwargs)

    def form_valid(self, form):
        messages.success(self.request, _("Department saved."))
        return super().form_valid(form)


class PersonListView(PortalPermissionMixin, ListView):
    template_name = "leadership/person_list.html"
    context_object_name = "people"
    paginate_by = 50

    def get_queryset(self):
        qs = Person.objects.select_related("department", "user")
        query = self.request.GET.get("q", "").strip()
        if query:
            from liujiguan.script import both_scripts

            qs = qs.filter(name__in=both_scripts(query)) | qs.filter(name__icontains=query)
        return qs.order_by("department__order", "name")


class PersonDetailView(ObjectPermissionMixin, DetailView):
    model = Person
    template_name = "leadership/person_detail.html"

    def get_queryset(self):
        return Person.objects.select_related("department")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["posts"] = self.object.memberships.select_related("campaign").order_by("-campaign__year", "start")
        context["charges"] = self.object.charges.select_related("campaign", "department")
        return context


class PersonCreateView(PortalPermissionMixin, CreateView):
    permission_action = Action.MANAGE
    model = Person
    form_class = PersonForm
    template_name = "form_page.html"
    extra_context = {"title": _("New person")}


class PersonUpdateView(ObjectPermissionMixin, UpdateView):
    permission_action = Action.MANAGE
    model = Person
    form_class = PersonForm
    template_name = "form_page.html"
    extra_context = {"title": _("Edit person")}


class CampaignPostCreateView(PortalPermissionMixin, CreateView):
    """Add a post (membership) or a charge to a campaign's organisation."""

    permission_action = Action.MANAGE
    template_name = "form_page.html"

    def dispatch(self, request, *args, **kwargs):
        self.campaign = get_object_or_404(Campaign, pk=kwargs["campaign_pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "campaign": self.campaign}

    def form_valid(self, form):
        form.instance.campaign = self.campaign
        response = super().form_valid(form)
        messages.success(self.request, _("Saved."))
        return response

    def get_success_url(self):
        return reverse("leadership:organisation") + f"?campaign={self.campaign.pk}"


class MembershipCreateView(CampaignPostCreateView):
    model = Membership
    form_class = MembershipForm
    extra_context = {"title": _("Add a post in the leading group or office")}


class ChargeCreateView(CampaignPostCreateView):
    model = Charge
    form_class = ChargeForm
    extra_context = {"title": _("Put a leader in charge of a department")}


class PostEndView(PortalPermissionMixin, FormView):
    """End a membership or a charge (a change of post keeps the old one in history)."""

    permission_action = Action.MANAGE
    form_class = EndPostForm
    template_name = "form_page.html"
    model = None

    def dispatch(self, request, *args, **kwargs):
        self.post_object = get_object_or_404(self.model, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=_("End: %(post)s") % {"post": self.post_object}, **kwargs)

    def form_valid(self, form):
        try:
            services.post_end(post=self.post_object, end=form.cleaned_data["end"])
        except ValidationError as error:
            form.add_error("end", error)
            return self.form_invalid(form)
        messages.success(self.request, _("The post has been ended and kept in history."))
        return redirect(reverse("leadership:organisation") + f"?campaign={self.post_object.campaign_id}")


class MembershipEndView(PostEndView):
    model = Membership


class ChargeEndView(PostEndView):
    model = Charge
