from modeltranslation.translator import TranslationOptions, register

from network.models import Actor, Idea


@register(Actor)
class ActorTranslationOptions(TranslationOptions):
    fields = ("summary", "logo_alt")


@register(Idea)
class IdeaTranslationOptions(TranslationOptions):
    fields = ("answer", "reason")
