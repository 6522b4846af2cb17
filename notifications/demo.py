"""Demo notifications: a few read and unread messages for the demo logins, so the centre looks lived-in."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from .models import Notification

MESSAGES = [
    # login, kind, title, body, days ago, read
    (
        "dept",
        Notification.Kind.DUE_REMINDER,
        "提醒：2项工作措施即将到期",
        "请在到期前报送进展并上传佐证材料。",
        0,
        False,
    ),
    ("dept", Notification.Kind.INFO, "办公室已复核“景区服务标准化”措施", "该措施已复核通过。", 6, True),
    ("leader", Notification.Kind.ESCALATION, "提醒：3项分管工作措施已逾期", "请督促相关科室尽快办结。", 1, False),
    ("leader", Notification.Kind.DIGEST, "每周工作摘要", "本周分管措施进展、逾期和即将到期情况。", 3, False),
    ("leader", Notification.Kind.REPORT, "月度工作进展报告已生成", "报告已存入报告历史并发送领导小组。", 20, True),
    ("office", Notification.Kind.CAP_WARNING, "公务接待费用接近年度限额", "第一管理队已使用限额的80%以上。", 2, False),
    ("office", Notification.Kind.REPORT, "月度工作进展报告已生成", "报告已存入报告历史并发送领导小组。", 20, True),
]


def load(*, context):
    users = get_user_model().objects.in_bulk([m[0] for m in MESSAGES], field_name="username")
    now = timezone.now()
    for username, kind, title, body, days_ago, read in MESSAGES:
        user = users.get(username)
        if user is None:
            continue
        created = now - timedelta(days=days_ago, hours=2)
        Notification.objects.get_or_create(
            recipient=user,
            title=title,
            kind=kind,
            defaults={
                "body": body,
                "link": reverse("dashboards:home"),
                "created": created,
                "read_at": created + timedelta(hours=1) if read else None,
            },
        )
