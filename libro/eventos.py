"""The sheet's timeline: one small function per event type, called only by services inside
their transaction. Rows are append-only (libro.models.EventoHoja)."""

from django.utils.translation import gettext as _

from libro.models import EventoHoja, Hoja

A = EventoHoja.Actor


def _fecha(valor) -> str:
    return f"{valor:%d/%m/%Y}" if valor else ""


def registrar(hoja: Hoja, codigo: str, texto: str, *, actor, por=None, fuente="", **datos):
    return EventoHoja.objects.create(
        hoja=hoja,
        codigo=codigo,
        actor=actor,
        por=por,
        texto=texto[:300],
        datos=datos,
        fuente=fuente,
    )


def hoja_registrada(hoja: Hoja) -> EventoHoja:
    return registrar(
        hoja,
        "hoja.registrada",
        _("%(tipo)s registrado en el libro %(libro)s con el N.º %(n)s.")
        % {"tipo": hoja.get_tipo_display(), "libro": hoja.libro.codigo, "n": hoja.numero},
        actor=A.CONSUMIDOR,
        fuente="DS 011-2011-PCM",
        medio=hoja.medio_respuesta,
    )


def hoja_en_papel(hoja: Hoja, *, por) -> EventoHoja:
    return registrar(
        hoja,
        "hoja.en_papel",
        _(
            "Hoja física N.º %(p)s, presentada el %(f)s en el libro del establecimiento, "
            "registrada por el proveedor con su fecha original."
        )
        % {"p": hoja.numero_en_papel, "f": _fecha(hoja.fecha_presentacion)},
        actor=A.PROVEEDOR,
        por=por,
        fuente="S003",
        numero_en_papel=hoja.numero_en_papel,
    )


def prueba_adjuntada(hoja: Hoja, *, nombre: str) -> EventoHoja:
    return registrar(
        hoja,
        "hoja.prueba",
        _("El consumidor adjuntó una prueba: %(n)s.") % {"n": nombre},
        actor=A.CONSUMIDOR,
        archivo=nombre,
    )


def plazo_abierto(hoja: Hoja, *, tipo: str, vence) -> EventoHoja:
    from libro import terminos

    textos = {
        terminos.RESPUESTA: _("Corre el plazo de 15 días hábiles para responder: vence el %(v)s."),
        terminos.PROPUESTA: _(
            "Corre el plazo de 5 días hábiles para aceptar la propuesta: vence el %(v)s."
        ),
    }
    return registrar(
        hoja,
        "plazo.abierto",
        textos[tipo] % {"v": _fecha(vence)},
        actor=A.PORTAL,
        fuente="Ley 29571 art. 24" if tipo == terminos.RESPUESTA else "DS 101-2022-PCM",
        tipo=tipo,
        vence=vence.isoformat() if vence else None,
    )


def constancia_enviada(hoja: Hoja, *, email: str) -> EventoHoja:
    return registrar(
        hoja,
        "constancia.enviada",
        _("Se envió la constancia con la hoja completa a %(e)s.") % {"e": email},
        actor=A.PORTAL,
        email=email,
    )


def en_atencion(hoja: Hoja, *, por) -> EventoHoja:
    return registrar(
        hoja,
        "hoja.en_atencion",
        _("El proveedor tomó la hoja en atención."),
        actor=A.PROVEEDOR,
        por=por,
    )


def propuesta_enviada(hoja: Hoja, *, por, propuesta) -> EventoHoja:
    if propuesta.suspende:
        texto = _(
            "El proveedor envió una propuesta de solución; el plazo de respuesta queda suspendido "
            "hasta que el consumidor la acepte o rechace (como máximo hasta el %(v)s)."
        ) % {"v": _fecha(propuesta.vence)}
    else:
        texto = _(
            "El proveedor envió una nueva propuesta de solución (n.º %(n)s). No suspende otra vez "
            "el plazo de respuesta, que vence el %(v)s."
        ) % {"n": propuesta.numero, "v": _fecha(hoja.vence_respuesta)}
    return registrar(
        hoja,
        "propuesta.enviada",
        texto,
        actor=A.PROVEEDOR,
        por=por,
        fuente="DS 101-2022-PCM",
        propuesta=propuesta.texto,
    )


