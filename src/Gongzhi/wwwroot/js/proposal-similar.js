// Suggests open proposals of the resident's community with similar words while the title of a new one is typed, so that
// they can support one instead of posting it twice. Delegated from the document, so it keeps working across enhanced
// navigation; without script the form posts as it is.
(() => {
  let timer = 0;
  let asked = '';
  const show = (box, items) => {
    box.replaceChildren();
    box.hidden = items.length === 0;
    if (items.length === 0) return;
    const heading = document.createElement('p');
    heading.className = 'hint';
    heading.textContent = box.dataset.heading;
    const list = document.createElement('ul');
    list.className = 'item-list';
    list.dataset.similarList = '';
    for (const item of items) {
      const li = document.createElement('li');
      li.className = 'item';
      const link = document.createElement('a');
      link.href = 'participation/proposals/' + item.id;
      link.textContent = item.title;
      const count = document.createElement('span');
      count.className = 'meta';
      count.textContent = ' · ' + box.dataset.supporters.replace('{0}', item.supportCount);
      li.append(link, count);
      list.append(li);
    }
    box.append(heading, list);
  };
  const suggest = (input) => {
    const box = document.getElementById(input.getAttribute('aria-describedby'));
    const title = input.value.trim();
    if (!box || title === asked) return;
    asked = title;
    if ([...title].length < 2) { show(box, []); return; }
    fetch(input.dataset.similarUrl + '&title=' + encodeURIComponent(title), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then((r) => (r.ok ? r.json() : []))
      .then((items) => { if (input.value.trim() === title) show(box, items); })
      .catch(() => show(box, []));
  };
  document.addEventListener('input', (e) => {
    if (!(e.target instanceof HTMLInputElement) || !e.target.dataset.similarUrl) return;
    clearTimeout(timer);
    const input = e.target;
    timer = setTimeout(() => suggest(input), 300);
  });
})();
