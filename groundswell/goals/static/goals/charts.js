// Draw the dashboard's charts with Chart.js: every <canvas data-chart> holds its series as JSON. The dashboard
// is replaced by an HTMX poll every few seconds, so charts are destroyed before a swap and drawn again after it
// (without animation, so the numbers do not jump).
(function () {
  const charts = new Map();

  function draw(canvas) {
    const data = JSON.parse(canvas.dataset.chart);
    const datasets = [{ label: "Running total", data: data.values, borderColor: "#22aa66", borderWidth: 2,
                        pointRadius: 0, fill: false, tension: 0 }];
    if (data.pace) {
      datasets.push({ label: "Pace to the goal", data: data.pace, borderColor: "#999999", borderWidth: 1,
                      borderDash: [4, 4], pointRadius: 0, fill: false });
    }
    charts.set(canvas, new Chart(canvas, {
      type: "line",
      data: { labels: data.labels, datasets: datasets },
      options: { animation: false, responsive: true, maintainAspectRatio: false,
                 plugins: { legend: { display: false } },
                 scales: { x: { display: false },
                           y: { beginAtZero: true, suggestedMax: 1, ticks: { maxTicksLimit: 3, precision: 0 } } } },
    }));
  }

  function drawAll(root) {
    root.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      if (!charts.has(canvas)) draw(canvas);
    });
  }

  document.addEventListener("DOMContentLoaded", function () { drawAll(document); });
  document.addEventListener("htmx:beforeSwap", function (event) {
    charts.forEach(function (chart, canvas) {
      if (event.detail.target.contains(canvas)) { chart.destroy(); charts.delete(canvas); }
    });
  });
  document.addEventListener("htmx:afterSettle", function (event) { drawAll(event.detail.target); });
})();
