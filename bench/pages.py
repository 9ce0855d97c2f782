"""The pages the benchmark measures. A page whose URL cannot be built yet is simply left out.

Each page has a `kind`: "bare" (the ceilings), "public" (anonymous pages the page cache may
hold), "questionnaire" and "submission" (the survey, never shared), "staff" (logged in).
"""

from django.urls import NoReverseMatch, reverse
from django.utils import translation

from centers.models import Centre, Quarter


def page(label, path, kind="public", **extra):
    return {"label": label, "path": path, "method": "GET", "kind": kind, **extra}


def page_list():
    pages = [
        page("bare view (ceiling)", "/bench/bare", "bare"),
        page(
            "bare POST view (ceiling)",
            "/bench/bare-post",
            "bare",
            method="POST",
            body="field=value",
            type="application/x-www-form-urlencoded",
        ),
        page("home", "/de/"),
    ]
    quarter = Quarter.objects.order_by("pk").first()
    centre = Centre.objects.published().operating().order_by("pk").first()
    candidates = [
        ("quarter page", "centers:quarter-detail", {"slug": quarter.slug} if quarter else None),
        ("centre page", "centers:centre-detail", {"slug": centre.slug} if centre else None),
    ]
    for label, name, kwargs in candidates:
        if kwargs is None:
            continue
        try:
            with translation.override("de"):
                pages.append(page(label, reverse(name, kwargs=kwargs)))
        except NoReverseMatch:
            continue
    for extension in _EXTENSIONS:
        pages.extend(extension())
    return pages


def filter_paths(limit=2000):
    """Many distinct valid filter combinations of the activity list (a crawler, or residents
    clicking through filters): each address is new to the page cache."""
    paths = []
    for extension in _FILTERS:
        paths.extend(extension(limit))
    return paths[:limit]


# Apps add functions returning more page dicts here (offers, survey, network).
_EXTENSIONS = []
# … and functions returning lists of filtered list addresses.
_FILTERS = []
