// Evaluations: charts from json_script data, and a confirmation before a ballot is submitted (no inline scripts).
(function () {
  "use strict";

  function palette(n) {
    var colours = [];
    for (var i = 0; i < n; i++) { colours.push("hsl(" + ((i * 47) % 360) + ", 55%, 55%)"); }
    return colours;
  }

  function drawChart(canvas) {
    var source = document.getElementById(canvas.dataset.source);
    if (!source || typeof window.Chart === "undefined") { return; }
    var data = JSON.parse(source.textContent);
    var horizontal = canvas.dataset.kind === "bar-horizontal";
    var count = parseInt(canvas.dataset.count || data.labels.length, 10);
    canvas.parentElement.style.position = "relative";
    canvas.parentElement.style.height = (horizontal ? Math.max(160, 28 * count + 60) : 260) + "px";
    new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: [{ label: data.label, data: data.values, backgroundColor: palette(data.values.length) }]
      },
      options: {
        indexAxis: horizontal ? "y" : "x",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { display: false } },
        scales: horizontal ? { x: { min: 0, max: 100 } } : { y: { min: 0, max: 100 } }
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("canvas.evaluation-chart").forEach(drawChart);

    var ballot = document.getElementById("ballot-form");
    if (ballot) {
      ballot.addEventListener("submit", function (event) {
        var button = ballot.querySelector("[data-confirm-text]");
        if (button && !window.confirm(button.dataset.confirmText)) { event.preventDefault(); return; }
        if (button) { button.disabled = true; }
      });
    }
  });
})();
