/* Upload with progress: the bytes going up (XHR upload events), then the server's ingest job (polled). */
(function () {
  var form = document.getElementById('upload-form');
  var input = document.getElementById('file');
  var drop = document.getElementById('drop');
  var box = document.getElementById('progress-box');
  var bar = document.getElementById('progress');
  var phase = document.getElementById('phase');
  var count = document.getElementById('count');
  var summary = document.getElementById('summary');

  function esc(s) { var d = document.createElement('div'); d.textContent = String(s); return d.innerHTML; }
  input.addEventListener('change', function () {
    document.getElementById('chosen').textContent = input.files.length ? input.files[0].name : '';
  });
  ['dragenter', 'dragover'].forEach(function (t) {
    drop.addEventListener(t, function (e) { e.preventDefault(); drop.classList.add('over'); });
  });
  ['dragleave', 'drop'].forEach(function (t) {
    drop.addEventListener(t, function (e) { e.preventDefault(); drop.classList.remove('over'); });
  });
  drop.addEventListener('drop', function (e) {
    if (e.dataTransfer.files.length) { input.files = e.dataTransfer.files; input.dispatchEvent(new Event('change')); }
  });

  function show(job) {
    var s = job.summary;
    var rows = Object.keys(s.by_outcome).map(function (k) {
      return '<tr><td>' + esc(k) + '</td><td class="num">' + s.by_outcome[k] + '</td></tr>';
    }).join('');
    var parts = Object.keys(s.by_message).filter(function (k) { return s.by_message[k]; })
      .map(function (k) { return s.by_message[k] + ' ' + esc(k); }).join(', ');
    summary.innerHTML = '<h2>' + esc(job.filename) + ': ' + s.messages + ' message' + (s.messages === 1 ? '' : 's') +
      ' read</h2><p class="muted">' + parts + ' · ' + s.events + ' new event' + (s.events === 1 ? '' : 's') + '</p>' +
      (rows ? '<table><thead><tr><th>What the policy did</th><th class="num">events</th></tr></thead><tbody>' + rows +
              '</tbody></table>' : '') +
      (s.problems.length ? '<ul class="problems">' + s.problems.map(function (p) { return '<li>' + esc(p) + '</li>'; }).join('') + '</ul>' : '') +
      '<p><a href="/">See the overview →</a></p>';
    summary.hidden = false;
  }

  function poll(id) {
    fetch('/api/v1/ingest/jobs/' + encodeURIComponent(id), {credentials: 'same-origin'})
      .then(function (r) { return r.json(); })
      .then(function (job) {
        bar.max = Math.max(job.total, 1); bar.value = job.done;
        count.textContent = job.done + ' / ' + job.total + ' messages';
        if (job.state === 'running') { setTimeout(function () { poll(id); }, 250); return; }
        phase.textContent = job.state === 'done' ? 'Done' : 'Failed: ' + job.error;
        if (job.state === 'done') show(job);
      });
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    if (!input.files.length) return;
    var data = new FormData(); data.append('file', input.files[0]);
    var xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/ingest/jobs');
    box.hidden = false; summary.hidden = true; phase.textContent = 'Uploading…'; bar.max = 100; bar.value = 0;
    xhr.upload.onprogress = function (ev) { if (ev.lengthComputable) bar.value = 100 * ev.loaded / ev.total; };
    xhr.onload = function () {
      var body = JSON.parse(xhr.responseText || '{}');
      if (xhr.status !== 202) { phase.textContent = 'Refused: ' + (body.error || xhr.status); return; }
      phase.textContent = 'Ingesting…'; poll(body.id);
    };
    xhr.onerror = function () { phase.textContent = 'The upload failed (connection lost).'; };
    xhr.send(data);
  });
})();
