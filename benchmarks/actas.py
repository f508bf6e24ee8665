"""Benchmark: rendering an acta de audiencia through the portal's pipeline (template, url_fetcher
limited to our static files, PDF/A) next to bare WeasyPrint on the same HTML.

    .venv/bin/python benchmarks/actas.py [--rondas 7]

No database is needed: the document is built in memory with a realistic snapshot.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RAIZ))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conciliacion.settings")
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ.setdefault("VAR_DIR", tempfile.mkdtemp(prefix="conciliacion-bench-"))


def snapshot() -> dict:
    return {
        "reclamo_numero": "COPREC-2026-000123",
        "audiencia": {
            "orden": 1,
            "fecha": "10/03/2026",
            "hora": "09:00",
            "modalidad": "Presencial",
            "lugar": "Av. Julio A. Roca 651, CABA",
        },
        "conciliador": {"nombre": "Ana Pereyra", "matricula": "A-0001"},
        "consumidor": "Lucía Fernández",
        "objeto": "Cambio del equipo y reintegro del cargo no contratado. " * 4,
        "asistentes": [
            {
                "parte": "Consumidor/a",
                "comparecio": True,
                "nombre": "Lucía Fernández",
                "caracter": "Por derecho propio",
                "modo": "Presencial",
            },
            {
                "parte": "Proveedor: Telefonía Ejemplo S.A. (CUIT 30712345671)",
                "comparecio": True,
                "nombre": "Martín Gómez",
                "caracter": "Apoderado",
                "modo": "Presencial",
                "poder": True,
            },
        ],
        "observaciones": "Las partes dialogaron sobre el cambio del equipo. " * 10,
        "dispensa_confidencialidad": False,
        "resultado": "Acuerdo",
    }


def medir(funcion, rondas: int) -> float:
    tiempos = []
    for _ in range(rondas):
        inicio = time.perf_counter()
        funcion()
        tiempos.append(time.perf_counter() - inicio)
    return statistics.median(tiempos)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rondas", type=int, default=7)
    rondas = parser.parse_args().rondas
    import django

    django.setup()
    from django.utils import timezone
    from weasyprint import HTML

    from documentos.models import Documento
    from documentos.pdf import _base, html_del_documento, renderizar_pdf
    from normativa.regimenes.coprec import COPREC

    documento = Documento(
        tipo="acta_audiencia",
        anio=2026,
        numero=42,
        titulo="Acta de audiencia",
        plantilla="audiencias/acta_audiencia",
        snapshot=snapshot(),
        regimen_codigo=COPREC.codigo,
        regimen_version=COPREC.version,
        codigo="BENCH-ACTA-0001",
        emitido_en=timezone.now(),
    )
    html = html_del_documento(documento)
    renderizar_pdf(documento)  # warm fonts and caches
    HTML(string=html, base_url=_base()).write_pdf()
    portal = medir(lambda: renderizar_pdf(documento), rondas)
    desnudo = medir(lambda: HTML(string=html, base_url=_base()).write_pdf(), rondas)
    print(f"Acta de audiencia, {rondas} rondas (mediana)")
    print(f"  portal (plantilla + url_fetcher + PDF/A): {portal * 1000:.0f} ms")
    print(f"  WeasyPrint sobre el mismo HTML:          {desnudo * 1000:.0f} ms")
    print(f"  Razón: {portal / desnudo:.2f}×")


if __name__ == "__main__":
    main()
