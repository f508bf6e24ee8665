"""Pages: «Datos abiertos» (public, no login), its data dictionary and methodology, the
downloads (CSV and JSON, streamed from the maintained rows), and the staff dashboard."""

from __future__ import annotations

import csv
import json
from decimal import Decimal

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from conciliacion.paginacion import paginar
from cuentas.models import Organizacion
from cuentas.permisos import es_personal, tiene_mfa
from estadisticas import definiciones, graficos, operativas, selectors
from estadisticas.definiciones import DICCIONARIO, LICENCIA, LICENCIA_URL, Periodo, Sector
from estadisticas.models import Cifra, EstadoDeCifras
from normativa.regimenes import todos

REGIMENES = [("", gettext_lazy("Todos"))] + [(r.codigo, r.nombre) for r in todos()]


class FiltroPublico(forms.Form):
    periodo = forms.ChoiceField(
        label=gettext_lazy("Período"), choices=Periodo.choices, required=False
    )
    regimen = forms.ChoiceField(label=gettext_lazy("Régimen"), choices=REGIMENES, required=False)
    sector = forms.ChoiceField(
        label=gettext_lazy("Sector"),
        choices=[("", gettext_lazy("Todos")), *list(Sector.choices)],
        required=False,
    )
    desde = forms.DateField(label=gettext_lazy("Período de la tabla"), required=False)


def _filtro(request, clase):
    form = clase(request.GET or None)
    if form.is_bound and not form.is_valid():
        messages.error(request, _("Revisá los filtros: usamos los valores por defecto."))
        return form, {}
    return form, (form.cleaned_data if form.is_bound else {})


def _etiqueta(desde, periodo) -> str:
    if periodo == Periodo.SEMANA:
        anio, semana, _d = desde.isocalendar()
        return f"{anio}-S{semana:02d}"
    return desde.strftime("%m/%Y")


def _grafico(id_grafico, titulo, filas, campo, *, periodo, porcentaje=False):
    etiquetas = [_etiqueta(f["desde_fecha"], periodo) for f in filas]
    valores = [f[campo] for f in filas]
    return {
        "id": id_grafico,
        "titulo": titulo,
        "svg": graficos.barras(id_grafico, titulo, etiquetas, valores, porcentaje=porcentaje),
        "filas": list(zip(etiquetas, valores, strict=True)),
        "porcentaje": porcentaje,
    }


def _serie_publica(periodo, regimen, sector):
    corte = Cifra.Corte.SECTOR if sector else Cifra.Corte.REGIMEN
    nombre = "sectores" if sector else "regimenes"
    filas = []
    for c in selectors.serie(corte, periodo=periodo, regimen=regimen, sector=sector):
        fila = selectors.fila_publica(c, nombre)
        fila["desde_fecha"] = c.desde
        filas.append(fila)
    return filas


@require_GET
def datos_abiertos(request):
    form, datos = _filtro(request, FiltroPublico)
    periodo = datos.get("periodo") or Periodo.MES
    regimen = datos.get("regimen") or settings.REGIMEN_POR_DEFECTO
    sector = datos.get("sector") or None
    serie = _serie_publica(periodo, regimen, sector)
    graficos_ = [
        _grafico(
            "g-recibidos",
            _("Reclamos recibidos por período"),
            serie,
            "reclamos_recibidos",
            periodo=periodo,
        ),
        _grafico(
            "g-acuerdo",
            _("Tasa de acuerdo por período"),
            serie,
            "tasa_acuerdo",
            periodo=periodo,
            porcentaje=True,
        ),
    ]
    desde = datos.get("desde") or (serie[-1]["desde_fecha"] if serie else None)
    pagina = None
    if desde:
        qs = selectors.publicas(
            "proveedores", periodo=periodo, regimen=regimen, sector=sector
        ).filter(desde=desde)
        pagina = paginar(qs, orden=("pk", "pk"), cursor=request.GET.get("cursor"))
        pagina.filas = [selectors.fila_publica(c, "proveedores") for c in pagina.filas]
    return render(
        request,
        "estadisticas/datos_abiertos.html",
        {
            "form": form,
            "graficos": graficos_,
            "pagina": pagina,
            "desde": desde,
            "periodo": periodo,
            "estado": EstadoDeCifras.actual(),
            "licencia": LICENCIA,
            "licencia_url": LICENCIA_URL,
            "k": selectors.settings.DATOS_ABIERTOS_K,
            "cortes": list(DICCIONARIO),
        },
    )