def propuesta_aceptada(hoja: Hoja) -> EventoHoja:
    return registrar(
        hoja,
        "propuesta.aceptada",
        _("El consumidor aceptó la propuesta: la hoja se cierra con acuerdo aceptado."),
        actor=A.CONSUMIDOR,
        fuente="DS 101-2022-PCM",
    )


def propuesta_sin_efecto(hoja: Hoja, *, por, propuesta) -> EventoHoja:
    return registrar(
        hoja,
        "propuesta.sin_efecto",
        _(
            "El proveedor envió la respuesta formal mientras la propuesta n.º %(n)s esperaba la "
            "decisión del consumidor: la propuesta queda sin efecto."
        )
        % {"n": propuesta.numero},
        actor=A.PROVEEDOR,
        por=por,
        fuente="Ley 29571 art. 24",
    )


def propuesta_rechazada(hoja: Hoja, *, comentario: str, vence_respuesta) -> EventoHoja:
    return registrar(
        hoja,
        "propuesta.rechazada",
        _("El consumidor rechazó la propuesta; se reanuda el plazo de respuesta: vence el %(v)s.")
        % {"v": _fecha(vence_respuesta)},
        actor=A.CONSUMIDOR,
        fuente="DS 101-2022-PCM",
        comentario=comentario,
    )


def propuesta_rechazada_por_silencio(hoja: Hoja, *, vence_respuesta) -> EventoHoja:
    return registrar(
        hoja,
        "propuesta.silencio",
        _(
            "Pasaron 5 días hábiles sin aceptación: la propuesta se tiene por rechazada y se "
            "reanuda el plazo de respuesta, que vence el %(v)s."
        )
        % {"v": _fecha(vence_respuesta)},
        actor=A.PORTAL,
        fuente="DS 101-2022-PCM",
    )


def respuesta_enviada(hoja: Hoja, *, por, respuesta) -> EventoHoja:
    if respuesta.medio == Hoja.Medio.EMAIL:
        texto = _("Respuesta formal enviada por correo electrónico a %(d)s.") % {
            "d": respuesta.destino
        }
    else:
        texto = _("Respuesta formal despachada por correo postal el %(f)s a %(d)s (%(r)s).") % {
            "f": _fecha(respuesta.despacho_fecha),
            "d": respuesta.destino,
            "r": respuesta.despacho_referencia or _("sin guía"),
        }
    return registrar(
        hoja,
        "respuesta.enviada",
        texto,
        actor=A.PROVEEDOR,
        por=por,
        fuente="Ley 29571 art. 24",
        respuesta=respuesta.texto,
    )


def recalificada(hoja: Hoja, *, por, anterior: str, nuevo: str, motivo: str) -> EventoHoja:
    return registrar(
        hoja,
        "hoja.recalificada",
        _("Recalificada de %(a)s a %(n)s. Motivo: %(m)s")
        % {"a": Hoja.Tipo(anterior).label, "n": Hoja.Tipo(nuevo).label, "m": motivo},
        actor=A.PROVEEDOR,
        por=por,
        anterior=anterior,
        nuevo=nuevo,
        motivo=motivo,
    )


def vencida(hoja: Hoja) -> EventoHoja:
    return registrar(
        hoja,
        "hoja.vencida",
        _("Venció el plazo de 15 días hábiles sin respuesta formal: infracción sancionable."),
        actor=A.PORTAL,
        fuente="Ley 29571 art. 24",
    )


def plazo_recalculado(hoja: Hoja, *, tipo: str, anterior, nuevo, motivo: str) -> EventoHoja:
    return registrar(
        hoja,
        "plazo.recalculado",
        _("El plazo %(t)s se recalculó: vencía el %(a)s, ahora vence el %(n)s. %(m)s")
        % {"t": tipo, "a": _fecha(anterior), "n": _fecha(nuevo), "m": motivo},
        actor=A.PORTAL,
        tipo=tipo,
    )
