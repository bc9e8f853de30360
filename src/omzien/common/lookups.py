"""Record numbers no integer column can hold match no row, in every lookup that takes one.

An id comes from a form or an address as text, and ``int("99999999999999999999999")`` is a
valid Python number. Since Django 5.0 an ``exact``, ``gt``, ``lt`` ... lookup on an integer field
answers "no rows" for a number outside the column's range, but ``in`` and the lookups through
a relation (``organisation=…``, ``organisation__in=…``, ``activity__occurrences=…``) still send
it to the database, where SQLite's driver raises ``OverflowError``: a server error for a
typed-in number. These lookups leave such numbers out, as Django's own do: a row can never
hold them, so the answer is the same, and PostgreSQL's is unchanged.

Registered once, when the ``common`` app is ready (``CommonConfig.ready``).
"""

from django.core.exceptions import EmptyResultSet
from django.db.models import IntegerField
from django.db.models.fields.related import ForeignObject
from django.db.models.fields.related_lookups import RelatedExact, RelatedIn
from django.db.models.lookups import In


class _IntegerRange:
    def _fits(self, connection):
        """A test of one value: False for an integer outside the column's range."""
        field = self.lhs.output_field
        if hasattr(field, "path_infos"):  # a relation: the column it points at
            field = field.path_infos[-1].target_fields[-1]
        try:
            low, high = connection.ops.integer_field_range(field.get_internal_type())
        except KeyError:  # not an integer column
            return lambda value: True
        return lambda value: (
            not isinstance(value, int)
            or ((low is None or value >= low) and (high is None or value <= high))
        )


class _InWithinRange(_IntegerRange):
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            fits = self._fits(connection)
            self.rhs = [value for value in self.rhs if fits(value)]  # none left: no rows
        return super().process_rhs(compiler, connection)


class IntegerFieldIn(_InWithinRange, In):
    pass


class RelatedInWithinRange(_InWithinRange, RelatedIn):
    pass


class RelatedExactWithinRange(_IntegerRange, RelatedExact):
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value() and not self._fits(connection)(self.rhs):
            raise EmptyResultSet
        return super().process_rhs(compiler, connection)


def register() -> None:
    IntegerField.register_lookup(IntegerFieldIn)
    ForeignObject.register_lookup(RelatedInWithinRange)
    ForeignObject.register_lookup(RelatedExactWithinRange)
