from modeltranslation.translator import TranslationOptions, register

from centers.models import Centre, Document, ProcessFacts, Quarter, Site, StageChange


@register(Centre)
class CentreTranslationOptions(TranslationOptions):
    fields = ("summary", "description", "image_title", "image_alt")


@register(StageChange)
class StageChangeTranslationOptions(TranslationOptions):
    fields = ("note",)


@register(Quarter)
class QuarterTranslationOptions(TranslationOptions):
    fields = ("description",)


@register(Site)
class SiteTranslationOptions(TranslationOptions):
    fields = ("opening_hours", "directions")


@register(Document)
class DocumentTranslationOptions(TranslationOptions):
    fields = ("title", "summary")


@register(ProcessFacts)
class ProcessFactsTranslationOptions(TranslationOptions):
    fields = ("topics", "period", "target_group", "participation", "state")
