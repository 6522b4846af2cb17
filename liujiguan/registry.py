"""How apps plug into the shared pages without editing them: optional `nav.py` and `panels.py` modules.

- `<app>/nav.py` defines `nav_items(user) -> list[dict(label=, url=, icon=)]` for the main navigation;
- `<app>/panels.py` defines `home_panels(*, user, role, person, campaign) -> list[dict(template=, ...)]`
  for the role's home page (each dict is the context of its template).
"""

from functools import cache
from importlib import import_module

from .roles import PORTAL_APPS


@cache
def app_modules(submodule: str) -> tuple:
    modules = []
    for app in PORTAL_APPS:
        try:
            modules.append(import_module(f"{app}.{submodule}"))
        except ModuleNotFoundError as error:
            if error.name != f"{app}.{submodule}":
                raise
    return tuple(modules)


# Where each app's entries go in the navigation bar: a menu of its own, a shared dropdown, or the bell on the right.
NAV_PLACES = {
    "dashboards": "main",
    "campaigns": "plans",
    "planimport": "plans",
    "registers": "main",
    "reception": "main",
    "evaluations": "main",
    "disclosure": "more",
    "notifications": "bell",
}


def nav_menu(user) -> dict[str, list[dict]]:
    """The navigation grouped for the navbar: main entries, the plans dropdown, the "more" dropdown and the bell."""
    menu = {"main": [], "plans": [], "more": [], "bell": []}
    for module in sorted(app_modules("nav"), key=lambda m: list(NAV_PLACES).index(m.__name__.split(".")[0])):
        app = module.__name__.split(".")[0]
        menu[NAV_PLACES.get(app, "more")].extend(module.nav_items(user))
    return menu


def home_panels(**kwargs) -> list[dict]:
    return [panel for module in app_modules("panels") for panel in module.home_panels(**kwargs)]