@require_GET
def diccionario(request):
    return render(
        request,
        "estadisticas/diccionario.html",
        {
            "diccionario": DICCIONARIO,
            "licencia": LICENCIA,
            "licencia_url": LICENCIA_URL,
            "k": selectors.settings.DATOS_ABIERTOS_K,
            "estado": EstadoDeCifras.actual(),
            "d": definiciones,
        },
    )


def diccionario_datos() -> dict:
    """The machine-readable dictionary (a Frictionless Table Schema per file)."""
    tipos = {"date": "date", "integer": "integer", "number": "number", "boolean": "boolean"}
    return {
        "licencia": {"nombre": LICENCIA, "url": LICENCIA_URL},
        "k": selectors.settings.DATOS_ABIERTOS_K,
        "recursos": {
            corte: {
                "path": f"{corte}.csv",
                "schema": {
                    "fields": [
                        {
                            "name": c.nombre,
                            "type": tipos.get(c.tipo, "string"),
                            "description": c.descripcion,
                            **({"constraints": {"required": False}} if c.nulo else {}),
                        }
                        for c in campos
                    ]
                },
            }
            for corte, campos in DICCIONARIO.items()
        },
    }


@require_GET
def diccionario_json(request):
    return JsonResponse(diccionario_datos(), json_dumps_params={"ensure_ascii": False})


class _Eco:
    def write(self, valor):
        return valor


def _valor_csv(v):
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    return v


@require_GET
def descarga(request, corte: str, formato: str):
    """Every row of a public cut for a period kind, streamed (never loaded in memory)."""
    if corte not in DICCIONARIO or formato not in ("csv", "json"):
        raise Http404
    _form, datos = _filtro(request, FiltroPublico)
    qs = selectors.publicas(
        corte,
        periodo=datos.get("periodo") or Periodo.MES,
        regimen=datos.get("regimen") or None,
        sector=datos.get("sector") or None,
    ).order_by("-desde", "pk")
    filas = (selectors.fila_publica(c, corte) for c in qs.iterator(chunk_size=2000))
    nombre = f"datos-abiertos-{corte}.{formato}"
    if formato == "csv":
        escritor = csv.writer(_Eco())
        columnas = definiciones.columnas(corte)

        def cuerpo():
            yield escritor.writerow(columnas)
            for fila in filas:
                yield escritor.writerow([_valor_csv(fila[c]) for c in columnas])

        respuesta = StreamingHttpResponse(cuerpo(), content_type="text/csv; charset=utf-8")
    else:

        def cuerpo():
            yield "["
            for i, fila in enumerate(filas):
                yield ("," if i else "") + json.dumps(fila, ensure_ascii=False)
            yield "]"

        respuesta = StreamingHttpResponse(cuerpo(), content_type="application/json")
    respuesta["Content-Disposition"] = f'attachment; filename="{nombre}"'
    return respuesta


# --- Staff dashboard ---------------------------------------------------------------------------


class FiltroTablero(forms.Form):
    periodo = forms.ChoiceField(
        label=gettext_lazy("Período"), choices=Periodo.choices, required=False
    )
    regimen = forms.ChoiceField(
        label=gettext_lazy("Régimen"), choices=REGIMENES[1:], required=False
    )
    oficina = forms.ModelChoiceField(
        label=gettext_lazy("Oficina"),
        queryset=Organizacion.objects.filter(tipo=Organizacion.Tipo.OFICINA).order_by(
            "razon_social"
        ),
        required=False,
        empty_label=gettext_lazy("Todas (y en línea)"),
    )
    ultimos = forms.IntegerField(
        label=gettext_lazy("Cantidad de períodos"), min_value=1, max_value=60, required=False
    )


