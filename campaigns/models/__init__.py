"""Models of the campaign plans: campaigns, pillars, measures with their progress, and indicators."""

from .indicator import Indicator, IndicatorReading
from .measure import Evidence, Measure, Milestone, ProgressUpdate, evidence_path
from .plan import Campaign, CampaignCheck, Pillar

__all__ = [
    "Campaign",
    "CampaignCheck",
    "Evidence",
    "Indicator",
    "IndicatorReading",
    "Measure",
    "Milestone",
    "Pillar",
    "ProgressUpdate",
    "evidence_path",
]
