"""The one declared table of who may reach which URL: every URL pattern of the portal, each role, GET and POST.

Each row names the arguments that point the URL at department A's object in the test world (liujiguan/tests/world.py)
and two strings, for GET and for an empty POST, with one letter per role in this order:

    anonymous, viewer, contact of department A (owner), contact of department B (other), office, leader, administrator

The leader is in charge of department A. Letters:

    Y 200 page                  R 302 redirect (not to the login page)   B 400 bad request (the input is refused)
    L redirect to the login     N 403 or 404 (refused; a 404 hides that the object exists)   X 405 method not allowed

A view that is added to the URLconf without a row here fails `test_every_url_pattern_is_in_the_table`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

ROLES = ("anon", "viewer", "dept_a", "dept_b", "office", "leader", "admin")
STATUS = {"Y": {200}, "R": {302, 303}, "B": {400}, "N": {403, 404}, "X": {405}}


def NO_ARGS(w):  # noqa: N802 (reads like the constant it stands for)
    return {}


@dataclass(frozen=True)
class Row:
    kwargs: Callable
    get: str
    post: str

    def __post_init__(self):
        for text in (self.get, self.post):
            assert len(text) == len(ROLES) and set(text) <= set(STATUS) | {"L"}, text


TABLE: dict[str, Row] = {
    # project
    "home": Row(NO_ARGS, "LYYYYYY", "XXXXXXX"),
    "healthz": Row(NO_ARGS, "YYYYYYY", "XXXXXXX"),
    "login": Row(NO_ARGS, "YRRRRRR", "YRRRRRR"),
    "logout": Row(NO_ARGS, "XXXXXXX", "LLLLLLL"),
    "password_change": Row(NO_ARGS, "LYYYYYY", "LYYYYYY"),
    "password_change_done": Row(NO_ARGS, "LYYYYYY", "LXXXXXX"),
    # leadership
    "leadership:organisation": Row(NO_ARGS, "LYYYYYY", "LXXXXXX"),
    "leadership:department-list": Row(NO_ARGS, "LYYYYYY", "LXXXXXX"),
    "leadership:department-create": Row(NO_ARGS, "LNNNYNY", "LNNNYNY"),
    "leadership:department-search": Row(NO_ARGS, "LYYYYYY", "LXXXXXX"),
    "leadership:department-detail": Row(lambda w: {"pk": w.org.dept_a.pk}, "LYYNYYY", "LXXXXXX"),
    "leadership:department-update": Row(lambda w: {"pk": w.org.dept_a.pk}, "LNYNYNY", "LNRNYNY"),
    "leadership:person-list": Row(NO_ARGS, "LYYYYYY", "LXXXXXX"),
    "leadership:person-create": Row(NO_ARGS, "LNNNYNY", "LNNNYNY"),
    "leadership:person-detail": Row(lambda w: {"pk": w.person.pk}, "LYYNYYY", "LXXXXXX"),
    "leadership:person-update": Row(lambda w: {"pk": w.person.pk}, "LNNNYNY", "LNNNYNY"),
    "leadership:membership-create": Row(lambda w: {"campaign_pk": w.campaign.pk}, "LNNNYNY", "LNNNYNY"),
    "leadership:membership-end": Row(lambda w: {"pk": w.membership.pk}, "LNNNYNY", "LNNNYNY"),
    "leadership:charge-create": Row(lambda w: {"campaign_pk": w.campaign.pk}, "LNNNYNY", "LNNNYNY"),
    "leadership:charge-end": Row(lambda w: {"pk": w.charge.pk}, "LNNNYNY", "LNNNYNY"),
    # campaigns
    "campaigns:campaign-list": Row(NO_ARGS, "LYYYYYY", "LXXXXXX"),
    "campaigns:campaign-create": Row(NO_ARGS, "LNNNYNY", "LNNNYNY"),
    "campaigns:campaign-detail": Row(lambda w: {"pk": w.campaign.pk}, "LYYYYYY", "LXXXXXX"),
    "campaigns:campaign-update": Row(lambda w: {"pk": w.campaign.pk}, "LNNNYNY", "LNNNYNY"),
    "campaigns:campaign-check": Row(lambda w: {"pk": w.campaign.pk, "kind": "understanding"}, "LNNNXNX", "LNNNRNR"),
    "campaigns:campaign-default-pillars": Row(lambda w: {"pk": w.campaign.pk}, "LNNNXNX", "LNNNRNR"),
    "campaigns:pillar-create": Row(lambda w: {"campaign_pk": w.campaign.pk}, "LNNNYNY", "LNNNYNY"),
    "campaigns:measure-import": Row(lambda w: {"pk": w.campaign.pk}, "LNNNYNY", "LNNNYNY"),
    "campaigns:reading-import": Row(lambda w: {"pk": w.campaign.pk}, "LNNNYNY", "LNNNYNY"),
    "campaigns:pillar-detail": Row(lambda w: {"pk": w.pillar.pk}, "LYYYYYY", "LXXXXXX"),
    "campaigns:pillar-update": Row(lambda w: {"pk": w.pillar.pk}, "LNNNYNY", "LNNNYNY"),
    "campaigns:pillar-delete": Row(lambda w: {"pk": w.pillar.pk}, "LNNNYNY", "LNNNRNR"),
    "campaigns:measure-reorder": Row(lambda w: {"pk": w.pillar.pk}, "LNNNXNX", "LNNNBNB"),
    "campaigns:measure-create": Row(lambda w: {"pillar_pk": w.pillar.pk}, "LNNNYNY", "LNNNYNY"),
    "campaigns:indicator-create": Row(lambda w: {"pillar_pk": w.pillar.pk}, "LNNNYNY", "LNNNYNY"),
    "campaigns:measure-list": Row(NO_ARGS, "LYYYYYY", "LXXXXXX"),
    "campaigns:measure-export": Row(NO_ARGS, "LYYYYYY", "LXXXXXX"),
    "campaigns:measure-detail": Row(lambda w: {"pk": w.measure.pk}, "LYYNYYY", "LXXXXXX"),
    "campaigns:measure-update": Row(lambda w: {"pk": w.measure.pk}, "LNNNYNY", "LNNNYNY"),
    "campaigns:progress-create": Row(lambda w: {"pk": w.measure.pk}, "LNYNYNY", "LNYNYNY"),
    "campaigns:milestone-create": Row(lambda w: {"pk": w.measure.pk}, "LNNNXNX", "LNNNRNR"),
    "campaigns:measure-move": Row(lambda w: {"pk": w.measure.pk, "direction": "down"}, "LNNNXNX", "LNNNRNR"),
    "campaigns:measure-action": Row(lambda w: {"pk": w.measure.pk, "step": "acknowledge"}, "LXXXXXX", "LNRNRNR"),
    "campaigns:evidence-download": Row(lambda w: {"pk": w.evidence.pk}, "LYYNYYY", "LXXXXXX"),
    "campaigns:indicator-detail": Row(lambda w: {"pk": w.indicator.pk}, "LYYYYYY", "LXXXXXX"),
    "campaigns:indicator-update": Row(lambda w: {"pk": w.indicator.pk}, "LNNNYNY", "LNNNYNY"),
    "campaigns:reading-create": Row(lambda w: {"pk": w.indicator.pk}, "LNXXXNX", "LNRRRNR"),
    "campaigns:indicator-recompute": Row(lambda w: {"pk": w.indicator.pk}, "LNNNXNX", "LNNNRNR"),
    "campaigns:reading-list": Row(NO_ARGS, "LYYYYYY", "LXXXXXX"),
    "campaigns:reading-export": Row(NO_ARGS, "LYYYYYY", "LXXXXXX"),
    # planimport
    "planimport:import-list": Row(NO_ARGS, "LNNNYNY", "LNNNXNX"),
    "planimport:import-create": Row(NO_ARGS, "LNNNYNY", "LNNNYNY"),
    "planimport:import-review": Row(lambda w: {"pk": w.plan_import.pk}, "LNNNYNY", "LNNNYNY"),
    "planimport:import-discard": Row(lambda w: {"pk": w.plan_import.pk}, "LNNNXNX", "LNNNRNR"),
    "planimport:import-json": Row(lambda w: {"pk": w.plan_import.pk}, "LNNNYNY", "LNNNXNX"),
    # evaluations
    "evaluations:round-list": Row(NO_ARGS, "LYYYYYY", "LXXXXXX"),
    "evaluations:round-create": Row(NO_ARGS, "LNNNYNY", "LNNNYNY"),
    "evaluations:round-detail": Row(lambda w: {"pk": w.round.pk}, "LNNNYNY", "LNNNXNX"),
    "evaluations:round-update": Row(lambda w: {"pk": w.round.pk}, "LNNNYNY", "LNNNYNY"),
    "evaluations:round-transition": Row(lambda w: {"round_pk": w.round.pk, "action": "open"}, "LNNNXNX", "LNNNRNR"),
    "evaluations:criterion-create": Row(lambda w: {"round_pk": w.round.pk}, "LNNNYNY", "LNNNYNY"),
    "evaluations:criterion-update": Row(lambda w: {"round_pk": w.round.pk, "pk": w.criterion.pk}, "LNNNYNY", "LNNNYNY"),
    "evaluations:criterion-delete": Row(lambda w: {"round_pk": w.round.pk, "pk": w.criterion.pk}, "LNNNXNX", "LNNNRNR"),
    "evaluations:ratergroup-create": Row(lambda w: {"round_pk": w.round.pk}, "LNNNYNY", "LNNNYNY"),
    "evaluations:ratergroup-update": Row(
        lambda w: {"round_pk": w.round.pk, "pk": w.rater_group.pk}, "LNNNYNY", "LNNNYNY"
    ),
    "evaluations:ratergroup-delete": Row(
        lambda w: {"round_pk": w.round.pk, "pk": w.rater_group.pk}, "LNNNXNX", "LNNNRNR"
    ),
    "evaluations:band-create": Row(lambda w: {"round_pk": w.round.pk}, "LNNNYNY", "LNNNYNY"),
    "evaluations:band-delete": Row(lambda w: {"round_pk": w.round.pk, "pk": w.band.pk}, "LNNNXNX", "LNNNRNR"),
    "evaluations:internal-raters": Row(lambda w: {"round_pk": w.round.pk}, "LNNNYNY", "LNNNYNY"),
    "evaluations:links-issue": Row(lambda w: {"round_pk": w.round.pk}, "LNNNYNY", "LNNNYNY"),
    "evaluations:vote": Row(lambda w: {"round_pk": w.open_round.pk}, "LNNNNNN", "LNNNNNN"),
    "evaluations:round-results": Row(lambda w: {"round_pk": w.closed_round.pk}, "LNNNYYY", "LXXXXXX"),
    "evaluations:round-export": Row(lambda w: {"round_pk": w.closed_round.pk}, "LNNNYYY", "LXXXXXX"),
    "evaluations:department-result": Row(
        lambda w: {"round_pk": w.closed_round.pk, "department_pk": w.org.dept_a.pk}, "LNNNYYY", "LXXXXXX"
    ),
    "evaluations:vote-link": Row(lambda w: {"token": w.token}, "YYYYYYY", "YYYYYYY"),
    # reception
    "reception:home": Row(NO_ARGS, "LYYYYYY", "LXXXXXX"),
    "reception:queue": Row(NO_ARGS, "LYYYYYY", "LXXXXXX"),
    "reception:report": Row(NO_ARGS, "LYYYYYY", "LXXXXXX"),
    "reception:request-list": Row(NO_ARGS, "LYYYYYY", "LXXXXXX"),
    "reception:request-create": Row(NO_ARGS, "LNYYYNY", "LNYYYNY"),
    "reception:request-detail": Row(lambda w: {"pk": w.request.pk}, "LYYNYYY", "LXXXXXX"),
    "reception:request-update": Row(lambda w: {"pk": w.request.pk}, "LNYNYNY", "LNYNYNY"),
    "reception:request-decide": Row(lambda w: {"pk": w.request.pk}, "LNNNNYY", "LNNNNYY"),
    "reception:record-list": Row(NO_ARGS, "LYYYYYY", "LXXXXXX"),
    "reception:record-create": Row(NO_ARGS, "LNYYYNY", "LNYYYNY"),
    "reception:record-detail": Row(lambda w: {"pk": w.record.pk}, "LYYNYYY", "LXXXXXX"),
    "reception:record-update": Row(lambda w: {"pk": w.record.pk}, "LNYNYNY", "LNYNYNY"),
    "reception:record-sign-off": Row(lambda w: {"pk": w.record.pk}, "LXXNXXX", "LNRNRRR"),
    "reception:record-override": Row(lambda w: {"pk": w.record.pk}, "LXXNXXX", "LNNNNRR"),
    "reception:attachment-upload": Row(lambda w: {"pk": w.record.pk}, "LXXNXXX", "LNRNRNR"),
    "reception:attachment-download": Row(lambda w: {"pk": w.attachment.pk}, "LYYNYYY", "LXXXXXX"),
    "reception:policy-list": Row(NO_ARGS, "LYYYYYY", "LXXXXXX"),
    "reception:policy-create": Row(NO_ARGS, "LNNNYNY", "LNNNYNY"),
    "reception:policy-detail": Row(lambda w: {"pk": w.policy.pk}, "LYYYYYY", "LXXXXXX"),
    "reception:policy-update": Row(lambda w: {"pk": w.policy.pk}, "LNNNYNY", "LNNNYNY"),
    "reception:venue-create": Row(NO_ARGS, "LNNNYNY", "LNNNYNY"),
    "reception:venue-update": Row(lambda w: {"pk": w.venue.pk}, "LNNNYNY", "LNNNYNY"),
    "reception:budget-list": Row(NO_ARGS, "LYYYYYY", "LXXXXXX"),
    "reception:budget-create": Row(NO_ARGS, "LNNNYNY", "LNNNYNY"),
    "reception:budget-update": Row(lambda w: {"pk": w.budget.pk}, "LNNNYNY", "LNNNYNY"),
    "reception:budget-import": Row(NO_ARGS, "LNNNYNY", "LNNNYNY"),
    # notifications
    "notifications:notification-list": Row(NO_ARGS, "LYYYYYY", "LXXXXXX"),
    "notifications:notification-open": Row(lambda w: {"pk": w.notification.pk}, "LNRNNNN", "LXXXXXX"),
    "notifications:notification-read": Row(lambda w: {"pk": w.notification.pk}, "LXXXXXX", "LNRNNNN"),
    "notifications:notification-read-all": Row(NO_ARGS, "LXXXXXX", "LRRRRRR"),
    # dashboards
    "dashboards:home": Row(NO_ARGS, "LRRRRRR", "LXXXXXX"),
    "dashboards:leader": Row(NO_ARGS, "LYNNYYY", "LXNNXXX"),
    "dashboards:ranking": Row(NO_ARGS, "LYNNYYY", "LXNNXXX"),
    "dashboards:department": Row(NO_ARGS, "LYYYYYY", "LXXXXXX"),
    "dashboards:export-xlsx": Row(NO_ARGS, "LNNNYYY", "LXXXXXX"),
    "dashboards:report-list": Row(NO_ARGS, "LYYYYYY", "LXXXXXX"),
    "dashboards:report-create": Row(NO_ARGS, "LXXXXXX", "LRRRRRR"),
    "dashboards:report-detail": Row(lambda w: {"pk": w.report.pk}, "LYYNYYY", "LXXXXXX"),
    "dashboards:report-download": Row(lambda w: {"pk": w.report.pk}, "LYYNYYY", "LXXXXXX"),
    "dashboards:report-retry": Row(lambda w: {"pk": w.report.pk}, "LXXXXXX", "LRRNRRR"),
    # registers
    "registers:index": Row(NO_ARGS, "LYYYYYY", "LXXXXXX"),
    "registers:settings": Row(NO_ARGS, "LYYYYYY", "LXXXXXX"),
    "registers:policy-create": Row(NO_ARGS, "LNNNYNY", "LNNNYNY"),
    "registers:policy-update": Row(lambda w: {"pk": w.register_policy.pk}, "LNNNYNY", "LNNNYNY"),
    "registers:holiday-create": Row(NO_ARGS, "LNNNYNY", "LNNNYNY"),
    "registers:holiday-update": Row(lambda w: {"pk": w.holiday.pk}, "LNNNYNY", "LNNNYNY"),
    "registers:holiday-delete": Row(lambda w: {"pk": w.holiday.pk}, "LNNNXNX", "LNNNRNR"),
    "registers:study-detail": Row(lambda w: {"pk": w.study.pk}, "LYYNYYY", "LNRNRNR"),
    "registers:issue-detail": Row(lambda w: {"pk": w.issue.pk}, "LYYNYYY", "LNYNYNY"),
    "registers:trip-review": Row(lambda w: {"pk": w.trip.pk}, "LNNNXNX", "LNNNRNR"),
    "registers:coordination-list": Row(NO_ARGS, "LYYYYYY", "LXXXXXX"),
    "registers:coordination-create": Row(NO_ARGS, "LNYYYNY", "LNYYYNY"),
    "registers:coordination-detail": Row(lambda w: {"pk": w.coordination.pk}, "LYYYYYY", "LXXXXXX"),
    "registers:coordination-answer": Row(lambda w: {"pk": w.target.pk}, "LNXXXNX", "LNYNYNY"),
    "registers:record-list": Row(lambda w: {"key": "study"}, "LYYYYYY", "LXXXXXX"),
    "registers:record-create": Row(lambda w: {"key": "study"}, "LNYYYNY", "LNYYYNY"),
    "registers:record-export": Row(lambda w: {"key": "study"}, "LYYYYYY", "LXXXXXX"),
    "registers:record-import": Row(lambda w: {"key": "study"}, "LNYYYNY", "LNYYYNY"),
    "registers:record-update": Row(lambda w: {"key": "study", "pk": w.study.pk}, "LNYNYNY", "LNYNYNY"),
    "registers:record-delete": Row(lambda w: {"key": "study", "pk": w.study.pk}, "LNXXXNX", "LNRNRNR"),
    # disclosure
    "disclosure:home": Row(NO_ARGS, "YYYYYYY", "XXXXXXX"),
    "disclosure:campaign-detail": Row(lambda w: {"pk": w.campaign.pk}, "YYYYYYY", "XXXXXXX"),
    "disclosure:commitment-list": Row(NO_ARGS, "YYYYYYY", "XXXXXXX"),
    "disclosure:commitment-detail": Row(lambda w: {"pk": w.commitment.pk}, "YYYYYYY", "XXXXXXX"),
    "disclosure:service-list": Row(NO_ARGS, "YYYYYYY", "XXXXXXX"),
    "disclosure:service-detail": Row(lambda w: {"slug": w.service_page.slug}, "YYYYYYY", "XXXXXXX"),
    "disclosure:results": Row(NO_ARGS, "YYYYYYY", "XXXXXXX"),
    "disclosure:reception-list": Row(NO_ARGS, "YYYYYYY", "XXXXXXX"),
    "disclosure:reception-year": Row(lambda w: {"year": w.reception_disclosure.year}, "YYYYYYY", "XXXXXXX"),
    "disclosure:news-list": Row(NO_ARGS, "YYYYYYY", "XXXXXXX"),
    "disclosure:news-feed": Row(NO_ARGS, "YYYYYYY", "YYYYYYY"),
    "disclosure:news-detail": Row(lambda w: {"slug": w.news.slug}, "YYYYYYY", "XXXXXXX"),
    "disclosure:feedback": Row(NO_ARGS, "YYYYYYY", "YYYYYYY"),
    "disclosure:feedback-thanks": Row(NO_ARGS, "YYYYYYY", "XXXXXXX"),
    "disclosure:manage-home": Row(NO_ARGS, "LNNNYNY", "LNNNXNX"),
    "disclosure:manage-commitment-list": Row(NO_ARGS, "LNYYYNY", "LNXXXNX"),
    "disclosure:commitment-create": Row(NO_ARGS, "LNNNYNY", "LNNNYNY"),
    "disclosure:commitment-update": Row(lambda w: {"pk": w.commitment.pk}, "LNNNYNY", "LNNNYNY"),
    "disclosure:commitment-status": Row(lambda w: {"pk": w.commitment.pk}, "LNYNYNY", "LNYNYNY"),
    "disclosure:manage-page-list": Row(NO_ARGS, "LNNNYNY", "LNNNXNX"),
    "disclosure:page-create": Row(NO_ARGS, "LNNNYNY", "LNNNYNY"),
    "disclosure:page-update": Row(lambda w: {"pk": w.service_page.pk}, "LNNNYNY", "LNNNYNY"),
    "disclosure:manage-news-list": Row(NO_ARGS, "LNNNYNY", "LNNNXNX"),
    "disclosure:news-create": Row(NO_ARGS, "LNNNYNY", "LNNNYNY"),
    "disclosure:news-update": Row(lambda w: {"pk": w.news.pk}, "LNNNYNY", "LNNNYNY"),
    "disclosure:manage-campaign-list": Row(NO_ARGS, "LNNNYNY", "LNNNXNX"),
    "disclosure:campaign-publication-update": Row(lambda w: {"campaign_pk": w.campaign.pk}, "LNNNYNY", "LNNNRNR"),
    "disclosure:manage-reception-list": Row(NO_ARGS, "LNNNYNY", "LNNNXNX"),
    "disclosure:reception-create": Row(NO_ARGS, "LNNNYNY", "LNNNYNY"),
    "disclosure:reception-update": Row(lambda w: {"pk": w.reception_disclosure.pk}, "LNNNYNY", "LNNNYNY"),
    "disclosure:publish": Row(lambda w: {"kind": "commitment", "pk": w.commitment.pk}, "LXXXXXX", "LNNNRNR"),
    "disclosure:unpublish": Row(lambda w: {"kind": "commitment", "pk": w.commitment.pk}, "LXXXXXX", "LNNNRNR"),
    "disclosure:preview": Row(lambda w: {"kind": "commitment", "pk": w.commitment.pk}, "LNNNYNY", "LNNNXNX"),
    "disclosure:feedback-list": Row(NO_ARGS, "LNNNYNY", "LNNNXNX"),
    "disclosure:feedback-detail": Row(lambda w: {"pk": w.feedback.pk}, "LNNNYNY", "LNNNBNB"),
}
