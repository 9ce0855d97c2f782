from modeltranslation.translator import TranslationOptions, register

from contacts.models import ContactPerson


@register(ContactPerson)
class ContactPersonTranslationOptions(TranslationOptions):
    fields = ("role", "topics", "photo_alt")
