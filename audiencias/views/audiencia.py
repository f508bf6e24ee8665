"""The conciliator's hearing page (attendance, outcome, signatures), the parties' online
signature and the provider's justification of its absence."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from audiencias.models import Acuerdo, Asistencia, Audiencia, Firma
from audiencias.permisos import acceder_audiencia, es_conciliador_de, parte_firmante
from audiencias.selectors import acuerdo_vigente, filas_de_asistencia
from audiencias.services import ampliacion, duracion, tope
from audiencias.services import audiencia as servicio
from audiencias.views.conciliacion import AmpliacionForm, ProrrogaForm, registrar_ampliacion
from conciliacion.errores import ErrorDeDominio
from conciliadores.models import Modalidad
from conciliadores.views.comun import aplicar_error
from reclamos.estados import Estado
from reclamos.permisos import acceder_reclamo, es_parte_proveedora
from reclamos.secciones import vacio


class AsistenciaForm(forms.Form):
    parte = forms.CharField(widget=forms.HiddenInput)
    proveedor = forms.IntegerField(widget=forms.HiddenInput, required=False)
    coreclamante = forms.IntegerField(widget=forms.HiddenInput, required=False)
    comparecio = forms.TypedChoiceField(
        label=gettext_lazy("¿Compareció?"),
        choices=[("1", gettext_lazy("Sí")), ("0", gettext_lazy("No"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    nombre = forms.CharField(label=gettext_lazy("Nombre de quien asistió"), required=False)
    documento_identidad = forms.CharField(label=gettext_lazy("Documento"), required=False)
    caracter = forms.ChoiceField(
        label=gettext_lazy("Carácter"),
        choices=[("", "—"), *Asistencia.Caracter.choices],
        required=False,
    )
    modo = forms.ChoiceField(
        label=gettext_lazy("Modo"), choices=[("", "—"), *Modalidad.choices], required=False
    )
    legitimacion = forms.BooleanField(label=gettext_lazy("Personería verificada"), required=False)
    domicilio_mandante = forms.BooleanField(
        label=gettext_lazy("Domicilio del mandante verificado"), required=False
    )
    facultad_transigir = forms.BooleanField(
        label=gettext_lazy("Facultad para transigir verificada"), required=False
    )
    poder_copia = forms.FileField(
        label=gettext_lazy("Copia del poder firmada (PDF, JPG o PNG)"), required=False
    )


class ResultadoForm(forms.Form):
    resultado = forms.ChoiceField(
        label=gettext_lazy("Resultado"), choices=Audiencia.Resultado.choices
    )
    observaciones = forms.CharField(
        label=gettext_lazy("Observaciones"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    dispensa_confidencialidad = forms.BooleanField(
        label=gettext_lazy(
            "Todas las personas participantes firmaron la dispensa de confidencialidad"
        ),
        required=False,
    )
    terminos = forms.CharField(
        label=gettext_lazy("Términos del acuerdo"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    monto_total = forms.DecimalField(label=gettext_lazy("Suma acordada ($)"), required=False)
    honorarios_a_cargo = forms.CharField(
        label=gettext_lazy("Honorarios a cargo de"), initial="proveedor", required=False
    )
    # Art. 2: the referral when the amount turns out to exceed the cap.
    fundamento_tope = forms.CharField(
        label=gettext_lazy("Por qué el monto supera el tope (si remitís por exceder el tope)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    monto_tope = forms.DecimalField(
        label=gettext_lazy("Monto que surge en la audiencia ($)"),
        required=False,
        min_value=0,
        decimal_places=2,
    )

    def remision(self) -> dict:
        datos = self.cleaned_data
        return {"fundamento": datos.get("fundamento_tope", ""), "monto": datos.get("monto_tope")}

    def acuerdo(self, obligaciones: list[dict]) -> dict:
        datos = self.cleaned_data
        return {
            "terminos": datos.get("terminos", ""),
            "monto_total": datos.get("monto_total"),
            "obligaciones": obligaciones,
            "honorarios_a_cargo": datos.get("honorarios_a_cargo") or "proveedor",
        }


class ObligacionForm(forms.Form):
    """One obligation of the agreement: what, how much (optional) and by when."""

    descripcion = forms.CharField(label=gettext_lazy("Descripción"), max_length=300)
    monto = forms.DecimalField(
        label=gettext_lazy("Monto ($, si corresponde)"),
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
        localize=True,
    )
    fecha_cumplimiento = forms.DateField(
        label=gettext_lazy("Cumplir hasta"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def como_dato(self) -> dict:
        d = self.cleaned_data
        return {
            "descripcion": d["descripcion"],
            "monto": "" if d.get("monto") is None else str(d["monto"]),
            "fecha_cumplimiento": d["fecha_cumplimiento"].isoformat()
            if d.get("fecha_cumplimiento")
            else "",
        }


# The agreement's obligations as a repeating form: blank rows are ignored. Two rows to start;
# "Agregar otra obligación" adds one (in the page with portal.js, or by a round trip without it).
MAXIMO_DE_OBLIGACIONES = 30
ObligacionesFormSet = forms.formset_factory(
    ObligacionForm, extra=2, max_num=MAXIMO_DE_OBLIGACIONES, validate_max=True
)


def con_una_fila_mas(datos):
    """The posted outcome with one more blank obligation row (the no-JS "add a row")."""
    copia = datos.copy()
    clave = "obligaciones-TOTAL_FORMS"
    try:
        filas = int(copia.get(clave, 0))
    except ValueError:
        filas = 0
    copia[clave] = str(min(filas + 1, MAXIMO_DE_OBLIGACIONES))
    return copia


def obligaciones_de(formset) -> list[dict]:
    if not formset.is_bound:
        return []
    return [f.como_dato() for f in formset.forms if f.has_changed() and f.is_valid()]


class FirmaEnLineaForm(forms.Form):
    contrasena = forms.CharField(
        label=gettext_lazy("Tu contraseña (para confirmar que sos vos)"),
        widget=forms.PasswordInput,
    )
    # The hash the person read (Decision 12): if the acta changed meanwhile, they read it again.
    sha256 = forms.CharField(widget=forms.HiddenInput, max_length=64, required=False)


def _formularios_de_asistencia(audiencia, convocados=None):
    reclamo = audiencia.reclamo
    # The hearing's attendances, read once for the parties' and the co-claimants' rows.
    todas = list(audiencia.asistencias.all())
    filas = []
    for parte, proveedor, registrada in filas_de_asistencia(
        audiencia, asistencias=todas, proveedores=convocados
    ):
        if proveedor is None:
            titulo = _("Consumidor/a: %(n)s") % {"n": reclamo.consumidor_nombre}
        else:
            titulo = _("Proveedor: %(n)s") % {"n": proveedor.razon_social}
        pk = getattr(proveedor, "pk", None)
        filas.append(
            {
                "titulo": titulo,
                "registrada": registrada,
                "form": AsistenciaForm(
                    initial={"parte": parte, "proveedor": pk}, prefix=f"{parte}-{pk or 0}"
                ),
            }
        )
    # Each co-claimant's own attendance (litisconsorcio, decision 0026), after the consumer.
    registradas = {a.coreclamante_id: a for a in todas if a.coreclamante_id is not None}
    for i, c in enumerate(reclamo.coreclamantes.all(), start=1):
        filas.insert(
            i,
            {
                "titulo": _("Co-reclamante: %(n)s") % {"n": str(c)},
                "registrada": registradas.get(c.pk),
                "form": AsistenciaForm(
                    initial={"parte": "consumidor", "coreclamante": c.pk},
                    prefix=f"coreclamante-{c.pk}",
                ),
            },
        )
    return filas


def _paso_asistencia(request, audiencia, asistencias):
    prefijo = request.POST.get("prefijo", "")
    form = AsistenciaForm(request.POST, request.FILES, prefix=prefijo)
    if not form.is_valid():
        for fila in asistencias:
            if fila["form"].prefix == prefijo:
                fila["form"] = form
        raise _Invalido(form)
    d = form.cleaned_data
    proveedor = audiencia.reclamo.proveedores.filter(pk=d.get("proveedor")).first()
    coreclamante = audiencia.reclamo.coreclamantes.filter(pk=d.get("coreclamante") or 0).first()
    servicio.registrar_asistencia(
        audiencia,
        por=request.user,
        parte=d["parte"],
        proveedor=proveedor,
        coreclamante=coreclamante,
        comparecio=d["comparecio"],
        nombre=d["nombre"],
        documento_identidad=d["documento_identidad"],
        caracter=d["caracter"],
        modo=d["modo"],
        poder={k: d[k] for k in ("legitimacion", "domicilio_mandante", "facultad_transigir")},
        poder_copia=d.get("poder_copia"),
    )
    return _("Registraste la asistencia.")


def _paso_resultado(request, audiencia, form, obligaciones):
    if not form.is_valid() or (obligaciones.is_bound and not obligaciones.is_valid()):
        raise _Invalido(form)
    d = form.cleaned_data
    servicio.registrar_resultado(
        audiencia,
        por=request.user,
        resultado=d["resultado"],
        observaciones=d["observaciones"],
        dispensa_confidencialidad=d["dispensa_confidencialidad"],
        acuerdo=form.acuerdo(obligaciones_de(obligaciones)),
        remision=form.remision(),
    )
    if d["resultado"] == Audiencia.Resultado.EXCEDE_TOPE:
        return _(
            "Remitiste el reclamo por exceder el tope: el procedimiento queda suspendido hasta "
            "que decida el personal."
        )
    return _("Registraste el resultado de la audiencia.")


def _paso_ampliacion(request, audiencia, form):
    if not form.is_valid():
        raise _Invalido(form)
    return registrar_ampliacion(audiencia, form, por=request.user)


def _paso_firma(request, audiencia):
    acuerdo = Acuerdo.objects.filter(pk=request.POST.get("acuerdo"), audiencia=audiencia).first()
    if acuerdo is None:
        raise Http404
    parte = request.POST.get("parte", "")
    proveedor = audiencia.reclamo.proveedores.filter(pk=request.POST.get("proveedor") or 0).first()
    coreclamante = None
    if parte == "coreclamante":
        parte = Firma.Parte.CONSUMIDOR
        coreclamante = get_object_or_404(
            audiencia.reclamo.coreclamantes, pk=request.POST.get("coreclamante") or 0
        )
    servicio.firmar_acuerdo(
        acuerdo,
        por=request.user,
        parte=parte,
        proveedor=proveedor,
        coreclamante=coreclamante,
        metodo=Firma.Metodo.EN_LINEA if parte == "conciliador" else Firma.Metodo.PRESENCIAL,
        nombre=request.POST.get("nombre", ""),
    )
    return _("Firma registrada.")


def _marcas_de_la_pagina() -> dict:
    """Which of the page's reads hold rows, read with the hearing (issue 13): whether it leads a
    joint hearing, has an agreement, and whether its claim has co-claimants."""
    from django.db.models import Exists, OuterRef

    from reclamos.models import CoReclamante

    return {
        "_marca_conjuntas": Exists(Audiencia.objects.filter(conjunta_con=OuterRef("pk"))),
        "_marca_acuerdos": Exists(Acuerdo.objects.filter(audiencia=OuterRef("pk"))),
        "_marca_coreclamantes": Exists(CoReclamante.objects.filter(reclamo=OuterRef("reclamo_id"))),
    }


def _audiencia_de_la_pagina(request, pk) -> Audiencia:
    """The hearing, read with the page's marks on a GET: an act (POST) reads what it needs
    itself, and after a failed one the page shows what was read before it."""
    if request.method != "GET":
        return acceder_audiencia(request.user, pk)
    audiencia = acceder_audiencia(request.user, pk, anotaciones=_marcas_de_la_pagina())
    if not audiencia._marca_coreclamantes:
        vacio(audiencia.reclamo, "coreclamantes")
    return audiencia


def _acuerdo(audiencia):
    if not getattr(audiencia, "_marca_acuerdos", True):
        return None
    return acuerdo_vigente(audiencia)


@login_required
@require_http_methods(["GET", "POST"])
def audiencia(request, pk):
    """The conciliator runs the hearing: attendance, outcome and in-person signatures."""
    audiencia = _audiencia_de_la_pagina(request, pk)
    if not es_conciliador_de(request.user, audiencia):
        raise PermissionDenied
    paso_pedido = request.POST.get("paso")
    agregar_fila = paso_pedido == "resultado" and "agregar_obligacion" in request.POST
    if agregar_fila:
        # Nothing is recorded yet: the outcome comes back as typed, unvalidated, with a new row.
        resultado_form = ResultadoForm(initial=request.POST.dict())
    elif paso_pedido == "resultado":
        resultado_form = ResultadoForm(request.POST)
    else:
        resultado_form = ResultadoForm()
    # The widenings recorded at this hearing and the providers summoned: read once for the
    # forms, the attendance rows and the list (issue 13).
    ampliaciones = ampliacion.ampliaciones_de(audiencia)
    convocados = servicio.convocados(audiencia, ampliaciones)
    ampliacion_form = AmpliacionForm(
        request.POST if paso_pedido == "ampliacion" else None,
        proveedores=convocados,
        prefix="ampliacion",  # its amount field must not share an id with the outcome's
    )
    # An outcome without an agreement may be posted without the obligations' rows.
    con_filas = paso_pedido == "resultado" and "obligaciones-TOTAL_FORMS" in request.POST
    obligaciones_formset = ObligacionesFormSet(
        (con_una_fila_mas(request.POST) if agregar_fila else request.POST) if con_filas else None,
        prefix="obligaciones",
    )
    asistencias = _formularios_de_asistencia(audiencia, convocados)
    if request.method == "POST" and not agregar_fila:
        pasos = {
            "asistencia": lambda: _paso_asistencia(request, audiencia, asistencias),
            "ampliacion": lambda: _paso_ampliacion(request, audiencia, ampliacion_form),
            "resultado": lambda: _paso_resultado(
                request, audiencia, resultado_form, obligaciones_formset
            ),
            "firma": lambda: _paso_firma(request, audiencia),
        }
        paso = pasos.get(request.POST.get("paso"))
        if paso is None:
            raise Http404
        try:
            mensaje = paso()
        except _Invalido:
            messages.error(request, _("Revisá los datos marcados."))
        except ErrorDeDominio as error:
            enlazado = next((f for f in (resultado_form, ampliacion_form) if f.is_bound), None)
            if enlazado is not None:
                aplicar_error(enlazado, error)
            else:
                messages.error(request, error.mensaje)
        else:
            messages.success(request, mensaje)
            return redirect("audiencias:audiencia", pk=audiencia.pk)
    acuerdo = _acuerdo(audiencia)
    return render(
        request,
        "audiencias/audiencia/audiencia.html",
        {
            "audiencia": audiencia,
            "asistencias": asistencias,
            "resultado_form": resultado_form,
            "obligaciones_formset": obligaciones_formset,
            "acuerdo": acuerdo,
            "firmas": _estado_firmas(acuerdo) if acuerdo else [],
            "conjunta": _conjunta(audiencia),
            **_contexto_de_la_conciliacion(
                audiencia,
                ampliacion_form,
                # After a widening that failed nothing changed; after one that took effect the
                # page redirected. The list read before the act is the current one.
                ampliaciones,
            ),
        },
        status=200,
    )


def _conjunta(audiencia) -> list | None:
    """The rows of a joint hearing of joined claims (D202-I.2), or None."""
    if not audiencia.conjunta_con_id and not getattr(audiencia, "_marca_conjuntas", True):
        return None  # it leads no joint hearing and follows none
    grupo = servicio.grupo_de(audiencia)
    return grupo if len(grupo) > 1 else None


def _contexto_de_la_conciliacion(audiencia, ampliacion_form, ampliaciones) -> dict:
    """The over-cap review, the widenings of the first hearing and the conciliation's term."""
    reclamo = audiencia.reclamo
    return {
        "revision_tope": tope.revision_abierta(reclamo),
        "es_primera": ampliacion.es_primera_audiencia(audiencia),
        "ampliacion_form": ampliacion_form,
        "ampliaciones": ampliaciones,
        "tipos_ampliacion": ampliacion.TIPOS,
        "duracion": duracion.situacion(reclamo),
        "prorroga_form": ProrrogaForm(),
    }


