"""Spreadsheet import and export of the registers (django-import-export).

Columns are headed with the fields' names in the user's language; a file headed in English, Simplified or
Traditional Chinese (or with the field names) is read alike. Departments, people and vehicles are matched by name.
Every cell error is reported against its column in the user's language.
"""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from leadership.models import Department, Person
from liujiguan.permissions import Action, can
from liujiguan.script import both_scripts, for_language, to_hans

from . import services
from .models import (
    Document,
    Meeting,
    PublicIssue,
    ResearchReport,
    ServiceCase,
    ServiceVisit,
    StudyActivity,
    Trip,
    Vehicle,
)

EMPTY = (None, "")


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


class NameWidget(widgets.ForeignKeyWidget):
    """A related row looked up by its name in either script."""

    def __init__(self, model, field="name", message=None, **kwargs):
        super().__init__(model, field=field, **kwargs)
        self.message = message

    def clean(self, value, row=None, **kwargs):
        text = _text(value)
        if not text:
            return None
        matches = list(self.get_queryset(value, row, **kwargs).filter(**{f"{self.field}__in": both_scripts(text)})[:2])
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise ValueError(self.message() % {"name": text})
        raise ValueError(_("More than one match for “%(name)s”.") % {"name": text})

    def render(self, value, obj=None, **kwargs):
        return for_language(str(getattr(value, self.field))) if value is not None else ""


def department_widget():
    return NameWidget(Department, message=lambda: _("No department is called “%(name)s”."))


def person_widget():
    return NameWidget(Person, message=lambda: _("No person is called “%(name)s”."))


class ChoiceWidget(widgets.Widget):
    """A choice given as its stored value, its label in any language, or the Chinese term in its label."""

    def __init__(self, choices, **kwargs):
        super().__init__(**kwargs)
        self.choices = choices

    def _aliases(self):
        aliases = {}
        for value, label in self.choices:
            names = {value, str(label)}
            for language in ("en", "zh-hans", "zh-hant"):
                with translation.override(language):
                    names.add(str(label))
            for name in list(names):
                if "(" in name and name.endswith(")"):
                    names.add(name[name.rindex("(") + 1 : -1])
                    names.add(name[: name.rindex("(")].strip())
                names.add(to_hans(name))
            for name in names:
                aliases[name.strip().lower()] = value
        return aliases

    def clean(self, value, row=None, **kwargs):
        text = _text(value)
        if not text:
            return None
        found = self._aliases().get(to_hans(text).lower()) or self._aliases().get(text.lower())
        if found is None:
            allowed = "、".join(str(label) for _value, label in self.choices)
            raise ValueError(_("“%(value)s” is not one of: %(allowed)s.") % {"value": text, "allowed": allowed})
        return found

    def render(self, value, obj=None, **kwargs):
        return str(dict(self.choices).get(value, value or ""))


DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日", "%Y%m%d")


class DateWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        if value in EMPTY:
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        text = _text(value).split(" ")[0]
        for fmt in DATE_FORMATS:
            try:
                return datetime.datetime.strptime(text, fmt).date()
            except ValueError:
                continue
        raise ValueError(_("“%(value)s” is not a date (write it like 2026-03-18).") % {"value": _text(value)})

    def render(self, value, obj=None, **kwargs):
        return value.isoformat() if value else ""


class DateTimeWidget(widgets.Widget):
    """A local date and time (Asia/Shanghai unless configured otherwise)."""

    FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y/%m/%d %H:%M:%S", "%Y-%m-%dT%H:%M")

    def clean(self, value, row=None, **kwargs):
        if value in EMPTY:
            return None
        if isinstance(value, datetime.datetime):
            parsed = value
        else:
            text = _text(value)
            for fmt in self.FORMATS:
                try:
                    parsed = datetime.datetime.strptime(text, fmt)
                    break
                except ValueError:
                    continue
            else:
                raise ValueError(
                    _("“%(value)s” is not a date and time (write it like 2026-03-18 21:30).") % {"value": text}
                )
        if timezone.is_naive(parsed):
            parsed = timezone.make_aware(parsed)
        return parsed

    def render(self, value, obj=None, **kwargs):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


