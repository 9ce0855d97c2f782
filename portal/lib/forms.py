from django.forms.renderers import DjangoTemplates, Jinja2
from django.template import TemplateDoesNotExist


class FormRenderer(Jinja2):
    """Django's form and widget templates in the Jinja2 versions Django ships beside them: an
    admin change form renders some 500 of them (attributes, inputs, labels, error lists), and
    Jinja2 renders each in a fraction of the time. Templates that exist only in Django's template
    language — the admin's widgets, the survey's question layout — render as before.

    A template of ours under the name of one of Django's form templates would have to be
    written for Jinja2 (a `jinja2/` folder of an app): this renderer looks there first."""

    def __init__(self):
        super().__init__()
        self.django_templates = DjangoTemplates()

    def get_template(self, template_name):
        try:
            return super().get_template(template_name)
        except TemplateDoesNotExist:
            return self.django_templates.get_template(template_name)
