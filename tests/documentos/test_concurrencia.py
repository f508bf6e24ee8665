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
    if connection.vendor == "postgresql":
        # Numbers come from the kind's sequence: no counter row shared by every issue.
        assert not ContadorDocumento.objects.exists()
    else:
        assert ContadorDocumento.objects.get(tipo="cedula").ultimo == HILOS


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_una_emision_no_espera_a_otra_transaccion_abierta(agente_admision):
    """A transaction that issued a document and is still open (a booking in progress) does not
    hold back the next issue of the same kind: no counter row locked until commit."""
    abierta, terminar = threading.Event(), threading.Event()
    numeros, errores = {}, []

    def emitir(clave, esperar):
        try:
            with transaction.atomic():
                numeros[clave] = emitir_documento(
                    tipo="cedula",
                    plantilla="generico",
                    snapshot={"texto": clave},
                    por=agente_admision,
                    titulo="Cédula",
                ).numero
                if esperar:
                    abierta.set()
                    terminar.wait(timeout=60)
        except Exception as error:  # collected and asserted below
            errores.append(error)
        finally:
            connection.close()

    # The first number of the year creates the sequence: done beforehand, as by any issue.
    with transaction.atomic():
        emitir_documento(
            tipo="cedula", plantilla="generico", snapshot={}, por=agente_admision, titulo="C"
        )
    lenta = threading.Thread(target=emitir, args=("lenta", True))
    lenta.start()
    assert abierta.wait(timeout=60)
    rapida = threading.Thread(target=emitir, args=("rapida", False))
    rapida.start()
    rapida.join(timeout=20)
    termino_sin_esperar = not rapida.is_alive()
    terminar.set()
    lenta.join(timeout=60)
    rapida.join(timeout=60)
    assert errores == []
    assert termino_sin_esperar
    assert sorted(numeros.values()) == [2, 3]
    assert Documento.objects.filter(tipo="cedula").count() == 3
