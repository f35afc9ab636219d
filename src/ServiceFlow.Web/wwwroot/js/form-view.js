// Forms drawn by the form-js viewer (Features/Forms/_FormView.cshtml): render each into its page form, and on
// submit check it as form-js does; a form with refusals stays, focused on the first, anything else is posted
// as JSON (sf-form-data) to the page's handler, where the server's validator decides and names refused fields.
document.querySelectorAll('[data-sf-form]').forEach(async (host) => {
  const cfg = JSON.parse(host.querySelector('.sf-form-config').textContent);
  const hidden = host.querySelector('input[type=hidden]');
  const body = host.querySelector('.sf-form-body');
  const view = await window.ServiceFlowForms.view({ container: body, schema: cfg.schema, data: cfg.data, locale: cfg.locale, errors: cfg.errors });
  host.dataset.ready = 'true';
  host.closest('form').addEventListener('submit', (event) => {
    const { data, errors, files } = view.submit();
    if (Object.keys(errors).length > 0) {
      event.preventDefault();
      const first = body.querySelector('[aria-invalid="true"]') || body.querySelector('.fjs-has-errors input, .fjs-has-errors textarea');
      if (first) first.focus();
      return;
    }
    hidden.value = JSON.stringify(data);
    // form-js's own file inputs are not posted; each chosen file goes as a part named by its field's key
    body.querySelectorAll('input[type=file]').forEach((input) => input.removeAttribute('name'));
    host.querySelectorAll('input[data-sf-file]').forEach((input) => input.remove());
    for (const { key, files: chosen } of files) {
      const input = document.createElement('input');
      input.type = 'file';
      input.name = key;
      input.hidden = true;
      input.dataset.sfFile = '';
      const transfer = new DataTransfer();
      chosen.forEach((file) => transfer.items.add(file));
      input.files = transfer.files;
      host.append(input);
    }
  });
});
