"""Change history (django-simple-history) for everything editors maintain.

Each domain app registers its own models from its AppConfig.ready(), so the historical tables
live in that app and a field added to a model makes a migration in that app alone. Registering
in ready() (not with a model attribute) comes after modeltranslation has added the translated
columns (its app comes first), so every language version of a text is kept.
"""


def register_history(app_config, model_names, **options_by_model):
    from simple_history import register
    from simple_history.models import HistoricalRecords

    for name in model_names:
        model = app_config.get_model(name)
        if getattr(model._meta, "simple_history_manager_attribute", None):
            continue
        register(
            model,
            app=app_config.label,
            records_class=HistoricalRecords,
            **options_by_model.get(name, {}),
        )
