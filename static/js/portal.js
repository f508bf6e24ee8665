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

  document.addEventListener("DOMContentLoaded", function () {
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
          if (!celda.hasAttribute("data-label") && encabezados[columna] !== undefined) {
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
