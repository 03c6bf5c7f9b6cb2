"""Authorization-matrix entries for the organizer's campaign pages (see tests/matrix.py). Team pages point at
the team (its slug); campaign pages at a live call campaign of the team."""

from django.urls import reverse

from groundswell.orgs.models import Team
from groundswell.outreach.models import Question
from groundswell.outreach.result_codes import ensure_result_codes
from tests import factories
from tests.matrix import CAMPAIGN_EDITORS, SUPERVISORS, Route, seq, slug_url


def allow_scripts(team_id: int) -> None:
    """Editing scripts is a power a team may switch off for its own members (roles.AUTONOMY_SETTING); the
    matrix teams allow it, as the matrix fixture lets them import, so organizers may edit on "own" too."""
    Team.objects.filter(pk=team_id).update(can_edit_scripts=True)


def slug_page(name: str):
    def make(team) -> str:
        allow_scripts(team.pk)
        return slug_url(name)(team)
    return make


def campaign_url(name: str, *extra):
    def make(campaign) -> str:
        allow_scripts(campaign.team_id)
        return reverse(name, args=[campaign.pk, *extra])
    return make


def question_url(name: str):
    def make(campaign) -> str:
        allow_scripts(campaign.team_id)
        question = Question.objects.create(campaign=campaign, key=f"q{next(seq)}", prompt="Are you in?",
                                           kind=Question.Kind.TEXT)
        return reverse(name, args=[campaign.pk, question.pk])
    return make


def code_url(campaign) -> str:
    allow_scripts(campaign.team_id)
    return reverse("outreach:result-code-edit", args=[campaign.pk, ensure_result_codes(campaign.org)[0].pk])


def new_campaign(team) -> dict:
    return {"name": f"Matrix campaign {next(seq)}", "people_list": factories.people_list(team).pk,
            "script": "Hi {first_name}, this is {volunteer_first_name}."}


WEB: dict[str, Route] = {
    "outreach:campaign-index": Route("GET", "team", SUPERVISORS, url=slug_page("outreach:campaign-index")),
    "outreach:campaign-new": Route("POST", "team", CAMPAIGN_EDITORS, url=slug_page("outreach:campaign-new"),
                                   payload=new_campaign),
    "outreach:campaign-new-preview": Route("POST", "team", CAMPAIGN_EDITORS,
                                           url=slug_page("outreach:campaign-new-preview"),
                                           payload=lambda t: {"script": "Hi {first_name}"}),
    "outreach:campaign-detail": Route("GET", "campaign", SUPERVISORS, url=campaign_url("outreach:campaign-detail")),
    "outreach:campaign-edit": Route("GET", "campaign", CAMPAIGN_EDITORS, url=campaign_url("outreach:campaign-edit")),
    "outreach:campaign-preview": Route("POST", "campaign", CAMPAIGN_EDITORS,
                                       url=campaign_url("outreach:campaign-preview"),
                                       payload=lambda t: {"script": "Hi {first_name}"}),
    "outreach:campaign-status": Route("POST", "campaign", CAMPAIGN_EDITORS,
                                      url=campaign_url("outreach:campaign-status"),
                                      payload=lambda t: {"action": "pause"}),
    "outreach:campaign-queue": Route("GET", "campaign", SUPERVISORS, url=campaign_url("outreach:campaign-queue")),
    "outreach:campaign-queue-reason": Route("GET", "campaign", SUPERVISORS,
                                            url=campaign_url("outreach:campaign-queue-reason", "eligible")),
    "outreach:campaign-attempts": Route("GET", "campaign", SUPERVISORS,
                                        url=campaign_url("outreach:campaign-attempts")),
    "outreach:campaign-sync": Route("POST", "campaign", CAMPAIGN_EDITORS, url=campaign_url("outreach:campaign-sync")),
    "outreach:question-new": Route("POST", "campaign", CAMPAIGN_EDITORS, url=campaign_url("outreach:question-new"),
                                   payload=lambda t: {"prompt": "Coming?", "key": f"k{next(seq)}", "kind": "text"}),
    "outreach:question-edit": Route("GET", "campaign", CAMPAIGN_EDITORS, url=question_url("outreach:question-edit")),
    "outreach:question-delete": Route("POST", "campaign", CAMPAIGN_EDITORS,
                                      url=question_url("outreach:question-delete")),
    "outreach:result-code-list": Route("GET", "campaign", SUPERVISORS,
                                       url=campaign_url("outreach:result-code-list")),
    # Shared by the whole organization: only its admins (none of the North personas) may change them.
    "outreach:result-code-new": Route("POST", "campaign", frozenset(),
                                      url=campaign_url("outreach:result-code-new"),
                                      payload=lambda t: {"label": "Spanish speaker", "code": f"spanish{next(seq)}",
                                                         "category": "not_reached", "retry_after_minutes": "60",
                                                         "active": "on"}),
    "outreach:result-code-edit": Route("POST", "campaign", frozenset(), url=code_url,
                                       payload=lambda t: {"label": "Talked to them", "active": "on"}),
}
API: dict[str, Route] = {}