class _Invalido(Exception):
    def __init__(self, form):
        self.form = form


def _estado_firmas(acuerdo):
    firmas = list(acuerdo.firmas.all())
    firmadas = {(f.parte, f.proveedor_id): f for f in firmas if f.coreclamante_id is None}
    de_coreclamantes = {f.coreclamante_id: f for f in firmas if f.coreclamante_id}
    nombres = {p.pk: p.razon_social for p in acuerdo.reclamo.proveedores.all()}
    filas = [
        {
            "parte": "coreclamante",
            "proveedor": None,
            "coreclamante": c.pk,
            "etiqueta": f"Co-reclamante: {c}",
            "firma": de_coreclamantes.get(c.pk),
        }
        for c in servicio.coreclamantes_requeridos(acuerdo)
    ]
    for parte, proveedor in servicio.firmantes_requeridos(acuerdo):
        etiqueta = nombres.get(proveedor) if proveedor else dict(Firma.Parte.choices)[parte]
        filas.append(
            {
                "parte": parte,
                "proveedor": proveedor,
                "etiqueta": etiqueta,
                "firma": firmadas.get((parte, proveedor)),
            }
        )
    return filas


@login_required
@require_http_methods(["GET", "POST"])
def firmar(request, pk):
    """A party signs the agreement acta online after re-entering the password (Decision 12)."""
    acuerdo = Acuerdo.objects.select_related("reclamo", "documento").filter(pk=pk).first()
    if acuerdo is None:
        raise Http404
    reclamo = acceder_reclamo(request.user, acuerdo.reclamo_id)
    firmante = parte_firmante(request.user, reclamo)
    if firmante is None:
        raise PermissionDenied
    parte, proveedor = firmante
    # A co-claimant (decision 0026) signs as themself, never as the claim's consumer.
    coreclamante = None
    if parte == Firma.Parte.CONSUMIDOR and reclamo.consumidor_id != request.user.pk:
        coreclamante = reclamo.coreclamantes.filter(usuario=request.user).first()
    huella = servicio.huella_del_acuerdo(acuerdo)
    form = FirmaEnLineaForm(request.POST or None, initial={"sha256": huella})
    if request.method == "POST" and form.is_valid():
        if not request.user.check_password(form.cleaned_data["contrasena"]):
            form.add_error("contrasena", _("La contraseña no es correcta."))
        else:
            try:
                servicio.firmar_acuerdo(
                    acuerdo,
                    por=request.user,
                    parte=parte,
                    proveedor=proveedor,
                    coreclamante=coreclamante,
                    metodo=Firma.Metodo.EN_LINEA,
                    sha256_visto=form.cleaned_data["sha256"] or None,
                )
            except ErrorDeDominio as error:
                aplicar_error(form, error)
            else:
                messages.success(request, _("Firmaste el acuerdo."))
                return redirect("reclamos:detalle", pk=reclamo.pk)
    return render(
        request,
        "audiencias/audiencia/firmar.html",
        {
            "acuerdo": acuerdo,
            "form": form,
            "huella": huella,
            "coreclamante": coreclamante,
            "ya_firmo": acuerdo.firmas.filter(
                parte=parte,
                proveedor=proveedor,
                coreclamante=coreclamante,
            ).exists(),
        },
    )


