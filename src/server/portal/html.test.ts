import { describe, expect, it } from 'vitest';
import { html, trusted } from './html.ts';

describe('html template', () => {
  it('escapes every interpolated string, keeps safe fragments and joins arrays', () => {
    const name = '<script>alert("x")</script>&\'';
    expect(html`<p title="${name}">${name}</p>`.value).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;</p>',
    );
    expect(html`<ul>${['a<', 'b'].map((x) => html`<li>${x}</li>`)}</ul>`.value).toBe('<ul><li>a&lt;</li><li>b</li></ul>');
    expect(html`${trusted('<b>粗</b>')}${null}${undefined}${false}${0}`.value).toBe('<b>粗</b>0');
  });
});
