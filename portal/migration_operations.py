"""Moving a model between apps with its table and rows intact.

Models that lived in the project package (`heilbronn_quartier`) now live in the app they belong
to. On a database made before the move, their tables are renamed; on a new database they are
created. Content types follow, so permissions, group rights and admin log entries keep pointing
at the right model.
"""

LEGACY_APP = "heilbronn_quartier"


def adopt_tables(app_label, model_names):
    """A RunPython function: rename `heilbronn_quartier_<model>` tables, or create them."""

    def forwards(apps, schema_editor):
        connection = schema_editor.connection
        tables = set(connection.introspection.table_names())
        content_types = apps.get_model("contenttypes", "ContentType")
        for name in model_names:
            model = apps.get_model(app_label, name)
            legacy = f"{LEGACY_APP}_{model._meta.model_name}"
            if legacy not in tables:
                schema_editor.create_model(model)
                continue
            schema_editor.alter_db_table(model, legacy, model._meta.db_table)
            for field in model._meta.local_many_to_many:
                through = field.remote_field.through
                old_through = f"{legacy}_{field.name}"
                if old_through in tables:
                    schema_editor.alter_db_table(through, old_through, through._meta.db_table)
            content_types.objects.filter(app_label=LEGACY_APP, model=model._meta.model_name).update(
                app_label=app_label
            )

    return forwards
