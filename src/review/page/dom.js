// Small DOM helpers. Everything that came from a model or a file goes in as textContent, never as
// HTML: model text is untrusted.

/** Creates an element with attributes and text or child nodes. */
export function h(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key === 'value') node.value = value;
    else if (value === true) node.setAttribute(key, '');
    else node.setAttribute(key, String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(
      typeof child === 'string' || typeof child === 'number'
        ? document.createTextNode(String(child))
        : child,
    );
  }
  return node;
}

export function byId(id) {
  return document.getElementById(id);
}

/** Shows a short message at the bottom of the page for a few seconds. */
export function toast(message, kind = 'info') {
  const box = byId('toast');
  box.textContent = message;
  box.dataset.kind = kind;
  box.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => {
    box.hidden = true;
  }, 4000);
}

export function formatInterval([start, end]) {
  return `[${start}, ${end})`;
}
