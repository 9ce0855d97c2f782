from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.models import SitePage
from staff import revisions
from staff.editorial import EditorialAdminMixin
from staff.models import Revision, RevisionState, StaffProfile
from staff.permissions import may_publish
from staff.rich_text import RichTextAdminMixin
from staff.translation_admin import TabbedTranslationAdmin


@admin.register(SitePage)
class SitePageAdmin(RichTextAdminMixin, EditorialAdminMixin, TabbedTranslationAdmin):
    list_display = ["__str__", "updated_at"]
    rich_text_fields = ["body"]


class StaffProfileInline(admin.StackedInline):
    model = StaffProfile
    can_delete = False
    verbose_name_plural = _("centres and admin language")
    filter_horizontal = ["centres"]


admin.site.unregister(User)


@admin.register(User)
class PortalUserAdmin(UserAdmin):
    """Users with their centres and language; only superusers manage accounts and roles."""

    inlines = [StaffProfileInline]
    list_display = ["username", "first_name", "last_name", "is_staff", "roles"]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups"]

    @admin.display(description=_("roles"))
    def roles(self, obj):
        return ", ".join(group.name for group in obj.groups.all())

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment for the author"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you return the change."),
    )


@admin.register(Revision)
class RevisionAdmin(admin.ModelAdmin):
    """The review queue: every waiting change of every content type, with its difference."""

    list_display = ["object_repr", "content_type", "action", "submitted_by", "created_at", "state"]
    list_filter = ["state", "action", "content_type"]
    list_select_related = ["content_type", "submitted_by"]
    search_fields = ["object_repr"]
    change_form_template = "admin/staff/revision/review.html"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if may_publish(request.user):
            return queryset
        return queryset.filter(submitted_by=request.user)

    def _takes_part(self, request):
        """The office, and whoever may change content that runs through the workflow."""
        user = request.user
        if not (user.is_active and user.is_staff):
            return False
        if may_publish(user):
            return True
        return any(
            user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}")
            for model, model_admin in self.admin_site._registry.items()
            if isinstance(model_admin, EditorialAdminMixin)
        )

    def has_module_permission(self, request):
        return self._takes_part(request)

    def has_view_permission(self, request, obj=None):
        return self._takes_part(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        revision = self.get_object(request, object_id)
        if revision is None:
            raise Http404
        deciding = may_publish(request.user) and revision.state == RevisionState.PENDING
        form = ReviewForm(request.POST or None)
        if request.method == "POST" and deciding and form.is_valid():
            comment = form.cleaned_data["comment"]
            try:
                if "_approve" in request.POST:
                    revisions.approve(revision, request.user)
                    self.message_user(request, _("The change is published."), messages.SUCCESS)
                    return HttpResponseRedirect(reverse("admin:staff_revision_changelist"))
                if "_return" in request.POST:
                    revisions.return_revision(revision, request.user, comment)
                    self.message_user(
                        request, _("The change was returned to its author."), messages.SUCCESS
                    )
                    return HttpResponseRedirect(reverse("admin:staff_revision_changelist"))
            except ValidationError as error:
                form.add_error("comment", error)
        live = revision.live_object()
        live_url = ""
        if live is not None:
            opts = live._meta
            live_url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[live.pk])
        context = {
            **self.admin_site.each_context(request),
            "title": str(revision),
            "opts": self.opts,
            "revision": revision,
            "difference": revisions.difference(revision),
            "deciding": deciding,
            "form": form,
            "live_url": live_url,
            **(extra_context or {}),
        }
        return TemplateResponse(request, self.change_form_template, context)
