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
