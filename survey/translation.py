from modeltranslation.translator import TranslationOptions, register

from survey.models import Choice, Excerpt, MatrixRow, Question, Survey


@register(Survey)
class SurveyTranslationOptions(TranslationOptions):
    fields = Survey.TRACKED_FIELDS


@register(Question)
class QuestionTranslationOptions(TranslationOptions):
    fields = Question.TRACKED_FIELDS


@register(Choice)
class ChoiceTranslationOptions(TranslationOptions):
    fields = Choice.TRACKED_FIELDS


@register(MatrixRow)
class MatrixRowTranslationOptions(TranslationOptions):
    fields = MatrixRow.TRACKED_FIELDS


@register(Excerpt)
class ExcerptTranslationOptions(TranslationOptions):
    fields = Excerpt.TRACKED_FIELDS
