// The upload page: sends the form as multipart to POST /api/imports (with the page's antiforgery token),
// then follows GET /api/imports/{id} with a progress bar until the import has ended.
export function wireImports(root) {
  const form = root.querySelector('form[data-import]');
  if (!form) return;
  const bar = root.querySelector('[data-import-progress]');
  const status = root.querySelector('[data-import-status]');
  const token = root.querySelector('meta[name="request-verification-token"]');
  const say = (text, kind) => {
    status.textContent = text;
    status.className = `status ${kind || ''}`;
  };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    bar.value = 0;
    bar.hidden = false;
    say(form.dataset.uploading || 'Uploading…');
    try {
      const response = await fetch('/api/imports', {
        method: 'POST', body: new FormData(form), credentials: 'same-origin',
        headers: token ? { RequestVerificationToken: token.content } : {}
      });
      const body = await response.json().catch(() => ({}));
      if (response.status !== 202) throw new Error(body.detail || body.title || response.statusText);
      await follow(body.id);
    } catch (error) {
      say(error.message, 'error');
    } finally {
      button.disabled = false;
    }
  });

  async function follow(id) {
    for (;;) {
      const response = await fetch(`/api/imports/${id}`, { credentials: 'same-origin' });
      const state = await response.json();
      bar.value = Math.round((state.progress || 0) * 100);
      say(`${form.dataset[state.state.toLowerCase()] || state.state}: ${state.events.toLocaleString()} · ${Math.round((state.progress || 0) * 100)} %`);
      if (state.state === 'Succeeded' || state.state === 'Failed') {
        say(state.state === 'Failed' ? state.message : `${form.dataset.succeeded || 'Succeeded'}: ${state.events.toLocaleString()} / ${state.cases.toLocaleString()}`,
          state.state === 'Failed' ? 'error' : 'ok');
        const list = document.querySelector('[data-import-list]');
        if (list) list.dataset.stale = 'true';
        window.setTimeout(() => window.location.assign(`/reports/imports?last=${id}`), 800);
        return;
      }
      await new Promise((resolve) => window.setTimeout(resolve, 500));
    }
  }
}