def _exigir_personal(request) -> None:
    if not (es_personal(request.user) and tiene_mfa(request.user)):
        raise PermissionDenied


COLUMNAS_TABLERO = [
    "periodo",
    "desde",
    "reclamos_recibidos",
    "reclamos_admitidos",
    "audiencias_celebradas",
    "tasa_acuerdo",
    "tasa_incomparecencia_proveedor",
    "tasa_cumplimiento",
    "mediana_dias_primera_audiencia",
    "mediana_dias_cierre",
]


def _suma_operativa(filas: list[dict], regimen: str, oficina: int | None) -> dict:
    total = {"cantidad": 0, "monto": Decimal("0")}
    for f in filas:
        if f["regimen"] != regimen or (oficina and f["oficina"] != oficina):
            continue
        total["cantidad"] += f["cantidad"]
        total["monto"] += Decimal(f["monto"])
    return total


@login_required
@require_GET
def tablero(request):
    _exigir_personal(request)
    form, datos = _filtro(request, FiltroTablero)
    periodo = datos.get("periodo") or Periodo.MES
    regimen = datos.get("regimen") or settings.REGIMEN_POR_DEFECTO
    oficina = datos.get("oficina")
    ultimos = datos.get("ultimos") or 12
    if oficina:
        cifras = selectors.serie(
            Cifra.Corte.OFICINA,
            periodo=periodo,
            regimen=regimen,
            oficina=oficina.pk,
            ultimos=ultimos,
        )
    else:
        cifras = selectors.serie(
            Cifra.Corte.REGIMEN, periodo=periodo, regimen=regimen, ultimos=ultimos
        )
    filas = []
    for c in cifras:
        fila = selectors.fila_interna(c)
        fila["desde_fecha"] = c.desde
        filas.append(fila)
    if request.GET.get("formato") == "csv":
        return _csv_tablero(filas, regimen, oficina)
    estado = EstadoDeCifras.actual()
    oper = estado.operativas or {}
    graficos_ = [
        _grafico(
            "t-recibidos", _("Reclamos recibidos"), filas, "reclamos_recibidos", periodo=periodo
        ),
        _grafico(
            "t-admitidos", _("Reclamos admitidos"), filas, "reclamos_admitidos", periodo=periodo
        ),
        _grafico(
            "t-acuerdo",
            _("Tasa de acuerdo"),
            filas,
            "tasa_acuerdo",
            periodo=periodo,
            porcentaje=True,
        ),
        _grafico(
            "t-cierre",
            _("Mediana de días hasta el cierre"),
            filas,
            "mediana_dias_cierre",
            periodo=periodo,
        ),
    ]
    oficina_pk = oficina.pk if oficina else None
    return render(
        request,
        "estadisticas/tablero.html",
        {
            "form": form,
            "filas": filas,
            "columnas": COLUMNAS_TABLERO,
            "graficos": graficos_,
            "regimen": regimen,
            "oficina": oficina,
            "estado": estado,
            "colas": operativas.en_cache(
                "colas", operativas.colas, regimen=regimen, oficina=oficina_pk
            ),
            "plazos": operativas.en_cache("plazos", operativas.plazos_por_vencer, regimen=regimen),
            "multas": _suma_operativa(oper.get("multas", []), regimen, oficina_pk),
            "honorarios": _suma_operativa(oper.get("honorarios", []), regimen, oficina_pk),
            "conciliadores": oper.get("conciliadores", {}),
            "tope": operativas.TOPE,
        },
    )


def _csv_tablero(filas, regimen, oficina):
    escritor = csv.writer(_Eco())

    def cuerpo():
        yield escritor.writerow(["regimen", "oficina", *COLUMNAS_TABLERO])
        for f in filas:
            yield escritor.writerow(
                [regimen, oficina.razon_social if oficina else ""]
                + [_valor_csv(f[c]) for c in COLUMNAS_TABLERO]
            )

    respuesta = StreamingHttpResponse(cuerpo(), content_type="text/csv; charset=utf-8")
    respuesta["Content-Disposition"] = 'attachment; filename="tablero.csv"'
    return respuesta
