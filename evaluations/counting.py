"""Counting a round in SQL: weighted scores, satisfaction rates, ranks with ties, bands, named units, validity.

The rules (see docs/evaluations.md and DOMAIN.md):
- a criterion's score for a department is the mean of each rater group's marks (不了解 left out), weighted by the
  groups' weights over the groups that gave at least one mark;
- a department's score is the criteria scores weighted by the criteria weights;
- a satisfaction rate is (满意 + 基本满意) / (answers − 不了解) over the choice criteria, per group, weighted likewise;
- departments rank by score (assessments) or by rate in percent (satisfaction ratings), rounded to 0.01; equal values
  share a rank (SQL RANK());
- the round is valid only when more than `quorum_percent` of the ballots issued were returned; a group that returned
  more ballots than were issued voids the count; only a valid round names anyone.

Pages read only the rows they show (ranking_extremes, ranking_slice): the statement still scores every department,
since every rank depends on all of them, but it numbers the positions first and then returns only the rows asked for
(a WHERE on the positions, or LIMIT/OFFSET), so no page builds or renders a row per department.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db import connection
from django.db.models import Count, F, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liujiguan.script import both_scripts

from .models import Ballot, Band, Criterion, RaterGroup, Response, Round, Tally

CENT = Decimal("0.01")


def quantize(value) -> Decimal | None:
    if value is None:
        return None
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


class Validity:
    VALID = "valid"
    NO_QUORUM = "no_quorum"
    VOID = "void"
    LABELS = {
        VALID: _("Valid"),
        NO_QUORUM: _("Not valid: quorum not reached"),
        VOID: _("Void: more ballots returned than issued"),
    }


class Named:
    TOP = "top"
    BOTTOM = "bottom"


@dataclass
class GroupParticipation:
    group: RaterGroup
    issued: int
    handed_out: int
    voted: int
    returned: int
    shown: bool

    @property
    def rate(self) -> Decimal | None:
        return quantize(Decimal(self.returned) * 100 / self.issued) if self.issued else None

    @property
    def over_issued(self) -> bool:
        return self.returned > self.issued


@dataclass
class DepartmentResult:
    department_id: int
    name: str
    score: Decimal | None
    rate: Decimal | None  # percent
    rank: int | None
    band: str | None
    named: str | None
    position: int | None = None  # 1-based place in the ranking order
    hidden_before: int = field(default=0, compare=False)  # positions left out just before this row, when cut

    @property
    def owner_department_id(self):
        return self.department_id


@dataclass
class RoundResult:
    round: Round
    groups: list[GroupParticipation]
    departments: list[DepartmentResult]
    issued: int = 0
    returned: int = 0
    validity: str = Validity.VALID
    extras: dict = field(default_factory=dict)

    @property
    def valid(self) -> bool:
        return self.validity == Validity.VALID

    @property
    def validity_label(self):
        return Validity.LABELS[self.validity]

    @property
    def participation_rate(self) -> Decimal | None:
        return quantize(Decimal(self.returned) * 100 / self.issued) if self.issued else None

    def named(self, kind):
        return [d for d in self.departments if d.named == kind]


def _tables():
    return {
        "response": Response._meta.db_table,
        "group": RaterGroup._meta.db_table,
        "criterion": Criterion._meta.db_table,
        "band": Band._meta.db_table,
        "department": Response._meta.get_field("department").related_model._meta.db_table,
        "round_departments": Round.departments.through._meta.db_table,
        "tally": Tally._meta.db_table,
    }


# One cell per department, criterion and rater group: counted from the answers while a round is open, read from
# its tally (evaluations.Tally, written at closing) afterwards. Both give the same numbers (tested).
_TALLY_SELECT = """
    SELECT r.department_id, r.criterion_id, r.rater_group_id,
           COUNT(r.value) AS marks,
           SUM(r.value) AS points,
           SUM(CASE WHEN r.choice IN ('satisfied', 'basic') THEN 1 ELSE 0 END) AS positive,
           SUM(CASE WHEN r.choice IN ('satisfied', 'basic', 'unsatisfied') THEN 1 ELSE 0 END) AS rated
    FROM {response} r
    WHERE r.round_id = %s
    GROUP BY r.department_id, r.criterion_id, r.rater_group_id"""
_CELLS_LIVE = "\ntallied AS (" + _TALLY_SELECT + "\n),"
_CELLS_TALLIED = """
tallied AS (
    SELECT t.department_id, t.criterion_id, t.rater_group_id, t.marks, t.points, t.positive, t.rated
    FROM {tally} t
    WHERE t.round_id = %s
),"""
_CELLS = """
cell AS (
    SELECT department_id, criterion_id, rater_group_id,
           marks AS n_valid, points / NULLIF(marks, 0) AS mean, positive AS n_pos, rated AS n_rated
    FROM tallied
),
crit AS (
    SELECT cell.department_id, cell.criterion_id, SUM(g.weight * cell.mean) / SUM(g.weight) AS score
    FROM cell JOIN {group} g ON g.id = cell.rater_group_id
    WHERE cell.n_valid > 0
    GROUP BY cell.department_id, cell.criterion_id
)"""

_RANKING = (
    "WITH{cells}"
    + _CELLS
    + """,
