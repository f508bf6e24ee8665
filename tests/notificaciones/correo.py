"""E-mail backends for tests: Django's locmem backend (mailoutbox) that fails on purpose."""

import smtplib

from django.core.mail.backends.locmem import EmailBackend


class FallaLasPrimerasVeces(EmailBackend):
    """Refuses the first `fallas` messages as a dropped SMTP connection would, then delivers."""

    fallas = 0
    llamadas = 0

    def send_messages(self, messages):
        type(self).llamadas += 1
        if type(self).llamadas <= type(self).fallas:
            raise smtplib.SMTPServerDisconnected("conexión cerrada por el servidor")
        return super().send_messages(messages)


class RechazaSiempre(EmailBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPRecipientsRefused({"x@example.com": (550, b"no such user")})
