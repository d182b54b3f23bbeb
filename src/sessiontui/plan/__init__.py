"""The session plan: models, loading with clear errors, the time budget, writing back.

No Textual here: `sessiontui check` must stay fast and the core must stay testable.
"""

from sessiontui.plan.errors import PlanError, Problem
from sessiontui.plan.loader import LoadedPlan, load_plan, load_plan_bytes
from sessiontui.plan.models import (
    PHASE_KINDS,
    BreakoutPhase,
    BreakPhase,
    CheckInPhase,
    ClosePhase,
    DiscussionPhase,
    GroundRulesPhase,
    GuestSpeakerPhase,
    Participant,
    Phase,
    Plan,
    QuizPhase,
    QuizQuestion,
)

__all__ = [
    "PHASE_KINDS",
    "BreakPhase",
    "BreakoutPhase",
    "CheckInPhase",
    "ClosePhase",
    "DiscussionPhase",
    "GroundRulesPhase",
    "GuestSpeakerPhase",
    "LoadedPlan",
    "Participant",
    "Phase",
    "Plan",
    "PlanError",
    "Problem",
    "QuizPhase",
    "QuizQuestion",
    "load_plan",
    "load_plan_bytes",
]