dept AS (
    SELECT crit.department_id, SUM(c.weight * crit.score) / SUM(c.weight) AS score
    FROM crit JOIN {criterion} c ON c.id = crit.criterion_id
    GROUP BY crit.department_id
),
grate AS (
    SELECT cell.department_id, cell.rater_group_id, SUM(cell.n_pos) * 1.0 / SUM(cell.n_rated) AS rate
    FROM cell
    GROUP BY cell.department_id, cell.rater_group_id
    HAVING SUM(cell.n_rated) > 0
),
rate AS (
    SELECT grate.department_id, SUM(g.weight * grate.rate) / SUM(g.weight) * 100 AS rate
    FROM grate JOIN {group} g ON g.id = grate.rater_group_id
    GROUP BY grate.department_id
),
keyed AS (
    SELECT rd.department_id, dept.score, rate.rate,
           ROUND(CASE WHEN %s THEN rate.rate ELSE dept.score END, 2) AS rank_key
    FROM {round_departments} rd
    LEFT JOIN dept ON dept.department_id = rd.department_id
    LEFT JOIN rate ON rate.department_id = rd.department_id
    WHERE rd.round_id = %s
),
ranked AS (
    SELECT department_id, rank_key,
           RANK() OVER (ORDER BY rank_key DESC) AS rank_top,
           RANK() OVER (ORDER BY rank_key ASC) AS rank_bottom
    FROM keyed WHERE rank_key IS NOT NULL
),
ordered AS (
    SELECT k.department_id, d.name, k.score, k.rate, ranked.rank_top, ranked.rank_bottom, ranked.rank_key,
           ROW_NUMBER() OVER (
               ORDER BY CASE WHEN ranked.rank_top IS NULL THEN 1 ELSE 0 END, ranked.rank_top, d."order", d.name, d.id
           ) AS position,
           COUNT(*) OVER () AS total,
           COUNT(ranked.rank_top) OVER () AS ranked_total
    FROM keyed k
    JOIN {department} d ON d.id = k.department_id
    LEFT JOIN ranked ON ranked.department_id = k.department_id
)
SELECT o.department_id, o.name, o.score, o.rate, o.rank_top,
       (SELECT b.label FROM {band} b WHERE b.round_id = %s AND b.min_score <= ROUND(o.score, 2)
        ORDER BY b.min_score DESC LIMIT 1) AS band,
       CASE WHEN o.rank_top <= %s AND o.rank_key >= CAST(%s AS NUMERIC) THEN 'top'
            WHEN o.rank_bottom <= %s AND (%s IS NULL OR o.rank_key < CAST(%s AS NUMERIC)) THEN 'bottom'
       END AS named,
       o.position, o.total, o.ranked_total
FROM ordered o
WHERE {where}
ORDER BY o.position
{limit}
"""
)

# The rows a caller may ask for. Ranks, positions and totals are computed over every department of the round before
# any of these filters, so a slice never renumbers anyone.
_EVERY_ROW = "TRUE"
# The first N positions and the last N ranked ones (departments without a rank come after them); all when few.
_EXTREMES = "o.total <= 2 * %s OR o.position <= %s OR (o.rank_top IS NOT NULL AND o.position > o.ranked_total - %s)"
_NAME_MATCHES = "o.name ILIKE ANY(%s)"

_CRITERIA = "WITH{cells}" + _CELLS + "\nSELECT department_id, criterion_id, score FROM crit"


def _sql(template: str, round: Round, **parts) -> str:
    """A statement over the round's cells: from its tally once it has one, else counted from the answers."""
    cells = _CELLS_TALLIED if round.tallied_at else _CELLS_LIVE
    return template.replace("{cells}", cells).format(**_tables(), **parts)


