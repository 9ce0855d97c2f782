"""Contact data on any page: always from the database, always through contacts.phones."""

from django import template

from contacts import phones

register = template.Library()


@register.filter
def phone_link(number):
    return phones.phone_link(number)


@register.filter
def email_link(address):
    return phones.email_link(address)


@register.simple_tag
def city_office():
    """The publishing office and its people with a phone number (for the legal pages)."""
    from contacts.models import ContactPerson, Office

    people = ContactPerson.objects.city_office().exclude(phone="").order_by("sort_order", "name")
    return {"office": Office.current(), "people": list(people)}
