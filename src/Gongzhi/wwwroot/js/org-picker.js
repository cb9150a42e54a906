// Filters an organisation picker's options as the user types, instead of the page reload the search box does
// without script. Delegated from the document, so it keeps working across enhanced navigation.
(() => {
  const apply = (box) => {
    const select = document.getElementById(box.dataset.orgFilter);
    if (!select) return;
    const term = box.value.trim().toLowerCase();
    for (const option of select.options) {
      option.hidden = term !== '' && !option.selected && !option.text.toLowerCase().includes(term);
    }
  };
  document.addEventListener('input', (e) => {
    if (e.target instanceof HTMLInputElement && e.target.dataset.orgFilter) apply(e.target);
  });
  document.addEventListener('click', (e) => {
    const button = e.target instanceof Element ? e.target.closest('[data-org-filter-button]') : null;
    if (!button) return;
    const box = document.getElementById(button.dataset.orgFilterButton + '-filter');
    if (box) { e.preventDefault(); apply(box); }
  });
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && e.target instanceof HTMLInputElement && e.target.dataset.orgFilter) {
      e.preventDefault();
      apply(e.target);
    }
  });
})();
