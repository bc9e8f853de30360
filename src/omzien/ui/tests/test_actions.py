import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from omzien.common.services import EditConflict
from omzien.ui.actions import CONFLICT, perform, posted_version


class NameForm(forms.Form):
    name = forms.CharField()


def _request(data=None):
    request = RequestFactory().post("/", data or {})
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def _messages(request) -> list[tuple[str, str]]:
    return [(m.level_tag, str(m)) for m in get_messages(request)]


def _raise(error: Exception):
    def call():
        raise error

    return call


def test_success_returns_the_value_and_says_so():
    request = _request()
    result = perform(request, lambda: 42, success="Saved.")
    assert result and result.value == 42 and not result.conflict and result.error is None
    assert _messages(request) == [("success", "Saved.")]


def test_success_without_a_message_says_nothing():
    request = _request()
    assert perform(request, lambda: None)
    assert _messages(request) == []


def test_a_refusal_about_a_field_goes_onto_that_field():
    request = _request()
    form = NameForm({"name": "Ans"})
    assert form.is_valid()
    error = ValidationError({"name": "This name is taken.", "other": "Not on the form."})
    result = perform(request, _raise(error), form=form, success="Saved.")
    assert not result and result.error is error and not result.conflict
    assert form.errors["name"] == ["This name is taken."]
    assert form.non_field_errors() == ["Not on the form."]
    assert _messages(request) == []


def test_a_refusal_without_a_field_goes_onto_the_form_or_into_a_message():
    form = NameForm({"name": "Ans"})
    assert form.is_valid()
    request = _request()
    assert not perform(request, _raise(ValidationError("Closed.")), form=form)
    assert form.non_field_errors() == ["Closed."]
    assert _messages(request) == []

    request = _request()
    error = ValidationError(["Closed.", "Ask the broker."])
    assert not perform(request, _raise(error), success="Saved.")
    assert _messages(request) == [("error", "Closed. Ask the broker.")]


def test_an_edit_conflict_becomes_the_conflict_message():
    request = _request()
    form = NameForm({"name": "Ans"})
    assert form.is_valid()
    result = perform(request, _raise(EditConflict()), form=form, success="Saved.")
    assert not result and result.conflict and result.error is None
    assert not form.errors
    assert _messages(request) == [("error", str(CONFLICT))]

    request = _request()
    assert perform(request, _raise(EditConflict()), conflict="This campaign changed.").conflict
    assert _messages(request) == [("error", "This campaign changed.")]


def test_other_exceptions_are_the_views_business():
    request = _request()
    with pytest.raises(KeyError):
        perform(request, _raise(KeyError("x")), success="Saved.")
    assert _messages(request) == []


def test_posted_version():
    assert posted_version(_request({"version": "3"})) == 3
    assert posted_version(_request({"version": "x"})) is None
    assert posted_version(_request()) is None
