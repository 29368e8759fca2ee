import { describe, expect, it } from 'vitest';
import type { PageSpec } from '@dmc/shared/api';
import { escapeHtml, renderMessage } from './page-html';
import { delayLabel, renderQuestion } from './page-question';

const HOSTILE = `<script>alert("x")</script> & 'quotes'`;

describe('escapeHtml', () => {
  it('escapes the five HTML-special characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

describe('renderQuestion', () => {
  it('shows the product name, title and text, escaped, and the form secret', () => {
    const html = renderQuestion({ kind: 'consent', title: HOSTILE, text: `Line 1\n${HOSTILE}` }, 'se"cret');
    expect(html).toContain('<p class="brand">dmc</p>');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;');
    expect(html).toContain('<input type="hidden" name="_secret" value="se&quot;cret">');
    expect(html).toContain('name="viewport" content="width=device-width, initial-scale=1"');
    // Self-contained: nothing is loaded from elsewhere.
    expect(html).not.toMatch(/<(script|link|img|iframe)\b|src=|url\(/i);
  });

  it('offers Accept and Decline for consent, OK for info', () => {
    const consent = renderQuestion({ kind: 'consent', title: 'T', text: 'x' }, 's');
    expect(consent).toMatch(/<button[^>]*name="_choice" value="accept">Accept<\/button>/);
    expect(consent).toMatch(/<button[^>]*name="_choice" value="decline">Decline<\/button>/);
    expect(renderQuestion({ kind: 'info', title: 'T', text: 'x' }, 's')).toMatch(/value="ok">OK<\/button>/);
  });

  it('labels one button per delay of a postpone page, plus Now', () => {
    const html = renderQuestion({ kind: 'postpone', title: 'T', text: 'x' }, 's');
    const labels = [...html.matchAll(/<button[^>]*value="([^"]+)">([^<]+)</g)].map((m) => [m[1], m[2]]);
    expect(labels).toEqual([
      ['now', 'Now'],
      ['900', 'In 15 minutes'],
      ['3600', 'In 1 hour'],
      ['14400', 'In 4 hours'],
      ['86400', 'In 1 day'],
    ]);
    expect([delayLabel(60), delayLabel(7200), delayLabel(90), delayLabel(172800)]).toEqual([
      'In 1 minute',
      'In 2 hours',
      'In 90 seconds',
      'In 2 days',
    ]);
  });

  const form: PageSpec = {
    kind: 'form',
    title: 'Site',
    text: 'Where?',
    schema: {
      type: 'object',
      properties: {
        room: { type: 'string', title: `Room ${HOSTILE}`, maxLength: 10 },
        floor: { type: 'integer', minimum: 0, maximum: 20, description: 'Ground floor is 0' },
        band: { type: 'string', enum: ['2.4 GHz', `5 "GHz"`] },
        indoor: { type: 'boolean', title: 'Indoors' },
      },
      required: ['room'],
    },
  };

  it('builds labelled inputs from the form schema', () => {
    const html = renderQuestion(form, 's');
    expect(html).toContain('<label for="f-room">Room &lt;script&gt;');
    expect(html).toMatch(/<input type="text" id="f-room" name="room" required maxlength="10">/);
    expect(html).toContain(
      '<label for="f-floor">floor (optional)</label><span class="hint">Ground floor is 0</span>',
    );
    expect(html).toMatch(/<input type="number" id="f-floor" name="floor" step="1" min="0" max="20"/);
    expect(html).toContain('<option value="5 &quot;GHz&quot;">5 &quot;GHz&quot;</option>');
    expect(html).toMatch(/<input type="checkbox" id="f-indoor" name="indoor" value="on"> Indoors/);
  });

  it('shows errors next to their fields and keeps the values, escaped', () => {
    const html = renderQuestion(form, 's', {
      message: 'Please correct the fields marked below.',
      errors: { floor: 'Enter a whole number.' },
      entered: { room: `"><b>x`, floor: '2.5', band: '2.4 GHz', indoor: 'on' },
    });
    expect(html).toContain('<div class="summary" role="alert">Please correct the fields marked below.</div>');
    expect(html).toContain('value="&quot;&gt;&lt;b&gt;x"');
    expect(html).toMatch(
      /id="f-floor"[^>]*aria-invalid="true" aria-describedby="f-floor-error"[^>]*value="2.5"/,
    );
    expect(html).toContain('<p class="error" id="f-floor-error">Enter a whole number.</p>');
    expect(html).toContain('<option value="2.4 GHz" selected>');
    expect(html).toMatch(/name="indoor" value="on" checked>/);
  });
});

describe('renderMessage', () => {
  it('says thank you in plain words', () => {
    expect(renderMessage('thanks')).toContain('<h1>Thank you, you can close this page.</h1>');
    expect(renderMessage('answered')).toContain('already answered');
  });
});

describe('renderQuestion with field names that are also object keys', () => {
  it('renders empty fields', () => {
    const html = renderQuestion(
      {
        kind: 'form',
        title: 'T',
        text: 'x',
        schema: {
          type: 'object',
          properties: { constructor: { type: 'string' as const }, toString: { type: 'boolean' as const } },
        },
      },
      's',
      { errors: {}, entered: {} },
    );
    expect(html).toMatch(/<input type="text" id="f-constructor" name="constructor">/);
    expect(html).toMatch(/<input type="checkbox" id="f-toString" name="toString" value="on">/);
  });
});
