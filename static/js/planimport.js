// Review screen of the plan import: add and remove measures, checks and whole rows (pillars, requirements).
// Without JavaScript the page still works: each list keeps an empty input to add one item, rows have a Remove box.
(function () {
  "use strict";

  function renumber(list) {
    list.querySelectorAll("[data-item]:not([data-blank]) .item-number").forEach(function (badge, index) {
      badge.textContent = String(index + 1);
    });
  }

  function addItem(list) {
    var blank = list.querySelector("[data-blank]");
    var row = document.createElement("li");
    row.className = "input-group input-group-sm mb-1";
    row.setAttribute("data-item", "");
    var number = document.createElement("span");
    number.className = "input-group-text item-number";
    var input = document.createElement("input");
    input.type = "text";
    input.className = "form-control";
    input.name = list.dataset.name;
    input.setAttribute("aria-label", list.dataset.placeholder || "");
    var remove = document.createElement("button");
    remove.type = "button";
    remove.className = "btn btn-outline-danger";
    remove.setAttribute("data-remove-item", "");
    remove.setAttribute("aria-label", "×");
    remove.innerHTML = '<i class="bi bi-x-lg"></i>';
    row.append(number, input, remove);
    list.insertBefore(row, blank);
    renumber(list);
    input.focus();
  }

  function addForm(prefix) {
    var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    var template = document.getElementById(prefix + "-template");
    var container = document.getElementById(prefix + "-forms");
    if (!total || !template || !container) { return; }
    var index = parseInt(total.value, 10) || 0;
    var html = template.innerHTML.replace(/__prefix__/g, String(index));
    var holder = document.createElement("div");
    holder.innerHTML = html;
    var added = [];
    while (holder.firstElementChild) { added.push(container.appendChild(holder.firstElementChild)); }
    total.value = String(index + 1);
    var first = added.length && added[0].querySelector("input[type=text], textarea");
    if (first) { first.focus(); }
  }

  function toggleDeleted(checkbox) {
    var row = checkbox.closest("[data-form-row]");
    if (row) { row.classList.toggle("opacity-50", checkbox.checked); }
  }

  document.addEventListener("click", function (event) {
    var add = event.target.closest("[data-add-item]");
    if (add) {
      var list = document.getElementById(add.dataset.addItem);
      if (list) { addItem(list); }
      return;
    }
    var remove = event.target.closest("[data-remove-item]");
    if (remove) {
      var row = remove.closest("[data-item]");
      var owner = row && row.closest("[data-item-list]");
      if (row) { row.remove(); }
      if (owner) { renumber(owner); }
      return;
    }
    var addRow = event.target.closest("[data-add-form]");
    if (addRow) { addForm(addRow.dataset.addForm); }
  });

  document.addEventListener("change", function (event) {
    if (event.target.matches("input[type=checkbox][name$='-DELETE']")) { toggleDeleted(event.target); }
  });

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[type=checkbox][name$='-DELETE']").forEach(toggleDeleted);
  });
})();
