from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from heilbronn_quartier.models import SitePage


@admin.register(SitePage)
class SitePageAdmin(TabbedTranslationAdmin):
    list_display = ["__str__", "updated_at"]
