"""Helpers every app's HTML forms share."""

from django import forms
from django.core.exceptions import ValidationError


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: on the field it names, else at the top."""
    for name, messages in getattr(error, "message_dict", {"__all__": error.messages}).items():
        for message in messages:
            form.add_error(name if name in form.fields else None, message)
