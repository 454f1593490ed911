// The platform home page (registerPortalHome; app.ts still serves the reports home at /), on a bare
// Fastify app: agencies grouped under their parents, links to each portal, the portal's headers.
import Fastify from 'fastify';
import { parse } from 'node-html-parser';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/test-database.ts';
import { createAgenciesRepository } from '../agencies/agencies.repository.ts';
import { PORTAL_CSP } from './portal-security.ts';
import { registerPortalHome } from './portal.routes.ts';

describeEachDatabase('portal platform home', (database) => {
  it('lists every agency under its parent, with links, and the portal headers', async () => {
    const agencies = createAgenciesRepository(database.db);
    const city = await agencies.createAgency({ code: 'city', name: '示范市人民政府', level: 'municipal' });
    await agencies.createAgency({ code: 'city-fgw', name: '示范市发展和改革委员会', level: 'municipal', parentId: city.id });
    const county = await agencies.createAgency({ code: 'county', name: '示范县人民政府', level: 'county', parentId: city.id });
    await agencies.createAgency({ code: 'town', name: '示范镇人民政府', level: 'township', parentId: county.id });
    await agencies.createAgency({ code: 'other', name: '<b>另一个</b>机关', level: 'provincial' });

    const app = Fastify();
    await registerPortalHome(app, { db: database.db });
    const res = await app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-security-policy']).toBe(PORTAL_CSP);
    const root = parse(res.body);
    expect(root.querySelector('title')?.text).toBe('首页 - 政府信息公开');
    const groups = root.querySelectorAll('ul.agency-groups > li');
    expect(groups.map((li) => li.querySelector('a')?.text)).toEqual(['示范市人民政府', '<b>另一个</b>机关']);
    expect(groups[0]!.querySelectorAll(':scope > ul > li > a').map((a) => [a.text, a.getAttribute('href')])).toEqual([
      ['示范市发展和改革委员会', '/city-fgw/'],
      ['示范县人民政府', '/county/'],
    ]);
    expect(groups[0]!.querySelector('a[href="/county/"]')?.parentNode?.querySelector('ul a')?.text).toBe('示范镇人民政府');
    expect(res.body).toContain('&lt;b&gt;另一个&lt;/b&gt;机关');
    await app.close();
  });
});
