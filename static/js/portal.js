/* Small behaviours for the portal's own markup. No inline scripts: CSP says script-src 'self'.
   Everything here is an enhancement: the pages work without it. */
(function () {
  "use strict";

  // Header menus are <details> elements: close them with Escape (focus back on the summary),
  // when clicking outside, and when another one opens.
  function menusDelEncabezado() {
    return Array.prototype.slice.call(document.querySelectorAll(".encabezado details"));
  }

  function cerrar(menu, devolverFoco) {
    if (!menu.open) {
      return;
    }
    menu.open = false;
    if (devolverFoco) {
      menu.querySelector("summary").focus();
    }
  }

  document.addEventListener("keydown", function (evento) {
    if (evento.key !== "Escape") {
      return;
    }
    menusDelEncabezado().forEach(function (menu) {
      if (menu.open) {
        cerrar(menu, menu.contains(document.activeElement));
      }
    });
  });

  document.addEventListener("click", function (evento) {
    menusDelEncabezado().forEach(function (menu) {
      if (!menu.contains(evento.target)) {
        cerrar(menu, false);
      }
    });
  });

  document.addEventListener("focusin", function (evento) {
    menusDelEncabezado().forEach(function (menu) {
      if (!menu.contains(evento.target)) {
        cerrar(menu, false);
      }
    });
  });

  // "Turnos disponibles para audiencias": first a day, then one of its times; the sticky
  // confirmation repeats the choice. Without this the form lists every day's times.
  function selectorDeTurnos(formulario) {
    var dias = formulario.querySelectorAll("input[name=dia]");
    var secciones = formulario.querySelectorAll(".dia-turnos");
    var resumen = formulario.querySelector("[data-resumen-turno]");
    var textoInicial = resumen.textContent;
    var sinDia = formulario.querySelector(".sin-dia");

    function mostrarDia(fecha) {
      secciones.forEach(function (seccion) {
        seccion.hidden = seccion.getAttribute("data-dia") !== fecha;
      });
      sinDia.hidden = Boolean(fecha);
      // A time of another day no longer counts as chosen.
      formulario.querySelectorAll("input[name=turno]:checked").forEach(function (turno) {
        if (turno.closest(".dia-turnos").hidden) {
          turno.checked = false;
        }
      });
      actualizarResumen();
    }

    function actualizarResumen() {
      var elegido = formulario.querySelector("input[name=turno]:checked");
      resumen.textContent = elegido
        ? resumen.getAttribute("data-elegiste") + " " + elegido.getAttribute("data-resumen")
        : textoInicial;
      formulario.classList.toggle("con-turno", Boolean(elegido));
    }

    resumen.setAttribute("data-elegiste", formulario.getAttribute("data-elegiste") || "Elegiste:");
    formulario.querySelector(".selector-dias").hidden = false;
    formulario.querySelector(".titulo-horarios").hidden = false;
    formulario.classList.add("con-js");
    dias.forEach(function (dia) {
      dia.addEventListener("change", function () {
        mostrarDia(dia.value);
      });
    });
    formulario.querySelectorAll("input[name=turno]").forEach(function (turno) {
      turno.addEventListener("change", actualizarResumen);
    });
    var marcado = formulario.querySelector("input[name=dia]:checked");
    mostrarDia(marcado ? marcado.value : "");
  }

  // The agreement's obligations: "Agregar otra obligación" appends a blank row in the page
  // (without this the button posts the form back with one more row).
  function filasRepetibles(boton) {
    var conjunto = boton.closest("fieldset");
    var filas = conjunto.querySelector("[data-filas-obligaciones]");
    var modelo = conjunto.querySelector("template[data-obligacion-vacia]");
    var total = conjunto.querySelector("input[name$=-TOTAL_FORMS]");
    var maximo = parseInt(boton.getAttribute("data-maximo"), 10);
    boton.addEventListener("click", function (evento) {
      evento.preventDefault();
      var indice = parseInt(total.value, 10);
      if (indice >= maximo) {
        return;
      }
      var html = modelo.innerHTML
        .replace(/__prefix__/g, String(indice))
        .replace(/__numero__/g, String(indice + 1));
      filas.insertAdjacentHTML("beforeend", html);
      total.value = String(indice + 1);
      boton.hidden = indice + 1 >= maximo;
      var primero = filas.lastElementChild.querySelector("input, textarea, select");
      if (primero) {
        primero.focus();
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-selector-turnos]").forEach(selectorDeTurnos);
    document.querySelectorAll("[data-agregar-obligacion]").forEach(filasRepetibles);
    // In the staff side menu the list of work areas is always open and marks the current page.
    document.querySelectorAll(".navegacion-panel details").forEach(function (menu) {
      menu.open = true;
    });
    document.querySelectorAll(".navegacion-panel a[href]").forEach(function (enlace) {
      if (enlace.getAttribute("href") === window.location.pathname) {
        enlace.setAttribute("aria-current", "page");
      }
    });
    // On a phone tables stack as labelled rows: each cell carries its column's header.
    document.querySelectorAll("table.table").forEach(function (tabla) {
      var encabezados = Array.prototype.map.call(
        tabla.querySelectorAll("thead tr:last-child th"),
        function (th) { return th.textContent.replace(/\s+/g, " ").trim(); }
      );
      tabla.querySelectorAll("tbody tr").forEach(function (fila) {
        var columna = 0;
        Array.prototype.forEach.call(fila.children, function (celda) {
          // A cell spanning several columns is a message ("No hay…"), not a value of one.
          var unaColumna = (celda.colSpan || 1) === 1;
          if (unaColumna && !celda.hasAttribute("data-label") && encabezados[columna] !== undefined) {
            celda.setAttribute("data-label", encabezados[columna]);
          }
          columna += celda.colSpan || 1;
        });
      });
    });
    // A form came back with errors: take keyboard and screen-reader users to the summary.
    var resumen = document.querySelector("[data-resumen-errores]");
    if (resumen) {
      resumen.focus();
    }
  });
})();
