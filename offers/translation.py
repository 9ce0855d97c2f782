from modeltranslation.translator import TranslationOptions, register

from offers.models import (
    Cancellation,
    Category,
    ClosurePeriod,
    Offer,
    OfferLanguage,
    Schedule,
    TargetGroup,
)


@register(Category)
class CategoryTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(TargetGroup)
class TargetGroupTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(OfferLanguage)
class OfferLanguageTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Offer)
class OfferTranslationOptions(TranslationOptions):
    fields = (
        "title",
        "summary",
        "description",
        "cost_note",
        "registration_note",
        "venue_name",
        "image_alt",
    )


@register(Schedule)
class ScheduleTranslationOptions(TranslationOptions):
    fields = ("note",)


@register(Cancellation)
class CancellationTranslationOptions(TranslationOptions):
    fields = ("reason",)


@register(ClosurePeriod)
class ClosurePeriodTranslationOptions(TranslationOptions):
    fields = ("name",)
