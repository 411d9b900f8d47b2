from django import forms

from core.forms import HubForm

from .services import DEFAULT_LIFETIME_DAYS, MAX_LIFETIME_DAYS


class ApiTokenForm(HubForm):
    user = forms.ChoiceField(label="Acts as", help_text="The token has this person's role in "
                                                        "the partnership, and no more",
                             error_messages={"required": "Choose the person the token acts as",
                                             "invalid_choice": "Choose one of the people "
                                                               "listed for the token to act as"})
    system_name = forms.CharField(label="System", max_length=200,
                                  help_text="The organisation system that will use the token")
    days = forms.IntegerField(label="Days until it expires", min_value=1,
                              max_value=MAX_LIFETIME_DAYS, initial=DEFAULT_LIFETIME_DAYS,
                              widget=forms.NumberInput(attrs={"class": "govuk-input--width-5"}))

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].choices = [("", "Choose a person")] + [
            (str(p.user_id), f"{p.name} ({p.user.get_username()})") for p in people]


class ConfirmForm(HubForm):
    pass
