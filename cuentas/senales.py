"""Reactions to allauth's signals."""

from allauth.account.models import EmailAddress
from allauth.account.signals import password_reset
from django.dispatch import receiver


@receiver(password_reset)
def verificar_correo_al_restablecer(sender, request, user, **kwargs):
    """A reset link is only ever sent to an address of the account. When the account has no
    address but its own (a consumer whose claim was filed at an office, an invited
    representative), following the link proves the person controls it: the address counts as
    verified, so the first login does not ask for a second confirmation e-mail."""
    direcciones = list(EmailAddress.objects.filter(user=user))
    if any(d.email.lower() != user.email.lower() for d in direcciones):
        return
    if direcciones:
        EmailAddress.objects.filter(user=user).update(verified=True)
    else:
        EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)


def _olvidar_menu_de_la_membresia(sender, instance, **kwargs):
    from cuentas.menu import olvidar

    olvidar(instance.usuario_id)


def _olvidar_menu_de_la_organizacion(sender, instance, **kwargs):
    from cuentas.menu import olvidar
    from cuentas.models import Membresia

    olvidar(*Membresia.objects.filter(organizacion=instance).values_list("usuario_id", flat=True))


def _olvidar_mfa(sender, instance, **kwargs):
    from django.core.cache import cache

    from cuentas.permisos import clave_mfa

    cache.delete(clave_mfa(instance.user_id))


def _conectar_menu():
    from allauth.mfa.models import Authenticator
    from django.db.models.signals import post_delete, post_save

    from cuentas.models import Membresia, Organizacion

    post_save.connect(_olvidar_menu_de_la_membresia, sender=Membresia, weak=False)
    post_delete.connect(_olvidar_menu_de_la_membresia, sender=Membresia, weak=False)
    post_save.connect(_olvidar_menu_de_la_organizacion, sender=Organizacion, weak=False)
    post_save.connect(_olvidar_mfa, sender=Authenticator, weak=False)
    post_delete.connect(_olvidar_mfa, sender=Authenticator, weak=False)


_conectar_menu()
