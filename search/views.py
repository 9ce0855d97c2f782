from collections import Counter

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.http import require_safe

from contacts.models import ContactPerson, Office
from portal.cache import page_cache_params
from search.forms import SearchForm
from search.models import Kind

RESULTS_PER_PAGE = 20


@page_cache_params("q", "quarter", "kind", "page")
@require_safe
def search_page(request):
    form = SearchForm(request.GET or None)
    result = form.search(translation.get_language()) if form.is_bound and form.is_valid() else None
    entries = result.entries if result else []
    kind = form.cleaned_data.get("kind") if result else ""
    counts = Counter(entry.kind for entry in entries)
    shown = [entry for entry in entries if entry.kind == kind] if kind else entries
    query = request.GET.copy()
    query.pop("page", None)
    without_kind = query.copy()
    without_kind.pop("kind", None)
    return render(
        request,
        "search/search_page.html",
        {
            "form": form,
            "result": result,
            "page": Paginator(shown, RESULTS_PER_PAGE).get_page(request.GET.get("page")),
            "kinds": [
                (value, label, counts[value]) for value, label in Kind.choices if counts[value]
            ],
            "kind": kind,
            "query": query.urlencode(),
            "query_without_kind": without_kind.urlencode(),
            "help": _help(form) if result is not None and not entries else None,
        },
    )


def _help(form):
    """Nothing found: whom to call — the chosen neighbourhood's centre, else the city office."""
    quarter = form.cleaned_data.get("quarter")
    centre = quarter.centre if quarter else None
    if centre is not None:
        contacts = ContactPerson.objects.for_centre(centre).exclude(phone="")
        return {"centre": centre, "quarter": quarter, "contacts": list(contacts)}
    return {
        "office": Office.current(),
        "contacts": list(ContactPerson.objects.city_office().exclude(phone="")),
    }
