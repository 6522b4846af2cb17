"""Plan import pages: upload, review and correct the parsed tree, save it into a campaign."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.generic import FormView, ListView, TemplateView

from campaigns.models import Campaign
from campaigns.planparse import DEFAULT_MAX_BYTES, PlanError, PlanReadError
from liujiguan.permissions import Action, PortalPermissionMixin, require
from liujiguan.script import both_scripts

from . import rules, selectors, services
from .forms import SECTION_KIND_LABELS, PillarForm, Review, UploadForm
from .models import PlanImport
from .uploads import SizeLimitUploadHandler


def max_upload_bytes() -> int:
    return getattr(settings, "PLANIMPORT_MAX_BYTES", DEFAULT_MAX_BYTES)


def plan_error_message(error: PlanError) -> str:
    """The parser's English message in the user's language (see messages.py for the marked msgids)."""
    params = {key: _(value) if isinstance(value, str) else value for key, value in error.params.items()}
    return _(error.msgid) % params if params else _(error.msgid)


class ImportListView(PortalPermissionMixin, ListView):
    permission_action = Action.MANAGE
    template_name = "planimport/import_list.html"
    context_object_name = "imports"
    paginate_by = 30

    def get_queryset(self):
        return selectors.import_list(user=self.request.user)


@method_decorator(csrf_exempt, name="dispatch")
class ImportCreateView(PortalPermissionMixin, FormView):
    """Upload a file or paste text; the size limit is enforced while the file streams in."""

    permission_action = Action.MANAGE
    template_name = "planimport/import_upload.html"
    form_class = UploadForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "max_bytes": max_upload_bytes()}

    def get_initial(self):
        campaign_id = self.request.GET.get("campaign", "")
        return {"campaign": campaign_id} if campaign_id.isdigit() else {}

    def post(self, request, *args, **kwargs):
        # Upload handlers must be set before the body is read, hence csrf_exempt here and csrf_protect below.
        request.upload_handlers.insert(0, SizeLimitUploadHandler(request, max_upload_bytes()))
        return self._post(request, *args, **kwargs)

    @method_decorator(csrf_protect)
    def _post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        too_large = getattr(self.request, "upload_too_large", None)
        if too_large:
            name, size = too_large
            error = PlanReadError(
                "The file is too large (%(size_mb).1f MB); the limit is %(limit_mb).1f MB.",
                "too_large",
                size_mb=size / 1024 / 1024,
                limit_mb=max_upload_bytes() / 1024 / 1024,
            )
            form.errors.pop("__all__", None)
            form.add_error("file", plan_error_message(error))
            services.import_failed_record(user=self.request.user, filename=name, size=size, error=error)
        return super().form_invalid(form)

    def form_valid(self, form):
        if getattr(self.request, "upload_too_large", None):
            return self.form_invalid(form)
        upload = form.cleaned_data["file"]
        data = b"".join(upload.chunks()) if upload else None
        try:
            record = services.import_start(
                user=self.request.user,
                data=data,
                filename=upload.name if upload else "",
                text=form.cleaned_data["text"],
                script=form.cleaned_data["script"] or None,
                campaign=form.cleaned_data["campaign"],
                max_bytes=max_upload_bytes(),
            )
        except PlanError as error:
            form.add_error("file" if upload else "text", plan_error_message(error))
            return super().form_invalid(form)
        if record.campaign is None:
            same = _same_title_campaign(record.title)
            if same:
                record.campaign = same
                record.save(update_fields=["campaign", "modified"])
                messages.info(
                    self.request,
                    _("A campaign called “%(title)s” exists: saving will update it unless you choose otherwise.")
                    % {"title": same.title},
                )
        return redirect(record.get_absolute_url())


def _same_title_campaign(title):
    if not title:
        return None
    return Campaign.objects.filter(title__in=both_scripts(title)).order_by("-year", "-pk").first()


class ImportObjectMixin(PortalPermissionMixin):
    permission_action = Action.MANAGE

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            require(request.user, self.permission_action)
            self.object = get_object_or_404(
                PlanImport.objects.select_related("campaign", "uploaded_by"), pk=kwargs["pk"]
            )
            require(request.user, self.permission_action, self.object)
        return super().dispatch(request, *args, **kwargs)


class ImportReviewView(ImportObjectMixin, TemplateView):
    """The parsed tree, editable; 'Keep draft' stores the edits, 'Save' writes the campaign in one transaction."""

    template_name = "planimport/import_review.html"

    def get(self, request, *args, **kwargs):
        if self.object.status != PlanImport.Status.DRAFT:
            self.template_name = "planimport/import_detail.html"
            return self.render_to_response(self.get_context_data())
        return self.render_to_response(
            self.get_context_data(review=Review(self.object.parsed, campaign=self.object.campaign))
        )

    def post(self, request, *args, **kwargs):
        if self.object.status != PlanImport.Status.DRAFT:
            messages.warning(
                request, _("This import has already been saved; upload the document again to re-import it.")
            )
            return redirect(self.object.get_absolute_url())
        review = Review(self.object.parsed, data=request.POST, campaign=self.object.campaign)
        if not review.is_valid():
            messages.error(request, _("Please correct the errors below; nothing has been saved."))
            return self.render_to_response(self.get_context_data(review=review), status=200)
        parsed = review.to_parsed()
        plan = review.plan.cleaned_data
        if request.POST.get("action") == "draft":
            services.import_draft_update(plan_import=self.object, parsed=parsed)
            if self.object.campaign != plan["campaign"]:
                self.object.campaign = plan["campaign"]
                self.object.save(update_fields=["campaign", "modified"])
            messages.success(request, _("Your corrections are kept; you can finish the review later."))
            return redirect(self.object.get_absolute_url())
        try:
            result = services.plan_save(
                parsed=parsed,
                campaign=plan["campaign"],
                user=request.user,
                plan_import=self.object,
                year=plan["year"],
                make_current=plan["make_current"],
            )
        except ValidationError as error:
            for message in error.messages:
                review.plan.add_error(None, message)
            messages.error(request, _("Please correct the errors below; nothing has been saved."))
            return self.render_to_response(self.get_context_data(review=review))
        messages.success(request, _("The plan has been saved into “%(title)s”.") % {"title": result.campaign.title})
        return redirect(self.object.get_absolute_url())

    def get_context_data(self, review=None, **kwargs):
        context = super().get_context_data(object=self.object, **kwargs)
        if review is not None:
            people = selectors.people_match(names=review.names())

            def rows(name):
                field = review.plan[name]
                return {"field": field, "rows": [(n, people.get(n)) for n in rules.split_names(field.value() or "")]}

            context.update(
                review=review,
                people_fields={
                    "group": [rows(n) for n in ("leader", "deputy_leaders", "members")],
                    "office": [rows(n) for n in ("office_director", "office_deputy_directors", "office_members")],
                },
                new_people=[name for name, person in people.items() if person is None],
                empty_pillar=PillarForm(prefix="pillars-__prefix__", initial={"measures": []}),
                section_kinds=SECTION_KIND_LABELS,
            )
        else:
            context["result"] = self.object.result or {}
            context["labels"] = {
                "campaign": _("Campaign"),
                "pillars": _("Pillars"),
                "measures": _("Measures"),
                "people": _("People"),
                "posts": _("Posts in the group and office"),
                "checks": _("Checks"),
            }
        return context


class ImportDiscardView(ImportObjectMixin, View):
    """Throw away a draft (its history keeps a trace)."""

    def post(self, request, *args, **kwargs):
        if self.object.status == PlanImport.Status.SAVED:
            messages.warning(request, _("A saved import cannot be discarded."))
            return redirect(self.object.get_absolute_url())
        self.object.delete()
        messages.success(request, _("The import has been discarded."))
        return redirect("planimport:import-list")


class ImportJsonView(ImportObjectMixin, View):
    """The parsed (and reviewed) tree as JSON, for the record."""

    def get(self, request, *args, **kwargs):
        return JsonResponse(self.object.parsed, json_dumps_params={"ensure_ascii": False, "indent": 2})