class NumberWidget(widgets.Widget):
    def __init__(self, integer=False, **kwargs):
        super().__init__(**kwargs)
        self.integer = integer

    def clean(self, value, row=None, **kwargs):
        if value in EMPTY:
            return None
        try:
            number = Decimal(_text(value).replace(",", ""))
        except InvalidOperation:
            raise ValueError(_("“%(value)s” is not a number.") % {"value": _text(value)}) from None
        if number < 0:
            raise ValueError(_("The number cannot be negative."))
        if self.integer:
            if number != number.to_integral_value():
                raise ValueError(_("“%(value)s” is not a whole number.") % {"value": _text(value)})
            return int(number)
        return number

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class BooleanWidget(widgets.Widget):
    TRUE = {"1", "true", "yes", "y", "是", "在用", "√"}
    FALSE = {"0", "false", "no", "n", "否", "停用", "×"}

    def clean(self, value, row=None, **kwargs):
        if value in EMPTY:
            return True
        if isinstance(value, bool):
            return value
        text = _text(value).lower()
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise ValueError(_("“%(value)s” is not yes or no.") % {"value": _text(value)})

    def render(self, value, obj=None, **kwargs):
        return _("yes") if value else _("no")


class TextWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        return _text(value)


def _widget_for(model_field):
    from django.db import models

    if model_field.choices:
        return ChoiceWidget(model_field.choices)
    if isinstance(model_field, models.ForeignKey):
        if model_field.related_model is Department:
            return department_widget()
        if model_field.related_model is Person:
            return person_widget()
        if model_field.related_model is Vehicle:
            return NameWidget(Vehicle, field="plate", message=lambda: _("No vehicle has the plate “%(name)s”."))
    if isinstance(model_field, models.BooleanField):
        return BooleanWidget()
    if isinstance(model_field, models.DateTimeField):
        return DateTimeWidget()
    if isinstance(model_field, models.DateField):
        return DateWidget()
    if isinstance(model_field, models.DecimalField):
        return NumberWidget()
    if isinstance(model_field, (models.PositiveIntegerField, models.IntegerField)):
        return NumberWidget(integer=True)
    return TextWidget()


# Headings users write in their own spreadsheets, besides the translated column names (Simplified; Traditional
# headings are converted before the look-up).
ALIASES = {
    "department": ["科室", "部门", "单位", "科室（站所）", "组织单位", "承办科室", "责任科室", "所属科室"],
    "date": ["日期", "时间"],
    "topic": ["主题", "学习主题", "内容"],
    "kind": ["类型", "类别", "形式", "会议类型", "学习形式"],
    "hours": ["学时", "时长", "小时"],
    "place": ["地点"],
    "speaker": ["主讲人", "主讲"],
    "note": ["备注"],
    "title": ["标题", "名称", "文件标题", "会议名称", "报告题目"],
    "author": ["作者", "执笔人"],
    "submitted": ["报送日期", "提交日期"],
    "summary": ["摘要", "内容摘要"],
    "attendees": ["参会人数", "人数"],
    "duration_minutes": ["时长（分钟）", "会议时长", "分钟"],
    "number": ["文号", "发文字号"],
    "issued": ["发文日期", "印发日期"],
    "reference": ["编号", "受理编号", "办件编号", "登记编号"],
    "matter": ["事项", "办理事项"],
    "applicant": ["申请人", "服务对象"],
    "received": ["受理日期", "收到日期", "登记日期"],
    "promised_days": ["承诺时限", "承诺天数", "承诺期限（天）", "时限"],
    "completed": ["办结日期", "完成日期"],
    "description": ["问题描述", "描述"],
    "source": ["来源", "反映主体"],
    "raised_by_name": ["反映人"],
    "deadline": ["办理期限", "期限", "截止日期"],
    "status": ["状态", "办理状态"],
    "resolved": ["解决日期"],
    "resolution": ["处理结果", "办理结果"],
    "purpose": ["事由", "用途", "目的"],
    "outcome": ["成效", "结果"],
    "plate": ["车牌号", "车牌"],
    "model_name": ["车型", "品牌型号"],
    "is_active": ["在用"],
    "vehicle": ["车辆", "车牌号", "车牌"],
    "driver": ["驾驶员", "司机"],
    "destination": ["目的地"],
    "start": ["开始", "出车时间", "开始时间"],
    "end": ["结束", "回车时间", "结束时间"],
    "distance_km": ["里程", "里程（公里）", "行驶里程"],
    "approval_number": ["审批单号", "审批编号", "审批"],
}


