from modeltranslation.translator import TranslationOptions, register

from heilbronn_quartier.models import SitePage


@register(SitePage)
class SitePageTranslationOptions(TranslationOptions):
    fields = ("body",)
