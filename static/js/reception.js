// Reception forms: add another row to a formset (meals, lodging, guests, gifts, events) from its empty template.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-add-row]").forEach(function (button) {
    button.addEventListener("click", function () {
      var prefix = button.dataset.addRow;
      var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
      var template = document.querySelector('template[data-empty-row="' + prefix + '"]');
      var rows = document.querySelector('tbody[data-rows="' + prefix + '"]');
      if (!total || !template || !rows) { return; }
      var index = parseInt(total.value, 10);
      var html = template.innerHTML.replace(/__prefix__/g, String(index));
      rows.insertAdjacentHTML("beforeend", html);
      total.value = String(index + 1);
      var first = rows.lastElementChild && rows.lastElementChild.querySelector("input:not([type=hidden]), select");
      if (first) { first.focus(); }
    });
  });
});
