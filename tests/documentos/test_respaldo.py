"""Restore drill (issue 18): scripts/respaldo.sh dumps the database and the private files,
scripts/restaurar.sh restores them into a fresh database and media directory and runs
verificar_integridad (0 mismatches); a PDF tampered in the restored copy is then reported."""

import hashlib
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from documentos.models import Documento
from tests.documentos.integridad import reclamo_con_documentos
from tests.reclamos.test_presentacion import smvm  # noqa: F401 (fixture)

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

RAIZ = Path(settings.BASE_DIR)


def _url(nombre: str) -> str:
    datos = connection.settings_dict
    credencial = quote(datos["USER"] or "postgres", safe="")
    if datos.get("PASSWORD"):
        credencial += ":" + quote(datos["PASSWORD"], safe="")
    servidor = f"{datos['HOST'] or '127.0.0.1'}:{datos['PORT'] or 5432}"
    return f"postgres://{credencial}@{servidor}/{nombre}"


def _correr(comando: list[str], **entorno) -> subprocess.CompletedProcess:
    # Outside the test settings: the scripts and manage.py see only the given database/files.
    env = {**os.environ, "DJANGO_TESTING": "0", **{k: str(v) for k, v in entorno.items()}}
    return subprocess.run(  # noqa: S603 (fixed argv built by the test)
        comando, cwd=RAIZ, env=env, capture_output=True, text=True, timeout=300, check=False
    )


@pytest.fixture
def base_nueva():
    """A fresh, empty database of this test's own, dropped at the end."""
    nombre = f"{connection.settings_dict['NAME']}_restaurada_{os.getpid()}"
    url_mantenimiento = _url("postgres")
    crear = _correr(["createdb", f"--maintenance-db={url_mantenimiento}", nombre])
    assert crear.returncode == 0, crear.stderr
    # createdb takes the connection from the maintenance URL (host, port, user).
    yield _url(nombre)
    _correr(["dropdb", f"--maintenance-db={url_mantenimiento}", "--if-exists", "--force", nombre])


def test_respaldo_y_restauracion_verifican_sin_diferencias_y_detectan_un_pdf_alterado(
    consumidora,
    agente_admision,
    proveedor_activo,
    smvm,  # noqa: F811
    base_nueva,
    tmp_path,
):
    reclamo, documentos, archivo = reclamo_con_documentos(consumidora, agente_admision, None)
    assert documentos and archivo.sha256
    origen_media = Path(settings.MEDIA_ROOT)
    respaldo = tmp_path / "respaldo"
    destino_media = tmp_path / "restaurado"

    hecho = _correr(
        ["scripts/respaldo.sh"],
        DATABASE_URL=_url(connection.settings_dict["NAME"]),
        MEDIA_ROOT=origen_media,
        RESPALDO_DIR=respaldo,
    )
    assert hecho.returncode == 0, hecho.stderr
    assert {p.name for p in respaldo.iterdir()} == {"base.dump", "privado.tar.gz", "SHA256SUMS"}

    restaurado = _correr(
        ["scripts/restaurar.sh"],
        RESPALDO_DIR=respaldo,
        DATABASE_URL=base_nueva,
        MEDIA_ROOT=destino_media,
        PYTHON=Path(sys.executable),
    )
    assert restaurado.returncode == 0, restaurado.stdout + restaurado.stderr
    assert f"Verificados: {len(documentos)} documentos emitidos" in restaurado.stdout
    assert "1 archivos subidos, 1 expedientes." in restaurado.stdout
    assert "Diferencias: 0 " in restaurado.stdout
    # The restored copy is the portal's data, not an empty schema that trivially verifies.
    filas = _correr(
        ["psql", "--no-psqlrc", "-Atc", "select numero from reclamos_reclamo", base_nueva]
    )
    assert filas.stdout.split() == [reclamo.numero]

    # One byte of one restored PDF changes: reported with the document's number, exit code 1.
    alterado = documentos[0]
    pdf = destino_media / alterado.archivo.name
    contenido = bytearray(pdf.read_bytes())
    contenido[len(contenido) // 2] ^= 0x01
    pdf.write_bytes(bytes(contenido))
    verificado = _correr(
        [sys.executable, "manage.py", "verificar_integridad"],
        DATABASE_URL=base_nueva,
        MEDIA_ROOT=destino_media,
    )
    assert verificado.returncode == 1, verificado.stdout + verificado.stderr
    [linea] = [x for x in verificado.stdout.splitlines() if x.startswith("ALTERADO:")]
    assert f"N.º {alterado.numero_visible}" in linea
    assert "archivos alterados: 1," in verificado.stdout
    # The original stays intact: the drill touched only the copy.
    assert Documento.objects.get(pk=alterado.pk).sha256 == alterado.sha256
    assert (origen_media / alterado.archivo.name).exists()


def test_restaurar_se_niega_a_pisar_una_base_con_datos(tmp_path):
    """The restore refuses a target that is not empty (here: the test database itself)."""
    respaldo = tmp_path / "respaldo"
    respaldo.mkdir()
    (respaldo / "base.dump").write_bytes(b"x")
    (respaldo / "privado.tar.gz").write_bytes(b"y")

    sumas = "".join(
        f"{hashlib.sha256((respaldo / n).read_bytes()).hexdigest()}  {n}\n"
        for n in ("base.dump", "privado.tar.gz")
    )
    (respaldo / "SHA256SUMS").write_text(sumas)
    resultado = _correr(
        ["scripts/restaurar.sh"],
        RESPALDO_DIR=respaldo,
        DATABASE_URL=_url(connection.settings_dict["NAME"]),
        MEDIA_ROOT=tmp_path / "nuevo",
    )
    assert resultado.returncode == 2
    assert "La base de destino no está vacía" in resultado.stderr
