// 主动公开 section: routes its own pages under /publications — the list, 新建, one item (the
// author's editor while a draft or returned, otherwise the details with the review), the
// 目录 and the 指南. The catalogue is loaded once: every page names categories by it.
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Result, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { navigate } from '../router.ts';
import type { SectionProps } from '../section-props.ts';
import { CataloguePage } from './catalogue-page.tsx';
import { GuidePage } from './guide-page.tsx';
import type { Catalogue, Guide, PublicationDetails } from './publication-api.ts';
import { errorText, getCatalogue, getGuide, getPublication } from './publication-api.ts';
import { PublicationEditor } from './publication-editor.tsx';
import { PublicationListPage } from './publication-list-page.tsx';
import { PublicationView } from './publication-view.tsx';

const loading = <Spin size="large" style={{ display: 'block', margin: '80px auto' }} />;
const back = (
  <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/publications')}>
    返回列表
  </Button>
);

export function PublicationsSection(props: SectionProps) {
  const { agency, path } = props;
  const [catalogue, setCatalogue] = useState<Catalogue | null>(null);
  const [error, setError] = useState<string | null>(null);
  const sub = path.replace(/^\/publications\/?/, '');
  // Reloaded on entering the catalogue page so its counts are current.
  const onCataloguePage = sub === 'catalogue';

  useEffect(() => {
    let live = true;
    getCatalogue(agency)
      .then((result) => live && setCatalogue(result))
      .catch((caught: unknown) => live && setError(errorText(caught, '目录载入失败，请稍后重试。')));
    return () => {
      live = false;
    };
  }, [agency, onCataloguePage]);

  if (error !== null) return <Result status="warning" title={error} />;
  if (catalogue === null) return loading;
  if (sub === '') return <PublicationListPage {...props} catalogue={catalogue.nodes} />;
  if (sub === 'new') {
    return props.actions.includes('publication.draft') ? (
      <PublicationEditor key="new" {...props} initial={null} catalogue={catalogue.nodes} />
    ) : (
      <Result status="403" title="无权起草主动公开信息" extra={back} />
    );
  }
  if (sub === 'catalogue') return <CataloguePage catalogue={catalogue} />;
  if (sub === 'guide') return <GuideLoader agency={agency} />;
  if (/^\d+$/.test(sub)) return <PublicationLoader key={sub} {...props} id={Number(sub)} catalogue={catalogue} />;
  return <Result status="404" title="页面不存在" extra={back} />;
}

function GuideLoader({ agency }: { agency: string }) {
  const [guide, setGuide] = useState<Guide | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    getGuide(agency)
      .then((result) => live && setGuide(result))
      .catch((caught: unknown) => live && setError(errorText(caught, '指南载入失败，请稍后重试。')));
    return () => {
      live = false;
    };
  }, [agency]);
  if (error !== null) return <Result status="warning" title={error} extra={back} />;
  return guide === null ? loading : <GuidePage guide={guide} />;
}

/** The author edits a draft or a returned item; everyone else (and the author once submitted) sees the details. */
function PublicationLoader(props: SectionProps & { id: number; catalogue: Catalogue }) {
  const { id, me, actions } = props;
  const [details, setDetails] = useState<PublicationDetails | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    getPublication(id)
      .then((result) => live && setDetails(result))
      .catch((caught: unknown) => live && setError(errorText(caught, '载入失败，请稍后重试。')));
    return () => {
      live = false;
    };
  }, [id]);
  if (error !== null) return <Result status="warning" title={error} extra={back} />;
  if (details === null) return loading;
  const editable = (details.state === 'draft' || details.state === 'returned') && details.author === me.login && actions.includes('publication.edit');
  return editable ? (
    <PublicationEditor {...props} initial={details} catalogue={props.catalogue.nodes} onSubmitted={setDetails} />
  ) : (
    <PublicationView {...props} details={details} catalogue={props.catalogue.nodes} onChanged={setDetails} />
  );
}