def tally_record(round: Round) -> int:
    """Add up a round's answers into its tally and its groups' returned ballots, once, when the round closes
    (the caller holds the round's row lock). Returns the number of cells written."""
    if round.tallied_at is not None:
        return 0
    tables = _tables()
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {tables['tally']} (round_id, department_id, criterion_id, rater_group_id, marks, points, "
            f"positive, rated) SELECT %s, department_id, criterion_id, rater_group_id, marks, points, positive, "
            f"rated FROM ({_TALLY_SELECT.format(**tables)}) AS cells",
            [round.pk, round.pk],
        )
        written = cursor.rowcount
        cursor.execute(
            # No alias on the updated table: SQLite (the development database) does not take one.
            f"UPDATE {tables['group']} SET returned_at_close = COALESCE((SELECT COUNT(DISTINCT r.ballot_key) "
            f"FROM {tables['response']} r WHERE r.rater_group_id = {tables['group']}.id), 0) WHERE round_id = %s",
            [round.pk],
        )
    round.tallied_at = timezone.now()
    Round.objects.filter(pk=round.pk).update(tallied_at=round.tallied_at)
    return written


@dataclass
class Ranking:
    """Some rows of a round's ranking, and how many departments the whole ranking has."""

    rows: list[DepartmentResult]
    total: int
    ranked: int  # departments with a rank; the others come last

    @property
    def partial(self) -> bool:
        return len(self.rows) < self.total

    @property
    def hidden_after(self) -> int:
        """Positions left out after the last row (departments without a rank, when only the extremes are read)."""
        return self.total - self.rows[-1].position if self.rows else 0


def _ranking(round: Round, *, valid: bool, where=_EVERY_ROW, where_params=(), limit=None, offset=0) -> Ranking:
    """Run the ranking statement and keep the rows `where` selects, LIMIT/OFFSET applied in SQL."""
    # `where` is one of the constant clauses above; user text only ever travels as a parameter.
    sql = _sql(_RANKING, round, where=where, limit="" if limit is None else "LIMIT %s OFFSET %s")
    warning = round.warning_below
    params = [
        round.pk,
        round.ranks_by_rate,
        round.pk,
        round.pk,
        round.top_n,
        round.award_min_score,
        round.bottom_n,
        warning,
        warning,
        *where_params,
    ]
    if limit is not None:
        params += [limit, offset]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    results = [
        DepartmentResult(
            department_id=row[0],
            name=row[1],
            score=quantize(row[2]),
            rate=quantize(row[3]),
            rank=row[4],
            band=row[5],
            # Only a valid round names anyone.
            named=row[6] if valid else None,
            position=row[7],
        )
        for row in rows
    ]
    total, ranked = (rows[0][8], rows[0][9]) if rows else (0, 0)
    return Ranking(rows=results, total=total, ranked=ranked)


def department_results(round: Round, *, valid: bool) -> list[DepartmentResult]:
    """Every department of the round with its score, rate, rank (ties share), band and whether it is named."""
    return _ranking(round, valid=valid).rows


def ranking_extremes(round: Round, *, shown: int, valid: bool) -> Ranking:
    """The first `shown` and the last `shown` ranked departments, in ranking order; every department when the round
    has at most 2 × `shown`. Each row's `hidden_before` tells how many positions were skipped just before it."""
    ranking = _ranking(round, valid=valid, where=_EXTREMES, where_params=[shown, shown, shown])
    previous = 0
    for row in ranking.rows:
        row.hidden_before = row.position - previous - 1
        previous = row.position
    return ranking


