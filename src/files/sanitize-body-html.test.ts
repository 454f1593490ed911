// The body allow-list against real XSS payloads (OWASP cheat-sheet vectors), and the text the
// scanner reads. Expected HTML written by hand from the allow-list.
import { describe, expect, it } from 'vitest';
import { looksLikeHtml, sanitizeBodyHtml, textToBodyHtml } from './sanitize-body-html.ts';

describe('sanitizeBodyHtml', () => {
  it('keeps what a 公文 body uses', () => {
    const html =
      '<h1>关于印发《示范市政府信息公开办法》的通知</h1><p>各区县：</p><p><strong>现</strong>将<em>办法</em>印发<u>给你们</u>。<br>请遵照执行。</p>' +
      '<ol><li>一</li></ol><ul><li>二</li></ul><blockquote>引文</blockquote>' +
      '<table><thead><tr><th colspan="2">项目</th></tr></thead><tbody><tr><td rowspan="2">甲</td><td>1</td></tr></tbody></table>' +
      '<p><a href="https://www.gov.cn/zhengce/">中国政府网</a> <a href="mailto:gk@example.gov.cn">来信</a></p><p><img src="/files/1.png" alt="附图"><img src="https://www.gov.cn/a.jpg" alt=""></p>';
    expect(sanitizeBodyHtml(html).html).toBe(
      '<h1>关于印发《示范市政府信息公开办法》的通知</h1><p>各区县：</p><p><strong>现</strong>将<em>办法</em>印发<u>给你们</u>。<br />请遵照执行。</p>' +
        '<ol><li>一</li></ol><ul><li>二</li></ul><blockquote>引文</blockquote>' +
        '<table><thead><tr><th colspan="2">项目</th></tr></thead><tbody><tr><td rowspan="2">甲</td><td>1</td></tr></tbody></table>' +
        '<p><a href="https://www.gov.cn/zhengce/" rel="noopener">中国政府网</a> <a href="mailto:gk@example.gov.cn" rel="noopener">来信</a></p><p><img src="/files/1.png" alt="附图" /><img src="https://www.gov.cn/a.jpg" alt="" /></p>',
    );
  });

  it.each([
    ['a script element', '<p>正文</p><script>alert(document.cookie)</script>', '<p>正文</p>'],
    ['an event handler', '<p onclick="alert(1)" onmouseover="alert(2)">正文</p>', '<p>正文</p>'],
    ['img onerror', '<img src=x onerror=alert(1)>', '<img src="x" />'],
    ['a javascript: link', '<a href="javascript:alert(1)">点此</a>', '<a>点此</a>'],
    ['a javascript: link hidden by case and entities', '<a href="JaVaScRiPt&#58;alert(1)">点此</a>', '<a>点此</a>'],
    ['a javascript: link behind a tab and a space', '<a href=" jav&#x09;ascript:alert(1)">点此</a>', '<a>点此</a>'],
    ['a data: link', '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">点此</a>', '<a>点此</a>'],
    ['a vbscript: image', '<img src="vbscript:msgbox(1)">', ''],
    ['a data: image', '<img src="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=" alt="x">', ''],
    ['a protocol-relative image', '<img src="//evil.example/a.png" alt="x">', ''],
    ['an iframe and its content', '<iframe src="https://evil.example/">内嵌</iframe><p>正文</p>', '<p>正文</p>'],
    ['an svg with a script', '<svg onload="alert(1)"><script>alert(1)</script></svg><p>正文</p>', '<p>正文</p>'],
    ['a style element and attribute', '<style>p{display:none}</style><p style="display:none">隐藏</p>', '<p>隐藏</p>'],
    ['object and embed', '<object data="x.swf"></object><embed src="x.swf"><p>正文</p>', '<p>正文</p>'],
    ['a form with a button', '<form action="https://evil.example"><input name="q"><button>提交</button></form>', ''],
    ['a meta refresh', '<meta http-equiv="refresh" content="0;url=javascript:alert(1)"><p>正文</p>', '<p>正文</p>'],
    ['a relative link (links go out over http, https or mail only)', '<a href="/portal/1">站内</a>', '<a>站内</a>'],
    ['target and a forged rel', '<a href="https://x.example" target="_blank" rel="opener">外链</a>', '<a href="https://x.example" rel="noopener">外链</a>'],
    ['a non-numeric colspan', '<table><tr><td colspan="2 onclick=x" rowspan="0">格</td></tr></table>', '<table><tr><td>格</td></tr></table>'],
    ['class and id', '<p class="x" id="y">正文</p>', '<p>正文</p>'],
    ['unclosed markup', '<p>正文<img src="x.png" alt="a', '<p>正文</p>'],
  ])('removes %s', (_name, input, expected) => {
    expect(sanitizeBodyHtml(input).html).toBe(expected);
  });

  it('keeps paragraphs wrapped in div, and h5/h6 as h4', () => {
    expect(sanitizeBodyHtml('<div>第一段</div><div><span style="font-family:仿宋">第二段</span></div><h6>小标题</h6>').html).toBe('<p>第一段</p><p><span>第二段</span></p><h4>小标题</h4>');
  });

  it('gives the text: blocks on their own lines, table cells tab-separated, nothing lost around a table', () => {
    const { text } = sanitizeBodyHtml('<p>联系人：张三</p><blockquote><table><tr><td>身份证号</td><td>110101199003077777</td></tr></table></blockquote><p>附：<a href="https://x.example">链接</a></p><script>var hidden="不可见"</script>');
    expect(text).toBe('联系人：张三\n身份证号\t110101199003077777\n附：链接');
  });

  it('decodes entities in the text', () => {
    expect(sanitizeBodyHtml('<p>A&amp;B&nbsp;&lt;C&gt;</p>').text).toBe('A&B <C>');
  });
});

describe('textToBodyHtml', () => {
  it('makes one escaped paragraph per non-empty line', () => {
    expect(textToBodyHtml('第一段 <b>\r\n\r\n  第二段 & "引号"  \n')).toBe('<p>第一段 &lt;b&gt;</p><p>第二段 &amp; &quot;引号&quot;</p>');
  });

  it('tells markup from plain text', () => {
    expect(looksLikeHtml('<p>正文</p>')).toBe(true);
    expect(looksLikeHtml('第一段<br/>第二段')).toBe(true);
    expect(looksLikeHtml('价格 < 100 且 > 50')).toBe(false);
  });
});
