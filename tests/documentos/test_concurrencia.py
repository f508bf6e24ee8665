"""Numbers under concurrency: simultaneous issues get distinct consecutive numbers."""

import threading

import pytest
from django.db import connection, transaction

from documentos.models import ContadorDocumento, Documento
from documentos.services import emitir_documento

HILOS = 8


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_emisiones_simultaneas_reciben_numeros_consecutivos_sin_repetir(agente_admision, settings):
    # Rendering is not under test: only numbering. The tasks run eagerly after each commit.
    barrera = threading.Barrier(HILOS)
    errores = []

    def emitir():
        try:
            barrera.wait(timeout=10)
            with transaction.atomic():
                emitir_documento(
                    tipo="cedula",
                    plantilla="generico",
                    snapshot={"texto": "x"},
                    por=agente_admision,
                    titulo="Cédula",
                )
        except Exception as error:  # collected and asserted below
            errores.append(error)
        finally:
            connection.close()

    hilos = [threading.Thread(target=emitir) for _ in range(HILOS)]
    for hilo in hilos:
        hilo.start()
    for hilo in hilos:
        hilo.join(timeout=120)
    assert errores == []
    numeros = sorted(Documento.objects.values_list("numero", flat=True))
    assert numeros == list(range(1, HILOS + 1))
    assert ContadorDocumento.objects.get(tipo="cedula").ultimo == HILOS
