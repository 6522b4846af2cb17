"""Reads for the plan import: the import list and matching names to existing people in either script."""

from leadership.models import Person
from liujiguan.script import both_scripts

from .models import PlanImport


def import_list(*, user=None):
    return PlanImport.objects.select_related("uploaded_by", "campaign").defer("text", "parsed")


def people_match(*, names) -> dict[str, Person | None]:
    """Each name → the existing Person with that name in Simplified or Traditional script (oldest first), or None."""
    names = [name for name in dict.fromkeys(names) if name]
    forms = {name: both_scripts(name) for name in names}
    candidates = set().union(*forms.values()) if forms else set()
    people = list(Person.objects.filter(name__in=candidates).select_related("department").order_by("pk"))
    found = {}
    for name in names:
        found[name] = next((person for person in people if person.name in forms[name]), None)
    return found
