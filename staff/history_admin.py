"""The admin's history pages in the words of the form (see staff/history.py)."""

from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from staff.history import display_value


class LabelledContextHelper(HistoricalRecordContextHelper):
    """The list of changes with labels, not raw values: "Veröffentlicht", not "published"."""

    def prepare_delta_change_value(self, change, value):
        prepared = super().prepare_delta_change_value(change, value)
        field = self.model._meta.get_field(change.field)
        if field.many_to_many:
            # Names of the linked entries in the active language, not their through rows.
            names = sorted(str(item) for item in prepared or [])
            return ", ".join(names) or "–"
        if field.is_relation:
            return "–" if prepared in (None, "", []) else prepared
        return display_value(field, prepared)


class HistoryAdmin(SimpleHistoryAdmin):
    """SimpleHistoryAdmin for every model with a history: labelled changes, German breadcrumbs
    (templates/simple_history/)."""

    def get_historical_record_context_helper(self, request, historical_record):
        return LabelledContextHelper(self.model, historical_record)
