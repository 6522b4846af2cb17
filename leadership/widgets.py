"""The department picker: a plain select for a few departments, a search box for many."""

import copy

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.forms.models import ModelChoiceIterator
from django.urls import reverse


class DepartmentSelect(forms.Select):
    """A select of the field's departments while they are at most LEADERSHIP_DEPARTMENT_SELECT_LIMIT.

    Above the limit it holds only the empty choice and the chosen department, so a page of 500 departments does not
    print 500 options and a submitted form still sends `name=<pk>`; static/js/department-picker.js then turns it into
    a search box over `leadership:department-search`.
    """

    template_name = "leadership/widgets/department_select.html"

    def __init__(self, attrs=None, choices=(), *, include_inactive=False):
        super().__init__(attrs, choices)
        self.include_inactive = include_inactive

    def get_context(self, name, value, attrs):
        if not isinstance(self.choices, ModelChoiceIterator):
            return super().get_context(name, value, attrs)
        limit = settings.LEADERSHIP_DEPARTMENT_SELECT_LIMIT
        # One query both tells whether the departments are too many and, when they are not, is the list itself.
        departments = list(self.choices.queryset[: limit + 1])
        search = len(departments) > limit
        if search:
            departments = self._chosen(value)
        shown = copy.copy(self)
        shown.choices = self._blank_choices() + [self.choices.choice(department) for department in departments]
        context = super(DepartmentSelect, shown).get_context(name, value, attrs)
        if search:
            url = reverse("leadership:department-search")
            context["widget"]["search_url"] = f"{url}?inactive=1" if self.include_inactive else url
        return context

    def _blank_choices(self):
        """The field's choices that are no department: the empty label and django-filter's null choice."""
        blank = copy.copy(self.choices)
        blank.queryset = blank.queryset.none()
        return list(blank)

    def _chosen(self, value):
        field = self.choices.field
        values = [item for item in self.format_value(value) if item]
        if not values:
            return []
        try:
            return list(self.choices.queryset.filter(**{f"{field.to_field_name or 'pk'}__in": values}))
        except (TypeError, ValueError, ValidationError):  # not a department's key: nothing is chosen
            return []

    def use_required_attribute(self, initial):
        # Select's own check reads the first choice, which runs the whole query when there is no empty label.
        field = getattr(self.choices, "field", None)
        if field is None:
            return super().use_required_attribute(initial)
        return not self.is_hidden and field.empty_label is not None
