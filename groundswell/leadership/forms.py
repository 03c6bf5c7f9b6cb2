"""HTML input of the leadership pages. Times are typed on the team's clock: views validate them inside
`timezone.override(team.time_zone)` (DESIGN invariant 6)."""

from django import forms

from groundswell.leadership.models import LadderStage, Material, OneOnOne
from groundswell.orgs.models import Membership

LOCAL = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DAY = forms.DateInput(attrs={"type": "date"})
LIST_HELP = "Separate them with commas."


class ScheduleForm(forms.Form):
    scheduled_for = forms.DateTimeField(label="When", widget=LOCAL)
    medium = forms.ChoiceField(label="How", choices=OneOnOne.Medium.choices)
    place = forms.CharField(label="Where (or the call link)", max_length=200, required=False)
    attention = forms.CharField(label="Why this meeting", required=False,
                                widget=forms.Textarea(attrs={"rows": 2}),
                                help_text="Attention: what you want to learn about them, and why now.")


class RecordForm(forms.Form):
    held_at = forms.DateTimeField(label="When you met", widget=LOCAL)
    attention = forms.CharField(label="1. Attention — why this meeting", required=False,
                                widget=forms.Textarea(attrs={"rows": 2}))
    interest = forms.CharField(label="2. Interest — what drew them in", required=False,
                               widget=forms.Textarea(attrs={"rows": 2}))
    exploration = forms.CharField(label="3. Exploration — their story", required=False,
                                  widget=forms.Textarea(attrs={"rows": 4}))
    values = forms.CharField(label="Values", required=False, help_text=LIST_HELP, max_length=2000)
    interests = forms.CharField(label="Interests", required=False, help_text=LIST_HELP, max_length=2000)
    skills = forms.CharField(label="Skills", required=False, help_text=LIST_HELP, max_length=2000)
    networks = forms.CharField(label="Networks (church, union, school, block club…)", required=False,
                               help_text=LIST_HELP, max_length=2000)
    time_available = forms.CharField(label="Time they can give", required=False, max_length=200)
    exchange = forms.CharField(label="4. Exchange — what each of you offers", required=False,
                               widget=forms.Textarea(attrs={"rows": 2}))
    commitment = forms.CharField(label="5. Commitment — what they will do", required=False, max_length=300)
    commitment_due = forms.DateField(label="By when", required=False, widget=DAY)
    next_meeting_at = forms.DateTimeField(label="Next meeting (optional)", required=False, widget=LOCAL)


class LogForm(RecordForm):
    """Record a one-on-one that was never scheduled here."""

    medium = forms.ChoiceField(label="How", choices=OneOnOne.Medium.choices)


class MoveForm(forms.Form):
    stage = forms.ModelChoiceField(queryset=LadderStage.objects.none(), empty_label=None)
    note = forms.CharField(max_length=300, required=False, label="Why (optional)")

    def __init__(self, *args, stages: list[LadderStage], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].queryset = LadderStage.objects.filter(pk__in=[s.pk for s in stages])


class StageForm(forms.ModelForm):
    class Meta:
        model = LadderStage
        fields = ["name", "description", "position", "is_leadership"]
        labels = {"is_leadership": "People at this stage lead others"}


class CheckInForm(forms.Form):
    held_at = forms.DateTimeField(label="When", widget=LOCAL)
    went_well = forms.CharField(label="What went well", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    blockers = forms.CharField(label="Blockers", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    numbers = forms.CharField(label="Numbers", required=False, max_length=300,
                              help_text="e.g. 40 calls, 3 recruits, 6 hours")
    next_steps = forms.CharField(label="Next steps", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    client_uuid = forms.UUIDField(required=False, widget=forms.HiddenInput)


class CadenceForm(forms.Form):
    every_days = forms.IntegerField(label="Check in every … days", min_value=1, max_value=90)


ROLE_CHOICES = [(v, label) for v, label in Membership.Role.choices if v in ("volunteer", "leader", "organizer")]


class MaterialForm(forms.Form):
    title = forms.CharField(max_length=200)
    kind = forms.ChoiceField(choices=Material.Kind.choices)
    summary = forms.CharField(max_length=300, required=False, help_text="One line: what it is for.")
    url = forms.URLField(label="Link", max_length=500, required=False, assume_scheme="https")
    file = forms.FileField(required=False, help_text="A document up to 10 MB.")
    body = forms.CharField(label="Text", required=False, widget=forms.Textarea(attrs={"rows": 6}),
                           help_text="For scripts and short documents.")
    required_for = forms.MultipleChoiceField(label="Required training for", choices=ROLE_CHOICES, required=False,
                                             widget=forms.CheckboxSelectMultiple)


class ShareForm(forms.Form):
    to = forms.ChoiceField(label="Share with")
    message = forms.CharField(max_length=300, required=False, label="A note (optional)")

    def __init__(self, *args, choices: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = choices
