"""Import and export: annual caps from the finance spreadsheet; the reception list (接待清单) to xlsx."""

from decimal import Decimal, InvalidOperation

import tablib
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_
from import_export import fields, resources, widgets

from leadership.models import Department

from .models import Budget, ReceptionRecord


class MoneyWidget(widgets.DecimalWidget):
    """Yuan amounts: a clear message for anything that is not a non-negative number."""

    def clean(self, value, row=None, **kwargs):
        if self.is_empty(value):
            raise ValueError(_("The amount is missing."))
        try:
            amount = Decimal(str(value).strip().replace(",", "").replace("，", ""))
        except InvalidOperation:
            raise ValueError(_("“%(value)s” is not an amount of money in yuan.") % {"value": value}) from None
        if not amount.is_finite() or amount < 0:
            raise ValueError(_("“%(value)s” is not an amount of money in yuan.") % {"value": value})
        return amount.quantize(Decimal("0.01"))


class DepartmentWidget(widgets.ForeignKeyWidget):
    def clean(self, value, row=None, **kwargs):
        if value is None or not str(value).strip():
            return None  # the whole bureau's cap
        try:
            return Department.objects.get(name=str(value).strip())
        except Department.DoesNotExist:
            raise ValueError(_("There is no department named “%(name)s”.") % {"name": value}) from None


class BudgetResource(resources.ModelResource):
    year = fields.Field(attribute="year", column_name="year", widget=widgets.IntegerWidget())
    department = fields.Field(
        attribute="department", column_name="department", widget=DepartmentWidget(Department, "name")
    )
    amount = fields.Field(attribute="amount", column_name="amount", widget=MoneyWidget())

    class Meta:
        model = Budget
        fields = ["year", "department", "amount"]
        import_id_fields = ["year", "department"]
        skip_unchanged = True
        use_transactions = True
        clean_model_instances = True


def budget_import(*, data: bytes, file_format: str) -> tuple[int, list[str]]:
    """Import caps; all or nothing. Returns (rows imported, error messages)."""
    try:
        dataset = tablib.Dataset().load(data if file_format == "xlsx" else data.decode("utf-8-sig"), format=file_format)
    except Exception:  # tablib raises many kinds of errors for unreadable files
        return 0, [_("The file could not be read as %(format)s.") % {"format": file_format}]
    headers = {str(h).strip().lower() for h in (dataset.headers or [])}
    missing = {"year", "department", "amount"} - headers
    if missing:
        return 0, [_("Missing columns: %(columns)s.") % {"columns": ", ".join(sorted(missing))}]
    resource = BudgetResource()
    result = resource.import_data(dataset, dry_run=True, raise_errors=False)
    messages = []
    for line, errors in result.row_errors():
        for error in errors:
            messages.append(_("Row %(row)s: %(error)s") % {"row": line + 1, "error": error.error})
    for invalid in result.invalid_rows:
        for field_name, field_errors in invalid.error_dict.items():
            for error in field_errors:
                text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
                messages.append(
                    _("Row %(row)s, %(field)s: %(error)s")
                    % {"row": invalid.number + 1, "field": field_name, "error": text}
                )
    if messages:
        return 0, messages
    result = resource.import_data(dataset, dry_run=False, raise_errors=True)
    return result.totals.get("new", 0) + result.totals.get("update", 0), []


RECORD_COLUMNS = [
    ("host_department__name", N_("Host department")),
    ("visiting_unit", N_("Visiting unit")),
    ("visiting_city", N_("City")),
    ("letter_reference", N_("Official letter")),
    ("activity", N_("Activity")),
    ("start_date", N_("Arrival")),
    ("end_date", N_("Departure")),
    ("guests", N_("Guests")),
    ("highest_rank", N_("Highest rank")),
    ("transport_cost", N_("Transport (yuan)")),
    ("other_cost", N_("Other costs (yuan)")),
    ("total_cost", N_("Total cost (yuan)")),
    ("finding_count", N_("Findings")),
    ("status", N_("Status")),
]


def record_list_xlsx(*, records, meals) -> bytes:
    """The reception list as a workbook: one sheet of receptions, one of their meals. Money stays Decimal."""
    sheet = tablib.Dataset(title=_("Receptions")[:31])
    sheet.headers = [_(label) for _field, label in RECORD_COLUMNS]
    statuses = dict(ReceptionRecord.Status.choices)
    for row in records.values_list(*[name for name, _label in RECORD_COLUMNS]):
        sheet.append([*row[:-1], str(statuses.get(row[-1], row[-1]))])
    meal_sheet = tablib.Dataset(title=_("Meals")[:31])
    meal_sheet.headers = [
        _("Visiting unit"),
        _("Date"),
        _("Meal"),
        _("Venue"),
        _("Guests"),
        _("Accompanying staff"),
        _("Alcohol served"),
        _("Buffet or canteen"),
        _("Cost (yuan)"),
    ]
    for meal in meals:
        meal_sheet.append(
            [
                meal.record.visiting_unit,
                meal.date,
                meal.get_kind_display(),
                meal.venue,
                meal.guests,
                meal.accompanying,
                _("yes") if meal.alcohol else _("no"),
                _("yes") if meal.buffet_or_canteen else _("no"),
                meal.cost,
            ]
        )
    return tablib.Databook([sheet, meal_sheet]).export("xlsx")
