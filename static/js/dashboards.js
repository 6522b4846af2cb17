// Dashboard charts (vendored Chart.js); data comes from a json_script block, clicks open the list behind a number.
document.addEventListener("DOMContentLoaded", function () {
  var source = document.getElementById("dashboard-data");
  if (!source || typeof Chart === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var font = { family: "'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', system-ui, sans-serif" };
  Chart.defaults.font.family = font.family;

  function linkFor(selector, index) {
    var rows = document.querySelectorAll(selector);
    var row = rows[index];
    var link = row ? row.querySelector("a") : null;
    if (link) { window.location.href = link.href; }
  }

  var bars = document.getElementById("pillar-chart");
  if (bars && data.pillars.labels.length) {
    new Chart(bars, {
      type: "bar",
      data: {
        labels: data.pillars.labels,
        datasets: [{
          label: data.pillars.label,
          data: data.pillars.progress,
          backgroundColor: data.pillars.progress.map(function (v) { return v >= 70 ? "#198754" : v >= 30 ? "#ffc107" : "#dc3545"; }),
          borderRadius: 4,
          maxBarThickness: 28
        }]
      },
      options: {
        indexAxis: "y",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { x: { min: 0, max: 100, ticks: { callback: function (v) { return v + "%"; } } } },
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { label: function (ctx) { return ctx.parsed.x.toFixed(1) + "%"; } } }
        },
        onClick: function (event, elements) { if (elements.length) { linkFor("#pillar-table tbody tr", elements[0].index); } }
      }
    });
  }

  var doughnut = document.getElementById("light-chart");
  if (doughnut) {
    new Chart(doughnut, {
      type: "doughnut",
      data: {
        labels: data.lights.labels,
        datasets: [{ data: data.lights.values, backgroundColor: data.lights.colours, borderWidth: 1 }]
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { position: "right", labels: { boxWidth: 12 } } },
        onClick: function (event, elements) {
          if (!elements.length) { return; }
          var key = data.lights.keys[elements[0].index];
          var card = document.querySelector('[data-kpi="' + key + '"]');
          var link = card ? card.closest("a") : null;
          if (link) { window.location.href = link.href; }
        }
      }
    });
  }
});
