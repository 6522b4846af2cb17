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


def nav_items(user) -> list[dict]:
    return [item for module in app_modules("nav") for item in module.nav_items(user)]


def home_panels(**kwargs) -> list[dict]:
    return [panel for module in app_modules("panels") for panel in module.home_panels(**kwargs)]
