import time

from allauth.account import app_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.core import context

from conciliacion.red import ip_del_cliente
from cuentas.roles import Rol


class AdaptadorCuentas(DefaultAccountAdapter):
    """Self sign-up creates consumer accounts only; every other role is given by staff."""

    def save_user(self, request, user, form, commit=True):
        user.rol = Rol.CONSUMIDOR
        return super().save_user(request, user, form, commit=commit)

    def get_client_ip(self, request) -> str:
        """The address allauth's rate limits key on: the real client behind our trusted proxies
        (PROXIES_DE_CONFIANZA), resolved as DRF's throttles resolve it."""
        return ip_del_cliente(request) or "0.0.0.0"  # noqa: S104 (a key, not a bind address)

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        """Staff are sent to enrol TOTP right after logging in: the password they typed seconds
        ago counts as a recent authentication there (same window as a reauthentication), so
        they are not asked for it twice. Any other sensitive act keeps allauth's rule."""
        if app == "allauth.mfa" and _ingreso_reciente(getattr(context, "request", None)):
            return False
        return super().is_reauthentication_required(app=app, **kwargs)


def _ingreso_reciente(request) -> bool:
    if request is None or not request.user.is_authenticated:
        return False
    registros = get_authentication_records(request, request.user)
    if not registros:
        return False
    return time.time() - registros[-1]["at"] < app_settings.REAUTHENTICATION_TIMEOUT
