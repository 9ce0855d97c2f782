from modeltranslation.translator import TranslationOptions, register

from search.models import Synonym


@register(Synonym)
class SynonymTranslationOptions(TranslationOptions):
    fields = ("terms",)