def _name_patterns(search: str) -> list[str]:
    """ILIKE patterns matching the text anywhere in a name, in either Chinese script."""
    escaped = (text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") for text in both_scripts(search))
    return [f"%{text}%" for text in escaped]


def ranking_slice(round: Round, *, offset: int, limit: int, valid: bool, search: str = "") -> list[DepartmentResult]:
    """`limit` rows of the ranking from `offset` (LIMIT/OFFSET in SQL), optionally only names containing `search`."""
    if limit <= 0:
        return []
    if search:
        where, where_params = _NAME_MATCHES, [_name_patterns(search)]
    else:
        where, where_params = _EVERY_ROW, []
    return _ranking(round, valid=valid, where=where, where_params=where_params, limit=limit, offset=offset).rows


_COUNT = """
SELECT COUNT(*) FROM {round_departments} rd JOIN {department} d ON d.id = rd.department_id
WHERE rd.round_id = %s AND d.name ILIKE ANY(%s)
"""


def ranking_count(round: Round, *, search: str = "") -> int:
    """How many departments the round rates, or how many of them `search` matches (as ranking_slice matches)."""
    with connection.cursor() as cursor:
        cursor.execute(_COUNT.format(**_tables()), [round.pk, _name_patterns(search) if search else ["%"]])
        return cursor.fetchone()[0]


def criterion_scores_all(round: Round) -> dict[int, dict[int, Decimal]]:
    """department id → {criterion id → the department's weighted score on it}, in one query."""
    scores: dict[int, dict[int, Decimal]] = {}
    with connection.cursor() as cursor:
        cursor.execute(_sql(_CRITERIA, round), [round.pk])
        for department_id, criterion_id, score in cursor.fetchall():
            scores.setdefault(department_id, {})[criterion_id] = quantize(score)
    return scores


def criterion_scores(round: Round, department_id: int) -> dict[int, Decimal]:
    """criterion id → the department's weighted score on it."""
    return criterion_scores_all(round).get(department_id, {})


def group_participation(round: Round) -> list[GroupParticipation]:
    """Ballots issued, handed out (logins and links), used, and returned (distinct ballots in the box) per group."""

    def count(qs):
        return Coalesce(Subquery(qs.values("rater_group").annotate(n=Count("*")).values("n")), Value(0))

    returned = (
        Response.objects.filter(rater_group=OuterRef("pk"))
        .values("rater_group")
        .annotate(n=Count("ballot_key", distinct=True))
        .values("n")
    )
    groups = RaterGroup.objects.filter(round=round).annotate(
        handed_out=count(Ballot.objects.filter(rater_group=OuterRef("pk"))),
        voted=count(Ballot.objects.filter(rater_group=OuterRef("pk"), used_at__isnull=False)),
        # Counted at closing once the round is tallied; from the answers before.
        returned=Coalesce(F("returned_at_close"), Value(0))
        if round.tallied_at
        else Coalesce(Subquery(returned, output_field=IntegerField()), Value(0)),
    )
    return [
        GroupParticipation(
            group=group,
            issued=group.ballots_issued,
            handed_out=group.handed_out,
            voted=group.voted,
            returned=group.returned,
            shown=group.returned >= round.min_group_size,
        )
        for group in groups
    ]


def round_result(round: Round, *, with_departments: bool = True) -> RoundResult:
    """Participation, validity and every department's row; without departments (an empty list) for pages that read
    only some rows through ranking_extremes or ranking_slice."""
    groups = group_participation(round)
    issued = sum(g.issued for g in groups)
    returned = sum(g.returned for g in groups)
    if any(g.over_issued for g in groups) or returned > issued:
        validity = Validity.VOID
    elif returned * 100 <= issued * round.quorum_percent or returned == 0:
        validity = Validity.NO_QUORUM
    else:
        validity = Validity.VALID
    valid = validity == Validity.VALID
    departments = department_results(round, valid=valid) if with_departments else []
    return RoundResult(
        round=round, groups=groups, departments=departments, issued=issued, returned=returned, validity=validity
    )


def group_cells(round: Round, department_id: int, shown_group_ids: set[int]):
    """Per criterion and shown group: marks given, mean and the count of each choice (hidden groups left out)."""
    from django.db.models import Avg, Q

    return list(
        Response.objects.filter(round=round, department_id=department_id, rater_group_id__in=shown_group_ids)
        .values("criterion_id", "rater_group_id")
        .annotate(
            n=Count("pk"),
            mean=Avg("value"),
            satisfied=Count("pk", filter=Q(choice=Response.Choice.SATISFIED)),
            basic=Count("pk", filter=Q(choice=Response.Choice.BASIC)),
            unsatisfied=Count("pk", filter=Q(choice=Response.Choice.UNSATISFIED)),
            unknown=Count("pk", filter=Q(choice=Response.Choice.UNKNOWN)),
        )
        .order_by("criterion_id", "rater_group_id")
    )
