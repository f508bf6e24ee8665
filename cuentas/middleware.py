"""Session policy and mandatory MFA for staff and conciliators."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from conciliacion.errores import cuerpo_de_error
from cuentas.permisos import le_falta_mfa

# Paths a staff member may use before enrolling MFA: the account pages (login, logout, MFA
# activation, password change), static files and health checks.
RUTAS_SIN_MFA = (
    "/cuentas/",
    "/static/",
    "/agencia.css",
    "/healthz",
    "/readyz",
    "/i18n/",
    "/verificar/",
)


class PoliticaDeSesionMiddleware:
    """Staff sessions end after 30 minutes idle and 12 hours in all."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        usuario = getattr(request, "user", None)
        if usuario is not None and usuario.is_authenticated and usuario.requiere_mfa:
            ahora = time.time()
            inicio = request.session.setdefault("sesion_inicio", ahora)
            ultimo = request.session.get("sesion_ultimo", ahora)
            inactiva = ahora - ultimo > settings.SESION_PERSONAL_INACTIVIDAD.total_seconds()
            vencida = ahora - inicio > settings.SESION_PERSONAL_ABSOLUTA.total_seconds()
            if inactiva or vencida:
                logout(request)
                messages.info(request, _("Tu sesión venció. Ingresá de nuevo."))
                return redirect(settings.LOGIN_URL)
            # Write the session at most once a minute, not on every request.
            if ahora - ultimo > 60 or "sesion_ultimo" not in request.session:
                request.session["sesion_ultimo"] = ahora
        return self.get_response(request)


class MfaObligatorioMiddleware:
    """No staff page (nor API call by session) until the user has enrolled TOTP."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        usuario = getattr(request, "user", None)
        if (
            usuario is not None
            and not request.path.startswith(RUTAS_SIN_MFA)
            and le_falta_mfa(usuario)
        ):
            if request.path.startswith("/api/"):
                return JsonResponse(
                    cuerpo_de_error(
                        "mfa_required",
                        _("Tu rol exige verificación en dos pasos: activala antes de continuar."),
                    ),
                    status=403,
                )
            messages.warning(
                request,
                _("Tu rol exige verificación en dos pasos. Activala para continuar."),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)
