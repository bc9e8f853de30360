from django.conf import settings
from django.contrib import auth
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class DutchFirstLocaleMiddleware(LocaleMiddleware):
    """Dutch unless the visitor chose another language with the language switch, or, logged
    in on a device where they have not chosen, in their account's language.

    Django's own middleware follows the browser's Accept-Language, and many Dutch residents
    run an English operating system; a municipal service speaks Dutch until asked otherwise.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if chosen not in dict(settings.LANGUAGES):
            chosen = _account_language(request)
        translation.activate(chosen)
        request.LANGUAGE_CODE = translation.get_language()


def _account_language(request) -> str:
    """The logged-in user's own language (account settings), else Dutch. A visitor without a
    login costs no query; a logged-in user is read once, as AuthenticationMiddleware would
    (it finds the user this leaves in ``request._cached_user``)."""
    if auth.SESSION_KEY not in request.session:
        return settings.LANGUAGE_CODE
    user = request._cached_user = auth.get_user(request)
    language = getattr(user, "preferred_language", "")
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
