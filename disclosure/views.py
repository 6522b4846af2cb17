"""Public pages (no login, cached per language) and the office's publishing pages under /public/manage/."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_POST
from django.views.generic import CreateView, DetailView, ListView, TemplateView, UpdateView

from campaigns.models import Campaign
from liujiguan.permissions import Action, ObjectPermissionMixin, PortalPermissionMixin, require

from . import selectors, services
from .caching import cached_fragment, content_version, page_key
from .forms import (
    CampaignPublicationForm,
    CommitmentForm,
    CommitmentStatusForm,
    FeedbackForm,
    FeedbackMarkForm,
    NewsItemForm,
    PublishForm,
    ReceptionDisclosureForm,
    ServicePageForm,
)
from .models import CampaignPublication, Commitment, FeedbackMessage, NewsItem, ReceptionDisclosure, ServicePage

# --- public pages ---------------------------------------------------------------------------------------------------


class PublicContentView(View):
    """A public page: the main content comes from the per-language cache, the frame is rendered per request."""

    content_template: str = ""
    section: str = ""
    http_method_names = ["get", "head", "options"]

    def build(self) -> dict:
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        entry = cached_fragment(request, template=self.content_template, build=self.build)
        context = {"content": mark_safe(entry["html"]), "title": entry["title"], "section": self.section}  # noqa: S308
        return render(request, "disclosure/public_page.html", context)


class PublicHomeView(PublicContentView):
    content_template = "disclosure/public/home.html"
    section = "home"

    def build(self):
        publication = selectors.public_campaigns().first()
        return {
            "title": _("Open government"),
            "publication": publication,
            "progress": selectors.campaign_progress(campaign=publication.campaign) if publication else None,
            "summary": selectors.public_commitment_summary(),
            "late": list(selectors.public_commitments(late_only=True)[:5]),
            "news": list(selectors.public_news()[:5]),
            "pages": list(selectors.public_service_pages()[:6]),
            "reception_years": list(selectors.public_reception_years()[:3]),
        }


class PublicCampaignView(PublicContentView):
    content_template = "disclosure/public/campaign.html"
    section = "campaign"

    def build(self):
        publication = selectors.public_campaign_publication(campaign_id=self.kwargs["pk"])
        if publication is None:
            raise Http404
        return {
            "title": publication.campaign.title,
            "publication": publication,
            "campaign": publication.campaign,
            "progress": selectors.campaign_progress(campaign=publication.campaign),
            "others": list(selectors.public_campaigns().exclude(pk=publication.pk)[:10]),
        }


class PublicCommitmentListView(PublicContentView):
    content_template = "disclosure/public/commitment_list.html"
    section = "commitments"

    def build(self):
        params = self.request.GET
        department = params.get("department", "")
        status = params.get("status", "")
        late_only = params.get("late") == "1"
        qs = selectors.public_commitments(
            department_id=int(department) if department.isdigit() else None,
            status=status if status in Commitment.Status.values else None,
            late_only=late_only,
        )
        page = Paginator(qs, 50).get_page(params.get("page"))
        return {
            "title": _("Public commitments"),
            "page_obj": page,
            "commitments": list(page.object_list),
            "summary": selectors.public_commitment_summary(),
            "departments": list(selectors.public_commitment_departments()),
            "statuses": Commitment.Status.choices,
            "selected": {"department": department, "status": status, "late": late_only},
            "today": timezone.localdate(),
        }


class PublicCommitmentDetailView(PublicContentView):
    content_template = "disclosure/public/commitment_detail.html"
    section = "commitments"

    def build(self):
        commitment = selectors.public_commitments().filter(pk=self.kwargs["pk"]).first()
        if commitment is None:
            raise Http404
        return {"title": _("Public commitment"), "commitment": commitment}


class PublicServiceListView(PublicContentView):
    content_template = "disclosure/public/service_list.html"
    section = "services"

    def build(self):
        pages = list(selectors.public_service_pages())
        groups = [(label, [p for p in pages if p.kind == kind]) for kind, label in ServicePage.Kind.choices]
        return {"title": _("Service procedures and standards"), "groups": [g for g in groups if g[1]]}


class PublicServiceDetailView(PublicContentView):
    content_template = "disclosure/public/text_page.html"
    section = "services"

    def build(self):
        page = ServicePage.objects.published().select_related("department").filter(slug=self.kwargs["slug"]).first()
        if page is None:
            raise Http404
        return {"title": page.title, "object": page, "kind": page.get_kind_display()}


class PublicResultsView(PublicContentView):
    content_template = "disclosure/public/results.html"
    section = "results"

    def build(self):
        # One campaign's rounds at a time keeps the page's queries bounded as the years add up.
        publications = list(selectors.public_campaigns())
        wanted = self.request.GET.get("campaign", "")
        selected = next((p for p in publications if str(p.campaign_id) == wanted), None) or (
            publications[0] if publications else None
        )
        return {
            "title": _("Evaluation results"),
            "publications": publications,
            "selected": selected,
            "results": selectors.public_evaluation_results(campaign=selected.campaign if selected else None),
        }


class PublicReceptionListView(PublicContentView):
    content_template = "disclosure/public/reception_list.html"
    section = "reception"

    def build(self):
        return {"title": _("Official reception spending"), "years": list(selectors.public_reception_years())}


class PublicReceptionYearView(PublicContentView):
    content_template = "disclosure/public/reception_year.html"
    section = "reception"

    def build(self):
        disclosure = selectors.public_reception_years().filter(year=self.kwargs["year"]).first()
        if disclosure is None:
            raise Http404
        return {
            "title": _("Official reception spending %(year)s") % {"year": disclosure.year},
            "disclosure": disclosure,
            # Each page number is its own cache entry (the key is the full path); a publication renews them all.
            "totals": selectors.reception_year_totals(year=disclosure.year, page=self.request.GET.get("page")),
        }


class PublicNewsListView(PublicContentView):
    content_template = "disclosure/public/news_list.html"
    section = "news"

    def build(self):
        page = Paginator(selectors.public_news(), 20).get_page(self.request.GET.get("page"))
        return {"title": _("News and notices"), "page_obj": page, "items": list(page.object_list)}


class PublicNewsDetailView(PublicContentView):
    content_template = "disclosure/public/text_page.html"
    section = "news"

    def build(self):
        item = NewsItem.objects.published().filter(slug=self.kwargs["slug"]).first()
        if item is None:
            raise Http404
        return {"title": item.title, "object": item, "kind": _("News")}


class NewsFeed(Feed):
    feed_type = Atom1Feed
    link = reverse_lazy("disclosure:news-list")

    def title(self):
        return f"{settings.PORTAL_NAME} · {_('News and notices')}"

    def subtitle(self):
        return _("Published news and notices of the bureau.")

    def items(self):
        return selectors.public_news()[:30]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary or item.body[:300]

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return max(item.modified, item.published_at)


def news_feed(request):
    """The Atom feed, cached like the pages (it has no per-request parts at all)."""
    from django.core.cache import cache

    from .caching import cache_seconds

    key = f"{page_key(request, content_version())}:feed:{request.get_host()}"
    body = cache.get(key)
    if body is None:
        response = NewsFeed()(request)
        body = response.content
        cache.set(key, body, cache_seconds())
    return HttpResponse(body, content_type="application/atom+xml; charset=utf-8")


def client_address(request) -> str:
    """The sender's address as the login throttling reads it (the proxy's header only when behind a proxy)."""
    for header in getattr(settings, "AXES_IPWARE_META_PRECEDENCE_ORDER", ["REMOTE_ADDR"]):
        value = request.META.get(header, "")
        if value:
            # The last hop was added by our own proxy; earlier ones are whatever the client sent.
            return value.split(",")[-1].strip()
    return ""


class FeedbackView(View):
    """The public feedback form: never cached (it carries a CSRF token and a fresh question)."""

    template_name = "disclosure/public/feedback.html"

    def _commitment(self):
        value = self.request.GET.get("commitment", "")
        return Commitment.objects.published().filter(pk=value).first() if value.isdigit() else None

    def get(self, request):
        commitment = self._commitment()
        form = FeedbackForm(initial={"commitment": commitment.pk} if commitment else None)
        return self._render(form, commitment)

    def post(self, request):
        if services.feedback_rate_limited(client_address=client_address(request)):
            response = render(request, "disclosure/public/feedback_limited.html", {"section": "feedback"}, status=429)
            response["Retry-After"] = "3600"
            return response
        form = FeedbackForm(request.POST)
        if not form.is_valid():
            return self._render(form, form.cleaned_data.get("commitment") if hasattr(form, "cleaned_data") else None)
        data = form.cleaned_data
        services.feedback_submit(
            topic=data["topic"],
            subject=data["subject"],
            body=data["body"],
            name=data["name"],
            contact=data["contact"],
            commitment=data.get("commitment"),
            client_address=client_address(request),
            language=get_language() or "",
        )
        return redirect("disclosure:feedback-thanks")

    def _render(self, form, commitment):
        return render(
            request=self.request,
            template_name=self.template_name,
            context={"form": form, "commitment": commitment, "section": "feedback", "title": _("Write to us")},
        )


class FeedbackThanksView(TemplateView):
    template_name = "disclosure/public/feedback_thanks.html"
    extra_context = {"section": "feedback"}


# --- office pages ---------------------------------------------------------------------------------------------------

KINDS = {
    "commitment": Commitment,
    "page": ServicePage,
    "news": NewsItem,
    "campaign": CampaignPublication,
    "reception": ReceptionDisclosure,
}
KIND_LISTS = {
    "commitment": "disclosure:manage-commitment-list",
    "page": "disclosure:manage-page-list",
    "news": "disclosure:manage-news-list",
    "campaign": "disclosure:manage-campaign-list",
    "reception": "disclosure:manage-reception-list",
}


class ManageHomeView(PortalPermissionMixin, TemplateView):
    permission_action = Action.MANAGE
    template_name = "disclosure/manage/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            overview=selectors.publication_overview(),
            unread=selectors.feedback_unread_count(),
            due=list(selectors.commitments_due(user=self.request.user)[:10]),
            **kwargs,
        )


class ManageCommitmentListView(PortalPermissionMixin, ListView):
    """Office staff see every commitment; a department contact sees and reports on their own."""

    permission_action = Action.REPORT
    template_name = "disclosure/manage/commitment_list.html"
    context_object_name = "commitments"
    paginate_by = 50

    def get_queryset(self):
        qs = selectors.commitments_for_user(user=self.request.user)
        status = self.request.GET.get("status")
        if status in Commitment.Status.values:
            qs = qs.filter(status=status)
        return qs

    def get_context_data(self, **kwargs):
        return super().get_context_data(statuses=Commitment.Status.choices, today=timezone.localdate(), **kwargs)


class ContentFormMixin:
    """Create and edit office content through services.content_save (which renews the public cache)."""

    permission_action = Action.MANAGE
    template_name = "form_page.html"
    kind = ""

    def form_valid(self, form):
        self.object = services.content_save(form=form, user=self.request.user)
        messages.success(self.request, _("Saved. Publish it when it is ready; drafts stay internal."))
        return redirect(self.get_success_url())

    def get_success_url(self):
        return reverse(KIND_LISTS[self.kind])

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=self.title, cancel_url=self.get_success_url(), **kwargs)


class CommitmentCreateView(ContentFormMixin, PortalPermissionMixin, CreateView):
    model = Commitment
    form_class = CommitmentForm
    kind = "commitment"
    title = gettext_lazy("New public commitment")

    def get_initial(self):
        from leadership.selectors import current_campaign

        return {"campaign": current_campaign()}


class CommitmentUpdateView(ContentFormMixin, ObjectPermissionMixin, UpdateView):
    model = Commitment
    form_class = CommitmentForm
    kind = "commitment"
    title = gettext_lazy("Edit public commitment")


class CommitmentStatusView(ObjectPermissionMixin, UpdateView):
    """The owner department updates the status the public sees."""

    permission_action = Action.REPORT
    model = Commitment
    form_class = CommitmentStatusForm
    template_name = "disclosure/manage/commitment_status.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=_("Update commitment status"), cancel_url=reverse("disclosure:manage-commitment-list"), **kwargs
        )

    def form_valid(self, form):
        data = form.cleaned_data
        services.commitment_status_update(
            commitment=self.object,
            user=self.request.user,
            status=data["status"],
            progress_note=data["progress_note"],
            completed_on=data.get("completed_on"),
        )
        messages.success(self.request, _("Status updated."))
        return redirect("disclosure:manage-commitment-list")


class ServicePageListView(PortalPermissionMixin, ListView):
    permission_action = Action.MANAGE
    template_name = "disclosure/manage/page_list.html"
    context_object_name = "objects"
    queryset = ServicePage.objects.select_related("department").defer("body")
    paginate_by = 50


class ServicePageCreateView(ContentFormMixin, PortalPermissionMixin, CreateView):
    model = ServicePage
    form_class = ServicePageForm
    kind = "page"
    title = gettext_lazy("New service page")


class ServicePageUpdateView(ContentFormMixin, ObjectPermissionMixin, UpdateView):
    model = ServicePage
    form_class = ServicePageForm
    kind = "page"
    title = gettext_lazy("Edit service page")


class NewsListView(PortalPermissionMixin, ListView):
    permission_action = Action.MANAGE
    template_name = "disclosure/manage/news_list.html"
    context_object_name = "objects"
    queryset = NewsItem.objects.defer("body").order_by("is_published", "-published_at", "-pk")
    paginate_by = 50


class NewsCreateView(ContentFormMixin, PortalPermissionMixin, CreateView):
    model = NewsItem
    form_class = NewsItemForm
    kind = "news"
    title = gettext_lazy("New news item")


class NewsUpdateView(ContentFormMixin, ObjectPermissionMixin, UpdateView):
    model = NewsItem
    form_class = NewsItemForm
    kind = "news"
    title = gettext_lazy("Edit news item")


class CampaignPublicationListView(PortalPermissionMixin, TemplateView):
    permission_action = Action.MANAGE
    template_name = "disclosure/manage/campaign_list.html"

    def get_context_data(self, **kwargs):
        campaigns = Campaign.objects.select_related("publication").order_by("-is_current", "-year", "-pk")
        return super().get_context_data(campaigns=campaigns, **kwargs)


class CampaignPublicationUpdateView(ContentFormMixin, ObjectPermissionMixin, UpdateView):
    model = CampaignPublication
    form_class = CampaignPublicationForm
    kind = "campaign"
    title = gettext_lazy("Campaign on the public site")

    def get_object(self, queryset=None):
        campaign = get_object_or_404(Campaign, pk=self.kwargs["campaign_pk"])
        require(self.request.user, Action.MANAGE, campaign)
        return services.campaign_publication_for(campaign=campaign)


class ReceptionDisclosureListView(PortalPermissionMixin, ListView):
    permission_action = Action.MANAGE
    template_name = "disclosure/manage/reception_list.html"
    context_object_name = "objects"
    model = ReceptionDisclosure


class ReceptionDisclosureCreateView(ContentFormMixin, PortalPermissionMixin, CreateView):
    model = ReceptionDisclosure
    form_class = ReceptionDisclosureForm
    kind = "reception"
    title = gettext_lazy("New reception spending disclosure")

    def get_initial(self):
        return {"year": timezone.localdate().year - 1}


class ReceptionDisclosureUpdateView(ContentFormMixin, ObjectPermissionMixin, UpdateView):
    model = ReceptionDisclosure
    form_class = ReceptionDisclosureForm
    kind = "reception"
    title = gettext_lazy("Edit reception spending disclosure")


def _publishable(request, kind, pk):
    model = KINDS.get(kind)
    if model is None:
        raise Http404
    obj = get_object_or_404(model, pk=pk)
    require(request.user, Action.MANAGE, obj)
    return obj


@login_required
@require_POST
def publish(request, kind, pk):
    obj = _publishable(request, kind, pk)
    form = PublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter a valid publication time."))
        return redirect(KIND_LISTS[kind])
    if isinstance(obj, CampaignPublication) and obj.campaign.status == Campaign.Status.DRAFT:
        messages.error(request, _("A draft campaign cannot be published."))
        return redirect(KIND_LISTS[kind])
    at = form.cleaned_data["published_at"]
    services.publication_publish(obj=obj, user=request.user, at=at)
    if at and at > timezone.now():
        messages.success(request, _("“%(object)s” will be published on %(time)s.") % {"object": obj, "time": at})
    else:
        messages.success(request, _("“%(object)s” is now public.") % {"object": obj})
    return redirect(request.POST.get("next") if _safe_next(request) else reverse(KIND_LISTS[kind]))


@login_required
@require_POST
def unpublish(request, kind, pk):
    obj = _publishable(request, kind, pk)
    services.publication_unpublish(obj=obj, user=request.user)
    messages.success(request, _("“%(object)s” is no longer public.") % {"object": obj})
    return redirect(request.POST.get("next") if _safe_next(request) else reverse(KIND_LISTS[kind]))


def _safe_next(request) -> bool:
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.POST.get("next", "")
    return bool(target) and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})


class PreviewView(PortalPermissionMixin, View):
    """Office staff see a draft exactly as the public would, uncached."""

    permission_action = Action.MANAGE

    def get(self, request, kind, pk):
        obj = _publishable(request, kind, pk)
        if isinstance(obj, Commitment):
            template, context = "disclosure/public/commitment_detail.html", {"commitment": obj}
        elif isinstance(obj, ServicePage):
            template, context = "disclosure/public/text_page.html", {"object": obj, "kind": obj.get_kind_display()}
        elif isinstance(obj, NewsItem):
            template, context = "disclosure/public/text_page.html", {"object": obj, "kind": _("News")}
        elif isinstance(obj, CampaignPublication):
            template = "disclosure/public/campaign.html"
            context = {
                "publication": obj,
                "campaign": obj.campaign,
                "progress": selectors.campaign_progress(campaign=obj.campaign),
            }
        else:
            template = "disclosure/public/reception_year.html"
            totals = selectors.reception_year_totals(year=obj.year, page=request.GET.get("page"))
            context = {"disclosure": obj, "totals": totals}
        from django.template.loader import render_to_string

        html = render_to_string(template, context)
        return render(
            request,
            "disclosure/public_page.html",
            {"content": mark_safe(html), "title": str(obj), "preview_of": obj, "section": ""},  # noqa: S308
        )


class FeedbackListView(PortalPermissionMixin, ListView):
    permission_action = Action.MANAGE
    template_name = "disclosure/manage/feedback_list.html"
    context_object_name = "messages_list"
    paginate_by = 50

    def get_queryset(self):
        status = self.request.GET.get("status")
        return selectors.feedback_list(status=status if status in FeedbackMessage.Status.values else None)

    def get_context_data(self, **kwargs):
        return super().get_context_data(statuses=FeedbackMessage.Status.choices, **kwargs)


class FeedbackDetailView(ObjectPermissionMixin, DetailView):
    permission_action = Action.MANAGE
    model = FeedbackMessage
    template_name = "disclosure/manage/feedback_detail.html"
    context_object_name = "message"

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        services.feedback_open(message=self.object, user=request.user)
        form = FeedbackMarkForm(instance=self.object, initial={"status": FeedbackMessage.Status.HANDLED})
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = FeedbackMarkForm(request.POST, instance=self.object)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        services.feedback_mark(
            message=self.object,
            user=request.user,
            status=form.cleaned_data["status"],
            office_note=form.cleaned_data["office_note"],
        )
        messages.success(request, _("Feedback updated."))
        return redirect("disclosure:feedback-list")
