"""The rich-text editor in the admin (django-prose-editor) for the texts editors write as prose.

What the editor can produce is a subset of what `portal.lib.html.sanitise` keeps, and the models
sanitise on every save whatever was posted. The editor's assets come from our own static files;
its import map (an inline script) carries the CSP nonce, and Tiptap's own inline stylesheet is
replaced by static/staff/rich-text.css (the empty `<style data-tiptap-style>` in the change form
tells Tiptap it is there already).
"""

from django import forms
from django_prose_editor.widgets import AdminProseEditorWidget
from js_asset import Media

from portal.lib.html import rich_text

EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Heading": {"levels": [2, 3]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto", "tel"]},
}


class RichTextWidget(AdminProseEditorWidget):
    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, config={"extensions": EXTENSIONS}, preset="configurable")

    @property
    def media(self):
        return super().media + Media(css={"all": ["staff/rich-text.css"]})


class RichTextFormField(forms.CharField):
    """Whatever is posted (the editor's HTML, or plain text where the script did not run) is
    stored in one canonical form, so an untouched text never counts as a change."""

    def to_python(self, value):
        return rich_text(super().to_python(value))


class RichTextAdminMixin:
    """`rich_text_fields = ["description"]`: each language tab of these fields gets the editor."""

    rich_text_fields = ()

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        original = getattr(db_field, "translated_field", db_field)
        if original.name in self.rich_text_fields:
            kwargs["widget"] = RichTextWidget
            kwargs["form_class"] = RichTextFormField
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # The import map is an inline script: without the request's nonce the CSP blocks it.
        context["media"] = Media.from_media(context["media"], nonce=request.csp_nonce)
        context["rich_text_editor"] = bool(self.rich_text_fields)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def render_history_view(self, request, template, context, **kwargs):
        # simple_history renders an old version with its media already turned into a string.
        if "adminform" in context:
            media = self.media + context["adminform"].form.media
            context["media"] = Media.from_media(media, nonce=request.csp_nonce)
            context["rich_text_editor"] = bool(self.rich_text_fields)
        return super().render_history_view(request, template, context, **kwargs)
