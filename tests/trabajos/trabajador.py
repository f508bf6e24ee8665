"""A real Celery worker process for the fault suite (tests/trabajos/test_fallas.py).

    python -m tests.trabajos.trabajador [--colgar-render] <celery worker arguments>

With --colgar-render the worker renders the PDF for real and then hangs before storing it,
writing the file named by TRABAJADOR_AVISO first: the test knows the render is under way and
its SIGKILL always lands in the middle of it. Without a hang the kill raced a render of about
one second (the lease is visible only while the render runs), which a loaded machine lost.
"""

import os
import sys
import time
from pathlib import Path


def _colgar_el_render() -> None:
    import documentos.pdf

    real = documentos.pdf.renderizar_pdf

    def renderizar_y_colgar(documento) -> bytes:
        real(documento)
        Path(os.environ["TRABAJADOR_AVISO"]).write_text(str(documento.pk))
        while True:  # until the SIGKILL
            time.sleep(60)

    documentos.pdf.renderizar_pdf = renderizar_y_colgar


def main(argumentos: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conciliacion.settings")
    import django

    django.setup()
    # The worker runs Django's checks; DRF's imports conciliacion.api, circular unless
    # rest_framework.views is loaded first (tests/conftest.py, trabajador_celery).
    import rest_framework.views  # noqa: F401

    from conciliacion.celery import app

    if "--colgar-render" in argumentos:
        argumentos = [a for a in argumentos if a != "--colgar-render"]
        _colgar_el_render()
    app.worker_main(["worker", *argumentos])


if __name__ == "__main__":
    main(sys.argv[1:])
