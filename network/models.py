"""The quarter's network: local actors (clubs, parishes, schools, initiatives …) and residents'
ideas for their quarter — the fourth task of the quarter management: activating, bringing
together and involving the actors on site."""

import hashlib
import logging
import secrets
import uuid
from datetime import timedelta

from django.conf import global_settings, settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from contacts import phones
from contacts.models import validate_phone
from portal.lib.uploads import RandomName, validate_image
from portal.models import PublicationStatus, Publishable, PublishableQuerySet

logger = logging.getLogger(__name__)

# Languages an actor works in. The names come from Django's own catalogue, translated into
# every portal language; the portal's six come first.
ACTOR_LANGUAGE_CODES = [
    "de", "ar", "en", "ro", "ru", "tr", "uk", "pl", "it", "el", "hr", "sq", "fa", "ckb", "fr", "es",
]  # fmt: skip
_DJANGO_LANGUAGE_NAMES = dict(global_settings.LANGUAGES)
ACTOR_LANGUAGE_CHOICES = [(code, _(_DJANGO_LANGUAGE_NAMES[code])) for code in ACTOR_LANGUAGE_CODES]

# A contact person's link for suggesting offers works this long; the team can renew it.
SUGGESTION_LINK_VALID_FOR = timedelta(days=365)


def suggestion_key_hash(key):
    """Only this fingerprint is stored: a leaked database or backup opens no form."""
    return hashlib.sha256(key.encode()).hexdigest()


# After this long without contact an actor appears on the staff's "get in touch" list.
CONTACT_OVERDUE_AFTER = timedelta(days=365)


class ActorKind(models.TextChoices):
    CLUB = "club", pgettext_lazy("kind of actor", "Club")
    PARISH = "parish", pgettext_lazy("kind of actor", "Parish or religious community")
    SCHOOL = "school", pgettext_lazy("kind of actor", "School or daycare")
    INITIATIVE = "initiative", pgettext_lazy("kind of actor", "Initiative")
    ASSOCIATION = "association", pgettext_lazy("kind of actor", "Association or charity")
    COMPANY = "company", pgettext_lazy("kind of actor", "Company")
    CITY_SERVICE = "city_service", pgettext_lazy("kind of actor", "City service")


class ActorQuerySet(PublishableQuerySet):
    def in_quarter(self, quarter):
        return self.filter(quarters=quarter)

    def of_kind(self, kind):
        return self.filter(kind=kind)

    def contact_overdue(self, today=None):
        """No contact for a year or never: the quarter management should get in touch."""
        today = today or timezone.localdate()
        return self.filter(
            models.Q(last_contact__isnull=True)
            | models.Q(last_contact__lt=today - CONTACT_OVERDUE_AFTER)
        )

    def registrations(self):
        """Joined through the public form and not published yet: waiting for a review."""
        return self.filter(registered_online=True).exclude(publication_status="published")

    def with_suggestion_key(self, key, now=None):
        """The published actor whose suggestion link carries `key`, or None: unknown, revoked,
        expired and hidden actors' links all open nothing."""
        if not isinstance(key, str) or not 20 <= len(key) <= 100:
            return None
        now = now or timezone.now()
        return (
            self.published(now)
            .filter(
                suggestion_key_hash=suggestion_key_hash(key),
                suggestion_key_issued__gt=now - SUGGESTION_LINK_VALID_FOR,
            )
            .first()
        )

    def search(self, text, language):
        """The portal search's forgiving matching (search/engine.py): typos, accents,
        synonyms."""
        from search import engine
        from search.models import Kind

        text = (text or "").strip()
        if not text:
            return self
        return self.filter(pk__in=engine.matching_ids(Kind.ACTOR, text, language))


