"""Checks shared by the browser tests that walk the portal as a phone would.

- `desborde(pagina)`: how many CSS pixels the page is wider than the viewport (0 = no sideways
  scroll).
- `violaciones_axe(pagina)`: axe-core's critical and serious violations on the current page. axe is
  served by our own static files (node_modules/axe-core, never a CDN) and injected as a
  same-origin <script src>, which the portal's CSP (script-src 'self') allows.
- `recorrer(pagina, inicio, limite)`: the same-origin pages reachable by links from `inicio`,
  breadth first, skipping downloads, the API and the admin. Every kind of page (the URL pattern
  Django resolves it to, plus the names of its query parameters) is visited `por_ruta` times, so
  the walk reaches every page a persona can reach instead of the first N links; `limite` is only
  a safety bound.
"""

from collections import Counter, deque
from urllib.parse import parse_qsl, urldefrag, urlsplit

from django.urls import Resolver404, resolve
from playwright.sync_api import Error as PlaywrightError

AXE = "/static/vendor/axe-core/axe.min.js"
IMPACTOS_QUE_FALLAN = {"critical", "serious"}
# Downloads (PDF, .ics, files), JSON and the Django admin are not pages a citizen reads.
EXCLUIDOS = ("/admin/", "/api/", "/static/", "/cuentas/logout", "/media/")
EXTENSIONES_EXCLUIDAS = (".pdf", ".ics", ".csv", ".json", ".zip", ".png", ".jpg", ".svg")
# Re-authentication steps only repeat a form already checked, once per "next" target.
PALABRAS_EXCLUIDAS = ("descargar", "/archivo", "/pdf", "reauthenticate")


def _cargada(pagina) -> None:
    """Waits for what a person sees: the load event (every stylesheet applied) and the fonts.
    A text can be visible to Playwright right after a redirect while a stylesheet is still being
    revalidated; Chromium then lays the page out without it (it never paints that state), and an
    unstyled header measured 8 px too wide on a fast run."""
    pagina.wait_for_load_state("load")
    pagina.evaluate("document.fonts.ready.then(() => true)")


def desborde(pagina) -> int:
    _cargada(pagina)
    return pagina.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def elementos_anchos(pagina) -> list[str]:
    """The innermost elements that stick out past the right edge (their ancestors stick out
    because of them), with a little of their text, to make a failure readable."""
    return pagina.evaluate(
        """() => {
            const ancho = window.innerWidth;
            const fuera = [];
            for (const el of document.querySelectorAll('body *')) {
                const r = el.getBoundingClientRect();
                const hijoAncho = [...el.children].some(
                    (h) => h.getBoundingClientRect().right > ancho + 1);
                if (r.right > ancho + 1 && r.width > 0 && !hijoAncho) {
                    fuera.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
                        (el.className && typeof el.className === 'string'
                            ? '.' + el.className.trim().split(/\\s+/).join('.') : '') +
                        ' (' + Math.round(r.right) + 'px) ' +
                        (el.textContent || '').trim().slice(0, 40));
                }
            }
            return fuera.slice(0, 8);
        }"""
    )


def esperar_animaciones(pagina) -> None:
    """Let running finite CSS animations end (a spinner's never does). axe reads colours as
    painted, and an opening <details> fades in (poncho's `open`, 0.2 s): mid-fade text reads as
    low contrast (a CI run saw #333 at 4.17:1 in the open-data chart's table)."""
    pagina.evaluate(
        """async () => {
            const enCurso = document.getAnimations().filter(
                a => a.playState === 'running'
                    && a.effect && a.effect.getComputedTiming().endTime !== Infinity);
            await Promise.all(enCurso.map(a => a.finished.catch(() => null)));
        }"""
    )


def violaciones_axe(pagina) -> list[dict]:
    if not pagina.evaluate("typeof window.axe !== 'undefined'"):
        pagina.add_script_tag(url=AXE)
    esperar_animaciones(pagina)
    resultado = pagina.evaluate(
        """async () => {
            const r = await axe.run(document, {resultTypes: ['violations']});
            return r.violations.map(v => ({
                id: v.id, impacto: v.impact, ayuda: v.help,
                nodos: v.nodes.map(n => n.target.join(' ') + ' — ' + n.failureSummary).slice(0, 5),
                cantidad: v.nodes.length,
            }));
        }"""
    )
    return [v for v in resultado if v["impacto"] in IMPACTOS_QUE_FALLAN]


def _es_pagina(url: str, origen: str) -> bool:
    if not url.startswith(origen):
        return False
    ruta = urlsplit(url).path.lower()
    return not (
        ruta.startswith(EXCLUIDOS)
        or ruta.endswith(EXTENSIONES_EXCLUIDAS)
        or any(palabra in ruta for palabra in PALABRAS_EXCLUIDAS)
    )


def enlaces(pagina, origen: str) -> list[str]:
    hrefs = pagina.eval_on_selector_all("a[href]:not([download])", "els => els.map(e => e.href)")
    return [urldefrag(h)[0] for h in hrefs if _es_pagina(urldefrag(h)[0], origen)]


def clase_de_pagina(url: str) -> tuple[str, tuple[str, ...]]:
    """("reclamos/<int:pk>/", ("pagina",)) for /reclamos/7/?pagina=2: what makes two URLs the
    same kind of page."""
    partes = urlsplit(url)
    try:
        ruta = resolve(partes.path).route
    except Resolver404:
        ruta = partes.path
    return ruta, tuple(sorted({clave for clave, _ in parse_qsl(partes.query)}))


def recorrer(pagina, inicio: str, limite: int, revisar, por_ruta: int = 1) -> list[str]:
    """Visits the pages reachable from `inicio` (breadth first), `por_ruta` of each kind and at
    most `limite` in all, and calls `revisar(url)` on each one while it is loaded. Pages that
    answer 4xx (links the persona may not follow) are visited and checked too: their error page
    must also fit a phone."""
    origen = pagina.evaluate("location.origin")
    pendientes = deque([origen + inicio])
    vistos: set[str] = set(pendientes)
    por_clase = Counter([clase_de_pagina(origen + inicio)])
    visitadas: list[str] = []
    while pendientes and len(visitadas) < limite:
        url = pendientes.popleft()
        try:
            respuesta = pagina.goto(url)
        except PlaywrightError as error:
            # A link that answers with a file (a CSV export) is a download, not a page.
            if "Download is starting" in str(error):
                continue
            raise
        tipo = (respuesta.headers.get("content-type", "") if respuesta else "") or ""
        if "text/html" not in tipo or not pagina.url.startswith(origen):
            continue
        visitadas.append(url)
        revisar(url, respuesta.status)
        for enlace in enlaces(pagina, origen):
            clase = clase_de_pagina(enlace)
            if enlace not in vistos and por_clase[clase] < por_ruta:
                vistos.add(enlace)
                por_clase[clase] += 1
                pendientes.append(enlace)
    return visitadas


def ir_por_el_menu(pagina, enlace: str) -> None:
    """Clicks `enlace` in the header's "Áreas de trabajo" menu, opening "Mis trámites" first
    when the menu is folded (at narrow widths). The page is read whole first: checked while the
    menu was still arriving, the link looked hidden, and the click on "Mis trámites" then closed
    the menu that was open (two CI failures)."""
    pagina.wait_for_load_state("load")
    menu = pagina.get_by_role("navigation", name="Áreas de trabajo")
    destino = menu.get_by_role("link", name=enlace)
    destino.wait_for(state="attached")
    if not destino.is_visible():
        menu.locator("summary", has_text="Mis trámites").click()
        destino.wait_for(state="visible")
    destino.click()
