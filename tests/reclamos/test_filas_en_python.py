"""Issue 13, decision 0043: the admission queue's and the mediation tray's rows are rendered in
Python ({% filas_de_la_cola %}, {% filas_de_la_bandeja %}) with the markup the templates had. The
old template loops are kept here and both are rendered from the same rows."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.utils import timezone

# The loops as the templates had them (7f982fd).
COLA_ANTES = """{% load i18n %}<tbody>
  {% for r in reclamos %}
  <tr><td><a href="{% if r.revision_tope %}{% url 'reclamos:tope' r.pk %}{% elif r.estado == 'EN_ADMISION' %}{% url 'reclamos:revisar' r.pk %}{% else %}{% url 'reclamos:detalle' r.pk %}{% endif %}">{{ r.numero }}</a></td>
    <td>{{ r.consumidor_apellido }}, {{ r.consumidor_nombre }}</td>
    <td>{% for p in r.proveedores.all %}{{ p.razon_social }}{% if not forloop.last %}; {% endif %}{% endfor %}</td>
    <td>{{ r.get_estado_display }}{% if r.requerimiento_vencido %}<br><strong class="text-danger">{% translate "Venció el plazo para acreditar: confirmá la no admisión" %}</strong>{% endif %}{% if r.revision_tope %}<br><strong class="text-danger">{% translate "Suspendido por revisión del tope: decidí si continúa" %}</strong>{% endif %}</td><td>{{ r.presentado_en|date:"SHORT_DATETIME_FORMAT" }}</td>
    <td>{{ r.presentado_en|timesince }}</td></tr>
  {% empty %}<tr><td colspan="6">{% translate "No hay reclamos en la cola." %}</td></tr>{% endfor %}
  </tbody>"""  # noqa: E501 (the old template verbatim)
COLA_AHORA = """{% load tabla_reclamos %}<tbody>
  {% filas_de_la_cola reclamos %}
  </tbody>"""
BANDEJA_ANTES = """{% load i18n tz %}{% timezone "America/Lima" %}<tbody>
{% for r, plazos in filas %}<tr>
  <td><a href="{% url 'reclamos:mediacion' r.pk %}">{{ r.numero }}</a><br><small>{{ r.presentado_en|date:"d/m/Y" }}</small></td>
  <td>{% for p in r.proveedores.all %}{{ p.razon_social }}{% endfor %}</td>
  <td>{{ r.get_estado_display }}</td>
  <td>{% with f=r.mediacion.funcionario %}{% if f %}{{ f.nombre_completo|default:f.email }}{% else %}—{% endif %}{% endwith %}</td>
  <td>{% for p in plazos %}{{ p.tipo }}: {{ p.vence|date:"d/m/Y" }}{% if p.estado == "vencido" %} <strong class="text-danger">{% translate "vencido" %}</strong>{% endif %}{% if not forloop.last %}<br>{% endif %}{% empty %}—{% endfor %}</td>
  <td>{% if r.sin_leer %}<span class="badge">{{ r.sin_leer }}</span>{% else %}0{% endif %}</td>
</tr>{% empty %}<tr><td colspan="6">{% translate "No hay reclamos." %}</td></tr>{% endfor %}
</tbody>{% endtimezone %}"""  # noqa: E501 (the old template verbatim)
BANDEJA_AHORA = """{% load tz tabla_reclamos %}{% timezone "America/Lima" %}<tbody>
{% filas_de_la_bandeja filas %}
</tbody>{% endtimezone %}"""


class _Proveedores(list):
    def all(self):
        return self


def _reclamo(pk, estado, presentado_en, *razones, **extra):
    return SimpleNamespace(
        pk=pk,
        numero=f"R-{pk}<b>",
        estado=estado,
        consumidor_apellido="O'Brien & <Co>",
        consumidor_nombre="Ana",
        presentado_en=presentado_en,
        proveedores=_Proveedores(SimpleNamespace(razon_social=r) for r in razones),
        get_estado_display=lambda: f"{estado} <x>",
        **extra,
    )


def _html(plantilla: str, **contexto) -> str:
    return Template(plantilla).render(Context(contexto))


@pytest.mark.parametrize("idioma", ["es", "pt-br"])
def test_la_cola_de_admision_muestra_lo_mismo_que_la_plantilla(idioma, settings):
    from django.utils import translation

    # Late at night in UTC: another day in Buenos Aires' time zone.
    presentado = dt.datetime(2026, 3, 2, 2, 30, tzinfo=dt.UTC)
    reclamos = [
        _reclamo(1, "EN_ADMISION", presentado, "Gómez & <Hijos>", "Otra; S.A.",
                 revision_tope=False, requerimiento_vencido=False),
        _reclamo(2, "REQUERIMIENTO", timezone.now() - dt.timedelta(days=3), "Única",
                 revision_tope=False, requerimiento_vencido=True),
        _reclamo(3, "EN_ADMISION", presentado, revision_tope=True, requerimiento_vencido=False),
        _reclamo(4, "RECURSO", presentado, "X", revision_tope=False, requerimiento_vencido=False),
    ]  # fmt: skip
    with translation.override(idioma):
        for filas in (reclamos, []):
            antes = _html(COLA_ANTES, reclamos=filas)
            assert _html(COLA_AHORA, reclamos=filas) == antes
    assert "/tope/" in _html(COLA_AHORA, reclamos=reclamos)


def test_la_bandeja_de_mediacion_muestra_lo_mismo_que_la_plantilla():
    # 02:00 UTC is the day before in Lima.
    presentado = dt.datetime(2026, 3, 2, 2, 0, tzinfo=dt.UTC)
    sin_nombre = SimpleNamespace(nombre_completo="", email="func<1>@example.pe")
    con_nombre = SimpleNamespace(nombre_completo="Rosa Díaz & Cía", email="rosa@example.pe")
    plazo = SimpleNamespace(tipo="PE-SAC-1", vence=dt.date(2026, 3, 9), estado="corriendo")
    vencido = SimpleNamespace(tipo="PE-SAC-2<", vence=dt.date(2026, 2, 9), estado="vencido")
    filas = [
        (_reclamo(1, "SOLICITADO", presentado, "Andina & <Sur>", "Otra", sin_leer=0), [plazo]),
        (
            _reclamo(2, "EN_MEDIACION", presentado, "Una", sin_leer=1234,
                     mediacion=SimpleNamespace(funcionario=con_nombre)),
            [plazo, vencido],
        ),
        (
            _reclamo(3, "REGISTRADO", presentado, sin_leer=2,
                     mediacion=SimpleNamespace(funcionario=sin_nombre)),
            [],
        ),
        (_reclamo(4, "REGISTRADO", presentado, sin_leer=0,
                  mediacion=SimpleNamespace(funcionario=None)), []),
    ]  # fmt: skip
    for contenido in (filas, []):
        assert _html(BANDEJA_AHORA, filas=contenido) == _html(BANDEJA_ANTES, filas=contenido)
    assert "01/03/2026" in _html(BANDEJA_AHORA, filas=filas)  # Lima's day
