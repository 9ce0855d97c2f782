"""The portal-wide search: an index of everything residents may find, and editors' synonyms."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from search import text


class Kind(models.TextChoices):
    # The order is the order of the groups on the results page.
    OFFER = "offer", _("Activity")
    QUARTER = "quarter", _("Neighbourhood")
    CENTRE = "centre", _("Neighbourhood centre")
    SITE = "site", _("Site")
    ACTOR = "actor", _("Local actor")
    CONTACT = "contact", _("Contact person")
    DOCUMENT = "document", _("Document")


KIND_ORDER = {kind: position for position, kind in enumerate(Kind.values)}


class EntryQuerySet(models.QuerySet):
    def visible(self, now=None):
        now = now or timezone.now()
        return self.filter(
            Q(visible_from__isnull=True) | Q(visible_from__lte=now),
            Q(visible_until__isnull=True) | Q(visible_until__gt=now),
        )

    def in_quarter(self, quarter):
        return self.filter(quarter_ids__contains=f" {quarter.pk} ")


class Entry(models.Model):
    """One public thing in one language: what the results page shows and the key it matches.

    Written when the thing is saved (search/registry.py) and rebuilt by `rebuild_search_index`;
    only what residents may see gets a row, and the publication window is copied so that
    scheduled content appears and expired content disappears without a save.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    language = models.CharField(max_length=8)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    title = models.CharField(max_length=300)
    snippet = models.CharField(max_length=400, blank=True)
    url = models.CharField(max_length=300)
    # " 3 12 " — the neighbourhoods it belongs to, for the neighbourhood filter.
    quarter_ids = models.TextField(blank=True)
    quarter_names = models.CharField(max_length=300, blank=True)
    title_key = models.CharField(max_length=400)
    body_key = models.TextField()
    visible_from = models.DateTimeField(null=True, blank=True)
    visible_until = models.DateTimeField(null=True, blank=True)

    objects = EntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "language"], name="one_entry_per_language"
            )
        ]
        indexes = [models.Index(fields=["language", "kind"])]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title}"


class Word(models.Model):
    """Every word the index holds, once: the vocabulary for typos and "did you mean …"."""

    key = models.CharField(max_length=100, unique=True)
    display = models.CharField(max_length=100)
    length = models.PositiveSmallIntegerField(db_index=True)

    class Meta:
        verbose_name = _("search word")
        verbose_name_plural = _("search words")

    def __str__(self):
        return self.display


class Synonym(models.Model):
    """What residents type for a thing the portal calls otherwise: "Deutschkurs" → Sprachcafé."""

    finds = models.CharField(
        _("finds"),
        max_length=120,
        help_text=_("The word the portal uses, in German, e.g. Sprachcafé."),
    )
    terms = models.TextField(
        _("words residents type"),
        help_text=_(
            "One per line or separated by commas, e.g. Deutschkurs, Deutsch lernen. "
            "Add the words of each language in its tab."
        ),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")
        ordering = ["finds"]

    def __str__(self):
        return self.finds

    def term_list(self):
        """The terms of every language, as written."""
        from modeltranslation.utils import get_translation_fields

        found = []
        for name in ["terms", *get_translation_fields("terms")]:
            for term in (getattr(self, name, "") or "").replace("\n", ",").split(","):
                if term.strip() and term.strip() not in found:
                    found.append(term.strip())
        return found

    def term_keys(self):
        """Each term's words as a query's words are read (filler words left out)."""
        return [words for words in (text.query_words(term) for term in self.term_list()) if words]
