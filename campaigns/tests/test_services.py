"""The supervision cycle, progress with evidence, optimistic locking, readings and computed indicators."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from campaigns import services
from campaigns.indicators import indicator_recompute, period_bounds, register_source
from campaigns.models import Evidence, IndicatorReading, Measure

from .factories import IndicatorFactory, IndicatorReadingFactory, MeasureFactory
from .files import PDF, PNG, docx_bytes, xlsx_bytes

S = Measure.Status


@pytest.mark.django_db
class TestSupervisionCycle:
    def test_full_cycle(self, org, measure_a):
        services.measure_acknowledge(measure=measure_a, user=org.users["dept_a"])
        assert measure_a.status == S.ACKNOWLEDGED and measure_a.acknowledged_at
        services.progress_post(measure=measure_a, user=org.users["dept_a"], percent=40, note="推进中")
        assert measure_a.status == S.IN_PROGRESS and measure_a.progress == 40
        services.measure_report_done(measure=measure_a, user=org.users["dept_a"])
        assert (measure_a.status, measure_a.progress) == (S.REPORTED, 100)
        services.measure_return(measure=measure_a, user=org.users["office"], reason="材料不全")
        assert measure_a.status == S.RETURNED and measure_a.status_reason == "材料不全"
        services.measure_report_done(measure=measure_a, user=org.users["dept_a"])
        services.measure_verify(measure=measure_a, user=org.users["office"])
        measure_a.refresh_from_db()
        assert measure_a.status == S.VERIFIED and measure_a.verified_by == org.users["office"]
        assert measure_a.history.count() >= 6

    def test_verify_before_report_is_refused(self, org, measure_a):
        with pytest.raises(ValidationError) as error:
            services.measure_verify(measure=measure_a, user=org.users["office"])
        assert error.value.code == "illegal_transition"
        measure_a.refresh_from_db()
        assert measure_a.status == S.ISSUED

    def test_acknowledge_twice_is_refused(self, org, measure_a):
        services.measure_acknowledge(measure=measure_a, user=org.users["dept_a"])
        with pytest.raises(ValidationError):
            services.measure_acknowledge(measure=measure_a, user=org.users["dept_a"])

    def test_return_needs_a_reason(self, org, measure_a):
        measure_a.status = S.REPORTED
        measure_a.save()
        with pytest.raises(ValidationError):
            services.measure_return(measure=measure_a, user=org.users["office"], reason="  ")

    def test_cancelled_measure_takes_no_progress(self, org, measure_a):
        services.measure_cancel(measure=measure_a, user=org.users["office"], reason="合并到其他措施")
        with pytest.raises(ValidationError):
            services.progress_post(measure=measure_a, user=org.users["dept_a"], percent=10)

    def test_department_cannot_verify_or_act_on_other_department(self, org, measure_a, measure_b):
        measure_a.status = S.REPORTED
        measure_a.save()
        with pytest.raises(PermissionDenied):
            services.measure_verify(measure=measure_a, user=org.users["dept_a"])
        with pytest.raises(PermissionDenied):
            services.measure_acknowledge(measure=measure_b, user=org.users["dept_a"])
        with pytest.raises(PermissionDenied):
            services.progress_post(measure=measure_b, user=org.users["dept_a"], percent=10)

    def test_unassigned_measure_cannot_be_acknowledged(self, org, pillar):
        measure = MeasureFactory(pillar=pillar, lead_department=None)
        with pytest.raises(ValidationError) as error:
            services.measure_acknowledge(measure=measure, user=org.users["office"])
        assert error.value.code == "unassigned"

    def test_allowed_actions(self, org, measure_a):
        assert services.measure_allowed_actions(measure=measure_a, user=org.users["dept_a"]) == [
            "acknowledge",
            "progress",
        ]
        assert services.measure_allowed_actions(measure=measure_a, user=org.users["dept_b"]) == []
        assert "verify" not in services.measure_allowed_actions(measure=measure_a, user=org.users["office"])
        assert services.measure_allowed_actions(measure=measure_a, user=org.users["leader"]) == []


@pytest.mark.django_db
class TestProgress:
    def test_update_after_due_is_kept_and_marked_late(self, org, pillar):
        measure = MeasureFactory(pillar=pillar, lead_department=org.dept_a, due=datetime.date(2026, 3, 1))
        update = services.progress_post(
            measure=measure, user=org.users["dept_a"], percent=70, day=datetime.date(2026, 3, 2)
        )
        assert update.is_late is True
        on_time = services.progress_post(
            measure=measure, user=org.users["dept_a"], percent=75, day=datetime.date(2026, 3, 1)
        )
        assert on_time.is_late is False

    @pytest.mark.parametrize(
        "name,content,mime",
        [
            ("会议照片.png", PNG, "image/png"),
            ("总结.pdf", PDF, "application/pdf"),
            ("台账.xlsx", None, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            ("报告.docx", None, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ],
    )
    def test_accepted_evidence_types(self, org, measure_a, name, content, mime):
        content = content or (xlsx_bytes() if name.endswith("xlsx") else docx_bytes())
        upload = SimpleUploadedFile(name, content)
        update = services.progress_post(measure=measure_a, user=org.users["dept_a"], percent=20, files=[upload])
        evidence = update.evidence.get()
        assert evidence.content_type == mime
        assert evidence.original_name == name
        assert evidence.size == len(content)

    def test_file_named_pdf_but_not_a_pdf_is_refused(self, org, measure_a):
        upload = SimpleUploadedFile("总结.pdf", b"MZ\x90\x00 this is really a program")
        with pytest.raises(ValidationError) as error:
            services.progress_post(measure=measure_a, user=org.users["dept_a"], percent=20, files=[upload])
        assert error.value.code == "file_type"
        assert not Evidence.objects.exists()
        measure_a.refresh_from_db()
        assert measure_a.progress == 0

    def test_text_file_is_refused(self, org, measure_a):
        upload = SimpleUploadedFile("note.txt", "纯文本".encode())
        with pytest.raises(ValidationError):
            services.progress_post(measure=measure_a, user=org.users["dept_a"], percent=20, files=[upload])

    @override_settings(UPLOAD_MAX_BYTES=1000)
    def test_oversized_file_is_refused(self, org, measure_a):
        upload = SimpleUploadedFile("big.png", PNG + b"\x00" * 2000)
        with pytest.raises(ValidationError) as error:
            services.progress_post(measure=measure_a, user=org.users["dept_a"], percent=20, files=[upload])
        assert error.value.code == "too_large"

    def test_future_date_refused(self, org, measure_a):
        with pytest.raises(ValidationError):
            services.progress_post(
                measure=measure_a, user=org.users["dept_a"], percent=20, day=datetime.date(2099, 1, 1)
            )


@pytest.mark.django_db
class TestOptimisticLocking:
    def test_stale_version_is_refused_with_the_other_changes(self, org, measure_a):
        loaded = measure_a.version
        services.measure_update(
            measure=measure_a, user=org.users["admin"], version=loaded, title="新标题", due=datetime.date(2026, 10, 1)
        )
        stale = Measure.objects.get(pk=measure_a.pk)
        with pytest.raises(services.MeasureConflict) as conflict:
            services.measure_update(measure=stale, user=org.users["office"], version=loaded, weight=Decimal("3"))
        changed = {change.field for change in conflict.value.changes}
        assert changed == {"title", "due"}
        stale.refresh_from_db()
        assert stale.weight == Decimal("1") and stale.title == "新标题"

    def test_workflow_step_also_bumps_version(self, org, measure_a):
        loaded = measure_a.version
        services.measure_acknowledge(measure=Measure.objects.get(pk=measure_a.pk), user=org.users["dept_a"])
        with pytest.raises(services.MeasureConflict):
            services.measure_update(measure=measure_a, user=org.users["office"], version=loaded, title="改")


@pytest.mark.django_db
class TestIndicators:
    def test_reading_status_against_target(self, org, pillar):
        from campaigns import selectors

        higher = IndicatorFactory(pillar=pillar, target=Decimal("100"))
        lower = IndicatorFactory(pillar=pillar, target=Decimal("5"), direction="lower")
        cases = [(higher, "100", "on_track"), (higher, "92", "at_risk"), (higher, "80", "off_track")]
        cases += [(lower, "5", "on_track"), (lower, "5.4", "at_risk"), (lower, "7", "off_track")]
        for month, (indicator, value, _expected) in enumerate(cases, start=1):
            IndicatorReadingFactory(
                indicator=indicator,
                period_start=datetime.date(2026, month, 1),
                period_end=datetime.date(2026, month, 28),
                value=Decimal(value),
            )
        statuses = dict(selectors.indicator_reading_list(user=None).values_list("value", "status"))
        for _indicator, value, expected in cases:
            assert statuses[Decimal(value)] == expected

    def test_department_enters_own_reading_only(self, org, pillar):
        indicator = IndicatorFactory(pillar=pillar)
        start, end = period_bounds(indicator.frequency, datetime.date(2026, 10, 5))
        reading = services.reading_save(
            indicator=indicator,
            user=org.users["dept_a"],
            department=org.dept_a,
            period_start=start,
            period_end=end,
            value=Decimal("3"),
        )
        assert reading.author == org.users["dept_a"]
        with pytest.raises(PermissionDenied):
            services.reading_save(
                indicator=indicator,
                user=org.users["dept_a"],
                department=org.dept_b,
                period_start=start,
                period_end=end,
                value=Decimal("3"),
            )

    def test_recompute_replaces_automatic_readings(self, org, pillar):
        calls = []

        def compute(indicator, period_start, period_end):
            calls.append((period_start, period_end))
            return [(org.dept_a.pk, Decimal(len(calls))), (None, Decimal("10"))]

        register_source("tests.counter", "counter", compute)
        indicator = IndicatorFactory(pillar=pillar, source="tests.counter")
        start, end = datetime.date(2026, 10, 1), datetime.date(2026, 10, 31)
        indicator_recompute(indicator=indicator, period_start=start, period_end=end)
        indicator_recompute(indicator=indicator, period_start=start, period_end=end)
        readings = IndicatorReading.objects.filter(indicator=indicator)
        assert readings.count() == 2
        assert readings.get(department=org.dept_a).value == Decimal("2")
        assert all(r.is_automatic for r in readings)
        with pytest.raises(ValidationError):
            services.reading_save(
                indicator=indicator,
                user=org.users["office"],
                department=None,
                period_start=start,
                period_end=end,
                value=1,
            )

    def test_unknown_source_is_reported(self, pillar):
        indicator = IndicatorFactory(pillar=pillar, source="nowhere.to.be.found")
        with pytest.raises(ValidationError):
            indicator_recompute(
                indicator=indicator, period_start=datetime.date(2026, 1, 1), period_end=datetime.date(2026, 1, 31)
            )


def test_periods():
    assert period_bounds("quarterly", datetime.date(2026, 11, 28)) == (
        datetime.date(2026, 10, 1),
        datetime.date(2026, 12, 31),
    )
    assert period_bounds("monthly", datetime.date(2026, 2, 10))[1] == datetime.date(2026, 2, 28)
