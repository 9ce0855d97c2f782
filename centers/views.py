from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from centers.forms import QuarterPickerForm, StreetLookupForm
from centers.models import Centre, Document, ProcessFacts, Quarter, StreetSection
from portal.cache import page_cache_params
from staff.permissions import preview_response, visible_to


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
    quarter = get_object_or_404(Quarter, slug=slug)
    centre = (
        Centre.objects.published().with_public_details().filter(pk=quarter.centre_id).first()
        if quarter.centre_id
        else None
    )
    return render(request, "centers/quarter_detail.html", {"quarter": quarter, "centre": centre})


@require_safe
def centre_detail(request, slug):
    centres, may_preview = visible_to(request, Centre.objects.all(), "centers.change_centre", "")
    centre = centres.with_public_details().filter(slug=slug).first()
    if centre is None:
        raise Http404
    preview = may_preview and not centre.is_public()
    response = render(
        request,
        "centers/centre_detail.html",
        {
            "centre": centre,
            "preview": preview,
            "structured_data": centre.structured_data(request.build_absolute_uri("/")[:-1]),
        },
    )
    return preview_response(response) if preview else response


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
