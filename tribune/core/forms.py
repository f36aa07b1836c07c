"""Form guards against input no person types: numbers beyond the database's integers, and editor posts whose
structure (a StreamField's counts, orders and block types, a rich text's JSON) is broken.

- ``BoundedIntegersMixin``: an integer field without bounds gets the database's 64-bit ones, and a model choice
  whose key is an integer refuses a number beyond them as an invalid choice (Django guards ``pk=`` lookups on
  integer columns, but not on a page type's ``page_ptr`` key, where SQLite raised ``OverflowError``).
- ``WellFormedPostMixin``: a bound form whose widgets cannot read the posted data answers 400 (``BadRequest``)
  before any view uses it. Wagtail's StreamField reads ``body-count``, each block's ``-type``, ``-order`` and
  ``-deleted`` with ``int()`` and ``data[…]``, and a rich text's value with ``json.loads``: a post without them was a
  500, when the form was validated and again when it was drawn with the errors.
"""

from django import forms
from django.core.exceptions import BadRequest, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator

BIGINT_MIN = -(2**63)
BIGINT_MAX = 2**63 - 1
MALFORMED_POST = "The form's data is malformed: reload the page and try again."

# What widgets raise when the data they read is missing or malformed (a QueryDict's missing key is a KeyError).
MALFORMED_DATA_ERRORS = (KeyError, ValueError, TypeError, IndexError, OverflowError, AttributeError)

_INTEGER_KEYS = {
    "AutoField",
    "BigAutoField",
    "SmallAutoField",
    "IntegerField",
    "BigIntegerField",
    "SmallIntegerField",
    "PositiveIntegerField",
    "PositiveBigIntegerField",
    "PositiveSmallIntegerField",
}


def _integer_beyond_bigint(value) -> bool:
    try:
        number = int(str(value).strip())
    except ValueError:  # not a number (or over 4,300 digits): the field's own lookup refuses it as invalid
        return len(str(value)) > 4300
    return not BIGINT_MIN <= number <= BIGINT_MAX


class _BoundedChoiceMixin:
    """For model choice fields keyed by an integer: a number beyond 64 bits is an invalid choice, not a query."""

    def _integer_keyed(self) -> bool:
        meta = self.queryset.model._meta
        key = meta.get_field(self.to_field_name) if self.to_field_name else meta.pk
        if key.is_relation:  # a page type's page_ptr: the key is the page's id
            key = key.target_field
        return key.get_internal_type() in _INTEGER_KEYS

    def to_python(self, value):
        if value not in self.empty_values and self._integer_keyed() and _integer_beyond_bigint(value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)

    def _check_values(self, value):
        if self._integer_keyed():
            for pk in value:
                if _integer_beyond_bigint(pk):
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                    )
        return super()._check_values(value)


_bounded_classes: dict[type, type] = {}


def bound_integers(field: forms.Field) -> None:
    """Give ``field`` (a form's own copy) the database's integer bounds where it has none."""
    if isinstance(field, forms.IntegerField) and not isinstance(field, forms.FloatField | forms.DecimalField):
        if field.max_value is None:
            field.validators.append(MaxValueValidator(BIGINT_MAX))
        if field.min_value is None:
            field.validators.append(MinValueValidator(BIGINT_MIN))
    elif isinstance(field, forms.ModelChoiceField) and not isinstance(field, _BoundedChoiceMixin):
        cls = type(field)
        if cls not in _bounded_classes:
            _bounded_classes[cls] = type(f"Bounded{cls.__name__}", (_BoundedChoiceMixin, cls), {})
        field.__class__ = _bounded_classes[cls]


class BoundedIntegersMixin:
    """Form mixin: every integer and integer-keyed choice the form reads fits in a 64-bit database column."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            bound_integers(field)


def _widgets_read(form: forms.BaseForm) -> None:
    for name, field in form.fields.items():
        try:
            field.widget.value_from_datadict(form.data, form.files, form.add_prefix(name))
        except MALFORMED_DATA_ERRORS as error:
            raise BadRequest(MALFORMED_POST) from error
    for formset in getattr(form, "formsets", {}).values():
        for child in formset.forms:
            _widgets_read(child)


class WellFormedPostMixin(BoundedIntegersMixin):
    """Form mixin for editors' forms drawn by JavaScript (the page editor): a post whose structure its widgets
    cannot read is a 400, and integers are bounded as in ``BoundedIntegersMixin``."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound:
            _widgets_read(self)
