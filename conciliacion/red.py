"""The client's address, one rule for every limit (allauth's rate limits, DRF's throttles, the
public forms): behind PROXIES_DE_CONFIANZA proxies that each append to X-Forwarded-For, the client
is the entry that many places from the right; anything further left was written by the client and
is ignored. With no trusted proxy, or a header shorter than the proxy chain (a request that did not
come through it), REMOTE_ADDR."""

import ipaddress

from django.conf import settings


def ip_del_cliente(request) -> str:
    remota = request.META.get("REMOTE_ADDR", "") or ""
    saltos = int(getattr(settings, "PROXIES_DE_CONFIANZA", 0) or 0)
    if saltos <= 0:
        return remota
    cabecera = request.META.get("HTTP_X_FORWARDED_FOR", "")
    direcciones = [parte.strip() for parte in cabecera.split(",") if parte.strip()]
    if len(direcciones) < saltos:
        return remota
    candidata = direcciones[-saltos]
    try:
        return str(ipaddress.ip_address(candidata))
    except ValueError:
        return remota
