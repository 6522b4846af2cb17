// Campaign plans: drag-and-drop reordering of a pillar's measures (the arrow buttons work without JavaScript).
document.addEventListener("DOMContentLoaded", function () {
  var body = document.querySelector("tbody[data-reorder-url]");
  if (!body) { return; }
  var dragged = null;

  function csrfToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function save() {
    var data = new FormData();
    body.querySelectorAll("tr[data-measure-id]").forEach(function (row) { data.append("order", row.dataset.measureId); });
    fetch(body.dataset.reorderUrl, {
      method: "POST",
      body: data,
      headers: { "X-CSRFToken": csrfToken(), "HX-Request": "true" },
      credentials: "same-origin"
    }).then(function (response) {
      if (!response.ok) { window.location.reload(); }
    });
  }

  body.addEventListener("dragstart", function (event) {
    dragged = event.target.closest("tr[data-measure-id]");
    if (dragged) { dragged.classList.add("opacity-50"); event.dataTransfer.effectAllowed = "move"; }
  });
  body.addEventListener("dragover", function (event) {
    var row = event.target.closest("tr[data-measure-id]");
    if (!dragged || !row || row === dragged) { return; }
    event.preventDefault();
    var box = row.getBoundingClientRect();
    var after = event.clientY > box.top + box.height / 2;
    body.insertBefore(dragged, after ? row.nextSibling : row);
  });
  body.addEventListener("dragend", function () {
    if (dragged) { dragged.classList.remove("opacity-50"); dragged = null; save(); }
  });
});
