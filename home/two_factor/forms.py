from django import forms

CODE_HELP = "The 6-digit code your authenticator app shows now, or one of your recovery codes."


class CodeForm(forms.Form):
    """One field for both kinds of code: people should not have to choose which they hold."""

    code = forms.CharField(
        label="Code",
        max_length=32,
        help_text=CODE_HELP,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "none", "spellcheck": "false", "autofocus": True}
        ),
    )


class AppCodeForm(forms.Form):
    code = forms.CharField(
        label="Code from the app",
        max_length=16,
        help_text="The 6 digits the app shows for this account after you add it.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )
