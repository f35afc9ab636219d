// Behaviour of the shared layout, kept out of the markup so the Content-Security-Policy needs no
// inline handlers: a <select data-autosubmit> submits its form when changed (the language switch).
document.querySelectorAll('select[data-autosubmit]').forEach((select) => {
  select.addEventListener('change', () => select.form.requestSubmit());
});
