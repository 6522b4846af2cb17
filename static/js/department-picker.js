// Department picker: a department <select> that leadership.widgets.DepartmentSelect rendered with only the chosen
// option (there are too many departments to list) becomes a search box over the JSON search it names. The select
// stays in the form, hidden, and keeps submitting the chosen department's id.
(function () {
  var DELAY = 250;
  var count = 0;

  function enhance(select) {
    if (select.dataset.pickerReady) { return; }
    select.dataset.pickerReady = "1";
    count += 1;
    var data = select.dataset;
    var small = select.classList.contains("form-select-sm");
    var base = (select.id || "department-picker-" + count) + "_search";
    var input = document.createElement("input");
    var list = document.createElement("ul");
    var wrapper = document.createElement("div");
    var results = [];
    var active = -1;
    var timer = null;
    var controller = null;

    input.type = "text";
    input.id = base;
    input.className = "form-control" + (small ? " form-control-sm" : "");
    if (select.classList.contains("is-invalid")) { input.classList.add("is-invalid"); }
    input.placeholder = data.searchLabel;
    input.autocomplete = "off";
    input.spellcheck = false;
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", base + "_list");
    list.id = base + "_list";
    list.className = "list-group position-absolute w-100 shadow department-picker-list";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    wrapper.className = "department-picker position-relative";
    wrapper.appendChild(input);
    wrapper.appendChild(list);

    var labelled = false;
    if (select.id) {
      document.querySelectorAll('label[for="' + CSS.escape(select.id) + '"]').forEach(function (label) {
        label.htmlFor = input.id;
        labelled = true;
      });
    }
    if (!labelled) { input.setAttribute("aria-label", select.getAttribute("aria-label") || data.searchLabel); }
    // The hidden select cannot take focus, so the browser's required check moves to the search box.
    if (select.required) { input.required = true; select.required = false; }
    select.hidden = true;
    select.parentNode.insertBefore(wrapper, select);
    input.value = chosenText();

    function chosenText() {
      var option = select.selectedOptions[0];
      return option && option.value ? option.text : "";
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function open() {
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function message(text) {
      results = [];
      list.textContent = "";
      var item = document.createElement("li");
      item.className = "list-group-item text-body-secondary small";
      item.textContent = text;
      list.appendChild(item);
      open();
    }

    function show(items) {
      if (!items.length) { message(data.noMatch); return; }
      results = items;
      list.textContent = "";
      items.forEach(function (result, index) {
        var item = document.createElement("li");
        item.id = list.id + "_" + index;
        item.className = "list-group-item list-group-item-action";
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        item.dataset.index = String(index);
        item.textContent = result.text;
        list.appendChild(item);
      });
      open();
      highlight(-1);
    }

    function highlight(index) {
      active = index;
      Array.prototype.forEach.call(list.children, function (item, position) {
        var on = position === index;
        item.classList.toggle("active", on);
        if (item.hasAttribute("aria-selected")) { item.setAttribute("aria-selected", on ? "true" : "false"); }
        if (on) { item.scrollIntoView({ block: "nearest" }); }
      });
      if (index >= 0) { input.setAttribute("aria-activedescendant", list.id + "_" + index); }
      else { input.removeAttribute("aria-activedescendant"); }
    }

    // Put the chosen department (or none) into the select; `notify` lets listeners such as data-autosubmit react.
    function choose(result, notify) {
      window.clearTimeout(timer);
      if (controller) { controller.abort(); }
      var value = result ? String(result.id) : "";
      var option = Array.prototype.find.call(select.options, function (o) { return o.value === value; });
      if (!option && result) {
        option = new Option(result.text, value);
        select.add(option);
      }
      if (!option) { input.value = chosenText(); close(); return; }  // no empty choice: keep the current one
      var changed = select.value !== value;
      select.value = value;
      input.value = result ? result.text : "";
      close();
      if (changed && notify) { select.dispatchEvent(new Event("change", { bubbles: true })); }
    }

    // What is shown must be what is submitted: an emptied box clears the choice, any other text shows it again.
    function settle(notify) {
      if (input.value.trim() === "") { choose(null, notify); }
      else { input.value = chosenText(); close(); }
    }

    function search() {
      var text = input.value.trim();
      if (controller) { controller.abort(); }
      if (!text) { close(); return; }
      controller = new AbortController();
      var url = new URL(data.departmentSearch, window.location.href);
      url.searchParams.set("q", text);
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin", signal: controller.signal })
        .then(function (response) {
          if (!response.ok) { throw new Error(String(response.status)); }
          return response.json();
        })
        .then(function (body) { show(body.results || []); })
        .catch(function (error) {
          if (error.name !== "AbortError") { message(data.searchFailed); }
        });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(search, DELAY);
    });
    input.addEventListener("keydown", function (event) {
      var isOpen = !list.hidden && results.length > 0;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        if (!isOpen) {
          if (results.length) { open(); } else { search(); }
          return;
        }
        var step = event.key === "ArrowDown" ? 1 : -1;
        highlight((active + step + results.length) % results.length);
      } else if (event.key === "Enter") {
        if (isOpen) {
          event.preventDefault();
          choose(results[active >= 0 ? active : 0], true);
        } else {
          settle(false);  // the form is about to be submitted with what the box shows
        }
      } else if (event.key === "Escape") {
        if (!list.hidden) {
          event.preventDefault();
          close();
        } else {
          input.value = chosenText();
        }
      }
    });
    input.addEventListener("blur", function () {
      window.clearTimeout(timer);
      if (controller) { controller.abort(); }
      settle(true);
    });
    // Keep the focus in the box while an item is clicked, so that blur does not close the list first.
    list.addEventListener("mousedown", function (event) { event.preventDefault(); });
    list.addEventListener("click", function (event) {
      var item = event.target.closest("[data-index]");
      if (item) { choose(results[Number(item.dataset.index)], true); }
    });
    if (select.form) {
      select.form.addEventListener("submit", function () { settle(false); });
    }
  }

  function enhanceWithin(root) {
    root.querySelectorAll("select[data-department-search]").forEach(enhance);
  }

  document.addEventListener("DOMContentLoaded", function () { enhanceWithin(document); });
  document.addEventListener("htmx:load", function (event) { enhanceWithin(event.target); });
})();
