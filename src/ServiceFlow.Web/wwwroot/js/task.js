// Task forms: a comment marked data-required-when="name=value" becomes required while that choice is made
// (sending a record back, returning a result): the person who gets the work back needs to know why.
// The server refuses the same thing without a comment; this only says so before the round trip.
document.querySelectorAll('textarea[data-required-when]').forEach((comment) => {
  const [name, value] = comment.dataset.requiredWhen.split('=');
  const radios = comment.form.querySelectorAll(`input[type=radio][name="${name}"]`);
  const update = () => { comment.required = Array.from(radios).some((r) => r.checked && r.value === value); };
  radios.forEach((r) => r.addEventListener('change', update));
  update();
});
