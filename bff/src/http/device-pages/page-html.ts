// The frame of every page shown on a device (ux.md, "Pages shown on devices"): self-contained HTML
// with inline CSS, readable at 360 px, large buttons, the product's name and the text in plain words.
// Everything that comes from outside is escaped here or by the caller with `escapeHtml`.

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML content and double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}

const STYLE = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:#f4f5f7;color:#1a1d21;font:18px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{max-width:34rem;margin:0 auto;padding:1rem}
.card{background:#fff;border-radius:12px;padding:1.25rem;box-shadow:0 1px 3px rgba(0,0,0,.12)}
.brand{margin:0 0 .75rem;font-weight:700;letter-spacing:.04em;color:#1f4e9c}
h1{font-size:1.5rem;line-height:1.25;margin:0 0 .75rem;overflow-wrap:anywhere}
.text{white-space:pre-line;overflow-wrap:anywhere;margin:0 0 1.25rem}
button{display:block;width:100%;min-height:3.25rem;margin:.75rem 0 0;padding:.75rem 1rem;border-radius:10px;font:inherit;font-weight:600;cursor:pointer}
.primary{background:#1f4e9c;color:#fff;border:2px solid #1f4e9c}
.secondary{background:#fff;color:#1f4e9c;border:2px solid #1f4e9c}
button:focus-visible,input:focus-visible,select:focus-visible{outline:3px solid #f2b705;outline-offset:2px}
.field{margin:0 0 1.1rem}
.field>label{display:block;font-weight:600;margin:0 0 .3rem}
.hint{display:block;color:#4a5260;font-size:.9rem;margin:0 0 .3rem}
input[type=text],input[type=number],select{display:block;width:100%;min-height:3rem;padding:.5rem .75rem;border:2px solid #8a929e;border-radius:8px;font:inherit;background:#fff;color:inherit}
.check{display:flex;gap:.75rem;align-items:center;font-weight:600;min-height:3rem}
.check input{width:1.5rem;height:1.5rem;margin:0}
input[aria-invalid=true],select[aria-invalid=true]{border-color:#b00020}
.error{color:#b00020;font-weight:600;margin:.3rem 0 0}
.summary{border:2px solid #b00020;border-radius:8px;padding:.75rem;margin:0 0 1rem;color:#b00020;font-weight:600}
`;

/** A whole page; `title` is text, `body` is HTML the caller built with escaped parts. */
export function renderDocument(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
<title>${escapeHtml(title)} · dmc</title>
<style>${STYLE}</style>
</head>
<body>
<main><div class="card">
<p class="brand">dmc</p>
${body}
</div></main>
</body>
</html>
`;
}

/** The messages shown instead of a question, by HTTP status. */
export const PAGE_MESSAGES = {
  thanks: { status: 200, title: 'Thank you, you can close this page.', text: 'Your answer was sent.' },
  answered: {
    status: 409,
    title: 'Already answered',
    text: 'This question was already answered. You can close this page.',
  },
  expired: {
    status: 410,
    title: 'This page has expired',
    text: 'The question is no longer open. You can close this page.',
  },
  missing: { status: 404, title: 'Page not found', text: 'This link is not valid. You can close this page.' },
  forbidden: {
    status: 403,
    title: 'Your answer was not accepted',
    text: 'Open the page again from its link and answer there.',
  },
  unreadable: {
    status: 400,
    title: 'Your answer could not be read',
    text: 'Open the page again from its link and answer there.',
  },
} as const;
export type PageMessage = keyof typeof PAGE_MESSAGES;

/** A page with a heading and one paragraph. */
export function renderMessage(message: PageMessage): string {
  const { title, text } = PAGE_MESSAGES[message];
  return renderDocument(title, `<h1>${escapeHtml(title)}</h1>\n<p class="text">${escapeHtml(text)}</p>`);
}
