from allauth.account.adapter import DefaultAccountAdapter

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
