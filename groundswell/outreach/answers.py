"""Survey answers of an attempt, checked against the campaign's questions, branching included."""

from django.core.exceptions import ValidationError

from groundswell.outreach.models import Question

MAX_TEXT_ANSWER = 2_000


def clean_answers(questions: list[Question], answers: dict, *, reached: bool) -> dict:
    """Survey answers keyed by question key, checked against the campaign's `questions` (field-level errors
    named `answers.<key>`). Required questions are only required when the person was reached."""
    if not answers and not reached:
        return {}  # nothing to check: required questions only apply when the person was reached
    questions = {q.key: q for q in questions}
    errors: dict[str, list[str]] = {}
    cleaned: dict = {}
    for key, value in (answers or {}).items():
        question = questions.get(str(key))
        if question is None:
            errors[f"answers.{key}"] = [f"this campaign has no question {key!r}"]
            continue
        if value in (None, "", []):
            continue
        if question.kind == Question.Kind.TEXT:
            if not isinstance(value, str) or len(value) > MAX_TEXT_ANSWER:
                errors[f"answers.{key}"] = [f"a text answer of at most {MAX_TEXT_ANSWER} characters"]
                continue
            cleaned[key] = value.strip()
        elif question.kind == Question.Kind.SINGLE:
            if str(value) not in question.choice_values():
                errors[f"answers.{key}"] = [f"{value!r} is not one of {', '.join(question.choice_values())}"]
                continue
            cleaned[key] = str(value)
        else:
            values = value if isinstance(value, list) else [value]
            bad = [v for v in values if str(v) not in question.choice_values()]
            if bad:
                errors[f"answers.{key}"] = [f"{bad[0]!r} is not one of {', '.join(question.choice_values())}"]
                continue
            cleaned[key] = [str(v) for v in values]
    if reached:
        for key in asked(list(questions.values()), cleaned):
            question = questions[key]
            if question.required and key not in cleaned and f"answers.{key}" not in errors:
                errors[f"answers.{key}"] = ["this question must be answered when you reached the person"]
    if errors:
        raise ValidationError(errors)
    return cleaned


def asked(questions: list[Question], answers: dict) -> list[str]:
    """Keys of the questions on the path these answers take: in order, except where a single-choice answer
    says which question comes next (branching). A branch that points backwards is ignored (no loops)."""
    ordered = sorted(questions, key=lambda q: (q.position, q.pk or 0))
    index_of = {q.position: i for i, q in reversed(list(enumerate(ordered)))}
    path, i = [], 0
    while i < len(ordered):
        question = ordered[i]
        path.append(question.key)
        jump = None
        if question.kind == Question.Kind.SINGLE:
            jump = next((c.get("next") for c in question.choices if c["value"] == answers.get(question.key)), None)
        target = index_of.get(jump) if jump is not None else None
        i = target if target is not None and target > i else i + 1
    return path
