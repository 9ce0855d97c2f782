"""The pages the benchmark measures. A page whose URL cannot be built yet is simply left out."""

from django.urls import NoReverseMatch, reverse
from django.utils import translation

from centers.models import Centre, Quarter


def _get(label, path, staff=False):
    return {"label": label, "path": path, "method": "GET", "staff": staff}


def page_list():
    pages = [
        _get("bare view (ceiling)", "/bench/bare"),
        {
            "label": "bare POST view (ceiling)",
            "path": "/bench/bare-post",
            "method": "POST",
            "staff": False,
            "body": "field=value",
            "type": "application/x-www-form-urlencoded",
        },
        _get("home", "/de/"),
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
                pages.append(_get(label, reverse(name, kwargs=kwargs)))
        except NoReverseMatch:
            continue
    for extension in _EXTENSIONS:
        pages.extend(extension())
    return pages


# Apps add functions returning more page dicts here (offers, survey).
_EXTENSIONS = []
