"""Spreadsheet import and export of measures and indicator readings (django-import-export).

Files: xlsx, or csv in UTF-8 (with or without BOM) or GB18030/GBK. Columns may be headed in English or in either
Chinese script; departments, pillars and indicators are matched by name (Simplified or Traditional). Imports run
in bulk (one query to load the campaign's existing rows, bulk inserts and updates with history) and are committed
only when every row is valid.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from decimal import Decimal, InvalidOperation

import filetype
import tablib
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, resources, widgets
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from leadership.models import Department, Person
from liujiguan.script import to_hans

from .models import Campaign, Indicator, IndicatorReading, Measure, Pillar

CSV_ENCODINGS = ("utf-8-sig", "gb18030")
DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日", "%Y%m%d")


class ImportFileError(ValueError):
    """The upload is not a readable csv or xlsx file."""


def dataset_from_upload(*, content: bytes, name: str) -> tablib.Dataset:
    """Read an uploaded csv or xlsx file into a dataset, refusing anything else by its content."""
    kind = filetype.guess(content[:8192])
    if kind is not None and kind.extension == "xlsx" or (kind is not None and kind.extension == "zip"):
        try:
            return tablib.Dataset().load(io.BytesIO(content), format="xlsx")
        except Exception as error:
            raise ImportFileError(_("The Excel file could not be read.")) from error
    if kind is not None or b"\x00" in content[:8192]:
        raise ImportFileError(_("Upload an Excel (xlsx) or CSV file."))
    for encoding in CSV_ENCODINGS:
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ImportFileError(_("The CSV file is neither UTF-8 nor GB18030/GBK text."))
    try:
        return tablib.Dataset().load(text, format="csv")
    except Exception as error:
        raise ImportFileError(_("The CSV file could not be read.")) from error


def _normalise(text) -> str:
    return to_hans(str(text or "").strip()).lower()


class NameLookup:
    """Names (either script) → objects, loaded once per import."""

    def __init__(self, objects, attribute="name"):
        self.by_name = {_normalise(getattr(o, attribute)): o for o in objects}

    def get(self, value):
        return self.by_name.get(_normalise(value))


class LookupWidget(widgets.ForeignKeyWidget):
    """A foreign key matched by name through a NameLookup that the resource fills before import."""

    def __init__(self, model, lookup_attr: str, message, required: bool = True):
        super().__init__(model, field="name")
        self.lookup_attr = lookup_attr
        self.message = message
        self.required = required
        self.resource = None

    def clean(self, value, row=None, **kwargs):
        if value is None or str(value).strip() == "":
            if self.required:
                raise ValueError(_("This column is required."))
            return None
        found = getattr(self.resource, self.lookup_attr).get(value)
        if found is None:
            raise ValueError(self.message % {"name": str(value).strip()})
        return found

    def render(self, value, obj=None, **kwargs):
        return value.name if value is not None else ""


class FlexibleDateWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        text = str(value).strip()
        for pattern in DATE_FORMATS:
            try:
                return datetime.datetime.strptime(text, pattern).date()
            except ValueError:
                continue
        raise ValueError(_("“%(value)s” is not a date (write it as 2026-03-31).") % {"value": text})

    def render(self, value, obj=None, **kwargs):
        return value.isoformat() if value else ""


class NumberWidget(widgets.Widget):
    def __init__(self, *, integer=False, low=None, high=None, required=True):
        super().__init__()
        self.integer, self.low, self.high, self.required = integer, low, high, required

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            if self.required:
                raise ValueError(_("This column is required."))
            return None
        try:
            number = Decimal(str(value).strip().rstrip("%").replace(",", ""))
        except InvalidOperation as error:
            raise ValueError(_("“%(value)s” is not a number.") % {"value": value}) from error
        if (self.low is not None and number < self.low) or (self.high is not None and number > self.high):
            raise ValueError(
                _("%(value)s is outside %(low)s–%(high)s.") % {"value": value, "low": self.low, "high": self.high}
            )
        if self.integer:
            if number != number.to_integral_value():
                raise ValueError(_("“%(value)s” is not a whole number.") % {"value": value})
            return int(number)
        return number

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class TextWidget(widgets.CharWidget):
    def __init__(self, *, max_length=None, required=False):
        super().__init__()
        self.max_length, self.required = max_length, required

    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else str(value).strip()
        if self.required and not text:
            raise ValueError(_("This column is required."))
        if self.max_length and len(text) > self.max_length:
            raise ValueError(_("At most %(n)s characters.") % {"n": self.max_length})
        return text


class CampaignResource(resources.ModelResource):
    """Shared machinery: translated headers in either script, name lookups, natural-key loading, bulk history."""

    labels: dict[str, object] = {}
    # Column names seen in offices' own spreadsheets, in Simplified script (Traditional is matched too).
    synonyms: dict[str, tuple[str, ...]] = {}

    def __init__(self, *, campaign: Campaign, user=None):
        super().__init__()
        self.campaign = campaign
        self.user = user
        for field in self.fields.values():
            if isinstance(field.widget, LookupWidget):
                field.widget.resource = self

    # Headers: the export uses the user's language; the import accepts any language or script.
    def get_export_headers(self, selected_fields=None):
        return [str(self.labels.get(name, name)) for name in self.get_export_order()]

    @classmethod
    def header_aliases(cls) -> dict[str, str]:
        aliases = {}
        for name, label in cls.labels.items():
            aliases[_normalise(name)] = name
            for synonym in cls.synonyms.get(name, ()):
                aliases[_normalise(synonym)] = name
            for language in ("en", "zh-hans", "zh-hant"):
                with translation.override(language):
                    aliases[_normalise(str(label))] = name
        return aliases

    def dataset_normalise(self, dataset: tablib.Dataset) -> list[str]:
        """Rename the dataset's headers to field names; return the headers that are not known columns."""
        aliases = self.header_aliases()
        headers = [str(h or "").strip() for h in (dataset.headers or [])]
        unknown = [h for h in headers if h and _normalise(h) not in aliases]
        dataset.headers = [aliases.get(_normalise(h), h) for h in headers]
        return unknown

    def column_label(self, name: str) -> str:
        return str(self.labels.get(name, name))

    def get_instance(self, instance_loader, row):
        try:
            key = self.row_key(row)
        except ValueError:
            return None
        return self.existing.get(key)

    def key_seen(self, row, errors: dict, column: str, **kwargs) -> None:
        """Refuse a second row with the same natural key in one file."""
        if errors:
            return
        try:
            key = self.row_key(row)
        except ValueError:
            return
        seen = self.__dict__.setdefault("seen", {})
        if key in seen:
            errors[column] = [_("Repeats row %(n)s.") % {"n": seen[key]}]
        else:
            seen[key] = kwargs.get("row_number")

    def before_save_instance(self, instance, row, **kwargs):
        # bulk_update() neither runs auto_now nor our version bump, so both are set here.
        if instance.pk:
            instance.modified = timezone.now()
            if hasattr(instance, "version"):
                instance.version += 1

    # A dry run validates every row in Python (see import_instance) and writes nothing: the preview of a large file
    # then costs no inserts that would only be rolled back.
    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        if dry_run:
            self.create_instances.clear()
            return
        if self.create_instances:
            try:
                bulk_create_with_history(
                    self.create_instances, self._meta.model, batch_size=batch_size, default_user=self.user
                )
            except Exception as error:
                self.handle_import_error(result, error, raise_errors)
            finally:
                self.create_instances.clear()

    def bulk_update(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        if dry_run:
            self.update_instances.clear()
            return
        if self.update_instances:
            try:
                bulk_update_with_history(
                    self.update_instances,
                    self._meta.model,
                    self.bulk_update_fields,
                    batch_size=batch_size,
                    default_user=self.user,
                )
            except Exception as error:
                self.handle_import_error(result, error, raise_errors)
            finally:
                self.update_instances.clear()


def _keep_errors(errors: dict, instance_errors: dict | None):
    if instance_errors:
        raise ValidationError({**instance_errors, **errors})
    if errors:
        raise ValidationError(errors)


class MeasureResource(CampaignResource):
    """Measures of one campaign, keyed by (pillar, title)."""

    labels = {
        "pillar": gettext_lazy("Pillar"),
        "title": gettext_lazy("Measure"),
        "detail": gettext_lazy("Detail"),
        "lead_department": gettext_lazy("Lead department"),
        "responsible_leader": gettext_lazy("Responsible leader"),
        "start": gettext_lazy("Start"),
        "due": gettext_lazy("Due"),
        "weight": gettext_lazy("Weight"),
        "order": gettext_lazy("Order"),
        "progress": gettext_lazy("Progress (%)"),
        "status": gettext_lazy("Status"),
        "cooperating": gettext_lazy("Cooperating departments"),
    }
    synonyms = {
        "pillar": ("支柱", "类型", "六型", "创建类型", "机关类型"),
        "title": ("措施", "工作措施", "措施名称", "任务", "工作任务", "标题"),
        "detail": ("详细内容", "具体内容", "内容", "说明"),
        "lead_department": ("牵头科室", "牵头单位", "牵头部门", "责任科室", "责任单位"),
        "responsible_leader": ("责任领导", "分管领导"),
        "start": ("开始", "开始日期", "开始时间"),
        "due": ("完成时限", "时限", "截止日期", "完成时间", "到期"),
        "weight": ("权重",),
        "order": ("排序", "序号"),
        "progress": ("进度", "进度（%）", "进度(%)"),
        "status": ("状态",),
        "cooperating": ("配合科室", "配合单位"),
    }
    bulk_update_fields = [
        "detail",
        "lead_department",
        "responsible_leader",
        "start",
        "due",
        "weight",
        "order",
        "version",
        "modified",
    ]

    pillar = fields.Field(
        attribute="pillar",
        column_name="pillar",
        widget=LookupWidget(Pillar, "pillars", gettext_lazy("No pillar named “%(name)s” in this campaign.")),
    )
    title = fields.Field(attribute="title", column_name="title", widget=TextWidget(max_length=500, required=True))
    detail = fields.Field(attribute="detail", column_name="detail", widget=TextWidget())
    lead_department = fields.Field(
        attribute="lead_department",
        column_name="lead_department",
        widget=LookupWidget(Department, "departments", gettext_lazy("No department named “%(name)s”."), required=False),
    )
    responsible_leader = fields.Field(
        attribute="responsible_leader",
        column_name="responsible_leader",
        widget=LookupWidget(Person, "people", gettext_lazy("No person named “%(name)s”."), required=False),
    )
    start = fields.Field(attribute="start", column_name="start", widget=FlexibleDateWidget())
    due = fields.Field(attribute="due", column_name="due", widget=FlexibleDateWidget())
    weight = fields.Field(
        attribute="weight", column_name="weight", widget=NumberWidget(low=0, high=9999, required=False)
    )
    order = fields.Field(
        attribute="order", column_name="order", widget=NumberWidget(integer=True, low=0, high=99999, required=False)
    )
    progress = fields.Field(attribute="progress", column_name="progress", readonly=True)
    status = fields.Field(attribute="get_status_display", column_name="status", readonly=True)
    cooperating = fields.Field(column_name="cooperating", readonly=True)

    class Meta:
        model = Measure
        fields = [
            "pillar",
            "title",
            "detail",
            "lead_department",
            "responsible_leader",
            "start",
            "due",
            "weight",
            "order",
            "progress",
            "status",
            "cooperating",
        ]
        export_order = fields
        import_id_fields = ["pillar", "title"]
        use_bulk = True
        batch_size = 1000
        skip_diff = True
        clean_model_instances = False
        skip_unchanged = False

    def dehydrate_cooperating(self, measure):
        return "、".join(d.name for d in measure.cooperating_departments.all())

    def before_import(self, dataset, **kwargs):
        self.seen = {}
        self.pillars = NameLookup(self.campaign.pillars.all())
        self.departments = NameLookup(Department.objects.all())
        self.people = NameLookup(Person.objects.filter(is_active=True))
        self.existing = {
            (m.pillar_id, _normalise(m.title)): m for m in Measure.objects.filter(pillar__campaign=self.campaign)
        }

    def row_key(self, row):
        pillar = self.pillars.get(row.get("pillar"))
        if pillar is None:
            raise ValueError
        return (pillar.pk, _normalise(row.get("title")))

    def import_instance(self, instance, row, **kwargs):
        # Empty cells of optional columns leave an existing measure's value alone.
        errors = {}
        for name, field in self.fields.items():
            if field.readonly or name not in row:
                continue
            if instance.pk and name not in ("pillar", "title") and row.get(name) in (None, ""):
                continue
            try:
                field.save(instance, row, is_m2m=False, **kwargs)
            except ValueError as error:
                errors[name] = [str(error)]
        if instance.weight is None:
            instance.weight = Decimal("1")
        if instance.order is None:
            instance.order = 0
        if not errors and instance.start and instance.due and instance.due < instance.start:
            errors["due"] = [_("The due date cannot be before the start date.")]
        self.key_seen(row, errors, "title", **kwargs)
        if errors:
            raise ValidationError(errors)


class IndicatorReadingResource(CampaignResource):
    """Readings of one campaign's indicators, keyed by (indicator, department, period start)."""

    labels = {
        "indicator": gettext_lazy("Indicator"),
        "department": gettext_lazy("Department"),
        "period_start": gettext_lazy("Period start"),
        "period_end": gettext_lazy("Period end"),
        "value": gettext_lazy("Value"),
        "note": gettext_lazy("Note"),
        "unit": gettext_lazy("Unit"),
        "target": gettext_lazy("Target"),
    }
    synonyms = {
        "indicator": ("指标", "考核指标", "指标名称"),
        "department": ("科室", "单位", "部门"),
        "period_start": ("期间开始", "开始日期", "期间", "月份"),
        "period_end": ("期间结束", "结束日期"),
        "value": ("数值", "值", "实际值"),
        "note": ("备注", "说明"),
        "unit": ("单位（计量）", "计量单位"),
        "target": ("目标", "目标值"),
    }
    bulk_update_fields = ["period_end", "value", "note", "author", "is_automatic", "modified"]

    indicator = fields.Field(
        attribute="indicator",
        column_name="indicator",
        widget=LookupWidget(Indicator, "indicators", gettext_lazy("No indicator named “%(name)s” in this campaign.")),
    )
    department = fields.Field(
        attribute="department",
        column_name="department",
        widget=LookupWidget(Department, "departments", gettext_lazy("No department named “%(name)s”."), required=False),
    )
    period_start = fields.Field(attribute="period_start", column_name="period_start", widget=FlexibleDateWidget())
    period_end = fields.Field(attribute="period_end", column_name="period_end", widget=FlexibleDateWidget())
    value = fields.Field(attribute="value", column_name="value", widget=NumberWidget(low=-(10**11), high=10**11))
    note = fields.Field(attribute="note", column_name="note", widget=TextWidget(max_length=500))
    unit = fields.Field(attribute="indicator__unit", column_name="unit", readonly=True)
    target = fields.Field(attribute="indicator__target", column_name="target", readonly=True)

    class Meta:
        model = IndicatorReading
        fields = ["indicator", "department", "period_start", "period_end", "value", "note", "unit", "target"]
        export_order = fields
        import_id_fields = ["indicator", "department", "period_start"]
        use_bulk = True
        batch_size = 1000
        skip_diff = True
        clean_model_instances = False

    def before_import(self, dataset, **kwargs):
        self.seen = {}
        self.indicators = NameLookup(Indicator.objects.filter(pillar__campaign=self.campaign))
        self.departments = NameLookup(Department.objects.all())
        self.existing = {
            (r.indicator_id, r.department_id, r.period_start): r
            for r in IndicatorReading.objects.filter(indicator__pillar__campaign=self.campaign)
        }

    def row_key(self, row):
        indicator = self.indicators.get(row.get("indicator"))
        if indicator is None:
            raise ValueError
        department = self.departments.get(row.get("department")) if row.get("department") else None
        start = FlexibleDateWidget().clean(row.get("period_start"))
        return (indicator.pk, department.pk if department else None, start)

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        for name, field in self.fields.items():
            if field.readonly or name not in row:
                continue
            try:
                field.save(instance, row, is_m2m=False, **kwargs)
            except ValueError as error:
                errors[name] = [str(error)]
        if not errors:
            if instance.period_start is None:
                errors["period_start"] = [_("This column is required.")]
            elif instance.period_end is None:
                instance.period_end = _period_end(instance)
            if instance.period_end and instance.period_start and instance.period_end < instance.period_start:
                errors["period_end"] = [_("The end date cannot be before the start date.")]
            if instance.indicator_id and instance.indicator.is_computed:
                errors["indicator"] = [_("This indicator is computed; its readings cannot be typed in.")]
        self.key_seen(row, errors, "period_start", **kwargs)
        instance.note = instance.note or ""
        instance.is_automatic = False
        instance.author = self.user
        if errors:
            raise ValidationError(errors)


def _period_end(reading):
    from .indicators import period_bounds

    return period_bounds(reading.indicator.frequency, reading.period_start)[1]


@dataclass
class ImportReport:
    """What an import did or would do, in terms the user can act on."""

    committed: bool = False
    file_error: str = ""
    unknown_columns: list[str] = dataclass_field(default_factory=list)
    errors: list[tuple[int | None, str, str]] = dataclass_field(default_factory=list)  # (row, column, message)
    totals: dict[str, int] = dataclass_field(default_factory=dict)
    preview: list[tuple[int, str, list]] = dataclass_field(default_factory=list)  # (row, import type, values)
    headers: list[str] = dataclass_field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.file_error and not self.errors


PREVIEW_ROWS = 100


def import_file(*, resource_class, campaign: Campaign, user, content: bytes, name: str, dry_run: bool) -> ImportReport:
    """Dry-run or commit a spreadsheet. A commit happens only when the whole file is valid (all or nothing).

    Row numbers are those of the spreadsheet (the header is row 1).
    """
    report = ImportReport()
    try:
        dataset = dataset_from_upload(content=content, name=name)
    except ImportFileError as error:
        report.file_error = str(error)
        return report
    resource = resource_class(campaign=campaign, user=user)
    report.unknown_columns = resource.dataset_normalise(dataset)
    missing = [n for n in resource._meta.import_id_fields if n not in (dataset.headers or [])]
    if missing:
        report.file_error = _("Missing columns: %(columns)s.") % {
            "columns": "、".join(resource.column_label(n) for n in missing)
        }
        return report
    report.headers = [resource.column_label(h) for h in dataset.headers]
    result = resource.import_data(
        dataset,
        dry_run=dry_run,
        use_transactions=True,
        rollback_on_validation_errors=True,
        retain_instance_in_row_result=False,
    )
    for number, row_errors in result.row_errors():
        for error in row_errors:
            report.errors.append((number + 1, "", str(error.error)))
    for invalid in result.invalid_rows:
        for column, messages in invalid.error_dict.items():
            label = "" if column == "__all__" else resource.column_label(column)
            for message in messages:
                report.errors.append((invalid.number + 1, label, str(message)))
    for error in result.base_errors:
        report.errors.append((None, "", str(error.error)))
    report.errors.sort(key=lambda e: (e[0] or 0, e[1]))
    report.totals = {key: value for key, value in result.totals.items() if value}
    for number, (row_result, values) in enumerate(zip(result.rows, dataset, strict=False), start=2):
        if len(report.preview) >= PREVIEW_ROWS:
            break
        report.preview.append((number, row_result.import_type, list(values)))
    report.committed = not dry_run and report.ok
    return report
