"""The import_plan command: --json prints one JSON object, --dry-run saves nothing, errors exit non-zero."""

import json
import subprocess
import sys
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from campaigns.models import Campaign, Measure, Pillar
from leadership.models import Membership, Person
from planimport.models import PlanImport

from .factories import CORPUS, SEED

pytestmark = pytest.mark.django_db


def _counts():
    return (Campaign.objects.count(), Pillar.objects.count(), Measure.objects.count(), Person.objects.count(),
            Membership.objects.count(), PlanImport.objects.count())  # fmt: skip


def _run(*args):
    out, err = StringIO(), StringIO()
    call_command("import_plan", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_json_dry_run_prints_the_issue_keys_and_saves_nothing():
    before = _counts()
    out, err = _run(str(SEED), "--json", "--dry-run", "--script", "hans")
    data = json.loads(out)
    assert _counts() == before and "nothing saved" in err
    assert isinstance(data["title"], str) and data["title"] == "创六型机关方案"
    assert all(set(s) >= {"heading", "text"} for s in data["sections"])
    assert [p["type"] for p in data["pillars"]] == [
        "learning",
        "service",
        "efficiency",
        "thrift",
        "integrity",
        "harmony",
    ]
    assert all(set(p) >= {"type", "name", "slogan", "measures"} for p in data["pillars"])
    assert all(isinstance(m, str) for p in data["pillars"] for m in p["measures"])
    assert data["leading_group"]["leader"] == ["卢纪清"]
    assert len(data["leading_group"]["deputy_leaders"]) == 4 and len(data["leading_group"]["members"]) == 5
    assert data["office"] == {**data["office"], "director": "陈霜", "members": ["连淑颖", "梁舒"]}
    assert len(data["requirements"]) == 4 and all(isinstance(r, str) for r in data["requirements"])


def test_json_of_another_plan_keeps_other_pillar_types():
    out, _ = _run(str(CORPUS / "003_parts_fagai.txt"), "--json", "--dry-run")
    types = [p["type"] for p in json.loads(out)["pillars"]]
    assert "rule_of_law" in types and "action" in types


def test_save_then_update_by_campaign_id():
    out, _ = _run(str(SEED), "--script", "hant", "--year", "2026")
    campaign = Campaign.objects.get()
    assert "Created campaign" in out and campaign.title == "創六型機關方案" and campaign.year == 2026
    assert PlanImport.objects.get().status == "saved"
    counts = _counts()
    out, _ = _run(str(SEED), "--script", "hant", "--campaign", str(campaign.pk))
    assert "Updated campaign" in out
    assert _counts()[:5] == counts[:5]


def test_json_with_saving_keeps_stdout_pure_json():
    out, err = _run(str(SEED), "--json", "--script", "hans")
    assert json.loads(out)["title"] == "创六型机关方案" and "Created campaign" in err


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "empty.txt", "The file is empty."),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "photo.docx", "renamed to .docx"),
        ("只是一句话，没有结构。".encode(), "note.txt", "No plan structure found"),
    ],
)
def test_errors_are_clear_and_save_nothing(tmp_path, content, name, message):
    path = tmp_path / name
    path.write_bytes(content)
    before = _counts()
    with pytest.raises(CommandError, match=message):
        _run(str(path))
    assert _counts() == before


def test_missing_file_and_unknown_campaign(tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        _run(str(tmp_path / "nope.txt"))
    with pytest.raises(CommandError, match="No campaign with id 999"):
        _run(str(SEED), "--campaign", "999")


def test_too_large_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "big.txt"
    with open(path, "wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: 50 MB on paper
    with pytest.raises(CommandError, match="too large"):
        _run(str(path))


def test_exit_status_is_non_zero_on_error(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    completed = subprocess.run(
        [sys.executable, "manage.py", "import_plan", str(path), "--dry-run", "--skip-checks"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        env={"DJANGO_SETTINGS_MODULE": "liujiguan.settings_test", "PATH": "/usr/bin:/bin"},
    )
    assert completed.returncode != 0 and "The file is empty." in completed.stderr
