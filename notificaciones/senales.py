"""Reactions to allauth's signals: an address for notices waiting for confirmation is confirmed as
soon as it becomes a verified e-mail of the account, since the verification proved it receives
mail (docs/decisions/0011-domicilio-del-consumidor.md).

The password_reset receiver must run after cuentas.senales.verificar_correo_al_restablecer,
which marks the address verified: receivers run in the order they were connected, and
"cuentas" comes before "notificaciones" in INSTALLED_APPS.
"""

from allauth.account.signals import email_confirmed, password_reset
from django.dispatch import receiver

from notificaciones.cambios_de_domicilio import confirmar_por_verificacion


@receiver(password_reset)
def confirmar_domicilio_al_restablecer(sender, request, user, **kwargs):
    confirmar_por_verificacion(user)


@receiver(email_confirmed)
def confirmar_domicilio_al_verificar(sender, request, email_address, **kwargs):
    confirmar_por_verificacion(email_address.user)
