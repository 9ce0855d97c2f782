from django.db.models import prefetch_related_objects
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from centers.forms import QuarterPickerForm, StreetLookupForm
from centers.models import (
    Centre,
    Document,
    ProcessFacts,
    Quarter,
    StreetSection,
    public_details,
)
from portal.cache import local_fragment, page_cache_params
from portal.cached_pages import clock_valid_until, keeping, public_row, render_kept
from staff.permissions import preview_response, previews, visible_to


@require_safe
def overview(request):
    centres = list(Centre.objects.published().prefetch_related("sites", "quarters"))
    return render(
        request,
        "centers/centre_list.html",
        {
            "operating": [centre for centre in centres if not centre.is_planned],
            "planned": [centre for centre in centres if centre.is_planned],
            "facts": ProcessFacts.current(),
        },
    )


@page_cache_params("quarter")
@require_safe
def quarter_list(request):
    """The "my neighbourhood" picker: a plain GET form, so it works without JavaScript."""
    form = QuarterPickerForm(request.GET or None)
    if form.is_valid():
        return redirect(form.cleaned_data["quarter"])
    quarters = Quarter.objects.select_related("centre")
    return render(request, "centers/quarter_list.html", {"form": form, "quarters": quarters})


@require_safe
def quarter_detail(request, slug):
    if keeping():
        pk, centre_id = _quarter_facts().get(slug, (None, None))
        quarter = centre = None
    else:
        quarter = Quarter.objects.filter(slug=slug).first()
        centre = None
        if quarter is not None and quarter.centre_id:
            centre = Centre.objects.published().filter(pk=quarter.centre_id).first()
        pk = quarter.pk if quarter is not None else None
        centre_id = centre.pk if centre is not None else None
    if pk is None:
        raise Http404

    def context():
        found = quarter or Quarter.objects.get(pk=pk)
        its_centre = centre or (Centre.objects.get(pk=centre_id) if centre_id else None)
        if its_centre is not None:
            prefetch_related_objects([its_centre], *public_details())
        return {"quarter": found, "centre": its_centre}

    def valid_until(context):
        return clock_valid_until(Document.objects.filter(centre=centre_id))

    # The page's own part is kept (portal.cached_pages); the centre's publication is asked above.
    name = f"quarter-page:{pk}:{centre_id}"
    return render_kept(request, "centers/quarter_detail.html", name, context, valid_until)


def _quarter_facts():
    """{slug: (pk, its centre's pk if that is published now)}, kept in this process per content
    version until a centre's publication window begins or ends."""

    def facts():
        published = set(Centre.objects.published().values_list("pk", flat=True))
        rows = Quarter.objects.values_list("slug", "pk", "centre_id")
        found = {slug: (pk, centre if centre in published else None) for slug, pk, centre in rows}
        return found, lambda: clock_valid_until(Centre.objects.all())

    return local_fragment("quarter-facts", facts, per_language=False)


@require_safe
def centre_detail(request, slug):
    if not previews(request, "centers.change_centre"):
        pk, centre = public_row(
            Centre.objects.published,
            slug,
            "centres",
            lambda: clock_valid_until(Centre.objects.all()),
        )
        if pk is None:
            raise Http404

        def context():
            found = centre or Centre.objects.get(pk=pk)
            prefetch_related_objects([found], *public_details())
            return _centre_context(request, found)

        def valid_until(context):
            return clock_valid_until(Document.objects.filter(centre=pk))

        name = f"centre-page:{pk}"
        return render_kept(request, "centers/centre_detail.html", name, context, valid_until)
    centres, _preview = visible_to(request, Centre.objects.all(), "centers.change_centre", "")
    centre = centres.with_public_details().filter(slug=slug).first()
    if centre is None:
        raise Http404
    preview = not centre.is_public()
    context = _centre_context(request, centre, preview)
    response = render(request, "centers/centre_detail.html", context)
    return preview_response(response) if preview else response


def _centre_context(request, centre, preview=False):
    return {
        "centre": centre,
        "preview": preview,
        "structured_data": centre.structured_data(request.build_absolute_uri("/")[:-1]),
    }


@require_safe
def document_download(request, pk):
    """A published document of a published centre, always as a download of type PDF."""
    document = get_object_or_404(
        Document.objects.published().filter(centre__in=Centre.objects.published()), pk=pk
    )
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.download_name,
        content_type="application/pdf",
    )


@page_cache_params("street", "number")
@require_safe
def street_lookup(request):
    """ "Which neighbourhood do I live in?" — by street and house number, without JavaScript."""
    names = StreetSection.objects.street_names()
    form = StreetLookupForm(request.GET or None, street_names=names)
    quarter = form.lookup.quarter if form.is_valid() else None
    centre = site = None
    if quarter and quarter.centre_id:
        centre = Centre.objects.published().with_public_details().filter(pk=quarter.centre_id)
        centre = centre.first()
        site = centre.site_for(quarter) if centre else None
    return render(
        request,
        "centers/street_lookup.html",
        {
            "form": form,
            "street_names": names,
            "quarter": quarter,
            "centre": centre,
            "site": site,
        },
    )
