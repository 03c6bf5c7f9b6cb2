"""The survey editor: add, change and delete a campaign's questions (services.question_save / question_delete).
One question per page, so it works on a phone; choices are lines of "value | label | next question"."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from groundswell.common.errors import NotFound
from groundswell.orgs.roles import Cap
from groundswell.outreach import services
from groundswell.outreach.forms import QuestionForm, add_service_errors, choices_text
from groundswell.outreach.models import Campaign, Question
from groundswell.outreach.selectors import get_campaign_for, questions


def get_question(campaign: Campaign, question_id: int) -> Question:
    """A question of this campaign (a question of another campaign is not found, whoever asks)."""
    question = next((q for q in questions(campaign) if q.pk == question_id), None)
    if question is None:
        raise NotFound("question")
    return question


def _editor(request: HttpRequest, campaign: Campaign, question: Question | None) -> HttpResponse:
    if request.method == "POST":
        form = QuestionForm(request.POST)
    elif question is not None:
        form = QuestionForm(initial={"prompt": question.prompt, "key": question.key, "kind": question.kind,
                                     "choices": choices_text(question), "required": question.required})
    else:
        form = QuestionForm(initial={"kind": Question.Kind.SINGLE})
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.question_save(actor=request.actor, campaign=campaign, question=question,
                                           **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Saved the question “{saved.prompt}”.")
            return redirect("outreach:campaign-detail", campaign.pk)
    others = [q for q in questions(campaign) if question is None or q.pk != question.pk]
    return render(request, "outreach/question_form.html", {
        "campaign": campaign, "team": campaign.team, "form": form, "question": question, "others": others,
    }, status=400 if form.errors else 200)


@login_required
def question_new(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign = get_campaign_for(request.actor, campaign_id, Cap.EDIT_SCRIPTS)
    return _editor(request, campaign, None)


@login_required
def question_edit(request: HttpRequest, campaign_id: int, question_id: int) -> HttpResponse:
    campaign = get_campaign_for(request.actor, campaign_id, Cap.EDIT_SCRIPTS)
    return _editor(request, campaign, get_question(campaign, question_id))


@require_POST
@login_required
def question_delete(request: HttpRequest, campaign_id: int, question_id: int) -> HttpResponse:
    campaign = get_campaign_for(request.actor, campaign_id, Cap.EDIT_SCRIPTS)
    question = get_question(campaign, question_id)
    services.question_delete(actor=request.actor, question=question)
    messages.success(request, f"Deleted the question “{question.prompt}”.")
    return redirect("outreach:campaign-detail", campaign.pk)
