from django import forms

from groundswell.goals.metrics import all_metrics
from groundswell.goals.models import Goal
from groundswell.orgs.models import Membership, Team


class GoalForm(forms.Form):
    metric = forms.ChoiceField()
    start = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    target = forms.IntegerField(min_value=1, error_messages={"invalid": "Enter a whole number, 1 or more."})
    member = forms.TypedChoiceField(required=False, coerce=int, empty_value=None,
                                    help_text="Leave empty for a goal of the whole team.")

    def __init__(self, *args, team: Team, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["metric"].choices = [(m.key, m.label) for m in all_metrics()]
        members = Membership.objects.filter(team=team).select_related("user").order_by("user__email")
        self.fields["member"].choices = [("", "— the whole team —")] + [
            (m.user_id, m.user.full_name or m.user.email) for m in members]

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", "The period ends before it starts.")
        return data


class GoalEditForm(GoalForm):
    def __init__(self, *args, team: Team, **kwargs):
        super().__init__(*args, team=team, **kwargs)
        del self.fields["metric"]
        del self.fields["member"]


class SplitForm(forms.Form):
    rule = forms.ChoiceField(choices=Goal.Split.choices)

    def __init__(self, *args, children: list[Team], **kwargs):
        super().__init__(*args, **kwargs)
        self.children = children
        for child in children:
            self.fields[f"part_{child.pk}"] = forms.IntegerField(label=child.name, min_value=0, required=False)

    def by_hand(self) -> dict[int, int]:
        return {c.pk: self.cleaned_data.get(f"part_{c.pk}") or 0 for c in self.children}
