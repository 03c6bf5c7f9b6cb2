"""Milestones a captain earns in a program (shown as badges, counted on the team's leaderboard)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Badge:
    key: str
    label: str


LIST_BUILT = Badge("list", "List built")
COMMITTED = Badge("committed", "Committed")
FIRST_TALK = Badge("first", "First conversation")
TALKED_ALL = Badge("all", "Talked to everyone")
ALL_VOTED = Badge("voted", "Everyone voted")


def badges_for(captain, entries) -> list[Badge]:
    """`entries` are the captain's visible people as relational.selectors.captain_people gives them."""
    earned: list[Badge] = []
    if len(entries) >= captain.program.goal_min:
        earned.append(LIST_BUILT)
    if captain.committed_at:
        earned.append(COMMITTED)
    talked = sum(1 for e in entries if e.talked)
    if talked:
        earned.append(FIRST_TALK)
    if entries and talked == len(entries):
        earned.append(TALKED_ALL)
    if entries and all(e.voted for e in entries):
        earned.append(ALL_VOTED)
    return earned
