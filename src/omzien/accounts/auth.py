def axes_username(request, credentials=None) -> str:
    """The e-mail address a login attempt is for, lower-cased, for django-axes.

    The two-factor login wizard posts it as ``auth-username``; ``authenticate()`` passes it
    as ``username`` in the credentials.
    """
    value = ""
    if credentials:
        value = credentials.get("username") or credentials.get("email") or ""
    if not value and request is not None and request.method == "POST":
        value = request.POST.get("auth-username") or request.POST.get("username") or ""
    return value.strip().lower()
