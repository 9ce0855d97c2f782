from django.contrib import admin

from search.models import Synonym
from staff.history_admin import HistoryAdmin
from staff.translation_admin import TabbedTranslationAdmin


@admin.register(Synonym)
class SynonymAdmin(HistoryAdmin, TabbedTranslationAdmin):
    list_display = ["finds", "terms", "updated_at"]
    search_fields = ["finds", *(f"terms_{code}" for code in ("de", "ar", "en", "ro", "ru", "tr"))]