class JustificacionForm(forms.Form):
    motivo = forms.CharField(
        label=gettext_lazy("Motivo de la inasistencia"), widget=forms.Textarea(attrs={"rows": 4})
    )
    archivo = forms.FileField(label=gettext_lazy("Constancia (PDF, JPG o PNG)"), required=False)


class DecisionJustificacionForm(forms.Form):
    aceptar = forms.TypedChoiceField(
        label=gettext_lazy("Decisión"),
        choices=[
            ("1", gettext_lazy("Aceptar y fijar nueva audiencia")),
            ("0", gettext_lazy("Rechazar")),
        ],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    motivo = forms.CharField(
        label=gettext_lazy("Fundamento"), widget=forms.Textarea(attrs={"rows": 3})
    )
    fecha = forms.DateField(
        label=gettext_lazy("Nueva fecha"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    hora = forms.TimeField(
        label=gettext_lazy("Hora"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    modalidad = forms.ChoiceField(
        label=gettext_lazy("Modalidad"), choices=Modalidad.choices, required=False
    )
    lugar = forms.CharField(label=gettext_lazy("Lugar (presencial)"), required=False)


@login_required
@require_http_methods(["GET", "POST"])
def justificacion(request, pk):
    """The provider justifies its absence; the conciliator decides (AR-11)."""
    from zoneinfo import ZoneInfo

    reclamo = acceder_reclamo(request.user, pk)
    if reclamo.estado != Estado.INCOMPARECENCIA_PROVEEDOR:
        messages.info(request, _("No hay una incomparecencia pendiente."))
        return redirect("reclamos:detalle", pk=reclamo.pk)
    es_conciliador = es_conciliador_de(request.user, reclamo)
    if not (es_conciliador or es_parte_proveedora(request.user, reclamo)):
        raise PermissionDenied
    clase = DecisionJustificacionForm if es_conciliador else JustificacionForm
    form = clase(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            if es_conciliador:
                nueva = None
                if d["aceptar"] and d.get("fecha") and d.get("hora"):
                    import datetime

                    zona = ZoneInfo(reclamo.regimen.zona_horaria)
                    nueva = {
                        "inicio": datetime.datetime.combine(d["fecha"], d["hora"], tzinfo=zona),
                        "modalidad": d.get("modalidad") or "video",
                        "lugar": d.get("lugar", ""),
                    }
                servicio.decidir_justificacion(
                    reclamo,
                    por=request.user,
                    aceptar=d["aceptar"],
                    motivo=d["motivo"],
                    nueva_audiencia=nueva,
                )
            else:
                servicio.justificar_incomparecencia(
                    reclamo,
                    por=request.user,
                    motivo=d["motivo"],
                    archivos=[d["archivo"]] if d.get("archivo") else [],
                )
        except ErrorDeDominio as error:
            aplicar_error(form, error)
        else:
            messages.success(request, _("Listo: quedó registrado en el expediente."))
            return redirect("reclamos:detalle", pk=reclamo.pk)
    return render(
        request,
        "audiencias/audiencia/justificacion.html",
        {"reclamo": reclamo, "form": form, "es_conciliador": es_conciliador},
    )
