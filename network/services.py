"""The staff's network view: per quarter who is active, what they run, who is overdue a call;
as a page and as CSV/XLSX (every cell inert in a spreadsheet)."""

import csv
import io
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from centers.models import Quarter
from network.models import CONTACT_OVERDUE_AFTER, Actor
from portal.lib.spreadsheets import safe_row
from staff.permissions import centre_ids


@dataclass
class QuarterNetwork:
    quarter: Quarter
    actors: list = field(default_factory=list)

    @property
    def overdue(self):
        return [actor for actor in self.actors if actor.contact_overdue]


def network_overview(user, today=None):
    """The quarters the user may see, each with its actors and the offers they run."""
    today = today or timezone.localdate()
    quarters = Quarter.objects.select_related("centre").order_by("name")
    ids = centre_ids(user)
    if ids is not None:
        quarters = quarters.filter(centre__in=ids)
    actors = Actor.objects.prefetch_related(
        Prefetch("offers", to_attr="offer_list"), "quarters"
    ).order_by("name")
    result = []
    for quarter in quarters.prefetch_related(Prefetch("actors", queryset=actors)):
        entry = QuarterNetwork(quarter, list(quarter.actors.all()))
        for actor in entry.actors:
            actor.contact_overdue = (
                actor.last_contact is None or actor.last_contact < today - CONTACT_OVERDUE_AFTER
            )
        result.append(entry)
    return result


def _header():
    return [
        _("Neighbourhood"),
        _("Name"),
        _("Kind"),
        _("Publication status"),
        _("Contact person"),
        _("Phone"),
        _("E-mail"),
        _("Website"),
        _("Last contact"),
        _("No contact for a year"),
        _("Activities"),
    ]


def _rows(overview):
    for entry in overview:
        for actor in entry.actors:
            yield safe_row(
                [
                    entry.quarter.name,
                    actor.name,
                    actor.get_kind_display(),
                    actor.get_publication_status_display(),
                    actor.contact_name,
                    actor.phone,
                    actor.email,
                    actor.website,
                    actor.last_contact.isoformat() if actor.last_contact else "",
                    _("yes") if actor.contact_overdue else _("no"),
                    "; ".join(offer.title for offer in actor.offer_list),
                ]
            )


def export_csv(overview):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(safe_row(_header()))
    writer.writerows(_rows(overview))
    return "\ufeff" + buffer.getvalue()


def export_xlsx(overview):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Network")[:31]
    sheet.append(safe_row(_header()))
    for row in _rows(overview):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
