"""Pure-Python reader and parser for Chinese government implementation plans (实施方案)."""

from .errors import PlanError, PlanParseError, PlanReadError
from .model import LeadingGroup, Office, ParsedPlan, Pillar, Requirement, Section
from .pillars import PILLAR_TYPES
from .reading import DEFAULT_MAX_BYTES, PlanSource, read_plan_bytes, read_plan_source, read_plan_text
from .script import detect_script
from .structure import parse_plan

__all__ = [
    "DEFAULT_MAX_BYTES",
    "PILLAR_TYPES",
    "LeadingGroup",
    "Office",
    "ParsedPlan",
    "Pillar",
    "PlanError",
    "PlanParseError",
    "PlanReadError",
    "PlanSource",
    "Requirement",
    "Section",
    "detect_script",
    "parse_plan",
    "read_plan_bytes",
    "read_plan_source",
    "read_plan_text",
]
