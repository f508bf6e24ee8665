"""sembrar_escala's COPY text (decision 0037): the lines the generator formats itself for the
expediente and the plazos, and the one-format-per-row path of the other tables, are the same
text the value-by-value escaping writes; a value that would break a line falls back to it."""

import datetime
import json
import random
from decimal import Decimal

import pytest
from django.utils import timezone

from cuentas.models import Usuario
from escala import sembrado as S
from normativa.regimenes.coprec import COPREC
from plazos.models import Plazo
from reclamos.estados import Estado
from reclamos.models import Actuacion


def _lenta(fila) -> str:
    return "\t".join(map(S._texto_copy, fila)) + "\n"


def _contexto(con_lineas: bool) -> S.Contexto:
    escritor = S.Escritor()
    escritor.pg = True  # the PostgreSQL formats, whatever the test database
    S._tablas(escritor)
    ctx = S.Contexto(
        rng=random.Random(11),
        ahora=datetime.datetime(2026, 12, 7, 15, 0, tzinfo=datetime.UTC),
        ids=S.Ids(),
        escritor=escritor,
        ct_reclamo=1,
        ct_audiencia=2,
        zona=timezone.get_current_timezone(),
        lineas=S._Lineas() if con_lineas else None,
    )
    ctx.vacio = S._compartido(ctx, {})
    ctx.conciliadores = [(5, 6)]
    ctx.conciliador_persona = (5, 6)
    ctx.funcionarios = [7]
    ctx.funcionario_persona = 7
    ctx.staff_admision = 8
    return ctx


def _caso(ctx: S.Contexto, momentos) -> S.Caso:
    final, _peso, camino = next(c for c in S.CAMINOS_COPREC if c[0] == Estado.CUMPLIDO)
    return S.Caso(
        pk=41,
        rp=42,
        pe=False,
        regimen=COPREC,
        final=final,
        camino=camino,
        momentos=list(momentos),
        dueno=(9, "Ana", "Díaz", "20000000", "ana@example.com"),
        proveedor=S.Proveedor(3, "30500010912", "CUIT", "Telefonía S.A.", "Callao 1", "a@x.com"),
        metodo="a",
        monto=Decimal("1000"),
        numero="X-2026-000001",
    )


@pytest.mark.django_db
def test_lineas_del_expediente_y_de_los_plazos_son_el_texto_valor_por_valor():
    con, sin = _contexto(True), _contexto(False)
    momentos = S._momentos(con, Estado.CUMPLIDO, 12)
    S._recorrer(con, _caso(con, momentos))
    S._recorrer(sin, _caso(sin, momentos))
    for modelo in (Actuacion, Plazo):
        lineas, tuplas = con.escritor.filas[modelo], sin.escritor.filas[modelo]
        assert lineas and all(type(linea) is str for linea in lineas)
        assert lineas == [_lenta(fila) for fila in tuplas], modelo
    # A finished path closed its terms: the states and closing moments are in the lines.
    assert any("\tcumplido\t" in linea for linea in con.escritor.filas[Plazo])


def test_una_fila_por_formato_y_vuelta_al_escape_si_un_texto_romperia_la_linea():
    w = S.Escritor()
    w.tabla(Usuario, "id email nombre is_active creado_en")
    creado = datetime.datetime(2026, 1, 2, 3, 4, tzinfo=datetime.UTC)
    assert w._texto(Usuario, [(1, "a@x.com", "Ana", True, creado)]) == (
        "1\ta@x.com\tAna\tTrue\t2026-01-02T03:04:00+00:00\n"
    )
    rara = (2, "b@x.com", "Ana\tMaría\\", False, None)
    assert w._texto(Usuario, [rara]) == _lenta(rara)
    assert "Ana\\tMaría\\\\" in w._texto(Usuario, [rara])
    # A line the generator formatted wrongly is refused, never written shifted.
    w.tabla(Actuacion, "id reclamo codigo")
    with pytest.raises(ValueError, match="mal formada"):
        w._texto(Actuacion, ["1\t2\n", "3\t4\t5\n"])


def test_json_de_textos_simples_sin_codificador():
    ctx = _contexto(True)
    valor = {"numero": "AR-2026-000001", "consumidor": "Lucía Pérez", "proveedores": []}
    texto = S._json(ctx, valor)
    assert json.loads(texto) == valor
    # A quote, a backslash or a newline need JSON escapes: the encoder writes them.
    raro = {"consumidor": 'Ana "la" \\ \n'}
    assert S._json(ctx, raro) == json.dumps(raro, ensure_ascii=False).translate(S._ESCAPES)