class Actor(Publishable):
    """A club, parish, school, initiative … active in one or more quarters."""

    uid = models.UUIDField(_("identifier"), default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=160)
    slug = models.SlugField(_("slug"), max_length=180, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=ActorKind.choices, db_index=True)
    quarters = models.ManyToManyField(
        "centers.Quarter",
        verbose_name=_("neighbourhoods where it is active"),
        related_name="actors",
    )
    sites = models.ManyToManyField(
        "centers.Site",
        verbose_name=_("sites of a centre it uses"),
        blank=True,
        related_name="actors",
    )
    summary = models.CharField(
        _("short description"), max_length=400, blank=True, help_text=_("Two or three sentences.")
    )
    contact_name = models.CharField(_("contact person"), max_length=120, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    languages = models.CharField(
        _("languages"),
        max_length=200,
        blank=True,
        help_text=_("Language codes separated by commas, e.g. de,tr,ar."),
    )
    logo = models.ImageField(
        _("logo"), upload_to=RandomName("actors"), blank=True, validators=[validate_image]
    )
    logo_alt = models.CharField(
        _("logo description (alt text)"),
        max_length=300,
        blank=True,
        help_text=_("Describe what the logo shows for people who cannot see it."),
    )
    last_contact = models.DateField(
        _("last contact"),
        null=True,
        blank=True,
        help_text=_("When the neighbourhood management last spoke with them."),
    )
    registered_online = models.BooleanField(
        _("joined through the online form"), default=False, db_index=True
    )
    registration_note = models.TextField(_("note from the registration"), blank=True)
    suggestion_key_hash = models.CharField(
        _("fingerprint of the suggestion link"),
        max_length=64,
        blank=True,
        db_index=True,
        editable=False,
    )
    suggestion_key_issued = models.DateTimeField(
        _("suggestion link issued at"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ActorQuerySet.as_manager()

    class Meta:
        verbose_name = _("local actor")
        verbose_name_plural = _("local actors")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("network:actor-detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        validate_phone(self, "phone")
        if self.logo and not (self.logo_alt_de if hasattr(self, "logo_alt_de") else self.logo_alt):
            raise ValidationError(
                {"logo_alt_de": _("Please describe the logo (alt text) when you add one.")}
            )
        unknown = set(self.language_codes) - set(ACTOR_LANGUAGE_CODES)
        if unknown:
            raise ValidationError(
                {"languages": _("Unknown language codes: {codes}").format(codes=", ".join(unknown))}
            )

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self.name)
        self.languages = ",".join(self.language_codes)
        # Approved for the first time (by the publish action, the form or an approved revision):
        # the contact person gets their link for suggesting offers.
        welcome = (
            not self._state.adding
            and self.publication_status == PublicationStatus.PUBLISHED
            and self.email
            and self.suggestion_key_issued is None
            and self.live_publication_status() != PublicationStatus.PUBLISHED
        )
        key = self._new_suggestion_key() if welcome else None
        super().save(*args, **kwargs)
        if key:
            transaction.on_commit(lambda: self.mail_suggestion_link(key))

    # --- The contact person's link for suggesting offers ------------------------------------

    def _new_suggestion_key(self):
        key = secrets.token_urlsafe(32)
        self.suggestion_key_hash = suggestion_key_hash(key)
        self.suggestion_key_issued = timezone.now()
        return key

    def issue_suggestion_link(self, user):
        """A new link (the old one stops working); returns the key, shown once and mailed."""
        key = self._new_suggestion_key()
        self.save_as(user, reason="suggestion link issued")
        return key

    def revoke_suggestion_link(self, user):
        if not self.suggestion_key_hash:
            return False
        self.suggestion_key_hash = ""
        self.save_as(user, reason="suggestion link revoked")
        return True

    @property
    def suggestion_link_expires(self):
        if not self.suggestion_key_hash or self.suggestion_key_issued is None:
            return None
        return self.suggestion_key_issued + SUGGESTION_LINK_VALID_FOR

    def suggestion_link_state(self):
        if self.suggestion_key_hash and self.suggestion_link_expires > timezone.now():
            return _("active until %(date)s") % {
                "date": timezone.localtime(self.suggestion_link_expires).strftime("%d.%m.%Y")
            }
        if self.suggestion_key_hash:
            return _("expired")
        if self.suggestion_key_issued:
            return _("revoked")
        return _("none yet")

    suggestion_link_state.short_description = _("suggestion link")

    @property
    def mail_language(self):
        """The first of their languages the portal speaks, else German."""
        portal = dict(settings.LANGUAGES)
        return next((code for code in self.language_codes if code in portal), "de")

    def suggestion_url(self, key, language=None):
        with translation.override(language or self.mail_language):
            path = reverse("offers:actor-suggest", kwargs={"key": key})
        return getattr(settings, "SITE_URL", "").rstrip("/") + path

    def mail_suggestion_link(self, key):
        """E-mails the link to the contact; a failing mail server undoes nothing."""
        if not self.email:
            return False
        with translation.override(self.mail_language):
            subject = gettext("Your link for suggesting activities on the Quartiersportal")
            body = gettext(
                "Hello %(contact)s,\n\n"
                "%(actor)s is now listed on the Quartiersportal Heilbronn. With this personal "
                "link you can suggest activities of %(actor)s; the neighbourhood management "
                "looks at each suggestion before it is published:\n\n%(link)s\n\n"
                "Please do not pass the link on. It works until %(date)s; the neighbourhood "
                "management can renew or revoke it at any time.\n"
            ) % {
                "contact": self.contact_name or self.name,
                "actor": self.name,
                "link": self.suggestion_url(key),
                "date": timezone.localtime(self.suggestion_link_expires).strftime("%d.%m.%Y"),
            }
        try:
            send_mail(subject, body, None, [self.email], fail_silently=False)
        except Exception:
            logger.exception("suggestion link for actor %s could not be sent", self.pk)
            return False
        return True

    @property
    def language_codes(self):
        return [code.strip() for code in (self.languages or "").split(",") if code.strip()]

    @property
    def language_names(self):
        return [gettext(_DJANGO_LANGUAGE_NAMES.get(code, code)) for code in self.language_codes]

    def record_contact(self, user, day=None):
        """The quarter management spoke with them today (or on `day`)."""
        day = day or timezone.localdate()
        if self.last_contact == day:
            return False
        self.last_contact = day
        self.save_as(user)
        return True

    def structured_data(self, base_url):
        """schema.org Organization for search engines and assistants (JSON-LD)."""
        data = {
            "@context": "https://schema.org",
            "@type": "GovernmentOrganization"
            if self.kind == ActorKind.CITY_SERVICE
            else "Organization",
            "name": self.name,
            "url": base_url + self.get_absolute_url(),
            "description": self.summary or "",
            "areaServed": [
                {"@type": "Place", "name": f"{quarter.name}, Heilbronn"}
                for quarter in self.quarters.all()
            ],
        }
        if self.website:
            data["sameAs"] = [self.website]
        if self.email:
            data["email"] = self.email
        if phones.e164(self.phone):
            data["telephone"] = phones.e164(self.phone)
        if self.language_codes:
            data["knowsLanguage"] = self.language_codes
        return data


RESERVED_SLUGS = {"mitmachen"}


def unique_slug(name):
    base = slugify(name)[:160] or "akteur"
    slug, n = base, 2
    # "mitmachen" is the registration form's address.
    while slug in RESERVED_SLUGS or Actor.objects.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


class IdeaStatus(models.TextChoices):
    RECEIVED = "received", pgettext_lazy("idea status", "Received")
    LOOKING = "looking", pgettext_lazy("idea status", "Being looked at")
    REALISED = "realised", pgettext_lazy("idea status", "Realised")
    NOT_POSSIBLE = "not_possible", pgettext_lazy("idea status", "Not possible")


class IdeaQuerySet(models.QuerySet):
    def public(self):
        """What residents see: ideas the quarter management has looked at and shown."""
        return self.filter(is_shown=True)

    def realised(self):
        return self.filter(status=IdeaStatus.REALISED)

    def contact_expired(self, today=None):
        today = today or timezone.localdate()
        limit = today - timedelta(days=settings.IDEA_CONTACT_RETENTION_DAYS)
        return self.exclude(contact="").filter(created_at__date__lt=limit)


class Idea(models.Model):
    """A resident's idea for their quarter, with a status they can follow and the team's answer.

    No account and no name: the optional contact is for the team only and is erased after
    IDEA_CONTACT_RETENTION_DAYS. Nothing is public before the team has looked at it.
    """

    quarter = models.ForeignKey(
        "centers.Quarter",
        verbose_name=_("neighbourhood"),
        on_delete=models.CASCADE,
        related_name="ideas",
    )
    title = models.CharField(_("idea in a few words"), max_length=160)
    text = models.TextField(_("description"), max_length=3000)
    language = models.CharField(
        _("language it was written in"), max_length=8, choices=settings.LANGUAGES, default="de"
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=IdeaStatus.choices,
        default=IdeaStatus.RECEIVED,
        db_index=True,
    )
    reason = models.CharField(
        _("why it is not possible"),
        max_length=400,
        blank=True,
        help_text=_("Required when the status is “not possible”."),
    )
    answer = models.TextField(_("answer of the team"), blank=True)
    is_shown = models.BooleanField(
        _("shown on the portal"),
        default=False,
        db_index=True,
        help_text=_("Only after checking that the text names no person and insults no one."),
    )
    contact = models.CharField(
        _("contact (for the team only)"),
        max_length=200,
        blank=True,
        help_text=_("Never published; erased automatically after the retention period."),
    )
    created_at = models.DateTimeField(_("received at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = IdeaQuerySet.as_manager()

    class Meta:
        verbose_name = _("idea of a resident")
        verbose_name_plural = _("ideas of residents")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("network:idea-list", kwargs={"slug": self.quarter.slug}) + f"#idee-{self.pk}"

    def clean(self):
        super().clean()
        if self.status == IdeaStatus.NOT_POSSIBLE and not (
            getattr(self, "reason_de", None) or self.reason
        ):
            raise ValidationError({"reason_de": _("Please say why it is not possible.")})

    def _save_as(self, user):
        if user is not None and user.is_authenticated:
            self._history_user = user
        self.save()
        return True

    def show(self, user):
        """Checked: shown to residents with its status. Returns whether anything changed."""
        if self.is_shown:
            return False
        self.is_shown = True
        return self._save_as(user)

    def hide(self, user):
        if not self.is_shown:
            return False
        self.is_shown = False
        return self._save_as(user)

    def move_to(self, status, user):
        if self.status == status:
            return False
        if status == IdeaStatus.NOT_POSSIBLE and not (getattr(self, "reason_de", "") or ""):
            raise ValidationError(_("Please say why it is not possible."))
        self.status = status
        return self._save_as(user)

    def forget_contact(self):
        """The retention period is over: the contact goes, the idea stays."""
        if not self.contact:
            return False
        self.contact = ""
        self.save(update_fields=["contact"])
        return True
