/* Overview charts (Chart.js, served by the app itself). Data comes from <script id="chart-data">. */
(function () {
  var el = document.getElementById('chart-data');
  if (!el || typeof Chart === 'undefined') return;
  var data = JSON.parse(el.textContent);
  var css = getComputedStyle(document.documentElement);
  var color = function (name) { return (css.getPropertyValue('--' + name) || '#94a3b8').trim(); };
  var FAULT_LABELS = {recipient: 'Recipient', sender: 'Sender (you)', content: 'Content', remote: 'Receiving side',
                      network: 'Network', unknown: 'Unknown', none: 'Not a failure'};
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = '#626b85';
  Chart.defaults.plugins.legend.labels.boxWidth = 12;
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;
  var grid = {color: '#eef0f6'};
  var shortDay = function (d) { var p = d.split('-'); return Number(p[2]) + '/' + Number(p[1]); };

  function make(id, config) {
    var canvas = document.getElementById(id);
    if (canvas) { canvas.chart = new Chart(canvas, config); }
  }

  var daily = data.daily;
  make('chart-daily', {
    type: 'bar',
    data: {
      labels: daily.days.map(shortDay),
      datasets: data.daily_faults.map(function (fc) {
        return {label: FAULT_LABELS[fc[0]] || fc[0], data: fc[1], backgroundColor: color(fc[0]),
                borderRadius: 3, stack: 'faults'};
      })
    },
    options: {scales: {x: {stacked: true, grid: {display: false}}, y: {stacked: true, beginAtZero: true, grid: grid,
              ticks: {precision: 0}}},
              plugins: {legend: {position: 'bottom'}, tooltip: {mode: 'index', intersect: false}}}
  });

  var faults = data.by_fault.filter(function (kv) { return kv[1] > 0; });
  make('chart-faults', {
    type: 'doughnut',
    data: {labels: faults.map(function (kv) { return FAULT_LABELS[kv[0]] || kv[0]; }),
           datasets: [{data: faults.map(function (kv) { return kv[1]; }),
                       backgroundColor: faults.map(function (kv) { return color(kv[0]); }), borderWidth: 2}]},
    options: {cutout: '62%', plugins: {legend: {position: 'bottom'}}}
  });

  function horizontal(id, pairs, colors) {
    make(id, {
      type: 'bar',
      data: {labels: pairs.map(function (kv) { return kv[0]; }),
             datasets: [{data: pairs.map(function (kv) { return kv[1]; }), backgroundColor: colors,
                         borderRadius: 4, barThickness: 16}]},
      options: {indexAxis: 'y', plugins: {legend: {display: false}},
                scales: {x: {beginAtZero: true, grid: grid, ticks: {precision: 0}}, y: {grid: {display: false}}}}
    });
  }
  horizontal('chart-reasons', data.top_reasons, data.top_reasons.map(function (kv) { return color(kv[2]); }));
  horizontal('chart-domains', data.top_domains, color('brand'));

  make('chart-suppressions', {
    type: 'bar',
    data: {labels: daily.days.map(shortDay),
           datasets: [{label: 'Suppressions added', data: daily.suppressions_added, backgroundColor: color('brand'),
                       borderRadius: 3}]},
    options: {plugins: {legend: {display: false}},
              scales: {x: {grid: {display: false}}, y: {beginAtZero: true, grid: grid, ticks: {precision: 0}}}}
  });
  document.body.dataset.chartsReady = 'true';
})();
