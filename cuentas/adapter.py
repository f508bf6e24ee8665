from allauth.account.adapter import DefaultAccountAdapter

from cuentas.roles import Rol


class AdaptadorCuentas(DefaultAccountAdapter):
    """Self sign-up creates consumer accounts only; every other role is given by staff."""

    def save_user(self, request, user, form, commit=True):
        user.rol = Rol.CONSUMIDOR
        return super().save_user(request, user, form, commit=commit)