class RegisterResource(resources.ModelResource):
    """Shared behaviour: translated headers, natural keys, the department rule, checks run as on a form."""

    # Columns of the file, in order; the first `key_fields` identify an existing row (a natural key).
    columns: tuple = ()
    key_fields: tuple = ()

    def __init__(self, *, user=None, **kwargs):
        super().__init__(**kwargs)
        self.user = user
        self.touched = []

    @classmethod
    def build(cls, *, user=None):
        """A resource whose columns are headed in the active language."""
        resource = cls(user=user)
        model = cls._meta.model
        resource.fields = {}
        for name in cls.columns:
            model_field = model._meta.get_field(name)
            resource.fields[name] = fields.Field(
                attribute=name,
                column_name=str(model_field.verbose_name).capitalize(),
                widget=_widget_for(model_field),
            )
        return resource

    @classmethod
    def header_aliases(cls) -> dict[str, str]:
        """Every accepted heading (any language, any script, the field name) → the field name."""
        aliases = {}
        model = cls._meta.model
        for name in cls.columns:
            label = model._meta.get_field(name).verbose_name
            names = {name, str(label), *ALIASES.get(name, [])}
            for language in ("en", "zh-hans", "zh-hant"):
                with translation.override(language):
                    names.add(str(label))
            for heading in names:
                aliases[heading.strip().lower()] = name
                aliases[to_hans(heading).strip().lower()] = name
        return aliases

    def column_of(self, attribute) -> str:
        field = self.fields.get(attribute)
        if field is not None:
            return field.column_name
        model_field = next((f for f in self._meta.model._meta.fields if f.name == attribute), None)
        return str(model_field.verbose_name).capitalize() if model_field else ""

    def get_import_id_fields(self):
        return list(self.key_fields)

    def get_instance(self, instance_loader, row):
        # Report an unknown department or person in the key against its column, not as a crash.
        errors = {}
        lookup = {}
        for name in self.key_fields:
            field = self.fields[name]
            try:
                lookup[name] = field.clean(row)
            except ValueError as error:
                errors[name] = ValidationError(str(error))
        if errors:
            # The row cannot be matched; still report every other unreadable cell of it at once.
            for name, field in self.fields.items():
                if name in errors or field.column_name not in row:
                    continue
                try:
                    field.clean(row)
                except ValueError as error:
                    errors[name] = ValidationError(str(error))
            raise ValidationError(errors)
        if any(value in EMPTY for value in lookup.values()):
            return None
        return self._meta.model.objects.filter(**lookup).first()

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        if isinstance(instance, Trip) and instance.vehicle_id and not instance.department_id:
            instance.department_id = instance.vehicle.department_id
        if (
            "department" not in errors
            and getattr(instance, "department_id", None) is not None
            and self.user is not None
            and not can(self.user, Action.REPORT, instance)
        ):
            errors["department"] = ValidationError(_("You may only record for your own department."))
        super().validate_instance(instance, errors, validate_unique)

    def before_save_instance(self, instance, row, **kwargs):
        if instance.pk is None and self.user is not None and self.user.is_authenticated:
            instance.created_by = self.user
        services.record_prepare(instance=instance)

    def after_save_instance(self, instance, row, **kwargs):
        self.touched.append(instance)

    def after_import(self, dataset, result, **kwargs):
        if not kwargs.get("dry_run"):
            services.records_imported(instances=self.touched)

    class Meta:
        clean_model_instances = True
        skip_diff = True
        report_skipped = True


class StudyActivityResource(RegisterResource):
    columns = ("department", "date", "topic", "kind", "hours", "place", "speaker", "note")
    key_fields = ("department", "date", "topic")

    class Meta(RegisterResource.Meta):
        model = StudyActivity


class ResearchReportResource(RegisterResource):
    columns = ("department", "title", "author", "submitted", "summary")
    key_fields = ("department", "title")

    class Meta(RegisterResource.Meta):
        model = ResearchReport


class MeetingResource(RegisterResource):
    columns = ("department", "date", "title", "kind", "attendees", "duration_minutes")
    key_fields = ("department", "date", "title")

    class Meta(RegisterResource.Meta):
        model = Meeting


class DocumentResource(RegisterResource):
    columns = ("department", "number", "title", "issued")
    key_fields = ("department", "number")

    class Meta(RegisterResource.Meta):
        model = Document


class ServiceCaseResource(RegisterResource):
    columns = ("department", "reference", "matter", "applicant", "received", "promised_days", "completed")
    key_fields = ("department", "reference")

    class Meta(RegisterResource.Meta):
        model = ServiceCase


class PublicIssueResource(RegisterResource):
    columns = ("reference", "title", "description", "source", "raised_by_name", "received", "department", "deadline",
               "status", "resolved", "resolution")  # fmt: skip
    key_fields = ("reference",)

    class Meta(RegisterResource.Meta):
        model = PublicIssue


class ServiceVisitResource(RegisterResource):
    columns = ("department", "date", "place", "purpose", "outcome")
    key_fields = ("department", "date", "place")

    class Meta(RegisterResource.Meta):
        model = ServiceVisit


class VehicleResource(RegisterResource):
    columns = ("plate", "model_name", "department", "is_active")
    key_fields = ("plate",)

    class Meta(RegisterResource.Meta):
        model = Vehicle


class TripResource(RegisterResource):
    columns = ("vehicle", "start", "end", "driver", "purpose", "destination", "distance_km", "approval_number",
               "department")  # fmt: skip
    key_fields = ("vehicle", "start")

    class Meta(RegisterResource.Meta):
        model = Trip
