"""Form fields every app's public forms share."""

from django import forms

_BIGINT = 2**63


def _fits_a_database_key(value):
    """Whether `value` could be a primary key; a 30-digit number must not reach the database
    (SQLite raises OverflowError, PostgreSQL a DataError) — it is simply an invalid choice."""
    try:
        number = int(str(value).strip())
    except ValueError:
        return True  # not a number at all: Django's own validation says "invalid choice"
    return -_BIGINT <= number < _BIGINT


class ModelChoiceField(forms.ModelChoiceField):
    def to_python(self, value):
        if value not in self.empty_values and not _fits_a_database_key(value):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        for item in value:
            if not _fits_a_database_key(item):
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": item},
                )
        return super()._check_values(value)
